#![allow(dead_code)]

pub mod naive;

use jiff::tz::TimeZone;
use jiff::Timestamp;

/// An instant given as Riga wall-clock time, e.g. `2026-12-04T16:30`.
pub fn riga(s: &str) -> Timestamp {
    at("Europe/Riga", s)
}

pub fn at(zone: &str, s: &str) -> Timestamp {
    let dt: jiff::civil::DateTime = s.parse().unwrap();
    dt.to_zoned(TimeZone::get(zone).unwrap())
        .unwrap()
        .timestamp()
}

pub fn secs(t: i64) -> Timestamp {
    Timestamp::from_second(t).unwrap()
}

pub const HOUR: i64 = 3600;
