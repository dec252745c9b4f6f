//! The knowledge base (SPEC §5): articles in Latvian and English that move
//! from draft through review to published, who may see and edit them, what
//! readers do with them, and a readable comparison of two versions.

mod category_input;
mod diff;
mod input;
mod page_input;

pub use category_input::{CategoryForm, CategoryInput};
pub use diff::{diff_lines, Change, DiffLine};
pub use input::{normalise_tag, ArticleForm, ArticleInput, ArticleText};
pub use page_input::{ImportForm, ImportInput, RestoreForm, RestoreInput};

use crate::{Role, Viewer};
use serde::{Deserialize, Serialize};

/// Where an article is in its editorial workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleStatus {
    Draft,
    Review,
    Published,
    Archived,
}

impl ArticleStatus {
    pub const ALL: [ArticleStatus; 4] = [
        ArticleStatus::Draft,
        ArticleStatus::Review,
        ArticleStatus::Published,
        ArticleStatus::Archived,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ArticleStatus::Draft => "draft",
            ArticleStatus::Review => "review",
            ArticleStatus::Published => "published",
            ArticleStatus::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == s)
    }

    /// The statuses an article may move to from this one: submitted for
    /// review, sent back, published, taken back for a new edit, archived,
    /// and brought back from the archive as a draft.
    pub fn next(self) -> &'static [ArticleStatus] {
        use ArticleStatus::*;
        match self {
            Draft => &[Review],
            Review => &[Draft, Published],
            Published => &[Draft, Archived],
            Archived => &[Draft],
        }
    }

    pub fn check_transition(self, to: ArticleStatus) -> Result<(), &'static str> {
        if self.next().contains(&to) {
            Ok(())
        } else {
            Err("error-kb-transition")
        }
    }
}

/// Who may read a published article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Anyone, signed in or not.
    Public,
    /// Staff of any desk.
    Agents,
    /// Staff of the article's desk.
    Desk,
    /// Staff of the article's desk and the people of one institution.
    Institution,
}

impl Visibility {
    pub const ALL: [Visibility; 4] = [
        Visibility::Public,
        Visibility::Agents,
        Visibility::Desk,
        Visibility::Institution,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Agents => "agents",
            Visibility::Desk => "desk",
            Visibility::Institution => "institution",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Self::ALL
            .into_iter()
            .find(|v| v.code() == s.trim())
            .ok_or("error-kb-visibility")
    }
}

/// Why an article and a ticket are linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleLinkKind {
    /// The article was drafted from the ticket (a resolved incident or problem).
    CreatedFrom,
    /// An agent used the article to solve the ticket.
    UsedToSolve,
}

impl ArticleLinkKind {
    pub const ALL: [ArticleLinkKind; 2] =
        [ArticleLinkKind::CreatedFrom, ArticleLinkKind::UsedToSolve];

    pub fn code(self) -> &'static str {
        match self {
            ArticleLinkKind::CreatedFrom => "created_from",
            ArticleLinkKind::UsedToSolve => "used_to_solve",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Self::ALL
            .into_iter()
            .find(|k| k.code() == s)
            .ok_or("error-kb-link-kind")
    }
}

/// How a suggested article kept a customer from filing a request (support
/// level 0): they read it and left without filing, or said it solved the need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Deflection {
    NotFiled,
    Solved,
}

impl Deflection {
    pub fn code(self) -> &'static str {
        match self {
            Deflection::NotFiled => "not_filed",
            Deflection::Solved => "solved",
        }
    }
}

/// Where a search that found nothing was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchScope {
    Portal,
    Agent,
}

impl SearchScope {
    pub fn code(self) -> &'static str {
        match self {
            SearchScope::Portal => "portal",
            SearchScope::Agent => "agent",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "portal" => Some(SearchScope::Portal),
            "agent" => Some(SearchScope::Agent),
            _ => None,
        }
    }
}

/// Knowledge editors and desk administrators of the desk (and system
/// administrators) write, review, publish, archive and restore its articles.
pub fn is_editor(viewer: &Viewer, desk_id: i64) -> bool {
    viewer.is_system_admin
        || viewer.has_role(desk_id, Role::KnowledgeEditor)
        || viewer.has_role(desk_id, Role::DeskAdmin)
}

/// The desks whose articles `viewer` edits (see `is_editor`; system
/// administrators edit everywhere and are not listed).
pub fn editor_desks(viewer: &Viewer) -> Vec<i64> {
    let mut desks: Vec<i64> = viewer
        .desk_roles
        .iter()
        .filter(|(_, r)| matches!(r, Role::KnowledgeEditor | Role::DeskAdmin))
        .map(|(d, _)| *d)
        .collect();
    desks.sort_unstable();
    desks.dedup();
    desks
}

/// Files an article may carry: documents and pictures, by the name's
/// extension. The answer is the content type to store and serve, whatever
/// the browser claimed, so a file is never served as something active.
pub fn file_content_type(filename: &str) -> Result<&'static str, &'static str> {
    let ext = filename
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    Ok(match ext.as_str() {
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "odt" => "application/vnd.oasis.opendocument.text",
        "rtf" => "application/rtf",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        _ => return Err("error-kb-file-type"),
    })
}

/// A search query as the report groups it: words separated by single
/// spaces, lower case, at most 200 characters; `None` when blank.
pub fn normalise_query(raw: &str) -> Option<String> {
    let words: Vec<String> = raw
        .split_whitespace()
        .map(|w| w.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let q: String = words.join(" ").chars().take(200).collect();
    let q = q.trim_end().to_owned();
    (!q.is_empty()).then_some(q)
}

#[cfg(test)]
mod tests;
