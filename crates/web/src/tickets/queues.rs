//! Saving the staff list's current filter as a named queue (one's own, or
//! shared with a desk's staff) and removing one's own.

use crate::forms::{HtmlForm, WithCsrf};
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::ticket_list::input::{QueueChange, SavedQueueForm};
use atbalsts_store::queues;
use axum::extract::State;
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    HtmlForm(posted): HtmlForm<WithCsrf<SavedQueueForm>>,
) -> AppResult<Response> {
    ctx.check_csrf(&posted.csrf)?;
    let viewer = ctx.viewer()?;
    if !viewer.is_staff_anywhere() {
        return Err(AppError::NotFound);
    }
    let to = match QueueChange::parse(&posted.form)? {
        QueueChange::Delete(id) => {
            queues::delete(&state.db, viewer, id).await?;
            "/tickets".to_owned()
        }
        QueueChange::Save {
            name,
            query,
            shared_on,
        } => {
            queues::save(&state.db, viewer, &name, &query, shared_on).await?;
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
