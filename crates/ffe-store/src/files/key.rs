use std::fmt;

use super::FileError;

/// Where a file lives inside the store, e.g. `applications/42/evidence/3f2a….pdf`. Only a safe
/// alphabet is allowed, so a key can never escape the store's folder or prefix.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FileKey(String);

const MAX_SEGMENTS: usize = 8;
const MAX_SEGMENT_LEN: usize = 128;

impl FileKey {
    pub fn parse(text: &str) -> Result<FileKey, FileError> {
        let segments: Vec<&str> = text.split('/').collect();
        let ok = (1..=MAX_SEGMENTS).contains(&segments.len())
            && segments.iter().all(|s| {
                !s.is_empty()
                    && s.len() <= MAX_SEGMENT_LEN
                    && !s.starts_with('.')
                    && s.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
            });
        if ok {
            Ok(FileKey(text.to_string()))
        } else {
            Err(FileError::InvalidKey(text.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FileKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
