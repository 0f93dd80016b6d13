//! The audit log, for the province.

use ffe_store::access::Rights;
use ffe_store::{AuditEntry, ChainCheck};

use crate::error::AppError;
use crate::state::AppState;

pub async fn latest(
    state: &AppState,
    rights: &Rights,
    limit: i64,
) -> Result<Vec<AuditEntry>, AppError> {
    let reader = rights.perm_read_audit()?;
    Ok(state
        .store()
        .audit_entries(&reader, limit.clamp(1, 1000))
        .await?)
}

pub async fn verify(state: &AppState, rights: &Rights) -> Result<ChainCheck, AppError> {
    let reader = rights.perm_read_audit()?;
    Ok(state.store().verify_audit_chain(&reader).await?)
}
