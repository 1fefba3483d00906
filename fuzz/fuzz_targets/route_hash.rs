//! Arbitrary text as `location.hash`: the widget's `#zufi:` parser must not panic, and what it
//! reads must survive writing it back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zufi_widget::route::Route;

fuzz_target!(|hash: &str| {
    if let Some(route) = Route::parse(hash) {
        assert_eq!(Route::parse(&route.to_hash()).unwrap_or_default(), route);
    }
});
