//! Index files written by earlier builds keep opening, or are refused with
//! a message naming the version. `tests/data/compat/` holds a small catalog
//! and the indexes that format versions 1 and 2 built from it.
//!
//! If the second test fails, the bytes the builder writes have changed: if
//! old files can no longer be read, bump `format::VERSION`; either way
//! regenerate the file with
//! `zufi build --no-thesaurus tests/data/compat/catalog.json -o tests/data/compat/index-v2.zufi`
//! and keep the old one as `index-v<old>.zufi` with a test that it is
//! rejected with `Error::Version` or still opens.

#![allow(clippy::unwrap_used)] // Test helpers may panic: a panic is a failed test.

use std::path::Path;

use zufi::{Index, IndexBuilder, SearchOptions};

fn data(file: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/compat")
        .join(file)
}

#[test]
fn version_1_index_is_refused_naming_its_version() {
    let bytes = std::fs::read(data("index-v1.zufi")).unwrap();
    let error = Index::from_bytes(&bytes).unwrap_err();
    assert!(
        matches!(
            error,
            zufi::Error::Version {
                expected: 2,
                got: 1
            }
        ),
        "{error}"
    );
    assert!(error.to_string().contains("rebuild the index"), "{error}");
}

#[test]
fn version_2_index_opens_and_answers() {
    let bytes = std::fs::read(data("index-v2.zufi")).unwrap();
    let index = Index::from_bytes(&bytes).unwrap();
    assert_eq!(index.version(), 2);
    let hits = index.search(
        "hundemarke",
        &SearchOptions {
            region: Some("160705009001".parse().unwrap()),
            limit: 3,
            ..Default::default()
        },
    );
    assert_eq!(hits[0].service.id, "hund");
    let responsible = hits[0].responsible.as_ref().unwrap();
    assert_eq!(responsible.authorities[0].item.id, "vg");
    assert_eq!(
        responsible.authorities[0].item.opening_hours[0]
            .from
            .as_deref(),
        Some("09:00")
    );
    assert_eq!(responsible.online_services[0].item.id, "od");
    assert_eq!(responsible.forms[0].role, zufi::Role::Ansprechpunkt);
    assert_eq!(
        index.regions_for_plz("99310".parse().unwrap())[0].name,
        "Alkersleben"
    );
}

#[test]
fn the_builder_still_writes_version_2_bytes() {
    let loaded = zufi::catalog::load(&data("catalog.json")).unwrap();
    let fresh = IndexBuilder::new(&loaded.catalog).build().unwrap().bytes;
    let committed = std::fs::read(data("index-v2.zufi")).unwrap();
    assert!(
        fresh == committed,
        "the index format changed; see the comment at the top of tests/compat.rs"
    );
}
