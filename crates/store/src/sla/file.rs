//! A desk's calendars and SLA policies as one JSON document, to version
//! them or move them between installations. Import is all or nothing, like
//! the catalogue's: every entry is checked first, then everything is saved
//! in one transaction; a broken file changes nothing and says which entry
//! and which field is wrong.
//!
//! Entries are matched by code: a calendar or policy in the file replaces
//! the desk's one with the same code, or is added. Entries the file does not
//! name are kept (tickets' clocks refer to them). Calendars name their
//! special days in full; policies name their calendar, institutions and
//! request types by code and their breach team by name.

use super::calendars::{self, CalendarInput};
use super::policies::{self, NewPolicy};
use super::retime_runs;
use crate::catalogue::ImportError;
use crate::{catalogue, desks, institutions, Db, Result, StoreError};
use atbalsts_domain::sla::{Calendar, CalendarSpec, Conditions, Goal, GoalTarget};
use atbalsts_domain::Priority;
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "atbalsts-sla/1";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlaFile {
    pub format: String,
    #[serde(default)]
    pub calendars: Vec<CalendarDef>,
    #[serde(default)]
    pub policies: Vec<PolicyDef>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarDef {
    pub code: String,
    pub name_lv: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(flatten)]
    pub spec: CalendarSpec,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyDef {
    pub code: String,
    pub name_lv: String,
    #[serde(default)]
    pub name_en: String,
    /// The code of a calendar in this file or of the desk.
    pub calendar: String,
    #[serde(default)]
    pub conditions: ConditionsDef,
    /// Business seconds per goal (`first_response`, `resolution`).
    pub goals: std::collections::BTreeMap<String, i64>,
    #[serde(default = "default_warn")]
    pub warn_percent: i64,
    #[serde(default)]
    pub breach_priority: Option<String>,
    /// The name of one of the desk's teams.
    #[serde(default)]
    pub breach_team: Option<String>,
    #[serde(default = "default_active")]
    pub active: bool,
}

/// A policy's conditions as the file names them: institutions and request
/// types by code, so the file means the same in another installation.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConditionsDef {
    pub ticket_types: Vec<String>,
    pub priorities: Vec<String>,
    pub services: Vec<String>,
    pub institutions: Vec<String>,
    pub request_types: Vec<String>,
}

fn default_warn() -> i64 {
    75
}

fn default_active() -> bool {
    true
}

pub async fn export(db: &Db, desk_id: i64) -> Result<SlaFile> {
    let mut cals = Vec::new();
    let mut code_of = std::collections::HashMap::new();
    for c in calendars::list(db, desk_id).await? {
        let stored = calendars::get(db, c.id)
            .await?
            .ok_or(StoreError::NotFound)?;
        code_of.insert(c.id, c.code.clone());
        cals.push(CalendarDef {
            code: c.code,
            name_lv: c.name_lv,
            name_en: c.name_en,
            spec: stored.calendar.spec().clone(),
        });
    }
    let teams = desks::teams_of(db, desk_id).await?;
    let insts = institutions::list_institutions(db).await?;
    let types = catalogue::request_types_of(db, desk_id).await?;
    let codes = |ids: &[i64], all: &[(i64, String)]| -> Vec<String> {
        ids.iter()
            .filter_map(|id| all.iter().find(|(i, _)| i == id).map(|(_, c)| c.clone()))
            .collect()
    };
    let inst_codes: Vec<(i64, String)> = insts.iter().map(|i| (i.id, i.code.clone())).collect();
    let type_codes: Vec<(i64, String)> = types.iter().map(|t| (t.id, t.code.clone())).collect();
    let pols = policies::list_for_desk(db, desk_id)
        .await?
        .into_iter()
        .map(|p| PolicyDef {
            code: p.code,
            name_lv: p.name_lv,
            name_en: p.name_en,
            calendar: code_of.get(&p.calendar_id).cloned().unwrap_or_default(),
            conditions: ConditionsDef {
                institutions: codes(&p.conditions.institution_ids, &inst_codes),
                request_types: codes(&p.conditions.request_type_ids, &type_codes),
                ticket_types: p.conditions.ticket_types,
                priorities: p.conditions.priorities,
                services: p.conditions.services,
            },
            goals: p
                .goals
                .iter()
                .map(|g| (g.goal.code().to_owned(), g.target_secs))
                .collect(),
            warn_percent: p.warn_percent,
            breach_priority: p.breach_priority,
            breach_team: p
                .breach_team_id
                .and_then(|id| teams.iter().find(|t| t.id == id))
                .map(|t| t.name.clone()),
            active: p.active,
        })
        .collect();
    Ok(SlaFile {
        format: FORMAT.into(),
        calendars: cals,
        policies: pols,
    })
}

/// Reads a file; a file that is not ours or not JSON is refused whole.
pub fn parse(bytes: &[u8]) -> std::result::Result<SlaFile, ImportError> {
    let file: SlaFile = serde_json::from_slice(bytes)
        .map_err(|e| ImportError::new("error-sla-file-json", e.to_string()))?;
    if file.format != FORMAT {
        return Err(ImportError::new("error-sla-file-format", file.format));
    }
    Ok(file)
}

/// The field errors of a checked value as `entry: field (code)` for the message.
fn describe(entry: &str, errors: &atbalsts_domain::FieldErrors) -> String {
    let fields: Vec<String> = errors
        .0
        .iter()
        .map(|e| format!("{} ({})", e.field, e.code))
        .collect();
    format!("{entry}: {}", fields.join(", "))
}

/// Checks every entry, then saves them all in one transaction with one
/// re-time run. Returns how many calendars and policies were saved.
pub async fn import(
    db: &Db,
    desk_id: i64,
    file: &SlaFile,
) -> std::result::Result<usize, ImportError> {
    let db_err = |e: StoreError| ImportError::new("error-sla-file-store", e.to_string());
    let refuse = |detail: String| ImportError::new("error-sla-file-entry", detail);
    let mut checked_calendars = Vec::new();
    for (i, c) in file.calendars.iter().enumerate() {
        let entry = format!("calendars[{i}] {}", c.code);
        if c.code.trim().is_empty() {
            return Err(refuse(format!("{entry}: code (error-required)")));
        }
        if c.name_lv.trim().is_empty() {
            return Err(refuse(format!("{entry}: name_lv (error-required)")));
        }
        let calendar = Calendar::new(c.spec.clone()).map_err(|e| refuse(describe(&entry, &e)))?;
        checked_calendars.push(CalendarInput {
            code: c.code.trim().to_owned(),
            name_lv: c.name_lv.trim().to_owned(),
            name_en: c.name_en.trim().to_owned(),
            calendar,
        });
    }
    let existing = calendars::list(db, desk_id).await.map_err(db_err)?;
    let teams = desks::teams_of(db, desk_id).await.map_err(db_err)?;
    let existing_policies = policies::list_for_desk(db, desk_id).await.map_err(db_err)?;
    let insts = institutions::list_institutions(db).await.map_err(db_err)?;
    let types = catalogue::request_types_of(db, desk_id)
        .await
        .map_err(db_err)?;
    let mut checked_policies = Vec::new();
    for (i, p) in file.policies.iter().enumerate() {
        let entry = format!("policies[{i}] {}", p.code);
        let fail = |field: &str, code: &str| refuse(format!("{entry}: {field} ({code})"));
        if p.code.trim().is_empty() {
            return Err(fail("code", "error-required"));
        }
        if p.name_lv.trim().is_empty() {
            return Err(fail("name_lv", "error-required"));
        }
        let known = file.calendars.iter().any(|c| c.code == p.calendar)
            || existing.iter().any(|c| c.code == p.calendar);
        if !known {
            return Err(fail("calendar", "error-sla-calendar-unknown"));
        }
        let mut goals = Vec::new();
        for (name, secs) in &p.goals {
            let goal = Goal::parse(name).ok_or_else(|| fail("goals", "error-sla-goal-unknown"))?;
            let target = GoalTarget::check(goal, *secs)
                .map_err(|code| fail(&format!("goals.{name}"), code))?;
            goals.push(target);
        }
        if goals.is_empty() {
            return Err(fail("goals", "error-sla-goal-required"));
        }
        if !(1..=100).contains(&p.warn_percent) {
            return Err(fail("warn_percent", "error-sla-warn-percent"));
        }
        if let Some(pr) = &p.breach_priority {
            Priority::parse(pr).map_err(|code| fail("breach_priority", code))?;
        }
        let breach_team_id = match &p.breach_team {
            None => None,
            Some(name) => Some(
                teams
                    .iter()
                    .find(|t| &t.name == name)
                    .ok_or_else(|| fail("breach_team", "error-sla-team-unknown"))?
                    .id,
            ),
        };
        for pr in &p.conditions.priorities {
            Priority::parse(pr).map_err(|code| fail("conditions.priorities", code))?;
        }
        let mut institution_ids = Vec::new();
        for code in &p.conditions.institutions {
            let i = insts
                .iter()
                .find(|i| &i.code == code)
                .ok_or_else(|| fail("conditions.institutions", "error-sla-institution-unknown"))?;
            institution_ids.push(i.id);
        }
        let mut request_type_ids = Vec::new();
        for code in &p.conditions.request_types {
            let t = types.iter().find(|t| &t.code == code).ok_or_else(|| {
                fail("conditions.request_types", "error-sla-request-type-unknown")
            })?;
            request_type_ids.push(t.id);
        }
        let conditions = Conditions {
            ticket_types: p.conditions.ticket_types.clone(),
            priorities: p.conditions.priorities.clone(),
            services: p.conditions.services.clone(),
            institution_ids,
            request_type_ids,
        };
        checked_policies.push((p, goals, breach_team_id, conditions));
    }

    let mut tx = db.write().begin().await.map_err(|e| db_err(e.into()))?;
    let mut ids = std::collections::HashMap::new();
    for c in &existing {
        ids.insert(c.code.clone(), c.id);
    }
    for c in &checked_calendars {
        let current = existing.iter().find(|e| e.code == c.code).map(|e| e.id);
        let (id, _) = calendars::save_in(&mut tx, desk_id, current, c, true)
            .await
            .map_err(db_err)?;
        ids.insert(c.code.clone(), id);
    }
    for (p, goals, breach_team_id, conditions) in &checked_policies {
        let current = existing_policies
            .iter()
            .find(|e| e.code == p.code)
            .map(|e| e.id);
        let new = NewPolicy {
            code: p.code.trim().to_owned(),
            name_lv: p.name_lv.trim().to_owned(),
            name_en: p.name_en.trim().to_owned(),
            calendar_id: ids[&p.calendar],
            conditions: conditions.clone(),
            warn_percent: p.warn_percent,
            breach_priority: p.breach_priority.clone(),
            breach_team_id: *breach_team_id,
            goals: goals.clone(),
        };
        policies::save_in(&mut tx, desk_id, current, &new, p.active)
            .await
            .map_err(db_err)?;
    }
    retime_runs::start(&mut tx, desk_id, "import")
        .await
        .map_err(db_err)?;
    tx.commit().await.map_err(|e| db_err(e.into()))?;
    Ok(checked_calendars.len() + checked_policies.len())
}
