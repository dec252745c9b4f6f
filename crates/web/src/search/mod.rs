//! The one search (`/search`) over knowledge articles, tickets and request
//! types; suggestions of articles while a customer describes a problem on a
//! portal form (`/portal/suggest`); and what the customer then tells us
//! (`/help/deflect`). The index and the rules of who finds what are in the
//! `atbalsts-search` crate; this module turns its hits into links.

pub mod deflect;
pub mod page;
pub mod suggest;

use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::Locale;
use atbalsts_search::{Hit, Kind, Scope, SearchError, SearchQuery};
use atbalsts_store::desks;
use atbalsts_store::knowledge::ArticleStatus;
use serde::Serialize;
use std::collections::HashMap;

impl From<SearchError> for AppError {
    fn from(e: SearchError) -> Self {
        AppError::Internal(format!("search: {e}"))
    }
}

/// What the person asking may find. System administrators have no desk
/// roles, so their desks are listed; an institution chosen at sign-up
/// counts once the desk has confirmed it.
pub(crate) async fn scope_of(state: &AppState, ctx: &Ctx) -> AppResult<Scope> {
    let (Some(user), Ok(viewer)) = (ctx.user(), ctx.viewer()) else {
        return Ok(Scope::anonymous());
    };
    let mut scope = Scope::of(viewer);
    if !user.institution_confirmed {
        scope.institution_id = None;
    }
    if viewer.is_system_admin {
        let all: Vec<i64> = desk_prefixes(state).await?.into_keys().collect();
        scope.staff_desks.clone_from(&all);
        scope.editor_desks = all;
    }
    Ok(scope)
}

/// Key prefixes by desk id, for links.
pub(crate) async fn desk_prefixes(state: &AppState) -> AppResult<HashMap<i64, String>> {
    Ok(desks::list_desks(&state.db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.key_prefix))
        .collect())
}

/// The page of a hit: a ticket's page, an article's public page (its page
/// in the knowledge base while it is not published: only its editors find
/// it then), a request type's form.
pub(crate) fn href(hit: &Hit, prefixes: &HashMap<i64, String>) -> String {
    let prefix = prefixes.get(&hit.desk_id).map(String::as_str).unwrap_or("");
    match hit.kind {
        Kind::Ticket => format!("/tickets/{}", hit.key),
        Kind::Article if hit.status != ArticleStatus::Published.code() => {
            format!("/kb/{prefix}/articles/{}", hit.id)
        }
        Kind::Article => article_href(prefix, hit.id),
        Kind::RequestType => format!("/portal/{prefix}/{}", hit.key),
    }
}

fn article_href(prefix: &str, id: i64) -> String {
    format!("/help/{prefix}/articles/{id}")
}

/// An article suggested on a portal form.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Suggestion {
    pub id: i64,
    pub title: String,
    /// The article's page, with `?from=` the request type whose form
    /// suggested it, so the page can ask whether it solved the need.
    pub href: String,
    /// Escaped by the search crate, matches in `<b>`.
    pub fragment_html: String,
    /// The language of the title and fragment when the article has no
    /// text in the page's language (the page marks it).
    pub lang: Option<&'static str>,
}

/// Most suggestions shown beside a form.
pub(crate) const MAX_SUGGESTIONS: usize = 5;

/// Words too common to say what a problem is about; a description is
/// searched for any of its other words.
const STOP_WORDS: &[&str] = &[
    "ar", "arī", "bet", "bija", "bez", "būs", "ir", "ja", "jau", "jo", "kad", "kā", "ka", "kas",
    "kur", "lai", "man", "mans", "mana", "manā", "mēs", "mums", "mūsu", "nav", "ne", "nu", "no",
    "pa", "par", "pat", "pie", "pēc", "tā", "tas", "te", "tie", "to", "tomēr", "uz", "un", "vai",
    "vēl", "es", "jūs", "lūdzu", "labdien", "sveiki", "paldies", "the", "and", "for", "not",
    "with", "this", "that", "are", "was", "is", "it", "my", "of", "to", "in", "on", "an", "be",
    "please", "hello", "thanks",
];

/// The words of what a person typed, lowercased (so none reads as an
/// operator of the query language), without the most common ones; `None`
/// when nothing is left.
pub(crate) fn typed_words(text: &str) -> Option<String> {
    let mut words: Vec<String> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let word = word.to_lowercase();
        if word.chars().count() < 2 || STOP_WORDS.contains(&word.as_str()) || words.contains(&word)
        {
            continue;
        }
        words.push(word);
        if words.len() == 32 {
            break;
        }
    }
    (!words.is_empty()).then(|| words.join(" "))
}

/// Up to [`MAX_SUGGESTIONS`] published public articles (of `desk_id`, when
/// given) for what a person typed, best first; the links carry
/// `request_type_id`.
pub(crate) async fn suggestions(
    state: &AppState,
    text: &str,
    desk_id: Option<i64>,
    request_type_id: Option<i64>,
    locale: Locale,
) -> AppResult<Vec<Suggestion>> {
    let Some(words) = typed_words(text) else {
        return Ok(Vec::new());
    };
    let mut query = SearchQuery::new(words)
        .kinds(&[Kind::Article])
        .any_word()
        .locale(locale)
        .page(1, MAX_SUGGESTIONS);
    query.desk_id = desk_id;
    // Whoever asks: what anyone may read, never a draft or an article of
    // an institution.
    let found = state.search.search(&query, &Scope::anonymous()).await?;
    if found.hits.is_empty() {
        return Ok(Vec::new());
    }
    let prefixes = desk_prefixes(state).await?;
    Ok(found
        .hits
        .into_iter()
        .map(|hit| {
            let prefix = prefixes.get(&hit.desk_id).map(String::as_str).unwrap_or("");
            let mut href = article_href(prefix, hit.id);
            if let Some(rt) = request_type_id {
                href.push_str(&format!("?from={rt}"));
            }
            Suggestion {
                id: hit.id,
                title: hit.title,
                href,
                fragment_html: hit.fragment_html,
                lang: hit.other_language.map(Locale::code),
            }
        })
        .collect())
}

/// The articles about a request type (its name in both languages), for its form.
pub(crate) async fn related(
    state: &AppState,
    rt: &atbalsts_store::catalogue::RequestType,
    locale: Locale,
) -> AppResult<Vec<Suggestion>> {
    if let Some(found) = state.related_articles.get(&(rt.id, locale)) {
        return Ok(found);
    }
    let found = suggestions(
        state,
        &suggest::related_query(rt),
        Some(rt.desk_id),
        Some(rt.id),
        locale,
    )
    .await?;
    state.related_articles.put((rt.id, locale), found.clone());
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::typed_words;

    #[test]
    fn a_description_becomes_its_telling_words() {
        assert_eq!(
            typed_words("Labdien! Mans dators nav ieslēdzams, un printeris OR skeneris arī ne.")
                .as_deref(),
            Some("dators ieslēdzams printeris or skeneris")
        );
        assert_eq!(typed_words("un ir - ?"), None);
        assert_eq!(typed_words("VPN VPN vpn").as_deref(), Some("vpn"));
    }
}
