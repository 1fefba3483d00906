//! German text normalisation, shared by the index builder and the query
//! engine so that both sides always agree on what a word is.
//!
//! - Text is lowercased.
//! - `ä`/`ö`/`ü`/`ß` fold to `ae`/`oe`/`ue`/`ss`, so "Gebäude", "Gebaeude"
//!   and "GEBÄUDE" meet without spending the typo budget — also when the
//!   umlaut arrives decomposed (`u` + combining diaeresis); other diacritics
//!   of Latin letters are dropped (`é` → `e`, `ł` → `l`).
//!
//! A small table does the folding instead of Unicode normalisation: the
//! normalisation tables would be the largest part of the browser widget.
//! - Everything that is not a letter or digit separates words. Hyphens and
//!   slashes inside a word split it into parts, and the index also keeps the
//!   parts joined, so "Kfz-Zulassung" is found by "kfz zulassung" and by
//!   "kfzzulassung".

/// Characters that join parts of one compound word ("Kfz-Zulassung", "An-/Abmeldung").
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '/' | '\u{2010}' | '\u{2011}')
}

/// The unaccented form of a lowercase Latin letter with a diacritic, for
/// the letters of European names and loanwords; umlauts and ß are handled
/// by [`push_folded`].
fn latin_base(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ţ' | 'ť' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        _ => return None,
    })
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
        // A combining diaeresis after a, o or u makes the umlaut; other
        // combining marks (U+0300–U+036F) are dropped like precomposed accents.
        '\u{308}' if out.ends_with(['a', 'o', 'u']) => out.push('e'),
        '\u{300}'..='\u{36f}' => {}
        c => match latin_base(c) {
            Some(base) => out.push_str(base),
            None if c.is_alphanumeric() => out.push(c),
            None => return false,
        },
    }
    true
}

/// Folds a single word or phrase: lowercase, umlauts transliterated, every
/// run of non-word characters replaced by one space, trimmed.
pub fn fold(text: &str) -> String {
    tokenize(text)
        .into_iter()
        .flatten()
        .map(|(_, word)| word)
        .collect::<Vec<_>>()
        .join(" ")
}

/// One word of a text: its byte range in the text and its folded form.
pub type WordSpan = (std::ops::Range<usize>, String);

/// Splits text into groups of compound parts with their byte ranges:
/// `"Kfz-Zulassung neu"` → `[[(0..3, "kfz"), (4..13, "zulassung")], [(14..17, "neu")]]`.
/// A combining mark belongs to the word before it.
fn tokenize(text: &str) -> Vec<Vec<WordSpan>> {
    let mut groups: Vec<Vec<WordSpan>> = Vec::new();
    let mut parts: Vec<WordSpan> = Vec::new();
    let mut word = String::new();
    let mut start = 0;
    let finish_word =
        |word: &mut String, parts: &mut Vec<WordSpan>, range: std::ops::Range<usize>| {
            if !word.is_empty() {
                parts.push((range, std::mem::take(word)));
            }
        };
    for (at, c) in text.char_indices() {
        let before = word.len();
        if c.to_lowercase().all(|lower| push_folded(lower, &mut word)) {
            if before == 0 {
                start = at;
            }
            continue;
        }
        word.truncate(before);
        finish_word(&mut word, &mut parts, start..at);
        if !is_joiner(c) && !parts.is_empty() {
            groups.push(std::mem::take(&mut parts));
        }
    }
    finish_word(&mut word, &mut parts, start..text.len());
    if !parts.is_empty() {
        groups.push(parts);
    }
    groups
}

/// Elided compounds: "Gesundheits- und Kinderkrankenpflegerin",
/// "Tier-/Pflanzenarten", "Anwohner -/Bewohnerparkausweis" leave out the
/// head of the first compound. Returns each elided modifier with the
/// compound it borrows its head from, both folded:
/// `[("gesundheits", "kinderkrankenpflegerin")]`; the index builder completes
/// the modifier with that compound's head.
pub fn elided_compounds(text: &str) -> Vec<(String, String)> {
    const CONJUNCTIONS: [&str; 5] = ["und", "oder", "bzw", "sowie", "u"];
    let words: Vec<WordSpan> = tokenize(text).into_iter().flatten().collect();
    let mut pairs = Vec::new();
    for (position, (range, modifier)) in words.iter().enumerate() {
        // The modifier must be followed by a hyphen that ends the word.
        let rest = text[range.end..].trim_start();
        let Some(after_hyphen) = rest.strip_prefix('-') else {
            continue;
        };
        if !after_hyphen.starts_with(|c: char| c.is_whitespace() || c == '/' || c == ',') {
            continue;
        }
        let borrowed = words[position + 1..]
            .iter()
            .map(|(_, word)| word)
            .find(|word| !CONJUNCTIONS.contains(&word.as_str()));
        if let Some(compound) = borrowed {
            pairs.push((modifier.clone(), compound.clone()));
        }
    }
    pairs
}

/// Every word of `text` with its byte range, as [`index_words`] sees it:
/// compound parts, and for hyphenated compounds also the whole compound
/// with its parts joined. Used to highlight matches in the original text.
pub fn word_spans(text: &str) -> Vec<WordSpan> {
    let mut spans = Vec::new();
    for parts in tokenize(text) {
        let joined = (parts.len() > 1).then(|| {
            let range = parts[0].0.start..parts[parts.len() - 1].0.end;
            (
                range,
                parts
                    .iter()
                    .map(|(_, word)| word.as_str())
                    .collect::<String>(),
            )
        });
        spans.extend(parts);
        spans.extend(joined);
    }
    spans
}

/// The byte length of the shortest beginning of `word` (an original word of
/// a text) whose folded form is at least `folded_len` bytes long: maps a
/// typed prefix back onto the text for highlighting.
pub fn prefix_len_for_folded(word: &str, folded_len: usize) -> usize {
    let mut folded = String::new();
    for (at, c) in word.char_indices() {
        if folded.len() >= folded_len {
            return at;
        }
        for lower in c.to_lowercase() {
            push_folded(lower, &mut folded);
        }
    }
    word.len()
}

/// The words the index stores for a text: every compound part, and for
/// hyphenated or slashed compounds also the parts joined.
pub fn index_words(text: &str) -> Vec<String> {
    index_words_spelled(text)
        .into_iter()
        .map(|(word, _)| word)
        .collect()
}

/// True when a folded word has a letter pair an umlaut folds to (ae, oe,
/// ue): only such words can differ in spelling between ä and ae.
pub fn may_hold_umlaut(folded: &str) -> bool {
    folded.contains("ae") || folded.contains("oe") || folded.contains("ue")
}

/// True when a word is written with an umlaut (ä, ö, ü, precomposed or
/// with a combining diaeresis) rather than transliterated (ae, oe, ue).
fn spelled_with_umlaut(original: &str) -> bool {
    original
        .chars()
        .any(|c| matches!(c, 'ä' | 'ö' | 'ü' | 'Ä' | 'Ö' | 'Ü' | '\u{308}'))
}

/// [`index_words`], each with whether the text spells it with an umlaut:
/// "Gebäude" and "Gebaeude" fold alike, but a citizen who types "gebäude"
/// should see the umlaut spelling first.
pub fn index_words_spelled(text: &str) -> Vec<(String, bool)> {
    let mut words = Vec::new();
    for parts in tokenize(text) {
        let spelled: Vec<bool> = parts
            .iter()
            .map(|(range, _)| spelled_with_umlaut(&text[range.clone()]))
            .collect();
        let joined = (parts.len() > 1).then(|| {
            let word: String = parts.iter().map(|(_, word)| word.as_str()).collect();
            (word, spelled.iter().any(|&s| s))
        });
        words.extend(parts.into_iter().map(|(_, word)| word).zip(spelled));
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
    /// For each word, whether it was typed with an umlaut (ä rather than ae).
    pub umlauts: Vec<bool>,
}

/// Splits a query into words the same way [`index_words`] splits catalog text.
pub fn query_words(text: &str) -> QueryWords {
    let spans: Vec<WordSpan> = tokenize(text).into_iter().flatten().collect();
    let umlauts = spans
        .iter()
        .map(|(range, _)| spelled_with_umlaut(&text[range.clone()]))
        .collect();
    let words: Vec<String> = spans.into_iter().map(|(_, word)| word).collect();
    let last_is_prefix = !words.is_empty()
        && text
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '\u{308}');
    QueryWords {
        words,
        last_is_prefix,
        umlauts,
    }
}

/// The stem of a folded word (Snowball German), for matching inflected
/// forms: "fahrzeuge", "fahrzeuges" → "fahrzeug"; "anmeldung", "anmelden" →
/// "anmeld". Words of three letters or fewer are left alone.
pub fn stem(word: &str) -> std::borrow::Cow<'_, str> {
    use std::sync::OnceLock;
    static STEMMER: OnceLock<rust_stemmers::Stemmer> = OnceLock::new();
    if word.len() <= 3 {
        return word.into();
    }
    STEMMER
        .get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::German))
        .stem(word)
}

/// Longest word (in bytes) tried as a compound: splitting costs a lookup per
/// substring, and a pasted paragraph is no compound.
pub const MAX_COMPOUND_BYTES: usize = 64;

/// Linking elements (Fugenelemente) that may join the parts of a compound.
const LINKS: [&str; 6] = ["", "s", "es", "e", "n", "en"];

/// Splits a folded compound into known words: "grundsteuerbescheid" →
/// `["grundsteuer", "bescheid"]`, allowing the linking elements -s-, -es-,
/// -e-, -n-, -en- between parts. `is_word` says which words are known (the index
/// vocabulary); every part has at least `min_part` bytes. Prefers the split
/// with the fewest parts, then the longest first part; `None` when the word
/// is not a compound of known words.
pub fn split_compound(
    word: &str,
    min_part: usize,
    is_word: impl Fn(&str) -> bool,
) -> Option<Vec<String>> {
    let n = word.len();
    if n < 2 * min_part || n > MAX_COMPOUND_BYTES || !word.is_ascii() {
        return None;
    }
    // best[i]: the best split of word[i..] as (number of parts, parts).
    let mut best: Vec<Option<Vec<String>>> = vec![None; n + 1];
    best[n] = Some(Vec::new());
    for start in (0..n).rev() {
        let mut chosen: Option<Vec<String>> = None;
        for end in (start + min_part..=n).rev() {
            let part = &word[start..end];
            if !is_word(part) {
                continue;
            }
            for link in LINKS {
                let next = end + link.len();
                if next > n || !word[end..next].eq(link) || (next == n && !link.is_empty()) {
                    continue;
                }
                if let Some(rest) = &best[next] {
                    if chosen.as_ref().is_none_or(|c| rest.len() + 1 < c.len()) {
                        let mut parts = vec![part.to_string()];
                        parts.extend(rest.iter().cloned());
                        chosen = Some(parts);
                    }
                }
            }
        }
        best[start] = chosen;
    }
    best[0].take().filter(|parts| parts.len() >= 2)
}

/// The head of a compound — its last part, which names what the compound
/// is — when it is a known word: "melderegisterauskunft" → "auskunft" if
/// "auskunft" is known, even when "melderegister" is not. The head has at
/// least `min_part` bytes and leaves at least three for the modifier.
pub fn compound_head(word: &str, min_part: usize, is_word: impl Fn(&str) -> bool) -> Option<&str> {
    if !word.is_ascii() {
        return None;
    }
    (3..=word.len().saturating_sub(min_part))
        .map(|start| &word[start..])
        .find(|head| is_word(head))
}

/// Words that carry no meaning for a service search, in the query languages
/// zufi reads: German pronouns, articles, prepositions, question words,
/// auxiliary and filler verbs ("tun", "wurde"), and their English and Turkish
/// counterparts. Folded ("für" is "fuer"), sorted for [`is_stop_word`].
pub const STOP_WORDS: [&str; 226] = [
    "a",
    "ab",
    "aber",
    "about",
    "after",
    "alles",
    "als",
    "am",
    "an",
    "and",
    "any",
    "are",
    "at",
    "auch",
    "auf",
    "aus",
    "be",
    "been",
    "bei",
    "beim",
    "bekomme",
    "bekommen",
    "ben",
    "benim",
    "bin",
    "bir",
    "bis",
    "bitte",
    "brauche",
    "bu",
    "can",
    "cant",
    "da",
    "dann",
    "darf",
    "das",
    "dass",
    "deinem",
    "deinen",
    "deiner",
    "dem",
    "den",
    "denn",
    "der",
    "des",
    "did",
    "die",
    "do",
    "does",
    "dont",
    "dort",
    "du",
    "duerfen",
    "ein",
    "eine",
    "einem",
    "einen",
    "einer",
    "eines",
    "einfach",
    "er",
    "es",
    "etwas",
    "euer",
    "eurem",
    "euren",
    "eurer",
    "find",
    "for",
    "from",
    "fuer",
    "geht",
    "gerade",
    "gerek",
    "gerne",
    "gestern",
    "get",
    "gibt",
    "got",
    "hab",
    "habe",
    "haben",
    "has",
    "hat",
    "hatte",
    "have",
    "help",
    "here",
    "heute",
    "hier",
    "how",
    "i",
    "ich",
    "icin",
    "if",
    "ihr",
    "ihre",
    "ihrem",
    "ihren",
    "ihrer",
    "ihres",
    "ile",
    "im",
    "in",
    "is",
    "ist",
    "istiyorum",
    "it",
    "jemand",
    "jetzt",
    "just",
    "kann",
    "kein",
    "keine",
    "know",
    "koennen",
    "lazim",
    "mal",
    "man",
    "me",
    "mein",
    "meine",
    "meinem",
    "meinen",
    "meiner",
    "meines",
    "mi",
    "mich",
    "mir",
    "mit",
    "moechte",
    "mu",
    "muessen",
    "muss",
    "my",
    "nach",
    "nasil",
    "ne",
    "need",
    "nerede",
    "nereye",
    "nicht",
    "noch",
    "ob",
    "oder",
    "of",
    "on",
    "or",
    "our",
    "passiert",
    "please",
    "schon",
    "sein",
    "seine",
    "seinem",
    "seinen",
    "seiner",
    "should",
    "sich",
    "sie",
    "sind",
    "so",
    "soll",
    "sollte",
    "some",
    "that",
    "the",
    "there",
    "this",
    "to",
    "tun",
    "ueber",
    "um",
    "und",
    "uns",
    "unser",
    "unsere",
    "unserem",
    "unseren",
    "unserer",
    "unseres",
    "ve",
    "vom",
    "von",
    "wann",
    "want",
    "war",
    "waren",
    "warum",
    "was",
    "we",
    "weil",
    "welche",
    "welcher",
    "wem",
    "wen",
    "wenn",
    "wer",
    "werden",
    "were",
    "weshalb",
    "what",
    "when",
    "where",
    "which",
    "who",
    "wie",
    "wieso",
    "will",
    "willst",
    "wir",
    "wird",
    "with",
    "wo",
    "woher",
    "wohin",
    "wollen",
    "wollte",
    "worden",
    "wurde",
    "wurden",
    "you",
    "your",
    "zu",
    "zum",
    "zur",
];

/// Whether `word` (folded) is a stop word.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// Positions of the words that are not stop words — all of them when only
/// stop words were given.
pub fn content_positions(words: &[String]) -> Vec<usize> {
    let content: Vec<usize> = (0..words.len())
        .filter(|&i| !is_stop_word(&words[i]))
        .collect();
    if content.is_empty() {
        (0..words.len()).collect()
    } else {
        content
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
            ("Łódź", "lodz"),
            ("Straße 7", "strasse 7"),
            // A combining acute accent is dropped like a precomposed one.
            ("Cafe\u{301}", "cafe"),
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
    fn word_spans_point_into_the_original_text() {
        let text = "Gebäude-Vermessung, Straße";
        let spans = word_spans(text);
        let words: Vec<(&str, &str)> = spans
            .iter()
            .map(|(r, w)| (&text[r.clone()], w.as_str()))
            .collect();
        assert_eq!(
            words,
            [
                ("Gebäude", "gebaeude"),
                ("Vermessung", "vermessung"),
                ("Gebäude-Vermessung", "gebaeudevermessung"),
                ("Straße", "strasse")
            ]
        );
        assert_eq!(prefix_len_for_folded("Gebäude", 4), "Gebä".len());
        assert_eq!(prefix_len_for_folded("Gebäude", 3), "Geb".len());
        assert_eq!(prefix_len_for_folded("Gebäude", 99), "Gebäude".len());
    }

    #[test]
    fn index_words_and_spans_agree() {
        let text = "Abfälle - Genehmigung für Sammler, Beförderer, An-/Abmeldung";
        let from_spans: Vec<String> = word_spans(text).into_iter().map(|(_, w)| w).collect();
        assert_eq!(from_spans, index_words(text));
    }

    #[test]
    fn stems_meet_across_inflections() {
        for (a, b) in [
            ("fahrzeuge", "fahrzeug"),
            ("fahrzeuges", "fahrzeug"),
            ("bescheide", "bescheid"),
            ("anmeldung", "anmelden"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        assert_eq!(stem("kfz"), "kfz");
    }

    #[test]
    fn compounds_split_on_known_words_with_linking_elements() {
        let known = [
            "antrag", "wohnung", "geburt", "urkunde", "fahrzeug", "schein", "hund", "steuer",
        ];
        let is_word = |w: &str| known.contains(&w);
        assert_eq!(
            split_compound("wohnungsantrag", 4, is_word).unwrap(),
            ["wohnung", "antrag"]
        );
        assert_eq!(
            split_compound("geburtsurkunde", 4, is_word).unwrap(),
            ["geburt", "urkunde"]
        );
        assert_eq!(
            split_compound("hundesteuer", 4, is_word).unwrap(),
            ["hund", "steuer"]
        );
        assert_eq!(
            split_compound("fahrzeugscheins", 4, is_word),
            None,
            "a trailing link is no part"
        );
        assert_eq!(split_compound("antrag", 4, is_word), None);
    }

    #[test]
    fn stop_words_go_unless_nothing_is_left() {
        let words = |text: &str| text.split(' ').map(String::from).collect::<Vec<_>>();
        // "pass" and "verlaengern" of "wo kann ich meinen pass verlaengern".
        assert_eq!(
            content_positions(&words("wo kann ich meinen pass verlaengern")),
            [4, 5]
        );
        assert_eq!(content_positions(&words("wer wie was")), [0, 1, 2]);
        assert_eq!(
            content_positions(&words("i need a new passport for my child")),
            [3, 4, 7]
        );
        assert!(
            STOP_WORDS.windows(2).all(|pair| pair[0] < pair[1]),
            "sorted, and no word is listed twice"
        );
    }

    #[test]
    fn query_words_split_compounds_without_joining() {
        assert_eq!(query_words("kfz-zulassung").words, ["kfz", "zulassung"]);
    }

    #[test]
    fn compounds_are_indexed_apart_and_joined_and_queries_end_in_a_prefix() {
        assert_eq!(
            index_words("Kfz-Zulassung (Straße)"),
            ["kfz", "zulassung", "kfzzulassung", "strasse"]
        );
        let query = query_words("Gebäudevermessung beantr");
        assert_eq!(query.words, ["gebaeudevermessung", "beantr"]);
        assert!(query.last_is_prefix);
    }

    #[test]
    fn fold_gives_one_form_for_phrases() {
        assert_eq!(
            fold("  Gewerbesteuer - Festsetzung! "),
            "gewerbesteuer festsetzung"
        );
        assert_eq!(fold("Straße"), fold("STRASSE"));
    }

    #[test]
    fn elided_compounds_pair_the_modifier_with_the_borrowed_head() {
        let pairs = elided_compounds("Tier-/Pflanzenarten, Haus- und Nachbarschaftslärm");
        assert_eq!(
            pairs,
            [
                ("tier".to_string(), "pflanzenarten".to_string()),
                ("haus".to_string(), "nachbarschaftslaerm".to_string())
            ]
        );
    }

    #[test]
    fn word_spans_give_byte_ranges_of_parts_and_joined_compounds() {
        let spans = word_spans("Kfz-Zulassung für Bürger");
        assert_eq!(spans[2], (0..13, "kfzzulassung".to_string()));
        assert_eq!(spans[4], (19..26, "buerger".to_string()));
    }

    #[test]
    fn split_compound_finds_known_parts() {
        let known = [
            "melderegister",
            "auskunft",
            "grundsteuer",
            "bescheid",
            "steuer",
            "grund",
        ];
        let is_word = |w: &str| known.contains(&w);
        assert_eq!(
            split_compound("melderegisterauskunft", 4, is_word).unwrap(),
            ["melderegister", "auskunft"]
        );
        assert_eq!(
            split_compound("grundsteuerbescheid", 4, is_word).unwrap(),
            ["grundsteuer", "bescheid"]
        );
        assert_eq!(split_compound("bescheid", 4, is_word), None);
    }

    #[test]
    fn compound_head_finds_a_known_last_part() {
        let is_word = |w: &str| w == "auskunft";
        assert_eq!(
            compound_head("melderegisterauskunft", 4, is_word),
            Some("auskunft")
        );
        assert_eq!(compound_head("auskunft", 4, is_word), None);
    }

    /// The query engine's compound splitting relies on this: it stems a
    /// substring only when a shorter indexed word begins where it does.
    #[test]
    fn stems_of_folded_words_are_their_beginnings() {
        let thesaurus = include_str!("../../index/thesaurus/de.tsv");
        let mut checked = 0;
        for word in thesaurus.split(|c: char| !c.is_alphabetic()).map(fold) {
            for start in 0..word.len() {
                for end in start + 1..=word.len() {
                    let Some(part) = word.get(start..end) else {
                        continue;
                    };
                    assert!(
                        part.starts_with(stem(part).as_ref()),
                        "{part:?} → {:?}",
                        stem(part)
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 100_000, "only {checked} substrings checked");
    }
}
