//! Titles kept in both languages (articles, request types), shown in the
//! reader's language or, marked, in the other one.

use atbalsts_domain::{Labels, Locale};
use serde::Serialize;

/// A title in the reader's language, else in the other one; `lang` says
/// which, so the page can mark a title in the other language.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Title {
    pub text: String,
    pub lang: &'static str,
}

pub(crate) fn title_in(titles: &Labels, locale: Locale) -> Title {
    let lang = if titles.0.contains_key(locale.code()) {
        locale
    } else {
        Locale::ALL
            .into_iter()
            .find(|l| titles.0.contains_key(l.code()))
            .unwrap_or(locale)
    };
    Title {
        text: titles.get(lang).to_owned(),
        lang: lang.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::title_in;
    use atbalsts_domain::{Labels, Locale};

    #[test]
    fn a_title_missing_in_the_readers_language_comes_in_the_other_marked_so() {
        let mut only_lv = Labels::default();
        only_lv.0.insert("lv".into(), "Printeris nedrukā".into());
        let t = title_in(&only_lv, Locale::En);
        assert_eq!((t.text.as_str(), t.lang), ("Printeris nedrukā", "lv"));
        let both = Labels::new("Printeris", "Printer");
        assert_eq!(title_in(&both, Locale::En).lang, "en");
    }
}
