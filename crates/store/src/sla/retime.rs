//! Re-timing a desk's open tickets after a calendar or policy edit: the
//! `sla.retime` job takes a batch of tickets in id order, refreshes their
//! clocks, records the progress on its `sla_retime_runs` row and queues
//! itself for the next batch, all in one transaction, so a restart resumes
//! where the last committed batch ended and a repeated step changes nothing.

use super::refresh::{prepare, refresh_many};
use crate::{Db, Result, StoreError};
use serde::{Deserialize, Serialize};
use sqlx::Row;

pub const RETIME_JOB: &str = "sla.retime";
/// Tickets re-timed per transaction.
pub const BATCH: i64 = 500;
const MAX_ATTEMPTS: i64 = 20;

/// The payload of a step; the first one (queued when the run starts) names
/// only the run and the desk.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Step {
    pub run_id: i64,
    pub desk_id: i64,
    /// The last ticket id the previous steps re-timed.
    #[serde(default)]
    pub after: i64,
    /// How many tickets the previous steps re-timed.
    #[serde(default)]
    pub done: i64,
}

/// What one step did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Re-timed this many and queued the next step.
    Continued(i64),
    /// Re-timed this many and finished the run.
    Finished(i64),
    /// The step had already been done (a repeated job) or the run is over.
    Skipped,
}

/// Queues the first step of a run (the admin pages do it when they start one).
pub async fn enqueue_first<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    ex: E,
    run_id: i64,
    desk_id: i64,
    run_at: i64,
) -> Result<i64> {
    let step = Step {
        run_id,
        desk_id,
        after: 0,
        done: 0,
    };
    crate::jobs::enqueue(ex, RETIME_JOB, &payload(&step), run_at, MAX_ATTEMPTS).await
}

fn payload(step: &Step) -> String {
    serde_json::to_string(step).expect("retime step serialises")
}

/// Runs one step of a re-time run as of `now` (epoch ms).
pub async fn run_step(db: &Db, payload_text: &str, now: i64) -> Result<Outcome> {
    run_step_of(db, payload_text, now, BATCH).await
}

/// As [`run_step`], re-timing at most `batch` tickets.
pub async fn run_step_of(db: &Db, payload_text: &str, now: i64, batch: i64) -> Result<Outcome> {
    let step: Step = serde_json::from_str(payload_text)
        .map_err(|e| StoreError::Corrupt(format!("retime payload: {e}")))?;
    let sla = prepare(db, step.desk_id).await?;
    let mut tx = db.write().begin().await?;
    // Claims the step: a step whose progress is already written (a repeated
    // job) or a finished run matches nothing.
    let mine = sqlx::query(
        "UPDATE sla_retime_runs SET done = done WHERE id = $1 AND desk_id = $2 AND done = $3 AND finished_at IS NULL",
    )
    .bind(step.run_id)
    .bind(step.desk_id)
    .bind(step.done)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if mine != 1 {
        return Ok(Outcome::Skipped);
    }
    if step.after == 0 {
        sqlx::query(
            "UPDATE sla_retime_runs SET total = (SELECT COUNT(*) FROM tickets WHERE desk_id = $2 \
             AND status_category NOT IN ('resolved', 'closed')) WHERE id = $1",
        )
        .bind(step.run_id)
        .bind(step.desk_id)
        .execute(&mut *tx)
        .await?;
    }
    let ids: Vec<i64> = sqlx::query(
        "SELECT id FROM tickets WHERE desk_id = $1 AND status_category NOT IN ('resolved', 'closed') \
         AND id > $2 ORDER BY id LIMIT $3",
    )
    .bind(step.desk_id)
    .bind(step.after)
    .bind(batch)
    .fetch_all(&mut *tx)
    .await?
    .iter()
    .map(|r| r.try_get(0))
    .collect::<sqlx::Result<_>>()?;
    refresh_many(&mut tx, &sla, &ids, now).await?;
    let n = ids.len() as i64;
    let done = step.done + n;
    let outcome = if n < batch {
        // Tickets closed or opened while the run went on make the first
        // count an estimate; the finished run states what it did.
        sqlx::query(
            "UPDATE sla_retime_runs SET done = $2, total = $2, finished_at = $3 WHERE id = $1",
        )
        .bind(step.run_id)
        .bind(done)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        Outcome::Finished(n)
    } else {
        sqlx::query("UPDATE sla_retime_runs SET done = $2 WHERE id = $1")
            .bind(step.run_id)
            .bind(done)
            .execute(&mut *tx)
            .await?;
        let next = Step {
            after: *ids.last().expect("a full batch"),
            done,
            ..step
        };
        crate::jobs::enqueue(&mut *tx, RETIME_JOB, &payload(&next), now, MAX_ATTEMPTS).await?;
        Outcome::Continued(n)
    };
    tx.commit().await?;
    Ok(outcome)
}
