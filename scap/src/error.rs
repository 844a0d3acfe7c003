//! The error type of this crate.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// Everything that can go wrong reading or writing events.
///
/// Errors about the content of a capture name the file and the byte offset (in the
/// decompressed stream) of the block that could not be read.
#[derive(Debug)]
pub enum Error {
    /// The operating system refused an operation on a file.
    Io {
        /// File name (or a description of the stream).
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// The stream ended in the middle of a block.
    Truncated {
        /// File name.
        path: PathBuf,
        /// Offset of the block that is cut short.
        offset: u64,
        /// Bytes the block needs.
        needed: u64,
        /// Bytes that were left.
        available: u64,
    },
    /// A block or an event is malformed.
    Corrupt {
        /// File name.
        path: PathBuf,
        /// Offset of the offending block.
        offset: u64,
        /// What is wrong.
        reason: String,
    },
    /// The file is not a capture file, or of a version this reader does not know.
    NotCapture {
        /// File name.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

impl Error {
    /// The byte offset the error refers to, if any.
    pub fn offset(&self) -> Option<u64> {
        match self {
            Error::Truncated { offset, .. } | Error::Corrupt { offset, .. } => Some(*offset),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {}", path.display(), source),
            Error::Truncated {
                path,
                offset,
                needed,
                available,
            } => write!(
                f,
                "{}: truncated at byte offset {}: block needs {} bytes, only {} left",
                path.display(),
                offset,
                needed,
                available
            ),
            Error::Corrupt {
                path,
                offset,
                reason,
            } => {
                write!(
                    f,
                    "{}: corrupt at byte offset {}: {}",
                    path.display(),
                    offset,
                    reason
                )
            }
            Error::NotCapture { path, reason } => {
                write!(f, "{}: not a capture file: {}", path.display(), reason)
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Result alias of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
