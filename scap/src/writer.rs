//! Capture-file writer.
//!
//! [`CaptureWriter`] writes the blocks current libscap writes: a 28-byte section header (no
//! options, which 2022 readers reject), machine info, one version-9 process list, one
//! version-2 fd list per thread, the version-2 interface and user lists, then one event
//! block per event (`EV_V2`, or `EVF_V2` when the event has dump flags; the `_LARGE`
//! variants for large-payload event types). Events are written with their parameters as
//! they are: a copy keeps each event's recorded layout, so every reader that could read the
//! original reads the copy.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::block;
use crate::error::{Error, Result};
use crate::event::Event;
use crate::meta::{self, FdList, Interface, Metadata, ThreadInfo};
use crate::reader::MAX_EVENT_BLOCK;

/// Writes a capture file.
pub struct CaptureWriter<W: Write = Box<dyn Write + Send>> {
    out: W,
    path: PathBuf,
    body: Vec<u8>,
    events: u64,
}

impl std::fmt::Debug for CaptureWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaptureWriter")
            .field("path", &self.path)
            .field("events", &self.events)
            .finish()
    }
}

impl CaptureWriter<Box<dyn Write + Send>> {
    /// Create `path` (gzip-compressed when `compress`) and write the header and metadata.
    pub fn create(path: impl AsRef<Path>, meta: &Metadata, compress: bool) -> Result<Self> {
        let path = path.as_ref();
        let file = File::create(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let out: Box<dyn Write + Send> = if compress {
            Box::new(flate2::write::GzEncoder::new(
                BufWriter::with_capacity(1 << 16, file),
                flate2::Compression::default(),
            ))
        } else {
            Box::new(BufWriter::with_capacity(1 << 16, file))
        };
        CaptureWriter::new(out, path, meta)
    }
}

impl<W: Write> CaptureWriter<W> {
    /// Write the header and metadata of a capture to `out`; `name` is used in errors.
    pub fn new(out: W, name: impl AsRef<Path>, meta: &Metadata) -> Result<Self> {
        let mut w = CaptureWriter {
            out,
            path: name.as_ref().to_path_buf(),
            body: Vec::new(),
            events: 0,
        };
        w.write_metadata(meta)?;
        Ok(w)
    }

    fn io(&self, source: io::Error) -> Error {
        Error::Io {
            path: self.path.clone(),
            source,
        }
    }

    /// Write one block whose body is `self.body`.
    fn block(&mut self, ty: u32) -> Result<()> {
        let total = block::total_len(self.body.len());
        let pad = total - 12 - self.body.len();
        let mut head = [0u8; 8];
        head[..4].copy_from_slice(&ty.to_le_bytes());
        head[4..].copy_from_slice(&(total as u32).to_le_bytes());
        let res = (|| {
            self.out.write_all(&head)?;
            self.out.write_all(&self.body)?;
            self.out.write_all(&[0u8; 3][..pad])?;
            self.out.write_all(&(total as u32).to_le_bytes())
        })();
        res.map_err(|e| self.io(e))
    }

    fn write_metadata(&mut self, meta: &Metadata) -> Result<()> {
        self.body.clear();
        let mut o = meta::Out(&mut self.body);
        o.u32(block::SHB_MAGIC);
        o.u16(meta.section.major);
        o.u16(meta.section.minor);
        o.u64(meta.section.section_length);
        self.block(block::SHB)?;
        if let Some(mi) = &meta.machine {
            self.body.clear();
            mi.encode(&mut self.body);
            self.block(block::MI)?;
        }
        if !meta.threads.is_empty() {
            self.write_threads(&meta.threads)?;
        }
        for fl in &meta.fds {
            self.write_fds(fl)?;
        }
        if let Some(ifs) = &meta.interfaces {
            self.body.clear();
            Interface::encode_v2(ifs, &mut self.body);
            self.block(block::IL_V2)?;
        }
        if let Some(users) = &meta.users {
            self.body.clear();
            meta::encode_users(users, &meta.groups, &mut self.body);
            self.block(block::UL_V2)?;
        }
        Ok(())
    }

    /// Write a process list block with `threads`.
    pub fn write_threads(&mut self, threads: &[ThreadInfo]) -> Result<()> {
        self.body.clear();
        for t in threads {
            t.encode_v9(&mut self.body);
        }
        self.block(block::PL_V9)
    }

    /// Write an fd list block.
    pub fn write_fds(&mut self, fds: &FdList) -> Result<()> {
        self.body.clear();
        fds.encode_v2(&mut self.body);
        self.block(block::FDL_V2)
    }

    /// Write an event as recorded (an old-format event gains its `nparams` header field;
    /// its parameters are unchanged).
    pub fn write_event(&mut self, ev: &Event<'_>) -> Result<()> {
        self.body.clear();
        self.body.extend_from_slice(&ev.cpu.to_le_bytes());
        if ev.flags != 0 {
            self.body.extend_from_slice(&ev.flags.to_le_bytes());
        }
        ev.write_v2(&mut self.body);
        // A non-large block holds at most 64 KiB (libscap's limit, which the reader
        // enforces): a bigger event (an old-format one gains 4 bytes here) goes in a large
        // block, which every reader accepts for any event type.
        let large = ev.is_large() || block::total_len(self.body.len()) - 8 > MAX_EVENT_BLOCK;
        let ty = match (ev.flags != 0, large) {
            (false, false) => block::EV_V2,
            (false, true) => block::EV_V2_LARGE,
            (true, false) => block::EVF_V2,
            (true, true) => block::EVF_V2_LARGE,
        };
        self.events += 1;
        self.block(ty)
    }

    /// Write an event given as current-format bytes (26-byte header).
    pub fn write_raw(&mut self, cpu: u16, flags: u32, event: &[u8]) -> Result<()> {
        let ev = Event::decode(event).map_err(|e| Error::Corrupt {
            path: self.path.clone(),
            offset: 0,
            reason: format!("refusing to write a malformed event: {e}"),
        })?;
        let mut ev = ev;
        ev.cpu = cpu;
        ev.flags = flags;
        self.write_event(&ev)
    }

    /// Number of events written.
    pub fn events(&self) -> u64 {
        self.events
    }

    /// Flush buffered data to the underlying writer.
    pub fn flush(&mut self) -> Result<()> {
        self.out.flush().map_err(|e| self.io(e))
    }

    /// Flush and return the underlying writer.
    pub fn finish(mut self) -> Result<W> {
        self.flush()?;
        Ok(self.out)
    }
}
