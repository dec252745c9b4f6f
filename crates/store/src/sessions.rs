//! Server-side sign-in sessions. The cookie holds a random token; the
//! database holds only its hash, so a leaked database opens no session.

use crate::{now_ms, Db, Result};
use rand::RngCore;
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

/// Starts a session for `user_id`; returns the token for the cookie.
pub async fn create(db: &Db, user_id: i64, ttl_ms: i64) -> Result<String> {
    let token = random_token("");
    let now = now_ms();
    sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(hash_token(&token))
        .bind(user_id)
        .bind(now)
        .bind(now + ttl_ms)
        .execute(db.write())
        .await?;
    Ok(token)
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
