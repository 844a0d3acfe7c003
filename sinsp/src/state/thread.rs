//! Threads and processes.

use super::container::SHORT_ID;
use super::fd::FdTable;

/// Clone flags (`PPM_CL_*`) the state looks at, including libsinsp's own bits.
pub mod cl {
    /// The child shares the parent's fd table.
    pub const CLONE_FILES: u32 = 1 << 0;
    /// The child shares the parent's cwd.
    pub const CLONE_FS: u32 = 1 << 1;
    /// The child is the init process of a new pid namespace.
    pub const CLONE_NEWPID: u32 = 1 << 6;
    /// The child gets the caller's parent.
    pub const CLONE_PARENT: u32 = 1 << 8;
    /// The child is a thread of the caller's process.
    pub const CLONE_THREAD: u32 = 1 << 13;
    /// The child's clone event was seen before the caller's.
    pub const CLONE_INVERTED: u32 = 1 << 16;
    /// The thread's name changed (execve).
    pub const NAME_CHANGED: u32 = 1 << 17;
    /// The thread exited.
    pub const CLOSED: u32 = 1 << 18;
    /// The thread generated an event other than its clone.
    pub const ACTIVE: u32 = 1 << 19;
    /// A new user namespace.
    pub const CLONE_NEWUSER: u32 = 1 << 20;
    /// Source of a shell pipe.
    pub const PIPE_SRC: u32 = 1 << 21;
    /// Destination of a shell pipe.
    pub const PIPE_DST: u32 = 1 << 22;
    /// vfork-like clone.
    pub const CLONE_VFORK: u32 = 1 << 27;
    /// The child is not in the init pid namespace.
    pub const CHILD_IN_PIDNS: u32 = 1 << 29;
    /// The main thread of its process (where tid and pid differ).
    pub const IS_MAIN_THREAD: u32 = 1 << 30;
}

/// A short container id, or none (a host process).
pub type ContainerId = Option<[u8; SHORT_ID]>;

/// One thread (a process is its main thread, `tid == pid`).
///
/// Strings are bytes as the kernel gave them. Lists (arguments, environment, cgroups) are
/// stored as NUL-terminated entries back to back. A process's fd table, cwd and environment
/// live in its main thread; other threads of the process use those.
#[derive(Clone, Debug)]
pub struct Thread {
    pub(crate) tid: i64,
    pub(crate) pid: i64,
    pub(crate) ptid: i64,
    pub(crate) sid: i64,
    pub(crate) vpgid: i64,
    pub(crate) pgid: i64,
    pub(crate) vtid: i64,
    pub(crate) vpid: i64,
    pub(crate) comm: Vec<u8>,
    pub(crate) exe: Vec<u8>,
    pub(crate) exepath: Vec<u8>,
    pub(crate) args: Vec<u8>,
    /// `comm` when the arguments were last set (the command line libsinsp caches); empty
    /// means the command line is computed from the current `comm`.
    pub(crate) cmd_comm: Vec<u8>,
    pub(crate) env: Vec<u8>,
    pub(crate) cwd: Vec<u8>,
    pub(crate) cgroups: Vec<u8>,
    pub(crate) container: ContainerId,
    pub(crate) root: Vec<u8>,
    pub(crate) uid: u32,
    pub(crate) gid: u32,
    pub(crate) loginuid: u32,
    pub(crate) flags: u32,
    pub(crate) cap_permitted: u64,
    pub(crate) cap_effective: u64,
    pub(crate) cap_inheritable: u64,
    pub(crate) fdlimit: i64,
    pub(crate) tty: u32,
    pub(crate) exe_writable: bool,
    pub(crate) exe_upper_layer: bool,
    pub(crate) exe_lower_layer: bool,
    pub(crate) exe_from_memfd: bool,
    pub(crate) exe_ino: u64,
    pub(crate) exe_ino_ctime: u64,
    pub(crate) exe_ino_mtime: u64,
    pub(crate) exe_ino_ctime_duration_clone_ts: u64,
    pub(crate) exe_ino_ctime_duration_pidns_start: u64,
    pub(crate) clone_ts: u64,
    pub(crate) lastexec_ts: u64,
    pub(crate) pidns_init_start_ts: u64,
    pub(crate) vmsize_kb: u32,
    pub(crate) vmrss_kb: u32,
    pub(crate) vmswap_kb: u32,
    pub(crate) pfmajor: u64,
    pub(crate) pfminor: u64,
    /// The process's fds (meaningful in main threads and in threads with their own table).
    pub(crate) fds: FdTable,
    /// Threads whose parent this thread is (may hold stale tids; checked on use).
    pub(crate) children: Vec<i64>,
    /// The thread the kernel named as reaper of this thread's children.
    pub(crate) reaper_tid: i64,
    /// True once the thread was linked into its process group and its parent.
    pub(crate) linked: bool,
    /// Type of the last enter event of this thread (`u16::MAX`: none).
    pub(crate) last_enter_ty: u16,
    /// The fd the thread's last fd-related event used (-1: none).
    pub(crate) lastevent_fd: i64,
    /// The last enter event kept for its exit (connect, execveat), as recorded.
    pub(crate) enter: Vec<u8>,
    /// Timestamp of the last event of the thread (for purging).
    pub(crate) lastaccess_ts: u64,
}

impl Thread {
    /// A thread with every field at its "unknown" value.
    pub(crate) fn new(tid: i64) -> Thread {
        Thread {
            tid,
            pid: -1,
            ptid: -1,
            sid: -1,
            vpgid: -1,
            pgid: -1,
            vtid: -1,
            vpid: -1,
            comm: Vec::new(),
            exe: Vec::new(),
            exepath: Vec::new(),
            args: Vec::new(),
            cmd_comm: Vec::new(),
            env: Vec::new(),
            cwd: Vec::new(),
            cgroups: Vec::new(),
            container: None,
            root: Vec::new(),
            uid: u32::MAX,
            gid: u32::MAX,
            loginuid: u32::MAX,
            flags: 0,
            cap_permitted: 0,
            cap_effective: 0,
            cap_inheritable: 0,
            fdlimit: -1,
            tty: 0,
            exe_writable: false,
            exe_upper_layer: false,
            exe_lower_layer: false,
            exe_from_memfd: false,
            exe_ino: 0,
            exe_ino_ctime: 0,
            exe_ino_mtime: 0,
            exe_ino_ctime_duration_clone_ts: 0,
            exe_ino_ctime_duration_pidns_start: 0,
            clone_ts: 0,
            lastexec_ts: 0,
            pidns_init_start_ts: 0,
            vmsize_kb: 0,
            vmrss_kb: 0,
            vmswap_kb: 0,
            pfmajor: 0,
            pfminor: 0,
            fds: FdTable::default(),
            children: Vec::new(),
            reaper_tid: -1,
            linked: false,
            last_enter_ty: u16::MAX,
            lastevent_fd: -1,
            enter: Vec::new(),
            lastaccess_ts: 0,
        }
    }

    /// The stub entry libsinsp makes for a thread first seen in an event: name `<NA>`, pid
    /// and parent unknown, ids "none".
    pub(crate) fn stub(tid: i64) -> Thread {
        let mut t = Thread::new(tid);
        t.comm.extend_from_slice(b"<NA>");
        t.exe.extend_from_slice(b"<NA>");
        t
    }

    /// Thread id.
    pub fn tid(&self) -> i64 {
        self.tid
    }

    /// Process id (-1 when unknown).
    pub fn pid(&self) -> i64 {
        self.pid
    }

    /// Parent thread id (-1 when unknown, 0 when the parent is not known to the table).
    pub fn ptid(&self) -> i64 {
        self.ptid
    }

    /// Command name (`comm`).
    pub fn comm(&self) -> &[u8] {
        &self.comm
    }

    /// argv\[0\].
    pub fn exe(&self) -> &[u8] {
        &self.exe
    }

    /// Full path of the executable.
    pub fn exepath(&self) -> &[u8] {
        &self.exepath
    }

    /// The arguments after argv\[0\].
    pub fn args(&self) -> impl Iterator<Item = &[u8]> {
        entries(&self.args)
    }

    /// User id.
    pub fn uid(&self) -> u32 {
        self.uid
    }

    /// Group id.
    pub fn gid(&self) -> u32 {
        self.gid
    }

    /// Audit login user id (`u32::MAX` when unset).
    pub fn loginuid(&self) -> u32 {
        self.loginuid
    }

    /// Short container id, `None` for host processes.
    pub fn container_id(&self) -> Option<&[u8]> {
        self.container.as_ref().map(|c| &c[..])
    }

    /// The cgroups as `(subsystem, path)` pairs.
    pub fn cgroups(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        entries(&self.cgroups).filter_map(|e| {
            let i = e.iter().position(|&b| b == b'=')?;
            Some((&e[..i], &e[i + 1..]))
        })
    }

    /// True for the main thread of a process.
    pub fn is_main_thread(&self) -> bool {
        self.tid == self.pid || self.flags & cl::IS_MAIN_THREAD != 0
    }

    /// True for stub entries whose process or parent is unknown.
    pub fn is_invalid(&self) -> bool {
        self.tid < 0 || self.pid < 0 || self.ptid < 0
    }

    /// True once the thread exited.
    pub fn is_dead(&self) -> bool {
        self.flags & cl::CLOSED != 0
    }

    /// True when the thread is in a pid namespace other than the init one.
    pub(crate) fn in_pid_namespace(&self) -> bool {
        self.flags & cl::CHILD_IN_PIDNS != 0 || (self.tid != self.vtid && self.vtid >= 0)
    }

    /// Replace the arguments with a `PT_BYTEBUF` list (`a\0b\0`), caching the command line
    /// name as libsinsp does.
    pub(crate) fn set_args(&mut self, raw: &[u8]) {
        set_list(&mut self.args, raw);
        if self.cmd_comm != self.comm {
            self.cmd_comm.clear();
            self.cmd_comm.extend_from_slice(&self.comm);
        }
    }

    /// Replace the environment with a NUL-separated list.
    pub(crate) fn set_env(&mut self, raw: &[u8]) {
        set_list(&mut self.env, raw);
    }

    /// Replace the cgroups with a NUL-separated `subsys=path` list; subsystem names are
    /// normalized (`cpu_cgroup` → `cpu`, `mem` → `memory`, `io` → `blkio`, `perf` →
    /// `perf_event`). A list with an entry lacking `=` is ignored, as libsinsp does.
    pub(crate) fn set_cgroups(&mut self, raw: &[u8]) {
        let raw = raw.strip_suffix(b"\0").unwrap_or(raw);
        if raw.is_empty() {
            return;
        }
        if raw.split(|&b| b == 0).any(|e| !e.contains(&b'=')) {
            return;
        }
        let mut out = Vec::with_capacity(raw.len() + 8);
        for e in raw.split(|&b| b == 0) {
            let i = e.iter().position(|&b| b == b'=').unwrap_or(e.len());
            let (subsys, path) = (&e[..i], &e[i..]);
            let subsys: &[u8] = match subsys {
                b"perf" => b"perf_event",
                b"mem" => b"memory",
                b"io" => b"blkio",
                _ => subsys,
            };
            match memchr::memmem::find(subsys, b"_cgroup") {
                Some(p) => {
                    out.extend_from_slice(&subsys[..p]);
                    out.extend_from_slice(&subsys[p + 7..]);
                }
                None => out.extend_from_slice(subsys),
            }
            out.extend_from_slice(path);
            out.push(0);
        }
        if out != self.cgroups {
            self.cgroups = out;
            self.container = super::container::id_from_cgroups(&self.cgroups);
        }
    }
}

/// Replace `dst` with the entries of a NUL-separated list (one trailing NUL optional), each
/// stored NUL-terminated. Allocates only when the list grows.
pub(crate) fn set_list(dst: &mut Vec<u8>, raw: &[u8]) {
    let raw = raw.strip_suffix(b"\0").unwrap_or(raw);
    dst.clear();
    if raw.is_empty() {
        return;
    }
    dst.extend_from_slice(raw);
    dst.push(0);
}

/// The entries of a list stored NUL-terminated.
pub(crate) fn entries(list: &[u8]) -> impl Iterator<Item = &[u8]> {
    let body = list.strip_suffix(b"\0");
    body.into_iter().flat_map(|b| b.split(|&c| c == 0))
}

/// Capability names, by bit.
pub(crate) const CAPABILITIES: [&str; 41] = [
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_DAC_READ_SEARCH",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETPCAP",
    "CAP_LINUX_IMMUTABLE",
    "CAP_NET_BIND_SERVICE",
    "CAP_NET_BROADCAST",
    "CAP_NET_ADMIN",
    "CAP_NET_RAW",
    "CAP_IPC_LOCK",
    "CAP_IPC_OWNER",
    "CAP_SYS_MODULE",
    "CAP_SYS_RAWIO",
    "CAP_SYS_CHROOT",
    "CAP_SYS_PTRACE",
    "CAP_SYS_PACCT",
    "CAP_SYS_ADMIN",
    "CAP_SYS_BOOT",
    "CAP_SYS_NICE",
    "CAP_SYS_RESOURCE",
    "CAP_SYS_TIME",
    "CAP_SYS_TTY_CONFIG",
    "CAP_MKNOD",
    "CAP_LEASE",
    "CAP_AUDIT_WRITE",
    "CAP_AUDIT_CONTROL",
    "CAP_SETFCAP",
    "CAP_MAC_OVERRIDE",
    "CAP_MAC_ADMIN",
    "CAP_SYSLOG",
    "CAP_WAKE_ALARM",
    "CAP_BLOCK_SUSPEND",
    "CAP_AUDIT_READ",
    "CAP_PERFMON",
    "CAP_BPF",
    "CAP_CHECKPOINT_RESTORE",
];

/// Every capability bit set.
pub(crate) const ALL_CAPS: u64 = (1u64 << CAPABILITIES.len()) - 1;

/// Append the names of the capabilities in `caps`, separated by spaces.
pub(crate) fn write_caps(caps: u64, out: &mut Vec<u8>) {
    let mut first = true;
    for (i, name) in CAPABILITIES.iter().enumerate() {
        if caps & (1u64 << i) != 0 {
            if !first {
                out.push(b' ');
            }
            first = false;
            out.extend_from_slice(name.as_bytes());
        }
    }
}
