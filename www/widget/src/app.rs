//! The root component: loads the index, then runs the finder.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;
use zufi::Ars;

use crate::announce::{self, Announcement};
use crate::components::browse::{BrowsePanel, TopicOffer};
use crate::components::error_state::{ErrorState, PartError};
use crate::components::kiosk::{self, FinderSession};
use crate::components::no_result::{NoResult, TopicLink};
use crate::components::place_picker::PlacePicker;
use crate::components::search_box::SearchBox;
use crate::components::service_detail::ServiceDetail;
use crate::components::status::Status;
use crate::fetch::{self, LoadError};
use crate::i18n::Lang;
use crate::index::SharedIndex;
use crate::live::{self, LiveIndex, Need};
use crate::options::{Config, GlossarySource, IndexSource};
use crate::place::{self, Lookup, Place};
use crate::route::{self, Route};
use crate::routing::Routing;
use crate::state::{bounded_query, Action, Part, ResultItem, State, View};

/// Key under which the chosen place is remembered, when the host allows it.
pub const PLACE_KEY: &str = "zufi.place";

/// Props of [`App`].
#[derive(Debug, Clone, Properties)]
pub struct AppProps {
    pub config: Rc<Config>,
    /// Prefix of every element id, unique per mounted widget.
    pub id: AttrValue,
    /// Its part of the address hash.
    pub routing: Rc<Routing>,
}

impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.config, &other.config)
            && self.id == other.id
            && self.routing == other.routing
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Load {
    Loading,
    Ready(SharedIndex),
    Failed(LoadError),
}

fn report(error: &LoadError, source: &str) {
    web_sys::console::error_1(&error.technical(source).into());
}

fn opened(result: Result<LiveIndex, LoadError>, source: &str) -> Load {
    match result {
        Ok(index) => Load::Ready(SharedIndex::new(index)),
        Err(error) => {
            report(&error, source);
            Load::Failed(error)
        }
    }
}

/// Loads the index and shows the finder, or says why it cannot.
#[component]
pub fn App(props: &AppProps) -> Html {
    let config = props.config.clone();
    let open_bytes = |config: &Config| match &config.source {
        IndexSource::Bytes(bytes) => Some(opened(
            fetch::open(bytes).map(LiveIndex::complete),
            "(indexBytes)",
        )),
        IndexSource::Url(_) => None,
    };
    let load = use_state(|| open_bytes(&config).unwrap_or(Load::Loading));
    // How many times the citizen pressed "Erneut versuchen": each press loads
    // anew (a URL is fetched again, with a fresh timeout).
    let attempt = use_state(|| 0_u32);
    {
        let load = load.clone();
        let config = config.clone();
        let routing = props.routing.clone();
        use_effect_with(*attempt, move |&attempt| match config.source.clone() {
            IndexSource::Url(url) => wasm_bindgen_futures::spawn_local(async move {
                let timeout = Some(config.load_timeout_ms);
                let result = live::load(&url, timeout).await;
                if let Ok(index) = &result {
                    prefetch(index, &config, &routing).await;
                }
                load.set(opened(result, &url));
            }),
            IndexSource::Bytes(_) if attempt > 0 => {
                if let Some(again) = open_bytes(&config) {
                    load.set(again);
                }
            }
            IndexSource::Bytes(_) => {}
        });
    }
    let on_retry = {
        let load = load.clone();
        let attempt = attempt.clone();
        Callback::from(move |()| {
            load.set(Load::Loading);
            attempt.set(*attempt + 1);
        })
    };
    // Kiosk mode mounts a fresh finder for every citizen, under a new key.
    let kiosk_finder = use_callback(
        ((*load).clone(), props.id.clone(), props.routing.clone()),
        |session: FinderSession, (load, id, routing)| match load {
            Load::Ready(index) => html! {
                <Finder key={session.key} index={index.clone()} config={session.config} id={id.clone()} routing={routing.clone()} />
            },
            Load::Loading | Load::Failed(_) => html! {},
        },
    );
    let text = config.lang.text();
    match &*load {
        Load::Loading => html! { <p class="zufi-loading" role="status">{ text.loading }</p> },
        Load::Failed(error) => html! {
            <ErrorState
                error={error.clone()}
                lang={config.lang}
                contact={config.contact.clone()}
                {on_retry}
                after_retry={*attempt > 0}
            />
        },
        Load::Ready(index) if config.kiosk => kiosk::kiosk_shell(
            index.clone(),
            props.config.clone(),
            props.id.clone(),
            kiosk_finder,
        ),
        Load::Ready(index) => html! {
            <Finder
                index={index.clone()}
                config={props.config.clone()}
                id={props.id.clone()}
                routing={props.routing.clone()}
                focus_search={*attempt > 0}
            />
        },
    }
}

/// Fetches, for a sharded index, what the first view needs to name the
/// host's preset place (or a deep link's): the place's areas, and the place
/// lookup for a preset postcode or a remembered place.
async fn prefetch(index: &LiveIndex, config: &Config, routing: &Routing) {
    if !index.is_sharded() {
        return;
    }
    if config.plz.is_some() || config.remember_place {
        index.ensure(&Need::Places).await;
    }
    let route = routing.route(&current_hash());
    let preset = initial_place(&index.get(), config).0.map(|place| place.ars);
    let linked = route.as_ref().and_then(|route| route.ars);
    for ars in [preset, linked].into_iter().flatten() {
        index.ensure(&Need::Place(ars)).await;
    }
}

/// Props of [`Finder`].
#[derive(Debug, Clone, Properties)]
pub struct FinderProps {
    pub index: SharedIndex,
    pub config: Rc<Config>,
    pub id: AttrValue,
    pub routing: Rc<Routing>,
    /// Put the focus into the search box once it is there: the finder
    /// follows a retry, whose button is gone.
    #[prop_or_default]
    pub focus_search: bool,
}

impl PartialEq for FinderProps {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index
            && Rc::ptr_eq(&self.config, &other.config)
            && self.id == other.id
            && self.routing == other.routing
            && self.focus_search == other.focus_search
    }
}

/// What a search shows: the suggestions to list, alternative queries when
/// nothing is found, and whether the results answer the query only weakly.
#[derive(Debug)]
pub struct Searched {
    pub results: Vec<ResultItem>,
    pub suggestions: Vec<String>,
    pub weak: bool,
}

/// Runs the search for `query`.
pub fn run_search(index: &zufi::Index, query: &str, limit: usize) -> Searched {
    if query.trim().is_empty() {
        return Searched {
            results: Vec::new(),
            suggestions: Vec::new(),
            weak: false,
        };
    }
    let hits = index.search(
        query,
        &zufi::SearchOptions {
            limit,
            ..Default::default()
        },
    );
    let results: Vec<ResultItem> = hits
        .iter()
        .map(|hit| ResultItem {
            id: hit.service.id.clone(),
            name: hit.service.name.clone(),
            highlights: hit.name_highlights(),
        })
        .collect();
    let suggestions = if results.is_empty() {
        index.suggestions(query, 3)
    } else {
        Vec::new()
    };
    Searched {
        weak: index.answers_weakly(query, &hits),
        results,
        suggestions,
    }
}

fn remembered_place() -> Option<Ars> {
    web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(PLACE_KEY)
        .ok()??
        .parse()
        .ok()
}

/// The place the widget starts with (remembered, else preset), and the
/// places to choose from when a preset postcode is ambiguous.
fn initial_place(index: &zufi::Index, config: &Config) -> (Option<Place>, Vec<Place>) {
    if config.remember_place {
        if let Some(place) = remembered_place().and_then(|ars| Place::of(index, ars)) {
            return (Some(place), Vec::new());
        }
    }
    if let Some(ars) = config.ars {
        let place = Place::of(index, ars).unwrap_or_else(|| Place::unlisted(ars));
        return (Some(place), Vec::new());
    }
    if let Some(plz) = config.plz {
        return match place::lookup(index, plz.as_str()) {
            Lookup::Chosen(place) => (Some(place), Vec::new()),
            Lookup::Choices(places) => (None, places),
        };
    }
    (None, Vec::new())
}

/// The state a deep link asks for.
fn restore(index: &zufi::Index, config: &Config, route: Route, start: Option<&Place>) -> Action {
    let query = bounded_query(&route.query.unwrap_or_default()).to_string();
    let Searched {
        results,
        suggestions,
        weak,
    } = run_search(index, &query, config.max_results);
    let place = match route.ars {
        Some(ars) => Place::of(index, ars).or_else(|| start.cloned()),
        None => start.cloned(),
    };
    Action::Restore {
        query,
        results,
        suggestions,
        weak,
        service: route.service,
        place,
    }
}

/// The address hash, at most [`route::MAX_HASH_CHARS`] of it: a link of
/// hundreds of kilobytes would otherwise be copied into the wasm memory,
/// which never shrinks, before any query in it is cut.
fn current_hash() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    let Ok(hash) = js_sys::Reflect::get(&location, &"hash".into()) else {
        return String::new();
    };
    let hash = js_sys::JsString::from(hash);
    // A few units past the limit tell `cut_hash` whether a character goes on.
    let read = route::MAX_HASH_CHARS + 16;
    let hash = if hash.length() as usize > read {
        hash.slice(0, read as u32)
    } else {
        hash
    };
    let hash = hash.as_string().unwrap_or_default();
    route::cut_hash(&hash, route::MAX_HASH_CHARS).to_string()
}

/// Writes `route` into the URL as the part of the finder with `scope`,
/// keeping other finders' parts: a new history entry when the service or
/// the place changed, otherwise the current entry is replaced (typing).
fn write_route(route: &Route, scope: Option<&str>) {
    let hash = current_hash();
    let current = Route::parse_scoped(&hash, scope);
    let Some(window) = web_sys::window() else {
        return;
    };
    match &current {
        Some(current) if current == route => return,
        // The host page's own anchor stays until the widget has something to say.
        None if route.is_empty() => return,
        _ => {}
    }
    let location = window.location();
    let base = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let url = format!("{base}{}", route.write_into(&hash, scope));
    let Ok(history) = window.history() else {
        return;
    };
    let push = current
        .as_ref()
        .map_or(route.service.is_some() || route.ars.is_some(), |current| {
            current.service != route.service || current.ars != route.ars
        });
    let result = if push {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    };
    if let Err(error) = result {
        web_sys::console::warn_2(&"zufi: cannot update the URL".into(), &error);
    }
}

/// Where the keyboard focus goes after the next render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FocusTarget {
    SearchInput,
    DetailHeading,
}

/// How many times shards of a sharded index arrived: each arrival renders
/// the finder again with what is there now.
#[derive(Debug, Default, PartialEq)]
struct Arrivals(u64);

impl Reducible for Arrivals {
    type Action = ();

    fn reduce(self: Rc<Self>, _: ()) -> Rc<Self> {
        Rc::new(Arrivals(self.0 + 1))
    }
}

/// Fetches the shards `need` reads, if any are missing, then calls `then`.
fn fetch_then(index: &SharedIndex, need: Need, then: impl FnOnce() + 'static) {
    let live = index.live().clone();
    if !live.is_pending(&need) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        live.ensure(&need).await;
        then();
    });
}

/// The finder on an opened index.
#[component]
pub fn Finder(props: &FinderProps) -> Html {
    let arrivals = use_reducer(Arrivals::default);
    let index = props.index.at(arrivals.0);
    let config = props.config.clone();
    let start = use_memo((), {
        let index = index.clone();
        let config = config.clone();
        move |_| initial_place(&index.get(), &config)
    });
    let routing = props.routing.clone();
    let state = use_reducer({
        let index = index.clone();
        let config = config.clone();
        let start = start.clone();
        let routing = routing.clone();
        move || {
            let state = Rc::new(State::new(start.0.clone(), start.1.clone()));
            match routing.route(&current_hash()) {
                Some(route) => {
                    let action = restore(&index.get(), &config, route, start.0.as_ref());
                    // A preset postcode's choices stay offered unless the link chose a place.
                    Reducible::reduce(state, action).as_ref().clone()
                }
                None => (*state).clone(),
            }
        }
    });
    let focus = use_mut_ref({
        let first = props.focus_search.then_some(FocusTarget::SearchInput);
        move || Cell::new(first)
    });
    let input_ref = use_node_ref();
    let heading_ref = use_node_ref();

    // What the live region says besides the count of services found.
    let announcement = use_state(|| None::<String>);
    // Deep links: follow Back/Forward and edited hashes when the finder
    // writes its state; when it only opens links, in-page links to it.
    {
        let dispatcher = state.dispatcher();
        let announcement = announcement.clone();
        let index = index.clone();
        let config = config.clone();
        let start = start.clone();
        let routing = routing.clone();
        use_effect_with((), move |_| {
            let writes = routing.writes();
            let listeners = web_sys::window().filter(|_| routing.reads()).map(|window| {
                let on_change = move |_: &Event| {
                    let hash = current_hash();
                    let route = if writes && hash.len() <= 1 {
                        Some(Route::default())
                    } else {
                        routing.route(&hash)
                    };
                    if let Some(route) = route {
                        let action = restore(&index.get(), &config, route, start.0.as_ref());
                        // An announcement of a choice the history undid would lie.
                        announcement.set(None);
                        dispatcher.dispatch(action);
                    }
                };
                let on_hash = on_change.clone();
                let on_pop = writes.then(|| EventListener::new(&window, "popstate", on_change));
                (on_pop, EventListener::new(&window, "hashchange", on_hash))
            });
            move || drop(listeners)
        });
    }
    // … and write them.
    {
        let route = Route {
            query: Some(state.query.clone()).filter(|q| !q.trim().is_empty()),
            service: state.selected().map(String::from),
            ars: state
                .place
                .as_ref()
                .filter(|place| Some(*place) != start.0.as_ref())
                .map(|place| place.ars),
        };
        let routing = routing.clone();
        use_effect_with(route, move |route| {
            if routing.writes() {
                write_route(route, routing.scope.as_deref());
            }
        });
    }
    // Remember the place only where the host allows it.
    {
        let ars = state.place.as_ref().map(|p| p.ars);
        let remember = config.remember_place;
        use_effect_with(ars, move |ars| {
            let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
            if let (true, Some(storage), Some(ars)) = (remember, storage, ars) {
                if storage.set_item(PLACE_KEY, ars.as_str()).is_err() {
                    web_sys::console::warn_1(&"zufi: cannot remember the place".into());
                }
            }
        });
    }
    // Move the focus where the citizen expects it after a choice: the detail
    // heading when a service opens, the search box when the search comes
    // back. After the render that shows the target, whatever changed.
    {
        let focus = focus.clone();
        let input_ref = input_ref.clone();
        let heading_ref = heading_ref.clone();
        use_effect(move || {
            let target = match focus.borrow().take() {
                Some(FocusTarget::SearchInput) => input_ref.cast::<web_sys::HtmlElement>(),
                Some(FocusTarget::DetailHeading) => heading_ref.cast::<web_sys::HtmlElement>(),
                None => None,
            };
            if let Some(element) = target {
                // Focus can fail on detached nodes; nothing to do then.
                let _ = element.focus();
            }
        });
    }

    // How many times the citizen asked to fetch failed parts again: the
    // effects that fetch run anew for each.
    let retries = use_state(|| 0_u32);
    let dispatch = {
        let dispatcher = state.dispatcher();
        let focus = focus.clone();
        let announcement = announcement.clone();
        let retries = retries.clone();
        let state = state.clone();
        let index = index.clone();
        let text = config.lang.text();
        Callback::from(move |action: Action| {
            match announce::for_action(&action, &state, &index.get(), text) {
                Announcement::Say(message) => announcement.set(Some(message)),
                Announcement::Count => announcement.set(None),
                Announcement::Keep => {}
            }
            match &action {
                Action::Open(_) | Action::OpenActive => {
                    focus.borrow().set(Some(FocusTarget::DetailHeading))
                }
                Action::Back => focus.borrow().set(Some(FocusTarget::SearchInput)),
                Action::Retry(part) => {
                    index.live().forget_failures();
                    retries.set(*retries + 1);
                    // The retry button goes away with the failure.
                    match part {
                        Part::Search => focus.borrow().set(Some(FocusTarget::SearchInput)),
                        Part::Detail => focus.borrow().set(Some(FocusTarget::DetailHeading)),
                        // The place field keeps it (`PlacePicker`).
                        Part::Places => {}
                    }
                }
                _ => {}
            }
            dispatcher.dispatch(action);
        })
    };
    let on_query = {
        let dispatch = dispatch.clone();
        let index = index.clone();
        let limit = config.max_results;
        Callback::from(move |query: String| {
            let query = bounded_query(&query).to_string();
            let Searched {
                results,
                suggestions,
                weak,
            } = run_search(&index.get(), &query, limit);
            dispatch.emit(Action::Typed {
                query,
                results,
                suggestions,
                weak,
            });
        })
    };

    // A sharded index: fetch what the query, the open service and the place
    // read, and show it when it arrives.
    {
        let index = index.clone();
        let dispatcher = state.dispatcher();
        let arrived = arrivals.dispatcher();
        let limit = config.max_results;
        use_effect_with((state.query.clone(), *retries), move |(query, _)| {
            // Not for a last word of one or two letters (see `fetched_query`).
            let Some(fetched) = live::fetched_query(query) else {
                return;
            };
            let options = zufi::SearchOptions {
                limit,
                ..Default::default()
            };
            let need = Need::Search(fetched.to_string(), options);
            let query = query.clone();
            let live = index.live().clone();
            fetch_then(&index, need, move || {
                let Searched {
                    results,
                    suggestions,
                    weak,
                } = run_search(&live.get(), &query, limit);
                dispatcher.dispatch(Action::Refreshed {
                    query,
                    results,
                    suggestions,
                    weak,
                });
                arrived.dispatch(());
            });
        });
    }
    {
        let index = index.clone();
        let arrived = arrivals.dispatcher();
        let place = state.place.as_ref().map(|p| p.ars);
        use_effect_with((place, *retries), move |(place, _)| {
            if let Some(place) = *place {
                fetch_then(&index, Need::Place(place), move || arrived.dispatch(()));
            }
        });
    }
    {
        let index = index.clone();
        let arrived = arrivals.dispatcher();
        let opened = (
            state.selected().map(String::from),
            state.place.as_ref().map(|p| p.ars),
            *retries,
        );
        use_effect_with(opened, move |(service, place, _)| {
            if let Some(service) = service {
                let then = arrived.clone();
                fetch_then(&index, Need::Service(service.clone()), move || {
                    then.dispatch(())
                });
                if let Some(place) = place {
                    let need = Need::Responsible(service.clone(), *place);
                    fetch_then(&index, need, move || arrived.dispatch(()));
                }
            }
        });
    }

    // Glosses of the German service names, for a finder in another
    // language; fetched once, and the finder works without them meanwhile.
    let glossary = use_state(|| match &config.glossary {
        Some(GlossarySource::Given(given)) => Some(given.clone()),
        _ => None,
    });
    {
        let glossary = glossary.clone();
        let timeout = config.load_timeout_ms;
        use_effect_with(config.glossary.clone(), move |source| {
            if let Some(GlossarySource::Url(url)) = source.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    match fetch::load_glossary(&url, Some(timeout)).await {
                        Ok(loaded) => glossary.set(Some(Rc::new(loaded))),
                        Err(why) => web_sys::console::warn_2(
                            &"zufi: no glosses of the service names:".into(),
                            &why.into(),
                        ),
                    }
                });
            }
        });
    }

    // Glosses are for a finder not in German (a kiosk's is either in turn).
    let glossary = (*glossary).clone().filter(|_| config.lang != Lang::De);
    let text = config.lang.text();
    let id = &props.id;
    let searched = !state.query.trim().is_empty();
    let search_failed = searched && {
        let options = zufi::SearchOptions {
            limit: config.max_results,
            ..Default::default()
        };
        !index
            .live()
            .failures(&Need::Search(state.query.clone(), options))
            .is_empty()
    };
    let status = match (&*announcement, searched) {
        (Some(message), _) => message.clone(),
        (None, true) => text.found(state.results.len()),
        (None, false) => String::new(),
    };
    // A suggestion of "Meinten Sie …?" searches for it; its button goes away
    // with the new results, so the focus goes back to the search box.
    let on_pick = {
        let on_query = on_query.clone();
        let focus = focus.clone();
        Callback::from(move |query: String| {
            focus.borrow().set(Some(FocusTarget::SearchInput));
            on_query.emit(query);
        })
    };
    // Ways on from the search: the topic the first hits share, or, when
    // nothing was found, the topics closest to the query.
    let common_topic = use_memo((state.results.clone(), arrivals.0), {
        let index = index.clone();
        move |(results, _)| {
            let index = index.get();
            let services: Vec<&zufi::Service> = results
                .iter()
                .filter_map(|r| index.service(&r.id))
                .collect();
            index.common_topic(&services).map(TopicLink::to)
        }
    });
    let closest_topics = use_memo(
        (
            state.query.clone(),
            state.results.is_empty() || state.weak,
            state.suggestions.clone(),
            arrivals.0,
        ),
        {
            let index = index.clone();
            move |(query, offered, suggestions, _)| -> Vec<TopicLink> {
                if !offered || query.trim().is_empty() {
                    return Vec::new();
                }
                let index = index.get();
                index
                    .closest_topics(query, suggestions, zufi::CLOSEST_TOPICS)
                    .into_iter()
                    .map(TopicLink::to)
                    .collect()
            }
        },
    );
    let main = match &state.view {
        View::Detail(service) => html! {
            <ServiceDetail
                index={index.clone()}
                service={AttrValue::from(service.clone())}
                place={state.place.as_ref().map(|p| p.ars)}
                lang={config.lang}
                heading_ref={heading_ref.clone()}
                dispatch={dispatch.clone()}
                kiosk={config.kiosk}
                contact={config.contact.clone()}
                glossary={glossary.clone()}
            />
        },
        View::Search => html! {
            <>
                if searched && (state.results.is_empty() || state.weak) && !search_failed {
                    <NoResult
                        weak={!state.results.is_empty()}
                        suggestions={state.suggestions.clone()}
                        topics={Rc::new((*closest_topics).clone())}
                        lang={config.lang}
                        contact={config.contact.clone()}
                        fallback_115={config.fallback_115}
                        kiosk={config.kiosk}
                        {on_pick}
                        dispatch={dispatch.clone()}
                    />
                }
                if let (true, Some(topic)) = (searched && !state.results.is_empty(), &*common_topic) {
                    <TopicOffer topic={topic.clone()} lang={config.lang} dispatch={dispatch.clone()} />
                }
                <BrowsePanel
                    index={index.clone()}
                    browse={state.browse.clone()}
                    lang={config.lang}
                    id={id.clone()}
                    dispatch={dispatch.clone()}
                />
            </>
        },
    };
    let search_box = html! {
        <SearchBox
            id={id.clone()}
            query={state.query.clone()}
            results={state.results.clone()}
            expanded={state.expanded}
            active={state.active}
            lang={config.lang}
            glossary={glossary.clone()}
            input_ref={input_ref.clone()}
            on_query={on_query.clone()}
            dispatch={dispatch.clone()}
            kiosk={config.kiosk}
        />
    };
    let place_picker = html! {
        <PlacePicker
            index={index.clone()}
            place={state.place.clone()}
            choices={state.place_choices.clone()}
            editing={state.editing_place}
            lang={config.lang}
            id={id.clone()}
            dispatch={dispatch.clone()}
            contact={config.contact.clone()}
        />
    };
    if config.kiosk {
        // The terminal's layout: what was found above, the search field and
        // the keyboard docked below, within reach of a seated citizen.
        return html! {
            <div class="zufi-finder zufi-finder-kiosk">
                <div class="zufi-kiosk-content">
                    { place_picker }
                    <div class="zufi-main">{ main }</div>
                </div>
                <div class="zufi-kiosk-dock">
                    { search_box }
                    <Status message={status} />
                    { kiosk::on_screen_keyboard(state.query.clone(), config.lang, on_query) }
                </div>
            </div>
        };
    }
    html! {
        <div class="zufi-finder">
            { search_box }
            <Status message={status} />
            if search_failed {
                <PartError
                    message={text.part_search_failed}
                    lang={config.lang}
                    contact={config.contact.clone()}
                    on_retry={dispatch.reform(|()| Action::Retry(Part::Search))}
                />
            }
            { place_picker }
            <div class="zufi-main">{ main }</div>
            if let Some(date) = config.data_date(&index.get()) {
                <p class="zufi-data-date">{ text.kiosk.data_date }{ ": " }{ config.lang.date(&date) }</p>
            }
        </div>
    }
}
