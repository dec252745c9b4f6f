//! The desk's priority matrix in the browser: impact rows, urgency columns,
//! a priority in each cell; saved for the desk, or reset to the ITIL default.

use super::admin_desk;
use crate::forms::{HtmlForm, WithCsrf};
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::triage::input::{cell_name, MatrixChange, PriorityMatrixForm};
use atbalsts_domain::triage::{Level, PriorityMatrix};
use atbalsts_domain::Priority;
use atbalsts_store::tickets::{matrix_of, set_matrix};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use minijinja::context;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct PageQuery {
    /// `saved` or `reset`: what the last post did.
    #[serde(default)]
    done: String,
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    let matrix = matrix_of(&state.db, desk.id).await?;
    let rows: Vec<_> = Level::ALL
        .iter()
        .map(|&impact| {
            let cells: Vec<_> = Level::ALL
                .iter()
                .map(|&urgency| {
                    context! {
                        name => cell_name(impact, urgency),
                        urgency => urgency.code(),
                        priority => matrix.priority(impact, urgency).code(),
                    }
                })
                .collect();
            context! { impact => impact.code(), cells => cells }
        })
        .collect();
    let notice = match q.done.as_str() {
        "saved" => Some("matrix-saved"),
        "reset" => Some("matrix-reset-done"),
        _ => None,
    };
    state.templates.render(
        &ctx,
        "admin/triage.html",
        context! {
            desk => desk,
            rows => rows,
            levels => Level::ALL.iter().map(|l| l.code()).collect::<Vec<_>>(),
            priorities => Priority::ALL.iter().map(|p| p.code()).collect::<Vec<_>>(),
            is_default => matrix == PriorityMatrix::default(),
            notice => notice,
        },
    )
}

/// Saves the matrix as posted (`action=save`) or the ITIL default (`reset`).
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    HtmlForm(posted): HtmlForm<WithCsrf<PriorityMatrixForm>>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    ctx.check_csrf(&posted.csrf)?;
    // Every cell is a select of the priorities: anything else is a
    // damaged or forged form, not a mistake to show next to a field.
    let (matrix, done) = match MatrixChange::parse(&posted.form)
        .map_err(|_| AppError::BadRequest("error-form-malformed"))?
    {
        MatrixChange::Reset => (PriorityMatrix::default(), "reset"),
        MatrixChange::Save(matrix) => (matrix, "saved"),
    };
    set_matrix(&state.db, desk.id, &matrix).await?;
    tracing::info!(desk = %desk.key_prefix, done, "priority matrix saved");
    Ok(crate::http::see_other(format!(
        "/admin/triage/{}?done={done}",
        desk.key_prefix
    )))
}
