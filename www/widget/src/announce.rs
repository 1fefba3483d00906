//! What the live region says after a choice that is not typing: a place
//! chosen, changed or kept, places to choose from, A–Z and topics opened,
//! a letter or a topic chosen. Screen readers hear the effect of a choice
//! whose result appears away from the focus (the place's offices, a list of
//! services below the letters).
//!
//! Typing has its own announcement, the number of services found, which an
//! announcement here replaces until the search changes again.

use crate::components::browse::initial;
use crate::i18n::{AnnounceText, Text};
use crate::state::{Action, Browse, State};

/// What an action does to the announcement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Announcement {
    /// Say this.
    Say(String),
    /// Back to the count of services found (the search changed).
    Count,
    /// Leave it as it is.
    Keep,
}

/// The announcement `action` makes in `state` (the state before it).
pub fn for_action(
    action: &Action,
    state: &State,
    index: &zufi::Index,
    text: &Text,
) -> Announcement {
    let say = text.announce;
    match action {
        Action::Typed { .. } | Action::Refreshed { .. } | Action::Restore { .. } => {
            Announcement::Count
        }
        Action::SetPlace(Some(place)) => {
            let template = match &state.place {
                None => say.place_chosen,
                Some(before) if before.ars == place.ars => say.place_kept,
                Some(_) => say.place_changed,
            };
            Announcement::Say(template.replace("{name}", &place.name))
        }
        Action::OfferPlaces(places) => match places.len() {
            0 => Announcement::Keep,
            1 => Announcement::Say(say.place_choices_one.to_string()),
            n => Announcement::Say(say.place_choices_many.replace("{n}", &n.to_string())),
        },
        Action::Browse(browse) => Announcement::Say(browsing(browse.as_ref(), index, say)),
        _ => Announcement::Keep,
    }
}

fn services(say: &AnnounceText, count: usize) -> String {
    match count {
        1 => say.services_one.to_string(),
        n => say.services_many.replace("{n}", &n.to_string()),
    }
}

fn browsing(browse: Option<&Browse>, index: &zufi::Index, say: &AnnounceText) -> String {
    match browse {
        None => say.browse_closed.to_string(),
        Some(Browse::Letters(None)) => {
            let mut letters: Vec<char> = index
                .services_by_name()
                .iter()
                .filter_map(|s| initial(&s.name))
                .collect();
            letters.dedup();
            say.letters_open.replace("{n}", &letters.len().to_string())
        }
        Some(Browse::Letters(Some(letter))) => {
            let count = index
                .services()
                .iter()
                .filter(|s| initial(&s.name) == Some(*letter))
                .count();
            format!(
                "{}: {}",
                say.letter.replace("{letter}", &letter.to_string()),
                services(say, count)
            )
        }
        Some(Browse::Topics(None)) => say
            .topics_open
            .replace("{n}", &index.topics().len().to_string()),
        Some(Browse::Topics(Some(id))) => {
            let name = index
                .topics()
                .iter()
                .find(|t| &t.id == id)
                .map_or(id.as_str(), |t| t.name.as_str());
            let count = index.services_of_topic(id).len();
            format!(
                "{}: {}",
                say.topic.replace("{name}", name),
                services(say, count)
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::place::Place;

    #[test]
    fn choices_are_announced_in_plain_words() {
        let index = crate::api::tests::index();
        let text = Lang::De.text();
        let erfurt = Place::of(&index, "160510000000".parse().expect("valid ARS"));
        let state = State::new(None, vec![]);
        let announce = |action: Action, state: &State| for_action(&action, state, &index, text);
        let chosen = announce(Action::SetPlace(erfurt.clone()), &state);
        assert_eq!(chosen, Announcement::Say("Ort gewählt: Erfurt".into()));
        let there = State::new(erfurt.clone(), vec![]);
        assert_eq!(
            announce(Action::SetPlace(erfurt.clone()), &there),
            Announcement::Say("Ort unverändert: Erfurt".into())
        );
        assert_eq!(
            announce(Action::Browse(None), &state),
            Announcement::Say("Stöbern geschlossen".into())
        );
        assert_eq!(
            announce(Action::Browse(Some(Browse::Letters(Some('H')))), &state),
            Announcement::Say("Buchstabe H: 1 Leistung".into())
        );
        assert_eq!(
            announce(
                Action::Browse(Some(Browse::Topics(Some("t1".into())))),
                &state
            ),
            Announcement::Say("Thema Ausweise: 1 Leistung".into())
        );
        assert_eq!(announce(Action::MoveDown, &state), Announcement::Keep);
        assert_eq!(
            announce(Action::OfferPlaces(vec![]), &state),
            Announcement::Keep
        );
    }
}
