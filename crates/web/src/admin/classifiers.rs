//! The desk's classifiers in the browser: categories per ticket type and
//! the root causes problems name. Entries are added with a code and names
//! in both languages, renamed, and retired (never deleted: tickets keep
//! them) or put back in use.

use super::admin_desk;
use crate::forms::{HtmlForm, WithCsrf};
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::triage::input::{Classifier, ClassifierChange, ClassifierForm};
use atbalsts_domain::{FieldErrors, Locale};
use atbalsts_store::categories::{self, Category, Kind};
use atbalsts_store::desks::Desk;
use atbalsts_store::workflows;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use minijinja::{context, Value};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct PageQuery {
    /// The entry being renamed.
    #[serde(default)]
    edit: Option<i64>,
    /// What the last post did: `added`, `renamed`, `retired`, `restored`.
    #[serde(default)]
    done: String,
}

fn entry(c: &Category) -> Value {
    context! {
        id => c.id,
        code => c.code,
        label_lv => c.labels.0.get("lv").cloned().unwrap_or_default(),
        label_en => c.labels.0.get("en").cloned().unwrap_or_default(),
        retired => c.retired,
    }
}

/// Every classifier of the desk: (choice value, name, entries).
async fn classifiers(
    state: &AppState,
    desk: &Desk,
    locale: Locale,
) -> AppResult<Vec<(String, String, Vec<Category>)>> {
    let mut all = Vec::new();
    for tt in workflows::ticket_types_of(&state.db, desk.id).await? {
        let entries = categories::of_desk(&state.db, desk.id, Kind::Category, Some(tt.id)).await?;
        all.push((
            Classifier::Category {
                ticket_type_id: tt.id,
            }
            .value(),
            tt.labels.get(locale).to_owned(),
            entries,
        ));
    }
    let causes = categories::of_desk(&state.db, desk.id, Kind::RootCause, None).await?;
    all.push((Classifier::RootCause.value(), String::new(), causes));
    Ok(all)
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    status: StatusCode,
    values: ClassifierForm,
    errors: FieldErrors,
    notice: Option<&str>,
) -> AppResult<Response> {
    let lists: Vec<Value> = classifiers(state, desk, ctx.locale)
        .await?
        .iter()
        .map(|(value, type_name, entries)| {
            context! {
                value => value,
                type_name => type_name,
                entries => entries.iter().map(entry).collect::<Vec<_>>(),
            }
        })
        .collect();
    state.templates.render_status(
        ctx,
        status,
        "admin/classifiers.html",
        context! {
            desk => desk,
            lists => lists,
            v => values,
            errors => errors.0,
            notice => notice,
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
    let values = match q.edit {
        Some(id) => {
            let all = classifiers(&state, &desk, ctx.locale).await?;
            let (value, c) = all
                .iter()
                .flat_map(|(value, _, list)| list.iter().map(move |c| (value, c)))
                .find(|(_, c)| c.id == id)
                .ok_or(AppError::NotFound)?;
            ClassifierForm {
                id: c.id.to_string(),
                action: "rename".to_owned(),
                classifier: value.clone(),
                code: c.code.clone(),
                label_lv: c.labels.0.get("lv").cloned().unwrap_or_default(),
                label_en: c.labels.0.get("en").cloned().unwrap_or_default(),
            }
        }
        None => ClassifierForm::default(),
    };
    let notice = match q.done.as_str() {
        "added" => Some("classifiers-added"),
        "renamed" => Some("classifiers-renamed"),
        "retired" => Some("classifiers-retired"),
        "restored" => Some("classifiers-restored"),
        _ => None,
    };
    render(
        &state,
        &ctx,
        &desk,
        StatusCode::OK,
        values,
        FieldErrors::default(),
        notice,
    )
    .await
}

/// Adds, renames, retires or restores an entry (`action`).
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    HtmlForm(posted): HtmlForm<WithCsrf<ClassifierForm>>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    ctx.check_csrf(&posted.csrf)?;
    let values = posted.form;
    let result = match ClassifierChange::parse(&values) {
        Ok(ClassifierChange::Add {
            classifier,
            code,
            labels,
        }) => {
            let (kind, ticket_type) = match classifier {
                Classifier::Category { ticket_type_id } => (Kind::Category, Some(ticket_type_id)),
                Classifier::RootCause => (Kind::RootCause, None),
            };
            categories::create(&state.db, desk.id, kind, ticket_type, &code, &labels)
                .await
                .map(|_| "added")
        }
        Ok(ClassifierChange::Rename { id, labels }) => {
            categories::rename(&state.db, desk.id, id, &labels)
                .await
                .map(|()| "renamed")
        }
        Ok(ClassifierChange::Retire(id)) => categories::set_retired(&state.db, desk.id, id, true)
            .await
            .map(|()| "retired"),
        Ok(ClassifierChange::Restore(id)) => categories::set_retired(&state.db, desk.id, id, false)
            .await
            .map(|()| "restored"),
        Err(errors) => Err(atbalsts_store::StoreError::Invalid(crate::forms::shown(
            errors,
            &["id", "action"],
        )?)),
    };
    match result.map_err(AppError::from) {
        Ok(done) => {
            tracing::info!(desk = %desk.key_prefix, done, "classifier entry changed");
            Ok(crate::http::see_other(format!(
                "/admin/triage/{}/classifiers?done={done}",
                desk.key_prefix
            )))
        }
        Err(AppError::Invalid(errors)) => {
            render(
                &state,
                &ctx,
                &desk,
                StatusCode::UNPROCESSABLE_ENTITY,
                values,
                errors,
                None,
            )
            .await
        }
        Err(e) => Err(e),
    }
}
