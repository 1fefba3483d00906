//! Search and region resolution on the committed demo catalogs: the
//! acceptance queries of the core issue, the most-specific-region rule on
//! real region keys, and snapshots that pin the ranking of representative
//! queries (review changes with `cargo insta review` or `INSTA_UPDATE=always`).

#![allow(clippy::unwrap_used)] // Test helpers may panic: a panic is a failed test.

use std::fmt::Write;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use zufi::{Index, SearchOptions};

fn build(name: &str) -> Index {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("index")
        .join(name);
    let loaded = zufi::catalog::load(&path).unwrap();
    Index::from_bytes(&loaded.index_builder().unwrap().build().unwrap().bytes).unwrap()
}

fn berlin() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| build("berlin"))
}

fn thueringen() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| build("thueringen"))
}

fn top_ids(index: &Index, query: &str) -> Vec<String> {
    index
        .search(query, &SearchOptions::default())
        .iter()
        .map(|hit| hit.service.id.clone())
        .collect()
}

#[test]
fn berlin_acceptance_queries() {
    let berlin = berlin();
    assert_eq!(top_ids(berlin, "personalausweis beantragen")[0], "120703");
    assert_eq!(top_ids(berlin, "gewerbestuer")[0], "325333", "one typo");
    assert_eq!(
        top_ids(berlin, "gebaeudevermessung")[0],
        "325625",
        "transliterated umlaut"
    );
    assert_eq!(top_ids(berlin, "Gebäudevermessung")[0], "325625");
    assert_eq!(top_ids(berlin, "GEBÄUDEVERMESSUNG")[0], "325625");
    assert_eq!(
        top_ids(berlin, "personalauswies beantr")[0],
        "120703",
        "typo and unfinished word"
    );
}

#[test]
fn berlin_responsibility_lists_the_locations_of_the_service() {
    let berlin = berlin();
    let hits = berlin.search(
        "personalausweis beantragen",
        &SearchOptions {
            region: Some("110000000000".parse().unwrap()),
            limit: 1,
            ..Default::default()
        },
    );
    let responsible = hits[0].responsible.as_ref().unwrap();
    // Every Bürgeramt that issues ID cards, all assigned for the whole of Berlin.
    assert!(
        responsible.authorities.len() > 30,
        "{}",
        responsible.authorities.len()
    );
    assert!(responsible
        .authorities
        .iter()
        .all(|a| a.region.to_string() == "110000000000"));
    assert!(responsible
        .authorities
        .iter()
        .any(|a| a.item.name.starts_with("Bürgeramt")));
}

fn authority_names(index: &Index, service: &str, place: &str) -> Vec<String> {
    let responsible = index.responsible(service, place.parse().unwrap()).unwrap();
    responsible
        .authorities
        .iter()
        .map(|a| a.item.name.clone())
        .collect()
}

#[test]
fn thueringen_most_specific_region_wins() {
    let th = thueringen();
    // Alkersleben belongs to the VG Riechheimer Berg, which levies the dog tax.
    assert_eq!(
        authority_names(th, "th-hundesteuer", "160705009001"),
        ["Verwaltungsgemeinschaft Riechheimer Berg"]
    );
    // Arnstadt is verbandsfrei: its own administration.
    assert_eq!(
        authority_names(th, "th-hundesteuer", "160700004004"),
        ["Stadtverwaltung Arnstadt"]
    );
    // Vehicles are registered by the Landratsamt, except in Eisenach, which keeps its own office.
    assert!(authority_names(th, "th-kfz-zulassung", "160630004004")[0].contains("Wartburgkreis"));
    let eisenach = authority_names(th, "th-kfz-zulassung", "160630105105");
    assert!(eisenach[0].contains("Eisenach"), "{eisenach:?}");
    // The Land-wide online service stays beside the local office.
    let online = th
        .responsible("th-kfz-zulassung", "160630105105".parse().unwrap())
        .unwrap()
        .online_services;
    assert_eq!(online.len(), 1);
    assert_eq!(online[0].region.to_string(), "160000000000");
}

#[test]
fn thueringen_postcode_spanning_several_municipalities_lists_each() {
    let names: Vec<&str> = thueringen()
        .regions_for_plz("99310".parse().unwrap())
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(names.len(), 6, "{names:?}");
    assert!(
        names.contains(&"Alkersleben") && names.contains(&"Arnstadt, Stadt"),
        "{names:?}"
    );
}

fn ranking(index: &Index, queries: &[&str]) -> String {
    let mut out = String::new();
    for query in queries {
        writeln!(out, "{query}").unwrap();
        for hit in index.search(
            query,
            &SearchOptions {
                limit: 5,
                ..Default::default()
            },
        ) {
            writeln!(
                out,
                "  {:>8x}  {:<8} {}",
                hit.score(),
                hit.service.id,
                hit.service.name
            )
            .unwrap();
        }
    }
    out
}

#[test]
fn berlin_ranking_snapshot() {
    insta::assert_snapshot!(ranking(
        berlin(),
        &[
            "personalausweis beantragen",
            "gewerbestuer",
            "gebaeudevermessung",
            "wohnung anmelden",
            "anmel",
            "reisepass",
            "fuehrungszeugnis",
            "hund",
            "kfz-zulassung",
            "eheschliessung",
        ]
    ));
}

#[test]
fn thueringen_ranking_snapshot() {
    insta::assert_snapshot!(ranking(
        thueringen(),
        &[
            "hundesteuer",
            "personalausweis",
            "baugenehmigung beantragen",
            "fahrzeug zulassen",
            "gewerbe anm",
            "wohngeld",
            "bafoeg",
            "fuehrerschein umtauschen",
            "fischereischein",
            "einbuergerung",
        ]
    ));
}

#[test]
fn cli_json_puts_120703_first_for_personalausweis_beantragen() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("berlin.zufi");
    let catalog = Path::new(env!("CARGO_MANIFEST_DIR")).join("index/berlin");
    let zufi = env!("CARGO_BIN_EXE_zufi");
    let build = Command::new(zufi)
        .args([
            "build",
            "--quiet",
            catalog.to_str().unwrap(),
            "-o",
            index.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let search = Command::new(zufi)
        .args([
            "search",
            "--index",
            index.to_str().unwrap(),
            "--json",
            "personalausweis",
            "beantragen",
        ])
        .output()
        .unwrap();
    assert!(search.status.success());
    let hits: serde_json::Value = serde_json::from_slice(&search.stdout).unwrap();
    assert_eq!(hits[0]["id"], "120703");
    assert_eq!(hits[0]["name"], "Personalausweis beantragen");
}

#[test]
fn builds_are_byte_identical() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("index/thueringen");
    let first = zufi::catalog::load(&path)
        .unwrap()
        .index_builder()
        .unwrap()
        .build()
        .unwrap()
        .bytes;
    let second = zufi::catalog::load(&path)
        .unwrap()
        .index_builder()
        .unwrap()
        .build()
        .unwrap()
        .bytes;
    assert!(first == second, "two builds of index/thueringen differ");
}

#[test]
fn each_role_has_its_own_most_specific_region() {
    // Einbürgerung: the Landesverwaltungsamt decides for all of Thüringen,
    // the Landratsamt takes the application for its Kreis. The Kreis key is
    // more specific, but only for its role: both are shown.
    let index = thueringen();
    let place = "160740044044".parse().unwrap();
    let responsible = index.responsible("th-einbuergerung", place).unwrap();
    let found: Vec<(&str, zufi::Role, String)> = responsible
        .authorities
        .iter()
        .map(|a| (a.item.id.as_str(), a.role, a.region.to_string()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "tlvwa",
                zufi::Role::ZustaendigeStelle,
                "160000000000".to_string()
            ),
            (
                "landratsamt-160740000000",
                zufi::Role::Ansprechpunkt,
                "160740000000".to_string()
            ),
        ]
    );
}

/// The topic a search's first hits share, offered as "Alles zum Thema …".
fn common_topic(index: &Index, query: &str) -> Option<String> {
    let hits = index.search(query, &SearchOptions::default());
    let services: Vec<&zufi::Service> = hits.iter().map(|h| h.service).collect();
    index.common_topic(&services).map(|t| t.name.clone())
}

#[test]
fn life_events_offer_their_topic() {
    for (index, query, topic) in [
        (berlin(), "baby", Some("Standesamtsangelegenheiten")),
        (berlin(), "heiraten", Some("Standesamtsangelegenheiten")),
        (thueringen(), "umzug", Some("Umzug und Wohnen")),
        (thueringen(), "neues auto", Some("Auto und Verkehr")),
        (thueringen(), "baby", Some("Familie und Kinder")),
        // One service, or hits spread over unrelated topics: nothing to offer.
        (thueringen(), "hundesteuer", None),
        (berlin(), "umzug", None),
    ] {
        assert_eq!(common_topic(index, query).as_deref(), topic, "{query}");
    }
}

/// The topics offered when a search finds nothing, by name.
fn closest_topics(index: &Index, query: &str) -> Vec<String> {
    assert!(
        index.search(query, &SearchOptions::default()).is_empty(),
        "{query} finds something"
    );
    let alternatives = index.suggestions(query, 3);
    index
        .closest_topics(query, &alternatives, 3)
        .into_iter()
        .map(|t| t.name.clone())
        .collect()
}

#[test]
fn a_search_that_finds_nothing_offers_the_closest_topics() {
    // Through the "Meinten Sie" alternative: "ummldng" → "ummeldung".
    assert_eq!(
        closest_topics(thueringen(), "ummldng")
            .first()
            .map(String::as_str),
        Some("Umzug und Wohnen")
    );
    // Berlin files registration under public order.
    assert_eq!(
        closest_topics(berlin(), "ummldng")
            .first()
            .map(String::as_str),
        Some("Ordnungsangelegenheiten")
    );
    // Through a topic's name a query word begins like, without alternatives.
    let named: Vec<&str> = thueringen()
        .closest_topics("wohnenxx", &[], 3)
        .into_iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(named, ["Umzug und Wohnen"]);
    // Nothing close: nothing offered, rather than a topic at random.
    assert_eq!(closest_topics(berlin(), "qwrtzuiop"), Vec::<String>::new());
    assert_eq!(
        closest_topics(thueringen(), "qwrtzuiop"),
        Vec::<String>::new()
    );
}

#[test]
fn a_topic_takes_in_its_subtopics() {
    let index = berlin();
    let parent = index
        .topics()
        .iter()
        .find(|t| {
            // A parent with services filed under a subtopic only.
            let children: Vec<&str> = index
                .topics()
                .iter()
                .filter(|c| c.parent.as_ref() == Some(&t.id))
                .map(|c| c.id.as_str())
                .collect();
            index.services().iter().any(|s| {
                !s.topics.contains(&t.id)
                    && s.topics.iter().any(|id| children.contains(&id.as_str()))
            })
        })
        .expect("the Berlin demo has services filed under a subtopic only");
    let family = index.topic_with_subtopics(&parent.id);
    assert!(family.contains(&parent.id.as_str()));
    for child in index
        .topics()
        .iter()
        .filter(|c| c.parent.as_ref() == Some(&parent.id))
    {
        assert!(
            family.contains(&child.id.as_str()),
            "{} lacks {}",
            parent.id,
            child.id
        );
    }
    assert!(family.len() > 1);
    assert!(index.topic_with_subtopics("no-such-topic").is_empty());

    let listed = index.services_of_topic(&parent.id);
    let in_family = |s: &zufi::Service| s.topics.iter().any(|t| family.contains(&t.as_str()));
    let expected = index.services().iter().filter(|s| in_family(s)).count();
    assert_eq!(listed.len(), expected);
    for child in index
        .topics()
        .iter()
        .filter(|c| c.parent.as_ref() == Some(&parent.id))
    {
        for service in index.services_of_topic(&child.id) {
            assert!(
                listed.iter().any(|s| s.id == service.id),
                "{} does not list {} of its subtopic {}",
                parent.id,
                service.id,
                child.id
            );
        }
    }
    let a_to_z: Vec<&str> = index
        .services_by_name()
        .into_iter()
        .filter(|s| in_family(s))
        .map(|s| s.id.as_str())
        .collect();
    let ids: Vec<&str> = listed.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, a_to_z, "listed A–Z as the A–Z browse lists them");
    assert!(index.services_of_topic("no-such-topic").is_empty());
}

/// A compound whose parts meet only in a description ("Reisepass" and
/// "Antrag" in the documents a Führungszeugnis needs) still finds the
/// service its longest part names.
#[test]
fn a_compound_finds_the_service_its_longest_part_names() {
    for (query, first) in [
        ("reisepassantrag", "th-reisepass"),
        ("personalausweisantrag", "th-personalausweis"),
    ] {
        assert_eq!(
            top_ids(thueringen(), query).first().map(String::as_str),
            Some(first),
            "{query}"
        );
    }
}

#[test]
fn a_long_query_whose_hits_cover_little_of_it_is_answered_weakly() {
    let weakly = |index: &Index, query: &str| {
        let hits = index.search(query, &SearchOptions::default());
        assert!(!hits.is_empty(), "{query} finds nothing");
        index.answers_weakly(query, &hits)
    };
    // Hits for one or two of five or six content words.
    for query in [
        "darf ich die große fichte in meinem garten einfach umhauen",
        "mein ex bedroht mich und soll meine neue adresse nicht erfahren",
    ] {
        assert!(weakly(thueringen(), query), "{query}");
    }
    for (index, query) in [
        (thueringen(), "personalausweis beantragen"),
        (thueringen(), "hundesteuer"),
        (
            thueringen(),
            "wir haben geheiratet und wollen jetzt unseren nachnamen in den ausweisen ändern",
        ),
        (thueringen(), "ich bin umgezogen was muss ich machen"),
        (
            berlin(),
            "ich bin nach berlin umgezogen und muss jetzt meine neue wohnung anmelden",
        ),
    ] {
        assert!(!weakly(index, query), "{query}");
    }
    assert!(!thueringen().answers_weakly("qwrtzuiop asdfgh yxcvbn", &[]));
}
