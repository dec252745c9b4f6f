//! The notification outbox. A notification is written in the transaction
//! of the change that causes it, so it exists exactly when the change does,
//! together with the job that delivers it; the mail worker sends it and
//! records the outcome. Its Message-ID is fixed here, so a retry after a
//! crash between the SMTP server's acceptance and our commit repeats the
//! same message rather than making a new one.

use crate::{now_ms, Db, Result};
use serde::Serialize;
use sqlx::{Any, Row, Transaction};

#[derive(Debug, Clone)]
pub struct NewNotification {
    /// What it is about: `request-received`, `sign-up`, `password-reset`, ...
    pub kind: &'static str,
    pub recipient_email: String,
    pub locale: String,
    pub ticket_id: Option<i64>,
    pub subject: String,
    pub body_text: String,
    /// `<...@domain>`, unique: made by the caller, who knows the mail domain.
    pub message_id: String,
    /// The desk whose own wording (`mail_templates`) replaces the default
    /// subject and body, if it has one for this kind and language.
    pub desk_id: Option<i64>,
    /// The placeholder values the subject and body were made from.
    pub values: Vec<(&'static str, String)>,
    /// Sending waits this long, so later notifications of a burst to the
    /// same person about the same ticket are folded into this one.
    pub hold_ms: i64,
}

/// The delivery job's kind.
pub const SEND_JOB: &str = "notification.send";
/// Delivery is retried with backoff until the notification is this old.
const MAX_ATTEMPTS: i64 = 100_000;

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
    pub message_id: Option<String>,
    pub in_reply_to: Option<String>,
    pub thread_refs: Option<String>,
    pub attempts: i64,
    pub last_error: Option<String>,
}

/// Queues a notification and its delivery job inside `tx`. A notification
/// about a ticket joins the ticket's mail thread: it answers the thread's
/// first message (the customer's own mail, or our first notification).
pub async fn queue(tx: &mut sqlx::Transaction<'static, Any>, n: &NewNotification) -> Result<i64> {
    let now = now_ms();
    let (mut subject, mut body) = (None, None);
    if let Some(desk) = n.desk_id {
        if let Some((s, b)) = crate::mail_templates::find_in(tx, desk, n.kind, &n.locale).await? {
            let values: Vec<(&str, &str)> =
                n.values.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let render = atbalsts_domain::mail_template::render;
            subject = Some(render(&s, &values).replace(['\r', '\n'], " "));
            body = Some(render(&b, &values));
        }
    }
    let mut root: Option<String> = None;
    if let Some(ticket) = n.ticket_id {
        root = sqlx::query(
            "SELECT message_id FROM mail_messages WHERE ticket_id = $1 ORDER BY created_at, message_id LIMIT 1",
        )
        .bind(ticket)
        .fetch_optional(&mut **tx)
        .await?
        .map(|r| r.try_get(0))
        .transpose()?;
        sqlx::query(
            "INSERT INTO mail_messages (message_id, ticket_id, direction, created_at) VALUES ($1, $2, 'out', $3)",
        )
        .bind(&n.message_id)
        .bind(ticket)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    let row = sqlx::query(
        "INSERT INTO notifications (kind, recipient_email, locale, ticket_id, subject, body_text, created_at, \
         message_id, in_reply_to, thread_refs) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
    )
    .bind(n.kind)
    .bind(&n.recipient_email)
    .bind(&n.locale)
    .bind(n.ticket_id)
    .bind(subject.as_ref().unwrap_or(&n.subject))
    .bind(body.as_ref().unwrap_or(&n.body_text))
    .bind(now)
    .bind(&n.message_id)
    .bind(root)
    .fetch_one(&mut **tx)
    .await?;
    let id: i64 = row.try_get(0)?;
    let run_at = now + n.hold_ms.max(0);
    crate::jobs::enqueue(&mut **tx, SEND_JOB, &id.to_string(), run_at, MAX_ATTEMPTS).await?;
    Ok(id)
}

const COLUMNS: &str =
    "id, kind, recipient_email, locale, ticket_id, subject, body_text, state, created_at, \
    message_id, in_reply_to, thread_refs, attempts, last_error";

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
        message_id: r.try_get(9)?,
        in_reply_to: r.try_get(10)?,
        thread_refs: r.try_get(11)?,
        attempts: r.try_get(12)?,
        last_error: r.try_get(13)?,
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

pub async fn by_id(db: &Db, id: i64) -> Result<Option<Notification>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM notifications WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db.read())
    .await?;
    row.as_ref().map(notification).transpose()
}

/// Folds the notifications queued after `first` for the same person about
/// the same ticket (of the kinds that may be folded) into it, and returns
/// them with `first`'s earlier folds, oldest first: they go out as one
/// message. Only later ones are folded into earlier ones, so two workers
/// never fold into each other.
pub async fn fold_into(db: &Db, first: &Notification) -> Result<Vec<Notification>> {
    let Some(ticket) = first.ticket_id else {
        return Ok(Vec::new());
    };
    let foldable = atbalsts_domain::mail_template::FOLDABLE;
    if !foldable.contains(&first.kind.as_str()) {
        return Ok(Vec::new());
    }
    // The kinds are constants of ours, so they may be written into the SQL.
    let kinds = foldable
        .iter()
        .map(|k| format!("'{k}'"))
        .collect::<Vec<_>>()
        .join(", ");
    sqlx::query(&format!(
        "UPDATE notifications SET state = 'folded', folded_into = $1 WHERE ticket_id = $2 \
         AND recipient_email = $3 AND id > $1 AND state = 'queued' AND kind IN ({kinds})"
    ))
    .bind(first.id)
    .bind(ticket)
    .bind(&first.recipient_email)
    .execute(db.write())
    .await?;
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM notifications WHERE folded_into = $1 ORDER BY id"
    ))
    .bind(first.id)
    .fetch_all(db.write())
    .await?;
    rows.iter().map(notification).collect()
}

/// Whether an earlier notification to the same person about the same ticket
/// is still waiting to be sent, and may yet take `later` into its message.
pub async fn earlier_pending(db: &Db, later: &Notification) -> Result<bool> {
    let Some(ticket) = later.ticket_id else {
        return Ok(false);
    };
    if !atbalsts_domain::mail_template::FOLDABLE.contains(&later.kind.as_str()) {
        return Ok(false);
    }
    let row = sqlx::query(
        "SELECT 1 FROM notifications WHERE ticket_id = $1 AND recipient_email = $2 AND id < $3 AND state = 'queued' LIMIT 1",
    )
    .bind(ticket)
    .bind(&later.recipient_email)
    .bind(later.id)
    .fetch_optional(db.write())
    .await?;
    Ok(row.is_some())
}

pub async fn mark_sent(db: &Db, id: i64) -> Result<()> {
    sqlx::query(
        "UPDATE notifications SET state = 'sent', sent_at = $1, attempts = attempts + 1, last_error = NULL WHERE id = $2",
    )
    .bind(now_ms())
    .bind(id)
    .execute(db.write())
    .await?;
    Ok(())
}

/// Records a failed attempt; `give_up` marks the notification failed for good
/// (administrators see it with the reason and may send it again).
pub async fn record_failure(db: &Db, id: i64, error: &str, give_up: bool) -> Result<()> {
    let state = if give_up { "failed" } else { "queued" };
    sqlx::query("UPDATE notifications SET attempts = attempts + 1, last_error = $1, state = $2 WHERE id = $3")
        .bind(error)
        .bind(state)
        .bind(id)
        .execute(db.write())
        .await?;
    Ok(())
}

/// Notifications that could not be delivered, newest first.
pub async fn failed(db: &Db, limit: i64) -> Result<Vec<Notification>> {
    failed_for(db, None, limit).await
}

/// Failed notifications about a desk's tickets, and those about no ticket
/// (sign-up and password mail), newest first.
pub async fn failed_for(db: &Db, desk_id: Option<i64>, limit: i64) -> Result<Vec<Notification>> {
    let columns = COLUMNS
        .split(", ")
        .map(|c| format!("n.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    let rows = sqlx::query(&format!(
        "SELECT {columns} FROM notifications n LEFT JOIN tickets t ON t.id = n.ticket_id \
         WHERE n.state = 'failed' AND ($1 IS NULL OR t.desk_id = $1 OR n.ticket_id IS NULL) ORDER BY n.id DESC LIMIT $2"
    ))
    .bind(desk_id)
    .bind(limit)
    .fetch_all(db.read())
    .await?;
    rows.iter().map(notification).collect()
}

/// Queues a failed notification again (the same message, the same Message-ID).
pub async fn retry(db: &Db, id: i64) -> Result<bool> {
    let mut tx = db.write().begin().await?;
    let done = sqlx::query("UPDATE notifications SET state = 'queued', created_at = $1 WHERE id = $2 AND state = 'failed'")
        .bind(now_ms())
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        > 0;
    if done {
        crate::jobs::enqueue(&mut *tx, SEND_JOB, &id.to_string(), now_ms(), MAX_ATTEMPTS).await?;
    }
    tx.commit().await?;
    Ok(done)
}

/// The notifications staff can switch on and off for themselves.
pub const AGENT_KINDS: &[&str] = &[
    "assigned-to-you",
    "new-in-queue",
    "customer-replied",
    "watched-updated",
];

/// Someone to notify: address and language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub user_id: i64,
    pub email: String,
    pub locale: Option<String>,
}

/// Staff to tell about a ticket: its assignee, or when it has none the
/// members of its team — except `exclude` (who caused it) and those who
/// switched `kind` off.
pub async fn agents_for(
    db: &Db,
    team_id: Option<i64>,
    assignee_id: Option<i64>,
    kind: &str,
    exclude: i64,
) -> Result<Vec<Recipient>> {
    let (sql, id) = match (assignee_id, team_id) {
        (Some(a), _) => ("SELECT u.id, u.email, u.locale FROM users u WHERE u.id = $1", a),
        (None, Some(t)) => (
            "SELECT u.id, u.email, u.locale FROM team_members m JOIN users u ON u.id = m.user_id WHERE m.team_id = $1",
            t,
        ),
        (None, None) => return Ok(Vec::new()),
    };
    let rows = sqlx::query(&format!(
        "{sql} AND u.active = 1 AND u.id <> $2 AND NOT EXISTS (SELECT 1 FROM notification_preferences p \
         WHERE p.user_id = u.id AND p.kind = $3 AND p.enabled = 0) ORDER BY u.id"
    ))
    .bind(id)
    .bind(exclude)
    .bind(kind)
    .fetch_all(db.read())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Recipient {
                user_id: r.try_get(0)?,
                email: r.try_get(1)?,
                locale: r.try_get(2)?,
            })
        })
        .collect()
}

/// Which of `AGENT_KINDS` a person has on.
pub async fn preferences(db: &Db, user_id: i64) -> Result<Vec<(&'static str, bool)>> {
    let rows = sqlx::query("SELECT kind, enabled FROM notification_preferences WHERE user_id = $1")
        .bind(user_id)
        .fetch_all(db.read())
        .await?;
    let mut off = Vec::new();
    for r in rows {
        if r.try_get::<i64, _>(1)? == 0 {
            off.push(r.try_get::<String, _>(0)?);
        }
    }
    Ok(AGENT_KINDS
        .iter()
        .map(|k| (*k, !off.iter().any(|o| o == k)))
        .collect())
}

pub async fn set_preference(db: &Db, user_id: i64, kind: &str, enabled: bool) -> Result<()> {
    sqlx::query(
        "INSERT INTO notification_preferences (user_id, kind, enabled) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, kind) DO UPDATE SET enabled = excluded.enabled",
    )
    .bind(user_id)
    .bind(kind)
    .bind(enabled as i64)
    .execute(db.write())
    .await?;
    Ok(())
}

fn recipient(r: &sqlx::any::AnyRow) -> Result<Recipient> {
    Ok(Recipient {
        user_id: r.try_get(0)?,
        email: r.try_get(1)?,
        locale: r.try_get(2)?,
    })
}

/// The team leads of the desk who are members of one of `teams`; all the
/// desk's team leads when the ticket has no team.
pub(crate) async fn team_leads(
    tx: &mut Transaction<'static, Any>,
    desk_id: i64,
    teams: &[i64],
) -> Result<Vec<Recipient>> {
    let rows = sqlx::query(
        "SELECT u.id, u.email, u.locale FROM desk_roles r JOIN users u ON u.id = r.user_id \
         WHERE r.desk_id = $1 AND r.role = 'team_lead' AND u.active = 1 ORDER BY u.id",
    )
    .bind(desk_id)
    .fetch_all(&mut **tx)
    .await?;
    let leads = rows.iter().map(recipient).collect::<Result<Vec<_>>>()?;
    if teams.is_empty() {
        return Ok(leads);
    }
    let mut members = Vec::new();
    for t in teams {
        for r in sqlx::query("SELECT user_id FROM team_members WHERE team_id = $1")
            .bind(*t)
            .fetch_all(&mut **tx)
            .await?
        {
            members.push(r.try_get::<i64, _>(0)?);
        }
    }
    Ok(leads
        .into_iter()
        .filter(|l| members.contains(&l.user_id))
        .collect())
}
