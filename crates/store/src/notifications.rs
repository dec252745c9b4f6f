//! The notification outbox. A notification is written in the transaction
//! of the change that causes it, so it exists exactly when the change does;
//! the mail worker delivers queued ones and records the outcome.

use crate::{now_ms, Db, Result};
use serde::Serialize;
use sqlx::{Any, Executor, Row};

#[derive(Debug, Clone)]
pub struct NewNotification {
    /// What it is about: `request-received`, `sign-up`, `password-reset`, ...
    pub kind: &'static str,
    pub recipient_email: String,
    pub locale: String,
    pub ticket_id: Option<i64>,
    pub subject: String,
    pub body_text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Notification {
    pub id: i64,
    pub kind: String,
    pub recipient_email: String,
    pub locale: String,
    pub ticket_id: Option<i64>,
    pub subject: String,
    pub body_text: String,
    pub state: String,
    pub created_at: i64,
}

pub async fn queue<'e, E: Executor<'e, Database = Any>>(ex: E, n: &NewNotification) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO notifications (kind, recipient_email, locale, ticket_id, subject, body_text, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(n.kind)
    .bind(&n.recipient_email)
    .bind(&n.locale)
    .bind(n.ticket_id)
    .bind(&n.subject)
    .bind(&n.body_text)
    .bind(now_ms())
    .fetch_one(ex)
    .await?;
    Ok(row.try_get(0)?)
}

const COLUMNS: &str =
    "id, kind, recipient_email, locale, ticket_id, subject, body_text, state, created_at";

fn notification(r: &sqlx::any::AnyRow) -> Result<Notification> {
    Ok(Notification {
        id: r.try_get(0)?,
        kind: r.try_get(1)?,
        recipient_email: r.try_get(2)?,
        locale: r.try_get(3)?,
        ticket_id: r.try_get(4)?,
        subject: r.try_get(5)?,
        body_text: r.try_get(6)?,
        state: r.try_get(7)?,
        created_at: r.try_get(8)?,
    })
}

/// The notifications sent or queued for one address, newest first.
pub async fn for_recipient(db: &Db, email: &str) -> Result<Vec<Notification>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM notifications WHERE recipient_email = $1 ORDER BY id DESC"
    ))
    .bind(email.to_lowercase())
    .fetch_all(db.read())
    .await?;
    rows.iter().map(notification).collect()
}

/// The oldest queued notifications, for the mail worker.
pub async fn queued(db: &Db, limit: i64) -> Result<Vec<Notification>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM notifications WHERE state = 'queued' ORDER BY id LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db.read())
    .await?;
    rows.iter().map(notification).collect()
}

pub async fn mark_sent(db: &Db, id: i64) -> Result<()> {
    sqlx::query("UPDATE notifications SET state = 'sent', sent_at = $1 WHERE id = $2")
        .bind(now_ms())
        .bind(id)
        .execute(db.write())
        .await?;
    Ok(())
}
