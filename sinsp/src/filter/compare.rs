//! Typed comparison: how literals are read for a field type, which operators a type accepts,
//! and how an extracted value compares with a literal.
//!
//! A check compares in one domain, its [`Kind`], chosen by the (transformed) type of its left
//! side: signed or unsigned integers of the type's width, doubles, booleans, C strings,
//! buffers, addresses or networks. Extracted values and literals are both brought to that
//! domain: integers are truncated to the width (so `evt.cpu`, INT16, compares as 16 bits),
//! strings stop at their first NUL (string compares are C-string compares upstream).

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::OnceLock;

use falco_schema::ParamType;

use super::ast::Op;
use super::glob::fnmatch;
use crate::value::Value;

/// The comparison domain of a check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Signed integer of this many bits.
    Signed(u8),
    /// Unsigned integer of this many bits.
    Unsigned(u8),
    Double,
    Bool,
    /// Text, compared as a C string.
    Str,
    /// Raw bytes.
    Buf,
    /// Address: IPv4 only, IPv6 only, or either.
    Addr(Family),
    /// Network (CIDR): the value is an address, the literal a network.
    Net(Family),
    /// Not comparable (only `exists` applies).
    Other,
}

/// Which IP versions a type holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Family {
    V4,
    V6,
    Any,
}

/// The comparison domain of values of type `t`.
pub(crate) fn kind_of(t: ParamType) -> Kind {
    use ParamType::*;
    match t {
        Int8 => Kind::Signed(8),
        Int16 => Kind::Signed(16),
        Int32 | Fd32 | Pid32 => Kind::Signed(32),
        Int64 | Errno | Fd | Pid => Kind::Signed(64),
        Uint8 | Flags8 | Enumflags8 | Sigtype | L4proto => Kind::Unsigned(8),
        Uint16 | Flags16 | Enumflags16 | Port | Syscallid => Kind::Unsigned(16),
        Uint32 | Flags32 | Enumflags32 | Mode | Uid | Gid => Kind::Unsigned(32),
        Uint64 | Reltime | Abstime => Kind::Unsigned(64),
        Double => Kind::Double,
        Bool => Kind::Bool,
        Charbuf | Fspath | Fsrelpath => Kind::Str,
        Bytebuf => Kind::Buf,
        Ipv4addr => Kind::Addr(Family::V4),
        Ipv6addr => Kind::Addr(Family::V6),
        Ipaddr => Kind::Addr(Family::Any),
        Ipv4net => Kind::Net(Family::V4),
        Ipv6net => Kind::Net(Family::V6),
        Ipnet => Kind::Net(Family::Any),
        _ => Kind::Other,
    }
}

/// The type's name as libsinsp's messages spell it (`CHARBUF`, `UINT64`, ...).
pub(crate) fn type_name(t: ParamType) -> &'static str {
    use ParamType::*;
    match t {
        Dyn => "DYNAMIC",
        CharbufPairArray => "CHARBUF_PAIR_ARRAY",
        Ipv6addr | Ipv6net | Fd32 | Pid32 => "<NA>",
        None => "NONE",
        Int8 => "INT8",
        Int16 => "INT16",
        Int32 => "INT32",
        Int64 => "INT64",
        Uint8 => "UINT8",
        Uint16 => "UINT16",
        Uint32 => "UINT32",
        Uint64 => "UINT64",
        Charbuf => "CHARBUF",
        Bytebuf => "BYTEBUF",
        Errno => "ERRNO",
        Sockaddr => "SOCKADDR",
        Socktuple => "SOCKTUPLE",
        Fd => "FD",
        Pid => "PID",
        Fdlist => "FDLIST",
        Fspath => "FSPATH",
        Syscallid => "SYSCALLID",
        Sigtype => "SIGTYPE",
        Reltime => "RELTIME",
        Abstime => "ABSTIME",
        Port => "PORT",
        L4proto => "L4PROTO",
        Sockfamily => "SOCKFAMILY",
        Bool => "BOOL",
        Ipv4addr => "IPV4ADDR",
        Flags8 => "FLAGS8",
        Flags16 => "FLAGS16",
        Flags32 => "FLAGS32",
        Uid => "UID",
        Gid => "GID",
        Double => "DOUBLE",
        Sigset => "SIGSET",
        Charbufarray => "CHARBUFARRAY",
        Ipv4net => "IPV4NET",
        Ipaddr => "IPADDR",
        Ipnet => "IPNET",
        Mode => "MODE",
        Fsrelpath => "FSRELPATH",
        Enumflags8 => "ENUMFLAGS8",
        Enumflags16 => "ENUMFLAGS16",
        Enumflags32 => "ENUMFLAGS32",
    }
}

/// Checks that operator `op` (with a modifier or not) applies to values of type `t`, with
/// libsinsp's messages. List-valued operands accept only `in`, `intersects` and `exists`.
///
/// Divergence: libsinsp rejects every operator on UID, GID, L4PROTO and the 32-bit FD/PID
/// types (they are missing from its table, an oversight: its comparison code handles them);
/// UID, GID, FD32 and PID32 are numeric here.
pub(crate) fn check_comparable(
    op: Option<Op>,
    modifier: bool,
    t: ParamType,
    list: bool,
) -> Result<(), String> {
    let Some(op) = op else {
        return Ok(()); // exists
    };
    let name = op.canonical_str();
    if list {
        return match t {
            ParamType::Charbuf
            | ParamType::Uint64
            | ParamType::Reltime
            | ParamType::Abstime
            | ParamType::Bool
            | ParamType::Ipaddr
            | ParamType::Ipnet => {
                if matches!(op, Op::In | Op::Intersects) {
                    Ok(())
                } else {
                    Err(format!("'{name}' operator not supported list filters"))
                }
            }
            _ => Err(format!(
                "list filters are not supported for type '{}'",
                type_name(t)
            )),
        };
    }
    use Op::*;
    let ok = match kind_of(t) {
        Kind::Signed(_) | Kind::Unsigned(_) | Kind::Double if !matches!(t, ParamType::L4proto) => {
            matches!(op, Eq | EqEq | Ne | Lt | Le | Gt | Ge | In | Intersects)
                .then_some(())
                .ok_or("numeric filters")
        }
        Kind::Bool => matches!(op, Eq | EqEq | Ne | In | Intersects)
            .then_some(())
            .ok_or("numeric filters"),
        Kind::Str => (!matches!(op, BContains | BStartsWith))
            .then_some(())
            .ok_or("string filters"),
        Kind::Buf => matches!(
            op,
            Eq | EqEq
                | Ne
                | Contains
                | In
                | StartsWith
                | EndsWith
                | Intersects
                | BContains
                | BStartsWith
        )
        .then_some(())
        .ok_or("buffer filters"),
        Kind::Addr(_) | Kind::Net(_) => {
            let base = matches!(op, Eq | EqEq | Ne | In | Intersects);
            if modifier && !base {
                return Err(format!(
                    "'{name}' with modifier not supported for ip address and network filters"
                ));
            }
            base.then_some(()).ok_or("ip address and network filters")
        }
        _ => {
            return Err(format!(
                "'{name}' operator not supported for type '{}'",
                type_name(t)
            ))
        }
    };
    ok.map_err(|what| format!("'{name}' operator not supported for {what}"))
}

/// A literal, read for a [`Kind`].
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Lit {
    Int(i64),
    Uint(u64),
    Double(f64),
    Bool(bool),
    Bytes(Vec<u8>),
    V4([u8; 4]),
    V6([u8; 16]),
    /// IPv4 network: address and mask, both in network order.
    Net4([u8; 4], [u8; 4]),
    /// IPv6 network: address and prefix length (1 to 128).
    Net6([u8; 16], u8),
}

/// An extracted value brought to a check's [`Kind`].
#[derive(Clone, Copy, Debug)]
pub(crate) enum Norm<'a> {
    I(i64),
    U(u64),
    D(f64),
    B(bool),
    S(&'a [u8]),
    V4([u8; 4]),
    V6([u8; 16]),
}

fn trunc_signed(v: i64, bits: u8) -> i64 {
    match bits {
        8 => v as i8 as i64,
        16 => v as i16 as i64,
        32 => v as i32 as i64,
        _ => v,
    }
}

fn trunc_unsigned(v: u64, bits: u8) -> u64 {
    match bits {
        8 => v as u8 as u64,
        16 => v as u16 as u64,
        32 => v as u32 as u64,
        _ => v,
    }
}

/// `s` up to its first NUL.
pub(crate) fn c_str(s: &[u8]) -> &[u8] {
    match memchr::memchr(0, s) {
        Some(n) => &s[..n],
        None => s,
    }
}

/// The value in the domain `kind`; `None` when it has no place there.
pub(crate) fn normalize(kind: Kind, v: Value<'_>) -> Option<Norm<'_>> {
    Some(match (kind, v) {
        (Kind::Signed(b), Value::Int(i)) => Norm::I(trunc_signed(i, b)),
        (Kind::Signed(b), Value::Uint(u)) => Norm::I(trunc_signed(u as i64, b)),
        (Kind::Signed(b), Value::Bool(x)) => Norm::I(trunc_signed(x as i64, b)),
        (Kind::Signed(b), Value::Double(d)) => Norm::I(trunc_signed(d as i64, b)),
        (Kind::Unsigned(b), Value::Uint(u)) => Norm::U(trunc_unsigned(u, b)),
        (Kind::Unsigned(b), Value::Int(i)) => Norm::U(trunc_unsigned(i as u64, b)),
        (Kind::Unsigned(_), Value::Bool(x)) => Norm::U(x as u64),
        (Kind::Unsigned(b), Value::Double(d)) => Norm::U(trunc_unsigned(d as u64, b)),
        (Kind::Double, Value::Double(d)) => Norm::D(d),
        (Kind::Double, Value::Int(i)) => Norm::D(i as f64),
        (Kind::Double, Value::Uint(u)) => Norm::D(u as f64),
        (Kind::Bool, Value::Bool(x)) => Norm::B(x),
        (Kind::Bool, Value::Int(i)) => Norm::B(i != 0),
        (Kind::Bool, Value::Uint(u)) => Norm::B(u != 0),
        (Kind::Str, Value::Str(s) | Value::Bytes(s)) => Norm::S(c_str(s)),
        (Kind::Buf, Value::Str(s) | Value::Bytes(s)) => Norm::S(s),
        (Kind::Addr(_) | Kind::Net(_), Value::Ipv4(a) | Value::Ipv4Net(a, _)) => Norm::V4(a),
        (Kind::Addr(_) | Kind::Net(_), Value::Ipv6(a) | Value::Ipv6Net(a, _)) => Norm::V6(a),
        _ => return None,
    })
}

/// Stores a value brought to a domain as a literal, reusing `slot`'s buffer.
pub(crate) fn store_norm(n: Norm<'_>, slot: &mut Lit) {
    match n {
        Norm::I(i) => *slot = Lit::Int(i),
        Norm::U(u) => *slot = Lit::Uint(u),
        Norm::D(d) => *slot = Lit::Double(d),
        Norm::B(b) => *slot = Lit::Bool(b),
        Norm::V4(a) => *slot = Lit::V4(a),
        Norm::V6(a) => *slot = Lit::V6(a),
        Norm::S(s) => {
            if let Lit::Bytes(buf) = slot {
                buf.clear();
                buf.extend_from_slice(s);
            } else {
                *slot = Lit::Bytes(s.to_vec());
            }
        }
    }
}

// ---- literals ----

/// Reads `text` as a value of type `t` (libsinsp's value parser). Integers follow C's
/// `sscanf("%d")`/`"%u"`: decimal only, optional leading blanks and sign, no trailing
/// characters; the number is then truncated to the type's width (negative numbers wrap for
/// unsigned types). DOUBLE reads an integer. PORT also accepts service names
/// (`/etc/services`). Addresses: IPADDR is IPv4 when the text has a dot; networks need a
/// `/prefix`.
pub(crate) fn parse_literal(t: ParamType, text: &[u8]) -> Result<Lit, String> {
    if t != ParamType::Bytebuf && text.contains(&0) {
        return Err("filter error: filter value cannot contain a NUL byte (\\x00)".to_string());
    }
    let s = || String::from_utf8_lossy(text).into_owned();
    let not_number = || format!("{} is not a valid number", s());
    use ParamType::*;
    Ok(match kind_of(t) {
        Kind::Signed(bits) => {
            // INT64, FD, PID, ERRNO read as `%ld`; narrower types as `%d` then truncated.
            let v = scan_signed(text).ok_or_else(not_number)?;
            Lit::Int(if bits == 64 {
                v
            } else {
                trunc_signed(v as i32 as i64, bits)
            })
        }
        Kind::Unsigned(_) if t == Port => Lit::Uint(parse_port(text, &s())? as u64),
        Kind::Unsigned(bits) => {
            let v = scan_unsigned(text).ok_or_else(not_number)?;
            Lit::Uint(if bits == 64 {
                v
            } else {
                trunc_unsigned(v as u32 as u64, bits)
            })
        }
        Kind::Double => Lit::Double(scan_signed(text).ok_or_else(not_number)? as i32 as f64),
        Kind::Bool => match text {
            b"true" => Lit::Bool(true),
            b"false" => Lit::Bool(false),
            _ => return Err(format!("filter error: unrecognized boolean value {}", s())),
        },
        Kind::Str | Kind::Buf => Lit::Bytes(text.to_vec()),
        Kind::Addr(fam) => {
            let v4 = match fam {
                Family::V4 => true,
                Family::V6 => false,
                Family::Any => text.contains(&b'.'),
            };
            if v4 {
                let a: Ipv4Addr = s()
                    .parse()
                    .map_err(|_| format!("unrecognized IPv4 address {}", s()))?;
                Lit::V4(a.octets())
            } else {
                let a: Ipv6Addr = s()
                    .parse()
                    .map_err(|_| format!("unrecognized IPv6 address {}", s()))?;
                Lit::V6(a.octets())
            }
        }
        Kind::Net(fam) => {
            let v4 = match fam {
                Family::V4 => true,
                Family::V6 => false,
                Family::Any => text.contains(&b'.'),
            };
            let s = s();
            if v4 {
                let Some((ip, mask)) = s.split_once('/') else {
                    return Err(format!("unrecognized IP network {s}"));
                };
                let a: Ipv4Addr = ip
                    .parse()
                    .map_err(|_| format!("unrecognized IP address {s}"))?;
                let len = scan_unsigned(mask.as_bytes())
                    .ok_or_else(|| format!("{mask} is not a valid number"))?
                    as u8;
                if len > 32 {
                    return Err(format!("invalid netmask {mask}"));
                }
                let m = if len == 0 { 0 } else { u32::MAX << (32 - len) };
                Lit::Net4(a.octets(), m.to_be_bytes())
            } else {
                let Some((ip, mask)) = s.split_once('/') else {
                    return Err(format!("invalid v6 netmask: {s}"));
                };
                let a: Ipv6Addr = ip
                    .parse()
                    .map_err(|_| format!("unrecognized IPv6 address {s}"))?;
                let len = scan_unsigned(mask.as_bytes())
                    .ok_or_else(|| format!("{mask} is not a valid number"))?
                    as u8;
                if len == 0 || len > 128 {
                    return Err(format!("invalid v6 netmask {mask}"));
                }
                Lit::Net6(a.octets(), len)
            }
        }
        Kind::Other => return Err(format!("wrong parameter type {}", t as u8)),
    })
}

/// The sign and digits of a C integer: optional leading blanks, an optional sign, at least
/// one decimal digit, nothing after. The magnitude saturates.
fn scan(text: &[u8]) -> Option<(bool, u128)> {
    let mut i = text
        .iter()
        .take_while(|&&c| super::escape::is_space(c))
        .count();
    let neg = match text.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let digits = &text[i..];
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut mag: u128 = 0;
    for &d in digits {
        mag = mag.saturating_mul(10).saturating_add((d - b'0') as u128);
    }
    Some((neg, mag))
}

/// `strtol` semantics: clamps to the i64 range.
pub(crate) fn scan_signed(text: &[u8]) -> Option<i64> {
    let (neg, mag) = scan(text)?;
    Some(if neg {
        if mag > 1u128 << 63 {
            i64::MIN
        } else {
            (mag as i128).wrapping_neg() as i64
        }
    } else if mag > i64::MAX as u128 {
        i64::MAX
    } else {
        mag as i64
    })
}

/// `strtoul` semantics: a negative number wraps; overflow gives the maximum.
pub(crate) fn scan_unsigned(text: &[u8]) -> Option<u64> {
    let (neg, mag) = scan(text)?;
    Some(if mag > u64::MAX as u128 {
        u64::MAX
    } else if neg {
        (mag as u64).wrapping_neg()
    } else {
        mag as u64
    })
}

/// A port: digits (read as a C `int`), empty (0), or a service name from `/etc/services`.
fn parse_port(text: &[u8], s: &str) -> Result<u16, String> {
    if text.is_empty() {
        return Ok(0);
    }
    if text.iter().all(u8::is_ascii_digit) {
        let v = scan_unsigned(text).unwrap_or(u64::MAX);
        if v > i32::MAX as u64 {
            return Err(format!("{s} is not a valid port number"));
        }
        return Ok(v as u16);
    }
    service_port(s).ok_or_else(|| format!("unrecognized protocol {s}"))
}

/// The port of service `name` (or an alias) in `/etc/services`, any protocol, first match.
fn service_port(name: &str) -> Option<u16> {
    static SERVICES: OnceLock<Vec<(String, u16)>> = OnceLock::new();
    let table = SERVICES.get_or_init(|| {
        let text = std::fs::read_to_string("/etc/services").unwrap_or_default();
        let mut out = Vec::new();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("");
            let mut words = line.split_whitespace();
            let (Some(svc), Some(port)) = (words.next(), words.next()) else {
                continue;
            };
            let Some(port) = port.split('/').next().and_then(|p| p.parse::<u16>().ok()) else {
                continue;
            };
            out.push((svc.to_string(), port));
            for alias in words {
                out.push((alias.to_string(), port));
            }
        }
        out
    });
    table.iter().find(|(n, _)| n == name).map(|&(_, p)| p)
}

/// Decodes an even-length string of hex digits (`bcontains`, `bstartswith`).
pub(crate) fn unhex(text: &[u8]) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    text.chunks(2)
        .map(|p| {
            let h = super::escape::hex_digit(p[0])?;
            let l = super::escape::hex_digit(p[1])?;
            Some(h << 4 | l)
        })
        .collect()
}

// ---- comparing ----

/// A scalar operator, after spelling and list operators are resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Contains,
    IContains,
    StartsWith,
    EndsWith,
    Glob,
    IGlob,
}

impl CmpOp {
    /// The scalar operator of `op` (`bcontains` is `contains` on already-decoded bytes).
    pub(crate) fn of(op: Op) -> Option<CmpOp> {
        Some(match op {
            Op::Eq | Op::EqEq | Op::In | Op::Intersects => CmpOp::Eq,
            Op::Ne => CmpOp::Ne,
            Op::Lt => CmpOp::Lt,
            Op::Le => CmpOp::Le,
            Op::Gt => CmpOp::Gt,
            Op::Ge => CmpOp::Ge,
            Op::Contains | Op::BContains => CmpOp::Contains,
            Op::IContains => CmpOp::IContains,
            Op::StartsWith | Op::BStartsWith => CmpOp::StartsWith,
            Op::EndsWith => CmpOp::EndsWith,
            Op::Glob => CmpOp::Glob,
            Op::IGlob => CmpOp::IGlob,
            Op::Regex | Op::PMatch => return None,
        })
    }
}

fn ord<T: PartialOrd>(op: CmpOp, a: T, b: T) -> bool {
    match op {
        CmpOp::Eq => a == b,
        CmpOp::Ne => a != b,
        CmpOp::Lt => a < b,
        CmpOp::Le => a <= b,
        CmpOp::Gt => a > b,
        CmpOp::Ge => a >= b,
        _ => false,
    }
}

/// ASCII case-insensitive substring search (`strcasestr`).
pub(crate) fn icontains(hay: &[u8], needle: &[u8]) -> bool {
    if needle.is_empty() {
        return true;
    }
    needle.len() <= hay.len()
        && hay
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

/// `op` between an extracted value and a literal of the same domain. Strings compare as C
/// strings; a family mismatch between addresses makes `=` false and `!=` true.
pub(crate) fn compare(op: CmpOp, v: Norm<'_>, lit: &Lit, kind: Kind) -> bool {
    match (v, lit) {
        (Norm::I(a), Lit::Int(b)) => ord(op, a, *b),
        (Norm::U(a), Lit::Uint(b)) => ord(op, a, *b),
        (Norm::D(a), Lit::Double(b)) => ord(op, a, *b),
        (Norm::B(a), Lit::Bool(b)) => ord(op, a, *b),
        (Norm::S(a), Lit::Bytes(b)) => compare_bytes(op, a, b, kind),
        (Norm::V4(a), Lit::V4(b)) => ord(op, a, *b),
        (Norm::V6(a), Lit::V6(b)) => ord(op, a, *b),
        (Norm::V4(a), Lit::Net4(net, mask)) => {
            let inside = (0..4).all(|i| a[i] & mask[i] == net[i] & mask[i]);
            ord(op, inside, true)
        }
        (Norm::V6(a), Lit::Net6(net, len)) => ord(op, in_net6(&a, net, *len), true),
        _ => op == CmpOp::Ne,
    }
}

/// True if `a` is in the IPv6 network `net/len`.
pub(crate) fn in_net6(a: &[u8; 16], net: &[u8; 16], len: u8) -> bool {
    let full = (len / 8) as usize;
    if a[..full] != net[..full] {
        return false;
    }
    let bits = len % 8;
    if bits == 0 {
        return true;
    }
    let mask = 0xffu8 << (8 - bits);
    a[full] & mask == net[full] & mask
}

fn compare_bytes(op: CmpOp, a: &[u8], b: &[u8], kind: Kind) -> bool {
    // String literals cannot hold NULs; values read from a right-hand field are cut already.
    match op {
        CmpOp::Eq => a == b,
        CmpOp::Ne => a != b,
        CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge => ord(op, a, b),
        CmpOp::Contains => memchr::memmem::find(a, b).is_some(),
        CmpOp::IContains => icontains(a, b),
        CmpOp::StartsWith => a.starts_with(b),
        CmpOp::EndsWith => a.ends_with(b),
        CmpOp::Glob => kind == Kind::Str && fnmatch(b, a, false),
        CmpOp::IGlob => kind == Kind::Str && fnmatch(b, a, true),
    }
}

/// The bytes a value is looked up by in an `in` set: equal keys for equal values.
pub(crate) fn set_key<'a>(v: &Norm<'a>, buf: &'a mut [u8; 16]) -> &'a [u8] {
    match *v {
        Norm::I(i) => {
            buf[..8].copy_from_slice(&i.to_le_bytes());
            &buf[..8]
        }
        Norm::U(u) => {
            buf[..8].copy_from_slice(&u.to_le_bytes());
            &buf[..8]
        }
        Norm::D(d) => {
            buf[..8].copy_from_slice(&d.to_bits().to_le_bytes());
            &buf[..8]
        }
        Norm::B(b) => {
            buf[0] = b as u8;
            &buf[..1]
        }
        Norm::V4(a) => {
            buf[..4].copy_from_slice(&a);
            &buf[..4]
        }
        Norm::V6(a) => {
            buf.copy_from_slice(&a);
            &buf[..]
        }
        Norm::S(s) => s,
    }
}

/// The set key of a literal (networks have none: they are matched one by one).
pub(crate) fn lit_key(l: &Lit) -> Option<Vec<u8>> {
    let mut buf = [0u8; 16];
    let n = match l {
        Lit::Int(i) => Norm::I(*i),
        Lit::Uint(u) => Norm::U(*u),
        Lit::Double(d) => Norm::D(*d),
        Lit::Bool(b) => Norm::B(*b),
        Lit::V4(a) => Norm::V4(*a),
        Lit::V6(a) => Norm::V6(*a),
        Lit::Bytes(s) => return Some(s.clone()),
        Lit::Net4(..) | Lit::Net6(..) => return None,
    };
    Some(set_key(&n, &mut buf).to_vec())
}

/// FNV-1a: sets are built from rules, not from events, so a simple fast hash is enough.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A set of value keys.
pub(crate) type KeySet = HashSet<Box<[u8]>, BuildHasherDefault<Fnv>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c_integers() {
        assert_eq!(scan_signed(b"12"), Some(12));
        assert_eq!(scan_signed(b" +12"), Some(12));
        assert_eq!(scan_signed(b"-12"), Some(-12));
        assert_eq!(scan_signed(b"12 "), None);
        assert_eq!(scan_signed(b"0x10"), None);
        assert_eq!(scan_signed(b"1.0"), None);
        assert_eq!(scan_signed(b""), None);
        assert_eq!(scan_signed(b"-"), None);
        assert_eq!(scan_signed(b"99999999999999999999"), Some(i64::MAX));
        assert_eq!(scan_signed(b"-99999999999999999999"), Some(i64::MIN));
        assert_eq!(scan_unsigned(b"-1"), Some(u64::MAX));
        assert_eq!(scan_unsigned(b"99999999999999999999"), Some(u64::MAX));
    }

    #[test]
    fn literals_take_the_width_of_the_type() {
        use ParamType::*;
        assert_eq!(parse_literal(Uint8, b"300"), Ok(Lit::Uint(44)));
        assert_eq!(parse_literal(Uint8, b"-1"), Ok(Lit::Uint(255)));
        assert_eq!(parse_literal(Uint32, b"-1"), Ok(Lit::Uint(u32::MAX as u64)));
        assert_eq!(parse_literal(Uint64, b"-1"), Ok(Lit::Uint(u64::MAX)));
        assert_eq!(parse_literal(Int16, b"-500"), Ok(Lit::Int(-500)));
        assert_eq!(parse_literal(Int16, b"40000"), Ok(Lit::Int(40000 - 65536)));
        assert_eq!(parse_literal(Int32, b"4294967295"), Ok(Lit::Int(-1)));
        assert_eq!(
            parse_literal(Int64, b"4294967295"),
            Ok(Lit::Int(4294967295))
        );
        assert_eq!(parse_literal(Double, b"3"), Ok(Lit::Double(3.0)));
        assert_eq!(
            parse_literal(Double, b"1.0"),
            Err("1.0 is not a valid number".into())
        );
        assert_eq!(parse_literal(Bool, b"true"), Ok(Lit::Bool(true)));
        assert!(parse_literal(Bool, b"1").is_err());
        assert!(parse_literal(Charbuf, b"a\0b").is_err());
        assert_eq!(
            parse_literal(Bytebuf, b"a\0b"),
            Ok(Lit::Bytes(b"a\0b".to_vec()))
        );
        assert_eq!(parse_literal(Port, b""), Ok(Lit::Uint(0)));
        assert_eq!(parse_literal(Port, b"65537"), Ok(Lit::Uint(1)));
    }

    #[test]
    fn ports_by_service_name() {
        if service_port("ssh").is_none() {
            return; // no /etc/services on this machine
        }
        assert_eq!(parse_literal(ParamType::Port, b"ssh"), Ok(Lit::Uint(22)));
        assert_eq!(
            parse_literal(ParamType::Port, b"no-such-service"),
            Err("unrecognized protocol no-such-service".into())
        );
    }

    #[test]
    fn networks() {
        use ParamType::*;
        let net = parse_literal(Ipnet, b"142.251.0.0/8").unwrap();
        assert!(compare(
            CmpOp::Eq,
            Norm::V4([142, 251, 111, 147]),
            &net,
            Kind::Net(Family::Any)
        ));
        let all = parse_literal(Ipv4net, b"1.2.3.4/0").unwrap();
        assert!(compare(
            CmpOp::Eq,
            Norm::V4([9; 4]),
            &all,
            Kind::Net(Family::V4)
        ));
        assert!(parse_literal(Ipv4net, b"1.2.3.4").is_err());
        assert!(parse_literal(Ipv4net, b"1.2.3.4/33").is_err());
        // The prefix is read as a u8: 288 is 32.
        assert!(parse_literal(Ipv4net, b"1.2.3.4/288").is_ok());
        assert!(parse_literal(Ipv6net, b"::1/0").is_err());
        let v6 = parse_literal(Ipnet, b"2001:4860::0/32").unwrap();
        let a: Ipv6Addr = "2001:4860:4860::8888".parse().unwrap();
        assert!(compare(
            CmpOp::Eq,
            Norm::V6(a.octets()),
            &v6,
            Kind::Net(Family::Any)
        ));
        let odd = parse_literal(Ipnet, b"2001:4860::0/31").unwrap();
        assert!(compare(
            CmpOp::Eq,
            Norm::V6(a.octets()),
            &odd,
            Kind::Net(Family::Any)
        ));
        // Family mismatch: = false, != true.
        assert!(!compare(
            CmpOp::Eq,
            Norm::V6(a.octets()),
            &net,
            Kind::Net(Family::Any)
        ));
        assert!(compare(
            CmpOp::Ne,
            Norm::V6(a.octets()),
            &net,
            Kind::Net(Family::Any)
        ));
    }

    #[test]
    fn operator_tables() {
        use ParamType::*;
        assert_eq!(
            check_comparable(Some(Op::Contains), false, Abstime, false).unwrap_err(),
            "'contains' operator not supported for numeric filters"
        );
        assert_eq!(
            check_comparable(Some(Op::Lt), false, Bool, false).unwrap_err(),
            "'<' operator not supported for numeric filters"
        );
        assert!(check_comparable(Some(Op::Lt), false, Charbuf, false).is_ok());
        assert_eq!(
            check_comparable(Some(Op::BContains), false, Charbuf, false).unwrap_err(),
            "'bcontains' operator not supported for string filters"
        );
        assert_eq!(
            check_comparable(Some(Op::Glob), false, Bytebuf, false).unwrap_err(),
            "'glob' operator not supported for buffer filters"
        );
        assert_eq!(
            check_comparable(Some(Op::Contains), true, Ipaddr, false).unwrap_err(),
            "'contains' with modifier not supported for ip address and network filters"
        );
        assert_eq!(
            check_comparable(Some(Op::EqEq), false, Charbuf, true).unwrap_err(),
            "'=' operator not supported list filters"
        );
        assert!(check_comparable(Option::None, false, Sigset, false).is_ok());
        assert_eq!(
            check_comparable(Some(Op::Eq), false, Sigset, false).unwrap_err(),
            "'=' operator not supported for type 'SIGSET'"
        );
    }

    #[test]
    fn hex() {
        assert_eq!(unhex(b"68656c6C6f"), Some(b"hello".to_vec()));
        assert_eq!(unhex(b"2"), None);
        assert_eq!(unhex(b"2g"), None);
        assert_eq!(unhex(b""), Some(vec![]));
    }
}
