//! The audit table of changes and the periods in each status.

use super::Scope;
use crate::tickets::StatusNames;
use crate::AppResult;
use atbalsts_store::sla::policies;
use atbalsts_store::tickets::{changes_of, status_history_of};
use serde::Serialize;

#[derive(Serialize, Clone)]
pub(crate) struct Row {
    pub at: i64,
    pub actor: String,
    pub field: String,
    /// The field's name in the page's language.
    pub field_label: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct Period {
    pub status: String,
    pub entered_at: i64,
    pub left_at: Option<i64>,
}

#[derive(Serialize)]
pub(crate) struct History {
    pub rows: Vec<Row>,
    pub periods: Vec<Period>,
}

impl History {
    pub(crate) async fn load(s: &Scope<'_>, names: &StatusNames) -> AppResult<Self> {
        let t = s.ticket;
        let (changes, periods) = tokio::try_join!(
            changes_of(&s.state.db, t.id),
            status_history_of(&s.state.db, t.id)
        )?;
        // Stored codes are shown in words of the page's language; SLA
        // policies by the desk's names of them, read only when needed.
        let (i18n, locale) = (&s.state.i18n, s.ctx.locale);
        let policies = if changes.iter().any(|c| c.field == "sla_policy") {
            policies::list_for_desk(&s.state.db, t.desk_id).await?
        } else {
            Vec::new()
        };
        let status = |code: &str| names.get(t.workflow_id, code);
        let named = |field: &str, v: Option<String>| {
            v.map(|v| match field {
                "sla_policy" => crate::history::sla_policy_label(&policies, locale, &v),
                _ => crate::history::history_label(i18n, locale, field, &v, status),
            })
        };
        Ok(Self {
            rows: changes
                .into_iter()
                .map(|c| Row {
                    at: c.at,
                    actor: c.actor_name,
                    old_value: named(&c.field, c.old_value),
                    new_value: named(&c.field, c.new_value),
                    field_label: crate::history::field_label(i18n, locale, &c.field),
                    field: c.field,
                })
                .collect(),
            periods: periods
                .into_iter()
                .map(|p| Period {
                    status: names.get(t.workflow_id, &p.status),
                    entered_at: p.entered_at,
                    left_at: p.left_at,
                })
                .collect(),
        })
    }

    /// Changes made after `since` (ms), for the notice after a conflict.
    pub(crate) fn since(&self, since: i64) -> Vec<Row> {
        self.rows.iter().filter(|r| r.at > since).cloned().collect()
    }
}
