use super::auth::ApiCaller;
use super::json::ApiJson;
use crate::{AppError, AppResult, AppState};
use atbalsts_domain::form::{self, FormInput, Input};
use atbalsts_domain::intake::TicketRequest;
use atbalsts_domain::{Channel, FieldErrors, Locale, StatusCategory};
use atbalsts_mail::intake::{self, Filer, NewTicket};
use atbalsts_store::catalogue;
use atbalsts_store::tickets::{list_tickets, Cursor, TicketFilter};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
pub(super) struct CreateBody {
    #[serde(default)]
    desk: String,
    /// A ticket type code; optional when `request_type` names one.
    #[serde(default, rename = "type")]
    ticket_type: String,
    /// A request type code of the desk: its form checks `fields`.
    request_type: Option<String>,
    /// Not sent, with a request type: its name.
    summary: Option<String>,
    #[serde(default)]
    description: String,
    requester_email: Option<String>,
    channel: Option<String>,
    priority: Option<String>,
    /// An institution id (and sub-unit id): the caller's own, unless staff.
    institution: Option<Value>,
    sub_unit: Option<Value>,
    /// Answers by field code, as the request type's form (or the desk's
    /// custom fields) name them.
    #[serde(default)]
    fields: serde_json::Map<String, Value>,
}

/// A JSON answer as the form would have sent it: a list gives several
/// values (checkboxes), null none.
fn as_text(v: &Value) -> Vec<String> {
    match v {
        Value::Null => Vec::new(),
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(as_text).collect(),
        other => vec![other.to_string()],
    }
}

/// What the portal fills in from the signed-in account (name, phone,
/// institution) and the caller did not send.
async fn prefill(
    state: &AppState,
    viewer: &atbalsts_domain::Viewer,
    rt: &catalogue::RequestType,
    answers: &mut FormInput,
) -> AppResult<()> {
    let Some(user) = atbalsts_store::users::user_by_id(&state.db, viewer.user_id).await? else {
        return Ok(());
    };
    for f in &rt.form {
        if answers.0.contains_key(&f.code) {
            continue;
        }
        let value = match f.input {
            Input::RequesterName => Some(user.display_name.clone()),
            Input::RequesterPhone => user.phone.clone(),
            Input::Institution => user.institution_id.map(|i| i.to_string()),
            _ => None,
        };
        if let Some(v) = value {
            answers.0.insert(f.code.clone(), vec![v]);
        }
        if let (Input::Institution, Some(_), Some(sub)) =
            (&f.input, user.institution_id, user.sub_unit_id)
        {
            answers.0.insert(
                format!("{}{}", f.code, form::SUB_UNIT_SUFFIX),
                vec![sub.to_string()],
            );
        }
    }
    Ok(())
}

pub(super) async fn create(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ApiJson(body): ApiJson<CreateBody>,
) -> AppResult<(StatusCode, Json<Value>)> {
    let mut errors = FieldErrors::default();
    let desk = state.desk_by_prefix(&body.desk).await?;
    let Some(desk) = desk else {
        errors.push("desk", "error-desk-unknown");
        return Err(AppError::Invalid(errors));
    };
    // A request type the caller may not file is as unknown as a missing one.
    let request_type = match &body.request_type {
        Some(code) => {
            let rt = catalogue::request_type_by_code(&state.db, desk.id, code)
                .await?
                .filter(|rt| {
                    rt.open_to_external
                        || viewer.institution_id.is_some()
                        || viewer.is_staff_on(desk.id)
                });
            if rt.is_none() {
                errors.push("request_type", "error-choice-unknown");
            }
            rt
        }
        None => None,
    };
    let ticket_type = match (&request_type, body.ticket_type.as_str()) {
        (Some(rt), "") => Some(rt.ticket_type_id),
        (_, code) => state.ticket_type(desk.id, code).await?.map(|t| t.id),
    };
    match (ticket_type, &request_type) {
        (Some(tt), Some(rt)) if tt != rt.ticket_type_id => {
            errors.push("type", "error-ticket-type-unknown")
        }
        (None, _) => errors.push("type", "error-ticket-type-unknown"),
        _ => {}
    }
    errors.clone().into_result().map_err(AppError::Invalid)?;
    let ticket_type_id = ticket_type.ok_or(AppError::Invalid(errors))?;

    let mut answers = FormInput::default();
    for (code, raw) in &body.fields {
        answers.0.insert(code.clone(), as_text(raw));
    }
    if let Some(rt) = &request_type {
        prefill(&state, &viewer, rt, &mut answers).await?;
    }
    let request = TicketRequest {
        answers,
        summary: body.summary,
        description: body.description,
        files: 0,
        priority: body.priority,
        channel: body.channel,
        requester_email: body.requester_email,
        institution: body.institution.as_ref().and_then(|v| as_text(v).pop()),
        sub_unit: body.sub_unit.as_ref().and_then(|v| as_text(v).pop()),
    };
    let new = NewTicket {
        desk_id: desk.id,
        ticket_type_id,
        request_type: request_type.as_ref(),
        channel: Channel::Api,
        filer: Filer::Person(&viewer),
        request,
        attachments: Vec::new(),
        locale: Locale::default(),
    };
    let created = intake::file(&state.db, &state.composer, new)
        .await?
        .map_err(AppError::Invalid)?;
    Ok((
        StatusCode::CREATED,
        Json(with_fields(&state, &viewer, &created.key).await?),
    ))
}

pub(super) async fn get(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    Path(key): Path<String>,
) -> AppResult<Json<Value>> {
    let key = crate::ticket_keys::parse_key(&key)?;
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
    let clocks = atbalsts_store::sla::clocks::for_ticket(&state.db, ticket.id).await?;
    let mut v = json!(ticket);
    v["fields"] = json!(fields);
    v["sla"] = sla_json(state, &clocks).await?;
    v["satisfaction"] = super::satisfaction::for_ticket(state, viewer, &ticket).await?;
    Ok(v)
}

/// A ticket's SLA clocks (`[]` without any), see `ClockJson`.
async fn sla_json(
    state: &AppState,
    clocks: &[atbalsts_store::sla::clocks::TicketClock],
) -> AppResult<Value> {
    let now = atbalsts_store::now_ms();
    let mut out = Vec::with_capacity(clocks.len());
    for c in clocks {
        out.push(crate::sla_clocks::ClockJson::of(state, c, now).await?);
    }
    Ok(json!(out))
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
    let ids: Vec<i64> = page.items.iter().map(|t| t.id).collect();
    let clocks = atbalsts_store::sla::due::for_tickets(&state.db, &ids).await?;
    let mut items = Vec::with_capacity(page.items.len());
    for t in &page.items {
        let own: Vec<_> = clocks
            .iter()
            .filter(|c| c.ticket_id == t.id)
            .cloned()
            .collect();
        let mut v = json!(t);
        v["sla"] = sla_json(&state, &own).await?;
        items.push(v);
    }
    Ok(Json(
        json!({ "items": items, "next_cursor": page.next.map(|c| c.encode()) }),
    ))
}
