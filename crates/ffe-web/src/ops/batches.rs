//! Batches: list and read (scoped), create, open, close (the province).

use chrono::NaiveDate;
use ffe_store::access::Rights;
use ffe_store::{Batch, BatchId, BatchStatus, NewBatch};
use serde::Deserialize;

use super::record;
use crate::auth::RequestCtx;
use crate::error::{AppError, FieldError};
use crate::state::AppState;

/// A batch to create (the API's JSON body and the page's form alike).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchInput {
    pub name: String,
    pub year: i64,
    /// `YYYY-MM-DD`.
    pub opens_on: String,
    pub closes_on: String,
    /// Defaults to the shipped index edition.
    #[serde(default)]
    pub index_edition: Option<String>,
    /// Defaults to the shipped scoring scheme.
    #[serde(default)]
    pub scheme_edition: Option<String>,
}

/// The index edition a new batch uses unless told otherwise.
pub fn default_index_edition() -> Option<String> {
    ffe_index::shipped::edition()
        .ok()
        .map(|e| e.meta.id.clone())
}

/// The scoring scheme a new batch uses unless told otherwise.
pub fn default_scheme_edition() -> Option<String> {
    ffe_score::shipped::scheme().ok().map(|s| s.meta.id.clone())
}

fn validate(input: &BatchInput) -> Result<NewBatch, AppError> {
    let mut errors = Vec::new();
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        errors.push(FieldError::new(
            "name",
            "请填写批次名称（不超过 100 字）。",
            "Name: 1–100 characters.",
        ));
    }
    if !(2000..=2100).contains(&input.year) {
        errors.push(FieldError::new(
            "year",
            "年度应在 2000–2100 之间。",
            "Year: 2000–2100.",
        ));
    }
    let date = |field: &str, text: &str, errors: &mut Vec<FieldError>| {
        let parsed = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
        if parsed.is_none() {
            errors.push(FieldError::new(
                field,
                format!("日期“{text}”格式不对，应为 YYYY-MM-DD。"),
                "Date format: YYYY-MM-DD.",
            ));
        }
        parsed
    };
    let opens = date("opens_on", &input.opens_on, &mut errors);
    let closes = date("closes_on", &input.closes_on, &mut errors);
    if let (Some(o), Some(c)) = (opens, closes)
        && c < o
    {
        errors.push(FieldError::new(
            "closes_on",
            "截止日期不能早于开始日期。",
            "Closing date before opening date.",
        ));
    }
    let index = input
        .index_edition
        .clone()
        .filter(|s| !s.trim().is_empty())
        .or_else(default_index_edition);
    let known_index = default_index_edition();
    let index = match index {
        Some(i) if Some(&i) == known_index.as_ref() => Some(i),
        other => {
            errors.push(FieldError::new(
                "index_edition",
                format!(
                    "未知的指数版本“{}”；可用：{}。",
                    other.unwrap_or_default(),
                    known_index.clone().unwrap_or_default()
                ),
                "Unknown index edition.",
            ));
            None
        }
    };
    let scheme = input
        .scheme_edition
        .clone()
        .filter(|s| !s.trim().is_empty())
        .or_else(default_scheme_edition);
    let known_scheme = default_scheme_edition();
    let scheme = match scheme {
        Some(s) if Some(&s) == known_scheme.as_ref() => Some(s),
        other => {
            errors.push(FieldError::new(
                "scheme_edition",
                format!(
                    "未知的计分方案“{}”；可用：{}。",
                    other.unwrap_or_default(),
                    known_scheme.clone().unwrap_or_default()
                ),
                "Unknown scoring scheme.",
            ));
            None
        }
    };
    match (opens, closes, index, scheme) {
        (Some(opens_on), Some(closes_on), Some(index_edition), Some(scheme_edition))
            if errors.is_empty() =>
        {
            Ok(NewBatch {
                name: name.to_owned(),
                year: input.year,
                index_edition,
                scheme_edition,
                opens_on,
                closes_on,
            })
        }
        _ => Err(AppError::Invalid(errors)),
    }
}

pub async fn list(state: &AppState, rights: &Rights) -> Result<Vec<Batch>, AppError> {
    Ok(state.store().batches(rights.batch_scope()).await?)
}

pub async fn get(state: &AppState, rights: &Rights, id: i64) -> Result<Batch, AppError> {
    state
        .store()
        .batch(rights.batch_scope(), BatchId(id))
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn create(
    state: &AppState,
    rights: &Rights,
    ctx: &RequestCtx,
    input: &BatchInput,
) -> Result<Batch, AppError> {
    let admin = rights.perm_manage_batches()?;
    let new = validate(input)?;
    let batch = state.store().create_batch(&admin, &new).await?;
    record(
        state,
        ctx,
        Some(rights),
        "batch.create",
        ("batch", batch.id.to_string()),
        serde_json::json!({"name": batch.name, "index_edition": batch.index_edition,
            "scheme_edition": batch.scheme_edition, "opens_on": batch.opens_on, "closes_on": batch.closes_on}),
    )
    .await?;
    Ok(batch)
}

pub async fn change_status(
    state: &AppState,
    rights: &Rights,
    ctx: &RequestCtx,
    id: i64,
    to: BatchStatus,
) -> Result<Batch, AppError> {
    let batch = get(state, rights, id).await?;
    let transition = rights.perm_change_batch_status(&batch, to)?;
    let batch = state.store().change_batch_status(&transition).await?;
    let action = match to {
        BatchStatus::Open => "batch.open",
        BatchStatus::Closed => "batch.close",
        BatchStatus::Draft => "batch.draft",
    };
    record(
        state,
        ctx,
        Some(rights),
        action,
        ("batch", batch.id.to_string()),
        serde_json::json!({"from": transition.from().as_str(), "to": to.as_str()}),
    )
    .await?;
    Ok(batch)
}
