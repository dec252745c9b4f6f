//! The SLA compliance report: goals measured in a range (stopped in it,
//! or still counting and breached in it), met and breached, compliance
//! and the business time used against the target — per policy, team,
//! service and Riga month — checked by hand on a ticket that was paused,
//! reopened and reassigned, a late one, one still open past its goal, and
//! one a month later.

mod sla_support;

use atbalsts_domain::reports::{Period, ReportFilter, ReportFilterForm};
use atbalsts_domain::TicketKey;
use atbalsts_store::reports::sla::{sla, SlaRow};
use atbalsts_store::tickets::{ticket_for, transition, triage, Triage};
use atbalsts_store::{desks, Db};
use atbalsts_testkit::{db_test, TestDb, World};
use jiff::civil::date;
use sla_support::*;

async fn move_through(db: &Db, w: &World, key: &TicketKey, statuses: &[&str]) {
    for s in statuses {
        let t = ticket_for(db, &w.agent, key).await.unwrap().unwrap();
        transition(db, &w.agent, &t, s, None).await.unwrap();
    }
}

async fn assign_team(db: &Db, w: &World, key: &TicketKey, team_id: i64) {
    let t = ticket_for(db, &w.agent, key).await.unwrap().unwrap();
    let change = Triage {
        impact: None,
        urgency: None,
        priority: None,
        reason: String::new(),
        team_id: Some(team_id),
        assignee_id: t.assignee_id,
        category_id: t.category_id,
        root_cause_id: t.root_cause_id,
    };
    triage(db, &w.agent, &t, &change, None, |_| Vec::new())
        .await
        .unwrap();
}

/// A filed, clocks kept by the store, its history at chosen instants and
/// the clocks refreshed as of `now`.
async fn history(db: &Db, w: &World, key: &TicketKey, instants: &[&str], now: &str) -> i64 {
    let id = ticket_for(db, &w.agent, key).await.unwrap().unwrap().id;
    let at: Vec<i64> = instants.iter().map(|s| riga(s)).collect();
    set_times(db, id, &at).await;
    refresh_at(db, id, riga(now)).await;
    id
}

fn filter(team_id: Option<i64>) -> ReportFilter {
    let (mut f, _) = ReportFilter::parse(&ReportFilterForm::default(), date(2026, 12, 31));
    f.from = date(2026, 11, 1);
    f.to = date(2026, 12, 31);
    f.period = Period::Month;
    f.team_id = team_id;
    f
}

fn row<'a>(rows: &'a [SlaRow], key: &str) -> &'a SlaRow {
    rows.iter()
        .find(|r| r.key == key && r.goal == "resolution")
        .unwrap_or_else(|| panic!("a row {key:?} in {rows:#?}"))
}

/// (measured, met, breached, median used, p90 used, target median)
fn figures(r: &SlaRow) -> (i64, i64, i64, Option<i64>, Option<i64>, Option<i64>) {
    let f = &r.figures;
    (
        f.measured,
        f.met,
        f.breached,
        f.used.median,
        f.used.p90,
        f.target.median,
    )
}

#[db_test]
async fn a_lead_reads_how_many_sla_goals_were_met_and_breached_per_policy_team_and_month(
    t: TestDb,
) {
    let w = t.world().await;
    let db = &t.db;
    let cal = office_calendar(db, w.desk_id).await;
    // Office calendar Mon–Fri 8:30–17:00; resolution within 8 business hours.
    policy(
        db,
        w.desk_id,
        cal,
        PolicyDef {
            code: "standard",
            name: "Standarta",
            resolution: Some(8 * HOUR),
            ..Default::default()
        },
    )
    .await;
    let network = desks::create_team(db, w.desk_id, "Tīklu nodaļa")
        .await
        .unwrap();

    // A: Mon 2.11 9:00 taken up, 11:00 waiting for the customer (2 h used),
    // Tue 9:00 back in progress, 10:00 resolved (3 h); reopened Wed 9:00,
    // reassigned from the IKT team to the network team, resolved 12:00:
    // 6 h used — met, stopped Wed 4.11.
    let a = w.file(db, &w.customer_a, "Neiet printeris").await;
    assign_team(db, &w, &a, w.team_id).await;
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
        ],
    )
    .await;
    assign_team(db, &w, &a, network).await;
    move_through(db, &w, &a, &["resolved"]).await;
    history(
        db,
        &w,
        &a,
        &[
            "2026-11-02T09:00",
            "2026-11-02T09:00",
            "2026-11-02T11:00",
            "2026-11-03T09:00",
            "2026-11-03T10:00",
            "2026-11-04T09:00",
            "2026-11-04T12:00",
        ],
        "2026-11-04T13:00",
    )
    .await;

    // B: Mon 2.11 9:00 to Tue 12:00: 8 h + 3.5 h = 11.5 h — breached
    // (Mon 17:00), stopped Tue.
    let b = w.file(db, &w.customer_a, "Nav interneta").await;
    move_through(db, &w, &b, &["in_progress", "resolved"]).await;
    history(
        db,
        &w,
        &b,
        &["2026-11-02T09:00", "2026-11-02T09:00", "2026-11-03T12:00"],
        "2026-11-03T13:00",
    )
    .await;

    // C: Thu 5.11 9:00, still in progress on Fri 12:00: 11.5 h used,
    // breached Thu 17:00 and still counting — measured as breached.
    let c = w.file(db, &w.customer_a, "Lēns dators").await;
    move_through(db, &w, &c, &["in_progress"]).await;
    history(
        db,
        &w,
        &c,
        &["2026-11-05T09:00", "2026-11-05T09:00"],
        "2026-11-06T12:00",
    )
    .await;

    // D: Tue 1.12 9:00 to 10:00: 1 h — met, in December.
    let d = w.file(db, &w.customer_a, "Jauna parole").await;
    move_through(db, &w, &d, &["resolved"]).await;
    history(
        db,
        &w,
        &d,
        &["2026-12-01T09:00", "2026-12-01T10:00"],
        "2026-12-01T11:00",
    )
    .await;

    // E: resolved in October, outside the range.
    let e = w.file(db, &w.customer_a, "Vecs pieteikums").await;
    move_through(db, &w, &e, &["resolved"]).await;
    history(
        db,
        &w,
        &e,
        &["2026-10-05T09:00", "2026-10-05T10:00"],
        "2026-10-05T11:00",
    )
    .await;

    let report = sla(db, w.desk_id, &filter(None)).await.unwrap();
    assert!(report.has_data());
    // Used: 1 h, 6 h, 11.5 h, 11.5 h — median (nearest rank 2 of 4) 6 h,
    // p90 (rank 4) 11.5 h; the target 8 h.
    let hours = |h: f64| Some((h * HOUR as f64) as i64);
    assert_eq!(
        figures(row(&report.total, "")),
        (4, 2, 2, hours(6.0), hours(11.5), hours(8.0))
    );
    assert_eq!(row(&report.total, "").figures.compliance(), Some(0.5));
    let standard = row(&report.policies, "standard");
    assert_eq!(standard.figures.measured, 4);
    assert_eq!(
        standard
            .labels
            .as_ref()
            .unwrap()
            .get(atbalsts_domain::Locale::Lv),
        "Standarta"
    );
    // By the team the ticket has now: A with the network team, the rest
    // with none.
    assert_eq!(
        figures(row(&report.teams, "Tīklu nodaļa")),
        (1, 1, 0, hours(6.0), hours(6.0), hours(8.0))
    );
    assert_eq!(
        figures(row(&report.teams, "")),
        (3, 1, 2, hours(11.5), hours(11.5), hours(8.0))
    );
    assert!(report.teams.iter().all(|r| r.key != "IKT atbalsta nodaļa"));
    // By Riga month: November A met, B and C breached; December D met.
    let nov = row(&report.months, "2026-11-01");
    assert_eq!((nov.figures.met, nov.figures.breached), (1, 2));
    let dec = row(&report.months, "2026-12-01");
    assert_eq!((dec.figures.met, dec.figures.breached), (1, 0));
    let services: i64 = report.services.iter().map(|r| r.figures.measured).sum();
    assert_eq!(services, 4);

    // The filter narrows by the ticket: the network team has only A.
    let network_only = sla(db, w.desk_id, &filter(Some(network))).await.unwrap();
    assert_eq!(
        figures(row(&network_only.total, "")),
        (1, 1, 0, hours(6.0), hours(6.0), hours(8.0))
    );
}

#[db_test]
async fn a_desk_without_sla_records_in_the_range_has_no_sla_data(t: TestDb) {
    let w = t.world().await;
    let db = &t.db;
    // A ticket resolved without any SLA policy: no clock to measure.
    let a = w.file(db, &w.customer_a, "Neiet printeris").await;
    move_through(db, &w, &a, &["resolved"]).await;
    let report = sla(db, w.desk_id, &filter(None)).await.unwrap();
    assert!(!report.has_data());
    assert!(report.policies.is_empty() && report.teams.is_empty());
}
