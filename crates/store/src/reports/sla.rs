//! SLA compliance: the goals measured in a range — clocks that stopped in
//! it, and clocks still counting that breached in it — met or breached,
//! with the business time used against the target, per policy, team,
//! service and Riga month. Reads `ticket_sla` along `(stopped_at,
//! breached_at)` (migration 0040); the filter narrows by the ticket.

use super::scope::{joins_with, push_filter};
use crate::{Db, Result, Sql};
use atbalsts_domain::reports::{Distribution, Period, Periods, ReportFilter};
use atbalsts_domain::Labels;
use serde::Serialize;
use sqlx::Row;
use std::collections::BTreeMap;

/// One group's goals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SlaFigures {
    pub measured: i64,
    pub met: i64,
    pub breached: i64,
    /// Business seconds used.
    pub used: Distribution,
    /// The goals' targets, seconds (one value for a policy's goal).
    pub target: Distribution,
}

impl SlaFigures {
    /// Met of measured, 0..=1, if any were measured.
    pub fn compliance(&self) -> Option<f64> {
        (self.measured > 0).then(|| self.met as f64 / self.measured as f64)
    }
}

/// One group of one goal (`first_response` or `resolution`): a policy
/// (`key` its code, `labels` its names), a team or service (`key` the
/// name, empty for none), a month (`key` its first day, `YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SlaRow {
    pub key: String,
    pub labels: Option<Labels>,
    pub goal: String,
    pub figures: SlaFigures,
}

#[derive(Debug, Clone)]
pub struct Sla {
    /// The range's Riga months.
    pub periods: Periods,
    /// Per goal, all measured.
    pub total: Vec<SlaRow>,
    pub policies: Vec<SlaRow>,
    pub teams: Vec<SlaRow>,
    pub services: Vec<SlaRow>,
    /// Every month of the range, per goal that was measured.
    pub months: Vec<SlaRow>,
}

impl Sla {
    /// Whether any goal was measured in the range.
    pub fn has_data(&self) -> bool {
        self.total.iter().any(|r| r.figures.measured > 0)
    }
}

#[derive(Default)]
struct Acc {
    labels: Option<Labels>,
    met: i64,
    breached: i64,
    used: Vec<i64>,
    target: Vec<i64>,
}

impl Acc {
    fn add(&mut self, breached: bool, used: i64, target: i64) {
        if breached {
            self.breached += 1;
        } else {
            self.met += 1;
        }
        self.used.push(used);
        self.target.push(target);
    }
}

type Groups = BTreeMap<(String, String), Acc>;

fn rows(groups: Groups) -> Vec<SlaRow> {
    groups
        .into_iter()
        .map(|((key, goal), a)| SlaRow {
            key,
            labels: a.labels,
            goal,
            figures: SlaFigures {
                measured: a.met + a.breached,
                met: a.met,
                breached: a.breached,
                used: Distribution::of(a.used),
                target: Distribution::of(a.target),
            },
        })
        .collect()
}

const COLUMNS: &str = "s.goal, s.state, s.used_secs, s.target_secs, s.breached_at, \
    p.code AS policy_code, p.name_lv, p.name_en, COALESCE(tm.name, '') AS team, \
    COALESCE(rt.service, '') AS service";

pub async fn sla(db: &Db, desk_id: i64, filter: &ReportFilter) -> Result<Sla> {
    let periods = Periods::new(Period::Month, filter.from, filter.to);
    let (start, end) = periods.span();
    let mut total = Groups::new();
    let mut policies = Groups::new();
    let mut teams = Groups::new();
    let mut services = Groups::new();
    let mut months = Groups::new();

    let joins = joins_with(filter, &["tm", "rt"]);
    // Stopped in the range (met or breached), then still counting and
    // breached in the range: each measured at the instant it was decided.
    for stopped in [true, false] {
        let at = if stopped {
            "s.stopped_at"
        } else {
            "s.breached_at"
        };
        // CROSS JOIN: SQLite reads the clocks first (along the index), not
        // every ticket of the desk; PostgreSQL plans it as any join.
        let mut sql = Sql::new(&format!(
            "SELECT {COLUMNS}, {at} AS at FROM ticket_sla s CROSS JOIN tickets t {joins} \
             JOIN sla_policies p ON p.id = s.policy_id WHERE t.id = s.ticket_id AND {at} >= "
        ));
        sql.bind(start).push(&format!(" AND {at} < ")).bind(end);
        if !stopped {
            sql.push(" AND s.stopped_at IS NULL");
        }
        sql.push(" AND t.desk_id = ").bind(desk_id);
        push_filter(&mut sql, filter);
        for r in sql.planned_each_time().fetch_all(db.read()).await? {
            let goal: String = r.try_get("goal")?;
            let state: String = r.try_get("state")?;
            let breached_at: Option<i64> = r.try_get("breached_at")?;
            let breached = state == "breached" || breached_at.is_some();
            let used: i64 = r.try_get("used_secs")?;
            let target: i64 = r.try_get("target_secs")?;
            let add = |groups: &mut Groups, key: String, labels: Option<Labels>| {
                let a = groups.entry((key, goal.clone())).or_default();
                if a.labels.is_none() {
                    a.labels = labels;
                }
                a.add(breached, used, target);
            };
            add(&mut total, String::new(), None);
            let name_lv: String = r.try_get("name_lv")?;
            let name_en: String = r.try_get("name_en")?;
            add(
                &mut policies,
                r.try_get("policy_code")?,
                Some(Labels::new(&name_lv, &name_en)),
            );
            add(&mut teams, r.try_get("team")?, None);
            add(&mut services, r.try_get("service")?, None);
            if let Some(i) = periods.index_of(r.try_get("at")?) {
                add(&mut months, periods.buckets[i].first_day.to_string(), None);
            }
        }
    }
    // Every month of the range appears for each goal measured, so the
    // chart has a bar (maybe zero) for each month.
    let goals: Vec<String> = total.keys().map(|(_, g)| g.clone()).collect();
    for b in &periods.buckets {
        for g in &goals {
            months
                .entry((b.first_day.to_string(), g.clone()))
                .or_default();
        }
    }
    Ok(Sla {
        periods,
        total: rows(total),
        policies: rows(policies),
        teams: rows(teams),
        services: rows(services),
        months: rows(months),
    })
}
