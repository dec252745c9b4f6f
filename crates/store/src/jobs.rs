//! The durable job table. Any instance may claim a job; a claim is a lease,
//! so a job whose worker died is claimed again once its lease runs out.

use crate::{now_ms, Backend, Db, Result};
use sqlx::{Any, Executor, Row};

#[derive(Debug, Clone)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub attempts: i64,
    pub max_attempts: i64,
}

/// Queues a job. Pass the transaction of the change that causes it, so the
/// job exists exactly when the change does.
pub async fn enqueue<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    kind: &str,
    payload: &str,
    run_at: i64,
    max_attempts: i64,
) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO jobs (kind, payload, run_at, max_attempts, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(kind)
    .bind(payload)
    .bind(run_at)
    .bind(max_attempts)
    .bind(now_ms())
    .fetch_one(ex)
    .await?;
    Ok(row.try_get(0)?)
}

/// Queues many jobs in a few statements (a re-time batch's timers): each
/// `(kind, payload, run_at)` with `max_attempts`.
pub async fn enqueue_many(
    conn: &mut sqlx::AnyConnection,
    jobs: &[(&str, String, i64)],
    max_attempts: i64,
) -> Result<()> {
    let now = now_ms();
    for chunk in jobs.chunks(crate::MULTI_ROW) {
        let mut sql = crate::Sql::new(
            "INSERT INTO jobs (kind, payload, run_at, max_attempts, created_at) VALUES ",
        );
        for (i, (kind, payload, run_at)) in chunk.iter().enumerate() {
            sql.push(if i == 0 { "(" } else { ", (" })
                .bind(*kind)
                .push(", ")
                .bind(payload.as_str())
                .push(", ")
                .bind(*run_at)
                .push(", ")
                .bind(max_attempts)
                .push(", ")
                .bind(now)
                .push(")");
        }
        sql.query().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Queues a housekeeping job of `kind` unless one is already waiting (or
/// running): instances that each schedule it every so often add one job
/// between them, not one each.
pub async fn schedule_unless_queued(db: &Db, kind: &str, run_at: i64) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO jobs (kind, payload, run_at, max_attempts, created_at) \
         SELECT $1, '', $2, 3, $3 WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE kind = $1 AND state = 'queued')",
    )
    .bind(kind)
    .bind(run_at)
    .bind(now_ms())
    .execute(db.write())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Claims up to `limit` due jobs for `worker` until `now + lease_ms`.
///
/// PostgreSQL: `FOR UPDATE SKIP LOCKED`, so concurrent workers on several
/// instances never take the same row. SQLite: the single write connection
/// already runs one claim at a time.
///
/// Only jobs of `kinds` are claimed: a worker leaves kinds it cannot run
/// (mail on an instance with no mail server configured) to others, or
/// waiting, instead of failing them.
pub async fn claim(
    db: &Db,
    worker: &str,
    lease_ms: i64,
    limit: i64,
    kinds: &[&str],
) -> Result<Vec<Job>> {
    if kinds.is_empty() {
        return Ok(Vec::new());
    }
    let now = now_ms();
    let kind_list = (0..kinds.len())
        .map(|i| format!("${}", i + 5))
        .collect::<Vec<_>>()
        .join(", ");
    let lock = match db.backend() {
        Backend::Postgres => "FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let sql = format!(
        "UPDATE jobs SET lease_until = $1, locked_by = $2, attempts = attempts + 1 \
         WHERE id IN (SELECT id FROM jobs WHERE state = 'queued' AND run_at <= $3 AND kind IN ({kind_list}) \
                      AND (lease_until IS NULL OR lease_until < $3) ORDER BY run_at, id LIMIT $4 {lock}) \
         RETURNING id, kind, payload, attempts, max_attempts"
    );
    let mut query = sqlx::query(&sql)
        .bind(now + lease_ms)
        .bind(worker)
        .bind(now)
        .bind(limit);
    for k in kinds {
        query = query.bind(*k);
    }
    let rows = query.fetch_all(db.write()).await?;
    let mut jobs: Vec<Job> = rows
        .iter()
        .map(|r| {
            Ok(Job {
                id: r.try_get(0)?,
                kind: r.try_get(1)?,
                payload: r.try_get(2)?,
                attempts: r.try_get(3)?,
                max_attempts: r.try_get(4)?,
            })
        })
        .collect::<sqlx::Result<_>>()?;
    jobs.sort_by_key(|j| j.id);
    Ok(jobs)
}

/// Marks a job done, if `worker` still holds it. Returns false when the
/// lease was lost (another worker took it over).
pub async fn complete(db: &Db, job_id: i64, worker: &str) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE jobs SET state = 'done', finished_at = $1, lease_until = NULL WHERE id = $2 AND locked_by = $3 AND state = 'queued'",
    )
    .bind(now_ms())
    .bind(job_id)
    .bind(worker)
    .execute(db.write())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records a failed attempt: retried at `retry_at`, or failed for good when
/// it has used its attempts.
pub async fn fail(db: &Db, job: &Job, worker: &str, error: &str, retry_at: i64) -> Result<()> {
    let final_failure = job.attempts >= job.max_attempts;
    sqlx::query(
        "UPDATE jobs SET state = $1, last_error = $2, run_at = $3, lease_until = NULL, finished_at = $4 \
         WHERE id = $5 AND locked_by = $6 AND state = 'queued'",
    )
    .bind(if final_failure { "failed" } else { "queued" })
    .bind(error)
    .bind(retry_at)
    .bind(final_failure.then(now_ms))
    .bind(job.id)
    .bind(worker)
    .execute(db.write())
    .await?;
    Ok(())
}

/// Jobs waiting to run, for the metrics endpoint.
pub async fn queue_depth(db: &Db) -> Result<i64> {
    let row = sqlx::query("SELECT COUNT(*) FROM jobs WHERE state = 'queued'")
        .fetch_one(db.read())
        .await?;
    Ok(row.try_get(0)?)
}

#[derive(Debug, Clone)]
pub struct JobState {
    pub state: String,
    pub attempts: i64,
    pub last_error: Option<String>,
}

pub async fn state_of(db: &Db, job_id: i64) -> Result<Option<JobState>> {
    let row = sqlx::query("SELECT state, attempts, last_error FROM jobs WHERE id = $1")
        .bind(job_id)
        .fetch_optional(db.read())
        .await?;
    row.map(|r| {
        Ok(JobState {
            state: r.try_get(0)?,
            attempts: r.try_get(1)?,
            last_error: r.try_get(2)?,
        })
    })
    .transpose()
}
