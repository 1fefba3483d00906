//! The JSON catalog format (documented in `index/README.md`).

use crate::{Catalog, Error, Result, CATALOG_SCHEMA_VERSION};

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

#[cfg(test)]
mod tests {
    use super::*;

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
