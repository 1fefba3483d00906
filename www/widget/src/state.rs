//! The finder's state and its pure reducer.
//!
//! Searching needs the index, so the components run the search and hand the
//! results in with the action; the reducer itself only decides what the
//! citizen sees next, which keeps it testable without a browser.

use std::ops::Range;
use std::rc::Rc;

use yew::Reducible;

use crate::place::Place;

/// `query` cut after the most characters the core searches
/// ([`zufi::MAX_QUERY_CHARS`]), at a character boundary. Applied where a
/// query comes in (the search box, a `#zufi:q=` link) before anything else
/// sees it, so that no step (searching, "Meinten Sie …?", highlighting,
/// writing the hash) works on more: the box's `maxlength` stops a paste but
/// not a value set by script.
pub fn bounded_query(query: &str) -> &str {
    match query.char_indices().nth(zufi::MAX_QUERY_CHARS) {
        Some((cut, _)) => &query[..cut],
        None => query,
    }
}

/// One suggestion in the result list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultItem {
    /// Service id.
    pub id: String,
    /// Service name.
    pub name: String,
    /// Byte ranges of `name` that matched the query.
    pub highlights: Vec<Range<usize>>,
}

/// The two ways of browsing without typing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Browse {
    /// Services by initial letter; the letter chosen, if any.
    Letters(Option<char>),
    /// Services by topic; the topic id chosen, if any.
    Topics(Option<String>),
}

/// A part of a sharded index whose failure the citizen can retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The postings of the search.
    Search,
    /// The open service's description and offices.
    Detail,
    /// The place lookup.
    Places,
}

/// What the main area shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// The search box with its suggestions (and browsing, when chosen).
    Search,
    /// One service's detail.
    Detail(String),
}

/// Everything the finder shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub query: String,
    pub results: Rc<Vec<ResultItem>>,
    /// Alternative queries offered when `results` is empty.
    pub suggestions: Rc<Vec<String>>,
    /// Whether `results` cover little of a long query
    /// ([`zufi::Index::answers_weakly`]): the ways on are offered with them.
    pub weak: bool,
    /// Whether the listbox is open.
    pub expanded: bool,
    /// Index into `results` of the active option.
    pub active: Option<usize>,
    pub view: View,
    pub browse: Option<Browse>,
    pub place: Option<Place>,
    /// Places offered for the citizen to choose from.
    pub place_choices: Rc<Vec<Place>>,
    /// Whether the place input is shown although a place is chosen.
    pub editing_place: bool,
}

impl State {
    /// The initial state for a preset place.
    pub fn new(place: Option<Place>, place_choices: Vec<Place>) -> State {
        State {
            query: String::new(),
            results: Rc::default(),
            suggestions: Rc::default(),
            weak: false,
            expanded: false,
            active: None,
            view: View::Search,
            browse: None,
            place,
            place_choices: Rc::new(place_choices),
            editing_place: false,
        }
    }

    /// The id of the service on show.
    pub fn selected(&self) -> Option<&str> {
        match &self.view {
            View::Detail(id) => Some(id),
            View::Search => None,
        }
    }
}

/// Everything that changes the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// The search text changed; results and suggestions are for it.
    Typed {
        query: String,
        results: Vec<ResultItem>,
        suggestions: Vec<String>,
        weak: bool,
    },
    /// More of a sharded index arrived: the results and suggestions for
    /// `query` as they are now. Ignored unless `query` is still the query,
    /// so that a late arrival never shows the results of an older one.
    Refreshed {
        query: String,
        results: Vec<ResultItem>,
        suggestions: Vec<String>,
        weak: bool,
    },
    /// Arrow Down in the search box.
    MoveDown,
    /// Arrow Up in the search box.
    MoveUp,
    /// Escape: first closes the list, then clears the search.
    Escape,
    /// The focus left the search box (Tab, a click elsewhere): the list
    /// closes, as the combobox pattern asks, keeping query and results.
    Blur,
    /// The focus came back to the search box: the list reopens with the
    /// results it had, if there are any and the search is on show.
    Focus,
    /// Enter: opens the active option, or the first one.
    OpenActive,
    /// Opens the detail of a service.
    Open(String),
    /// Back to the search (keeping the query).
    Back,
    /// Shows a browsing tab (or hides browsing with `None`).
    Browse(Option<Browse>),
    /// The citizen chose a place (or the place was cleared).
    SetPlace(Option<Place>),
    /// Places matching the place input, for the citizen to choose from.
    OfferPlaces(Vec<Place>),
    /// "Change place" was pressed.
    EditPlace,
    /// "Erneut versuchen" at a part that failed to load: the finder fetches
    /// the failed shards again; the state itself does not change.
    Retry(Part),
    /// The URL hash changed (load, Back, Forward): take over its state.
    Restore {
        query: String,
        results: Vec<ResultItem>,
        suggestions: Vec<String>,
        weak: bool,
        service: Option<String>,
        place: Option<Place>,
    },
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Typed {
                query,
                results,
                suggestions,
                weak,
            } => {
                next.expanded = !query.trim().is_empty() && !results.is_empty();
                next.query = query;
                next.results = Rc::new(results);
                next.suggestions = Rc::new(suggestions);
                next.weak = weak;
                next.active = None;
                next.view = View::Search;
            }
            Action::Refreshed {
                query,
                results,
                suggestions,
                weak,
            } => {
                if query != next.query
                    || (*next.results == results
                        && *next.suggestions == suggestions
                        && next.weak == weak)
                {
                    return self;
                }
                // Open the list if it was waiting for these, keep the active
                // option only while it still exists.
                next.expanded = next.expanded || (next.view == View::Search && !results.is_empty());
                next.active = next.active.filter(|&i| i < results.len());
                next.results = Rc::new(results);
                next.suggestions = Rc::new(suggestions);
                next.weak = weak;
            }
            Action::MoveDown | Action::MoveUp => {
                let count = next.results.len();
                if count == 0 {
                    return self;
                }
                let down = action == Action::MoveDown;
                next.active = Some(match (next.expanded, next.active) {
                    (true, Some(i)) if down => (i + 1) % count,
                    (true, Some(i)) => (i + count - 1) % count,
                    _ if down => 0,
                    _ => count - 1,
                });
                next.expanded = true;
            }
            Action::Escape => {
                if next.expanded {
                    next.expanded = false;
                    next.active = None;
                } else {
                    next.query.clear();
                    next.results = Rc::default();
                    next.suggestions = Rc::default();
                    next.weak = false;
                    next.active = None;
                }
            }
            Action::Blur => {
                next.expanded = false;
                next.active = None;
            }
            Action::Focus => {
                next.expanded = next.view == View::Search
                    && !next.query.trim().is_empty()
                    && !next.results.is_empty();
            }
            Action::OpenActive => {
                let Some(item) = next.results.get(next.active.unwrap_or(0)) else {
                    return self;
                };
                next.view = View::Detail(item.id.clone());
                next.expanded = false;
                next.active = None;
            }
            Action::Open(id) => {
                next.view = View::Detail(id);
                next.expanded = false;
                next.active = None;
            }
            Action::Back => next.view = View::Search,
            Action::Browse(browse) => {
                next.browse = browse;
                next.view = View::Search;
            }
            Action::SetPlace(place) => {
                next.place = place;
                next.place_choices = Rc::default();
                next.editing_place = false;
            }
            Action::OfferPlaces(places) => next.place_choices = Rc::new(places),
            Action::Retry(_) => return self,
            Action::EditPlace => next.editing_place = true,
            Action::Restore {
                query,
                results,
                suggestions,
                weak,
                service,
                place,
            } => {
                next.query = query;
                next.results = Rc::new(results);
                next.suggestions = Rc::new(suggestions);
                next.weak = weak;
                next.expanded = false;
                next.active = None;
                next.view = service.map_or(View::Search, View::Detail);
                if next.place != place {
                    next.place = place;
                    next.place_choices = Rc::default();
                    next.editing_place = false;
                }
            }
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_cut_at_a_character_boundary_after_the_searched_length() {
        let pasted = "äöü😀 ".repeat(zufi::MAX_QUERY_CHARS);
        let cut = bounded_query(&pasted);
        assert_eq!(cut.chars().count(), zufi::MAX_QUERY_CHARS);
        assert!(pasted.starts_with(cut));
        let short = "hundesteuer";
        assert_eq!(bounded_query(short), short);
        let exact = "ß".repeat(zufi::MAX_QUERY_CHARS);
        assert_eq!(bounded_query(&exact), exact);
    }

    fn item(id: &str) -> ResultItem {
        ResultItem {
            id: id.into(),
            name: format!("Leistung {id}"),
            highlights: vec![],
        }
    }

    fn typed(query: &str, ids: &[&str]) -> Action {
        Action::Typed {
            query: query.into(),
            results: ids.iter().map(|id| item(id)).collect(),
            suggestions: vec![],
            weak: false,
        }
    }

    #[test]
    fn weak_results_are_kept_until_the_search_changes() {
        let weak = Action::Typed {
            query: "fichte im garten umhauen".into(),
            results: vec![item("a")],
            suggestions: vec![],
            weak: true,
        };
        assert!(run([weak.clone()]).weak);
        assert!(
            run([weak.clone(), Action::Blur]).weak,
            "kept with the results"
        );
        assert!(
            !run([weak.clone(), Action::Escape, Action::Escape]).weak,
            "cleared with the search"
        );
        assert!(!run([weak, typed("hund", &["h"])]).weak);
    }

    fn erfurt() -> Place {
        Place {
            ars: "160510000000".parse().expect("valid ARS"),
            name: "Erfurt".into(),
            level: zufi::RegionLevel::Kreis,
            plz: vec!["99084".parse().expect("valid postcode")],
        }
    }

    fn run(actions: impl IntoIterator<Item = Action>) -> Rc<State> {
        actions
            .into_iter()
            .fold(Rc::new(State::new(None, vec![])), |state, action| {
                state.reduce(action)
            })
    }

    #[test]
    fn late_shards_refresh_only_the_query_they_were_fetched_for() {
        let state = run([typed("hund", &[])]);
        let refreshed = |query: &str, ids: &[&str]| Action::Refreshed {
            query: query.into(),
            results: ids.iter().map(|id| item(id)).collect(),
            suggestions: vec![],
            weak: false,
        };
        // The citizen typed on: shards fetched for "hun" arrive too late.
        let state = state.reduce(refreshed("hun", &["old"]));
        assert!(state.results.is_empty());
        let state = state.reduce(refreshed("hund", &["a", "b"]));
        assert_eq!(state.results.len(), 2);
        assert!(state.expanded, "the list opens when its results arrive");
    }

    #[test]
    fn typing_opens_the_list_only_with_results() {
        let cases = [
            (typed("pass", &["a", "b"]), true),
            (typed("xyz", &[]), false),
            (typed("  ", &["a"]), false),
        ];
        for (action, expanded) in cases {
            let state = run([action.clone()]);
            assert_eq!(state.expanded, expanded, "{action:?}");
            assert_eq!(state.active, None);
        }
    }

    #[test]
    fn arrows_cycle_through_the_options() {
        let three = || typed("a", &["a", "b", "c"]);
        let cases: Vec<(Vec<Action>, Option<usize>)> = vec![
            (vec![three(), Action::MoveDown], Some(0)),
            (vec![three(), Action::MoveDown, Action::MoveDown], Some(1)),
            (vec![three(), Action::MoveUp], Some(2)),
            (vec![three(), Action::MoveUp, Action::MoveDown], Some(0)),
            (
                vec![three(), Action::MoveDown, Action::MoveUp, Action::MoveUp],
                Some(1),
            ),
            (vec![typed("x", &[]), Action::MoveDown], None),
            // After Escape closed the list, Arrow Down reopens it at the top.
            (
                vec![three(), Action::MoveUp, Action::Escape, Action::MoveDown],
                Some(0),
            ),
        ];
        for (actions, active) in cases {
            let state = run(actions.clone());
            assert_eq!(state.active, active, "{actions:?}");
        }
    }

    #[test]
    fn enter_opens_the_active_option_or_the_first() {
        let cases: Vec<(Vec<Action>, View)> = vec![
            (
                vec![typed("a", &["a", "b"]), Action::OpenActive],
                View::Detail("a".into()),
            ),
            (
                vec![
                    typed("a", &["a", "b"]),
                    Action::MoveDown,
                    Action::MoveDown,
                    Action::OpenActive,
                ],
                View::Detail("b".into()),
            ),
            (vec![typed("a", &[]), Action::OpenActive], View::Search),
        ];
        for (actions, view) in cases {
            let state = run(actions.clone());
            assert_eq!(state.view, view, "{actions:?}");
            assert!(!state.expanded);
        }
    }

    #[test]
    fn first_escape_closes_second_clears() {
        let once = run([typed("pass", &["a"]), Action::Escape]);
        assert_eq!((once.query.as_str(), once.expanded), ("pass", false));
        assert_eq!(once.results.len(), 1);
        let twice = once.reduce(Action::Escape);
        assert_eq!(twice.query, "");
        assert!(twice.results.is_empty());
    }

    #[test]
    fn leaving_the_box_closes_the_list_and_coming_back_reopens_it() {
        let left = run([typed("pass", &["a", "b"]), Action::MoveDown, Action::Blur]);
        assert_eq!((left.expanded, left.active), (false, None));
        assert_eq!((left.query.as_str(), left.results.len()), ("pass", 2));
        let back = left.reduce(Action::Focus);
        assert_eq!((back.expanded, back.active), (true, None));
        // Nothing to show, or a service on show: the list stays closed.
        for actions in [
            vec![typed("xyz", &[]), Action::Blur, Action::Focus],
            vec![typed("", &[]), Action::Focus],
            vec![
                typed("pass", &["a"]),
                Action::Open("a".into()),
                Action::Focus,
            ],
        ] {
            assert!(!run(actions.clone()).expanded, "{actions:?}");
        }
    }

    #[test]
    fn back_keeps_the_query_and_results() {
        let state = run([
            typed("pass", &["a"]),
            Action::Open("a".into()),
            Action::Back,
        ]);
        assert_eq!(state.view, View::Search);
        assert_eq!(state.query, "pass");
        assert_eq!(state.selected(), None);
    }

    #[test]
    fn choosing_a_place_ends_editing_and_clears_choices() {
        let erfurt = erfurt();
        let state = run([
            Action::EditPlace,
            Action::OfferPlaces(vec![erfurt.clone()]),
            Action::SetPlace(Some(erfurt.clone())),
        ]);
        assert_eq!(state.place, Some(erfurt));
        assert!(state.place_choices.is_empty());
        assert!(!state.editing_place);
    }

    #[test]
    fn restore_takes_over_the_link() {
        let erfurt = erfurt();
        let state = run([
            typed("hund", &["a"]),
            Action::MoveDown,
            Action::Restore {
                query: "pass".into(),
                results: vec![item("p")],
                suggestions: vec![],
                weak: false,
                service: Some("p".into()),
                place: Some(erfurt.clone()),
            },
        ]);
        assert_eq!(state.query, "pass");
        assert_eq!(state.selected(), Some("p"));
        assert_eq!(state.place, Some(erfurt));
        assert_eq!((state.expanded, state.active), (false, None));
    }

    #[test]
    fn unchanged_state_keeps_its_allocation() {
        let state = run([typed("x", &[])]);
        let same = state.clone().reduce(Action::MoveDown);
        assert!(Rc::ptr_eq(&state, &same));
    }
}
