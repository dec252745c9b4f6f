//! Background re-timing of a desk's open tickets after a calendar or policy
//! edit: a run row for the pages' progress line, and the durable job
//! (`sla.retime`) that does the work in batches.

use crate::{jobs, now_ms, Db, Result};
use serde::Serialize;
use sqlx::{Any, Row, Transaction};

/// The job kind a run enqueues; its payload is `{"run_id", "desk_id"}`.
pub const JOB_KIND: &str = "sla.retime";

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
    let payload = serde_json::json!({ "run_id": id, "desk_id": desk_id }).to_string();
    jobs::enqueue(&mut **tx, JOB_KIND, &payload, now, 5).await?;
    Ok(id)
}

/// Records how many tickets a run has re-timed; a run whose `done` reaches
/// its total is finished. For the job handler, batch by batch.
pub async fn progress(db: &Db, run_id: i64, done: i64) -> Result<()> {
    sqlx::query(
        "UPDATE sla_retime_runs SET done = $1, \
         finished_at = CASE WHEN $1 >= total THEN COALESCE(finished_at, $2) ELSE finished_at END \
         WHERE id = $3",
    )
    .bind(done)
    .bind(now_ms())
    .bind(run_id)
    .execute(db.write())
    .await?;
    Ok(())
}

/// Marks a run finished (e.g. when fewer tickets needed work than counted).
pub async fn finish(db: &Db, run_id: i64) -> Result<()> {
    sqlx::query("UPDATE sla_retime_runs SET finished_at = COALESCE(finished_at, $1) WHERE id = $2")
        .bind(now_ms())
        .bind(run_id)
        .execute(db.write())
        .await?;
    Ok(())
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
