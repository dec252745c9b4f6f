use atbalsts_jobs::Worker;
use atbalsts_store::jobs::{enqueue, state_of};
use atbalsts_store::now_ms;
use atbalsts_testkit::{db_test, TestDb};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[db_test]
async fn two_workers_on_two_pools_run_each_job_exactly_once(t: TestDb) {
    atbalsts_store::migrate(&t.db, None).await.unwrap();
    for i in 0..60 {
        enqueue(t.db.write(), "count", &i.to_string(), now_ms(), 3)
            .await
            .unwrap();
    }
    let seen = Arc::new(Mutex::new(Vec::<String>::new()));
    let second = t.second_instance().await;
    let mut handles = Vec::new();
    for (name, db) in [("one", t.db.clone()), ("two", second)] {
        let seen = seen.clone();
        let mut w = Worker::new(db, name).handle("count", move |job| {
            let seen = seen.clone();
            async move {
                tokio::time::sleep(Duration::from_millis(2)).await;
                seen.lock().unwrap().push(job.payload);
                Ok(())
            }
        });
        w.batch = 3;
        handles.push(tokio::spawn(async move {
            let mut idle = 0;
            while idle < 3 {
                if w.run_once().await.unwrap() == 0 {
                    idle += 1
                } else {
                    idle = 0
                }
            }
        }));
    }
    for h in handles {
        h.await.unwrap();
    }
    let mut seen = seen.lock().unwrap().clone();
    seen.sort_by_key(|s| s.parse::<i64>().unwrap());
    assert_eq!(seen, (0..60).map(|i| i.to_string()).collect::<Vec<_>>());
}

#[db_test]
async fn a_job_whose_worker_died_runs_again_after_its_lease(t: TestDb) {
    atbalsts_store::migrate(&t.db, None).await.unwrap();
    let id = enqueue(t.db.write(), "work", "{}", now_ms(), 3)
        .await
        .unwrap();
    // The first worker claims the job and "dies": it never completes it.
    let claimed = atbalsts_store::jobs::claim(&t.db, "dead", 200, 10, &["work"])
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    let survivor = Worker::new(t.db.clone(), "alive").handle("work", |_| async { Ok(()) });
    assert_eq!(
        survivor.run_once().await.unwrap(),
        0,
        "the lease still holds"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(survivor.run_once().await.unwrap(), 1);
    let s = state_of(&t.db, id).await.unwrap().unwrap();
    assert_eq!((s.state.as_str(), s.attempts), ("done", 2));
}

#[db_test]
async fn a_failing_job_is_retried_and_then_marked_failed_with_its_reason(t: TestDb) {
    atbalsts_store::migrate(&t.db, None).await.unwrap();
    let id = enqueue(t.db.write(), "flaky", "{}", now_ms(), 1)
        .await
        .unwrap();
    let w =
        Worker::new(t.db.clone(), "w").handle("flaky", |_| async { Err("SMTP 451".to_owned()) });
    assert_eq!(w.run_once().await.unwrap(), 1);
    let s = state_of(&t.db, id).await.unwrap().unwrap();
    assert_eq!(s.state, "failed");
    assert_eq!(s.last_error.as_deref(), Some("SMTP 451"));
}

#[db_test]
async fn a_worker_leaves_kinds_it_cannot_run_waiting(t: TestDb) {
    atbalsts_store::migrate(&t.db, None).await.unwrap();
    enqueue(t.db.write(), "notification.send", "1", now_ms(), 3)
        .await
        .unwrap();
    // An instance with no mail server configured has no handler for mail.
    let w = Worker::new(t.db.clone(), "no-mail").handle("work", |_| async { Ok(()) });
    assert_eq!(w.run_once().await.unwrap(), 0);
    assert_eq!(
        atbalsts_store::jobs::queue_depth(&t.db).await.unwrap(),
        1,
        "still waiting, not failed"
    );
}
