//! Capture metadata: what a capture says about the machine and its state when recording
//! began (section header, machine info, threads, open fds, interfaces, users, groups).
//!
//! Each type documents the body layout of the block(s) it is read from. Decoders accept
//! every version of a block that real captures contain; encoders write the current
//! version, keeping optional trailing fields exactly as they were read so that a copy is
//! read the same by old and new readers.

use crate::block;

/// Limits libscap enforces on strings of metadata blocks.
const MAX_PATH: usize = 1024;
const MAX_ARGS: usize = 4096;
const MAX_CRED: usize = 256;

/// A bounds-checked little-endian cursor over a block body.
pub(crate) struct Cur<'a> {
    b: &'a [u8],
    pub(crate) off: usize,
}

pub(crate) type Parse<T> = Result<T, String>;

impl<'a> Cur<'a> {
    pub(crate) fn new(b: &'a [u8]) -> Cur<'a> {
        Cur { b, off: 0 }
    }
    pub(crate) fn left(&self) -> usize {
        self.b.len() - self.off
    }
    pub(crate) fn bytes(&mut self, n: usize, what: &str) -> Parse<&'a [u8]> {
        if self.left() < n {
            return Err(format!(
                "{what} needs {n} bytes at body offset {}, {} left",
                self.off,
                self.left()
            ));
        }
        let v = &self.b[self.off..self.off + n];
        self.off += n;
        Ok(v)
    }
    pub(crate) fn u8(&mut self, what: &str) -> Parse<u8> {
        Ok(self.bytes(1, what)?[0])
    }
    pub(crate) fn u16(&mut self, what: &str) -> Parse<u16> {
        Ok(u16::from_le_bytes(self.bytes(2, what)?.try_into().unwrap()))
    }
    pub(crate) fn u32(&mut self, what: &str) -> Parse<u32> {
        Ok(u32::from_le_bytes(self.bytes(4, what)?.try_into().unwrap()))
    }
    pub(crate) fn u64(&mut self, what: &str) -> Parse<u64> {
        Ok(u64::from_le_bytes(self.bytes(8, what)?.try_into().unwrap()))
    }
    pub(crate) fn arr<const N: usize>(&mut self, what: &str) -> Parse<[u8; N]> {
        Ok(self.bytes(N, what)?.try_into().unwrap())
    }
    /// A u16 length then that many bytes, the length at most `max`.
    fn string(&mut self, max: usize, what: &str) -> Parse<Vec<u8>> {
        let n = self.u16(what)? as usize;
        if n > max {
            return Err(format!("{what} length {n} exceeds the limit of {max}"));
        }
        Ok(self.bytes(n, what)?.to_vec())
    }
}

/// Appends little-endian values to a block body.
pub(crate) struct Out<'a>(pub(crate) &'a mut Vec<u8>);

impl Out<'_> {
    pub(crate) fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    pub(crate) fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn bytes(&mut self, v: &[u8]) {
        self.0.extend_from_slice(v);
    }
    fn string(&mut self, v: &[u8]) {
        self.u16(v.len() as u16);
        self.bytes(v);
    }
}

/// Section header block body: `u32 magic (0x1A2B3C4D), u16 major, u16 minor,
/// u64 section_length` (16 bytes; writers put `u64::MAX`, "unknown"). Readers skip any
/// pcapng options after it; writers must not emit options, 2022 readers reject them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionHeader {
    /// Major version (1).
    pub major: u16,
    /// Minor version (2 for every current writer).
    pub minor: u16,
    /// Section length as recorded.
    pub section_length: u64,
}

impl Default for SectionHeader {
    fn default() -> SectionHeader {
        SectionHeader {
            major: block::SHB_MAJOR,
            minor: block::SHB_MINOR,
            section_length: u64::MAX,
        }
    }
}

/// Machine info block body (exactly 180 bytes): `u32 num_cpus, u64 memory_size_bytes,
/// u64 max_pid, char hostname[128] (NUL-padded), u64 boot_ts_epoch, u64 flags,
/// u64 reserved3, u64 reserved4`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MachineInfo {
    /// Number of CPUs.
    pub num_cpus: u32,
    /// Physical memory.
    pub memory_size_bytes: u64,
    /// Highest pid.
    pub max_pid: u64,
    /// Host name (the bytes before the first NUL of the 128-byte field).
    pub hostname: Vec<u8>,
    /// Boot time, ns since the epoch (0 in old captures).
    pub boot_ts_epoch: u64,
    /// Flags.
    pub flags: u64,
    /// Reserved.
    pub reserved3: u64,
    /// Reserved.
    pub reserved4: u64,
}

/// Size of the machine info body.
pub const MACHINE_INFO_LEN: usize = 180;

impl MachineInfo {
    pub(crate) fn decode(body: &[u8]) -> Parse<MachineInfo> {
        let mut c = Cur::new(body);
        let num_cpus = c.u32("num_cpus")?;
        let memory_size_bytes = c.u64("memory_size_bytes")?;
        let max_pid = c.u64("max_pid")?;
        let host = c.bytes(128, "hostname")?;
        let end = host.iter().position(|&b| b == 0).unwrap_or(host.len());
        Ok(MachineInfo {
            num_cpus,
            memory_size_bytes,
            max_pid,
            hostname: host[..end].to_vec(),
            boot_ts_epoch: c.u64("boot_ts_epoch")?,
            flags: c.u64("flags")?,
            reserved3: c.u64("reserved3")?,
            reserved4: c.u64("reserved4")?,
        })
    }

    pub(crate) fn encode(&self, out: &mut Vec<u8>) {
        let mut o = Out(out);
        o.u32(self.num_cpus);
        o.u64(self.memory_size_bytes);
        o.u64(self.max_pid);
        let mut host = [0u8; 128];
        // All 128 bytes: a name read without a NUL in the field is written back as it was.
        let n = self.hostname.len().min(host.len());
        host[..n].copy_from_slice(&self.hostname[..n]);
        o.bytes(&host);
        o.u64(self.boot_ts_epoch);
        o.u64(self.flags);
        o.u64(self.reserved3);
        o.u64(self.reserved4);
    }
}

/// Which optional fields follow `root` in a version-9 process list entry.
///
/// Writers before libs 0.10 wrote `loginuid, exe_writable, cap_inheritable,
/// cap_permitted, cap_effective` (29 bytes); later writers insert `pidns_init_start_ts, tty`
/// before `loginuid` and append more fields. Readers tell them apart by the number of bytes
/// left (29 or fewer: the old layout).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum TailLayout {
    /// No optional fields (process list versions 1 to 8, or a bare version 9 entry).
    #[default]
    None,
    /// The pre-0.10 layout, with this many of its fields present (at most 5: more take over
    /// 29 bytes and read as the current layout).
    Pre010(u8),
    /// The current layout, with this many of its fields present (at least 5: fewer fit in
    /// 29 bytes, so the writer writes 5).
    Current(u8),
}

/// One thread of a process list block.
///
/// Entry layout (version 9; older versions lack the fields noted):
/// `u32 entry_len (V9 only, includes itself), u64 tid, u64 pid, u64 ptid, u64 sid (V6+),
/// u64 vpgid (V8+), str comm, str exe, str exepath (V7+), str args, str cwd, u64 fdlimit,
/// u32 flags, u32 uid, u32 gid, u32 vmsize_kb (V2+), u32 vmrss_kb, u32 vmswap_kb,
/// u64 pfmajor, u64 pfminor, str env (V3+), i64 vtid (V4+), i64 vpid, str cgroups,
/// str root (V5+)`, then the optional fields of [`TailLayout`]. `str` is a u16 length and
/// that many bytes, without a terminator; args, env and cgroups are NUL-separated lists.
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct ThreadInfo {
    pub tid: u64,
    pub pid: u64,
    pub ptid: u64,
    pub sid: i64,
    pub vpgid: i64,
    pub comm: Vec<u8>,
    pub exe: Vec<u8>,
    pub exepath: Vec<u8>,
    pub args: Vec<u8>,
    pub cwd: Vec<u8>,
    pub fdlimit: u64,
    pub flags: u32,
    pub uid: u32,
    pub gid: u32,
    pub vmsize_kb: u32,
    pub vmrss_kb: u32,
    pub vmswap_kb: u32,
    pub pfmajor: u64,
    pub pfminor: u64,
    pub env: Vec<u8>,
    pub vtid: i64,
    pub vpid: i64,
    pub cgroups: Vec<u8>,
    pub root: Vec<u8>,
    pub pidns_init_start_ts: u64,
    pub tty: u32,
    pub loginuid: u32,
    pub exe_writable: bool,
    pub cap_inheritable: u64,
    pub cap_permitted: u64,
    pub cap_effective: u64,
    pub exe_upper_layer: bool,
    pub exe_ino: u64,
    pub exe_ino_ctime: u64,
    pub exe_ino_mtime: u64,
    pub exe_from_memfd: bool,
    pub exe_lower_layer: bool,
    pub pgid: i64,
    /// Which optional fields the entry carries.
    pub tail: TailLayout,
}

impl Default for ThreadInfo {
    fn default() -> ThreadInfo {
        ThreadInfo {
            tid: 0,
            pid: 0,
            ptid: 0,
            sid: -1,
            vpgid: -1,
            comm: Vec::new(),
            exe: Vec::new(),
            exepath: Vec::new(),
            args: Vec::new(),
            cwd: Vec::new(),
            fdlimit: 0,
            flags: 0,
            uid: 0,
            gid: 0,
            vmsize_kb: 0,
            vmrss_kb: 0,
            vmswap_kb: 0,
            pfmajor: 0,
            pfminor: 0,
            env: Vec::new(),
            vtid: -1,
            vpid: -1,
            cgroups: Vec::new(),
            root: Vec::new(),
            pidns_init_start_ts: 0,
            tty: 0,
            loginuid: u32::MAX,
            exe_writable: false,
            cap_inheritable: 0,
            cap_permitted: 0,
            cap_effective: 0,
            exe_upper_layer: false,
            exe_ino: 0,
            exe_ino_ctime: 0,
            exe_ino_mtime: 0,
            exe_from_memfd: false,
            exe_lower_layer: false,
            pgid: -1,
            tail: TailLayout::None,
        }
    }
}

/// The optional fields of a version-9 entry, in current-layout order.
#[derive(Clone, Copy)]
enum TailField {
    PidnsInitStartTs,
    Tty,
    Loginuid,
    ExeWritable,
    CapInheritable,
    CapPermitted,
    CapEffective,
    ExeUpperLayer,
    ExeIno,
    ExeInoCtime,
    ExeInoMtime,
    ExeFromMemfd,
    ExeLowerLayer,
    Pgid,
}

const CURRENT_TAIL: [TailField; 14] = {
    use TailField::*;
    [
        PidnsInitStartTs,
        Tty,
        Loginuid,
        ExeWritable,
        CapInheritable,
        CapPermitted,
        CapEffective,
        ExeUpperLayer,
        ExeIno,
        ExeInoCtime,
        ExeInoMtime,
        ExeFromMemfd,
        ExeLowerLayer,
        Pgid,
    ]
};

/// The pre-0.10 layout is the current one without its first two fields.
const PRE010_SKIP: usize = 2;

impl TailField {
    fn size(self) -> usize {
        use TailField::*;
        match self {
            Tty | Loginuid => 4,
            ExeWritable | ExeUpperLayer | ExeFromMemfd | ExeLowerLayer => 1,
            _ => 8,
        }
    }

    fn read(self, t: &mut ThreadInfo, c: &mut Cur<'_>) -> Parse<()> {
        use TailField::*;
        match self {
            PidnsInitStartTs => t.pidns_init_start_ts = c.u64("pidns_init_start_ts")?,
            Tty => t.tty = c.u32("tty")?,
            Loginuid => t.loginuid = c.u32("loginuid")?,
            ExeWritable => t.exe_writable = c.u8("exe_writable")? != 0,
            CapInheritable => t.cap_inheritable = c.u64("cap_inheritable")?,
            CapPermitted => t.cap_permitted = c.u64("cap_permitted")?,
            CapEffective => t.cap_effective = c.u64("cap_effective")?,
            ExeUpperLayer => t.exe_upper_layer = c.u8("exe_upper_layer")? != 0,
            ExeIno => t.exe_ino = c.u64("exe_ino")?,
            ExeInoCtime => t.exe_ino_ctime = c.u64("exe_ino_ctime")?,
            ExeInoMtime => t.exe_ino_mtime = c.u64("exe_ino_mtime")?,
            ExeFromMemfd => t.exe_from_memfd = c.u8("exe_from_memfd")? != 0,
            ExeLowerLayer => t.exe_lower_layer = c.u8("exe_lower_layer")? != 0,
            Pgid => t.pgid = c.u64("pgid")? as i64,
        }
        Ok(())
    }

    fn write(self, t: &ThreadInfo, o: &mut Out<'_>) {
        use TailField::*;
        match self {
            PidnsInitStartTs => o.u64(t.pidns_init_start_ts),
            Tty => o.u32(t.tty),
            Loginuid => o.u32(t.loginuid),
            ExeWritable => o.u8(t.exe_writable as u8),
            CapInheritable => o.u64(t.cap_inheritable),
            CapPermitted => o.u64(t.cap_permitted),
            CapEffective => o.u64(t.cap_effective),
            ExeUpperLayer => o.u8(t.exe_upper_layer as u8),
            ExeIno => o.u64(t.exe_ino),
            ExeInoCtime => o.u64(t.exe_ino_ctime),
            ExeInoMtime => o.u64(t.exe_ino_mtime),
            ExeFromMemfd => o.u8(t.exe_from_memfd as u8),
            ExeLowerLayer => o.u8(t.exe_lower_layer as u8),
            Pgid => o.u64(t.pgid as u64),
        }
    }
}

/// Process list layout version (1..=9) of a block type.
pub(crate) fn pl_version(ty: u32) -> Option<u8> {
    Some(match ty {
        block::PL_V1 | block::PL_V1_INT => 1,
        block::PL_V2 | block::PL_V2_INT => 2,
        block::PL_V3 | block::PL_V3_INT => 3,
        block::PL_V4 => 4,
        block::PL_V5 => 5,
        block::PL_V6 => 6,
        block::PL_V7 => 7,
        block::PL_V8 => 8,
        block::PL_V9 => 9,
        _ => return None,
    })
}

impl ThreadInfo {
    /// Decode every entry of a process list block body of layout version `v`.
    pub(crate) fn decode_list(body: &[u8], v: u8, out: &mut Vec<ThreadInfo>) -> Parse<()> {
        let mut c = Cur::new(body);
        while c.left() >= 4 {
            let start = c.off;
            let entry_len = if v >= 9 {
                c.u32("entry_len")? as usize
            } else {
                0
            };
            if v >= 9 && (entry_len < 4 || entry_len > body.len() - start) {
                return Err(format!(
                    "process entry length {entry_len} at body offset {start} exceeds the block"
                ));
            }
            let mut t = ThreadInfo {
                tid: c.u64("tid")?,
                pid: c.u64("pid")?,
                ptid: c.u64("ptid")?,
                ..ThreadInfo::default()
            };
            if v >= 6 {
                t.sid = c.u64("sid")? as i64;
            }
            if v >= 8 {
                t.vpgid = c.u64("vpgid")? as i64;
            }
            t.comm = c.string(MAX_PATH, "comm")?;
            t.exe = c.string(MAX_PATH, "exe")?;
            if v >= 7 {
                t.exepath = c.string(MAX_PATH, "exepath")?;
            }
            t.args = c.string(MAX_ARGS, "args")?;
            t.cwd = c.string(MAX_PATH, "cwd")?;
            t.fdlimit = c.u64("fdlimit")?;
            t.flags = c.u32("flags")?;
            t.uid = c.u32("uid")?;
            t.gid = c.u32("gid")?;
            if v >= 2 {
                t.vmsize_kb = c.u32("vmsize_kb")?;
                t.vmrss_kb = c.u32("vmrss_kb")?;
                t.vmswap_kb = c.u32("vmswap_kb")?;
                t.pfmajor = c.u64("pfmajor")?;
                t.pfminor = c.u64("pfminor")?;
            }
            if v >= 3 {
                t.env = c.string(MAX_ARGS, "env")?;
            }
            if v >= 4 {
                t.vtid = c.u64("vtid")? as i64;
                t.vpid = c.u64("vpid")? as i64;
                t.cgroups = c.string(MAX_ARGS, "cgroups")?;
            }
            if v >= 5 {
                t.root = c.string(MAX_PATH, "root")?;
            }
            if v >= 9 {
                let used = c.off - start;
                if used > entry_len {
                    return Err(format!(
                        "process entry at body offset {start} reads {used} bytes past its length {entry_len}"
                    ));
                }
                let rest = entry_len - used;
                let (fields, pre) = if rest <= 29 {
                    (&CURRENT_TAIL[PRE010_SKIP..], true)
                } else {
                    (&CURRENT_TAIL[..], false)
                };
                let mut left = rest;
                let mut n = 0u8;
                for f in fields {
                    if f.size() > left {
                        break;
                    }
                    f.read(&mut t, &mut c)?;
                    left -= f.size();
                    n += 1;
                }
                t.tail = match (n, pre) {
                    (0, _) => TailLayout::None,
                    (n, true) => TailLayout::Pre010(n),
                    (n, false) => TailLayout::Current(n),
                };
                // Skip fields of newer writers.
                c.bytes(left, "process entry tail")?;
            }
            out.push(t);
        }
        Ok(())
    }

    /// Append this thread as a version-9 entry.
    pub(crate) fn encode_v9(&self, out: &mut Vec<u8>) {
        let start = out.len();
        let mut o = Out(out);
        o.u32(0); // entry_len, patched below
        o.u64(self.tid);
        o.u64(self.pid);
        o.u64(self.ptid);
        o.u64(self.sid as u64);
        o.u64(self.vpgid as u64);
        o.string(&self.comm);
        o.string(&self.exe);
        o.string(&self.exepath);
        o.string(&self.args);
        o.string(&self.cwd);
        o.u64(self.fdlimit);
        o.u32(self.flags);
        o.u32(self.uid);
        o.u32(self.gid);
        o.u32(self.vmsize_kb);
        o.u32(self.vmrss_kb);
        o.u32(self.vmswap_kb);
        o.u64(self.pfmajor);
        o.u64(self.pfminor);
        o.string(&self.env);
        o.u64(self.vtid as u64);
        o.u64(self.vpid as u64);
        o.string(&self.cgroups);
        o.string(&self.root);
        let fields: &[TailField] = match self.tail {
            TailLayout::None => &[],
            TailLayout::Pre010(n) => {
                let f = &CURRENT_TAIL[PRE010_SKIP..];
                &f[..(n as usize).min(f.len())]
            }
            // Fewer than 5 fields would fit in the 29 bytes of the pre-0.10 layout.
            TailLayout::Current(n) => &CURRENT_TAIL[..(n as usize).clamp(5, CURRENT_TAIL.len())],
        };
        let tail_start = o.0.len();
        for f in fields {
            f.write(self, &mut o);
        }
        // A current-layout tail of 29 bytes or fewer (5 fields) would be read back, by
        // libscap too, as the pre-0.10 layout: pad it past that size, readers skip the zeros.
        if matches!(self.tail, TailLayout::Current(_)) {
            let written = o.0.len() - tail_start;
            if written <= 29 {
                o.bytes(&[0u8; 30][..30 - written]);
            }
        }
        let len = (out.len() - start) as u32;
        out[start..start + 4].copy_from_slice(&len.to_le_bytes());
    }
}

/// Socket endpoint or file details of an fd list entry.
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum FdDetails {
    /// IPv4 socket (type 3): `u32 sip, u32 dip` (network order), `u16 sport, u16 dport`,
    /// `u8 l4proto`.
    Ipv4 {
        sip: [u8; 4],
        dip: [u8; 4],
        sport: u16,
        dport: u16,
        l4proto: u8,
    },
    /// IPv4 server socket (type 5): `u32 ip, u16 port, u8 l4proto`.
    Ipv4Server { ip: [u8; 4], port: u16, l4proto: u8 },
    /// IPv6 socket (type 4).
    Ipv6 {
        sip: [u8; 16],
        dip: [u8; 16],
        sport: u16,
        dport: u16,
        l4proto: u8,
    },
    /// IPv6 server socket (type 6).
    Ipv6Server {
        ip: [u8; 16],
        port: u16,
        l4proto: u8,
    },
    /// Unix socket (type 8): `u64 source, u64 dest` (kernel pointers), `str path`.
    Unix {
        source: u64,
        dest: u64,
        path: Vec<u8>,
    },
    /// Regular file, version 2 (type 16): `u32 open_flags, str path, [u32 dev]`.
    FileV2 {
        open_flags: u32,
        path: Vec<u8>,
        dev: Option<u32>,
    },
    /// Every other type: `str name`.
    Named(Vec<u8>),
    /// Type 0 (unknown): nothing.
    Nothing,
    /// A type this reader does not know, kept as the raw bytes after the type.
    Raw(Vec<u8>),
}

/// One entry of an fd list block.
///
/// Entry layout: `u32 entry_len (V2 only, includes itself), i64 fd, u64 ino, u8 type`,
/// then [`FdDetails`] by type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FdInfo {
    /// The fd number.
    pub fd: i64,
    /// Inode number.
    pub ino: u64,
    /// `scap_fd_type` (1 file, 2 directory, 3 IPv4 socket, ... 16 file v2, 21 pidfd).
    pub ty: u8,
    /// Type-specific details.
    pub details: FdDetails,
}

/// The fds of one thread (one fd list block): `u64 tid` then entries.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct FdList {
    /// The thread the fds belong to.
    pub tid: u64,
    /// Its fds.
    pub fds: Vec<FdInfo>,
}

/// fd type ids (`scap_fd_type`).
#[allow(missing_docs)]
pub mod fd_type {
    pub const UNKNOWN: u8 = 0;
    pub const FILE: u8 = 1;
    pub const DIRECTORY: u8 = 2;
    pub const IPV4_SOCK: u8 = 3;
    pub const IPV6_SOCK: u8 = 4;
    pub const IPV4_SERVSOCK: u8 = 5;
    pub const IPV6_SERVSOCK: u8 = 6;
    pub const FIFO: u8 = 7;
    pub const UNIX_SOCK: u8 = 8;
    pub const EVENT: u8 = 9;
    pub const UNSUPPORTED: u8 = 10;
    pub const SIGNALFD: u8 = 11;
    pub const EVENTPOLL: u8 = 12;
    pub const INOTIFY: u8 = 13;
    pub const TIMERFD: u8 = 14;
    pub const NETLINK: u8 = 15;
    pub const FILE_V2: u8 = 16;
    pub const BPF: u8 = 17;
    pub const USERFAULTFD: u8 = 18;
    pub const IOURING: u8 = 19;
    pub const MEMFD: u8 = 20;
    pub const PIDFD: u8 = 21;
}

impl FdList {
    pub(crate) fn decode(body: &[u8], v2: bool) -> Parse<FdList> {
        let mut c = Cur::new(body);
        let tid = c.u64("tid")?;
        let mut fds = Vec::new();
        while c.left() >= 4 {
            let start = c.off;
            let entry_len = if v2 {
                c.u32("fd entry_len")? as usize
            } else {
                0
            };
            if v2 && (entry_len < 4 || entry_len > body.len() - start) {
                return Err(format!(
                    "fd entry length {entry_len} at body offset {start} exceeds the block"
                ));
            }
            let fd = c.u64("fd")? as i64;
            let ino = c.u64("ino")?;
            let ty = c.u8("fd type")?;
            use fd_type::*;
            let details = match ty {
                IPV4_SOCK => FdDetails::Ipv4 {
                    sip: c.arr("sip")?,
                    dip: c.arr("dip")?,
                    sport: c.u16("sport")?,
                    dport: c.u16("dport")?,
                    l4proto: c.u8("l4proto")?,
                },
                IPV4_SERVSOCK => FdDetails::Ipv4Server {
                    ip: c.arr("ip")?,
                    port: c.u16("port")?,
                    l4proto: c.u8("l4proto")?,
                },
                IPV6_SOCK => FdDetails::Ipv6 {
                    sip: c.arr("sip")?,
                    dip: c.arr("dip")?,
                    sport: c.u16("sport")?,
                    dport: c.u16("dport")?,
                    l4proto: c.u8("l4proto")?,
                },
                IPV6_SERVSOCK => FdDetails::Ipv6Server {
                    ip: c.arr("ip")?,
                    port: c.u16("port")?,
                    l4proto: c.u8("l4proto")?,
                },
                UNIX_SOCK => FdDetails::Unix {
                    source: c.u64("unix source")?,
                    dest: c.u64("unix dest")?,
                    path: c.string(MAX_PATH - 1, "unix path")?,
                },
                FILE_V2 => {
                    let open_flags = c.u32("open_flags")?;
                    let path = c.string(MAX_PATH - 1, "file path")?;
                    let used = c.off - start;
                    let dev = if v2 && entry_len >= used + 4 {
                        Some(c.u32("dev")?)
                    } else {
                        None
                    };
                    FdDetails::FileV2 {
                        open_flags,
                        path,
                        dev,
                    }
                }
                FILE | DIRECTORY | FIFO | EVENT | UNSUPPORTED | SIGNALFD | EVENTPOLL | INOTIFY
                | TIMERFD | NETLINK | BPF | USERFAULTFD | IOURING | MEMFD | PIDFD => {
                    FdDetails::Named(c.string(MAX_PATH - 1, "fd name")?)
                }
                UNKNOWN => FdDetails::Nothing,
                _ if v2 => {
                    let used = c.off - start;
                    FdDetails::Raw(
                        c.bytes(entry_len.saturating_sub(used), "fd entry")?
                            .to_vec(),
                    )
                }
                other => return Err(format!("unknown fd type {other} in a version 1 fd list")),
            };
            if v2 {
                let used = c.off - start;
                if used > entry_len {
                    return Err(format!(
                        "fd entry at body offset {start} reads {used} bytes past its length {entry_len}"
                    ));
                }
                c.bytes(entry_len - used, "fd entry tail")?;
            }
            fds.push(FdInfo {
                fd,
                ino,
                ty,
                details,
            });
        }
        Ok(FdList { tid, fds })
    }

    /// Encode as an FDL v2 block body.
    pub(crate) fn encode_v2(&self, out: &mut Vec<u8>) {
        Out(out).u64(self.tid);
        for f in &self.fds {
            let start = out.len();
            let mut o = Out(out);
            o.u32(0);
            o.u64(f.fd as u64);
            o.u64(f.ino);
            o.u8(f.ty);
            match &f.details {
                FdDetails::Ipv4 {
                    sip,
                    dip,
                    sport,
                    dport,
                    l4proto,
                } => {
                    o.bytes(sip);
                    o.bytes(dip);
                    o.u16(*sport);
                    o.u16(*dport);
                    o.u8(*l4proto);
                }
                FdDetails::Ipv4Server { ip, port, l4proto } => {
                    o.bytes(ip);
                    o.u16(*port);
                    o.u8(*l4proto);
                }
                FdDetails::Ipv6 {
                    sip,
                    dip,
                    sport,
                    dport,
                    l4proto,
                } => {
                    o.bytes(sip);
                    o.bytes(dip);
                    o.u16(*sport);
                    o.u16(*dport);
                    o.u8(*l4proto);
                }
                FdDetails::Ipv6Server { ip, port, l4proto } => {
                    o.bytes(ip);
                    o.u16(*port);
                    o.u8(*l4proto);
                }
                FdDetails::Unix { source, dest, path } => {
                    o.u64(*source);
                    o.u64(*dest);
                    o.string(path);
                }
                FdDetails::FileV2 {
                    open_flags,
                    path,
                    dev,
                } => {
                    o.u32(*open_flags);
                    o.string(path);
                    if let Some(d) = dev {
                        o.u32(*d);
                    }
                }
                FdDetails::Named(name) => o.string(name),
                FdDetails::Nothing => {}
                FdDetails::Raw(raw) => o.bytes(raw),
            }
            let len = (out.len() - start) as u32;
            out[start..start + 4].copy_from_slice(&len.to_le_bytes());
        }
    }
}

/// A network interface address (interface list blocks).
///
/// Entry layout: `[u32 entry_len (V2 only, excludes itself)], u16 type, u16 namelen`, then
/// for IPv4 (types 1 and 3) `u32 addr, u32 netmask, u32 bcast`, for IPv6 (types 2 and 4)
/// three 16-byte addresses, then `u64 linkspeed` (types 1 and 2 only), then the name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interface {
    /// 1 IPv4, 2 IPv6, 3 IPv4 without link speed, 4 IPv6 without link speed.
    pub ty: u16,
    /// Address, netmask and broadcast address, 4 or 16 bytes each.
    pub addr: Vec<u8>,
    /// Netmask.
    pub netmask: Vec<u8>,
    /// Broadcast address.
    pub bcast: Vec<u8>,
    /// Link speed (0 when not recorded).
    pub linkspeed: u64,
    /// Interface name.
    pub name: Vec<u8>,
}

impl Interface {
    pub(crate) fn decode_list(body: &[u8], v2: bool) -> Parse<Vec<Interface>> {
        let mut c = Cur::new(body);
        let mut out = Vec::new();
        while c.left() >= 4 {
            let start = c.off;
            let entry_len = if v2 {
                Some(c.u32("interface entry_len")? as usize)
            } else {
                None
            };
            let ty = c.u16("interface type")?;
            let namelen = c.u16("interface name length")? as usize;
            if namelen >= MAX_PATH {
                return Err(format!("interface name length {namelen} exceeds the limit"));
            }
            let alen = match ty {
                1 | 3 => 4,
                2 | 4 => 16,
                other => return Err(format!("unknown interface type {other}")),
            };
            let addr = c.bytes(alen, "interface address")?.to_vec();
            let netmask = c.bytes(alen, "interface netmask")?.to_vec();
            let bcast = c.bytes(alen, "interface broadcast")?.to_vec();
            let linkspeed = if ty <= 2 { c.u64("linkspeed")? } else { 0 };
            let name = c.bytes(namelen, "interface name")?.to_vec();
            if let Some(len) = entry_len {
                let used = c.off - start - 4;
                if used > len {
                    return Err(format!(
                        "interface entry at body offset {start} overruns its length"
                    ));
                }
                c.bytes(len - used, "interface entry tail")?;
            }
            out.push(Interface {
                ty,
                addr,
                netmask,
                bcast,
                linkspeed,
                name,
            });
        }
        Ok(out)
    }

    pub(crate) fn encode_v2(list: &[Interface], out: &mut Vec<u8>) {
        // In the order given, so that a copy reads back the same list (libscap writes IPv4
        // entries first; its readers accept any order).
        for i in list {
            let start = out.len();
            let mut o = Out(out);
            o.u32(0);
            o.u16(i.ty);
            o.u16(i.name.len() as u16);
            o.bytes(&i.addr);
            o.bytes(&i.netmask);
            o.bytes(&i.bcast);
            if i.ty <= 2 {
                o.u64(i.linkspeed);
            }
            o.bytes(&i.name);
            let len = (out.len() - start - 4) as u32;
            out[start..start + 4].copy_from_slice(&len.to_le_bytes());
        }
    }
}

/// A user of a user list block: `[u32 entry_len (V2, includes itself)], u8 type (0),
/// u32 uid, u32 gid, str name, str homedir, str shell`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct User {
    pub uid: u32,
    pub gid: u32,
    pub name: Vec<u8>,
    pub home: Vec<u8>,
    pub shell: Vec<u8>,
}

/// A group of a user list block: `[u32 entry_len], u8 type (1), u32 gid, str name`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct Group {
    pub gid: u32,
    pub name: Vec<u8>,
}

pub(crate) fn decode_users(
    body: &[u8],
    v2: bool,
    users: &mut Vec<User>,
    groups: &mut Vec<Group>,
) -> Parse<()> {
    let mut c = Cur::new(body);
    while c.left() >= 4 {
        let start = c.off;
        let entry_len = if v2 {
            c.u32("user entry_len")? as usize
        } else {
            0
        };
        if v2 && (entry_len < 4 || entry_len > body.len() - start) {
            return Err(format!(
                "user entry length {entry_len} at body offset {start} exceeds the block"
            ));
        }
        let ty = c.u8("user entry type")?;
        if ty == 0 {
            users.push(User {
                uid: c.u32("uid")?,
                gid: c.u32("gid")?,
                name: c.string(MAX_CRED - 1, "user name")?,
                home: c.string(MAX_CRED - 1, "home directory")?,
                shell: c.string(MAX_CRED - 1, "shell")?,
            });
        } else {
            groups.push(Group {
                gid: c.u32("gid")?,
                name: c.string(MAX_CRED - 1, "group name")?,
            });
        }
        if v2 {
            let used = c.off - start;
            if used > entry_len {
                return Err(format!(
                    "user entry at body offset {start} overruns its length"
                ));
            }
            c.bytes(entry_len - used, "user entry tail")?;
        }
    }
    Ok(())
}

pub(crate) fn encode_users(users: &[User], groups: &[Group], out: &mut Vec<u8>) {
    for u in users {
        let start = out.len();
        let mut o = Out(out);
        o.u32(0);
        o.u8(0);
        o.u32(u.uid);
        o.u32(u.gid);
        o.string(&u.name);
        o.string(&u.home);
        o.string(&u.shell);
        let len = (out.len() - start) as u32;
        out[start..start + 4].copy_from_slice(&len.to_le_bytes());
    }
    for g in groups {
        let start = out.len();
        let mut o = Out(out);
        o.u32(0);
        o.u8(1);
        o.u32(g.gid);
        o.string(&g.name);
        let len = (out.len() - start) as u32;
        out[start..start + 4].copy_from_slice(&len.to_le_bytes());
    }
}

/// Everything a capture records before its events.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    /// The section header.
    pub section: SectionHeader,
    /// Machine info, when recorded.
    pub machine: Option<MachineInfo>,
    /// Threads alive when recording began.
    pub threads: Vec<ThreadInfo>,
    /// Their open fds, one list per thread.
    pub fds: Vec<FdList>,
    /// Network interfaces, when recorded.
    pub interfaces: Option<Vec<Interface>>,
    /// Users, when recorded.
    pub users: Option<Vec<User>>,
    /// Groups (recorded with the users).
    pub groups: Vec<Group>,
}
