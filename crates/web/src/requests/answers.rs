//! The answers a customer gave on the request type's form, in its order.

use crate::{AppResult, AppState};
use atbalsts_domain::Locale;
use atbalsts_store::tickets::Ticket;
use minijinja::{context, Value};

pub(super) async fn of(state: &AppState, ticket: &Ticket, locale: Locale) -> AppResult<Vec<Value>> {
    let Some(rt) = ticket.request_type_id else {
        return Ok(Vec::new());
    };
    let Some(rt) = atbalsts_store::catalogue::request_type_by_id(&state.db, rt).await? else {
        return Ok(Vec::new());
    };
    let values = atbalsts_store::custom_fields::values_of(&state.db, ticket.id).await?;
    let other = state.i18n.t(locale, "form-other-choice");
    Ok(rt
        .form
        .iter()
        .filter_map(|f| {
            crate::portal::fields::display_answer(f, &values, locale, &other)
                .map(|value| context! { label => f.labels.get(locale).to_owned(), value => value })
        })
        .collect())
}
