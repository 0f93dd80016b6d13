//! The audit log: append-only (the database refuses UPDATE and DELETE on it) and tamper-evident
//! (each entry carries the SHA-256 of its content and of the entry before it, so changing or removing
//! a row breaks the chain from there on; [`Store::verify_audit_chain`] finds where).

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::access::AuditReader;
use crate::clock::now;
use crate::db::{Pool, Store};
use crate::error::StoreError;
use crate::ids::UserId;

/// The chain's first `prev_hash`.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Serialises concurrent appends on PostgreSQL (across processes) so the chain stays a chain.
const PG_AUDIT_LOCK: i64 = 0x0FFE_A0D1;

/// Something that happened, to be recorded.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEvent {
    pub actor_id: Option<UserId>,
    /// The username (or what was typed, for a failed login).
    pub actor: String,
    /// `login.success`, `login.failure`, `login.locked`, `logout`, `batch.create`, `batch.open`,
    /// `role.change`, `registration.submit`, `registration.approve`, …
    pub action: String,
    pub object_kind: String,
    pub object_id: String,
    pub detail: serde_json::Value,
    pub request_id: String,
    pub ip: String,
}

/// A recorded entry.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub actor_id: Option<i64>,
    pub actor: String,
    pub action: String,
    pub object_kind: String,
    pub object_id: String,
    pub detail: String,
    pub request_id: String,
    pub ip: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The outcome of walking the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ChainCheck {
    Intact {
        entries: u64,
    },
    /// The first entry whose hash or link does not match.
    BrokenAt {
        id: i64,
    },
}

/// The hashed content of an entry, in a fixed field order.
#[derive(Serialize)]
struct Hashed<'a> {
    prev: &'a str,
    at: i64,
    actor_id: Option<i64>,
    actor: &'a str,
    action: &'a str,
    object_kind: &'a str,
    object_id: &'a str,
    detail: &'a str,
    request_id: &'a str,
    ip: &'a str,
}

fn entry_hash(h: &Hashed<'_>) -> String {
    // Serialising a struct of strings and integers cannot fail; an empty input would still hash.
    let bytes = serde_json::to_vec(h).unwrap_or_default();
    hex::encode(Sha256::digest(bytes))
}

impl AuditEntry {
    fn expected_hash(&self) -> String {
        entry_hash(&Hashed {
            prev: &self.prev_hash,
            at: self.at,
            actor_id: self.actor_id,
            actor: &self.actor,
            action: &self.action,
            object_kind: &self.object_kind,
            object_id: &self.object_id,
            detail: &self.detail,
            request_id: &self.request_id,
            ip: &self.ip,
        })
    }
}

const INSERT: &str = "INSERT INTO audit_log (at, actor_id, actor, action, object_kind, object_id, \
     detail, request_id, ip, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
const LAST_HASH: &str = "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1";

macro_rules! append_in {
    ($tx:expr, $event:expr, $at:expr, $detail:expr) => {{
        let prev: Option<String> = sqlx::query_scalar(LAST_HASH)
            .fetch_optional(&mut *$tx)
            .await?;
        let prev = prev.unwrap_or_else(|| GENESIS.to_owned());
        let actor_id = $event.actor_id.map(|u| u.0);
        let hash = entry_hash(&Hashed {
            prev: &prev,
            at: $at,
            actor_id,
            actor: &$event.actor,
            action: &$event.action,
            object_kind: &$event.object_kind,
            object_id: &$event.object_id,
            detail: &$detail,
            request_id: &$event.request_id,
            ip: &$event.ip,
        });
        sqlx::query(INSERT)
            .bind($at)
            .bind(actor_id)
            .bind(&$event.actor)
            .bind(&$event.action)
            .bind(&$event.object_kind)
            .bind(&$event.object_id)
            .bind(&$detail)
            .bind(&$event.request_id)
            .bind(&$event.ip)
            .bind(&prev)
            .bind(&hash)
            .execute(&mut *$tx)
            .await?;
    }};
}

impl Store {
    /// Append an event to the chain.
    pub async fn audit(&self, event: &AuditEvent) -> Result<(), StoreError> {
        let at = now();
        let detail = event.detail.to_string();
        match &self.pool {
            Pool::Sqlite(pool) => {
                // IMMEDIATE takes the write lock before reading the last hash.
                let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                append_in!(tx, event, at, detail);
                tx.commit().await?;
            }
            Pool::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(PG_AUDIT_LOCK)
                    .execute(&mut *tx)
                    .await?;
                append_in!(tx, event, at, detail);
                tx.commit().await?;
            }
        }
        Ok(())
    }

    /// The latest entries, newest first.
    pub async fn audit_entries(
        &self,
        _reader: &AuditReader,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        self.audit_rows(
            "SELECT * FROM audit_log ORDER BY id DESC LIMIT $1",
            Some(limit),
        )
        .await
    }

    /// Walk the whole chain from the start and report the first broken link, if any.
    pub async fn verify_audit_chain(
        &self,
        _reader: &AuditReader,
    ) -> Result<ChainCheck, StoreError> {
        let rows = self
            .audit_rows("SELECT * FROM audit_log ORDER BY id", None)
            .await?;
        let mut prev = GENESIS.to_owned();
        let mut count = 0u64;
        for row in rows {
            if row.prev_hash != prev || row.expected_hash() != row.hash {
                return Ok(ChainCheck::BrokenAt { id: row.id });
            }
            prev = row.hash;
            count += 1;
        }
        Ok(ChainCheck::Intact { entries: count })
    }

    async fn audit_rows(
        &self,
        sql: &'static str,
        limit: Option<i64>,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        Ok(crate::db::with_pool!(self, pool => {
            let mut q = sqlx::query_as(sql);
            if let Some(l) = limit {
                q = q.bind(l);
            }
            q.fetch_all(pool).await?
        }))
    }
}
