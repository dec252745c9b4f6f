//! The translation catalogue is complete in both languages, and templates
//! show no words that bypass it.

use atbalsts_i18n::{Catalogue, Locale};

#[test]
fn latvian_and_english_have_the_same_messages() {
    let lv = Catalogue::keys(Locale::Lv);
    let en = Catalogue::keys(Locale::En);
    let only_lv: Vec<_> = lv.iter().filter(|k| !en.contains(k)).collect();
    let only_en: Vec<_> = en.iter().filter(|k| !lv.contains(k)).collect();
    assert!(
        only_lv.is_empty() && only_en.is_empty(),
        "only in lv: {only_lv:?}; only in en: {only_en:?}"
    );
}

fn sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/");
    fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out)
            } else {
                out.push((
                    p.display().to_string(),
                    std::fs::read_to_string(&p).unwrap(),
                ))
            }
        }
    }
    walk(&std::path::Path::new(root).join("templates"), &mut out);
    walk(&std::path::Path::new(root).join("src"), &mut out);
    walk(&std::path::Path::new(root).join("../domain/src"), &mut out);
    walk(&std::path::Path::new(root).join("../store/src"), &mut out);
    out
}

#[test]
fn every_message_key_used_in_templates_and_code_exists_in_both_languages() {
    let cat = Catalogue::load();
    let mut missing = Vec::new();
    for (path, text) in sources() {
        // Literal keys: t("key"), and error codes "error-..." in Rust code.
        let markers: &[&str] = if path.ends_with(".rs") {
            &["\"error-"]
        } else {
            &["t(\"", "t('"]
        };
        for marker in markers.iter().copied() {
            for (i, _) in text.match_indices(marker) {
                let start = if marker == "\"error-" {
                    i + 1
                } else {
                    i + marker.len()
                };
                let key: String = text[start..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                if key.is_empty() || key.ends_with('-') {
                    continue; // a key built from parts, e.g. "priority-" ~ code
                }
                for l in [Locale::Lv, Locale::En] {
                    if !cat.has(l, &key) {
                        missing.push(format!("{path}: {key} ({l:?})"));
                    }
                }
            }
        }
    }
    for prefix in ["priority-", "channel-", "history-field-"] {
        let codes: &[&str] = match prefix {
            "priority-" => &["critical", "high", "medium", "low", "planning"],
            "channel-" => &["portal", "email", "phone", "in_person", "api", "monitoring"],
            _ => &["created", "status"],
        };
        for c in codes {
            for l in [Locale::Lv, Locale::En] {
                if !cat.has(l, &format!("{prefix}{c}")) {
                    missing.push(format!("{prefix}{c} ({l:?})"));
                }
            }
        }
    }
    missing.dedup();
    assert!(
        missing.is_empty(),
        "missing translations:\n{}",
        missing.join("\n")
    );
}

#[test]
fn templates_hold_no_hard_coded_words() {
    for (path, text) in sources().into_iter().filter(|(p, _)| p.ends_with(".html")) {
        // Drop template code, then tags; what remains is text a person reads.
        let mut s = text.clone();
        for (open, close) in [("{{", "}}"), ("{%", "%}"), ("{#", "#}"), ("<", ">")] {
            while let Some(a) = s.find(open) {
                let b = s[a..]
                    .find(close)
                    .map(|b| a + b + close.len())
                    .unwrap_or(s.len());
                s.replace_range(a..b, " ");
            }
        }
        let words: Vec<&str> = s
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        assert!(
            words.is_empty(),
            "{path} has words outside the catalogue: {words:?}"
        );
        for attr in ["placeholder=\"", "title=\"", "alt=\"", "aria-label=\""] {
            for (i, _) in text.match_indices(attr) {
                assert!(
                    text[i + attr.len()..].starts_with("{{"),
                    "{path}: {attr} must come from the catalogue"
                );
            }
        }
    }
}

#[test]
fn latvian_plurals_have_zero_one_and_other_forms() {
    let cat = Catalogue::load();
    let n = |l, count: i64| cat.t_args(l, "tickets-count", &[("count", count.into())]);
    assert_eq!(n(Locale::Lv, 1), "1 pieteikums");
    assert_eq!(n(Locale::Lv, 21), "21 pieteikums");
    assert_eq!(n(Locale::Lv, 2), "2 pieteikumi");
    assert_eq!(n(Locale::Lv, 10), "10 pieteikumu");
    assert_eq!(n(Locale::Lv, 0), "0 pieteikumu");
    assert_eq!(n(Locale::En, 1), "1 ticket");
    assert_eq!(n(Locale::En, 0), "0 tickets");
}
