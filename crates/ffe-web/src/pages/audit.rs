//! The audit log page (province).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use ffe_store::ChainCheck;

use super::layout::{Layout, PageCtx, render};
use crate::error::AppError;
use crate::ops;
use crate::state::AppState;

pub struct EntryRow {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub object: String,
    pub detail: String,
    pub ip: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    l: Layout,
    intact: bool,
    chain: String,
    entries: Vec<EntryRow>,
}

pub async fn show(State(state): State<AppState>, page: PageCtx) -> Result<Response, AppError> {
    let rights = &page.caller()?.rights;
    let entries = ops::audit::latest(&state, rights, 200).await?;
    let check = ops::audit::verify(&state, rights).await?;
    let (intact, chain) = match check {
        ChainCheck::Intact { entries } => (
            true,
            format!(
                "{}（{entries}）",
                page.lang.pick("哈希链完整", "Hash chain intact")
            ),
        ),
        ChainCheck::BrokenAt { id } => (
            false,
            format!(
                "{} #{id}",
                page.lang.pick("哈希链在此处断开", "Hash chain broken at")
            ),
        ),
    };
    let offset = chrono::FixedOffset::east_opt(8 * 3600);
    render(&AuditPage {
        l: page.layout(),
        intact,
        chain,
        entries: entries
            .iter()
            .map(|e| EntryRow {
                id: e.id,
                at: chrono::DateTime::from_timestamp(e.at, 0)
                    .zip(offset)
                    .map(|(t, o)| t.with_timezone(&o).format("%Y-%m-%d %H:%M:%S").to_string())
                    .unwrap_or_default(),
                actor: e.actor.clone(),
                action: e.action.clone(),
                object: format!("{} {}", e.object_kind, e.object_id),
                detail: e.detail.clone(),
                ip: e.ip.clone(),
            })
            .collect(),
    })
}
