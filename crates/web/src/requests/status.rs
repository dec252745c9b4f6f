//! Status names as a customer reads them: the catalogue's
//! `request-status-<code>` where there is one (the standard workflows'
//! statuses), else the workflow's own name for the status.

use crate::{AppResult, AppState};
use atbalsts_domain::Locale;
use std::collections::HashMap;

pub(super) struct CustomerStatuses(HashMap<(i64, String), String>);

impl CustomerStatuses {
    pub async fn load(
        state: &AppState,
        workflow_ids: impl IntoIterator<Item = i64>,
        locale: Locale,
    ) -> AppResult<Self> {
        let mut ids: Vec<i64> = workflow_ids.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        let mut names = HashMap::new();
        for id in ids {
            let (_, statuses) = atbalsts_store::workflows::workflow(&state.db, id).await?;
            for s in statuses {
                let key = format!("request-status-{}", s.code);
                let name = if state.i18n.has(locale, &key) {
                    state.i18n.t(locale, &key)
                } else {
                    s.labels.get(locale).to_owned()
                };
                names.insert((id, s.code), name);
            }
        }
        Ok(Self(names))
    }

    pub fn get(&self, workflow_id: i64, code: &str) -> String {
        self.0
            .get(&(workflow_id, code.to_owned()))
            .cloned()
            .unwrap_or_else(|| code.to_owned())
    }
}
