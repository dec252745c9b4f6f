//! One check for every way in: the portal form, the agent's new-ticket
//! page and the API refuse the same answers, a customer files only for
//! their own institution and makes no staff-only claim, and an institution
//! typed by someone not signed in asks no approver until staff confirm it.

use atbalsts_domain::{Email, TicketKey};
use atbalsts_store::notifications::{self, Notification};
use atbalsts_store::users::{self, NewUser};
use atbalsts_store::{catalogue, tickets, Db};
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb, TestResponse};
use axum::http::StatusCode;
use serde_json::json;
use std::collections::BTreeSet;

const CATALOGUE: &str = r#"{
  "format": "atbalsts-catalogue/1",
  "groups": [
    {"code": "ikt", "labels": {"lv": "IKT atbalsts", "en": "ICT support"}, "request_types": [
      {"code": "periferija", "labels": {"lv": "Perifērijas iekārtu traucējumi", "en": "Peripheral device problems"},
       "ticket_type": "incident", "team": "IKT atbalsta nodaļa",
       "fields": [
         {"code": "institution", "kind": "institution", "required": true, "labels": {"lv": "Iestāde", "en": "Institution"}},
         {"code": "requester_name", "kind": "requester_name", "labels": {"lv": "Vārds, uzvārds", "en": "Name"}},
         {"code": "device", "kind": "select", "required": true, "labels": {"lv": "Iekārta", "en": "Device"},
          "options": [{"code": "monitor", "labels": {"lv": "Monitors", "en": "Monitor"}}, {"code": "scanner", "labels": {"lv": "Skeneris", "en": "Scanner"}}]},
         {"code": "inventory_number", "kind": "inventory_number", "required": true, "labels": {"lv": "Datora inventāra numurs", "en": "Inventory number"}},
         {"code": "description", "kind": "description", "required": true, "labels": {"lv": "Problēmas apraksts", "en": "Problem description"}}
       ]},
      {"code": "jauna-tehnika", "labels": {"lv": "Jaunas tehnikas pieteikums", "en": "New equipment request"},
       "ticket_type": "service_request", "needs_approval": true,
       "fields": [
         {"code": "requester_name", "kind": "requester_name", "labels": {"lv": "Vārds, uzvārds", "en": "Name"}},
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

/// The head of institution B, who would be asked to approve B's requests.
async fn head_of_b(app: &TestApp) {
    let mut n = NewUser::new(Email::parse("vaditajs@lnmm.lv").unwrap(), "Pēteris Galva");
    n.institution_id = Some(app.world.institution_b);
    n.sees_institution_tickets = true;
    users::create_user(&app.db.db, &n).await.unwrap();
}

async fn mail_to(db: &Db, email: &str) -> Vec<Notification> {
    notifications::for_recipient(db, email).await.unwrap()
}

type Part<'a> = (&'a str, Option<&'a str>, Option<&'a str>, &'a str);

fn parts<'a>(pairs: &[(&'a str, &'a str)]) -> Vec<Part<'a>> {
    pairs.iter().map(|(n, v)| (*n, None, None, *v)).collect()
}

/// The fields a rejected portal form marks as wrong.
fn portal_error_fields(page: &TestResponse) -> BTreeSet<String> {
    page.text()
        .split(r##"<li><a href="#f-"##)
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(f, _)| f.to_owned()))
        .collect()
}

/// The fields (and codes) an API error names.
fn api_errors(r: &TestResponse) -> BTreeSet<(String, String)> {
    r.json()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap().to_owned(),
                f["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn key_of(sent: &TestResponse) -> TicketKey {
    let at = sent.header("location");
    let key = at
        .split("/sent/")
        .nth(1)
        .unwrap()
        .split('?')
        .next()
        .unwrap();
    TicketKey::parse(key).unwrap()
}

async fn ticket(app: &TestApp, key: &TicketKey) -> tickets::Ticket {
    tickets::ticket_for(&app.db.db, &app.world.agent, key)
        .await
        .unwrap()
        .unwrap()
}

#[db_test]
async fn the_api_refuses_the_same_answers_the_portal_refuses(t: TestDb) {
    let app = app(t).await;
    let institution = app.world.institution_a.to_string();
    let bad = [
        ("institution", institution.as_str()),
        ("device", "fax"),
        ("inventory_number", "12345"),
        ("description", ""),
    ];

    let mut janis = Browser::signed_in(&app, "janis@lnb.lv").await;
    let csrf = Browser::csrf(&janis.get("/portal/KISC/periferija").await);
    let mut form = parts(&bad);
    form.push(("_csrf", None, None, &csrf));
    // The portal fills the name in from the account, as the API does.
    form.push(("requester_name", None, None, "Jānis Bērziņš"));
    let portal = janis.post_multipart("/portal/KISC/periferija", &form).await;
    assert_eq!(portal.status, StatusCode::UNPROCESSABLE_ENTITY);
    let refused_by_portal = portal_error_fields(&portal);
    assert_eq!(
        refused_by_portal,
        ["description", "device", "inventory_number"]
            .map(String::from)
            .into()
    );

    for who in [&app.world.customer_a, &app.world.agent] {
        let token = app.token_for(who).await;
        let api = app
            .api(
                "POST",
                "/api/v1/tickets",
                &token,
                Some(json!({"desk": "KISC", "request_type": "periferija",
                    "fields": {"institution": app.world.institution_a, "device": "fax",
                               "inventory_number": "12345", "description": ""}})),
            )
            .await;
        assert_eq!(
            api.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            api.text()
        );
        let refused_by_api: BTreeSet<String> =
            api_errors(&api).into_iter().map(|(f, _)| f).collect();
        assert_eq!(refused_by_api, refused_by_portal);
    }

    // The same answers, put right, are accepted by both and stored alike.
    let token = app.token_for(&app.world.customer_a).await;
    let api = app
        .api(
            "POST",
            "/api/v1/tickets",
            &token,
            Some(json!({"desk": "KISC", "request_type": "periferija",
                "fields": {"institution": app.world.institution_a, "device": "scanner",
                           "inventory_number": "12p 00345", "description": "Skeneris neieslēdzas."}})),
        )
        .await;
    assert_eq!(api.status, StatusCode::CREATED, "{}", api.text());
    let body = api.json();
    assert_eq!(
        body["fields"],
        json!({"device": "scanner", "inventory_number": "12P00345"})
    );
    assert_eq!(body["summary"], "Perifērijas iekārtu traucējumi");
    assert_eq!(body["channel"], "api");
}

#[db_test]
async fn the_api_holds_a_desk_field_to_the_rule_its_request_types_give_it(t: TestDb) {
    let app = app(t).await;
    let token = app.token_for(&app.world.agent).await;
    let refused = app
        .api(
            "POST",
            "/api/v1/tickets",
            &token,
            Some(
                json!({"desk": "KISC", "type": "incident", "summary": "Dators",
                "fields": {"inventory_number": "jebkas", "device": "faks"}}),
            ),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        api_errors(&refused),
        [
            ("fields.device", "error-choice-unknown"),
            ("fields.inventory_number", "error-inventory-number"),
        ]
        .map(|(f, c)| (f.to_owned(), c.to_owned()))
        .into()
    );
}

#[db_test]
async fn the_agent_page_files_through_the_same_check(t: TestDb) {
    let app = app(t).await;
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    let page = agent.get("/tickets/new").await;
    let csrf = Browser::csrf(&page);
    let ticket_type = format!("{}:{}", app.world.desk_id, app.world.incident_type);
    let refused = agent
        .post(
            "/tickets/new",
            &[
                ("_csrf", &csrf),
                ("ticket_type", &ticket_type),
                ("summary", "Neiet printeris"),
                ("channel", "pasts"),
                ("priority", "high"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().contains("error-summary"));

    // Someone who phoned and has no account becomes a contact, as in the portal.
    let sent = agent
        .post(
            "/tickets/new",
            &[
                ("_csrf", &csrf),
                ("ticket_type", &ticket_type),
                ("summary", "Neiet printeris"),
                ("channel", "phone"),
                ("priority", "high"),
                ("requester", "zvanitajs@lnb.lv"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
    let key = TicketKey::parse(sent.header("location").trim_start_matches("/tickets/")).unwrap();
    let t = ticket(&app, &key).await;
    assert_eq!(
        (
            t.requester_email.as_str(),
            t.channel.code(),
            t.priority.code()
        ),
        ("zvanitajs@lnb.lv", "phone", "high")
    );
}

#[db_test]
async fn a_customer_cannot_file_for_another_institution_and_its_head_hears_nothing(t: TestDb) {
    let app = app(t).await;
    head_of_b(&app).await;
    let db = &app.db.db;
    let b = app.world.institution_b.to_string();

    // In the portal…
    let mut janis = Browser::signed_in(&app, "janis@lnb.lv").await;
    let csrf = Browser::csrf(&janis.get("/portal/KISC/periferija").await);
    let mut form = parts(&[
        ("institution", &b),
        ("device", "scanner"),
        ("inventory_number", "12P00345"),
        ("description", "Skeneris neieslēdzas."),
    ]);
    form.push(("_csrf", None, None, &csrf));
    form.push(("requester_name", None, None, "Jānis Bērziņš"));
    let portal = janis.post_multipart("/portal/KISC/periferija", &form).await;
    assert_eq!(portal.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = portal.text();
    assert!(
        html.contains("Pieteikumu var iesniegt tikai savas iestādes vārdā."),
        "{html}"
    );

    // …and through the API, for a request that needs the head's approval.
    let token = app.token_for(&app.world.customer_a).await;
    let api = app
        .api(
            "POST",
            "/api/v1/tickets",
            &token,
            Some(json!({"desk": "KISC", "request_type": "jauna-tehnika", "summary": "Portatīvie datori",
                "description": "Trīs gabali.", "institution": app.world.institution_b})),
        )
        .await;
    assert_eq!(api.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        api_errors(&api),
        [(
            "institution".to_owned(),
            "error-institution-not-yours".to_owned()
        )]
        .into()
    );
    assert!(mail_to(db, "vaditajs@lnmm.lv").await.is_empty());

    // Their own institution is theirs to name, and its head is asked.
    let own = app
        .api(
            "POST",
            "/api/v1/tickets",
            &token,
            Some(json!({"desk": "KISC", "request_type": "jauna-tehnika", "summary": "Portatīvie datori",
                "description": "Trīs gabali.", "institution": app.world.institution_a})),
        )
        .await;
    assert_eq!(own.status, StatusCode::CREATED, "{}", own.text());
    assert_eq!(own.json()["status"], "awaiting_approval");
    let asked = mail_to(db, "vaditaja@lnb.lv").await;
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].kind, "approval-requested");
    assert!(mail_to(db, "vaditajs@lnmm.lv").await.is_empty());
}

#[db_test]
async fn an_anonymous_request_asks_no_approver_until_staff_confirm_its_institution(t: TestDb) {
    let app = app(t).await;
    let db = &app.db.db;
    let a = app.world.institution_a.to_string();

    // A type not open to external users asks for the institution.
    let mut visitor = Browser::new(&app);
    let page = visitor.get("/portal/KISC/jauna-tehnika").await;
    assert!(page.text().contains(r#"name="institution""#));
    let csrf = Browser::csrf(&page);
    let answers = [
        ("_csrf", csrf.as_str()),
        ("requester_name", "Līga Kalēja"),
        ("requester_email", "liga@lnb.lv"),
        ("summary", "Portatīvie datori"),
        ("description", "Trīs gabali."),
    ];
    let without = visitor
        .post_multipart("/portal/KISC/jauna-tehnika", &parts(&answers))
        .await;
    assert_eq!(without.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        portal_error_fields(&without),
        ["institution".to_owned()].into()
    );

    let mut with = parts(&answers);
    with.push(("institution", None, None, &a));
    let sent = visitor
        .post_multipart("/portal/KISC/jauna-tehnika", &with)
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
    let key = key_of(&sent);
    let t = ticket(&app, &key).await;
    assert_eq!(t.status, "awaiting_approval");
    assert_eq!(t.institution_id, Some(app.world.institution_a));
    assert!(
        mail_to(db, "vaditaja@lnb.lv").await.is_empty(),
        "no approval request for an institution only typed"
    );

    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    let view = agent.get(&format!("/tickets/{key}")).await;
    let html = view.text();
    assert!(html.contains("Iestāde nav apstiprināta"), "{html}");
    assert!(html.contains("iesniegts bez pieteikšanās"));
    let csrf = Browser::csrf(&view);
    let confirm = format!("/tickets/{key}/institution/confirm");

    // The head of the institution sees the ticket but is not the desk's staff.
    let mut head = Browser::signed_in(&app, "vaditaja@lnb.lv").await;
    let head_csrf = Browser::csrf(&head.get(&format!("/tickets/{key}")).await);
    let refused = head.post(&confirm, &[("_csrf", &head_csrf)]).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert!(mail_to(db, "vaditaja@lnb.lv").await.is_empty());

    let confirmed = agent.post(&confirm, &[("_csrf", &csrf)]).await;
    assert_eq!(confirmed.status, StatusCode::SEE_OTHER);
    let asked = mail_to(db, "vaditaja@lnb.lv").await;
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].kind, "approval-requested");
    assert!(asked[0].subject.contains(&key.to_string()));
    assert!(!agent
        .get(&format!("/tickets/{key}"))
        .await
        .text()
        .contains("Iestāde nav apstiprināta"));
    // Confirmed once: a second confirmation asks nobody again.
    let again = agent.post(&confirm, &[("_csrf", &csrf)]).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    assert_eq!(mail_to(db, "vaditaja@lnb.lv").await.len(), 1);
}

#[db_test]
async fn filing_without_sign_in_under_an_account_holders_address_borrows_nothing(t: TestDb) {
    let app = app(t).await;
    let db = &app.db.db;
    let b = app.world.institution_b.to_string();
    let mut visitor = Browser::new(&app);
    let csrf = Browser::csrf(&visitor.get("/portal/KISC/jauna-tehnika").await);
    let answers = |email: &'static str| {
        [
            ("_csrf", csrf.clone()),
            ("requester_name", "Kāds".to_owned()),
            ("requester_email", email.to_owned()),
            ("summary", "Portatīvie datori".to_owned()),
            ("description", "Trīs gabali.".to_owned()),
            ("institution", b.clone()),
        ]
    };
    let known = answers("janis@lnb.lv");
    let unknown = answers("nezinams@lnb.lv");
    let as_parts =
        |a: &'_ [(&'static str, String); 6]| -> Vec<(&'static str, String)> { a.to_vec() };
    let mut replies = Vec::new();
    for a in [as_parts(&known), as_parts(&unknown)] {
        let p: Vec<Part> = a
            .iter()
            .map(|(n, x)| (*n, None, None, x.as_str()))
            .collect();
        replies.push(
            visitor
                .post_multipart("/portal/KISC/jauna-tehnika", &p)
                .await,
        );
    }
    let (for_account, for_nobody) = (&replies[0], &replies[1]);
    // The same answer either way: nothing tells an account exists.
    assert_eq!(for_account.status, StatusCode::SEE_OTHER);
    assert_eq!(for_nobody.status, StatusCode::SEE_OTHER);

    let t = ticket(&app, &key_of(for_account)).await;
    assert_eq!(t.requester_email, "janis@lnb.lv");
    assert_eq!(t.institution_id, Some(app.world.institution_b));
    let claim = tickets::approvals::institution_claim(db, t.id)
        .await
        .unwrap();
    assert!(!claim.confirmed && claim.filed_without_sign_in);
    // The account holder hears of it; nobody is asked to approve.
    assert_eq!(
        mail_to(db, "janis@lnb.lv").await[0].kind,
        "request-received"
    );
    assert!(mail_to(db, "vaditaja@lnb.lv").await.is_empty());
}

#[db_test]
async fn a_customer_sets_no_staff_only_field_and_learns_nothing_of_other_addresses(t: TestDb) {
    let app = app(t).await;
    let token = app.token_for(&app.world.customer_a).await;
    let claims = app
        .api(
            "POST",
            "/api/v1/tickets",
            &token,
            Some(
                json!({"desk": "KISC", "type": "incident", "summary": "Steidzami!",
                "priority": "critical", "channel": "phone"}),
            ),
        )
        .await;
    assert_eq!(claims.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        api_errors(&claims),
        [
            ("channel".to_owned(), "error-staff-only".to_owned()),
            ("priority".to_owned(), "error-staff-only".to_owned()),
        ]
        .into()
    );
    assert_eq!(
        claims.json()["error"]["fields"][0]["message"],
        "Only the desk's staff may set this field."
    );

    let on_behalf = |email: &str| json!({"desk": "KISC", "type": "incident", "summary": "Neiet printeris", "requester_email": email});
    let known = app
        .api(
            "POST",
            "/api/v1/tickets",
            &token,
            Some(on_behalf("anna@lnmm.lv")),
        )
        .await;
    let unknown = app
        .api(
            "POST",
            "/api/v1/tickets",
            &token,
            Some(on_behalf("nav@nekur.lv")),
        )
        .await;
    assert_eq!(known.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(known.status, unknown.status);
    assert_eq!(known.text(), unknown.text());
    assert!(
        users::user_by_email(&app.db.db, &Email::parse("nav@nekur.lv").unwrap())
            .await
            .unwrap()
            .is_none(),
        "a refused request creates nobody"
    );

    // Staff file for an unknown address as the portal does: a contact.
    let staff = app.token_for(&app.world.agent).await;
    let filed = app
        .api(
            "POST",
            "/api/v1/tickets",
            &staff,
            Some(on_behalf("nav@nekur.lv")),
        )
        .await;
    assert_eq!(filed.status, StatusCode::CREATED, "{}", filed.text());
    assert_eq!(filed.json()["requester_email"], "nav@nekur.lv");
}

#[db_test]
async fn the_team_hears_once_of_a_new_request_through_every_way_in(t: TestDb) {
    use atbalsts_domain::routing::{Actions, Conditions};
    let app = app(t).await;
    let db = &app.db.db;
    let w = &app.world;
    let mut n = NewUser::new(Email::parse("otra@kisc.lv").unwrap(), "Otra Aģente");
    n.password_hash = None;
    let other = users::create_user(db, &n).await.unwrap();
    users::grant_role(db, w.desk_id, other, atbalsts_domain::Role::Agent)
        .await
        .unwrap();
    atbalsts_store::desks::add_team_member(db, w.team_id, other)
        .await
        .unwrap();
    // Printer trouble goes to the ICT team, whichever way it comes in.
    atbalsts_store::routing::save_rule(
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
            team_id: Some(w.team_id),
            ..Default::default()
        },
    )
    .await
    .unwrap();

    // The portal, without signing in (the request type's own team).
    let a = w.institution_a.to_string();
    let mut visitor = Browser::new(&app);
    let csrf = Browser::csrf(&visitor.get("/portal/KISC/periferija").await);
    let sent = visitor
        .post_multipart(
            "/portal/KISC/periferija",
            &parts(&[
                ("_csrf", &csrf),
                ("institution", &a),
                ("requester_name", "Līga Kalēja"),
                ("requester_email", "liga@lnb.lv"),
                ("device", "scanner"),
                ("inventory_number", "12P00345"),
                ("description", "Skeneris neieslēdzas."),
            ]),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
    // The API, as a customer.
    let token = app.token_for(&w.customer_a).await;
    let api = app
        .api(
            "POST",
            "/api/v1/tickets",
            &token,
            Some(json!({"desk": "KISC", "type": "incident", "summary": "Neiet printeris"})),
        )
        .await;
    assert_eq!(api.status, StatusCode::CREATED, "{}", api.text());
    // The agent's page.
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    let csrf = Browser::csrf(&agent.get("/tickets/new").await);
    let ticket_type = format!("{}:{}", w.desk_id, w.incident_type);
    let page = agent
        .post(
            "/tickets/new",
            &[
                ("_csrf", &csrf),
                ("ticket_type", &ticket_type),
                ("summary", "Printeris drukā svītras"),
                ("channel", "phone"),
                ("priority", "medium"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text());

    let heard = |mail: Vec<Notification>| mail.iter().filter(|n| n.kind == "new-in-queue").count();
    assert_eq!(heard(mail_to(db, "otra@kisc.lv").await), 3);
    // Whoever files a request is not told of it.
    assert_eq!(heard(mail_to(db, "agents@kisc.lv").await), 2);
}
