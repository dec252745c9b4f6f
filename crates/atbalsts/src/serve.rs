use crate::config::Settings;
use atbalsts_store::blobs::BlobStore;
use atbalsts_store::{Db, DbOptions};
use atbalsts_web::{AppState, WebConfig};
use std::net::SocketAddr;
use tokio::sync::watch;

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

pub async fn connect(settings: &Settings) -> Result<Db, BoxError> {
    connect_within(settings, DbOptions::default().acquire_timeout).await
}

/// Connects, giving up on an unreachable database after `timeout`.
pub async fn connect_within(
    settings: &Settings,
    timeout: std::time::Duration,
) -> Result<Db, BoxError> {
    std::fs::create_dir_all(&settings.data_dir)?;
    let options = DbOptions {
        max_connections: settings.max_connections,
        acquire_timeout: timeout,
    };
    Ok(Db::connect(&settings.database_url(), &options).await?)
}

pub async fn migrate_only(settings: &Settings) -> Result<(), BoxError> {
    let db = connect(settings).await?;
    let applied = atbalsts_store::migrate(&db, None).await?;
    println!("applied {} migration(s): {applied:?}", applied.len());
    Ok(())
}

/// Runs the server until SIGTERM or Ctrl-C, then finishes in-flight requests.
pub async fn run(settings: Settings, migrate: bool, demo: bool) -> Result<(), BoxError> {
    let db = connect(&settings).await?;
    if migrate {
        atbalsts_store::migrate(&db, None).await?;
    } else {
        let pending = atbalsts_store::pending_versions(&db).await?;
        if !pending.is_empty() {
            return Err(format!("the database needs migrations {pending:?}; run `atbalsts migrate` or start without --no-migrate").into());
        }
    }
    if demo {
        crate::demo::load_if_empty(&db).await?;
    }
    let blobs = BlobStore::new(settings.data_dir.join("attachments"));
    let config = WebConfig {
        max_upload_bytes: settings.max_upload_bytes,
        upload_quota_bytes_per_hour: settings.upload_quota_bytes_per_hour,
        held_upload_hours: settings.held_upload_hours,
        metrics_token: (!settings.metrics_token.is_empty()).then(|| settings.metrics_token.clone()),
        secure_cookies: settings.secure_cookies,
        template_dir: settings.template_dir.clone(),
        public_url: settings.public_url(),
        mail_from: settings.mail_from.clone(),
        mail_fold: std::time::Duration::from_secs(settings.mail_fold_seconds),
        allow_private_fetch: settings.allow_private_fetch,
        anonymous_limits: atbalsts_web::rate_limit::Limits {
            per_sender_burst: settings.anonymous_sender_burst,
            per_sender_per_hour: settings.anonymous_sender_per_hour,
            per_address_burst: settings.anonymous_address_burst,
            per_address_per_hour: settings.anonymous_address_per_hour,
        },
        ..Default::default()
    };
    let search_dir = settings.search_dir();
    let search = atbalsts_search::SearchService::open(db.clone(), search_dir.clone())
        .await
        .map_err(|e| {
            format!(
                "search index in {}: {e} (each instance needs a search_dir of its own)",
                search_dir.display()
            )
        })?;
    let state = AppState::new(db.clone(), blobs, search.clone(), config).await?;
    let app = atbalsts_web::router(state.clone());

    let (stop_tx, stop_rx) = watch::channel(false);
    // A new ticket, article or request type is findable within about a
    // second on every instance: each reads the shared change log.
    let indexer = tokio::spawn(search.run(stop_rx.clone(), std::time::Duration::from_secs(1)));
    let worker_id = format!("{}-{}", std::process::id(), atbalsts_store::now_ms());
    // Files of rejected forms are deleted an hour after their references
    // stop being accepted, so a form sent at the last moment finds its file.
    let held_max_age = std::time::Duration::from_secs((settings.held_upload_hours + 1) * 3600);
    let sla_composer = state.composer.clone();
    let mut worker = atbalsts_jobs::standard(db.clone(), worker_id.clone())
        .clean_held_uploads(state.blobs.clone(), held_max_age)
        .sla(std::sync::Arc::new(
            move |n: &atbalsts_store::sla::timers::Notice| sla_composer.sla_notice(n),
        ));
    if settings.smtp_url.is_empty() {
        tracing::warn!(
            "no smtp_url: notifications wait in the outbox until a mail server is configured"
        );
    } else {
        let outbound = atbalsts_mail::outbound::Outbound::new(db.clone(), settings.mail())?;
        worker = worker.handle(atbalsts_store::notifications::SEND_JOB, move |job| {
            let outbound = outbound.clone();
            async move { outbound.run_job(job).await }
        });
    }
    let mut worker = worker;
    worker.lease = std::time::Duration::from_secs(settings.job_lease_seconds.max(1));
    let worker = tokio::spawn(worker.run(stop_rx.clone()));
    let mailboxes = settings
        .mail_in_imap
        .split_whitespace()
        .map(atbalsts_mail::imap::Mailbox::parse)
        .collect::<Result<Vec<_>, _>>()?;
    // Our own addresses: copied on a customer's mail, they are no participants.
    let mut own = vec![settings.mail_from.clone(), settings.mail_reply_to.clone()];
    own.extend(
        settings
            .mail_in_lmtp_routes
            .split_whitespace()
            .filter_map(|r| r.split_once('='))
            .map(|(a, _)| a.to_owned()),
    );
    own.extend(mailboxes.iter().map(|m| m.user.clone()));
    let inbound = atbalsts_mail::inbound::Inbound::new(
        db.clone(),
        state.blobs.clone(),
        state.composer.clone(),
    )
    .with_own_addresses(&own)
    .with_max_attachment_bytes(settings.max_upload_bytes);
    // Housekeeping and the operators' metrics address.
    let mut side_tasks = vec![tokio::spawn(atbalsts_jobs::schedule_every(
        db.clone(),
        atbalsts_store::held_uploads::CLEAN_JOB,
        std::time::Duration::from_secs(3600),
        stop_rx.clone(),
    ))];
    if !settings.metrics_listen.is_empty() {
        let listener = tokio::net::TcpListener::bind(&settings.metrics_listen).await?;
        tracing::info!(address = %listener.local_addr()?, "serving /metrics");
        let metrics = atbalsts_web::metrics::router(state.clone());
        let mut stop = stop_rx.clone();
        side_tasks.push(tokio::spawn(async move {
            let served = axum::serve(listener, metrics)
                .with_graceful_shutdown(async move {
                    let _ = stop.changed().await;
                })
                .await;
            if let Err(e) = served {
                tracing::error!(error = %e, "metrics listener");
            }
        }));
    }
    // Mail HTML stored by earlier versions: its inline images named anew, once.
    side_tasks.push(tokio::spawn({
        let db = db.clone();
        async move {
            if let Err(e) = atbalsts_mail::inbound::upgrade_inline_images(&db).await {
                tracing::error!(error = %e, "upgrading inline images of earlier mail");
            }
        }
    }));
    let mut mail_tasks = Vec::new();
    // Owners of articles past their review date are reminded once a day.
    mail_tasks.push(tokio::spawn(remind_reviews(state.clone(), stop_rx.clone())));
    if !mailboxes.is_empty() {
        let poller =
            atbalsts_mail::imap::Poller::new(db.clone(), inbound.clone(), worker_id.clone());
        let interval = std::time::Duration::from_secs(settings.mail_in_poll_seconds.max(1));
        mail_tasks.push(tokio::spawn(poller.run(
            mailboxes,
            interval,
            stop_rx.clone(),
        )));
    }
    if !settings.mail_in_lmtp.is_empty() {
        let routes = settings
            .mail_in_lmtp_routes
            .split_whitespace()
            .map(atbalsts_mail::lmtp::Route::parse)
            .collect::<Result<Vec<_>, _>>()?;
        let lmtp = tokio::net::TcpListener::bind(&settings.mail_in_lmtp).await?;
        tracing::info!(address = %lmtp.local_addr()?, "taking LMTP deliveries");
        mail_tasks.push(tokio::spawn(atbalsts_mail::lmtp::serve(
            lmtp,
            db.clone(),
            inbound,
            routes,
            stop_rx.clone(),
        )));
    }
    let listener = tokio::net::TcpListener::bind(&settings.listen).await?;
    tracing::info!(address = %listener.local_addr()?, backend = ?db.backend(), "Atbalsts is listening");
    println!("Atbalsts is listening on http://{}", listener.local_addr()?);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown_signal().await;
        tracing::info!("shutting down: finishing requests in flight");
        let _ = stop_tx.send(true);
    })
    .await?;
    let _ = worker.await;
    let _ = indexer.await;
    for task in mail_tasks.into_iter().chain(side_tasks) {
        let _ = task.await;
    }
    db.close().await;
    Ok(())
}

/// Queues review reminders every 15 minutes (at most one a day per owner,
/// whichever instance gets there first).
async fn remind_reviews(state: atbalsts_web::AppState, mut stop: watch::Receiver<bool>) {
    loop {
        match atbalsts_web::knowledge::reminders::send_due(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(owners = n, "article review reminders queued"),
            Err(e) => tracing::warn!(error = ?e, "article review reminders"),
        }
        tokio::select! {
            _ = tokio::time::sleep(std::time::Duration::from_secs(15 * 60)) => {}
            _ = stop.changed() => return,
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
