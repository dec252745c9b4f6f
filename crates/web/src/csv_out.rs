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

/// A CSV writer whose file starts with a byte-order mark, so spreadsheet
/// programs read it as UTF-8.
pub(crate) fn writer() -> csv::Writer<Vec<u8>> {
    csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec())
}

/// The written file's bytes.
pub(crate) fn finish(w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, csv::Error> {
    w.into_inner().map_err(|e| e.into_error().into())
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
