//! Files of a rejected form, "held" so that the person need not choose them
//! again: the page carries a signed reference to each. A reference names
//! when the file came, and expires with the held file (`held_upload_hours`).

use crate::csrf;
use crate::state::AppState;
use atbalsts_store::tickets::NewAttachment;
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

/// Why a held-file reference is not taken.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refused {
    /// Not one we signed: a forged or mangled form.
    Invalid,
    /// Ours, but the file is no longer kept.
    Expired,
}

impl HeldFile {
    pub(crate) fn new(
        state: &AppState,
        sha256: String,
        filename: String,
        content_type: String,
        size_bytes: i64,
        uploaded_at: i64,
    ) -> Self {
        let payload = format!("{sha256}|{size_bytes}|{uploaded_at}|{content_type}|{filename}");
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

    pub(crate) fn from_token(state: &AppState, token: &str, now_ms: i64) -> Result<Self, Refused> {
        let (payload, sig) = token.rsplit_once('|').ok_or(Refused::Invalid)?;
        if !csrf::matches(&csrf::sign(&state.secret, "held-file", payload), sig) {
            return Err(Refused::Invalid);
        }
        let mut parts = payload.splitn(5, '|');
        let mut next = || parts.next().ok_or(Refused::Invalid);
        let sha256 = next()?.to_owned();
        let size_bytes = next()?.parse().map_err(|_| Refused::Invalid)?;
        let uploaded_at: i64 = next()?.parse().map_err(|_| Refused::Invalid)?;
        let content_type = next()?.to_owned();
        let filename = next()?.to_owned();
        let max_age_ms = state.config.held_upload_hours as i64 * 3_600_000;
        if now_ms - uploaded_at >= max_age_ms || !state.blobs.contains(&sha256) {
            return Err(Refused::Expired);
        }
        Ok(Self::new(
            state,
            sha256,
            filename,
            content_type,
            size_bytes,
            uploaded_at,
        ))
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
