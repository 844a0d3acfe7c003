//! One interface over every source of events: kernel module, eBPF probe and capture file.
//!
//! Consumers (the state layer, the rule engine) pull events through [`EventSource`] and do
//! not care where they come from. For capture files there are two sources:
//!
//! * [`CaptureReader`] yields events as recorded, whatever their layout.
//! * [`FileSource`] yields the current-layout view: a [`CaptureReader`] followed by an
//!   [`Upgrader`], so that captures recorded by older drivers (enter/exit pairs, old event
//!   versions) look like those of current drivers. `evt.num` keeps the recorded numbering.

use std::borrow::Cow;
use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};
use crate::event::Event;
use crate::meta::Metadata;
use crate::reader::CaptureReader;
use crate::upgrade::{UpgradeError, Upgraded, Upgrader};

/// A stream of events.
pub trait EventSource {
    /// The next event, `None` when the source has ended. The event borrows the source and is
    /// valid until the next call.
    fn next_event(&mut self) -> Result<Option<Event<'_>>>;

    /// The state known when the source was opened (machine, processes, fds, users).
    fn metadata(&self) -> &Metadata;

    /// A short description for messages: the file name of a capture, the driver's name for
    /// live sources.
    fn name(&self) -> Cow<'_, str>;
}

impl<R: Read> EventSource for CaptureReader<R> {
    fn next_event(&mut self) -> Result<Option<Event<'_>>> {
        CaptureReader::next_event(self)
    }

    fn metadata(&self) -> &Metadata {
        CaptureReader::metadata(self)
    }

    fn name(&self) -> Cow<'_, str> {
        self.path().to_string_lossy()
    }
}

/// A capture file in the current event layout (or as recorded, see [`FileSource::recorded`]).
///
/// An event that cannot be converted ends the stream with an [`Error::Corrupt`] naming the
/// file, the event's offset and number, and what has no conversion.
///
/// ```no_run
/// use falco_scap::{EventSource, FileSource};
///
/// let mut src = FileSource::open("sysdig-0.29.scap.gz")?;
/// while let Some(ev) = src.next_event()? {
///     assert!(ev.info().unwrap().params.len() >= ev.nparams() as usize);
/// }
/// println!("{:?}", src.upgrader().stats());
/// # Ok::<(), falco_scap::Error>(())
/// ```
///
/// Events that need no conversion are copied into the upgrader's output buffer before being
/// returned (a copy, no allocation): handing out the reader's own buffer from a loop that
/// may have to read again (when an event is stored or dropped) is something the borrow
/// checker cannot yet prove sound without `unsafe`. Code that loops itself over a
/// [`CaptureReader`] and calls [`Upgrader::upgrade`] gets even those events without a copy.
pub struct FileSource<R = Box<dyn Read + Send>> {
    reader: CaptureReader<R>,
    upgrader: Upgrader,
    upgrade: bool,
}

impl<R: Read> std::fmt::Debug for FileSource<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileSource")
            .field("path", &self.reader.path())
            .field("last_num", &self.reader.last_num())
            .field("upgrade", &self.upgrade)
            .field("stats", &self.upgrader.stats())
            .finish()
    }
}

impl FileSource<Box<dyn Read + Send>> {
    /// Open a capture file (gzip-compressed or not) for its current-layout view.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        Ok(FileSource::new(CaptureReader::open(path)?))
    }
}

impl<R: Read> FileSource<R> {
    /// The current-layout view of `reader`.
    pub fn new(reader: CaptureReader<R>) -> Self {
        FileSource {
            reader,
            upgrader: Upgrader::new(),
            upgrade: true,
        }
    }

    /// The events of `reader` as recorded, without conversion (for tools that copy or
    /// inspect captures byte for byte).
    pub fn recorded(reader: CaptureReader<R>) -> Self {
        FileSource {
            upgrade: false,
            ..FileSource::new(reader)
        }
    }

    /// True when events are converted to the current layout.
    pub fn is_upgrading(&self) -> bool {
        self.upgrade
    }

    /// The underlying reader.
    pub fn reader(&self) -> &CaptureReader<R> {
        &self.reader
    }

    /// The upgrader (for its [`stats`](Upgrader::stats)).
    pub fn upgrader(&self) -> &Upgrader {
        &self.upgrader
    }

    /// The underlying reader, consuming the source.
    pub fn into_reader(self) -> CaptureReader<R> {
        self.reader
    }
}

impl UpgradeError {
    /// This error as an error of the capture file at `path` (what [`FileSource`] reports).
    pub fn in_file(self, path: &Path) -> Error {
        Error::Corrupt {
            path: path.to_path_buf(),
            offset: self.offset,
            reason: self.to_string(),
        }
    }
}

impl<R: Read> EventSource for FileSource<R> {
    fn next_event(&mut self) -> Result<Option<Event<'_>>> {
        if !self.upgrade {
            return self.reader.next_event();
        }
        loop {
            let Some(ev) = self.reader.next_event()? else {
                return Ok(None);
            };
            let verdict = match self.upgrader.process(&ev) {
                Ok(v) => v,
                Err(e) => return Err(e.in_file(self.reader.path())),
            };
            match verdict {
                Upgraded::Skip => continue,
                Upgraded::Unchanged => self.upgrader.copy_to_output(&ev),
                Upgraded::Converted => {}
            }
            break;
        }
        match self.upgrader.output() {
            Ok(ev) => Ok(Some(ev)),
            Err(e) => Err(e.in_file(self.reader.path())),
        }
    }

    fn metadata(&self) -> &Metadata {
        self.reader.metadata()
    }

    fn name(&self) -> Cow<'_, str> {
        self.reader.path().to_string_lossy()
    }
}
