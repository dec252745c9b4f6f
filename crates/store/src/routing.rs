//! Routing rules of a desk (see `atbalsts_domain::routing`): kept in order,
//! applied when a ticket is created, and tried against an existing ticket
//! before saving.

use crate::{now_ms, Db, Result, StoreError};
use atbalsts_domain::routing::{self, Actions, Conditions, Facts, Rule};
use sqlx::Row;

fn parse<T: serde::de::DeserializeOwned>(col: &str, text: String) -> Result<T> {
    serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(format!("routing {col}: {e}")))
}

fn rule(r: &sqlx::any::AnyRow) -> Result<Rule> {
    Ok(Rule {
        id: r.try_get(0)?,
        name: r.try_get(1)?,
        active: r.try_get::<i64, _>(2)? != 0,
        conditions: parse("conditions", r.try_get(3)?)?,
        actions: parse("actions", r.try_get(4)?)?,
    })
}

const COLUMNS: &str = "id, name, active, conditions, actions";

/// The desk's rules, in the order they are tried.
pub async fn rules_of(db: &Db, desk_id: i64) -> Result<Vec<Rule>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM routing_rules WHERE desk_id = $1 ORDER BY position, id"
    ))
    .bind(desk_id)
    .fetch_all(db.read())
    .await?;
    rows.iter().map(rule).collect()
}

/// The desk's active rules, in order: what a new ticket is routed by.
pub(crate) async fn active_rules(
    conn: &mut sqlx::AnyConnection,
    desk_id: i64,
) -> Result<Vec<Rule>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM routing_rules WHERE desk_id = $1 AND active = 1 ORDER BY position, id"
    ))
    .bind(desk_id)
    .fetch_all(conn)
    .await?;
    rows.iter().map(rule).collect()
}

/// Saves a new rule (at the end) or changes one (`id`), after checking it.
pub async fn save_rule(
    db: &Db,
    desk_id: i64,
    id: Option<i64>,
    name: &str,
    active: bool,
    conditions: &Conditions,
    actions: &Actions,
) -> Result<i64> {
    routing::check(name, conditions, actions).map_err(StoreError::Invalid)?;
    let c = serde_json::to_string(conditions).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let a = serde_json::to_string(actions).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let now = now_ms();
    if let Some(id) = id {
        let done = sqlx::query(
            "UPDATE routing_rules SET name = $1, active = $2, conditions = $3, actions = $4, updated_at = $5 \
             WHERE id = $6 AND desk_id = $7",
        )
        .bind(name.trim())
        .bind(active as i64)
        .bind(c)
        .bind(a)
        .bind(now)
        .bind(id)
        .bind(desk_id)
        .execute(db.write())
        .await?
        .rows_affected();
        return if done == 0 {
            Err(StoreError::NotFound)
        } else {
            Ok(id)
        };
    }
    let row = sqlx::query(
        "INSERT INTO routing_rules (desk_id, position, name, active, conditions, actions, updated_at) \
         SELECT $1, COALESCE(MAX(position), 0) + 1, $2, $3, $4, $5, $6 FROM routing_rules WHERE desk_id = $1 \
         RETURNING id",
    )
    .bind(desk_id)
    .bind(name.trim())
    .bind(active as i64)
    .bind(c)
    .bind(a)
    .bind(now)
    .fetch_one(db.write())
    .await?;
    Ok(row.try_get(0)?)
}

pub async fn delete_rule(db: &Db, desk_id: i64, id: i64) -> Result<bool> {
    Ok(
        sqlx::query("DELETE FROM routing_rules WHERE id = $1 AND desk_id = $2")
            .bind(id)
            .bind(desk_id)
            .execute(db.write())
            .await?
            .rows_affected()
            > 0,
    )
}

/// Moves a rule one place earlier (`up`) or later, swapping with its neighbour.
pub async fn move_rule(db: &Db, desk_id: i64, id: i64, up: bool) -> Result<()> {
    let mut ids: Vec<i64> = rules_of(db, desk_id).await?.iter().map(|r| r.id).collect();
    let Some(i) = ids.iter().position(|r| *r == id) else {
        return Err(StoreError::NotFound);
    };
    let j = if up {
        i.checked_sub(1)
    } else {
        Some(i + 1).filter(|j| *j < ids.len())
    };
    let Some(j) = j else {
        return Ok(());
    };
    ids.swap(i, j);
    let mut tx = db.write().begin().await?;
    for (pos, rule) in ids.iter().enumerate() {
        sqlx::query("UPDATE routing_rules SET position = $1 WHERE id = $2")
            .bind(pos as i64 + 1)
            .bind(rule)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The facts rules look at, of an existing ticket (to try a rule on it).
pub async fn facts_of(db: &Db, ticket: &crate::tickets::Ticket) -> Result<Facts> {
    let service: Option<String> = match ticket.request_type_id {
        Some(rt) => sqlx::query("SELECT service FROM request_types WHERE id = $1")
            .bind(rt)
            .fetch_optional(db.read())
            .await?
            .map(|r| r.try_get(0))
            .transpose()?,
        None => None,
    };
    Ok(Facts {
        request_type_id: ticket.request_type_id,
        institution_id: ticket.institution_id,
        sub_unit_id: ticket.sub_unit_id,
        service: service.filter(|s| !s.is_empty()),
        category_id: ticket.category_id,
        channel: ticket.channel.code().to_owned(),
        summary: ticket.summary.clone(),
        description: ticket.description.clone(),
    })
}
