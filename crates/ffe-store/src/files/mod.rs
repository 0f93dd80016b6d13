//! File storage: one interface, a local folder or an S3-compatible bucket behind it.
//!
//! Uploads stream through in bounded memory and are atomic: an object is visible only once it is
//! complete (a rename on disk, a completed multipart upload on S3); a failed or oversized upload leaves
//! nothing behind. Every stored file is measured and hashed on the way in.

mod error;
mod key;
mod location;
mod store;
#[cfg(test)]
mod tests;

pub use error::FileError;
pub use key::FileKey;
pub use location::StorageLocation;
pub use store::{FileMeta, FileStore, StoredFile};
