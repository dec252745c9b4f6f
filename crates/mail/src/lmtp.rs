//! An LMTP listener (RFC 2033) for sites whose MTA delivers to Atbalsts
//! directly. Each recipient address maps to a desk; after DATA every
//! accepted recipient gets its own answer: 250 once the message is taken
//! care of (a ticket, a comment, ignored or quarantined), 451 when the
//! database failed and the MTA should try again.

use crate::inbound::Inbound;
use atbalsts_store::{desks, Db};
use std::sync::Arc;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// Largest message taken, bytes.
const MAX_MESSAGE: usize = 50 * 1024 * 1024;

/// `pieteikumi@kisc.lv=KISC`: mail to this address goes to this desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub address: String,
    pub desk: String,
}

impl Route {
    pub fn parse(spec: &str) -> Result<Self, String> {
        let (address, desk) = spec
            .split_once('=')
            .filter(|(a, d)| a.contains('@') && !d.is_empty())
            .ok_or_else(|| format!("LMTP route {spec:?}: expected address@domain=DESK"))?;
        Ok(Self {
            address: address.trim().to_lowercase(),
            desk: desk.trim().to_owned(),
        })
    }
}

/// Serves LMTP on `listener` until `shutdown` turns true.
pub async fn serve(
    listener: TcpListener,
    db: Db,
    inbound: Inbound,
    routes: Vec<Route>,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
) {
    let shared = Arc::new((db, inbound, routes));
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    let shared = shared.clone();
                    tokio::spawn(async move {
                        if let Err(e) = session(stream, &shared.0, &shared.1, &shared.2).await {
                            tracing::info!(%peer, error = %e, "LMTP session ended");
                        }
                    });
                }
                Err(e) => tracing::warn!(error = %e, "LMTP accept failed"),
            },
            _ = shutdown.changed() => return,
        }
    }
}

fn address_in(arg: &str) -> String {
    let inner = match (arg.find('<'), arg.rfind('>')) {
        (Some(a), Some(b)) if a < b => &arg[a + 1..b],
        _ => arg.split_whitespace().next().unwrap_or(""),
    };
    inner.trim().to_lowercase()
}

async fn session(
    stream: TcpStream,
    db: &Db,
    inbound: &Inbound,
    routes: &[Route],
) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    write.write_all(b"220 atbalsts LMTP ready\r\n").await?;
    let mut recipients: Vec<String> = Vec::new();
    let mut sender_given = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).await? == 0 {
            return Ok(());
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end();
        let (verb, arg) = text.split_once(' ').unwrap_or((text, ""));
        let reply: String = match verb.to_ascii_uppercase().as_str() {
            "LHLO" => "250-atbalsts\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-ENHANCEDSTATUSCODES\r\n250 SIZE 52428800".into(),
            "MAIL" => {
                sender_given = true;
                recipients.clear();
                "250 2.1.0 OK".into()
            }
            "RCPT" if !sender_given => "503 5.5.1 MAIL first".into(),
            "RCPT" => {
                let to = address_in(arg.trim_start_matches(|c| c != ':').trim_start_matches(':'));
                if routes.iter().any(|r| r.address == to) {
                    recipients.push(to);
                    "250 2.1.5 OK".into()
                } else {
                    "550 5.1.1 no desk takes mail for this address".into()
                }
            }
            "DATA" if recipients.is_empty() => "503 5.5.1 no valid recipients".into(),
            "DATA" => {
                write.write_all(b"354 go ahead; end with <CRLF>.<CRLF>\r\n").await?;
                let message = read_data(&mut reader).await?;
                let mut answers = Vec::new();
                for to in recipients.drain(..) {
                    answers.push(match &message {
                        None => "552 5.3.4 message too big".to_owned(),
                        Some(raw) => deliver(db, inbound, routes, &to, raw).await,
                    });
                }
                sender_given = false;
                answers.join("\r\n")
            }
            "RSET" => {
                recipients.clear();
                sender_given = false;
                "250 2.0.0 OK".into()
            }
            "NOOP" => "250 2.0.0 OK".into(),
            "QUIT" => {
                write.write_all(b"221 2.0.0 bye\r\n").await?;
                return Ok(());
            }
            _ => "500 5.5.2 unknown command".into(),
        };
        write.write_all(reply.as_bytes()).await?;
        write.write_all(b"\r\n").await?;
    }
}

/// Reads the message up to the lone dot, undoing dot-stuffing; `None` when
/// it is larger than the limit (it is read to the end all the same).
async fn read_data<R: AsyncBufReadExt + Unpin>(reader: &mut R) -> std::io::Result<Option<Vec<u8>>> {
    let mut out = Vec::new();
    let mut too_big = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        if line == b".\r\n" || line == b".\n" {
            return Ok((!too_big).then_some(out));
        }
        let content = if line.starts_with(b"..") {
            &line[1..]
        } else {
            &line[..]
        };
        if out.len() + content.len() > MAX_MESSAGE {
            too_big = true;
            out.clear();
        } else if !too_big {
            out.extend_from_slice(content);
        }
    }
}

async fn deliver(db: &Db, inbound: &Inbound, routes: &[Route], to: &str, raw: &[u8]) -> String {
    let Some(route) = routes.iter().find(|r| r.address == to) else {
        return "550 5.1.1 no desk".into();
    };
    let desk = match desks::desk_by_prefix(db, &route.desk).await {
        Ok(Some(d)) => d,
        Ok(None) => return format!("550 5.1.1 no desk {}", route.desk),
        Err(e) => {
            tracing::error!(error = %e, "LMTP: database unavailable");
            return "451 4.3.0 try again later".into();
        }
    };
    match inbound.receive(&desk, raw).await {
        Ok(outcome) => format!("250 2.0.0 {outcome:?}"),
        Err(e) => {
            tracing::error!(error = %e, "LMTP: could not store the message");
            "451 4.3.0 try again later".into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{address_in, Route};

    #[test]
    fn routes_and_addresses_are_read_like_an_mta_writes_them() {
        assert_eq!(
            address_in("<Pieteikumi@KISC.lv> SIZE=100"),
            "pieteikumi@kisc.lv"
        );
        assert_eq!(address_in("pieteikumi@kisc.lv"), "pieteikumi@kisc.lv");
        assert_eq!(
            Route::parse("pieteikumi@kisc.lv=KISC").unwrap().desk,
            "KISC"
        );
        assert!(Route::parse("KISC").is_err());
    }
}
