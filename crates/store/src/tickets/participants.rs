//! People who hear about a ticket besides its requester. *Participants*
//! are customers: copied on the mail that opened it, or added by an agent;
//! they see the ticket in the portal, may reply by mail and get what the
//! requester gets. *Watchers* are staff following a ticket.

use super::{record_change, Ticket};
use crate::notifications::Recipient;
use crate::{now_ms, Db, Result, StoreError};
use atbalsts_domain::{Email, Viewer};
use serde::Serialize;
use sqlx::{Any, Row};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Participant,
    Watcher,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Participant => "participant",
            Role::Watcher => "watcher",
        }
    }

    fn parse(s: &str) -> Self {
        if s == "watcher" {
            Role::Watcher
        } else {
            Role::Participant
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Participant {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub locale: Option<String>,
    pub role: Role,
}

/// Adds `email` (as a contact when unknown) to the ticket inside `tx`; a
/// person already there, or the requester, is left as they are.
pub(crate) async fn add_in(
    tx: &mut sqlx::Transaction<'static, Any>,
    ticket_id: i64,
    requester_id: i64,
    email: &Email,
    display_name: &str,
    role: Role,
    added_by: i64,
) -> Result<Option<i64>> {
    let user_id = crate::users::contact_for(tx, email, display_name, None).await?;
    if user_id == requester_id {
        return Ok(None);
    }
    let now = now_ms();
    let added = sqlx::query(
        "INSERT INTO ticket_participants (ticket_id, user_id, kind, added_by, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (ticket_id, user_id) DO NOTHING",
    )
    .bind(ticket_id)
    .bind(user_id)
    .bind(role.code())
    .bind(added_by)
    .bind(now)
    .execute(&mut **tx)
    .await?
    .rows_affected()
        > 0;
    if !added {
        return Ok(None);
    }
    record_change(
        tx,
        ticket_id,
        added_by,
        now,
        role.code(),
        None,
        Some(email.as_str()),
    )
    .await?;
    Ok(Some(user_id))
}

/// Staff add a participant (any address) or a watcher (a member of the
/// desk's staff); a customer may add participants to their own request.
pub async fn add(
    db: &Db,
    viewer: &Viewer,
    ticket: &Ticket,
    email: &Email,
    role: Role,
) -> Result<bool> {
    let staff = viewer.is_staff_on(ticket.desk_id);
    if !staff && (role == Role::Watcher || viewer.user_id != ticket.requester_id) {
        return Err(StoreError::Forbidden);
    }
    if role == Role::Watcher {
        let is_staff = match crate::users::user_by_email(db, email).await? {
            Some(u) => crate::users::viewer_by_id(db, u.id)
                .await?
                .is_some_and(|(_, v)| v.is_staff_on(ticket.desk_id)),
            None => false,
        };
        if !is_staff {
            return Err(StoreError::invalid("email", "error-watcher-not-staff"));
        }
    }
    let mut tx = db.write().begin().await?;
    let name = email.as_str().split('@').next().unwrap_or("").to_owned();
    let added = add_in(
        &mut tx,
        ticket.id,
        ticket.requester_id,
        email,
        &name,
        role,
        viewer.user_id,
    )
    .await?;
    tx.commit().await?;
    Ok(added.is_some())
}

/// Adds the people copied on a reply by mail as participants.
pub async fn add_copied(
    db: &Db,
    ticket: &Ticket,
    people: &[super::Contact],
    added_by: i64,
) -> Result<()> {
    let mut tx = db.write().begin().await?;
    for p in people {
        add_in(
            &mut tx,
            ticket.id,
            ticket.requester_id,
            &p.email,
            &p.display_name,
            Role::Participant,
            added_by,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Removes a person from the ticket: staff anyone, a person themselves.
pub async fn remove(db: &Db, viewer: &Viewer, ticket: &Ticket, user_id: i64) -> Result<bool> {
    if !viewer.is_staff_on(ticket.desk_id) && viewer.user_id != user_id {
        return Err(StoreError::Forbidden);
    }
    let mut tx = db.write().begin().await?;
    let email: Option<String> = sqlx::query(
        "SELECT u.email FROM ticket_participants p JOIN users u ON u.id = p.user_id \
         WHERE p.ticket_id = $1 AND p.user_id = $2",
    )
    .bind(ticket.id)
    .bind(user_id)
    .fetch_optional(&mut *tx)
    .await?
    .map(|r| r.try_get(0))
    .transpose()?;
    let Some(email) = email else {
        return Ok(false);
    };
    sqlx::query("DELETE FROM ticket_participants WHERE ticket_id = $1 AND user_id = $2")
        .bind(ticket.id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    record_change(
        &mut tx,
        ticket.id,
        viewer.user_id,
        now_ms(),
        "removed",
        Some(&email),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Everyone on the ticket besides its requester, participants first.
pub async fn participants_of(db: &Db, ticket_id: i64) -> Result<Vec<Participant>> {
    let rows = sqlx::query(
        "SELECT u.id, u.email, u.display_name, u.locale, p.kind FROM ticket_participants p \
         JOIN users u ON u.id = p.user_id WHERE p.ticket_id = $1 ORDER BY p.kind, p.created_at, u.id",
    )
    .bind(ticket_id)
    .fetch_all(db.read())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Participant {
                user_id: r.try_get(0)?,
                email: r.try_get(1)?,
                display_name: r.try_get(2)?,
                locale: r.try_get(3)?,
                role: Role::parse(&r.try_get::<String, _>(4)?),
            })
        })
        .collect()
}

/// Who hears about a change to the ticket made by `actor`: the customers
/// (requester and participants, each in their language) and the watchers
/// who have not switched watching off. The actor is never among them.
#[derive(Debug, Clone, Default)]
pub struct Audience {
    pub customers: Vec<Recipient>,
    pub watchers: Vec<Recipient>,
}

pub async fn audience(db: &Db, ticket: &Ticket, actor: i64) -> Result<Audience> {
    let rows = sqlx::query(
        "SELECT u.id, u.email, u.locale, 'requester' FROM users u WHERE u.id = $1 AND u.active = 1 \
         UNION ALL \
         SELECT u.id, u.email, u.locale, p.kind FROM ticket_participants p JOIN users u ON u.id = p.user_id \
         WHERE p.ticket_id = $2 AND u.active = 1 AND (p.kind = 'participant' OR NOT EXISTS \
         (SELECT 1 FROM notification_preferences n WHERE n.user_id = u.id AND n.kind = 'watched-updated' AND n.enabled = 0))",
    )
    .bind(ticket.requester_id)
    .bind(ticket.id)
    .fetch_all(db.read())
    .await?;
    let mut out = Audience::default();
    for r in rows {
        let recipient = Recipient {
            user_id: r.try_get(0)?,
            email: r.try_get(1)?,
            locale: r.try_get(2)?,
        };
        if recipient.user_id == actor {
            continue;
        }
        match r.try_get::<String, _>(3)?.as_str() {
            "watcher" => out.watchers.push(recipient),
            _ => out.customers.push(recipient),
        }
    }
    Ok(out)
}
