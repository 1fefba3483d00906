//! Property tests of the index format: round trips, determinism, and that no
//! damage to a file goes unnoticed or panics.

#![allow(clippy::unwrap_used)] // Test helpers may panic: a panic is a failed test.

use proptest::prelude::*;
use zufi::{
    Authority, Catalog, Index, IndexBuilder, Responsibility, Role, SearchOptions, Service, Target,
    TargetKind,
};

const WORDS: [&str; 12] = [
    "Personalausweis",
    "beantragen",
    "Gebäude",
    "Vermessung",
    "Hundesteuer",
    "Anmeldung",
    "Kfz-Zulassung",
    "Straße",
    "Wohngeld",
    "Führungszeugnis",
    "Gewerbe",
    "Bescheinigung",
];

fn name() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(&WORDS[..]), 1..4).prop_map(|words| words.join(" "))
}

prop_compose! {
    fn catalog()(
        names in prop::collection::vec(name(), 1..12),
        authority_names in prop::collection::vec(name(), 1..5),
        links in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), 0u64..3), 0..20),
    ) -> Catalog {
        let services: Vec<Service> = names.into_iter().enumerate().map(|(i, name)| Service {
            id: format!("S{i}"), name, synonyms: vec![format!("Synonym{i}")], ..Default::default()
        }).collect();
        let authorities: Vec<Authority> = authority_names.into_iter().enumerate().map(|(i, name)| Authority {
            id: format!("A{i}"), name, ..Default::default()
        }).collect();
        let regions = ["160705009001", "160705009000", "160700000000"];
        let responsibilities = links.into_iter().map(|(service, authority, region)| Responsibility {
            id: None,
            service: service.get(&services).id.clone(),
            region: regions[region as usize].to_string(),
            target: Target { kind: TargetKind::Authority, id: authority.get(&authorities).id.clone() },
            role: Role::ZustaendigeStelle,
        }).collect();
        Catalog { services, authorities, responsibilities, ..Default::default() }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn records_round_trip_and_every_service_is_findable_by_its_name(catalog in catalog()) {
        let bytes = IndexBuilder::new(&catalog).build().unwrap().bytes;
        let index = Index::from_bytes(&bytes).unwrap();
        prop_assert_eq!(index.services(), catalog.services.as_slice());
        // Authorities no responsibility leads to are left out; the rest keep their order.
        let reachable: Vec<&Authority> = catalog
            .authorities
            .iter()
            .filter(|a| catalog.responsibilities.iter().any(|r| r.target.id == a.id))
            .collect();
        prop_assert_eq!(index.authorities().collect::<Vec<_>>(), reachable);
        let everything = SearchOptions { limit: usize::MAX, ..Default::default() };
        for service in &catalog.services {
            let hits = index.search(&service.name, &everything);
            prop_assert!(hits.iter().any(|h| h.service.id == service.id), "{} not found by its name", service.name);
            let hits = index.search(&service.synonyms[0], &everything);
            prop_assert_eq!(hits[0].service.id.as_str(), service.id.as_str());
        }
    }

    #[test]
    fn results_are_ordered_by_score(catalog in catalog(), query in name()) {
        let bytes = IndexBuilder::new(&catalog).build().unwrap().bytes;
        let index = Index::from_bytes(&bytes).unwrap();
        let hits = index.search(&query, &SearchOptions { limit: usize::MAX, ..Default::default() });
        prop_assert!(hits.windows(2).all(|pair| pair[0].score() >= pair[1].score()));
    }

    #[test]
    fn the_same_catalog_gives_the_same_bytes(catalog in catalog()) {
        let first = IndexBuilder::new(&catalog).build().unwrap().bytes;
        let second = IndexBuilder::new(&catalog.clone()).build().unwrap().bytes;
        prop_assert_eq!(first, second);
    }

    #[test]
    fn any_single_byte_corruption_is_detected(catalog in catalog(), position in any::<prop::sample::Index>(), flip in 1u8..=255) {
        let mut bytes = IndexBuilder::new(&catalog).build().unwrap().bytes;
        let at = position.index(bytes.len());
        bytes[at] ^= flip;
        prop_assert!(Index::from_bytes(&bytes).is_err(), "flipping byte {} by {:#x} went unnoticed", at, flip);
    }

    #[test]
    fn any_truncation_is_rejected(catalog in catalog(), cut in any::<prop::sample::Index>()) {
        let bytes = IndexBuilder::new(&catalog).build().unwrap().bytes;
        let len = cut.index(bytes.len());
        prop_assert!(Index::from_bytes(&bytes[..len]).is_err());
    }

    #[test]
    fn any_query_text_is_answered_without_panic(catalog in catalog(), query in any::<String>(), cyrillic in "[а-я ]{0,30}") {
        let index = Index::from_bytes(&IndexBuilder::new(&catalog).build().unwrap().bytes).unwrap();
        for text in [query.as_str(), cyrillic.as_str(), "привет", "abcжdefgh", "hundesteuerж"] {
            let _ = index.search(text, &SearchOptions::default());
            let _ = index.suggestions(text, 3);
        }
    }

    #[test]
    fn a_tampered_term_dictionary_with_a_valid_checksum_is_rejected_or_harmless(
        catalog in catalog(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), 1u8..=255), 1..4),
    ) {
        // Rewrite the file with damaged terms but a fresh checksum, as an attacker could.
        let bytes = IndexBuilder::new(&catalog).build().unwrap().bytes;
        let raw = zufi::format::read(&bytes).unwrap();
        let mut sections: Vec<(zufi::format::Section, Vec<u8>)> =
            raw.sections.iter().map(|(kind, body)| (*kind, body.to_vec())).collect();
        let terms = &mut sections[1].1;
        for (at, flip) in flips {
            let at = at.index(terms.len());
            terms[at] ^= flip;
        }
        let tampered = zufi::format::write(&sections).unwrap();
        if let Ok(index) = Index::from_bytes(&tampered) {
            let _ = index.search("hundesteuer anmeldung", &SearchOptions::default());
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = Index::from_bytes(&bytes);
        let mut with_magic = zufi::format::MAGIC.to_vec();
        with_magic.extend_from_slice(&bytes);
        let _ = Index::from_bytes(&with_magic);
    }
}

#[test]
fn region_resolution_prefers_the_most_specific_key_per_target_kind() {
    let catalog: Catalog = serde_json::from_str(
        r#"{
        "services": [{"id": "hund", "name": "Hundesteuer"}],
        "authorities": [
            {"id": "vg", "name": "VG Riechheimer Berg"},
            {"id": "lra", "name": "Landratsamt Ilm-Kreis"},
            {"id": "arnstadt", "name": "Stadtverwaltung Arnstadt"}],
        "online_services": [{"id": "od", "name": "Hundesteuer online", "url": "https://example.org/hund"}],
        "responsibilities": [
            {"service": "hund", "region": "160705009000", "target": {"type": "authority", "id": "vg"}},
            {"service": "hund", "region": "160700000000", "target": {"type": "authority", "id": "lra"}},
            {"service": "hund", "region": "160700004004", "target": {"type": "authority", "id": "arnstadt"}},
            {"service": "hund", "region": "160000000000", "target": {"type": "online_service", "id": "od"}}]
    }"#,
    )
    .unwrap();
    let index = Index::from_bytes(&IndexBuilder::new(&catalog).build().unwrap().bytes).unwrap();
    let authority_at = |ars: &str| {
        let responsible = index.responsible("hund", ars.parse().unwrap()).unwrap();
        assert_eq!(
            responsible.online_services.len(),
            1,
            "the Land-wide online service is kept beside the office"
        );
        responsible
            .authorities
            .iter()
            .map(|a| a.item.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        authority_at("160705009001"),
        ["vg"],
        "Alkersleben: Verband wins over Kreis"
    );
    assert_eq!(
        authority_at("160700004004"),
        ["arnstadt"],
        "Arnstadt: Gemeinde wins over Kreis"
    );
    assert_eq!(
        authority_at("160700001001"),
        ["lra"],
        "elsewhere in the Kreis: the Landratsamt"
    );
    let outside = index
        .responsible("hund", "160510000000".parse().unwrap())
        .unwrap();
    assert!(
        outside.authorities.is_empty(),
        "Erfurt is outside the Ilm-Kreis"
    );
    assert_eq!(outside.online_services.len(), 1);
    assert!(index
        .responsible("no-such-service", "160510000000".parse().unwrap())
        .is_none());
}

#[test]
fn targets_no_responsibility_leads_to_are_left_out_but_parents_stay() {
    let catalog: Catalog = serde_json::from_str(
        r#"{
        "services": [{"id": "s", "name": "Personalausweis beantragen"}],
        "authorities": [
            {"id": "bezirksamt", "name": "Bezirksamt Mitte"},
            {"id": "unused", "name": "Gartenamt"},
            {"id": "buergeramt", "name": "Bürgeramt Wedding", "parent": "bezirksamt"}],
        "online_services": [{"id": "od", "name": "Nie verknüpft", "url": "https://example.org"}],
        "responsibilities": [
            {"service": "s", "region": "110000000000", "target": {"type": "authority", "id": "buergeramt"}}]
    }"#,
    )
    .unwrap();
    let output = IndexBuilder::new(&catalog).build().unwrap();
    assert_eq!(output.unreachable_targets_left_out, 2);
    let index = Index::from_bytes(&output.bytes).unwrap();
    let ids: Vec<&str> = index.authorities().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["bezirksamt", "buergeramt"]);
    assert_eq!(index.online_services().count(), 0);
    let responsible = index
        .responsible("s", "110000000000".parse().unwrap())
        .unwrap();
    assert_eq!(responsible.authorities[0].item.name, "Bürgeramt Wedding");
}

#[test]
fn a_postcode_on_a_kreis_and_on_its_gemeinde_gives_the_gemeinde() {
    let catalog: Catalog = serde_json::from_str(
        r#"{
        "regions": [
            {"ars": "160700000000", "name": "Ilm-Kreis", "level": "kreis", "plz": ["99310"]},
            {"ars": "160705009000", "name": "VG Riechheimer Berg", "level": "verband", "parent": "160700000000"},
            {"ars": "160705009001", "name": "Alkersleben", "level": "gemeinde", "parent": "160705009000", "plz": ["99310"]},
            {"ars": "160510000000", "name": "Erfurt", "level": "kreis", "plz": ["99084"]}]
    }"#,
    )
    .unwrap();
    let index = Index::from_bytes(&IndexBuilder::new(&catalog).build().unwrap().bytes).unwrap();
    let names = |plz: &str| {
        index
            .regions_for_plz(plz.parse().unwrap())
            .iter()
            .map(|r| r.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names("99310"),
        ["Alkersleben"],
        "the Kreis two levels up is dropped"
    );
    assert_eq!(names("99084"), ["Erfurt"]);
}
