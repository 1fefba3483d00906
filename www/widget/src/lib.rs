//! The embeddable zufi service finder.
//!
//! The only JavaScript API of zufi lives here: `mount` renders the finder
//! (a yew app) into a host element or shadow root and returns a
//! `WidgetHandle`; [`ZufiIndex`] and [`load_index`] are the headless API for
//! sites with their own interface. Everything below is plain Rust that the
//! native tests cover, apart from the components.
//!
//! The default feature `ui` holds the finder: yew, gloo, the components and
//! `mount`. Built without it (`--no-default-features`), the crate is the
//! headless API alone, a much smaller wasm for sites that only search.

pub mod api;
pub mod fetch;
mod headless;
pub mod i18n;
mod js_fields;
pub mod live;
pub mod place;
// Plain string parsing, no yew: also in the headless build, so that `fuzz/` reaches it.
pub mod route;

#[cfg(feature = "ui")]
pub mod announce;
#[cfg(feature = "ui")]
pub mod app;
#[cfg(feature = "ui")]
pub mod components;
#[cfg(feature = "ui")]
pub mod index;
#[cfg(feature = "ui")]
mod mount;
#[cfg(feature = "ui")]
pub mod options;
#[cfg(feature = "ui")]
pub mod routing;
#[cfg(feature = "ui")]
pub mod state;

pub use headless::{load_index, ZufiIndex};
#[cfg(feature = "ui")]
pub use mount::{mount, parse_options, WidgetHandle};
