//! Sign-in throttling with growing delays, per account, per network
//! address and per device cookie (OWASP's "device cookies" scheme).
//!
//! Only attempts whose password was checked are recorded; an attempt made
//! while a delay runs is answered "try again in N minutes" without checking
//! the password and is not recorded, so it extends nothing. A browser that
//! presents the account's device cookie (set after a successful sign-in)
//! is judged only by the failures of that device, so an attacker elsewhere
//! cannot lock the owner out. The counts live in the database (`sign_in_log`),
//! so every instance sees the same throttle.

use atbalsts_store::sign_ins::{self, Attempt, Failures};
use atbalsts_store::{Db, StoreError};

/// Failures older than this are forgotten.
pub const WINDOW_MS: i64 = 15 * 60 * 1000;
/// Failures for one account (from browsers without its device cookie)
/// before each further attempt must wait.
pub const ACCOUNT_FREE_FAILURES: i64 = 5;
/// Failures from one network address, across all accounts, before each
/// further attempt from it must wait (an office behind one NAT address
/// shares this budget, hence generous).
pub const ADDRESS_FREE_FAILURES: i64 = 30;
/// Failures from one device cookie before each further attempt must wait.
pub const DEVICE_FREE_FAILURES: i64 = 10;
/// The longest wait: past the free failures the wait doubles from 2 s.
pub const MAX_DELAY_MS: i64 = 15 * 60 * 1000;
/// Failures across all accounts within `ALARM_WINDOW_MS` that log an alarm.
pub const ALARM_FAILURES: i64 = 100;
pub const ALARM_WINDOW_MS: i64 = 5 * 60 * 1000;

/// How long after the latest failure the next attempt must wait, when
/// `failures` were counted and `free` are allowed without waiting.
pub fn delay_ms(failures: i64, free: i64) -> i64 {
    if failures < free {
        return 0;
    }
    let doublings = (failures - free + 1).min(20) as u32;
    (1000_i64 << doublings).min(MAX_DELAY_MS)
}

fn wait(f: Failures, free: i64, now: i64) -> i64 {
    f.latest
        .map(|latest| (latest + delay_ms(f.count, free) - now).max(0))
        .unwrap_or(0)
}

/// Who is trying to sign in: the account's email, the network address and
/// the id of a valid device cookie for this account, if the browser has one.
#[derive(Debug, Clone, Copy)]
pub struct Who<'a> {
    pub email: &'a str,
    pub address: &'a str,
    pub device: Option<&'a str>,
}

/// Milliseconds `who` must wait before an attempt is checked (0: go ahead).
pub async fn wait_ms(db: &Db, who: Who<'_>, now: i64) -> Result<i64, StoreError> {
    let since = now - WINDOW_MS;
    if let Some(device) = who.device {
        let f = sign_ins::device_failures(db, device, since).await?;
        return Ok(wait(f, DEVICE_FREE_FAILURES, now));
    }
    let account = sign_ins::account_failures(db, who.email, since).await?;
    let address = sign_ins::address_failures(db, who.address, since).await?;
    Ok(wait(account, ACCOUNT_FREE_FAILURES, now).max(wait(address, ADDRESS_FREE_FAILURES, now)))
}

/// Records a checked attempt; on failure, logs an alarm when failures
/// across all accounts spike (password spraying from many addresses).
pub async fn record(
    db: &Db,
    who: Who<'_>,
    user_id: Option<i64>,
    success: bool,
    now: i64,
) -> Result<(), StoreError> {
    sign_ins::record(
        db,
        &Attempt {
            email: who.email,
            user_id: user_id.filter(|_| success),
            success,
            address: who.address,
            device: who.device.unwrap_or(""),
            at: now,
        },
    )
    .await?;
    if !success {
        let recent = sign_ins::all_failures(db, now - ALARM_WINDOW_MS).await?;
        if recent >= ALARM_FAILURES && recent % ALARM_FAILURES == 0 {
            tracing::error!(
                failures = recent,
                "sign-in failures across all accounts spiked: possible password spraying"
            );
        }
    }
    Ok(())
}

/// Whole minutes to show for a wait (at least one).
pub fn minutes(wait_ms: i64) -> i64 {
    ((wait_ms + 59_999) / 60_000).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_grows_from_two_seconds_and_stops_at_fifteen_minutes() {
        assert_eq!(delay_ms(4, 5), 0);
        assert_eq!(delay_ms(5, 5), 2_000);
        assert_eq!(delay_ms(6, 5), 4_000);
        assert_eq!(delay_ms(10, 5), 64_000);
        assert_eq!(delay_ms(14, 5), MAX_DELAY_MS);
        assert_eq!(delay_ms(1_000, 5), MAX_DELAY_MS);
    }
}
