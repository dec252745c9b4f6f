use super::{Attachment, NewAttachment, Ticket};
use crate::{now_ms, Db, Result, StoreError};
use atbalsts_domain::Viewer;
use serde::Serialize;
use sqlx::Row;

#[derive(Debug, Clone, Serialize)]
pub struct Comment {
    pub id: i64,
    pub author_id: i64,
    pub author_name: String,
    pub body: String,
    pub is_public: bool,
    pub created_at: i64,
    pub attachments: Vec<Attachment>,
    /// The formatted version of a comment that came by mail (clean HTML).
    pub body_html: Option<String>,
}

/// The mail a comment came from: its Message-ID (recorded in the same
/// transaction, so a second delivery of the message changes nothing) and
/// its cleaned HTML version, if it had one.
#[derive(Debug, Clone, Copy)]
pub struct MailOrigin<'a> {
    pub message_id: &'a str,
    pub html: Option<&'a str>,
}

/// Adds a public reply or (staff only) an internal note, with its files.
/// The files' contents must already be in the blob store.
pub async fn add_comment(
    db: &Db,
    viewer: &Viewer,
    ticket: &Ticket,
    body: &str,
    is_public: bool,
    files: &[NewAttachment],
) -> Result<i64> {
    add_comment_with_mail(db, viewer, ticket, body, is_public, files, None).await
}

/// As `add_comment`; with `mail`, the Message-ID of the email it came from
/// is recorded in the same transaction, so a message delivered twice (a
/// retried IMAP fetch, two instances) makes one comment: the second attempt
/// fails on the Message-ID and changes nothing.
pub async fn add_comment_with_mail(
    db: &Db,
    viewer: &Viewer,
    ticket: &Ticket,
    body: &str,
    is_public: bool,
    files: &[NewAttachment],
    mail: Option<MailOrigin<'_>>,
) -> Result<i64> {
    add_comment_notifying(db, viewer, ticket, body, is_public, files, mail, |_| {
        Vec::new()
    })
    .await
}

/// Adds a comment and, in the same transaction, the notifications that
/// `compose` makes for it (given the new comment's id).
#[allow(clippy::too_many_arguments)]
pub async fn add_comment_notifying(
    db: &Db,
    viewer: &Viewer,
    ticket: &Ticket,
    body: &str,
    is_public: bool,
    files: &[NewAttachment],
    mail: Option<MailOrigin<'_>>,
    compose: impl FnOnce(i64) -> Vec<crate::notifications::NewNotification>,
) -> Result<i64> {
    if !is_public && !viewer.is_staff_on(ticket.desk_id) {
        return Err(StoreError::Forbidden);
    }
    let now = now_ms();
    // A public reply by staff may be the first response.
    let staff_reply = is_public && viewer.is_staff_on(ticket.desk_id);
    let sla = crate::sla::prepare_if(db, ticket.desk_id, staff_reply).await?;
    let mut tx = db.write().begin().await?;
    if let Some(m) = mail {
        super::record_mail_message(&mut tx, m.message_id, ticket.id, now).await?;
    }
    let id = insert(&mut tx, viewer, ticket, body, is_public, files, mail, now).await?;
    crate::sla::refresh(&mut tx, &sla, ticket.id, now).await?;
    for n in compose(id) {
        crate::notifications::queue(&mut tx, &n).await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Writes the comment, its files and the ticket's new version inside `tx`.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    viewer: &Viewer,
    ticket: &Ticket,
    body: &str,
    is_public: bool,
    files: &[NewAttachment],
    mail: Option<MailOrigin<'_>>,
    now: i64,
) -> Result<i64> {
    let id: i64 = sqlx::query(
        "INSERT INTO comments (ticket_id, author_id, body, is_public, created_at, body_html) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(ticket.id)
    .bind(viewer.user_id)
    .bind(body)
    .bind(is_public as i64)
    .bind(now)
    .bind(mail.and_then(|m| m.html).map(str::to_owned))
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?;
    for f in files {
        super::attachments::insert(&mut **tx, ticket.id, Some(id), viewer.user_id, f, now).await?;
    }
    crate::search_log::note(&mut **tx, crate::search_log::TICKET, ticket.id).await?;
    sqlx::query("UPDATE tickets SET updated_at = $1, version = version + 1 WHERE id = $2")
        .bind(now)
        .bind(ticket.id)
        .execute(&mut **tx)
        .await?;
    Ok(id)
}

/// The conversation of a ticket the viewer may see; internal notes only for staff.
pub async fn comments_of(db: &Db, viewer: &Viewer, ticket: &Ticket) -> Result<Vec<Comment>> {
    let staff = viewer.is_staff_on(ticket.desk_id);
    let rows = sqlx::query(
        "SELECT c.id, c.author_id, u.display_name, c.body, c.is_public, c.created_at, c.body_html \
         FROM comments c JOIN users u ON u.id = c.author_id \
         WHERE c.ticket_id = $1 AND (c.is_public = 1 OR $2 = 1) ORDER BY c.id",
    )
    .bind(ticket.id)
    .bind(staff as i64)
    .fetch_all(db.read())
    .await?;
    let files = super::attachments_of(db, viewer, ticket).await?;
    rows.iter()
        .map(|r| {
            let id: i64 = r.try_get(0)?;
            Ok(Comment {
                id,
                author_id: r.try_get(1)?,
                author_name: r.try_get(2)?,
                body: r.try_get(3)?,
                is_public: r.try_get::<i64, _>(4)? != 0,
                created_at: r.try_get(5)?,
                attachments: files
                    .iter()
                    .filter(|a| a.comment_id == Some(id))
                    .cloned()
                    .collect(),
                body_html: r.try_get(6)?,
            })
        })
        .collect()
}
