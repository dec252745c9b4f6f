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

/// The Latvian day that `ms` falls in, as `[midnight, next midnight)` in ms.
pub(crate) fn riga_day_of(ms: i64) -> (i64, i64) {
    let tz = jiff::tz::TimeZone::get("Europe/Riga").unwrap_or(jiff::tz::TimeZone::UTC);
    let bounds = jiff::Timestamp::from_millisecond(ms).ok().and_then(|t| {
        let date = t.to_zoned(tz.clone()).date();
        let start = date.to_zoned(tz.clone()).ok()?;
        let end = date.tomorrow().ok()?.to_zoned(tz.clone()).ok()?;
        Some((
            start.timestamp().as_millisecond(),
            end.timestamp().as_millisecond(),
        ))
    });
    bounds.unwrap_or((
        ms - ms.rem_euclid(86_400_000),
        ms - ms.rem_euclid(86_400_000) + 86_400_000,
    ))
}

/// The Latvian day a typed date names (`2026-12-05` or `05.12.2026`), as
/// `[midnight, next midnight)` in ms.
pub(crate) fn riga_day_named(raw: &str) -> Result<(i64, i64), &'static str> {
    let iso = atbalsts_domain::form::parse_date(raw)?;
    let date: jiff::civil::Date = iso.parse().map_err(|_| "error-date-format")?;
    let tz = jiff::tz::TimeZone::get("Europe/Riga").unwrap_or(jiff::tz::TimeZone::UTC);
    let start = date.to_zoned(tz.clone()).map_err(|_| "error-date-format")?;
    Ok(riga_day_of(start.timestamp().as_millisecond()))
}

/// The time of day in Latvia, as `14:05`.
pub(crate) fn riga_time(ms: i64) -> String {
    let tz = jiff::tz::TimeZone::get("Europe/Riga").unwrap_or(jiff::tz::TimeZone::UTC);
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_zoned(tz).strftime("%H:%M").to_string())
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

    #[test]
    fn a_latvian_day_runs_from_local_midnight_to_the_next() {
        // 2026-03-01 00:00 UTC is 02:00 in Riga (winter time, UTC+2).
        let ms = 1_772_323_200_000;
        let (start, end) = super::riga_day_of(ms);
        assert_eq!(start, ms - 2 * 3_600_000);
        assert_eq!(end - start, 86_400_000);
        assert_eq!(super::riga_time(ms), "02:00");
    }
}
