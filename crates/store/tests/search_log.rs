//! The search change log: every change to what the full-text index holds
//! is noted in the transaction of the change, so each instance's index can
//! follow the database.

use atbalsts_store::search_log::{self, Change, REQUEST_TYPE, TICKET};
use atbalsts_store::tickets::{add_comment, ticket_for, transition};
use atbalsts_store::{catalogue, now_ms, Db, Labels};
use atbalsts_testkit::{db_test, TestDb};

/// The entities noted after change `after`, as (kind, id), and the last id.
async fn noted_after(db: &Db, after: i64) -> (Vec<(String, i64)>, i64) {
    let changes: Vec<Change> = search_log::since(db, after, i64::MAX, 1000).await.unwrap();
    let last = changes.last().map_or(after, |c| c.id);
    let mut noted: Vec<(String, i64)> =
        changes.into_iter().map(|c| (c.kind, c.entity_id)).collect();
    noted.dedup();
    (noted, last)
}

#[db_test]
async fn filing_replying_and_moving_a_ticket_are_each_noted_for_search(t: TestDb) {
    let w = t.world().await;
    let key = w.file(&t.db, &w.customer_a, "Neiet printeris").await;
    let ticket = ticket_for(&t.db, &w.agent, &key).await.unwrap().unwrap();
    let (noted, last) = noted_after(&t.db, 0).await;
    assert_eq!(noted, [(TICKET.to_owned(), ticket.id)]);

    add_comment(&t.db, &w.agent, &ticket, "Skatāmies", true, &[])
        .await
        .unwrap();
    let (noted, last) = noted_after(&t.db, last).await;
    assert_eq!(noted, [(TICKET.to_owned(), ticket.id)]);

    transition(&t.db, &w.agent, &ticket, "in_progress", None)
        .await
        .unwrap();
    let (noted, _) = noted_after(&t.db, last).await;
    assert_eq!(noted, [(TICKET.to_owned(), ticket.id)]);
}

#[db_test]
async fn saving_and_retiring_request_types_are_noted_for_search(t: TestDb) {
    let w = t.world().await;
    let group = catalogue::save_group(
        &t.db,
        w.desk_id,
        "ikt",
        &Labels::new("IKT", "ICT"),
        &Labels::default(),
    )
    .await
    .unwrap();
    let mut settings = catalogue::RequestTypeSettings {
        group_id: group,
        code: "printeris".into(),
        labels: Labels::new("Printeris", "Printer"),
        descriptions: Labels::default(),
        ticket_type_id: w.incident_type,
        team_id: None,
        service: String::new(),
        open_to_external: false,
        needs_approval: false,
        approvers: String::new(),
    };
    let id = catalogue::save_request_type(&t.db, w.desk_id, &settings)
        .await
        .unwrap();
    let (noted, last) = noted_after(&t.db, 0).await;
    assert_eq!(noted, [(REQUEST_TYPE.to_owned(), id)]);

    settings.labels = Labels::new("Printera kļūme", "Printer fault");
    catalogue::save_request_type(&t.db, w.desk_id, &settings)
        .await
        .unwrap();
    let (noted, last) = noted_after(&t.db, last).await;
    assert_eq!(noted, [(REQUEST_TYPE.to_owned(), id)]);

    // Renaming the group renames what its request types are found by.
    catalogue::save_group(
        &t.db,
        w.desk_id,
        "ikt",
        &Labels::new("Datori", "Computers"),
        &Labels::default(),
    )
    .await
    .unwrap();
    let (noted, last) = noted_after(&t.db, last).await;
    assert_eq!(noted, [(REQUEST_TYPE.to_owned(), id)]);

    catalogue::retire_request_type(&t.db, w.desk_id, id)
        .await
        .unwrap();
    let (noted, _) = noted_after(&t.db, last).await;
    assert_eq!(noted, [(REQUEST_TYPE.to_owned(), id)]);
}

#[db_test]
async fn pruning_keeps_the_newest_change_as_the_mark_of_the_log(t: TestDb) {
    let w = t.world().await;
    assert_eq!(search_log::latest_id(&t.db).await.unwrap(), None);
    w.file(&t.db, &w.customer_a, "Viens").await;
    w.file(&t.db, &w.customer_a, "Divi").await;
    let latest = search_log::latest_id(&t.db).await.unwrap().unwrap();
    let oldest = search_log::oldest_id(&t.db).await.unwrap().unwrap();
    assert!(oldest < latest);
    // Nothing is old enough yet.
    assert_eq!(
        search_log::prune(&t.db, now_ms() - 60_000).await.unwrap(),
        0
    );
    assert!(search_log::prune(&t.db, now_ms() + 60_000).await.unwrap() > 0);
    assert_eq!(search_log::oldest_id(&t.db).await.unwrap(), Some(latest));
    assert_eq!(search_log::latest_id(&t.db).await.unwrap(), Some(latest));
}

#[db_test]
async fn the_search_log_arrives_on_an_existing_database(t: TestDb) {
    atbalsts_store::migrate(&t.db, Some(11)).await.unwrap();
    let applied = atbalsts_store::migrate(&t.db, None).await.unwrap();
    assert!(applied.contains(&12));
    search_log::note(t.db.write(), search_log::ARTICLE, 7)
        .await
        .unwrap();
    let changes = search_log::since(&t.db, 0, i64::MAX, 10).await.unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(
        (changes[0].kind.as_str(), changes[0].entity_id),
        ("article", 7)
    );
}
