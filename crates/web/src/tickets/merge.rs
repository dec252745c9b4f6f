//! Merging a duplicate into another ticket from the duplicate's page (see
//! `atbalsts_store::tickets::merge`): the requester is told in their own
//! language where the work goes on.

use super::view::{load, render, FormEcho};
use crate::flash::{self, Flash};
use crate::ticket_keys::OnTicket;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_i18n::Arg;
use atbalsts_mail::notices::Notices;
use atbalsts_store::tickets::merge::{merge, MergeTexts};
use atbalsts_store::users;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct MergeForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    target: String,
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    Form(form): Form<MergeForm>,
) -> AppResult<Response> {
    let OnTicket {
        viewer,
        ticket: duplicate,
    } = OnTicket::form(&state, &ctx, &key, &form.csrf)
        .await?
        .staff_only()?;
    let outcome = async {
        let target = load(&state, viewer, form.target.trim())
            .await
            .map_err(|_| {
                AppError::Invalid(
                    atbalsts_domain::FieldError::new("merge_target", "error-link-target").into(),
                )
            })?;
        let locale = users::user_by_id(&state.db, duplicate.requester_id)
            .await?
            .and_then(|u| u.locale)
            .unwrap_or_default();
        let link = format!("{}/tickets/{}", state.config.public_url, target.key);
        let texts = MergeTexts {
            to_requester: state.i18n.t_args(
                locale,
                "merge-to-requester",
                &[
                    ("key", Arg::Str(target.key.clone())),
                    ("link", Arg::Str(link)),
                ],
            ),
            note_on_target: state.i18n.t_args(
                ctx.locale,
                "merge-note",
                &[
                    ("key", Arg::Str(duplicate.key.clone())),
                    ("requester", Arg::Str(duplicate.requester_name.clone())),
                    ("summary", Arg::Str(duplicate.summary.clone())),
                    ("description", Arg::Str(duplicate.description.clone())),
                ],
            ),
        };
        let notices = Notices::for_explained_move(&state.db, viewer.user_id, &duplicate).await?;
        merge(&state.db, viewer, &duplicate, &target, &texts, |status| {
            notices.explained_move(
                &state.composer,
                &duplicate,
                status,
                Some(&texts.to_requester),
            )
        })
        .await?;
        tracing::info!(duplicate = %duplicate.key, target = %target.key, "tickets merged");
        Ok::<_, AppError>(target.key)
    }
    .await;
    match outcome {
        Ok(target) => Ok(flash::redirect(
            &format!("/tickets/{target}"),
            Flash::Merged,
        )),
        Err(AppError::Invalid(errors)) => {
            let echo = FormEcho {
                merge_target: form.target,
                merge_errors: errors.0,
                ..Default::default()
            };
            render(
                &state,
                &ctx,
                &duplicate,
                StatusCode::UNPROCESSABLE_ENTITY,
                echo,
            )
            .await
        }
        Err(e) => Err(e),
    }
}
