//! Damaged captures: the reader never panics, never loops, never allocates what a damaged
//! length claims, yields every event before the damage unchanged, then at most one error
//! that names the file and the byte offset of the damaged block (the offset in the
//! decompressed stream, within the data read).
//!
//! * Truncation at hundreds of offsets (spread over the file, every offset of the first
//!   2 KiB, every offset around the first event block, the last bytes): the expected
//!   outcome is derived from the block layout of the intact file: the events of the whole
//!   blocks before the cut, then a clean end when the cut falls on a block boundary, else
//!   exactly one `Truncated` error at the cut block's offset.
//! * Hand-made corruptions of block lengths, trailers, event headers, parameter lengths,
//!   metadata entries, the section header (magic, version): each gives a known error at a
//!   known offset after a known prefix of events.
//! * Random byte flips with a fixed seed: the properties above, and the fuzz target's
//!   property (what was read writes back and reads back the same).
//! * The minimized inputs of past fuzzer crashes (`tests/fuzz-regressions/`) replayed
//!   through the fuzz target's property.
//!
//! Allocation is checked with a counting global allocator (largest single request made by
//! the test's thread) and the reader's buffer capacity.
//!
//! The shared captures are found at `$FALCO_CAPTURES`, else `<workspace>/../shared/captures`;
//! tests that need them print one SKIP line and pass when they are absent.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::BTreeSet;
use std::io::{Read, Write as _};
use std::path::{Path, PathBuf};

use falco_scap::{CaptureReader, Error, Event};

#[path = "../../fuzz/src/check.rs"]
mod fuzz_check;

// ---------------------------------------------------------------------------------------
// Allocation tracking: the largest single allocation made by the current thread.

struct Tracking;

thread_local! {
    static LARGEST: Cell<usize> = const { Cell::new(0) };
}

fn note_alloc(size: usize) {
    let _ = LARGEST.try_with(|m| {
        if size > m.get() {
            m.set(size);
        }
    });
}

// SAFETY: every call is forwarded to the system allocator unchanged.
unsafe impl GlobalAlloc for Tracking {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_alloc(layout.size());
        // SAFETY: same contract as this function.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note_alloc(layout.size());
        // SAFETY: same contract as this function.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as this function.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_alloc(new_size);
        // SAFETY: same contract as this function.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Tracking = Tracking;

/// Run `f` and return its result with the largest allocation it made on this thread.
fn largest_alloc<T>(f: impl FnOnce() -> T) -> (T, usize) {
    LARGEST.with(|m| m.set(0));
    let out = f();
    (out, LARGEST.with(Cell::get))
}

/// The most a read of `len` bytes may allocate at once: the reader's 1 MiB starting buffer,
/// doubled while the data fills it; decoded metadata is a small multiple of its bytes.
fn alloc_bound(len: usize) -> usize {
    (2 << 20).max(16 * len)
}

// ---------------------------------------------------------------------------------------
// Captures and their intact layout.

fn note(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

fn captures_dir() -> PathBuf {
    match std::env::var_os("FALCO_CAPTURES") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/captures"),
    }
}

/// The shared captures (`.scap` and `.scap.gz` files), or one printed SKIP line and `None`.
fn capture_files(test: &str) -> Option<Vec<PathBuf>> {
    let dir = captures_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().contains(".scap"))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    if files.is_empty() {
        note(&format!(
            "SKIP {test}: no shared captures in {} (set FALCO_CAPTURES)",
            dir.display()
        ));
        return None;
    }
    Some(files)
}

/// An event as the intact read gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Owned {
    num: u64,
    offset: u64,
    cpu: u16,
    flags: u32,
    ts: u64,
    tid: u64,
    ty: u16,
    large: bool,
    v1: bool,
    params: Vec<Vec<u8>>,
}

fn owned(ev: &Event<'_>) -> Owned {
    Owned {
        num: ev.num,
        offset: ev.offset,
        cpu: ev.cpu,
        flags: ev.flags,
        ts: ev.ts(),
        tid: ev.tid(),
        ty: ev.ty(),
        large: ev.is_large(),
        v1: ev.is_v1(),
        params: ev.params().map(<[u8]>::to_vec).collect(),
    }
}

/// True when `ev` is `want`, compared without copying.
fn same(ev: &Event<'_>, want: &Owned) -> bool {
    (
        ev.num,
        ev.offset,
        ev.cpu,
        ev.flags,
        ev.ts(),
        ev.tid(),
        ev.ty(),
    ) == (
        want.num,
        want.offset,
        want.cpu,
        want.flags,
        want.ts,
        want.tid,
        want.ty,
    ) && ev.nparams() as usize == want.params.len()
        && ev.params().eq(want.params.iter().map(|p| &p[..]))
}

#[derive(Clone, Copy, Debug)]
struct Block {
    off: usize,
    len: usize,
    ty: u32,
}

/// A capture, decompressed, with its block layout and its events as read intact.
struct Capture {
    /// The file's path: errors must name it.
    name: String,
    data: Vec<u8>,
    blocks: Vec<Block>,
    events: Vec<Owned>,
}

const EVENT_BLOCKS: [u32; 7] = [0x204, 0x8010_ABCD, 0x208, 0x216, 0x217, 0x221, 0x222];

impl Capture {
    /// The capture at `path`, or `None` when it has more than `limit` bytes decompressed.
    fn load(path: &Path, limit: usize) -> Option<Capture> {
        let name = path.display().to_string();
        let raw = std::fs::read(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let data = if raw.starts_with(&[0x1f, 0x8b]) {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&raw[..])
                .take((limit as u64).saturating_add(1))
                .read_to_end(&mut out)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            out
        } else {
            raw
        };
        if data.len() > limit {
            return None;
        }
        let mut blocks = Vec::new();
        let mut off = 0;
        while off < data.len() {
            let ty = u32::from_le_bytes(data[off..off + 4].try_into().unwrap());
            let len = u32::from_le_bytes(data[off + 4..off + 8].try_into().unwrap()) as usize;
            assert!(
                len >= 12 && off + len <= data.len(),
                "{name}: block at {off}"
            );
            blocks.push(Block { off, len, ty });
            off += len;
        }
        let mut r = CaptureReader::from_reader(&data[..], &name).unwrap();
        let mut events = Vec::new();
        while let Some(ev) = r.next_event().unwrap() {
            events.push(owned(&ev));
        }
        Some(Capture {
            name,
            data,
            blocks,
            events,
        })
    }

    /// Index of the block that contains byte `pos`.
    fn block_of(&self, pos: usize) -> usize {
        self.blocks.partition_point(|b| b.off <= pos) - 1
    }

    /// The events of the blocks before block `k`.
    fn events_before(&self, k: usize) -> &[Owned] {
        let off = self.blocks.get(k).map_or(u64::MAX, |b| b.off as u64);
        let n = self.events.partition_point(|e| e.offset < off);
        &self.events[..n]
    }

    fn event_blocks(&self) -> Vec<usize> {
        (0..self.blocks.len())
            .filter(|&k| EVENT_BLOCKS.contains(&self.blocks[k].ty))
            .collect()
    }

    fn short_name(&self) -> &str {
        self.name.rsplit('/').next().unwrap()
    }
}

/// The captures small enough to be read hundreds of times: at most 2 MiB decompressed.
fn small_captures(test: &str) -> Option<Vec<Capture>> {
    let files = capture_files(test)?;
    let caps: Vec<Capture> = files
        .iter()
        .filter_map(|p| Capture::load(p, SMALL))
        .collect();
    if caps.is_empty() {
        note(&format!("SKIP {test}: no capture of at most {SMALL} bytes"));
        return None;
    }
    Some(caps)
}

const SMALL: usize = 2 << 20;

// ---------------------------------------------------------------------------------------
// Reading damaged data.

/// What a read of damaged data gave.
struct Outcome {
    /// Whether `from_reader` succeeded.
    opened: bool,
    /// The events yielded, checked against the intact ones as they come: the number of
    /// leading events equal to `expected`'s.
    matching_prefix: usize,
    events: usize,
    /// The one error, if any.
    error: Option<Error>,
}

/// Read `data` to the end, comparing the events with `expected` as they come. Asserts the
/// properties every read must have: bounded events, at most one error, nothing after it,
/// no allocation beyond `alloc_bound`.
fn read_damaged(data: &[u8], name: &str, expected: &[Owned]) -> Outcome {
    let (out, largest) = largest_alloc(|| {
        let mut r = match CaptureReader::from_reader(data, name) {
            Ok(r) => r,
            Err(e) => {
                return Outcome {
                    opened: false,
                    matching_prefix: 0,
                    events: 0,
                    error: Some(e),
                }
            }
        };
        let mut out = Outcome {
            opened: true,
            matching_prefix: 0,
            events: 0,
            error: None,
        };
        let bound = data.len() / 12 + 1;
        loop {
            match r.next_event() {
                Ok(Some(ev)) => {
                    if out.matching_prefix == out.events
                        && expected.get(out.events).is_some_and(|w| same(&ev, w))
                    {
                        out.matching_prefix += 1;
                    }
                    out.events += 1;
                    assert!(out.events <= bound, "{name}: more events than blocks");
                }
                Ok(None) => break,
                Err(e) => {
                    out.error = Some(e);
                    break;
                }
            }
        }
        // The end is final: a caller that carries on after an error stops too.
        for _ in 0..3 {
            assert!(
                matches!(r.next_event(), Ok(None)),
                "{name}: the reader goes on after its end or its error"
            );
        }
        assert!(
            r.buffer_capacity() <= (1 << 20).max(2 * data.len()),
            "{name}: read buffer of {} bytes for {} bytes of data",
            r.buffer_capacity(),
            data.len()
        );
        out
    });
    assert!(
        largest <= alloc_bound(data.len()),
        "{name}: an allocation of {largest} bytes for {} bytes of data",
        data.len()
    );
    out
}

/// Assert the error's message names the file and, for damaged blocks, `offset`.
fn assert_message(e: &Error, name: &str, offset: Option<u64>) {
    let msg = e.to_string();
    assert!(msg.contains(name), "error does not name {name}: {msg}");
    assert!(msg.contains("byte offset"), "error names no offset: {msg}");
    if let Some(off) = offset {
        assert!(
            msg.contains(&format!("byte offset {off}")),
            "error does not name offset {off}: {msg}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// (a) Truncation.

fn check_cut(cap: &Capture, cut: usize) {
    let data = &cap.data[..cut];
    let name = &cap.name;
    let ctx = format!("{} cut at {cut}", cap.short_name());
    // What the intact layout says.
    let k = cap.block_of(cut.min(cap.data.len() - 1));
    let boundary = cut == cap.data.len() || cap.blocks[k].off == cut;
    let (expected, damaged) = if boundary {
        let k = if cut == cap.data.len() {
            cap.blocks.len()
        } else {
            k
        };
        (cap.events_before(k), None)
    } else {
        (cap.events_before(k), Some(cap.blocks[k]))
    };
    let out = read_damaged(data, name, expected);
    assert_eq!(
        (out.matching_prefix, out.events),
        (expected.len(), expected.len()),
        "{ctx}: (events equal to the intact read, events)"
    );
    match (&out.error, damaged) {
        (None, None) if cut >= 8 => {}
        (Some(e @ Error::NotCapture { .. }), _) if cut < 8 => {
            assert!(!out.opened);
            assert_message(e, name, None);
        }
        (
            Some(
                e @ Error::Truncated {
                    offset,
                    needed,
                    available,
                    ..
                },
            ),
            Some(b),
        ) => {
            let have = cut - b.off;
            let need = if have < 8 { 8 } else { b.len };
            assert_eq!(
                (*offset, *needed, *available),
                (b.off as u64, need as u64, have as u64),
                "{ctx}: (offset, needed, available)"
            );
            assert_message(e, name, Some(*offset));
        }
        (e, b) => panic!("{ctx}: got {e:?}, expected a cut in {b:?}"),
    }
}

#[test]
fn truncation_yields_the_intact_prefix_then_one_error() {
    let Some(caps) = small_captures("truncation_yields_the_intact_prefix_then_one_error") else {
        return;
    };
    for cap in &caps {
        let len = cap.data.len();
        let mut cuts = BTreeSet::new();
        cuts.extend(0..=len.min(2048));
        cuts.extend((0..=300).map(|i| i * len / 300));
        if let Some(&k) = cap.event_blocks().first() {
            let e = cap.blocks[k].off;
            cuts.extend(e.saturating_sub(1024)..=(e + 1024).min(len));
        }
        cuts.extend(len.saturating_sub(64)..=len);
        for &cut in &cuts {
            check_cut(cap, cut);
        }
        note(&format!(
            "truncated {} ({len} bytes, {} events) at {} offsets",
            cap.short_name(),
            cap.events.len(),
            cuts.len()
        ));
    }
}

/// A gzip file cut short: no panic, the events before the cut, one error naming the file.
#[test]
fn truncated_gzip_files() {
    let Some(files) = capture_files("truncated_gzip_files") else {
        return;
    };
    let mut done = 0;
    for path in files {
        let raw = std::fs::read(&path).unwrap();
        if !raw.starts_with(&[0x1f, 0x8b]) || raw.len() > 1 << 20 {
            continue;
        }
        let cap = Capture::load(&path, usize::MAX).unwrap();
        let tmp = std::env::temp_dir().join(format!(
            "falco-scap-damage-{}-{}",
            std::process::id(),
            cap.short_name()
        ));
        let tmp_name = tmp.display().to_string();
        let mut kinds = (0, 0);
        for i in 1..20 {
            let cut = i * raw.len() / 20;
            std::fs::write(&tmp, &raw[..cut]).unwrap();
            let mut r = match CaptureReader::open(&tmp) {
                Ok(r) => r,
                Err(e) => {
                    assert!(e.to_string().contains(&tmp_name), "{e}");
                    continue;
                }
            };
            let mut n = 0;
            let err = loop {
                match r.next_event() {
                    Ok(Some(ev)) => {
                        assert!(same(&ev, &cap.events[n]), "{tmp_name}: event {}", ev.num);
                        n += 1;
                    }
                    Ok(None) => break None,
                    Err(e) => break Some(e),
                }
            };
            assert!(matches!(r.next_event(), Ok(None)));
            let e = err.unwrap_or_else(|| panic!("{tmp_name} cut at {cut}: no error"));
            assert!(n < cap.events.len());
            let msg = e.to_string();
            assert!(msg.contains(&tmp_name), "{msg}");
            match e {
                Error::Io { .. } => kinds.0 += 1,
                Error::Truncated { .. } => kinds.1 += 1,
                _ => panic!("{tmp_name} cut at {cut}: {msg}"),
            }
        }
        note(&format!(
            "{} cut at 19 offsets: {} I/O errors (gzip), {} truncated blocks",
            cap.short_name(),
            kinds.0,
            kinds.1
        ));
        let _ = std::fs::remove_file(&tmp);
        done += 1;
    }
    if done == 0 {
        note("SKIP truncated_gzip_files: no gzip capture of at most 1 MiB");
    }
}

// ---------------------------------------------------------------------------------------
// (b) Hand-made corruptions.

fn put32(d: &mut [u8], off: usize, v: u32) {
    d[off..off + 4].copy_from_slice(&v.to_le_bytes());
}

fn put16(d: &mut [u8], off: usize, v: u16) {
    d[off..off + 2].copy_from_slice(&v.to_le_bytes());
}

/// Damage `cap` with `f` and expect: the events of the blocks before block `k`, then one
/// error for block `k` of the given kind whose message contains `reason`.
fn expect_error(
    cap: &Capture,
    what: &str,
    k: usize,
    kind: fn(&Error) -> bool,
    reason: &str,
    f: impl FnOnce(&mut Vec<u8>),
) {
    let mut data = cap.data.clone();
    f(&mut data);
    let ctx = format!("{}: {what} (block {k})", cap.short_name());
    let expected = cap.events_before(k);
    let out = read_damaged(&data, &cap.name, expected);
    assert_eq!(
        (out.matching_prefix, out.events),
        (expected.len(), expected.len()),
        "{ctx}: (events equal to the intact read, events)"
    );
    let e = out
        .error
        .unwrap_or_else(|| panic!("{ctx}: no error (expected {reason:?})"));
    assert!(kind(&e), "{ctx}: {e}");
    let msg = e.to_string();
    assert!(msg.contains(reason), "{ctx}: {msg} (expected {reason:?})");
    match e {
        Error::NotCapture { .. } => assert_message(&e, &cap.name, None),
        _ => assert_message(&e, &cap.name, Some(cap.blocks[k].off as u64)),
    }
}

/// The reader's largest accepted block length (`MAX_BLOCK_LEN`, 256 MiB).
const MAX_BLOCK_LEN: u32 = 256 << 20;

/// What a block length of `l` at block `k` of the intact `cap` must give, by the order of
/// the reader's checks: the length's range, the bytes there are, the 64 KiB limit of
/// non-large event blocks, room for an event header, the trailer.
fn length_outcome(cap: &Capture, k: usize, l: u32) -> (fn(&Error) -> bool, &'static str) {
    let b = cap.blocks[k];
    let l = l as usize;
    if l < 12 {
        return (corrupt, "shorter than 12");
    }
    if l > MAX_BLOCK_LEN as usize {
        return (corrupt, "exceeds");
    }
    if b.off + l > cap.data.len() {
        return (truncated, "truncated");
    }
    if EVENT_BLOCKS.contains(&b.ty) {
        if !matches!(b.ty, 0x221 | 0x222) && l - 8 > 1 << 16 {
            return (corrupt, "limit");
        }
        if l < 8 + prefix(b.ty) + 26 {
            return (corrupt, "too short");
        }
    }
    let trailer = u32::from_le_bytes(cap.data[b.off + l - 4..b.off + l].try_into().unwrap());
    assert_ne!(
        trailer as usize, l,
        "a length the trailer check cannot catch"
    );
    (corrupt, "trailer")
}

/// Bytes before the event header in an event block: cpu, and flags in EVF blocks.
fn prefix(ty: u32) -> usize {
    if matches!(ty, 0x208 | 0x217 | 0x222) {
        6
    } else {
        2
    }
}

fn corrupt(e: &Error) -> bool {
    matches!(e, Error::Corrupt { .. })
}

fn truncated(e: &Error) -> bool {
    matches!(e, Error::Truncated { .. })
}

fn not_capture(e: &Error) -> bool {
    matches!(e, Error::NotCapture { .. })
}

#[test]
fn damaged_event_blocks_give_one_error_at_their_offset() {
    let Some(caps) = small_captures("damaged_event_blocks_give_one_error_at_their_offset") else {
        return;
    };
    for cap in &caps {
        let evs = cap.event_blocks();
        if evs.is_empty() {
            continue;
        }
        let mut picks = vec![evs[0], evs[evs.len() / 2], evs[evs.len() - 1]];
        picks.dedup();
        for &k in &picks {
            let b = cap.blocks[k];
            let o = b.off;
            let lengths = [
                0,
                1,
                u32::MAX - 3,
                // The largest length accepted, on a file far shorter: cut short, and nothing
                // of its size allocated (checked by `read_damaged`).
                MAX_BLOCK_LEN,
                (1 << 16) + 16,
                b.len as u32 + 4,
                b.len as u32 - 4,
                b.len as u32 + 8 * 1024,
            ];
            for l in lengths {
                let (kind, reason) = length_outcome(cap, k, l);
                let what = format!("block length {l}");
                expect_error(cap, &what, k, kind, reason, |d| put32(d, o + 4, l));
            }
            expect_error(cap, "trailer", k, corrupt, "trailer", |d| {
                put32(d, o + b.len - 4, b.len as u32 + 4)
            });
            let h = o + 8 + prefix(b.ty);
            let v1 = matches!(b.ty, 0x204 | 0x8010_ABCD | 0x208);
            expect_error(
                cap,
                "event length 2^32-1",
                k,
                corrupt,
                "does not fit",
                |d| put32(d, h + 16, u32::MAX),
            );
            expect_error(cap, "event length 10", k, corrupt, "does not fit", |d| {
                put32(d, h + 16, 10)
            });
            let ev = cap.events_before(k + 1).last().unwrap();
            assert_eq!(ev.offset, o as u64);
            if !v1 {
                expect_error(cap, "nparams 2^32-1", k, corrupt, "do not fit", |d| {
                    put32(d, h + 22, u32::MAX)
                });
            }
            if !ev.params.is_empty() {
                let lens = h + if v1 { 22 } else { 26 };
                let reason = if v1 {
                    "cannot infer"
                } else {
                    "parameter 0 of length"
                };
                expect_error(cap, "parameter 0 overflows", k, corrupt, reason, |d| {
                    if ev.large {
                        put32(d, lens, u32::MAX)
                    } else {
                        put16(d, lens, u16::MAX)
                    }
                });
            }
        }
    }
}

/// An event block the reader cannot use but whose framing is intact is skipped: the
/// others are read, numbered without it.
#[test]
fn unknown_blocks_and_event_types_are_skipped() {
    let Some(caps) = small_captures("unknown_blocks_and_event_types_are_skipped") else {
        return;
    };
    for cap in &caps {
        let evs = cap.event_blocks();
        let Some(&k) = evs.get(evs.len() / 2) else {
            continue;
        };
        let b = cap.blocks[k];
        let skipped = cap
            .events
            .iter()
            .position(|e| e.offset == b.off as u64)
            .unwrap();
        let mut want = cap.events.clone();
        want.remove(skipped);
        for w in &mut want[skipped..] {
            w.num -= 1;
        }
        let h = b.off + 8 + prefix(b.ty);
        for what in ["block type", "event type"] {
            let mut data = cap.data.clone();
            if what == "block type" {
                put32(&mut data, b.off, 0x7777);
            } else {
                put16(&mut data, h + 20, u16::MAX);
            }
            let out = read_damaged(&data, &cap.name, &want);
            assert!(out.error.is_none(), "{}: {what}: {:?}", cap.name, out.error);
            assert_eq!(
                (out.matching_prefix, out.events),
                (want.len(), want.len()),
                "{}: unknown {what}",
                cap.short_name()
            );
        }
    }
}

/// A change to make to a capture's bytes.
type Damage = Box<dyn FnOnce(&mut Vec<u8>)>;

#[test]
fn damaged_headers_and_metadata_fail_to_open() {
    let Some(caps) = small_captures("damaged_headers_and_metadata_fail_to_open") else {
        return;
    };
    for cap in &caps {
        expect_error(
            cap,
            "section header type",
            0,
            not_capture,
            "byte offset 0",
            |d| put32(d, 0, 0x0A0D_0D0B),
        );
        expect_error(
            cap,
            "byte-order magic",
            0,
            not_capture,
            "byte offset 8",
            |d| put32(d, 8, 0x4D3C_2B1A),
        );
        expect_error(
            cap,
            "major version 2",
            0,
            not_capture,
            "byte offset 12",
            |d| put16(d, 12, 2),
        );
        expect_error(cap, "section header trailer", 0, corrupt, "trailer", |d| {
            let len = cap.blocks[0].len;
            put32(d, len - 4, 0)
        });
        expect_error(cap, "section header length 8", 0, corrupt, "shorter", |d| {
            put32(d, 4, 8)
        });
        for (k, b) in cap.blocks.iter().enumerate().skip(1) {
            if EVENT_BLOCKS.contains(&b.ty) {
                break;
            }
            let o = b.off;
            let body = o + 8;
            for l in [0, 4, u32::MAX, MAX_BLOCK_LEN, b.len as u32 + 4] {
                let (kind, reason) = length_outcome(cap, k, l);
                let what = format!("metadata block length {l}");
                expect_error(cap, &what, k, kind, reason, |d| put32(d, o + 4, l));
            }
            expect_error(cap, "metadata trailer", k, corrupt, "trailer", |d| {
                put32(d, o + b.len - 4, 1)
            });
            // The first entry of each list, made impossible.
            let (what, reason, f): (&str, &str, Damage) = match b.ty {
                // Process lists: version 9 entries carry a length; older ones start
                // `tid, pid, ptid, [sid (v6+)], [vpgid (v8+)], comm`.
                0x215 => (
                    "process entry length",
                    "process entry length",
                    Box::new(move |d| put32(d, body, u32::MAX)),
                ),
                0x202 | 0x8000_ABCD | 0x207 | 0x8013_ABCD | 0x209 | 0x8014_ABCD | 0x210..=0x214 => {
                    let sid = (0x212..=0x214).contains(&b.ty);
                    let vpgid = b.ty == 0x214;
                    let comm = body + 24 + 8 * (sid as usize + vpgid as usize);
                    (
                        "comm length",
                        "comm length 65535",
                        Box::new(move |d| put16(d, comm, u16::MAX)),
                    )
                }
                // Fd lists: `tid`, then entries (`[len (v2)], fd, ino, type`).
                0x218 if b.len >= 12 + 8 + 21 => (
                    "fd entry length",
                    "fd entry length",
                    Box::new(move |d| put32(d, body + 8, u32::MAX)),
                ),
                0x203 if b.len >= 12 + 8 + 17 => (
                    "fd type",
                    "unknown fd type 200",
                    Box::new(move |d| d[body + 8 + 16] = 200),
                ),
                // Interface lists: `[len (v2)], u16 type`.
                0x205 if b.len > 16 => (
                    "interface type",
                    "unknown interface type 9",
                    Box::new(move |d| put16(d, body, 9)),
                ),
                0x219 if b.len > 16 => (
                    "interface type",
                    "unknown interface type 9",
                    Box::new(move |d| put16(d, body + 4, 9)),
                ),
                // User lists: `[len (v2)], u8 type, uid, gid, name`.
                0x220 if b.len > 16 => (
                    "user entry length",
                    "user entry length",
                    Box::new(move |d| put32(d, body, u32::MAX)),
                ),
                0x206 if b.len > 16 && cap.data[body] == 0 => (
                    "user name length",
                    "user name length 65535",
                    Box::new(move |d| put16(d, body + 9, u16::MAX)),
                ),
                _ => continue,
            };
            expect_error(cap, what, k, corrupt, reason, f);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Random damage.

/// xorshift64*, fixed seed: the same damage on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_byte_flips() {
    let Some(caps) = small_captures("random_byte_flips") else {
        return;
    };
    let mut rng = Rng(0x5eed_f1a7_5ca9_0001);
    for cap in &caps {
        let len = cap.data.len();
        let trials = 200;
        let mut errors = 0;
        for trial in 0..trials {
            let mut data = cap.data.clone();
            let mut first = usize::MAX;
            for _ in 0..1 + rng.below(4) {
                // A third anywhere, a third in block framing, a third in the first 4 KiB.
                let pos = match rng.below(3) {
                    0 => rng.below(len),
                    1 => {
                        let b = cap.blocks[rng.below(cap.blocks.len())];
                        match rng.below(3) {
                            0 => b.off + rng.below(8),
                            1 => b.off + b.len - 1 - rng.below(4),
                            _ => b.off + 8 + rng.below(32.min(b.len - 8)),
                        }
                    }
                    _ => rng.below(len.min(4096)),
                };
                let x = 1 + rng.below(255) as u8;
                data[pos] ^= x;
                first = first.min(pos);
            }
            let ctx = format!(
                "{} trial {trial} (first damaged byte {first})",
                cap.short_name()
            );
            let res = std::panic::catch_unwind(|| {
                let k = cap.block_of(first);
                let expected = cap.events_before(k);
                let out = read_damaged(&data, &cap.name, expected);
                assert!(
                    out.matching_prefix >= expected.len(),
                    "only {} of the {} events before the damage",
                    out.matching_prefix,
                    expected.len()
                );
                if let Some(e) = &out.error {
                    let off = e.offset();
                    assert_message(e, &cap.name, off);
                    if let Some(off) = off {
                        assert!(
                            off >= cap.blocks[k].off as u64 && off < len as u64,
                            "error at {off}, before the damaged block at {} ({e})",
                            cap.blocks[k].off
                        );
                    }
                }
                if len <= 256 << 10 {
                    fuzz_check::check(&data);
                }
                out.error.is_some()
            });
            match res {
                Ok(err) => errors += err as usize,
                Err(p) => {
                    let msg = p
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    panic!("{ctx}: {msg}");
                }
            }
        }
        note(&format!(
            "{trials} random damages of {}: {errors} detected as errors",
            cap.short_name()
        ));
    }
}

// ---------------------------------------------------------------------------------------
// Fuzzer findings.

/// Every file in `tests/fuzz-regressions/` (minimized crash inputs of the fuzz targets:
/// `NAME.bin` of `capture_reader`, `NAME.blocks.bin` of `capture_blocks`, whose input is
/// framed into a capture first) passes the targets' property now.
#[test]
fn fuzz_regressions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    for f in files {
        let mut data = std::fs::read(&f).unwrap();
        if f.to_string_lossy().ends_with(".blocks.bin") {
            data = fuzz_check::frame(&data);
        }
        let res = std::panic::catch_unwind(|| fuzz_check::check(&data));
        assert!(res.is_ok(), "{} fails the fuzz property", f.display());
    }
}
