//! Batches: everyone sees the published ones; the province creates, opens and closes them.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use ffe_store::access::Rights;
use ffe_store::{Batch, BatchStatus};
use serde::Deserialize;

use super::layout::{Layout, PageCtx, render};
use crate::auth::RequestCtx;
use crate::error::{AppError, FieldError};
use crate::extract::{IdPath, PageForm};
use crate::ops;
use crate::ops::batches::BatchInput;
use crate::state::AppState;

pub struct BatchRow {
    pub id: i64,
    pub name: String,
    pub opens_on: String,
    pub closes_on: String,
    pub index_edition: String,
    pub scheme_edition: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub can_open: bool,
    pub can_close: bool,
    pub can_apply: bool,
}

fn row(b: &Batch, rights: &Rights, page: &PageCtx) -> BatchRow {
    BatchRow {
        id: b.id.0,
        name: b.name.clone(),
        opens_on: b.opens_on.clone(),
        closes_on: b.closes_on.clone(),
        index_edition: b.index_edition.clone(),
        scheme_edition: b.scheme_edition.clone(),
        status: b.status.as_str(),
        status_label: page.lang.pick(b.status.label_zh(), b.status.label_en()),
        can_open: rights.can_change_batch_status(b, BatchStatus::Open),
        can_close: rights.can_change_batch_status(b, BatchStatus::Closed),
        can_apply: rights.can_create_application(b),
    }
}

#[derive(Template)]
#[template(path = "batches.html")]
struct BatchesPage {
    l: Layout,
    batches: Vec<BatchRow>,
    can_manage: bool,
    errors: Vec<FieldError>,
    draft_name: String,
    draft_year: String,
    draft_opens: String,
    draft_closes: String,
    index_edition: String,
    scheme_edition: String,
}

#[derive(Template)]
#[template(path = "batch_row.html")]
struct BatchRowPartial {
    l: Layout,
    b: BatchRow,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BatchForm {
    name: String,
    year: String,
    opens_on: String,
    closes_on: String,
    #[serde(rename = "csrf_token")]
    _csrf_token: String,
}

async fn list_page(
    state: &AppState,
    page: &PageCtx,
    form: BatchForm,
    errors: Vec<FieldError>,
) -> Result<Response, AppError> {
    let rights = &page.caller()?.rights;
    let batches = ops::batches::list(state, rights).await?;
    let mut response = render(&BatchesPage {
        l: page.layout(),
        batches: batches.iter().map(|b| row(b, rights, page)).collect(),
        can_manage: rights.can_manage_batches(),
        draft_name: form.name,
        draft_year: if form.year.is_empty() {
            "2027".to_owned()
        } else {
            form.year
        },
        draft_opens: form.opens_on,
        draft_closes: form.closes_on,
        index_edition: ops::batches::default_index_edition().unwrap_or_default(),
        scheme_edition: ops::batches::default_scheme_edition().unwrap_or_default(),
        errors: errors.clone(),
    })?;
    if !errors.is_empty() {
        *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

pub async fn list(State(state): State<AppState>, page: PageCtx) -> Result<Response, AppError> {
    list_page(&state, &page, BatchForm::default(), Vec::new()).await
}

pub async fn create(
    State(state): State<AppState>,
    page: PageCtx,
    ctx: RequestCtx,
    PageForm(form): PageForm<BatchForm>,
) -> Result<Response, AppError> {
    let rights = &page.caller()?.rights;
    let input = BatchInput {
        name: form.name.clone(),
        year: form.year.trim().parse().unwrap_or(0),
        opens_on: form.opens_on.clone(),
        closes_on: form.closes_on.clone(),
        index_edition: None,
        scheme_edition: None,
    };
    match ops::batches::create(&state, rights, &ctx, &input).await {
        Ok(_) => Ok(Redirect::to("/batches").into_response()),
        Err(AppError::Invalid(errors)) => list_page(&state, &page, form, errors).await,
        Err(other) => Err(other),
    }
}

async fn change(
    state: AppState,
    page: PageCtx,
    ctx: RequestCtx,
    id: i64,
    to: BatchStatus,
) -> Result<Response, AppError> {
    let rights = &page.caller()?.rights;
    let batch = ops::batches::change_status(&state, rights, &ctx, id, to).await?;
    if page.htmx {
        render(&BatchRowPartial {
            l: page.layout(),
            b: row(&batch, rights, &page),
        })
    } else {
        Ok(Redirect::to("/batches").into_response())
    }
}

pub async fn open(
    State(state): State<AppState>,
    page: PageCtx,
    ctx: RequestCtx,
    IdPath(id): IdPath,
) -> Result<Response, AppError> {
    change(state, page, ctx, id, BatchStatus::Open).await
}

pub async fn close(
    State(state): State<AppState>,
    page: PageCtx,
    ctx: RequestCtx,
    IdPath(id): IdPath,
) -> Result<Response, AppError> {
    change(state, page, ctx, id, BatchStatus::Closed).await
}
