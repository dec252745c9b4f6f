//! Open data: the desk's monthly aggregate for the national open-data
//! portal, as CSV and JSON with a data dictionary. Staff who read the
//! desk's reports see the page and download the files; once a desk
//! administrator publishes it, anyone downloads them (no sign-in), as the
//! portal's harvester would. The files hold only counts and medians per
//! month, service, channel and institution kind, with figures about fewer
//! than five tickets suppressed and marked.

use crate::export::{Cell, Format, Table};
use crate::flash::{self, Flash};
use crate::forms::{HtmlForm, WithCsrf};
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::reports::open_data::{Figure, FIELDS, MIN_TICKETS};
use atbalsts_domain::{Locale, Role};
use atbalsts_store::desks::Desk;
use atbalsts_store::reports::open_data::{open_data, OpenDataRow};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use jiff::civil::Date;
use minijinja::context;
use serde::Deserialize;
use serde_json::json;

/// The page shows this many rows; the files hold them all.
const PREVIEW_ROWS: usize = 50;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct YearQuery {
    year: String,
}

/// The published months of a year: those that have ended. Empty is the
/// year of the last month that ended.
fn months(raw: &str, today: Date) -> Result<(i16, Date, Date), &'static str> {
    let last_ended = today.first_of_month().yesterday().unwrap_or(today);
    let year = match raw.trim() {
        "" => last_ended.year(),
        y => y.parse::<i16>().map_err(|_| "error-open-data-year")?,
    };
    if !(2000..=last_ended.year()).contains(&year) {
        return Err("error-open-data-year");
    }
    let first = jiff::civil::date(year, 1, 1);
    let last = if year == last_ended.year() {
        last_ended
    } else {
        jiff::civil::date(year, 12, 31)
    };
    Ok((year, first, last))
}

fn today() -> Date {
    jiff::Timestamp::now()
        .to_zoned(atbalsts_domain::reports::periods::riga())
        .date()
}

fn is_desk_admin(ctx: &Ctx, desk: &Desk) -> bool {
    ctx.viewer()
        .is_ok_and(|v| v.is_system_admin || v.has_role(desk.id, Role::DeskAdmin))
}

/// The desk of a download: anyone's once published, else its report
/// readers' only (404 to others, as for anything they may not see).
async fn download_desk(state: &AppState, ctx: &Ctx, prefix: &str) -> AppResult<Desk> {
    let desk = crate::desks::desk(state, prefix).await?;
    let reader = ctx.viewer().is_ok_and(|v| v.reads_reports_of(desk.id));
    if reader || atbalsts_store::desks::open_data_published(&state.db, desk.id).await? {
        Ok(desk)
    } else {
        Err(AppError::NotFound)
    }
}

fn figure_cell(f: Figure) -> Cell {
    f.value().map_or(Cell::Empty, Cell::Int)
}

fn month_text(d: Date) -> String {
    d.strftime("%Y-%m").to_string()
}

/// The rows with the dictionary's field names as the header.
fn table(rows: &[OpenDataRow]) -> Table {
    let mut table = Table::new(FIELDS.iter().map(|f| f.name.to_owned()).collect());
    for r in rows {
        table.push(vec![
            month_text(r.month).into(),
            r.service.as_str().into(),
            r.channel.as_str().into(),
            r.institution_kind.code().into(),
            figure_cell(r.created),
            figure_cell(r.resolved),
            figure_cell(r.median_first_response_minutes),
            figure_cell(r.median_resolution_minutes),
            r.suppressed().join(";").into(),
        ]);
    }
    table
}

fn dictionary(state: &AppState) -> Vec<serde_json::Value> {
    FIELDS
        .iter()
        .map(|f| {
            let key = format!("open-data-field-{}", f.name.replace('_', "-"));
            json!({
                "name": f.name,
                "type": f.kind,
                "unit": f.unit,
                "description": {
                    "lv": state.i18n.t(Locale::Lv, &key),
                    "en": state.i18n.t(Locale::En, &key),
                },
            })
        })
        .collect()
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let desk = super::report_desk(&state, &ctx, &prefix).await?;
    let locale = ctx.locale;
    let t = |k: &str| state.i18n.t(locale, k);
    let today = today();
    let (year, error, rows) = match months(&q.year, today) {
        Ok((year, from, to)) => (year, None, open_data(&state.db, desk.id, from, to).await?),
        Err(e) => (
            months("", today).map_or(today.year(), |m| m.0),
            Some(t(e)),
            Vec::new(),
        ),
    };
    let last_year = months("", today).map_or(today.year(), |m| m.0);
    let years: Vec<i16> = (last_year.saturating_sub(9)..=last_year).rev().collect();
    let show = |f: Figure| match f {
        Figure::Value(v) => atbalsts_i18n::format_number(locale, v),
        Figure::Suppressed => t("open-data-suppressed-mark"),
        Figure::None => String::new(),
    };
    let preview: Vec<_> = rows
        .iter()
        .take(PREVIEW_ROWS)
        .map(|r| {
            context! {
                month => month_text(r.month),
                service => if r.service.is_empty() { t("report-none") } else { r.service.clone() },
                channel => t(&format!("channel-{}", r.channel)),
                kind => t(&format!("institution-kind-{}", r.institution_kind.code().replace('_', "-"))),
                created => show(r.created),
                resolved => show(r.resolved),
                first_response => show(r.median_first_response_minutes),
                resolution => show(r.median_resolution_minutes),
            }
        })
        .collect();
    let fields: Vec<_> = FIELDS
        .iter()
        .map(|f| {
            context! {
                name => f.name,
                meaning => t(&format!("open-data-field-{}", f.name.replace('_', "-"))),
                kind => t(&format!("open-data-type-{}", f.kind)),
                unit => if f.unit.is_empty() { String::new() } else { t(&format!("open-data-unit-{}", f.unit)) },
            }
        })
        .collect();
    let published = atbalsts_store::desks::open_data_published(&state.db, desk.id).await?;
    let status = if error.is_some() {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        axum::http::StatusCode::OK
    };
    let query = format!("year={year}");
    state.templates.render_status(
        &ctx,
        status,
        "reports/open-data.html",
        context! {
            desk => desk,
            year => year,
            years => years,
            year_error => error,
            rows => preview,
            total => rows.len(),
            shown => rows.len().min(PREVIEW_ROWS),
            fields => fields,
            minimum => MIN_TICKETS,
            published => published,
            may_publish => is_desk_admin(&ctx, &desk),
            csv_href => format!("/reports/{}/open-data.csv?{query}", desk.key_prefix),
            json_href => format!("/reports/{}/open-data.json?{query}", desk.key_prefix),
        },
    )
}

/// The rows of a download's year; a bad year is a 400 with its message.
async fn rows_of(
    state: &AppState,
    desk: &Desk,
    q: &YearQuery,
) -> AppResult<(i16, Vec<OpenDataRow>)> {
    let (year, from, to) = months(&q.year, today()).map_err(AppError::BadRequest)?;
    Ok((year, open_data(&state.db, desk.id, from, to).await?))
}

pub async fn csv(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let desk = download_desk(&state, &ctx, &prefix).await?;
    let (year, rows) = rows_of(&state, &desk, &q).await?;
    crate::export::download(
        &format!("open-data-{}-{year}", desk.key_prefix),
        Format::Csv,
        &table(&rows),
    )
}

pub async fn json(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let desk = download_desk(&state, &ctx, &prefix).await?;
    let (year, rows) = rows_of(&state, &desk, &q).await?;
    let rows: Vec<_> = rows
        .iter()
        .map(|r| {
            json!({
                "month": month_text(r.month),
                "service": r.service,
                "channel": r.channel,
                "institution_kind": r.institution_kind.code(),
                "tickets_created": r.created.value(),
                "tickets_resolved": r.resolved.value(),
                "median_first_response_minutes": r.median_first_response_minutes.value(),
                "median_resolution_minutes": r.median_resolution_minutes.value(),
                "suppressed": r.suppressed(),
            })
        })
        .collect();
    let body = json!({
        "desk": desk.key_prefix,
        "year": year,
        "minimum_group": MIN_TICKETS,
        "dictionary": dictionary(&state),
        "rows": rows,
    });
    Ok(crate::export::json_download(
        &format!("open-data-{}-{year}", desk.key_prefix),
        axum::Json(body),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PublishForm {
    /// `1` publishes, anything else withdraws.
    published: String,
}

pub async fn publish(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    HtmlForm(posted): HtmlForm<WithCsrf<PublishForm>>,
) -> AppResult<Response> {
    let desk = super::report_desk(&state, &ctx, &prefix).await?;
    if !is_desk_admin(&ctx, &desk) {
        return Err(AppError::NotFound);
    }
    ctx.check_csrf(&posted.csrf)?;
    let published = posted.form.published == "1";
    atbalsts_store::desks::set_open_data_published(&state.db, desk.id, published).await?;
    tracing::info!(desk = %desk.key_prefix, published, "open data publication changed");
    Ok(flash::redirect(
        &format!("/reports/{}/open-data", desk.key_prefix),
        if published {
            Flash::OpenDataPublished
        } else {
            Flash::OpenDataWithdrawn
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::months;
    use jiff::civil::date;

    #[test]
    fn only_months_that_ended_are_published() {
        let today = date(2026, 12, 5);
        assert_eq!(
            months("", today),
            Ok((2026, date(2026, 1, 1), date(2026, 11, 30)))
        );
        assert_eq!(
            months("2025", today),
            Ok((2025, date(2025, 1, 1), date(2025, 12, 31)))
        );
        assert_eq!(months("2027", today), Err("error-open-data-year"));
        assert_eq!(months("divi", today), Err("error-open-data-year"));
        // In January the last month that ended is last December.
        assert_eq!(months("", date(2027, 1, 10)).unwrap().0, 2026);
    }
}
