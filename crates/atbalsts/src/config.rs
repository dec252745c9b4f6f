use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Settings, from defaults, then the config file, then `ATBALSTS_*` variables.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Settings {
    /// `postgres://...` or `sqlite://...`; empty: SQLite in `data_dir`.
    pub database_url: String,
    /// Where the SQLite database and attachments live.
    pub data_dir: PathBuf,
    /// This instance's search index folder; none: `{data_dir}/search`.
    /// Instances sharing a data directory on one machine each need their own.
    pub search_dir: Option<PathBuf>,
    /// Whether importing a web page into the knowledge base may fetch from
    /// private, loopback and link-local addresses (an intranet wiki).
    pub allow_private_fetch: bool,
    /// Address to listen on.
    pub listen: String,
    /// Largest uploaded file, bytes.
    pub max_upload_bytes: usize,
    /// Bytes of files one network address may upload per hour through
    /// forms and the API (staff are not limited).
    pub upload_quota_bytes_per_hour: u64,
    /// Hours the files of a rejected form are kept for the person to send
    /// it again; after that (and an hour's grace) they are deleted.
    pub held_upload_hours: u64,
    /// Bearer token that opens `/metrics` on the main address; empty: closed.
    pub metrics_token: String,
    /// A separate address that serves only `/metrics`, without a token
    /// (e.g. `127.0.0.1:9090`); empty: none.
    pub metrics_listen: String,
    /// Set when served over TLS (cookies get `Secure`).
    pub secure_cookies: bool,
    /// Directory with template overrides.
    pub template_dir: Option<PathBuf>,
    /// Database connections per instance.
    pub max_connections: u32,
    /// Log format: `text` or `json`.
    pub log_format: String,
    /// The address people reach Atbalsts at, for links in notifications;
    /// empty: `http://` + `listen`.
    pub public_url: String,
    /// Anonymous portal submissions one sender (address and email) may
    /// make at once, and per hour after that.
    pub anonymous_sender_burst: f64,
    pub anonymous_sender_per_hour: f64,
    /// The same for one network address, whatever the email (a whole
    /// office behind one NAT shares it).
    pub anonymous_address_burst: f64,
    pub anonymous_address_per_hour: f64,
    /// Outgoing mail server: `smtp://host:25`, `smtp://host:587?tls=required`
    /// (STARTTLS), `smtps://user:password@host:465`; empty: mail waits in the outbox.
    pub smtp_url: String,
    /// The sender of notifications, `Name <address@domain>`.
    pub mail_from: String,
    /// Where replies to notifications go (the desk's inbound address); empty: `mail_from`.
    pub mail_reply_to: String,
    /// Seconds a reply or status-change notification waits before it is
    /// sent; more of them to the same person about the same ticket within
    /// this time go out folded into one message. 0: each goes at once.
    pub mail_fold_seconds: u64,
    /// Hours after which an undelivered notification is marked failed.
    pub mail_fail_after_hours: u64,
    /// IMAP mailboxes polled for inbound mail, separated by spaces:
    /// `KISC=imaps://user:password@mail.example.lv/INBOX` (URL-encode `@` in names).
    pub mail_in_imap: String,
    /// Seconds between polls of each mailbox.
    pub mail_in_poll_seconds: u64,
    /// Seconds a claimed background job (such as sending a notification)
    /// stays with the instance that claimed it; after a crash it is run
    /// again once this has passed.
    pub job_lease_seconds: u64,
    /// Address to take LMTP deliveries on (e.g. `127.0.0.1:2424`); empty: none.
    pub mail_in_lmtp: String,
    /// Which recipient goes to which desk, separated by spaces:
    /// `pieteikumi@kisc.lv=KISC`.
    pub mail_in_lmtp_routes: String,
    /// The desk that takes `mail-in` messages for an unknown `--desk`
    /// (a typo in the MTA's configuration); empty: such mail is refused
    /// with exit code 67 (EX_NOUSER), so the MTA bounces it at once.
    pub mail_in_catch_all_desk: String,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            database_url: String::new(),
            data_dir: PathBuf::from("data"),
            search_dir: None,
            allow_private_fetch: false,
            listen: "127.0.0.1:8080".into(),
            max_upload_bytes: 20 * 1024 * 1024,
            upload_quota_bytes_per_hour: 200 * 1024 * 1024,
            held_upload_hours: 24,
            metrics_token: String::new(),
            metrics_listen: String::new(),
            secure_cookies: false,
            template_dir: None,
            max_connections: 16,
            log_format: "text".into(),
            public_url: String::new(),
            anonymous_sender_burst: 10.0,
            anonymous_sender_per_hour: 30.0,
            anonymous_address_burst: 120.0,
            anonymous_address_per_hour: 600.0,
            smtp_url: String::new(),
            mail_from: "Atbalsts <atbalsts@localhost>".into(),
            mail_reply_to: String::new(),
            mail_fold_seconds: 60,
            mail_fail_after_hours: 48,
            mail_in_imap: String::new(),
            mail_in_poll_seconds: 30,
            job_lease_seconds: 60,
            mail_in_lmtp: String::new(),
            mail_in_lmtp_routes: String::new(),
            mail_in_catch_all_desk: String::new(),
        }
    }
}

impl Settings {
    pub fn load(file: Option<&Path>) -> Result<Self, Box<figment::Error>> {
        let mut f = Figment::from(Serialized::defaults(Settings::default()));
        if let Some(file) = file {
            f = f.merge(Toml::file_exact(file));
        }
        f.merge(Env::prefixed("ATBALSTS_"))
            .extract()
            .map_err(Box::new)
    }

    pub fn public_url(&self) -> String {
        if self.public_url.is_empty() {
            format!("http://{}", self.listen)
        } else {
            self.public_url.trim_end_matches('/').to_owned()
        }
    }

    pub fn search_dir(&self) -> PathBuf {
        self.search_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("search"))
    }

    pub fn mail(&self) -> atbalsts_mail::outbound::MailSettings {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        atbalsts_mail::outbound::MailSettings {
            smtp_url: some(&self.smtp_url),
            from: self.mail_from.clone(),
            reply_to: some(&self.mail_reply_to),
            fail_after: std::time::Duration::from_secs(self.mail_fail_after_hours * 3600),
            fold: self.mail_fold_seconds > 0,
        }
    }

    pub fn database_url(&self) -> String {
        if self.database_url.is_empty() {
            atbalsts_store::Db::sqlite_url_in(&self.data_dir)
        } else {
            self.database_url.clone()
        }
    }
}

pub fn init_logging(settings: &Settings) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("ATBALSTS_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if settings.log_format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}
