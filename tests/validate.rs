//! `zufi validate` end to end: fixture catalogs under `tests/data/bad/` are
//! loaded from disk, and every problem must name the right file, record and
//! field.

#![allow(clippy::unwrap_used)] // Test helpers may panic: a panic is a failed test.

use std::path::{Path, PathBuf};

use zufi::catalog::{load, LoadedCatalog};
use zufi::validate::{validate, Problem, Severity};
use zufi::Error;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/bad")
        .join(name)
}

fn load_fixture(name: &str) -> LoadedCatalog {
    load(&fixture(name)).unwrap_or_else(|e| panic!("fixture {name} should load: {e}"))
}

fn errors(problems: &[Problem]) -> Vec<&Problem> {
    problems.iter().filter(|p| p.is_error()).collect()
}

#[test]
fn dangling_authority_is_named_with_a_suggestion() {
    let problems = validate(&load_fixture("dangling"));
    let errors = errors(&problems);
    assert_eq!(errors.len(), 1, "{problems:#?}");
    let problem = errors[0];
    assert_eq!(problem.file, "catalog.json");
    assert_eq!(problem.record, "responsibility \"zs-2\"");
    assert_eq!(problem.field, "target.id");
    assert_eq!(
        problem.message,
        "unknown authority \"bauamt-erfrut\" (no authority with this id); did you mean \"bauamt-erfurt\"?"
    );
    assert_eq!(
        problem.to_string(),
        format!(
            "error: catalog.json: responsibility \"zs-2\", field `target.id`: {}",
            problem.message
        )
    );
}

#[test]
fn duplicate_service_across_files_names_both_files() {
    let problems = validate(&load_fixture("duplicate"));
    let errors = errors(&problems);
    assert_eq!(errors.len(), 1, "{problems:#?}");
    let problem = errors[0];
    // Files are read in name order, so the second definition is the duplicate.
    assert_eq!(problem.file, "b-services.json");
    assert_eq!(problem.record, "service \"120703\"");
    assert_eq!(problem.field, "id");
    assert!(
        problem
            .message
            .contains("defined in a-services.json (the service #1 there)"),
        "{problem}"
    );
}

#[test]
fn broken_json_fails_to_load_with_line_and_column() {
    match load(&fixture("broken-json")) {
        Err(Error::Syntax {
            file,
            line,
            column,
            message,
        }) => {
            assert_eq!(file, "catalog.json");
            // The missing comma is noticed at the start of the next record.
            assert_eq!(line, 4);
            assert_eq!(column, 5);
            assert!(message.contains("expected"), "{message}");
        }
        Err(other) => panic!("expected a syntax error, got {other}"),
        Ok(_) => panic!("a file with a missing comma must not load"),
    }
}

/// The `mixed` fixture plants one defect of each common kind across four
/// files; each must be reported once, on the record and field that hold it.
#[test]
fn mixed_defects_are_each_reported_on_their_file_record_and_field() {
    use Severity::{Error as E, Warning as W};
    let problems = validate(&load_fixture("mixed"));
    let found: Vec<(Severity, &str, &str, &str)> = problems
        .iter()
        .map(|p| {
            (
                p.severity,
                p.file.as_str(),
                p.record.as_str(),
                p.field.as_str(),
            )
        })
        .collect();
    let first_responsibility =
        "responsibility #1 (service \"99008001011001\", region \"160705009000\")";
    let expected = [
        // An 11-digit ARS and a 4-digit PLZ on a misspelt region.
        (E, "10-regions.json", "region \"16070500900\"", "ars"),
        (E, "10-regions.json", "region \"16070500900\"", "plz[0]"),
        // A 13-digit LeiKa key, a topic id with the wrong case, a validity
        // that ends before it starts.
        (
            E,
            "20-services.json",
            "service \"99008001011001\"",
            "leika[0]",
        ),
        (
            E,
            "20-services.json",
            "service \"99008001011001\"",
            "topics[0]",
        ),
        (
            E,
            "20-services.json",
            "service \"99008001011001\"",
            "valid.from",
        ),
        // "9:00" instead of "09:00"; a URL without scheme.
        (
            E,
            "30-authorities.json",
            "authority \"vg-riechheimer-berg\"",
            "opening_hours[0].from",
        ),
        (
            E,
            "30-authorities.json",
            "online service \"ausweis-online\"",
            "url",
        ),
        // An online service targeted as an authority; a Gemeinde key that is
        // not in the region list.
        (
            E,
            "40-responsibilities.json",
            "responsibility #3 (service \"99008001011001\", region \"160000000000\")",
            "target.id",
        ),
        (
            E,
            "40-responsibilities.json",
            "responsibility #4 (service \"99008001011001\", region \"160705009099\")",
            "region",
        ),
        // A Gemeinde key labelled kreis; a service nobody handles; a
        // responsible office without street; the same assignment twice; a
        // Land-level authority never shown, as the region table's only
        // place, Alkersleben, reaches its VG's first.
        (W, "10-regions.json", "region \"160705009001\"", "level"),
        (W, "20-services.json", "service \"99008001011002\"", "id"),
        (
            W,
            "30-authorities.json",
            "authority \"vg-riechheimer-berg\"",
            "address.street",
        ),
        (
            W,
            "40-responsibilities.json",
            "responsibility #2 (service \"99008001011001\", region \"160705009000\")",
            "target.id",
        ),
        (
            W,
            "40-responsibilities.json",
            "responsibility #3 (service \"99008001011001\", region \"160000000000\")",
            "region",
        ),
    ];
    assert_eq!(found, expected, "{problems:#?}");

    let message = |field: &str, record: &str| {
        problems
            .iter()
            .find(|p| p.field == field && p.record == record)
            .map(|p| p.message.as_str())
            .unwrap_or_default()
    };
    assert!(
        message("topics[0]", "service \"99008001011001\"").ends_with("did you mean \"familie\"?")
    );
    assert!(message(
        "target.id",
        "responsibility #3 (service \"99008001011001\", region \"160000000000\")"
    )
    .contains("set target.type to \"online_service\""));
    assert!(message(
        "region",
        "responsibility #4 (service \"99008001011001\", region \"160705009099\")"
    )
    .contains(
        "the nearest enclosing region in the catalog is \"160705009000\" (VG Riechheimer Berg)"
    ));
    assert!(message(
        "target.id",
        "responsibility #2 (service \"99008001011001\", region \"160705009000\")"
    )
    .contains(first_responsibility));
}

#[test]
fn a_clean_catalog_directory_has_no_problems() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(
        dir.path().join("regions.json"),
        r#"{"regions": [
             {"ars": "110000000000", "name": "Berlin", "level": "land"},
             {"ars": "110010001001", "name": "Mitte", "level": "gemeinde", "parent": "110000000000", "plz": ["10115"]}
           ]}"#,
    )
    .expect("write regions");
    std::fs::write(
        dir.path().join("services.json"),
        r#"{"services": [{"id": "120703", "name": "Personalausweis beantragen", "leika": ["99008001011001"]}],
            "authorities": [{"id": "122217", "name": "Bürgeramt Rathaus Mitte",
                             "address": {"street": "Karl-Marx-Allee", "house_no": "31", "plz": "10178", "city": "Berlin", "ars": "110010001001"},
                             "opening_hours": [{"days": "Mo", "from": "08:00", "to": "15:00"}]}],
            "online_services": [{"id": "od-1", "name": "Termin buchen", "url": "https://service.berlin.de/terminvereinbarung/"}],
            "responsibilities": [
              {"service": "120703", "region": "110010001001", "target": {"type": "authority", "id": "122217"}},
              {"service": "120703", "region": "110000000000", "target": {"type": "online_service", "id": "od-1"}}
            ]}"#,
    )
    .expect("write services");
    let loaded = load(dir.path()).expect("the clean catalog loads");
    let problems = validate(&loaded);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn roles_at_different_levels_are_not_reported_as_never_shown() {
    // The Thüringen demo's Einbürgerung: the Landesverwaltungsamt decides
    // (Land), the Landratsämter take applications (Kreis). Per role, both are
    // the most specific, so neither hides the other.
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("index/thueringen");
    let loaded = load(&demo).unwrap();
    let einbuergerung: Vec<_> = loaded
        .catalog
        .responsibilities
        .iter()
        .filter(|r| r.service == "th-einbuergerung")
        .collect();
    let levels_of = |role: zufi::Role| {
        einbuergerung
            .iter()
            .filter(|r| r.role == role)
            .map(|r| r.region.parse::<zufi::Ars>().unwrap().level())
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(
        levels_of(zufi::Role::ZustaendigeStelle),
        [zufi::RegionLevel::Land].into()
    );
    assert!(levels_of(zufi::Role::Ansprechpunkt).contains(&zufi::RegionLevel::Kreis));

    let never_shown: Vec<Problem> = validate(&loaded)
        .into_iter()
        .filter(|p| p.message.starts_with("never shown"))
        .collect();
    assert!(
        never_shown
            .iter()
            .all(|p| !p.record.contains("th-einbuergerung")),
        "{never_shown:#?}"
    );
}
