//! Desk reports for team leads, service owners and administrators, each a
//! page with CSV and XLSX downloads; and the raw ticket list, streamed.

pub(crate) mod backlog;
mod filter_bar;
mod open_data;
pub mod priority_overrides;
pub(crate) mod quality;
pub(crate) mod satisfaction;
pub(crate) mod service_cases;
pub(crate) mod sla;
pub(crate) mod speed;
pub(crate) mod ticket_list;
pub(crate) mod volume;

use crate::export::Format;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::reports::{ReportFilter, ReportFilterForm};
use atbalsts_domain::Locale;
use atbalsts_store::desks::Desk;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use std::collections::HashMap;

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
        .route(
            "/reports/{desk}/priority-overrides.xlsx",
            get(priority_overrides::xlsx),
        )
        .route("/reports/{desk}/open-data", get(open_data::page))
        .route("/reports/{desk}/open-data.csv", get(open_data::csv))
        .route("/reports/{desk}/open-data.json", get(open_data::json))
        .route(
            "/reports/{desk}/open-data/publish",
            axum::routing::post(open_data::publish),
        )
        .route("/reports/{desk}/volume", get(volume::page))
        .merge(downloads::<volume::File>())
        .route("/reports/{desk}/speed", get(speed::page))
        .merge(downloads::<speed::File>())
        .route("/reports/{desk}/tickets", get(ticket_list::page))
        .route("/reports/{desk}/tickets.csv", get(ticket_list::csv))
        .route("/reports/{desk}/tickets.xlsx", get(ticket_list::xlsx))
        .route("/reports/{desk}/satisfaction", get(satisfaction::page))
        .merge(downloads::<satisfaction::File>())
        .route("/reports/{desk}/backlog", get(backlog::page))
        .merge(downloads::<backlog::File>())
        .route("/reports/{desk}/quality", get(quality::page))
        .merge(downloads::<quality::File>())
        .route("/reports/{desk}/sla", get(sla::page))
        .merge(downloads::<sla::File>())
        .route("/reports/{desk}/service-cases", get(service_cases::page))
        .merge(downloads::<service_cases::File>())
}

/// A report that downloads as one table, CSV and XLSX alike.
pub(crate) trait Tabular {
    /// The report's address and file name (`volume` → `…/volume.csv`,
    /// `volume-KISC-2026-12-05.csv`).
    const STEM: &'static str;

    /// The report's table for the desk and filter, in the reader's language.
    fn table(
        state: &AppState,
        locale: Locale,
        desk_id: i64,
        filter: &ReportFilter,
    ) -> impl std::future::Future<Output = AppResult<crate::export::Table>> + Send;
}

/// The `.csv` and `.xlsx` routes of a report.
fn downloads<R: Tabular + 'static>() -> Router<AppState> {
    Router::new()
        .route(
            &format!("/reports/{{desk}}/{}.csv", R::STEM),
            get(download::<R, { Format::CSV }>),
        )
        .route(
            &format!("/reports/{{desk}}/{}.xlsx", R::STEM),
            get(download::<R, { Format::XLSX }>),
        )
}

/// A report's file: the filter checked (its problems refused with their
/// field errors, not a file of defaults), then the table written.
async fn download<R: Tabular, const FORMAT: u8>(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(form): Query<ReportFilterForm>,
) -> AppResult<Response> {
    let (desk, filter) = open_checked(&state, &ctx, &prefix, &form).await?;
    let table = R::table(&state, ctx.locale, desk.id, &filter).await?;
    crate::export::download(
        &format!("{}-{}", R::STEM, desk.key_prefix),
        Format::from_code(FORMAT),
        &table,
    )
}

/// A period's name in a report: a day as the reader writes dates, a week
/// by its first day, a month as `12.2026` / `Dec 2026`.
pub(crate) fn period_label(
    state: &AppState,
    locale: atbalsts_domain::Locale,
    period: atbalsts_domain::reports::Period,
    bucket: &atbalsts_domain::reports::Bucket,
) -> String {
    use atbalsts_domain::reports::Period;
    let day = crate::dates::date_text(locale, bucket.start_ms);
    match period {
        Period::Day => day,
        Period::Week => state
            .i18n
            .t_args(locale, "report-week-of", &[("date", day.into())]),
        Period::Month => match locale {
            atbalsts_domain::Locale::Lv => bucket.first_day.strftime("%m.%Y").to_string(),
            atbalsts_domain::Locale::En => bucket.first_day.strftime("%b %Y").to_string(),
        },
    }
}

/// A split value in words: channels and priorities through the catalogue,
/// ticket and request types by their labels, names as they are, and
/// "none" for tickets without one.
pub(crate) fn split_name(
    state: &AppState,
    locale: atbalsts_domain::Locale,
    split: Option<atbalsts_domain::reports::Dimension>,
    key: &atbalsts_store::reports::SplitKey,
) -> String {
    use atbalsts_domain::reports::Dimension;
    match split {
        None => state.i18n.t(locale, "report-all-tickets"),
        Some(_) if key.key.is_empty() => state.i18n.t(locale, "report-none"),
        Some(Dimension::Channel) => state.i18n.t(locale, &format!("channel-{}", key.key)),
        Some(Dimension::Priority) => state.i18n.t(locale, &format!("priority-{}", key.key)),
        Some(_) => match &key.labels {
            Some(labels) => labels.get(locale).to_owned(),
            None => key.key.clone(),
        },
    }
}

/// The desk of a report request and its filter bar.
pub(crate) async fn open(
    state: &AppState,
    ctx: &Ctx,
    prefix: &str,
    form: &atbalsts_domain::reports::ReportFilterForm,
) -> AppResult<(Desk, filter_bar::FilterBar)> {
    let desk = report_desk(state, ctx, prefix).await?;
    let bar = filter_bar::FilterBar::read(state, ctx, desk.id, form).await?;
    Ok((desk, bar))
}

/// As [`open`], for a download: a filter problem is refused with its
/// field errors instead of a file of defaults.
pub(crate) async fn open_checked(
    state: &AppState,
    ctx: &Ctx,
    prefix: &str,
    form: &atbalsts_domain::reports::ReportFilterForm,
) -> AppResult<(Desk, atbalsts_domain::reports::ReportFilter)> {
    let (desk, bar) = open(state, ctx, prefix, form).await?;
    if !bar.errors.is_empty() {
        return Err(AppError::Invalid(bar.errors));
    }
    Ok((desk, bar.filter))
}

/// A report page's status: 422 when part of its filter was refused.
pub(crate) fn page_status(bar: &filter_bar::FilterBar) -> axum::http::StatusCode {
    if bar.errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// Status names of the desk's workflows in `locale`, by code.
pub(crate) async fn status_names(
    state: &AppState,
    desk_id: i64,
    locale: Locale,
) -> AppResult<HashMap<String, String>> {
    let mut names = HashMap::new();
    let mut workflows: Vec<i64> = atbalsts_store::workflows::ticket_types_of(&state.db, desk_id)
        .await?
        .into_iter()
        .map(|t| t.workflow_id)
        .collect();
    // Ticket types share workflows: each is read once.
    workflows.sort_unstable();
    workflows.dedup();
    for id in workflows {
        let (_, statuses) = atbalsts_store::workflows::workflow(&state.db, id).await?;
        for s in statuses {
            names
                .entry(s.code.clone())
                .or_insert_with(|| s.labels.get(locale).to_owned());
        }
    }
    Ok(names)
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

#[cfg(test)]
mod tests {
    use super::{riga, riga_day};

    fn riga_minute(ms: i64) -> String {
        let t = jiff::Timestamp::from_millisecond(ms).unwrap();
        t.to_zoned(riga()).strftime("%Y-%m-%d %H:%M").to_string()
    }

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
