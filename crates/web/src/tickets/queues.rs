//! Saving the staff list's current filter as a named queue (one's own, or
//! shared with a desk's staff) and removing one's own.

use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_store::queues;
use axum::extract::State;
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let field = |name: &str| crate::forms::field(&pairs, name);
    ctx.check_csrf(field("_csrf"))?;
    let viewer = ctx.viewer()?;
    if !viewer.is_staff_anywhere() {
        return Err(AppError::NotFound);
    }
    // The query string of the list, without its page position.
    let query: String = field("query")
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("after=") && !p.starts_with("_csrf="))
        .collect::<Vec<_>>()
        .join("&");
    let to = match field("action") {
        "delete" => {
            let id = field("id").parse().map_err(|_| AppError::NotFound)?;
            queues::delete(&state.db, viewer, id).await?;
            "/tickets".to_owned()
        }
        _ => {
            let shared_on = field("share_desk").parse::<i64>().ok();
            queues::save(&state.db, viewer, field("queue_name"), &query, shared_on).await?;
            tracing::info!(
                user = viewer.user_id,
                shared = shared_on.is_some(),
                "queue saved"
            );
            format!("/tickets?{query}")
        }
    };
    Ok((StatusCode::SEE_OTHER, [(LOCATION, to)]).into_response())
}
