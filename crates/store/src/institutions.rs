//! Institutions (customer organisations) and their sub-units (physical
//! locations in different buildings or towns, not departments).

use crate::{now_ms, Db, Result};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;

#[derive(Debug, Clone, Serialize)]
pub struct Institution {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub email_domains: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SubUnit {
    pub id: i64,
    pub institution_id: i64,
    pub name: String,
    pub town: String,
    pub address: String,
}

fn institution(row: &AnyRow) -> sqlx::Result<Institution> {
    let domains: String = row.try_get("email_domains")?;
    Ok(Institution {
        id: row.try_get("id")?,
        code: row.try_get("code")?,
        name: row.try_get("name")?,
        email_domains: domains.split_whitespace().map(str::to_owned).collect(),
    })
}

pub async fn create_institution(
    db: &Db,
    code: &str,
    name: &str,
    email_domains: &[&str],
) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO institutions (code, name, email_domains, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(code)
    .bind(name)
    .bind(email_domains.join(" ").to_lowercase())
    .bind(now_ms())
    .fetch_one(db.write())
    .await?;
    Ok(row.try_get(0)?)
}

pub async fn create_sub_unit(
    db: &Db,
    institution_id: i64,
    name: &str,
    town: &str,
    address: &str,
) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO sub_units (institution_id, name, town, address) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(institution_id)
    .bind(name)
    .bind(town)
    .bind(address)
    .fetch_one(db.write())
    .await?;
    Ok(row.try_get(0)?)
}

pub async fn list_institutions(db: &Db) -> Result<Vec<Institution>> {
    let rows = sqlx::query("SELECT id, code, name, email_domains FROM institutions ORDER BY name")
        .fetch_all(db.read())
        .await?;
    Ok(rows.iter().map(institution).collect::<sqlx::Result<_>>()?)
}

pub async fn institution_by_id(db: &Db, id: i64) -> Result<Option<Institution>> {
    let row = sqlx::query("SELECT id, code, name, email_domains FROM institutions WHERE id = $1")
        .bind(id)
        .fetch_optional(db.read())
        .await?;
    Ok(row.as_ref().map(institution).transpose()?)
}

fn sub_unit(r: &AnyRow) -> sqlx::Result<SubUnit> {
    Ok(SubUnit {
        id: r.try_get("id")?,
        institution_id: r.try_get("institution_id")?,
        name: r.try_get("name")?,
        town: r.try_get("town")?,
        address: r.try_get("address")?,
    })
}

pub async fn sub_units_of(db: &Db, institution_id: i64) -> Result<Vec<SubUnit>> {
    let rows = sqlx::query(
        "SELECT id, institution_id, name, town, address FROM sub_units WHERE institution_id = $1 ORDER BY name",
    )
    .bind(institution_id)
    .fetch_all(db.read())
    .await?;
    Ok(rows.iter().map(sub_unit).collect::<sqlx::Result<_>>()?)
}

/// Every institution with its sub-units, in two queries: what the portal's
/// institution and sub-unit choice offers.
pub async fn directory(db: &Db) -> Result<Vec<(Institution, Vec<SubUnit>)>> {
    let mut out: Vec<(Institution, Vec<SubUnit>)> = list_institutions(db)
        .await?
        .into_iter()
        .map(|i| (i, Vec::new()))
        .collect();
    let rows =
        sqlx::query("SELECT id, institution_id, name, town, address FROM sub_units ORDER BY name")
            .fetch_all(db.read())
            .await?;
    for r in &rows {
        let s = sub_unit(r)?;
        if let Some((_, subs)) = out.iter_mut().find(|(i, _)| i.id == s.institution_id) {
            subs.push(s);
        }
    }
    Ok(out)
}

/// The institution that declared this email domain, if any.
pub async fn by_email_domain(db: &Db, domain: &str) -> Result<Option<Institution>> {
    let domain = domain.to_lowercase();
    Ok(list_institutions(db)
        .await?
        .into_iter()
        .find(|i| i.email_domains.contains(&domain)))
}

/// Checks that a sub-unit belongs to the institution it is filed under.
pub async fn sub_unit_belongs(db: &Db, institution_id: i64, sub_unit_id: i64) -> Result<bool> {
    let row = sqlx::query("SELECT 1 FROM sub_units WHERE id = $1 AND institution_id = $2")
        .bind(sub_unit_id)
        .bind(institution_id)
        .fetch_optional(db.read())
        .await?;
    Ok(row.is_some())
}

/// Records what kind of institution it is (museum, library ...), for the
/// open data.
pub async fn set_kind(
    db: &Db,
    id: i64,
    kind: atbalsts_domain::reports::open_data::InstitutionKind,
) -> Result<()> {
    sqlx::query("UPDATE institutions SET kind = $1 WHERE id = $2")
        .bind(kind.code())
        .bind(id)
        .execute(db.write())
        .await?;
    Ok(())
}
