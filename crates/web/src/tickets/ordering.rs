//! How the staff queue is laid out: its order (the `sort` and `dir`
//! parameters, links on the column headers) and its density (the
//! `density` parameter, remembered in a cookie).

use crate::context::{cookie, set_cookie};
use crate::AppState;
use atbalsts_store::tickets::Sort;
use axum::http::{HeaderMap, HeaderValue};
use serde::Serialize;

/// The cookie that remembers the chosen density in this browser.
const DENSITY_COOKIE: &str = "atb_density";
/// A year: the choice is a preference, not a secret.
const DENSITY_MAX_AGE_S: i64 = 365 * 24 * 3600;

/// The order a queue is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Order {
    pub sort: Sort,
    pub ascending: bool,
}

impl Order {
    /// From the `sort` and `dir` parameters; anything unknown reads as the
    /// default (newest update first) or the column's usual direction.
    pub fn parse(sort: &str, dir: &str) -> Self {
        let sort = Sort::parse(sort).unwrap_or_default();
        let ascending = match dir {
            "asc" => true,
            "desc" => false,
            _ => usual_ascending(sort),
        };
        Self { sort, ascending }
    }
}

/// Keys read upwards, SLA due times soonest first; other times newest first.
fn usual_ascending(sort: Sort) -> bool {
    matches!(sort, Sort::Key | Sort::Due)
}

fn dir_code(ascending: bool) -> &'static str {
    if ascending {
        "asc"
    } else {
        "desc"
    }
}

/// A sortable column header: the query its link leads to and, on the
/// column the queue is sorted by, the `aria-sort` value.
#[derive(Serialize)]
pub(crate) struct Header {
    pub query: String,
    pub aria_sort: Option<&'static str>,
}

/// The raw query without the named parameters (and without the page
/// cursor, which belongs to one order).
pub(crate) fn query_without(raw: &str, names: &[&str]) -> String {
    raw.split('&')
        .filter(|p| {
            let name = p.split('=').next().unwrap_or_default();
            !p.is_empty() && name != "after" && !names.contains(&name)
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// A query string: `base` with `extra` added.
fn link(base: &str, extra: &str) -> String {
    if base.is_empty() {
        extra.to_owned()
    } else {
        format!("{base}&{extra}")
    }
}

/// The header links of the sortable columns, by sort code: the column the
/// queue is sorted by turns its direction round, the others sort in their
/// usual direction.
pub(crate) fn headers(raw: &str, current: Order) -> Vec<(&'static str, Header)> {
    let base = query_without(raw, &["sort", "dir"]);
    Sort::ALL
        .into_iter()
        .map(|sort| {
            let (ascending, aria_sort) = if sort == current.sort {
                let aria = if current.ascending {
                    "ascending"
                } else {
                    "descending"
                };
                (!current.ascending, Some(aria))
            } else {
                (usual_ascending(sort), None)
            };
            let query = link(
                &base,
                &format!("sort={}&dir={}", sort.code(), dir_code(ascending)),
            );
            (sort.code(), Header { query, aria_sort })
        })
        .collect()
}

/// Whether the queue is shown compact: by the `density` parameter when
/// given (then also the cookie to set), else as this browser last chose.
pub(crate) fn density(
    state: &AppState,
    param: &str,
    headers: &HeaderMap,
) -> (bool, Option<HeaderValue>) {
    match param {
        "compact" | "comfortable" => (
            param == "compact",
            Some(set_cookie(
                state,
                DENSITY_COOKIE,
                param,
                Some(DENSITY_MAX_AGE_S),
            )),
        ),
        _ => (cookie(headers, DENSITY_COOKIE) == Some("compact"), None),
    }
}

/// The query that switches to the other density, keeping the rest.
pub(crate) fn density_toggle(raw: &str, compact: bool) -> String {
    let other = if compact { "comfortable" } else { "compact" };
    link(
        &query_without(raw, &["density"]),
        &format!("density={other}"),
    )
}
