//! Report downloads as a spreadsheet user meets them: every report's XLSX
//! reads back (with calamine) as the CSV of the same filter; formula-like
//! text cannot run in either; the raw ticket list has the chosen columns
//! only, is refused to whoever does not read the desk's reports, and a
//! filter problem answers with field errors instead of a file.

use atbalsts_domain::{Channel, Email, Role};
use atbalsts_store::tickets::create_ticket;
use atbalsts_store::users::{create_user, grant_role, NewUser};
use atbalsts_testkit::{db_test, world_password, Browser, TestApp, TestDb, TestResponse};
use axum::http::StatusCode;
use calamine::{Data, Reader, Xlsx};

/// Three tickets today, one with a summary that looks like a formula; one
/// worked through to resolved (so the speed report has status times).
async fn tickets(app: &TestApp) {
    let (db, w) = (&app.db.db, &app.world);
    for (summary, channel) in [
        ("Neiet printeris", Channel::Phone),
        ("=HYPERLINK(\"http://x.lv\",\"klik\")", Channel::Phone),
        ("Jauns dators", Channel::Email),
    ] {
        let mut new = w.new_ticket(&w.customer_a, summary);
        new.channel = channel;
        create_ticket(db, &w.agent, &new).await.unwrap();
    }
    for s in ["in_progress", "resolved"] {
        let t = w
            .ticket(db, &atbalsts_domain::TicketKey::parse("KISC-1").unwrap())
            .await;
        atbalsts_store::tickets::transition(db, &w.agent, &t, s, None)
            .await
            .unwrap();
    }
}

/// The CSV's records, the byte-order mark checked and dropped.
fn csv_records(r: &TestResponse) -> Vec<Vec<String>> {
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert!(r.body.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&r.body[3..])
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// A cell of the workbook as the CSV writes it (dates and times in Riga
/// as `2026-12-05` / `2026-12-05 10:30`).
fn as_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) => format!("{f}"),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(t) => {
            let serial = t.as_f64();
            let day = jiff::civil::date(1899, 12, 30)
                .checked_add(jiff::Span::new().days(serial.floor() as i64))
                .unwrap();
            let minutes = ((serial - serial.floor()) * 1440.0).round() as i64;
            if minutes == 0 && serial.fract() == 0.0 {
                day.to_string()
            } else {
                format!("{day} {:02}:{:02}", minutes / 60, minutes % 60)
            }
        }
        other => panic!("unexpected cell {other:?}"),
    }
}

/// The workbook's sheets: name, rows as text; and that no cell holds a
/// formula.
fn sheets(r: &TestResponse) -> Vec<(String, Vec<Vec<String>>)> {
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert!(r.body.starts_with(b"PK"), "a zip file");
    let mut book = Xlsx::new(std::io::Cursor::new(r.body.clone())).unwrap();
    let names = book.sheet_names().to_vec();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let formulas = book.worksheet_formula(&name).unwrap();
            assert!(
                formulas.used_cells().all(|(_, _, f)| f.is_empty()),
                "no formulas in {name}"
            );
            let rows = range
                .rows()
                .map(|r| r.iter().map(as_text).collect())
                .collect();
            (name, rows)
        })
        .collect()
}

/// The CSV's text as the workbook holds it: a neutralised formula-like
/// cell (`'=…`) is the text itself in the workbook.
fn unneutralised(rows: &[Vec<String>]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            r.iter()
                .map(|c| match c.strip_prefix('\'') {
                    Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_owned(),
                    _ => c.clone(),
                })
                .collect()
        })
        .collect()
}

/// The workbook's rows, with trailing empty cells (which a sheet does not
/// keep) padded to the CSV's width.
fn padded(mut rows: Vec<Vec<String>>, width: usize) -> Vec<Vec<String>> {
    for r in &mut rows {
        r.resize(width.max(r.len()), String::new());
    }
    rows
}

async fn round_trip(b: &mut Browser<'_>, path: &str, query: &str) -> usize {
    let csv = csv_records(&b.get(&format!("{path}.csv?{query}")).await);
    let book = sheets(&b.get(&format!("{path}.xlsx?{query}")).await);
    assert_eq!(book.len(), 1, "{path}: one sheet");
    let width = csv[0].len();
    assert_eq!(
        padded(book[0].1.clone(), width),
        unneutralised(&csv),
        "{path}: the workbook reads as the CSV"
    );
    csv.len() - 1
}

#[db_test]
async fn every_report_download_reads_back_from_the_xlsx_as_the_csv_of_the_same_filter(t: TestDb) {
    let app = TestApp::start(t).await;
    tickets(&app).await;
    let mut admin = Browser::signed_in(&app, "admin@kisc.lv").await;
    let q = "preset=this_month&split=channel";
    assert!(round_trip(&mut admin, "/reports/KISC/volume", q).await >= 2);
    assert!(round_trip(&mut admin, "/reports/KISC/speed", q).await >= 2);
    round_trip(&mut admin, "/reports/KISC/satisfaction", q).await;
    round_trip(&mut admin, "/reports/KISC/priority-overrides", "").await;
    let cols = "preset=this_month&col=key&col=summary&col=status&col=status_category&col=channel&col=created&col=first_response&col=resolved&col=closed&col=sla_due&col=sla_breached";
    assert_eq!(
        round_trip(&mut admin, "/reports/KISC/tickets", cols).await,
        3
    );

    // The knowledge report: a sheet per table, a block per table in the CSV.
    let csv = csv_records(&admin.get("/kb/KISC/report.csv").await);
    let book = sheets(&admin.get("/kb/KISC/report.xlsx").await);
    let blocks: Vec<&[Vec<String>]> = csv.split(|r| r.len() == 1 && r[0].is_empty()).collect();
    assert_eq!(blocks.len(), book.len(), "{csv:?}");
    assert_eq!(book.len(), 4);
    for (block, (name, rows)) in blocks.iter().zip(book) {
        assert!(
            block[0][0].starts_with(&name),
            "the block's title names the sheet (to 31 characters)"
        );
        let width = block[1].len();
        assert_eq!(padded(rows, width), unneutralised(&block[1..]));
    }
}

#[db_test]
async fn a_summary_that_looks_like_a_formula_is_neutralised_in_the_csv_and_text_in_the_xlsx(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    tickets(&app).await;
    let mut admin = Browser::signed_in(&app, "admin@kisc.lv").await;
    let q = "preset=this_month&col=key&col=summary";
    let csv = admin.get(&format!("/reports/KISC/tickets.csv?{q}")).await;
    assert!(
        csv.text()
            .contains("KISC-2,\"'=HYPERLINK(\"\"http://x.lv\"\",\"\"klik\"\")\""),
        "{}",
        csv.text()
    );
    let book = sheets(&admin.get(&format!("/reports/KISC/tickets.xlsx?{q}")).await);
    assert_eq!(book[0].1[2][1], "=HYPERLINK(\"http://x.lv\",\"klik\")");
}

#[db_test]
async fn a_team_lead_downloads_the_ticket_list_with_the_columns_they_chose_only(t: TestDb) {
    let app = TestApp::start(t).await;
    tickets(&app).await;
    let (db, w) = (&app.db.db, &app.world);
    let mut lead = NewUser::new(Email::parse("vaditaja@kisc.lv").unwrap(), "Laura Liepa");
    lead.password_hash = Some(atbalsts_web::passwords::hash(world_password()));
    let lead = create_user(db, &lead).await.unwrap();
    grant_role(db, w.desk_id, lead, Role::TeamLead)
        .await
        .unwrap();
    let mut b = Browser::signed_in(&app, "vaditaja@kisc.lv").await;

    // The page: the columns ticked, kept in the download links.
    let page = b
        .get("/reports/KISC/tickets?preset=this_month&col=created&col=key&col=channel")
        .await;
    let html = page.text().replace("&#x2f;", "/");
    assert_eq!(page.status, StatusCode::OK, "{html}");
    assert!(html.contains(
        "<input type=\"checkbox\" id=\"col-channel\" name=\"col\" value=\"channel\" checked>"
    ));
    assert!(html
        .contains("<input type=\"checkbox\" id=\"col-summary\" name=\"col\" value=\"summary\">"));
    let csv_href = html
        .split("href=\"/reports/KISC/tickets.csv?")
        .nth(1)
        .unwrap_or_else(|| panic!("a CSV link: {html}"))
        .split('"')
        .next()
        .unwrap();
    assert!(csv_href.contains("preset=this_month"), "{csv_href}");
    assert!(
        csv_href.ends_with("col=key&amp;col=channel&amp;col=created"),
        "{csv_href}"
    );

    // The file: those columns, in the catalogue's order, a row per ticket.
    let r = b
        .get("/reports/KISC/tickets.csv?preset=this_month&col=created&col=key&col=channel")
        .await;
    let disposition = r.headers["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"tickets-KISC-")
            && disposition.ends_with(".csv\""),
        "{disposition}"
    );
    let rows = csv_records(&r);
    assert_eq!(rows[0], ["Atslēga", "Kanāls", "Izveidots"]);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[1][0..2], ["KISC-1", "Tālrunis"]);
    assert_eq!(rows[3][0..2], ["KISC-3", "E-pasts"]);
    assert_eq!(
        rows[1][2].len(),
        "2026-12-05 10:30".len(),
        "a Riga date and time"
    );

    // The workbook of other columns.
    let r = b
        .get("/reports/KISC/tickets.xlsx?preset=this_month&col=key&col=status")
        .await;
    assert!(r.headers["content-disposition"]
        .to_str()
        .unwrap()
        .ends_with(".xlsx\""));
    let book = sheets(&r);
    assert_eq!(book[0].1.len(), 4);
    assert_eq!(book[0].1[0], ["Atslēga", "Statuss"]);
    assert_eq!(book[0].1[1][0], "KISC-1");
}

#[db_test]
async fn a_customer_an_agent_and_another_desk_are_answered_not_found_for_the_ticket_list(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    tickets(&app).await;
    let db = &app.db.db;
    atbalsts_store::desks::create_desk(db, "CITS", "Cits dienests")
        .await
        .unwrap();
    let mut customer = Browser::signed_in(&app, "janis@lnb.lv").await;
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    let mut admin = Browser::signed_in(&app, "admin@kisc.lv").await;
    for path in [
        "/reports/KISC/tickets",
        "/reports/KISC/tickets.csv",
        "/reports/KISC/tickets.xlsx",
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
        let other = path.replace("KISC", "CITS");
        assert_eq!(
            admin.get(&other).await.status,
            StatusCode::NOT_FOUND,
            "{other}"
        );
    }
    let mut anonymous = Browser::new(&app);
    let r = anonymous.get("/reports/KISC/tickets.csv").await;
    assert_ne!(r.status, StatusCode::OK);
    assert!(!r.text().contains("KISC-1"));
}

#[db_test]
async fn a_filter_problem_on_a_download_is_answered_with_field_errors_not_a_file(t: TestDb) {
    let app = TestApp::start(t).await;
    tickets(&app).await;
    let mut admin = Browser::signed_in(&app, "admin@kisc.lv").await;
    for ext in ["csv", "xlsx"] {
        let r = admin
            .get(&format!(
                "/reports/KISC/tickets.{ext}?from=20.11.2026&to=01.11.2026&col=key"
            ))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{ext}");
        assert!(r.headers.get("content-disposition").is_none(), "not a file");
        assert!(
            r.text().contains("Beigu datums ir pirms sākuma datuma."),
            "{}",
            r.text()
        );
    }
    // The other reports' downloads refuse it too, with no file.
    for path in ["volume.csv", "speed.xlsx", "satisfaction.xlsx"] {
        let r = admin
            .get(&format!(
                "/reports/KISC/{path}?from=20.11.2026&to=01.11.2026"
            ))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        assert!(r.headers.get("content-disposition").is_none(), "{path}");
    }
    // The page keeps what was typed and ticked, with the problem by its field.
    let page = admin
        .get("/reports/KISC/tickets?from=20.11.2026&to=01.11.2026&col=summary")
        .await;
    let html = page.text();
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("id=\"f-to-error\""));
    assert!(html.contains("value=\"summary\" checked"));
    assert!(
        !html.contains("tickets.csv"),
        "no download of a refused filter"
    );
}
