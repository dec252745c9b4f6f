//! Background re-timing of a desk's open tickets after a calendar or policy
//! edit: a run row for the pages' progress line, and the durable job
//! (`sla.retime`) that does the work in batches.

use crate::{now_ms, Db, Result};
use serde::Serialize;
use sqlx::{Any, Row, Transaction};

/// One re-time run and how far it has got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetimeRun {
    pub id: i64,
    pub desk_id: i64,
    /// What was edited: `calendar:{code}`, `policy:{code}`, `import`.
    pub reason: String,
    /// Open tickets of the desk when the run started.
    pub total: i64,
    pub done: i64,
    pub started_at: i64,
    pub finished_at: Option<i64>,
}

/// Starts a run inside the transaction that saves the edit, so the edit and
/// its re-timing commit together or not at all. `total` counts the desk's
/// open tickets (not resolved or closed) at this moment.
pub async fn start(tx: &mut Transaction<'static, Any>, desk_id: i64, reason: &str) -> Result<i64> {
    // Every edit that re-times also changes what refreshing reads.
    super::refresh::bump_version(tx, desk_id).await?;
    let total: i64 = sqlx::query(
        "SELECT COUNT(*) FROM tickets WHERE desk_id = $1 AND status_category NOT IN ('resolved', 'closed')",
    )
    .bind(desk_id)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?;
    let now = now_ms();
    let id: i64 = sqlx::query(
        "INSERT INTO sla_retime_runs (desk_id, reason, total, done, started_at) VALUES ($1, $2, $3, 0, $4) RETURNING id",
    )
    .bind(desk_id)
    .bind(reason)
    .bind(total)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?;
    super::retime::enqueue_first(&mut **tx, id, desk_id, now).await?;
    Ok(id)
}

fn from_row(r: &sqlx::any::AnyRow) -> Result<RetimeRun> {
    Ok(RetimeRun {
        id: r.try_get(0)?,
        desk_id: r.try_get(1)?,
        reason: r.try_get(2)?,
        total: r.try_get(3)?,
        done: r.try_get(4)?,
        started_at: r.try_get(5)?,
        finished_at: r.try_get(6)?,
    })
}

const COLUMNS: &str = "id, desk_id, reason, total, done, started_at, finished_at";

pub async fn get(db: &Db, run_id: i64) -> Result<Option<RetimeRun>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM sla_retime_runs WHERE id = $1"
    ))
    .bind(run_id)
    .fetch_optional(db.read())
    .await?
    .as_ref()
    .map(from_row)
    .transpose()
}

/// The desk's most recent run, for the progress line on the pages.
pub async fn latest(db: &Db, desk_id: i64) -> Result<Option<RetimeRun>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM sla_retime_runs WHERE desk_id = $1 ORDER BY id DESC LIMIT 1"
    ))
    .bind(desk_id)
    .fetch_optional(db.read())
    .await?
    .as_ref()
    .map(from_row)
    .transpose()
}
