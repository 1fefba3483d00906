//! Catalog sources on the web: an XZuFi export published by a Land's
//! editorial system, fetched over HTTP(S).
//!
//! The source is the address of an **export index**: a plain UTF-8 text file
//! that lists the export's XZuFi messages, one address per line. Blank lines
//! and lines starting with `#` are ignored. An address is either absolute
//! (`https://…`) or relative to the index: a name such as
//! `2024-05-03-update.xml` is looked up in the index's folder, a path starting
//! with `/` on the index's server. The address of a single XZuFi message
//! works too: a response that is XML is read as the one message.
//!
//! The messages are applied oldest first, by the creation time in their
//! header, exactly as the messages of a catalog folder (see
//! [`crate::catalog::load`]); the order of the lines does not matter.
//!
//! Every request has a connect timeout, a timeout for the response to start
//! and one for the whole transfer, and every body a size limit
//! ([`FetchLimits`]), so that a hanging or runaway server stops a build with
//! an error instead of stalling it. Errors name the address and say in
//! editors' words what went wrong: the HTTP status, a timeout, a file over
//! its limit, a response that is no XZuFi message.
//!
//! Only the command-line tool fetches (feature `fetch`); the core the widget
//! uses never does.

use std::path::Path;
use std::time::Duration;

use crate::catalog::{load, load_messages, LoadedCatalog};
use crate::error::{Error, Result};

/// Timeouts and size limits for fetching an export.
#[derive(Debug, Clone)]
pub struct FetchLimits {
    /// Time to establish a connection.
    pub connect_timeout: Duration,
    /// Time from sending a request to the start of the response.
    pub response_timeout: Duration,
    /// Time for a whole request, body included.
    pub total_timeout: Duration,
    /// Largest export index, in bytes.
    pub max_index_bytes: u64,
    /// Largest XZuFi message, in bytes.
    pub max_message_bytes: u64,
    /// Most messages an index may list.
    pub max_messages: usize,
}

impl Default for FetchLimits {
    /// Generous enough for a full Land export (a few hundred megabytes of
    /// XZuFi), tight enough that a dead server fails a build within a minute.
    fn default() -> Self {
        FetchLimits {
            connect_timeout: Duration::from_secs(10),
            response_timeout: Duration::from_secs(60),
            total_timeout: Duration::from_secs(600),
            max_index_bytes: 1024 * 1024,
            max_message_bytes: 1024 * 1024 * 1024,
            max_messages: 10_000,
        }
    }
}

/// The address in `source` if it is an `http://` or `https://` URL.
pub fn url_of(source: &Path) -> Option<&str> {
    let text = source.to_str()?;
    let scheme = text.split_once("://")?.0;
    (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")).then_some(text)
}

/// Reads a catalog from a file, a folder or the URL of an XZuFi export:
/// what `zufi build` and `zufi validate` accept.
pub fn load_source(source: &Path) -> Result<LoadedCatalog> {
    match url_of(source) {
        Some(url) => load_url(url, &FetchLimits::default()),
        None => load(source),
    }
}

/// Fetches the export index at `url` and the messages it lists, and reads
/// them as a catalog, oldest message first. Each record's file is the
/// address of its message.
pub fn load_url(url: &str, limits: &FetchLimits) -> Result<LoadedCatalog> {
    let agent = agent(limits);
    let index = fetch(&agent, url, limits.max_index_bytes, "export index")?;
    if looks_like_xml(&index) {
        return load_messages(vec![(url.to_string(), index)]);
    }
    let text = std::str::from_utf8(&index).map_err(|_| Error::Fetch {
        url: url.to_string(),
        message: "is neither an XZuFi message nor an export index (a UTF-8 text file listing the addresses of XZuFi messages, one a line)".into(),
    })?;
    let addresses = message_addresses(url, text)?;
    if addresses.is_empty() {
        return Err(Error::Fetch {
            url: url.to_string(),
            message: "the export index lists no XZuFi messages: expected one address a line (lines starting with # are comments)".into(),
        });
    }
    if addresses.len() > limits.max_messages {
        return Err(Error::Fetch {
            url: url.to_string(),
            message: format!(
                "the export index lists {} messages, more than the limit of {}",
                addresses.len(),
                limits.max_messages
            ),
        });
    }
    let mut messages = Vec::with_capacity(addresses.len());
    for address in addresses {
        let body = fetch(&agent, &address, limits.max_message_bytes, "XZuFi message")?;
        if !looks_like_xml(&body) {
            return Err(Error::Fetch {
                url: address,
                message: format!(
                    "is not an XZuFi message: the server sent something other than XML (it starts with {:?}); check the address in the export index {url}",
                    preview(&body)
                ),
            });
        }
        messages.push((address, body));
    }
    load_messages(messages)
}

fn agent(limits: &FetchLimits) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_connect(Some(limits.connect_timeout))
        .timeout_recv_response(Some(limits.response_timeout))
        .timeout_global(Some(limits.total_timeout))
        // Statuses are reported in our words below, with the address.
        .http_status_as_error(false)
        .user_agent(concat!("zufi/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// The body at `url`, at most `limit` bytes; `what` names it in errors.
fn fetch(agent: &ureq::Agent, url: &str, limit: u64, what: &str) -> Result<Vec<u8>> {
    let failed = |message: String| Error::Fetch {
        url: url.to_string(),
        message,
    };
    let mut response = agent
        .get(url)
        .call()
        .map_err(|e| failed(request_error(&e, what)))?;
    let status = response.status();
    if !status.is_success() {
        let reason = status.canonical_reason().unwrap_or("");
        return Err(failed(format!(
            "the server answered HTTP {} {reason} instead of the {what}{}",
            status.as_u16(),
            match status.as_u16() {
                404 | 410 => "; check the address",
                401 | 403 => "; the export must be readable without logging in",
                500..=599 => "; the server has a problem, try again later",
                _ => "",
            }
        )));
    }
    response
        .body_mut()
        .with_config()
        .limit(limit)
        .read_to_vec()
        .map_err(|e| failed(request_error(&e, what)))
}

fn request_error(error: &ureq::Error, what: &str) -> String {
    match error {
        ureq::Error::Timeout(_) => format!(
            "no complete answer in time (timeout) while fetching the {what}; the server may be down or slow, try again later"
        ),
        ureq::Error::BodyExceedsLimit(limit) => format!(
            "the {what} is too large: it exceeds the limit of {} bytes ({} MiB)",
            limit,
            limit / (1024 * 1024)
        ),
        ureq::Error::HostNotFound => "the server's name was not found; check the address".into(),
        ureq::Error::ConnectionFailed => {
            "could not connect to the server; check the address and the network".into()
        }
        ureq::Error::BadUri(uri) => format!("{uri:?} is not a valid address"),
        other => format!("could not fetch the {what}: {other}"),
    }
}

/// The absolute addresses an export index lists, in its order.
fn message_addresses(index_url: &str, text: &str) -> Result<Vec<String>> {
    text.lines()
        .map(str::trim)
        .enumerate()
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
        .map(|(number, line)| {
            resolve(index_url, line).ok_or_else(|| Error::Syntax {
                file: index_url.to_string(),
                line: number + 1,
                column: 1,
                message: format!(
                    "{line:?} is not an http(s) address or a path relative to the export index"
                ),
            })
        })
        .collect()
}

/// `reference` made absolute against `base`, the way a browser resolves a
/// link's name or absolute path; `None` for another scheme (`file:`, `ftp:`).
fn resolve(base: &str, reference: &str) -> Option<String> {
    if let Some((scheme, _)) = reference.split_once("://") {
        let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
        return web.then(|| reference.to_string());
    }
    if reference.contains(':') && !reference.contains('/') {
        // `mailto:x`, `file:x`: a scheme, but no web address.
        return None;
    }
    let (scheme, rest) = base.split_once("://")?;
    let without_query = rest.split(['?', '#']).next().unwrap_or(rest);
    let origin_end = without_query.find('/').unwrap_or(without_query.len());
    if let Some(network_path) = reference.strip_prefix("//") {
        return Some(format!("{scheme}://{network_path}"));
    }
    if reference.starts_with('/') {
        return Some(format!(
            "{scheme}://{}{reference}",
            &without_query[..origin_end]
        ));
    }
    let folder_end = without_query.rfind('/').filter(|&i| i >= origin_end);
    let folder = match folder_end {
        Some(end) => &without_query[..=end],
        None => return Some(format!("{scheme}://{without_query}/{reference}")),
    };
    Some(format!("{scheme}://{folder}{reference}"))
}

/// Whether a body is XML: it starts, after a byte order mark and white
/// space, with `<` (in UTF-8 or UTF-16).
fn looks_like_xml(body: &[u8]) -> bool {
    let utf16 = body.starts_with(&[0xFF, 0xFE]) || body.starts_with(&[0xFE, 0xFF]);
    if utf16 {
        return true;
    }
    let body = body.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(body);
    body.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'<')
}

fn preview(body: &[u8]) -> String {
    String::from_utf8_lossy(&body[..body.len().min(40)]).into_owned()
}

#[cfg(test)]
mod tests {
    use super::{looks_like_xml, resolve};

    #[test]
    fn relative_addresses_resolve_against_the_index() {
        let base = "https://redaktion.example.de/export/2024/index.txt?token=1";
        let cases = [
            ("a.xml", "https://redaktion.example.de/export/2024/a.xml"),
            ("/b/c.xml", "https://redaktion.example.de/b/c.xml"),
            ("//cdn.example.de/d.xml", "https://cdn.example.de/d.xml"),
            (
                "http://other.example.de/e.xml",
                "http://other.example.de/e.xml",
            ),
        ];
        for (reference, expected) in cases {
            assert_eq!(resolve(base, reference).as_deref(), Some(expected));
        }
        assert_eq!(
            resolve("http://127.0.0.1:8080", "a.xml").as_deref(),
            Some("http://127.0.0.1:8080/a.xml")
        );
        assert_eq!(resolve(base, "file:///etc/passwd"), None);
        assert_eq!(resolve(base, "mailto:x"), None);
    }

    #[test]
    fn xml_is_told_from_an_index() {
        assert!(looks_like_xml(
            b"\xEF\xBB\xBF \n<?xml version=\"1.0\"?><a/>"
        ));
        assert!(looks_like_xml(b"\xFF\xFE<\0"));
        assert!(!looks_like_xml(b"# export\na.xml\n"));
        assert!(!looks_like_xml(b""));
    }
}
