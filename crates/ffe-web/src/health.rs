//! `/healthz` (the process answers) and `/readyz` (the database and file storage answer and the
//! schema is current): for load balancers and orchestrators.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;

use crate::state::AppState;

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(state): State<AppState>) -> (StatusCode, String) {
    if let Err(e) = state.store().ready().await {
        tracing::warn!(error = %e, "not ready: database");
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "database not ready".to_owned(),
        );
    }
    if let Err(e) = state.files().ping().await {
        tracing::warn!(error = %e, "not ready: storage");
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "storage not ready".to_owned(),
        );
    }
    (StatusCode::OK, "ready".to_owned())
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
}
