//! The API's JSON shapes (documented in the OpenAPI description).

use ffe_store::{Account, Application, ApplicationSummary, AuditEntry, Batch, Organization};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionView {
    pub user: UserView,
    /// Send as the `x-csrf-token` header on every state-changing call.
    pub csrf_token: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    /// `province_admin`, `city_admin`, `expert`, `enterprise_admin` or `enterprise_member`.
    pub role: String,
    pub role_label: String,
    pub organization_id: Option<i64>,
    pub organization: Option<String>,
    pub city_code: Option<String>,
}

impl From<&Account> for UserView {
    fn from(a: &Account) -> Self {
        UserView {
            id: a.id.0,
            username: a.username.clone(),
            display_name: a.display_name.clone(),
            role: a.role.as_str().to_owned(),
            role_label: a.role.label_zh().to_owned(),
            organization_id: a.org_id.map(|o| o.0),
            organization: a.org_name.clone(),
            city_code: a.city_code.clone(),
        }
    }
}

/// One application: its summary (the fields of a list entry) with the answers.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationView {
    #[serde(flatten)]
    pub summary: ApplicationSummaryView,
    /// Answers keyed by element code.
    #[schema(value_type = Object)]
    pub answers: serde_json::Value,
    pub version: i64,
    pub created_at: i64,
}

impl From<&Application> for ApplicationView {
    fn from(a: &Application) -> Self {
        ApplicationView {
            summary: ApplicationSummaryView::from(&a.summary),
            answers: a.answers.clone(),
            version: a.version,
            created_at: a.created_at,
        }
    }
}

/// An application in a list: everything but the answers.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationSummaryView {
    pub id: i64,
    pub batch_id: i64,
    pub batch_name: String,
    pub organization_id: i64,
    pub organization: String,
    pub city_code: Option<String>,
    pub county_code: Option<String>,
    pub industry_code: Option<String>,
    pub production_mode: Option<String>,
    /// `draft` or `submitted`.
    pub status: String,
    /// How many elements have an answer.
    pub answered: usize,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
}

impl From<&ApplicationSummary> for ApplicationSummaryView {
    fn from(a: &ApplicationSummary) -> Self {
        ApplicationSummaryView {
            id: a.id.0,
            batch_id: a.batch_id.0,
            batch_name: a.batch_name.clone(),
            organization_id: a.org_id.0,
            organization: a.org_name.clone(),
            city_code: a.city_code.clone(),
            county_code: a.county_code.clone(),
            industry_code: a.industry_code.clone(),
            production_mode: a.production_mode.map(|m| m.as_str().to_owned()),
            status: a.status.as_str().to_owned(),
            answered: usize::try_from(a.answered).unwrap_or(0),
            updated_at: a.updated_at,
            submitted_at: a.submitted_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewApplicationRequest {
    pub batch_id: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BatchView {
    pub id: i64,
    pub name: String,
    pub year: i64,
    pub index_edition: String,
    pub scheme_edition: String,
    pub opens_on: String,
    pub closes_on: String,
    /// `draft`, `open` or `closed`.
    pub status: String,
    pub created_at: i64,
    pub updated_at: i64,
}

impl From<&Batch> for BatchView {
    fn from(b: &Batch) -> Self {
        BatchView {
            id: b.id.0,
            name: b.name.clone(),
            year: b.year,
            index_edition: b.index_edition.clone(),
            scheme_edition: b.scheme_edition.clone(),
            opens_on: b.opens_on.clone(),
            closes_on: b.closes_on.clone(),
            status: b.status.as_str().to_owned(),
            created_at: b.created_at,
            updated_at: b.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegistrationView {
    pub id: i64,
    pub name: String,
    pub credit_code: Option<String>,
    pub city_code: Option<String>,
    pub county_code: Option<String>,
    pub industry_code: Option<String>,
    pub production_mode: Option<String>,
    /// `pending`, `approved` or `rejected`.
    pub status: String,
    pub review_note: Option<String>,
    pub created_at: i64,
}

impl From<&Organization> for RegistrationView {
    fn from(o: &Organization) -> Self {
        RegistrationView {
            id: o.id.0,
            name: o.name.clone(),
            credit_code: o.credit_code.clone(),
            city_code: o.city_code.clone(),
            county_code: o.county_code.clone(),
            industry_code: o.industry_code.clone(),
            production_mode: o.production_mode.map(|m| m.as_str().to_owned()),
            status: o.status.as_str().to_owned(),
            review_note: o.review_note.clone(),
            created_at: o.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegisteredView {
    pub organization_id: i64,
    pub name: String,
    /// Always `pending`: the city authority approves.
    pub status: String,
    pub message: String,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleRequest {
    pub role: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryView {
    pub id: i64,
    pub at: i64,
    pub actor_id: Option<i64>,
    pub actor: String,
    pub action: String,
    pub object_kind: String,
    pub object_id: String,
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
    pub request_id: String,
    pub ip: String,
    pub hash: String,
}

impl From<&AuditEntry> for AuditEntryView {
    fn from(e: &AuditEntry) -> Self {
        AuditEntryView {
            id: e.id,
            at: e.at,
            actor_id: e.actor_id,
            actor: e.actor.clone(),
            action: e.action.clone(),
            object_kind: e.object_kind.clone(),
            object_id: e.object_id.clone(),
            detail: serde_json::from_str(&e.detail).unwrap_or(serde_json::Value::Null),
            request_id: e.request_id.clone(),
            ip: e.ip.clone(),
            hash: e.hash.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChainView {
    pub intact: bool,
    pub entries: Option<u64>,
    pub broken_at: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CityView {
    pub code: String,
    pub name: String,
    pub counties: Vec<CodeName>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CodeName {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IndustryView {
    pub code: String,
    pub name: String,
    pub groups: Vec<CodeName>,
}

impl CityView {
    /// Zhejiang's cities that `keep` accepts, each with its counties; `None` if the shipped data is
    /// broken (the tests keep it valid).
    pub fn shipped(keep: impl Fn(&ffe_org::City) -> bool) -> Option<Vec<CityView>> {
        let regions = ffe_org::shipped::regions().ok()?;
        Some(
            regions
                .cities
                .iter()
                .filter(|c| keep(c))
                .map(|c| CityView {
                    code: c.code.clone(),
                    name: c.name.clone(),
                    counties: c
                        .counties
                        .iter()
                        .map(|k| CodeName {
                            code: k.code.clone(),
                            name: k.name.clone(),
                        })
                        .collect(),
                })
                .collect(),
        )
    }
}

impl IndustryView {
    /// The GB/T 4754 manufacturing divisions with their groups; `None` if the shipped data is broken.
    pub fn shipped() -> Option<Vec<IndustryView>> {
        let industries = ffe_org::shipped::industries().ok()?;
        Some(
            industries
                .divisions
                .iter()
                .map(|d| IndustryView {
                    code: d.code.clone(),
                    name: d.name.clone(),
                    groups: d
                        .groups
                        .iter()
                        .map(|g| CodeName {
                            code: g.code.clone(),
                            name: g.name.clone(),
                        })
                        .collect(),
                })
                .collect(),
        )
    }
}
