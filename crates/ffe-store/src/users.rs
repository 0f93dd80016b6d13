//! Accounts and their roles.

use serde::{Deserialize, Serialize};

use crate::access::{RoleChanger, UserScope};
use crate::db::{Store, with_pool};
use crate::error::StoreError;
use crate::ids::{OrgId, UserId};
use crate::organizations::OrgStatus;

/// What an account is for. Enterprise roles belong to an enterprise organisation, the city admin to a
/// city authority, the province admin to the province; experts stand alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    ProvinceAdmin,
    CityAdmin,
    Expert,
    EnterpriseAdmin,
    EnterpriseMember,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::ProvinceAdmin,
        Role::CityAdmin,
        Role::Expert,
        Role::EnterpriseAdmin,
        Role::EnterpriseMember,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::ProvinceAdmin => "province_admin",
            Role::CityAdmin => "city_admin",
            Role::Expert => "expert",
            Role::EnterpriseAdmin => "enterprise_admin",
            Role::EnterpriseMember => "enterprise_member",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == text)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Role::ProvinceAdmin => "省经信厅管理员",
            Role::CityAdmin => "市经信局管理员",
            Role::Expert => "评审专家",
            Role::EnterpriseAdmin => "企业管理员",
            Role::EnterpriseMember => "企业填报员",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Role::ProvinceAdmin => "Province administrator",
            Role::CityAdmin => "City administrator",
            Role::Expert => "Expert reviewer",
            Role::EnterpriseAdmin => "Enterprise administrator",
            Role::EnterpriseMember => "Enterprise member",
        }
    }

    pub fn is_enterprise(self) -> bool {
        matches!(self, Role::EnterpriseAdmin | Role::EnterpriseMember)
    }
}

/// An account as the rest of the system sees it: who, which role, which organisation and city.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    pub org_id: Option<OrgId>,
    pub org_name: Option<String>,
    pub org_status: Option<OrgStatus>,
    pub city_code: Option<String>,
}

/// A new account. The password arrives already hashed (see [`crate::PasswordHasher`]).
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: Role,
    pub org_id: Option<OrgId>,
    pub active: bool,
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    username: String,
    display_name: String,
    role: String,
    active: bool,
    org_id: Option<i64>,
    org_name: Option<String>,
    org_status: Option<String>,
    city_code: Option<String>,
}

impl AccountRow {
    fn into_account(self) -> Result<Account, StoreError> {
        let role = Role::parse(&self.role)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown role {:?}", self.role)))?;
        let org_status = match self.org_status.as_deref() {
            None => None,
            Some(s) => Some(
                OrgStatus::parse(s)
                    .ok_or_else(|| StoreError::Corrupt(format!("unknown org status {s:?}")))?,
            ),
        };
        Ok(Account {
            id: UserId(self.id),
            username: self.username,
            display_name: self.display_name,
            role,
            active: self.active,
            org_id: self.org_id.map(OrgId),
            org_name: self.org_name,
            org_status,
            city_code: self.city_code,
        })
    }
}

/// The account columns and their join, after `SELECT`.
pub(crate) const ACCOUNT_COLUMNS: &str = "u.id, u.username, u.display_name, u.role, u.active, u.org_id, \
     o.name AS org_name, o.status AS org_status, o.city_code \
     FROM users u LEFT JOIN organizations o ON o.id = u.org_id";

/// Usernames compare case-insensitively: they are stored lower-cased.
pub fn normalize_username(name: &str) -> String {
    name.trim().to_lowercase()
}

impl Store {
    /// The account and its password hash, for the login check.
    pub async fn account_for_login(
        &self,
        username: &str,
    ) -> Result<Option<(Account, String)>, StoreError> {
        let sql = format!("SELECT u.password_hash, {ACCOUNT_COLUMNS} WHERE u.username = $1");
        let name = normalize_username(username);
        let row: Option<(String, AccountRowWithHash)> = with_pool!(self, pool => {
            sqlx::query_as::<_, AccountRowWithHash>(sqlx::AssertSqlSafe(sql))
                .bind(&name)
                .fetch_optional(pool)
                .await?
                .map(|r| (r.password_hash.clone(), r))
        });
        match row {
            None => Ok(None),
            Some((hash, r)) => Ok(Some((r.account.into_account()?, hash))),
        }
    }

    /// The account behind a session, looked up on every request so that a role change or a
    /// deactivation takes effect at once.
    pub async fn account(&self, id: UserId) -> Result<Option<Account>, StoreError> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} WHERE u.id = $1");
        let row: Option<AccountRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id.0).fetch_optional(pool).await?
        });
        row.map(AccountRow::into_account).transpose()
    }

    /// The accounts a scope covers.
    pub async fn accounts(&self, scope: &UserScope) -> Result<Vec<Account>, StoreError> {
        let (condition, int_arg, text_arg): (&str, Option<i64>, Option<String>) = match scope {
            UserScope::All => ("", None, None),
            UserScope::City(city) => ("WHERE o.city_code = $1", None, Some(city.clone())),
            UserScope::Org(org) => ("WHERE u.org_id = $1", Some(org.0), None),
            UserScope::Own(id) => ("WHERE u.id = $1", Some(id.0), None),
        };
        let sql = format!("SELECT {ACCOUNT_COLUMNS} {condition} ORDER BY u.id");
        let rows: Vec<AccountRow> = with_pool!(self, pool => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
            if let Some(a) = int_arg {
                q = q.bind(a);
            }
            if let Some(c) = &text_arg {
                q = q.bind(c.clone());
            }
            q.fetch_all(pool).await?
        });
        rows.into_iter().map(AccountRow::into_account).collect()
    }

    /// One account, if the scope covers it.
    pub async fn account_in(
        &self,
        scope: &UserScope,
        id: UserId,
    ) -> Result<Option<Account>, StoreError> {
        Ok(self.account(id).await?.filter(|a| scope.covers(a)))
    }

    /// Apply a checked role change.
    pub async fn change_role(&self, change: &RoleChanger) -> Result<(), StoreError> {
        let n = with_pool!(self, pool => {
            sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
                .bind(change.role().as_str())
                .bind(change.user().0)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    pub(crate) async fn set_org_users_active(
        &self,
        org: OrgId,
        active: bool,
    ) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            sqlx::query("UPDATE users SET active = $1 WHERE org_id = $2")
                .bind(active)
                .bind(org.0)
                .execute(pool)
                .await?;
        });
        Ok(())
    }
}

#[derive(sqlx::FromRow)]
struct AccountRowWithHash {
    password_hash: String,
    #[sqlx(flatten)]
    account: AccountRow,
}
