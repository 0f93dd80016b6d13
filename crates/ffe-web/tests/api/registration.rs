use reqwest::Method;
use serde_json::{Value, json};

use crate::both;
use crate::helpers::{Agent, Backend, TestApp, csrf_field};

pub const GOOD_CODE: &str = "91330110MA27QW1105";

pub fn registration(code: &str, username: &str) -> Value {
    json!({
        "name": "杭州测试精密制造有限公司",
        "credit_code": code,
        "city": "330100",
        "county": "330110",
        "industry": "34",
        "production_mode": "discrete",
        "username": username,
        "display_name": "张三",
        "password": "Factory#2026",
        "password_confirm": "Factory#2026",
    })
}

async fn bad_credit_codes_get_chinese_field_errors(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut a = Agent::default();
    // A copying mistake in the last character, a short code, a forbidden letter.
    for (code, needle) in [
        ("91330110MA27QW1106", "校验码"),
        ("9133011", "18 位"),
        ("91330110MA27QW11O5", "不是有效字符"),
    ] {
        let r = a
            .send(
                &app,
                Method::POST,
                "/api/v1/registrations",
                Some(registration(code, "newco")),
            )
            .await;
        assert_eq!(r.status, 422, "{code}: {}", r.text);
        let fields = r.json["error"]["fields"].as_array().unwrap();
        let credit = fields
            .iter()
            .find(|f| f["field"] == "credit_code")
            .expect("a credit_code error");
        assert!(
            credit["message"].as_str().unwrap().contains(needle),
            "{code}: {credit}"
        );
    }
    // The same through the page: the form comes back with the Chinese error beside the field.
    let page = a.get(&app, "/register").await;
    let token = csrf_field(&page.text);
    let r = a
        .post_form(
            &app,
            "/register",
            &[
                ("csrf_token", &token),
                ("name", "杭州测试精密制造有限公司"),
                ("credit_code", "91330110MA27QW1106"),
                ("city", "330100"),
                ("county", "330110"),
                ("industry", "34"),
                ("production_mode", "discrete"),
                ("username", "newco"),
                ("display_name", "张三"),
                ("password", "Factory#2026"),
                ("password_confirm", "Factory#2026"),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(
        r.text.contains("data-testid=\"error-credit_code\""),
        "{}",
        r.text
    );
    assert!(r.text.contains("校验码"));
    assert!(
        r.text.contains("value=\"杭州测试精密制造有限公司\""),
        "the form keeps what was typed"
    );
}
both!(bad_credit_codes_get_chinese_field_errors);

async fn other_fields_are_checked_too(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut a = Agent::default();
    let mut body = registration(GOOD_CODE, "ent1");
    body["county"] = json!("330206"); // 北仑区 is in Ningbo, not Hangzhou
    body["industry"] = json!("99");
    body["production_mode"] = json!("hybrid");
    body["password"] = json!("weakpassword");
    body["password_confirm"] = json!("weakpassword");
    let r = a
        .send(&app, Method::POST, "/api/v1/registrations", Some(body))
        .await;
    assert_eq!(r.status, 422);
    let fields: Vec<&str> = r.json["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    for f in [
        "county",
        "industry",
        "production_mode",
        "password",
        "username",
    ] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
    // A credit code already registered (ent1's) is refused.
    let r = a
        .send(
            &app,
            Method::POST,
            "/api/v1/registrations",
            Some(registration("91330106FFE000093J", "dup")),
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.text.contains("已注册"));
}
both!(other_fields_are_checked_too);

async fn the_city_approves_and_then_the_enterprise_logs_in(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut a = Agent::default();
    let r = a
        .send(
            &app,
            Method::POST,
            "/api/v1/registrations",
            Some(registration(GOOD_CODE, "newco")),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let id = r.json["organization_id"].as_i64().unwrap();
    assert!(r.json["message"].as_str().unwrap().contains("杭州市"));
    // Pending: the login is refused with the reason.
    let login = json!({"username": "newco", "password": "Factory#2026"});
    let r = a
        .send(&app, Method::POST, "/api/v1/session", Some(login.clone()))
        .await;
    assert_eq!(r.status, 401);
    assert_eq!(r.json["error"]["code"], "registration_pending");
    // Ningbo does not see it; Hangzhou does and approves.
    let mut nb = app.login("city-nb").await;
    let list = nb
        .send(&app, Method::GET, "/api/v1/registrations", None)
        .await;
    assert!(!list.text.contains(GOOD_CODE));
    let path = format!("/api/v1/registrations/{id}/approve");
    assert_eq!(nb.send(&app, Method::POST, &path, None).await.status, 404);
    let mut hz = app.login("city-hz").await;
    let list = hz
        .send(&app, Method::GET, "/api/v1/registrations", None)
        .await;
    assert!(list.text.contains(GOOD_CODE));
    let r = hz
        .send(&app, Method::POST, &path, Some(json!({"note": "材料齐全"})))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["status"], "approved");
    assert_eq!(
        hz.send(&app, Method::POST, &path, None).await.status,
        409,
        "reviewed once"
    );
    let r = a
        .send(&app, Method::POST, "/api/v1/session", Some(login))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["user"]["role"], "enterprise_admin");
}
both!(the_city_approves_and_then_the_enterprise_logs_in);
