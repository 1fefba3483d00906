//! Which catalog values may become links, and the link each becomes.
//!
//! Catalog content is data, never markup or code: a value becomes a link
//! only when it is one of these, checked character by character, and
//! anything else is an error naming what is wrong. The validator reports
//! these errors with file, record and field (`zufi build` refuses the
//! catalog), and the widget's headless API applies the same checks to what
//! an index holds, so an index built without validation still yields no
//! unsafe link.
//!
//! - **Web** (`contact.web`, online service and form `url`): an absolute
//!   `https://` or `http://` address with a host of letters, digits, `-`
//!   and `.` (an optional port), no user name before the host (it makes
//!   `https://www.erfurt.de@evil.example` look like Erfurt's), and no
//!   blanks, control characters, backslashes, quotes or angle brackets
//!   anywhere. Free text ("siehe Aushang"), addresses without a scheme
//!   (`www.erfurt.de`, `//evil.example`) and other schemes (`javascript:`,
//!   `data:`, `ftp:`) are refused: they are not stored as links, so nothing
//!   has to guess how to complete them.
//! - **E-mail** (`contact.email`): a bare address `name@domain` — letters,
//!   digits and `. _ + - ' ! $ & * / = ^ { | } ~` before the `@`, a domain
//!   of at least two dot-separated labels of letters, digits and `-`. No
//!   `mailto:`, no `?`, `#` or `%`, so the `mailto:` link cannot carry
//!   header parameters such as `bcc` or `body`, nor hide part of the address.
//! - **Phone and fax** (`contact.phone`, `contact.fax`): the number as
//!   written for people to read — digits, blanks and `( ) / - – .`, a `+`
//!   only in front — with at least three digits (115, the public
//!   administration's number, is the shortest). The `tel:` link is the
//!   digits alone, with the leading `+` if there is one.

use std::fmt;

/// Why a catalog value cannot become a link.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LinkError {
    /// The value is empty or blank.
    Empty,
    /// A web address without `https://` or `http://` in front.
    NoScheme,
    /// A web address with another scheme, such as `javascript` or `ftp`.
    Scheme(String),
    /// A web address without a host after the scheme.
    NoHost,
    /// A web address whose host holds something other than letters,
    /// digits, `-`, `.` and a port.
    Host(String),
    /// A web address with a user name or password before its host.
    UserInfo,
    /// A character that has no place in the value, e.g. a blank in a web
    /// address or `?` in an e-mail address.
    Character(char),
    /// An e-mail address that is not `name@domain`.
    Email,
    /// A phone number with fewer than three digits.
    TooFewDigits,
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Empty => f.write_str("it is empty"),
            LinkError::NoScheme => f.write_str(
                "it does not start with https:// or http://, so it is not a web address",
            ),
            LinkError::Scheme(scheme) => {
                write!(
                    f,
                    "the scheme {scheme:?} is not allowed; only https and http are"
                )
            }
            LinkError::NoHost => f.write_str("it names no host after the scheme"),
            LinkError::Host(host) => write!(
                f,
                "the host {host:?} is not a domain name (letters, digits, '-' and '.')"
            ),
            LinkError::UserInfo => f.write_str(
                "it has a user name before the host ('…@'), which hides where the link leads",
            ),
            LinkError::Character(c) => write!(f, "it contains {}", describe_char(*c)),
            LinkError::Email => f.write_str("expected name@domain"),
            LinkError::TooFewDigits => f.write_str("it has fewer than three digits"),
        }
    }
}

impl std::error::Error for LinkError {}

/// A character as a message shows it: printable ones quoted, the others by
/// code point.
fn describe_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() || crate::text::clean::is_removed(c) {
        format!("the character U+{:04X}", u32::from(c))
    } else {
        format!("the character {c:?}")
    }
}

/// The link of a web address: `web` itself when it is an absolute
/// `https://` or `http://` address with a host of letters, digits, `-` and
/// `.` (and a port), no user name before the host, and no blanks, control
/// characters, bidi controls, `\`, quotes or angle brackets. Free text,
/// addresses without a scheme (`www.…`, `//…`) and other schemes are
/// refused. `index/README.md` (Links) states the rules for editors.
///
/// ```
/// assert_eq!(zufi::web_href("https://www.erfurt.de/buergeramt"), Ok("https://www.erfurt.de/buergeramt"));
/// assert!(zufi::web_href("javascript:alert(1)").is_err());
/// assert!(zufi::web_href("siehe Aushang").is_err());
/// assert!(zufi::web_href("//evil.example").is_err());
/// ```
pub fn web_href(web: &str) -> Result<&str, LinkError> {
    if web.trim().is_empty() {
        return Err(LinkError::Empty);
    }
    if let Some(c) = web.chars().find(|&c| !allowed_in_url(c)) {
        return Err(LinkError::Character(c));
    }
    let Some((scheme, rest)) = web.split_once(':') else {
        return Err(LinkError::NoScheme);
    };
    let is_scheme =
        |s: &str| s.starts_with(|c: char| c.is_ascii_alphabetic()) && s.chars().all(is_scheme_char);
    if !is_scheme(scheme) {
        return Err(LinkError::NoScheme);
    }
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return Err(LinkError::Scheme(scheme.to_string()));
    }
    let Some(rest) = rest.strip_prefix("//") else {
        return Err(LinkError::NoHost);
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err(LinkError::UserInfo);
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    if host.is_empty() {
        return Err(LinkError::NoHost);
    }
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if !is_domain(host, 1) || !port_ok {
        return Err(LinkError::Host(authority.to_string()));
    }
    Ok(web)
}

fn is_scheme_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')
}

/// Characters a web address may hold as written in a catalog: no blanks or
/// controls (they end or hide parts of it), no bidi controls, no `\`
/// (browsers read it as `/`), no quotes or angle brackets (markup).
fn allowed_in_url(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || crate::text::clean::is_removed(c)
        || crate::text::clean::is_direction_mark(c)
        || matches!(c, '\\' | '"' | '<' | '>' | '`' | '{' | '}' | '|' | '^'))
}

/// Dot-separated labels of letters (any script, for IDN), digits and `-`,
/// not starting or ending with `-`; at least `min_labels` of them. A
/// trailing dot (the DNS root) is allowed.
fn is_domain(host: &str, min_labels: usize) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= min_labels
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

/// The `mailto:` link of a bare e-mail address `name@domain` (letters,
/// digits and `. _ + - ' ! $ & * / = ^ { | } ~` before the `@`, a domain of
/// two or more labels); never with header parameters: `mailto:`, `?`, `#`,
/// `%` and `,` are refused.
///
/// ```
/// assert_eq!(zufi::mailto_href("buergeramt@erfurt.de").as_deref(), Ok("mailto:buergeramt@erfurt.de"));
/// assert!(zufi::mailto_href("amt@erfurt.de?bcc=alle@example.org").is_err());
/// assert!(zufi::mailto_href("mailto:amt@erfurt.de").is_err());
/// ```
pub fn mailto_href(email: &str) -> Result<String, LinkError> {
    if email.trim().is_empty() {
        return Err(LinkError::Empty);
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err(LinkError::Email);
    };
    if let Some(c) = local.chars().find(|&c| !allowed_in_local_part(c)) {
        return Err(LinkError::Character(c));
    }
    if let Some(c) = domain
        .chars()
        .find(|&c| !(c.is_alphanumeric() || c == '-' || c == '.'))
    {
        return Err(LinkError::Character(c));
    }
    if local.is_empty() || !is_domain(domain, 2) || domain.ends_with('.') {
        return Err(LinkError::Email);
    }
    Ok(format!("mailto:{email}"))
}

/// RFC 5322's `atext` and `.`, without `?` (it starts the header fields of
/// a `mailto:` link), `#` (a fragment), `%` (escapes) and `` ` ``; and
/// letters of any script.
fn allowed_in_local_part(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(
            c,
            '.' | '_'
                | '+'
                | '-'
                | '\''
                | '!'
                | '$'
                | '&'
                | '*'
                | '/'
                | '='
                | '^'
                | '{'
                | '|'
                | '}'
                | '~'
        )
}

/// The `tel:` link of a phone or fax number written for people (digits,
/// blanks and `( ) / - – .`, a `+` only in front, three digits or more):
/// its digits, with the leading `+`.
///
/// ```
/// assert_eq!(zufi::tel_href("+49 (361) 655-0").as_deref(), Ok("tel:+493616550"));
/// assert_eq!(zufi::tel_href("115").as_deref(), Ok("tel:115"));
/// assert!(zufi::tel_href("siehe Aushang").is_err());
/// ```
pub fn tel_href(phone: &str) -> Result<String, LinkError> {
    let number = phone.trim();
    if number.is_empty() {
        return Err(LinkError::Empty);
    }
    let international = number.starts_with('+');
    let rest = number.strip_prefix('+').unwrap_or(number);
    if let Some(c) = rest
        .chars()
        .find(|&c| !(c.is_ascii_digit() || matches!(c, ' ' | '(' | ')' | '/' | '-' | '–' | '.')))
    {
        return Err(LinkError::Character(c));
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 3 {
        return Err(LinkError::TooFewDigits);
    }
    Ok(format!(
        "tel:{}{digits}",
        if international { "+" } else { "" }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_are_absolute_http_urls_with_a_plain_host() {
        let ok = [
            "https://www.berlin.de/",
            "http://example.de",
            "HTTPS://EXAMPLE.DE/a?b#c",
            "https://www.erfurt.de:8443/pfad?x=1&y=2#anker",
            "https://xn--mnchen-3ya.de/",
            "https://münchen.de/bürgerservice",
            "https://service.berlin.de/dienstleistung/120703/",
        ];
        for url in ok {
            assert_eq!(web_href(url), Ok(url), "{url:?}");
        }
        let refused = [
            ("", LinkError::Empty),
            ("   ", LinkError::Empty),
            ("siehe Aushang", LinkError::Character(' ')),
            ("www.example.de", LinkError::NoScheme),
            ("//evil.example", LinkError::NoScheme),
            ("/pfad/antrag.pdf", LinkError::NoScheme),
            (
                "javascript:alert(1)",
                LinkError::Scheme("javascript".into()),
            ),
            (
                "JaVaScRiPt:alert(1)",
                LinkError::Scheme("JaVaScRiPt".into()),
            ),
            ("data:text/html,x", LinkError::Scheme("data".into())),
            ("vbscript:msgbox", LinkError::Scheme("vbscript".into())),
            ("ftp://example.de", LinkError::Scheme("ftp".into())),
            ("mailto:amt@example.de", LinkError::Scheme("mailto".into())),
            ("https:example.de", LinkError::NoHost),
            ("https://", LinkError::NoHost),
            ("https:///pfad", LinkError::NoHost),
            ("https://:443/", LinkError::NoHost),
            ("https://www.erfurt.de@evil.example/", LinkError::UserInfo),
            ("https://user:pw@example.de/", LinkError::UserInfo),
            (
                "https://exa_mple.de/",
                LinkError::Host("exa_mple.de".into()),
            ),
            (
                "https://example.de:80x/",
                LinkError::Host("example.de:80x".into()),
            ),
            (
                "https://-example.de/",
                LinkError::Host("-example.de".into()),
            ),
            (
                "https://example..de/",
                LinkError::Host("example..de".into()),
            ),
            ("https://example.de/a b", LinkError::Character(' ')),
            ("https://example.de/\u{0}", LinkError::Character('\u{0}')),
            (
                "https://exe\u{202E}fdp.de",
                LinkError::Character('\u{202E}'),
            ),
            (
                "https://example.de\\@evil.example",
                LinkError::Character('\\'),
            ),
            (
                "https://example.de/\"onclick=\"x",
                LinkError::Character('"'),
            ),
            ("https://example.de/<script>", LinkError::Character('<')),
            (" https://example.de", LinkError::Character(' ')),
            ("java\tscript:alert(1)", LinkError::Character('\t')),
        ];
        for (url, error) in refused {
            assert_eq!(web_href(url), Err(error), "{url:?}");
        }
    }

    #[test]
    fn email_links_carry_no_header_parameters() {
        for (email, href) in [
            ("buergeramt@erfurt.de", "mailto:buergeramt@erfurt.de"),
            (
                "vorname.nachname+amt@sub.example.de",
                "mailto:vorname.nachname+amt@sub.example.de",
            ),
            ("o'brien@example.de", "mailto:o'brien@example.de"),
            ("info@müller-bau.de", "mailto:info@müller-bau.de"),
        ] {
            assert_eq!(mailto_href(email).as_deref(), Ok(href), "{email:?}");
        }
        let refused = [
            ("", LinkError::Empty),
            (
                "amt@erfurt.de?bcc=alle@example.org",
                LinkError::Character('?'),
            ),
            ("amt@erfurt.de?body=Hallo", LinkError::Character('?')),
            ("amt?cc=x@erfurt.de", LinkError::Character('?')),
            ("amt%3Fbcc=x@erfurt.de", LinkError::Character('%')),
            ("amt#x@erfurt.de", LinkError::Character('#')),
            ("amt,chef@erfurt.de", LinkError::Character(',')),
            ("mailto:amt@erfurt.de", LinkError::Character(':')),
            ("amt@erfurt", LinkError::Email),
            ("amt@erfurt.", LinkError::Email),
            ("amt@.de", LinkError::Email),
            ("@erfurt.de", LinkError::Email),
            ("amt erfurt.de", LinkError::Email),
            ("amt @erfurt.de", LinkError::Character(' ')),
            ("amt@erfurt.de ", LinkError::Character(' ')),
            ("amt@erfurt.de\n", LinkError::Character('\n')),
            ("siehe Aushang", LinkError::Email),
            ("amt@exa_mple.de", LinkError::Character('_')),
        ];
        for (email, error) in refused {
            assert_eq!(mailto_href(email), Err(error), "{email:?}");
        }
    }

    #[test]
    fn phone_links_are_digits() {
        for (phone, href) in [
            ("+49 (361) 655-0", "tel:+493616550"),
            ("0361 655 1234", "tel:03616551234"),
            ("0361/655–1234", "tel:03616551234"),
            ("030 9025.0", "tel:03090250"),
            ("115", "tel:115"),
            (" 0361 6550 ", "tel:03616550"),
        ] {
            assert_eq!(tel_href(phone).as_deref(), Ok(href), "{phone:?}");
        }
        let refused = [
            ("", LinkError::Empty),
            ("siehe Aushang", LinkError::Character('s')),
            ("0361 655-0 (Zentrale)", LinkError::Character('Z')),
            ("0361+655", LinkError::Character('+')),
            ("12", LinkError::TooFewDigits),
            ("+-", LinkError::TooFewDigits),
            ("0361;ext=1", LinkError::Character(';')),
            ("javascript:alert(1)", LinkError::Character('j')),
        ];
        for (phone, error) in refused {
            assert_eq!(tel_href(phone), Err(error), "{phone:?}");
        }
    }

    #[test]
    fn errors_read_as_sentences() {
        assert_eq!(
            web_href("javascript:x").unwrap_err().to_string(),
            "the scheme \"javascript\" is not allowed; only https and http are"
        );
        assert_eq!(
            web_href("a\u{202E}b").unwrap_err().to_string(),
            "it contains the character U+202E"
        );
        assert_eq!(
            mailto_href("a?b@c.de").unwrap_err().to_string(),
            "it contains the character '?'"
        );
    }
}
