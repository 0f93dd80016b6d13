//! Building and running the server: connect and migrate, open file storage, seed the demo, bind,
//! serve until told to stop, then drain in-flight requests (graceful shutdown).

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use ffe_store::files::{FileError, FileStore, StorageLocation};
use ffe_store::{DemoSeed, SqlSessionStore, Store, StoreError, StoreOptions};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::auth::csrf::{self, BodyLimit};
use crate::config::Settings;
use crate::error::{AppError, render_errors};
use crate::state::AppState;

/// Why the server could not start. Shown to the operator, in Chinese first.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("无法创建数据目录 {path}：{source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("数据库连接或迁移失败：{0}")]
    Store(#[from] StoreError),
    #[error("文件存储不可用：{0}")]
    Storage(#[from] FileError),
    #[error("演示数据无法生成：{0}")]
    Demo(String),
    #[error("无法监听 {addr}：{source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

/// A server that has connected, migrated and bound its port, ready to run.
pub struct Server {
    listener: tokio::net::TcpListener,
    router: Router,
    state: AppState,
    demo: Option<DemoSeed>,
}

impl Server {
    pub async fn start(settings: Settings) -> Result<Server, StartError> {
        let uses_sqlite = settings
            .database_url
            .as_ref()
            .is_none_or(|u| u.expose().is_empty());
        let files_default = settings.storage.as_ref().is_none_or(|s| s.is_empty());
        if uses_sqlite || files_default {
            std::fs::create_dir_all(&settings.data_dir).map_err(|source| StartError::DataDir {
                path: settings.data_dir.display().to_string(),
                source,
            })?;
        }
        let options = StoreOptions {
            max_connections: settings.database.max_connections.max(1),
            ..StoreOptions::default()
        };
        let store = Store::connect(&settings.database_url(), options).await?;
        store.migrate().await?;
        let location = match &settings.storage {
            Some(text) if !text.is_empty() => StorageLocation::parse(text)?,
            _ => StorageLocation::Local(settings.data_dir.join("files")),
        };
        let files = FileStore::open(&location)?;
        tracing::info!(database = store.backend().as_str(), storage = %location.describe(), "store ready");
        let demo = if settings.demo {
            Some(crate::demo::seed(&store).await?)
        } else {
            None
        };
        let listener = tokio::net::TcpListener::bind(settings.addr)
            .await
            .map_err(|source| StartError::Bind {
                addr: settings.addr,
                source,
            })?;
        let state = AppState::new(store, files, settings);
        let router = app(state.clone());
        Ok(Server {
            listener,
            router,
            state,
            demo,
        })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The demo seed's outcome, when started with `demo`.
    pub fn demo(&self) -> Option<&DemoSeed> {
        self.demo.as_ref()
    }

    /// Serve until `shutdown` completes, then finish the requests in flight and close the pools.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let sweeper = tokio::spawn(sweep_sessions(SqlSessionStore::new(
            self.state.store().clone(),
        )));
        let result = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await;
        sweeper.abort();
        self.state.store().close().await;
        result
    }
}

/// Remove expired sessions now and then; idempotent, so every instance may do it.
async fn sweep_sessions(sessions: SqlSessionStore) {
    let mut every = tokio::time::interval(Duration::from_secs(300));
    loop {
        every.tick().await;
        match sessions.delete_expired().await {
            Ok(n) if n > 0 => tracing::debug!(removed = n, "expired sessions removed"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "session sweep failed"),
        }
    }
}

async fn not_found() -> AppError {
    AppError::NotFound
}

/// Headers every response carries: no sniffing, no framing, scripts and styles only from here.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = [
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "same-origin"),
        (
            "content-security-policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        ),
    ];
    for (name, value) in set {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// The whole application: routes and the layers around them.
pub fn app(state: AppState) -> Router {
    let settings = state.settings();
    let sessions = SessionManagerLayer::new(SqlSessionStore::new(state.store().clone()))
        .with_name(settings.session_cookie_name())
        .with_secure(settings.session.secure_cookies)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(i64::from(
            settings.session.idle_minutes.max(1),
        ))));
    let limit = settings.limits.body_bytes;
    let timeout = Duration::from_secs(settings.limits.request_timeout_secs.max(1));
    Router::new()
        .merge(crate::api::router())
        .merge(crate::pages::router())
        .merge(crate::health::router())
        .merge(crate::assets::router())
        .fallback(not_found)
        .layer(middleware::from_fn(csrf::verify))
        .layer(sessions)
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn(crate::body_limit::refuse_oversized))
        .layer(axum::Extension(BodyLimit(limit)))
        .layer(middleware::from_fn(render_errors))
        .layer(middleware::from_fn(security_headers))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, timeout))
        .layer(CatchPanicLayer::custom(|_| {
            tracing::error!("handler panicked");
            let mut response = Response::new(axum::body::Body::from("内部错误 / internal error"));
            *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            response
        }))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &Request| {
                let request_id = request
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default();
                tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %request_id)
            })
            .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}
