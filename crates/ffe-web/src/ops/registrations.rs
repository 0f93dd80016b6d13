//! Enterprise self-registration and its review by the city authority.

use ffe_org::{CreditCode, IndustryType};
use ffe_store::access::Rights;
use ffe_store::{
    NewEnterprise, NewUser, OrgId, OrgStatus, Organization, Passwords, ProductionMode, Role,
};
use serde::Deserialize;

use super::record;
use crate::auth::RequestCtx;
use crate::error::{AppError, FieldError};
use crate::state::AppState;

/// A registration (the API's JSON body and the page's form alike).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistrationInput {
    /// 企业名称.
    pub name: String,
    /// 统一社会信用代码 (GB 32100, check digits verified).
    pub credit_code: String,
    /// 设区市 code (GB/T 2260), e.g. `330100`.
    pub city: String,
    /// 区、县（市） code, e.g. `330106`.
    pub county: String,
    /// GB/T 4754 manufacturing division (`34`) or group (`341`).
    pub industry: String,
    /// `discrete` (离散型) or `process` (流程型).
    pub production_mode: String,
    /// The enterprise administrator's login name.
    pub username: String,
    /// The administrator's name as shown.
    pub display_name: String,
    pub password: String,
    #[serde(default)]
    pub password_confirm: Option<String>,
}

/// What registration accepted: the enterprise waits for its city's approval.
#[derive(Debug, Clone)]
pub struct Registered {
    pub org: OrgId,
    pub name: String,
    pub city_name: String,
}

fn field(name: &str, zh: impl Into<String>, en: &str) -> FieldError {
    FieldError::new(name, zh, en)
}

fn valid_username(name: &str) -> bool {
    let len = name.chars().count();
    (3..=32).contains(&len)
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c))
}

pub async fn register(
    state: &AppState,
    ctx: &RequestCtx,
    input: &RegistrationInput,
) -> Result<Registered, AppError> {
    let mut errors = Vec::new();
    let name = input.name.trim();
    if name.chars().count() < 2 || name.chars().count() > 100 {
        errors.push(field(
            "name",
            "请填写企业名称（2–100 字）。",
            "Enterprise name: 2–100 characters.",
        ));
    }
    let credit = match CreditCode::parse(&input.credit_code) {
        Ok(code) => Some(code),
        Err(e) => {
            errors.push(field(
                "credit_code",
                e.to_string(),
                "Invalid unified social credit code.",
            ));
            None
        }
    };
    let regions =
        ffe_org::shipped::regions().map_err(|_| AppError::Internal("regions data".into()))?;
    let (city, county) = (input.city.trim(), input.county.trim());
    let place = if city.is_empty() {
        errors.push(field("city", "请选择所在设区市。", "Choose the city."));
        None
    } else if county.is_empty() && regions.city(city).is_some() {
        errors.push(field(
            "county",
            "请选择所在区、县（市）。",
            "Choose the county or district.",
        ));
        None
    } else {
        match regions.place(city, county) {
            Ok(place) => Some(place),
            Err(e) => {
                let which = if regions.city(city).is_none() {
                    "city"
                } else {
                    "county"
                };
                errors.push(field(which, e.to_string(), "Unknown city or county."));
                None
            }
        }
    };
    let industries =
        ffe_org::shipped::industries().map_err(|_| AppError::Internal("industries data".into()))?;
    let industry = match industries.lookup(&input.industry) {
        Ok(i) => Some(i.code().to_owned()),
        Err(e) => {
            errors.push(field(
                "industry",
                e.to_string(),
                "Unknown GB/T 4754 industry code.",
            ));
            None
        }
    };
    let mode = match input.production_mode.parse::<IndustryType>() {
        Err(_) if input.production_mode.trim().is_empty() => {
            errors.push(field(
                "production_mode",
                "请选择生产类型（离散型或流程型）。",
                "Choose discrete or process.",
            ));
            None
        }
        Ok(t) => ProductionMode::parse(t.as_str()),
        Err(e) => {
            errors.push(field(
                "production_mode",
                e.to_string(),
                "Choose discrete or process.",
            ));
            None
        }
    };
    let username = ffe_store::normalize_username(&input.username);
    if !valid_username(&username) {
        errors.push(field(
            "username",
            "用户名应为 3–32 位小写字母、数字或 - _ .。",
            "Username: 3–32 of a-z, 0-9, - _ .",
        ));
    } else if state.store().username_taken(&username).await? {
        errors.push(field("username", "该用户名已被使用。", "Username taken."));
    }
    let display = input.display_name.trim();
    if display.is_empty() || display.chars().count() > 50 {
        errors.push(field(
            "display_name",
            "请填写联系人姓名（不超过 50 字）。",
            "Contact name: 1–50 characters.",
        ));
    }
    if let Err(problems) = state
        .settings()
        .password
        .policy
        .check(&input.password, &username)
    {
        let zh: Vec<String> = problems.iter().map(|p| p.message_zh()).collect();
        let en: Vec<String> = problems.iter().map(|p| p.message_en()).collect();
        errors.push(field("password", zh.join(""), &en.join(" ")));
    }
    if let Some(confirm) = &input.password_confirm
        && confirm != &input.password
    {
        errors.push(field(
            "password_confirm",
            "两次输入的密码不一致。",
            "Passwords differ.",
        ));
    }
    if let Some(code) = &credit
        && state.store().credit_code_taken(code.as_str()).await?
    {
        errors.push(field(
            "credit_code",
            "该统一社会信用代码已注册。",
            "This credit code is already registered.",
        ));
    }
    let (Some(credit), Some(place), Some(industry), Some(mode)) = (credit, place, industry, mode)
    else {
        return Err(AppError::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let password = input.password.clone();
    let hash = tokio::task::spawn_blocking(move || Passwords.hash(&password))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??;
    let enterprise = NewEnterprise {
        name: name.to_owned(),
        credit_code: credit.as_str().to_owned(),
        city_code: place.city.code.clone(),
        county_code: place.county.code.clone(),
        industry_code: industry,
        production_mode: mode,
    };
    let admin = NewUser {
        username: username.clone(),
        display_name: display.to_owned(),
        password_hash: hash,
        role: Role::EnterpriseAdmin,
        org_id: None,
        active: true,
    };
    let (org, user) = state
        .store()
        .register_enterprise(&enterprise, &admin, OrgStatus::Pending)
        .await?;
    let event = ffe_store::AuditEvent {
        actor_id: Some(user),
        actor: username,
        action: "registration.submit".to_owned(),
        object_kind: "organization".to_owned(),
        object_id: org.to_string(),
        detail: serde_json::json!({"name": enterprise.name, "credit_code": enterprise.credit_code,
            "city": enterprise.city_code, "county": enterprise.county_code}),
        request_id: ctx.request_id.clone(),
        ip: ctx.ip.clone(),
    };
    state.store().audit(&event).await?;
    Ok(Registered {
        org,
        name: enterprise.name,
        city_name: place.city.name.clone(),
    })
}

pub async fn list(
    state: &AppState,
    rights: &Rights,
    pending_only: bool,
) -> Result<Vec<Organization>, AppError> {
    let scope = rights.registration_scope()?;
    Ok(state.store().registrations(&scope, pending_only).await?)
}

pub async fn get(state: &AppState, rights: &Rights, id: i64) -> Result<Organization, AppError> {
    let scope = rights.registration_scope()?;
    state
        .store()
        .registration(&scope, OrgId(id))
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn review(
    state: &AppState,
    rights: &Rights,
    ctx: &RequestCtx,
    id: i64,
    approve: bool,
    note: Option<&str>,
) -> Result<Organization, AppError> {
    let org = get(state, rights, id).await?;
    let reviewer = rights.perm_review_registration(&org)?;
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    let org = state
        .store()
        .review_registration(&reviewer, approve, note)
        .await
        .map_err(|e| match e {
            ffe_store::StoreError::Conflict(_) => {
                AppError::Refused(ffe_store::access::Refusal::AlreadyReviewed)
            }
            other => other.into(),
        })?;
    let action = if approve {
        "registration.approve"
    } else {
        "registration.reject"
    };
    record(
        state,
        ctx,
        Some(rights),
        action,
        ("organization", org.id.to_string()),
        serde_json::json!({"name": org.name, "note": note}),
    )
    .await?;
    Ok(org)
}
