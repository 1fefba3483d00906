//! Conventions every record mapper follows, so that all classes read alike:
//! which language variant wins, how a name is flattened to one line, how a
//! record is named in an error (by its id, else by its line), and which
//! forms of a Regionalschlüssel are accepted.

use crate::catalog::xzufi::tree::{Element, Source};
use crate::error::Result;

/// Chooses among language variants: `de`/`de-…` first, then one without a
/// language code, then the first.
pub(super) fn pick_language<'a>(
    candidates: impl Iterator<Item = &'a Element>,
) -> Option<&'a Element> {
    let candidates: Vec<&Element> = candidates.collect();
    let language = |e: &Element| e.attribute("languageCode").map(str::to_ascii_lowercase);
    candidates
        .iter()
        .find(|e| language(e).is_some_and(|l| l == "de" || l.starts_with("de-")))
        .or_else(|| candidates.iter().find(|e| language(e).is_none()))
        .or_else(|| candidates.first())
        .copied()
}

/// Collapses a text to one line, for names.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn record_label(kind: &str, element: &Element, source: &Source) -> String {
    match element.child("id").and_then(Element::value) {
        Some(id) => format!("{kind} {id:?}"),
        None => format!("{kind} at line {}", source.line(element)),
    }
}

pub(super) fn required_id(kind: &str, element: &Element, source: &Source) -> Result<String> {
    element.child("id").and_then(Element::value).ok_or_else(|| {
        source.record(
            &record_label(kind, element, source),
            "id",
            format!("the {kind} has no id"),
        )
    })
}

/// A 12-digit ARS, possibly written as a URN ending in `:<ars>`.
pub(super) fn ars(value: &str) -> Option<String> {
    let key = value.rsplit(':').next().unwrap_or(value).trim();
    (key.len() == 12 && key.bytes().all(|b| b.is_ascii_digit())).then(|| key.to_string())
}
