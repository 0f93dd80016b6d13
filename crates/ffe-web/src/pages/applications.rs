//! Applications: the caller's list, one application, start and submit (minimal in this issue).

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use ffe_store::Application;
use serde::Deserialize;

use super::layout::{Layout, PageCtx, render};
use crate::auth::RequestCtx;
use crate::error::AppError;
use crate::extract::{IdPath, PageForm};
use crate::ops;
use crate::state::AppState;

pub struct AppRow {
    pub id: i64,
    pub org_name: String,
    pub batch_name: String,
    pub answered: usize,
    pub status: &'static str,
    pub status_label: &'static str,
}

fn row(a: &Application, page: &PageCtx) -> AppRow {
    AppRow {
        id: a.id.0,
        org_name: a.org_name.clone(),
        batch_name: a.batch_name.clone(),
        answered: a.answers.as_object().map_or(0, |o| o.len()),
        status: a.status.as_str(),
        status_label: page.lang.pick(a.status.label_zh(), a.status.label_en()),
    }
}

#[derive(Template)]
#[template(path = "applications.html")]
struct ListPage {
    l: Layout,
    rows: Vec<AppRow>,
}

#[derive(Template)]
#[template(path = "application.html")]
struct ShowPage {
    l: Layout,
    a: AppRow,
    can_submit: bool,
    submit_refusal: Option<String>,
}

pub async fn list(State(state): State<AppState>, page: PageCtx) -> Result<Response, AppError> {
    let rights = &page.caller()?.rights;
    let apps = ops::applications::list(&state, rights).await?;
    render(&ListPage {
        l: page.layout(),
        rows: apps.iter().map(|a| row(a, &page)).collect(),
    })
}

pub async fn show(
    State(state): State<AppState>,
    page: PageCtx,
    IdPath(id): IdPath,
) -> Result<Response, AppError> {
    let rights = &page.caller()?.rights;
    let app = ops::applications::get(&state, rights, id).await?;
    let batch = ops::batches::get(&state, rights, app.batch_id.0).await?;
    let permission = rights.perm_submit_application(&app, &batch);
    // Say why not only to the enterprise (others never submit, so the reason is noise for them).
    let submit_refusal = match (&permission, rights.role().is_enterprise()) {
        (Err(r), true) => Some(page.lang.pick(r.message_zh(), r.message_en()).to_owned()),
        _ => None,
    };
    render(&ShowPage {
        l: page.layout(),
        a: row(&app, &page),
        can_submit: permission.is_ok(),
        submit_refusal,
    })
}

#[derive(Deserialize)]
pub struct CreateForm {
    batch_id: i64,
    #[serde(default, rename = "csrf_token")]
    _csrf_token: String,
}

pub async fn create(
    State(state): State<AppState>,
    page: PageCtx,
    ctx: RequestCtx,
    PageForm(form): PageForm<CreateForm>,
) -> Result<Response, AppError> {
    let rights = &page.caller()?.rights;
    let app = ops::applications::create(&state, rights, &ctx, form.batch_id).await?;
    Ok(Redirect::to(&format!("/applications/{}", app.id)).into_response())
}

pub async fn submit(
    State(state): State<AppState>,
    page: PageCtx,
    ctx: RequestCtx,
    IdPath(id): IdPath,
) -> Result<Response, AppError> {
    let rights = &page.caller()?.rights;
    ops::applications::submit(&state, rights, &ctx, id).await?;
    Ok(Redirect::to(&format!("/applications/{id}")).into_response())
}
