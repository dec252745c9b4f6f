//! Migration 0024 on a database with votes from before it.

use atbalsts_domain::knowledge::{ArticleForm, ArticleInput};
use atbalsts_domain::{Email, Role};
use atbalsts_store::knowledge::{self as kb, ArticleStatus};
use atbalsts_store::now_ms;
use atbalsts_store::users::{create_user, grant_role, viewer_by_id, NewUser};
use atbalsts_testkit::{db_test, TestDb, World};

async fn helpful_and_not(t: &TestDb, w: &World, article: i64) -> (i64, i64) {
    let report = kb::report(&t.db, &w.agent, w.desk_id, None, now_ms())
        .await
        .unwrap();
    let a = report.articles.iter().find(|a| a.id == article).unwrap();
    (a.helpful, a.not_helpful)
}

#[db_test]
async fn votes_from_before_the_upgrade_count_once_per_person_and_new_ones_replace_them(t: TestDb) {
    atbalsts_store::migrate(&t.db, Some(23)).await.unwrap();
    let w = World::seed(&t.db).await;
    let rita = create_user(
        &t.db,
        &NewUser::new(Email::parse("redaktore@kisc.lv").unwrap(), "Rita"),
    )
    .await
    .unwrap();
    grant_role(&t.db, w.desk_id, rita, Role::KnowledgeEditor)
        .await
        .unwrap();
    let editor = viewer_by_id(&t.db, rita).await.unwrap().unwrap().1;
    let form = ArticleForm {
        title_lv: "Wi-Fi".into(),
        body_lv: "Pievienojieties tīklam.".into(),
        visibility: "public".into(),
        ..Default::default()
    };
    let id = kb::create(
        &t.db,
        &editor,
        w.desk_id,
        &ArticleInput::parse(&form).unwrap(),
    )
    .await
    .unwrap();
    let v = kb::transition(&t.db, &editor, id, ArticleStatus::Review, 1)
        .await
        .unwrap();
    kb::transition(&t.db, &editor, id, ArticleStatus::Published, v)
        .await
        .unwrap();
    // Before the upgrade: Jānis's vote twice (a race the old code allowed),
    // the later one "not helpful", and a visitor's vote.
    let now = now_ms();
    for (kind, user, at) in [
        ("helpful", Some(w.customer_a.user_id), now - 2),
        ("not_helpful", Some(w.customer_a.user_id), now - 1),
        ("helpful", None, now),
    ] {
        sqlx::query(
            "INSERT INTO kb_events (article_id, kind, user_id, at) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(kind)
        .bind(user)
        .bind(at)
        .execute(t.db.write())
        .await
        .unwrap();
    }

    let applied = atbalsts_store::migrate(&t.db, None).await.unwrap();
    assert!(applied.contains(&24));
    assert_eq!(helpful_and_not(&t, &w, id).await, (1, 1));
    // His next vote replaces the one kept.
    kb::vote(&t.db, Some(&w.customer_a), "any-browser", id, true)
        .await
        .unwrap();
    assert_eq!(helpful_and_not(&t, &w, id).await, (2, 0));
}
