//! The kiosk shell: header, the finder keyed by the citizen's session, and the
//! idle countdown that resets it (see the module `kiosk`).

use std::rc::Rc;

use gloo::timers::callback::{Interval, Timeout};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::kiosk::focus::focused_element;
use crate::components::kiosk::session::FinderSession;
use crate::i18n::Lang;
use crate::index::SharedIndex;
use crate::options::Config;

/// What the kiosk itself keeps, apart from the finder's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskState {
    /// Counts resets; the finder is keyed by it, so a reset remounts it.
    pub session: u32,
    /// The language on show, switched on the start screen.
    pub lang: Lang,
    /// The terminal's own language, which a reset returns to.
    pub home_lang: Lang,
    /// Seconds left before the reset, while the countdown shows.
    pub countdown: Option<u32>,
    /// Bumped by every touch or key press; restarts the idle timer.
    pub activity: u32,
    /// Whether anyone used the finder since the last reset: an untouched
    /// start screen has nothing to forget and shows no countdown.
    pub touched: bool,
}

impl KioskState {
    /// A fresh terminal in its own language.
    pub fn new(lang: Lang) -> KioskState {
        KioskState {
            session: 0,
            lang,
            home_lang: lang,
            countdown: None,
            activity: 0,
            touched: false,
        }
    }
}

/// Everything that changes the kiosk's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KioskAction {
    /// A touch or key press somewhere in the finder.
    Activity,
    /// The idle time ran out: count down from `seconds`.
    IdleElapsed { seconds: u32 },
    /// One second of the countdown passed.
    Tick,
    /// "Weiter": the citizen is still there.
    Continue,
    /// "Neue Suche", or the countdown's end: forget everything.
    Reset,
    /// The language switch.
    SetLang(Lang),
}

impl Reducible for KioskState {
    type Action = KioskAction;

    fn reduce(self: Rc<Self>, action: KioskAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            // While the countdown shows, only its buttons count: a touch that
            // dismissed it on pointerdown would land its click on whatever
            // lies beneath.
            KioskAction::Activity if self.countdown.is_some() => return self,
            KioskAction::Activity | KioskAction::Continue => {
                next.activity = next.activity.wrapping_add(1);
                next.touched = true;
                next.countdown = None;
            }
            KioskAction::IdleElapsed { seconds } => {
                if !self.touched || self.countdown.is_some() {
                    return self;
                }
                next.countdown = Some(seconds.max(1));
            }
            KioskAction::Tick => match self.countdown {
                None => return self,
                Some(0 | 1) => return self.reduce(KioskAction::Reset),
                Some(n) => next.countdown = Some(n - 1),
            },
            KioskAction::Reset => {
                next = KioskState::new(self.home_lang);
                next.session = self.session.wrapping_add(1);
            }
            KioskAction::SetLang(lang) => next.lang = lang,
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

/// Props of [`KioskShell`].
#[derive(Debug, Clone, Properties)]
pub struct KioskShellProps {
    pub index: SharedIndex,
    pub config: Rc<Config>,
    pub id: AttrValue,
    /// Renders the finder for a session (`app::Finder`, keyed by the session).
    pub finder: Callback<FinderSession, Html>,
}

impl PartialEq for KioskShellProps {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index
            && Rc::ptr_eq(&self.config, &other.config)
            && self.id == other.id
            && self.finder == other.finder
    }
}

/// The full-screen terminal: header, finder (keyed by the session) and the
/// idle countdown.
#[component]
pub fn KioskShell(props: &KioskShellProps) -> Html {
    let config = props.config.clone();
    let kiosk = use_reducer(|| KioskState::new(config.lang));
    let finder_config = use_memo(kiosk.lang, {
        let config = config.clone();
        move |lang| {
            Rc::new(Config {
                lang: *lang,
                ..(*config).clone()
            })
        }
    });
    let date = use_memo(props.index.clone(), {
        let config = config.clone();
        move |index| config.data_date(&index.get())
    });
    // The idle timer starts again with every touch, once someone has used
    // the finder since the last reset.
    {
        let dispatcher = kiosk.dispatcher();
        let idle_ms = config.kiosk_idle_seconds.saturating_mul(1000);
        let seconds = config.kiosk_countdown_seconds;
        use_effect_with((kiosk.activity, kiosk.touched), move |(_, touched)| {
            let timeout = touched.then(|| {
                Timeout::new(idle_ms, move || {
                    dispatcher.dispatch(KioskAction::IdleElapsed { seconds })
                })
            });
            move || drop(timeout)
        });
    }
    {
        let dispatcher = kiosk.dispatcher();
        use_effect_with(kiosk.countdown.is_some(), move |running| {
            let interval = running
                .then(|| Interval::new(1000, move || dispatcher.dispatch(KioskAction::Tick)));
            move || drop(interval)
        });
    }
    // The countdown takes the focus, so that Enter or Space answers it, and
    // "Weiter" gives it back to where it was (after a reset, that is gone).
    let continue_ref = use_node_ref();
    let focused_before = use_mut_ref(|| None::<web_sys::HtmlElement>);
    {
        let continue_ref = continue_ref.clone();
        use_effect_with(kiosk.countdown.is_some(), move |showing| {
            // Focus can fail on detached nodes; nothing to do then.
            if *showing {
                if let Some(button) = continue_ref.cast::<web_sys::HtmlElement>() {
                    *focused_before.borrow_mut() =
                        focused_element(&button).and_then(|e| e.dyn_into().ok());
                    let _ = button.focus();
                }
            } else if let Some(element) = focused_before.borrow_mut().take() {
                if element.is_connected() {
                    let _ = element.focus();
                }
            }
        });
    }

    let send = |action: KioskAction| {
        let dispatcher = kiosk.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(action))
    };
    let on_activity = {
        let dispatcher = kiosk.dispatcher();
        move || dispatcher.dispatch(KioskAction::Activity)
    };
    let onpointerdown = {
        let on_activity = on_activity.clone();
        Callback::from(move |_: PointerEvent| on_activity())
    };
    let onkeydown = {
        let on_activity = on_activity.clone();
        Callback::from(move |_: KeyboardEvent| on_activity())
    };
    // A mouse wheel scrolls without a press.
    let onwheel = Callback::from(move |_: WheelEvent| on_activity());

    let lang = kiosk.lang;
    let text = lang.text().kiosk;
    let id = &props.id;
    let language_button = |choice: Lang, name: &'static str| {
        html! {
            <button type="button" class="zufi-lang-button" lang={choice.code()}
                aria-pressed={if lang == choice { "true" } else { "false" }}
                onclick={send(KioskAction::SetLang(choice))}>{ name }</button>
        }
    };
    // Escape answers the countdown as "Weiter" does, as it closes a dialog.
    let on_escape = {
        let dispatcher = kiosk.dispatcher();
        Callback::from(move |event: KeyboardEvent| {
            if matches!(event.key().as_str(), "Escape" | "Esc") {
                dispatcher.dispatch(KioskAction::Continue);
            }
        })
    };
    let countdown = kiosk.countdown.map(|seconds| {
        let title_id = format!("{id}-idle-title");
        let message_id = format!("{id}-idle-message");
        html! {
            <div class="zufi-idle-backdrop">
                <div class="zufi-idle" role="alertdialog" aria-modal="true"
                    aria-labelledby={title_id.clone()} aria-describedby={message_id.clone()}
                    onkeydown={on_escape.clone()}>
                    <h2 id={title_id}>{ text.idle_title }</h2>
                    <p id={message_id} class="zufi-idle-message">{ text.idle_message(seconds) }</p>
                    <div class="zufi-idle-actions">
                        <button type="button" class="zufi-primary-button" ref={continue_ref.clone()}
                            onclick={send(KioskAction::Continue)}>{ text.idle_continue }</button>
                        <button type="button" class="zufi-secondary-button"
                            onclick={send(KioskAction::Reset)}>{ text.new_search }</button>
                    </div>
                </div>
            </div>
        }
    });
    html! {
        <div class="zufi-kiosk" lang={lang.code()} {onpointerdown} {onkeydown} {onwheel}>
            // While the countdown asks, the screen behind it takes no input.
            <div class="zufi-kiosk-screen" inert={kiosk.countdown.is_some()}>
                <header class="zufi-kiosk-header">
                    <button type="button" class="zufi-primary-button zufi-new-search"
                        onclick={send(KioskAction::Reset)}>{ text.new_search }</button>
                    <div class="zufi-lang" role="group" aria-label={text.language}>
                        { language_button(Lang::De, "Deutsch") }
                        { language_button(Lang::En, "English") }
                    </div>
                    if let Some(date) = &*date {
                        <p class="zufi-data-date">{ text.data_date }{ ": " }{ lang.date(date) }</p>
                    }
                </header>
                { props.finder.emit(FinderSession { key: kiosk.session, config: (*finder_config).clone() }) }
            </div>
            // Always there, so that the countdown's coming and going never
            // makes yew re-create the screen (and the finder) beside it.
            <div class="zufi-idle-layer">{ for countdown }</div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(actions: impl IntoIterator<Item = KioskAction>) -> Rc<KioskState> {
        actions
            .into_iter()
            .fold(Rc::new(KioskState::new(Lang::De)), |state, action| {
                state.reduce(action)
            })
    }

    const IDLE: KioskAction = KioskAction::IdleElapsed { seconds: 3 };

    #[test]
    fn an_untouched_terminal_never_counts_down() {
        let state = run([IDLE, KioskAction::Tick]);
        assert_eq!(state.countdown, None);
        assert_eq!(state.session, 0);
    }

    #[test]
    fn the_countdown_runs_out_into_a_reset() {
        let used = [KioskAction::SetLang(Lang::En), KioskAction::Activity, IDLE];
        assert_eq!(run(used).countdown, Some(3));
        let ticked = run(used
            .into_iter()
            .chain([KioskAction::Tick, KioskAction::Tick]));
        assert_eq!((ticked.countdown, ticked.session), (Some(1), 0));
        let reset = ticked.reduce(KioskAction::Tick);
        assert_eq!(reset.countdown, None);
        assert_eq!(reset.session, 1, "the finder is mounted afresh");
        assert_eq!(reset.lang, Lang::De, "back to the terminal's language");
        assert!(
            !reset.touched,
            "the fresh start screen waits for the next citizen"
        );
    }

    #[test]
    fn weiter_keeps_the_session_and_restarts_the_idle_time() {
        let asked = run([KioskAction::Activity, IDLE]);
        let kept = asked.clone().reduce(KioskAction::Continue);
        assert_eq!((kept.countdown, kept.session), (None, 0));
        assert_ne!(kept.activity, asked.activity);
    }

    #[test]
    fn touches_behind_the_countdown_do_not_dismiss_it() {
        let asked = run([KioskAction::Activity, IDLE]);
        let touched = asked.clone().reduce(KioskAction::Activity);
        assert!(Rc::ptr_eq(&asked, &touched));
    }

    fn config(json: &str) -> Config {
        Config::new(
            serde_json::from_str(json).expect("test options parse"),
            None,
        )
        .expect("valid")
    }

    #[test]
    fn the_data_date_is_the_hosts_or_the_newest_update() {
        let catalog = crate::api::tests::CATALOG
            .replace(
                r#"{"id": "hund", "name": "Hundesteuer anmelden"}"#,
                r#"{"id": "hund", "name": "Hundesteuer anmelden", "updated": "2026-03-01T10:00:00Z"}"#,
            )
            .replace(
                r#""costs": "37 Euro","#,
                r#""costs": "37 Euro", "updated": "2025-12-24","#,
            );
        let catalog: zufi::Catalog = serde_json::from_str(&catalog).expect("test catalog parses");
        let bytes = zufi::IndexBuilder::new(&catalog)
            .build()
            .expect("builds")
            .bytes;
        let updated = zufi::Index::from_bytes(&bytes).expect("opens");
        let plain = config(r#"{"index": "i.zufi"}"#);
        assert_eq!(plain.data_date(&updated).as_deref(), Some("2026-03-01"));
        let dated = config(r#"{"index": "i.zufi", "catalogDate": "2026-11-28"}"#);
        assert_eq!(dated.data_date(&updated).as_deref(), Some("2026-11-28"));
        assert_eq!(plain.data_date(&crate::api::tests::index()), None);
    }

    #[test]
    fn neue_suche_resets_at_once() {
        let state = run([KioskAction::Activity, KioskAction::Reset]);
        assert_eq!(
            (state.session, state.touched, state.countdown),
            (1, false, None)
        );
    }
}
