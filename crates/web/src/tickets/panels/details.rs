//! The ticket's type and the answers of its request type's form (and any
//! other custom field values).

use super::Scope;
use crate::tickets::StatusNames;
use crate::AppResult;
use minijinja::Value;
use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct Details {
    pub ticket_type: String,
    /// The status by its workflow name (shown here to those without the
    /// status panel).
    pub status_label: String,
    /// Label and value of each answer, in the form's order.
    pub fields: Vec<Value>,
}

impl Details {
    pub(crate) async fn load(s: &Scope<'_>, names: &StatusNames) -> AppResult<Self> {
        let locale = s.ctx.locale;
        let (types, fields) = tokio::try_join!(
            async {
                Ok::<_, crate::AppError>(
                    atbalsts_store::workflows::ticket_types_of(&s.state.db, s.ticket.desk_id)
                        .await?,
                )
            },
            crate::ticket_answers::answers_of(s.state, s.ticket, locale),
        )?;
        Ok(Self {
            status_label: names.get(s.ticket.workflow_id, &s.ticket.status),
            ticket_type: types
                .into_iter()
                .find(|t| t.id == s.ticket.ticket_type_id)
                .map(|t| t.labels.get(locale).to_owned())
                .unwrap_or_default(),
            fields,
        })
    }
}
