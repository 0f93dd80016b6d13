//! ffe's persistence: one [`Store`] over SQLite (embedded, WAL) or PostgreSQL (scale-out), with the
//! migrations for both run at start, the repositories the web layer calls, a `tower-sessions` store on
//! our own table, login throttling state and the append-only, hash-chained audit log.
//!
//! Who may see or change what is decided in [`access`] (pure, no SQL); the repositories take the
//! scopes and capabilities it hands out, so no query runs unscoped and no admin write runs unchecked.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo
    )
)]

pub mod access;
mod applications;
mod audit;
mod batches;
mod clock;
mod db;
mod demo;
mod error;
pub mod files;
mod ids;
mod organizations;
mod password;
mod sessions;
mod throttle;
mod users;

#[cfg(test)]
mod tests;

pub use applications::{Application, ApplicationStatus, ApplicationSummary, NewApplication};
pub use audit::{AuditEntry, AuditEvent, ChainCheck};
pub use batches::{Batch, BatchStatus, NewBatch};
pub use clock::now;
pub use db::{Backend, Store, StoreOptions};
pub use demo::{DEMO_BATCH_NAME, DEMO_PASSWORD, DemoAccount, DemoInput, DemoSeed, demo_accounts};
pub use error::StoreError;
pub use ids::{ApplicationId, BatchId, OrgId, UserId};
pub use organizations::{NewEnterprise, OrgKind, OrgStatus, Organization, ProductionMode};
pub use password::{PasswordPolicy, Passwords, PolicyViolation};
pub use sessions::SqlSessionStore;
pub use throttle::{LoginThrottle, ThrottleState};
pub use users::{Account, NewUser, Role, normalize_username};
