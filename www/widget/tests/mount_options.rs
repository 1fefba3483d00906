//! `MountOptions` in the hand-written `www/zufi.d.ts` names exactly the
//! options `mount` reads (`options::RawOptions`, plus `indexBytes`, which
//! `parse_options` reads apart). The options reach the wasm as `any`, and
//! unknown keys are ignored, so neither tsc nor the browser would notice an
//! option renamed on one side only.

#![cfg(all(not(target_arch = "wasm32"), feature = "ui"))]

use serde::de::{self, Deserialize, Deserializer, Visitor};
use zufi_widget::options::RawOptions;

/// A deserializer that only records the field names a struct asks for.
#[derive(Debug, Default)]
struct FieldNames(Option<&'static [&'static str]>);

impl<'de> Deserializer<'de> for &mut FieldNames {
    type Error = de::value::Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0 = Some(fields);
        Err(de::Error::custom("field names recorded"))
    }

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// The property names of `interface NAME { … }` in a declaration file.
fn interface_properties(declarations: &str, name: &str) -> Vec<String> {
    let start = format!("export interface {name} {{");
    let body = declarations
        .split_once(&start)
        .and_then(|(_, rest)| rest.split_once("\n}"))
        .map(|(body, _)| body)
        .unwrap_or_else(|| panic!("zufi.d.ts has no `{start}`"));
    body.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("/*") && !line.starts_with('*'))
        .map(|line| {
            line.split(['?', ':'])
                .next()
                .unwrap_or_default()
                .trim()
                .to_string()
        })
        .collect()
}

#[test]
fn mount_options_in_zufi_d_ts_are_the_options_mount_reads() {
    let mut names = FieldNames::default();
    assert!(RawOptions::deserialize(&mut names).is_err());
    let mut read: Vec<String> = names
        .0
        .expect("RawOptions is a struct")
        .iter()
        .map(|name| name.to_string())
        .collect();
    read.push("indexBytes".into());
    read.sort();
    let mut declared = interface_properties(include_str!("../../zufi.d.ts"), "MountOptions");
    declared.sort();
    assert_eq!(
        declared, read,
        "www/zufi.d.ts MountOptions (left) and the options mount reads (right) differ"
    );
}
