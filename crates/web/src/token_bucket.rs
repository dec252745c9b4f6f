//! In-memory token buckets, keyed by a string, shared by the limits that
//! blunt floods (anonymous submissions, upload bytes). The buckets live on
//! each instance: a restart forgives, which is acceptable for limits whose
//! purpose is to blunt floods, not to count exactly.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

/// A bucket's size and how fast it refills.
#[derive(Debug, Clone, Copy)]
pub struct Rate {
    pub burst: f64,
    pub per_hour: f64,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Keeps at most this many buckets; the oldest half is dropped beyond it.
const MAX_BUCKETS: usize = 100_000;

#[derive(Default)]
pub struct TokenBuckets {
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl TokenBuckets {
    /// Takes `amount` tokens from every named bucket, or none when any of
    /// them holds less.
    pub fn take_at(&self, wanted: &[(String, Rate)], amount: f64, now: Instant) -> bool {
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() > MAX_BUCKETS {
            let mut ages: Vec<Instant> = buckets.values().map(|b| b.at).collect();
            ages.sort_unstable();
            let cut = ages[ages.len() / 2];
            buckets.retain(|_, b| b.at > cut);
        }
        let mut refilled = Vec::with_capacity(wanted.len());
        for (key, rate) in wanted {
            let b = buckets.get(key).copied().unwrap_or(Bucket {
                tokens: rate.burst,
                at: now,
            });
            let elapsed = now.saturating_duration_since(b.at).as_secs_f64();
            let tokens = (b.tokens + elapsed * rate.per_hour / 3600.0).min(rate.burst);
            if tokens < amount {
                return false;
            }
            refilled.push((key.clone(), tokens));
        }
        for (key, tokens) in refilled {
            buckets.insert(
                key,
                Bucket {
                    tokens: tokens - amount,
                    at: now,
                },
            );
        }
        true
    }
}
