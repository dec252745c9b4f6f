use super::read::coded;
use crate::{Db, Result};
use atbalsts_domain::StatusCategory;
use serde::Serialize;
use sqlx::Row;

/// One change in a ticket's audit history.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub actor_id: i64,
    pub actor_name: String,
    pub at: i64,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// How long a ticket stayed in one status.
#[derive(Debug, Clone, Serialize)]
pub struct StatusPeriod {
    pub status: String,
    pub status_category: StatusCategory,
    pub entered_at: i64,
    pub left_at: Option<i64>,
}

/// The audit history of a ticket the caller has already been allowed to see.
pub async fn changes_of(db: &Db, ticket_id: i64) -> Result<Vec<Change>> {
    let rows = sqlx::query(
        "SELECT c.actor_id, u.display_name, c.at, c.field, c.old_value, c.new_value \
         FROM ticket_changes c JOIN users u ON u.id = c.actor_id WHERE c.ticket_id = $1 ORDER BY c.id",
    )
    .bind(ticket_id)
    .fetch_all(db.read())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Change {
                actor_id: r.try_get(0)?,
                actor_name: r.try_get(1)?,
                at: r.try_get(2)?,
                field: r.try_get(3)?,
                old_value: r.try_get(4)?,
                new_value: r.try_get(5)?,
            })
        })
        .collect()
}

pub async fn status_history_of(db: &Db, ticket_id: i64) -> Result<Vec<StatusPeriod>> {
    let rows = sqlx::query(
        "SELECT status, status_category, entered_at, left_at FROM ticket_status_history WHERE ticket_id = $1 ORDER BY id",
    )
    .bind(ticket_id)
    .fetch_all(db.read())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(StatusPeriod {
                status: r.try_get(0)?,
                status_category: coded(r, "status_category", StatusCategory::parse)?,
                entered_at: r.try_get(2)?,
                left_at: r.try_get(3)?,
            })
        })
        .collect()
}
