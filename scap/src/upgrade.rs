//! The current-layout view of a capture: events recorded with older layouts, converted on
//! read.
//!
//! Drivers before libs 0.22 wrote an enter and an exit event for every syscall, and many
//! parameters lived only in the enter event; event types also gained parameters over the
//! years. An [`Upgrader`] turns such a stream into the current one, so that the state layer
//! and rules see one layout per event type: enter events are kept per thread and merged into
//! the matching exit event, old event versions become the current version, missing trailing
//! parameters are filled in. Everything it does is driven by the data in
//! [`falco_schema::upgrade::RULES`] and the flags of [`falco_schema::EVENTS`]; the only code
//! specific to one event is [`Callback::ContainerJsonFromContainer`].
//!
//! # What happens to an event
//!
//! The upgrader decides, on the event as recorded and again after every conversion step:
//!
//! * Types flagged `UNUSED` are dropped.
//! * Types the converter does not manage (no `CONVERTER_MANAGED` flag) are delivered
//!   unchanged when they are a current version (even with fewer parameters than the table);
//!   old-version enter events are dropped; old-version exit events are an error.
//! * Managed enter events need a rule for their exact parameter count (the current `open`,
//!   `openat`, `openat2`, `creat` enter events have a `Pass` rule, `connect` a
//!   `StoreAndPass` one; most others are `Store`).
//! * Managed exit events with more parameters than the table are an error. An old version, or
//!   a parameter count different from the table's, is converted by the rule for (type,
//!   parameter count). Otherwise the event is delivered.
//!
//! Actions: `Store` keeps a copy of the event for its thread (replacing an earlier one) and
//! delivers nothing; `StoreAndPass` keeps it and delivers it; `Pass` delivers it;
//! `AddParams` keeps type and parameters and appends one parameter per source; `ChangeType`
//! builds an event of the new type from the sources alone. At most [`MAX_STEPS`] conversion
//! steps are applied to one event.
//!
//! Sources: `Old(n)` is parameter `n` of the event being converted (an error when it has
//! fewer). `Enter(n)` and `EnterOrEmpty(n)` take parameter `n` of the thread's stored enter
//! event; without one they give the default value of the target parameter's type (`Enter`)
//! or an empty parameter (`EnterOrEmpty`). A stored event is used by the first step that
//! reads it and then forgotten. `Default` is zero bytes at the type's fixed size (`u32::MAX`
//! for uids and gids: "none"), or an empty value for variable-length types; `Empty` is a
//! zero-length parameter. Every copied value is cut to the largest size its target type
//! allows: the fixed size for numbers, else 65,535 bytes (`u32::MAX` for large-payload
//! event types).
//!
//! # Differences from libscap's converter
//!
//! * A managed exit event with fewer parameters than the table and no rule for its count is
//!   padded with empty parameters instead of failing, so appending a parameter to the table
//!   is a one-place change (see [`falco_schema::upgrade`]). Padding adds one parameter per
//!   step and decides again, so a rule for a longer count still applies.
//! * A stored enter event of the wrong type (not the exit's code − 1), or with too few
//!   parameters for the rule, is treated as absent and counted in
//!   [`UpgradeStats::mismatched_enter`], where libscap fails the whole capture. Captures
//!   with dropped events (ring-buffer overruns) legitimately contain such pairs: an exit
//!   whose enter was lost finds the enter of an earlier, unfinished syscall. Falling back to
//!   default values loses a few parameters of one event; failing loses the rest of the file.
//! * The JSON built for old `container` events escapes quotes, backslashes and control
//!   characters; libscap pastes the strings in verbatim.
//! * A string value (`CHARBUF`, `FSPATH`, `FSRELPATH`) cut to the length limit keeps a
//!   terminating NUL as its last byte.
//!
//! # Memory
//!
//! The upgrader owns every buffer it writes into: the event being converted, the event it
//! returns, and one stored enter event per thread, each a `Vec` that is cleared and refilled,
//! never freed. Once each buffer has reached the size of the largest event it held, an event
//! costs no allocation: only a thread id never seen before adds a map entry (and its
//! buffers). The map is bounded: when it holds [`MAX_THREADS`] threads and a new one
//! appears, entries whose enter event was already used are removed first, then, if more than
//! three quarters remain, the older half of the pending enter events (by timestamp; they
//! belong to threads that died inside a syscall or whose exit event was lost), counted in
//! [`UpgradeStats::evicted_enter`]. Worst case, about `MAX_THREADS` × the largest enter
//! event of a thread.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use falco_schema::upgrade::{self as rules, Action, Callback, Rule, Source};
use falco_schema::{abi, eflags, event_info, Direction, EventInfo, ParamInfo, ParamType};

use crate::event::Event;

/// Most conversion steps applied to one event before it is declared an error (a rule table
/// that loops).
pub const MAX_STEPS: u32 = 50;

/// Most threads whose enter events are kept at once (see the module documentation).
pub const MAX_THREADS: usize = 65_536;

/// An event that cannot be converted to the current layout.
///
/// [`FileSource`](crate::FileSource) reports it as [`Error::Corrupt`](crate::Error::Corrupt)
/// with the file name, the event's offset and this error's message as the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpgradeError {
    /// The event's number (`evt.num`).
    pub num: u64,
    /// Byte offset of the event's block in the (decompressed) capture, 0 for live events.
    pub offset: u64,
    /// What has no conversion.
    pub reason: String,
}

impl std::fmt::Display for UpgradeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "event {} at byte offset {}: cannot convert to the current layout: {}",
            self.num, self.offset, self.reason
        )
    }
}

impl std::error::Error for UpgradeError {}

type Result<T> = std::result::Result<T, UpgradeError>;

/// Counts of what the upgrader did, since it was created.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UpgradeStats {
    /// Events delivered as recorded.
    pub unchanged: u64,
    /// Events delivered converted.
    pub converted: u64,
    /// Enter events kept for their exit event and not delivered.
    pub stored: u64,
    /// Events dropped (unused types, old enter events the converter does not manage).
    pub dropped: u64,
    /// Conversion steps that found a stored enter event of the wrong type, or with too few
    /// parameters, and used default values instead (libscap fails there).
    pub mismatched_enter: u64,
    /// Pending enter events forgotten to keep the per-thread map bounded.
    pub evicted_enter: u64,
}

/// What [`Upgrader::upgrade_into`] did with one event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upgraded {
    /// Nothing to deliver: the event was kept for its thread's exit event, or dropped.
    Skip,
    /// The event as recorded is its current-layout form.
    Unchanged,
    /// The converted event was appended to the output buffer.
    Converted,
}

/// Converts events of older layouts into the current layout (see the module documentation).
///
/// ```no_run
/// use falco_scap::{CaptureReader, Upgrader};
///
/// let mut reader = CaptureReader::open("old.scap.gz")?;
/// let mut up = Upgrader::new();
/// while let Some(recorded) = reader.next_event()? {
///     if let Some(ev) = up.upgrade(recorded)? {
///         println!("{} {} {}", ev.num, ev.ty(), ev.nparams());
///     }
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Default)]
pub struct Upgrader {
    /// The event being converted.
    cur: Draft,
    /// The next version of `cur`, built by a step, then swapped with it.
    next: Draft,
    /// Stored enter events by thread id.
    stored: Stored,
    /// The last decision for each event type, so that the table and rule lookups are made
    /// once per type, not once per event.
    decided: Vec<Decided>,
    /// The delivered converted event, encoded.
    out: Vec<u8>,
    /// `num`, `cpu`, `flags`, `offset` of the event in `out`.
    out_meta: (u64, u16, u32, u64),
    /// Scratch for the container JSON callback.
    json: Vec<u8>,
    /// Scratch for eviction (timestamps).
    ts_scratch: Vec<u64>,
    stats: UpgradeStats,
    /// Off: every conversion takes the general path (tests compare the two).
    #[cfg(test)]
    no_shortcut: bool,
}

/// A remembered decision: for events of one type with `nparams` parameters, `next`.
#[derive(Clone, Copy, Debug)]
struct Decided {
    nparams: u32,
    next: Next,
    /// `next` is a rule that appends parameters after which the event is current, with no
    /// callback among its sources: such an event is encoded in one pass, straight from the
    /// recorded event and its enter event ([`append_added`]).
    shortcut: bool,
    /// For the shortcut: the table's description of the parameters the rule adds, and
    /// whether the type has 4-byte lengths (kept here: reading the table's rows for every
    /// event costs cache misses).
    added: &'static [ParamInfo],
    large: bool,
}

/// Most sources of a rule that takes the shortcut.
const SHORTCUT_SOURCES: usize = 8;

/// An event under construction: a type and parameter values.
#[derive(Debug, Default)]
struct Draft {
    ty: u16,
    /// (offset in `data`, length) of each parameter.
    spans: Vec<(usize, usize)>,
    data: Vec<u8>,
}

/// The stored enter event of one thread.
#[derive(Debug, Default)]
struct Slot {
    /// False once the event was used by an exit event (the buffer stays for reuse).
    pending: bool,
    ts: u64,
    /// The event, in the current block format (26-byte header; see [`Event::decode`]).
    raw: Vec<u8>,
}

/// Stored enter events by thread id.
type Stored = HashMap<u64, Slot, BuildHasherDefault<TidHasher>>;

/// Hasher of thread ids (the keys of the stored enter events): one multiplication, as
/// thread ids are small, distinct integers (no untrusted input chooses colliding keys
/// beyond what a capture's own thread ids are).
#[derive(Default)]
struct TidHasher(u64);

impl Hasher for TidHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ (n >> 29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// What to do next with the event under conversion.
#[derive(Clone, Copy, Debug)]
enum Next {
    Drop,
    Deliver,
    Rule(&'static Rule),
    /// Append one empty parameter (an exit event shorter than the table, no rule).
    Pad,
}

/// One conversion step.
#[derive(Clone, Copy)]
enum Step {
    Add(&'static [Source]),
    Change(u16, &'static [Source]),
    Pad,
}

impl Draft {
    fn begin(&mut self, ty: u16) {
        self.ty = ty;
        self.spans.clear();
        self.data.clear();
    }

    fn nparams(&self) -> usize {
        self.spans.len()
    }

    fn param(&self, i: usize) -> Option<&[u8]> {
        self.spans
            .get(i)
            .map(|&(off, len)| &self.data[off..off + len])
    }

    fn push(&mut self, v: &[u8]) {
        self.spans.push((self.data.len(), v.len()));
        self.data.extend_from_slice(v);
    }

    /// Copy the parameters of a recorded event.
    fn load(&mut self, ev: &Event<'_>) {
        self.begin(ev.ty());
        for p in ev.params() {
            self.push(p);
        }
    }

    fn copy_from(&mut self, other: &Draft) {
        self.ty = other.ty;
        self.spans.clear();
        self.spans.extend_from_slice(&other.spans);
        self.data.clear();
        self.data.extend_from_slice(&other.data);
    }

    /// Append the event to `out` in the current format (nothing is appended on error).
    fn encode_into(&self, ts: u64, tid: u64, out: &mut Vec<u8>) -> std::result::Result<(), String> {
        let large = event_info(self.ty).is_some_and(|i| i.is_large());
        let width = if large { 4 } else { 2 };
        if !large {
            if let Some(i) = self.spans.iter().position(|&(_, l)| l > u16::MAX as usize) {
                return Err(format!(
                    "parameter {i} of {} bytes does not fit a 16-bit length",
                    self.spans[i].1
                ));
            }
        }
        let len = abi::HEADER_LEN + self.spans.len() * width + self.data.len();
        let len = u32::try_from(len).map_err(|_| format!("event of {len} bytes is too long"))?;
        push_header(out, ts, tid, len, self.ty, self.spans.len());
        for &(_, l) in &self.spans {
            if large {
                out.extend_from_slice(&(l as u32).to_le_bytes());
            } else {
                out.extend_from_slice(&(l as u16).to_le_bytes());
            }
        }
        out.extend_from_slice(&self.data);
        Ok(())
    }
}

/// Reserve room for an event of `len` bytes in `out` and append its 26-byte header.
fn push_header(out: &mut Vec<u8>, ts: u64, tid: u64, len: u32, ty: u16, nparams: usize) {
    out.reserve(len as usize);
    out.extend_from_slice(&ts.to_le_bytes());
    out.extend_from_slice(&tid.to_le_bytes());
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&ty.to_le_bytes());
    out.extend_from_slice(&(nparams as u32).to_le_bytes());
}

/// `open_X (3)`: the name, direction and code of an event type, for messages.
fn describe(ty: u16) -> String {
    let dir = if ty & 1 == 0 { 'E' } else { 'X' };
    match event_info(ty) {
        Some(i) => format!("{}_{dir} ({ty})", i.name),
        None => format!("unknown type {ty}"),
    }
}

/// What to do with an event of type `ty` that has `np` parameters.
fn decide(ty: u16, np: usize) -> std::result::Result<Next, String> {
    let info = event_info(ty).ok_or_else(|| format!("event type {ty} is not in the table"))?;
    if info.is_unused() {
        return Ok(Next::Drop);
    }
    let enter = info.direction() == Direction::Enter;
    if info.flags & eflags::CONVERTER_MANAGED == 0 {
        return if !info.is_old_version() {
            Ok(Next::Deliver)
        } else if enter {
            Ok(Next::Drop)
        } else {
            Err(format!(
                "{} is an old version that no rule converts",
                describe(ty)
            ))
        };
    }
    let rule = rules::find(ty, np as u32);
    if enter {
        return rule
            .map(Next::Rule)
            .ok_or_else(|| format!("no rule for {} with {np} parameters", describe(ty)));
    }
    let table = info.params.len();
    if np > table {
        return Err(format!(
            "{} has {np} parameters, more than the {table} of the table",
            describe(ty)
        ));
    }
    if info.is_old_version() || np != table {
        return match rule {
            Some(r) => Ok(Next::Rule(r)),
            // One parameter at a time: a rule for the longer count may follow.
            None if np < table => Ok(Next::Pad),
            None => Err(format!(
                "no rule for old version {} with {np} parameters",
                describe(ty)
            )),
        };
    }
    Ok(Next::Deliver)
}

/// The largest value a parameter of type `ty` in an event described by `info` can hold.
fn max_len(info: &EventInfo, ty: ParamType) -> usize {
    max_len_in(info.is_large(), ty)
}

/// [`max_len`] in an event with 4-byte (`large`) or 2-byte lengths.
fn max_len_in(large: bool, ty: ParamType) -> usize {
    match ty.fixed_size() {
        Some(n) => n,
        None if large => u32::MAX as usize,
        None => u16::MAX as usize,
    }
}

/// Append `v` to `next` as a value of type `ty`, cut to `max` bytes.
fn push_cut(next: &mut Draft, v: &[u8], ty: ParamType, max: usize) {
    next.spans.push((next.data.len(), v.len().min(max)));
    extend_cut(&mut next.data, v, ty, max);
}

/// Append `v` to `out`, cut to `max` bytes; a cut string keeps its terminator.
fn extend_cut(out: &mut Vec<u8>, v: &[u8], ty: ParamType, max: usize) {
    if v.len() <= max {
        out.extend_from_slice(v);
        return;
    }
    out.extend_from_slice(&v[..max]);
    if max > 0
        && matches!(
            ty,
            ParamType::Charbuf | ParamType::Fspath | ParamType::Fsrelpath
        )
    {
        if let Some(last) = out.last_mut() {
            *last = 0;
        }
    }
}

/// The default value of type `ty`.
fn default_value(ty: ParamType) -> &'static [u8] {
    const ZEROS: [u8; 16] = [0; 16];
    const NONE_ID: [u8; 4] = [0xff; 4];
    match ty {
        ParamType::Uid | ParamType::Gid => &NONE_ID,
        _ => &ZEROS[..ty.fixed_size().unwrap_or(0)],
    }
}

/// Append the default value of type `ty`.
fn push_default(next: &mut Draft, ty: ParamType) {
    next.push(default_value(ty));
}

/// The string of a `CHARBUF` value: up to its first NUL.
fn cstr(v: &[u8]) -> &[u8] {
    match v.iter().position(|&b| b == 0) {
        Some(n) => &v[..n],
        None => v,
    }
}

/// Append `s` as a JSON string literal body (quotes, backslashes and control characters
/// escaped; other bytes as they are).
fn json_escape(out: &mut Vec<u8>, s: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for &b in s {
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0..=0x1f => {
                out.extend_from_slice(b"\\u00");
                out.push(HEX[(b >> 4) as usize]);
                out.push(HEX[(b & 15) as usize]);
            }
            _ => out.push(b),
        }
    }
}

/// Build the `container_json` JSON of an old `container` event (id, type, name, image) into
/// `out`, NUL-terminated.
fn container_json(old: &Draft, out: &mut Vec<u8>) -> std::result::Result<(), String> {
    if old.nparams() < 4 {
        return Err(format!(
            "{} has {} parameters, the container callback needs 4",
            describe(old.ty),
            old.nparams()
        ));
    }
    let p = |i| old.param(i).unwrap_or_default();
    let ty: [u8; 4] = p(1)
        .try_into()
        .map_err(|_| format!("container type parameter has {} bytes, not 4", p(1).len()))?;
    let mut num = [0u8; 10];
    let digits = {
        let mut v = u32::from_le_bytes(ty);
        let mut i = num.len();
        loop {
            i -= 1;
            num[i] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        &num[i..]
    };
    out.clear();
    out.extend_from_slice(b"{\"id\":\"");
    json_escape(out, cstr(p(0)));
    out.extend_from_slice(b"\",\"type\":");
    out.extend_from_slice(digits);
    out.extend_from_slice(b",\"name\":\"");
    json_escape(out, cstr(p(2)));
    out.extend_from_slice(b"\",\"image\":\"");
    json_escape(out, cstr(p(3)));
    out.extend_from_slice(b"\"}\0");
    Ok(())
}

/// The highest enter-event parameter a step reads, if any.
fn max_enter_param(step: Step) -> Option<u8> {
    let sources = match step {
        Step::Add(s) | Step::Change(_, s) => s,
        Step::Pad => return None,
    };
    sources
        .iter()
        .filter_map(|s| match *s {
            Source::Enter(n) | Source::EnterOrEmpty(n) => Some(n),
            _ => None,
        })
        .max()
}

/// Build `next` from `cur` by one step; `enter` is the thread's usable stored enter event.
fn apply(
    step: Step,
    cur: &Draft,
    next: &mut Draft,
    enter: Option<&Event<'_>>,
    json: &mut Vec<u8>,
) -> std::result::Result<(), String> {
    let (to, first, sources) = match step {
        Step::Pad => {
            next.copy_from(cur);
            next.push(&[]);
            return Ok(());
        }
        Step::Add(s) => {
            next.copy_from(cur);
            (cur.ty, cur.nparams(), s)
        }
        Step::Change(to, s) => {
            next.begin(to);
            (to, 0, s)
        }
    };
    let info =
        event_info(to).ok_or_else(|| format!("rule target type {to} is not in the table"))?;
    for (i, src) in sources.iter().enumerate() {
        let Some(target) = info.params.get(first + i) else {
            return Err(format!(
                "the rule gives {} more than the {} parameters of the table",
                describe(to),
                info.params.len()
            ));
        };
        let max = max_len(info, target.ty);
        match *src {
            Source::Old(n) => {
                let v = cur.param(n as usize).ok_or_else(|| {
                    format!(
                        "the rule takes parameter {n} of {}, which has {}",
                        describe(cur.ty),
                        cur.nparams()
                    )
                })?;
                push_cut(next, v, target.ty, max);
            }
            Source::Enter(n) | Source::EnterOrEmpty(n) => {
                match enter.and_then(|e| e.param(n as usize)) {
                    Some(v) => push_cut(next, v, target.ty, max),
                    None if matches!(src, Source::Enter(_)) => push_default(next, target.ty),
                    None => next.push(&[]),
                }
            }
            Source::Default => push_default(next, target.ty),
            Source::Empty => next.push(&[]),
            Source::Callback(Callback::ContainerJsonFromContainer) => {
                container_json(cur, json)?;
                push_cut(next, json, target.ty, max);
            }
        }
    }
    Ok(())
}

/// The stored enter event of `tid`, for a step of an exit event of type `exit_ty` that
/// reads its parameters up to `max_n`. It is used once: whatever the step finds, it is
/// forgotten. libscap fails on a stored event of another type (or too short for the rule);
/// such pairs occur in real captures when events were dropped, so it is treated as "no
/// enter event" (defaults) and counted.
fn take_enter<'s>(
    stored: &'s mut Stored,
    stats: &mut UpgradeStats,
    tid: u64,
    exit_ty: u16,
    max_n: u8,
) -> Option<Event<'s>> {
    let slot = stored.get_mut(&tid)?;
    if !slot.pending {
        return None;
    }
    slot.pending = false;
    let slot: &'s Slot = slot;
    // The bytes were encoded here from a validated event.
    match Event::decode_validated(&slot.raw) {
        Ok(e) if e.ty().wrapping_add(1) == exit_ty && e.nparams() as usize > max_n as usize => {
            Some(e)
        }
        _ => {
            stats.mismatched_enter += 1;
            None
        }
    }
}

/// Append to `out` the recorded event `ev` with the parameters of `sources` added after its
/// own, in one pass: what [`apply`] with [`Step::Add`] and [`Draft::encode_into`] build,
/// without the two intermediate copies (most converted events of an old capture are exit
/// events completed from their enter event this way). Nothing is appended on error.
fn append_added(
    ev: &Event<'_>,
    d: &Decided,
    sources: &[Source],
    enter: Option<&Event<'_>>,
    out: &mut Vec<u8>,
) -> std::result::Result<(), String> {
    let ty = ev.ty();
    let first = ev.nparams() as usize;
    let mut values: [(&[u8], ParamType, usize); SHORTCUT_SOURCES] =
        [(&[], ParamType::None, 0); SHORTCUT_SOURCES];
    if sources.len() > SHORTCUT_SOURCES {
        return Err(format!("{} sources take the general path", sources.len()));
    }
    // `decide` took the shortcut only with one table parameter per source.
    for (i, (src, target)) in sources.iter().zip(d.added).enumerate() {
        let v: &[u8] = match *src {
            Source::Old(n) => ev.param(n as usize).ok_or_else(|| {
                format!(
                    "the rule takes parameter {n} of {}, which has {first}",
                    describe(ty)
                )
            })?,
            Source::Enter(n) => enter
                .and_then(|e| e.param(n as usize))
                .unwrap_or_else(|| default_value(target.ty)),
            Source::EnterOrEmpty(n) => enter.and_then(|e| e.param(n as usize)).unwrap_or(&[]),
            Source::Default => default_value(target.ty),
            Source::Empty => &[],
            Source::Callback(_) => return Err("a callback takes the general path".into()),
        };
        values[i] = (v, target.ty, max_len_in(d.large, target.ty));
    }
    let values = &values[..sources.len()];
    let large = d.large;
    let width = if large { 4 } else { 2 };
    // The recorded parameters, without any bytes past the last one.
    let lens = ev.raw_lens();
    let used: usize = ev.params().map(<[u8]>::len).sum();
    let data = &ev.raw_data()[..used];
    let added: usize = values.iter().map(|&(v, _, max)| v.len().min(max)).sum();
    let len = abi::HEADER_LEN + lens.len() + values.len() * width + used + added;
    let len = u32::try_from(len).map_err(|_| format!("event of {len} bytes is too long"))?;
    push_header(out, ev.ts(), ev.tid(), len, ty, first + values.len());
    out.extend_from_slice(lens);
    for &(v, _, max) in values {
        // `max` is at most a u16 for events that are not large.
        let l = v.len().min(max);
        if large {
            out.extend_from_slice(&(l as u32).to_le_bytes());
        } else {
            out.extend_from_slice(&(l as u16).to_le_bytes());
        }
    }
    out.extend_from_slice(data);
    for &(v, ty, max) in values {
        extend_cut(out, v, ty, max);
    }
    Ok(())
}

impl Upgrader {
    /// An upgrader with no stored enter events.
    pub fn new() -> Upgrader {
        Upgrader::default()
    }

    /// What the consumer sees of `ev`: `None` when the event is kept for its thread's exit
    /// event or dropped, the event itself when it already has the current layout, or the
    /// converted event (valid until the next call). A returned event keeps `num`, `cpu`,
    /// `flags`, `offset`, timestamp and thread id of `ev`.
    ///
    /// Events must be given in stream order; enter events are kept between calls. Errors
    /// name the event number and offset and say what has no conversion.
    pub fn upgrade<'a>(&'a mut self, ev: Event<'a>) -> Result<Option<Event<'a>>> {
        match self.process(&ev)? {
            Upgraded::Skip => Ok(None),
            Upgraded::Unchanged => Ok(Some(ev)),
            Upgraded::Converted => self.output().map(Some),
        }
    }

    /// [`Upgrader::upgrade`] for callers that keep events in their own buffer: a converted
    /// event is appended to `out` in the current block format (26-byte header, see
    /// [`Event::decode`]; `num`, `cpu`, `flags` and `offset` are those of `ev`, not
    /// recorded in the bytes). Nothing is appended for the other outcomes, nor on error.
    pub fn upgrade_into(&mut self, ev: &Event<'_>, out: &mut Vec<u8>) -> Result<Upgraded> {
        // `converted`: `cur` holds the event (from the first step on); before, `ev` does.
        let mut converted = false;
        let mut steps = 0u32;
        loop {
            let (ty, np) = if converted {
                (self.cur.ty, self.cur.nparams())
            } else {
                (ev.ty(), ev.nparams() as usize)
            };
            let decided = self.decide(ty, np).map_err(|r| Self::error(ev, r))?;
            let step = match decided.next {
                Next::Drop => {
                    self.stats.dropped += 1;
                    return Ok(Upgraded::Skip);
                }
                Next::Deliver => return self.deliver(ev, converted, out),
                Next::Pad => Step::Pad,
                Next::Rule(rule) => match rule.action {
                    Action::Pass => return self.deliver(ev, converted, out),
                    Action::Store => {
                        self.store(ev, converted);
                        self.stats.stored += 1;
                        return Ok(Upgraded::Skip);
                    }
                    Action::StoreAndPass => {
                        self.store(ev, converted);
                        return self.deliver(ev, converted, out);
                    }
                    Action::AddParams(s) => Step::Add(s),
                    Action::ChangeType { to, params } => Step::Change(to, params),
                },
            };
            steps += 1;
            if steps > MAX_STEPS {
                return Err(Self::error(
                    ev,
                    format!(
                        "still not current after {MAX_STEPS} conversion steps (now {} with {np} \
                         parameters)",
                        describe(ty)
                    ),
                ));
            }
            let enter = match max_enter_param(step) {
                Some(max_n) => take_enter(&mut self.stored, &mut self.stats, ev.tid(), ty, max_n),
                None => None,
            };
            #[cfg(test)]
            let shortcut = decided.shortcut && !self.no_shortcut;
            #[cfg(not(test))]
            let shortcut = decided.shortcut;
            if let (false, true, Step::Add(sources)) = (converted, shortcut, step) {
                append_added(ev, &decided, sources, enter.as_ref(), out)
                    .map_err(|r| Self::error(ev, r))?;
                self.stats.converted += 1;
                return Ok(Upgraded::Converted);
            }
            if !converted {
                self.cur.load(ev);
                converted = true;
            }
            apply(
                step,
                &self.cur,
                &mut self.next,
                enter.as_ref(),
                &mut self.json,
            )
            .map_err(|r| Self::error(ev, r))?;
            std::mem::swap(&mut self.cur, &mut self.next);
        }
    }

    /// Counts of what was done so far.
    pub fn stats(&self) -> UpgradeStats {
        self.stats
    }

    /// Number of threads with an entry in the stored-enter map (pending or used).
    pub fn threads(&self) -> usize {
        self.stored.len()
    }

    /// Forget every stored enter event (and free the buffers), e.g. before a new capture.
    pub fn clear(&mut self) {
        self.stored = HashMap::default();
    }

    fn error(ev: &Event<'_>, reason: String) -> UpgradeError {
        UpgradeError {
            num: ev.num,
            offset: ev.offset,
            reason,
        }
    }

    /// Run the conversion of `ev`; with [`Upgraded::Converted`], the result is in `out`.
    pub(crate) fn process(&mut self, ev: &Event<'_>) -> Result<Upgraded> {
        let mut out = std::mem::take(&mut self.out);
        out.clear();
        let res = self.upgrade_into(ev, &mut out);
        self.out = out;
        self.out_meta = (ev.num, ev.cpu, ev.flags, ev.offset);
        res
    }

    /// [`decide`], remembered per event type.
    fn decide(&mut self, ty: u16, np: usize) -> std::result::Result<Decided, String> {
        if let Some(&d) = self.decided.get(ty as usize) {
            if d.nparams as usize == np {
                return Ok(d);
            }
        }
        let next = decide(ty, np)?;
        let mut added: &'static [ParamInfo] = &[];
        let mut large = false;
        let shortcut = match (next, event_info(ty)) {
            (
                Next::Rule(Rule {
                    action: Action::AddParams(s),
                    ..
                }),
                Some(info),
            ) => {
                large = info.is_large();
                added = info.params.get(np..np + s.len()).unwrap_or_default();
                added.len() == s.len()
                    && s.len() <= SHORTCUT_SOURCES
                    && !s.iter().any(|s| matches!(s, Source::Callback(_)))
                    && matches!(decide(ty, np + s.len()), Ok(Next::Deliver))
            }
            _ => false,
        };
        if self.decided.is_empty() {
            let none = Decided {
                nparams: u32::MAX,
                next: Next::Drop,
                shortcut: false,
                added: &[],
                large: false,
            };
            self.decided = vec![none; falco_schema::EVENT_MAX];
        }
        let d = Decided {
            nparams: np as u32,
            next,
            shortcut,
            added,
            large,
        };
        if let Some(slot) = self.decided.get_mut(ty as usize) {
            *slot = d;
        }
        Ok(d)
    }

    /// Deliver the event: as recorded, or `cur` appended to `out`.
    fn deliver(&mut self, ev: &Event<'_>, converted: bool, out: &mut Vec<u8>) -> Result<Upgraded> {
        if !converted {
            self.stats.unchanged += 1;
            return Ok(Upgraded::Unchanged);
        }
        self.cur
            .encode_into(ev.ts(), ev.tid(), out)
            .map_err(|r| Self::error(ev, r))?;
        self.stats.converted += 1;
        Ok(Upgraded::Converted)
    }

    /// Copy a recorded event into `out` (for callers that cannot hand out the reader's
    /// borrow; see `FileSource`).
    pub(crate) fn copy_to_output(&mut self, ev: &Event<'_>) {
        self.out.clear();
        ev.write_v2(&mut self.out);
        self.out_meta = (ev.num, ev.cpu, ev.flags, ev.offset);
    }

    /// The event in `out`.
    pub(crate) fn output(&self) -> Result<Event<'_>> {
        let (num, cpu, flags, offset) = self.out_meta;
        let mut e = Event::decode(&self.out).map_err(|e| UpgradeError {
            num,
            offset,
            reason: format!("converted event does not decode: {e}"),
        })?;
        e.num = num;
        e.cpu = cpu;
        e.flags = flags;
        e.offset = offset;
        Ok(e)
    }

    /// Keep the event (as converted so far) as its thread's enter event.
    fn store(&mut self, ev: &Event<'_>, converted: bool) {
        let tid = ev.tid();
        if self.stored.len() >= MAX_THREADS && !self.stored.contains_key(&tid) {
            self.make_room();
        }
        let slot = self.stored.entry(tid).or_default();
        slot.ts = ev.ts();
        slot.raw.clear();
        slot.pending = if converted {
            // Values were cut to their types' limits, so this does not fail.
            self.cur.encode_into(ev.ts(), tid, &mut slot.raw).is_ok()
        } else {
            ev.write_v2(&mut slot.raw);
            true
        };
    }

    /// Shrink the stored-enter map to at most three quarters of [`MAX_THREADS`], so that
    /// the cost is amortised over at least a quarter of that many new threads.
    fn make_room(&mut self) {
        // Entries whose enter event was used hold only buffers.
        self.stored.retain(|_, s| s.pending);
        if self.stored.len() <= MAX_THREADS * 3 / 4 {
            return;
        }
        // Still full of pending events: forget the older half.
        let before = self.stored.len();
        self.ts_scratch.clear();
        self.ts_scratch.extend(self.stored.values().map(|s| s.ts));
        let mid = self.ts_scratch.len() / 2;
        let (_, &mut median, _) = self.ts_scratch.select_nth_unstable(mid);
        self.stored.retain(|_, s| s.ts > median);
        if self.stored.len() > MAX_THREADS * 3 / 4 {
            // Cannot happen with `> median`, but keep the bound whatever the timestamps.
            self.stored.clear();
        }
        self.stats.evicted_enter += (before - self.stored.len()) as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use falco_schema::upgrade::RULES;
    use falco_schema::EVENTS;

    /// Every rule fits the table: no source writes past the parameters of its target type,
    /// and every target type exists.
    #[test]
    fn rules_fit_the_table() {
        for r in RULES {
            let (to, first, sources) = match r.action {
                Action::AddParams(s) => (r.code, r.nparams as usize, s),
                Action::ChangeType { to, params } => (to, 0, params),
                _ => continue,
            };
            let info = &EVENTS[to as usize];
            assert!(
                first + sources.len() <= info.params.len(),
                "rule for {} with {} params overflows {}",
                describe(r.code),
                r.nparams,
                describe(to)
            );
        }
    }

    /// No rule of the table takes a uid from a missing enter event, so exercise the default
    /// on a made-up step: `setuid` exit (res) + `Enter(0)` without an enter event.
    #[test]
    fn uid_and_gid_default_to_none() {
        use falco_schema::code;
        let mut cur = Draft::default();
        cur.begin(code::PPME_SYSCALL_SETUID_X);
        cur.push(&0i64.to_le_bytes());
        let mut next = Draft::default();
        let step = Step::Add(&[Source::Enter(0)]);
        apply(step, &cur, &mut next, None, &mut Vec::new()).unwrap();
        assert_eq!(next.param(1), Some(&[0xff; 4][..]));
        cur.ty = code::PPME_SYSCALL_SETGID_X;
        apply(step, &cur, &mut next, None, &mut Vec::new()).unwrap();
        assert_eq!(next.param(1), Some(&[0xff; 4][..]));
        // Other fixed-size types default to zeros, variable-length ones to nothing.
        let mut d = Draft::default();
        push_default(&mut d, ParamType::Fd);
        push_default(&mut d, ParamType::Sockaddr);
        assert_eq!(d.param(0), Some(&[0u8; 8][..]));
        assert_eq!(d.param(1), Some(&[][..]));
    }

    /// The one-pass encoding of completed exit events ([`append_added`]) gives the bytes
    /// the general path gives, on every event of the shared captures (old enter/exit
    /// layouts among them).
    #[test]
    fn shortcut_matches_the_general_path() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/captures");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            println!("skipping: captures folder {} not found", dir.display());
            return;
        };
        let mut shortcuts = 0;
        for path in entries.flatten().map(|e| e.path()) {
            let name = path.to_string_lossy().into_owned();
            if !(name.ends_with(".scap") || name.ends_with(".scap.gz")) {
                continue;
            }
            let mut reader = crate::CaptureReader::open(&path).unwrap();
            let mut fast = Upgrader::new();
            let mut slow = Upgrader::new();
            slow.no_shortcut = true;
            let (mut a, mut b) = (Vec::new(), Vec::new());
            while let Some(ev) = reader.next_event().unwrap() {
                a.clear();
                b.clear();
                let ra = fast.upgrade_into(&ev, &mut a);
                let rb = slow.upgrade_into(&ev, &mut b);
                assert_eq!(ra, rb, "{name}: event {}", ev.num);
                assert_eq!(a, b, "{name}: event {}", ev.num);
                if ra == Ok(Upgraded::Converted) {
                    shortcuts += 1;
                }
            }
            assert_eq!(fast.stats(), slow.stats(), "{name}");
            println!("{name}: {} events, {:?}", reader.last_num(), fast.stats());
        }
        println!("{shortcuts} converted events compared");
        assert!(shortcuts > 1000, "{shortcuts} converted events");
    }

    #[test]
    fn json_escaping() {
        let mut out = Vec::new();
        json_escape(&mut out, b"a\"b\\c\nd\x01");
        assert_eq!(out, b"a\\\"b\\\\c\\nd\\u0001");
    }

    #[test]
    fn eviction_keeps_the_map_bounded() {
        let mut up = Upgrader::new();
        for tid in 0..(MAX_THREADS as u64 + 10) {
            up.stored.insert(
                tid,
                Slot {
                    pending: true,
                    ts: tid,
                    raw: Vec::new(),
                },
            );
        }
        up.make_room();
        assert!(up.stored.len() <= MAX_THREADS * 3 / 4);
        assert!(up
            .stored
            .keys()
            .all(|&t| t > (MAX_THREADS as u64 + 10) / 2 - 1));
        assert_eq!(
            up.stats.evicted_enter as usize + up.stored.len(),
            MAX_THREADS + 10
        );
    }
}
