//! Static assets, compiled into the binary: the stylesheet and htmx (vendored from npm by
//! `static/vendor/update-htmx.sh`).

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

use crate::state::AppState;

const CSS: &str = include_str!("../static/app.css");
const HTMX: &str = include_str!("../static/vendor/htmx.min.js");

/// Assets change only with a new binary; the version in the URL busts caches.
pub const ASSET_VERSION: &str = env!("CARGO_PKG_VERSION");

fn cached(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        body,
    )
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/static/app.css",
            get(|| async { cached("text/css; charset=utf-8", CSS) }),
        )
        .route(
            "/static/htmx.min.js",
            get(|| async { cached("text/javascript; charset=utf-8", HTMX) }),
        )
}
