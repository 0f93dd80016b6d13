use thiserror::Error;

/// What can go wrong storing or reading a file. Messages are for logs and operators; the web layer
/// maps each variant to a user-facing answer.
#[derive(Debug, Error)]
pub enum FileError {
    #[error("invalid file key {0:?}: use 1–8 segments of letters, digits, '.', '_' or '-'")]
    InvalidKey(String),
    #[error("invalid storage location {location:?}: {reason}")]
    InvalidLocation { location: String, reason: String },
    #[error("file larger than the limit of {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("no such file: {0}")]
    NotFound(String),
    #[error("the upload was interrupted: {0}")]
    Source(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("storage backend error: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl From<object_store::Error> for FileError {
    fn from(err: object_store::Error) -> Self {
        match err {
            object_store::Error::NotFound { path, .. } => FileError::NotFound(path),
            other => FileError::Backend(Box::new(other)),
        }
    }
}

impl From<std::io::Error> for FileError {
    fn from(err: std::io::Error) -> Self {
        FileError::Backend(Box::new(err))
    }
}
