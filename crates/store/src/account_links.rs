//! Single-use, expiring links that prove a person owns an email address:
//! sign-up verification and password reset. Only the token's hash is kept.
//! A sign-up waits in `signup_links` and creates or changes no user until
//! its link is used; every request for a link is counted in
//! `link_requests`, so one address cannot bomb a mailbox.

use crate::notifications::NewNotification;
use crate::sessions::{hash_token, random_token};
use crate::users::{self, User};
use crate::{now_ms, Db, Result};
use atbalsts_domain::{Email, Locale};
use sqlx::{Any, Executor, Row, Transaction};

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
    insert(ex, &token, user_id, purpose, ttl_ms).await?;
    Ok(token)
}

async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    token: &str,
    user_id: i64,
    purpose: Purpose,
    ttl_ms: i64,
) -> Result<()> {
    let now = now_ms();
    sqlx::query(
        "INSERT INTO account_links (token_hash, user_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(hash_token(token))
    .bind(user_id)
    .bind(purpose.code())
    .bind(now)
    .bind(now + ttl_ms)
    .execute(ex)
    .await?;
    Ok(())
}

/// What a person gives when signing up in the portal.
#[derive(Debug, Clone)]
pub struct SignUp {
    pub email: Email,
    pub display_name: String,
    pub locale: Locale,
    /// From the email domain (confirmed) or chosen from the list (not yet).
    pub institution: Option<(i64, Option<i64>, bool)>,
}

async fn insert_signup(
    tx: &mut Transaction<'static, Any>,
    token: &str,
    s: &SignUp,
    ttl_ms: i64,
) -> Result<()> {
    let now = now_ms();
    let (institution, sub_unit, confirmed) = match s.institution {
        Some((i, sub, c)) => (Some(i), sub, c),
        None => (None, None, false),
    };
    sqlx::query(
        "INSERT INTO signup_links (token_hash, email, display_name, locale, institution_id, sub_unit_id, \
         institution_confirmed, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(hash_token(token))
    .bind(s.email.as_str())
    .bind(&s.display_name)
    .bind(s.locale.code())
    .bind(institution)
    .bind(sub_unit)
    .bind(confirmed as i64)
    .bind(now)
    .bind(now + ttl_ms)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// How many link mails one recipient may get, and how many link requests
/// one network address may make, per `window_ms`.
#[derive(Debug, Clone, Copy)]
pub struct LinkLimits {
    pub per_recipient: i64,
    pub per_address: i64,
    pub window_ms: i64,
}

/// What became of a request for a link. The page says the same in every case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkOutcome {
    Queued,
    /// No active account (reset), or an inactive one (sign-up): nothing sent.
    NothingToSend,
    /// Over a limit: nothing sent.
    Throttled,
}

/// Counts the recent requests of `address` and the mails recently queued
/// to `email`, and records this request (queued when `wants` and within
/// the limits). Returns whether it is within the limits.
async fn admit(
    tx: &mut Transaction<'static, Any>,
    address: &str,
    email: &str,
    wants: bool,
    limits: LinkLimits,
) -> Result<bool> {
    let now = now_ms();
    let since = now - limits.window_ms;
    let by_address: i64 =
        sqlx::query("SELECT COUNT(*) FROM link_requests WHERE address = $1 AND at > $2")
            .bind(address)
            .bind(since)
            .fetch_one(&mut **tx)
            .await?
            .try_get(0)?;
    let to_recipient: i64 = sqlx::query(
        "SELECT COUNT(*) FROM link_requests WHERE email = $1 AND queued = 1 AND at > $2",
    )
    .bind(email)
    .bind(since)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?;
    let within = by_address < limits.per_address && to_recipient < limits.per_recipient;
    sqlx::query("INSERT INTO link_requests (address, email, queued, at) VALUES ($1, $2, $3, $4)")
        .bind(address)
        .bind(email)
        .bind((within && wants) as i64)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(within)
}

/// Queues a password-reset link for an active person with this address.
/// Known and unknown addresses take the same path: the same lookup, the
/// same composing of the mail, the same counting and recording of the
/// request; only the two inserts of the link and its mail differ.
pub async fn request_reset(
    db: &Db,
    email: &Email,
    address: &str,
    limits: LinkLimits,
    ttl_ms: i64,
    compose: impl FnOnce(&str, Option<&User>) -> NewNotification,
) -> Result<LinkOutcome> {
    let user = users::user_by_email(db, email).await?.filter(|u| u.active);
    let token = random_token("");
    let mail = compose(&token, user.as_ref());
    let mut tx = db.write().begin().await?;
    let within = admit(&mut tx, address, email.as_str(), user.is_some(), limits).await?;
    let outcome = match (within, &user) {
        (false, _) => LinkOutcome::Throttled,
        (true, None) => LinkOutcome::NothingToSend,
        (true, Some(u)) => {
            insert(&mut *tx, &token, u.id, Purpose::Reset, ttl_ms).await?;
            crate::notifications::queue(&mut tx, &mail).await?;
            LinkOutcome::Queued
        }
    };
    tx.commit().await?;
    Ok(outcome)
}

/// Registers a sign-up and queues the link that proves the address. No
/// user row is created or changed until the link is used (a contact who
/// filed requests before keeps them then). Someone who already has a
/// password gets a reset link instead, so the page never reveals which
/// addresses have accounts.
pub async fn request_sign_up(
    db: &Db,
    s: &SignUp,
    address: &str,
    limits: LinkLimits,
    ttl_ms: i64,
    compose: impl FnOnce(&str, Purpose) -> NewNotification,
) -> Result<LinkOutcome> {
    let existing = users::user_by_email(db, &s.email).await?;
    let purpose = match &existing {
        Some(u) if !u.active => None,
        Some(u) if u.password_hash.is_some() => Some(Purpose::Reset),
        _ => Some(Purpose::Verify),
    };
    let token = random_token("");
    let mut tx = db.write().begin().await?;
    if !admit(
        &mut tx,
        address,
        s.email.as_str(),
        purpose.is_some(),
        limits,
    )
    .await?
    {
        tx.commit().await?;
        return Ok(LinkOutcome::Throttled);
    }
    let outcome = match (purpose, &existing) {
        (Some(Purpose::Reset), Some(u)) => {
            insert(&mut *tx, &token, u.id, Purpose::Reset, ttl_ms).await?;
            crate::notifications::queue(&mut tx, &compose(&token, Purpose::Reset)).await?;
            LinkOutcome::Queued
        }
        (Some(Purpose::Verify), _) => {
            insert_signup(&mut tx, &token, s, ttl_ms).await?;
            crate::notifications::queue(&mut tx, &compose(&token, Purpose::Verify)).await?;
            LinkOutcome::Queued
        }
        _ => LinkOutcome::NothingToSend,
    };
    tx.commit().await?;
    Ok(outcome)
}

/// Whether a live, unused link with this token exists, without using it up.
pub async fn peek(db: &Db, token: &str, purpose: Purpose) -> Result<bool> {
    let now = now_ms();
    if purpose == Purpose::Verify {
        let row = sqlx::query(
            "SELECT 1 FROM signup_links WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
        )
        .bind(hash_token(token))
        .bind(now)
        .fetch_optional(db.read())
        .await?;
        if row.is_some() {
            return Ok(true);
        }
    }
    let row = sqlx::query(
        "SELECT user_id FROM account_links WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
    )
    .bind(hash_token(token))
    .bind(purpose.code())
    .bind(now)
    .fetch_optional(db.read())
    .await?;
    Ok(row.is_some())
}

/// Uses up a waiting sign-up: the person is created (or the contact with
/// this address becomes theirs, taking the name and language given) and
/// returned with whether they had a password before.
async fn redeem_signup(
    tx: &mut Transaction<'static, Any>,
    token: &str,
    now: i64,
) -> Result<Option<(i64, bool)>> {
    let row = sqlx::query(
        "UPDATE signup_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 \
         RETURNING email, display_name, locale, institution_id, sub_unit_id, institution_confirmed",
    )
    .bind(now)
    .bind(hash_token(token))
    .fetch_optional(&mut **tx)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let email: String = row.try_get(0)?;
    let name: String = row.try_get(1)?;
    let locale: String = row.try_get(2)?;
    let institution: Option<i64> = row.try_get(3)?;
    let sub_unit: Option<i64> = row.try_get(4)?;
    let confirmed: i64 = row.try_get(5)?;
    let Ok(email) = Email::parse(&email) else {
        return Ok(None);
    };
    let user_id = users::contact_for(tx, &email, &name, None).await?;
    let user = sqlx::query("SELECT password_hash, institution_id, active FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(&mut **tx)
        .await?;
    let had_password = user.try_get::<Option<String>, _>(0)?.is_some();
    let has_institution = user.try_get::<Option<i64>, _>(1)?.is_some();
    if user.try_get::<i64, _>(2)? == 0 {
        return Ok(None);
    }
    if !had_password {
        sqlx::query("UPDATE users SET display_name = $1, locale = $2 WHERE id = $3")
            .bind(&name)
            .bind(&locale)
            .bind(user_id)
            .execute(&mut **tx)
            .await?;
    }
    if let (Some(institution), false) = (institution, has_institution) {
        sqlx::query(
            "UPDATE users SET institution_id = $1, sub_unit_id = $2, institution_confirmed = $3 WHERE id = $4",
        )
        .bind(institution)
        .bind(sub_unit)
        .bind(confirmed)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(Some((user_id, had_password)))
}

/// Uses the link up and sets the person's password; the address counts as
/// verified from now on. When the person had a password before, every
/// session and API token of theirs ends in the same transaction and
/// `changed` (the "your password was changed" mail) is queued. `None` when
/// the link is unknown, used or expired.
pub async fn redeem_with_password(
    db: &Db,
    token: &str,
    purpose: Purpose,
    password_hash: &str,
    changed: impl FnOnce(&User) -> NewNotification,
) -> Result<Option<i64>> {
    let now = now_ms();
    let mut tx = db.write().begin().await?;
    let mut redeemed = None;
    if purpose == Purpose::Verify {
        redeemed = redeem_signup(&mut tx, token, now).await?;
    }
    if redeemed.is_none() {
        let row = sqlx::query(
            "UPDATE account_links SET used_at = $1 WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL \
             AND expires_at > $1 RETURNING user_id",
        )
        .bind(now)
        .bind(hash_token(token))
        .bind(purpose.code())
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(row) = row {
            let user_id: i64 = row.try_get(0)?;
            let had = sqlx::query("SELECT password_hash FROM users WHERE id = $1")
                .bind(user_id)
                .fetch_one(&mut *tx)
                .await?
                .try_get::<Option<String>, _>(0)?
                .is_some();
            redeemed = Some((user_id, had));
        }
    }
    let Some((user_id, had_password)) = redeemed else {
        return Ok(None);
    };
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
    sqlx::query(
        "UPDATE signup_links SET used_at = $1 WHERE used_at IS NULL \
         AND email = (SELECT email FROM users WHERE id = $2)",
    )
    .bind(now)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    users::end_access_in(&mut tx, user_id, None).await?;
    if had_password {
        let user = users::user_in(&mut tx, user_id).await?;
        crate::notifications::queue(&mut tx, &changed(&user)).await?;
    }
    tx.commit().await?;
    Ok(Some(user_id))
}

/// Forgets sign-ups whose link expired unused and link requests older than
/// a day (the budget looks back an hour).
pub async fn delete_expired(db: &Db) -> Result<u64> {
    let now = now_ms();
    let signups = sqlx::query("DELETE FROM signup_links WHERE expires_at <= $1")
        .bind(now)
        .execute(db.write())
        .await?;
    let requests = sqlx::query("DELETE FROM link_requests WHERE at <= $1")
        .bind(now - 24 * 3600 * 1000)
        .execute(db.write())
        .await?;
    Ok(signups.rows_affected() + requests.rows_affected())
}
