//! Workflows held as data and the ticket types that use them.

use crate::{Db, Labels, Result, StoreError};
use atbalsts_domain::workflow::{Status, Transition};
use atbalsts_domain::{StatusCategory, Workflow};
use serde::Serialize;
use sqlx::Row;

/// A status with its names, for display.
#[derive(Debug, Clone, Serialize)]
pub struct StatusInfo {
    pub code: String,
    pub category: StatusCategory,
    pub labels: Labels,
}

#[derive(Debug, Clone, Serialize)]
pub struct TicketType {
    pub id: i64,
    pub desk_id: i64,
    pub code: String,
    pub labels: Labels,
    pub workflow_id: i64,
}

/// Stores a workflow after checking it; `labels` name each status.
pub async fn create_workflow(
    db: &Db,
    workflow: &Workflow,
    names: &Labels,
    status_labels: &[Labels],
) -> Result<i64> {
    workflow
        .validate()
        .map_err(|c| StoreError::invalid("workflow", c))?;
    let mut tx = db.write().begin().await?;
    let id: i64 = sqlx::query("INSERT INTO workflows (code, labels) VALUES ($1, $2) RETURNING id")
        .bind(&workflow.code)
        .bind(names.to_json())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
    for (position, status) in workflow.statuses.iter().enumerate() {
        let labels = status_labels.get(position).cloned().unwrap_or_default();
        sqlx::query(
            "INSERT INTO workflow_statuses (workflow_id, code, category, labels, position) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(&status.code)
        .bind(status.category.code())
        .bind(labels.to_json())
        .bind(position as i64)
        .execute(&mut *tx)
        .await?;
    }
    for t in &workflow.transitions {
        sqlx::query("INSERT INTO workflow_transitions (workflow_id, from_status, to_status) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(&t.from)
            .bind(&t.to)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// A workflow and the names of its statuses.
pub async fn workflow(db: &Db, workflow_id: i64) -> Result<(Workflow, Vec<StatusInfo>)> {
    let code: String = sqlx::query("SELECT code FROM workflows WHERE id = $1")
        .bind(workflow_id)
        .fetch_optional(db.read())
        .await?
        .ok_or(StoreError::NotFound)?
        .try_get(0)?;
    let rows = sqlx::query("SELECT code, category, labels FROM workflow_statuses WHERE workflow_id = $1 ORDER BY position")
        .bind(workflow_id)
        .fetch_all(db.read())
        .await?;
    let mut statuses = Vec::new();
    let mut infos = Vec::new();
    for r in rows {
        let code: String = r.try_get(0)?;
        let category_code: String = r.try_get(1)?;
        let category = StatusCategory::parse(&category_code)
            .ok_or_else(|| StoreError::Corrupt(format!("status category {category_code}")))?;
        let labels: String = r.try_get(2)?;
        statuses.push(Status {
            code: code.clone(),
            category,
        });
        infos.push(StatusInfo {
            code,
            category,
            labels: Labels::from_json(&labels),
        });
    }
    let transitions = sqlx::query(
        "SELECT from_status, to_status FROM workflow_transitions WHERE workflow_id = $1",
    )
    .bind(workflow_id)
    .fetch_all(db.read())
    .await?
    .iter()
    .map(|r| {
        Ok(Transition {
            from: r.try_get(0)?,
            to: r.try_get(1)?,
        })
    })
    .collect::<sqlx::Result<Vec<_>>>()?;
    Ok((
        Workflow {
            code,
            statuses,
            transitions,
        },
        infos,
    ))
}

pub async fn create_ticket_type(
    db: &Db,
    desk_id: i64,
    code: &str,
    labels: &Labels,
    workflow_id: i64,
) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO ticket_types (desk_id, code, labels, workflow_id) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(desk_id)
    .bind(code)
    .bind(labels.to_json())
    .bind(workflow_id)
    .fetch_one(db.write())
    .await?;
    Ok(row.try_get(0)?)
}

fn ticket_type(r: &sqlx::any::AnyRow) -> Result<TicketType> {
    let labels: String = r.try_get(3)?;
    Ok(TicketType {
        id: r.try_get(0)?,
        desk_id: r.try_get(1)?,
        code: r.try_get(2)?,
        labels: Labels::from_json(&labels),
        workflow_id: r.try_get(4)?,
    })
}

pub async fn ticket_types_of(db: &Db, desk_id: i64) -> Result<Vec<TicketType>> {
    let rows = sqlx::query("SELECT id, desk_id, code, labels, workflow_id FROM ticket_types WHERE desk_id = $1 ORDER BY id")
        .bind(desk_id)
        .fetch_all(db.read())
        .await?;
    rows.iter().map(ticket_type).collect()
}

/// The ticket type of a desk by its code (`incident`, `service_request`, ...).
pub async fn ticket_type_by_code(db: &Db, desk_id: i64, code: &str) -> Result<Option<TicketType>> {
    sqlx::query("SELECT id, desk_id, code, labels, workflow_id FROM ticket_types WHERE desk_id = $1 AND code = $2")
        .bind(desk_id)
        .bind(code)
        .fetch_optional(db.read())
        .await?
        .as_ref()
        .map(ticket_type)
        .transpose()
}
