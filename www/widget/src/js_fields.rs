//! The fields of an options object passed in from JavaScript, read one by
//! one, for `mount` and for the headless API's `search`, `service` and
//! `ensure`.
//!
//! Read by hand rather than with serde's deserializer: its error messages
//! would bring float formatting into the wasm (about 8 KB gzip). Absent and
//! `null` fields are unset; a field of the wrong type is an error that names
//! it in the words zufi.d.ts uses.

use wasm_bindgen::JsValue;

/// The fields of a JS object.
pub(crate) struct JsFields<'a>(pub(crate) &'a JsValue);

impl JsFields<'_> {
    /// The field `name`, `None` when absent or `null`.
    pub(crate) fn get(&self, name: &str) -> Result<Option<JsValue>, String> {
        let value = js_sys::Reflect::get(self.0, &JsValue::from_str(name))
            .map_err(|_| format!("zufi: invalid options: `{name}` cannot be read"))?;
        Ok(Some(value).filter(|v| !v.is_undefined() && !v.is_null()))
    }

    /// The error for a field `name` that is not `expected`.
    pub(crate) fn wrong(name: &str, expected: &str) -> String {
        format!("zufi: invalid options: `{name}` must be {expected}")
    }

    /// A string field.
    pub(crate) fn text(&self, name: &str) -> Result<Option<String>, String> {
        self.get(name)?
            .map(|v| v.as_string().ok_or_else(|| Self::wrong(name, "a string")))
            .transpose()
    }

    /// A boolean field (only `mount` has them).
    #[cfg(feature = "ui")]
    pub(crate) fn flag(&self, name: &str) -> Result<Option<bool>, String> {
        self.get(name)?
            .map(|v| {
                v.as_bool()
                    .ok_or_else(|| Self::wrong(name, "true or false"))
            })
            .transpose()
    }

    /// A number field.
    pub(crate) fn number(&self, name: &str) -> Result<Option<f64>, String> {
        self.get(name)?
            .map(|v| v.as_f64().ok_or_else(|| Self::wrong(name, "a number")))
            .transpose()
    }
}
