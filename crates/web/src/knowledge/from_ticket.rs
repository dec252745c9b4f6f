//! Knowledge from tickets (SPEC §5): a draft made from a resolved incident
//! or problem (symptom, cause, resolution). The ticket page's section with
//! the linked articles is `tickets::articles`.

use super::editor::Values;
use crate::ticket_keys::may_draft_from;
use crate::{AppError, AppResult, AppState};
use atbalsts_domain::knowledge::Visibility;
use atbalsts_domain::{Locale, Viewer};
use atbalsts_store::categories::{of_desk, Kind};
use atbalsts_store::tickets::{comments_of, Ticket};

/// How many of the last public staff replies make the resolution.
const RESOLUTION_REPLIES: usize = 2;

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

#[cfg(test)]
mod tests {
    use super::draft_body;
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
}
