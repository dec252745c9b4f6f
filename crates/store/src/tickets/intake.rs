//! What `atbalsts_domain::intake::check` needs from the database, and the
//! ticket its answer becomes: every way in loads its rules here.

use super::NewTicket;
use crate::catalogue::{self, RequestType};
use crate::{custom_fields, institutions, Db, Result};
use atbalsts_domain::form::Institutions;
use atbalsts_domain::intake::{form_for, CheckedTicket, DeskField, Rules};
use atbalsts_domain::{Channel, Locale};

/// The rules of filing on `desk_id`: with a request type its form (as a
/// person signed in or not sees it), without one the desk's fields with
/// the form kinds its request types give them.
pub async fn rules(
    db: &Db,
    desk_id: i64,
    request_type: Option<&RequestType>,
    signed_in: bool,
    channel: Channel,
) -> Result<Rules> {
    let types = catalogue::request_types_of(db, desk_id).await?;
    let desk_fields = custom_fields::of_desk(db, desk_id)
        .await?
        .into_iter()
        .map(|f| DeskField {
            inputs: types
                .iter()
                .flat_map(|rt| &rt.form)
                .filter(|ff| ff.code == f.code && ff.input.stores_value())
                .map(|ff| ff.input.clone())
                .collect(),
            code: f.code,
            kind: f.kind,
        })
        .collect();
    let institutions = Institutions(
        institutions::directory(db)
            .await?
            .iter()
            .map(|(i, subs)| (i.id, subs.iter().map(|s| s.id).collect()))
            .collect(),
    );
    Ok(Rules {
        form: request_type.map(|rt| form_for(&rt.form, signed_in, rt.open_to_external)),
        title: request_type.map(|rt| rt.labels.get(Locale::Lv).to_owned()),
        open_to_external: request_type.is_some_and(|rt| rt.open_to_external),
        needs_approval: request_type.is_some_and(|rt| rt.needs_approval),
        desk_fields,
        institutions,
        channel,
    })
}

/// The ticket a checked request becomes, for `requester_id` (the caller,
/// or the contact it names); values of codes the desk has no field for
/// (a form's sections and the like) are not kept.
pub async fn new_ticket(
    db: &Db,
    desk_id: i64,
    ticket_type_id: i64,
    request_type_id: Option<i64>,
    checked: &CheckedTicket,
    requester_id: i64,
) -> Result<NewTicket> {
    let fields = custom_fields::of_desk(db, desk_id).await?;
    let mut new = NewTicket::new(
        desk_id,
        ticket_type_id,
        checked.summary.clone(),
        checked.description.clone(),
        requester_id,
        checked.channel,
        checked.priority,
    );
    new.request_type_id = request_type_id;
    new.fields = checked
        .values
        .iter()
        .filter_map(|(code, v)| Some((fields.iter().find(|f| &f.code == code)?.id, v.clone())))
        .collect();
    if let Some((institution, sub_unit)) = checked.institution {
        new.institution_id = Some(institution);
        new.sub_unit_id = sub_unit;
    }
    new.institution_confirmed = checked.institution_confirmed;
    new.filed_without_sign_in = checked.filed_without_sign_in;
    Ok(new)
}
