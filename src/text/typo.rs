//! A typo-tolerant automaton for searching the fst term dictionary.
//!
//! It simulates the edit-distance table of the query word against the term
//! being walked, one column per byte, counting insertions, deletions,
//! substitutions and swaps of neighbouring letters (optimal string
//! alignment) as one typo each, and tells the fst to stop descending as soon
//! as no continuation can come back within the typo budget.
//!
//! Why not `levenshtein_automata`: its DFAs carry a 256-wide transition table
//! per state, so building one for an 18-letter word with two typos allocates
//! and zeroes about half a megabyte — some 200 µs per query word, four times
//! the whole query budget (measured, see docs/PERFORMANCE.md). The fst walk
//! itself visits only about a thousand states, which this automaton steps
//! through in microseconds, computing only the few table cells near the
//! diagonal that can stay within budget. The tests check it against
//! `levenshtein_automata` as an oracle.

use fst::Automaton;

/// The most typos a word may have; the band below is sized for it.
pub(crate) const MAX_TYPOS: u8 = 2;

/// Cells of one table column that can hold a distance within budget: an
/// alignment with `t` typos never strays more than `t` cells off the
/// diagonal, so only rows `consumed - MAX_TYPOS ..= consumed + MAX_TYPOS`
/// matter (Ukkonen's band).
const BAND: usize = 2 * MAX_TYPOS as usize + 1;

/// Distances above the budget are all the same to us; saturating keeps them in a byte.
const FAR: u8 = u8::MAX;

/// Matches terms within `max_typos` of `word`, either as whole words or,
/// in prefix mode, as words that begin with something within budget.
#[derive(Debug, Clone)]
pub(crate) struct TypoAutomaton<'w> {
    word: &'w [u8],
    max_typos: u8,
    prefix: bool,
}

/// The band of one table column, plus what the next step needs.
#[derive(Debug, Clone)]
pub(crate) struct TypoState {
    /// `band[k]`: typos between `word[..i]` and the term so far, for row
    /// `i = consumed + k - MAX_TYPOS`; rows outside the word are [`FAR`].
    band: [u8; BAND],
    /// The band of the column before, for swaps of neighbouring letters.
    previous: [u8; BAND],
    /// The term byte consumed last.
    last_byte: u8,
    /// Term bytes consumed.
    consumed: usize,
    /// Fewest typos between the whole word and any prefix of the term so far.
    best_prefix: u8,
}

impl TypoState {
    /// The band cell of table row `row`, if the row is in the band.
    fn cell(band: &[u8; BAND], consumed: usize, row: usize) -> u8 {
        (row + MAX_TYPOS as usize)
            .checked_sub(consumed)
            .and_then(|k| band.get(k))
            .copied()
            .unwrap_or(FAR)
    }

    /// Typos between the word and the whole term walked so far, if within budget.
    pub(crate) fn whole_word_typos(&self, automaton: &TypoAutomaton<'_>) -> Option<u8> {
        let typos = Self::cell(&self.band, self.consumed, automaton.word.len());
        (typos <= automaton.max_typos).then_some(typos)
    }

    /// Fewest typos between the word and a prefix of the term, if within budget.
    pub(crate) fn prefix_typos(&self, automaton: &TypoAutomaton<'_>) -> Option<u8> {
        (self.best_prefix <= automaton.max_typos).then_some(self.best_prefix)
    }
}

impl<'w> TypoAutomaton<'w> {
    /// An automaton for `word` with a budget of at most [`MAX_TYPOS`].
    pub(crate) fn new(word: &'w str, max_typos: u8, prefix: bool) -> Self {
        TypoAutomaton {
            word: word.as_bytes(),
            max_typos: max_typos.min(MAX_TYPOS),
            prefix,
        }
    }
}

impl Automaton for TypoAutomaton<'_> {
    type State = TypoState;

    fn start(&self) -> TypoState {
        // Column 0: row i costs i deletions.
        let mut band = [FAR; BAND];
        for (k, cell) in band.iter_mut().enumerate() {
            let row = k.checked_sub(MAX_TYPOS as usize);
            if let Some(row) = row.filter(|&row| row <= self.word.len()) {
                *cell = row as u8;
            }
        }
        TypoState {
            best_prefix: TypoState::cell(&band, 0, self.word.len()),
            band,
            previous: [FAR; BAND],
            last_byte: 0,
            consumed: 0,
        }
    }

    fn is_match(&self, state: &TypoState) -> bool {
        if self.prefix {
            state.prefix_typos(self).is_some()
        } else {
            state.whole_word_typos(self).is_some()
        }
    }

    fn can_match(&self, state: &TypoState) -> bool {
        (self.prefix && state.best_prefix <= self.max_typos)
            || state.band.iter().any(|&typos| typos <= self.max_typos)
    }

    fn will_always_match(&self, state: &TypoState) -> bool {
        self.prefix && state.best_prefix <= self.max_typos
    }

    fn accept(&self, state: &TypoState, byte: u8) -> TypoState {
        let word = self.word;
        let consumed = state.consumed + 1;
        let mut band = [FAR; BAND];
        for k in 0..BAND {
            // Row i of column `consumed`; the same k indexes row i-1 of the
            // column before and row i-2 of the one before that.
            let Some(row) = (consumed + k).checked_sub(MAX_TYPOS as usize) else {
                continue;
            };
            if row > word.len() {
                break;
            }
            if row == 0 {
                band[k] = consumed.min(usize::from(FAR)) as u8;
                continue;
            }
            let substitution = state.band[k].saturating_add(u8::from(word[row - 1] != byte));
            let insertion = state.band.get(k + 1).map_or(FAR, |c| c.saturating_add(1));
            let deletion = k.checked_sub(1).map_or(FAR, |j| band[j].saturating_add(1));
            let mut typos = substitution.min(insertion).min(deletion);
            if row > 1 && consumed > 1 && word[row - 1] == state.last_byte && word[row - 2] == byte
            {
                typos = typos.min(state.previous[k].saturating_add(1));
            }
            band[k] = typos;
        }
        TypoState {
            best_prefix: state
                .best_prefix
                .min(TypoState::cell(&band, consumed, word.len())),
            band,
            previous: state.band,
            last_byte: byte,
            consumed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder};
    use proptest::prelude::*;

    fn walk(automaton: &TypoAutomaton<'_>, term: &str) -> TypoState {
        term.bytes().fold(automaton.start(), |state, byte| {
            automaton.accept(&state, byte)
        })
    }

    fn typos(word: &str, term: &str) -> Option<u8> {
        let automaton = TypoAutomaton::new(word, 2, false);
        walk(&automaton, term).whole_word_typos(&automaton)
    }

    #[test]
    fn counts_each_kind_of_typo_once() {
        let cases = [
            ("gewerbesteuer", "gewerbesteuer", Some(0)),
            ("gewerbestuer", "gewerbesteuer", Some(1)), // missing letter
            ("gewerbesteuerr", "gewerbesteuer", Some(1)), // extra letter
            ("gewerbestauer", "gewerbesteuer", Some(1)), // wrong letter
            ("gewrebesteuer", "gewerbesteuer", Some(1)), // swapped neighbours
            ("gwerbestuer", "gewerbesteuer", Some(2)),
            ("gwrbstuer", "gewerbesteuer", None),
            // Long compounds cost no more state than short words.
            (
                "grundstueksverkehrsgenehmigungsverfarhen",
                "grundstuecksverkehrsgenehmigungsverfahren",
                Some(2),
            ),
        ];
        for (word, term, expected) in cases {
            assert_eq!(typos(word, term), expected, "{word} → {term}");
        }
    }

    #[test]
    fn prefix_mode_matches_beginnings_within_budget() {
        let automaton = TypoAutomaton::new("personalausw", 2, true);
        let state = walk(&automaton, "personalausweis");
        assert!(automaton.is_match(&state));
        assert_eq!(state.prefix_typos(&automaton), Some(0));
        assert_eq!(state.whole_word_typos(&automaton), None);
        let typo = TypoAutomaton::new("persnalausw", 2, true);
        assert_eq!(walk(&typo, "personalausweis").prefix_typos(&typo), Some(1));
        let far = TypoAutomaton::new("wohngeld", 1, true);
        assert!(!far.is_match(&walk(&far, "personalausweis")));
    }

    #[test]
    fn can_match_prunes_hopeless_branches() {
        let automaton = TypoAutomaton::new("hundesteuer", 1, false);
        assert!(automaton.can_match(&walk(&automaton, "hunde")));
        assert!(automaton.can_match(&walk(&automaton, "hx")));
        assert!(!automaton.can_match(&walk(&automaton, "xyz")));
    }

    proptest! {
        /// Agrees with `levenshtein_automata` (transpositions cost one) on
        /// every word pair over a small alphabet, where typos are frequent.
        #[test]
        fn agrees_with_levenshtein_automata(word in "[abes]{0,14}", term in "[abes]{0,16}", max in 1u8..=2) {
            let oracle = LevenshteinAutomatonBuilder::new(max, true).build_dfa(&word);
            let expected = match oracle.eval(&term) {
                Distance::Exact(d) => Some(d),
                Distance::AtLeast(_) => None,
            };
            let automaton = TypoAutomaton::new(&word, max, false);
            prop_assert_eq!(walk(&automaton, &term).whole_word_typos(&automaton), expected);

            // Prefix mode: some prefix of the term is within budget. (The
            // crate's own prefix DFA forgets a match once more letters
            // follow — "ebe" against "bsb" — so prefixes are checked one by one.)
            let expected = (0..=term.len()).any(|end| matches!(oracle.eval(&term[..end]), Distance::Exact(_)));
            let automaton = TypoAutomaton::new(&word, max, true);
            prop_assert_eq!(automaton.is_match(&walk(&automaton, &term)), expected);
        }
    }
}
