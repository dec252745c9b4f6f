//! Bulk edit from the staff list: several tickets change at once, each
//! through its own rules, with one history entry per ticket and change.

use atbalsts_store::tickets::{self, changes_of};
use atbalsts_store::workflows;
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};
use axum::http::StatusCode;

#[db_test]
async fn an_agent_changes_status_and_assignee_of_selected_tickets_and_sees_which_refused(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let w = &app.world;
    let a = w
        .file(db, &w.customer_a, "Neiet printeris")
        .await
        .to_string();
    let b = w
        .file(db, &w.customer_a, "Neiet skeneris")
        .await
        .to_string();
    // A problem's workflow has no "in progress": it will refuse.
    let problem_type = workflows::ticket_type_by_code(db, w.desk_id, "problem")
        .await
        .unwrap()
        .unwrap()
        .id;
    let mut new = w.new_ticket(&w.customer_a, "Printeri krīt atkārtoti");
    new.ticket_type_id = problem_type;
    let c = tickets::create_ticket(db, &w.agent, &new)
        .await
        .unwrap()
        .to_string();

    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    let list = agent.get("/tickets").await;
    let html = list.text();
    assert!(html.contains(&format!(r#"aria-label="Atlasīt {a}""#)));
    let csrf = Browser::csrf(&list);
    let me = w.agent.user_id.to_string();
    let done = agent
        .post(
            "/tickets/bulk",
            &[
                ("_csrf", &csrf),
                ("ticket", &a),
                ("ticket", &b),
                ("ticket", &c),
                ("status", "in_progress"),
                ("assignee", &me),
                ("team", ""),
                ("priority", ""),
                ("priority_reason", ""),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    let html = done.text();
    assert!(html.contains("Mainīti 2 pieteikumi."), "{html}");
    assert!(
        html.contains(&format!(r#"<a href="/tickets/{c}">{c}</a>"#)),
        "{html}"
    );

    for key in [&a, &b] {
        let ticket = tickets::ticket_for(
            db,
            &w.agent,
            &atbalsts_domain::TicketKey::parse(key).unwrap(),
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(ticket.status, "in_progress");
        assert_eq!(ticket.assignee_id, Some(w.agent.user_id));
        let changes = changes_of(db, ticket.id).await.unwrap();
        assert_eq!(changes.iter().filter(|c| c.field == "status").count(), 1);
    }
    let untouched = tickets::ticket_for(
        db,
        &w.agent,
        &atbalsts_domain::TicketKey::parse(&c).unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(untouched.status, "open");
    assert_eq!(
        untouched.assignee_id, None,
        "a refused ticket changes not at all"
    );

    // A priority override without a reason is refused for every ticket.
    let csrf = Browser::csrf(&agent.get("/tickets").await);
    let done = agent
        .post(
            "/tickets/bulk",
            &[
                ("_csrf", &csrf),
                ("ticket", &a),
                ("priority", "critical"),
                ("priority_reason", ""),
            ],
        )
        .await;
    assert!(done.text().contains("Neviens pieteikums nav mainīts."));

    // Customers have no bulk edit.
    let mut customer = Browser::new(&app);
    customer.sign_in("janis@lnb.lv").await;
    let page = customer.get("/tickets").await;
    assert!(!page.text().contains(r#"name="ticket""#));
    let r = customer
        .post(
            "/tickets/bulk",
            &[
                ("_csrf", &Browser::csrf(&page)),
                ("ticket", &a),
                ("status", "closed"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
