//! Each role's home: a heading that names the role, and the way to its work.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use ffe_store::{BatchStatus, Role};

use super::layout::{Layout, PageCtx, render};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ops;
use crate::state::AppState;

pub struct Card {
    pub id: &'static str,
    pub href: &'static str,
    pub title: String,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Dashboard {
    l: Layout,
    role: &'static str,
    heading: String,
    intro: String,
    cards: Vec<Card>,
}

fn card(id: &'static str, href: &'static str, title: &str, detail: String) -> Card {
    Card {
        id,
        href,
        title: title.to_owned(),
        detail,
    }
}

pub async fn show(State(state): State<AppState>, page: PageCtx) -> Result<Response, AppError> {
    let caller = page.caller()?;
    let rights = &caller.rights;
    let account = rights.account();
    let lang = page.lang;
    let zh = lang == Lang::Zh;
    let apps = ops::applications::list(&state, rights).await?;
    let batches = ops::batches::list(&state, rights).await?;
    let open = batches
        .iter()
        .filter(|b| b.status == BatchStatus::Open)
        .count();
    let org = account.org_name.clone().unwrap_or_default();
    let (heading, intro, mut cards) = match account.role {
        Role::ProvinceAdmin => (
            if zh {
                "省经信厅工作台".to_owned()
            } else {
                "Province workspace".to_owned()
            },
            lang.pick(
                "设立并开放评价批次，查看全省申报，审核企业注册，查阅审计日志。",
                "Open batches, follow every application, review registrations, read the audit log.",
            )
            .to_owned(),
            vec![],
        ),
        Role::CityAdmin => (
            if zh {
                format!("{org}工作台")
            } else {
                format!("{org} workspace")
            },
            lang.pick(
                "审核本地区企业注册，查看本地区申报。",
                "Review local registrations and follow local applications.",
            )
            .to_owned(),
            vec![],
        ),
        Role::Expert => (
            if zh {
                "评审专家工作台".to_owned()
            } else {
                "Expert workspace".to_owned()
            },
            lang.pick(
                "这里只显示分配给您的申报。",
                "Only the applications assigned to you are shown.",
            )
            .to_owned(),
            vec![],
        ),
        Role::EnterpriseAdmin | Role::EnterpriseMember => (
            if zh {
                format!("企业工作台 · {org}")
            } else {
                format!("Enterprise workspace · {org}")
            },
            lang.pick(
                "填报本企业的申报；开放中的批次可开始申报。",
                "Fill in your enterprise's application; open batches accept new ones.",
            )
            .to_owned(),
            vec![],
        ),
    };
    let apps_title = match account.role {
        Role::Expert => lang.pick("分配给我的申报", "Assigned to me"),
        Role::EnterpriseAdmin | Role::EnterpriseMember => {
            lang.pick("本企业申报", "Our applications")
        }
        Role::CityAdmin => lang.pick("本地区申报", "Applications in the city"),
        Role::ProvinceAdmin => lang.pick("全省申报", "All applications"),
    };
    cards.push(card(
        "card-applications",
        "/applications",
        apps_title,
        format!("{} {}", apps.len(), lang.pick("份", "in total")),
    ));
    cards.push(card(
        "card-batches",
        "/batches",
        lang.pick("评价批次", "Batches"),
        format!(
            "{open} {}",
            lang.pick("个批次开放申报中", "open for applications")
        ),
    ));
    if let Ok(pending) = ops::registrations::list(&state, rights, true).await {
        cards.push(card(
            "card-registrations",
            "/registrations",
            lang.pick("待审核企业注册", "Registrations to review"),
            format!("{} {}", pending.len(), lang.pick("家待审核", "pending")),
        ));
    }
    if rights.can_read_audit() {
        cards.push(card(
            "card-audit",
            "/audit",
            lang.pick("审计日志", "Audit log"),
            lang.pick(
                "登录、角色与批次变更的不可篡改记录",
                "Tamper-evident record of logins, role and batch changes",
            )
            .to_owned(),
        ));
    }
    render(&Dashboard {
        l: page.layout(),
        role: account.role.as_str(),
        heading,
        intro,
        cards,
    })
}
