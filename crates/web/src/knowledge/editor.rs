//! Writing an article: Latvian and English side by side, with a preview of
//! the rendered Markdown, its settings, and saving with the version the
//! editor started from so that nobody's work is overwritten unseen. A
//! refused form comes back with everything typed.

use super::articles::category_options;
use super::{article_on, may_edit, staff_desk, KbDesk};
use crate::dates::riga_date;
use crate::forms::{hidden_id, HtmlForm};
use crate::http::see_other;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::knowledge::{ArticleForm, ArticleInput, Visibility};
use atbalsts_domain::{FieldErrors, Locale};
use atbalsts_store::knowledge::{self as kb, Article, ArticleSummary};
use atbalsts_store::{desks, institutions};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use minijinja::context;
use serde::{Deserialize, Serialize};

/// The editor's fields as typed (see `ArticleForm`).
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Values {
    pub title_lv: String,
    pub body_lv: String,
    pub title_en: String,
    pub body_en: String,
    pub visibility: String,
    pub institution: String,
    pub category: String,
    pub tags: String,
    pub services: String,
    pub review_on: String,
    pub owner: String,
    pub source_url: String,
}

/// The editor's form as posted: the article, and what to do with it.
#[derive(Deserialize)]
pub struct EditorForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    /// `save`; anything else previews.
    #[serde(default)]
    action: String,
    /// The key of the resolved ticket a new article is drafted from.
    #[serde(default)]
    from_ticket: String,
    /// The article's version when the editor opened (editing only).
    #[serde(default)]
    version: String,
    #[serde(flatten)]
    article: ArticleForm,
}

impl Values {
    /// The fields as typed: texts keep their leading spaces (Markdown),
    /// line endings made `\n`; the choices trimmed.
    fn typed(f: ArticleForm) -> Self {
        use atbalsts_domain::posted::text;
        Self {
            title_lv: text(&f.title_lv),
            body_lv: text(&f.body_lv),
            title_en: text(&f.title_en),
            body_en: text(&f.body_en),
            visibility: f.visibility.trim().to_owned(),
            institution: f.institution.trim().to_owned(),
            category: f.category.trim().to_owned(),
            tags: text(&f.tags),
            services: text(&f.services),
            review_on: f.review_on.trim().to_owned(),
            owner: f.owner.trim().to_owned(),
            source_url: f.source_url.trim().to_owned(),
        }
    }

    fn from_article(a: &Article) -> Self {
        let s = &a.summary;
        let text = |l: Locale| a.texts.iter().find(|t| t.locale == l);
        Self {
            title_lv: text(Locale::Lv)
                .map(|t| t.title.clone())
                .unwrap_or_default(),
            body_lv: text(Locale::Lv)
                .map(|t| t.body_md.clone())
                .unwrap_or_default(),
            title_en: text(Locale::En)
                .map(|t| t.title.clone())
                .unwrap_or_default(),
            body_en: text(Locale::En)
                .map(|t| t.body_md.clone())
                .unwrap_or_default(),
            visibility: s.visibility.code().to_owned(),
            institution: s.institution_id.map(|i| i.to_string()).unwrap_or_default(),
            category: s.category_id.map(|i| i.to_string()).unwrap_or_default(),
            tags: a.tags.join(", "),
            services: a.services.join("\n"),
            review_on: s.review_at.map(riga_date).unwrap_or_default(),
            owner: s.owner_id.to_string(),
            source_url: s.source_url.clone().unwrap_or_default(),
        }
    }

    pub(crate) fn to_form(&self) -> ArticleForm {
        ArticleForm {
            title_lv: self.title_lv.clone(),
            body_lv: self.body_lv.clone(),
            title_en: self.title_en.clone(),
            body_en: self.body_en.clone(),
            visibility: self.visibility.clone(),
            institution: self.institution.clone(),
            category: self.category.clone(),
            tags: self.tags.clone(),
            services: self.services.clone(),
            review_on: self.review_on.clone(),
            owner: self.owner.clone(),
            source_url: self.source_url.clone(),
        }
    }

    /// A new article: public, reviewed again in a year.
    pub(crate) fn new_article() -> Self {
        let in_a_year = atbalsts_store::now_ms() + 365 * 24 * 3600 * 1000;
        Self {
            visibility: Visibility::Public.code().to_owned(),
            review_on: riga_date(in_a_year),
            ..Default::default()
        }
    }
}

/// Everything the editor page shows.
pub(crate) struct Editor<'a> {
    pub kd: &'a KbDesk,
    /// `None` while writing a new article.
    pub article: Option<&'a ArticleSummary>,
    pub version: i64,
    /// The ticket a new article is drafted from.
    pub from_ticket: Option<String>,
    pub values: Values,
    pub errors: FieldErrors,
    pub notice: Option<&'static str>,
    pub preview: bool,
}

pub(crate) async fn render(
    state: &AppState,
    ctx: &Ctx,
    status: StatusCode,
    e: Editor<'_>,
) -> AppResult<Response> {
    let desk = &e.kd.desk;
    let preview: Vec<_> = if e.preview {
        [
            (Locale::Lv, &e.values.title_lv, &e.values.body_lv),
            (Locale::En, &e.values.title_en, &e.values.body_en),
        ]
        .into_iter()
        .filter(|(_, title, body)| !title.trim().is_empty() || !body.trim().is_empty())
        .map(|(l, title, body)| {
            context! { lang => l.code(), title => title.trim(), html => atbalsts_richtext::markdown(body) }
        })
        .collect()
    } else {
        Vec::new()
    };
    let owners = if e.kd.editor {
        let mut staff = desks::staff_of(&state.db, desk.id).await?;
        if let Some(a) = e.article {
            if !staff.iter().any(|(id, _)| *id == a.owner_id) {
                staff.push((a.owner_id, a.owner_name.clone()));
            }
        }
        staff
            .into_iter()
            .map(|(id, name)| context! { id => id.to_string(), name => name })
            .collect()
    } else {
        Vec::new()
    };
    let me = ctx.viewer()?.user_id.to_string();
    let action = match e.article {
        Some(a) => format!("/kb/{}/articles/{}/edit", desk.key_prefix, a.id),
        None => format!("/kb/{}/new", desk.key_prefix),
    };
    let institutions = institutions::list_institutions(&state.db).await?;
    state.templates.render_status(
        ctx,
        status,
        "knowledge/editor.html",
        context! {
            desk => desk,
            editor => e.kd.editor,
            article => e.article.map(|a| context! { id => a.id, title => crate::titles::title_in(&a.titles, ctx.locale), status => a.status }),
            action => action,
            version => e.version,
            from_ticket => e.from_ticket,
            v => e.values,
            owner_selected => if e.values.owner.is_empty() { me } else { e.values.owner.clone() },
            errors => e.errors.0,
            notice => e.notice,
            preview => preview,
            categories => category_options(state, desk.id, ctx.locale).await?,
            institutions => institutions.iter().map(|i| context! { id => i.id.to_string(), name => i.name }).collect::<Vec<_>>(),
            owners => owners,
            visibilities => Visibility::ALL.iter().map(|v| v.code()).collect::<Vec<_>>(),
        },
    )
}

#[derive(Deserialize, Default)]
pub struct NewQuery {
    /// The key of a resolved ticket to draft the article from.
    #[serde(default)]
    from: String,
}

/// The empty editor, or one filled from a resolved ticket.
pub async fn new_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(q): Query<NewQuery>,
) -> AppResult<Response> {
    let kd = staff_desk(&state, &ctx, &prefix).await?;
    let (values, from_ticket) = if q.from.trim().is_empty() {
        (Values::new_article(), None)
    } else {
        let viewer = ctx.viewer()?;
        let ticket = crate::ticket_keys::load(&state, viewer, q.from.trim()).await?;
        if ticket.desk_id != kd.desk.id {
            return Err(AppError::NotFound);
        }
        let values = super::from_ticket::prefill(&state, viewer, &ticket, ctx.locale).await?;
        (values, Some(ticket.key))
    };
    let e = Editor {
        kd: &kd,
        article: None,
        version: 0,
        from_ticket,
        values,
        errors: FieldErrors::default(),
        notice: None,
        preview: false,
    };
    render(&state, &ctx, StatusCode::OK, e).await
}

/// Previews or creates a new draft (from a ticket when the form names one).
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    HtmlForm(form): HtmlForm<EditorForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&form.csrf)?;
    let kd = staff_desk(&state, &ctx, &prefix).await?;
    let viewer = ctx.viewer()?;
    let from = form.from_ticket.trim();
    let saving = form.action == "save";
    let values = Values::typed(form.article);
    let ticket = if from.is_empty() {
        None
    } else {
        let t = crate::ticket_keys::load(&state, viewer, from).await?;
        if t.desk_id != kd.desk.id {
            return Err(AppError::NotFound);
        }
        if !crate::ticket_keys::may_draft_from(&t) {
            return Err(AppError::Conflict("error-kb-ticket-not-resolved"));
        }
        Some(t)
    };
    let editor = |values: Values, errors: FieldErrors, preview: bool| Editor {
        kd: &kd,
        article: None,
        version: 0,
        from_ticket: ticket.as_ref().map(|t| t.key.clone()),
        values,
        errors,
        notice: None,
        preview,
    };
    if !saving {
        return render(
            &state,
            &ctx,
            StatusCode::OK,
            editor(values, FieldErrors::default(), true),
        )
        .await;
    }
    let outcome = match ArticleInput::parse(&values.to_form()) {
        Ok(input) => match &ticket {
            Some(t) => kb::create_from_ticket(&state.db, viewer, t, &input).await,
            None => kb::create(&state.db, viewer, kd.desk.id, &input).await,
        }
        .map_err(AppError::from),
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    match outcome {
        Ok(id) => {
            tracing::info!(article = id, desk = %kd.desk.key_prefix, from_ticket = ?ticket.as_ref().map(|t| &t.key), "article drafted");
            Ok(see_other(format!(
                "/kb/{}/articles/{id}",
                kd.desk.key_prefix
            )))
        }
        Err(AppError::Invalid(errors)) => {
            let e = editor(values, errors, false);
            render(&state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, e).await
        }
        Err(e) => Err(e),
    }
}

/// The editor with the article as it is now.
pub async fn edit_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let kd = staff_desk(&state, &ctx, &prefix).await?;
    let viewer = ctx.viewer()?;
    let a = article_on(&state, Some(viewer), &kd.desk, id).await?;
    if !may_edit(viewer, &a.summary) {
        return Err(AppError::NotFound);
    }
    let e = Editor {
        kd: &kd,
        article: Some(&a.summary),
        version: a.summary.version,
        from_ticket: None,
        values: Values::from_article(&a),
        errors: FieldErrors::default(),
        notice: None,
        preview: false,
    };
    render(&state, &ctx, StatusCode::OK, e).await
}

/// Previews or saves an edit. When someone else saved since the editor
/// opened, nothing is overwritten: the page says so, keeps the text typed,
/// and takes the current version, so saving again is a conscious choice.
pub async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, id)): Path<(String, i64)>,
    HtmlForm(form): HtmlForm<EditorForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&form.csrf)?;
    let kd = staff_desk(&state, &ctx, &prefix).await?;
    let viewer = ctx.viewer()?;
    let a = article_on(&state, Some(viewer), &kd.desk, id).await?;
    let version = hidden_id(&form.version)?;
    let saving = form.action == "save";
    let values = Values::typed(form.article);
    let editor = |values: Values, version: i64, errors: FieldErrors| Editor {
        kd: &kd,
        article: Some(&a.summary),
        version,
        from_ticket: None,
        values,
        errors,
        notice: None,
        preview: false,
    };
    if !saving {
        let mut e = editor(values, version, FieldErrors::default());
        e.preview = true;
        return render(&state, &ctx, StatusCode::OK, e).await;
    }
    let outcome = match ArticleInput::parse(&values.to_form()) {
        Ok(input) => kb::save(&state.db, viewer, id, version, &input)
            .await
            .map_err(AppError::from),
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    match outcome {
        Ok(v) => {
            tracing::info!(article = id, version = v, "article saved");
            Ok(see_other(format!(
                "/kb/{}/articles/{id}",
                kd.desk.key_prefix
            )))
        }
        Err(AppError::Invalid(errors)) => {
            let e = editor(values, version, errors);
            render(&state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, e).await
        }
        Err(AppError::Conflict(code)) => {
            let current = version.max(a.summary.version);
            let mut e = editor(values, current, FieldErrors::default());
            e.notice = Some(code);
            render(&state, &ctx, StatusCode::CONFLICT, e).await
        }
        Err(e) => Err(e),
    }
}
