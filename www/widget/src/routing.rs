//! Which part of the address hash a mounted finder reads and writes
//! (`crate::route` is the syntax; this is the policy).
//!
//! A finder's keys are scoped by the id of its host element, so that
//! several finders on one page keep apart. Finders without an id share the
//! plain keys: that is today's form for the one finder of a page, but two
//! of them would overwrite each other, so while more than one finder
//! without an id is mounted, those leave the address alone (and the
//! console says to give them ids).

use std::cell::Cell;

use crate::options::Config;
use crate::route::Route;

thread_local! {
    /// Mounted finders without an id that would use the address.
    static UNNAMED: Cell<u32> = const { Cell::new(0) };
}

/// A finder's use of the address hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routing {
    /// The id of the host element, if it has one.
    pub scope: Option<String>,
    /// Open `#zufi:` links (on load and when an in-page link is followed).
    read: bool,
    /// Write the state and follow Back/Forward.
    write: bool,
}

/// Holds a mounted finder's place among the finders without an id; dropping
/// it (on `destroy`) gives the place up.
#[derive(Debug)]
pub struct Registration(bool);

impl Drop for Registration {
    fn drop(&mut self) {
        if self.0 {
            UNNAMED.with(|n| n.set(n.get().saturating_sub(1)));
        }
    }
}

impl Routing {
    /// The routing of a finder with `config` whose host element has the id
    /// `scope` (empty: none).
    pub fn new(config: &Config, scope: Option<String>) -> Routing {
        Routing {
            scope: scope.filter(|s| !s.is_empty()),
            read: config.read_links,
            write: config.hash_routing,
        }
    }

    /// Counts a finder that is being mounted; keep the result while it is.
    pub fn register(&self) -> Registration {
        let counted = self.scope.is_none() && (self.read || self.write);
        if counted {
            let others = UNNAMED.with(|n| {
                n.set(n.get() + 1);
                n.get() - 1
            });
            if others > 0 {
                web_sys::console::warn_1(
                    &"zufi: several finders without an id on this page: they leave the address \
                      alone. Give each <zufi-finder> (or mount() element) an id, and each keeps \
                      its own state in the address (#zufi:<id>.q=…)."
                        .into(),
                );
            }
        }
        Registration(counted)
    }

    /// Whether the plain keys are this finder's alone (or it has its own).
    fn usable(&self) -> bool {
        self.scope.is_some() || UNNAMED.with(Cell::get) <= 1
    }

    /// Whether the finder opens links.
    pub fn reads(&self) -> bool {
        (self.read || self.write) && self.usable()
    }

    /// Whether the finder writes its state and follows Back/Forward.
    pub fn writes(&self) -> bool {
        self.write && self.usable()
    }

    /// This finder's route in `hash`, if it reads links and the hash is the
    /// widget's.
    pub fn route(&self, hash: &str) -> Option<Route> {
        self.reads()
            .then(|| Route::parse_scoped(hash, self.scope.as_deref()))
            .flatten()
    }
}
