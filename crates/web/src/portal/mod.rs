//! The customer portal: request type groups, request types and their
//! forms, open to everyone; submission with or without an account.

pub mod form;
pub mod home;

use crate::desks::may_file;
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::Locale;
use atbalsts_store::catalogue::{self, Group, RequestType};
use atbalsts_store::desks::Desk;
use serde::Serialize;

/// A request type as the portal lists it.
#[derive(Serialize)]
pub(crate) struct TypeLink {
    pub code: String,
    pub title: String,
    pub description: String,
    pub href: String,
}

#[derive(Serialize)]
pub(crate) struct GroupView {
    pub code: String,
    pub title: String,
    pub description: String,
    pub href: String,
    pub types: Vec<TypeLink>,
}

pub(crate) fn type_link(desk: &Desk, rt: &RequestType, locale: Locale) -> TypeLink {
    TypeLink {
        code: rt.code.clone(),
        title: rt.labels.get(locale).to_owned(),
        description: rt.descriptions.get(locale).to_owned(),
        href: format!("/portal/{}/{}", desk.key_prefix, rt.code),
    }
}

/// The desk's groups with the request types this visitor may file.
pub(crate) async fn catalogue_for(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
) -> AppResult<Vec<GroupView>> {
    let groups: Vec<Group> = catalogue::groups_of(&state.db, desk.id).await?;
    let types = catalogue::request_types_of(&state.db, desk.id).await?;
    Ok(groups
        .into_iter()
        .map(|g| GroupView {
            href: format!("/portal/{}/groups/{}", desk.key_prefix, g.code),
            title: g.labels.get(ctx.locale).to_owned(),
            description: g.descriptions.get(ctx.locale).to_owned(),
            types: types
                .iter()
                .filter(|rt| rt.group_id == g.id && may_file(ctx, rt))
                .map(|rt| type_link(desk, rt, ctx.locale))
                .collect(),
            code: g.code,
        })
        .filter(|g| !g.types.is_empty())
        .collect())
}

/// The portal's pages: home, request type groups, forms and their confirmation.
pub fn routes() -> axum::Router<crate::AppState> {
    use axum::routing::get;
    axum::Router::new()
        .route("/", get(home::page))
        .route("/portal/{desk}/groups/{group}", get(home::group))
        .route(
            "/portal/{desk}/{request_type}",
            get(form::page).post(form::submit),
        )
        .route("/portal/{desk}/sent/{key}", get(form::sent))
        .route("/accessibility", get(home::accessibility))
}
