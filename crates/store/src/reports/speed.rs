//! Speed: how long tickets took, as distributions (count, median, p90,
//! max) per split value — time to first response and to resolution of the
//! tickets created in the range, in calendar time and, where an SLA clock
//! measured it, in business time; and the time spent in every workflow
//! status, from the status periods that ended in the range. The database
//! counts durations per whole minute and split value, so a year of a large
//! desk comes back as a few thousand rows; the figures are to the minute.

use super::scope::{joins, push_filter, split_columns, split_key, SplitKey};
use crate::{Db, Result, Sql};
use atbalsts_domain::reports::{Distribution, Periods, ReportFilter};
use serde::Serialize;
use sqlx::Row;
use std::collections::BTreeMap;

/// One split value's distributions, seconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpeedRow {
    pub split: SplitKey,
    pub first_response: Distribution,
    pub first_response_business: Distribution,
    pub resolution: Distribution,
    pub resolution_business: Distribution,
}

/// Time spent in one status, per split value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusTime {
    pub status: String,
    pub category: String,
    pub split: SplitKey,
    pub time: Distribution,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Speed {
    pub rows: Vec<SpeedRow>,
    /// By status (in the order a ticket meets them), then split value.
    pub statuses: Vec<StatusTime>,
}

/// Durations counted by the database, to the minute: (seconds, count).
type Counts = Vec<(i64, i64)>;

#[derive(Default)]
struct Samples {
    first: Counts,
    first_business: Counts,
    resolution: Counts,
    resolution_business: Counts,
}

/// A row's counted duration: minutes in column `v` as seconds, and `n`.
fn counted(r: &sqlx::any::AnyRow) -> Result<(i64, i64)> {
    Ok((r.try_get::<i64, _>("v")? * 60, r.try_get("n")?))
}

pub async fn speed(db: &Db, desk_id: i64, filter: &ReportFilter) -> Result<Speed> {
    let periods = Periods::new(filter.period, filter.from, filter.to);
    let (start, end) = periods.span();
    let columns = split_columns(filter.split);
    let joins = joins(filter);
    let mut samples: BTreeMap<SplitKey, Samples> = BTreeMap::new();

    // The goals of the tickets created in the range whose clocks stopped:
    // business time as measured, and calendar time from creation to the
    // stop — each counted per minute by the database.
    for (value, business) in [
        ("s.used_secs / 60", true),
        ("(s.stopped_at - t.created_at) / 60000", false),
    ] {
        let mut sql = Sql::new(&format!(
            "SELECT s.goal, {value} AS v, {columns}, COUNT(*) AS n \
             FROM tickets t {joins} JOIN ticket_sla s ON s.ticket_id = t.id \
             WHERE t.desk_id = "
        ));
        sql.bind(desk_id)
            .push(" AND t.created_at >= ")
            .bind(start)
            .push(" AND t.created_at < ")
            .bind(end)
            .push(" AND s.stopped_at IS NOT NULL");
        push_filter(&mut sql, filter);
        sql.push(" GROUP BY s.goal, v, split_key, split_labels");
        for r in sql.planned_each_time().fetch_all(db.read()).await? {
            let s = samples.entry(split_key(&r)?).or_default();
            let list = match (r.try_get::<String, _>(0)?.as_str(), business) {
                ("first_response", true) => &mut s.first_business,
                ("first_response", false) => &mut s.first,
                (_, true) => &mut s.resolution_business,
                (_, false) => &mut s.resolution,
            };
            list.push(counted(&r)?);
        }
    }

    // Tickets created in the range and resolved without an SLA clock still
    // count for resolution in calendar time: from the status history.
    let mut sql = Sql::new(&format!(
        "SELECT x.v, x.split_key, x.split_labels, COUNT(*) AS n FROM (\
         SELECT (MIN(h.entered_at) - t.created_at) / 60000 AS v, {columns} \
         FROM tickets t {joins} JOIN ticket_status_history h ON h.ticket_id = t.id \
         WHERE t.desk_id = "
    ));
    sql.bind(desk_id)
        .push(" AND t.created_at >= ")
        .bind(start)
        .push(" AND t.created_at < ")
        .bind(end)
        .push(
            " AND h.status_category IN ('resolved', 'closed') \
             AND NOT EXISTS (SELECT 1 FROM ticket_sla s WHERE s.ticket_id = t.id AND s.goal = 'resolution')",
        );
    push_filter(&mut sql, filter);
    sql.push(
        " GROUP BY t.id, t.created_at, split_key, split_labels) x \
         GROUP BY x.v, x.split_key, x.split_labels",
    );
    for r in sql.planned_each_time().fetch_all(db.read()).await? {
        samples
            .entry(split_key(&r)?)
            .or_default()
            .resolution
            .push(counted(&r)?);
    }
    let rows = samples
        .into_iter()
        .map(|(split, s)| SpeedRow {
            split,
            first_response: Distribution::of_counts(s.first),
            first_response_business: Distribution::of_counts(s.first_business),
            resolution: Distribution::of_counts(s.resolution),
            resolution_business: Distribution::of_counts(s.resolution_business),
        })
        .collect();

    // Status periods that ended in the range, counted per minute.
    let mut sql = Sql::new(&format!(
        "SELECT h.status, h.status_category, (h.left_at - h.entered_at) / 60000 AS v, {columns}, \
         COUNT(*) AS n FROM ticket_status_history h JOIN tickets t ON t.id = h.ticket_id {joins} \
         WHERE h.left_at >= "
    ));
    sql.bind(start)
        .push(" AND h.left_at < ")
        .bind(end)
        .push(" AND t.desk_id = ")
        .bind(desk_id);
    push_filter(&mut sql, filter);
    sql.push(" GROUP BY h.status, h.status_category, v, split_key, split_labels");
    let mut by_status: BTreeMap<(u8, String, String, SplitKey), Counts> = BTreeMap::new();
    for r in sql.planned_each_time().fetch_all(db.read()).await? {
        let status: String = r.try_get(0)?;
        let category: String = r.try_get(1)?;
        let rank = ["new", "open", "waiting", "resolved", "closed"]
            .iter()
            .position(|c| *c == category)
            .unwrap_or(5) as u8;
        by_status
            .entry((rank, status, category, split_key(&r)?))
            .or_default()
            .push(counted(&r)?);
    }
    let statuses = by_status
        .into_iter()
        .map(|((_, status, category, split), counts)| StatusTime {
            status,
            category,
            split,
            time: Distribution::of_counts(counts),
        })
        .collect();
    Ok(Speed { rows, statuses })
}
