//! Event parameters as text, the way Falco and sysdig show them (`%evt.args`,
//! `%evt.arg.NAME`, `%evt.res`).
//!
//! A parameter has a *value* (`3`, `262`, `-2`, `/etc/passwd`) and, for many types, a
//! *resolved* form computed from the value and the state (`<f>/etc/shadow` for an fd,
//! `O_TRUNC|O_CREAT|O_WRONLY` for flags, `ENOENT` for an error, `bash` for a pid). `evt.args`
//! shows `name=value(resolved)`; `evt.arg.NAME` shows the resolved form alone when there is
//! one, else the value.
//!
//! The text of each type, as current libsinsp renders it:
//!
//! | type | value | resolved |
//! |---|---|---|
//! | integers | by the print format: decimal (as C's `%d`: 32-bit and smaller values as `int`, 64-bit as `int64_t`, so `UINT32` 4294967295 is `-1`), `%09d`, upper-case hex, octal with a leading `0` | |
//! | `ERRNO` | decimal | the error name when negative (`ENOENT`) |
//! | `FD` | decimal | `<f>/etc/passwd` (type character, `t`/`u`/`i`/`r` for the IP protocol of sockets, name), `AT_FDCWD` for -100, the error name when negative |
//! | `PID` | decimal | the thread's command name, when the thread is known |
//! | `UID`, `GID` | decimal (`-1` for none) | the user or group name, `<NA>` when unknown, `<NONE>` for none |
//! | `FLAGS*` | unsigned decimal | the names of the flags set, in table order; a zero-valued name only for 0 |
//! | `ENUMFLAGS*` | unsigned decimal | every name whose value equals the value |
//! | `MODE` | by the print format | the names of the bits set |
//! | `CHARBUF` | the string | |
//! | `FSPATH`, `FSRELPATH` | the path | for a relative path, the absolute one: the thread's working directory (or the `dirfd` parameter's directory) joined with the path and normalised (`.`, `..`, `//`) |
//! | `BYTEBUF` | printable ASCII as is, other bytes as `.`, cut to [`buffer_text_limit`] with `...` | |
//! | `SOCKADDR` | `1.2.3.4:80`, `::1:80`, a unix path, `family N` | |
//! | `SOCKTUPLE` | `1.2.3.4:5->6.7.8.9:80` (IPv4-mapped IPv6 as IPv4), `ffff…->ffff… /path` for unix sockets | |
//! | `FDLIST` | `fd:Tflags` per entry (`T` the fd's type character or `?`, flags in hex), space-separated | |
//! | `SYSCALLID` | decimal | the syscall name |
//! | `SIGTYPE` | decimal | the signal name |
//! | `SIGSET` | the names of the signals in the set, space-separated | |
//! | `RELTIME` | decimal nanoseconds, `none` for the maximum | seconds as C's `%lgs` |
//! | `ABSTIME` | local date and time with nanoseconds | |
//! | `DYN` | the value as the type its leading index selects (with the parameter's print format) | |
//!
//! Empty values (a parameter the driver could not read) show as `NULL` for buffers, tuples,
//! fd lists and dynamic values, `<NA>` otherwise; a string recorded as `(NULL)` shows as
//! `<NA>`. Types libsinsp has no text for (`PORT`, `IPV4ADDR`, `BOOL`, `FD32`, ... found only
//! in internal events) show as `(n.a.)`, as there.
//!
//! Everything is appended to the caller's buffer; nothing is allocated.

use std::io::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};

use falco_schema::flags::FlagSet;
use falco_schema::{code, syscalls, ParamExtra, ParamInfo, ParamType, PrintFormat};

use super::Ctx;
use crate::errno::{errno_name, signal_name};
use crate::state::{fd_kind, l4, Fd};
use crate::time::TimeFormatter;

/// `AT_FDCWD` as the drivers encode it.
const AT_FDCWD: i64 = -100;

/// Longest path libsinsp builds when resolving a relative path (`SCAP_MAX_PATH_SIZE`).
const MAX_PATH: usize = 4096;

static BUFFER_TEXT_LIMIT: AtomicUsize = AtomicUsize::new(DEFAULT_BUFFER_TEXT_LIMIT);

/// The default of [`buffer_text_limit`]: 80 characters, as sysdig prints buffers.
pub const DEFAULT_BUFFER_TEXT_LIMIT: usize = 80;

/// Set the length above which the text of `BYTEBUF` parameters (`evt.arg.data`,
/// `evt.buffer`, execve's `args` and `env` in `evt.args`) is cut, its last three characters
/// replaced by `...`; 0 for no limit. The setting is process-wide.
///
/// The default, [`DEFAULT_BUFFER_TEXT_LIMIT`], is what sysdig sets for its output (and what
/// `falco-inspect` relies on). libsinsp's own default is 0 and Falco keeps it: Falco's
/// outputs show buffers whole, so the `falco` command must set 0.
pub fn set_buffer_text_limit(limit: usize) {
    BUFFER_TEXT_LIMIT.store(limit, Ordering::Relaxed);
}

/// The current limit of the text of `BYTEBUF` parameters (see [`set_buffer_text_limit`]).
pub fn buffer_text_limit() -> usize {
    BUFFER_TEXT_LIMIT.load(Ordering::Relaxed)
}

/// How the value and the resolved form of a parameter are combined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    /// `value(resolved)`, or the value alone when nothing resolves (`evt.args`).
    Both,
    /// The resolved form when there is one, else the value (`evt.arg.NAME`, `evt.res`).
    Preferred,
}

/// Append the text of parameter `idx` of the event in `style`. False (nothing appended)
/// when the event has no such parameter.
pub(crate) fn write_param(ctx: &Ctx<'_>, idx: usize, style: Style, out: &mut Vec<u8>) -> bool {
    let Some(info) = ctx.ev.info() else {
        return false;
    };
    if idx >= info.params.len() {
        return false;
    }
    let Some(raw) = ctx.ev.param(idx) else {
        return false;
    };
    write_styled(ctx, info.params, idx, raw, style, out);
    true
}

/// Append the text of parameter `idx` (value `raw`) in `style`.
fn write_styled(
    ctx: &Ctx<'_>,
    params: &[ParamInfo],
    idx: usize,
    raw: &[u8],
    style: Style,
    out: &mut Vec<u8>,
) {
    let mark = out.len();
    let split = write_parts(ctx, params, idx, raw, out);
    if out.len() > split {
        match style {
            Style::Both => {
                out.insert(split, b'(');
                out.push(b')');
            }
            Style::Preferred => {
                out.drain(mark..split);
            }
        }
    }
}

/// Append `name=value(resolved)` for every parameter of the event, separated by spaces
/// (`evt.args`). Generic syscall events (syscalls without their own event type) show
/// nothing: their parameters only identify the syscall.
pub(crate) fn write_args(ctx: &Ctx<'_>, out: &mut Vec<u8>) {
    let ev = ctx.ev;
    if matches!(ev.ty(), code::PPME_GENERIC_E | code::PPME_GENERIC_X) {
        return;
    }
    let Some(info) = ev.info() else {
        return;
    };
    for (i, (p, raw)) in info.params.iter().zip(ev.params()).enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        out.extend_from_slice(p.name.as_bytes());
        out.push(b'=');
        write_styled(ctx, info.params, i, raw, Style::Both, out);
    }
}

/// The index of the parameter `evt.arg` / `evt.rawarg` name: a number (`evt.arg[1]`) or a
/// parameter name (`evt.arg.fd`).
pub(crate) fn param_index(ctx: &Ctx<'_>, arg: &str) -> Option<usize> {
    let info = ctx.ev.info()?;
    let idx = match arg.parse::<usize>() {
        Ok(n) => n,
        Err(_) => info.param_index(arg)?,
    };
    (idx < (ctx.ev.nparams() as usize).min(info.params.len())).then_some(idx)
}

/// Append the value of parameter `idx`, then its resolved form; return the offset in `out`
/// where the resolved form starts (equal to `out.len()` when there is none).
fn write_parts(
    ctx: &Ctx<'_>,
    params: &[ParamInfo],
    idx: usize,
    raw: &[u8],
    out: &mut Vec<u8>,
) -> usize {
    use ParamType::*;
    let pi = &params[idx];
    if raw.is_empty() {
        out.extend_from_slice(match pi.ty {
            Bytebuf | Socktuple | Fdlist | Charbufarray | CharbufPairArray | Dyn => b"NULL",
            _ => b"<NA>",
        });
        return out.len();
    }
    if matches!(pi.ty, Charbuf | Fspath | Fsrelpath) && raw == b"(NULL)\0" {
        // Old drivers wrote unreadable strings as "(NULL)".
        out.extend_from_slice(b"<NA>");
        return out.len();
    }
    // A dynamic value: its leading byte selects the type of the rest.
    let (ty, v) = match (pi.ty, pi.extra) {
        (Dyn, ParamExtra::Dyn(types)) => match types.get(raw[0] as usize) {
            Some(t) => (t.ty, &raw[1..]),
            Option::None => (Dyn, raw),
        },
        _ => (pi.ty, raw),
    };
    let fmt = pi.fmt;
    let tid = ctx.ev.tid() as i64;
    match ty {
        Int8 | Int16 | Int32 | Int64 | Uint8 | Uint16 | Uint32 | Uint64 => {
            write_number(out, ty, v, fmt);
        }
        Errno => {
            let val = le_signed(v);
            write_i64(out, val);
            let split = out.len();
            if val < 0 {
                if let Some(name) = errno_name(val) {
                    out.extend_from_slice(name.as_bytes());
                }
            }
            return split;
        }
        Fd => {
            let fd = le_signed(v);
            write_i64(out, fd);
            let split = out.len();
            if !thread_known(ctx, tid) {
                // Nothing resolves without the thread.
            } else if fd >= 0 {
                if let Some(info) = ctx.state.fd_info(tid, fd) {
                    write_fd_name(info, out);
                }
            } else if fd == AT_FDCWD {
                out.extend_from_slice(b"AT_FDCWD");
            } else if let Some(name) = errno_name(fd) {
                out.extend_from_slice(name.as_bytes());
            }
            return split;
        }
        Pid => {
            let pid = le_signed(v);
            write_i64(out, pid);
            let split = out.len();
            if let Some(comm) = ctx.state.comm(pid) {
                out.extend_from_slice(comm);
            }
            return split;
        }
        Uid | Gid => {
            let id = le_unsigned(v) as u32;
            if id == u32::MAX {
                out.extend_from_slice(b"-1");
                let split = out.len();
                out.extend_from_slice(b"<NONE>");
                return split;
            }
            write_i64(out, id as i32 as i64);
            let split = out.len();
            let name = if !thread_known(ctx, tid) {
                Option::None
            } else if ty == Uid {
                ctx.state.user_name(id)
            } else {
                ctx.state.group_name(id)
            };
            match name {
                Some(n) if !n.is_empty() => out.extend_from_slice(n),
                _ => out.extend_from_slice(b"<NA>"),
            }
            return split;
        }
        Charbuf => out.extend_from_slice(c_str(v)),
        Fspath | Fsrelpath => {
            let path = c_str(v);
            out.extend_from_slice(path);
            let split = out.len();
            if !path.is_empty() && path[0] != b'/' && path != b"<NA>" && thread_known(ctx, tid) {
                let base = base_dir(ctx, params, idx, tid);
                join_paths(base, path, out);
            }
            return split;
        }
        Bytebuf => write_buffer_text(v, out),
        Sockaddr => write_sockaddr(v, out),
        Socktuple => write_socktuple(v, out),
        Fdlist => write_fdlist(ctx, tid, v, out),
        Syscallid => {
            let id = le_unsigned(v) as u16;
            if id as usize >= syscalls::PPM_SC_MAX {
                out.extend_from_slice(b"<unknown syscall>");
                return out.len();
            }
            write_u64(out, id as u64);
            let split = out.len();
            if let Some(name) = syscalls::sc_name(id) {
                out.extend_from_slice(name.as_bytes());
            }
            return split;
        }
        Sigtype => {
            let sig = v[0];
            write_u64(out, sig as u64);
            let split = out.len();
            if let Some(name) = signal_name(sig) {
                out.extend_from_slice(name.as_bytes());
            }
            return split;
        }
        Sigset => {
            let set = le_unsigned(v) as u32;
            let mut first = true;
            for bit in 0..32u8 {
                if set & (1 << bit) != 0 {
                    if let Some(name) = signal_name(bit + 1) {
                        if !first {
                            out.push(b' ');
                        }
                        out.extend_from_slice(name.as_bytes());
                        first = false;
                    }
                }
            }
        }
        Reltime => {
            let ns = le_unsigned(v);
            if ns == u64::MAX {
                out.extend_from_slice(b"none");
                return out.len();
            }
            write_u64(out, ns);
            let split = out.len();
            write_g(out, ns as f64 / 1e9);
            out.push(b's');
            return split;
        }
        Abstime => TimeFormatter::new().datetime(le_unsigned(v), out),
        Flags8 | Flags16 | Flags32 | Enumflags8 | Enumflags16 | Enumflags32 => {
            let val = le_unsigned(v) as u32;
            write_u64(out, val as u64);
            let split = out.len();
            if let ParamExtra::Flags(set) = pi.extra {
                if matches!(ty, Enumflags8 | Enumflags16 | Enumflags32) {
                    write_enum_names(set, val, out);
                } else {
                    write_flag_names(set, val, out);
                }
            }
            return split;
        }
        Mode => {
            let val = le_unsigned(v) as u32;
            write_number(out, Uint32, &val.to_le_bytes(), fmt);
            let split = out.len();
            if let ParamExtra::Flags(set) = pi.extra {
                write_mode_names(set, val, out);
            }
            return split;
        }
        Dyn => out.extend_from_slice(b"INVALID DYNAMIC PARAMETER"),
        Charbufarray => write_joined(v, b'.', out),
        CharbufPairArray => write_pairs(v, out),
        _ => out.extend_from_slice(b"(n.a.)"),
    }
    out.len()
}

/// True when the state knows thread `tid`: fds, paths, users and groups resolve only for
/// events of a known thread (libsinsp creates the thread of every event it parses).
fn thread_known(ctx: &Ctx<'_>, tid: i64) -> bool {
    ctx.state.thread(tid).is_some()
}

/// Append `<T>name` for an fd: `T` is the type character, followed for IP sockets by the
/// layer-4 protocol's (`t` TCP, `u` UDP, `i` ICMP, `r` raw) when it is known.
fn write_fd_name(info: &Fd, out: &mut Vec<u8>) {
    out.push(b'<');
    out.push(info.type_char());
    if matches!(
        info.ty,
        fd_kind::IPV4_SOCK | fd_kind::IPV6_SOCK | fd_kind::IPV4_SERVSOCK | fd_kind::IPV6_SERVSOCK
    ) {
        match info.l4proto() {
            l4::TCP => out.push(b't'),
            l4::UDP => out.push(b'u'),
            l4::ICMP => out.push(b'i'),
            l4::RAW => out.push(b'r'),
            _ => {}
        }
    }
    out.push(b'>');
    out.extend_from_slice(&info.name);
}

/// The directory a relative path parameter is relative to, with a trailing `/` (or empty
/// when unknown): the `dirfd` parameter's directory for `FSRELPATH` parameters whose dirfd
/// is not `AT_FDCWD`, else the thread's working directory.
fn base_dir<'s>(ctx: &Ctx<'s>, params: &[ParamInfo], idx: usize, tid: i64) -> &'s [u8] {
    if let ParamExtra::DirFd(d) = params[idx].extra {
        let d = d as usize;
        if params.get(d).is_some_and(|p| p.ty == ParamType::Fd) {
            if let Some(dirfd) = ctx.ev.param(d).filter(|p| !p.is_empty()).map(le_signed) {
                if dirfd != AT_FDCWD {
                    return match ctx.state.fd_info(tid, dirfd) {
                        Some(info) => &info.name,
                        None => b"",
                    };
                }
            }
        }
    }
    thread_cwd(ctx, tid)
}

/// The working directory of thread `tid` (`./` when its process is unknown, as libsinsp).
fn thread_cwd<'s>(ctx: &Ctx<'s>, tid: i64) -> &'s [u8] {
    ctx.state.cwd(tid)
}

/// Append `base` joined with the relative `path`, normalised as libsinsp does: `.` and
/// empty components dropped, `..` removing the previous component (never above the root),
/// no trailing `/` (except for `/` itself).
fn join_paths(base: &[u8], path: &[u8], out: &mut Vec<u8>) {
    let start = out.len();
    if base.len() + path.len() + 2 > MAX_PATH {
        out.extend_from_slice(b"/DIR_TOO_LONG/FILENAME_TOO_LONG");
        return;
    }
    out.extend_from_slice(base);
    if !base.is_empty() && base[base.len() - 1] != b'/' {
        out.push(b'/');
    }
    let empty_base = out.len() == start;
    let mut i = 0;
    while i < path.len() {
        let c = path[i];
        let at_component_start = out.len() == start || out[out.len() - 1] == b'/';
        if c == b'.' && at_component_start {
            let next = path.get(i + 1).copied();
            let after = path.get(i + 2).copied();
            match (next, after) {
                (Some(b'.'), Some(b'/')) => {
                    rewind_to_parent(out, start);
                    i += 3;
                }
                (Some(b'.'), None) => {
                    rewind_to_parent(out, start);
                    i += 2;
                }
                (Some(b'/'), _) => i += 2,
                (None, _) => i += 1,
                _ => {
                    out.push(c);
                    i += 1;
                }
            }
        } else if c == b'/' {
            let len = out.len();
            if (len > start && out[len - 1] == b'/') || (len == start && !empty_base) {
                i += 1;
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    if out.len() > start + 1 && out[out.len() - 1] == b'/' {
        out.pop();
    }
}

/// Remove the last component (and its `/`) of the path being built in `out[start..]`,
/// keeping the `/` before it; nothing happens at the root.
fn rewind_to_parent(out: &mut Vec<u8>, start: usize) {
    if out.len() <= start + 1 {
        return;
    }
    let mut end = out.len() - 1;
    while end > start && out[end - 1] != b'/' {
        end -= 1;
    }
    out.truncate(end);
}

/// Append the text of a byte buffer: printable ASCII as is, anything else as `.`, cut to
/// the [`buffer_text_limit`].
pub(crate) fn write_buffer_text(v: &[u8], out: &mut Vec<u8>) {
    write_buffer_text_limited(v, buffer_text_limit(), out);
}

/// [`write_buffer_text`] with an explicit limit (0: none).
pub(crate) fn write_buffer_text_limited(v: &[u8], limit: usize, out: &mut Vec<u8>) {
    let cut = limit != 0 && v.len() > limit;
    let shown = if cut { &v[..limit] } else { v };
    out.extend(
        shown
            .iter()
            .map(|&b| if (0x20..0x7f).contains(&b) { b } else { b'.' }),
    );
    if cut && limit > 3 {
        let n = out.len();
        out[n - 3..].copy_from_slice(b"...");
    }
}

/// Socket families as the drivers encode them (`PPM_AF_*`).
const PPM_AF_UNIX: u8 = 1;
const PPM_AF_INET: u8 = 2;
const PPM_AF_INET6: u8 = 10;

fn write_sockaddr(v: &[u8], out: &mut Vec<u8>) {
    let family = v[0];
    match family {
        PPM_AF_UNIX if v.len() >= 2 && v[v.len() - 1] == 0 => {
            out.extend_from_slice(c_str(&v[1..]));
        }
        PPM_AF_INET if v.len() >= 7 => {
            write_ipv4(&v[1..5], out);
            out.push(b':');
            write_u64(out, u16::from_le_bytes([v[5], v[6]]) as u64);
        }
        PPM_AF_INET6 if v.len() >= 19 => {
            write_ipv6(v[1..17].try_into().unwrap(), out);
            out.push(b':');
            write_u64(out, u16::from_le_bytes([v[17], v[18]]) as u64);
        }
        PPM_AF_UNIX => out.extend_from_slice(b"INVALID PATH"),
        PPM_AF_INET => out.extend_from_slice(b"INVALID IPv4"),
        PPM_AF_INET6 => out.extend_from_slice(b"INVALID IPv6"),
        _ => write_family(family, out),
    }
}

fn write_socktuple(v: &[u8], out: &mut Vec<u8>) {
    let family = v[0];
    match family {
        PPM_AF_UNIX if v.len() >= 18 && v[v.len() - 1] == 0 => {
            let src = u64::from_le_bytes(v[1..9].try_into().unwrap());
            let dst = u64::from_le_bytes(v[9..17].try_into().unwrap());
            write!(out, "{src:x}->{dst:x} ").unwrap();
            out.extend_from_slice(c_str(&v[17..]));
        }
        PPM_AF_INET if v.len() >= 13 => {
            write_ipv4_endpoint(&v[1..5], &v[5..7], out);
            out.extend_from_slice(b"->");
            write_ipv4_endpoint(&v[7..11], &v[11..13], out);
        }
        PPM_AF_INET6 if v.len() >= 37 => {
            let sip: &[u8; 16] = v[1..17].try_into().unwrap();
            let dip: &[u8; 16] = v[19..35].try_into().unwrap();
            if is_ipv4_mapped(sip) && is_ipv4_mapped(dip) {
                write_ipv4_endpoint(&sip[12..], &v[17..19], out);
                out.extend_from_slice(b"->");
                write_ipv4_endpoint(&dip[12..], &v[35..37], out);
            } else {
                write_ipv6(sip, out);
                out.push(b':');
                write_u64(out, u16::from_le_bytes([v[17], v[18]]) as u64);
                out.extend_from_slice(b"->");
                write_ipv6(dip, out);
                out.push(b':');
                write_u64(out, u16::from_le_bytes([v[35], v[36]]) as u64);
            }
        }
        PPM_AF_UNIX => out.extend_from_slice(b"INVALID PATH"),
        PPM_AF_INET => out.extend_from_slice(b"INVALID IPv4"),
        PPM_AF_INET6 => out.extend_from_slice(b"INVALID IPv6"),
        _ => write_family(family, out),
    }
}

fn write_family(family: u8, out: &mut Vec<u8>) {
    out.extend_from_slice(b"family ");
    // The family byte is a C `char`: signed.
    write_i64(out, family as i8 as i64);
}

/// True for `::ffff:a.b.c.d` and for the all-zero address (taken as IPv4 `0.0.0.0`).
fn is_ipv4_mapped(a: &[u8; 16]) -> bool {
    a[..10].iter().all(|&b| b == 0)
        && ((a[10] == 0xff && a[11] == 0xff) || a[10..].iter().all(|&b| b == 0))
}

fn write_ipv4_endpoint(ip: &[u8], port: &[u8], out: &mut Vec<u8>) {
    write_ipv4(ip, out);
    out.push(b':');
    write_u64(out, u16::from_le_bytes([port[0], port[1]]) as u64);
}

fn write_ipv4(ip: &[u8], out: &mut Vec<u8>) {
    for (i, b) in ip[..4].iter().enumerate() {
        if i > 0 {
            out.push(b'.');
        }
        write_u64(out, *b as u64);
    }
}

/// Append an IPv6 address as glibc's `inet_ntop` writes it: lower-case hex groups, the
/// first longest run of two or more zero groups as `::`, and the IPv4 dotted form for
/// IPv4-compatible (`::a.b.c.d`) and IPv4-mapped (`::ffff:a.b.c.d`) addresses.
pub(crate) fn write_ipv6(a: &[u8; 16], out: &mut Vec<u8>) {
    let mut words = [0u16; 8];
    for (i, w) in words.iter_mut().enumerate() {
        *w = u16::from_be_bytes([a[2 * i], a[2 * i + 1]]);
    }
    // The first longest run of zero words.
    let (mut best, mut best_len) = (usize::MAX, 0);
    let mut i = 0;
    while i < 8 {
        if words[i] == 0 {
            let s = i;
            while i < 8 && words[i] == 0 {
                i += 1;
            }
            if i - s > best_len {
                best = s;
                best_len = i - s;
            }
        } else {
            i += 1;
        }
    }
    if best_len < 2 {
        best = usize::MAX;
    }
    for (i, w) in words.iter().enumerate() {
        if best != usize::MAX && i >= best && i < best + best_len {
            if i == best {
                out.push(b':');
            }
            continue;
        }
        if i != 0 {
            out.push(b':');
        }
        if i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && words[5] == 0xffff)) {
            write_ipv4(&a[12..16], out);
            return;
        }
        write!(out, "{w:x}").unwrap();
    }
    if best != usize::MAX && best + best_len == 8 {
        out.push(b':');
    }
}

/// `fd:Tflags` per entry of an fd list (`u16` count, then `i64` fd and `i16` flags each).
fn write_fdlist(ctx: &Ctx<'_>, tid: i64, v: &[u8], out: &mut Vec<u8>) {
    if v.len() < 2 {
        return;
    }
    let n = u16::from_le_bytes([v[0], v[1]]) as usize;
    for (j, e) in v[2..].chunks_exact(10).take(n).enumerate() {
        if j > 0 {
            out.push(b' ');
        }
        let fd = i64::from_le_bytes(e[..8].try_into().unwrap());
        let flags = i16::from_le_bytes([e[8], e[9]]);
        write_u64(out, fd as u64);
        out.push(b':');
        let known = if thread_known(ctx, tid) {
            ctx.state.fd_info(tid, fd)
        } else {
            None
        };
        out.push(known.map_or(b'?', |f| f.type_char()));
        write!(out, "{:x}", flags as i32 as u32).unwrap();
    }
}

/// NUL-separated strings, joined with `sep`.
fn write_joined(v: &[u8], sep: u8, out: &mut Vec<u8>) {
    let v = v.strip_suffix(&[0]).unwrap_or(v);
    for (i, s) in v.split(|&b| b == 0).enumerate() {
        if i > 0 {
            out.push(sep);
        }
        out.extend_from_slice(s);
    }
}

/// NUL-separated strings taken in pairs: `a:b,c:d`.
fn write_pairs(v: &[u8], out: &mut Vec<u8>) {
    let v = v.strip_suffix(&[0]).unwrap_or(v);
    for (i, s) in v.split(|&b| b == 0).enumerate() {
        if i > 0 {
            out.push(if i % 2 == 1 { b':' } else { b',' });
        }
        out.extend_from_slice(s);
    }
}

/// Names of the flags set in `val`, `|`-separated, in table order. A flag matches when all
/// its bits are still set (its bits are then cleared, so `O_RDWR` hides `O_WRONLY` and
/// `O_RDONLY`); a zero-valued flag matches only a zero value; matching stops at the flag
/// equal to the whole value.
fn write_flag_names(set: &FlagSet, val: u32, out: &mut Vec<u8>) {
    let mut rest = val;
    let mut first = true;
    for f in set.values {
        let matches = if f.value == 0 {
            val == 0
        } else {
            rest != 0 && rest & f.value == f.value
        };
        if matches {
            push_name(f.name, &mut first, out);
            rest &= !f.value;
            if f.value == val {
                break;
            }
        }
    }
}

/// Names of the enum values equal to `val`, `|`-separated (several when the table has
/// aliases, such as `AF_LOCAL|AF_UNIX`).
fn write_enum_names(set: &FlagSet, val: u32, out: &mut Vec<u8>) {
    let mut first = true;
    for f in set.values.iter().filter(|f| f.value == val) {
        push_name(f.name, &mut first, out);
    }
}

/// Names of the mode bits set in `val`: as for flags, except that the scan stops *before*
/// an entry equal to the whole value, whose name is then appended.
fn write_mode_names(set: &FlagSet, val: u32, out: &mut Vec<u8>) {
    let mut rest = val;
    let mut first = true;
    for f in set.values {
        if f.value == val {
            push_name(f.name, &mut first, out);
            return;
        }
        let matches = if f.value == 0 {
            val == 0
        } else {
            rest != 0 && rest & f.value == f.value
        };
        if matches {
            push_name(f.name, &mut first, out);
            rest &= !f.value;
        }
    }
}

fn push_name(name: &str, first: &mut bool, out: &mut Vec<u8>) {
    if !*first {
        out.push(b'|');
    }
    out.extend_from_slice(name.as_bytes());
    *first = false;
}

/// An integer parameter by its print format, as C's `printf` shows it: values of 32 bits
/// and less are promoted to `int` (so a `UINT32` above `i32::MAX` shows negative in
/// decimal), 64-bit values are `int64_t`; hex and octal show the unsigned bits.
fn write_number(out: &mut Vec<u8>, ty: ParamType, v: &[u8], fmt: PrintFormat) {
    use ParamType::*;
    let (signed, unsigned) = match ty {
        Int8 | Int16 | Int32 => {
            let s = le_signed(v) as i32;
            (s as i64, s as u32 as u64)
        }
        Uint8 | Uint16 | Uint32 => {
            let u = le_unsigned(v) as u32;
            (u as i32 as i64, u as u64)
        }
        _ => {
            let u = le_unsigned(v);
            (u as i64, u)
        }
    };
    match fmt {
        PrintFormat::Oct => {
            if unsigned == 0 {
                out.push(b'0');
            } else {
                write!(out, "0{unsigned:o}").unwrap();
            }
        }
        PrintFormat::Hex => write!(out, "{unsigned:X}").unwrap(),
        PrintFormat::PaddedDec => write!(out, "{signed:09}").unwrap(),
        _ => write_i64(out, signed),
    }
}

/// `%lg`: six significant digits, trailing zeros removed, exponent form below 1e-4 and
/// from 1e6.
fn write_g(out: &mut Vec<u8>, x: f64) {
    if x == 0.0 {
        out.push(b'0');
        return;
    }
    let mut buf = [0u8; 64];
    let len = {
        let mut cur = &mut buf[..];
        write!(cur, "{x:.5e}").unwrap();
        64 - cur.len()
    };
    let s = &buf[..len];
    let e_pos = s.iter().position(|&b| b == b'e').unwrap();
    let exp: i32 = std::str::from_utf8(&s[e_pos + 1..])
        .unwrap()
        .parse()
        .unwrap();
    let start = out.len();
    if !(-4..6).contains(&exp) {
        out.extend_from_slice(&s[..e_pos]);
        strip_fraction_zeros(out, start);
        out.push(b'e');
        out.push(if exp < 0 { b'-' } else { b'+' });
        write!(out, "{:02}", exp.unsigned_abs()).unwrap();
    } else {
        write!(out, "{:.*}", (5 - exp) as usize, x).unwrap();
        strip_fraction_zeros(out, start);
    }
}

/// Remove trailing zeros of a fraction written at `out[start..]`, and the `.` if nothing
/// remains after it.
fn strip_fraction_zeros(out: &mut Vec<u8>, start: usize) {
    if !out[start..].contains(&b'.') {
        return;
    }
    while out.last() == Some(&b'0') {
        out.pop();
    }
    if out.last() == Some(&b'.') {
        out.pop();
    }
}

/// The bytes of a string value up to its NUL.
pub(crate) fn c_str(v: &[u8]) -> &[u8] {
    match v.iter().position(|&b| b == 0) {
        Some(end) => &v[..end],
        None => v,
    }
}

/// A little-endian integer of 1, 2, 4 or 8 bytes, sign-extended (0 for other lengths).
pub(crate) fn le_signed(v: &[u8]) -> i64 {
    match v.len() {
        1 => v[0] as i8 as i64,
        2 => i16::from_le_bytes([v[0], v[1]]) as i64,
        4 => i32::from_le_bytes([v[0], v[1], v[2], v[3]]) as i64,
        8 => i64::from_le_bytes(v.try_into().unwrap()),
        _ => 0,
    }
}

/// A little-endian integer of 1, 2, 4 or 8 bytes, zero-extended (0 for other lengths).
pub(crate) fn le_unsigned(v: &[u8]) -> u64 {
    match v.len() {
        1 => v[0] as u64,
        2 => u16::from_le_bytes([v[0], v[1]]) as u64,
        4 => u32::from_le_bytes([v[0], v[1], v[2], v[3]]) as u64,
        8 => u64::from_le_bytes(v.try_into().unwrap()),
        _ => 0,
    }
}

pub(crate) fn write_i64(out: &mut Vec<u8>, v: i64) {
    out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}

pub(crate) fn write_u64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}

#[cfg(test)]
mod tests {
    //! Expectations derived by hand from the rules in the module documentation (and checked
    //! against sysdig 0.29 where it agrees with current libsinsp).

    use super::*;
    use crate::format::Format;
    use crate::state::State;
    use falco_scap::EventBuilder;

    /// One parameter value.
    enum P<'a> {
        I64(i64),
        U64(u64),
        U32(u32),
        U16(u16),
        U8(u8),
        Str(&'a str),
        Raw(&'a [u8]),
        Empty,
    }

    fn build(b: &mut EventBuilder, ty: u16, params: &[P<'_>]) {
        b.begin(1_700_000_000_123_456_789, 42, ty);
        for p in params {
            match p {
                P::I64(v) => b.param(&v.to_le_bytes()),
                P::U64(v) => b.param(&v.to_le_bytes()),
                P::U32(v) => b.param(&v.to_le_bytes()),
                P::U16(v) => b.param(&v.to_le_bytes()),
                P::U8(v) => b.param(&[*v]),
                P::Str(s) => {
                    let mut v = s.as_bytes().to_vec();
                    v.push(0);
                    b.param(&v);
                }
                P::Raw(r) => b.param(r),
                P::Empty => b.empty(),
            }
        }
    }

    /// The event's line for `format` (missing values as `<NA>`).
    fn line(format: &str, ty: u16, params: &[P<'_>]) -> String {
        let mut b = EventBuilder::new();
        build(&mut b, ty, params);
        let ev = b.event();
        // The state sees the event first, as in a capture replay: the event's thread is
        // known, so fds and paths resolve against it.
        let mut state = State::new();
        state.process(&ev);
        let ctx = Ctx {
            ev: &ev,
            state: &state,
        };
        let mut out = Vec::new();
        let mut f = Format::parse(&format!("*{format}")).unwrap();
        f.render_line(&ctx, &mut TimeFormatter::new(), &mut out);
        out.pop();
        String::from_utf8(out).unwrap()
    }

    fn args(ty: u16, params: &[P<'_>]) -> String {
        line("%evt.args", ty, params)
    }

    #[test]
    fn numbers_follow_their_print_format() {
        // openat exit: fd, dirfd, name, flags (FLAGS32), mode (UINT32 octal), dev (UINT32
        // hex), ino (UINT64 decimal).
        let ps = [
            P::I64(3),
            P::I64(-100),
            P::Str("/etc/passwd"),
            P::U32(1),
            P::U32(0o666),
            P::U32(0xfd01),
            P::U64(u64::MAX),
        ];
        // (The state has processed the event: fd 3 is the file it opened.)
        assert_eq!(
            args(code::PPME_SYSCALL_OPENAT_2_X, &ps),
            "fd=3(<f>/etc/passwd) dirfd=-100(AT_FDCWD) name=/etc/passwd flags=1(O_RDONLY) \
             mode=0666 dev=FD01 ino=-1"
        );
        // Octal 0 has no leading 0 added; UINT32 shows as C's int.
        let ps = [
            P::I64(3),
            P::I64(-100),
            P::Str("/x"),
            P::U32(0),
            P::U32(0),
            P::U32(0),
            P::U64(7),
        ];
        assert_eq!(
            line(
                "%evt.arg.mode %evt.arg.dev %evt.arg.flags",
                code::PPME_SYSCALL_OPENAT_2_X,
                &ps
            ),
            "0 0 O_NONE"
        );
        // brk exit: res is UINT64 hex.
        let ps = [P::U64(0x562b_c314_f000), P::U32(468), P::U32(4), P::U32(0)];
        assert_eq!(
            args(code::PPME_SYSCALL_BRK_4_X, &ps),
            "res=562BC314F000 vm_size=468 vm_rss=4 vm_swap=0"
        );
        // A UINT32 above i32::MAX prints negative, as C's "%d".
        let ps = [P::I64(3), P::U32(u32::MAX), P::U64(0)];
        assert_eq!(line("%evt.arg.size", code::PPME_SYSCALL_PREAD_E, &ps), "-1");
    }

    #[test]
    fn number_formats() {
        let mut out = Vec::new();
        let mut fmt = |ty, v: &[u8], f| {
            out.clear();
            write_number(&mut out, ty, v, f);
            String::from_utf8(out.clone()).unwrap()
        };
        use ParamType::*;
        use PrintFormat::*;
        assert_eq!(fmt(Int8, &[0xff], Hex), "FFFFFFFF");
        assert_eq!(fmt(Int8, &[0xff], Oct), "037777777777");
        assert_eq!(fmt(Int8, &[0xff], Dec), "-1");
        assert_eq!(fmt(Int16, &(-5i16).to_le_bytes(), PaddedDec), "-00000005");
        assert_eq!(fmt(Uint16, &65535u16.to_le_bytes(), Dec), "65535");
        assert_eq!(fmt(Int64, &(-1i64).to_le_bytes(), Hex), "FFFFFFFFFFFFFFFF");
        assert_eq!(fmt(Uint64, &42u64.to_le_bytes(), PaddedDec), "000000042");
        assert_eq!(fmt(Uint32, &0o755u32.to_le_bytes(), Oct), "0755");
        assert_eq!(fmt(Uint8, &[7], Id), "7");
    }

    #[test]
    fn errors_and_fds() {
        // close exit: res ERRNO.
        assert_eq!(
            args(code::PPME_SYSCALL_CLOSE_X, &[P::I64(-9)]),
            "res=-9(EBADF)"
        );
        assert_eq!(args(code::PPME_SYSCALL_CLOSE_X, &[P::I64(0)]), "res=0");
        assert_eq!(
            args(code::PPME_SYSCALL_CLOSE_X, &[P::I64(-4095)]),
            "res=-4095"
        );
        assert_eq!(
            line(
                "%evt.arg.res %evt.arg[0]",
                code::PPME_SYSCALL_CLOSE_X,
                &[P::I64(-2)]
            ),
            "ENOENT ENOENT"
        );
        // close enter: an fd unknown to the state shows as its number; negative fds
        // resolve as errors; AT_FDCWD by name.
        assert_eq!(args(code::PPME_SYSCALL_CLOSE_E, &[P::I64(3)]), "fd=3");
        assert_eq!(
            args(code::PPME_SYSCALL_CLOSE_E, &[P::I64(-2)]),
            "fd=-2(ENOENT)"
        );
        assert_eq!(
            line("%evt.arg.fd", code::PPME_SYSCALL_CLOSE_E, &[P::I64(-100)]),
            "AT_FDCWD"
        );
        // A value of the wrong width is read as the width it has (an old 32-bit fd).
        assert_eq!(
            args(
                code::PPME_SYSCALL_CLOSE_E,
                &[P::Raw(&(-1i32).to_le_bytes())]
            ),
            "fd=-1(EPERM)"
        );
    }

    #[test]
    fn pids_users_and_groups() {
        // kill enter: pid, sig. The state knows no thread: no command name.
        assert_eq!(
            args(code::PPME_SYSCALL_KILL_E, &[P::I64(1200), P::U8(9)]),
            "pid=1200 sig=9(SIGKILL)"
        );
        assert_eq!(
            args(code::PPME_SYSCALL_KILL_E, &[P::I64(1), P::U8(64)]),
            "pid=1 sig=64"
        );
        // Users and groups always resolve: a name, <NA> when unknown, <NONE> for -1.
        assert_eq!(
            args(
                code::PPME_SYSCALL_SETRESUID_E,
                &[P::U32(u32::MAX), P::U32(0), P::U32(4_000_000_000)]
            ),
            "ruid=-1(<NONE>) euid=0(<NA>) suid=-294967296(<NA>)"
        );
        assert_eq!(
            line(
                "%evt.arg.ruid %evt.arg.euid",
                code::PPME_SYSCALL_SETRESUID_E,
                &[P::U32(u32::MAX), P::U32(0), P::U32(0)]
            ),
            "<NONE> <NA>"
        );
    }

    #[test]
    fn flags_enums_and_modes() {
        let open = |flags: u32| {
            let ps = [
                P::I64(3),
                P::I64(-100),
                P::Str("/x"),
                P::U32(flags),
                P::U32(0),
                P::U32(0),
                P::U64(0),
            ];
            line("%evt.arg.flags", code::PPME_SYSCALL_OPENAT_2_X, &ps)
        };
        // O_RDWR (3) hides O_WRONLY and O_RDONLY; table order, not bit order.
        assert_eq!(open(262), "O_TRUNC|O_CREAT|O_WRONLY");
        assert_eq!(open(0x1000 | 3 | 4), "O_CREAT|O_RDWR|O_CLOEXEC");
        assert_eq!(open(4097), "O_RDONLY|O_CLOEXEC");
        // Unnamed bits are left out; a value with no name shows as the number.
        assert_eq!(open(1 << 20 | 1), "O_RDONLY");
        assert_eq!(open(1 << 20), "1048576");
        // Enums: every name equal to the value (aliases included), nothing otherwise.
        let socket = |d: u32| {
            args(
                code::PPME_SOCKET_SOCKET_E,
                &[P::U32(d), P::U32(1), P::U32(0)],
            )
        };
        assert_eq!(socket(1), "domain=1(AF_LOCAL|AF_UNIX) type=1 proto=0");
        assert_eq!(socket(2), "domain=2(AF_INET) type=1 proto=0");
        assert_eq!(socket(99), "domain=99 type=1 proto=0");
        // setsockopt: enum levels with a 0 entry; a dynamic value selected by its index.
        let sockopt = |level: u8, val: &[u8]| {
            args(
                code::PPME_SOCKET_SETSOCKOPT_X,
                &[
                    P::I64(0),
                    P::I64(3),
                    P::U8(level),
                    P::U8(2),
                    P::Raw(val),
                    P::U32(4),
                ],
            )
        };
        let mut errno_val = vec![1u8];
        errno_val.extend_from_slice(&(-111i64).to_le_bytes());
        assert_eq!(
            sockopt(0, &errno_val),
            "res=0 fd=3 level=0(UNKNOWN) optname=2(SO_REUSEADDR) val=-111(ECONNREFUSED) optlen=4"
        );
        assert_eq!(
            sockopt(1, &[0, 1, 0, 0, 0]),
            "res=0 fd=3 level=1(SOL_SOCKET) optname=2(SO_REUSEADDR) val=.... optlen=4"
        );
        let mut u32_val = vec![2u8];
        u32_val.extend_from_slice(&1u32.to_le_bytes());
        assert_eq!(
            line(
                "%evt.arg.val",
                code::PPME_SOCKET_SETSOCKOPT_X,
                &[
                    P::I64(0),
                    P::I64(3),
                    P::U8(1),
                    P::U8(2),
                    P::Raw(&u32_val),
                    P::U32(4)
                ]
            ),
            "1"
        );
        assert_eq!(
            line(
                "%evt.arg.val",
                code::PPME_SOCKET_SETSOCKOPT_X,
                &[
                    P::I64(0),
                    P::I64(3),
                    P::U8(1),
                    P::U8(2),
                    P::Raw(&[9, 1]),
                    P::U32(4)
                ]
            ),
            "INVALID DYNAMIC PARAMETER"
        );
        // Modes: octal, then the bits' names in table order.
        let chmod = |mode: u32| {
            args(
                code::PPME_SYSCALL_FCHMODAT_X,
                &[P::I64(0), P::I64(-100), P::Str("/tmp/x"), P::U32(mode)],
            )
        };
        assert_eq!(
            chmod(0o755),
            "res=0 dirfd=-100(AT_FDCWD) filename=/tmp/x \
             mode=0755(S_IXOTH|S_IROTH|S_IXGRP|S_IRGRP|S_IXUSR|S_IWUSR|S_IRUSR)"
        );
        assert_eq!(
            chmod(0o4755),
            "res=0 dirfd=-100(AT_FDCWD) filename=/tmp/x \
             mode=04755(S_IXOTH|S_IROTH|S_IXGRP|S_IRGRP|S_IXUSR|S_IWUSR|S_IRUSR|S_ISUID)"
        );
        assert_eq!(
            chmod(0),
            "res=0 dirfd=-100(AT_FDCWD) filename=/tmp/x mode=0"
        );
        // A single-bit mode stops at the entry equal to the whole value.
        assert_eq!(
            chmod(0o400),
            "res=0 dirfd=-100(AT_FDCWD) filename=/tmp/x mode=0400(S_IRUSR)"
        );
    }

    #[test]
    fn strings_and_paths() {
        // Absolute paths do not resolve; relative ones are joined with the working
        // directory (unknown here: `./`, as libsinsp) and normalised.
        let open = |name: P<'_>| {
            args(
                code::PPME_SYSCALL_OPENAT_2_E,
                &[P::I64(-100), name, P::U32(1), P::U32(0)],
            )
        };
        assert_eq!(
            open(P::Str("/etc/passwd")),
            "dirfd=-100(AT_FDCWD) name=/etc/passwd flags=1(O_RDONLY) mode=0"
        );
        assert_eq!(
            open(P::Str("./a//b/../c/")),
            "dirfd=-100(AT_FDCWD) name=./a//b/../c/(./a/c) flags=1(O_RDONLY) mode=0"
        );
        // Unreadable strings: empty, or "(NULL)" from old drivers.
        assert_eq!(
            open(P::Empty),
            "dirfd=-100(AT_FDCWD) name=<NA> flags=1(O_RDONLY) mode=0"
        );
        assert_eq!(
            open(P::Str("(NULL)")),
            "dirfd=-100(AT_FDCWD) name=<NA> flags=1(O_RDONLY) mode=0"
        );
        // symlinkat exit: target (CHARBUF) is not a path to resolve.
        assert_eq!(
            args(
                code::PPME_SYSCALL_SYMLINKAT_X,
                &[
                    P::I64(0),
                    P::Str("../etc/passwd"),
                    P::I64(-100),
                    P::Str("/tmp/l")
                ]
            ),
            "res=0 target=../etc/passwd linkdirfd=-100(AT_FDCWD) linkpath=/tmp/l"
        );
    }

    fn joined(base: &str, path: &str) -> String {
        let mut out = b"x=".to_vec();
        join_paths(base.as_bytes(), path.as_bytes(), &mut out);
        String::from_utf8(out[2..].to_vec()).unwrap()
    }

    #[test]
    fn relative_paths_are_normalised() {
        assert_eq!(joined("/tmp/w/", "hello.c"), "/tmp/w/hello.c");
        assert_eq!(joined("/tmp/w", "hello.c"), "/tmp/w/hello.c");
        assert_eq!(joined("/tmp/w/", "./hello"), "/tmp/w/hello");
        assert_eq!(
            joined("/usr/lib/python3/dist-packages/x/", ".."),
            "/usr/lib/python3/dist-packages"
        );
        assert_eq!(joined("/a/b/", "../../../c"), "/c");
        assert_eq!(joined("/", ".."), "/");
        assert_eq!(joined("/a/", "b//c/./d/"), "/a/b/c/d");
        assert_eq!(joined("/a/", "."), "/a");
        assert_eq!(joined("/a/", ".git/config"), "/a/.git/config");
        assert_eq!(joined("/a/", "b/..c"), "/a/b/..c");
        assert_eq!(joined("", "foo/../a"), "a");
        assert_eq!(joined("", "a/b"), "a/b");
        let long = "d".repeat(4095);
        assert_eq!(joined("/", &long), "/DIR_TOO_LONG/FILENAME_TOO_LONG");
    }

    #[test]
    fn buffers() {
        // read exit: res, data, fd, size.
        assert_eq!(
            line(
                "%evt.arg.data",
                code::PPME_SYSCALL_READ_X,
                &[
                    P::I64(9),
                    P::Raw(b"\x7fELF\x02\x01 ok\n"),
                    P::I64(3),
                    P::U32(9)
                ]
            ),
            ".ELF.. ok."
        );
        assert_eq!(
            line(
                "%evt.arg.data",
                code::PPME_SYSCALL_READ_X,
                &[P::I64(0), P::Empty, P::I64(3), P::U32(9)]
            ),
            "NULL"
        );
        let mut out = Vec::new();
        write_buffer_text_limited(&[b'a'; 81], 80, &mut out);
        assert_eq!(out.len(), 80);
        assert!(out.ends_with(b"aaa..."));
        out.clear();
        write_buffer_text_limited(&[b'a'; 80], 80, &mut out);
        assert_eq!(out, [b'a'; 80]);
        out.clear();
        write_buffer_text_limited(&[b'a'; 200], 0, &mut out);
        assert_eq!(out.len(), 200);
    }

    fn sockaddr(v: &[u8]) -> String {
        // connect enter: fd, addr.
        line(
            "%evt.arg.addr",
            code::PPME_SOCKET_CONNECT_E,
            &[P::I64(3), P::Raw(v)],
        )
    }

    #[test]
    fn socket_addresses() {
        let mut v4 = vec![2, 127, 0, 0, 1];
        v4.extend_from_slice(&8080u16.to_le_bytes());
        assert_eq!(sockaddr(&v4), "127.0.0.1:8080");
        assert_eq!(sockaddr(&v4[..5]), "INVALID IPv4");
        let mut v6 = vec![10];
        v6.extend_from_slice(&[
            0x20, 0x01, 0x48, 0x60, 0x48, 0x60, 0, 0, 0, 0, 0, 0, 0, 0, 0x88, 0x88,
        ]);
        v6.extend_from_slice(&53u16.to_le_bytes());
        assert_eq!(sockaddr(&v6), "2001:4860:4860::8888:53");
        assert_eq!(
            sockaddr(b"\x01/var/run/nscd/socket\0"),
            "/var/run/nscd/socket"
        );
        assert_eq!(sockaddr(b"\x01/no/nul"), "INVALID PATH");
        assert_eq!(sockaddr(&[16, 1, 2]), "family 16");
        assert_eq!(sockaddr(&[]), "<NA>");
    }

    fn tuple(v: &[u8]) -> String {
        // connect exit: res, tuple, fd, addr.
        line(
            "%evt.arg.tuple",
            code::PPME_SOCKET_CONNECT_X,
            &[P::I64(0), P::Raw(v), P::I64(3), P::Empty],
        )
    }

    #[test]
    fn socket_tuples() {
        let mut v4 = vec![2, 127, 0, 0, 1];
        v4.extend_from_slice(&40096u16.to_le_bytes());
        v4.extend_from_slice(&[127, 0, 0, 1]);
        v4.extend_from_slice(&4444u16.to_le_bytes());
        assert_eq!(tuple(&v4), "127.0.0.1:40096->127.0.0.1:4444");
        // IPv6 endpoints, IPv4-mapped on both sides shown as IPv4.
        let mut v6 = vec![10];
        let mut a = [0u8; 16];
        a[15] = 1;
        v6.extend_from_slice(&a);
        v6.extend_from_slice(&1234u16.to_le_bytes());
        let b = [
            0x26, 0, 0x1f, 0x18, 0x26, 0x2c, 0x65, 0x42, 0x9a, 0xa6, 0xdf, 0x7a, 0x9a, 0x47, 0xd2,
            0x9e,
        ];
        v6.extend_from_slice(&b);
        v6.extend_from_slice(&80u16.to_le_bytes());
        assert_eq!(
            tuple(&v6),
            "::1:1234->2600:1f18:262c:6542:9aa6:df7a:9a47:d29e:80"
        );
        let mut mapped = vec![10];
        for (ip, port) in [([10u8, 0, 0, 1], 5u16), ([10, 0, 0, 2], 6)] {
            let mut a = [0u8; 16];
            a[10] = 0xff;
            a[11] = 0xff;
            a[12..].copy_from_slice(&ip);
            mapped.extend_from_slice(&a);
            mapped.extend_from_slice(&port.to_le_bytes());
        }
        assert_eq!(tuple(&mapped), "10.0.0.1:5->10.0.0.2:6");
        // Unix sockets: both kernel addresses in hex, then the path.
        let mut un = vec![1];
        un.extend_from_slice(&0u64.to_le_bytes());
        un.extend_from_slice(&0xffff_8de5_c2b4_2000u64.to_le_bytes());
        un.extend_from_slice(b"/var/run/nscd/socket\0");
        assert_eq!(tuple(&un), "0->ffff8de5c2b42000 /var/run/nscd/socket");
        assert_eq!(tuple(&[]), "NULL");
        assert_eq!(tuple(&[2, 1, 2, 3]), "INVALID IPv4");
    }

    fn ntop(a: [u16; 8]) -> String {
        let mut b = [0u8; 16];
        for (i, w) in a.iter().enumerate() {
            b[2 * i..2 * i + 2].copy_from_slice(&w.to_be_bytes());
        }
        let mut out = Vec::new();
        write_ipv6(&b, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn ipv6_text_is_glibcs() {
        assert_eq!(ntop([0; 8]), "::");
        assert_eq!(ntop([0, 0, 0, 0, 0, 0, 0, 1]), "::1");
        assert_eq!(ntop([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]), "2001:db8::1");
        assert_eq!(ntop([1, 0, 0, 0, 0, 0, 0, 0]), "1::");
        // A single zero group is not compressed; the first of equal runs is.
        assert_eq!(ntop([1, 0, 2, 3, 4, 5, 6, 7]), "1:0:2:3:4:5:6:7");
        assert_eq!(ntop([1, 0, 0, 2, 0, 0, 3, 4]), "1::2:0:0:3:4");
        assert_eq!(
            ntop([0, 0, 0, 0, 0, 0xffff, 0x0a00, 0x0001]),
            "::ffff:10.0.0.1"
        );
        assert_eq!(ntop([0, 0, 0, 0, 0, 0, 0x0a00, 0x0001]), "::10.0.0.1");
    }

    #[test]
    fn fd_lists_signals_syscalls_and_times() {
        // poll enter: fds (FDLIST), timeout. Fds unknown to the state show '?'.
        let mut fds = 2u16.to_le_bytes().to_vec();
        for (fd, flags) in [(6i64, 1i16), (3, -1)] {
            fds.extend_from_slice(&fd.to_le_bytes());
            fds.extend_from_slice(&flags.to_le_bytes());
        }
        assert_eq!(
            args(code::PPME_SYSCALL_POLL_E, &[P::Raw(&fds), P::I64(500)]),
            "fds=6:?1 3:?ffffffff timeout=500"
        );
        assert_eq!(
            args(code::PPME_SYSCALL_POLL_E, &[P::Raw(&[0, 0]), P::I64(-1)]),
            "fds= timeout=-1"
        );
        // ppoll enter: fds, timeout (RELTIME), sigmask (SIGSET).
        let sigset = (1u32 << 1) | (1 << 14) | (1 << 8);
        assert_eq!(
            args(
                code::PPME_SYSCALL_PPOLL_E,
                &[P::Raw(&[0, 0]), P::U64(u64::MAX), P::U32(0)]
            ),
            "fds= timeout=none sigmask="
        );
        assert_eq!(
            args(
                code::PPME_SYSCALL_PPOLL_E,
                &[P::Raw(&[0, 0]), P::U64(1_500_000_000), P::U32(sigset)]
            ),
            "fds= timeout=1500000000(1.5s) sigmask=SIGINT SIGKILL SIGTERM"
        );
        assert_eq!(
            line(
                "%evt.arg.timeout",
                code::PPME_SYSCALL_PPOLL_E,
                &[P::Raw(&[0, 0]), P::U64(1), P::U32(0)]
            ),
            "1e-09s"
        );
        // Generic syscall events show no parameters; their syscall is in evt.type.
        assert_eq!(
            line(
                "[%evt.args] %evt.type %evt.arg.ID",
                code::PPME_GENERIC_X,
                &[P::U16(syscalls::sc::PPM_SC_READ), P::U16(0)]
            ),
            "[] read read"
        );
        assert_eq!(
            line(
                "%evt.arg[0]",
                code::PPME_GENERIC_E,
                &[P::U16(9999), P::U16(0)]
            ),
            "<unknown syscall>"
        );
    }

    #[test]
    fn lg_formatting() {
        let g = |x: f64| {
            let mut out = Vec::new();
            write_g(&mut out, x);
            String::from_utf8(out).unwrap()
        };
        assert_eq!(g(0.0), "0");
        assert_eq!(g(0.5), "0.5");
        assert_eq!(g(1.0), "1");
        assert_eq!(g(123.456789), "123.457");
        assert_eq!(g(100_000.0), "100000");
        assert_eq!(g(999_999.5), "1e+06");
        assert_eq!(g(1_000_000.0), "1e+06");
        assert_eq!(g(1.5e7), "1.5e+07");
        assert_eq!(g(0.0001), "0.0001");
        assert_eq!(g(0.00001234), "1.234e-05");
        assert_eq!(g(1e-9), "1e-09");
        assert_eq!(g(1e100), "1e+100");
    }

    #[test]
    fn missing_and_unknown_parameters() {
        // A parameter past the recorded ones is missing, not empty.
        assert_eq!(
            line(
                "%evt.arg.fd|%evt.arg[1]|%evt.arg.nope",
                code::PPME_SYSCALL_CLOSE_E,
                &[P::I64(5)]
            ),
            "5|<NA>|<NA>"
        );
        // Empty values of fixed-size types.
        assert_eq!(
            args(code::PPME_SYSCALL_KILL_E, &[P::Empty, P::Empty]),
            "pid=<NA> sig=<NA>"
        );
    }
}
