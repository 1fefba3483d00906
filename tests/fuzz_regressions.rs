//! Every crash the fuzz targets in `fuzz/` found, replayed as the target
//! does, so that it stays fixed without a nightly toolchain
//! (docs/RELIABILITY.md). The inputs are in `tests/data/fuzz/<target>/`.

#![allow(clippy::unwrap_used)] // Test helpers may panic: a panic is a failed test.

use std::path::PathBuf;

use zufi::{format, Error, Index, SearchOptions};

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz")
        .join(target);
    let mut inputs: Vec<(String, Vec<u8>)> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no inputs in {}", folder.display());
    inputs
}

/// As `fuzz/fuzz_targets/index_reader.rs`: without the magic number, the
/// input is the payload of a file whose header matches it.
fn index_file(input: &[u8]) -> Vec<u8> {
    if input.starts_with(&format::MAGIC) {
        return input.to_vec();
    }
    let mut file = Vec::new();
    file.extend_from_slice(&format::MAGIC);
    file.extend_from_slice(&format::VERSION.to_le_bytes());
    file.extend_from_slice(&0u16.to_le_bytes());
    file.extend_from_slice(&crc32fast::hash(input).to_le_bytes());
    file.extend_from_slice(&(input.len() as u64).to_le_bytes());
    file.extend_from_slice(input);
    file
}

/// A term dictionary whose fst carries a valid fst checksum but a node with
/// a transition address before the start of the dictionary: `fst` panicked
/// ("attempt to subtract with overflow" in `unpack_delta`) while
/// `Index::from_bytes` verified the dictionary. (The input was adapted to
/// format version 2: its meta section has one byte more, `IndexMeta::date`
/// absent, so that it still reaches the dictionary.)
#[test]
fn forged_index_files_are_refused_without_a_panic() {
    for (name, input) in inputs("index_reader") {
        match Index::from_bytes(&index_file(&input)) {
            Err(Error::Corrupt(message)) => {
                assert!(message.contains("term dictionary"), "{name}: {message}")
            }
            Err(other) => panic!("{name}: unexpected error {other}"),
            Ok(index) => {
                let _ = index.search("ausweis", &SearchOptions::default());
                panic!("{name}: a forged index opened");
            }
        }
    }
}
