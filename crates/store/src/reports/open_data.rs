//! Open data: a desk's tickets per Riga month, service, channel and
//! institution kind — counts and medians only, with every figure about
//! fewer than five tickets suppressed. Reads the tickets created in the
//! months along `tickets (desk_id, created_at)`, with their resolution
//! instant (`tickets.resolved_at`: the last resolution, after any reopen,
//! of a ticket that is done) and the stop of their first-response clock.
//! Streamed, so a year of a large desk is never held in memory, only its
//! groups.

use crate::{Db, Result, Sql};
use atbalsts_domain::reports::open_data::{Figure, InstitutionKind};
use atbalsts_domain::reports::{Distribution, Period, Periods};
use futures::TryStreamExt;
use jiff::civil::Date;
use sqlx::Row;
use std::collections::BTreeMap;

/// One published row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenDataRow {
    /// The month's first day.
    pub month: Date,
    /// The request type's service; empty for none.
    pub service: String,
    /// The channel code (`portal`, `email` ...).
    pub channel: String,
    pub institution_kind: InstitutionKind,
    /// Tickets created in the month.
    pub created: Figure,
    /// Of them, resolved (or closed) by now.
    pub resolved: Figure,
    pub median_first_response_minutes: Figure,
    pub median_resolution_minutes: Figure,
}

impl OpenDataRow {
    /// The names of the fields withheld in this row.
    pub fn suppressed(&self) -> Vec<&'static str> {
        [
            ("tickets_created", self.created),
            ("tickets_resolved", self.resolved),
            (
                "median_first_response_minutes",
                self.median_first_response_minutes,
            ),
            ("median_resolution_minutes", self.median_resolution_minutes),
        ]
        .into_iter()
        .filter(|(_, f)| f.is_suppressed())
        .map(|(name, _)| name)
        .collect()
    }
}

#[derive(Default)]
struct Group {
    created: i64,
    first_response: Vec<i64>,
    resolution: Vec<i64>,
}

/// The rows of the Riga months from `from`'s to `to`'s, both included.
pub async fn open_data(db: &Db, desk_id: i64, from: Date, to: Date) -> Result<Vec<OpenDataRow>> {
    let periods = Periods::new(Period::Month, from.first_of_month(), to.last_of_month());
    let (start, end) = periods.span();
    let mut sql = Sql::new(
        "SELECT t.created_at, COALESCE(rt.service, '') AS service, t.channel, \
         COALESCE(i.kind, '') AS kind, t.resolved_at, s.stopped_at AS responded_at \
         FROM tickets t LEFT JOIN request_types rt ON rt.id = t.request_type_id \
         LEFT JOIN institutions i ON i.id = t.institution_id \
         LEFT JOIN ticket_sla s ON s.ticket_id = t.id AND s.goal = 'first_response' \
         WHERE t.desk_id = ",
    );
    sql.bind(desk_id)
        .push(" AND t.created_at >= ")
        .bind(start)
        .push(" AND t.created_at < ")
        .bind(end);
    let mut groups: BTreeMap<(usize, String, String, InstitutionKind), Group> = BTreeMap::new();
    sql.planned_each_time();
    let mut rows = sql.query().fetch(db.read());
    while let Some(r) = rows.try_next().await? {
        let created: i64 = r.try_get(0)?;
        let Some(month) = periods.index_of(created) else {
            continue;
        };
        let kind = InstitutionKind::parse(&r.try_get::<String, _>(3)?);
        let g = groups
            .entry((month, r.try_get(1)?, r.try_get(2)?, kind))
            .or_default();
        g.created += 1;
        if let Some(at) = r.try_get::<Option<i64>, _>(4)? {
            g.resolution.push((at - created).max(0) / 60_000);
        }
        if let Some(at) = r.try_get::<Option<i64>, _>(5)? {
            g.first_response.push((at - created).max(0) / 60_000);
        }
    }
    Ok(groups
        .into_iter()
        .map(|((month, service, channel, institution_kind), g)| {
            let resolution = Distribution::of(g.resolution);
            let first = Distribution::of(g.first_response);
            let mut row = OpenDataRow {
                month: periods.buckets[month].first_day,
                service,
                channel,
                institution_kind,
                created: Figure::count(g.created),
                resolved: Figure::count(resolution.count as i64),
                median_first_response_minutes: Figure::median(first.median, first.count),
                median_resolution_minutes: Figure::median(resolution.median, resolution.count),
            };
            // A group too small to publish tells nothing else either: its
            // other figures would describe the same few tickets.
            if row.created.is_suppressed() {
                row.resolved = Figure::Suppressed;
                row.median_first_response_minutes = Figure::Suppressed;
                row.median_resolution_minutes = Figure::Suppressed;
            }
            row
        })
        .collect())
}
