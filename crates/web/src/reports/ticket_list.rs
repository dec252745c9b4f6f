//! The raw ticket list: the tickets created in a report filter's range
//! with the columns the reader ticks (kept in the URL, `col=…`), as a page
//! to choose them on and as CSV or XLSX downloads streamed from the
//! database with no row cap. It shows what the other reports count — the
//! desk's tickets to whoever reads its reports.

use super::filter_bar::FilterBar;
use crate::export::{Cell, Format, RowSender};
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::reports::{ReportFilterForm, TicketColumn};
use atbalsts_domain::{Channel, Locale, Priority};
use atbalsts_store::desks::Desk;
use atbalsts_store::reports::ticket_list::{ListValue, ListedTicket, TicketList};
use axum::extract::{Path, Query, RawQuery, State};
use axum::response::Response;
use futures::StreamExt;
use minijinja::context;
use serde::Deserialize;
use std::collections::HashMap;

/// The columns part of the query string: `col=key&col=summary…`.
#[derive(Deserialize, Default)]
struct ColumnsQuery {
    #[serde(default)]
    col: Vec<String>,
}

fn chosen(raw: Option<&str>) -> Vec<TicketColumn> {
    let q: ColumnsQuery = serde_html_form::from_str(raw.unwrap_or("")).unwrap_or_default();
    TicketColumn::chosen(&q.col)
}

/// A column's title in the reader's language.
fn title(state: &AppState, locale: Locale, c: TicketColumn) -> String {
    state.i18n.t(
        locale,
        &format!("ticket-column-{}", c.code().replace('_', "-")),
    )
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(form): Query<ReportFilterForm>,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let (desk, bar) = super::open(&state, &ctx, &prefix, &form).await?;
    render(&state, &ctx, &desk, &bar, &chosen(raw.as_deref()))
}

/// The page: the filter bar with the column choices, and the download
/// links of what is chosen (none while part of the filter is refused).
fn render(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    bar: &FilterBar,
    columns: &[TicketColumn],
) -> AppResult<Response> {
    let choices: Vec<_> = TicketColumn::ALL
        .iter()
        .map(|c| {
            context! {
                code => c.code(),
                name => title(state, ctx.locale, *c),
                checked => columns.contains(c),
            }
        })
        .collect();
    let query = format!("{}&{}", bar.filter.query(), TicketColumn::query(columns));
    state.templates.render_status(
        ctx,
        super::page_status(bar),
        "reports/tickets.html",
        context! {
            desk => desk,
            filter => bar.context,
            errors => bar.errors.0,
            choices => choices,
            query => query,
            csv_href => format!("/reports/{}/tickets.csv?{query}", desk.key_prefix),
            xlsx_href => format!("/reports/{}/tickets.xlsx?{query}", desk.key_prefix),
        },
    )
}

pub async fn csv(
    state: State<AppState>,
    ctx: Ctx,
    prefix: Path<String>,
    form: Query<ReportFilterForm>,
    raw: RawQuery,
) -> AppResult<Response> {
    download(state, ctx, prefix, form, raw, Format::Csv).await
}

pub async fn xlsx(
    state: State<AppState>,
    ctx: Ctx,
    prefix: Path<String>,
    form: Query<ReportFilterForm>,
    raw: RawQuery,
) -> AppResult<Response> {
    download(state, ctx, prefix, form, raw, Format::Xlsx).await
}

/// What a row needs to be read: names of the desk's codes and ids in the
/// reader's language, looked up once per download rather than per cell.
struct Names {
    key_prefix: String,
    ticket_types: HashMap<String, String>,
    request_types: HashMap<i64, String>,
    statuses: HashMap<String, String>,
    categories: HashMap<String, String>,
    channels: HashMap<String, String>,
    priorities: HashMap<String, String>,
    yes: String,
    no: String,
}

impl Names {
    async fn read(
        state: &AppState,
        desk_id: i64,
        key_prefix: &str,
        locale: Locale,
    ) -> AppResult<Self> {
        let db = &state.db;
        let t = |k: &str| state.i18n.t(locale, k);
        let ticket_types = atbalsts_store::workflows::ticket_types_of(db, desk_id)
            .await?
            .into_iter()
            .map(|tt| (tt.code.clone(), tt.labels.get(locale).to_owned()))
            .collect();
        let request_types = atbalsts_store::catalogue::request_types_of(db, desk_id)
            .await?
            .into_iter()
            .map(|rt| (rt.id, rt.labels.get(locale).to_owned()))
            .collect();
        let coded = |codes: &[&str], prefix: &str| -> HashMap<String, String> {
            codes
                .iter()
                .map(|c| ((*c).to_owned(), t(&format!("{prefix}{c}"))))
                .collect()
        };
        let channels: Vec<&str> = Channel::ALL.iter().map(|c| c.code()).collect();
        let priorities: Vec<&str> = Priority::ALL.iter().map(|p| p.code()).collect();
        Ok(Self {
            key_prefix: key_prefix.to_owned(),
            ticket_types,
            request_types,
            statuses: super::status_names(state, desk_id, locale).await?,
            categories: coded(
                &["new", "open", "waiting", "resolved", "closed"],
                "category-",
            ),
            channels: coded(&channels, "channel-"),
            priorities: coded(&priorities, "priority-"),
            yes: t("ticket-column-yes"),
            no: t("ticket-column-no"),
        })
    }

    /// The cells of a listed ticket, in the columns' order.
    fn cells(&self, columns: &[TicketColumn], ticket: ListedTicket) -> Vec<Cell> {
        let named = |map: &HashMap<String, String>, code: String| match map.get(&code) {
            Some(name) => Cell::Text(name.clone()),
            None => Cell::Text(code),
        };
        columns
            .iter()
            .zip(ticket.values)
            .map(|(c, v)| match (c, v) {
                (TicketColumn::Key, _) => {
                    Cell::Text(format!("{}-{}", self.key_prefix, ticket.number))
                }
                (_, ListValue::Null) => Cell::Empty,
                (TicketColumn::TicketType, ListValue::Text(code)) => {
                    named(&self.ticket_types, code)
                }
                (TicketColumn::Status, ListValue::Text(code)) => named(&self.statuses, code),
                (TicketColumn::StatusCategory, ListValue::Text(code)) => {
                    named(&self.categories, code)
                }
                (TicketColumn::Channel, ListValue::Text(code)) => named(&self.channels, code),
                (TicketColumn::Priority, ListValue::Text(code)) => named(&self.priorities, code),
                (TicketColumn::RequestType, ListValue::Int(id)) => self
                    .request_types
                    .get(&id)
                    .map_or(Cell::Empty, |n| Cell::Text(n.clone())),
                (TicketColumn::SlaBreached, ListValue::Int(n)) => {
                    Cell::Text(if n > 0 { &self.yes } else { &self.no }.clone())
                }
                (c, ListValue::Int(ms)) if c.is_instant() => Cell::Instant(ms),
                (_, ListValue::Int(n)) => Cell::Int(n),
                (_, ListValue::Text(s)) => Cell::Text(s),
            })
            .collect()
    }
}

/// A column's width in characters in the XLSX.
fn width(c: TicketColumn) -> usize {
    match c {
        TicketColumn::Key => 12,
        TicketColumn::Summary => 50,
        c if c.is_instant() => 16,
        TicketColumn::SlaBreached => 6,
        _ => 20,
    }
}

async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(form): Query<ReportFilterForm>,
    RawQuery(raw): RawQuery,
    format: Format,
) -> AppResult<Response> {
    let (desk, bar) = super::open(&state, &ctx, &prefix, &form).await?;
    let columns = chosen(raw.as_deref());
    if !bar.errors.is_empty() {
        // Not a file of defaults: the page, the problem next to its field.
        return render(&state, &ctx, &desk, &bar, &columns);
    }
    let filter = bar.filter;
    let names = Names::read(&state, desk.id, &desk.key_prefix, ctx.locale).await?;
    let titles = columns
        .iter()
        .map(|c| title(&state, ctx.locale, *c))
        .collect();
    let widths = columns.iter().map(|c| width(*c)).collect();
    let (rows, response) = crate::export::streamed(
        &format!("tickets-{}", desk.key_prefix),
        format,
        titles,
        widths,
    );
    let list = TicketList::new(desk.id, &filter, &columns);
    tokio::spawn(send_rows(state, list, columns, names, rows));
    Ok(response)
}

/// Reads the list from the database and hands each ticket's cells on, as
/// fast as the download takes them; stops when the download is dropped.
async fn send_rows(
    state: AppState,
    list: TicketList,
    columns: Vec<TicketColumn>,
    names: Names,
    rows: RowSender,
) {
    let mut stream = list.rows(&state.db);
    while let Some(ticket) = stream.next().await {
        let row = ticket
            .map(|t| names.cells(&columns, t))
            .map_err(|e| e.to_string());
        let failed = row.is_err();
        if rows.send(row).await.is_err() || failed {
            return;
        }
    }
}
