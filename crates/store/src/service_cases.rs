//! One-stop-centre service cases: a finished consultation saved as a
//! resolved ticket of the `service_case` type (so volume reports count it)
//! and a `service_cases` row 1:1 with it holding what the service-case
//! report groups by. Only the person who recorded a case corrects it, and
//! only on the day they recorded it.

use crate::reports::scope::{joins, push_filter};
use crate::tickets::{self, Actor, NewTicket};
use crate::{institutions, now_ms, workflows, Db, Result, Sql, StoreError};
use atbalsts_domain::reports::{Periods, ReportFilter};
use atbalsts_domain::service_case::{CaseChannel, CaseOutcome, ServiceCaseInput};
use atbalsts_domain::{Priority, Summary, Viewer};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;
use std::collections::BTreeMap;

/// A saved case as the day's list and the correction form show it.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceCase {
    pub id: i64,
    pub ticket_id: i64,
    pub ticket_key: String,
    pub desk_id: i64,
    pub employee_id: i64,
    pub service: String,
    pub channel: CaseChannel,
    pub minutes: i64,
    pub outcome: CaseOutcome,
    pub reason: Option<String>,
    pub institution_id: i64,
    pub institution_name: String,
    pub note: Option<String>,
    pub created_at: i64,
}

const SELECT: &str = "SELECT c.id, c.ticket_id, d.key_prefix, t.number, c.desk_id, c.employee_id, \
    c.service, c.channel, c.minutes, c.outcome, c.reason, c.institution_id, i.name AS institution_name, \
    c.note, c.created_at FROM service_cases c JOIN tickets t ON t.id = c.ticket_id \
    JOIN desks d ON d.id = c.desk_id JOIN institutions i ON i.id = c.institution_id ";

fn case(r: &AnyRow) -> Result<ServiceCase> {
    let prefix: String = r.try_get("key_prefix")?;
    let number: i64 = r.try_get("number")?;
    let code = |col: &str| -> Result<String> { Ok(r.try_get::<String, _>(col)?) };
    Ok(ServiceCase {
        id: r.try_get("id")?,
        ticket_id: r.try_get("ticket_id")?,
        ticket_key: format!("{prefix}-{number}"),
        desk_id: r.try_get("desk_id")?,
        employee_id: r.try_get("employee_id")?,
        service: r.try_get("service")?,
        channel: CaseChannel::parse(&code("channel")?)
            .map_err(|_| StoreError::Corrupt("service case channel".into()))?,
        minutes: r.try_get("minutes")?,
        outcome: CaseOutcome::parse(&code("outcome")?)
            .map_err(|_| StoreError::Corrupt("service case outcome".into()))?,
        reason: r.try_get("reason")?,
        institution_id: r.try_get("institution_id")?,
        institution_name: r.try_get("institution_name")?,
        note: r.try_get("note")?,
        created_at: r.try_get("created_at")?,
    })
}

async fn check_institution(db: &Db, id: i64) -> Result<()> {
    match institutions::institution_by_id(db, id).await? {
        Some(_) => Ok(()),
        None => Err(StoreError::invalid(
            "case_institution",
            "error-case-institution-unknown",
        )),
    }
}

/// Records a finished consultation by `viewer` (staff of the desk): its
/// ticket, filed by them and assigned to them, resolved at once, and its
/// case row. Returns the case id.
pub async fn record(
    db: &Db,
    viewer: &Viewer,
    desk_id: i64,
    input: &ServiceCaseInput,
) -> Result<i64> {
    if !viewer.is_staff_on(desk_id) {
        return Err(StoreError::Forbidden);
    }
    check_institution(db, input.institution_id).await?;
    let ticket_type = workflows::ticket_type_by_code(db, desk_id, "service_case")
        .await?
        .ok_or_else(|| StoreError::invalid("ticket_type", "error-ticket-type-unknown"))?;
    let summary =
        Summary::parse(&input.service).map_err(|code| StoreError::invalid("case_service", code))?;
    let mut new = NewTicket::new(
        desk_id,
        ticket_type.id,
        summary,
        input.note.clone().unwrap_or_default(),
        viewer.user_id,
        input.channel.ticket_channel(),
        Priority::Low,
    );
    new.institution_id = Some(input.institution_id);
    new.assignee_id = Some(viewer.user_id);
    let created =
        tickets::create_ticket_notifying(db, Actor::Person(viewer), &new, |_| Vec::new()).await?;
    let ticket = tickets::ticket_by_id(db, created.id)
        .await?
        .ok_or(StoreError::NotFound)?;
    tickets::transition(db, viewer, &ticket, "resolved", None).await?;
    let now = now_ms();
    let row = sqlx::query(
        "INSERT INTO service_cases (ticket_id, desk_id, employee_id, service, channel, minutes, \
         outcome, reason, institution_id, note, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
    )
    .bind(created.id)
    .bind(desk_id)
    .bind(viewer.user_id)
    .bind(&input.service)
    .bind(input.channel.code())
    .bind(input.minutes)
    .bind(input.outcome.code())
    .bind(input.reason.as_deref())
    .bind(input.institution_id)
    .bind(input.note.as_deref())
    .bind(now)
    .fetch_one(db.write())
    .await?;
    Ok(row.try_get("id")?)
}

/// The person's own cases on the desk recorded in `[from_ms, to_ms)`
/// (their day), newest first.
pub async fn own_between(
    db: &Db,
    viewer: &Viewer,
    desk_id: i64,
    from_ms: i64,
    to_ms: i64,
) -> Result<Vec<ServiceCase>> {
    let rows = sqlx::query(&format!(
        "{SELECT}WHERE c.employee_id = $1 AND c.desk_id = $2 AND c.created_at >= $3 \
         AND c.created_at < $4 ORDER BY c.created_at DESC, c.id DESC"
    ))
    .bind(viewer.user_id)
    .bind(desk_id)
    .bind(from_ms)
    .bind(to_ms)
    .fetch_all(db.read())
    .await?;
    rows.iter().map(case).collect()
}

/// One of the person's own cases recorded in `[from_ms, to_ms)`: the only
/// ones they may correct. Anyone else's, or an older one, is `None`.
pub async fn own_editable(
    db: &Db,
    viewer: &Viewer,
    id: i64,
    from_ms: i64,
    to_ms: i64,
) -> Result<Option<ServiceCase>> {
    let row = sqlx::query(&format!(
        "{SELECT}WHERE c.id = $1 AND c.employee_id = $2 AND c.created_at >= $3 AND c.created_at < $4"
    ))
    .bind(id)
    .bind(viewer.user_id)
    .bind(from_ms)
    .bind(to_ms)
    .fetch_optional(db.read())
    .await?;
    row.as_ref().map(case).transpose()
}

/// Corrects one of the person's own cases of `[from_ms, to_ms)`; any
/// other case is `NotFound`. The ticket's institution follows the case.
pub async fn correct(
    db: &Db,
    viewer: &Viewer,
    id: i64,
    from_ms: i64,
    to_ms: i64,
    input: &ServiceCaseInput,
) -> Result<()> {
    let existing = own_editable(db, viewer, id, from_ms, to_ms)
        .await?
        .ok_or(StoreError::NotFound)?;
    let new_name = institutions::institution_by_id(db, input.institution_id)
        .await?
        .map(|i| i.name)
        .ok_or_else(|| StoreError::invalid("case_institution", "error-case-institution-unknown"))?;
    let summary =
        Summary::parse(&input.service).map_err(|code| StoreError::invalid("case_service", code))?;
    let now = now_ms();
    let mut tx = db.write().begin().await?;
    sqlx::query(
        "UPDATE service_cases SET service = $1, channel = $2, minutes = $3, outcome = $4, \
         reason = $5, institution_id = $6, note = $7, updated_at = $8 WHERE id = $9",
    )
    .bind(&input.service)
    .bind(input.channel.code())
    .bind(input.minutes)
    .bind(input.outcome.code())
    .bind(input.reason.as_deref())
    .bind(input.institution_id)
    .bind(input.note.as_deref())
    .bind(now)
    .bind(existing.id)
    .execute(&mut *tx)
    .await?;
    // The ticket follows: its institution and its summary (the service),
    // each change in its history like any other.
    if existing.institution_id != input.institution_id {
        sqlx::query("UPDATE tickets SET institution_id = $1, updated_at = $2 WHERE id = $3")
            .bind(input.institution_id)
            .bind(now)
            .bind(existing.ticket_id)
            .execute(&mut *tx)
            .await?;
        let (old, new) = (existing.institution_name.as_str(), new_name.as_str());
        tickets::record_change(
            &mut tx,
            existing.ticket_id,
            viewer.user_id,
            now,
            "institution",
            Some(old),
            Some(new),
        )
        .await?;
    }
    if existing.service != input.service {
        sqlx::query("UPDATE tickets SET summary = $1, updated_at = $2 WHERE id = $3")
            .bind(summary.as_str())
            .bind(now)
            .bind(existing.ticket_id)
            .execute(&mut *tx)
            .await?;
        let (old, new) = (existing.service.as_str(), summary.as_str());
        tickets::record_change(
            &mut tx,
            existing.ticket_id,
            viewer.user_id,
            now,
            "summary",
            Some(old),
            Some(new),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The service and channel of the person's latest case on the desk: what
/// the quick-entry form preselects.
pub async fn last_used(
    db: &Db,
    viewer: &Viewer,
    desk_id: i64,
) -> Result<Option<(String, CaseChannel)>> {
    let row = sqlx::query(
        "SELECT service, channel FROM service_cases WHERE employee_id = $1 AND desk_id = $2 \
         ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(viewer.user_id)
    .bind(desk_id)
    .fetch_optional(db.read())
    .await?;
    match row {
        None => Ok(None),
        Some(r) => {
            let channel: String = r.try_get("channel")?;
            Ok(CaseChannel::parse(&channel)
                .ok()
                .map(|c| (r.try_get::<String, _>("service").unwrap_or_default(), c)))
        }
    }
}

/// What the summary groups cases by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Service,
    Channel,
    Outcome,
    Employee,
}

impl Group {
    fn column(self) -> &'static str {
        match self {
            Group::Service => "c.service",
            Group::Channel => "c.channel",
            Group::Outcome => "c.outcome",
            Group::Employee => "u.display_name",
        }
    }
}

/// One group of the summary: the service text, the channel or outcome
/// code, or the employee's name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryRow {
    pub key: String,
    pub count: i64,
    pub total_minutes: i64,
    /// The middle value, or the mean of the two middle ones.
    pub median_minutes: f64,
}

/// Cases of the desk recorded in `[from_ms, to_ms)`, per `group`, ordered
/// by the key. Reads each case's minutes once (ordered), so the median
/// needs no percentile function either database lacks.
pub async fn summary(
    db: &Db,
    desk_id: i64,
    from_ms: i64,
    to_ms: i64,
    group: Group,
) -> Result<Vec<SummaryRow>> {
    let col = group.column();
    let rows = sqlx::query(&format!(
        "SELECT {col} AS k, c.minutes FROM service_cases c JOIN users u ON u.id = c.employee_id \
         WHERE c.desk_id = $1 AND c.created_at >= $2 AND c.created_at < $3 \
         ORDER BY {col}, c.minutes"
    ))
    .bind(desk_id)
    .bind(from_ms)
    .bind(to_ms)
    .fetch_all(db.read())
    .await?;
    let mut out: Vec<(String, Vec<i64>)> = Vec::new();
    for r in &rows {
        let key: String = r.try_get("k")?;
        let minutes: i64 = r.try_get("minutes")?;
        match out.last_mut() {
            Some((k, list)) if *k == key => list.push(minutes),
            _ => out.push((key, vec![minutes])),
        }
    }
    Ok(out
        .into_iter()
        .map(|(key, list)| summary_row(key, list))
        .collect())
}

/// A group's figures from its minutes in ascending order.
fn summary_row(key: String, list: Vec<i64>) -> SummaryRow {
    let n = list.len();
    let median = match n {
        0 => 0.0,
        _ if n % 2 == 1 => list[n / 2] as f64,
        _ => (list[n / 2 - 1] + list[n / 2]) as f64 / 2.0,
    };
    SummaryRow {
        key,
        count: n as i64,
        total_minutes: list.iter().sum(),
        median_minutes: median,
    }
}

/// The service-case report: the cases of a report filter's range, per
/// service, channel, outcome, employee and period, each group as the
/// summary counts it. The filter narrows by the case's ticket (team,
/// institution, sub-unit, channel ...), except the service, which is the
/// case's own service.
#[derive(Debug, Clone)]
pub struct CaseReport {
    pub periods: Periods,
    pub total: SummaryRow,
    pub services: Vec<SummaryRow>,
    pub channels: Vec<SummaryRow>,
    pub outcomes: Vec<SummaryRow>,
    pub employees: Vec<SummaryRow>,
    /// One per period of the range, `key` its first day (`YYYY-MM-DD`).
    pub periods_rows: Vec<SummaryRow>,
}

pub async fn report(db: &Db, desk_id: i64, filter: &ReportFilter) -> Result<CaseReport> {
    let periods = Periods::new(filter.period, filter.from, filter.to);
    let (start, end) = periods.span();
    let joins = joins(filter);
    let mut sql = Sql::new(&format!(
        "SELECT c.service, c.channel, c.outcome, u.display_name, c.minutes, c.created_at \
         FROM service_cases c JOIN users u ON u.id = c.employee_id \
         JOIN tickets t ON t.id = c.ticket_id {joins} WHERE c.desk_id = "
    ));
    sql.bind(desk_id)
        .push(" AND c.created_at >= ")
        .bind(start)
        .push(" AND c.created_at < ")
        .bind(end);
    if let Some(service) = &filter.service {
        sql.push(" AND c.service = ").bind(service.as_str());
    }
    let ticket_facts = ReportFilter {
        service: None,
        ..filter.clone()
    };
    push_filter(&mut sql, &ticket_facts);
    let mut all = Vec::new();
    let mut groups: [BTreeMap<String, Vec<i64>>; 5] = Default::default();
    for r in sql.planned_each_time().fetch_all(db.read()).await? {
        let minutes: i64 = r.try_get("minutes")?;
        all.push(minutes);
        let keys = [
            r.try_get::<String, _>("service")?,
            r.try_get::<String, _>("channel")?,
            r.try_get::<String, _>("outcome")?,
            r.try_get::<String, _>("display_name")?,
        ];
        for (g, k) in groups.iter_mut().zip(keys) {
            g.entry(k).or_default().push(minutes);
        }
        if let Some(i) = periods.index_of(r.try_get("created_at")?) {
            groups[4]
                .entry(periods.buckets[i].first_day.to_string())
                .or_default()
                .push(minutes);
        }
    }
    for b in &periods.buckets {
        groups[4].entry(b.first_day.to_string()).or_default();
    }
    let rows = |g: BTreeMap<String, Vec<i64>>| -> Vec<SummaryRow> {
        g.into_iter()
            .map(|(k, mut list)| {
                list.sort_unstable();
                summary_row(k, list)
            })
            .collect()
    };
    all.sort_unstable();
    let [services, channels, outcomes, employees, by_period] = groups;
    Ok(CaseReport {
        periods,
        total: summary_row(String::new(), all),
        services: rows(services),
        channels: rows(channels),
        outcomes: rows(outcomes),
        employees: rows(employees),
        periods_rows: rows(by_period),
    })
}
