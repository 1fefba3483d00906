//! The ranking key: how good one service's match of a query is, in the
//! order the criteria count. One type ranks, explains (`zufi search
//! --explain`) and scores (the JSON and JavaScript `score`).

use std::cmp::{Ordering, Reverse};
use std::fmt;

use crate::index::format::{Derivation, Field};
use crate::text::normalize::{stem, word_spans};

/// The best way one query word matched one service; smaller is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Quality {
    pub(crate) typos: u8,
    /// Typed "ae" where the text has "ä", or the other way round.
    pub(crate) transliterated: bool,
    pub(crate) field: Field,
    pub(crate) derivation: Derivation,
    pub(crate) prefix: bool,
    /// Which matched term (a number into the query's term list).
    pub(crate) term: u32,
}

/// Why a hit ranks where it does. Hits are ordered by, in this order: more
/// query words matched, fewer typos, fewer transliterated umlauts, matched
/// words closer together in the name, stronger fields, fewer derived
/// matches (stem, compound part, thesaurus synonym), fewer prefix matches;
/// then rarer matched words ([`RankKey::commonness`]), higher editor-set
/// popularity and the shorter name. A greater key ranks first.
///
/// The counts are capped at 255 (words matched at 31), so that
/// [`RankKey::score`] can pack the match criteria into one number below
/// 2<sup>53</sup>, exact as a JavaScript number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RankKey {
    /// How much of the query's meaning the service covers: the weights of
    /// the matched query words, summed: 3 for a word at most one in 64
    /// services match, 2 for one in 8, 1 for a common word, so that one
    /// telling word outweighs several common ones.
    pub meaning: u8,
    /// Typos, summed over the matched words.
    pub typos: u8,
    /// Words typed with "ae" where the text has "ä", or the other way round.
    pub transliterated: u8,
    /// Gaps between the matched words in the service name; a word matched
    /// outside the name counts as a wide gap.
    pub gaps: u8,
    /// Field weight, summed: 0 for the name, 1 for a synonym, 2 for other text.
    pub field_weight: u8,
    /// Derivation weight, summed: 0 for the word itself, 1 for a stem, 2 for
    /// a compound part, 3 for a thesaurus synonym.
    pub derived: u8,
    /// Words matched only as the beginning of a longer word.
    pub prefixes: u8,
    /// For each matched word, how many services it matched, summed: a hit
    /// for "Personalausweis" says more than one for "beantragen".
    pub commonness: u32,
    /// The editor-set popularity (0–100), 0 when unset.
    pub popularity: u8,
    /// Characters in the service name.
    pub name_length: u32,
}

impl RankKey {
    /// The key of a service whose query words matched as `qualities`
    /// (`None` for a word that did not match).
    pub(crate) fn new(
        qualities: &[Option<Quality>],
        weights: &[u8],
        gaps: usize,
        commonness: usize,
        popularity: Option<u8>,
        name: &str,
    ) -> RankKey {
        let matched = qualities.iter().flatten();
        let lane = |value: usize| value.min(255) as u8;
        RankKey {
            // A pasted paragraph gains nothing beyond 31.
            meaning: lane(
                qualities
                    .iter()
                    .zip(weights)
                    .filter(|(quality, _)| quality.is_some())
                    .map(|(_, &weight)| usize::from(weight))
                    .sum::<usize>()
                    .min(31),
            ),
            typos: lane(matched.clone().map(|q| usize::from(q.typos)).sum()),
            transliterated: lane(matched.clone().filter(|q| q.transliterated).count()),
            gaps: lane(gaps),
            field_weight: lane(matched.clone().map(|q| q.field as usize).sum()),
            derived: lane(matched.clone().map(|q| q.derivation as usize).sum()),
            prefixes: lane(matched.filter(|q| q.prefix).count()),
            commonness: u32::try_from(commonness).unwrap_or(u32::MAX),
            popularity: popularity.unwrap_or(0),
            name_length: u32::try_from(name.chars().count()).unwrap_or(u32::MAX),
        }
    }

    /// The criteria that rank before the gaps, oriented so that greater is
    /// better: a service worse in these can never overtake by its gaps.
    /// Packed into one number (a byte each: the meaning, then the
    /// complements of typos and transliterations), which orders as the
    /// tuple `(meaning, Reverse(typos), Reverse(transliterated))` does.
    pub(crate) fn before_gaps(&self) -> usize {
        (usize::from(self.meaning) << 16)
            | (usize::from(255 - self.typos) << 8)
            | usize::from(255 - self.transliterated)
    }

    /// This key with the gaps between the matched words in the name.
    pub(crate) fn with_gaps(mut self, gaps: usize) -> RankKey {
        self.gaps = gaps.min(255) as u8;
        self
    }

    /// The match criteria packed into one number, higher is better: a byte
    /// each, most significant first, the meaning covered, then the complements of
    /// typos, transliterations, gaps, field weight, derivations and prefixes.
    /// Below 2<sup>53</sup>.
    pub fn score(&self) -> u64 {
        let worse = |count: u8| u64::from(255 - count);
        (u64::from(self.meaning) << 48)
            | (worse(self.typos) << 40)
            | (worse(self.transliterated) << 32)
            | (worse(self.gaps) << 24)
            | (worse(self.field_weight) << 16)
            | (worse(self.derived) << 8)
            | worse(self.prefixes)
    }
}

impl RankKey {
    /// The criteria in precedence order, each oriented so that greater is
    /// better: the order of [`RankKey::score`], then the tie-breakers.
    #[allow(clippy::type_complexity)]
    fn precedence(&self) -> (u8, Reverse<[u8; 6]>, Reverse<u32>, u8, Reverse<u32>) {
        (
            self.meaning,
            Reverse([
                self.typos,
                self.transliterated,
                self.gaps,
                self.field_weight,
                self.derived,
                self.prefixes,
            ]),
            Reverse(self.commonness),
            self.popularity,
            Reverse(self.name_length),
        )
    }
}

impl Ord for RankKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.precedence().cmp(&other.precedence())
    }
}

impl PartialOrd for RankKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for RankKey {
    /// The match criteria as `zufi search --explain` prints them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "meaning {} · typos {} · transliterated {} · gaps {} · field weight {} · derived {} · prefixes {}",
            self.meaning,
            self.typos,
            self.transliterated,
            self.gaps,
            self.field_weight,
            self.derived,
            self.prefixes
        )
    }
}

/// The weight of a query word that matched `matched` of `services`
/// services: 3 for a telling word (at most one in 64 services, e.g.
/// "Hundesteuer"), 2 for a word of a family (one in 8: "Fahrerlaubnis"),
/// 1 for a common one ("beantragen"). Coarse on purpose: within a class the
/// finer criteria (typos, gaps, fields) decide, and `commonness` breaks ties.
pub(crate) fn meaning_weight(matched: usize, services: usize) -> u8 {
    let telling = |share: usize| matched.saturating_mul(share) <= services;
    1 + u8::from(telling(8)) + u8::from(telling(64))
}

/// The gap counted for a matched word that is not in the name.
const FAR_APART: usize = 8;

/// How far apart the matched words stand in the service name, for
/// multi-word queries: the sum of the gaps between neighbouring matched
/// words (in name order), where a word matched elsewhere than in the name
/// counts as a gap of [`FAR_APART`]. "Personalausweis beantragen" has no
/// gap for "personalausweis beantragen"; "Beantragen eines Ersatzes für den
/// Personalausweis" has four. `terms` are the matched terms the qualities
/// point into; a split compound (several parts) counts as not in the name.
pub(crate) fn name_gaps(name: &str, qualities: &[Option<Quality>], terms: &[Vec<String>]) -> usize {
    let matched: Vec<&Quality> = qualities.iter().flatten().collect();
    if matched.len() < 2 {
        return 0;
    }
    // Every word matched outside the name: nothing to look up in it.
    if matched.iter().all(|quality| quality.field != Field::Name) {
        return matched.len() * FAR_APART;
    }
    let words: Vec<String> = word_spans(name).into_iter().map(|(_, word)| word).collect();
    // Each name word stemmed once, when first needed: stemming is most of
    // the cost of ranking a long query (a sentence's words against every
    // candidate's name).
    let mut stems: Vec<Option<String>> = vec![None; words.len()];
    let mut positions: Vec<usize> = Vec::new();
    let mut missing = 0;
    for quality in matched {
        // A word matched outside the name is far apart whatever the name holds.
        let found = match terms[quality.term as usize].as_slice() {
            [term] if quality.field == Field::Name => (0..words.len()).find(|&i| {
                let word = &words[i];
                word == term
                    || word.starts_with(term.as_str())
                    || word.ends_with(term.as_str())
                    || stems[i].get_or_insert_with(|| stem(word).into_owned()) == term
            }),
            _ => None,
        };
        match found {
            Some(position) => positions.push(position),
            None => missing += 1,
        }
    }
    positions.sort_unstable();
    let gaps: usize = positions
        .windows(2)
        .map(|pair| (pair[1] - pair[0]).saturating_sub(1))
        .sum();
    gaps + missing * FAR_APART
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quality(typos: u8, field: Field) -> Option<Quality> {
        Some(Quality {
            typos,
            transliterated: false,
            field,
            derivation: Derivation::Literal,
            prefix: false,
            term: 0,
        })
    }

    #[test]
    fn the_score_packs_the_match_criteria_and_explains_them() {
        let key = RankKey::new(
            &[quality(1, Field::Name), None, quality(0, Field::Text)],
            &[1, 3, 2],
            3,
            40,
            Some(7),
            "Hundesteuer",
        );
        assert_eq!(
            key.to_string(),
            "meaning 3 · typos 1 · transliterated 0 · gaps 3 · field weight 2 · derived 0 · prefixes 0"
        );
        assert_eq!(key.score(), 0x0003_feff_fcfd_ffff);
        assert_eq!(
            (key.commonness, key.popularity, key.name_length),
            (40, 7, 11)
        );
    }

    #[test]
    fn keys_order_by_match_then_rarity_popularity_and_name_length() {
        let key = |typos, commonness, popularity, name: &str| {
            RankKey::new(
                &[quality(typos, Field::Name)],
                &[1],
                0,
                commonness,
                popularity,
                name,
            )
        };
        let best = key(0, 5, None, "Pass");
        assert!(best > key(1, 1, Some(100), "P"), "fewer typos first");
        assert!(best > key(0, 6, Some(100), "P"), "rarer words next");
        assert!(key(0, 5, Some(1), "Passwort") > best, "then popularity");
        assert!(best > key(0, 5, None, "Passe"), "then the shorter name");
    }

    #[test]
    fn keys_order_as_their_scores_do() {
        let keys: Vec<RankKey> = (0..4u8)
            .flat_map(|typos| {
                [Field::Name, Field::Text].map(|field| {
                    RankKey::new(
                        &[quality(typos, field), None],
                        &[2, 2],
                        usize::from(typos),
                        0,
                        None,
                        "x",
                    )
                })
            })
            .collect();
        for a in &keys {
            for b in &keys {
                assert_eq!(a.cmp(b), a.score().cmp(&b.score()), "{a} / {b}");
            }
        }
    }

    #[test]
    fn scores_stay_below_two_to_the_53() {
        let many: Vec<Option<Quality>> = (0..300).map(|_| quality(2, Field::Text)).collect();
        let key = RankKey::new(&many, &[3; 300], 10_000, 0, None, "");
        assert_eq!(key.meaning, 31);
        assert!(key.score() < 1 << 53);
    }

    #[test]
    fn telling_words_weigh_more() {
        assert_eq!(meaning_weight(1, 560), 3);
        assert_eq!(meaning_weight(8, 560), 3);
        assert_eq!(meaning_weight(9, 560), 2);
        assert_eq!(meaning_weight(70, 560), 2);
        assert_eq!(meaning_weight(71, 560), 1);
        assert_eq!(
            meaning_weight(1, 60),
            2,
            "in a small catalog one service in 64 is none"
        );
        // One telling word outweighs two common ones.
        let one_telling = RankKey::new(
            &[quality(0, Field::Name), None, None],
            &[3, 1, 1],
            0,
            0,
            None,
            "a",
        );
        let two_common = RankKey::new(
            &[None, quality(0, Field::Name), quality(0, Field::Name)],
            &[3, 1, 1],
            0,
            0,
            None,
            "a",
        );
        assert!(one_telling > two_common);
    }
}
