//! Enterprise self-registration (the form; the rules are in `ops::registrations`).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tower_sessions::Session;

use super::layout::{Layout, PageCtx, render};
use crate::api::views::{CityView, CodeName, IndustryView};
use crate::auth::RequestCtx;
use crate::auth::csrf::ensure_token;
use crate::error::{AppError, FieldError};
use crate::extract::{PageForm, QueryOf};
use crate::i18n::Lang;
use crate::ops::registrations::{RegistrationInput, register};
use crate::state::AppState;

/// The form as posted; every field is text so a half-filled form comes back as it was.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RegisterForm {
    pub name: String,
    pub credit_code: String,
    pub city: String,
    pub county: String,
    pub industry: String,
    pub production_mode: String,
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub password_confirm: String,
    #[serde(rename = "csrf_token")]
    pub _csrf_token: String,
}

pub struct TextField {
    pub name: &'static str,
    pub label: String,
    pub value: String,
    pub hint: String,
    pub secret: bool,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    l: Layout,
    form: RegisterForm,
    errors: Vec<FieldError>,
    text_fields_before: Vec<TextField>,
    text_fields_after: Vec<TextField>,
    cities: Vec<CodeName>,
    county_groups: Vec<CityView>,
    selected_county: String,
    industries: Vec<IndustryView>,
    error_city: Option<String>,
    error_county: Option<String>,
    error_industry: Option<String>,
    error_mode: Option<String>,
}

#[derive(Template)]
#[template(path = "counties.html")]
struct CountiesPartial {
    l: Layout,
    county_groups: Vec<CityView>,
    selected_county: String,
}

#[derive(Template)]
#[template(path = "registered.html")]
struct RegisteredPage {
    l: Layout,
    message: String,
}

fn message_for(errors: &[FieldError], field: &str, lang: Lang) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| lang.pick(&e.message, &e.message_en).to_owned())
}

/// The counties to offer: the chosen city's, or every city's grouped (works without JavaScript).
fn county_groups(city: &str) -> Vec<CityView> {
    CityView::shipped(|c| city.is_empty() || c.code == city).unwrap_or_default()
}

fn page(ctx: &PageCtx, csrf: String, form: RegisterForm, errors: Vec<FieldError>) -> RegisterPage {
    let t = ctx.t();
    let lang = ctx.lang;
    let text = |name: &'static str, value: &str, hint: &str, secret: bool| TextField {
        name,
        label: t.get(&format!("register.{name}")).to_owned(),
        value: if secret {
            String::new()
        } else {
            value.to_owned()
        },
        hint: if hint.is_empty() {
            String::new()
        } else {
            t.get(hint).to_owned()
        },
        secret,
        error: message_for(&errors, name, lang),
    };
    let before = vec![
        text("name", &form.name, "", false),
        text(
            "credit_code",
            &form.credit_code,
            "register.credit_code_hint",
            false,
        ),
    ];
    let after = vec![
        text("username", &form.username, "register.username_hint", false),
        text("display_name", &form.display_name, "", false),
        text("password", "", "register.password_hint", true),
        text("password_confirm", "", "", true),
    ];
    let cities = ffe_org::shipped::regions()
        .map(|r| {
            r.cities
                .iter()
                .map(|c| CodeName {
                    code: c.code.clone(),
                    name: c.name.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    let industries = IndustryView::shipped().unwrap_or_default();
    RegisterPage {
        l: ctx.layout_with_csrf(csrf),
        county_groups: county_groups(&form.city),
        selected_county: form.county.clone(),
        error_city: message_for(&errors, "city", lang),
        error_county: message_for(&errors, "county", lang),
        error_industry: message_for(&errors, "industry", lang),
        error_mode: message_for(&errors, "production_mode", lang),
        form,
        errors,
        text_fields_before: before,
        text_fields_after: after,
        cities,
        industries,
    }
}

pub async fn form(ctx: PageCtx, session: Session) -> Result<Response, AppError> {
    let csrf = ensure_token(&session).await?;
    render(&page(&ctx, csrf, RegisterForm::default(), Vec::new()))
}

#[derive(Deserialize)]
pub struct CityQuery {
    #[serde(default)]
    city: String,
}

pub async fn counties(ctx: PageCtx, QueryOf(q): QueryOf<CityQuery>) -> Result<Response, AppError> {
    render(&CountiesPartial {
        l: ctx.layout(),
        county_groups: county_groups(&q.city),
        selected_county: String::new(),
    })
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    session: Session,
    rctx: RequestCtx,
    PageForm(form): PageForm<RegisterForm>,
) -> Result<Response, AppError> {
    let input = RegistrationInput {
        name: form.name.clone(),
        credit_code: form.credit_code.clone(),
        city: form.city.clone(),
        county: form.county.clone(),
        industry: form.industry.clone(),
        production_mode: form.production_mode.clone(),
        username: form.username.clone(),
        display_name: form.display_name.clone(),
        password: form.password.clone(),
        password_confirm: Some(form.password_confirm.clone()),
    };
    match register(&state, &rctx, &input).await {
        Ok(done) => {
            let message = match ctx.lang {
                Lang::Zh => format!(
                    "“{}”的注册已提交，待{}经信局审核。审核通过后即可登录。",
                    done.name, done.city_name
                ),
                Lang::En => format!(
                    "The registration of {} was submitted; the {} authority will review it.",
                    done.name, done.city_name
                ),
            };
            let csrf = ensure_token(&session).await?;
            let mut response = render(&RegisteredPage {
                l: ctx.layout_with_csrf(csrf),
                message,
            })?;
            *response.status_mut() = StatusCode::CREATED;
            Ok(response)
        }
        Err(AppError::Invalid(errors)) => {
            let csrf = ensure_token(&session).await?;
            let mut response = render(&page(&ctx, csrf, form, errors))?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(other) => Err(other),
    }
}
