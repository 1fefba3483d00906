//! The headless JS API: an opened index ([`ZufiIndex`]) and [`load_index`],
//! for sites with their own interface, in browsers, workers and Node. It is
//! all that the build without the feature `ui` exports.
//!
//! A sharded index (opened from its `manifest.json`) answers from what is
//! loaded; [`ZufiIndex::ensure`] fetches what a search, a service or a place
//! needs first.

use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::js_fields::JsFields;
use crate::live::{self, LiveIndex, Need};
use crate::{api, place};

/// A JS `Error` with `message`.
pub(crate) fn js_error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}

/// An opened index, for sites with their own interface.
#[wasm_bindgen]
#[derive(Debug)]
pub struct ZufiIndex {
    live: Rc<LiveIndex>,
}

/// The place options of `search` and `service`, and what `ensure` loads.
#[derive(Debug, Default)]
struct QueryOptions {
    ars: Option<String>,
    plz: Option<String>,
    limit: Option<f64>,
    query: Option<String>,
    service: Option<String>,
    places: bool,
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_error(format!("zufi: {e}")))
}

/// Reads the options object field by field ([`JsFields`]).
fn query_options(options: JsValue) -> Result<QueryOptions, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(QueryOptions::default());
    }
    if !options.is_object() {
        return Err(js_error("zufi: invalid options: expected an object"));
    }
    let fields = JsFields(&options);
    let read = || -> Result<QueryOptions, String> {
        Ok(QueryOptions {
            ars: fields.text("ars")?,
            plz: fields.text("plz")?,
            limit: fields.number("limit")?,
            query: fields.text("query")?,
            service: fields.text("service")?,
            places: fields.get("places")?.is_some_and(|v| v.is_truthy()),
        })
    };
    read().map_err(js_error)
}

impl QueryOptions {
    /// The `limit` option, 10 when absent.
    fn limit(&self) -> Result<usize, JsValue> {
        match self.limit {
            None => Ok(10),
            Some(n) if n >= 1.0 && n.fract() == 0.0 => Ok(n as usize),
            Some(_) => Err(js_error(
                "zufi: option `limit` must be a positive whole number",
            )),
        }
    }

    /// The place the options name: `ars`, or the one region of `plz`.
    fn place(&self, index: &zufi::Index) -> Result<Option<zufi::Ars>, JsValue> {
        if let Some(ars) = self.ars.as_deref().filter(|a| !a.is_empty()) {
            return ars
                .parse()
                .map(Some)
                .map_err(|e| js_error(format!("zufi: option `ars`: {e}")));
        }
        let Some(plz) = self.plz.as_deref().filter(|p| !p.is_empty()) else {
            return Ok(None);
        };
        let plz: zufi::Plz = plz.parse().map_err(|_| {
            js_error(format!(
                "zufi: option `plz` must be a 5-digit postcode, got {plz:?}"
            ))
        })?;
        match index.regions_for_plz(plz).as_slice() {
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
            .map(|index| ZufiIndex {
                live: Rc::new(LiveIndex::complete(index)),
            })
            .map_err(js_error)
    }

    /// Fetches the shards of a sharded index that a request needs:
    /// `{query?, ars?, plz?, limit?, service?, places?}` — a search (with
    /// its place), a service's record and who handles it at the place, the
    /// place lookup. Resolves when they are there (at once for a single
    /// file); rejects naming the part that could not be loaded, after which
    /// everything else still works.
    pub fn ensure(&self, request: JsValue) -> Result<js_sys::Promise, JsValue> {
        let request = query_options(request)?;
        let limit = request.limit()?;
        let live = self.live.clone();
        Ok(wasm_bindgen_futures::future_to_promise(async move {
            let needs_places =
                request.places || request.plz.as_deref().is_some_and(|p| !p.is_empty());
            let mut failures = Vec::new();
            if needs_places {
                failures.extend(live.ensure(&Need::Places).await);
            }
            let place = request.place(&live.get())?;
            let mut needs = Vec::new();
            if let Some(query) = request.query.clone() {
                let options = zufi::SearchOptions {
                    region: place,
                    limit,
                    ..Default::default()
                };
                needs.push(Need::Search(query, options));
            }
            if let Some(id) = request.service.clone() {
                needs.push(Need::Service(id.clone()));
                if let Some(place) = place {
                    needs.push(Need::Responsible(id, place));
                }
            }
            if let Some(place) = place {
                needs.push(Need::Place(place));
            }
            for need in &needs {
                failures.extend(live.ensure(need).await);
            }
            match failures.first() {
                None => Ok(JsValue::UNDEFINED),
                Some(failure) => Err(js_error(failure.technical())),
            }
        }))
    }

    /// Ranked services for `query`: `{id, name, score, highlights, teaser,
    /// responsible, onlineServices, forms}`; options `{ars?, plz?, limit?}`.
    pub fn search(&self, query: &str, options: JsValue) -> Result<JsValue, JsValue> {
        let options = query_options(options)?;
        let index = self.live.get();
        let region = options.place(&index)?;
        let limit = options.limit()?;
        let hits = index.search(
            query,
            &zufi::SearchOptions {
                region,
                limit,
                ..Default::default()
            },
        );
        to_js(
            &hits
                .iter()
                .map(|hit| api::SearchHit::new(hit, &index))
                .collect::<Vec<_>>(),
        )
    }

    /// The full record of service `id` with who handles it at the place in
    /// `options` (`{ars?, plz?}`), or `null`.
    pub fn service(&self, id: &str, options: JsValue) -> Result<JsValue, JsValue> {
        let options = query_options(options)?;
        let index = self.live.get();
        let place = options.place(&index)?;
        match index.service(id) {
            Some(service) => to_js(&api::ServiceRecord::new(&index, service, place)),
            None => Ok(JsValue::NULL),
        }
    }

    /// Candidate regions `{ars, name, level, plz}` for a postcode or a place name.
    pub fn locate(&self, text: &str) -> Result<JsValue, JsValue> {
        let places: Vec<place::Place> = self
            .live
            .get()
            .locate(text)
            .into_iter()
            .map(place::Place::from)
            .collect();
        to_js(&places)
    }

    /// All topics `{id, name, parent}`.
    pub fn topics(&self) -> Result<JsValue, JsValue> {
        let topics: Vec<api::TopicRef> = self.live.get().topics().iter().map(Into::into).collect();
        to_js(&topics)
    }

    /// All services `{id, name}` in A–Z order.
    pub fn services(&self) -> Result<JsValue, JsValue> {
        let services: Vec<api::ServiceRef> = self
            .live
            .get()
            .services_by_name()
            .into_iter()
            .map(Into::into)
            .collect();
        to_js(&services)
    }

    /// `{version, catalog, demo, attribution, counts}`.
    pub fn info(&self) -> Result<JsValue, JsValue> {
        to_js(&api::Info::new(&self.live.get()))
    }
}

/// Fetches and opens the index at `url`: an index file, or a sharded
/// index's `manifest.json` (then only its search shard is fetched now).
#[wasm_bindgen(js_name = loadIndex)]
pub async fn load_index(url: String) -> Result<ZufiIndex, JsValue> {
    // The page decides how long to wait (it can race the promise).
    let live = live::load(&url, None)
        .await
        .map_err(|e| js_error(e.technical(&url)))?;
    Ok(ZufiIndex {
        live: Rc::new(live),
    })
}
