//! A desk's article categories, named in Latvian and English, in the order
//! the help pages show them; for the desk's knowledge editors.

use super::editor_desk;
use crate::forms::field;
use crate::http::see_other;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::{FieldErrors, Labels};
use atbalsts_store::desks::Desk;
use atbalsts_store::knowledge as kb;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use minijinja::context;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Default)]
pub struct PageQuery {
    /// The category being renamed or moved.
    #[serde(default)]
    edit: Option<i64>,
}

/// The category form as typed.
#[derive(Default, Serialize)]
struct Values {
    id: String,
    name_lv: String,
    name_en: String,
    position: String,
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    status: StatusCode,
    values: Values,
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
            Values {
                id: c.id.to_string(),
                name_lv: c.labels.0.get("lv").cloned().unwrap_or_default(),
                name_en: c.labels.0.get("en").cloned().unwrap_or_default(),
                position: c.position.to_string(),
            }
        }
        None => Values {
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
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    ctx.check_csrf(field(&pairs, "_csrf"))?;
    let desk = editor_desk(&state, &ctx, &prefix).await?;
    let viewer = ctx.viewer()?;
    let values = Values {
        id: field(&pairs, "id").to_owned(),
        name_lv: field(&pairs, "name_lv").to_owned(),
        name_en: field(&pairs, "name_en").to_owned(),
        position: field(&pairs, "position").to_owned(),
    };
    let mut errors = FieldErrors::default();
    if values.name_lv.is_empty() {
        errors.push("name_lv", "error-required");
    }
    for (name, value) in [("name_lv", &values.name_lv), ("name_en", &values.name_en)] {
        if value.chars().count() > 255 {
            errors.push(name, "error-too-long");
        }
    }
    let position = if values.position.is_empty() {
        Some(0)
    } else {
        errors.check(
            values
                .position
                .parse::<i64>()
                .map_err(|_| "error-integer-format"),
            "position",
        )
    };
    if !errors.is_empty() {
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
    let mut labels = Labels::default();
    for (code, name) in [("lv", &values.name_lv), ("en", &values.name_en)] {
        if !name.is_empty() {
            labels.0.insert(code.to_owned(), name.clone());
        }
    }
    let position = position.unwrap_or(0);
    match values.id.parse::<i64>() {
        Ok(id) => kb::update_category(&state.db, viewer, desk.id, id, &labels, position).await?,
        Err(_) => {
            kb::create_category(&state.db, viewer, desk.id, &labels, position).await?;
        }
    }
    tracing::info!(desk = %desk.key_prefix, "article category saved");
    Ok(see_other(format!("/kb/{}/categories", desk.key_prefix)))
}
