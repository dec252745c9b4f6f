//! Service desks, their teams and team membership.

use crate::{now_ms, Db, Result, StoreError};
use serde::Serialize;
use sqlx::Row;

#[derive(Debug, Clone, Serialize)]
pub struct Desk {
    pub id: i64,
    pub key_prefix: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Team {
    pub id: i64,
    pub desk_id: i64,
    pub name: String,
}

pub async fn create_desk(db: &Db, key_prefix: &str, name: &str) -> Result<i64> {
    let prefix = atbalsts_domain::ticket::parse_key_prefix(key_prefix)
        .map_err(|c| StoreError::invalid("key_prefix", c))?;
    let row = sqlx::query(
        "INSERT INTO desks (key_prefix, name, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(prefix)
    .bind(name)
    .bind(now_ms())
    .fetch_one(db.write())
    .await
    .map_err(StoreError::from)
    .map_err(|e| {
        if e.is_unique_violation() {
            StoreError::invalid("key_prefix", "error-key-prefix-taken")
        } else {
            e
        }
    })?;
    Ok(row.try_get(0)?)
}

pub async fn list_desks(db: &Db) -> Result<Vec<Desk>> {
    let rows = sqlx::query("SELECT id, key_prefix, name FROM desks ORDER BY key_prefix")
        .fetch_all(db.read())
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Desk {
                id: r.try_get(0)?,
                key_prefix: r.try_get(1)?,
                name: r.try_get(2)?,
            })
        })
        .collect()
}

pub async fn desk_by_prefix(db: &Db, prefix: &str) -> Result<Option<Desk>> {
    let row = sqlx::query("SELECT id, key_prefix, name FROM desks WHERE key_prefix = $1")
        .bind(prefix.to_ascii_uppercase())
        .fetch_optional(db.read())
        .await?;
    row.map(|r| {
        Ok(Desk {
            id: r.try_get(0)?,
            key_prefix: r.try_get(1)?,
            name: r.try_get(2)?,
        })
    })
    .transpose()
}

pub async fn create_team(db: &Db, desk_id: i64, name: &str) -> Result<i64> {
    let row = sqlx::query("INSERT INTO teams (desk_id, name) VALUES ($1, $2) RETURNING id")
        .bind(desk_id)
        .bind(name)
        .fetch_one(db.write())
        .await?;
    Ok(row.try_get(0)?)
}

pub async fn add_team_member(db: &Db, team_id: i64, user_id: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO team_members (team_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(team_id)
    .bind(user_id)
    .execute(db.write())
    .await?;
    Ok(())
}

pub async fn teams_of(db: &Db, desk_id: i64) -> Result<Vec<Team>> {
    let rows = sqlx::query("SELECT id, desk_id, name FROM teams WHERE desk_id = $1 ORDER BY name")
        .bind(desk_id)
        .fetch_all(db.read())
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Team {
                id: r.try_get(0)?,
                desk_id: r.try_get(1)?,
                name: r.try_get(2)?,
            })
        })
        .collect()
}

/// People who hold a staff role on the desk (candidates for assignment).
pub async fn staff_of(db: &Db, desk_id: i64) -> Result<Vec<(i64, String)>> {
    let rows = sqlx::query(
        "SELECT DISTINCT u.id, u.display_name FROM users u JOIN desk_roles r ON r.user_id = u.id \
         WHERE r.desk_id = $1 AND r.role <> 'customer' AND u.active = 1 ORDER BY u.display_name",
    )
    .bind(desk_id)
    .fetch_all(db.read())
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect()
}

/// The teams a person belongs to.
pub async fn teams_of_user(db: &Db, user_id: i64) -> Result<Vec<i64>> {
    let rows = sqlx::query("SELECT team_id FROM team_members WHERE user_id = $1 ORDER BY team_id")
        .bind(user_id)
        .fetch_all(db.read())
        .await?;
    rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
}

/// What a reply by mail to a closed ticket of the desk does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosedReply {
    /// The ticket opens again.
    Reopen,
    /// A new ticket, linked to the closed one, takes the reply.
    FollowUp,
}

impl ClosedReply {
    pub fn code(self) -> &'static str {
        match self {
            ClosedReply::Reopen => "reopen",
            ClosedReply::FollowUp => "follow_up",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "reopen" => Some(ClosedReply::Reopen),
            "follow_up" => Some(ClosedReply::FollowUp),
            _ => None,
        }
    }
}

pub async fn closed_reply(db: &Db, desk_id: i64) -> Result<ClosedReply> {
    let row = sqlx::query("SELECT closed_reply FROM desks WHERE id = $1")
        .bind(desk_id)
        .fetch_optional(db.read())
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(ClosedReply::parse(&row.try_get::<String, _>(0)?).unwrap_or(ClosedReply::Reopen))
}

pub async fn set_closed_reply(db: &Db, desk_id: i64, value: ClosedReply) -> Result<()> {
    sqlx::query("UPDATE desks SET closed_reply = $1 WHERE id = $2")
        .bind(value.code())
        .bind(desk_id)
        .execute(db.write())
        .await?;
    Ok(())
}

/// The installation's first desk: its wording is used for mail that belongs
/// to no desk (sign-up and password links, asked for from the shared portal).
pub async fn first_desk_id(db: &Db) -> Result<Option<i64>> {
    let row = sqlx::query("SELECT MIN(id) FROM desks")
        .fetch_one(db.read())
        .await?;
    Ok(row.try_get(0)?)
}

/// Whether the desk publishes its open data to everyone.
pub async fn open_data_published(db: &Db, desk_id: i64) -> Result<bool> {
    let row = sqlx::query("SELECT open_data_published FROM desks WHERE id = $1")
        .bind(desk_id)
        .fetch_optional(db.read())
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(row.try_get::<i64, _>(0)? != 0)
}

pub async fn set_open_data_published(db: &Db, desk_id: i64, published: bool) -> Result<()> {
    sqlx::query("UPDATE desks SET open_data_published = $1 WHERE id = $2")
        .bind(i64::from(published))
        .bind(desk_id)
        .execute(db.write())
        .await?;
    Ok(())
}
