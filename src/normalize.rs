//! German text normalisation. Being written.
