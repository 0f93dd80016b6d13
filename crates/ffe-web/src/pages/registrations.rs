//! The city authority's (and the province's) registration queue.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use ffe_store::Organization;
use ffe_store::access::Rights;

use super::layout::{Layout, PageCtx, render};
use crate::auth::RequestCtx;
use crate::error::AppError;
use crate::extract::IdPath;
use crate::ops;
use crate::state::AppState;

pub struct RegRow {
    pub id: i64,
    pub name: String,
    pub credit_code: String,
    pub place: String,
    pub industry: String,
    pub mode: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub can_review: bool,
}

fn row(o: &Organization, rights: &Rights) -> RegRow {
    let place = ffe_org::shipped::regions()
        .ok()
        .and_then(|r| {
            r.place(o.city_code.as_deref()?, o.county_code.as_deref()?)
                .ok()
        })
        .map(|p| format!("{} {}", p.city.name, p.county.name))
        .unwrap_or_default();
    let industry = ffe_org::shipped::industries()
        .ok()
        .and_then(|i| i.lookup(o.industry_code.as_deref()?).ok())
        .map(|i| format!("{} {}", i.code(), i.name()))
        .unwrap_or_default();
    RegRow {
        id: o.id.0,
        name: o.name.clone(),
        credit_code: o.credit_code.clone().unwrap_or_default(),
        place,
        industry,
        mode: o
            .production_mode
            .map(|m| m.label_zh().to_owned())
            .unwrap_or_default(),
        status: o.status.as_str(),
        status_label: o.status.label_zh(),
        can_review: rights.can_review_registration(o),
    }
}

#[derive(Template)]
#[template(path = "registrations.html")]
struct ListPage {
    l: Layout,
    rows: Vec<RegRow>,
}

#[derive(Template)]
#[template(path = "registration_row.html")]
struct RowPartial {
    l: Layout,
    r: RegRow,
}

pub async fn list(State(state): State<AppState>, page: PageCtx) -> Result<Response, AppError> {
    let rights = &page.caller()?.rights;
    let orgs = ops::registrations::list(&state, rights, false).await?;
    render(&ListPage {
        l: page.layout(),
        rows: orgs.iter().map(|o| row(o, rights)).collect(),
    })
}

async fn review(
    state: AppState,
    page: PageCtx,
    ctx: RequestCtx,
    id: i64,
    approve: bool,
) -> Result<Response, AppError> {
    let rights = &page.caller()?.rights;
    let org = ops::registrations::review(&state, rights, &ctx, id, approve, None).await?;
    if page.htmx {
        render(&RowPartial {
            l: page.layout(),
            r: row(&org, rights),
        })
    } else {
        Ok(Redirect::to("/registrations").into_response())
    }
}

pub async fn approve(
    State(state): State<AppState>,
    page: PageCtx,
    ctx: RequestCtx,
    IdPath(id): IdPath,
) -> Result<Response, AppError> {
    review(state, page, ctx, id, true).await
}

pub async fn reject(
    State(state): State<AppState>,
    page: PageCtx,
    ctx: RequestCtx,
    IdPath(id): IdPath,
) -> Result<Response, AppError> {
    review(state, page, ctx, id, false).await
}
