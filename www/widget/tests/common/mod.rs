//! The small index the browser tests open (`web.rs`, `headless.rs`).

const CATALOG: &str = r#"{
  "meta": {"name": "Testkreis"},
  "regions": [
    {"ars": "160700000000", "name": "Ilm-Kreis", "level": "kreis", "plz": ["99310", "99334"]},
    {"ars": "160700004004", "name": "Arnstadt", "level": "gemeinde", "parent": "160700000000", "plz": ["99310"]},
    {"ars": "160705009001", "name": "Alkersleben", "level": "gemeinde", "parent": "160700000000", "plz": ["99310"]},
    {"ars": "160510000000", "name": "Erfurt", "level": "kreis", "plz": ["99084"]}
  ],
  "topics": [{"id": "t1", "name": "Ausweise und Pässe"}],
  "services": [
    {"id": "pa", "name": "Personalausweis beantragen", "teaser": "Den Ausweis beantragen.",
     "text": {"required_documents": "Ein biometrisches Foto"}, "costs": "37 Euro", "topics": ["t1"]},
    {"id": "rp", "name": "Reisepass beantragen", "topics": ["t1"]},
    {"id": "hund", "name": "Hund anmelden"}
  ],
  "authorities": [
    {"id": "lra", "name": "Landratsamt Ilm-Kreis",
     "address": {"street": "Ritterstraße", "house_no": "14", "plz": "99310", "city": "Arnstadt"},
     "contact": {"phone": ["03628 738-0"], "email": ["info@ilm-kreis.de"]}},
    {"id": "erf", "name": "Bürgeramt Erfurt"}
  ],
  "online_services": [{"id": "o1", "name": "Ausweis online beantragen", "url": "https://example.org/ausweis"}],
  "responsibilities": [
    {"service": "pa", "region": "160700000000", "target": {"type": "authority", "id": "lra"}},
    {"service": "pa", "region": "160700000000", "target": {"type": "online_service", "id": "o1"}},
    {"service": "pa", "region": "160510000000", "target": {"type": "authority", "id": "erf"}}
  ]
}"#;

pub fn index_bytes() -> Vec<u8> {
    let catalog: zufi::Catalog = serde_json::from_str(CATALOG).expect("test catalog parses");
    zufi::IndexBuilder::new(&catalog)
        .build()
        .expect("test catalog builds")
        .bytes
}
