use reqwest::Method;
use serde_json::json;

use crate::both;
use crate::helpers::{Agent, Backend, PASSWORD, TestApp};

async fn login_sets_a_host_cookie_and_rotates_the_session(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut a = Agent::default();
    // Visiting the login page gives an anonymous session (for the form's CSRF token).
    let page = a.get(&app, "/login").await;
    assert_eq!(page.status, 200);
    let before = a
        .cookies
        .get("__Host-ffe-session")
        .cloned()
        .expect("anonymous session");
    let r = a
        .send(
            &app,
            Method::POST,
            "/api/v1/session",
            Some(json!({"username": "province", "password": PASSWORD})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let cookie = r
        .headers
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("__Host-ffe-session="), "{cookie}");
    for attr in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attr), "{attr} in {cookie}");
    }
    assert!(
        !cookie.contains("Domain"),
        "__Host- cookies carry no domain"
    );
    let after = a.cookies.get("__Host-ffe-session").cloned().unwrap();
    assert_ne!(before, after, "the session id changes at login");
    assert_eq!(r.json["user"]["role"], "province_admin");
    assert_eq!(r.json["csrf_token"].as_str().unwrap().len(), 64);
    // The pre-login id no longer opens anything.
    let mut stale = Agent::default();
    stale.cookies.insert("__Host-ffe-session".into(), before);
    assert_eq!(
        stale
            .send(&app, Method::GET, "/api/v1/session", None)
            .await
            .status,
        401
    );
}
both!(login_sets_a_host_cookie_and_rotates_the_session);

async fn wrong_credentials_are_401_in_chinese_and_audited(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut a = Agent::default();
    for (user, pw) in [("province", "wrong-pass1!"), ("nobody", PASSWORD)] {
        let r = a
            .send(
                &app,
                Method::POST,
                "/api/v1/session",
                Some(json!({"username": user, "password": pw})),
            )
            .await;
        assert_eq!(r.status, 401);
        assert_eq!(r.json["error"]["code"], "bad_credentials");
        assert_eq!(r.json["error"]["message"], "用户名或密码错误。");
    }
    let mut p = app.login("province").await;
    let log = p.send(&app, Method::GET, "/api/v1/audit", None).await;
    let actions: Vec<&str> = log
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.iter().filter(|a| **a == "login.failure").count() >= 2,
        "{actions:?}"
    );
    assert!(actions.contains(&"login.success"));
    let chain = p
        .send(&app, Method::GET, "/api/v1/audit/verify", None)
        .await;
    assert_eq!(chain.json["intact"], true);
}
both!(wrong_credentials_are_401_in_chinese_and_audited);

async fn lockout_after_configured_failures(backend: Backend) {
    let Some(app) = TestApp::spawn_with(backend, |s| s.login.max_failures = 3).await else {
        return;
    };
    let mut a = Agent::default();
    let bad = json!({"username": "ent2", "password": "not-it-9!"});
    for _ in 0..2 {
        assert_eq!(
            a.send(&app, Method::POST, "/api/v1/session", Some(bad.clone()))
                .await
                .status,
            401
        );
    }
    let third = a
        .send(&app, Method::POST, "/api/v1/session", Some(bad.clone()))
        .await;
    assert_eq!(third.status, 429, "{}", third.text);
    // Locked: even the right password is refused, with the wait in Chinese and Retry-After.
    let good = json!({"username": "ent2", "password": PASSWORD});
    let r = a
        .send(&app, Method::POST, "/api/v1/session", Some(good))
        .await;
    assert_eq!(r.status, 429);
    assert!(
        r.json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("分钟后再试"),
        "{}",
        r.text
    );
    let retry: i64 = r
        .headers
        .get("retry-after")
        .unwrap()
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 800 && retry <= 900, "{retry}");
    // Other accounts are not affected (the lock is per account).
    app.login("ent1").await;
    let mut p = app.login("province").await;
    let log = p.send(&app, Method::GET, "/api/v1/audit", None).await;
    assert!(log.text.contains("login.lockout"));
}
both!(lockout_after_configured_failures);

async fn one_address_trying_many_accounts_is_locked(backend: Backend) {
    let Some(app) = TestApp::spawn_with(backend, |s| s.login.max_failures_per_address = 4).await
    else {
        return;
    };
    let mut a = Agent::default();
    // Typing an address's throttle key as a username is a malformed login: it counts nowhere.
    for _ in 0..6 {
        let r = a
            .send(
                &app,
                Method::POST,
                "/api/v1/session",
                Some(json!({"username": "addr:127.0.0.1", "password": "x"})),
            )
            .await;
        assert_eq!(r.status, 401, "{}", r.text);
    }
    app.login("ent1").await;
    // One wrong password each for four accounts: no account reaches its own limit of 5, but the
    // address reaches its limit of 4.
    for user in ["ent1", "ent2", "ent3", "expert1"] {
        let bad = json!({"username": user, "password": "Spray-2026!"});
        let r = a
            .send(&app, Method::POST, "/api/v1/session", Some(bad))
            .await;
        assert!(r.status == 401 || r.status == 429, "{user}: {}", r.text);
    }
    let good = json!({"username": "expert2", "password": PASSWORD});
    let r = a
        .send(&app, Method::POST, "/api/v1/session", Some(good))
        .await;
    assert_eq!(r.status, 429, "{}", r.text);
    assert!(
        r.json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("分钟后再试")
    );
    let mut p = Agent::default();
    // The province's own login comes from the same test address: locked too, as it should be.
    let r = p
        .send(
            &app,
            Method::POST,
            "/api/v1/session",
            Some(json!({"username": "province", "password": PASSWORD})),
        )
        .await;
    assert_eq!(r.status, 429);
}
both!(one_address_trying_many_accounts_is_locked);

async fn csrf_is_required_for_state_changes(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut p = app.login("province").await;
    let body = json!({"name": "2027 年度", "year": 2027, "opens_on": "2027-03-01", "closes_on": "2027-06-30"});
    let token = std::mem::take(&mut p.csrf);
    let r = p
        .send(&app, Method::POST, "/api/v1/batches", Some(body.clone()))
        .await;
    assert_eq!(r.status, 403, "no token");
    assert_eq!(r.json["error"]["code"], "csrf");
    p.csrf = "0".repeat(64);
    assert_eq!(
        p.send(&app, Method::POST, "/api/v1/batches", Some(body.clone()))
            .await
            .status,
        403,
        "wrong token"
    );
    p.csrf = token.clone();
    assert_eq!(
        p.send(&app, Method::POST, "/api/v1/batches", Some(body))
            .await
            .status,
        201
    );
    // A form post without the field is refused too, with the field it passes.
    let mut form = p.clone();
    form.csrf.clear();
    assert_eq!(form.post_form(&app, "/logout", &[]).await.status, 403);
    let out = form
        .post_form(&app, "/logout", &[("csrf_token", &token)])
        .await;
    assert_eq!(out.status, 303);
    assert_eq!(
        form.send(&app, Method::GET, "/api/v1/session", None)
            .await
            .status,
        401,
        "logged out"
    );
}
both!(csrf_is_required_for_state_changes);

async fn logout_ends_the_session_on_the_server(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut a = app.login("expert1").await;
    let copy = a.clone();
    assert_eq!(
        a.send(&app, Method::DELETE, "/api/v1/session", None)
            .await
            .status,
        204
    );
    let mut replay = copy;
    assert_eq!(
        replay
            .send(&app, Method::GET, "/api/v1/applications", None)
            .await
            .status,
        401,
        "an old cookie is dead"
    );
}
both!(logout_ends_the_session_on_the_server);

async fn absolute_timeout_ends_sessions(backend: Backend) {
    let Some(app) = TestApp::spawn_with(backend, |s| s.session.absolute_hours = 0).await else {
        return;
    };
    let mut a = app.login("ent1").await;
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let r = a
        .send(&app, Method::GET, "/api/v1/applications", None)
        .await;
    assert_eq!(r.status, 401);
    assert_eq!(r.json["error"]["code"], "session_expired");
    assert!(
        r.json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("重新登录")
    );
}
both!(absolute_timeout_ends_sessions);

async fn idle_expiry_is_enforced_by_the_server(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut a = app.login("ent1").await;
    assert_eq!(
        a.send(&app, Method::GET, "/api/v1/session", None)
            .await
            .status,
        200
    );
    // Age every session past its idle expiry, as 30 quiet minutes would.
    match backend {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(&app.db.url).await.unwrap();
            sqlx::query("UPDATE sessions SET expires_at = 0")
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(&app.db.url).await.unwrap();
            sqlx::query("UPDATE sessions SET expires_at = 0")
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
        }
    }
    assert_eq!(
        a.send(&app, Method::GET, "/api/v1/session", None)
            .await
            .status,
        401
    );
}
both!(idle_expiry_is_enforced_by_the_server);
