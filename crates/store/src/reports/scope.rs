//! What every report narrows its tickets to: the desk, the filter's ticket
//! facts, and the column a split reads.

use crate::Sql;
use atbalsts_domain::reports::{Dimension, ReportFilter};
use atbalsts_domain::Labels;
use serde::Serialize;

/// The joins a report's ticket query (tickets aliased `t`) needs for its
/// filter and split, and no more: a report without them reads the tickets
/// alone (half the work on a large desk).
pub(crate) fn joins(f: &ReportFilter) -> String {
    joins_with(f, &[])
}

/// As [`joins`], with the tables of `always` (by alias: `tt` ticket types,
/// `rt` request types, `tm` teams, `i` institutions, `su` sub-units)
/// joined whatever the filter, for a query that reads them itself.
pub(crate) fn joins_with(f: &ReportFilter, always: &[&str]) -> String {
    joins_for(Some(f), always)
}

/// The tables of `always` alone, for a query without a filter.
pub(crate) fn tables(always: &[&str]) -> String {
    joins_for(None, always)
}

fn joins_for(f: Option<&ReportFilter>, always: &[&str]) -> String {
    let split = |d: Dimension| f.is_some_and(|f| f.split == Some(d));
    let want = |alias: &str| always.contains(&alias);
    let ticket_type = f.is_some_and(|f| f.ticket_type.is_some());
    let service = f.is_some_and(|f| f.service.is_some());
    let mut sql = String::from(" ");
    if want("tt") || ticket_type || split(Dimension::TicketType) {
        sql.push_str("JOIN ticket_types tt ON tt.id = t.ticket_type_id ");
    }
    if want("rt") || service || split(Dimension::Service) || split(Dimension::RequestType) {
        sql.push_str("LEFT JOIN request_types rt ON rt.id = t.request_type_id ");
    }
    if want("tm") || split(Dimension::Team) {
        sql.push_str("LEFT JOIN teams tm ON tm.id = t.team_id ");
    }
    if want("i") || split(Dimension::Institution) {
        sql.push_str("LEFT JOIN institutions i ON i.id = t.institution_id ");
    }
    if want("su") || split(Dimension::SubUnit) {
        sql.push_str("LEFT JOIN sub_units su ON su.id = t.sub_unit_id ");
    }
    sql
}

/// The value a split groups by, as a report names it: a code the pages
/// translate (channel, priority), labels in both languages (ticket and
/// request types), or a name (team, service, institution, sub-unit).
/// Empty `key` is "none" (no team, no institution ...).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct SplitKey {
    pub key: String,
    pub labels: Option<Labels>,
}

impl SplitKey {
    /// The key of "no split" (all tickets) or of "none given".
    pub fn none() -> Self {
        Self {
            key: String::new(),
            labels: None,
        }
    }
}

/// The SQL expression of a split's value (and, for labelled ones, the
/// labels' JSON as a second column).
pub(super) fn split_columns(split: Option<Dimension>) -> &'static str {
    match split {
        None => "'' AS split_key, NULL AS split_labels",
        Some(Dimension::Team) => "COALESCE(tm.name, '') AS split_key, NULL AS split_labels",
        Some(Dimension::Service) => "COALESCE(rt.service, '') AS split_key, NULL AS split_labels",
        Some(Dimension::Institution) => "COALESCE(i.name, '') AS split_key, NULL AS split_labels",
        Some(Dimension::SubUnit) => "COALESCE(su.name, '') AS split_key, NULL AS split_labels",
        Some(Dimension::TicketType) => "tt.code AS split_key, tt.labels AS split_labels",
        Some(Dimension::RequestType) => {
            "COALESCE(rt.code, '') AS split_key, rt.labels AS split_labels"
        }
        Some(Dimension::Channel) => "t.channel AS split_key, NULL AS split_labels",
        Some(Dimension::Priority) => "t.priority AS split_key, NULL AS split_labels",
    }
}

pub(super) fn split_key(r: &sqlx::any::AnyRow) -> crate::Result<SplitKey> {
    use sqlx::Row;
    let labels: Option<String> = r.try_get("split_labels")?;
    Ok(SplitKey {
        key: r.try_get("split_key")?,
        labels: labels.map(|l| Labels::from_json(&l)),
    })
}

/// ` AND …` for the filter's ticket facts.
pub(crate) fn push_filter(sql: &mut Sql, f: &ReportFilter) {
    if let Some(id) = f.team_id {
        sql.push(" AND t.team_id = ").bind(id);
    }
    if let Some(s) = &f.service {
        sql.push(" AND rt.service = ").bind(s.as_str());
    }
    if let Some(id) = f.institution_id {
        sql.push(" AND t.institution_id = ").bind(id);
    }
    if let Some(id) = f.sub_unit_id {
        sql.push(" AND t.sub_unit_id = ").bind(id);
    }
    if let Some(code) = &f.ticket_type {
        sql.push(" AND tt.code = ").bind(code.as_str());
    }
    if let Some(id) = f.request_type_id {
        sql.push(" AND t.request_type_id = ").bind(id);
    }
    if let Some(c) = f.channel {
        sql.push(" AND t.channel = ").bind(c.code());
    }
    if let Some(p) = f.priority {
        sql.push(" AND t.priority = ").bind(p.code());
    }
}

/// The SQL expression of the Riga day (days since 1 January 1970) of the
/// instant (ms) in `column`, exact within `[start, end)`: the instant plus
/// Riga's offset of that moment, in whole days. So a report groups by day
/// in the database and reads a row per day and split value, not a row per
/// ticket. The bounds are computed numbers, written into the text.
pub(super) fn riga_day(column: &str, start: i64, end: i64) -> String {
    let offsets = atbalsts_domain::reports::periods::riga_offsets(start, end);
    let last = offsets.last().map_or(7_200_000, |o| o.1);
    if offsets.len() < 2 {
        return format!("(({column} + {last}) / 86400000)");
    }
    let mut sql = String::from("(CASE");
    for pair in offsets.windows(2) {
        sql.push_str(&format!(
            " WHEN {column} < {} THEN ({column} + {}) / 86400000",
            pair[1].0, pair[0].1
        ));
    }
    sql.push_str(&format!(" ELSE ({column} + {last}) / 86400000 END)"));
    sql
}
