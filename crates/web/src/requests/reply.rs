//! A customer's reply, with files; a rejected one comes back on the request
//! page with the text and the files kept (`crate::replies`, shared with
//! the older comments route of the ticket pages).

use crate::replies::{self, Reply};
use crate::ticket_keys::OnTicket;
use crate::{AppResult, AppState, Ctx};
use axum::extract::{Multipart, Path, State};
use axum::response::Response;

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    multipart: Multipart,
) -> AppResult<Response> {
    let OnTicket { viewer, ticket } = OnTicket::read(&state, &ctx, &key).await?;
    let reply = Reply::read(&state, &ctx, multipart).await?;
    replies::from_customer(
        &state,
        &ctx,
        viewer,
        &ticket,
        reply,
        super::customer_pages(),
    )
    .await
}
