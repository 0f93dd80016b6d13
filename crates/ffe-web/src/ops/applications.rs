//! Applications (minimal in this issue): list and read within the caller's scope, start one in an
//! open batch, submit it while the batch is open.

use ffe_store::access::Rights;
use ffe_store::{Application, ApplicationId, ApplicationSummary, Batch, NewApplication};

use super::record;
use crate::auth::RequestCtx;
use crate::error::AppError;
use crate::state::AppState;

pub async fn list(state: &AppState, rights: &Rights) -> Result<Vec<ApplicationSummary>, AppError> {
    Ok(state
        .store()
        .applications(&rights.application_scope())
        .await?)
}

/// One application; one outside the caller's scope is "not found", exactly like a missing one.
pub async fn get(state: &AppState, rights: &Rights, id: i64) -> Result<Application, AppError> {
    state
        .store()
        .application(&rights.application_scope(), ApplicationId(id))
        .await?
        .ok_or(AppError::NotFound)
}

/// One application with the batch it belongs to (what permission checks and scoring need).
pub async fn get_with_batch(
    state: &AppState,
    rights: &Rights,
    id: i64,
) -> Result<(Application, Batch), AppError> {
    let app = get(state, rights, id).await?;
    let batch = super::batches::get(state, rights, app.batch_id.0).await?;
    Ok((app, batch))
}

pub async fn create(
    state: &AppState,
    rights: &Rights,
    ctx: &RequestCtx,
    batch_id: i64,
) -> Result<Application, AppError> {
    let batch = super::batches::get(state, rights, batch_id).await?;
    let creator = rights.perm_create_application(&batch)?;
    let app = state
        .store()
        .create_application(&creator, &NewApplication::default())
        .await
        .map_err(|e| match e {
            ffe_store::StoreError::Conflict(_) => AppError::Conflict {
                zh: "本企业在该批次已有申报，请勿重复创建。",
                en: "This enterprise already has an application in this batch.",
            },
            other => other.into(),
        })?;
    record(
        state,
        ctx,
        Some(rights),
        "application.create",
        ("application", app.id.to_string()),
        serde_json::json!({"batch_id": batch.id}),
    )
    .await?;
    Ok(app)
}

pub async fn submit(
    state: &AppState,
    rights: &Rights,
    ctx: &RequestCtx,
    id: i64,
) -> Result<Application, AppError> {
    let (app, batch) = get_with_batch(state, rights, id).await?;
    let submitter = rights.perm_submit_application(&app, &batch)?;
    state
        .store()
        .submit_application(&submitter)
        .await
        .map_err(|e| match e {
            // The batch closed or another request submitted between the check and the write.
            ffe_store::StoreError::Conflict(_) => AppError::Conflict {
                zh: "提交失败：批次已截止或申报已提交。",
                en: "The batch closed or the application was already submitted.",
            },
            other => other.into(),
        })?;
    record(
        state,
        ctx,
        Some(rights),
        "application.submit",
        ("application", app.id.to_string()),
        serde_json::json!({"batch_id": batch.id}),
    )
    .await?;
    get(state, rights, id).await
}
