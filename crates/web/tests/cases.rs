//! The quick-entry page of one-stop-centre service cases: front-desk staff
//! record a finished consultation and see it in the day's list; mistakes
//! come back next to their fields with what was typed; nobody corrects
//! another person's entry, and customers find no such page.

use atbalsts_domain::service_case::{ServiceCaseForm, ServiceCaseInput};
use atbalsts_domain::{Email, Role};
use atbalsts_store::service_cases;
use atbalsts_store::users::{create_user, grant_role, viewer_by_id, NewUser};
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb, TestResponse};
use axum::http::StatusCode;

async fn signed_in<'a>(app: &'a TestApp, email: &str) -> Browser<'a> {
    let mut b = Browser::new(app);
    b.sign_in(email).await;
    let page = b.get("/").await;
    let csrf = Browser::csrf(&page);
    b.post(
        "/language",
        &[("_csrf", &csrf), ("locale", "en"), ("back", "/")],
    )
    .await;
    b
}

/// The rows of the day's table.
fn rows(page: &TestResponse) -> Vec<String> {
    let text = page.text();
    let Some(start) = text.find("<tbody>") else {
        return Vec::new();
    };
    let end = start + text[start..].find("</tbody>").unwrap();
    text[start..end]
        .split("<tr")
        .skip(1)
        .map(|r| r.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[db_test]
async fn an_agent_records_a_case_and_sees_it_in_todays_list(t: TestDb) {
    let app = TestApp::start(t).await;
    let w = &app.world;
    let mut b = signed_in(&app, "agents@kisc.lv").await;
    let page = b.get("/cases/KISC").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("No cases recorded today yet."));
    assert!(page
        .text()
        .contains("<a href=\"/cases\" aria-current=\"page\">Service cases</a>"));
    let csrf = Browser::csrf(&page);
    let institution = w.institution_a.to_string();
    let done = b
        .post(
            "/cases/KISC",
            &[
                ("_csrf", &csrf),
                ("case_service", "Deklarētās dzīvesvietas maiņa"),
                ("case_channel", "phone"),
                ("case_minutes", "12"),
                ("case_outcome", "application_accepted"),
                ("case_reason", ""),
                ("case_institution", &institution),
                ("case_note", ""),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(done.header("location"), "/cases/KISC");
    let page = b.get("/cases/KISC").await;
    let text = page.text();
    assert!(text.contains("Case saved. Ready for the next one."));
    let found = rows(&page);
    assert_eq!(found.len(), 1, "{found:?}");
    for part in [
        "Deklarētās dzīvesvietas maiņa",
        "<td>phone</td>",
        "<td>12</td>",
        "application accepted",
        "Latvijas Nacionālā bibliotēka",
    ] {
        assert!(found[0].contains(part), "{part}: {}", found[0]);
    }
    // The next entry starts with the same service and channel.
    assert!(text.contains("value=\"Deklarētās dzīvesvietas maiņa\""));
    assert!(text.contains("<option value=\"phone\" selected>"));
    // Without the CSRF token nothing is saved.
    let forged = b
        .post(
            "/cases/KISC",
            &[
                ("case_service", "Pase"),
                ("case_channel", "phone"),
                ("case_minutes", "3"),
                ("case_outcome", "consulted"),
                ("case_institution", &institution),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::BAD_REQUEST);
    assert_eq!(rows(&b.get("/cases/KISC").await).len(), 1);
}

#[db_test]
async fn a_refusal_without_a_reason_keeps_what_was_typed_and_says_why(t: TestDb) {
    let app = TestApp::start(t).await;
    let institution = app.world.institution_b.to_string();
    let mut b = signed_in(&app, "agents@kisc.lv").await;
    let csrf = Browser::csrf(&b.get("/cases/KISC").await);
    let page = b
        .post(
            "/cases/KISC",
            &[
                ("_csrf", &csrf),
                ("case_service", "Uzturēšanās atļauja"),
                ("case_channel", "visit"),
                ("case_minutes", "600"),
                ("case_outcome", "refused"),
                ("case_reason", "  "),
                ("case_institution", &institution),
                ("case_note", "Klients atnāks vēlreiz"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = page.text();
    assert!(text.contains("id=\"f-case_reason-error\">A refusal needs a reason.</p>"));
    assert!(text.contains(
        "id=\"f-case_minutes-error\">Enter the minutes as a whole number from 1 to 480.</p>"
    ));
    assert!(text.contains("role=\"alert\""));
    for kept in [
        "value=\"Uzturēšanās atļauja\"",
        "value=\"600\"",
        "<option value=\"visit\" selected>",
        "<option value=\"refused\" selected>",
        &format!("<option value=\"{institution}\" selected>"),
        "value=\"Klients atnāks vēlreiz\"",
    ] {
        assert!(text.contains(kept), "{kept}");
    }
    assert!(rows(&page).is_empty(), "nothing saved");
    // An institution that does not exist is named too.
    let page = b
        .post(
            "/cases/KISC",
            &[
                ("_csrf", &csrf),
                ("case_service", "Pase"),
                ("case_channel", "in_person"),
                ("case_minutes", "5"),
                ("case_outcome", "consulted"),
                ("case_institution", "987654"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page
        .text()
        .contains("id=\"f-case_institution-error\">Choose an institution from the list.</p>"));
}

#[db_test]
async fn an_agent_corrects_their_own_entry_but_not_another_agents(t: TestDb) {
    let app = TestApp::start(t).await;
    let (w, db) = (&app.world, &app.db.db);
    let other = create_user(
        db,
        &NewUser::new(Email::parse("liga@kisc.lv").unwrap(), "Līga Ozoliņa"),
    )
    .await
    .unwrap();
    grant_role(db, w.desk_id, other, Role::Agent).await.unwrap();
    let other = viewer_by_id(db, other).await.unwrap().unwrap().1;
    let input = ServiceCaseInput::parse(&ServiceCaseForm {
        case_service: "Pase".into(),
        case_channel: "in_person".into(),
        case_minutes: "5".into(),
        case_outcome: "consulted".into(),
        case_institution: w.institution_a.to_string(),
        ..Default::default()
    })
    .unwrap();
    let theirs = service_cases::record(db, &other, w.desk_id, &input)
        .await
        .unwrap();
    let mine = service_cases::record(db, &w.agent, w.desk_id, &input)
        .await
        .unwrap();

    let mut b = signed_in(&app, "agents@kisc.lv").await;
    let page = b.get("/cases/KISC").await;
    assert_eq!(
        rows(&page).len(),
        1,
        "only the agent's own entries are listed"
    );
    let csrf = Browser::csrf(&page);
    assert_eq!(
        b.get(&format!("/cases/KISC/{theirs}")).await.status,
        StatusCode::NOT_FOUND
    );
    let institution = w.institution_a.to_string();
    let post: Vec<(&str, &str)> = vec![
        ("_csrf", &csrf),
        ("case_service", "Pase"),
        ("case_channel", "in_person"),
        ("case_minutes", "45"),
        ("case_outcome", "consulted"),
        ("case_institution", &institution),
    ];
    assert_eq!(
        b.post(&format!("/cases/KISC/{theirs}"), &post).await.status,
        StatusCode::NOT_FOUND
    );
    let edit = b.get(&format!("/cases/KISC/{mine}")).await;
    assert_eq!(edit.status, StatusCode::OK);
    assert!(edit.text().contains("value=\"5\""));
    let done = b.post(&format!("/cases/KISC/{mine}"), &post).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let page = b.get("/cases/KISC").await;
    assert!(page.text().contains("Case corrected."));
    assert!(rows(&page)[0].contains("<td>45</td>"), "{:?}", rows(&page));
    let theirs_now = service_cases::own_editable(db, &other, theirs, 0, i64::MAX / 2)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        theirs_now.minutes, 5,
        "the other agent's entry is untouched"
    );
}

#[db_test]
async fn a_customer_finds_no_case_entry_page(t: TestDb) {
    let app = TestApp::start(t).await;
    let mut b = signed_in(&app, "janis@lnb.lv").await;
    assert_eq!(b.get("/cases/KISC").await.status, StatusCode::NOT_FOUND);
    assert_eq!(b.get("/cases").await.status, StatusCode::NOT_FOUND);
    let page = b.get("/").await;
    assert!(!page.text().contains("href=\"/cases\""));
}

#[db_test]
async fn an_agent_records_a_case_through_the_api_and_reads_their_day(t: TestDb) {
    let app = TestApp::start(t).await;
    let token = app.token_for(&app.world.agent).await;
    let institution = app.world.institution_a;
    let bad = app
        .api(
            "POST",
            "/api/v1/service-cases",
            &token,
            Some(serde_json::json!({
                "desk": "KISC", "service": "Pase", "channel": "fax", "minutes": 0,
                "outcome": "refused", "institution_id": institution,
            })),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields: Vec<String> = bad.json()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}={}",
                f["field"].as_str().unwrap(),
                f["code"].as_str().unwrap()
            )
        })
        .collect();
    fields.sort();
    assert_eq!(
        fields,
        [
            "channel=error-case-channel-unknown",
            "minutes=error-case-minutes-range",
            "reason=error-case-reason-required"
        ]
    );
    let made = app
        .api(
            "POST",
            "/api/v1/service-cases",
            &token,
            Some(serde_json::json!({
                "desk": "KISC", "service": "Pase", "channel": "email", "minutes": 9,
                "outcome": "forwarded", "institution_id": institution,
            })),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text());
    assert_eq!(made.json()["outcome"], "forwarded");
    let day = app
        .api("GET", "/api/v1/service-cases", &token, None)
        .await
        .json();
    let list = day["service_cases"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["minutes"], 9);
    assert_eq!(list[0]["channel"], "email");
    let long_ago = app
        .api("GET", "/api/v1/service-cases?day=2020-01-01", &token, None)
        .await
        .json();
    assert_eq!(long_ago["service_cases"].as_array().unwrap().len(), 0);

    let customer = app.token_for(&app.world.customer_a).await;
    let refused = app
        .api(
            "POST",
            "/api/v1/service-cases",
            &customer,
            Some(serde_json::json!({
                "desk": "KISC", "service": "Pase", "channel": "email", "minutes": 9,
                "outcome": "forwarded", "institution_id": institution,
            })),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.json()["error"]["fields"][0]["field"], "desk");
}
