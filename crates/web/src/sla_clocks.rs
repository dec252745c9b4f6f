//! The SLA clocks of tickets as the agent's ticket page, the queue, the API
//! and the customer's request page show them: the business time a clock
//! has left (on its calendar, as of now), durations in words, and the
//! state in text.

use crate::{AppResult, AppState};
use atbalsts_domain::sla::{ClockState, Goal};
use atbalsts_domain::Locale;
use atbalsts_i18n::Arg;
use atbalsts_store::sla::clocks::TicketClock;
use serde::Serialize;

/// Whether a clock still counts: running, or breached and not yet stopped.
fn counting(c: &TicketClock) -> bool {
    c.stopped_at.is_none() && matches!(c.state, ClockState::Running | ClockState::Breached)
}

/// Business seconds the clock has left as of `now_ms` (negative once
/// overdue). A counting clock is measured on its calendar from now to its
/// due instant; a paused or stopped one keeps what it had left.
pub(crate) async fn remaining_secs(
    state: &AppState,
    clock: &TicketClock,
    now_ms: i64,
) -> AppResult<i64> {
    let (Some(due), true) = (clock.due_at, counting(clock)) else {
        return Ok(clock.target_secs - clock.used_secs);
    };
    let (Ok(now), Ok(due_ts)) = (
        jiff::Timestamp::from_millisecond(now_ms),
        jiff::Timestamp::from_millisecond(due),
    ) else {
        return Ok(clock.target_secs - clock.used_secs);
    };
    let Some(calendar) =
        atbalsts_store::sla::calendars::cached(&state.db, clock.calendar_id).await?
    else {
        // A calendar gone from under its clock: wall-clock time is the
        // best there is.
        return Ok((due - now_ms).div_euclid(1000));
    };
    Ok(if due_ts >= now {
        calendar.calendar.elapsed(now, due_ts)
    } else {
        -calendar.calendar.elapsed(due_ts, now)
    })
}

/// A duration in hours and minutes ("2 h 15 min"): the catalogue's
/// wording, shared with the SLA mail.
pub(crate) fn duration_text(state: &AppState, locale: Locale, secs: i64) -> String {
    state.i18n.duration(locale, secs)
}

/// "2 h 15 min" left, or "nokavēts par 1 h 5 min" once overdue.
pub(crate) fn remaining_text(state: &AppState, locale: Locale, remaining: i64) -> String {
    let time = duration_text(state, locale, remaining);
    let key = if remaining < 0 {
        "sla-remaining-overdue"
    } else {
        "sla-remaining-left"
    };
    state.i18n.t_args(locale, key, &[("time", Arg::from(time))])
}

/// A clock as the ticket page shows it.
#[derive(Debug, Serialize)]
pub(crate) struct ClockView {
    pub goal: &'static str,
    pub state: &'static str,
    /// Shown unless paused (a paused clock has no due instant).
    pub due_at: Option<i64>,
    pub remaining_secs: i64,
    pub remaining: String,
    /// Business time used, live for a counting clock, and the target.
    pub used_secs: i64,
    pub target_secs: i64,
    pub used: String,
    pub target: String,
    /// The meter's value: the share used, capped at the whole.
    pub meter: i64,
    /// Whether the clock still counts (remaining time is live).
    pub counting: bool,
}

impl ClockView {
    pub(crate) async fn of(
        state: &AppState,
        locale: Locale,
        clock: &TicketClock,
        now_ms: i64,
    ) -> AppResult<Self> {
        let remaining = remaining_secs(state, clock, now_ms).await?;
        let live = counting(clock);
        let used = if live {
            clock.target_secs - remaining
        } else {
            clock.used_secs
        };
        Ok(Self {
            goal: clock.goal.code(),
            state: clock.state.code(),
            due_at: clock.due_at.filter(|_| clock.state != ClockState::Paused),
            remaining_secs: remaining,
            remaining: remaining_text(state, locale, remaining),
            used_secs: used,
            target_secs: clock.target_secs,
            used: duration_text(state, locale, used),
            target: duration_text(state, locale, clock.target_secs),
            meter: used.clamp(0, clock.target_secs),
            counting: live,
        })
    }
}

/// What the queue's *Termiņš* column shows for a ticket.
#[derive(Debug, Serialize)]
pub(crate) struct DueCell {
    /// `breached`, `due` (with `at`) or `paused`.
    pub kind: &'static str,
    pub at: Option<i64>,
}

impl DueCell {
    /// From a ticket's clocks: breached when one counts past its due
    /// instant, else the earliest due instant of its running clocks, else
    /// paused when one is; nothing for a ticket with no live clock.
    pub(crate) fn of(clocks: &[&TicketClock], now_ms: i64) -> Option<Self> {
        let live: Vec<_> = clocks.iter().filter(|c| counting(c)).collect();
        if live
            .iter()
            .any(|c| c.state == ClockState::Breached || c.due_at.is_some_and(|d| d <= now_ms))
        {
            return Some(Self {
                kind: "breached",
                at: None,
            });
        }
        if let Some(at) = live.iter().filter_map(|c| c.due_at).min() {
            return Some(Self {
                kind: "due",
                at: Some(at),
            });
        }
        clocks
            .iter()
            .any(|c| c.state == ClockState::Paused)
            .then_some(Self {
                kind: "paused",
                at: None,
            })
    }
}

/// When the customer may expect an answer: the first response's due
/// instant while that clock runs, else the resolution's.
pub(crate) fn expected_answer_by(clocks: &[TicketClock]) -> Option<i64> {
    let running = |goal: Goal| {
        clocks
            .iter()
            .find(|c| c.goal == goal && c.state == ClockState::Running && c.stopped_at.is_none())
            .and_then(|c| c.due_at)
    };
    running(Goal::FirstResponse).or_else(|| running(Goal::Resolution))
}

/// A clock as the API gives it: times in epoch milliseconds like the rest
/// of the ticket, durations in business seconds.
#[derive(Debug, Serialize)]
pub(crate) struct ClockJson {
    pub goal: &'static str,
    pub state: &'static str,
    pub due_at: Option<i64>,
    pub remaining_secs: i64,
    pub target_secs: i64,
    pub used_secs: i64,
    pub paused_secs: i64,
}

impl ClockJson {
    pub(crate) async fn of(state: &AppState, clock: &TicketClock, now_ms: i64) -> AppResult<Self> {
        Ok(Self {
            goal: clock.goal.code(),
            state: clock.state.code(),
            due_at: clock.due_at,
            remaining_secs: remaining_secs(state, clock, now_ms).await?,
            target_secs: clock.target_secs,
            used_secs: clock.used_secs,
            paused_secs: clock.paused_secs,
        })
    }
}
