//! Customer pages (issue 16): *My requests* with customer columns, the
//! request page without internal notes or the audit table, and the
//! customer's *Problem solved* / *Reopen* within the desk's window.

use atbalsts_domain::TicketKey;
use atbalsts_store::tickets::{self, customer, Ticket};
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb, TestResponse};
use axum::http::StatusCode;

async fn ticket(app: &TestApp, key: &TicketKey) -> Ticket {
    app.world.ticket(&app.db.db, key).await
}

/// A request of Jānis (customer A) on which the agent asked a question in
/// public, wrote an internal note and set "waiting for customer".
async fn asked_request(app: &TestApp) -> TicketKey {
    let w = &app.world;
    let db = &app.db.db;
    let key = w.file(db, &w.customer_a, "Neiet printeris").await;
    let t = ticket(app, &key).await;
    tickets::add_comment(db, &w.agent, &t, "Slepena piezīme aģentiem", false, &[])
        .await
        .unwrap();
    tickets::add_comment(db, &w.agent, &t, "Kurā stāvā ir printeris?", true, &[])
        .await
        .unwrap();
    let t = ticket(app, &key).await;
    tickets::transition(db, &w.agent, &t, "waiting_for_customer", None)
        .await
        .unwrap();
    key
}

/// The page's main content, with what changes between runs fixed: dates
/// and the CSRF token.
fn main_of(page: &TestResponse) -> String {
    let text = page.text();
    let start = text.find("<main id=\"main\">").expect("main");
    let end = text.find("</main>").expect("end of main");
    let mut out = String::new();
    let mut rest = &text[start..end];
    while let Some(i) = rest.find("<time>") {
        out.push_str(&rest[..i]);
        out.push_str("<time>[date]");
        let close = rest[i..].find("</time>").expect("time closed") + i;
        rest = &rest[close..];
    }
    out.push_str(rest);
    let csrf = "name=\"_csrf\" value=\"";
    let mut redacted = String::new();
    let mut rest = out.as_str();
    while let Some(i) = rest.find(csrf) {
        redacted.push_str(&rest[..i + csrf.len()]);
        redacted.push_str("[csrf]");
        rest = &rest[i + csrf.len() + 64..];
    }
    redacted.push_str(rest);
    redacted
}

async fn in_english(b: &mut Browser<'_>) {
    let csrf = Browser::csrf(&b.get("/tickets").await);
    let r = b
        .post(
            "/language",
            &[("_csrf", &csrf), ("locale", "en"), ("back", "/tickets")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

async fn post_action(b: &mut Browser<'_>, key: &TicketKey, action: &str) -> TestResponse {
    let page = b.get(&format!("/tickets/{key}")).await;
    let csrf = Browser::csrf(&page);
    b.post(&format!("/tickets/{key}/{action}"), &[("_csrf", &csrf)])
        .await
}

#[db_test]
async fn a_customer_sees_my_requests_with_customer_columns_and_no_staff_columns(t: TestDb) {
    let app = TestApp::start(t).await;
    asked_request(&app).await;
    app.world
        .file(&app.db.db, &app.world.customer_a, "Nav interneta")
        .await;
    let mut b = Browser::signed_in(&app, "janis@lnb.lv").await;
    let page = b.get("/tickets").await;
    assert_eq!(page.status, StatusCode::OK);
    let main = main_of(&page);
    for shown in [
        "Jauns pieteikums",
        "Gaida jūsu atbildi",
        "Gaida atbalsta dienestu",
        "Pēdējās izmaiņas",
        "Neiet printeris",
    ] {
        assert!(main.contains(shown), "{shown} missing:\n{main}");
    }
    for staff in [
        "Prioritāte",
        "Izpildītājs",
        ">Pieteicējs<",
        "Andris Kalniņš",
    ] {
        assert!(!main.contains(staff), "staff column {staff} shown:\n{main}");
    }
    insta::assert_snapshot!("my_requests_lv", main);
    in_english(&mut b).await;
    let main = main_of(&b.get("/tickets").await);
    assert!(main.contains("Waiting for you") && main.contains("New request"));
    insta::assert_snapshot!("my_requests_en", main);
}

#[db_test]
async fn a_customer_request_page_has_the_public_conversation_but_no_internal_note_or_audit_table(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    let key = asked_request(&app).await;
    let mut b = Browser::signed_in(&app, "janis@lnb.lv").await;
    let page = b.get(&format!("/tickets/{key}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let main = main_of(&page);
    assert!(main.contains("Kurā stāvā ir printeris?"));
    assert!(!main.contains("Slepena piezīme"), "internal note shown");
    assert!(
        !main.contains("Izmaiņu vēsture") && !main.contains("class=\"history\""),
        "audit table shown"
    );
    assert!(main.contains("Statusa vēsture") && main.contains("Jautājums jums"));
    insta::assert_snapshot!("request_page_lv", main);
    in_english(&mut b).await;
    let main = main_of(&b.get(&format!("/tickets/{key}")).await);
    assert!(main.contains("Status history") && main.contains("Problem solved"));
    insta::assert_snapshot!("request_page_en", main);
    // The agent still gets the agent page, with the note and the audit table.
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    let staff_page = agent.get(&format!("/tickets/{key}")).await.text();
    assert!(staff_page.contains("Slepena piezīme") && staff_page.contains("Izmaiņu vēsture"));
}

#[db_test]
async fn a_customer_replies_with_a_file_and_the_desk_is_waited_for_again(t: TestDb) {
    let app = TestApp::start(t).await;
    let key = asked_request(&app).await;
    let mut b = Browser::signed_in(&app, "janis@lnb.lv").await;
    let csrf = Browser::csrf(&b.get(&format!("/tickets/{key}")).await);
    let r = b
        .post_multipart(
            &format!("/tickets/{key}/reply"),
            &[
                ("_csrf", None, None, &csrf),
                ("body", None, None, "Otrajā stāvā."),
                ("files", Some("foto.txt"), Some("text/plain"), "printeris"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let back = r.header("location").split('#').next().unwrap().to_owned();
    let page = b.get(&back).await.text();
    assert!(page.contains("Otrajā stāvā.") && page.contains("foto.txt"));
    assert!(page.contains("Jūsu atbilde nosūtīta"));
    assert!(page.contains("Gaida atbalsta dienestu"));
    // An empty reply comes back with the error, on the customer page.
    let r = b
        .post_multipart(
            &format!("/tickets/{key}/reply"),
            &[("_csrf", None, None, &csrf), ("body", None, None, " ")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("Statusa vēsture") && !r.text().contains("Izmaiņu vēsture"));
}

#[db_test]
async fn a_customer_refused_on_the_old_comments_route_stays_on_their_request_page(t: TestDb) {
    let app = TestApp::start(t).await;
    let key = asked_request(&app).await;
    let mut b = Browser::signed_in(&app, "janis@lnb.lv").await;
    let csrf = Browser::csrf(&b.get(&format!("/tickets/{key}")).await);
    let r = b
        .post_multipart(
            &format!("/tickets/{key}/comments"),
            &[
                ("_csrf", None, None, &csrf),
                ("body", None, None, " "),
                ("files", Some("foto.txt"), Some("text/plain"), "printeris"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text();
    assert!(
        page.contains("Statusa vēsture") && !page.contains("Izmaiņu vēsture"),
        "the request page, not the agent's"
    );
    assert!(page.contains("action=\"/tickets/") && page.contains("/reply\""));
    assert!(page.contains("foto.txt"), "the file is kept");
    let r = b
        .post_multipart(
            &format!("/tickets/{key}/comments"),
            &[
                ("_csrf", None, None, &csrf),
                ("body", None, None, "Vēl neiet."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let page = b.get(r.header("location")).await.text();
    assert!(page.contains("Jūsu atbilde nosūtīta"), "in customer words");
}

#[db_test]
async fn a_customer_confirms_a_request_solved_and_reopens_it_within_the_window(t: TestDb) {
    let app = TestApp::start(t).await;
    let key = asked_request(&app).await;
    let mut b = Browser::signed_in(&app, "janis@lnb.lv").await;
    let r = post_action(&mut b, &key, "solved").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(ticket(&app, &key).await.status, "resolved");
    let page = b.get(r.header("location")).await.text();
    assert!(page.contains("role=\"status\"") && page.contains("atzīmēts kā atrisināts"));
    assert!(page.contains("Atvērt no jauna"));
    let reloaded = b.get(r.header("location")).await.text();
    assert!(
        !reloaded.contains("atzīmēts kā atrisināts"),
        "a reload does not say it again"
    );
    let r = post_action(&mut b, &key, "reopen").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(ticket(&app, &key).await.status, "in_progress");
    // Resolved, then confirmed again: closed; a closed request reopens too.
    post_action(&mut b, &key, "solved").await;
    let r = post_action(&mut b, &key, "solved").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(ticket(&app, &key).await.status, "closed");
    let r = post_action(&mut b, &key, "reopen").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(ticket(&app, &key).await.status, "in_progress");
    // The status history says it in customer words.
    let page = b.get(&format!("/tickets/{key}")).await.text();
    assert!(
        page.contains("Atrisināts") && page.contains("Slēgts") && page.contains("Tiek risināts")
    );
}

#[db_test]
async fn only_the_requester_or_their_institution_viewer_may_confirm_or_reopen(t: TestDb) {
    let app = TestApp::start(t).await;
    let key = asked_request(&app).await;
    // Another institution's customer: the request does not exist for them.
    let mut other = Browser::signed_in(&app, "anna@lnmm.lv").await;
    let csrf = Browser::csrf(&other.get("/tickets").await);
    for action in ["solved", "reopen"] {
        let r = other
            .post(&format!("/tickets/{key}/{action}"), &[("_csrf", &csrf)])
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{action}");
    }
    assert_eq!(
        other.get(&format!("/tickets/{key}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(ticket(&app, &key).await.status, "waiting_for_customer");
    // A person copied on the request sees it but may not close it.
    let t = ticket(&app, &key).await;
    let anna = atbalsts_domain::Email::parse("anna@lnmm.lv").unwrap();
    tickets::participants::add(
        &app.db.db,
        &app.world.agent,
        &t,
        &anna,
        tickets::participants::Role::Participant,
    )
    .await
    .unwrap();
    let page = other.get(&format!("/tickets/{key}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.text().contains("Problēma atrisināta"));
    let r = other
        .post(&format!("/tickets/{key}/solved"), &[("_csrf", &csrf)])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // The head of the institution, granted its requests, may.
    let mut head = Browser::signed_in(&app, "vaditaja@lnb.lv").await;
    let r = post_action(&mut head, &key, "solved").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(ticket(&app, &key).await.status, "resolved");
}

#[db_test]
async fn after_the_reopen_window_a_customer_is_pointed_to_a_new_request(t: TestDb) {
    let app = TestApp::start(t).await;
    let key = asked_request(&app).await;
    let db = &app.db.db;
    assert_eq!(
        customer::reopen_days(db, app.world.desk_id).await.unwrap(),
        14,
        "the default window"
    );
    let mut b = Browser::signed_in(&app, "janis@lnb.lv").await;
    post_action(&mut b, &key, "solved").await;
    let fifteen_days_ago = atbalsts_store::now_ms() - 15 * 24 * 60 * 60 * 1000;
    sqlx::query("UPDATE tickets SET resolved_at = $1")
        .bind(fifteen_days_ago)
        .execute(db.write())
        .await
        .unwrap();
    let page = b.get(&format!("/tickets/{key}")).await.text();
    assert!(
        !page.contains("/reopen\""),
        "reopen offered after the window"
    );
    assert!(page.contains("vairs nevar atvērt no jauna"));
    let r = post_action(&mut b, &key, "reopen").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(ticket(&app, &key).await.status, "resolved");
    // A desk with a longer window lets it reopen.
    customer::set_reopen_days(db, app.world.desk_id, 30)
        .await
        .unwrap();
    let r = post_action(&mut b, &key, "reopen").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(ticket(&app, &key).await.status, "in_progress");
}
