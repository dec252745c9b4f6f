//! The reports as a desk administrator (who reads the desk's reports)
//! uses them — volume and speed: the filter bar in the URL, a chart with its data
//! table, a CSV download, the same figures through the API, and a filter
//! problem told next to its control with the rest of the filter kept.

use atbalsts_domain::Channel;
use atbalsts_store::tickets::create_ticket;
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};
use axum::http::StatusCode;

/// Three tickets today: two by phone, one by mail.
async fn three_tickets(app: &TestApp) {
    let (db, w) = (&app.db.db, &app.world);
    for (summary, channel) in [
        ("Neiet printeris", Channel::Phone),
        ("Nav interneta", Channel::Phone),
        ("Jauns dators", Channel::Email),
    ] {
        let mut new = w.new_ticket(&w.customer_a, summary);
        new.channel = channel;
        create_ticket(db, &w.agent, &new).await.unwrap();
    }
}

#[db_test]
async fn a_desk_administrator_reads_this_months_volume_split_by_channel_with_a_chart_and_its_table(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    three_tickets(&app).await;
    let mut admin = Browser::signed_in(&app, "admin@kisc.lv").await;
    let page = admin
        .get("/reports/KISC/volume?preset=this_month&period=month&split=channel")
        .await;
    let html = page.text();
    assert_eq!(page.status, StatusCode::OK, "{html}");
    assert!(
        html.contains("<svg class=\"chart\" role=\"img\""),
        "a chart"
    );
    assert!(
        html.contains("Kopā izveidoti 3, atrisināti 0, slēgti 0."),
        "its summary in words"
    );
    // The table: Tālrunis with 2 created, E-pasts with 1, in that order.
    let head = html.split("<thead>").nth(1).unwrap();
    let phone = head.find("Tālrunis").expect("phone column");
    let mail = head.find("E-pasts").expect("mail column");
    assert!(phone < mail, "largest first");
    let foot = html.split("<tfoot>").nth(1).unwrap();
    assert!(
        foot.contains("<td>2</td><td>0</td><td>0</td><td>1</td>"),
        "{foot}"
    );

    // The CSV: a row per period and channel, with a byte-order mark.
    let csv = admin
        .get("/reports/KISC/volume.csv?preset=this_month&split=channel")
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    let body = csv.text();
    assert!(body.starts_with('\u{feff}'));
    assert!(body.contains(",Tālrunis,2,0,0"), "{body}");
}

#[db_test]
async fn a_reversed_range_and_an_unknown_team_are_told_next_to_their_controls_and_the_rest_is_kept(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    three_tickets(&app).await;
    let mut admin = Browser::signed_in(&app, "admin@kisc.lv").await;
    let page = admin
        .get("/reports/KISC/volume?from=20.11.2026&to=01.11.2026&team=999999&split=channel&period=week")
        .await;
    let html = page.text();
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    assert!(html.contains("id=\"f-to-error\""), "next to the end date");
    assert!(html.contains("Beigu datums ir pirms sākuma datuma."));
    assert!(html.contains("id=\"f-team-error\""), "next to the team");
    // What was typed stays; the split and period still apply.
    assert!(html.contains("value=\"20.11.2026\""));
    assert!(html.contains("<option value=\"channel\" selected>"));
    assert!(html.contains("<option value=\"week\" selected>"));
    assert!(
        html.contains("<svg class=\"chart\""),
        "the report of the rest of the filter"
    );
}

#[db_test]
async fn agents_and_customers_do_not_read_reports_and_the_api_gives_the_same_figures(t: TestDb) {
    let app = TestApp::start(t).await;
    three_tickets(&app).await;
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    assert_eq!(
        agent.get("/reports/KISC/volume").await.status,
        StatusCode::NOT_FOUND
    );

    let token = app.token_for(&app.world.desk_admin).await;
    let r = app
        .api(
            "GET",
            "/api/v1/reports/KISC/volume?preset=this_month&split=channel",
            &token,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(v["report"], "volume");
    let phone = v["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["split"] == "phone")
        .expect("phone");
    assert_eq!(
        phone["created"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_i64().unwrap())
            .sum::<i64>(),
        2
    );
    assert!(
        v["periods"][0]["start"].as_str().unwrap().ends_with(":00"),
        "RFC 3339 with offset"
    );

    let bad = app
        .api(
            "GET",
            "/api/v1/reports/KISC/volume?from=2026-12-01&to=2026-11-01",
            &token,
            None,
        )
        .await;
    // As every API input error: 422 with the field errors.
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().contains("\"to\""), "{}", bad.text());
    let agent_token = app.token_for(&app.world.agent).await;
    let hidden = app
        .api("GET", "/api/v1/reports/KISC/volume", &agent_token, None)
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
}

#[db_test]
async fn a_desk_administrator_reads_time_in_each_status_and_the_api_gives_it_in_seconds(t: TestDb) {
    let app = TestApp::start(t).await;
    let (db, w) = (&app.db.db, &app.world);
    let key = w.file(db, &w.customer_a, "Neiet printeris").await;
    for s in ["in_progress", "resolved"] {
        let t = w.ticket(db, &key).await;
        atbalsts_store::tickets::transition(db, &w.agent, &t, s, None)
            .await
            .unwrap();
    }
    let mut admin = Browser::signed_in(&app, "admin@kisc.lv").await;
    let page = admin.get("/reports/KISC/speed?preset=this_month").await;
    let html = page.text();
    assert_eq!(page.status, StatusCode::OK, "{html}");
    assert!(html.contains("Laiks katrā statusā"));
    // The status periods that ended: open and in progress, once each.
    let table = html
        .split("speed-status-table")
        .nth(2)
        .expect("the status table");
    assert_eq!(table.matches("<td>1</td>").count(), 2, "{table}");
    assert!(html.contains("<svg class=\"chart\""));
    let csv = admin.get("/reports/KISC/speed.csv?preset=this_month").await;
    assert_eq!(csv.status, StatusCode::OK);

    let token = app.token_for(&w.desk_admin).await;
    let r = app
        .api(
            "GET",
            "/api/v1/reports/KISC/speed?preset=this_month",
            &token,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(v["statuses"].as_array().unwrap().len(), 2);
    assert_eq!(v["statuses"][0]["time"]["count"], 1);
    let unknown = app
        .api("GET", "/api/v1/reports/KISC/nothing", &token, None)
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[db_test]
async fn a_desk_administrator_reads_how_satisfied_customers_were_per_team_and_agent(t: TestDb) {
    let app = TestApp::start(t).await;
    let (db, w) = (&app.db.db, &app.world);
    // Two requests resolved; the requester answers one with a 4.
    let mut keys = Vec::new();
    for summary in ["Neiet printeris", "Nav interneta"] {
        let key = w.file(db, &w.customer_a, summary).await;
        let t = w.ticket(db, &key).await;
        atbalsts_store::tickets::transition(db, &w.agent, &t, "resolved", None)
            .await
            .unwrap();
        keys.push(key);
    }
    let token = app.token_for(&w.customer_a).await;
    let answered = app
        .api(
            "PUT",
            &format!("/api/v1/tickets/{}/satisfaction", keys[0]),
            &token,
            Some(serde_json::json!({"score": 4, "comment": "Ātri"})),
        )
        .await;
    assert!(answered.status.is_success(), "{}", answered.text());

    let mut admin = Browser::signed_in(&app, "admin@kisc.lv").await;
    let page = admin
        .get("/reports/KISC/satisfaction?preset=this_month")
        .await;
    let html = page.text();
    assert_eq!(page.status, StatusCode::OK, "{html}");
    assert!(
        html.contains("Atbildētas 1 no 2 aptaujām."),
        "the summary in words"
    );
    // The desk row: 2 surveys, 1 answer, 50 %, mean 4,0, one score of 4.
    assert!(
        html.contains("<td>2</td><td>1</td><td>50 %</td><td>4,0</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td>"),
        "{html}"
    );
    assert!(html.contains("<svg class=\"chart\""));
    let csv = admin
        .get("/reports/KISC/satisfaction.csv?preset=this_month")
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.text().contains(",2,1,4,0,0,0,1,0"), "{}", csv.text());
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    assert_eq!(
        agent.get("/reports/KISC/satisfaction").await.status,
        StatusCode::NOT_FOUND
    );
}
