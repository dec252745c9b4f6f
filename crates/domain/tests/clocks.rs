//! A goal's clock on a ticket over the Latvian office calendar (Mon–Fri
//! 8:30–17:00, Riga): holidays, pauses, reopening, a changed target.

mod common;

use atbalsts_domain::sla::clock::measure;
use atbalsts_domain::sla::{Calendar, CalendarSpec, ClockState, Goal, Phase};
use common::{riga, secs, HOUR};
use jiff::Timestamp;
use proptest::prelude::*;

fn office() -> Calendar {
    Calendar::new(CalendarSpec::latvian_office()).unwrap()
}

#[test]
fn a_ticket_created_friday_1630_before_a_monday_holiday_is_due_on_tuesday() {
    let cal = office();
    // 18 November 2024, Proclamation Day, is a Monday.
    let phases = [(riga("2024-11-15T16:30"), Phase::Running)];
    let first_response =
        |now: &str| measure(&cal, Goal::FirstResponse, HOUR, &phases, riga(now)).unwrap();

    let monday = first_response("2024-11-18T12:00");
    assert_eq!(monday.state, ClockState::Running);
    assert_eq!(monday.used_secs, 1800, "only Friday 16:30–17:00 counts");
    assert_eq!(monday.remaining_secs, 1800);
    assert_eq!(monday.due_at, Some(riga("2024-11-19T09:00")));

    let tuesday = first_response("2024-11-19T09:30");
    assert_eq!(tuesday.state, ClockState::Breached);
    assert_eq!(tuesday.breached_at, Some(riga("2024-11-19T09:00")));
    assert_eq!(tuesday.remaining_secs, -1800);
}

#[test]
fn a_clock_paused_over_a_weekend_is_due_later_by_the_business_time_paused() {
    let cal = office();
    let created = riga("2024-11-08T10:00"); // a Friday
    let phases = [
        (created, Phase::Running),
        (riga("2024-11-08T12:00"), Phase::Paused), // waiting for the customer
        (riga("2024-11-11T10:00"), Phase::Running),
    ];
    let resolution =
        |now: &str| measure(&cal, Goal::Resolution, 8 * HOUR, &phases, riga(now)).unwrap();

    let before = resolution("2024-11-08T11:00");
    assert_eq!(before.due_at, Some(riga("2024-11-11T09:30")));

    let weekend = resolution("2024-11-09T12:00");
    assert_eq!(weekend.state, ClockState::Paused);
    assert_eq!(weekend.due_at, None, "a paused clock has no due time");
    assert_eq!(weekend.used_secs, 2 * HOUR);
    assert_eq!(weekend.paused_secs, 5 * HOUR, "Friday 12:00–17:00");

    let after = resolution("2024-11-11T11:00");
    assert_eq!(after.state, ClockState::Running);
    assert_eq!(after.used_secs, 3 * HOUR);
    assert_eq!(after.paused_secs, 6 * HOUR + 1800);
    assert_eq!(after.due_at, Some(riga("2024-11-11T16:00")));
    // The due time moved by exactly the business time paused.
    assert_eq!(
        cal.elapsed(before.due_at.unwrap(), after.due_at.unwrap()),
        after.paused_secs
    );
}

#[test]
fn a_resolved_ticket_reopened_carries_on_with_the_time_already_used() {
    let cal = office();
    let phases = [
        (riga("2026-12-07T09:00"), Phase::Running),
        (riga("2026-12-07T11:00"), Phase::Stopped), // resolved
        (riga("2026-12-08T09:00"), Phase::Running), // reopened
    ];
    let resolution =
        |now: &str| measure(&cal, Goal::Resolution, 4 * HOUR, &phases, riga(now)).unwrap();

    let resolved = resolution("2026-12-07T15:00");
    assert_eq!(resolved.state, ClockState::Met);
    assert_eq!(resolved.used_secs, 2 * HOUR);
    assert_eq!(resolved.stopped_at, Some(riga("2026-12-07T11:00")));
    assert_eq!(
        resolved.due_at,
        Some(riga("2026-12-07T13:00")),
        "as it stood when met"
    );

    let reopened = resolution("2026-12-08T10:00");
    assert_eq!(reopened.state, ClockState::Running);
    assert_eq!(reopened.used_secs, 3 * HOUR);
    assert_eq!(reopened.stopped_at, None);
    assert_eq!(reopened.due_at, Some(riga("2026-12-08T11:00")));
}

#[test]
fn a_goal_met_late_stays_breached() {
    let cal = office();
    let phases = [
        (riga("2026-12-07T09:00"), Phase::Running),
        (riga("2026-12-07T12:00"), Phase::Stopped),
    ];
    let clock = measure(
        &cal,
        Goal::FirstResponse,
        2 * HOUR,
        &phases,
        riga("2026-12-07T13:00"),
    )
    .unwrap();
    assert_eq!(clock.state, ClockState::Breached);
    assert_eq!(clock.breached_at, Some(riga("2026-12-07T11:00")));
    assert_eq!(clock.due_at, clock.breached_at);
}

#[test]
fn a_raised_priority_recomputes_the_goal_from_creation_keeping_the_time_used() {
    let cal = office();
    let phases = [(riga("2026-12-07T09:00"), Phase::Running)];
    let now = riga("2026-12-07T11:00");
    let normal = measure(&cal, Goal::Resolution, 16 * HOUR, &phases, now).unwrap();
    let urgent = measure(&cal, Goal::Resolution, 4 * HOUR, &phases, now).unwrap();
    assert_eq!(normal.used_secs, urgent.used_secs);
    assert_eq!(urgent.due_at, Some(riga("2026-12-07T13:00")));
    assert!(urgent.due_at < normal.due_at);
}

/// Alternating running and paused phases from a creation instant.
fn phases() -> impl Strategy<Value = (Vec<(Timestamp, Phase)>, Timestamp)> {
    // 2025-01-01 .. 2027-01-01
    (
        1_735_689_600i64..1_798_761_600,
        prop::collection::vec(60i64..10 * 86_400, 0..12),
        0i64..20 * 86_400,
    )
        .prop_map(|(created, gaps, after)| {
            let mut t = created;
            let mut out = vec![(secs(t), Phase::Running)];
            for (i, gap) in gaps.into_iter().enumerate() {
                t += gap;
                let phase = if i % 2 == 0 {
                    Phase::Paused
                } else {
                    Phase::Running
                };
                out.push((secs(t), phase));
            }
            (out, secs(t + after))
        })
}

proptest! {
    #[test]
    fn pausing_subtracts_the_paused_business_time_exactly(
        (phases, now) in phases(), target in 1i64..200 * HOUR,
    ) {
        let cal = office();
        let clock = measure(&cal, Goal::Resolution, target, &phases, now).unwrap();
        let segment = |i: usize| {
            let until = phases.get(i + 1).map_or(now, |p| p.0);
            cal.elapsed(phases[i].0, until)
        };
        let running: i64 = (0..phases.len()).filter(|&i| phases[i].1 == Phase::Running).map(segment).sum();
        let paused: i64 = (0..phases.len()).filter(|&i| phases[i].1 == Phase::Paused).map(segment).sum();
        prop_assert_eq!(clock.used_secs, running);
        prop_assert_eq!(clock.paused_secs, paused);
        prop_assert_eq!(clock.used_secs + clock.paused_secs, cal.elapsed(phases[0].0, now));
        prop_assert_eq!(clock.remaining_secs, target - running);
        if clock.state == ClockState::Running && clock.remaining_secs > 0 {
            prop_assert_eq!(clock.due_at, Some(cal.add(now, clock.remaining_secs).unwrap()));
        }
        if let Some(b) = clock.breached_at {
            // Exactly the target of running time had passed at the breach.
            let before: i64 = (0..phases.len())
                .filter(|&i| phases[i].1 == Phase::Running && phases[i].0 < b)
                .map(|i| cal.elapsed(phases[i].0, phases.get(i + 1).map_or(b, |p| p.0.min(b))))
                .sum();
            prop_assert_eq!(before, target);
        }
    }
}
