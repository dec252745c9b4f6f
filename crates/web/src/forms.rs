//! Reading posted forms that arrive as name/value pairs (checkbox groups,
//! repeated and generated field names), shared by every feature.

/// The value of `name` in a posted form sent as pairs.
pub(crate) fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .unwrap_or("")
}

/// The value of `name` in a posted form, as typed (Markdown keeps its
/// leading spaces); line endings made `\n`.
pub(crate) fn raw(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.replace("\r\n", "\n"))
        .unwrap_or_default()
}
