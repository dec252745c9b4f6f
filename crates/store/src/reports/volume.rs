//! Volume: tickets created, resolved and closed per Riga period, split by
//! one dimension. Created reads `tickets (desk_id, created_at)`; resolved
//! and closed read the status history along `(status_category,
//! entered_at)` (migration 0036), so a ticket resolved twice (reopened in
//! between) counts twice, as the work was done twice. The database counts
//! per Riga day and split value; the days are summed into periods here.

use super::scope::{joins, push_filter, riga_day, split_columns, split_key, SplitKey};
use crate::{Db, Result, Sql};
use atbalsts_domain::reports::{Periods, ReportFilter};
use serde::Serialize;
use sqlx::Row;
use std::collections::BTreeMap;

/// One split value's counts, a number per period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Series {
    pub split: SplitKey,
    pub created: Vec<i64>,
    pub resolved: Vec<i64>,
    pub closed: Vec<i64>,
}

impl Series {
    fn new(split: SplitKey, periods: usize) -> Self {
        Self {
            split,
            created: vec![0; periods],
            resolved: vec![0; periods],
            closed: vec![0; periods],
        }
    }

    pub fn totals(&self) -> (i64, i64, i64) {
        (
            self.created.iter().sum(),
            self.resolved.iter().sum(),
            self.closed.iter().sum(),
        )
    }
}

#[derive(Debug, Clone)]
pub struct Volume {
    pub periods: Periods,
    /// One per split value (one in all without a split), largest first.
    pub series: Vec<Series>,
}

pub async fn volume(db: &Db, desk_id: i64, filter: &ReportFilter) -> Result<Volume> {
    let periods = Periods::new(filter.period, filter.from, filter.to);
    let (start, end) = periods.span();
    let n = periods.buckets.len();
    let mut series: BTreeMap<SplitKey, Series> = BTreeMap::new();
    let columns = split_columns(filter.split);
    let joins = joins(filter);

    let created_day = riga_day("t.created_at", start, end);
    let mut sql = Sql::new(&format!(
        "SELECT {created_day} AS day, {columns}, COUNT(*) AS n FROM tickets t {joins} WHERE t.desk_id = "
    ));
    sql.bind(desk_id)
        .push(" AND t.created_at >= ")
        .bind(start)
        .push(" AND t.created_at < ")
        .bind(end);
    push_filter(&mut sql, filter);
    sql.push(" GROUP BY day, split_key, split_labels");
    for r in sql.planned_each_time().fetch_all(db.read()).await? {
        if let Some(i) = periods.index_of_day_number(r.try_get("day")?) {
            let key = split_key(&r)?;
            series
                .entry(key.clone())
                .or_insert_with(|| Series::new(key, n))
                .created[i] += r.try_get::<i64, _>("n")?;
        }
    }

    let entered_day = riga_day("h.entered_at", start, end);
    let mut sql = Sql::new(&format!(
        "SELECT {entered_day} AS day, h.status_category AS category, {columns}, COUNT(*) AS n \
         FROM ticket_status_history h JOIN tickets t ON t.id = h.ticket_id {joins} \
         WHERE h.status_category IN ('resolved', 'closed') AND h.entered_at >= "
    ));
    sql.bind(start)
        .push(" AND h.entered_at < ")
        .bind(end)
        .push(" AND t.desk_id = ")
        .bind(desk_id);
    push_filter(&mut sql, filter);
    sql.push(" GROUP BY day, h.status_category, split_key, split_labels");
    for r in sql.planned_each_time().fetch_all(db.read()).await? {
        if let Some(i) = periods.index_of_day_number(r.try_get("day")?) {
            let key = split_key(&r)?;
            let count: i64 = r.try_get("n")?;
            let s = series
                .entry(key.clone())
                .or_insert_with(|| Series::new(key, n));
            match r.try_get::<String, _>("category")?.as_str() {
                "resolved" => s.resolved[i] += count,
                _ => s.closed[i] += count,
            }
        }
    }
    let mut series: Vec<Series> = series.into_values().collect();
    series.sort_by_key(|s| std::cmp::Reverse(s.totals().0));
    if series.is_empty() {
        series.push(Series::new(
            SplitKey {
                key: String::new(),
                labels: None,
            },
            n,
        ));
    }
    Ok(Volume { periods, series })
}
