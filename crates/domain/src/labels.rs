use crate::Locale;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A name held as data in every language (statuses, ticket types, fields):
/// stored as a JSON object `{"lv": "...", "en": "..."}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Labels(pub BTreeMap<String, String>);

impl Labels {
    pub fn new(lv: &str, en: &str) -> Self {
        let mut m = BTreeMap::new();
        m.insert("lv".to_owned(), lv.to_owned());
        m.insert("en".to_owned(), en.to_owned());
        Self(m)
    }

    /// The label in `locale`, falling back to Latvian, then to any.
    pub fn get(&self, locale: Locale) -> &str {
        self.0
            .get(locale.code())
            .or_else(|| self.0.get("lv"))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or("")
    }

    pub fn is_empty(&self) -> bool {
        self.0.values().all(|v| v.trim().is_empty())
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_owned())
    }

    pub fn from_json(s: &str) -> Self {
        serde_json::from_str(s).unwrap_or_default()
    }
}
