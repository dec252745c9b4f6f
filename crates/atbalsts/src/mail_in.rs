//! `atbalsts mail-in --desk KISC < message.eml`: one message from the
//! site's MTA (a pipe transport or `.forward`). Exit 0 whenever the message
//! was taken care of (a ticket, a comment, ignored or quarantined); 67
//! (EX_NOUSER) when no desk has that prefix and no catch-all desk is set
//! (`mail_in_catch_all_desk`), so the MTA bounces it instead of retrying
//! forever; 75 (EX_TEMPFAIL) when the database could not be reached, so the
//! MTA keeps the message and tries again.

use crate::config::Settings;
use crate::serve::{connect_within, BoxError};
use atbalsts_mail::compose::Composer;
use atbalsts_mail::inbound::{Inbound, Outcome};
use atbalsts_store::blobs::BlobStore;
use std::io::Read;
use std::process::ExitCode;
use std::sync::Arc;

/// Largest message taken, bytes.
const MAX_MESSAGE: usize = 50 * 1024 * 1024;

pub async fn run(settings: &Settings, desk: &str) -> Result<ExitCode, BoxError> {
    let mut raw = Vec::new();
    std::io::stdin()
        .take(MAX_MESSAGE as u64 + 1)
        .read_to_end(&mut raw)?;
    let outcome = match receive(settings, desk, &raw).await {
        Ok(Some(o)) => o,
        Ok(None) => {
            eprintln!("mail-in: no desk {desk} and no catch-all desk");
            tracing::error!(desk, "mail-in for an unknown desk refused");
            return Ok(ExitCode::from(67));
        }
        Err(e) => {
            eprintln!("mail-in: temporary failure: {e}");
            tracing::error!(error = %e, "mail-in failed; the MTA will retry");
            return Ok(ExitCode::from(75));
        }
    };
    println!("{outcome:?}");
    Ok(ExitCode::SUCCESS)
}

/// `None` when neither the desk nor a catch-all desk exists.
async fn receive(settings: &Settings, desk: &str, raw: &[u8]) -> Result<Option<Outcome>, BoxError> {
    // An MTA waits for the answer: better to say "try again" soon.
    let db = connect_within(settings, std::time::Duration::from_secs(5)).await?;
    let pending = atbalsts_store::pending_versions(&db).await?;
    if !pending.is_empty() {
        return Err(format!("the database needs migrations {pending:?}").into());
    }
    let named = atbalsts_store::desks::desk_by_prefix(&db, desk).await?;
    let desk = match named {
        Some(d) => d,
        None if settings.mail_in_catch_all_desk.is_empty() => return Ok(None),
        None => {
            let catch_all = &settings.mail_in_catch_all_desk;
            let Some(d) = atbalsts_store::desks::desk_by_prefix(&db, catch_all).await? else {
                return Err(format!("the catch-all desk {catch_all} does not exist").into());
            };
            tracing::warn!(desk, catch_all = %catch_all, "mail-in for an unknown desk goes to the catch-all desk");
            d
        }
    };
    let blobs = BlobStore::new(settings.data_dir.join("attachments"));
    let composer = Composer::new(
        Arc::new(atbalsts_i18n::Catalogue::load()),
        &settings.public_url(),
        &settings.mail_from,
    );
    let inbound = Inbound::new(db.clone(), blobs, composer)
        .with_max_attachment_bytes(settings.max_upload_bytes);
    let outcome = if raw.len() > MAX_MESSAGE {
        inbound
            .quarantine_oversized(&desk, &raw[..MAX_MESSAGE])
            .await?
    } else {
        inbound.receive(&desk, raw).await?
    };
    db.close().await;
    Ok(Some(outcome))
}
