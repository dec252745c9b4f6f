//! Linking incidents to a problem and resolving them with it.

use atbalsts_domain::{StatusCategory, TicketKey};
use atbalsts_store::{notifications, tickets, workflows};
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};
use axum::http::StatusCode;

#[db_test]
async fn incidents_linked_to_a_problem_are_resolved_with_one_message_to_each_requester(t: TestDb) {
    let app = TestApp::start(t).await;
    let w = &app.world;
    let db = &app.db.db;
    let first = w.file(db, &w.customer_a, "Neiet e-pasts").await;
    let second = w.file(db, &w.customer_b, "Outlook nepieslēdzas").await;
    let problem_type = workflows::ticket_type_by_code(db, w.desk_id, "problem")
        .await
        .unwrap()
        .unwrap()
        .id;
    let mut problem = w.new_ticket(&w.agent, "E-pasta serveris pārslogots");
    problem.ticket_type_id = problem_type;
    let problem = tickets::create_ticket(db, &w.agent, &problem)
        .await
        .unwrap();

    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    let csrf = Browser::csrf(&agent.get(&format!("/tickets/{first}")).await);
    let problem_key = problem.to_string();
    for incident in [&first, &second] {
        let r = agent
            .post(
                &format!("/tickets/{incident}/links"),
                &[
                    ("_csrf", &csrf),
                    ("kind", "caused_by"),
                    ("to", &problem_key),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    }
    // Wrong directions and unknown keys are refused with a message.
    let r = agent
        .post(
            &format!("/tickets/{problem}/links"),
            &[
                ("_csrf", &csrf),
                ("kind", "caused_by"),
                ("to", &first.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("Šī saite savieno incidentu ar problēmu"));
    let r = agent
        .post(
            &format!("/tickets/{first}/links"),
            &[("_csrf", &csrf), ("kind", "relates_to"), ("to", "KISC-999")],
        )
        .await;
    assert!(r.text().contains("Pieteikums ar šādu numuru nav atrasts."));
    let r = agent
        .post(
            &format!("/tickets/{first}/links"),
            &[
                ("_csrf", &csrf),
                ("kind", "caused_by"),
                ("to", &problem_key),
            ],
        )
        .await;
    assert!(r.text().contains("Šāda saite jau ir."));

    let page = agent.get(&format!("/tickets/{problem}")).await.text();
    assert!(page.contains("Šai problēmai ir 2 neatrisināti incidenti"));
    assert!(page.contains(&format!(
        "Izraisītais incidents: <a href=\"/tickets/{first}\">"
    )));
    let r = agent
        .post(
            &format!("/tickets/{problem}/resolve-incidents"),
            &[
                ("_csrf", &csrf),
                ("message", "Serveris salabots, e-pasts strādā."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    for (key, email) in [(&first, "janis@lnb.lv"), (&second, "anna@lnmm.lv")] {
        let ticket = tickets::ticket_for(db, &w.agent, key)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(ticket.status_category, StatusCategory::Resolved, "{key}");
        let told = notifications::for_recipient(db, email).await.unwrap();
        assert!(
            told.iter()
                .any(|n| n.kind == "public-reply" && n.body_text.contains("Serveris salabots")),
            "{email}"
        );
    }
    assert!(!agent
        .get(&format!("/tickets/{problem}"))
        .await
        .text()
        .contains("neatrisināti incidenti"));

    // A customer cannot link.
    let mut janis = Browser::new(&app);
    janis.sign_in("janis@lnb.lv").await;
    let csrf_j = Browser::csrf(&janis.get(&format!("/tickets/{first}")).await);
    let r = janis
        .post(
            &format!("/tickets/{first}/links"),
            &[
                ("_csrf", &csrf_j),
                ("kind", "relates_to"),
                ("to", &second.to_string()),
            ],
        )
        .await;
    assert_ne!(r.status, StatusCode::SEE_OTHER);
    let links = tickets::links_of(
        db,
        tickets::ticket_for(db, &w.agent, &TicketKey::parse(&first.to_string()).unwrap())
            .await
            .unwrap()
            .unwrap()
            .id,
    )
    .await
    .unwrap();
    assert_eq!(links.len(), 1);
}

#[db_test]
async fn a_problem_is_resolved_only_with_its_root_cause_in_the_page_and_the_api(t: TestDb) {
    use atbalsts_store::categories::{self, Kind};
    let app = TestApp::start(t).await;
    let w = &app.world;
    let db = &app.db.db;
    let problem_type = workflows::ticket_type_by_code(db, w.desk_id, "problem")
        .await
        .unwrap()
        .unwrap();
    let mut new = w.new_ticket(&w.agent, "Tīkls krīt katru rītu");
    new.ticket_type_id = problem_type.id;
    let key = tickets::create_ticket(db, &w.agent, &new).await.unwrap();
    let cause = categories::create(
        db,
        w.desk_id,
        Kind::RootCause,
        None,
        "network",
        &atbalsts_domain::Labels::new("Tīkla iekārtas kļūme", "Network device fault"),
    )
    .await
    .unwrap();
    // Walk the problem to the step before "resolved".
    let (workflow, _) = workflows::workflow(db, problem_type.workflow_id)
        .await
        .unwrap();
    let resolved = loop {
        let ticket = tickets::ticket_for(db, &w.agent, &key)
            .await
            .unwrap()
            .unwrap();
        let next = workflow.next_statuses(&ticket.status);
        if let Some(r) = next.iter().find(|s| s.category == StatusCategory::Resolved) {
            break r.code.clone();
        }
        let step = next
            .iter()
            .find(|s| s.category == StatusCategory::Open)
            .unwrap()
            .code
            .clone();
        tickets::transition(db, &w.agent, &ticket, &step, None)
            .await
            .unwrap();
    };

    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    let page = agent.get(&format!("/tickets/{key}")).await;
    assert!(
        page.text().contains("Tīkla iekārtas kļūme"),
        "the classifier is offered"
    );
    let csrf = Browser::csrf(&page);
    let r = agent
        .post(
            &format!("/tickets/{key}/transition"),
            &[("_csrf", &csrf), ("to", &resolved)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r
        .text()
        .contains("Problēmu nevar atrisināt vai slēgt bez pamatcēloņa"));
    let token = app.token_for(&w.agent).await;
    let api = app
        .api(
            "POST",
            &format!("/api/v1/tickets/{key}/transitions"),
            &token,
            Some(serde_json::json!({"to": resolved})),
        )
        .await;
    assert_eq!(api.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(api.json()["error"]["fields"][0]["field"], "root_cause");

    let team = w.team_id.to_string();
    let cause = cause.to_string();
    let r = agent
        .post(
            &format!("/tickets/{key}/triage"),
            &[
                ("_csrf", &csrf),
                ("impact", "medium"),
                ("urgency", "medium"),
                ("team", &team),
                ("root_cause", &cause),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let r = agent
        .post(
            &format!("/tickets/{key}/transition"),
            &[("_csrf", &csrf), ("to", &resolved)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let done = tickets::ticket_for(db, &w.agent, &key)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(done.status_category, StatusCategory::Resolved);
    assert!(tickets::changes_of(db, done.id)
        .await
        .unwrap()
        .iter()
        .any(|c| c.field == "root_cause" && c.new_value.as_deref() == Some("network")));
}
