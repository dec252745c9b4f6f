//! The phases of a goal's clock, built from what happened to a ticket: its
//! creation, the statuses it went through (and whether each pauses the
//! clock), and its first response. `clock::measure` then counts them.

use super::clock::{Clock, ClockState, Goal, Phase};
use crate::workflow::StatusCategory;
use jiff::Timestamp;

/// One period of a ticket's status history, from `at` until the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusPeriod {
    pub at: Timestamp,
    pub category: StatusCategory,
    /// The status stops the clock (waiting for the customer, a third party).
    pub pauses: bool,
}

/// What counts as the first response on a desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FirstResponse {
    /// The first public reply by staff.
    #[default]
    PublicReply,
    /// The first move out of the `new` category.
    StatusChange,
}

impl FirstResponse {
    pub fn parse(code: &str) -> Self {
        match code {
            "status_change" => FirstResponse::StatusChange,
            _ => FirstResponse::PublicReply,
        }
    }
}

/// A ticket's story as far as its clocks care.
#[derive(Debug, Clone, Copy)]
pub struct History<'a> {
    pub created_at: Timestamp,
    /// Sorted by instant; the first is the status it was created in.
    pub statuses: &'a [StatusPeriod],
    /// The first public comment by staff, if any.
    pub first_public_reply: Option<Timestamp>,
    pub first_response: FirstResponse,
}

impl History<'_> {
    /// When the first response was given. A ticket resolved without one
    /// needs none any more: reaching a done category counts too.
    pub fn responded_at(&self) -> Option<Timestamp> {
        let done = self
            .statuses
            .iter()
            .find(|s| s.category.is_done())
            .map(|s| s.at);
        let answered = match self.first_response {
            FirstResponse::PublicReply => self.first_public_reply,
            FirstResponse::StatusChange => self
                .statuses
                .iter()
                .find(|s| s.category != StatusCategory::New)
                .map(|s| s.at),
        };
        match (done, answered) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The phases of `goal`, sorted, starting at creation, without two
    /// equal phases in a row.
    pub fn phases(&self, goal: Goal) -> Vec<(Timestamp, Phase)> {
        let of = |s: &StatusPeriod| {
            if s.category.is_done() {
                Phase::Stopped
            } else if s.pauses {
                Phase::Paused
            } else {
                Phase::Running
            }
        };
        let mut raw: Vec<(Timestamp, Phase)> = vec![(self.created_at, Phase::Running)];
        for s in self.statuses {
            raw.push((s.at.max(self.created_at), of(s)));
        }
        if goal == Goal::FirstResponse {
            if let Some(at) = self.responded_at() {
                let at = at.max(self.created_at);
                // Once responded, the first-response clock stays stopped.
                raw.retain(|(t, _)| *t < at);
                raw.push((at, Phase::Stopped));
            }
        }
        // A later entry at the same instant wins (a status entered at creation).
        let mut out: Vec<(Timestamp, Phase)> = Vec::with_capacity(raw.len());
        for (at, phase) in raw {
            match out.last_mut() {
                Some(last) if last.0 == at => last.1 = phase,
                _ => out.push((at, phase)),
            }
        }
        out.dedup_by(|later, earlier| later.1 == earlier.1);
        out
    }
}

/// A running goal whose due instant has passed is breached, even when its
/// due instant lies at the end of a working day and no business second has
/// passed since (`measure` counts a breach from the next one).
pub fn settle(mut clock: Clock, now: Timestamp) -> Clock {
    if clock.state == ClockState::Running {
        if let Some(due) = clock.due_at.filter(|d| *d <= now) {
            clock.state = ClockState::Breached;
            clock.breached_at = Some(due);
        }
    }
    clock
}

/// When a running clock reaches `percent` of its target, measured from
/// `now` (when it has used `clock.used_secs`): `None` once past it, or
/// when the clock is not running.
pub fn warn_at(
    calendar: &super::Calendar,
    clock: &Clock,
    percent: i64,
    now: Timestamp,
) -> Option<Timestamp> {
    if clock.state != ClockState::Running {
        return None;
    }
    let threshold = clock.target_secs * percent.clamp(1, 100) / 100;
    let left = threshold - clock.used_secs;
    if left <= 0 {
        return None;
    }
    calendar.add(now, left).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn period(at: &str, category: StatusCategory, pauses: bool) -> StatusPeriod {
        StatusPeriod {
            at: t(at),
            category,
            pauses,
        }
    }

    #[test]
    fn a_waiting_status_pauses_and_resolving_stops_the_resolution_clock() {
        use StatusCategory::*;
        let statuses = [
            period("2027-03-01T08:00:00Z", New, false),
            period("2027-03-01T09:00:00Z", Waiting, true),
            period("2027-03-01T10:00:00Z", Open, false),
            period("2027-03-01T11:00:00Z", Resolved, false),
            period("2027-03-01T12:00:00Z", Open, false),
        ];
        let h = History {
            created_at: t("2027-03-01T08:00:00Z"),
            statuses: &statuses,
            first_public_reply: None,
            first_response: FirstResponse::PublicReply,
        };
        assert_eq!(
            h.phases(Goal::Resolution),
            vec![
                (t("2027-03-01T08:00:00Z"), Phase::Running),
                (t("2027-03-01T09:00:00Z"), Phase::Paused),
                (t("2027-03-01T10:00:00Z"), Phase::Running),
                (t("2027-03-01T11:00:00Z"), Phase::Stopped),
                (t("2027-03-01T12:00:00Z"), Phase::Running),
            ]
        );
        // Resolved without a reply: the first response needs none any more,
        // and a reopen does not restart it.
        assert_eq!(
            h.phases(Goal::FirstResponse),
            vec![
                (t("2027-03-01T08:00:00Z"), Phase::Running),
                (t("2027-03-01T09:00:00Z"), Phase::Paused),
                (t("2027-03-01T10:00:00Z"), Phase::Running),
                (t("2027-03-01T11:00:00Z"), Phase::Stopped),
            ]
        );
    }

    #[test]
    fn the_first_response_is_a_public_reply_or_leaving_new_as_the_desk_says() {
        use StatusCategory::*;
        let statuses = [
            period("2027-03-01T08:00:00Z", New, false),
            period("2027-03-01T09:00:00Z", Open, false),
        ];
        let mut h = History {
            created_at: t("2027-03-01T08:00:00Z"),
            statuses: &statuses,
            first_public_reply: Some(t("2027-03-01T09:30:00Z")),
            first_response: FirstResponse::PublicReply,
        };
        assert_eq!(h.responded_at(), Some(t("2027-03-01T09:30:00Z")));
        h.first_response = FirstResponse::StatusChange;
        assert_eq!(h.responded_at(), Some(t("2027-03-01T09:00:00Z")));
        assert_eq!(
            h.phases(Goal::FirstResponse),
            vec![
                (t("2027-03-01T08:00:00Z"), Phase::Running),
                (t("2027-03-01T09:00:00Z"), Phase::Stopped),
            ]
        );
    }

    #[test]
    fn a_due_instant_passed_is_a_breach() {
        let clock = Clock {
            goal: Goal::Resolution,
            target_secs: 60,
            state: ClockState::Running,
            due_at: Some(t("2027-03-01T15:00:00Z")),
            used_secs: 60,
            paused_secs: 0,
            remaining_secs: 0,
            stopped_at: None,
            breached_at: None,
        };
        let before = settle(clock.clone(), t("2027-03-01T14:59:59Z"));
        assert_eq!(before.state, ClockState::Running);
        let after = settle(clock, t("2027-03-01T15:00:00Z"));
        assert_eq!(after.state, ClockState::Breached);
        assert_eq!(after.breached_at, Some(t("2027-03-01T15:00:00Z")));
    }
}
