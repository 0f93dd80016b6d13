use std::sync::Arc;

use bytes::Bytes;
use futures::stream::{BoxStream, Stream, StreamExt};
use object_store::aws::AmazonS3Builder;
use object_store::buffered::BufWriter;
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt};
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use super::{FileError, FileKey, StorageLocation};

/// Upload parts are this large: S3's minimum part size, and the bound on buffered memory per part.
const PART_SIZE: usize = 5 * 1024 * 1024;
/// Parts in flight at once per upload; memory per upload stays under `PART_SIZE * (1 + this)`.
const PARTS_IN_FLIGHT: usize = 2;

/// A file as stored: its key, its size and the SHA-256 of its bytes (hex).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    pub key: FileKey,
    pub size: u64,
    pub sha256: String,
}

/// What the store knows about a file without reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileMeta {
    pub size: u64,
}

/// The one storage interface of ffe. Cheap to clone; share it across requests.
#[derive(Debug, Clone)]
pub struct FileStore {
    inner: Arc<dyn ObjectStore>,
    prefix: String,
    location: StorageLocation,
}

impl FileStore {
    /// Open the store at `location`, creating a local folder if needed.
    pub fn open(location: &StorageLocation) -> Result<FileStore, FileError> {
        let (inner, prefix): (Arc<dyn ObjectStore>, String) = match location {
            StorageLocation::Local(dir) => {
                std::fs::create_dir_all(dir)?;
                (
                    Arc::new(LocalFileSystem::new_with_prefix(dir)?),
                    String::new(),
                )
            }
            StorageLocation::S3 {
                bucket,
                prefix,
                endpoint,
                region,
                allow_http,
            } => {
                let mut builder = AmazonS3Builder::from_env()
                    .with_bucket_name(bucket)
                    .with_allow_http(*allow_http);
                if let Some(endpoint) = endpoint {
                    // Self-hosted S3 APIs (MinIO, moto, Ceph) address buckets by path.
                    builder = builder
                        .with_endpoint(endpoint)
                        .with_virtual_hosted_style_request(false);
                }
                if let Some(region) = region {
                    builder = builder.with_region(region);
                }
                (Arc::new(builder.build()?), prefix.clone())
            }
        };
        Ok(FileStore {
            inner,
            prefix,
            location: location.clone(),
        })
    }

    pub fn location(&self) -> &StorageLocation {
        &self.location
    }

    fn path(&self, key: &FileKey) -> Path {
        if self.prefix.is_empty() {
            Path::from(key.as_str())
        } else {
            Path::from(format!("{}/{}", self.prefix, key.as_str()))
        }
    }

    /// Stream `body` into the file at `key`, refusing it once it passes `max_bytes`. The file appears
    /// only when the whole body has arrived; on any failure nothing is left behind.
    pub async fn put_stream<S, E>(
        &self,
        key: &FileKey,
        body: S,
        max_bytes: u64,
    ) -> Result<StoredFile, FileError>
    where
        S: Stream<Item = Result<Bytes, E>> + Send,
        E: std::error::Error + Send + Sync + 'static,
    {
        let mut writer =
            BufWriter::with_capacity(Arc::clone(&self.inner), self.path(key), PART_SIZE)
                .with_max_concurrency(PARTS_IN_FLIGHT);
        let mut body = std::pin::pin!(body);
        let mut hasher = Sha256::new();
        let mut size: u64 = 0;
        while let Some(chunk) = body.next().await {
            let failure = match chunk {
                Err(err) => Some(FileError::Source(Box::new(err))),
                Ok(chunk) => {
                    size = size.saturating_add(chunk.len() as u64);
                    if size > max_bytes {
                        Some(FileError::TooLarge { limit: max_bytes })
                    } else {
                        hasher.update(&chunk);
                        writer.put(chunk).await.err().map(FileError::from)
                    }
                }
            };
            if let Some(err) = failure {
                if let Err(abort) = writer.abort().await {
                    tracing::warn!(key = %key, error = %abort, "could not abort a failed upload");
                }
                return Err(err);
            }
        }
        writer.shutdown().await?;
        Ok(StoredFile {
            key: key.clone(),
            size,
            sha256: hex::encode(hasher.finalize()),
        })
    }

    /// Store a small file held in memory (generated reports, exports).
    pub async fn put_bytes(&self, key: &FileKey, bytes: Bytes) -> Result<StoredFile, FileError> {
        let size = bytes.len() as u64;
        let sha256 = hex::encode(Sha256::digest(&bytes));
        self.inner.put(&self.path(key), bytes.into()).await?;
        Ok(StoredFile {
            key: key.clone(),
            size,
            sha256,
        })
    }

    /// The file's bytes as a stream, with its size, for serving downloads without buffering them.
    pub async fn get(
        &self,
        key: &FileKey,
    ) -> Result<(FileMeta, BoxStream<'static, Result<Bytes, FileError>>), FileError> {
        let result = self.inner.get(&self.path(key)).await?;
        let meta = FileMeta {
            size: result.meta.size,
        };
        let stream = result
            .into_stream()
            .map(|r| r.map_err(FileError::from))
            .boxed();
        Ok((meta, stream))
    }

    /// The whole file in memory, refusing files over `max_bytes`.
    pub async fn get_bytes(&self, key: &FileKey, max_bytes: u64) -> Result<Bytes, FileError> {
        let result = self.inner.get(&self.path(key)).await?;
        if result.meta.size > max_bytes {
            return Err(FileError::TooLarge { limit: max_bytes });
        }
        Ok(result.bytes().await?)
    }

    pub async fn head(&self, key: &FileKey) -> Result<Option<FileMeta>, FileError> {
        match self.inner.head(&self.path(key)).await {
            Ok(meta) => Ok(Some(FileMeta { size: meta.size })),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(err) => Err(err.into()),
        }
    }

    /// Delete a file; deleting a missing file is not an error.
    pub async fn delete(&self, key: &FileKey) -> Result<(), FileError> {
        match self.inner.delete(&self.path(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(err) => Err(err.into()),
        }
    }

    /// Whether the backend answers (for `/readyz`): a lookup of a key that need not exist.
    pub async fn ping(&self) -> Result<(), FileError> {
        let probe = FileKey::parse("readyz-probe")?;
        self.head(&probe).await.map(|_| ())
    }
}
