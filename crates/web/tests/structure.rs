//! The web crate's layout (issue 16): feature folders import only shared
//! modules (`crate::http`, `crate::forms`, `crate::dates`, …) and the lower
//! crates, never each other, so no import circle spans feature folders; and
//! every feature module has its own `routes()`.

use std::fs;
use std::path::{Path, PathBuf};

/// The feature folders under `crates/web/src/`.
const FEATURES: &[&str] = &[
    "account",
    "admin",
    "api",
    "auth",
    "knowledge",
    "ops",
    "portal",
    "reports",
    "requests",
    "search",
    "tickets",
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, at most a few levels deep.
fn rust_files(dir: &Path, depth: u8, out: &mut Vec<PathBuf>) {
    if depth == 0 {
        return;
    }
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, depth - 1, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The features `text` names through `crate::`: `crate::tickets::…`, and the
/// names in `use crate::{…}` groups (`use crate::{tickets, AppState}`).
fn features_named(text: &str) -> Vec<&'static str> {
    let mut named = Vec::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        let words: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            group[..end]
                .split([',', ' ', '\n'])
                .map(|w| w.split("::").next().unwrap_or(""))
                .collect()
        } else {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            vec![&rest[..end]]
        };
        for w in words {
            if let Some(f) = FEATURES.iter().find(|f| **f == w.trim()) {
                named.push(*f);
            }
        }
    }
    named
}

/// `feature/file.rs names crate::other` for every import across feature folders.
fn crossings() -> Vec<String> {
    let mut found = Vec::new();
    for feature in FEATURES {
        let mut files = Vec::new();
        rust_files(&src().join(feature), 4, &mut files);
        assert!(!files.is_empty(), "no sources for feature {feature}");
        for file in files {
            let text = fs::read_to_string(&file).expect("source file");
            for other in features_named(&text) {
                if other != *feature {
                    let rel = file.strip_prefix(src()).unwrap_or(&file);
                    found.push(format!("{} names crate::{other}", rel.display()));
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

#[test]
fn no_feature_folder_imports_another_feature_folder() {
    let found = crossings();
    assert!(
        found.is_empty(),
        "feature folders must import only shared modules; move the item to a shared module:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_paths_and_use_groups() {
    assert_eq!(
        features_named("let k = crate::tickets::parse_key(raw);"),
        ["tickets"]
    );
    assert_eq!(
        features_named("use crate::{\n    knowledge::report, AppState,\n};"),
        ["knowledge"]
    );
    assert!(features_named("use crate::http::see_other; use crate::{AppError, Ctx};").is_empty());
}

#[test]
fn every_feature_module_has_its_own_routes() {
    for feature in FEATURES {
        let text = fs::read_to_string(src().join(feature).join("mod.rs")).expect("mod.rs");
        assert!(
            text.contains("fn routes("),
            "{feature}/mod.rs has no routes()"
        );
    }
    let router = fs::read_to_string(src().join("router.rs")).expect("router.rs");
    assert!(
        !router.contains(".route(\"/tickets") && !router.contains(".route(\"/login"),
        "router.rs merges the features' routes and registers none of theirs"
    );
}
