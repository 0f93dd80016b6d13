//! Errors as a browser sees them: a page, a toast for htmx, or the way to the login page.

use askama::Template;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use super::layout::Layout;
use crate::error::{AppError, to_login};
use crate::i18n::{Lang, Tr};

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    l: Layout,
    status: u16,
    message: String,
    request_id: String,
}

#[derive(Template)]
#[template(path = "toast.html")]
struct Toast {
    message: String,
}

fn needs_login(error: &AppError) -> bool {
    matches!(
        error,
        AppError::SessionExpired | AppError::Refused(ffe_store::access::Refusal::NotLoggedIn)
    )
}

pub fn render(
    error: &AppError,
    status: StatusCode,
    htmx: bool,
    lang: Lang,
    path_and_query: &str,
    request_id: &str,
) -> Response {
    let message = error.message(lang);
    if htmx {
        if needs_login(error) {
            let mut r = StatusCode::NO_CONTENT.into_response();
            r.headers_mut()
                .insert("hx-redirect", HeaderValue::from_static("/login"));
            return r;
        }
        // htmx swaps only 2xx answers: send the toast as 200 and retarget it.
        let body = Toast { message }.render().unwrap_or_default();
        let mut r = Html(body).into_response();
        r.headers_mut()
            .insert("hx-retarget", HeaderValue::from_static("#toasts"));
        r.headers_mut()
            .insert("hx-reswap", HeaderValue::from_static("beforeend"));
        return r;
    }
    if needs_login(error) {
        return to_login(path_and_query);
    }
    let page = ErrorPage {
        l: Layout {
            t: Tr::new(lang),
            csrf: String::new(),
            user: None,
            here: "/".to_owned(),
            asset_version: crate::assets::ASSET_VERSION,
            flash: None,
        },
        status: status.as_u16(),
        message,
        request_id: request_id.to_owned(),
    };
    let body = page.render().unwrap_or_else(|_| "error".to_owned());
    (status, Html(body)).into_response()
}
