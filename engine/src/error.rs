//! The crate's error type, for what is not a rules loading result (files that can't be
//! read, directories that can't be listed).

use std::fmt;
use std::path::PathBuf;

/// An error of the rule engine outside rules loading.
#[derive(Debug)]
pub enum Error {
    /// A rules file could not be read.
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A rules directory could not be listed.
    ListDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // Falco's message.
            Error::Read { path, .. } => {
                write!(f, "Could not open file {} for reading", path.display())
            }
            Error::ListDir { path, source } => {
                write!(f, "Could not list directory {}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Read { source, .. } | Error::ListDir { source, .. } => Some(source),
        }
    }
}
