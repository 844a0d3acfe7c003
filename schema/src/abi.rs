//! Byte layout of the event wire format.
//!
//! An event is a packed header followed by an array of parameter lengths and the parameter
//! values, back to back, with no alignment anywhere. All integers are little-endian.
//!
//! ```text
//! off  size  field
//!   0     8  ts       u64  nanoseconds since the Unix epoch
//!   8     8  tid      u64  kernel thread id (init pid namespace)
//!  16     4  len      u32  total length of the event, header included
//!  20     2  type     u16  event code (index into EVENTS)
//!  22     4  nparams  u32  number of entries in the length array
//!  26   n*W  lengths       W = 2 (u16), or 4 (u32) for LARGE_PAYLOAD event types
//!   ..       values        nparams values, each exactly as long as its length entry
//! ```
//!
//! Capture files written before 2014 ("EV v1" blocks) carry a 22-byte header without
//! `nparams`; readers infer it (see `falco-scap`).

/// Size of the event header with `nparams` (`struct ppm_evt_hdr`).
pub const HEADER_LEN: usize = 26;
/// Size of the old event header without `nparams` (EV v1 capture blocks).
pub const HEADER_LEN_V1: usize = 22;
/// Offset of `ts` in the header.
pub const OFF_TS: usize = 0;
/// Offset of `tid` in the header.
pub const OFF_TID: usize = 8;
/// Offset of `len` in the header.
pub const OFF_LEN: usize = 16;
/// Offset of `type` in the header.
pub const OFF_TYPE: usize = 20;
/// Offset of `nparams` in the header.
pub const OFF_NPARAMS: usize = 22;
/// Maximum number of parameters of one event.
pub const MAX_EVENT_PARAMS: usize = 32;
/// Maximum size of one parameter written by the drivers.
pub const MAX_ARG_SIZE: usize = 65000;
/// Default number of bytes of I/O buffers captured.
pub const SNAPLEN_DEFAULT: u32 = 80;
/// Largest snaplen a driver accepts.
pub const SNAPLEN_MAX: u32 = 65000;

/// Driver API version this schema matches (major, minor, patch).
pub const API_VERSION: (u32, u32, u32) = (10, 1, 0);
/// Schema version (major, minor, patch): changes with every change of [`crate::EVENTS`].
pub const SCHEMA_VERSION: (u32, u32, u32) = (4, 5, 1);

/// Encode a semver triple the way the drivers report versions: major in bits 44..63, minor
/// in bits 24..44, patch in bits 0..24.
pub const fn encode_version(v: (u32, u32, u32)) -> u64 {
    ((v.0 as u64) << 44) | ((v.1 as u64) << 24) | (v.2 as u64)
}

/// Socket families as written in `SOCKADDR`/`SOCKTUPLE` parameters (`PPM_AF_*`).
#[allow(missing_docs)]
pub mod af {
    pub const UNSPEC: u8 = 0;
    pub const UNIX: u8 = 1;
    pub const INET: u8 = 2;
    pub const INET6: u8 = 10;
    pub const NETLINK: u8 = 16;
    pub const PACKET: u8 = 17;
}
