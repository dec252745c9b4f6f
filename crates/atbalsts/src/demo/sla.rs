//! The demo desk's service levels: office hours and a 24×7 calendar, and
//! policies for its ticket types and priorities. Goals are business time of
//! the policy's calendar; a working day of the office calendar is 8 h 30 min.
//!
//! - Critical incidents, 24×7: first response 1 h, resolution 4 h.
//! - Other incidents, office hours: first response 4 h, resolution 2
//!   working days (17 h); at breach the priority is raised to high.
//! - Service requests, office hours: first response 8 h, resolution 5
//!   working days (42 h 30 min).
//! - Anything else (problems, changes), office hours: first response 8 h,
//!   resolution 10 working days (85 h).

use crate::serve::BoxError;
use atbalsts_domain::sla::{Calendar, CalendarSpec, Conditions, Goal, GoalTarget};
use atbalsts_store::sla::calendars::{self, CalendarInput};
use atbalsts_store::sla::policies::{self, NewPolicy};
use atbalsts_store::Db;

const HOUR: i64 = 3600;

pub async fn load(db: &Db, desk: i64) -> Result<(), BoxError> {
    atbalsts_store::sla::settings::pause_waiting_statuses(db, desk).await?;
    // The Cabinet's decided moved days join the office calendar's days when
    // the domain crate ships them; until then the year view adds them.
    let office = calendars::save(
        db,
        desk,
        None,
        &CalendarInput {
            code: "darba-laiks".into(),
            name_lv: "Darba laiks".into(),
            name_en: "Office hours".into(),
            calendar: Calendar::new(CalendarSpec::latvian_office())
                .map_err(|e| format!("{e:?}"))?,
        },
        false,
    )
    .await?;
    let always = calendars::save(
        db,
        desk,
        None,
        &CalendarInput {
            code: "24x7".into(),
            name_lv: "24×7".into(),
            name_en: "24×7".into(),
            calendar: Calendar::new(CalendarSpec::always_open()).map_err(|e| format!("{e:?}"))?,
        },
        false,
    )
    .await?;
    let goals = |first: i64, resolution: i64| -> Result<Vec<GoalTarget>, BoxError> {
        Ok(vec![
            GoalTarget::check(Goal::FirstResponse, first)?,
            GoalTarget::check(Goal::Resolution, resolution)?,
        ])
    };
    let when = |types: &[&str], priorities: &[&str]| Conditions {
        ticket_types: types.iter().map(|s| s.to_string()).collect(),
        priorities: priorities.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    };
    let list = [
        (
            "kritiski-incidenti",
            "Kritiski incidenti",
            "Critical incidents",
            always,
            when(&["incident"], &["critical"]),
            goals(HOUR, 4 * HOUR)?,
            None,
        ),
        (
            "incidenti",
            "Incidenti",
            "Incidents",
            office,
            when(&["incident"], &[]),
            goals(4 * HOUR, 17 * HOUR)?,
            Some("high"),
        ),
        (
            "pieprasijumi",
            "Pakalpojumu pieprasījumi",
            "Service requests",
            office,
            when(&["service_request"], &[]),
            goals(8 * HOUR, 42 * HOUR + 30 * 60)?,
            None,
        ),
        (
            "citi",
            "Pārējie pieteikumi",
            "Everything else",
            office,
            Conditions::default(),
            goals(8 * HOUR, 85 * HOUR)?,
            None,
        ),
    ];
    for (code, lv, en, calendar_id, conditions, goals, breach_priority) in list {
        policies::create(
            db,
            desk,
            &NewPolicy {
                code: code.into(),
                name_lv: lv.into(),
                name_en: en.into(),
                calendar_id,
                conditions,
                warn_percent: 75,
                breach_priority: breach_priority.map(str::to_owned),
                breach_team_id: None,
                goals,
            },
        )
        .await?;
    }
    Ok(())
}
