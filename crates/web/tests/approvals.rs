//! Requests that need approval before work starts: the head of the
//! requester's institution decides through the single-use link in their
//! mail, from the ticket page, or staff decide through the API.

use atbalsts_store::notifications::{self, Notification};
use atbalsts_store::tickets::approvals;
use atbalsts_store::{catalogue, tickets, Db};
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};
use axum::http::StatusCode;

const CATALOGUE: &str = r#"{
  "format": "atbalsts-catalogue/1",
  "groups": [
    {"code": "tehnika", "labels": {"lv": "Tehnika", "en": "Equipment"}, "request_types": [
      {"code": "jauna-tehnika", "labels": {"lv": "Jaunas tehnikas pieteikums", "en": "New equipment request"},
       "ticket_type": "service_request", "needs_approval": true,
       "fields": [
         {"code": "summary", "kind": "summary", "required": true, "labels": {"lv": "Pieteikuma tēma", "en": "Topic"}},
         {"code": "description", "kind": "description", "required": true, "labels": {"lv": "Apraksts", "en": "Description"}}
       ]}
    ]}
  ]
}"#;

async fn app(t: TestDb) -> TestApp {
    let app = TestApp::start(t).await;
    let file = catalogue::parse(CATALOGUE.as_bytes()).unwrap();
    catalogue::import(&app.db.db, app.world.desk_id, &file)
        .await
        .unwrap();
    app
}

/// Jānis (institution A) files a request for new equipment in the portal.
async fn file(app: &TestApp, summary: &str) -> String {
    let mut b = Browser::signed_in(app, "janis@lnb.lv").await;
    let csrf = Browser::csrf(&b.get("/portal/KISC/jauna-tehnika").await);
    let sent = b
        .post_multipart(
            "/portal/KISC/jauna-tehnika",
            &[
                ("_csrf", None, None, &csrf),
                ("summary", None, None, summary),
                (
                    "description",
                    None,
                    None,
                    "Vajag 3 portatīvos datorus lasītavai.",
                ),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
    let to = sent.header("location").to_owned();
    to.split("/sent/")
        .nth(1)
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned()
}

async fn mail_to(db: &Db, email: &str) -> Vec<Notification> {
    notifications::for_recipient(db, email).await.unwrap()
}

async fn status_of(app: &TestApp, key: &str) -> String {
    tickets::ticket_for(
        &app.db.db,
        &app.world.agent,
        &atbalsts_domain::TicketKey::parse(key).unwrap(),
    )
    .await
    .unwrap()
    .unwrap()
    .status
}

/// The link in the approval mail.
fn link_in(n: &Notification) -> String {
    let at = n.body_text.find("/approvals/").expect("a link");
    n.body_text[at..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

#[db_test]
async fn the_head_of_the_institution_approves_through_the_link_in_their_mail(t: TestDb) {
    let app = app(t).await;
    let db = &app.db.db;
    let key = file(&app, "Portatīvie datori lasītavai").await;
    assert_eq!(status_of(&app, &key).await, "awaiting_approval");

    let asked = mail_to(db, "vaditaja@lnb.lv").await;
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].kind, "approval-requested");
    assert!(asked[0].subject.contains(&key));
    assert!(asked[0].body_text.contains("Jānis Bērziņš"));
    assert!(
        mail_to(db, "anna@lnmm.lv").await.is_empty(),
        "not another institution's head"
    );
    let link = link_in(&asked[0]);

    // The link works without signing in.
    let mut head = Browser::new(&app);
    let page = head.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("Portatīvie datori lasītavai"));
    let csrf = Browser::csrf(&page);
    let refused = head
        .post(
            &link,
            &[("_csrf", &csrf), ("decision", "reject"), ("comment", " ")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().contains("Noraidot norādiet iemeslu."));
    assert_eq!(status_of(&app, &key).await, "awaiting_approval");

    let done = head
        .post(
            &link,
            &[
                ("_csrf", &csrf),
                ("decision", "approve"),
                ("comment", "Piekrītu."),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK);
    assert!(done.text().contains("apstiprināts"));
    assert_eq!(status_of(&app, &key).await, "open");
    let list = approvals::approvals_of(db, 1).await.unwrap();
    assert_eq!(list[0].state, "approved");
    assert_eq!(list[0].comment.as_deref(), Some("Piekrītu."));

    // Single use: the link is spent.
    let again = Browser::new(&app).get(&link).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    assert!(again.text().contains("Saite vairs nav derīga"));
    // The requester hears the request moved on.
    let told = mail_to(db, "janis@lnb.lv").await;
    assert!(told.iter().any(|n| n.kind == "status-changed"), "{told:?}");
    // The history says who decided.
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    let html = agent.get(&format!("/tickets/{key}")).await.text();
    assert!(html.contains("apstiprināja: Piekrītu."), "{html}");
}

#[db_test]
async fn an_approver_whose_decision_is_refused_gets_the_request_page_back_with_the_comment(
    t: TestDb,
) {
    let app = app(t).await;
    let key = file(&app, "Jauns skeneris").await;
    let mut head = Browser::signed_in(&app, "vaditaja@lnb.lv").await;
    let csrf = Browser::csrf(&head.get(&format!("/tickets/{key}")).await);
    let long = "Nē. ".repeat(1001);
    let r = head
        .post(
            &format!("/tickets/{key}/approval"),
            &[("_csrf", &csrf), ("decision", "reject"), ("comment", &long)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text();
    assert!(
        page.contains("Statusa vēsture") && !page.contains("Izmaiņu vēsture"),
        "the request page, not the agent's"
    );
    assert!(page.contains("id=\"f-approval_comment-error\">Teksts ir par garu."));
    assert!(
        page.contains(&format!("{long}</textarea>")),
        "the comment kept"
    );
    assert_eq!(status_of(&app, &key).await, "awaiting_approval");
}

#[db_test]
async fn a_rejection_from_the_ticket_page_closes_the_request_and_tells_the_requester_why(
    t: TestDb,
) {
    let app = app(t).await;
    let db = &app.db.db;
    let key = file(&app, "Jauns printeris").await;
    let mut head = Browser::signed_in(&app, "vaditaja@lnb.lv").await;
    let page = head.get(&format!("/tickets/{key}")).await;
    assert!(page.text().contains("gaida lēmumu"));
    let csrf = Browser::csrf(&page);
    let r = head
        .post(
            &format!("/tickets/{key}/approval"),
            &[
                ("_csrf", &csrf),
                ("decision", "reject"),
                ("comment", "Šogad budžetā nav līdzekļu."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(status_of(&app, &key).await, "closed");
    let told = mail_to(db, "janis@lnb.lv").await;
    let reply = told
        .iter()
        .find(|n| n.kind == "public-reply")
        .expect("the reason");
    assert!(reply.body_text.contains("Šogad budžetā nav līdzekļu."));
    assert!(told.iter().any(|n| n.kind == "status-changed"));

    // The requester cannot decide on their own request, nor can a stranger.
    let key2 = file(&app, "Vēl viens printeris").await;
    let mut janis = Browser::signed_in(&app, "janis@lnb.lv").await;
    let csrf = Browser::csrf(&janis.get(&format!("/tickets/{key2}")).await);
    let r = janis
        .post(
            &format!("/tickets/{key2}/approval"),
            &[("_csrf", &csrf), ("decision", "approve"), ("comment", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(status_of(&app, &key2).await, "awaiting_approval");

    // Staff decide through the API on the approver's behalf.
    let token = app.token_for(&app.world.agent).await;
    let r = app
        .api(
            "POST",
            &format!("/api/v1/tickets/{key2}/approval"),
            &token,
            Some(serde_json::json!({"decision": "approve"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["status"], "open");
    let r = app
        .api(
            "GET",
            &format!("/api/v1/tickets/{key2}/approval"),
            &token,
            None,
        )
        .await;
    assert_eq!(r.json()["approvals"][0]["state"], "approved");
    assert_eq!(
        r.json()["approvals"][0]["decided_by_name"],
        "Andris Kalniņš"
    );
}
