//! The desk's priority matrix in the browser: impact rows, urgency columns,
//! a priority in each cell; saved for the desk, or reset to the ITIL default.

use super::admin_desk;
use crate::forms::field;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::triage::{Level, PriorityMatrix};
use atbalsts_domain::Priority;
use atbalsts_store::tickets::{matrix_of, set_matrix};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Form;
use minijinja::context;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct PageQuery {
    /// `saved` or `reset`: what the last post did.
    #[serde(default)]
    done: String,
}

/// The form's name for the cell of `impact` and `urgency`.
fn cell_name(impact: Level, urgency: Level) -> String {
    format!("cell-{}-{}", impact.code(), urgency.code())
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
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    ctx.check_csrf(field(&pairs, "_csrf"))?;
    let (matrix, done) = if field(&pairs, "action") == "reset" {
        (PriorityMatrix::default(), "reset")
    } else {
        // Every cell is a select of the priorities: anything else is a
        // damaged or forged form, not a mistake to show next to a field.
        let matrix = PriorityMatrix::from_cells(|i, u| field(&pairs, &cell_name(i, u)).to_owned())
            .map_err(|_| AppError::BadRequest("error-form-malformed"))?;
        (matrix, "saved")
    };
    set_matrix(&state.db, desk.id, &matrix).await?;
    tracing::info!(desk = %desk.key_prefix, done, "priority matrix saved");
    Ok(crate::http::see_other(format!(
        "/admin/triage/{}?done={done}",
        desk.key_prefix
    )))
}
