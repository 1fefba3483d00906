//! Arbitrary text as `location.hash`: the widget's `#zufi:` parser must not panic, and what it
//! reads must survive writing it back. Text before a first newline is the id of a finder (its
//! scope, as with several finders on a page): writing its route back must leave every other
//! finder's keys as they were.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zufi_widget::route::{cut_hash, decode, Route};

fuzz_target!(|input: &str| {
    // A long link cut where its text has a character boundary: a prefix, and a value that
    // decoded whole still decodes cut.
    for max in [0, 7, input.len() / 2, input.len().saturating_sub(3)] {
        let cut = cut_hash(input, max);
        assert!(input.starts_with(cut) && cut.len() <= max);
        if decode(input).is_some() {
            assert!(decode(cut).is_some(), "{input:?} cut at {max}: {cut:?}");
        }
    }
    let (scope, hash) = match input.split_once('\n') {
        Some((scope, hash)) => (Some(scope), hash),
        None => (None, input),
    };
    if let Some(route) = Route::parse(hash) {
        assert_eq!(Route::parse(&route.to_hash()).unwrap_or_default(), route);
    }
    if let Some(route) = Route::parse_scoped(hash, scope) {
        let written = route.write_into(hash, scope);
        assert_eq!(Route::parse_scoped(&written, scope).unwrap_or_default(), route);
        // The plain keys' finder, or a finder with id "x", when `scope` is another.
        let other = if scope.is_some_and(|s| !s.is_empty()) { None } else { Some("x") };
        assert_eq!(
            Route::parse_scoped(&written, other).unwrap_or_default(),
            Route::parse_scoped(hash, other).unwrap_or_default()
        );
    }
});
