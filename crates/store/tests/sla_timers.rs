//! SLA timers: a warning and a breach each reach their people exactly
//! once — when a job runs twice, when its worker dies, when two instances
//! race, and not at all when the clock moved since they were scheduled.

mod sla_support;

use atbalsts_domain::sla::{ClockState, Goal};
use atbalsts_domain::{Email, Role, TicketKey};
use atbalsts_store::notifications::NewNotification;
use atbalsts_store::sla::notices;
use atbalsts_store::sla::timers::{self, Compose, Notice, BREACH_JOB, WARN_JOB};
use atbalsts_store::tickets::{ticket_for, transition};
use atbalsts_store::users::{create_user, grant_role, NewUser};
use atbalsts_store::{desks, jobs, now_ms, Db};
use atbalsts_testkit::{db_test, TestDb, World};
use sla_support::*;
use sqlx::Row;
use std::sync::Arc;

struct Setup {
    w: World,
    key: TicketKey,
    id: i64,
    lead_email: &'static str,
}

/// A ticket of the agent's team, assigned to the agent, filed Monday
/// 2 November 2026 at 9:00 under an 8-hour resolution goal that raises the
/// priority at breach; its timers scheduled as of 10:00 (warning at 15:00,
/// breach at 17:00: both due by now).
async fn setup(t: &TestDb) -> Setup {
    let db = &t.db;
    let w = t.world().await;
    let cal = office_calendar(db, w.desk_id).await;
    policy(
        db,
        w.desk_id,
        cal,
        PolicyDef {
            breach_priority: Some("high"),
            ..Default::default()
        },
    )
    .await;
    let lead_email = "vaditajs@kisc.lv";
    let lead = create_user(
        db,
        &NewUser::new(Email::parse(lead_email).unwrap(), "Laura Vadītāja"),
    )
    .await
    .unwrap();
    grant_role(db, w.desk_id, lead, Role::TeamLead)
        .await
        .unwrap();
    desks::add_team_member(db, w.team_id, lead).await.unwrap();
    let key = w.file(db, &w.customer_a, "Nestrādā tīkls").await;
    let id = ticket_for(db, &w.agent, &key).await.unwrap().unwrap().id;
    sqlx::query("UPDATE tickets SET team_id = $1, assignee_id = $2 WHERE id = $3")
        .bind(w.team_id)
        .bind(w.agent.user_id)
        .bind(id)
        .execute(db.write())
        .await
        .unwrap();
    set_times(db, id, &[riga("2026-11-02T09:00")]).await;
    // The timers of the creation (as of the real now) are left out of the story.
    sqlx::query("DELETE FROM jobs WHERE kind IN ($1, $2)")
        .bind(WARN_JOB)
        .bind(BREACH_JOB)
        .execute(db.write())
        .await
        .unwrap();
    refresh_at(db, id, riga("2026-11-02T10:00")).await;
    Setup {
        w,
        key,
        id,
        lead_email,
    }
}

fn compose() -> Arc<Compose> {
    Arc::new(|n: &Notice| -> Vec<NewNotification> {
        n.recipients
            .iter()
            .map(|r| NewNotification {
                kind: n.kind.code(),
                recipient_email: r.email.clone(),
                locale: "lv".into(),
                ticket_id: Some(n.ticket_id),
                subject: format!("{} {:?}", n.key, n.goal),
                body_text: String::new(),
                message_id: format!("<{}@test>", atbalsts_store::sessions::random_token("sla")),
                desk_id: None,
                values: Vec::new(),
                hold_ms: 0,
            })
            .collect()
    })
}

/// The payload of the timer of `kind` scheduled last.
async fn timer(db: &Db, kind: &str) -> (i64, String) {
    let row = sqlx::query("SELECT id, payload FROM jobs WHERE kind = $1 ORDER BY id DESC LIMIT 1")
        .bind(kind)
        .fetch_one(db.read())
        .await
        .unwrap();
    (row.get(0), row.get(1))
}

/// Who got notifications of `kind`.
async fn sent(db: &Db, kind: &str) -> Vec<String> {
    sqlx::query("SELECT recipient_email FROM notifications WHERE kind = $1 ORDER BY id")
        .bind(kind)
        .fetch_all(db.read())
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

#[db_test]
async fn a_warning_and_a_breach_each_reach_their_people_once_when_their_jobs_run_twice(t: TestDb) {
    let s = setup(&t).await;
    let db = &t.db;
    let c = compose();
    let (_, warn) = timer(db, WARN_JOB).await;
    let scheduled: timers::Timer = serde_json::from_str(&warn).unwrap();
    assert_eq!(
        scheduled.version,
        clock(db, s.id, Goal::Resolution).await.timer_version
    );
    assert!(timers::warn(db, &warn, now_ms(), &*c).await.unwrap());
    assert!(!timers::warn(db, &warn, now_ms(), &*c).await.unwrap());
    assert_eq!(sent(db, "sla-warning").await, ["agents@kisc.lv"]);
    assert_eq!(
        notices::unread_count(db, &s.w.agent).await.unwrap(),
        1,
        "the assignee sees the warning in the app too"
    );

    let (_, breach) = timer(db, BREACH_JOB).await;
    assert!(timers::breach(db, &breach, now_ms(), &*c).await.unwrap());
    assert!(!timers::breach(db, &breach, now_ms(), &*c).await.unwrap());
    assert_eq!(sent(db, "sla-breach").await, [s.lead_email]);
    let record = clock(db, s.id, Goal::Resolution).await;
    assert_eq!(record.state, ClockState::Breached);
    assert_eq!(record.breached_at, Some(riga("2026-11-02T17:00")));
    let ticket = ticket_for(db, &s.w.agent, &s.key).await.unwrap().unwrap();
    assert_eq!(
        ticket.priority.code(),
        "high",
        "the policy raises the priority"
    );
    assert_eq!(
        history(db, s.id, "priority").await,
        [(Some("medium".into()), Some("high".into()))]
    );
    assert_eq!(
        history(db, s.id, "sla_breached").await,
        [(None, Some("resolution".into()))]
    );
}

#[db_test]
async fn a_timer_whose_worker_died_runs_again_on_another_and_still_notifies_once(t: TestDb) {
    let s = setup(&t).await;
    let db = &t.db;
    let c = compose();
    // The first worker sends the warning, then dies before completing the job.
    let first = jobs::claim(db, "w1", 1, 1, &[WARN_JOB]).await.unwrap();
    assert_eq!(first.len(), 1);
    assert!(timers::warn(db, &first[0].payload, now_ms(), &*c)
        .await
        .unwrap());
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let again = jobs::claim(db, "w2", 60_000, 1, &[WARN_JOB]).await.unwrap();
    assert_eq!(again[0].id, first[0].id, "the lease ran out: claimed again");
    assert!(!timers::warn(db, &again[0].payload, now_ms(), &*c)
        .await
        .unwrap());
    assert!(jobs::complete(db, again[0].id, "w2").await.unwrap());
    assert_eq!(sent(db, "sla-warning").await.len(), 1);

    // A worker that dies before committing the breach: the next one does it.
    let lost = jobs::claim(db, "w1", 1, 1, &[BREACH_JOB]).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let taken = jobs::claim(db, "w2", 60_000, 1, &[BREACH_JOB])
        .await
        .unwrap();
    assert_eq!(taken[0].id, lost[0].id);
    assert!(timers::breach(db, &taken[0].payload, now_ms(), &*c)
        .await
        .unwrap());
    assert!(jobs::complete(db, taken[0].id, "w2").await.unwrap());
    assert_eq!(sent(db, "sla-breach").await, [s.lead_email]);
}

#[db_test]
async fn a_timer_of_a_clock_paused_since_it_was_scheduled_does_nothing(t: TestDb) {
    let s = setup(&t).await;
    let db = &t.db;
    let c = compose();
    let (_, warn) = timer(db, WARN_JOB).await;
    let (_, breach) = timer(db, BREACH_JOB).await;
    let ticket = ticket_for(db, &s.w.agent, &s.key).await.unwrap().unwrap();
    transition(db, &s.w.agent, &ticket, "waiting_for_customer", None)
        .await
        .unwrap();
    set_times(
        db,
        s.id,
        &[riga("2026-11-02T09:00"), riga("2026-11-02T11:00")],
    )
    .await;
    refresh_at(db, s.id, riga("2026-11-02T11:30")).await;
    assert_eq!(
        clock(db, s.id, Goal::Resolution).await.state,
        ClockState::Paused
    );
    assert!(!timers::warn(db, &warn, now_ms(), &*c).await.unwrap());
    assert!(!timers::breach(db, &breach, now_ms(), &*c).await.unwrap());
    assert!(sent(db, "sla-warning").await.is_empty());
    assert!(sent(db, "sla-breach").await.is_empty());
    let ticket = ticket_for(db, &s.w.agent, &s.key).await.unwrap().unwrap();
    assert_eq!(ticket.priority.code(), "medium", "no escalation either");
}

#[db_test]
async fn two_instances_racing_on_one_timer_notify_once(t: TestDb) {
    let s = setup(&t).await;
    let (one, two) = (t.db.clone(), t.second_instance().await);
    let c = compose();
    let (_, warn) = timer(&one, WARN_JOB).await;
    let (_, breach) = timer(&one, BREACH_JOB).await;
    let (a, b) = tokio::join!(
        timers::warn(&one, &warn, now_ms(), &*c),
        timers::warn(&two, &warn, now_ms(), &*c)
    );
    assert_eq!([a.unwrap(), b.unwrap()].iter().filter(|x| **x).count(), 1);
    let (a, b) = tokio::join!(
        timers::breach(&one, &breach, now_ms(), &*c),
        timers::breach(&two, &breach, now_ms(), &*c)
    );
    assert_eq!([a.unwrap(), b.unwrap()].iter().filter(|x| **x).count(), 1);
    assert_eq!(sent(&one, "sla-warning").await.len(), 1);
    assert_eq!(sent(&one, "sla-breach").await, [s.lead_email]);
}
