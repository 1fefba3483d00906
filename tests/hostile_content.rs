//! Catalog content is data, never markup or code (issue 13, finding 8): what
//! `zufi validate`/`zufi build` say about hostile links and invisible
//! characters, and what an index built from such a catalog holds.

#![allow(clippy::unwrap_used)] // Test helpers may panic: a panic is a failed test.

use std::process::{Command, Output};

use zufi::{Catalog, Index, IndexBuilder, SearchOptions};

fn zufi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zufi"))
        .args(args)
        .output()
        .expect("the zufi binary runs")
}

/// A catalog whose authority, online service and form carry every kind of
/// link the finder must not make.
const HOSTILE_LINKS: &str = r#"{
  "regions": [{"ars": "160510000000", "name": "Erfurt, Stadt", "level": "kreis", "plz": ["99084"]}],
  "services": [{"id": "s1", "name": "Hundesteuer - Anmeldung"}],
  "authorities": [{"id": "a1", "name": "Stadtverwaltung Erfurt",
     "address": {"street": "Fischmarkt", "house_no": "1", "plz": "99084", "city": "Erfurt"},
     "contact": {"phone": ["0361 655-0", "siehe Aushang"],
                 "email": ["buergeramt@erfurt.de", "buergeramt@erfurt.de?bcc=alle@example.org&body=x"],
                 "web": ["https://www.erfurt.de", "siehe Aushang", "//evil.example", "javascript:alert(1)"]}}],
  "online_services": [{"id": "o1", "name": "Antrag", "url": "data:text/html,<script>alert(1)</script>"}],
  "forms": [{"id": "f1", "name": "Formular", "url": "JAVASCRIPT:alert(1)"}],
  "responsibilities": [
    {"service": "s1", "region": "160510000000", "target": {"type": "authority", "id": "a1"}},
    {"service": "s1", "region": "160510000000", "target": {"type": "online_service", "id": "o1"}},
    {"service": "s1", "region": "160510000000", "target": {"type": "form", "id": "f1"}}]
}"#;

#[test]
fn validate_and_build_refuse_links_that_are_not_links_naming_each_field() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog.json");
    std::fs::write(&catalog, HOSTILE_LINKS).unwrap();
    let validate = zufi(&["validate", catalog.to_str().unwrap()]);
    assert_eq!(validate.status.code(), Some(1));
    let report = String::from_utf8_lossy(&validate.stdout).into_owned()
        + &String::from_utf8_lossy(&validate.stderr);
    for expected in [
        "catalog.json: authority \"a1\", field `contact.phone[1]`: \"siehe Aushang\" is not a phone number",
        "catalog.json: authority \"a1\", field `contact.email[1]`: \"buergeramt@erfurt.de?bcc=alle@example.org&body=x\" is not an e-mail address",
        "catalog.json: authority \"a1\", field `contact.web[1]`: \"siehe Aushang\" is not a web address",
        "catalog.json: authority \"a1\", field `contact.web[2]`: \"//evil.example\" is not a web address a link can point to: it does not start with https://",
        "field `contact.web[3]`: \"javascript:alert(1)\" is not a web address a link can point to: the scheme \"javascript\" is not allowed",
        "catalog.json: online service \"o1\", field `url`:",
        "catalog.json: form \"f1\", field `url`: \"JAVASCRIPT:alert(1)\" is not a web address a link can point to: the scheme \"JAVASCRIPT\" is not allowed",
    ] {
        assert!(report.contains(expected), "missing {expected:?} in:\n{report}");
    }
    assert_eq!(report.matches("error:").count(), 7, "{report}");

    let index = dir.path().join("out.zufi");
    let build = zufi(&[
        "build",
        "-q",
        catalog.to_str().unwrap(),
        "-o",
        index.to_str().unwrap(),
    ]);
    assert!(!build.status.success());
    assert!(!index.exists(), "a refused build wrote an index");
}

/// A catalog whose texts hold control characters and bidi overrides.
const INVISIBLE: &str = r#"{
  "regions": [{"ars": "160510000000", "name": "Erfurt,\u001b[2J Stadt", "level": "kreis", "plz": ["99084"]}],
  "services": [{"id": "s1", "name": "Hunde\u0000steuer \u202efdp.exe", "teaser": "Zeile 1\r\nZeile 2\u2066",
                "synonyms": ["Hund\u0085"]}],
  "authorities": [{"id": "a1", "name": "Stadt\u0007verwaltung \u200fErfurt",
     "address": {"street": "Fischmarkt", "house_no": "1", "plz": "99084", "city": "Erfurt"}}],
  "responsibilities": [{"service": "s1", "region": "160510000000", "target": {"type": "authority", "id": "a1"}}]
}"#;

#[test]
fn control_characters_and_bidi_overrides_are_warned_about_and_removed_by_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog.json");
    std::fs::write(&catalog, INVISIBLE).unwrap();
    let validate = zufi(&["validate", catalog.to_str().unwrap()]);
    assert_eq!(validate.status.code(), Some(0), "warnings only");
    let report = String::from_utf8_lossy(&validate.stdout).into_owned()
        + &String::from_utf8_lossy(&validate.stderr);
    for expected in [
        "warning: catalog.json: region \"160510000000\", field `name`: \"Erfurt,\\u{1b}[2J Stadt\" contains U+001B (escape)",
        "warning: catalog.json: service \"s1\", field `name`: \"Hunde\\0steuer \\u{202e}fdp.exe\" contains U+0000 (NUL) and 1 more",
        "service \"s1\", field `teaser`:",
        "service \"s1\", field `synonyms[0]`:",
        "authority \"a1\", field `name`:",
    ] {
        assert!(report.contains(expected), "missing {expected:?} in:\n{report}");
    }

    let index_path = dir.path().join("out.zufi");
    let build = zufi(&[
        "build",
        "-q",
        catalog.to_str().unwrap(),
        "-o",
        index_path.to_str().unwrap(),
    ]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let index = Index::from_bytes(&std::fs::read(&index_path).unwrap()).unwrap();
    let service = index.service("s1").unwrap();
    assert_eq!(service.name, "Hundesteuer fdp.exe");
    assert_eq!(service.teaser.as_deref(), Some("Zeile 1\nZeile 2"));
    assert_eq!(service.synonyms, ["Hund"]);
    assert_eq!(index.regions()[0].name, "Erfurt,[2J Stadt");
    // The direction mark stays: it reorders nothing on its own.
    assert_eq!(
        index.authorities().next().expect("an authority").name,
        "Stadtverwaltung \u{200f}Erfurt"
    );
    // The cleaned name is what is searched.
    let hits = index.search("hundesteuer", &SearchOptions::default());
    assert_eq!(hits[0].service.id, "s1");
    // `zufi search` prints no escape sequence from the catalog.
    let search = zufi(&[
        "search",
        "--index",
        index_path.to_str().unwrap(),
        "--ars",
        "160510000000",
        "hundesteuer",
    ]);
    assert!(search.status.success());
    let out = String::from_utf8_lossy(&search.stdout);
    assert!(
        !out.contains('\u{1b}') && !out.contains('\0') && !out.contains('\u{202e}'),
        "{out:?}"
    );
}

#[test]
fn the_library_builder_cleans_too_and_a_clean_catalog_builds_the_same_bytes() {
    let dirty: Catalog = serde_json::from_str(INVISIBLE).unwrap();
    let cleaned: Catalog = serde_json::from_str(
        &INVISIBLE
            .replace("\\u001b", "")
            .replace("\\u0000", "")
            .replace("\\u202e", "")
            .replace("\\r", "")
            .replace("\\u2066", "")
            .replace("\\u0085", "")
            .replace("\\u0007", ""),
    )
    .unwrap();
    let bytes = |catalog: &Catalog| IndexBuilder::new(catalog).build().unwrap().bytes;
    assert_eq!(bytes(&dirty), bytes(&cleaned));
}
