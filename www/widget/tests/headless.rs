//! The headless API in a real browser. It is all the build without the
//! feature `ui` has, so these tests run in both builds.
//!
//! Run with the command in `www/widget/README.md` (add `--no-default-features`
//! for the headless build).

#![cfg(target_arch = "wasm32")]

mod common;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use zufi_widget::ZufiIndex;

use common::index_bytes;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_headless_api_returns_plain_objects() {
    let index = ZufiIndex::from_bytes(&index_bytes()).expect("opens");
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"plz".into(), &"99084".into()).expect("set");
    let hits = index
        .search("personalausweis", options.into())
        .expect("search");
    let json = String::from(js_sys::JSON::stringify(&hits).expect("json"));
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid json");
    assert_eq!(value[0]["id"], "pa");
    assert_eq!(value[0]["highlights"], serde_json::json!([[0, 15]]));
    assert_eq!(value[0]["responsible"][0]["name"], "Bürgeramt Erfurt");

    let ambiguous = js_sys::Object::new();
    js_sys::Reflect::set(&ambiguous, &"plz".into(), &"99310".into()).expect("set");
    let error = index
        .search("personalausweis", ambiguous.into())
        .expect_err("ambiguous postcode");
    let message = String::from(error.unchecked_into::<js_sys::Error>().message());
    assert!(message.contains("Arnstadt"), "{message}");

    let located = js_sys::JSON::stringify(&index.locate("Arn").expect("locate")).expect("json");
    assert_eq!(
        String::from(located),
        r#"[{"ars":"160700004004","name":"Arnstadt","level":"gemeinde","plz":["99310"]}]"#
    );
    assert!(index
        .service("nope", JsValue::UNDEFINED)
        .expect("service")
        .is_null());
    let error = ZufiIndex::from_bytes(b"nope").expect_err("not an index");
    let message = String::from(error.unchecked_into::<js_sys::Error>().message());
    assert!(message.contains("not a zufi index"), "{message}");
}

#[wasm_bindgen_test]
fn options_of_the_wrong_type_are_named() {
    let index = ZufiIndex::from_bytes(&index_bytes()).expect("opens");
    let message_for = |key: &str, value: JsValue| {
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &key.into(), &value).expect("set");
        let error = index
            .search("personalausweis", options.into())
            .expect_err("wrong type");
        String::from(error.unchecked_into::<js_sys::Error>().message())
    };
    assert_eq!(
        message_for("limit", "3".into()),
        "zufi: invalid options: `limit` must be a number"
    );
    assert_eq!(
        message_for("ars", JsValue::from_f64(160700004004.0)),
        "zufi: invalid options: `ars` must be a string"
    );
    let error = index
        .search("personalausweis", "99084".into())
        .expect_err("not an object");
    let message = String::from(error.unchecked_into::<js_sys::Error>().message());
    assert_eq!(message, "zufi: invalid options: expected an object");
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"limit".into(), &JsValue::from_f64(1.0)).expect("set");
    js_sys::Reflect::set(&options, &"ars".into(), &JsValue::NULL).expect("set");
    let hits = index
        .search("beantragen", options.into())
        .expect("null is no value");
    assert_eq!(js_sys::Array::from(&hits).length(), 1);
}
