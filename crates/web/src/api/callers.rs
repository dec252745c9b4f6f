//! The API caller behind each token, remembered for a few seconds: a
//! script making many calls then costs one token lookup every few seconds
//! instead of two queries per call. A token revoked here is forgotten at
//! once; on another instance of a scaled-out installation it stops working
//! within `TTL`.

use atbalsts_domain::Viewer;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const TTL: Duration = Duration::from_secs(5);
/// Beyond this many tokens the memory is cleared (a bound, not an LRU).
const CAPACITY: usize = 10_000;

#[derive(Default)]
pub struct CallerCache(Mutex<HashMap<String, (Viewer, Instant)>>);

impl CallerCache {
    pub fn get(&self, token_hash: &str) -> Option<Viewer> {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.get(token_hash)
            .filter(|(_, at)| at.elapsed() < TTL)
            .map(|(v, _)| v.clone())
    }

    pub fn put(&self, token_hash: String, viewer: Viewer) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= CAPACITY {
            map.clear();
        }
        map.insert(token_hash, (viewer, Instant::now()));
    }

    /// Forgets every caller (after a token is revoked).
    pub fn clear(&self) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caller_is_remembered_until_cleared() {
        let cache = CallerCache::default();
        let v = Viewer {
            user_id: 7,
            institution_id: None,
            sees_institution_tickets: false,
            is_system_admin: false,
            desk_roles: vec![],
        };
        cache.put("h".into(), v);
        assert_eq!(cache.get("h").map(|v| v.user_id), Some(7));
        assert!(cache.get("other").is_none());
        cache.clear();
        assert!(cache.get("h").is_none());
    }
}
