//! The SLA clocks as people see them (issue 17, "Clocks on tickets"): the
//! agent's ticket panel with each goal's due time, business time left and
//! state in words; the queue's *Termiņš* column, its "breaches soonest"
//! order and its "breached / due within N hours" filter; `sla` in the API's
//! ticket JSON; and "expected answer by" on the customer's request page.
//! Clocks are written as the SLA engine stores them (`clocks::save`) on a
//! 24x7 calendar, so business time here is wall-clock time.

use atbalsts_domain::sla::{Calendar, CalendarSpec, Clock, ClockState, Goal, GoalTarget};
use atbalsts_domain::{Locale, TicketKey};
use atbalsts_store::sla::{calendars, clocks, due, policies};
use atbalsts_store::{now_ms, tickets, Db};
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};
use axum::http::StatusCode;

const MIN: i64 = 60;
const HOUR: i64 = 3600;

/// The desk's 24x7 calendar and a policy using it, for clocks to point at.
struct Policy {
    id: i64,
    calendar: i64,
}

async fn policy(db: &Db, desk_id: i64) -> Policy {
    let calendar = Calendar::new(CalendarSpec::always_open()).unwrap();
    let calendar = calendars::create(db, desk_id, "24x7", "Visu diennakti", "24x7", &calendar)
        .await
        .unwrap();
    let id = policies::create(
        db,
        desk_id,
        &policies::NewPolicy {
            code: "visi".into(),
            name_lv: "Visi pieteikumi".into(),
            name_en: "All tickets".into(),
            calendar_id: calendar,
            // Only problems, which these tests never file: the engine
            // leaves their tickets alone and the clocks are the tests' own.
            conditions: atbalsts_domain::sla::Conditions {
                ticket_types: vec!["problem".into()],
                ..Default::default()
            },
            warn_percent: 75,
            breach_priority: None,
            breach_team_id: None,
            goals: vec![
                GoalTarget::check(Goal::FirstResponse, 4 * HOUR).unwrap(),
                GoalTarget::check(Goal::Resolution, 16 * HOUR).unwrap(),
            ],
        },
    )
    .await
    .unwrap();
    Policy { id, calendar }
}

fn ts(ms: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_millisecond(ms).unwrap()
}

/// A clock as the engine would store it: `due_in` seconds from now (none
/// while paused), `used` of `target` business seconds.
fn clock(goal: Goal, state: ClockState, due_at: Option<i64>, used: i64, target: i64) -> Clock {
    let stopped = matches!(state, ClockState::Met);
    Clock {
        goal,
        target_secs: target,
        state,
        due_at: due_at.map(ts),
        used_secs: used,
        paused_secs: 0,
        remaining_secs: target - used,
        stopped_at: stopped.then(|| ts(due_at.unwrap_or(0) - 600_000)),
        breached_at: (state == ClockState::Breached).then(|| ts(due_at.unwrap())),
    }
}

async fn put(db: &Db, p: &Policy, key: &TicketKey, viewer: &atbalsts_domain::Viewer, c: Clock) {
    let ticket = tickets::ticket_for(db, viewer, key).await.unwrap().unwrap();
    let mut tx = db.write().begin().await.unwrap();
    clocks::save(&mut tx, ticket.id, p.id, p.calendar, &c)
        .await
        .unwrap();
    due::recompute(&mut tx, ticket.id).await.unwrap();
    tx.commit().await.unwrap();
}

async fn agent<'a>(app: &'a TestApp, lang: &str) -> Browser<'a> {
    let mut b = Browser::new(app);
    b.sign_in("agents@kisc.lv").await;
    switch_language(&mut b, lang).await;
    b
}

async fn switch_language(b: &mut Browser<'_>, lang: &str) {
    let page = b.get("/").await;
    let csrf = Browser::csrf(&page);
    b.post(
        "/language",
        &[("_csrf", &csrf), ("locale", lang), ("back", "/")],
    )
    .await;
}

/// The page's SLA panel.
fn sla_panel(page: &str) -> &str {
    let start = page.find("<section id=\"sla\"").expect("SLA panel");
    let end = start + page[start..].find("</section>").unwrap() + 10;
    &page[start..end]
}

/// One goal's item of the SLA panel.
fn goal_item<'a>(panel: &'a str, goal: &str) -> &'a str {
    let start = panel
        .find(&format!("aria-labelledby=\"h-sla-{goal}\""))
        .unwrap_or_else(|| panic!("goal {goal}"));
    let end = start + panel[start..].find("</li>").unwrap();
    &panel[start..end]
}

#[db_test]
async fn an_agent_sees_a_running_clock_with_its_due_time_and_time_left_and_a_paused_one_without(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    let (w, db) = (&app.world, &app.db.db);
    let p = policy(db, w.desk_id).await;
    let key = w.file(db, &w.customer_a, "Neiet printeris").await;
    // Half a minute of slack: the page is read a moment later.
    let due = now_ms() + (2 * HOUR + 15 * MIN + 30) * 1000;
    put(
        db,
        &p,
        &key,
        &w.agent,
        clock(
            Goal::FirstResponse,
            ClockState::Running,
            Some(due),
            105 * MIN,
            4 * HOUR,
        ),
    )
    .await;
    put(
        db,
        &p,
        &key,
        &w.agent,
        clock(
            Goal::Resolution,
            ClockState::Paused,
            None,
            3 * HOUR,
            16 * HOUR,
        ),
    )
    .await;

    let mut agent = agent(&app, "lv").await;
    let page = agent.get(&format!("/tickets/{key}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let text = page.text();
    let panel = sla_panel(&text);

    let running = goal_item(panel, "first_response");
    assert!(
        running.contains("Pirmā atbilde: <span class=\"sla-state\">darbojas</span>"),
        "{running}"
    );
    let due_text = atbalsts_i18n::format_datetime(Locale::Lv, due);
    assert!(
        running.contains(&format!("<time class=\"sla-due\">{due_text}</time>")),
        "{running}"
    );
    assert!(
        running.contains("<dd class=\"sla-remaining\">2 h 15 min</dd>"),
        "{running}"
    );
    assert!(
        running.contains("<meter id=\"sla-meter-first_response\" min=\"0\" max=\"14400\""),
        "{running}"
    );
    assert!(
        running.contains("<label for=\"sla-meter-first_response\""),
        "{running}"
    );

    let paused = goal_item(panel, "resolution");
    assert!(
        paused.contains("Atrisināšana: <span class=\"sla-state\">apturēts</span>"),
        "{paused}"
    );
    assert!(
        !paused.contains("sla-due"),
        "a paused clock has no due time: {paused}"
    );
    assert!(
        paused.contains("<dd class=\"sla-remaining\">13 h</dd>"),
        "{paused}"
    );
    assert!(paused.contains("Izlietots 3 h no 16 h"), "{paused}");
}

#[db_test]
async fn time_left_is_counted_in_business_hours_of_the_clocks_calendar(t: TestDb) {
    let app = TestApp::start(t).await;
    let (w, db) = (&app.world, &app.db.db);
    let p = policy(db, w.desk_id).await;
    // A Latvian office calendar (Mon-Fri 8:30-17:00, public holidays off):
    // nine business hours always span a night, so wall-clock time left
    // would read far more.
    let office = Calendar::new(CalendarSpec::latvian_office()).unwrap();
    let office_id = calendars::create(db, w.desk_id, "birojs", "Birojs", "Office", &office)
        .await
        .unwrap();
    let office_policy = Policy {
        id: p.id,
        calendar: office_id,
    };
    let key = w.file(db, &w.customer_a, "Neiet printeris").await;
    let due = office
        .add(ts(now_ms()), 9 * HOUR + 30)
        .unwrap()
        .as_millisecond();
    put(
        db,
        &office_policy,
        &key,
        &w.agent,
        clock(
            Goal::Resolution,
            ClockState::Running,
            Some(due),
            7 * HOUR,
            16 * HOUR,
        ),
    )
    .await;

    let mut agent = agent(&app, "en").await;
    let text = agent.get(&format!("/tickets/{key}")).await.text();
    let item = goal_item(sla_panel(&text), "resolution");
    assert!(
        item.contains("<dd class=\"sla-remaining\">9 h</dd>"),
        "{item}"
    );
    // Used time of a running clock is what the target leaves: live, not
    // the 7 h stored when the clock was last saved.
    assert!(item.contains("Used 6 h 59 min of 16 h"), "{item}");
    let token = app.token_for(&w.agent).await;
    let sla = app
        .api("GET", &format!("/api/v1/tickets/{key}"), &token, None)
        .await
        .json()["sla"]
        .clone();
    let left = sla[0]["remaining_secs"].as_i64().unwrap();
    assert!((9 * HOUR - 60..=9 * HOUR + 30).contains(&left), "{left}");
}

#[db_test]
async fn an_agent_sees_a_met_goal_and_a_breached_one_overdue_by_business_time(t: TestDb) {
    let app = TestApp::start(t).await;
    let (w, db) = (&app.world, &app.db.db);
    let p = policy(db, w.desk_id).await;
    let key = w.file(db, &w.customer_a, "Neiet printeris").await;
    let due = now_ms() - (HOUR + 5 * MIN + 30) * 1000;
    put(
        db,
        &p,
        &key,
        &w.agent,
        clock(
            Goal::FirstResponse,
            ClockState::Met,
            Some(due),
            30 * MIN,
            HOUR,
        ),
    )
    .await;
    put(
        db,
        &p,
        &key,
        &w.agent,
        clock(
            Goal::Resolution,
            ClockState::Breached,
            Some(due),
            16 * HOUR,
            16 * HOUR,
        ),
    )
    .await;

    for (lang, met_words, breached_words, overdue) in [
        ("lv", "izpildīts", "nokavēts", "nokavēts par 1 h 5 min"),
        ("en", "met", "breached", "overdue by 1 h 5 min"),
    ] {
        let mut agent = agent(&app, lang).await;
        let text = agent.get(&format!("/tickets/{key}")).await.text();
        let panel = sla_panel(&text);
        let met = goal_item(panel, "first_response");
        assert!(
            met.contains(&format!("<span class=\"sla-state\">{met_words}</span>")),
            "{met}"
        );
        assert!(
            !met.contains("sla-remaining"),
            "a met goal shows used against target: {met}"
        );
        assert!(met.contains("30 min") && met.contains("1 h"), "{met}");
        let breached = goal_item(panel, "resolution");
        assert!(
            breached.contains(&format!(
                "<span class=\"sla-state\">{breached_words}</span>"
            )),
            "{breached}"
        );
        assert!(
            breached.contains(&format!("<dd class=\"sla-remaining\">{overdue}</dd>")),
            "{breached}"
        );
    }
}

#[db_test]
async fn a_ticket_without_clocks_has_no_sla_panel_and_a_customer_never_sees_one(t: TestDb) {
    let app = TestApp::start(t).await;
    let (w, db) = (&app.world, &app.db.db);
    let p = policy(db, w.desk_id).await;
    let bare = w.file(db, &w.customer_a, "Bez termiņa").await;
    let timed = w.file(db, &w.customer_a, "Ar termiņu").await;
    let due = now_ms() + HOUR * 1000;
    put(
        db,
        &p,
        &timed,
        &w.agent,
        clock(Goal::Resolution, ClockState::Running, Some(due), 0, HOUR),
    )
    .await;

    let mut agent = agent(&app, "lv").await;
    assert!(!agent
        .get(&format!("/tickets/{bare}"))
        .await
        .text()
        .contains("id=\"sla\""));
    assert!(agent
        .get(&format!("/tickets/{timed}"))
        .await
        .text()
        .contains("id=\"sla\""));

    let mut customer = Browser::new(&app);
    customer.sign_in("janis@lnb.lv").await;
    let page = customer.get(&format!("/tickets/{timed}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.text().contains("id=\"sla\""));
}

/// The panel with what changes from run to run (today's date) fixed.
#[db_test]
async fn the_sla_panel_in_latvian_and_english(t: TestDb) {
    let app = TestApp::start(t).await;
    let (w, db) = (&app.world, &app.db.db);
    let p = policy(db, w.desk_id).await;
    // 1 December 2026, 09:00 in Riga.
    let base = 1_796_108_400_000_i64;
    let done = w.file(db, &w.customer_a, "Neiet printeris").await;
    put(
        db,
        &p,
        &done,
        &w.agent,
        clock(
            Goal::FirstResponse,
            ClockState::Met,
            Some(base),
            45 * MIN,
            HOUR,
        ),
    )
    .await;
    put(
        db,
        &p,
        &done,
        &w.agent,
        Clock {
            stopped_at: Some(ts(base + 20 * HOUR * 1000)),
            ..clock(
                Goal::Resolution,
                ClockState::Breached,
                Some(base + 16 * HOUR * 1000),
                19 * HOUR + 30 * MIN,
                16 * HOUR,
            )
        },
    )
    .await;
    let waiting = w.file(db, &w.customer_a, "Gaidām detaļas").await;
    put(
        db,
        &p,
        &waiting,
        &w.agent,
        clock(
            Goal::FirstResponse,
            ClockState::Met,
            Some(base),
            10 * MIN,
            HOUR,
        ),
    )
    .await;
    put(
        db,
        &p,
        &waiting,
        &w.agent,
        clock(
            Goal::Resolution,
            ClockState::Paused,
            None,
            2 * HOUR + 20 * MIN,
            16 * HOUR,
        ),
    )
    .await;

    for lang in ["lv", "en"] {
        let mut agent = agent(&app, lang).await;
        for (name, key) in [("met-breached", &done), ("met-paused", &waiting)] {
            let text = agent.get(&format!("/tickets/{key}")).await.text();
            insta::assert_snapshot!(format!("{name}-{lang}"), sla_panel(&text));
        }
    }
}

/// The keys of the listed tickets, in the order shown.
fn listed(html: &str) -> Vec<String> {
    html.split(r#"name="ticket" value=""#)
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_owned())
        .collect()
}

/// The *Termiņš* cell of a ticket's row.
fn due_cell<'a>(html: &'a str, key: &str) -> &'a str {
    let row = html
        .find(&format!("name=\"ticket\" value=\"{key}\""))
        .unwrap_or_else(|| panic!("row {key}"));
    let start = row + html[row..].find("sla-due-cell").unwrap();
    let end = start + html[start..].find("</td>").unwrap();
    &html[start..end]
}

/// Five tickets: no clock, due in 3 h, breached, paused, due in 30 min.
async fn queue_world(app: &TestApp) -> (Vec<TicketKey>, i64) {
    let (w, db) = (&app.world, &app.db.db);
    let p = policy(db, w.desk_id).await;
    let mut keys = Vec::new();
    for summary in [
        "Bez termiņa",
        "Pēc trim stundām",
        "Nokavēts",
        "Apturēts",
        "Pēc pusstundas",
    ] {
        keys.push(w.file(db, &w.customer_a, summary).await);
    }
    let now = now_ms();
    let in_3h = now + 3 * HOUR * 1000;
    put(
        db,
        &p,
        &keys[1],
        &w.agent,
        clock(
            Goal::FirstResponse,
            ClockState::Running,
            Some(in_3h),
            HOUR,
            4 * HOUR,
        ),
    )
    .await;
    put(
        db,
        &p,
        &keys[1],
        &w.agent,
        clock(
            Goal::Resolution,
            ClockState::Running,
            Some(now + 15 * HOUR * 1000),
            HOUR,
            16 * HOUR,
        ),
    )
    .await;
    put(
        db,
        &p,
        &keys[2],
        &w.agent,
        clock(
            Goal::FirstResponse,
            ClockState::Breached,
            Some(now - HOUR * 1000),
            4 * HOUR,
            4 * HOUR,
        ),
    )
    .await;
    put(
        db,
        &p,
        &keys[3],
        &w.agent,
        clock(Goal::Resolution, ClockState::Paused, None, HOUR, 16 * HOUR),
    )
    .await;
    put(
        db,
        &p,
        &keys[4],
        &w.agent,
        clock(
            Goal::FirstResponse,
            ClockState::Met,
            Some(now - HOUR * 1000),
            10 * MIN,
            4 * HOUR,
        ),
    )
    .await;
    put(
        db,
        &p,
        &keys[4],
        &w.agent,
        clock(
            Goal::Resolution,
            ClockState::Running,
            Some(now + 30 * MIN * 1000),
            15 * HOUR,
            16 * HOUR,
        ),
    )
    .await;
    (keys, in_3h)
}

#[db_test]
async fn the_queue_shows_when_each_ticket_is_due_or_that_it_is_breached_or_paused(t: TestDb) {
    let app = TestApp::start(t).await;
    let (k, in_3h) = queue_world(&app).await;
    let mut agent = agent(&app, "lv").await;
    let html = agent.get("/tickets").await.text();
    assert!(
        html.contains(">Termiņš</a></th>"),
        "a sortable Termiņš column"
    );
    assert!(due_cell(&html, &k[0].to_string()).ends_with(">nav"));
    let earliest = atbalsts_i18n::format_datetime(Locale::Lv, in_3h);
    assert!(
        due_cell(&html, &k[1].to_string()).contains(&format!("<time>{earliest}</time>")),
        "the earliest running goal"
    );
    assert!(due_cell(&html, &k[2].to_string()).contains(">nokavēts</span>"));
    assert!(due_cell(&html, &k[3].to_string()).contains(">apturēts</span>"));
}

#[db_test]
async fn breaches_soonest_lists_breached_then_the_earliest_due_and_timeless_tickets_last(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    let (k, _) = queue_world(&app).await;
    let k: Vec<String> = k.iter().map(|k| k.to_string()).collect();
    let mut agent = agent(&app, "lv").await;
    let html = agent.get("/tickets").await.text();
    let soonest = html
        .split("id=\"sort-due\" href=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a breaches-soonest link")
        .replace("&amp;", "&");
    assert!(html.contains("Pirmie nokavējamie"));
    let page = agent.get(&soonest).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        listed(&page.text()),
        [&k[2], &k[4], &k[1], &k[0], &k[3]].map(String::as_str)
    );
    let html = page.text();
    assert!(html.contains(
        "aria-sort=\"ascending\"><a class=\"sort\" href=\"/tickets?sort=due&amp;dir=desc\">Termiņš"
    ));
}

#[db_test]
async fn breaches_soonest_pages_on_without_losing_or_repeating_a_ticket(t: TestDb) {
    let app = TestApp::start(t).await;
    let (w, db) = (&app.world, &app.db.db);
    let p = policy(db, w.desk_id).await;
    let now = now_ms();
    // 60 tickets (more than a page of 50): every other one due at a time
    // that does not follow its number, some at the same instant.
    let mut expected = Vec::new();
    let mut timeless = Vec::new();
    for i in 0..60i64 {
        let key = w.file(db, &w.customer_a, &format!("Pieteikums {i}")).await;
        if i % 2 == 0 {
            let due = now + ((i * 7) % 11 + 1) * HOUR * 1000;
            put(
                db,
                &p,
                &key,
                &w.agent,
                clock(
                    Goal::Resolution,
                    ClockState::Running,
                    Some(due),
                    0,
                    16 * HOUR,
                ),
            )
            .await;
            expected.push((due, key.number, key.to_string()));
        } else {
            timeless.push(key.to_string());
        }
    }
    expected.sort();
    let mut expected: Vec<String> = expected.into_iter().map(|(_, _, k)| k).collect();
    expected.extend(timeless);

    let mut agent = agent(&app, "lv").await;
    let first = agent.get("/tickets?sort=due&dir=asc").await.text();
    let mut seen = listed(&first);
    assert_eq!(seen.len(), 50);
    let next = first
        .split("after=")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a next page");
    let second = agent
        .get(&format!("/tickets?sort=due&dir=asc&after={next}"))
        .await
        .text();
    seen.extend(listed(&second));
    assert_eq!(seen, expected);
}

#[db_test]
async fn an_agent_filters_the_queue_to_breached_tickets_or_those_due_within_hours(t: TestDb) {
    let app = TestApp::start(t).await;
    let (k, _) = queue_world(&app).await;
    let k: Vec<String> = k.iter().map(|k| k.to_string()).collect();
    let mut agent = agent(&app, "lv").await;
    let html = agent.get("/tickets").await.text();
    assert!(html.contains("<label for=\"f-due\">Termiņš</label>"));
    assert!(
        html.contains("<option value=\"4\">beidzas 4 stundu laikā</option>"),
        "{html}"
    );
    for (due, expected) in [
        ("breached", vec![&k[2]]),
        ("1", vec![&k[2], &k[4]]),
        ("4", vec![&k[1], &k[2], &k[4]]),
        ("24", vec![&k[1], &k[2], &k[4]]),
        ("", vec![&k[0], &k[1], &k[2], &k[3], &k[4]]),
    ]
    .map(|(due, keys)| (due, keys.into_iter().cloned().collect::<Vec<String>>()))
    {
        let page = agent.get(&format!("/tickets?due={due}&sort=key")).await;
        assert_eq!(listed(&page.text()), expected, "due={due}");
        if !due.is_empty() {
            assert!(page
                .text()
                .contains(&format!("<option value=\"{due}\" selected")));
        }
    }
}

#[db_test]
async fn the_api_gives_each_goal_of_a_ticket_under_sla_and_an_empty_list_without_clocks(t: TestDb) {
    let app = TestApp::start(t).await;
    let (w, db) = (&app.world, &app.db.db);
    let p = policy(db, w.desk_id).await;
    let timed = w.file(db, &w.customer_a, "Ar termiņu").await;
    let bare = w.file(db, &w.customer_a, "Bez termiņa").await;
    let due = now_ms() + (2 * HOUR + 30) * 1000;
    put(
        db,
        &p,
        &timed,
        &w.agent,
        clock(
            Goal::FirstResponse,
            ClockState::Running,
            Some(due),
            2 * HOUR,
            4 * HOUR,
        ),
    )
    .await;
    put(
        db,
        &p,
        &timed,
        &w.agent,
        Clock {
            paused_secs: 600,
            ..clock(
                Goal::Resolution,
                ClockState::Paused,
                None,
                5 * HOUR,
                16 * HOUR,
            )
        },
    )
    .await;
    let token = app.token_for(&w.agent).await;

    let got = app
        .api("GET", &format!("/api/v1/tickets/{timed}"), &token, None)
        .await;
    assert_eq!(got.status, StatusCode::OK);
    let sla = got.json()["sla"].clone();
    assert_eq!(sla.as_array().unwrap().len(), 2, "{sla}");
    let first = &sla[0];
    assert_eq!(first["goal"], "first_response");
    assert_eq!(first["state"], "running");
    assert_eq!(
        first["due_at"], due,
        "milliseconds like the ticket's other times"
    );
    let left = first["remaining_secs"].as_i64().unwrap();
    assert!((2 * HOUR - 60..=2 * HOUR + 30).contains(&left), "{left}");
    assert_eq!(
        (first["target_secs"].as_i64(), first["used_secs"].as_i64()),
        (Some(4 * HOUR), Some(2 * HOUR))
    );
    let second = &sla[1];
    assert_eq!(second["goal"], "resolution");
    assert_eq!(second["state"], "paused");
    assert!(second["due_at"].is_null());
    assert_eq!(second["remaining_secs"], 11 * HOUR);
    assert_eq!(second["paused_secs"], 600);

    let got = app
        .api("GET", &format!("/api/v1/tickets/{bare}"), &token, None)
        .await;
    assert_eq!(got.json()["sla"], serde_json::json!([]));

    let list = app.api("GET", "/api/v1/tickets", &token, None).await.json();
    let items = list["items"].as_array().unwrap();
    let of = |key: &TicketKey| {
        items
            .iter()
            .find(|i| i["key"] == key.to_string())
            .map(|i| i["sla"].as_array().unwrap().len())
    };
    assert_eq!((of(&timed), of(&bare)), (Some(2), Some(0)));
}

/// The text after "expected answer by" on the page, if shown.
fn expected_answer(html: &str) -> Option<String> {
    let start = html.find("<time id=\"expected-answer\">")? + 27;
    Some(html[start..start + html[start..].find("</time>")?].to_owned())
}

#[db_test]
async fn a_customer_sees_when_to_expect_an_answer_only_where_the_desk_shows_it(t: TestDb) {
    let app = TestApp::start(t).await;
    let (w, db) = (&app.world, &app.db.db);
    let p = policy(db, w.desk_id).await;
    let answering = w.file(db, &w.customer_a, "Gaidu atbildi").await;
    let resolving = w.file(db, &w.customer_a, "Gaidu risinājumu").await;
    let bare = w.file(db, &w.customer_a, "Bez termiņa").await;
    let first_due = now_ms() + 2 * HOUR * 1000;
    let resolution_due = now_ms() + 10 * HOUR * 1000;
    put(
        db,
        &p,
        &answering,
        &w.agent,
        clock(
            Goal::FirstResponse,
            ClockState::Running,
            Some(first_due),
            0,
            4 * HOUR,
        ),
    )
    .await;
    put(
        db,
        &p,
        &answering,
        &w.agent,
        clock(
            Goal::Resolution,
            ClockState::Running,
            Some(resolution_due),
            0,
            16 * HOUR,
        ),
    )
    .await;
    put(
        db,
        &p,
        &resolving,
        &w.agent,
        clock(
            Goal::FirstResponse,
            ClockState::Met,
            Some(first_due),
            HOUR,
            4 * HOUR,
        ),
    )
    .await;
    put(
        db,
        &p,
        &resolving,
        &w.agent,
        clock(
            Goal::Resolution,
            ClockState::Running,
            Some(resolution_due),
            HOUR,
            16 * HOUR,
        ),
    )
    .await;

    let mut customer = Browser::new(&app);
    customer.sign_in("janis@lnb.lv").await;
    let page = customer.get(&format!("/tickets/{answering}")).await.text();
    assert!(
        page.contains("<dt>Paredzamā atbilde līdz</dt>"),
        "shown by default"
    );
    assert_eq!(
        expected_answer(&page),
        Some(atbalsts_i18n::format_datetime(Locale::Lv, first_due))
    );
    let page = customer.get(&format!("/tickets/{resolving}")).await.text();
    assert_eq!(
        expected_answer(&page),
        Some(atbalsts_i18n::format_datetime(Locale::Lv, resolution_due)),
        "once answered, the resolution's due time"
    );
    switch_language(&mut customer, "en").await;
    let page = customer.get(&format!("/tickets/{answering}")).await.text();
    assert!(page.contains("<dt>Expected answer by</dt>"));
    let page = customer.get(&format!("/tickets/{bare}")).await.text();
    assert_eq!(expected_answer(&page), None, "no clocks, nothing promised");

    sqlx::query("UPDATE desks SET sla_show_customer = 0 WHERE id = $1")
        .bind(w.desk_id)
        .execute(db.write())
        .await
        .unwrap();
    let page = customer.get(&format!("/tickets/{answering}")).await.text();
    assert_eq!(expected_answer(&page), None, "the desk does not show it");
    assert!(!page.contains("Expected answer by"));
}

#[db_test]
async fn a_customer_of_another_institution_never_sees_the_ticket_or_its_due_time(t: TestDb) {
    let app = TestApp::start(t).await;
    let (w, db) = (&app.world, &app.db.db);
    let p = policy(db, w.desk_id).await;
    let key = w.file(db, &w.customer_a, "Gaidu atbildi").await;
    put(
        db,
        &p,
        &key,
        &w.agent,
        clock(
            Goal::FirstResponse,
            ClockState::Running,
            Some(now_ms() + HOUR * 1000),
            0,
            4 * HOUR,
        ),
    )
    .await;
    let mut own = Browser::new(&app);
    own.sign_in("janis@lnb.lv").await;
    assert!(expected_answer(&own.get(&format!("/tickets/{key}")).await.text()).is_some());

    let mut other = Browser::new(&app);
    other.sign_in("anna@lnmm.lv").await;
    let page = other.get(&format!("/tickets/{key}")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(expected_answer(&page.text()), None);
    let token = app.token_for(&w.customer_b).await;
    let got = app
        .api("GET", &format!("/api/v1/tickets/{key}"), &token, None)
        .await;
    assert_eq!(got.status, StatusCode::NOT_FOUND);
    assert!(!got.text().contains("\"sla\""));
}

/// The rows of the ticket page's history table that name `label`, each
/// as its cells' text.
fn history_rows(page: &str, label: &str) -> Vec<String> {
    let start = page.find("<table class=\"history\">").expect("history");
    let end = start + page[start..].find("</table>").unwrap();
    page[start..end]
        .split("<tr>")
        .filter(|r| r.contains(&format!("<td>{label}</td>")))
        .map(|r| r.trim().to_owned())
        .collect()
}

#[db_test]
async fn a_policy_chosen_again_and_a_breach_read_as_words_in_the_history_in_both_languages(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    let (w, db) = (&app.world, &app.db.db);
    let calendar = Calendar::new(CalendarSpec::always_open()).unwrap();
    let cal = calendars::create(db, w.desk_id, "24x7", "Visu diennakti", "24x7", &calendar)
        .await
        .unwrap();
    for (code, lv, en, priorities) in [
        (
            "kritiskie",
            "Kritiskie pieteikumi",
            "Critical tickets",
            vec!["critical".to_owned()],
        ),
        (
            "parastie",
            "Parastie pieteikumi",
            "Ordinary tickets",
            Vec::new(),
        ),
    ] {
        policies::create(
            db,
            w.desk_id,
            &policies::NewPolicy {
                code: code.into(),
                name_lv: lv.into(),
                name_en: en.into(),
                calendar_id: cal,
                conditions: atbalsts_domain::sla::Conditions {
                    priorities,
                    ..Default::default()
                },
                warn_percent: 75,
                breach_priority: None,
                breach_team_id: None,
                goals: vec![GoalTarget::check(Goal::Resolution, 8 * HOUR).unwrap()],
            },
        )
        .await
        .unwrap();
    }
    let key = w.file(db, &w.customer_a, "Nestrādā serveris").await;
    let ticket = tickets::ticket_for(db, &w.agent, &key)
        .await
        .unwrap()
        .unwrap();
    // Raised to critical: the refresh chooses the other policy again.
    let change = tickets::Triage {
        impact: None,
        urgency: None,
        priority: Some(atbalsts_domain::Priority::Critical),
        reason: "Skar visu iestādi".into(),
        team_id: ticket.team_id,
        assignee_id: ticket.assignee_id,
        category_id: ticket.category_id,
        root_cause_id: ticket.root_cause_id,
    };
    tickets::triage(db, &w.agent, &ticket, &change, None, |_| Vec::new())
        .await
        .unwrap();
    // And its breach timer runs.
    let payload: String =
        sqlx::query("SELECT payload FROM jobs WHERE kind = $1 ORDER BY id DESC LIMIT 1")
            .bind(atbalsts_store::sla::timers::BREACH_JOB)
            .fetch_one(db.read())
            .await
            .map(|r| sqlx::Row::get(&r, 0))
            .unwrap();
    let no_mail =
        |_: &atbalsts_store::sla::timers::Notice| -> Vec<atbalsts_store::notifications::NewNotification> {
            Vec::new()
        };
    assert!(
        atbalsts_store::sla::timers::breach(db, &payload, now_ms(), &no_mail)
            .await
            .unwrap()
    );

    for (lang, policy, breached) in [
        (
            "lv",
            "<td>SLA politika</td><td>Parastie pieteikumi</td><td>Kritiskie pieteikumi</td>",
            "<td>SLA termiņš nokavēts</td><td></td><td>Atrisināšana</td>",
        ),
        (
            "en",
            "<td>SLA policy</td><td>Ordinary tickets</td><td>Critical tickets</td>",
            "<td>SLA goal breached</td><td></td><td>Resolution</td>",
        ),
    ] {
        let mut b = agent(&app, lang).await;
        let page = b.get(&format!("/tickets/{key}")).await.text();
        let label = if lang == "lv" {
            "SLA politika"
        } else {
            "SLA policy"
        };
        let rows = history_rows(&page, label);
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert!(rows[0].contains(policy), "{}", rows[0]);
        assert!(rows[0].contains("<td>SLA</td>"), "by the SLA: {}", rows[0]);
        let label = if lang == "lv" {
            "SLA termiņš nokavēts"
        } else {
            "SLA goal breached"
        };
        let rows = history_rows(&page, label);
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert!(rows[0].contains(breached), "{}", rows[0]);
        assert!(!page.contains("<td>resolution</td>"), "no goal code shown");
        assert!(!page.contains("<td>sla_policy</td>"), "no field code shown");
    }
}
