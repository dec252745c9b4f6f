//! Single-use, expiring links that prove a person owns an email address:
//! sign-up verification and password reset. Only the token's hash is kept.

use crate::sessions::{hash_token, random_token};
use crate::{now_ms, Db, Result};
use sqlx::{Any, Executor, Row};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Verify,
    Reset,
}

impl Purpose {
    fn code(self) -> &'static str {
        match self {
            Purpose::Verify => "verify",
            Purpose::Reset => "reset",
        }
    }
}

/// Issues a link token for `user_id`, valid for `ttl_ms`.
pub async fn issue<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
    purpose: Purpose,
    ttl_ms: i64,
) -> Result<String> {
    let token = random_token("");
    let now = now_ms();
    sqlx::query(
        "INSERT INTO account_links (token_hash, user_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(hash_token(&token))
    .bind(user_id)
    .bind(purpose.code())
    .bind(now)
    .bind(now + ttl_ms)
    .execute(ex)
    .await?;
    Ok(token)
}

/// The person a live, unused link belongs to, without using it up.
pub async fn peek(db: &Db, token: &str, purpose: Purpose) -> Result<Option<i64>> {
    let row = sqlx::query(
        "SELECT user_id FROM account_links WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
    )
    .bind(hash_token(token))
    .bind(purpose.code())
    .bind(now_ms())
    .fetch_optional(db.read())
    .await?;
    Ok(row.map(|r| r.try_get(0)).transpose()?)
}

/// Uses the link up and sets the person's password; the address counts as
/// verified from now on. `None` when the link is unknown, used or expired.
pub async fn redeem_with_password(
    db: &Db,
    token: &str,
    purpose: Purpose,
    password_hash: &str,
) -> Result<Option<i64>> {
    let now = now_ms();
    let mut tx = db.write().begin().await?;
    let row = sqlx::query(
        "UPDATE account_links SET used_at = $1 WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL \
         AND expires_at > $1 RETURNING user_id",
    )
    .bind(now)
    .bind(hash_token(token))
    .bind(purpose.code())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let user_id: i64 = row.try_get(0)?;
    sqlx::query(
        "UPDATE users SET password_hash = $1, email_verified_at = COALESCE(email_verified_at, $2) WHERE id = $3",
    )
    .bind(password_hash)
    .bind(now)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    // Every other open link of the person dies with this one.
    sqlx::query("UPDATE account_links SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(user_id))
}
