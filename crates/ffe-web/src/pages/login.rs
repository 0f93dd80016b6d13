//! The login form and logout.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use super::home::safe_next;
use super::layout::{Layout, PageCtx, render};
use crate::auth::csrf::ensure_token;
use crate::auth::{RequestCtx, log_in, log_out};
use crate::error::AppError;
use crate::extract::{PageForm, QueryOf};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    l: Layout,
    error: Option<String>,
    username: String,
    next: String,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

pub async fn form(
    page: PageCtx,
    session: Session,
    QueryOf(q): QueryOf<NextQuery>,
) -> Result<Response, AppError> {
    if page.caller.is_some() {
        return Ok(Redirect::to("/home").into_response());
    }
    let csrf = ensure_token(&session).await?;
    render(&LoginPage {
        l: page.layout_with_csrf(csrf),
        error: None,
        username: String::new(),
        next: safe_next(q.next.as_deref(), "/home"),
    })
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: Option<String>,
    #[serde(default, rename = "csrf_token")]
    _csrf_token: Option<String>,
}

pub async fn submit(
    State(state): State<AppState>,
    page: PageCtx,
    session: Session,
    ctx: RequestCtx,
    PageForm(f): PageForm<LoginForm>,
) -> Result<Response, AppError> {
    let next = safe_next(f.next.as_deref(), "/home");
    match log_in(&state, &session, &ctx, &f.username, &f.password).await {
        Ok(_) => Ok(Redirect::to(&next).into_response()),
        Err(e @ (AppError::BadCredentials | AppError::Locked { .. } | AppError::Refused(_))) => {
            let csrf = ensure_token(&session).await?;
            let mut response = render(&LoginPage {
                l: page.layout_with_csrf(csrf),
                error: Some(e.message(page.lang)),
                username: f.username.chars().take(64).collect(),
                next,
            })?;
            *response.status_mut() = e.status();
            Ok(response)
        }
        Err(other) => Err(other),
    }
}

pub async fn logout(
    State(state): State<AppState>,
    page: PageCtx,
    ctx: RequestCtx,
) -> Result<Response, AppError> {
    if let Some(caller) = &page.caller {
        log_out(&state, &caller.session, &ctx, &caller.rights).await?;
    }
    Ok((StatusCode::SEE_OTHER, [(axum::http::header::LOCATION, "/")]).into_response())
}
