//! Arbitrary bytes as an index file: `Index::from_bytes` must return an error or an index
//! whose every record and lookup can be used without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zufi::{Index, SearchOptions};

fuzz_target!(|bytes: &[u8]| {
    let Ok(index) = Index::from_bytes(bytes) else {
        return;
    };
    // An index that opens was fully verified: using it must not fail either.
    for service in index.services() {
        let _ = index.topics_of(service).count();
        if let Some(region) = index.regions().first() {
            let _ = index.responsible(&service.id, region.ars);
        }
    }
    let _ = index.services_by_name();
    let options = SearchOptions {
        region: index.regions().first().map(|r| r.ars),
        ..Default::default()
    };
    let _ = index.search("ausweis", &options);
    let _ = index.locate("99310");
});
