//! Knowledge from tickets (SPEC §5): the ticket page's section with the
//! articles linked to it, a draft made from a resolved incident or problem
//! (symptom, cause, resolution), and linking an article an agent used.

use super::editor::Values;
use crate::csrf::CsrfOnly;
use crate::http::see_other;
use crate::tickets::view::{load, render, FormEcho};
use crate::titles::title_in;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::knowledge::{ArticleLinkKind, Visibility};
use atbalsts_domain::{FieldError, Locale, Viewer};
use atbalsts_store::categories::{of_desk, Kind};
use atbalsts_store::knowledge as kb;
use atbalsts_store::tickets::{comments_of, Ticket};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use minijinja::{context, Value};
use serde::Deserialize;

/// How many of the last public staff replies make the resolution.
const RESOLUTION_REPLIES: usize = 2;

fn desk_prefix(ticket: &Ticket) -> &str {
    ticket
        .key
        .rsplit_once('-')
        .map(|(p, _)| p)
        .unwrap_or(&ticket.key)
}

/// Whether a draft may be made from the ticket: a resolved (or closed)
/// incident or problem.
pub(crate) fn may_draft_from(ticket: &Ticket) -> bool {
    matches!(ticket.ticket_type.as_str(), "incident" | "problem")
        && ticket.status_category.is_done()
}

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

/// The section headings of a draft made from a ticket, in `locale`.
fn headings(locale: Locale) -> [&'static str; 3] {
    match locale {
        Locale::Lv => ["Simptomi", "Cēlonis", "Risinājums"],
        Locale::En => ["Symptoms", "Cause", "Resolution"],
    }
}

/// The Markdown of a draft: the symptom (summary and description), the
/// cause (the root cause named on the ticket) and the resolution (the last
/// public replies of staff).
pub(crate) fn draft_body(
    locale: Locale,
    summary: &str,
    description: &str,
    cause: Option<&str>,
    replies: &[&str],
) -> String {
    let [symptoms, cause_h, resolution] = headings(locale);
    let mut md = format!("## {symptoms}\n\n{}\n", summary.trim());
    if !description.trim().is_empty() {
        md.push_str(&format!("\n{}\n", description.trim()));
    }
    md.push_str(&format!("\n## {cause_h}\n\n"));
    if let Some(c) = cause.filter(|c| !c.trim().is_empty()) {
        md.push_str(&format!("{}\n\n", c.trim()));
    }
    md.push_str(&format!("## {resolution}\n"));
    for r in replies.iter().filter(|r| !r.trim().is_empty()) {
        md.push_str(&format!("\n{}\n", r.trim()));
    }
    md
}

/// The editor's values for a draft from `ticket`, in the language the
/// agent works in; seen by the desk's staff only until it is published.
pub(crate) async fn prefill(
    state: &AppState,
    viewer: &Viewer,
    ticket: &Ticket,
    locale: Locale,
) -> AppResult<Values> {
    if !may_draft_from(ticket) {
        return Err(AppError::Conflict("error-kb-ticket-not-resolved"));
    }
    let cause = match ticket.root_cause_id {
        Some(id) => of_desk(&state.db, ticket.desk_id, Kind::RootCause, None)
            .await?
            .into_iter()
            .find(|c| c.id == id)
            .map(|c| c.labels.get(locale).to_owned()),
        None => None,
    };
    let staff: Vec<i64> = atbalsts_store::desks::staff_of(&state.db, ticket.desk_id)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let comments = comments_of(&state.db, viewer, ticket).await?;
    let mut replies: Vec<&str> = comments
        .iter()
        .rev()
        .filter(|c| c.is_public && staff.contains(&c.author_id))
        .take(RESOLUTION_REPLIES)
        .map(|c| c.body.as_str())
        .collect();
    replies.reverse();
    let body = draft_body(
        locale,
        &ticket.summary,
        &ticket.description,
        cause.as_deref(),
        &replies,
    );
    let mut v = Values::new_article();
    v.visibility = Visibility::Desk.code().to_owned();
    match locale {
        Locale::Lv => (v.title_lv, v.body_lv) = (ticket.summary.clone(), body),
        Locale::En => (v.title_en, v.body_en) = (ticket.summary.clone(), body),
    }
    Ok(v)
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
    ctx.check_csrf(&form.csrf)?;
    let viewer = ctx.viewer()?;
    let ticket = load(&state, viewer, &key).await?;
    if !viewer.is_staff_on(ticket.desk_id) {
        return Err(AppError::NotFound);
    }
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
    ctx.check_csrf(&form.csrf)?;
    let viewer = ctx.viewer()?;
    let ticket = load(&state, viewer, &key).await?;
    if !viewer.is_staff_on(ticket.desk_id) {
        return Err(AppError::NotFound);
    }
    kb::unlink_from_ticket(&state.db, viewer, id, &ticket, ArticleLinkKind::UsedToSolve).await?;
    Ok(see_other(format!("/tickets/{}#knowledge", ticket.key)))
}

#[cfg(test)]
mod tests {
    use super::{article_number, draft_body};
    use atbalsts_domain::Locale;

    #[test]
    fn a_draft_from_a_ticket_has_symptoms_cause_and_resolution() {
        let md = draft_body(
            Locale::Lv,
            "Neiet printeris",
            "Rāda kļūdu 49.4C02.",
            Some("Aparatūras kļūme"),
            &["Nomainījām formatētāju."],
        );
        assert_eq!(
            md,
            "## Simptomi\n\nNeiet printeris\n\nRāda kļūdu 49.4C02.\n\n## Cēlonis\n\nAparatūras kļūme\n\n## Risinājums\n\nNomainījām formatētāju.\n"
        );
        let en = draft_body(Locale::En, "Printer", "", None, &[]);
        assert_eq!(en, "## Symptoms\n\nPrinter\n\n## Cause\n\n## Resolution\n");
    }

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
