//! The JSON API under `/api/v1`, described by `/api/v1/openapi.json`. Handlers are thin: they
//! translate HTTP and call [`crate::ops`].

mod applications;
mod audit;
mod batches;
mod reference;
mod registrations;
mod session;
mod users;
pub mod views;

use axum::Router;
use axum::response::IntoResponse;
use axum::routing::{get, post, put};
use utoipa::OpenApi;

use crate::error::AppError;
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(title = "ffe API", description = "浙江省“未来工厂”评价平台 JSON API。错误的 `message` 为中文，`message_en` 为英文。"),
    paths(
        session::login, session::current, session::logout,
        applications::list, applications::get, applications::create, applications::submit,
        applications::self_assessment,
        batches::list, batches::get, batches::create, batches::open, batches::close,
        registrations::register, registrations::list, registrations::get, registrations::approve, registrations::reject,
        users::list, users::set_role,
        audit::list, audit::verify,
        reference::regions, reference::industries,
    ),
    tags(
        (name = "session", description = "登录与退出 / log in and out"),
        (name = "applications", description = "申报 / applications"),
        (name = "batches", description = "评价批次 / evaluation batches"),
        (name = "registrations", description = "企业注册与审核 / enterprise registration"),
        (name = "users", description = "账户 / accounts"),
        (name = "audit", description = "审计日志 / audit log"),
        (name = "reference", description = "参考数据 / reference data"),
    )
)]
pub struct ApiDoc;

pub fn openapi_json() -> String {
    ApiDoc::openapi().to_pretty_json().unwrap_or_default()
}

async fn openapi() -> impl IntoResponse {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        openapi_json(),
    )
}

async fn not_found() -> AppError {
    AppError::NotFound
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(openapi))
        .route(
            "/api/v1/session",
            post(session::login)
                .get(session::current)
                .delete(session::logout),
        )
        .route(
            "/api/v1/applications",
            get(applications::list).post(applications::create),
        )
        .route("/api/v1/applications/{id}", get(applications::get))
        .route(
            "/api/v1/applications/{id}/self-assessment",
            get(applications::self_assessment),
        )
        .route(
            "/api/v1/applications/{id}/submit",
            post(applications::submit),
        )
        .route("/api/v1/batches", get(batches::list).post(batches::create))
        .route("/api/v1/batches/{id}", get(batches::get))
        .route("/api/v1/batches/{id}/open", post(batches::open))
        .route("/api/v1/batches/{id}/close", post(batches::close))
        .route(
            "/api/v1/registrations",
            get(registrations::list).post(registrations::register),
        )
        .route("/api/v1/registrations/{id}", get(registrations::get))
        .route(
            "/api/v1/registrations/{id}/approve",
            post(registrations::approve),
        )
        .route(
            "/api/v1/registrations/{id}/reject",
            post(registrations::reject),
        )
        .route("/api/v1/users", get(users::list))
        .route("/api/v1/users/{id}/role", put(users::set_role))
        .route("/api/v1/audit", get(audit::list))
        .route("/api/v1/audit/verify", get(audit::verify))
        .route("/api/v1/reference/regions", get(reference::regions))
        .route("/api/v1/reference/industries", get(reference::industries))
        .route(
            "/api/v1/{*rest}",
            get(not_found)
                .post(not_found)
                .put(not_found)
                .delete(not_found),
        )
}
