//! Why something is refused, in words the user reads (Simplified Chinese first).

/// A refused action. `status` says how the web layer answers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    NotLoggedIn,
    AccountDisabled,
    AccountIncomplete,
    RegistrationPending,
    RegistrationRejected,
    ProvinceOnly,
    CityOrProvinceOnly,
    OtherCity,
    EnterpriseOnly,
    EnterpriseAdminOnly,
    OtherOrganization,
    BatchNotOpen,
    BatchClosed,
    BatchTransition,
    ApplicationNotDraft,
    AlreadyReviewed,
    OwnRole,
    RoleNotAllowed,
}

/// How a refusal is answered: 401 (log in), 403 (you may not), 409 (not in this state).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusalKind {
    Unauthenticated,
    Forbidden,
    Conflict,
}

impl Refusal {
    pub const ALL: [Refusal; 18] = [
        Refusal::NotLoggedIn,
        Refusal::AccountDisabled,
        Refusal::AccountIncomplete,
        Refusal::RegistrationPending,
        Refusal::RegistrationRejected,
        Refusal::ProvinceOnly,
        Refusal::CityOrProvinceOnly,
        Refusal::OtherCity,
        Refusal::EnterpriseOnly,
        Refusal::EnterpriseAdminOnly,
        Refusal::OtherOrganization,
        Refusal::BatchNotOpen,
        Refusal::BatchClosed,
        Refusal::BatchTransition,
        Refusal::ApplicationNotDraft,
        Refusal::AlreadyReviewed,
        Refusal::OwnRole,
        Refusal::RoleNotAllowed,
    ];

    pub fn kind(self) -> RefusalKind {
        match self {
            Refusal::NotLoggedIn
            | Refusal::AccountDisabled
            | Refusal::AccountIncomplete
            | Refusal::RegistrationPending
            | Refusal::RegistrationRejected => RefusalKind::Unauthenticated,
            Refusal::BatchNotOpen
            | Refusal::BatchClosed
            | Refusal::BatchTransition
            | Refusal::ApplicationNotDraft
            | Refusal::AlreadyReviewed => RefusalKind::Conflict,
            _ => RefusalKind::Forbidden,
        }
    }

    /// A stable machine-readable code for API clients.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::NotLoggedIn => "not_logged_in",
            Refusal::AccountDisabled => "account_disabled",
            Refusal::AccountIncomplete => "account_incomplete",
            Refusal::RegistrationPending => "registration_pending",
            Refusal::RegistrationRejected => "registration_rejected",
            Refusal::ProvinceOnly => "province_only",
            Refusal::CityOrProvinceOnly => "city_or_province_only",
            Refusal::OtherCity => "other_city",
            Refusal::EnterpriseOnly => "enterprise_only",
            Refusal::EnterpriseAdminOnly => "enterprise_admin_only",
            Refusal::OtherOrganization => "other_organization",
            Refusal::BatchNotOpen => "batch_not_open",
            Refusal::BatchClosed => "batch_closed",
            Refusal::BatchTransition => "batch_transition",
            Refusal::ApplicationNotDraft => "application_not_draft",
            Refusal::AlreadyReviewed => "already_reviewed",
            Refusal::OwnRole => "own_role",
            Refusal::RoleNotAllowed => "role_not_allowed",
        }
    }

    pub fn message_zh(self) -> &'static str {
        match self {
            Refusal::NotLoggedIn => "请先登录。",
            Refusal::AccountDisabled => "该账户已停用，请联系管理员。",
            Refusal::AccountIncomplete => "该账户缺少所属单位或地区信息，请联系管理员。",
            Refusal::RegistrationPending => "企业注册尚待所在地市经信局审核，审核通过后即可登录。",
            Refusal::RegistrationRejected => "企业注册未通过审核，请联系所在地市经信局。",
            Refusal::ProvinceOnly => "仅省经信厅管理员可以进行此操作。",
            Refusal::CityOrProvinceOnly => "仅市经信局或省经信厅管理员可以进行此操作。",
            Refusal::OtherCity => "该对象不属于您所管辖的地市。",
            Refusal::EnterpriseOnly => "仅企业账户可以进行此操作。",
            Refusal::EnterpriseAdminOnly => "仅企业管理员可以进行此操作。",
            Refusal::OtherOrganization => "该对象不属于您的单位。",
            Refusal::BatchNotOpen => "该评价批次尚未开放申报。",
            Refusal::BatchClosed => "该评价批次已截止，不再接受申报或提交。",
            Refusal::BatchTransition => {
                "批次当前状态不允许此操作（草稿 → 开放 → 截止，不可回退）。"
            }
            Refusal::ApplicationNotDraft => "申报已提交，不能再次提交或修改。",
            Refusal::AlreadyReviewed => "该注册申请已审核，不能重复审核。",
            Refusal::OwnRole => "不能修改自己的角色。",
            Refusal::RoleNotAllowed => "您无权授予该角色。",
        }
    }

    pub fn message_en(self) -> &'static str {
        match self {
            Refusal::NotLoggedIn => "Please log in first.",
            Refusal::AccountDisabled => "This account is disabled; contact an administrator.",
            Refusal::AccountIncomplete => "This account lacks its organisation or region.",
            Refusal::RegistrationPending => {
                "The enterprise registration awaits the city authority's approval."
            }
            Refusal::RegistrationRejected => "The enterprise registration was not approved.",
            Refusal::ProvinceOnly => "Only the province administrator may do this.",
            Refusal::CityOrProvinceOnly => "Only city or province administrators may do this.",
            Refusal::OtherCity => "This belongs to a city you do not administer.",
            Refusal::EnterpriseOnly => "Only enterprise accounts may do this.",
            Refusal::EnterpriseAdminOnly => "Only the enterprise administrator may do this.",
            Refusal::OtherOrganization => "This belongs to another organisation.",
            Refusal::BatchNotOpen => "This batch is not open for applications.",
            Refusal::BatchClosed => "This batch is closed and takes no more submissions.",
            Refusal::BatchTransition => {
                "The batch's state does not allow this (draft → open → closed)."
            }
            Refusal::ApplicationNotDraft => "The application was already submitted.",
            Refusal::AlreadyReviewed => "This registration was already reviewed.",
            Refusal::OwnRole => "You cannot change your own role.",
            Refusal::RoleNotAllowed => "You may not grant this role.",
        }
    }
}
