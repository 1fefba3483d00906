//! The JSON catalog format (documented in `index/README.md`).

use crate::error::{Error, Result};
use crate::model::records::{Catalog, CATALOG_SCHEMA_VERSION};

/// Parses one JSON catalog file. Errors name the file, line and column; a
/// value of the wrong type or an unknown or missing field also names the
/// record and the field, in an editor's words:
/// `services.json:101:24: service "s17", field popularity: expected a whole
/// number from 0 to 100, found the text "90"`.
pub fn parse(text: &str, file: &str) -> Result<Catalog> {
    let syntax = |e: serde_json::Error| Error::Syntax {
        file: file.to_string(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let catalog: Catalog = match serde_path_to_error::deserialize(&mut deserializer) {
        Ok(catalog) => catalog,
        Err(error) => {
            let path = error.path().clone();
            let error = error.into_inner();
            return Err(match describe(&path, &error, text) {
                Some(message) => Error::Syntax {
                    file: file.to_string(),
                    line: error.line(),
                    column: error.column(),
                    message,
                },
                None => syntax(error),
            });
        }
    };
    deserializer.end().map_err(syntax)?;
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

/// The lists of a catalog file and the noun of one of their records.
const LISTS: [(&str, &str); 7] = [
    ("regions", "region"),
    ("topics", "topic"),
    ("services", "service"),
    ("authorities", "authority"),
    ("online_services", "online service"),
    ("forms", "form"),
    ("responsibilities", "responsibility"),
];

/// `record, field name: what is wrong` for an error about a value (wrong
/// type, out of range, unknown or missing field, unknown choice); `None` for
/// malformed JSON, which serde's message describes well.
fn describe(
    path: &serde_path_to_error::Path,
    error: &serde_json::Error,
    text: &str,
) -> Option<String> {
    use serde_path_to_error::Segment;
    let segments: Vec<&Segment> = path.iter().collect();
    let key = |segment: &Segment| match segment {
        Segment::Map { key } => Some(key.clone()),
        _ => None,
    };
    // The record: a list entry, the meta object, or the file's top level.
    let (record, rest) = match segments.as_slice() {
        [list, Segment::Seq { index }, rest @ ..] => {
            let list = key(list)?;
            let noun = LISTS.iter().find(|(name, _)| *name == list)?.1;
            (record_label(text, &list, noun, *index), rest)
        }
        [meta, rest @ ..] if key(meta).as_deref() == Some("meta") => ("meta".to_string(), rest),
        _ => ("catalog".to_string(), segments.as_slice()),
    };
    let mut field = rest
        .iter()
        .fold(String::new(), |field, segment| match segment {
            Segment::Seq { index } => format!("{field}[{index}]"),
            Segment::Map { key } => join(&field, key),
            _ => field,
        });
    let last = rest.iter().rev().find_map(|s| key(s)).unwrap_or_default();

    let message = error.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(before, _)| before);
    let what = if let Some(missing) = between(message, "missing field `", "`") {
        field = join(&field, missing);
        "required, but missing; add it".to_string()
    } else if message.starts_with("unknown field `") {
        // The path ends at the unknown field itself.
        let fields = message
            .split_once("expected one of ")
            .map_or("none", |(_, list)| list);
        format!(
            "no such field (the fields here are {}); check the spelling",
            fields.replace('`', "")
        )
    } else if let Some(variant) = between(message, "unknown variant `", "`") {
        let choices = message.split_once("expected ").map_or("", |(_, list)| list);
        format!("expected {}, found {variant:?}", choices.replace('`', ""))
    } else if let Some(rest) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
    {
        let (found, expected) = rest.split_once(", expected ")?;
        format!(
            "expected {}, found {}",
            expected_words(expected, &last),
            found_words(found)
        )
    } else if error.is_syntax() && message == "expected value" && enum_choices(&last).is_some() {
        // A number or `true` where a word in quotes belongs: serde_json stops at the token.
        let found = token_at(text, error.line(), error.column());
        format!("expected {}, found {found}", enum_choices(&last)?)
    } else if error.is_data() {
        message.to_string()
    } else {
        return None;
    };
    Some(if field.is_empty() {
        format!("{record}: {what}")
    } else {
        format!("{record}, field {field}: {what}")
    })
}

/// `service "s17"` (regions by key), or `service #17` when the record has
/// no usable id (or the file cannot be read as plain JSON beyond the error).
fn record_label(text: &str, list: &str, noun: &str, index: usize) -> String {
    let id_field = if list == "regions" { "ars" } else { "id" };
    let id = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|value| {
            value
                .get(list)?
                .get(index)?
                .get(id_field)?
                .as_str()
                .map(str::to_string)
        });
    match id {
        Some(id) if !id.trim().is_empty() => format!("{noun} {id:?}"),
        _ => format!("{noun} #{}", index + 1),
    }
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = text.strip_prefix(start)?;
    rest.split_once(end).map(|(inside, _)| inside)
}

fn join(field: &str, name: &str) -> String {
    if field.is_empty() {
        name.to_string()
    } else {
        format!("{field}.{name}")
    }
}

/// The choices of the catalog's fields that take one of a few words.
fn enum_choices(field: &str) -> Option<&'static str> {
    match field {
        "level" => Some("one of bund, land, bezirk, kreis, verband, gemeinde"),
        "role" => Some("one of zustaendige_stelle, ansprechpunkt"),
        "type" => Some("one of authority, online_service, form"),
        _ => None,
    }
}

/// What serde expected, in an editor's words.
fn expected_words(expected: &str, field: &str) -> String {
    if let Some(choices) = enum_choices(field) {
        return choices.to_string();
    }
    match expected {
        "u8" if field == "popularity" => "a whole number from 0 to 100".to_string(),
        "u8" => "a whole number from 0 to 255".to_string(),
        "a string" => "text in quotes".to_string(),
        "a sequence" => "a list [ … ]".to_string(),
        "a boolean" => "true or false".to_string(),
        _ if expected.starts_with("struct ") => "an object { … }".to_string(),
        other => other.to_string(),
    }
}

/// What serde found, in an editor's words.
fn found_words(found: &str) -> String {
    let quoted = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_prefix('`'))
            .and_then(|rest| rest.strip_suffix('`'))
            .map(str::to_string)
    };
    if let Some(text) = found.strip_prefix("string ") {
        return format!("the text {text}");
    }
    if let Some(number) = quoted("integer ").or_else(|| quoted("floating point ")) {
        return format!("the number {number}");
    }
    if let Some(value) = quoted("boolean ") {
        return value;
    }
    match found {
        "sequence" => "a list".to_string(),
        "map" => "an object".to_string(),
        "null" => "null".to_string(),
        other => other.to_string(),
    }
}

/// The JSON token at 1-based `line` and `column`, for a message.
fn token_at(text: &str, line: usize, column: usize) -> String {
    let rest: String = text
        .lines()
        .nth(line.saturating_sub(1))
        .unwrap_or_default()
        .chars()
        .skip(column.saturating_sub(1))
        .take_while(|c| !matches!(c, ',' | '}' | ']') && !c.is_whitespace())
        .collect();
    if rest.is_empty() {
        "something else".to_string()
    } else {
        rest
    }
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
        assert!(
            err.to_string().contains(
                "service \"1\", field nmae: no such field (the fields here are id, name,"
            ),
            "{err}"
        );
    }

    #[test]
    fn type_errors_name_record_and_field_in_editor_words() {
        // The brief's example: line 101, column 24 of services.json.
        let mut text = String::from("{\"services\": [\n");
        for i in 1..=16 {
            text.push_str(&format!(
                "  {{\"id\": \"s{i}\", \"name\": \"Leistung {i}\"}},\n"
            ));
        }
        text.push_str(&"\n".repeat(100 - 18));
        text.push_str(
            "  {\"id\": \"s17\", \"name\": \"Hundesteuer\",\n      \"popularity\": \"90\"}\n]}\n",
        );
        let err = parse(&text, "services.json").unwrap_err();
        assert_eq!(
            err.to_string(),
            "services.json:101:24: service \"s17\", field popularity: expected a whole number from 0 to 100, found the text \"90\""
        );

        let cases: &[(&str, &str)] = &[
            (
                r#"{"services": [{"id": "s1", "name": "x", "popularity": 300}]}"#,
                r#"service "s1", field popularity: expected a whole number from 0 to 100, found the number 300"#,
            ),
            (
                r#"{"regions": [{"ars": "160510000000", "name": "Erfurt", "level": "landkreis"}]}"#,
                r#"region "160510000000", field level: expected one of bund, land, bezirk, kreis, verband, gemeinde, found "landkreis""#,
            ),
            (
                r#"{"regions": [{"ars": "160510000000", "name": "Erfurt", "level": 5}]}"#,
                r#"region "160510000000", field level: expected one of bund, land, bezirk, kreis, verband, gemeinde, found 5"#,
            ),
            (
                r#"{"services": [{"id": "s1", "name": "x", "synonyms": "Hund"}]}"#,
                r#"service "s1", field synonyms: expected a list [ … ], found the text "Hund""#,
            ),
            (
                r#"{"services": [{"id": 7, "name": "x"}]}"#,
                "service #1, field id: expected text in quotes, found the number 7",
            ),
            (
                r#"{"services": [{"id": "s1"}]}"#,
                r#"service "s1", field name: required, but missing; add it"#,
            ),
            (
                r#"{"authorities": [{"id": "a1", "name": "x", "opening_hours": [{"days": "Mo", "from": 9}]}]}"#,
                r#"authority "a1", field opening_hours[0].from: expected text in quotes, found the number 9"#,
            ),
            (
                r#"{"responsibilities": [{"service": "s1", "region": "160510000000", "target": {"type": "amt", "id": "a"}}]}"#,
                r#"responsibility #1, field target.type: expected one of authority, online_service, form, found "amt""#,
            ),
            (
                r#"{"meta": {"name": "x", "demo": "ja"}}"#,
                r#"meta, field demo: expected true or false, found the text "ja""#,
            ),
            (
                r#"{"schema_version": 1}"#,
                "catalog, field schema_version: expected text in quotes, found the number 1",
            ),
        ];
        for (text, expected) in cases {
            match parse(text, "c.json") {
                Err(Error::Syntax { message, .. }) => assert_eq!(message, *expected, "for {text}"),
                other => panic!("expected a syntax error for {text}, got {other:?}"),
            }
        }
        // Whatever follows the catalog object is still an error.
        assert!(matches!(
            parse("{} x", "c.json"),
            Err(Error::Syntax {
                line: 1,
                column: 4,
                ..
            })
        ));
    }

    #[test]
    fn foreign_schema_version_is_rejected() {
        let err = parse(r#"{"schema_version": "9"}"#, "c.json").unwrap_err();
        assert!(err.to_string().contains("schema_version"), "{err}");
    }
}
