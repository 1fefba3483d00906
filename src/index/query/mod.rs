//! The query engine: exact, prefix and typo-tolerant word matching over the
//! term dictionary, and ranking.
//!
//! Each query word is matched against the fst term dictionary:
//!
//! - exactly;
//! - with typos through a Levenshtein automaton (`text::typo`) that counts a
//!   swap of two neighbouring letters as one typo: none below 5 letters, one
//!   from 5, two from 9 (counted after normalisation, so "ü" is two letters);
//! - the last word, while the citizen may still be typing it, also as a
//!   prefix of longer words, with the same typo budget.
//!
//! Services are ranked by, in this order: more query words matched, fewer
//! typos, umlauts spelled as in the text (for "gebäude", "Gebäude" before
//! "Gebaeude"; a bare vowel, "gebaude", counts as a typo), matched words
//! closer together in the name, stronger fields (name
//! before synonym before text), fewer derived matches (stem, compound part,
//! thesaurus synonym), more words matched whole rather than as a prefix;
//! then rarer words matched (a hit for "Personalausweis" says more than one
//! for "beantragen"); then the editor-set popularity; remaining ties go to
//! the shorter name, then to catalog order.

//!
//! `words` matches one query word, `search` offers the matches to services
//! and ranks them by `rank::RankKey`, `hit` is what a search returns,
//! `suggest` proposes alternatives for a query that finds nothing. The
//! engine reads the term dictionary through the verified
//! [`crate::index::lexicon::Lexicon`] and knows nothing of the `Index` that
//! owns it.

pub(crate) mod hit;
pub(crate) mod rank;
pub(crate) mod search;
pub(crate) mod suggest;
pub(crate) mod words;

#[cfg(test)]
mod tests {
    use crate::build::IndexBuilder;
    use crate::index::format::{Derivation, Field};
    use crate::index::query::search::SearchOptions;
    use crate::index::Index;
    use crate::model::records::{Catalog, Service};

    fn index(names: &[&str]) -> Index {
        let catalog = Catalog {
            services: names
                .iter()
                .enumerate()
                .map(|(i, name)| Service {
                    id: format!("s{i}"),
                    name: name.to_string(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        };
        Index::from_bytes(&IndexBuilder::new(&catalog).build().unwrap().bytes).unwrap()
    }

    fn top(index: &Index, query: &str) -> Vec<String> {
        index
            .search(query, &SearchOptions::default())
            .into_iter()
            .map(|h| h.service.name.clone())
            .collect()
    }

    #[test]
    fn short_words_need_exact_letters() {
        let index = index(&["Pass beantragen", "Pack"]);
        assert_eq!(top(&index, "pass "), ["Pass beantragen"]);
        assert!(top(&index, "pask ").is_empty());
    }

    #[test]
    fn typos_and_transpositions_are_tolerated_within_budget() {
        let index = index(&["Gewerbesteuer - Festsetzung", "Hundesteuer"]);
        assert_eq!(
            top(&index, "gewerbestuer")[0],
            "Gewerbesteuer - Festsetzung"
        );
        assert_eq!(
            top(&index, "gewrebesteuer")[0],
            "Gewerbesteuer - Festsetzung"
        );
        assert_eq!(top(&index, "hundestuer")[0], "Hundesteuer");
        assert!(
            top(&index, "hxndxstxuer").is_empty(),
            "three typos are too many"
        );
    }

    #[test]
    fn the_last_word_matches_as_prefix() {
        let index = index(&["Personalausweis beantragen", "Reisepass beantragen"]);
        assert_eq!(top(&index, "personalaus"), ["Personalausweis beantragen"]);
        assert_eq!(derivations(&index, "personalaus")[0].1, Derivation::Literal);
        // A finished word that only begins a longer word is taken as the
        // first part of a compound: found, but as a derived match.
        assert_eq!(
            derivations(&index, "personalaus ")[0].1,
            Derivation::CompoundPart
        );
        assert!(
            top(&index, "pers ").is_empty(),
            "too short to be a compound part"
        );
    }

    #[test]
    fn ranking_prefers_more_words_then_fewer_typos_then_names() {
        let index = index(&[
            "Wohngeld beantragen",
            "Personalausweis beantragen",
            "Elterngeld beantragen",
            "Personalausweis - Verlust melden",
        ]);
        assert_eq!(
            top(&index, "personalausweis beantragen"),
            [
                "Personalausweis beantragen",
                "Personalausweis - Verlust melden",
                "Wohngeld beantragen",
                "Elterngeld beantragen"
            ]
        );
        let index = self::index(&["Hundesteuer", "Hundesteuern"]);
        assert_eq!(
            top(&index, "hundesteuer ")[0],
            "Hundesteuer",
            "exact before one typo"
        );
    }

    #[test]
    fn suggestions_offer_close_words_that_find_something() {
        let index = index(&[
            "Gewerbesteuer - Festsetzung",
            "Hundesteuer",
            "Hund anmelden",
        ]);
        assert!(
            top(&index, "hnud ").is_empty(),
            "a swapped letter in a four-letter word is beyond budget"
        );
        assert_eq!(index.suggestions("hnud ", 3), ["Hund"]);
        assert_eq!(index.suggestions("hnud anmelden", 3), ["Hund anmelden"]);
        assert_eq!(
            index.suggestions("hundesteuer qqqqqq", 3),
            ["Hundesteuer"],
            "hopeless words are dropped"
        );
        assert!(
            index.suggestions("hundesteuer", 3).is_empty(),
            "nothing to suggest for a query that finds something"
        );
        assert!(index.suggestions("qqqqqq", 3).is_empty());
    }

    fn derivations(index: &Index, query: &str) -> Vec<(String, Derivation)> {
        index.search(query, &SearchOptions::default())[0]
            .matches
            .iter()
            .map(|m| (m.term_label(), m.derivation))
            .collect()
    }

    #[test]
    fn inflected_forms_meet_through_stems() {
        let index = index(&["Fahrzeug zulassen", "Bescheide anfordern"]);
        assert_eq!(top(&index, "fahrzeuge ")[0], "Fahrzeug zulassen");
        assert_eq!(top(&index, "fahrzeuges ")[0], "Fahrzeug zulassen");
        assert_eq!(top(&index, "bescheid ")[0], "Bescheide anfordern");
        assert_eq!(derivations(&index, "fahrzeuge ")[0].1, Derivation::Stem);
    }

    #[test]
    fn compounds_are_split_at_build_and_at_query_time() {
        let index = index(&[
            "Melderegisterauskunft",
            "Auskunft aus dem Grundbuch",
            "Grundsteuer - Bescheid",
        ]);
        let hits = top(&index, "auskunft ");
        assert_eq!(
            hits,
            ["Auskunft aus dem Grundbuch", "Melderegisterauskunft"],
            "literal before compound part"
        );
        assert_eq!(
            top(&index, "grundsteuerbescheid ")[0],
            "Grundsteuer - Bescheid"
        );
        assert_eq!(
            derivations(&index, "grundsteuerbescheid "),
            [("grundsteuer+bescheid".to_string(), Derivation::CompoundPart)]
        );
    }

    #[test]
    fn stop_words_do_not_count_but_never_empty_a_query() {
        let index = index(&["Pass verlängern", "Wohngeld beantragen", "Ich-AG gründen"]);
        let hits = index.search(
            "wo kann ich meinen pass verlängern",
            &SearchOptions::default(),
        );
        assert_eq!(hits[0].service.name, "Pass verlängern");
        assert_eq!(hits[0].matches.len(), 2, "only content words are matched");
        assert_eq!(
            top(&index, "ich")[0],
            "Ich-AG gründen",
            "a query of stop words alone still searches"
        );
    }

    #[test]
    fn thesaurus_synonyms_find_official_names_even_with_typos() {
        let catalog = Catalog {
            services: vec![Service {
                id: "elstam".into(),
                name: "Elektronische Lohnsteuerabzugsmerkmale ändern".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let thesaurus = crate::model::thesaurus::Thesaurus::parse(
            "lohnsteuerkarte\t>\tlohnsteuerabzugsmerkmale\n",
            "t.tsv",
        )
        .unwrap();
        let bytes = IndexBuilder::new(&catalog)
            .thesaurus(thesaurus)
            .build()
            .unwrap()
            .bytes;
        let index = Index::from_bytes(&bytes).unwrap();
        for query in ["lohnsteuerkarte", "Lohnsteuerkarte ", "lohnsteurkarte "] {
            let hits = index.search(query, &SearchOptions::default());
            assert_eq!(
                hits.first().map(|h| h.service.id.as_str()),
                Some("elstam"),
                "{query}"
            );
            assert_eq!(hits[0].matches[0].derivation, Derivation::Thesaurus);
        }
    }

    #[test]
    fn elided_compounds_are_completed() {
        let index = index(&[
            "Haus- und Nachbarschaftslärm",
            "Lärmschutz",
            "Anwohner -/Bewohnerparkausweis",
            "Parkausweis",
        ]);
        assert_eq!(top(&index, "hauslärm ")[0], "Haus- und Nachbarschaftslärm");
        assert_eq!(
            top(&index, "anwohnerparkausweis ")[0],
            "Anwohner -/Bewohnerparkausweis"
        );
    }

    #[test]
    fn closer_words_in_the_name_rank_first() {
        // The shorter name would win the tie, were it not for proximity.
        let index = index(&[
            "Beantragen von Dokumenten wie Personalausweis",
            "Personalausweis beantragen für Auslandsdeutsche und Seeleute",
        ]);
        assert_eq!(
            top(&index, "personalausweis beantragen"),
            [
                "Personalausweis beantragen für Auslandsdeutsche und Seeleute",
                "Beantragen von Dokumenten wie Personalausweis"
            ]
        );
    }

    #[test]
    fn bare_vowels_find_umlauts_even_in_short_words() {
        let index = index(&["Müll entsorgen", "Höfe", "Gebäude"]);
        assert_eq!(top(&index, "mull ")[0], "Müll entsorgen");
        assert_eq!(top(&index, "hofe ")[0], "Höfe");
        assert_eq!(top(&index, "gebaude ")[0], "Gebäude");
        let hits = index.search("mull ", &SearchOptions::default());
        assert_eq!(hits[0].matches[0].typos, 1, "a bare vowel counts as a typo");
    }

    #[test]
    fn umlaut_tiers_exact_then_transliterated_then_bare_vowel() {
        let index = index(&["Gebaeudeversicherung", "Gebäudeversicherung"]);
        assert_eq!(
            top(&index, "gebäudeversicherung ")[0],
            "Gebäudeversicherung"
        );
        assert_eq!(
            top(&index, "gebaeudeversicherung ")[0],
            "Gebaeudeversicherung"
        );
        let hits = index.search("gebäudeversicherung ", &SearchOptions::default());
        assert!(!hits[0].matches[0].transliterated && hits[1].matches[0].transliterated);
        // A bare vowel is a typo, below both spellings of the same word elsewhere.
        let index = self::index(&["Gebaude", "Gebäude"]);
        assert_eq!(top(&index, "gebaeude "), ["Gebäude", "Gebaude"]);
    }

    #[test]
    fn a_prefix_short_of_the_umlaut_is_no_transliteration() {
        let index = index(&["Einkommensteuererklärung abgeben"]);
        let hits = index.search("einkommenst", &SearchOptions::default());
        assert!(hits[0].matches[0].prefix);
        assert!(!hits[0].matches[0].transliterated);
        let hits = index.search("einkommensteuererklae", &SearchOptions::default());
        assert!(hits[0].matches[0].transliterated, "typed past the umlaut");
    }

    #[test]
    fn inflection_endings_are_no_typos() {
        let index = index(&["Welpe anmelden", "Welten anmelden"]);
        let hits = index.search("welpen ", &SearchOptions::default());
        assert_eq!(hits[0].service.name, "Welpe anmelden");
        assert_eq!(hits[0].matches[0].typos, 0);
        assert_eq!(hits[0].matches[0].derivation, Derivation::Stem);
        assert_eq!(hits[1].matches[0].typos, 1, "welpen/welten is a typo");
    }

    #[test]
    fn one_telling_word_outweighs_common_ones() {
        // "kaufen" and "anmelden" are in most names, "welpe" in one: the
        // service with the telling word comes first although another
        // matches two words.
        let mut names = vec!["Welpe", "Kaufen anmelden"];
        let fillers: Vec<String> = (0..70)
            .map(|i| format!("Ding{i} anmelden kaufen"))
            .collect();
        names.extend(fillers.iter().map(String::as_str));
        let index = index(&names);
        assert_eq!(top(&index, "welpe kaufen anmelden")[0], "Welpe");
    }

    #[test]
    fn scores_stay_exact_as_javascript_numbers() {
        let index = index(&["eins zwei drei"]);
        let long_query = vec!["eins"; 40].join(" ");
        let hits = index.search(&long_query, &SearchOptions::default());
        assert!(hits[0].score() < 1 << 53, "{:#x}", hits[0].score());
    }

    #[test]
    fn popularity_breaks_ties_but_never_beats_a_better_match() {
        let mut catalog = Catalog::default();
        for (id, name, popularity) in [
            ("a", "Grundbuch Auszug", None),
            ("b", "Grundbuch Einsicht", Some(90)),
            ("c", "Grundbuch", Some(10)),
        ] {
            catalog.services.push(Service {
                id: id.into(),
                name: name.into(),
                popularity,
                ..Default::default()
            });
        }
        let index = Index::from_bytes(&IndexBuilder::new(&catalog).build().unwrap().bytes).unwrap();
        let ids: Vec<&str> = index
            .search("grundbuch ", &SearchOptions::default())
            .iter()
            .map(|h| h.service.id.as_str())
            .collect();
        assert_eq!(ids, ["b", "c", "a"]);
        let ids: Vec<&str> = index
            .search("grundbuch auszug", &SearchOptions::default())
            .iter()
            .map(|h| h.service.id.as_str())
            .collect();
        assert_eq!(ids[0], "a", "two words matched beat popularity");
    }

    #[test]
    fn matches_explain_themselves() {
        let index = index(&["Gebäudevermessung"]);
        let hits = index.search("gebaeudevermesung", &SearchOptions::default());
        assert_eq!(hits[0].matches[0].terms, ["gebaeudevermessung"]);
        assert_eq!(hits[0].matches[0].typos, 1);
        assert_eq!(hits[0].matches[0].field, Field::Name);
    }

    #[test]
    fn compound_parts_are_highlighted_in_the_name() {
        let index = index(&["Grundsteuer - Bescheid"]);
        let hits = index.search("grundsteuerbescheid ", &SearchOptions::default());
        assert_eq!(hits[0].matches[0].terms, ["grundsteuer", "bescheid"]);
        let name = &hits[0].service.name;
        let marked: Vec<&str> = hits[0]
            .name_highlights()
            .into_iter()
            .map(|r| &name[r])
            .collect();
        assert_eq!(marked, ["Grundsteuer", "Bescheid"]);
    }

    #[test]
    fn the_last_word_is_a_prefix_as_the_options_say() {
        use crate::index::query::search::LastWord;
        let index = index(&["Personalausweis beantragen"]);
        let search = |query: &str, last_word| {
            let options = SearchOptions {
                last_word,
                ..Default::default()
            };
            index.search(query, &options).len()
        };
        assert_eq!(search("personalaus", LastWord::FromText), 1);
        assert_eq!(
            search("personalaus ", LastWord::FromText),
            1,
            "as a compound part"
        );
        assert_eq!(search("pers", LastWord::FromText), 1);
        assert_eq!(search("pers ", LastWord::FromText), 0);
        assert_eq!(search("pers ", LastWord::Typing), 1);
        assert_eq!(search("pers", LastWord::Complete), 0);
        let derivation = |last_word| {
            let options = SearchOptions {
                last_word,
                ..Default::default()
            };
            index.search("personalaus", &options)[0].matches[0].derivation
        };
        assert_eq!(derivation(LastWord::Typing), Derivation::Literal);
        assert_eq!(
            derivation(LastWord::Complete),
            Derivation::CompoundPart,
            "a finished word that begins a longer one is taken as its first part"
        );
    }

    #[test]
    fn queries_are_cut_after_the_most_characters_searched() {
        use crate::index::query::search::MAX_QUERY_CHARS;
        let index = index(&["Hundesteuer", "Zweitwohnungsteuer"]);
        let pasted = format!("hundesteuer {}", "ä".repeat(MAX_QUERY_CHARS * 50));
        let hits = index.search(&pasted, &SearchOptions::default());
        assert_eq!(hits[0].service.name, "Hundesteuer");
        assert_eq!(hits[0].matches[0].query_word, "hundesteuer");
        // The cut word is searched as far as it reaches, as still being typed.
        let cut_at_the_limit = format!("{} zweitwohnungsteuer", "x".repeat(MAX_QUERY_CHARS - 11));
        let hits = index.search(&cut_at_the_limit, &SearchOptions::default());
        assert_eq!(hits[0].service.name, "Zweitwohnungsteuer");
        assert_eq!(hits[0].matches[0].query_word, "zweitwohnu");
        assert!(hits[0].matches[0].prefix);
    }

    #[test]
    fn suggestions_read_no_more_of_a_query_than_the_search() {
        use crate::index::query::search::MAX_QUERY_CHARS;
        let index = index(&["Hundesteuer", "Hund anmelden"]);
        // A misspelt word within the limit is corrected, one beyond it never read.
        let within = format!("{} hnud", "q".repeat(MAX_QUERY_CHARS - 5));
        assert!(index.suggestions(&within, 3).contains(&"Hund".to_string()));
        let beyond = format!("{} hnud", "q".repeat(MAX_QUERY_CHARS));
        assert!(index.suggestions(&beyond, 3).is_empty());
    }

    #[test]
    fn a_long_text_that_finds_nothing_gets_no_alternatives() {
        let index = index(&["Hundesteuer", "Hund anmelden"]);
        let words = |n: usize| format!("{}hnud", "qqqqqq ".repeat(n - 1));
        assert!(index
            .suggestions(&words(8), 3)
            .contains(&"Hund".to_string()));
        assert!(
            index.suggestions(&words(9), 3).is_empty(),
            "every word would cost a walk with two typos"
        );
    }
}
