use crate::both;
use crate::helpers::{Agent, Backend, TestApp};

async fn health_ready_request_ids_and_demo_once(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    assert_eq!(app.demo_seeded_now, Some(true));
    let mut a = Agent::default();
    let r = a.get(&app, "/healthz").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.text, "ok");
    assert!(
        r.headers.get("x-request-id").is_some(),
        "every response carries a request id"
    );
    assert_eq!(a.get(&app, "/readyz").await.status, 200);
    // A second instance on the same database does not seed again, and sees the same data.
    let sibling = app.sibling().await;
    assert_eq!(sibling.demo_seeded_now, Some(false));
    let p = sibling.login("province").await;
    let mut p2 = p.clone();
    let apps = p2
        .send(&sibling, reqwest::Method::GET, "/api/v1/applications", None)
        .await;
    assert_eq!(apps.json.as_array().unwrap().len(), 2);
    // The OpenAPI description is there and names the required endpoints.
    let doc = a.get(&app, "/api/v1/openapi.json").await;
    assert_eq!(doc.status, 200);
    for path in [
        "/api/v1/session",
        "/api/v1/applications",
        "/api/v1/applications/{id}",
    ] {
        assert!(doc.json["paths"].get(path).is_some(), "{path}");
    }
}
both!(health_ready_request_ids_and_demo_once);

async fn sessions_work_across_instances(backend: Backend) {
    let Some(a) = TestApp::spawn(backend).await else {
        return;
    };
    let b = a.sibling().await;
    let mut agent = a.login("ent1").await;
    let me = agent
        .send(&b, reqwest::Method::GET, "/api/v1/session", None)
        .await;
    assert_eq!(
        me.status, 200,
        "a session made by one instance is valid on another"
    );
    assert_eq!(me.json["user"]["username"], "ent1");
    let out = agent
        .send(&b, reqwest::Method::DELETE, "/api/v1/session", None)
        .await;
    assert_eq!(out.status, 204);
    let mut old = agent.clone();
    old.cookies = agent.cookies.clone();
    assert_eq!(
        old.send(&a, reqwest::Method::GET, "/api/v1/session", None)
            .await
            .status,
        401
    );
}
both!(sessions_work_across_instances);

async fn graceful_shutdown_finishes_and_releases_the_port(backend: Backend) {
    let Some(db) = crate::helpers::Db::new(backend).await else {
        return;
    };
    let server = ffe_web::Server::start(crate::helpers::settings(&db))
        .await
        .unwrap();
    let addr = server.local_addr().unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(server.run(async {
        let _ = rx.await;
    }));
    let url = format!("http://{addr}/healthz");
    assert_eq!(reqwest::get(&url).await.unwrap().status(), 200);
    tx.send(()).unwrap();
    let done = tokio::time::timeout(std::time::Duration::from_secs(10), running).await;
    assert!(
        matches!(done, Ok(Ok(Ok(())))),
        "run() returns Ok after the signal: {done:?}"
    );
    assert!(reqwest::get(&url).await.is_err(), "no longer listening");
    // The port is free again: a new server can bind it.
    let rebound = tokio::net::TcpListener::bind(addr).await;
    assert!(rebound.is_ok());
}
both!(graceful_shutdown_finishes_and_releases_the_port);
