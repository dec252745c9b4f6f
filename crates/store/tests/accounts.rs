//! The account-hardening migration on an existing database: sessions and
//! the sign-in record from before it keep working and count.

use atbalsts_store::sessions::{self, hash_token};
use atbalsts_store::{now_ms, sign_ins};
use atbalsts_testkit::{db_test, TestDb, World};

#[db_test]
async fn sessions_and_failed_sign_ins_from_before_the_upgrade_still_count(t: TestDb) {
    atbalsts_store::migrate(&t.db, Some(20)).await.unwrap();
    let w = World::seed(&t.db).await;
    let now = now_ms();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(hash_token("old-session"))
    .bind(w.customer_a.user_id)
    .bind(now)
    .bind(now + 3_600_000)
    .execute(t.db.write())
    .await
    .unwrap();
    sqlx::query("INSERT INTO sign_in_log (email, success, address, at) VALUES ($1, 0, $2, $3)")
        .bind("janis@lnb.lv")
        .bind("10.0.0.1")
        .bind(now)
        .execute(t.db.write())
        .await
        .unwrap();

    let applied = atbalsts_store::migrate(&t.db, None).await.unwrap();
    assert!(applied.contains(&22));

    assert_eq!(
        sessions::user_of(&t.db, "old-session").await.unwrap(),
        Some(w.customer_a.user_id)
    );
    let list = sessions::list_for(&t.db, w.customer_a.user_id, Some("old-session"))
        .await
        .unwrap();
    assert_eq!(list.len(), 1);
    assert!(list[0].current);
    assert_eq!(list[0].address, "");
    let failures = sign_ins::account_failures(&t.db, "janis@lnb.lv", now - 1)
        .await
        .unwrap();
    assert_eq!(failures.count, 1);
    assert_eq!(failures.latest, Some(now));
}
