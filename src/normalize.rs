//! German text normalisation, shared by the index builder and the query
//! engine so that both sides always agree on what a word is.
//!
//! - Unicode is composed (NFC) and lowercased.
//! - `ä`/`ö`/`ü`/`ß` fold to `ae`/`oe`/`ue`/`ss`, so "Gebäude", "Gebaeude"
//!   and "GEBÄUDE" meet without spending the typo budget; other diacritics
//!   are dropped (`é` → `e`).
//! - Everything that is not a letter or digit separates words. Hyphens and
//!   slashes inside a word split it into parts, and the index also keeps the
//!   parts joined, so "Kfz-Zulassung" is found by "kfz zulassung" and by
//!   "kfzzulassung".
//!
//! ```
//! use zufi::normalize::{index_words, query_words};
//! assert_eq!(index_words("Kfz-Zulassung (Straße)"), ["kfz", "zulassung", "kfzzulassung", "strasse"]);
//! let query = query_words("Gebäudevermessung beantr");
//! assert_eq!(query.words, ["gebaeudevermessung", "beantr"]);
//! assert!(query.last_is_prefix);
//! ```

use unicode_normalization::char::decompose_canonical;
use unicode_normalization::UnicodeNormalization;

/// Characters that join parts of one compound word ("Kfz-Zulassung", "An-/Abmeldung").
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '/' | '\u{2010}' | '\u{2011}')
}

/// Appends the folded form of one lowercase character to `out`; returns
/// false when the character is not part of a word.
fn push_folded(c: char, out: &mut String) -> bool {
    match c {
        'ä' => out.push_str("ae"),
        'ö' => out.push_str("oe"),
        'ü' => out.push_str("ue"),
        'ß' => out.push_str("ss"),
        c if c.is_ascii_alphanumeric() => out.push(c),
        c if c.is_alphanumeric() => {
            // Drop combining marks of other accented letters: é → e, ç → c.
            let mut base = None;
            decompose_canonical(c, |part| {
                if base.is_none() {
                    base = Some(part);
                }
            });
            match base {
                Some(b) if b.is_ascii_alphanumeric() => out.push(b),
                _ => out.push(c),
            }
        }
        _ => return false,
    }
    true
}

/// Folds a single word or phrase: lowercase, umlauts transliterated, every
/// run of non-word characters replaced by one space, trimmed.
///
/// ```
/// assert_eq!(zufi::normalize::fold("  Gewerbesteuer - Festsetzung! "), "gewerbesteuer festsetzung");
/// assert_eq!(zufi::normalize::fold("Straße"), zufi::normalize::fold("STRASSE"));
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
            word.clear();
        }
    };
    for c in text.nfc().flat_map(char::to_lowercase) {
        if !push_folded(c, &mut word) {
            flush(&mut word, &mut out);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Splits text into groups of compound parts: `"Kfz-Zulassung neu"` →
/// `[["kfz", "zulassung"], ["neu"]]`.
fn compound_groups(text: &str) -> Vec<Vec<String>> {
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut parts: Vec<String> = Vec::new();
    let mut word = String::new();
    let finish_word = |word: &mut String, parts: &mut Vec<String>| {
        if !word.is_empty() {
            parts.push(std::mem::take(word));
        }
    };
    for c in text.nfc().flat_map(char::to_lowercase) {
        if push_folded(c, &mut word) {
            continue;
        }
        finish_word(&mut word, &mut parts);
        if !is_joiner(c) && !parts.is_empty() {
            groups.push(std::mem::take(&mut parts));
        }
    }
    finish_word(&mut word, &mut parts);
    if !parts.is_empty() {
        groups.push(parts);
    }
    groups
}

/// The words the index stores for a text: every compound part, and for
/// hyphenated or slashed compounds also the parts joined.
pub fn index_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for parts in compound_groups(text) {
        let joined = (parts.len() > 1).then(|| parts.concat());
        words.extend(parts);
        words.extend(joined);
    }
    words
}

/// A query split into normalised words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryWords {
    /// The words, in query order.
    pub words: Vec<String>,
    /// True when the query does not end in a separator, i.e. the citizen may
    /// still be typing the last word, which is then also matched as a prefix.
    pub last_is_prefix: bool,
}

/// Splits a query into words the same way [`index_words`] splits catalog text.
pub fn query_words(text: &str) -> QueryWords {
    let words: Vec<String> = compound_groups(text).into_iter().flatten().collect();
    let last_is_prefix = !words.is_empty()
        && text
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '\u{308}');
    QueryWords {
        words,
        last_is_prefix,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umlauts_and_sharp_s_fold_to_transliteration() {
        let cases = [
            ("Gebäudevermessung", "gebaeudevermessung"),
            ("GEBÄUDE", "gebaeude"),
            ("Gebaeude", "gebaeude"),
            ("Größe", "groesse"),
            ("Übergabe", "uebergabe"),
            ("Straße", "strasse"),
            ("STRASSE", "strasse"),
            // Decomposed umlaut (u + combining diaeresis) as some keyboards send it.
            ("Gebu\u{308}hr", "gebuehr"),
            ("Café", "cafe"),
        ];
        for (input, expected) in cases {
            assert_eq!(fold(input), expected, "{input}");
        }
    }

    #[test]
    fn punctuation_separates_words() {
        assert_eq!(
            fold("Abfälle - Genehmigung für Sammler, Beförderer"),
            "abfaelle genehmigung fuer sammler befoerderer"
        );
        assert_eq!(fold("...!"), "");
        assert_eq!(fold("§ 5 BauO"), "5 bauo");
    }

    #[test]
    fn hyphenated_compounds_are_indexed_as_parts_and_joined() {
        assert_eq!(
            index_words("Kfz-Zulassung"),
            ["kfz", "zulassung", "kfzzulassung"]
        );
        assert_eq!(
            index_words("An-/Abmeldung"),
            ["an", "abmeldung", "anabmeldung"]
        );
        assert_eq!(
            index_words("Gewerbesteuer - Festsetzung"),
            ["gewerbesteuer", "festsetzung"]
        );
        assert_eq!(
            index_words("D1E P-Schein"),
            ["d1e", "p", "schein", "pschein"]
        );
    }

    #[test]
    fn query_words_know_whether_the_last_word_is_still_being_typed() {
        let typing = query_words("personalausweis beantr");
        assert_eq!(typing.words, ["personalausweis", "beantr"]);
        assert!(typing.last_is_prefix);
        let finished = query_words("personalausweis ");
        assert_eq!(finished.words, ["personalausweis"]);
        assert!(!finished.last_is_prefix);
        assert_eq!(query_words("  ").words, Vec::<String>::new());
        assert!(!query_words("").last_is_prefix);
    }

    #[test]
    fn query_words_split_compounds_without_joining() {
        assert_eq!(query_words("kfz-zulassung").words, ["kfz", "zulassung"]);
    }
}
