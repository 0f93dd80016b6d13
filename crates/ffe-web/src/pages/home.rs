//! The public start page and the language switch.

use askama::Template;
use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::layout::{Layout, PageCtx, render};
use crate::error::AppError;
use crate::extract::QueryOf;
use crate::i18n::{LANG_COOKIE, Lang};

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    l: Layout,
}

pub async fn show(page: PageCtx) -> Result<Response, AppError> {
    render(&HomePage { l: page.layout() })
}

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// Only a local path may follow a switch or a login (no open redirects).
pub fn safe_next(next: Option<&str>, fallback: &str) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => fallback.to_owned(),
    }
}

pub async fn switch_lang(
    Path(lang): Path<String>,
    QueryOf(q): QueryOf<Next>,
) -> Result<Response, AppError> {
    let lang = Lang::parse(&lang).ok_or(AppError::NotFound)?;
    let mut response = Redirect::to(&safe_next(q.next.as_deref(), "/")).into_response();
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
    let value = HeaderValue::from_str(&cookie).map_err(|e| AppError::Internal(e.to_string()))?;
    response.headers_mut().insert(header::SET_COOKIE, value);
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_follow() {
        assert_eq!(safe_next(Some("/batches"), "/"), "/batches");
        assert_eq!(safe_next(Some("//evil.example"), "/"), "/");
        assert_eq!(safe_next(Some("https://evil.example"), "/"), "/");
        assert_eq!(safe_next(Some("/\\evil"), "/"), "/");
        assert_eq!(safe_next(None, "/home"), "/home");
    }
}
