//! Scaffolding the unit tests share: a message around an entry, a leistung
//! around its elements, and opening hours as tuples that compare in one
//! `assert_eq!`.

use crate::catalog::xzufi::message::Message;
use crate::catalog::xzufi::reader::parse;
use crate::error::Result;
use crate::model::records::OpeningHours;

const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xzufi:transfer.operation.040102 xmlns:xzufi="http://xoev.de/schemata/xzufi/2_2_0" xzufiVersion="2.2.0">
<xzufi:nachrichtenkopf><xzufi:nachrichtenUUID>6f1c</xzufi:nachrichtenUUID></xzufi:nachrichtenkopf>
"#;
const TAIL: &str = "\n</xzufi:transfer.operation.040102>\n";

/// `(days, from, to, note)` of an opening-hours entry.
pub(super) type Hours<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);

pub(super) fn hours(entries: &[OpeningHours]) -> Vec<Hours<'_>> {
    entries
        .iter()
        .map(|h| {
            (
                h.days.as_str(),
                h.from.as_deref(),
                h.to.as_deref(),
                h.note.as_deref(),
            )
        })
        .collect()
}

pub(super) fn message(body: &str) -> Result<Message> {
    parse(&format!("{HEAD}{body}{TAIL}"), "t.xml")
}

pub(super) fn leistung_xml(inner: &str) -> String {
    format!(
        "<xzufi:schreibe><xzufi:leistung><xzufi:id>L100016.LB.1</xzufi:id>{inner}</xzufi:leistung></xzufi:schreibe>"
    )
}

pub(super) fn text_module(code: &str, inhalt: &str) -> String {
    format!("<xzufi:modulText><xzufi:leikaTextmodul><code>{code}</code></xzufi:leikaTextmodul>{inhalt}</xzufi:modulText>")
}
