//! Migration 0028 on a database with desks and resolved requests from
//! before it: every desk gets the default reopen window.

use atbalsts_domain::request::DEFAULT_REOPEN_DAYS;
use atbalsts_store::tickets::{self, customer};
use atbalsts_testkit::{db_test, TestDb, World};

#[db_test]
async fn desks_from_before_the_upgrade_let_customers_reopen_for_fourteen_days(t: TestDb) {
    atbalsts_store::migrate(&t.db, Some(27)).await.unwrap();
    let w = World::seed(&t.db).await;
    let key = w.file(&t.db, &w.customer_a, "Neiet printeris").await;
    let ticket = tickets::ticket_for(&t.db, &w.agent, &key)
        .await
        .unwrap()
        .unwrap();
    tickets::transition(&t.db, &w.agent, &ticket, "resolved", None)
        .await
        .unwrap();

    let applied = atbalsts_store::migrate(&t.db, None).await.unwrap();
    assert!(applied.contains(&28));
    assert_eq!(
        customer::reopen_days(&t.db, w.desk_id).await.unwrap(),
        DEFAULT_REOPEN_DAYS
    );
    let resolved = tickets::ticket_for(&t.db, &w.customer_a, &key)
        .await
        .unwrap()
        .unwrap();
    assert!(customer::may_reopen(&t.db, &resolved).await.unwrap());
    customer::reopen(&t.db, &w.customer_a, &resolved, |_| Vec::new())
        .await
        .unwrap();
    let reopened = tickets::ticket_for(&t.db, &w.customer_a, &key)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(reopened.status, "in_progress");
    // Someone else's customer cannot, even knowing the ticket.
    assert!(matches!(
        customer::confirm_solved(&t.db, &w.customer_b, &reopened, |_| Vec::new()).await,
        Err(atbalsts_store::StoreError::NotFound)
    ));
}
