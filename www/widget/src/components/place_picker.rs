//! Choosing the citizen's place by postcode or name.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::error_state::PartError;
use crate::i18n::Lang;
use crate::index::SharedIndex;
use crate::live::Need;
use crate::options::Contact;
use crate::place::{self, Lookup, Place};
use crate::state::{Action, Part};

/// Props of [`PlacePicker`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct PlacePickerProps {
    pub index: SharedIndex,
    pub place: Option<Place>,
    pub choices: Rc<Vec<Place>>,
    pub editing: bool,
    pub lang: Lang,
    pub id: AttrValue,
    pub dispatch: Callback<Action>,
    /// The host's contact, shown when the place lookup failed.
    #[prop_or_default]
    pub contact: Option<Contact>,
}

/// What typing `input` in the place field leads to: a place chosen outright
/// (a postcode of one municipality) or places to choose from.
pub fn resolve(index: &zufi::Index, input: &str) -> Action {
    match place::lookup(index, input) {
        Lookup::Chosen(place) => Action::SetPlace(Some(place)),
        Lookup::Choices(places) => Action::OfferPlaces(places),
    }
}

/// A section "Ihr Ort": the chosen place with "Ort ändern", or a field for
/// postcode or name with a group of places to choose from.
#[component]
pub fn PlacePicker(props: &PlacePickerProps) -> Html {
    let text = props.lang.text();
    let input = use_state(String::new);
    let input_ref = use_node_ref();
    let heading_id = format!("{}-place-h", props.id);
    let input_id = format!("{}-place", props.id);
    let choose_id = format!("{}-place-choose", props.id);
    {
        let input_ref = input_ref.clone();
        use_effect_with(props.editing, move |editing| {
            if *editing {
                if let Some(element) = input_ref.cast::<web_sys::HtmlElement>() {
                    // Focus can fail on detached nodes; nothing to do then.
                    let _ = element.focus();
                }
            }
        });
    }
    let show_field = props.place.is_none() || props.editing;
    let change_ref = use_node_ref();
    let field_was_shown = use_mut_ref(|| false);
    {
        let change_ref = change_ref.clone();
        let field_was_shown = field_was_shown.clone();
        use_effect_with(show_field, move |&shown| {
            // After a choice (or Escape) the field is gone: focus goes to the
            // button that reopens it, not to the page's start (WCAG 2.4.3).
            if *field_was_shown.borrow() && !shown {
                if let Some(button) = change_ref.cast::<web_sys::HtmlElement>() {
                    // Focus can fail on detached nodes; nothing to do then.
                    let _ = button.focus();
                }
            }
            *field_was_shown.borrow_mut() = shown;
        });
    }
    let body = if show_field {
        let oninput = {
            let dispatch = props.dispatch.clone();
            let index = props.index.clone();
            let input = input.clone();
            Callback::from(move |event: InputEvent| {
                let element: web_sys::HtmlInputElement = event.target_unchecked_into();
                let value = element.value();
                dispatch.emit(resolve(&index.get(), &value));
                input.set(value);
            })
        };
        // A sharded index fetches its place table when the field is first
        // used, then looks up what the field holds by then.
        let onfocus = {
            let dispatch = props.dispatch.clone();
            let index = props.index.clone();
            let input_ref = input_ref.clone();
            Callback::from(move |_: FocusEvent| {
                let live = index.live().clone();
                if !live.is_pending(&Need::Places) {
                    return;
                }
                let dispatch = dispatch.clone();
                let input_ref = input_ref.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    live.ensure(&Need::Places).await;
                    let value = input_ref
                        .cast::<web_sys::HtmlInputElement>()
                        .map(|element| element.value())
                        .unwrap_or_default();
                    // Also renders a failure's message.
                    let action = if value.trim().is_empty() {
                        Action::OfferPlaces(Vec::new())
                    } else {
                        resolve(&live.get(), &value)
                    };
                    dispatch.emit(action);
                });
            })
        };
        let places_failed = !props.index.live().failures(&Need::Places).is_empty();
        // The finder forgets the failure; focusing the field fetches again
        // (its `onfocus`) and keeps the focus where the place is typed.
        let on_retry = {
            let dispatch = props.dispatch.clone();
            let input_ref = input_ref.clone();
            Callback::from(move |()| {
                dispatch.emit(Action::Retry(Part::Places));
                if let Some(element) = input_ref.cast::<web_sys::HtmlElement>() {
                    // Focus can fail on detached nodes; nothing to do then.
                    let _ = element.focus();
                }
            })
        };
        let onkeydown = {
            let dispatch = props.dispatch.clone();
            let place = props.place.clone();
            Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
                "Enter" => event.prevent_default(),
                "Escape" | "Esc" if place.is_some() => {
                    dispatch.emit(Action::SetPlace(place.clone()))
                }
                _ => {}
            })
        };
        let nothing_found = props.choices.is_empty() && place::worth_looking_up(&input);
        html! {
            <>
                <label for={input_id.clone()}>{ text.place_input }</label>
                <input
                    ref={input_ref}
                    id={input_id}
                    class="zufi-input zufi-place-input"
                    type="text"
                    autocomplete="off"
                    value={(*input).clone()}
                    {oninput}
                    {onfocus}
                    {onkeydown}
                />
                if places_failed {
                    <PartError message={text.part_places_failed} lang={props.lang} contact={props.contact.clone()} {on_retry} />
                }
                if !props.choices.is_empty() {
                    <div class="zufi-choices" role="group" aria-labelledby={choose_id.clone()}>
                        <p id={choose_id}>{ text.place_choose }</p>
                        <ul>
                            { for props.choices.iter().map(|place| {
                                let onclick = {
                                    let dispatch = props.dispatch.clone();
                                    let place = place.clone();
                                    Callback::from(move |_: MouseEvent| dispatch.emit(Action::SetPlace(Some(place.clone()))))
                                };
                                html! {
                                    <li key={place.ars.to_string()}>
                                        <button type="button" class="zufi-choice" {onclick}>{ place.name.clone() }</button>
                                    </li>
                                }
                            }) }
                        </ul>
                    </div>
                } else if nothing_found {
                    <p class="zufi-note">{ text.place_not_found }</p>
                }
            </>
        }
    } else {
        let onclick = {
            let dispatch = props.dispatch.clone();
            let input = input.clone();
            Callback::from(move |_: MouseEvent| {
                input.set(String::new());
                dispatch.emit(Action::EditPlace);
            })
        };
        let name = props
            .place
            .as_ref()
            .map(|p| p.name.clone())
            .unwrap_or_default();
        html! {
            <p class="zufi-place-current">
                <strong class="zufi-place-name">{ name }</strong>
                { " " }
                <button type="button" class="zufi-link-button" ref={change_ref} {onclick}>{ text.place_change }</button>
            </p>
        }
    };
    html! {
        <section class="zufi-place" aria-labelledby={heading_id.clone()}>
            <h2 id={heading_id} class="zufi-place-heading">{ text.place_heading }</h2>
            { body }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What each input finds is `place::lookup`'s test; here what it becomes.
    #[test]
    fn a_chosen_place_is_set_and_choices_are_offered() {
        let index = crate::api::tests::index();
        let erfurt = Place::of(&index, "160510000000".parse().expect("valid ARS"));
        assert_eq!(resolve(&index, "99084"), Action::SetPlace(erfurt));
        let offered = |input: &str| match resolve(&index, input) {
            Action::OfferPlaces(places) => places.into_iter().map(|p| p.name).collect::<Vec<_>>(),
            other => panic!("{input}: unexpected {other:?}"),
        };
        assert_eq!(offered("99310"), ["Arnstadt", "Alkersleben"]);
        assert!(offered("e").is_empty());
    }
}
