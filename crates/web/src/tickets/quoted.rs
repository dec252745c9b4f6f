//! Folding quoted history and signatures out of a message's text: shown
//! behind a disclosure, never deleted.

/// Splits `text` into what the person wrote now and what they quoted or
/// signed below it (attribution lines, `>` quotes, Outlook header blocks,
/// the `-- ` signature delimiter).
pub fn split(text: &str) -> (&str, &str) {
    let mut offset = 0;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        let l = line.trim_end();
        let trimmed = l.trim();
        let lower = trimmed.to_lowercase();
        let attribution = (lower.ends_with("wrote:")
            || lower.ends_with("rakstīja:")
            || lower.ends_with("schrieb:"))
            && i + 1 < lines.len();
        let quote = trimmed.starts_with('>');
        let signature = l == "-- " || l == "--";
        let outlook = (lower.starts_with("from:")
            || lower.starts_with("no:")
            || lower.starts_with("-----original message"))
            && lines.get(i + 1).is_some_and(|n| {
                let n = n.trim().to_lowercase();
                n.starts_with("sent:")
                    || n.starts_with("nosūtīts:")
                    || n.starts_with("date:")
                    || n.starts_with("from:")
            });
        let forwarded = lower.starts_with("---------- forwarded message")
            || lower.starts_with("-----original message-----");
        if (attribution || quote || signature || outlook) && !forwarded && offset > 0 {
            let (main, rest) = text.split_at(offset);
            return (main.trim_end(), rest);
        }
        offset += line.len();
    }
    (text, "")
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn quoted_history_and_signatures_are_folded_below_the_new_text() {
        let (main, rest) =
            split("Paldies, strādā.\n\n23.11.2026 10:15, KISC rakstīja:\n> Lūdzu, pārbaudiet.\n");
        assert_eq!(main, "Paldies, strādā.");
        assert!(rest.starts_with("23.11.2026"));
        let (main, rest) =
            split("Atkārtojas.\n\nFrom: KISC <a@kisc.lv>\nSent: Monday\nSubject: x\n");
        assert_eq!(main, "Atkārtojas.");
        assert!(rest.starts_with("From:"));
        let (main, rest) = split("Teksts\n-- \nJānis Bērziņš\nLNB");
        assert_eq!((main, rest), ("Teksts", "-- \nJānis Bērziņš\nLNB"));
        assert_eq!(
            split("> tikai citāts"),
            ("> tikai citāts", ""),
            "nothing new: shown whole"
        );
        assert_eq!(split("Bez citāta."), ("Bez citāta.", ""));
    }
}
