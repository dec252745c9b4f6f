//! Triage in the agent's ticket page: the priority matrix, overrides with
//! a reason, team and assignee, "assigned to you", and the staff views.

use atbalsts_domain::triage::Level;
use atbalsts_domain::{Priority, TicketKey};
use atbalsts_store::{notifications, tickets};
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};
use axum::http::StatusCode;

#[db_test]
async fn an_agent_triages_by_impact_and_urgency_and_overrides_only_with_a_reason(t: TestDb) {
    let app = TestApp::start(t).await;
    let w = &app.world;
    let key = w.file(&app.db.db, &w.customer_a, "Neiet printeris").await;
    let path = format!("/tickets/{key}/triage");
    let reload = || async {
        tickets::ticket_for(
            &app.db.db,
            &w.agent,
            &TicketKey::parse(&key.to_string()).unwrap(),
        )
        .await
        .unwrap()
        .unwrap()
    };
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    let page = agent.get(&format!("/tickets/{key}")).await;
    assert!(page.text().contains("Šķirošana"));
    let csrf = Browser::csrf(&page);
    let team = w.team_id.to_string();
    let me = w.agent.user_id.to_string();

    let r = agent
        .post(
            &path,
            &[
                ("_csrf", &csrf),
                ("impact", "high"),
                ("urgency", "high"),
                ("priority", ""),
                ("priority_reason", ""),
                ("team", &team),
                ("assignee", &me),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    // The assignee has its own form now ("Assign to me").
    let assign = format!("/tickets/{key}/assign");
    let r = agent
        .post(&assign, &[("_csrf", &csrf), ("assignee", "me")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let t1 = reload().await;
    assert_eq!(
        (t1.priority, t1.assignee_id),
        (Priority::Critical, Some(w.agent.user_id))
    );
    assert!(
        notifications::for_recipient(&app.db.db, "agents@kisc.lv")
            .await
            .unwrap()
            .is_empty(),
        "not for one's own assignment"
    );

    // Another priority without a reason is refused, and nothing changes.
    let r = agent
        .post(
            &path,
            &[
                ("_csrf", &csrf),
                ("impact", "low"),
                ("urgency", "low"),
                ("priority", "critical"),
                ("priority_reason", " "),
                ("team", &team),
                ("assignee", &me),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r
        .text()
        .contains("Norādiet, kāpēc izvēlaties citu prioritāti"));
    assert_eq!(reload().await.impact, Some(Level::High));
    let r = agent
        .post(
            &path,
            &[
                ("_csrf", &csrf),
                ("impact", "low"),
                ("urgency", "low"),
                ("priority", "critical"),
                ("priority_reason", "Direktora dators"),
                ("team", &team),
                ("assignee", &me),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let t2 = reload().await;
    assert_eq!(
        (t2.priority, t2.priority_reason.as_deref()),
        (Priority::Critical, Some("Direktora dators"))
    );
    let history = tickets::changes_of(&app.db.db, t2.id).await.unwrap();
    assert!(history.iter().any(
        |c| c.field == "priority_reason" && c.new_value.as_deref() == Some("Direktora dators")
    ));
    assert!(history
        .iter()
        .any(|c| c.field == "assignee" && c.new_value.as_deref() == Some("Andris Kalniņš")));

    // A stale form is refused.
    let r = agent
        .post(
            &path,
            &[
                ("_csrf", &csrf),
                ("impact", "low"),
                ("urgency", "low"),
                ("priority", ""),
                ("team", &team),
                ("assignee", ""),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);

    // Assigning to a colleague tells them.
    let admin = w.desk_admin.user_id.to_string();
    let r = agent
        .post(
            &path,
            &[
                ("_csrf", &csrf),
                ("impact", "low"),
                ("urgency", "low"),
                ("priority", ""),
                ("team", &team),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = agent
        .post(&assign, &[("_csrf", &csrf), ("assignee", &admin)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let told = notifications::for_recipient(&app.db.db, "admin@kisc.lv")
        .await
        .unwrap();
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].kind, "assigned-to-you");
    assert_eq!(reload().await.priority, Priority::Planning);

    // The customer cannot triage her own request.
    let mut janis = Browser::signed_in(&app, "janis@lnb.lv").await;
    let csrf_j = Browser::csrf(&janis.get(&format!("/tickets/{key}")).await);
    let r = janis
        .post(
            &path,
            &[
                ("_csrf", &csrf_j),
                ("impact", "high"),
                ("urgency", "high"),
                ("priority", ""),
            ],
        )
        .await;
    assert_ne!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(reload().await.priority, Priority::Planning);
}

#[db_test]
async fn staff_views_show_what_is_mine_unassigned_or_waiting_with_counts(t: TestDb) {
    let app = TestApp::start(t).await;
    let w = &app.world;
    let db = &app.db.db;
    let mut keys = Vec::new();
    for s in ["Pirmais", "Otrais", "Trešais"] {
        let mut new = w.new_ticket(&w.agent, s);
        new.team_id = Some(w.team_id);
        keys.push(tickets::create_ticket(db, &w.agent, &new).await.unwrap());
    }
    let first = tickets::ticket_for(db, &w.agent, &keys[0])
        .await
        .unwrap()
        .unwrap();
    let triage = tickets::Triage {
        impact: Some(atbalsts_domain::triage::Level::Medium),
        urgency: Some(atbalsts_domain::triage::Level::Medium),
        priority: None,
        reason: String::new(),
        team_id: Some(w.team_id),
        assignee_id: Some(w.agent.user_id),
        category_id: None,
        root_cause_id: None,
    };
    tickets::triage(db, &w.agent, &first, &triage, None, |_| Vec::new())
        .await
        .unwrap();
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    let all = agent.get("/tickets").await.text();
    assert!(
        all.contains("Man piešķirtie <span class=\"count\">(1)</span>"),
        "{all}"
    );
    assert!(all.contains("Nepiešķirtie manās komandās <span class=\"count\">(2)</span>"));
    let mine = agent.get("/tickets?view=assigned").await.text();
    assert!(mine.contains("Pirmais") && !mine.contains("Otrais"));
    let unassigned = agent.get("/tickets?view=unassigned").await.text();
    assert!(
        unassigned.contains("Otrais")
            && unassigned.contains("Trešais")
            && !unassigned.contains("Pirmais")
    );
}
