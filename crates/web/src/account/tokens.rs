use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::FieldErrors;
use atbalsts_store::{api_tokens, StoreError};
use axum::extract::{Path, State};
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use minijinja::context;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    name: String,
}

async fn show(
    state: &AppState,
    ctx: &Ctx,
    status: StatusCode,
    new_token: Option<String>,
    errors: FieldErrors,
) -> AppResult<Response> {
    let viewer = ctx.viewer()?;
    let tokens = api_tokens::list(&state.db, viewer.user_id).await?;
    state.templates.render_status(
        ctx,
        status,
        "account/tokens.html",
        context! { tokens => tokens, new_token => new_token, errors => errors },
    )
}

pub async fn page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    show(&state, &ctx, StatusCode::OK, None, FieldErrors::default()).await
}

/// Creates a token and shows it once.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<TokenForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&form.csrf)?;
    let viewer = ctx.viewer()?;
    match api_tokens::create(&state.db, viewer.user_id, &form.name).await {
        Ok((_, token)) => {
            show(
                &state,
                &ctx,
                StatusCode::OK,
                Some(token),
                FieldErrors::default(),
            )
            .await
        }
        Err(StoreError::Invalid(errors)) => {
            show(&state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, None, errors).await
        }
        Err(e) => Err(AppError::from(e)),
    }
}

pub async fn revoke(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<TokenForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&form.csrf)?;
    api_tokens::revoke(&state.db, ctx.viewer()?.user_id, id).await?;
    state.api_callers.clear();
    Ok((StatusCode::SEE_OTHER, [(LOCATION, "/account/tokens")]).into_response())
}
