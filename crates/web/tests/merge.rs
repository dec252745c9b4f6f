//! Merging a duplicate: it closes pointing to the ticket it repeats, its
//! requester is told and follows the other ticket from then on.

use atbalsts_store::notifications;
use atbalsts_store::tickets::{self, links_of};
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};
use axum::http::StatusCode;

#[db_test]
async fn an_agent_merges_a_duplicate_and_its_requester_follows_the_other_ticket(t: TestDb) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let w = &app.world;
    let target = w
        .file(db, &w.customer_a, "Neiet internets lasītavā")
        .await
        .to_string();
    let dup = w.file(db, &w.customer_b, "Nav interneta").await.to_string();
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    let page = agent.get(&format!("/tickets/{dup}")).await;
    let csrf = Browser::csrf(&page);
    let path = format!("/tickets/{dup}/merge");

    let refused = agent
        .post(&path, &[("_csrf", &csrf), ("target", "KISC-999")])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.text().contains(r#"value="KISC-999""#),
        "the typed key is kept"
    );
    let refused = agent
        .post(&path, &[("_csrf", &csrf), ("target", &dup)])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);

    let r = agent
        .post(&path, &[("_csrf", &csrf), ("target", &target)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(r.header("location"), format!("/tickets/{target}"));

    let key = |k: &str| atbalsts_domain::TicketKey::parse(k).unwrap();
    let closed = tickets::ticket_for(db, &w.agent, &key(&dup))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        closed.status_category,
        atbalsts_domain::StatusCategory::Closed
    );
    let links = links_of(db, closed.id).await.unwrap();
    assert_eq!(
        (links[0].kind.code(), links[0].other_key.as_str()),
        ("duplicate_of", target.as_str())
    );
    // The duplicate's requester is told where the work goes on.
    let told = notifications::for_recipient(db, "anna@lnmm.lv")
        .await
        .unwrap();
    assert!(
        told.iter()
            .any(|n| n.kind == "public-reply" && n.body_text.contains(&target)),
        "{told:?}"
    );
    // The target holds the duplicate's text as an internal note.
    let html = agent.get(&format!("/tickets/{target}")).await.text();
    assert!(html.contains(&format!("Apvienots ar šo pieteikumu: {dup}")));
    // She now sees the other ticket, without its internal notes.
    let mut anna = Browser::signed_in(&app, "anna@lnmm.lv").await;
    let seen = anna.get(&format!("/tickets/{target}")).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(!seen.text().contains("Apvienots ar šo pieteikumu"));
    // Customers cannot merge.
    let csrf = Browser::csrf(&seen);
    let r = anna
        .post(
            &format!("/tickets/{target}/merge"),
            &[("_csrf", &csrf), ("target", &dup)],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
