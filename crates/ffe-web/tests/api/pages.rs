//! The pages as a browser without JavaScript sees them.

use crate::both;
use crate::helpers::{Agent, Backend, PASSWORD, TestApp, csrf_field};

async fn log_in_through_the_form(app: &TestApp, user: &str) -> Agent {
    let mut a = Agent::default();
    let page = a.get(app, "/login").await;
    assert_eq!(page.status, 200);
    let token = csrf_field(&page.text);
    let r = a
        .post_form(
            app,
            "/login",
            &[
                ("csrf_token", &token),
                ("username", user),
                ("password", PASSWORD),
                ("next", "/home"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{user}: {}", r.text);
    assert_eq!(r.headers.get("location").unwrap(), "/home");
    a
}

async fn each_role_logs_in_sees_its_home_and_logs_out(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let homes = [
        ("province", "province_admin", "省经信厅工作台"),
        ("city-hz", "city_admin", "杭州市经济和信息化局工作台"),
        ("city-nb", "city_admin", "宁波市经济和信息化局工作台"),
        ("expert1", "expert", "评审专家工作台"),
        (
            "ent1",
            "enterprise_admin",
            "企业工作台 · 杭州示范智能装备有限公司",
        ),
    ];
    for (user, role, heading) in homes {
        let mut a = log_in_through_the_form(&app, user).await;
        let home = a.get(&app, "/home").await;
        assert_eq!(home.status, 200);
        assert!(
            home.text
                .contains(&format!("data-role=\"{role}\">{heading}</h1>")),
            "{user}: {}",
            home.text
        );
        assert!(home.text.contains("data-testid=\"logout-button\""));
        let token = csrf_field(&home.text);
        let out = a
            .post_form(&app, "/logout", &[("csrf_token", &token)])
            .await;
        assert_eq!(out.status, 303);
        let again = a.get(&app, "/home").await;
        assert_eq!(again.status, 303, "logged out");
        assert_eq!(again.headers.get("location").unwrap(), "/login?next=/home");
    }
}
both!(each_role_logs_in_sees_its_home_and_logs_out);

async fn public_pages_and_the_language_switch(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut a = Agent::default();
    let home = a.get(&app, "/").await;
    assert_eq!(home.status, 200);
    assert!(home.text.contains("lang=\"zh-CN\""));
    assert!(home.text.contains("未来工厂"));
    assert!(home.headers.get("content-security-policy").is_some());
    let switch = a.get(&app, "/lang/en?next=/login").await;
    assert_eq!(switch.status, 303);
    assert_eq!(switch.headers.get("location").unwrap(), "/login");
    a.cookies.insert("ffe-lang".into(), "en".into());
    let login = a.get(&app, "/login").await;
    assert!(login.text.contains("lang=\"en\""));
    assert!(login.text.contains(">Log in</button>"));
    // A wrong password shows the error on the page, in the chosen language.
    let token = csrf_field(&login.text);
    let r = a
        .post_form(
            &app,
            "/login",
            &[
                ("csrf_token", &token),
                ("username", "ent1"),
                ("password", "nope"),
            ],
        )
        .await;
    assert_eq!(r.status, 401);
    assert!(r.text.contains("data-testid=\"login-error\""));
    assert!(r.text.contains("Wrong username or password."));
    // Static assets, unknown pages.
    assert_eq!(a.get(&app, "/static/htmx.min.js").await.status, 200);
    let missing = a.get(&app, "/no/such/page").await;
    assert_eq!(missing.status, 404);
    assert!(missing.text.contains("data-testid=\"error-message\""));
}
both!(public_pages_and_the_language_switch);

async fn htmx_errors_come_back_as_toasts(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut a = log_in_through_the_form(&app, "ent1").await;
    let home = a.get(&app, "/home").await;
    let token = csrf_field(&home.text);
    let response = app
        .http
        .post(app.url("/batches/1/close"))
        .header("cookie", a.cookie_header())
        .header("hx-request", "true")
        .header("x-csrf-token", token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers().get("hx-retarget").unwrap(), "#toasts");
    let text = response.text().await.unwrap();
    assert!(text.contains("仅省经信厅管理员可以进行此操作"), "{text}");
}
both!(htmx_errors_come_back_as_toasts);
