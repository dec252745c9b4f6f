//! Reminding owners of the articles whose review date has come: at most
//! one mail a day per owner, however many instances run the reminder.

use crate::notifications::{self, NewNotification};
use crate::{now_ms, Db, Result};
use sqlx::Row;

/// People (still active) who own articles, not archived, whose review date
/// has come by `now`, and who have not been reminded on `day` (a Latvian
/// calendar date, `2026-03-01`).
pub async fn owners_to_remind(db: &Db, now: i64, day: &str) -> Result<Vec<i64>> {
    let rows = sqlx::query(
        "SELECT DISTINCT a.owner_id FROM kb_articles a JOIN users u ON u.id = a.owner_id \
         LEFT JOIN kb_review_reminders r ON r.owner_id = a.owner_id \
         WHERE a.status <> 'archived' AND a.review_at <= $1 AND u.active = 1 \
         AND (r.last_day IS NULL OR r.last_day < $2) ORDER BY a.owner_id",
    )
    .bind(now)
    .bind(day)
    .fetch_all(db.read())
    .await?;
    rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
}

/// Queues `notice` to `owner_id` and records that they were reminded on
/// `day`, in one transaction. `false`, with nothing queued, when they were
/// already reminded that day (by another instance, say).
pub async fn queue_review_reminder(
    db: &Db,
    owner_id: i64,
    day: &str,
    notice: &NewNotification,
) -> Result<bool> {
    let mut tx = db.write().begin().await?;
    let taken = sqlx::query(
        "INSERT INTO kb_review_reminders (owner_id, last_day, sent_at) VALUES ($1, $2, $3) \
         ON CONFLICT (owner_id) DO UPDATE SET last_day = excluded.last_day, sent_at = excluded.sent_at \
         WHERE kb_review_reminders.last_day < excluded.last_day",
    )
    .bind(owner_id)
    .bind(day)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if taken == 0 {
        tx.rollback().await?;
        return Ok(false);
    }
    notifications::queue(&mut tx, notice).await?;
    tx.commit().await?;
    Ok(true)
}
