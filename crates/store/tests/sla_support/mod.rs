//! What the SLA tests share: a desk calendar and policies, instants in
//! Riga time, and a ticket whose history happened at chosen instants.

#![allow(dead_code)]

use atbalsts_domain::sla::{Calendar, CalendarSpec, Conditions, Goal, GoalTarget};
use atbalsts_store::sla::clocks::{self, TicketClock};
use atbalsts_store::sla::{calendars, policies};
use atbalsts_store::Db;
use sqlx::Row;

pub const HOUR: i64 = 3600;

/// Epoch ms of a local Riga time, `2024-11-15T16:30`.
pub fn riga(local: &str) -> i64 {
    format!("{local}[Europe/Riga]")
        .parse::<jiff::Zoned>()
        .expect("a Riga time")
        .timestamp()
        .as_millisecond()
}

/// The desk's office calendar: Mon–Fri 8:30–17:00, Latvian holidays.
pub async fn office_calendar(db: &Db, desk_id: i64) -> i64 {
    let calendar = Calendar::new(CalendarSpec::latvian_office()).unwrap();
    calendars::create(db, desk_id, "office", "Birojs", "Office", &calendar)
        .await
        .unwrap()
}

pub struct PolicyDef<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub priorities: &'a [&'a str],
    pub first_response: Option<i64>,
    pub resolution: Option<i64>,
    pub breach_priority: Option<&'a str>,
    pub breach_team_id: Option<i64>,
}

impl Default for PolicyDef<'_> {
    fn default() -> Self {
        Self {
            code: "default",
            name: "Noklusējuma",
            priorities: &[],
            first_response: None,
            resolution: Some(8 * HOUR),
            breach_priority: None,
            breach_team_id: None,
        }
    }
}

pub async fn policy(db: &Db, desk_id: i64, calendar_id: i64, def: PolicyDef<'_>) -> i64 {
    let mut goals = Vec::new();
    if let Some(s) = def.first_response {
        goals.push(GoalTarget::check(Goal::FirstResponse, s).unwrap());
    }
    if let Some(s) = def.resolution {
        goals.push(GoalTarget::check(Goal::Resolution, s).unwrap());
    }
    policies::create(
        db,
        desk_id,
        &policies::NewPolicy {
            code: def.code.into(),
            name_lv: def.name.into(),
            name_en: def.name.into(),
            calendar_id,
            conditions: Conditions {
                priorities: def.priorities.iter().map(|p| p.to_string()).collect(),
                ..Default::default()
            },
            warn_percent: 75,
            breach_priority: def.breach_priority.map(str::to_owned),
            breach_team_id: def.breach_team_id,
            goals,
        },
    )
    .await
    .unwrap()
}

/// Rewrites when the ticket was created and when each of its status
/// periods began (in order; the first is its creation).
pub async fn set_times(db: &Db, ticket_id: i64, instants: &[i64]) {
    sqlx::query("UPDATE tickets SET created_at = $1 WHERE id = $2")
        .bind(instants[0])
        .bind(ticket_id)
        .execute(db.write())
        .await
        .unwrap();
    let ids: Vec<i64> =
        sqlx::query("SELECT id FROM ticket_status_history WHERE ticket_id = $1 ORDER BY id")
            .bind(ticket_id)
            .fetch_all(db.read())
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
    assert_eq!(ids.len(), instants.len(), "one instant per status period");
    for (i, id) in ids.iter().enumerate() {
        sqlx::query("UPDATE ticket_status_history SET entered_at = $1, left_at = $2 WHERE id = $3")
            .bind(instants[i])
            .bind(instants.get(i + 1).copied())
            .bind(id)
            .execute(db.write())
            .await
            .unwrap();
    }
}

/// Sets when the ticket's comments were written, oldest first.
pub async fn set_comment_times(db: &Db, ticket_id: i64, instants: &[i64]) {
    let ids: Vec<i64> = sqlx::query("SELECT id FROM comments WHERE ticket_id = $1 ORDER BY id")
        .bind(ticket_id)
        .fetch_all(db.read())
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    for (id, at) in ids.iter().zip(instants) {
        sqlx::query("UPDATE comments SET created_at = $1 WHERE id = $2")
            .bind(at)
            .bind(id)
            .execute(db.write())
            .await
            .unwrap();
    }
}

/// Refreshes the ticket's clocks as of `now`, as a ticket change does.
pub async fn refresh_at(db: &Db, ticket_id: i64, now: i64) {
    atbalsts_store::sla::refresh_ticket(db, ticket_id, now)
        .await
        .unwrap();
}

pub async fn clock(db: &Db, ticket_id: i64, goal: Goal) -> TicketClock {
    clocks::for_ticket(db, ticket_id)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.goal == goal)
        .unwrap_or_else(|| panic!("ticket {ticket_id} has a {goal:?} clock"))
}

/// The history entries of `field` on a ticket: (old, new).
pub async fn history(
    db: &Db,
    ticket_id: i64,
    field: &str,
) -> Vec<(Option<String>, Option<String>)> {
    atbalsts_store::tickets::changes_of(db, ticket_id)
        .await
        .unwrap()
        .into_iter()
        .filter(|c| c.field == field)
        .map(|c| (c.old_value, c.new_value))
        .collect()
}
