//! Browsing without typing: services A–Z and by topic.

use yew::prelude::*;

use crate::components::no_result::TopicLink;
use crate::i18n::Lang;
use crate::index::SharedIndex;
use crate::state::{Action, Browse};

/// The letter a service is filed under: the first letter of its name, with
/// umlauts filed under their base letter as German indexes do.
pub fn initial(name: &str) -> Option<char> {
    let first = name.chars().find(|c| c.is_alphanumeric())?;
    let folded = match first {
        'ä' | 'Ä' => 'A',
        'ö' | 'Ö' => 'O',
        'ü' | 'Ü' => 'U',
        c if c.is_ascii_digit() => '#',
        c => c.to_uppercase().next().unwrap_or(c),
    };
    Some(folded)
}

/// Props of [`BrowsePanel`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct BrowsePanelProps {
    pub index: SharedIndex,
    pub browse: Option<Browse>,
    pub lang: Lang,
    pub id: AttrValue,
    pub dispatch: Callback<Action>,
}

fn service_button(dispatch: &Callback<Action>, service: &zufi::Service) -> Html {
    let onclick = {
        let dispatch = dispatch.clone();
        let id = service.id.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::Open(id.clone())))
    };
    html! {
        <li key={service.id.clone()}>
            <button type="button" class="zufi-link-button" {onclick}>{ service.name.clone() }</button>
        </li>
    }
}

fn pick(dispatch: &Callback<Action>, browse: Browse) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |_: MouseEvent| dispatch.emit(Action::Browse(Some(browse.clone()))))
}

/// Props of [`TopicOffer`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct TopicOfferProps {
    pub topic: TopicLink,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

/// "Alles zum Thema …": opens the topic a search's first hits share, for a
/// citizen who named a situation ("umzug", "baby") rather than a service.
#[component]
pub fn TopicOffer(props: &TopicOfferProps) -> Html {
    let text = props.lang.text();
    let onclick = pick(
        &props.dispatch,
        Browse::Topics(Some(props.topic.id.clone())),
    );
    html! {
        <p class="zufi-topic-offer">
            <button type="button" class="zufi-link-button" {onclick}>
                { text.all_about_topic }{ " " }{ props.topic.name.clone() }
            </button>
        </p>
    }
}

/// Two toggle buttons, "A–Z" and "Themen", and the list they open.
#[component]
pub fn BrowsePanel(props: &BrowsePanelProps) -> Html {
    let text = props.lang.text();
    let dispatch = &props.dispatch;
    let index = props.index.get();
    let services = use_memo(props.index.clone(), |index| {
        index
            .get()
            .services_by_name()
            .into_iter()
            .map(|s| s.id.clone())
            .collect::<Vec<_>>()
    });
    let by_id = |id: &String| index.service(id);
    let letters_open = matches!(props.browse, Some(Browse::Letters(_)));
    let topics_open = matches!(props.browse, Some(Browse::Topics(_)));
    let toggle = |open: bool, browse: Browse| {
        if open {
            let dispatch = dispatch.clone();
            Callback::from(move |_: MouseEvent| dispatch.emit(Action::Browse(None)))
        } else {
            pick(dispatch, browse)
        }
    };
    let panel = match &props.browse {
        None => html! {},
        Some(Browse::Letters(letter)) => {
            let mut letters: Vec<char> = services
                .iter()
                .filter_map(by_id)
                .filter_map(|s| initial(&s.name))
                .collect();
            letters.dedup();
            html! {
                <div class="zufi-browse-panel">
                    <ul class="zufi-letters">
                        { for letters.iter().map(|&l| html! {
                            <li key={l.to_string()}>
                                <button type="button" class="zufi-letter"
                                    aria-pressed={if *letter == Some(l) { "true" } else { "false" }}
                                    onclick={pick(dispatch, Browse::Letters(Some(l)))}>{ l }</button>
                            </li>
                        }) }
                    </ul>
                    if let Some(letter) = letter {
                        <h3>{ letter }</h3>
                        <ul class="zufi-browse-list">
                            { for services.iter().filter_map(by_id)
                                .filter(|s| initial(&s.name) == Some(*letter))
                                .map(|s| service_button(dispatch, s)) }
                        </ul>
                    }
                </div>
            }
        }
        Some(Browse::Topics(topic)) => {
            let chosen = topic
                .as_ref()
                .and_then(|id| index.topics().iter().find(|t| &t.id == id));
            let listed = chosen.map_or_else(Vec::new, |t| index.services_of_topic(&t.id));
            html! {
                <div class="zufi-browse-panel">
                    <ul class="zufi-topic-list">
                        { for index.topics().iter().map(|t| html! {
                            <li key={t.id.clone()}>
                                <button type="button" class="zufi-topic"
                                    aria-pressed={if topic.as_deref() == Some(t.id.as_str()) { "true" } else { "false" }}
                                    onclick={pick(dispatch, Browse::Topics(Some(t.id.clone())))}>{ t.name.clone() }</button>
                            </li>
                        }) }
                    </ul>
                    if let Some(chosen) = chosen {
                        <h3>{ chosen.name.clone() }</h3>
                        <ul class="zufi-browse-list">
                            { for listed.iter().map(|s| service_button(dispatch, s)) }
                        </ul>
                    }
                </div>
            }
        }
    };
    let has_topics = !index.topics().is_empty();
    html! {
        <nav class="zufi-browse" aria-label={text.browse_label}>
            <div class="zufi-tabs">
                <button type="button" class="zufi-tab"
                    aria-pressed={if letters_open { "true" } else { "false" }}
                    onclick={toggle(letters_open, Browse::Letters(None))}>{ text.browse_az }</button>
                if has_topics {
                    <button type="button" class="zufi-tab"
                        aria-pressed={if topics_open { "true" } else { "false" }}
                        onclick={toggle(topics_open, Browse::Topics(None))}>{ text.browse_topics }</button>
                }
            </div>
            { panel }
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_are_filed_under_their_base_letter() {
        let cases = [
            ("Personalausweis", Some('P')),
            ("Änderung der Anschrift", Some('A')),
            ("übergabe", Some('U')),
            ("„Öffentliche“ Ruhe", Some('O')),
            ("112 Notruf", Some('#')),
            ("", None),
        ];
        for (name, letter) in cases {
            assert_eq!(initial(name), letter, "{name}");
        }
    }
}
