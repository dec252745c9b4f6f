//! Report downloads: a report builds one [`Table`] of typed cells (or a
//! few, one per sheet), and the same table is written as CSV (UTF-8 with a
//! byte-order mark, formula-like text neutralised) or as XLSX (header row,
//! frozen panes, dates as dates, column widths), so the two files never
//! disagree. A list too long to hold — the raw ticket list — is
//! [`streamed`]: its rows arrive through a bounded channel and leave as
//! CSV chunks, or through a constant-memory XLSX worksheet, with no cap.

use crate::{AppError, AppResult};
use axum::body::{Body, Bytes};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};
use tokio::sync::mpsc;

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
/// and rows of cells; with a title when it is one of several.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Table {
    pub title: Option<String>,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub(crate) fn new(columns: Vec<String>) -> Self {
        Self {
            title: None,
            columns,
            rows: Vec::new(),
        }
    }

    /// A table that is one of several in a download: its title heads its
    /// block in the CSV and names its sheet in the XLSX.
    pub(crate) fn titled(title: String, columns: Vec<String>) -> Self {
        Self {
            title: Some(title),
            ..Self::new(columns)
        }
    }

    pub(crate) fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    /// The table as a CSV file.
    #[cfg(test)]
    pub(crate) fn csv(&self) -> Result<Vec<u8>, csv::Error> {
        csv_file(std::slice::from_ref(self))
    }
}

/// The tables as one CSV file: each under its title (if any), a blank row
/// between them.
fn csv_file(tables: &[Table]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv_writer(BOM.to_vec());
    for (i, table) in tables.iter().enumerate() {
        if i > 0 {
            w.write_record([""])?;
        }
        if let Some(title) = &table.title {
            w.write_record([cell(title)])?;
        }
        w.write_record(table.columns.iter().map(|c| cell(c)))?;
        for row in &table.rows {
            w.write_record(row.iter().map(csv_text))?;
        }
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// A spreadsheet program reads a file with this mark as UTF-8.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A CSV writer for rows of any length (several tables in one file).
fn csv_writer<W: std::io::Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new().flexible(true).from_writer(w)
}

/// A spreadsheet program would run a cell that starts like a formula; the
/// words come from anyone, so such cells are written as text.
fn cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

/// The formats cells are written in.
struct Formats {
    bold: rust_xlsxwriter::Format,
    day: rust_xlsxwriter::Format,
    minute: rust_xlsxwriter::Format,
}

impl Formats {
    fn new() -> Self {
        use rust_xlsxwriter::Format;
        Self {
            bold: Format::new().set_bold(),
            day: Format::new().set_num_format("yyyy-mm-dd"),
            minute: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
        }
    }
}

/// Writes one cell (text always as text, never a formula); its width in
/// characters.
fn write_cell(
    ws: &mut Worksheet,
    f: &Formats,
    row: u32,
    col: u16,
    value: &Cell,
) -> Result<usize, XlsxError> {
    Ok(match value {
        Cell::Text(s) => {
            ws.write_string(row, col, s)?;
            s.chars().count()
        }
        Cell::Int(n) => {
            ws.write_number(row, col, *n as f64)?;
            n.to_string().len()
        }
        Cell::Number(n) => {
            ws.write_number(row, col, *n)?;
            8
        }
        Cell::Date(d) => {
            ws.write_datetime_with_format(row, col, excel_date(*d)?, &f.day)?;
            10
        }
        Cell::Instant(ms) => match riga_local(*ms) {
            Some(t) => {
                let at = excel_date(t.date())?.and_hms(t.hour() as u16, t.minute() as u8, 0)?;
                ws.write_datetime_with_format(row, col, at, &f.minute)?;
                16
            }
            None => 0,
        },
        Cell::Empty => 0,
    })
}

fn write_header(ws: &mut Worksheet, f: &Formats, columns: &[String]) -> Result<(), XlsxError> {
    for (c, title) in columns.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, title, &f.bold)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn set_widths(ws: &mut Worksheet, widths: &[usize]) -> Result<(), XlsxError> {
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w).clamp(6, 60) as f64 + 2.0)?;
    }
    Ok(())
}

/// The tables as an XLSX workbook, a sheet each (named by its title, or
/// by `stem` when it has none).
fn xlsx_file(stem: &str, tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let f = Formats::new();
    for table in tables {
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(table.title.as_deref().unwrap_or(stem)))?;
        write_header(ws, &f, &table.columns)?;
        let mut widths: Vec<usize> = table.columns.iter().map(|c| c.chars().count()).collect();
        for (r, row) in table.rows.iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                let width = write_cell(ws, &f, r as u32 + 1, c as u16, value)?;
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(width);
                }
            }
        }
        set_widths(ws, &widths)?;
    }
    book.save_to_buffer()
}

/// Which file a download is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Csv,
    Xlsx,
}

impl Format {
    /// As a const generic argument (handlers are made per format).
    pub(crate) const CSV: u8 = 0;
    pub(crate) const XLSX: u8 = 1;

    pub(crate) fn from_code(code: u8) -> Self {
        if code == Self::XLSX {
            Format::Xlsx
        } else {
            Format::Csv
        }
    }

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
    download_all(stem, format, std::slice::from_ref(table))
}

/// Several tables as one file: blocks of one CSV, sheets of one workbook.
pub(crate) fn download_all(stem: &str, format: Format, tables: &[Table]) -> AppResult<Response> {
    let bytes = match format {
        Format::Csv => csv_file(tables).map_err(|e| AppError::Internal(e.to_string()))?,
        Format::Xlsx => xlsx_file(stem, tables).map_err(|e| AppError::Internal(e.to_string()))?,
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

/// Rows of a [`streamed`] download, sent as they are read. A producer
/// that fails sends `Err`: the download then breaks off instead of ending
/// as if complete.
pub(crate) type RowSender = mpsc::Sender<Result<Vec<Cell>, String>>;

/// Rows waiting between the database and the file: enough to keep both
/// busy, few enough to hold nothing much.
const ROWS_IN_FLIGHT: usize = 512;
/// Bytes sent to the client at a time.
const CHUNK: usize = 64 * 1024;

/// A download of rows that come later, through the returned sender, with
/// no cap on their number and never all in memory: CSV is written in
/// chunks as rows arrive; XLSX rows go to a constant-memory worksheet on a
/// blocking thread and the workbook is streamed as it is zipped. `widths`
/// are the columns' widths in characters (XLSX needs them before the rows).
pub(crate) fn streamed(
    stem: &str,
    format: Format,
    columns: Vec<String>,
    widths: Vec<usize>,
) -> (RowSender, Response) {
    let (rows_tx, rows_rx) = mpsc::channel(ROWS_IN_FLIGHT);
    let body = match format {
        Format::Csv => csv_body(columns, rows_rx),
        Format::Xlsx => xlsx_body(sheet_name(stem), columns, widths, rows_rx),
    };
    (rows_tx, file_response(stem, format, body))
}

type Chunk = Result<Bytes, std::io::Error>;

fn broken(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

/// The CSV as the body pulls it: a chunk of the rows waiting at a time.
fn csv_body(columns: Vec<String>, rows: mpsc::Receiver<Result<Vec<Cell>, String>>) -> Body {
    let mut head = csv_writer(BOM.to_vec());
    let head = head
        .write_record(columns.iter().map(|c| cell(c)))
        .map_err(broken)
        .and_then(|_| head.into_inner().map_err(broken));
    let first = futures::stream::once(async move { head.map(Bytes::from) });
    let rest = futures::stream::unfold(Some(rows), |rows| async move {
        let mut rows = rows?;
        let mut w = csv_writer(Vec::with_capacity(CHUNK + 1024));
        let mut got = false;
        loop {
            let row = if got {
                rows.try_recv().ok()
            } else {
                rows.recv().await
            };
            let Some(row) = row else { break };
            got = true;
            let written = row
                .map_err(broken)
                .and_then(|row| w.write_record(row.iter().map(csv_text)).map_err(broken));
            if let Err(e) = written {
                return Some((Err(e), None));
            }
            if w.get_ref().len() >= CHUNK {
                break;
            }
        }
        if !got {
            return None;
        }
        let chunk = w.into_inner().map(Bytes::from).map_err(broken);
        Some((chunk, Some(rows)))
    });
    Body::from_stream(futures::StreamExt::chain(first, rest))
}

/// Bytes written on a blocking thread, sent on to the body in chunks.
struct ChannelWriter {
    tx: mpsc::Sender<Chunk>,
    buf: Vec<u8>,
}

impl ChannelWriter {
    fn send(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK));
        self.tx
            .blocking_send(Ok(Bytes::from(chunk)))
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))
    }
}

impl std::io::Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}

fn xlsx_body(
    sheet: String,
    columns: Vec<String>,
    widths: Vec<usize>,
    mut rows: mpsc::Receiver<Result<Vec<Cell>, String>>,
) -> Body {
    let (tx, rx) = mpsc::channel::<Chunk>(4);
    tokio::task::spawn_blocking(move || {
        let mut out = ChannelWriter {
            tx: tx.clone(),
            buf: Vec::with_capacity(CHUNK),
        };
        let written = (|| -> Result<(), String> {
            let mut book = Workbook::new();
            let f = Formats::new();
            let ws = book
                .add_worksheet_with_constant_memory()
                .map_err(|e| e.to_string())?;
            ws.set_name(&sheet).map_err(|e| e.to_string())?;
            let widths: Vec<usize> = columns
                .iter()
                .zip(widths.iter().chain(std::iter::repeat(&0)))
                .map(|(c, w)| c.chars().count().max(*w))
                .collect();
            set_widths(ws, &widths).map_err(|e| e.to_string())?;
            write_header(ws, &f, &columns).map_err(|e| e.to_string())?;
            let mut r = 1u32;
            while let Some(row) = rows.blocking_recv() {
                // A client gone: stop (dropping `rows` stops the reader too).
                if r.is_multiple_of(4096) && tx.is_closed() {
                    return Err("the client went away".into());
                }
                for (c, value) in row?.iter().enumerate() {
                    write_cell(ws, &f, r, c as u16, value).map_err(|e| e.to_string())?;
                }
                r += 1;
            }
            book.save_to_writer(&mut out).map_err(|e| e.to_string())?;
            std::io::Write::flush(&mut out).map_err(|e| e.to_string())
        })();
        if let Err(e) = written {
            tracing::warn!(error = %e, "an XLSX download broke off");
            let _ = tx.blocking_send(Err(broken(e)));
        }
    });
    let chunks = futures::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (chunk, rx))
    });
    Body::from_stream(chunks)
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

fn excel_date(d: jiff::civil::Date) -> Result<rust_xlsxwriter::ExcelDateTime, XlsxError> {
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
    use super::{cell, Cell, Table};

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

    #[test]
    fn cells_that_look_like_formulas_are_written_as_text() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("printeris"), "printeris");
    }
}
