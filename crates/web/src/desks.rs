//! Desks as every feature reaches them: by their key prefix in the path,
//! or not at all (404); their key prefixes for links; and whether a
//! visitor may file a request type.

use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_store::catalogue::RequestType;
use atbalsts_store::desks::{self, Desk};
use std::collections::HashMap;

/// The desk with key prefix `prefix`; 404 when there is none.
pub(crate) async fn desk(state: &AppState, prefix: &str) -> AppResult<Desk> {
    state
        .desk_by_prefix(prefix)
        .await?
        .ok_or(AppError::NotFound)
}

/// Whether this visitor may file this request type. Anyone may without an
/// account (the form asks for the institution); a signed-in person of no
/// institution only where the type is open to external users.
pub(crate) fn may_file(ctx: &Ctx, rt: &RequestType) -> bool {
    match ctx.viewer() {
        Err(_) => true,
        Ok(v) => rt.open_to_external || v.institution_id.is_some() || v.is_staff_on(rt.desk_id),
    }
}

/// Key prefixes by desk id, for links.
pub(crate) async fn desk_prefixes(state: &AppState) -> AppResult<HashMap<i64, String>> {
    Ok(desks::list_desks(&state.db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.key_prefix))
        .collect())
}
