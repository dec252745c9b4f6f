//! Two agents on one ticket: the second save is refused with what changed
//! since the page was opened, and what was typed is kept.

use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};
use axum::http::StatusCode;

/// The value of hidden input `name` on the page.
fn hidden(html: &str, name: &str) -> String {
    let at = html.find(&format!(r#"name="{name}" value=""#)).expect(name);
    let rest = &html[at + name.len() + 15..];
    rest[..rest.find('"').unwrap()].to_owned()
}

#[db_test]
async fn a_second_agents_stale_save_shows_what_changed_and_keeps_the_typing(t: TestDb) {
    let app = TestApp::start(t).await;
    let key = app
        .world
        .file(&app.db.db, &app.world.customer_a, "Neiet printeris")
        .await
        .to_string();
    let mut first = Browser::new(&app);
    first.sign_in("agents@kisc.lv").await;
    let stale = first.get(&format!("/tickets/{key}")).await;
    let html = stale.text();
    let (version, seen_at) = (hidden(&html, "version"), hidden(&html, "seen_at"));
    let csrf = Browser::csrf(&stale);

    // Meanwhile the desk administrator moves the ticket on.
    let mut second = Browser::new(&app);
    second.sign_in("admin@kisc.lv").await;
    let page = second.get(&format!("/tickets/{key}")).await;
    let r = second
        .post(
            &format!("/tickets/{key}/transition"),
            &[
                ("_csrf", &Browser::csrf(&page)),
                ("to", "in_progress"),
                ("version", &hidden(&page.text(), "version")),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);

    let r = first
        .post(
            &format!("/tickets/{key}/triage"),
            &[
                ("_csrf", &csrf),
                ("version", &version),
                ("seen_at", &seen_at),
                ("impact", "high"),
                ("urgency", "high"),
                ("priority", "critical"),
                ("priority_reason", "Visa nodaļa bez drukas"),
                ("team", ""),
                ("assignee", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let html = r.text();
    assert!(html.contains("Kopš atvērāt šo lapu, mainīts:"), "{html}");
    let notice = &html[html.find("Kopš atvērāt").unwrap()..];
    assert!(
        notice.contains("Dace Admine") && notice.contains("Statuss"),
        "{notice}"
    );
    assert!(
        html.contains(r#"value="Visa nodaļa bez drukas""#),
        "the reason typed is kept"
    );
}

#[db_test]
async fn an_agent_sees_the_requesters_other_open_requests(t: TestDb) {
    let app = TestApp::start(t).await;
    let (db, w) = (&app.db.db, &app.world);
    let first = w
        .file(db, &w.customer_a, "Neiet printeris")
        .await
        .to_string();
    let second = w.file(db, &w.customer_a, "Nav interneta").await.to_string();
    w.file(db, &w.customer_b, "Cita iestāde").await;
    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    let html = agent.get(&format!("/tickets/{first}")).await.text();
    let at = html.find(r#"<ul class="others">"#).expect("the list");
    let others = &html[at..at + html[at..].find("</ul>").unwrap()];
    assert!(others.contains(&second) && others.contains("Nav interneta"));
    assert!(!others.contains(&first) && !others.contains("Cita iestāde"));
}
