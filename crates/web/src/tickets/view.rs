use super::StatusNames;
use crate::ticket_keys::parse_key;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::{FieldErrors, Locale, Viewer};
use atbalsts_store::tickets::{changes_of, comments_of, status_history_of, ticket_for, Ticket};
use atbalsts_store::workflows;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use minijinja::{context, Value};
use serde::Serialize;

#[derive(Serialize)]
struct Option_ {
    code: String,
    label: String,
}

#[derive(Serialize)]
struct HistoryRow {
    at: i64,
    actor: String,
    field: String,
    /// The field's name in the page's language.
    field_label: String,
    old_value: Option<String>,
    new_value: Option<String>,
}

/// What a re-rendered ticket page keeps from a rejected form.
#[derive(Default, Serialize)]
pub(crate) struct FormEcho {
    pub body: String,
    pub visibility: String,
    pub held_files: Vec<crate::uploads::HeldFile>,
    pub errors: FieldErrors,
    pub notice: Option<&'static str>,
    /// A rejected triage: its errors and the reason typed.
    pub triage_errors: FieldErrors,
    pub priority_reason: String,
    /// A refused participant: the address typed and why.
    pub participant_email: Option<String>,
    pub participant_errors: Vec<atbalsts_domain::FieldError>,
    /// A refused approval decision: the comment typed and why.
    pub approval_comment: String,
    pub approval_errors: Vec<atbalsts_domain::FieldError>,
    /// After a conflict: changes made since the page was opened (ms).
    pub changed_since: Option<i64>,
    /// A refused merge: the target typed and why.
    pub merge_target: String,
    pub merge_errors: Vec<atbalsts_domain::FieldError>,
    /// A refused article link: the number typed and why.
    pub kb_article: String,
    pub kb_errors: Vec<atbalsts_domain::FieldError>,
}

pub(crate) async fn load(state: &AppState, viewer: &Viewer, key: &str) -> AppResult<Ticket> {
    let key = parse_key(key)?;
    ticket_for(&state.db, viewer, &key)
        .await?
        .ok_or(AppError::NotFound)
}

/// Renders the ticket page, optionally with a rejected form's values.
pub(crate) async fn render(
    state: &AppState,
    ctx: &Ctx,
    ticket: &Ticket,
    status: StatusCode,
    echo: FormEcho,
) -> AppResult<Response> {
    let viewer = ctx.viewer()?;
    let staff = viewer.is_staff_on(ticket.desk_id);
    let db = &state.db;
    let desk = ticket.desk_id;
    // What the page shows comes from some thirty independent reads; they
    // run together (each on its own pooled connection) rather than one
    // after another.
    let (
        (workflow, _statuses),
        names,
        comments,
        attachments,
        changes,
        periods,
        ticket_types,
        fields,
        matrix,
        teams,
        agents,
        (categories, root_causes),
        (links, open_incidents),
        macros,
        people,
        approvals,
        may_decide,
        knowledge,
        others,
        email_failing,
    ) = tokio::try_join!(
        async { Ok::<_, AppError>(workflows::workflow(db, ticket.workflow_id).await?) },
        StatusNames::load(db, [ticket.workflow_id], ctx.locale),
        async { Ok(comments_of(db, viewer, ticket).await?) },
        async { Ok(atbalsts_store::tickets::attachments_of(db, viewer, ticket).await?) },
        async { Ok(changes_of(db, ticket.id).await?) },
        async { Ok(status_history_of(db, ticket.id).await?) },
        async { Ok(atbalsts_store::workflows::ticket_types_of(db, desk).await?) },
        field_values(state, ticket, ctx.locale),
        async {
            Ok(match staff {
                true => Some(atbalsts_store::tickets::matrix_of(db, desk).await?),
                false => None,
            })
        },
        async {
            Ok(match staff {
                true => atbalsts_store::desks::teams_of(db, desk).await?,
                false => Vec::new(),
            })
        },
        async {
            Ok(match staff {
                true => atbalsts_store::desks::staff_of(db, desk).await?,
                false => Vec::new(),
            })
        },
        async {
            use atbalsts_store::categories::{of_desk, Kind};
            Ok(match staff {
                true => (
                    of_desk(db, desk, Kind::Category, Some(ticket.ticket_type_id)).await?,
                    of_desk(db, desk, Kind::RootCause, None).await?,
                ),
                false => (Vec::new(), Vec::new()),
            })
        },
        async {
            Ok(match staff {
                true => (
                    atbalsts_store::tickets::links_of(db, ticket.id).await?,
                    super::links::open_incidents(state, ticket).await?.len(),
                ),
                false => (Vec::new(), 0),
            })
        },
        async {
            Ok(match staff {
                true => atbalsts_store::macros::usable(db, viewer, desk).await?,
                false => Vec::new(),
            })
        },
        async { Ok(atbalsts_store::tickets::participants::participants_of(db, ticket.id).await?) },
        async { Ok(atbalsts_store::tickets::approvals::approvals_of(db, ticket.id).await?) },
        async { Ok(atbalsts_store::tickets::approvals::may_decide(db, viewer, ticket).await?) },
        async {
            Ok(match staff {
                true => Some(
                    crate::knowledge::from_ticket::section(state, viewer, ticket, ctx.locale)
                        .await?,
                ),
                false => None,
            })
        },
        // The requester's other open requests, for the agent's context.
        async {
            Ok(match staff {
                true => {
                    let filter = atbalsts_store::tickets::TicketFilter {
                        requester_id: Some(ticket.requester_id),
                        categories: vec![
                            atbalsts_domain::StatusCategory::New,
                            atbalsts_domain::StatusCategory::Open,
                            atbalsts_domain::StatusCategory::Waiting,
                        ],
                        limit: 11,
                        ..Default::default()
                    };
                    atbalsts_store::tickets::list_tickets(db, viewer, &filter)
                        .await?
                        .items
                }
                false => Vec::new(),
            })
        },
        async {
            Ok(match staff {
                true => atbalsts_store::mail::failing(db, &ticket.requester_email).await?,
                false => None,
            })
        },
    )?;
    // Who vouches for the institution, for staff (who may confirm it).
    let institution_claim = match staff {
        true => Some(atbalsts_store::tickets::approvals::institution_claim(db, ticket.id).await?),
        false => None,
    };
    let next: Vec<Option_> = if staff {
        workflow
            .next_statuses(&ticket.status)
            .into_iter()
            .map(|s| Option_ {
                code: s.code.clone(),
                label: names.get(ticket.workflow_id, &s.code),
            })
            .collect()
    } else {
        vec![]
    };
    let comments: Vec<Value> = comments
        .iter()
        .map(|c| {
            let (body, folded) = super::quoted::split(&c.body);
            let html = formatted(c.body_html.as_deref(), &c.attachments);
            context! { body => body, folded => folded, html => html, ..Value::from_serialize(c) }
        })
        .collect();
    let description_html = formatted(ticket.description_html.as_deref(), &attachments);
    let status_name = |code: &str| names.get(ticket.workflow_id, code);
    let value_label = |field: &str, value: Option<String>| {
        value
            .map(|v| crate::history::history_label(&state.i18n, ctx.locale, field, &v, status_name))
    };
    let history: Vec<HistoryRow> = changes
        .into_iter()
        .map(|c| HistoryRow {
            at: c.at,
            actor: c.actor_name,
            field_label: crate::history::field_label(&state.i18n, ctx.locale, &c.field),
            old_value: value_label(&c.field, c.old_value),
            new_value: value_label(&c.field, c.new_value),
            field: c.field,
        })
        .collect();
    let periods: Vec<Value> = periods
        .into_iter()
        .map(|p| {
            context! {
                status => names.get(ticket.workflow_id, &p.status),
                entered_at => p.entered_at,
                left_at => p.left_at,
            }
        })
        .collect();
    let ticket_type = ticket_types
        .into_iter()
        .find(|t| t.id == ticket.ticket_type_id)
        .map(|t| t.labels.get(ctx.locale).to_owned())
        .unwrap_or_default();
    let computed = matrix.and_then(|matrix| {
        let level = |l: &Option<String>| {
            l.as_deref()
                .map(atbalsts_domain::triage::Level::parse)
                .and_then(Result::ok)
        };
        Some(
            matrix
                .priority(level(&ticket.impact)?, level(&ticket.urgency)?)
                .code(),
        )
    });
    // Retired entries are not offered, except the one the ticket has.
    let named = |list: Vec<atbalsts_store::categories::Category>, current: Option<i64>| {
        atbalsts_store::categories::offered(list, current)
            .into_iter()
            .map(|c| context! { id => c.id, label => c.labels.get(ctx.locale).to_owned() })
            .collect::<Vec<_>>()
    };
    let categories = named(categories, ticket.category_id);
    let root_causes = named(root_causes, ticket.root_cause_id);
    let watching = ctx
        .user()
        .is_some_and(|u| people.iter().any(|p| p.user_id == u.id));
    let others: Vec<Value> = others
        .into_iter()
        .filter(|t| t.id != ticket.id)
        .take(10)
        .map(|t| context! { key => t.key, summary => t.summary })
        .collect();
    state.templates.render_status(
        ctx,
        status,
        "tickets/view.html",
        context! {
            email_failing => email_failing,
            knowledge => knowledge,
            people => people,
            macros => macros,
            desk_prefix => ticket.key.rsplit_once('-').map(|(p, _)| p).unwrap_or_default(),
            approvals => approvals,
            may_decide => may_decide,
            institution_claim => institution_claim,
            description_html => description_html,
            watching => watching,
            links => links,
            categories => categories,
            root_causes => root_causes,
            open_incidents => open_incidents,
            link_kinds => atbalsts_domain::link::LinkKind::ALL.iter().map(|k| k.code()).collect::<Vec<_>>(),
            teams => teams,
            agents => agents.iter().map(|(id, name)| context! { id => id, name => name }).collect::<Vec<_>>(),
            levels => atbalsts_domain::triage::Level::ALL.iter().map(|l| l.code()).collect::<Vec<_>>(),
            priorities => atbalsts_domain::Priority::ALL.iter().map(|p| p.code()).collect::<Vec<_>>(),
            computed_priority => computed,
            ticket => ticket,
            ticket_type => ticket_type,
            fields => fields,
            status_label => names.get(ticket.workflow_id, &ticket.status),
            staff => staff,
            next => next,
            comments => comments,
            loose_attachments => attachments.into_iter().filter(|a| a.comment_id.is_none()).collect::<Vec<_>>(),
            seen_at => atbalsts_store::now_ms(),
            others => others,
            recent_changes => echo.changed_since.map(|since| {
                history.iter().filter(|h| h.at > since).collect::<Vec<_>>()
            }),
            history => history,
            periods => periods,
            form => echo,
        },
    )
}

/// The formatted version of a mail as stored: it was cleaned once, when
/// the mail came in (`atbalsts_richtext::clean_mail`), and is not parsed
/// again here; only its inline-image tokens are pointed at the stored
/// attachments they came as.
fn formatted(html: Option<&str>, files: &[atbalsts_store::tickets::Attachment]) -> Option<String> {
    Some(atbalsts_richtext::inline_images(html?, |sha| {
        files
            .iter()
            .find(|a| a.content_id.is_some() && a.sha256 == sha)
            .map(|a| format!("/attachments/{}", a.id))
    }))
}

/// The ticket's answers in the order of its request type's form, then any
/// other custom field values (set through the API), each under its name.
pub(crate) async fn field_values(
    state: &AppState,
    ticket: &Ticket,
    locale: Locale,
) -> AppResult<Vec<Value>> {
    use atbalsts_store::{catalogue, custom_fields};
    let values = custom_fields::values_of(&state.db, ticket.id).await?;
    let mut shown = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    if let Some(rt) = ticket.request_type_id {
        if let Some(rt) = catalogue::request_type_by_id(&state.db, rt).await? {
            let other = state.i18n.t(locale, "form-other-choice");
            for f in &rt.form {
                if let Some(value) =
                    crate::request_fields::display_answer(f, &values, locale, &other)
                {
                    shown.insert(f.code.clone());
                    shown.insert(format!("{}{}", f.code, atbalsts_domain::form::OTHER_SUFFIX));
                    out.push(context! { label => f.labels.get(locale).to_owned(), value => value });
                }
            }
        }
    }
    for f in custom_fields::of_desk(&state.db, ticket.desk_id).await? {
        if let (Some(value), false) = (values.get(&f.code), shown.contains(&f.code)) {
            out.push(context! { label => f.labels.get(locale).to_owned(), value => Value::from_serialize(value) });
        }
    }
    Ok(out)
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    Query(q): Query<std::collections::HashMap<String, String>>,
    axum::Extension(customer): axum::Extension<crate::customer_pages::CustomerPages>,
) -> AppResult<Response> {
    let viewer = ctx.viewer()?;
    let ticket = load(&state, viewer, &key).await?;
    if !viewer.is_staff_on(ticket.desk_id) {
        let done = q.get("done").map(String::as_str).unwrap_or_default();
        return (customer.view)(&state, &ctx, &ticket, done).await;
    }
    render(&state, &ctx, &ticket, StatusCode::OK, FormEcho::default()).await
}
