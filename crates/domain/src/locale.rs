use serde::{Deserialize, Serialize};

/// The languages of the interface. Latvian is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Lv,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Lv, Locale::En];

    pub fn code(self) -> &'static str {
        match self {
            Locale::Lv => "lv",
            Locale::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "lv" => Some(Locale::Lv),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// Picks the first supported language of an `Accept-Language` header,
    /// honouring q-values; Latvian when none matches.
    pub fn from_accept_language(header: &str) -> Self {
        let mut best: Option<(f32, Locale)> = None;
        for part in header.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            if let Some(locale) = Locale::parse(primary) {
                if best.map(|(bq, _)| q > bq).unwrap_or(true) {
                    best = Some((q, locale));
                }
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_language_chooses_english_over_latvian_by_weight() {
        assert_eq!(
            Locale::from_accept_language("en-GB,en;q=0.9,lv;q=0.8"),
            Locale::En
        );
        assert_eq!(
            Locale::from_accept_language("de-DE, lv;q=0.5, en;q=0.4"),
            Locale::Lv
        );
        assert_eq!(Locale::from_accept_language("fr"), Locale::Lv);
        assert_eq!(Locale::from_accept_language(""), Locale::Lv);
    }
}
