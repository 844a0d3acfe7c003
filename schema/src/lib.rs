//! The one definition of Falco's event format.
//!
//! Every layer of the project speaks the same wire format: the kernel module and the eBPF
//! probe write it, `falco-scap` reads and writes it in capture files, `falco-sinsp` decodes
//! parameters into state and fields. This crate is the single place where that format is
//! described, as plain `const` data:
//!
//! * [`EVENTS`]: every event type (indexed by its numeric code), with its name, category,
//!   flags and parameter list ([`EventInfo`], [`ParamInfo`]).
//! * [`flags`]: the names of flag and enum values that parameters of type `FLAGS*`,
//!   `ENUMFLAGS*` and `MODE` carry.
//! * [`syscalls`]: the arch-independent syscall ids (`PPM_SC_*`) and, per architecture, the
//!   map from native syscall number to event pair.
//! * [`upgrade`]: how events recorded with older layouts are rewritten into the current one
//!   (used by capture readers; see `falco-scap`).
//! * [`abi`]: the byte layout of the event header and the constants of the wire format.
//!
//! The C headers the drivers compile against (`driver/include/*.gen.h`) are generated from
//! this crate by `cargo run -p xtask -- codegen`; a test fails when they are not current.
//! Adding a parameter to an event is a change to one row of [`EVENTS`]: readers pad events
//! recorded before the change with an empty value automatically.
//!
//! ```
//! use falco_schema::{code, event_info, Direction};
//!
//! let open_x = event_info(code::PPME_SYSCALL_OPEN_X).unwrap();
//! assert_eq!(open_x.name, "open");
//! assert_eq!(open_x.direction(), Direction::Exit);
//! assert_eq!(open_x.params[0].name, "fd");
//! ```
//!
//! The numbering, names, parameter lists and flag values are those of current
//! falcosecurity/libs (driver API 10.1.0, schema 4.5.1), so capture files recorded by Falco
//! and sysdig read here and files written here read there.

#![no_std]
#![deny(missing_docs)]

pub mod abi;
mod events;
pub mod flags;
pub mod syscalls;
pub mod upgrade;

pub use events::code;
pub use events::{CODE_NAMES, EVENTS, EVENT_MAX};

/// Wire type of a parameter (`PT_*` upstream; the discriminant is the on-wire id).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
#[allow(missing_docs)]
pub enum ParamType {
    None = 0,
    Int8 = 1,
    Int16 = 2,
    Int32 = 3,
    Int64 = 4,
    Uint8 = 5,
    Uint16 = 6,
    Uint32 = 7,
    Uint64 = 8,
    /// NUL-terminated string; the length counts the NUL.
    Charbuf = 9,
    /// Raw bytes, no terminator.
    Bytebuf = 10,
    /// i64 syscall return value; negative errno on failure.
    Errno = 11,
    /// u8 family then family-specific address.
    Sockaddr = 12,
    /// u8 family then source and destination endpoints.
    Socktuple = 13,
    /// i64 file descriptor.
    Fd = 14,
    /// i64 thread or process id.
    Pid = 15,
    /// u16 count then count × (i64 fd, u16 flags).
    Fdlist = 16,
    /// NUL-terminated path.
    Fspath = 17,
    /// u16 `PPM_SC_*` id.
    Syscallid = 18,
    /// u8 signal number.
    Sigtype = 19,
    /// u64 nanoseconds.
    Reltime = 20,
    /// u64 nanoseconds since the epoch.
    Abstime = 21,
    /// u16 port, host order.
    Port = 22,
    L4proto = 23,
    Sockfamily = 24,
    /// u32 boolean.
    Bool = 25,
    /// 4 bytes, network order.
    Ipv4addr = 26,
    /// u8 index into the parameter's dynamic-type table, then a value of that type.
    Dyn = 27,
    Flags8 = 28,
    Flags16 = 29,
    Flags32 = 30,
    /// u32; `u32::MAX` means none.
    Uid = 31,
    /// u32; `u32::MAX` means none.
    Gid = 32,
    Double = 33,
    Sigset = 34,
    Charbufarray = 35,
    CharbufPairArray = 36,
    Ipv4net = 37,
    Ipv6addr = 38,
    Ipv6net = 39,
    Ipaddr = 40,
    Ipnet = 41,
    /// u32 `PPM_S_*` mode bits.
    Mode = 42,
    /// NUL-terminated path relative to the dirfd parameter named by [`ParamExtra::DirFd`].
    Fsrelpath = 43,
    Enumflags8 = 44,
    Enumflags16 = 45,
    Enumflags32 = 46,
    /// i32 file descriptor.
    Fd32 = 47,
    /// i32 process id.
    Pid32 = 48,
}

impl ParamType {
    /// The size in bytes of a fixed-width value of this type, `None` for variable-length
    /// types.
    pub const fn fixed_size(self) -> Option<usize> {
        use ParamType::*;
        Some(match self {
            Int8 | Uint8 | Sigtype | L4proto | Sockfamily | Flags8 | Enumflags8 => 1,
            Int16 | Uint16 | Syscallid | Port | Flags16 | Enumflags16 => 2,
            Int32 | Uint32 | Bool | Ipv4addr | Flags32 | Uid | Gid | Sigset | Mode
            | Enumflags32 | Fd32 | Pid32 => 4,
            Int64 | Uint64 | Errno | Fd | Pid | Reltime | Abstime | Double => 8,
            Ipv6addr => 16,
            _ => return Option::None,
        })
    }

    /// The upstream name of the type as shown by `falco --list-events` (`int64`, `fd`, ...).
    pub const fn name(self) -> &'static str {
        use ParamType::*;
        match self {
            None => "none",
            Int8 => "int8",
            Int16 => "int16",
            Int32 => "int32",
            Int64 => "int64",
            Uint8 => "uint8",
            Uint16 => "uint16",
            Uint32 => "uint32",
            Uint64 => "uint64",
            Charbuf => "charbuf",
            Bytebuf => "bytebuf",
            Errno => "errno",
            Sockaddr => "sockaddr",
            Socktuple => "socktuple",
            Fd => "fd",
            Pid => "pid",
            Fdlist => "fdlist",
            Fspath => "fspath",
            Syscallid => "syscallid",
            Sigtype => "sigtype",
            Reltime => "reltime",
            Abstime => "abstime",
            Port => "port",
            L4proto => "l4proto",
            Sockfamily => "sockfamily",
            Bool => "bool",
            Ipv4addr => "ipv4addr",
            Dyn => "dyn",
            Flags8 => "flags8",
            Flags16 => "flags16",
            Flags32 => "flags32",
            Uid => "uid",
            Gid => "gid",
            Double => "double",
            Sigset => "sigset",
            Charbufarray => "charbufarray",
            CharbufPairArray => "charbufpairarray",
            Ipv4net => "ipv4net",
            Ipv6addr => "ipv6addr",
            Ipv6net => "ipv6net",
            Ipaddr => "ipaddr",
            Ipnet => "ipnet",
            Mode => "mode",
            Fsrelpath => "fsrelpath",
            Enumflags8 => "enumflags8",
            Enumflags16 => "enumflags16",
            Enumflags32 => "enumflags32",
            Fd32 => "fd32",
            Pid32 => "pid32",
        }
    }
}

/// How a numeric parameter is rendered (`PF_*` upstream).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum PrintFormat {
    /// Not applicable (strings, buffers, addresses).
    Na = 0,
    /// Decimal.
    Dec = 1,
    /// Hexadecimal.
    Hex = 2,
    /// Decimal padded to 10 digits.
    PaddedDec = 3,
    /// An identifier.
    Id = 4,
    /// A direction.
    Dir = 5,
    /// Octal.
    Oct = 6,
}

/// Extra information attached to a parameter.
#[derive(Clone, Copy, Debug)]
pub enum ParamExtra {
    /// Nothing.
    None,
    /// Names of the flag or enum values (`FLAGS*`, `ENUMFLAGS*`, `MODE`).
    Flags(&'static flags::FlagSet),
    /// For `FSRELPATH`: index of the dirfd parameter the path is relative to.
    DirFd(u8),
    /// For `DYN`: the possible types, indexed by the value's leading u8.
    Dyn(&'static [DynType]),
}

/// One possible type of a `DYN` parameter.
#[derive(Clone, Copy, Debug)]
pub struct DynType {
    /// Wire type of the value.
    pub ty: ParamType,
    /// Print format of the value.
    pub fmt: PrintFormat,
}

/// Description of one event parameter.
#[derive(Clone, Copy, Debug)]
pub struct ParamInfo {
    /// Name, as used by `evt.arg.NAME` / `evt.rawarg.NAME`.
    pub name: &'static str,
    /// Wire type.
    pub ty: ParamType,
    /// Print format.
    pub fmt: PrintFormat,
    /// Flag names, dirfd reference or dynamic types.
    pub extra: ParamExtra,
}

/// Event category bits (`EC_*` upstream). The low bits hold one syscall category, the high
/// bits one source bit.
#[allow(missing_docs)]
pub mod category {
    pub const UNKNOWN: u32 = 0;
    pub const OTHER: u32 = 1;
    pub const FILE: u32 = 2;
    pub const NET: u32 = 3;
    pub const IPC: u32 = 4;
    pub const MEMORY: u32 = 5;
    pub const PROCESS: u32 = 6;
    pub const SLEEP: u32 = 7;
    pub const SYSTEM: u32 = 8;
    pub const SIGNAL: u32 = 9;
    pub const USER: u32 = 10;
    pub const TIME: u32 = 11;
    pub const PROCESSING: u32 = 12;
    pub const IO_BASE: u32 = 32;
    pub const IO_READ: u32 = 32;
    pub const IO_WRITE: u32 = 33;
    pub const IO_OTHER: u32 = 34;
    pub const WAIT: u32 = 1 << 6;
    pub const SCHEDULER: u32 = 1 << 7;
    pub const INTERNAL: u32 = 1 << 8;
    pub const SYSCALL: u32 = 1 << 9;
    pub const TRACEPOINT: u32 = 1 << 10;
    pub const PLUGIN: u32 = 1 << 11;
    pub const METAEVENT: u32 = 1 << 12;
    pub const ITER: u32 = 1 << 13;
    /// Mask of the source bits.
    pub const SOURCE_MASK: u32 = SYSCALL | TRACEPOINT | PLUGIN | METAEVENT | ITER;
}

/// Event flag bits (`EF_*` upstream).
#[allow(missing_docs)]
pub mod eflags {
    pub const NONE: u32 = 0;
    pub const CREATES_FD: u32 = 1 << 0;
    pub const DESTROYS_FD: u32 = 1 << 1;
    pub const USES_FD: u32 = 1 << 2;
    pub const READS_FROM_FD: u32 = 1 << 3;
    pub const WRITES_TO_FD: u32 = 1 << 4;
    pub const MODIFIES_STATE: u32 = 1 << 5;
    pub const UNUSED: u32 = 1 << 6;
    pub const WAITS: u32 = 1 << 7;
    pub const SKIPPARSERESET: u32 = 1 << 8;
    pub const OLD_VERSION: u32 = 1 << 9;
    /// Parameter lengths are u32 instead of u16.
    pub const LARGE_PAYLOAD: u32 = 1 << 11;
    pub const CONVERTER_MANAGED: u32 = 1 << 12;
}

/// Whether an event is written when a syscall is entered or when it returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Even codes (`_E`).
    Enter,
    /// Odd codes (`_X`).
    Exit,
}

/// Description of one event type.
#[derive(Clone, Copy, Debug)]
pub struct EventInfo {
    /// Numeric code (`PPME_*`); equal to the index in [`EVENTS`].
    pub code: u16,
    /// Name, as shown by `evt.type` (all versions of an event share it).
    pub name: &'static str,
    /// [`category`] bits.
    pub category: u32,
    /// [`eflags`] bits.
    pub flags: u32,
    /// Parameters in wire order.
    pub params: &'static [ParamInfo],
}

impl EventInfo {
    /// Enter (even code) or exit (odd code).
    pub const fn direction(&self) -> Direction {
        if self.code & 1 == 0 {
            Direction::Enter
        } else {
            Direction::Exit
        }
    }

    /// True when parameter lengths are u32 on the wire.
    pub const fn is_large(&self) -> bool {
        self.flags & eflags::LARGE_PAYLOAD != 0
    }

    /// Width in bytes of one entry of the parameter length array (2 or 4).
    pub const fn len_width(&self) -> usize {
        if self.is_large() {
            4
        } else {
            2
        }
    }

    /// True for event versions kept only to read old captures.
    pub const fn is_old_version(&self) -> bool {
        self.flags & eflags::OLD_VERSION != 0
    }

    /// True for placeholder events that are never written (`NA` names).
    pub const fn is_unused(&self) -> bool {
        self.flags & eflags::UNUSED != 0
    }

    /// The index of the parameter called `name`.
    pub fn param_index(&self, name: &str) -> Option<usize> {
        self.params.iter().position(|p| p.name == name)
    }
}

/// The description of event `code`, `None` when the code is beyond [`EVENT_MAX`].
#[inline]
pub fn event_info(code: u16) -> Option<&'static EventInfo> {
    EVENTS.get(code as usize)
}

/// True when events of type `code` have 4-byte parameter lengths (the `LARGE_PAYLOAD`
/// flag of [`EVENTS`]), false for codes beyond the table. A byte per type, so that
/// decoding an event does not read its whole table row.
#[inline]
pub fn is_large_type(code: u16) -> bool {
    LARGE.get(code as usize).is_some_and(|&l| l)
}

static LARGE: [bool; EVENT_MAX] = {
    let mut out = [false; EVENT_MAX];
    let mut i = 0;
    while i < EVENT_MAX {
        out[i] = EVENTS[i].is_large();
        i += 1;
    }
    out
};

/// Constant-time checks of the table's invariants; a violation fails the build.
const _: () = {
    let mut i = 0;
    while i < EVENT_MAX {
        let e = &EVENTS[i];
        // Rows are indexed by their code.
        assert!(e.code as usize == i);
        // At most 32 parameters (PPM_MAX_EVENT_PARAMS).
        assert!(e.params.len() <= abi::MAX_EVENT_PARAMS);
        // Large payloads never on syscall events.
        assert!(!(e.is_large() && e.category & category::SYSCALL != 0));
        // FSRELPATH parameters name an existing FD parameter.
        let mut p = 0;
        while p < e.params.len() {
            if let ParamExtra::DirFd(d) = e.params[p].extra {
                assert!((d as usize) < e.params.len());
            }
            p += 1;
        }
        i += 1;
    }
};

/// Small helpers for writing the table compactly.
mod build {
    use super::*;

    pub(crate) const fn p(name: &'static str, ty: ParamType, fmt: PrintFormat) -> ParamInfo {
        ParamInfo {
            name,
            ty,
            fmt,
            extra: ParamExtra::None,
        }
    }

    pub(crate) const fn pf(
        name: &'static str,
        ty: ParamType,
        fmt: PrintFormat,
        set: &'static flags::FlagSet,
    ) -> ParamInfo {
        ParamInfo {
            name,
            ty,
            fmt,
            extra: ParamExtra::Flags(set),
        }
    }

    pub(crate) const fn prel(name: &'static str, dirfd: u8) -> ParamInfo {
        ParamInfo {
            name,
            ty: ParamType::Fsrelpath,
            fmt: PrintFormat::Na,
            extra: ParamExtra::DirFd(dirfd),
        }
    }

    pub(crate) const fn pdyn(
        name: &'static str,
        fmt: PrintFormat,
        types: &'static [DynType],
    ) -> ParamInfo {
        ParamInfo {
            name,
            ty: ParamType::Dyn,
            fmt,
            extra: ParamExtra::Dyn(types),
        }
    }

    pub(crate) const fn ev(
        code: u16,
        name: &'static str,
        category: u32,
        flags: u32,
        params: &'static [ParamInfo],
    ) -> EventInfo {
        EventInfo {
            code,
            name,
            category,
            flags,
            params,
        }
    }
}
