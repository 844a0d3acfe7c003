//! Block types of the `.scap` capture file format.
//!
//! A capture file is a sequence of blocks (a pcapng-like container). Every block is
//!
//! ```text
//! u32 block_type
//! u32 block_total_length   header + body + padding + trailer, a multiple of 4
//! ... body
//! ... zero padding to a multiple of 4
//! u32 block_total_length   (trailer, repeats the header's)
//! ```
//!
//! All integers are little-endian. The first block is the section header; metadata blocks
//! (machine info, process list, fd lists, interface list, user list) follow, then event
//! blocks. Several ids exist for each metadata block: one per layout version, plus
//! "legacy" ids used by pre-release writers.

/// Section header (same value as pcapng's).
pub const SHB: u32 = 0x0A0D_0D0A;
/// Byte-order magic in the section header.
pub const SHB_MAGIC: u32 = 0x1A2B_3C4D;
/// Major version written and the highest accepted.
pub const SHB_MAJOR: u16 = 1;
/// Minor version written.
pub const SHB_MINOR: u16 = 2;

/// Machine info.
pub const MI: u32 = 0x201;
/// Machine info, legacy id.
pub const MI_INT: u32 = 0x8002_ABCD;

/// Process list, versions 1 to 9 (and legacy ids of 1 to 3).
pub const PL_V1: u32 = 0x202;
#[allow(missing_docs)]
pub const PL_V1_INT: u32 = 0x8000_ABCD;
#[allow(missing_docs)]
pub const PL_V2: u32 = 0x207;
#[allow(missing_docs)]
pub const PL_V2_INT: u32 = 0x8013_ABCD;
#[allow(missing_docs)]
pub const PL_V3: u32 = 0x209;
#[allow(missing_docs)]
pub const PL_V3_INT: u32 = 0x8014_ABCD;
#[allow(missing_docs)]
pub const PL_V4: u32 = 0x210;
#[allow(missing_docs)]
pub const PL_V5: u32 = 0x211;
#[allow(missing_docs)]
pub const PL_V6: u32 = 0x212;
#[allow(missing_docs)]
pub const PL_V7: u32 = 0x213;
#[allow(missing_docs)]
pub const PL_V8: u32 = 0x214;
/// Process list version 9: the one current writers use (entries carry their length).
pub const PL_V9: u32 = 0x215;

/// Fd list, version 1.
pub const FDL_V1: u32 = 0x203;
/// Fd list, version 1, legacy id.
pub const FDL_V1_INT: u32 = 0x8001_ABCD;
/// Fd list, version 2 (entries carry their length).
pub const FDL_V2: u32 = 0x218;

/// Event with the 22-byte header (no `nparams`).
pub const EV: u32 = 0x204;
/// Event, legacy id.
pub const EV_INT: u32 = 0x8010_ABCD;
/// Event with the 26-byte header.
pub const EV_V2: u32 = 0x216;
/// Event with the 26-byte header and a large payload.
pub const EV_V2_LARGE: u32 = 0x221;
/// Event with flags and the 22-byte header.
pub const EVF: u32 = 0x208;
/// Event with flags and the 26-byte header.
pub const EVF_V2: u32 = 0x217;
/// Event with flags, the 26-byte header and a large payload.
pub const EVF_V2_LARGE: u32 = 0x222;

/// Interface list, version 1.
pub const IL_V1: u32 = 0x205;
/// Interface list, version 1, legacy id.
pub const IL_V1_INT: u32 = 0x8011_ABCD;
/// Interface list, version 2.
pub const IL_V2: u32 = 0x219;

/// User list, version 1.
pub const UL_V1: u32 = 0x206;
/// User list, version 1, legacy id.
pub const UL_V1_INT: u32 = 0x8012_ABCD;
/// User list, version 2.
pub const UL_V2: u32 = 0x220;

/// Total length of a block with `body` bytes of body.
#[inline]
pub const fn total_len(body: usize) -> usize {
    (8 + body + 4 + 3) & !3
}

/// The kind of an event block, if `ty` is one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EventBlock {
    /// 22-byte header, no flags.
    V1,
    /// 22-byte header with flags.
    V1Flags,
    /// 26-byte header, no flags.
    V2,
    /// 26-byte header with flags.
    V2Flags,
}

impl EventBlock {
    #[inline]
    pub(crate) fn of(ty: u32) -> Option<EventBlock> {
        match ty {
            EV_V2 | EV_V2_LARGE => Some(EventBlock::V2),
            EVF_V2 | EVF_V2_LARGE => Some(EventBlock::V2Flags),
            EV | EV_INT => Some(EventBlock::V1),
            EVF => Some(EventBlock::V1Flags),
            _ => None,
        }
    }

    /// Bytes before the event in the block body (cpu id, and flags).
    #[inline]
    pub(crate) fn prefix(self) -> usize {
        match self {
            EventBlock::V1 | EventBlock::V2 => 2,
            EventBlock::V1Flags | EventBlock::V2Flags => 6,
        }
    }
}
