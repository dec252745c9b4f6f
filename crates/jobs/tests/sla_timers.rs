//! The SLA timers as every instance's worker runs them.

use atbalsts_domain::sla::{Calendar, CalendarSpec, Goal, GoalTarget};
use atbalsts_domain::{Locale, Role};
use atbalsts_jobs::Worker;
use atbalsts_mail::compose::Composer;
use atbalsts_store::notifications::NewNotification;
use atbalsts_store::sla::timers::{Compose, Notice};
use atbalsts_store::sla::{calendars, policies};
use atbalsts_store::{desks, now_ms, users, Db};
use atbalsts_testkit::{db_test, TestDb};
use sqlx::Row;
use std::sync::Arc;

fn compose() -> Arc<Compose> {
    Arc::new(|n: &Notice| -> Vec<NewNotification> {
        n.recipients
            .iter()
            .map(|r| NewNotification {
                kind: n.kind.code(),
                recipient_email: r.email.clone(),
                locale: "lv".into(),
                ticket_id: Some(n.ticket_id),
                subject: n.key.clone(),
                body_text: String::new(),
                message_id: format!("<{}@test>", atbalsts_store::sessions::random_token("sla")),
                desk_id: None,
                values: Vec::new(),
                hold_ms: 0,
            })
            .collect()
    })
}

async fn count(db: &Db, kind: &str) -> i64 {
    sqlx::query("SELECT COUNT(*) FROM notifications WHERE kind = $1")
        .bind(kind)
        .fetch_one(db.read())
        .await
        .unwrap()
        .get(0)
}

#[db_test]
async fn two_instances_running_the_sla_timers_deliver_each_warning_and_breach_once(t: TestDb) {
    let w = t.world().await;
    let db = &t.db;
    let calendar = Calendar::new(CalendarSpec::always_open()).unwrap();
    let cal = calendars::create(db, w.desk_id, "office", "Birojs", "Office", &calendar)
        .await
        .unwrap();
    policies::create(
        db,
        w.desk_id,
        &policies::NewPolicy {
            code: "default".into(),
            name_lv: "Noklusējuma".into(),
            name_en: "Default".into(),
            calendar_id: cal,
            conditions: Default::default(),
            warn_percent: 75,
            breach_priority: None,
            breach_team_id: None,
            goals: vec![GoalTarget::check(Goal::Resolution, 8 * 3600).unwrap()],
        },
    )
    .await
    .unwrap();
    let lead = users::create_user(
        db,
        &users::NewUser::new(
            atbalsts_domain::Email::parse("vaditajs@kisc.lv").unwrap(),
            "Laura Vadītāja",
        ),
    )
    .await
    .unwrap();
    users::grant_role(db, w.desk_id, lead, Role::TeamLead)
        .await
        .unwrap();
    desks::add_team_member(db, w.team_id, lead).await.unwrap();
    // Three requests filed five hours ago in the team's queue, unassigned,
    // under an 8-hour goal around the clock: warnings due in an hour (at
    // six hours), breaches in three.
    let filed = now_ms() - 5 * 3600 * 1000;
    for i in 0..3 {
        let key = w.file(db, &w.customer_a, &format!("Pieteikums {i}")).await;
        let id = atbalsts_store::tickets::ticket_for(db, &w.agent, &key)
            .await
            .unwrap()
            .unwrap()
            .id;
        for sql in [
            "UPDATE tickets SET created_at = $1, team_id = $2 WHERE id = $3",
            "UPDATE ticket_status_history SET entered_at = $1 WHERE $2 = $2 AND ticket_id = $3",
        ] {
            sqlx::query(sql)
                .bind(filed)
                .bind(w.team_id)
                .bind(id)
                .execute(db.write())
                .await
                .unwrap();
        }
        atbalsts_store::sla::refresh_ticket(db, id, now_ms())
            .await
            .unwrap();
    }
    let second = t.second_instance().await;
    run_two_workers(&t.db, &second).await;
    assert_eq!(count(db, "sla-warning").await, 0, "nothing is due yet");
    // An hour later (the warning timers made due now).
    make_due(db, "sla.warn").await;
    run_two_workers(&t.db, &second).await;
    // Warnings to the team (agent and lead) for each of the three.
    assert_eq!(count(db, "sla-warning").await, 3 * 2);
    assert_eq!(count(db, "sla-breach").await, 0);
    // Two hours later: the lead hears of each breach.
    make_due(db, "sla.breach").await;
    run_two_workers(&t.db, &second).await;
    assert_eq!(count(db, "sla-warning").await, 3 * 2);
    assert_eq!(count(db, "sla-breach").await, 3);
    let errors: Vec<String> = sqlx::query(
        "SELECT last_error FROM jobs WHERE kind LIKE 'sla.%' AND last_error IS NOT NULL",
    )
    .fetch_all(db.read())
    .await
    .unwrap()
    .iter()
    .map(|r| r.get(0))
    .collect();
    assert!(errors.is_empty(), "no timer failed: {errors:?}");
}

#[db_test]
async fn a_late_breach_mail_says_in_each_leads_language_how_late_in_business_time(t: TestDb) {
    let w = t.world().await;
    let db = &t.db;
    let calendar = Calendar::new(CalendarSpec::always_open()).unwrap();
    let cal = calendars::create(db, w.desk_id, "office", "Birojs", "Office", &calendar)
        .await
        .unwrap();
    policies::create(
        db,
        w.desk_id,
        &policies::NewPolicy {
            code: "default".into(),
            name_lv: "Noklusējuma".into(),
            name_en: "Default".into(),
            calendar_id: cal,
            conditions: Default::default(),
            warn_percent: 75,
            breach_priority: None,
            breach_team_id: None,
            goals: vec![GoalTarget::check(Goal::Resolution, 8 * 3600).unwrap()],
        },
    )
    .await
    .unwrap();
    for (email, name, locale) in [
        ("vaditajs@kisc.lv", "Laura Vadītāja", Locale::Lv),
        ("lead@kisc.lv", "Lee Lead", Locale::En),
    ] {
        let mut new = users::NewUser::new(atbalsts_domain::Email::parse(email).unwrap(), name);
        new.locale = Some(locale);
        let lead = users::create_user(db, &new).await.unwrap();
        users::grant_role(db, w.desk_id, lead, Role::TeamLead)
            .await
            .unwrap();
        desks::add_team_member(db, w.team_id, lead).await.unwrap();
    }
    // Filed 10 h 15 min ago under an 8-hour goal around the clock (half a
    // minute of slack for the test's own time): the instance was down when
    // the goal fell due, and its worker runs the breach 2 h 15 min late.
    let filed = now_ms() - ((10 * 60 + 15) * 60 + 30) * 1000;
    let key = w.file(db, &w.customer_a, "Neiet printeris").await;
    let id = atbalsts_store::tickets::ticket_for(db, &w.agent, &key)
        .await
        .unwrap()
        .unwrap()
        .id;
    for sql in [
        "UPDATE tickets SET created_at = $1, team_id = $2 WHERE id = $3",
        "UPDATE ticket_status_history SET entered_at = $1 WHERE $2 = $2 AND ticket_id = $3",
    ] {
        sqlx::query(sql)
            .bind(filed)
            .bind(w.team_id)
            .bind(id)
            .execute(db.write())
            .await
            .unwrap();
    }
    atbalsts_store::sla::refresh_ticket(db, id, filed + 1000)
        .await
        .unwrap();
    let composer = Composer::new(
        Arc::new(atbalsts_i18n::Catalogue::load()),
        "http://127.0.0.1:8080",
        "KISC atbalsts <atbalsts@kisc.lv>",
    );
    let worker =
        Worker::new(db.clone(), "one").sla(Arc::new(move |n: &Notice| composer.sla_notice(n)));
    while worker.run_once().await.unwrap() > 0 {}

    let mails: Vec<(String, String)> = sqlx::query(
        "SELECT recipient_email, body_text FROM notifications WHERE kind = 'sla-breach' ORDER BY recipient_email",
    )
    .fetch_all(db.read())
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get(0), r.get(1)))
    .collect();
    assert_eq!(mails.len(), 2, "{mails:?}");
    assert_eq!(mails[0].0, "lead@kisc.lv");
    assert!(
        mails[0]
            .1
            .contains("It is overdue by 2 h 15 min of business time."),
        "{}",
        mails[0].1
    );
    assert_eq!(mails[1].0, "vaditajs@kisc.lv");
    assert!(
        mails[1]
            .1
            .contains("Termiņš nokavēts par 2 h 15 min darba laika."),
        "{}",
        mails[1].1
    );
}

async fn make_due(db: &Db, kind: &str) {
    sqlx::query("UPDATE jobs SET run_at = $1 WHERE kind = $2 AND state = 'queued'")
        .bind(now_ms())
        .bind(kind)
        .execute(db.write())
        .await
        .unwrap();
}

/// Two instances' workers run what is due until both find nothing to do.
async fn run_two_workers(one: &Db, two: &Db) {
    let mut handles = Vec::new();
    for (name, db) in [("one", one.clone()), ("two", two.clone())] {
        let mut worker = Worker::new(db, name).sla(compose());
        worker.batch = 1;
        handles.push(tokio::spawn(async move {
            let mut idle = 0;
            while idle < 3 {
                if worker.run_once().await.unwrap() == 0 {
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
}
