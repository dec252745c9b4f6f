//! People: staff, customers and external users. Passwords arrive here
//! already hashed; the web layer owns the hashing policy.

use crate::{now_ms, Db, Result, StoreError};
use atbalsts_domain::{Email, Locale, Role, Viewer};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;

#[derive(Debug, Clone, Serialize)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub phone: Option<String>,
    #[serde(skip)]
    pub password_hash: Option<String>,
    pub locale: Option<Locale>,
    pub institution_id: Option<i64>,
    pub sub_unit_id: Option<i64>,
    pub is_system_admin: bool,
    pub sees_institution_tickets: bool,
    pub active: bool,
    /// False while an institution chosen at sign-up waits for the desk.
    pub institution_confirmed: bool,
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: Email,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub locale: Option<Locale>,
    pub institution_id: Option<i64>,
    pub sub_unit_id: Option<i64>,
    pub is_system_admin: bool,
    pub sees_institution_tickets: bool,
}

impl NewUser {
    pub fn new(email: Email, display_name: &str) -> Self {
        Self {
            email,
            display_name: display_name.to_owned(),
            password_hash: None,
            locale: None,
            institution_id: None,
            sub_unit_id: None,
            is_system_admin: false,
            sees_institution_tickets: false,
        }
    }
}

const COLUMNS: &str =
    "id, email, display_name, phone, password_hash, locale, institution_id, sub_unit_id, \
                       is_system_admin, sees_institution_tickets, active, institution_confirmed";

fn user(row: &AnyRow) -> sqlx::Result<User> {
    let locale: Option<String> = row.try_get("locale")?;
    Ok(User {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        phone: row.try_get("phone")?,
        password_hash: row.try_get("password_hash")?,
        locale: locale.as_deref().and_then(Locale::parse),
        institution_id: row.try_get("institution_id")?,
        sub_unit_id: row.try_get("sub_unit_id")?,
        is_system_admin: row.try_get::<i64, _>("is_system_admin")? != 0,
        sees_institution_tickets: row.try_get::<i64, _>("sees_institution_tickets")? != 0,
        active: row.try_get::<i64, _>("active")? != 0,
        institution_confirmed: row.try_get::<i64, _>("institution_confirmed")? != 0,
    })
}

pub async fn create_user(db: &Db, new: &NewUser) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO users (email, display_name, password_hash, locale, institution_id, sub_unit_id, \
         is_system_admin, sees_institution_tickets, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(new.email.as_str())
    .bind(&new.display_name)
    .bind(new.password_hash.clone())
    .bind(new.locale.map(|l| l.code()))
    .bind(new.institution_id)
    .bind(new.sub_unit_id)
    .bind(new.is_system_admin as i64)
    .bind(new.sees_institution_tickets as i64)
    .bind(now_ms())
    .fetch_one(db.write())
    .await
    .map_err(StoreError::from)
    .map_err(|e| if e.is_unique_violation() { StoreError::invalid("email", "error-email-taken") } else { e })?;
    Ok(row.try_get(0)?)
}

pub async fn user_by_id(db: &Db, id: i64) -> Result<Option<User>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.read())
        .await?;
    Ok(row.as_ref().map(user).transpose()?)
}

pub async fn user_by_email(db: &Db, email: &Email) -> Result<Option<User>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM users WHERE email = $1"))
        .bind(email.as_str())
        .fetch_optional(db.read())
        .await?;
    Ok(row.as_ref().map(user).transpose()?)
}

pub async fn set_password_hash(db: &Db, user_id: i64, hash: &str) -> Result<()> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(user_id)
        .execute(db.write())
        .await?;
    Ok(())
}

pub async fn set_locale(db: &Db, user_id: i64, locale: Locale) -> Result<()> {
    sqlx::query("UPDATE users SET locale = $1 WHERE id = $2")
        .bind(locale.code())
        .bind(user_id)
        .execute(db.write())
        .await?;
    Ok(())
}

pub async fn grant_role(db: &Db, desk_id: i64, user_id: i64, role: Role) -> Result<()> {
    sqlx::query("INSERT INTO desk_roles (desk_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(desk_id)
        .bind(user_id)
        .bind(role.code())
        .execute(db.write())
        .await?;
    Ok(())
}

/// The authorisation view of a person: who they are and what they may see.
pub fn viewer_of(user: &User, desk_roles: Vec<(i64, Role)>) -> Viewer {
    Viewer {
        user_id: user.id,
        institution_id: user.institution_id,
        // An institution the desk has not confirmed grants no view of its tickets.
        sees_institution_tickets: user.sees_institution_tickets && user.institution_confirmed,
        is_system_admin: user.is_system_admin,
        desk_roles,
    }
}

pub async fn desk_roles(db: &Db, user_id: i64) -> Result<Vec<(i64, Role)>> {
    let rows = sqlx::query("SELECT desk_id, role FROM desk_roles WHERE user_id = $1")
        .bind(user_id)
        .fetch_all(db.read())
        .await?;
    let mut roles = Vec::with_capacity(rows.len());
    for r in rows {
        let code: String = r.try_get(1)?;
        if let Some(role) = Role::parse(&code) {
            roles.push((r.try_get(0)?, role));
        }
    }
    Ok(roles)
}

/// Loads an active person and their authorisation view.
pub async fn viewer_by_id(db: &Db, user_id: i64) -> Result<Option<(User, Viewer)>> {
    let Some(u) = user_by_id(db, user_id).await?.filter(|u| u.active) else {
        return Ok(None);
    };
    let roles = desk_roles(db, u.id).await?;
    let v = viewer_of(&u, roles);
    Ok(Some((u, v)))
}

/// The active owner of a live API token and their authorisation view, in
/// two queries (this runs on every API request).
pub async fn viewer_by_api_token(db: &Db, token: &str) -> Result<Option<(User, Viewer)>> {
    if !token.starts_with(crate::api_tokens::PREFIX) {
        return Ok(None);
    }
    let columns = COLUMNS
        .split(", ")
        .map(|c| format!("u.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let hash = crate::sessions::hash_token(token);
    let row = sqlx::query(&format!(
        "SELECT {columns}, tk.last_used_at FROM api_tokens tk JOIN users u ON u.id = tk.user_id \
         WHERE tk.token_hash = $1 AND tk.revoked_at IS NULL AND u.active = 1"
    ))
    .bind(&hash)
    .fetch_optional(db.read())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let u = user(&row)?;
    let last_used: Option<i64> = row.try_get("last_used_at")?;
    let now = now_ms();
    if last_used.is_none_or(|at| at <= now - crate::api_tokens::LAST_USE_GRANULARITY_MS) {
        crate::api_tokens::touch(db, &hash, now).await?;
    }
    let roles = desk_roles(db, u.id).await?;
    let v = viewer_of(&u, roles);
    Ok(Some((u, v)))
}

/// The person with this address, created as a contact (no password, so no
/// sign-in) when unknown: how anonymous portal requests and email find
/// their requester. Runs inside the caller's transaction.
pub async fn contact_for(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    email: &Email,
    display_name: &str,
    phone: Option<&str>,
) -> Result<i64> {
    sqlx::query(
        "INSERT INTO users (email, display_name, phone, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (email) DO NOTHING",
    )
    .bind(email.as_str())
    .bind(display_name)
    .bind(phone)
    .bind(now_ms())
    .execute(&mut **tx)
    .await?;
    let row = sqlx::query("SELECT id FROM users WHERE email = $1")
        .bind(email.as_str())
        .fetch_one(&mut **tx)
        .await?;
    Ok(row.try_get(0)?)
}

/// The person with this id, inside `tx`.
pub(crate) async fn user_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: i64,
) -> Result<User> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(user(&row)?)
}

/// Ends every session of the person (but the one with token `keep`) and
/// revokes all their API tokens, inside `tx`: what a new password means.
pub(crate) async fn end_access_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    user_id: i64,
    keep: Option<&str>,
) -> Result<()> {
    crate::sessions::end_all_in(tx, user_id, keep).await?;
    crate::api_tokens::revoke_all_in(tx, user_id).await?;
    Ok(())
}

/// The person changes their own password: in one transaction the hash is
/// replaced, every other session and every API token ends, and `notice`
/// (the "your password was changed" mail) is queued.
pub async fn change_password(
    db: &Db,
    user_id: i64,
    hash: &str,
    keep_session: &str,
    notice: &crate::notifications::NewNotification,
) -> Result<()> {
    let mut tx = db.write().begin().await?;
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    end_access_in(&mut tx, user_id, Some(keep_session)).await?;
    crate::notifications::queue(&mut tx, notice).await?;
    tx.commit().await?;
    Ok(())
}

/// People whose institution, chosen at sign-up, waits for the desk.
pub async fn awaiting_institution_confirmation(db: &Db) -> Result<Vec<User>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM users WHERE institution_confirmed = 0 AND institution_id IS NOT NULL \
         AND active = 1 ORDER BY id"
    ))
    .fetch_all(db.read())
    .await?;
    Ok(rows.iter().map(user).collect::<sqlx::Result<_>>()?)
}

/// The desk confirms (`true`) or clears (`false`) an institution chosen at
/// sign-up. Only people still waiting for that (as listed by
/// `awaiting_institution_confirmation`) are changed; false when `user_id`
/// is none of them. (Institutions are not tied to desks, so any desk
/// administrator decides for any of them.)
pub async fn decide_institution(db: &Db, user_id: i64, confirm: bool) -> Result<bool> {
    let sql = if confirm {
        "UPDATE users SET institution_confirmed = 1 WHERE id = $1 \
         AND institution_confirmed = 0 AND institution_id IS NOT NULL AND active = 1"
    } else {
        "UPDATE users SET institution_id = NULL, sub_unit_id = NULL, institution_confirmed = 1 WHERE id = $1 \
         AND institution_confirmed = 0 AND institution_id IS NOT NULL AND active = 1"
    };
    let done = sqlx::query(sql).bind(user_id).execute(db.write()).await?;
    Ok(done.rows_affected() == 1)
}

/// `contact_for` in a transaction of its own.
pub async fn contact(
    db: &Db,
    email: &Email,
    display_name: &str,
    phone: Option<&str>,
) -> Result<i64> {
    let mut tx = db.write().begin().await?;
    let id = contact_for(&mut tx, email, display_name, phone).await?;
    tx.commit().await?;
    Ok(id)
}
