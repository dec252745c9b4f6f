//! Links between tickets, set by staff; each end's history records them.

use super::read::coded;
use super::{record_change, Ticket};
use crate::{now_ms, Db, Result, StoreError};
use atbalsts_domain::link::LinkKind;
use atbalsts_domain::{StatusCategory, Viewer};
use serde::Serialize;
use sqlx::Row;

/// A link as seen from one ticket: `outgoing` when this ticket is its
/// source (an incident's "caused by" problem), else incoming.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub id: i64,
    pub kind: LinkKind,
    pub outgoing: bool,
    pub other_id: i64,
    pub other_key: String,
    pub other_summary: String,
    pub other_category: StatusCategory,
}

pub async fn add_link(
    db: &Db,
    viewer: &Viewer,
    from: &Ticket,
    to: &Ticket,
    kind: LinkKind,
) -> Result<i64> {
    if !viewer.is_staff_on(from.desk_id) || !viewer.is_staff_on(to.desk_id) {
        return Err(StoreError::Forbidden);
    }
    kind.check(&from.ticket_type, &to.ticket_type, from.id == to.id)
        .map_err(|code| StoreError::invalid("link", code))?;
    let now = now_ms();
    let mut tx = db.write().begin().await?;
    let row = sqlx::query(
        "INSERT INTO ticket_links (from_ticket, to_ticket, kind, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(from.id)
    .bind(to.id)
    .bind(kind.code())
    .bind(viewer.user_id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .map_err(StoreError::from)
    .map_err(|e| if e.is_unique_violation() { StoreError::invalid("link", "error-link-exists") } else { e })?;
    let label = format!("{} {}", kind.code(), to.key);
    record_change(
        &mut tx,
        from.id,
        viewer.user_id,
        now,
        "link",
        None,
        Some(&label),
    )
    .await?;
    let back = format!("{} ← {}", kind.code(), from.key);
    record_change(
        &mut tx,
        to.id,
        viewer.user_id,
        now,
        "link",
        None,
        Some(&back),
    )
    .await?;
    tx.commit().await?;
    Ok(row.try_get(0)?)
}

/// The links of a ticket, both directions, oldest first.
pub async fn links_of(db: &Db, ticket_id: i64) -> Result<Vec<Link>> {
    let rows = sqlx::query(
        "SELECT l.id, l.kind, l.from_ticket = $1 AS outgoing, t.id, d.key_prefix, t.number, t.summary, t.status_category \
         FROM ticket_links l JOIN tickets t ON t.id = CASE WHEN l.from_ticket = $1 THEN l.to_ticket ELSE l.from_ticket END \
         JOIN desks d ON d.id = t.desk_id WHERE l.from_ticket = $1 OR l.to_ticket = $1 ORDER BY l.id",
    )
    .bind(ticket_id)
    .fetch_all(db.read())
    .await?;
    rows.iter()
        .map(|r| {
            let prefix: String = r.try_get(4)?;
            let number: i64 = r.try_get(5)?;
            // SQLite answers the comparison as an integer, PostgreSQL as a boolean.
            let outgoing = r
                .try_get::<bool, _>(2)
                .or_else(|_| r.try_get::<i64, _>(2).map(|v| v != 0))?;
            Ok(Link {
                id: r.try_get(0)?,
                kind: coded(r, "kind", |k| LinkKind::parse(k).ok())?,
                outgoing,
                other_id: r.try_get(3)?,
                other_key: format!("{prefix}-{number}"),
                other_summary: r.try_get(6)?,
                other_category: coded(r, "status_category", StatusCategory::parse)?,
            })
        })
        .collect()
}

pub async fn remove_link(db: &Db, viewer: &Viewer, ticket: &Ticket, link_id: i64) -> Result<()> {
    if !viewer.is_staff_on(ticket.desk_id) {
        return Err(StoreError::Forbidden);
    }
    let done = sqlx::query(
        "DELETE FROM ticket_links WHERE id = $1 AND (from_ticket = $2 OR to_ticket = $2)",
    )
    .bind(link_id)
    .bind(ticket.id)
    .execute(db.write())
    .await?
    .rows_affected();
    if done == 0 {
        return Err(StoreError::NotFound);
    }
    record_change(
        &mut *db.write().acquire().await?,
        ticket.id,
        viewer.user_id,
        now_ms(),
        "link",
        Some(&link_id.to_string()),
        None,
    )
    .await?;
    Ok(())
}
