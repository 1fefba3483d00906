//! The embeddable zufi service finder.
//!
//! The only JavaScript API of zufi lives here: [`mount`] renders the finder
//! (a yew app) into a host element or shadow root and returns a
//! [`WidgetHandle`]; [`ZufiIndex`] and [`load_index`] are the headless API for
//! sites with their own interface. Everything below is plain Rust that the
//! native tests cover, apart from the components.

use std::cell::Cell;
use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub mod api;
pub mod app;
pub mod components;
pub mod fetch;
pub mod i18n;
pub mod index;
pub mod options;
pub mod place;
pub mod route;
pub mod state;

use options::{Config, RawOptions};

thread_local! {
    static NEXT_INSTANCE: Cell<u32> = const { Cell::new(1) };
}

/// A mounted finder. `destroy()` unmounts it and removes what it added.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<yew::AppHandle<app::App>>,
    root: web_sys::Element,
}

impl std::fmt::Debug for WidgetHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WidgetHandle")
            .field("mounted", &self.app.is_some())
            .finish_non_exhaustive()
    }
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Unmounts the finder: its DOM, listeners and index are released.
    /// Calling it again does nothing.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
            self.root.remove();
        }
    }
}

fn js_error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}

/// Reads the `mount` options object.
pub fn parse_options(options: &JsValue) -> Result<Config, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Config::new(RawOptions::default(), None).map_err(js_error);
    }
    if !options.is_object() {
        return Err(js_error("zufi: the options must be an object"));
    }
    let raw: RawOptions = serde_wasm_bindgen::from_value(options.clone())
        .map_err(|e| js_error(format!("zufi: invalid options: {e}")))?;
    let bytes = js_sys::Reflect::get(options, &JsValue::from_str("indexBytes"))?;
    let bytes = if bytes.is_undefined() || bytes.is_null() {
        None
    } else if let Some(array) = bytes.dyn_ref::<js_sys::Uint8Array>() {
        Some(array.to_vec())
    } else if let Some(buffer) = bytes.dyn_ref::<js_sys::ArrayBuffer>() {
        Some(js_sys::Uint8Array::new(buffer).to_vec())
    } else {
        return Err(js_error(
            "zufi: option `indexBytes` must be a Uint8Array or an ArrayBuffer",
        ));
    };
    Config::new(raw, bytes).map_err(js_error)
}

/// Renders the finder into `host` (an element or a shadow root).
#[wasm_bindgen]
pub fn mount(host: &web_sys::Node, options: JsValue) -> Result<WidgetHandle, JsValue> {
    let config = parse_options(&options)?;
    if host.dyn_ref::<web_sys::Element>().is_none()
        && host.dyn_ref::<web_sys::ShadowRoot>().is_none()
    {
        return Err(js_error(
            "zufi: mount needs an Element or a ShadowRoot to render into",
        ));
    }
    let document = host
        .owner_document()
        .ok_or_else(|| js_error("zufi: the host is not in a document"))?;
    let root = document.create_element("div")?;
    root.set_class_name("zufi");
    root.set_attribute("lang", config.lang.code())?;
    root.set_attribute("data-theme", config.theme.name())?;
    host.append_child(&root)?;
    let instance = NEXT_INSTANCE.with(|next| {
        let n = next.get();
        next.set(n.wrapping_add(1));
        n
    });
    let props = app::AppProps {
        config: Rc::new(config),
        id: format!("zufi{instance}").into(),
    };
    let app = yew::Renderer::<app::App>::with_root_and_props(root.clone(), props).render();
    Ok(WidgetHandle {
        app: Some(app),
        root,
    })
}

/// An opened index, for sites with their own interface.
#[wasm_bindgen]
pub struct ZufiIndex {
    index: zufi::Index,
}

impl std::fmt::Debug for ZufiIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.index.fmt(f)
    }
}

/// The place options of `search` and `service`.
#[derive(Debug, Default, serde::Deserialize)]
struct QueryOptions {
    ars: Option<String>,
    plz: Option<String>,
    limit: Option<f64>,
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_error(format!("zufi: {e}")))
}

fn query_options(options: JsValue) -> Result<QueryOptions, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(QueryOptions::default());
    }
    serde_wasm_bindgen::from_value(options)
        .map_err(|e| js_error(format!("zufi: invalid options: {e}")))
}

impl ZufiIndex {
    /// The place the options name: `ars`, or the one region of `plz`.
    fn place(&self, options: &QueryOptions) -> Result<Option<zufi::Ars>, JsValue> {
        if let Some(ars) = options.ars.as_deref().filter(|a| !a.is_empty()) {
            return ars
                .parse()
                .map(Some)
                .map_err(|e| js_error(format!("zufi: option `ars`: {e}")));
        }
        let Some(plz) = options.plz.as_deref().filter(|p| !p.is_empty()) else {
            return Ok(None);
        };
        let plz: zufi::Plz = plz.parse().map_err(|_| {
            js_error(format!(
                "zufi: option `plz` must be a 5-digit postcode, got {plz:?}"
            ))
        })?;
        match self.index.regions_for_plz(plz).as_slice() {
            [] => Err(js_error(format!(
                "zufi: postcode {plz} is not in this index"
            ))),
            [one] => Ok(Some(one.ars)),
            several => Err(js_error(format!(
                "zufi: postcode {plz} spans several places ({}); pass `ars` instead (see locate())",
                several
                    .iter()
                    .map(|r| format!("{} {}", r.ars, r.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }
}

#[wasm_bindgen]
impl ZufiIndex {
    /// Opens an index from its bytes; throws for a corrupt, foreign or newer file.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &[u8]) -> Result<ZufiIndex, JsValue> {
        zufi::Index::from_bytes(bytes)
            .map(|index| ZufiIndex { index })
            .map_err(js_error)
    }

    /// Ranked services for `query`: `{id, name, score, highlights, teaser,
    /// responsible, onlineServices, forms}`; options `{ars?, plz?, limit?}`.
    pub fn search(&self, query: &str, options: JsValue) -> Result<JsValue, JsValue> {
        let options = query_options(options)?;
        let region = self.place(&options)?;
        let limit = match options.limit {
            None => 10,
            Some(n) if n >= 1.0 && n.fract() == 0.0 => n as usize,
            Some(_) => {
                return Err(js_error(
                    "zufi: option `limit` must be a positive whole number",
                ))
            }
        };
        let hits = self.index.search(
            query,
            &zufi::SearchOptions {
                region,
                limit,
                ..Default::default()
            },
        );
        to_js(&hits.iter().map(api::SearchHit::new).collect::<Vec<_>>())
    }

    /// The full record of service `id` with who handles it at the place in
    /// `options` (`{ars?, plz?}`), or `null`.
    pub fn service(&self, id: &str, options: JsValue) -> Result<JsValue, JsValue> {
        let options = query_options(options)?;
        let place = self.place(&options)?;
        match self.index.service(id) {
            Some(service) => to_js(&api::ServiceRecord::new(&self.index, service, place)),
            None => Ok(JsValue::NULL),
        }
    }

    /// Candidate regions `{ars, name, level, plz}` for a postcode or a place name.
    pub fn locate(&self, text: &str) -> Result<JsValue, JsValue> {
        let places: Vec<place::Place> = self
            .index
            .locate(text)
            .into_iter()
            .map(place::Place::from)
            .collect();
        to_js(&places)
    }

    /// All topics `{id, name, parent}`.
    pub fn topics(&self) -> Result<JsValue, JsValue> {
        let topics: Vec<api::TopicRef> = self.index.topics().iter().map(Into::into).collect();
        to_js(&topics)
    }

    /// All services `{id, name}` in A–Z order.
    pub fn services(&self) -> Result<JsValue, JsValue> {
        let services: Vec<api::ServiceRef> = self
            .index
            .services_by_name()
            .into_iter()
            .map(Into::into)
            .collect();
        to_js(&services)
    }

    /// `{version, catalog, demo, attribution, counts}`.
    pub fn info(&self) -> Result<JsValue, JsValue> {
        to_js(&api::Info::new(&self.index))
    }
}

/// Fetches and opens the index at `url`.
#[wasm_bindgen(js_name = loadIndex)]
pub async fn load_index(url: String) -> Result<ZufiIndex, JsValue> {
    let bytes = fetch::fetch_bytes(&url)
        .await
        .map_err(|e| js_error(e.technical(&url)))?;
    ZufiIndex::from_bytes(&bytes)
}
