//! Latvian folding and a light suffix-stripping stemmer.
//!
//! No published stemmer covers Latvian, so this is a small hand-written one
//! aimed at search recall on service-desk text, not at finding dictionary
//! lemmas. It works on [`fold`]ed words (lowercase ASCII, diacritics gone), so
//! `ekrans` and `ekrāns` are the same word before stemming even starts.
//!
//! # Rules
//!
//! [`stem`] does three things, in order:
//!
//! 1. **Strip one ending**: the longest ending from [`ENDINGS`] that still
//!    leaves at least [`MIN_STEM`] letters. The list holds the case endings of
//!    all six noun declensions (`-s -a -am -u -i -iem -us -os -is -im -um -ai
//!    -as -e -ei -es -em -ij …`), the adjective endings (definite `-ais -ie`
//!    fall out of `-is`/`-ie`), and the common verb endings (infinitive `-t`
//!    after a vowel, `-at -ot -iet`, reflexive `-ties -amies -aties -ies`).
//! 2. **Tidy the stem's end**: drop a final `j` (it belongs to the ending in
//!    `lietotāj-s`, `drukāj-u`, `jaunaj-am`, `idej-a`, and it is the inserted
//!    *j* of the labial alternation `zivs → zivju`, `mape → mapju`,
//!    `skapis → skapja`), then one final vowel (the verb theme vowel of
//!    `druka-t`/`drukā`, the `-o` of definite `jauno`, the `-i-` of `-ija`
//!    nouns). Both steps keep [`MIN_STEM`] letters.
//! 3. **Merge consonant alternation**: on stems of four or more letters a
//!    final `d` becomes `z` and a final `t` becomes `s`, so `iestāde/iestāžu`,
//!    `sieviete/sieviešu`, `nakts/nakšu`, `sirds/siržu` meet. The other
//!    alternations (`ļ ņ č š ž ķ ģ` against `l n c s z k g`) already meet
//!    after folding.
//!
//! Words with anything other than ASCII letters after folding (numbers such
//! as `12p00345`, Cyrillic, mixed tokens) and a few indeclinable loanwords
//! (`video`, `radio`, …) are returned unchanged.
//!
//! # Known limits
//!
//! - Words of three or four letters are left nearly whole (`acs`/`acis`,
//!   `upe`/`upi` do not meet), which is the price of not destroying them.
//! - 1st-conjugation verbs with stem changes (`saņemt/saņēmu`, `ieslēgt/
//!   ieslēdzu`), the future tense (`drukāšu`, whose `-šu` cannot be told from
//!   a noun's `-s-u`), participles in `-ts/-ta/-ams/-dams/-usi` and the
//!   reflexive gerund `-oties` form stems of their own.
//! - The `t/š` and `d/ž` merge is applied blindly, so a few unrelated pairs
//!   collide (`lieta`/`lietot`, `brīdis`/`brīze`); on stems of three letters
//!   it is skipped (`gads` stays apart from `gāze`, and `zutis/zuša` do not
//!   meet).
//! - Vocatives of `-ts`/`-ds` nouns (`rezultāt!`) look like infinitives.
//! - The negation prefix `ne-` is kept: `darbojas` and `nedarbojas` differ.
//! - Folding merges words that differ only by diacritics (`lapa`/`lāpa`,
//!   `zaļš`/`zāle`); that is the point of diacritics-insensitive search.

/// Fewest letters a stem keeps; no rule cuts a word below this.
pub const MIN_STEM: usize = 3;

/// Endings stripped by [`stem`], folded, longest first. At most one is
/// stripped per word; `t` only after a vowel (infinitives like `drukāt`).
pub const ENDINGS: &[&str] = &[
    // reflexive verbs: darboties, darbojamies, darbojaties, darbojies
    "amies", "aties", "ties", "ies", //
    // dative plural (1st–3rd declension, definite adjectives), imperative
    "iem", "iet", //
    "ai", "am", "as", "at", "ei", "em", "es", "ie", "ij", "im", "is", "os", "ot", "um",
    "us", //
    "a", "e", "i", "s", "t", "u",
];

/// Indeclinable loanwords whose final vowel is not an ending.
const INDECLINABLE: &[&str] = &[
    "auto",
    "demo",
    "euro",
    "foto",
    "info",
    "kakao",
    "kino",
    "logo",
    "memo",
    "metro",
    "portfolio",
    "radio",
    "studio",
    "video",
];

/// Lower case without diacritics (`Ekrāns` → `ekrans`); shared with the
/// rest of Atbalsts, which folds text the same way.
pub use atbalsts_domain::text::fold;

/// Stems a [`fold`]ed Latvian word; see the module docs for the rules.
/// Anything that is not purely `a`–`z` is returned unchanged.
pub fn stem(word: &str) -> String {
    if !word.bytes().all(|b| b.is_ascii_lowercase()) || INDECLINABLE.contains(&word) {
        return word.to_owned();
    }
    let mut stem = strip_ending(word).as_bytes().to_vec();
    if stem.len() > MIN_STEM && stem.last() == Some(&b'j') {
        stem.pop();
    }
    if stem.len() > MIN_STEM && stem.last().is_some_and(|&b| is_vowel(b)) {
        stem.pop();
    }
    if stem.len() > MIN_STEM {
        if let Some(last) = stem.last_mut() {
            *last = match *last {
                b'd' => b'z',
                b't' => b's',
                other => other,
            };
        }
    }
    // Only ASCII letters went in and ASCII letters came out.
    String::from_utf8(stem).unwrap_or_default()
}

/// `word` without its longest [`ENDINGS`] entry that leaves [`MIN_STEM`]
/// letters.
fn strip_ending(word: &str) -> &str {
    for ending in ENDINGS {
        let Some(rest) = word.strip_suffix(ending) else {
            continue;
        };
        if rest.len() < MIN_STEM {
            continue;
        }
        if *ending == "t" && !rest.bytes().last().is_some_and(is_vowel) {
            continue;
        }
        return rest;
    }
    word
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold_stem(word: &str) -> String {
        stem(&fold(word))
    }

    #[test]
    fn folding_lowercases_and_drops_latvian_diacritics() {
        assert_eq!(fold("ĀČĒĢĪĶĻŅŠŪŽ"), "acegiklnsuz");
        assert_eq!(fold("āčēģīķļņšūžōŗ"), "acegiklnsuzor");
        assert_eq!(fold("Ekrāns"), "ekrans");
        assert_eq!(fold("DaTorā"), "datora");
    }

    #[test]
    fn folding_handles_other_diacritics_and_decomposed_text() {
        assert_eq!(fold("Müller Straße"), "muller strasse");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("Ø æ œ"), "o ae oe");
        assert_eq!(fold("Šiaulių"), "siauliu");
        // "ā" written as "a" + combining macron
        assert_eq!(fold("a\u{0304}bols"), "abols");
    }

    #[test]
    fn folding_leaves_digits_and_other_scripts_alone() {
        assert_eq!(fold(""), "");
        assert_eq!(fold("12P00345"), "12p00345");
        assert_eq!(fold("Привет"), "привет");
    }

    #[test]
    fn empty_and_short_words_are_untouched() {
        assert_eq!(stem(""), "");
        for word in ["a", "un", "ar", "uz", "kas", "ir", "acs", "lai"] {
            assert_eq!(stem(word), word, "{word}");
        }
    }

    #[test]
    fn no_word_is_cut_below_the_minimum_stem() {
        for word in ["upes", "acis", "ideja", "ekas", "muzejs", "maja"] {
            assert!(stem(word).len() >= MIN_STEM, "{word} → {}", stem(word));
        }
    }

    #[test]
    fn numbers_and_codes_are_untouched() {
        assert_eq!(stem("12p00345"), "12p00345");
        assert_eq!(fold_stem("12P00345"), "12p00345");
        assert_eq!(stem("2024"), "2024");
        assert_eq!(stem("ipv6"), "ipv6");
    }

    #[test]
    fn unfolded_input_is_returned_as_is() {
        assert_eq!(stem("Datorā"), "Datorā");
        assert_eq!(stem("компьютеры"), "компьютеры");
    }

    #[test]
    fn mixed_case_input_stems_like_lowercase() {
        assert_eq!(fold_stem("DATORĀ"), fold_stem("datorā"));
        assert_eq!(fold_stem("PieTeikumu"), "pieteikum");
        assert_eq!(fold_stem("Ekrāns"), fold_stem("ekrans"));
    }

    #[test]
    fn indeclinable_loanwords_keep_their_vowel() {
        assert_eq!(stem("video"), "video");
        assert_eq!(stem("radio"), "radio");
        assert_ne!(stem("video"), stem("vide"));
    }

    #[test]
    fn issue_examples() {
        assert_eq!(fold_stem("dators"), fold_stem("datorā"));
        assert_eq!(fold_stem("dators"), fold_stem("datoru"));
        assert_eq!(fold_stem("pieteikums"), fold_stem("pieteikumu"));
        assert_eq!(fold_stem("printeris"), fold_stem("printerim"));
        assert_eq!(fold_stem("ekrans"), fold_stem("ekrāns"));
    }

    #[test]
    fn consonant_alternation_meets() {
        assert_eq!(fold_stem("zivs"), fold_stem("zivju"));
        assert_eq!(fold_stem("mape"), fold_stem("mapju"));
        assert_eq!(fold_stem("skapis"), fold_stem("skapja"));
        assert_eq!(fold_stem("brālis"), fold_stem("brāļa"));
        assert_eq!(fold_stem("lācis"), fold_stem("lāča"));
        assert_eq!(fold_stem("ūdens"), fold_stem("ūdeņi"));
        assert_eq!(fold_stem("ceļš"), fold_stem("ceļa"));
        assert_eq!(fold_stem("iestāde"), fold_stem("iestāžu"));
        assert_eq!(fold_stem("sieviete"), fold_stem("sieviešu"));
    }

    #[test]
    fn infinitive_t_is_only_stripped_after_a_vowel() {
        assert_eq!(stem("drukat"), "druk");
        // "pieteikt" keeps its consonant cluster, so it stays apart from
        // the noun "pieteikums".
        assert_ne!(stem("pieteikt"), stem("pieteikums"));
    }
}
