//! Approval before work starts. A ticket of a request type that needs it is
//! created in the status `awaiting_approval`, and each approver gets a
//! single-use link that expires. The first decision — by link, by an
//! approver signed in, or by the desk's staff on their behalf — decides:
//! approval moves the ticket to `open`, rejection closes it with the reason
//! as a public reply to the requester. Every decision is in the history.

use super::transition::move_status;
use super::{record_change, Ticket};
use crate::notifications::{NewNotification, Recipient};
use crate::{now_ms, sessions, workflows, Db, Result, StoreError};
use atbalsts_domain::{Email, Viewer};
use serde::Serialize;
use sqlx::{Any, Row};

/// The status a ticket waits in for its approval.
pub const AWAITING: &str = "awaiting_approval";
/// How long an approval link stays valid.
pub const LINK_TTL_MS: i64 = 7 * 24 * 3600 * 1000;

/// Someone asked to approve, with the secret of their link.
#[derive(Debug, Clone)]
pub struct Asked {
    pub recipient: Recipient,
    pub token: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Approval {
    pub approver_id: i64,
    pub approver_name: String,
    pub approver_email: String,
    pub state: String,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<i64>,
    pub comment: Option<String>,
}

/// Who the approvers of a new ticket are: the request type's named people,
/// else the heads of the requester's institution (people who see its
/// requests) — never the requester.
pub(crate) async fn ask_in(
    tx: &mut sqlx::Transaction<'static, Any>,
    ticket_id: i64,
    requester_id: i64,
    institution_id: Option<i64>,
    named: &str,
    now: i64,
) -> Result<Vec<Asked>> {
    let mut people: Vec<Recipient> = Vec::new();
    for email in named
        .split([',', ' ', '\n'])
        .filter(|e| !e.trim().is_empty())
    {
        let Ok(email) = Email::parse(email.trim()) else {
            continue;
        };
        let row =
            sqlx::query("SELECT id, email, locale FROM users WHERE email = $1 AND active = 1")
                .bind(email.as_str())
                .fetch_optional(&mut **tx)
                .await?;
        if let Some(r) = row {
            people.push(recipient(&r)?);
        }
    }
    if people.is_empty() {
        if let Some(institution) = institution_id {
            let rows = sqlx::query(
                "SELECT id, email, locale FROM users WHERE institution_id = $1 AND sees_institution_tickets = 1 \
                 AND active = 1 ORDER BY id",
            )
            .bind(institution)
            .fetch_all(&mut **tx)
            .await?;
            for r in &rows {
                people.push(recipient(r)?);
            }
        }
    }
    people.retain(|p| p.user_id != requester_id);
    let mut asked = Vec::new();
    for p in people {
        let token = sessions::random_token("apr_");
        let inserted = sqlx::query(
            "INSERT INTO approvals (ticket_id, approver_id, token_hash, expires_at, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (ticket_id, approver_id) DO NOTHING",
        )
        .bind(ticket_id)
        .bind(p.user_id)
        .bind(sessions::hash_token(&token))
        .bind(now + LINK_TTL_MS)
        .bind(now)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if inserted > 0 {
            asked.push(Asked {
                recipient: p,
                token,
            });
        }
    }
    Ok(asked)
}

fn recipient(r: &sqlx::any::AnyRow) -> Result<Recipient> {
    Ok(Recipient {
        user_id: r.try_get(0)?,
        email: r.try_get(1)?,
        locale: r.try_get(2)?,
    })
}

/// The approvals of a ticket, for its page.
pub async fn approvals_of(db: &Db, ticket_id: i64) -> Result<Vec<Approval>> {
    let rows = sqlx::query(
        "SELECT a.approver_id, u.display_name, u.email, a.state, d.display_name, a.decided_at, a.comment \
         FROM approvals a JOIN users u ON u.id = a.approver_id LEFT JOIN users d ON d.id = a.decided_by \
         WHERE a.ticket_id = $1 ORDER BY a.id",
    )
    .bind(ticket_id)
    .fetch_all(db.read())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Approval {
                approver_id: r.try_get(0)?,
                approver_name: r.try_get(1)?,
                approver_email: r.try_get(2)?,
                state: r.try_get(3)?,
                decided_by_name: r.try_get(4)?,
                decided_at: r.try_get(5)?,
                comment: r.try_get(6)?,
            })
        })
        .collect()
}

/// The ticket a still valid link is for, and the approver it was sent to.
/// A used, expired or unknown link answers `None`.
pub async fn by_token(db: &Db, token: &str) -> Result<Option<(i64, i64)>> {
    let row = sqlx::query(
        "SELECT a.ticket_id, a.approver_id FROM approvals a JOIN tickets t ON t.id = a.ticket_id \
         WHERE a.token_hash = $1 AND a.state = 'pending' AND a.expires_at > $2 AND t.status = $3",
    )
    .bind(sessions::hash_token(token))
    .bind(now_ms())
    .bind(AWAITING)
    .fetch_optional(db.read())
    .await?;
    row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).transpose()
}

/// Whether `viewer` may decide on the ticket from its page: one of its
/// approvers, or the desk's staff (recorded as deciding on their behalf).
pub async fn may_decide(db: &Db, viewer: &Viewer, ticket: &Ticket) -> Result<bool> {
    if ticket.status != AWAITING {
        return Ok(false);
    }
    if viewer.is_staff_on(ticket.desk_id) {
        return Ok(true);
    }
    let row = sqlx::query(
        "SELECT 1 FROM approvals WHERE ticket_id = $1 AND approver_id = $2 AND state = 'pending'",
    )
    .bind(ticket.id)
    .bind(viewer.user_id)
    .fetch_optional(db.read())
    .await?;
    Ok(row.is_some())
}

/// Who decides: the holder of a link, or a signed-in person.
#[derive(Debug, Clone, Copy)]
pub enum Decider<'a> {
    Link(&'a str),
    Person(&'a Viewer),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject,
}

/// Records the decision and moves the ticket on, in one transaction with
/// the notifications `compose` makes (given the new status): approved, the
/// ticket opens for work; rejected, it closes and the reason goes to the
/// requester as a public reply. A rejection needs a reason.
pub async fn decide(
    db: &Db,
    decider: Decider<'_>,
    ticket: &Ticket,
    decision: Decision,
    comment: &str,
    compose: impl FnOnce(&workflows::StatusInfo, i64) -> Vec<NewNotification>,
) -> Result<()> {
    let comment = atbalsts_domain::ticket::without_controls(comment.trim());
    if decision == Decision::Reject && comment.is_empty() {
        return Err(StoreError::invalid(
            "approval_comment",
            "error-reject-reason",
        ));
    }
    if comment.chars().count() > 4000 {
        return Err(StoreError::invalid("approval_comment", "error-too-long"));
    }
    if ticket.status != AWAITING {
        return Err(StoreError::Conflict("error-approval-decided"));
    }
    let now = now_ms();
    let sla = crate::sla::prepare(db, ticket.desk_id).await?;
    let mut tx = db.write().begin().await?;
    // Who decides, and whose approval it is.
    let (decided_by, on_behalf) = match decider {
        Decider::Link(token) => {
            let row = sqlx::query(
                "SELECT approver_id FROM approvals WHERE ticket_id = $1 AND token_hash = $2 \
                 AND state = 'pending' AND expires_at > $3",
            )
            .bind(ticket.id)
            .bind(sessions::hash_token(token))
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
            (row.try_get::<i64, _>(0)?, false)
        }
        Decider::Person(viewer) => {
            let asked = sqlx::query(
                "SELECT 1 FROM approvals WHERE ticket_id = $1 AND approver_id = $2 AND state = 'pending'",
            )
            .bind(ticket.id)
            .bind(viewer.user_id)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
            if !asked && !viewer.is_staff_on(ticket.desk_id) {
                return Err(StoreError::NotFound);
            }
            (viewer.user_id, !asked)
        }
    };
    let state = match decision {
        Decision::Approve => "approved",
        Decision::Reject => "rejected",
    };
    // Every pending approval of the ticket ends with this decision; the
    // deciding one (or all, when staff decide on their behalf) carries it.
    sqlx::query(
        "UPDATE approvals SET state = CASE WHEN approver_id = $1 OR $2 = 1 THEN $3 ELSE 'superseded' END, \
         decided_by = $1, decided_at = $4, comment = CASE WHEN approver_id = $1 OR $2 = 1 THEN $5 ELSE NULL END \
         WHERE ticket_id = $6 AND state = 'pending'",
    )
    .bind(decided_by)
    .bind(on_behalf as i64)
    .bind(state)
    .bind(now)
    .bind(if comment.is_empty() { None } else { Some(comment.clone()) })
    .bind(ticket.id)
    .execute(&mut *tx)
    .await?;
    let label = if comment.is_empty() {
        state.to_owned()
    } else {
        format!("{state}: {comment}")
    };
    record_change(
        &mut tx,
        ticket.id,
        decided_by,
        now,
        "approval",
        None,
        Some(&label),
    )
    .await?;
    let (workflow, statuses) = workflows::workflow(db, ticket.workflow_id).await?;
    let to = match decision {
        Decision::Approve => "open",
        Decision::Reject => "closed",
    };
    let target = workflow
        .check_transition(&ticket.status, to)
        .map_err(|code| StoreError::invalid("status", code))?;
    move_status(&mut tx, ticket, target, None, decided_by, now).await?;
    crate::sla::refresh(&mut tx, &sla, ticket.id, now).await?;
    if decision == Decision::Reject {
        sqlx::query(
            "INSERT INTO comments (ticket_id, author_id, body, is_public, created_at) VALUES ($1, $2, $3, 1, $4)",
        )
        .bind(ticket.id)
        .bind(decided_by)
        .bind(&comment)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    if let Some(info) = statuses.iter().find(|s| s.code == target.code) {
        for n in compose(info, decided_by) {
            crate::notifications::queue(&mut tx, &n).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Who vouches for a ticket's institution, for its page.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct InstitutionClaim {
    pub confirmed: bool,
    pub filed_without_sign_in: bool,
}

pub async fn institution_claim(db: &Db, ticket_id: i64) -> Result<InstitutionClaim> {
    let row = sqlx::query(
        "SELECT institution_confirmed, filed_without_sign_in FROM tickets WHERE id = $1",
    )
    .bind(ticket_id)
    .fetch_one(db.read())
    .await?;
    Ok(InstitutionClaim {
        confirmed: row.try_get::<i64, _>(0)? != 0,
        filed_without_sign_in: row.try_get::<i64, _>(1)? != 0,
    })
}

/// Staff of the desk confirm the institution a ticket was filed for; a
/// ticket waiting for approval then asks its approvers, in one transaction
/// with the notifications `compose` makes for them. Anyone else, or a
/// ticket already confirmed, answers `NotFound`.
pub async fn confirm_institution(
    db: &Db,
    viewer: &Viewer,
    ticket: &Ticket,
    compose: impl FnOnce(&[Asked]) -> Vec<NewNotification>,
) -> Result<Vec<Asked>> {
    if !viewer.is_staff_on(ticket.desk_id) {
        return Err(StoreError::NotFound);
    }
    let now = now_ms();
    let mut tx = db.write().begin().await?;
    let confirmed = sqlx::query(
        "UPDATE tickets SET institution_confirmed = 1, updated_at = $1 WHERE id = $2 AND institution_confirmed = 0",
    )
    .bind(now)
    .bind(ticket.id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if confirmed == 0 {
        return Err(StoreError::NotFound);
    }
    record_change(
        &mut tx,
        ticket.id,
        viewer.user_id,
        now,
        "institution_confirmed",
        None,
        ticket.institution_name.as_deref(),
    )
    .await?;
    let approval = sqlx::query(
        "SELECT rt.approvers FROM tickets t JOIN request_types rt ON rt.id = t.request_type_id \
         WHERE t.id = $1 AND rt.needs_approval = 1 AND t.status = $2",
    )
    .bind(ticket.id)
    .bind(AWAITING)
    .fetch_optional(&mut *tx)
    .await?;
    let asked = match approval {
        Some(row) => {
            let named: String = row.try_get(0)?;
            ask_in(
                &mut tx,
                ticket.id,
                ticket.requester_id,
                ticket.institution_id,
                &named,
                now,
            )
            .await?
        }
        None => Vec::new(),
    };
    for n in compose(&asked) {
        crate::notifications::queue(&mut tx, &n).await?;
    }
    tx.commit().await?;
    Ok(asked)
}
