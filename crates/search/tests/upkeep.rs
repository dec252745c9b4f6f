//! Nobody maintains the search index: every instance keeps its own copy
//! current from the database, and rebuilds it when it is gone, old, or
//! has missed changes.

mod common;

use atbalsts_search::{Kind, Scope, SearchService};
use atbalsts_store::{now_ms, search_log};
use atbalsts_testkit::{db_test, TestDb};
use common::Search;
use tantivy::schema::{Schema, STORED, TEXT};
use tantivy::{doc, Index, IndexWriter};

#[db_test]
async fn two_instances_on_one_database_each_find_a_ticket_created_by_the_other(t: TestDb) {
    let w = t.world().await;
    let other_db = t.second_instance().await;
    let one = Search::open(&t.db).await;
    let two = Search::open(&other_db).await;
    let agent = Scope::of(&w.agent);
    let by_one = w
        .file(&t.db, &w.customer_a, "Neiet skeneris")
        .await
        .to_string();
    let by_two = w
        .file(&other_db, &w.customer_b, "Neiet projektors")
        .await
        .to_string();
    for search in [&one, &two] {
        search.catch_up().await;
        assert_eq!(
            search.keys(&agent, Kind::Ticket, "skenera").await,
            [by_one.as_str()]
        );
        assert_eq!(
            search.keys(&agent, Kind::Ticket, "projektoru").await,
            [by_two.as_str()]
        );
    }
    // A change is applied once; reading the recent changes again is free.
    assert_eq!(one.service.catch_up().await.unwrap(), 0);
}

#[db_test]
async fn an_instance_started_later_builds_its_index_from_the_database(t: TestDb) {
    let w = t.world().await;
    let key = w
        .file(&t.db, &w.customer_a, "Neiet skeneris")
        .await
        .to_string();
    let search = Search::open(&t.db).await;
    assert_eq!(search.service.num_docs(), 1);
    assert_eq!(
        search
            .keys(&Scope::of(&w.agent), Kind::Ticket, "skeneris")
            .await,
        [key]
    );
}

#[db_test]
async fn the_index_rebuilds_itself_when_its_folder_is_deleted_or_its_schema_is_old(t: TestDb) {
    let w = t.world().await;
    let agent = Scope::of(&w.agent);
    let key = w
        .file(&t.db, &w.customer_a, "Neiet skeneris")
        .await
        .to_string();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    let found = |service: SearchService| {
        let agent = agent.clone();
        async move {
            service
                .search(&atbalsts_search::SearchQuery::new("skenerim"), &agent)
                .await
                .unwrap()
                .hits
                .into_iter()
                .map(|h| h.key)
                .collect::<Vec<_>>()
        }
    };

    // Deleted while the service runs: the next catch-up builds it again.
    let service = SearchService::open(t.db.clone(), path.clone())
        .await
        .unwrap();
    std::fs::remove_dir_all(&path).unwrap();
    service.catch_up().await.unwrap();
    assert!(path.join("meta.json").exists());
    assert_eq!(found(service.clone()).await, [key.as_str()]);
    drop(service);

    // Deleted while stopped.
    std::fs::remove_dir_all(&path).unwrap();
    let service = SearchService::open(t.db.clone(), path.clone())
        .await
        .unwrap();
    assert_eq!(found(service.clone()).await, [key.as_str()]);
    drop(service);

    // An index of an older schema (here: any other) is replaced.
    std::fs::remove_dir_all(&path).unwrap();
    std::fs::create_dir_all(&path).unwrap();
    let mut schema = Schema::builder();
    let title = schema.add_text_field("title", TEXT | STORED);
    let old = Index::create_in_dir(&path, schema.build()).unwrap();
    let mut writer: IndexWriter = old.writer(15_000_000).unwrap();
    writer.add_document(doc!(title => "skeneris")).unwrap();
    let mut commit = writer.prepare_commit().unwrap();
    commit.set_payload(r#"{"schema_version":0,"last_change_id":1}"#);
    commit.commit().unwrap();
    drop(writer);
    let service = SearchService::open(t.db.clone(), path.clone())
        .await
        .unwrap();
    assert_eq!(service.num_docs(), 1);
    assert_eq!(found(service.clone()).await, [key.as_str()]);
    drop(service);

    // A folder holding something else is not emptied.
    let elsewhere = dir.path().join("data");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("atbalsts.db"), b"precious").unwrap();
    assert!(SearchService::open(t.db.clone(), elsewhere.clone())
        .await
        .is_err());
    assert!(elsewhere.join("atbalsts.db").exists());
}

#[db_test]
async fn an_instance_away_while_the_change_log_was_pruned_rebuilds(t: TestDb) {
    let w = t.world().await;
    let agent = Scope::of(&w.agent);
    let search = Search::open(&t.db).await;
    let first = w
        .file(&t.db, &w.customer_a, "Neiet skeneris")
        .await
        .to_string();
    search.catch_up().await;
    // While this instance is away, more changes come, and a day passes.
    let second = w
        .file(&t.db, &w.customer_a, "Skeneris atkal")
        .await
        .to_string();
    w.file(&t.db, &w.customer_a, "Cits jautājums").await;
    sqlx::query("UPDATE search_changes SET changed_at = 0")
        .execute(t.db.write())
        .await
        .unwrap();
    let pruned = search_log::prune(&t.db, now_ms()).await.unwrap();
    assert!(pruned > 0);
    // The newest change stays as the mark of where the log is.
    let latest = search_log::latest_id(&t.db).await.unwrap();
    assert!(latest.is_some());
    assert_eq!(search_log::oldest_id(&t.db).await.unwrap(), latest);
    search.catch_up().await;
    let mut both = vec![first, second];
    both.sort();
    assert_eq!(search.keys(&agent, Kind::Ticket, "skeneris").await, both);
}

#[db_test]
async fn the_change_log_re_reads_recent_changes_whatever_their_id(t: TestDb) {
    let w = t.world().await;
    w.file(&t.db, &w.customer_a, "Neiet skeneris").await;
    let changes = search_log::since(&t.db, 0, i64::MAX, 100).await.unwrap();
    assert!(!changes.is_empty());
    assert!(changes.iter().all(|c| c.kind == search_log::TICKET));
    let last = changes.last().unwrap().id;
    // Past the last id, but within the time window: read again.
    let again = search_log::since(&t.db, last, 0, 100).await.unwrap();
    assert_eq!(again, changes);
    assert!(search_log::since(&t.db, last, i64::MAX, 100)
        .await
        .unwrap()
        .is_empty());
}

#[db_test]
async fn the_search_keeps_up_while_it_runs_and_stops_when_told(t: TestDb) {
    let w = t.world().await;
    let search = Search::open(&t.db).await;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let running = tokio::spawn(
        search
            .service
            .clone()
            .run(stopped, std::time::Duration::from_millis(20)),
    );
    let key = w
        .file(&t.db, &w.customer_a, "Neiet skeneris")
        .await
        .to_string();
    let agent = Scope::of(&w.agent);
    let mut found = Vec::new();
    for _ in 0..500 {
        found = search.keys(&agent, Kind::Ticket, "skeneris").await;
        if !found.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(found, [key]);
    stop.send(true).unwrap();
    running.await.unwrap();
}
