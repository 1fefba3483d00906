//! Choosing the citizen's place by postcode or name.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::SharedIndex;
use crate::i18n::Lang;
use crate::state::{Action, Place};

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
}

/// Most places offered for a name.
const MAX_CHOICES: usize = 12;

/// What typing `input` in the place field leads to: a place chosen outright
/// (a postcode of one municipality) or places to choose from.
pub fn resolve(index: &zufi::Index, input: &str) -> Action {
    let input = input.trim();
    let to_place = |r: &zufi::Region| Place {
        ars: r.ars.clone(),
        name: r.name.clone(),
    };
    if zufi::region::is_plz(input) {
        let mut places: Vec<Place> = index
            .regions_for_plz(input)
            .into_iter()
            .map(to_place)
            .collect();
        if places.len() == 1 {
            return Action::SetPlace(places.pop());
        }
        return Action::OfferPlaces(places);
    }
    // Digits still being typed, or a single letter, would list half the country.
    if input.chars().count() < 2 || input.chars().all(|c| c.is_ascii_digit()) {
        return Action::OfferPlaces(Vec::new());
    }
    Action::OfferPlaces(
        index
            .regions_named(input)
            .into_iter()
            .take(MAX_CHOICES)
            .map(to_place)
            .collect(),
    )
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
    let body = if show_field {
        let oninput = {
            let dispatch = props.dispatch.clone();
            let index = props.index.clone();
            let input = input.clone();
            Callback::from(move |event: InputEvent| {
                let element: web_sys::HtmlInputElement = event.target_unchecked_into();
                let value = element.value();
                dispatch.emit(resolve(&index, &value));
                input.set(value);
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
        let nothing_found = props.choices.is_empty()
            && (zufi::region::is_plz(input.trim())
                || (input.trim().chars().count() >= 2
                    && !input.trim().chars().all(|c| c.is_ascii_digit())));
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
                    {onkeydown}
                />
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
                                    <li key={place.ars.clone()}>
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
                <button type="button" class="zufi-link-button" {onclick}>{ text.place_change }</button>
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

    fn names(action: Action) -> (bool, Vec<String>) {
        match action {
            Action::SetPlace(place) => (true, place.into_iter().map(|p| p.name).collect()),
            Action::OfferPlaces(places) => (false, places.into_iter().map(|p| p.name).collect()),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn postcodes_choose_or_offer() {
        let index = crate::api::tests::index();
        let cases: [(&str, bool, &[&str]); 7] = [
            ("99084", true, &["Erfurt"]),
            ("99310", false, &["Arnstadt", "Alkersleben"]),
            ("12345", false, &[]),
            ("993", false, &[]),
            ("e", false, &[]),
            ("erf", false, &["Erfurt"]),
            ("  ilm ", false, &["Ilm-Kreis"]),
        ];
        for (input, chosen, expected) in cases {
            assert_eq!(
                names(resolve(&index, input)),
                (chosen, expected.iter().map(|s| s.to_string()).collect()),
                "{input}"
            );
        }
    }
}
