//! The self-assessment: the score an application's answers would get under its batch's scheme, the
//! same as the scoring engine gives for those answers, on the API and on the page.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both;
use crate::helpers::{Agent, Backend, TestApp};

/// The caller's only application (ent1 and ent2 have one each in the demo).
async fn own_application(app: &TestApp, agent: &mut Agent) -> Value {
    let list = agent
        .send(app, Method::GET, "/api/v1/applications", None)
        .await
        .json;
    let id = list[0]["id"].as_i64().expect("an application");
    agent
        .send(
            app,
            Method::GET,
            &format!("/api/v1/applications/{id}"),
            None,
        )
        .await
        .json
}

/// What the engine says for the stored answers, scored directly.
fn engine_total(application: &Value) -> f64 {
    let edition = ffe_index::shipped::edition().expect("edition");
    let engine = ffe_score::shipped::engine().expect("engine");
    let doc = json!({
        "profile": {"industry_type": application["production_mode"], "high_value_equipment": false},
        "answers": application["answers"],
    });
    let answers = ffe_score::Answers::from_json(&doc.to_string(), edition).expect("answers");
    engine
        .score(&answers, &ffe_score::LedgerValues::new())
        .total
}

async fn matches_the_engine_and_ranks_gaps(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    for (user, mode) in [("ent1", "discrete"), ("ent2", "process")] {
        let mut agent = app.login(user).await;
        let application = own_application(&app, &mut agent).await;
        let id = application["id"].as_i64().expect("id");
        let reply = agent
            .send(
                &app,
                Method::GET,
                &format!("/api/v1/applications/{id}/self-assessment"),
                None,
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{user}: {}", reply.text);
        let card = reply.json;
        assert_eq!(card["profile"]["industry_type"], mode);
        assert_eq!(card["max"], 1000.0);
        let total = card["total"].as_f64().expect("total");
        assert!(total > 0.0 && total < 1000.0, "{user}: {total}");
        assert!(
            (total - engine_total(&application)).abs() < 0.01,
            "{user}: {total}"
        );
        assert_eq!(card["skipped"], json!([]), "{user}");
        // Items for the other production type drop out.
        let other = if mode == "discrete" {
            "3.2.1.d"
        } else {
            "3.2.1.c"
        };
        assert_eq!(card["nodes"][other]["applicable"], false, "{user}");
        let gains: Vec<f64> = card["gaps"]
            .as_array()
            .expect("gaps")
            .iter()
            .map(|g| g["gain"].as_f64().expect("gain"))
            .collect();
        assert!(!gains.is_empty(), "{user} has room to improve");
        assert!(
            gains.windows(2).all(|w| w[0] >= w[1]),
            "{user}: gaps not ranked"
        );

        // The page shows the same total and the ranked gaps.
        let page = agent.get(&app, &format!("/applications/{id}")).await;
        assert_eq!(page.status, StatusCode::OK);
        let shown = format!(
            "data-testid=\"self-assessment-total\">{}<",
            ffe_score::num(total)
        );
        assert!(
            page.text.contains(&shown),
            "{user}: {shown} not on the page"
        );
        assert!(page.text.contains("data-testid=\"gap-row\""));
    }
}
both!(matches_the_engine_and_ranks_gaps);

async fn answers_that_cannot_be_scored_are_listed(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut agent = app.login("ent1").await;
    let application = own_application(&app, &mut agent).await;
    let id = application["id"].as_i64().expect("id");
    // Tamper with the stored answers the way an older form or import might have left them.
    let mut answers = application["answers"].clone();
    answers["3.5.a.1"] = json!("金牌绿色工厂");
    answers["9.9.z.1"] = json!(true);
    set_answers(&app, id, &answers).await;
    let card = agent
        .send(
            &app,
            Method::GET,
            &format!("/api/v1/applications/{id}/self-assessment"),
            None,
        )
        .await
        .json;
    let skipped: Vec<&str> = card["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|s| s["code"].as_str().expect("code"))
        .collect();
    assert_eq!(skipped, ["3.5.a.1", "9.9.z.1"]);
    let message = card["skipped"][0]["message"].as_str().expect("message");
    assert!(message.contains("3.5.a.1"), "{message}");
}
both!(answers_that_cannot_be_scored_are_listed);

/// Overwrite an application's stored answers behind the server's back.
async fn set_answers(app: &TestApp, id: i64, answers: &Value) {
    let sql = "UPDATE applications SET answers = $1 WHERE id = $2";
    match app.backend {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(&app.db.url).await.unwrap();
            sqlx::query(sql)
                .bind(answers.to_string())
                .bind(id)
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(&app.db.url).await.unwrap();
            sqlx::query(sql)
                .bind(answers.to_string())
                .bind(id)
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
        }
    }
}
