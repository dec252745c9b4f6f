//! The portal catalogue as administrators edit it: the rules its codes and
//! names follow, and the forms of its groups and request types.

use crate::{FieldErrors, Labels};

pub mod input;

/// A code as the catalogue and the classifiers use it (it appears in
/// addresses): lower-case letters, digits, `_` and `-`, at most 64 bytes.
pub fn parse_code(raw: &str) -> Result<String, &'static str> {
    let code = raw.trim();
    let ok = !code.is_empty()
        && code.len() <= 64
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    if ok {
        Ok(code.to_owned())
    } else {
        Err("error-code-format")
    }
}

/// Names in both languages from `{field}_lv` and `{field}_en`: Latvian
/// required, each at most `max` characters; problems recorded under those
/// names.
pub fn parse_labels(
    lv: &str,
    en: &str,
    field: &str,
    max: usize,
    errors: &mut FieldErrors,
) -> Option<Labels> {
    let (lv, en) = (lv.trim(), en.trim());
    let before = errors.0.len();
    if lv.is_empty() {
        errors.push(format!("{field}_lv"), "error-required");
    }
    for (lang, value) in [("lv", lv), ("en", en)] {
        if value.chars().count() > max {
            errors.push(format!("{field}_{lang}"), "error-too-long");
        }
    }
    (errors.0.len() == before).then(|| Labels::new(lv, en))
}
