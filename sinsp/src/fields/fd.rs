//! The `fd` class: the file descriptor the event uses, creates or closes (for `close`,
//! the fd just closed; for `open`, the fd just created), as the state knows it.

use falco_schema::code::*;
use falco_schema::ParamType;

use super::{ArgKind, Class, Ctx, FieldDef, FieldRef};
use crate::state::{fd_kind as kind, is_fd_event, l4, Fd, State, Thread};
use crate::time::TimeFormatter;
use crate::value::Value;

macro_rules! ids {
    ($($name:ident),* $(,)?) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy, PartialEq, Eq)]
        #[repr(u16)]
        enum Id { $($name),* }
        const ALL_IDS: &[Id] = &[$(Id::$name),*];
    };
}

ids!(
    NUM,
    TYPE,
    TYPECHAR,
    NAME,
    DIRECTORY,
    FILENAME,
    IP,
    CIP,
    SIP,
    LIP,
    RIP,
    PORT,
    CPORT,
    SPORT,
    LPORT,
    RPORT,
    L4PROTO,
    SOCKFAMILY,
    IS_SERVER,
    UID,
    CONTAINERNAME,
    CONTAINERDIRECTORY,
    PROTO,
    CPROTO,
    SPROTO,
    LPROTO,
    RPROTO,
    NET,
    CNET,
    SNET,
    LNET,
    RNET,
    CONNECTED,
    NAME_CHANGED,
    CIP_NAME,
    SIP_NAME,
    LIP_NAME,
    RIP_NAME,
    DEV,
    DEV_MAJOR,
    DEV_MINOR,
    INO,
    NAMERAW,
    TYPES,
    IS_UPPER_LAYER,
    IS_LOWER_LAYER,
    FDLIST_NUMS,
    FDLIST_NAMES,
    FDLIST_CIPS,
    FDLIST_SIPS,
    FDLIST_CPORTS,
    FDLIST_SPORTS,
);

const fn d(name: &'static str, ty: ParamType, list: bool, id: Id, desc: &'static str) -> FieldDef {
    FieldDef {
        name,
        ty,
        arg: ArgKind::None,
        desc,
        list,
        class: Class::Fd,
        id: id as u16,
    }
}

use Id::*;
use ParamType::{Bool as PBool, Charbuf, Int32, Int64, Ipaddr, Ipnet, Port};

/// The fields of this class; `FIELDS[i].id == i`.
pub(super) static FIELDS: &[FieldDef] = &[
    d("fd.num", Int64, false, NUM, "the number of the fd"),
    d("fd.type", Charbuf, false, TYPE, "type of fd: file, directory, ipv4, ipv6, unix, pipe, event, signalfd, eventpoll, inotify, timerfd, netlink, bpf, userfaultfd, io_uring, memfd, pidfd"),
    d("fd.typechar", Charbuf, false, TYPECHAR, "type of fd as one character: f file, d directory, 4 IPv4, 6 IPv6, u unix, p pipe, e event, s signalfd, l eventpoll, i inotify, t timerfd, n netlink, b bpf, r io_uring, m memfd, P pidfd, o unknown"),
    d("fd.name", Charbuf, false, NAME, "the full name: a file's path, a socket's connection tuple"),
    d("fd.directory", Charbuf, false, DIRECTORY, "for files, the directory that contains the file"),
    d("fd.filename", Charbuf, false, FILENAME, "for files, the file name without its directory"),
    d("fd.ip", Ipaddr, true, IP, "matches either IP address (client or server) of the fd"),
    d("fd.cip", Ipaddr, false, CIP, "client IP address"),
    d("fd.sip", Ipaddr, false, SIP, "server IP address"),
    d("fd.lip", Ipaddr, false, LIP, "local IP address"),
    d("fd.rip", Ipaddr, false, RIP, "remote IP address"),
    d("fd.port", Port, true, PORT, "matches either port (client or server) of the fd"),
    d("fd.cport", Port, false, CPORT, "for TCP/UDP fds, the client port"),
    d("fd.sport", Port, false, SPORT, "for TCP/UDP fds, the server port"),
    d("fd.lport", Port, false, LPORT, "for TCP/UDP fds, the local port"),
    d("fd.rport", Port, false, RPORT, "for TCP/UDP fds, the remote port"),
    d("fd.l4proto", Charbuf, false, L4PROTO, "the IP protocol of a socket: tcp, udp, icmp or raw"),
    d("fd.sockfamily", Charbuf, false, SOCKFAMILY, "the socket family: ip or unix"),
    d("fd.is_server", PBool, false, IS_SERVER, "true if the process owning the fd is the server end of the connection"),
    d("fd.uid", Charbuf, false, UID, "a unique id of the fd: thread id and fd number chained"),
    d("fd.containername", Charbuf, false, CONTAINERNAME, "container id and fd name chained"),
    d("fd.containerdirectory", Charbuf, false, CONTAINERDIRECTORY, "container id and directory chained"),
    d("fd.proto", Port, true, PROTO, "matches either protocol (port, or a service name of /etc/services) of the fd"),
    d("fd.cproto", Charbuf, false, CPROTO, "for TCP/UDP fds, the client port as text"),
    d("fd.sproto", Charbuf, false, SPROTO, "for TCP/UDP fds, the server port as text"),
    d("fd.lproto", Charbuf, false, LPROTO, "for TCP/UDP fds, the local port as text"),
    d("fd.rproto", Charbuf, false, RPROTO, "for TCP/UDP fds, the remote port as text"),
    d("fd.net", Ipnet, true, NET, "matches either IP network (client or server) of the fd"),
    d("fd.cnet", Ipnet, false, CNET, "matches the client IP network of the fd"),
    d("fd.snet", Ipnet, false, SNET, "matches the server IP network of the fd"),
    d("fd.lnet", Ipnet, false, LNET, "matches the local IP network of the fd"),
    d("fd.rnet", Ipnet, false, RNET, "matches the remote IP network of the fd"),
    d("fd.connected", PBool, false, CONNECTED, "for TCP/UDP fds, true if the socket is connected"),
    d("fd.name_changed", PBool, false, NAME_CHANGED, "true when the event changed the name of its fd (a UDP socket's tuple, a new fd)"),
    d("fd.cip.name", Charbuf, false, CIP_NAME, "domain name of the client IP address (none: no DNS resolution)"),
    d("fd.sip.name", Charbuf, false, SIP_NAME, "domain name of the server IP address (none: no DNS resolution)"),
    d("fd.lip.name", Charbuf, false, LIP_NAME, "domain name of the local IP address (none: no DNS resolution)"),
    d("fd.rip.name", Charbuf, false, RIP_NAME, "domain name of the remote IP address (none: no DNS resolution)"),
    d("fd.dev", Int32, false, DEV, "device number (major/minor) of the file"),
    d("fd.dev.major", Int32, false, DEV_MAJOR, "major device number of the file"),
    d("fd.dev.minor", Int32, false, DEV_MINOR, "minor device number of the file"),
    d("fd.ino", Int64, false, INO, "inode number of the file"),
    d("fd.nameraw", Charbuf, false, NAMERAW, "for files, the path as the syscall gave it (not made absolute)"),
    FieldDef {
        name: "fd.types",
        ty: Charbuf,
        arg: ArgKind::Optional,
        desc: "for events on an fd, the types of all the fds of the process, each once, as a \
               list '(file,ipv4,...)' (ordered by their lowest fd number); fd.types[N]: the \
               type of fd N, a one-item list",
        list: true,
        class: Class::Fd,
        id: TYPES as u16,
    },
    d("fd.is_upper_layer", PBool, false, IS_UPPER_LAYER, "true if the file is in the upper layer of an overlay file system"),
    d("fd.is_lower_layer", PBool, false, IS_LOWER_LAYER, "true if the file is in the lower layer of an overlay file system"),
    // libsinsp's fdlist class (sinsp_filtercheck_fdlist.cpp): the fds of poll/ppoll.
    d("fdlist.nums", Charbuf, false, FDLIST_NUMS, "for poll events, the comma-separated fd numbers of the 'fds' argument"),
    d("fdlist.names", Charbuf, false, FDLIST_NAMES, "for poll events, the comma-separated fd names of the 'fds' argument (<NA> when unknown)"),
    d("fdlist.cips", Charbuf, false, FDLIST_CIPS, "for poll events, the comma-separated client IP addresses of the TCP/UDP fds of the 'fds' argument"),
    d("fdlist.sips", Charbuf, false, FDLIST_SIPS, "for poll events, the comma-separated server IP addresses of the TCP/UDP fds of the 'fds' argument"),
    d("fdlist.cports", Charbuf, false, FDLIST_CPORTS, "for poll events, the comma-separated client ports of the TCP/UDP fds of the 'fds' argument"),
    d("fdlist.sports", Charbuf, false, FDLIST_SPORTS, "for poll events, the comma-separated server ports of the TCP/UDP fds of the 'fds' argument"),
];

const _: () = {
    let mut i = 0;
    while i < FIELDS.len() {
        assert!(FIELDS[i].id as usize == i);
        i += 1;
    }
    assert!(FIELDS.len() == ALL_IDS.len());
};

/// The thread, the fd number and the fd of an event; `None` for events without an fd or
/// without a thread.
fn event_fd<'a>(ctx: &Ctx<'a>) -> Option<(&'a Thread, i64, Option<&'a Fd>)> {
    if !is_fd_event(ctx.ev.ty()) {
        return None;
    }
    let state: &'a State = ctx.state;
    let tid = ctx.ev.tid() as i64;
    let t = state.thread(tid)?;
    let num = state.fd_num_of(ctx.ev)?;
    let f = if num < 0 {
        None
    } else if t.flags & crate::state::cl::CLONE_FILES == 0 {
        // The thread owns its table (what `fd_info` would find in two more lookups).
        t.fds.get(&num)
    } else {
        state.fd_info(tid, num)
    };
    Some((t, num, f))
}

/// The name of the fd an event would have created or used, from the event itself (for
/// events whose fd is not in the table, e.g. a failed open): `None` for enter events.
fn name_from_event(ctx: &Ctx<'_>, raw: bool, out: &mut Vec<u8>) -> bool {
    use crate::state::path::concat;
    let ev = ctx.ev;
    if ev.is_enter() {
        return false;
    }
    out.clear();
    let tid = ev.tid() as i64;
    fn cstr(p: &[u8]) -> &[u8] {
        let end = p.iter().position(|&b| b == 0).unwrap_or(p.len());
        &p[..end]
    }
    match ev.ty() {
        PPME_SYSCALL_OPEN_X | PPME_SYSCALL_CREAT_X => {
            let name = ev.param(1).map(cstr).unwrap_or_default();
            if !raw
                && !name.is_empty()
                && name[0] != b'/'
                && name != b"<NA>"
                && ctx.state.thread(tid).is_some()
            {
                concat(ctx.state.cwd(tid), name, out);
            } else {
                out.extend_from_slice(name);
            }
        }
        PPME_SOCKET_ACCEPT_5_X | PPME_SOCKET_ACCEPT4_6_X | PPME_SOCKET_CONNECT_X => {
            match ev.param(1) {
                Some(p) if !p.is_empty() => match crate::state::render_tuple(p, out) {
                    true => {}
                    false => out.extend_from_slice(b"NULL"),
                },
                _ => out.extend_from_slice(b"NULL"),
            }
        }
        PPME_SYSCALL_OPENAT_2_X | PPME_SYSCALL_OPENAT2_X => {
            let Some(name) = ev.param(2).filter(|p| !p.is_empty()).map(cstr) else {
                return false;
            };
            if raw {
                out.extend_from_slice(name);
            } else {
                let Some(dirfd) = ev.param(1).filter(|p| p.len() == 8) else {
                    return false;
                };
                let dirfd = i64::from_le_bytes(dirfd.try_into().expect("8 bytes"));
                let mut base = Vec::new();
                crate::state::dirfd_base_of(ctx.state, tid, name, dirfd, &mut base);
                concat(&base, name, out);
            }
        }
        PPME_SYSCALL_OPEN_BY_HANDLE_AT_X => {
            out.extend_from_slice(ev.param(3).map(cstr).unwrap_or_default());
        }
        _ => {}
    }
    true
}

/// One character for an fd-creating event whose fd is unknown (libsinsp's
/// `sinsp_evt::extract_typechar`, by exit event type). Old layouts of accept and openat that
/// the converter turns into their current ones (only their enter events are shown as
/// recorded) get the character of the current layout; `open` has none in libsinsp (`o`).
fn typechar_of_event(ty: u16) -> u8 {
    match ty | 1 {
        PPME_SYSCALL_OPENAT_2_X
        | PPME_SYSCALL_OPENAT2_X
        | PPME_SYSCALL_CREAT_X
        | PPME_SYSCALL_OPENAT_X => b'f',
        PPME_SOCKET_SOCKET_X
        | PPME_SOCKET_ACCEPT_5_X
        | PPME_SOCKET_ACCEPT4_6_X
        | PPME_SOCKET_ACCEPT_X
        | PPME_SOCKET_ACCEPT4_X
        | PPME_SOCKET_ACCEPT4_5_X => b'4',
        PPME_SYSCALL_PIPE_X | PPME_SYSCALL_PIPE2_X => b'p',
        PPME_SYSCALL_EVENTFD_X | PPME_SYSCALL_EVENTFD2_X => b'e',
        PPME_SYSCALL_SIGNALFD_X | PPME_SYSCALL_SIGNALFD4_X => b's',
        PPME_SYSCALL_TIMERFD_CREATE_X => b't',
        PPME_SYSCALL_INOTIFY_INIT_X | PPME_SYSCALL_INOTIFY_INIT1_X => b'i',
        _ => b'o',
    }
}

fn ip_value(a: &[u8; 16], v6: bool) -> Value<'static> {
    if v6 {
        Value::Ipv6(*a)
    } else {
        Value::Ipv4([a[0], a[1], a[2], a[3]])
    }
}

/// `(local, remote)` choice of an IP socket: true when the client address is local.
fn client_is_local(state: &State, t: &Thread, f: &Fd) -> bool {
    if f.ty == kind::IPV4_SOCK {
        state.is_local_ipv4(
            [f.sock.sip[0], f.sock.sip[1], f.sock.sip[2], f.sock.sip[3]],
            t,
        )
    } else {
        state.is_local_ipv6(&f.sock.sip, t)
    }
}

/// Put `<container id>:` in front of `s` (just `:` for host processes).
fn prefix_container(t: &Thread, s: &mut Vec<u8>) {
    let id = t.container_id().unwrap_or(b"");
    s.splice(0..0, id.iter().copied().chain(std::iter::once(b':')));
}

fn dir_of(name: &mut Vec<u8>) {
    match name.iter().rposition(|&b| b == b'/') {
        Some(pos) if pos != 0 => {
            if pos < name.len() - 1 {
                name.truncate(pos);
            }
        }
        _ => {
            name.clear();
            name.push(b'/');
        }
    }
}

fn port_text(p: u16, out: &mut Vec<u8>) {
    out.clear();
    out.extend_from_slice(itoa::Buffer::new().format(p).as_bytes());
}

pub(super) fn extract<'a>(
    f: &FieldRef,
    ctx: &Ctx<'a>,
    scratch: &'a mut Vec<u8>,
) -> Option<Value<'a>> {
    let which = *ALL_IDS.get(f.def().id as usize)?;
    if matches!(
        which,
        FDLIST_NUMS | FDLIST_NAMES | FDLIST_CIPS | FDLIST_SIPS | FDLIST_CPORTS | FDLIST_SPORTS
    ) {
        return fdlist(which, ctx, scratch);
    }
    if which == TYPES {
        let types = fd_types(f, ctx)?;
        scratch.clear();
        scratch.push(b'(');
        for (i, name) in types.names().enumerate() {
            if i > 0 {
                scratch.push(b',');
            }
            scratch.extend_from_slice(name.as_bytes());
        }
        scratch.push(b')');
        return Some(Value::Str(scratch));
    }
    let (t, num, fdi) = event_fd(ctx)?;
    let state = ctx.state;
    if which == NUM {
        return Some(Value::Int(num));
    }
    let is_ip_sock = |x: &Fd| x.ty == kind::IPV4_SOCK || x.ty == kind::IPV6_SOCK;
    Some(match which {
        NUM | TYPES | FDLIST_NUMS | FDLIST_NAMES | FDLIST_CIPS | FDLIST_SIPS | FDLIST_CPORTS
        | FDLIST_SPORTS => unreachable!(),
        // The name as the table holds it: borrowed, not copied (rules test `fd.name` of
        // most events many times).
        NAME if fdi.is_some() => Value::Str(&fdi?.name),
        NAMERAW if fdi.is_some_and(|x| memchr::memmem::find(&x.name_raw, b"//").is_none()) => {
            Value::Str(&fdi?.name_raw)
        }
        NAME | CONTAINERNAME | NAMERAW => {
            scratch.clear();
            match fdi {
                Some(x) if which == NAMERAW => {
                    let mut last = 0u8;
                    for &b in &x.name_raw {
                        if !(b == b'/' && last == b'/') {
                            scratch.push(b);
                        }
                        last = b;
                    }
                }
                Some(x) => scratch.extend_from_slice(&x.name),
                None => {
                    if !name_from_event(ctx, which == NAMERAW, scratch) {
                        return None;
                    }
                }
            }
            if which == CONTAINERNAME {
                prefix_container(t, scratch);
            }
            Value::Str(scratch)
        }
        TYPE => Value::Str(fdi?.type_name().unwrap_or("<NA>").as_bytes()),
        TYPECHAR => {
            scratch.clear();
            scratch.push(match fdi {
                Some(x) => x.type_char(),
                None => typechar_of_event(ctx.ev.ty()),
            });
            Value::Str(scratch)
        }
        DIRECTORY | CONTAINERDIRECTORY => {
            scratch.clear();
            let is_file = match fdi {
                Some(x) => {
                    if !(x.is_file() || x.is_directory()) {
                        return None;
                    }
                    scratch.extend_from_slice(&x.name);
                    x.is_file()
                }
                None => {
                    if !name_from_event(ctx, false, scratch) {
                        return None;
                    }
                    true
                }
            };
            if is_file {
                dir_of(scratch);
            }
            if which == CONTAINERDIRECTORY {
                prefix_container(t, scratch);
            }
            Value::Str(scratch)
        }
        FILENAME => {
            let x = fdi.filter(|x| x.is_file())?;
            match x.name.iter().rposition(|&b| b == b'/') {
                Some(pos) if pos < x.name.len() - 1 => Value::Str(&x.name[pos + 1..]),
                Some(_) => Value::Str(&x.name),
                None => Value::Str(b"/"),
            }
        }
        IP | NET => {
            let x = fdi?;
            match x.ty {
                kind::IPV4_SOCK | kind::IPV6_SOCK => ip_value(&x.sock.sip, x.ty == kind::IPV6_SOCK),
                kind::IPV4_SERVSOCK => ip_value(&x.sock.srv_ip, false),
                kind::IPV6_SERVSOCK => ip_value(&x.sock.srv_ip, true),
                _ => return None,
            }
        }
        CIP | CNET => {
            let x = fdi.filter(|x| !x.is_role_none() && is_ip_sock(x))?;
            ip_value(&x.sock.sip, x.ty == kind::IPV6_SOCK)
        }
        SIP | SNET => {
            let x = fdi.filter(|x| !x.is_role_none())?;
            match x.ty {
                kind::IPV4_SOCK | kind::IPV6_SOCK => ip_value(&x.sock.dip, x.ty == kind::IPV6_SOCK),
                kind::IPV4_SERVSOCK => ip_value(&x.sock.srv_ip, false),
                kind::IPV6_SERVSOCK => ip_value(&x.sock.srv_ip, true),
                _ => return None,
            }
        }
        LIP | RIP | LNET | RNET => {
            let x = fdi.filter(|x| is_ip_sock(x) && !x.is_role_none())?;
            let local = client_is_local(state, t, x);
            let want_client = local == matches!(which, LIP | LNET);
            let a = if want_client {
                &x.sock.sip
            } else {
                &x.sock.dip
            };
            ip_value(a, x.ty == kind::IPV6_SOCK)
        }
        PORT | PROTO => {
            let x = fdi?;
            let p = match x.ty {
                kind::IPV4_SOCK | kind::IPV6_SOCK => x.sock.sport,
                kind::IPV4_SERVSOCK | kind::IPV6_SERVSOCK => x.sock.srv_port,
                _ => return None,
            };
            Value::Uint(p as u64)
        }
        CPORT | CPROTO => {
            let x = fdi.filter(|x| !x.is_role_none())?;
            if !is_ip_sock(x) {
                if which == CPROTO {
                    return Some(Value::Str(b""));
                }
                return None;
            }
            if which == CPROTO {
                port_text(x.sock.sport, scratch);
                Value::Str(scratch)
            } else {
                Value::Uint(x.sock.sport as u64)
            }
        }
        SPORT | SPROTO => {
            let x = fdi?;
            let p = match x.ty {
                kind::IPV4_SOCK | kind::IPV6_SOCK => {
                    if x.is_role_none() {
                        return None;
                    }
                    x.sock.dport
                }
                kind::IPV4_SERVSOCK | kind::IPV6_SERVSOCK => x.sock.srv_port,
                _ => return None,
            };
            if which == SPROTO {
                if is_ip_sock(x) {
                    port_text(p, scratch);
                } else {
                    scratch.clear();
                }
                Value::Str(scratch)
            } else {
                Value::Uint(p as u64)
            }
        }
        LPORT | RPORT | LPROTO | RPROTO => {
            let x = fdi.filter(|x| is_ip_sock(x) && !x.is_role_none())?;
            let local = client_is_local(state, t, x);
            let want_client = local == matches!(which, LPORT | LPROTO);
            let p = if want_client {
                x.sock.sport
            } else {
                x.sock.dport
            };
            if matches!(which, LPROTO | RPROTO) {
                port_text(p, scratch);
                Value::Str(scratch)
            } else {
                Value::Uint(p as u64)
            }
        }
        L4PROTO => Value::Str(match fdi?.l4proto() {
            l4::TCP => b"tcp",
            l4::UDP => b"udp",
            l4::ICMP => b"icmp",
            l4::RAW => b"raw",
            _ => b"<NA>",
        }),
        SOCKFAMILY => match fdi?.ty {
            kind::IPV4_SOCK | kind::IPV6_SOCK | kind::IPV4_SERVSOCK | kind::IPV6_SERVSOCK => {
                Value::Str(b"ip")
            }
            kind::UNIX_SOCK => Value::Str(b"unix"),
            _ => return None,
        },
        IS_SERVER => {
            let x = fdi?;
            Value::Bool(match x.ty {
                kind::IPV4_SERVSOCK | kind::IPV6_SERVSOCK => true,
                kind::IPV4_SOCK => state.is_local_ipv4(
                    [x.sock.dip[0], x.sock.dip[1], x.sock.dip[2], x.sock.dip[3]],
                    t,
                ),
                kind::IPV6_SOCK => state.is_local_ipv6(&x.sock.dip, t),
                _ => false,
            })
        }
        UID => {
            scratch.clear();
            scratch.extend_from_slice(itoa::Buffer::new().format(t.tid()).as_bytes());
            scratch.extend_from_slice(itoa::Buffer::new().format(num).as_bytes());
            Value::Str(scratch)
        }
        CONNECTED => Value::Bool(fdi?.is_connected()),
        NAME_CHANGED => {
            fdi?;
            Value::Bool(state.is_current(ctx.ev) && state.event_fd_name_changed())
        }
        CIP_NAME | SIP_NAME | LIP_NAME | RIP_NAME => return None,
        DEV => Value::Int(fdi?.dev as i64),
        DEV_MAJOR => Value::Int(((fdi?.dev & 0xfff00) >> 8) as i64),
        DEV_MINOR => {
            let dev = fdi?.dev;
            Value::Int(((dev & 0xff) | ((dev >> 12) & 0xfff00)) as i64)
        }
        INO => Value::Int(fdi?.ino as i64),
        IS_UPPER_LAYER => Value::Bool(fdi?.is_upper_layer()),
        IS_LOWER_LAYER => Value::Bool(fdi?.is_lower_layer()),
    })
}

/// The `fdlist.*` fields: one entry per fd of the `fds` argument of a poll/ppoll exit
/// event (`u16` count, then `i64` fd and `i16` events each), comma-separated; the address
/// fields skip fds that are not IP sockets. No value for other events, for a thread the
/// state does not know, or when every entry was skipped.
/// The distinct fd types `fd.types` lists, each with the lowest fd number of that type.
struct FdTypes {
    entries: [(&'static str, i64); 24],
    len: usize,
}

impl FdTypes {
    fn add(&mut self, name: &'static str, fd: i64) {
        let cap = self.entries.len();
        match self.entries[..self.len].iter_mut().find(|e| e.0 == name) {
            Some(e) => e.1 = e.1.min(fd),
            None if self.len < cap => {
                self.entries[self.len] = (name, fd);
                self.len += 1;
            }
            None => {}
        }
    }

    /// The names, ordered by their lowest fd number.
    fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.entries[..self.len].iter().map(|e| e.0)
    }
}

/// `fd.types` (libsinsp's `TYPE_FDTYPES`), for events on an fd of a known thread: without
/// an argument, the types of every fd of the thread's table, each once (libsinsp lists
/// them in its hash table's order; here by lowest fd number, which is stable); with `[N]`,
/// the type of fd N alone (nothing when there is no fd N). Types without a name are
/// `<NA>`, as libsinsp's type strings. Built on the stack: no allocation.
fn fd_types(f: &FieldRef, ctx: &Ctx<'_>) -> Option<FdTypes> {
    if !is_fd_event(ctx.ev.ty()) {
        return None;
    }
    let tid = ctx.ev.tid() as i64;
    ctx.state.thread(tid)?;
    let name_of = |x: &Fd| x.type_name().unwrap_or("<NA>");
    let mut types = FdTypes {
        entries: [("", 0); 24],
        len: 0,
    };
    match f.arg() {
        Some(a) => {
            let n: i64 = a.trim().parse().ok()?;
            types.add(name_of(ctx.state.fd_info(tid, n)?), n);
        }
        None => {
            if let Some(table) = ctx.state.fd_table(tid) {
                for (&n, x) in table {
                    types.add(name_of(x), n);
                }
            }
            let len = types.len;
            types.entries[..len].sort_unstable_by_key(|e| e.1);
        }
    }
    Some(types)
}

fn fdlist<'a>(which: Id, ctx: &Ctx<'a>, scratch: &'a mut Vec<u8>) -> Option<Value<'a>> {
    let ev = ctx.ev;
    if !matches!(ev.ty(), PPME_SYSCALL_POLL_X | PPME_SYSCALL_PPOLL_X) {
        return None;
    }
    let v = ev.param(1)?;
    let tid = ev.tid() as i64;
    ctx.state.thread(tid)?;
    let n = u16::from_le_bytes([*v.first()?, *v.get(1)?]) as usize;
    scratch.clear();
    let mut ipbuf = Vec::new();
    for e in v[2..].chunks_exact(10).take(n) {
        let fd = i64::from_le_bytes(e[..8].try_into().ok()?);
        let x = ctx.state.fd_info(tid, fd);
        let ip = x.filter(|x| x.ty == kind::IPV4_SOCK || x.ty == kind::IPV6_SOCK);
        let start = scratch.len();
        match which {
            FDLIST_NUMS => scratch.extend_from_slice(itoa::Buffer::new().format(fd).as_bytes()),
            FDLIST_NAMES => match x {
                Some(x) if !x.name.is_empty() => scratch.extend_from_slice(&x.name),
                _ => scratch.extend_from_slice(b"<NA>"),
            },
            FDLIST_CIPS | FDLIST_SIPS => {
                let server_ip = x.filter(|x| which == FDLIST_SIPS && x.ty == kind::IPV4_SERVSOCK);
                if let Some(x) = ip {
                    let a = if which == FDLIST_CIPS {
                        &x.sock.sip
                    } else {
                        &x.sock.dip
                    };
                    ipbuf.clear();
                    ip_value(a, x.ty == kind::IPV6_SOCK).write_text(&mut ipbuf);
                    scratch.extend_from_slice(&ipbuf);
                } else if let Some(x) = server_ip {
                    ipbuf.clear();
                    ip_value(&x.sock.srv_ip, false).write_text(&mut ipbuf);
                    scratch.extend_from_slice(&ipbuf);
                }
            }
            _ => {
                if let Some(x) = ip {
                    let p = if which == FDLIST_CPORTS {
                        x.sock.sport
                    } else {
                        x.sock.dport
                    };
                    scratch.extend_from_slice(itoa::Buffer::new().format(p).as_bytes());
                }
            }
        }
        if scratch.len() > start {
            scratch.push(b',');
        }
    }
    if scratch.last() == Some(&b',') {
        scratch.pop();
    }
    if scratch.is_empty() {
        return None;
    }
    Some(Value::Str(scratch))
}

pub(super) fn render(
    f: &FieldRef,
    ctx: &Ctx<'_>,
    _tf: &mut TimeFormatter,
    scratch: &mut Vec<u8>,
    out: &mut Vec<u8>,
) -> bool {
    match extract(f, ctx, scratch) {
        // libsinsp prints the device number in hex (PF_HEX, upper case).
        Some(Value::Int(n)) if ALL_IDS.get(f.def().id as usize) == Some(&DEV) => {
            use std::io::Write as _;
            let _ = write!(out, "{:X}", n as u32);
            true
        }
        Some(v) => {
            v.write_text(out);
            true
        }
        None => false,
    }
}

/// `fd.ip`, `fd.net`, `fd.port` and `fd.proto` hold for an fd when either end matches:
/// both ends of a connected socket, the bound address of a server socket.
pub(super) fn extract_all<'a>(
    f: &FieldRef,
    ctx: &Ctx<'a>,
    scratch: &'a mut Vec<u8>,
    cb: &mut dyn FnMut(Value<'_>) -> bool,
) -> bool {
    let which = ALL_IDS.get(f.def().id as usize).copied();
    if which == Some(TYPES) {
        let Some(types) = fd_types(f, ctx) else {
            return false;
        };
        return types.names().any(|n| cb(Value::Str(n.as_bytes())));
    }
    if !matches!(which, Some(IP | NET | PORT | PROTO)) {
        return match extract(f, ctx, scratch) {
            Some(v) => cb(v),
            None => false,
        };
    }
    let Some((_, _, Some(x))) = event_fd(ctx) else {
        return false;
    };
    let v6 = x.ty == kind::IPV6_SOCK || x.ty == kind::IPV6_SERVSOCK;
    let addr_or_port = |client: bool| -> Option<Value<'static>> {
        match x.ty {
            kind::IPV4_SOCK | kind::IPV6_SOCK => Some(match which {
                Some(IP | NET) => ip_value(if client { &x.sock.sip } else { &x.sock.dip }, v6),
                _ => Value::Uint(if client { x.sock.sport } else { x.sock.dport } as u64),
            }),
            kind::IPV4_SERVSOCK | kind::IPV6_SERVSOCK => Some(match which {
                Some(IP | NET) => ip_value(&x.sock.srv_ip, v6),
                _ => Value::Uint(x.sock.srv_port as u64),
            }),
            _ => None,
        }
    };
    let ends = if matches!(x.ty, kind::IPV4_SOCK | kind::IPV6_SOCK) {
        2
    } else if matches!(x.ty, kind::IPV4_SERVSOCK | kind::IPV6_SERVSOCK) {
        1
    } else {
        0
    };
    (0..ends).any(|i| addr_or_port(i == 0).is_some_and(&mut *cb))
}
