//! `POST/GET/DELETE /api/v1/session`: log in, who am I, log out.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use tower_sessions::Session;

use super::views::{LoginRequest, SessionView, UserView};
use crate::auth::{Caller, RequestCtx, log_in, log_out};
use crate::error::{AppError, ErrorBody};
use crate::extract::ApiJson;
use crate::state::AppState;

/// Log in. Sets the session cookie and returns the CSRF token for later state-changing calls.
#[utoipa::path(post, path = "/api/v1/session", tag = "session", request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in; the session cookie is set", body = SessionView),
        (status = 401, description = "Wrong username or password, or the account may not log in", body = ErrorBody),
        (status = 429, description = "Locked after too many failures", body = ErrorBody),
    ))]
pub async fn login(
    State(state): State<AppState>,
    session: Session,
    ctx: RequestCtx,
    ApiJson(body): ApiJson<LoginRequest>,
) -> Result<Json<SessionView>, AppError> {
    let outcome = log_in(&state, &session, &ctx, &body.username, &body.password).await?;
    Ok(Json(SessionView {
        user: UserView::from(outcome.rights.account()),
        csrf_token: outcome.csrf,
    }))
}

/// The logged-in user and the session's CSRF token.
#[utoipa::path(get, path = "/api/v1/session", tag = "session",
    responses(
        (status = 200, body = SessionView),
        (status = 401, body = ErrorBody),
    ))]
pub async fn current(caller: Caller) -> Json<SessionView> {
    Json(SessionView {
        user: UserView::from(caller.rights.account()),
        csrf_token: caller.csrf,
    })
}

/// Log out: the session ends on the server.
#[utoipa::path(delete, path = "/api/v1/session", tag = "session",
    params(("x-csrf-token" = String, Header, description = "The session's CSRF token")),
    responses(
        (status = 204, description = "Logged out"),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Missing or wrong CSRF token", body = ErrorBody),
    ))]
pub async fn logout(
    State(state): State<AppState>,
    caller: Caller,
    ctx: RequestCtx,
) -> Result<StatusCode, AppError> {
    log_out(&state, &caller.session, &ctx, &caller.rights).await?;
    Ok(StatusCode::NO_CONTENT)
}
