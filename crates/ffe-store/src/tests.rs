//! Store tests against a fresh SQLite database, and against PostgreSQL too when
//! `FFE_TEST_DATABASE_URL` is set (a fresh schema per test, dropped after).

use std::collections::HashMap;

use crate::access::{ApplicationScope, Rights};
use crate::audit::{AuditEvent, ChainCheck};
use crate::db::{Pool, Store, StoreOptions};
use crate::demo::{DemoInput, demo_accounts};
use crate::throttle::{LoginThrottle, ThrottleState};
use crate::{Passwords, UserId};

/// A fresh database; the returned guard removes it.
pub(crate) struct TestDb {
    pub store: Store,
    _dir: Option<tempfile::TempDir>,
    schema: Option<(String, String)>,
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_sqlite(&dir.path().join("t.sqlite3"), StoreOptions::default())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        TestDb {
            store,
            _dir: Some(dir),
            schema: None,
        }
    }

    pub async fn postgres() -> Option<TestDb> {
        let base = std::env::var("FFE_TEST_DATABASE_URL").ok()?;
        let schema = format!("t_{}", uuid_like());
        let admin = Store::connect(&base, StoreOptions::default())
            .await
            .unwrap();
        if let Pool::Postgres(pool) = &admin.pool {
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
                .execute(pool)
                .await
                .unwrap();
        }
        admin.close().await;
        let sep = if base.contains('?') { '&' } else { '?' };
        let url = format!("{base}{sep}options=-csearch_path%3D{schema}");
        let store = Store::connect(
            &url,
            StoreOptions {
                max_connections: 4,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        store.migrate().await.unwrap();
        Some(TestDb {
            store,
            _dir: None,
            schema: Some((base, schema)),
        })
    }

    pub async fn each() -> Vec<TestDb> {
        let mut dbs = vec![TestDb::sqlite().await];
        dbs.extend(TestDb::postgres().await);
        dbs
    }

    pub async fn drop_db(self) {
        self.store.close().await;
        if let Some((base, schema)) = self.schema {
            let admin = Store::connect(&base, StoreOptions::default())
                .await
                .unwrap();
            if let Pool::Postgres(pool) = &admin.pool {
                sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
                    .execute(pool)
                    .await
                    .unwrap();
            }
            admin.close().await;
        }
    }
}

fn uuid_like() -> String {
    use rand::Rng;
    let n: u64 = rand::rng().random();
    format!("{n:016x}")
}

fn event(action: &str, n: usize) -> AuditEvent {
    AuditEvent {
        actor_id: None,
        actor: format!("user{n}"),
        action: action.to_owned(),
        object_kind: "test".into(),
        object_id: n.to_string(),
        detail: serde_json::json!({"n": n}),
        request_id: "r".into(),
        ip: "127.0.0.1".into(),
    }
}

async fn seed(store: &Store) -> crate::DemoSeed {
    let hash = Passwords.hash(crate::DEMO_PASSWORD).unwrap();
    let input = DemoInput {
        index_edition: "zj-ff-trial".into(),
        scheme_edition: "default".into(),
        password_hashes: vec![hash; demo_accounts().len()],
        ent1_answers: serde_json::json!({"1.1.a.1": true}),
        ent2_answers: serde_json::json!({"1.1.a.1": true, "1.1.a.2": false}),
    };
    store.seed_demo(&input).await.unwrap()
}

#[tokio::test]
async fn audit_chain_is_append_only_and_detects_tampering() {
    for db in TestDb::each().await {
        let store = &db.store;
        let reader = crate::access::cast::province().perm_read_audit().unwrap();
        // Concurrent appends still form one chain.
        let mut tasks = Vec::new();
        for n in 0..20 {
            let s = store.clone();
            tasks.push(tokio::spawn(async move { s.audit(&event("x", n)).await }));
        }
        for t in tasks {
            t.await.unwrap().unwrap();
        }
        assert_eq!(
            store.verify_audit_chain(&reader).await.unwrap(),
            ChainCheck::Intact { entries: 20 }
        );
        // The database refuses changes.
        let update = "UPDATE audit_log SET actor = 'mallory' WHERE id = 5";
        let refused =
            crate::db::with_pool!(store, pool => sqlx::query(update).execute(pool).await.is_err());
        assert!(refused, "UPDATE must be refused");
        let refused = crate::db::with_pool!(store, pool => {
            sqlx::query("DELETE FROM audit_log").execute(pool).await.is_err()
        });
        assert!(refused, "DELETE must be refused");
        // Someone with the power to drop the trigger still cannot hide an edit.
        let drop = match store.pool {
            Pool::Sqlite(_) => "DROP TRIGGER audit_log_no_update",
            Pool::Postgres(_) => "DROP TRIGGER audit_log_no_change ON audit_log",
        };
        crate::db::with_pool!(store, pool => {
            sqlx::query(drop).execute(pool).await.unwrap();
            sqlx::query(update).execute(pool).await.unwrap();
        });
        assert_eq!(
            store.verify_audit_chain(&reader).await.unwrap(),
            ChainCheck::BrokenAt { id: 5 }
        );
        db.drop_db().await;
    }
}

#[tokio::test]
async fn throttle_locks_after_the_limit_and_clears_on_success() {
    for db in TestDb::each().await {
        let s = &db.store;
        let rule = LoginThrottle {
            max_failures: 3,
            lockout_secs: 900,
        };
        assert_eq!(
            s.throttle_state("bob").await.unwrap(),
            ThrottleState::Open { failures: 0 }
        );
        assert_eq!(
            s.record_login_failure("bob", rule).await.unwrap(),
            ThrottleState::Open { failures: 1 }
        );
        s.record_login_failure("bob", rule).await.unwrap();
        assert!(matches!(
            s.record_login_failure("bob", rule).await.unwrap(),
            ThrottleState::Locked { .. }
        ));
        assert!(matches!(
            s.throttle_state("bob").await.unwrap(),
            ThrottleState::Locked { .. }
        ));
        assert_eq!(
            s.throttle_state("alice").await.unwrap(),
            ThrottleState::Open { failures: 0 }
        );
        s.clear_login_failures("bob").await.unwrap();
        assert_eq!(
            s.throttle_state("bob").await.unwrap(),
            ThrottleState::Open { failures: 0 }
        );
        db.drop_db().await;
    }
}

#[tokio::test]
async fn sessions_round_trip_expire_and_are_stored_hashed() {
    use tower_sessions::session::{Id, Record};
    use tower_sessions::session_store::SessionStore;
    for db in TestDb::each().await {
        let sessions = crate::SqlSessionStore::new(db.store.clone());
        let mut record = Record {
            id: Id::default(),
            data: HashMap::from([("uid".to_owned(), serde_json::json!(7))]),
            expiry_date: time::OffsetDateTime::now_utc() + time::Duration::minutes(30),
        };
        sessions.create(&mut record).await.unwrap();
        let loaded = sessions.load(&record.id).await.unwrap().unwrap();
        assert_eq!(loaded.data, record.data);
        let raw: Vec<String> = crate::db::with_pool!(db.store, pool => {
            sqlx::query_scalar("SELECT id_hash FROM sessions").fetch_all(pool).await.unwrap()
        });
        assert_eq!(raw.len(), 1);
        assert_ne!(raw[0], record.id.to_string());
        // Expired sessions do not load and are swept.
        record.expiry_date = time::OffsetDateTime::now_utc() - time::Duration::seconds(1);
        sessions.save(&record).await.unwrap();
        assert!(sessions.load(&record.id).await.unwrap().is_none());
        assert_eq!(sessions.delete_expired().await.unwrap(), 1);
        sessions.create(&mut record).await.unwrap();
        sessions.delete(&record.id).await.unwrap();
        assert!(sessions.load(&record.id).await.unwrap().is_none());
        db.drop_db().await;
    }
}

#[tokio::test]
async fn demo_seeds_once_and_scopes_agree_with_their_rust_twin() {
    for db in TestDb::each().await {
        let s = &db.store;
        let (a, b) = tokio::join!(seed(s), seed(s));
        assert_ne!(
            a.seeded_now, b.seeded_now,
            "exactly one of two concurrent seeds runs"
        );
        assert!(!seed(s).await.seeded_now);
        let all = s.applications(&ApplicationScope::All).await.unwrap();
        assert_eq!(all.len(), 2);
        // Lists carry the answered count without the answers; it matches them.
        for summary in &all {
            let full = s
                .application(&ApplicationScope::All, summary.id)
                .await
                .unwrap()
                .unwrap();
            let count = full.answers.as_object().map_or(0, |o| o.len());
            assert_eq!(summary.answered, count as i64);
            assert_eq!(&full.summary, summary);
        }
        let mut assigned = HashMap::new();
        for app in &all {
            assigned.insert(app.id, s.assigned_experts(app.id).await.unwrap());
        }
        for demo in crate::demo_accounts() {
            let (account, _) = s.account_for_login(demo.username).await.unwrap().unwrap();
            let rights = Rights::for_account(account).unwrap();
            let scope = rights.application_scope();
            let visible: Vec<_> = s
                .applications(&scope)
                .await
                .unwrap()
                .into_iter()
                .map(|a| a.id)
                .collect();
            let expected: Vec<_> = all
                .iter()
                .filter(|a| scope.covers(a, &assigned[&a.id]))
                .map(|a| a.id)
                .collect();
            assert_eq!(visible, expected, "{}", demo.username);
            for app in &all {
                let one = s.application(&scope, app.id).await.unwrap();
                assert_eq!(
                    one.is_some(),
                    expected.contains(&app.id),
                    "{} {:?}",
                    demo.username,
                    app.id
                );
            }
        }
        // expert3 sees nothing; ent1's application is assigned to nobody.
        let (e3, _) = s.account_for_login("expert3").await.unwrap().unwrap();
        let e3 = Rights::for_account(e3).unwrap();
        assert!(
            s.applications(&e3.application_scope())
                .await
                .unwrap()
                .is_empty()
        );
        let ent1_app = all
            .iter()
            .find(|a| a.answered > 0 && a.status.as_str() == "draft")
            .unwrap();
        assert!(
            !s.assigned_experts(ent1_app.id)
                .await
                .unwrap()
                .contains(&e3.user_id())
        );
        assert_ne!(e3.user_id(), UserId(0));
        db.drop_db().await;
    }
}
