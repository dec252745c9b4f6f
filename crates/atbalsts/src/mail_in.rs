//! `atbalsts mail-in --desk KISC < message.eml`: one message from the
//! site's MTA (a pipe transport or `.forward`). Exit 0 whenever the message
//! was taken care of (a ticket, a comment, ignored or quarantined); 75
//! (EX_TEMPFAIL) when the database could not be reached, so the MTA keeps
//! the message and tries again.

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
        Ok(o) => o,
        Err(e) => {
            eprintln!("mail-in: temporary failure: {e}");
            tracing::error!(error = %e, "mail-in failed; the MTA will retry");
            return Ok(ExitCode::from(75));
        }
    };
    println!("{outcome:?}");
    Ok(ExitCode::SUCCESS)
}

async fn receive(settings: &Settings, desk: &str, raw: &[u8]) -> Result<Outcome, BoxError> {
    // An MTA waits for the answer: better to say "try again" soon.
    let db = connect_within(settings, std::time::Duration::from_secs(5)).await?;
    let pending = atbalsts_store::pending_versions(&db).await?;
    if !pending.is_empty() {
        return Err(format!("the database needs migrations {pending:?}").into());
    }
    let desk = atbalsts_store::desks::desk_by_prefix(&db, desk)
        .await?
        .ok_or_else(|| format!("no desk {desk}"))?;
    let blobs = BlobStore::new(settings.data_dir.join("attachments"));
    let composer = Composer::new(
        Arc::new(atbalsts_i18n::Catalogue::load()),
        &settings.public_url(),
        &settings.mail_from,
    );
    let inbound = Inbound::new(db.clone(), blobs, composer);
    let outcome = if raw.len() > MAX_MESSAGE {
        inbound
            .quarantine_oversized(&desk, &raw[..MAX_MESSAGE])
            .await?
    } else {
        inbound.receive(&desk, raw).await?
    };
    db.close().await;
    Ok(outcome)
}
