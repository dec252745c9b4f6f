//! The small forms of the knowledge pages besides the editor: importing a
//! web page as a draft, and restoring an earlier version of an article.

use crate::posted::id;
use crate::FieldErrors;
use serde::{Deserialize, Serialize};

/// The import form as it arrives.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ImportForm {
    pub url: String,
}

/// The address of the page to import, not yet fetched: whether it can be
/// had is for the fetch to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportInput {
    pub url: String,
}

impl ImportInput {
    pub const MAX_URL_CHARS: usize = 2000;

    pub fn parse(form: &ImportForm) -> Result<Self, FieldErrors> {
        let url = form.url.trim();
        let mut errors = FieldErrors::default();
        if url.is_empty() {
            errors.push("url", "error-required");
        } else if url.chars().count() > Self::MAX_URL_CHARS {
            errors.push("url", "error-too-long");
        }
        errors.into_result()?;
        Ok(Self {
            url: url.to_owned(),
        })
    }
}

/// The restore button of a version, with the version the page showed.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct RestoreForm {
    /// The version whose texts come back.
    pub restore: String,
    /// The article's version when the page was shown.
    pub version: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RestoreInput {
    pub version: i64,
    pub expected: i64,
}

impl RestoreInput {
    pub fn parse(form: &RestoreForm) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let version = errors.check(id(&form.restore), "restore");
        let expected = errors.check(id(&form.version), "version");
        errors.into_result()?;
        Ok(Self {
            version: version.expect("checked"),
            expected: expected.expect("checked"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_import_needs_an_address_and_a_restore_two_versions() {
        let empty = ImportInput::parse(&ImportForm { url: "  ".into() }).unwrap_err();
        assert_eq!(empty.for_field("url").unwrap().code, "error-required");
        let long = ImportForm {
            url: format!("https://a.lv/{}", "x".repeat(2000)),
        };
        assert_eq!(
            ImportInput::parse(&long).unwrap_err().0[0].code,
            "error-too-long"
        );
        let url = ImportInput::parse(&ImportForm {
            url: " https://a.lv/palidziba ".into(),
        })
        .unwrap()
        .url;
        assert_eq!(url, "https://a.lv/palidziba");

        let bad = RestoreForm {
            restore: "x".into(),
            version: "".into(),
        };
        let fields: Vec<_> = RestoreInput::parse(&bad)
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["restore", "version"]);
        let good = RestoreForm {
            restore: "2".into(),
            version: "5".into(),
        };
        assert_eq!(
            RestoreInput::parse(&good),
            Ok(RestoreInput {
                version: 2,
                expected: 5
            })
        );
    }
}
