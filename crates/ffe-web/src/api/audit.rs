//! `/api/v1/audit`: the audit log, for the province.

use axum::Json;
use axum::extract::State;
use ffe_store::ChainCheck;
use serde::Deserialize;

use super::views::{AuditEntryView, ChainView};
use crate::auth::Caller;
use crate::error::{AppError, ErrorBody};
use crate::extract::QueryOf;
use crate::ops;
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct AuditQuery {
    /// How many of the latest entries (1–1000, default 100).
    pub limit: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditQuery),
    responses((status = 200, body = [AuditEntryView]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    QueryOf(query): QueryOf<AuditQuery>,
) -> Result<Json<Vec<AuditEntryView>>, AppError> {
    let limit = query.limit.unwrap_or(100);
    let entries = ops::audit::latest(&state, &caller.rights, limit).await?;
    Ok(Json(entries.iter().map(AuditEntryView::from).collect()))
}

/// Walk the hash chain and report whether it is intact.
#[utoipa::path(get, path = "/api/v1/audit/verify", tag = "audit",
    responses((status = 200, body = ChainView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn verify(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<ChainView>, AppError> {
    Ok(Json(
        match ops::audit::verify(&state, &caller.rights).await? {
            ChainCheck::Intact { entries } => ChainView {
                intact: true,
                entries: Some(entries),
                broken_at: None,
            },
            ChainCheck::BrokenAt { id } => ChainView {
                intact: false,
                entries: None,
                broken_at: Some(id),
            },
        },
    ))
}
