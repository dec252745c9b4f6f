//! Installation-wide settings kept in the database, so that every instance
//! of a scaled-out installation shares them.

use crate::{Db, Result};
use rand::RngCore;
use sqlx::Row;

pub async fn get(db: &Db, key: &str) -> Result<Option<String>> {
    let row = sqlx::query("SELECT value FROM settings WHERE key = $1")
        .bind(key)
        .fetch_optional(db.read())
        .await?;
    Ok(row.map(|r| r.try_get(0)).transpose()?)
}

/// Returns the value of `key`, first storing `make()` if there is none.
/// Safe when several instances start at once: the first insert wins.
pub async fn get_or_init(db: &Db, key: &str, make: impl FnOnce() -> String) -> Result<String> {
    if let Some(v) = get(db, key).await? {
        return Ok(v);
    }
    sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
        .bind(key)
        .bind(make())
        .execute(db.write())
        .await?;
    let row = sqlx::query("SELECT value FROM settings WHERE key = $1")
        .bind(key)
        .fetch_one(db.write())
        .await?;
    Ok(row.try_get(0)?)
}

/// The installation's secret for signing (CSRF tokens, links), made on first start.
pub async fn server_secret(db: &Db) -> Result<Vec<u8>> {
    let hex_secret = get_or_init(db, "server_secret", || {
        let mut bytes = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut bytes);
        hex::encode(bytes)
    })
    .await?;
    hex::decode(hex_secret).map_err(|e| crate::StoreError::Corrupt(format!("server_secret: {e}")))
}
