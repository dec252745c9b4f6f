//! Typed custom fields of a desk's tickets and their values.

use crate::{Db, Labels, Result, StoreError};
use atbalsts_domain::custom_field::{FieldKind, FieldValue};
use serde::Serialize;
use sqlx::Row;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct CustomField {
    pub id: i64,
    pub code: String,
    pub kind: FieldKind,
    pub labels: Labels,
}

pub async fn create(
    db: &Db,
    desk_id: i64,
    code: &str,
    kind: FieldKind,
    labels: &Labels,
) -> Result<i64> {
    let row = sqlx::query("INSERT INTO custom_fields (desk_id, code, kind, labels) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(desk_id)
        .bind(code)
        .bind(kind.code())
        .bind(labels.to_json())
        .fetch_one(db.write())
        .await?;
    Ok(row.try_get(0)?)
}

pub async fn of_desk(db: &Db, desk_id: i64) -> Result<Vec<CustomField>> {
    let rows = sqlx::query(
        "SELECT id, code, kind, labels FROM custom_fields WHERE desk_id = $1 ORDER BY id",
    )
    .bind(desk_id)
    .fetch_all(db.read())
    .await?;
    rows.iter()
        .map(|r| {
            let kind: String = r.try_get(2)?;
            let labels: String = r.try_get(3)?;
            Ok(CustomField {
                id: r.try_get(0)?,
                code: r.try_get(1)?,
                kind: FieldKind::parse(&kind)
                    .ok_or_else(|| StoreError::Corrupt(format!("field kind {kind}")))?,
                labels: Labels::from_json(&labels),
            })
        })
        .collect()
}

/// The values of a ticket the caller has already been allowed to see, by field code.
pub async fn values_of(db: &Db, ticket_id: i64) -> Result<BTreeMap<String, FieldValue>> {
    let rows = sqlx::query(
        "SELECT f.code, v.value_text, v.value_int FROM ticket_field_values v JOIN custom_fields f ON f.id = v.field_id \
         WHERE v.ticket_id = $1",
    )
    .bind(ticket_id)
    .fetch_all(db.read())
    .await?;
    let mut out = BTreeMap::new();
    for r in rows {
        let text: Option<String> = r.try_get(1)?;
        let int: Option<i64> = r.try_get(2)?;
        let value = match (text, int) {
            (_, Some(i)) => FieldValue::Integer(i),
            (Some(t), None) => FieldValue::Text(t),
            (None, None) => continue,
        };
        out.insert(r.try_get(0)?, value);
    }
    Ok(out)
}
