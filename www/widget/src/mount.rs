//! `mount`: the finder rendered into a host element (the feature `ui`).

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::app;
use crate::headless::js_error;
use crate::js_fields::JsFields;
use crate::options::{Config, Count, RawContact, RawOptions};
use crate::routing::{Registration, Routing};

thread_local! {
    static NEXT_INSTANCE: Cell<u32> = const { Cell::new(1) };
}

/// A mounted finder. `destroy()` unmounts it and removes what it added.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<yew::AppHandle<app::App>>,
    root: web_sys::Element,
    /// Its place among the page's finders that use the address.
    registration: Option<Registration>,
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
        self.registration = None;
    }
}

/// Reads the `mount` options object.
pub fn parse_options(options: &JsValue) -> Result<Config, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Config::new(RawOptions::default(), None).map_err(js_error);
    }
    if !options.is_object() {
        return Err(js_error("zufi: the options must be an object"));
    }
    let raw = read_options(options).map_err(js_error)?;
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

/// `mount`'s options object read field by field ([`JsFields`]), as
/// zufi.d.ts describes it; fields zufi does not know are ignored, except in
/// `contact`.
fn read_options(options: &JsValue) -> Result<RawOptions, String> {
    let fields = JsFields(options);
    Ok(RawOptions {
        index: fields.text("index")?,
        ars: fields.text("ars")?,
        plz: fields.text("plz")?,
        lang: fields.text("lang")?,
        max_results: count(&fields, "maxResults")?,
        kiosk: fields.flag("kiosk")?,
        kiosk_idle: count(&fields, "kioskIdle")?,
        kiosk_countdown: count(&fields, "kioskCountdown")?,
        catalog_date: fields.text("catalogDate")?,
        theme: fields.text("theme")?,
        remember_place: fields.flag("rememberPlace")?,
        hash_routing: fields.flag("hashRouting")?,
        load_timeout: count(&fields, "loadTimeout")?,
        contact: contact(&fields, "contact")?,
        fallback_115: fields.flag("fallback115")?,
        glossary: fields.text("glossary")?,
        glossary_text: fields.text("glossaryText")?,
    })
}

/// A number, or a number written as a string (as attributes are).
fn count(fields: &JsFields<'_>, name: &str) -> Result<Option<Count>, String> {
    fields
        .get(name)?
        .map(|v| match (v.as_f64(), v.as_string()) {
            (Some(number), _) => Ok(Count::Number(number)),
            (None, Some(text)) => Ok(Count::Text(text)),
            _ => Err(JsFields::wrong(name, "a number")),
        })
        .transpose()
}

/// The host's contact: an object of strings, no other keys.
fn contact(fields: &JsFields<'_>, name: &str) -> Result<Option<RawContact>, String> {
    let Some(value) = fields.get(name)? else {
        return Ok(None);
    };
    if !value.is_object() {
        return Err(JsFields::wrong(
            name,
            "an object with text, phone, email and url",
        ));
    }
    const KNOWN: [&str; 4] = ["text", "phone", "email", "url"];
    let keys = js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>());
    if let Some(unknown) = keys
        .iter()
        .filter_map(|key| key.as_string())
        .find(|key| !KNOWN.contains(&key.as_str()))
    {
        return Err(format!(
            "zufi: invalid options: `{name}` has no field `{unknown}` (only text, phone, email, url)"
        ));
    }
    let inner = JsFields(&value);
    let field = |key: &str| {
        inner
            .text(key)
            .map_err(|_| JsFields::wrong(&format!("{name}.{key}"), "a string"))
    };
    Ok(Some(RawContact {
        text: field("text")?,
        phone: field("phone")?,
        email: field("email")?,
        url: field("url")?,
    }))
}

/// The id of the element a finder belongs to, which scopes its part of the
/// address hash: the shadow host's when `host` is in a shadow root (zufi.js
/// renders into a container inside the element's), else `host`'s own.
fn host_id(host: &web_sys::Node) -> Option<String> {
    let root = host.get_root_node();
    let element = match root.dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.host(),
        None => host.dyn_ref::<web_sys::Element>()?.clone(),
    };
    Some(element.id()).filter(|id| !id.is_empty())
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
    let routing = Routing::new(&config, host_id(host));
    let registration = routing.register();
    let props = app::AppProps {
        config: Rc::new(config),
        id: format!("zufi{instance}").into(),
        routing: Rc::new(routing),
    };
    let app = yew::Renderer::<app::App>::with_root_and_props(root.clone(), props).render();
    Ok(WidgetHandle {
        app: Some(app),
        root,
        registration: Some(registration),
    })
}
