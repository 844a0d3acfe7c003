//! The property the `capture_reader` fuzz target checks on arbitrary bytes, shared with
//! `scap/tests/damage.rs`, which replays the minimized inputs of past crashes
//! (`scap/tests/fuzz-regressions/`) through it.
//!
//! * Opening and reading never panics; reading ends (`Ok(None)`) after at most one error,
//!   and the error names the input and, for damaged blocks, a byte offset inside it.
//! * Every parameter of every event is reachable, by index and by iteration alike.
//! * What was read, written back with `CaptureWriter`, reads back without error: the same
//!   metadata and the same events (number, cpu, flags, ts, tid, type, parameters), and a
//!   copy of the copy is byte for byte the copy.

use falco_scap::{CaptureReader, CaptureWriter, Error, Event};

/// The name given to the reader: errors must mention it.
pub const NAME: &str = "fuzz-input.scap";
const COPY: &str = "fuzz-copy.scap";

/// An event with everything a round trip must keep.
#[derive(Debug, PartialEq, Eq)]
pub struct OwnedEvent {
    /// `evt.num`.
    pub num: u64,
    /// CPU.
    pub cpu: u16,
    /// Dump flags.
    pub flags: u32,
    /// Timestamp.
    pub ts: u64,
    /// Thread id.
    pub tid: u64,
    /// Event type.
    pub ty: u16,
    /// Parameter count on the wire.
    pub nparams: u32,
    /// Every parameter's bytes.
    pub params: Vec<Vec<u8>>,
}

/// Copy `ev`, reading every parameter both by index and through the iterator.
pub fn owned(ev: &Event<'_>) -> OwnedEvent {
    let params: Vec<Vec<u8>> = ev.params().map(<[u8]>::to_vec).collect();
    assert_eq!(
        params.len(),
        ev.nparams() as usize,
        "event {}: the iterator yields {} of {} parameters",
        ev.num,
        params.len(),
        ev.nparams()
    );
    for (i, p) in params.iter().enumerate() {
        assert_eq!(ev.param(i), Some(&p[..]), "event {}: parameter {i}", ev.num);
    }
    assert_eq!(ev.param(params.len()), None);
    let _ = ev.info().map(|i| i.name);
    OwnedEvent {
        num: ev.num,
        cpu: ev.cpu,
        flags: ev.flags,
        ts: ev.ts(),
        tid: ev.tid(),
        ty: ev.ty(),
        nparams: ev.nparams(),
        params,
    }
}

/// Check that an error about `len` bytes named `name` is one a damaged input may give.
pub fn check_error(e: &Error, name: &str, len: usize) {
    let msg = e.to_string();
    assert!(msg.contains(name), "error does not name the input: {msg}");
    assert!(msg.contains("byte offset"), "error names no offset: {msg}");
    match e {
        Error::Truncated { offset, .. } | Error::Corrupt { offset, .. } => {
            assert!(
                *offset < len as u64,
                "offset {offset} is outside the {len}-byte input: {msg}"
            );
            assert!(
                msg.contains(&format!("byte offset {offset}")),
                "message lacks the offset {offset}: {msg}"
            );
        }
        Error::NotCapture { .. } => {}
        // I/O errors cannot happen in memory, and no other kind comes from reading.
        _ => panic!("reading in-memory input gave {e:?}: {msg}"),
    }
}

/// Frame `data` as a capture, so that mutations reach the block decoders instead of
/// breaking the framing: a section header, then one block per `u32 type, u16 body length,
/// body` record of `data` (the last body may be short), with lengths, padding and trailers
/// computed.
pub fn frame(data: &[u8]) -> Vec<u8> {
    fn block(out: &mut Vec<u8>, ty: u32, body: &[u8]) {
        let total = (8 + body.len() + 4 + 3) & !3;
        out.extend_from_slice(&ty.to_le_bytes());
        out.extend_from_slice(&(total as u32).to_le_bytes());
        out.extend_from_slice(body);
        out.resize(out.len() + total - 12 - body.len(), 0);
        out.extend_from_slice(&(total as u32).to_le_bytes());
    }
    let mut out = Vec::with_capacity(data.len() + 64);
    let mut shb = 0x1A2B_3C4Du32.to_le_bytes().to_vec();
    shb.extend_from_slice(&1u16.to_le_bytes());
    shb.extend_from_slice(&2u16.to_le_bytes());
    shb.extend_from_slice(&u64::MAX.to_le_bytes());
    block(&mut out, 0x0A0D_0D0A, &shb);
    let mut rest = data;
    while rest.len() >= 6 {
        let ty = u32::from_le_bytes(rest[..4].try_into().unwrap());
        let n = (u16::from_le_bytes([rest[4], rest[5]]) as usize).min(rest.len() - 6);
        block(&mut out, ty, &rest[6..6 + n]);
        rest = &rest[6 + n..];
    }
    out
}

/// Run the whole property over `data`.
pub fn check(data: &[u8]) {
    let mut r = match CaptureReader::from_reader(data, NAME) {
        Ok(r) => r,
        Err(e) => {
            check_error(&e, NAME, data.len());
            return;
        }
    };
    let meta = r.metadata().clone();
    let mut w = CaptureWriter::new(Vec::new(), COPY, &meta).expect("writing to memory");
    let mut events = Vec::new();
    // Every event takes a block of at least 12 bytes.
    let bound = data.len() / 12 + 1;
    loop {
        match r.next_event() {
            Ok(Some(ev)) => {
                events.push(owned(&ev));
                assert!(events.len() <= bound, "more events than blocks");
                w.write_event(&ev).expect("writing to memory");
            }
            Ok(None) => break,
            Err(e) => {
                check_error(&e, NAME, data.len());
                break;
            }
        }
    }
    // Nothing more after the end or the error.
    assert!(matches!(r.next_event(), Ok(None)));
    let copy = w.finish().expect("writing to memory");

    let mut r2 = CaptureReader::from_reader(&copy[..], COPY)
        .unwrap_or_else(|e| panic!("the copy does not open: {e}"));
    assert_eq!(r2.metadata(), &meta, "the copy's metadata differs");
    let mut w2 = CaptureWriter::new(Vec::new(), COPY, r2.metadata()).expect("writing to memory");
    for want in &events {
        let ev = r2
            .next_event()
            .unwrap_or_else(|e| panic!("the copy does not read back: {e}"))
            .unwrap_or_else(|| panic!("the copy ends before event {}", want.num));
        assert_eq!(&owned(&ev), want, "the copy's event {} differs", want.num);
        w2.write_event(&ev).expect("writing to memory");
    }
    match r2.next_event() {
        Ok(None) => {}
        Ok(Some(ev)) => panic!("the copy has an extra event {}", ev.num),
        Err(e) => panic!("the copy does not read back: {e}"),
    }
    let copy2 = w2.finish().expect("writing to memory");
    assert!(copy2 == copy, "a copy of the copy differs from the copy");
}
