//! SLA clocks on tickets: due times in Latvian business time, pauses,
//! reopening, a policy chosen again, and re-time runs.

mod sla_support;

use atbalsts_domain::sla::{ClockState, Goal};
use atbalsts_domain::{Priority, TicketKey};
use atbalsts_store::sla::clocks;
use atbalsts_store::sla::retime::{self, Outcome, RETIME_JOB};
use atbalsts_store::tickets::{add_comment, ticket_for, transition, triage, Ticket, Triage};
use atbalsts_store::{jobs, Db};
use atbalsts_testkit::{db_test, TestDb, World};
use sla_support::*;
use sqlx::Row;

async fn ticket(db: &Db, w: &World, key: &TicketKey) -> Ticket {
    ticket_for(db, &w.agent, key).await.unwrap().unwrap()
}

/// Moves the ticket through `statuses`, one after the other, as the agent.
async fn move_through(db: &Db, w: &World, key: &TicketKey, statuses: &[&str]) {
    for s in statuses {
        let t = ticket(db, w, key).await;
        transition(db, &w.agent, &t, s, None).await.unwrap();
    }
}

async fn set_priority(db: &Db, w: &World, key: &TicketKey, p: Priority) {
    let t = ticket(db, w, key).await;
    let change = Triage {
        impact: None,
        urgency: None,
        priority: Some(p),
        reason: "Skar visu iestādi".into(),
        team_id: t.team_id,
        assignee_id: t.assignee_id,
        category_id: t.category_id,
        root_cause_id: t.root_cause_id,
    };
    triage(db, &w.agent, &t, &change, None, |_| Vec::new())
        .await
        .unwrap();
}

#[db_test]
async fn a_request_filed_friday_evening_before_a_monday_holiday_is_due_on_tuesday(t: TestDb) {
    let w = t.world().await;
    let cal = office_calendar(&t.db, w.desk_id).await;
    policy(
        &t.db,
        w.desk_id,
        cal,
        PolicyDef {
            first_response: Some(2 * HOUR),
            resolution: Some(8 * HOUR),
            ..Default::default()
        },
    )
    .await;
    let key = w.file(&t.db, &w.customer_a, "Neiet printeris").await;
    let id = ticket(&t.db, &w, &key).await.id;
    // Friday 15 November 2024, 16:30; Monday the 18th is Proclamation Day.
    set_times(&t.db, id, &[riga("2024-11-15T16:30")]).await;
    refresh_at(&t.db, id, riga("2024-11-15T16:45")).await;

    let first = clock(&t.db, id, Goal::FirstResponse).await;
    // Half an hour on Friday, the other 90 minutes from 8:30 on Tuesday.
    assert_eq!(first.due_at, Some(riga("2024-11-19T10:00")));
    assert_eq!(first.state, ClockState::Running);
    assert_eq!(first.used_secs, 15 * 60);
    let resolution = clock(&t.db, id, Goal::Resolution).await;
    assert_eq!(resolution.due_at, Some(riga("2024-11-19T16:00")));
    assert_eq!(resolution.target_secs, 8 * HOUR);
}

#[db_test]
async fn a_clock_paused_over_the_weekend_moves_its_due_time_and_counts_the_pause(t: TestDb) {
    let w = t.world().await;
    let cal = office_calendar(&t.db, w.desk_id).await;
    policy(
        &t.db,
        w.desk_id,
        cal,
        PolicyDef {
            resolution: Some(16 * HOUR),
            ..Default::default()
        },
    )
    .await;
    let key = w.file(&t.db, &w.customer_a, "Nestrādā e-pasts").await;
    let id = ticket(&t.db, &w, &key).await.id;
    move_through(
        &t.db,
        &w,
        &key,
        &["in_progress", "waiting_for_customer", "in_progress"],
    )
    .await;
    set_times(
        &t.db,
        id,
        &[
            riga("2026-03-05T10:00"), // Thursday: filed
            riga("2026-03-05T10:00"), // taken up
            riga("2026-03-06T12:00"), // Friday noon: waiting for the customer
            riga("2026-03-09T10:00"), // Monday: the customer answered
        ],
    )
    .await;

    refresh_at(&t.db, id, riga("2026-03-07T12:00")).await;
    let paused = clock(&t.db, id, Goal::Resolution).await;
    assert_eq!(paused.state, ClockState::Paused);
    assert_eq!(paused.due_at, None, "a paused clock has no due time");
    assert_eq!(paused.used_secs, 7 * HOUR + 3 * HOUR + 30 * 60);
    assert_eq!(paused.paused_secs, 5 * HOUR);

    refresh_at(&t.db, id, riga("2026-03-09T11:00")).await;
    let resumed = clock(&t.db, id, Goal::Resolution).await;
    assert_eq!(resumed.state, ClockState::Running);
    // Without the pause it would have been due Monday 9:00; the 6.5
    // business hours paused (Friday 12–17, Monday 8:30–10) move it.
    assert_eq!(resumed.due_at, Some(riga("2026-03-09T15:30")));
    assert_eq!(resumed.paused_secs, 6 * HOUR + 30 * 60);
    assert_eq!(resumed.used_secs, 11 * HOUR + 30 * 60);
    assert!(
        resumed.timer_version > paused.timer_version,
        "timers of the paused clock are stale"
    );
}

#[db_test]
async fn a_reopened_request_continues_its_resolution_clock_with_the_time_used(t: TestDb) {
    let w = t.world().await;
    let cal = office_calendar(&t.db, w.desk_id).await;
    policy(
        &t.db,
        w.desk_id,
        cal,
        PolicyDef {
            first_response: Some(4 * HOUR),
            resolution: Some(8 * HOUR),
            ..Default::default()
        },
    )
    .await;
    let key = w.file(&t.db, &w.customer_a, "Neatveras fails").await;
    let id = ticket(&t.db, &w, &key).await.id;
    let current = ticket(&t.db, &w, &key).await;
    add_comment(&t.db, &w.agent, &current, "Skatāmies", true, &[])
        .await
        .unwrap();
    move_through(&t.db, &w, &key, &["in_progress", "resolved", "in_progress"]).await;
    set_times(
        &t.db,
        id,
        &[
            riga("2026-03-02T09:00"),
            riga("2026-03-02T09:00"),
            riga("2026-03-02T12:00"), // resolved
            riga("2026-03-03T09:00"), // reopened on Tuesday
        ],
    )
    .await;
    set_comment_times(&t.db, id, &[riga("2026-03-02T09:30")]).await;

    refresh_at(&t.db, id, riga("2026-03-02T13:00")).await;
    let met = clock(&t.db, id, Goal::Resolution).await;
    assert_eq!(met.state, ClockState::Met);
    assert_eq!(met.stopped_at, Some(riga("2026-03-02T12:00")));
    assert_eq!(met.used_secs, 3 * HOUR);
    let first = clock(&t.db, id, Goal::FirstResponse).await;
    assert_eq!(first.state, ClockState::Met);
    assert_eq!(first.stopped_at, Some(riga("2026-03-02T09:30")));
    assert_eq!(first.used_secs, 30 * 60);

    refresh_at(&t.db, id, riga("2026-03-03T10:00")).await;
    let reopened = clock(&t.db, id, Goal::Resolution).await;
    assert_eq!(reopened.state, ClockState::Running);
    assert_eq!(reopened.stopped_at, None);
    assert_eq!(reopened.used_secs, 4 * HOUR);
    assert_eq!(reopened.due_at, Some(riga("2026-03-03T14:00")));
    let first = clock(&t.db, id, Goal::FirstResponse).await;
    assert_eq!(
        first.stopped_at,
        Some(riga("2026-03-02T09:30")),
        "a reopen does not restart the first response"
    );
}

#[db_test]
async fn a_late_resolution_is_recorded_as_breached_with_its_times(t: TestDb) {
    let w = t.world().await;
    let cal = office_calendar(&t.db, w.desk_id).await;
    policy(
        &t.db,
        w.desk_id,
        cal,
        PolicyDef {
            resolution: Some(2 * HOUR),
            ..Default::default()
        },
    )
    .await;
    let key = w.file(&t.db, &w.customer_a, "Lēns dators").await;
    let id = ticket(&t.db, &w, &key).await.id;
    move_through(&t.db, &w, &key, &["in_progress", "resolved"]).await;
    set_times(
        &t.db,
        id,
        &[
            riga("2026-03-02T09:00"),
            riga("2026-03-02T09:00"),
            riga("2026-03-02T12:00"),
        ],
    )
    .await;
    refresh_at(&t.db, id, riga("2026-03-02T13:00")).await;
    let record = clock(&t.db, id, Goal::Resolution).await;
    assert_eq!(record.state, ClockState::Breached);
    assert_eq!(record.breached_at, Some(riga("2026-03-02T11:00")));
    assert_eq!(record.stopped_at, Some(riga("2026-03-02T12:00")));
    assert_eq!(record.used_secs, 3 * HOUR);
    assert_eq!(record.paused_secs, 0);
}

#[db_test]
async fn raising_the_priority_chooses_the_policy_again_from_creation_and_the_history_says_so(
    t: TestDb,
) {
    let w = t.world().await;
    let cal = office_calendar(&t.db, w.desk_id).await;
    let critical = policy(
        &t.db,
        w.desk_id,
        cal,
        PolicyDef {
            code: "critical",
            name: "Kritiskie",
            priorities: &["critical"],
            resolution: Some(4 * HOUR),
            ..Default::default()
        },
    )
    .await;
    policy(
        &t.db,
        w.desk_id,
        cal,
        PolicyDef {
            resolution: Some(16 * HOUR),
            ..Default::default()
        },
    )
    .await;
    let key = w.file(&t.db, &w.customer_a, "Nestrādā serveris").await;
    let id = ticket(&t.db, &w, &key).await.id;
    set_times(&t.db, id, &[riga("2026-03-02T09:00")]).await;
    refresh_at(&t.db, id, riga("2026-03-02T10:00")).await;
    let before = clock(&t.db, id, Goal::Resolution).await;
    assert_eq!(before.due_at, Some(riga("2026-03-03T16:30")));

    set_priority(&t.db, &w, &key, Priority::Critical).await;
    refresh_at(&t.db, id, riga("2026-03-02T11:00")).await;
    let after = clock(&t.db, id, Goal::Resolution).await;
    assert_eq!(after.policy_id, critical);
    assert_eq!(after.target_secs, 4 * HOUR);
    assert_eq!(after.used_secs, 2 * HOUR, "elapsed business time kept");
    assert_eq!(after.due_at, Some(riga("2026-03-02T13:00")));
    assert_eq!(
        history(&t.db, id, "sla_policy").await,
        [(Some("Noklusējuma".into()), Some("Kritiskie".into()))]
    );
}

#[db_test]
async fn a_request_no_policy_covers_any_more_loses_its_clocks(t: TestDb) {
    let w = t.world().await;
    let cal = office_calendar(&t.db, w.desk_id).await;
    policy(
        &t.db,
        w.desk_id,
        cal,
        PolicyDef {
            code: "medium",
            name: "Vidējie",
            priorities: &["medium"],
            ..Default::default()
        },
    )
    .await;
    let key = w.file(&t.db, &w.customer_a, "Printeris").await;
    let id = ticket(&t.db, &w, &key).await.id;
    assert_eq!(clocks::for_ticket(&t.db, id).await.unwrap().len(), 1);
    set_priority(&t.db, &w, &key, Priority::High).await;
    assert!(clocks::for_ticket(&t.db, id).await.unwrap().is_empty());
    assert_eq!(
        history(&t.db, id, "sla_policy").await,
        [(Some("Vidējie".into()), None)]
    );
}

#[db_test]
async fn the_first_response_is_the_first_public_staff_reply_or_leaving_new_as_the_desk_says(
    t: TestDb,
) {
    let w = t.world().await;
    let cal = office_calendar(&t.db, w.desk_id).await;
    policy(
        &t.db,
        w.desk_id,
        cal,
        PolicyDef {
            first_response: Some(4 * HOUR),
            ..Default::default()
        },
    )
    .await;
    let key = w.file(&t.db, &w.customer_a, "Parole").await;
    let id = ticket(&t.db, &w, &key).await.id;
    let current = ticket(&t.db, &w, &key).await;
    add_comment(&t.db, &w.customer_a, &current, "Vai ir ziņas?", true, &[])
        .await
        .unwrap();
    add_comment(&t.db, &w.agent, &current, "Iekšēji", false, &[])
        .await
        .unwrap();
    add_comment(&t.db, &w.agent, &current, "Labdien!", true, &[])
        .await
        .unwrap();
    set_times(&t.db, id, &[riga("2026-03-02T09:00")]).await;
    set_comment_times(
        &t.db,
        id,
        &[
            riga("2026-03-02T09:15"),
            riga("2026-03-02T09:30"),
            riga("2026-03-02T10:00"),
        ],
    )
    .await;
    refresh_at(&t.db, id, riga("2026-03-02T11:00")).await;
    let first = clock(&t.db, id, Goal::FirstResponse).await;
    assert_eq!(first.state, ClockState::Met);
    assert_eq!(first.stopped_at, Some(riga("2026-03-02T10:00")));

    sqlx::query("UPDATE desks SET sla_first_response = 'status_change' WHERE id = $1")
        .bind(w.desk_id)
        .execute(t.db.write())
        .await
        .unwrap();
    move_through(&t.db, &w, &key, &["in_progress"]).await;
    set_times(
        &t.db,
        id,
        &[riga("2026-03-02T09:00"), riga("2026-03-02T12:00")],
    )
    .await;
    refresh_at(&t.db, id, riga("2026-03-02T13:00")).await;
    let first = clock(&t.db, id, Goal::FirstResponse).await;
    assert_eq!(first.stopped_at, Some(riga("2026-03-02T12:00")));
}

#[db_test]
async fn a_retime_run_over_open_requests_finishes_with_done_equal_to_total_and_new_due_times(
    t: TestDb,
) {
    let w = t.world().await;
    let mut open = Vec::new();
    for i in 0..7 {
        let key = w
            .file(&t.db, &w.customer_a, &format!("Pieteikums {i}"))
            .await;
        let id = ticket(&t.db, &w, &key).await.id;
        set_times(&t.db, id, &[riga("2026-11-02T09:00")]).await;
        open.push(id);
    }
    let done_key = w.file(&t.db, &w.customer_a, "Jau atrisināts").await;
    move_through(&t.db, &w, &done_key, &["resolved"]).await;
    let done_id = ticket(&t.db, &w, &done_key).await.id;
    assert!(clocks::for_ticket(&t.db, open[0]).await.unwrap().is_empty());

    // An administrator adds a policy; the page starts a run.
    let cal = office_calendar(&t.db, w.desk_id).await;
    policy(&t.db, w.desk_id, cal, PolicyDef::default()).await;
    let now = riga("2026-11-02T10:00");
    let run: i64 = sqlx::query(
        "INSERT INTO sla_retime_runs (desk_id, reason, started_at) VALUES ($1, 'policy', $2) RETURNING id",
    )
    .bind(w.desk_id)
    .bind(now)
    .fetch_one(t.db.write())
    .await
    .unwrap()
    .get(0);
    retime::enqueue_first(t.db.write(), run, w.desk_id, now)
        .await
        .unwrap();

    let mut steps = Vec::new();
    for _ in 0..20 {
        let claimed = jobs::claim(&t.db, "w", 60_000, 1, &[RETIME_JOB])
            .await
            .unwrap();
        let Some(job) = claimed.first() else { break };
        steps.push(
            retime::run_step_of(&t.db, &job.payload, now, 3)
                .await
                .unwrap(),
        );
        // The same step again (a worker that died before completing it).
        assert_eq!(
            retime::run_step_of(&t.db, &job.payload, now, 3)
                .await
                .unwrap(),
            Outcome::Skipped
        );
        assert!(jobs::complete(&t.db, job.id, "w").await.unwrap());
    }
    assert_eq!(
        steps,
        [
            Outcome::Continued(3),
            Outcome::Continued(3),
            Outcome::Finished(1)
        ]
    );
    let row = sqlx::query("SELECT done, total, finished_at FROM sla_retime_runs WHERE id = $1")
        .bind(run)
        .fetch_one(t.db.read())
        .await
        .unwrap();
    let (done, total, finished): (i64, i64, Option<i64>) = (row.get(0), row.get(1), row.get(2));
    assert_eq!((done, total), (7, 7));
    assert_eq!(finished, Some(now));
    for id in open {
        let c = clock(&t.db, id, Goal::Resolution).await;
        assert_eq!(c.due_at, Some(riga("2026-11-02T17:00")));
    }
    assert!(
        clocks::for_ticket(&t.db, done_id).await.unwrap().is_empty(),
        "resolved requests are not re-timed"
    );
}

/// The keys of the agent's open tickets in "breaches soonest" order, and
/// those due before `before` (epoch ms).
async fn soonest(db: &Db, w: &World, before: Option<i64>) -> Vec<String> {
    use atbalsts_store::tickets::{list_tickets, Sort, TicketFilter};
    let filter = TicketFilter {
        sort: Sort::Due,
        ascending: true,
        sla_due_before: before,
        limit: 50,
        ..Default::default()
    };
    let page = list_tickets(db, &w.agent, &filter).await.unwrap();
    page.items.into_iter().map(|t| t.key).collect()
}

#[db_test]
async fn breaches_soonest_follows_the_clocks_as_they_run_pause_and_stop(t: TestDb) {
    let w = t.world().await;
    let cal = office_calendar(&t.db, w.desk_id).await;
    policy(
        &t.db,
        w.desk_id,
        cal,
        PolicyDef {
            resolution: Some(8 * HOUR),
            ..Default::default()
        },
    )
    .await;
    let mut keys = Vec::new();
    for (summary, filed) in [
        ("Vēlākais", "2026-03-05T12:00"),
        ("Agrākais", "2026-03-05T09:00"),
        ("Vidējais", "2026-03-05T10:00"),
    ] {
        let key = w.file(&t.db, &w.customer_a, summary).await;
        let id = ticket(&t.db, &w, &key).await.id;
        set_times(&t.db, id, &[riga(filed)]).await;
        refresh_at(&t.db, id, riga("2026-03-05T13:00")).await;
        keys.push(key);
    }
    let [late, early, middle] = [&keys[0], &keys[1], &keys[2]].map(|k| k.to_string());
    assert_eq!(
        soonest(&t.db, &w, None).await,
        [&early, &middle, &late].map(String::clone)
    );
    // Due Friday 9:30 (early), 10:30 and 12:30: before 11:00 takes two.
    let before = Some(riga("2026-03-06T11:00"));
    assert_eq!(
        soonest(&t.db, &w, before).await,
        [&early, &middle].map(String::clone)
    );

    // Waiting for the customer pauses the earliest: it goes to the end;
    // resolving the middle one stops its clock: it leaves the filter.
    move_through(
        &t.db,
        &w,
        &keys[1],
        &["in_progress", "waiting_for_customer"],
    )
    .await;
    let id = ticket(&t.db, &w, &keys[1]).await.id;
    set_times(
        &t.db,
        id,
        &[
            riga("2026-03-05T09:00"),
            riga("2026-03-05T13:00"),
            riga("2026-03-05T13:00"),
        ],
    )
    .await;
    refresh_at(&t.db, id, riga("2026-03-05T13:30")).await;
    move_through(&t.db, &w, &keys[2], &["in_progress", "resolved"]).await;
    let id = ticket(&t.db, &w, &keys[2]).await.id;
    set_times(
        &t.db,
        id,
        &[
            riga("2026-03-05T10:00"),
            riga("2026-03-05T13:00"),
            riga("2026-03-05T13:00"),
        ],
    )
    .await;
    refresh_at(&t.db, id, riga("2026-03-05T13:30")).await;
    assert_eq!(soonest(&t.db, &w, before).await, Vec::<String>::new());
    assert_eq!(soonest(&t.db, &w, None).await[0], late);
}
