//! Service levels in the browser: a desk administrator writes calendars
//! (refused next to the field when wrong, with what was typed kept), sees
//! a calendar's year with holidays and worked Saturdays in words, writes
//! policies and previews their due times; nobody else sees these pages.

use atbalsts_domain::sla::{Calendar, CalendarSpec, Conditions, Goal, GoalTarget};
use atbalsts_store::sla::calendars::{self, CalendarInput};
use atbalsts_store::sla::policies::{self, NewPolicy};
use atbalsts_store::sla::retime_runs;
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb, TestResponse};
use axum::http::StatusCode;

async fn office(app: &TestApp) -> i64 {
    let input = CalendarInput {
        code: "office".into(),
        name_lv: "Darba laiks".into(),
        name_en: "Office hours".into(),
        calendar: Calendar::new(CalendarSpec::latvian_office()).unwrap(),
    };
    calendars::save(&app.db.db, app.world.desk_id, None, &input, false)
        .await
        .unwrap()
}

async fn admin(app: &TestApp) -> Browser<'_> {
    let mut b = Browser::new(app);
    b.sign_in("admin@kisc.lv").await;
    b
}

async fn post(b: &mut Browser<'_>, path: &str, csrf: &str, form: &[(&str, &str)]) -> TestResponse {
    let mut pairs = vec![("_csrf", csrf)];
    pairs.extend_from_slice(form);
    b.post(path, &pairs).await
}

fn calendar_form<'a>(tz: &'a str, mon: &'a str, tue: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("code", "office"),
        ("name_lv", "Darba laiks"),
        ("name_en", "Office"),
        ("time_zone", tz),
        ("hours_1", mon),
        ("hours_2", tue),
        ("hours_3", "8:30-17:00"),
        ("hours_4", "8:30-17:00"),
        ("hours_5", "8:30-17:00"),
        ("hours_6", ""),
        ("hours_7", ""),
        ("holidays", "1"),
        ("shorten", "1"),
    ]
}

#[db_test]
async fn an_administrator_creates_a_calendar_and_bad_input_is_refused_next_to_its_field(t: TestDb) {
    let app = TestApp::start(t).await;
    let mut b = admin(&app).await;
    let page = b.get("/admin/sla/KISC/calendars").await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = Browser::csrf(&page);
    let path = "/admin/sla/KISC/calendars";

    // Overlapping intervals on Monday, an empty one on Tuesday, an unknown zone.
    let refused = post(
        &mut b,
        path,
        &csrf,
        &calendar_form("Eiropa/Rīga", "8:00-12:00, 11:00-13:00", "9:00-9:00"),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text();
    assert!(html.contains(r#"id="f-hours_1-error""#), "{html}");
    assert!(html.contains(r#"id="f-hours_2-error""#));
    assert!(html.contains("Laika posmi pārklājas vai ir tukši"));
    assert!(html.contains(r#"id="f-time_zone-error""#));
    assert!(html.contains("Nezināma laika josla"));
    assert!(
        html.contains(r#"value="8:00-12:00, 11:00-13:00""#),
        "what was typed is kept"
    );
    assert!(html.contains(r#"value="Eiropa&#x2f;Rīga""#), "{html}");
    assert!(html.contains(r#"aria-describedby="h-hours f-hours_1-error""#));

    // A time that is not a time, and a week with no working time.
    let mut empty = calendar_form("Europe/Riga", "25:00-26:00", "");
    for (k, v) in empty.iter_mut() {
        if k.starts_with("hours_") && *k != "hours_1" {
            *v = "";
        }
    }
    let html = post(&mut b, path, &csrf, &empty).await.text();
    assert!(html.contains("Ievadiet laiku kā"));
    assert!(html.contains(r#"value="25:00-26:00""#));
    let mut none = calendar_form("Europe/Riga", "", "");
    for (k, v) in none.iter_mut() {
        if k.starts_with("hours_") {
            *v = "";
        }
    }
    let html = post(&mut b, path, &csrf, &none).await.text();
    assert!(html.contains(r#"id="f-hours-error""#));
    assert!(html.contains("Nedēļā nav neviena darba laika posma."));
    assert!(calendars::list(&app.db.db, app.world.desk_id)
        .await
        .unwrap()
        .is_empty());

    // A good one with a lunch break is saved and listed.
    let saved = post(
        &mut b,
        path,
        &csrf,
        &calendar_form("Europe/Riga", "8:30-12:00, 12:30-17:00", "8:30-17:00"),
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    let list = calendars::list(&app.db.db, app.world.desk_id)
        .await
        .unwrap();
    assert_eq!(list.len(), 1);
    let stored = calendars::get(&app.db.db, list[0].id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.calendar.spec().week[0].len(), 2);
    let location = saved.header("location").to_owned();
    let page = b.get(&location).await;
    assert!(page.text().contains("Kalendārs saglabāts"));
    assert!(page.text().contains(r#"value="08:30-12:00, 12:30-17:00""#));

    // Editing it starts a re-time run, shown on the page.
    let edit = format!("/admin/sla/KISC/calendars/{}", list[0].id);
    app.world
        .file(&app.db.db, &app.world.customer_a, "Neiet printeris")
        .await;
    let saved = post(
        &mut b,
        &edit,
        &csrf,
        &calendar_form("Europe/Riga", "9:00-17:00", "8:30-17:00"),
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let run = retime_runs::latest(&app.db.db, app.world.desk_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(run.total, 1);
    assert!(b
        .get(&edit)
        .await
        .text()
        .contains("Pārrēķina termiņus: 0 no 1"));
}

#[db_test]
async fn only_desk_administrators_see_the_sla_pages(t: TestDb) {
    let app = TestApp::start(t).await;
    let id = office(&app).await;
    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    for path in [
        "/admin/sla/KISC/calendars".to_owned(),
        format!("/admin/sla/KISC/calendars/{id}"),
        format!("/admin/sla/KISC/calendars/{id}/2027"),
        "/admin/sla/KISC/policies".to_owned(),
        "/admin/sla/KISC/export".to_owned(),
    ] {
        assert_eq!(
            agent.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let mut b = admin(&app).await;
    assert_eq!(
        b.get("/admin/sla/KISC/calendars").await.status,
        StatusCode::OK
    );
    assert_eq!(
        b.get(&format!("/admin/sla/KISC/calendars/{id}/1899"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[db_test]
async fn the_year_view_shows_latvian_holidays_and_an_added_worked_saturday_in_words(t: TestDb) {
    let app = TestApp::start(t).await;
    let id = office(&app).await;
    let mut b = admin(&app).await;
    let path = format!("/admin/sla/KISC/calendars/{id}/2027");
    let page = b.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = Browser::csrf(&page);
    let html = page.text();
    assert!(html.contains("<caption>Marts 2027</caption>"));
    assert!(
        html.contains("Lielā Piektdiena"),
        "Good Friday 2027 is listed"
    );
    assert!(html.contains(r#"<time datetime="2027-03-26">26.03.2027.</time>"#));
    assert!(
        html.contains("Saīsināta darba diena"),
        "the day before a holiday is marked"
    );
    // March 2027: Good Friday and Easter Monday off, the Thursday before shortened.
    let march = html
        .split("<table class=\"sla-month\">")
        .nth(3)
        .and_then(|t| t.split("</table>").next())
        .unwrap();
    insta::assert_snapshot!("year_view_march_2027_lv", march);

    let saved = post(
        &mut b,
        &path,
        &csrf,
        &[
            ("day", "2027-05-08"),
            ("day_kind", "working_day"),
            ("day_name_lv", "Darba sestdiena"),
            ("action", "add"),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    let html = b.get(&path).await.text();
    assert!(html.contains(r#"<time datetime="2027-05-08">08.05.2027.</time>"#));
    assert!(html.contains("Darba sestdiena"));
    assert!(html.contains(r#"<td class="sla-working_day">8 <abbr class="sla-mark" title="Pārcelta darba diena">D.</abbr></td>"#), "{html}");

    // A date outside the calendar's years is refused next to the field, kept.
    let refused = post(
        &mut b,
        &path,
        &csrf,
        &[
            ("day", "1850-01-01"),
            ("day_kind", "day_off"),
            ("day_name_lv", "Sen"),
            ("action", "add"),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text();
    assert!(html.contains(r#"id="f-day-error""#));
    assert!(html.contains("Datumam jābūt no 1900. līdz 2200. gadam."));
    assert!(html.contains(r#"value="1850-01-01""#));
    assert!(html.contains(r#"value="Sen""#));

    // Removed again.
    let removed = post(
        &mut b,
        &path,
        &csrf,
        &[("date", "2027-05-08"), ("action", "remove")],
    )
    .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert!(!b.get(&path).await.text().contains("Darba sestdiena"));
}

fn policy_form<'a>(
    calendar: &'a str,
    fr: (&'a str, &'a str),
    res: (&'a str, &'a str),
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("code", "incidents"),
        ("name_lv", "Incidenti"),
        ("calendar", calendar),
        ("priorities", "critical"),
        ("priorities", "high"),
        ("first_response_hours", fr.0),
        ("first_response_minutes", fr.1),
        ("resolution_hours", res.0),
        ("resolution_minutes", res.1),
        ("warn_percent", "75"),
        ("active", "1"),
        ("action", "save"),
    ]
}

#[db_test]
async fn an_administrator_writes_a_policy_and_bad_goals_are_refused_next_to_the_field(t: TestDb) {
    let app = TestApp::start(t).await;
    let cal = office(&app).await.to_string();
    let mut b = admin(&app).await;
    let page = b.get("/admin/sla/KISC/policies").await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = Browser::csrf(&page);
    let path = "/admin/sla/KISC/policies";

    let refused = post(
        &mut b,
        path,
        &csrf,
        &policy_form(&cal, ("0", "0"), ("100000", "")),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text();
    assert!(html.contains(r#"id="f-first_response_hours-error""#));
    assert!(html.contains("Mērķim jābūt lielākam par nulli."));
    assert!(html.contains(r#"id="f-resolution_hours-error""#));
    assert!(html.contains("Mērķis nevar būt garāks par 10 gadiem."));
    assert!(html.contains(r#"value="100000""#), "what was typed is kept");
    assert!(html.contains(r#"id="c-pr-critical" name="priorities" value="critical" checked"#));
    assert!(policies::list_for_desk(&app.db.db, app.world.desk_id)
        .await
        .unwrap()
        .is_empty());

    let saved = post(
        &mut b,
        path,
        &csrf,
        &policy_form(&cal, ("1", ""), ("8", "30")),
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    let list = policies::list_for_desk(&app.db.db, app.world.desk_id)
        .await
        .unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].conditions.priorities, ["critical", "high"]);
    assert_eq!(
        list[0].goals,
        vec![
            GoalTarget::check(Goal::FirstResponse, 3600).unwrap(),
            GoalTarget::check(Goal::Resolution, 8 * 3600 + 1800).unwrap()
        ]
    );
    let html = b.get(saved.header("location")).await.text();
    assert!(html.contains("Politika saglabāta"));
    assert!(html.contains("Atrisināšana: 8 h 30 min"));
}

#[db_test]
async fn the_preview_shows_when_a_ticket_created_on_friday_afternoon_is_due(t: TestDb) {
    let app = TestApp::start(t).await;
    let cal = office(&app).await;
    let id = policies::save(
        &app.db.db,
        app.world.desk_id,
        None,
        &NewPolicy {
            code: "incidents".into(),
            name_lv: "Incidenti".into(),
            name_en: "Incidents".into(),
            calendar_id: cal,
            conditions: Conditions::default(),
            warn_percent: 75,
            breach_priority: None,
            breach_team_id: None,
            goals: vec![
                GoalTarget::check(Goal::FirstResponse, 3600).unwrap(),
                GoalTarget::check(Goal::Resolution, 8 * 3600).unwrap(),
            ],
        },
        true,
    )
    .await
    .unwrap();
    let mut b = admin(&app).await;
    // Friday 4 December 2026, 16:30 in Riga: half an hour left that day.
    let page = b
        .get(&format!(
            "/admin/sla/KISC/policies?edit={id}&preview_at=2026-12-04T16%3A30"
        ))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(
        html.contains("Pieteikumam, kas izveidots 04.12.2026. 16:30"),
        "{html}"
    );
    assert!(
        html.contains(
            r#"Pirmā atbilde (1 h): <time datetime="2026-12-07T07:00:00Z">07.12.2026. 09:00</time>"#
        ),
        "{html}"
    );
    assert!(html.contains(
        "Atrisināšana (8 h): <time datetime=\"2026-12-07T14:00:00Z\">07.12.2026. 16:00</time>"
    ));

    let bad = b
        .get(&format!(
            "/admin/sla/KISC/policies?edit={id}&preview_at=pirmdien"
        ))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().contains(r#"id="f-preview_at-error""#));
    assert!(bad.text().contains(r#"value="pirmdien""#));
}

#[db_test]
async fn policies_are_reordered_and_desk_settings_saved_from_the_page(t: TestDb) {
    let app = TestApp::start(t).await;
    let cal = office(&app).await.to_string();
    let mut b = admin(&app).await;
    let csrf = Browser::csrf(&b.get("/admin/sla/KISC/policies").await);
    let path = "/admin/sla/KISC/policies";
    post(&mut b, path, &csrf, &policy_form(&cal, ("1", ""), ("", ""))).await;
    let mut second = policy_form(&cal, ("4", ""), ("", ""));
    second[0] = ("code", "other");
    second[1] = ("name_lv", "Pārējie");
    post(&mut b, path, &csrf, &second).await;
    let list = policies::list_for_desk(&app.db.db, app.world.desk_id)
        .await
        .unwrap();
    let other = list[1].id.to_string();
    let moved = post(&mut b, path, &csrf, &[("id", &other), ("action", "up")]).await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);
    let codes: Vec<String> = policies::list_for_desk(&app.db.db, app.world.desk_id)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.code)
        .collect();
    assert_eq!(codes, ["other", "incidents"]);

    let statuses = atbalsts_store::sla::settings::statuses(&app.db.db, app.world.desk_id)
        .await
        .unwrap();
    let pause = format!("{}:{}", statuses[0].workflow_id, statuses[0].code);
    let saved = post(
        &mut b,
        path,
        &csrf,
        &[
            ("first_response", "status_change"),
            ("pauses", &pause),
            ("action", "settings"),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let s = atbalsts_store::sla::settings::of_desk(&app.db.db, app.world.desk_id)
        .await
        .unwrap();
    assert_eq!(
        s.first_response,
        atbalsts_store::sla::settings::FirstResponse::StatusChange
    );
    assert!(!s.show_customer);
    let html = b.get(saved.header("location")).await.text();
    assert!(html.contains(
        r#"id="s-fr-status_change" name="first_response" value="status_change" checked"#
    ));
}

#[db_test]
async fn the_api_lists_the_desks_calendars_and_a_years_special_days(t: TestDb) {
    let app = TestApp::start(t).await;
    let id = office(&app).await;
    let token = app.token_for(&app.world.agent).await;
    let list = app.api("GET", "/api/v1/calendars", &token, None).await;
    assert_eq!(list.status, StatusCode::OK);
    let body = list.json();
    assert_eq!(body["calendars"][0]["id"], id);
    assert_eq!(body["calendars"][0]["code"], "office");
    assert_eq!(body["calendars"][0]["name_en"], "Office hours");
    assert_eq!(body["calendars"][0]["time_zone"], "Europe/Riga");
    assert_eq!(body["calendars"][0]["always_open"], false);

    let days = app
        .api(
            "GET",
            &format!("/api/v1/calendars/{id}/days?year=2027"),
            &token,
            None,
        )
        .await;
    assert_eq!(days.status, StatusCode::OK);
    let body = days.json();
    let list = body["days"].as_array().unwrap();
    let on = |date: &str| list.iter().find(|d| d["date"] == date).cloned();
    let good_friday = on("2027-03-26").expect("Good Friday 2027");
    assert_eq!(good_friday["kind"], "day_off");
    assert_eq!(good_friday["name_en"], "Good Friday");
    assert_eq!(
        on("2027-03-25").expect("the Thursday before")["kind"],
        "short_day"
    );
    assert!(on("2027-03-24").is_none(), "ordinary days are not listed");
}

#[db_test]
async fn the_api_refuses_a_bad_year_and_hides_another_desks_calendar(t: TestDb) {
    let app = TestApp::start(t).await;
    let id = office(&app).await;
    let token = app.token_for(&app.world.agent).await;
    for query in ["", "?year=abc", "?year=1899", "?year=2201"] {
        let resp = app
            .api(
                "GET",
                &format!("/api/v1/calendars/{id}/days{query}"),
                &token,
                None,
            )
            .await;
        assert_eq!(resp.status, StatusCode::BAD_REQUEST, "{query}");
        let body = resp.json();
        assert_eq!(body["error"]["fields"][0]["field"], "year");
        assert_eq!(body["error"]["fields"][0]["code"], "error-sla-year");
    }

    let other = atbalsts_store::desks::create_desk(&app.db.db, "CITS", "Cita nodaļa")
        .await
        .unwrap();
    let input = CalendarInput {
        code: "theirs".into(),
        name_lv: "Cits".into(),
        name_en: String::new(),
        calendar: Calendar::new(CalendarSpec::always_open()).unwrap(),
    };
    let theirs = calendars::save(&app.db.db, other, None, &input, false)
        .await
        .unwrap();
    let resp = app
        .api(
            "GET",
            &format!("/api/v1/calendars/{theirs}/days?year=2027"),
            &token,
            None,
        )
        .await;
    assert_eq!(resp.status, StatusCode::NOT_FOUND);
    let list = app
        .api("GET", "/api/v1/calendars", &token, None)
        .await
        .json();
    assert_eq!(
        list["calendars"].as_array().unwrap().len(),
        1,
        "only the agent's desk"
    );
    // A customer works on no desk and sees no calendar.
    let customer = app.token_for(&app.world.customer_a).await;
    let resp = app
        .api(
            "GET",
            &format!("/api/v1/calendars/{id}/days?year=2027"),
            &customer,
            None,
        )
        .await;
    assert_eq!(resp.status, StatusCode::NOT_FOUND);
}

#[db_test]
async fn an_administrator_exports_the_sla_file_and_a_broken_import_changes_nothing(t: TestDb) {
    let app = TestApp::start(t).await;
    office(&app).await;
    let mut b = admin(&app).await;
    let csrf = Browser::csrf(&b.get("/admin/sla/KISC/policies").await);
    let exported = b.get("/admin/sla/KISC/export").await;
    assert_eq!(exported.status, StatusCode::OK);
    assert!(exported
        .header("content-disposition")
        .contains("kisc-sla.json"));
    let mut file = exported.json();
    assert_eq!(file["calendars"][0]["code"], "office");

    file["calendars"][0]["name_lv"] = "Jauns nosaukums".into();
    file["calendars"][0]["time_zone"] = "Mars/Olympus".into();
    let broken = file.to_string();
    let resp = b
        .post_multipart(
            "/admin/sla/KISC/import",
            &[
                ("_csrf", None, None, &csrf),
                (
                    "file",
                    Some("kisc-sla.json"),
                    Some("application/json"),
                    &broken,
                ),
            ],
        )
        .await;
    assert_eq!(resp.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = resp.text();
    assert!(
        html.contains("Fails nav importēts, nekas nav mainīts."),
        "{html}"
    );
    assert!(html.contains("calendars[0] office: time_zone"));
    assert!(html.contains(r#"id="f-file-error""#));
    let list = calendars::list(&app.db.db, app.world.desk_id)
        .await
        .unwrap();
    assert_eq!(list[0].name_lv, "Darba laiks");

    file["calendars"][0]["time_zone"] = "Europe/Riga".into();
    let good = file.to_string();
    let resp = b
        .post_multipart(
            "/admin/sla/KISC/import",
            &[
                ("_csrf", None, None, &csrf),
                (
                    "file",
                    Some("kisc-sla.json"),
                    Some("application/json"),
                    &good,
                ),
            ],
        )
        .await;
    assert_eq!(resp.status, StatusCode::OK, "{}", resp.text());
    assert!(resp.text().contains("Importēts 1 ieraksts."));
    let list = calendars::list(&app.db.db, app.world.desk_id)
        .await
        .unwrap();
    assert_eq!(list[0].name_lv, "Jauns nosaukums");
}

#[db_test]
async fn a_malformed_sla_form_is_refused_clearly_and_changes_nothing(t: TestDb) {
    let app = TestApp::start(t).await;
    let id = office(&app).await;
    let mut b = admin(&app).await;
    let csrf = Browser::csrf(&b.get("/admin/sla/KISC/calendars").await);
    let db = &app.db.db;

    // A calendar whose code is sent twice: one value was expected.
    let mut twice = calendar_form("Europe/Riga", "8:30-17:00", "8:30-17:00");
    twice.push(("code", "cits"));
    let refused = post(&mut b, "/admin/sla/KISC/calendars", &csrf, &twice).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.text().contains("Formas dati ir bojāti."));
    assert_eq!(
        calendars::list(db, app.world.desk_id).await.unwrap().len(),
        1,
        "no calendar added"
    );

    // A policy with two warning shares, and a move of a policy that is no number.
    let cal = id.to_string();
    let mut policy = policy_form(&cal, ("", ""), ("8", ""));
    policy.push(("warn_percent", "50"));
    let refused = post(&mut b, "/admin/sla/KISC/policies", &csrf, &policy).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    let refused = post(
        &mut b,
        "/admin/sla/KISC/policies",
        &csrf,
        &[("action", "up"), ("id", "pirmā")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(policies::list_for_desk(db, app.world.desk_id)
        .await
        .unwrap()
        .is_empty());

    // A special day of an unknown kind is refused next to its field, the
    // date typed kept; removing a day that is no date is a damaged form.
    let days = || async {
        calendars::of_desk(db, app.world.desk_id, id)
            .await
            .unwrap()
            .unwrap()
            .calendar
            .spec()
            .days
            .clone()
    };
    let before = days().await;
    let path = format!("/admin/sla/KISC/calendars/{id}/2027");
    let refused = post(
        &mut b,
        &path,
        &csrf,
        &[
            ("day", "2027-05-08"),
            ("day_kind", "svētdiena"),
            ("day_name_lv", "Talka"),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text();
    assert!(html.contains(r#"id="f-day_kind-error""#), "{html}");
    assert!(html.contains("Izvēlieties dienas veidu."));
    assert!(html.contains(r#"value="2027-05-08""#));
    assert!(html.contains(r#"value="Talka""#));
    let refused = post(
        &mut b,
        &path,
        &csrf,
        &[("action", "remove"), ("date", "8. maijs")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(days().await, before, "no day added or removed");
}
