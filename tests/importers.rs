//! The XZuFi and LeiKa importers on their fixtures, alone and through the
//! catalog loader.

use std::path::{Path, PathBuf};

use zufi::catalog::xzufi::{self, Deletion, EntityClass};
use zufi::catalog::{leika, load, LoadedCatalog};
use zufi::{Error, Role, TargetKind};

fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(relative)
}

fn read_fixture(relative: &str) -> String {
    std::fs::read_to_string(fixture(relative)).expect("fixture is readable UTF-8")
}

fn thueringen() -> xzufi::Message {
    xzufi::parse(
        &read_fixture("xzufi/thueringen-2_2.xml"),
        "thueringen-2_2.xml",
    )
    .expect("the fixture parses")
}

#[test]
fn xzufi_fixture_yields_services_with_plain_texts() {
    let message = thueringen();
    let services = &message.catalog.services;
    let names: Vec<(&str, &str)> = services
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("L100016.LB.1140", "Hund zur Hundesteuer anmelden"),
            ("L100016.LB.2210", "Personalausweis beantragen"),
            ("L100016.LB.3320", "Gewerbeanmeldung"),
        ]
    );

    let hund = &services[0];
    assert_eq!(hund.leika, ["99108001001000"]);
    assert_eq!(hund.typisierung, ["5"]);
    assert_eq!(
        hund.teaser.as_deref(),
        Some("Wenn Sie einen Hund halten, müssen Sie ihn bei Ihrer Gemeinde anmelden.")
    );
    assert_eq!(
        hund.text.full.as_deref(),
        Some(
            "Die Hundesteuer ist eine Gemeindesteuer. Wer einen Hund über drei Monate hält, muss ihn anmelden.\n\n\
             Nach der Anmeldung erhalten Sie eine Hundesteuermarke."
        )
    );
    assert_eq!(
        hund.text.required_documents.as_deref(),
        Some("- Personalausweis\n- Nachweis über die Haftpflichtversicherung (bei gefährlichen Hunden)")
    );
    assert_eq!(
        hund.text.legal_basis.as_deref(),
        Some("Hundesteuersatzung Ihrer Gemeinde\n§ 5 Thüringer Kommunalabgabengesetz (ThürKAG)")
    );
    assert_eq!(
        hund.text.further_information.as_deref(),
        Some(
            "Weitere Informationen im Thüringer Verwaltungsportal (https://www.thueringen.example/hundesteuer).\n\n\
             Gefährliche Hunde: https://www.thueringen.example/gefahrhunde"
        )
    );
    assert_eq!(
        hund.costs.as_deref(),
        Some("Die Höhe der Steuer richtet sich nach der Satzung Ihrer Gemeinde, z.\u{a0}B. 60\u{a0}Euro im Jahr für den ersten Hund.")
    );
    assert_eq!(hund.synonyms, ["Hundemarke", "Hund anmelden"]);
    assert_eq!(hund.topics, ["2100400"]);
    assert_eq!(
        hund.valid.as_ref().and_then(|v| v.from.as_deref()),
        Some("2023-01-01")
    );

    let ausweis = &services[1];
    assert_eq!(
        ausweis.text.procedure.as_deref(),
        Some("- Termin vereinbaren\n- persönlich vorsprechen, Fingerabdrücke werden erfasst\n- Ausweis nach Benachrichtigung abholen")
    );
    assert_eq!(
        ausweis.costs.as_deref(),
        Some("37,00 Euro ab 24 Jahren\n\n22,80 Euro unter 24 Jahren")
    );
    assert!(ausweis.text.appeal.is_some());

    let topic_ids: Vec<&str> = message
        .catalog
        .topics
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(topic_ids, ["2100400", "2100100", "2100700"]);
    assert!(message.warnings.is_empty(), "{:?}", message.warnings);
}

#[test]
fn xzufi_fixture_yields_authorities_and_responsibilities() {
    let message = thueringen();
    let catalog = &message.catalog;

    let vg = &catalog.authorities[0];
    assert_eq!(vg.name, "Verwaltungsgemeinschaft Riechheimer Berg");
    let vg_address = vg.address.as_ref().expect("VG address");
    assert_eq!(vg_address.ars.as_deref(), Some("160705009012"));
    assert_eq!(vg.contact.web, ["https://www.vg-riechheimer-berg.example"]);
    assert_eq!(vg.opening_hours.len(), 4);
    assert_eq!(
        vg.opening_hours[3].note.as_deref(),
        Some("Außerhalb der Sprechzeiten nach Vereinbarung")
    );

    let lra = &catalog.authorities[1];
    let lra_address = lra.address.as_ref().expect("LRA address");
    // The visitor address wins over the post-box address listed first.
    assert_eq!(lra_address.street.as_deref(), Some("Ritterstraße"));
    assert_eq!(lra_address.plz.as_deref(), Some("99310"));
    assert_eq!(
        lra.opening_hours
            .iter()
            .map(|h| (h.days.as_str(), h.from.as_deref(), h.note.as_deref()))
            .collect::<Vec<_>>(),
        [
            ("Mo-Fr", Some("08:00"), None),
            ("Di", Some("14:00"), Some("(nur mit Termin)"))
        ]
    );

    let online = &catalog.online_services[0];
    assert_eq!(online.url, "https://gewerbe.thueringen.example/antrag");
    assert_eq!(online.trust_level.as_deref(), Some("substantiell"));

    let gewerbe: Vec<(&str, TargetKind, &str)> = catalog
        .responsibilities
        .iter()
        .filter(|r| r.service == "L100016.LB.3320")
        .map(|r| (r.region.as_str(), r.target.kind, r.target.id.as_str()))
        .collect();
    assert_eq!(
        gewerbe,
        [
            ("160705009000", TargetKind::Authority, "L100016.OE.5009"),
            ("160700000000", TargetKind::Authority, "L100016.OE.7000"),
            ("160000000000", TargetKind::OnlineService, "L100016.OD.7701"),
        ]
    );
    assert!(catalog
        .responsibilities
        .iter()
        .all(|r| r.role == Role::ZustaendigeStelle && r.id.is_some()));
    assert_eq!(
        message.deletions,
        [Deletion {
            class: EntityClass::Leistung,
            id: "L100016.LB.0999".into()
        }]
    );
}

#[test]
fn update_message_deletes_and_rewrites() {
    let message = xzufi::parse(
        &read_fixture("xzufi/thueringen-2_2-update.xml"),
        "thueringen-2_2-update.xml",
    )
    .expect("parses");
    let deleted: Vec<(EntityClass, &str)> = message
        .deletions
        .iter()
        .map(|d| (d.class, d.id.as_str()))
        .collect();
    assert_eq!(
        deleted,
        [
            (EntityClass::Zustaendigkeit, "L100016.ZS.7000-3320"),
            (EntityClass::Leistung, "L100016.LB.2210"),
        ]
    );
    let written: Vec<(EntityClass, &str)> = message.written().collect();
    assert_eq!(written, [(EntityClass::Onlinedienst, "L100016.OD.7701")]);
    assert_eq!(message.warnings.len(), 1, "{:?}", message.warnings);
    assert!(message.warnings[0].contains("LeistungSpezialisierung"));
}

#[test]
fn leika_fixtures_agree_across_encodings_and_delimiters() {
    let latin1 = std::fs::read(fixture("leika/leika-sample.csv")).expect("readable");
    assert!(
        std::str::from_utf8(&latin1).is_err(),
        "the fixture must stay ISO-8859-1"
    );
    let portal = leika::parse(&latin1, "leika-sample.csv").expect("latin-1 parses");
    assert_eq!(portal.len(), 15);
    let ermaessigung = portal
        .iter()
        .find(|e| e.key == "99108001003000")
        .expect("row present");
    assert_eq!(ermaessigung.name, "Hundesteuer Ermäßigung");
    assert_eq!(ermaessigung.features, ["Antrag erforderlich"]);
    assert_eq!(ermaessigung.line, 4);

    let utf8 = std::fs::read(fixture("leika/leika-sample-utf8-comma.csv")).expect("readable");
    let comma = leika::parse(&utf8, "leika-sample-utf8-comma.csv").expect("utf-8 parses");
    assert_eq!(comma.len(), 4);
    for entry in &comma {
        let same = portal
            .iter()
            .find(|e| e.key == entry.key)
            .expect("every key of the small file is in the large one");
        assert_eq!((&entry.typ, &entry.name), (&same.typ, &same.name));
    }
    let ausweis = &comma[1];
    assert_eq!(
        ausweis.features,
        ["Gebührenpflichtig", "Persönliches Erscheinen erforderlich"]
    );
    assert_eq!(
        comma[3].citizen_name,
        "Fischereischein beantragen, verlängern"
    );
}

// ---------------------------------------------------------------------------
// Through the loader

const BASE_JSON: &str = r#"{
  "schema_version": "1",
  "services": [
    {"id": "L100016.LB.0999", "name": "Hundesteuer Abmeldung (alt)", "leika": ["99108001002000"]},
    {"id": "json.fischerei", "name": "", "leika": ["99036001001000"]}
  ]
}"#;

/// A catalog directory with the given `(file name, contents)`.
fn catalog_dir(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, contents) in files {
        std::fs::write(dir.path().join(name), contents).expect("write fixture copy");
    }
    dir
}

fn standard_dir() -> tempfile::TempDir {
    catalog_dir(&[
        ("00-basis.json", BASE_JSON.as_bytes().to_vec()),
        // Sorts before the XZuFi files: enrichment must still see their services.
        (
            "05-leika.csv",
            std::fs::read(fixture("leika/leika-sample.csv")).expect("readable"),
        ),
        (
            "10-thueringen-2_2.xml",
            read_fixture("xzufi/thueringen-2_2.xml").into_bytes(),
        ),
        (
            "20-thueringen-2_2-update.xml",
            read_fixture("xzufi/thueringen-2_2-update.xml").into_bytes(),
        ),
    ])
}

fn service_ids(loaded: &LoadedCatalog) -> Vec<&str> {
    loaded
        .catalog
        .services
        .iter()
        .map(|s| s.id.as_str())
        .collect()
}

#[test]
fn loader_applies_messages_in_file_name_order() {
    let dir = standard_dir();
    let loaded = load(dir.path()).expect("the directory loads");
    assert_eq!(
        loaded.files,
        [
            "00-basis.json",
            "10-thueringen-2_2.xml",
            "20-thueringen-2_2-update.xml"
        ]
    );
    // 0999 is deleted by the first message, 2210 by the second.
    assert_eq!(
        service_ids(&loaded),
        ["json.fischerei", "L100016.LB.1140", "L100016.LB.3320"]
    );
    assert_eq!(loaded.service_sources, [0, 1, 1]);

    let responsibility_ids: Vec<&str> = loaded
        .catalog
        .responsibilities
        .iter()
        .filter_map(|r| r.id.as_deref())
        .collect();
    assert!(!responsibility_ids.contains(&"L100016.ZS.7000-3320"));
    assert!(responsibility_ids.contains(&"L100016.ZS.7701-3320"));
    assert_eq!(
        responsibility_ids.len(),
        loaded.responsibility_sources.len()
    );

    // The second message rewrote the Onlinedienst; its Zuständigkeit stays.
    let online = &loaded.catalog.online_services;
    assert_eq!(online.len(), 1);
    assert_eq!(
        online[0].url,
        "https://service.thueringen.example/gewerbe/antrag"
    );
    assert_eq!(loaded.online_service_sources, [2]);
}

#[test]
fn loader_enriches_after_all_files() {
    let dir = standard_dir();
    let loaded = load(dir.path()).expect("the directory loads");
    let service = |id: &str| {
        loaded
            .catalog
            .services
            .iter()
            .find(|s| s.id == id)
            .unwrap_or_else(|| panic!("service {id}"))
    };
    // XZuFi's own terms first, LeiKa's added without case-insensitive repeats.
    assert_eq!(
        service("L100016.LB.1140").synonyms,
        [
            "Hundemarke",
            "Hund anmelden",
            "Hundesteuer",
            "Hundesteuermarke"
        ]
    );
    // An editor's Typisierung is kept; an empty one is filled.
    assert_eq!(service("L100016.LB.3320").typisierung, ["2"]);
    let fischerei = service("json.fischerei");
    assert_eq!(fischerei.name, "Fischereischein beantragen");
    assert_eq!(fischerei.typisierung, ["4a"]);

    let summary: Vec<&String> = loaded
        .warnings
        .iter()
        .filter(|w| w.contains("match no service"))
        .collect();
    assert_eq!(summary.len(), 1, "{:?}", loaded.warnings);
    assert!(summary[0].contains("12 of 15 entries"), "{}", summary[0]);
}

#[test]
fn deletion_before_the_record_is_read_warns_and_deletes_nothing() {
    // The JSON file now sorts after the message that deletes one of its services.
    let dir = catalog_dir(&[
        (
            "10-thueringen-2_2.xml",
            read_fixture("xzufi/thueringen-2_2.xml").into_bytes(),
        ),
        ("30-basis.json", BASE_JSON.as_bytes().to_vec()),
    ]);
    let loaded = load(dir.path()).expect("loads");
    assert!(service_ids(&loaded).contains(&"L100016.LB.0999"));
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.contains("10-thueringen-2_2.xml") && w.contains("L100016.LB.0999")),
        "{:?}",
        loaded.warnings
    );
}

#[test]
fn a_single_message_file_loads() {
    let loaded = load(&fixture("xzufi/thueringen-2_2.xml")).expect("loads");
    assert_eq!(loaded.files, ["thueringen-2_2.xml"]);
    assert_eq!(loaded.catalog.services.len(), 3);
    assert_eq!(loaded.catalog.responsibilities.len(), 5);
}

#[test]
fn importer_errors_name_the_file() {
    let dir = catalog_dir(&[(
        "kaputt.xml",
        b"<n xmlns=\"http://xoev.de/schemata/xzufi/2_2_0\">\n<schreibe>\n</n>".to_vec(),
    )]);
    match load(dir.path()) {
        Err(Error::Syntax { file, line, .. }) => {
            assert_eq!((file.as_str(), line), ("kaputt.xml", 3));
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }

    let dir = catalog_dir(&[
        ("00-basis.json", BASE_JSON.as_bytes().to_vec()),
        (
            "leika.csv",
            b"Schluessel;Typ\n99108001001000;5\n9910800100100;5\n".to_vec(),
        ),
    ]);
    match load(dir.path()) {
        Err(Error::Record {
            file,
            record,
            field,
            ..
        }) => {
            assert_eq!(
                (file.as_str(), record.as_str(), field.as_str()),
                ("leika.csv", "row at line 3", "Schluessel")
            );
        }
        other => panic!("expected a record error, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------
// Loader behaviour: `schreibe` replaces, `loesche` cascades, warnings surface.

#[test]
fn loader_treats_schreibe_as_update() {
    let rewrite = r#"<x:m xmlns:x="http://xoev.de/schemata/xzufi/2_2_0"><x:schreibe><x:leistung>
        <x:id>L100016.LB.1140</x:id>
        <x:modulText><x:leikaTextmodul><code>03</code></x:leikaTextmodul><x:inhalt>Hund anmelden (neu)</x:inhalt></x:modulText>
        </x:leistung></x:schreibe></x:m>"#;
    let dir = catalog_dir(&[
        (
            "10-thueringen-2_2.xml",
            read_fixture("xzufi/thueringen-2_2.xml").into_bytes(),
        ),
        ("20-rewrite.xml", rewrite.as_bytes().to_vec()),
    ]);
    let loaded = load(dir.path()).expect("loads");
    let hund: Vec<&str> = loaded
        .catalog
        .services
        .iter()
        .filter(|s| s.id == "L100016.LB.1140")
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(hund, ["Hund anmelden (neu)"]);
}

#[test]
fn loader_surfaces_importer_warnings() {
    let dir = standard_dir();
    let loaded = load(dir.path()).expect("loads");
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.contains("LeistungSpezialisierung")),
        "{:?}",
        loaded.warnings
    );
}

#[test]
fn loader_removes_responsibilities_of_deleted_records() {
    let delete = r#"<x:m xmlns:x="http://xoev.de/schemata/xzufi/2_2_0">
        <x:loesche klasse="Organisationseinheit"><x:id>L100016.OE.5009</x:id></x:loesche></x:m>"#;
    let fixture = read_fixture("xzufi/thueringen-2_2.xml");
    let before =
        load(catalog_dir(&[("10-a.xml", fixture.clone().into_bytes())]).path()).expect("loads");
    let pointing = |loaded: &LoadedCatalog| {
        loaded
            .catalog
            .responsibilities
            .iter()
            .filter(|r| r.target.id == "L100016.OE.5009")
            .count()
    };
    assert!(
        pointing(&before) > 0,
        "the fixture assigns services to the VG"
    );
    let dir = catalog_dir(&[
        ("10-a.xml", fixture.into_bytes()),
        ("20-delete.xml", delete.as_bytes().to_vec()),
    ]);
    let after = load(dir.path()).expect("loads");
    assert!(after
        .catalog
        .authorities
        .iter()
        .all(|a| a.id != "L100016.OE.5009"));
    assert_eq!(
        pointing(&after),
        0,
        "no responsibility is left pointing at the deleted OE"
    );
    assert_eq!(
        after.catalog.responsibilities.len(),
        after.responsibility_sources.len()
    );
}

#[test]
fn a_stray_quote_in_a_leika_export_fails_the_load_at_its_line() {
    // An editor's stray quote at the start of a field on line 3: CSV reads a
    // quoted field up to the next quote, which this export does not have, so
    // every later row (and with it the Personalausweis synonyms) would vanish.
    let export = std::fs::read(fixture("leika/leika-sample.csv")).expect("readable");
    let damaged = {
        let at = export
            .windows(b";Hundesteuer Abmeldung;".len())
            .position(|w| w == b";Hundesteuer Abmeldung;")
            .expect("the row is in the fixture");
        [&export[..=at], b"\"", &export[at + 1..]].concat()
    };
    let dir = catalog_dir(&[
        ("00-basis.json", BASE_JSON.as_bytes().to_vec()),
        ("05-leika.csv", damaged),
    ]);
    match load(dir.path()) {
        Err(Error::Syntax {
            file,
            line,
            column,
            message,
        }) => {
            assert_eq!((file.as_str(), line, column), ("05-leika.csv", 3, 18));
            assert!(message.contains("`Bezeichnung`"), "{message}");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn loader_applies_messages_in_the_order_they_were_created() {
    // "-" sorts before ".": by name, the update would come first and its
    // loesche entries would find nothing to delete.
    let dir = catalog_dir(&[
        ("00-basis.json", BASE_JSON.as_bytes().to_vec()),
        (
            "thueringen-2_2.xml",
            read_fixture("xzufi/thueringen-2_2.xml").into_bytes(),
        ),
        (
            "thueringen-2_2-update.xml",
            read_fixture("xzufi/thueringen-2_2-update.xml").into_bytes(),
        ),
    ]);
    assert_eq!(thueringen().created.as_deref(), Some("2024-05-02T08:15:00"));
    let loaded = load(dir.path()).expect("loads");
    assert_eq!(
        loaded.files,
        [
            "00-basis.json",
            "thueringen-2_2.xml",
            "thueringen-2_2-update.xml"
        ]
    );
    assert_eq!(
        service_ids(&loaded),
        ["json.fischerei", "L100016.LB.1140", "L100016.LB.3320"]
    );
    assert!(
        !loaded
            .warnings
            .iter()
            .any(|w| w.contains("matched no record")),
        "{:?}",
        loaded.warnings
    );
    assert_eq!(
        loaded.catalog.online_services[0].url,
        "https://service.thueringen.example/gewerbe/antrag"
    );
}

#[test]
fn messages_without_a_creation_time_keep_the_name_order_with_a_warning() {
    let update = read_fixture("xzufi/thueringen-2_2-update.xml").replace(
        "<xzufi:erstellungszeitpunkt>2024-05-03T08:15:00</xzufi:erstellungszeitpunkt>",
        "",
    );
    let dir = catalog_dir(&[
        (
            "thueringen-2_2.xml",
            read_fixture("xzufi/thueringen-2_2.xml").into_bytes(),
        ),
        ("thueringen-2_2-update.xml", update.into_bytes()),
    ]);
    let loaded = load(dir.path()).expect("loads");
    assert_eq!(
        loaded.files,
        ["thueringen-2_2-update.xml", "thueringen-2_2.xml"]
    );
    assert!(
        loaded.warnings.iter().any(|w| w
            .starts_with("thueringen-2_2-update.xml: no readable creation time")
            && w.contains("file-name order")),
        "{:?}",
        loaded.warnings
    );
    assert!(service_ids(&loaded).contains(&"L100016.LB.2210"));
}

fn utf16(text: &str, big_endian: bool, byte_order_mark: bool) -> Vec<u8> {
    let units = byte_order_mark
        .then_some(0xFEFF)
        .into_iter()
        .chain(text.encode_utf16());
    units
        .flat_map(|unit| {
            if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            }
        })
        .collect()
}

#[test]
fn utf16_messages_read_like_utf8_ones() {
    let xml = read_fixture("xzufi/thueringen-2_2.xml").replacen("UTF-8", "UTF-16", 1);
    let expected = load(&fixture("xzufi/thueringen-2_2.xml")).expect("loads");
    for (label, bytes) in [
        ("little endian", utf16(&xml, false, true)),
        ("big endian", utf16(&xml, true, true)),
        (
            "little endian without byte order mark",
            utf16(&xml, false, false),
        ),
    ] {
        let dir = catalog_dir(&[("nachricht.xml", bytes)]);
        let loaded = load(dir.path()).unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(loaded.catalog, expected.catalog, "{label}");
    }

    // A lone surrogate on line 3 of a UTF-16 message is an error at its place.
    let mut broken = utf16(
        "<n xmlns=\"http://xoev.de/schemata/xzufi/2_2_0\">\n\n  x",
        false,
        true,
    );
    broken.extend([0x00, 0xD8]);
    broken.extend(utf16("</n>", false, false));
    let dir = catalog_dir(&[("kaputt.xml", broken)]);
    match load(dir.path()) {
        Err(Error::Syntax {
            file,
            line,
            column,
            message,
        }) => {
            assert_eq!((file.as_str(), line, column), ("kaputt.xml", 3, 4));
            assert!(message.contains("UTF-16LE"), "{message}");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}
