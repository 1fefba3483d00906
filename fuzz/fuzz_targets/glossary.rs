//! Arbitrary text as a glossary file (`glossary-en.tsv`, fetched by a finder in English): reading
//! it must not panic, what it reads must survive writing it back, and glossing any name with it
//! must not panic either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zufi::Glossary;

fuzz_target!(|input: &str| {
    if let Ok(glossary) = Glossary::parse(input) {
        assert_eq!(Glossary::parse(&glossary.to_text()).ok(), Some(glossary.clone()));
        for line in input.lines().take(8) {
            let _ = glossary.gloss(line);
        }
    }
});
