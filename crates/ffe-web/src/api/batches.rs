//! `/api/v1/batches`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use ffe_store::BatchStatus;

use super::views::BatchView;
use crate::auth::{Caller, RequestCtx};
use crate::error::{AppError, ErrorBody};
use crate::extract::{ApiJson, IdPath};
use crate::ops;
use crate::ops::batches::BatchInput;
use crate::state::AppState;

/// Batches: all for the province, the open and closed ones for everyone else.
#[utoipa::path(get, path = "/api/v1/batches", tag = "batches",
    responses((status = 200, body = [BatchView]), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<BatchView>>, AppError> {
    let batches = ops::batches::list(&state, &caller.rights).await?;
    Ok(Json(batches.iter().map(BatchView::from).collect()))
}

#[utoipa::path(get, path = "/api/v1/batches/{id}", tag = "batches", params(("id" = i64, Path)),
    responses((status = 200, body = BatchView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
) -> Result<Json<BatchView>, AppError> {
    Ok(Json(BatchView::from(
        &ops::batches::get(&state, &caller.rights, id).await?,
    )))
}

/// Create a batch (as a draft). Province only.
#[utoipa::path(post, path = "/api/v1/batches", tag = "batches", request_body = BatchInput,
    params(("x-csrf-token" = String, Header)),
    responses((status = 201, body = BatchView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ctx: RequestCtx,
    ApiJson(body): ApiJson<BatchInput>,
) -> Result<(StatusCode, Json<BatchView>), AppError> {
    let batch = ops::batches::create(&state, &caller.rights, &ctx, &body).await?;
    Ok((StatusCode::CREATED, Json(BatchView::from(&batch))))
}

/// Open a draft batch. Province only.
#[utoipa::path(post, path = "/api/v1/batches/{id}/open", tag = "batches",
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = BatchView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn open(
    State(state): State<AppState>,
    caller: Caller,
    ctx: RequestCtx,
    IdPath(id): IdPath,
) -> Result<Json<BatchView>, AppError> {
    let batch =
        ops::batches::change_status(&state, &caller.rights, &ctx, id, BatchStatus::Open).await?;
    Ok(Json(BatchView::from(&batch)))
}

/// Close an open batch: it takes no more submissions. Province only.
#[utoipa::path(post, path = "/api/v1/batches/{id}/close", tag = "batches",
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = BatchView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn close(
    State(state): State<AppState>,
    caller: Caller,
    ctx: RequestCtx,
    IdPath(id): IdPath,
) -> Result<Json<BatchView>, AppError> {
    let batch =
        ops::batches::change_status(&state, &caller.rights, &ctx, id, BatchStatus::Closed).await?;
    Ok(Json(BatchView::from(&batch)))
}
