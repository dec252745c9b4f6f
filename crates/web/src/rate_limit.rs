//! Rate limit for anonymous submissions.
//!
//! A busy office sends everyone's requests from one NAT address, so a
//! plain per-address limit would lock out a whole institution. Two token
//! buckets apply instead: a small one per (address, email) pair, which
//! stops one script or one person flooding the desk, and a generous one
//! per address, which only a flood of many different addresses from one
//! network reaches. Signed-in people are not limited here. The buckets live
//! in memory on each instance: a restart forgives, which is acceptable for
//! a limit whose purpose is to blunt floods, not to count exactly.

use crate::token_bucket::{Rate, TokenBuckets};
use std::net::IpAddr;
use std::time::Instant;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Submissions in a burst, and per hour, for one address and email.
    pub per_sender_burst: f64,
    pub per_sender_per_hour: f64,
    /// The same for one address, whatever the email.
    pub per_address_burst: f64,
    pub per_address_per_hour: f64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            per_sender_burst: 10.0,
            per_sender_per_hour: 30.0,
            per_address_burst: 120.0,
            per_address_per_hour: 600.0,
        }
    }
}

pub struct RateLimiter {
    limits: Limits,
    buckets: TokenBuckets,
}

impl RateLimiter {
    pub fn new(limits: Limits) -> Self {
        Self {
            limits,
            buckets: TokenBuckets::default(),
        }
    }

    /// Takes one token from both buckets, or none when either is empty.
    pub fn allow(&self, address: IpAddr, email: &str) -> bool {
        self.allow_at(address, email, Instant::now())
    }

    fn allow_at(&self, address: IpAddr, email: &str, now: Instant) -> bool {
        let l = self.limits;
        let keys = [
            (
                format!("{address}|{}", email.to_lowercase()),
                Rate {
                    burst: l.per_sender_burst,
                    per_hour: l.per_sender_per_hour,
                },
            ),
            (
                address.to_string(),
                Rate {
                    burst: l.per_address_burst,
                    per_hour: l.per_address_per_hour,
                },
            ),
        ];
        self.buckets.take_at(&keys, 1.0, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn limiter() -> RateLimiter {
        RateLimiter::new(Limits {
            per_sender_burst: 3.0,
            per_sender_per_hour: 36.0,
            per_address_burst: 10.0,
            per_address_per_hour: 36.0,
        })
    }

    #[test]
    fn one_sender_is_slowed_down_but_their_colleagues_behind_the_same_address_are_not() {
        let rl = limiter();
        let office: IpAddr = "10.0.0.1".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(rl.allow_at(office, "janis@lnb.lv", t0));
        }
        assert!(!rl.allow_at(office, "janis@lnb.lv", t0));
        for colleague in ["anna@lnb.lv", "peteris@lnb.lv", "liga@lnb.lv"] {
            assert!(rl.allow_at(office, colleague, t0));
        }
        // A token comes back every 100 seconds at 36 per hour.
        assert!(rl.allow_at(office, "janis@lnb.lv", t0 + Duration::from_secs(101)));
    }

    #[test]
    fn a_flood_from_one_address_is_stopped_whatever_the_emails() {
        let rl = limiter();
        let bot: IpAddr = "192.0.2.9".parse().unwrap();
        let t0 = Instant::now();
        let allowed = (0..50)
            .filter(|i| rl.allow_at(bot, &format!("x{i}@example.lv"), t0))
            .count();
        assert_eq!(allowed, 10);
    }
}
