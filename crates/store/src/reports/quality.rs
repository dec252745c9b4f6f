//! Quality: per Riga period and split value, how many tickets were
//! resolved, how many of them were reopened later, how often tickets were
//! reassigned, and how many were solved by the first line; and the root
//! causes of the problems resolved, as a share and a trend.
//!
//! - **Resolved** counts each ticket once per period in which it entered a
//!   status of the category `resolved` (the status history, along the index
//!   `(status_category, entered_at)`).
//! - **Reopened**: of those, the tickets that later moved out of that
//!   resolution back to an open category (new, open, waiting) — at any time
//!   after, even past the range (looked up per ticket along its history).
//! - **Reassignments**: changes of team or assignee in the audit history
//!   (`ticket_changes`) made in the period, along the index `(field, at)`
//!   (migration 0039) — not the first assignment (a change from nobody),
//!   nor taking a ticket off someone (a change to nobody); one triage that
//!   moves team and assignee at once is one reassignment.
//! - **First line**: a resolved ticket counts as solved by the first line
//!   when, at its last resolution in the period, it had never been moved
//!   from one team to another — the team that first received it (by routing
//!   or triage) resolved it. SPEC §5/§8 name no other tier model, so this is
//!   the rule; moves of the assignee within the team do not count.
//! - **Root causes**: problem tickets (type `problem`) that entered a
//!   resolved or closed status in the period — each once in the range, at
//!   its first such move — by their root cause (`tickets.root_cause_id`, a
//!   category of kind `root_cause`), or none. The split does not apply here:
//!   the root causes are the split.

use super::scope::{joins, joins_with, push_filter, split_columns, split_key, SplitKey};
use crate::{Db, Result, Sql};
use atbalsts_domain::reports::{Periods, ReportFilter};
use atbalsts_domain::Labels;
use serde::Serialize;
use sqlx::Row;
use std::collections::{BTreeMap, HashMap, HashSet};

/// One split value's figures, a number per period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QualitySeries {
    pub split: SplitKey,
    pub resolved: Vec<i64>,
    pub reopened: Vec<i64>,
    pub reassignments: Vec<i64>,
    pub first_line: Vec<i64>,
}

impl QualitySeries {
    fn new(split: SplitKey, n: usize) -> Self {
        Self {
            split,
            resolved: vec![0; n],
            reopened: vec![0; n],
            reassignments: vec![0; n],
            first_line: vec![0; n],
        }
    }

    /// Totals over the range: resolved, reopened, reassignments, first line.
    pub fn totals(&self) -> (i64, i64, i64, i64) {
        (
            self.resolved.iter().sum(),
            self.reopened.iter().sum(),
            self.reassignments.iter().sum(),
            self.first_line.iter().sum(),
        )
    }
}

/// The problems resolved with one root cause, a number per period.
/// Empty `code` is problems without a root cause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RootCause {
    pub code: String,
    pub labels: Option<Labels>,
    pub counts: Vec<i64>,
}

#[derive(Debug, Clone)]
pub struct Quality {
    pub periods: Periods,
    /// One per split value (one in all without a split), most resolved first.
    pub series: Vec<QualitySeries>,
    /// Most frequent first; none last.
    pub root_causes: Vec<RootCause>,
    /// Problems resolved per period, all root causes.
    pub problems: Vec<i64>,
}

/// Percent of `part` in `whole`, to one decimal (none of none is `None`).
pub fn share(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| (1000.0 * part as f64 / whole as f64).round() / 10.0)
}

pub async fn quality(db: &Db, desk_id: i64, filter: &ReportFilter) -> Result<Quality> {
    let periods = Periods::new(filter.period, filter.from, filter.to);
    let (start, end) = periods.span();
    let n = periods.buckets.len();
    let columns = split_columns(filter.split);
    let joins = joins(filter);
    let mut series: BTreeMap<SplitKey, QualitySeries> = BTreeMap::new();

    // Resolutions in the range, each with whether it was reopened later and
    // whether its ticket had moved between teams by then.
    let mut sql = Sql::new(&format!(
        "SELECT h.ticket_id, h.entered_at, \
         CASE WHEN EXISTS (SELECT 1 FROM ticket_status_history r WHERE r.ticket_id = h.ticket_id \
           AND r.id > h.id AND r.status_category IN ('new', 'open', 'waiting')) THEN 1 ELSE 0 END AS reopened, \
         CASE WHEN EXISTS (SELECT 1 FROM ticket_changes c WHERE c.ticket_id = h.ticket_id \
           AND c.field = 'team' AND c.old_value IS NOT NULL AND c.at <= h.entered_at) THEN 1 ELSE 0 END AS moved, \
         {columns} \
         FROM ticket_status_history h JOIN tickets t ON t.id = h.ticket_id {joins} \
         WHERE h.status_category = 'resolved' AND h.entered_at >= "
    ));
    sql.bind(start)
        .push(" AND h.entered_at < ")
        .bind(end)
        .push(" AND t.desk_id = ")
        .bind(desk_id);
    push_filter(&mut sql, filter);
    // (period, ticket) → (split, reopened, last resolution, moved by then)
    let mut resolved: HashMap<(usize, i64), (SplitKey, bool, i64, bool)> = HashMap::new();
    for r in sql.planned_each_time().fetch_all(db.read()).await? {
        let at: i64 = r.try_get(1)?;
        let Some(i) = periods.index_of(at) else {
            continue;
        };
        let reopened = r.try_get::<i64, _>(2)? == 1;
        let moved = r.try_get::<i64, _>(3)? == 1;
        let e = resolved
            .entry((i, r.try_get(0)?))
            .or_insert_with(|| (SplitKey::none(), false, i64::MIN, false));
        e.0 = split_key(&r)?;
        e.1 |= reopened;
        if at > e.2 {
            e.2 = at;
            e.3 = moved;
        }
    }
    for ((i, _), (key, reopened, _, moved)) in resolved {
        let s = series
            .entry(key.clone())
            .or_insert_with(|| QualitySeries::new(key, n));
        s.resolved[i] += 1;
        s.reopened[i] += i64::from(reopened);
        s.first_line[i] += i64::from(!moved);
    }

    // Reassignments made in the range.
    let mut sql = Sql::new(&format!(
        "SELECT c.at, c.ticket_id, {columns} FROM ticket_changes c JOIN tickets t ON t.id = c.ticket_id {joins} \
         WHERE c.field IN ('team', 'assignee') AND c.at >= "
    ));
    sql.bind(start)
        .push(" AND c.at < ")
        .bind(end)
        .push(" AND c.old_value IS NOT NULL AND c.new_value IS NOT NULL AND t.desk_id = ")
        .bind(desk_id);
    push_filter(&mut sql, filter);
    let mut seen: HashSet<(i64, i64)> = HashSet::new();
    for r in sql.planned_each_time().fetch_all(db.read()).await? {
        let at: i64 = r.try_get(0)?;
        if !seen.insert((r.try_get(1)?, at)) {
            continue;
        }
        if let Some(i) = periods.index_of(at) {
            let key = split_key(&r)?;
            series
                .entry(key.clone())
                .or_insert_with(|| QualitySeries::new(key, n))
                .reassignments[i] += 1;
        }
    }
    let mut series: Vec<QualitySeries> = series.into_values().collect();
    series.sort_by_key(|s| std::cmp::Reverse(s.totals().0));
    if series.is_empty() {
        series.push(QualitySeries::new(SplitKey::none(), n));
    }

    // Problems resolved or closed in the range, once each, by root cause.
    let typed = joins_with(filter, &["tt"]);
    let mut sql = Sql::new(&format!(
        "SELECT h.ticket_id, MIN(h.entered_at) AS at, COALESCE(rc.code, '') AS cause, rc.labels \
         FROM ticket_status_history h JOIN tickets t ON t.id = h.ticket_id {typed} \
         LEFT JOIN categories rc ON rc.id = t.root_cause_id \
         WHERE h.status_category IN ('resolved', 'closed') AND h.entered_at >= "
    ));
    sql.bind(start)
        .push(" AND h.entered_at < ")
        .bind(end)
        .push(" AND t.desk_id = ")
        .bind(desk_id)
        .push(" AND tt.code = 'problem'");
    push_filter(&mut sql, filter);
    sql.push(" GROUP BY h.ticket_id, rc.code, rc.labels");
    let mut causes: BTreeMap<String, RootCause> = BTreeMap::new();
    let mut problems = vec![0; n];
    for r in sql.planned_each_time().fetch_all(db.read()).await? {
        let Some(i) = periods.index_of(r.try_get(1)?) else {
            continue;
        };
        let code: String = r.try_get(2)?;
        let labels: Option<String> = r.try_get(3)?;
        causes
            .entry(code.clone())
            .or_insert_with(|| RootCause {
                code,
                labels: labels.map(|l| Labels::from_json(&l)),
                counts: vec![0; n],
            })
            .counts[i] += 1;
        problems[i] += 1;
    }
    let mut root_causes: Vec<RootCause> = causes.into_values().collect();
    root_causes.sort_by_key(|c| {
        (
            c.code.is_empty(),
            std::cmp::Reverse(c.counts.iter().sum::<i64>()),
        )
    });
    Ok(Quality {
        periods,
        series,
        root_causes,
        problems,
    })
}
