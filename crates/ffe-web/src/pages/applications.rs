//! Applications: the caller's list, one application, start and submit (minimal in this issue).

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use ffe_store::ApplicationSummary;
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

fn row(a: &ApplicationSummary, page: &PageCtx) -> AppRow {
    AppRow {
        id: a.id.0,
        org_name: a.org_name.clone(),
        batch_name: a.batch_name.clone(),
        answered: usize::try_from(a.answered).unwrap_or(0),
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
    score: Option<ScoreView>,
    unscorable: Option<String>,
}

/// One row of the score table: a category or an indicator.
pub struct ScoreRow {
    pub code: String,
    pub label: String,
    pub score: String,
    pub max: String,
    pub category: bool,
}

/// One step that would raise the score.
pub struct GapRow {
    pub code: String,
    pub label: String,
    pub current: String,
    pub next: String,
    pub gain: String,
}

/// The self-assessment as the page shows it.
pub struct ScoreView {
    pub total: String,
    pub max: String,
    pub percent: String,
    pub scheme: String,
    pub rows: Vec<ScoreRow>,
    pub gaps: Vec<GapRow>,
    pub skipped: usize,
    pub warnings: Vec<String>,
}

/// Gaps shown on the page; the API returns them all.
const GAPS_SHOWN: usize = 8;

fn score_view(a: &ops::self_assessment::SelfAssessment) -> ScoreView {
    use ffe_score::num;
    let card = &a.scorecard;
    let rows = card
        .nodes
        .iter()
        .filter(|n| {
            n.applicable
                && matches!(
                    n.level,
                    ffe_index::Level::Category | ffe_index::Level::Indicator
                )
        })
        .map(|n| ScoreRow {
            code: n.code.to_string(),
            label: n.label.to_string(),
            score: num(n.score),
            max: num(n.max),
            category: n.level == ffe_index::Level::Category,
        })
        .collect();
    let gaps = card
        .gaps
        .iter()
        .filter(|g| g.gain > 0.0)
        .take(GAPS_SHOWN)
        .map(|g| GapRow {
            code: g.code.to_string(),
            label: g.label.to_string(),
            current: g.current_zh(),
            next: g.next_zh(),
            gain: num(g.gain),
        })
        .collect();
    ScoreView {
        total: num(card.total),
        max: num(card.max),
        percent: num(card.percent()),
        scheme: card.scheme_id.clone(),
        rows,
        gaps,
        skipped: a.skipped.len(),
        warnings: card.warnings.clone(),
    }
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
    let (app, batch) = ops::applications::get_with_batch(&state, rights, id).await?;
    let (score, unscorable) = match ops::self_assessment::assess(&app, &batch) {
        Ok(assessment) => (Some(score_view(&assessment)), None),
        Err(why) => {
            let (zh, en) = why.message();
            (None, Some(page.lang.pick(&zh, &en).to_owned()))
        }
    };
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
        score,
        unscorable,
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
