//! Dates as pages show and take them, used by several features.

use atbalsts_domain::Locale;

/// A day as the reader writes dates (`01.03.2026.`, `1 Mar 2026`).
pub(crate) fn date_text(locale: Locale, ms: i64) -> String {
    let full = atbalsts_i18n::format_datetime(locale, ms);
    full.rsplit_once(' ')
        .map(|(day, _)| day.trim_end_matches(',').to_owned())
        .unwrap_or(full)
}

/// Today in Latvia, as `2026-03-01`.
pub(crate) fn riga_date(ms: i64) -> String {
    let tz = jiff::tz::TimeZone::get("Europe/Riga").unwrap_or(jiff::tz::TimeZone::UTC);
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_zoned(tz).date().to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::riga_date;
    use atbalsts_domain::Locale;

    #[test]
    fn review_dates_are_shown_without_a_time() {
        let ms = 1_772_323_200_000;
        assert_eq!(super::date_text(Locale::Lv, ms), "01.03.2026.");
        assert_eq!(super::date_text(Locale::En, ms), "1 Mar 2026");
    }

    #[test]
    fn dates_are_latvian_calendar_days() {
        // 2026-02-28 23:30 UTC is already 1 March in Riga.
        assert_eq!(riga_date(1_772_321_400_000), "2026-03-01");
    }
}
