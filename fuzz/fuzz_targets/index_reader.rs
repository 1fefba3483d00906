//! Arbitrary bytes as an index file: `Index::from_bytes` must return an error or an index
//! whose every record and lookup can be used without a panic.
//!
//! An input that starts with the magic number is read as it is: that fuzzes the header,
//! length and checksum checks. Any other input is the payload of a file whose header is
//! made to match it (length, CRC-32), so that mutations get past the checksum and reach
//! the section table, the term dictionary, the postings and the stored records.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zufi::{format, Index, SearchOptions};

/// `payload` behind a header that declares its length and checksum.
fn with_valid_header(payload: &[u8]) -> Vec<u8> {
    let mut file = Vec::with_capacity(format::HEADER_LEN + payload.len());
    file.extend_from_slice(&format::MAGIC);
    file.extend_from_slice(&format::VERSION.to_le_bytes());
    file.extend_from_slice(&0u16.to_le_bytes());
    file.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    file.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    file.extend_from_slice(payload);
    file
}

fuzz_target!(|bytes: &[u8]| {
    let file = if bytes.starts_with(&format::MAGIC) {
        bytes.to_vec()
    } else {
        with_valid_header(bytes)
    };
    let Ok(index) = Index::from_bytes(&file) else {
        return;
    };
    // An index that opens was fully verified: using it must not fail either.
    let place = index.regions().first().map(|r| r.ars);
    for service in index.services() {
        let _ = index.topics_of(service).count();
        if let Some(place) = place {
            let _ = index.responsible(&service.id, place);
        }
        let _ = index.search(&service.name, &SearchOptions::default());
    }
    let _ = index.services_by_name();
    let options = SearchOptions {
        region: place,
        ..Default::default()
    };
    let _ = index.search("ausweis", &options);
    let _ = index.suggestions("auswies", 3);
    for region in index.regions() {
        let _ = index.locate(&region.name);
        for plz in &region.plz {
            let _ = index.regions_for_plz(*plz);
        }
    }
});
