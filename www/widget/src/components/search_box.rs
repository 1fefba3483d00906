//! The search box: a WAI-ARIA 1.2 combobox with a listbox popup.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::components::result_list::{option_id, ResultList};
use crate::i18n::Lang;
use crate::state::{bounded_query, Action, ResultItem};

/// Props of [`SearchBox`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct SearchBoxProps {
    pub id: AttrValue,
    pub query: String,
    pub results: Rc<Vec<ResultItem>>,
    pub expanded: bool,
    pub active: Option<usize>,
    pub lang: Lang,
    /// Glosses the suggestions' German names, for a finder in another language.
    pub glossary: Option<Rc<zufi::Glossary>>,
    pub input_ref: NodeRef,
    /// The text changed.
    pub on_query: Callback<String>,
    pub dispatch: Callback<Action>,
    /// Kiosk mode: the on-screen keyboard types, so touch screens should not
    /// open their own.
    #[prop_or_default]
    pub kiosk: bool,
}

/// Whether a pointer is pressed anywhere on the page, and a close of the
/// list waiting for its release.
#[derive(Default)]
struct Pointer {
    down: bool,
    close_pending: bool,
    /// The close, run after the click (dropping it cancels it).
    timer: Option<Timeout>,
}

/// `<form role="search">` with the combobox and its listbox.
#[component]
pub fn SearchBox(props: &SearchBoxProps) -> Html {
    let text = props.lang.text();
    let input_id = format!("{}-q", props.id);
    let list_id = format!("{}-list", props.id);
    let hint_id = format!("{}-q-hint", props.id);
    let oninput = {
        let on_query = props.on_query.clone();
        Callback::from(move |event: InputEvent| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            let value = input.value();
            let query = bounded_query(&value);
            if query.len() < value.len() {
                // Set by script past `maxlength`: the box shows what is searched.
                input.set_value(query);
            }
            on_query.emit(query.to_string());
        })
    };
    let onkeydown = {
        let dispatch = props.dispatch.clone();
        let has_results = !props.results.is_empty();
        Callback::from(move |event: KeyboardEvent| {
            let action = match event.key().as_str() {
                "ArrowDown" | "Down" => Action::MoveDown,
                "ArrowUp" | "Up" => Action::MoveUp,
                "Enter" => {
                    // Enter never submits the host page's form around us.
                    event.prevent_default();
                    if !has_results {
                        return;
                    }
                    Action::OpenActive
                }
                "Escape" | "Esc" => Action::Escape,
                _ => return,
            };
            event.prevent_default();
            dispatch.emit(action);
        })
    };
    // The list belongs to the box: it closes when the focus goes elsewhere
    // (Tab, a click outside) and comes back with it. Clicks on options keep
    // the focus in the box (`ResultList`), so they do not close it first.
    // A click elsewhere takes the focus on pressing, but the list sits in the
    // page's flow: closing it then would move what was pressed away from
    // under the pointer and lose the click (on "A–Z", say). So while a
    // pointer is down the list closes only after it is released.
    let pointer = use_mut_ref(Pointer::default);
    {
        let pointer = pointer.clone();
        let dispatch = props.dispatch.clone();
        use_effect_with((), move |_| {
            let listeners = web_sys::window().map(|window| {
                let on_down = {
                    let pointer = pointer.clone();
                    move |_: &Event| pointer.borrow_mut().down = true
                };
                let on_up = move |_: &Event| release(&pointer, &dispatch);
                let on_cancel = on_up.clone();
                let capture = EventListenerOptions::run_in_capture_phase();
                [
                    EventListener::new_with_options(&window, "pointerdown", capture, on_down),
                    EventListener::new_with_options(&window, "pointerup", capture, on_up),
                    EventListener::new_with_options(&window, "pointercancel", capture, on_cancel),
                ]
            });
            move || drop(listeners)
        });
    }
    let onblur = {
        let dispatch = props.dispatch.clone();
        let pointer = pointer.clone();
        Callback::from(move |_: FocusEvent| {
            let mut pointer = pointer.borrow_mut();
            if pointer.down {
                pointer.close_pending = true;
            } else {
                dispatch.emit(Action::Blur);
            }
        })
    };
    let onfocus = {
        let dispatch = props.dispatch.clone();
        let pointer = pointer.clone();
        Callback::from(move |_: FocusEvent| {
            let mut pointer = pointer.borrow_mut();
            pointer.close_pending = false;
            pointer.timer = None;
            drop(pointer);
            dispatch.emit(Action::Focus);
        })
    };
    let onsubmit = Callback::from(|event: SubmitEvent| event.prevent_default());
    let on_open = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |id: String| dispatch.emit(Action::Open(id)))
    };
    let active_descendant = props
        .active
        .filter(|_| props.expanded)
        .map(|i| option_id(&list_id, i));
    html! {
        <form class="zufi-search" role="search" {onsubmit}>
            <label class="zufi-label" for={input_id.clone()}>{ text.search_label }</label>
            <p class="zufi-hint" id={hint_id.clone()}>{ text.search_hint }</p>
            <div class="zufi-combobox">
                <input
                    ref={props.input_ref.clone()}
                    id={input_id}
                    class="zufi-input"
                    type="text"
                    role="combobox"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    enterkeyhint="search"
                    inputmode={props.kiosk.then_some("none")}
                    aria-autocomplete="list"
                    aria-expanded={if props.expanded { "true" } else { "false" }}
                    aria-controls={list_id.clone()}
                    aria-activedescendant={active_descendant}
                    aria-describedby={hint_id}
                    // No more than the core searches; maxlength counts UTF-16 units.
                    maxlength={zufi::MAX_QUERY_CHARS.to_string()}
                    value={props.query.clone()}
                    {oninput}
                    {onkeydown}
                    {onblur}
                    {onfocus}
                />
                <ResultList
                    id={AttrValue::from(list_id)}
                    label={text.results_label}
                    results={props.results.clone()}
                    glossary={props.glossary.clone()}
                    lang={props.lang}
                    active={props.active}
                    expanded={props.expanded}
                    {on_open}
                />
            </div>
        </form>
    }
}

/// The pointer was released: a close that waited for it runs once the
/// click (dispatched in the same task as the release) is done.
fn release(pointer: &Rc<RefCell<Pointer>>, dispatch: &Callback<Action>) {
    let mut state = pointer.borrow_mut();
    state.down = false;
    if std::mem::take(&mut state.close_pending) {
        let dispatch = dispatch.clone();
        state.timer = Some(Timeout::new(0, move || dispatch.emit(Action::Blur)));
    }
}
