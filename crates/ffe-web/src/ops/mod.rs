//! What the pages and the API do, once: each operation takes the caller's rights, asks the access
//! module, runs the scoped query and records the audit event. Handlers only translate HTTP.

pub mod applications;
pub mod audit;
pub mod batches;
pub mod registrations;
pub mod self_assessment;
pub mod users;

use ffe_store::AuditEvent;
use ffe_store::access::Rights;

use crate::auth::RequestCtx;
use crate::error::AppError;
use crate::state::AppState;

/// Record an act of the caller.
pub(crate) async fn record(
    state: &AppState,
    ctx: &RequestCtx,
    actor: Option<&Rights>,
    action: &str,
    object: (&str, String),
    detail: serde_json::Value,
) -> Result<(), AppError> {
    let event = AuditEvent {
        actor_id: actor.map(Rights::user_id),
        actor: actor
            .map(|r| r.account().username.clone())
            .unwrap_or_default(),
        action: action.to_owned(),
        object_kind: object.0.to_owned(),
        object_id: object.1,
        detail,
        request_id: ctx.request_id.clone(),
        ip: ctx.ip.clone(),
    };
    state.store().audit(&event).await?;
    Ok(())
}
