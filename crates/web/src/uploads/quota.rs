//! Bytes of files one network address may upload per hour. People behind
//! one office NAT share it, so it is generous (a full hour's worth may come
//! at once); it stops one address from filling the disk. Staff are not
//! limited: they are signed in, accountable, and upload article files and
//! catalogues in bulk.

use crate::token_bucket::{Rate, TokenBuckets};
use std::net::IpAddr;
use std::time::Instant;

pub struct UploadQuota {
    rate: Rate,
    buckets: TokenBuckets,
}

impl UploadQuota {
    pub fn new(bytes_per_hour: u64) -> Self {
        let per_hour = bytes_per_hour as f64;
        Self {
            rate: Rate {
                burst: per_hour,
                per_hour,
            },
            buckets: TokenBuckets::default(),
        }
    }

    /// Takes `bytes` from the address's allowance, or nothing when it has less left.
    pub fn allow(&self, address: Option<IpAddr>, bytes: usize) -> bool {
        self.allow_at(address, bytes, Instant::now())
    }

    fn allow_at(&self, address: Option<IpAddr>, bytes: usize, now: Instant) -> bool {
        let key = address.map_or_else(|| "unknown".to_owned(), |a| a.to_string());
        self.buckets.take_at(&[(key, self.rate)], bytes as f64, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn an_address_may_upload_its_hourly_bytes_and_more_as_the_hour_passes() {
        let quota = UploadQuota::new(3600);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        let t0 = Instant::now();
        assert!(quota.allow_at(Some(a), 3000, t0));
        assert!(!quota.allow_at(Some(a), 1000, t0));
        assert!(quota.allow_at(Some(b), 1000, t0));
        // One byte a second comes back.
        assert!(quota.allow_at(Some(a), 1000, t0 + Duration::from_secs(400)));
    }
}
