//! Query engine. Being written.
use crate::{Ars, Authority, Service};

/// Search options.
#[derive(Debug, Clone, Default)]
pub struct SearchOptions {
    /// Citizen's region.
    pub region: Option<Ars>,
}

/// A ranked hit.
#[derive(Debug, Clone)]
pub struct Hit {
    /// The service.
    pub service: Service,
    /// Responsible authorities.
    pub responsible: Vec<Authority>,
}
