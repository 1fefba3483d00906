//! Arbitrary text as a JSON catalog file: parse, validate and, when the validator finds no
//! error, build and open the index — which must then succeed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zufi::catalog::LoadedCatalog;
use zufi::{Index, IndexBuilder};

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let Ok(catalog) = zufi::catalog::json::parse(text, "fuzz.json") else {
        return;
    };
    let loaded = LoadedCatalog::from_catalog(catalog, "fuzz.json");
    let problems = zufi::validate::validate(&loaded);
    if problems.iter().any(|p| p.is_error()) {
        return;
    }
    // The validator's promise: a catalog without errors builds.
    let built = IndexBuilder::new(&loaded.catalog)
        .build()
        .unwrap_or_else(|e| panic!("a catalog that validates does not build: {e}"));
    let index = Index::from_bytes(&built.bytes)
        .unwrap_or_else(|e| panic!("a fresh index does not open: {e}"));
    // The build removes control characters and bidi overrides from every text.
    let removed = |c: char| {
        (c.is_control() && c != '\t' && c != '\n')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    let names = index.services().iter().map(|s| &s.name);
    let names = names.chain(index.authorities().map(|a| &a.name));
    for name in names.chain(index.regions().iter().map(|r| &r.name)) {
        assert!(
            !name.chars().any(removed),
            "{name:?} kept a removed character"
        );
    }
    for service in index.services() {
        let _ = index.search(&service.name, &Default::default());
    }
});
