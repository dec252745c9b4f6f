//! A small map whose entries expire: what this instance remembers for a
//! few seconds so that hot paths skip a query (API callers, request types'
//! related articles, desks and ticket types by code). Other instances of a
//! scaled-out installation see a change within the time to live.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Beyond this many entries the map is emptied (a bound, not an LRU).
const CAPACITY: usize = 10_000;

pub struct TtlCache<K, V> {
    ttl: Duration,
    map: Mutex<HashMap<K, (V, Instant)>>,
}

impl<K: Eq + Hash, V: Clone> TtlCache<K, V> {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            map: Mutex::new(HashMap::new()),
        }
    }

    pub fn get<Q>(&self, key: &Q) -> Option<V>
    where
        K: std::borrow::Borrow<Q>,
        Q: Eq + Hash + ?Sized,
    {
        let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.get(key)
            .filter(|(_, at)| at.elapsed() < self.ttl)
            .map(|(v, _)| v.clone())
    }

    pub fn put(&self, key: K, value: V) {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= CAPACITY {
            map.clear();
        }
        map.insert(key, (value, Instant::now()));
    }

    /// Forgets everything (after a change this instance made).
    pub fn clear(&self) {
        self.map.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_remembered_until_cleared_or_expired() {
        let cache = TtlCache::new(Duration::from_secs(60));
        cache.put("h".to_owned(), 7);
        assert_eq!(cache.get("h"), Some(7));
        assert_eq!(cache.get("other"), None);
        cache.clear();
        assert_eq!(cache.get("h"), None);

        let expired = TtlCache::new(Duration::ZERO);
        expired.put(1, "x");
        assert_eq!(expired.get(&1), None);
    }
}
