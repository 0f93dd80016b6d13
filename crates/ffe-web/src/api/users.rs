//! `/api/v1/users`.

use axum::Json;
use axum::extract::State;

use super::views::{RoleRequest, UserView};
use crate::auth::{Caller, RequestCtx};
use crate::error::{AppError, ErrorBody};
use crate::extract::{ApiJson, IdPath};
use crate::ops;
use crate::state::AppState;

/// Accounts the caller may see: all (province), the city's, the enterprise's (its administrator),
/// oneself (others).
#[utoipa::path(get, path = "/api/v1/users", tag = "users",
    responses((status = 200, body = [UserView]), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<UserView>>, AppError> {
    let users = ops::users::list(&state, &caller.rights).await?;
    Ok(Json(users.iter().map(UserView::from).collect()))
}

/// Switch an enterprise account between administrator and member (the province, or the
/// enterprise's own administrator).
#[utoipa::path(put, path = "/api/v1/users/{id}/role", tag = "users", request_body = RoleRequest,
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = UserView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_role(
    State(state): State<AppState>,
    caller: Caller,
    ctx: RequestCtx,
    IdPath(id): IdPath,
    ApiJson(body): ApiJson<RoleRequest>,
) -> Result<Json<UserView>, AppError> {
    let account = ops::users::change_role(&state, &caller.rights, &ctx, id, &body.role).await?;
    Ok(Json(UserView::from(&account)))
}
