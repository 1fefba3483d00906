//! Kiosk mode: the finder on a self-service terminal in a town hall.
//!
//! `shell::KioskShell` wraps the ordinary finder (`app::Finder`) for a full-screen
//! touch terminal that one citizen after another uses: a header with "Neue
//! Suche", the language switch and the catalog's date; the on-screen keyboard
//! (`keyboard`); links as QR codes (`qr`); and, after a time without a
//! touch, a countdown that resets everything for the next citizen. The reset
//! mounts a fresh finder (a new `key`), so nothing the last citizen did —
//! query, results, detail, place, half-typed inputs — survives in the DOM.
//! The shell gets the finder from its parent as a render callback, so that
//! `app` uses this module and not the other way round. Kiosk mode writes
//! nothing to storage and nothing into the address (`Config::new` turns
//! `remember_place` and `hash_routing` off).
//!
//! Kiosk mode is the cargo feature `kiosk` (a default feature). The website
//! build of the finder (`scripts/build-widget`) leaves it out, which keeps
//! about 19 KiB (brotli; 53 KiB raw) of keyboard, countdown and QR codes
//! from every visitor of a municipal website; its `Config::new` refuses the
//! `kiosk` option. The functions below are what the rest of the finder calls: in a
//! build without the feature they render nothing, and nothing calls them.

#[cfg(feature = "kiosk")]
mod focus;
#[cfg(feature = "kiosk")]
pub mod keyboard;
#[cfg(feature = "kiosk")]
pub mod qr;
mod session;
#[cfg(feature = "kiosk")]
pub mod shell;

pub use session::FinderSession;

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::Lang;
use crate::index::SharedIndex;
use crate::options::Config;

/// The kiosk around the finder (`shell::KioskShell`); `finder` renders one
/// citizen's finder.
pub fn kiosk_shell(
    index: SharedIndex,
    config: Rc<Config>,
    id: AttrValue,
    finder: Callback<FinderSession, Html>,
) -> Html {
    #[cfg(feature = "kiosk")]
    return html! { <shell::KioskShell {index} {config} {id} {finder} /> };
    #[cfg(not(feature = "kiosk"))]
    {
        let _ = (index, config, id, finder);
        Html::default()
    }
}

/// The on-screen keyboard (`keyboard::Keyboard`) for the search text `query`.
pub fn on_screen_keyboard(query: String, lang: Lang, on_query: Callback<String>) -> Html {
    #[cfg(feature = "kiosk")]
    return html! { <keyboard::Keyboard {query} {lang} {on_query} /> };
    #[cfg(not(feature = "kiosk"))]
    {
        let _ = (query, lang, on_query);
        Html::default()
    }
}

/// A link as a QR code with its name and address (`qr::QrLink`); `url` is
/// already checked to be http(s).
pub fn qr_link(name: AttrValue, url: AttrValue, lang: Lang) -> Html {
    #[cfg(feature = "kiosk")]
    return html! { <qr::QrLink {name} {url} {lang} /> };
    #[cfg(not(feature = "kiosk"))]
    {
        let _ = lang;
        html! { <p>{ name }{ ": " }{ url }</p> }
    }
}
