//! A desk's portal catalogue as one JSON document: `GET` exports it, `PUT`
//! imports it (all or nothing). For desk administrators; 404 for others.

use super::auth::ApiCaller;
use crate::{AppError, AppResult, AppState};
use atbalsts_domain::{Locale, Role, Viewer};
use atbalsts_store::catalogue;
use atbalsts_store::desks::Desk;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

async fn admin_desk(state: &AppState, viewer: &Viewer, prefix: &str) -> AppResult<Desk> {
    let desk = crate::desks::desk(state, prefix).await?;
    if viewer.is_system_admin || viewer.has_role(desk.id, Role::DeskAdmin) {
        Ok(desk)
    } else {
        Err(AppError::NotFound)
    }
}

pub(super) async fn export(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    Path(prefix): Path<String>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &viewer, &prefix).await?;
    Ok(Json(catalogue::export(&state.db, desk.id).await?).into_response())
}

pub(super) async fn import(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    Path(prefix): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &viewer, &prefix).await?;
    let outcome = match catalogue::parse(&body) {
        Ok(file) => catalogue::import(&state.db, desk.id, &file).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(count) => Ok(Json(json!({ "request_types": count })).into_response()),
        Err(e) => {
            tracing::info!(desk = %desk.key_prefix, error = %e, "catalogue import refused");
            // As every API error: the caller's language, English by default.
            let locale = headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .map(Locale::from_accept_language)
                .unwrap_or(Locale::En);
            let message = state.i18n.t_args(
                locale,
                e.key,
                &[("detail", atbalsts_i18n::Arg::Str(e.detail.clone()))],
            );
            let body = json!({ "error": { "code": e.key, "message": message, "fields": [] } });
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response())
        }
    }
}
