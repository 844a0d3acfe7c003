//! Capture of Falco events: the `.scap` capture file format, and one interface over every
//! source of events.
//!
//! * [`CaptureReader`] streams a capture file (plain or gzip) and yields each event as an
//!   [`Event`], a borrowed view over the read buffer (no allocation per event). Metadata
//!   blocks (machine, threads, fds, interfaces, users) are decoded into [`Metadata`].
//! * [`CaptureWriter`] writes captures that sysdig 0.29 and current Falco/libs read.
//! * `Upgrader` (see [`upgrade`]) turns events recorded with older layouts (enter/exit pairs of drivers
//!   before libs 0.22) into the current layout, so state and rules see one layout per event
//!   type. [`FileSource`] combines it with the reader and keeps `evt.num` unchanged.
//!
//! ```no_run
//! use falco_scap::{CaptureReader, CaptureWriter};
//!
//! let mut r = CaptureReader::open("in.scap.gz")?;
//! let mut w = CaptureWriter::create("out.scap", r.metadata(), false)?;
//! while let Some(ev) = r.next_event()? {
//!     w.write_event(&ev)?;
//! }
//! w.finish()?;
//! # Ok::<(), falco_scap::Error>(())
//! ```
//!
//! The event layout is defined once, in `falco-schema`.

#![deny(missing_docs)]

pub mod block;
pub mod bpf;
mod error;
mod event;
pub mod host;
mod host_sys;
pub mod kmod;
pub mod meta;
mod pacing;
mod reader;
mod source;
pub mod upgrade;
mod writer;

pub use crate::error::{Error, Result};
pub use crate::event::{DecodeError, Event, EventBuilder, Params};
pub use crate::meta::Metadata;
pub use crate::reader::CaptureReader;
pub use crate::source::{EventSource, FileSource};
pub use crate::upgrade::{UpgradeError, UpgradeStats, Upgraded, Upgrader};
pub use crate::writer::CaptureWriter;
