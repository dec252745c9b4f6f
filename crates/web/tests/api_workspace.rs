//! The agent workspace through the JSON API: linking an incident to its
//! problem, and triage up to the problem's root cause, under the same rules
//! as the pages.

use atbalsts_store::categories::{self, Kind};
use atbalsts_store::{tickets, workflows};
use atbalsts_testkit::{db_test, TestApp, TestDb};
use axum::http::StatusCode;
use serde_json::json;

#[db_test]
async fn a_script_links_an_incident_to_its_problem_and_names_the_root_cause(t: TestDb) {
    let app = TestApp::start(t).await;
    let (db, w) = (&app.db.db, &app.world);
    let incident = w.file(db, &w.customer_a, "Nav tīkla").await.to_string();
    let problem_type = workflows::ticket_type_by_code(db, w.desk_id, "problem")
        .await
        .unwrap()
        .unwrap();
    let mut new = w.new_ticket(&w.agent, "Komutators pārstartējas");
    new.ticket_type_id = problem_type.id;
    let problem = tickets::create_ticket(db, &w.agent, &new)
        .await
        .unwrap()
        .to_string();
    let cause = categories::create(
        db,
        w.desk_id,
        Kind::RootCause,
        None,
        "firmware",
        &atbalsts_domain::Labels::new("Programmaparatūras kļūda", "Firmware bug"),
    )
    .await
    .unwrap();
    let token = app.token_for(&w.agent).await;
    let api = |method: &'static str, path: String, body: Option<serde_json::Value>| {
        let token = token.clone();
        let app = &app;
        async move { app.api(method, &path, &token, body).await }
    };

    // A link the ITIL rules forbid is refused with the field named.
    let r = api(
        "POST",
        format!("/api/v1/tickets/{problem}/links"),
        Some(json!({"kind": "caused_by", "to": incident})),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["fields"][0]["field"], "link");
    let r = api(
        "POST",
        format!("/api/v1/tickets/{incident}/links"),
        Some(json!({"kind": "caused_by", "to": problem})),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let r = api("GET", format!("/api/v1/tickets/{problem}/links"), None).await;
    assert_eq!(r.json()["items"][0]["other_key"], incident.as_str());

    // Triage: an override without a reason is refused; the root cause is named.
    let r = api(
        "PUT",
        format!("/api/v1/tickets/{problem}/triage"),
        Some(json!({"priority": "critical"})),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["fields"][0]["field"], "priority_reason");
    let r = api(
        "PUT",
        format!("/api/v1/tickets/{problem}/triage"),
        Some(json!({"impact": "high", "urgency": "high", "root_cause_id": cause, "team_id": w.team_id})),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["root_cause_id"], cause);
    assert_eq!(
        r.json()["priority"],
        "critical",
        "high × high by the matrix"
    );
    assert_eq!(r.json()["team_id"], w.team_id);

    // A customer reaches none of it.
    let customer = app.token_for(&w.customer_a).await;
    let r = app
        .api(
            "GET",
            &format!("/api/v1/tickets/{incident}/links"),
            &customer,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .api(
            "PUT",
            &format!("/api/v1/tickets/{incident}/triage"),
            &customer,
            Some(json!({"priority": "low", "priority_reason": "x"})),
        )
        .await;
    assert_ne!(r.status, StatusCode::OK);
}
