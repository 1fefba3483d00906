//! LeiKa CSV importer: the Leistungskatalog as the FIM portal exports it.
//!
//! The export is ISO-8859-1 text with a header row naming the columns
//! `Schluessel, Typ, Bezeichnung, Bezeichnung2, Leistungsgruppierung,
//! Leistungskennung, Verrichtung, Verrichtungsdetail, Besondere Merkmale,
//! Synonyme, Veröffentlichungsdatum`. This reader is lenient about the form
//! and strict about the content:
//!
//! - **Encoding**: a UTF-8 byte-order mark is skipped; bytes that are valid
//!   UTF-8 are read as UTF-8 (pure ASCII reads the same either way), anything
//!   else as ISO-8859-1 (decoded as windows-1252, its superset for printable
//!   characters).
//! - **Delimiter**: `;`, `,` or tab, whichever occurs most often (outside
//!   quotes) in the header line.
//! - **Columns** are found by header name, in any order, ignoring case,
//!   surrounding whitespace and quotes, spaces and umlaut spelling
//!   (`Veroeffentlichungsdatum` = `Veröffentlichungsdatum`). Only
//!   `Schluessel` is required; unknown columns are ignored.
//! - **Values**: `Synonyme` and `Besondere Merkmale` are `|`-separated lists;
//!   `Typ` stays a string (`2/3` is a valid value). Every key must have 14
//!   digits, or the import fails naming the file, line and field.
//! - **Damaged rows** fail the import with their line: a field that runs
//!   over a line break (a stray quote at the start of a field opens a quoted
//!   field that swallows the following rows up to the next quote; no LeiKa
//!   field holds a line break), and a row with more filled cells than the
//!   header has columns. Quoted fields that close on their line, with
//!   delimiters or doubled quotes inside, are read as CSV reads them.
//!
//! [`enrich`] then adds the LeiKa synonyms, Typisierung and names to the
//! services that carry a key.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::error::{Error, Result};
use crate::model::records::Catalog;

/// One row of a LeiKa export. Text fields are empty when the export leaves
/// them empty or lacks the column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeikaEntry {
    /// 14-digit key (`Schluessel`).
    pub key: String,
    /// Typisierung as written (`Typ`), e.g. `"2"`, `"4a"` or `"2/3"`.
    pub typ: String,
    /// Official name (`Bezeichnung`).
    pub name: String,
    /// Citizen-friendly name (`Bezeichnung2`).
    pub citizen_name: String,
    /// Leistungsgruppierung (`Leistungsgruppierung`).
    pub group: String,
    /// Leistungskennung, the Leistungsobjekt (`Leistungskennung`).
    pub object: String,
    /// What is done, e.g. "Erteilung" (`Verrichtung`).
    pub verrichtung: String,
    /// Verrichtungsdetail (`Verrichtungsdetail`).
    pub verrichtungsdetail: String,
    /// Besondere Merkmale, split at `|`.
    pub features: Vec<String>,
    /// Synonyme, split at `|`.
    pub synonyms: Vec<String>,
    /// Veröffentlichungsdatum as written (the portal uses `DD.MM.YYYY`).
    pub published: String,
    /// 1-based line of the row in the file, for messages.
    pub line: usize,
}

impl LeikaEntry {
    /// The Typisierung codes of `typ`: `"2/3"` → `["2", "3"]`.
    ///
    /// A combined value means that both types apply, so each becomes its own
    /// code, matching the list form of `Service::typisierung`.
    pub fn typisierung(&self) -> Vec<String> {
        self.typ
            .split('/')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect()
    }
}

/// What [`enrich`] changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnrichReport {
    /// Services that carry at least one key found in the export.
    pub services_enriched: usize,
    /// Synonyms added over all services.
    pub synonyms_added: usize,
    /// Services whose empty `typisierung` was filled from `Typ`.
    pub typisierung_filled: usize,
    /// Services whose empty `name` was filled.
    pub names_filled: usize,
    /// Distinct keys of the export that match no service (a full export
    /// has thousands; they are summarised in one warning).
    pub entries_unused: usize,
    /// Non-fatal remarks, each a single summary line.
    pub warnings: Vec<String>,
}

/// Parses a LeiKa CSV export (see the module docs for what is accepted).
pub fn parse(bytes: &[u8], file: &str) -> Result<Vec<LeikaEntry>> {
    let text = decode(bytes);
    let header_line = text.lines().next().unwrap_or_default();
    let delimiter = detect_delimiter(header_line);

    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header_record = reader.headers().map_err(|e| csv_error(file, e))?.clone();
    check_row(&header_record, None, 1, &text, file, delimiter)?;
    let written: Vec<String> = header_record
        .iter()
        .map(|h| unquote(h).to_string())
        .collect();
    let headers: Vec<String> = written.iter().map(|h| column_key(h)).collect();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let key_column = column("schluessel").ok_or_else(|| Error::Record {
        file: file.to_string(),
        record: "header (line 1)".into(),
        field: "Schluessel".into(),
        message: format!(
            "the export has no `Schluessel` column; columns found: {}",
            if written.iter().all(String::is_empty) {
                "none".to_string()
            } else {
                written.join(", ")
            }
        ),
    })?;
    let columns = Columns {
        typ: column("typ"),
        name: column("bezeichnung"),
        citizen_name: column("bezeichnung2"),
        group: column("leistungsgruppierung"),
        object: column("leistungskennung"),
        verrichtung: column("verrichtung"),
        verrichtungsdetail: column("verrichtungsdetail"),
        features: column("besonderemerkmale"),
        synonyms: column("synonyme"),
        published: column("veroeffentlichungsdatum"),
    };

    let mut entries = Vec::new();
    let mut lines = LineCounter::new(&text);
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(file, e))?;
        if record.iter().all(|cell| unquote(cell).is_empty()) {
            continue;
        }
        let start = record.position().map_or(0, |p| p.byte());
        let line = lines.line_of(start);
        check_row(
            &record,
            Some(&written),
            line,
            lines.line_text(),
            file,
            delimiter,
        )?;
        let cell = |index: Option<usize>| {
            index
                .and_then(|i| record.get(i))
                .map(|c| unquote(c).to_string())
                .unwrap_or_default()
        };
        let key = cell(Some(key_column));
        if key.len() != 14 || !key.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::Record {
                file: file.to_string(),
                record: format!("row at line {line}"),
                field: "Schluessel".into(),
                message: format!("{key:?} is not a 14-digit LeiKa key"),
            });
        }
        entries.push(LeikaEntry {
            key,
            typ: cell(columns.typ),
            name: cell(columns.name),
            citizen_name: cell(columns.citizen_name),
            group: cell(columns.group),
            object: cell(columns.object),
            verrichtung: cell(columns.verrichtung),
            verrichtungsdetail: cell(columns.verrichtungsdetail),
            features: split_list(&cell(columns.features)),
            synonyms: split_list(&cell(columns.synonyms)),
            published: cell(columns.published),
            line,
        });
    }
    Ok(entries)
}

/// Enriches services by LeiKa key: for each service whose `leika` list holds
/// an entry's key, the entry's synonyms are appended (skipping ones already
/// present, ignoring case), an empty `typisierung` is set from `Typ` (see
/// [`LeikaEntry::typisierung`]), and an empty `name` is set from
/// `Bezeichnung2`, else `Bezeichnung`. Nothing an editor wrote is replaced.
///
/// If a key occurs in several rows, the first row is used.
pub fn enrich(catalog: &mut Catalog, entries: &[LeikaEntry]) -> EnrichReport {
    let mut report = EnrichReport::default();
    let mut by_key: HashMap<&str, &LeikaEntry> = HashMap::new();
    let mut duplicates = Vec::new();
    for entry in entries {
        if by_key.insert(&entry.key, entry).is_some() {
            duplicates.push(entry);
        }
    }
    // `insert` kept the last row; put the first one back.
    for entry in entries.iter().rev() {
        by_key.insert(&entry.key, entry);
    }

    let mut used: HashSet<&str> = HashSet::new();
    let mut missing: Vec<String> = Vec::new();
    for service in &mut catalog.services {
        let mut matched = false;
        for key in &service.leika {
            let key = key
                .trim()
                .strip_prefix("urn:de:fim:leika:leistung:")
                .unwrap_or(key.trim());
            let Some(entry) = by_key.get(key) else {
                missing.push(format!("{:?} ({key})", service.id));
                continue;
            };
            matched = true;
            used.insert(&entry.key);
            for synonym in &entry.synonyms {
                let lower = synonym.to_lowercase();
                if !service.synonyms.iter().any(|s| s.to_lowercase() == lower) {
                    service.synonyms.push(synonym.clone());
                    report.synonyms_added += 1;
                }
            }
            if service.typisierung.is_empty() && !entry.typisierung().is_empty() {
                service.typisierung = entry.typisierung();
                report.typisierung_filled += 1;
            }
            if service.name.trim().is_empty() {
                let name = [&entry.citizen_name, &entry.name]
                    .into_iter()
                    .find(|n| !n.is_empty());
                if let Some(name) = name {
                    service.name = name.clone();
                    report.names_filled += 1;
                }
            }
        }
        if matched {
            report.services_enriched += 1;
        }
    }

    report.entries_unused = by_key.len() - used.len();
    if report.entries_unused > 0 {
        let mut examples: Vec<&str> = by_key
            .keys()
            .filter(|k| !used.contains(*k))
            .copied()
            .collect();
        examples.sort_unstable();
        report.warnings.push(format!(
            "LeiKa: {} of {} entries match no service (e.g. {})",
            report.entries_unused,
            by_key.len(),
            summary(&examples)
        ));
    }
    if !missing.is_empty() {
        report.warnings.push(format!(
            "LeiKa: {} service key(s) are not in the export: {}",
            missing.len(),
            summary(&missing)
        ));
    }
    if !duplicates.is_empty() {
        let lines: Vec<String> = duplicates
            .iter()
            .map(|e| format!("{} (line {})", e.key, e.line))
            .collect();
        report.warnings.push(format!(
            "LeiKa: {} row(s) repeat an earlier key and were ignored: {}",
            duplicates.len(),
            summary(&lines)
        ));
    }
    report
}

/// The first few items, with a count of the rest.
fn summary<T: AsRef<str>>(items: &[T]) -> String {
    const SHOWN: usize = 5;
    let shown: Vec<&str> = items.iter().take(SHOWN).map(AsRef::as_ref).collect();
    let mut text = shown.join(", ");
    if items.len() > SHOWN {
        text.push_str(&format!(" and {} more", items.len() - SHOWN));
    }
    text
}

/// Line numbers from byte offsets. The csv reader's own line count skips
/// blank lines, so it is recomputed, incrementally since rows come in order.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// The text from the start of the line last asked for by [`Self::line_of`].
    fn line_text(&self) -> &'a str {
        std::str::from_utf8(&self.text[self.offset..]).unwrap_or_default()
    }

    /// The 1-based line of the record starting at `byte`; offsets must not
    /// decrease between calls.
    fn line_of(&mut self, byte: u64) -> usize {
        let byte = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .clamp(self.offset, self.text.len());
        // A record's position can be the start of blank lines skipped before it.
        let byte = byte
            + self.text[byte..]
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
        self.line += self.text[self.offset..byte]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.offset = byte;
        self.line
    }
}

/// Fails on a row that CSV reads differently from what its author meant: a
/// field holding a line break, which only a quote left open produces in a
/// LeiKa export (it swallows the following rows up to the next quote), and
/// more filled cells than the header has columns (the columns are shifted).
/// `from_line` is the row's text from its first line on; `headers` is `None`
/// for the header row itself.
fn check_row(
    record: &csv::StringRecord,
    headers: Option<&[String]>,
    line: usize,
    from_line: &str,
    file: &str,
    delimiter: u8,
) -> Result<()> {
    let column_name = |index: usize| match headers.and_then(|h| h.get(index)) {
        Some(name) if !name.is_empty() => format!("`{name}`"),
        _ => format!("{}", index + 1),
    };
    if let Some(index) = record.iter().position(|cell| cell.contains(['\n', '\r'])) {
        let breaks: usize = record.iter().map(|cell| cell.matches('\n').count()).sum();
        let first_line = from_line.lines().next().unwrap_or_default();
        let column = unclosed_quote(first_line, delimiter).unwrap_or(1);
        let row = if headers.is_some() {
            "row"
        } else {
            "header row"
        };
        return Err(Error::Syntax {
            file: file.to_string(),
            line,
            column,
            message: format!(
                "malformed CSV: a quote (\") opens column {} of this {row} and is not closed before the line ends, \
                 so lines {}–{} were read into that one field and their rows are lost; \
                 remove the stray quote, close it at the end of the field, or double it (\"\") to keep it as a character",
                column_name(index),
                line + 1,
                line + breaks,
            ),
        });
    }
    if let Some(headers) = headers {
        let filled = (0..record.len())
            .rev()
            .find(|&i| record.get(i).is_some_and(|cell| !unquote(cell).is_empty()))
            .map_or(0, |i| i + 1);
        if filled > headers.len() {
            return Err(Error::Syntax {
                file: file.to_string(),
                line,
                column: 1,
                message: format!(
                    "malformed CSV: the row has {filled} cells but the header names {} columns, so its values stand in the wrong columns; \
                     remove the stray delimiter ({:?}) or quote the cell that contains it",
                    headers.len(),
                    char::from(delimiter)
                ),
            });
        }
    }
    Ok(())
}

/// The 1-based column of a quote that opens a field of `line` and is still
/// open at the line's end, if any. As CSV reads them, a quote opens a field
/// only as its first character; `""` inside a quoted field is a quote.
fn unclosed_quote(line: &str, delimiter: u8) -> Option<usize> {
    let delimiter = char::from(delimiter);
    let mut open: Option<usize> = None;
    let mut at_field_start = true;
    let mut chars = line.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        match open {
            Some(_) if c == '"' => {
                if chars.peek().is_some_and(|&(_, next)| next == '"') {
                    chars.next();
                } else {
                    open = None;
                }
            }
            Some(_) => {}
            None if c == '"' && at_field_start => {
                open = Some(i + 1);
                at_field_start = false;
            }
            None => at_field_start = c == delimiter,
        }
    }
    open
}

struct Columns {
    typ: Option<usize>,
    name: Option<usize>,
    citizen_name: Option<usize>,
    group: Option<usize>,
    object: Option<usize>,
    verrichtung: Option<usize>,
    verrichtungsdetail: Option<usize>,
    features: Option<usize>,
    synonyms: Option<usize>,
    published: Option<usize>,
}

/// UTF-8 (with or without BOM) when the bytes are valid UTF-8, else ISO-8859-1.
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        // Latin-1 text with umlauts is practically never valid UTF-8.
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

/// The delimiter that occurs most often outside quotes in the header line;
/// `;` (the portal's) when there is none or on a tie.
fn detect_delimiter(header: &str) -> u8 {
    let mut counts = [(b';', 0usize), (b'\t', 0), (b',', 0)];
    let mut quoted = false;
    for byte in header.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some((_, count)) = counts.iter_mut().find(|(d, _)| *d == byte) {
                *count += 1;
            }
        }
    }
    counts
        .iter()
        .fold(
            (b';', 0),
            |best, &(d, n)| if n > best.1 { (d, n) } else { best },
        )
        .0
}

/// Header name → lookup key: lowercase ASCII letters and digits only, with
/// umlauts spelt out.
fn column_key(header: &str) -> String {
    let mut key = String::new();
    for c in unquote(header).chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => key.push_str("ae"),
            'ö' => key.push_str("oe"),
            'ü' => key.push_str("ue"),
            'ß' => key.push_str("ss"),
            c if c.is_ascii_alphanumeric() => key.push(c),
            _ => {}
        }
    }
    key
}

/// Removes whitespace and one pair of surrounding quotes (which the csv
/// reader keeps when whitespace precedes the opening quote).
fn unquote(cell: &str) -> &str {
    let cell = cell.trim().trim_start_matches('\u{feff}');
    cell.strip_prefix('"')
        .and_then(|c| c.strip_suffix('"'))
        .map_or(cell, str::trim)
}

fn split_list(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn csv_error(file: &str, error: csv::Error) -> Error {
    let line = error
        .position()
        .map_or(1, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
    Error::Syntax {
        file: file.to_string(),
        line,
        column: 1,
        message: format!("malformed CSV: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::Service;

    const HEADER: &str = "Schluessel;Typ;Bezeichnung;Bezeichnung2;Leistungsgruppierung;Leistungskennung;Verrichtung;Verrichtungsdetail;Besondere Merkmale;Synonyme;Veröffentlichungsdatum";

    fn latin1(text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
        assert!(!unmappable, "test text must be Latin-1");
        bytes.into_owned()
    }

    fn entry(key: &str) -> LeikaEntry {
        LeikaEntry {
            key: key.into(),
            ..LeikaEntry::default()
        }
    }

    #[test]
    fn decodes_latin1_and_utf8_alike() {
        let text = format!(
            "{HEADER}\n99108001001000;5;Hundesteuer Anmeldung;Hund anmelden;;;;;;Hundesteuer|Hundemarke|Hündin;01.01.2019\n"
        );
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        for (label, bytes) in [
            ("latin-1", latin1(&text)),
            ("utf-8", text.clone().into_bytes()),
            ("utf-8 with BOM", with_bom),
        ] {
            let entries = parse(&bytes, "l.csv").unwrap_or_else(|e| panic!("{label}: {e}"));
            assert_eq!(entries.len(), 1, "{label}");
            assert_eq!(entries[0].synonyms[2], "Hündin", "{label}");
            assert_eq!(entries[0].published, "01.01.2019", "{label}");
        }
    }

    #[test]
    fn detects_the_delimiter_from_the_header() {
        let cases: &[(&str, u8)] = &[
            ("Schluessel;Typ;Bezeichnung", b';'),
            ("Schluessel,Typ,Bezeichnung", b','),
            ("Schluessel\tTyp\tBezeichnung", b'\t'),
            ("\"Schluessel;x\",Typ,Bezeichnung", b','),
            ("Schluessel", b';'),
        ];
        for (header, expected) in cases {
            assert_eq!(detect_delimiter(header), *expected, "for {header:?}");
        }
    }

    #[test]
    fn finds_columns_by_name_in_any_order_and_spelling() {
        let csv = " \"Synonyme\" , Typ ,SCHLUESSEL,Veroeffentlichungsdatum,Bezeichnung2,Extra\n\
                   \"Ausweis|Perso\",2/3,\"99102001001000\",01.02.2020,Personalausweis beantragen,x\n";
        let entries = parse(csv.as_bytes(), "c.csv").expect("parses");
        assert_eq!(
            entries,
            [LeikaEntry {
                key: "99102001001000".into(),
                typ: "2/3".into(),
                citizen_name: "Personalausweis beantragen".into(),
                synonyms: vec!["Ausweis".into(), "Perso".into()],
                published: "01.02.2020".into(),
                line: 2,
                ..LeikaEntry::default()
            }]
        );
    }

    #[test]
    fn splits_multi_value_fields() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("Hund", &["Hund"]),
            ("Hund | Hündin ||Welpe ", &["Hund", "Hündin", "Welpe"]),
        ];
        for (cell, expected) in cases {
            assert_eq!(split_list(cell), *expected, "for {cell:?}");
        }
        let typ = |t: &str| LeikaEntry {
            typ: t.into(),
            ..LeikaEntry::default()
        };
        assert_eq!(typ("2/3").typisierung(), ["2", "3"]);
        assert_eq!(typ("4a").typisierung(), ["4a"]);
        assert!(typ("").typisierung().is_empty());
    }

    #[test]
    fn bad_keys_name_file_line_and_field() {
        let cases: &[(&str, usize)] = &[
            ("99108001001000;5\n9910800100100;5\n", 3),
            ("99108001001000;5\n\n99108001001000X;5\n", 4),
            ("991080010010001;5\n", 2),
            (";5\n", 2),
        ];
        for (rows, expected_line) in cases {
            let csv = format!("Schluessel;Typ\n{rows}");
            match parse(csv.as_bytes(), "k.csv") {
                Err(Error::Record {
                    file,
                    record,
                    field,
                    ..
                }) => {
                    assert_eq!(file, "k.csv");
                    assert_eq!(
                        record,
                        format!("row at line {expected_line}"),
                        "for {rows:?}"
                    );
                    assert_eq!(field, "Schluessel");
                }
                other => panic!("expected a record error for {rows:?}, got {other:?}"),
            }
        }
    }

    #[test]
    fn a_stray_quote_is_an_error_at_its_line_and_column() {
        // The quote opens `Bezeichnung` of line 3 and is closed only by the
        // first quote of line 5: lines 4 and 5 would vanish into one field.
        let csv = format!(
            "{HEADER}\n\
             99108001001000;5;Hundesteuer Anmeldung;;;;;;;Hundemarke;01.01.2019\n\
             99108001002000;5;\"Hundesteuer Abmeldung;;;;;;;Hund abmelden;01.01.2019\n\
             99102001001000;2;Personalausweis Ausstellung;;;;;;;Perso;01.11.2010\n\
             99102002001000;2;Reisepass Ausstellung;;;;;;;\"Pass|Reisepass\";01.11.2010\n"
        );
        match parse(csv.as_bytes(), "leika.csv") {
            Err(Error::Syntax {
                file,
                line,
                column,
                message,
            }) => {
                assert_eq!((file.as_str(), line, column), ("leika.csv", 3, 18));
                assert!(
                    message.contains("column `Bezeichnung`") && message.contains("lines 4–5"),
                    "{message}"
                );
            }
            other => panic!("expected a syntax error, got {other:?}"),
        }
        // Never closed: the rest of the file would vanish.
        let csv = format!("{HEADER}\n99108001002000;5;\"Hundesteuer\n99102001001000;2\n");
        assert!(
            matches!(
                parse(csv.as_bytes(), "l.csv"),
                Err(Error::Syntax {
                    line: 2,
                    column: 18,
                    ..
                })
            ),
            "{:?}",
            parse(csv.as_bytes(), "l.csv")
        );
        // In the header.
        let csv = "Schluessel;\"Typ\n99108001002000;5\n";
        assert!(matches!(
            parse(csv.as_bytes(), "l.csv"),
            Err(Error::Syntax {
                line: 1,
                column: 12,
                ..
            })
        ));
    }

    #[test]
    fn quoted_fields_that_close_on_their_line_are_fine() {
        let csv = "Schluessel;Bezeichnung;Synonyme\n\
                   \"99108001001000\";\"Hund; Katze\";\"Der \"\"Hund\"\"|Wau\"\n\
                   99108001002000;Hund \"Bello\" abmelden;\n\
                   99108001003000;Hund;;\n";
        let entries = parse(csv.as_bytes(), "ok.csv").expect("parses");
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].name, "Hund; Katze");
        assert_eq!(entries[0].synonyms, ["Der \"Hund\"", "Wau"]);
        assert_eq!(entries[1].name, "Hund \"Bello\" abmelden");
    }

    #[test]
    fn a_row_with_more_cells_than_columns_is_an_error() {
        let csv = "Schluessel;Typ;Bezeichnung\n99108001001000;5;Hund;Katze\n";
        match parse(csv.as_bytes(), "l.csv") {
            Err(Error::Syntax { line, message, .. }) => {
                assert_eq!(line, 2);
                assert!(
                    message.contains("4 cells") && message.contains("3 columns"),
                    "{message}"
                );
            }
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn missing_key_column_is_a_clear_error() {
        let err = parse(b"Key;Typ\n99108001001000;5\n", "h.csv").expect_err("no Schluessel");
        let message = err.to_string();
        assert!(
            message.contains("Schluessel") && message.contains("Key, Typ"),
            "{message}"
        );
    }

    #[test]
    fn enrich_adds_synonyms_typ_and_names_without_overwriting() {
        let mut catalog = Catalog {
            services: vec![
                Service {
                    id: "hund".into(),
                    name: "Hund anmelden".into(),
                    leika: vec!["99108001001000".into()],
                    synonyms: vec!["hundemarke".into()],
                    ..Service::default()
                },
                Service {
                    id: "ausweis".into(),
                    leika: vec!["urn:de:fim:leika:leistung:99102001001000".into()],
                    typisierung: vec!["1".into()],
                    ..Service::default()
                },
                Service {
                    id: "ohne".into(),
                    name: "Ohne LeiKa".into(),
                    ..Service::default()
                },
                Service {
                    id: "veraltet".into(),
                    name: "Alter Schlüssel".into(),
                    leika: vec!["99999999999999".into()],
                    ..Service::default()
                },
            ],
            ..Catalog::default()
        };
        let entries = vec![
            LeikaEntry {
                typ: "5".into(),
                name: "Hundesteuer Anmeldung".into(),
                synonyms: vec!["Hundemarke".into(), "Hundesteuer".into()],
                ..entry("99108001001000")
            },
            LeikaEntry {
                typ: "2/3".into(),
                name: "Personalausweis Ausstellung".into(),
                citizen_name: "Personalausweis beantragen".into(),
                synonyms: vec!["Perso".into()],
                ..entry("99102001001000")
            },
            LeikaEntry {
                name: "Zweite Zeile".into(),
                line: 9,
                ..entry("99102001001000")
            },
            entry("99001001001000"),
            entry("99001001002000"),
        ];
        let report = enrich(&mut catalog, &entries);
        let [hund, ausweis, ohne, veraltet] = &catalog.services[..] else {
            panic!("four services");
        };
        assert_eq!(hund.synonyms, ["hundemarke", "Hundesteuer"]);
        assert_eq!(hund.typisierung, ["5"]);
        assert_eq!(hund.name, "Hund anmelden");
        assert_eq!(ausweis.name, "Personalausweis beantragen");
        assert_eq!(ausweis.typisierung, ["1"]);
        assert_eq!(ausweis.synonyms, ["Perso"]);
        assert!(ohne.synonyms.is_empty());
        assert!(veraltet.synonyms.is_empty());
        assert_eq!(
            (
                report.services_enriched,
                report.synonyms_added,
                report.typisierung_filled,
                report.names_filled,
                report.entries_unused
            ),
            (2, 2, 1, 1, 2)
        );
        assert_eq!(report.warnings.len(), 3, "{:?}", report.warnings);
        assert!(report.warnings[0].contains("2 of 4 entries match no service"));
        assert!(report.warnings[1].contains("\"veraltet\" (99999999999999)"));
        assert!(report.warnings[2].contains("99102001001000 (line 9)"));
    }

    #[test]
    fn thousands_of_unused_entries_make_one_warning() {
        let entries: Vec<LeikaEntry> = (0..3000).map(|i| entry(&format!("99{i:012}"))).collect();
        let report = enrich(&mut Catalog::default(), &entries);
        assert_eq!(report.entries_unused, 3000);
        assert_eq!(report.warnings.len(), 1);
        assert!(
            report.warnings[0].contains("and 2995 more"),
            "{}",
            report.warnings[0]
        );
    }
}
