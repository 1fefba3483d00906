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
//! through in microseconds. The tests check it against `levenshtein_automata`
//! as an oracle.

use fst::Automaton;

/// Longest query word (in bytes) that gets typo tolerance; longer words are
/// matched exactly. German compounds rarely pass 40 letters.
pub(crate) const MAX_WORD_BYTES: usize = 48;

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

/// One column of the edit-distance table, plus what the next step needs.
#[derive(Debug, Clone)]
pub(crate) struct TypoState {
    /// `column[i]`: typos between `word[..i]` and the term so far.
    column: [u8; MAX_WORD_BYTES + 1],
    /// The column before, for swaps of neighbouring letters.
    previous: [u8; MAX_WORD_BYTES + 1],
    /// The term byte consumed last.
    last_byte: u8,
    /// Term bytes consumed.
    consumed: usize,
    /// Fewest typos between the whole word and any prefix of the term so far.
    best_prefix: u8,
}

impl TypoState {
    /// Typos between the word and the whole term walked so far, if within budget.
    pub(crate) fn whole_word_typos(&self, automaton: &TypoAutomaton<'_>) -> Option<u8> {
        let typos = self.column[automaton.word.len()];
        (typos <= automaton.max_typos).then_some(typos)
    }

    /// Fewest typos between the word and a prefix of the term, if within budget.
    pub(crate) fn prefix_typos(&self, automaton: &TypoAutomaton<'_>) -> Option<u8> {
        (self.best_prefix <= automaton.max_typos).then_some(self.best_prefix)
    }
}

impl<'w> TypoAutomaton<'w> {
    /// An automaton for `word` (at most [`MAX_WORD_BYTES`] long).
    pub(crate) fn new(word: &'w str, max_typos: u8, prefix: bool) -> Option<Self> {
        (word.len() <= MAX_WORD_BYTES).then_some(TypoAutomaton {
            word: word.as_bytes(),
            max_typos,
            prefix,
        })
    }
}

impl Automaton for TypoAutomaton<'_> {
    type State = TypoState;

    fn start(&self) -> TypoState {
        let mut column = [FAR; MAX_WORD_BYTES + 1];
        for (i, cell) in column.iter_mut().enumerate().take(self.word.len() + 1) {
            *cell = i.min(usize::from(FAR)) as u8;
        }
        let best_prefix = column[self.word.len()];
        TypoState {
            column,
            previous: [FAR; MAX_WORD_BYTES + 1],
            last_byte: 0,
            consumed: 0,
            best_prefix,
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
        let m = self.word.len();
        (self.prefix && state.best_prefix <= self.max_typos)
            || state.column[..=m]
                .iter()
                .any(|&typos| typos <= self.max_typos)
    }

    fn will_always_match(&self, state: &TypoState) -> bool {
        self.prefix && state.best_prefix <= self.max_typos
    }

    fn accept(&self, state: &TypoState, byte: u8) -> TypoState {
        let word = self.word;
        let m = word.len();
        let consumed = state.consumed + 1;
        let mut column = [FAR; MAX_WORD_BYTES + 1];
        column[0] = consumed.min(usize::from(FAR)) as u8;
        for i in 1..=m {
            let substitution = state.column[i - 1].saturating_add(u8::from(word[i - 1] != byte));
            let insertion = state.column[i].saturating_add(1);
            let deletion = column[i - 1].saturating_add(1);
            let mut typos = substitution.min(insertion).min(deletion);
            if i > 1 && consumed > 1 && word[i - 1] == state.last_byte && word[i - 2] == byte {
                typos = typos.min(state.previous[i - 2].saturating_add(1));
            }
            column[i] = typos;
        }
        TypoState {
            best_prefix: state.best_prefix.min(column[m]),
            column,
            previous: state.column,
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
        let automaton = TypoAutomaton::new(word, 2, false).unwrap();
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
        ];
        for (word, term, expected) in cases {
            assert_eq!(typos(word, term), expected, "{word} → {term}");
        }
    }

    #[test]
    fn prefix_mode_matches_beginnings_within_budget() {
        let automaton = TypoAutomaton::new("personalausw", 2, true).unwrap();
        let state = walk(&automaton, "personalausweis");
        assert!(automaton.is_match(&state));
        assert_eq!(state.prefix_typos(&automaton), Some(0));
        assert_eq!(state.whole_word_typos(&automaton), None);
        let typo = TypoAutomaton::new("persnalausw", 2, true).unwrap();
        assert_eq!(walk(&typo, "personalausweis").prefix_typos(&typo), Some(1));
        let far = TypoAutomaton::new("wohngeld", 1, true).unwrap();
        assert!(!far.is_match(&walk(&far, "personalausweis")));
    }

    #[test]
    fn can_match_prunes_hopeless_branches() {
        let automaton = TypoAutomaton::new("hundesteuer", 1, false).unwrap();
        assert!(automaton.can_match(&walk(&automaton, "hunde")));
        assert!(automaton.can_match(&walk(&automaton, "hx")));
        assert!(!automaton.can_match(&walk(&automaton, "xyz")));
    }

    proptest! {
        /// Agrees with `levenshtein_automata` (transpositions cost one) on
        /// every word pair over a small alphabet, where typos are frequent.
        #[test]
        fn agrees_with_levenshtein_automata(word in "[abes]{0,10}", term in "[abes]{0,12}", max in 1u8..=2) {
            let oracle = LevenshteinAutomatonBuilder::new(max, true).build_dfa(&word);
            let expected = match oracle.eval(&term) {
                Distance::Exact(d) => Some(d),
                Distance::AtLeast(_) => None,
            };
            let automaton = TypoAutomaton::new(&word, max, false).unwrap();
            prop_assert_eq!(walk(&automaton, &term).whole_word_typos(&automaton), expected);

            // Prefix mode: some prefix of the term is within budget. (The
            // crate's own prefix DFA forgets a match once more letters
            // follow — "ebe" against "bsb" — so prefixes are checked one by one.)
            let expected = (0..=term.len()).any(|end| matches!(oracle.eval(&term[..end]), Distance::Exact(_)));
            let automaton = TypoAutomaton::new(&word, max, true).unwrap();
            prop_assert_eq!(automaton.is_match(&walk(&automaton, &term)), expected);
        }
    }
}
