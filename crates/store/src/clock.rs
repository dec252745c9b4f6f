use std::time::{SystemTime, UNIX_EPOCH};

/// Now, in Unix milliseconds: the one time representation of the schema.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}
