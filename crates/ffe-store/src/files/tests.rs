//! The storage interface against a real local folder always, and against a real S3 API server when
//! `FFE_TEST_S3_ENDPOINT` is set (CI starts moto_server and sets it, with AWS_* test credentials).

use std::io::{Read, Write};

use bytes::Bytes;
use futures::StreamExt;
use futures::stream;
use sha2::{Digest, Sha256};

use super::{FileError, FileKey, FileStore, StorageLocation};

fn key(text: &str) -> FileKey {
    FileKey::parse(text).expect("valid key")
}

/// `total` bytes of a repeating but non-trivial pattern, in chunks of `chunk` bytes.
fn body(total: usize, chunk: usize) -> Vec<Bytes> {
    let data: Vec<u8> = (0..total)
        .map(|i| (i % 251) as u8 ^ (i / 4096) as u8)
        .collect();
    data.chunks(chunk).map(Bytes::copy_from_slice).collect()
}

fn ok_stream(parts: Vec<Bytes>) -> impl futures::Stream<Item = Result<Bytes, std::io::Error>> {
    stream::iter(parts.into_iter().map(Ok))
}

async fn read_all(store: &FileStore, key: &FileKey) -> Vec<u8> {
    let (_, mut stream) = store.get(key).await.expect("file exists");
    let mut out = Vec::new();
    while let Some(chunk) = stream.next().await {
        out.extend_from_slice(&chunk.expect("chunk"));
    }
    out
}

/// The behaviour every backend must show.
async fn exercise(store: &FileStore) {
    // A large upload goes through multipart parts and comes back byte for byte.
    let parts = body(12 * 1024 * 1024 + 123, 64 * 1024);
    let expected: Vec<u8> = parts.iter().flat_map(|b| b.iter().copied()).collect();
    let big = key("applications/1/evidence/big.bin");
    let stored = store
        .put_stream(&big, ok_stream(parts), 64 * 1024 * 1024)
        .await
        .expect("upload");
    assert_eq!(stored.size, expected.len() as u64);
    assert_eq!(stored.sha256, hex::encode(Sha256::digest(&expected)));
    assert_eq!(
        store.head(&big).await.expect("head").map(|m| m.size),
        Some(stored.size)
    );
    assert!(
        read_all(store, &big).await == expected,
        "bytes differ after a round trip"
    );

    // A small upload is stored in one put.
    let small = key("applications/1/evidence/small.txt");
    let stored = store
        .put_stream(
            &small,
            ok_stream(vec![Bytes::from_static("未来工厂".as_bytes())]),
            1024,
        )
        .await
        .expect("small upload");
    assert_eq!(stored.size, 12);
    assert_eq!(
        store.get_bytes(&small, 1024).await.expect("bytes"),
        "未来工厂".as_bytes()
    );
    assert!(matches!(
        store.get_bytes(&small, 4).await,
        Err(FileError::TooLarge { limit: 4 })
    ));

    // Over the limit: refused, and nothing is left, not even for a file that existed before.
    let over = key("applications/1/evidence/over.bin");
    let result = store
        .put_stream(
            &over,
            ok_stream(body(7 * 1024 * 1024, 256 * 1024)),
            6 * 1024 * 1024,
        )
        .await;
    assert!(matches!(result, Err(FileError::TooLarge { limit }) if limit == 6 * 1024 * 1024));
    assert_eq!(store.head(&over).await.expect("head"), None);

    // The client goes away halfway: refused, nothing left, the old version of the file untouched.
    let mut broken: Vec<Result<Bytes, std::io::Error>> = body(6 * 1024 * 1024, 512 * 1024)
        .into_iter()
        .map(Ok)
        .collect();
    broken.push(Err(std::io::Error::new(
        std::io::ErrorKind::ConnectionReset,
        "client went away",
    )));
    let result = store
        .put_stream(&small, stream::iter(broken), 64 * 1024 * 1024)
        .await;
    assert!(matches!(result, Err(FileError::Source(_))));
    assert_eq!(
        store
            .get_bytes(&small, 1024)
            .await
            .expect("old file still there"),
        "未来工厂".as_bytes()
    );

    // Delete, and deleting again is fine; a missing file is NotFound.
    store.delete(&big).await.expect("delete");
    store.delete(&big).await.expect("delete twice");
    assert!(matches!(store.get(&big).await, Err(FileError::NotFound(_))));
    store.ping().await.expect("ping");
}

#[tokio::test]
async fn local_folder_backend() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("files");
    let store = FileStore::open(&StorageLocation::Local(root.clone())).expect("open");
    exercise(&store).await;
    // Failed uploads left no staging files behind: only the small file remains.
    let mut left = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                left.push(path);
            }
        }
    }
    assert_eq!(left.len(), 1, "left behind: {left:?}");
    assert!(left[0].ends_with("applications/1/evidence/small.txt"));
}

#[tokio::test]
async fn s3_backend_against_a_real_s3_api() {
    let Ok(endpoint) = std::env::var("FFE_TEST_S3_ENDPOINT") else {
        eprintln!("FFE_TEST_S3_ENDPOINT not set: S3 backend not exercised here (CI sets it)");
        return;
    };
    assert!(
        std::env::var("AWS_ACCESS_KEY_ID").is_ok(),
        "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY for the S3 test server"
    );
    let bucket = format!("ffe-test-{}", uuid::Uuid::new_v4().simple());
    create_bucket(&endpoint, &bucket);
    let location = StorageLocation::parse(&format!(
        "s3://{bucket}/tenant-a?endpoint={endpoint}&region=us-east-1"
    ))
    .expect("location");
    let store = FileStore::open(&location).expect("open");
    exercise(&store).await;
}

/// Buckets are made by operators, not by ffe: the test makes its own with one plain request.
fn create_bucket(endpoint: &str, bucket: &str) {
    let host = endpoint.trim_start_matches("http://").trim_end_matches('/');
    let mut conn = std::net::TcpStream::connect(host).expect("S3 test server reachable");
    write!(
        conn,
        "PUT /{bucket} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut answer = String::new();
    conn.read_to_string(&mut answer).expect("answer");
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "bucket not created: {answer}"
    );
}

#[test]
fn keys_cannot_escape_the_store() {
    for bad in [
        "",
        "/abs",
        "a//b",
        "../x",
        "a/../b",
        ".hidden",
        "a/.b",
        "a b",
        "中文",
        "a\\b",
        "a/b/c/d/e/f/g/h/i",
    ] {
        assert!(FileKey::parse(bad).is_err(), "{bad:?} accepted");
    }
    assert!(FileKey::parse("applications/42/evidence/3f2a-x_1.pdf").is_ok());
}

#[test]
fn storage_locations_parse() {
    assert_eq!(
        StorageLocation::parse("./ffe-data/files").expect("path"),
        StorageLocation::Local("./ffe-data/files".into())
    );
    assert_eq!(
        StorageLocation::parse("file:///var/lib/ffe").expect("file url"),
        StorageLocation::Local("/var/lib/ffe".into())
    );
    assert_eq!(
        StorageLocation::parse(
            "s3://evidence/prod/?endpoint=http://127.0.0.1:5000&region=cn-east-1"
        )
        .expect("s3"),
        StorageLocation::S3 {
            bucket: "evidence".into(),
            prefix: "prod".into(),
            endpoint: Some("http://127.0.0.1:5000".into()),
            region: Some("cn-east-1".into()),
            allow_http: true,
        }
    );
    for bad in [
        "",
        "s3://",
        "s3://Bad_Bucket",
        "s3://b?secret=x",
        "s3://b?allow_http=maybe",
        "ftp://x",
    ] {
        assert!(StorageLocation::parse(bad).is_err(), "{bad:?} accepted");
    }
}
