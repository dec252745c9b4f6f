//! CSV downloads shared by the reports: cells a spreadsheet will not run,
//! and the download response.

use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

/// A spreadsheet program would run a cell that starts like a formula; the
/// searched words come from anyone, so such cells are written as text.
pub(crate) fn cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

/// A CSV file to download: `{stem}-{today in Riga}.csv`, never cached.
pub(crate) fn download(stem: &str, bytes: Vec<u8>) -> Response {
    let name = format!(
        "{stem}-{}.csv",
        crate::dates::riga_date(atbalsts_store::now_ms())
    );
    (
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_that_look_like_formulas_are_written_as_text() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("printeris"), "printeris");
    }
}
