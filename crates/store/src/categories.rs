//! A desk's classifiers: categories per ticket type, and root causes.
//! Entries are never deleted: a retired one stays on the tickets that have
//! it but is no longer offered.

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

    pub fn parse(s: &str) -> Option<Self> {
        [Kind::Category, Kind::RootCause]
            .into_iter()
            .find(|k| k.code() == s)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Category {
    pub id: i64,
    pub ticket_type_id: Option<i64>,
    pub code: String,
    pub labels: Labels,
    pub retired: bool,
}

/// Labels longer than this are refused.
const MAX_LABEL: usize = 200;

/// The Latvian label is required, both at most `MAX_LABEL` characters;
/// errors name `{field}_lv` / `{field}_en`.
fn check_labels(labels: &Labels, field: &str) -> Result<()> {
    let mut errors = atbalsts_domain::FieldErrors::default();
    for lang in ["lv", "en"] {
        let value = labels.0.get(lang).map(|s| s.trim()).unwrap_or("");
        if lang == "lv" && value.is_empty() {
            errors.push(format!("{field}_{lang}"), "error-required");
        } else if value.chars().count() > MAX_LABEL {
            errors.push(format!("{field}_{lang}"), "error-too-long");
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(errors))
    }
}

/// Adds an entry; a code already used for the same kind on the desk is
/// refused on `code`. A category belongs to a ticket type of the desk; a
/// root cause to none.
pub async fn create(
    db: &Db,
    desk_id: i64,
    kind: Kind,
    ticket_type_id: Option<i64>,
    code: &str,
    labels: &Labels,
) -> Result<i64> {
    let mut errors = atbalsts_domain::FieldErrors::default();
    for check in [
        crate::catalogue::check_code(code),
        check_labels(labels, "label"),
    ] {
        match check {
            Ok(()) => {}
            Err(StoreError::Invalid(e)) => errors.0.extend(e.0),
            Err(e) => return Err(e),
        }
    }
    let type_ok = match (kind, ticket_type_id) {
        (Kind::RootCause, None) => true,
        (Kind::Category, Some(tt)) => crate::workflows::ticket_types_of(db, desk_id)
            .await?
            .iter()
            .any(|t| t.id == tt),
        _ => false,
    };
    if !type_ok {
        errors.push("classifier", "error-choice-unknown");
    }
    if !errors.is_empty() {
        return Err(StoreError::Invalid(errors));
    }
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

/// Renames an entry of the desk (the code stays: routing rules and the
/// history name it).
pub async fn rename(db: &Db, desk_id: i64, id: i64, labels: &Labels) -> Result<()> {
    check_labels(labels, "label")?;
    let done = sqlx::query("UPDATE categories SET labels = $1 WHERE id = $2 AND desk_id = $3")
        .bind(labels.to_json())
        .bind(id)
        .bind(desk_id)
        .execute(db.write())
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Retires an entry of the desk, or puts it back in use.
pub async fn set_retired(db: &Db, desk_id: i64, id: i64, retired: bool) -> Result<()> {
    let done = sqlx::query("UPDATE categories SET retired = $1 WHERE id = $2 AND desk_id = $3")
        .bind(i64::from(retired))
        .bind(id)
        .bind(desk_id)
        .execute(db.write())
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The desk's entries of `kind` (categories: of one ticket type), retired
/// ones included: they still name what existing tickets have.
pub async fn of_desk(
    db: &Db,
    desk_id: i64,
    kind: Kind,
    ticket_type_id: Option<i64>,
) -> Result<Vec<Category>> {
    let rows = sqlx::query(
        "SELECT id, ticket_type_id, code, labels, retired FROM categories WHERE desk_id = $1 AND kind = $2 \
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
                retired: r.try_get::<i64, _>(4)? != 0,
            })
        })
        .collect()
}

/// What a select offers: the entries in use, and `current` (what the
/// ticket already has) even when it has been retired since.
pub fn offered(list: Vec<Category>, current: Option<i64>) -> Vec<Category> {
    list.into_iter()
        .filter(|c| !c.retired || Some(c.id) == current)
        .collect()
}
