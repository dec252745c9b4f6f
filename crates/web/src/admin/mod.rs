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
pub mod satisfaction;
pub mod sla;
pub mod triage;

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
        .route(
            "/admin/satisfaction/{desk}",
            get(satisfaction::page).post(satisfaction::submit),
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

/// The store's settings of a request type from its checked input.
pub(crate) fn request_type_settings(
    input: atbalsts_domain::catalogue::input::RequestTypeInput,
) -> atbalsts_store::catalogue::RequestTypeSettings {
    atbalsts_store::catalogue::RequestTypeSettings {
        group_id: input.group_id,
        code: input.code,
        labels: input.labels,
        descriptions: input.descriptions,
        ticket_type_id: input.ticket_type_id,
        team_id: input.team_id,
        service: input.service,
        open_to_external: input.open_to_external,
        needs_approval: input.needs_approval,
        approvers: input.approvers,
    }
}
