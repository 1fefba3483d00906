//! Arbitrary query text and options against the two demo indexes built from `index/`.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use zufi::{Index, LastWord, SearchOptions};

#[derive(Debug, Arbitrary)]
struct Input {
    thueringen: bool,
    /// Picks a region of the index (modulo their number), or none.
    region: Option<u16>,
    limit: u8,
    last_word: u8,
    query: String,
}

/// Builds a demo catalog the way `zufi build` does (with its thesaurus).
fn demo_index(name: &str) -> Index {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../index")
        .join(name);
    let loaded = zufi::catalog::load(&folder).expect("demo catalog loads");
    let bytes = loaded
        .index_builder()
        .expect("demo thesaurus loads")
        .build()
        .expect("demo catalog builds")
        .bytes;
    Index::from_bytes(&bytes).expect("demo index opens")
}

fn index(thueringen: bool) -> &'static Index {
    static BERLIN: OnceLock<Index> = OnceLock::new();
    static THUERINGEN: OnceLock<Index> = OnceLock::new();
    if thueringen {
        THUERINGEN.get_or_init(|| demo_index("thueringen"))
    } else {
        BERLIN.get_or_init(|| demo_index("berlin"))
    }
}

fuzz_target!(
    // Building both indexes takes seconds in a sanitizer build: done before the
    // first input, so that libFuzzer does not time it as a slow input.
    init: {
        index(false);
        index(true);
    },
    |input: Input| {
        let index = index(input.thueringen);
        let regions = index.regions();
        let region = input
            .region
            .filter(|_| !regions.is_empty())
            .map(|pick| regions[usize::from(pick) % regions.len()].ars);
        let last_word = match input.last_word % 3 {
            0 => LastWord::FromText,
            1 => LastWord::Typing,
            _ => LastWord::Complete,
        };
        let options = SearchOptions {
            region,
            limit: usize::from(input.limit),
            last_word,
        };
        let hits = index.search(&input.query, &options);
        assert!(hits.len() <= options.limit, "more hits than the limit");
        for hit in &hits {
            let name = &hit.service.name;
            for range in hit.name_highlights() {
                assert!(name.get(range.clone()).is_some(), "highlight {range:?} outside {name:?}");
            }
            let _ = hit.score();
        }
        if hits.is_empty() {
            let _ = index.suggestions(&input.query, 3);
        }
        let _ = index.locate(&input.query);
    }
);
