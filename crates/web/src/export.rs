//! Report downloads: a report builds one [`Table`] of typed cells, and the
//! same table is written as CSV (UTF-8 with a byte-order mark, formula-like
//! text neutralised) or as XLSX (header row, frozen panes, dates as dates,
//! column widths), so the two files never disagree.

use crate::csv_out::cell;
use crate::{AppError, AppResult};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

/// One value of a report table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Text(String),
    Int(i64),
    Number(f64),
    /// A Riga calendar day.
    Date(jiff::civil::Date),
    /// An instant (ms), shown as a Riga date and time to the minute.
    Instant(i64),
    Empty,
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_owned())
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Self {
        Cell::Int(n)
    }
}

impl From<Option<i64>> for Cell {
    fn from(n: Option<i64>) -> Self {
        n.map_or(Cell::Empty, Cell::Int)
    }
}

impl From<jiff::civil::Date> for Cell {
    fn from(d: jiff::civil::Date) -> Self {
        Cell::Date(d)
    }
}

/// A report's figures as a spreadsheet sees them: translated column titles
/// and rows of cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub(crate) fn new(columns: Vec<String>) -> Self {
        Self {
            columns,
            rows: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    /// The table as a CSV file.
    pub(crate) fn csv(&self) -> Result<Vec<u8>, csv::Error> {
        let mut w = crate::csv_out::writer();
        w.write_record(self.columns.iter().map(|c| cell(c)))?;
        for row in &self.rows {
            w.write_record(row.iter().map(csv_text))?;
        }
        crate::csv_out::finish(w)
    }

    /// The table as an XLSX workbook of one sheet.
    pub(crate) fn xlsx(&self, sheet: &str) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        use rust_xlsxwriter::{Format, Workbook};
        let mut book = Workbook::new();
        let bold = Format::new().set_bold();
        let day = Format::new().set_num_format("yyyy-mm-dd");
        let minute = Format::new().set_num_format("yyyy-mm-dd hh:mm");
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(sheet))?;
        let mut widths: Vec<usize> = self.columns.iter().map(|c| c.chars().count()).collect();
        for (c, title) in self.columns.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, title, &bold)?;
        }
        for (r, row) in self.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, value) in row.iter().enumerate() {
                let col = c as u16;
                let width = match value {
                    Cell::Text(s) => {
                        ws.write_string(r, col, s)?;
                        s.chars().count()
                    }
                    Cell::Int(n) => {
                        ws.write_number(r, col, *n as f64)?;
                        n.to_string().len()
                    }
                    Cell::Number(n) => {
                        ws.write_number(r, col, *n)?;
                        8
                    }
                    Cell::Date(d) => {
                        ws.write_datetime_with_format(r, col, excel_date(*d)?, &day)?;
                        10
                    }
                    Cell::Instant(ms) => match riga_local(*ms) {
                        Some(t) => {
                            let at = excel_date(t.date())?.and_hms(
                                t.hour() as u16,
                                t.minute() as u8,
                                0,
                            )?;
                            ws.write_datetime_with_format(r, col, at, &minute)?;
                            16
                        }
                        None => 0,
                    },
                    Cell::Empty => 0,
                };
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(width);
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, (*w).clamp(6, 60) as f64 + 2.0)?;
        }
        ws.set_freeze_panes(1, 0)?;
        book.save_to_buffer()
    }
}

/// Which file a download is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// The table as a file to download: `{stem}-{today in Riga}.{csv|xlsx}`,
/// never cached.
pub(crate) fn download(stem: &str, format: Format, table: &Table) -> AppResult<Response> {
    let bytes = match format {
        Format::Csv => table.csv().map_err(|e| AppError::Internal(e.to_string()))?,
        Format::Xlsx => table
            .xlsx(stem)
            .map_err(|e| AppError::Internal(e.to_string()))?,
    };
    Ok(file_response(stem, format, bytes))
}

/// Headers of a download of `format` named after `stem` and today's date.
pub(crate) fn file_response(stem: &str, format: Format, body: impl IntoResponse) -> Response {
    attachment(stem, format.extension(), format.content_type(), body)
}

/// A JSON file to download, named as the other downloads.
pub(crate) fn json_download(stem: &str, body: impl IntoResponse) -> Response {
    attachment(stem, "json", "application/json", body)
}

fn attachment(
    stem: &str,
    extension: &str,
    content_type: &str,
    body: impl IntoResponse,
) -> Response {
    let name = format!(
        "{stem}-{}.{extension}",
        crate::dates::riga_date(atbalsts_store::now_ms()),
    );
    (
        [
            (CONTENT_TYPE, content_type.to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

fn csv_text(value: &Cell) -> String {
    match value {
        Cell::Text(s) => cell(s),
        Cell::Int(n) => n.to_string(),
        Cell::Number(n) => format!("{n}"),
        Cell::Date(d) => d.to_string(),
        Cell::Instant(ms) => riga_local(*ms)
            .map(|t| t.strftime("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default(),
        Cell::Empty => String::new(),
    }
}

fn riga_local(ms: i64) -> Option<jiff::civil::DateTime> {
    let t = jiff::Timestamp::from_millisecond(ms).ok()?;
    Some(
        t.to_zoned(atbalsts_domain::reports::periods::riga())
            .datetime(),
    )
}

fn excel_date(
    d: jiff::civil::Date,
) -> Result<rust_xlsxwriter::ExcelDateTime, rust_xlsxwriter::XlsxError> {
    rust_xlsxwriter::ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(stem: &str) -> String {
    stem.chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Cell, Table};

    #[test]
    fn a_table_is_written_as_csv_with_formulas_neutralised() {
        let mut t = Table::new(vec!["Diena".into(), "Skaits".into(), "Teksts".into()]);
        t.push(vec![
            Cell::Date(jiff::civil::date(2026, 11, 23)),
            Cell::Int(4),
            "=1+1".into(),
        ]);
        let text = String::from_utf8(t.csv().unwrap()).unwrap();
        assert_eq!(text, "\u{feff}Diena,Skaits,Teksts\n2026-11-23,4,'=1+1\n");
    }
}
