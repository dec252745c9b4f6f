//! Speed: how long tickets took, as distributions (count, median, p90,
//! max) per split value — time to first response and to resolution of the
//! tickets created in the range, in calendar time and, where an SLA clock
//! measured it, in business time; and the time spent in every workflow
//! status, from the status periods that ended in the range.

use super::scope::{push_filter, split_columns, split_key, SplitKey, JOINS};
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

#[derive(Default)]
struct Samples {
    first: Vec<i64>,
    first_business: Vec<i64>,
    resolution: Vec<i64>,
    resolution_business: Vec<i64>,
}

pub async fn speed(db: &Db, desk_id: i64, filter: &ReportFilter) -> Result<Speed> {
    let periods = Periods::new(filter.period, filter.from, filter.to);
    let (start, end) = periods.span();
    let columns = split_columns(filter.split);

    // The goals of the tickets created in the range whose clocks stopped:
    // calendar time from creation to the stop, business time as measured.
    let mut sql = Sql::new(&format!(
        "SELECT s.goal, s.used_secs, s.stopped_at - t.created_at AS calendar_ms, {columns} \
         FROM tickets t {JOINS} JOIN ticket_sla s ON s.ticket_id = t.id \
         WHERE t.desk_id = "
    ));
    sql.bind(desk_id)
        .push(" AND t.created_at >= ")
        .bind(start)
        .push(" AND t.created_at < ")
        .bind(end)
        .push(" AND s.stopped_at IS NOT NULL");
    push_filter(&mut sql, filter);
    let mut samples: BTreeMap<SplitKey, Samples> = BTreeMap::new();
    for r in sql.planned_each_time().fetch_all(db.read()).await? {
        let s = samples.entry(split_key(&r)?).or_default();
        let business: i64 = r.try_get(1)?;
        let calendar = r.try_get::<i64, _>(2)? / 1000;
        match r.try_get::<String, _>(0)?.as_str() {
            "first_response" => {
                s.first.push(calendar);
                s.first_business.push(business);
            }
            _ => {
                s.resolution.push(calendar);
                s.resolution_business.push(business);
            }
        }
    }

    // Tickets created in the range and resolved without an SLA clock still
    // count for resolution in calendar time: from the status history.
    let mut sql = Sql::new(&format!(
        "SELECT MIN(h.entered_at) - t.created_at AS calendar_ms, {columns} \
         FROM tickets t {JOINS} JOIN ticket_status_history h ON h.ticket_id = t.id \
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
    sql.push(" GROUP BY t.id, t.created_at, split_key, split_labels");
    for r in sql.planned_each_time().fetch_all(db.read()).await? {
        samples
            .entry(split_key(&r)?)
            .or_default()
            .resolution
            .push(r.try_get::<i64, _>(0)? / 1000);
    }
    let rows = samples
        .into_iter()
        .map(|(split, s)| SpeedRow {
            split,
            first_response: Distribution::of(s.first),
            first_response_business: Distribution::of(s.first_business),
            resolution: Distribution::of(s.resolution),
            resolution_business: Distribution::of(s.resolution_business),
        })
        .collect();

    // Status periods that ended in the range.
    let mut sql = Sql::new(&format!(
        "SELECT h.status, h.status_category, h.left_at - h.entered_at AS ms, {columns} \
         FROM ticket_status_history h JOIN tickets t ON t.id = h.ticket_id {JOINS} \
         WHERE h.left_at >= "
    ));
    sql.bind(start)
        .push(" AND h.left_at < ")
        .bind(end)
        .push(" AND t.desk_id = ")
        .bind(desk_id);
    push_filter(&mut sql, filter);
    let mut by_status: BTreeMap<(u8, String, String, SplitKey), Vec<i64>> = BTreeMap::new();
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
            .push(r.try_get::<i64, _>(2)? / 1000);
    }
    let statuses = by_status
        .into_iter()
        .map(|((_, status, category, split), secs)| StatusTime {
            status,
            category,
            split,
            time: Distribution::of(secs),
        })
        .collect();
    Ok(Speed { rows, statuses })
}
