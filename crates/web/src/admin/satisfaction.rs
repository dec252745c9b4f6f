//! The desk's satisfaction survey settings (issue 18): on or off, the
//! question in Latvian and English (empty: the default wording), and which
//! request types ask (none ticked: all).

use super::admin_desk;
use crate::forms::{HtmlForm, WithCsrf};
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::satisfaction::{SettingsForm, SettingsInput};
use atbalsts_domain::{FieldError, Locale};
use atbalsts_store::desks::Desk;
use atbalsts_store::satisfaction;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use minijinja::context;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct PageQuery {
    #[serde(default)]
    saved: String,
}

async fn show(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    status: StatusCode,
    form: &SettingsForm,
    errors: Vec<FieldError>,
    saved: bool,
) -> AppResult<Response> {
    let types = atbalsts_store::catalogue::request_types_of(&state.db, desk.id).await?;
    let types: Vec<_> = types
        .iter()
        .map(|t| {
            let id = t.id.to_string();
            context! {
                id => id,
                label => t.labels.get(ctx.locale),
                checked => form.request_types.contains(&id),
            }
        })
        .collect();
    state.templates.render_status(
        ctx,
        status,
        "admin/satisfaction.html",
        context! {
            desk => desk,
            form => context! {
                enabled => form.enabled == "on",
                question_lv => form.question_lv,
                question_en => form.question_en,
            },
            default_lv => state.i18n.t(Locale::Lv, "csat-question"),
            default_en => state.i18n.t(Locale::En, "csat-question"),
            types => types,
            errors => errors,
            saved => saved,
        },
    )
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    let s = satisfaction::settings(&state.db, desk.id).await?;
    let form = SettingsForm {
        enabled: if s.enabled {
            "on".into()
        } else {
            String::new()
        },
        question_lv: s.question_lv,
        question_en: s.question_en,
        request_types: s.request_types.iter().map(|i| i.to_string()).collect(),
    };
    show(
        &state,
        &ctx,
        &desk,
        StatusCode::OK,
        &form,
        Vec::new(),
        q.saved == "1",
    )
    .await
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    HtmlForm(posted): HtmlForm<WithCsrf<SettingsForm>>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    ctx.check_csrf(&posted.csrf)?;
    let refused = |errors: atbalsts_domain::FieldErrors| {
        show(
            &state,
            &ctx,
            &desk,
            StatusCode::UNPROCESSABLE_ENTITY,
            &posted.form,
            errors.0,
            false,
        )
    };
    let input = match SettingsInput::parse(&posted.form) {
        Ok(i) => i,
        Err(errors) => return refused(errors).await,
    };
    match satisfaction::save_settings(&state.db, desk.id, &input).await {
        Ok(()) => Ok(crate::http::see_other(format!(
            "/admin/satisfaction/{}?saved=1",
            desk.key_prefix
        ))),
        Err(atbalsts_store::StoreError::Invalid(errors)) => refused(errors).await,
        Err(e) => Err(AppError::from(e)),
    }
}
