//! Events: a borrowed view over the bytes of one event, and a builder for new ones.
//!
//! The wire layout is documented in [`falco_schema::abi`]. An [`Event`] never copies: it
//! holds the decoded header fields and two slices into the buffer it was read from (the
//! parameter length array and the parameter values). Its constructor validates that every
//! parameter lies inside the event, so parameter access cannot go out of bounds.

use falco_schema::{abi, event_info, EventInfo};

/// A decoded view of one event.
#[derive(Clone, Copy, Debug)]
pub struct Event<'a> {
    /// Position of the event in its stream, from 1 (`evt.num`).
    pub num: u64,
    /// CPU (or ring buffer) the event came from.
    pub cpu: u16,
    /// Dump flags recorded with the event (capture files only; 0 otherwise).
    pub flags: u32,
    /// Byte offset of the event's block in the (decompressed) capture, 0 for live events.
    pub offset: u64,
    pub(crate) ts: u64,
    tid: u64,
    ty: u16,
    nparams: u32,
    large: bool,
    /// The parameter length array (`nparams` entries of 2 or 4 bytes).
    lens: &'a [u8],
    /// The parameter values, back to back.
    data: &'a [u8],
    /// The event as recorded (26-byte header, or 22-byte for EV v1 blocks).
    raw: &'a [u8],
    v1: bool,
}

/// Where the parts of a validated current-format event are (see [`Event::layout`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Layout {
    len: usize,
    lens_end: usize,
    ty: u16,
    nparams: u32,
    large: bool,
}

/// Why bytes do not form a valid event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Fewer bytes than a header.
    ShortHeader(usize),
    /// `len` is smaller than the header or larger than the bytes available.
    BadLength {
        /// The header's `len`.
        len: u32,
        /// Bytes available.
        available: usize,
    },
    /// The length array does not fit in the event.
    TooManyParams {
        /// The header's `nparams`.
        nparams: u32,
        /// The header's `len`.
        len: u32,
    },
    /// A parameter extends past the end of the event.
    ParamOverflow {
        /// Index of the parameter.
        index: u32,
        /// Its length.
        param_len: u32,
        /// The header's `len`.
        len: u32,
    },
    /// An EV v1 event whose parameter count cannot be inferred from its length.
    UnknownParamCount,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::ShortHeader(n) => {
                write!(f, "event of {n} bytes is shorter than its header")
            }
            DecodeError::BadLength { len, available } => {
                write!(
                    f,
                    "event length {len} does not fit the {available} bytes available"
                )
            }
            DecodeError::TooManyParams { nparams, len } => {
                write!(f, "{nparams} parameters do not fit in event length {len}")
            }
            DecodeError::ParamOverflow {
                index,
                param_len,
                len,
            } => {
                write!(
                    f,
                    "parameter {index} of length {param_len} exceeds event length {len}"
                )
            }
            DecodeError::UnknownParamCount => {
                write!(f, "cannot infer the parameter count of an old-format event")
            }
        }
    }
}

#[inline(always)]
pub(crate) fn le16(b: &[u8], off: usize) -> u16 {
    u16::from_le_bytes(b[off..off + 2].try_into().unwrap())
}

#[inline(always)]
pub(crate) fn le32(b: &[u8], off: usize) -> u32 {
    u32::from_le_bytes(b[off..off + 4].try_into().unwrap())
}

#[inline(always)]
pub(crate) fn le64(b: &[u8], off: usize) -> u64 {
    u64::from_le_bytes(b[off..off + 8].try_into().unwrap())
}

/// Sum of the first `n` entries of a length array of `width`-byte entries.
#[inline(always)]
fn sum_lens(lens: &[u8], width: usize) -> u64 {
    let mut sum = 0u64;
    if width == 2 {
        for c in lens.chunks_exact(2) {
            sum += u16::from_le_bytes([c[0], c[1]]) as u64;
        }
    } else {
        for c in lens.chunks_exact(4) {
            sum += u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as u64;
        }
    }
    sum
}

impl<'a> Event<'a> {
    /// Decode an event with the 26-byte header from `bytes` (which may extend past the
    /// event). Parameter lengths are validated.
    #[inline]
    pub fn decode(bytes: &'a [u8]) -> Result<Event<'a>, DecodeError> {
        let l = Self::layout(bytes)?;
        Ok(Self::from_layout(bytes, l, 0, 0, 0, 0))
    }

    /// [`Event::decode`] for bytes that were validated before, such as events a reader
    /// returned and that were copied into a buffer of one's own: the header is checked, the
    /// parameter lengths are not added up again. On bytes that were never validated this is
    /// still memory-safe: a parameter that extends past the event reads as absent
    /// ([`Event::param`] gives `None`, [`Event::params`] stops before it).
    #[inline]
    pub fn decode_validated(bytes: &'a [u8]) -> Result<Event<'a>, DecodeError> {
        let l = Self::layout_with::<false>(bytes)?;
        Ok(Self::from_layout(bytes, l, 0, 0, 0, 0))
    }

    /// The validation half of [`Event::decode`]: where the parts of the event are.
    #[inline(always)]
    pub(crate) fn layout(bytes: &[u8]) -> Result<Layout, DecodeError> {
        Self::layout_with::<true>(bytes)
    }

    /// [`Event::layout`]; the parameter lengths are checked against the event's length
    /// when `CHECK_PARAMS`.
    #[inline(always)]
    fn layout_with<const CHECK_PARAMS: bool>(bytes: &[u8]) -> Result<Layout, DecodeError> {
        if bytes.len() < abi::HEADER_LEN {
            return Err(DecodeError::ShortHeader(bytes.len()));
        }
        let len = le32(bytes, abi::OFF_LEN);
        if (len as usize) < abi::HEADER_LEN || len as usize > bytes.len() {
            return Err(DecodeError::BadLength {
                len,
                available: bytes.len(),
            });
        }
        let ty = le16(bytes, abi::OFF_TYPE);
        let nparams = le32(bytes, abi::OFF_NPARAMS);
        let large = falco_schema::is_large_type(ty);
        let width = if large { 4 } else { 2 };
        let lens_end = abi::HEADER_LEN as u64 + nparams as u64 * width as u64;
        if lens_end > len as u64 {
            return Err(DecodeError::TooManyParams { nparams, len });
        }
        let raw = &bytes[..len as usize];
        let lens = &raw[abi::HEADER_LEN..lens_end as usize];
        let data = &raw[lens_end as usize..];
        if CHECK_PARAMS && sum_lens(lens, width) > data.len() as u64 {
            // Find the offending parameter for the message.
            let mut off = 0u64;
            for i in 0..nparams {
                let pl = read_len(lens, i as usize, width);
                off += pl as u64;
                if off > data.len() as u64 {
                    return Err(DecodeError::ParamOverflow {
                        index: i,
                        param_len: pl,
                        len,
                    });
                }
            }
        }
        Ok(Layout {
            len: len as usize,
            lens_end: lens_end as usize,
            ty,
            nparams,
            large,
        })
    }

    /// The event that [`Event::layout`] validated, with its stream fields. Built as one
    /// value so that callers can return it without an intermediate copy (a copy of the
    /// freshly stored struct stalls on store forwarding).
    #[inline(always)]
    pub(crate) fn from_layout(
        bytes: &'a [u8],
        l: Layout,
        num: u64,
        cpu: u16,
        flags: u32,
        offset: u64,
    ) -> Event<'a> {
        let raw = &bytes[..l.len];
        Event {
            num,
            cpu,
            flags,
            offset,
            ts: le64(bytes, abi::OFF_TS),
            tid: le64(bytes, abi::OFF_TID),
            ty: l.ty,
            nparams: l.nparams,
            large: l.large,
            lens: &raw[abi::HEADER_LEN..l.lens_end],
            data: &raw[l.lens_end..],
            raw,
            v1: false,
        }
    }

    /// Decode an event with the old 22-byte header (no `nparams`), inferring the parameter
    /// count from the length the way libscap does: the largest count, at most the table's,
    /// whose lengths add up exactly to the event length.
    pub fn decode_v1(bytes: &'a [u8]) -> Result<Event<'a>, DecodeError> {
        const H: usize = abi::HEADER_LEN_V1;
        if bytes.len() < H {
            return Err(DecodeError::ShortHeader(bytes.len()));
        }
        let mut len = le32(bytes, abi::OFF_LEN);
        if (len as usize) < H || len as usize > bytes.len() {
            return Err(DecodeError::BadLength {
                len,
                available: bytes.len(),
            });
        }
        let ty = le16(bytes, abi::OFF_TYPE);
        let info = event_info(ty);
        // Old writers recorded these two events with a length 3 bytes too long.
        if matches!(
            ty,
            falco_schema::code::PPME_NOTIFICATION_E
                | falco_schema::code::PPME_INFRASTRUCTURE_EVENT_E
        ) && len as usize >= H + 3
        {
            len -= 3;
        }
        let large = info.is_some_and(|i| i.is_large());
        let width = if large { 4 } else { 2 };
        let raw = &bytes[..len as usize];
        let body = &raw[H..];
        let max = info.map_or(0, |i| i.params.len());
        let mut found = None;
        for n in (0..=max).rev() {
            let lens_len = n * width;
            if lens_len > body.len() {
                continue;
            }
            let total = lens_len as u64 + sum_lens(&body[..lens_len], width);
            if total < body.len() as u64 {
                return Err(DecodeError::UnknownParamCount);
            }
            if total == body.len() as u64 {
                found = Some(n);
                break;
            }
        }
        let n = found.ok_or(DecodeError::UnknownParamCount)?;
        Ok(Event {
            num: 0,
            cpu: 0,
            flags: 0,
            offset: 0,
            ts: le64(bytes, abi::OFF_TS),
            tid: le64(bytes, abi::OFF_TID),
            ty,
            nparams: n as u32,
            large,
            lens: &body[..n * width],
            data: &body[n * width..],
            raw,
            v1: true,
        })
    }

    /// Timestamp, nanoseconds since the epoch.
    #[inline]
    pub fn ts(&self) -> u64 {
        self.ts
    }

    /// Thread id.
    #[inline]
    pub fn tid(&self) -> u64 {
        self.tid
    }

    /// Event code.
    #[inline]
    pub fn ty(&self) -> u16 {
        self.ty
    }

    /// Number of parameters on the wire.
    #[inline]
    pub fn nparams(&self) -> u32 {
        self.nparams
    }

    /// Length of the event as a current-format (26-byte header) event.
    #[inline]
    pub fn len(&self) -> u32 {
        (abi::HEADER_LEN + self.lens.len() + self.data.len()) as u32
    }

    /// Always false: an event has at least a header.
    #[inline]
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The schema entry of this event type (`None` only for codes beyond the table).
    #[inline]
    pub fn info(&self) -> Option<&'static EventInfo> {
        event_info(self.ty)
    }

    /// True for enter events (even codes).
    #[inline]
    pub fn is_enter(&self) -> bool {
        self.ty & 1 == 0
    }

    /// True when the event was recorded with the old 22-byte header.
    #[inline]
    pub fn is_v1(&self) -> bool {
        self.v1
    }

    /// True when parameter lengths are 4 bytes wide.
    #[inline]
    pub fn is_large(&self) -> bool {
        self.large
    }

    /// The bytes of the event as recorded.
    #[inline]
    pub fn raw(&self) -> &'a [u8] {
        self.raw
    }

    /// The raw parameter length array.
    #[inline]
    pub fn raw_lens(&self) -> &'a [u8] {
        self.lens
    }

    /// The raw parameter values.
    #[inline]
    pub fn raw_data(&self) -> &'a [u8] {
        self.data
    }

    /// Iterate over the parameter values.
    #[inline]
    pub fn params(&self) -> Params<'a> {
        Params {
            lens: self.lens,
            data: self.data,
            large: self.large,
        }
    }

    /// Parameter `i`, `None` when the event has fewer parameters.
    #[inline]
    pub fn param(&self, i: usize) -> Option<&'a [u8]> {
        if i >= self.nparams as usize {
            return None;
        }
        let width = if self.large { 4 } else { 2 };
        let off = sum_lens(&self.lens[..i * width], width) as usize;
        let len = read_len(self.lens, i, width) as usize;
        self.data.get(off..off + len)
    }

    /// The parameter called `name` in the schema.
    pub fn param_by_name(&self, name: &str) -> Option<&'a [u8]> {
        let idx = self.info()?.param_index(name)?;
        self.param(idx)
    }

    /// Write the event in the current format (26-byte header) to `out`.
    pub fn write_v2(&self, out: &mut Vec<u8>) {
        if !self.v1 {
            out.extend_from_slice(self.raw);
            return;
        }
        out.extend_from_slice(&self.ts.to_le_bytes());
        out.extend_from_slice(&self.tid.to_le_bytes());
        out.extend_from_slice(&self.len().to_le_bytes());
        out.extend_from_slice(&self.ty.to_le_bytes());
        out.extend_from_slice(&self.nparams.to_le_bytes());
        out.extend_from_slice(self.lens);
        out.extend_from_slice(self.data);
    }
}

#[inline(always)]
fn read_len(lens: &[u8], i: usize, width: usize) -> u32 {
    if width == 2 {
        le16(lens, i * 2) as u32
    } else {
        le32(lens, i * 4)
    }
}

/// Iterator over the parameter values of an event.
#[derive(Clone, Debug)]
pub struct Params<'a> {
    /// Length entries not yet consumed.
    lens: &'a [u8],
    /// Values not yet returned.
    data: &'a [u8],
    /// Length entries are 4 bytes wide (else 2).
    large: bool,
}

impl<'a> Iterator for Params<'a> {
    type Item = &'a [u8];

    #[inline]
    fn next(&mut self) -> Option<&'a [u8]> {
        // Both slices shrink as parameters are returned: one length check per step, no
        // index arithmetic.
        let len = if self.large {
            let (l, rest) = self.lens.split_first_chunk::<4>()?;
            self.lens = rest;
            u32::from_le_bytes(*l) as usize
        } else {
            let (l, rest) = self.lens.split_first_chunk::<2>()?;
            self.lens = rest;
            u16::from_le_bytes(*l) as usize
        };
        let (v, rest) = self.data.split_at_checked(len)?;
        self.data = rest;
        Some(v)
    }
}

/// Builds a current-format event in a reusable buffer.
///
/// ```
/// use falco_scap::EventBuilder;
/// use falco_schema::code;
///
/// let mut b = EventBuilder::new();
/// b.begin(1_000, 42, code::PPME_SYSCALL_CLOSE_X);
/// b.param(&0i64.to_le_bytes());
/// b.param(&3i64.to_le_bytes());
/// let ev = b.event();
/// assert_eq!(ev.nparams(), 2);
/// assert_eq!(ev.param(1), Some(&3i64.to_le_bytes()[..]));
/// ```
#[derive(Debug, Default)]
pub struct EventBuilder {
    lens: Vec<u32>,
    data: Vec<u8>,
    out: Vec<u8>,
    pub(crate) ts: u64,
    tid: u64,
    ty: u16,
}

impl EventBuilder {
    /// A builder with empty buffers.
    pub fn new() -> EventBuilder {
        EventBuilder::default()
    }

    /// Start an event; previous parameters are discarded.
    pub fn begin(&mut self, ts: u64, tid: u64, ty: u16) {
        self.lens.clear();
        self.data.clear();
        self.ts = ts;
        self.tid = tid;
        self.ty = ty;
    }

    /// Append a parameter value.
    pub fn param(&mut self, value: &[u8]) {
        self.lens.push(value.len() as u32);
        self.data.extend_from_slice(value);
    }

    /// Append an empty (zero-length) parameter.
    pub fn empty(&mut self) {
        self.lens.push(0);
    }

    /// Number of parameters so far.
    pub fn nparams(&self) -> usize {
        self.lens.len()
    }

    /// Assemble the event and return its bytes.
    ///
    /// # Panics
    ///
    /// When a parameter is longer than 65,535 bytes in an event type whose parameter lengths
    /// are 16-bit (all but the large-payload types): its length cannot be written.
    pub fn finish(&mut self) -> &[u8] {
        let large = event_info(self.ty).is_some_and(|i| i.is_large());
        let width = if large { 4 } else { 2 };
        let len = abi::HEADER_LEN + self.lens.len() * width + self.data.len();
        self.out.clear();
        self.out.extend_from_slice(&self.ts.to_le_bytes());
        self.out.extend_from_slice(&self.tid.to_le_bytes());
        self.out.extend_from_slice(&(len as u32).to_le_bytes());
        self.out.extend_from_slice(&self.ty.to_le_bytes());
        self.out
            .extend_from_slice(&(self.lens.len() as u32).to_le_bytes());
        for &l in &self.lens {
            if large {
                self.out.extend_from_slice(&l.to_le_bytes());
            } else {
                // Truncating the length would silently shift every later parameter.
                assert!(
                    l <= u16::MAX as u32,
                    "a parameter of {l} bytes does not fit the 16-bit lengths of event type {}",
                    self.ty
                );
                self.out.extend_from_slice(&(l as u16).to_le_bytes());
            }
        }
        self.out.extend_from_slice(&self.data);
        &self.out
    }

    /// Assemble the event and decode it as a view.
    pub fn event(&mut self) -> Event<'_> {
        let bytes = self.finish();
        Event::decode(bytes).expect("a built event is well formed")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use falco_schema::code;

    fn v2(ty: u16, params: &[&[u8]]) -> Vec<u8> {
        let mut b = EventBuilder::new();
        b.begin(7, 9, ty);
        for p in params {
            b.param(p);
        }
        b.finish().to_vec()
    }

    #[test]
    fn decode_reads_header_and_params() {
        let bytes = v2(
            code::PPME_SYSCALL_OPEN_E,
            &[b"/etc/passwd\0", &[0, 0, 0, 0], &[1, 0, 0, 0]],
        );
        let ev = Event::decode(&bytes).unwrap();
        assert_eq!((ev.ts(), ev.tid(), ev.ty(), ev.nparams()), (7, 9, 2, 3));
        assert_eq!(ev.len() as usize, bytes.len());
        let ps: Vec<_> = ev.params().collect();
        assert_eq!(ps[0], b"/etc/passwd\0");
        assert_eq!(ev.param(2), Some(&[1u8, 0, 0, 0][..]));
        assert_eq!(ev.param(3), None);
        assert_eq!(ev.param_by_name("name"), Some(&b"/etc/passwd\0"[..]));
    }

    #[test]
    fn decode_rejects_overflowing_param() {
        let mut bytes = v2(code::PPME_SYSCALL_CLOSE_X, &[&[0; 8], &[0; 8]]);
        bytes[26] = 200; // first length now exceeds the event
        assert!(matches!(
            Event::decode(&bytes),
            Err(DecodeError::ParamOverflow { index: 0, .. })
        ));
        let mut bytes = v2(code::PPME_SYSCALL_CLOSE_X, &[&[0; 8]]);
        bytes[22] = 0xff; // nparams
        assert!(matches!(
            Event::decode(&bytes),
            Err(DecodeError::TooManyParams { .. })
        ));
        let bytes = v2(code::PPME_SYSCALL_CLOSE_X, &[]);
        assert!(matches!(
            Event::decode(&bytes[..20]),
            Err(DecodeError::ShortHeader(20))
        ));
    }

    #[test]
    fn large_payload_events_use_u32_lengths() {
        let json = vec![b'x'; 70_000];
        let bytes = v2(code::PPME_CONTAINER_JSON_2_E, &[&json]);
        let ev = Event::decode(&bytes).unwrap();
        assert!(ev.is_large());
        assert_eq!(ev.param(0).unwrap().len(), 70_000);
    }

    #[test]
    fn v1_infers_param_count() {
        // close exit with one 8-byte param, written without nparams.
        let full = v2(code::PPME_SYSCALL_CLOSE_X, &[&[5, 0, 0, 0, 0, 0, 0, 0]]);
        let mut old = Vec::new();
        old.extend_from_slice(&full[..16]);
        old.extend_from_slice(&((full.len() - 4) as u32).to_le_bytes());
        old.extend_from_slice(&full[20..22]);
        old.extend_from_slice(&full[26..]);
        let ev = Event::decode_v1(&old).unwrap();
        assert_eq!(ev.nparams(), 1);
        assert_eq!(ev.param(0), Some(&[5, 0, 0, 0, 0, 0, 0, 0][..]));
        let mut again = Vec::new();
        ev.write_v2(&mut again);
        assert_eq!(again, full);
    }
}
