//! Accounts: list within scope, change an enterprise account's role.

use ffe_store::access::Rights;
use ffe_store::{Account, Role, UserId};

use super::record;
use crate::auth::RequestCtx;
use crate::error::{AppError, FieldError};
use crate::state::AppState;

pub async fn list(state: &AppState, rights: &Rights) -> Result<Vec<Account>, AppError> {
    Ok(state.store().accounts(&rights.user_scope()).await?)
}

pub async fn change_role(
    state: &AppState,
    rights: &Rights,
    ctx: &RequestCtx,
    id: i64,
    role: &str,
) -> Result<Account, AppError> {
    let scope = rights.user_scope();
    let target = state
        .store()
        .account_in(&scope, UserId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let role = Role::parse(role).ok_or_else(|| {
        AppError::Invalid(vec![FieldError::new(
            "role",
            format!("未知的角色“{role}”。"),
            "Unknown role.",
        )])
    })?;
    let change = rights.perm_change_role(&target, role)?;
    state.store().change_role(&change).await?;
    record(
        state,
        ctx,
        Some(rights),
        "role.change",
        ("user", target.id.to_string()),
        serde_json::json!({"username": target.username, "from": target.role.as_str(), "to": role.as_str()}),
    )
    .await?;
    state
        .store()
        .account_in(&scope, target.id)
        .await?
        .ok_or(AppError::NotFound)
}
