//! Latvian public holidays by rule, and the days decided year by year.
//!
//! The rules follow the law "Par svētku, atceres un atzīmējamām dienām"
//! (3 Oct 1990, likumi.lv id 72608) with the years its amendments took
//! effect:
//!
//! - 1 Jan, Good Friday, Easter Sunday, 1 May, Mother's Day (2nd Sunday of
//!   May), 23 and 24 June, 18 Nov, 25 and 26 Dec, 31 Dec: the 1990 text;
//! - Whitsunday from 1996 (amendment of 21 Sep 1995), Easter Monday from
//!   1997 (18 Dec 1996), 4 May from 2002 (21 Mar 2002), 24 Dec from 2007
//!   (24 May 2007);
//! - 4 May and 18 Nov falling on a Saturday or Sunday make the next Monday a
//!   day off from 2007 (the same amendment of 24 May 2007; 4 May 2007 was a
//!   Friday, so the first move was 18 Nov 2007 → 19 Nov).
//!
//! Assumption: the calendar answers from 1900, long before the law; for the
//! years before 1990 it computes the days of the 1990 text, which is
//! historically wrong (a business calendar there is a convenience, not a
//! record) but keeps every year defined.
//!
//! Days decided one at a time — the Cabinet's moved working days and the
//! Saeima's one-off holidays — are data, in `lv_decided_days.csv`.

use super::calendar::{DayKind, SpecialDay};
use jiff::civil::{Date, Weekday};
use jiff::Span;

/// The year the weekend move of 4 May and 18 Nov took effect.
pub const WEEKEND_MOVE_SINCE: i16 = 2007;

/// Easter Sunday in the Gregorian calendar (Meeus/Jones/Butcher).
pub fn easter_sunday(year: i16) -> Date {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, month as i8, day as i8).expect("Easter is in March or April")
}

/// One day off by rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDay {
    pub day: SpecialDay,
    /// A holiday of the law ("svētku diena"), as opposed to the Monday a
    /// weekend 4 May or 18 Nov moves to (a day off, "brīvdiena"). Only
    /// holidays shorten the working day before them (Labour Law s. 135(2)).
    pub holiday: bool,
}

fn plus_days(date: Date, n: i64) -> Date {
    date.checked_add(Span::new().days(n))
        .expect("within jiff's range")
}

/// The next Monday when `date` is on a weekend.
fn weekend_to_monday(date: Date) -> Option<Date> {
    match date.weekday() {
        Weekday::Saturday => Some(plus_days(date, 2)),
        Weekday::Sunday => Some(plus_days(date, 1)),
        _ => None,
    }
}

/// Every day off of `year` by rule, in date order; two holidays on one date
/// (1 May; Whitsunday on Mother's Day) share one entry with both names.
pub fn rule_days(year: i16) -> Vec<RuleDay> {
    let d = |m: i8, day: i8| Date::new(year, m, day).expect("valid date");
    let easter = easter_sunday(year);
    let mut out: Vec<RuleDay> = Vec::with_capacity(20);
    let mut add = |date: Date, lv: &str, en: &str, holiday: bool| {
        if let Some(found) = out.iter_mut().find(|r| r.day.date == date) {
            found.day.name_lv = format!("{}; {lv}", found.day.name_lv);
            found.day.name_en = format!("{}; {en}", found.day.name_en);
            found.holiday |= holiday;
            return;
        }
        out.push(RuleDay {
            day: SpecialDay {
                date,
                kind: DayKind::DayOff,
                name_lv: lv.into(),
                name_en: en.into(),
            },
            holiday,
        });
    };
    add(d(1, 1), "Jaungada diena", "New Year's Day", true);
    add(
        plus_days(easter, -2),
        "Lielā Piektdiena",
        "Good Friday",
        true,
    );
    add(easter, "Lieldienas", "Easter Sunday", true);
    if year >= 1997 {
        add(
            plus_days(easter, 1),
            "Otrās Lieldienas",
            "Easter Monday",
            true,
        );
    }
    add(d(5, 1), "Darba svētki", "Labour Day", true);
    add(
        d(5, 1),
        "Latvijas Republikas Satversmes sapulces sasaukšanas diena",
        "Convocation of the Constituent Assembly of the Republic of Latvia",
        true,
    );
    if year >= 2002 {
        let may4 = d(5, 4);
        add(
            may4,
            "Latvijas Republikas Neatkarības atjaunošanas diena",
            "Restoration of Independence of the Republic of Latvia",
            true,
        );
        if let Some(monday) = weekend_to_monday(may4).filter(|_| year >= WEEKEND_MOVE_SINCE) {
            add(
                monday,
                "Brīvdiena (Neatkarības atjaunošanas diena brīvdienā)",
                "Day off (Restoration of Independence Day on a weekend)",
                false,
            );
        }
    }
    let mothers_day = d(5, 1)
        .nth_weekday_of_month(2, Weekday::Sunday)
        .expect("May has a second Sunday");
    add(mothers_day, "Mātes diena", "Mother's Day", true);
    if year >= 1996 {
        add(plus_days(easter, 49), "Vasarsvētki", "Whitsunday", true);
    }
    add(d(6, 23), "Līgo diena", "Midsummer Eve", true);
    add(d(6, 24), "Jāņu diena", "Midsummer Day", true);
    let nov18 = d(11, 18);
    add(
        nov18,
        "Latvijas Republikas proklamēšanas diena",
        "Proclamation Day of the Republic of Latvia",
        true,
    );
    if let Some(monday) = weekend_to_monday(nov18).filter(|_| year >= WEEKEND_MOVE_SINCE) {
        add(
            monday,
            "Brīvdiena (Proklamēšanas diena brīvdienā)",
            "Day off (Proclamation Day on a weekend)",
            false,
        );
    }
    if year >= 2007 {
        add(d(12, 24), "Ziemassvētku vakars", "Christmas Eve", true);
    }
    add(d(12, 25), "Pirmie Ziemassvētki", "Christmas Day", true);
    add(
        d(12, 26),
        "Otrie Ziemassvētki",
        "Second Day of Christmas",
        true,
    );
    add(d(12, 31), "Vecgada diena", "New Year's Eve", true);
    out.sort_by_key(|r| r.day.date);
    out
}

/// Every day off of `year` by rule (holidays and the Mondays weekend
/// holidays move to), in date order.
pub fn public_holidays(year: i16) -> Vec<SpecialDay> {
    rule_days(year).into_iter().map(|r| r.day).collect()
}

/// Whether `date` is a holiday of the law (not a moved day off).
pub fn is_public_holiday(date: Date) -> bool {
    rule_days(date.year())
        .iter()
        .any(|r| r.holiday && r.day.date == date)
}

/// The days decided for the years 2020 on: the Cabinet's moved working days
/// (a weekday off, a Saturday worked) and the Saeima's one-off holidays.
/// The source of each is cited in the data file.
pub fn decided_days() -> Vec<SpecialDay> {
    parse_decided(DECIDED)
}

const DECIDED: &str = include_str!("lv_decided_days.csv");

fn parse_decided(text: &str) -> Vec<SpecialDay> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .skip(1) // the header row
        .map(|line| {
            let cols: Vec<&str> = line.split(';').collect();
            assert!(cols.len() >= 4, "lv_decided_days.csv: {line}");
            SpecialDay {
                date: cols[0].parse().expect("lv_decided_days.csv: date"),
                kind: DayKind::parse(cols[1]).expect("lv_decided_days.csv: kind"),
                name_lv: cols[2].into(),
                name_en: cols[3].into(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_decided_days_file_parses_and_is_in_date_order() {
        let days = decided_days();
        assert!(days.len() >= 20, "{}", days.len());
        assert!(days.windows(2).all(|w| w[0].date < w[1].date));
        for d in &days {
            let weekend = matches!(d.date.weekday(), Weekday::Saturday | Weekday::Sunday);
            match d.kind {
                DayKind::WorkingDay => assert!(weekend, "{d:?}"),
                DayKind::DayOff => assert!(!weekend, "{d:?}"),
                DayKind::ShortDay => panic!("short days follow the rule: {d:?}"),
            }
            assert!(!d.name_lv.is_empty() && !d.name_en.is_empty());
        }
    }

    #[test]
    fn whitsunday_on_mothers_day_is_one_day_with_both_names() {
        // Easter 2008 was 23 March: Whitsunday 11 May, the second Sunday of May.
        let days = public_holidays(2008);
        let may11 = Date::new(2008, 5, 11).unwrap();
        let both: Vec<_> = days.iter().filter(|d| d.date == may11).collect();
        assert_eq!(both.len(), 1);
        assert_eq!(both[0].name_lv, "Mātes diena; Vasarsvētki");
        assert_eq!(both[0].name_en, "Mother's Day; Whitsunday");
    }

    #[test]
    fn easter_matches_known_dates() {
        for (y, m, d) in [
            (1900, 4, 15),
            (2008, 3, 23),
            (2024, 3, 31),
            (2025, 4, 20),
            (2038, 4, 25),
        ] {
            assert_eq!(easter_sunday(y), Date::new(y, m, d).unwrap(), "{y}");
        }
    }
}
