//! SLA compliance, service cases and satisfaction (with its comments and
//! the whole filter bar) as a desk administrator reads them: pages, CSV
//! and XLSX downloads, the same figures through the API, the page that
//! says no SLA data exists, customers' comments escaped, and customers
//! answered 404.

use atbalsts_domain::service_case::{ServiceCaseForm, ServiceCaseInput};
use atbalsts_domain::sla::{Calendar, CalendarSpec, Conditions, Goal, GoalTarget};
use atbalsts_store::sla::{calendars, policies};
use atbalsts_store::tickets::{transition, triage, Triage};
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};
use axum::http::StatusCode;

/// The desk's office calendar and one policy: resolution within 8 hours.
async fn standard_policy(app: &TestApp) {
    let (db, w) = (&app.db.db, &app.world);
    let calendar = Calendar::new(CalendarSpec::latvian_office()).unwrap();
    let cal = calendars::create(db, w.desk_id, "office", "Birojs", "Office", &calendar)
        .await
        .unwrap();
    policies::create(
        db,
        w.desk_id,
        &policies::NewPolicy {
            code: "standard".into(),
            name_lv: "Standarta".into(),
            name_en: "Standard".into(),
            calendar_id: cal,
            conditions: Conditions::default(),
            warn_percent: 75,
            breach_priority: None,
            breach_team_id: None,
            goals: vec![GoalTarget::check(Goal::Resolution, 8 * 3600).unwrap()],
        },
    )
    .await
    .unwrap();
}

/// Two requests resolved now under the policy: one met, one recorded as
/// breached (its clock's record set so, as a late one would be).
async fn one_met_one_breached(app: &TestApp) {
    let (db, w) = (&app.db.db, &app.world);
    let mut ids = Vec::new();
    for summary in ["Neiet printeris", "Nav interneta"] {
        let t = w.filed(db, &w.customer_a, summary).await;
        transition(db, &w.agent, &t, "resolved", None)
            .await
            .unwrap();
        ids.push(t.id);
    }
    sqlx::query(
        "UPDATE ticket_sla SET state = 'breached', breached_at = stopped_at - 1000, \
         used_secs = 36000 WHERE ticket_id = $1",
    )
    .bind(ids[1])
    .execute(db.write())
    .await
    .unwrap();
}

#[db_test]
async fn a_desk_administrator_reads_sla_compliance_downloads_it_and_the_api_gives_the_same_figures(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    standard_policy(&app).await;
    one_met_one_breached(&app).await;
    let mut admin = Browser::signed_in(&app, "admin@kisc.lv").await;
    let page = admin.get("/reports/KISC/sla?preset=this_month").await;
    let html = page.text();
    assert_eq!(page.status, StatusCode::OK, "{html}");
    assert!(html.contains("<svg class=\"chart\""), "a chart");
    assert!(html.contains("Izpildīti 1 no 2 izmērītajiem mērķiem."));
    let policies = html.split("id=\"sla-table-policy\"").nth(1).unwrap();
    assert!(
        policies.contains(
            "<th scope=\"row\">Standarta</th><td>Atrisināšana</td><td>2</td><td>1</td><td>1</td><td>50,0 %</td>"
        ),
        "{policies}"
    );
    assert!(!html.contains("id=\"sla-no-data\""));

    let csv = admin.get("/reports/KISC/sla.csv?preset=this_month").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.text().contains(",Standarta,Atrisināšana,2,1,1,50,"),
        "{}",
        csv.text()
    );
    let xlsx = admin.get("/reports/KISC/sla.xlsx?preset=this_month").await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.body.starts_with(b"PK"), "an XLSX (zip) file");

    let token = app.token_for(&app.world.desk_admin).await;
    let api = app
        .api(
            "GET",
            "/api/v1/reports/KISC/sla?preset=this_month",
            &token,
            None,
        )
        .await;
    assert_eq!(api.status, StatusCode::OK, "{}", api.text());
    let json: serde_json::Value = serde_json::from_str(&api.text()).unwrap();
    assert_eq!(json["has_data"], true);
    let policy = &json["policies"][0];
    assert_eq!(policy["key"], "standard");
    assert_eq!(policy["goal"], "resolution");
    assert_eq!(
        (&policy["measured"], &policy["met"], &policy["breached"]),
        (&2.into(), &1.into(), &1.into())
    );
    assert_eq!(policy["compliance"], 0.5);
    assert_eq!(policy["target_secs"]["median"], 8 * 3600);
}

#[db_test]
async fn without_any_measured_sla_goal_the_page_says_no_sla_data_exists(t: TestDb) {
    let app = TestApp::start(t).await;
    // Resolved, but no policy: no clock.
    let (db, w) = (&app.db.db, &app.world);
    let ticket = w.filed(db, &w.customer_a, "Neiet printeris").await;
    transition(db, &w.agent, &ticket, "resolved", None)
        .await
        .unwrap();
    let mut admin = Browser::signed_in(&app, "admin@kisc.lv").await;
    let page = admin.get("/reports/KISC/sla?preset=this_month").await;
    let html = page.text();
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        html.contains("Šajā periodā un atlasē nav SLA datu"),
        "{html}"
    );
    assert!(!html.contains("id=\"sla-table-policy\""), "no empty table");
    let token = app.token_for(&w.desk_admin).await;
    let api = app
        .api("GET", "/api/v1/reports/KISC/sla", &token, None)
        .await;
    let json: serde_json::Value = serde_json::from_str(&api.text()).unwrap();
    assert_eq!(json["has_data"], false);
}

#[db_test]
async fn customers_and_agents_get_404_for_the_sla_and_service_case_reports(t: TestDb) {
    let app = TestApp::start(t).await;
    let mut customer = Browser::signed_in(&app, "janis@lnb.lv").await;
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    for path in [
        "/reports/KISC/sla",
        "/reports/KISC/sla.csv",
        "/reports/KISC/service-cases",
        "/reports/KISC/service-cases.xlsx",
    ] {
        assert_eq!(
            customer.get(path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
        assert_eq!(
            agent.get(path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let token = app.token_for(&app.world.customer_a).await;
    for report in ["sla", "service-cases", "satisfaction"] {
        let api = app
            .api(
                "GET",
                &format!("/api/v1/reports/KISC/{report}"),
                &token,
                None,
            )
            .await;
        assert_eq!(api.status, StatusCode::NOT_FOUND, "{report}");
    }
}

fn case(
    service: &str,
    channel: &str,
    minutes: i64,
    outcome: &str,
    institution: i64,
) -> ServiceCaseInput {
    ServiceCaseInput::parse(&ServiceCaseForm {
        case_service: service.into(),
        case_channel: channel.into(),
        case_minutes: minutes.to_string(),
        case_outcome: outcome.into(),
        case_reason: String::new(),
        case_institution: institution.to_string(),
        case_note: String::new(),
    })
    .unwrap()
}

#[db_test]
async fn a_desk_administrator_reads_service_cases_per_service_and_channel_and_downloads_them(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    let (db, w) = (&app.db.db, &app.world);
    for (service, channel, minutes) in [
        ("Pase", "phone", 10),
        ("Pase", "in_person", 5),
        ("Dzīvesvieta", "phone", 20),
    ] {
        atbalsts_store::service_cases::record(
            db,
            &w.agent,
            w.desk_id,
            &case(service, channel, minutes, "consulted", w.institution_a),
        )
        .await
        .unwrap();
    }
    let mut admin = Browser::signed_in(&app, "admin@kisc.lv").await;
    let page = admin
        .get("/reports/KISC/service-cases?preset=this_month&split=channel")
        .await;
    let html = page.text();
    assert_eq!(page.status, StatusCode::OK, "{html}");
    assert!(html.contains("Kopā 3 gadījumi, 35 minūtes."), "{html}");
    let services = html.split("id=\"cases-table-service\"").nth(1).unwrap();
    assert!(
        services.contains("<th scope=\"row\">Pase</th><td>2</td><td>15</td><td>7,5</td>"),
        "{services}"
    );
    let channels = html.split("id=\"cases-table-channel\"").nth(1).unwrap();
    assert!(
        channels.contains("<th scope=\"row\">tālrunis</th><td>2</td><td>30</td><td>15,0</td>")
            || channels.contains("<td>2</td><td>30</td><td>15,0</td>"),
        "{channels}"
    );
    assert!(
        html.contains("Dalījums šai atskaitei netiek lietots"),
        "the split is said not to apply"
    );
    let csv = admin
        .get("/reports/KISC/service-cases.csv?preset=this_month")
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.text().contains(",Pase,2,15,7.5"), "{}", csv.text());
    let xlsx = admin
        .get("/reports/KISC/service-cases.xlsx?preset=this_month")
        .await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.body.starts_with(b"PK"));

    let token = app.token_for(&w.desk_admin).await;
    let api = app
        .api(
            "GET",
            "/api/v1/reports/KISC/service-cases?preset=this_month",
            &token,
            None,
        )
        .await;
    assert_eq!(api.status, StatusCode::OK, "{}", api.text());
    let json: serde_json::Value = serde_json::from_str(&api.text()).unwrap();
    assert_eq!(json["total"]["count"], 3);
    assert_eq!(json["total"]["total_minutes"], 35);
    let pase = json["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "Pase")
        .unwrap();
    assert_eq!(
        (&pase["count"], &pase["median_minutes"]),
        (&2.into(), &7.5.into())
    );
}

/// Two requests resolved and answered with comments, the first with the
/// desk's team, the second with none.
async fn two_answers(app: &TestApp) {
    let (db, w) = (&app.db.db, &app.world);
    let token = app.token_for(&w.customer_a).await;
    for (summary, team, score, comment) in [
        (
            "Neiet printeris",
            Some(w.team_id),
            5,
            "Ātri <b>salaboja</b>",
        ),
        ("Nav interneta", None, 2, "<script>alert(1)</script>"),
    ] {
        let key = w.file(db, &w.customer_a, summary).await;
        let t = w.ticket(db, &key).await;
        if team.is_some() {
            let change = Triage {
                impact: None,
                urgency: None,
                priority: None,
                reason: String::new(),
                team_id: team,
                assignee_id: t.assignee_id,
                category_id: t.category_id,
                root_cause_id: t.root_cause_id,
            };
            triage(db, &w.agent, &t, &change, None, |_| Vec::new())
                .await
                .unwrap();
        }
        let t = w.ticket(db, &key).await;
        transition(db, &w.agent, &t, "resolved", None)
            .await
            .unwrap();
        let answered = app
            .api(
                "PUT",
                &format!("/api/v1/tickets/{key}/satisfaction"),
                &token,
                Some(serde_json::json!({"score": score, "comment": comment})),
            )
            .await;
        assert!(answered.status.is_success(), "{}", answered.text());
    }
}

#[db_test]
async fn a_desk_administrator_reads_the_customers_comments_escaped_and_filters_satisfaction_by_team(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    two_answers(&app).await;
    let team = app.world.team_id;
    let mut admin = Browser::signed_in(&app, "admin@kisc.lv").await;
    let page = admin
        .get("/reports/KISC/satisfaction?preset=this_month")
        .await;
    let html = page.text();
    assert_eq!(page.status, StatusCode::OK, "{html}");
    assert!(html.contains("Atbildētas 2 no 2 aptaujām."));
    assert!(html.contains("Rāda 2 no 2 komentāriem."), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;"), "escaped");
    assert!(!html.contains("<script>alert(1)"), "never as markup");
    assert!(html.contains("Ātri &lt;b&gt;salaboja&lt;"));
    assert!(
        html.contains("href=\"/tickets/KISC-1\""),
        "a link to the ticket"
    );
    // Newest first: the second answer is listed before the first.
    assert!(html.find("alert(1)").unwrap() < html.find("salaboja").unwrap());

    // Filtered by the team: only the first request, its 5 and its comment.
    let filtered = admin
        .get(&format!(
            "/reports/KISC/satisfaction?preset=this_month&team={team}"
        ))
        .await;
    let html = filtered.text();
    assert_eq!(filtered.status, StatusCode::OK, "{html}");
    assert!(html.contains("Atbildētas 1 no 1 aptaujām."), "{html}");
    assert!(html.contains("Rāda 1 no 1 komentāriem."));
    assert!(!html.contains("alert(1)"));

    let token = app.token_for(&app.world.desk_admin).await;
    let api = app
        .api(
            "GET",
            &format!("/api/v1/reports/KISC/satisfaction?preset=this_month&team={team}"),
            &token,
            None,
        )
        .await;
    assert_eq!(api.status, StatusCode::OK, "{}", api.text());
    let json: serde_json::Value = serde_json::from_str(&api.text()).unwrap();
    assert_eq!(json["total"]["surveys"], 1);
    assert_eq!(
        json["total"]["distribution"],
        serde_json::json!([0, 0, 0, 0, 1])
    );
    assert_eq!(json["comments_total"], 1);
    assert_eq!(json["comments"][0]["comment"], "Ātri <b>salaboja</b>");
    assert_eq!(json["comments"][0]["ticket"], "KISC-1");
}
