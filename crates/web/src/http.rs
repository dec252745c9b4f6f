//! Redirects and small responses shared by every feature. Where a page may
//! send a person after a form: only a path on this site. Every redirect to a
//! target the request names (`next`, `back`) goes through `local_path`, so
//! none of them can send a browser elsewhere.

use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// `303 See Other` to `to`, the answer to every page form that worked.
pub(crate) fn see_other(to: String) -> Response {
    (StatusCode::SEE_OTHER, [(LOCATION, to)]).into_response()
}

/// The page people land on when a target is refused.
pub(crate) const HOME: &str = "/tickets";

/// `raw` when it is a plain path on this site, else `None`. Refused: no
/// leading `/`; `//` or `/\` at the start (another host to a browser); a
/// backslash anywhere (browsers read it as `/`); any control character or
/// whitespace (browsers drop tabs and newlines, so `/\t/evil.example`
/// becomes `//evil.example`); absurd lengths.
pub(crate) fn local_path(raw: &str) -> Option<&str> {
    let ok = raw.starts_with('/')
        && !raw.starts_with("//")
        && raw.len() <= 2048
        && !raw
            .chars()
            .any(|c| c == '\\' || c.is_control() || c.is_whitespace());
    ok.then_some(raw)
}

/// `raw` when it is a local path, else `fallback`.
pub(crate) fn local_or<'a>(raw: &'a str, fallback: &'a str) -> &'a str {
    local_path(raw).unwrap_or(fallback)
}

/// A JSON file to download (an export): pretty-printed, named `name`.
pub(crate) fn json_download<T: serde::Serialize>(
    name: &str,
    value: &T,
) -> Result<Response, crate::AppError> {
    use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
    let body = serde_json::to_string_pretty(value)
        .map_err(|e| crate::AppError::Internal(e.to_string()))?;
    Ok((
        [
            (CONTENT_TYPE, "application/json".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::{local_or, local_path, HOME};

    #[test]
    fn local_pages_are_kept() {
        for ok in [
            "/tickets/KISC-1",
            "/",
            "/kb/KISC?q=printeris&page=2",
            "/portal/KISC#x",
        ] {
            assert_eq!(local_path(ok), Some(ok), "{ok}");
        }
    }

    #[test]
    fn hostile_targets_go_home() {
        let hostile = [
            "",
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "/ /evil.example",
            "\t//evil.example",
            " /tickets",
            "/tickets\\..\\x",
            "/\u{0}/evil.example",
            "/\u{85}/evil.example",
            "/\u{a0}/evil.example",
            "/\u{2028}/evil.example",
            "/\u{3000}/evil.example",
            "javascript:alert(1)",
            "evil.example",
            "///evil.example",
        ];
        for bad in hostile {
            assert_eq!(local_or(bad, HOME), HOME, "{bad:?}");
        }
        assert_eq!(local_path(&format!("/{}", "a".repeat(3000))), None);
    }
}
