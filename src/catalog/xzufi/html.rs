//! A minimal HTML-to-text conversion for editorial texts; the rules are
//! listed in the importer's module docs.
//!
//! The output is plain text that is indexed and shown as text, never HTML
//! rendered in a page, so dropping tags is enough and no sanitiser is
//! needed.

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
                            Some(at) => rest[at..].find('>').map_or("", |e| &rest[at + e + 1..]),
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
                                if external && !shown.contains(href.trim_start_matches("mailto:")) {
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
