//! Bodies declared larger than the limit are answered 413 before any handler runs. The body is read
//! and thrown away first (up to a bound): closing a socket with unread data makes the kernel reset
//! the connection, and the client may then lose the 413 and see only "connection reset".

use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth::csrf::BodyLimit;
use crate::error::AppError;

/// Beyond this much, the connection is simply closed rather than drained.
const DRAIN_AT_MOST: u64 = 16 * 1024 * 1024;

pub async fn refuse_oversized(request: Request, next: Next) -> Response {
    let limit = request
        .extensions()
        .get::<BodyLimit>()
        .map_or(1024 * 1024, |l| l.0) as u64;
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match declared {
        Some(length) if length > limit => {
            if length <= DRAIN_AT_MOST {
                let drain = axum::body::to_bytes(request.into_body(), DRAIN_AT_MOST as usize);
                let _ = tokio::time::timeout(std::time::Duration::from_secs(10), drain).await;
            }
            AppError::TooLarge.into_response()
        }
        _ => next.run(request).await,
    }
}
