//! An article as an editor submits it: the raw form, and the checked input
//! the store saves.

use super::Visibility;
use crate::ticket::without_controls;
use crate::{FieldErrors, Locale};
use serde::{Deserialize, Serialize};

/// The article form as it arrives, every field a string. Field names are
/// those of `FieldErrors`, so the page shows each message next to its field.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ArticleForm {
    pub title_lv: String,
    pub body_lv: String,
    pub title_en: String,
    pub body_en: String,
    pub visibility: String,
    /// Institution id; needed when the visibility is `institution`.
    pub institution: String,
    /// Category id; empty for none.
    pub category: String,
    /// Comma-separated.
    pub tags: String,
    /// Names of the services the article concerns, one per line.
    pub services: String,
    /// `2026-11-23` or `23.11.2026`; empty for none.
    pub review_on: String,
    /// User id of the owner; empty keeps the owner (or, for a new article,
    /// makes its author the owner).
    pub owner: String,
    /// The web page an imported article came from.
    pub source_url: String,
}

/// One language version of an article: title and Markdown body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleText {
    pub locale: Locale,
    pub title: String,
    pub body_md: String,
}

/// A checked article: at least one language version, everything within
/// its limits, tags normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleInput {
    /// Latvian first; only the languages the article has.
    pub texts: Vec<ArticleText>,
    pub visibility: Visibility,
    /// Set exactly when the visibility is `institution`.
    pub institution_id: Option<i64>,
    pub category_id: Option<i64>,
    pub tags: Vec<String>,
    pub services: Vec<String>,
    /// ISO date (`2026-11-23`).
    pub review_on: Option<String>,
    pub owner_id: Option<i64>,
    pub source_url: Option<String>,
}

impl ArticleInput {
    pub const MAX_TITLE_CHARS: usize = 255;
    /// A long article with tables and lists stays well under this.
    pub const MAX_BODY_BYTES: usize = 400_000;
    pub const MAX_TAGS: usize = 20;
    pub const MAX_TAG_CHARS: usize = 50;
    pub const MAX_SERVICES: usize = 20;
    pub const MAX_SERVICE_CHARS: usize = 200;
    pub const MAX_URL_CHARS: usize = 2000;

    pub fn parse(form: &ArticleForm) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut texts = Vec::new();
        for (locale, title, body) in [
            (Locale::Lv, &form.title_lv, &form.body_lv),
            (Locale::En, &form.title_en, &form.body_en),
        ] {
            let (title_field, body_field) = (
                format!("title_{}", locale.code()),
                format!("body_{}", locale.code()),
            );
            let title = errors.check(parse_title(title), &title_field);
            let body = errors.check(parse_body(body), &body_field);
            if let (Some(title), Some(body_md)) = (title, body) {
                match (title.is_empty(), body_md.is_empty()) {
                    (true, true) => {}
                    (true, false) => errors.push(title_field, "error-required"),
                    (false, true) => errors.push(body_field, "error-required"),
                    (false, false) => texts.push(ArticleText {
                        locale,
                        title,
                        body_md,
                    }),
                }
            }
        }
        // Either language may be missing, but not both.
        if texts.is_empty() && errors.is_empty() {
            errors.push("title_lv", "error-kb-language-required");
        }
        let visibility = errors.check(Visibility::parse(&form.visibility), "visibility");
        let institution_id = match visibility {
            Some(Visibility::Institution) if form.institution.trim().is_empty() => {
                errors.push("institution", "error-kb-institution-required");
                None
            }
            Some(Visibility::Institution) => {
                errors.check(parse_id(&form.institution), "institution")
            }
            _ => None,
        };
        let category_id = optional_id(&form.category, &mut errors, "category");
        let owner_id = optional_id(&form.owner, &mut errors, "owner");
        let tags = errors.check(parse_tags(&form.tags), "tags");
        let services = errors.check(parse_services(&form.services), "services");
        let review_on = if form.review_on.trim().is_empty() {
            None
        } else {
            errors.check(crate::form::parse_date(&form.review_on), "review_on")
        };
        let source_url = if form.source_url.trim().is_empty() {
            None
        } else {
            errors.check(parse_url(&form.source_url), "source_url")
        };
        errors.into_result()?;
        Ok(Self {
            texts,
            visibility: visibility.expect("checked"),
            institution_id,
            category_id,
            tags: tags.expect("checked"),
            services: services.expect("checked"),
            review_on,
            owner_id,
            source_url,
        })
    }

    pub fn text(&self, locale: Locale) -> Option<&ArticleText> {
        self.texts.iter().find(|t| t.locale == locale)
    }
}

fn parse_title(raw: &str) -> Result<String, &'static str> {
    let t = without_controls(raw)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if t.chars().count() > ArticleInput::MAX_TITLE_CHARS {
        Err("error-too-long")
    } else {
        Ok(t)
    }
}

/// Markdown keeps its line structure; only line endings, control
/// characters and blank edges are cleaned, so versions compare line by line.
fn parse_body(raw: &str) -> Result<String, &'static str> {
    let cleaned = without_controls(raw);
    let lines: Vec<&str> = cleaned.lines().map(str::trim_end).collect();
    let body = lines.join("\n").trim_matches('\n').to_owned();
    if body.len() > ArticleInput::MAX_BODY_BYTES {
        Err("error-too-long")
    } else {
        Ok(body)
    }
}

fn parse_id(raw: &str) -> Result<i64, &'static str> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or("error-invalid")
}

fn optional_id(raw: &str, errors: &mut FieldErrors, field: &str) -> Option<i64> {
    if raw.trim().is_empty() {
        None
    } else {
        errors.check(parse_id(raw), field)
    }
}

/// A tag as stored and searched: lower case, words separated by single
/// spaces. `None` when nothing is left.
pub fn normalise_tag(raw: &str) -> Option<String> {
    let t = without_controls(raw)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    (!t.is_empty()).then_some(t)
}

fn parse_tags(raw: &str) -> Result<Vec<String>, &'static str> {
    let mut tags: Vec<String> = Vec::new();
    for tag in raw.split([',', ';', '\n']).filter_map(normalise_tag) {
        if tag.chars().count() > ArticleInput::MAX_TAG_CHARS {
            return Err("error-too-long");
        }
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if tags.len() > ArticleInput::MAX_TAGS {
        return Err("error-kb-too-many-tags");
    }
    Ok(tags)
}

fn parse_services(raw: &str) -> Result<Vec<String>, &'static str> {
    let mut services: Vec<String> = Vec::new();
    for line in raw.lines() {
        let s = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() {
            continue;
        }
        if s.chars().count() > ArticleInput::MAX_SERVICE_CHARS || s.chars().any(char::is_control) {
            return Err("error-too-long");
        }
        if !services
            .iter()
            .any(|x| x.to_lowercase() == s.to_lowercase())
        {
            services.push(s);
        }
    }
    if services.len() > ArticleInput::MAX_SERVICES {
        return Err("error-too-long");
    }
    Ok(services)
}

fn parse_url(raw: &str) -> Result<String, &'static str> {
    let u = raw.trim();
    let lower = u.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or("error-kb-url")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty()
        || u.chars().count() > ArticleInput::MAX_URL_CHARS
        || u.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err("error-kb-url");
    }
    Ok(u.to_owned())
}
