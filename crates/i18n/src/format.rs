//! Dates and numbers as each language writes them. Times are shown in
//! Latvian time (Europe/Riga), where the desks work.

use crate::Locale;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use std::sync::OnceLock;

fn riga() -> &'static TimeZone {
    static TZ: OnceLock<TimeZone> = OnceLock::new();
    TZ.get_or_init(|| TimeZone::get("Europe/Riga").unwrap_or(TimeZone::UTC))
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `23.11.2026. 14:05` in Latvian, `23 Nov 2026, 14:05` in English.
pub fn format_datetime(locale: Locale, unix_ms: i64) -> String {
    let Ok(ts) = Timestamp::from_millisecond(unix_ms) else {
        return String::new();
    };
    let dt = ts.to_zoned(riga().clone()).datetime();
    match locale {
        Locale::Lv => format!(
            "{:02}.{:02}.{}. {:02}:{:02}",
            dt.day(),
            dt.month(),
            dt.year(),
            dt.hour(),
            dt.minute()
        ),
        Locale::En => format!(
            "{} {} {}, {:02}:{:02}",
            dt.day(),
            MONTHS_EN[(dt.month() - 1) as usize],
            dt.year(),
            dt.hour(),
            dt.minute()
        ),
    }
}

/// Whole numbers with the thousands separator of the language: a
/// non-breaking space in Latvian (`12 345`), a comma in English (`12,345`).
pub fn format_number(locale: Locale, n: i64) -> String {
    let sep = match locale {
        Locale::Lv => '\u{a0}',
        Locale::En => ',',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// A number with one decimal, the decimal sign of the language: `4,2` in
/// Latvian, `4.2` in English.
pub fn format_decimal(locale: Locale, x: f64) -> String {
    let text = format!("{x:.1}");
    match locale {
        Locale::Lv => text.replace('.', ","),
        Locale::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_take_the_languages_sign() {
        assert_eq!(format_decimal(Locale::Lv, 4.26), "4,3");
        assert_eq!(format_decimal(Locale::En, 3.0), "3.0");
    }

    #[test]
    fn dates_are_written_the_latvian_and_the_english_way_in_riga_time() {
        // 2026-07-01 11:05 UTC is 14:05 summer time in Riga.
        let ms = 1_782_903_900_000;
        assert_eq!(format_datetime(Locale::Lv, ms), "01.07.2026. 14:05");
        assert_eq!(format_datetime(Locale::En, ms), "1 Jul 2026, 14:05");
    }

    #[test]
    fn numbers_group_thousands_by_language() {
        assert_eq!(format_number(Locale::Lv, 1_234_567), "1\u{a0}234\u{a0}567");
        assert_eq!(format_number(Locale::En, -12_345), "-12,345");
        assert_eq!(format_number(Locale::En, 999), "999");
    }
}
