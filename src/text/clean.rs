//! Characters catalog text must not carry into an index: control characters
//! and the bidi controls that reorder what a reader sees.
//!
//! Removed everywhere, by the builder ([`clean`]):
//! - C0 controls (U+0000–U+001F) except tab and line feed, which texts use
//!   for layout (a carriage return goes, so `\r\n` becomes `\n`), DEL
//!   (U+007F) and the C1 controls (U+0080–U+009F): NUL cuts strings short
//!   in C-based tools, ESC starts terminal escape sequences in `zufi search`
//!   output, and none of them shows as anything a citizen could read;
//! - the bidi embeddings, overrides and isolates (U+202A–U+202E,
//!   U+2066–U+2069): they reverse or reorder the characters after them, so
//!   that a file name "\u{202E}fdp.exe" shows as a harmless "exe.pdf" and a
//!   name can display differently from what is searched and stored.
//!
//! Kept: the direction *marks* (LRM U+200E, RLM U+200F, ALM U+061C). They
//! are invisible, reorder nothing by themselves — a mark only lends a
//! direction to neutral characters such as punctuation next to it — and
//! texts in Arabic or Hebrew (translations, names) need them to render
//! correctly. Web addresses must not hold them either ([`is_direction_mark`]).

use std::borrow::Cow;

/// True for a character [`clean`] removes.
pub(crate) fn is_removed(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// True for an invisible direction mark, which [`clean`] keeps in text.
pub(crate) fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// `text` without the characters of [`is_removed`]; borrowed when it has
/// none, which is almost always.
pub(crate) fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_removed) {
        Cow::Owned(text.chars().filter(|&c| !is_removed(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// A removed character as a message names it, e.g. `U+001B (escape)`.
#[cfg(feature = "import")]
pub(crate) fn describe_removed(c: char) -> String {
    let what = match c {
        '\u{0}' => "NUL",
        '\u{1b}' => "escape",
        '\r' => "carriage return",
        '\u{202a}'..='\u{202e}' => "a bidi embedding or override, which reorders the text after it",
        '\u{2066}'..='\u{2069}' => "a bidi isolate, which reorders the text after it",
        _ => "a control character",
    };
    format!("U+{:04X} ({what})", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_controls_and_bidi_overrides_and_keeps_layout_and_marks() {
        let cases = [
            ("Personalausweis", "Personalausweis"),
            ("Hunde\u{0}steuer", "Hundesteuer"),
            ("\u{1b}[31mrot\u{1b}[0m", "[31mrot[0m"),
            ("fdp\u{202e}exe.pdf", "fdpexe.pdf"),
            ("a\u{2066}b\u{2069}c\u{202a}d\u{202c}", "abcd"),
            (
                "Zeile 1\r\nZeile 2\n\n\tEingerückt",
                "Zeile 1\nZeile 2\n\n\tEingerückt",
            ),
            ("\u{7f}\u{80}\u{85}\u{9f}x", "x"),
            ("שלום\u{200f}.", "שלום\u{200f}."),
            ("a\u{200e}b\u{61c}c", "a\u{200e}b\u{61c}c"),
            ("Straße ä ö ü € – „“", "Straße ä ö ü € – „“"),
        ];
        for (text, cleaned) in cases {
            assert_eq!(clean(text), cleaned, "{text:?}");
        }
        assert!(matches!(clean("nichts zu tun"), Cow::Borrowed(_)));
    }

    #[test]
    #[cfg(feature = "import")]
    fn removed_characters_are_named() {
        assert_eq!(describe_removed('\u{0}'), "U+0000 (NUL)");
        assert_eq!(describe_removed('\u{1b}'), "U+001B (escape)");
        assert!(describe_removed('\u{202e}').starts_with("U+202E (a bidi"));
    }
}
