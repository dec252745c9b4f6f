//! Laws of business-time arithmetic, checked on random calendars and spans,
//! and the fast table-based arithmetic against the naive day walk.

mod common;

use atbalsts_domain::sla::calendar::OutOfRange;
use atbalsts_domain::sla::{Calendar, CalendarSpec, DayKind, Holidays, Interval, SpecialDay};
use common::{at, naive, riga, secs, HOUR};
use jiff::civil::Date;
use proptest::prelude::*;
use std::sync::LazyLock;

const ZONES: [&str; 5] = [
    "Europe/Riga",
    "America/New_York",
    "Australia/Sydney",
    "UTC",
    "Asia/Kolkata",
];

/// 2019-01-01 .. 2031-01-01 in seconds since the epoch.
const FROM: i64 = 1_546_300_800;
const TO: i64 = 1_924_992_000;
/// A year of working time in an office (about 2,000 hours), with room.
const YEAR_OF_WORK: i64 = 2_100 * HOUR;

fn day_hours() -> impl Strategy<Value = Vec<Interval>> {
    prop::collection::vec(0u32..=86_400, 0..=4).prop_map(|mut cuts| {
        cuts.sort();
        cuts.dedup();
        cuts.chunks_exact(2)
            .map(|c| Interval {
                start: c[0],
                end: c[1],
            })
            .collect()
    })
}

fn special_days() -> impl Strategy<Value = Vec<SpecialDay>> {
    prop::collection::vec((0i64..12 * 366, 0usize..3), 0..12).prop_map(|days| {
        let base = Date::new(2019, 1, 1).unwrap();
        days.into_iter()
            .map(|(n, k)| SpecialDay {
                date: base.checked_add(jiff::Span::new().days(n)).unwrap(),
                kind: [DayKind::DayOff, DayKind::WorkingDay, DayKind::ShortDay][k],
                name_lv: "x".into(),
                name_en: "x".into(),
            })
            .collect()
    })
}

/// Random calendars: any zone of a few, 0–2 intervals a weekday, Latvian
/// holidays or none, short days or not, a few special days.
fn calendars() -> impl Strategy<Value = Calendar> {
    (
        0usize..ZONES.len(),
        prop::array::uniform7(day_hours()),
        any::<bool>(),
        any::<bool>(),
        special_days(),
    )
        .prop_map(|(zone, mut week, latvia, shorten, days)| {
            if week.iter().all(Vec::is_empty) {
                week[0] = vec![Interval {
                    start: 8 * 3600,
                    end: 17 * 3600,
                }];
            }
            Calendar::new(CalendarSpec {
                time_zone: ZONES[zone].into(),
                always_open: false,
                week,
                holidays: if latvia {
                    Holidays::Latvia
                } else {
                    Holidays::None
                },
                shorten_before_holiday: shorten,
                days,
            })
            .unwrap()
        })
}

/// Up to a year of a calendar's working time (52 of its weeks).
fn work(cal: &Calendar, share: f64) -> i64 {
    let weekly: u32 = cal
        .spec()
        .week
        .iter()
        .flatten()
        .map(|iv| iv.end - iv.start)
        .sum();
    (f64::from(weekly) * 52.0 * share) as i64
}

/// One shared office calendar: its year tables are built once for all cases.
fn office() -> Calendar {
    static OFFICE: LazyLock<Calendar> =
        LazyLock::new(|| Calendar::new(CalendarSpec::latvian_office()).unwrap());
    OFFICE.clone()
}

/// Whole days every day, Latvian holidays ignored: every wall-clock second counts.
fn whole_days(zone: &str) -> Calendar {
    let day = vec![Interval {
        start: 0,
        end: 86_400,
    }];
    Calendar::new(CalendarSpec {
        time_zone: zone.into(),
        always_open: false,
        week: std::array::from_fn(|_| day.clone()),
        holidays: Holidays::None,
        shorten_before_holiday: false,
        days: Vec::new(),
    })
    .unwrap()
}

/// Night and weekend hours that straddle Riga's summer-time changes (03:00/04:00).
fn night_shift() -> Calendar {
    let mut spec = CalendarSpec::latvian_office();
    let night = vec![
        Interval {
            start: 0,
            end: 2 * 3600 + 1800,
        },
        Interval {
            start: 3 * 3600 + 15 * 60,
            end: 5 * 3600,
        },
        Interval {
            start: 22 * 3600,
            end: 86_400,
        },
    ];
    spec.week[5] = night.clone();
    spec.week[6] = night;
    Calendar::new(spec).unwrap()
}

/// Instants within three days of a Riga summer-time change, 2019–2030.
fn near_riga_dst() -> impl Strategy<Value = i64> {
    (2019i16..2031, any::<bool>(), -3 * 86_400i64..3 * 86_400).prop_map(|(y, march, off)| {
        let month = if march { 3 } else { 10 };
        let last_sunday = Date::new(y, month, 31)
            .unwrap()
            .nth_weekday_of_month(-1, jiff::civil::Weekday::Sunday)
            .unwrap();
        let change = at("Europe/Riga", &format!("{last_sunday}T02:00")).as_second();
        change + off
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn measuring_what_was_added_gives_it_back(
        cal in calendars(), s in FROM..TO, d in 0.0..1.0f64,
    ) {
        let d = work(&cal, d);
        let due = cal.add(secs(s), d).unwrap();
        prop_assert_eq!(cal.elapsed(secs(s), due), d);
    }

    #[test]
    fn a_longer_goal_is_never_due_earlier(
        cal in calendars(), s in FROM..TO, a in 0.0..1.0f64, b in 0.0..1.0f64,
    ) {
        let (a, b) = (work(&cal, a), work(&cal, b));
        let (short, long) = (a.min(b), a.max(b));
        prop_assert!(cal.add(secs(s), short).unwrap() <= cal.add(secs(s), long).unwrap());
    }

    #[test]
    fn adding_in_two_steps_equals_adding_at_once(
        cal in calendars(), s in FROM..TO, a in 0.0..1.0f64, b in 0.0..1.0f64,
    ) {
        let (a, b) = (work(&cal, a), work(&cal, b).max(1));
        // `b > 0`: adding nothing moves an instant at the end of a working
        // span on to the start of the next one.
        let stepwise = cal.add(cal.add(secs(s), a).unwrap(), b).unwrap();
        prop_assert_eq!(stepwise, cal.add(secs(s), a + b).unwrap());
    }

    #[test]
    fn elapsed_time_splits_at_any_instant(
        cal in calendars(), a in FROM..TO, b in FROM..TO, c in FROM..TO,
    ) {
        let mut t = [a, b, c];
        t.sort();
        let [s, m, e] = t.map(secs);
        prop_assert_eq!(cal.elapsed(s, e), cal.elapsed(s, m) + cal.elapsed(m, e));
    }

    #[test]
    fn fast_arithmetic_equals_the_naive_day_walk(
        cal in calendars(), s in FROM..TO, d in 0.0..1.0f64, span in 0..400 * 86_400i64,
    ) {
        let d = work(&cal, d);
        let start = secs(s);
        prop_assert_eq!(cal.add(start, d), naive::add(&cal, start, d));
        let end = secs(s + span);
        prop_assert_eq!(cal.elapsed(start, end), naive::elapsed(&cal, start, end));
    }

    #[test]
    fn instants_around_summer_time_changes_match_the_naive_day_walk(
        s in near_riga_dst(), span in 0..7 * 86_400i64, d in 0..60 * HOUR,
    ) {
        static NIGHT: LazyLock<Calendar> = LazyLock::new(night_shift);
        for cal in [NIGHT.clone(), office()] {
            let start = secs(s);
            prop_assert_eq!(cal.add(start, d), naive::add(&cal, start, d));
            let end = secs(s + span);
            prop_assert_eq!(cal.elapsed(start, end), naive::elapsed(&cal, start, end));
            let due = cal.add(start, d).unwrap();
            prop_assert_eq!(cal.elapsed(start, due), d);
        }
    }

    #[test]
    fn a_calendar_of_whole_days_counts_wall_clock_seconds_across_summer_time(
        zone in 0usize..ZONES.len(), s in FROM..TO, span in 0..400 * 86_400i64,
    ) {
        let cal = whole_days(ZONES[zone]);
        prop_assert_eq!(cal.elapsed(secs(s), secs(s + span)), span);
        prop_assert_eq!(cal.add(secs(s), span).unwrap(), secs(s + span));
        let always = Calendar::new(CalendarSpec::always_open()).unwrap();
        prop_assert_eq!(always.elapsed(secs(s), secs(s + span)), span);
        prop_assert_eq!(always.add(secs(s), span).unwrap(), secs(s + span));
    }

    #[test]
    fn spans_of_many_years_keep_the_laws(
        s in -2_000_000_000i64..4_900_000_000, d in 0..60 * YEAR_OF_WORK, cut in 0.0f64..1.0,
    ) {
        // Starts 1906–2125; up to about sixty years of office time.
        let cal = office();
        let due = cal.add(secs(s), d).unwrap();
        prop_assert_eq!(cal.elapsed(secs(s), due), d);
        let m = s + ((due.as_second() - s) as f64 * cut) as i64;
        prop_assert_eq!(
            cal.elapsed(secs(s), secs(m)) + cal.elapsed(secs(m), due),
            d
        );
    }
}

#[test]
fn a_decade_of_business_time_equals_the_naive_day_walk() {
    let cal = office();
    let (s, e) = (riga("2019-03-15T10:11:12"), riga("2030-11-02T13:14:15"));
    let d = naive::elapsed(&cal, s, e);
    assert_eq!(cal.elapsed(s, e), d);
    assert_eq!(cal.add(s, d).unwrap(), naive::add(&cal, s, d).unwrap());
}

#[test]
fn a_fraction_of_a_second_is_kept_within_a_working_span() {
    let cal = office();
    let start = riga("2026-12-01T09:00:00.250");
    assert_eq!(cal.add(start, 90).unwrap(), riga("2026-12-01T09:01:30.250"));
}

#[test]
fn instants_outside_1900_to_2200_are_refused_not_looped_over() {
    let cal = office();
    assert_eq!(cal.add(riga("1899-12-31T12:00"), 1), Err(OutOfRange));
    assert_eq!(cal.add(riga("2201-01-01T12:00"), 1), Err(OutOfRange));
    // Past the last working second of 2200.
    assert_eq!(
        cal.add(riga("2200-12-01T09:00"), 30 * 24 * HOUR),
        Err(OutOfRange)
    );
    assert_eq!(
        cal.add(riga("1950-01-02T09:00"), i64::MAX / 2),
        Err(OutOfRange)
    );
    // Time outside the years counts as nothing.
    let all = cal.elapsed(riga("1800-01-01T00:00"), riga("2300-01-01T00:00"));
    assert_eq!(
        all,
        cal.elapsed(riga("1900-01-01T00:00"), riga("2201-01-01T00:00"))
    );
    assert!(all > 0);
}

#[test]
fn riga_summer_time_days_have_an_hour_more_or_less_of_whole_day_time() {
    let cal = whole_days("Europe/Riga");
    // Clocks go forward on 29 March 2026 and back on 25 October 2026.
    let day = |d: &str, next: &str| {
        cal.elapsed(riga(&format!("{d}T00:00")), riga(&format!("{next}T00:00")))
    };
    assert_eq!(day("2026-03-29", "2026-03-30"), 23 * HOUR);
    assert_eq!(day("2026-10-25", "2026-10-26"), 25 * HOUR);
    assert_eq!(day("2026-10-26", "2026-10-27"), 24 * HOUR);
}

#[test]
fn clones_share_the_tables_and_agree() {
    let cal = office();
    let copy = cal.clone();
    let s = riga("2027-02-01T10:00");
    assert_eq!(cal.add(s, 100 * HOUR), copy.add(s, 100 * HOUR));
    fn send_sync<T: Send + Sync + Clone>(_: &T) {}
    send_sync(&cal);
}
