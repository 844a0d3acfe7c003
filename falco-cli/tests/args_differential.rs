//! The `evt.*` fields and the text of event parameters (`%evt.args`, `%evt.info`,
//! `%evt.arg.NAME`, `%evt.res`, ...): `falco-inspect -r <capture> -p <format>` against
//! sysdig 0.29 on every shared capture.
//!
//! Each case is a `-p` format (starting with `*`, so that both tools print a line per event,
//! missing values as `<NA>`), compared line by line after two steps:
//!
//! 1. **sysdig 0.29 → current libsinsp.** This project renders parameters as current
//!    libsinsp does; where sysdig 0.29 (libs of March 2022) predates a change, its text is
//!    rewritten to the current one. Each rewrite, with the upstream change behind it:
//!    * `evt.args` ends with a space in 0.29; current libsinsp removes it (libs 1ba2a80f3,
//!      2023-12).
//!    * Empty parameters (the driver could not read the value): 0.29 shows an empty text for
//!      buffers and `NULL` for addresses; current libsinsp shows `NULL` for buffers, tuples,
//!      fd lists and dynamic values and `<NA>` for everything else (libs b4d1072d6 and
//!      earlier). Strings recorded as `(NULL)` by old drivers show as `<NA>`, unresolved.
//!    * `ENUMFLAGS` parameters (socket domains, fcntl commands, `lseek` whence, sockopt
//!      levels, rlimit resources...) were bit flags in 0.29's table; current libsinsp names
//!      every table entry *equal* to the value, so `AF_LOCAL` becomes `AF_LOCAL|AF_UNIX`
//!      (libs 3371f08ad, a2e027f2f). The names are recomputed from sysdig's number.
//!    * Table changes: `mmap`/`mmap2` exit `res` was `UINT64` hex, it is `ERRNO` (shown in
//!      decimal, with the error name when negative; libs 6f2aa827f); `execve`/`execveat`
//!      exit parameter 17, 0.29's `pgid`, is named `vpgid` (libs 752f70ddf); `loginuid` was
//!      an `INT32`, it is a `UID` (`-1(<NONE>)`; libs 8f7ad32e1).
//!    * Return values (`evt.res`, `evt.rawres`, `evt.failed`): 0.29 knew them only by the
//!      parameter names `res` and `fd`, and gave `evt.failed` a value (false) for every
//!      event; current libsinsp takes the first parameter of every syscall exit (so
//!      `getuid` has one) and has none for enter events and non-syscall events (libs
//!      f11f92066). Where sysdig shows none, the expected value is the event's first
//!      parameter, read from the capture.
//!    * A path relative to a directory fd naming `/` was resolved by 0.29 as `//name`, in
//!      the path parameter and in the name of the fd it opened; current libsinsp adds the
//!      separator only to directory names not ending in one (`/name`).
//!    * `syscall.type` is absent for events that are not syscalls (`procexit`,
//!      `signaldeliver`; libs 173c139e6).
//!    * `evt.category` of generic syscall events is the generic event's (`other`), where 0.29
//!      looked up the syscall's own (libs 50cf1a647).
//!    * `evt.latency*` and `evt.wait_latency` are always 0 (libs b24461e22).
//!    * The syscall sysdig 0.29 names `sigreturn` is `rt_sigreturn` (see
//!      `falco_tests::sysdig_029_as_current`), in `evt.type`, `syscall.type` and syscall-id
//!      parameters; the syscall id 0, `<unknown>` in 0.29, is named `unknown` in syscall-id
//!      parameters (libs names syscalls from its `PPM_SC_*` list since 2023; `evt.type`
//!      keeps sysdig's `<unknown>`, see `falco_sinsp::fields::event_type_name`).
//!
//! 2. **The state.** Much of the text depends on the state: fd names (`3(<f>/etc/passwd)`),
//!    thread names (`121(sysdig)`), user and group names, fd types in fd lists, working
//!    directories joined to relative paths, the category of I/O events. The
//!    state-independent cases remove those resolved parts from both outputs; the
//!    state-dependent cases compare everything against the state falco-inspect builds from
//!    the capture, except on the events naming a socket that sysdig 0.29 names otherwise
//!    than current libsinsp (a unix socket named from the path given to a connect that
//!    failed; a UDP socket connected again): those events, found in the capture by
//!    [`SocketNames`], are compared with their state-dependent text removed, as in the
//!    state-independent cases.
//!
//! Each test prints one SKIP line and passes when the captures or sysdig are absent.

use std::collections::HashMap;
use std::process::Command;
use std::sync::{Arc, Mutex, OnceLock};

use falco_scap::{CaptureReader, Event};
use falco_schema::{
    category, code, eflags, event_info, EventInfo, ParamExtra, ParamInfo, ParamType,
};
use falco_sinsp::errno::errno_name;
use falco_tests::{
    captures_or_skip, diff_lines, run_command, run_sysdig, sysdig_or_skip, Capture, CAPTURES,
};

const INSPECT: &str = env!("CARGO_BIN_EXE_falco-inspect");

/// What a column of a format holds, for the normalisations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    /// `%evt.num`: the key to the event's facts.
    Num,
    /// Compared as it is.
    Same,
    /// `%evt.type`.
    Type,
    /// `%evt.args` or `%evt.info` (last column).
    Args,
    /// `%evt.arg.NAME` (the parameter's current name).
    Arg(&'static str),
    /// `%evt.arg[N]`.
    ArgIdx(usize),
    /// `%evt.res`.
    Res,
    /// `%evt.rawres`.
    RawRes,
    /// `%evt.failed`.
    Failed,
    /// `%syscall.type`.
    SyscallType,
    /// `%evt.category`.
    Category,
    /// `%evt.latency`, `%evt.wait_latency`: 0 now.
    Zero,
    /// `%evt.latency.ns`: 000000000 now.
    ZeroNs,
    /// `%evt.buffer` (last column).
    Buffer,
}

/// One format, compared on every capture.
struct Case {
    format: &'static str,
    columns: &'static [Col],
    /// A filter given to both tools, if any.
    filter: Option<&'static str>,
}

use Col::*;

/// What the normalisations need to know about one event.
#[derive(Clone, Copy, Debug, Default)]
struct Facts {
    ty: u16,
    /// Parameters recorded (at most the table's).
    nparams: u8,
    /// Bit `i` set: parameter `i` is empty.
    empty: u64,
    /// The first parameter as a signed number, when it is 4 or 8 bytes long.
    first: Option<i64>,
    /// The event names a socket that sysdig 0.29 names otherwise than current libsinsp
    /// ([`SocketNames`]).
    socket_name: bool,
}

/// The facts of every event of a capture, indexed by `evt.num`.
type CaptureFacts = Vec<Facts>;

fn facts(cap: &Capture) -> Arc<CaptureFacts> {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, Arc<CaptureFacts>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(f) = cache.lock().unwrap().get(cap.stem) {
        return f.clone();
    }
    let mut reader = CaptureReader::open(cap.path()).expect("the capture opens");
    let mut all = vec![Facts::default()];
    let mut sockets = SocketNames::default();
    while let Some(ev) = reader.next_event().expect("the capture reads") {
        let n = ev.num as usize;
        if all.len() <= n {
            all.resize(n + 1, Facts::default());
        }
        let table = ev.info().map_or(0, |i| i.params.len());
        let nparams = (ev.nparams() as usize).min(table);
        let mut empty = 0u64;
        for (i, p) in ev.params().take(nparams).enumerate() {
            if p.is_empty() {
                empty |= 1 << i;
            }
        }
        let first = ev.param(0).and_then(|p| match p.len() {
            4 => Some(i32::from_le_bytes(p.try_into().unwrap()) as i64),
            8 => Some(i64::from_le_bytes(p.try_into().unwrap())),
            _ => None,
        });
        all[n] = Facts {
            ty: ev.ty(),
            nparams: nparams as u8,
            empty,
            first,
            socket_name: sockets.event(&ev),
        };
    }
    let f = Arc::new(all);
    cache.lock().unwrap().insert(cap.stem, f.clone());
    f
}

/// The events naming a socket (through an fd parameter) whose name sysdig 0.29 and current
/// libsinsp tell apart, found by following the connect events of the capture. sysdig 0.29.3
/// is built on libs e5c53d648 (2022-03-16, `sysdig --libs-version`); current libsinsp's
/// connect parsing (userspace/libsinsp/parsers.cpp) comes from libs fde781632 and bd1061cef
/// (2025-10). Two classes:
///
/// * **A unix socket named from the path given to a connect that failed.** sysdig 0.29's
///   `parse_connect_enter` names a unix socket after the address of the connect enter
///   event, and its `parse_connect_exit` returns without changing it when the connect
///   failed (an error other than `EINPROGRESS`). Current libsinsp only stores the enter
///   event (`process_event`, `PPME_SOCKET_CONNECT_E`; bd1061cef dropped its parser), and
///   its `parse_connect_exit` returns on such an error too: the socket keeps the name it had
///   (none, for a socket just made: `add_socket`). So the connect enter event and, when the
///   connect fails, the later events on the socket until it is closed show
///   `fd=3(<u>/var/run/nscd/socket)` in sysdig 0.29 and `fd=3(<u>)` now. A connect that
///   succeeds names the socket from its tuple in both (`fill_client_socket_info`).
/// * **A socket connected again to another peer** (a UDP socket), with a connect enter event
///   that gives no address (old drivers). sysdig 0.29's `set_ipv6_addresses_and_ports` (and
///   the IPv4 ones) set the destination only when it is empty: a destination once set is
///   kept. Current libsinsp's `fill_client_socket_info` always overwrites it ("Always
///   overwrite destination address and port"; fde781632). So after the second connect the
///   later events on the socket, until it is closed, show the first peer in sysdig 0.29 and
///   the tuple's now. (When the enter event gives the address, sysdig 0.29's
///   `parse_connect_enter` takes the destination from it, and both agree.)
///
/// The sockets are followed per thread and fd, from the recorded events: a socket stops
/// being followed at its close enter event, at an exit event of the thread that creates an
/// fd with its number, and at the thread's exit.
#[derive(Default)]
struct SocketNames {
    /// (thread, fd) of each socket followed.
    sockets: HashMap<(u64, i64), Socket>,
    /// Per thread, its last connect enter event: fd, and the family of its address if any.
    connecting: HashMap<u64, (i64, Option<u8>)>,
}

/// A socket followed by [`SocketNames`].
#[derive(Default)]
struct Socket {
    /// sysdig 0.29's name differs from current libsinsp's.
    differs: bool,
    /// The destination sysdig 0.29 keeps (address and port bytes of a tuple).
    dest_029: Option<Vec<u8>>,
}

const PPM_AF_UNIX: u8 = 1;
const PPM_AF_INET: u8 = 2;
const PPM_AF_INET6: u8 = 10;
const EINPROGRESS: i64 = 115;

/// A number parameter (4 or 8 bytes), signed.
fn signed(p: &[u8]) -> Option<i64> {
    match p.len() {
        4 => Some(i32::from_le_bytes(p.try_into().unwrap()) as i64),
        8 => Some(i64::from_le_bytes(p.try_into().unwrap())),
        _ => None,
    }
}

/// The destination address and port of a socket tuple (family, source address and port,
/// destination address and port, as the driver packs it), for IPv4 and IPv6.
fn tuple_dest(t: &[u8]) -> Option<&[u8]> {
    match t.first() {
        Some(&PPM_AF_INET) if t.len() >= 13 => Some(&t[7..13]),
        Some(&PPM_AF_INET6) if t.len() >= 37 => Some(&t[19..37]),
        _ => None,
    }
}

impl SocketNames {
    /// Follows one event (in capture order); true when the event has an fd parameter naming
    /// a socket whose name differs.
    fn event(&mut self, ev: &Event) -> bool {
        let Some(info) = ev.info() else {
            return false;
        };
        let tid = ev.tid();
        let fds = || {
            info.params
                .iter()
                .zip(ev.params())
                .filter(|(pi, _)| matches!(pi.ty, ParamType::Fd | ParamType::Fd32))
                .filter_map(|(_, p)| signed(p))
        };
        match ev.ty() {
            code::PPME_SOCKET_CONNECT_E => {
                if let Some(fd) = ev.param(0).and_then(signed) {
                    let family = ev.param(1).and_then(|a| a.first().copied());
                    self.connecting.insert(tid, (fd, family));
                    if family == Some(PPM_AF_UNIX) {
                        self.sockets.entry((tid, fd)).or_default().differs = true;
                    }
                }
            }
            code::PPME_SOCKET_CONNECT_X => {
                let res = ev.param(0).and_then(signed).unwrap_or(-1);
                if let Some((fd, family)) = self.connecting.remove(&tid) {
                    let tuple = ev.param(1).unwrap_or_default();
                    if (res >= 0 || res == -EINPROGRESS) && !tuple.is_empty() {
                        let sock = self.sockets.entry((tid, fd)).or_default();
                        match tuple_dest(tuple) {
                            Some(dest) if family.is_none() => {
                                let kept = sock.dest_029.get_or_insert_with(|| dest.to_vec());
                                sock.differs = kept.as_slice() != dest;
                            }
                            Some(dest) => {
                                sock.dest_029 = Some(dest.to_vec());
                                sock.differs = false;
                            }
                            None => sock.differs = false,
                        }
                    }
                }
            }
            code::PPME_SYSCALL_CLOSE_E => {
                let fd = ev.param(0).and_then(signed);
                let named = fd.is_some_and(|fd| self.differs(tid, fd));
                if let Some(fd) = fd {
                    self.sockets.remove(&(tid, fd));
                }
                return named;
            }
            _ if info.name == "procexit" => self.sockets.retain(|(t, _), _| *t != tid),
            _ if ev.is_enter() || info.flags & eflags::CREATES_FD == 0 => {}
            _ => {
                for fd in ev.param(0).and_then(signed).into_iter().chain(fds()) {
                    self.sockets.remove(&(tid, fd));
                }
            }
        }
        fds().any(|fd| self.differs(tid, fd))
    }

    fn differs(&self, tid: u64, fd: i64) -> bool {
        self.sockets.get(&(tid, fd)).is_some_and(|s| s.differs)
    }
}

impl Facts {
    fn info(&self) -> &'static EventInfo {
        event_info(self.ty).expect("a known event type")
    }

    fn is_empty(&self, i: usize) -> bool {
        self.empty & (1 << i) != 0
    }

    fn is_generic(&self) -> bool {
        matches!(self.ty, code::PPME_GENERIC_E | code::PPME_GENERIC_X)
    }

    /// The return value as current libsinsp sees it: the first parameter of syscall exits.
    fn return_value(&self) -> Option<i64> {
        let info = self.info();
        if self.ty & 1 == 0
            || self.ty == code::PPME_GENERIC_X
            || info.category & category::SYSCALL == 0
            || self.nparams == 0
        {
            return None;
        }
        self.first
    }

    /// The names sysdig 0.29 gives the recorded parameters.
    fn names_029(&self) -> Vec<&'static str> {
        let info = self.info();
        info.params[..self.nparams as usize]
            .iter()
            .enumerate()
            .map(|(i, p)| match (self.ty, i) {
                (code::PPME_SYSCALL_EXECVE_19_X | code::PPME_SYSCALL_EXECVEAT_X, 17) => "pgid",
                _ => p.name,
            })
            .collect()
    }

    fn names(&self) -> Vec<&'static str> {
        self.info().params[..self.nparams as usize]
            .iter()
            .map(|p| p.name)
            .collect()
    }
}

/// Which output a line comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Sysdig,
    Ours,
}

/// Normalise one output (see the module documentation).
fn normalise(output: &str, case: &Case, facts: &CaptureFacts, side: Side, strip: bool) -> String {
    let mut out = String::with_capacity(output.len());
    for line in output.lines() {
        out.push_str(&normalise_line(line, case, facts, side, strip));
        out.push('\n');
    }
    out
}

fn normalise_line(
    line: &str,
    case: &Case,
    facts: &CaptureFacts,
    side: Side,
    strip: bool,
) -> String {
    let n = case.columns.len();
    let cols: Vec<&str> = line.splitn(n, ' ').collect();
    if cols.len() != n {
        return line.to_string();
    }
    let Some(f) = cols[0]
        .parse::<usize>()
        .ok()
        .and_then(|i| facts.get(i))
        .copied()
    else {
        return line.to_string();
    };
    let sysdig = side == Side::Sysdig;
    // The socket names of [`SocketNames`]: those lines are compared without their
    // state-dependent text, as in the state-independent cases.
    let strip = strip || f.socket_name;
    let mut res = Vec::with_capacity(n);
    for (col, text) in case.columns.iter().zip(&cols) {
        let t = text.to_string();
        res.push(match *col {
            Num | Same => t,
            Type if sysdig && t == "sigreturn" => "rt_sigreturn".to_string(),
            Type => t,
            Args => args_column(&f, &t, side, strip),
            Arg(name) => match f.info().param_index(name) {
                Some(i) => arg_column(&f, i, t, side, strip),
                None => t,
            },
            ArgIdx(i) => arg_column(&f, i, t, side, strip),
            Res | RawRes | Failed if sysdig => return_column(&f, *col, t),
            SyscallType if sysdig && f.info().category & category::SYSCALL == 0 => "<NA>".into(),
            SyscallType if sysdig && t == "sigreturn" => "rt_sigreturn".into(),
            Category => {
                let io = f.info().category & category::IO_BASE != 0
                    && f.info().category & (category::SYSCALL - 1) < category::WAIT;
                if strip && io {
                    "<io>".into()
                } else if sysdig && f.is_generic() {
                    "other".into()
                } else {
                    t
                }
            }
            Zero if sysdig => "0".into(),
            ZeroNs if sysdig => "000000000".into(),
            Buffer => match f.info().param_index("data") {
                Some(i) if sysdig && i < f.nparams as usize && f.is_empty(i) => "NULL".into(),
                _ => t,
            },
            _ => t,
        });
    }
    res.join(" ")
}

/// `evt.args`: parameter by parameter.
fn args_column(f: &Facts, text: &str, side: Side, strip: bool) -> String {
    if f.is_generic() || f.nparams == 0 {
        return text.trim_end_matches(' ').to_string();
    }
    let sysdig = side == Side::Sysdig;
    let names = if sysdig { f.names_029() } else { f.names() };
    let Some(values) = split_args(text, &names, sysdig) else {
        return format!("UNPARSED {text}");
    };
    let params = &f.info().params;
    let mut out = String::new();
    for (i, v) in values.into_iter().enumerate() {
        let pi = &params[i];
        let mut v = v.to_string();
        if sysdig {
            v = param_029_as_current(f, i, pi, v);
        }
        if strip {
            v = strip_state(pi, &v);
        }
        if i > 0 {
            out.push(' ');
        }
        out.push_str(pi.name);
        out.push('=');
        out.push_str(&v);
    }
    out
}

/// The values of `name=value name=value ...`, given the names in order; sysdig 0.29 ends
/// the text with a space.
fn split_args<'a>(text: &'a str, names: &[&str], trailing_space: bool) -> Option<Vec<&'a str>> {
    let mut values = Vec::with_capacity(names.len());
    let mut pos = 0;
    for (i, name) in names.iter().enumerate() {
        let rest = &text[pos..];
        let head = format!("{name}=");
        if !rest.starts_with(&head) {
            return None;
        }
        let start = pos + head.len();
        match names.get(i + 1) {
            Some(next) => {
                let sep = format!(" {next}=");
                let end = start + text[start..].find(&sep)?;
                values.push(&text[start..end]);
                pos = end + 1;
            }
            None => {
                let mut v = &text[start..];
                if trailing_space {
                    v = v.strip_suffix(' ')?;
                }
                values.push(v);
            }
        }
    }
    Some(values)
}

/// A parameter's text (`value` or `value(resolved)`) as sysdig 0.29 shows it, turned into
/// current libsinsp's.
fn param_029_as_current(f: &Facts, i: usize, pi: &ParamInfo, v: String) -> String {
    use ParamType::*;
    if f.is_empty(i) {
        return empty_text(pi.ty).to_string();
    }
    if matches!(pi.ty, Charbuf | Fspath | Fsrelpath) && v.starts_with("(NULL)") {
        return "<NA>".into();
    }
    if is_mmap_res(f, i) {
        let res = u64::from_str_radix(&v, 16).expect("0.29's mmap res is hex") as i64;
        return match errno_name(res).filter(|_| res < 0) {
            Some(e) => format!("{res}({e})"),
            Option::None => res.to_string(),
        };
    }
    if pi.name == "loginuid" && pi.ty == Uid && v == "-1" {
        return "-1(<NONE>)".into();
    }
    if matches!(pi.ty, Fd | Fd32 | Fsrelpath) {
        return v.replacen(">//", ">/", 1).replacen("(//", "(/", 1);
    }
    if let (Enumflags8 | Enumflags16 | Enumflags32, ParamExtra::Flags(set)) = (pi.ty, pi.extra) {
        let num = v.split('(').next().unwrap();
        let val: u32 = num.parse().expect("an enum value is a number");
        let names: Vec<&str> = set
            .values
            .iter()
            .filter(|x| x.value == val)
            .map(|x| x.name)
            .collect();
        return if names.is_empty() {
            num.to_string()
        } else {
            format!("{num}({})", names.join("|"))
        };
    }
    v
}

fn empty_text(ty: ParamType) -> &'static str {
    use ParamType::*;
    match ty {
        Bytebuf | Socktuple | Fdlist | Charbufarray | CharbufPairArray | Dyn => "NULL",
        _ => "<NA>",
    }
}

fn is_mmap_res(f: &Facts, i: usize) -> bool {
    i == 0 && matches!(f.ty, code::PPME_SYSCALL_MMAP_X | code::PPME_SYSCALL_MMAP2_X)
}

/// Remove the parts of a parameter's text that depend on the state.
fn strip_state(pi: &ParamInfo, v: &str) -> String {
    use ParamType::*;
    let value = || v.split('(').next().unwrap().to_string();
    match pi.ty {
        Fd | Fd32 => match v.parse::<i64>() {
            Ok(_) => v.to_string(),
            Err(_) if v.starts_with('-') => v.to_string(),
            Err(_) => value(),
        },
        Pid | Pid32 => value(),
        Uid | Gid if v != "-1(<NONE>)" => value(),
        Fdlist => v
            .split(' ')
            .map(|e| match e.split_once(':') {
                Some((fd, rest)) if !rest.is_empty() => format!("{fd}:?{}", &rest[1..]),
                _ => e.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" "),
        Fspath | Fsrelpath if !v.starts_with('/') && v != "<NA>" => value(),
        _ => v.to_string(),
    }
}

/// `%evt.arg.NAME` as sysdig 0.29 shows it (the resolved text, or the value), turned into
/// current libsinsp's; with `strip`, parameters whose text depends on the state show as
/// `<state>` in both outputs.
fn arg_column(f: &Facts, i: usize, v: String, side: Side, strip: bool) -> String {
    use ParamType::*;
    if v == "<NA>" || i >= f.nparams as usize {
        return v;
    }
    let pi = &f.info().params[i];
    let sysdig = side == Side::Sysdig;
    if sysdig && f.is_empty(i) {
        return empty_text(pi.ty).to_string();
    }
    if sysdig && matches!(pi.ty, Charbuf | Fspath | Fsrelpath) && v.ends_with("(NULL)") {
        return "<NA>".into();
    }
    if strip
        && matches!(
            pi.ty,
            Fd | Fd32 | Pid | Pid32 | Uid | Gid | Fdlist | Fspath | Fsrelpath
        )
        && !f.is_empty(i)
    {
        return "<state>".into();
    }
    if !sysdig {
        return v;
    }
    if is_mmap_res(f, i) {
        let res = u64::from_str_radix(&v, 16).expect("0.29's mmap res is hex") as i64;
        return match errno_name(res).filter(|_| res < 0) {
            Some(e) => e.to_string(),
            Option::None => res.to_string(),
        };
    }
    if pi.name == "loginuid" && pi.ty == Uid && v == "-1" {
        return "<NONE>".into();
    }
    if matches!(pi.ty, Fd | Fd32) {
        return v.replacen(">//", ">/", 1);
    }
    if pi.ty == Fsrelpath && v.starts_with("//") {
        return v[1..].to_string();
    }
    if pi.ty == Syscallid {
        return match v.as_str() {
            "sigreturn" => "rt_sigreturn".into(),
            "<unknown>" => "unknown".into(),
            _ => v,
        };
    }
    if let (Enumflags8 | Enumflags16 | Enumflags32, ParamExtra::Flags(set)) = (pi.ty, pi.extra) {
        if v.parse::<u32>().is_ok() {
            return v;
        }
        let first = v.split('|').next().unwrap();
        let val = set
            .values
            .iter()
            .find(|x| x.name == first)
            .expect("0.29's flag names are in the table")
            .value;
        let names: Vec<&str> = set
            .values
            .iter()
            .filter(|x| x.value == val)
            .map(|x| x.name)
            .collect();
        return names.join("|");
    }
    v
}

/// `evt.res`, `evt.rawres`, `evt.failed` as current libsinsp gives them.
fn return_column(f: &Facts, col: Col, v: String) -> String {
    let Some(res) = f.return_value() else {
        return "<NA>".into();
    };
    if v != "<NA>" && col != Failed {
        return v;
    }
    match col {
        RawRes => res.to_string(),
        Failed => (res < 0).to_string(),
        _ if res >= 0 => "SUCCESS".into(),
        _ => errno_name(res).map_or(res.to_string(), str::to_string),
    }
}

// ---- running ----

fn inspect(cap: &Capture, format: &str, filter: Option<&str>) -> String {
    let mut cmd = Command::new(INSPECT);
    cmd.arg("-r").arg(cap.path()).arg("-p").arg(format);
    if let Some(f) = filter {
        cmd.arg(f);
    }
    run_command(&mut cmd)
}

fn sysdig(cap: &Capture, format: &str, filter: Option<&str>) -> String {
    let mut args = vec!["-p", format];
    if let Some(f) = filter {
        args.push(f);
    }
    run_sysdig(&cap.path(), &args)
}

/// Compare one case on every capture; `strip` removes the state-dependent text. Every
/// capture is compared before the test fails, and the report names each that differs.
fn check(case: &Case, strip: bool) {
    captures_or_skip!();
    sysdig_or_skip!();
    let mut failures = Vec::new();
    for cap in CAPTURES {
        let facts = facts(cap);
        let theirs = sysdig(cap, case.format, case.filter);
        let ours = inspect(cap, case.format, case.filter);
        let expected = normalise(&theirs, case, &facts, Side::Sysdig, strip);
        let actual = normalise(&ours, case, &facts, Side::Ours, strip);
        let what = format!(
            "-r {} -p '{}'{}{}: sysdig 0.29 (as current libsinsp) vs falco-inspect",
            cap.file,
            case.format,
            case.filter.map_or(String::new(), |f| format!(" '{f}'")),
            if strip {
                " (state-dependent text removed)"
            } else {
                ""
            },
        );
        if let Some(report) = diff_lines(&expected, &actual) {
            failures.push(format!("{what}: {report}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

macro_rules! cases {
    ($($(#[$attr:meta])* $name:ident: $strip:expr, $format:expr, [$($col:expr),*] $(, $filter:expr)?;)*) => {$(
        #[test]
        $(#[$attr])*
        fn $name() {
            check(
                &Case {
                    format: $format,
                    columns: &[$($col),*],
                    filter: None $(.or(Some($filter)))?,
                },
                $strip,
            );
        }
    )*};
}

// State-independent: the resolved text of fds, pids, users, groups, fd lists and relative
// paths is removed from both outputs, I/O categories are masked.
cases! {
    args_without_state: true,
        "*%evt.num %evt.dir %evt.type %evt.args", [Num, Same, Type, Args];
    info_without_state: true, "*%evt.num %evt.info", [Num, Args];
    return_values: true,
        "*%evt.num %evt.dir %evt.type %evt.res %evt.rawres %evt.failed",
        [Num, Same, Type, Res, RawRes, Failed];
    return_values_skip_missing: true,
        "%evt.num %evt.type %evt.res %evt.rawres %evt.failed",
        [Num, Type, Res, RawRes, Failed],
        "evt.type in (open, openat, close, read, write, connect, socket, access, execve)";
    io_kinds: true,
        "*%evt.num %evt.dir %evt.type %evt.is_io %evt.is_io_read %evt.is_io_write %evt.io_dir \
         %evt.is_wait",
        [Num, Same, Type, Same, Same, Same, Same, Same];
    open_kinds: true,
        "*%evt.num %evt.dir %evt.type %evt.is_open_read %evt.is_open_write %evt.is_open_exec",
        [Num, Same, Type, Same, Same, Same];
    flags_and_modes: true,
        "*%evt.num %evt.type %evt.arg.flags %evt.arg.mode %evt.arg.prot %evt.arg.op",
        [Num, Type, Arg("flags"), Arg("mode"), Arg("prot"), Arg("op")];
    enums_and_signals: true,
        "*%evt.num %evt.type %evt.arg.domain %evt.arg.whence %evt.arg.resource %evt.arg.cmd \
         %evt.arg.level %evt.arg.optname %evt.arg.how %evt.arg.sig",
        [Num, Type, Arg("domain"), Arg("whence"), Arg("resource"), Arg("cmd"), Arg("level"),
         Arg("optname"), Arg("how"), Arg("sig")];
    errors_by_name: true,
        "*%evt.num %evt.type %evt.arg.res %evt.arg[0] %evt.arg[1]",
        [Num, Type, Arg("res"), ArgIdx(0), ArgIdx(1)];
    socket_addresses: true,
        "*%evt.num %evt.type %evt.arg.addr %evt.arg.tuple",
        [Num, Type, Arg("addr"), Arg("tuple")];
    sizes_and_numbers: true,
        "*%evt.num %evt.type %evt.arg.size %evt.arg.length %evt.arg.offset %evt.arg.request \
         %evt.arg.val %evt.arg.status %evt.arg.backlog %evt.arg.type",
        [Num, Type, Arg("size"), Arg("length"), Arg("offset"), Arg("request"), Arg("val"),
         Arg("status"), Arg("backlog"), Arg("type")];
    buffers: true, "*%evt.num %evt.type %evt.buffer", [Num, Type, Buffer];
    data_args: true, "*%evt.num %evt.type %evt.arg.data", [Num, Type, Arg("data")];
    syscall_types_and_counts: true,
        "*%evt.num %evt.dir %evt.type %syscall.type %evt.count %evt.count.exit %evt.latency \
         %evt.latency.ns %evt.wait_latency",
        [Num, Same, Type, SyscallType, Same, Same, Zero, ZeroNs, Zero];
    times: true,
        "*%evt.num %evt.rawtime %evt.rawtime.s %evt.rawtime.ns %evt.time %evt.time.s \
         %evt.datetime %evt.datetime.s %evt.time.iso8601 %evt.outputtime %evt.cpu",
        [Num, Same, Same, Same, Same, Same, Same, Same, Same, Same, Same, Same];
    categories_without_io: true,
        "*%evt.num %evt.dir %evt.type %evt.category", [Num, Same, Type, Category];
}

// State-dependent: everything compared, the state built by falco-inspect from the capture;
// the events of [`SocketNames`] (a socket sysdig 0.29 names otherwise than current libsinsp)
// without their state-dependent text.
cases! {
    args_with_state: false,
        "*%evt.num %evt.dir %evt.type %evt.args", [Num, Same, Type, Args];
    default_output_with_state: false,
        "*%evt.num %evt.outputtime %evt.cpu (%thread.tid) %evt.dir %evt.type %evt.info",
        [Num, Same, Same, Same, Same, Type, Args];
    fds_names_and_flags: false,
        "*%evt.num %evt.type %evt.arg.fd %evt.arg.name %evt.arg.flags",
        [Num, Type, Arg("fd"), Arg("name"), Arg("flags")];
    results_with_state: false,
        "*%evt.num %evt.type %evt.res %evt.arg.res %evt.arg[0]",
        [Num, Type, Res, Arg("res"), ArgIdx(0)];
    paths: false,
        "*%evt.num %evt.type %evt.arg.path %evt.arg.filename %evt.arg.linkpath \
         %evt.arg.target %evt.arg.oldpath %evt.arg.newpath",
        [Num, Type, Arg("path"), Arg("filename"), Arg("linkpath"), Arg("target"),
         Arg("oldpath"), Arg("newpath")];
    pids_and_users: false,
        "*%evt.num %evt.type %evt.arg.pid %evt.arg.tid %evt.arg.ptid %evt.arg.uid \
         %evt.arg.gid %evt.arg.euid %evt.arg.next %evt.arg.loginuid",
        [Num, Type, Arg("pid"), Arg("tid"), Arg("ptid"), Arg("uid"), Arg("gid"), Arg("euid"),
         Arg("next"), Arg("loginuid")];
    categories: false, "*%evt.num %evt.dir %evt.type %evt.category", [Num, Same, Type, Category];
    buffer_lengths: false,
        "*%evt.num %evt.type %evt.buflen %evt.is_syslog", [Num, Type, Same, Same];
    fd_lists: false, "*%evt.num %evt.type %evt.arg.fds", [Num, Type, Arg("fds")];
}

#[test]
fn args_text_is_split_at_the_next_parameter_name() {
    // Values may contain spaces; a value is cut at the first ` NEXTNAME=` after it.
    let names = ["res", "data", "tuple"];
    let v = split_args(
        "res=5 data=a b tuple=x data= tuple=1.2.3.4:5->6.7.8.9:10 ",
        &names,
        true,
    );
    assert_eq!(
        v,
        Some(vec!["5", "a b", "x data= tuple=1.2.3.4:5->6.7.8.9:10"])
    );
    assert_eq!(
        split_args("res=5 data=", &names[..2], false),
        Some(vec!["5", ""])
    );
    assert_eq!(split_args("res=5", &names[..2], false), None);
}

#[test]
fn socket_names_follow_connect() {
    // The events of [`SocketNames`], hand-checked. test_ipv6_client: thread 19747's UDP
    // socket, fd 3, is connected to ::1:2345 (227), then again to
    // 2001:4860:4860::8888:53 (231; its enter event, 230, has no address); the later events
    // naming fd 3 are the sendto enter events 232 and 237 (never closed).
    captures_or_skip!();
    let flagged = |stem: &str| -> Vec<usize> {
        let f = facts(falco_tests::capture(stem));
        (0..f.len()).filter(|&i| f[i].socket_name).collect()
    };
    assert_eq!(flagged("test_ipv6_client"), [232, 237]);
    // vm-triggers: bash (138) and id (141) connect a new unix socket, fd 3, to
    // /var/run/nscd/socket six times (enter events 9053, 9061, 10121, 10129, 10197, 10205),
    // each failing with ENOENT, then close it (9057, ...): the connect and close enter events.
    assert_eq!(
        flagged("vm-triggers"),
        [9053, 9057, 9061, 9065, 10121, 10125, 10129, 10133, 10197, 10201, 10205, 10209]
    );
    // In every capture: a connect enter event with a unix address, then the close of its
    // socket (no other socket is connected again), and some in each vm-* capture (their
    // programs connect to unix sockets that do not exist there: nscd's, /dev/log,
    // /var/run/docker.sock).
    for cap in CAPTURES.iter().filter(|c| c.stem != "test_ipv6_client") {
        let f = facts(cap);
        let tys: Vec<u16> = f.iter().filter(|x| x.socket_name).map(|x| x.ty).collect();
        for pair in tys.chunks(2) {
            assert_eq!(
                pair,
                [code::PPME_SOCKET_CONNECT_E, code::PPME_SYSCALL_CLOSE_E],
                "{}",
                cap.file
            );
        }
        assert_eq!(tys.is_empty(), !cap.stem.starts_with("vm-"), "{}", cap.file);
    }
}
