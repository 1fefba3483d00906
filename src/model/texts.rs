//! Every text of a catalog, with the record and field it is in: one list of
//! fields for the builder, which cleans them ([`clean_catalog`]), and the
//! validator, which reports what cleaning removes ([`each_text`]).

use std::borrow::Cow;
use std::fmt;

use crate::model::records::Catalog;
use crate::text::clean::{clean, is_removed};

/// The record list a text is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum List {
    /// `schema_version` and `meta`; the index is 0.
    Meta,
    Regions,
    Topics,
    Services,
    Authorities,
    OnlineServices,
    Forms,
    Responsibilities,
}

/// A text's field within its record, as the validator names it:
/// `name`, `synonyms[2]`, `opening_hours[0].note`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextField {
    Field(&'static str),
    Item(&'static str, usize),
    ItemField(&'static str, usize, &'static str),
}

impl TextField {
    /// The field's name without positions: `synonyms`, `opening_hours.note`.
    #[cfg(feature = "import")]
    pub(crate) fn name(self) -> &'static str {
        match self {
            TextField::Field(name) | TextField::Item(name, _) => name,
            TextField::ItemField(_, _, name) => name,
        }
    }
}

impl fmt::Display for TextField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextField::Field(name) => f.write_str(name),
            TextField::Item(name, i) => write!(f, "{name}[{i}]"),
            TextField::ItemField(name, i, field) => write!(f, "{name}[{i}].{field}"),
        }
    }
}

/// Calls `$visit(list, record, field, text)` for every string of
/// `$catalog`; `$($mut)?` makes the same walk read-only or mutable, so the
/// one list of fields serves both.
macro_rules! walk_texts {
    ($catalog:expr, $visit:expr, $($mut:tt)?) => {{
        use TextField::{Field, Item, ItemField};
        let catalog = $catalog;
        let visit = &mut $visit;
        if let Some(v) = & $($mut)? catalog.schema_version {
            visit(List::Meta, 0, Field("schema_version"), v);
        }
        if let Some(meta) = & $($mut)? catalog.meta {
            visit(List::Meta, 0, Field("name"), & $($mut)? meta.name);
            if let Some(v) = & $($mut)? meta.description { visit(List::Meta, 0, Field("description"), v); }
            if let Some(v) = & $($mut)? meta.ars_list { visit(List::Meta, 0, Field("ars_list"), v); }
            for (j, v) in (& $($mut)? meta.attribution).into_iter().enumerate() {
                visit(List::Meta, 0, Item("attribution", j), v);
            }
        }
        for (i, r) in (& $($mut)? catalog.regions).into_iter().enumerate() {
            visit(List::Regions, i, Field("ars"), & $($mut)? r.ars);
            visit(List::Regions, i, Field("name"), & $($mut)? r.name);
            if let Some(v) = & $($mut)? r.parent { visit(List::Regions, i, Field("parent"), v); }
            for (j, v) in (& $($mut)? r.plz).into_iter().enumerate() {
                visit(List::Regions, i, Item("plz", j), v);
            }
        }
        for (i, t) in (& $($mut)? catalog.topics).into_iter().enumerate() {
            visit(List::Topics, i, Field("id"), & $($mut)? t.id);
            visit(List::Topics, i, Field("name"), & $($mut)? t.name);
            if let Some(v) = & $($mut)? t.parent { visit(List::Topics, i, Field("parent"), v); }
        }
        for (i, s) in (& $($mut)? catalog.services).into_iter().enumerate() {
            let l = List::Services;
            visit(l, i, Field("id"), & $($mut)? s.id);
            visit(l, i, Field("name"), & $($mut)? s.name);
            for (j, v) in (& $($mut)? s.leika).into_iter().enumerate() { visit(l, i, Item("leika", j), v); }
            for (j, v) in (& $($mut)? s.typisierung).into_iter().enumerate() { visit(l, i, Item("typisierung", j), v); }
            if let Some(v) = & $($mut)? s.teaser { visit(l, i, Field("teaser"), v); }
            let text = & $($mut)? s.text;
            for (field, value) in [
                ("text.short", & $($mut)? text.short),
                ("text.full", & $($mut)? text.full),
                ("text.legal_basis", & $($mut)? text.legal_basis),
                ("text.required_documents", & $($mut)? text.required_documents),
                ("text.prerequisites", & $($mut)? text.prerequisites),
                ("text.procedure", & $($mut)? text.procedure),
                ("text.forms", & $($mut)? text.forms),
                ("text.further_information", & $($mut)? text.further_information),
                ("text.notes", & $($mut)? text.notes),
                ("text.appeal", & $($mut)? text.appeal),
                ("costs", & $($mut)? s.costs),
                ("deadline", & $($mut)? s.deadline),
                ("processing_time", & $($mut)? s.processing_time),
                ("updated", & $($mut)? s.updated),
            ] {
                if let Some(v) = value { visit(l, i, Field(field), v); }
            }
            for (j, v) in (& $($mut)? s.synonyms).into_iter().enumerate() { visit(l, i, Item("synonyms", j), v); }
            for (j, v) in (& $($mut)? s.topics).into_iter().enumerate() { visit(l, i, Item("topics", j), v); }
            if let Some(valid) = & $($mut)? s.valid {
                if let Some(v) = & $($mut)? valid.from { visit(l, i, Field("valid.from"), v); }
                if let Some(v) = & $($mut)? valid.to { visit(l, i, Field("valid.to"), v); }
            }
        }
        for (i, a) in (& $($mut)? catalog.authorities).into_iter().enumerate() {
            let l = List::Authorities;
            visit(l, i, Field("id"), & $($mut)? a.id);
            visit(l, i, Field("name"), & $($mut)? a.name);
            if let Some(v) = & $($mut)? a.parent { visit(l, i, Field("parent"), v); }
            if let Some(address) = & $($mut)? a.address {
                for (field, value) in [
                    ("address.street", & $($mut)? address.street),
                    ("address.house_no", & $($mut)? address.house_no),
                    ("address.plz", & $($mut)? address.plz),
                    ("address.city", & $($mut)? address.city),
                    ("address.ars", & $($mut)? address.ars),
                ] {
                    if let Some(v) = value { visit(l, i, Field(field), v); }
                }
            }
            let contact = & $($mut)? a.contact;
            for (field, values) in [
                ("contact.phone", & $($mut)? contact.phone),
                ("contact.fax", & $($mut)? contact.fax),
                ("contact.email", & $($mut)? contact.email),
                ("contact.web", & $($mut)? contact.web),
            ] {
                for (j, v) in values.into_iter().enumerate() { visit(l, i, Item(field, j), v); }
            }
            for (j, hours) in (& $($mut)? a.opening_hours).into_iter().enumerate() {
                visit(l, i, ItemField("opening_hours", j, "days"), & $($mut)? hours.days);
                if let Some(v) = & $($mut)? hours.from { visit(l, i, ItemField("opening_hours", j, "from"), v); }
                if let Some(v) = & $($mut)? hours.to { visit(l, i, ItemField("opening_hours", j, "to"), v); }
                if let Some(v) = & $($mut)? hours.note { visit(l, i, ItemField("opening_hours", j, "note"), v); }
            }
        }
        for (i, o) in (& $($mut)? catalog.online_services).into_iter().enumerate() {
            let l = List::OnlineServices;
            visit(l, i, Field("id"), & $($mut)? o.id);
            visit(l, i, Field("name"), & $($mut)? o.name);
            visit(l, i, Field("url"), & $($mut)? o.url);
            if let Some(v) = & $($mut)? o.trust_level { visit(l, i, Field("trust_level"), v); }
            for (j, v) in (& $($mut)? o.lang).into_iter().enumerate() { visit(l, i, Item("lang", j), v); }
        }
        for (i, f) in (& $($mut)? catalog.forms).into_iter().enumerate() {
            visit(List::Forms, i, Field("id"), & $($mut)? f.id);
            visit(List::Forms, i, Field("name"), & $($mut)? f.name);
            visit(List::Forms, i, Field("url"), & $($mut)? f.url);
            if let Some(v) = & $($mut)? f.format { visit(List::Forms, i, Field("format"), v); }
        }
        for (i, r) in (& $($mut)? catalog.responsibilities).into_iter().enumerate() {
            let l = List::Responsibilities;
            if let Some(v) = & $($mut)? r.id { visit(l, i, Field("id"), v); }
            visit(l, i, Field("service"), & $($mut)? r.service);
            visit(l, i, Field("region"), & $($mut)? r.region);
            visit(l, i, Field("target.id"), & $($mut)? r.target.id);
        }
    }};
}

/// Calls `visit` with every string of `catalog`, where it is, in catalog order.
pub(crate) fn each_text<'c>(
    catalog: &'c Catalog,
    mut visit: impl FnMut(List, usize, TextField, &'c str),
) {
    walk_texts!(catalog, |list, i, field, text: &'c String| visit(
        list,
        i,
        field,
        text.as_str()
    ),);
}

/// A text holding characters [`crate::text::clean`] removes, and where it is.
#[cfg(feature = "import")]
#[derive(Debug, Clone)]
pub(crate) struct DirtyText<'c> {
    pub(crate) list: List,
    pub(crate) record: usize,
    pub(crate) field: TextField,
    pub(crate) text: &'c str,
}

/// Every text of `catalog` with a character the build removes, in catalog
/// order (usually none).
#[cfg(feature = "import")]
pub(crate) fn dirty_texts(catalog: &Catalog) -> Vec<DirtyText<'_>> {
    let mut dirty = Vec::new();
    each_text(catalog, |list, record, field, text| {
        if text.chars().any(is_removed) {
            dirty.push(DirtyText {
                list,
                record,
                field,
                text,
            });
        }
    });
    dirty
}

/// `catalog` with the characters [`crate::text::clean`] removes taken out
/// of every string (ids and references alike, so references still match);
/// borrowed when there is nothing to remove, which is the usual case.
pub(crate) fn clean_catalog(catalog: &Catalog) -> Cow<'_, Catalog> {
    let mut dirty = false;
    each_text(catalog, |_, _, _, text| {
        dirty |= text.chars().any(is_removed)
    });
    if !dirty {
        return Cow::Borrowed(catalog);
    }
    let mut cleaned = catalog.clone();
    walk_texts!(
        &mut cleaned,
        |_, _, _, text: &mut String| {
            if let Cow::Owned(clean) = clean(text) {
                *text = clean;
            }
        },
        mut
    );
    Cow::Owned(cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A catalog with every string field set, each to a distinct value that
    /// holds characters cleaning removes.
    fn every_field_set() -> (Catalog, usize) {
        let mut counter = 0;
        let mut next = |value: &mut serde_json::Value| {
            counter += 1;
            *value = serde_json::Value::from(format!("v{counter}\u{1b}\u{202e}"));
        };
        let mut json = serde_json::json!({
            "schema_version": "", "meta": {"name": "", "description": "", "demo": true, "ars_list": "", "attribution": ["", ""]},
            "regions": [{"ars": "", "name": "", "level": "kreis", "parent": "", "plz": ["", ""]}],
            "topics": [{"id": "", "name": "", "parent": ""}],
            "services": [{"id": "", "name": "", "leika": [""], "typisierung": [""], "teaser": "",
                "text": {"short": "", "full": "", "legal_basis": "", "required_documents": "", "prerequisites": "",
                         "procedure": "", "forms": "", "further_information": "", "notes": "", "appeal": ""},
                "costs": "", "deadline": "", "processing_time": "", "synonyms": ["", ""], "topics": [""],
                "valid": {"from": "", "to": ""}, "updated": "", "popularity": 5}],
            "authorities": [{"id": "", "name": "", "parent": "",
                "address": {"street": "", "house_no": "", "plz": "", "city": "", "ars": ""},
                "contact": {"phone": [""], "fax": [""], "email": [""], "web": [""]},
                "opening_hours": [{"days": "", "from": "", "to": "", "note": ""}]}],
            "online_services": [{"id": "", "name": "", "url": "", "trust_level": "", "lang": [""]}],
            "forms": [{"id": "", "name": "", "url": "", "format": ""}],
            "responsibilities": [{"id": "", "service": "", "region": "", "target": {"type": "form", "id": ""}, "role": "ansprechpunkt"}]
        });
        fn strings(value: &mut serde_json::Value, visit: &mut dyn FnMut(&mut serde_json::Value)) {
            match value {
                serde_json::Value::String(_) => visit(value),
                serde_json::Value::Array(items) => items.iter_mut().for_each(|v| strings(v, visit)),
                serde_json::Value::Object(map) => {
                    for (key, v) in map.iter_mut() {
                        // Enum values are not free text.
                        if !matches!(key.as_str(), "level" | "type" | "role") {
                            strings(v, visit);
                        }
                    }
                }
                _ => {}
            }
        }
        strings(&mut json, &mut next);
        let catalog = serde_json::from_value(json).expect("the test catalog deserialises");
        (catalog, counter)
    }

    #[test]
    fn the_walk_reaches_every_string_once() {
        let (catalog, strings) = every_field_set();
        let mut seen = Vec::new();
        each_text(&catalog, |_, _, field, text| {
            seen.push((field.to_string(), text.to_string()))
        });
        assert_eq!(seen.len(), strings, "{seen:#?}");
        let mut values: Vec<&str> = seen.iter().map(|(_, text)| text.as_str()).collect();
        values.sort_unstable();
        values.dedup();
        assert_eq!(values.len(), strings, "a string was visited twice");
        for field in [
            "schema_version",
            "attribution[1]",
            "text.appeal",
            "contact.web[0]",
            "opening_hours[0].note",
            "target.id",
        ] {
            assert!(seen.iter().any(|(f, _)| f == field), "{field} not visited");
        }
    }

    #[test]
    fn cleaning_leaves_no_removed_character_in_any_field() {
        let (catalog, _) = every_field_set();
        let cleaned = clean_catalog(&catalog);
        let json = serde_json::to_string(&*cleaned).expect("serialises");
        assert!(
            !json.contains('\u{202e}') && !json.contains("\\u001b"),
            "{json}"
        );
        assert!(json.contains("\"v1\""), "{json}");
        // Enums, numbers and flags are kept.
        assert_eq!(cleaned.services[0].popularity, Some(5));
    }

    #[test]
    fn a_clean_catalog_is_not_copied() {
        let catalog = Catalog {
            services: vec![crate::model::records::Service {
                id: "s1".into(),
                name: "Personalausweis".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        assert!(matches!(clean_catalog(&catalog), Cow::Borrowed(_)));
    }
}
