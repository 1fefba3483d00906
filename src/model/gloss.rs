//! Glosses: a short rendering of a German service name in another language
//! ("Personalausweis beantragen" — *identity card · apply*), taken from that
//! language's query vocabulary read backwards, so that a citizen who
//! searched in English sees what the German names they are offered mean.
//!
//! A [`Glossary`] travels as a small text file beside the widget
//! (`glossary-en.tsv`): the index stays as it is for everyone, and only a
//! finder running in that language fetches it.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::model::thesaurus::{is_language_code, Thesaurus, Vocabulary};
use crate::text::normalize::{compound_head, fold};

/// The first line of a glossary file, before the language code.
const HEADER: &str = "# zufi glossary";
/// A glossary is a few kilobytes; anything past this is not one.
pub const MAX_GLOSSARY_BYTES: usize = 1 << 20;
/// A compound's head names what it is ("hundesteuer" is a "steuer"), and
/// is glossed when nothing glosses the whole word; shorter heads ("amt")
/// would gloss too much.
const MIN_GLOSSED_HEAD: usize = 5;
/// A name says enough in this many glossed words.
const MAX_GLOSS_WORDS: usize = 4;
/// The file name [`Glossary::parse`] gives in its errors.
const FILE: &str = "glossary";

/// German words (folded) and what they are in one other language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Glossary {
    language: String,
    words: BTreeMap<String, String>,
}

impl Glossary {
    /// The glossary of query language `language` (ISO 639-1, `en`) from the
    /// entries of `thesaurus` in that language: each German target gets the
    /// term of the entry that names it first (it is that entry's main
    /// meaning), and among those the earliest entry, as the vocabulary
    /// orders them. Multi-word targets are left out: names are glossed word
    /// by word.
    pub fn from_vocabulary(language: &str, thesaurus: &Thesaurus) -> Glossary {
        let wanted = Vocabulary::Language(language.to_string());
        let mut chosen: BTreeMap<&str, ((usize, usize), &str)> = BTreeMap::new();
        let entries = thesaurus
            .entries()
            .iter()
            .filter(|e| e.vocabulary == wanted);
        for (order, entry) in entries.enumerate() {
            for (position, target) in entry.targets.iter().enumerate() {
                if target.contains(' ') || target.is_empty() {
                    continue;
                }
                let rank = (position, order);
                let slot = chosen.entry(target).or_insert((rank, &entry.term));
                if rank < slot.0 {
                    *slot = (rank, &entry.term);
                }
            }
        }
        Glossary {
            language: language.to_string(),
            words: chosen
                .into_iter()
                .map(|(german, (_, term))| (german.to_string(), term.to_string()))
                .collect(),
        }
    }

    /// The language the glosses are in.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// How many German words the glossary knows.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the glossary knows no word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The gloss of a German `name`: what its words are in the glossary's
    /// language, in the name's order, each once, a word the glossary lacks
    /// glossed by its compound head. `None` when no word has a gloss.
    ///
    /// ```
    /// use zufi::{Glossary, Thesaurus};
    ///
    /// let english = Glossary::from_vocabulary("en", &Thesaurus::defaults());
    /// assert_eq!(
    ///     english.gloss("Personalausweis beantragen").as_deref(),
    ///     Some("identity card · apply")
    /// );
    /// assert_eq!(english.gloss("Approbation - Verzicht"), None);
    /// ```
    pub fn gloss(&self, name: &str) -> Option<String> {
        let mut glossed: Vec<&str> = Vec::new();
        for word in fold(name).split(' ') {
            let gloss = self.words.get(word).or_else(|| {
                compound_head(word, MIN_GLOSSED_HEAD, |head| self.words.contains_key(head))
                    .and_then(|head| self.words.get(head))
            });
            if let Some(gloss) = gloss.filter(|g| !glossed.contains(&g.as_str())) {
                glossed.push(gloss);
            }
        }
        // "dog" says nothing "dog tax" does not.
        let kept: Vec<&str> = glossed
            .iter()
            .copied()
            .filter(|g| {
                !glossed
                    .iter()
                    .any(|other| other != g && contains_words(other, g))
            })
            .take(MAX_GLOSS_WORDS)
            .collect();
        (!kept.is_empty()).then(|| kept.join(" · "))
    }

    /// The glossary as the file [`Glossary::parse`] reads: a header naming
    /// the language, then one `german<TAB>gloss` line per word, sorted.
    pub fn to_text(&self) -> String {
        let mut text = format!("{HEADER} {}\n", self.language);
        for (german, gloss) in &self.words {
            text.push_str(german);
            text.push('\t');
            text.push_str(gloss);
            text.push('\n');
        }
        text
    }

    /// Reads a glossary file as [`Glossary::to_text`] writes it. Anything
    /// else is refused with the line and what is wrong: a missing header,
    /// a line without exactly one TAB, an empty or unfolded German word
    /// (glossaries are written by zufi), control characters, or more than
    /// [`MAX_GLOSSARY_BYTES`].
    pub fn parse(text: &str) -> Result<Glossary> {
        let bad = |line: usize, message: String| Error::Syntax {
            file: FILE.to_string(),
            line,
            column: 1,
            message,
        };
        if text.len() > MAX_GLOSSARY_BYTES {
            return Err(bad(
                1,
                format!(
                    "a glossary is at most {MAX_GLOSSARY_BYTES} bytes, this one has {}",
                    text.len()
                ),
            ));
        }
        let mut lines = text.lines();
        let language = lines
            .next()
            .and_then(|first| first.strip_prefix(HEADER))
            .and_then(|rest| rest.strip_prefix(' '))
            .filter(|code| is_language_code(code))
            .ok_or_else(|| {
                bad(
                    1,
                    format!("not a zufi glossary: the first line must be `{HEADER} <language>`"),
                )
            })?;
        let mut words = BTreeMap::new();
        for (number, line) in lines.enumerate().map(|(n, line)| (n + 2, line)) {
            if line.is_empty() {
                continue;
            }
            let Some((german, gloss)) = line.split_once('\t') else {
                return Err(bad(number, "expected `german<TAB>gloss`".to_string()));
            };
            if german.is_empty() || fold(german) != german {
                return Err(bad(
                    number,
                    format!("`{german}` is not a folded German word"),
                ));
            }
            if gloss.trim().is_empty() || gloss.chars().any(char::is_control) {
                return Err(bad(
                    number,
                    format!("the gloss of `{german}` is empty or holds control characters"),
                ));
            }
            words.insert(german.to_string(), gloss.to_string());
        }
        Ok(Glossary {
            language: language.to_string(),
            words,
        })
    }
}

/// Whether the words of `part` occur, in order and whole, in `whole`.
fn contains_words(whole: &str, part: &str) -> bool {
    let whole: Vec<&str> = whole.split(' ').collect();
    let part: Vec<&str> = part.split(' ').collect();
    whole
        .windows(part.len())
        .any(|window| window == part.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn english() -> Glossary {
        Glossary::from_vocabulary("en", &Thesaurus::defaults())
    }

    #[test]
    fn names_are_glossed_word_by_word_in_their_order() {
        let english = english();
        for (name, gloss) in [
            ("Reisepass beantragen", Some("passport · apply")),
            (
                "Geburt anzeigen und Geburtsurkunde erhalten",
                Some("birth certificate"),
            ),
            ("Führerschein umtauschen", Some("driving licence")),
            ("Gewerbe abmelden", Some("business · deregister")),
            // Nothing in the vocabulary: no gloss rather than a wrong one.
            ("Approbation als Arzt - Erteilung", None),
        ] {
            assert_eq!(english.gloss(name).as_deref(), gloss, "{name}");
        }
    }

    #[test]
    fn a_compound_without_its_own_gloss_takes_its_heads() {
        let thesaurus = Thesaurus::parse(
            "term\trelation\ttargets\tsource\ntax\t>\tsteuer\tIATE\ndog\t>\thund\tIATE\n",
            "en.tsv",
        )
        .unwrap();
        let glossary = Glossary::from_vocabulary("en", &thesaurus);
        assert_eq!(glossary.gloss("Zweitwohnungsteuer").as_deref(), Some("tax"));
        // Heads shorter than five letters say too little.
        assert_eq!(glossary.gloss("Schäferhund"), None);
    }

    #[test]
    fn the_entry_naming_a_target_first_glosses_it() {
        let thesaurus = Thesaurus::parse(
            "term\trelation\ttargets\tsource\nchild\t>\tkind, kinderreisepass\tIATE\n\
             passport\t>\treisepass, kinderreisepass\tIATE\nchild passport\t>\tkinderreisepass\tIATE\n",
            "en.tsv",
        )
        .unwrap();
        let glossary = Glossary::from_vocabulary("en", &thesaurus);
        assert_eq!(
            glossary.gloss("Kinderreisepass").as_deref(),
            Some("child passport")
        );
        assert_eq!(glossary.gloss("Kind").as_deref(), Some("child"));
    }

    #[test]
    fn a_gloss_inside_another_is_left_out() {
        let thesaurus = Thesaurus::parse(
            "term\trelation\ttargets\tsource\ndog\t>\thund\tIATE\ndog tax\t>\thundesteuer\tIATE\n",
            "en.tsv",
        )
        .unwrap();
        let glossary = Glossary::from_vocabulary("en", &thesaurus);
        assert_eq!(
            glossary.gloss("Hund zur Hundesteuer anmelden").as_deref(),
            Some("dog tax")
        );
    }

    #[test]
    fn bad_files_are_refused_with_the_line() {
        for (text, line, says) in [
            ("", 1, "not a zufi glossary"),
            ("# zufi glossary english\n", 1, "not a zufi glossary"),
            ("# zufi glossary en\nhund dog\n", 2, "german<TAB>gloss"),
            (
                "# zufi glossary en\n\nHund\tdog\n",
                3,
                "not a folded German word",
            ),
            (
                "# zufi glossary en\nhund\t\u{1b}[31m\n",
                2,
                "control characters",
            ),
        ] {
            match Glossary::parse(text) {
                Err(Error::Syntax {
                    line: l, message, ..
                }) => {
                    assert_eq!(l, line, "{text:?}");
                    assert!(message.contains(says), "{text:?}: {message}");
                }
                other => panic!("{text:?}: {other:?}"),
            }
        }
        let huge = format!("{HEADER} en\n{}", "a\tb\n".repeat(MAX_GLOSSARY_BYTES / 4));
        assert!(Glossary::parse(&huge).is_err());
    }

    #[test]
    fn the_shipped_english_glossary_reads_back() {
        let english = english();
        assert!(english.len() > 150, "{}", english.len());
        assert_eq!(Glossary::parse(&english.to_text()).unwrap(), english);
    }

    proptest! {
        #[test]
        fn any_glossary_reads_back(
            language in "[a-z]{2}",
            words in proptest::collection::btree_map("[a-z]{1,12}", "[a-z][a-z ]{0,20}[a-z]", 0..30),
        ) {
            let glossary = Glossary { language, words };
            prop_assert_eq!(Glossary::parse(&glossary.to_text()).unwrap(), glossary);
        }
    }
}
