//! Names of flag and enum values carried by `FLAGS*`, `ENUMFLAGS*` and `MODE` parameters.
//!
//! The drivers translate kernel constants into these portable values (`PPM_O_*`,
//! `PPM_CL_*`, ...) before writing them; readers render them by name (`O_RDWR|O_CREAT`).
//! A set's `name` is the upstream table name (`file_flags`); the C generator emits one
//! `#define PPM_<value name>` per entry, so the drivers and userspace share the numbers.

/// One named value.
#[derive(Clone, Copy, Debug)]
pub struct FlagValue {
    /// Display name (`O_CREAT`).
    pub name: &'static str,
    /// Portable value.
    pub value: u32,
}

/// A table of named values.
#[derive(Clone, Copy, Debug)]
pub struct FlagSet {
    /// Upstream table name, e.g. `file_flags`.
    pub name: &'static str,
    /// The values, in upstream order (rendering depends on the order).
    pub values: &'static [FlagValue],
}

pub(crate) const fn v(name: &'static str, value: u32) -> FlagValue {
    FlagValue { name, value }
}

// ---- data ----

/// `socket_families`.
pub static SOCKET_FAMILIES: FlagSet = FlagSet {
    name: "socket_families",
    values: &[
        v("AF_NFC", 39),
        v("AF_ALG", 38),
        v("AF_CAIF", 37),
        v("AF_IEEE802154", 36),
        v("AF_PHONET", 35),
        v("AF_ISDN", 34),
        v("AF_RXRPC", 33),
        v("AF_IUCV", 32),
        v("AF_BLUETOOTH", 31),
        v("AF_TIPC", 30),
        v("AF_CAN", 29),
        v("AF_LLC", 26),
        v("AF_WANPIPE", 25),
        v("AF_PPPOX", 24),
        v("AF_IRDA", 23),
        v("AF_SNA", 22),
        v("AF_RDS", 21),
        v("AF_ATMSVC", 20),
        v("AF_ECONET", 19),
        v("AF_ASH", 18),
        v("AF_PACKET", 17),
        v("AF_ROUTE", 16),
        v("AF_NETLINK", 16),
        v("AF_KEY", 15),
        v("AF_SECURITY", 14),
        v("AF_NETBEUI", 13),
        v("AF_DECnet", 12),
        v("AF_ROSE", 11),
        v("AF_INET6", 10),
        v("AF_X25", 9),
        v("AF_ATMPVC", 8),
        v("AF_BRIDGE", 7),
        v("AF_NETROM", 6),
        v("AF_APPLETALK", 5),
        v("AF_IPX", 4),
        v("AF_AX25", 3),
        v("AF_INET", 2),
        v("AF_LOCAL", 1),
        v("AF_UNIX", 1),
        v("AF_UNSPEC", 0),
    ],
};

/// `file_flags`.
pub static FILE_FLAGS: FlagSet = FlagSet {
    name: "file_flags",
    values: &[
        v("O_LARGEFILE", 1 << 11),
        v("O_DIRECTORY", 1 << 10),
        v("O_DIRECT", 1 << 9),
        v("O_TRUNC", 1 << 8),
        v("O_SYNC", 1 << 7),
        v("O_NONBLOCK", 1 << 6),
        v("O_EXCL", 1 << 5),
        v("O_DSYNC", 1 << 4),
        v("O_APPEND", 1 << 3),
        v("O_CREAT", 1 << 2),
        v("O_RDWR", 3),
        v("O_WRONLY", 1 << 1),
        v("O_RDONLY", 1 << 0),
        v("O_CLOEXEC", 1 << 12),
        v("O_NONE", 0),
        v("O_TMPFILE", 1 << 13),
        v("O_F_CREATED", 1 << 14),
        v("FD_UPPER_LAYER", 1 << 15),
        v("FD_LOWER_LAYER", 1 << 16),
    ],
};

/// `creat_flags`.
pub static CREAT_FLAGS: FlagSet = FlagSet {
    name: "creat_flags",
    values: &[
        v("FD_UPPER_LAYER_CREAT", 1 << 0),
        v("FD_LOWER_LAYER_CREAT", 1 << 1),
    ],
};

/// `flock_flags`.
pub static FLOCK_FLAGS: FlagSet = FlagSet {
    name: "flock_flags",
    values: &[
        v("LOCK_SH", 1 << 0),
        v("LOCK_EX", 1 << 1),
        v("LOCK_NB", 1 << 2),
        v("LOCK_UN", 1 << 3),
        v("LOCK_NONE", 0),
    ],
};

/// `clone_flags`.
pub static CLONE_FLAGS: FlagSet = FlagSet {
    name: "clone_flags",
    values: &[
        v("CLONE_FILES", 1 << 0),
        v("CLONE_FS", 1 << 1),
        v("CLONE_IO", 1 << 2),
        v("CLONE_NEWIPC", 1 << 3),
        v("CLONE_NEWNET", 1 << 4),
        v("CLONE_NEWNS", 1 << 5),
        v("CLONE_NEWPID", 1 << 6),
        v("CLONE_NEWUTS", 1 << 7),
        v("CLONE_PARENT", 1 << 8),
        v("CLONE_PARENT_SETTID", 1 << 9),
        v("CLONE_PTRACE", 1 << 10),
        v("CLONE_SIGHAND", 1 << 11),
        v("CLONE_SYSVSEM", 1 << 12),
        v("CLONE_THREAD", 1 << 13),
        v("CLONE_UNTRACED", 1 << 14),
        v("CLONE_VM", 1 << 15),
        v("CLONE_INVERTED", 1 << 16),
        v("NAME_CHANGED", 1 << 17),
        v("CLOSED", 1 << 18),
        v("CLONE_NEWUSER", 1 << 20),
        v("CLONE_CHILD_CLEARTID", 1 << 23),
        v("CLONE_CHILD_SETTID", 1 << 24),
        v("CLONE_SETTLS", 1 << 25),
        v("CLONE_STOPPED", 1 << 26),
        v("CLONE_VFORK", 1 << 27),
        v("CLONE_NEWCGROUP", 1 << 28),
        v("CLONE_CHILD_IN_PIDNS", 1 << 29),
    ],
};

/// `futex_operations`.
pub static FUTEX_OPERATIONS: FlagSet = FlagSet {
    name: "futex_operations",
    values: &[
        v("FUTEX_CLOCK_REALTIME", 256),
        v("FUTEX_PRIVATE_FLAG", 128),
        v("FUTEX_CMP_REQUEUE_PI", 12),
        v("FUTEX_WAIT_REQUEUE_PI", 11),
        v("FUTEX_WAKE_BITSET", 10),
        v("FUTEX_WAIT_BITSET", 9),
        v("FUTEX_TRYLOCK_PI", 8),
        v("FUTEX_UNLOCK_PI", 7),
        v("FUTEX_LOCK_PI", 6),
        v("FUTEX_WAKE_OP", 5),
        v("FUTEX_CMP_REQUEUE", 4),
        v("FUTEX_REQUEUE", 3),
        v("FUTEX_FD", 2),
        v("FUTEX_WAKE", 1),
        v("FUTEX_WAIT", 0),
    ],
};

/// `poll_flags`.
pub static POLL_FLAGS: FlagSet = FlagSet {
    name: "poll_flags",
    values: &[
        v("POLLIN", 1 << 0),
        v("POLLPRI", 1 << 1),
        v("POLLOUT", 1 << 2),
        v("POLLRDHUP", 1 << 3),
        v("POLLERR", 1 << 4),
        v("POLLHUP", 1 << 5),
        v("POLLNVAL", 1 << 6),
        v("POLLRDNORM", 1 << 7),
        v("POLLRDBAND", 1 << 8),
        v("POLLWRNORM", 1 << 9),
        v("POLLWRBAND", 1 << 10),
    ],
};

/// `mount_flags`.
pub static MOUNT_FLAGS: FlagSet = FlagSet {
    name: "mount_flags",
    values: &[
        v("RDONLY", 1 << 0),
        v("NOSUID", 1 << 1),
        v("NODEV", 1 << 2),
        v("NOEXEC", 1 << 3),
        v("SYNCHRONOUS", 1 << 4),
        v("REMOUNT", 1 << 5),
        v("MANDLOCK", 1 << 6),
        v("DIRSYNC", 1 << 7),
        v("NOATIME", 1 << 10),
        v("NODIRATIME", 1 << 11),
        v("BIND", 1 << 12),
        v("MOVE", 1 << 13),
        v("REC", 1 << 14),
        v("SILENT", 1 << 15),
        v("POSIXACL", 1 << 16),
        v("UNBINDABLE", 1 << 17),
        v("PRIVATE", 1 << 18),
        v("SLAVE", 1 << 19),
        v("SHARED", 1 << 20),
        v("RELATIME", 1 << 21),
        v("KERNMOUNT", 1 << 22),
        v("I_VERSION", 1 << 23),
        v("STRICTATIME", 1 << 24),
        v("LAZYTIME", 1 << 25),
        v("NOSEC", 1 << 28),
        v("BORN", 1 << 29),
        v("ACTIVE", 1 << 30),
        v("NOUSER", 1 << 31),
    ],
};

/// `umount_flags`.
pub static UMOUNT_FLAGS: FlagSet = FlagSet {
    name: "umount_flags",
    values: &[
        v("FORCE", 1 << 0),
        v("DETACH", 1 << 1),
        v("EXPIRE", 1 << 2),
        v("NOFOLLOW", 1 << 3),
    ],
};

/// `lseek_whence`.
pub static LSEEK_WHENCE: FlagSet = FlagSet {
    name: "lseek_whence",
    values: &[v("SEEK_END", 2), v("SEEK_CUR", 1), v("SEEK_SET", 0)],
};

/// `shutdown_how`.
pub static SHUTDOWN_HOW: FlagSet = FlagSet {
    name: "shutdown_how",
    values: &[
        v("SHUT_UNKNOWN", 0xffff),
        v("SHUT_RDWR", 2),
        v("SHUT_WR", 1),
        v("SHUT_RD", 0),
    ],
};

/// `rlimit_resources`.
pub static RLIMIT_RESOURCES: FlagSet = FlagSet {
    name: "rlimit_resources",
    values: &[
        v("RLIMIT_UNKNOWN", 255),
        v("RLIMIT_RTTIME", 15),
        v("RLIMIT_RTPRIO", 14),
        v("RLIMIT_NICE", 13),
        v("RLIMIT_MSGQUEUE", 12),
        v("RLIMIT_SIGPENDING", 11),
        v("RLIMIT_LOCKS", 10),
        v("RLIMIT_AS", 9),
        v("RLIMIT_MEMLOCK", 8),
        v("RLIMIT_NOFILE", 7),
        v("RLIMIT_NPROC", 6),
        v("RLIMIT_RSS", 5),
        v("RLIMIT_CORE", 4),
        v("RLIMIT_STACK", 3),
        v("RLIMIT_DATA", 2),
        v("RLIMIT_FSIZE", 1),
        v("RLIMIT_CPU", 0),
    ],
};

/// `fcntl_commands`.
pub static FCNTL_COMMANDS: FlagSet = FlagSet {
    name: "fcntl_commands",
    values: &[
        v("F_GETPIPE_SZ", 29),
        v("F_SETPIPE_SZ", 28),
        v("F_NOTIFY", 27),
        v("F_DUPFD_CLOEXEC", 26),
        v("F_CANCELLK", 25),
        v("F_GETLEASE", 24),
        v("F_SETLEASE", 23),
        v("F_GETOWN_EX", 22),
        v("F_SETOWN_EX", 21),
        v("F_SETLKW64", 19),
        v("F_SETLK64", 18),
        v("F_GETLK64", 17),
        v("F_GETSIG", 15),
        v("F_SETSIG", 13),
        v("F_GETOWN", 12),
        v("F_SETOWN", 10),
        v("F_SETLKW", 9),
        v("F_SETLK", 8),
        v("F_GETLK", 6),
        v("F_SETFL", 5),
        v("F_GETFL", 4),
        v("F_SETFD", 3),
        v("F_GETFD", 2),
        v("F_DUPFD", 1),
        v("F_OFD_GETLK", 30),
        v("F_OFD_SETLK", 31),
        v("F_OFD_SETLKW", 32),
        v("UNKNOWN", 0),
    ],
};

/// `sockopt_levels`.
pub static SOCKOPT_LEVELS: FlagSet = FlagSet {
    name: "sockopt_levels",
    values: &[v("SOL_SOCKET", 1), v("SOL_TCP", 2), v("UNKNOWN", 0)],
};

/// `sockopt_options`.
pub static SOCKOPT_OPTIONS: FlagSet = FlagSet {
    name: "sockopt_options",
    values: &[
        v("SO_COOKIE", 53),
        v("SO_MEMINFO", 52),
        v("SO_PEERGROUPS", 51),
        v("SO_ATTACH_BPF", 50),
        v("SO_INCOMING_CPU", 49),
        v("SO_BPF_EXTENSIONS", 48),
        v("SO_MAX_PACING_RATE", 47),
        v("SO_BUSY_POLL", 46),
        v("SO_SELECT_ERR_QUEUE", 45),
        v("SO_LOCK_FILTER", 44),
        v("SO_NOFCS", 43),
        v("SO_PEEK_OFF", 42),
        v("SO_WIFI_STATUS", 41),
        v("SO_RXQ_OVFL", 40),
        v("SO_DOMAIN", 39),
        v("SO_PROTOCOL", 38),
        v("SO_TIMESTAMPING", 37),
        v("SO_MARK", 36),
        v("SO_TIMESTAMPNS", 35),
        v("SO_PASSSEC", 34),
        v("SO_PEERSEC", 31),
        v("SO_ACCEPTCONN", 30),
        v("SO_TIMESTAMP", 29),
        v("SO_PEERNAME", 28),
        v("SO_DETACH_FILTER", 27),
        v("SO_ATTACH_FILTER", 26),
        v("SO_BINDTODEVICE", 25),
        v("SO_SECURITY_ENCRYPTION_NETWORK", 24),
        v("SO_SECURITY_ENCRYPTION_TRANSPORT", 23),
        v("SO_SECURITY_AUTHENTICATION", 22),
        v("SO_SNDTIMEO", 21),
        v("SO_RCVTIMEO", 20),
        v("SO_SNDLOWAT", 19),
        v("SO_RCVLOWAT", 18),
        v("SO_PEERCRED", 17),
        v("SO_PASSCRED", 16),
        v("SO_REUSEPORT", 15),
        v("SO_BSDCOMPAT", 14),
        v("SO_LINGER", 13),
        v("SO_PRIORITY", 12),
        v("SO_NO_CHECK", 11),
        v("SO_OOBINLINE", 10),
        v("SO_KEEPALIVE", 9),
        v("SO_RCVBUFFORCE", 33),
        v("SO_SNDBUFFORCE", 32),
        v("SO_RCVBUF", 8),
        v("SO_SNDBUF", 7),
        v("SO_BROADCAST", 6),
        v("SO_DONTROUTE", 5),
        v("SO_ERROR", 4),
        v("SO_TYPE", 3),
        v("SO_REUSEADDR", 2),
        v("SO_DEBUG", 1),
        v("UNKNOWN", 0),
    ],
};

/// `ptrace_requests`.
pub static PTRACE_REQUESTS: FlagSet = FlagSet {
    name: "ptrace_requests",
    values: &[
        v("PTRACE_SINGLEBLOCK", 38),
        v("PTRACE_SYSEMU_SINGLESTEP", 37),
        v("PTRACE_SYSEMU", 36),
        v("PTRACE_ARCH_PRCTL", 35),
        v("PTRACE_SET_THREAD_AREA", 34),
        v("PTRACE_GET_THREAD_AREA", 33),
        v("PTRACE_OLDSETOPTIONS", 32),
        v("PTRACE_SETFPXREGS", 31),
        v("PTRACE_GETFPXREGS", 30),
        v("PTRACE_SETFPREGS", 29),
        v("PTRACE_GETFPREGS", 28),
        v("PTRACE_SETREGS", 27),
        v("PTRACE_GETREGS", 26),
        v("PTRACE_SETSIGMASK", 25),
        v("PTRACE_GETSIGMASK", 24),
        v("PTRACE_PEEKSIGINFO", 23),
        v("PTRACE_LISTEN", 22),
        v("PTRACE_INTERRUPT", 21),
        v("PTRACE_SEIZE", 20),
        v("PTRACE_SETREGSET", 19),
        v("PTRACE_GETREGSET", 18),
        v("PTRACE_SETSIGINFO", 17),
        v("PTRACE_GETSIGINFO", 16),
        v("PTRACE_GETEVENTMSG", 15),
        v("PTRACE_SETOPTIONS", 14),
        v("PTRACE_SYSCALL", 13),
        v("PTRACE_DETACH", 12),
        v("PTRACE_ATTACH", 11),
        v("PTRACE_SINGLESTEP", 10),
        v("PTRACE_KILL", 9),
        v("PTRACE_CONT", 8),
        v("PTRACE_POKEUSR", 7),
        v("PTRACE_POKEDATA", 6),
        v("PTRACE_POKETEXT", 5),
        v("PTRACE_PEEKUSR", 4),
        v("PTRACE_PEEKDATA", 3),
        v("PTRACE_PEEKTEXT", 2),
        v("PTRACE_TRACEME", 1),
        v("PTRACE_UNKNOWN", 0),
    ],
};

/// `prot_flags`.
pub static PROT_FLAGS: FlagSet = FlagSet {
    name: "prot_flags",
    values: &[
        v("PROT_READ", 1 << 0),
        v("PROT_WRITE", 1 << 1),
        v("PROT_EXEC", 1 << 2),
        v("PROT_SEM", 1 << 3),
        v("PROT_GROWSDOWN", 1 << 4),
        v("PROT_GROWSUP", 1 << 5),
        v("PROT_SAO", 1 << 6),
        v("PROT_NONE", 0),
    ],
};

/// `mmap_flags`.
pub static MMAP_FLAGS: FlagSet = FlagSet {
    name: "mmap_flags",
    values: &[
        v("MAP_SHARED", 1 << 0),
        v("MAP_PRIVATE", 1 << 1),
        v("MAP_FIXED", 1 << 2),
        v("MAP_ANONYMOUS", 1 << 3),
        v("MAP_32BIT", 1 << 4),
        v("MAP_RENAME", 1 << 5),
        v("MAP_NORESERVE", 1 << 6),
        v("MAP_POPULATE", 1 << 7),
        v("MAP_NONBLOCK", 1 << 8),
        v("MAP_GROWSDOWN", 1 << 9),
        v("MAP_DENYWRITE", 1 << 10),
        v("MAP_EXECUTABLE", 1 << 11),
        v("MAP_INHERIT", 1 << 12),
        v("MAP_FILE", 1 << 13),
        v("MAP_LOCKED", 1 << 14),
    ],
};

/// `splice_flags`.
pub static SPLICE_FLAGS: FlagSet = FlagSet {
    name: "splice_flags",
    values: &[
        v("SPLICE_F_MOVE", 1 << 0),
        v("SPLICE_F_NONBLOCK", 1 << 1),
        v("SPLICE_F_MORE", 1 << 2),
        v("SPLICE_F_GIFT", 1 << 3),
    ],
};

/// `quotactl_dqi_flags`.
pub static QUOTACTL_DQI_FLAGS: FlagSet = FlagSet {
    name: "quotactl_dqi_flags",
    values: &[v("DQF_NONE", 1 << 0), v("V1_DQF_RSQUASH", 1 << 1)],
};

/// `quotactl_cmds`.
pub static QUOTACTL_CMDS: FlagSet = FlagSet {
    name: "quotactl_cmds",
    values: &[
        v("Q_QUOTAON", 1 << 0),
        v("Q_QUOTAOFF", 1 << 1),
        v("Q_GETFMT", 1 << 2),
        v("Q_GETINFO", 1 << 3),
        v("Q_SETINFO", 1 << 4),
        v("Q_GETQUOTA", 1 << 5),
        v("Q_SETQUOTA", 1 << 6),
        v("Q_SYNC", 1 << 7),
        v("Q_XQUOTAON", 1 << 8),
        v("Q_XQUOTAOFF", 1 << 9),
        v("Q_XGETQUOTA", 1 << 10),
        v("Q_XSETQLIM", 1 << 11),
        v("Q_XGETQSTAT", 1 << 12),
        v("Q_XQUOTARM", 1 << 13),
        v("Q_XQUOTASYNC", 1 << 14),
    ],
};

/// `quotactl_types`.
pub static QUOTACTL_TYPES: FlagSet = FlagSet {
    name: "quotactl_types",
    values: &[v("USRQUOTA", 1 << 0), v("GRPQUOTA", 1 << 1)],
};

/// `quotactl_quota_fmts`.
pub static QUOTACTL_QUOTA_FMTS: FlagSet = FlagSet {
    name: "quotactl_quota_fmts",
    values: &[
        v("QFMT_NOT_USED", 1 << 0),
        v("QFMT_VFS_OLD", 1 << 1),
        v("QFMT_VFS_V0", 1 << 2),
        v("QFMT_VFS_V1", 1 << 3),
    ],
};

/// `semop_flags`.
pub static SEMOP_FLAGS: FlagSet = FlagSet {
    name: "semop_flags",
    values: &[v("IPC_NOWAIT", 1 << 0), v("SEM_UNDO", 1 << 1)],
};

/// `semget_flags`.
pub static SEMGET_FLAGS: FlagSet = FlagSet {
    name: "semget_flags",
    values: &[v("IPC_EXCL", 1 << 14), v("IPC_CREAT", 1 << 13)],
};

/// `semctl_commands`.
pub static SEMCTL_COMMANDS: FlagSet = FlagSet {
    name: "semctl_commands",
    values: &[
        v("IPC_STAT", 1 << 0),
        v("IPC_SET", 1 << 1),
        v("IPC_RMID", 1 << 2),
        v("IPC_INFO", 1 << 3),
        v("SEM_INFO", 1 << 4),
        v("SEM_STAT", 1 << 5),
        v("GETALL", 1 << 6),
        v("GETNCNT", 1 << 7),
        v("GETPID", 1 << 8),
        v("GETVAL", 1 << 9),
        v("GETZCNT", 1 << 10),
        v("SETALL", 1 << 11),
        v("SETVAL", 1 << 12),
    ],
};

/// `access_flags`.
pub static ACCESS_FLAGS: FlagSet = FlagSet {
    name: "access_flags",
    values: &[
        v("F_OK", 0),
        v("R_OK", 1 << 2),
        v("W_OK", 1 << 1),
        v("X_OK", 1 << 0),
    ],
};

/// `pf_flags`.
pub static PF_FLAGS: FlagSet = FlagSet {
    name: "pf_flags",
    values: &[
        v("PROTECTION_VIOLATION", 1 << 0),
        v("PAGE_NOT_PRESENT", 1 << 1),
        v("WRITE_ACCESS", 1 << 2),
        v("READ_ACCESS", 1 << 3),
        v("USER_FAULT", 1 << 4),
        v("SUPERVISOR_FAULT", 1 << 5),
        v("RESERVED_PAGE", 1 << 6),
        v("INSTRUCTION_FETCH", 1 << 7),
    ],
};

/// `unlinkat_flags`.
pub static UNLINKAT_FLAGS: FlagSet = FlagSet {
    name: "unlinkat_flags",
    values: &[v("AT_REMOVEDIR", 0x200)],
};

/// `linkat_flags`.
pub static LINKAT_FLAGS: FlagSet = FlagSet {
    name: "linkat_flags",
    values: &[v("AT_SYMLINK_FOLLOW", 0x400), v("AT_EMPTY_PATH", 0x1000)],
};

/// `newfstatat_flags`.
pub static NEWFSTATAT_FLAGS: FlagSet = FlagSet {
    name: "newfstatat_flags",
    values: &[
        v("AT_EMPTY_PATH", 0x1000),
        v("AT_NO_AUTOMOUNT", 0x800),
        v("AT_SYMLINK_NOFOLLOW", 0x100),
    ],
};

/// `chmod_mode`.
pub static CHMOD_MODE: FlagSet = FlagSet {
    name: "chmod_mode",
    values: &[
        v("S_IXOTH", 1 << 0),
        v("S_IWOTH", 1 << 1),
        v("S_IROTH", 1 << 2),
        v("S_IXGRP", 1 << 3),
        v("S_IWGRP", 1 << 4),
        v("S_IRGRP", 1 << 5),
        v("S_IXUSR", 1 << 6),
        v("S_IWUSR", 1 << 7),
        v("S_IRUSR", 1 << 8),
        v("S_ISVTX", 1 << 9),
        v("S_ISGID", 1 << 10),
        v("S_ISUID", 1 << 11),
    ],
};

/// `fchownat_flags`.
pub static FCHOWNAT_FLAGS: FlagSet = FlagSet {
    name: "fchownat_flags",
    values: &[v("AT_SYMLINK_NOFOLLOW", 0x400), v("AT_EMPTY_PATH", 0x1000)],
};

/// `renameat2_flags`.
pub static RENAMEAT2_FLAGS: FlagSet = FlagSet {
    name: "renameat2_flags",
    values: &[
        v("RENAME_NOREPLACE", 1 << 0),
        v("RENAME_EXCHANGE", 1 << 1),
        v("RENAME_WHITEOUT", 1 << 2),
    ],
};

/// `openat2_flags`.
pub static OPENAT2_FLAGS: FlagSet = FlagSet {
    name: "openat2_flags",
    values: &[
        v("RESOLVE_BENEATH", 1 << 0),
        v("RESOLVE_IN_ROOT", 1 << 1),
        v("RESOLVE_NO_MAGICLINKS", 1 << 2),
        v("RESOLVE_NO_SYMLINKS", 1 << 3),
        v("RESOLVE_NO_XDEV", 1 << 4),
        v("RESOLVE_CACHED", 1 << 5),
    ],
};

/// `execve_flags`.
pub static EXECVE_FLAGS: FlagSet = FlagSet {
    name: "execve_flags",
    values: &[
        v("EXE_WRITABLE", 1 << 0),
        v("EXE_UPPER_LAYER", 1 << 1),
        v("EXE_FROM_MEMFD", 1 << 2),
        v("EXE_LOWER_LAYER", 1 << 3),
    ],
};

/// `execveat_flags`.
pub static EXECVEAT_FLAGS: FlagSet = FlagSet {
    name: "execveat_flags",
    values: &[v("AT_EMPTY_PATH", 1 << 0), v("AT_SYMLINK_NOFOLLOW", 1 << 1)],
};

/// `io_uring_setup_flags`.
pub static IO_URING_SETUP_FLAGS: FlagSet = FlagSet {
    name: "io_uring_setup_flags",
    values: &[
        v("IORING_SETUP_IOPOLL", 1 << 0),
        v("IORING_SETUP_SQPOLL", 1 << 1),
        v("IORING_SQ_NEED_WAKEUP", 1 << 2),
        v("IORING_SETUP_SQ_AFF", 1 << 3),
        v("IORING_SETUP_CQSIZE", 1 << 4),
        v("IORING_SETUP_CLAMP", 1 << 5),
        v("IORING_SETUP_ATTACH_RW", 1 << 6),
        v("IORING_SETUP_R_DISABLED", 1 << 7),
    ],
};

/// `io_uring_setup_feats`.
pub static IO_URING_SETUP_FEATS: FlagSet = FlagSet {
    name: "io_uring_setup_feats",
    values: &[
        v("IORING_FEAT_SINGLE_MMAP", 1 << 0),
        v("IORING_FEAT_NODROP", 1 << 1),
        v("IORING_FEAT_SUBMIT_STABLE", 1 << 2),
        v("IORING_FEAT_RW_CUR_POS", 1 << 3),
        v("IORING_FEAT_CUR_PERSONALITY", 1 << 4),
        v("IORING_FEAT_FAST_POLL", 1 << 5),
        v("IORING_FEAT_POLL_32BITS", 1 << 6),
        v("IORING_FEAT_SQPOLL_NONFIXED", 1 << 7),
        v("IORING_FEAT_ENTER_EXT_ARG", 1 << 8),
        v("IORING_FEAT_NATIVE_WORKERS", 1 << 9),
        v("IORING_FEAT_RSRC_TAGS", 1 << 10),
    ],
};

/// `io_uring_enter_flags`.
pub static IO_URING_ENTER_FLAGS: FlagSet = FlagSet {
    name: "io_uring_enter_flags",
    values: &[
        v("IORING_ENTER_GETEVENTS", 1 << 0),
        v("IORING_ENTER_SQ_WAKEUP", 1 << 1),
        v("IORING_ENTER_SQ_WAIT", 1 << 2),
        v("IORING_ENTER_EXT_ARG", 1 << 3),
    ],
};

/// `io_uring_register_opcodes`.
pub static IO_URING_REGISTER_OPCODES: FlagSet = FlagSet {
    name: "io_uring_register_opcodes",
    values: &[
        v("IORING_REGISTER_BUFFERS", 0),
        v("IORING_UNREGISTER_BUFFERS", 1),
        v("IORING_REGISTER_FILES", 2),
        v("IORING_UNREGISTER_FILES", 3),
        v("IORING_REGISTER_EVENTFD", 4),
        v("IORING_UNREGISTER_EVENTFD", 5),
        v("IORING_REGISTER_FILES_UPDATE", 6),
        v("IORING_REGISTER_EVENTFD_ASYNC", 7),
        v("IORING_REGISTER_PROBE", 8),
        v("IORING_REGISTER_PERSONALITY", 9),
        v("IORING_UNREGISTER_PERSONALITY", 10),
        v("IORING_REGISTER_RESTRICTIONS", 11),
        v("IORING_REGISTER_ENABLE_RINGS", 12),
        v("IORING_REGISTER_FILES2", 13),
        v("IORING_REGISTER_FILES_UPDATE2", 14),
        v("IORING_REGISTER_BUFFERS2", 15),
        v("IORING_REGISTER_BUFFERS_UPDATE", 16),
        v("IORING_REGISTER_IOWQ_AFF", 17),
        v("IORING_UNREGISTER_IOWQ_AFF", 18),
        v("IORING_REGISTER_IOWQ_MAX_WORKERS", 19),
        v("IORING_REGISTER_RING_FDS", 20),
        v("IORING_UNREGISTER_RING_FDS", 21),
    ],
};

/// `mlockall_flags`.
pub static MLOCKALL_FLAGS: FlagSet = FlagSet {
    name: "mlockall_flags",
    values: &[
        v("MCL_CURRENT", 1 << 0),
        v("MCL_FUTURE", 1 << 1),
        v("MCL_ONFAULT", 1 << 2),
    ],
};

/// `mlock2_flags`.
pub static MLOCK2_FLAGS: FlagSet = FlagSet {
    name: "mlock2_flags",
    values: &[v("MLOCK_ONFAULT", 1 << 0)],
};

/// `fsconfig_cmds`.
pub static FSCONFIG_CMDS: FlagSet = FlagSet {
    name: "fsconfig_cmds",
    values: &[
        v("FSCONFIG_SET_FLAG", 0),
        v("FSCONFIG_SET_STRING", 1),
        v("FSCONFIG_SET_BINARY", 2),
        v("FSCONFIG_SET_PATH", 3),
        v("FSCONFIG_SET_PATH_EMPTY", 4),
        v("FSCONFIG_SET_FD", 5),
        v("FSCONFIG_CMD_CREATE", 6),
        v("FSCONFIG_CMD_RECONFIGURE", 7),
    ],
};

/// `epoll_create1_flags`.
pub static EPOLL_CREATE1_FLAGS: FlagSet = FlagSet {
    name: "epoll_create1_flags",
    values: &[v("EPOLL_CLOEXEC", 1 << 0)],
};

/// `prctl_options`.
pub static PRCTL_OPTIONS: FlagSet = FlagSet {
    name: "prctl_options",
    values: &[
        v("PR_GET_DUMPABLE", 3),
        v("PR_SET_DUMPABLE", 4),
        v("PR_GET_KEEPCAPS", 7),
        v("PR_SET_KEEPCAPS", 8),
        v("PR_SET_NAME", 15),
        v("PR_GET_NAME", 16),
        v("PR_GET_SECCOMP", 21),
        v("PR_SET_SECCOMP", 22),
        v("PR_CAPBSET_READ", 23),
        v("PR_CAPBSET_DROP", 24),
        v("PR_GET_SECUREBITS", 27),
        v("PR_SET_SECUREBITS", 28),
        v("PR_MCE_KILL", 33),
        v("PR_MCE_KILL", 33),
        v("PR_SET_MM", 35),
        v("PR_SET_CHILD_SUBREAPER", 36),
        v("PR_GET_CHILD_SUBREAPER", 37),
        v("PR_SET_NO_NEW_PRIVS", 38),
        v("PR_GET_NO_NEW_PRIVS", 39),
        v("PR_GET_TID_ADDRESS", 40),
        v("PR_SET_THP_DISABLE", 41),
        v("PR_GET_THP_DISABLE", 42),
        v("PR_CAP_AMBIENT", 47),
    ],
};

/// `keyctl_operations`.
pub static KEYCTL_OPERATIONS: FlagSet = FlagSet {
    name: "keyctl_operations",
    values: &[
        v("KEYCTL_GET_KEYRING_ID", 0),
        v("KEYCTL_JOIN_SESSION_KEYRING", 1),
        v("KEYCTL_UPDATE", 2),
        v("KEYCTL_REVOKE", 3),
        v("KEYCTL_CHOWN", 4),
        v("KEYCTL_SETPERM", 5),
        v("KEYCTL_DESCRIBE", 6),
        v("KEYCTL_CLEAR", 7),
        v("KEYCTL_LINK", 8),
        v("KEYCTL_UNLINK", 9),
        v("KEYCTL_SEARCH", 10),
        v("KEYCTL_READ", 11),
        v("KEYCTL_INSTANTIATE", 12),
        v("KEYCTL_NEGATE", 13),
        v("KEYCTL_SET_REQKEY_KEYRING", 14),
        v("KEYCTL_SET_TIMEOUT", 15),
        v("KEYCTL_ASSUME_AUTHORITY", 16),
        v("KEYCTL_GET_SECURITY", 17),
        v("KEYCTL_SESSION_TO_PARENT", 18),
        v("KEYCTL_REJECT", 19),
        v("KEYCTL_INSTANTIATE_IOV", 20),
        v("KEYCTL_INVALIDATE", 21),
        v("KEYCTL_GET_PERSISTENT", 22),
        v("KEYCTL_DH_COMPUTE", 23),
        v("KEYCTL_PKEY_QUERY", 24),
        v("KEYCTL_PKEY_ENCRYPT", 25),
        v("KEYCTL_PKEY_DECRYPT", 26),
        v("KEYCTL_PKEY_SIGN", 27),
        v("KEYCTL_PKEY_VERIFY", 28),
        v("KEYCTL_RESTRICT_KEYRING", 29),
        v("KEYCTL_MOVE", 30),
        v("KEYCTL_CAPABILITIES", 31),
        v("KEYCTL_WATCH_KEY", 32),
    ],
};

/// `memfd_create_flags`.
pub static MEMFD_CREATE_FLAGS: FlagSet = FlagSet {
    name: "memfd_create_flags",
    values: &[
        v("MFD_CLOEXEC", 1 << 0),
        v("MFD_ALLOW_SEALING", 1 << 1),
        v("MFD_HUGETLB", 1 << 2),
    ],
};

/// `pidfd_open_flags`.
pub static PIDFD_OPEN_FLAGS: FlagSet = FlagSet {
    name: "pidfd_open_flags",
    values: &[v("PIDFD_NONBLOCK", 1 << 0)],
};

/// `mknod_mode`.
pub static MKNOD_MODE: FlagSet = FlagSet {
    name: "mknod_mode",
    values: &[
        v("S_IXOTH", 1 << 0),
        v("S_IWOTH", 1 << 1),
        v("S_IROTH", 1 << 2),
        v("S_IXGRP", 1 << 3),
        v("S_IWGRP", 1 << 4),
        v("S_IRGRP", 1 << 5),
        v("S_IXUSR", 1 << 6),
        v("S_IWUSR", 1 << 7),
        v("S_IRUSR", 1 << 8),
        v("S_ISVTX", 1 << 9),
        v("S_ISGID", 1 << 10),
        v("S_ISUID", 1 << 11),
        v("S_IFREG", 0o100000),
        v("S_IFCHR", 0o20000),
        v("S_IFBLK", 0o60000),
        v("S_IFIFO", 0o10000),
        v("S_IFSOCK", 0o140000),
    ],
};

/// `bpf_commands`.
pub static BPF_COMMANDS: FlagSet = FlagSet {
    name: "bpf_commands",
    values: &[
        v("BPF_MAP_CREATE", 0),
        v("BPF_MAP_LOOKUP_ELEM", 1),
        v("BPF_MAP_UPDATE_ELEM", 2),
        v("BPF_MAP_DELETE_ELEM", 3),
        v("BPF_MAP_GET_NEXT_KEY", 4),
        v("BPF_PROG_LOAD", 5),
        v("BPF_OBJ_PIN", 6),
        v("BPF_OBJ_GET", 7),
        v("BPF_PROG_ATTACH", 8),
        v("BPF_PROG_DETACH", 9),
        v("BPF_PROG_TEST_RUN", 10),
        v("BPF_PROG_RUN", 10),
        v("BPF_PROG_GET_NEXT_ID", 11),
        v("BPF_MAP_GET_NEXT_ID", 12),
        v("BPF_PROG_GET_FD_BY_ID", 13),
        v("BPF_MAP_GET_FD_BY_ID", 14),
        v("BPF_OBJ_GET_INFO_BY_FD", 15),
        v("BPF_PROG_QUERY", 16),
        v("BPF_RAW_TRACEPOINT_OPEN", 17),
        v("BPF_BTF_LOAD", 18),
        v("BPF_BTF_GET_FD_BY_ID", 19),
        v("BPF_TASK_FD_QUERY", 20),
        v("BPF_MAP_LOOKUP_AND_DELETE_ELEM", 21),
        v("BPF_MAP_FREEZE", 22),
        v("BPF_BTF_GET_NEXT_ID", 23),
        v("BPF_MAP_LOOKUP_BATCH", 24),
        v("BPF_MAP_LOOKUP_AND_DELETE_BATCH", 25),
        v("BPF_MAP_UPDATE_BATCH", 26),
        v("BPF_MAP_DELETE_BATCH", 27),
        v("BPF_LINK_CREATE", 28),
        v("BPF_LINK_UPDATE", 29),
        v("BPF_LINK_GET_FD_BY_ID", 30),
        v("BPF_LINK_GET_NEXT_ID", 31),
        v("BPF_ENABLE_STATS", 32),
        v("BPF_ITER_CREATE", 33),
        v("BPF_LINK_DETACH", 34),
        v("BPF_PROG_BIND_MAP", 35),
    ],
};

/// `delete_module_flags`.
pub static DELETE_MODULE_FLAGS: FlagSet = FlagSet {
    name: "delete_module_flags",
    values: &[v("O_NONBLOCK", 1 << 1), v("O_TRUNC", 1 << 0)],
};

/// `close_range_flags`.
pub static CLOSE_RANGE_FLAGS: FlagSet = FlagSet {
    name: "close_range_flags",
    values: &[
        v("CLOSE_RANGE_UNSHARE", 1 << 1),
        v("CLOSE_RANGE_CLOEXEC", 1 << 2),
    ],
};

/// `finit_module_flags`.
pub static FINIT_MODULE_FLAGS: FlagSet = FlagSet {
    name: "finit_module_flags",
    values: &[
        v("MODULE_INIT_IGNORE_MODVERSIONS", 1),
        v("MODULE_INIT_IGNORE_VERMAGIC", 2),
        v("MODULE_INIT_COMPRESSED_FILE", 4),
    ],
};

/// `anon_inode_fd_types`.
pub static ANON_INODE_FD_TYPES: FlagSet = FlagSet {
    name: "anon_inode_fd_types",
    values: &[
        v("ANON_INODE_FD_TYPE_UNKNOWN", 0),
        v("ANON_INODE_FD_TYPE_EVENTFD", 1),
        v("ANON_INODE_FD_TYPE_EVENTPOLL", 2),
        v("ANON_INODE_FD_TYPE_INOTIFY", 3),
        v("ANON_INODE_FD_TYPE_SIGNALFD", 4),
        v("ANON_INODE_FD_TYPE_TIMERFD", 5),
        v("ANON_INODE_FD_TYPE_IO_URING", 6),
        v("ANON_INODE_FD_TYPE_USERFAULTFD", 7),
        v("ANON_INODE_FD_TYPE_PIDFD", 8),
        v("ANON_INODE_FD_TYPE_BPF_MAP", 9),
        v("ANON_INODE_FD_TYPE_BPF_PROG", 10),
        v("ANON_INODE_FD_TYPE_BPF_LINK", 11),
        v("ANON_INODE_FD_TYPE_BPF_ITER", 12),
        v("ANON_INODE_FD_TYPE_PERF_EVENT", 13),
    ],
};

/// Every flag set, in upstream order.
pub static ALL: &[&FlagSet] = &[
    &SOCKET_FAMILIES,
    &FILE_FLAGS,
    &CREAT_FLAGS,
    &FLOCK_FLAGS,
    &CLONE_FLAGS,
    &FUTEX_OPERATIONS,
    &POLL_FLAGS,
    &MOUNT_FLAGS,
    &UMOUNT_FLAGS,
    &LSEEK_WHENCE,
    &SHUTDOWN_HOW,
    &RLIMIT_RESOURCES,
    &FCNTL_COMMANDS,
    &SOCKOPT_LEVELS,
    &SOCKOPT_OPTIONS,
    &PTRACE_REQUESTS,
    &PROT_FLAGS,
    &MMAP_FLAGS,
    &SPLICE_FLAGS,
    &QUOTACTL_DQI_FLAGS,
    &QUOTACTL_CMDS,
    &QUOTACTL_TYPES,
    &QUOTACTL_QUOTA_FMTS,
    &SEMOP_FLAGS,
    &SEMGET_FLAGS,
    &SEMCTL_COMMANDS,
    &ACCESS_FLAGS,
    &PF_FLAGS,
    &UNLINKAT_FLAGS,
    &LINKAT_FLAGS,
    &NEWFSTATAT_FLAGS,
    &CHMOD_MODE,
    &FCHOWNAT_FLAGS,
    &RENAMEAT2_FLAGS,
    &OPENAT2_FLAGS,
    &EXECVE_FLAGS,
    &EXECVEAT_FLAGS,
    &IO_URING_SETUP_FLAGS,
    &IO_URING_SETUP_FEATS,
    &IO_URING_ENTER_FLAGS,
    &IO_URING_REGISTER_OPCODES,
    &MLOCKALL_FLAGS,
    &MLOCK2_FLAGS,
    &FSCONFIG_CMDS,
    &EPOLL_CREATE1_FLAGS,
    &PRCTL_OPTIONS,
    &KEYCTL_OPERATIONS,
    &MEMFD_CREATE_FLAGS,
    &PIDFD_OPEN_FLAGS,
    &MKNOD_MODE,
    &BPF_COMMANDS,
    &DELETE_MODULE_FLAGS,
    &CLOSE_RANGE_FLAGS,
    &FINIT_MODULE_FLAGS,
    &ANON_INODE_FD_TYPES,
];
