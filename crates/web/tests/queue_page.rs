//! The staff queue's layout: orders chosen by the column headers (and kept
//! across pages), the compact density, bulk actions next to the selection,
//! and snapshots of the page in both languages.

use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};
use axum::http::StatusCode;

/// Three tickets, KISC-1 to KISC-3, created in that order a minute apart
/// and last updated in the order KISC-2, KISC-3, KISC-1.
async fn three_tickets(app: &TestApp) -> Vec<String> {
    let db = &app.db.db;
    let w = &app.world;
    let mut keys = Vec::new();
    for (summary, created, updated) in [
        ("Neiet printeris", 0, 3),
        ("Nevar pieslēgties e-pastam", 1, 1),
        ("Jauna darbinieka darbavieta", 2, 2),
    ] {
        let key = w.file(db, &w.customer_a, summary).await.to_string();
        // 1 December 2026, 09:00 in Riga, plus whole minutes.
        let base = 1_796_108_400_000_i64;
        sqlx::query(
            "UPDATE tickets SET created_at = $1, updated_at = $2 WHERE number = $3 AND desk_id = $4",
        )
        .bind(base + created * 60_000)
        .bind(base + 3_600_000 + updated * 60_000)
        .bind(key.rsplit('-').next().unwrap().parse::<i64>().unwrap())
        .bind(w.desk_id)
        .execute(db.write())
        .await
        .unwrap();
        keys.push(key);
    }
    keys
}

/// The keys of the listed tickets, in the order shown.
fn listed(html: &str) -> Vec<String> {
    html.split(r#"name="ticket" value=""#)
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_owned())
        .collect()
}

async fn agent(app: &TestApp) -> Browser<'_> {
    let mut agent = Browser::new(app);
    agent.sign_in("agents@kisc.lv").await;
    agent
}

#[db_test]
async fn an_agent_sorts_the_queue_by_key_creation_or_update_either_way(t: TestDb) {
    let app = TestApp::start(t).await;
    let k = three_tickets(&app).await;
    let mut agent = agent(&app).await;
    for (query, order) in [
        ("", [&k[0], &k[2], &k[1]]),
        ("?sort=updated&dir=desc", [&k[0], &k[2], &k[1]]),
        ("?sort=updated&dir=asc", [&k[1], &k[2], &k[0]]),
        ("?sort=created&dir=desc", [&k[2], &k[1], &k[0]]),
        ("?sort=created&dir=asc", [&k[0], &k[1], &k[2]]),
        ("?sort=key", [&k[0], &k[1], &k[2]]),
        ("?sort=key&dir=desc", [&k[2], &k[1], &k[0]]),
    ] {
        let page = agent.get(&format!("/tickets{query}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(
            listed(&page.text()),
            order.map(String::as_str),
            "/tickets{query}"
        );
    }
}

#[db_test]
async fn the_sorted_column_says_so_and_its_header_turns_the_order_round(t: TestDb) {
    let app = TestApp::start(t).await;
    three_tickets(&app).await;
    let mut agent = agent(&app).await;
    let html = agent.get("/tickets?state=all&sort=key").await.text();
    assert_eq!(html.matches("aria-sort=").count(), 1, "{html}");
    assert!(
        html.contains(r#"<th scope="col" aria-sort="ascending"><a class="sort" href="/tickets?state=all&amp;sort=key&amp;dir=desc">Numurs</a></th>"#),
        "{html}"
    );
    // The other columns start in their usual direction: newest first.
    assert!(
        html.contains(r#"href="/tickets?state=all&amp;sort=created&amp;dir=desc">Izveidots</a>"#),
        "{html}"
    );
    // The filter form keeps the order.
    assert!(
        html.contains(r#"<input type="hidden" name="sort" value="key"><input type="hidden" name="dir" value="asc">"#),
        "{html}"
    );
}

#[db_test]
async fn pages_of_a_sorted_queue_follow_on_in_that_order(t: TestDb) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let w = &app.world;
    let mut keys = Vec::new();
    // One more than a page of 50.
    for i in 0..51 {
        keys.push(
            w.file(db, &w.customer_a, &format!("Pieteikums {i}"))
                .await
                .to_string(),
        );
    }
    let mut agent = agent(&app).await;
    let first = agent.get("/tickets?sort=key&dir=asc").await.text();
    assert_eq!(listed(&first), keys[..50]);
    let next = first
        .split(r#"<p><a href="/tickets?"#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a link to the next page")
        .replace("&amp;", "&");
    assert!(next.starts_with("sort=key&dir=asc&after="), "{next}");
    let second = agent.get(&format!("/tickets?{next}")).await.text();
    assert_eq!(listed(&second), keys[50..]);
}

#[db_test]
async fn an_agent_switches_to_the_compact_queue_and_it_stays_compact(t: TestDb) {
    let app = TestApp::start(t).await;
    three_tickets(&app).await;
    let mut agent = agent(&app).await;
    let roomy = agent.get("/tickets").await.text();
    assert!(roomy.contains(r#"<table class="tickets">"#), "{roomy}");
    assert!(roomy.contains(r#"href="/tickets?density=compact">Kompakts skats</a>"#));

    let compact = agent.get("/tickets?density=compact").await;
    assert!(compact
        .text()
        .contains(r#"<table class="tickets compact">"#));
    assert!(compact
        .text()
        .contains(r#"href="/tickets?density=comfortable">Plašs skats</a>"#));
    // Remembered in this browser for the next visit.
    let later = agent.get("/tickets?state=all").await.text();
    assert!(
        later.contains(r#"<table class="tickets compact">"#),
        "{later}"
    );

    agent.get("/tickets?density=comfortable").await;
    let again = agent.get("/tickets").await.text();
    assert!(again.contains(r#"<table class="tickets">"#));
}

#[db_test]
async fn bulk_actions_belong_to_the_selection_and_show_without_a_script(t: TestDb) {
    let app = TestApp::start(t).await;
    let keys = three_tickets(&app).await;
    let mut agent = agent(&app).await;
    let html = agent.get("/tickets").await.text();
    let form = html
        .split(r#"<form method="post" action="/tickets/bulk" id="bulk">"#)
        .nth(1)
        .expect("the bulk form")
        .split("</form>")
        .next()
        .unwrap();
    // The actions are in the form with the checkboxes, not hidden: a
    // script hides them until something is ticked.
    assert!(
        form.contains(r#"<fieldset class="bulk" data-bulk>"#),
        "{form}"
    );
    assert!(!form.contains("hidden>"), "{form}");
    for key in &keys {
        assert!(form.contains(&format!(
            r#"<input type="checkbox" name="ticket" value="{key}" id="sel-{key}" aria-label="Atlasīt {key}">"#
        )));
    }
    assert!(form.contains(r#"<button type="submit">Mainīt atlasītos</button>"#));

    // A customer's list has neither bulk actions nor sort links.
    let mut customer = Browser::new(&app);
    customer.sign_in("janis@lnb.lv").await;
    let mine = customer.get("/tickets").await.text();
    assert!(!mine.contains("/tickets/bulk"));
    assert!(!mine.contains("aria-sort"));
}

/// The page's main part with the CSRF token left out.
fn main_of(page: &atbalsts_testkit::TestResponse) -> String {
    let html = page.text();
    let csrf = Browser::csrf(page);
    let start = html.find("<main").unwrap();
    let end = html.find("</main>").unwrap() + "</main>".len();
    html[start..end].replace(&csrf, "[csrf]")
}

#[db_test]
async fn the_queue_in_latvian_and_english(t: TestDb) {
    let app = TestApp::start(t).await;
    three_tickets(&app).await;
    let mut agent = agent(&app).await;
    insta::assert_snapshot!("queue_lv", main_of(&agent.get("/tickets").await));
    agent.cookies.push(("atb_lang".into(), "en".into()));
    insta::assert_snapshot!("queue_en", main_of(&agent.get("/tickets").await));
}

#[db_test]
async fn an_agent_narrows_the_queue_by_priority_and_channel(t: TestDb) {
    use atbalsts_domain::{Channel, Priority};
    let app = TestApp::start(t).await;
    let (db, w) = (&app.db.db, &app.world);
    let mut keys = Vec::new();
    for (summary, channel, priority) in [
        ("Neiet printeris", Channel::Phone, Priority::High),
        ("Nav interneta", Channel::Phone, Priority::Low),
        ("Jauns dators", Channel::Email, Priority::High),
    ] {
        let mut new = w.new_ticket(&w.customer_a, summary);
        new.channel = channel;
        new.priority = priority;
        let key = atbalsts_store::tickets::create_ticket(db, &w.agent, &new)
            .await
            .unwrap();
        keys.push(key.to_string());
    }
    let mut agent = agent(&app).await;
    for (query, expected) in [
        ("priority=high", vec![&keys[2], &keys[0]]),
        ("channel=phone", vec![&keys[1], &keys[0]]),
        ("priority=high&channel=phone", vec![&keys[0]]),
        ("priority=urgent", vec![&keys[2], &keys[1], &keys[0]]),
    ] {
        let page = agent.get(&format!("/tickets?view=all&{query}")).await;
        assert_eq!(page.status, StatusCode::OK);
        let expected: Vec<String> = expected.into_iter().cloned().collect();
        assert_eq!(listed(&page.text()), expected, "{query}");
    }
}
