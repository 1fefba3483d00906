//! Loading the index, and saying in plain words why it failed.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::Text;

/// Why the index could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The request did not complete (offline, refused, CORS, aborted).
    Network(String),
    /// The server answered with an HTTP error.
    Http(u16),
    /// The bytes are not a zufi index.
    NotAnIndex,
    /// The index format is newer than this widget reads.
    Newer(String),
    /// The index format is older than this widget reads.
    Older(String),
    /// The file ends early.
    Truncated(String),
    /// The checksum or the contents do not match.
    Corrupt(String),
}

impl LoadError {
    /// Classifies an error of [`zufi::Index::from_bytes`].
    pub fn from_core(error: &zufi::Error) -> LoadError {
        let technical = error.to_string();
        match error {
            zufi::Error::NotAnIndex => LoadError::NotAnIndex,
            zufi::Error::Version { expected, got } if got > expected => LoadError::Newer(technical),
            zufi::Error::Version { .. } => LoadError::Older(technical),
            zufi::Error::Truncated { .. } => LoadError::Truncated(technical),
            _ => LoadError::Corrupt(technical),
        }
    }

    /// The reason in the citizen's language.
    pub fn reason(&self, text: &Text) -> String {
        match self {
            LoadError::Network(_) => text.error_network.to_string(),
            LoadError::Http(404) => text.error_not_found.to_string(),
            LoadError::Http(status) => text.error_http.replace("{n}", &status.to_string()),
            LoadError::NotAnIndex => text.error_not_index.to_string(),
            LoadError::Newer(_) => text.error_newer.to_string(),
            LoadError::Older(_) => text.error_older.to_string(),
            LoadError::Truncated(_) => text.error_truncated.to_string(),
            LoadError::Corrupt(_) => text.error_corrupt.to_string(),
        }
    }

    /// The message for developers, for the console.
    pub fn technical(&self, source: &str) -> String {
        let detail = match self {
            LoadError::Network(detail) => format!("network error: {detail}"),
            LoadError::Http(status) => format!("HTTP status {status}"),
            LoadError::NotAnIndex => zufi::Error::NotAnIndex.to_string(),
            LoadError::Newer(detail)
            | LoadError::Older(detail)
            | LoadError::Truncated(detail)
            | LoadError::Corrupt(detail) => detail.clone(),
        };
        format!("zufi: cannot load the index {source}: {detail}")
    }
}

/// Opens `bytes` as an index.
pub fn open(bytes: &[u8]) -> Result<zufi::Index, LoadError> {
    zufi::Index::from_bytes(bytes).map_err(|e| LoadError::from_core(&e))
}

fn describe(value: &wasm_bindgen::JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}

#[wasm_bindgen]
extern "C" {
    // The global `fetch`, not `window.fetch`: the headless API also runs in
    // workers and in Node, which have no window.
    #[wasm_bindgen(js_name = fetch, catch)]
    fn global_fetch(url: &str) -> Result<js_sys::Promise, wasm_bindgen::JsValue>;
}

/// Fetches the bytes at `url` (relative to the page).
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
    let request = global_fetch(url).map_err(|e| LoadError::Network(describe(&e)))?;
    let response = JsFuture::from(request)
        .await
        .map_err(|e| LoadError::Network(describe(&e)))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|e| LoadError::Network(describe(&e)))?;
    if !response.ok() {
        return Err(LoadError::Http(response.status()));
    }
    let buffer = response
        .array_buffer()
        .map_err(|e| LoadError::Network(describe(&e)))?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|e| LoadError::Network(describe(&e)))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Fetches and opens the index at `url`.
pub async fn load(url: &str) -> Result<zufi::Index, LoadError> {
    open(&fetch_bytes(url).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn core_errors_become_plain_german() {
        let text = Lang::De.text();
        let cases = [
            (
                zufi::Error::NotAnIndex,
                "Die Datei ist kein zufi-Verzeichnis.",
            ),
            (
                zufi::Error::Version {
                    expected: 1,
                    got: 2,
                },
                "Die Datei hat eine neuere Version.",
            ),
            (
                zufi::Error::Version {
                    expected: 2,
                    got: 1,
                },
                "Die Datei hat eine ältere Version, die nicht mehr gelesen wird.",
            ),
            (
                zufi::Error::Truncated {
                    expected: 100,
                    got: 10,
                },
                "Die Datei ist beschädigt: sie ist unvollständig.",
            ),
            (
                zufi::Error::Checksum {
                    expected: 1,
                    actual: 2,
                },
                "Die Datei ist beschädigt.",
            ),
            (
                zufi::Error::Corrupt("section x".into()),
                "Die Datei ist beschädigt.",
            ),
        ];
        for (error, reason) in cases {
            let load = LoadError::from_core(&error);
            assert_eq!(load.reason(text), reason, "{error:?}");
            assert!(
                load.technical("x.zufi").contains(&error.to_string()),
                "{error:?}"
            );
        }
    }

    #[test]
    fn http_errors_name_the_status() {
        let text = Lang::De.text();
        assert_eq!(
            LoadError::Http(404).reason(text),
            "Die Datei wurde nicht gefunden."
        );
        assert_eq!(
            LoadError::Http(503).reason(text),
            "Der Server hat mit einem Fehler geantwortet (HTTP 503)."
        );
        assert_eq!(
            LoadError::Http(503).technical("/i.zufi"),
            "zufi: cannot load the index /i.zufi: HTTP status 503"
        );
    }

    #[test]
    fn real_damage_is_classified() {
        let catalog: zufi::Catalog =
            serde_json::from_str(crate::api::tests::CATALOG).expect("test catalog parses");
        let bytes = zufi::IndexBuilder::new(&catalog)
            .build()
            .expect("builds")
            .bytes;
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0xff;
        assert!(open(&bytes).is_ok());
        assert_eq!(open(b"<!doctype html>").err(), Some(LoadError::NotAnIndex));
        assert!(matches!(open(&flipped), Err(LoadError::Corrupt(_))));
        assert!(matches!(
            open(&bytes[..bytes.len() / 2]),
            Err(LoadError::Truncated(_))
        ));
    }
}
