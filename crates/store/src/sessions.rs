//! Server-side sign-in sessions. The cookie holds a random token; the
//! database holds only its hash, so a leaked database opens no session.

use crate::{now_ms, Db, Result, StoreError};
use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::Row;

pub fn random_token(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    format!("{prefix}{}", hex::encode(bytes))
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Where a session was started from, shown in the person's list of sessions.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub address: String,
    pub user_agent: String,
}

/// Starts a session for `user_id`; returns the token for the cookie.
pub async fn create(db: &Db, user_id: i64, ttl_ms: i64) -> Result<String> {
    create_from(db, user_id, ttl_ms, &Origin::default()).await
}

/// Starts a session and remembers where it was started from.
pub async fn create_from(db: &Db, user_id: i64, ttl_ms: i64, origin: &Origin) -> Result<String> {
    let token = random_token("");
    let now = now_ms();
    let agent: String = origin.user_agent.chars().take(300).collect();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, address, user_agent) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(hash_token(&token))
    .bind(user_id)
    .bind(now)
    .bind(now + ttl_ms)
    .bind(&origin.address)
    .bind(agent)
    .execute(db.write())
    .await?;
    Ok(token)
}

/// A live session as its owner sees it. `id` names it in forms: a hash of
/// the stored hash, so a page never shows what the database keys on.
#[derive(Debug, Clone, Serialize)]
pub struct SessionInfo {
    pub id: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub address: String,
    pub user_agent: String,
    /// The session of the browser asking.
    pub current: bool,
}

fn public_id(token_hash: &str) -> String {
    hash_token(&format!("session:{token_hash}"))[..24].to_owned()
}

/// The person's live sessions, newest first; `current` is the asking
/// browser's token.
pub async fn list_for(db: &Db, user_id: i64, current: Option<&str>) -> Result<Vec<SessionInfo>> {
    let current = current.map(hash_token);
    let rows = sqlx::query(
        "SELECT token_hash, created_at, expires_at, address, user_agent FROM sessions \
         WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at DESC",
    )
    .bind(user_id)
    .bind(now_ms())
    .fetch_all(db.read())
    .await?;
    rows.iter()
        .map(|r| {
            let hash: String = r.try_get(0)?;
            Ok(SessionInfo {
                id: public_id(&hash),
                current: current.as_deref() == Some(hash.as_str()),
                created_at: r.try_get(1)?,
                expires_at: r.try_get(2)?,
                address: r.try_get(3)?,
                user_agent: r.try_get(4)?,
            })
        })
        .collect()
}

/// Ends one of the person's own sessions, named by its public id;
/// `NotFound` for an unknown id or anyone else's session.
pub async fn end_own(db: &Db, user_id: i64, id: &str) -> Result<()> {
    let rows = sqlx::query("SELECT token_hash FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .fetch_all(db.read())
        .await?;
    for r in rows {
        let hash: String = r.try_get(0)?;
        if public_id(&hash) == id {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1 AND user_id = $2")
                .bind(&hash)
                .bind(user_id)
                .execute(db.write())
                .await?;
            return Ok(());
        }
    }
    Err(StoreError::NotFound)
}

/// Ends every session of the person except the one with token `keep`.
pub async fn end_others(db: &Db, user_id: i64, keep: &str) -> Result<u64> {
    let mut tx = db.write().begin().await?;
    let done = end_all_in(&mut tx, user_id, Some(keep)).await?;
    tx.commit().await?;
    Ok(done)
}

/// Ends the person's sessions (all, or all but `keep`) inside `tx`.
pub async fn end_all_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    user_id: i64,
    keep: Option<&str>,
) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user_id)
        .bind(keep.map(hash_token).unwrap_or_default())
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected())
}

/// The person a live session belongs to.
pub async fn user_of(db: &Db, token: &str) -> Result<Option<i64>> {
    let row = sqlx::query("SELECT user_id FROM sessions WHERE token_hash = $1 AND expires_at > $2")
        .bind(hash_token(token))
        .bind(now_ms())
        .fetch_optional(db.read())
        .await?;
    Ok(row.map(|r| r.try_get(0)).transpose()?)
}

pub async fn delete(db: &Db, token: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(hash_token(token))
        .execute(db.write())
        .await?;
    Ok(())
}

pub async fn delete_expired(db: &Db) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now_ms())
        .execute(db.write())
        .await?;
    Ok(done.rows_affected())
}
