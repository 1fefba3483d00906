//! What the benchmarks share: the demo indexes and the queries run on them.

use std::path::Path;

use serde::Deserialize;

use zufi::{Index, SearchOptions};

/// Realistic citizen queries (exact, typo, umlaut transliteration, prefix
/// while typing, several words) as (catalog, the citizen's ARS, query).
pub const QUERIES: [(&str, &str, &str); 10] = [
    ("berlin", "110000000000", "personalausweis beantragen"),
    ("berlin", "110000000000", "gewerbestuer"),
    ("berlin", "110000000000", "gebaeudevermessung"),
    ("berlin", "110000000000", "anmel"),
    ("berlin", "110000000000", "wohnung anmelden"),
    ("thueringen", "160705009001", "hundesteuer"),
    ("thueringen", "160510000000", "personalausweis"),
    ("thueringen", "160700004004", "baugenehmigung beantragen"),
    ("thueringen", "160510000000", "fahrzeug zulassen"),
    ("thueringen", "160705009001", "gewerbe anm"),
];

/// Twelve-word sentences as citizens describe their situation (issue 12's
/// latency target: ≤ 200 µs native), as (catalog, ARS, sentence).
pub const SENTENCES: [(&str, &str, &str); 4] = [
    (
        "berlin",
        "110000000000",
        "ich bin nach berlin umgezogen und muss jetzt meine neue wohnung anmelden",
    ),
    (
        "berlin",
        "110000000000",
        "mein kind wurde gestern geboren welche papiere brauche ich jetzt vom amt",
    ),
    (
        "thueringen",
        "160510000000",
        "wir haben geheiratet und wollen jetzt unseren nachnamen in den ausweisen ändern",
    ),
    (
        "thueringen",
        "160510000000",
        "i moved to erfurt and need to register my new address here",
    ),
];

/// The index bytes of a committed demo catalog, built as `zufi build` does.
pub fn index_bytes(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("index")
        .join(name);
    let loaded = zufi::catalog::load(&path).expect("demo catalogs are committed under index/");
    loaded
        .index_builder()
        .expect("the thesaurus applies")
        .build()
        .expect("demo catalog builds")
        .bytes
}

/// The opened index of a committed demo catalog.
pub fn index(name: &str) -> Index {
    Index::from_bytes(&index_bytes(name)).expect("fresh index opens")
}

/// Search options for a query of [`QUERIES`]: its place, ten hits.
pub fn options(ars: &str) -> SearchOptions {
    SearchOptions {
        region: Some(ars.parse().expect("valid ARS")),
        limit: 10,
        ..Default::default()
    }
}

/// A query of `benches/scale-queries.json`, the scale benchmarks' typical
/// citizen queries.
#[derive(Deserialize)]
pub struct ScaleQuery {
    pub query: String,
    /// Places to ask at: the first in the national catalog, the second in Thüringen.
    pub places: Vec<ScalePlace>,
}

/// A place by its key (its name is for the JS API, which finds places by name).
#[derive(Deserialize)]
pub struct ScalePlace {
    pub ars: String,
}

/// The queries of `benches/scale-queries.json`.
pub fn scale_queries() -> Vec<ScaleQuery> {
    #[derive(Deserialize)]
    struct QuerySet {
        queries: Vec<ScaleQuery>,
    }
    let set: QuerySet = serde_json::from_str(include_str!("../scale-queries.json"))
        .expect("benches/scale-queries.json is valid");
    set.queries
}

/// The value at quantile `p` (0.5: the median) of `sorted`, the nearest rank.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}
