//! Macros: a team lead keeps a shared canned reply in both languages, an
//! agent inserts it into the comment form to edit, or applies it at once
//! with the status it names; the requester reads it in their language.

use atbalsts_domain::Role;
use atbalsts_store::{macros, notifications, tickets, users};
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};
use axum::http::StatusCode;

#[db_test]
async fn a_shared_macro_is_inserted_or_applied_with_its_status_in_the_requesters_language(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let w = &app.world;
    users::grant_role(db, w.desk_id, w.agent.user_id, Role::TeamLead)
        .await
        .unwrap();
    let key = w
        .file(db, &w.customer_a, "Neiet printeris")
        .await
        .to_string();
    users::set_locale(db, w.customer_a.user_id, atbalsts_domain::Locale::En)
        .await
        .unwrap();

    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    let page = agent.get("/macros/KISC").await;
    let csrf = Browser::csrf(&page);
    let refused = agent
        .post(
            "/macros/KISC",
            &[
                ("_csrf", &csrf),
                ("macro_name", "Gaidām"),
                ("macro_body_lv", "Labdien, {vārds}!"),
                ("macro_body_en", ""),
                ("visibility", "public"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.text().contains("Labdien, {vārds}!"),
        "the text is kept"
    );
    let saved = agent
        .post(
            "/macros/KISC",
            &[
                ("_csrf", &csrf),
                ("macro_name", "Gaidām atbildi"),
                (
                    "macro_body_lv",
                    "Labdien, {requester}! Lūdzu, atsūtiet printera modeli ({key}).",
                ),
                (
                    "macro_body_en",
                    "Hello {requester}, please send us the printer model ({key}).",
                ),
                ("visibility", "public"),
                ("set_status", "waiting_for_customer"),
                ("shared", "1"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    let id = macros::usable(db, &w.agent, w.desk_id).await.unwrap()[0]
        .id
        .to_string();

    // Inserted: the comment form comes back with the text, nothing is posted.
    let csrf = Browser::csrf(&agent.get(&format!("/tickets/{key}")).await);
    let path = format!("/tickets/{key}/macro");
    let inserted = agent
        .post(
            &path,
            &[("_csrf", &csrf), ("macro", &id), ("action", "insert")],
        )
        .await;
    assert!(inserted
        .text()
        .contains("Hello Jānis Bērziņš, please send us the printer model"));
    assert!(notifications::for_recipient(db, "janis@lnb.lv")
        .await
        .unwrap()
        .is_empty());

    // Applied: the reply is posted and the status follows.
    let applied = agent
        .post(
            &path,
            &[("_csrf", &csrf), ("macro", &id), ("action", "apply")],
        )
        .await;
    assert_eq!(applied.status, StatusCode::SEE_OTHER, "{}", applied.text());
    let ticket = tickets::ticket_for(
        db,
        &w.agent,
        &atbalsts_domain::TicketKey::parse(&key).unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(ticket.status, "waiting_for_customer");
    let told = notifications::for_recipient(db, "janis@lnb.lv")
        .await
        .unwrap();
    assert!(told.iter().any(|n| n
        .body_text
        .contains(&format!("please send us the printer model ({key})"))));

    // A customer has no macros.
    let mut customer = Browser::new(&app);
    customer.sign_in("janis@lnb.lv").await;
    assert_eq!(
        customer.get("/macros/KISC").await.status,
        StatusCode::NOT_FOUND
    );
    let csrf = Browser::csrf(&customer.get(&format!("/tickets/{key}")).await);
    let r = customer
        .post(
            &path,
            &[("_csrf", &csrf), ("macro", &id), ("action", "apply")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
