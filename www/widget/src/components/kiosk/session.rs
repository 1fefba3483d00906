//! What the kiosk hands its parent to render one citizen's finder; in its
//! own file because both the shell and the finder's parent use it.

use std::rc::Rc;

use crate::options::Config;

/// One citizen's finder: the session it is keyed by, and the options with
/// the language on show.
#[derive(Debug, Clone, PartialEq)]
pub struct FinderSession {
    pub key: u32,
    pub config: Rc<Config>,
}
