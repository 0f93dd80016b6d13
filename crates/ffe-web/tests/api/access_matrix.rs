//! Every API endpoint × every role × an object of another organisation or city: the answer is
//! 401, 403 or 404 and carries none of the object's data. The endpoint list comes from the OpenAPI
//! description, so a new endpoint without a row here fails the test.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::{Value, json};

use crate::both;
use crate::helpers::{Agent, Backend, TestApp};
use crate::registration::{GOOD_CODE, registration};

const ROLES: [&str; 9] = [
    "", "province", "city-hz", "city-nb", "expert1", "expert3", "ent1", "ent2", "ent3",
];

/// The objects under test, each with what would betray it in a response.
struct Object {
    id: i64,
    secrets: Vec<String>,
    /// Roles (by username; "" is anonymous) for whom the object is foreign.
    foreign_to: Vec<&'static str>,
}

#[derive(Clone, Copy)]
enum Target {
    App1,
    App2,
    DraftBatch,
    Registration,
    Ent1User,
}

/// How an endpoint is checked.
enum Row {
    /// Acts on one object named in the path.
    Object { target: Target, body: Option<Value> },
    /// A list: foreign objects must not appear in it (or it is refused).
    List { hides: Vec<Target> },
    /// Refused to every role but the province.
    ProvinceOnly { body: Option<Value> },
    /// Creating an application in a batch the caller may not see.
    CreateInForeignBatch,
    /// Public or about the caller alone: no foreign object to leak.
    NotObjectScoped,
}

fn row(method: &Method, path: &str) -> Option<Row> {
    let m = method.as_str();
    Some(match (m, path) {
        ("GET", "/api/v1/applications/{id}") => Row::Object {
            target: Target::App1,
            body: None,
        },
        ("GET", "/api/v1/applications/{id}/self-assessment") => Row::Object {
            target: Target::App1,
            body: None,
        },
        ("POST", "/api/v1/applications/{id}/submit") => Row::Object {
            target: Target::App1,
            body: None,
        },
        ("GET", "/api/v1/batches/{id}") => Row::Object {
            target: Target::DraftBatch,
            body: None,
        },
        ("POST", "/api/v1/batches/{id}/open") => Row::Object {
            target: Target::DraftBatch,
            body: None,
        },
        ("POST", "/api/v1/batches/{id}/close") => Row::Object {
            target: Target::DraftBatch,
            body: None,
        },
        ("GET", "/api/v1/registrations/{id}") => Row::Object {
            target: Target::Registration,
            body: None,
        },
        ("POST", "/api/v1/registrations/{id}/approve") => Row::Object {
            target: Target::Registration,
            body: None,
        },
        ("POST", "/api/v1/registrations/{id}/reject") => Row::Object {
            target: Target::Registration,
            body: None,
        },
        ("PUT", "/api/v1/users/{id}/role") => Row::Object {
            target: Target::Ent1User,
            body: Some(json!({"role": "enterprise_member"})),
        },
        ("GET", "/api/v1/applications") => Row::List {
            hides: vec![Target::App1, Target::App2],
        },
        ("GET", "/api/v1/batches") => Row::List {
            hides: vec![Target::DraftBatch],
        },
        ("GET", "/api/v1/registrations") => Row::List {
            hides: vec![Target::Registration],
        },
        ("GET", "/api/v1/users") => Row::List {
            hides: vec![Target::Ent1User],
        },
        ("POST", "/api/v1/applications") => Row::CreateInForeignBatch,
        ("POST", "/api/v1/batches") => Row::ProvinceOnly {
            body: Some(
                json!({"name": "矩阵批次", "year": 2027, "opens_on": "2027-01-01", "closes_on": "2027-02-01"}),
            ),
        },
        ("GET", "/api/v1/audit") | ("GET", "/api/v1/audit/verify") => {
            Row::ProvinceOnly { body: None }
        }
        ("POST", "/api/v1/session")
        | ("GET", "/api/v1/session")
        | ("DELETE", "/api/v1/session")
        | ("POST", "/api/v1/registrations")
        | ("GET", "/api/v1/reference/regions")
        | ("GET", "/api/v1/reference/industries") => Row::NotObjectScoped,
        _ => return None,
    })
}

fn refused(status: reqwest::StatusCode) -> bool {
    [401, 403, 404].contains(&status.as_u16())
}

async fn access_matrix(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut province = app.login("province").await;
    // The cast of objects.
    let batch = province
        .send(&app, Method::POST, "/api/v1/batches", Some(json!({"name": "草稿批次-矩阵", "year": 2027, "opens_on": "2027-01-01", "closes_on": "2027-12-31"})))
        .await;
    assert_eq!(batch.status, 201);
    let mut anon = Agent::default();
    let reg = anon
        .send(
            &app,
            Method::POST,
            "/api/v1/registrations",
            Some(registration(GOOD_CODE, "matrixco")),
        )
        .await;
    assert_eq!(reg.status, 201, "{}", reg.text);
    let apps = province
        .send(&app, Method::GET, "/api/v1/applications", None)
        .await
        .json;
    let app_of = |org: &str| {
        apps.as_array()
            .unwrap()
            .iter()
            .find(|a| a["organization"].as_str().unwrap().contains(org))
            .unwrap()
            .clone()
    };
    let a1 = app_of("杭州");
    let a2 = app_of("宁波");
    let users = province
        .send(&app, Method::GET, "/api/v1/users", None)
        .await
        .json;
    let ent1_user = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "ent1")
        .unwrap()
        .clone();
    let object = |t: Target| -> Object {
        match t {
            Target::App1 => Object {
                id: a1["id"].as_i64().unwrap(),
                secrets: vec![a1["organization"].as_str().unwrap().to_owned()],
                foreign_to: vec!["", "city-nb", "expert1", "expert3", "ent2", "ent3"],
            },
            Target::App2 => Object {
                id: a2["id"].as_i64().unwrap(),
                secrets: vec![a2["organization"].as_str().unwrap().to_owned()],
                foreign_to: vec!["", "city-hz", "expert3", "ent1", "ent3"],
            },
            Target::DraftBatch => Object {
                id: batch.json["id"].as_i64().unwrap(),
                secrets: vec!["草稿批次-矩阵".to_owned()],
                foreign_to: vec![
                    "", "city-hz", "city-nb", "expert1", "expert3", "ent1", "ent2", "ent3",
                ],
            },
            Target::Registration => Object {
                id: reg.json["organization_id"].as_i64().unwrap(),
                secrets: vec![GOOD_CODE.to_owned(), "matrixco".to_owned()],
                foreign_to: vec!["", "city-nb", "expert1", "expert3", "ent1", "ent2", "ent3"],
            },
            Target::Ent1User => Object {
                id: ent1_user["id"].as_i64().unwrap(),
                secrets: vec!["杭州示范智能装备（演示）".to_owned()],
                foreign_to: vec!["", "city-nb", "expert1", "expert3", "ent2", "ent3"],
            },
        }
    };
    // Every operation in the OpenAPI description has a row.
    let doc = anon.get(&app, "/api/v1/openapi.json").await.json;
    let mut operations = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            assert!(
                row(&method, path).is_some(),
                "no access-matrix row for {method} {path}"
            );
            operations.push((method, path.clone()));
        }
    }
    assert!(operations.len() >= 20, "{}", operations.len());
    let mut agents = Vec::new();
    for role in ROLES {
        agents.push((
            role,
            if role.is_empty() {
                Agent::default()
            } else {
                app.login(role).await
            },
        ));
    }
    let mut checked = BTreeSet::new();
    for (method, path) in &operations {
        for (role, agent) in agents.iter_mut() {
            let role: &str = role;
            let leak = |text: &str, o: &Object| {
                o.secrets
                    .iter()
                    .find(|s| text.contains(s.as_str()))
                    .cloned()
            };
            match row(method, path).unwrap() {
                Row::Object { target, body } => {
                    let o = object(target);
                    if !o.foreign_to.contains(&role) {
                        continue;
                    }
                    let url = path.replace("{id}", &o.id.to_string());
                    let r = agent.send(&app, method.clone(), &url, body.clone()).await;
                    assert!(
                        refused(r.status),
                        "{role} {method} {url} answered {}: {}",
                        r.status,
                        r.text
                    );
                    assert_eq!(
                        leak(&r.text, &o),
                        None,
                        "{role} {method} {url} leaked: {}",
                        r.text
                    );
                    checked.insert((role.to_owned(), method.to_string(), path.clone()));
                }
                Row::List { hides } => {
                    let r = agent.send(&app, method.clone(), path, None).await;
                    for t in hides {
                        let o = object(t);
                        if o.foreign_to.contains(&role) {
                            assert!(
                                r.status == 200 || refused(r.status),
                                "{role} {path}: {}",
                                r.status
                            );
                            assert_eq!(
                                leak(&r.text, &o),
                                None,
                                "{role} {method} {path} leaked: {}",
                                r.text
                            );
                        }
                    }
                    checked.insert((role.to_owned(), method.to_string(), path.clone()));
                }
                Row::ProvinceOnly { body } => {
                    if role == "province" {
                        continue;
                    }
                    let r = agent.send(&app, method.clone(), path, body.clone()).await;
                    assert!(
                        refused(r.status),
                        "{role} {method} {path} answered {}",
                        r.status
                    );
                    assert!(
                        !r.text.contains("login.success"),
                        "{role} read the audit log"
                    );
                    checked.insert((role.to_owned(), method.to_string(), path.clone()));
                }
                Row::CreateInForeignBatch => {
                    let o = object(Target::DraftBatch);
                    if !o.foreign_to.contains(&role) {
                        continue;
                    }
                    let r = agent
                        .send(&app, method.clone(), path, Some(json!({"batch_id": o.id})))
                        .await;
                    assert!(
                        refused(r.status),
                        "{role} {method} {path} answered {}: {}",
                        r.status,
                        r.text
                    );
                    assert_eq!(leak(&r.text, &o), None);
                    checked.insert((role.to_owned(), method.to_string(), path.clone()));
                }
                Row::NotObjectScoped => {}
            }
        }
    }
    assert!(checked.len() > 80, "cells checked: {}", checked.len());
    // And nothing changed.
    let a1_now = province
        .send(
            &app,
            Method::GET,
            &format!("/api/v1/applications/{}", a1["id"]),
            None,
        )
        .await
        .json;
    assert_eq!(a1_now["status"], "draft");
    let b_now = province
        .send(
            &app,
            Method::GET,
            &format!("/api/v1/batches/{}", batch.json["id"]),
            None,
        )
        .await
        .json;
    assert_eq!(b_now["status"], "draft");
    let r_now = province
        .send(
            &app,
            Method::GET,
            &format!("/api/v1/registrations/{}", reg.json["organization_id"]),
            None,
        )
        .await
        .json;
    assert_eq!(r_now["status"], "pending");
    let users = province
        .send(&app, Method::GET, "/api/v1/users", None)
        .await
        .json;
    let ent1_now = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "ent1")
        .unwrap()
        .clone();
    assert_eq!(ent1_now["role"], "enterprise_admin");
}
both!(access_matrix);

async fn each_role_sees_its_own_applications(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let expect: [(&str, &[&str]); 8] = [
        ("province", &["杭州示范", "宁波示范"]),
        ("city-hz", &["杭州示范"]),
        ("city-nb", &["宁波示范"]),
        ("expert1", &["宁波示范"]),
        ("expert3", &[]),
        ("ent1", &["杭州示范"]),
        ("ent2", &["宁波示范"]),
        ("ent3", &[]),
    ];
    for (user, orgs) in expect {
        let mut a = app.login(user).await;
        let list = a
            .send(&app, Method::GET, "/api/v1/applications", None)
            .await
            .json;
        let names: Vec<String> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["organization"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(names.len(), orgs.len(), "{user}: {names:?}");
        for o in orgs {
            assert!(names.iter().any(|n| n.starts_with(o)), "{user}: {names:?}");
        }
    }
}
both!(each_role_sees_its_own_applications);
