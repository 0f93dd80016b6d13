use std::path::PathBuf;

use super::FileError;

/// Where files go, as given by `--storage` / `FFE_STORAGE`:
/// - a folder: `/var/lib/ffe/files`, `./ffe-data/files` or `file:///var/lib/ffe/files`;
/// - a bucket: `s3://bucket[/prefix]?endpoint=http://127.0.0.1:5000&region=us-east-1`.
///
/// S3 credentials come from the usual `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` variables, never
/// from the URL, so they do not end up in logs or process listings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageLocation {
    Local(PathBuf),
    S3 {
        bucket: String,
        prefix: String,
        endpoint: Option<String>,
        region: Option<String>,
        allow_http: bool,
    },
}

impl StorageLocation {
    pub fn parse(text: &str) -> Result<StorageLocation, FileError> {
        let invalid = |reason: &str| FileError::InvalidLocation {
            location: text.to_string(),
            reason: reason.to_string(),
        };
        if let Some(rest) = text.strip_prefix("s3://") {
            let (target, query) = rest.split_once('?').unwrap_or((rest, ""));
            let (bucket, prefix) = target.split_once('/').unwrap_or((target, ""));
            if bucket.is_empty()
                || !bucket
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-.".contains(&b))
            {
                return Err(invalid(
                    "the bucket name must be lowercase letters, digits, '-' or '.'",
                ));
            }
            let prefix = prefix.trim_matches('/').to_string();
            let mut endpoint = None;
            let mut region = None;
            let mut allow_http = None;
            for pair in query.split('&').filter(|p| !p.is_empty()) {
                let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                match name {
                    "endpoint" => endpoint = Some(value.to_string()),
                    "region" => region = Some(value.to_string()),
                    "allow_http" => {
                        allow_http = Some(
                            value
                                .parse()
                                .map_err(|_| invalid("allow_http is true or false"))?,
                        )
                    }
                    _ => return Err(invalid(&format!("unknown parameter {name:?}"))),
                }
            }
            let allow_http = allow_http.unwrap_or_else(|| {
                endpoint
                    .as_deref()
                    .is_some_and(|e| e.starts_with("http://"))
            });
            return Ok(StorageLocation::S3 {
                bucket: bucket.to_string(),
                prefix,
                endpoint,
                region,
                allow_http,
            });
        }
        let path = text.strip_prefix("file://").unwrap_or(text);
        if path.is_empty() || text.contains("://") && !text.starts_with("file://") {
            return Err(invalid("use a folder path, file:///path or s3://bucket"));
        }
        Ok(StorageLocation::Local(PathBuf::from(path)))
    }

    /// A description safe for logs.
    pub fn describe(&self) -> String {
        match self {
            StorageLocation::Local(path) => format!("local folder {}", path.display()),
            StorageLocation::S3 {
                bucket,
                prefix,
                endpoint,
                ..
            } => format!(
                "s3://{bucket}/{prefix} at {}",
                endpoint.as_deref().unwrap_or("AWS")
            ),
        }
    }
}
