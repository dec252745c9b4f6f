//! Text as people type it, compared the way they mean it.

/// Lowercases `word` and replaces letters with diacritics by their ASCII
/// base letter: the Latvian `ā č ē ģ ī ķ ļ ņ š ū ž` (and the old `ō ŗ`),
/// the Latin-1 letters and those of the neighbouring languages (Lithuanian,
/// Estonian, Polish, German, …). Combining marks from decomposed input are
/// dropped. Other characters (digits, Cyrillic, …) pass through lowercased.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let ascii = match c {
            'ā' | 'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ą' | 'ă' => "a",
            'č' | 'ç' | 'ć' => "c",
            'ď' | 'đ' | 'ð' => "d",
            'ē' | 'è' | 'é' | 'ê' | 'ë' | 'ę' | 'ė' | 'ě' => "e",
            'ģ' | 'ğ' => "g",
            'ī' | 'ì' | 'í' | 'î' | 'ï' | 'į' | 'ı' => "i",
            'ķ' => "k",
            'ļ' | 'ł' | 'ľ' | 'ĺ' => "l",
            'ņ' | 'ñ' | 'ń' | 'ň' => "n",
            'ō' | 'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ő' => "o",
            'ŗ' | 'ř' | 'ŕ' => "r",
            'š' | 'ś' | 'ş' | 'ș' => "s",
            'ť' | 'ţ' | 'ț' => "t",
            'ū' | 'ù' | 'ú' | 'û' | 'ü' | 'ų' | 'ů' | 'ű' => "u",
            'ý' | 'ÿ' => "y",
            'ž' | 'ź' | 'ż' => "z",
            'ß' => "ss",
            'æ' => "ae",
            'œ' => "oe",
            'þ' => "th",
            '\u{0300}'..='\u{036f}' => "",
            other => {
                out.push(other);
                continue;
            }
        };
        out.push_str(ascii);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn case_and_diacritics_fold_away() {
        assert_eq!(fold("Ekrāns ŠĶĒRSIELA"), "ekrans skersiela");
        assert_eq!(fold("12P00345"), "12p00345");
    }
}
