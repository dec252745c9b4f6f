//! SLA notices in the app: a warning and a breach the SLA timers send are
//! listed on the staff member's *Notices* page in their language, counted
//! in the header until marked read; customers have no such page, and
//! nobody sees another person's notices.

use atbalsts_domain::sla::{Calendar, CalendarSpec, Goal, GoalTarget};
use atbalsts_domain::{Locale, Role};
use atbalsts_store::notifications::NewNotification;
use atbalsts_store::sla::timers::{self, Notice, BREACH_JOB, WARN_JOB};
use atbalsts_store::sla::{calendars, policies};
use atbalsts_store::{desks, tickets, users, Db};
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb, TestResponse};
use axum::http::StatusCode;
use sqlx::Row;

/// When the timers ran (epoch ms): 2 November 2026, 15:00 and 17:00 Riga time.
const WARNED_AT: i64 = 1_793_624_400_000;
const BREACHED_AT: i64 = 1_793_631_600_000;

/// A ticket under an 8-hour resolution goal, assigned to the agent, who
/// also leads its team: the timers' real path writes the agent a warning
/// and a breach notice.
async fn warned_and_breached(app: &TestApp) -> (String, i64) {
    let (w, db) = (&app.world, &app.db.db);
    let calendar = Calendar::new(CalendarSpec::always_open()).unwrap();
    let cal = calendars::create(db, w.desk_id, "24x7", "Visu diennakti", "24x7", &calendar)
        .await
        .unwrap();
    policies::create(
        db,
        w.desk_id,
        &policies::NewPolicy {
            code: "visi".into(),
            name_lv: "Visi pieteikumi".into(),
            name_en: "All tickets".into(),
            calendar_id: cal,
            conditions: Default::default(),
            warn_percent: 75,
            breach_priority: None,
            breach_team_id: None,
            goals: vec![GoalTarget::check(Goal::Resolution, 8 * 3600).unwrap()],
        },
    )
    .await
    .unwrap();
    users::grant_role(db, w.desk_id, w.agent.user_id, Role::TeamLead)
        .await
        .unwrap();
    desks::add_team_member(db, w.team_id, w.agent.user_id)
        .await
        .unwrap();
    let key = w.file(db, &w.customer_a, "Neiet printeris").await;
    let id = tickets::ticket_for(db, &w.agent, &key)
        .await
        .unwrap()
        .unwrap()
        .id;
    sqlx::query("UPDATE tickets SET team_id = $1, assignee_id = $2 WHERE id = $3")
        .bind(w.team_id)
        .bind(w.agent.user_id)
        .bind(id)
        .execute(db.write())
        .await
        .unwrap();
    let no_mail = |_: &Notice| -> Vec<NewNotification> { Vec::new() };
    assert!(
        timers::warn(db, &timer(db, WARN_JOB).await, WARNED_AT, &no_mail)
            .await
            .unwrap()
    );
    assert!(
        timers::breach(db, &timer(db, BREACH_JOB).await, BREACHED_AT, &no_mail)
            .await
            .unwrap()
    );
    (key.to_string(), id)
}

/// The payload of the timer of `kind` scheduled last.
async fn timer(db: &Db, kind: &str) -> String {
    sqlx::query("SELECT payload FROM jobs WHERE kind = $1 ORDER BY id DESC LIMIT 1")
        .bind(kind)
        .fetch_one(db.read())
        .await
        .unwrap()
        .get(0)
}

async fn signed_in<'a>(app: &'a TestApp, email: &str, lang: &str) -> Browser<'a> {
    let mut b = Browser::new(app);
    b.sign_in(email).await;
    let page = b.get("/").await;
    let csrf = Browser::csrf(&page);
    b.post(
        "/language",
        &[("_csrf", &csrf), ("locale", lang), ("back", "/")],
    )
    .await;
    b
}

/// The page's header.
fn header(page: &TestResponse) -> String {
    let text = page.text();
    let end = text.find("</header>").expect("a header");
    text[..end].to_owned()
}

/// The rows of the notices table.
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
async fn an_agent_reads_sla_warnings_and_breaches_on_the_notices_page_in_latvian_and_english(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    let (key, _) = warned_and_breached(&app).await;

    let mut lv = signed_in(&app, "agents@kisc.lv", "lv").await;
    let page = lv.get("/notices").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        header(&page).contains("<a href=\"/notices\" aria-current=\"page\">Brīdinājumi (2)</a>"),
        "{}",
        header(&page)
    );
    let found = rows(&page);
    assert_eq!(found.len(), 2, "{found:?}");
    // Newest first: the breach, then the warning.
    let link = format!("<a href=\"/tickets/{key}\">{key}</a>");
    for (row, what, at) in [
        (&found[0], "Nokavēts: atrisināšana", BREACHED_AT),
        (
            &found[1],
            "SLA brīdinājums: tuvojas termiņš — atrisināšana",
            WARNED_AT,
        ),
    ] {
        assert!(row.contains(&link), "{row}");
        assert!(row.contains("Neiet printeris"), "{row}");
        assert!(row.contains(what), "{row}");
        assert!(
            row.contains(&atbalsts_i18n::format_datetime(Locale::Lv, at)),
            "{row}"
        );
        assert!(row.contains("<strong>nelasīts</strong>"), "{row}");
    }

    let mut en = signed_in(&app, "agents@kisc.lv", "en").await;
    let page = en.get("/notices").await;
    assert!(header(&page).contains("Notices (2)"), "{}", header(&page));
    let found = rows(&page);
    assert!(found[0].contains("Breached: resolution"), "{}", found[0]);
    assert!(
        found[1].contains("SLA warning: resolution due soon"),
        "{}",
        found[1]
    );
    assert!(
        found[1].contains(&atbalsts_i18n::format_datetime(Locale::En, WARNED_AT)),
        "{}",
        found[1]
    );
    assert!(found[1].contains("<strong>unread</strong>"), "{}", found[1]);
    // The count is in the header of every page, not only this one.
    assert!(header(&en.get("/tickets").await).contains("Notices (2)"));
}

#[db_test]
async fn marking_all_notices_read_clears_the_header_count(t: TestDb) {
    let app = TestApp::start(t).await;
    warned_and_breached(&app).await;
    let mut b = signed_in(&app, "agents@kisc.lv", "en").await;
    let page = b.get("/notices").await;
    let csrf = Browser::csrf(&page);
    let done = b.post("/notices/read", &[("_csrf", &csrf)]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(done.header("location"), "/notices");

    let page = b.get("/notices").await;
    assert!(
        page.text().contains("All notices marked read."),
        "the confirmation is shown once"
    );
    assert!(!header(&page).contains("Notices ("), "{}", header(&page));
    assert!(header(&page).contains(">Notices</a>"), "{}", header(&page));
    for row in rows(&page) {
        assert!(row.contains("<td>read</td>"), "{row}");
    }
    assert!(
        !page.text().contains("action=\"/notices/read\""),
        "nothing left to mark"
    );
    assert!(!b
        .get("/notices")
        .await
        .text()
        .contains("All notices marked read."));
}

#[db_test]
async fn marking_notices_read_without_the_forms_token_is_refused(t: TestDb) {
    let app = TestApp::start(t).await;
    warned_and_breached(&app).await;
    let mut b = signed_in(&app, "agents@kisc.lv", "en").await;
    let refused = b.post("/notices/read", &[("_csrf", "forged")]).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    let refused = b.post("/notices/read", &[]).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(header(&b.get("/notices").await).contains("Notices (2)"));
}

#[db_test]
async fn customers_have_no_notices_page_and_nobody_sees_anothers_notices(t: TestDb) {
    let app = TestApp::start(t).await;
    warned_and_breached(&app).await;

    let mut customer = signed_in(&app, "janis@lnb.lv", "en").await;
    let home = customer.get("/").await;
    assert!(!header(&home).contains("/notices"), "{}", header(&home));
    assert_eq!(customer.get("/notices").await.status, StatusCode::NOT_FOUND);
    let csrf = Browser::csrf(&home);
    assert_eq!(
        customer
            .post("/notices/read", &[("_csrf", &csrf)])
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let mut anonymous = Browser::new(&app);
    let page = anonymous.get("/notices").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(page.header("location").starts_with("/login"));

    // The desk administrator is staff too, but the notices are the agent's.
    let mut admin = signed_in(&app, "admin@kisc.lv", "en").await;
    let page = admin.get("/notices").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!header(&page).contains("Notices ("), "{}", header(&page));
    assert!(rows(&page).is_empty());
    assert!(page.text().contains("You have no notices."));
    // Marking their own read leaves the agent's unread.
    let csrf = Browser::csrf(&page);
    admin.post("/notices/read", &[("_csrf", &csrf)]).await;
    let mut agent = signed_in(&app, "agents@kisc.lv", "en").await;
    assert!(header(&agent.get("/notices").await).contains("Notices (2)"));
}

#[db_test]
async fn a_notice_of_a_ticket_moved_out_of_sight_is_neither_listed_nor_counted(t: TestDb) {
    let app = TestApp::start(t).await;
    let (_, id) = warned_and_breached(&app).await;
    let db = &app.db.db;
    let other = desks::create_desk(db, "CITS", "Cits").await.unwrap();
    sqlx::query("UPDATE tickets SET desk_id = $1 WHERE id = $2")
        .bind(other)
        .bind(id)
        .execute(db.write())
        .await
        .unwrap();
    let mut b = signed_in(&app, "agents@kisc.lv", "en").await;
    let page = b.get("/notices").await;
    assert!(rows(&page).is_empty(), "{:?}", rows(&page));
    assert!(!page.text().contains("Neiet printeris"));
    assert!(!header(&page).contains("Notices ("), "{}", header(&page));
}
