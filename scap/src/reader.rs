//! Streaming capture-file reader.
//!
//! [`CaptureReader`] reads a `.scap` file (plain or gzip-compressed, detected from the
//! first bytes) block by block through a buffer that grows only as far as the largest
//! block actually present: memory does not depend on the file size, and a corrupt length
//! never makes the reader allocate more than the bytes the file really has. Events are
//! returned as [`Event`] views into that buffer, valid until the next call.
//!
//! Numbering follows libscap/sysdig: every event block whose type is known counts, from 1,
//! including events that consumers later hide or drop; events of unknown types are skipped
//! without a number.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use falco_schema::EVENT_MAX;

use crate::block::{self, EventBlock};
use crate::error::{Error, Result};
use crate::event::{le16, le32, Event};
use crate::meta::{self, FdList, Interface, MachineInfo, Metadata, SectionHeader, ThreadInfo};

/// Largest block accepted. Real captures have blocks of at most a few megabytes (a large
/// process list); this bound keeps a corrupt length from being trusted.
pub const MAX_BLOCK_LEN: usize = 256 << 20;
/// Largest non-"large" event block, as libscap enforces (`READER_BUF_SIZE`).
pub(crate) const MAX_EVENT_BLOCK: usize = 1 << 16;
const INITIAL_BUF: usize = 1 << 20;

/// Reads a capture file.
///
/// ```no_run
/// use falco_scap::CaptureReader;
///
/// let mut r = CaptureReader::open("trace.scap")?;
/// println!("{} threads at start", r.metadata().threads.len());
/// while let Some(ev) = r.next_event()? {
///     println!("{} {} {}", ev.num, ev.ts(), ev.ty());
/// }
/// # Ok::<(), falco_scap::Error>(())
/// ```
pub struct CaptureReader<R = Box<dyn Read + Send>> {
    src: R,
    path: PathBuf,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    /// Stream offset of `buf[0]`.
    base: u64,
    eof: bool,
    meta: Metadata,
    meta_gen: u64,
    seen_events: bool,
    evt_num: u64,
    compressed: bool,
    /// Set once `next_event` has returned an error: later calls return `Ok(None)`.
    failed: bool,
    /// Bytes of the file read so far and its size (files opened by path), for progress.
    file_progress: Option<(Arc<AtomicU64>, u64)>,
}

/// A reader counting the bytes it has read (before decompression).
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl std::fmt::Debug for CaptureReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaptureReader")
            .field("path", &self.path)
            .field("evt_num", &self.evt_num)
            .finish()
    }
}

impl CaptureReader<Box<dyn Read + Send>> {
    /// Open a capture file, gzip-compressed or not, and read its metadata blocks.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = File::open(path).map_err(io)?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        let count = Arc::new(AtomicU64::new(0));
        let counting = Counting {
            inner: file,
            count: count.clone(),
        };
        let mut file = BufReader::with_capacity(1 << 16, counting);
        let mut magic = [0u8; 2];
        let n = read_full(&mut file, &mut magic).map_err(io)?;
        let prefix = io::Cursor::new(magic[..n].to_vec());
        let chained = prefix.chain(file);
        let (src, compressed): (Box<dyn Read + Send>, bool) = if n == 2 && magic == [0x1f, 0x8b] {
            (Box::new(flate2::read::MultiGzDecoder::new(chained)), true)
        } else {
            (Box::new(chained), false)
        };
        let mut r = CaptureReader::with_name(src, path);
        r.compressed = compressed;
        r.file_progress = Some((count, size));
        r.read_header()?;
        Ok(r)
    }
}

fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

impl<R: Read> CaptureReader<R> {
    /// Read a capture from any byte stream (not decompressed); `name` is used in errors.
    pub fn from_reader(src: R, name: impl AsRef<Path>) -> Result<Self> {
        let mut r = CaptureReader::with_name(src, name.as_ref());
        r.read_header()?;
        Ok(r)
    }

    fn with_name(src: R, path: &Path) -> Self {
        CaptureReader {
            src,
            path: path.to_path_buf(),
            buf: Vec::new(),
            pos: 0,
            end: 0,
            base: 0,
            eof: false,
            meta: Metadata::default(),
            meta_gen: 0,
            seen_events: false,
            evt_num: 0,
            compressed: false,
            failed: false,
            file_progress: None,
        }
    }

    /// How far reading has got in the file: bytes read (compressed bytes for a gzip file)
    /// and the file's size. `None` for captures read from a stream.
    pub fn file_progress(&self) -> Option<(u64, u64)> {
        self.file_progress
            .as_ref()
            .map(|(n, size)| (n.load(Ordering::Relaxed), *size))
    }

    /// The file name given at open.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when the file was gzip-compressed.
    pub fn is_compressed(&self) -> bool {
        self.compressed
    }

    /// The metadata read so far (all of it before the first event, in every real capture).
    pub fn metadata(&self) -> &Metadata {
        &self.meta
    }

    /// Incremented whenever metadata blocks are read after events (concatenated captures).
    pub fn metadata_generation(&self) -> u64 {
        self.meta_gen
    }

    /// Number of the last event returned.
    pub fn last_num(&self) -> u64 {
        self.evt_num
    }

    /// Capacity of the read buffer (tests check that damaged lengths do not make it grow).
    #[doc(hidden)]
    pub fn buffer_capacity(&self) -> usize {
        self.buf.capacity()
    }

    /// Offset in the (decompressed) stream of the next block.
    pub fn offset(&self) -> u64 {
        self.base + self.pos as u64
    }

    fn corrupt(&self, offset: u64, reason: impl Into<String>) -> Error {
        Error::Corrupt {
            path: self.path.clone(),
            offset,
            reason: reason.into(),
        }
    }

    /// Make at least `need` bytes available at `pos`; returns the number available (less
    /// than `need` only at the end of the stream).
    fn fill(&mut self, need: usize) -> Result<usize> {
        while self.end - self.pos < need && !self.eof {
            if self.end == self.buf.len() {
                if self.pos > 0 {
                    self.buf.copy_within(self.pos..self.end, 0);
                    self.base += self.pos as u64;
                    self.end -= self.pos;
                    self.pos = 0;
                }
                if self.end == self.buf.len() {
                    // Grow only when the buffer is full of real data: memory follows the
                    // bytes the stream has, never an unchecked length.
                    let new_len = (self.buf.len() * 2).max(INITIAL_BUF);
                    self.buf.resize(new_len, 0);
                }
            }
            match self.src.read(&mut self.buf[self.end..]) {
                Ok(0) => self.eof = true,
                Ok(n) => self.end += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(source) => {
                    return Err(Error::Io {
                        path: self.path.clone(),
                        source,
                    })
                }
            }
        }
        Ok(self.end - self.pos)
    }

    /// Read the block header at `pos`: `None` at a clean end of stream.
    #[inline(always)]
    fn block_header(&mut self) -> Result<Option<(u32, usize)>> {
        // Fast path: the header and the whole block are already buffered and the length is
        // valid, so the checks below would all pass without reading.
        if let Some(rest) = self.buf.get(self.pos..self.end) {
            if let Some(hdr) = rest.first_chunk::<8>() {
                let ty = u32::from_le_bytes([hdr[0], hdr[1], hdr[2], hdr[3]]);
                let len = u32::from_le_bytes([hdr[4], hdr[5], hdr[6], hdr[7]]) as usize;
                if (12..=MAX_BLOCK_LEN).contains(&len) && len <= rest.len() {
                    return Ok(Some((ty, len)));
                }
            }
        }
        self.block_header_slow()
    }

    /// [`Self::block_header`] when the block is not entirely buffered (or is invalid).
    #[cold]
    #[inline(never)]
    fn block_header_slow(&mut self) -> Result<Option<(u32, usize)>> {
        let avail = self.fill(8)?;
        if avail == 0 {
            return Ok(None);
        }
        let offset = self.offset();
        if avail < 8 {
            return Err(Error::Truncated {
                path: self.path.clone(),
                offset,
                needed: 8,
                available: avail as u64,
            });
        }
        let ty = le32(&self.buf, self.pos);
        let len = le32(&self.buf, self.pos + 4) as usize;
        if len < 12 {
            return Err(self.corrupt(
                offset,
                format!("block length {len} is shorter than 12 bytes"),
            ));
        }
        if len > MAX_BLOCK_LEN {
            return Err(self.corrupt(
                offset,
                format!("block length {len} exceeds {MAX_BLOCK_LEN}"),
            ));
        }
        let avail = self.fill(len)?;
        if avail < len {
            return Err(Error::Truncated {
                path: self.path.clone(),
                offset,
                needed: len as u64,
                available: avail as u64,
            });
        }
        Ok(Some((ty, len)))
    }

    fn read_header(&mut self) -> Result<()> {
        let offset = self.offset();
        let not_capture = |this: &Self, reason: String| Error::NotCapture {
            path: this.path.clone(),
            reason,
        };
        let avail = self.fill(8)?;
        if avail < 8 {
            return Err(not_capture(
                self,
                format!("file ends at byte offset {avail}, inside the section header"),
            ));
        }
        let ty = le32(&self.buf, self.pos);
        if ty != block::SHB {
            return Err(not_capture(
                self,
                format!("block type {ty:#x} at byte offset {offset} is not a section header"),
            ));
        }
        let (_, len) = self.block_header()?.expect("8 bytes are available");
        let body = &self.buf[self.pos + 8..self.pos + len - 4];
        if body.len() < 16 {
            return Err(self.corrupt(offset, "section header is shorter than 16 bytes"));
        }
        let magic = le32(body, 0);
        if magic != block::SHB_MAGIC {
            return Err(not_capture(
                self,
                format!(
                    "byte-order magic {magic:#x} at byte offset {} is not 0x1a2b3c4d",
                    offset + 8
                ),
            ));
        }
        let major = le16(body, 4);
        if major > block::SHB_MAJOR {
            return Err(not_capture(
                self,
                format!(
                    "format version {major} at byte offset {} is newer than 1",
                    offset + 12
                ),
            ));
        }
        self.meta.section = SectionHeader {
            major,
            minor: le16(body, 6),
            section_length: u64::from_le_bytes(body[8..16].try_into().unwrap()),
        };
        self.check_trailer(len)?;
        self.pos += len;
        // Metadata blocks up to the first event block.
        while let Some((ty, len)) = self.peek_block()? {
            if EventBlock::of(ty).is_some() {
                break;
            }
            self.metadata_block(ty, len)?;
            self.pos += len;
        }
        Ok(())
    }

    fn peek_block(&mut self) -> Result<Option<(u32, usize)>> {
        self.block_header()
    }

    #[inline(always)]
    fn check_trailer(&self, len: usize) -> Result<()> {
        let trailer = le32(&self.buf, self.pos + len - 4) as usize;
        if trailer != len {
            return Err(self.bad_trailer(trailer, len));
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn bad_trailer(&self, trailer: usize, len: usize) -> Error {
        self.corrupt(
            self.offset(),
            format!("block trailer {trailer} does not repeat the block length {len}"),
        )
    }

    /// Decode a metadata block at `pos` (not an event block).
    fn metadata_block(&mut self, ty: u32, len: usize) -> Result<()> {
        let offset = self.offset();
        self.check_trailer(len)?;
        let body = &self.buf[self.pos + 8..self.pos + len - 4];
        let res: meta::Parse<()> = (|| {
            match ty {
                block::MI | block::MI_INT => {
                    if body.len() < meta::MACHINE_INFO_LEN {
                        return Err(format!(
                            "machine info has {} bytes, needs {}",
                            body.len(),
                            meta::MACHINE_INFO_LEN
                        ));
                    }
                    self.meta.machine = Some(MachineInfo::decode(body)?);
                }
                block::FDL_V1 | block::FDL_V1_INT | block::FDL_V2 => {
                    self.meta
                        .fds
                        .push(FdList::decode(body, ty == block::FDL_V2)?);
                }
                block::IL_V1 | block::IL_V1_INT | block::IL_V2 => {
                    self.meta.interfaces = Some(Interface::decode_list(body, ty == block::IL_V2)?);
                }
                block::UL_V1 | block::UL_V1_INT | block::UL_V2 => {
                    let users = self.meta.users.get_or_insert_with(Vec::new);
                    meta::decode_users(body, ty == block::UL_V2, users, &mut self.meta.groups)?;
                }
                _ => {
                    if let Some(v) = meta::pl_version(ty) {
                        ThreadInfo::decode_list(body, v, &mut self.meta.threads)?;
                    }
                    // Unknown block types are skipped, as libscap does.
                }
            }
            Ok(())
        })();
        res.map_err(|reason| self.corrupt(offset, format!("block {ty:#x}: {reason}")))
    }

    /// The next event as recorded, `None` at the end of the capture.
    ///
    /// A damaged capture yields every event before the damage, then one error naming the
    /// byte offset of the damaged block; every later call returns `Ok(None)`, so a caller
    /// that reports errors and carries on still terminates.
    #[inline(always)]
    pub fn next_event(&mut self) -> Result<Option<Event<'_>>> {
        if self.failed {
            return Ok(None);
        }
        let (len, kind) = match self.next_event_block() {
            Ok(Some(found)) => found,
            Ok(None) => return Ok(None),
            Err(e) => {
                self.failed = true;
                return Err(e);
            }
        };
        let offset = self.offset();
        let start = self.pos;
        self.pos += len;
        self.evt_num += 1;
        let body = &self.buf[start + 8..start + len - 4];
        let cpu = le16(body, 0);
        let flags = match kind {
            EventBlock::V1Flags | EventBlock::V2Flags => le32(body, 2),
            _ => 0,
        };
        let evt_bytes = &body[kind.prefix()..];
        let decoded = match kind {
            EventBlock::V1 | EventBlock::V1Flags => Event::decode_v1(evt_bytes),
            _ => match Event::layout(evt_bytes) {
                // Current-format events (nearly all) are built straight into the return
                // value; `Event::decode` would build one to be copied.
                Ok(l) => {
                    let num = self.evt_num;
                    return Ok(Some(Event::from_layout(
                        evt_bytes, l, num, cpu, flags, offset,
                    )));
                }
                Err(e) => Err(e),
            },
        };
        match decoded {
            Ok(mut ev) => {
                ev.num = self.evt_num;
                ev.cpu = cpu;
                ev.flags = flags;
                ev.offset = offset;
                Ok(Some(ev))
            }
            Err(e) => {
                // Stop here: the block length cannot be trusted to resynchronise, so later
                // calls return `Ok(None)` rather than guess (or repeat the error).
                self.pos = start;
                self.evt_num -= 1;
                self.failed = true;
                Err(Error::Corrupt {
                    path: self.path.clone(),
                    offset,
                    reason: format!("event {}: {e}", self.evt_num + 1),
                })
            }
        }
    }

    /// Advance to the next event block of a known event type, reading the metadata blocks
    /// on the way; returns its length and kind, the block at `pos`.
    fn next_event_block(&mut self) -> Result<Option<(usize, EventBlock)>> {
        loop {
            let Some((ty, len)) = self.block_header()? else {
                return Ok(None);
            };
            let Some(kind) = EventBlock::of(ty) else {
                self.metadata_block(ty, len)?;
                if self.seen_events {
                    self.meta_gen += 1;
                }
                self.pos += len;
                continue;
            };
            let offset = self.offset();
            let large = matches!(ty, block::EV_V2_LARGE | block::EVF_V2_LARGE);
            if !large && len - 8 > MAX_EVENT_BLOCK {
                return Err(self.corrupt(
                    offset,
                    format!("event block length {len} exceeds the {MAX_EVENT_BLOCK}-byte limit of non-large blocks"),
                ));
            }
            let prefix = kind.prefix();
            let hdr = if matches!(kind, EventBlock::V1 | EventBlock::V1Flags) {
                22
            } else {
                26
            };
            if len < 8 + prefix + hdr + 4 {
                return Err(self.corrupt(
                    offset,
                    format!("event block length {len} is too short for an event"),
                ));
            }
            // A length that does not match the trailer is damaged: trusting it would read
            // the following blocks from the wrong place.
            self.check_trailer(len)?;
            let evt_ty = le16(&self.buf, self.pos + 8 + prefix + 20);
            if evt_ty as usize >= EVENT_MAX {
                // Event types newer than this table are skipped (libscap does too).
                self.pos += len;
                continue;
            }
            self.seen_events = true;
            return Ok(Some((len, kind)));
        }
    }
}
