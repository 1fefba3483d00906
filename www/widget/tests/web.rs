//! The widget in a real browser: mount it on a small index, act like a
//! citizen with keyboard and mouse events, and read the DOM.
//!
//! Run with the command in `www/widget/README.md`.

#![cfg(all(target_arch = "wasm32", feature = "ui"))]

mod common;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use zufi_widget::{mount, WidgetHandle};

use common::index_bytes;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

fn options(bytes: &[u8], extra: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| {
        js_sys::Reflect::set(&object, &key.into(), value).expect("set option");
    };
    set("indexBytes", &js_sys::Uint8Array::from(bytes).into());
    set("hashRouting", &false.into());
    for (key, value) in extra {
        set(key, value);
    }
    object.into()
}

/// A fresh host element in the page.
fn host() -> Element {
    let host = document().create_element("div").expect("create host");
    document()
        .body()
        .expect("a body")
        .append_child(&host)
        .expect("attach host");
    host
}

async fn mounted(extra: &[(&str, JsValue)]) -> (Element, WidgetHandle) {
    let host = host();
    let handle = mount(&host, options(&index_bytes(), extra)).expect("mounts");
    yew::scheduler::flush().await;
    (host, handle)
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn find_all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("valid selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .collect()
}

fn text(element: &Element) -> String {
    element
        .text_content()
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn attr(element: &Element, name: &str) -> Option<String> {
    element.get_attribute(name)
}

fn combobox(root: &Element) -> HtmlInputElement {
    find(root, "input[role=combobox]").unchecked_into()
}

async fn type_text(input: &HtmlInputElement, value: &str) {
    input.set_value(value);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).expect("input event");
    input.dispatch_event(&event).expect("dispatch input");
    yew::scheduler::flush().await;
}

async fn press(target: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("key");
    target.dispatch_event(&event).expect("dispatch key");
    yew::scheduler::flush().await;
}

async fn click(element: &Element) {
    element.unchecked_ref::<HtmlElement>().click();
    yew::scheduler::flush().await;
}

/// Waits (at most about five seconds) for something asynchronous such as a fetch.
async fn until(root: &Element, selector: &str) -> Element {
    for _ in 0..100 {
        if let Ok(Some(found)) = root.query_selector(selector) {
            return found;
        }
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .expect("a window")
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50)
                .expect("set timeout");
        });
        wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .expect("timer");
        yew::scheduler::flush().await;
    }
    panic!("{selector} did not appear");
}

#[wasm_bindgen_test]
async fn the_search_box_is_an_aria_combobox() {
    let (host, _handle) = mounted(&[]).await;
    let form = find(&host, "form[role=search]");
    let input = combobox(&form);
    let label = find(&form, "label");
    assert_eq!(text(&label), "Was möchten Sie erledigen?");
    assert_eq!(attr(&label, "for"), Some(input.id()));
    assert_eq!(attr(&input, "aria-autocomplete").as_deref(), Some("list"));
    assert_eq!(attr(&input, "aria-expanded").as_deref(), Some("false"));
    let list_id = attr(&input, "aria-controls").expect("aria-controls");
    let listbox = find(&host, &format!("#{list_id}"));
    assert_eq!(attr(&listbox, "role").as_deref(), Some("listbox"));
    assert_eq!(attr(&input, "aria-activedescendant"), None);
    // A paste is cut where the core stops searching anyway.
    assert_eq!(input.max_length(), zufi::MAX_QUERY_CHARS as i32);
}

#[wasm_bindgen_test]
async fn a_typo_still_finds_and_the_keyboard_opens_the_detail() {
    let (host, _handle) = mounted(&[("ars", "160700004004".into())]).await;
    let input = combobox(&host);
    type_text(&input, "personalauswies").await;

    assert_eq!(attr(&input, "aria-expanded").as_deref(), Some("true"));
    let options = find_all(&host, "[role=listbox] [role=option]");
    assert_eq!(options.len(), 1);
    assert!(text(&options[0]).starts_with("Personalausweis beantragen"));
    assert_eq!(text(&find(&options[0], "mark")), "Personalausweis");
    assert_eq!(text(&find(&host, "[role=status]")), "1 Leistung gefunden");

    press(&input, "ArrowDown").await;
    assert_eq!(attr(&input, "aria-activedescendant"), Some(options[0].id()));
    let active = find(&host, "[role=option][aria-selected=true]");
    assert_eq!(active.id(), options[0].id());

    press(&input, "Enter").await;
    let article = find(&host, "article");
    assert_eq!(text(&find(&article, "h2")), "Personalausweis beantragen");
    let headings: Vec<String> = find_all(&article, "h3").iter().map(text).collect();
    assert_eq!(
        headings,
        [
            "Kurzbeschreibung",
            "Erforderliche Unterlagen",
            "Kosten",
            "Zuständige Stelle",
            "Online erledigen"
        ]
    );
    assert_eq!(text(&find(&article, "h4")), "Landratsamt Ilm-Kreis");
    assert_eq!(
        attr(&find(&article, "a[href^='tel:']"), "href").as_deref(),
        Some("tel:036287380")
    );
    assert_eq!(
        attr(&find(&article, "a[href^='mailto:']"), "href").as_deref(),
        Some("mailto:info@ilm-kreis.de")
    );
    assert_eq!(attr(&input, "aria-expanded").as_deref(), Some("false"));
    let focused = document().active_element().expect("something has focus");
    assert_eq!(text(&focused), "Personalausweis beantragen");

    click(&find(&article, "button.zufi-back")).await;
    assert!(host.query_selector("article").expect("selector").is_none());
    assert_eq!(input.value(), "personalauswies");
}

#[wasm_bindgen_test]
async fn escape_closes_then_clears() {
    let (host, _handle) = mounted(&[]).await;
    let input = combobox(&host);
    type_text(&input, "beantr").await;
    assert_eq!(find_all(&host, "[role=option]").len(), 2);
    assert_eq!(text(&find(&host, "[role=status]")), "2 Leistungen gefunden");

    press(&input, "Escape").await;
    assert_eq!(attr(&input, "aria-expanded").as_deref(), Some("false"));
    assert!(find(&host, "[role=listbox]").has_attribute("hidden"));
    assert_eq!(input.value(), "beantr");

    press(&input, "Escape").await;
    assert_eq!(input.value(), "");
    assert_eq!(text(&find(&host, "[role=status]")), "");
}

#[wasm_bindgen_test]
async fn no_results_offer_alternatives() {
    let (host, _handle) = mounted(&[("lang", "en".into())]).await;
    let input = combobox(&host);
    type_text(&input, "hnud ").await;
    assert_eq!(text(&find(&host, "[role=status]")), "No services found");
    let section = find(&host, ".zufi-did-you-mean");
    assert!(text(&section).starts_with("Did you mean …?"));
    let button = find(&section, "button");
    assert_eq!(text(&button), "Hund");

    click(&button).await;
    assert_eq!(input.value(), "Hund");
    let options = find_all(&host, "[role=option]");
    assert!(text(&options[0]).starts_with("Hund anmelden"));
}

#[wasm_bindgen_test]
async fn without_a_place_the_detail_asks_for_one_and_a_postcode_is_disambiguated() {
    let (host, _handle) = mounted(&[]).await;
    let input = combobox(&host);
    type_text(&input, "personalausweis").await;
    press(&input, "Enter").await;
    assert!(text(&find(&host, ".zufi-responsible")).contains("Wählen Sie Ihren Ort"));

    let place = find(&host, "section.zufi-place");
    assert_eq!(text(&find(&place, "h2")), "Ihr Ort");
    assert_eq!(text(&find(&place, "label")), "Postleitzahl oder Ort");
    let place_input: HtmlInputElement = find(&place, "input").unchecked_into();
    type_text(&place_input, "99310").await;
    let group = find(&host, "[role=group]");
    let label_id = attr(&group, "aria-labelledby").expect("group label");
    assert_eq!(
        text(&find(&host, &format!("#{label_id}"))),
        "Bitte wählen Sie Ihren Ort"
    );
    let choices: Vec<Element> = find_all(&group, "button");
    assert_eq!(
        choices.iter().map(text).collect::<Vec<_>>(),
        ["Arnstadt", "Alkersleben"]
    );

    click(&choices[1]).await;
    assert_eq!(text(&find(&host, ".zufi-place-name")), "Alkersleben");
    assert_eq!(text(&find(&host, "article h4")), "Landratsamt Ilm-Kreis");

    click(&find(&host, ".zufi-place button")).await;
    let place_input: HtmlInputElement = find(&host, ".zufi-place input").unchecked_into();
    type_text(&place_input, "99084").await;
    assert_eq!(text(&find(&host, ".zufi-place-name")), "Erfurt");
    assert_eq!(text(&find(&host, "article h4")), "Bürgeramt Erfurt");
}

#[wasm_bindgen_test]
async fn browsing_by_letter_and_topic_opens_services() {
    let (host, _handle) = mounted(&[]).await;
    let tabs = find_all(&host, ".zufi-tabs button");
    assert_eq!(tabs.iter().map(text).collect::<Vec<_>>(), ["A–Z", "Themen"]);
    click(&tabs[0]).await;
    let letters: Vec<String> = find_all(&host, ".zufi-letter").iter().map(text).collect();
    assert_eq!(letters, ["H", "P", "R"]);
    click(&find_all(&host, ".zufi-letter")[2]).await;
    click(&find(&host, ".zufi-browse-list button")).await;
    assert_eq!(text(&find(&host, "article h2")), "Reisepass beantragen");

    click(&find(&host, "button.zufi-back")).await;
    click(&find_all(&host, ".zufi-tabs button")[1]).await;
    click(&find(&host, ".zufi-topic")).await;
    let services: Vec<String> = find_all(&host, ".zufi-browse-list button")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        services,
        ["Personalausweis beantragen", "Reisepass beantragen"]
    );
}

#[wasm_bindgen_test]
async fn damaged_bytes_show_an_alert_not_a_blank_box() {
    let mut corrupt = index_bytes();
    let last = corrupt.len() - 1;
    corrupt[last] ^= 0xff;
    let cases: [(Vec<u8>, &str); 3] = [
        (corrupt, "Die Datei ist beschädigt."),
        (
            b"<!doctype html><p>Not found".to_vec(),
            "Die Datei ist kein zufi-Verzeichnis.",
        ),
        (
            index_bytes()[..40].to_vec(),
            "Die Datei ist beschädigt: sie ist unvollständig.",
        ),
    ];
    for (bytes, reason) in cases {
        let host = host();
        let _handle = mount(&host, options(&bytes, &[])).expect("mounts");
        yew::scheduler::flush().await;
        let alert = find(&host, "[role=alert]");
        assert!(
            text(&alert).starts_with("Das Verzeichnis der Leistungen konnte nicht geladen werden.")
        );
        assert_eq!(text(&find(&alert, ".zufi-error-reason")), reason);
    }
}

#[wasm_bindgen_test]
async fn a_missing_index_url_is_reported() {
    let host = host();
    let object = js_sys::Object::new();
    js_sys::Reflect::set(&object, &"index".into(), &"/no-such-index.zufi".into()).expect("set");
    let _handle = mount(&host, object.into()).expect("mounts");
    yew::scheduler::flush().await;
    let alert = until(&host, "[role=alert]").await;
    assert!(text(&alert).contains("Die Datei wurde nicht gefunden."));
}

#[wasm_bindgen_test]
async fn destroy_empties_the_host() {
    let (host, mut handle) = mounted(&[]).await;
    assert!(host.child_element_count() > 0);
    handle.destroy();
    yew::scheduler::flush().await;
    assert_eq!(host.inner_html(), "");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn mounts_into_a_shadow_root() {
    let host = host();
    let shadow = host
        .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
        .expect("shadow root");
    let mut handle = mount(&shadow, options(&index_bytes(), &[])).expect("mounts");
    yew::scheduler::flush().await;
    assert!(shadow
        .query_selector("input[role=combobox]")
        .expect("selector")
        .is_some());
    handle.destroy();
    yew::scheduler::flush().await;
    assert_eq!(shadow.child_element_count(), 0);
}

#[wasm_bindgen_test]
fn bad_options_throw_clear_errors() {
    let cases = [
        (vec![("ars", JsValue::from("1607"))], "`ars`"),
        (vec![("lang", JsValue::from("fr"))], "`lang`"),
        (vec![("maxResults", JsValue::from(0))], "`maxResults`"),
        // Read field by field (mount.rs): a wrong type names the field.
        (
            vec![("ars", JsValue::from(160705009001_f64))],
            "`ars` must be a string",
        ),
        (
            vec![("hashRouting", JsValue::from("yes"))],
            "`hashRouting` must be true or false",
        ),
        (
            vec![("maxResults", JsValue::TRUE)],
            "`maxResults` must be a number",
        ),
        (
            vec![("contact", JsValue::from("0361 655-0"))],
            "`contact` must be an object",
        ),
        (
            vec![(
                "contact",
                js_sys::JSON::parse(r#"{"fax": "0361"}"#).expect("JSON"),
            )],
            "`contact` has no field `fax`",
        ),
        (
            vec![(
                "contact",
                js_sys::JSON::parse(r#"{"phone": 3616550}"#).expect("JSON"),
            )],
            "`contact.phone` must be a string",
        ),
        (
            vec![("glossaryText", JsValue::from("hund\tdog"))],
            "`glossaryText`: ",
        ),
    ];
    for (extra, option) in cases {
        let error = mount(&host(), options(&index_bytes(), &extra)).expect_err(option);
        let message = String::from(error.unchecked_into::<js_sys::Error>().message());
        assert!(message.contains(option), "{message}");
    }
    let error = mount(&host(), js_sys::Object::new().into()).expect_err("no index");
    let message = String::from(error.unchecked_into::<js_sys::Error>().message());
    assert!(message.contains("`index`"), "{message}");
}

#[wasm_bindgen_test]
async fn a_deep_link_opens_its_state_and_back_returns() {
    let window = web_sys::window().expect("a window");
    let history = window.history().expect("history");
    let location = window.location();
    let page = format!(
        "{}{}",
        location.pathname().expect("path"),
        location.search().expect("search")
    );
    history
        .replace_state_with_url(
            &JsValue::NULL,
            "",
            Some(&format!("{page}#zufi:q=pass&s=rp")),
        )
        .expect("set hash");
    let host = host();
    let options = options(&index_bytes(), &[("hashRouting", true.into())]);
    let mut handle = mount(&host, options).expect("mounts");
    yew::scheduler::flush().await;
    assert_eq!(text(&find(&host, "article h2")), "Reisepass beantragen");
    assert_eq!(combobox(&host).value(), "pass");

    // Choosing a place is a new history entry with the place in the hash.
    click(&find(&host, ".zufi-place input")).await;
    let place_input: HtmlInputElement = find(&host, ".zufi-place input").unchecked_into();
    type_text(&place_input, "99084").await;
    assert_eq!(
        location.hash().expect("hash"),
        "#zufi:q=pass&s=rp&ars=160510000000"
    );
    // Back to the search: a new entry without the service.
    click(&find(&host, "button.zufi-back")).await;
    assert_eq!(
        location.hash().expect("hash"),
        "#zufi:q=pass&ars=160510000000"
    );

    // The browser's Back restores the detail.
    history.back().expect("back");
    until(&host, "article").await;
    assert_eq!(text(&find(&host, "article h2")), "Reisepass beantragen");

    handle.destroy();
    history
        .replace_state_with_url(&JsValue::NULL, "", Some(&page))
        .expect("reset hash");
}

/// The on-screen keyboard's key named `name`.
#[cfg(feature = "kiosk")]
fn key(root: &Element, name: &str) -> Element {
    find_all(root, ".zufi-keyboard button")
        .into_iter()
        .find(|key| text(key) == name || attr(key, "aria-label").as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no key {name}"))
}

#[cfg(feature = "kiosk")]
#[wasm_bindgen_test]
async fn kiosk_mode_types_by_keys_shows_no_links_and_forgets_on_neue_suche() {
    let (host, _handle) = mounted(&[
        ("ars", "160700004004".into()),
        ("kiosk", true.into()),
        ("hashRouting", true.into()),
    ])
    .await;
    let input = combobox(&host);
    assert_eq!(attr(&input, "inputmode").as_deref(), Some("none"));
    for name in [
        "p",
        "a",
        "s",
        "s",
        "Leerzeichen",
        "a",
        "u",
        "s",
        "w",
        "Zeichen löschen",
    ] {
        click(&key(&host, name)).await;
    }
    assert_eq!(input.value(), "pass aus");
    click(&key(&host, "Alles löschen")).await;
    assert_eq!(input.value(), "");
    for c in "personalausweis".chars() {
        click(&key(&host, &c.to_string())).await;
    }
    click(&find(&host, "[role=option]")).await;

    let article = find(&host, "article");
    assert!(
        find_all(&host, "a").is_empty(),
        "a kiosk's links go nowhere"
    );
    let card = text(&find(&article, ".zufi-card"));
    assert!(card.contains("Telefon: 03628 738-0"), "{card}");
    assert!(card.contains("E-Mail: info@ilm-kreis.de"), "{card}");
    let code = find(&article, "figure.zufi-qr svg[role=img]");
    assert_eq!(
        attr(&code, "aria-label").as_deref(),
        Some("QR-Code für Ausweis online beantragen")
    );
    assert!(attr(&find(&code, "path"), "d").is_some_and(|d| d.starts_with("M4 4h7")));
    assert_eq!(
        text(&find(&article, ".zufi-qr-url")),
        "https://example.org/ausweis"
    );
    assert!(find_all(&article, "button")
        .iter()
        .any(|b| text(b) == "Drucken"));
    // Kiosk mode writes no deep link, whatever hashRouting says.
    let hash = web_sys::window()
        .expect("a window")
        .location()
        .hash()
        .unwrap_or_default();
    assert!(!hash.starts_with("#zufi:"), "{hash}");

    click(&find(&host, "button.zufi-new-search")).await;
    assert!(host.query_selector("article").expect("selector").is_none());
    assert_eq!(combobox(&host).value(), "");
    assert!(find_all(&host, "[role=option]").is_empty());
    assert_eq!(text(&find(&host, "[role=status]")), "");
}
