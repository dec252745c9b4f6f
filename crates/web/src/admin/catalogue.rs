//! The catalogue overview: groups and request types in order, with
//! adding, reordering, export and import.

use super::{admin_desk, labels};
use crate::forms::field;
use crate::uploads;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::{FieldErrors, Labels};
use atbalsts_store::catalogue::{self, Movable};
use atbalsts_store::desks::{self, Desk};
use atbalsts_store::workflows;
use axum::extract::{Multipart, Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE, LOCATION};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use minijinja::context;
use serde::Serialize;

#[derive(Serialize)]
struct Choice {
    id: i64,
    label: String,
}

/// What the overview page shows, with an optional message.
pub(crate) async fn show(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    status: StatusCode,
    errors: FieldErrors,
    notice: Option<String>,
) -> AppResult<Response> {
    let groups = catalogue::groups_of(&state.db, desk.id).await?;
    let types = catalogue::request_types_of(&state.db, desk.id).await?;
    let ticket_types: Vec<Choice> = workflows::ticket_types_of(&state.db, desk.id)
        .await?
        .into_iter()
        .map(|t| Choice {
            id: t.id,
            label: t.labels.get(ctx.locale).to_owned(),
        })
        .collect();
    let teams: Vec<Choice> = desks::teams_of(&state.db, desk.id)
        .await?
        .into_iter()
        .map(|t| Choice {
            id: t.id,
            label: t.name,
        })
        .collect();
    let groups: Vec<_> = groups
        .iter()
        .map(|g| {
            context! {
                id => g.id,
                code => g.code,
                title => g.labels.get(ctx.locale),
                labels => g.labels,
                types => types.iter().filter(|t| t.group_id == g.id).map(|t| context! {
                    id => t.id,
                    code => t.code,
                    title => t.labels.get(ctx.locale),
                    fields => t.form.len(),
                    open_to_external => t.open_to_external,
                    needs_approval => t.needs_approval,
                }).collect::<Vec<_>>(),
            }
        })
        .collect();
    state.templates.render_status(
        ctx,
        status,
        "admin/catalogue.html",
        context! {
            desk => desk,
            groups => groups,
            ticket_types => ticket_types,
            teams => teams,
            errors => errors,
            notice => notice,
        },
    )
}

/// The overview again, with the problems found (HTTP 422).
async fn refuse(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    errors: FieldErrors,
) -> AppResult<Response> {
    show(
        state,
        ctx,
        desk,
        StatusCode::UNPROCESSABLE_ENTITY,
        errors,
        None,
    )
    .await
}

fn back(desk: &Desk) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(LOCATION, format!("/admin/catalogue/{}", desk.key_prefix))],
    )
        .into_response()
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    show(
        &state,
        &ctx,
        &desk,
        StatusCode::OK,
        FieldErrors::default(),
        None,
    )
    .await
}

/// Keeps the store's field errors for the page; other failures pass on.
async fn or_show(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    result: Result<i64, atbalsts_store::StoreError>,
) -> AppResult<Response> {
    match result.map_err(AppError::from) {
        Ok(_) => Ok(back(desk)),
        Err(AppError::Invalid(errors)) => refuse(state, ctx, desk, errors).await,
        Err(e) => Err(e),
    }
}

pub async fn save_group(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    ctx.check_csrf(field(&pairs, "_csrf"))?;
    let names = labels(&pairs, "group");
    if field(&pairs, "group_lv").is_empty() {
        let mut errors = FieldErrors::default();
        errors.push("group_lv", "error-required");
        return refuse(&state, &ctx, &desk, errors).await;
    }
    let result = catalogue::save_group(
        &state.db,
        desk.id,
        field(&pairs, "code"),
        &names,
        &Labels::default(),
    )
    .await;
    or_show(&state, &ctx, &desk, result).await
}

pub async fn create_type(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    ctx.check_csrf(field(&pairs, "_csrf"))?;
    let settings = match super::request_type_settings(&pairs, field(&pairs, "code")) {
        Ok(s) => s,
        Err(errors) => return refuse(&state, &ctx, &desk, errors).await,
    };
    let result = catalogue::save_request_type(&state.db, desk.id, &settings).await;
    match result {
        Ok(_) => Ok((
            StatusCode::SEE_OTHER,
            [(
                LOCATION,
                format!(
                    "/admin/catalogue/{}/types/{}",
                    desk.key_prefix, settings.code
                ),
            )],
        )
            .into_response()),
        Err(e) => or_show(&state, &ctx, &desk, Err(e)).await,
    }
}

pub async fn move_item(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    ctx.check_csrf(field(&pairs, "_csrf"))?;
    let what = match field(&pairs, "what") {
        "group" => Movable::Group,
        "type" => Movable::RequestType,
        _ => return Err(AppError::BadRequest("error-form-malformed")),
    };
    let id = field(&pairs, "id")
        .parse()
        .map_err(|_| AppError::BadRequest("error-form-malformed"))?;
    let by = if field(&pairs, "by") == "up" { -1 } else { 1 };
    catalogue::move_item(&state.db, desk.id, what, id, by).await?;
    Ok(back(&desk))
}

/// The desk's catalogue as a JSON file, to version it or move it.
pub async fn export(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    let file = catalogue::export(&state.db, desk.id).await?;
    let body =
        serde_json::to_string_pretty(&file).map_err(|e| AppError::Internal(e.to_string()))?;
    let name = format!("{}-catalogue.json", desk.key_prefix.to_lowercase());
    Ok((
        [
            (CONTENT_TYPE, "application/json".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response())
}

/// Replaces the desk's catalogue with a file's; all or nothing.
pub async fn import(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    multipart: Multipart,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    let form = uploads::parse(&state, uploads::Sender::Page(&ctx), multipart, "file").await?;
    let mut errors = form.errors.clone();
    let Some(file) = form.files.first() else {
        if errors.is_empty() {
            errors.push("file", "error-required");
        }
        return refuse(&state, &ctx, &desk, errors).await;
    };
    let bytes = state
        .blobs
        .read(&file.sha256)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let outcome = match catalogue::parse(&bytes) {
        Ok(parsed) => catalogue::import(&state.db, desk.id, &parsed).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(count) => {
            tracing::info!(desk = %desk.key_prefix, count, "catalogue imported");
            let notice = state.i18n.t_args(
                ctx.locale,
                "catalogue-imported",
                &[("count", atbalsts_i18n::Arg::Num(count as f64))],
            );
            show(
                &state,
                &ctx,
                &desk,
                StatusCode::OK,
                FieldErrors::default(),
                Some(notice),
            )
            .await
        }
        Err(e) => {
            tracing::info!(desk = %desk.key_prefix, error = %e, "catalogue import refused");
            let message = state.i18n.t_args(
                ctx.locale,
                e.key,
                &[("detail", atbalsts_i18n::Arg::Str(e.detail.clone()))],
            );
            let mut errors = FieldErrors::default();
            errors.push("file", "error-catalogue-refused");
            show(
                &state,
                &ctx,
                &desk,
                StatusCode::UNPROCESSABLE_ENTITY,
                errors,
                Some(message),
            )
            .await
        }
    }
}
