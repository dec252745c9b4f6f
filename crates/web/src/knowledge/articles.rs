//! The staff's list of a desk's articles (filters, keyset paging), one
//! article with its workflow buttons, files and tickets, and moving it
//! through the workflow.

use super::{article_on, may_edit, row, staff_desk, KbDesk, Row};
use crate::http::see_other;
use crate::titles::title_in;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::knowledge::{is_editor, ArticleStatus};
use atbalsts_domain::{FieldError, Viewer};
use atbalsts_store::knowledge::{self as kb, Article, ArticleFilter, Cursor};
use atbalsts_store::{desks, institutions};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use minijinja::context;
use serde::{Deserialize, Serialize};

const PAGE_SIZE: i64 = 25;

/// `/kb`: the desks the person works on; straight to the desk when one.
pub async fn desks(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let viewer = ctx.viewer()?;
    let mine: Vec<_> = desks::list_desks(&state.db)
        .await?
        .into_iter()
        .filter(|d| viewer.is_staff_on(d.id))
        .collect();
    match mine.as_slice() {
        [] => Err(AppError::NotFound),
        [only] => Ok(see_other(format!("/kb/{}", only.key_prefix))),
        _ => state
            .templates
            .render(&ctx, "knowledge/desks.html", context! { desks => mine }),
    }
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    tag: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    after: String,
}

impl ListQuery {
    /// The filters as a query string, for the next page's link.
    fn query_string(&self) -> String {
        [
            ("status", &self.status),
            ("category", &self.category),
            ("tag", &self.tag),
            ("owner", &self.owner),
        ]
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", crate::context::urlencode(v.trim())))
        .collect::<Vec<_>>()
        .join("&")
    }
}

/// The desk's articles the person may read, most recently changed first.
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let KbDesk { desk, editor } = staff_desk(&state, &ctx, &prefix).await?;
    let viewer = ctx.viewer()?;
    let filter = ArticleFilter {
        desk_id: Some(desk.id),
        status: ArticleStatus::parse(&q.status),
        category_id: q.category.parse().ok(),
        tag: Some(q.tag.clone()).filter(|t| !t.trim().is_empty()),
        owner_id: q.owner.parse().ok(),
        after: Cursor::decode(&q.after),
        limit: PAGE_SIZE,
        ..Default::default()
    };
    let page = kb::list(&state.db, Some(viewer), &filter).await?;
    let rows: Vec<Row> = page
        .items
        .iter()
        .map(|a| row(&desk, a, ctx.locale))
        .collect();
    let filters = q.query_string();
    let next = page.next.map(|c| {
        let sep = if filters.is_empty() { "" } else { "&" };
        format!("/kb/{}?{filters}{sep}after={}", desk.key_prefix, c.encode())
    });
    let categories = category_options(&state, desk.id, ctx.locale).await?;
    let owners = desks::staff_of(&state.db, desk.id).await?;
    state.templates.render(
        &ctx,
        "knowledge/list.html",
        context! {
            desk => desk,
            editor => editor,
            rows => rows,
            next => next,
            first_page => (!q.after.is_empty()).then(|| format!("/kb/{}?{filters}", desk.key_prefix)),
            statuses => ArticleStatus::ALL,
            categories => categories,
            owners => owners.iter().map(|(id, name)| context! { id => id, name => name }).collect::<Vec<_>>(),
            q => context! { status => q.status, category => q.category, tag => q.tag, owner => q.owner },
        },
    )
}

/// The desk's categories as (id, name in `locale`).
pub(crate) async fn category_options(
    state: &AppState,
    desk_id: i64,
    locale: atbalsts_domain::Locale,
) -> AppResult<Vec<minijinja::Value>> {
    Ok(kb::categories_of(&state.db, desk_id)
        .await?
        .iter()
        .map(|c| context! { id => c.id.to_string(), name => c.labels.get(locale) })
        .collect())
}

/// What a refused action on the article page brings back.
#[derive(Default, Serialize)]
pub(crate) struct PageEcho {
    pub notice: Option<&'static str>,
    pub file_errors: Vec<FieldError>,
}

#[derive(Serialize)]
struct Move {
    to: ArticleStatus,
    label: String,
}

/// The moves this person may make from the article's status: editors
/// every one the workflow allows; the owner of a draft, submitting it.
fn moves(viewer: &Viewer, a: &Article) -> Vec<Move> {
    let s = &a.summary;
    let editor = is_editor(viewer, s.desk_id);
    let owner_drafting = s.status == ArticleStatus::Draft && s.owner_id == viewer.user_id;
    s.status
        .next()
        .iter()
        .filter(|to| editor || (owner_drafting && **to == ArticleStatus::Review))
        .map(|to| Move {
            to: *to,
            label: format!("kb-move-{}-{}", s.status.code(), to.code()),
        })
        .collect()
}

/// The article page for staff.
pub(crate) async fn render(
    state: &AppState,
    ctx: &Ctx,
    kd: &KbDesk,
    a: &Article,
    status: StatusCode,
    echo: PageEcho,
) -> AppResult<Response> {
    let viewer = ctx.viewer()?;
    let s = &a.summary;
    let texts: Vec<_> = a
        .texts
        .iter()
        .map(|t| {
            context! {
                lang => t.locale.code(),
                title => t.title,
                html => atbalsts_richtext::markdown(&t.body_md),
            }
        })
        .collect();
    let files: Vec<_> = kb::files_of(&state.db, Some(viewer), s.id)
        .await?
        .into_iter()
        .map(|f| {
            let image = f.content_type.starts_with("image/");
            context! {
                snippet => image.then(|| format!("![{}](/kb/files/{})", f.filename.replace([']', '['], ""), f.id)),
                image => image,
                ..minijinja::Value::from_serialize(&f)
            }
        })
        .collect();
    let tickets = kb::tickets_of_article(&state.db, viewer, s.id).await?;
    let history = kb::status_history(&state.db, viewer, s.id).await?;
    let category = match s.category_id {
        Some(id) => kb::categories_of(&state.db, s.desk_id)
            .await?
            .into_iter()
            .find(|c| c.id == id)
            .map(|c| c.labels.get(ctx.locale).to_owned()),
        None => None,
    };
    let institution = match s.institution_id {
        Some(id) => institutions::institution_by_id(&state.db, id)
            .await?
            .map(|i| i.name),
        None => None,
    };
    let source_ticket = match s.source_ticket_id {
        Some(id) => atbalsts_store::tickets::ticket_by_id(&state.db, id)
            .await?
            .map(|t| t.key),
        None => None,
    };
    let now = atbalsts_store::now_ms();
    state.templates.render_status(
        ctx,
        status,
        "knowledge/article.html",
        context! {
            desk => kd.desk,
            editor => kd.editor,
            a => s,
            title => title_in(&s.titles, ctx.locale),
            texts => texts,
            tags => a.tags,
            services => a.services,
            category => category,
            institution => institution,
            source_ticket => source_ticket,
            review_on => s.review_at.map(|ms| crate::dates::date_text(ctx.locale, ms)),
            overdue => s.review_at.is_some_and(|r| r <= now) && s.status != ArticleStatus::Archived,
            may_edit => may_edit(viewer, s),
            moves => moves(viewer, a),
            files => files,
            tickets => tickets,
            history => history,
            public_href => (s.status == ArticleStatus::Published).then(|| format!("/help/{}/articles/{}", kd.desk.key_prefix, s.id)),
            max_upload => state.config.max_upload_bytes / (1024 * 1024),
            echo => echo,
        },
    )
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let kd = staff_desk(&state, &ctx, &prefix).await?;
    let a = article_on(&state, Some(ctx.viewer()?), &kd.desk, id).await?;
    render(&state, &ctx, &kd, &a, StatusCode::OK, PageEcho::default()).await
}

#[derive(Deserialize)]
pub struct MoveForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    version: i64,
}

/// Submits for review, sends back, publishes, archives, or takes back to draft.
pub async fn transition(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, id)): Path<(String, i64)>,
    Form(form): Form<MoveForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&form.csrf)?;
    let kd = staff_desk(&state, &ctx, &prefix).await?;
    let viewer = ctx.viewer()?;
    let a = article_on(&state, Some(viewer), &kd.desk, id).await?;
    let to = ArticleStatus::parse(&form.to).ok_or(AppError::BadRequest("error-form-malformed"))?;
    match kb::transition(&state.db, viewer, id, to, form.version).await {
        Ok(_) => {
            tracing::info!(article = id, to = to.code(), "article moved");
            Ok(see_other(format!(
                "/kb/{}/articles/{id}",
                kd.desk.key_prefix
            )))
        }
        Err(e) => {
            let (status, notice) = match AppError::from(e) {
                AppError::Conflict(code) => (StatusCode::CONFLICT, code),
                AppError::Invalid(errors) => (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    errors.0.first().map(|e| e.code).unwrap_or("error-invalid"),
                ),
                other => return Err(other),
            };
            // The page as it stands now, with what went wrong.
            let fresh = article_on(&state, Some(viewer), &kd.desk, a.summary.id).await?;
            let echo = PageEcho {
                notice: Some(notice),
                ..Default::default()
            };
            render(&state, &ctx, &kd, &fresh, status, echo).await
        }
    }
}
