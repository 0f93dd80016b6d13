//! A `tower-sessions` store on our own `sessions` table, for SQLite and PostgreSQL alike.
//!
//! The table keys sessions by the SHA-256 of their id, so reading the table does not hand out live
//! session cookies. Expired rows are ignored on load and removed by [`SqlSessionStore::delete_expired`].

use async_trait::async_trait;
use sha2::{Digest, Sha256};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

use crate::clock::now;
use crate::db::{Store, with_pool};

#[derive(Debug, Clone)]
pub struct SqlSessionStore {
    store: Store,
}

impl SqlSessionStore {
    pub fn new(store: Store) -> SqlSessionStore {
        SqlSessionStore { store }
    }

    /// Remove expired sessions; any instance may run it, the statement is idempotent.
    pub async fn delete_expired(&self) -> Result<u64, crate::StoreError> {
        Ok(with_pool!(self.store, pool => {
            sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                .bind(now())
                .execute(pool)
                .await?
                .rows_affected()
        }))
    }

    /// How many sessions are live (for the operator's view and the tests).
    pub async fn count(&self) -> Result<i64, crate::StoreError> {
        Ok(with_pool!(self.store, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE expires_at > $1")
                .bind(now())
                .fetch_one(pool)
                .await?
        }))
    }
}

fn key(id: &Id) -> String {
    hex::encode(Sha256::digest(id.to_string().as_bytes()))
}

fn backend(e: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

#[async_trait]
impl SessionStore for SqlSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let data = serde_json::to_string(&record.data)
            .map_err(|e| session_store::Error::Encode(e.to_string()))?;
        let expires = record.expiry_date.unix_timestamp();
        // A fresh random id collides with probability ~2^-128; retry rather than overwrite anyway.
        loop {
            let inserted = with_pool!(self.store, pool => {
                sqlx::query(
                    "INSERT INTO sessions (id_hash, data, expires_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (id_hash) DO NOTHING",
                )
                .bind(key(&record.id))
                .bind(&data)
                .bind(expires)
                .execute(pool)
                .await
                .map_err(backend)?
                .rows_affected()
            });
            if inserted == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = serde_json::to_string(&record.data)
            .map_err(|e| session_store::Error::Encode(e.to_string()))?;
        with_pool!(self.store, pool => {
            sqlx::query(
                "INSERT INTO sessions (id_hash, data, expires_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (id_hash) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at",
            )
            .bind(key(&record.id))
            .bind(&data)
            .bind(record.expiry_date.unix_timestamp())
            .execute(pool)
            .await
            .map_err(backend)?;
        });
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row: Option<(String, i64)> = with_pool!(self.store, pool => {
            sqlx::query_as("SELECT data, expires_at FROM sessions WHERE id_hash = $1 AND expires_at > $2")
                .bind(key(id))
                .bind(now())
                .fetch_optional(pool)
                .await
                .map_err(backend)?
        });
        let Some((data, expires)) = row else {
            return Ok(None);
        };
        let data =
            serde_json::from_str(&data).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(expires)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        with_pool!(self.store, pool => {
            sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
                .bind(key(id))
                .execute(pool)
                .await
                .map_err(backend)?;
        });
        Ok(())
    }
}
