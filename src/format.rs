//! The binary index format. Being written.
