//! The quality report: reopen rate, reassignments, first-line solving and
//! the root causes of problems, checked by hand on a small desk with a
//! ticket that waited for its customer, was reopened and moved to another
//! team.

mod sla_support;

use atbalsts_domain::reports::{Period, ReportFilter, ReportFilterForm};
use atbalsts_domain::{Email, Labels, Role, TicketKey, Viewer};
use atbalsts_store::categories::{self, Kind};
use atbalsts_store::reports::quality::{quality, share};
use atbalsts_store::tickets::{assign, create_ticket, ticket_for, transition, triage, Triage};
use atbalsts_store::users::{create_user, grant_role, NewUser};
use atbalsts_store::{desks, workflows, Db};
use atbalsts_testkit::{db_test, TestDb, World};
use jiff::civil::date;
use sla_support::{riga, set_times};
use sqlx::Row;

async fn move_through(db: &Db, w: &World, key: &TicketKey, statuses: &[&str]) {
    for s in statuses {
        let t = ticket_for(db, &w.agent, key).await.unwrap().unwrap();
        transition(db, &w.agent, &t, s, None).await.unwrap();
    }
}

async fn id_of(db: &Db, w: &World, key: &TicketKey) -> i64 {
    ticket_for(db, &w.agent, key).await.unwrap().unwrap().id
}

/// Gives the ticket a team, an assignee and a root cause as `by`.
async fn set_triage(
    db: &Db,
    w: &World,
    by: &Viewer,
    key: &TicketKey,
    team_id: Option<i64>,
    assignee_id: Option<i64>,
    root_cause_id: Option<i64>,
) {
    let t = ticket_for(db, &w.agent, key).await.unwrap().unwrap();
    let change = Triage {
        impact: None,
        urgency: None,
        priority: None,
        reason: String::new(),
        team_id,
        assignee_id,
        category_id: t.category_id,
        root_cause_id,
    };
    triage(db, by, &t, &change, None, |_| Vec::new())
        .await
        .unwrap();
}

/// Sets when a ticket's changes of `field` were made, oldest first.
async fn set_change_times(db: &Db, ticket_id: i64, field: &str, instants: &[i64]) {
    let ids: Vec<i64> = sqlx::query(
        "SELECT id FROM ticket_changes WHERE ticket_id = $1 AND field = $2 ORDER BY id",
    )
    .bind(ticket_id)
    .bind(field)
    .fetch_all(db.read())
    .await
    .unwrap()
    .iter()
    .map(|r| r.get(0))
    .collect();
    assert_eq!(ids.len(), instants.len(), "one instant per {field} change");
    for (id, at) in ids.iter().zip(instants) {
        sqlx::query("UPDATE ticket_changes SET at = $1 WHERE id = $2")
            .bind(at)
            .bind(id)
            .execute(db.write())
            .await
            .unwrap();
    }
}

#[db_test]
async fn a_lead_reads_reopens_reassignments_first_line_share_and_root_causes_per_month(t: TestDb) {
    let w = t.world().await;
    let db = &t.db;
    let second_team = desks::create_team(db, w.desk_id, "Tīkla nodaļa")
        .await
        .unwrap();
    let mut new = NewUser::new(Email::parse("otrs@kisc.lv").unwrap(), "Otrs Aģents");
    new.password_hash = None;
    let other = create_user(db, &new).await.unwrap();
    grant_role(db, w.desk_id, other, Role::Agent).await.unwrap();
    desks::add_team_member(db, w.team_id, other).await.unwrap();
    desks::add_team_member(db, second_team, other)
        .await
        .unwrap();

    // A: first given to the first team and the agent (not a reassignment),
    // waited for the customer, resolved on 9 Nov, reopened on 10 Nov, moved
    // to the second team on 12 Nov (a reassignment), resolved on 20 Nov.
    let a = w.file(db, &w.customer_a, "Neiet printeris").await;
    set_triage(
        db,
        &w,
        &w.agent,
        &a,
        Some(w.team_id),
        Some(w.agent.user_id),
        None,
    )
    .await;
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
    set_triage(
        db,
        &w,
        &w.agent,
        &a,
        Some(second_team),
        Some(w.agent.user_id),
        None,
    )
    .await;
    move_through(db, &w, &a, &["resolved"]).await;
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
    set_change_times(
        db,
        a_id,
        "team",
        &[riga("2026-11-02T09:30"), riga("2026-11-12T10:00")],
    )
    .await;
    set_change_times(db, a_id, "assignee", &[riga("2026-11-02T09:30")]).await;

    // B: given to the first team and the agent, then to the other agent of
    // the same team (a reassignment, still the first line), resolved.
    let b = w.file(db, &w.customer_a, "Nav interneta").await;
    set_triage(
        db,
        &w,
        &w.agent,
        &b,
        Some(w.team_id),
        Some(w.agent.user_id),
        None,
    )
    .await;
    let bt = ticket_for(db, &w.agent, &b).await.unwrap().unwrap();
    assign(db, &w.agent, &bt, Some(other), None, |_| Vec::new())
        .await
        .unwrap();
    move_through(db, &w, &b, &["resolved"]).await;
    let b_id = id_of(db, &w, &b).await;
    set_times(
        db,
        b_id,
        &[riga("2026-11-04T09:00"), riga("2026-11-05T09:00")],
    )
    .await;
    set_change_times(
        db,
        b_id,
        "assignee",
        &[riga("2026-11-04T09:10"), riga("2026-11-04T11:00")],
    )
    .await;
    set_change_times(db, b_id, "team", &[riga("2026-11-04T09:10")]).await;

    // D, still open: given to the first team and the agent, then moved to
    // the second team and the other agent in one triage (one reassignment),
    // then taken off the other agent (not a reassignment).
    let d = w.file(db, &w.customer_a, "Jauns dators").await;
    set_triage(
        db,
        &w,
        &w.agent,
        &d,
        Some(w.team_id),
        Some(w.agent.user_id),
        None,
    )
    .await;
    set_triage(db, &w, &w.agent, &d, Some(second_team), Some(other), None).await;
    let dt = ticket_for(db, &w.agent, &d).await.unwrap().unwrap();
    assign(db, &w.agent, &dt, None, None, |_| Vec::new())
        .await
        .unwrap();
    let d_id = id_of(db, &w, &d).await;
    set_times(db, d_id, &[riga("2026-11-16T09:00")]).await;
    set_change_times(
        db,
        d_id,
        "team",
        &[riga("2026-11-16T09:10"), riga("2026-11-17T10:00")],
    )
    .await;
    set_change_times(
        db,
        d_id,
        "assignee",
        &[
            riga("2026-11-16T09:10"),
            riga("2026-11-17T10:00"),
            riga("2026-11-18T10:00"),
        ],
    )
    .await;

    // C: in October, resolved the next day, no team.
    let c = w.file(db, &w.customer_a, "Parole").await;
    move_through(db, &w, &c, &["resolved"]).await;
    let c_id = id_of(db, &w, &c).await;
    set_times(
        db,
        c_id,
        &[riga("2026-10-05T09:00"), riga("2026-10-06T09:00")],
    )
    .await;

    // Problems: one network in October, one network (resolved, then
    // closed) and one software in November.
    let problem_type = workflows::ticket_type_by_code(db, w.desk_id, "problem")
        .await
        .unwrap()
        .unwrap()
        .id;
    let network = categories::create(
        db,
        w.desk_id,
        Kind::RootCause,
        None,
        "network",
        &Labels::new("Tīkls", "Network"),
    )
    .await
    .unwrap();
    let software = categories::create(
        db,
        w.desk_id,
        Kind::RootCause,
        None,
        "software",
        &Labels::new("Programmatūra", "Software"),
    )
    .await
    .unwrap();
    for (summary, cause, statuses, times) in [
        (
            "Tīkls krīt",
            network,
            &["investigating", "resolved"][..],
            &["2026-10-10T09:00", "2026-10-12T09:00", "2026-10-20T09:00"][..],
        ),
        (
            "Tīkls atkal krīt",
            network,
            &["investigating", "resolved", "closed"][..],
            &[
                "2026-11-02T09:00",
                "2026-11-02T12:00",
                "2026-11-03T09:00",
                "2026-11-04T09:00",
            ][..],
        ),
        (
            "Lietotne avarē",
            software,
            &["investigating", "resolved"][..],
            &["2026-11-05T09:00", "2026-11-05T12:00", "2026-11-06T09:00"][..],
        ),
    ] {
        let mut n = w.new_ticket(&w.customer_a, summary);
        n.ticket_type_id = problem_type;
        let key = create_ticket(db, &w.agent, &n).await.unwrap();
        set_triage(db, &w, &w.agent, &key, None, None, Some(cause)).await;
        move_through(db, &w, &key, statuses).await;
        let id = id_of(db, &w, &key).await;
        let times: Vec<i64> = times.iter().map(|t| riga(t)).collect();
        set_times(db, id, &times).await;
    }

    let (mut f, _) = ReportFilter::parse(&ReportFilterForm::default(), date(2026, 12, 10));
    f.from = date(2026, 10, 1);
    f.to = date(2026, 11, 30);
    f.period = Period::Month;
    let report = quality(db, w.desk_id, &f).await.unwrap();

    assert_eq!(report.series.len(), 1);
    let s = &report.series[0];
    // October: C and the first problem; November: A (once, though resolved
    // twice), B and two problems.
    assert_eq!(s.resolved, vec![2, 4]);
    assert_eq!(s.reopened, vec![0, 1], "A was reopened");
    assert_eq!(share(s.reopened[1], s.resolved[1]), Some(25.0));
    // A's move to the second team, B's second agent and D's move; the
    // first assignments and taking D off its agent are not reassignments.
    assert_eq!(s.reassignments, vec![0, 3]);
    // All but A, which the second team resolved.
    assert_eq!(s.first_line, vec![2, 3]);

    assert_eq!(report.problems, vec![1, 2]);
    let codes: Vec<(&str, Vec<i64>)> = report
        .root_causes
        .iter()
        .map(|c| (c.code.as_str(), c.counts.clone()))
        .collect();
    assert_eq!(
        codes,
        vec![("network", vec![1, 1]), ("software", vec![0, 1])]
    );
    assert_eq!(
        report.root_causes[0]
            .labels
            .as_ref()
            .map(|l| l.get(atbalsts_domain::Locale::En).to_owned()),
        Some("Network".to_owned())
    );
    assert_eq!(
        share(report.root_causes[0].counts[1], report.problems[1]),
        Some(50.0)
    );

    // Split by team: A counts under the team it has now.
    f.split = Some(atbalsts_domain::reports::Dimension::Team);
    let report = quality(db, w.desk_id, &f).await.unwrap();
    let second = report
        .series
        .iter()
        .find(|s| s.split.key == "Tīkla nodaļa")
        .expect("the second team");
    assert_eq!(
        (second.resolved[1], second.reopened[1], second.first_line[1]),
        (1, 1, 0)
    );
}
