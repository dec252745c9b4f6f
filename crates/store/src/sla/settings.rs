//! A desk's SLA settings: what counts as the first response, whether
//! customers see "expected answer by", and which workflow statuses pause
//! the clock.

use crate::{Db, Labels, Result, StoreError};
use serde::Serialize;
use sqlx::Row;

/// What stops the first-response clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FirstResponse {
    /// The first public reply by staff.
    PublicReply,
    /// A status change out of the new category.
    StatusChange,
}

impl FirstResponse {
    pub fn code(self) -> &'static str {
        match self {
            FirstResponse::PublicReply => "public_reply",
            FirstResponse::StatusChange => "status_change",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        match s {
            "public_reply" => Ok(FirstResponse::PublicReply),
            "status_change" => Ok(FirstResponse::StatusChange),
            _ => Err("error-sla-first-response-unknown"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DeskSla {
    pub first_response: FirstResponse,
    pub show_customer: bool,
}

pub async fn of_desk(db: &Db, desk_id: i64) -> Result<DeskSla> {
    let row = sqlx::query("SELECT sla_first_response, sla_show_customer FROM desks WHERE id = $1")
        .bind(desk_id)
        .fetch_optional(db.read())
        .await?
        .ok_or(StoreError::NotFound)?;
    let first: String = row.try_get(0)?;
    Ok(DeskSla {
        first_response: FirstResponse::parse(&first).unwrap_or(FirstResponse::PublicReply),
        show_customer: row.try_get::<i64, _>(1)? != 0,
    })
}

/// A status of a workflow the desk's ticket types use, and whether it
/// pauses the clock.
#[derive(Debug, Clone, Serialize)]
pub struct PausingStatus {
    pub workflow_id: i64,
    pub workflow_code: String,
    pub code: String,
    pub category: String,
    pub labels: Labels,
    pub pauses: bool,
}

/// The statuses of every workflow the desk's ticket types use, in order.
pub async fn statuses(db: &Db, desk_id: i64) -> Result<Vec<PausingStatus>> {
    let rows = sqlx::query(
        "SELECT s.workflow_id, w.code, s.code, s.category, s.labels, s.pauses_sla \
         FROM workflow_statuses s JOIN workflows w ON w.id = s.workflow_id \
         WHERE s.workflow_id IN (SELECT workflow_id FROM ticket_types WHERE desk_id = $1) \
         ORDER BY w.code, s.position",
    )
    .bind(desk_id)
    .fetch_all(db.read())
    .await?;
    rows.into_iter()
        .map(|r| {
            let labels: String = r.try_get(4)?;
            Ok(PausingStatus {
                workflow_id: r.try_get(0)?,
                workflow_code: r.try_get(1)?,
                code: r.try_get(2)?,
                category: r.try_get(3)?,
                labels: Labels::from_json(&labels),
                pauses: r.try_get::<i64, _>(5)? != 0,
            })
        })
        .collect()
}

/// Saves the desk's settings and marks exactly the statuses `pausing`
/// (`(workflow_id, status code)`) of the desk's workflows as pausing. The
/// workflows are shared data: a desk using the same workflow sees the same
/// marks. Starts a re-time run, since paused time changes due times.
pub async fn save(
    db: &Db,
    desk_id: i64,
    settings: DeskSla,
    pausing: &[(i64, String)],
) -> Result<()> {
    let known = statuses(db, desk_id).await?;
    let mut tx = db.write().begin().await?;
    sqlx::query("UPDATE desks SET sla_first_response = $1, sla_show_customer = $2 WHERE id = $3")
        .bind(settings.first_response.code())
        .bind(i64::from(settings.show_customer))
        .bind(desk_id)
        .execute(&mut *tx)
        .await?;
    let mut changed = false;
    for s in &known {
        let pauses = pausing
            .iter()
            .any(|(w, c)| *w == s.workflow_id && *c == s.code);
        if pauses != s.pauses {
            changed = true;
            sqlx::query(
                "UPDATE workflow_statuses SET pauses_sla = $1 WHERE workflow_id = $2 AND code = $3",
            )
            .bind(i64::from(pauses))
            .bind(s.workflow_id)
            .bind(&s.code)
            .execute(&mut *tx)
            .await?;
        }
    }
    if changed {
        super::retime_runs::start(&mut tx, desk_id, "statuses").await?;
    } else {
        super::refresh::bump_version(&mut tx, desk_id).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Marks the waiting-category statuses of the desk's workflows as pausing,
/// as migration 0029 did for the workflows that existed then; for setting
/// up a desk before it has tickets (no re-time run).
pub async fn pause_waiting_statuses(db: &Db, desk_id: i64) -> Result<()> {
    sqlx::query(
        "UPDATE workflow_statuses SET pauses_sla = 1 WHERE category = 'waiting' \
         AND workflow_id IN (SELECT workflow_id FROM ticket_types WHERE desk_id = $1)",
    )
    .bind(desk_id)
    .execute(db.write())
    .await?;
    let mut conn = db.write().acquire().await?;
    super::refresh::bump_version(&mut conn, desk_id).await
}
