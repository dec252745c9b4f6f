//! The request catalogue of a desk's portal: groups (topics) holding
//! request types, each with its form. Forms are stored as JSON and checked
//! by `atbalsts_domain::form` before they are saved.

mod file;

pub use file::{
    export, import, parse, CatalogueFile, GroupDef, ImportError, RequestTypeDef, FORMAT,
};

use crate::{Db, Labels, Result, StoreError};
use atbalsts_domain::custom_field::FieldKind;
use atbalsts_domain::form::{self, FormField, Input, OTHER_SUFFIX};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub id: i64,
    pub desk_id: i64,
    pub code: String,
    pub labels: Labels,
    pub descriptions: Labels,
    pub position: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct RequestType {
    pub id: i64,
    pub desk_id: i64,
    pub group_id: i64,
    pub code: String,
    pub labels: Labels,
    pub descriptions: Labels,
    pub ticket_type_id: i64,
    pub team_id: Option<i64>,
    pub service: String,
    pub open_to_external: bool,
    pub needs_approval: bool,
    /// Who approves (emails); empty: the heads of the requester's institution.
    pub approvers: String,
    pub form: Vec<FormField>,
    pub position: i64,
}

/// What a desk administrator sets on a request type, apart from its form.
#[derive(Debug, Clone)]
pub struct RequestTypeSettings {
    pub group_id: i64,
    pub code: String,
    pub labels: Labels,
    pub descriptions: Labels,
    pub ticket_type_id: i64,
    pub team_id: Option<i64>,
    pub service: String,
    pub open_to_external: bool,
    pub needs_approval: bool,
    pub approvers: String,
}

fn group(r: &AnyRow) -> Result<Group> {
    Ok(Group {
        id: r.try_get("id")?,
        desk_id: r.try_get("desk_id")?,
        code: r.try_get("code")?,
        labels: Labels::from_json(&r.try_get::<String, _>("labels")?),
        descriptions: Labels::from_json(&r.try_get::<String, _>("descriptions")?),
        position: r.try_get("position")?,
    })
}

fn request_type(r: &AnyRow) -> Result<RequestType> {
    let form: String = r.try_get("form")?;
    Ok(RequestType {
        id: r.try_get("id")?,
        desk_id: r.try_get("desk_id")?,
        group_id: r.try_get("group_id")?,
        code: r.try_get("code")?,
        labels: Labels::from_json(&r.try_get::<String, _>("labels")?),
        descriptions: Labels::from_json(&r.try_get::<String, _>("descriptions")?),
        ticket_type_id: r.try_get("ticket_type_id")?,
        team_id: r.try_get("team_id")?,
        service: r.try_get("service")?,
        open_to_external: r.try_get::<i64, _>("open_to_external")? != 0,
        needs_approval: r.try_get::<i64, _>("needs_approval")? != 0,
        approvers: r.try_get("approvers")?,
        form: serde_json::from_str(&form)
            .map_err(|e| StoreError::Corrupt(format!("form of request type: {e}")))?,
        position: r.try_get("position")?,
    })
}

const GROUP_COLUMNS: &str = "id, desk_id, code, labels, descriptions, position";
const TYPE_COLUMNS: &str =
    "rt.id, rt.desk_id, rt.group_id, rt.code, rt.labels, rt.descriptions, rt.ticket_type_id, \
    rt.team_id, rt.service, rt.open_to_external, rt.needs_approval, rt.approvers, rt.form, rt.position";

/// The active groups of a desk, in order.
pub async fn groups_of(db: &Db, desk_id: i64) -> Result<Vec<Group>> {
    let rows = sqlx::query(&format!(
        "SELECT {GROUP_COLUMNS} FROM request_type_groups WHERE desk_id = $1 AND active = 1 ORDER BY position, id"
    ))
    .bind(desk_id)
    .fetch_all(db.read())
    .await?;
    rows.iter().map(group).collect()
}

/// The active request types of a desk, in group order and then their own.
pub async fn request_types_of(db: &Db, desk_id: i64) -> Result<Vec<RequestType>> {
    let rows = sqlx::query(&format!(
        "SELECT {TYPE_COLUMNS} FROM request_types rt JOIN request_type_groups g ON g.id = rt.group_id \
         WHERE rt.desk_id = $1 AND rt.active = 1 AND g.active = 1 ORDER BY g.position, g.id, rt.position, rt.id"
    ))
    .bind(desk_id)
    .fetch_all(db.read())
    .await?;
    rows.iter().map(request_type).collect()
}

/// An active request type of a desk by code.
pub async fn request_type_by_code(
    db: &Db,
    desk_id: i64,
    code: &str,
) -> Result<Option<RequestType>> {
    let row = sqlx::query(&format!(
        "SELECT {TYPE_COLUMNS} FROM request_types rt JOIN request_type_groups g ON g.id = rt.group_id \
         WHERE rt.desk_id = $1 AND rt.code = $2 AND rt.active = 1 AND g.active = 1"
    ))
    .bind(desk_id)
    .bind(code)
    .fetch_optional(db.read())
    .await?;
    row.as_ref().map(request_type).transpose()
}

/// A request type by id, active or not (tickets keep pointing at retired ones).
pub async fn request_type_by_id(db: &Db, id: i64) -> Result<Option<RequestType>> {
    let row = sqlx::query(&format!(
        "SELECT {TYPE_COLUMNS} FROM request_types rt WHERE rt.id = $1"
    ))
    .bind(id)
    .fetch_optional(db.read())
    .await?;
    row.as_ref().map(request_type).transpose()
}

pub(crate) fn check_code(code: &str) -> Result<()> {
    let ok = !code.is_empty()
        && code.len() <= 64
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(StoreError::invalid("code", "error-code-format"))
    }
}

fn unique_code(e: StoreError) -> StoreError {
    if e.is_unique_violation() {
        StoreError::invalid("code", "error-code-taken")
    } else {
        e
    }
}

/// Creates a group, or updates the one with the same code; returns its id.
pub async fn save_group(
    db: &Db,
    desk_id: i64,
    code: &str,
    labels: &Labels,
    descriptions: &Labels,
) -> Result<i64> {
    check_code(code)?;
    let mut tx = db.write().begin().await?;
    let id = upsert_group(&mut tx, desk_id, code, labels, descriptions, None).await?;
    crate::search_log::note_request_types_of_group(&mut *tx, id).await?;
    tx.commit().await?;
    Ok(id)
}

async fn upsert_group(
    tx: &mut Transaction<'static, Any>,
    desk_id: i64,
    code: &str,
    labels: &Labels,
    descriptions: &Labels,
    position: Option<i64>,
) -> Result<i64> {
    let existing =
        sqlx::query("SELECT id FROM request_type_groups WHERE desk_id = $1 AND code = $2")
            .bind(desk_id)
            .bind(code)
            .fetch_optional(&mut **tx)
            .await?;
    if let Some(row) = existing {
        let id: i64 = row.try_get(0)?;
        sqlx::query(
            "UPDATE request_type_groups SET labels = $1, descriptions = $2, active = 1, \
             position = COALESCE($3, position) WHERE id = $4",
        )
        .bind(labels.to_json())
        .bind(descriptions.to_json())
        .bind(position)
        .bind(id)
        .execute(&mut **tx)
        .await?;
        return Ok(id);
    }
    let next: i64 = sqlx::query(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM request_type_groups WHERE desk_id = $1",
    )
    .bind(desk_id)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?;
    let row = sqlx::query(
        "INSERT INTO request_type_groups (desk_id, code, labels, descriptions, position) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(desk_id)
    .bind(code)
    .bind(labels.to_json())
    .bind(descriptions.to_json())
    .bind(position.unwrap_or(next))
    .fetch_one(&mut **tx)
    .await
    .map_err(StoreError::from)
    .map_err(unique_code)?;
    Ok(row.try_get(0)?)
}

/// Creates a request type (with an empty form), or updates the settings of
/// the one with the same code; returns its id.
pub async fn save_request_type(db: &Db, desk_id: i64, s: &RequestTypeSettings) -> Result<i64> {
    check_code(&s.code)?;
    let mut tx = db.write().begin().await?;
    let id = upsert_request_type(&mut tx, desk_id, s, None).await?;
    tx.commit().await?;
    Ok(id)
}

async fn upsert_request_type(
    tx: &mut Transaction<'static, Any>,
    desk_id: i64,
    s: &RequestTypeSettings,
    position: Option<i64>,
) -> Result<i64> {
    let belongs = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM request_type_groups WHERE id = $1 AND desk_id = $3) + \
                (SELECT COUNT(*) FROM ticket_types WHERE id = $2 AND desk_id = $3) + \
                (SELECT COUNT(*) FROM teams WHERE id = $4 AND desk_id = $3)",
    )
    .bind(s.group_id)
    .bind(s.ticket_type_id)
    .bind(desk_id)
    .bind(s.team_id.unwrap_or(-1))
    .fetch_one(&mut **tx)
    .await?
    .try_get::<i64, _>(0)?;
    if belongs != 2 + i64::from(s.team_id.is_some()) {
        return Err(StoreError::invalid("ticket_type", "error-choice-unknown"));
    }
    let existing = sqlx::query("SELECT id FROM request_types WHERE desk_id = $1 AND code = $2")
        .bind(desk_id)
        .bind(&s.code)
        .fetch_optional(&mut **tx)
        .await?;
    if let Some(row) = existing {
        let id: i64 = row.try_get(0)?;
        sqlx::query(
            "UPDATE request_types SET group_id = $1, labels = $2, descriptions = $3, ticket_type_id = $4, \
             team_id = $5, service = $6, open_to_external = $7, needs_approval = $8, active = 1, \
             position = COALESCE($9, position), approvers = $11 WHERE id = $10",
        )
        .bind(s.group_id)
        .bind(s.labels.to_json())
        .bind(s.descriptions.to_json())
        .bind(s.ticket_type_id)
        .bind(s.team_id)
        .bind(&s.service)
        .bind(s.open_to_external as i64)
        .bind(s.needs_approval as i64)
        .bind(position)
        .bind(id)
        .bind(&s.approvers)
        .execute(&mut **tx)
        .await?;
        crate::search_log::note(&mut **tx, crate::search_log::REQUEST_TYPE, id).await?;
        return Ok(id);
    }
    let next: i64 =
        sqlx::query("SELECT COALESCE(MAX(position), 0) + 1 FROM request_types WHERE group_id = $1")
            .bind(s.group_id)
            .fetch_one(&mut **tx)
            .await?
            .try_get(0)?;
    let row = sqlx::query(
        "INSERT INTO request_types (desk_id, group_id, code, labels, descriptions, ticket_type_id, team_id, \
         service, open_to_external, needs_approval, position, approvers) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(desk_id)
    .bind(s.group_id)
    .bind(&s.code)
    .bind(s.labels.to_json())
    .bind(s.descriptions.to_json())
    .bind(s.ticket_type_id)
    .bind(s.team_id)
    .bind(&s.service)
    .bind(s.open_to_external as i64)
    .bind(s.needs_approval as i64)
    .bind(position.unwrap_or(next))
    .bind(&s.approvers)
    .fetch_one(&mut **tx)
    .await
    .map_err(StoreError::from)
    .map_err(unique_code)?;
    let id = row.try_get(0)?;
    crate::search_log::note(&mut **tx, crate::search_log::REQUEST_TYPE, id).await?;
    Ok(id)
}

/// Replaces the form of a request type after checking it; the desk's
/// custom fields that hold its answers are created as needed.
pub async fn save_form(db: &Db, request_type_id: i64, fields: &[FormField]) -> Result<()> {
    let mut tx = db.write().begin().await?;
    let desk_id: i64 = sqlx::query("SELECT desk_id FROM request_types WHERE id = $1")
        .bind(request_type_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?
        .try_get(0)?;
    write_form(&mut tx, desk_id, request_type_id, fields).await?;
    tx.commit().await?;
    Ok(())
}

async fn write_form(
    tx: &mut Transaction<'static, Any>,
    desk_id: i64,
    request_type_id: i64,
    fields: &[FormField],
) -> Result<()> {
    form::check_definition(fields).map_err(|detail| {
        tracing::info!(%detail, "form definition refused");
        StoreError::invalid("form", "error-form-definition")
    })?;
    for f in fields.iter().filter(|f| f.input.stores_value()) {
        let kind = match f.input {
            Input::Integer { .. } => FieldKind::Integer,
            Input::Date => FieldKind::Date,
            _ => FieldKind::Text,
        };
        ensure_custom_field(tx, desk_id, &f.code, kind, &f.labels).await?;
        if matches!(f.input, Input::Select { other: true, .. }) {
            let code = format!("{}{OTHER_SUFFIX}", f.code);
            ensure_custom_field(tx, desk_id, &code, FieldKind::Text, &f.labels).await?;
        }
    }
    let json = serde_json::to_string(fields).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    sqlx::query("UPDATE request_types SET form = $1 WHERE id = $2")
        .bind(json)
        .bind(request_type_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The desk's custom field `code`, created with `kind` when missing. A
/// field of the same code but another kind cannot hold these answers.
async fn ensure_custom_field(
    tx: &mut Transaction<'static, Any>,
    desk_id: i64,
    code: &str,
    kind: FieldKind,
    labels: &Labels,
) -> Result<()> {
    let existing = sqlx::query("SELECT kind FROM custom_fields WHERE desk_id = $1 AND code = $2")
        .bind(desk_id)
        .bind(code)
        .fetch_optional(&mut **tx)
        .await?;
    match existing {
        Some(row) => {
            let have: String = row.try_get(0)?;
            if have != kind.code() {
                return Err(StoreError::invalid("form", "error-field-kind-clash"));
            }
        }
        None => {
            sqlx::query(
                "INSERT INTO custom_fields (desk_id, code, kind, labels) VALUES ($1, $2, $3, $4)",
            )
            .bind(desk_id)
            .bind(code)
            .bind(kind.code())
            .bind(labels.to_json())
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// Moves a group or a request type one place up (`-1`) or down (`1`)
/// among its siblings, by swapping positions with its neighbour.
pub async fn move_item(db: &Db, desk_id: i64, what: Movable, id: i64, by: i64) -> Result<()> {
    let (table, scope) = match what {
        Movable::Group => ("request_type_groups", "desk_id"),
        Movable::RequestType => ("request_types", "group_id"),
    };
    let mut tx = db.write().begin().await?;
    let row = sqlx::query(&format!(
        "SELECT position, {scope} FROM {table} WHERE id = $1 AND desk_id = $2 AND active = 1"
    ))
    .bind(id)
    .bind(desk_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(StoreError::NotFound)?;
    let position: i64 = row.try_get(0)?;
    let scope_id: i64 = row.try_get(1)?;
    let (cmp, order) = if by < 0 { ("<", "DESC") } else { (">", "ASC") };
    let neighbour = sqlx::query(&format!(
        "SELECT id, position FROM {table} WHERE {scope} = $1 AND active = 1 AND \
         (position {cmp} $2 OR (position = $2 AND id {cmp} $3)) ORDER BY position {order}, id {order} LIMIT 1"
    ))
    .bind(scope_id)
    .bind(position)
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(n) = neighbour {
        let other_id: i64 = n.try_get(0)?;
        let mut other_position: i64 = n.try_get(1)?;
        if other_position == position {
            other_position += by.signum();
        }
        for (row_id, pos) in [(id, other_position), (other_id, position)] {
            sqlx::query(&format!("UPDATE {table} SET position = $1 WHERE id = $2"))
                .bind(pos)
                .bind(row_id)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

#[derive(Debug, Clone, Copy)]
pub enum Movable {
    Group,
    RequestType,
}

/// Retires a request type: it leaves the portal, its tickets keep it.
pub async fn retire_request_type(db: &Db, desk_id: i64, id: i64) -> Result<()> {
    let mut tx = db.write().begin().await?;
    sqlx::query("UPDATE request_types SET active = 0 WHERE id = $1 AND desk_id = $2")
        .bind(id)
        .bind(desk_id)
        .execute(&mut *tx)
        .await?;
    crate::search_log::note(&mut *tx, crate::search_log::REQUEST_TYPE, id).await?;
    tx.commit().await?;
    Ok(())
}
