//! The request's id and the client's address, carried into the audit log.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::error::AppError;

#[derive(Debug, Clone)]
pub struct RequestCtx {
    pub request_id: String,
    pub ip: String,
}

impl<S: Send + Sync> FromRequestParts<S> for RequestCtx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let request_id = parts
            .headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip().to_string())
            .unwrap_or_default();
        Ok(RequestCtx { request_id, ip })
    }
}
