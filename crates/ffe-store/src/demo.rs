//! The demo data of `ffe serve --demo`: one open batch, the authorities, three experts and three
//! enterprises (in different cities and industries, one of them process-industry), seeded once.
//!
//! ent1 (Hangzhou) has a half-filled draft; ent2 (Ningbo, process industry) has submitted and is
//! assigned to expert1 and expert2; ent3 (Wenzhou) has not started. No demo data ever assigns ent1's
//! application to expert3 (the browser tests rely on expert3 seeing nothing of ent1).

use serde::Serialize;

use crate::clock::now;
use crate::db::{Pool, Store};
use crate::error::StoreError;
use crate::users::Role;

pub const DEMO_PASSWORD: &str = "demo1234!";
pub const DEMO_BATCH_NAME: &str = "2026 年度省级未来工厂评价（演示）";

/// A demo login, printed at start.
#[derive(Debug, Clone, Serialize)]
pub struct DemoAccount {
    pub username: &'static str,
    pub display_name: &'static str,
    pub role: Role,
    /// The organisation's name, if any.
    pub organization: Option<&'static str>,
}

/// What the seed did.
#[derive(Debug, Clone, Serialize)]
pub struct DemoSeed {
    /// `false` when an earlier start (or another instance) had already seeded.
    pub seeded_now: bool,
    pub accounts: Vec<DemoAccount>,
}

struct DemoOrg {
    key: &'static str,
    kind: &'static str,
    name: &'static str,
    city: Option<&'static str>,
    county: Option<&'static str>,
    credit_code: Option<&'static str>,
    industry: Option<&'static str>,
    mode: Option<&'static str>,
}

const ORGS: [DemoOrg; 6] = [
    DemoOrg {
        key: "province",
        kind: "province",
        name: "浙江省经济和信息化厅",
        city: None,
        county: None,
        credit_code: None,
        industry: None,
        mode: None,
    },
    DemoOrg {
        key: "city-hz",
        kind: "city",
        name: "杭州市经济和信息化局",
        city: Some("330100"),
        county: None,
        credit_code: None,
        industry: None,
        mode: None,
    },
    DemoOrg {
        key: "city-nb",
        kind: "city",
        name: "宁波市经济和信息化局",
        city: Some("330200"),
        county: None,
        credit_code: None,
        industry: None,
        mode: None,
    },
    DemoOrg {
        key: "ent1",
        kind: "enterprise",
        name: "杭州示范智能装备有限公司",
        city: Some("330100"),
        county: Some("330106"),
        credit_code: Some("91330106FFE000093J"),
        industry: Some("34"),
        mode: Some("discrete"),
    },
    DemoOrg {
        key: "ent2",
        kind: "enterprise",
        name: "宁波示范新材料股份有限公司",
        city: Some("330200"),
        county: Some("330206"),
        credit_code: Some("91330206FFE000106D"),
        industry: Some("26"),
        mode: Some("process"),
    },
    DemoOrg {
        key: "ent3",
        kind: "enterprise",
        name: "温州示范电气科技有限公司",
        city: Some("330300"),
        county: Some("330302"),
        credit_code: Some("91330302FFE000114K"),
        industry: Some("38"),
        mode: Some("discrete"),
    },
];

/// Username, display name, role, organisation key.
const ACCOUNTS: [(&str, &str, Role, Option<&str>); 9] = [
    (
        "province",
        "省经信厅（演示）",
        Role::ProvinceAdmin,
        Some("province"),
    ),
    (
        "city-hz",
        "杭州市经信局（演示）",
        Role::CityAdmin,
        Some("city-hz"),
    ),
    (
        "city-nb",
        "宁波市经信局（演示）",
        Role::CityAdmin,
        Some("city-nb"),
    ),
    ("expert1", "专家一（演示）", Role::Expert, None),
    ("expert2", "专家二（演示）", Role::Expert, None),
    ("expert3", "专家三（演示）", Role::Expert, None),
    (
        "ent1",
        "杭州示范智能装备（演示）",
        Role::EnterpriseAdmin,
        Some("ent1"),
    ),
    (
        "ent2",
        "宁波示范新材料（演示）",
        Role::EnterpriseAdmin,
        Some("ent2"),
    ),
    (
        "ent3",
        "温州示范电气（演示）",
        Role::EnterpriseAdmin,
        Some("ent3"),
    ),
];

fn org_name(key: &str) -> Option<&'static str> {
    ORGS.iter().find(|o| o.key == key).map(|o| o.name)
}

/// The demo accounts, whether or not they are seeded.
pub fn demo_accounts() -> Vec<DemoAccount> {
    ACCOUNTS
        .iter()
        .map(|(username, display_name, role, org)| DemoAccount {
            username,
            display_name,
            role: *role,
            organization: org.and_then(org_name),
        })
        .collect()
}

/// What the seed needs from outside the store.
#[derive(Debug, Clone)]
pub struct DemoInput {
    pub index_edition: String,
    pub scheme_edition: String,
    /// One argon2id hash per account in [`ACCOUNTS`] order (all of [`DEMO_PASSWORD`]).
    pub password_hashes: Vec<String>,
    /// ent1's half-filled answers.
    pub ent1_answers: serde_json::Value,
    /// ent2's (complete, submitted) answers.
    pub ent2_answers: serde_json::Value,
}

macro_rules! seed_in {
    ($tx:expr, $input:expr, $at:expr) => {{
        let claimed: Option<i64> = sqlx::query_scalar(
            "INSERT INTO demo_seed (id, seeded_at) VALUES (1, $1) ON CONFLICT (id) DO NOTHING RETURNING id",
        )
        .bind($at)
        .fetch_optional(&mut *$tx)
        .await?;
        if claimed.is_none() {
            false
        } else {
            let mut org_ids = std::collections::HashMap::new();
            for o in &ORGS {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO organizations (kind, name, city_code, county_code, credit_code, \
                     industry_code, production_mode, status, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, 'approved', $8) RETURNING id",
                )
                .bind(o.kind)
                .bind(o.name)
                .bind(o.city)
                .bind(o.county)
                .bind(o.credit_code)
                .bind(o.industry)
                .bind(o.mode)
                .bind($at)
                .fetch_one(&mut *$tx)
                .await?;
                org_ids.insert(o.key, id);
            }
            let mut user_ids = std::collections::HashMap::new();
            for ((username, display, role, org), hash) in ACCOUNTS.iter().zip(&$input.password_hashes) {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO users (username, display_name, password_hash, role, org_id, active, \
                     created_at, password_changed_at) VALUES ($1, $2, $3, $4, $5, TRUE, $6, $6) RETURNING id",
                )
                .bind(*username)
                .bind(*display)
                .bind(hash)
                .bind(role.as_str())
                .bind(org.and_then(|k| org_ids.get(k).copied()))
                .bind($at)
                .fetch_one(&mut *$tx)
                .await?;
                user_ids.insert(*username, id);
            }
            let id_of = |map: &std::collections::HashMap<&str, i64>, k: &str| {
                map.get(k).copied().ok_or(StoreError::Corrupt(format!("demo seed lost {k}")))
            };
            let batch: i64 = sqlx::query_scalar(
                "INSERT INTO batches (name, year, index_edition, scheme_edition, opens_on, closes_on, \
                 status, created_by, created_at, updated_at) \
                 VALUES ($1, 2026, $2, $3, '2026-11-01', '2026-12-31', 'open', $4, $5, $5) RETURNING id",
            )
            .bind(DEMO_BATCH_NAME)
            .bind(&$input.index_edition)
            .bind(&$input.scheme_edition)
            .bind(id_of(&user_ids, "province")?)
            .bind($at)
            .fetch_one(&mut *$tx)
            .await?;
            sqlx::query(
                "INSERT INTO applications (batch_id, org_id, status, answers, answered, created_by, \
                 created_at, updated_at) VALUES ($1, $2, 'draft', $3, $6, $4, $5, $5)",
            )
            .bind(batch)
            .bind(id_of(&org_ids, "ent1")?)
            .bind($input.ent1_answers.to_string())
            .bind(id_of(&user_ids, "ent1")?)
            .bind($at)
            .bind(answered(&$input.ent1_answers))
            .execute(&mut *$tx)
            .await?;
            let ent2_app: i64 = sqlx::query_scalar(
                "INSERT INTO applications (batch_id, org_id, status, answers, answered, created_by, \
                 created_at, updated_at, submitted_at, version) \
                 VALUES ($1, $2, 'submitted', $3, $6, $4, $5, $5, $5, 2) RETURNING id",
            )
            .bind(batch)
            .bind(id_of(&org_ids, "ent2")?)
            .bind($input.ent2_answers.to_string())
            .bind(id_of(&user_ids, "ent2")?)
            .bind($at)
            .bind(answered(&$input.ent2_answers))
            .fetch_one(&mut *$tx)
            .await?;
            for expert in ["expert1", "expert2"] {
                sqlx::query(
                    "INSERT INTO assignments (application_id, expert_id, assigned_at) VALUES ($1, $2, $3)",
                )
                .bind(ent2_app)
                .bind(id_of(&user_ids, expert)?)
                .bind($at)
                .execute(&mut *$tx)
                .await?;
            }
            true
        }
    }};
}

impl Store {
    /// Seed the demo data unless it is there already; in one transaction, so a crash leaves nothing
    /// half-seeded and concurrent starts seed once.
    pub async fn seed_demo(&self, input: &DemoInput) -> Result<DemoSeed, StoreError> {
        if input.password_hashes.len() != ACCOUNTS.len() {
            return Err(StoreError::Corrupt(
                "demo seed needs one hash per account".into(),
            ));
        }
        let at = now();
        let seeded_now = match &self.pool {
            Pool::Sqlite(pool) => {
                let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                let seeded = seed_in!(tx, input, at);
                tx.commit().await?;
                seeded
            }
            Pool::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                let seeded = seed_in!(tx, input, at);
                tx.commit().await?;
                seeded
            }
        };
        Ok(DemoSeed {
            seeded_now,
            accounts: demo_accounts(),
        })
    }
}

/// How many elements a demo application answers (kept beside the answers, for lists).
fn answered(answers: &serde_json::Value) -> i64 {
    answers
        .as_object()
        .map_or(0, |o| i64::try_from(o.len()).unwrap_or(i64::MAX))
}
