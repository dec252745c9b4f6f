//! The record of sign-in attempts whose password was checked, and the
//! counts the web layer's throttle reads from it. Times are explicit, so
//! the throttle can be tested without waiting.

use crate::{Db, Result};
use sqlx::Row;

/// One checked attempt.
#[derive(Debug, Clone)]
pub struct Attempt<'a> {
    pub email: &'a str,
    /// The account, on success.
    pub user_id: Option<i64>,
    pub success: bool,
    /// The network address the attempt came from.
    pub address: &'a str,
    /// The device cookie's id when the browser presented a valid one for
    /// this account, else empty.
    pub device: &'a str,
    pub at: i64,
}

pub async fn record(db: &Db, a: &Attempt<'_>) -> Result<()> {
    sqlx::query(
        "INSERT INTO sign_in_log (email, user_id, success, address, device, at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(a.email)
    .bind(a.user_id)
    .bind(a.success as i64)
    .bind(a.address)
    .bind(a.device)
    .bind(a.at)
    .execute(db.write())
    .await?;
    Ok(())
}

/// Failures since `since`: how many, and when the latest was.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Failures {
    pub count: i64,
    pub latest: Option<i64>,
}

async fn failures(db: &Db, filter: &str, key: &str, since: i64) -> Result<Failures> {
    let row = sqlx::query(&format!(
        "SELECT COUNT(*), MAX(at) FROM sign_in_log WHERE {filter} AND success = 0 AND at > $2"
    ))
    .bind(key)
    .bind(since)
    .fetch_one(db.read())
    .await?;
    Ok(Failures {
        count: row.try_get(0)?,
        latest: row.try_get(1)?,
    })
}

/// Failures for an account from browsers without its device cookie.
pub async fn account_failures(db: &Db, email: &str, since: i64) -> Result<Failures> {
    failures(db, "email = $1 AND device = ''", email, since).await
}

/// Failures from one network address (any account) without a device cookie.
pub async fn address_failures(db: &Db, address: &str, since: i64) -> Result<Failures> {
    failures(db, "address = $1 AND device = ''", address, since).await
}

/// Failures from one device cookie.
pub async fn device_failures(db: &Db, device: &str, since: i64) -> Result<Failures> {
    failures(db, "device = $1", device, since).await
}

/// Failures across all accounts since `since` (for the spike alarm).
pub async fn all_failures(db: &Db, since: i64) -> Result<i64> {
    let row = sqlx::query("SELECT COUNT(*) FROM sign_in_log WHERE success = 0 AND at > $1")
        .bind(since)
        .fetch_one(db.read())
        .await?;
    Ok(row.try_get(0)?)
}
