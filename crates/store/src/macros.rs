//! Macros: canned replies of a desk (shared) or of one person, with
//! `{placeholders}`, that may also set the status and priority. Who may
//! change a shared macro: the desk's administrators and team leads.

use crate::{now_ms, Db, Result, StoreError};
use atbalsts_domain::{FieldErrors, Priority, Role, Viewer};
use serde::Serialize;
use sqlx::Row;

/// The placeholders a macro's text may use.
pub const PLACEHOLDERS: &[&str] = &["requester", "key", "summary", "agent"];

#[derive(Debug, Clone, Serialize)]
pub struct Macro {
    pub id: i64,
    pub desk_id: i64,
    pub owner_id: Option<i64>,
    pub name: String,
    pub body_lv: String,
    pub body_en: String,
    pub is_public: bool,
    pub set_status: Option<String>,
    pub set_priority: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct MacroInput {
    pub name: String,
    pub body_lv: String,
    pub body_en: String,
    pub is_public: bool,
    pub set_status: Option<String>,
    pub set_priority: Option<String>,
    /// Shared by the desk (else the person's own).
    pub shared: bool,
}

fn check(m: &MacroInput) -> std::result::Result<(), FieldErrors> {
    let mut errors = FieldErrors::default();
    if m.name.trim().is_empty() {
        errors.push("macro_name", "error-required");
    }
    if m.body_lv.trim().is_empty() && m.body_en.trim().is_empty() {
        errors.push("macro_body_lv", "error-macro-body");
    }
    let unknown = |t: &str| !atbalsts_domain::mail_template::unknown_in(PLACEHOLDERS, t).is_empty();
    if unknown(&m.body_lv) {
        errors.push("macro_body_lv", "error-template-placeholder");
    }
    if unknown(&m.body_en) {
        errors.push("macro_body_en", "error-template-placeholder");
    }
    if m.set_priority
        .as_deref()
        .is_some_and(|p| Priority::parse(p).is_err())
    {
        errors.push("macro_priority", "error-choice-unknown");
    }
    errors.into_result()
}

fn may_share(viewer: &Viewer, desk_id: i64) -> bool {
    viewer.is_system_admin
        || viewer.has_role(desk_id, Role::DeskAdmin)
        || viewer.has_role(desk_id, Role::TeamLead)
}

fn row(r: &sqlx::any::AnyRow) -> Result<Macro> {
    Ok(Macro {
        id: r.try_get(0)?,
        desk_id: r.try_get(1)?,
        owner_id: r.try_get(2)?,
        name: r.try_get(3)?,
        body_lv: r.try_get(4)?,
        body_en: r.try_get(5)?,
        is_public: r.try_get::<i64, _>(6)? != 0,
        set_status: r.try_get(7)?,
        set_priority: r.try_get(8)?,
    })
}

const COLUMNS: &str =
    "id, desk_id, owner_id, name, body_lv, body_en, is_public, set_status, set_priority";

/// The macros a staff member may use on the desk: shared ones and their own.
pub async fn usable(db: &Db, viewer: &Viewer, desk_id: i64) -> Result<Vec<Macro>> {
    if !viewer.is_staff_on(desk_id) {
        return Ok(Vec::new());
    }
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM macros WHERE desk_id = $1 AND (owner_id IS NULL OR owner_id = $2) \
         ORDER BY owner_id IS NOT NULL, name, id"
    ))
    .bind(desk_id)
    .bind(viewer.user_id)
    .fetch_all(db.read())
    .await?;
    rows.iter().map(row).collect()
}

pub async fn by_id(db: &Db, viewer: &Viewer, id: i64) -> Result<Option<Macro>> {
    let found = sqlx::query(&format!("SELECT {COLUMNS} FROM macros WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.read())
        .await?
        .as_ref()
        .map(row)
        .transpose()?;
    Ok(found.filter(|m| {
        viewer.is_staff_on(m.desk_id) && m.owner_id.is_none_or(|o| o == viewer.user_id)
    }))
}

/// Saves a new macro or changes one the viewer may change.
pub async fn save(
    db: &Db,
    viewer: &Viewer,
    desk_id: i64,
    id: Option<i64>,
    m: &MacroInput,
) -> Result<i64> {
    if !viewer.is_staff_on(desk_id) || (m.shared && !may_share(viewer, desk_id)) {
        return Err(StoreError::Forbidden);
    }
    check(m).map_err(StoreError::Invalid)?;
    let owner = (!m.shared).then_some(viewer.user_id);
    if let Some(id) = id {
        let existing = by_id(db, viewer, id).await?.ok_or(StoreError::NotFound)?;
        if existing.owner_id.is_none() && !may_share(viewer, desk_id) {
            return Err(StoreError::Forbidden);
        }
        sqlx::query(
            "UPDATE macros SET owner_id = $1, name = $2, body_lv = $3, body_en = $4, is_public = $5, \
             set_status = $6, set_priority = $7, updated_at = $8 WHERE id = $9 AND desk_id = $10",
        )
        .bind(owner)
        .bind(m.name.trim())
        .bind(&m.body_lv)
        .bind(&m.body_en)
        .bind(m.is_public as i64)
        .bind(m.set_status.clone())
        .bind(m.set_priority.clone())
        .bind(now_ms())
        .bind(id)
        .bind(desk_id)
        .execute(db.write())
        .await?;
        return Ok(id);
    }
    let r = sqlx::query(
        "INSERT INTO macros (desk_id, owner_id, name, body_lv, body_en, is_public, set_status, set_priority, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(desk_id)
    .bind(owner)
    .bind(m.name.trim())
    .bind(&m.body_lv)
    .bind(&m.body_en)
    .bind(m.is_public as i64)
    .bind(m.set_status.clone())
    .bind(m.set_priority.clone())
    .bind(now_ms())
    .fetch_one(db.write())
    .await?;
    Ok(r.try_get(0)?)
}

pub async fn delete(db: &Db, viewer: &Viewer, id: i64) -> Result<()> {
    let m = by_id(db, viewer, id).await?.ok_or(StoreError::NotFound)?;
    if m.owner_id.is_none() && !may_share(viewer, m.desk_id) {
        return Err(StoreError::Forbidden);
    }
    sqlx::query("DELETE FROM macros WHERE id = $1")
        .bind(id)
        .execute(db.write())
        .await?;
    Ok(())
}
