//! Desk reports for team leads, service owners and administrators, each a
//! page and a CSV download.

pub mod priority_overrides;

use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_store::desks::Desk;
use axum::routing::get;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/reports/{desk}/priority-overrides",
            get(priority_overrides::page),
        )
        .route(
            "/reports/{desk}/priority-overrides.csv",
            get(priority_overrides::csv),
        )
}

/// The desk, if the person reads its reports; otherwise 404, as for
/// anything they may not see.
pub(crate) async fn report_desk(state: &AppState, ctx: &Ctx, prefix: &str) -> AppResult<Desk> {
    let viewer = ctx.viewer()?;
    let desk = crate::desks::desk(state, prefix).await?;
    if viewer.reads_reports_of(desk.id) {
        Ok(desk)
    } else {
        Err(AppError::NotFound)
    }
}

fn riga() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get("Europe/Riga").unwrap_or(jiff::tz::TimeZone::UTC)
}

/// Midnight in Riga of a typed date (`23.11.2026` or `2026-11-23`), in ms;
/// with `next`, of the day after (so "to" includes the day itself). Empty
/// is no bound.
pub(crate) fn riga_day(raw: &str, next: bool) -> Result<Option<i64>, &'static str> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let iso = atbalsts_domain::form::parse_date(raw)?;
    let date: jiff::civil::Date = iso.parse().map_err(|_| "error-date-format")?;
    let date = if next {
        date.tomorrow().map_err(|_| "error-date-format")?
    } else {
        date
    };
    let start = date.to_zoned(riga()).map_err(|_| "error-date-format")?;
    Ok(Some(start.timestamp().as_millisecond()))
}

/// A moment as `2026-11-23 14:05` in Riga, for spreadsheets.
pub(crate) fn riga_minute(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_zoned(riga()).strftime("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{riga_day, riga_minute};

    #[test]
    fn report_dates_are_days_in_riga() {
        // 23.11.2026 starts at 22:00 UTC the day before (UTC+2 in winter).
        let from = riga_day("23.11.2026", false).unwrap().unwrap();
        assert_eq!(riga_minute(from), "2026-11-23 00:00");
        let to = riga_day("2026-11-23", true).unwrap().unwrap();
        assert_eq!(to - from, 24 * 3600 * 1000);
        assert_eq!(riga_day(" ", false), Ok(None));
        assert_eq!(riga_day("32.13.2026", false), Err("error-date-format"));
    }
}
