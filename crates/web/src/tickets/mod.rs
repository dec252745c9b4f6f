//! Ticket pages: list, view, create, comment, transition.

pub mod approval;
pub mod articles;
pub mod assign;
pub mod bulk;
pub mod comment;
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
pub mod shortcuts;
pub mod transition;
pub mod triage;
pub mod view;

use crate::customer_pages::CustomerPages;
use crate::AppResult;
use atbalsts_domain::Locale;
use atbalsts_store::{workflows, Db};
use std::collections::HashMap;

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

/// The staff ticket pages and their actions, and the keyboard shortcuts
/// page; customers at `/tickets` and `/tickets/{key}` get `customer`'s pages.
pub fn routes(customer: CustomerPages) -> axum::Router<crate::AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/shortcuts", get(shortcuts::page))
        .route("/tickets", get(list::page))
        .route("/tickets/new", get(new::page).post(new::submit))
        .route("/tickets/bulk", post(bulk::submit))
        .route("/tickets/queues", post(queues::submit))
        .route("/tickets/{key}", get(view::page))
        .route("/tickets/{key}/comments", post(comment::submit))
        .route("/tickets/{key}/transition", post(transition::submit))
        .route("/tickets/{key}/triage", post(triage::submit))
        .route("/tickets/{key}/assign", post(assign::submit))
        .route("/tickets/{key}/links", post(links::add))
        .route("/tickets/{key}/links/{id}/remove", post(links::remove))
        .route("/tickets/{key}/approval", post(approval::from_ticket))
        .route(
            "/tickets/{key}/institution/confirm",
            post(institution::confirm),
        )
        .route(
            "/approvals/{token}",
            get(approval::page).post(approval::submit),
        )
        .route("/tickets/{key}/merge", post(merge::submit))
        .route("/tickets/{key}/macro", post(macros::submit))
        .route("/tickets/{key}/participants", post(participants::add))
        .route(
            "/tickets/{key}/participants/{user}/remove",
            post(participants::remove),
        )
        .route(
            "/tickets/{key}/resolve-incidents",
            post(links::resolve_incidents),
        )
        .route("/tickets/{key}/articles", post(articles::link))
        .route(
            "/tickets/{key}/articles/{id}/remove",
            post(articles::unlink),
        )
        .layer(axum::Extension(customer))
}
