//! Arbitrary text as an XZuFi message: parse, apply to a catalog, validate.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zufi::catalog::LoadedCatalog;

fuzz_target!(|bytes: &[u8]| {
    let Ok(xml) = std::str::from_utf8(bytes) else {
        return;
    };
    let Ok(message) = zufi::catalog::xzufi::parse(xml, "fuzz.xml") else {
        return;
    };
    let mut loaded = LoadedCatalog::default();
    loaded.apply_message(message, "fuzz.xml");
    let _ = zufi::validate::validate(&loaded);
});
