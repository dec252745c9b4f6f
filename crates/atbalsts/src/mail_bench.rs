//! `atbalsts mail-bench`: how fast inbound mail is processed (parse, thread,
//! store) and outbound notifications are rendered, on a fresh database with
//! the demo desk: SQLite in a temporary directory, or `--database-url`.
//! Bounded in messages; prints messages per second.

use crate::config::Settings;
use crate::serve::{connect, BoxError};
use atbalsts_mail::compose::Composer;
use atbalsts_mail::inbound::{Inbound, Outcome};
use atbalsts_mail::outbound::{MailSettings, Outbound};
use atbalsts_store::blobs::BlobStore;
use atbalsts_store::notifications;
use clap::Args;
use std::sync::Arc;
use std::time::Instant;

#[derive(Args, Clone)]
pub struct MailBenchArgs {
    /// Inbound messages to process (half new requests, half replies).
    #[arg(long, default_value_t = 2000)]
    messages: usize,
    /// Notifications to render.
    #[arg(long, default_value_t = 20000)]
    renders: usize,
    /// A fresh, empty database to use instead of a temporary SQLite one.
    #[arg(long)]
    database_url: Option<String>,
}

fn new_request(i: usize) -> Vec<u8> {
    format!(
        "From: =?UTF-8?Q?J=C4=81nis_B=C4=93rzi=C5=86=C5=A1?= <janis.berzins@lnb.lv>\r\n\
         To: pieteikumi@kisc.lv\r\nSubject: =?UTF-8?Q?Neiet_printeris_{i}._st=C4=81v=C4=81?=\r\n\
         Message-ID: <bench-new-{i}@lnb.lv>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0200\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/alternative; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: quoted-printable\r\n\r\nPrinteris HP LaserJet r=C4=81da k=C4=BC=C5=ABdu 49.4C02.\r\n\
         Dokumenti netiek izdruk=C4=81ti.\r\n\r\n-- \r\nJ=C4=81nis\r\n--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
         <p>Printeris r&#257;da k&#316;&#363;du</p>\r\n--b--\r\n"
    )
    .into_bytes()
}

fn reply(i: usize, key: &str, ours: &str) -> Vec<u8> {
    format!(
        "From: janis.berzins@lnb.lv\r\nTo: pieteikumi@kisc.lv\r\nSubject: Re: [{key}] Neiet printeris\r\n\
         Message-ID: <bench-reply-{i}@lnb.lv>\r\nIn-Reply-To: {ours}\r\nReferences: {ours}\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\nPaldies, tagad str\u{101}d\u{101}.\r\n\r\n\
         23.11.2026 10:15, KISC rakst\u{12b}ja:\r\n> Restart\u{113}jiet printeri.\r\n"
    )
    .into_bytes()
}

pub async fn run(settings: &Settings, args: MailBenchArgs) -> Result<(), BoxError> {
    let dir = tempfile::tempdir()?;
    let mut settings = settings.clone();
    settings.data_dir = dir.path().to_owned();
    settings.database_url = args.database_url.clone().unwrap_or_default();
    let db = connect(&settings).await?;
    atbalsts_store::migrate(&db, None).await?;
    crate::demo::load_if_empty(&db).await?;
    let desk = atbalsts_store::desks::desk_by_prefix(&db, "KISC")
        .await?
        .ok_or("demo desk")?;
    let i18n = Arc::new(atbalsts_i18n::Catalogue::load());
    let composer = Composer::new(
        i18n,
        "http://127.0.0.1:8080",
        "KISC atbalsts <atbalsts@kisc.lv>",
    );
    let inbound = Inbound::new(
        db.clone(),
        BlobStore::new(dir.path().join("attachments")),
        composer,
    );

    let half = args.messages / 2;
    let start = Instant::now();
    let mut keys = Vec::with_capacity(half);
    for i in 0..half {
        match inbound.receive(&desk, &new_request(i)).await? {
            Outcome::Created(k) => keys.push(k),
            other => return Err(format!("message {i}: {other:?}").into()),
        }
    }
    let new_elapsed = start.elapsed();
    // Each reply answers the confirmation of a ticket made above.
    let mut ours = Vec::with_capacity(half);
    for n in notifications::for_recipient(&db, "janis.berzins@lnb.lv")
        .await?
        .into_iter()
        .rev()
    {
        ours.push(n.message_id.unwrap_or_default());
    }
    let start = Instant::now();
    for (i, (key, id)) in keys.iter().zip(&ours).enumerate() {
        match inbound.receive(&desk, &reply(i, key, id)).await? {
            Outcome::Commented(_) => {}
            other => return Err(format!("reply {i}: {other:?}").into()),
        }
    }
    let reply_elapsed = start.elapsed();
    println!(
        "inbound  backend={:?} new={half} in {:.2}s ({:.0} msg/s), replies={} in {:.2}s ({:.0} msg/s)",
        db.backend(),
        new_elapsed.as_secs_f64(),
        half as f64 / new_elapsed.as_secs_f64(),
        keys.len(),
        reply_elapsed.as_secs_f64(),
        keys.len() as f64 / reply_elapsed.as_secs_f64()
    );

    let outbound = Outbound::new(db.clone(), MailSettings::default()).map_err(|e| e.to_string())?;
    let sample = notifications::for_recipient(&db, "janis.berzins@lnb.lv").await?;
    let sample = sample.first().ok_or("no notification to render")?;
    let start = Instant::now();
    let mut bytes = 0usize;
    for _ in 0..args.renders {
        bytes += outbound
            .render(sample)
            .map_err(|e| e.to_string())?
            .formatted()
            .len();
    }
    let elapsed = start.elapsed();
    println!(
        "outbound rendered={} in {:.2}s ({:.0} msg/s, {} bytes each)",
        args.renders,
        elapsed.as_secs_f64(),
        args.renders as f64 / elapsed.as_secs_f64(),
        bytes / args.renders.max(1)
    );
    db.close().await;
    Ok(())
}
