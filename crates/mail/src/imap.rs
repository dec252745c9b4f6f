//! Polling IMAP mailboxes. One instance at a time polls a mailbox (a lease
//! in the database); new messages are found by UID above the last one
//! processed (per UIDVALIDITY), handed to `Inbound`, flagged `\Seen`, and
//! the position is saved after each. A crash, a restart or a second
//! instance at worst fetches a message again, and `Inbound` recognises it
//! by its Message-ID: every message becomes exactly one ticket or comment.

use crate::inbound::{Inbound, Outcome};
use atbalsts_store::{desks, mail, Db};
use futures::StreamExt;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;

/// At most this many messages per poll, so one poll stays short.
const BATCH: usize = 100;
/// How long a poll may hold its mailbox.
const LEASE_MS: i64 = 5 * 60 * 1000;

/// `KISC=imap://user:password@host:143/INBOX` (or `imaps://` for TLS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    pub desk: String,
    pub tls: bool,
    pub host: String,
    pub port: u16,
    pub user: String,
    pub password: String,
    pub folder: String,
}

impl Mailbox {
    pub fn parse(spec: &str) -> Result<Self, String> {
        let bad = || {
            format!("mailbox {spec:?}: expected DESK=imap[s]://user:password@host[:port]/FOLDER")
        };
        let (desk, url) = spec.split_once('=').ok_or_else(bad)?;
        let (scheme, rest) = url.split_once("://").ok_or_else(bad)?;
        let tls = match scheme {
            "imap" => false,
            "imaps" => true,
            _ => return Err(bad()),
        };
        let (auth, rest) = rest.rsplit_once('@').ok_or_else(bad)?;
        let (user, password) = auth.split_once(':').ok_or_else(bad)?;
        let (hostport, folder) = rest.split_once('/').unwrap_or((rest, "INBOX"));
        let (host, port) = match hostport.rsplit_once(':') {
            Some((h, p)) => (h, p.parse().map_err(|_| bad())?),
            None => (hostport, if tls { 993 } else { 143 }),
        };
        Ok(Self {
            desk: desk.trim().to_owned(),
            tls,
            host: host.to_owned(),
            port,
            user: decode(user),
            password: decode(password),
            folder: if folder.is_empty() {
                "INBOX".into()
            } else {
                decode(folder)
            },
        })
    }

    /// The mailbox's name in the database: no password in it.
    pub fn name(&self) -> String {
        format!(
            "{}|{}@{}:{}/{}",
            self.desk, self.user, self.host, self.port, self.folder
        )
    }
}

/// `%40` and friends in the user and password of a URL.
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What one poll did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PollReport {
    pub fetched: usize,
    pub outcomes: Vec<Outcome>,
    /// Another instance held the mailbox.
    pub skipped: bool,
}

pub struct Poller {
    db: Db,
    inbound: Inbound,
    worker: String,
}

impl Poller {
    pub fn new(db: Db, inbound: Inbound, worker: impl Into<String>) -> Self {
        Self {
            db,
            inbound,
            worker: worker.into(),
        }
    }

    /// Polls a mailbox once.
    pub async fn poll(&self, mailbox: &Mailbox) -> Result<PollReport, String> {
        let name = mailbox.name();
        let Some((stored_validity, last_uid)) =
            mail::lease_mailbox(&self.db, &name, &self.worker, LEASE_MS)
                .await
                .map_err(|e| e.to_string())?
        else {
            return Ok(PollReport {
                skipped: true,
                ..Default::default()
            });
        };
        let result = self
            .poll_leased(mailbox, &name, stored_validity, last_uid)
            .await;
        let _ = mail::release_mailbox(&self.db, &name, &self.worker).await;
        result
    }

    async fn poll_leased(
        &self,
        mailbox: &Mailbox,
        name: &str,
        stored_validity: i64,
        last_uid: i64,
    ) -> Result<PollReport, String> {
        let desk = desks::desk_by_prefix(&self.db, &mailbox.desk)
            .await
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("no desk {}", mailbox.desk))?;
        let tcp = tokio::time::timeout(
            Duration::from_secs(30),
            TcpStream::connect((mailbox.host.as_str(), mailbox.port)),
        )
        .await
        .map_err(|_| "IMAP: connection timed out".to_owned())?
        .map_err(|e| format!("IMAP: {e}"))?;
        if mailbox.tls {
            let stream = tls_connect(&mailbox.host, tcp).await?;
            self.session(stream, mailbox, name, &desk, stored_validity, last_uid)
                .await
        } else {
            self.session(tcp, mailbox, name, &desk, stored_validity, last_uid)
                .await
        }
    }

    async fn session<S>(
        &self,
        stream: S,
        mailbox: &Mailbox,
        name: &str,
        desk: &desks::Desk,
        stored_validity: i64,
        last_uid: i64,
    ) -> Result<PollReport, String>
    where
        S: AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug,
    {
        let err = |e: async_imap::error::Error| format!("IMAP: {e}");
        let mut client = async_imap::Client::new(stream);
        client
            .read_response()
            .await
            .map_err(|e| format!("IMAP greeting: {e}"))?;
        let mut session = client
            .login(&mailbox.user, &mailbox.password)
            .await
            .map_err(|(e, _)| format!("IMAP login: {e}"))?;
        let selected = session.select(&mailbox.folder).await.map_err(err)?;
        let validity = i64::from(selected.uid_validity.unwrap_or(0));
        // A new UIDVALIDITY renumbers the mailbox: start again from the
        // beginning; messages already processed are recognised by Message-ID.
        let mut last = if validity == stored_validity {
            last_uid
        } else {
            0
        };
        let mut uids: Vec<u32> = session
            .uid_search(format!("UID {}:*", last + 1))
            .await
            .map_err(err)?
            .into_iter()
            .filter(|u| i64::from(*u) > last)
            .collect();
        uids.sort_unstable();
        uids.truncate(BATCH);
        let mut report = PollReport::default();
        for uid in uids {
            let raw = {
                let mut fetches = session
                    .uid_fetch(uid.to_string(), "BODY.PEEK[]")
                    .await
                    .map_err(err)?;
                let mut body = None;
                while let Some(f) = fetches.next().await {
                    let f = f.map_err(err)?;
                    if let Some(b) = f.body() {
                        body = Some(b.to_vec());
                    }
                }
                body
            };
            let Some(raw) = raw else {
                continue;
            };
            report.fetched += 1;
            let outcome = self
                .inbound
                .receive(desk, &raw)
                .await
                .map_err(|e| format!("storing mail: {e}"))?;
            {
                let mut stored = session
                    .uid_store(uid.to_string(), "+FLAGS.SILENT (\\Seen)")
                    .await
                    .map_err(err)?;
                while stored.next().await.is_some() {}
            }
            last = i64::from(uid);
            mail::advance_mailbox(&self.db, name, &self.worker, validity, last)
                .await
                .map_err(|e| e.to_string())?;
            report.outcomes.push(outcome);
        }
        if report.fetched == 0 && validity != stored_validity {
            mail::advance_mailbox(&self.db, name, &self.worker, validity, last)
                .await
                .map_err(|e| e.to_string())?;
        }
        let _ = session.logout().await;
        Ok(report)
    }

    /// Polls every mailbox every `interval` until `shutdown` turns true.
    pub async fn run(
        self,
        mailboxes: Vec<Mailbox>,
        interval: Duration,
        mut shutdown: tokio::sync::watch::Receiver<bool>,
    ) {
        loop {
            for m in &mailboxes {
                match self.poll(m).await {
                    Ok(r) if r.fetched > 0 => {
                        tracing::info!(mailbox = %m.name(), fetched = r.fetched, "mail fetched")
                    }
                    Ok(_) => {}
                    Err(e) => {
                        tracing::warn!(mailbox = %m.name(), error = %e, "mailbox poll failed")
                    }
                }
            }
            tokio::select! {
                _ = tokio::time::sleep(interval) => {}
                _ = shutdown.changed() => return,
            }
            if *shutdown.borrow() {
                return;
            }
        }
    }
}

async fn tls_connect(
    host: &str,
    tcp: TcpStream,
) -> Result<tokio_rustls::client::TlsStream<TcpStream>, String> {
    use std::sync::Arc;
    let mut roots = tokio_rustls::rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    let config = tokio_rustls::rustls::ClientConfig::builder_with_provider(Arc::new(
        tokio_rustls::rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| format!("TLS: {e}"))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    let name = tokio_rustls::rustls::pki_types::ServerName::try_from(host.to_owned())
        .map_err(|e| format!("TLS name {host}: {e}"))?;
    tokio_rustls::TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await
        .map_err(|e| format!("TLS: {e}"))
}

#[cfg(test)]
mod tests {
    use super::Mailbox;

    #[test]
    fn mailboxes_are_written_as_urls_per_desk() {
        let m = Mailbox::parse("KISC=imaps://pieteikumi%40kisc.lv:sl%C4%93pens@mail.kisc.lv/INBOX")
            .unwrap();
        assert_eq!(m.desk, "KISC");
        assert!(m.tls);
        assert_eq!((m.host.as_str(), m.port), ("mail.kisc.lv", 993));
        assert_eq!(m.user, "pieteikumi@kisc.lv");
        assert_eq!(m.password, "slēpens");
        assert_eq!(m.name(), "KISC|pieteikumi@kisc.lv@mail.kisc.lv:993/INBOX");
        let plain = Mailbox::parse("KISC=imap://a:b@127.0.0.1:14143").unwrap();
        assert_eq!(
            (plain.port, plain.folder.as_str(), plain.tls),
            (14143, "INBOX", false)
        );
        assert!(Mailbox::parse("imap://a:b@host").is_err());
        assert!(Mailbox::parse("KISC=pop3://a:b@host").is_err());
    }
}
