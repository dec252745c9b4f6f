//! The clock of one SLA goal on one ticket: how much business time it has
//! used, when it is due, and whether it was met.

use super::calendar::{Calendar, OutOfRange};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Goal {
    FirstResponse,
    Resolution,
}

impl Goal {
    pub const ALL: [Goal; 2] = [Goal::FirstResponse, Goal::Resolution];

    pub fn code(self) -> &'static str {
        match self {
            Goal::FirstResponse => "first_response",
            Goal::Resolution => "resolution",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.code() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    Running,
    Paused,
    Met,
    Breached,
}

impl ClockState {
    pub fn code(self) -> &'static str {
        match self {
            ClockState::Running => "running",
            ClockState::Paused => "paused",
            ClockState::Met => "met",
            ClockState::Breached => "breached",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Running, Self::Paused, Self::Met, Self::Breached]
            .into_iter()
            .find(|c| c.code() == s)
    }
}

/// What a clock does from an instant on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Running,
    Paused,
    /// The goal was reached (first response given, ticket resolved). A later
    /// `Running` (a reopen) carries on with the time already used.
    Stopped,
}

/// A goal's clock at one instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clock {
    pub goal: Goal,
    pub target_secs: i64,
    pub state: ClockState,
    /// When the goal is due (or was, once met or breached); `None` while paused.
    pub due_at: Option<Timestamp>,
    pub used_secs: i64,
    pub paused_secs: i64,
    /// Business seconds left (negative once breached).
    pub remaining_secs: i64,
    pub stopped_at: Option<Timestamp>,
    /// When the used time passed the target, if it has.
    pub breached_at: Option<Timestamp>,
}

/// Measures a goal over a ticket's phases (sorted by instant; the first is
/// the ticket's creation) as of `now`.
pub fn measure(
    calendar: &Calendar,
    goal: Goal,
    target_secs: i64,
    phases: &[(Timestamp, Phase)],
    now: Timestamp,
) -> Result<Clock, OutOfRange> {
    let mut used = 0i64;
    let mut paused = 0i64;
    let mut breached_at = None;
    for (i, (at, phase)) in phases.iter().enumerate() {
        if *at > now {
            break;
        }
        let until = phases.get(i + 1).map(|(t, _)| (*t).min(now)).unwrap_or(now);
        let span = calendar.elapsed(*at, until);
        match phase {
            Phase::Running => {
                if breached_at.is_none() && used + span > target_secs {
                    breached_at = Some(calendar.add(*at, target_secs - used)?);
                }
                used += span;
            }
            Phase::Paused => paused += span,
            Phase::Stopped => {}
        }
    }
    let current = phases.iter().rev().find(|(at, _)| *at <= now).copied();
    let stopped_at = match current {
        Some((at, Phase::Stopped)) => Some(at),
        _ => None,
    };
    let remaining = target_secs - used;
    let state = match current.map(|c| c.1) {
        _ if breached_at.is_some() => ClockState::Breached,
        Some(Phase::Stopped) => ClockState::Met,
        Some(Phase::Paused) => ClockState::Paused,
        _ => ClockState::Running,
    };
    let due_at = match (breached_at, current) {
        (Some(b), _) => Some(b),
        (None, Some((at, Phase::Running))) => {
            let before = used - calendar.elapsed(at, now);
            Some(calendar.add(at, target_secs - before)?)
        }
        // Met: when it would have been due as it stopped, for the record.
        (None, Some((at, Phase::Stopped))) => Some(calendar.add(at, remaining)?),
        _ => None,
    };
    Ok(Clock {
        goal,
        target_secs,
        state,
        due_at,
        used_secs: used,
        paused_secs: paused,
        remaining_secs: remaining,
        stopped_at,
        breached_at,
    })
}
