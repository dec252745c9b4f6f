//! Triage of a ticket by staff: impact, urgency, the priority they give
//! (or an override with its reason), team and assignee. One call, one
//! transaction, one audit entry per changed field.

use super::{record_change, Ticket};
use crate::notifications::NewNotification;
use crate::{now_ms, Db, Result, StoreError};
use atbalsts_domain::triage::{decide, Level, PriorityMatrix};
use atbalsts_domain::{Priority, Viewer};
use sqlx::Row;

#[derive(Debug, Clone)]
pub struct Triage {
    /// `None` only while the ticket has none: triage never writes a level
    /// that nobody chose.
    pub impact: Option<Level>,
    pub urgency: Option<Level>,
    /// A priority other than the matrix's needs `reason`.
    pub priority: Option<Priority>,
    pub reason: String,
    pub team_id: Option<i64>,
    pub assignee_id: Option<i64>,
    /// From the categories of the ticket's type.
    pub category_id: Option<i64>,
    /// From the desk's root-cause classifier (problems).
    pub root_cause_id: Option<i64>,
}

/// The desk's priority matrix (the ITIL default unless it set its own).
pub async fn matrix_of(db: &Db, desk_id: i64) -> Result<PriorityMatrix> {
    let row = sqlx::query("SELECT matrix FROM priority_matrices WHERE desk_id = $1")
        .bind(desk_id)
        .fetch_optional(db.read())
        .await?;
    match row {
        None => Ok(PriorityMatrix::default()),
        Some(r) => serde_json::from_str(&r.try_get::<String, _>(0)?)
            .map_err(|e| StoreError::Corrupt(format!("priority matrix: {e}"))),
    }
}

pub async fn set_matrix(db: &Db, desk_id: i64, matrix: &PriorityMatrix) -> Result<()> {
    let json = serde_json::to_string(matrix).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    sqlx::query(
        "INSERT INTO priority_matrices (desk_id, matrix) VALUES ($1, $2) \
         ON CONFLICT (desk_id) DO UPDATE SET matrix = excluded.matrix",
    )
    .bind(desk_id)
    .bind(json)
    .execute(db.write())
    .await?;
    Ok(())
}

/// Applies a triage; `compose` makes the notifications of it (such as
/// "assigned to you"), given the new assignee, in the same transaction.
pub async fn triage(
    db: &Db,
    viewer: &Viewer,
    ticket: &Ticket,
    t: &Triage,
    expected_version: Option<i64>,
    compose: impl FnOnce(Option<i64>) -> Vec<NewNotification>,
) -> Result<()> {
    if !viewer.is_staff_on(ticket.desk_id) {
        return Err(StoreError::Forbidden);
    }
    let matrix = matrix_of(db, ticket.desk_id).await?;
    let (priority, reason) = match (t.impact, t.urgency) {
        (Some(impact), Some(urgency)) => decide(&matrix, impact, urgency, t.priority, &t.reason),
        // Without both levels the matrix has nothing to say: the priority
        // stays, unless one is chosen (with a reason, as any override).
        _ => {
            let current = ticket.priority;
            match t.priority {
                Some(p) if p != current => decide(
                    &PriorityMatrix([[current; 3]; 3]),
                    Level::Medium,
                    Level::Medium,
                    Some(p),
                    &t.reason,
                ),
                _ => Ok((current, ticket.priority_reason.clone())),
            }
        }
    }
    .map_err(|code| StoreError::invalid("priority_reason", code))?;
    let teams = crate::desks::teams_of(db, ticket.desk_id).await?;
    let staff = crate::desks::staff_of(db, ticket.desk_id).await?;
    if t.team_id
        .is_some_and(|team| !teams.iter().any(|x| x.id == team))
    {
        return Err(StoreError::invalid("team", "error-team-unknown"));
    }
    if t.assignee_id
        .is_some_and(|a| !staff.iter().any(|(id, _)| *id == a))
    {
        return Err(StoreError::invalid("assignee", "error-assignee-unknown"));
    }
    let categories = crate::categories::of_desk(
        db,
        ticket.desk_id,
        crate::categories::Kind::Category,
        Some(ticket.ticket_type_id),
    )
    .await?;
    let causes =
        crate::categories::of_desk(db, ticket.desk_id, crate::categories::Kind::RootCause, None)
            .await?;
    // A retired entry may stay where it is, but not be chosen anew.
    let offered = |list: &[crate::categories::Category], chosen: i64, current: Option<i64>| {
        list.iter()
            .any(|x| x.id == chosen && (!x.retired || current == Some(chosen)))
    };
    if t.category_id
        .is_some_and(|c| !offered(&categories, c, ticket.category_id))
    {
        return Err(StoreError::invalid("category", "error-choice-unknown"));
    }
    if t.root_cause_id
        .is_some_and(|c| !offered(&causes, c, ticket.root_cause_id))
    {
        return Err(StoreError::invalid("root_cause", "error-choice-unknown"));
    }
    let label_of = |list: &[crate::categories::Category], id: Option<i64>| {
        id.map(|i| {
            list.iter()
                .find(|x| x.id == i)
                .map(|x| x.code.clone())
                .unwrap_or_else(|| i.to_string())
        })
    };
    // The history shows names, as people know them.
    let team_name = |id: Option<i64>| {
        id.map(|i| {
            teams
                .iter()
                .find(|x| x.id == i)
                .map(|x| x.name.clone())
                .unwrap_or_else(|| i.to_string())
        })
    };
    let person_name = |id: Option<i64>| {
        id.map(|i| {
            staff
                .iter()
                .find(|x| x.0 == i)
                .map(|x| x.1.clone())
                .unwrap_or_else(|| i.to_string())
        })
    };
    let now = now_ms();
    let sla = crate::sla::prepare(db, ticket.desk_id).await?;
    let mut tx = db.write().begin().await?;
    let current = sqlx::query(
        "SELECT impact, urgency, priority, priority_reason, team_id, assignee_id, version, category_id, root_cause_id \
         FROM tickets WHERE id = $1",
    )
    .bind(ticket.id)
    .fetch_one(&mut *tx)
    .await?;
    let version: i64 = current.try_get(6)?;
    if expected_version.is_some_and(|v| v != version) {
        return Err(StoreError::Conflict("error-ticket-changed"));
    }
    let old_text = |i: usize| -> Result<Option<String>> { Ok(current.try_get(i)?) };
    let old_id = |i: usize| -> Result<Option<i64>> { Ok(current.try_get(i)?) };
    let changes: Vec<(&str, Option<String>, Option<String>)> = vec![
        (
            "impact",
            old_text(0)?,
            t.impact.map(|l| l.code().to_owned()),
        ),
        (
            "urgency",
            old_text(1)?,
            t.urgency.map(|l| l.code().to_owned()),
        ),
        ("priority", old_text(2)?, Some(priority.code().to_owned())),
        ("priority_reason", old_text(3)?, reason.clone()),
        ("team", team_name(old_id(4)?), team_name(t.team_id)),
        (
            "assignee",
            person_name(old_id(5)?),
            person_name(t.assignee_id),
        ),
        (
            "category",
            label_of(&categories, old_id(7)?),
            label_of(&categories, t.category_id),
        ),
        (
            "root_cause",
            label_of(&causes, old_id(8)?),
            label_of(&causes, t.root_cause_id),
        ),
    ];
    let changed: Vec<_> = changes
        .into_iter()
        .filter(|(_, old, new)| old != new)
        .collect();
    if changed.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "UPDATE tickets SET impact = $1, urgency = $2, priority = $3, priority_reason = $4, team_id = $5, \
         assignee_id = $6, updated_at = $7, version = version + 1, category_id = $9, root_cause_id = $10 WHERE id = $8",
    )
    .bind(t.impact.map(|l| l.code()))
    .bind(t.urgency.map(|l| l.code()))
    .bind(priority.code())
    .bind(reason.clone())
    .bind(t.team_id)
    .bind(t.assignee_id)
    .bind(now)
    .bind(ticket.id)
    .bind(t.category_id)
    .bind(t.root_cause_id)
    .execute(&mut *tx)
    .await?;
    for (field, old, new) in &changed {
        record_change(
            &mut tx,
            ticket.id,
            viewer.user_id,
            now,
            field,
            old.as_deref(),
            new.as_deref(),
        )
        .await?;
    }
    crate::sla::refresh(&mut tx, &sla, ticket.id, now).await?;
    let newly_assigned = changed
        .iter()
        .any(|(f, ..)| *f == "assignee")
        .then_some(t.assignee_id)
        .flatten()
        .filter(|a| *a != viewer.user_id);
    for n in compose(newly_assigned) {
        crate::notifications::queue(&mut tx, &n).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Gives the ticket to `assignee_id` (one of the desk's staff, or nobody)
/// and changes nothing else: one audit entry, for the assignee. `compose`
/// makes the notifications of it, given the newly assigned person (not
/// when one assigns oneself), in the same transaction.
pub async fn assign(
    db: &Db,
    viewer: &Viewer,
    ticket: &Ticket,
    assignee_id: Option<i64>,
    expected_version: Option<i64>,
    compose: impl FnOnce(Option<i64>) -> Vec<NewNotification>,
) -> Result<()> {
    if !viewer.is_staff_on(ticket.desk_id) {
        return Err(StoreError::Forbidden);
    }
    let staff = crate::desks::staff_of(db, ticket.desk_id).await?;
    let name = |id: Option<i64>| {
        id.map(|i| {
            staff
                .iter()
                .find(|x| x.0 == i)
                .map(|x| x.1.clone())
                .unwrap_or_else(|| i.to_string())
        })
    };
    if assignee_id.is_some_and(|a| !staff.iter().any(|(id, _)| *id == a)) {
        return Err(StoreError::invalid("assignee", "error-assignee-unknown"));
    }
    let now = now_ms();
    let mut tx = db.write().begin().await?;
    let current = sqlx::query("SELECT assignee_id, version FROM tickets WHERE id = $1")
        .bind(ticket.id)
        .fetch_one(&mut *tx)
        .await?;
    let old: Option<i64> = current.try_get(0)?;
    let version: i64 = current.try_get(1)?;
    if expected_version.is_some_and(|v| v != version) {
        return Err(StoreError::Conflict("error-ticket-changed"));
    }
    if old == assignee_id {
        return Ok(());
    }
    sqlx::query(
        "UPDATE tickets SET assignee_id = $1, updated_at = $2, version = version + 1 WHERE id = $3",
    )
    .bind(assignee_id)
    .bind(now)
    .bind(ticket.id)
    .execute(&mut *tx)
    .await?;
    record_change(
        &mut tx,
        ticket.id,
        viewer.user_id,
        now,
        "assignee",
        name(old).as_deref(),
        name(assignee_id).as_deref(),
    )
    .await?;
    for n in compose(assignee_id.filter(|a| *a != viewer.user_id)) {
        crate::notifications::queue(&mut tx, &n).await?;
    }
    tx.commit().await?;
    Ok(())
}
