//! SLA policies of a desk, in the order they are tried.

use crate::{now_ms, Db, Result, StoreError};
use atbalsts_domain::sla::{Conditions, Goal, GoalTarget};
use sqlx::Row;

#[derive(Debug, Clone)]
pub struct StoredPolicy {
    pub id: i64,
    pub desk_id: i64,
    pub code: String,
    pub position: i64,
    pub name_lv: String,
    pub name_en: String,
    pub calendar_id: i64,
    pub conditions: Conditions,
    pub warn_percent: i64,
    pub breach_priority: Option<String>,
    pub breach_team_id: Option<i64>,
    pub active: bool,
    pub version: i64,
    pub goals: Vec<GoalTarget>,
}

/// A policy to create (the admin pages and the demo build one).
#[derive(Debug, Clone)]
pub struct NewPolicy {
    pub code: String,
    pub name_lv: String,
    pub name_en: String,
    pub calendar_id: i64,
    pub conditions: Conditions,
    pub warn_percent: i64,
    pub breach_priority: Option<String>,
    pub breach_team_id: Option<i64>,
    pub goals: Vec<GoalTarget>,
}

/// Adds a policy at the end of the desk's order.
pub async fn create(db: &Db, desk_id: i64, p: &NewPolicy) -> Result<i64> {
    let mut tx = db.write().begin().await?;
    let row = sqlx::query(
        "INSERT INTO sla_policies (desk_id, code, position, name_lv, name_en, calendar_id, conditions, \
         warn_percent, breach_priority, breach_team_id, updated_at) \
         VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM sla_policies WHERE desk_id = $1), \
         $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(desk_id)
    .bind(&p.code)
    .bind(&p.name_lv)
    .bind(&p.name_en)
    .bind(p.calendar_id)
    .bind(serde_json::to_string(&p.conditions).expect("conditions serialise"))
    .bind(p.warn_percent)
    .bind(&p.breach_priority)
    .bind(p.breach_team_id)
    .bind(now_ms())
    .fetch_one(&mut *tx)
    .await?;
    let id: i64 = row.try_get(0)?;
    for g in &p.goals {
        sqlx::query(
            "INSERT INTO sla_policy_goals (policy_id, goal, target_secs) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(g.goal.code())
        .bind(g.target_secs)
        .execute(&mut *tx)
        .await?;
    }
    super::refresh::bump_version(&mut tx, desk_id).await?;
    tx.commit().await?;
    Ok(id)
}

/// The desk's active policies in the order they are tried.
pub async fn active_for_desk(db: &Db, desk_id: i64) -> Result<Vec<StoredPolicy>> {
    Ok(list_for_desk(db, desk_id)
        .await?
        .into_iter()
        .filter(|p| p.active)
        .collect())
}

/// All the desk's policies, inactive ones too, in the order they are tried.
pub async fn list_for_desk(db: &Db, desk_id: i64) -> Result<Vec<StoredPolicy>> {
    let rows = sqlx::query(
        "SELECT id, desk_id, code, position, name_lv, name_en, calendar_id, conditions, warn_percent, \
         breach_priority, breach_team_id, active, version FROM sla_policies \
         WHERE desk_id = $1 ORDER BY position, id",
    )
    .bind(desk_id)
    .fetch_all(db.read())
    .await?;
    let goals = sqlx::query(
        "SELECT g.policy_id, g.goal, g.target_secs FROM sla_policy_goals g \
         JOIN sla_policies p ON p.id = g.policy_id WHERE p.desk_id = $1 ORDER BY g.goal",
    )
    .bind(desk_id)
    .fetch_all(db.read())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let id: i64 = r.try_get(0)?;
        let conditions: String = r.try_get(7)?;
        let mut policy_goals = Vec::new();
        for g in goals.iter() {
            if g.try_get::<i64, _>(0)? != id {
                continue;
            }
            let code: String = g.try_get(1)?;
            if let Some(goal) = Goal::parse(&code) {
                policy_goals.push(GoalTarget {
                    goal,
                    target_secs: g.try_get(2)?,
                });
            }
        }
        out.push(StoredPolicy {
            id,
            desk_id: r.try_get(1)?,
            code: r.try_get(2)?,
            position: r.try_get(3)?,
            name_lv: r.try_get(4)?,
            name_en: r.try_get(5)?,
            calendar_id: r.try_get(6)?,
            conditions: serde_json::from_str(&conditions).unwrap_or_default(),
            warn_percent: r.try_get(8)?,
            breach_priority: r.try_get(9)?,
            breach_team_id: r.try_get(10)?,
            active: r.try_get::<i64, _>(11)? != 0,
            version: r.try_get(12)?,
            goals: policy_goals,
        });
    }
    Ok(out)
}

/// A policy of this desk; `None` for another desk's.
pub async fn of_desk(db: &Db, desk_id: i64, id: i64) -> Result<Option<StoredPolicy>> {
    Ok(list_for_desk(db, desk_id)
        .await?
        .into_iter()
        .find(|p| p.id == id))
}

/// Creates (`id` = None, at the end of the order) or changes a policy,
/// bumping its version, and starts a re-time run of the desk's open tickets
/// in the same transaction. The calendar (and the breach team, if any) must
/// be the desk's. Returns the policy's id.
pub async fn save(
    db: &Db,
    desk_id: i64,
    id: Option<i64>,
    p: &NewPolicy,
    active: bool,
) -> Result<i64> {
    let mut tx = db.write().begin().await?;
    let id = save_in(&mut tx, desk_id, id, p, active).await?;
    super::retime_runs::start(&mut tx, desk_id, &format!("policy:{}", p.code)).await?;
    tx.commit().await?;
    Ok(id)
}

/// The work of [`save`] inside a transaction (import saves many at once).
pub(crate) async fn save_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    desk_id: i64,
    id: Option<i64>,
    p: &NewPolicy,
    active: bool,
) -> Result<i64> {
    let calendar_ok = sqlx::query("SELECT id FROM sla_calendars WHERE id = $1 AND desk_id = $2")
        .bind(p.calendar_id)
        .bind(desk_id)
        .fetch_optional(&mut **tx)
        .await?
        .is_some();
    if !calendar_ok {
        return Err(StoreError::invalid(
            "calendar",
            "error-sla-calendar-unknown",
        ));
    }
    if let Some(team) = p.breach_team_id {
        let team_ok = sqlx::query("SELECT id FROM teams WHERE id = $1 AND desk_id = $2")
            .bind(team)
            .bind(desk_id)
            .fetch_optional(&mut **tx)
            .await?
            .is_some();
        if !team_ok {
            return Err(StoreError::invalid("breach_team", "error-sla-team-unknown"));
        }
    }
    let taken = sqlx::query("SELECT id FROM sla_policies WHERE desk_id = $1 AND code = $2")
        .bind(desk_id)
        .bind(&p.code)
        .fetch_optional(&mut **tx)
        .await?
        .map(|r| r.try_get::<i64, _>(0))
        .transpose()?;
    if taken.is_some() && taken != id {
        return Err(StoreError::invalid("code", "error-sla-code-taken"));
    }
    let conditions = serde_json::to_string(&p.conditions).expect("conditions serialise");
    let id = match id {
        None => sqlx::query(
            "INSERT INTO sla_policies (desk_id, code, position, name_lv, name_en, calendar_id, conditions, \
             warn_percent, breach_priority, breach_team_id, active, updated_at) \
             VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM sla_policies WHERE desk_id = $1), \
             $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(desk_id)
        .bind(&p.code)
        .bind(&p.name_lv)
        .bind(&p.name_en)
        .bind(p.calendar_id)
        .bind(&conditions)
        .bind(p.warn_percent)
        .bind(&p.breach_priority)
        .bind(p.breach_team_id)
        .bind(i64::from(active))
        .bind(now_ms())
        .fetch_one(&mut **tx)
        .await?
        .try_get(0)?,
        Some(id) => {
            let done = sqlx::query(
                "UPDATE sla_policies SET code = $1, name_lv = $2, name_en = $3, calendar_id = $4, \
                 conditions = $5, warn_percent = $6, breach_priority = $7, breach_team_id = $8, \
                 active = $9, version = version + 1, updated_at = $10 WHERE id = $11 AND desk_id = $12",
            )
            .bind(&p.code)
            .bind(&p.name_lv)
            .bind(&p.name_en)
            .bind(p.calendar_id)
            .bind(&conditions)
            .bind(p.warn_percent)
            .bind(&p.breach_priority)
            .bind(p.breach_team_id)
            .bind(i64::from(active))
            .bind(now_ms())
            .bind(id)
            .bind(desk_id)
            .execute(&mut **tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            sqlx::query("DELETE FROM sla_policy_goals WHERE policy_id = $1")
                .bind(id)
                .execute(&mut **tx)
                .await?;
            id
        }
    };
    for g in &p.goals {
        sqlx::query(
            "INSERT INTO sla_policy_goals (policy_id, goal, target_secs) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(g.goal.code())
        .bind(g.target_secs)
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

/// Moves a policy one place up (`by` < 0) or down in the desk's order, and
/// starts a re-time run: which policy applies first may have changed.
pub async fn move_policy(db: &Db, desk_id: i64, id: i64, by: i64) -> Result<()> {
    let mut order: Vec<(i64, String)> = list_for_desk(db, desk_id)
        .await?
        .into_iter()
        .map(|p| (p.id, p.code))
        .collect();
    let Some(at) = order.iter().position(|(p, _)| *p == id) else {
        return Err(StoreError::NotFound);
    };
    let to = at as i64 + by.signum();
    if to < 0 || to >= order.len() as i64 {
        return Ok(());
    }
    order.swap(at, to as usize);
    let mut tx = db.write().begin().await?;
    for (position, (pid, _)) in order.iter().enumerate() {
        sqlx::query("UPDATE sla_policies SET position = $1 WHERE id = $2 AND desk_id = $3")
            .bind(position as i64 + 1)
            .bind(pid)
            .bind(desk_id)
            .execute(&mut *tx)
            .await?;
    }
    let code = &order[to as usize].1;
    super::retime_runs::start(&mut tx, desk_id, &format!("policy:{code}")).await?;
    tx.commit().await?;
    Ok(())
}
