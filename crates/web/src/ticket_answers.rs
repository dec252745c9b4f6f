//! The answers a ticket holds, as both its pages show them (the agent's
//! details panel, the customer's request page, an approver's page): those
//! given on the request type's form, in its order, then the desk's other
//! custom fields the ticket has a value for (set through the API, e.g. an
//! inventory number), each under its name.

use crate::{AppResult, AppState};
use atbalsts_domain::Locale;
use atbalsts_store::tickets::Ticket;
use atbalsts_store::{catalogue, custom_fields};
use minijinja::{context, Value};
use std::collections::BTreeSet;

pub(crate) async fn answers_of(
    state: &AppState,
    ticket: &Ticket,
    locale: Locale,
) -> AppResult<Vec<Value>> {
    let values = custom_fields::values_of(&state.db, ticket.id).await?;
    let mut shown = BTreeSet::new();
    let mut out = Vec::new();
    let request_type = match ticket.request_type_id {
        Some(id) => catalogue::request_type_by_id(&state.db, id).await?,
        None => None,
    };
    if let Some(rt) = request_type {
        let other = state.i18n.t(locale, "form-other-choice");
        for f in &rt.form {
            if let Some(value) = crate::request_fields::display_answer(f, &values, locale, &other) {
                shown.insert(f.code.clone());
                shown.insert(format!("{}{}", f.code, atbalsts_domain::form::OTHER_SUFFIX));
                out.push(context! { label => f.labels.get(locale).to_owned(), value => value });
            }
        }
    }
    for f in custom_fields::of_desk(&state.db, ticket.desk_id).await? {
        if let (Some(value), false) = (values.get(&f.code), shown.contains(&f.code)) {
            out.push(context! { label => f.labels.get(locale).to_owned(), value => Value::from_serialize(value) });
        }
    }
    Ok(out)
}
