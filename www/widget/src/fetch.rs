//! Loading the index, and saying in plain words why it failed.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::{wasm_bindgen, Closure};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::Text;

/// Why the index could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The request did not complete (offline, refused, CORS, aborted).
    Network(String),
    /// The request took longer than the finder waits (milliseconds).
    Timeout(u32),
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
            LoadError::Timeout(ms) => text
                .error_timeout
                .replace("{n}", &ms.div_ceil(1000).to_string()),
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
            LoadError::Timeout(ms) => {
                format!("no complete answer within {ms} ms (option loadTimeout)")
            }
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

fn describe(value: &JsValue) -> String {
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
    fn global_fetch(url: &str, init: &JsValue) -> Result<js_sys::Promise, JsValue>;

    /// The global `AbortController` (pages, workers and Node alike).
    type AbortController;
    #[wasm_bindgen(constructor)]
    fn new() -> AbortController;
    #[wasm_bindgen(method, getter)]
    fn signal(this: &AbortController) -> JsValue;
    #[wasm_bindgen(method)]
    fn abort(this: &AbortController);

    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &JsValue, ms: u32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// Aborts a request after its time is up, unless dropped first.
struct Deadline {
    timer: JsValue,
    expired: Rc<Cell<bool>>,
    /// Kept until the timer is cleared: dropping it frees what it holds.
    _on_time_up: Closure<dyn FnMut()>,
}

impl Deadline {
    /// Starts the clock of `controller`'s request.
    fn start(controller: &Rc<AbortController>, ms: u32) -> Deadline {
        let expired = Rc::new(Cell::new(false));
        let on_time_up = {
            let controller = controller.clone();
            let expired = expired.clone();
            Closure::once(move || {
                expired.set(true);
                controller.abort();
            })
        };
        Deadline {
            timer: set_timeout(on_time_up.as_ref(), ms),
            expired,
            _on_time_up: on_time_up,
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
    }
}

/// Fetches the bytes at `url` (relative to the page). With `timeout_ms`,
/// a request whose answer is not complete by then (headers and body) is
/// aborted and fails with [`LoadError::Timeout`]: a server that never
/// answers must not leave the citizen waiting for ever.
pub async fn fetch_bytes(url: &str, timeout_ms: Option<u32>) -> Result<Vec<u8>, LoadError> {
    let Some(ms) = timeout_ms else {
        return fetch_all(url, &JsValue::UNDEFINED).await;
    };
    let controller = Rc::new(AbortController::new());
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"signal".into(), &controller.signal())
        .map_err(|e| LoadError::Network(describe(&e)))?;
    let deadline = Deadline::start(&controller, ms);
    let result = fetch_all(url, &init).await;
    match result {
        Err(LoadError::Network(_)) if deadline.expired.get() => Err(LoadError::Timeout(ms)),
        other => other,
    }
}

/// `fetch(url, init)` and the whole body.
async fn fetch_all(url: &str, init: &JsValue) -> Result<Vec<u8>, LoadError> {
    let request = global_fetch(url, init).map_err(|e| LoadError::Network(describe(&e)))?;
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
pub async fn load(url: &str, timeout_ms: Option<u32>) -> Result<zufi::Index, LoadError> {
    open(&fetch_bytes(url, timeout_ms).await?)
}

/// Fetches and reads the glossary at `url`. Glosses are an aid, not the
/// finder's content: a glossary that cannot be had is described for the
/// console and the finder goes on without glosses.
#[cfg(feature = "ui")]
pub async fn load_glossary(url: &str, timeout_ms: Option<u32>) -> Result<zufi::Glossary, String> {
    let bytes = fetch_bytes(url, timeout_ms)
        .await
        .map_err(|error| format!("{url}: {error:?}"))?;
    if bytes.len() > zufi::MAX_GLOSSARY_BYTES {
        return Err(format!(
            "{url}: more than {} bytes",
            zufi::MAX_GLOSSARY_BYTES
        ));
    }
    let text = String::from_utf8(bytes).map_err(|_| format!("{url}: not UTF-8"))?;
    zufi::Glossary::parse(&text).map_err(|error| format!("{url}: {error}"))
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
    fn a_timeout_names_the_seconds() {
        assert_eq!(
            LoadError::Timeout(20_000).reason(Lang::De.text()),
            "Der Server hat nicht rechtzeitig geantwortet (in 20 Sekunden)."
        );
        assert_eq!(
            LoadError::Timeout(1500).reason(Lang::En.text()),
            "The server did not answer in time (within 2 seconds)."
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
