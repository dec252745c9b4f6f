//! The volume report: tickets created, resolved and closed per Riga
//! period, split by a dimension, figures checked by hand.

mod sla_support;

use atbalsts_domain::reports::{Dimension, Period, ReportFilter, ReportFilterForm};
use atbalsts_domain::{Channel, TicketKey};
use atbalsts_store::reports::volume::volume;
use atbalsts_store::tickets::{create_ticket, ticket_for, transition};
use atbalsts_store::Db;
use atbalsts_testkit::{db_test, TestDb, World};
use jiff::civil::date;
use sla_support::{riga, set_times};

async fn file(db: &Db, w: &World, summary: &str, channel: Channel) -> (TicketKey, i64) {
    let mut new = w.new_ticket(&w.customer_a, summary);
    new.channel = channel;
    let key = create_ticket(db, &w.agent, &new).await.unwrap();
    let id = ticket_for(db, &w.agent, &key).await.unwrap().unwrap().id;
    (key, id)
}

async fn move_through(db: &Db, w: &World, key: &TicketKey, statuses: &[&str]) {
    for s in statuses {
        let t = ticket_for(db, &w.agent, key).await.unwrap().unwrap();
        transition(db, &w.agent, &t, s, None).await.unwrap();
    }
}

fn filter(
    from: jiff::civil::Date,
    to: jiff::civil::Date,
    period: Period,
    split: Option<Dimension>,
) -> ReportFilter {
    let (mut f, errors) = ReportFilter::parse(&ReportFilterForm::default(), to);
    assert!(errors.is_empty());
    f.from = from;
    f.to = to;
    f.period = period;
    f.split = split;
    f
}

#[db_test]
async fn a_lead_counts_created_resolved_and_closed_tickets_per_riga_day_and_by_channel(t: TestDb) {
    let w = t.world().await;
    let db = &t.db;
    // Late on 30 November in Riga (21:30 UTC) and just after midnight on
    // 1 December in Riga (still 30 November in UTC).
    let (_, a) = file(db, &w, "Neiet printeris", Channel::Phone).await;
    set_times(db, a, &[riga("2026-11-30T23:30")]).await;
    let (b_key, b) = file(db, &w, "Nav interneta", Channel::Portal).await;
    // Resolved on the 2nd, reopened, resolved again and closed on the 4th.
    move_through(
        db,
        &w,
        &b_key,
        &[
            "in_progress",
            "resolved",
            "in_progress",
            "resolved",
            "closed",
        ],
    )
    .await;
    set_times(
        db,
        b,
        &[
            riga("2026-12-01T00:30"),
            riga("2026-12-01T09:00"),
            riga("2026-12-02T10:00"),
            riga("2026-12-03T08:00"),
            riga("2026-12-04T12:00"),
            riga("2026-12-04T16:00"),
        ],
    )
    .await;
    let (_, c) = file(db, &w, "Jauns dators", Channel::Portal).await;
    set_times(db, c, &[riga("2026-12-03T10:00")]).await;
    // Outside the range: the day after.
    let (_, d) = file(db, &w, "Projektors", Channel::Portal).await;
    set_times(db, d, &[riga("2026-12-05T00:00")]).await;

    let days = volume(
        db,
        w.desk_id,
        &filter(date(2026, 11, 30), date(2026, 12, 4), Period::Day, None),
    )
    .await
    .unwrap();
    assert_eq!(days.periods.buckets.len(), 5);
    assert_eq!(days.series.len(), 1);
    let all = &days.series[0];
    assert_eq!(all.created, [1, 1, 0, 1, 0]);
    assert_eq!(
        all.resolved,
        [0, 0, 1, 0, 1],
        "resolved twice, counted twice"
    );
    assert_eq!(all.closed, [0, 0, 0, 0, 1]);

    let months = volume(
        db,
        w.desk_id,
        &filter(
            date(2026, 11, 1),
            date(2026, 12, 31),
            Period::Month,
            Some(Dimension::Channel),
        ),
    )
    .await
    .unwrap();
    let by: Vec<(&str, Vec<i64>, i64)> = months
        .series
        .iter()
        .map(|s| (s.split.key.as_str(), s.created.clone(), s.totals().1))
        .collect();
    // Largest first: the portal's three, all in December (the one filed
    // just after midnight on 1 December in Riga too), then the phone's
    // one in November.
    assert_eq!(by, [("portal", vec![0, 3], 2), ("phone", vec![1, 0], 0)]);

    // Narrowed to the phone channel, split by ticket type with its labels.
    let mut phone = filter(
        date(2026, 11, 1),
        date(2026, 12, 31),
        Period::Month,
        Some(Dimension::TicketType),
    );
    phone.channel = Some(Channel::Phone);
    let typed = volume(db, w.desk_id, &phone).await.unwrap();
    assert_eq!(typed.series.len(), 1);
    assert_eq!(typed.series[0].created, [1, 0]);
    assert!(
        typed.series[0].split.labels.is_some(),
        "ticket types come with their names"
    );
}

#[db_test]
async fn a_desk_without_tickets_in_the_range_reports_zeros_not_nothing(t: TestDb) {
    let w = t.world().await;
    let weeks = volume(
        &t.db,
        w.desk_id,
        &filter(
            date(2026, 12, 2),
            date(2026, 12, 14),
            Period::Week,
            Some(Dimension::Team),
        ),
    )
    .await
    .unwrap();
    assert_eq!(weeks.periods.buckets.len(), 3);
    assert_eq!(weeks.series.len(), 1);
    assert_eq!(weeks.series[0].created, [0, 0, 0]);
}

#[db_test]
async fn every_split_and_filter_counts_the_same_tickets(t: TestDb) {
    use atbalsts_store::reports::speed::speed;
    let w = t.world().await;
    let db = &t.db;
    for (summary, channel, at) in [
        ("Neiet printeris", Channel::Phone, "2026-11-30T23:30"),
        ("Nav interneta", Channel::Portal, "2026-12-02T10:00"),
    ] {
        let (key, id) = file(db, &w, summary, channel).await;
        move_through(db, &w, &key, &["in_progress", "resolved"]).await;
        let start = riga(at);
        set_times(db, id, &[start, start + 3_600_000, start + 7_200_000]).await;
    }
    let range = |split| filter(date(2026, 11, 1), date(2026, 12, 31), Period::Month, split);
    for split in std::iter::once(None).chain(Dimension::ALL.map(Some)) {
        let report = volume(db, w.desk_id, &range(split)).await.unwrap();
        let created: i64 = report.series.iter().map(|s| s.totals().0).sum();
        let resolved: i64 = report.series.iter().map(|s| s.totals().1).sum();
        assert_eq!((created, resolved), (2, 2), "split {split:?}");
        let speed = speed(db, w.desk_id, &range(split)).await.unwrap();
        let measured: usize = speed.rows.iter().map(|r| r.resolution.count).sum();
        assert_eq!(measured, 2, "split {split:?}");
    }
    // Each filter on its own narrows by its join, and none fails.
    let mut f = range(None);
    f.ticket_type = Some("incident".into());
    f.service = Some("Drukāšana".into());
    f.team_id = Some(w.team_id);
    f.institution_id = Some(w.institution_a);
    f.sub_unit_id = Some(w.sub_unit_a);
    f.request_type_id = Some(1);
    let none = volume(db, w.desk_id, &f).await.unwrap();
    assert_eq!(none.series.iter().map(|s| s.totals().0).sum::<i64>(), 0);
    let mut f = range(Some(Dimension::Service));
    f.ticket_type = Some("incident".into());
    let incidents = volume(db, w.desk_id, &f).await.unwrap();
    assert_eq!(
        incidents.series.iter().map(|s| s.totals().0).sum::<i64>(),
        2
    );
}
