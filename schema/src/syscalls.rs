//! Syscall ids and the native-syscall → event map.
//!
//! `PPM_SC_*` ids are an architecture-independent numbering of syscalls (and of a few
//! tracepoints), used in `SYSCALLID` parameters and by syscall selection (`base_syscalls`).
//! Each architecture's table maps the native syscall number the kernel reports to the
//! `PPM_SC_*` id and to the event pair the drivers write for it (the generic pair
//! `PPME_GENERIC_E/X` for syscalls without a dedicated event).

/// One row of an architecture's syscall table.
#[derive(Clone, Copy, Debug)]
pub struct SyscallEntry {
    /// Native syscall number.
    pub nr: u16,
    /// `PPM_SC_*` id.
    pub ppm_sc: u16,
    /// Enter event code.
    pub enter: u16,
    /// Exit event code.
    pub exit: u16,
    /// `UF_*` flags.
    pub flags: u8,
}

/// `UF_*` syscall flags.
#[allow(missing_docs)]
pub mod uf {
    pub const NONE: u8 = 0;
    pub const USED: u8 = 1 << 0;
    pub const NEVER_DROP: u8 = 1 << 1;
    pub const ALWAYS_DROP: u8 = 1 << 2;
    pub const SIMPLEDRIVER_KEEP: u8 = 1 << 3;
    pub const ATOMIC: u8 = 1 << 4;
}

/// Size of the native syscall tables (largest syscall number + 1 that the drivers handle).
pub const SYSCALL_TABLE_SIZE: usize = 512;

const fn s(nr: u16, ppm_sc: u16, enter: u16, exit: u16, flags: u8) -> SyscallEntry {
    SyscallEntry {
        nr,
        ppm_sc,
        enter,
        exit,
        flags,
    }
}

// ---- data ----

use crate::code::*;
use sc::*;
use uf::*;

/// `PPM_SC_*` ids, named as upstream.
#[allow(missing_docs)]
pub mod sc {
    pub const PPM_SC_UNKNOWN: u16 = 0;
    pub const PPM_SC_RESTART_SYSCALL: u16 = 1;
    pub const PPM_SC_EXIT: u16 = 2;
    pub const PPM_SC_READ: u16 = 3;
    pub const PPM_SC_WRITE: u16 = 4;
    pub const PPM_SC_OPEN: u16 = 5;
    pub const PPM_SC_CLOSE: u16 = 6;
    pub const PPM_SC_CREAT: u16 = 7;
    pub const PPM_SC_LINK: u16 = 8;
    pub const PPM_SC_UNLINK: u16 = 9;
    pub const PPM_SC_CHDIR: u16 = 10;
    pub const PPM_SC_TIME: u16 = 11;
    pub const PPM_SC_MKNOD: u16 = 12;
    pub const PPM_SC_CHMOD: u16 = 13;
    pub const PPM_SC_STAT: u16 = 14;
    pub const PPM_SC_LSEEK: u16 = 15;
    pub const PPM_SC_GETPID: u16 = 16;
    pub const PPM_SC_MOUNT: u16 = 17;
    pub const PPM_SC_PTRACE: u16 = 18;
    pub const PPM_SC_ALARM: u16 = 19;
    pub const PPM_SC_FSTAT: u16 = 20;
    pub const PPM_SC_PAUSE: u16 = 21;
    pub const PPM_SC_UTIME: u16 = 22;
    pub const PPM_SC_ACCESS: u16 = 23;
    pub const PPM_SC_SYNC: u16 = 24;
    pub const PPM_SC_KILL: u16 = 25;
    pub const PPM_SC_RENAME: u16 = 26;
    pub const PPM_SC_MKDIR: u16 = 27;
    pub const PPM_SC_RMDIR: u16 = 28;
    pub const PPM_SC_DUP: u16 = 29;
    pub const PPM_SC_PIPE: u16 = 30;
    pub const PPM_SC_TIMES: u16 = 31;
    pub const PPM_SC_BRK: u16 = 32;
    pub const PPM_SC_ACCT: u16 = 33;
    pub const PPM_SC_IOCTL: u16 = 34;
    pub const PPM_SC_FCNTL: u16 = 35;
    pub const PPM_SC_SETPGID: u16 = 36;
    pub const PPM_SC_UMASK: u16 = 37;
    pub const PPM_SC_CHROOT: u16 = 38;
    pub const PPM_SC_USTAT: u16 = 39;
    pub const PPM_SC_DUP2: u16 = 40;
    pub const PPM_SC_GETPPID: u16 = 41;
    pub const PPM_SC_GETPGRP: u16 = 42;
    pub const PPM_SC_SETSID: u16 = 43;
    pub const PPM_SC_SETHOSTNAME: u16 = 44;
    pub const PPM_SC_SETRLIMIT: u16 = 45;
    pub const PPM_SC_GETRUSAGE: u16 = 46;
    pub const PPM_SC_GETTIMEOFDAY: u16 = 47;
    pub const PPM_SC_SETTIMEOFDAY: u16 = 48;
    pub const PPM_SC_SYMLINK: u16 = 49;
    pub const PPM_SC_LSTAT: u16 = 50;
    pub const PPM_SC_READLINK: u16 = 51;
    pub const PPM_SC_USELIB: u16 = 52;
    pub const PPM_SC_SWAPON: u16 = 53;
    pub const PPM_SC_REBOOT: u16 = 54;
    pub const PPM_SC_MMAP: u16 = 55;
    pub const PPM_SC_MUNMAP: u16 = 56;
    pub const PPM_SC_TRUNCATE: u16 = 57;
    pub const PPM_SC_FTRUNCATE: u16 = 58;
    pub const PPM_SC_FCHMOD: u16 = 59;
    pub const PPM_SC_GETPRIORITY: u16 = 60;
    pub const PPM_SC_SETPRIORITY: u16 = 61;
    pub const PPM_SC_STATFS: u16 = 62;
    pub const PPM_SC_FSTATFS: u16 = 63;
    pub const PPM_SC_SYSLOG: u16 = 64;
    pub const PPM_SC_SETITIMER: u16 = 65;
    pub const PPM_SC_GETITIMER: u16 = 66;
    pub const PPM_SC_UNAME: u16 = 67;
    pub const PPM_SC_VHANGUP: u16 = 68;
    pub const PPM_SC_WAIT4: u16 = 69;
    pub const PPM_SC_SWAPOFF: u16 = 70;
    pub const PPM_SC_SYSINFO: u16 = 71;
    pub const PPM_SC_FSYNC: u16 = 72;
    pub const PPM_SC_SETDOMAINNAME: u16 = 73;
    pub const PPM_SC_ADJTIMEX: u16 = 74;
    pub const PPM_SC_MPROTECT: u16 = 75;
    pub const PPM_SC_INIT_MODULE: u16 = 76;
    pub const PPM_SC_DELETE_MODULE: u16 = 77;
    pub const PPM_SC_QUOTACTL: u16 = 78;
    pub const PPM_SC_GETPGID: u16 = 79;
    pub const PPM_SC_FCHDIR: u16 = 80;
    pub const PPM_SC_SYSFS: u16 = 81;
    pub const PPM_SC_PERSONALITY: u16 = 82;
    pub const PPM_SC_GETDENTS: u16 = 83;
    pub const PPM_SC_SELECT: u16 = 84;
    pub const PPM_SC_FLOCK: u16 = 85;
    pub const PPM_SC_MSYNC: u16 = 86;
    pub const PPM_SC_READV: u16 = 87;
    pub const PPM_SC_WRITEV: u16 = 88;
    pub const PPM_SC_GETSID: u16 = 89;
    pub const PPM_SC_FDATASYNC: u16 = 90;
    pub const PPM_SC_MLOCK: u16 = 91;
    pub const PPM_SC_MUNLOCK: u16 = 92;
    pub const PPM_SC_MLOCKALL: u16 = 93;
    pub const PPM_SC_MUNLOCKALL: u16 = 94;
    pub const PPM_SC_SCHED_SETPARAM: u16 = 95;
    pub const PPM_SC_SCHED_GETPARAM: u16 = 96;
    pub const PPM_SC_SCHED_SETSCHEDULER: u16 = 97;
    pub const PPM_SC_SCHED_GETSCHEDULER: u16 = 98;
    pub const PPM_SC_SCHED_YIELD: u16 = 99;
    pub const PPM_SC_SCHED_GET_PRIORITY_MAX: u16 = 100;
    pub const PPM_SC_SCHED_GET_PRIORITY_MIN: u16 = 101;
    pub const PPM_SC_SCHED_RR_GET_INTERVAL: u16 = 102;
    pub const PPM_SC_NANOSLEEP: u16 = 103;
    pub const PPM_SC_MREMAP: u16 = 104;
    pub const PPM_SC_POLL: u16 = 105;
    pub const PPM_SC_PRCTL: u16 = 106;
    pub const PPM_SC_RT_SIGACTION: u16 = 107;
    pub const PPM_SC_RT_SIGPROCMASK: u16 = 108;
    pub const PPM_SC_RT_SIGPENDING: u16 = 109;
    pub const PPM_SC_RT_SIGTIMEDWAIT: u16 = 110;
    pub const PPM_SC_RT_SIGQUEUEINFO: u16 = 111;
    pub const PPM_SC_RT_SIGSUSPEND: u16 = 112;
    pub const PPM_SC_GETCWD: u16 = 113;
    pub const PPM_SC_CAPGET: u16 = 114;
    pub const PPM_SC_CAPSET: u16 = 115;
    pub const PPM_SC_SENDFILE: u16 = 116;
    pub const PPM_SC_GETRLIMIT: u16 = 117;
    pub const PPM_SC_LCHOWN: u16 = 118;
    pub const PPM_SC_GETUID: u16 = 119;
    pub const PPM_SC_GETGID: u16 = 120;
    pub const PPM_SC_GETEUID: u16 = 121;
    pub const PPM_SC_GETEGID: u16 = 122;
    pub const PPM_SC_SETREUID: u16 = 123;
    pub const PPM_SC_SETREGID: u16 = 124;
    pub const PPM_SC_GETGROUPS: u16 = 125;
    pub const PPM_SC_SETGROUPS: u16 = 126;
    pub const PPM_SC_FCHOWN: u16 = 127;
    pub const PPM_SC_SETRESUID: u16 = 128;
    pub const PPM_SC_GETRESUID: u16 = 129;
    pub const PPM_SC_SETRESGID: u16 = 130;
    pub const PPM_SC_GETRESGID: u16 = 131;
    pub const PPM_SC_CHOWN: u16 = 132;
    pub const PPM_SC_SETUID: u16 = 133;
    pub const PPM_SC_SETGID: u16 = 134;
    pub const PPM_SC_SETFSUID: u16 = 135;
    pub const PPM_SC_SETFSGID: u16 = 136;
    pub const PPM_SC_PIVOT_ROOT: u16 = 137;
    pub const PPM_SC_MINCORE: u16 = 138;
    pub const PPM_SC_MADVISE: u16 = 139;
    pub const PPM_SC_GETTID: u16 = 140;
    pub const PPM_SC_SETXATTR: u16 = 141;
    pub const PPM_SC_LSETXATTR: u16 = 142;
    pub const PPM_SC_FSETXATTR: u16 = 143;
    pub const PPM_SC_GETXATTR: u16 = 144;
    pub const PPM_SC_LGETXATTR: u16 = 145;
    pub const PPM_SC_FGETXATTR: u16 = 146;
    pub const PPM_SC_LISTXATTR: u16 = 147;
    pub const PPM_SC_LLISTXATTR: u16 = 148;
    pub const PPM_SC_FLISTXATTR: u16 = 149;
    pub const PPM_SC_REMOVEXATTR: u16 = 150;
    pub const PPM_SC_LREMOVEXATTR: u16 = 151;
    pub const PPM_SC_FREMOVEXATTR: u16 = 152;
    pub const PPM_SC_TKILL: u16 = 153;
    pub const PPM_SC_FUTEX: u16 = 154;
    pub const PPM_SC_SCHED_SETAFFINITY: u16 = 155;
    pub const PPM_SC_SCHED_GETAFFINITY: u16 = 156;
    pub const PPM_SC_SET_THREAD_AREA: u16 = 157;
    pub const PPM_SC_GET_THREAD_AREA: u16 = 158;
    pub const PPM_SC_IO_SETUP: u16 = 159;
    pub const PPM_SC_IO_DESTROY: u16 = 160;
    pub const PPM_SC_IO_GETEVENTS: u16 = 161;
    pub const PPM_SC_IO_SUBMIT: u16 = 162;
    pub const PPM_SC_IO_CANCEL: u16 = 163;
    pub const PPM_SC_EXIT_GROUP: u16 = 164;
    pub const PPM_SC_EPOLL_CREATE: u16 = 165;
    pub const PPM_SC_EPOLL_CTL: u16 = 166;
    pub const PPM_SC_EPOLL_WAIT: u16 = 167;
    pub const PPM_SC_REMAP_FILE_PAGES: u16 = 168;
    pub const PPM_SC_SET_TID_ADDRESS: u16 = 169;
    pub const PPM_SC_TIMER_CREATE: u16 = 170;
    pub const PPM_SC_TIMER_SETTIME: u16 = 171;
    pub const PPM_SC_TIMER_GETTIME: u16 = 172;
    pub const PPM_SC_TIMER_GETOVERRUN: u16 = 173;
    pub const PPM_SC_TIMER_DELETE: u16 = 174;
    pub const PPM_SC_CLOCK_SETTIME: u16 = 175;
    pub const PPM_SC_CLOCK_GETTIME: u16 = 176;
    pub const PPM_SC_CLOCK_GETRES: u16 = 177;
    pub const PPM_SC_CLOCK_NANOSLEEP: u16 = 178;
    pub const PPM_SC_TGKILL: u16 = 179;
    pub const PPM_SC_UTIMES: u16 = 180;
    pub const PPM_SC_MQ_OPEN: u16 = 181;
    pub const PPM_SC_MQ_UNLINK: u16 = 182;
    pub const PPM_SC_MQ_TIMEDSEND: u16 = 183;
    pub const PPM_SC_MQ_TIMEDRECEIVE: u16 = 184;
    pub const PPM_SC_MQ_NOTIFY: u16 = 185;
    pub const PPM_SC_MQ_GETSETATTR: u16 = 186;
    pub const PPM_SC_KEXEC_LOAD: u16 = 187;
    pub const PPM_SC_WAITID: u16 = 188;
    pub const PPM_SC_ADD_KEY: u16 = 189;
    pub const PPM_SC_REQUEST_KEY: u16 = 190;
    pub const PPM_SC_KEYCTL: u16 = 191;
    pub const PPM_SC_IOPRIO_SET: u16 = 192;
    pub const PPM_SC_IOPRIO_GET: u16 = 193;
    pub const PPM_SC_INOTIFY_INIT: u16 = 194;
    pub const PPM_SC_INOTIFY_ADD_WATCH: u16 = 195;
    pub const PPM_SC_INOTIFY_RM_WATCH: u16 = 196;
    pub const PPM_SC_OPENAT: u16 = 197;
    pub const PPM_SC_MKDIRAT: u16 = 198;
    pub const PPM_SC_MKNODAT: u16 = 199;
    pub const PPM_SC_FCHOWNAT: u16 = 200;
    pub const PPM_SC_FUTIMESAT: u16 = 201;
    pub const PPM_SC_UNLINKAT: u16 = 202;
    pub const PPM_SC_RENAMEAT: u16 = 203;
    pub const PPM_SC_LINKAT: u16 = 204;
    pub const PPM_SC_SYMLINKAT: u16 = 205;
    pub const PPM_SC_READLINKAT: u16 = 206;
    pub const PPM_SC_FCHMODAT: u16 = 207;
    pub const PPM_SC_FACCESSAT: u16 = 208;
    pub const PPM_SC_PSELECT6: u16 = 209;
    pub const PPM_SC_PPOLL: u16 = 210;
    pub const PPM_SC_UNSHARE: u16 = 211;
    pub const PPM_SC_SET_ROBUST_LIST: u16 = 212;
    pub const PPM_SC_GET_ROBUST_LIST: u16 = 213;
    pub const PPM_SC_SPLICE: u16 = 214;
    pub const PPM_SC_TEE: u16 = 215;
    pub const PPM_SC_VMSPLICE: u16 = 216;
    pub const PPM_SC_GETCPU: u16 = 217;
    pub const PPM_SC_EPOLL_PWAIT: u16 = 218;
    pub const PPM_SC_UTIMENSAT: u16 = 219;
    pub const PPM_SC_SIGNALFD: u16 = 220;
    pub const PPM_SC_TIMERFD_CREATE: u16 = 221;
    pub const PPM_SC_EVENTFD: u16 = 222;
    pub const PPM_SC_TIMERFD_SETTIME: u16 = 223;
    pub const PPM_SC_TIMERFD_GETTIME: u16 = 224;
    pub const PPM_SC_SIGNALFD4: u16 = 225;
    pub const PPM_SC_EVENTFD2: u16 = 226;
    pub const PPM_SC_EPOLL_CREATE1: u16 = 227;
    pub const PPM_SC_DUP3: u16 = 228;
    pub const PPM_SC_PIPE2: u16 = 229;
    pub const PPM_SC_INOTIFY_INIT1: u16 = 230;
    pub const PPM_SC_PREADV: u16 = 231;
    pub const PPM_SC_PWRITEV: u16 = 232;
    pub const PPM_SC_RT_TGSIGQUEUEINFO: u16 = 233;
    pub const PPM_SC_PERF_EVENT_OPEN: u16 = 234;
    pub const PPM_SC_FANOTIFY_INIT: u16 = 235;
    pub const PPM_SC_PRLIMIT64: u16 = 236;
    pub const PPM_SC_CLOCK_ADJTIME: u16 = 237;
    pub const PPM_SC_SYNCFS: u16 = 238;
    pub const PPM_SC_SETNS: u16 = 239;
    pub const PPM_SC_GETDENTS64: u16 = 240;
    pub const PPM_SC_SOCKET: u16 = 241;
    pub const PPM_SC_BIND: u16 = 242;
    pub const PPM_SC_CONNECT: u16 = 243;
    pub const PPM_SC_LISTEN: u16 = 244;
    pub const PPM_SC_ACCEPT: u16 = 245;
    pub const PPM_SC_GETSOCKNAME: u16 = 246;
    pub const PPM_SC_GETPEERNAME: u16 = 247;
    pub const PPM_SC_SOCKETPAIR: u16 = 248;
    pub const PPM_SC_SENDTO: u16 = 249;
    pub const PPM_SC_RECVFROM: u16 = 250;
    pub const PPM_SC_SHUTDOWN: u16 = 251;
    pub const PPM_SC_SETSOCKOPT: u16 = 252;
    pub const PPM_SC_GETSOCKOPT: u16 = 253;
    pub const PPM_SC_SENDMSG: u16 = 254;
    pub const PPM_SC_SENDMMSG: u16 = 255;
    pub const PPM_SC_RECVMSG: u16 = 256;
    pub const PPM_SC_RECVMMSG: u16 = 257;
    pub const PPM_SC_ACCEPT4: u16 = 258;
    pub const PPM_SC_SEMOP: u16 = 259;
    pub const PPM_SC_SEMGET: u16 = 260;
    pub const PPM_SC_SEMCTL: u16 = 261;
    pub const PPM_SC_MSGSND: u16 = 262;
    pub const PPM_SC_MSGRCV: u16 = 263;
    pub const PPM_SC_MSGGET: u16 = 264;
    pub const PPM_SC_MSGCTL: u16 = 265;
    pub const PPM_SC_SHMDT: u16 = 266;
    pub const PPM_SC_SHMGET: u16 = 267;
    pub const PPM_SC_SHMCTL: u16 = 268;
    pub const PPM_SC_STATFS64: u16 = 269;
    pub const PPM_SC_FSTATFS64: u16 = 270;
    pub const PPM_SC_FSTATAT64: u16 = 271;
    pub const PPM_SC_SENDFILE64: u16 = 272;
    pub const PPM_SC_UGETRLIMIT: u16 = 273;
    pub const PPM_SC_BDFLUSH: u16 = 274;
    pub const PPM_SC_SIGPROCMASK: u16 = 275;
    pub const PPM_SC_IPC: u16 = 276;
    pub const PPM_SC_SOCKETCALL: u16 = 277;
    pub const PPM_SC_STAT64: u16 = 278;
    pub const PPM_SC_LSTAT64: u16 = 279;
    pub const PPM_SC_FSTAT64: u16 = 280;
    pub const PPM_SC_FCNTL64: u16 = 281;
    pub const PPM_SC_MMAP2: u16 = 282;
    pub const PPM_SC__NEWSELECT: u16 = 283;
    pub const PPM_SC_SGETMASK: u16 = 284;
    pub const PPM_SC_SSETMASK: u16 = 285;
    pub const PPM_SC_SIGPENDING: u16 = 286;
    pub const PPM_SC_OLDUNAME: u16 = 287;
    pub const PPM_SC_UMOUNT: u16 = 288;
    pub const PPM_SC_SIGNAL: u16 = 289;
    pub const PPM_SC_NICE: u16 = 290;
    pub const PPM_SC_STIME: u16 = 291;
    pub const PPM_SC__LLSEEK: u16 = 292;
    pub const PPM_SC_WAITPID: u16 = 293;
    pub const PPM_SC_PREAD64: u16 = 294;
    pub const PPM_SC_PWRITE64: u16 = 295;
    pub const PPM_SC_ARCH_PRCTL: u16 = 296;
    pub const PPM_SC_SHMAT: u16 = 297;
    pub const PPM_SC_RT_SIGRETURN: u16 = 298;
    pub const PPM_SC_FALLOCATE: u16 = 299;
    pub const PPM_SC_NEWFSTATAT: u16 = 300;
    pub const PPM_SC_PROCESS_VM_READV: u16 = 301;
    pub const PPM_SC_PROCESS_VM_WRITEV: u16 = 302;
    pub const PPM_SC_FORK: u16 = 303;
    pub const PPM_SC_VFORK: u16 = 304;
    pub const PPM_SC_SETUID32: u16 = 305;
    pub const PPM_SC_GETUID32: u16 = 306;
    pub const PPM_SC_SETGID32: u16 = 307;
    pub const PPM_SC_GETEUID32: u16 = 308;
    pub const PPM_SC_GETGID32: u16 = 309;
    pub const PPM_SC_SETRESUID32: u16 = 310;
    pub const PPM_SC_SETRESGID32: u16 = 311;
    pub const PPM_SC_GETRESUID32: u16 = 312;
    pub const PPM_SC_GETRESGID32: u16 = 313;
    pub const PPM_SC_FINIT_MODULE: u16 = 314;
    pub const PPM_SC_BPF: u16 = 315;
    pub const PPM_SC_SECCOMP: u16 = 316;
    pub const PPM_SC_SIGALTSTACK: u16 = 317;
    pub const PPM_SC_GETRANDOM: u16 = 318;
    pub const PPM_SC_FADVISE64: u16 = 319;
    pub const PPM_SC_RENAMEAT2: u16 = 320;
    pub const PPM_SC_USERFAULTFD: u16 = 321;
    pub const PPM_SC_OPENAT2: u16 = 322;
    pub const PPM_SC_UMOUNT2: u16 = 323;
    pub const PPM_SC_EXECVE: u16 = 324;
    pub const PPM_SC_EXECVEAT: u16 = 325;
    pub const PPM_SC_COPY_FILE_RANGE: u16 = 326;
    pub const PPM_SC_CLONE: u16 = 327;
    pub const PPM_SC_CLONE3: u16 = 328;
    pub const PPM_SC_OPEN_BY_HANDLE_AT: u16 = 329;
    pub const PPM_SC_IO_URING_SETUP: u16 = 330;
    pub const PPM_SC_IO_URING_ENTER: u16 = 331;
    pub const PPM_SC_IO_URING_REGISTER: u16 = 332;
    pub const PPM_SC_MLOCK2: u16 = 333;
    pub const PPM_SC_GETEGID32: u16 = 334;
    pub const PPM_SC_FSCONFIG: u16 = 335;
    pub const PPM_SC_FSPICK: u16 = 336;
    pub const PPM_SC_FSMOUNT: u16 = 337;
    pub const PPM_SC_FSOPEN: u16 = 338;
    pub const PPM_SC_OPEN_TREE: u16 = 339;
    pub const PPM_SC_MOVE_MOUNT: u16 = 340;
    pub const PPM_SC_MOUNT_SETATTR: u16 = 341;
    pub const PPM_SC_MEMFD_CREATE: u16 = 342;
    pub const PPM_SC_MEMFD_SECRET: u16 = 343;
    pub const PPM_SC_IOPERM: u16 = 344;
    pub const PPM_SC_KEXEC_FILE_LOAD: u16 = 345;
    pub const PPM_SC_PIDFD_GETFD: u16 = 346;
    pub const PPM_SC_PIDFD_OPEN: u16 = 347;
    pub const PPM_SC_PIDFD_SEND_SIGNAL: u16 = 348;
    pub const PPM_SC_PKEY_ALLOC: u16 = 349;
    pub const PPM_SC_PKEY_MPROTECT: u16 = 350;
    pub const PPM_SC_PKEY_FREE: u16 = 351;
    pub const PPM_SC_LANDLOCK_CREATE_RULESET: u16 = 352;
    pub const PPM_SC_QUOTACTL_FD: u16 = 353;
    pub const PPM_SC_LANDLOCK_RESTRICT_SELF: u16 = 354;
    pub const PPM_SC_LANDLOCK_ADD_RULE: u16 = 355;
    pub const PPM_SC_EPOLL_PWAIT2: u16 = 356;
    pub const PPM_SC_MIGRATE_PAGES: u16 = 357;
    pub const PPM_SC_MOVE_PAGES: u16 = 358;
    pub const PPM_SC_PREADV2: u16 = 359;
    pub const PPM_SC_PWRITEV2: u16 = 360;
    pub const PPM_SC_KCMP: u16 = 361;
    pub const PPM_SC_SCHED_SETATTR: u16 = 362;
    pub const PPM_SC_MBIND: u16 = 363;
    pub const PPM_SC_EPOLL_CTL_OLD: u16 = 364;
    pub const PPM_SC_LOOKUP_DCOOKIE: u16 = 365;
    pub const PPM_SC_MODIFY_LDT: u16 = 366;
    pub const PPM_SC_STATX: u16 = 367;
    pub const PPM_SC_SET_MEMPOLICY: u16 = 368;
    pub const PPM_SC_IO_PGETEVENTS: u16 = 369;
    pub const PPM_SC_SET_MEMPOLICY_HOME_NODE: u16 = 370;
    pub const PPM_SC_SEMTIMEDOP: u16 = 371;
    pub const PPM_SC_GET_KERNEL_SYMS: u16 = 372;
    pub const PPM_SC_READAHEAD: u16 = 373;
    pub const PPM_SC_FUTEX_WAITV: u16 = 374;
    pub const PPM_SC_GETPMSG: u16 = 375;
    pub const PPM_SC_NAME_TO_HANDLE_AT: u16 = 376;
    pub const PPM_SC_PROCESS_MRELEASE: u16 = 377;
    pub const PPM_SC_NFSSERVCTL: u16 = 378;
    pub const PPM_SC_EPOLL_WAIT_OLD: u16 = 379;
    pub const PPM_SC_RSEQ: u16 = 380;
    pub const PPM_SC_CREATE_MODULE: u16 = 381;
    pub const PPM_SC_SCHED_GETATTR: u16 = 383;
    pub const PPM_SC_FACCESSAT2: u16 = 384;
    pub const PPM_SC__SYSCTL: u16 = 385;
    pub const PPM_SC_QUERY_MODULE: u16 = 386;
    pub const PPM_SC_GET_MEMPOLICY: u16 = 387;
    pub const PPM_SC_SYNC_FILE_RANGE: u16 = 388;
    pub const PPM_SC_PROCESS_MADVISE: u16 = 389;
    pub const PPM_SC_MEMBARRIER: u16 = 390;
    pub const PPM_SC_IOPL: u16 = 391;
    pub const PPM_SC_CLOSE_RANGE: u16 = 392;
    pub const PPM_SC_FANOTIFY_MARK: u16 = 393;
    pub const PPM_SC_RECV: u16 = 394;
    pub const PPM_SC_SEND: u16 = 395;
    pub const PPM_SC_SCHED_PROCESS_EXIT: u16 = 396;
    pub const PPM_SC_SCHED_SWITCH: u16 = 397;
    pub const PPM_SC_PAGE_FAULT_USER: u16 = 398;
    pub const PPM_SC_PAGE_FAULT_KERNEL: u16 = 399;
    pub const PPM_SC_SIGNAL_DELIVER: u16 = 400;
    pub const PPM_SC_TIMERFD: u16 = 401;
    pub const PPM_SC_S390_PCI_MMIO_READ: u16 = 402;
    pub const PPM_SC_SIGACTION: u16 = 403;
    pub const PPM_SC_S390_PCI_MMIO_WRITE: u16 = 404;
    pub const PPM_SC_READDIR: u16 = 405;
    pub const PPM_SC_S390_STHYI: u16 = 406;
    pub const PPM_SC_SIGSUSPEND: u16 = 407;
    pub const PPM_SC_IDLE: u16 = 408;
    pub const PPM_SC_S390_RUNTIME_INSTR: u16 = 409;
    pub const PPM_SC_SIGRETURN: u16 = 410;
    pub const PPM_SC_S390_GUARDED_STORAGE: u16 = 411;
    pub const PPM_SC_CACHESTAT: u16 = 412;
    pub const PPM_SC_FCHMODAT2: u16 = 413;
    pub const PPM_SC_MAP_SHADOW_STACK: u16 = 414;
    pub const PPM_SC_RISCV_FLUSH_ICACHE: u16 = 415;
    pub const PPM_SC_RISCV_HWPROBE: u16 = 416;
    pub const PPM_SC_FUTEX_WAKE: u16 = 417;
    pub const PPM_SC_FUTEX_REQUEUE: u16 = 418;
    pub const PPM_SC_FUTEX_WAIT: u16 = 419;
    pub const PPM_SC_OLDSTAT: u16 = 420;
    pub const PPM_SC_SWITCH_ENDIAN: u16 = 421;
    pub const PPM_SC_MULTIPLEXER: u16 = 422;
    pub const PPM_SC_OLDLSTAT: u16 = 423;
    pub const PPM_SC_SPU_CREATE: u16 = 424;
    pub const PPM_SC_SYNC_FILE_RANGE2: u16 = 425;
    pub const PPM_SC_OLDFSTAT: u16 = 426;
    pub const PPM_SC_SPU_RUN: u16 = 427;
    pub const PPM_SC_SWAPCONTEXT: u16 = 428;
    pub const PPM_SC_PCICONFIG_WRITE: u16 = 429;
    pub const PPM_SC_RTAS: u16 = 430;
    pub const PPM_SC_PCICONFIG_READ: u16 = 431;
    pub const PPM_SC_SYS_DEBUG_SETCONTEXT: u16 = 432;
    pub const PPM_SC_VM86: u16 = 433;
    pub const PPM_SC_OLDOLDUNAME: u16 = 434;
    pub const PPM_SC_SUBPAGE_PROT: u16 = 435;
    pub const PPM_SC_PCICONFIG_IOBASE: u16 = 436;
    pub const PPM_SC_LISTMOUNT: u16 = 437;
    pub const PPM_SC_STATMOUNT: u16 = 438;
    pub const PPM_SC_LSM_GET_SELF_ATTR: u16 = 439;
    pub const PPM_SC_LSM_SET_SELF_ATTR: u16 = 440;
    pub const PPM_SC_LSM_LIST_MODULES: u16 = 441;
    pub const PPM_SC_MSEAL: u16 = 442;
    pub const PPM_SC_URETPROBE: u16 = 443;
    pub const PPM_SC_REMOVEXATTRAT: u16 = 444;
    pub const PPM_SC_LISTXATTRAT: u16 = 445;
    pub const PPM_SC_GETXATTRAT: u16 = 446;
    pub const PPM_SC_SETXATTRAT: u16 = 447;
    pub const PPM_SC_OPEN_TREE_ATTR: u16 = 448;
    pub const PPM_SC_FILE_GETATTR: u16 = 449;
    pub const PPM_SC_FILE_SETATTR: u16 = 450;
    pub const PPM_SC_LISTNS: u16 = 451;
    pub const PPM_SC_UPROBE: u16 = 452;
    pub const PPM_SC_RSEQ_SLICE_YIELD: u16 = 453;
}

/// Number of `PPM_SC_*` ids.
pub const PPM_SC_MAX: usize = 454;

/// Name of each `PPM_SC_*` id (lowercase, as upstream prints it); empty for unassigned ids.
pub static PPM_SC_NAMES: [&str; PPM_SC_MAX] = [
    // 0
    "unknown",
    "restart_syscall",
    "exit",
    "read",
    "write",
    "open",
    "close",
    "creat",
    "link",
    "unlink",
    // 10
    "chdir",
    "time",
    "mknod",
    "chmod",
    "stat",
    "lseek",
    "getpid",
    "mount",
    "ptrace",
    "alarm",
    // 20
    "fstat",
    "pause",
    "utime",
    "access",
    "sync",
    "kill",
    "rename",
    "mkdir",
    "rmdir",
    "dup",
    // 30
    "pipe",
    "times",
    "brk",
    "acct",
    "ioctl",
    "fcntl",
    "setpgid",
    "umask",
    "chroot",
    "ustat",
    // 40
    "dup2",
    "getppid",
    "getpgrp",
    "setsid",
    "sethostname",
    "setrlimit",
    "getrusage",
    "gettimeofday",
    "settimeofday",
    "symlink",
    // 50
    "lstat",
    "readlink",
    "uselib",
    "swapon",
    "reboot",
    "mmap",
    "munmap",
    "truncate",
    "ftruncate",
    "fchmod",
    // 60
    "getpriority",
    "setpriority",
    "statfs",
    "fstatfs",
    "syslog",
    "setitimer",
    "getitimer",
    "uname",
    "vhangup",
    "wait4",
    // 70
    "swapoff",
    "sysinfo",
    "fsync",
    "setdomainname",
    "adjtimex",
    "mprotect",
    "init_module",
    "delete_module",
    "quotactl",
    "getpgid",
    // 80
    "fchdir",
    "sysfs",
    "personality",
    "getdents",
    "select",
    "flock",
    "msync",
    "readv",
    "writev",
    "getsid",
    // 90
    "fdatasync",
    "mlock",
    "munlock",
    "mlockall",
    "munlockall",
    "sched_setparam",
    "sched_getparam",
    "sched_setscheduler",
    "sched_getscheduler",
    "sched_yield",
    // 100
    "sched_get_priority_max",
    "sched_get_priority_min",
    "sched_rr_get_interval",
    "nanosleep",
    "mremap",
    "poll",
    "prctl",
    "rt_sigaction",
    "rt_sigprocmask",
    "rt_sigpending",
    // 110
    "rt_sigtimedwait",
    "rt_sigqueueinfo",
    "rt_sigsuspend",
    "getcwd",
    "capget",
    "capset",
    "sendfile",
    "getrlimit",
    "lchown",
    "getuid",
    // 120
    "getgid",
    "geteuid",
    "getegid",
    "setreuid",
    "setregid",
    "getgroups",
    "setgroups",
    "fchown",
    "setresuid",
    "getresuid",
    // 130
    "setresgid",
    "getresgid",
    "chown",
    "setuid",
    "setgid",
    "setfsuid",
    "setfsgid",
    "pivot_root",
    "mincore",
    "madvise",
    // 140
    "gettid",
    "setxattr",
    "lsetxattr",
    "fsetxattr",
    "getxattr",
    "lgetxattr",
    "fgetxattr",
    "listxattr",
    "llistxattr",
    "flistxattr",
    // 150
    "removexattr",
    "lremovexattr",
    "fremovexattr",
    "tkill",
    "futex",
    "sched_setaffinity",
    "sched_getaffinity",
    "set_thread_area",
    "get_thread_area",
    "io_setup",
    // 160
    "io_destroy",
    "io_getevents",
    "io_submit",
    "io_cancel",
    "exit_group",
    "epoll_create",
    "epoll_ctl",
    "epoll_wait",
    "remap_file_pages",
    "set_tid_address",
    // 170
    "timer_create",
    "timer_settime",
    "timer_gettime",
    "timer_getoverrun",
    "timer_delete",
    "clock_settime",
    "clock_gettime",
    "clock_getres",
    "clock_nanosleep",
    "tgkill",
    // 180
    "utimes",
    "mq_open",
    "mq_unlink",
    "mq_timedsend",
    "mq_timedreceive",
    "mq_notify",
    "mq_getsetattr",
    "kexec_load",
    "waitid",
    "add_key",
    // 190
    "request_key",
    "keyctl",
    "ioprio_set",
    "ioprio_get",
    "inotify_init",
    "inotify_add_watch",
    "inotify_rm_watch",
    "openat",
    "mkdirat",
    "mknodat",
    // 200
    "fchownat",
    "futimesat",
    "unlinkat",
    "renameat",
    "linkat",
    "symlinkat",
    "readlinkat",
    "fchmodat",
    "faccessat",
    "pselect6",
    // 210
    "ppoll",
    "unshare",
    "set_robust_list",
    "get_robust_list",
    "splice",
    "tee",
    "vmsplice",
    "getcpu",
    "epoll_pwait",
    "utimensat",
    // 220
    "signalfd",
    "timerfd_create",
    "eventfd",
    "timerfd_settime",
    "timerfd_gettime",
    "signalfd4",
    "eventfd2",
    "epoll_create1",
    "dup3",
    "pipe2",
    // 230
    "inotify_init1",
    "preadv",
    "pwritev",
    "rt_tgsigqueueinfo",
    "perf_event_open",
    "fanotify_init",
    "prlimit64",
    "clock_adjtime",
    "syncfs",
    "setns",
    // 240
    "getdents64",
    "socket",
    "bind",
    "connect",
    "listen",
    "accept",
    "getsockname",
    "getpeername",
    "socketpair",
    "sendto",
    // 250
    "recvfrom",
    "shutdown",
    "setsockopt",
    "getsockopt",
    "sendmsg",
    "sendmmsg",
    "recvmsg",
    "recvmmsg",
    "accept4",
    "semop",
    // 260
    "semget",
    "semctl",
    "msgsnd",
    "msgrcv",
    "msgget",
    "msgctl",
    "shmdt",
    "shmget",
    "shmctl",
    "statfs64",
    // 270
    "fstatfs64",
    "fstatat64",
    "sendfile64",
    "ugetrlimit",
    "bdflush",
    "sigprocmask",
    "ipc",
    "socketcall",
    "stat64",
    "lstat64",
    // 280
    "fstat64",
    "fcntl64",
    "mmap2",
    "_newselect",
    "sgetmask",
    "ssetmask",
    "sigpending",
    "olduname",
    "umount",
    "signal",
    // 290
    "nice",
    "stime",
    "_llseek",
    "waitpid",
    "pread64",
    "pwrite64",
    "arch_prctl",
    "shmat",
    "rt_sigreturn",
    "fallocate",
    // 300
    "newfstatat",
    "process_vm_readv",
    "process_vm_writev",
    "fork",
    "vfork",
    "setuid32",
    "getuid32",
    "setgid32",
    "geteuid32",
    "getgid32",
    // 310
    "setresuid32",
    "setresgid32",
    "getresuid32",
    "getresgid32",
    "finit_module",
    "bpf",
    "seccomp",
    "sigaltstack",
    "getrandom",
    "fadvise64",
    // 320
    "renameat2",
    "userfaultfd",
    "openat2",
    "umount2",
    "execve",
    "execveat",
    "copy_file_range",
    "clone",
    "clone3",
    "open_by_handle_at",
    // 330
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "mlock2",
    "getegid32",
    "fsconfig",
    "fspick",
    "fsmount",
    "fsopen",
    "open_tree",
    // 340
    "move_mount",
    "mount_setattr",
    "memfd_create",
    "memfd_secret",
    "ioperm",
    "kexec_file_load",
    "pidfd_getfd",
    "pidfd_open",
    "pidfd_send_signal",
    "pkey_alloc",
    // 350
    "pkey_mprotect",
    "pkey_free",
    "landlock_create_ruleset",
    "quotactl_fd",
    "landlock_restrict_self",
    "landlock_add_rule",
    "epoll_pwait2",
    "migrate_pages",
    "move_pages",
    "preadv2",
    // 360
    "pwritev2",
    "kcmp",
    "sched_setattr",
    "mbind",
    "epoll_ctl_old",
    "lookup_dcookie",
    "modify_ldt",
    "statx",
    "set_mempolicy",
    "io_pgetevents",
    // 370
    "set_mempolicy_home_node",
    "semtimedop",
    "get_kernel_syms",
    "readahead",
    "futex_waitv",
    "getpmsg",
    "name_to_handle_at",
    "process_mrelease",
    "nfsservctl",
    "epoll_wait_old",
    // 380
    "rseq",
    "create_module",
    "",
    "sched_getattr",
    "faccessat2",
    "_sysctl",
    "query_module",
    "get_mempolicy",
    "sync_file_range",
    "process_madvise",
    // 390
    "membarrier",
    "iopl",
    "close_range",
    "fanotify_mark",
    "recv",
    "send",
    "sched_process_exit",
    "sched_switch",
    "page_fault_user",
    "page_fault_kernel",
    // 400
    "signal_deliver",
    "timerfd",
    "s390_pci_mmio_read",
    "sigaction",
    "s390_pci_mmio_write",
    "readdir",
    "s390_sthyi",
    "sigsuspend",
    "idle",
    "s390_runtime_instr",
    // 410
    "sigreturn",
    "s390_guarded_storage",
    "cachestat",
    "fchmodat2",
    "map_shadow_stack",
    "riscv_flush_icache",
    "riscv_hwprobe",
    "futex_wake",
    "futex_requeue",
    "futex_wait",
    // 420
    "oldstat",
    "switch_endian",
    "multiplexer",
    "oldlstat",
    "spu_create",
    "sync_file_range2",
    "oldfstat",
    "spu_run",
    "swapcontext",
    "pciconfig_write",
    // 430
    "rtas",
    "pciconfig_read",
    "sys_debug_setcontext",
    "vm86",
    "oldolduname",
    "subpage_prot",
    "pciconfig_iobase",
    "listmount",
    "statmount",
    "lsm_get_self_attr",
    // 440
    "lsm_set_self_attr",
    "lsm_list_modules",
    "mseal",
    "uretprobe",
    "removexattrat",
    "listxattrat",
    "getxattrat",
    "setxattrat",
    "open_tree_attr",
    "file_getattr",
    // 450
    "file_setattr",
    "listns",
    "uprobe",
    "rseq_slice_yield",
];

/// The name of `PPM_SC_*` id `id`, `None` when the id is out of range or unassigned.
pub fn sc_name(id: u16) -> Option<&'static str> {
    match PPM_SC_NAMES.get(id as usize) {
        Some(&"") | None => None,
        Some(name) => Some(name),
    }
}

/// Architectures with a syscall table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Arch {
    /// x86-64.
    X86_64,
    /// AArch64 (arm64).
    Aarch64,
}

/// The syscall table of `arch`, sorted by native number.
pub fn table(arch: Arch) -> &'static [SyscallEntry] {
    match arch {
        Arch::X86_64 => X86_64,
        Arch::Aarch64 => AARCH64,
    }
}

/// A syscall without a dedicated event: written as `PPME_GENERIC_E/X`.
const fn g(nr: u16, ppm_sc: u16) -> SyscallEntry {
    s(nr, ppm_sc, PPME_GENERIC_E, PPME_GENERIC_X, NONE)
}

/// The x86_64 table.
pub static X86_64: &[SyscallEntry] = &[
    s(
        0,
        PPM_SC_READ,
        PPME_SYSCALL_READ_E,
        PPME_SYSCALL_READ_X,
        USED,
    ),
    s(
        1,
        PPM_SC_WRITE,
        PPME_SYSCALL_WRITE_E,
        PPME_SYSCALL_WRITE_X,
        USED,
    ),
    s(
        2,
        PPM_SC_OPEN,
        PPME_SYSCALL_OPEN_E,
        PPME_SYSCALL_OPEN_X,
        USED | NEVER_DROP,
    ),
    s(
        3,
        PPM_SC_CLOSE,
        PPME_SYSCALL_CLOSE_E,
        PPME_SYSCALL_CLOSE_X,
        USED | NEVER_DROP,
    ),
    s(
        4,
        PPM_SC_STAT,
        PPME_SYSCALL_STAT_E,
        PPME_SYSCALL_STAT_X,
        USED | ALWAYS_DROP,
    ),
    s(
        5,
        PPM_SC_FSTAT,
        PPME_SYSCALL_FSTAT_E,
        PPME_SYSCALL_FSTAT_X,
        USED | ALWAYS_DROP,
    ),
    s(
        6,
        PPM_SC_LSTAT,
        PPME_SYSCALL_LSTAT_E,
        PPME_SYSCALL_LSTAT_X,
        USED | ALWAYS_DROP,
    ),
    s(
        7,
        PPM_SC_POLL,
        PPME_SYSCALL_POLL_E,
        PPME_SYSCALL_POLL_X,
        USED | ALWAYS_DROP,
    ),
    s(
        8,
        PPM_SC_LSEEK,
        PPME_SYSCALL_LSEEK_E,
        PPME_SYSCALL_LSEEK_X,
        USED | ALWAYS_DROP,
    ),
    s(
        9,
        PPM_SC_MMAP,
        PPME_SYSCALL_MMAP_E,
        PPME_SYSCALL_MMAP_X,
        USED,
    ),
    s(
        10,
        PPM_SC_MPROTECT,
        PPME_SYSCALL_MPROTECT_E,
        PPME_SYSCALL_MPROTECT_X,
        USED,
    ),
    s(
        11,
        PPM_SC_MUNMAP,
        PPME_SYSCALL_MUNMAP_E,
        PPME_SYSCALL_MUNMAP_X,
        USED | ALWAYS_DROP,
    ),
    s(
        12,
        PPM_SC_BRK,
        PPME_SYSCALL_BRK_4_E,
        PPME_SYSCALL_BRK_4_X,
        USED | ALWAYS_DROP,
    ),
    g(13, PPM_SC_RT_SIGACTION),
    g(14, PPM_SC_RT_SIGPROCMASK),
    g(15, PPM_SC_RT_SIGRETURN),
    s(
        16,
        PPM_SC_IOCTL,
        PPME_SYSCALL_IOCTL_3_E,
        PPME_SYSCALL_IOCTL_3_X,
        USED | ALWAYS_DROP,
    ),
    s(
        17,
        PPM_SC_PREAD64,
        PPME_SYSCALL_PREAD_E,
        PPME_SYSCALL_PREAD_X,
        USED,
    ),
    s(
        18,
        PPM_SC_PWRITE64,
        PPME_SYSCALL_PWRITE_E,
        PPME_SYSCALL_PWRITE_X,
        USED,
    ),
    s(
        19,
        PPM_SC_READV,
        PPME_SYSCALL_READV_E,
        PPME_SYSCALL_READV_X,
        USED,
    ),
    s(
        20,
        PPM_SC_WRITEV,
        PPME_SYSCALL_WRITEV_E,
        PPME_SYSCALL_WRITEV_X,
        USED,
    ),
    s(
        21,
        PPM_SC_ACCESS,
        PPME_SYSCALL_ACCESS_E,
        PPME_SYSCALL_ACCESS_X,
        USED | ALWAYS_DROP,
    ),
    s(
        22,
        PPM_SC_PIPE,
        PPME_SYSCALL_PIPE_E,
        PPME_SYSCALL_PIPE_X,
        USED | NEVER_DROP,
    ),
    s(
        23,
        PPM_SC_SELECT,
        PPME_SYSCALL_SELECT_E,
        PPME_SYSCALL_SELECT_X,
        USED | ALWAYS_DROP,
    ),
    g(24, PPM_SC_SCHED_YIELD),
    g(25, PPM_SC_MREMAP),
    g(26, PPM_SC_MSYNC),
    g(27, PPM_SC_MINCORE),
    g(28, PPM_SC_MADVISE),
    g(29, PPM_SC_SHMGET),
    g(30, PPM_SC_SHMAT),
    g(31, PPM_SC_SHMCTL),
    s(
        32,
        PPM_SC_DUP,
        PPME_SYSCALL_DUP_1_E,
        PPME_SYSCALL_DUP_1_X,
        USED | NEVER_DROP,
    ),
    s(
        33,
        PPM_SC_DUP2,
        PPME_SYSCALL_DUP2_E,
        PPME_SYSCALL_DUP2_X,
        USED | NEVER_DROP,
    ),
    g(34, PPM_SC_PAUSE),
    s(
        35,
        PPM_SC_NANOSLEEP,
        PPME_SYSCALL_NANOSLEEP_E,
        PPME_SYSCALL_NANOSLEEP_X,
        USED | ALWAYS_DROP,
    ),
    g(36, PPM_SC_GETITIMER),
    g(37, PPM_SC_ALARM),
    g(38, PPM_SC_SETITIMER),
    g(39, PPM_SC_GETPID),
    s(
        40,
        PPM_SC_SENDFILE,
        PPME_SYSCALL_SENDFILE_E,
        PPME_SYSCALL_SENDFILE_X,
        USED,
    ),
    s(
        41,
        PPM_SC_SOCKET,
        PPME_SOCKET_SOCKET_E,
        PPME_SOCKET_SOCKET_X,
        USED | NEVER_DROP,
    ),
    s(
        42,
        PPM_SC_CONNECT,
        PPME_SOCKET_CONNECT_E,
        PPME_SOCKET_CONNECT_X,
        USED,
    ),
    s(
        43,
        PPM_SC_ACCEPT,
        PPME_SOCKET_ACCEPT_5_E,
        PPME_SOCKET_ACCEPT_5_X,
        USED,
    ),
    s(
        44,
        PPM_SC_SENDTO,
        PPME_SOCKET_SENDTO_E,
        PPME_SOCKET_SENDTO_X,
        USED,
    ),
    s(
        45,
        PPM_SC_RECVFROM,
        PPME_SOCKET_RECVFROM_E,
        PPME_SOCKET_RECVFROM_X,
        USED,
    ),
    s(
        46,
        PPM_SC_SENDMSG,
        PPME_SOCKET_SENDMSG_E,
        PPME_SOCKET_SENDMSG_X,
        USED,
    ),
    s(
        47,
        PPM_SC_RECVMSG,
        PPME_SOCKET_RECVMSG_E,
        PPME_SOCKET_RECVMSG_X,
        USED,
    ),
    s(
        48,
        PPM_SC_SHUTDOWN,
        PPME_SOCKET_SHUTDOWN_E,
        PPME_SOCKET_SHUTDOWN_X,
        USED,
    ),
    s(
        49,
        PPM_SC_BIND,
        PPME_SOCKET_BIND_E,
        PPME_SOCKET_BIND_X,
        USED | NEVER_DROP,
    ),
    s(
        50,
        PPM_SC_LISTEN,
        PPME_SOCKET_LISTEN_E,
        PPME_SOCKET_LISTEN_X,
        USED,
    ),
    s(
        51,
        PPM_SC_GETSOCKNAME,
        PPME_SOCKET_GETSOCKNAME_E,
        PPME_SOCKET_GETSOCKNAME_X,
        USED | ALWAYS_DROP,
    ),
    s(
        52,
        PPM_SC_GETPEERNAME,
        PPME_SOCKET_GETPEERNAME_E,
        PPME_SOCKET_GETPEERNAME_X,
        USED | ALWAYS_DROP,
    ),
    s(
        53,
        PPM_SC_SOCKETPAIR,
        PPME_SOCKET_SOCKETPAIR_E,
        PPME_SOCKET_SOCKETPAIR_X,
        USED | NEVER_DROP,
    ),
    s(
        54,
        PPM_SC_SETSOCKOPT,
        PPME_SOCKET_SETSOCKOPT_E,
        PPME_SOCKET_SETSOCKOPT_X,
        USED,
    ),
    s(
        55,
        PPM_SC_GETSOCKOPT,
        PPME_SOCKET_GETSOCKOPT_E,
        PPME_SOCKET_GETSOCKOPT_X,
        USED,
    ),
    s(
        56,
        PPM_SC_CLONE,
        PPME_SYSCALL_CLONE_20_E,
        PPME_SYSCALL_CLONE_20_X,
        USED | NEVER_DROP,
    ),
    s(
        57,
        PPM_SC_FORK,
        PPME_SYSCALL_FORK_20_E,
        PPME_SYSCALL_FORK_20_X,
        USED | NEVER_DROP,
    ),
    s(
        58,
        PPM_SC_VFORK,
        PPME_SYSCALL_VFORK_20_E,
        PPME_SYSCALL_VFORK_20_X,
        USED | NEVER_DROP,
    ),
    s(
        59,
        PPM_SC_EXECVE,
        PPME_SYSCALL_EXECVE_19_E,
        PPME_SYSCALL_EXECVE_19_X,
        USED | NEVER_DROP,
    ),
    g(60, PPM_SC_EXIT),
    g(61, PPM_SC_WAIT4),
    s(
        62,
        PPM_SC_KILL,
        PPME_SYSCALL_KILL_E,
        PPME_SYSCALL_KILL_X,
        USED,
    ),
    g(63, PPM_SC_UNAME),
    s(
        64,
        PPM_SC_SEMGET,
        PPME_SYSCALL_SEMGET_E,
        PPME_SYSCALL_SEMGET_X,
        USED | ALWAYS_DROP,
    ),
    s(
        65,
        PPM_SC_SEMOP,
        PPME_SYSCALL_SEMOP_E,
        PPME_SYSCALL_SEMOP_X,
        USED | ALWAYS_DROP,
    ),
    s(
        66,
        PPM_SC_SEMCTL,
        PPME_SYSCALL_SEMCTL_E,
        PPME_SYSCALL_SEMCTL_X,
        USED | ALWAYS_DROP,
    ),
    g(67, PPM_SC_SHMDT),
    g(68, PPM_SC_MSGGET),
    g(69, PPM_SC_MSGSND),
    g(70, PPM_SC_MSGRCV),
    g(71, PPM_SC_MSGCTL),
    s(
        72,
        PPM_SC_FCNTL,
        PPME_SYSCALL_FCNTL_E,
        PPME_SYSCALL_FCNTL_X,
        USED,
    ),
    s(
        73,
        PPM_SC_FLOCK,
        PPME_SYSCALL_FLOCK_E,
        PPME_SYSCALL_FLOCK_X,
        USED | ALWAYS_DROP,
    ),
    g(74, PPM_SC_FSYNC),
    g(75, PPM_SC_FDATASYNC),
    g(76, PPM_SC_TRUNCATE),
    g(77, PPM_SC_FTRUNCATE),
    s(
        78,
        PPM_SC_GETDENTS,
        PPME_SYSCALL_GETDENTS_E,
        PPME_SYSCALL_GETDENTS_X,
        USED | ALWAYS_DROP,
    ),
    s(
        79,
        PPM_SC_GETCWD,
        PPME_SYSCALL_GETCWD_E,
        PPME_SYSCALL_GETCWD_X,
        USED | ALWAYS_DROP,
    ),
    s(
        80,
        PPM_SC_CHDIR,
        PPME_SYSCALL_CHDIR_E,
        PPME_SYSCALL_CHDIR_X,
        USED | NEVER_DROP,
    ),
    s(
        81,
        PPM_SC_FCHDIR,
        PPME_SYSCALL_FCHDIR_E,
        PPME_SYSCALL_FCHDIR_X,
        USED | NEVER_DROP,
    ),
    s(
        82,
        PPM_SC_RENAME,
        PPME_SYSCALL_RENAME_E,
        PPME_SYSCALL_RENAME_X,
        USED,
    ),
    s(
        83,
        PPM_SC_MKDIR,
        PPME_SYSCALL_MKDIR_2_E,
        PPME_SYSCALL_MKDIR_2_X,
        USED,
    ),
    s(
        84,
        PPM_SC_RMDIR,
        PPME_SYSCALL_RMDIR_2_E,
        PPME_SYSCALL_RMDIR_2_X,
        USED,
    ),
    s(
        85,
        PPM_SC_CREAT,
        PPME_SYSCALL_CREAT_E,
        PPME_SYSCALL_CREAT_X,
        USED | NEVER_DROP,
    ),
    s(
        86,
        PPM_SC_LINK,
        PPME_SYSCALL_LINK_2_E,
        PPME_SYSCALL_LINK_2_X,
        USED,
    ),
    s(
        87,
        PPM_SC_UNLINK,
        PPME_SYSCALL_UNLINK_2_E,
        PPME_SYSCALL_UNLINK_2_X,
        USED,
    ),
    s(
        88,
        PPM_SC_SYMLINK,
        PPME_SYSCALL_SYMLINK_E,
        PPME_SYSCALL_SYMLINK_X,
        USED,
    ),
    g(89, PPM_SC_READLINK),
    s(
        90,
        PPM_SC_CHMOD,
        PPME_SYSCALL_CHMOD_E,
        PPME_SYSCALL_CHMOD_X,
        USED,
    ),
    s(
        91,
        PPM_SC_FCHMOD,
        PPME_SYSCALL_FCHMOD_E,
        PPME_SYSCALL_FCHMOD_X,
        USED,
    ),
    s(
        92,
        PPM_SC_CHOWN,
        PPME_SYSCALL_CHOWN_E,
        PPME_SYSCALL_CHOWN_X,
        USED,
    ),
    s(
        93,
        PPM_SC_FCHOWN,
        PPME_SYSCALL_FCHOWN_E,
        PPME_SYSCALL_FCHOWN_X,
        USED,
    ),
    s(
        94,
        PPM_SC_LCHOWN,
        PPME_SYSCALL_LCHOWN_E,
        PPME_SYSCALL_LCHOWN_X,
        USED,
    ),
    g(95, PPM_SC_UMASK),
    g(96, PPM_SC_GETTIMEOFDAY),
    s(
        97,
        PPM_SC_GETRLIMIT,
        PPME_SYSCALL_GETRLIMIT_E,
        PPME_SYSCALL_GETRLIMIT_X,
        USED,
    ),
    g(98, PPM_SC_GETRUSAGE),
    g(99, PPM_SC_SYSINFO),
    g(100, PPM_SC_TIMES),
    s(
        101,
        PPM_SC_PTRACE,
        PPME_SYSCALL_PTRACE_E,
        PPME_SYSCALL_PTRACE_X,
        USED,
    ),
    s(
        102,
        PPM_SC_GETUID,
        PPME_SYSCALL_GETUID_E,
        PPME_SYSCALL_GETUID_X,
        USED,
    ),
    g(103, PPM_SC_SYSLOG),
    s(
        104,
        PPM_SC_GETGID,
        PPME_SYSCALL_GETGID_E,
        PPME_SYSCALL_GETGID_X,
        USED,
    ),
    s(
        105,
        PPM_SC_SETUID,
        PPME_SYSCALL_SETUID_E,
        PPME_SYSCALL_SETUID_X,
        USED,
    ),
    s(
        106,
        PPM_SC_SETGID,
        PPME_SYSCALL_SETGID_E,
        PPME_SYSCALL_SETGID_X,
        USED,
    ),
    s(
        107,
        PPM_SC_GETEUID,
        PPME_SYSCALL_GETEUID_E,
        PPME_SYSCALL_GETEUID_X,
        USED,
    ),
    s(
        108,
        PPM_SC_GETEGID,
        PPME_SYSCALL_GETEGID_E,
        PPME_SYSCALL_GETEGID_X,
        USED,
    ),
    s(
        109,
        PPM_SC_SETPGID,
        PPME_SYSCALL_SETPGID_E,
        PPME_SYSCALL_SETPGID_X,
        USED | ALWAYS_DROP,
    ),
    g(110, PPM_SC_GETPPID),
    g(111, PPM_SC_GETPGRP),
    s(
        112,
        PPM_SC_SETSID,
        PPME_SYSCALL_SETSID_E,
        PPME_SYSCALL_SETSID_X,
        USED,
    ),
    s(
        113,
        PPM_SC_SETREUID,
        PPME_SYSCALL_SETREUID_E,
        PPME_SYSCALL_SETREUID_X,
        USED,
    ),
    s(
        114,
        PPM_SC_SETREGID,
        PPME_SYSCALL_SETREGID_E,
        PPME_SYSCALL_SETREGID_X,
        USED,
    ),
    g(115, PPM_SC_GETGROUPS),
    g(116, PPM_SC_SETGROUPS),
    s(
        117,
        PPM_SC_SETRESUID,
        PPME_SYSCALL_SETRESUID_E,
        PPME_SYSCALL_SETRESUID_X,
        USED,
    ),
    s(
        118,
        PPM_SC_GETRESUID,
        PPME_SYSCALL_GETRESUID_E,
        PPME_SYSCALL_GETRESUID_X,
        USED,
    ),
    s(
        119,
        PPM_SC_SETRESGID,
        PPME_SYSCALL_SETRESGID_E,
        PPME_SYSCALL_SETRESGID_X,
        USED,
    ),
    s(
        120,
        PPM_SC_GETRESGID,
        PPME_SYSCALL_GETRESGID_E,
        PPME_SYSCALL_GETRESGID_X,
        USED,
    ),
    g(121, PPM_SC_GETPGID),
    g(122, PPM_SC_SETFSUID),
    g(123, PPM_SC_SETFSGID),
    g(124, PPM_SC_GETSID),
    g(125, PPM_SC_CAPGET),
    s(
        126,
        PPM_SC_CAPSET,
        PPME_SYSCALL_CAPSET_E,
        PPME_SYSCALL_CAPSET_X,
        USED,
    ),
    g(127, PPM_SC_RT_SIGPENDING),
    g(128, PPM_SC_RT_SIGTIMEDWAIT),
    g(129, PPM_SC_RT_SIGQUEUEINFO),
    g(130, PPM_SC_RT_SIGSUSPEND),
    g(131, PPM_SC_SIGALTSTACK),
    g(132, PPM_SC_UTIME),
    s(
        133,
        PPM_SC_MKNOD,
        PPME_SYSCALL_MKNOD_E,
        PPME_SYSCALL_MKNOD_X,
        USED,
    ),
    g(135, PPM_SC_PERSONALITY),
    g(136, PPM_SC_USTAT),
    g(137, PPM_SC_STATFS),
    g(138, PPM_SC_FSTATFS),
    g(139, PPM_SC_SYSFS),
    g(140, PPM_SC_GETPRIORITY),
    g(141, PPM_SC_SETPRIORITY),
    g(142, PPM_SC_SCHED_SETPARAM),
    g(143, PPM_SC_SCHED_GETPARAM),
    g(144, PPM_SC_SCHED_SETSCHEDULER),
    g(145, PPM_SC_SCHED_GETSCHEDULER),
    g(146, PPM_SC_SCHED_GET_PRIORITY_MAX),
    g(147, PPM_SC_SCHED_GET_PRIORITY_MIN),
    g(148, PPM_SC_SCHED_RR_GET_INTERVAL),
    s(
        149,
        PPM_SC_MLOCK,
        PPME_SYSCALL_MLOCK_E,
        PPME_SYSCALL_MLOCK_X,
        USED,
    ),
    s(
        150,
        PPM_SC_MUNLOCK,
        PPME_SYSCALL_MUNLOCK_E,
        PPME_SYSCALL_MUNLOCK_X,
        USED,
    ),
    s(
        151,
        PPM_SC_MLOCKALL,
        PPME_SYSCALL_MLOCKALL_E,
        PPME_SYSCALL_MLOCKALL_X,
        USED,
    ),
    s(
        152,
        PPM_SC_MUNLOCKALL,
        PPME_SYSCALL_MUNLOCKALL_E,
        PPME_SYSCALL_MUNLOCKALL_X,
        USED,
    ),
    g(153, PPM_SC_VHANGUP),
    g(154, PPM_SC_MODIFY_LDT),
    g(155, PPM_SC_PIVOT_ROOT),
    s(
        157,
        PPM_SC_PRCTL,
        PPME_SYSCALL_PRCTL_E,
        PPME_SYSCALL_PRCTL_X,
        USED | NEVER_DROP,
    ),
    g(158, PPM_SC_ARCH_PRCTL),
    g(159, PPM_SC_ADJTIMEX),
    s(
        160,
        PPM_SC_SETRLIMIT,
        PPME_SYSCALL_SETRLIMIT_E,
        PPME_SYSCALL_SETRLIMIT_X,
        USED | NEVER_DROP,
    ),
    s(
        161,
        PPM_SC_CHROOT,
        PPME_SYSCALL_CHROOT_E,
        PPME_SYSCALL_CHROOT_X,
        USED | NEVER_DROP,
    ),
    g(162, PPM_SC_SYNC),
    g(163, PPM_SC_ACCT),
    g(164, PPM_SC_SETTIMEOFDAY),
    s(
        165,
        PPM_SC_MOUNT,
        PPME_SYSCALL_MOUNT_E,
        PPME_SYSCALL_MOUNT_X,
        USED,
    ),
    s(
        166,
        PPM_SC_UMOUNT2,
        PPME_SYSCALL_UMOUNT2_E,
        PPME_SYSCALL_UMOUNT2_X,
        USED,
    ),
    g(167, PPM_SC_SWAPON),
    g(168, PPM_SC_SWAPOFF),
    g(169, PPM_SC_REBOOT),
    g(170, PPM_SC_SETHOSTNAME),
    g(171, PPM_SC_SETDOMAINNAME),
    g(172, PPM_SC_IOPL),
    g(173, PPM_SC_IOPERM),
    s(
        175,
        PPM_SC_INIT_MODULE,
        PPME_SYSCALL_INIT_MODULE_E,
        PPME_SYSCALL_INIT_MODULE_X,
        USED,
    ),
    s(
        176,
        PPM_SC_DELETE_MODULE,
        PPME_SYSCALL_DELETE_MODULE_E,
        PPME_SYSCALL_DELETE_MODULE_X,
        USED,
    ),
    s(
        179,
        PPM_SC_QUOTACTL,
        PPME_SYSCALL_QUOTACTL_E,
        PPME_SYSCALL_QUOTACTL_X,
        USED,
    ),
    g(186, PPM_SC_GETTID),
    g(187, PPM_SC_READAHEAD),
    g(188, PPM_SC_SETXATTR),
    g(189, PPM_SC_LSETXATTR),
    g(190, PPM_SC_FSETXATTR),
    g(191, PPM_SC_GETXATTR),
    g(192, PPM_SC_LGETXATTR),
    g(193, PPM_SC_FGETXATTR),
    g(194, PPM_SC_LISTXATTR),
    g(195, PPM_SC_LLISTXATTR),
    g(196, PPM_SC_FLISTXATTR),
    g(197, PPM_SC_REMOVEXATTR),
    g(198, PPM_SC_LREMOVEXATTR),
    g(199, PPM_SC_FREMOVEXATTR),
    s(
        200,
        PPM_SC_TKILL,
        PPME_SYSCALL_TKILL_E,
        PPME_SYSCALL_TKILL_X,
        USED,
    ),
    g(201, PPM_SC_TIME),
    s(
        202,
        PPM_SC_FUTEX,
        PPME_SYSCALL_FUTEX_E,
        PPME_SYSCALL_FUTEX_X,
        USED | ALWAYS_DROP,
    ),
    g(203, PPM_SC_SCHED_SETAFFINITY),
    g(204, PPM_SC_SCHED_GETAFFINITY),
    g(205, PPM_SC_SET_THREAD_AREA),
    g(206, PPM_SC_IO_SETUP),
    g(207, PPM_SC_IO_DESTROY),
    g(208, PPM_SC_IO_GETEVENTS),
    g(209, PPM_SC_IO_SUBMIT),
    g(210, PPM_SC_IO_CANCEL),
    g(211, PPM_SC_GET_THREAD_AREA),
    g(212, PPM_SC_LOOKUP_DCOOKIE),
    s(
        213,
        PPM_SC_EPOLL_CREATE,
        PPME_SYSCALL_EPOLL_CREATE_E,
        PPME_SYSCALL_EPOLL_CREATE_X,
        USED | NEVER_DROP,
    ),
    g(214, PPM_SC_EPOLL_CTL_OLD),
    g(215, PPM_SC_EPOLL_WAIT_OLD),
    g(216, PPM_SC_REMAP_FILE_PAGES),
    s(
        217,
        PPM_SC_GETDENTS64,
        PPME_SYSCALL_GETDENTS64_E,
        PPME_SYSCALL_GETDENTS64_X,
        USED | ALWAYS_DROP,
    ),
    g(218, PPM_SC_SET_TID_ADDRESS),
    g(219, PPM_SC_RESTART_SYSCALL),
    g(220, PPM_SC_SEMTIMEDOP),
    g(221, PPM_SC_FADVISE64),
    g(222, PPM_SC_TIMER_CREATE),
    g(223, PPM_SC_TIMER_SETTIME),
    g(224, PPM_SC_TIMER_GETTIME),
    g(225, PPM_SC_TIMER_GETOVERRUN),
    g(226, PPM_SC_TIMER_DELETE),
    g(227, PPM_SC_CLOCK_SETTIME),
    g(228, PPM_SC_CLOCK_GETTIME),
    g(229, PPM_SC_CLOCK_GETRES),
    g(230, PPM_SC_CLOCK_NANOSLEEP),
    g(231, PPM_SC_EXIT_GROUP),
    s(
        232,
        PPM_SC_EPOLL_WAIT,
        PPME_SYSCALL_EPOLLWAIT_E,
        PPME_SYSCALL_EPOLLWAIT_X,
        USED | ALWAYS_DROP,
    ),
    g(233, PPM_SC_EPOLL_CTL),
    s(
        234,
        PPM_SC_TGKILL,
        PPME_SYSCALL_TGKILL_E,
        PPME_SYSCALL_TGKILL_X,
        USED,
    ),
    g(235, PPM_SC_UTIMES),
    g(237, PPM_SC_MBIND),
    g(238, PPM_SC_SET_MEMPOLICY),
    g(239, PPM_SC_GET_MEMPOLICY),
    g(240, PPM_SC_MQ_OPEN),
    g(241, PPM_SC_MQ_UNLINK),
    g(242, PPM_SC_MQ_TIMEDSEND),
    g(243, PPM_SC_MQ_TIMEDRECEIVE),
    g(244, PPM_SC_MQ_NOTIFY),
    g(245, PPM_SC_MQ_GETSETATTR),
    g(246, PPM_SC_KEXEC_LOAD),
    g(247, PPM_SC_WAITID),
    g(248, PPM_SC_ADD_KEY),
    g(249, PPM_SC_REQUEST_KEY),
    s(
        250,
        PPM_SC_KEYCTL,
        PPME_SYSCALL_KEYCTL_E,
        PPME_SYSCALL_KEYCTL_X,
        USED,
    ),
    g(251, PPM_SC_IOPRIO_SET),
    g(252, PPM_SC_IOPRIO_GET),
    s(
        253,
        PPM_SC_INOTIFY_INIT,
        PPME_SYSCALL_INOTIFY_INIT_E,
        PPME_SYSCALL_INOTIFY_INIT_X,
        USED | NEVER_DROP,
    ),
    g(254, PPM_SC_INOTIFY_ADD_WATCH),
    g(255, PPM_SC_INOTIFY_RM_WATCH),
    g(256, PPM_SC_MIGRATE_PAGES),
    s(
        257,
        PPM_SC_OPENAT,
        PPME_SYSCALL_OPENAT_2_E,
        PPME_SYSCALL_OPENAT_2_X,
        USED | NEVER_DROP,
    ),
    s(
        258,
        PPM_SC_MKDIRAT,
        PPME_SYSCALL_MKDIRAT_E,
        PPME_SYSCALL_MKDIRAT_X,
        USED,
    ),
    s(
        259,
        PPM_SC_MKNODAT,
        PPME_SYSCALL_MKNODAT_E,
        PPME_SYSCALL_MKNODAT_X,
        USED,
    ),
    s(
        260,
        PPM_SC_FCHOWNAT,
        PPME_SYSCALL_FCHOWNAT_E,
        PPME_SYSCALL_FCHOWNAT_X,
        USED,
    ),
    g(261, PPM_SC_FUTIMESAT),
    s(
        262,
        PPM_SC_NEWFSTATAT,
        PPME_SYSCALL_NEWFSTATAT_E,
        PPME_SYSCALL_NEWFSTATAT_X,
        USED | ALWAYS_DROP,
    ),
    s(
        263,
        PPM_SC_UNLINKAT,
        PPME_SYSCALL_UNLINKAT_2_E,
        PPME_SYSCALL_UNLINKAT_2_X,
        USED,
    ),
    s(
        264,
        PPM_SC_RENAMEAT,
        PPME_SYSCALL_RENAMEAT_E,
        PPME_SYSCALL_RENAMEAT_X,
        USED,
    ),
    s(
        265,
        PPM_SC_LINKAT,
        PPME_SYSCALL_LINKAT_2_E,
        PPME_SYSCALL_LINKAT_2_X,
        USED,
    ),
    s(
        266,
        PPM_SC_SYMLINKAT,
        PPME_SYSCALL_SYMLINKAT_E,
        PPME_SYSCALL_SYMLINKAT_X,
        USED,
    ),
    g(267, PPM_SC_READLINKAT),
    s(
        268,
        PPM_SC_FCHMODAT,
        PPME_SYSCALL_FCHMODAT_E,
        PPME_SYSCALL_FCHMODAT_X,
        USED,
    ),
    g(269, PPM_SC_FACCESSAT),
    g(270, PPM_SC_PSELECT6),
    s(
        271,
        PPM_SC_PPOLL,
        PPME_SYSCALL_PPOLL_E,
        PPME_SYSCALL_PPOLL_X,
        USED | ALWAYS_DROP,
    ),
    s(
        272,
        PPM_SC_UNSHARE,
        PPME_SYSCALL_UNSHARE_E,
        PPME_SYSCALL_UNSHARE_X,
        USED | ALWAYS_DROP,
    ),
    g(273, PPM_SC_SET_ROBUST_LIST),
    g(274, PPM_SC_GET_ROBUST_LIST),
    s(
        275,
        PPM_SC_SPLICE,
        PPME_SYSCALL_SPLICE_E,
        PPME_SYSCALL_SPLICE_X,
        USED,
    ),
    g(276, PPM_SC_TEE),
    g(277, PPM_SC_SYNC_FILE_RANGE),
    g(278, PPM_SC_VMSPLICE),
    g(279, PPM_SC_MOVE_PAGES),
    g(280, PPM_SC_UTIMENSAT),
    g(281, PPM_SC_EPOLL_PWAIT),
    s(
        282,
        PPM_SC_SIGNALFD,
        PPME_SYSCALL_SIGNALFD_E,
        PPME_SYSCALL_SIGNALFD_X,
        USED | NEVER_DROP,
    ),
    s(
        283,
        PPM_SC_TIMERFD_CREATE,
        PPME_SYSCALL_TIMERFD_CREATE_E,
        PPME_SYSCALL_TIMERFD_CREATE_X,
        USED | NEVER_DROP,
    ),
    s(
        284,
        PPM_SC_EVENTFD,
        PPME_SYSCALL_EVENTFD_E,
        PPME_SYSCALL_EVENTFD_X,
        USED | NEVER_DROP,
    ),
    g(285, PPM_SC_FALLOCATE),
    g(286, PPM_SC_TIMERFD_SETTIME),
    g(287, PPM_SC_TIMERFD_GETTIME),
    s(
        288,
        PPM_SC_ACCEPT4,
        PPME_SOCKET_ACCEPT4_6_E,
        PPME_SOCKET_ACCEPT4_6_X,
        USED,
    ),
    s(
        289,
        PPM_SC_SIGNALFD4,
        PPME_SYSCALL_SIGNALFD4_E,
        PPME_SYSCALL_SIGNALFD4_X,
        USED | NEVER_DROP,
    ),
    s(
        290,
        PPM_SC_EVENTFD2,
        PPME_SYSCALL_EVENTFD2_E,
        PPME_SYSCALL_EVENTFD2_X,
        USED | NEVER_DROP,
    ),
    s(
        291,
        PPM_SC_EPOLL_CREATE1,
        PPME_SYSCALL_EPOLL_CREATE1_E,
        PPME_SYSCALL_EPOLL_CREATE1_X,
        USED | NEVER_DROP,
    ),
    s(
        292,
        PPM_SC_DUP3,
        PPME_SYSCALL_DUP3_E,
        PPME_SYSCALL_DUP3_X,
        USED | NEVER_DROP,
    ),
    s(
        293,
        PPM_SC_PIPE2,
        PPME_SYSCALL_PIPE2_E,
        PPME_SYSCALL_PIPE2_X,
        USED | NEVER_DROP,
    ),
    s(
        294,
        PPM_SC_INOTIFY_INIT1,
        PPME_SYSCALL_INOTIFY_INIT1_E,
        PPME_SYSCALL_INOTIFY_INIT1_X,
        USED | NEVER_DROP,
    ),
    s(
        295,
        PPM_SC_PREADV,
        PPME_SYSCALL_PREADV_E,
        PPME_SYSCALL_PREADV_X,
        USED,
    ),
    s(
        296,
        PPM_SC_PWRITEV,
        PPME_SYSCALL_PWRITEV_E,
        PPME_SYSCALL_PWRITEV_X,
        USED,
    ),
    g(297, PPM_SC_RT_TGSIGQUEUEINFO),
    g(298, PPM_SC_PERF_EVENT_OPEN),
    s(
        299,
        PPM_SC_RECVMMSG,
        PPME_SOCKET_RECVMMSG_E,
        PPME_SOCKET_RECVMMSG_X,
        USED,
    ),
    g(300, PPM_SC_FANOTIFY_INIT),
    g(301, PPM_SC_FANOTIFY_MARK),
    s(
        302,
        PPM_SC_PRLIMIT64,
        PPME_SYSCALL_PRLIMIT_E,
        PPME_SYSCALL_PRLIMIT_X,
        USED | NEVER_DROP,
    ),
    g(303, PPM_SC_NAME_TO_HANDLE_AT),
    s(
        304,
        PPM_SC_OPEN_BY_HANDLE_AT,
        PPME_SYSCALL_OPEN_BY_HANDLE_AT_E,
        PPME_SYSCALL_OPEN_BY_HANDLE_AT_X,
        USED,
    ),
    g(305, PPM_SC_CLOCK_ADJTIME),
    g(306, PPM_SC_SYNCFS),
    s(
        307,
        PPM_SC_SENDMMSG,
        PPME_SOCKET_SENDMMSG_E,
        PPME_SOCKET_SENDMMSG_X,
        USED,
    ),
    s(
        308,
        PPM_SC_SETNS,
        PPME_SYSCALL_SETNS_E,
        PPME_SYSCALL_SETNS_X,
        USED,
    ),
    g(309, PPM_SC_GETCPU),
    s(
        310,
        PPM_SC_PROCESS_VM_READV,
        PPME_SYSCALL_PROCESS_VM_READV_E,
        PPME_SYSCALL_PROCESS_VM_READV_X,
        USED,
    ),
    s(
        311,
        PPM_SC_PROCESS_VM_WRITEV,
        PPME_SYSCALL_PROCESS_VM_WRITEV_E,
        PPME_SYSCALL_PROCESS_VM_WRITEV_X,
        USED,
    ),
    g(312, PPM_SC_KCMP),
    s(
        313,
        PPM_SC_FINIT_MODULE,
        PPME_SYSCALL_FINIT_MODULE_E,
        PPME_SYSCALL_FINIT_MODULE_X,
        USED,
    ),
    g(314, PPM_SC_SCHED_SETATTR),
    g(315, PPM_SC_SCHED_GETATTR),
    s(
        316,
        PPM_SC_RENAMEAT2,
        PPME_SYSCALL_RENAMEAT2_E,
        PPME_SYSCALL_RENAMEAT2_X,
        USED,
    ),
    s(
        317,
        PPM_SC_SECCOMP,
        PPME_SYSCALL_SECCOMP_E,
        PPME_SYSCALL_SECCOMP_X,
        USED,
    ),
    g(318, PPM_SC_GETRANDOM),
    s(
        319,
        PPM_SC_MEMFD_CREATE,
        PPME_SYSCALL_MEMFD_CREATE_E,
        PPME_SYSCALL_MEMFD_CREATE_X,
        USED,
    ),
    g(320, PPM_SC_KEXEC_FILE_LOAD),
    s(
        321,
        PPM_SC_BPF,
        PPME_SYSCALL_BPF_2_E,
        PPME_SYSCALL_BPF_2_X,
        USED,
    ),
    s(
        322,
        PPM_SC_EXECVEAT,
        PPME_SYSCALL_EXECVEAT_E,
        PPME_SYSCALL_EXECVEAT_X,
        USED | NEVER_DROP,
    ),
    s(
        323,
        PPM_SC_USERFAULTFD,
        PPME_SYSCALL_USERFAULTFD_E,
        PPME_SYSCALL_USERFAULTFD_X,
        USED | NEVER_DROP,
    ),
    g(324, PPM_SC_MEMBARRIER),
    s(
        325,
        PPM_SC_MLOCK2,
        PPME_SYSCALL_MLOCK2_E,
        PPME_SYSCALL_MLOCK2_X,
        USED,
    ),
    s(
        326,
        PPM_SC_COPY_FILE_RANGE,
        PPME_SYSCALL_COPY_FILE_RANGE_E,
        PPME_SYSCALL_COPY_FILE_RANGE_X,
        USED,
    ),
    g(327, PPM_SC_PREADV2),
    g(328, PPM_SC_PWRITEV2),
    g(329, PPM_SC_PKEY_MPROTECT),
    g(330, PPM_SC_PKEY_ALLOC),
    g(331, PPM_SC_PKEY_FREE),
    g(332, PPM_SC_STATX),
    g(333, PPM_SC_IO_PGETEVENTS),
    g(334, PPM_SC_RSEQ),
    g(335, PPM_SC_URETPROBE),
    g(336, PPM_SC_UPROBE),
    g(424, PPM_SC_PIDFD_SEND_SIGNAL),
    s(
        425,
        PPM_SC_IO_URING_SETUP,
        PPME_SYSCALL_IO_URING_SETUP_E,
        PPME_SYSCALL_IO_URING_SETUP_X,
        USED,
    ),
    s(
        426,
        PPM_SC_IO_URING_ENTER,
        PPME_SYSCALL_IO_URING_ENTER_E,
        PPME_SYSCALL_IO_URING_ENTER_X,
        USED,
    ),
    s(
        427,
        PPM_SC_IO_URING_REGISTER,
        PPME_SYSCALL_IO_URING_REGISTER_E,
        PPME_SYSCALL_IO_URING_REGISTER_X,
        USED,
    ),
    g(428, PPM_SC_OPEN_TREE),
    g(429, PPM_SC_MOVE_MOUNT),
    g(430, PPM_SC_FSOPEN),
    s(
        431,
        PPM_SC_FSCONFIG,
        PPME_SYSCALL_FSCONFIG_E,
        PPME_SYSCALL_FSCONFIG_X,
        USED,
    ),
    g(432, PPM_SC_FSMOUNT),
    g(433, PPM_SC_FSPICK),
    s(
        434,
        PPM_SC_PIDFD_OPEN,
        PPME_SYSCALL_PIDFD_OPEN_E,
        PPME_SYSCALL_PIDFD_OPEN_X,
        USED,
    ),
    s(
        435,
        PPM_SC_CLONE3,
        PPME_SYSCALL_CLONE3_E,
        PPME_SYSCALL_CLONE3_X,
        USED | NEVER_DROP,
    ),
    s(
        436,
        PPM_SC_CLOSE_RANGE,
        PPME_SYSCALL_CLOSE_RANGE_E,
        PPME_SYSCALL_CLOSE_RANGE_X,
        USED | NEVER_DROP,
    ),
    s(
        437,
        PPM_SC_OPENAT2,
        PPME_SYSCALL_OPENAT2_E,
        PPME_SYSCALL_OPENAT2_X,
        USED,
    ),
    s(
        438,
        PPM_SC_PIDFD_GETFD,
        PPME_SYSCALL_PIDFD_GETFD_E,
        PPME_SYSCALL_PIDFD_GETFD_X,
        USED,
    ),
    g(439, PPM_SC_FACCESSAT2),
    g(440, PPM_SC_PROCESS_MADVISE),
    g(441, PPM_SC_EPOLL_PWAIT2),
    g(442, PPM_SC_MOUNT_SETATTR),
    g(443, PPM_SC_QUOTACTL_FD),
    g(444, PPM_SC_LANDLOCK_CREATE_RULESET),
    g(445, PPM_SC_LANDLOCK_ADD_RULE),
    g(446, PPM_SC_LANDLOCK_RESTRICT_SELF),
    g(447, PPM_SC_MEMFD_SECRET),
    g(448, PPM_SC_PROCESS_MRELEASE),
    g(449, PPM_SC_FUTEX_WAITV),
    g(450, PPM_SC_SET_MEMPOLICY_HOME_NODE),
    g(451, PPM_SC_CACHESTAT),
    g(452, PPM_SC_FCHMODAT2),
    g(453, PPM_SC_MAP_SHADOW_STACK),
    g(454, PPM_SC_FUTEX_WAKE),
    g(455, PPM_SC_FUTEX_WAIT),
    g(456, PPM_SC_FUTEX_REQUEUE),
    g(457, PPM_SC_STATMOUNT),
    g(458, PPM_SC_LISTMOUNT),
    g(459, PPM_SC_LSM_GET_SELF_ATTR),
    g(460, PPM_SC_LSM_SET_SELF_ATTR),
    g(461, PPM_SC_LSM_LIST_MODULES),
    g(462, PPM_SC_MSEAL),
    g(463, PPM_SC_SETXATTRAT),
    g(464, PPM_SC_GETXATTRAT),
    g(465, PPM_SC_LISTXATTRAT),
    g(466, PPM_SC_REMOVEXATTRAT),
    g(467, PPM_SC_OPEN_TREE_ATTR),
    g(468, PPM_SC_FILE_GETATTR),
    g(469, PPM_SC_FILE_SETATTR),
    g(470, PPM_SC_LISTNS),
    g(471, PPM_SC_RSEQ_SLICE_YIELD),
];

/// The aarch64 table.
pub static AARCH64: &[SyscallEntry] = &[
    g(0, PPM_SC_IO_SETUP),
    g(1, PPM_SC_IO_DESTROY),
    g(2, PPM_SC_IO_SUBMIT),
    g(3, PPM_SC_IO_CANCEL),
    g(4, PPM_SC_IO_GETEVENTS),
    g(5, PPM_SC_SETXATTR),
    g(6, PPM_SC_LSETXATTR),
    g(7, PPM_SC_FSETXATTR),
    g(8, PPM_SC_GETXATTR),
    g(9, PPM_SC_LGETXATTR),
    g(10, PPM_SC_FGETXATTR),
    g(11, PPM_SC_LISTXATTR),
    g(12, PPM_SC_LLISTXATTR),
    g(13, PPM_SC_FLISTXATTR),
    g(14, PPM_SC_REMOVEXATTR),
    g(15, PPM_SC_LREMOVEXATTR),
    g(16, PPM_SC_FREMOVEXATTR),
    s(
        17,
        PPM_SC_GETCWD,
        PPME_SYSCALL_GETCWD_E,
        PPME_SYSCALL_GETCWD_X,
        USED | ALWAYS_DROP,
    ),
    g(18, PPM_SC_LOOKUP_DCOOKIE),
    s(
        19,
        PPM_SC_EVENTFD2,
        PPME_SYSCALL_EVENTFD2_E,
        PPME_SYSCALL_EVENTFD2_X,
        USED | NEVER_DROP,
    ),
    s(
        20,
        PPM_SC_EPOLL_CREATE1,
        PPME_SYSCALL_EPOLL_CREATE1_E,
        PPME_SYSCALL_EPOLL_CREATE1_X,
        USED | NEVER_DROP,
    ),
    g(21, PPM_SC_EPOLL_CTL),
    g(22, PPM_SC_EPOLL_PWAIT),
    s(
        23,
        PPM_SC_DUP,
        PPME_SYSCALL_DUP_1_E,
        PPME_SYSCALL_DUP_1_X,
        USED | NEVER_DROP,
    ),
    s(
        24,
        PPM_SC_DUP3,
        PPME_SYSCALL_DUP3_E,
        PPME_SYSCALL_DUP3_X,
        USED | NEVER_DROP,
    ),
    s(
        25,
        PPM_SC_FCNTL,
        PPME_SYSCALL_FCNTL_E,
        PPME_SYSCALL_FCNTL_X,
        USED,
    ),
    s(
        26,
        PPM_SC_INOTIFY_INIT1,
        PPME_SYSCALL_INOTIFY_INIT1_E,
        PPME_SYSCALL_INOTIFY_INIT1_X,
        USED | NEVER_DROP,
    ),
    g(27, PPM_SC_INOTIFY_ADD_WATCH),
    g(28, PPM_SC_INOTIFY_RM_WATCH),
    s(
        29,
        PPM_SC_IOCTL,
        PPME_SYSCALL_IOCTL_3_E,
        PPME_SYSCALL_IOCTL_3_X,
        USED | ALWAYS_DROP,
    ),
    g(30, PPM_SC_IOPRIO_SET),
    g(31, PPM_SC_IOPRIO_GET),
    s(
        32,
        PPM_SC_FLOCK,
        PPME_SYSCALL_FLOCK_E,
        PPME_SYSCALL_FLOCK_X,
        USED | ALWAYS_DROP,
    ),
    s(
        33,
        PPM_SC_MKNODAT,
        PPME_SYSCALL_MKNODAT_E,
        PPME_SYSCALL_MKNODAT_X,
        USED,
    ),
    s(
        34,
        PPM_SC_MKDIRAT,
        PPME_SYSCALL_MKDIRAT_E,
        PPME_SYSCALL_MKDIRAT_X,
        USED,
    ),
    s(
        35,
        PPM_SC_UNLINKAT,
        PPME_SYSCALL_UNLINKAT_2_E,
        PPME_SYSCALL_UNLINKAT_2_X,
        USED,
    ),
    s(
        36,
        PPM_SC_SYMLINKAT,
        PPME_SYSCALL_SYMLINKAT_E,
        PPME_SYSCALL_SYMLINKAT_X,
        USED,
    ),
    s(
        37,
        PPM_SC_LINKAT,
        PPME_SYSCALL_LINKAT_2_E,
        PPME_SYSCALL_LINKAT_2_X,
        USED,
    ),
    s(
        38,
        PPM_SC_RENAMEAT,
        PPME_SYSCALL_RENAMEAT_E,
        PPME_SYSCALL_RENAMEAT_X,
        USED,
    ),
    s(
        39,
        PPM_SC_UMOUNT2,
        PPME_SYSCALL_UMOUNT2_E,
        PPME_SYSCALL_UMOUNT2_X,
        USED,
    ),
    s(
        40,
        PPM_SC_MOUNT,
        PPME_SYSCALL_MOUNT_E,
        PPME_SYSCALL_MOUNT_X,
        USED,
    ),
    g(41, PPM_SC_PIVOT_ROOT),
    g(43, PPM_SC_STATFS),
    g(44, PPM_SC_FSTATFS),
    g(45, PPM_SC_TRUNCATE),
    g(46, PPM_SC_FTRUNCATE),
    g(47, PPM_SC_FALLOCATE),
    g(48, PPM_SC_FACCESSAT),
    s(
        49,
        PPM_SC_CHDIR,
        PPME_SYSCALL_CHDIR_E,
        PPME_SYSCALL_CHDIR_X,
        USED | NEVER_DROP,
    ),
    s(
        50,
        PPM_SC_FCHDIR,
        PPME_SYSCALL_FCHDIR_E,
        PPME_SYSCALL_FCHDIR_X,
        USED | NEVER_DROP,
    ),
    s(
        51,
        PPM_SC_CHROOT,
        PPME_SYSCALL_CHROOT_E,
        PPME_SYSCALL_CHROOT_X,
        USED | NEVER_DROP,
    ),
    s(
        52,
        PPM_SC_FCHMOD,
        PPME_SYSCALL_FCHMOD_E,
        PPME_SYSCALL_FCHMOD_X,
        USED,
    ),
    s(
        53,
        PPM_SC_FCHMODAT,
        PPME_SYSCALL_FCHMODAT_E,
        PPME_SYSCALL_FCHMODAT_X,
        USED,
    ),
    s(
        54,
        PPM_SC_FCHOWNAT,
        PPME_SYSCALL_FCHOWNAT_E,
        PPME_SYSCALL_FCHOWNAT_X,
        USED,
    ),
    s(
        55,
        PPM_SC_FCHOWN,
        PPME_SYSCALL_FCHOWN_E,
        PPME_SYSCALL_FCHOWN_X,
        USED,
    ),
    s(
        56,
        PPM_SC_OPENAT,
        PPME_SYSCALL_OPENAT_2_E,
        PPME_SYSCALL_OPENAT_2_X,
        USED | NEVER_DROP,
    ),
    s(
        57,
        PPM_SC_CLOSE,
        PPME_SYSCALL_CLOSE_E,
        PPME_SYSCALL_CLOSE_X,
        USED | NEVER_DROP,
    ),
    g(58, PPM_SC_VHANGUP),
    s(
        59,
        PPM_SC_PIPE2,
        PPME_SYSCALL_PIPE2_E,
        PPME_SYSCALL_PIPE2_X,
        USED | NEVER_DROP,
    ),
    s(
        60,
        PPM_SC_QUOTACTL,
        PPME_SYSCALL_QUOTACTL_E,
        PPME_SYSCALL_QUOTACTL_X,
        USED,
    ),
    s(
        61,
        PPM_SC_GETDENTS64,
        PPME_SYSCALL_GETDENTS64_E,
        PPME_SYSCALL_GETDENTS64_X,
        USED | ALWAYS_DROP,
    ),
    s(
        62,
        PPM_SC_LSEEK,
        PPME_SYSCALL_LSEEK_E,
        PPME_SYSCALL_LSEEK_X,
        USED | ALWAYS_DROP,
    ),
    s(
        63,
        PPM_SC_READ,
        PPME_SYSCALL_READ_E,
        PPME_SYSCALL_READ_X,
        USED,
    ),
    s(
        64,
        PPM_SC_WRITE,
        PPME_SYSCALL_WRITE_E,
        PPME_SYSCALL_WRITE_X,
        USED,
    ),
    s(
        65,
        PPM_SC_READV,
        PPME_SYSCALL_READV_E,
        PPME_SYSCALL_READV_X,
        USED,
    ),
    s(
        66,
        PPM_SC_WRITEV,
        PPME_SYSCALL_WRITEV_E,
        PPME_SYSCALL_WRITEV_X,
        USED,
    ),
    s(
        67,
        PPM_SC_PREAD64,
        PPME_SYSCALL_PREAD_E,
        PPME_SYSCALL_PREAD_X,
        USED,
    ),
    s(
        68,
        PPM_SC_PWRITE64,
        PPME_SYSCALL_PWRITE_E,
        PPME_SYSCALL_PWRITE_X,
        USED,
    ),
    s(
        69,
        PPM_SC_PREADV,
        PPME_SYSCALL_PREADV_E,
        PPME_SYSCALL_PREADV_X,
        USED,
    ),
    s(
        70,
        PPM_SC_PWRITEV,
        PPME_SYSCALL_PWRITEV_E,
        PPME_SYSCALL_PWRITEV_X,
        USED,
    ),
    s(
        71,
        PPM_SC_SENDFILE,
        PPME_SYSCALL_SENDFILE_E,
        PPME_SYSCALL_SENDFILE_X,
        USED,
    ),
    g(72, PPM_SC_PSELECT6),
    s(
        73,
        PPM_SC_PPOLL,
        PPME_SYSCALL_PPOLL_E,
        PPME_SYSCALL_PPOLL_X,
        USED | ALWAYS_DROP,
    ),
    s(
        74,
        PPM_SC_SIGNALFD4,
        PPME_SYSCALL_SIGNALFD4_E,
        PPME_SYSCALL_SIGNALFD4_X,
        USED | NEVER_DROP,
    ),
    g(75, PPM_SC_VMSPLICE),
    s(
        76,
        PPM_SC_SPLICE,
        PPME_SYSCALL_SPLICE_E,
        PPME_SYSCALL_SPLICE_X,
        USED,
    ),
    g(77, PPM_SC_TEE),
    g(78, PPM_SC_READLINKAT),
    s(
        79,
        PPM_SC_NEWFSTATAT,
        PPME_SYSCALL_NEWFSTATAT_E,
        PPME_SYSCALL_NEWFSTATAT_X,
        USED | ALWAYS_DROP,
    ),
    s(
        80,
        PPM_SC_FSTAT,
        PPME_SYSCALL_FSTAT_E,
        PPME_SYSCALL_FSTAT_X,
        USED | ALWAYS_DROP,
    ),
    g(81, PPM_SC_SYNC),
    g(82, PPM_SC_FSYNC),
    g(83, PPM_SC_FDATASYNC),
    g(84, PPM_SC_SYNC_FILE_RANGE),
    s(
        85,
        PPM_SC_TIMERFD_CREATE,
        PPME_SYSCALL_TIMERFD_CREATE_E,
        PPME_SYSCALL_TIMERFD_CREATE_X,
        USED | NEVER_DROP,
    ),
    g(86, PPM_SC_TIMERFD_SETTIME),
    g(87, PPM_SC_TIMERFD_GETTIME),
    g(88, PPM_SC_UTIMENSAT),
    g(89, PPM_SC_ACCT),
    g(90, PPM_SC_CAPGET),
    s(
        91,
        PPM_SC_CAPSET,
        PPME_SYSCALL_CAPSET_E,
        PPME_SYSCALL_CAPSET_X,
        USED,
    ),
    g(92, PPM_SC_PERSONALITY),
    g(93, PPM_SC_EXIT),
    g(94, PPM_SC_EXIT_GROUP),
    g(95, PPM_SC_WAITID),
    g(96, PPM_SC_SET_TID_ADDRESS),
    s(
        97,
        PPM_SC_UNSHARE,
        PPME_SYSCALL_UNSHARE_E,
        PPME_SYSCALL_UNSHARE_X,
        USED | ALWAYS_DROP,
    ),
    s(
        98,
        PPM_SC_FUTEX,
        PPME_SYSCALL_FUTEX_E,
        PPME_SYSCALL_FUTEX_X,
        USED | ALWAYS_DROP,
    ),
    g(99, PPM_SC_SET_ROBUST_LIST),
    g(100, PPM_SC_GET_ROBUST_LIST),
    s(
        101,
        PPM_SC_NANOSLEEP,
        PPME_SYSCALL_NANOSLEEP_E,
        PPME_SYSCALL_NANOSLEEP_X,
        USED | ALWAYS_DROP,
    ),
    g(102, PPM_SC_GETITIMER),
    g(103, PPM_SC_SETITIMER),
    g(104, PPM_SC_KEXEC_LOAD),
    s(
        105,
        PPM_SC_INIT_MODULE,
        PPME_SYSCALL_INIT_MODULE_E,
        PPME_SYSCALL_INIT_MODULE_X,
        USED,
    ),
    s(
        106,
        PPM_SC_DELETE_MODULE,
        PPME_SYSCALL_DELETE_MODULE_E,
        PPME_SYSCALL_DELETE_MODULE_X,
        USED,
    ),
    g(107, PPM_SC_TIMER_CREATE),
    g(108, PPM_SC_TIMER_GETTIME),
    g(109, PPM_SC_TIMER_GETOVERRUN),
    g(110, PPM_SC_TIMER_SETTIME),
    g(111, PPM_SC_TIMER_DELETE),
    g(112, PPM_SC_CLOCK_SETTIME),
    g(113, PPM_SC_CLOCK_GETTIME),
    g(114, PPM_SC_CLOCK_GETRES),
    g(115, PPM_SC_CLOCK_NANOSLEEP),
    g(116, PPM_SC_SYSLOG),
    s(
        117,
        PPM_SC_PTRACE,
        PPME_SYSCALL_PTRACE_E,
        PPME_SYSCALL_PTRACE_X,
        USED,
    ),
    g(118, PPM_SC_SCHED_SETPARAM),
    g(119, PPM_SC_SCHED_SETSCHEDULER),
    g(120, PPM_SC_SCHED_GETSCHEDULER),
    g(121, PPM_SC_SCHED_GETPARAM),
    g(122, PPM_SC_SCHED_SETAFFINITY),
    g(123, PPM_SC_SCHED_GETAFFINITY),
    g(124, PPM_SC_SCHED_YIELD),
    g(125, PPM_SC_SCHED_GET_PRIORITY_MAX),
    g(126, PPM_SC_SCHED_GET_PRIORITY_MIN),
    g(127, PPM_SC_SCHED_RR_GET_INTERVAL),
    g(128, PPM_SC_RESTART_SYSCALL),
    s(
        129,
        PPM_SC_KILL,
        PPME_SYSCALL_KILL_E,
        PPME_SYSCALL_KILL_X,
        USED,
    ),
    s(
        130,
        PPM_SC_TKILL,
        PPME_SYSCALL_TKILL_E,
        PPME_SYSCALL_TKILL_X,
        USED,
    ),
    s(
        131,
        PPM_SC_TGKILL,
        PPME_SYSCALL_TGKILL_E,
        PPME_SYSCALL_TGKILL_X,
        USED,
    ),
    g(132, PPM_SC_SIGALTSTACK),
    g(133, PPM_SC_RT_SIGSUSPEND),
    g(134, PPM_SC_RT_SIGACTION),
    g(135, PPM_SC_RT_SIGPROCMASK),
    g(136, PPM_SC_RT_SIGPENDING),
    g(137, PPM_SC_RT_SIGTIMEDWAIT),
    g(138, PPM_SC_RT_SIGQUEUEINFO),
    g(139, PPM_SC_RT_SIGRETURN),
    g(140, PPM_SC_SETPRIORITY),
    g(141, PPM_SC_GETPRIORITY),
    g(142, PPM_SC_REBOOT),
    s(
        143,
        PPM_SC_SETREGID,
        PPME_SYSCALL_SETREGID_E,
        PPME_SYSCALL_SETREGID_X,
        USED,
    ),
    s(
        144,
        PPM_SC_SETGID,
        PPME_SYSCALL_SETGID_E,
        PPME_SYSCALL_SETGID_X,
        USED,
    ),
    s(
        145,
        PPM_SC_SETREUID,
        PPME_SYSCALL_SETREUID_E,
        PPME_SYSCALL_SETREUID_X,
        USED,
    ),
    s(
        146,
        PPM_SC_SETUID,
        PPME_SYSCALL_SETUID_E,
        PPME_SYSCALL_SETUID_X,
        USED,
    ),
    s(
        147,
        PPM_SC_SETRESUID,
        PPME_SYSCALL_SETRESUID_E,
        PPME_SYSCALL_SETRESUID_X,
        USED,
    ),
    s(
        148,
        PPM_SC_GETRESUID,
        PPME_SYSCALL_GETRESUID_E,
        PPME_SYSCALL_GETRESUID_X,
        USED,
    ),
    s(
        149,
        PPM_SC_SETRESGID,
        PPME_SYSCALL_SETRESGID_E,
        PPME_SYSCALL_SETRESGID_X,
        USED,
    ),
    s(
        150,
        PPM_SC_GETRESGID,
        PPME_SYSCALL_GETRESGID_E,
        PPME_SYSCALL_GETRESGID_X,
        USED,
    ),
    g(151, PPM_SC_SETFSUID),
    g(152, PPM_SC_SETFSGID),
    g(153, PPM_SC_TIMES),
    s(
        154,
        PPM_SC_SETPGID,
        PPME_SYSCALL_SETPGID_E,
        PPME_SYSCALL_SETPGID_X,
        USED | ALWAYS_DROP,
    ),
    g(155, PPM_SC_GETPGID),
    g(156, PPM_SC_GETSID),
    s(
        157,
        PPM_SC_SETSID,
        PPME_SYSCALL_SETSID_E,
        PPME_SYSCALL_SETSID_X,
        USED,
    ),
    g(158, PPM_SC_GETGROUPS),
    g(159, PPM_SC_SETGROUPS),
    g(160, PPM_SC_UNAME),
    g(161, PPM_SC_SETHOSTNAME),
    g(162, PPM_SC_SETDOMAINNAME),
    s(
        163,
        PPM_SC_GETRLIMIT,
        PPME_SYSCALL_GETRLIMIT_E,
        PPME_SYSCALL_GETRLIMIT_X,
        USED,
    ),
    s(
        164,
        PPM_SC_SETRLIMIT,
        PPME_SYSCALL_SETRLIMIT_E,
        PPME_SYSCALL_SETRLIMIT_X,
        USED | NEVER_DROP,
    ),
    g(165, PPM_SC_GETRUSAGE),
    g(166, PPM_SC_UMASK),
    s(
        167,
        PPM_SC_PRCTL,
        PPME_SYSCALL_PRCTL_E,
        PPME_SYSCALL_PRCTL_X,
        USED | NEVER_DROP,
    ),
    g(168, PPM_SC_GETCPU),
    g(169, PPM_SC_GETTIMEOFDAY),
    g(170, PPM_SC_SETTIMEOFDAY),
    g(171, PPM_SC_ADJTIMEX),
    g(172, PPM_SC_GETPID),
    g(173, PPM_SC_GETPPID),
    s(
        174,
        PPM_SC_GETUID,
        PPME_SYSCALL_GETUID_E,
        PPME_SYSCALL_GETUID_X,
        USED,
    ),
    s(
        175,
        PPM_SC_GETEUID,
        PPME_SYSCALL_GETEUID_E,
        PPME_SYSCALL_GETEUID_X,
        USED,
    ),
    s(
        176,
        PPM_SC_GETGID,
        PPME_SYSCALL_GETGID_E,
        PPME_SYSCALL_GETGID_X,
        USED,
    ),
    s(
        177,
        PPM_SC_GETEGID,
        PPME_SYSCALL_GETEGID_E,
        PPME_SYSCALL_GETEGID_X,
        USED,
    ),
    g(178, PPM_SC_GETTID),
    g(179, PPM_SC_SYSINFO),
    g(180, PPM_SC_MQ_OPEN),
    g(181, PPM_SC_MQ_UNLINK),
    g(182, PPM_SC_MQ_TIMEDSEND),
    g(183, PPM_SC_MQ_TIMEDRECEIVE),
    g(184, PPM_SC_MQ_NOTIFY),
    g(185, PPM_SC_MQ_GETSETATTR),
    g(186, PPM_SC_MSGGET),
    g(187, PPM_SC_MSGCTL),
    g(188, PPM_SC_MSGRCV),
    g(189, PPM_SC_MSGSND),
    s(
        190,
        PPM_SC_SEMGET,
        PPME_SYSCALL_SEMGET_E,
        PPME_SYSCALL_SEMGET_X,
        USED | ALWAYS_DROP,
    ),
    s(
        191,
        PPM_SC_SEMCTL,
        PPME_SYSCALL_SEMCTL_E,
        PPME_SYSCALL_SEMCTL_X,
        USED | ALWAYS_DROP,
    ),
    g(192, PPM_SC_SEMTIMEDOP),
    s(
        193,
        PPM_SC_SEMOP,
        PPME_SYSCALL_SEMOP_E,
        PPME_SYSCALL_SEMOP_X,
        USED | ALWAYS_DROP,
    ),
    g(194, PPM_SC_SHMGET),
    g(195, PPM_SC_SHMCTL),
    g(196, PPM_SC_SHMAT),
    g(197, PPM_SC_SHMDT),
    s(
        198,
        PPM_SC_SOCKET,
        PPME_SOCKET_SOCKET_E,
        PPME_SOCKET_SOCKET_X,
        USED | NEVER_DROP,
    ),
    s(
        199,
        PPM_SC_SOCKETPAIR,
        PPME_SOCKET_SOCKETPAIR_E,
        PPME_SOCKET_SOCKETPAIR_X,
        USED | NEVER_DROP,
    ),
    s(
        200,
        PPM_SC_BIND,
        PPME_SOCKET_BIND_E,
        PPME_SOCKET_BIND_X,
        USED | NEVER_DROP,
    ),
    s(
        201,
        PPM_SC_LISTEN,
        PPME_SOCKET_LISTEN_E,
        PPME_SOCKET_LISTEN_X,
        USED,
    ),
    s(
        202,
        PPM_SC_ACCEPT,
        PPME_SOCKET_ACCEPT_5_E,
        PPME_SOCKET_ACCEPT_5_X,
        USED,
    ),
    s(
        203,
        PPM_SC_CONNECT,
        PPME_SOCKET_CONNECT_E,
        PPME_SOCKET_CONNECT_X,
        USED,
    ),
    s(
        204,
        PPM_SC_GETSOCKNAME,
        PPME_SOCKET_GETSOCKNAME_E,
        PPME_SOCKET_GETSOCKNAME_X,
        USED | ALWAYS_DROP,
    ),
    s(
        205,
        PPM_SC_GETPEERNAME,
        PPME_SOCKET_GETPEERNAME_E,
        PPME_SOCKET_GETPEERNAME_X,
        USED | ALWAYS_DROP,
    ),
    s(
        206,
        PPM_SC_SENDTO,
        PPME_SOCKET_SENDTO_E,
        PPME_SOCKET_SENDTO_X,
        USED,
    ),
    s(
        207,
        PPM_SC_RECVFROM,
        PPME_SOCKET_RECVFROM_E,
        PPME_SOCKET_RECVFROM_X,
        USED,
    ),
    s(
        208,
        PPM_SC_SETSOCKOPT,
        PPME_SOCKET_SETSOCKOPT_E,
        PPME_SOCKET_SETSOCKOPT_X,
        USED,
    ),
    s(
        209,
        PPM_SC_GETSOCKOPT,
        PPME_SOCKET_GETSOCKOPT_E,
        PPME_SOCKET_GETSOCKOPT_X,
        USED,
    ),
    s(
        210,
        PPM_SC_SHUTDOWN,
        PPME_SOCKET_SHUTDOWN_E,
        PPME_SOCKET_SHUTDOWN_X,
        USED,
    ),
    s(
        211,
        PPM_SC_SENDMSG,
        PPME_SOCKET_SENDMSG_E,
        PPME_SOCKET_SENDMSG_X,
        USED,
    ),
    s(
        212,
        PPM_SC_RECVMSG,
        PPME_SOCKET_RECVMSG_E,
        PPME_SOCKET_RECVMSG_X,
        USED,
    ),
    g(213, PPM_SC_READAHEAD),
    s(
        214,
        PPM_SC_BRK,
        PPME_SYSCALL_BRK_4_E,
        PPME_SYSCALL_BRK_4_X,
        USED | ALWAYS_DROP,
    ),
    s(
        215,
        PPM_SC_MUNMAP,
        PPME_SYSCALL_MUNMAP_E,
        PPME_SYSCALL_MUNMAP_X,
        USED | ALWAYS_DROP,
    ),
    g(216, PPM_SC_MREMAP),
    g(217, PPM_SC_ADD_KEY),
    g(218, PPM_SC_REQUEST_KEY),
    s(
        219,
        PPM_SC_KEYCTL,
        PPME_SYSCALL_KEYCTL_E,
        PPME_SYSCALL_KEYCTL_X,
        USED,
    ),
    s(
        220,
        PPM_SC_CLONE,
        PPME_SYSCALL_CLONE_20_E,
        PPME_SYSCALL_CLONE_20_X,
        USED | NEVER_DROP,
    ),
    s(
        221,
        PPM_SC_EXECVE,
        PPME_SYSCALL_EXECVE_19_E,
        PPME_SYSCALL_EXECVE_19_X,
        USED | NEVER_DROP,
    ),
    s(
        222,
        PPM_SC_MMAP,
        PPME_SYSCALL_MMAP_E,
        PPME_SYSCALL_MMAP_X,
        USED,
    ),
    g(223, PPM_SC_FADVISE64),
    g(224, PPM_SC_SWAPON),
    g(225, PPM_SC_SWAPOFF),
    s(
        226,
        PPM_SC_MPROTECT,
        PPME_SYSCALL_MPROTECT_E,
        PPME_SYSCALL_MPROTECT_X,
        USED,
    ),
    g(227, PPM_SC_MSYNC),
    s(
        228,
        PPM_SC_MLOCK,
        PPME_SYSCALL_MLOCK_E,
        PPME_SYSCALL_MLOCK_X,
        USED,
    ),
    s(
        229,
        PPM_SC_MUNLOCK,
        PPME_SYSCALL_MUNLOCK_E,
        PPME_SYSCALL_MUNLOCK_X,
        USED,
    ),
    s(
        230,
        PPM_SC_MLOCKALL,
        PPME_SYSCALL_MLOCKALL_E,
        PPME_SYSCALL_MLOCKALL_X,
        USED,
    ),
    s(
        231,
        PPM_SC_MUNLOCKALL,
        PPME_SYSCALL_MUNLOCKALL_E,
        PPME_SYSCALL_MUNLOCKALL_X,
        USED,
    ),
    g(232, PPM_SC_MINCORE),
    g(233, PPM_SC_MADVISE),
    g(234, PPM_SC_REMAP_FILE_PAGES),
    g(235, PPM_SC_MBIND),
    g(236, PPM_SC_GET_MEMPOLICY),
    g(237, PPM_SC_SET_MEMPOLICY),
    g(238, PPM_SC_MIGRATE_PAGES),
    g(239, PPM_SC_MOVE_PAGES),
    g(240, PPM_SC_RT_TGSIGQUEUEINFO),
    g(241, PPM_SC_PERF_EVENT_OPEN),
    s(
        242,
        PPM_SC_ACCEPT4,
        PPME_SOCKET_ACCEPT4_6_E,
        PPME_SOCKET_ACCEPT4_6_X,
        USED,
    ),
    s(
        243,
        PPM_SC_RECVMMSG,
        PPME_SOCKET_RECVMMSG_E,
        PPME_SOCKET_RECVMMSG_X,
        USED,
    ),
    g(260, PPM_SC_WAIT4),
    s(
        261,
        PPM_SC_PRLIMIT64,
        PPME_SYSCALL_PRLIMIT_E,
        PPME_SYSCALL_PRLIMIT_X,
        USED | NEVER_DROP,
    ),
    g(262, PPM_SC_FANOTIFY_INIT),
    g(263, PPM_SC_FANOTIFY_MARK),
    g(264, PPM_SC_NAME_TO_HANDLE_AT),
    s(
        265,
        PPM_SC_OPEN_BY_HANDLE_AT,
        PPME_SYSCALL_OPEN_BY_HANDLE_AT_E,
        PPME_SYSCALL_OPEN_BY_HANDLE_AT_X,
        USED,
    ),
    g(266, PPM_SC_CLOCK_ADJTIME),
    g(267, PPM_SC_SYNCFS),
    s(
        268,
        PPM_SC_SETNS,
        PPME_SYSCALL_SETNS_E,
        PPME_SYSCALL_SETNS_X,
        USED,
    ),
    s(
        269,
        PPM_SC_SENDMMSG,
        PPME_SOCKET_SENDMMSG_E,
        PPME_SOCKET_SENDMMSG_X,
        USED,
    ),
    s(
        270,
        PPM_SC_PROCESS_VM_READV,
        PPME_SYSCALL_PROCESS_VM_READV_E,
        PPME_SYSCALL_PROCESS_VM_READV_X,
        USED,
    ),
    s(
        271,
        PPM_SC_PROCESS_VM_WRITEV,
        PPME_SYSCALL_PROCESS_VM_WRITEV_E,
        PPME_SYSCALL_PROCESS_VM_WRITEV_X,
        USED,
    ),
    g(272, PPM_SC_KCMP),
    s(
        273,
        PPM_SC_FINIT_MODULE,
        PPME_SYSCALL_FINIT_MODULE_E,
        PPME_SYSCALL_FINIT_MODULE_X,
        USED,
    ),
    g(274, PPM_SC_SCHED_SETATTR),
    g(275, PPM_SC_SCHED_GETATTR),
    s(
        276,
        PPM_SC_RENAMEAT2,
        PPME_SYSCALL_RENAMEAT2_E,
        PPME_SYSCALL_RENAMEAT2_X,
        USED,
    ),
    s(
        277,
        PPM_SC_SECCOMP,
        PPME_SYSCALL_SECCOMP_E,
        PPME_SYSCALL_SECCOMP_X,
        USED,
    ),
    g(278, PPM_SC_GETRANDOM),
    s(
        279,
        PPM_SC_MEMFD_CREATE,
        PPME_SYSCALL_MEMFD_CREATE_E,
        PPME_SYSCALL_MEMFD_CREATE_X,
        USED,
    ),
    s(
        280,
        PPM_SC_BPF,
        PPME_SYSCALL_BPF_2_E,
        PPME_SYSCALL_BPF_2_X,
        USED,
    ),
    s(
        281,
        PPM_SC_EXECVEAT,
        PPME_SYSCALL_EXECVEAT_E,
        PPME_SYSCALL_EXECVEAT_X,
        USED | NEVER_DROP,
    ),
    s(
        282,
        PPM_SC_USERFAULTFD,
        PPME_SYSCALL_USERFAULTFD_E,
        PPME_SYSCALL_USERFAULTFD_X,
        USED | NEVER_DROP,
    ),
    g(283, PPM_SC_MEMBARRIER),
    s(
        284,
        PPM_SC_MLOCK2,
        PPME_SYSCALL_MLOCK2_E,
        PPME_SYSCALL_MLOCK2_X,
        USED,
    ),
    s(
        285,
        PPM_SC_COPY_FILE_RANGE,
        PPME_SYSCALL_COPY_FILE_RANGE_E,
        PPME_SYSCALL_COPY_FILE_RANGE_X,
        USED,
    ),
    g(286, PPM_SC_PREADV2),
    g(287, PPM_SC_PWRITEV2),
    g(288, PPM_SC_PKEY_MPROTECT),
    g(289, PPM_SC_PKEY_ALLOC),
    g(290, PPM_SC_PKEY_FREE),
    g(291, PPM_SC_STATX),
    g(292, PPM_SC_IO_PGETEVENTS),
    g(293, PPM_SC_RSEQ),
    g(294, PPM_SC_KEXEC_FILE_LOAD),
    g(424, PPM_SC_PIDFD_SEND_SIGNAL),
    s(
        425,
        PPM_SC_IO_URING_SETUP,
        PPME_SYSCALL_IO_URING_SETUP_E,
        PPME_SYSCALL_IO_URING_SETUP_X,
        USED,
    ),
    s(
        426,
        PPM_SC_IO_URING_ENTER,
        PPME_SYSCALL_IO_URING_ENTER_E,
        PPME_SYSCALL_IO_URING_ENTER_X,
        USED,
    ),
    s(
        427,
        PPM_SC_IO_URING_REGISTER,
        PPME_SYSCALL_IO_URING_REGISTER_E,
        PPME_SYSCALL_IO_URING_REGISTER_X,
        USED,
    ),
    g(428, PPM_SC_OPEN_TREE),
    g(429, PPM_SC_MOVE_MOUNT),
    g(430, PPM_SC_FSOPEN),
    s(
        431,
        PPM_SC_FSCONFIG,
        PPME_SYSCALL_FSCONFIG_E,
        PPME_SYSCALL_FSCONFIG_X,
        USED,
    ),
    g(432, PPM_SC_FSMOUNT),
    g(433, PPM_SC_FSPICK),
    s(
        434,
        PPM_SC_PIDFD_OPEN,
        PPME_SYSCALL_PIDFD_OPEN_E,
        PPME_SYSCALL_PIDFD_OPEN_X,
        USED,
    ),
    s(
        435,
        PPM_SC_CLONE3,
        PPME_SYSCALL_CLONE3_E,
        PPME_SYSCALL_CLONE3_X,
        USED | NEVER_DROP,
    ),
    s(
        436,
        PPM_SC_CLOSE_RANGE,
        PPME_SYSCALL_CLOSE_RANGE_E,
        PPME_SYSCALL_CLOSE_RANGE_X,
        USED | NEVER_DROP,
    ),
    s(
        437,
        PPM_SC_OPENAT2,
        PPME_SYSCALL_OPENAT2_E,
        PPME_SYSCALL_OPENAT2_X,
        USED,
    ),
    s(
        438,
        PPM_SC_PIDFD_GETFD,
        PPME_SYSCALL_PIDFD_GETFD_E,
        PPME_SYSCALL_PIDFD_GETFD_X,
        USED,
    ),
    g(439, PPM_SC_FACCESSAT2),
    g(440, PPM_SC_PROCESS_MADVISE),
    g(441, PPM_SC_EPOLL_PWAIT2),
    g(442, PPM_SC_MOUNT_SETATTR),
    g(443, PPM_SC_QUOTACTL_FD),
    g(444, PPM_SC_LANDLOCK_CREATE_RULESET),
    g(445, PPM_SC_LANDLOCK_ADD_RULE),
    g(446, PPM_SC_LANDLOCK_RESTRICT_SELF),
    g(447, PPM_SC_MEMFD_SECRET),
    g(448, PPM_SC_PROCESS_MRELEASE),
    g(449, PPM_SC_FUTEX_WAITV),
    g(450, PPM_SC_SET_MEMPOLICY_HOME_NODE),
    g(451, PPM_SC_CACHESTAT),
    g(452, PPM_SC_FCHMODAT2),
    g(453, PPM_SC_MAP_SHADOW_STACK),
    g(454, PPM_SC_FUTEX_WAKE),
    g(455, PPM_SC_FUTEX_WAIT),
    g(456, PPM_SC_FUTEX_REQUEUE),
    g(457, PPM_SC_STATMOUNT),
    g(458, PPM_SC_LISTMOUNT),
    g(459, PPM_SC_LSM_GET_SELF_ATTR),
    g(460, PPM_SC_LSM_SET_SELF_ATTR),
    g(461, PPM_SC_LSM_LIST_MODULES),
    g(462, PPM_SC_MSEAL),
    g(463, PPM_SC_SETXATTRAT),
    g(464, PPM_SC_GETXATTRAT),
    g(465, PPM_SC_LISTXATTRAT),
    g(466, PPM_SC_REMOVEXATTRAT),
    g(467, PPM_SC_OPEN_TREE_ATTR),
    g(468, PPM_SC_FILE_GETATTR),
    g(469, PPM_SC_FILE_SETATTR),
    g(470, PPM_SC_LISTNS),
    g(471, PPM_SC_RSEQ_SLICE_YIELD),
];
