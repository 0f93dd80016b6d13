//! The logged-in caller, extracted once per request with their [`Rights`].

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use ffe_store::UserId;
use ffe_store::access::{Refusal, Rights};
use tower_sessions::Session;

use super::keys;
use crate::error::AppError;
use crate::state::AppState;

/// A caller with a valid session and an account that may use the system.
#[derive(Debug, Clone)]
pub struct Caller {
    pub rights: Rights,
    pub csrf: String,
    pub session: Session,
}

/// A caller who may or may not be logged in (public pages).
#[derive(Debug, Clone)]
pub struct MaybeCaller(pub Option<Caller>);

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("session: {e}"))
}

async fn resolve(parts: &mut Parts, state: &AppState) -> Result<Option<Caller>, AppError> {
    if let Some(caller) = parts.extensions.get::<Caller>() {
        return Ok(Some(caller.clone()));
    }
    let Some(session) = parts.extensions.get::<Session>().cloned() else {
        return Err(internal("session layer missing"));
    };
    let Some(uid) = session.get::<i64>(keys::USER_ID).await.map_err(internal)? else {
        return Ok(None);
    };
    let now = ffe_store::now();
    let settings = state.settings();
    let login_at = session
        .get::<i64>(keys::LOGIN_AT)
        .await
        .map_err(internal)?
        .unwrap_or(0);
    if now - login_at > i64::from(settings.session.absolute_hours) * 3600 {
        session.flush().await.map_err(internal)?;
        return Err(AppError::SessionExpired);
    }
    let account = state.store().account(UserId(uid)).await?;
    let rights = match account.map(Rights::for_account) {
        Some(Ok(rights)) => rights,
        Some(Err(refusal)) => {
            session.flush().await.map_err(internal)?;
            return Err(AppError::Refused(refusal));
        }
        None => {
            session.flush().await.map_err(internal)?;
            return Err(AppError::Refused(Refusal::NotLoggedIn));
        }
    };
    let seen_at = session
        .get::<i64>(keys::SEEN_AT)
        .await
        .map_err(internal)?
        .unwrap_or(0);
    if now - seen_at >= 60 {
        // Modifying the session makes the layer save it with a fresh idle expiry.
        session.insert(keys::SEEN_AT, now).await.map_err(internal)?;
    }
    let csrf = session
        .get::<String>(keys::CSRF)
        .await
        .map_err(internal)?
        .unwrap_or_default();
    let caller = Caller {
        rights,
        csrf,
        session,
    };
    parts.extensions.insert(caller.clone());
    Ok(Some(caller))
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        resolve(parts, state)
            .await?
            .ok_or(AppError::Refused(Refusal::NotLoggedIn))
    }
}

impl FromRequestParts<AppState> for MaybeCaller {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match resolve(parts, state).await {
            Ok(caller) => Ok(MaybeCaller(caller)),
            // A stale or refused session on a public page: carry on as a visitor.
            Err(AppError::SessionExpired | AppError::Refused(_)) => Ok(MaybeCaller(None)),
            Err(e) => Err(e),
        }
    }
}
