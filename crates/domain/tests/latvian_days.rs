//! Latvian days off, worked Saturdays and short days against a reference
//! assembled from an independent source (tests/data, made by
//! scripts/lv-reference from the `holidays` package), and the rules for any
//! year.

mod common;

use atbalsts_domain::sla::latvia::{self, easter_sunday, WEEKEND_MOVE_SINCE};
use atbalsts_domain::sla::{Calendar, CalendarSpec, DayKind, Interval, SpecialDay};
use common::{riga, HOUR};
use jiff::civil::{Date, Weekday};
use std::collections::BTreeMap;

const REFERENCE: &str = include_str!("data/lv_reference_2020_2030.csv");

fn reference() -> BTreeMap<Date, DayKind> {
    REFERENCE
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|l| {
            let cols: Vec<&str> = l.split(';').collect();
            (cols[0].parse().unwrap(), DayKind::parse(cols[1]).unwrap())
        })
        .collect()
}

fn office() -> Calendar {
    Calendar::new(CalendarSpec::latvian_office()).unwrap()
}

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn days_off_worked_saturdays_and_short_days_2020_to_2030_match_the_independent_reference() {
    let cal = office();
    let ours: BTreeMap<Date, DayKind> = (2020..=2030)
        .flat_map(|y| cal.special_days(y))
        .map(|d| (d.date, d.kind))
        .collect();
    let theirs = reference();
    assert!(theirs.len() > 200, "reference has {} days", theirs.len());
    let missing: Vec<_> = theirs
        .iter()
        .filter(|(d, k)| ours.get(d) != Some(k))
        .collect();
    let extra: Vec<_> = ours
        .iter()
        .filter(|(d, k)| theirs.get(d) != Some(k))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "differ from the reference: missing {missing:?}, extra {extra:?}"
    );
}

#[test]
fn the_reference_covers_weekend_moves_easter_worked_saturdays_and_short_days() {
    // Guards the reference itself: it must hold the cases the table test is for.
    let r = reference();
    for (d, k) in [
        ("2021-04-05", DayKind::DayOff),     // Easter Monday
        ("2024-05-06", DayKind::DayOff),     // 4 May on a Saturday
        ("2028-11-20", DayKind::DayOff),     // 18 Nov on a Saturday
        ("2030-05-06", DayKind::DayOff),     // 4 May on a Saturday
        ("2025-05-10", DayKind::WorkingDay), // Cabinet's worked Saturday
        ("2024-05-03", DayKind::ShortDay),   // before 4 May on a Saturday
        ("2023-05-29", DayKind::DayOff),     // Saeima's one-off holiday
    ] {
        assert_eq!(r.get(&date(d)), Some(&k), "{d}");
    }
}

#[test]
fn a_short_day_is_one_hour_shorter_on_every_listed_date() {
    let cal = office();
    let ordinary = vec![Interval {
        start: 8 * 3600 + 1800,
        end: 17 * 3600,
    }];
    let short = vec![Interval {
        start: 8 * 3600 + 1800,
        end: 16 * 3600,
    }];
    let mut checked = 0;
    for (d, kind) in reference() {
        let hours = cal.working_intervals(d);
        match kind {
            DayKind::ShortDay => {
                assert_eq!(hours, short, "{d}");
                checked += 1;
            }
            DayKind::WorkingDay => assert_eq!(hours, ordinary, "{d}"),
            DayKind::DayOff => assert!(hours.is_empty(), "{d}"),
        }
    }
    assert!(checked >= 50, "{checked} short days");
    // Business time agrees: the Thursday before Good Friday 2026 has 7.5 hours.
    let thursday = cal.elapsed(riga("2026-04-02T00:00"), riga("2026-04-03T00:00"));
    assert_eq!(thursday, 7 * HOUR + 1800);
}

#[test]
fn four_may_and_eighteen_november_on_a_weekend_move_to_monday_in_any_year() {
    for year in 2007..=2200 {
        let off: Vec<Date> = latvia::public_holidays(year)
            .into_iter()
            .map(|d| d.date)
            .collect();
        for (m, d) in [(5, 4), (11, 18)] {
            let day = Date::new(year, m, d).unwrap();
            assert!(off.contains(&day), "{day}");
            let monday = match day.weekday() {
                Weekday::Saturday => day.tomorrow().unwrap().tomorrow().ok(),
                Weekday::Sunday => day.tomorrow().ok(),
                _ => None,
            };
            if let Some(monday) = monday {
                assert!(off.contains(&monday), "{year}: {monday}");
                assert!(
                    !latvia::is_public_holiday(monday),
                    "moved days are not holidays"
                );
            }
        }
        let easter = easter_sunday(year);
        assert_eq!(easter.weekday(), Weekday::Sunday);
        assert!(
            easter >= Date::new(year, 3, 22).unwrap() && easter <= Date::new(year, 4, 25).unwrap()
        );
        for n in [-2, 0, 1, 49] {
            let d = easter.checked_add(jiff::Span::new().days(n)).unwrap();
            assert!(latvia::is_public_holiday(d), "{year}: Easter{n:+}");
        }
    }
}

#[test]
fn rules_take_effect_in_the_years_the_law_changed() {
    let holiday = |s: &str| latvia::is_public_holiday(date(s));
    let off = |s: &str| {
        latvia::public_holidays(date(s).year())
            .iter()
            .any(|d| d.date == date(s))
    };
    assert!(
        !holiday("2006-12-24") && holiday("2007-12-24"),
        "24 Dec from 2007"
    );
    assert!(
        !holiday("2001-05-04") && holiday("2002-05-04"),
        "4 May from 2002"
    );
    assert!(
        !holiday("1996-04-08") && holiday("1997-03-31"),
        "Easter Monday from 1997"
    );
    assert!(
        !holiday("1995-06-04") && holiday("1996-05-26"),
        "Whitsunday from 1996"
    );
    // 18 Nov 2006 was a Saturday: no move yet; 18 Nov 2007 a Sunday: moved.
    assert_eq!(WEEKEND_MOVE_SINCE, 2007);
    assert!(!off("2006-11-20") && off("2007-11-19"));
    assert!(holiday("1990-12-31") && holiday("2026-12-31"));
}

#[test]
fn mothers_day_and_whitsunday_are_named_sundays() {
    let cal = office();
    let days = cal.special_days(2027);
    let named = |lv: &str| days.iter().find(|d| d.name_lv.contains(lv)).unwrap().date;
    assert_eq!(named("Mātes diena"), date("2027-05-09"));
    assert_eq!(named("Vasarsvētki"), date("2027-05-16"));
    assert_eq!(named("Mātes diena").weekday(), Weekday::Sunday);
}

#[test]
fn a_year_view_tells_each_date_ordinary_off_worked_or_short_with_its_name() {
    let cal = office();
    assert_eq!(cal.special_day(date("2026-12-02")), None);
    let holiday = cal.special_day(date("2026-11-18")).unwrap();
    assert_eq!(holiday.kind, DayKind::DayOff);
    assert!(holiday.name_lv.contains("proklamēšanas"), "{holiday:?}");
    assert!(holiday.name_en.contains("Proclamation"), "{holiday:?}");
    let worked = cal.special_day(date("2026-06-27")).unwrap();
    assert_eq!(worked.kind, DayKind::WorkingDay);
    assert!(!worked.name_en.is_empty());
    let short = cal.special_day(date("2026-11-17")).unwrap();
    assert_eq!(short.kind, DayKind::ShortDay);
    assert!(!short.name_lv.is_empty() && !short.name_en.is_empty());
    // special_days agrees with special_day and is in date order.
    let year = cal.special_days(2026);
    assert!(year.windows(2).all(|w| w[0].date < w[1].date));
    for d in &year {
        assert_eq!(cal.special_day(d.date).as_ref(), Some(d));
    }
}

#[test]
fn a_calendars_own_days_win_over_the_rules() {
    let mut spec = CalendarSpec::latvian_office();
    spec.days.push(SpecialDay {
        date: date("2027-11-18"),
        kind: DayKind::WorkingDay,
        name_lv: "Strādājam".into(),
        name_en: "We work".into(),
    });
    spec.days.push(SpecialDay {
        date: date("2027-08-13"),
        kind: DayKind::DayOff,
        name_lv: "Iestādes diena".into(),
        name_en: "Institution's day".into(),
    });
    let cal = Calendar::new(spec).unwrap();
    assert_eq!(
        cal.special_day(date("2027-11-18")).unwrap().kind,
        DayKind::WorkingDay
    );
    assert_eq!(cal.working_intervals(date("2027-11-18")).len(), 1);
    // No longer a holiday, so 17 Nov keeps its full hours.
    assert_eq!(cal.special_day(date("2027-11-17")), None);
    // A day off of the calendar's own shortens the working day before it.
    assert_eq!(
        cal.special_day(date("2027-08-12")).unwrap().kind,
        DayKind::ShortDay
    );
}

#[test]
fn new_latvian_calendars_start_with_the_decided_days() {
    let decided = latvia::decided_days();
    assert_eq!(CalendarSpec::latvian_office().days, decided);
    assert!(decided.iter().any(|d| d.date.year() == 2020));
    assert!(decided.iter().any(|d| d.date.year() == 2026));
}

#[test]
fn a_year_of_special_days_is_ready_for_a_page_at_once() {
    // Ratio, not a clock limit: a built year answers far faster than it builds.
    let cal = office();
    let t = std::time::Instant::now();
    let first = cal.special_days(2031);
    let build = t.elapsed();
    let t = std::time::Instant::now();
    for _ in 0..20 {
        assert_eq!(cal.special_days(2031), first);
    }
    let again = t.elapsed() / 20;
    assert!(again * 5 < build, "built {build:?}, again {again:?}");
}
