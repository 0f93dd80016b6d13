//! Applications: one per enterprise and batch. This issue keeps them minimal (answers as JSON, draft
//! and submitted); forms, autosave, uploads and snapshots build on this table later.

use serde::{Deserialize, Serialize};

use crate::access::{ApplicationCreator, ApplicationScope, ApplicationSubmitter};
use crate::clock::now;
use crate::db::{Store, with_pool};
use crate::error::StoreError;
use crate::ids::{ApplicationId, BatchId, OrgId, UserId};
use crate::organizations::ProductionMode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    Draft,
    Submitted,
}

impl ApplicationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationStatus::Draft => "draft",
            ApplicationStatus::Submitted => "submitted",
        }
    }

    pub fn parse(text: &str) -> Option<ApplicationStatus> {
        match text {
            "draft" => Some(ApplicationStatus::Draft),
            "submitted" => Some(ApplicationStatus::Submitted),
            _ => None,
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            ApplicationStatus::Draft => "填报中",
            ApplicationStatus::Submitted => "已提交",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            ApplicationStatus::Draft => "Draft",
            ApplicationStatus::Submitted => "Submitted",
        }
    }
}

/// An application without its answers: what lists, counts and permission checks need. Lists never
/// load answers, so a province-wide list costs the same whatever the applications hold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApplicationSummary {
    pub id: ApplicationId,
    pub batch_id: BatchId,
    pub batch_name: String,
    pub org_id: OrgId,
    pub org_name: String,
    pub city_code: Option<String>,
    pub county_code: Option<String>,
    pub industry_code: Option<String>,
    pub production_mode: Option<ProductionMode>,
    pub status: ApplicationStatus,
    /// How many elements have an answer, kept beside the answers when they are written.
    pub answered: i64,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
}

/// One application with its answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Application {
    #[serde(flatten)]
    pub summary: ApplicationSummary,
    /// Answers keyed by element code; their shape is the index's business, not the store's.
    pub answers: serde_json::Value,
}

/// An application is its summary plus answers: reading `app.status` reads the summary's.
impl std::ops::Deref for Application {
    type Target = ApplicationSummary;
    fn deref(&self) -> &ApplicationSummary {
        &self.summary
    }
}

/// The initial answers of a new application (empty for a real one; the demo seeds some).
#[derive(Debug, Clone, Default)]
pub struct NewApplication {
    pub answers: serde_json::Map<String, serde_json::Value>,
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    batch_id: i64,
    batch_name: String,
    org_id: i64,
    org_name: String,
    city_code: Option<String>,
    county_code: Option<String>,
    industry_code: Option<String>,
    production_mode: Option<String>,
    status: String,
    answered: i64,
    version: i64,
    created_at: i64,
    updated_at: i64,
    submitted_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct ApplicationRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    answers: String,
}

impl ApplicationRow {
    fn into_application(self) -> Result<Application, StoreError> {
        Ok(Application {
            summary: self.summary.into_summary()?,
            answers: serde_json::from_str(&self.answers)
                .map_err(|e| StoreError::Corrupt(format!("application answers: {e}")))?,
        })
    }
}

impl SummaryRow {
    fn into_summary(self) -> Result<ApplicationSummary, StoreError> {
        Ok(ApplicationSummary {
            id: ApplicationId(self.id),
            batch_id: BatchId(self.batch_id),
            batch_name: self.batch_name,
            org_id: OrgId(self.org_id),
            org_name: self.org_name,
            city_code: self.city_code,
            county_code: self.county_code,
            industry_code: self.industry_code,
            production_mode: self
                .production_mode
                .as_deref()
                .and_then(ProductionMode::parse),
            status: ApplicationStatus::parse(&self.status).ok_or_else(|| {
                StoreError::Corrupt(format!("application status {:?}", self.status))
            })?,
            answered: self.answered,
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
            submitted_at: self.submitted_at,
        })
    }
}

const SUMMARY_COLUMNS: &str = "a.id, a.batch_id, b.name AS batch_name, a.org_id, \
     o.name AS org_name, o.city_code, o.county_code, o.industry_code, o.production_mode, a.status, \
     a.answered, a.version, a.created_at, a.updated_at, a.submitted_at";
const FROM: &str = "FROM applications a JOIN batches b ON b.id = a.batch_id JOIN organizations o ON o.id = a.org_id";

/// The `WHERE` condition of a scope, with its parameter at `$1` (if any).
fn scope_condition(scope: &ApplicationScope) -> (&'static str, Option<ScopeArg>) {
    match scope {
        ApplicationScope::All => ("TRUE", None),
        ApplicationScope::City(city) => ("o.city_code = $1", Some(ScopeArg::Text(city.clone()))),
        ApplicationScope::Org(org) => ("a.org_id = $1", Some(ScopeArg::Int(org.0))),
        ApplicationScope::AssignedTo(expert) => (
            "a.status <> 'draft' AND EXISTS (SELECT 1 FROM assignments s \
             WHERE s.application_id = a.id AND s.expert_id = $1)",
            Some(ScopeArg::Int(expert.0)),
        ),
    }
}

enum ScopeArg {
    Text(String),
    Int(i64),
}

macro_rules! bind_scope {
    ($q:expr, $arg:expr) => {
        match $arg {
            None => $q,
            Some(ScopeArg::Text(t)) => $q.bind(t),
            Some(ScopeArg::Int(i)) => $q.bind(i),
        }
    };
}

impl Store {
    /// The applications a scope covers, newest first, without their answers.
    pub async fn applications(
        &self,
        scope: &ApplicationScope,
    ) -> Result<Vec<ApplicationSummary>, StoreError> {
        let (condition, arg) = scope_condition(scope);
        let sql = format!("SELECT {SUMMARY_COLUMNS} {FROM} WHERE {condition} ORDER BY a.id DESC");
        let rows: Vec<SummaryRow> = with_pool!(self, pool => {
            let q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
            bind_scope!(q, arg).fetch_all(pool).await?
        });
        rows.into_iter().map(SummaryRow::into_summary).collect()
    }

    /// One application, if the scope covers it; otherwise `None` (answered as 404).
    pub async fn application(
        &self,
        scope: &ApplicationScope,
        id: ApplicationId,
    ) -> Result<Option<Application>, StoreError> {
        let (condition, arg) = scope_condition(scope);
        let id_param = if arg.is_some() { "$2" } else { "$1" };
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, a.answers {FROM} WHERE {condition} AND a.id = {id_param}"
        );
        let row: Option<ApplicationRow> = with_pool!(self, pool => {
            let q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
            bind_scope!(q, arg).bind(id.0).fetch_optional(pool).await?
        });
        row.map(ApplicationRow::into_application).transpose()
    }

    /// Start an application. One per enterprise and batch: a second answers a conflict.
    pub async fn create_application(
        &self,
        creator: &ApplicationCreator,
        new: &NewApplication,
    ) -> Result<Application, StoreError> {
        let at = now();
        let answers = serde_json::Value::Object(new.answers.clone()).to_string();
        let answered = i64::try_from(new.answers.len()).unwrap_or(i64::MAX);
        let id: Option<i64> = with_pool!(self, pool => {
            sqlx::query_scalar(
                "INSERT INTO applications (batch_id, org_id, status, answers, answered, created_by, \
                 created_at, updated_at) VALUES ($1, $2, 'draft', $3, $4, $5, $6, $6) \
                 ON CONFLICT (batch_id, org_id) DO NOTHING RETURNING id",
            )
            .bind(creator.batch().0)
            .bind(creator.org().0)
            .bind(answers)
            .bind(answered)
            .bind(creator.user().0)
            .bind(at)
            .fetch_optional(pool)
            .await?
        });
        let id = id.ok_or(StoreError::Conflict("application exists"))?;
        self.application(&ApplicationScope::Org(creator.org()), ApplicationId(id))
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// Submit a draft, only while its batch is still open (checked again here, in the same
    /// statement, so a batch closed a moment ago takes no more submissions).
    pub async fn submit_application(
        &self,
        submitter: &ApplicationSubmitter,
    ) -> Result<(), StoreError> {
        let n = with_pool!(self, pool => {
            sqlx::query(
                "UPDATE applications SET status = 'submitted', submitted_at = $1, updated_at = $1, \
                 version = version + 1 WHERE id = $2 AND status = 'draft' AND EXISTS \
                 (SELECT 1 FROM batches b WHERE b.id = applications.batch_id AND b.status = 'open')",
            )
            .bind(now())
            .bind(submitter.application().0)
            .execute(pool)
            .await?
            .rows_affected()
        });
        if n == 0 {
            return Err(StoreError::Conflict("application not submittable"));
        }
        Ok(())
    }

    /// The experts assigned to an application.
    pub async fn assigned_experts(
        &self,
        application: ApplicationId,
    ) -> Result<Vec<UserId>, StoreError> {
        let ids: Vec<i64> = with_pool!(self, pool => {
            sqlx::query_scalar("SELECT expert_id FROM assignments WHERE application_id = $1 ORDER BY expert_id")
                .bind(application.0)
                .fetch_all(pool)
                .await?
        });
        Ok(ids.into_iter().map(UserId).collect())
    }
}
