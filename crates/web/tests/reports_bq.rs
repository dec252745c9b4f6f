//! The backlog and quality reports as a team lead uses them: the page with
//! its chart and data table, CSV and XLSX downloads, the same figures
//! through the API, a filter problem told next to its control with the
//! rest of the filter kept, and nothing for a customer.

use atbalsts_domain::{Email, Role};
use atbalsts_store::tickets::{create_ticket, transition};
use atbalsts_store::users::{create_user, grant_role, NewUser};
/// The password every test person has (`Browser::signed_in` uses it).
const PASSWORD: &str = "parole-testam-1";
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};
use axum::http::StatusCode;

/// A team lead of the desk's team, `vaditajs@kisc.lv`.
async fn team_lead(app: &TestApp) {
    let (db, w) = (&app.db.db, &app.world);
    let mut new = NewUser::new(Email::parse("vaditajs@kisc.lv").unwrap(), "Vadītājs");
    new.password_hash = Some(atbalsts_web::passwords::hash(PASSWORD));
    let id = create_user(db, &new).await.unwrap();
    grant_role(db, w.desk_id, id, Role::TeamLead).await.unwrap();
}

/// Files tickets today and moves each through `statuses`.
async fn tickets(app: &TestApp, moves: &[&[&str]]) {
    let (db, w) = (&app.db.db, &app.world);
    for (i, statuses) in moves.iter().enumerate() {
        let key = create_ticket(
            db,
            &w.agent,
            &w.new_ticket(&w.customer_a, &format!("Pieteikums {i}")),
        )
        .await
        .unwrap();
        for s in *statuses {
            let t = w.ticket(db, &key).await;
            transition(db, &w.agent, &t, s, None).await.unwrap();
        }
    }
}

#[db_test]
async fn a_team_lead_reads_the_backlog_by_age_downloads_it_and_the_api_gives_the_same_figures(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    team_lead(&app).await;
    // Three tickets today: two still open (one waiting), one resolved.
    tickets(
        &app,
        &[&[], &["in_progress", "waiting_for_customer"], &["resolved"]],
    )
    .await;
    let mut lead = Browser::signed_in(&app, "vaditajs@kisc.lv").await;
    let page = lead
        .get("/reports/KISC/backlog?preset=this_month&period=month&split=channel")
        .await;
    let html = page.text();
    assert_eq!(page.status, StatusCode::OK, "{html}");
    assert!(
        html.contains("<svg class=\"chart\" role=\"img\""),
        "a chart"
    );
    assert!(
        html.contains("Tagad atvērti: 2; no tiem vecāki par 30 darba dienām: 0."),
        "its summary in words"
    );
    // This month has not ended: one instant, now — both open tickets under
    // a business day old.
    let table = html.split("id=\"backlog-table\"").nth(1).unwrap();
    let table = &table[..table.find("</table>").unwrap()];
    assert!(
        table.contains("<th scope=\"row\">Tagad</th><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>2</td>"),
        "{table}"
    );
    let split = html
        .split("id=\"backlog-split-table\"")
        .nth(1)
        .expect("per channel");
    assert!(split.contains("Portāls"), "{split}");
    assert!(html.contains("aria-current=\"page\">Neizpildītie pieteikumi</a>"));

    let csv = lead
        .get("/reports/KISC/backlog.csv?preset=this_month&period=month&split=channel")
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    let body = csv.text();
    assert!(body.starts_with('\u{feff}'));
    assert!(body.contains(",Portāls,2,0,0,0,0,2"), "{body}");
    let xlsx = lead
        .get("/reports/KISC/backlog.xlsx?preset=this_month&period=month")
        .await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.header("content-type").contains("spreadsheetml"));
    assert!(xlsx.body.starts_with(b"PK"), "a zip file");

    let token = app.token_for(&app.world.desk_admin).await;
    let r = app
        .api(
            "GET",
            "/api/v1/reports/KISC/backlog?preset=this_month&period=month&split=channel",
            &token,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let v = r.json();
    assert_eq!(v["report"], "backlog");
    let now = v["snapshots"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(now["now"], true);
    assert_eq!(now["series"][0]["split"], "portal");
    assert_eq!(now["series"][0]["total"], 2, "as on the page");
    assert_eq!(now["series"][0]["ages"]["under-1"], 2);
    assert!(now["at"].as_str().unwrap().contains("+02:00"), "Riga time");
}

/// A problem filed today with a root cause, resolved.
async fn problem_resolved(app: &TestApp, cause: &str, labels: (&str, &str)) {
    use atbalsts_store::categories::{self, Kind};
    use atbalsts_store::tickets::{triage, Triage};
    let (db, w) = (&app.db.db, &app.world);
    let cause = categories::create(
        db,
        w.desk_id,
        Kind::RootCause,
        None,
        cause,
        &atbalsts_domain::Labels::new(labels.0, labels.1),
    )
    .await
    .unwrap();
    let mut new = w.new_ticket(&w.customer_a, "Tīkls krīt");
    new.ticket_type_id = atbalsts_store::workflows::ticket_type_by_code(db, w.desk_id, "problem")
        .await
        .unwrap()
        .unwrap()
        .id;
    let key = create_ticket(db, &w.agent, &new).await.unwrap();
    let t = w.ticket(db, &key).await;
    let change = Triage {
        impact: None,
        urgency: None,
        priority: None,
        reason: String::new(),
        team_id: None,
        assignee_id: None,
        category_id: None,
        root_cause_id: Some(cause),
    };
    triage(db, &w.agent, &t, &change, None, |_| Vec::new())
        .await
        .unwrap();
    for s in ["investigating", "resolved"] {
        let t = w.ticket(db, &key).await;
        transition(db, &w.agent, &t, s, None).await.unwrap();
    }
}

#[db_test]
async fn a_team_lead_reads_the_reopen_rate_first_line_share_and_root_causes_and_the_api_agrees(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    team_lead(&app).await;
    // One ticket resolved, reopened and resolved again; one resolved once;
    // a network problem resolved.
    tickets(
        &app,
        &[&["resolved", "in_progress", "resolved"], &["resolved"]],
    )
    .await;
    problem_resolved(&app, "network", ("Tīkls", "Network")).await;
    let mut lead = Browser::signed_in(&app, "vaditajs@kisc.lv").await;
    let page = lead
        .get("/reports/KISC/quality?preset=this_month&period=month")
        .await;
    let html = page.text();
    assert_eq!(page.status, StatusCode::OK, "{html}");
    assert!(
        html.contains("Atrisināti kopā: 3; no tiem vēlāk atkārtoti atvērti: 1 (33,3 %)"),
        "{html}"
    );
    // The period's row: 3 resolved, 1 reopened (33,3 %), no reassignment,
    // all solved by the first line (no team change).
    let table = html.split("quality-table-1").nth(2).unwrap();
    assert!(
        table.contains("<td>3</td><td>1</td><td>33,3 %</td><td>0</td><td>3</td><td>100,0 %</td>"),
        "{table}"
    );
    // The root causes: the network, all of the one problem.
    let causes = html.split("id=\"root-causes-table\"").nth(1).unwrap();
    assert!(
        causes.contains("<th scope=\"row\">Tīkls</th><td>1 (100,0 %)</td>"),
        "{causes}"
    );
    assert!(html.contains("Atrisinātās problēmas: 1; biežākais pamatcēlonis: Tīkls."));
    assert_eq!(
        html.matches("<svg class=\"chart\"").count(),
        2,
        "trend and root causes"
    );
    assert!(html.contains("class=\"line s0\""), "a trend line");

    let csv = lead
        .get("/reports/KISC/quality.csv?preset=this_month&period=month")
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    let body = csv.text();
    assert!(body.contains(",Atkārtoti atvērti,1"), "{body}");
    assert!(body.contains(",Atrisinātās problēmas,Tīkls,1"), "{body}");
    let xlsx = lead
        .get("/reports/KISC/quality.xlsx?preset=this_month&period=month")
        .await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.body.starts_with(b"PK"), "a zip file");

    let token = app.token_for(&app.world.desk_admin).await;
    let r = app
        .api(
            "GET",
            "/api/v1/reports/KISC/quality?preset=this_month&period=month",
            &token,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let v = r.json();
    assert_eq!(v["series"][0]["resolved"][0], 3);
    assert_eq!(v["series"][0]["reopened"][0], 1);
    assert_eq!(v["series"][0]["reopen_rate"][0], 33.3, "as on the page");
    assert_eq!(v["series"][0]["first_line_share"][0], 100.0);
    assert_eq!(v["problems_resolved"][0], 1);
    assert_eq!(v["root_causes"][0]["code"], "network");
    assert_eq!(v["root_causes"][0]["share"][0], 100.0);
}

#[db_test]
async fn a_customer_gets_no_backlog_or_quality_report(t: TestDb) {
    let app = TestApp::start(t).await;
    tickets(&app, &[&[]]).await;
    let mut customer = Browser::signed_in(&app, "janis@lnb.lv").await;
    for path in [
        "/reports/KISC/backlog",
        "/reports/KISC/backlog.csv",
        "/reports/KISC/backlog.xlsx",
        "/reports/KISC/quality",
        "/reports/KISC/quality.csv",
        "/reports/KISC/quality.xlsx",
    ] {
        assert_eq!(
            customer.get(path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let token = app.token_for(&app.world.agent).await;
    for report in ["backlog", "quality"] {
        let r = app
            .api(
                "GET",
                &format!("/api/v1/reports/KISC/{report}"),
                &token,
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{report}");
    }
}

#[db_test]
async fn a_reversed_range_on_the_backlog_and_quality_is_told_next_to_the_date_and_the_rest_is_kept(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    team_lead(&app).await;
    let mut lead = Browser::signed_in(&app, "vaditajs@kisc.lv").await;
    for report in ["backlog", "quality"] {
        let page = lead
            .get(&format!(
                "/reports/KISC/{report}?from=20.11.2026&to=01.11.2026&split=channel&period=week&team=999999"
            ))
            .await;
        let html = page.text();
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{report}: {html}"
        );
        assert!(
            html.contains("id=\"f-to-error\""),
            "{report}: next to the end date"
        );
        assert!(
            html.contains("id=\"f-team-error\""),
            "{report}: next to the team"
        );
        assert!(
            html.contains("value=\"20.11.2026\""),
            "{report}: what was typed"
        );
        assert!(html.contains("<option value=\"channel\" selected>"));
        assert!(html.contains("<option value=\"week\" selected>"));
        assert!(
            html.contains("<svg class=\"chart\""),
            "{report}: the rest of the filter"
        );
        let csv = lead
            .get(&format!(
                "/reports/KISC/{report}.csv?from=20.11.2026&to=01.11.2026"
            ))
            .await;
        assert_eq!(
            csv.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{report}: no file of defaults"
        );
    }
    let token = app.token_for(&app.world.desk_admin).await;
    let bad = app
        .api(
            "GET",
            "/api/v1/reports/KISC/backlog?from=2026-12-01&to=2026-11-01",
            &token,
            None,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().contains("\"to\""), "{}", bad.text());
}
