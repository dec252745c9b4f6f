//! A desk's classifiers: categories per ticket type, and root causes.

use crate::{Db, Labels, Result, StoreError};
use serde::Serialize;
use sqlx::Row;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Category,
    RootCause,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Category => "category",
            Kind::RootCause => "root_cause",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Category {
    pub id: i64,
    pub ticket_type_id: Option<i64>,
    pub code: String,
    pub labels: Labels,
}

pub async fn create(
    db: &Db,
    desk_id: i64,
    kind: Kind,
    ticket_type_id: Option<i64>,
    code: &str,
    labels: &Labels,
) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO categories (desk_id, kind, ticket_type_id, code, labels) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(desk_id)
    .bind(kind.code())
    .bind(ticket_type_id)
    .bind(code)
    .bind(labels.to_json())
    .fetch_one(db.write())
    .await
    .map_err(StoreError::from)
    .map_err(|e| if e.is_unique_violation() { StoreError::invalid("code", "error-code-taken") } else { e })?;
    Ok(row.try_get(0)?)
}

/// The desk's entries of `kind` (categories: of one ticket type).
pub async fn of_desk(
    db: &Db,
    desk_id: i64,
    kind: Kind,
    ticket_type_id: Option<i64>,
) -> Result<Vec<Category>> {
    let rows = sqlx::query(
        "SELECT id, ticket_type_id, code, labels FROM categories WHERE desk_id = $1 AND kind = $2 \
         AND ($3 IS NULL OR ticket_type_id = $3) ORDER BY code",
    )
    .bind(desk_id)
    .bind(kind.code())
    .bind(ticket_type_id)
    .fetch_all(db.read())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Category {
                id: r.try_get(0)?,
                ticket_type_id: r.try_get(1)?,
                code: r.try_get(2)?,
                labels: Labels::from_json(&r.try_get::<String, _>(3)?),
            })
        })
        .collect()
}
