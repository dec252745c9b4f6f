//! Attachment contents, stored under the data directory by content hash:
//! the same file uploaded twice is kept once, and a file is written (and
//! synced) before the row that names it is committed.

use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct BlobStore {
    root: PathBuf,
}

impl BlobStore {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    fn path_of(&self, sha256: &str) -> Option<PathBuf> {
        let valid = sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit());
        valid.then(|| self.root.join(&sha256[..2]).join(sha256))
    }

    /// The name `bytes` are stored under: their SHA-256 in hex.
    pub fn digest(bytes: &[u8]) -> String {
        hex::encode(Sha256::digest(bytes))
    }

    /// Stores `bytes`; returns their SHA-256 in hex.
    pub fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let sha = Self::digest(bytes);
        let path = self.path_of(&sha).expect("hex digest");
        if path.exists() {
            return Ok(sha);
        }
        let dir = path.parent().expect("blob path has a parent");
        std::fs::create_dir_all(dir)?;
        let mut tmp = tempfile_in(dir)?;
        tmp.1.write_all(bytes)?;
        tmp.1.sync_all()?;
        std::fs::rename(&tmp.0, &path)?;
        Ok(sha)
    }

    pub fn read(&self, sha256: &str) -> std::io::Result<Vec<u8>> {
        let path = self
            .path_of(sha256)
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "bad blob id"))?;
        std::fs::read(path)
    }

    /// Whether a blob of this name is stored.
    pub fn contains(&self, sha256: &str) -> bool {
        self.path_of(sha256).is_some_and(|p| p.exists())
    }

    /// Removes a blob; one already gone is no error. The caller checks
    /// that nothing names it any more (blobs are shared by content).
    pub fn delete(&self, sha256: &str) -> std::io::Result<()> {
        let Some(path) = self.path_of(sha256) else {
            return Ok(());
        };
        match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
}

fn tempfile_in(dir: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    use rand::RngCore;
    let mut n = [0u8; 8];
    rand::thread_rng().fill_bytes(&mut n);
    let path = dir.join(format!(".tmp-{}", hex::encode(n)));
    let file = std::fs::File::create(&path)?;
    Ok((path, file))
}
