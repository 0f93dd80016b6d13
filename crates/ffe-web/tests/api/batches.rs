use reqwest::Method;
use serde_json::json;

use crate::both;
use crate::helpers::{Backend, TestApp};

async fn province_runs_batches_and_a_closed_batch_takes_no_submissions(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut p = app.login("province").await;
    let body = json!({"name": "2027 年度省级未来工厂评价", "year": 2027, "opens_on": "2027-03-01", "closes_on": "2027-06-30"});
    let r = p
        .send(&app, Method::POST, "/api/v1/batches", Some(body))
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json["status"], "draft");
    assert_eq!(
        r.json["index_edition"],
        ffe_index::shipped::edition().unwrap().meta.id
    );
    let id = r.json["id"].as_i64().unwrap();
    // Enterprises do not see drafts, cannot create or open batches.
    let mut e = app.login("ent3").await;
    assert_eq!(
        e.send(&app, Method::GET, &format!("/api/v1/batches/{id}"), None)
            .await
            .status,
        404
    );
    assert_eq!(
        e.send(
            &app,
            Method::POST,
            &format!("/api/v1/batches/{id}/open"),
            None
        )
        .await
        .status,
        404
    );
    let r = e.send(&app, Method::POST, "/api/v1/batches", Some(json!({"name": "x", "year": 2027, "opens_on": "2027-01-01", "closes_on": "2027-02-01"}))).await;
    assert_eq!(r.status, 403);
    assert_eq!(
        r.json["error"]["message"],
        "仅省经信厅管理员可以进行此操作。"
    );
    // Draft → open; ent3 starts an application; open → closed; submitting is refused.
    assert_eq!(
        p.send(
            &app,
            Method::POST,
            &format!("/api/v1/batches/{id}/open"),
            None
        )
        .await
        .json["status"],
        "open"
    );
    let r = e
        .send(
            &app,
            Method::POST,
            "/api/v1/applications",
            Some(json!({"batch_id": id})),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let app_id = r.json["id"].as_i64().unwrap();
    assert_eq!(
        e.send(
            &app,
            Method::POST,
            "/api/v1/applications",
            Some(json!({"batch_id": id}))
        )
        .await
        .status,
        409,
        "one per batch"
    );
    assert_eq!(
        p.send(
            &app,
            Method::POST,
            &format!("/api/v1/batches/{id}/close"),
            None
        )
        .await
        .json["status"],
        "closed"
    );
    let r = e
        .send(
            &app,
            Method::POST,
            &format!("/api/v1/applications/{app_id}/submit"),
            None,
        )
        .await;
    assert_eq!(r.status, 409);
    assert_eq!(r.json["error"]["code"], "batch_closed");
    assert!(
        r.json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("已截止")
    );
    let r = app
        .login("ent2")
        .await
        .send(
            &app,
            Method::POST,
            "/api/v1/applications",
            Some(json!({"batch_id": id})),
        )
        .await;
    assert_eq!(r.status, 409);
    // Nothing goes back.
    assert_eq!(
        p.send(
            &app,
            Method::POST,
            &format!("/api/v1/batches/{id}/open"),
            None
        )
        .await
        .status,
        409
    );
    // Bad dates are field errors.
    let r = p.send(&app, Method::POST, "/api/v1/batches", Some(json!({"name": "y", "year": 2027, "opens_on": "2027-06-01", "closes_on": "2027-03-01", "scheme_edition": "nope"}))).await;
    assert_eq!(r.status, 422);
    assert!(r.text.contains("截止日期不能早于开始日期"));
    assert!(r.text.contains("未知的计分方案"));
    // Every batch change is audited.
    let log = p.send(&app, Method::GET, "/api/v1/audit", None).await.text;
    for action in ["batch.create", "batch.open", "batch.close"] {
        assert!(log.contains(action), "{action}");
    }
}
both!(province_runs_batches_and_a_closed_batch_takes_no_submissions);

async fn submit_by_the_enterprise_admin_while_open(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut ent1 = app.login("ent1").await;
    let list = ent1
        .send(&app, Method::GET, "/api/v1/applications", None)
        .await;
    let apps = list.json.as_array().unwrap();
    assert_eq!(apps.len(), 1);
    assert_eq!(apps[0]["status"], "draft");
    assert!(apps[0]["answered"].as_u64().unwrap() > 10, "half-filled");
    let id = apps[0]["id"].as_i64().unwrap();
    let r = ent1
        .send(
            &app,
            Method::POST,
            &format!("/api/v1/applications/{id}/submit"),
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["status"], "submitted");
    assert_eq!(
        ent1.send(
            &app,
            Method::POST,
            &format!("/api/v1/applications/{id}/submit"),
            None
        )
        .await
        .status,
        409
    );
}
both!(submit_by_the_enterprise_admin_while_open);
