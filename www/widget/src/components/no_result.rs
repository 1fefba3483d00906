//! When a search finds nothing, or only weakly answers a long query:
//! "Meinten Sie …?", the closest topics, and whom to ask (the host's
//! contact, else the Behördennummer 115), so that no search ends in a dead
//! end.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::error_state::contact_card;
use crate::i18n::Lang;
use crate::options::Contact;
use crate::state::{Action, Browse};

/// The Behördennummer: one number for questions about any administrative
/// service, run by the federal government, the Länder and municipalities.
pub const BEHOERDENNUMMER: &str = "115";

/// A topic offered as a way on: its id and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicLink {
    pub id: String,
    pub name: String,
}

impl TopicLink {
    /// The link to `topic`.
    pub fn to(topic: &zufi::Topic) -> TopicLink {
        TopicLink {
            id: topic.id.clone(),
            name: topic.name.clone(),
        }
    }
}

/// Props of [`NoResult`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NoResultProps {
    /// The search found something, but covers little of the query
    /// ([`zufi::Index::answers_weakly`]): the ways on come under the results.
    #[prop_or_default]
    pub weak: bool,
    /// Alternative queries that do find something.
    pub suggestions: Rc<Vec<String>>,
    /// The topics closest to the query, best first.
    pub topics: Rc<Vec<TopicLink>>,
    pub lang: Lang,
    pub contact: Option<Contact>,
    /// Name the Behördennummer when there is no `contact`.
    pub fallback_115: bool,
    /// A kiosk has no phone: the number is shown, not linked.
    pub kiosk: bool,
    /// A suggestion was chosen: search for it.
    pub on_pick: Callback<String>,
    pub dispatch: Callback<Action>,
}

/// What the citizen can do next when nothing was found.
#[component]
pub fn NoResult(props: &NoResultProps) -> Html {
    let text = props.lang.text();
    let suggestions = props.suggestions.iter().map(|suggestion| {
        let onclick = {
            let on_pick = props.on_pick.clone();
            let suggestion = suggestion.clone();
            Callback::from(move |_: MouseEvent| on_pick.emit(suggestion.clone()))
        };
        html! {
            <li key={suggestion.clone()}>
                <button type="button" class="zufi-link-button" {onclick}>{ suggestion.clone() }</button>
            </li>
        }
    });
    let topics = props.topics.iter().map(|topic| {
        let onclick = {
            let dispatch = props.dispatch.clone();
            let id = topic.id.clone();
            Callback::from(move |_: MouseEvent| {
                dispatch.emit(Action::Browse(Some(Browse::Topics(Some(id.clone())))))
            })
        };
        html! {
            <li key={topic.id.clone()}>
                <button type="button" class="zufi-link-button" {onclick}>{ topic.name.clone() }</button>
            </li>
        }
    });
    let fallback = match (&props.contact, props.fallback_115) {
        (Some(contact), _) => contact_card(contact, text),
        (None, true) => html! {
            <p class="zufi-fallback">
                { text.fallback_115 }{ " " }
                if props.kiosk {
                    <strong>{ BEHOERDENNUMMER }</strong>
                } else {
                    <a href={format!("tel:{BEHOERDENNUMMER}")}>{ BEHOERDENNUMMER }</a>
                }
            </p>
        },
        (None, false) => html! {},
    };
    html! {
        <div class="zufi-no-result">
            if props.weak {
                <p class="zufi-weak-result">{ text.weak_result }</p>
            }
            if !props.suggestions.is_empty() {
                <div class="zufi-did-you-mean">
                    <p>{ text.did_you_mean }</p>
                    <ul>{ for suggestions }</ul>
                </div>
            }
            if !props.topics.is_empty() {
                <div class="zufi-closest-topics">
                    <p>{ text.closest_topics }</p>
                    <ul>{ for topics }</ul>
                </div>
            }
            { fallback }
        </div>
    }
}
