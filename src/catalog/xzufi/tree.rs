//! One entry of a message as a tree of elements, and where in the file each
//! element starts.
//!
//! A record mapper looks at an entry's children in any order and several
//! times (language variants, optional containers), which a stream of events
//! does not allow; an entry is small, so it is read whole. Elements keep the
//! byte offset of their start tag, and `Source` turns offsets into line and
//! column only when an error or warning needs one: most messages need none.
//! Names are local names, so any namespace prefix reads the same.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::catalog::xzufi::html;
use crate::error::{Error, Result};

/// An element of an entry: local name, attributes, children, and the byte
/// offset of its start tag for error positions.
#[derive(Debug, Default)]
pub(super) struct Element {
    pub(super) name: String,
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

    pub(super) fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Text(_) => None,
        })
    }

    pub(super) fn children_named<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements().filter(move |e| e.name == name)
    }

    pub(super) fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// Follows a path of child names, e.g. `["anschrift", "ort"]`.
    pub(super) fn path(&self, names: &[&str]) -> Option<&Element> {
        names
            .iter()
            .try_fold(self, |element, name| element.child(name))
    }

    pub(super) fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The element's own text (all descendants' text, concatenated), trimmed.
    pub(super) fn text(&self) -> String {
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
    pub(super) fn value(&self) -> Option<String> {
        Some(self.text()).filter(|t| !t.is_empty())
    }

    /// The value of a code-type element: its `code` child, or its own text.
    pub(super) fn code(&self) -> Option<String> {
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
    pub(super) fn plain_text(&self) -> Option<String> {
        Some(html::to_text(&self.markup())).filter(|t| !t.is_empty())
    }
}

pub(super) fn local_name(start: &BytesStart) -> String {
    String::from_utf8_lossy(start.local_name().as_ref()).into_owned()
}

pub(super) fn position(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

/// Reads the rest of the element opened by `start` into a tree. Iterative, so
/// deeply nested input cannot overflow the stack.
pub(super) fn read_element(
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

/// The message being read, for errors that name its file and a line.
pub(super) struct Source<'a> {
    xml: &'a str,
    pub(super) file: &'a str,
    /// Byte offsets of line starts, built on first use: warnings in a large
    /// message must not rescan the text each time.
    line_starts: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> Source<'a> {
    pub(super) fn new(xml: &'a str, file: &'a str) -> Self {
        Source {
            xml,
            file,
            line_starts: std::cell::OnceCell::new(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
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

    pub(super) fn syntax(&self, offset: usize, message: String) -> Error {
        let (line, column) = self.line_column(offset);
        Error::Syntax {
            file: self.file.to_string(),
            line,
            column,
            message,
        }
    }

    pub(super) fn xml_error(&self, reader: &Reader<&[u8]>, error: quick_xml::Error) -> Error {
        let offset = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
        self.syntax(offset, format!("malformed XML: {error}"))
    }

    pub(super) fn record(&self, record: &str, field: &str, message: impl Into<String>) -> Error {
        Error::Record {
            file: self.file.to_string(),
            record: record.to_string(),
            field: field.to_string(),
            message: message.into(),
        }
    }

    pub(super) fn line(&self, element: &Element) -> usize {
        self.line_column(element.offset).0
    }
}
