//! Where the keyboard focus is, inside the finder's shadow root or a plain
//! page alike: the on-screen keyboard types there, and the countdown gives
//! the focus back there.

use wasm_bindgen::JsCast;

/// The focused element of the document or shadow root `inside` belongs to.
pub fn focused_element(inside: &web_sys::Node) -> Option<web_sys::Element> {
    let root = inside.get_root_node();
    match root.dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.active_element(),
        None => root.dyn_ref::<web_sys::Document>()?.active_element(),
    }
}
