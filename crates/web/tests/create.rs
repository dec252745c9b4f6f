//! One way to create a ticket: the portal form, the agent's new-ticket
//! page, the API and an email make the same ticket, the same notices and
//! the same history of the same request; the portal form asks for a short
//! summary; the confirmation says where the request is and where its news go.

use atbalsts_domain::routing::{Actions, Conditions};
use atbalsts_domain::{Email, TicketKey};
use atbalsts_mail::inbound::{Inbound, Outcome};
use atbalsts_store::blobs::BlobStore;
use atbalsts_store::users::{self, NewUser};
use atbalsts_store::{catalogue, desks, routing, search_log, tickets, workflows, Db};
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb, TestResponse};
use axum::http::StatusCode;
use serde_json::json;
use sqlx::Row;

const CATALOGUE: &str = r#"{
  "format": "atbalsts-catalogue/1",
  "groups": [
    {"code": "ikt", "labels": {"lv": "IKT atbalsts", "en": "ICT support"}, "request_types": [
      {"code": "printeris", "labels": {"lv": "Printera traucējumi", "en": "Printer problems"},
       "ticket_type": "service_request", "open_to_external": true,
       "fields": [
         {"code": "description", "kind": "description", "required": true, "labels": {"lv": "Apraksts", "en": "Description"}}
       ]},
      {"code": "ar-temu", "labels": {"lv": "Pieteikums ar tēmu", "en": "Request with a topic"},
       "ticket_type": "service_request",
       "fields": [
         {"code": "topic", "kind": "summary", "required": true, "labels": {"lv": "Tēma", "en": "Topic"}},
         {"code": "description", "kind": "description", "required": true, "labels": {"lv": "Apraksts", "en": "Description"}}
       ]}
    ]}
  ]
}"#;

const SUMMARY: &str = "Neiet printeris";
const DESCRIPTION: &str = "Printeris 2. stāvā nedrukā.";

/// An app with the catalogue, and a printer team of one agent (who files
/// nothing) that requests about printers are routed to.
async fn app(t: TestDb) -> (TestApp, i64) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let w = &app.world;
    let file = catalogue::parse(CATALOGUE.as_bytes()).unwrap();
    catalogue::import(db, w.desk_id, &file).await.unwrap();
    let mut n = NewUser::new(Email::parse("otra@kisc.lv").unwrap(), "Otra Aģente");
    n.password_hash = None;
    let other = users::create_user(db, &n).await.unwrap();
    users::grant_role(db, w.desk_id, other, atbalsts_domain::Role::Agent)
        .await
        .unwrap();
    let team = desks::create_team(db, w.desk_id, "Printeru komanda")
        .await
        .unwrap();
    desks::add_team_member(db, team, other).await.unwrap();
    routing::save_rule(
        db,
        w.desk_id,
        None,
        "Printeri",
        true,
        &Conditions {
            keywords: vec!["printeris".into()],
            ..Default::default()
        },
        &Actions {
            team_id: Some(team),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    (app, team)
}

fn key_of(sent: &TestResponse) -> TicketKey {
    let at = sent.header("location");
    let key = at.rsplit('/').next().unwrap().split('?').next().unwrap();
    TicketKey::parse(key).unwrap()
}

type Part<'a> = (&'a str, Option<&'a str>, Option<&'a str>, &'a str);

fn parts<'a>(pairs: &[(&'a str, &'a str)]) -> Vec<Part<'a>> {
    pairs.iter().map(|(n, v)| (*n, None, None, *v)).collect()
}

/// What a created ticket is, apart from the way it came in (its channel,
/// the request type named, who typed it in).
#[derive(Debug, PartialEq)]
struct Filed {
    ticket_type_id: i64,
    status: String,
    summary: String,
    description: String,
    requester_id: i64,
    institution_id: Option<i64>,
    priority: atbalsts_domain::Priority,
    team_id: Option<i64>,
    assignee_id: Option<i64>,
    /// (kind, recipient) of every notification about it.
    notices: Vec<(String, String)>,
    /// (field, old, new) of its history, its own key written as `KEY`.
    history: Vec<(String, Option<String>, Option<String>)>,
    /// Whether the search index was told of it.
    noted_for_search: bool,
}

async fn filed(db: &Db, app: &TestApp, key: &TicketKey) -> Filed {
    let t = tickets::ticket_for(db, &app.world.agent, key)
        .await
        .unwrap()
        .unwrap();
    let notices = sqlx::query(
        "SELECT kind, recipient_email FROM notifications WHERE ticket_id = $1 ORDER BY kind, recipient_email",
    )
    .bind(t.id)
    .fetch_all(db.read())
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get(0), r.get(1)))
    .collect();
    let own = key.to_string();
    let history = tickets::changes_of(db, t.id)
        .await
        .unwrap()
        .into_iter()
        .map(|c| {
            let mask = |v: Option<String>| v.map(|v| v.replace(&own, "KEY"));
            (c.field, mask(c.old_value), mask(c.new_value))
        })
        .collect();
    let noted_for_search = search_log::since(db, 0, 0, 10_000)
        .await
        .unwrap()
        .iter()
        .any(|c| c.entity_id == t.id && c.kind == search_log::TICKET);
    Filed {
        ticket_type_id: t.ticket_type_id,
        status: t.status,
        summary: t.summary,
        description: t.description.trim().to_owned(),
        requester_id: t.requester_id,
        institution_id: t.institution_id,
        priority: t.priority,
        team_id: t.team_id,
        assignee_id: t.assignee_id,
        notices,
        history,
        noted_for_search,
    }
}

#[db_test]
async fn every_way_in_makes_the_same_ticket_notices_and_history_of_the_same_request(t: TestDb) {
    let (app, team) = app(t).await;
    let db = &app.db.db;
    let w = &app.world;
    let mut made = Vec::new();

    // The portal, signed in as the customer.
    let mut customer = Browser::signed_in(&app, "janis@lnb.lv").await;
    let csrf = Browser::csrf(&customer.get("/portal/KISC/printeris").await);
    let sent = customer
        .post_multipart(
            "/portal/KISC/printeris",
            &parts(&[
                ("_csrf", &csrf),
                ("summary", SUMMARY),
                ("description", DESCRIPTION),
            ]),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
    made.push(("portal", key_of(&sent)));

    // The API, as the same customer, with the same request type.
    let token = app.token_for(&w.customer_a).await;
    let api = app
        .api(
            "POST",
            "/api/v1/tickets",
            &token,
            Some(json!({"desk": "KISC", "request_type": "printeris",
                        "summary": SUMMARY, "description": DESCRIPTION})),
        )
        .await;
    assert_eq!(api.status, StatusCode::CREATED, "{}", api.text());
    made.push((
        "api",
        TicketKey::parse(api.json()["key"].as_str().unwrap()).unwrap(),
    ));

    // The agent's page: staff file it for the customer, who phoned.
    let service = workflows::ticket_type_by_code(db, w.desk_id, "service_request")
        .await
        .unwrap()
        .unwrap()
        .id;
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    let csrf = Browser::csrf(&agent.get("/tickets/new").await);
    let ticket_type = format!("{}:{service}", w.desk_id);
    let page = agent
        .post(
            "/tickets/new",
            &[
                ("_csrf", &csrf),
                ("ticket_type", &ticket_type),
                ("requester", "janis@lnb.lv"),
                ("summary", SUMMARY),
                ("description", DESCRIPTION),
                ("channel", "phone"),
                ("priority", "medium"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text());
    let at = page.header("location");
    made.push((
        "agent page",
        TicketKey::parse(at.trim_start_matches("/tickets/")).unwrap(),
    ));

    // An email from the customer.
    let inbound = Inbound::new(
        db.clone(),
        BlobStore::new(app.db.dir.path().join("mail-attachments")),
        app.state.composer.clone(),
    );
    let desk = desks::desk_by_prefix(db, "KISC").await.unwrap().unwrap();
    let raw = format!(
        "From: Jānis Bērziņš <janis@lnb.lv>\r\nTo: atbalsts@kisc.lv\r\nSubject: {SUMMARY}\r\n\
         Message-ID: <one-way-1@lnb.lv>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{DESCRIPTION}\r\n"
    );
    let Outcome::Created(key) = inbound.receive(&desk, raw.as_bytes()).await.unwrap() else {
        panic!("the mail made no ticket");
    };
    made.push(("email", TicketKey::parse(&key).unwrap()));

    let (first_way, first_key) = &made[0];
    let expected = filed(db, &app, first_key).await;
    assert_eq!(expected.summary, SUMMARY);
    assert_eq!(expected.requester_id, w.customer_a.user_id);
    assert_eq!(expected.team_id, Some(team));
    assert!(expected.noted_for_search);
    // The requester hears it was received; the printer team hears once.
    assert_eq!(
        expected.notices,
        [
            ("new-in-queue".to_owned(), "otra@kisc.lv".to_owned()),
            ("request-received".to_owned(), "janis@lnb.lv".to_owned()),
        ]
    );
    let fields: Vec<&str> = expected.history.iter().map(|h| h.0.as_str()).collect();
    assert_eq!(fields, ["created", "routed_by"]);
    for (way, key) in &made[1..] {
        assert_eq!(
            filed(db, &app, key).await,
            expected,
            "{way} differs from {first_way}"
        );
    }
}

#[db_test]
async fn the_api_refuses_the_summary_the_portal_refuses(t: TestDb) {
    let (app, _) = app(t).await;
    let long = "ā".repeat(256);
    let mut customer = Browser::signed_in(&app, "janis@lnb.lv").await;
    let token = app.token_for(&app.world.customer_a).await;
    for (summary, code) in [(long.as_str(), "error-too-long"), ("  ", "error-required")] {
        let csrf = Browser::csrf(&customer.get("/portal/KISC/printeris").await);
        let page = customer
            .post_multipart(
                "/portal/KISC/printeris",
                &parts(&[
                    ("_csrf", &csrf),
                    ("summary", summary),
                    ("description", DESCRIPTION),
                ]),
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            page.text().contains(r##"<li><a href="#f-summary""##),
            "{}",
            page.text()
        );
        let api = app
            .api(
                "POST",
                "/api/v1/tickets",
                &token,
                Some(json!({"desk": "KISC", "request_type": "printeris",
                            "summary": summary, "description": DESCRIPTION})),
            )
            .await;
        assert_eq!(
            api.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            api.text()
        );
        let errors = &api.json()["error"]["fields"];
        assert_eq!(errors[0]["field"], "summary", "{errors}");
        assert_eq!(errors[0]["code"], code, "{errors}");
    }
}

#[db_test]
async fn a_customer_files_with_a_summary_of_their_own_instead_of_the_request_types_name(t: TestDb) {
    let (app, _) = app(t).await;
    let mut visitor = Browser::new(&app);
    let form = visitor.get("/portal/KISC/printeris").await;
    // Prefilled with the request type's name, and theirs to change.
    let input = form
        .text()
        .split("name=\"summary\"")
        .nth(1)
        .map(|rest| rest.split('>').next().unwrap().to_owned())
        .expect("the form asks for a summary");
    assert!(input.contains(r#"value="Printera traucējumi""#), "{input}");
    assert!(input.contains("required"), "{input}");
    assert!(!input.contains("readonly"), "{input}");
    assert!(form.text().contains("Īss apraksts"));

    let csrf = Browser::csrf(&form);
    let sent = visitor
        .post_multipart(
            "/portal/KISC/printeris",
            &parts(&[
                ("_csrf", &csrf),
                ("summary", "Otrā stāva printeris rāda E-13"),
                ("requester_name", "Līga Kalēja"),
                ("requester_email", "liga@lnb.lv"),
                ("description", DESCRIPTION),
            ]),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
    let ticket = tickets::ticket_for(&app.db.db, &app.world.agent, &key_of(&sent))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ticket.summary, "Otrā stāva printeris rāda E-13");
}

#[db_test]
async fn a_form_with_its_own_topic_field_asks_for_no_second_summary(t: TestDb) {
    let (app, _) = app(t).await;
    let mut customer = Browser::signed_in(&app, "janis@lnb.lv").await;
    let form = customer.get("/portal/KISC/ar-temu").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text().contains("name=\"topic\""));
    assert!(!form.text().contains("name=\"summary\""));
    assert!(!form.text().contains("Īss apraksts"));
}

/// The confirmation's content, from its heading to the link back.
fn confirmation(page: &TestResponse) -> String {
    let text = page.text();
    let start = text.find("<h1>").expect("a heading");
    let end = text[start..]
        .find("</main>")
        .map_or(text.len(), |e| start + e);
    text[start..end].trim().to_owned()
}

#[db_test]
async fn the_confirmation_shows_the_key_summary_email_and_link_to_the_request(t: TestDb) {
    let (app, _) = app(t).await;
    for lang in ["lv", "en"] {
        let mut visitor = Browser::new(&app);
        visitor.cookies.push(("atb_lang".into(), lang.into()));
        let csrf = Browser::csrf(&visitor.get("/portal/KISC/printeris").await);
        let sent = visitor
            .post_multipart(
                "/portal/KISC/printeris",
                &parts(&[
                    ("_csrf", &csrf),
                    ("summary", SUMMARY),
                    ("requester_name", "Līga Kalēja"),
                    ("requester_email", "liga@lnb.lv"),
                    ("description", DESCRIPTION),
                ]),
            )
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
        let key = key_of(&sent).to_string();
        let page = visitor.get(sent.header("location")).await;
        assert_eq!(page.status, StatusCode::OK);
        let shown = confirmation(&page);
        assert!(shown.contains(&format!(r#"<strong id="ticket-key">{key}</strong>"#)));
        assert!(shown.contains(&format!(r#"<dd id="ticket-subject">{SUMMARY}</dd>"#)));
        assert!(shown.contains(r#"<dd id="ticket-email">liga@lnb.lv</dd>"#));
        assert!(shown.contains(&format!(r#"href="/tickets/{key}""#)));
        // Not signed in: the request page needs an account.
        assert!(shown.contains(r#"id="sign-in-hint""#));
        insta::assert_snapshot!(
            format!("confirmation_anonymous_{lang}"),
            shown.replace(&key, "KISC-N")
        );
    }

    // Signed in, the link is enough.
    let mut customer = Browser::signed_in(&app, "janis@lnb.lv").await;
    let csrf = Browser::csrf(&customer.get("/portal/KISC/printeris").await);
    let sent = customer
        .post_multipart(
            "/portal/KISC/printeris",
            &parts(&[("_csrf", &csrf), ("description", DESCRIPTION)]),
        )
        .await;
    let page = customer.get(sent.header("location")).await;
    let shown = confirmation(&page);
    assert!(shown.contains(r#"<dd id="ticket-subject">Printera traucējumi</dd>"#));
    assert!(shown.contains(r#"<dd id="ticket-email">janis@lnb.lv</dd>"#));
    assert!(!shown.contains(r#"id="sign-in-hint""#));
    let followed = customer.get(&format!("/tickets/{}", key_of(&sent))).await;
    assert_eq!(followed.status, StatusCode::OK);
}

#[db_test]
async fn a_confirmation_link_without_its_signature_shows_nothing(t: TestDb) {
    let (app, _) = app(t).await;
    let mut customer = Browser::signed_in(&app, "janis@lnb.lv").await;
    let csrf = Browser::csrf(&customer.get("/portal/KISC/printeris").await);
    let sent = customer
        .post_multipart(
            "/portal/KISC/printeris",
            &parts(&[("_csrf", &csrf), ("description", DESCRIPTION)]),
        )
        .await;
    let key = key_of(&sent);
    let mut stranger = Browser::new(&app);
    let page = stranger.get(&format!("/portal/KISC/sent/{key}?s=x")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(!page.text().contains("janis@lnb.lv"));
}

#[db_test]
async fn the_summary_field_speaks_the_visitors_language(t: TestDb) {
    let (app, _) = app(t).await;
    for (lang, label, name) in [
        ("lv", "Īss apraksts", "Printera traucējumi"),
        ("en", "Short summary", "Printer problems"),
    ] {
        let mut visitor = Browser::new(&app);
        visitor.cookies.push(("atb_lang".into(), lang.into()));
        let text = visitor.get("/portal/KISC/printeris").await.text();
        let start = text
            .find(r#"<label for="f-summary">"#)
            .expect("a summary field");
        let end = start + text[start..].find("</div>").unwrap();
        let field = text[start..end].trim();
        assert!(field.contains(label), "{field}");
        assert!(field.contains(&format!(r#"value="{name}""#)), "{field}");
        insta::assert_snapshot!(format!("summary_field_{lang}"), field);
    }
}
