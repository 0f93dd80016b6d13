//! Timestamps are Unix seconds in UTC, the one representation both databases store alike.

/// Now, in Unix seconds.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
