//! The store's error type: what went wrong, never the SQL or the driver's text in a user's face.

/// A failure of the store. The web layer maps `NotFound`/`Conflict` to 404/409 and the rest to an
/// opaque 500 that is logged with the driver's message.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("the record does not exist")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("unsupported database url: {0}")]
    UnsupportedUrl(String),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("password hashing failed: {0}")]
    Hash(String),
}

impl StoreError {
    /// A unique constraint was hit: the caller usually turns this into a form error.
    pub fn is_unique_violation(&self) -> bool {
        match self {
            StoreError::Database(sqlx::Error::Database(db)) => db.is_unique_violation(),
            StoreError::Conflict(_) => true,
            _ => false,
        }
    }
}
