//! `index/catalog.schema.json` describes the catalog model field for field,
//! in the model's order: editors' tools validate against it, and
//! `scripts/convert-demo-data` writes the demo catalogs' keys in its order.

#![allow(clippy::unwrap_used)] // Test helpers may panic: a panic is a failed test.

use serde_json::Value;
use zufi::{
    Address, Authority, Catalog, CatalogMeta, Contact, Form, OnlineService, OpeningHours, Region,
    RegionLevel, Responsibility, Service, ServiceText, Target, TargetKind, Topic, Validity,
};

fn schema() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("index/catalog.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The field names of a record as the model serialises them, in order.
fn model_fields(record: impl serde::Serialize) -> Vec<String> {
    match serde_json::to_value(record).unwrap() {
        Value::Object(fields) => fields.keys().cloned().collect(),
        other => panic!("not a record: {other}"),
    }
}

#[test]
fn every_record_has_the_schema_fields_in_model_order() {
    let schema = schema();
    let region = Region {
        ars: String::new(),
        name: String::new(),
        level: RegionLevel::Gemeinde,
        parent: None,
        plz: Vec::new(),
    };
    let target = Target {
        kind: TargetKind::Authority,
        id: String::new(),
    };
    let responsibility = Responsibility {
        id: None,
        service: String::new(),
        region: String::new(),
        target: target.clone(),
        role: Default::default(),
    };
    let records = [
        ("catalog", model_fields(Catalog::default())),
        ("meta", model_fields(CatalogMeta::default())),
        ("region", model_fields(region)),
        (
            "topic",
            model_fields(Topic {
                id: String::new(),
                name: String::new(),
                parent: None,
            }),
        ),
        ("service_text", model_fields(ServiceText::default())),
        ("validity", model_fields(Validity::default())),
        ("service", model_fields(Service::default())),
        ("address", model_fields(Address::default())),
        ("contact", model_fields(Contact::default())),
        ("opening_hours", model_fields(OpeningHours::default())),
        ("authority", model_fields(Authority::default())),
        ("online_service", model_fields(OnlineService::default())),
        ("form", model_fields(Form::default())),
        ("target", model_fields(target)),
        ("responsibility", model_fields(responsibility)),
    ];
    for (name, fields) in records {
        let properties: Vec<String> = schema["$defs"][name]["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("the schema has no $defs/{name}"))
            .keys()
            .cloned()
            .collect();
        assert_eq!(properties, fields, "$defs/{name}");
    }
}
