//! One error type for the whole web crate, and the one place that turns it into a response.
//!
//! Handlers (pages and API alike) return `Result<_, AppError>`. `AppError::into_response` only sets
//! the status and attaches the error; [`render_errors`] (a middleware over the whole app) then writes
//! the body the client understands: JSON under `/api/`, an error page for a browser, a toast for an
//! htmx request, a redirect to the login page for a page that needs a session. 500 bodies say nothing
//! but the request id; the cause goes to the log.

use std::sync::Arc;

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use ffe_store::StoreError;
use ffe_store::access::{Refusal, RefusalKind};
use serde::Serialize;

use crate::i18n::Lang;

/// A field of a submitted form or JSON body, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    pub field: String,
    /// 中文说明.
    pub message: String,
    pub message_en: String,
}

impl FieldError {
    pub fn new(field: &str, zh: impl Into<String>, en: impl Into<String>) -> FieldError {
        FieldError {
            field: field.to_owned(),
            message: zh.into(),
            message_en: en.into(),
        }
    }
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("refused: {0:?}")]
    Refused(Refusal),
    #[error("wrong username or password")]
    BadCredentials,
    #[error("locked until {until}")]
    Locked { until: i64 },
    #[error("session expired")]
    SessionExpired,
    #[error("missing or wrong CSRF token")]
    Csrf,
    #[error("invalid fields")]
    Invalid(Vec<FieldError>),
    #[error("bad request: {en}")]
    BadRequest { zh: String, en: String },
    #[error("body too large")]
    TooLarge,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("conflict: {en}")]
    Conflict { zh: &'static str, en: &'static str },
    #[error("internal: {0}")]
    Internal(String),
}

impl From<Refusal> for AppError {
    fn from(r: Refusal) -> Self {
        AppError::Refused(r)
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict(what) => AppError::Conflict {
                zh: "数据已被其他操作修改，请刷新后重试。",
                en: what,
            },
            e if e.is_unique_violation() => AppError::Conflict {
                zh: "该记录已存在。",
                en: "already exists",
            },
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl AppError {
    pub fn bad_request(zh: impl Into<String>, en: impl Into<String>) -> AppError {
        AppError::BadRequest {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Refused(r) => match r.kind() {
                RefusalKind::Unauthenticated => StatusCode::UNAUTHORIZED,
                RefusalKind::Forbidden => StatusCode::FORBIDDEN,
                RefusalKind::Conflict => StatusCode::CONFLICT,
            },
            AppError::BadCredentials | AppError::SessionExpired => StatusCode::UNAUTHORIZED,
            AppError::Locked { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A stable code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::Refused(r) => r.code(),
            AppError::BadCredentials => "bad_credentials",
            AppError::Locked { .. } => "locked",
            AppError::SessionExpired => "session_expired",
            AppError::Csrf => "csrf",
            AppError::Invalid(_) => "invalid",
            AppError::BadRequest { .. } => "bad_request",
            AppError::TooLarge => "too_large",
            AppError::UnsupportedMediaType => "unsupported_media_type",
            AppError::Conflict { .. } => "conflict",
            AppError::Internal(_) => "internal",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let (zh, en): (String, String) = match self {
            AppError::NotFound => (
                "未找到该页面或对象，或您无权查看。".into(),
                "Not found, or not yours to see.".into(),
            ),
            AppError::Refused(r) => (r.message_zh().into(), r.message_en().into()),
            AppError::BadCredentials => (
                "用户名或密码错误。".into(),
                "Wrong username or password.".into(),
            ),
            AppError::Locked { until } => {
                let minutes = ((until - ffe_store::now()).max(0) + 59) / 60;
                (
                    format!("登录失败次数过多，账户已临时锁定，请 {minutes} 分钟后再试。"),
                    format!("Too many failed logins; try again in {minutes} minutes."),
                )
            }
            AppError::SessionExpired => (
                "登录已超时，请重新登录。".into(),
                "Your session has expired; please log in again.".into(),
            ),
            AppError::Csrf => (
                "页面已过期或请求来源无法验证，请刷新页面后重试。".into(),
                "The page expired or the request could not be verified; reload and retry.".into(),
            ),
            AppError::Invalid(fields) => (
                format!("提交的内容有 {} 处需要修改。", fields.len()),
                format!("{} field(s) need attention.", fields.len()),
            ),
            AppError::BadRequest { zh, en } => (zh.clone(), en.clone()),
            AppError::TooLarge => (
                "提交的内容过大。".into(),
                "The request body is too large.".into(),
            ),
            AppError::UnsupportedMediaType => (
                "请求格式不受支持：请以 application/json 提交。".into(),
                "Unsupported content type: send application/json.".into(),
            ),
            AppError::Conflict { zh, en } => ((*zh).into(), (*en).into()),
            AppError::Internal(_) => (
                "服务器内部错误，请稍后再试。".into(),
                "Internal server error; please retry later.".into(),
            ),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    pub fn fields(&self) -> &[FieldError] {
        match self {
            AppError::Invalid(fields) => fields,
            _ => &[],
        }
    }
}

/// The error, carried from the handler to [`render_errors`].
#[derive(Clone)]
struct Carried(Arc<AppError>);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        if let AppError::Locked { until } = &self
            && let Ok(v) = HeaderValue::from_str(&(until - ffe_store::now()).max(1).to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        response.extensions_mut().insert(Carried(Arc::new(self)));
        response
    }
}

/// The JSON error body of the API.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `not_found`, `bad_credentials`, `invalid`.
    pub code: String,
    /// 中文说明.
    pub message: String,
    pub message_en: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    pub request_id: String,
}

/// What the renderer needs to know about the request.
struct RequestFacts {
    request_id: String,
    api: bool,
    htmx: bool,
    lang: Lang,
    path_and_query: String,
}

/// Write the body of every error response, in the form the client expects.
pub async fn render_errors(request: Request, next: Next) -> Response {
    let facts = RequestFacts {
        request_id: request
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned(),
        api: request.uri().path().starts_with("/api/"),
        htmx: request.headers().contains_key("hx-request"),
        lang: Lang::from_headers(request.headers()),
        path_and_query: request
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_else(|| "/".to_owned()),
    };
    let mut response = next.run(request).await;
    let Some(Carried(error)) = response.extensions_mut().remove::<Carried>() else {
        return response;
    };
    let request_id = facts.request_id.clone();
    if let AppError::Internal(cause) = error.as_ref() {
        tracing::error!(request_id = %request_id, cause = %cause, "internal error");
    }
    let status = response.status();
    let mut rendered = if facts.api {
        let body = ErrorBody {
            error: ErrorDetail {
                code: error.code().to_owned(),
                message: error.message(Lang::Zh),
                message_en: error.message(Lang::En),
                fields: error.fields().to_vec(),
                request_id: request_id.clone(),
            },
        };
        (status, axum::Json(body)).into_response()
    } else {
        crate::pages::errors::render(
            &error,
            status,
            facts.htmx,
            facts.lang,
            &facts.path_and_query,
            &request_id,
        )
    };
    // Keep headers set by the handler or inner layers (request id, Retry-After).
    for (name, value) in response.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            rendered.headers_mut().insert(name.clone(), value.clone());
        }
    }
    rendered
}

/// A redirect to the login page that comes back here afterwards.
pub fn to_login(path_and_query: &str) -> Response {
    let next = url_encode(path_and_query);
    Redirect::to(&format!("/login?next={next}")).into_response()
}

fn url_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
