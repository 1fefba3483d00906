//! Matching one query word against the term dictionary: exactly, with
//! typos, as a prefix, by its stem, with bare vowels for umlauts, and —
//! when nothing else matches — as a compound of indexed words.

use std::collections::HashMap;

use fst::automaton::{Automaton, Str};

use crate::index::format::{Derivation, Field};
use crate::index::lexicon::{Lexicon, PostingList};
use crate::text::normalize::{
    compound_head, is_stop_word, split_compound, stem, MAX_COMPOUND_BYTES,
};
use crate::text::typo::TypoAutomaton;

/// The typo budget of a normalised query word: none below 5 letters, one
/// from 5, two from 9.
pub(crate) fn typo_budget(word: &str) -> u8 {
    match word.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// One indexed word a query word reached, with its postings.
pub(crate) struct TermMatch<'l> {
    pub(crate) term: String,
    pub(crate) postings: PostingList<'l>,
    /// Edit operations between the query word and the term (for prefix
    /// matches: to the best prefix).
    pub(crate) typos: u8,
    /// True when only a prefix of `term` matched.
    pub(crate) prefix: bool,
    /// At least this derivation, whatever the posting says (a match through
    /// the query word's stem counts as a stem match).
    pub(crate) derivation: Derivation,
}

/// Every indexed word matching `word` with up to `budget` typos — as a
/// whole, or when `as_prefix` also as the beginning of a longer word.
pub(crate) fn matching_terms<'l>(
    lexicon: &'l Lexicon,
    word: &str,
    as_prefix: bool,
    budget: u8,
) -> Vec<TermMatch<'l>> {
    let mut found = Vec::new();
    let mut push = |term: &[u8], postings, typos, prefix| {
        found.push(TermMatch {
            term: String::from_utf8_lossy(term).into_owned(),
            postings,
            typos,
            prefix,
            derivation: Derivation::Literal,
        })
    };
    if budget > 0 {
        let automaton = TypoAutomaton::new(word, budget, as_prefix);
        lexicon.for_each_match_with_state(&automaton, |term, postings, state| {
            if let Some(typos) = state.whole_word_typos(&automaton) {
                push(term, postings, typos, false);
            } else if let Some(typos) = state.prefix_typos(&automaton) {
                push(term, postings, typos, true);
            }
        });
    } else if as_prefix {
        lexicon.for_each_match(Str::new(word).starts_with(), |term, postings| {
            push(term, postings, 0, term != word.as_bytes());
        });
    } else if let Some(postings) = lexicon.get(word) {
        push(word.as_bytes(), postings, 0, false);
    }
    found
}

/// The word with umlauts restored where a bare a, o or u may stand for one
/// (folded: "ae", "oe", "ue"), every combination for up to three such vowels.
pub(crate) fn umlaut_variants(word: &str) -> Vec<String> {
    let vowels: Vec<usize> = word
        .char_indices()
        .filter(|&(at, c)| matches!(c, 'a' | 'o' | 'u') && !word[at + 1..].starts_with('e'))
        .map(|(at, _)| at)
        .take(3)
        .collect();
    (1..1u32 << vowels.len())
        .map(|mask| {
            let mut variant = String::with_capacity(word.len() + vowels.len());
            let mut from = 0;
            for (bit, &at) in vowels.iter().enumerate() {
                if mask & (1 << bit) != 0 {
                    variant.push_str(&word[from..=at]);
                    variant.push('e');
                    from = at + 1;
                }
            }
            variant.push_str(&word[from..]);
            variant
        })
        .collect()
}

/// Endings of German (and English) inflection: a word and the same word with
/// one of these are forms of one another.
const INFLECTION_ENDINGS: [&str; 8] = ["e", "n", "s", "en", "er", "es", "em", "ern"];

/// Whether one of `a`, `b` is the other with an inflection ending, the
/// shorter one at least four letters long.
pub(crate) fn inflected(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= 4
        && long
            .strip_prefix(short)
            .is_some_and(|ending| INFLECTION_ENDINGS.contains(&ending))
}

/// Shortest finished query word that may also match the beginning of longer
/// words when it matches nothing as a whole.
const MIN_FINISHED_PREFIX: usize = 5;

/// The posting lists a query word reaches: by exact, typo-tolerant and prefix
/// matching, by its stem, and — when none of that finds anything — the
/// parts of the word as a compound of indexed words (then the parts must all
/// occur in a service, see [`compound_postings`]).
pub(crate) fn word_matches<'l>(
    lexicon: &'l Lexicon,
    word: &str,
    as_prefix: bool,
) -> (Vec<TermMatch<'l>>, Option<Vec<String>>) {
    let mut found = matching_terms(lexicon, word, as_prefix, typo_budget(word));
    // An inflection ending is no typo: "welpen" for the indexed "welpe",
    // "antrag" for "antrage". Indexed words from descriptions and the
    // thesaurus have no stems of their own, so this is where they meet.
    for found in found.iter_mut().filter(|m| m.typos > 0 && !m.prefix) {
        if inflected(word, &found.term) {
            found.typos = 0;
            found.derivation = found.derivation.max(Derivation::Stem);
        }
    }
    // Even when typo matching reached the stem already, the exact stem match is better.
    let word_stem = stem(word);
    if word_stem != word && !found.iter().any(|m| m.term == word_stem && m.typos == 0) {
        if let Some(postings) = lexicon.get(&word_stem) {
            found.push(TermMatch {
                term: word_stem.into_owned(),
                postings,
                typos: 0,
                prefix: false,
                derivation: Derivation::Stem,
            });
        }
    }
    if found.is_empty() {
        // A bare vowel for an umlaut ("mull" for "Müll"): one typo, and
        // found even in words too short for the typo budget.
        for variant in umlaut_variants(word) {
            found.extend(
                matching_terms(lexicon, &variant, as_prefix, 0)
                    .into_iter()
                    .map(|m| TermMatch { typos: 1, ..m }),
            );
        }
    }
    if found.is_empty() && !as_prefix && word.len() >= MIN_FINISHED_PREFIX {
        // A finished word that only begins indexed words is most likely the
        // first part of a compound ("nachbar" → "Nachbarschaftslärm").
        found.extend(
            matching_terms(lexicon, word, true, 0)
                .into_iter()
                .map(|m| TermMatch {
                    derivation: Derivation::CompoundPart,
                    ..m
                }),
        );
    }
    // Compound splitting costs a lookup per substring: a pasted paragraph
    // is no compound.
    if !found.is_empty() || word.len() > MAX_COMPOUND_BYTES {
        return (found, None);
    }
    let parts = KnownParts::of(lexicon, word);
    let known = |part: &str| parts.is_known(part);
    // A compound of known words; failing that, its known head ("…antrag")
    // or known beginning ("kita…"), whichever is longer.
    let parts = split_compound(word, 3, known).or_else(|| {
        let head = compound_head(word, 4, known);
        let modifier = (4..=word.len().saturating_sub(3))
            .rev()
            .filter(|&end| word.is_char_boundary(end))
            .map(|end| &word[..end])
            .find(|m| known(m));
        [head, modifier]
            .into_iter()
            .flatten()
            .max_by_key(|part| part.len())
            .map(|part| vec![part.to_string()])
    });
    (found, parts)
}

/// Which substrings of a query word are indexed words, or stem to one: the
/// candidate parts of a compound. Splitting asks about every substring, so
/// the indexed words beginning at each position are found in one walk of
/// the dictionary, and a substring is stemmed only when a shorter indexed
/// word begins where it does — a German stem of a folded (ASCII) word is
/// always one of its beginnings (`text::normalize` tests this).
struct KnownParts<'w> {
    word: &'w str,
    /// For each byte position of `word`, the lengths of the indexed words
    /// that begin there.
    term_lengths: Vec<Vec<usize>>,
}

impl<'w> KnownParts<'w> {
    fn of(lexicon: &Lexicon, word: &'w str) -> KnownParts<'w> {
        let term_lengths = (0..word.len())
            .map(|start| match word.get(start..) {
                Some(rest) => lexicon.prefix_term_lengths(rest),
                None => Vec::new(),
            })
            .collect();
        KnownParts { word, term_lengths }
    }

    /// Whether `part`, a substring of the word, is a known word: indexed
    /// itself or by its stem, and no stop word ("nach" in "nachbar").
    fn is_known(&self, part: &str) -> bool {
        if is_stop_word(part) {
            return false;
        }
        let start = (part.as_ptr() as usize).wrapping_sub(self.word.as_ptr() as usize);
        let Some(lengths) = self.term_lengths.get(start) else {
            return false;
        };
        lengths.contains(&part.len())
            || (lengths.iter().any(|&length| length < part.len())
                && lengths.contains(&stem(part).len()))
    }
}

/// Services containing every part of a split query compound, with the
/// weakest field among the parts.
pub(crate) fn compound_postings(lexicon: &Lexicon, parts: &[String]) -> HashMap<u32, Field> {
    // Where each part, or its stem, occurs.
    let per_part: Vec<(usize, HashMap<u32, Field>)> = parts
        .iter()
        .map(|part| {
            let mut here: HashMap<u32, Field> = HashMap::new();
            for form in [part.as_str(), stem(part).as_ref()] {
                for posting in lexicon.get(form).into_iter().flatten() {
                    let field = here.entry(posting.service).or_insert(posting.field);
                    *field = (*field).min(posting.field);
                }
            }
            (part.len(), here)
        })
        .collect();
    let mut common: Option<HashMap<u32, Field>> = None;
    for (_, here) in &per_part {
        common = Some(match common {
            None => here.clone(),
            Some(so_far) => so_far
                .into_iter()
                .filter_map(|(service, field)| here.get(&service).map(|f| (service, field.max(*f))))
                .collect(),
        });
    }
    // The longest part says most about what is meant.
    let longest = per_part
        .into_iter()
        .max_by_key(|(len, _)| *len)
        .map(|(_, here)| here)
        .unwrap_or_default();
    match common {
        Some(mut common) if !common.is_empty() => {
            // The parts together only in weaker fields than the longest part
            // alone ("reisepass" + "antrag" only in a description, while
            // "Reisepass" names a service): the services it names count too.
            let strongest_together = common.values().min().copied().unwrap_or(Field::Text);
            for (service, field) in longest {
                if field < strongest_together {
                    common.entry(service).or_insert(field);
                }
            }
            common
        }
        // No service has every part ("kindergeld" + "antrag").
        _ => longest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_budget_grows_with_word_length() {
        let cases = [
            ("pass", 0),
            ("steuer", 1),
            ("personal", 1),
            ("gewerbest", 2),
            ("gebaeudevermessung", 2),
        ];
        for (word, budget) in cases {
            assert_eq!(typo_budget(word), budget, "{word}");
        }
    }

    #[test]
    fn bare_vowels_stand_for_umlauts() {
        assert_eq!(umlaut_variants("mull"), ["muell"]);
        assert_eq!(umlaut_variants("hof"), ["hoef"]);
        assert_eq!(umlaut_variants("baum"), ["baeum", "bauem", "baeuem"]);
        assert_eq!(
            umlaut_variants("gebaeude"),
            ["gebaeuede"],
            "a vowel already followed by e stays"
        );
    }
}
