//! The one error type of the core library.

/// Everything that can go wrong in zufi's core.
///
/// User errors (a bad catalog, a bad query argument) are kept apart from
/// damaged input (an index that is truncated, corrupt, foreign or too new).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A catalog file is not well-formed JSON, XML or CSV.
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        /// The file concerned.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A catalog source on the web could not be fetched or is not what it
    /// should be (an XZuFi export index or message).
    #[error("{url}: {message}")]
    Fetch {
        /// The address concerned.
        url: String,
        /// What went wrong, in editors' words.
        message: String,
    },
    /// A catalog record is well-formed but has an unusable field.
    #[error("{file}: {record}, field `{field}`: {message}")]
    Record {
        /// The file concerned.
        file: String,
        /// The record, e.g. `service "120703"`.
        record: String,
        /// The field, e.g. `leika[0]`.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// The bytes do not start with zufi's magic number.
    #[error("not a zufi index: the file does not start with the zufi magic number")]
    NotAnIndex,
    /// The index was written in a format version this build cannot read.
    #[error("unsupported index format version {got}: this build of zufi reads version {expected}; rebuild the index with a matching `zufi build`")]
    Version {
        /// The version this build reads.
        expected: u16,
        /// The version found in the file.
        got: u16,
    },
    /// The index ends before its declared length.
    #[error("the index is truncated: expected {expected} bytes, got {got}")]
    Truncated {
        /// Bytes the header declares.
        expected: u64,
        /// Bytes present.
        got: u64,
    },
    /// The payload does not match its checksum.
    #[error(
        "the index is corrupt: checksum {actual:08x} does not match the recorded {expected:08x}"
    )]
    Checksum {
        /// Checksum recorded in the header.
        expected: u32,
        /// Checksum of the bytes present.
        actual: u32,
    },
    /// The index passed its checksum but its contents are inconsistent.
    #[error("the index is corrupt: {0}")]
    Corrupt(String),
    /// An argument such as an ARS or postcode is malformed.
    #[error("{0}")]
    InvalidArgument(String),
}

/// Result type of the core library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    #[cfg(feature = "import")]
    pub(crate) fn io(path: impl std::fmt::Display, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_string(),
            source,
        }
    }
}
