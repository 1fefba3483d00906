//! The widget's part of the URL hash: `#zufi:q=<query>&s=<service id>&ars=<ARS>`.
//!
//! Only set keys are written, each URI-encoded like `encodeURIComponent`, so
//! a link can be bookmarked or shared. Hashes that do not start with
//! `#zufi:` belong to the host page and are never read as widget state.

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
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        let rest = hash.strip_prefix(PREFIX)?;
        let mut route = Route::default();
        for pair in rest.split('&').filter(|p| !p.is_empty()) {
            let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
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
        let ars = self.ars.map(|a| a.to_string());
        let pairs: Vec<String> = [("q", &self.query), ("s", &self.service), ("ars", &ars)]
            .into_iter()
            .filter_map(|(key, value)| {
                value
                    .as_deref()
                    .filter(|v| !v.is_empty())
                    .map(|v| format!("{key}={}", encode(v)))
            })
            .collect();
        if pairs.is_empty() {
            String::new()
        } else {
            format!("#{PREFIX}{}", pairs.join("&"))
        }
    }
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
