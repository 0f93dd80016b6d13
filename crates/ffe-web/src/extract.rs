//! Extractors whose rejections are [`AppError`]s, so malformed input gets the same clear, Chinese
//! 4xx answer as every other error (never axum's plain-text defaults, never a 500).

use axum::extract::rejection::{FormRejection, JsonRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// A JSON body.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(rejection: JsonRejection) -> AppError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => AppError::UnsupportedMediaType,
        JsonRejection::JsonDataError(e) => {
            let detail = e.body_text();
            AppError::bad_request(
                format!("JSON 内容不符合要求：{}", detail_of(&detail)),
                detail,
            )
        }
        JsonRejection::JsonSyntaxError(e) => {
            let detail = e.body_text();
            AppError::bad_request(
                format!("JSON 格式错误（或不是 UTF-8 编码）：{}", detail_of(&detail)),
                detail,
            )
        }
        JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            AppError::TooLarge
        }
        other => AppError::bad_request("无法读取请求内容。", other.body_text()),
    }
}

/// serde's text after axum's prefix ("Failed to deserialize the JSON body into the target type: ").
fn detail_of(text: &str) -> &str {
    text.split_once(": ").map_or(text, |(_, rest)| rest)
}

/// A urlencoded form body.
pub struct PageForm<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for PageForm<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(value)) => Ok(PageForm(value)),
            Err(FormRejection::BytesRejection(e))
                if e.status() == StatusCode::PAYLOAD_TOO_LARGE =>
            {
                Err(AppError::TooLarge)
            }
            Err(FormRejection::InvalidFormContentType(_)) => Err(AppError::UnsupportedMediaType),
            Err(other) => Err(AppError::bad_request(
                "表单内容无法识别。",
                other.body_text(),
            )),
        }
    }
}

/// A numeric id in the path; anything else cannot name an object, so it is "not found".
pub struct IdPath(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for IdPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<i64>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(id)) => Ok(IdPath(id)),
            Err(PathRejection::FailedToDeserializePathParams(_)) => Err(AppError::NotFound),
            Err(other) => Err(AppError::Internal(other.body_text())),
        }
    }
}

/// An optional JSON body: none at all is `None`; present but malformed is a 400.
pub fn optional_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<Option<T>, AppError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    serde_json::from_slice(bytes).map(Some).map_err(|e| {
        AppError::bad_request(
            format!("JSON 格式错误（或不是 UTF-8 编码）：{e}"),
            e.to_string(),
        )
    })
}

/// A query string.
pub struct QueryOf<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for QueryOf<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(QueryOf(value)),
            Err(e) => Err(AppError::bad_request("查询参数有误。", e.body_text())),
        }
    }
}
