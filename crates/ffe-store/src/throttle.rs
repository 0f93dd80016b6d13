//! Login throttling: consecutive failures per key (the lower-cased username) lock the key for a while.
//! Kept in the database so every `ffe serve` behind a load balancer sees the same count.

use crate::clock::now;
use crate::db::{Store, with_pool};
use crate::error::StoreError;

/// The lockout rule: `max_failures` failures within `lockout_secs` lock the key for `lockout_secs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginThrottle {
    pub max_failures: u32,
    pub lockout_secs: i64,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        LoginThrottle {
            max_failures: 5,
            lockout_secs: 15 * 60,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThrottleState {
    /// Attempts may go on; `failures` so far in the window.
    Open { failures: u32 },
    /// Locked until this Unix time.
    Locked { until: i64 },
}

impl Store {
    /// Whether the key may attempt a login now.
    pub async fn throttle_state(&self, key: &str) -> Result<ThrottleState, StoreError> {
        let row: Option<(i64, Option<i64>)> = with_pool!(self, pool => {
            sqlx::query_as("SELECT failures, locked_until FROM login_throttle WHERE key = $1")
                .bind(key)
                .fetch_optional(pool)
                .await?
        });
        Ok(match row {
            Some((_, Some(until))) if until > now() => ThrottleState::Locked { until },
            Some((failures, _)) => ThrottleState::Open {
                failures: u32::try_from(failures).unwrap_or(u32::MAX),
            },
            None => ThrottleState::Open { failures: 0 },
        })
    }

    /// Count a failure; returns `Locked` when this failure reached the limit.
    pub async fn record_login_failure(
        &self,
        key: &str,
        rule: LoginThrottle,
    ) -> Result<ThrottleState, StoreError> {
        let at = now();
        let window_start = at - rule.lockout_secs;
        let failures: i64 = with_pool!(self, pool => {
            sqlx::query_scalar(
                "INSERT INTO login_throttle (key, failures, first_failure_at, locked_until) \
                 VALUES ($1, 1, $2, NULL) ON CONFLICT (key) DO UPDATE SET \
                 failures = CASE WHEN login_throttle.first_failure_at < $3 \
                     THEN 1 ELSE login_throttle.failures + 1 END, \
                 first_failure_at = CASE WHEN login_throttle.first_failure_at < $3 \
                     THEN $2 ELSE login_throttle.first_failure_at END \
                 RETURNING failures",
            )
            .bind(key)
            .bind(at)
            .bind(window_start)
            .fetch_one(pool)
            .await?
        });
        if failures >= i64::from(rule.max_failures) {
            let until = at + rule.lockout_secs;
            with_pool!(self, pool => {
                sqlx::query(
                    "UPDATE login_throttle SET locked_until = $1, failures = 0, first_failure_at = $2 \
                     WHERE key = $3",
                )
                .bind(until)
                .bind(at)
                .bind(key)
                .execute(pool)
                .await?;
            });
            return Ok(ThrottleState::Locked { until });
        }
        Ok(ThrottleState::Open {
            failures: u32::try_from(failures).unwrap_or(u32::MAX),
        })
    }

    /// A successful login forgets the failures.
    pub async fn clear_login_failures(&self, key: &str) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            sqlx::query("DELETE FROM login_throttle WHERE key = $1")
                .bind(key)
                .execute(pool)
                .await?;
        });
        Ok(())
    }
}
