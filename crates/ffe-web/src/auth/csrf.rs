//! CSRF protection for every state-changing request, in one middleware so no handler can forget it.
//!
//! The token lives in the session. Pages put it in a hidden `csrf_token` form field (and htmx sends it
//! as the `x-csrf-token` header); API clients send the header, having received the token from
//! `POST /api/v1/session`. An API request without a logged-in session needs no token: the only
//! anonymous API writes (login, registration) accept nothing but `application/json`, which browsers
//! cannot send across sites without a CORS preflight, and this server grants none.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

use super::{keys, random_token};
use crate::error::AppError;

pub const HEADER: &str = "x-csrf-token";
pub const FIELD: &str = "csrf_token";

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn content_type(request: &Request) -> &str {
    request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// Compare without leaking where the first difference is.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The form field, from an urlencoded body.
fn form_token(body: &[u8]) -> Option<String> {
    pairs(body)
        .into_iter()
        .find(|(k, _)| k == FIELD)
        .map(|(_, v)| v)
}

/// A tolerant urlencoded parser for the one field we need (the real form is parsed by the handler).
fn pairs(body: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(body);
    text.split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect()
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The token of this session, created on first use (so anonymous forms like login and registration
/// are protected too).
pub async fn ensure_token(session: &Session) -> Result<String, AppError> {
    let internal = |e: tower_sessions::session::Error| AppError::Internal(e.to_string());
    if let Some(token) = session.get::<String>(keys::CSRF).await.map_err(internal)? {
        return Ok(token);
    }
    let token = random_token();
    session.insert(keys::CSRF, &token).await.map_err(internal)?;
    Ok(token)
}

pub async fn verify(request: Request, next: Next) -> Response {
    match check(request).await {
        Ok(request) => next.run(request).await,
        Err(e) => e.into_response(),
    }
}

async fn check(request: Request) -> Result<Request, AppError> {
    if is_safe(request.method()) {
        return Ok(request);
    }
    let Some(session) = request.extensions().get::<Session>().cloned() else {
        return Err(AppError::Internal("session layer missing".into()));
    };
    let internal = |e: tower_sessions::session::Error| AppError::Internal(e.to_string());
    let logged_in = session
        .get::<i64>(keys::USER_ID)
        .await
        .map_err(internal)?
        .is_some();
    let is_api = request.uri().path().starts_with("/api/");
    let is_json = content_type(&request).starts_with("application/json");
    let is_login = request.uri().path() == "/api/v1/session" && request.method() == Method::POST;
    // Anonymous API writes (login, registration) accept only JSON, which no cross-site form can
    // send; anything else is refused by the handler (415) or the missing session (401).
    if is_api && (!logged_in || (is_login && is_json)) {
        return Ok(request);
    }
    let expected = session.get::<String>(keys::CSRF).await.map_err(internal)?;
    let Some(expected) = expected else {
        return Err(AppError::Csrf);
    };
    if let Some(sent) = request.headers().get(HEADER).and_then(|v| v.to_str().ok()) {
        return if same(sent, &expected) {
            Ok(request)
        } else {
            Err(AppError::Csrf)
        };
    }
    if !content_type(&request).starts_with("application/x-www-form-urlencoded") {
        return Err(AppError::Csrf);
    }
    // Read the form to find the field, then hand the same bytes on to the handler.
    let (parts, body) = request.into_parts();
    let limit = parts
        .extensions
        .get::<BodyLimit>()
        .map(|l| l.0)
        .unwrap_or(1024 * 1024);
    let bytes = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| AppError::TooLarge)?;
    match form_token(&bytes) {
        Some(sent) if same(&sent, &expected) => Ok(Request::from_parts(parts, Body::from(bytes))),
        _ => Err(AppError::Csrf),
    }
}

/// The configured body limit, made visible to the CSRF check.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_field_in_a_form() {
        assert_eq!(
            form_token(b"a=1&csrf_token=ab%2Bc&b=%E4%B8%AD").as_deref(),
            Some("ab+c")
        );
        assert_eq!(form_token(b"a=1"), None);
        assert_eq!(form_token(b"csrf_token=%zz").as_deref(), Some("%zz"));
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
    }
}
