//! Importing a web page as a draft article (SPEC §5: "text and images
//! kept"): its main text as Markdown, its pictures downloaded as the
//! article's files and shown from there, and the page's address kept as
//! the source. For the desk's knowledge editors.
//!
//! The draft has two versions when pictures came along: the text as
//! imported (pictures linked to the original site), then the same text
//! pointing at the stored copies, which get their numbers only once the
//! article exists.

use super::editor::Values;
use super::editor_desk;
use super::fetch::{FetchError, Fetcher};
use super::page_text::{self, Outline};
use crate::forms::{HtmlForm, WithCsrf};
use crate::http::see_other;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::knowledge::{file_content_type, ArticleInput, ImportForm, ImportInput};
use atbalsts_domain::{FieldError, Locale, Viewer};
use atbalsts_store::desks::Desk;
use atbalsts_store::knowledge::{self as kb, NewArticleFile};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use minijinja::context;
use reqwest::Url;
use std::collections::HashMap;
use std::time::Duration;
use tokio::time::Instant;

/// The largest page or picture fetched.
const MAX_BYTES: usize = 2 * 1024 * 1024;
/// The longest one fetch may take.
const FETCH_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest a whole import (page and pictures) may take.
const IMPORT_BUDGET: Duration = Duration::from_secs(30);

fn is_page(content_type: &str) -> bool {
    matches!(content_type, "text/html" | "application/xhtml+xml")
}

fn is_picture(content_type: &str) -> bool {
    matches!(
        content_type,
        "image/png" | "image/jpeg" | "image/gif" | "image/webp"
    )
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    status: StatusCode,
    url: &str,
    errors: Vec<FieldError>,
) -> AppResult<Response> {
    state.templates.render_status(
        ctx,
        status,
        "knowledge/import.html",
        context! {
            desk => desk,
            editor => true,
            url => url,
            errors => errors,
            max_mb => MAX_BYTES / (1024 * 1024),
        },
    )
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
) -> AppResult<Response> {
    let desk = editor_desk(&state, &ctx, &prefix).await?;
    render(&state, &ctx, &desk, StatusCode::OK, "", Vec::new()).await
}

/// Why an import did not happen: a message for the person, or a fault.
enum Refused {
    Because(&'static str),
    Failed(AppError),
}

impl From<AppError> for Refused {
    fn from(e: AppError) -> Self {
        Refused::Failed(e)
    }
}

impl From<atbalsts_store::StoreError> for Refused {
    fn from(e: atbalsts_store::StoreError) -> Self {
        Refused::Failed(e.into())
    }
}

impl From<FetchError> for Refused {
    fn from(e: FetchError) -> Self {
        Refused::Because(e.code())
    }
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    HtmlForm(posted): HtmlForm<WithCsrf<ImportForm>>,
) -> AppResult<Response> {
    ctx.check_csrf(&posted.csrf)?;
    let desk = editor_desk(&state, &ctx, &prefix).await?;
    let viewer = ctx.viewer()?;
    let url = posted.form.url.trim();
    let outcome = match ImportInput::parse(&posted.form) {
        Ok(input) => import(&state, viewer, &desk, &input).await,
        Err(errors) => Err(Refused::Because(
            errors.0.first().map(|e| e.code).unwrap_or("error-invalid"),
        )),
    };
    match outcome {
        Ok(id) => {
            tracing::info!(article = id, %url, "web page imported as a draft");
            Ok(see_other(format!("/kb/{}/articles/{id}", desk.key_prefix)))
        }
        Err(Refused::Because(code)) => {
            tracing::info!(%url, code, "web page import refused");
            let errors = vec![FieldError::new("url", code)];
            render(
                &state,
                &ctx,
                &desk,
                StatusCode::UNPROCESSABLE_ENTITY,
                url,
                errors,
            )
            .await
        }
        Err(Refused::Failed(e)) => Err(e),
    }
}

/// A picture written to the blob store, named for the article.
struct Stored {
    url: Url,
    file: NewArticleFile,
}

async fn import(
    state: &AppState,
    viewer: &Viewer,
    desk: &Desk,
    input: &ImportInput,
) -> Result<i64, Refused> {
    let fetcher = Fetcher {
        allow_private: state.config.allow_private_fetch,
        max_bytes: MAX_BYTES,
        timeout: FETCH_TIMEOUT,
        deadline: Instant::now() + IMPORT_BUDGET,
    };
    let page = fetcher.get(&input.url, is_page).await?;
    let html = page_text::decode(&page.bytes, page.charset.as_deref());
    let outline: Outline = page_text::outline(&html, &page.url);
    let mut stored: Vec<Stored> = Vec::new();
    for (n, url) in outline.images.iter().enumerate() {
        match fetcher.get(url.as_str(), is_picture).await {
            Ok(picture) => stored.push(Stored {
                file: NewArticleFile {
                    filename: picture_name(&picture.url, &picture.content_type, n),
                    size_bytes: picture.bytes.len() as i64,
                    sha256: put_blob(state, picture.bytes).await?,
                },
                url: url.clone(),
            }),
            // A picture that cannot be had stays a link to the original.
            Err(e) => tracing::info!(%url, error = e.code(), "picture not imported"),
        }
    }
    let text = page_text::markdown(&html, &page.url, &HashMap::new());
    if text.trim().is_empty() {
        return Err(Refused::Because("error-kb-import-empty"));
    }
    let title = if outline.title.is_empty() {
        page.url.to_string()
    } else {
        outline.title.clone()
    };
    let values = |body: String| {
        let mut v = Values::new_article();
        v.source_url = page.url.to_string();
        match outline.lang {
            Locale::Lv => (v.title_lv, v.body_lv) = (title.clone(), body),
            Locale::En => (v.title_en, v.body_en) = (title.clone(), body),
        }
        v
    };
    let input = |body: String| {
        ArticleInput::parse(&values(body).to_form()).map_err(|errors| {
            // What cannot be saved as it came (a text over the limit, say).
            Refused::Because(errors.0.first().map(|e| e.code).unwrap_or("error-invalid"))
        })
    };
    let id = kb::create(&state.db, viewer, desk.id, &input(text)?).await?;
    if stored.is_empty() {
        return Ok(id);
    }
    let mut local = HashMap::new();
    for s in &stored {
        let file_id = kb::add_file(&state.db, viewer, id, &s.file).await?;
        local.insert(s.url.to_string(), format!("/kb/files/{file_id}"));
    }
    let with_pictures = page_text::markdown(&html, &page.url, &local);
    kb::save(&state.db, viewer, id, 1, &input(with_pictures)?).await?;
    Ok(id)
}

async fn put_blob(state: &AppState, bytes: Vec<u8>) -> Result<String, Refused> {
    let blobs = state.blobs.clone();
    let sha = tokio::task::spawn_blocking(move || blobs.put(&bytes))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(sha)
}

/// A picture's file name from its address, with the extension of what it
/// really is (the store serves files by the type their name says).
fn picture_name(url: &Url, content_type: &str, n: usize) -> String {
    let ext = match content_type {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/gif" => "gif",
        _ => "webp",
    };
    let last = url
        .path_segments()
        .and_then(|mut s| s.next_back())
        .unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "._-".contains(*c))
        .take(100)
        .collect();
    let cleaned = cleaned.trim_start_matches('.');
    let name = if cleaned.is_empty() {
        format!("image-{}", n + 1)
    } else {
        cleaned.to_owned()
    };
    if file_content_type(&name).ok() == Some(content_type) {
        name
    } else {
        format!("{}.{ext}", name.trim_end_matches('.'))
    }
}

#[cfg(test)]
mod tests {
    use super::picture_name;
    use reqwest::Url;

    #[test]
    fn pictures_are_named_for_what_they_are() {
        let u = |s: &str| Url::parse(s).unwrap();
        assert_eq!(
            picture_name(&u("https://a.lv/att/printeris.png"), "image/png", 0),
            "printeris.png"
        );
        assert_eq!(
            picture_name(&u("https://a.lv/image?id=4"), "image/jpeg", 0),
            "image.jpg"
        );
        assert_eq!(
            picture_name(&u("https://a.lv/"), "image/gif", 2),
            "image-3.gif"
        );
        assert_eq!(
            picture_name(&u("https://a.lv/x.php"), "image/webp", 0),
            "x.php.webp"
        );
    }
}
