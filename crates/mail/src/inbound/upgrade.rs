//! Mail HTML stored before inline images were named by their content:
//! such rows say `src="cid:<Content-ID>"`, which the ticket page no longer
//! resolves (it maps only content tokens, without parsing). Once per
//! installation, each such row is cleaned again on the parsed document
//! with its files' Content-IDs, exactly as a mail arriving today is, so old
//! inline images show again.

use atbalsts_store::{mail, settings, Db, StoreError};

/// Set when every stored row has been upgraded.
const DONE: &str = "mail_html_inline_images_v2";
const BATCH: i64 = 200;

/// Upgrades every legacy row; returns how many changed. Safe to run on
/// several instances at once, and again (it stops at once when done).
pub async fn upgrade_inline_images(db: &Db) -> Result<usize, StoreError> {
    if settings::get(db, DONE).await?.is_some() {
        return Ok(0);
    }
    let mut changed = 0;
    for comments in [false, true] {
        let mut after = 0;
        loop {
            let rows = mail::mail_html_with_images(db, comments, after, BATCH).await?;
            let Some(last) = rows.last() else { break };
            after = last.comment_id.unwrap_or(last.ticket_id);
            for row in rows {
                if !is_legacy(&row.html) {
                    continue;
                }
                let inline = row.images.iter().cloned().collect();
                let html = row.html.clone();
                let cleaned = tokio::task::spawn_blocking(move || {
                    atbalsts_richtext::clean_mail(&html, &inline)
                })
                .await
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                if mail::replace_mail_html(db, &row, &cleaned).await? {
                    changed += 1;
                }
            }
        }
    }
    settings::get_or_init(db, DONE, || "1".to_owned()).await?;
    if changed > 0 {
        tracing::info!(
            changed,
            "inline images of earlier mail now point at their files"
        );
    }
    Ok(changed)
}

/// Whether the HTML names an image by a Content-ID rather than by the
/// 64-hex content token that mail cleaned today carries.
fn is_legacy(html: &str) -> bool {
    const NEEDLE: &str = "src=\"cid:";
    html.match_indices(NEEDLE).any(|(at, _)| {
        let after = &html[at + NEEDLE.len()..];
        let token = after.split('"').next().unwrap_or("");
        !(token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_images_named_by_content_id_are_legacy() {
        assert!(super::is_legacy(r#"<img src="cid:logo@lnb">"#));
        assert!(!super::is_legacy(&format!(
            r#"<img src="cid:{}">"#,
            "ab".repeat(32)
        )));
        assert!(!super::is_legacy("<p>cid: nothing</p>"));
    }
}
