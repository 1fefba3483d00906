//! XZuFi 2.2 importer (subset).
//!
//! Reads one XZuFi message (namespace [`NAMESPACE`]): a `nachrichtenkopf`
//! followed by `schreibe` entries, each wrapping a `leistung`,
//! `organisationseinheit`, `onlinedienst` or `zustaendigkeitTransferObjekt`,
//! and `loesche` entries naming a class (`@klasse`) and an `id`.
//!
//! Elements are matched on their local names, so any namespace prefix works;
//! the root must declare an XZuFi namespace (another version than 2.2 is read
//! with a warning). The message is streamed with quick-xml; only one
//! `schreibe`/`loesche` entry at a time is held as a small element tree.
//!
//! Mapping decisions worth knowing:
//!
//! - **Texts** (`modulText/inhalt`, costs, deadlines, …) are often HTML. They
//!   are converted to plain text by a deliberately small converter (no
//!   sanitiser dependency): tags are dropped, block elements (`p`, `div`,
//!   headings, lists, tables) become paragraphs separated by one blank line,
//!   `br` becomes a line break, list items become `- ` lines, a link keeps
//!   its address in brackets after its text, `script`/`style` content is
//!   dropped and HTML entities (named ones common in German texts and all
//!   numeric ones) are decoded. Text without tags keeps its own line breaks.
//!   Of several `inhalt` the one with `@languageCode` `de` (or `de-…`) wins,
//!   then one without a language code, then the first.
//! - **Opening hours** (`oeffnungszeiten`) are read as text, one entry per
//!   line. A line such as `Mo-Fr 09:00-12:00` or `Di 9 - 12 und 13.30 - 18 Uhr`
//!   becomes structured entries (`days`, `from`, `to`); any other line is
//!   kept verbatim in `note` with an empty `days`, which marks it as free text.
//! - **Zuständigkeiten** become one [`Responsibility`] per `gebietID` (a
//!   12-digit ARS). Nested `zustaendigkeit` elements of an
//!   `organisationseinheit` point at that OE. For a
//!   `zustaendigkeitTransferObjekt` the kind of target is the kind of the OE
//!   or Onlinedienst with the `uebergeordnetesObjektID` in the same message;
//!   if the message does not contain it, the PVOG id convention
//!   `<Redaktion>.OE.<n>` / `<Redaktion>.OD.<n>` decides; otherwise the
//!   import fails naming the record.
//! - **Roles**: a `rolle/name` containing "Ansprechpunkt" or "zuständige
//!   Stelle" decides; else code `01` is the zuständige Stelle and `02` the
//!   Ansprechpunkt (an assumption about the code list); anything else is read
//!   as zuständige Stelle with a warning.
//! - **Contacts** (`kommunikation/kanal/code`) follow the XÖV code list
//!   Erreichbarkeit: `01` e-mail, `02`/`03` phone, `04` fax, `09` web; other
//!   codes are guessed from the address (`@` → e-mail, `http`/`www.` → web)
//!   or skipped with a warning.
//! - **Kategorien** become topic ids of the service and [`Topic`] records
//!   (deduplicated within the message).
//! - `spezialisierung` entries and unknown `loesche` classes are skipped with
//!   a warning.

use std::collections::{HashMap, HashSet};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::error::{Error, Result};
use crate::model::date::is_date;
use crate::model::records::{
    Address, Authority, Catalog, Contact, OnlineService, OpeningHours, Responsibility, Role,
    Service, ServiceText, Target, TargetKind, Topic, Validity,
};

/// The XML namespace of XZuFi 2.2.
pub const NAMESPACE: &str = "http://xoev.de/schemata/xzufi/2_2_0";

/// The XZuFi classes a `loesche` entry can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityClass {
    /// `Leistung` → a service.
    Leistung,
    /// `Organisationseinheit` → an authority.
    Organisationseinheit,
    /// `Onlinedienst` → an online service.
    Onlinedienst,
    /// `Zustaendigkeit` → a responsibility (by its id).
    Zustaendigkeit,
}

impl EntityClass {
    /// Reads a `loesche/@klasse` value (case-insensitive); `None` for classes
    /// zufi does not import, such as `LeistungSpezialisierung`.
    pub fn from_klasse(klasse: &str) -> Option<Self> {
        match klasse.trim().to_lowercase().as_str() {
            "leistung" => Some(EntityClass::Leistung),
            "organisationseinheit" => Some(EntityClass::Organisationseinheit),
            "onlinedienst" => Some(EntityClass::Onlinedienst),
            "zustaendigkeit" | "zuständigkeit" => Some(EntityClass::Zustaendigkeit),
            _ => None,
        }
    }
}

/// One `loesche` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deletion {
    /// Class of the record to delete.
    pub class: EntityClass,
    /// Its id.
    pub id: String,
}

/// An imported XZuFi message: the records of its `schreibe` entries and its deletions.
#[derive(Debug, Clone, Default)]
pub struct Message {
    /// Records written by `schreibe`.
    pub catalog: Catalog,
    /// `loesche` entries, to apply to records read before this message.
    pub deletions: Vec<Deletion>,
    /// Non-fatal remarks: skipped entries, guessed codes, another XZuFi version.
    pub warnings: Vec<String>,
}

impl Message {
    /// Class and id of every record this message writes, in catalog order.
    ///
    /// `schreibe` means "create or update": a loader that wants update
    /// semantics deletes records with these ids read from earlier files
    /// before appending this message. Responsibilities without an id are not
    /// listed; an id may repeat (one Zuständigkeit covering several regions).
    pub fn written(&self) -> impl Iterator<Item = (EntityClass, &str)> {
        let catalog = &self.catalog;
        let services = catalog
            .services
            .iter()
            .map(|s| (EntityClass::Leistung, s.id.as_str()));
        let authorities = catalog
            .authorities
            .iter()
            .map(|a| (EntityClass::Organisationseinheit, a.id.as_str()));
        let online = catalog
            .online_services
            .iter()
            .map(|o| (EntityClass::Onlinedienst, o.id.as_str()));
        let responsibilities = catalog
            .responsibilities
            .iter()
            .filter_map(|r| r.id.as_deref())
            .map(|id| (EntityClass::Zustaendigkeit, id));
        services
            .chain(authorities)
            .chain(online)
            .chain(responsibilities)
    }
}

/// Parses an XZuFi 2.2 message.
///
/// Malformed XML yields [`Error::Syntax`] with line and column; a record
/// lacking a required element (an id, a name, a region key) or holding an
/// unusable value yields [`Error::Record`] naming the record and the field.
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

// ---------------------------------------------------------------------------
// Element trees for single entries

#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    children: Vec<Node>,
    offset: usize,
}

#[derive(Debug)]
enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    fn open(start: &BytesStart, offset: usize, source: &Source) -> Result<Self> {
        let mut attributes = Vec::new();
        for attribute in start.attributes() {
            let attribute = attribute.map_err(|e| {
                source.syntax(
                    offset,
                    format!("malformed attribute in <{}>: {e}", local_name(start)),
                )
            })?;
            let key = String::from_utf8_lossy(attribute.key.local_name().as_ref()).into_owned();
            let value = attribute.unescape_value().map_err(|e| {
                source.syntax(
                    offset,
                    format!("bad attribute value in <{}>: {e}", local_name(start)),
                )
            })?;
            attributes.push((key, value.into_owned()));
        }
        Ok(Element {
            name: local_name(start),
            attributes,
            children: Vec::new(),
            offset,
        })
    }

    fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Text(_) => None,
        })
    }

    fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements().filter(move |e| e.name == name)
    }

    fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// Follows a path of child names, e.g. `["anschrift", "ort"]`.
    fn path(&self, names: &[&str]) -> Option<&Element> {
        names
            .iter()
            .try_fold(self, |element, name| element.child(name))
    }

    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The element's own text (all descendants' text, concatenated), trimmed.
    fn text(&self) -> String {
        fn collect(element: &Element, into: &mut String) {
            for node in &element.children {
                match node {
                    Node::Text(text) => into.push_str(text),
                    Node::Element(child) => collect(child, into),
                }
            }
        }
        let mut text = String::new();
        collect(self, &mut text);
        text.trim().to_string()
    }

    /// Non-empty trimmed text, for optional scalar fields.
    fn value(&self) -> Option<String> {
        Some(self.text()).filter(|t| !t.is_empty())
    }

    /// The value of a code-type element: its `code` child, or its own text.
    fn code(&self) -> Option<String> {
        match self.child("code") {
            Some(code) => code.value(),
            None => self.value(),
        }
    }

    /// The inner markup, for texts that hold (escaped or literal) HTML.
    fn markup(&self) -> String {
        fn write(element: &Element, into: &mut String) {
            for node in &element.children {
                match node {
                    Node::Text(text) => into.push_str(text),
                    Node::Element(child) => {
                        into.push('<');
                        into.push_str(&child.name);
                        for (key, value) in &child.attributes {
                            into.push_str(&format!(" {key}=\"{}\"", value.replace('"', "&quot;")));
                        }
                        into.push('>');
                        write(child, into);
                        into.push_str("</");
                        into.push_str(&child.name);
                        into.push('>');
                    }
                }
            }
        }
        let mut markup = String::new();
        write(self, &mut markup);
        markup
    }

    /// Plain text of an HTML-bearing element; `None` when empty.
    fn plain_text(&self) -> Option<String> {
        Some(html::to_text(&self.markup())).filter(|t| !t.is_empty())
    }
}

fn local_name(start: &BytesStart) -> String {
    String::from_utf8_lossy(start.local_name().as_ref()).into_owned()
}

fn position(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

/// Reads the rest of the element opened by `start` into a tree. Iterative, so
/// deeply nested input cannot overflow the stack.
fn read_element(
    reader: &mut Reader<&[u8]>,
    start: &BytesStart,
    offset: usize,
    source: &Source,
) -> Result<Element> {
    let mut stack = vec![Element::open(start, offset, source)?];
    loop {
        let offset = position(reader);
        let event = reader
            .read_event()
            .map_err(|e| source.xml_error(reader, e))?;
        let Some(top) = stack.last_mut() else {
            unreachable!("the stack holds at least the entry element while reading");
        };
        match event {
            Event::Start(start) => stack.push(Element::open(&start, offset, source)?),
            Event::End(_) => {
                let done = stack
                    .pop()
                    .expect("a Start pushed the element this End closes");
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(done)),
                    None => return Ok(done),
                }
            }
            Event::Text(text) => {
                let text = text
                    .unescape()
                    .map_err(|e| source.syntax(offset, format!("bad character data: {e}")))?;
                top.children.push(Node::Text(text.into_owned()));
            }
            Event::CData(data) => {
                let text = data
                    .decode()
                    .map_err(|e| source.syntax(offset, format!("bad CDATA section: {e}")))?;
                top.children.push(Node::Text(text.into_owned()));
            }
            Event::Eof => {
                return Err(source.syntax(
                    source.xml.len(),
                    format!("the document ends inside <{}>", top.name),
                ))
            }
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------
// Error positions

struct Source<'a> {
    xml: &'a str,
    file: &'a str,
    /// Byte offsets of line starts, built on first use: warnings in a large
    /// message must not rescan the text each time.
    line_starts: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> Source<'a> {
    /// 1-based line and column (in characters) of a byte offset.
    fn new(xml: &'a str, file: &'a str) -> Self {
        Source {
            xml,
            file,
            line_starts: std::cell::OnceCell::new(),
        }
    }

    fn line_column(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.xml.len());
        while !self.xml.is_char_boundary(offset) {
            offset -= 1;
        }
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.xml.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = starts.partition_point(|&start| start <= offset);
        let line_start = starts[line - 1];
        (line, self.xml[line_start..offset].chars().count() + 1)
    }

    fn syntax(&self, offset: usize, message: String) -> Error {
        let (line, column) = self.line_column(offset);
        Error::Syntax {
            file: self.file.to_string(),
            line,
            column,
            message,
        }
    }

    fn xml_error(&self, reader: &Reader<&[u8]>, error: quick_xml::Error) -> Error {
        let offset = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
        self.syntax(offset, format!("malformed XML: {error}"))
    }

    fn record(&self, record: &str, field: &str, message: impl Into<String>) -> Error {
        Error::Record {
            file: self.file.to_string(),
            record: record.to_string(),
            field: field.to_string(),
            message: message.into(),
        }
    }

    fn line(&self, element: &Element) -> usize {
        self.line_column(element.offset).0
    }
}

// ---------------------------------------------------------------------------
// Mapping entries to catalog records

#[derive(Default)]
struct MessageBuilder {
    message: Message,
    topics: HashSet<String>,
    transfers: Vec<Transfer>,
    /// What was skipped, how often, and the line of the first one: a PVOG
    /// export can hold thousands of entries of one unsupported kind.
    skipped: Vec<(String, usize, usize)>,
}

/// A `zustaendigkeitTransferObjekt` whose target kind is resolved once the
/// whole message has been read.
struct Transfer {
    label: String,
    parent: String,
    responsibilities: Vec<Responsibility>,
}

impl MessageBuilder {
    fn check_namespace(&mut self, root: &BytesStart, source: &Source, offset: usize) -> Result<()> {
        let mut namespaces = Vec::new();
        for attribute in root.attributes().flatten() {
            let key = attribute.key.as_ref();
            if key == b"xmlns" || key.starts_with(b"xmlns:") {
                if let Ok(value) = attribute.unescape_value() {
                    namespaces.push(value.into_owned());
                }
            }
        }
        if namespaces.iter().any(|ns| ns == NAMESPACE) {
            return Ok(());
        }
        match namespaces
            .iter()
            .find(|ns| ns.contains("xoev.de/schemata/xzufi/"))
        {
            Some(other) => {
                self.message.warnings.push(format!(
                    "{}: the message declares {other:?}, not XZuFi 2.2 ({NAMESPACE}); reading it as 2.2",
                    source.file
                ));
                Ok(())
            }
            None => Err(source.syntax(
                offset,
                format!(
                    "<{}> is not an XZuFi message: the root declares no XZuFi namespace ({NAMESPACE})",
                    local_name(root)
                ),
            )),
        }
    }

    fn warn(&mut self, source: &Source, element: &Element, message: String) {
        self.message.warnings.push(format!(
            "{}:{}: {message}",
            source.file,
            source.line(element)
        ));
    }

    fn skip(&mut self, source: &Source, element: &Element, what: String) {
        match self.skipped.iter_mut().find(|(w, _, _)| *w == what) {
            Some((_, count, _)) => *count += 1,
            None => self.skipped.push((what, 1, source.line(element))),
        }
    }

    fn entry(&mut self, entry: Element, source: &Source) -> Result<()> {
        match entry.name.as_str() {
            "nachrichtenkopf" => Ok(()),
            "schreibe" => {
                for object in entry.elements() {
                    self.write(object, source)?;
                }
                Ok(())
            }
            "loesche" => self.delete(&entry, source),
            other => {
                let what = format!("<{other}> (not a schreibe or loesche entry)");
                self.skip(source, &entry, what);
                Ok(())
            }
        }
    }

    fn write(&mut self, object: &Element, source: &Source) -> Result<()> {
        match object.name.as_str() {
            "leistung" => {
                let (service, topics) = leistung(object, source)?;
                for topic in topics {
                    if self.topics.insert(topic.id.clone()) {
                        self.message.catalog.topics.push(topic);
                    }
                }
                self.message.catalog.services.push(service);
            }
            "organisationseinheit" => {
                let mut warnings = Vec::new();
                let (authority, responsibilities) =
                    organisationseinheit(object, source, &mut warnings)?;
                for warning in warnings {
                    self.warn(source, object, warning);
                }
                self.message.catalog.authorities.push(authority);
                self.message
                    .catalog
                    .responsibilities
                    .extend(responsibilities);
            }
            "onlinedienst" => {
                let mut warnings = Vec::new();
                let online = onlinedienst(object, source, &mut warnings)?;
                for warning in warnings {
                    self.warn(source, object, warning);
                }
                self.message.catalog.online_services.push(online);
            }
            "zustaendigkeitTransferObjekt" => {
                let mut warnings = Vec::new();
                let transfer = transfer(object, source, &mut warnings)?;
                for warning in warnings {
                    self.warn(source, object, warning);
                }
                self.transfers.push(transfer);
            }
            "spezialisierung" => {
                let what = "schreibe <spezialisierung> (local texts and fees are not imported)";
                self.skip(source, object, what.to_string());
            }
            other => {
                let what = format!("schreibe <{other}> (not supported)");
                self.skip(source, object, what);
            }
        }
        Ok(())
    }

    fn delete(&mut self, entry: &Element, source: &Source) -> Result<()> {
        let label = format!("loesche at line {}", source.line(entry));
        let klasse = entry
            .attribute("klasse")
            .ok_or_else(|| source.record(&label, "@klasse", "the loesche entry names no class"))?;
        let id = entry
            .child("id")
            .and_then(Element::value)
            .ok_or_else(|| source.record(&label, "id", "the loesche entry names no id"))?;
        match EntityClass::from_klasse(klasse) {
            Some(class) => self.message.deletions.push(Deletion { class, id }),
            None => {
                let what = format!("loesche of class {klasse:?} (not imported)");
                self.skip(source, entry, what);
            }
        }
        Ok(())
    }

    fn finish(mut self, source: &Source) -> Result<Message> {
        for (what, count, line) in std::mem::take(&mut self.skipped) {
            let first = if count > 1 {
                " (line of the first)"
            } else {
                ""
            };
            self.message.warnings.push(format!(
                "{}:{line}: {count} × {what} skipped{first}",
                source.file
            ));
        }
        let catalog = &mut self.message.catalog;
        let kinds: HashMap<&str, TargetKind> = catalog
            .authorities
            .iter()
            .map(|a| (a.id.as_str(), TargetKind::Authority))
            .chain(
                catalog
                    .online_services
                    .iter()
                    .map(|o| (o.id.as_str(), TargetKind::OnlineService)),
            )
            .collect();
        let mut resolved = Vec::new();
        for transfer in self.transfers {
            let kind = match kinds.get(transfer.parent.as_str()) {
                Some(kind) => *kind,
                None => kind_from_id(&transfer.parent).ok_or_else(|| {
                    source.record(
                        &transfer.label,
                        "uebergeordnetesObjektID",
                        format!(
                            "{:?} is neither an organisationseinheit nor an onlinedienst of this message, \
                             and its form is not <Redaktion>.OE.<n> or <Redaktion>.OD.<n>, \
                             so the kind of target is unknown",
                            transfer.parent
                        ),
                    )
                })?,
            };
            for mut responsibility in transfer.responsibilities {
                responsibility.target.kind = kind;
                resolved.push(responsibility);
            }
        }
        catalog.responsibilities.extend(resolved);
        Ok(self.message)
    }
}

/// The target kind encoded in a PVOG id such as `L100016.OE.4711`.
fn kind_from_id(id: &str) -> Option<TargetKind> {
    let mut parts = id.split('.');
    parts.next()?;
    match parts.next()? {
        "OE" => Some(TargetKind::Authority),
        "OD" => Some(TargetKind::OnlineService),
        _ => None,
    }
}

/// Chooses among language variants: `de`/`de-…` first, then one without a
/// language code, then the first.
fn pick_language<'a>(candidates: impl Iterator<Item = &'a Element>) -> Option<&'a Element> {
    let candidates: Vec<&Element> = candidates.collect();
    let language = |e: &Element| e.attribute("languageCode").map(str::to_ascii_lowercase);
    candidates
        .iter()
        .find(|e| language(e).is_some_and(|l| l == "de" || l.starts_with("de-")))
        .or_else(|| candidates.iter().find(|e| language(e).is_none()))
        .or_else(|| candidates.first())
        .copied()
}

/// Collapses a text to one line, for names.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn record_label(kind: &str, element: &Element, source: &Source) -> String {
    match element.child("id").and_then(Element::value) {
        Some(id) => format!("{kind} {id:?}"),
        None => format!("{kind} at line {}", source.line(element)),
    }
}

fn required_id(kind: &str, element: &Element, source: &Source) -> Result<String> {
    element.child("id").and_then(Element::value).ok_or_else(|| {
        source.record(
            &record_label(kind, element, source),
            "id",
            format!("the {kind} has no id"),
        )
    })
}

fn leistung(element: &Element, source: &Source) -> Result<(Service, Vec<Topic>)> {
    let id = required_id("leistung", element, source)?;
    let label = format!("leistung {id:?}");

    // Text modules by LeiKa code; several entries of one code are joined.
    let mut modules: Vec<(String, String)> = Vec::new();
    let mut name_modules: Vec<(String, String)> = Vec::new();
    for module in element.children_named("modulText") {
        let Some(code) = module.child("leikaTextmodul").and_then(Element::code) else {
            continue;
        };
        let inhalt = pick_language(module.children_named("inhalt"));
        let mut text = inhalt.and_then(Element::plain_text).unwrap_or_default();
        if code == "02" || code == "03" {
            if !text.is_empty() {
                name_modules.push((code, one_line(&text)));
            }
            continue;
        }
        let links: Vec<String> = module
            .children_named("weiterfuehrenderLink")
            .filter_map(|link| {
                let uri = link.child("uri").and_then(Element::value)?;
                Some(match link.child("titel").and_then(Element::value) {
                    Some(title) => format!("{title}: {uri}"),
                    None => uri,
                })
            })
            .collect();
        if !links.is_empty() {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&links.join("\n"));
        }
        if text.is_empty() {
            continue;
        }
        match modules.iter_mut().find(|(c, _)| *c == code) {
            Some((_, existing)) => {
                existing.push_str("\n\n");
                existing.push_str(&text);
            }
            None => modules.push((code, text)),
        }
    }
    let module = |code: &str| {
        modules
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, text)| text.clone())
    };
    let name = ["03", "02"]
        .iter()
        .find_map(|code| name_modules.iter().find(|(c, _)| c == code))
        .map(|(_, name)| name.clone())
        .ok_or_else(|| {
            source.record(
                &label,
                "modulText",
                "the leistung has no name: no modulText with leikaTextmodul 03 or 02",
            )
        })?;

    let leika = element
        .children_named("referenzLeiKa")
        .filter_map(Element::code)
        .map(|code| {
            code.strip_prefix("urn:de:fim:leika:leistung:")
                .map(str::to_string)
                .unwrap_or(code)
        })
        .collect();
    let typisierung = element
        .children_named("typisierung")
        .filter_map(Element::code)
        .collect();

    let mut synonyms: Vec<String> = Vec::new();
    for term in element
        .children_named("modulBegriffImKontext")
        .flat_map(|m| m.children_named("begriffImKontext"))
    {
        let Some(begriff) = pick_language(term.children_named("begriff")) else {
            continue;
        };
        let begriff = one_line(&begriff.text());
        if !begriff.is_empty()
            && !synonyms
                .iter()
                .any(|s| s.to_lowercase() == begriff.to_lowercase())
        {
            synonyms.push(begriff);
        }
    }

    let mut topics = Vec::new();
    for kategorie in element.children_named("kategorie") {
        let Some(topic_id) = kategorie.child("id").and_then(Element::value) else {
            continue;
        };
        let name = pick_language(kategorie.children_named("bezeichnung"))
            .and_then(Element::value)
            .map(|n| one_line(&n))
            .unwrap_or_else(|| topic_id.clone());
        let parent = kategorie
            .child("uebergeordneteKategorieID")
            .and_then(Element::value);
        topics.push(Topic {
            id: topic_id,
            name,
            parent,
        });
    }

    let valid = validity(element, source, &label)?;
    let updated = element
        .path(&["versionsinformation", "geaendertDatumZeit"])
        .and_then(Element::value);

    let service = Service {
        id,
        name,
        leika,
        typisierung,
        teaser: module("24"),
        text: ServiceText {
            short: module("05"),
            full: module("06"),
            legal_basis: module("07"),
            required_documents: module("08"),
            prerequisites: module("09"),
            procedure: module("11"),
            forms: module("14"),
            further_information: module("15"),
            notes: module("16"),
            appeal: module("25"),
        },
        costs: element.child("modulKosten").and_then(module_description),
        deadline: element.child("modulFrist").and_then(module_description),
        processing_time: element
            .child("modulBearbeitungsdauer")
            .and_then(module_description),
        synonyms,
        topics: topics.iter().map(|t| t.id.clone()).collect(),
        valid,
        updated,
        // XZuFi has no popularity; editors set it in the JSON catalog.
        popularity: None,
    };
    Ok((service, topics))
}

/// The text of `modulKosten`, `modulFrist` or `modulBearbeitungsdauer`: its
/// own `beschreibung`, else the `beschreibung` of each item it lists.
fn module_description(module: &Element) -> Option<String> {
    if let Some(text) =
        pick_language(module.children_named("beschreibung")).and_then(Element::plain_text)
    {
        return Some(text);
    }
    let items: Vec<String> = module
        .elements()
        .filter_map(|item| pick_language(item.children_named("beschreibung")))
        .filter_map(Element::plain_text)
        .collect();
    Some(items.join("\n\n")).filter(|t| !t.is_empty())
}

/// `gueltigkeit` (or `versionsinformation`) `beginn`/`ende` as dates.
fn validity(element: &Element, source: &Source, label: &str) -> Result<Option<Validity>> {
    for container in ["gueltigkeit", "versionsinformation"] {
        let Some(period) = element.child(container) else {
            continue;
        };
        let date = |field: &str| -> Result<Option<String>> {
            let Some(value) = period.child(field).and_then(Element::value) else {
                return Ok(None);
            };
            let day = value.get(..10).filter(|d| is_date(d)).ok_or_else(|| {
                source.record(
                    label,
                    &format!("{container}/{field}"),
                    format!("{value:?} is not a date (YYYY-MM-DD)"),
                )
            })?;
            Ok(Some(day.to_string()))
        };
        let validity = Validity {
            from: date("beginn")?,
            to: date("ende")?,
        };
        if validity.from.is_some() || validity.to.is_some() {
            return Ok(Some(validity));
        }
    }
    Ok(None)
}

/// A 12-digit ARS, possibly written as a URN ending in `:<ars>`.
fn ars(value: &str) -> Option<String> {
    let key = value.rsplit(':').next().unwrap_or(value).trim();
    (key.len() == 12 && key.bytes().all(|b| b.is_ascii_digit())).then(|| key.to_string())
}

fn organisationseinheit(
    element: &Element,
    source: &Source,
    warnings: &mut Vec<String>,
) -> Result<(Authority, Vec<Responsibility>)> {
    let id = required_id("organisationseinheit", element, source)?;
    let label = format!("organisationseinheit {id:?}");
    let name = element
        .child("name")
        .and_then(|name| {
            if name.child("name").is_some() {
                pick_language(name.children_named("name")).and_then(Element::value)
            } else {
                name.value()
            }
        })
        .map(|n| one_line(&n))
        .ok_or_else(|| source.record(&label, "name", "the organisationseinheit has no name"))?;
    let parent = element
        .child("uebergeordneteOrganisationseinheitID")
        .and_then(Element::value);

    // Prefer a visitor address (one with a street) over a post-box address.
    let anschriften: Vec<&Element> = element.children_named("anschrift").collect();
    let anschrift = anschriften
        .iter()
        .find(|a| a.child("strasse").is_some())
        .or_else(|| anschriften.first());
    let address = match anschrift {
        Some(anschrift) => {
            let ars_value = anschrift
                .path(&["verwaltungspolitischeKodierung", "regionalschluessel"])
                .and_then(Element::code);
            let ars = match ars_value {
                Some(value) => Some(ars(&value).ok_or_else(|| {
                    source.record(
                        &label,
                        "anschrift/verwaltungspolitischeKodierung/regionalschluessel",
                        format!("{value:?} is not a 12-digit Regionalschlüssel"),
                    )
                })?),
                None => None,
            };
            let field = |name: &str| anschrift.child(name).and_then(Element::value);
            Some(Address {
                street: field("strasse"),
                house_no: field("hausnummer"),
                plz: field("postleitzahl"),
                city: field("ort"),
                ars,
            })
        }
        None => None,
    };

    let mut contact = Contact::default();
    for kommunikation in element.children_named("kommunikation") {
        let Some(kennung) = kommunikation.child("kennung").and_then(Element::value) else {
            continue;
        };
        let kanal = kommunikation.child("kanal");
        let code = kanal.and_then(Element::code).unwrap_or_default();
        let list = match code.as_str() {
            "01" | "08" => Some(&mut contact.email),
            "02" | "03" => Some(&mut contact.phone),
            "04" => Some(&mut contact.fax),
            "09" => Some(&mut contact.web),
            _ if kennung.contains('@') => Some(&mut contact.email),
            _ if kennung.starts_with("http") || kennung.starts_with("www.") => {
                Some(&mut contact.web)
            }
            _ => None,
        };
        match list {
            Some(list) => list.push(kennung),
            None => warnings.push(format!(
                "{label}: kommunikation {kennung:?} has kanal code {code:?}, which zufi cannot place; skipped"
            )),
        }
    }

    let opening_hours = element
        .children_named("oeffnungszeiten")
        .filter_map(Element::plain_text)
        .flat_map(|text| opening_hours(&text))
        .collect();

    let mut responsibilities = Vec::new();
    for zustaendigkeit in element.children_named("zustaendigkeit") {
        responsibilities.extend(zustaendigkeit_records(
            zustaendigkeit,
            &label,
            "zustaendigkeit",
            Target {
                kind: TargetKind::Authority,
                id: id.clone(),
            },
            source,
            warnings,
        )?);
    }

    let authority = Authority {
        id,
        name,
        parent,
        address,
        contact,
        opening_hours,
    };
    Ok((authority, responsibilities))
}

/// One responsibility per `gebietID` of a `zustaendigkeit` element.
fn zustaendigkeit_records(
    zustaendigkeit: &Element,
    label: &str,
    path: &str,
    target: Target,
    source: &Source,
    warnings: &mut Vec<String>,
) -> Result<Vec<Responsibility>> {
    let id = zustaendigkeit.child("id").and_then(Element::value);
    let service = zustaendigkeit
        .child("leistungID")
        .and_then(Element::value)
        .ok_or_else(|| {
            source.record(
                label,
                &format!("{path}/leistungID"),
                "the zustaendigkeit names no leistung",
            )
        })?;
    let role = role(zustaendigkeit.child("rolle"), label, warnings);
    let mut records = Vec::new();
    for gebiet in zustaendigkeit.children_named("gebietID") {
        let value = gebiet.text();
        let region = ars(&value).ok_or_else(|| {
            source.record(
                label,
                &format!("{path}/gebietID"),
                format!("{value:?} is not a 12-digit Regionalschlüssel"),
            )
        })?;
        records.push(Responsibility {
            id: id.clone(),
            service: service.clone(),
            region,
            target: target.clone(),
            role,
        });
    }
    if records.is_empty() {
        return Err(source.record(
            label,
            &format!("{path}/gebietID"),
            "the zustaendigkeit names no region",
        ));
    }
    Ok(records)
}

fn role(rolle: Option<&Element>, label: &str, warnings: &mut Vec<String>) -> Role {
    let Some(rolle) = rolle else {
        return Role::ZustaendigeStelle;
    };
    let name = rolle
        .child("name")
        .and_then(Element::value)
        .unwrap_or_default()
        .to_lowercase();
    if name.contains("ansprechpunkt") {
        return Role::Ansprechpunkt;
    }
    if name.contains("zuständig") || name.contains("zustaendig") {
        return Role::ZustaendigeStelle;
    }
    match rolle.code().as_deref() {
        Some("01") => Role::ZustaendigeStelle,
        Some("02") => Role::Ansprechpunkt,
        other => {
            warnings.push(format!(
                "{label}: rolle {other:?} is unknown; read as zuständige Stelle"
            ));
            Role::ZustaendigeStelle
        }
    }
}

fn transfer(element: &Element, source: &Source, warnings: &mut Vec<String>) -> Result<Transfer> {
    let zustaendigkeit = element.child("zustaendigkeit");
    let label = match zustaendigkeit
        .and_then(|z| z.child("id"))
        .and_then(Element::value)
    {
        Some(id) => format!("zustaendigkeitTransferObjekt {id:?}"),
        None => format!(
            "zustaendigkeitTransferObjekt at line {}",
            source.line(element)
        ),
    };
    let parent = element
        .child("uebergeordnetesObjektID")
        .and_then(Element::value)
        .ok_or_else(|| {
            source.record(
                &label,
                "uebergeordnetesObjektID",
                "the transfer object names no OE or Onlinedienst",
            )
        })?;
    let zustaendigkeit = zustaendigkeit.ok_or_else(|| {
        source.record(
            &label,
            "zustaendigkeit",
            "the transfer object holds no zustaendigkeit",
        )
    })?;
    // The kind is a placeholder until `MessageBuilder::finish` resolves it.
    let target = Target {
        kind: TargetKind::Authority,
        id: parent.clone(),
    };
    let responsibilities = zustaendigkeit_records(
        zustaendigkeit,
        &label,
        "zustaendigkeit",
        target,
        source,
        warnings,
    )?;
    Ok(Transfer {
        label,
        parent,
        responsibilities,
    })
}

fn onlinedienst(
    element: &Element,
    source: &Source,
    warnings: &mut Vec<String>,
) -> Result<OnlineService> {
    let id = required_id("onlinedienst", element, source)?;
    let label = format!("onlinedienst {id:?}");
    let name = pick_language(element.children_named("bezeichnung"))
        .and_then(Element::value)
        .map(|n| one_line(&n))
        .ok_or_else(|| source.record(&label, "bezeichnung", "the onlinedienst has no name"))?;

    // Link type 01 is the start address of the procedure.
    let links: Vec<(Option<String>, String)> = element
        .children_named("link")
        .filter_map(|link| {
            let url = link.child("link").and_then(Element::value)?;
            Some((link.child("typ").and_then(Element::code), url))
        })
        .collect();
    let url = links
        .iter()
        .find(|(typ, _)| typ.as_deref() == Some("01"))
        .or_else(|| links.first())
        .map(|(_, url)| url.clone())
        .ok_or_else(|| source.record(&label, "link/link", "the onlinedienst has no link"))?;

    let trust_level = match element.child("vertrauensniveau") {
        Some(niveau) => {
            let words = [niveau.child("name").and_then(Element::value), niveau.code()];
            let level = words.iter().flatten().find_map(|word| {
                let word = word.to_lowercase();
                [
                    ("basis", "basisregistrierung"),
                    ("substantiell", "substantiell"),
                    ("hoch", "hoch"),
                ]
                .into_iter()
                .find(|(needle, _)| word.contains(needle))
                .map(|(_, level)| level)
            });
            if level.is_none() {
                warnings.push(format!(
                    "{label}: vertrauensniveau {:?} is unknown; left out",
                    niveau.text()
                ));
            }
            level.map(str::to_string)
        }
        None => None,
    };
    let lang = element
        .children_named("sprachversion")
        .filter_map(|s| s.child("languageCode").and_then(Element::value))
        .collect();
    Ok(OnlineService {
        id,
        name,
        url,
        trust_level,
        lang,
    })
}

// ---------------------------------------------------------------------------
// Opening hours

/// Splits opening-hours text into entries, one or more per line.
fn opening_hours(text: &str) -> Vec<OpeningHours> {
    let mut entries = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let line = line.trim_start_matches("- ");
        match structured_hours(line) {
            Some(mut structured) => entries.append(&mut structured),
            None => entries.push(OpeningHours {
                days: String::new(),
                from: None,
                to: None,
                note: Some(line.to_string()),
            }),
        }
    }
    entries
}

/// `Mo-Fr 09:00-12:00`, `Di: 9 - 12 und 13.30 - 18 Uhr (nur mit Termin)`.
fn structured_hours(line: &str) -> Option<Vec<OpeningHours>> {
    let first_digit = line.find(|c: char| c.is_ascii_digit())?;
    let days = line[..first_digit].trim().trim_end_matches(':').trim();
    if !is_day_expression(days) {
        return None;
    }
    let mut rest = &line[first_digit..];
    let mut spans = Vec::new();
    while let Some((from, after)) = time(rest) {
        let after = after.trim_start();
        let after = ["-", "–", "bis"]
            .iter()
            .find_map(|sep| after.strip_prefix(sep))?;
        let (to, after) = time(after.trim_start())?;
        spans.push((from, to));
        let after = after.trim_start();
        let after = after.strip_prefix("Uhr").unwrap_or(after).trim_start();
        rest = ["und", ",", ";", "/"]
            .iter()
            .find_map(|sep| after.strip_prefix(sep))
            .map(str::trim_start)
            .unwrap_or(after);
        if !rest.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
    }
    if spans.is_empty() {
        return None;
    }
    let note = Some(rest.trim().to_string()).filter(|n| !n.is_empty());
    Some(
        spans
            .into_iter()
            .map(|(from, to)| OpeningHours {
                days: days.to_string(),
                from: Some(from),
                to: Some(to),
                note: note.clone(),
            })
            .collect(),
    )
}

fn is_day_expression(text: &str) -> bool {
    const DAYS: [&str; 7] = ["mo", "di", "mi", "do", "fr", "sa", "so"];
    const NAMES: [&str; 8] = [
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "sonnabend",
    ];
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | ',' | '/' | '+' | '&'))
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .filter(|w| !w.is_empty() && w != "bis" && w != "und")
        .collect();
    !words.is_empty()
        && words
            .iter()
            .all(|w| DAYS.contains(&w.as_str()) || NAMES.contains(&w.as_str()))
}

/// Reads `9`, `09`, `9:30`, `9.30` at the start of `text` as `HH:MM`.
fn time(text: &str) -> Option<(String, &str)> {
    let hour_len = text.bytes().take_while(u8::is_ascii_digit).count();
    if hour_len == 0 || hour_len > 2 {
        return None;
    }
    let hour: u32 = text[..hour_len].parse().ok()?;
    let mut rest = &text[hour_len..];
    let mut minute = 0;
    if let Some(after) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('.')) {
        if after.len() >= 2 && after.as_bytes()[..2].iter().all(u8::is_ascii_digit) {
            minute = after[..2].parse().ok()?;
            rest = &after[2..];
        }
    }
    (hour <= 24 && minute < 60).then(|| (format!("{hour:02}:{minute:02}"), rest))
}

// ---------------------------------------------------------------------------
// HTML to plain text

/// A minimal HTML-to-text conversion for editorial texts; see the module docs.
mod html {
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "dl",
        "table",
        "tr",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "address",
        "pre",
        "hr",
        "nav",
        "aside",
    ];
    const INLINE: &[&str] = &[
        "a", "b", "strong", "i", "em", "u", "span", "abbr", "sup", "sub", "small", "code", "font",
        "mark", "s", "q", "cite",
    ];

    /// True when `text` contains something that looks like a tag.
    fn has_tags(text: &str) -> bool {
        text.match_indices('<').any(|(i, _)| {
            let after = &text[i + 1..];
            after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
                && after.contains('>')
        })
    }

    /// Converts HTML (or plain text) to plain text with paragraphs separated
    /// by one blank line.
    pub(super) fn to_text(input: &str) -> String {
        if !has_tags(input) {
            return plain(&decode_entities(input));
        }
        let mut out = Writer::default();
        let mut rest = input;
        let mut link: Option<(String, usize)> = None;
        while let Some(c) = rest.chars().next() {
            if c == '<' {
                if let Some(after) = rest.strip_prefix("<!--") {
                    rest = after.find("-->").map_or("", |end| &after[end + 3..]);
                    continue;
                }
                if let Some(end) = rest.find('>') {
                    let tag = &rest[1..end];
                    if tag.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!') {
                        rest = &rest[end + 1..];
                        let closing = tag.starts_with('/');
                        let name: String = tag
                            .trim_start_matches('/')
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric())
                            .collect::<String>()
                            .to_ascii_lowercase();
                        if !closing && (name == "script" || name == "style") {
                            let close = format!("</{name}");
                            let lower = rest.to_ascii_lowercase();
                            rest = match lower.find(&close) {
                                Some(at) => {
                                    rest[at..].find('>').map_or("", |e| &rest[at + e + 1..])
                                }
                                None => "",
                            };
                            continue;
                        }
                        match name.as_str() {
                            "br" => out.line_break(),
                            "li" | "dt" | "dd" if !closing => {
                                out.line_break();
                                if name == "li" {
                                    out.current.push_str("- ");
                                }
                            }
                            "a" if !closing => {
                                link = attribute(tag, "href").map(|href| (href, out.current.len()));
                            }
                            "a" => {
                                if let Some((href, start)) = link.take() {
                                    let shown = out.current.get(start..).unwrap_or_default();
                                    let external =
                                        href.starts_with("http") || href.starts_with("mailto:");
                                    if external
                                        && !shown.contains(href.trim_start_matches("mailto:"))
                                    {
                                        out.word(&format!("({href})"));
                                    }
                                }
                            }
                            n if BLOCKS.contains(&n) => out.paragraph(),
                            n if INLINE.contains(&n) => {}
                            _ => out.space = true,
                        }
                        continue;
                    }
                }
            }
            if c == '&' {
                if let Some((decoded, len)) = entity(rest) {
                    out.text(&decoded);
                    rest = &rest[len..];
                    continue;
                }
            }
            out.text(&rest[..c.len_utf8()]);
            rest = &rest[c.len_utf8()..];
        }
        out.finish()
    }

    /// Decodes known entities; anything else after `&` stays as written.
    fn decode_entities(text: &str) -> String {
        let mut decoded = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            let reference = if c == '&' { entity(rest) } else { None };
            match reference {
                Some((text, len)) => {
                    decoded.push_str(&text);
                    rest = &rest[len..];
                }
                None => {
                    decoded.push(c);
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
        decoded
    }

    /// Text without tags: blank lines separate paragraphs, line breaks stay.
    fn plain(input: &str) -> String {
        let normalized = input.replace("\r\n", "\n");
        let mut paragraphs = Vec::new();
        let mut current: Vec<String> = Vec::new();
        for line in normalized.split('\n') {
            let line = line
                .split(|c: char| c.is_whitespace() && c != '\u{a0}')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
                .replace('\u{ad}', "");
            if line.is_empty() {
                if !current.is_empty() {
                    paragraphs.push(current.join("\n"));
                    current.clear();
                }
            } else {
                current.push(line);
            }
        }
        if !current.is_empty() {
            paragraphs.push(current.join("\n"));
        }
        paragraphs.join("\n\n")
    }

    #[derive(Default)]
    struct Writer {
        paragraphs: Vec<String>,
        current: String,
        space: bool,
    }

    impl Writer {
        fn text(&mut self, text: &str) {
            for c in text.chars() {
                // U+00A0 is kept: it binds "§ 12" and "10 €" on purpose.
                if c.is_whitespace() && c != '\u{a0}' {
                    self.space = true;
                } else if c != '\u{ad}' {
                    if self.space && !self.current.is_empty() && !self.current.ends_with('\n') {
                        self.current.push(' ');
                    }
                    self.space = false;
                    self.current.push(c);
                }
            }
        }

        fn word(&mut self, word: &str) {
            self.space = true;
            self.text(word);
        }

        fn line_break(&mut self) {
            let trimmed = self.current.trim_end_matches(' ').len();
            self.current.truncate(trimmed);
            if !self.current.is_empty() && !self.current.ends_with('\n') {
                self.current.push('\n');
            }
            self.space = false;
        }

        fn paragraph(&mut self) {
            let text = self
                .current
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            if !text.is_empty() {
                self.paragraphs.push(text);
            }
            self.current.clear();
            self.space = false;
        }

        fn finish(mut self) -> String {
            self.paragraph();
            self.paragraphs.join("\n\n")
        }
    }

    /// The value of attribute `name` in a tag's inner text.
    fn attribute(tag: &str, name: &str) -> Option<String> {
        let lower = tag.to_ascii_lowercase();
        let mut from = 0;
        while let Some(found) = lower[from..].find(name) {
            let at = from + found;
            from = at + name.len();
            let preceded = lower[..at].ends_with(|c: char| c.is_whitespace());
            let rest = lower[from..].trim_start();
            if !preceded || !rest.starts_with('=') {
                continue;
            }
            let value_start = tag.len() - rest.len() + 1;
            let value = tag[value_start..].trim_start();
            let value = match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or_default(),
                _ => value
                    .split(|c: char| c.is_whitespace() || c == '/')
                    .next()
                    .unwrap_or_default(),
            };
            return Some(decode_entities(value).trim().to_string());
        }
        None
    }

    /// Decodes the entity at the start of `text` (which starts with `&`);
    /// returns the text and the bytes consumed.
    fn entity(text: &str) -> Option<(String, usize)> {
        if !text.starts_with('&') {
            return None;
        }
        let end = text
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i)?;
        let name = &text[1..end];
        let decoded = if let Some(number) = name.strip_prefix('#') {
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)?.to_string()
        } else {
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => '\u{a0}',
                "shy" => '\u{ad}',
                "auml" => 'ä',
                "ouml" => 'ö',
                "uuml" => 'ü',
                "Auml" => 'Ä',
                "Ouml" => 'Ö',
                "Uuml" => 'Ü',
                "szlig" => 'ß',
                "euro" => '€',
                "sect" => '§',
                "ndash" => '–',
                "mdash" => '—',
                "bdquo" => '„',
                "ldquo" => '“',
                "rdquo" => '”',
                "sbquo" => '‚',
                "lsquo" => '‘',
                "rsquo" => '’',
                "hellip" => '…',
                "bull" => '•',
                "middot" => '·',
                "copy" => '©',
                "reg" => '®',
                "deg" => '°',
                "eacute" => 'é',
                "egrave" => 'è',
                "agrave" => 'à',
                "ccedil" => 'ç',
                _ => return None,
            };
            c.to_string()
        };
        Some((decoded, end + 1))
    }

    #[cfg(test)]
    mod tests {
        use super::to_text;

        #[test]
        fn converts_html_to_paragraphs() {
            let cases: &[(&str, &str)] = &[
                ("<p>Eins</p><p>Zwei</p>", "Eins\n\nZwei"),
                ("<p>Eins<br/>Zwei</p>", "Eins\nZwei"),
                ("<p>  viel \n  Raum  </p>", "viel Raum"),
                ("<ul><li>A</li><li>B</li></ul>", "- A\n- B"),
                (
                    "<p>Intro</p><ul><li>A</li></ul><p>Ende</p>",
                    "Intro\n\n- A\n\nEnde",
                ),
                ("<p><strong>Hinweis</strong>: Termin</p>", "Hinweis: Termin"),
                (
                    "Geb&uuml;hr: 10&nbsp;&euro; &amp; mehr",
                    "Gebühr: 10\u{a0}€ & mehr",
                ),
                // Semicolons outside entities, also after non-ASCII letters.
                ("Kosten: 10 EUR; ermäßigt 5", "Kosten: 10 EUR; ermäßigt 5"),
                ("a é; b", "a é; b"),
                ("; am Anfang", "; am Anfang"),
                ("<p>&#228;&#x00FC;</p>", "äü"),
                ("<p>a &unknown; b</p>", "a &unknown; b"),
                ("<p>3 < 5</p>", "3 < 5"),
                ("<script>alert(1)</script><p>sicher</p>", "sicher"),
                ("<!-- Kommentar --><p>da</p>", "da"),
                (
                    "<p>Siehe <a href=\"https://www.thueringen.de/a?b=1&amp;c=2\">Portal</a>.</p>",
                    "Siehe Portal (https://www.thueringen.de/a?b=1&c=2).",
                ),
                (
                    "<a href=\"https://example.org\">https://example.org</a>",
                    "https://example.org",
                ),
                ("<h2>Titel</h2>Text", "Titel\n\nText"),
            ];
            for (html, expected) in cases {
                assert_eq!(to_text(html), *expected, "input {html:?}");
            }
        }

        #[test]
        fn plain_text_keeps_its_line_structure() {
            assert_eq!(
                to_text("  Zeile eins\nZeile   zwei\n\n\nAbsatz  "),
                "Zeile eins\nZeile zwei\n\nAbsatz"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xzufi:transfer.operation.040102 xmlns:xzufi="http://xoev.de/schemata/xzufi/2_2_0" xzufiVersion="2.2.0">
<xzufi:nachrichtenkopf><xzufi:nachrichtenUUID>6f1c</xzufi:nachrichtenUUID></xzufi:nachrichtenkopf>
"#;
    const TAIL: &str = "\n</xzufi:transfer.operation.040102>\n";

    /// `(days, from, to, note)` of an opening-hours entry.
    type Hours<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);

    fn hours(entries: &[OpeningHours]) -> Vec<Hours<'_>> {
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

    type ServiceField = fn(&Service) -> Option<&str>;

    fn message(body: &str) -> Result<Message> {
        parse(&format!("{HEAD}{body}{TAIL}"), "t.xml")
    }

    fn leistung_xml(inner: &str) -> String {
        format!(
            "<xzufi:schreibe><xzufi:leistung><xzufi:id>L100016.LB.1</xzufi:id>{inner}</xzufi:leistung></xzufi:schreibe>"
        )
    }

    fn text_module(code: &str, inhalt: &str) -> String {
        format!("<xzufi:modulText><xzufi:leikaTextmodul><code>{code}</code></xzufi:leikaTextmodul>{inhalt}</xzufi:modulText>")
    }

    fn service(inner: &str) -> Service {
        let name = text_module("02", "<xzufi:inhalt>Name</xzufi:inhalt>");
        let message = message(&leistung_xml(&format!("{name}{inner}"))).expect("parses");
        message
            .catalog
            .services
            .into_iter()
            .next()
            .expect("one service")
    }

    #[test]
    fn leistung_text_modules_map_to_fields() {
        let modules: &[(&str, ServiceField)] = &[
            ("05", |s| s.text.short.as_deref()),
            ("06", |s| s.text.full.as_deref()),
            ("07", |s| s.text.legal_basis.as_deref()),
            ("08", |s| s.text.required_documents.as_deref()),
            ("09", |s| s.text.prerequisites.as_deref()),
            ("11", |s| s.text.procedure.as_deref()),
            ("14", |s| s.text.forms.as_deref()),
            ("15", |s| s.text.further_information.as_deref()),
            ("16", |s| s.text.notes.as_deref()),
            ("24", |s| s.teaser.as_deref()),
            ("25", |s| s.text.appeal.as_deref()),
        ];
        for (code, field) in modules {
            let text = format!("Text {code}");
            let s = service(&text_module(
                code,
                &format!(
                    "<xzufi:inhalt languageCode=\"de\">&lt;p&gt;{text}&lt;/p&gt;</xzufi:inhalt>"
                ),
            ));
            assert_eq!(field(&s), Some(text.as_str()), "module {code}");
            let others = s.text.modules().filter(|(_, t)| t.is_some()).count()
                + usize::from(s.teaser.is_some());
            assert_eq!(others, 1, "module {code} fills exactly one field");
        }
    }

    #[test]
    fn name_prefers_module_03_and_german() {
        let cases: &[(&str, &str)] = &[
            (
                "<xzufi:inhalt>Amtlich</xzufi:inhalt>",
                "Amtlich",
            ),
            (
                "<xzufi:inhalt languageCode=\"en\">Dog tax</xzufi:inhalt><xzufi:inhalt languageCode=\"de\">Hund anmelden</xzufi:inhalt>",
                "Hund anmelden",
            ),
            (
                "<xzufi:inhalt languageCode=\"en\">Dog tax</xzufi:inhalt><xzufi:inhalt>Ohne Sprache</xzufi:inhalt>",
                "Ohne Sprache",
            ),
        ];
        for (inhalt, expected) in cases {
            let xml = leistung_xml(&format!(
                "{}{}",
                text_module("02", "<xzufi:inhalt>Amtlich</xzufi:inhalt>"),
                if *expected == "Amtlich" {
                    String::new()
                } else {
                    text_module("03", inhalt)
                }
            ));
            let m = message(&xml).expect("parses");
            assert_eq!(m.catalog.services[0].name, *expected);
        }
    }

    #[test]
    fn leistung_scalar_fields() {
        let s = service(
            r#"<xzufi:referenzLeiKa><code>99108001001000</code></xzufi:referenzLeiKa>
            <xzufi:typisierung><code>5</code></xzufi:typisierung>
            <xzufi:modulKosten><xzufi:beschreibung languageCode="de">&lt;p&gt;75 Euro je Hund&lt;/p&gt;</xzufi:beschreibung></xzufi:modulKosten>
            <xzufi:modulFrist><xzufi:frist><xzufi:beschreibung>binnen 14 Tagen</xzufi:beschreibung></xzufi:frist></xzufi:modulFrist>
            <xzufi:modulBearbeitungsdauer><xzufi:beschreibung>2 Wochen</xzufi:beschreibung></xzufi:modulBearbeitungsdauer>
            <xzufi:modulBegriffImKontext>
              <xzufi:begriffImKontext><xzufi:begriff languageCode="de">Hundemarke</xzufi:begriff></xzufi:begriffImKontext>
              <xzufi:begriffImKontext><xzufi:begriff>hundemarke</xzufi:begriff></xzufi:begriffImKontext>
              <xzufi:begriffImKontext><xzufi:begriff>Hund anmelden</xzufi:begriff></xzufi:begriffImKontext>
            </xzufi:modulBegriffImKontext>
            <xzufi:kategorie><xzufi:id>2100400</xzufi:id><xzufi:bezeichnung languageCode="de">Haustiere</xzufi:bezeichnung></xzufi:kategorie>
            <xzufi:gueltigkeit><xzufi:beginn>2024-01-01</xzufi:beginn></xzufi:gueltigkeit>
            <xzufi:versionsinformation><xzufi:geaendertDatumZeit>2024-03-05T10:00:00</xzufi:geaendertDatumZeit></xzufi:versionsinformation>"#,
        );
        assert_eq!(s.leika, ["99108001001000"]);
        assert_eq!(s.typisierung, ["5"]);
        assert_eq!(s.costs.as_deref(), Some("75 Euro je Hund"));
        assert_eq!(s.deadline.as_deref(), Some("binnen 14 Tagen"));
        assert_eq!(s.processing_time.as_deref(), Some("2 Wochen"));
        assert_eq!(s.synonyms, ["Hundemarke", "Hund anmelden"]);
        assert_eq!(s.topics, ["2100400"]);
        assert_eq!(
            s.valid,
            Some(Validity {
                from: Some("2024-01-01".into()),
                to: None
            })
        );
        assert_eq!(s.updated.as_deref(), Some("2024-03-05T10:00:00"));
    }

    #[test]
    fn kategorien_become_topics_once() {
        let kategorie = "<xzufi:kategorie><xzufi:id>2100400</xzufi:id><xzufi:bezeichnung>Haustiere</xzufi:bezeichnung></xzufi:kategorie>";
        let name = text_module("02", "<xzufi:inhalt>N</xzufi:inhalt>");
        let body = format!(
            "{}<xzufi:schreibe><xzufi:leistung><xzufi:id>L2</xzufi:id>{name}{kategorie}</xzufi:leistung></xzufi:schreibe>",
            leistung_xml(&format!("{name}{kategorie}"))
        );
        let m = message(&body).expect("parses");
        assert_eq!(
            m.catalog.topics,
            [Topic {
                id: "2100400".into(),
                name: "Haustiere".into(),
                parent: None
            }]
        );
    }

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
    fn organisationseinheit_maps_address_contact_hours_and_zustaendigkeit() {
        let m = message(r#"<xzufi:schreibe><xzufi:organisationseinheit>
            <xzufi:id>L100016.OE.1</xzufi:id>
            <xzufi:name><xzufi:name languageCode="de">VG Riechheimer Berg</xzufi:name></xzufi:name>
            <xzufi:anschrift><xzufi:postfach>12</xzufi:postfach><xzufi:ort>Elleben</xzufi:ort></xzufi:anschrift>
            <xzufi:anschrift><xzufi:strasse>Hauptstraße</xzufi:strasse><xzufi:hausnummer>48</xzufi:hausnummer>
              <xzufi:postleitzahl>99334</xzufi:postleitzahl><xzufi:ort>Elleben</xzufi:ort>
              <xzufi:verwaltungspolitischeKodierung><xzufi:regionalschluessel><code>160705009000</code></xzufi:regionalschluessel></xzufi:verwaltungspolitischeKodierung>
            </xzufi:anschrift>
            <xzufi:kommunikation><xzufi:kanal><code>02</code></xzufi:kanal><xzufi:kennung>036202 2100</xzufi:kennung></xzufi:kommunikation>
            <xzufi:kommunikation><xzufi:kanal><code>04</code></xzufi:kanal><xzufi:kennung>036202 21020</xzufi:kennung></xzufi:kommunikation>
            <xzufi:kommunikation><xzufi:kanal><code>01</code></xzufi:kanal><xzufi:kennung>info@vg.example</xzufi:kennung></xzufi:kommunikation>
            <xzufi:kommunikation><xzufi:kanal><code>07</code></xzufi:kanal><xzufi:kennung>https://vg.example</xzufi:kennung></xzufi:kommunikation>
            <xzufi:kommunikation><xzufi:kanal><code>06</code></xzufi:kanal><xzufi:kennung>4711</xzufi:kennung></xzufi:kommunikation>
            <xzufi:oeffnungszeiten>&lt;p&gt;Di 09:00-12:00 und 13:00-18:00 Uhr&lt;br/&gt;Do 9 - 12&lt;/p&gt;&lt;p&gt;Termine nach Vereinbarung&lt;/p&gt;</xzufi:oeffnungszeiten>
            <xzufi:zustaendigkeit><xzufi:leistungID>L100016.LB.1</xzufi:leistungID>
              <xzufi:gebietID>160705009000</xzufi:gebietID><xzufi:gebietID>160705009001</xzufi:gebietID>
              <xzufi:rolle><code>02</code></xzufi:rolle></xzufi:zustaendigkeit>
            </xzufi:organisationseinheit></xzufi:schreibe>"#).expect("parses");
        let a = &m.catalog.authorities[0];
        assert_eq!(a.name, "VG Riechheimer Berg");
        let address = a.address.as_ref().expect("address");
        assert_eq!(address.street.as_deref(), Some("Hauptstraße"));
        assert_eq!(address.house_no.as_deref(), Some("48"));
        assert_eq!(address.plz.as_deref(), Some("99334"));
        assert_eq!(address.ars.as_deref(), Some("160705009000"));
        assert_eq!(a.contact.phone, ["036202 2100"]);
        assert_eq!(a.contact.fax, ["036202 21020"]);
        assert_eq!(a.contact.email, ["info@vg.example"]);
        assert_eq!(a.contact.web, ["https://vg.example"]);
        assert_eq!(m.warnings.len(), 1, "{:?}", m.warnings);
        assert!(m.warnings[0].contains("4711"));
        let hours = hours(&a.opening_hours);
        assert_eq!(
            hours,
            [
                ("Di", Some("09:00"), Some("12:00"), None),
                ("Di", Some("13:00"), Some("18:00"), None),
                ("Do", Some("09:00"), Some("12:00"), None),
                ("", None, None, Some("Termine nach Vereinbarung")),
            ]
        );
        let regions: Vec<&str> = m
            .catalog
            .responsibilities
            .iter()
            .map(|r| r.region.as_str())
            .collect();
        assert_eq!(regions, ["160705009000", "160705009001"]);
        for r in &m.catalog.responsibilities {
            assert_eq!(
                r.target,
                Target {
                    kind: TargetKind::Authority,
                    id: "L100016.OE.1".into()
                }
            );
            assert_eq!(r.role, Role::Ansprechpunkt);
            assert_eq!(r.service, "L100016.LB.1");
        }
    }

    #[test]
    fn opening_hours_lines() {
        let cases: &[(&str, &[Hours])] = &[
            (
                "Mo-Fr 08:00-12:00",
                &[("Mo-Fr", Some("08:00"), Some("12:00"), None)],
            ),
            (
                "Montag: 7.30 bis 15 Uhr",
                &[("Montag", Some("07:30"), Some("15:00"), None)],
            ),
            (
                "Di 9-12 (nur mit Termin)",
                &[("Di", Some("09:00"), Some("12:00"), Some("(nur mit Termin)"))],
            ),
            (
                "Am 24.12. geschlossen",
                &[("", None, None, Some("Am 24.12. geschlossen"))],
            ),
            ("Mo 25-26", &[("", None, None, Some("Mo 25-26"))]),
        ];
        for (line, expected) in cases {
            let got = opening_hours(line);
            let got = hours(&got);
            assert_eq!(got, *expected, "for {line:?}");
        }
    }

    #[test]
    fn transfer_targets_are_resolved_in_the_message_then_by_id_form() {
        let transfer = |parent: &str, id: &str| {
            format!("<xzufi:schreibe><xzufi:zustaendigkeitTransferObjekt><xzufi:uebergeordnetesObjektID>{parent}</xzufi:uebergeordnetesObjektID>
              <xzufi:zustaendigkeit><xzufi:id>{id}</xzufi:id><xzufi:leistungID>L1</xzufi:leistungID><xzufi:gebietID>160000000000</xzufi:gebietID>
              <xzufi:rolle><code>01</code><name>Zuständige Stelle</name></xzufi:rolle></xzufi:zustaendigkeit></xzufi:zustaendigkeitTransferObjekt></xzufi:schreibe>")
        };
        // The transfer object precedes the onlinedienst it points at.
        let body = format!(
            "{}{}{}<xzufi:schreibe><xzufi:onlinedienst><xzufi:id>TH-17</xzufi:id><xzufi:bezeichnung>Dienst</xzufi:bezeichnung>
               <xzufi:link><xzufi:typ><code>02</code></xzufi:typ><xzufi:link>https://info.example</xzufi:link></xzufi:link>
               <xzufi:link><xzufi:typ><code>01</code></xzufi:typ><xzufi:link>https://start.example</xzufi:link></xzufi:link>
               <xzufi:vertrauensniveau><code>substantiell</code></xzufi:vertrauensniveau>
               <xzufi:sprachversion><xzufi:languageCode>de</xzufi:languageCode></xzufi:sprachversion></xzufi:onlinedienst></xzufi:schreibe>",
            transfer("TH-17", "Z1"),
            transfer("L100016.OE.9", "Z2"),
            transfer("L100016.OD.9", "Z3"),
        );
        let m = message(&body).expect("parses");
        let kinds: Vec<(&str, TargetKind)> = m
            .catalog
            .responsibilities
            .iter()
            .map(|r| (r.id.as_deref().unwrap_or_default(), r.target.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("Z1", TargetKind::OnlineService),
                ("Z2", TargetKind::Authority),
                ("Z3", TargetKind::OnlineService)
            ]
        );
        let online = &m.catalog.online_services[0];
        assert_eq!(online.url, "https://start.example");
        assert_eq!(online.trust_level.as_deref(), Some("substantiell"));
        assert_eq!(online.lang, ["de"]);
    }

    #[test]
    fn vertrauensniveau_words_map_to_levels() {
        let cases: &[(&str, Option<&str>)] = &[
            ("<code>substantiell</code>", Some("substantiell")),
            ("<code>HOCH</code>", Some("hoch")),
            (
                "<code>x</code><name>Basisregistrierung</name>",
                Some("basisregistrierung"),
            ),
            ("<code>niedrig</code>", None),
        ];
        for (niveau, expected) in cases {
            let m = message(&format!(
                "<xzufi:schreibe><xzufi:onlinedienst><xzufi:id>D</xzufi:id><xzufi:bezeichnung>D</xzufi:bezeichnung>
                 <xzufi:link><xzufi:link>https://d.example</xzufi:link></xzufi:link>
                 <xzufi:vertrauensniveau>{niveau}</xzufi:vertrauensniveau></xzufi:onlinedienst></xzufi:schreibe>"
            ))
            .expect("parses");
            let online = &m.catalog.online_services[0];
            assert_eq!(online.trust_level.as_deref(), *expected, "for {niveau}");
            assert_eq!(
                m.warnings.len(),
                usize::from(expected.is_none()),
                "for {niveau}"
            );
        }
    }

    #[test]
    fn skipped_entries_are_counted_in_one_warning() {
        let spezialisierung = "<xzufi:schreibe><xzufi:spezialisierung><xzufi:id>S</xzufi:id></xzufi:spezialisierung></xzufi:schreibe>";
        let m = message(&format!(
            "{spezialisierung}\n{spezialisierung}\n{spezialisierung}"
        ))
        .expect("parses");
        assert_eq!(m.warnings.len(), 1, "{:?}", m.warnings);
        assert!(
            m.warnings[0].starts_with("t.xml:4: 3 × schreibe <spezialisierung>"),
            "{}",
            m.warnings[0]
        );
    }

    #[test]
    fn deletions_keep_order_and_skip_unknown_classes() {
        let m = message(
            r#"<xzufi:loesche klasse="Zustaendigkeit"><xzufi:id>Z1</xzufi:id></xzufi:loesche>
               <xzufi:loesche klasse="LeistungSpezialisierung"><xzufi:id>S1</xzufi:id></xzufi:loesche>
               <xzufi:loesche klasse="Leistung"><xzufi:id>L1</xzufi:id></xzufi:loesche>"#,
        )
        .expect("parses");
        assert_eq!(
            m.deletions,
            [
                Deletion {
                    class: EntityClass::Zustaendigkeit,
                    id: "Z1".into()
                },
                Deletion {
                    class: EntityClass::Leistung,
                    id: "L1".into()
                },
            ]
        );
        assert!(
            m.warnings
                .iter()
                .any(|w| w.contains("LeistungSpezialisierung")),
            "{:?}",
            m.warnings
        );
    }

    #[test]
    fn written_lists_every_record_with_an_id() {
        let m = message(&format!(
            "{}<xzufi:schreibe><xzufi:zustaendigkeitTransferObjekt><xzufi:uebergeordnetesObjektID>L.OE.1</xzufi:uebergeordnetesObjektID>
              <xzufi:zustaendigkeit><xzufi:id>Z9</xzufi:id><xzufi:leistungID>L100016.LB.1</xzufi:leistungID><xzufi:gebietID>160000000000</xzufi:gebietID></xzufi:zustaendigkeit>
              </xzufi:zustaendigkeitTransferObjekt></xzufi:schreibe>",
            leistung_xml(&text_module("02", "<xzufi:inhalt>N</xzufi:inhalt>"))
        ))
        .expect("parses");
        let written: Vec<_> = m.written().collect();
        assert_eq!(
            written,
            [
                (EntityClass::Leistung, "L100016.LB.1"),
                (EntityClass::Zustaendigkeit, "Z9")
            ]
        );
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
