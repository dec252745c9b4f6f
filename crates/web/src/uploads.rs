//! Multipart forms with files. Each file is written to the blob store as it
//! arrives; a file over the size limit is drained and reported next to its
//! field instead of failing the whole request. Files of a rejected form are
//! "held": the page carries a signed reference to each, so the person does
//! not have to choose them again.

use crate::csrf;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use atbalsts_domain::FieldErrors;
use atbalsts_store::tickets::NewAttachment;
use axum::extract::Multipart;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct HeldFile {
    pub sha256: String,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    /// The signed reference the form sends back.
    pub token: String,
}

impl HeldFile {
    fn new(
        state: &AppState,
        sha256: String,
        filename: String,
        content_type: String,
        size_bytes: i64,
    ) -> Self {
        let payload = format!("{sha256}|{size_bytes}|{content_type}|{filename}");
        let token = format!(
            "{payload}|{}",
            csrf::sign(&state.secret, "held-file", &payload)
        );
        Self {
            sha256,
            filename,
            content_type,
            size_bytes,
            token,
        }
    }

    fn from_token(state: &AppState, token: &str) -> Option<Self> {
        let (payload, sig) = token.rsplit_once('|')?;
        if !csrf::matches(&csrf::sign(&state.secret, "held-file", payload), sig) {
            return None;
        }
        let mut parts = payload.splitn(4, '|');
        let sha256 = parts.next()?.to_owned();
        let size_bytes = parts.next()?.parse().ok()?;
        let content_type = parts.next()?.to_owned();
        let filename = parts.next()?.to_owned();
        Some(Self::new(state, sha256, filename, content_type, size_bytes))
    }

    pub fn to_attachment(&self) -> NewAttachment {
        NewAttachment {
            content_id: None,
            filename: self.filename.clone(),
            content_type: self.content_type.clone(),
            size_bytes: self.size_bytes,
            sha256: self.sha256.clone(),
        }
    }
}

#[derive(Debug, Default)]
pub struct ParsedForm {
    fields: Vec<(String, String)>,
    pub files: Vec<HeldFile>,
    pub errors: FieldErrors,
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

/// Reads a multipart form; files go to `files_field`, over-limit files become field errors.
pub async fn parse(
    state: &AppState,
    mut multipart: Multipart,
    files_field: &str,
) -> AppResult<ParsedForm> {
    let limit = state.config.max_upload_bytes;
    let mut form = ParsedForm::default();
    let bad = |_| AppError::BadRequest("error-form-malformed");
    while let Some(mut field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or("").to_owned();
        if name == files_field {
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
                let blobs = state.blobs.clone();
                let size = bytes.len() as i64;
                let sha = tokio::task::spawn_blocking(move || blobs.put(&bytes))
                    .await
                    .map_err(|e| AppError::Internal(e.to_string()))?
                    .map_err(|e| AppError::Internal(e.to_string()))?;
                form.files
                    .push(HeldFile::new(state, sha, filename, content_type, size));
            }
        } else if name == "held_file" {
            let token = field.text().await.map_err(bad)?;
            match HeldFile::from_token(state, &token) {
                Some(f) => form.files.push(f),
                None => return Err(AppError::BadRequest("error-form-malformed")),
            }
        } else {
            let text = field.text().await.map_err(bad)?;
            form.fields.push((name, text));
        }
    }
    Ok(form)
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
