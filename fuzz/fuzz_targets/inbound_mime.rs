//! Any bytes through the pure half of inbound mail (`inbound::read`): no
//! panic, and what comes out is bounded by what went in and usable as it
//! stands (text present or absent, never blank; files within the limit and
//! named by their content's hash).

#![no_main]

use atbalsts_mail::inbound::{read, Limits};
use libfuzzer_sys::fuzz_target;
use sha2::{Digest, Sha256};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_attachment_bytes: 64 * 1024,
    };
    let Some(intake) = read(data, limits) else {
        return;
    };
    // Decoding (charsets, entities) at most quadruples the bytes it reads.
    let bound = 4 * data.len() + 64;
    if let Some(text) = &intake.text {
        assert!(!text.trim().is_empty(), "a blank description");
        assert!(text.len() <= bound, "{} bytes of text from {}", text.len(), data.len());
    }
    assert!(intake.subject.len() <= bound);
    if let Some(html) = &intake.html {
        // Links gain a `rel` attribute; everything else shrinks or stays.
        assert!(html.len() <= 16 * data.len() + 1024, "{} bytes of HTML", html.len());
        assert!(!html.to_ascii_lowercase().contains("<script"));
    }
    assert_eq!(intake.content_hash.len(), 64);
    for f in &intake.files {
        assert!(f.bytes.len() <= limits.max_attachment_bytes && !f.bytes.is_empty());
        let sha: String = Sha256::digest(&f.bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(sha, f.sha256);
        assert!(!f.filename.trim().is_empty());
    }
    for (_, size) in &intake.too_large {
        assert!(*size > limits.max_attachment_bytes);
    }
});
