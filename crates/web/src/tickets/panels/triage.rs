//! Triage: team, priority (the matrix's or an override with its reason),
//! impact and urgency, category and (problems) root cause; the values,
//! and the form that changes them.

use super::Scope;
use crate::AppResult;
use atbalsts_domain::triage::Level;
use atbalsts_domain::Priority;
use atbalsts_store::categories::{of_desk, offered, Category, Kind};
use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct Option_ {
    pub id: i64,
    pub label: String,
}

#[derive(Serialize)]
pub(crate) struct Triage {
    pub teams: Vec<Option_>,
    pub categories: Vec<Option_>,
    pub root_causes: Vec<Option_>,
    /// The ticket's category, by name (empty when none).
    pub category: Option<String>,
    pub levels: Vec<&'static str>,
    pub priorities: Vec<&'static str>,
    /// What the matrix gives for the ticket's impact and urgency.
    pub computed_priority: Option<&'static str>,
}

impl Triage {
    pub(crate) async fn load(s: &Scope<'_>) -> AppResult<Self> {
        let db = &s.state.db;
        let t = s.ticket;
        let locale = s.ctx.locale;
        let (matrix, teams, categories, causes) = tokio::try_join!(
            atbalsts_store::tickets::matrix_of(db, t.desk_id),
            atbalsts_store::desks::teams_of(db, t.desk_id),
            of_desk(db, t.desk_id, Kind::Category, Some(t.ticket_type_id)),
            of_desk(db, t.desk_id, Kind::RootCause, None),
        )?;
        let computed = match (t.impact, t.urgency) {
            (Some(i), Some(u)) => Some(matrix.priority(i, u).code()),
            _ => None,
        };
        // Retired entries are not offered, except the one the ticket has.
        let named = |list: Vec<Category>, current: Option<i64>| {
            offered(list, current)
                .into_iter()
                .map(|c| Option_ {
                    id: c.id,
                    label: c.labels.get(locale).to_owned(),
                })
                .collect::<Vec<_>>()
        };
        let categories = named(categories, t.category_id);
        Ok(Self {
            category: categories
                .iter()
                .find(|c| Some(c.id) == t.category_id)
                .map(|c| c.label.clone()),
            categories,
            root_causes: named(causes, t.root_cause_id),
            teams: teams
                .into_iter()
                .map(|tm| Option_ {
                    id: tm.id,
                    label: tm.name,
                })
                .collect(),
            levels: Level::ALL.iter().map(|l| l.code()).collect(),
            priorities: Priority::ALL.iter().map(|p| p.code()).collect(),
            computed_priority: computed,
        })
    }
}
