//! The recurring cleaner of held uploads, on both databases.

use atbalsts_jobs::Worker;
use atbalsts_store::blobs::BlobStore;
use atbalsts_store::held_uploads::{record, CLEAN_JOB};
use atbalsts_store::jobs::schedule_unless_queued;
use atbalsts_store::now_ms;
use atbalsts_testkit::{db_test, TestDb};
use std::time::Duration;

const HOUR_MS: i64 = 3_600_000;

#[db_test]
async fn the_cleaner_is_queued_once_across_instances_and_deletes_only_expired_files(t: TestDb) {
    atbalsts_store::migrate(&t.db, None).await.unwrap();
    let blobs = BlobStore::new(t.dir.path().join("attachments"));
    let old = blobs.put(b"a form refused two days ago").unwrap();
    let fresh = blobs.put(b"a form refused a minute ago").unwrap();
    record(&t.db, &old, 27, None, now_ms() - 48 * HOUR_MS)
        .await
        .unwrap();
    record(&t.db, &fresh, 27, Some("192.0.2.7"), now_ms())
        .await
        .unwrap();

    // Two instances schedule it: one job between them.
    let second = t.second_instance().await;
    assert!(schedule_unless_queued(&t.db, CLEAN_JOB, now_ms())
        .await
        .unwrap());
    assert!(!schedule_unless_queued(&second, CLEAN_JOB, now_ms())
        .await
        .unwrap());

    let worker = Worker::new(t.db.clone(), "one")
        .clean_held_uploads(blobs.clone(), Duration::from_secs(25 * 3600));
    assert_eq!(worker.run_once().await.unwrap(), 1);
    assert!(!blobs.contains(&old));
    assert!(blobs.contains(&fresh));
    // Done, it can be queued again for the next round.
    assert!(schedule_unless_queued(&second, CLEAN_JOB, now_ms())
        .await
        .unwrap());
}
