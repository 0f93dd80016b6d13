//! Organisations: the province, the city authorities and the enterprises (with their registration).

use serde::{Deserialize, Serialize};

use crate::access::{RegistrationReviewer, RegistrationScope};
use crate::clock::now;
use crate::db::{Store, with_pool};
use crate::error::StoreError;
use crate::ids::{OrgId, UserId};
use crate::users::NewUser;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Province,
    City,
    Enterprise,
}

impl OrgKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Province => "province",
            OrgKind::City => "city",
            OrgKind::Enterprise => "enterprise",
        }
    }

    pub fn parse(text: &str) -> Option<OrgKind> {
        [OrgKind::Province, OrgKind::City, OrgKind::Enterprise]
            .into_iter()
            .find(|k| k.as_str() == text)
    }
}

/// Where an enterprise's self-registration stands; authorities are created approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgStatus {
    Pending,
    Approved,
    Rejected,
}

impl OrgStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgStatus::Pending => "pending",
            OrgStatus::Approved => "approved",
            OrgStatus::Rejected => "rejected",
        }
    }

    pub fn parse(text: &str) -> Option<OrgStatus> {
        [OrgStatus::Pending, OrgStatus::Approved, OrgStatus::Rejected]
            .into_iter()
            .find(|k| k.as_str() == text)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            OrgStatus::Pending => "待审核",
            OrgStatus::Approved => "已通过",
            OrgStatus::Rejected => "未通过",
        }
    }
}

/// 离散型 or 流程型: decides which index items apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProductionMode {
    Discrete,
    Process,
}

impl ProductionMode {
    pub fn as_str(self) -> &'static str {
        match self {
            ProductionMode::Discrete => "discrete",
            ProductionMode::Process => "process",
        }
    }

    pub fn parse(text: &str) -> Option<ProductionMode> {
        match text {
            "discrete" => Some(ProductionMode::Discrete),
            "process" => Some(ProductionMode::Process),
            _ => None,
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            ProductionMode::Discrete => "离散型",
            ProductionMode::Process => "流程型",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Organization {
    pub id: OrgId,
    pub kind: OrgKind,
    pub name: String,
    pub city_code: Option<String>,
    pub county_code: Option<String>,
    pub credit_code: Option<String>,
    pub industry_code: Option<String>,
    pub production_mode: Option<ProductionMode>,
    pub status: OrgStatus,
    pub review_note: Option<String>,
    pub created_at: i64,
}

/// A self-registered enterprise with its first administrator, already validated by the caller.
#[derive(Debug, Clone)]
pub struct NewEnterprise {
    pub name: String,
    pub credit_code: String,
    pub city_code: String,
    pub county_code: String,
    pub industry_code: String,
    pub production_mode: ProductionMode,
}

#[derive(sqlx::FromRow)]
struct OrgRow {
    id: i64,
    kind: String,
    name: String,
    city_code: Option<String>,
    county_code: Option<String>,
    credit_code: Option<String>,
    industry_code: Option<String>,
    production_mode: Option<String>,
    status: String,
    review_note: Option<String>,
    created_at: i64,
}

impl OrgRow {
    fn into_org(self) -> Result<Organization, StoreError> {
        let corrupt = |what: &str, v: &str| StoreError::Corrupt(format!("unknown {what} {v:?}"));
        Ok(Organization {
            id: OrgId(self.id),
            kind: OrgKind::parse(&self.kind).ok_or_else(|| corrupt("org kind", &self.kind))?,
            name: self.name,
            city_code: self.city_code,
            county_code: self.county_code,
            credit_code: self.credit_code,
            industry_code: self.industry_code,
            production_mode: match self.production_mode {
                None => None,
                Some(m) => {
                    Some(ProductionMode::parse(&m).ok_or_else(|| corrupt("production mode", &m))?)
                }
            },
            status: OrgStatus::parse(&self.status)
                .ok_or_else(|| corrupt("org status", &self.status))?,
            review_note: self.review_note,
            created_at: self.created_at,
        })
    }
}

const ORG_COLUMNS: &str = "id, kind, name, city_code, county_code, credit_code, industry_code, \
     production_mode, status, review_note, created_at FROM organizations";

impl Store {
    /// Create an authority (province or city); used by the demo seed and by administrators' tools.
    pub async fn insert_authority(
        &self,
        kind: OrgKind,
        name: &str,
        city_code: Option<&str>,
    ) -> Result<OrgId, StoreError> {
        let id: i64 = with_pool!(self, pool => {
            sqlx::query_scalar(
                "INSERT INTO organizations (kind, name, city_code, status, created_at) \
                 VALUES ($1, $2, $3, 'approved', $4) RETURNING id",
            )
            .bind(kind.as_str())
            .bind(name)
            .bind(city_code)
            .bind(now())
            .fetch_one(pool)
            .await?
        });
        Ok(OrgId(id))
    }

    /// Register an enterprise and its first administrator in one transaction. The enterprise waits
    /// for its city's approval (`status = pending`) and its administrator cannot log in until then.
    pub async fn register_enterprise(
        &self,
        enterprise: &NewEnterprise,
        admin: &NewUser,
        status: OrgStatus,
    ) -> Result<(OrgId, UserId), StoreError> {
        let at = now();
        with_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let org: i64 = sqlx::query_scalar(
                "INSERT INTO organizations (kind, name, city_code, county_code, credit_code, \
                 industry_code, production_mode, status, created_at) \
                 VALUES ('enterprise', $1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(&enterprise.name)
            .bind(&enterprise.city_code)
            .bind(&enterprise.county_code)
            .bind(&enterprise.credit_code)
            .bind(&enterprise.industry_code)
            .bind(enterprise.production_mode.as_str())
            .bind(status.as_str())
            .bind(at)
            .fetch_one(&mut *tx)
            .await?;
            let user: i64 = sqlx::query_scalar(
                "INSERT INTO users (username, display_name, password_hash, role, org_id, active, \
                 created_at, password_changed_at) VALUES ($1, $2, $3, $4, $5, TRUE, $6, $6) RETURNING id",
            )
            .bind(crate::users::normalize_username(&admin.username))
            .bind(&admin.display_name)
            .bind(&admin.password_hash)
            .bind(admin.role.as_str())
            .bind(org)
            .bind(at)
            .fetch_one(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok((OrgId(org), UserId(user)))
        })
    }

    /// Whether a credit code or username is already taken (for a friendly form error before insert).
    pub async fn credit_code_taken(&self, credit_code: &str) -> Result<bool, StoreError> {
        let n: i64 = with_pool!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM organizations WHERE credit_code = $1")
                .bind(credit_code)
                .fetch_one(pool)
                .await?
        });
        Ok(n > 0)
    }

    pub async fn username_taken(&self, username: &str) -> Result<bool, StoreError> {
        let n: i64 = with_pool!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE username = $1")
                .bind(crate::users::normalize_username(username))
                .fetch_one(pool)
                .await?
        });
        Ok(n > 0)
    }

    /// Enterprise registrations the caller may review, newest first; `pending_only` for the queue.
    pub async fn registrations(
        &self,
        scope: &RegistrationScope,
        pending_only: bool,
    ) -> Result<Vec<Organization>, StoreError> {
        let status = if pending_only {
            " AND status = 'pending'"
        } else {
            ""
        };
        let rows: Vec<OrgRow> = match scope {
            RegistrationScope::All => {
                let sql = format!(
                    "SELECT {ORG_COLUMNS} WHERE kind = 'enterprise'{status} ORDER BY id DESC"
                );
                with_pool!(self, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await?)
            }
            RegistrationScope::City(city) => {
                let sql = format!(
                    "SELECT {ORG_COLUMNS} WHERE kind = 'enterprise' AND city_code = $1{status} ORDER BY id DESC"
                );
                with_pool!(self, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(city).fetch_all(pool).await?)
            }
        };
        rows.into_iter().map(OrgRow::into_org).collect()
    }

    /// One enterprise registration, if the caller's scope covers it (else `None`, shown as 404).
    pub async fn registration(
        &self,
        scope: &RegistrationScope,
        id: OrgId,
    ) -> Result<Option<Organization>, StoreError> {
        Ok(self
            .organization(id)
            .await?
            .filter(|org| org.kind == OrgKind::Enterprise && scope.covers(org)))
    }

    /// Any organisation by id: for building the caller's own context, never for answering a request
    /// about someone else's (those go through a scope).
    pub async fn organization(&self, id: OrgId) -> Result<Option<Organization>, StoreError> {
        let sql = format!("SELECT {ORG_COLUMNS} WHERE id = $1");
        let row: Option<OrgRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id.0).fetch_optional(pool).await?
        });
        row.map(OrgRow::into_org).transpose()
    }

    /// Approve or reject a pending registration; the capability names the one registration allowed.
    pub async fn review_registration(
        &self,
        reviewer: &RegistrationReviewer,
        approve: bool,
        note: Option<&str>,
    ) -> Result<Organization, StoreError> {
        let status = if approve {
            OrgStatus::Approved
        } else {
            OrgStatus::Rejected
        };
        let n = with_pool!(self, pool => {
            sqlx::query(
                "UPDATE organizations SET status = $1, review_note = $2, reviewed_by = $3, \
                 reviewed_at = $4 WHERE id = $5 AND status = 'pending'",
            )
            .bind(status.as_str())
            .bind(note)
            .bind(reviewer.reviewer().0)
            .bind(now())
            .bind(reviewer.org().0)
            .execute(pool)
            .await?
            .rows_affected()
        });
        if n == 0 {
            return Err(StoreError::Conflict("registration already reviewed"));
        }
        self.set_org_users_active(reviewer.org(), approve).await?;
        self.organization(reviewer.org())
            .await?
            .ok_or(StoreError::NotFound)
    }
}
