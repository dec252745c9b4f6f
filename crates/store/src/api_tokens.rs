//! Personal API tokens: shown once, stored hashed, revocable.

use crate::sessions::{hash_token, random_token};
use crate::{now_ms, Db, Result, StoreError};
use serde::Serialize;
use sqlx::Row;

pub const PREFIX: &str = "atb_";

#[derive(Debug, Clone, Serialize)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// Creates a token; the plain text is returned once and never stored.
pub async fn create(db: &Db, user_id: i64, name: &str) -> Result<(i64, String)> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::invalid("name", "error-required"));
    }
    let token = random_token(PREFIX);
    let row = sqlx::query(
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(user_id)
    .bind(name)
    .bind(hash_token(&token))
    .bind(now_ms())
    .fetch_one(db.write())
    .await?;
    Ok((row.try_get(0)?, token))
}

pub async fn list(db: &Db, user_id: i64) -> Result<Vec<ApiToken>> {
    let rows = sqlx::query(
        "SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = $1 ORDER BY id DESC",
    )
    .bind(user_id)
    .fetch_all(db.read())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(ApiToken {
                id: r.try_get(0)?,
                name: r.try_get(1)?,
                created_at: r.try_get(2)?,
                last_used_at: r.try_get(3)?,
                revoked_at: r.try_get(4)?,
            })
        })
        .collect()
}

/// Revokes one of the person's own tokens; `NotFound` for anyone else's.
pub async fn revoke(db: &Db, user_id: i64, token_id: i64) -> Result<()> {
    let done = sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL")
        .bind(now_ms())
        .bind(token_id)
        .bind(user_id)
        .execute(db.write())
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Revokes every live token of the person inside `tx` (after a password
/// reset or change).
pub async fn revoke_all_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    user_id: i64,
) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
    )
    .bind(now_ms())
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

/// A token's last use is written at most this often, so a busy script
/// does not cost a write per request.
pub const LAST_USE_GRANULARITY_MS: i64 = 60_000;

/// Records that the token with this hash was used at `now`, unless a use
/// within the last minute is already recorded.
pub async fn touch(db: &Db, token_hash: &str, now: i64) -> Result<()> {
    sqlx::query(
        "UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 \
         AND (last_used_at IS NULL OR last_used_at <= $3)",
    )
    .bind(now)
    .bind(token_hash)
    .bind(now - LAST_USE_GRANULARITY_MS)
    .execute(db.write())
    .await?;
    Ok(())
}
