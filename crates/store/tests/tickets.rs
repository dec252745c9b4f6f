use atbalsts_store::tickets::{
    add_comment, changes_of, comments_of, list_tickets, status_history_of, ticket_for, transition,
    TicketFilter,
};
use atbalsts_store::StoreError;
use atbalsts_testkit::{db_test, TestDb};

#[db_test]
async fn concurrent_creates_get_every_key_once_without_gaps(t: TestDb) {
    let w = t.world().await;
    let mut tasks = Vec::new();
    for i in 0..40 {
        let (db, agent, new) = (
            t.db.clone(),
            w.agent.clone(),
            w.new_ticket(&w.customer_a, &format!("Pieteikums {i}")),
        );
        tasks.push(tokio::spawn(async move {
            atbalsts_store::tickets::create_ticket(&db, &agent, &new)
                .await
                .unwrap()
        }));
    }
    let mut numbers = Vec::new();
    for task in tasks {
        numbers.push(task.await.unwrap().number);
    }
    numbers.sort();
    assert_eq!(numbers, (1..=40).collect::<Vec<i64>>());
}

#[db_test]
async fn customers_see_their_own_tickets_and_their_institutions_only_where_granted(t: TestDb) {
    let w = t.world().await;
    let mine = w.file(&t.db, &w.customer_a, "Neiet printeris").await;
    let other = w.file(&t.db, &w.customer_b, "Nav interneta").await;
    assert!(ticket_for(&t.db, &w.customer_a, &mine)
        .await
        .unwrap()
        .is_some());
    assert!(
        ticket_for(&t.db, &w.customer_a, &other)
            .await
            .unwrap()
            .is_none(),
        "another institution's ticket is invisible"
    );
    assert!(
        ticket_for(&t.db, &w.head_of_a, &mine)
            .await
            .unwrap()
            .is_some(),
        "granted: sees the institution's tickets"
    );
    assert!(ticket_for(&t.db, &w.head_of_a, &other)
        .await
        .unwrap()
        .is_none());
    assert!(
        ticket_for(&t.db, &w.agent, &other).await.unwrap().is_some(),
        "staff see the desk"
    );
    let listed = list_tickets(
        &t.db,
        &w.customer_b,
        &TicketFilter {
            limit: 50,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        listed
            .items
            .iter()
            .map(|t| t.key.as_str())
            .collect::<Vec<_>>(),
        [other.to_string()]
    );
}

#[db_test]
async fn internal_notes_are_hidden_from_customers(t: TestDb) {
    let w = t.world().await;
    let key = w.file(&t.db, &w.customer_a, "Neiet printeris").await;
    let ticket = ticket_for(&t.db, &w.agent, &key).await.unwrap().unwrap();
    add_comment(&t.db, &w.agent, &ticket, "Publiska atbilde", true, &[])
        .await
        .unwrap();
    add_comment(&t.db, &w.agent, &ticket, "Iekšēja piezīme", false, &[])
        .await
        .unwrap();
    let seen: Vec<String> = comments_of(&t.db, &w.customer_a, &ticket)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.body)
        .collect();
    assert_eq!(seen, ["Publiska atbilde"]);
    assert_eq!(
        comments_of(&t.db, &w.agent, &ticket).await.unwrap().len(),
        2
    );
    let err = add_comment(&t.db, &w.customer_a, &ticket, "x", false, &[])
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Forbidden));
}

#[db_test]
async fn transitions_follow_the_workflow_and_leave_history(t: TestDb) {
    let w = t.world().await;
    let key = w.file(&t.db, &w.customer_a, "Neiet printeris").await;
    let ticket = ticket_for(&t.db, &w.agent, &key).await.unwrap().unwrap();
    assert_eq!(ticket.status, "open");
    let refused = transition(&t.db, &w.agent, &ticket, "closed_forever", None)
        .await
        .unwrap_err();
    assert!(matches!(refused, StoreError::Invalid(_)));
    transition(
        &t.db,
        &w.agent,
        &ticket,
        "in_progress",
        Some(ticket.version),
    )
    .await
    .unwrap();
    // A second agent acting on the stale version is told, not obeyed.
    let stale = transition(&t.db, &w.agent, &ticket, "resolved", Some(ticket.version))
        .await
        .unwrap_err();
    assert!(matches!(
        stale,
        StoreError::Conflict("error-ticket-changed")
    ));
    let fresh = ticket_for(&t.db, &w.agent, &key).await.unwrap().unwrap();
    transition(&t.db, &w.agent, &fresh, "resolved", Some(fresh.version))
        .await
        .unwrap();
    let done = ticket_for(&t.db, &w.agent, &key).await.unwrap().unwrap();
    assert!(done.resolved_at.is_some());
    let periods = status_history_of(&t.db, done.id).await.unwrap();
    assert_eq!(
        periods
            .iter()
            .map(|p| p.status.as_str())
            .collect::<Vec<_>>(),
        ["open", "in_progress", "resolved"]
    );
    assert!(periods[0].left_at.is_some() && periods[2].left_at.is_none());
    let changes: Vec<(String, Option<String>)> = changes_of(&t.db, done.id)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.field, c.new_value))
        .collect();
    assert_eq!(
        changes[1],
        ("status".to_owned(), Some("in_progress".to_owned()))
    );
    let customer_try = transition(&t.db, &w.customer_a, &done, "closed", None)
        .await
        .unwrap_err();
    assert!(matches!(customer_try, StoreError::Forbidden));
}

#[db_test]
async fn migrations_apply_from_empty_and_from_every_earlier_schema(t: TestDb) {
    let all: Vec<i64> = atbalsts_store::MIGRATIONS
        .iter()
        .map(|m| m.version)
        .collect();
    let previous = all[all.len() - 2];
    assert_eq!(
        atbalsts_store::migrate(&t.db, Some(previous))
            .await
            .unwrap(),
        all[..all.len() - 1].to_vec()
    );
    // Data written under the previous schema survives the upgrade.
    sqlx::query("INSERT INTO settings (key, value) VALUES ('kept', 'jā')")
        .execute(t.db.write())
        .await
        .unwrap();
    assert_eq!(
        atbalsts_store::migrate(&t.db, None).await.unwrap(),
        vec![*all.last().unwrap()]
    );
    assert!(atbalsts_store::pending_versions(&t.db)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        atbalsts_store::settings::get(&t.db, "kept")
            .await
            .unwrap()
            .as_deref(),
        Some("jā")
    );
    assert!(
        atbalsts_store::migrate(&t.db, None)
            .await
            .unwrap()
            .is_empty(),
        "a second run applies nothing"
    );
}

#[db_test]
async fn a_queue_count_stops_at_its_limit_and_says_there_are_more(t: TestDb) {
    let w = t.world().await;
    for i in 0..3 {
        atbalsts_store::tickets::create_ticket(
            &t.db,
            &w.agent,
            &w.new_ticket(&w.customer_a, &format!("Skaitīšana {i}")),
        )
        .await
        .unwrap();
    }
    let all = TicketFilter::default();
    let count = |up_to| atbalsts_store::tickets::count_tickets(&t.db, &w.agent, &all, up_to);
    assert_eq!(count(3).await.unwrap(), Some(3), "all three counted");
    assert_eq!(count(10).await.unwrap(), Some(3));
    assert_eq!(count(2).await.unwrap(), None, "more than two");
    // A customer counts only what they may see.
    let theirs = atbalsts_store::tickets::count_tickets(&t.db, &w.customer_b, &all, 10)
        .await
        .unwrap();
    assert_eq!(theirs, Some(0));
}

#[db_test]
async fn a_page_of_open_tickets_is_newest_first_and_leaves_out_resolved_ones(t: TestDb) {
    let w = t.world().await;
    let mut keys = Vec::new();
    for i in 0..3 {
        keys.push(
            atbalsts_store::tickets::create_ticket(
                &t.db,
                &w.agent,
                &w.new_ticket(&w.customer_a, &format!("Kārtība {i}")),
            )
            .await
            .unwrap(),
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let open = TicketFilter {
        categories: vec![
            atbalsts_domain::StatusCategory::New,
            atbalsts_domain::StatusCategory::Open,
            atbalsts_domain::StatusCategory::Waiting,
        ],
        limit: 2,
        ..Default::default()
    };
    let page = list_tickets(&t.db, &w.agent, &open).await.unwrap();
    let listed: Vec<String> = page.items.iter().map(|t| t.key.clone()).collect();
    assert_eq!(listed, [keys[2].to_string(), keys[1].to_string()]);
    assert!(page.next.is_some(), "a second page follows");
    let done = TicketFilter {
        categories: vec![atbalsts_domain::StatusCategory::Resolved],
        ..Default::default()
    };
    assert!(list_tickets(&t.db, &w.agent, &done)
        .await
        .unwrap()
        .items
        .is_empty());
}

#[db_test]
async fn every_order_of_the_list_pages_through_all_tickets_once(t: TestDb) {
    use atbalsts_store::tickets::Sort;
    let w = t.world().await;
    let mut numbers = Vec::new();
    for i in 0..5 {
        let key = w.file(&t.db, &w.customer_a, &format!("Kārtība {i}")).await;
        numbers.push(key.number);
    }
    // Updates in another order than creation: 3, 1, 4, 0, 2 (oldest first).
    for (rank, number) in [3, 1, 4, 0, 2].into_iter().enumerate() {
        sqlx::query("UPDATE tickets SET updated_at = $1 WHERE number = $2")
            .bind(1_000 + rank as i64)
            .bind(numbers[number])
            .execute(t.db.write())
            .await
            .unwrap();
    }
    let by_update: Vec<i64> = [3, 1, 4, 0, 2].iter().map(|&i| numbers[i]).collect();
    for (sort, ascending, expected) in [
        (Sort::Updated, true, by_update.clone()),
        (
            Sort::Updated,
            false,
            by_update.iter().rev().copied().collect(),
        ),
        (Sort::Created, true, numbers.clone()),
        (
            Sort::Created,
            false,
            numbers.iter().rev().copied().collect(),
        ),
        (Sort::Key, true, numbers.clone()),
        (
            Sort::Key,
            false,
            numbers.iter().rev().copied().collect::<Vec<_>>(),
        ),
    ] {
        let mut filter = TicketFilter {
            sort,
            ascending,
            limit: 2,
            ..Default::default()
        };
        let mut seen = Vec::new();
        // Three pages of at most two.
        for _ in 0..3 {
            let page = list_tickets(&t.db, &w.agent, &filter).await.unwrap();
            seen.extend(
                page.items
                    .iter()
                    .map(|t| t.key.rsplit('-').next().unwrap().parse::<i64>().unwrap()),
            );
            filter.after = page.next;
            if filter.after.is_none() {
                break;
            }
        }
        assert_eq!(seen, expected, "{sort:?} ascending={ascending}");
    }
}

#[db_test]
async fn a_ticket_reads_back_with_typed_codes_that_serialize_as_before(t: TestDb) {
    use atbalsts_domain::triage::Level;
    use atbalsts_domain::{Channel, Priority};
    let w = t.world().await;
    let mut new = w.new_ticket(&w.customer_a, "Neiet printeris");
    new.channel = Channel::InPerson;
    new.priority = Priority::High;
    let key = atbalsts_store::tickets::create_ticket(&t.db, &w.agent, &new)
        .await
        .unwrap();
    let filed = w.ticket(&t.db, &key).await;
    assert_eq!(
        (filed.channel, filed.priority, filed.impact),
        (Channel::InPerson, Priority::High, None)
    );
    sqlx::query("UPDATE tickets SET impact = 'low', urgency = 'high' WHERE id = $1")
        .bind(filed.id)
        .execute(t.db.write())
        .await
        .unwrap();
    let read = w.ticket(&t.db, &key).await;
    assert_eq!(
        (read.impact, read.urgency),
        (Some(Level::Low), Some(Level::High))
    );
    let json = serde_json::to_value(&read).unwrap();
    assert_eq!(
        (
            &json["channel"],
            &json["priority"],
            &json["impact"],
            &json["status_category"]
        ),
        (
            &serde_json::json!("in_person"),
            &serde_json::json!("high"),
            &serde_json::json!("low"),
            &serde_json::json!("new")
        )
    );
}

#[db_test]
async fn a_ticket_row_with_an_unknown_priority_is_reported_not_guessed(t: TestDb) {
    let w = t.world().await;
    let filed = w.filed(&t.db, &w.customer_a, "Neiet printeris").await;
    sqlx::query("UPDATE tickets SET priority = 'urgent' WHERE id = $1")
        .bind(filed.id)
        .execute(t.db.write())
        .await
        .unwrap();
    let key = atbalsts_domain::TicketKey::parse(&filed.key).unwrap();
    assert!(matches!(
        ticket_for(&t.db, &w.agent, &key).await,
        Err(StoreError::Corrupt(m)) if m.contains("urgent")
    ));
}

#[db_test]
async fn a_mail_reply_reopens_where_the_reopen_button_leads_and_nowhere_else(t: TestDb) {
    use atbalsts_domain::request::reopen_target;
    use atbalsts_store::tickets::reopen_on_reply;
    let w = t.world().await;
    let db = &t.db;
    let open = w.filed(db, &w.customer_a, "Neiet printeris").await;
    assert!(
        !reopen_on_reply(db, w.customer_a.user_id, &open)
            .await
            .unwrap(),
        "an unfinished ticket is not moved"
    );
    let key = atbalsts_domain::TicketKey::parse(&open.key).unwrap();
    assert_eq!(w.ticket(db, &key).await.status, open.status);
    let (workflow, _) = atbalsts_store::workflows::workflow(db, open.workflow_id)
        .await
        .unwrap();
    for finished in ["resolved", "closed"] {
        let current = w.ticket(db, &key).await;
        transition(db, &w.agent, &current, finished, None)
            .await
            .unwrap();
        let done = w.ticket(db, &key).await;
        let (button, _) = reopen_target(&workflow, finished).expect("a way back");
        assert!(reopen_on_reply(db, w.customer_a.user_id, &done)
            .await
            .unwrap());
        assert_eq!(w.ticket(db, &key).await.status, button.code, "{finished}");
        if finished == "resolved" {
            let back = w.ticket(db, &key).await;
            transition(db, &w.agent, &back, "resolved", None)
                .await
                .unwrap();
        }
    }
}
