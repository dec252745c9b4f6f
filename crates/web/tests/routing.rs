//! Routing rules: a desk administrator writes a rule, tries it on an
//! existing ticket before saving, and new tickets then go where it says,
//! with the rule recorded in their history.

use atbalsts_store::tickets::{self, changes_of};
use atbalsts_store::{desks, routing};
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};
use axum::http::StatusCode;

async fn post(b: &mut Browser<'_>, form: Vec<(String, String)>) -> atbalsts_testkit::TestResponse {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    b.post("/admin/routing/KISC", &pairs).await
}

#[db_test]
async fn an_administrator_tries_a_rule_on_a_ticket_saves_it_and_new_tickets_follow_it(t: TestDb) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let w = &app.world;
    let infra = desks::create_team(db, w.desk_id, "Infrastruktūras nodaļa")
        .await
        .unwrap();
    let old = w
        .file(db, &w.customer_a, "HORIZON neļauj pieslēgties")
        .await
        .to_string();

    let mut admin = Browser::new(&app);
    admin.sign_in("admin@kisc.lv").await;
    let page = admin.get("/admin/routing/KISC").await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = Browser::csrf(&page);
    let team = infra.to_string();
    let rule = |action: &'static str, name: &'static str, team: &str| {
        vec![
            ("_csrf".to_owned(), csrf.clone()),
            ("rule_name".to_owned(), name.to_owned()),
            ("active".to_owned(), "1".to_owned()),
            ("keywords".to_owned(), "horizon, aleph".to_owned()),
            ("channels".to_owned(), "portal".to_owned()),
            ("team".to_owned(), team.to_owned()),
            ("try_key".to_owned(), old.clone()),
            ("action".to_owned(), action.to_owned()),
        ]
    };

    // A rule that does nothing is refused, with what was typed kept.
    let refused = post(&mut admin, rule("save", "Bibliotēku sistēmas", "")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text();
    assert!(html.contains("Norādiet vismaz vienu darbību"));
    assert!(html.contains(r#"value="Bibliotēku sistēmas""#));
    assert!(html.contains("horizon\naleph"));

    // Tried on an existing ticket before saving: it matches, nothing is saved.
    let tried = post(&mut admin, rule("try", "Bibliotēku sistēmas", &team)).await;
    assert_eq!(tried.status, StatusCode::OK);
    assert!(tried
        .text()
        .contains(&format!("Šis noteikums atbilst pieteikumam {old}.")));
    assert!(routing::rules_of(db, w.desk_id).await.unwrap().is_empty());

    let saved = post(&mut admin, rule("save", "Bibliotēku sistēmas", &team)).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    assert_eq!(routing::rules_of(db, w.desk_id).await.unwrap().len(), 1);

    // New tickets: one about ALEPH goes to infrastructure, one about a printer does not.
    let routed = w.file(db, &w.customer_a, "Alēph katalogs lēns").await;
    let other = w.file(db, &w.customer_a, "Neiet printeris").await;
    let get = |k| async move {
        tickets::ticket_for(db, &w.agent, &k)
            .await
            .unwrap()
            .unwrap()
    };
    let routed = get(routed).await;
    assert_eq!(routed.team_id, Some(infra));
    let history = changes_of(db, routed.id).await.unwrap();
    assert!(history
        .iter()
        .any(|c| c.field == "routed_by" && c.new_value.as_deref() == Some("Bibliotēku sistēmas")));
    assert_ne!(get(other).await.team_id, Some(infra));

    // Only the desk's administrators edit routing.
    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    assert_eq!(
        agent.get("/admin/routing/KISC").await.status,
        StatusCode::NOT_FOUND
    );
}
