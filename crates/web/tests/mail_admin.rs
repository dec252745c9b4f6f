//! The desk administrator's view of mail: undelivered notifications with
//! their reason and a button to send again, ignored mail, quarantine.

use atbalsts_store::notifications::{self, NewNotification};
use atbalsts_store::tickets::{create_ticket_notifying, Actor};
use atbalsts_store::{jobs, mail};
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};
use axum::http::StatusCode;

#[db_test]
async fn an_administrator_sees_undelivered_mail_and_sends_it_again(t: TestDb) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let w = &app.world;
    let new = w.new_ticket(&w.customer_a, "Neiet printeris");
    create_ticket_notifying(db, Actor::Person(&w.customer_a), &new, |c| {
        vec![NewNotification {
            kind: "request-received",
            recipient_email: "janis@lnb.lv".into(),
            locale: "lv".into(),
            ticket_id: Some(c.id),
            subject: format!("[{}] Neiet printeris", c.key),
            body_text: "Labdien!".into(),
            message_id: "<t1@kisc.lv>".into(),
            desk_id: None,
            values: Vec::new(),
            hold_ms: 0,
        }]
    })
    .await
    .unwrap();
    let n = notifications::for_recipient(db, "janis@lnb.lv")
        .await
        .unwrap()
        .remove(0);
    notifications::record_failure(db, n.id, "SMTP: 550 mailbox unavailable", true)
        .await
        .unwrap();
    let sha = app.state.blobs.put(b"\x00\x01 nav vestule").unwrap();
    let q = mail::quarantine(db, w.desk_id, &sha, 14, "the message could not be parsed")
        .await
        .unwrap();
    mail::record_ignored(
        db,
        w.desk_id,
        "auto-reply",
        "janis@lnb.lv",
        "Automātiskā atbilde",
        None,
    )
    .await
    .unwrap();

    let mut customer = Browser::new(&app);
    customer.sign_in("janis@lnb.lv").await;
    assert_eq!(
        customer.get("/admin/mail/KISC").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        customer
            .get(&format!("/admin/mail/KISC/quarantine/{q}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let mut admin = Browser::new(&app);
    admin.sign_in("admin@kisc.lv").await;
    let page = admin.get("/admin/mail/KISC").await;
    let html = page.text();
    assert!(html.contains("SMTP: 550 mailbox unavailable") && html.contains("Automātiskā atbilde"));
    assert!(html.contains("the message could not be parsed"));
    let raw = admin.get(&format!("/admin/mail/KISC/quarantine/{q}")).await;
    assert_eq!(raw.body, b"\x00\x01 nav vestule");
    assert!(raw.header("content-disposition").starts_with("attachment"));

    let csrf = Browser::csrf(&page);
    let id = n.id.to_string();
    let r = admin
        .post("/admin/mail/KISC/retry", &[("_csrf", &csrf), ("id", &id)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let again = notifications::by_id(db, n.id).await.unwrap().unwrap();
    assert_eq!(again.state, "queued");
    assert_eq!(
        again.message_id.as_deref(),
        Some("<t1@kisc.lv>"),
        "the same message, the same Message-ID"
    );
    assert!(
        jobs::queue_depth(db).await.unwrap() >= 2,
        "a new delivery job"
    );
}

#[db_test]
async fn an_agent_sees_when_mail_to_the_requester_bounces(t: TestDb) {
    let app = TestApp::start(t).await;
    let key = app
        .world
        .file(&app.db.db, &app.world.customer_a, "Neiet printeris")
        .await
        .to_string();
    mail::mark_failing(&app.db.db, "janis@lnb.lv", "5.1.1 User unknown")
        .await
        .unwrap();
    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    let page = agent.get(&format!("/tickets/{key}")).await.text();
    assert!(page.contains("E-pasts uz šo adresi netiek piegādāts: 5.1.1 User unknown"));
}
