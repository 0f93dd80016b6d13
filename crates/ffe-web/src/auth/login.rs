//! Logging in and out, shared by the login page and `POST/DELETE /api/v1/session`.

use ffe_store::access::Rights;
use ffe_store::{AuditEvent, Passwords, ThrottleState};
use tower_sessions::Session;

use super::{RequestCtx, keys, random_token};
use crate::error::AppError;
use crate::state::AppState;

/// A successful login: the caller's rights and the CSRF token of the new session.
#[derive(Debug)]
pub struct LoginOutcome {
    pub rights: Rights,
    pub csrf: String,
}

/// Longest username we look up; longer input is a wrong login, not a database query.
const MAX_USERNAME: usize = 64;
const MAX_PASSWORD: usize = 256;

fn event(ctx: &RequestCtx, actor: &str, action: &str, detail: serde_json::Value) -> AuditEvent {
    AuditEvent {
        actor_id: None,
        actor: actor.chars().take(MAX_USERNAME).collect(),
        action: action.to_owned(),
        object_kind: "session".to_owned(),
        object_id: String::new(),
        detail,
        request_id: ctx.request_id.clone(),
        ip: ctx.ip.clone(),
    }
}

/// The throttle key of a client address. Usernames cannot contain ':', and a login name that does
/// is refused before any counting, so nobody can lock an address by typing its key as a username.
fn address_key(ctx: &RequestCtx) -> String {
    format!("addr:{}", ctx.ip)
}

/// Check the credentials against the lockout rules (per account and per client address), and on success start a new session (a new id:
/// the visitor's old session id, which an attacker may have planted, stops working).
pub async fn log_in(
    state: &AppState,
    session: &Session,
    ctx: &RequestCtx,
    username: &str,
    password: &str,
) -> Result<LoginOutcome, AppError> {
    let key = ffe_store::normalize_username(username);
    let store = state.store();
    if key.is_empty()
        || key.chars().count() > MAX_USERNAME
        || key.contains(':')
        || password.len() > MAX_PASSWORD
    {
        store
            .audit(&event(
                ctx,
                &key,
                "login.failure",
                serde_json::json!({"reason": "malformed"}),
            ))
            .await?;
        return Err(AppError::BadCredentials);
    }
    let address = address_key(ctx);
    for (throttle_key, reason) in [(&key, "locked"), (&address, "address_locked")] {
        if let ThrottleState::Locked { until } = store.throttle_state(throttle_key).await? {
            store
                .audit(&event(
                    ctx,
                    &key,
                    "login.failure",
                    serde_json::json!({"reason": reason}),
                ))
                .await?;
            return Err(AppError::Locked { until });
        }
    }
    let found = store.account_for_login(&key).await?;
    let password = password.to_owned();
    let (account, ok) = match found {
        Some((account, hash)) => {
            let ok = tokio::task::spawn_blocking(move || Passwords.verify(&password, &hash))
                .await
                .map_err(|e| AppError::Internal(e.to_string()))?;
            (Some(account), ok)
        }
        None => {
            tokio::task::spawn_blocking(move || Passwords.verify_dummy(&password))
                .await
                .map_err(|e| AppError::Internal(e.to_string()))?;
            (None, false)
        }
    };
    let account = match (account, ok) {
        (Some(account), true) => account,
        (account, _) => {
            let reason = if account.is_some() {
                "wrong_password"
            } else {
                "unknown_user"
            };
            let login = &state.settings().login;
            let after = store.record_login_failure(&key, login.throttle()).await?;
            // The address's count is never cleared by a success: an attacker with one account of
            // their own could otherwise reset it between guesses. It lapses with the window.
            let address_after = store
                .record_login_failure(&address, login.address_throttle())
                .await?;
            let mut e = event(
                ctx,
                &key,
                "login.failure",
                serde_json::json!({"reason": reason}),
            );
            e.actor_id = account.as_ref().map(|a| a.id);
            store.audit(&e).await?;
            let locked = match (after, address_after) {
                (ThrottleState::Locked { until }, _) => Some((until, "account")),
                (_, ThrottleState::Locked { until }) => Some((until, "address")),
                _ => None,
            };
            if let Some((until, scope)) = locked {
                let mut e = event(
                    ctx,
                    &key,
                    "login.lockout",
                    serde_json::json!({"until": until, "scope": scope}),
                );
                e.actor_id = account.as_ref().map(|a| a.id);
                store.audit(&e).await?;
                return Err(AppError::Locked { until });
            }
            return Err(AppError::BadCredentials);
        }
    };
    let user_id = account.id;
    let rights = match Rights::for_account(account) {
        Ok(rights) => rights,
        Err(refusal) => {
            let mut e = event(
                ctx,
                &key,
                "login.failure",
                serde_json::json!({"reason": refusal.code()}),
            );
            e.actor_id = Some(user_id);
            store.audit(&e).await?;
            return Err(AppError::Refused(refusal));
        }
    };
    store.clear_login_failures(&key).await?;
    let internal = |e: tower_sessions::session::Error| AppError::Internal(e.to_string());
    session.cycle_id().await.map_err(internal)?;
    session.clear().await;
    let now = ffe_store::now();
    let csrf = random_token();
    session
        .insert(keys::USER_ID, user_id.0)
        .await
        .map_err(internal)?;
    session
        .insert(keys::LOGIN_AT, now)
        .await
        .map_err(internal)?;
    session.insert(keys::SEEN_AT, now).await.map_err(internal)?;
    session.insert(keys::CSRF, &csrf).await.map_err(internal)?;
    let mut e = event(
        ctx,
        &key,
        "login.success",
        serde_json::json!({"role": rights.role().as_str()}),
    );
    e.actor_id = Some(user_id);
    store.audit(&e).await?;
    Ok(LoginOutcome { rights, csrf })
}

/// End the session on the server (the row is deleted, the cookie removed).
pub async fn log_out(
    state: &AppState,
    session: &Session,
    ctx: &RequestCtx,
    rights: &Rights,
) -> Result<(), AppError> {
    session
        .flush()
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let mut e = event(
        ctx,
        &rights.account().username,
        "logout",
        serde_json::json!({}),
    );
    e.actor_id = Some(rights.user_id());
    state.store().audit(&e).await?;
    Ok(())
}
