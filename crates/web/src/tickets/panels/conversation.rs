//! The conversation: the description (with the mail's formatted version
//! and its files), then replies and internal notes, each with its files.

use super::Scope;
use crate::tickets::quoted;
use crate::tickets::view::formatted;
use crate::AppResult;
use atbalsts_store::tickets::{attachments_of, comments_of, Attachment};
use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct Entry {
    pub author_name: String,
    pub created_at: i64,
    pub is_public: bool,
    /// The text without the quoted earlier mail, which is `folded`.
    pub body: String,
    pub folded: Option<String>,
    pub html: Option<String>,
    pub attachments: Vec<Attachment>,
}

#[derive(Serialize)]
pub(crate) struct Conversation {
    pub description: String,
    pub description_html: Option<String>,
    /// Files of the request itself (not of a comment).
    pub files: Vec<Attachment>,
    pub entries: Vec<Entry>,
}

impl Conversation {
    pub(crate) async fn load(s: &Scope<'_>) -> AppResult<Self> {
        let db = &s.state.db;
        let (comments, attachments) = tokio::try_join!(
            comments_of(db, s.viewer, s.ticket),
            attachments_of(db, s.viewer, s.ticket)
        )?;
        let entries = comments
            .into_iter()
            .map(|c| {
                let (body, folded) = quoted::split(&c.body);
                Entry {
                    html: formatted(c.body_html.as_deref(), &c.attachments),
                    body: body.to_owned(),
                    folded: (!folded.is_empty()).then(|| folded.to_owned()),
                    author_name: c.author_name,
                    created_at: c.created_at,
                    is_public: c.is_public,
                    attachments: c.attachments,
                }
            })
            .collect();
        Ok(Self {
            description: s.ticket.description.clone(),
            description_html: formatted(s.ticket.description_html.as_deref(), &attachments),
            files: attachments
                .into_iter()
                .filter(|a| a.comment_id.is_none())
                .collect(),
            entries,
        })
    }
}
