//! In-app notices of SLA warnings and breaches (`user_notices`, migration
//! 0032): written beside the mail, in the timer's transaction, so a person
//! sees each once in the app as well.

use super::timers::NoticeKind;
use crate::tickets::push_visible;
use crate::{Db, Result, Sql};
use atbalsts_domain::sla::Goal;
use atbalsts_domain::Viewer;
use serde::Serialize;
use sqlx::{Any, Row, Transaction};

#[derive(Debug, Clone, Serialize)]
pub struct UserNotice {
    pub id: i64,
    pub ticket_id: i64,
    /// `PREFIX-number`.
    pub ticket_key: String,
    pub summary: String,
    /// `sla-warning` | `sla-breach`.
    pub kind: String,
    pub goal: String,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

pub(crate) async fn add(
    tx: &mut Transaction<'static, Any>,
    user_id: i64,
    ticket_id: i64,
    kind: NoticeKind,
    goal: Goal,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO user_notices (user_id, ticket_id, kind, goal, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user_id)
    .bind(ticket_id)
    .bind(kind.code())
    .bind(goal.code())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The viewer's notices, newest first (at most `limit`): only those of
/// tickets they may still see, so a notice of a ticket moved to another
/// desk since tells nothing of it.
pub async fn for_user(db: &Db, viewer: &Viewer, limit: i64) -> Result<Vec<UserNotice>> {
    let mut sql = Sql::new(
        "SELECT n.id, n.ticket_id, d.key_prefix, t.number, t.summary, n.kind, n.goal, n.created_at, n.read_at \
         FROM user_notices n JOIN tickets t ON t.id = n.ticket_id JOIN desks d ON d.id = t.desk_id \
         WHERE n.user_id = ",
    );
    sql.bind(viewer.user_id).push(" AND ");
    push_visible(&mut sql, viewer, db.backend());
    sql.push(" ORDER BY n.id DESC LIMIT ").bind(limit);
    let rows = sql.fetch_all(db.read()).await?;
    rows.iter()
        .map(|r| {
            Ok(UserNotice {
                id: r.try_get(0)?,
                ticket_id: r.try_get(1)?,
                ticket_key: format!("{}-{}", r.try_get::<String, _>(2)?, r.try_get::<i64, _>(3)?),
                summary: r.try_get(4)?,
                kind: r.try_get(5)?,
                goal: r.try_get(6)?,
                created_at: r.try_get(7)?,
                read_at: r.try_get(8)?,
            })
        })
        .collect()
}

/// How many of the viewer's notices are unread (the header shows it):
/// one COUNT along the `(user_id, read_at)` index, of the tickets the
/// viewer may still see, like the list.
pub async fn unread_count(db: &Db, viewer: &Viewer) -> Result<i64> {
    let mut sql = Sql::new(
        "SELECT COUNT(*) FROM user_notices n JOIN tickets t ON t.id = n.ticket_id \
         WHERE n.user_id = ",
    );
    sql.bind(viewer.user_id).push(" AND n.read_at IS NULL AND ");
    push_visible(&mut sql, viewer, db.backend());
    let row = sql.fetch_one(db.read()).await?;
    Ok(row.try_get(0)?)
}

/// Marks all of a person's notices read.
pub async fn mark_all_read(db: &Db, user_id: i64, now: i64) -> Result<u64> {
    let done =
        sqlx::query("UPDATE user_notices SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
            .bind(now)
            .bind(user_id)
            .execute(db.write())
            .await?;
    Ok(done.rows_affected())
}
