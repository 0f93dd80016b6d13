//! The test app: the real server on 127.0.0.1:0 against a fresh database (SQLite in a temp folder,
//! or a fresh PostgreSQL schema when `FFE_TEST_DATABASE_URL` is set), and a small HTTP client that
//! keeps cookies by hand (the `__Host-` session cookie is `Secure`, which generic cookie jars refuse
//! over http).

use std::collections::BTreeMap;
use std::net::SocketAddr;

use ffe_web::{Secret, Server, Settings};
use reqwest::header::{CONTENT_TYPE, COOKIE, SET_COOKIE};
use reqwest::{Method, StatusCode};
use serde_json::Value;

pub const PASSWORD: &str = "demo1234!";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Where a test's database lives, removed when the test ends.
pub struct Db {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
    pub data_dir: std::path::PathBuf,
}

impl Db {
    pub async fn new(backend: Backend) -> Option<Db> {
        let dir = tempfile::tempdir().unwrap();
        let data_dir = dir.path().to_path_buf();
        match backend {
            Backend::Sqlite => Some(Db {
                url: format!("sqlite://{}", dir.path().join("ffe.sqlite3").display()),
                _dir: Some(dir),
                pg: None,
                data_dir,
            }),
            Backend::Postgres => {
                let base = std::env::var("FFE_TEST_DATABASE_URL").ok()?;
                let schema = format!("w_{}", uuid::Uuid::new_v4().simple());
                let pool = sqlx::PgPool::connect(&base).await.unwrap();
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
                    .execute(&pool)
                    .await
                    .unwrap();
                pool.close().await;
                let sep = if base.contains('?') { '&' } else { '?' };
                Some(Db {
                    url: format!("{base}{sep}options=-csearch_path%3D{schema}"),
                    _dir: Some(dir),
                    pg: Some((base, schema)),
                    data_dir,
                })
            }
        }
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Some((base, schema)) = self.pg.take() {
            // Drop the schema on a thread of its own: Drop cannot await.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async {
                    if let Ok(pool) = sqlx::PgPool::connect(&base).await {
                        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                            "DROP SCHEMA {schema} CASCADE"
                        )))
                        .execute(&pool)
                        .await;
                        pool.close().await;
                    }
                });
            })
            .join();
        }
    }
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub http: reqwest::Client,
    pub db: std::sync::Arc<Db>,
    pub backend: Backend,
    pub demo_seeded_now: Option<bool>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

pub fn settings(db: &Db) -> Settings {
    let mut s = Settings {
        addr: "127.0.0.1:0".parse().unwrap(),
        data_dir: db.data_dir.clone(),
        database_url: Some(Secret::new(db.url.clone())),
        demo: true,
        ..Settings::default()
    };
    s.database.max_connections = 5;
    s
}

impl TestApp {
    /// The demo app on a fresh database; `None` when the backend is not available.
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        Self::spawn_with(backend, |_| {}).await
    }

    pub async fn spawn_with(
        backend: Backend,
        tweak: impl FnOnce(&mut Settings),
    ) -> Option<TestApp> {
        let db = std::sync::Arc::new(Db::new(backend).await?);
        let mut s = settings(&db);
        tweak(&mut s);
        Some(Self::start(db, s, backend).await)
    }

    /// Another server on the same database (a second instance behind a load balancer).
    pub async fn sibling(&self) -> TestApp {
        let s = settings(&self.db);
        Self::start(self.db.clone(), s, self.backend).await
    }

    async fn start(db: std::sync::Arc<Db>, s: Settings, backend: Backend) -> TestApp {
        let server = Server::start(s).await.unwrap();
        let addr = server.local_addr().unwrap();
        let demo_seeded_now = server.demo().map(|d| d.seeded_now);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(server.run(async {
            let _ = rx.await;
        }));
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        TestApp {
            addr,
            http,
            db,
            backend,
            demo_seeded_now,
            shutdown: Some(tx),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Log in through the API as a demo user.
    pub async fn login(&self, username: &str) -> Agent {
        let mut agent = Agent::default();
        let r = agent
            .send(
                self,
                Method::POST,
                "/api/v1/session",
                Some(serde_json::json!({"username": username, "password": PASSWORD})),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "login {username}: {}", r.text);
        agent.csrf = r.json["csrf_token"].as_str().unwrap().to_owned();
        agent
    }
}

/// A browser-like client: its own cookies and CSRF token.
#[derive(Debug, Default, Clone)]
pub struct Agent {
    pub cookies: BTreeMap<String, String>,
    pub csrf: String,
}

#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
    pub json: Value,
}

impl Agent {
    pub fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep_cookies(&mut self, headers: &reqwest::header::HeaderMap) {
        for value in headers.get_all(SET_COOKIE) {
            let text = value.to_str().unwrap();
            let pair = text.split(';').next().unwrap();
            let (name, val) = pair.split_once('=').unwrap();
            let removed = text.contains("Max-Age=0") || val.is_empty();
            if removed {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), val.to_owned());
            }
        }
    }

    /// Send JSON (or nothing), with the CSRF header when the agent has a token.
    pub async fn send(
        &mut self,
        app: &TestApp,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Reply {
        let mut req = app.http.request(method, app.url(path));
        if !self.cookies.is_empty() {
            req = req.header(COOKIE, self.cookie_header());
        }
        if !self.csrf.is_empty() {
            req = req.header("x-csrf-token", &self.csrf);
        }
        if let Some(body) = body {
            req = req
                .header(CONTENT_TYPE, "application/json")
                .body(body.to_string());
        }
        self.finish(req).await
    }

    /// Send raw bytes with a content type.
    pub async fn send_raw(
        &mut self,
        app: &TestApp,
        method: Method,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Reply {
        let mut req = app
            .http
            .request(method, app.url(path))
            .header(CONTENT_TYPE, content_type)
            .body(body);
        if !self.cookies.is_empty() {
            req = req.header(COOKIE, self.cookie_header());
        }
        if !self.csrf.is_empty() {
            req = req.header("x-csrf-token", &self.csrf);
        }
        self.finish(req).await
    }

    /// Post a form as a browser would (no CSRF header: the token must be a field).
    pub async fn post_form(&mut self, app: &TestApp, path: &str, fields: &[(&str, &str)]) -> Reply {
        let mut req = app.http.post(app.url(path)).form(fields);
        if !self.cookies.is_empty() {
            req = req.header(COOKIE, self.cookie_header());
        }
        self.finish(req).await
    }

    pub async fn get(&mut self, app: &TestApp, path: &str) -> Reply {
        let mut req = app.http.get(app.url(path));
        if !self.cookies.is_empty() {
            req = req.header(COOKIE, self.cookie_header());
        }
        self.finish(req).await
    }

    async fn finish(&mut self, req: reqwest::RequestBuilder) -> Reply {
        let response = req.send().await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        self.keep_cookies(&headers);
        let text = response.text().await.unwrap();
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            text,
            json,
        }
    }
}

/// The hidden CSRF field of a rendered form.
pub fn csrf_field(html: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker).expect("form has a csrf field") + marker.len();
    html[start..].split('"').next().unwrap().to_owned()
}

/// Run a scenario on SQLite and, when configured, on PostgreSQL: two tests per scenario.
#[macro_export]
macro_rules! both {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::helpers::Backend::Sqlite).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if std::env::var("FFE_TEST_DATABASE_URL").is_ok() {
                    super::$name($crate::helpers::Backend::Postgres).await;
                }
            }
        }
    };
}
