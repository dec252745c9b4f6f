//! Staff narrow the ticket list by any field, save the selection as a
//! queue of their own or shared with the desk, and see its live count.

use atbalsts_store::{queues, tickets};
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};
use axum::http::StatusCode;

#[db_test]
async fn an_agent_filters_by_priority_and_channel_and_shares_the_selection_as_a_queue(t: TestDb) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let w = &app.world;
    let mut urgent = w.new_ticket(&w.customer_a, "Serveris nestrādā");
    urgent.priority = atbalsts_domain::Priority::High;
    urgent.channel = atbalsts_domain::Channel::Phone;
    let urgent = tickets::create_ticket(db, &w.agent, &urgent)
        .await
        .unwrap()
        .to_string();
    let calm = w.file(db, &w.customer_a, "Jauna pele").await.to_string();

    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    let list = agent.get("/tickets?priority=high&channel=phone").await;
    let html = list.text();
    assert!(html.contains(&format!(">{urgent}</a>")), "{html}");
    assert!(!html.contains(&format!(">{calm}</a>")));
    // Dates: created today is in, created before tomorrow is in, a range ending yesterday is empty.
    let today = jiff::Zoned::now().date();
    let fmt = |d: jiff::civil::Date| format!("{:02}.{:02}.{}", d.day(), d.month(), d.year());
    let html = agent
        .get(&format!("/tickets?created_from={}", fmt(today)))
        .await
        .text();
    assert!(html.contains(&format!(">{calm}</a>")));
    let html = agent
        .get(&format!(
            "/tickets?created_to={}",
            fmt(today.yesterday().unwrap())
        ))
        .await
        .text();
    assert!(!html.contains(&format!(">{calm}</a>")));

    let csrf = Browser::csrf(&list);
    let desk = w.desk_id.to_string();
    let r = agent
        .post(
            "/tickets/queues",
            &[
                ("_csrf", &csrf),
                ("query", "priority=high&channel=phone&after=abc"),
                ("queue_name", "Zvani ar augstu prioritāti"),
                ("share_desk", &desk),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(r.header("location"), "/tickets?priority=high&channel=phone");
    let html = agent.get("/tickets").await.text();
    assert!(
        html.contains("Zvani ar augstu prioritāti <span class=\"count\">(1)</span>"),
        "{html}"
    );

    // Shared: another agent of the desk sees it; a customer cannot save one.
    let saved = queues::visible(db, &w.desk_admin).await.unwrap();
    assert_eq!(saved.len(), 1, "the desk's other staff see a shared queue");
    assert_eq!(saved[0].query, "priority=high&channel=phone");
    let mut customer = Browser::new(&app);
    customer.sign_in("janis@lnb.lv").await;
    let csrf = Browser::csrf(&customer.get("/tickets").await);
    let r = customer
        .post(
            "/tickets/queues",
            &[
                ("_csrf", &csrf),
                ("query", "q=x"),
                ("queue_name", "x"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
