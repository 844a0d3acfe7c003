//! Reading event parameters the way the parsers need them: integers of any recorded width,
//! strings without their terminator, and "empty" (zero-length) parameters told apart from
//! absent ones.

use falco_scap::Event;

/// A signed integer parameter of 1, 2, 4 or 8 bytes.
pub(crate) fn int(p: &[u8]) -> Option<i64> {
    Some(match p.len() {
        1 => p[0] as i8 as i64,
        2 => i16::from_le_bytes([p[0], p[1]]) as i64,
        4 => i32::from_le_bytes([p[0], p[1], p[2], p[3]]) as i64,
        8 => i64::from_le_bytes(p.try_into().ok()?),
        _ => return None,
    })
}

/// An unsigned integer parameter of 1, 2, 4 or 8 bytes.
pub(crate) fn uint(p: &[u8]) -> Option<u64> {
    Some(match p.len() {
        1 => p[0] as u64,
        2 => u16::from_le_bytes([p[0], p[1]]) as u64,
        4 => u32::from_le_bytes([p[0], p[1], p[2], p[3]]) as u64,
        8 => u64::from_le_bytes(p.try_into().ok()?),
        _ => return None,
    })
}

/// Parameter `i`, `None` when absent or empty.
#[inline]
pub(crate) fn raw<'a>(ev: &Event<'a>, i: usize) -> Option<&'a [u8]> {
    ev.param(i).filter(|p| !p.is_empty())
}

/// Signed integer parameter `i`.
#[inline]
pub(crate) fn i64p(ev: &Event<'_>, i: usize) -> Option<i64> {
    raw(ev, i).and_then(int)
}

/// Unsigned integer parameter `i`.
#[inline]
pub(crate) fn u64p(ev: &Event<'_>, i: usize) -> Option<u64> {
    raw(ev, i).and_then(uint)
}

/// Unsigned 32-bit parameter `i` (wider values are cut, as C casts them).
#[inline]
pub(crate) fn u32p(ev: &Event<'_>, i: usize) -> Option<u32> {
    u64p(ev, i).map(|v| v as u32)
}

/// A string parameter without its terminating NUL (and anything after a NUL).
#[inline]
pub(crate) fn strp<'a>(ev: &Event<'a>, i: usize) -> Option<&'a [u8]> {
    raw(ev, i).map(cstr)
}

/// The bytes before the first NUL.
#[inline]
pub(crate) fn cstr(p: &[u8]) -> &[u8] {
    match memchr::memchr(0, p) {
        Some(n) => &p[..n],
        None => p,
    }
}

/// The return value of a syscall exit event: its first parameter when it is named `res` or
/// `fd` (as libsinsp decides), else `None`.
pub(crate) fn retval(ev: &Event<'_>) -> Option<i64> {
    let info = ev.info()?;
    let first = info.params.first()?;
    if first.name == "res" || first.name == "fd" {
        i64p(ev, 0)
    } else {
        None
    }
}
