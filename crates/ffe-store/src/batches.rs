//! Evaluation batches: dates, the index and scheme editions they use, draft → open → closed.

use serde::{Deserialize, Serialize};

use crate::access::{BatchAdmin, BatchScope, BatchTransition};
use crate::clock::now;
use crate::db::{Store, with_pool};
use crate::error::StoreError;
use crate::ids::BatchId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BatchStatus {
    Draft,
    Open,
    Closed,
}

impl BatchStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            BatchStatus::Draft => "draft",
            BatchStatus::Open => "open",
            BatchStatus::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<BatchStatus> {
        [BatchStatus::Draft, BatchStatus::Open, BatchStatus::Closed]
            .into_iter()
            .find(|s| s.as_str() == text)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            BatchStatus::Draft => "草稿",
            BatchStatus::Open => "申报中",
            BatchStatus::Closed => "已截止",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            BatchStatus::Draft => "Draft",
            BatchStatus::Open => "Open",
            BatchStatus::Closed => "Closed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Batch {
    pub id: BatchId,
    pub name: String,
    pub year: i64,
    pub index_edition: String,
    pub scheme_edition: String,
    /// `YYYY-MM-DD`.
    pub opens_on: String,
    pub closes_on: String,
    pub status: BatchStatus,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A batch to create, validated by the caller (dates in order, editions known).
#[derive(Debug, Clone)]
pub struct NewBatch {
    pub name: String,
    pub year: i64,
    pub index_edition: String,
    pub scheme_edition: String,
    pub opens_on: chrono::NaiveDate,
    pub closes_on: chrono::NaiveDate,
}

#[derive(sqlx::FromRow)]
struct BatchRow {
    id: i64,
    name: String,
    year: i64,
    index_edition: String,
    scheme_edition: String,
    opens_on: String,
    closes_on: String,
    status: String,
    created_at: i64,
    updated_at: i64,
}

impl BatchRow {
    fn into_batch(self) -> Result<Batch, StoreError> {
        Ok(Batch {
            id: BatchId(self.id),
            status: BatchStatus::parse(&self.status)
                .ok_or_else(|| StoreError::Corrupt(format!("batch status {:?}", self.status)))?,
            name: self.name,
            year: self.year,
            index_edition: self.index_edition,
            scheme_edition: self.scheme_edition,
            opens_on: self.opens_on,
            closes_on: self.closes_on,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

const BATCH_COLUMNS: &str = "id, name, year, index_edition, scheme_edition, opens_on, closes_on, \
     status, created_at, updated_at FROM batches";

impl Store {
    pub async fn batches(&self, scope: BatchScope) -> Result<Vec<Batch>, StoreError> {
        let filter = match scope {
            BatchScope::All => "",
            BatchScope::Published => " WHERE status <> 'draft'",
        };
        let sql = format!("SELECT {BATCH_COLUMNS}{filter} ORDER BY id DESC");
        let rows: Vec<BatchRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await?
        });
        rows.into_iter().map(BatchRow::into_batch).collect()
    }

    pub async fn batch(&self, scope: BatchScope, id: BatchId) -> Result<Option<Batch>, StoreError> {
        let sql = format!("SELECT {BATCH_COLUMNS} WHERE id = $1");
        let row: Option<BatchRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id.0).fetch_optional(pool).await?
        });
        Ok(row
            .map(BatchRow::into_batch)
            .transpose()?
            .filter(|b| scope.covers(b)))
    }

    pub async fn create_batch(
        &self,
        admin: &BatchAdmin,
        new: &NewBatch,
    ) -> Result<Batch, StoreError> {
        let at = now();
        let id: i64 = with_pool!(self, pool => {
            sqlx::query_scalar(
                "INSERT INTO batches (name, year, index_edition, scheme_edition, opens_on, closes_on, \
                 status, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $8) RETURNING id",
            )
            .bind(&new.name)
            .bind(new.year)
            .bind(&new.index_edition)
            .bind(&new.scheme_edition)
            .bind(new.opens_on.format("%Y-%m-%d").to_string())
            .bind(new.closes_on.format("%Y-%m-%d").to_string())
            .bind(admin.by().0)
            .bind(at)
            .fetch_one(pool)
            .await?
        });
        self.batch(BatchScope::All, BatchId(id))
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// Apply a checked transition; fails with a conflict if another request moved the batch first.
    pub async fn change_batch_status(&self, change: &BatchTransition) -> Result<Batch, StoreError> {
        let n = with_pool!(self, pool => {
            sqlx::query("UPDATE batches SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4")
                .bind(change.to().as_str())
                .bind(now())
                .bind(change.batch().0)
                .bind(change.from().as_str())
                .execute(pool)
                .await?
                .rows_affected()
        });
        if n == 0 {
            return Err(StoreError::Conflict("batch status changed meanwhile"));
        }
        self.batch(BatchScope::All, change.batch())
            .await?
            .ok_or(StoreError::NotFound)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn batch(status: BatchStatus) -> Batch {
        Batch {
            id: BatchId(1),
            name: "2026".into(),
            year: 2026,
            index_edition: "zj-ff-trial".into(),
            scheme_edition: "default".into(),
            opens_on: "2026-01-01".into(),
            closes_on: "2026-12-31".into(),
            status,
            created_at: 0,
            updated_at: 0,
        }
    }
}
