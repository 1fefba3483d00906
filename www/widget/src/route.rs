//! The widget's part of the URL hash: `#zufi:q=<query>&s=<service id>&ars=<ARS>`.
//!
//! Only set keys are written, each URI-encoded like `encodeURIComponent`, so
//! a link can be bookmarked or shared. Hashes that do not start with
//! `#zufi:` belong to the host page and are never read as widget state.
//!
//! Several finders on one page share the one hash, each with keys of its
//! own: a finder whose host element has an id (its *scope*) writes
//! `<id>.q`, `<id>.s` and `<id>.ars` (the id URI-encoded), as in
//! `#zufi:leistungen.s=th-hundesteuer&kita.q=anmeldung`; a finder without
//! one writes the plain keys. A finder reads and rewrites only its own keys
//! and keeps the others', so that one history entry holds every finder's
//! state and Back/Forward restores each, and a deep link addresses one
//! finder without touching the others.

use zufi::Ars;

/// The widget state a deep link carries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Route {
    /// The search text.
    pub query: Option<String>,
    /// The id of the opened service.
    pub service: Option<String>,
    /// The key of the chosen place.
    pub ars: Option<Ars>,
}

const PREFIX: &str = "zufi:";

/// The most UTF-16 units of the address hash a finder reads. Every finder
/// of a page with a query of the 200 characters searched, percent-encoded
/// (up to 12 units for a character of four UTF-8 bytes), fits several
/// times; what lies beyond is cut before it reaches the wasm memory.
pub const MAX_HASH_CHARS: usize = 16 * 1024;

/// The keys a route is written with.
const NAMES: [&str; 3] = ["q", "s", "ars"];

/// Splits a raw key (`q`, `leistungen.q`) into the scope it belongs to and
/// its name. The names hold no `.`, so the scope is everything before the
/// last one; `None` when the scope does not decode.
fn split_key(key: &str) -> Option<(Option<String>, &str)> {
    match key.rsplit_once('.') {
        Some((scope, name)) => Some((Some(decode(scope)?), name)),
        None => Some((None, key)),
    }
}

/// The scope a finder uses: `None` for an empty id.
fn scope_of(scope: Option<&str>) -> Option<&str> {
    scope.filter(|s| !s.is_empty())
}

impl Route {
    /// True when no key is set: the hash then carries nothing of the widget.
    pub fn is_empty(&self) -> bool {
        self.query.is_none() && self.service.is_none() && self.ars.is_none()
    }

    /// Reads a `location.hash` (with or without the leading `#`). `None` when
    /// the hash is not the widget's; unknown keys and undecodable values are
    /// skipped (so is a malformed ARS), because a mangled link should still
    /// open the widget.
    pub fn parse(hash: &str) -> Option<Route> {
        Route::parse_scoped(hash, None)
    }

    /// Reads the keys of the finder with `scope` (the id of its host
    /// element; `None` or empty: the plain keys) from a `location.hash`;
    /// other finders' keys are skipped. `None` when the hash is not the
    /// widget's.
    pub fn parse_scoped(hash: &str, scope: Option<&str>) -> Option<Route> {
        let scope = scope_of(scope);
        let mut route = Route::default();
        for pair in pairs(hash)? {
            let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
            let Some((pair_scope, key)) = split_key(key) else {
                continue;
            };
            if pair_scope.as_deref() != scope {
                continue;
            }
            let Some(value) = decode(raw).filter(|v| !v.is_empty()) else {
                continue;
            };
            match key {
                "q" => route.query = Some(value),
                "s" => route.service = Some(value),
                "ars" => {
                    if let Ok(ars) = value.parse() {
                        route.ars = Some(ars);
                    }
                }
                _ => {}
            }
        }
        Some(route)
    }

    /// The hash for this route, including `#`; empty for an empty route.
    pub fn to_hash(&self) -> String {
        self.write_into("", None)
    }

    /// `hash` with the keys of the finder with `scope` replaced by this
    /// route's, including `#`: other finders' keys stay as they were, in
    /// their order, before this finder's. A hash that is not the widget's
    /// (the host page's own anchor) is replaced. Empty when no key is left.
    pub fn write_into(&self, hash: &str, scope: Option<&str>) -> String {
        let scope = scope_of(scope);
        let mut kept: Vec<String> = pairs(hash)
            .into_iter()
            .flatten()
            .filter(|pair| {
                let key = pair.split_once('=').map_or(*pair, |(key, _)| key);
                // Keys that do not decode belong to nobody: dropped.
                split_key(key).is_some_and(|(owner, name)| {
                    owner.as_deref() != scope || !NAMES.contains(&name)
                })
            })
            .map(String::from)
            .collect();
        let prefix = scope.map(|s| format!("{}.", encode(s))).unwrap_or_default();
        let ars = self.ars.map(|a| a.to_string());
        let values = [&self.query, &self.service, &ars];
        kept.extend(NAMES.into_iter().zip(values).filter_map(|(key, value)| {
            value
                .as_deref()
                .filter(|v| !v.is_empty())
                .map(|v| format!("{prefix}{key}={}", encode(v)))
        }));
        if kept.is_empty() {
            String::new()
        } else {
            format!("#{PREFIX}{}", kept.join("&"))
        }
    }
}

/// `hash` cut to at most `max` bytes where the text it encodes has a
/// character boundary: never inside a `%XX` escape, nor between the escapes
/// of one character's UTF-8 bytes, so that a query cut off in a long link
/// still decodes up to there. `hash` may reach a few bytes past `max`: they
/// tell whether the text goes on in the middle of a character.
pub fn cut_hash(hash: &str, max: usize) -> &str {
    if hash.len() <= max {
        return hash;
    }
    let bytes = hash.as_bytes();
    let escape_at = |at: usize| bytes.get(at) == Some(&b'%');
    let continues_character = |at: usize| {
        escape_at(at)
            && hash
                .get(at + 1..at + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                .is_some_and(|byte| byte & 0xC0 == 0x80)
    };
    (0..=max)
        .rev()
        .take(16)
        .find(|&end| {
            hash.is_char_boundary(end)
                && !escape_at(end.wrapping_sub(1))
                && !escape_at(end.wrapping_sub(2))
                && !continues_character(end)
        })
        .map_or("", |end| &hash[..end])
}

/// The `key=value` pairs of a widget hash; `None` when the hash is not the
/// widget's.
fn pairs(hash: &str) -> Option<impl Iterator<Item = &str>> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    let rest = hash.strip_prefix(PREFIX)?;
    Some(rest.split('&').filter(|p| !p.is_empty()))
}

/// Percent-encodes like JavaScript's `encodeURIComponent`.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Reverses [`encode`]; `None` for a malformed escape or bytes that are not
/// UTF-8.
pub fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(q: Option<&str>, s: Option<&str>, ars: Option<&str>) -> Route {
        Route {
            query: q.map(String::from),
            service: s.map(String::from),
            ars: ars.map(|a| a.parse().expect("valid ARS")),
        }
    }

    #[test]
    fn formats_only_set_keys_in_fixed_order() {
        let cases = [
            (route(None, None, None), ""),
            (route(Some("hund"), None, None), "#zufi:q=hund"),
            (
                route(
                    Some("Führerschein & Pass"),
                    Some("s 1"),
                    Some("160510000000"),
                ),
                "#zufi:q=F%C3%BChrerschein%20%26%20Pass&s=s%201&ars=160510000000",
            ),
            (route(None, Some("99/1"), None), "#zufi:s=99%2F1"),
            (
                route(Some(""), None, Some("160510000000")),
                "#zufi:ars=160510000000",
            ),
        ];
        for (route, hash) in cases {
            assert_eq!(route.to_hash(), hash, "{route:?}");
        }
    }

    #[test]
    fn parses_what_it_formats() {
        for route in [
            route(Some("personalauswies beantr"), None, None),
            route(Some("a=b&c#d%"), Some("ü"), Some("110000000000")),
            route(None, Some("x"), Some("160510000000")),
        ] {
            assert_eq!(Route::parse(&route.to_hash()), Some(route.clone()));
        }
    }

    #[test]
    fn finders_with_an_id_keep_to_their_own_keys() {
        let hash =
            "#zufi:q=hund&leistungen.s=th-hundesteuer&a.b.q=x%20y&leistungen.ars=160510000000";
        assert_eq!(
            Route::parse_scoped(hash, None),
            Some(route(Some("hund"), None, None))
        );
        assert_eq!(
            Route::parse_scoped(hash, Some("leistungen")),
            Some(route(None, Some("th-hundesteuer"), Some("160510000000")))
        );
        assert_eq!(
            Route::parse_scoped(hash, Some("a.b")),
            Some(route(Some("x y"), None, None))
        );
        assert_eq!(
            Route::parse_scoped(hash, Some("kita")),
            Some(Route::default())
        );
        assert_eq!(Route::parse_scoped("#inhalt", Some("kita")), None);
        // An empty id is no id.
        assert_eq!(Route::parse_scoped(hash, Some("")), Route::parse(hash));

        // Writing replaces one finder's keys and keeps the others'.
        let written = route(Some("pass"), None, None).write_into(hash, Some("leistungen"));
        assert_eq!(written, "#zufi:q=hund&a.b.q=x%20y&leistungen.q=pass");
        let cleared = Route::default().write_into(&written, None);
        assert_eq!(cleared, "#zufi:a.b.q=x%20y&leistungen.q=pass");
        assert_eq!(
            Route::default().write_into("#zufi:q=1", None),
            "",
            "no key left: no hash"
        );
        // An id with characters of the syntax is encoded.
        let odd = route(Some("a"), None, None).write_into("#main", Some("x=&y"));
        assert_eq!(odd, "#zufi:x%3D%26y.q=a");
        assert_eq!(
            Route::parse_scoped(&odd, Some("x=&y")),
            Some(route(Some("a"), None, None))
        );
    }

    #[test]
    fn a_long_hash_is_cut_where_its_text_has_a_character_boundary() {
        let hash = format!("#zufi:q={}", encode("hundesteuer äöü😀"));
        for max in 0..hash.len() + 2 {
            let cut = cut_hash(&hash, max);
            assert!(cut.len() <= max, "{max}: {cut}");
            assert!(hash.starts_with(cut));
            if let Some(value) = cut.strip_prefix("#zufi:q=") {
                let decoded = decode(value).unwrap_or_else(|| panic!("{max}: {cut} decodes"));
                assert!(
                    "hundesteuer äöü😀".starts_with(&decoded),
                    "{max}: {decoded}"
                );
            }
        }
        assert_eq!(cut_hash(&hash, hash.len()), hash, "short enough: whole");
        let route = Route::parse(cut_hash(&hash, 40)).unwrap();
        assert_eq!(route.query.as_deref(), Some("hundesteuer äöü"));
    }

    #[test]
    fn leaves_foreign_hashes_alone_and_tolerates_damage() {
        let cases = [
            ("", None),
            ("#", None),
            ("#main", None),
            ("#zufi-q=1", None),
            ("#zufi:", Some(route(None, None, None))),
            ("zufi:q=hund", Some(route(Some("hund"), None, None))),
            ("#zufi:q=%ZZ&s=a", Some(route(None, Some("a"), None))),
            (
                "#zufi:x=1&q&ars=160510000000",
                Some(route(None, None, Some("160510000000"))),
            ),
            ("#zufi:q=%C3", Some(route(None, None, None))),
            ("#zufi:s=a&ars=1605", Some(route(None, Some("a"), None))),
        ];
        for (hash, expected) in cases {
            assert_eq!(Route::parse(hash), expected, "{hash}");
        }
    }
}
