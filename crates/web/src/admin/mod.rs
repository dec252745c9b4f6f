//! Desk administration in the browser: the portal catalogue (groups,
//! request types, their forms, import and export), confirming the
//! institutions people chose at sign-up, mail, routing, the priority matrix,
//! the classifiers, and service levels (calendars and SLA policies).

pub mod catalogue;
pub mod classifiers;
pub mod form_editor;
pub mod macros;
pub mod mail;
pub mod mail_templates;
pub mod people;
pub mod routing;
pub mod sla;
pub mod triage;

use crate::forms::field;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::Role;
use atbalsts_store::desks::Desk;
use axum::routing::{get, post};
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/catalogue/{desk}", get(catalogue::page))
        .route(
            "/admin/catalogue/{desk}/groups",
            post(catalogue::save_group),
        )
        .route(
            "/admin/catalogue/{desk}/types",
            post(catalogue::create_type),
        )
        .route("/admin/catalogue/{desk}/move", post(catalogue::move_item))
        .route("/admin/catalogue/{desk}/export", get(catalogue::export))
        .route("/admin/catalogue/{desk}/import", post(catalogue::import))
        .route(
            "/admin/catalogue/{desk}/types/{code}",
            get(form_editor::page).post(form_editor::save_settings),
        )
        .route(
            "/admin/catalogue/{desk}/types/{code}/fields",
            post(form_editor::change_field),
        )
        .route(
            "/admin/catalogue/{desk}/types/{code}/retire",
            post(form_editor::retire),
        )
        .route("/admin/people", get(people::page).post(people::decide))
        .route("/macros/{desk}", get(macros::page).post(macros::submit))
        .route(
            "/admin/routing/{desk}",
            get(routing::page).post(routing::submit),
        )
        .route(
            "/admin/triage/{desk}",
            get(triage::page).post(triage::submit),
        )
        .route(
            "/admin/triage/{desk}/classifiers",
            get(classifiers::page).post(classifiers::submit),
        )
        .route("/admin/mail/{desk}", get(mail::page))
        .route("/admin/mail/{desk}/retry", post(mail::retry))
        .route("/admin/mail/{desk}/quarantine/{id}", get(mail::quarantined))
        .route("/admin/mail/{desk}/templates", get(mail_templates::list))
        .route(
            "/admin/mail/{desk}/settings",
            post(mail_templates::save_settings),
        )
        .route(
            "/admin/mail/{desk}/templates/{kind}/{locale}",
            get(mail_templates::page).post(mail_templates::submit),
        )
        .merge(sla::routes())
}

/// The desk, if the person administers it; otherwise 404, as for anything
/// they may not see.
pub(crate) async fn admin_desk(state: &AppState, ctx: &Ctx, prefix: &str) -> AppResult<Desk> {
    let viewer = ctx.viewer()?;
    let desk = crate::desks::desk(state, prefix).await?;
    if viewer.is_system_admin || viewer.has_role(desk.id, Role::DeskAdmin) {
        Ok(desk)
    } else {
        Err(AppError::NotFound)
    }
}

/// Both languages of a label from `{name}_lv` and `{name}_en`.
pub(crate) fn labels(pairs: &[(String, String)], name: &str) -> atbalsts_domain::Labels {
    atbalsts_domain::Labels::new(
        field(pairs, &format!("{name}_lv")),
        field(pairs, &format!("{name}_en")),
    )
}

/// The settings of a request type as posted by the catalogue pages; the
/// code is the new one (creating) or the existing one (editing). Fields the
/// form does not send keep their defaults.
pub(crate) fn request_type_settings(
    pairs: &[(String, String)],
    code: &str,
) -> Result<atbalsts_store::catalogue::RequestTypeSettings, atbalsts_domain::FieldErrors> {
    let mut errors = atbalsts_domain::FieldErrors::default();
    if field(pairs, "title_lv").is_empty() {
        errors.push("title_lv", "error-required");
    }
    let group_id = field(pairs, "group_id").parse::<i64>().ok();
    let ticket_type_id = field(pairs, "ticket_type_id").parse::<i64>().ok();
    let (Some(group_id), Some(ticket_type_id), true) =
        (group_id, ticket_type_id, errors.is_empty())
    else {
        if errors.is_empty() {
            errors.push("ticket_type_id", "error-required");
        }
        return Err(errors);
    };
    Ok(atbalsts_store::catalogue::RequestTypeSettings {
        group_id,
        code: code.to_owned(),
        labels: labels(pairs, "title"),
        descriptions: labels(pairs, "description"),
        ticket_type_id,
        team_id: field(pairs, "team_id").parse().ok(),
        service: field(pairs, "service").to_owned(),
        open_to_external: !field(pairs, "open_to_external").is_empty(),
        needs_approval: !field(pairs, "needs_approval").is_empty(),
        approvers: field(pairs, "approvers").to_owned(),
    })
}
