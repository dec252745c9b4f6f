//! One-stop-centre service cases: what front-desk staff record, and the
//! summary the service-case report reads.

use atbalsts_domain::service_case::{ServiceCaseForm, ServiceCaseInput};
use atbalsts_domain::{Email, Role, Viewer};
use atbalsts_store::service_cases::{self, Group, SummaryRow};
use atbalsts_store::tickets::ticket_by_id;
use atbalsts_store::users::{create_user, grant_role, viewer_by_id, NewUser};
use atbalsts_store::StoreError;
use atbalsts_testkit::{db_test, TestDb, World};

const ALL_TIME: (i64, i64) = (0, i64::MAX / 2);

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

async fn second_agent(t: &TestDb, w: &World) -> Viewer {
    let id = create_user(
        &t.db,
        &NewUser::new(Email::parse("liga@kisc.lv").unwrap(), "Līga Ozoliņa"),
    )
    .await
    .unwrap();
    grant_role(&t.db, w.desk_id, id, Role::Agent).await.unwrap();
    viewer_by_id(&t.db, id).await.unwrap().unwrap().1
}

#[db_test]
async fn an_agent_records_a_case_saved_with_its_resolved_ticket(t: TestDb) {
    let w = t.world().await;
    let case_in = input(
        "Deklarētās dzīvesvietas maiņa",
        "phone",
        12,
        "consulted",
        w.institution_a,
    );
    let id = service_cases::record(&t.db, &w.agent, w.desk_id, &case_in)
        .await
        .unwrap();
    let saved = service_cases::own_editable(&t.db, &w.agent, id, ALL_TIME.0, ALL_TIME.1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(saved.service, "Deklarētās dzīvesvietas maiņa");
    assert_eq!(saved.minutes, 12);
    let ticket = ticket_by_id(&t.db, saved.ticket_id).await.unwrap().unwrap();
    assert_eq!(ticket.ticket_type, "service_case");
    assert_eq!(ticket.status, "resolved");
    assert_eq!(ticket.summary, "Deklarētās dzīvesvietas maiņa");
    assert_eq!(ticket.assignee_id, Some(w.agent.user_id));
    assert_eq!(ticket.requester_id, w.agent.user_id);
    assert_eq!(ticket.institution_id, Some(w.institution_a));
    let last = service_cases::last_used(&t.db, &w.agent, w.desk_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(last.0, "Deklarētās dzīvesvietas maiņa");
    assert_eq!(last.1.code(), "phone");
}

#[db_test]
async fn unknown_institutions_and_customers_are_refused_and_nothing_is_saved(t: TestDb) {
    let w = t.world().await;
    let bad = input("Pase", "in_person", 5, "consulted", 999_999);
    match service_cases::record(&t.db, &w.agent, w.desk_id, &bad).await {
        Err(StoreError::Invalid(e)) => assert_eq!(
            e.for_field("case_institution").unwrap().code,
            "error-case-institution-unknown"
        ),
        other => panic!("expected a field error, got {other:?}"),
    }
    let good = input("Pase", "in_person", 5, "consulted", w.institution_a);
    assert!(matches!(
        service_cases::record(&t.db, &w.customer_a, w.desk_id, &good).await,
        Err(StoreError::Forbidden)
    ));
    let list = service_cases::own_between(&t.db, &w.agent, w.desk_id, ALL_TIME.0, ALL_TIME.1)
        .await
        .unwrap();
    assert!(list.is_empty());
}

#[db_test]
async fn only_the_recorder_corrects_a_case_and_only_on_its_day(t: TestDb) {
    let w = t.world().await;
    let other = second_agent(&t, &w).await;
    let id = service_cases::record(
        &t.db,
        &w.agent,
        w.desk_id,
        &input("Pase", "in_person", 5, "consulted", w.institution_a),
    )
    .await
    .unwrap();
    let fixed = input("Pase", "in_person", 15, "refused", w.institution_b);
    assert!(matches!(
        service_cases::correct(&t.db, &other, id, ALL_TIME.0, ALL_TIME.1, &fixed).await,
        Err(StoreError::NotFound)
    ));
    let tomorrow = atbalsts_store::now_ms() + 86_400_000;
    assert!(matches!(
        service_cases::correct(&t.db, &w.agent, id, tomorrow, tomorrow + 86_400_000, &fixed).await,
        Err(StoreError::NotFound)
    ));
    service_cases::correct(&t.db, &w.agent, id, ALL_TIME.0, ALL_TIME.1, &fixed)
        .await
        .unwrap();
    let saved = service_cases::own_editable(&t.db, &w.agent, id, ALL_TIME.0, ALL_TIME.1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (saved.minutes, saved.reason.as_deref()),
        (15, Some("Nav pilnvaras"))
    );
    assert_eq!(saved.institution_id, w.institution_b);
    let ticket = ticket_by_id(&t.db, saved.ticket_id).await.unwrap().unwrap();
    assert_eq!(ticket.institution_id, Some(w.institution_b));
    let history = atbalsts_store::tickets::changes_of(&t.db, ticket.id)
        .await
        .unwrap();
    assert!(
        history.iter().any(|c| c.field == "institution"
            && c.new_value.as_deref() == Some("Latvijas Nacionālais mākslas muzejs")),
        "the ticket's history names the corrected institution"
    );
}

#[db_test]
async fn the_summary_counts_totals_and_medians_per_group(t: TestDb) {
    let w = t.world().await;
    let other = second_agent(&t, &w).await;
    let a = w.institution_a;
    for (who, service, channel, minutes, outcome) in [
        (&w.agent, "Pase", "in_person", 5, "consulted"),
        (&w.agent, "Pase", "phone", 10, "application_accepted"),
        (&w.agent, "Pase", "in_person", 30, "refused"),
        (&other, "Pase", "phone", 7, "consulted"),
        (&other, "Dzīvesvieta", "e_service", 20, "forwarded"),
        (&other, "Dzīvesvieta", "in_person", 4, "consulted"),
    ] {
        service_cases::record(
            &t.db,
            who,
            w.desk_id,
            &input(service, channel, minutes, outcome, a),
        )
        .await
        .unwrap();
    }
    // One outside the period: not counted.
    let old = service_cases::record(
        &t.db,
        &w.agent,
        w.desk_id,
        &input("Pase", "visit", 100, "consulted", a),
    )
    .await
    .unwrap();
    sqlx::query("UPDATE service_cases SET created_at = 1000 WHERE id = $1")
        .bind(old)
        .execute(t.db.write())
        .await
        .unwrap();
    let (from, to) = (2000, i64::MAX / 2);
    let row = |key: &str, count, total, median| SummaryRow {
        key: key.into(),
        count,
        total_minutes: total,
        median_minutes: median,
    };
    let by = |g| service_cases::summary(&t.db, w.desk_id, from, to, g);
    // Pase: 5, 7, 10, 30 → median (7 + 10) / 2; Dzīvesvieta: 4, 20 → 12.
    assert_eq!(
        by(Group::Service).await.unwrap(),
        vec![row("Dzīvesvieta", 2, 24, 12.0), row("Pase", 4, 52, 8.5)]
    );
    // in_person: 4, 5, 30; phone: 7, 10; e_service: 20.
    assert_eq!(
        by(Group::Channel).await.unwrap(),
        vec![
            row("e_service", 1, 20, 20.0),
            row("in_person", 3, 39, 5.0),
            row("phone", 2, 17, 8.5)
        ]
    );
    assert_eq!(
        by(Group::Outcome).await.unwrap(),
        vec![
            row("application_accepted", 1, 10, 10.0),
            row("consulted", 3, 16, 5.0),
            row("forwarded", 1, 20, 20.0),
            row("refused", 1, 30, 30.0)
        ]
    );
    // Andris: 5, 10, 30; Līga: 4, 7, 20.
    assert_eq!(
        by(Group::Employee).await.unwrap(),
        vec![
            row("Andris Kalniņš", 3, 45, 10.0),
            row("Līga Ozoliņa", 3, 31, 7.0)
        ]
    );
}
