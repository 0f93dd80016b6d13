//! What every page shares: language, the logged-in user for the header, the CSRF token.

use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};

use crate::auth::{Caller, MaybeCaller};
use crate::error::AppError;
use crate::i18n::{Lang, Tr};
use crate::state::AppState;

/// The header's view of the user.
#[derive(Debug, Clone)]
pub struct NavUser {
    pub username: String,
    pub display_name: String,
    pub role_label: String,
    pub reviews_registrations: bool,
    pub reads_audit: bool,
}

/// The layout fields every template has as `l`.
#[derive(Debug, Clone)]
pub struct Layout {
    pub t: Tr,
    pub csrf: String,
    pub user: Option<NavUser>,
    /// The current path, URL-encoded, for the language switch to come back to.
    pub here: String,
    pub asset_version: &'static str,
    pub flash: Option<String>,
}

/// The request as a page sees it.
pub struct PageCtx {
    pub lang: Lang,
    pub caller: Option<Caller>,
    pub htmx: bool,
    here: String,
}

impl FromRequestParts<AppState> for PageCtx {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let MaybeCaller(caller) = MaybeCaller::from_request_parts(parts, state).await?;
        Ok(PageCtx {
            lang: Lang::from_headers(&parts.headers),
            caller,
            htmx: parts.headers.contains_key("hx-request"),
            here: encode(parts.uri.path()),
        })
    }
}

fn encode(path: &str) -> String {
    path.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

impl PageCtx {
    pub fn t(&self) -> Tr {
        Tr::new(self.lang)
    }

    /// The logged-in caller, or the 401 that sends a browser to the login page.
    pub fn caller(&self) -> Result<&Caller, AppError> {
        self.caller
            .as_ref()
            .ok_or(AppError::Refused(ffe_store::access::Refusal::NotLoggedIn))
    }

    pub fn layout(&self) -> Layout {
        self.layout_with_csrf(
            self.caller
                .as_ref()
                .map(|c| c.csrf.clone())
                .unwrap_or_default(),
        )
    }

    pub fn layout_with_csrf(&self, csrf: String) -> Layout {
        let user = self.caller.as_ref().map(|c| {
            let a = c.rights.account();
            NavUser {
                username: a.username.clone(),
                display_name: a.display_name.clone(),
                role_label: self
                    .lang
                    .pick(a.role.label_zh(), a.role.label_en())
                    .to_owned(),
                reviews_registrations: c.rights.registration_scope().is_ok(),
                reads_audit: c.rights.can_read_audit(),
            }
        });
        Layout {
            t: self.t(),
            csrf,
            user,
            here: self.here.clone(),
            asset_version: crate::assets::ASSET_VERSION,
            flash: None,
        }
    }
}

/// Render a template into a response.
pub fn render<T: Template>(template: &T) -> Result<Response, AppError> {
    template
        .render()
        .map(|html| Html(html).into_response())
        .map_err(|e| AppError::Internal(format!("template: {e}")))
}
