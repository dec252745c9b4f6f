//! Cleaning takes time in proportion to a document's size whatever its
//! shape: hostile nesting costs no more than flat markup of the same size.
//! Ratios, not wall-clock limits: each case is timed against a flat
//! document of the same length cleaned on the same machine, best of three.

use atbalsts_richtext::{clean, Images};
use std::time::{Duration, Instant};

fn best_of_three(html: &str) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(clean(html, Images::Embedded));
            start.elapsed()
        })
        .min()
        .unwrap()
}

/// Ordinary markup (closed paragraphs with a little formatting), `len` bytes.
fn flat(len: usize) -> String {
    let unit = "<p>Labdien, <b>printeris</b> neiet.</p>\n";
    unit.repeat(len / unit.len() + 1)
}

fn hostile(depth: usize) -> Vec<(&'static str, String)> {
    vec![
        (
            "nested divs",
            format!("{}teksts{}", "<div>".repeat(depth), "</div>".repeat(depth)),
        ),
        (
            "unclosed formatting",
            format!("{}teksts", "<b id=a>x".repeat(depth)),
        ),
        (
            "formatting reopened after each block",
            format!("{}teksts", "<div><font id=f></div>x".repeat(depth)),
        ),
        (
            "nested tables",
            format!("{}teksts", "<table><tr><td>".repeat(depth)),
        ),
    ]
}

fn assert_linear(depth: usize) {
    for (name, html) in hostile(depth) {
        let deep = best_of_three(&html);
        let flat = best_of_three(&flat(html.len()));
        let ratio = deep.as_secs_f64() / flat.as_secs_f64();
        eprintln!("{name} ×{depth}: {deep:?} vs flat {flat:?} (×{ratio:.2})");
        assert!(
            ratio < 5.0,
            "{name} ×{depth} took {deep:?}, flat markup of the same size {flat:?}"
        );
        let cleaned = clean(&html, Images::Embedded);
        assert!(cleaned.contains("teksts"), "{name}: the text is lost");
    }
}

/// One test, so the timings do not compete with each other.
#[test]
fn mail_nested_40_000_and_80_000_deep_cleans_about_as_fast_as_flat_markup() {
    assert_linear(40_000);
    assert_linear(80_000);
}
