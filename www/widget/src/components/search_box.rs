//! The search box: a WAI-ARIA 1.2 combobox with a listbox popup.

use std::rc::Rc;

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
    pub input_ref: NodeRef,
    /// The text changed.
    pub on_query: Callback<String>,
    pub dispatch: Callback<Action>,
    /// Kiosk mode: the on-screen keyboard types, so touch screens should not
    /// open their own.
    #[prop_or_default]
    pub kiosk: bool,
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
                />
                <ResultList
                    id={AttrValue::from(list_id)}
                    label={text.results_label}
                    results={props.results.clone()}
                    active={props.active}
                    expanded={props.expanded}
                    {on_open}
                />
            </div>
        </form>
    }
}
