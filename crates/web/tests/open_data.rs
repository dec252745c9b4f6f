//! Open data as a desk publishes it: the administrator reads the page and
//! its data dictionary, publishes, and then anyone downloads the monthly
//! CSV and JSON — which carry no name, email, phone or ticket text, and no
//! figure about fewer than five tickets.

use atbalsts_domain::reports::open_data::InstitutionKind;
use atbalsts_store::institutions;
use atbalsts_store::tickets::create_ticket;
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};
use axum::http::StatusCode;

/// The 10th of last month at 10:00 in Riga, and that month as `YYYY-MM`.
fn last_month() -> (i64, String) {
    let tz = atbalsts_domain::reports::periods::riga();
    let today = jiff::Timestamp::now().to_zoned(tz.clone()).date();
    let month = today.first_of_month().yesterday().unwrap().first_of_month();
    let at = month
        .checked_add(jiff::Span::new().days(9))
        .unwrap()
        .at(10, 0, 0, 0)
        .to_zoned(tz)
        .unwrap();
    (
        at.timestamp().as_millisecond(),
        month.strftime("%Y-%m").to_string(),
    )
}

/// Six portal tickets and two phone calls last month, from a library,
/// each summary naming a person.
async fn last_months_tickets(app: &TestApp) {
    let (db, w) = (&app.db.db, &app.world);
    institutions::set_kind(db, w.institution_a, InstitutionKind::Library)
        .await
        .unwrap();
    let (at, _) = last_month();
    for i in 0..8 {
        let mut new = w.new_ticket(&w.customer_a, &format!("Jānis Bērziņš, tālr. 2912345{i}"));
        if i >= 6 {
            new.channel = atbalsts_domain::Channel::Phone;
        }
        create_ticket(db, &w.agent, &new).await.unwrap();
    }
    sqlx::query("UPDATE tickets SET created_at = $1")
        .bind(at)
        .execute(db.write())
        .await
        .unwrap();
}

#[db_test]
async fn a_desk_administrator_publishes_open_data_that_anyone_then_downloads_without_personal_data(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    last_months_tickets(&app).await;
    let (_, month) = last_month();
    let mut anyone = Browser::new(&app);
    assert_eq!(
        anyone.get("/reports/KISC/open-data.csv").await.status,
        StatusCode::NOT_FOUND,
        "not published yet"
    );
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    assert_eq!(
        agent.get("/reports/KISC/open-data.json").await.status,
        StatusCode::NOT_FOUND
    );

    let mut admin = Browser::signed_in(&app, "admin@kisc.lv").await;
    let page = admin.get("/reports/KISC/open-data").await;
    let html = page.text();
    assert_eq!(page.status, StatusCode::OK, "{html}");
    assert!(html.contains("Datu vārdnīca"), "the data dictionary");
    assert!(html.contains("<code>median_resolution_minutes</code>"));
    assert!(html.contains("Bibliotēka"), "the institution kind in words");
    assert!(html.contains("Nav publicēts"));
    // The administrator's staff view already downloads it.
    assert_eq!(
        admin.get("/reports/KISC/open-data.csv").await.status,
        StatusCode::OK
    );
    let csrf = Browser::csrf(&page);
    let done = admin
        .post(
            "/reports/KISC/open-data/publish",
            &[("_csrf", &csrf), ("published", "1")],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert!(admin
        .get("/reports/KISC/open-data")
        .await
        .text()
        .contains("Publicēts:"));

    let csv = anyone.get("/reports/KISC/open-data.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    let text = csv.text();
    assert!(text.starts_with(
        "\u{feff}month,service,channel,institution_kind,tickets_created,tickets_resolved,\
         median_first_response_minutes,median_resolution_minutes,suppressed\n"
    ));
    assert!(
        text.contains(&format!("{month},,portal,library,6,0,,,\n")),
        "{text}"
    );
    // Two phone calls: every figure withheld and named.
    assert!(
        text.contains(&format!(
            "{month},,phone,library,,,,,tickets_created;tickets_resolved;\
             median_first_response_minutes;median_resolution_minutes\n"
        )),
        "{text}"
    );
    let json = anyone.get("/reports/KISC/open-data.json").await;
    assert_eq!(json.status, StatusCode::OK);
    let body: serde_json::Value = serde_json::from_slice(&json.body).unwrap();
    assert_eq!(body["minimum_group"], 5);
    assert_eq!(body["dictionary"].as_array().unwrap().len(), 9);
    let portal = body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["channel"] == "portal")
        .unwrap();
    assert_eq!(portal["tickets_created"], 6);
    for file in [&text, &json.text()] {
        for personal in ["Jānis", "Bērziņš", "29123450", "@", "kisc.lv", "Apraksts"] {
            assert!(!file.contains(personal), "{personal} in {file}");
        }
    }

    // Withdrawn, it is staff-only again.
    let csrf = Browser::csrf(&admin.get("/reports/KISC/open-data").await);
    admin
        .post(
            "/reports/KISC/open-data/publish",
            &[("_csrf", &csrf), ("published", "0")],
        )
        .await;
    assert_eq!(
        anyone.get("/reports/KISC/open-data.json").await.status,
        StatusCode::NOT_FOUND
    );
}

#[db_test]
async fn only_a_desk_administrator_publishes_and_only_with_the_forms_token(t: TestDb) {
    let app = TestApp::start(t).await;
    let mut admin = Browser::signed_in(&app, "admin@kisc.lv").await;
    let refused = admin
        .post(
            "/reports/KISC/open-data/publish",
            &[("_csrf", "wrong"), ("published", "1")],
        )
        .await;
    assert_ne!(refused.status, StatusCode::SEE_OTHER);
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    let page = agent.get("/").await;
    let csrf = Browser::csrf(&page);
    let refused = agent
        .post(
            "/reports/KISC/open-data/publish",
            &[("_csrf", &csrf), ("published", "1")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    let mut anyone = Browser::new(&app);
    assert_eq!(
        anyone.get("/reports/KISC/open-data.csv").await.status,
        StatusCode::NOT_FOUND,
        "still not published"
    );
}

#[db_test]
async fn a_year_that_has_not_ended_a_month_is_refused_with_a_message(t: TestDb) {
    let app = TestApp::start(t).await;
    let mut admin = Browser::signed_in(&app, "admin@kisc.lv").await;
    let page = admin.get("/reports/KISC/open-data?year=2999").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.text().contains("Izvēlieties gadu no 2000."),
        "{}",
        page.text()
    );
    let file = admin.get("/reports/KISC/open-data.csv?year=divi").await;
    assert_eq!(file.status, StatusCode::BAD_REQUEST);
}
