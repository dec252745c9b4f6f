//! `/search`: one page of what the words find among articles, tickets
//! (staff only) and request types, filtered by kind, in pages. A search
//! that finds nothing is recorded for the knowledge report.

use super::{desk_prefixes, href, scope_of};
use crate::context::urlencode;
use crate::portal::may_file;
use crate::{AppResult, AppState, Ctx};
use atbalsts_search::{Kind, Scope, SearchQuery, SearchResults, DEFAULT_PER_PAGE, MAX_OFFSET};
use atbalsts_store::catalogue;
use atbalsts_store::knowledge::{record_search_miss, ArticleStatus, SearchScope};
use axum::extract::{Query, RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Default)]
pub struct Params {
    #[serde(default)]
    q: String,
    #[serde(default)]
    kind: String,
    /// Text, so that a mangled number shows the first page, not an error.
    #[serde(default)]
    page: String,
}

#[derive(Serialize)]
struct HitView {
    kind: &'static str,
    href: String,
    title: String,
    /// The ticket key, shown before a ticket's summary.
    key: String,
    /// An article's status while it is not published (editors find drafts).
    status: String,
    fragment_html: String,
    /// The language of the title and fragment when the hit has no text in
    /// the page's language (the page marks it).
    lang: Option<&'static str>,
}

/// A link that narrows the search to one kind (or none: every kind).
#[derive(Serialize)]
struct KindFilter {
    label: String,
    href: String,
    count: usize,
    current: bool,
}

/// One entry of the pager: a page number, or a gap (`number` 0).
#[derive(Serialize)]
struct PageLink {
    number: usize,
    href: String,
    current: bool,
}

fn search_href(q: &str, kind: Option<Kind>, page: usize) -> String {
    let mut href = format!("/search?q={}", urlencode(q));
    if let Some(kind) = kind {
        href.push_str("&kind=");
        href.push_str(kind.code());
    }
    if page > 1 {
        href.push_str(&format!("&page={page}"));
    }
    href
}

/// The pages around `current`, with the first and the last, and gaps.
fn pager(q: &str, kind: Option<Kind>, current: usize, last: usize) -> Vec<PageLink> {
    let mut out: Vec<PageLink> = Vec::new();
    for number in 1..=last {
        let near = number.abs_diff(current) <= 2;
        if number == 1 || number == last || near {
            out.push(PageLink {
                number,
                href: search_href(q, kind, number),
                current: number == current,
            });
        } else if out.last().is_some_and(|l| l.number != 0) {
            out.push(PageLink {
                number: 0,
                href: String::new(),
                current: false,
            });
        }
    }
    out
}

/// The search page; the form alone when there are no words.
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(params): Query<Params>,
) -> AppResult<Response> {
    let scope = scope_of(&state, &ctx).await?;
    let staff = !scope.anonymous && !scope.staff_desks.is_empty();
    let kinds: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|k| staff || *k != Kind::Ticket)
        .collect();
    let q = params.q.trim().to_owned();
    let kind = Kind::parse(&params.kind).filter(|k| kinds.contains(k));
    let label = if staff {
        "search-label-staff"
    } else {
        "search-label"
    };
    if q.is_empty() {
        return state.templates.render(
            &ctx,
            "search/page.html",
            context! { q => q, kind => kind.map(Kind::code), label => label, searched => false },
        );
    }
    let page = params.page.trim().parse::<usize>().unwrap_or(1).max(1);
    let per_page = DEFAULT_PER_PAGE;
    let query = SearchQuery::new(q.clone())
        .kinds(kind.as_slice())
        .locale(ctx.locale)
        .page(page, per_page);
    let found = state.search.search(&query, &scope).await?;
    if found.total == 0 && matches!(kind, None | Some(Kind::Article)) {
        record_miss(&state, &scope, staff, &q).await;
    }
    let filters = kind_filters(&state, &scope, &q, kind, &kinds, &found).await?;
    let prefixes = desk_prefixes(&state).await?;
    let mut hits = Vec::with_capacity(found.hits.len());
    for hit in &found.hits {
        if hit.kind == Kind::RequestType && !may_file_type(&state, &ctx, hit.id).await? {
            continue;
        }
        hits.push(HitView {
            kind: hit.kind.code(),
            href: href(hit, &prefixes),
            title: hit.title.clone(),
            key: if hit.kind == Kind::Ticket {
                hit.key.clone()
            } else {
                String::new()
            },
            status: if hit.kind == Kind::Article && hit.status != ArticleStatus::Published.code() {
                hit.status.clone()
            } else {
                String::new()
            },
            fragment_html: hit.fragment_html.clone(),
            lang: hit.other_language.map(atbalsts_domain::Locale::code),
        });
    }
    // Paging stops where the search does.
    let last = found.pages().min(MAX_OFFSET / per_page + 1);
    let current = page.min(last.max(1));
    state.templates.render(
        &ctx,
        "search/page.html",
        context! {
            q => q,
            kind => kind.map(Kind::code),
            label => label,
            searched => true,
            total => found.total,
            hits => hits,
            first => (page - 1) * per_page + 1,
            filters => filters,
            pages => if last > 1 { pager(&q, kind, current, last) } else { Vec::new() },
            previous => (page > 1 && page <= last).then(|| search_href(&q, kind, page - 1)),
            next => (page < last).then(|| search_href(&q, kind, page + 1)),
            page => page,
            last_page => last,
        },
    )
}

/// "All" and one link per kind, each with what it would find.
async fn kind_filters(
    state: &AppState,
    scope: &Scope,
    q: &str,
    kind: Option<Kind>,
    kinds: &[Kind],
    found: &SearchResults,
) -> AppResult<Vec<KindFilter>> {
    let mut counts = Vec::with_capacity(kinds.len());
    for k in kinds {
        let total = if kind == Some(*k) {
            found.total
        } else {
            let one = SearchQuery::new(q).kinds(&[*k]).page(1, 1);
            state.search.search(&one, scope).await?.total
        };
        counts.push((*k, total));
    }
    let all = match kind {
        None => found.total,
        Some(_) => counts.iter().map(|(_, n)| n).sum(),
    };
    let mut filters = vec![KindFilter {
        label: "search-kind-all".to_owned(),
        href: search_href(q, None, 1),
        count: all,
        current: kind.is_none(),
    }];
    filters.extend(counts.into_iter().map(|(k, count)| KindFilter {
        label: format!("search-kinds-{}", k.code()),
        href: search_href(q, Some(k), 1),
        count,
        current: kind == Some(k),
    }));
    Ok(filters)
}

/// Whether this visitor may file the request type (a signed-in person of
/// no institution only those open to external users): the index does not
/// know the person.
async fn may_file_type(state: &AppState, ctx: &Ctx, id: i64) -> AppResult<bool> {
    match ctx.viewer() {
        Ok(v) if v.institution_id.is_none() && !v.is_staff_anywhere() => {
            Ok(catalogue::request_type_by_id(&state.db, id)
                .await?
                .is_some_and(|rt| may_file(ctx, &rt)))
        }
        _ => Ok(true),
    }
}

/// Notes a search that found nothing: for staff on each desk they work on
/// (agent searches), for everyone else on every desk of the installation,
/// since the portal searches them all (portal searches). A failure is
/// logged; the person still gets their answer.
async fn record_miss(state: &AppState, scope: &Scope, staff: bool, q: &str) {
    let (desks, where_) = if staff {
        (scope.staff_desks.clone(), SearchScope::Agent)
    } else {
        match desk_prefixes(state).await {
            Ok(all) => (all.into_keys().collect(), SearchScope::Portal),
            Err(error) => {
                tracing::warn!(%error, "search miss not recorded");
                return;
            }
        }
    };
    for desk in desks {
        if let Err(error) = record_search_miss(&state.db, desk, q, where_).await {
            tracing::warn!(%error, desk, "search miss not recorded");
        }
    }
}

/// The portal's former search address: the same search now.
pub async fn portal_search(RawQuery(query): RawQuery) -> Response {
    let to = match query {
        Some(q) if !q.is_empty() => format!("/search?{q}"),
        _ => "/search".to_owned(),
    };
    Redirect::permanent(&to).into_response()
}

#[cfg(test)]
mod tests {
    use super::pager;

    #[test]
    fn the_pager_shows_the_ends_and_the_pages_near_the_current_one() {
        let numbers = |current, last| -> Vec<usize> {
            pager("x", None, current, last)
                .iter()
                .map(|p| p.number)
                .collect()
        };
        assert_eq!(numbers(1, 3), [1, 2, 3]);
        assert_eq!(numbers(6, 12), [1, 0, 4, 5, 6, 7, 8, 0, 12]);
        assert_eq!(numbers(1, 9), [1, 2, 3, 0, 9]);
    }
}
