//! File descriptors: what a process has open, with socket endpoints and names as sysdig
//! prints them.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::io::Write as _;

use super::IdHasher;

/// fd types (`scap_fd_type`), as recorded in captures.
pub mod kind {
    pub use falco_scap::meta::fd_type::*;
}

/// Layer-4 protocols (`scap_l4_proto`).
pub mod l4 {
    /// Not known yet.
    pub const UNKNOWN: u8 = 0;
    /// Not applicable.
    pub const NA: u8 = 1;
    /// TCP.
    pub const TCP: u8 = 2;
    /// UDP.
    pub const UDP: u8 = 3;
    /// ICMP.
    pub const ICMP: u8 = 4;
    /// Raw IP.
    pub const RAW: u8 = 5;
}

/// Per-fd flags (libsinsp's `FLAGS_*`).
pub(crate) mod flag {
    pub const FROM_PROC: u32 = 1 << 0;
    pub const ROLE_CLIENT: u32 = 1 << 2;
    pub const ROLE_SERVER: u32 = 1 << 3;
    pub const SOCKET_CONNECTED: u32 = 1 << 13;
    pub const IS_CLONED: u32 = 1 << 14;
    pub const OVERLAY_UPPER: u32 = 1 << 17;
    pub const OVERLAY_LOWER: u32 = 1 << 18;
}

/// Open flags (`PPM_O_*`) the state looks at.
pub(crate) mod oflag {
    pub const DIRECTORY: u32 = 1 << 10;
    pub const CLOEXEC: u32 = 1 << 12;
    pub const FD_UPPER_LAYER: u32 = 1 << 15;
    pub const FD_LOWER_LAYER: u32 = 1 << 16;
    /// `EPOLL_CLOEXEC` and `MFD_CLOEXEC` as recorded for epoll and memfd fds.
    pub const LOW_CLOEXEC: u32 = 1 << 0;
}

/// The endpoints of a socket. Which fields are meaningful depends on [`Fd::ty`]: the
/// client/server tuple for IPv4/IPv6 sockets (`sip`/`sport` the client), the bound address
/// for server sockets, the kernel socket pointers for unix sockets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SockInfo {
    /// Client (source) address; IPv4 addresses use the first 4 bytes.
    pub sip: [u8; 16],
    /// Server (destination) address.
    pub dip: [u8; 16],
    /// Client port.
    pub sport: u16,
    /// Server port.
    pub dport: u16,
    /// Bound address of a server socket.
    pub srv_ip: [u8; 16],
    /// Bound port of a server socket.
    pub srv_port: u16,
    /// Layer-4 protocol ([`l4`]).
    pub l4proto: u8,
    /// Unix socket: this end's kernel pointer.
    pub unix_src: u64,
    /// Unix socket: the peer's kernel pointer.
    pub unix_dst: u64,
}

/// One open file descriptor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fd {
    /// `scap_fd_type` ([`kind`]).
    pub ty: u8,
    /// Open flags (`PPM_O_*`).
    pub openflags: u32,
    /// libsinsp's per-fd flags (role, connected, overlay layer, ...).
    pub(crate) flags: u32,
    /// Name as sysdig prints it: a path, a connection tuple, ...
    pub name: Vec<u8>,
    /// For files, the path as the syscall gave it.
    pub name_raw: Vec<u8>,
    /// Inode number.
    pub ino: u64,
    /// Device number.
    pub dev: u32,
    /// For pidfds, the process it refers to.
    pub pid: i64,
    /// Socket endpoints.
    pub sock: SockInfo,
}

impl Fd {
    /// An fd of type `ty` with no name.
    pub(crate) fn new(ty: u8) -> Fd {
        Fd {
            ty,
            ..Fd::default()
        }
    }

    /// One-character type (`f`, `4`, `u`, ...).
    pub fn type_char(&self) -> u8 {
        use kind::*;
        match self.ty {
            FILE | FILE_V2 => b'f',
            IPV4_SOCK | IPV4_SERVSOCK => b'4',
            IPV6_SOCK | IPV6_SERVSOCK => b'6',
            DIRECTORY => b'd',
            FIFO => b'p',
            UNIX_SOCK => b'u',
            EVENT => b'e',
            UNKNOWN => b'o',
            UNSUPPORTED => b'X',
            SIGNALFD => b's',
            EVENTPOLL => b'l',
            INOTIFY => b'i',
            TIMERFD => b't',
            NETLINK => b'n',
            BPF => b'b',
            USERFAULTFD => b'u',
            IOURING => b'r',
            MEMFD => b'm',
            PIDFD => b'P',
            _ => b'?',
        }
    }

    /// Type name (`file`, `ipv4`, `unix`, ...), `None` for unknown types.
    pub fn type_name(&self) -> Option<&'static str> {
        use kind::*;
        Some(match self.ty {
            FILE | FILE_V2 => "file",
            DIRECTORY => "directory",
            IPV4_SOCK | IPV4_SERVSOCK => "ipv4",
            IPV6_SOCK | IPV6_SERVSOCK => "ipv6",
            UNIX_SOCK => "unix",
            FIFO => "pipe",
            EVENT => "event",
            SIGNALFD => "signalfd",
            EVENTPOLL => "eventpoll",
            INOTIFY => "inotify",
            TIMERFD => "timerfd",
            NETLINK => "netlink",
            BPF => "bpf",
            USERFAULTFD => "userfaultfd",
            IOURING => "io_uring",
            MEMFD => "memfd",
            PIDFD => "pidfd",
            _ => return None,
        })
    }

    /// A regular file.
    pub fn is_file(&self) -> bool {
        self.ty == kind::FILE || self.ty == kind::FILE_V2
    }

    /// A directory.
    pub fn is_directory(&self) -> bool {
        self.ty == kind::DIRECTORY
    }

    /// Neither client nor server role is known.
    pub fn is_role_none(&self) -> bool {
        self.flags & (flag::ROLE_CLIENT | flag::ROLE_SERVER) == 0
    }

    /// The process owning the fd is the server end.
    pub fn is_role_server(&self) -> bool {
        self.flags & flag::ROLE_SERVER != 0
    }

    /// The process owning the fd is the client end.
    pub fn is_role_client(&self) -> bool {
        self.flags & flag::ROLE_CLIENT != 0
    }

    /// A connected TCP/UDP socket.
    pub fn is_connected(&self) -> bool {
        self.flags & flag::SOCKET_CONNECTED != 0
    }

    /// The file is in the upper layer of an overlay file system.
    pub fn is_upper_layer(&self) -> bool {
        self.flags & flag::OVERLAY_UPPER != 0
    }

    /// The file is in the lower layer of an overlay file system.
    pub fn is_lower_layer(&self) -> bool {
        self.flags & flag::OVERLAY_LOWER != 0
    }

    pub(crate) fn set_role_server(&mut self) {
        self.flags |= flag::ROLE_SERVER;
    }

    pub(crate) fn set_role_client(&mut self) {
        self.flags |= flag::ROLE_CLIENT;
    }

    /// True when the fd is closed by a successful execve.
    pub(crate) fn is_close_on_exec(&self) -> bool {
        self.openflags & oflag::CLOEXEC != 0
            || (self.ty == kind::EVENTPOLL || self.ty == kind::MEMFD)
                && self.openflags & oflag::LOW_CLOEXEC != 0
    }

    pub(crate) fn clear_close_on_exec(&mut self) {
        self.openflags &= !oflag::CLOEXEC;
        if self.ty == kind::EVENTPOLL || self.ty == kind::MEMFD {
            self.openflags &= !oflag::LOW_CLOEXEC;
        }
    }

    /// Layer-4 protocol as `fd.l4proto` reports it: unknown for sockets without a role.
    pub fn l4proto(&self) -> u8 {
        match self.ty {
            kind::IPV4_SOCK | kind::IPV6_SOCK => {
                if self.sock.l4proto == l4::RAW {
                    l4::RAW
                } else if self.is_role_none() {
                    l4::NA
                } else {
                    self.sock.l4proto
                }
            }
            kind::IPV4_SERVSOCK | kind::IPV6_SERVSOCK => self.sock.l4proto,
            _ => l4::NA,
        }
    }

    /// A TCP socket.
    pub(crate) fn is_tcp(&self) -> bool {
        matches!(self.ty, kind::IPV4_SOCK | kind::IPV6_SOCK) && self.sock.l4proto == l4::TCP
    }

    /// A UDP socket.
    pub(crate) fn is_udp(&self) -> bool {
        matches!(self.ty, kind::IPV4_SOCK | kind::IPV6_SOCK) && self.sock.l4proto == l4::UDP
    }

    /// Swap the two ends of an IP socket's tuple.
    pub(crate) fn swap_addresses(&mut self) {
        let s = &mut self.sock;
        std::mem::swap(&mut s.sip, &mut s.dip);
        std::mem::swap(&mut s.sport, &mut s.dport);
    }

    /// Rewrite the name of an IP socket from its tuple, as libsinsp's `sockinfo_to_str`.
    pub(crate) fn name_from_tuple(&mut self) {
        self.name.clear();
        let s = self.sock;
        match self.ty {
            kind::IPV4_SOCK => match s.l4proto {
                l4::TCP | l4::UDP => write_v4_tuple(&s, &mut self.name),
                l4::ICMP | l4::RAW => {
                    write_v4(ip4(&s.sip), &mut self.name);
                    self.name.extend_from_slice(b"->");
                    write_v4(ip4(&s.dip), &mut self.name);
                }
                _ => self.name.extend_from_slice(b"<unknown>"),
            },
            kind::IPV6_SOCK => match s.l4proto {
                l4::TCP | l4::UDP => {
                    if is_v4_mapped(&s.sip) && is_v4_mapped(&s.dip) {
                        let mut t = s;
                        t.sip[..4].copy_from_slice(&s.sip[12..]);
                        t.dip[..4].copy_from_slice(&s.dip[12..]);
                        write_v4_tuple(&t, &mut self.name);
                    } else {
                        write_v6_tuple(&s, &mut self.name);
                    }
                }
                l4::ICMP | l4::RAW => {
                    write_v6(&s.sip, &mut self.name);
                    self.name.extend_from_slice(b"->");
                    write_v6(&s.dip, &mut self.name);
                }
                _ => self.name.extend_from_slice(b"<unknown>"),
            },
            _ => {}
        }
    }
}

/// The first four bytes as an IPv4 address.
pub(crate) fn ip4(a: &[u8; 16]) -> [u8; 4] {
    [a[0], a[1], a[2], a[3]]
}

/// An address in the IPv4-mapped IPv6 range (`::ffff:a.b.c.d`), or all zeros.
pub(crate) fn is_v4_mapped(a: &[u8]) -> bool {
    a.len() >= 16
        && a[..10].iter().all(|&b| b == 0)
        && ((a[10] == 0xff && a[11] == 0xff) || a[10..16].iter().all(|&b| b == 0))
}

pub(crate) fn write_v4(a: [u8; 4], out: &mut Vec<u8>) {
    crate::value::write_ipv4(a, out);
}

pub(crate) fn write_v6(a: &[u8; 16], out: &mut Vec<u8>) {
    let _ = write!(out, "{}", std::net::Ipv6Addr::from(*a));
}

pub(crate) fn write_port(p: u16, out: &mut Vec<u8>) {
    out.extend_from_slice(itoa::Buffer::new().format(p).as_bytes());
}

/// `a.b.c.d:port->e.f.g.h:port`.
pub(crate) fn write_v4_tuple(s: &SockInfo, out: &mut Vec<u8>) {
    write_v4(ip4(&s.sip), out);
    out.push(b':');
    write_port(s.sport, out);
    out.extend_from_slice(b"->");
    write_v4(ip4(&s.dip), out);
    out.push(b':');
    write_port(s.dport, out);
}

/// `addr:port->addr:port` with IPv6 addresses.
pub(crate) fn write_v6_tuple(s: &SockInfo, out: &mut Vec<u8>) {
    write_v6(&s.sip, out);
    out.push(b':');
    write_port(s.sport, out);
    out.extend_from_slice(b"->");
    write_v6(&s.dip, out);
    out.push(b':');
    write_port(s.dport, out);
}

/// The fds of a process, by number.
pub type FdTable = HashMap<i64, Fd, BuildHasherDefault<IdHasher>>;

/// Socket tuples and addresses as events carry them (`PT_SOCKTUPLE`, `PT_SOCKADDR`).
pub(crate) mod wire {
    /// `PPM_AF_UNIX`.
    pub const AF_UNIX: u8 = 1;
    /// `PPM_AF_INET`.
    pub const AF_INET: u8 = 2;
    /// `PPM_AF_INET6`.
    pub const AF_INET6: u8 = 10;
    /// `PPM_AF_NETLINK`.
    pub const AF_NETLINK: u8 = 16;

    /// A decoded socket tuple.
    #[derive(Clone, Copy, Debug)]
    pub enum Tuple<'a> {
        /// IPv4: source, source port, destination, destination port.
        V4([u8; 4], u16, [u8; 4], u16),
        /// IPv6.
        V6([u8; 16], u16, [u8; 16], u16),
        /// Unix: source pointer, destination pointer, path.
        Unix(u64, u64, &'a [u8]),
        /// Another family.
        Other(u8),
    }

    /// A decoded socket address.
    #[derive(Clone, Copy, Debug)]
    pub enum Addr<'a> {
        /// IPv4 address and port.
        V4([u8; 4], u16),
        /// IPv6 address and port.
        V6([u8; 16], u16),
        /// Unix path.
        Unix(&'a [u8]),
        /// Another family.
        Other(u8),
    }

    fn u16le(b: &[u8]) -> u16 {
        u16::from_le_bytes([b[0], b[1]])
    }

    fn u64le(b: &[u8]) -> u64 {
        u64::from_le_bytes(b[..8].try_into().unwrap())
    }

    /// Decode a socket tuple; `None` when empty or too short for its family (or a unix
    /// path without its terminator).
    pub fn tuple(p: &[u8]) -> Option<Tuple<'_>> {
        let fam = *p.first()?;
        Some(match fam {
            AF_INET if p.len() >= 13 => Tuple::V4(
                p[1..5].try_into().unwrap(),
                u16le(&p[5..7]),
                p[7..11].try_into().unwrap(),
                u16le(&p[11..13]),
            ),
            AF_INET6 if p.len() >= 37 => Tuple::V6(
                p[1..17].try_into().unwrap(),
                u16le(&p[17..19]),
                p[19..35].try_into().unwrap(),
                u16le(&p[35..37]),
            ),
            AF_UNIX if p.len() >= 18 && p[p.len() - 1] == 0 => Tuple::Unix(
                u64le(&p[1..9]),
                u64le(&p[9..17]),
                super::super::params::cstr(&p[17..]),
            ),
            AF_INET | AF_INET6 | AF_UNIX => return None,
            other => Tuple::Other(other),
        })
    }

    /// Decode a socket address; `None` when empty or too short for its family.
    pub fn addr(p: &[u8]) -> Option<Addr<'_>> {
        let fam = *p.first()?;
        Some(match fam {
            AF_INET if p.len() >= 7 => Addr::V4(p[1..5].try_into().unwrap(), u16le(&p[5..7])),
            AF_INET6 if p.len() >= 19 => Addr::V6(p[1..17].try_into().unwrap(), u16le(&p[17..19])),
            AF_UNIX if p.len() >= 2 && p[p.len() - 1] == 0 => {
                Addr::Unix(super::super::params::cstr(&p[1..]))
            }
            AF_INET | AF_INET6 | AF_UNIX => return None,
            other => Addr::Other(other),
        })
    }
}

/// `src->dst path` of a unix socket, pointers in lowercase hex.
pub(crate) fn write_unix_name(src: u64, dst: u64, path: &[u8], out: &mut Vec<u8>) {
    let _ = write!(out, "{src:x}->{dst:x} ");
    out.extend_from_slice(path);
}

/// A socket tuple rendered as the event parameter prints (used as an fd name), with the
/// ports of an fd whose layer-4 protocol is `_l4`.
pub(crate) fn write_tuple(t: &wire::Tuple<'_>, out: &mut Vec<u8>) {
    match *t {
        wire::Tuple::V4(sip, sport, dip, dport) => {
            write_v4(sip, out);
            out.push(b':');
            write_port(sport, out);
            out.extend_from_slice(b"->");
            write_v4(dip, out);
            out.push(b':');
            write_port(dport, out);
        }
        wire::Tuple::V6(sip, sport, dip, dport) => {
            if is_v4_mapped(&sip) && is_v4_mapped(&dip) {
                let s = [sip[12], sip[13], sip[14], sip[15]];
                let d = [dip[12], dip[13], dip[14], dip[15]];
                write_tuple(&wire::Tuple::V4(s, sport, d, dport), out);
                return;
            }
            write_v6(&sip, out);
            out.push(b':');
            write_port(sport, out);
            out.extend_from_slice(b"->");
            write_v6(&dip, out);
            out.push(b':');
            write_port(dport, out);
        }
        wire::Tuple::Unix(src, dst, path) => write_unix_name(src, dst, path, out),
        wire::Tuple::Other(fam) => {
            let _ = write!(out, "family {fam}");
        }
    }
}

/// A socket address rendered as the event parameter prints.
pub(crate) fn write_addr(a: &wire::Addr<'_>, out: &mut Vec<u8>) {
    match *a {
        wire::Addr::V4(ip, port) => {
            write_v4(ip, out);
            out.push(b':');
            write_port(port, out);
        }
        wire::Addr::V6(ip, port) => {
            write_v6(&ip, out);
            out.push(b':');
            write_port(port, out);
        }
        wire::Addr::Unix(path) => out.extend_from_slice(path),
        wire::Addr::Other(fam) => {
            let _ = write!(out, "family {fam}");
        }
    }
}
