use serde::{Deserialize, Serialize};
use std::fmt;

/// A ticket's human key: the desk's prefix and a number, e.g. `KISC-1042`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TicketKey {
    pub prefix: String,
    pub number: i64,
}

impl TicketKey {
    pub fn parse(raw: &str) -> Option<Self> {
        let (prefix, number) = raw.trim().rsplit_once('-')?;
        let prefix = prefix.to_ascii_uppercase();
        let valid_prefix = !prefix.is_empty()
            && prefix.len() <= 10
            && prefix
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            && prefix.as_bytes()[0].is_ascii_uppercase();
        let number: i64 = number.parse().ok().filter(|n| *n > 0)?;
        valid_prefix.then_some(Self { prefix, number })
    }
}

impl fmt::Display for TicketKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.prefix, self.number)
    }
}

/// Checks a desk key prefix (`KISC`): 2–10 capital letters or digits, starting with a letter.
pub fn parse_key_prefix(raw: &str) -> Result<String, &'static str> {
    let p = raw.trim().to_ascii_uppercase();
    let ok = (2..=10).contains(&p.len())
        && p.as_bytes()[0].is_ascii_uppercase()
        && p.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if ok {
        Ok(p)
    } else {
        Err("error-key-prefix-format")
    }
}

/// Text without control characters (NUL and the like, which databases
/// refuse and screens cannot show); line breaks and tabs are kept.
pub fn without_controls(s: &str) -> String {
    s.replace("\r\n", "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect()
}

/// A ticket summary: one line, not blank, at most 255 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary(String);

impl Summary {
    pub const MAX_CHARS: usize = 255;

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let s = without_controls(raw)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if s.is_empty() {
            Err("error-required")
        } else if s.chars().count() > Self::MAX_CHARS {
            Err("error-too-long")
        } else {
            Ok(Self(s))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Long text (description, comment body): may be empty where optional, at most 64 KiB.
pub fn parse_long_text(raw: &str, required: bool) -> Result<String, &'static str> {
    const MAX_BYTES: usize = 65_536;
    let cleaned = without_controls(raw);
    let s = cleaned.trim();
    if required && s.is_empty() {
        Err("error-required")
    } else if s.len() > MAX_BYTES {
        Err("error-too-long")
    } else {
        Ok(s.to_owned())
    }
}

/// An email address as typed by a person: trimmed, lower-cased, one `@`,
/// a dotted domain. Deliverability is proven by the verification mail, not here.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let s = raw.trim().to_lowercase();
        if s.is_empty() {
            return Err("error-required");
        }
        let valid = s.len() <= 254
            && !s.chars().any(|c| c.is_whitespace() || c.is_control())
            && match s.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && !domain.contains('@')
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                        && !domain.contains("..")
                }
                None => false,
            };
        if valid {
            Ok(Self(s))
        } else {
            Err("error-email-format")
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn domain(&self) -> &str {
        self.0.split_once('@').map(|(_, d)| d).unwrap_or("")
    }
}

/// ITIL priority, from critical (1) to planning (5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Critical,
    High,
    Medium,
    Low,
    Planning,
}

impl Priority {
    pub const ALL: [Priority; 5] = [
        Priority::Critical,
        Priority::High,
        Priority::Medium,
        Priority::Low,
        Priority::Planning,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Priority::Critical => "critical",
            Priority::High => "high",
            Priority::Medium => "medium",
            Priority::Low => "low",
            Priority::Planning => "planning",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Self::ALL
            .into_iter()
            .find(|p| p.code() == s)
            .ok_or("error-priority-unknown")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticket_keys_parse_in_any_case_and_reject_garbage() {
        let k = TicketKey::parse("kisc-1042").unwrap();
        assert_eq!(k.to_string(), "KISC-1042");
        for bad in [
            "KISC", "KISC-0", "KISC-x", "-5", "1A-3", "KI SC-2", "KISC--2",
        ] {
            assert!(TicketKey::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn control_characters_never_reach_the_database() {
        assert_eq!(
            Summary::parse("Nav\0 tīkla\x07").unwrap().as_str(),
            "Nav tīkla"
        );
        assert_eq!(parse_long_text("a\r\nb\0\tc", false).unwrap(), "a\nb\tc");
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Anna@LNB.lv ").unwrap().as_str(),
            "anna@lnb.lv"
        );
        assert_eq!(Email::parse("").unwrap_err(), "error-required");
        for bad in [
            "anna", "anna@lv", "a@b@c.lv", "a b@c.lv", "a@.lv", "a@b..lv",
        ] {
            assert_eq!(
                Email::parse(bad).unwrap_err(),
                "error-email-format",
                "{bad}"
            );
        }
    }

    #[test]
    fn summaries_fold_whitespace_and_have_a_limit() {
        assert_eq!(
            Summary::parse("  Neiet \n printeris ").unwrap().as_str(),
            "Neiet printeris"
        );
        assert_eq!(Summary::parse("   ").unwrap_err(), "error-required");
        assert_eq!(
            Summary::parse(&"ā".repeat(256)).unwrap_err(),
            "error-too-long"
        );
        assert!(Summary::parse(&"ā".repeat(255)).is_ok());
    }
}
