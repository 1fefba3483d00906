//! Arbitrary bytes as a LeiKa CSV export: parse, then enrich a small catalog with it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zufi::{Catalog, Service};

fuzz_target!(|bytes: &[u8]| {
    let Ok(entries) = zufi::catalog::leika::parse(bytes, "fuzz.csv") else {
        return;
    };
    let mut catalog = Catalog {
        services: vec![Service {
            id: "s1".into(),
            name: "Personalausweis beantragen".into(),
            leika: entries.iter().take(2).map(|e| e.key.clone()).collect(),
            ..Default::default()
        }],
        ..Default::default()
    };
    let _ = zufi::catalog::leika::enrich(&mut catalog, &entries);
});
