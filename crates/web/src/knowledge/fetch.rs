//! Fetching a web page or picture for an import, without letting an
//! address typed into a form reach inside our network: the host is
//! resolved here, every address it has is checked, and the connection is
//! pinned to the checked address so a second DNS answer cannot swap it.
//! Redirects are followed by hand, each checked the same way. Sizes and
//! time are bounded. Internal addresses are allowed only when an
//! administrator said so (`WebConfig::allow_private_fetch`).

use reqwest::{Client, Url};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;
use tokio::time::Instant;

const MAX_REDIRECTS: usize = 5;

/// Why a fetch failed, as the translation key the person sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FetchError {
    /// Not an `http(s)://` address with a host.
    Address,
    /// The host is (or resolves to) a private, loopback, link-local or
    /// otherwise internal address.
    Private,
    /// No answer, no such host, or an error status.
    Unreachable,
    TooSlow,
    TooLarge,
    /// Not the kind of content asked for.
    WrongType,
}

impl FetchError {
    pub fn code(self) -> &'static str {
        match self {
            FetchError::Address => "error-kb-url",
            FetchError::Private => "error-kb-import-private",
            FetchError::Unreachable => "error-kb-import-unreachable",
            FetchError::TooSlow => "error-kb-import-slow",
            FetchError::TooLarge => "error-kb-import-too-large",
            FetchError::WrongType => "error-kb-import-not-html",
        }
    }
}

#[derive(Debug)]
pub(crate) struct Fetched {
    /// Where the content came from after redirects.
    pub url: Url,
    /// Lower case, without parameters (`text/html`).
    pub content_type: String,
    /// The `charset` parameter of the content type, if any.
    pub charset: Option<String>,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone)]
pub(crate) struct Fetcher {
    pub allow_private: bool,
    pub max_bytes: usize,
    /// The most one fetch may take.
    pub timeout: Duration,
    /// No fetch goes on past this moment (a whole import's budget).
    pub deadline: Instant,
}

impl Fetcher {
    /// Fetches `url` if its content type passes `accept`.
    pub async fn get(&self, url: &str, accept: fn(&str) -> bool) -> Result<Fetched, FetchError> {
        let url = Url::parse(url.trim()).map_err(|_| FetchError::Address)?;
        let left = self.deadline.saturating_duration_since(Instant::now());
        let limit = self.timeout.min(left);
        tokio::time::timeout(limit, self.follow(url, accept, limit))
            .await
            .map_err(|_| FetchError::TooSlow)?
    }

    async fn follow(
        &self,
        mut url: Url,
        accept: fn(&str) -> bool,
        limit: Duration,
    ) -> Result<Fetched, FetchError> {
        for _ in 0..=MAX_REDIRECTS {
            let client = self.pinned_client(&url, limit).await?;
            let mut response = client.get(url.clone()).send().await.map_err(|e| {
                tracing::info!(%url, error = %e, "import fetch failed");
                if e.is_timeout() {
                    FetchError::TooSlow
                } else {
                    FetchError::Unreachable
                }
            })?;
            let status = response.status();
            if status.is_redirection() {
                let next = response
                    .headers()
                    .get(reqwest::header::LOCATION)
                    .and_then(|l| l.to_str().ok())
                    .and_then(|l| url.join(l).ok())
                    .ok_or(FetchError::Unreachable)?;
                url = next;
                continue;
            }
            if !status.is_success() {
                tracing::info!(%url, %status, "import fetch answered an error");
                return Err(FetchError::Unreachable);
            }
            let header = response
                .headers()
                .get(reqwest::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_ascii_lowercase();
            let mut params = header.split(';').map(str::trim);
            let content_type = params.next().unwrap_or("").to_owned();
            let charset = params
                .find_map(|p| p.strip_prefix("charset="))
                .map(|c| c.trim_matches('"').to_owned());
            if !accept(&content_type) {
                return Err(FetchError::WrongType);
            }
            if response
                .content_length()
                .is_some_and(|n| n > self.max_bytes as u64)
            {
                return Err(FetchError::TooLarge);
            }
            let mut bytes = Vec::new();
            while let Some(chunk) = response
                .chunk()
                .await
                .map_err(|_| FetchError::Unreachable)?
            {
                if bytes.len() + chunk.len() > self.max_bytes {
                    return Err(FetchError::TooLarge);
                }
                bytes.extend_from_slice(&chunk);
            }
            return Ok(Fetched {
                url,
                content_type,
                charset,
                bytes,
            });
        }
        Err(FetchError::Unreachable)
    }

    /// A client that reaches `url`'s host only at an address checked here.
    async fn pinned_client(&self, url: &Url, limit: Duration) -> Result<Client, FetchError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(FetchError::Address);
        }
        let port = url.port_or_known_default().ok_or(FetchError::Address)?;
        let builder = Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // A proxy from the environment would resolve the name again.
            .no_proxy()
            .timeout(limit)
            .connect_timeout(limit)
            .user_agent(concat!(
                "Atbalsts/",
                env!("CARGO_PKG_VERSION"),
                " (knowledge import)"
            ));
        let host = url.host_str().ok_or(FetchError::Address)?;
        let literal = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>();
        let builder = match literal {
            Ok(ip) => {
                self.check(ip)?;
                builder
            }
            Err(_) => {
                let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host, port))
                    .await
                    .map_err(|_| FetchError::Unreachable)?
                    .collect();
                let first = *addrs.first().ok_or(FetchError::Unreachable)?;
                for a in &addrs {
                    self.check(a.ip())?;
                }
                builder.resolve(host, first)
            }
        };
        builder.build().map_err(|e| {
            tracing::error!(error = %e, "import client could not be built");
            FetchError::Unreachable
        })
    }

    fn check(&self, ip: IpAddr) -> Result<(), FetchError> {
        if self.allow_private || is_public(ip) {
            Ok(())
        } else {
            tracing::info!(%ip, "import refused: internal address");
            Err(FetchError::Private)
        }
    }
}

/// Whether an address is on the public internet: not loopback, private,
/// link-local, unique-local, shared (carrier NAT), multicast, reserved or
/// for documentation; IPv4 inside IPv6 is judged as IPv4.
pub(crate) fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || a >= 240
        || (a == 100 && (64..128).contains(&b))
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b == 18 || b == 19)))
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let s = ip.segments();
    let embedded_v4 = |hi: u16, lo: u16| Ipv4Addr::from(((hi as u32) << 16) | lo as u32);
    match s {
        // NAT64 (64:ff9b::/96 and the local-use 64:ff9b:1::/48).
        [0x64, 0xff9b, 0, 0, 0, 0, hi, lo] => is_public_v4(embedded_v4(hi, lo)),
        [0x64, 0xff9b, 1, ..] => false,
        // 6to4 carries an IPv4 address in its second and third groups.
        [0x2002, hi, lo, ..] => is_public_v4(embedded_v4(hi, lo)),
        // ::/96 (unspecified, loopback, the old IPv4-compatible form).
        [0, 0, 0, 0, 0, 0, _, _] => false,
        // Discard-only 100::/64.
        [0x100, 0, 0, 0, ..] => false,
        // Documentation 2001:db8::/32.
        [0x2001, 0xdb8, ..] => false,
        [first, ..] => {
            !((first & 0xfe00) == 0xfc00 // unique local fc00::/7
                || (first & 0xffc0) == 0xfe80 // link-local fe80::/10
                || (first & 0xffc0) == 0xfec0 // old site-local fec0::/10
                || (first & 0xff00) == 0xff00) // multicast
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_public;
    use std::net::IpAddr;

    fn public(s: &str) -> bool {
        is_public(s.parse::<IpAddr>().unwrap())
    }

    #[test]
    fn internal_addresses_are_not_public() {
        for internal in [
            "127.0.0.1",
            "127.8.9.10",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "224.0.0.1",
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:c0a8:0101::1",
            "2001:db8::1",
        ] {
            assert!(!public(internal), "{internal} must be refused");
        }
    }

    #[test]
    fn internet_addresses_are_public() {
        for open in [
            "195.244.142.1",
            "8.8.8.8",
            "172.32.0.1",
            "100.128.0.1",
            "2a02:d40::1",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
        ] {
            assert!(public(open), "{open} is on the internet");
        }
    }
}
