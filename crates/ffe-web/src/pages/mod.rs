//! Server-rendered pages: Simplified Chinese first with an English switch, readable without
//! JavaScript, htmx for partial updates. Handlers call [`crate::ops`] like the API does.
//!
//! Stable element ids and `data-testid`s (for the browser tests) are listed in docs/api.md.

mod applications;
mod audit;
mod batches;
mod dashboard;
pub mod errors;
mod home;
mod layout;
mod login;
mod register;
mod registrations;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home::show))
        .route("/lang/{lang}", get(home::switch_lang))
        .route("/login", get(login::form).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/register", get(register::form).post(register::submit))
        .route("/register/counties", get(register::counties))
        .route("/home", get(dashboard::show))
        .route("/batches", get(batches::list).post(batches::create))
        .route("/batches/{id}/open", post(batches::open))
        .route("/batches/{id}/close", post(batches::close))
        .route(
            "/applications",
            get(applications::list).post(applications::create),
        )
        .route("/applications/{id}", get(applications::show))
        .route("/applications/{id}/submit", post(applications::submit))
        .route("/registrations", get(registrations::list))
        .route("/registrations/{id}/approve", post(registrations::approve))
        .route("/registrations/{id}/reject", post(registrations::reject))
        .route("/audit", get(audit::show))
}
