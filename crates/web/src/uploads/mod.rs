//! Multipart forms with files. Nothing is written before the form has
//! proved itself: a page form's `_csrf` field must arrive, valid, before
//! any file (pages put it first, and browsers send fields in page order),
//! and each file must fit the size limit and the address's upload quota.
//! A file over the size limit is drained and reported next to its field
//! instead of failing the whole request. Every written file is recorded
//! (`held_uploads`) so that those of forms never accepted are deleted once
//! they expire.

mod held;
mod quota;

pub use held::HeldFile;
pub use quota::UploadQuota;

use crate::csrf;
use crate::error::{AppError, AppResult, PendingErrorPage};
use crate::state::AppState;
use crate::Ctx;
use atbalsts_domain::{FieldErrors, Viewer};
use atbalsts_store::blobs::BlobStore;
use axum::extract::Multipart;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use held::Refused;
use std::net::IpAddr;

/// Who sends the form, which decides what it must prove.
pub enum Sender<'a> {
    /// A page: the CSRF token must come before any file.
    Page(&'a Ctx),
    /// An API call, authenticated by its bearer token (no cookies, so no CSRF).
    Api {
        viewer: &'a Viewer,
        address: Option<IpAddr>,
    },
}

impl Sender<'_> {
    fn expected_csrf(&self) -> Option<&str> {
        match self {
            Sender::Page(ctx) => Some(&ctx.csrf),
            Sender::Api { .. } => None,
        }
    }

    fn address(&self) -> Option<IpAddr> {
        match self {
            Sender::Page(ctx) => ctx.address,
            Sender::Api { address, .. } => *address,
        }
    }

    /// Staff are not held to the upload quota.
    fn is_staff(&self) -> bool {
        match self {
            Sender::Page(ctx) => ctx.viewer().is_ok_and(|v| v.is_staff_anywhere()),
            Sender::Api { viewer, .. } => viewer.is_staff_anywhere(),
        }
    }
}

#[derive(Debug, Default)]
pub struct ParsedForm {
    fields: Vec<(String, String)>,
    pub files: Vec<HeldFile>,
    pub errors: FieldErrors,
    /// A file was refused because the address used up its upload quota:
    /// the form comes back with 429.
    pub over_quota: bool,
}

impl ParsedForm {
    /// Every text field, in the order sent (a checkbox group sends several).
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// The status a form refused with these errors answers: 429 over the
    /// upload quota, else `otherwise`.
    pub fn refusal_status(&self, otherwise: StatusCode) -> StatusCode {
        if self.over_quota {
            StatusCode::TOO_MANY_REQUESTS
        } else {
            otherwise
        }
    }
}

/// `AppError::Invalid` with the status of `form` (429 over the quota).
pub fn invalid(form: &ParsedForm) -> Response {
    let mut response = AppError::Invalid(form.errors.clone()).into_response();
    let status = form.refusal_status(StatusCode::UNPROCESSABLE_ENTITY);
    *response.status_mut() = status;
    if let Some(pending) = response.extensions_mut().get_mut::<PendingErrorPage>() {
        pending.status = status;
    }
    response
}

/// File types that run code when opened: refused, whatever they claim to be.
const FORBIDDEN_EXTENSIONS: &[&str] = &[
    "exe", "com", "bat", "cmd", "msi", "scr", "pif", "cpl", "dll", "ps1", "vbs", "vbe", "js",
    "jse", "wsf", "hta", "jar", "lnk", "reg",
];

fn forbidden_type(filename: &str) -> bool {
    filename
        .rsplit_once('.')
        .map(|(_, ext)| FORBIDDEN_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
        .unwrap_or(false)
}

/// Keeps only the last path component and printable characters of a name.
fn clean_filename(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    if cleaned.is_empty() {
        "file".to_owned()
    } else {
        cleaned
    }
}

/// Reads a multipart form; files go to `files_field`, refused files become
/// field errors. A page form without a valid `_csrf` before its first file
/// is refused whole (400), with nothing written.
pub async fn parse(
    state: &AppState,
    sender: Sender<'_>,
    mut multipart: Multipart,
    files_field: &str,
) -> AppResult<ParsedForm> {
    let limit = state.config.max_upload_bytes;
    let expected = sender.expected_csrf();
    let mut proved = expected.is_none();
    let mut form = ParsedForm::default();
    let bad = |_| AppError::BadRequest("error-form-malformed");
    while let Some(mut field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or("").to_owned();
        if name == "_csrf" {
            let given = field.text().await.map_err(bad)?;
            if let Some(expected) = expected {
                if !csrf::matches(expected, &given) {
                    return Err(AppError::BadRequest("error-csrf"));
                }
                proved = true;
            }
            form.fields.push((name, given));
        } else if (name == files_field || name == "held_file") && !proved {
            tracing::info!(field = %name, "upload refused: file before the CSRF token");
            return Err(AppError::BadRequest("error-csrf"));
        } else if name == files_field {
            let filename = clean_filename(field.file_name().unwrap_or(""));
            let content_type = field
                .content_type()
                .unwrap_or("application/octet-stream")
                .to_owned();
            let mut bytes = Vec::new();
            let mut too_big = false;
            while let Some(chunk) = field.chunk().await.map_err(bad)? {
                if bytes.len() + chunk.len() > limit {
                    too_big = true;
                    bytes = Vec::new();
                } else if !too_big {
                    bytes.extend_from_slice(&chunk);
                }
            }
            if too_big {
                tracing::info!(%filename, limit, "upload refused: file too large");
                form.errors.push(files_field, "error-file-too-large");
            } else if forbidden_type(&filename) {
                tracing::info!(%filename, "upload refused: forbidden file type");
                form.errors.push(files_field, "error-file-type");
            } else if !bytes.is_empty() {
                let address = sender.address();
                if sender.is_staff() || state.upload_quota.allow(address, bytes.len()) {
                    let file = write(state, address, bytes, filename, content_type).await?;
                    form.files.push(file);
                } else {
                    tracing::info!(%filename, ?address, "upload refused: quota used up");
                    form.errors.push(files_field, "error-upload-quota");
                    form.over_quota = true;
                }
            }
        } else if name == "held_file" {
            let token = field.text().await.map_err(bad)?;
            match HeldFile::from_token(state, &token, atbalsts_store::now_ms()) {
                Ok(f) => form.files.push(f),
                Err(Refused::Expired) => form.errors.push(files_field, "error-held-file-expired"),
                Err(Refused::Invalid) => return Err(AppError::BadRequest("error-form-malformed")),
            }
        } else {
            let text = field.text().await.map_err(bad)?;
            form.fields.push((name, text));
        }
    }
    if !proved {
        return Err(AppError::BadRequest("error-csrf"));
    }
    Ok(form)
}

/// Records the upload, then writes it (in that order: see `held_uploads::clean`).
async fn write(
    state: &AppState,
    address: Option<IpAddr>,
    bytes: Vec<u8>,
    filename: String,
    content_type: String,
) -> AppResult<HeldFile> {
    let size = bytes.len() as i64;
    let now = atbalsts_store::now_ms();
    let (sha, bytes) = tokio::task::spawn_blocking(move || (BlobStore::digest(&bytes), bytes))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let address = address.map(|a| a.to_string());
    atbalsts_store::held_uploads::record(&state.db, &sha, size, address.as_deref(), now).await?;
    let blobs = state.blobs.clone();
    tokio::task::spawn_blocking(move || blobs.put(&bytes))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(HeldFile::new(state, sha, filename, content_type, size, now))
}

#[cfg(test)]
mod tests {
    use super::{clean_filename, forbidden_type};

    #[test]
    fn programs_are_refused_as_attachments() {
        assert!(forbidden_type("rēķins.PDF.exe"));
        assert!(forbidden_type("setup.msi"));
        assert!(!forbidden_type("ekrānšāviņš.png"));
        assert!(!forbidden_type("README"));
    }

    #[test]
    fn uploaded_file_names_lose_paths_and_control_characters() {
        assert_eq!(clean_filename("C:\\Users\\anna\\Ekrāns.png"), "Ekrāns.png");
        assert_eq!(clean_filename("../../etc/passwd"), "passwd");
        assert_eq!(clean_filename(".htaccess"), "htaccess");
        assert_eq!(clean_filename("a\u{0}b\nc.txt"), "abc.txt");
        assert_eq!(clean_filename(""), "file");
    }
}
