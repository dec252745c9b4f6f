use super::{catalogue_for, desk, type_link, GroupView, TypeLink};
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_store::catalogue;
use atbalsts_store::desks;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use minijinja::context;
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
struct DeskPortal {
    prefix: String,
    name: String,
    groups: Vec<GroupView>,
}

#[derive(Deserialize, Default)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

/// The portal home: every desk's groups with the titles of their request types.
pub async fn page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let mut portals = Vec::new();
    for d in desks::list_desks(&state.db).await? {
        let groups = catalogue_for(&state, &ctx, &d).await?;
        if !groups.is_empty() {
            portals.push(DeskPortal {
                prefix: d.key_prefix,
                name: d.name,
                groups,
            });
        }
    }
    state
        .templates
        .render(&ctx, "portal/home.html", context! { portals => portals })
}

/// One group: its request types with their short descriptions.
pub async fn group(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, code)): Path<(String, String)>,
) -> AppResult<Response> {
    let desk = desk(&state, &prefix).await?;
    let group = catalogue_for(&state, &ctx, &desk)
        .await?
        .into_iter()
        .find(|g| g.code == code)
        .ok_or(AppError::NotFound)?;
    state.templates.render(
        &ctx,
        "portal/group.html",
        context! { desk => desk, group => group },
    )
}

/// Folds case and Latvian diacritics, so `ekrans` finds `ekrāns`.
pub(crate) fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ā' => 'a',
            'č' => 'c',
            'ē' => 'e',
            'ģ' => 'g',
            'ī' => 'i',
            'ķ' => 'k',
            'ļ' => 'l',
            'ņ' => 'n',
            'š' => 's',
            'ū' => 'u',
            'ž' => 'z',
            'ō' => 'o',
            'ŗ' => 'r',
            c => c,
        })
        .collect()
}

/// Whether every word of the query starts a word of the text (so `print`
/// finds `printera`: a crude stand-in for stemming until the search issue).
fn matches(words: &[String], text: &str) -> bool {
    let folded = fold(text);
    let text_words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words
        .iter()
        .all(|q| text_words.iter().any(|w| w.starts_with(q.as_str())))
}

/// Request types whose names or descriptions hold the words searched for.
pub async fn search(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<SearchQuery>,
) -> AppResult<Response> {
    let words: Vec<String> = fold(&q.q)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    let mut hits: Vec<TypeLink> = Vec::new();
    if !words.is_empty() {
        for d in desks::list_desks(&state.db).await? {
            for rt in catalogue::request_types_of(&state.db, d.id).await? {
                // Both languages: a person may search in either.
                let text: Vec<&str> = rt
                    .labels
                    .0
                    .values()
                    .chain(rt.descriptions.0.values())
                    .map(String::as_str)
                    .collect();
                let text = text.join(" ");
                if super::may_file(&ctx, &rt) && matches(&words, &text) {
                    hits.push(type_link(&d, &rt, ctx.locale));
                }
            }
        }
    }
    state.templates.render(
        &ctx,
        "portal/search.html",
        context! { q => q.q, hits => hits, searched => !words.is_empty() },
    )
}

/// The accessibility statement.
pub async fn accessibility(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    state
        .templates
        .render(&ctx, "portal/accessibility.html", context! {})
}

#[cfg(test)]
mod tests {
    use super::{fold, matches};

    #[test]
    fn search_ignores_case_and_latvian_diacritics() {
        assert_eq!(fold("Ekrāns ŠĶĒRSIELA"), "ekrans skersiela");
        let words = vec!["printer".to_owned(), "datora".to_owned()];
        assert!(matches(&words, "Datora vai printera darbības traucējumi"));
        assert!(!matches(&words, "Jauns darbinieks"));
    }
}
