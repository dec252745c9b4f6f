//! The backlog report: the tickets open at the end of each period and now,
//! by age in business days, checked by hand on a small desk with a ticket
//! that waited for its customer, was resolved and reopened.

mod sla_support;

use atbalsts_domain::reports::{Dimension, Period, ReportFilter, ReportFilterForm};
use atbalsts_domain::{Channel, TicketKey};
use atbalsts_store::reports::backlog::backlog;
use atbalsts_store::tickets::{create_ticket, ticket_for, transition};
use atbalsts_store::Db;
use atbalsts_testkit::{db_test, TestDb, World};
use jiff::civil::date;
use sla_support::{riga, set_times};

async fn move_through(db: &Db, w: &World, key: &TicketKey, statuses: &[&str]) {
    for s in statuses {
        let t = ticket_for(db, &w.agent, key).await.unwrap().unwrap();
        transition(db, &w.agent, &t, s, None).await.unwrap();
    }
}

async fn id_of(db: &Db, w: &World, key: &TicketKey) -> i64 {
    ticket_for(db, &w.agent, key).await.unwrap().unwrap().id
}

/// Files a ticket by `channel` that stays open, created at `at`.
async fn open_ticket(db: &Db, w: &World, summary: &str, channel: Channel, at: &str) {
    let mut new = w.new_ticket(&w.customer_a, summary);
    new.channel = channel;
    let key = create_ticket(db, &w.customer_a, &new).await.unwrap();
    let id = id_of(db, w, &key).await;
    set_times(db, id, &[riga(at)]).await;
}

#[db_test]
async fn a_lead_reads_how_many_tickets_were_open_at_each_weeks_end_and_now_by_age(t: TestDb) {
    let w = t.world().await;
    let db = &t.db;
    // A, Monday 2 Nov: open, in progress, waiting for the customer from
    // Friday to Monday, in progress, resolved on 9 Nov, reopened on 10 Nov,
    // resolved on 20 Nov.
    let a = w.file(db, &w.customer_a, "Neiet printeris").await;
    move_through(
        db,
        &w,
        &a,
        &[
            "in_progress",
            "waiting_for_customer",
            "in_progress",
            "resolved",
            "in_progress",
            "resolved",
        ],
    )
    .await;
    let a_id = id_of(db, &w, &a).await;
    set_times(
        db,
        a_id,
        &[
            riga("2026-11-02T09:00"),
            riga("2026-11-02T10:00"),
            riga("2026-11-06T09:00"),
            riga("2026-11-09T09:00"),
            riga("2026-11-09T15:00"),
            riga("2026-11-10T09:00"),
            riga("2026-11-20T10:00"),
        ],
    )
    .await;
    // B by phone, Wednesday 4 Nov, still open.
    open_ticket(db, &w, "Nav interneta", Channel::Phone, "2026-11-04T09:00").await;
    // C, Tuesday 1 Sep, open until resolved on 12 Nov.
    let c = w.file(db, &w.customer_a, "Vecs pieteikums").await;
    move_through(db, &w, &c, &["resolved"]).await;
    let c_id = id_of(db, &w, &c).await;
    set_times(
        db,
        c_id,
        &[riga("2026-09-01T09:00"), riga("2026-11-12T09:00")],
    )
    .await;
    // D on Tuesday 8 Dec and E on Thursday 10 Dec, both open.
    open_ticket(db, &w, "Jauns dators", Channel::Portal, "2026-12-08T09:00").await;
    open_ticket(db, &w, "Parole", Channel::Portal, "2026-12-10T08:00").await;

    let (mut f, _) = ReportFilter::parse(&ReportFilterForm::default(), date(2026, 12, 10));
    f.from = date(2026, 11, 1);
    f.to = date(2026, 11, 30);
    f.period = Period::Week;
    let now = riga("2026-12-10T12:00");
    let report = backlog(db, w.desk_id, &f, now).await.unwrap();

    // Weeks: 1 Nov (cut), 2–8, 9–15, 16–22, 23–29, 30 Nov (cut); then now.
    assert_eq!(report.snapshots.len(), 7);
    assert_eq!(report.snapshots[6].period, None, "now comes last");
    let ages: Vec<[i64; 5]> = (0..7).map(|i| report.ages_at(i)).collect();
    // Business days (Mon–Fri, 18 Nov a holiday) after the creation day up
    // to the snapshot's day; buckets < 1, 1–3, 3–7, 7–30, > 30.
    assert_eq!(
        ages,
        vec![
            // 1 Nov: C 43 days.
            [0, 0, 0, 0, 1],
            // 8 Nov: A waiting, 4 days; B 2; C 48.
            [0, 1, 1, 0, 1],
            // 15 Nov: A reopened, 9 days; B 7; C resolved on the 12th.
            [0, 0, 0, 2, 0],
            // 22 Nov: B 11 (not the 18th); A resolved on the 20th.
            [0, 0, 0, 1, 0],
            // 29 Nov: B 16.
            [0, 0, 0, 1, 0],
            // 30 Nov: B 17.
            [0, 0, 0, 1, 0],
            // Now: B 25, D 2, E today.
            [1, 1, 0, 1, 0],
        ]
    );

    // Split by channel: the phone's one ticket is B.
    f.split = Some(Dimension::Channel);
    let report = backlog(db, w.desk_id, &f, now).await.unwrap();
    let phone = report
        .series
        .iter()
        .find(|s| s.split.key == "phone")
        .expect("phone");
    assert_eq!(phone.counts[1], [0, 1, 0, 0, 0]);
    assert_eq!(phone.counts[6], [0, 0, 0, 1, 0]);
    let portal = report
        .series
        .iter()
        .find(|s| s.split.key == "portal")
        .expect("portal");
    assert_eq!(portal.counts[6], [1, 1, 0, 0, 0]);
    assert_eq!(report.series[0].total(6), 2, "largest backlog now first");
}

#[db_test]
async fn period_ends_still_to_come_are_not_counted_only_now(t: TestDb) {
    let w = t.world().await;
    let db = &t.db;
    open_ticket(db, &w, "Nav interneta", Channel::Phone, "2026-12-01T09:00").await;
    let (mut f, _) = ReportFilter::parse(&ReportFilterForm::default(), date(2026, 12, 10));
    f.from = date(2026, 12, 1);
    f.to = date(2026, 12, 31);
    f.period = Period::Month;
    let report = backlog(db, w.desk_id, &f, riga("2026-12-10T12:00"))
        .await
        .unwrap();
    assert_eq!(report.snapshots.len(), 1, "December has not ended");
    // 2–4 and 7–10 Dec: 7 business days.
    assert_eq!(report.ages_at(0), [0, 0, 0, 1, 0]);
}

/// Migration 0039 (the indexes the backlog and quality read along) on a
/// database with tickets from before it.
#[db_test]
async fn tickets_from_before_the_upgrade_are_in_the_backlog_after_it(t: TestDb) {
    atbalsts_store::migrate(&t.db, Some(37)).await.unwrap();
    let w = World::seed(&t.db).await;
    open_ticket(
        &t.db,
        &w,
        "Nav interneta",
        Channel::Phone,
        "2026-12-01T09:00",
    )
    .await;
    let applied = atbalsts_store::migrate(&t.db, None).await.unwrap();
    assert!(applied.contains(&39), "{applied:?}");
    let (mut f, _) = ReportFilter::parse(&ReportFilterForm::default(), date(2026, 12, 10));
    f.from = date(2026, 12, 1);
    f.to = date(2026, 12, 31);
    let report = backlog(&t.db, w.desk_id, &f, riga("2026-12-10T12:00"))
        .await
        .unwrap();
    assert_eq!(report.ages_at(0).iter().sum::<i64>(), 1);
}
