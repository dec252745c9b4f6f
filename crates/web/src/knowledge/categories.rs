//! A desk's article categories, named in Latvian and English, in the order
//! the help pages show them; for the desk's knowledge editors.

use super::editor_desk;
use crate::forms::{HtmlForm, WithCsrf};
use crate::http::see_other;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::knowledge::{CategoryForm, CategoryInput};
use atbalsts_domain::FieldErrors;
use atbalsts_store::desks::Desk;
use atbalsts_store::knowledge as kb;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use minijinja::context;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct PageQuery {
    /// The category being renamed or moved.
    #[serde(default)]
    edit: Option<i64>,
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    status: StatusCode,
    values: CategoryForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let categories = kb::categories_of(&state.db, desk.id).await?;
    state.templates.render_status(
        ctx,
        status,
        "knowledge/categories.html",
        context! {
            desk => desk,
            editor => true,
            categories => categories,
            v => values,
            errors => errors.0,
        },
    )
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    let desk = editor_desk(&state, &ctx, &prefix).await?;
    let categories = kb::categories_of(&state.db, desk.id).await?;
    let values = match q.edit {
        Some(id) => {
            let c = categories
                .iter()
                .find(|c| c.id == id)
                .ok_or(AppError::NotFound)?;
            CategoryForm {
                id: c.id.to_string(),
                name_lv: c.labels.0.get("lv").cloned().unwrap_or_default(),
                name_en: c.labels.0.get("en").cloned().unwrap_or_default(),
                position: c.position.to_string(),
            }
        }
        None => CategoryForm {
            position: ((categories.len() as i64 + 1) * 10).to_string(),
            ..Default::default()
        },
    };
    render(
        &state,
        &ctx,
        &desk,
        StatusCode::OK,
        values,
        FieldErrors::default(),
    )
    .await
}

/// Creates a category, or renames and moves one (`id` given).
pub async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    HtmlForm(posted): HtmlForm<WithCsrf<CategoryForm>>,
) -> AppResult<Response> {
    ctx.check_csrf(&posted.csrf)?;
    let desk = editor_desk(&state, &ctx, &prefix).await?;
    let viewer = ctx.viewer()?;
    let values = posted.form;
    let input = match CategoryInput::parse(&values) {
        Ok(input) => input,
        Err(errors) => {
            let errors = crate::forms::shown(errors, &["id"])?;
            return render(
                &state,
                &ctx,
                &desk,
                StatusCode::UNPROCESSABLE_ENTITY,
                values,
                errors,
            )
            .await;
        }
    };
    match input.id {
        Some(id) => {
            kb::update_category(
                &state.db,
                viewer,
                desk.id,
                id,
                &input.labels,
                input.position,
            )
            .await?
        }
        None => {
            kb::create_category(&state.db, viewer, desk.id, &input.labels, input.position).await?;
        }
    }
    tracing::info!(desk = %desk.key_prefix, "article category saved");
    Ok(see_other(format!("/kb/{}/categories", desk.key_prefix)))
}
