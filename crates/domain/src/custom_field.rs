use serde::{Deserialize, Serialize};

/// The kinds of custom field a desk can add to its tickets. The portal's
/// form engine builds its richer field kinds on these stored types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    Integer,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
}

impl FieldKind {
    pub fn code(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Integer => "integer",
            FieldKind::Date => "date",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [FieldKind::Text, FieldKind::Integer, FieldKind::Date]
            .into_iter()
            .find(|k| k.code() == s)
    }

    /// Checks a JSON value against the kind: the one place raw input becomes a field value.
    pub fn parse_value(self, raw: &serde_json::Value) -> Result<FieldValue, &'static str> {
        match (self, raw) {
            (FieldKind::Text, serde_json::Value::String(s)) if s.len() <= 4096 => {
                Ok(FieldValue::Text(s.trim().to_owned()))
            }
            (FieldKind::Text, serde_json::Value::String(_)) => Err("error-too-long"),
            (FieldKind::Integer, serde_json::Value::Number(n)) => n
                .as_i64()
                .map(FieldValue::Integer)
                .ok_or("error-integer-format"),
            (FieldKind::Integer, _) => Err("error-integer-format"),
            (FieldKind::Date, serde_json::Value::String(s)) if is_date(s) => {
                Ok(FieldValue::Text(s.clone()))
            }
            (FieldKind::Date, _) => Err("error-date-format"),
            (FieldKind::Text, _) => Err("error-invalid"),
        }
    }
}

pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return false;
    }
    let month: u32 = s[5..7].parse().unwrap_or(0);
    let day: u32 = s[8..10].parse().unwrap_or(0);
    let year: u32 = s[0..4].parse().unwrap_or(0);
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    (1..=12).contains(&month) && day >= 1 && day <= days[(month - 1) as usize]
}

/// A typed value of a custom field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum FieldValue {
    Text(String),
    Integer(i64),
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn field_values_are_checked_against_their_kind() {
        assert_eq!(
            FieldKind::Integer.parse_value(&json!(3)),
            Ok(FieldValue::Integer(3))
        );
        assert_eq!(
            FieldKind::Integer.parse_value(&json!("3")),
            Err("error-integer-format")
        );
        assert_eq!(
            FieldKind::Date.parse_value(&json!("2026-02-29")),
            Err("error-date-format")
        );
        assert_eq!(
            FieldKind::Date.parse_value(&json!("2028-02-29")),
            Ok(FieldValue::Text("2028-02-29".into()))
        );
        assert_eq!(
            FieldKind::Text.parse_value(&json!(" 12P00345 ")),
            Ok(FieldValue::Text("12P00345".into()))
        );
    }
}
