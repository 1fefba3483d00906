//! The finder renders a catalog full of payloads inertly (issue 13, finding
//! 8): markup in texts stays text, no link leads anywhere but `https:`,
//! `http:`, `mailto:` without headers or `tel:` with digits, and no bidi
//! override reaches the page. The index is built through the library without
//! validation, as the worst case: `zufi build` would refuse the links.
//!
//! Run with the command in `www/widget/README.md`.

#![cfg(all(target_arch = "wasm32", feature = "ui"))]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};
use zufi_widget::mount;

wasm_bindgen_test_configure!(run_in_browser);

const HOSTILE: &str = r#"{
  "regions": [{"ars": "160700000000", "name": "Ilm-Kreis<script>alert(1)</script>", "level": "kreis", "plz": ["99310"]}],
  "services": [
    {"id": "pa", "name": "Personalausweis <img src=x onerror=alert(1)> \u202efdp.exe\u0000\u001b[2J",
     "teaser": "<script>alert('teaser')</script>",
     "text": {"short": "<a href=\"javascript:alert(1)\">Klick</a>", "required_documents": "<iframe src=\"https://evil.example\"></iframe>"},
     "costs": "javascript:alert(1)"}
  ],
  "authorities": [
    {"id": "lra", "name": "<b onclick=alert(1)>Landratsamt</b> \u2066Ilm\u2069",
     "address": {"street": "<svg onload=alert(1)>", "house_no": "1", "plz": "99310", "city": "Arnstadt"},
     "contact": {"phone": ["siehe Aushang", "javascript:alert(1)", "03628 738-0"],
                 "email": ["info@ilm-kreis.de?bcc=alle@evil.example&body=x", "mailto:x@evil.example", "info@ilm-kreis.de"],
                 "web": ["javascript:alert(1)", "//evil.example", "siehe Aushang", "data:text/html,<script>alert(1)</script>", "https://www.ilm-kreis.de"]},
     "opening_hours": [{"days": "Mo<script>", "from": "09:00", "to": "12:00", "note": "<img src=x onerror=alert(2)>"}]}
  ],
  "online_services": [
    {"id": "o1", "name": "Böser Dienst", "url": "javascript:alert(document.cookie)"},
    {"id": "o2", "name": "Guter Dienst", "url": "https://service.example.de/antrag"}
  ],
  "forms": [{"id": "f1", "name": "Böses Formular", "url": "data:application/pdf;base64,JVBERi0="}],
  "responsibilities": [
    {"service": "pa", "region": "160700000000", "target": {"type": "authority", "id": "lra"}},
    {"service": "pa", "region": "160700000000", "target": {"type": "online_service", "id": "o1"}},
    {"service": "pa", "region": "160700000000", "target": {"type": "online_service", "id": "o2"}},
    {"service": "pa", "region": "160700000000", "target": {"type": "form", "id": "f1"}}
  ]
}"#;

fn hostile_index() -> Vec<u8> {
    let catalog: zufi::Catalog = serde_json::from_str(HOSTILE).expect("hostile catalog parses");
    zufi::IndexBuilder::new(&catalog)
        .build()
        .expect("builds without validation")
        .bytes
}

fn find_all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("valid selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .collect()
}

async fn keydown(target: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("key");
    target.dispatch_event(&event).expect("dispatch key");
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn a_catalog_full_of_payloads_renders_as_plain_text_with_safe_links() {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let host = document.create_element("div").expect("create host");
    document
        .body()
        .expect("a body")
        .append_child(&host)
        .expect("attach host");
    let options = js_sys::Object::new();
    let set = |key: &str, value: JsValue| {
        js_sys::Reflect::set(&options, &key.into(), &value).expect("set option");
    };
    set(
        "indexBytes",
        js_sys::Uint8Array::from(hostile_index().as_slice()).into(),
    );
    set("hashRouting", false.into());
    set("ars", "160700000000".into());
    let mut handle = mount(&host, options.into()).expect("mounts");
    yew::scheduler::flush().await;

    let input: HtmlInputElement = host
        .query_selector("input[role=combobox]")
        .expect("valid selector")
        .expect("a combobox")
        .unchecked_into();
    input.set_value("personalausweis");
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).expect("input event");
    input.dispatch_event(&event).expect("dispatch input");
    yew::scheduler::flush().await;
    keydown(&input, "ArrowDown").await;
    keydown(&input, "Enter").await;
    let article = host
        .query_selector("article")
        .expect("valid selector")
        .expect("the detail opened");

    // Markup from the catalog is text: no element of it exists.
    let injected = find_all(
        &host,
        "script, img, iframe, svg, b, object, embed, [onclick], [onerror], [onload]",
    );
    assert!(
        injected.is_empty(),
        "catalog markup became elements: {:?}",
        injected.iter().map(Element::outer_html).collect::<Vec<_>>()
    );
    let shown = article.text_content().unwrap_or_default();
    for literal in [
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">Klick</a>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<svg onload=alert(1)>",
        "<b onclick=alert(1)>Landratsamt</b>",
    ] {
        assert!(
            shown.contains(literal),
            "{literal:?} not shown as text in {shown:?}"
        );
    }

    // Nothing that reorders or hides text reaches the page.
    for hidden in ['\u{202e}', '\u{2066}', '\u{2069}', '\u{0}', '\u{1b}'] {
        assert!(
            !shown.contains(hidden),
            "U+{:04X} rendered",
            u32::from(hidden)
        );
    }

    // Every link is one of the safe kinds.
    let hrefs: Vec<String> = find_all(&host, "a[href]")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    for href in &hrefs {
        let web = (href.starts_with("https://") || href.starts_with("http://"))
            // "//evil.example" completed to "https:////evil.example", free text with blanks.
            && !href.contains("////")
            && !href.contains(char::is_whitespace);
        let digits = href.strip_prefix("tel:").map(|number| {
            let number = number.strip_prefix('+').unwrap_or(number);
            number.len() >= 3 && number.chars().all(|c| c.is_ascii_digit())
        });
        let safe =
            web || (href.starts_with("mailto:") && !href.contains('?')) || digits == Some(true);
        assert!(safe, "unsafe link {href:?} among {hrefs:?}");
    }
    for expected in [
        "tel:036287380",
        "mailto:info@ilm-kreis.de",
        "https://www.ilm-kreis.de",
        "https://service.example.de/antrag",
    ] {
        assert!(
            hrefs.iter().any(|h| h == expected),
            "{expected} missing from {hrefs:?}"
        );
    }
    // The online service and form with unsafe URLs are not offered at all.
    assert!(
        !shown.contains("Böser Dienst") && !shown.contains("Böses Formular"),
        "{shown:?}"
    );
    handle.destroy();
}
