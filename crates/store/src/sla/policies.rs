//! SLA policies of a desk, in the order they are tried.

use crate::{now_ms, Db, Result};
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
    tx.commit().await?;
    Ok(id)
}

/// The desk's active policies in the order they are tried.
pub async fn active_for_desk(db: &Db, desk_id: i64) -> Result<Vec<StoredPolicy>> {
    let rows = sqlx::query(
        "SELECT id, desk_id, code, position, name_lv, name_en, calendar_id, conditions, warn_percent, \
         breach_priority, breach_team_id, active, version FROM sla_policies \
         WHERE desk_id = $1 AND active = 1 ORDER BY position, id",
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
