use super::{catalogue_for, GroupView};
use crate::desks::desk;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_store::desks;
use axum::extract::{Path, State};
use axum::response::Response;
use minijinja::context;
use serde::Serialize;

#[derive(Serialize)]
struct DeskPortal {
    prefix: String,
    name: String,
    groups: Vec<GroupView>,
}

/// The portal home: every desk's groups with the titles of their request types.
pub async fn page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let mut portals = Vec::new();
    for d in desks::list_desks(&state.db).await? {
        let groups = catalogue_for(&state, &ctx, &d).await?;
        if !groups.is_empty() {
            portals.push(DeskPortal {
                prefix: d.key_prefix,
                name: d.name,
                groups,
            });
        }
    }
    state
        .templates
        .render(&ctx, "portal/home.html", context! { portals => portals })
}

/// One group: its request types with their short descriptions.
pub async fn group(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, code)): Path<(String, String)>,
) -> AppResult<Response> {
    let desk = desk(&state, &prefix).await?;
    let group = catalogue_for(&state, &ctx, &desk)
        .await?
        .into_iter()
        .find(|g| g.code == code)
        .ok_or(AppError::NotFound)?;
    state.templates.render(
        &ctx,
        "portal/group.html",
        context! { desk => desk, group => group },
    )
}

/// The accessibility statement.
pub async fn accessibility(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    state
        .templates
        .render(&ctx, "portal/accessibility.html", context! {})
}
