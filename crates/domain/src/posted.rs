//! How values of a posted form arrive: a name that repeats (a checkbox
//! group, a multiple select) is a list, also when it was sent once.

use serde::de::{Deserializer, SeqAccess, Visitor};
use std::fmt;

/// For `#[serde(deserialize_with = "posted::list")]`: one value or many,
/// as a list. Forms that come with their CSRF token beside them are read
/// through `#[serde(flatten)]`, which hands a single value over as a string.
pub fn list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct OneOrMany;
    impl<'de> Visitor<'de> for OneOrMany {
        type Value = Vec<String>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("one or more strings")
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(vec![v.to_owned()])
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(v) = seq.next_element::<String>()? {
                out.push(v);
            }
            Ok(out)
        }
    }
    d.deserialize_any(OneOrMany)
}

/// A text area's value as typed, line endings made `\n` (browsers send
/// `\r\n`), so what comes back on a refused form is what was typed.
pub fn text(raw: &str) -> String {
    raw.replace("\r\n", "\n")
}

/// A checkbox: ticked when it sent anything.
pub fn ticked(raw: &str) -> bool {
    !raw.trim().is_empty()
}

/// An optional positive id (a select with an empty "none" choice).
pub fn optional_id(raw: &str) -> Result<Option<i64>, &'static str> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .map(Some)
        .ok_or("error-invalid")
}

/// A required positive id.
pub fn id(raw: &str) -> Result<i64, &'static str> {
    match optional_id(raw)? {
        Some(id) => Ok(id),
        None => Err("error-required"),
    }
}
