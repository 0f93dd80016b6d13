//! Malformed input gets a clear 4xx, never a 500.

use reqwest::Method;

use crate::both;
use crate::helpers::{Agent, Backend, TestApp};

async fn oversized_malformed_and_mistyped_bodies_are_4xx(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut a = Agent::default();
    let login = "/api/v1/session";
    // Oversized (the default limit is 1 MiB).
    let big = format!(
        "{{\"username\":\"{}\",\"password\":\"x\"}}",
        "a".repeat(2 * 1024 * 1024)
    );
    let r = a
        .send_raw(
            &app,
            Method::POST,
            login,
            "application/json",
            big.into_bytes(),
        )
        .await;
    assert_eq!(r.status, 413, "{}", r.text);
    assert_eq!(r.json["error"]["code"], "too_large");
    // Malformed JSON.
    let r = a
        .send_raw(
            &app,
            Method::POST,
            login,
            "application/json",
            b"{\"username\": ".to_vec(),
        )
        .await;
    assert_eq!(r.status, 400);
    assert!(
        r.json["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("JSON 格式错误"),
        "{}",
        r.text
    );
    // Not UTF-8.
    let r = a
        .send_raw(
            &app,
            Method::POST,
            login,
            "application/json",
            b"{\"username\": \"\xff\xfe\", \"password\": \"x\"}".to_vec(),
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.text);
    assert!(
        r.json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("UTF-8")
    );
    // Wrong shape and unknown fields.
    let r = a
        .send_raw(
            &app,
            Method::POST,
            login,
            "application/json",
            br#"{"username": 5, "password": "x"}"#.to_vec(),
        )
        .await;
    assert_eq!(r.status, 400);
    assert!(
        r.json["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("JSON 内容不符合要求")
    );
    let r = a
        .send_raw(
            &app,
            Method::POST,
            login,
            "application/json",
            br#"{"username": "a", "password": "x", "admin": true}"#.to_vec(),
        )
        .await;
    assert_eq!(r.status, 400);
    // Wrong content type.
    let r = a
        .send_raw(
            &app,
            Method::POST,
            login,
            "text/plain",
            b"username=a".to_vec(),
        )
        .await;
    assert_eq!(r.status, 415);
    // A form with bytes that are not UTF-8, an id that is not a number, an unknown route.
    a.get(&app, "/login").await;
    let r = a
        .send_raw(
            &app,
            Method::POST,
            "/login",
            "application/x-www-form-urlencoded",
            b"username=%FF%FE&password=\xff".to_vec(),
        )
        .await;
    assert!(r.status.is_client_error(), "{}", r.status);
    let mut p = app.login("province").await;
    let r = p
        .send(&app, Method::GET, "/api/v1/applications/not-a-number", None)
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json["error"]["code"], "not_found");
    assert_eq!(
        p.send(&app, Method::GET, "/api/v1/nothing/here", None)
            .await
            .status,
        404
    );
    let r = p
        .send(&app, Method::GET, "/api/v1/audit?limit=lots", None)
        .await;
    assert_eq!(r.status, 400);
    // Every error body says which request it was.
    assert!(!r.json["error"]["request_id"].as_str().unwrap().is_empty());
}
both!(oversized_malformed_and_mistyped_bodies_are_4xx);
