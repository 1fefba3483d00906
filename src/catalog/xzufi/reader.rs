//! The entry point: streams a message with quick-xml.
//!
//! Only the root and the entries directly below it are seen as events here;
//! each entry is read whole into a small tree and handed to the builder, so
//! a PVOG export of many megabytes never exists as one tree.

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::catalog::xzufi::builder::MessageBuilder;
use crate::catalog::xzufi::message::Message;
use crate::catalog::xzufi::tree::{local_name, position, read_element, Source};
use crate::error::Result;

/// Parses an XZuFi 2.2 message.
///
/// Malformed XML yields [`Error::Syntax`] with line and column; a record
/// lacking a required element (an id, a name, a region key) or holding an
/// unusable value yields [`Error::Record`] naming the record and the field.
///
/// [`Error::Syntax`]: crate::error::Error::Syntax
/// [`Error::Record`]: crate::error::Error::Record
pub fn parse(xml: &str, file: &str) -> Result<Message> {
    let source = Source::new(xml, file);
    let mut reader = Reader::from_str(xml);
    // Empty elements become Start+End so the tree builder has one code path.
    reader.config_mut().expand_empty_elements = true;

    let mut builder = MessageBuilder::default();
    let mut root: Option<String> = None;
    loop {
        let offset = position(&reader);
        let event = reader
            .read_event()
            .map_err(|e| source.xml_error(&reader, e))?;
        match event {
            Event::Start(start) => {
                if root.is_none() {
                    builder.check_namespace(&start, &source, offset)?;
                    root = Some(local_name(&start));
                    continue;
                }
                let element = read_element(&mut reader, &start, offset, &source)?;
                builder.entry(element, &source)?;
            }
            Event::End(_) => {
                // Only the root's end tag reaches this loop; quick-xml checks
                // that it matches.
                return builder.finish(&source);
            }
            Event::Eof => {
                let message = match root {
                    Some(name) => format!("the document ends before <{name}> is closed"),
                    None => "the document has no root element".to_string(),
                };
                return Err(source.syntax(xml.len(), message));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::xzufi::reader::parse;
    use crate::catalog::xzufi::test_support::{leistung_xml, message, text_module};
    use crate::error::Error;

    #[test]
    fn missing_required_fields_name_record_and_field() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "<xzufi:schreibe><xzufi:leistung></xzufi:leistung></xzufi:schreibe>",
                "leistung at line",
                "id",
            ),
            (
                "<xzufi:schreibe><xzufi:leistung><xzufi:id>L1</xzufi:id></xzufi:leistung></xzufi:schreibe>",
                "leistung \"L1\"",
                "modulText",
            ),
            (
                "<xzufi:schreibe><xzufi:organisationseinheit><xzufi:id>O1</xzufi:id></xzufi:organisationseinheit></xzufi:schreibe>",
                "organisationseinheit \"O1\"",
                "name",
            ),
            (
                "<xzufi:schreibe><xzufi:onlinedienst><xzufi:id>D1</xzufi:id><xzufi:bezeichnung>X</xzufi:bezeichnung></xzufi:onlinedienst></xzufi:schreibe>",
                "onlinedienst \"D1\"",
                "link/link",
            ),
            (
                "<xzufi:schreibe><xzufi:organisationseinheit><xzufi:id>O1</xzufi:id><xzufi:name><xzufi:name>A</xzufi:name></xzufi:name><xzufi:zustaendigkeit><xzufi:leistungID>L1</xzufi:leistungID><xzufi:gebietID>1607</xzufi:gebietID></xzufi:zustaendigkeit></xzufi:organisationseinheit></xzufi:schreibe>",
                "organisationseinheit \"O1\"",
                "zustaendigkeit/gebietID",
            ),
            (
                "<xzufi:schreibe><xzufi:organisationseinheit><xzufi:id>O1</xzufi:id><xzufi:name><xzufi:name>A</xzufi:name></xzufi:name><xzufi:zustaendigkeit><xzufi:gebietID>160700000000</xzufi:gebietID></xzufi:zustaendigkeit></xzufi:organisationseinheit></xzufi:schreibe>",
                "organisationseinheit \"O1\"",
                "zustaendigkeit/leistungID",
            ),
            (
                "<xzufi:schreibe><xzufi:zustaendigkeitTransferObjekt><xzufi:uebergeordnetesObjektID>X-17</xzufi:uebergeordnetesObjektID><xzufi:zustaendigkeit><xzufi:id>Z1</xzufi:id><xzufi:leistungID>L1</xzufi:leistungID><xzufi:gebietID>160000000000</xzufi:gebietID></xzufi:zustaendigkeit></xzufi:zustaendigkeitTransferObjekt></xzufi:schreibe>",
                "zustaendigkeitTransferObjekt \"Z1\"",
                "uebergeordnetesObjektID",
            ),
            (
                "<xzufi:loesche klasse=\"Leistung\"></xzufi:loesche>",
                "loesche at line",
                "id",
            ),
            (
                &leistung_xml(&format!(
                    "{}<xzufi:gueltigkeit><xzufi:beginn>01.01.2024</xzufi:beginn></xzufi:gueltigkeit>",
                    text_module("02", "<xzufi:inhalt>N</xzufi:inhalt>")
                )),
                "leistung \"L100016.LB.1\"",
                "gueltigkeit/beginn",
            ),
        ];
        for (body, record_start, expected_field) in cases {
            match message(body) {
                Err(Error::Record {
                    file,
                    record,
                    field,
                    ..
                }) => {
                    assert_eq!(file, "t.xml");
                    assert!(record.starts_with(record_start), "{record} for {body}");
                    assert_eq!(field, *expected_field, "for {body}");
                }
                other => panic!("expected a record error for {body}, got {other:?}"),
            }
        }
    }

    #[test]
    fn malformed_xml_reports_line_and_column() {
        let cases: &[(&str, usize, usize)] = &[
            // Mismatched end tag on line 2.
            ("<a xmlns=\"http://xoev.de/schemata/xzufi/2_2_0\">\n  <schreibe></loesche>\n</a>", 2, 13),
            // Unknown entity in text.
            ("<a xmlns=\"http://xoev.de/schemata/xzufi/2_2_0\">\n<schreibe>x &nbsp; y</schreibe></a>", 2, 11),
            // Truncated document.
            ("<a xmlns=\"http://xoev.de/schemata/xzufi/2_2_0\">\n<schreibe>\n<leistung>", 3, 11),
        ];
        for (xml, line, column) in cases {
            match parse(xml, "bad.xml") {
                Err(Error::Syntax {
                    file,
                    line: l,
                    column: c,
                    ..
                }) => {
                    assert_eq!(file, "bad.xml");
                    assert_eq!((l, c), (*line, *column), "for {xml:?}");
                }
                other => panic!("expected a syntax error for {xml:?}, got {other:?}"),
            }
        }
    }

    #[test]
    fn foreign_root_is_rejected_and_other_versions_warn() {
        assert!(matches!(
            parse("<catalog/>", "x.xml"),
            Err(Error::Syntax {
                line: 1,
                column: 1,
                ..
            })
        ));
        let m = parse(
            "<n xmlns=\"http://xoev.de/schemata/xzufi/2_1_0\"></n>",
            "old.xml",
        )
        .expect("reads other versions");
        assert!(m.warnings[0].contains("2_1_0"), "{:?}", m.warnings);
    }

    #[test]
    fn unprefixed_default_namespace_works() {
        let xml = r#"<nachricht xmlns="http://xoev.de/schemata/xzufi/2_2_0"><schreibe><leistung><id>X</id>
            <modulText><leikaTextmodul><code>02</code></leikaTextmodul><inhalt><![CDATA[<p>Hund <b>anmelden</b></p>]]></inhalt></modulText>
            </leistung></schreibe></nachricht>"#;
        let m = parse(xml, "d.xml").expect("parses");
        assert_eq!(m.catalog.services[0].name, "Hund anmelden");
    }
}
