//! `/api/v1/registrations`: enterprise self-registration and its review.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use super::views::{RegisteredView, RegistrationView, ReviewRequest};
use crate::auth::{Caller, RequestCtx};
use crate::error::{AppError, ErrorBody};
use crate::extract::{ApiJson, IdPath, optional_json};
use crate::ops;
use crate::ops::registrations::RegistrationInput;
use crate::state::AppState;

/// Register an enterprise and its administrator (no login needed). The enterprise waits for its
/// city authority's approval before its administrator can log in.
#[utoipa::path(post, path = "/api/v1/registrations", tag = "registrations", request_body = RegistrationInput,
    responses((status = 201, body = RegisteredView),
        (status = 422, description = "Invalid fields, each with a Chinese message", body = ErrorBody)))]
pub async fn register(
    State(state): State<AppState>,
    ctx: RequestCtx,
    ApiJson(body): ApiJson<RegistrationInput>,
) -> Result<(StatusCode, Json<RegisteredView>), AppError> {
    let done = ops::registrations::register(&state, &ctx, &body).await?;
    Ok((
        StatusCode::CREATED,
        Json(RegisteredView {
            organization_id: done.org.0,
            name: done.name,
            status: "pending".to_owned(),
            message: format!("注册已提交，待{}经信局审核。", done.city_name),
        }),
    ))
}

/// Registrations the caller reviews: the city's (city authority) or all (province).
#[utoipa::path(get, path = "/api/v1/registrations", tag = "registrations",
    responses((status = 200, body = [RegistrationView]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<RegistrationView>>, AppError> {
    let orgs = ops::registrations::list(&state, &caller.rights, false).await?;
    Ok(Json(orgs.iter().map(RegistrationView::from).collect()))
}

#[utoipa::path(get, path = "/api/v1/registrations/{id}", tag = "registrations", params(("id" = i64, Path)),
    responses((status = 200, body = RegistrationView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
) -> Result<Json<RegistrationView>, AppError> {
    Ok(Json(RegistrationView::from(
        &ops::registrations::get(&state, &caller.rights, id).await?,
    )))
}

#[utoipa::path(post, path = "/api/v1/registrations/{id}/approve", tag = "registrations", request_body = ReviewRequest,
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = RegistrationView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn approve(
    State(state): State<AppState>,
    caller: Caller,
    ctx: RequestCtx,
    IdPath(id): IdPath,
    body: axum::body::Bytes,
) -> Result<Json<RegistrationView>, AppError> {
    let note = optional_json::<ReviewRequest>(&body)?.and_then(|b| b.note);
    let org =
        ops::registrations::review(&state, &caller.rights, &ctx, id, true, note.as_deref()).await?;
    Ok(Json(RegistrationView::from(&org)))
}

#[utoipa::path(post, path = "/api/v1/registrations/{id}/reject", tag = "registrations", request_body = ReviewRequest,
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = RegistrationView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn reject(
    State(state): State<AppState>,
    caller: Caller,
    ctx: RequestCtx,
    IdPath(id): IdPath,
    body: axum::body::Bytes,
) -> Result<Json<RegistrationView>, AppError> {
    let note = optional_json::<ReviewRequest>(&body)?.and_then(|b| b.note);
    let org = ops::registrations::review(&state, &caller.rights, &ctx, id, false, note.as_deref())
        .await?;
    Ok(Json(RegistrationView::from(&org)))
}
