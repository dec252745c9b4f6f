//! The service-case report: cases recorded in a report filter's range per
//! service, channel, outcome, employee and Riga month — count, minutes in
//! all and the median — checked by hand, with the filter narrowing by the
//! case's ticket (institution, channel) and by the case's own service.

use atbalsts_domain::reports::{Period, ReportFilter, ReportFilterForm};
use atbalsts_domain::service_case::{ServiceCaseForm, ServiceCaseInput};
use atbalsts_domain::{Channel, Email, Role};
use atbalsts_store::service_cases::{self, SummaryRow};
use atbalsts_store::users::{create_user, grant_role, viewer_by_id, NewUser};
use atbalsts_testkit::{db_test, TestDb};
use jiff::civil::date;

fn input(
    service: &str,
    channel: &str,
    minutes: i64,
    outcome: &str,
    institution: i64,
) -> ServiceCaseInput {
    ServiceCaseInput::parse(&ServiceCaseForm {
        case_service: service.into(),
        case_channel: channel.into(),
        case_minutes: minutes.to_string(),
        case_outcome: outcome.into(),
        case_reason: if outcome == "refused" {
            "Nav pilnvaras".into()
        } else {
            String::new()
        },
        case_institution: institution.to_string(),
        case_note: String::new(),
    })
    .unwrap()
}

/// Epoch ms of a local Riga time.
fn riga(local: &str) -> i64 {
    format!("{local}[Europe/Riga]")
        .parse::<jiff::Zoned>()
        .unwrap()
        .timestamp()
        .as_millisecond()
}

fn row(key: &str, count: i64, total: i64, median: f64) -> SummaryRow {
    SummaryRow {
        key: key.into(),
        count,
        total_minutes: total,
        median_minutes: median,
    }
}

fn november_and_december() -> ReportFilter {
    let (mut f, _) = ReportFilter::parse(&ReportFilterForm::default(), date(2026, 12, 31));
    f.from = date(2026, 11, 1);
    f.to = date(2026, 12, 31);
    f.period = Period::Month;
    f
}

#[db_test]
async fn a_service_owner_reads_cases_per_service_channel_outcome_employee_and_month(t: TestDb) {
    let w = t.world().await;
    let liga = create_user(
        &t.db,
        &NewUser::new(Email::parse("liga@kisc.lv").unwrap(), "Līga Ozoliņa"),
    )
    .await
    .unwrap();
    grant_role(&t.db, w.desk_id, liga, Role::Agent)
        .await
        .unwrap();
    let liga = viewer_by_id(&t.db, liga).await.unwrap().unwrap().1;
    let (a, b) = (w.institution_a, w.institution_b);
    for (who, service, channel, minutes, outcome, inst, at) in [
        (
            &w.agent,
            "Pase",
            "in_person",
            5,
            "consulted",
            a,
            "2026-11-02T09:00",
        ),
        (
            &w.agent,
            "Pase",
            "phone",
            10,
            "application_accepted",
            a,
            "2026-11-30T23:30",
        ),
        (
            &w.agent,
            "Pase",
            "in_person",
            30,
            "refused",
            b,
            "2026-12-01T00:30",
        ),
        (
            &liga,
            "Pase",
            "phone",
            7,
            "consulted",
            b,
            "2026-12-02T10:00",
        ),
        (
            &liga,
            "Dzīvesvieta",
            "e_service",
            20,
            "forwarded",
            a,
            "2026-12-03T10:00",
        ),
        (
            &liga,
            "Dzīvesvieta",
            "in_person",
            4,
            "consulted",
            a,
            "2026-12-04T10:00",
        ),
        // Before the range: not counted.
        (
            &w.agent,
            "Pase",
            "visit",
            100,
            "consulted",
            a,
            "2026-10-31T23:59",
        ),
    ] {
        let id = service_cases::record(
            &t.db,
            who,
            w.desk_id,
            &input(service, channel, minutes, outcome, inst),
        )
        .await
        .unwrap();
        sqlx::query("UPDATE service_cases SET created_at = $1 WHERE id = $2")
            .bind(riga(at))
            .bind(id)
            .execute(t.db.write())
            .await
            .unwrap();
    }

    let r = service_cases::report(&t.db, w.desk_id, &november_and_december())
        .await
        .unwrap();
    // 4, 5, 7, 10, 20, 30 → median (7 + 10) / 2.
    assert_eq!(r.total, row("", 6, 76, 8.5));
    assert_eq!(
        r.services,
        vec![row("Dzīvesvieta", 2, 24, 12.0), row("Pase", 4, 52, 8.5)]
    );
    assert_eq!(
        r.channels,
        vec![
            row("e_service", 1, 20, 20.0),
            row("in_person", 3, 39, 5.0),
            row("phone", 2, 17, 8.5)
        ]
    );
    assert_eq!(
        r.outcomes,
        vec![
            row("application_accepted", 1, 10, 10.0),
            row("consulted", 3, 16, 5.0),
            row("forwarded", 1, 20, 20.0),
            row("refused", 1, 30, 30.0)
        ]
    );
    assert_eq!(
        r.employees,
        vec![
            row("Andris Kalniņš", 3, 45, 10.0),
            row("Līga Ozoliņa", 3, 31, 7.0)
        ]
    );
    // Riga months: 30.11 23:30 is still November, 1.12 00:30 December
    // (both are the day before in UTC).
    assert_eq!(
        r.periods_rows,
        vec![
            row("2026-11-01", 2, 15, 7.5),
            row("2026-12-01", 4, 61, 13.5)
        ]
    );

    // The filter: institution B's cases only (30 and 7 minutes).
    let mut f = november_and_december();
    f.institution_id = Some(b);
    let r = service_cases::report(&t.db, w.desk_id, &f).await.unwrap();
    assert_eq!(r.total, row("", 2, 37, 18.5));
    // The service is the case's own: Dzīvesvieta, by phone (the ticket's
    // channel) none, in person (e-service and in person) both.
    let mut f = november_and_december();
    f.service = Some("Dzīvesvieta".into());
    let r = service_cases::report(&t.db, w.desk_id, &f).await.unwrap();
    assert_eq!(r.total, row("", 2, 24, 12.0));
    f.channel = Some(Channel::Phone);
    let r = service_cases::report(&t.db, w.desk_id, &f).await.unwrap();
    assert_eq!(r.total.count, 0);
    f.channel = Some(Channel::InPerson);
    let r = service_cases::report(&t.db, w.desk_id, &f).await.unwrap();
    assert_eq!(r.total.count, 2);
}
