use crate::cache::TtlCache;
use crate::ops::metrics::Metrics;
use crate::portal::rate_limit::{Limits, RateLimiter};
use crate::render::Templates;
use atbalsts_i18n::Catalogue;
use atbalsts_store::blobs::BlobStore;
use atbalsts_store::Db;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Largest single uploaded file, in bytes.
    pub max_upload_bytes: usize,
    /// Bytes of files one network address may upload per hour (staff are
    /// not limited).
    pub upload_quota_bytes_per_hour: u64,
    /// Hours a rejected form's files stay held; an older held-file
    /// reference is refused with "choose the file again".
    pub held_upload_hours: u64,
    /// `/metrics` answers only requests with `Authorization: Bearer` and
    /// this token; `None`: 404 (a separate listen address may serve it).
    pub metrics_token: Option<String>,
    /// Mark cookies `Secure` (set when Atbalsts is served over TLS).
    pub secure_cookies: bool,
    /// How long a sign-in lasts, in milliseconds.
    pub session_ttl_ms: i64,
    /// Directory with template overrides, if any.
    pub template_dir: Option<std::path::PathBuf>,
    /// The address people reach Atbalsts at, for links in notifications.
    pub public_url: String,
    /// Limits for submissions without an account.
    pub anonymous_limits: Limits,
    /// The sender of notifications, `Name <address@domain>`; its domain
    /// names our Message-IDs.
    pub mail_from: String,
    /// How long progress notifications wait so that a burst is folded.
    pub mail_fold: std::time::Duration,
    /// Let the knowledge base import web pages from private, loopback and
    /// link-local addresses (an intranet); off, only public addresses.
    pub allow_private_fetch: bool,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            max_upload_bytes: 20 * 1024 * 1024,
            upload_quota_bytes_per_hour: 200 * 1024 * 1024,
            held_upload_hours: 24,
            metrics_token: None,
            secure_cookies: false,
            session_ttl_ms: 12 * 3600 * 1000,
            template_dir: None,
            public_url: "http://127.0.0.1:8080".to_owned(),
            anonymous_limits: Limits::default(),
            mail_from: "Atbalsts <atbalsts@localhost>".to_owned(),
            mail_fold: std::time::Duration::ZERO,
            allow_private_fetch: false,
        }
    }
}

/// Everything a request handler may need, cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub db: Db,
    pub blobs: BlobStore,
    pub i18n: Arc<Catalogue>,
    pub templates: Templates,
    pub secret: Vec<u8>,
    pub config: WebConfig,
    pub metrics: Metrics,
    pub anonymous_limiter: RateLimiter,
    pub(crate) upload_quota: crate::uploads::UploadQuota,
    /// API callers by token hash, for a few seconds: a script making many
    /// calls costs one token lookup every few seconds. A token revoked here
    /// is forgotten at once; on other instances it stops within the TTL.
    pub(crate) api_callers: TtlCache<String, atbalsts_domain::Viewer>,
    /// Articles about each request type, for its form, for a minute: every
    /// form page would otherwise search again for the same words.
    pub(crate) related_articles:
        TtlCache<(i64, atbalsts_domain::Locale), Vec<crate::search::Suggestion>>,
    /// Desks by key prefix and ticket types by desk and code (only those
    /// found), for a few seconds: every API create looks both up.
    pub(crate) desks: TtlCache<String, atbalsts_store::desks::Desk>,
    pub(crate) ticket_types: TtlCache<(i64, String), atbalsts_store::workflows::TicketType>,
    pub composer: atbalsts_mail::compose::Composer,
    /// This instance's full-text index (kept current by `SearchService::run`,
    /// which the server spawns).
    pub search: atbalsts_search::SearchService,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// Builds the state; reads (or makes) the installation secret.
    pub async fn new(
        db: Db,
        blobs: BlobStore,
        search: atbalsts_search::SearchService,
        config: WebConfig,
    ) -> Result<Self, atbalsts_store::StoreError> {
        let secret = atbalsts_store::settings::server_secret(&db).await?;
        let i18n = Arc::new(Catalogue::load());
        let templates = Templates::new(i18n.clone(), config.template_dir.clone());
        let metrics = Metrics::new();
        let anonymous_limiter = RateLimiter::new(config.anonymous_limits);
        let composer = atbalsts_mail::compose::Composer::new(
            i18n.clone(),
            &config.public_url,
            &config.mail_from,
        )
        .with_fold_window(config.mail_fold);
        Ok(Self(Arc::new(Inner {
            api_callers: TtlCache::new(Duration::from_secs(5)),
            related_articles: TtlCache::new(Duration::from_secs(60)),
            desks: TtlCache::new(Duration::from_secs(5)),
            ticket_types: TtlCache::new(Duration::from_secs(5)),
            anonymous_limiter,
            upload_quota: crate::uploads::UploadQuota::new(config.upload_quota_bytes_per_hour),
            composer,
            search,
            db,
            blobs,
            i18n,
            templates,
            secret,
            config,
            metrics,
        })))
    }
}

impl AppState {
    /// The desk with this key prefix (any case), remembered for a few seconds.
    pub(crate) async fn desk_by_prefix(
        &self,
        prefix: &str,
    ) -> Result<Option<atbalsts_store::desks::Desk>, atbalsts_store::StoreError> {
        let prefix = prefix.to_ascii_uppercase();
        if let Some(found) = self.desks.get(&prefix) {
            return Ok(Some(found));
        }
        let found = atbalsts_store::desks::desk_by_prefix(&self.db, &prefix).await?;
        if let Some(desk) = &found {
            self.desks.put(prefix, desk.clone());
        }
        Ok(found)
    }

    /// The desk's ticket type with this code, remembered for a few seconds.
    pub(crate) async fn ticket_type(
        &self,
        desk_id: i64,
        code: &str,
    ) -> Result<Option<atbalsts_store::workflows::TicketType>, atbalsts_store::StoreError> {
        let key = (desk_id, code.to_owned());
        if let Some(found) = self.ticket_types.get(&key) {
            return Ok(Some(found));
        }
        let found = atbalsts_store::workflows::ticket_type_by_code(&self.db, desk_id, code).await?;
        if let Some(tt) = &found {
            self.ticket_types.put(key, tt.clone());
        }
        Ok(found)
    }
}
