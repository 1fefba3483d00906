//! The JSON catalog format (documented in `index/README.md`).

use crate::error::{Error, Result};
use crate::model::records::{Catalog, CATALOG_SCHEMA_VERSION};

/// Parses one JSON catalog file. Errors name the file, line and column.
pub fn parse(text: &str, file: &str) -> Result<Catalog> {
    let catalog: Catalog = serde_json::from_str(text).map_err(|e| Error::Syntax {
        file: file.to_string(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    if let Some(version) = &catalog.schema_version {
        if version != CATALOG_SCHEMA_VERSION {
            return Err(Error::Record {
                file: file.to_string(),
                record: "catalog".into(),
                field: "schema_version".into(),
                message: format!("catalog format version {version:?} is not supported; this zufi reads {CATALOG_SCHEMA_VERSION:?}"),
            });
        }
    }
    Ok(catalog)
}

/// Serialises a catalog as pretty-printed JSON, leaving out empty fields
/// (`null`, `[]`, `{}`, `false`) so that generated catalog files stay as
/// readable as hand-written ones.
pub fn to_pretty_string(catalog: &Catalog) -> String {
    let mut value = serde_json::to_value(catalog).unwrap_or(serde_json::Value::Null);
    prune_empty(&mut value);
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

fn prune_empty(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            map.values_mut().for_each(prune_empty);
            map.retain(|_, v| {
                !matches!(v, Value::Null | Value::Bool(false)) && !is_empty_container(v)
            });
        }
        Value::Array(items) => items.iter_mut().for_each(prune_empty),
        _ => {}
    }
}

fn is_empty_container(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Array(items) => items.is_empty(),
        serde_json::Value::Object(map) => map.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_output_leaves_out_empty_fields_and_round_trips() {
        let text = r#"{"services": [{"id": "1", "name": "Hundesteuer", "synonyms": ["Hund"]}],
                       "regions": [{"ars": "160510000000", "name": "Erfurt", "level": "kreis"}]}"#;
        let catalog = parse(text, "c.json").unwrap();
        let pretty = to_pretty_string(&catalog);
        assert!(
            !pretty.contains("null") && !pretty.contains("[]") && !pretty.contains("{}"),
            "{pretty}"
        );
        assert_eq!(parse(&pretty, "again.json").unwrap(), catalog);
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let err = parse(
            "{\n  \"services\": [\n    {\"id\": \"1\" \"name\": \"x\"}\n  ]\n}",
            "services.json",
        )
        .unwrap_err();
        match err {
            Error::Syntax {
                file, line, column, ..
            } => {
                assert_eq!(file, "services.json");
                assert_eq!(line, 3);
                assert!(column > 10, "column {column}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn unknown_fields_are_rejected_with_their_name() {
        let err = parse(
            r#"{"services": [{"id": "1", "name": "x", "nmae": "y"}]}"#,
            "c.json",
        )
        .unwrap_err();
        assert!(err.to_string().contains("nmae"), "{err}");
    }

    #[test]
    fn foreign_schema_version_is_rejected() {
        let err = parse(r#"{"schema_version": "9"}"#, "c.json").unwrap_err();
        assert!(err.to_string().contains("schema_version"), "{err}");
    }
}
