//! The ticket page's knowledge section (SPEC §5): the articles linked to the
//! ticket, the offer to draft one from it, and linking (or unlinking) an
//! article an agent used to solve it.

use super::view::{render, FormEcho};
use crate::csrf::CsrfOnly;
use crate::http::see_other;
use crate::ticket_keys::OnTicket;
use crate::ticket_keys::{desk_prefix, may_draft_from};
use crate::titles::title_in;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::knowledge::ArticleLinkKind;
use atbalsts_domain::{FieldError, Locale, Viewer};
use atbalsts_store::knowledge as kb;
use atbalsts_store::tickets::Ticket;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use minijinja::{context, Value};
use serde::Deserialize;

/// The ticket page's knowledge section, for staff of its desk.
pub(crate) async fn section(
    state: &AppState,
    viewer: &Viewer,
    ticket: &Ticket,
    locale: Locale,
) -> AppResult<Value> {
    let prefix = desk_prefix(ticket);
    let articles: Vec<Value> = kb::articles_of_ticket(&state.db, viewer, ticket.id)
        .await?
        .iter()
        .map(|l| {
            context! {
                id => l.article.id,
                title => title_in(&l.article.titles, locale),
                status => l.article.status,
                kind => l.kind,
                href => format!("/kb/{prefix}/articles/{}", l.article.id),
            }
        })
        .collect();
    Ok(context! {
        articles => articles,
        can_create => may_draft_from(ticket),
        new_href => format!("/kb/{prefix}/new?from={}", ticket.key),
    })
}

#[derive(Deserialize)]
pub struct LinkForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    article: String,
}

/// An article number as people write it: `12`, `#12`, or its address.
fn article_number(raw: &str) -> Option<i64> {
    let s = raw.trim().trim_end_matches('/');
    let digits: String = s
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let rest = &s[..s.len() - digits.len()];
    let plausible = rest.is_empty() || rest == "#" || rest.ends_with("/articles/");
    digits.parse().ok().filter(|n: &i64| *n > 0 && plausible)
}

/// Links an article that helped solve the ticket (`used_to_solve`).
pub async fn link(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    Form(form): Form<LinkForm>,
) -> AppResult<Response> {
    let OnTicket { viewer, ticket } = OnTicket::form(&state, &ctx, &key, &form.csrf)
        .await?
        .staff_only()?;
    let outcome = match article_number(&form.article) {
        None => Err("error-kb-article-number"),
        Some(id) => {
            match kb::link_to_ticket(&state.db, viewer, id, &ticket, ArticleLinkKind::UsedToSolve)
                .await
                .map_err(AppError::from)
            {
                Ok(_) => Ok(id),
                Err(AppError::NotFound) => Err("error-kb-article-not-found"),
                Err(e) => return Err(e),
            }
        }
    };
    match outcome {
        Ok(id) => {
            tracing::info!(ticket = %ticket.key, article = id, "article linked to ticket");
            Ok(see_other(format!("/tickets/{}#knowledge", ticket.key)))
        }
        Err(code) => {
            let echo = FormEcho {
                kb_article: form.article,
                kb_errors: vec![FieldError::new("kb_article", code)],
                ..Default::default()
            };
            render(
                &state,
                &ctx,
                &ticket,
                StatusCode::UNPROCESSABLE_ENTITY,
                echo,
            )
            .await
        }
    }
}

/// Removes the "used to solve" link (the link to the ticket a draft was
/// made from stays: it is the article's history).
pub async fn unlink(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((key, id)): Path<(String, i64)>,
    Form(form): Form<CsrfOnly>,
) -> AppResult<Response> {
    let OnTicket { viewer, ticket } = OnTicket::form(&state, &ctx, &key, &form.csrf)
        .await?
        .staff_only()?;
    kb::unlink_from_ticket(&state.db, viewer, id, &ticket, ArticleLinkKind::UsedToSolve).await?;
    Ok(see_other(format!("/tickets/{}#knowledge", ticket.key)))
}

#[cfg(test)]
mod tests {
    use super::article_number;

    #[test]
    fn articles_are_named_by_number_or_address() {
        assert_eq!(article_number(" 12 "), Some(12));
        assert_eq!(article_number("#7"), Some(7));
        assert_eq!(
            article_number("https://a.lv/kb/KISC/articles/31/"),
            Some(31)
        );
        assert_eq!(article_number("KISC-12"), None);
        assert_eq!(article_number("printeris"), None);
        assert_eq!(article_number(""), None);
    }
}
