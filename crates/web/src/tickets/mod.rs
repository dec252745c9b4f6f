//! Ticket pages: list, view, create, comment, transition.

pub mod approval;
pub mod assign;
pub mod bulk;
pub mod comment;
pub(crate) mod events;
pub mod institution;
pub mod links;
pub mod list;
pub mod macros;
pub mod merge;
pub mod new;
mod ordering;
mod panels;
pub mod participants;
pub mod queues;
mod quoted;
pub mod transition;
pub mod triage;
pub mod view;

use crate::{AppError, AppResult};
use atbalsts_domain::{Locale, TicketKey};
use atbalsts_store::{workflows, Db};
use std::collections::HashMap;

pub(crate) fn parse_key(raw: &str) -> AppResult<TicketKey> {
    TicketKey::parse(raw).ok_or(AppError::NotFound)
}

/// Names of every status of every workflow, in one language.
pub(crate) struct StatusNames(HashMap<(i64, String), String>);

impl StatusNames {
    pub async fn load(
        db: &Db,
        workflow_ids: impl IntoIterator<Item = i64>,
        locale: Locale,
    ) -> AppResult<Self> {
        let mut names = HashMap::new();
        let mut ids: Vec<i64> = workflow_ids.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            let (_, statuses) = workflows::workflow(db, id).await?;
            for s in statuses {
                names.insert((id, s.code.clone()), s.labels.get(locale).to_owned());
            }
        }
        Ok(Self(names))
    }

    /// Every status code once, with its name, ordered by name.
    pub fn codes(&self) -> Vec<minijinja::Value> {
        let mut seen: Vec<(String, String)> = Vec::new();
        for ((_, code), label) in &self.0 {
            if !seen.iter().any(|(c, _)| c == code) {
                seen.push((code.clone(), label.clone()));
            }
        }
        seen.sort_by(|a, b| a.1.cmp(&b.1));
        seen.into_iter()
            .map(|(code, label)| minijinja::context! { code => code, label => label })
            .collect()
    }

    pub fn get(&self, workflow_id: i64, code: &str) -> String {
        self.0
            .get(&(workflow_id, code.to_owned()))
            .cloned()
            .unwrap_or_else(|| code.to_owned())
    }
}
