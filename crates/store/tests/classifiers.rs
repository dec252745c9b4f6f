//! A desk's classifiers: entries written before retirement existed stay in
//! use after the upgrade; retired ones remain on their tickets but are not
//! offered; codes and names are checked.

use atbalsts_store::categories::{create, of_desk, offered, rename, set_retired, Kind};
use atbalsts_store::{Labels, StoreError};
use atbalsts_testkit::{db_test, TestDb, World};

#[db_test]
async fn categories_from_before_the_upgrade_stay_in_use_and_can_be_retired(t: TestDb) {
    atbalsts_store::migrate(&t.db, Some(18)).await.unwrap();
    let w = World::seed(&t.db).await;
    let network = create(
        &t.db,
        w.desk_id,
        Kind::Category,
        Some(w.incident_type),
        "network",
        &Labels::new("Tīkls", "Network"),
    )
    .await
    .unwrap();
    assert_eq!(
        atbalsts_store::migrate(&t.db, Some(19)).await.unwrap(),
        vec![19]
    );
    let list = of_desk(&t.db, w.desk_id, Kind::Category, None)
        .await
        .unwrap();
    assert_eq!(list.len(), 1);
    assert!(!list[0].retired);

    set_retired(&t.db, w.desk_id, network, true).await.unwrap();
    let list = of_desk(&t.db, w.desk_id, Kind::Category, None)
        .await
        .unwrap();
    assert!(list[0].retired, "still listed, marked retired");
    assert!(offered(list.clone(), None).is_empty());
    assert_eq!(offered(list, Some(network)).len(), 1, "kept where it is");

    // Another desk's administrator cannot reach it by id.
    let other = atbalsts_store::desks::create_desk(&t.db, "MUZ", "MUZ")
        .await
        .unwrap();
    assert!(matches!(
        set_retired(&t.db, other, network, false).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        rename(&t.db, other, network, &Labels::new("Svešs", "")).await,
        Err(StoreError::NotFound)
    ));
}

#[db_test]
async fn codes_names_and_ticket_types_are_checked(t: TestDb) {
    let w = t.world().await;
    let fields = |r: Result<i64, StoreError>| match r {
        Err(StoreError::Invalid(e)) => e.0.iter().map(|e| e.field.clone()).collect::<Vec<_>>(),
        other => panic!("expected refusal, got {other:?}"),
    };
    assert_eq!(
        fields(
            create(
                &t.db,
                w.desk_id,
                Kind::RootCause,
                None,
                "Slikts kods",
                &Labels::new("", "x")
            )
            .await
        ),
        ["code", "label_lv"]
    );
    assert_eq!(
        fields(
            create(
                &t.db,
                w.desk_id,
                Kind::Category,
                None,
                "bez-veida",
                &Labels::new("Bez veida", "")
            )
            .await
        ),
        ["classifier"]
    );
    let ok = create(
        &t.db,
        w.desk_id,
        Kind::RootCause,
        None,
        "capacity",
        &Labels::new("Jauda", "Capacity"),
    )
    .await;
    assert!(ok.is_ok());
    let taken = create(
        &t.db,
        w.desk_id,
        Kind::RootCause,
        None,
        "capacity",
        &Labels::new("Jauda", ""),
    )
    .await;
    match taken {
        Err(StoreError::Invalid(e)) => assert_eq!(
            (e.0[0].field.as_str(), e.0[0].code),
            ("code", "error-code-taken")
        ),
        other => panic!("{other:?}"),
    }
}
