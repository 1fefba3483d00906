//! The headless JS API: an opened index ([`ZufiIndex`]) and [`load_index`],
//! for sites with their own interface, in browsers, workers and Node. It is
//! all that the build without the feature `ui` exports.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{api, fetch, place};

/// A JS `Error` with `message`.
pub(crate) fn js_error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
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
#[derive(Debug, Default)]
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

/// Reads the options object by hand: three fields do not need serde's
/// deserializer, whose error messages would bring float formatting into the
/// wasm.
fn query_options(options: JsValue) -> Result<QueryOptions, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(QueryOptions::default());
    }
    if !options.is_object() {
        return Err(js_error("zufi: invalid options: expected an object"));
    }
    let field = |name: &str| {
        js_sys::Reflect::get(&options, &JsValue::from_str(name))
            .map(|value| Some(value).filter(|v| !v.is_undefined() && !v.is_null()))
    };
    let text = |name: &str| -> Result<Option<String>, JsValue> {
        match field(name)? {
            None => Ok(None),
            Some(value) => value.as_string().map(Some).ok_or_else(|| {
                js_error(format!("zufi: invalid options: `{name}` must be a string"))
            }),
        }
    };
    let limit = match field("limit")? {
        None => None,
        Some(value) => Some(
            value
                .as_f64()
                .ok_or_else(|| js_error("zufi: invalid options: `limit` must be a number"))?,
        ),
    };
    Ok(QueryOptions {
        ars: text("ars")?,
        plz: text("plz")?,
        limit,
    })
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
