//! What a desk administrator keeps about service levels: calendars and
//! policies created, changed and listed, the policies' order, every save
//! starting a re-time run with its job, and the export file that imports
//! back whole or not at all.

use atbalsts_domain::sla::{
    Calendar, CalendarSpec, Conditions, DayKind, Goal, GoalTarget, Interval, SpecialDay,
};
use atbalsts_store::sla::calendars::{self, CalendarInput};
use atbalsts_store::sla::policies::{self, NewPolicy};
use atbalsts_store::sla::{file, retime_runs, settings};
use atbalsts_store::StoreError;
use atbalsts_testkit::{db_test, TestDb};
use sqlx::Row;

fn office(code: &str) -> CalendarInput {
    CalendarInput {
        code: code.into(),
        name_lv: "Darba laiks".into(),
        name_en: "Office hours".into(),
        calendar: Calendar::new(CalendarSpec::latvian_office()).unwrap(),
    }
}

fn policy(code: &str, calendar_id: i64, hours: i64) -> NewPolicy {
    NewPolicy {
        code: code.into(),
        name_lv: format!("Politika {code}"),
        name_en: String::new(),
        calendar_id,
        conditions: Conditions::default(),
        warn_percent: 75,
        breach_priority: None,
        breach_team_id: None,
        goals: vec![GoalTarget::check(Goal::FirstResponse, hours * 3600).unwrap()],
    }
}

async fn retime_jobs(t: &TestDb) -> Vec<String> {
    sqlx::query("SELECT payload FROM jobs WHERE kind = 'sla.retime' ORDER BY id")
        .fetch_all(t.db.read())
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String, _>(0).unwrap())
        .collect()
}

#[db_test]
async fn an_administrator_creates_edits_and_lists_calendars_and_each_edit_retimes(t: TestDb) {
    let w = t.world().await;
    let id = calendars::save(&t.db, w.desk_id, None, &office("office"), false)
        .await
        .unwrap();
    assert!(
        retime_runs::latest(&t.db, w.desk_id)
            .await
            .unwrap()
            .is_none(),
        "a new calendar has no tickets"
    );
    // An open ticket for the run to count.
    w.file(&t.db, &w.customer_a, "Neiet printeris").await;

    let mut changed = office("office");
    changed.name_lv = "Darba laiks ar pusdienām".into();
    let mut spec = CalendarSpec::latvian_office();
    spec.week[0] = vec![
        Interval {
            start: 8 * 3600 + 1800,
            end: 12 * 3600,
        },
        Interval {
            start: 12 * 3600 + 1800,
            end: 17 * 3600,
        },
    ];
    changed.calendar = Calendar::new(spec).unwrap();
    calendars::save(&t.db, w.desk_id, Some(id), &changed, false)
        .await
        .unwrap();

    let stored = calendars::get(&t.db, id).await.unwrap().unwrap();
    assert_eq!(stored.name_lv, "Darba laiks ar pusdienām");
    assert_eq!(stored.version, 2);
    assert_eq!(stored.calendar.spec().week[0].len(), 2);
    let list = calendars::list(&t.db, w.desk_id).await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].code, "office");

    let run = retime_runs::latest(&t.db, w.desk_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((run.total, run.done, run.finished_at), (1, 0, None));
    assert_eq!(run.reason, "calendar:office");
    let jobs = retime_jobs(&t).await;
    assert_eq!(jobs.len(), 1);
    let payload: serde_json::Value = serde_json::from_str(&jobs[0]).unwrap();
    assert_eq!(payload["run_id"], run.id);
    assert_eq!(payload["desk_id"], w.desk_id);

    atbalsts_store::sla::retime::run_step(&t.db, &jobs[0], atbalsts_store::now_ms())
        .await
        .unwrap();
    let done = retime_runs::get(&t.db, run.id).await.unwrap().unwrap();
    assert_eq!(done.done, 1);
    assert!(done.finished_at.is_some());

    // A code already used in the desk is refused on the code field.
    let err = calendars::save(&t.db, w.desk_id, None, &office("office"), false)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid(ref e) if e.for_field("code").is_some()),
        "{err:?}"
    );
}

#[db_test]
async fn special_days_are_added_replaced_and_removed_and_dates_out_of_range_refused(t: TestDb) {
    let w = t.world().await;
    let id = calendars::save(&t.db, w.desk_id, None, &office("office"), false)
        .await
        .unwrap();
    let saturday: jiff::civil::Date = "2027-05-08".parse().unwrap();
    let day = |kind| SpecialDay {
        date: saturday,
        kind,
        name_lv: "Pārceltā darba diena".into(),
        name_en: "Moved working day".into(),
    };
    calendars::set_day(&t.db, w.desk_id, id, saturday, Some(day(DayKind::ShortDay)))
        .await
        .unwrap();
    calendars::set_day(
        &t.db,
        w.desk_id,
        id,
        saturday,
        Some(day(DayKind::WorkingDay)),
    )
    .await
    .unwrap();
    let stored = calendars::get(&t.db, id).await.unwrap().unwrap();
    let on_saturday: Vec<_> = stored
        .calendar
        .spec()
        .days
        .iter()
        .filter(|d| d.date == saturday)
        .cloned()
        .collect();
    assert_eq!(
        on_saturday,
        vec![day(DayKind::WorkingDay)],
        "replaced, not added twice"
    );
    assert!(
        !stored.calendar.working_intervals(saturday).is_empty(),
        "the Saturday is worked"
    );
    assert_eq!(stored.version, 3);

    let old: jiff::civil::Date = "1850-01-01".parse().unwrap();
    let err = calendars::set_day(
        &t.db,
        w.desk_id,
        id,
        old,
        Some(SpecialDay {
            date: old,
            ..day(DayKind::DayOff)
        }),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(ref e) if e.for_field("day").is_some()));

    calendars::set_day(&t.db, w.desk_id, id, saturday, None)
        .await
        .unwrap();
    let stored = calendars::get(&t.db, id).await.unwrap().unwrap();
    assert!(!stored
        .calendar
        .spec()
        .days
        .iter()
        .any(|d| d.date == saturday));
    assert!(stored.calendar.working_intervals(saturday).is_empty());
}

#[db_test]
async fn policies_are_saved_in_order_and_can_be_moved(t: TestDb) {
    let w = t.world().await;
    let cal = calendars::save(&t.db, w.desk_id, None, &office("office"), false)
        .await
        .unwrap();
    let a = policies::save(&t.db, w.desk_id, None, &policy("critical", cal, 1), true)
        .await
        .unwrap();
    let b = policies::save(&t.db, w.desk_id, None, &policy("other", cal, 4), false)
        .await
        .unwrap();
    let codes =
        |list: Vec<policies::StoredPolicy>| list.into_iter().map(|p| p.code).collect::<Vec<_>>();
    assert_eq!(
        codes(policies::list_for_desk(&t.db, w.desk_id).await.unwrap()),
        ["critical", "other"]
    );
    assert_eq!(
        codes(policies::active_for_desk(&t.db, w.desk_id).await.unwrap()),
        ["critical"]
    );

    policies::move_policy(&t.db, w.desk_id, b, -1)
        .await
        .unwrap();
    assert_eq!(
        codes(policies::list_for_desk(&t.db, w.desk_id).await.unwrap()),
        ["other", "critical"]
    );

    let mut changed = policy("critical", cal, 2);
    changed.conditions.priorities = vec!["critical".into()];
    policies::save(&t.db, w.desk_id, Some(a), &changed, true)
        .await
        .unwrap();
    let stored = policies::of_desk(&t.db, w.desk_id, a)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.version, 2);
    assert_eq!(stored.goals[0].target_secs, 7200);
    assert_eq!(stored.conditions.priorities, ["critical"]);
    assert_eq!(
        retime_jobs(&t).await.len(),
        4,
        "two creations, a move and an edit"
    );

    // Another desk's calendar is not this desk's to use.
    let other = atbalsts_store::desks::create_desk(&t.db, "CITS", "Cita nodaļa")
        .await
        .unwrap();
    let theirs = calendars::save(&t.db, other, None, &office("office"), false)
        .await
        .unwrap();
    let err = policies::save(&t.db, w.desk_id, None, &policy("x", theirs, 1), true)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(ref e) if e.for_field("calendar").is_some()));
}

#[db_test]
async fn desk_settings_and_pausing_statuses_are_saved(t: TestDb) {
    let w = t.world().await;
    settings::pause_waiting_statuses(&t.db, w.desk_id)
        .await
        .unwrap();
    let before = settings::statuses(&t.db, w.desk_id).await.unwrap();
    assert!(before.iter().any(|s| s.pauses));
    assert!(before
        .iter()
        .filter(|s| s.pauses)
        .all(|s| s.category == "waiting"));
    // The one status to pause, whatever the defaults marked.
    let first = &before[0];
    settings::save(
        &t.db,
        w.desk_id,
        settings::DeskSla {
            first_response: settings::FirstResponse::StatusChange,
            show_customer: false,
        },
        &[(first.workflow_id, first.code.clone())],
    )
    .await
    .unwrap();
    let s = settings::of_desk(&t.db, w.desk_id).await.unwrap();
    assert_eq!(s.first_response, settings::FirstResponse::StatusChange);
    assert!(!s.show_customer);
    let after = settings::statuses(&t.db, w.desk_id).await.unwrap();
    let pausing: Vec<_> = after.iter().filter(|s| s.pauses).map(|s| &s.code).collect();
    assert_eq!(pausing, [&first.code]);
}

#[db_test]
async fn an_export_imports_back_whole_and_a_broken_file_changes_nothing(t: TestDb) {
    let w = t.world().await;
    let cal = calendars::save(&t.db, w.desk_id, None, &office("office"), false)
        .await
        .unwrap();
    let day: jiff::civil::Date = "2027-05-08".parse().unwrap();
    calendars::set_day(
        &t.db,
        w.desk_id,
        cal,
        day,
        Some(SpecialDay {
            date: day,
            kind: DayKind::WorkingDay,
            name_lv: "Darba sestdiena".into(),
            name_en: String::new(),
        }),
    )
    .await
    .unwrap();
    let mut p = policy("critical", cal, 1);
    p.breach_team_id = Some(w.team_id);
    p.breach_priority = Some("critical".into());
    p.conditions.institution_ids = vec![w.institution_a];
    policies::save(&t.db, w.desk_id, None, &p, true)
        .await
        .unwrap();
    let exported = file::export(&t.db, w.desk_id).await.unwrap();
    let bytes = serde_json::to_vec(&exported).unwrap();

    // Into another desk with the same team name: the same calendars and policies.
    let other = atbalsts_store::desks::create_desk(&t.db, "CITS", "Cita nodaļa")
        .await
        .unwrap();
    let team_name = atbalsts_store::desks::teams_of(&t.db, w.desk_id)
        .await
        .unwrap()[0]
        .name
        .clone();
    atbalsts_store::desks::create_team(&t.db, other, &team_name)
        .await
        .unwrap();
    let count = file::import(&t.db, other, &file::parse(&bytes).unwrap())
        .await
        .unwrap();
    assert_eq!(count, 2);
    let again = file::export(&t.db, other).await.unwrap();
    assert_eq!(
        serde_json::to_value(&again).unwrap(),
        serde_json::to_value(&exported).unwrap()
    );

    // A broken policy in an otherwise good file: nothing changes, the message names it.
    let mut broken: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    broken["calendars"][0]["name_lv"] = "Mainīts".into();
    broken["policies"][0]["goals"]["resolution"] = 0.into();
    let err = file::import(
        &t.db,
        other,
        &file::parse(&serde_json::to_vec(&broken).unwrap()).unwrap(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.key, "error-sla-file-entry");
    assert!(
        err.detail.contains("policies[0] critical") && err.detail.contains("goals.resolution"),
        "{}",
        err.detail
    );
    let after = calendars::list(&t.db, other).await.unwrap();
    assert_eq!(
        after[0].name_lv, "Darba laiks",
        "the calendar was not changed"
    );

    // A calendar with overlapping hours names the weekday field.
    let mut bad_cal: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    bad_cal["calendars"][0]["week"][1] =
        serde_json::json!([{"start": 30000, "end": 40000}, {"start": 35000, "end": 50000}]);
    let err = file::import(
        &t.db,
        other,
        &file::parse(&serde_json::to_vec(&bad_cal).unwrap()).unwrap(),
    )
    .await
    .unwrap_err();
    assert!(
        err.detail.contains("calendars[0] office") && err.detail.contains("week.1"),
        "{}",
        err.detail
    );
    // Institutions travel by code; an unknown one is refused by name.
    assert!(!exported.policies[0].conditions.institutions[0].is_empty());
    let imported = policies::list_for_desk(&t.db, other).await.unwrap();
    assert_eq!(imported[0].conditions.institution_ids, [w.institution_a]);
    let mut unknown: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    unknown["policies"][0]["conditions"]["institutions"] = serde_json::json!(["nav-tadas"]);
    let err = file::import(
        &t.db,
        other,
        &file::parse(&serde_json::to_vec(&unknown).unwrap()).unwrap(),
    )
    .await
    .unwrap_err();
    assert!(
        err.detail.contains("conditions.institutions"),
        "{}",
        err.detail
    );
    assert!(file::parse(b"{\"format\": \"other\"}").is_err());
}
