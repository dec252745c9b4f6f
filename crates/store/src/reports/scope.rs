//! What every report narrows its tickets to: the desk, the filter's ticket
//! facts, and the column a split reads.

use crate::Sql;
use atbalsts_domain::reports::{Dimension, ReportFilter};
use atbalsts_domain::Labels;
use serde::Serialize;

/// The joins a report's ticket query (tickets aliased `t`) may need for its
/// filter and split.
pub(crate) const JOINS: &str = " JOIN ticket_types tt ON tt.id = t.ticket_type_id \
    LEFT JOIN request_types rt ON rt.id = t.request_type_id \
    LEFT JOIN teams tm ON tm.id = t.team_id \
    LEFT JOIN institutions i ON i.id = t.institution_id \
    LEFT JOIN sub_units su ON su.id = t.sub_unit_id ";

/// The value a split groups by, as a report names it: a code the pages
/// translate (channel, priority), labels in both languages (ticket and
/// request types), or a name (team, service, institution, sub-unit).
/// Empty `key` is "none" (no team, no institution ...).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct SplitKey {
    pub key: String,
    pub labels: Option<Labels>,
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
