use super::auth::ApiCaller;
use super::json::ApiJson;
use crate::{AppError, AppResult, AppState};
use atbalsts_domain::ticket::parse_long_text;
use atbalsts_domain::{Channel, FieldErrors, Priority, StatusCategory, Summary};
use atbalsts_store::tickets::{create_ticket, list_tickets, Cursor, NewTicket, TicketFilter};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
pub(super) struct CreateBody {
    #[serde(default)]
    desk: String,
    #[serde(default, rename = "type")]
    ticket_type: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    description: String,
    requester_email: Option<String>,
    channel: Option<String>,
    priority: Option<String>,
    /// Custom field values by field code.
    #[serde(default)]
    fields: serde_json::Map<String, Value>,
}

pub(super) async fn create(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ApiJson(body): ApiJson<CreateBody>,
) -> AppResult<(StatusCode, Json<Value>)> {
    let mut errors = FieldErrors::default();
    let desk = state.desk_by_prefix(&body.desk).await?;
    if desk.is_none() {
        errors.push("desk", "error-desk-unknown");
    }
    let ticket_type = match &desk {
        Some(d) => state.ticket_type(d.id, &body.ticket_type).await?,
        None => None,
    };
    if desk.is_some() && ticket_type.is_none() {
        errors.push("type", "error-ticket-type-unknown");
    }
    let summary = errors.check(Summary::parse(&body.summary), "summary");
    let description = errors.check(parse_long_text(&body.description, false), "description");
    let channel = errors.check(
        Channel::parse(body.channel.as_deref().unwrap_or("api")),
        "channel",
    );
    let priority = errors.check(
        Priority::parse(body.priority.as_deref().unwrap_or("medium")),
        "priority",
    );
    let mut requester_id = Some(viewer.user_id);
    if let Some(raw) = body.requester_email.as_deref() {
        requester_id =
            crate::tickets::requester_by_email(&state.db, raw, "requester_email", &mut errors)
                .await?;
    }
    let mut field_values = Vec::new();
    if let Some(d) = desk.as_ref().filter(|_| !body.fields.is_empty()) {
        let defined = atbalsts_store::custom_fields::of_desk(&state.db, d.id).await?;
        for (code, raw) in &body.fields {
            let name = format!("fields.{code}");
            match defined.iter().find(|f| &f.code == code) {
                None => errors.push(name, "error-field-unknown"),
                Some(f) => {
                    if let Some(v) = errors.check(f.kind.parse_value(raw), &name) {
                        field_values.push((f.id, v));
                    }
                }
            }
        }
    }
    errors.clone().into_result().map_err(AppError::Invalid)?;
    let (
        Some(desk),
        Some(tt),
        Some(summary),
        Some(description),
        Some(channel),
        Some(priority),
        Some(requester_id),
    ) = (
        desk,
        ticket_type,
        summary,
        description,
        channel,
        priority,
        requester_id,
    )
    else {
        return Err(AppError::Invalid(errors));
    };
    let mut new = NewTicket::new(
        desk.id,
        tt.id,
        summary,
        description,
        requester_id,
        channel,
        priority,
    );
    new.fields = field_values;
    let key = create_ticket(&state.db, &viewer, &new).await?;
    Ok((
        StatusCode::CREATED,
        Json(with_fields(&state, &viewer, &key).await?),
    ))
}

pub(super) async fn get(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    Path(key): Path<String>,
) -> AppResult<Json<Value>> {
    let key = crate::tickets::parse_key(&key)?;
    Ok(Json(with_fields(&state, &viewer, &key).await?))
}

/// The ticket as JSON with its custom field values under `fields`.
async fn with_fields(
    state: &AppState,
    viewer: &atbalsts_domain::Viewer,
    key: &atbalsts_domain::TicketKey,
) -> AppResult<Value> {
    let (ticket, fields) = atbalsts_store::tickets::ticket_with_fields_for(&state.db, viewer, key)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut v = json!(ticket);
    v["fields"] = json!(fields);
    Ok(v)
}

#[derive(Deserialize, Default)]
pub(super) struct ListQuery {
    desk: Option<String>,
    status: Option<String>,
    /// open | done | all
    state: Option<String>,
    q: Option<String>,
    cursor: Option<String>,
    limit: Option<i64>,
}

pub(super) async fn list(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    Query(q): Query<ListQuery>,
) -> AppResult<Json<Value>> {
    let desk_id = match &q.desk {
        Some(prefix) => Some(
            state
                .desk_by_prefix(prefix)
                .await?
                .ok_or(AppError::NotFound)?
                .id,
        ),
        None => None,
    };
    let categories = match q.state.as_deref() {
        Some("open") => vec![
            StatusCategory::New,
            StatusCategory::Open,
            StatusCategory::Waiting,
        ],
        Some("done") => vec![StatusCategory::Resolved, StatusCategory::Closed],
        Some("all") | None => vec![],
        Some(_) => {
            return Err(AppError::Invalid(
                atbalsts_domain::FieldError::new("state", "error-invalid").into(),
            ))
        }
    };
    let after = match q.cursor.as_deref() {
        Some(c) => Some(Cursor::decode(c).ok_or(AppError::Invalid(
            atbalsts_domain::FieldError::new("cursor", "error-invalid").into(),
        ))?),
        None => None,
    };
    let filter = TicketFilter {
        desk_id,
        status: q.status,
        categories,
        text: q.q,
        after,
        limit: q.limit.unwrap_or(50),
        ..Default::default()
    };
    let page = list_tickets(&state.db, &viewer, &filter).await?;
    Ok(Json(
        json!({ "items": page.items, "next_cursor": page.next.map(|c| c.encode()) }),
    ))
}
