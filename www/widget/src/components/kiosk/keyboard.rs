//! The on-screen keyboard of kiosk mode: many terminals have no physical one.
//!
//! Its keys are ordinary buttons, so touch, a mouse and a physical keyboard
//! (Tab, Enter, Space) all work them. A key press types into the search box,
//! whose finder searches as it would for typing — or, while another text
//! field has the focus (the place field after "Ort ändern"), into that one.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::kiosk::focus::focused_element;
use crate::i18n::Lang;

/// One key of the on-screen keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Space,
    Backspace,
    Clear,
}

/// The character rows of a German QWERTZ keyboard, with the digits for
/// postcodes and the hyphen of compound names. Letters are lower case: the
/// search ignores case, and one case keeps the keys' names unambiguous.
pub const ROWS: [&str; 4] = ["1234567890ß", "qwertzuiopü", "asdfghjklöä", "yxcvbnm-"];

/// The search text after `key` is pressed on `query`. Typing stops at the
/// length the search box takes (`zufi::MAX_QUERY_CHARS`), as the box's
/// `maxlength` stops a physical keyboard.
pub fn apply(query: &str, key: Key) -> String {
    let mut next = query.to_string();
    match key {
        Key::Char(c) if query.chars().count() < zufi::MAX_QUERY_CHARS => next.push(c),
        // A leading or doubled space adds nothing to a search.
        Key::Space if !query.is_empty() && !query.ends_with(' ') => next.push(' '),
        Key::Backspace => {
            next.pop();
        }
        Key::Clear => next.clear(),
        Key::Char(_) | Key::Space => {}
    }
    next
}

/// The text field other than the search box that has the focus, if any.
/// A touch on a key leaves the focus where it was, so this is the field the
/// citizen last touched.
fn focused_field(event: &MouseEvent) -> Option<web_sys::HtmlInputElement> {
    let key: web_sys::Node = event.target()?.dyn_into().ok()?;
    let input: web_sys::HtmlInputElement = focused_element(&key)?.dyn_into().ok()?;
    let is_search_box = input.get_attribute("role").as_deref() == Some("combobox");
    (input.type_() == "text" && !is_search_box).then_some(input)
}

/// Types `key` into `field` as a physical keyboard would: the new value, and
/// an `input` event that bubbles to the component listening for it.
fn type_into(field: &web_sys::HtmlInputElement, key: Key) {
    field.set_value(&apply(&field.value(), key));
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(event) = Event::new_with_event_init_dict("input", &init) {
        // Refused only for an event already being dispatched; this one is new.
        let _ = field.dispatch_event(&event);
    }
}

/// Props of [`Keyboard`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct KeyboardProps {
    pub query: String,
    pub lang: Lang,
    /// The search text changed.
    pub on_query: Callback<String>,
}

/// `role="group"` of key buttons in the QWERTZ layout, with space,
/// backspace and clear.
#[component]
pub fn Keyboard(props: &KeyboardProps) -> Html {
    let text = props.lang.text().kiosk;
    let press = |key: Key| {
        let on_query = props.on_query.clone();
        let query = props.query.clone();
        Callback::from(move |event: MouseEvent| match focused_field(&event) {
            Some(field) => type_into(&field, key),
            None => on_query.emit(apply(&query, key)),
        })
    };
    // A touch on a key leaves the focus where it was (in the search box), as
    // a physical keyboard would; tabbing onto a key still focuses it.
    let keep_focus = Callback::from(|event: MouseEvent| event.prevent_default());
    let rows = ROWS.iter().map(|row| {
        html! {
            <div class="zufi-key-row">
                { for row.chars().map(|c| html! {
                    <button type="button" class="zufi-key" key={c.to_string()}
                        onclick={press(Key::Char(c))} onmousedown={keep_focus.clone()}>{ c }</button>
                }) }
            </div>
        }
    });
    html! {
        <div class="zufi-keyboard" role="group" aria-label={text.keyboard}>
            { for rows }
            <div class="zufi-key-row">
                <button type="button" class="zufi-key zufi-key-space"
                    onclick={press(Key::Space)} onmousedown={keep_focus.clone()}>{ text.space }</button>
                <button type="button" class="zufi-key zufi-key-wide" aria-label={text.backspace}
                    onclick={press(Key::Backspace)} onmousedown={keep_focus.clone()}>
                    <span aria-hidden="true">{ "⌫" }</span>
                </button>
                <button type="button" class="zufi-key zufi-key-wide"
                    onclick={press(Key::Clear)} onmousedown={keep_focus}>{ text.clear }</button>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_edit_the_search_text() {
        let cases = [
            ("hund", Key::Char('e'), "hunde"),
            ("", Key::Char('ü'), "ü"),
            ("hund", Key::Space, "hund "),
            ("", Key::Space, ""),
            ("hund ", Key::Space, "hund "),
            ("hündin", Key::Backspace, "hündi"),
            ("ß", Key::Backspace, ""),
            ("", Key::Backspace, ""),
            ("hunde steuer", Key::Clear, ""),
        ];
        for (query, key, expected) in cases {
            assert_eq!(apply(query, key), expected, "{query:?} {key:?}");
        }
    }

    #[test]
    fn typing_stops_at_the_longest_query() {
        let full = "a".repeat(zufi::MAX_QUERY_CHARS);
        assert_eq!(apply(&full, Key::Char('b')), full);
        assert_eq!(
            apply(&full, Key::Backspace).len(),
            zufi::MAX_QUERY_CHARS - 1
        );
    }

    #[test]
    fn the_layout_is_qwertz_with_umlauts_and_sharp_s() {
        let keys: String = ROWS.concat();
        for c in "qwertzuiopasdfghjklyxcvbnmäöüß0123456789".chars() {
            assert_eq!(keys.matches(c).count(), 1, "{c} once");
        }
        assert!(ROWS[1].starts_with("qwertz") && ROWS[3].starts_with("yxcv"));
    }
}
