//! A desk's catalogue as one JSON file: exported to be versioned, imported
//! to move it between installations. Importing is an upsert by code:
//! request types that the file no longer lists are retired, never deleted,
//! because tickets point at them.

use super::{upsert_group, upsert_request_type, write_form, RequestTypeSettings};
use crate::{desks, workflows, Db, Labels, Result, StoreError};
use atbalsts_domain::form::FormField;
use serde::{Deserialize, Serialize};
use sqlx::Row;

pub const FORMAT: &str = "atbalsts-catalogue/1";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CatalogueFile {
    pub format: String,
    pub groups: Vec<GroupDef>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GroupDef {
    pub code: String,
    pub labels: Labels,
    #[serde(default, skip_serializing_if = "Labels::is_empty")]
    pub descriptions: Labels,
    pub request_types: Vec<RequestTypeDef>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RequestTypeDef {
    pub code: String,
    pub labels: Labels,
    #[serde(default)]
    pub descriptions: Labels,
    /// The code of a ticket type of the desk.
    pub ticket_type: String,
    /// The name of a team of the desk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub service: String,
    #[serde(default)]
    pub open_to_external: bool,
    #[serde(default)]
    pub needs_approval: bool,
    /// Who approves (emails); empty: the heads of the requester's institution.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub approvers: String,
    pub fields: Vec<FormField>,
}

/// Why a catalogue file was refused: a translation key and the detail
/// (the place in the file) the message shows.
#[derive(Debug, thiserror::Error)]
#[error("{key}: {detail}")]
pub struct ImportError {
    pub key: &'static str,
    pub detail: String,
}

impl ImportError {
    pub(crate) fn new(key: &'static str, detail: impl Into<String>) -> Self {
        Self {
            key,
            detail: detail.into(),
        }
    }
}

pub async fn export(db: &Db, desk_id: i64) -> Result<CatalogueFile> {
    let types = workflows::ticket_types_of(db, desk_id).await?;
    let teams = desks::teams_of(db, desk_id).await?;
    let all = super::request_types_of(db, desk_id).await?;
    let mut groups = Vec::new();
    for g in super::groups_of(db, desk_id).await? {
        let request_types = all
            .iter()
            .filter(|rt| rt.group_id == g.id)
            .map(|rt| RequestTypeDef {
                code: rt.code.clone(),
                labels: rt.labels.clone(),
                descriptions: rt.descriptions.clone(),
                ticket_type: types
                    .iter()
                    .find(|t| t.id == rt.ticket_type_id)
                    .map(|t| t.code.clone())
                    .unwrap_or_default(),
                team: rt
                    .team_id
                    .and_then(|id| teams.iter().find(|t| t.id == id))
                    .map(|t| t.name.clone()),
                service: rt.service.clone(),
                open_to_external: rt.open_to_external,
                needs_approval: rt.needs_approval,
                approvers: rt.approvers.clone(),
                fields: rt.form.clone(),
            })
            .collect();
        groups.push(GroupDef {
            code: g.code,
            labels: g.labels,
            descriptions: g.descriptions,
            request_types,
        });
    }
    Ok(CatalogueFile {
        format: FORMAT.to_owned(),
        groups,
    })
}

/// Parses a catalogue file; every problem names where it is.
pub fn parse(bytes: &[u8]) -> Result<CatalogueFile, ImportError> {
    let file: CatalogueFile = serde_json::from_slice(bytes).map_err(|e| {
        ImportError::new(
            "error-catalogue-json",
            format!("line {}, column {}: {e}", e.line(), e.column()),
        )
    })?;
    if file.format != FORMAT {
        return Err(ImportError::new("error-catalogue-format", file.format));
    }
    Ok(file)
}

/// Imports a catalogue into a desk in one transaction: all of it or nothing.
pub async fn import(db: &Db, desk_id: i64, file: &CatalogueFile) -> Result<usize, ImportError> {
    let db_err = |e: StoreError| ImportError::new("error-catalogue-store", e.to_string());
    let types = workflows::ticket_types_of(db, desk_id)
        .await
        .map_err(db_err)?;
    let teams = desks::teams_of(db, desk_id).await.map_err(db_err)?;
    let mut tx = db.write().begin().await.map_err(|e| db_err(e.into()))?;
    for (gi, g) in file.groups.iter().enumerate() {
        super::check_code(&g.code)
            .map_err(|_| ImportError::new("error-catalogue-code", g.code.clone()))?;
        let group_id = upsert_group(
            &mut tx,
            desk_id,
            &g.code,
            &g.labels,
            &g.descriptions,
            Some(gi as i64 + 1),
        )
        .await
        .map_err(db_err)?;
        for (ti, rt) in g.request_types.iter().enumerate() {
            let place = format!("{}/{}", g.code, rt.code);
            super::check_code(&rt.code)
                .map_err(|_| ImportError::new("error-catalogue-code", place.clone()))?;
            let ticket_type = types
                .iter()
                .find(|t| t.code == rt.ticket_type)
                .ok_or_else(|| {
                    ImportError::new(
                        "error-catalogue-ticket-type",
                        format!("{place}: {}", rt.ticket_type),
                    )
                })?;
            let team_id = match &rt.team {
                None => None,
                Some(name) => Some(
                    teams
                        .iter()
                        .find(|t| &t.name == name)
                        .ok_or_else(|| {
                            ImportError::new("error-catalogue-team", format!("{place}: {name}"))
                        })?
                        .id,
                ),
            };
            let settings = RequestTypeSettings {
                group_id,
                code: rt.code.clone(),
                labels: rt.labels.clone(),
                descriptions: rt.descriptions.clone(),
                ticket_type_id: ticket_type.id,
                team_id,
                service: rt.service.clone(),
                open_to_external: rt.open_to_external,
                needs_approval: rt.needs_approval,
                approvers: rt.approvers.clone(),
            };
            let id = upsert_request_type(&mut tx, desk_id, &settings, Some(ti as i64 + 1))
                .await
                .map_err(db_err)?;
            atbalsts_domain::form::check_definition(&rt.fields)
                .map_err(|d| ImportError::new("error-catalogue-form", format!("{place}: {d}")))?;
            write_form(&mut tx, desk_id, id, &rt.fields)
                .await
                .map_err(|e| ImportError::new("error-catalogue-form", format!("{place}: {e}")))?;
        }
    }
    let count = file.groups.iter().map(|g| g.request_types.len()).sum();
    retire_missing(&mut tx, desk_id, file)
        .await
        .map_err(db_err)?;
    crate::search_log::note_request_types_of_desk(&mut *tx, desk_id)
        .await
        .map_err(db_err)?;
    tx.commit().await.map_err(|e| db_err(e.into()))?;
    Ok(count)
}

async fn retire_missing(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    desk_id: i64,
    file: &CatalogueFile,
) -> Result<()> {
    let rows = sqlx::query("SELECT id, code, 'type' FROM request_types WHERE desk_id = $1 \
                            UNION ALL SELECT id, code, 'group' FROM request_type_groups WHERE desk_id = $1")
        .bind(desk_id)
        .fetch_all(&mut **tx)
        .await?;
    for r in rows {
        let id: i64 = r.try_get(0)?;
        let code: String = r.try_get(1)?;
        let what: String = r.try_get(2)?;
        let listed = if what == "type" {
            file.groups
                .iter()
                .any(|g| g.request_types.iter().any(|t| t.code == code))
        } else {
            file.groups.iter().any(|g| g.code == code)
        };
        if !listed {
            let table = if what == "type" {
                "request_types"
            } else {
                "request_type_groups"
            };
            sqlx::query(&format!("UPDATE {table} SET active = 0 WHERE id = $1"))
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}
