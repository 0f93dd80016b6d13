//! `/api/v1/applications`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use super::views::{ApplicationSummaryView, ApplicationView, NewApplicationRequest};
use crate::auth::{Caller, RequestCtx};
use crate::error::{AppError, ErrorBody};
use crate::extract::{ApiJson, IdPath};
use crate::ops;
use crate::state::AppState;

/// The applications the caller may see: all (province), the city's (city authority), the assigned
/// ones (expert), the enterprise's own (enterprise).
#[utoipa::path(get, path = "/api/v1/applications", tag = "applications",
    responses((status = 200, body = [ApplicationSummaryView]), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<ApplicationSummaryView>>, AppError> {
    let apps = ops::applications::list(&state, &caller.rights).await?;
    Ok(Json(
        apps.iter().map(ApplicationSummaryView::from).collect(),
    ))
}

/// One application; 404 if it does not exist or is not the caller's to see.
#[utoipa::path(get, path = "/api/v1/applications/{id}", tag = "applications",
    params(("id" = i64, Path)),
    responses((status = 200, body = ApplicationView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
) -> Result<Json<ApplicationView>, AppError> {
    let app = ops::applications::get(&state, &caller.rights, id).await?;
    Ok(Json(ApplicationView::from(&app)))
}

/// Start the caller's enterprise's application in an open batch.
#[utoipa::path(post, path = "/api/v1/applications", tag = "applications", request_body = NewApplicationRequest,
    params(("x-csrf-token" = String, Header)),
    responses((status = 201, body = ApplicationView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ctx: RequestCtx,
    ApiJson(body): ApiJson<NewApplicationRequest>,
) -> Result<(StatusCode, Json<ApplicationView>), AppError> {
    let app = ops::applications::create(&state, &caller.rights, &ctx, body.batch_id).await?;
    Ok((StatusCode::CREATED, Json(ApplicationView::from(&app))))
}

/// Submit a draft (the enterprise administrator, while the batch is open).
#[utoipa::path(post, path = "/api/v1/applications/{id}/submit", tag = "applications",
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = ApplicationView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "Batch closed or already submitted", body = ErrorBody)))]
pub async fn submit(
    State(state): State<AppState>,
    caller: Caller,
    ctx: RequestCtx,
    IdPath(id): IdPath,
) -> Result<Json<ApplicationView>, AppError> {
    let app = ops::applications::submit(&state, &caller.rights, &ctx, id).await?;
    Ok(Json(ApplicationView::from(&app)))
}

/// The score the application's answers would get under its batch's scoring scheme, as a
/// self-diagnosis: total and maximum, every node's score, each element's rule and input, the gaps
/// ranked by the points their next step adds (fields as `ffe score --format json`, docs/scoring.md),
/// and `skipped`: stored answers that could not be scored, with the reason.
#[utoipa::path(get, path = "/api/v1/applications/{id}/self-assessment", tag = "applications",
    params(("id" = i64, Path)),
    responses((status = 200, description = "The scorecard", body = serde_json::Value), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, description = "The batch's scheme is not available here", body = ErrorBody)))]
pub async fn self_assessment(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
) -> Result<Json<serde_json::Value>, AppError> {
    let (app, batch) = ops::applications::get_with_batch(&state, &caller.rights, id).await?;
    match ops::self_assessment::assess(&app, &batch) {
        Ok(assessment) => {
            let mut json = assessment.scorecard.to_json();
            if let Some(obj) = json.as_object_mut() {
                let skipped = assessment
                    .skipped
                    .iter()
                    .map(|(code, why)| serde_json::json!({"code": code, "message": why}))
                    .collect();
                obj.insert("skipped".into(), serde_json::Value::Array(skipped));
            }
            Ok(Json(json))
        }
        Err(unscorable) => {
            let (zh, en) = unscorable.message();
            Err(AppError::Invalid(vec![crate::error::FieldError::new(
                "scheme", zh, en,
            )]))
        }
    }
}
