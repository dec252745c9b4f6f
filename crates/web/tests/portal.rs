//! The customer portal through its pages, on both databases: browsing the
//! catalogue, filing with and without an account, rejected forms keeping
//! everything, sign-up and password reset through the outbox, and the
//! desk administrator's catalogue editor with export and import.

use atbalsts_store::{catalogue, custom_fields, notifications, tickets, users};
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb, TestResponse};
use atbalsts_web::WebConfig;
use axum::http::StatusCode;

/// A small catalogue with a field of nearly every kind.
const CATALOGUE: &str = r#"{
  "format": "atbalsts-catalogue/1",
  "groups": [
    {"code": "ikt", "labels": {"lv": "IKT atbalsts", "en": "ICT support"}, "request_types": [
      {"code": "perifērija-x", "labels": {"lv": "x"}, "ticket_type": "incident", "fields": []}
    ]}
  ]
}"#;

fn catalogue_file() -> String {
    serde_json::json!({
      "format": "atbalsts-catalogue/1",
      "groups": [
        {"code": "ikt", "labels": {"lv": "IKT atbalsts", "en": "ICT support"}, "request_types": [
          {"code": "periferija", "labels": {"lv": "Perifērijas iekārtu traucējumi", "en": "Peripheral device problems"},
           "descriptions": {"lv": "Monitors, skeneris vai projektors nedarbojas.", "en": "A monitor, scanner or projector does not work."},
           "ticket_type": "incident", "team": "IKT atbalsta nodaļa",
           "fields": [
             {"code": "institution", "kind": "institution", "required": true, "labels": {"lv": "Iestāde un struktūrvienība (ja tāda ir)", "en": "Institution and sub-unit (if any)"}},
             {"code": "requester_name", "kind": "requester_name", "labels": {"lv": "Vārds, uzvārds", "en": "Name and surname"}},
             {"code": "requester_email", "kind": "requester_email", "labels": {"lv": "E-pasts", "en": "Email"}},
             {"code": "requester_phone", "kind": "requester_phone", "labels": {"lv": "Kontakttālrunis", "en": "Phone"}},
             {"code": "device", "kind": "select", "required": true, "other": true, "labels": {"lv": "Iekārta", "en": "Device"},
              "options": [{"code": "monitor", "labels": {"lv": "Monitors", "en": "Monitor"}}, {"code": "scanner", "labels": {"lv": "Skeneris", "en": "Scanner"}}]},
             {"code": "device_model", "kind": "text", "required": true, "labels": {"lv": "Iekārtas modelis", "en": "Device model"},
              "show_if": {"field": "device", "values": ["monitor", "scanner"]}},
             {"code": "inventory_number", "kind": "inventory_number", "required": true, "labels": {"lv": "Datora inventāra numurs", "en": "Computer inventory number"}},
             {"code": "description", "kind": "description", "required": true, "labels": {"lv": "Problēmas apraksts", "en": "Problem description"}},
             {"code": "files", "kind": "attachments", "labels": {"lv": "Pielikumi", "en": "Attachments"}},
             {"code": "additional_info", "kind": "long_text", "labels": {"lv": "Papildu informācija", "en": "Additional information"}}
           ]},
          {"code": "jauna-tehnika", "labels": {"lv": "Jaunas tehnikas pieteikums", "en": "New equipment request"},
           "ticket_type": "service_request", "needs_approval": true,
           "fields": [
             {"code": "requester_name", "kind": "requester_name", "labels": {"lv": "Vārds, uzvārds", "en": "Name"}},
             {"code": "summary", "kind": "summary", "labels": {"lv": "Pieteikuma tēma", "en": "Topic"}},
             {"code": "laptops", "kind": "integer", "min": 0, "max": 20, "labels": {"lv": "Portatīvie datori", "en": "Laptops"}},
             {"code": "modules", "kind": "checkboxes", "labels": {"lv": "Programmatūra", "en": "Software"},
              "options": [{"code": "office", "labels": {"lv": "Biroja programmas", "en": "Office"}}, {"code": "horizon", "labels": {"lv": "HORIZON", "en": "HORIZON"}}]},
             {"code": "wanted_by", "kind": "date", "labels": {"lv": "Vēlamais datums", "en": "Wanted by"}}
           ]}
        ]},
        {"code": "vvais", "labels": {"lv": "VVAIS iestāžu portāls", "en": "VVAIS institution portal"}, "request_types": [
          {"code": "vvais-pieklive", "labels": {"lv": "Piekļuves atjaunošana VVAIS iestāžu portālā", "en": "Restoring access to the VVAIS portal"},
           "ticket_type": "service_request", "open_to_external": true,
           "fields": [
             {"code": "requester_name", "kind": "requester_name", "labels": {"lv": "Vārds, uzvārds", "en": "Name"}},
             {"code": "institution_name", "kind": "text", "required": true, "labels": {"lv": "Iestādes nosaukums", "en": "Institution name"}},
             {"code": "description", "kind": "description", "required": true, "labels": {"lv": "Apraksts", "en": "Description"}}
           ]}
        ]}
      ]
    })
    .to_string()
}

async fn portal(t: TestDb) -> TestApp {
    portal_with(t, WebConfig::default()).await
}

async fn portal_with(t: TestDb, config: WebConfig) -> TestApp {
    let app = TestApp::start_with(t, config).await;
    let file = catalogue::parse(catalogue_file().as_bytes()).unwrap();
    catalogue::import(&app.db.db, app.world.desk_id, &file)
        .await
        .unwrap();
    app
}

type Part<'a> = (&'a str, Option<&'a str>, Option<&'a str>, &'a str);

fn text<'a>(name: &'a str, value: &'a str) -> Part<'a> {
    (name, None, None, value)
}

/// A complete anonymous peripheral-device request.
fn peripheral_request<'a>(csrf: &'a str, institution: &'a str, sub_unit: &'a str) -> Vec<Part<'a>> {
    vec![
        text("_csrf", csrf),
        text("institution", institution),
        text("institution__sub", sub_unit),
        text("requester_name", "Līga Kalēja"),
        text("requester_email", "Liga.Kaleja@LNB.lv"),
        text("requester_phone", ""),
        text("device", "scanner"),
        text("device_model", "Canon DR-C225"),
        text("inventory_number", "12p 00345"),
        text(
            "description",
            "Skeneris neieslēdzas pēc strāvas padeves pārtraukuma.",
        ),
        ("files", Some("kļūda.png"), Some("image/png"), "PNGDATA"),
        text("additional_info", ""),
    ]
}

fn location(r: &TestResponse) -> String {
    r.header("location").to_owned()
}

#[db_test]
async fn anyone_sees_the_groups_request_types_and_finds_them_by_words(t: TestDb) {
    let app = portal(t).await;
    let mut b = Browser::new(&app);
    let home = b.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    let html = home.text();
    for words in [
        "IKT atbalsts",
        "Perifērijas iekārtu traucējumi",
        "Jaunas tehnikas pieteikums",
        "VVAIS iestāžu portāls",
        "Viens pieteikums — viena problēma vai jautājums.",
    ] {
        assert!(html.contains(words), "home lacks {words}");
    }
    let group = b.get("/portal/KISC/groups/ikt").await;
    assert!(group
        .text()
        .contains("Monitors, skeneris vai projektors nedarbojas."));
    assert_eq!(
        b.get("/portal/KISC/groups/nav").await.status,
        StatusCode::NOT_FOUND
    );

    let form = b.get("/portal/KISC/periferija").await;
    let html = form.text();
    assert!(html.contains("Nosūtīt") && html.contains("Atcelt"));
    assert!(
        html.contains(r#"name="requester_email""#),
        "anonymous people are asked for an email"
    );

    // The one search (crates/web/tests/search.rs) finds request types:
    // without diacritics, in another case, in another form of the word.
    app.state.search.catch_up().await.unwrap();
    let found = b.get("/search?q=PERIFERIJAS+iekartas").await.text();
    assert!(found.contains("Perifērijas iekārtu traucējumi"));
    assert!(!found.contains("Jaunas tehnikas pieteikums"));
    let english = b.get("/search?q=scanner").await.text();
    assert!(
        english.contains("Perifērijas iekārtu traucējumi"),
        "descriptions in English are searched too"
    );
}

#[db_test]
async fn a_person_without_an_account_files_a_request_and_a_confirmation_is_queued(t: TestDb) {
    let app = portal(t).await;
    let mut b = Browser::new(&app);
    let form = b.get("/portal/KISC/periferija").await;
    let csrf = Browser::csrf(&form);
    let institution = app.world.institution_a.to_string();
    let sub = app.world.sub_unit_a.to_string();
    let sent = b
        .post_multipart(
            "/portal/KISC/periferija",
            &peripheral_request(&csrf, &institution, &sub),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
    let to = location(&sent);
    assert!(to.starts_with("/portal/KISC/sent/KISC-1?s="), "{to}");
    let page = b.get(&to).await;
    assert!(page
        .text()
        .contains(r#"<strong id="ticket-key">KISC-1</strong>"#));
    // The confirmation page is only for whoever sent it.
    assert_eq!(
        b.get("/portal/KISC/sent/KISC-1?s=forged").await.status,
        StatusCode::NOT_FOUND
    );

    let db = &app.db.db;
    let ticket = tickets::ticket_by_id(db, 1).await.unwrap().unwrap();
    assert_eq!(ticket.summary, "Perifērijas iekārtu traucējumi");
    assert_eq!(ticket.requester_email, "liga.kaleja@lnb.lv");
    assert_eq!(ticket.requester_name, "Līga Kalēja");
    assert_eq!(ticket.institution_id, Some(app.world.institution_a));
    assert_eq!(ticket.sub_unit_id, Some(app.world.sub_unit_a));
    assert_eq!(
        ticket.team_id,
        Some(app.world.team_id),
        "the request type's team"
    );
    assert_eq!(ticket.channel, atbalsts_domain::Channel::Portal);
    assert!(ticket.request_type_id.is_some());
    let values = custom_fields::values_of(db, ticket.id).await.unwrap();
    assert_eq!(
        values["inventory_number"],
        atbalsts_domain::custom_field::FieldValue::Text("12P00345".into())
    );
    assert_eq!(
        values["device"],
        atbalsts_domain::custom_field::FieldValue::Text("scanner".into())
    );
    assert_eq!(
        values["device_model"],
        atbalsts_domain::custom_field::FieldValue::Text("Canon DR-C225".into())
    );

    let queued = notifications::for_recipient(db, "liga.kaleja@lnb.lv")
        .await
        .unwrap();
    assert_eq!(queued.len(), 1);
    let n = &queued[0];
    assert_eq!(n.kind, "request-received");
    assert_eq!(n.state, "queued");
    assert_eq!(n.ticket_id, Some(ticket.id));
    assert_eq!(n.subject, "[KISC-1] Perifērijas iekārtu traucējumi");
    assert!(n
        .body_text
        .contains("Skeneris neieslēdzas pēc strāvas padeves pārtraukuma."));
    assert!(n
        .body_text
        .contains("Apskatīt pieteikumu atbalsta portālā: http://127.0.0.1:8080/tickets/KISC-1"));
}

#[db_test]
async fn a_rejected_form_keeps_everything_typed_and_attached_and_says_what_is_wrong(t: TestDb) {
    let app = portal(t).await;
    let mut b = Browser::new(&app);
    let csrf = Browser::csrf(&b.get("/portal/KISC/periferija").await);
    let institution = app.world.institution_b.to_string();
    let wrong_sub = app.world.sub_unit_a.to_string();
    let mut parts = peripheral_request(&csrf, &institution, &wrong_sub);
    parts.retain(|(name, ..)| *name != "description" && *name != "device_model");
    parts.push(text("description", ""));
    parts.retain(|(name, ..)| *name != "inventory_number");
    parts.push(text("inventory_number", "12-345"));
    let rejected = b.post_multipart("/portal/KISC/periferija", &parts).await;
    assert_eq!(rejected.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = rejected.text();
    // The summary links to each field, in Latvian.
    assert!(html
        .contains(r#"<div class="error-summary" role="alert" tabindex="-1" id="error-summary">"#));
    assert!(html.contains("Formā ir 4 kļūdas"), "{html}");
    assert!(html.contains(r##"<a href="#f-institution">Iestāde un struktūrvienība (ja tāda ir): Struktūrvienība nepieder izvēlētajai iestādei.</a>"##));
    assert!(html.contains(r##"<a href="#f-device_model">"##));
    assert!(html.contains("Inventāra numuram jābūt formā 12P00345"));
    // What was typed is still there, and the file is held.
    assert!(html.contains(r#"value="Līga Kalēja""#));
    assert!(html.contains(r#"value="12-345""#));
    assert!(html.contains("Saglabāt pievienoto failu kļūda.png"));
    assert!(html.contains(r#"aria-invalid="true""#));
    let start = html.find(r#"name="held_file" value=""#).unwrap() + 24;
    let held = html[start..]
        .split('"')
        .next()
        .unwrap()
        .replace("&#x2f;", "/");

    // Fixed and sent again without choosing the file again.
    let sub = String::new();
    let mut fixed = peripheral_request(&csrf, &institution, &sub);
    fixed.retain(|(name, ..)| *name != "files");
    fixed.push(text("held_file", &held));
    let sent = b.post_multipart("/portal/KISC/periferija", &fixed).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
    let requester = users::user_by_email(
        &app.db.db,
        &atbalsts_domain::Email::parse("liga.kaleja@lnb.lv").unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    let viewer = atbalsts_domain::Viewer {
        user_id: requester.id,
        institution_id: None,
        sees_institution_tickets: false,
        is_system_admin: false,
        desk_roles: vec![],
    };
    let ticket = tickets::ticket_by_id(&app.db.db, 1).await.unwrap().unwrap();
    let files = tickets::attachments_of(&app.db.db, &viewer, &ticket)
        .await
        .unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].filename, "kļūda.png");
    assert_eq!(files[0].size_bytes, 7);
}

#[db_test]
async fn choosing_other_reveals_its_text_field_without_a_script(t: TestDb) {
    let app = portal(t).await;
    let mut b = Browser::new(&app);
    let first = b.get("/portal/KISC/periferija").await.text();
    assert!(first.contains(r#"data-show-field="device" data-show-values="other" hidden>"#));
    let csrf = Browser::csrf(&b.get("/portal/KISC/periferija").await);
    let refreshed = b
        .post_multipart(
            "/portal/KISC/periferija",
            &[
                text("_csrf", &csrf),
                text("device", "other"),
                text("_refresh", "1"),
            ],
        )
        .await;
    assert_eq!(refreshed.status, StatusCode::OK);
    let html = refreshed.text();
    assert!(
        html.contains(r#"data-show-field="device" data-show-values="other">"#),
        "the Other field is shown"
    );
    assert!(
        html.contains(r#"data-show-values="monitor scanner" hidden>"#),
        "the model is not asked for Other"
    );
    assert!(
        !html.contains("error-summary"),
        "updating the form reports no errors"
    );
}

#[db_test]
async fn a_signed_in_customer_is_not_asked_for_an_email_and_finds_the_request_under_my_requests(
    t: TestDb,
) {
    let app = portal(t).await;
    let mut b = Browser::new(&app);
    b.sign_in("janis@lnb.lv").await;
    let form = b.get("/portal/KISC/periferija").await;
    let html = form.text();
    assert!(!html.contains(r#"name="requester_email""#));
    assert!(
        html.contains(r#"value="Jānis Bērziņš""#),
        "the name comes from the account"
    );
    assert!(html.contains(&format!(
        r#"<option value="{}" selected>"#,
        app.world.institution_a
    )));
    let csrf = Browser::csrf(&form);
    let institution = app.world.institution_a.to_string();
    let mut parts = peripheral_request(&csrf, &institution, "");
    parts.retain(|(name, ..)| *name != "requester_email" && *name != "requester_name");
    parts.push(text("requester_name", "Jānis Bērziņš"));
    let sent = b.post_multipart("/portal/KISC/periferija", &parts).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
    assert!(b
        .get(&location(&sent))
        .await
        .text()
        .contains(r#"href="/tickets/KISC-1""#));

    let mine = b.get("/tickets?scope=mine&state=all").await.text();
    assert!(mine.contains("Perifērijas iekārtu traucējumi"));
    assert!(
        mine.contains("1 pieteikums"),
        "the navigation counts my requests"
    );
    let view = b.get("/tickets/KISC-1").await.text();
    assert!(
        view.contains("Canon DR-C225") && view.contains("12P00345") && view.contains("kļūda.png")
    );
    let queued = notifications::for_recipient(&app.db.db, "janis@lnb.lv")
        .await
        .unwrap();
    assert_eq!(queued[0].subject, "[KISC-1] Perifērijas iekārtu traucējumi");
}

#[db_test]
async fn a_customer_cannot_reach_another_persons_request_by_key_or_list(t: TestDb) {
    let app = portal(t).await;
    let mut janis = Browser::new(&app);
    janis.sign_in("janis@lnb.lv").await;
    let csrf = Browser::csrf(&janis.get("/portal/KISC/periferija").await);
    let institution = app.world.institution_a.to_string();
    let parts = peripheral_request(&csrf, &institution, "");
    let parts: Vec<Part> = parts
        .into_iter()
        .filter(|(n, ..)| *n != "requester_email")
        .collect();
    assert_eq!(
        janis
            .post_multipart("/portal/KISC/periferija", &parts)
            .await
            .status,
        StatusCode::SEE_OTHER
    );

    let mut anna = Browser::new(&app);
    anna.sign_in("anna@lnmm.lv").await;
    assert_eq!(
        anna.get("/tickets/KISC-1").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        anna.get("/attachments/1").await.status,
        StatusCode::NOT_FOUND
    );
    let list = anna
        .get("/tickets?scope=institution&state=all")
        .await
        .text();
    assert!(
        !list.contains("KISC-1"),
        "an institution list not granted shows only her own"
    );
    let csrf = Browser::csrf(&anna.get("/").await);
    let comment = anna
        .post_multipart(
            "/tickets/KISC-1/comments",
            &[text("_csrf", &csrf), text("body", "Sveiki")],
        )
        .await;
    assert_eq!(comment.status, StatusCode::NOT_FOUND);

    // The head of institution A is granted her institution's requests.
    let mut head = Browser::new(&app);
    head.sign_in("vaditaja@lnb.lv").await;
    let list = head
        .get("/tickets?scope=institution&state=all")
        .await
        .text();
    assert!(list.contains("KISC-1"));
    assert_eq!(head.get("/tickets/KISC-1").await.status, StatusCode::OK);
}

#[db_test]
async fn script_typed_into_a_form_is_shown_as_text(t: TestDb) {
    let app = portal(t).await;
    let mut b = Browser::new(&app);
    b.sign_in("janis@lnb.lv").await;
    let csrf = Browser::csrf(&b.get("/portal/KISC/jauna-tehnika").await);
    let sent = b
        .post_multipart(
            "/portal/KISC/jauna-tehnika",
            &[
                text("_csrf", &csrf),
                text("requester_name", "<img src=x onerror=alert(1)>"),
                text("summary", "<script>alert('x')</script>"),
                text("laptops", "3"),
                text("modules", "office"),
                text("modules", "horizon"),
                text("wanted_by", "1.2.2027"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
    let view = b.get("/tickets/KISC-1").await.text();
    assert!(!view.contains("<script>alert"));
    assert!(view.contains("&lt;script&gt;alert("));
    assert!(view.contains("<dt>Programmatūra</dt><dd>Biroja programmas, HORIZON</dd>"));
    assert!(view.contains("<dt>Vēlamais datums</dt><dd>01.02.2027</dd>"));
    let mine = b.get("/tickets").await.text();
    assert!(!mine.contains("<script>alert") && mine.contains("&lt;script&gt;"));
    let values = custom_fields::values_of(&app.db.db, 1).await.unwrap();
    assert_eq!(
        values["laptops"],
        atbalsts_domain::custom_field::FieldValue::Integer(3)
    );
    assert_eq!(
        values["modules"],
        atbalsts_domain::custom_field::FieldValue::Text("office\nhorizon".into())
    );
    assert_eq!(
        values["wanted_by"],
        atbalsts_domain::custom_field::FieldValue::Text("2027-02-01".into())
    );
}

#[db_test]
async fn programs_and_oversized_files_are_refused_and_the_rest_of_the_form_kept(t: TestDb) {
    let config = WebConfig {
        max_upload_bytes: 16,
        ..Default::default()
    };
    let app = portal_with(t, config).await;
    let mut b = Browser::new(&app);
    let csrf = Browser::csrf(&b.get("/portal/KISC/periferija").await);
    let institution = app.world.institution_a.to_string();
    let mut parts = peripheral_request(&csrf, &institution, "");
    parts.push((
        "files",
        Some("rēķins.pdf.exe"),
        Some("application/pdf"),
        "MZ",
    ));
    parts.push((
        "files",
        Some("liels.pdf"),
        Some("application/pdf"),
        "0123456789abcdefXYZ",
    ));
    let r = b.post_multipart("/portal/KISC/periferija", &parts).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text();
    assert!(html.contains("Šāda veida failus (programmas) pievienot nevar."));
    assert!(html.contains("Fails ir par lielu."));
    assert!(
        html.contains("Saglabāt pievienoto failu kļūda.png"),
        "the allowed file is held"
    );
    assert!(html.contains("Skeneris neieslēdzas pēc strāvas padeves pārtraukuma."));
    assert!(tickets::ticket_by_id(&app.db.db, 1)
        .await
        .unwrap()
        .is_none());
}

#[db_test]
async fn anonymous_submissions_are_limited_per_sender_without_locking_out_the_office(t: TestDb) {
    let config = WebConfig {
        anonymous_limits: atbalsts_web::rate_limit::Limits {
            per_sender_burst: 2.0,
            per_sender_per_hour: 1.0,
            per_address_burst: 100.0,
            per_address_per_hour: 100.0,
        },
        ..Default::default()
    };
    let app = portal_with(t, config).await;
    let mut b = Browser::new(&app);
    let csrf = Browser::csrf(&b.get("/portal/KISC/periferija").await);
    let institution = app.world.institution_a.to_string();
    for _ in 0..2 {
        let r = b
            .post_multipart(
                "/portal/KISC/periferija",
                &peripheral_request(&csrf, &institution, ""),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    let limited = b
        .post_multipart(
            "/portal/KISC/periferija",
            &peripheral_request(&csrf, &institution, ""),
        )
        .await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited
        .text()
        .contains("jūsu ievadītais ir saglabāts formā"));
    assert!(limited.text().contains(r#"value="Līga Kalēja""#));
    // A colleague behind the same address is not blocked.
    let mut colleague = peripheral_request(&csrf, &institution, "");
    colleague.retain(|(n, ..)| *n != "requester_email");
    colleague.push(text("requester_email", "peteris@lnb.lv"));
    let r = b
        .post_multipart("/portal/KISC/periferija", &colleague)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

#[db_test]
async fn external_people_see_only_request_types_open_to_them(t: TestDb) {
    let app = portal(t).await;
    let mut b = Browser::new(&app);
    b.sign_in("agents@kisc.lv").await; // staff: everything
    assert_eq!(
        b.get("/portal/KISC/periferija").await.status,
        StatusCode::OK
    );
    // A person of no institution.
    let external = atbalsts_store::users::NewUser {
        password_hash: Some(atbalsts_web::passwords::hash(
            atbalsts_testkit::world_password(),
        )),
        ..atbalsts_store::users::NewUser::new(
            atbalsts_domain::Email::parse("arejais@example.lv").unwrap(),
            "Pēteris Ārējais",
        )
    };
    atbalsts_store::users::create_user(&app.db.db, &external)
        .await
        .unwrap();
    let mut e = Browser::new(&app);
    e.sign_in("arejais@example.lv").await;
    let home = e.get("/").await.text();
    assert!(home.contains("Piekļuves atjaunošana VVAIS iestāžu portālā"));
    assert!(!home.contains("Perifērijas iekārtu traucējumi"));
    assert_eq!(
        e.get("/portal/KISC/periferija").await.status,
        StatusCode::NOT_FOUND
    );
}

/// The link in the newest notification to `email`.
async fn link_in_mail(app: &TestApp, email: &str) -> String {
    let mail = notifications::for_recipient(&app.db.db, email)
        .await
        .unwrap();
    let body = &mail.first().expect("a notification").body_text;
    let start = body.find("http://127.0.0.1:8080").expect("a link") + "http://127.0.0.1:8080".len();
    body[start..].split_whitespace().next().unwrap().to_owned()
}

#[db_test]
async fn signing_up_verifies_the_email_and_claims_requests_filed_before(t: TestDb) {
    let app = portal(t).await;
    let mut b = Browser::new(&app);
    let csrf = Browser::csrf(&b.get("/portal/KISC/periferija").await);
    let institution = app.world.institution_a.to_string();
    let sent = b
        .post_multipart(
            "/portal/KISC/periferija",
            &peripheral_request(&csrf, &institution, ""),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);

    let page = b.get("/signup").await;
    assert!(page
        .text()
        .contains("Ieteicams reģistrēties ar darba e-pastu"));
    let r = b
        .post(
            "/signup",
            &[
                ("_csrf", &csrf),
                ("email", "liga.kaleja@lnb.lv"),
                ("display_name", "Līga Kalēja"),
                ("institution", ""),
                ("institution__sub", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.text().contains("Pārbaudiet e-pastu"));
    let mail = notifications::for_recipient(&app.db.db, "liga.kaleja@lnb.lv")
        .await
        .unwrap();
    assert_eq!(mail[0].kind, "sign-up");
    let link = link_in_mail(&app, "liga.kaleja@lnb.lv").await;
    assert!(link.starts_with("/signup/verify?token="));

    let set = b.get(&link).await;
    assert_eq!(set.status, StatusCode::OK);
    let token = link.split("token=").nth(1).unwrap();
    let short = b
        .post(
            "/signup/verify",
            &[
                ("_csrf", &csrf),
                ("token", token),
                ("password", "īsa"),
                ("password_again", "īsa"),
            ],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short
        .text()
        .contains("Parolei jābūt vismaz 10 rakstzīmes garai."));
    let done = b
        .post(
            "/signup/verify",
            &[
                ("_csrf", &csrf),
                ("token", token),
                ("password", "jauna-parole-2026"),
                ("password_again", "jauna-parole-2026"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
    let mine = b.get("/tickets?scope=mine&state=all").await.text();
    assert!(
        mine.contains("KISC-1"),
        "the request filed before signing up is hers"
    );
    let user = users::user_by_email(
        &app.db.db,
        &atbalsts_domain::Email::parse("liga.kaleja@lnb.lv").unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(
        user.institution_id,
        Some(app.world.institution_a),
        "from the declared domain lnb.lv"
    );
    assert!(user.institution_confirmed);
    // The link works once.
    assert_eq!(b.get(&link).await.status, StatusCode::GONE);
}

#[db_test]
async fn an_institution_chosen_at_sign_up_waits_for_the_desk_to_confirm_it(t: TestDb) {
    let app = portal(t).await;
    let mut b = Browser::new(&app);
    let csrf = Browser::csrf(&b.get("/signup").await);
    let institution = app.world.institution_b.to_string();
    let r = b
        .post(
            "/signup",
            &[
                ("_csrf", &csrf),
                ("email", "muzejs@gmail.com"),
                ("display_name", "Ilze Muceniece"),
                ("institution", &institution),
                ("institution__sub", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    // The account exists once the emailed link is used.
    let link = link_in_mail(&app, "muzejs@gmail.com").await;
    let token = link.split("token=").nth(1).unwrap();
    let done = b
        .post(
            "/signup/verify",
            &[
                ("_csrf", &csrf),
                ("token", token),
                ("password", "muzeja-parole-2026"),
                ("password_again", "muzeja-parole-2026"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
    let user = users::user_by_email(
        &app.db.db,
        &atbalsts_domain::Email::parse("muzejs@gmail.com").unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(user.institution_id, Some(app.world.institution_b));
    assert!(!user.institution_confirmed);

    let mut customer = Browser::new(&app);
    customer.sign_in("janis@lnb.lv").await;
    assert_eq!(
        customer.get("/admin/people").await.status,
        StatusCode::NOT_FOUND
    );
    let mut admin = Browser::new(&app);
    admin.sign_in("admin@kisc.lv").await;
    let page = admin.get("/admin/people").await;
    assert!(page.text().contains("Ilze Muceniece"));
    let csrf = Browser::csrf(&page);
    let id = user.id.to_string();
    let r = admin
        .post(
            "/admin/people",
            &[("_csrf", &csrf), ("user_id", &id), ("decision", "confirm")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let user = users::user_by_id(&app.db.db, user.id)
        .await
        .unwrap()
        .unwrap();
    assert!(user.institution_confirmed);
}

#[db_test]
async fn a_desk_administrator_decides_only_for_people_waiting_for_confirmation(t: TestDb) {
    let app = portal(t).await;
    let mut admin = Browser::new(&app);
    admin.sign_in("admin@kisc.lv").await;
    let csrf = Browser::csrf(&admin.get("/admin/people").await);
    // Jānis's institution comes from his email domain: nobody is asked.
    let janis = app.world.customer_a.user_id;
    for decision in ["clear", "confirm"] {
        let r = admin
            .post(
                "/admin/people",
                &[
                    ("_csrf", &csrf),
                    ("user_id", &janis.to_string()),
                    ("decision", decision),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{decision}");
    }
    let user = users::user_by_id(&app.db.db, janis).await.unwrap().unwrap();
    assert_eq!(user.institution_id, Some(app.world.institution_a));
    assert!(user.institution_confirmed);
}

#[db_test]
async fn a_forgotten_password_is_reset_through_an_emailed_link(t: TestDb) {
    let app = portal(t).await;
    let mut b = Browser::new(&app);
    let csrf = Browser::csrf(&b.get("/password-reset").await);
    let unknown = b
        .post(
            "/password-reset",
            &[("_csrf", &csrf), ("email", "nav@lnb.lv")],
        )
        .await;
    let known = b
        .post(
            "/password-reset",
            &[("_csrf", &csrf), ("email", "janis@lnb.lv")],
        )
        .await;
    assert_eq!(
        unknown.text().replace("nav@lnb.lv", ""),
        known.text().replace("janis@lnb.lv", ""),
        "no hint which addresses exist"
    );
    assert!(notifications::for_recipient(&app.db.db, "nav@lnb.lv")
        .await
        .unwrap()
        .is_empty());
    let link = link_in_mail(&app, "janis@lnb.lv").await;
    assert!(link.starts_with("/password-reset/set?token="));
    let token = link.split("token=").nth(1).unwrap();
    let r = b
        .post(
            "/password-reset/set",
            &[
                ("_csrf", &csrf),
                ("token", token),
                ("password", "pavisam-jauna-parole"),
                ("password_again", "pavisam-jauna-parole"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Signed in now, with a new session: a second browser tries the link again.
    let mut other = Browser::new(&app);
    let csrf = Browser::csrf(&other.get("/password-reset").await);
    let again = other
        .post(
            "/password-reset/set",
            &[
                ("_csrf", &csrf),
                ("token", token),
                ("password", "vēl-cita-parole-1"),
                ("password_again", "vēl-cita-parole-1"),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::GONE, "a link works once");
}

#[db_test]
async fn a_desk_administrator_builds_a_form_and_moves_the_catalogue_as_a_file(t: TestDb) {
    let app = portal(t).await;
    let mut customer = Browser::new(&app);
    customer.sign_in("janis@lnb.lv").await;
    assert_eq!(
        customer.get("/admin/catalogue/KISC").await.status,
        StatusCode::NOT_FOUND
    );

    let mut b = Browser::new(&app);
    b.sign_in("admin@kisc.lv").await;
    let page = b.get("/admin/catalogue/KISC").await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = Browser::csrf(&page);
    let group = catalogue::groups_of(&app.db.db, app.world.desk_id)
        .await
        .unwrap()[0]
        .id
        .to_string();
    let ticket_type = app.world.incident_type.to_string();
    let r = b
        .post(
            "/admin/catalogue/KISC/types",
            &[
                ("_csrf", &csrf),
                ("group_id", &group),
                ("code", "projektors"),
                ("title_lv", "Projektora traucējumi"),
                ("title_en", "Projector problems"),
                ("ticket_type_id", &ticket_type),
                ("team_id", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/admin/catalogue/KISC/types/projektors");
    let add = |code: &'static str,
               kind: &'static str,
               label: &'static str,
               extra: Vec<(&'static str, &'static str)>| {
        let mut v = vec![
            ("code", code),
            ("kind", kind),
            ("label_lv", label),
            ("label_en", label),
            ("action", "add"),
        ];
        v.extend(extra);
        v
    };
    for fields in [
        add(
            "description",
            "description",
            "Problēmas apraksts",
            vec![("required", "1")],
        ),
        add(
            "room",
            "select",
            "Telpa",
            vec![
                (
                    "options",
                    "zale | Lielā zāle | Main hall\nkab | Kabinets | Office",
                ),
                ("other", "1"),
            ],
        ),
        add("when", "date_time", "Kad", vec![]),
    ] {
        let mut form: Vec<(&str, &str)> = vec![("_csrf", &csrf)];
        form.extend(fields);
        let r = b
            .post("/admin/catalogue/KISC/types/projektors/fields", &form)
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    }
    // A broken choice list is refused next to its input.
    let bad = b
        .post(
            "/admin/catalogue/KISC/types/projektors/fields",
            &[
                ("_csrf", &csrf),
                ("code", "x"),
                ("kind", "select"),
                ("label_lv", "X"),
                ("options", "Nav Koda"),
                ("action", "add"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad
        .text()
        .contains("Katrā rindā: kods | nosaukums latviski | nosaukums angliski."));
    // Move "when" to the top and make the description not required.
    let r = b
        .post(
            "/admin/catalogue/KISC/types/projektors/fields",
            &[("_csrf", &csrf), ("index", "2"), ("action", "up")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = b
        .post(
            "/admin/catalogue/KISC/types/projektors/fields",
            &[("_csrf", &csrf), ("index", "1"), ("action", "up")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let rt = catalogue::request_type_by_code(&app.db.db, app.world.desk_id, "projektors")
        .await
        .unwrap()
        .unwrap();
    let codes: Vec<&str> = rt.form.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, vec!["when", "description", "room"]);

    // The preview is the customer's form.
    let preview = b.get("/portal/KISC/projektors").await.text();
    assert!(preview.contains("Lielā zāle") && preview.contains("Cits"));

    // Export, change the desk, import the file back: the desk is as exported.
    let export = b.get("/admin/catalogue/KISC/export").await;
    assert_eq!(export.status, StatusCode::OK);
    assert!(export
        .header("content-disposition")
        .contains("kisc-catalogue.json"));
    let file = export.text();
    catalogue::retire_request_type(&app.db.db, app.world.desk_id, rt.id)
        .await
        .unwrap();
    let import = b
        .post_multipart(
            "/admin/catalogue/KISC/import",
            &[
                text("_csrf", &csrf),
                ("file", Some("kisc.json"), Some("application/json"), &file),
            ],
        )
        .await;
    assert_eq!(import.status, StatusCode::OK, "{}", import.text());
    assert!(import.text().contains("Importēti 4 pieteikumu veidi."));
    let back = catalogue::request_type_by_code(&app.db.db, app.world.desk_id, "projektors")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(back.form, rt.form);

    // A broken file changes nothing and says where it is broken.
    for (broken, message) in [
        (
            "{\"format\": \"atbalsts-catalogue/1\", \"groups\": [",
            "Fails nav derīgs JSON",
        ),
        (CATALOGUE, "Nederīgs kods: ikt/perifērija-x."),
    ] {
        let r = b
            .post_multipart(
                "/admin/catalogue/KISC/import",
                &[
                    text("_csrf", &csrf),
                    (
                        "file",
                        Some("bojāts.json"),
                        Some("application/json"),
                        broken,
                    ),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text().replace("&#x2f;", "/").contains(message),
            "{}",
            r.text()
        );
    }
    let after = catalogue::request_types_of(&app.db.db, app.world.desk_id)
        .await
        .unwrap();
    assert_eq!(after.len(), 4);
}

#[db_test]
async fn the_team_hears_of_new_requests_and_replies_unless_an_agent_switched_it_off(t: TestDb) {
    let app = portal(t).await;
    let mut b = Browser::new(&app);
    let csrf = Browser::csrf(&b.get("/portal/KISC/periferija").await);
    let institution = app.world.institution_a.to_string();
    let sent = b
        .post_multipart(
            "/portal/KISC/periferija",
            &peripheral_request(&csrf, &institution, ""),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let to_agent = notifications::for_recipient(&app.db.db, "agents@kisc.lv")
        .await
        .unwrap();
    assert_eq!(to_agent.len(), 1);
    assert_eq!(to_agent[0].kind, "new-in-queue");
    assert!(to_agent[0]
        .body_text
        .contains("Jūsu komandas rindā ir jauns pieteikums KISC-1"));

    // The agent switches "customer replied" off; the customer's reply then tells nobody.
    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    let page = agent.get("/account/notifications").await;
    assert!(page.text().contains("Pieteicējs atbildēja"));
    let csrf_agent = Browser::csrf(&page);
    let r = agent
        .post(
            "/account/notifications",
            &[("_csrf", &csrf_agent), ("on", "new-in-queue")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);

    let mut janis = Browser::new(&app);
    janis.sign_in("janis@lnb.lv").await;
    let file_and_reply = async |b: &mut Browser<'_>| {
        let csrf = Browser::csrf(&b.get("/portal/KISC/periferija").await);
        let mut parts = peripheral_request(&csrf, &institution, "");
        parts.retain(|(n, ..)| *n != "requester_email");
        let sent = b.post_multipart("/portal/KISC/periferija", &parts).await;
        let key = location(&sent)
            .split('/')
            .nth(4)
            .unwrap()
            .split('?')
            .next()
            .unwrap()
            .to_owned();
        let r = b
            .post_multipart(
                &format!("/tickets/{key}/comments"),
                &[text("_csrf", &csrf), text("body", "Vēl nestrādā.")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    };
    file_and_reply(&mut janis).await;
    let kinds: Vec<String> = notifications::for_recipient(&app.db.db, "agents@kisc.lv")
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.kind)
        .collect();
    assert_eq!(
        kinds,
        vec!["new-in-queue", "new-in-queue"],
        "no customer-replied: switched off"
    );

    let r = agent
        .post(
            "/account/notifications",
            &[
                ("_csrf", &csrf_agent),
                ("on", "new-in-queue"),
                ("on", "customer-replied"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    file_and_reply(&mut janis).await;
    let newest = notifications::for_recipient(&app.db.db, "agents@kisc.lv")
        .await
        .unwrap();
    assert_eq!(newest[0].kind, "customer-replied");
    assert!(newest[0].body_text.contains("Vēl nestrādā."));
    // Customers have no such switches.
    assert_eq!(
        janis.get("/account/notifications").await.status,
        StatusCode::NOT_FOUND
    );
}

#[db_test]
async fn an_agent_registers_a_request_for_a_customer_who_phoned(t: TestDb) {
    let app = portal(t).await;
    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    let form = agent.get("/portal/KISC/periferija").await;
    assert!(form.text().contains("Reģistrēt klienta vārdā"));
    let csrf = Browser::csrf(&form);
    let institution = app.world.institution_a.to_string();
    let mut parts = peripheral_request(&csrf, &institution, "");
    parts.retain(|(n, ..)| *n != "requester_email" && *n != "requester_name");
    parts.push(text("requester_name", "Ilga Zvanītāja"));
    parts.push(text("on_behalf_email", "nav-epasts"));
    parts.push(text("on_behalf_channel", "phone"));
    let refused = agent
        .post_multipart("/portal/KISC/periferija", &parts)
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().contains("Ievadiet e-pasta adresi"));
    parts.retain(|(n, ..)| *n != "on_behalf_email");
    parts.push(text("on_behalf_email", "ilga@lnb.lv"));
    let sent = agent
        .post_multipart("/portal/KISC/periferija", &parts)
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
    let ticket = tickets::ticket_by_id(&app.db.db, 1).await.unwrap().unwrap();
    assert_eq!(
        (
            ticket.requester_email.as_str(),
            ticket.requester_name.as_str()
        ),
        ("ilga@lnb.lv", "Ilga Zvanītāja")
    );
    assert_eq!(ticket.channel, atbalsts_domain::Channel::Phone);
    assert_eq!(
        notifications::for_recipient(&app.db.db, "ilga@lnb.lv")
            .await
            .unwrap()[0]
            .kind,
        "request-received"
    );

    // A customer cannot file for someone else: the claim is refused, not ignored.
    let mut janis = Browser::new(&app);
    janis.sign_in("janis@lnb.lv").await;
    let form = janis.get("/portal/KISC/periferija").await;
    assert!(!form.text().contains("Reģistrēt klienta vārdā"));
    let csrf = Browser::csrf(&form);
    let mut parts = peripheral_request(&csrf, &institution, "");
    parts.retain(|(n, ..)| *n != "requester_email");
    parts.push(text("on_behalf_email", "cits@lnb.lv"));
    parts.push(text("on_behalf_channel", "phone"));
    let refused = janis
        .post_multipart("/portal/KISC/periferija", &parts)
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused
        .text()
        .contains("Šo lauku var norādīt tikai dienesta darbinieki."));
    assert!(tickets::ticket_by_id(&app.db.db, 2)
        .await
        .unwrap()
        .is_none());
}
