//! What inbound mail needs from the database: finding a ticket's thread by
//! Message-ID, and recording mail that was ignored, quarantined or bounced.

use crate::{now_ms, Db, Result};
use serde::Serialize;
use sqlx::Row;

/// Where a Message-ID belongs: the ticket and whether we sent it.
pub async fn message(db: &Db, message_id: &str) -> Result<Option<(i64, bool)>> {
    let row = sqlx::query("SELECT ticket_id, direction FROM mail_messages WHERE message_id = $1")
        .bind(message_id)
        .fetch_optional(db.read())
        .await?;
    row.map(|r| Ok((r.try_get(0)?, r.try_get::<String, _>(1)? == "out")))
        .transpose()
}

/// A Message-ID recorded before: its ticket, whether we sent it, and the
/// content hash of a received one (none for rows older than the hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub ticket_id: i64,
    pub ours: bool,
    pub content_hash: Option<String>,
}

pub async fn seen(db: &Db, message_id: &str) -> Result<Option<Seen>> {
    let row = sqlx::query(
        "SELECT ticket_id, direction, content_hash FROM mail_messages WHERE message_id = $1",
    )
    .bind(message_id)
    .fetch_optional(db.read())
    .await?;
    row.map(|r| {
        Ok(Seen {
            ticket_id: r.try_get(0)?,
            ours: r.try_get::<String, _>(1)? == "out",
            content_hash: r.try_get(2)?,
        })
    })
    .transpose()
}

/// Notes what a received message said, once it made a ticket or comment.
pub async fn record_content_hash(db: &Db, message_id: &str, hash: &str) -> Result<()> {
    sqlx::query("UPDATE mail_messages SET content_hash = $1 WHERE message_id = $2")
        .bind(hash)
        .bind(message_id)
        .execute(db.write())
        .await?;
    Ok(())
}

/// The ticket of the first of `ids` that belongs to one.
pub async fn ticket_of_thread(db: &Db, ids: &[String]) -> Result<Option<i64>> {
    for id in ids {
        if let Some((ticket, _)) = message(db, id).await? {
            return Ok(Some(ticket));
        }
    }
    Ok(None)
}

/// How many messages came in on a ticket in the last `window_ms`.
pub async fn recent_inbound(db: &Db, ticket_id: i64, window_ms: i64) -> Result<i64> {
    let row = sqlx::query(
        "SELECT COUNT(*) FROM mail_messages WHERE ticket_id = $1 AND direction = 'in' AND created_at > $2",
    )
    .bind(ticket_id)
    .bind(now_ms() - window_ms)
    .fetch_one(db.read())
    .await?;
    Ok(row.try_get(0)?)
}

#[derive(Debug, Clone, Serialize)]
pub struct Ignored {
    pub id: i64,
    pub reason: String,
    pub sender: String,
    pub subject: String,
    pub ticket_id: Option<i64>,
    pub received_at: i64,
}

pub async fn record_ignored(
    db: &Db,
    desk_id: i64,
    reason: &str,
    sender: &str,
    subject: &str,
    ticket_id: Option<i64>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO mail_ignored (desk_id, reason, sender, subject, ticket_id, received_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(desk_id)
    .bind(reason)
    .bind(sender)
    .bind(subject)
    .bind(ticket_id)
    .bind(now_ms())
    .execute(db.write())
    .await?;
    Ok(())
}

pub async fn ignored(db: &Db, desk_id: i64, limit: i64) -> Result<Vec<Ignored>> {
    let rows = sqlx::query(
        "SELECT id, reason, sender, subject, ticket_id, received_at FROM mail_ignored WHERE desk_id = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(desk_id)
    .bind(limit)
    .fetch_all(db.read())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Ignored {
                id: r.try_get(0)?,
                reason: r.try_get(1)?,
                sender: r.try_get(2)?,
                subject: r.try_get(3)?,
                ticket_id: r.try_get(4)?,
                received_at: r.try_get(5)?,
            })
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct Quarantined {
    pub id: i64,
    pub sha256: String,
    pub size_bytes: i64,
    pub reason: String,
    pub received_at: i64,
}

/// Keeps a message that could not be processed; its bytes are in the blob store.
pub async fn quarantine(
    db: &Db,
    desk_id: i64,
    sha256: &str,
    size: i64,
    reason: &str,
) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO mail_quarantine (desk_id, sha256, size_bytes, reason, received_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(desk_id)
    .bind(sha256)
    .bind(size)
    .bind(reason)
    .bind(now_ms())
    .fetch_one(db.write())
    .await?;
    Ok(row.try_get(0)?)
}

pub async fn quarantined(db: &Db, desk_id: i64, limit: i64) -> Result<Vec<Quarantined>> {
    let rows = sqlx::query(
        "SELECT id, sha256, size_bytes, reason, received_at FROM mail_quarantine WHERE desk_id = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(desk_id)
    .bind(limit)
    .fetch_all(db.read())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Quarantined {
                id: r.try_get(0)?,
                sha256: r.try_get(1)?,
                size_bytes: r.try_get(2)?,
                reason: r.try_get(3)?,
                received_at: r.try_get(4)?,
            })
        })
        .collect()
}

/// Marks an address as failing (a bounce said so); shown with the person.
pub async fn mark_failing(db: &Db, email: &str, reason: &str) -> Result<bool> {
    let done = sqlx::query("UPDATE users SET email_failing = $1 WHERE email = $2")
        .bind(reason)
        .bind(email.to_lowercase())
        .execute(db.write())
        .await?
        .rows_affected();
    Ok(done > 0)
}

/// Why mail to this address is failing, if it is.
pub async fn failing(db: &Db, email: &str) -> Result<Option<String>> {
    let row = sqlx::query("SELECT email_failing FROM users WHERE email = $1")
        .bind(email.to_lowercase())
        .fetch_optional(db.read())
        .await?;
    Ok(row.map(|r| r.try_get(0)).transpose()?.flatten())
}

/// Takes the polling lease of a mailbox for `ms`; `None` when another
/// instance holds it. Returns the mailbox's (uid_validity, last_uid).
pub async fn lease_mailbox(
    db: &Db,
    name: &str,
    worker: &str,
    ms: i64,
) -> Result<Option<(i64, i64)>> {
    let now = now_ms();
    sqlx::query("INSERT INTO mail_mailboxes (name) VALUES ($1) ON CONFLICT (name) DO NOTHING")
        .bind(name)
        .execute(db.write())
        .await?;
    let row = sqlx::query(
        "UPDATE mail_mailboxes SET lease_until = $1, locked_by = $2 \
         WHERE name = $3 AND (lease_until IS NULL OR lease_until < $4 OR locked_by = $2) \
         RETURNING uid_validity, last_uid",
    )
    .bind(now + ms)
    .bind(worker)
    .bind(name)
    .bind(now)
    .fetch_optional(db.write())
    .await?;
    row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).transpose()
}

/// Remembers how far a mailbox was processed (while holding its lease).
pub async fn advance_mailbox(
    db: &Db,
    name: &str,
    worker: &str,
    uid_validity: i64,
    last_uid: i64,
) -> Result<()> {
    sqlx::query("UPDATE mail_mailboxes SET uid_validity = $1, last_uid = $2 WHERE name = $3 AND locked_by = $4")
        .bind(uid_validity)
        .bind(last_uid)
        .bind(name)
        .bind(worker)
        .execute(db.write())
        .await?;
    Ok(())
}

pub async fn release_mailbox(db: &Db, name: &str, worker: &str) -> Result<()> {
    sqlx::query("UPDATE mail_mailboxes SET lease_until = NULL, locked_by = NULL WHERE name = $1 AND locked_by = $2")
        .bind(name)
        .bind(worker)
        .execute(db.write())
        .await?;
    Ok(())
}

/// A mail's formatted version stored before inline images were named by
/// their content (`cid:` + the sender's Content-ID), with the Content-IDs
/// and SHA-256 of the files that came with it.
#[derive(Debug, Clone)]
pub struct StoredMailHtml {
    /// `None`: the ticket's description; else the comment.
    pub comment_id: Option<i64>,
    pub ticket_id: i64,
    pub html: String,
    pub images: Vec<(String, String)>,
}

/// Stored mail HTML that holds a `cid:` image, after `after` (ticket
/// descriptions first, then comments, each by id), at most `limit` rows.
pub async fn mail_html_with_images(
    db: &Db,
    comments: bool,
    after: i64,
    limit: i64,
) -> Result<Vec<StoredMailHtml>> {
    let sql = if comments {
        "SELECT c.id, c.ticket_id, c.body_html FROM comments c \
         WHERE c.id > $1 AND c.body_html LIKE '%src=\"cid:%' ORDER BY c.id LIMIT $2"
    } else {
        "SELECT NULL, t.id, t.description_html FROM tickets t \
         WHERE t.id > $1 AND t.description_html LIKE '%src=\"cid:%' ORDER BY t.id LIMIT $2"
    };
    let rows = sqlx::query(sql)
        .bind(after)
        .bind(limit)
        .fetch_all(db.read())
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let comment_id: Option<i64> = r.try_get(0)?;
        let ticket_id: i64 = r.try_get(1)?;
        let files = match comment_id {
            Some(c) => sqlx::query(
                "SELECT content_id, sha256 FROM attachments WHERE comment_id = $1 AND content_id IS NOT NULL",
            )
            .bind(c),
            None => sqlx::query(
                "SELECT content_id, sha256 FROM attachments WHERE ticket_id = $1 AND comment_id IS NULL AND content_id IS NOT NULL",
            )
            .bind(ticket_id),
        }
        .fetch_all(db.read())
        .await?;
        out.push(StoredMailHtml {
            comment_id,
            ticket_id,
            html: r.try_get(2)?,
            images: files
                .iter()
                .map(|f| Ok((f.try_get(0)?, f.try_get(1)?)))
                .collect::<Result<_>>()?,
        });
    }
    Ok(out)
}

/// Replaces a stored mail HTML, only if it is still `old` (another
/// instance may have done it already).
pub async fn replace_mail_html(db: &Db, row: &StoredMailHtml, new_html: &str) -> Result<bool> {
    let done = match row.comment_id {
        Some(c) => {
            sqlx::query("UPDATE comments SET body_html = $1 WHERE id = $2 AND body_html = $3")
                .bind(new_html)
                .bind(c)
        }
        None => sqlx::query(
            "UPDATE tickets SET description_html = $1 WHERE id = $2 AND description_html = $3",
        )
        .bind(new_html)
        .bind(row.ticket_id),
    }
    .bind(&row.html)
    .execute(db.write())
    .await?;
    Ok(done.rows_affected() > 0)
}
