//! The event table: one row per event code, in code order.
//!
//! Facts (codes, names, categories, flags and parameter lists) match falcosecurity/libs
//! `driver/event_table.c` at driver API 10.1.0, schema 4.5.1.

use crate::build::{ev, p, pdyn, pf, prel};
use crate::category as ec;
use crate::eflags as ef;
use crate::flags::*;
use crate::ParamType::*;
use crate::PrintFormat::*;
use crate::{DynType, EventInfo, ParamType, PrintFormat};

/// Event codes (`PPME_*`), named as upstream. Even codes are enter events, odd codes exit
/// events; a code is the index of its row in [`EVENTS`](crate::EVENTS).
#[allow(missing_docs)]
pub mod code {
    pub const PPME_GENERIC_E: u16 = 0;
    pub const PPME_GENERIC_X: u16 = 1;
    pub const PPME_SYSCALL_OPEN_E: u16 = 2;
    pub const PPME_SYSCALL_OPEN_X: u16 = 3;
    pub const PPME_SYSCALL_CLOSE_E: u16 = 4;
    pub const PPME_SYSCALL_CLOSE_X: u16 = 5;
    pub const PPME_SYSCALL_READ_E: u16 = 6;
    pub const PPME_SYSCALL_READ_X: u16 = 7;
    pub const PPME_SYSCALL_WRITE_E: u16 = 8;
    pub const PPME_SYSCALL_WRITE_X: u16 = 9;
    pub const PPME_SYSCALL_BRK_1_E: u16 = 10;
    pub const PPME_SYSCALL_BRK_1_X: u16 = 11;
    pub const PPME_SYSCALL_EXECVE_8_E: u16 = 12;
    pub const PPME_SYSCALL_EXECVE_8_X: u16 = 13;
    pub const PPME_SYSCALL_CLONE_11_E: u16 = 14;
    pub const PPME_SYSCALL_CLONE_11_X: u16 = 15;
    pub const PPME_PROCEXIT_E: u16 = 16;
    pub const PPME_PROCEXIT_X: u16 = 17;
    pub const PPME_SOCKET_SOCKET_E: u16 = 18;
    pub const PPME_SOCKET_SOCKET_X: u16 = 19;
    pub const PPME_SOCKET_BIND_E: u16 = 20;
    pub const PPME_SOCKET_BIND_X: u16 = 21;
    pub const PPME_SOCKET_CONNECT_E: u16 = 22;
    pub const PPME_SOCKET_CONNECT_X: u16 = 23;
    pub const PPME_SOCKET_LISTEN_E: u16 = 24;
    pub const PPME_SOCKET_LISTEN_X: u16 = 25;
    pub const PPME_SOCKET_ACCEPT_E: u16 = 26;
    pub const PPME_SOCKET_ACCEPT_X: u16 = 27;
    pub const PPME_SOCKET_SEND_E: u16 = 28;
    pub const PPME_SOCKET_SEND_X: u16 = 29;
    pub const PPME_SOCKET_SENDTO_E: u16 = 30;
    pub const PPME_SOCKET_SENDTO_X: u16 = 31;
    pub const PPME_SOCKET_RECV_E: u16 = 32;
    pub const PPME_SOCKET_RECV_X: u16 = 33;
    pub const PPME_SOCKET_RECVFROM_E: u16 = 34;
    pub const PPME_SOCKET_RECVFROM_X: u16 = 35;
    pub const PPME_SOCKET_SHUTDOWN_E: u16 = 36;
    pub const PPME_SOCKET_SHUTDOWN_X: u16 = 37;
    pub const PPME_SOCKET_GETSOCKNAME_E: u16 = 38;
    pub const PPME_SOCKET_GETSOCKNAME_X: u16 = 39;
    pub const PPME_SOCKET_GETPEERNAME_E: u16 = 40;
    pub const PPME_SOCKET_GETPEERNAME_X: u16 = 41;
    pub const PPME_SOCKET_SOCKETPAIR_E: u16 = 42;
    pub const PPME_SOCKET_SOCKETPAIR_X: u16 = 43;
    pub const PPME_SOCKET_SETSOCKOPT_E: u16 = 44;
    pub const PPME_SOCKET_SETSOCKOPT_X: u16 = 45;
    pub const PPME_SOCKET_GETSOCKOPT_E: u16 = 46;
    pub const PPME_SOCKET_GETSOCKOPT_X: u16 = 47;
    pub const PPME_SOCKET_SENDMSG_E: u16 = 48;
    pub const PPME_SOCKET_SENDMSG_X: u16 = 49;
    pub const PPME_SOCKET_SENDMMSG_E: u16 = 50;
    pub const PPME_SOCKET_SENDMMSG_X: u16 = 51;
    pub const PPME_SOCKET_RECVMSG_E: u16 = 52;
    pub const PPME_SOCKET_RECVMSG_X: u16 = 53;
    pub const PPME_SOCKET_RECVMMSG_E: u16 = 54;
    pub const PPME_SOCKET_RECVMMSG_X: u16 = 55;
    pub const PPME_SOCKET_ACCEPT4_E: u16 = 56;
    pub const PPME_SOCKET_ACCEPT4_X: u16 = 57;
    pub const PPME_SYSCALL_CREAT_E: u16 = 58;
    pub const PPME_SYSCALL_CREAT_X: u16 = 59;
    pub const PPME_SYSCALL_PIPE_E: u16 = 60;
    pub const PPME_SYSCALL_PIPE_X: u16 = 61;
    pub const PPME_SYSCALL_EVENTFD_E: u16 = 62;
    pub const PPME_SYSCALL_EVENTFD_X: u16 = 63;
    pub const PPME_SYSCALL_FUTEX_E: u16 = 64;
    pub const PPME_SYSCALL_FUTEX_X: u16 = 65;
    pub const PPME_SYSCALL_STAT_E: u16 = 66;
    pub const PPME_SYSCALL_STAT_X: u16 = 67;
    pub const PPME_SYSCALL_LSTAT_E: u16 = 68;
    pub const PPME_SYSCALL_LSTAT_X: u16 = 69;
    pub const PPME_SYSCALL_FSTAT_E: u16 = 70;
    pub const PPME_SYSCALL_FSTAT_X: u16 = 71;
    pub const PPME_SYSCALL_STAT64_E: u16 = 72;
    pub const PPME_SYSCALL_STAT64_X: u16 = 73;
    pub const PPME_SYSCALL_LSTAT64_E: u16 = 74;
    pub const PPME_SYSCALL_LSTAT64_X: u16 = 75;
    pub const PPME_SYSCALL_FSTAT64_E: u16 = 76;
    pub const PPME_SYSCALL_FSTAT64_X: u16 = 77;
    pub const PPME_SYSCALL_EPOLLWAIT_E: u16 = 78;
    pub const PPME_SYSCALL_EPOLLWAIT_X: u16 = 79;
    pub const PPME_SYSCALL_POLL_E: u16 = 80;
    pub const PPME_SYSCALL_POLL_X: u16 = 81;
    pub const PPME_SYSCALL_SELECT_E: u16 = 82;
    pub const PPME_SYSCALL_SELECT_X: u16 = 83;
    pub const PPME_SYSCALL_NEWSELECT_E: u16 = 84;
    pub const PPME_SYSCALL_NEWSELECT_X: u16 = 85;
    pub const PPME_SYSCALL_LSEEK_E: u16 = 86;
    pub const PPME_SYSCALL_LSEEK_X: u16 = 87;
    pub const PPME_SYSCALL_LLSEEK_E: u16 = 88;
    pub const PPME_SYSCALL_LLSEEK_X: u16 = 89;
    pub const PPME_SYSCALL_IOCTL_2_E: u16 = 90;
    pub const PPME_SYSCALL_IOCTL_2_X: u16 = 91;
    pub const PPME_SYSCALL_GETCWD_E: u16 = 92;
    pub const PPME_SYSCALL_GETCWD_X: u16 = 93;
    pub const PPME_SYSCALL_CHDIR_E: u16 = 94;
    pub const PPME_SYSCALL_CHDIR_X: u16 = 95;
    pub const PPME_SYSCALL_FCHDIR_E: u16 = 96;
    pub const PPME_SYSCALL_FCHDIR_X: u16 = 97;
    pub const PPME_SYSCALL_MKDIR_E: u16 = 98;
    pub const PPME_SYSCALL_MKDIR_X: u16 = 99;
    pub const PPME_SYSCALL_RMDIR_E: u16 = 100;
    pub const PPME_SYSCALL_RMDIR_X: u16 = 101;
    pub const PPME_SYSCALL_OPENAT_E: u16 = 102;
    pub const PPME_SYSCALL_OPENAT_X: u16 = 103;
    pub const PPME_SYSCALL_LINK_E: u16 = 104;
    pub const PPME_SYSCALL_LINK_X: u16 = 105;
    pub const PPME_SYSCALL_LINKAT_E: u16 = 106;
    pub const PPME_SYSCALL_LINKAT_X: u16 = 107;
    pub const PPME_SYSCALL_UNLINK_E: u16 = 108;
    pub const PPME_SYSCALL_UNLINK_X: u16 = 109;
    pub const PPME_SYSCALL_UNLINKAT_E: u16 = 110;
    pub const PPME_SYSCALL_UNLINKAT_X: u16 = 111;
    pub const PPME_SYSCALL_PREAD_E: u16 = 112;
    pub const PPME_SYSCALL_PREAD_X: u16 = 113;
    pub const PPME_SYSCALL_PWRITE_E: u16 = 114;
    pub const PPME_SYSCALL_PWRITE_X: u16 = 115;
    pub const PPME_SYSCALL_READV_E: u16 = 116;
    pub const PPME_SYSCALL_READV_X: u16 = 117;
    pub const PPME_SYSCALL_WRITEV_E: u16 = 118;
    pub const PPME_SYSCALL_WRITEV_X: u16 = 119;
    pub const PPME_SYSCALL_PREADV_E: u16 = 120;
    pub const PPME_SYSCALL_PREADV_X: u16 = 121;
    pub const PPME_SYSCALL_PWRITEV_E: u16 = 122;
    pub const PPME_SYSCALL_PWRITEV_X: u16 = 123;
    pub const PPME_SYSCALL_DUP_E: u16 = 124;
    pub const PPME_SYSCALL_DUP_X: u16 = 125;
    pub const PPME_SYSCALL_SIGNALFD_E: u16 = 126;
    pub const PPME_SYSCALL_SIGNALFD_X: u16 = 127;
    pub const PPME_SYSCALL_KILL_E: u16 = 128;
    pub const PPME_SYSCALL_KILL_X: u16 = 129;
    pub const PPME_SYSCALL_TKILL_E: u16 = 130;
    pub const PPME_SYSCALL_TKILL_X: u16 = 131;
    pub const PPME_SYSCALL_TGKILL_E: u16 = 132;
    pub const PPME_SYSCALL_TGKILL_X: u16 = 133;
    pub const PPME_SYSCALL_NANOSLEEP_E: u16 = 134;
    pub const PPME_SYSCALL_NANOSLEEP_X: u16 = 135;
    pub const PPME_SYSCALL_TIMERFD_CREATE_E: u16 = 136;
    pub const PPME_SYSCALL_TIMERFD_CREATE_X: u16 = 137;
    pub const PPME_SYSCALL_INOTIFY_INIT_E: u16 = 138;
    pub const PPME_SYSCALL_INOTIFY_INIT_X: u16 = 139;
    pub const PPME_SYSCALL_GETRLIMIT_E: u16 = 140;
    pub const PPME_SYSCALL_GETRLIMIT_X: u16 = 141;
    pub const PPME_SYSCALL_SETRLIMIT_E: u16 = 142;
    pub const PPME_SYSCALL_SETRLIMIT_X: u16 = 143;
    pub const PPME_SYSCALL_PRLIMIT_E: u16 = 144;
    pub const PPME_SYSCALL_PRLIMIT_X: u16 = 145;
    pub const PPME_SCHEDSWITCH_1_E: u16 = 146;
    pub const PPME_SCHEDSWITCH_1_X: u16 = 147;
    pub const PPME_DROP_E: u16 = 148;
    pub const PPME_DROP_X: u16 = 149;
    pub const PPME_SYSCALL_FCNTL_E: u16 = 150;
    pub const PPME_SYSCALL_FCNTL_X: u16 = 151;
    pub const PPME_SCHEDSWITCH_6_E: u16 = 152;
    pub const PPME_SCHEDSWITCH_6_X: u16 = 153;
    pub const PPME_SYSCALL_EXECVE_13_E: u16 = 154;
    pub const PPME_SYSCALL_EXECVE_13_X: u16 = 155;
    pub const PPME_SYSCALL_CLONE_16_E: u16 = 156;
    pub const PPME_SYSCALL_CLONE_16_X: u16 = 157;
    pub const PPME_SYSCALL_BRK_4_E: u16 = 158;
    pub const PPME_SYSCALL_BRK_4_X: u16 = 159;
    pub const PPME_SYSCALL_MMAP_E: u16 = 160;
    pub const PPME_SYSCALL_MMAP_X: u16 = 161;
    pub const PPME_SYSCALL_MMAP2_E: u16 = 162;
    pub const PPME_SYSCALL_MMAP2_X: u16 = 163;
    pub const PPME_SYSCALL_MUNMAP_E: u16 = 164;
    pub const PPME_SYSCALL_MUNMAP_X: u16 = 165;
    pub const PPME_SYSCALL_SPLICE_E: u16 = 166;
    pub const PPME_SYSCALL_SPLICE_X: u16 = 167;
    pub const PPME_SYSCALL_PTRACE_E: u16 = 168;
    pub const PPME_SYSCALL_PTRACE_X: u16 = 169;
    pub const PPME_SYSCALL_IOCTL_3_E: u16 = 170;
    pub const PPME_SYSCALL_IOCTL_3_X: u16 = 171;
    pub const PPME_SYSCALL_EXECVE_14_E: u16 = 172;
    pub const PPME_SYSCALL_EXECVE_14_X: u16 = 173;
    pub const PPME_SYSCALL_RENAME_E: u16 = 174;
    pub const PPME_SYSCALL_RENAME_X: u16 = 175;
    pub const PPME_SYSCALL_RENAMEAT_E: u16 = 176;
    pub const PPME_SYSCALL_RENAMEAT_X: u16 = 177;
    pub const PPME_SYSCALL_SYMLINK_E: u16 = 178;
    pub const PPME_SYSCALL_SYMLINK_X: u16 = 179;
    pub const PPME_SYSCALL_SYMLINKAT_E: u16 = 180;
    pub const PPME_SYSCALL_SYMLINKAT_X: u16 = 181;
    pub const PPME_SYSCALL_FORK_E: u16 = 182;
    pub const PPME_SYSCALL_FORK_X: u16 = 183;
    pub const PPME_SYSCALL_VFORK_E: u16 = 184;
    pub const PPME_SYSCALL_VFORK_X: u16 = 185;
    pub const PPME_PROCEXIT_1_E: u16 = 186;
    pub const PPME_PROCEXIT_1_X: u16 = 187;
    pub const PPME_SYSCALL_SENDFILE_E: u16 = 188;
    pub const PPME_SYSCALL_SENDFILE_X: u16 = 189;
    pub const PPME_SYSCALL_QUOTACTL_E: u16 = 190;
    pub const PPME_SYSCALL_QUOTACTL_X: u16 = 191;
    pub const PPME_SYSCALL_SETRESUID_E: u16 = 192;
    pub const PPME_SYSCALL_SETRESUID_X: u16 = 193;
    pub const PPME_SYSCALL_SETRESGID_E: u16 = 194;
    pub const PPME_SYSCALL_SETRESGID_X: u16 = 195;
    pub const PPME_SCAPEVENT_E: u16 = 196;
    pub const PPME_SCAPEVENT_X: u16 = 197;
    pub const PPME_SYSCALL_SETUID_E: u16 = 198;
    pub const PPME_SYSCALL_SETUID_X: u16 = 199;
    pub const PPME_SYSCALL_SETGID_E: u16 = 200;
    pub const PPME_SYSCALL_SETGID_X: u16 = 201;
    pub const PPME_SYSCALL_GETUID_E: u16 = 202;
    pub const PPME_SYSCALL_GETUID_X: u16 = 203;
    pub const PPME_SYSCALL_GETEUID_E: u16 = 204;
    pub const PPME_SYSCALL_GETEUID_X: u16 = 205;
    pub const PPME_SYSCALL_GETGID_E: u16 = 206;
    pub const PPME_SYSCALL_GETGID_X: u16 = 207;
    pub const PPME_SYSCALL_GETEGID_E: u16 = 208;
    pub const PPME_SYSCALL_GETEGID_X: u16 = 209;
    pub const PPME_SYSCALL_GETRESUID_E: u16 = 210;
    pub const PPME_SYSCALL_GETRESUID_X: u16 = 211;
    pub const PPME_SYSCALL_GETRESGID_E: u16 = 212;
    pub const PPME_SYSCALL_GETRESGID_X: u16 = 213;
    pub const PPME_SYSCALL_EXECVE_15_E: u16 = 214;
    pub const PPME_SYSCALL_EXECVE_15_X: u16 = 215;
    pub const PPME_SYSCALL_CLONE_17_E: u16 = 216;
    pub const PPME_SYSCALL_CLONE_17_X: u16 = 217;
    pub const PPME_SYSCALL_FORK_17_E: u16 = 218;
    pub const PPME_SYSCALL_FORK_17_X: u16 = 219;
    pub const PPME_SYSCALL_VFORK_17_E: u16 = 220;
    pub const PPME_SYSCALL_VFORK_17_X: u16 = 221;
    pub const PPME_SYSCALL_CLONE_20_E: u16 = 222;
    pub const PPME_SYSCALL_CLONE_20_X: u16 = 223;
    pub const PPME_SYSCALL_FORK_20_E: u16 = 224;
    pub const PPME_SYSCALL_FORK_20_X: u16 = 225;
    pub const PPME_SYSCALL_VFORK_20_E: u16 = 226;
    pub const PPME_SYSCALL_VFORK_20_X: u16 = 227;
    pub const PPME_CONTAINER_E: u16 = 228;
    pub const PPME_CONTAINER_X: u16 = 229;
    pub const PPME_SYSCALL_EXECVE_16_E: u16 = 230;
    pub const PPME_SYSCALL_EXECVE_16_X: u16 = 231;
    pub const PPME_SIGNALDELIVER_E: u16 = 232;
    pub const PPME_SIGNALDELIVER_X: u16 = 233;
    pub const PPME_PROCINFO_E: u16 = 234;
    pub const PPME_PROCINFO_X: u16 = 235;
    pub const PPME_SYSCALL_GETDENTS_E: u16 = 236;
    pub const PPME_SYSCALL_GETDENTS_X: u16 = 237;
    pub const PPME_SYSCALL_GETDENTS64_E: u16 = 238;
    pub const PPME_SYSCALL_GETDENTS64_X: u16 = 239;
    pub const PPME_SYSCALL_SETNS_E: u16 = 240;
    pub const PPME_SYSCALL_SETNS_X: u16 = 241;
    pub const PPME_SYSCALL_FLOCK_E: u16 = 242;
    pub const PPME_SYSCALL_FLOCK_X: u16 = 243;
    pub const PPME_CPU_HOTPLUG_E: u16 = 244;
    pub const PPME_CPU_HOTPLUG_X: u16 = 245;
    pub const PPME_SOCKET_ACCEPT_5_E: u16 = 246;
    pub const PPME_SOCKET_ACCEPT_5_X: u16 = 247;
    pub const PPME_SOCKET_ACCEPT4_5_E: u16 = 248;
    pub const PPME_SOCKET_ACCEPT4_5_X: u16 = 249;
    pub const PPME_SYSCALL_SEMOP_E: u16 = 250;
    pub const PPME_SYSCALL_SEMOP_X: u16 = 251;
    pub const PPME_SYSCALL_SEMCTL_E: u16 = 252;
    pub const PPME_SYSCALL_SEMCTL_X: u16 = 253;
    pub const PPME_SYSCALL_PPOLL_E: u16 = 254;
    pub const PPME_SYSCALL_PPOLL_X: u16 = 255;
    pub const PPME_SYSCALL_MOUNT_E: u16 = 256;
    pub const PPME_SYSCALL_MOUNT_X: u16 = 257;
    pub const PPME_SYSCALL_UMOUNT_E: u16 = 258;
    pub const PPME_SYSCALL_UMOUNT_X: u16 = 259;
    pub const PPME_K8S_E: u16 = 260;
    pub const PPME_K8S_X: u16 = 261;
    pub const PPME_SYSCALL_SEMGET_E: u16 = 262;
    pub const PPME_SYSCALL_SEMGET_X: u16 = 263;
    pub const PPME_SYSCALL_ACCESS_E: u16 = 264;
    pub const PPME_SYSCALL_ACCESS_X: u16 = 265;
    pub const PPME_SYSCALL_CHROOT_E: u16 = 266;
    pub const PPME_SYSCALL_CHROOT_X: u16 = 267;
    pub const PPME_TRACER_E: u16 = 268;
    pub const PPME_TRACER_X: u16 = 269;
    pub const PPME_MESOS_E: u16 = 270;
    pub const PPME_MESOS_X: u16 = 271;
    pub const PPME_CONTAINER_JSON_E: u16 = 272;
    pub const PPME_CONTAINER_JSON_X: u16 = 273;
    pub const PPME_SYSCALL_SETSID_E: u16 = 274;
    pub const PPME_SYSCALL_SETSID_X: u16 = 275;
    pub const PPME_SYSCALL_MKDIR_2_E: u16 = 276;
    pub const PPME_SYSCALL_MKDIR_2_X: u16 = 277;
    pub const PPME_SYSCALL_RMDIR_2_E: u16 = 278;
    pub const PPME_SYSCALL_RMDIR_2_X: u16 = 279;
    pub const PPME_NOTIFICATION_E: u16 = 280;
    pub const PPME_NOTIFICATION_X: u16 = 281;
    pub const PPME_SYSCALL_EXECVE_17_E: u16 = 282;
    pub const PPME_SYSCALL_EXECVE_17_X: u16 = 283;
    pub const PPME_SYSCALL_UNSHARE_E: u16 = 284;
    pub const PPME_SYSCALL_UNSHARE_X: u16 = 285;
    pub const PPME_INFRASTRUCTURE_EVENT_E: u16 = 286;
    pub const PPME_INFRASTRUCTURE_EVENT_X: u16 = 287;
    pub const PPME_SYSCALL_EXECVE_18_E: u16 = 288;
    pub const PPME_SYSCALL_EXECVE_18_X: u16 = 289;
    pub const PPME_PAGE_FAULT_E: u16 = 290;
    pub const PPME_PAGE_FAULT_X: u16 = 291;
    pub const PPME_SYSCALL_EXECVE_19_E: u16 = 292;
    pub const PPME_SYSCALL_EXECVE_19_X: u16 = 293;
    pub const PPME_SYSCALL_SETPGID_E: u16 = 294;
    pub const PPME_SYSCALL_SETPGID_X: u16 = 295;
    pub const PPME_SYSCALL_BPF_E: u16 = 296;
    pub const PPME_SYSCALL_BPF_X: u16 = 297;
    pub const PPME_SYSCALL_SECCOMP_E: u16 = 298;
    pub const PPME_SYSCALL_SECCOMP_X: u16 = 299;
    pub const PPME_SYSCALL_UNLINK_2_E: u16 = 300;
    pub const PPME_SYSCALL_UNLINK_2_X: u16 = 301;
    pub const PPME_SYSCALL_UNLINKAT_2_E: u16 = 302;
    pub const PPME_SYSCALL_UNLINKAT_2_X: u16 = 303;
    pub const PPME_SYSCALL_MKDIRAT_E: u16 = 304;
    pub const PPME_SYSCALL_MKDIRAT_X: u16 = 305;
    pub const PPME_SYSCALL_OPENAT_2_E: u16 = 306;
    pub const PPME_SYSCALL_OPENAT_2_X: u16 = 307;
    pub const PPME_SYSCALL_LINK_2_E: u16 = 308;
    pub const PPME_SYSCALL_LINK_2_X: u16 = 309;
    pub const PPME_SYSCALL_LINKAT_2_E: u16 = 310;
    pub const PPME_SYSCALL_LINKAT_2_X: u16 = 311;
    pub const PPME_SYSCALL_FCHMODAT_E: u16 = 312;
    pub const PPME_SYSCALL_FCHMODAT_X: u16 = 313;
    pub const PPME_SYSCALL_CHMOD_E: u16 = 314;
    pub const PPME_SYSCALL_CHMOD_X: u16 = 315;
    pub const PPME_SYSCALL_FCHMOD_E: u16 = 316;
    pub const PPME_SYSCALL_FCHMOD_X: u16 = 317;
    pub const PPME_SYSCALL_RENAMEAT2_E: u16 = 318;
    pub const PPME_SYSCALL_RENAMEAT2_X: u16 = 319;
    pub const PPME_SYSCALL_USERFAULTFD_E: u16 = 320;
    pub const PPME_SYSCALL_USERFAULTFD_X: u16 = 321;
    pub const PPME_PLUGINEVENT_E: u16 = 322;
    pub const PPME_PLUGINEVENT_X: u16 = 323;
    pub const PPME_CONTAINER_JSON_2_E: u16 = 324;
    pub const PPME_CONTAINER_JSON_2_X: u16 = 325;
    pub const PPME_SYSCALL_OPENAT2_E: u16 = 326;
    pub const PPME_SYSCALL_OPENAT2_X: u16 = 327;
    pub const PPME_SYSCALL_MPROTECT_E: u16 = 328;
    pub const PPME_SYSCALL_MPROTECT_X: u16 = 329;
    pub const PPME_SYSCALL_EXECVEAT_E: u16 = 330;
    pub const PPME_SYSCALL_EXECVEAT_X: u16 = 331;
    pub const PPME_SYSCALL_COPY_FILE_RANGE_E: u16 = 332;
    pub const PPME_SYSCALL_COPY_FILE_RANGE_X: u16 = 333;
    pub const PPME_SYSCALL_CLONE3_E: u16 = 334;
    pub const PPME_SYSCALL_CLONE3_X: u16 = 335;
    pub const PPME_SYSCALL_OPEN_BY_HANDLE_AT_E: u16 = 336;
    pub const PPME_SYSCALL_OPEN_BY_HANDLE_AT_X: u16 = 337;
    pub const PPME_SYSCALL_IO_URING_SETUP_E: u16 = 338;
    pub const PPME_SYSCALL_IO_URING_SETUP_X: u16 = 339;
    pub const PPME_SYSCALL_IO_URING_ENTER_E: u16 = 340;
    pub const PPME_SYSCALL_IO_URING_ENTER_X: u16 = 341;
    pub const PPME_SYSCALL_IO_URING_REGISTER_E: u16 = 342;
    pub const PPME_SYSCALL_IO_URING_REGISTER_X: u16 = 343;
    pub const PPME_SYSCALL_MLOCK_E: u16 = 344;
    pub const PPME_SYSCALL_MLOCK_X: u16 = 345;
    pub const PPME_SYSCALL_MUNLOCK_E: u16 = 346;
    pub const PPME_SYSCALL_MUNLOCK_X: u16 = 347;
    pub const PPME_SYSCALL_MLOCKALL_E: u16 = 348;
    pub const PPME_SYSCALL_MLOCKALL_X: u16 = 349;
    pub const PPME_SYSCALL_MUNLOCKALL_E: u16 = 350;
    pub const PPME_SYSCALL_MUNLOCKALL_X: u16 = 351;
    pub const PPME_SYSCALL_CAPSET_E: u16 = 352;
    pub const PPME_SYSCALL_CAPSET_X: u16 = 353;
    pub const PPME_USER_ADDED_E: u16 = 354;
    pub const PPME_USER_ADDED_X: u16 = 355;
    pub const PPME_USER_DELETED_E: u16 = 356;
    pub const PPME_USER_DELETED_X: u16 = 357;
    pub const PPME_GROUP_ADDED_E: u16 = 358;
    pub const PPME_GROUP_ADDED_X: u16 = 359;
    pub const PPME_GROUP_DELETED_E: u16 = 360;
    pub const PPME_GROUP_DELETED_X: u16 = 361;
    pub const PPME_SYSCALL_DUP2_E: u16 = 362;
    pub const PPME_SYSCALL_DUP2_X: u16 = 363;
    pub const PPME_SYSCALL_DUP3_E: u16 = 364;
    pub const PPME_SYSCALL_DUP3_X: u16 = 365;
    pub const PPME_SYSCALL_DUP_1_E: u16 = 366;
    pub const PPME_SYSCALL_DUP_1_X: u16 = 367;
    pub const PPME_SYSCALL_BPF_2_E: u16 = 368;
    pub const PPME_SYSCALL_BPF_2_X: u16 = 369;
    pub const PPME_SYSCALL_MLOCK2_E: u16 = 370;
    pub const PPME_SYSCALL_MLOCK2_X: u16 = 371;
    pub const PPME_SYSCALL_FSCONFIG_E: u16 = 372;
    pub const PPME_SYSCALL_FSCONFIG_X: u16 = 373;
    pub const PPME_SYSCALL_EPOLL_CREATE_E: u16 = 374;
    pub const PPME_SYSCALL_EPOLL_CREATE_X: u16 = 375;
    pub const PPME_SYSCALL_EPOLL_CREATE1_E: u16 = 376;
    pub const PPME_SYSCALL_EPOLL_CREATE1_X: u16 = 377;
    pub const PPME_SYSCALL_CHOWN_E: u16 = 378;
    pub const PPME_SYSCALL_CHOWN_X: u16 = 379;
    pub const PPME_SYSCALL_LCHOWN_E: u16 = 380;
    pub const PPME_SYSCALL_LCHOWN_X: u16 = 381;
    pub const PPME_SYSCALL_FCHOWN_E: u16 = 382;
    pub const PPME_SYSCALL_FCHOWN_X: u16 = 383;
    pub const PPME_SYSCALL_FCHOWNAT_E: u16 = 384;
    pub const PPME_SYSCALL_FCHOWNAT_X: u16 = 385;
    pub const PPME_SYSCALL_UMOUNT_1_E: u16 = 386;
    pub const PPME_SYSCALL_UMOUNT_1_X: u16 = 387;
    pub const PPME_SOCKET_ACCEPT4_6_E: u16 = 388;
    pub const PPME_SOCKET_ACCEPT4_6_X: u16 = 389;
    pub const PPME_SYSCALL_UMOUNT2_E: u16 = 390;
    pub const PPME_SYSCALL_UMOUNT2_X: u16 = 391;
    pub const PPME_SYSCALL_PIPE2_E: u16 = 392;
    pub const PPME_SYSCALL_PIPE2_X: u16 = 393;
    pub const PPME_SYSCALL_INOTIFY_INIT1_E: u16 = 394;
    pub const PPME_SYSCALL_INOTIFY_INIT1_X: u16 = 395;
    pub const PPME_SYSCALL_EVENTFD2_E: u16 = 396;
    pub const PPME_SYSCALL_EVENTFD2_X: u16 = 397;
    pub const PPME_SYSCALL_SIGNALFD4_E: u16 = 398;
    pub const PPME_SYSCALL_SIGNALFD4_X: u16 = 399;
    pub const PPME_SYSCALL_PRCTL_E: u16 = 400;
    pub const PPME_SYSCALL_PRCTL_X: u16 = 401;
    pub const PPME_ASYNCEVENT_E: u16 = 402;
    pub const PPME_ASYNCEVENT_X: u16 = 403;
    pub const PPME_SYSCALL_MEMFD_CREATE_E: u16 = 404;
    pub const PPME_SYSCALL_MEMFD_CREATE_X: u16 = 405;
    pub const PPME_SYSCALL_PIDFD_GETFD_E: u16 = 406;
    pub const PPME_SYSCALL_PIDFD_GETFD_X: u16 = 407;
    pub const PPME_SYSCALL_PIDFD_OPEN_E: u16 = 408;
    pub const PPME_SYSCALL_PIDFD_OPEN_X: u16 = 409;
    pub const PPME_SYSCALL_INIT_MODULE_E: u16 = 410;
    pub const PPME_SYSCALL_INIT_MODULE_X: u16 = 411;
    pub const PPME_SYSCALL_FINIT_MODULE_E: u16 = 412;
    pub const PPME_SYSCALL_FINIT_MODULE_X: u16 = 413;
    pub const PPME_SYSCALL_MKNOD_E: u16 = 414;
    pub const PPME_SYSCALL_MKNOD_X: u16 = 415;
    pub const PPME_SYSCALL_MKNODAT_E: u16 = 416;
    pub const PPME_SYSCALL_MKNODAT_X: u16 = 417;
    pub const PPME_SYSCALL_NEWFSTATAT_E: u16 = 418;
    pub const PPME_SYSCALL_NEWFSTATAT_X: u16 = 419;
    pub const PPME_SYSCALL_PROCESS_VM_READV_E: u16 = 420;
    pub const PPME_SYSCALL_PROCESS_VM_READV_X: u16 = 421;
    pub const PPME_SYSCALL_PROCESS_VM_WRITEV_E: u16 = 422;
    pub const PPME_SYSCALL_PROCESS_VM_WRITEV_X: u16 = 423;
    pub const PPME_SYSCALL_DELETE_MODULE_E: u16 = 424;
    pub const PPME_SYSCALL_DELETE_MODULE_X: u16 = 425;
    pub const PPME_SYSCALL_SETREUID_E: u16 = 426;
    pub const PPME_SYSCALL_SETREUID_X: u16 = 427;
    pub const PPME_SYSCALL_SETREGID_E: u16 = 428;
    pub const PPME_SYSCALL_SETREGID_X: u16 = 429;
    pub const PPME_ITER_TASK_E: u16 = 430;
    pub const PPME_ITER_TASK_X: u16 = 431;
    pub const PPME_ITER_TASK_FILE_PIPE_E: u16 = 432;
    pub const PPME_ITER_TASK_FILE_PIPE_X: u16 = 433;
    pub const PPME_ITER_TASK_FILE_MEMFD_E: u16 = 434;
    pub const PPME_ITER_TASK_FILE_MEMFD_X: u16 = 435;
    pub const PPME_ITER_TASK_FILE_REGULAR_E: u16 = 436;
    pub const PPME_ITER_TASK_FILE_REGULAR_X: u16 = 437;
    pub const PPME_ITER_TASK_FILE_DIRECTORY_E: u16 = 438;
    pub const PPME_ITER_TASK_FILE_DIRECTORY_X: u16 = 439;
    pub const PPME_ITER_TASK_FILE_SOCKET_INET_E: u16 = 440;
    pub const PPME_ITER_TASK_FILE_SOCKET_INET_X: u16 = 441;
    pub const PPME_ITER_TASK_FILE_SOCKET_INET6_E: u16 = 442;
    pub const PPME_ITER_TASK_FILE_SOCKET_INET6_X: u16 = 443;
    pub const PPME_ITER_TASK_FILE_SOCKET_UNIX_E: u16 = 444;
    pub const PPME_ITER_TASK_FILE_SOCKET_UNIX_X: u16 = 445;
    pub const PPME_ITER_TASK_FILE_SOCKET_NETLINK_E: u16 = 446;
    pub const PPME_ITER_TASK_FILE_SOCKET_NETLINK_X: u16 = 447;
    pub const PPME_ITER_TASK_FILE_ANON_INODE_E: u16 = 448;
    pub const PPME_ITER_TASK_FILE_ANON_INODE_X: u16 = 449;
    pub const PPME_SYSCALL_CLOSE_RANGE_E: u16 = 450;
    pub const PPME_SYSCALL_CLOSE_RANGE_X: u16 = 451;
    pub const PPME_SYSCALL_KEYCTL_E: u16 = 452;
    pub const PPME_SYSCALL_KEYCTL_X: u16 = 453;
}

/// Number of event codes (`PPM_EVENT_MAX`).
pub const EVENT_MAX: usize = 454;

/// Types of the `DYN` parameters described by `sockopt_dynamic_param` upstream, indexed by
/// the value's leading u8.
pub static SOCKOPT_DYN: [DynType; 5] = [
    d(Bytebuf, Hex),
    d(Errno, Dec),
    d(Uint32, Dec),
    d(Uint64, Dec),
    d(Reltime, Dec),
];

/// Types of the `DYN` parameters described by `ptrace_dynamic_param` upstream, indexed by
/// the value's leading u8.
pub static PTRACE_DYN: [DynType; 2] = [d(Uint64, Hex), d(Sigtype, Dec)];

/// Types of the `DYN` parameters described by `bpf_dynamic_param` upstream, indexed by
/// the value's leading u8.
pub static BPF_DYN: [DynType; 2] = [d(Fd, Dec), d(Errno, Dec)];

/// Types of the `DYN` parameters described by `keyctl_dynamic_param` upstream, indexed by
/// the value's leading u8.
pub static KEYCTL_DYN: [DynType; 2] = [d(Int64, Dec), d(Charbuf, Na)];

const fn d(ty: ParamType, fmt: PrintFormat) -> DynType {
    DynType { ty, fmt }
}

/// Every event type, indexed by code.
pub static EVENTS: [EventInfo; EVENT_MAX] = [
    ev(
        code::PPME_GENERIC_E,
        "syscall",
        ec::OTHER | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("ID", Syscallid, Dec), p("nativeID", Uint16, Dec)],
    ),
    ev(
        code::PPME_GENERIC_X,
        "syscall",
        ec::OTHER | ec::SYSCALL,
        ef::CONVERTER_MANAGED,
        &[p("ID", Syscallid, Dec), p("nativeID", Uint16, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_OPEN_E,
        "open",
        ec::FILE | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("name", Fspath, Na),
            pf("flags", Flags32, Hex, &FILE_FLAGS),
            p("mode", Uint32, Oct),
        ],
    ),
    ev(
        code::PPME_SYSCALL_OPEN_X,
        "open",
        ec::FILE | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("fd", Fd, Dec),
            p("name", Fspath, Na),
            pf("flags", Flags32, Hex, &FILE_FLAGS),
            p("mode", Uint32, Oct),
            p("dev", Uint32, Hex),
            p("ino", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_CLOSE_E,
        "close",
        ec::IO_OTHER | ec::SYSCALL,
        ef::DESTROYS_FD
            | ef::USES_FD
            | ef::MODIFIES_STATE
            | ef::OLD_VERSION
            | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_CLOSE_X,
        "close",
        ec::IO_OTHER | ec::SYSCALL,
        ef::DESTROYS_FD | ef::USES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[p("res", Errno, Dec), p("fd", Fd, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_READ_E,
        "read",
        ec::IO_READ | ec::SYSCALL,
        ef::USES_FD | ef::READS_FROM_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Dec), p("size", Uint32, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_READ_X,
        "read",
        ec::IO_READ | ec::SYSCALL,
        ef::USES_FD | ef::READS_FROM_FD | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("data", Bytebuf, Na),
            p("fd", Fd, Dec),
            p("size", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_WRITE_E,
        "write",
        ec::IO_WRITE | ec::SYSCALL,
        ef::USES_FD | ef::WRITES_TO_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Dec), p("size", Uint32, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_WRITE_X,
        "write",
        ec::IO_WRITE | ec::SYSCALL,
        ef::USES_FD | ef::WRITES_TO_FD | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("data", Bytebuf, Na),
            p("fd", Fd, Dec),
            p("size", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_BRK_1_E,
        "brk",
        ec::MEMORY | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("size", Uint32, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_BRK_1_X,
        "brk",
        ec::MEMORY | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("res", Uint64, Hex)],
    ),
    ev(
        code::PPME_SYSCALL_EXECVE_8_E,
        "execve",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_EXECVE_8_X,
        "execve",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("exe", Charbuf, Na),
            p("args", Bytebuf, Na),
            p("tid", Pid, Dec),
            p("pid", Pid, Dec),
            p("ptid", Pid, Dec),
            p("cwd", Charbuf, Na),
            p("fdlimit", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_CLONE_11_E,
        "clone",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_CLONE_11_X,
        "clone",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("res", Pid, Dec),
            p("exe", Charbuf, Na),
            p("args", Bytebuf, Na),
            p("tid", Pid, Dec),
            p("pid", Pid, Dec),
            p("ptid", Pid, Dec),
            p("cwd", Charbuf, Na),
            p("fdlimit", Int64, Dec),
            pf("flags", Flags32, Hex, &CLONE_FLAGS),
            p("uid", Uint32, Dec),
            p("gid", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_PROCEXIT_E,
        "procexit",
        ec::PROCESS | ec::TRACEPOINT,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[],
    ),
    ev(code::PPME_PROCEXIT_X, "NA", ec::UNKNOWN, ef::UNUSED, &[]),
    ev(
        code::PPME_SOCKET_SOCKET_E,
        "socket",
        ec::NET | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            pf("domain", Enumflags32, Dec, &SOCKET_FAMILIES),
            p("type", Uint32, Dec),
            p("proto", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SOCKET_SOCKET_X,
        "socket",
        ec::NET | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("fd", Fd, Dec),
            pf("domain", Enumflags32, Dec, &SOCKET_FAMILIES),
            p("type", Uint32, Dec),
            p("proto", Uint32, Dec),
            pf("flags", Flags32, Hex, &FILE_FLAGS),
        ],
    ),
    ev(
        code::PPME_SOCKET_BIND_E,
        "bind",
        ec::NET | ec::SYSCALL,
        ef::USES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Dec)],
    ),
    ev(
        code::PPME_SOCKET_BIND_X,
        "bind",
        ec::NET | ec::SYSCALL,
        ef::USES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("addr", Sockaddr, Na),
            p("fd", Fd, Dec),
        ],
    ),
    ev(
        code::PPME_SOCKET_CONNECT_E,
        "connect",
        ec::NET | ec::SYSCALL,
        ef::USES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Dec), p("addr", Sockaddr, Na)],
    ),
    ev(
        code::PPME_SOCKET_CONNECT_X,
        "connect",
        ec::NET | ec::SYSCALL,
        ef::USES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("tuple", Socktuple, Na),
            p("fd", Fd, Dec),
            p("addr", Sockaddr, Na),
        ],
    ),
    ev(
        code::PPME_SOCKET_LISTEN_E,
        "listen",
        ec::NET | ec::SYSCALL,
        ef::USES_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Dec), p("backlog", Int32, Dec)],
    ),
    ev(
        code::PPME_SOCKET_LISTEN_X,
        "listen",
        ec::NET | ec::SYSCALL,
        ef::USES_FD | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("fd", Fd, Dec),
            p("backlog", Int32, Dec),
        ],
    ),
    ev(
        code::PPME_SOCKET_ACCEPT_E,
        "accept",
        ec::NET | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SOCKET_ACCEPT_X,
        "accept",
        ec::NET | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("fd", Fd, Dec),
            p("tuple", Socktuple, Na),
            p("queuepct", Uint8, Dec),
        ],
    ),
    ev(
        code::PPME_SOCKET_SEND_E,
        "send",
        ec::IO_WRITE | ec::SYSCALL,
        ef::USES_FD | ef::WRITES_TO_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Dec), p("size", Uint32, Dec)],
    ),
    ev(
        code::PPME_SOCKET_SEND_X,
        "send",
        ec::IO_WRITE | ec::SYSCALL,
        ef::USES_FD | ef::WRITES_TO_FD | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("data", Bytebuf, Na),
            p("fd", Fd, Dec),
            p("size", Uint32, Dec),
            p("tuple", Socktuple, Na),
        ],
    ),
    ev(
        code::PPME_SOCKET_SENDTO_E,
        "sendto",
        ec::IO_WRITE | ec::SYSCALL,
        ef::USES_FD
            | ef::WRITES_TO_FD
            | ef::MODIFIES_STATE
            | ef::OLD_VERSION
            | ef::CONVERTER_MANAGED,
        &[
            p("fd", Fd, Dec),
            p("size", Uint32, Dec),
            p("tuple", Socktuple, Na),
        ],
    ),
    ev(
        code::PPME_SOCKET_SENDTO_X,
        "sendto",
        ec::IO_WRITE | ec::SYSCALL,
        ef::USES_FD | ef::WRITES_TO_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("data", Bytebuf, Na),
            p("fd", Fd, Dec),
            p("size", Uint32, Dec),
            p("tuple", Socktuple, Na),
        ],
    ),
    ev(
        code::PPME_SOCKET_RECV_E,
        "recv",
        ec::IO_READ | ec::SYSCALL,
        ef::USES_FD | ef::READS_FROM_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Dec), p("size", Uint32, Dec)],
    ),
    ev(
        code::PPME_SOCKET_RECV_X,
        "recv",
        ec::IO_READ | ec::SYSCALL,
        ef::USES_FD | ef::READS_FROM_FD | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("data", Bytebuf, Na),
            p("fd", Fd, Dec),
            p("size", Uint32, Dec),
            p("tuple", Socktuple, Na),
        ],
    ),
    ev(
        code::PPME_SOCKET_RECVFROM_E,
        "recvfrom",
        ec::IO_READ | ec::SYSCALL,
        ef::USES_FD
            | ef::READS_FROM_FD
            | ef::MODIFIES_STATE
            | ef::OLD_VERSION
            | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Dec), p("size", Uint32, Dec)],
    ),
    ev(
        code::PPME_SOCKET_RECVFROM_X,
        "recvfrom",
        ec::IO_READ | ec::SYSCALL,
        ef::USES_FD | ef::READS_FROM_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("data", Bytebuf, Na),
            p("tuple", Socktuple, Na),
            p("fd", Fd, Dec),
            p("size", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SOCKET_SHUTDOWN_E,
        "shutdown",
        ec::NET | ec::SYSCALL,
        ef::USES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Dec), pf("how", Enumflags8, Hex, &SHUTDOWN_HOW)],
    ),
    ev(
        code::PPME_SOCKET_SHUTDOWN_X,
        "shutdown",
        ec::NET | ec::SYSCALL,
        ef::USES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("fd", Fd, Dec),
            pf("how", Enumflags8, Hex, &SHUTDOWN_HOW),
        ],
    ),
    ev(
        code::PPME_SOCKET_GETSOCKNAME_E,
        "getsockname",
        ec::NET | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SOCKET_GETSOCKNAME_X,
        "getsockname",
        ec::NET | ec::SYSCALL,
        ef::NONE,
        &[],
    ),
    ev(
        code::PPME_SOCKET_GETPEERNAME_E,
        "getpeername",
        ec::NET | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SOCKET_GETPEERNAME_X,
        "getpeername",
        ec::NET | ec::SYSCALL,
        ef::NONE,
        &[],
    ),
    ev(
        code::PPME_SOCKET_SOCKETPAIR_E,
        "socketpair",
        ec::IPC | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            pf("domain", Enumflags32, Dec, &SOCKET_FAMILIES),
            p("type", Uint32, Dec),
            p("proto", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SOCKET_SOCKETPAIR_X,
        "socketpair",
        ec::IPC | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("fd1", Fd, Dec),
            p("fd2", Fd, Dec),
            p("source", Uint64, Hex),
            p("peer", Uint64, Hex),
            pf("domain", Enumflags32, Dec, &SOCKET_FAMILIES),
            p("type", Uint32, Dec),
            p("proto", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SOCKET_SETSOCKOPT_E,
        "setsockopt",
        ec::NET | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SOCKET_SETSOCKOPT_X,
        "setsockopt",
        ec::NET | ec::SYSCALL,
        ef::USES_FD,
        &[
            p("res", Errno, Dec),
            p("fd", Fd, Dec),
            pf("level", Enumflags8, Dec, &SOCKOPT_LEVELS),
            pf("optname", Enumflags8, Dec, &SOCKOPT_OPTIONS),
            pdyn("val", Dec, &SOCKOPT_DYN),
            p("optlen", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SOCKET_GETSOCKOPT_E,
        "getsockopt",
        ec::NET | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SOCKET_GETSOCKOPT_X,
        "getsockopt",
        ec::NET | ec::SYSCALL,
        ef::USES_FD | ef::MODIFIES_STATE,
        &[
            p("res", Errno, Dec),
            p("fd", Fd, Dec),
            pf("level", Enumflags8, Dec, &SOCKOPT_LEVELS),
            pf("optname", Enumflags8, Dec, &SOCKOPT_OPTIONS),
            pdyn("val", Dec, &SOCKOPT_DYN),
            p("optlen", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SOCKET_SENDMSG_E,
        "sendmsg",
        ec::IO_WRITE | ec::SYSCALL,
        ef::USES_FD
            | ef::WRITES_TO_FD
            | ef::MODIFIES_STATE
            | ef::OLD_VERSION
            | ef::CONVERTER_MANAGED,
        &[
            p("fd", Fd, Dec),
            p("size", Uint32, Dec),
            p("tuple", Socktuple, Na),
        ],
    ),
    ev(
        code::PPME_SOCKET_SENDMSG_X,
        "sendmsg",
        ec::IO_WRITE | ec::SYSCALL,
        ef::USES_FD | ef::WRITES_TO_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("data", Bytebuf, Na),
            p("fd", Fd, Dec),
            p("size", Uint32, Dec),
            p("tuple", Socktuple, Na),
        ],
    ),
    ev(
        code::PPME_SOCKET_SENDMMSG_E,
        "sendmmsg",
        ec::IO_WRITE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SOCKET_SENDMMSG_X,
        "sendmmsg",
        ec::IO_WRITE | ec::SYSCALL,
        ef::USES_FD | ef::WRITES_TO_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("fd", Fd, Dec),
            p("size", Uint32, Dec),
            p("data", Bytebuf, Na),
            p("tuple", Socktuple, Na),
        ],
    ),
    ev(
        code::PPME_SOCKET_RECVMSG_E,
        "recvmsg",
        ec::IO_READ | ec::SYSCALL,
        ef::USES_FD
            | ef::READS_FROM_FD
            | ef::MODIFIES_STATE
            | ef::OLD_VERSION
            | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Dec)],
    ),
    ev(
        code::PPME_SOCKET_RECVMSG_X,
        "recvmsg",
        ec::IO_READ | ec::SYSCALL,
        ef::USES_FD | ef::READS_FROM_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("size", Uint32, Dec),
            p("data", Bytebuf, Na),
            p("tuple", Socktuple, Na),
            p("msgcontrol", Bytebuf, Na),
            p("fd", Fd, Dec),
        ],
    ),
    ev(
        code::PPME_SOCKET_RECVMMSG_E,
        "recvmmsg",
        ec::IO_READ | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SOCKET_RECVMMSG_X,
        "recvmmsg",
        ec::IO_READ | ec::SYSCALL,
        ef::USES_FD | ef::READS_FROM_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("fd", Fd, Dec),
            p("size", Uint32, Dec),
            p("data", Bytebuf, Na),
            p("tuple", Socktuple, Na),
            p("msgcontrol", Bytebuf, Na),
        ],
    ),
    ev(
        code::PPME_SOCKET_ACCEPT4_E,
        "accept",
        ec::NET | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("flags", Int32, Hex)],
    ),
    ev(
        code::PPME_SOCKET_ACCEPT4_X,
        "accept",
        ec::NET | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("fd", Fd, Dec),
            p("tuple", Socktuple, Na),
            p("queuepct", Uint8, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_CREAT_E,
        "creat",
        ec::FILE | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[p("name", Fspath, Na), p("mode", Uint32, Oct)],
    ),
    ev(
        code::PPME_SYSCALL_CREAT_X,
        "creat",
        ec::FILE | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("fd", Fd, Dec),
            p("name", Fspath, Na),
            p("mode", Uint32, Oct),
            p("dev", Uint32, Hex),
            p("ino", Uint64, Dec),
            pf("creat_flags", Flags16, Hex, &CREAT_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_PIPE_E,
        "pipe",
        ec::IPC | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_PIPE_X,
        "pipe",
        ec::IPC | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE,
        &[
            p("res", Errno, Dec),
            p("fd1", Fd, Dec),
            p("fd2", Fd, Dec),
            p("ino", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_EVENTFD_E,
        "eventfd",
        ec::IPC | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("initval", Uint64, Dec), p("flags", Uint32, Hex)],
    ),
    ev(
        code::PPME_SYSCALL_EVENTFD_X,
        "eventfd",
        ec::IPC | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Fd, Dec),
            p("initval", Uint64, Dec),
            p("flags", Uint32, Hex),
        ],
    ),
    ev(
        code::PPME_SYSCALL_FUTEX_E,
        "futex",
        ec::IPC | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("addr", Uint64, Hex),
            pf("op", Flags16, Hex, &FUTEX_OPERATIONS),
            p("val", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_FUTEX_X,
        "futex",
        ec::IPC | ec::SYSCALL,
        ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("addr", Uint64, Hex),
            pf("op", Flags16, Hex, &FUTEX_OPERATIONS),
            p("val", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_STAT_E,
        "stat",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_STAT_X,
        "stat",
        ec::FILE | ec::SYSCALL,
        ef::NONE,
        &[p("res", Errno, Dec), p("path", Fspath, Na)],
    ),
    ev(
        code::PPME_SYSCALL_LSTAT_E,
        "lstat",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_LSTAT_X,
        "lstat",
        ec::FILE | ec::SYSCALL,
        ef::NONE,
        &[p("res", Errno, Dec), p("path", Fspath, Na)],
    ),
    ev(
        code::PPME_SYSCALL_FSTAT_E,
        "fstat",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Na)],
    ),
    ev(
        code::PPME_SYSCALL_FSTAT_X,
        "fstat",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD | ef::CONVERTER_MANAGED,
        &[p("res", Errno, Dec), p("fd", Fd, Na)],
    ),
    ev(
        code::PPME_SYSCALL_STAT64_E,
        "stat64",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_STAT64_X,
        "stat64",
        ec::FILE | ec::SYSCALL,
        ef::NONE,
        &[p("res", Errno, Dec), p("path", Fspath, Na)],
    ),
    ev(
        code::PPME_SYSCALL_LSTAT64_E,
        "lstat64",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_LSTAT64_X,
        "lstat64",
        ec::FILE | ec::SYSCALL,
        ef::NONE,
        &[p("res", Errno, Dec), p("path", Fspath, Na)],
    ),
    ev(
        code::PPME_SYSCALL_FSTAT64_E,
        "fstat64",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD | ef::OLD_VERSION,
        &[p("fd", Fd, Na)],
    ),
    ev(
        code::PPME_SYSCALL_FSTAT64_X,
        "fstat64",
        ec::FILE | ec::SYSCALL,
        ef::NONE,
        &[p("res", Errno, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_EPOLLWAIT_E,
        "epoll_wait",
        ec::WAIT | ec::SYSCALL,
        ef::WAITS | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("maxevents", Errno, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_EPOLLWAIT_X,
        "epoll_wait",
        ec::WAIT | ec::SYSCALL,
        ef::WAITS | ef::CONVERTER_MANAGED,
        &[p("res", Errno, Dec), p("maxevents", Errno, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_POLL_E,
        "poll",
        ec::WAIT | ec::SYSCALL,
        ef::WAITS | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("fds", Fdlist, Dec), p("timeout", Int64, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_POLL_X,
        "poll",
        ec::WAIT | ec::SYSCALL,
        ef::WAITS | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("fds", Fdlist, Dec),
            p("timeout", Int64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_SELECT_E,
        "select",
        ec::WAIT | ec::SYSCALL,
        ef::WAITS | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_SELECT_X,
        "select",
        ec::WAIT | ec::SYSCALL,
        ef::WAITS,
        &[p("res", Errno, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_NEWSELECT_E,
        "select",
        ec::WAIT | ec::SYSCALL,
        ef::WAITS | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_NEWSELECT_X,
        "select",
        ec::WAIT | ec::SYSCALL,
        ef::WAITS | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("res", Errno, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_LSEEK_E,
        "lseek",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("fd", Fd, Dec),
            p("offset", Uint64, Dec),
            pf("whence", Enumflags8, Dec, &LSEEK_WHENCE),
        ],
    ),
    ev(
        code::PPME_SYSCALL_LSEEK_X,
        "lseek",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("fd", Fd, Dec),
            p("offset", Uint64, Dec),
            pf("whence", Enumflags8, Dec, &LSEEK_WHENCE),
        ],
    ),
    ev(
        code::PPME_SYSCALL_LLSEEK_E,
        "llseek",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("fd", Fd, Dec),
            p("offset", Uint64, Dec),
            pf("whence", Enumflags8, Dec, &LSEEK_WHENCE),
        ],
    ),
    ev(
        code::PPME_SYSCALL_LLSEEK_X,
        "llseek",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("fd", Fd, Dec),
            p("offset", Uint64, Dec),
            pf("whence", Enumflags8, Dec, &LSEEK_WHENCE),
        ],
    ),
    ev(
        code::PPME_SYSCALL_IOCTL_2_E,
        "ioctl",
        ec::IO_OTHER | ec::SYSCALL,
        ef::USES_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Dec), p("request", Uint64, Hex)],
    ),
    ev(
        code::PPME_SYSCALL_IOCTL_2_X,
        "ioctl",
        ec::IO_OTHER | ec::SYSCALL,
        ef::USES_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("res", Errno, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_GETCWD_E,
        "getcwd",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_GETCWD_X,
        "getcwd",
        ec::FILE | ec::SYSCALL,
        ef::NONE,
        &[p("res", Errno, Dec), p("path", Charbuf, Na)],
    ),
    ev(
        code::PPME_SYSCALL_CHDIR_E,
        "chdir",
        ec::FILE | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_CHDIR_X,
        "chdir",
        ec::FILE | ec::SYSCALL,
        ef::MODIFIES_STATE,
        &[p("res", Errno, Dec), p("path", Charbuf, Na)],
    ),
    ev(
        code::PPME_SYSCALL_FCHDIR_E,
        "fchdir",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Na)],
    ),
    ev(
        code::PPME_SYSCALL_FCHDIR_X,
        "fchdir",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[p("res", Errno, Dec), p("fd", Fd, Na)],
    ),
    ev(
        code::PPME_SYSCALL_MKDIR_E,
        "mkdir",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("path", Fspath, Na), p("mode", Uint32, Hex)],
    ),
    ev(
        code::PPME_SYSCALL_MKDIR_X,
        "mkdir",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("res", Errno, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_RMDIR_E,
        "rmdir",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("path", Fspath, Na)],
    ),
    ev(
        code::PPME_SYSCALL_RMDIR_X,
        "rmdir",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("res", Errno, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_OPENAT_E,
        "openat",
        ec::FILE | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("dirfd", Fd, Dec),
            p("name", Charbuf, Na),
            pf("flags", Flags32, Hex, &FILE_FLAGS),
            p("mode", Uint32, Oct),
        ],
    ),
    ev(
        code::PPME_SYSCALL_OPENAT_X,
        "openat",
        ec::FILE | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_LINK_E,
        "link",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("oldpath", Fspath, Na), p("newpath", Fspath, Na)],
    ),
    ev(
        code::PPME_SYSCALL_LINK_X,
        "link",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("res", Errno, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_LINKAT_E,
        "linkat",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("olddir", Fd, Dec),
            p("oldpath", Charbuf, Na),
            p("newdir", Fd, Dec),
            p("newpath", Charbuf, Na),
        ],
    ),
    ev(
        code::PPME_SYSCALL_LINKAT_X,
        "linkat",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("res", Errno, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_UNLINK_E,
        "unlink",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("path", Fspath, Na)],
    ),
    ev(
        code::PPME_SYSCALL_UNLINK_X,
        "unlink",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("res", Errno, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_UNLINKAT_E,
        "unlinkat",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("dirfd", Fd, Dec), p("name", Charbuf, Na)],
    ),
    ev(
        code::PPME_SYSCALL_UNLINKAT_X,
        "unlinkat",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("res", Errno, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_PREAD_E,
        "pread",
        ec::IO_READ | ec::SYSCALL,
        ef::USES_FD | ef::READS_FROM_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("fd", Fd, Dec),
            p("size", Uint32, Dec),
            p("pos", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_PREAD_X,
        "pread",
        ec::IO_READ | ec::SYSCALL,
        ef::USES_FD | ef::READS_FROM_FD | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("data", Bytebuf, Na),
            p("fd", Fd, Dec),
            p("size", Uint32, Dec),
            p("pos", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_PWRITE_E,
        "pwrite",
        ec::IO_WRITE | ec::SYSCALL,
        ef::USES_FD | ef::WRITES_TO_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("fd", Fd, Dec),
            p("size", Uint32, Dec),
            p("pos", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_PWRITE_X,
        "pwrite",
        ec::IO_WRITE | ec::SYSCALL,
        ef::USES_FD | ef::WRITES_TO_FD | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("data", Bytebuf, Na),
            p("fd", Fd, Dec),
            p("size", Uint32, Dec),
            p("pos", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_READV_E,
        "readv",
        ec::IO_READ | ec::SYSCALL,
        ef::USES_FD | ef::READS_FROM_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_READV_X,
        "readv",
        ec::IO_READ | ec::SYSCALL,
        ef::USES_FD | ef::READS_FROM_FD | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("size", Uint32, Dec),
            p("data", Bytebuf, Na),
            p("fd", Fd, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_WRITEV_E,
        "writev",
        ec::IO_WRITE | ec::SYSCALL,
        ef::USES_FD | ef::WRITES_TO_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Dec), p("size", Uint32, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_WRITEV_X,
        "writev",
        ec::IO_WRITE | ec::SYSCALL,
        ef::USES_FD | ef::WRITES_TO_FD | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("data", Bytebuf, Na),
            p("fd", Fd, Dec),
            p("size", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_PREADV_E,
        "preadv",
        ec::IO_READ | ec::SYSCALL,
        ef::USES_FD | ef::READS_FROM_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Dec), p("pos", Uint64, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_PREADV_X,
        "preadv",
        ec::IO_READ | ec::SYSCALL,
        ef::USES_FD | ef::READS_FROM_FD | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("size", Uint32, Dec),
            p("data", Bytebuf, Na),
            p("fd", Fd, Dec),
            p("pos", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_PWRITEV_E,
        "pwritev",
        ec::IO_WRITE | ec::SYSCALL,
        ef::USES_FD | ef::WRITES_TO_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("fd", Fd, Dec),
            p("size", Uint32, Dec),
            p("pos", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_PWRITEV_X,
        "pwritev",
        ec::IO_WRITE | ec::SYSCALL,
        ef::USES_FD | ef::WRITES_TO_FD | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("data", Bytebuf, Na),
            p("fd", Fd, Dec),
            p("size", Uint32, Dec),
            p("pos", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_DUP_E,
        "dup",
        ec::IO_OTHER | ec::SYSCALL,
        ef::CREATES_FD | ef::USES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_DUP_X,
        "dup",
        ec::IO_OTHER | ec::SYSCALL,
        ef::CREATES_FD | ef::USES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("res", Fd, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_SIGNALFD_E,
        "signalfd",
        ec::SIGNAL | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("fd", Fd, Dec),
            p("mask", Uint32, Hex),
            p("flags", Uint8, Hex),
        ],
    ),
    ev(
        code::PPME_SYSCALL_SIGNALFD_X,
        "signalfd",
        ec::SIGNAL | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Fd, Dec),
            p("fd", Fd, Dec),
            p("mask", Uint32, Hex),
            p("flags", Uint8, Hex),
        ],
    ),
    ev(
        code::PPME_SYSCALL_KILL_E,
        "kill",
        ec::SIGNAL | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("pid", Pid, Dec), p("sig", Sigtype, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_KILL_X,
        "kill",
        ec::SIGNAL | ec::SYSCALL,
        ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("pid", Pid, Dec),
            p("sig", Sigtype, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_TKILL_E,
        "tkill",
        ec::SIGNAL | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("tid", Pid, Dec), p("sig", Sigtype, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_TKILL_X,
        "tkill",
        ec::SIGNAL | ec::SYSCALL,
        ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("tid", Pid, Dec),
            p("sig", Sigtype, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_TGKILL_E,
        "tgkill",
        ec::SIGNAL | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("pid", Pid, Dec),
            p("tid", Pid, Dec),
            p("sig", Sigtype, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_TGKILL_X,
        "tgkill",
        ec::SIGNAL | ec::SYSCALL,
        ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("pid", Pid, Dec),
            p("tid", Pid, Dec),
            p("sig", Sigtype, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_NANOSLEEP_E,
        "nanosleep",
        ec::SLEEP | ec::SYSCALL,
        ef::WAITS | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("interval", Reltime, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_NANOSLEEP_X,
        "nanosleep",
        ec::SLEEP | ec::SYSCALL,
        ef::WAITS | ef::CONVERTER_MANAGED,
        &[p("res", Errno, Dec), p("interval", Reltime, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_TIMERFD_CREATE_E,
        "timerfd_create",
        ec::TIME | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("clockid", Uint8, Dec), p("flags", Uint8, Hex)],
    ),
    ev(
        code::PPME_SYSCALL_TIMERFD_CREATE_X,
        "timerfd_create",
        ec::TIME | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Fd, Dec),
            p("clockid", Uint8, Dec),
            p("flags", Uint8, Hex),
        ],
    ),
    ev(
        code::PPME_SYSCALL_INOTIFY_INIT_E,
        "inotify_init",
        ec::IPC | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("flags", Uint8, Hex)],
    ),
    ev(
        code::PPME_SYSCALL_INOTIFY_INIT_X,
        "inotify_init",
        ec::IPC | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[p("res", Fd, Dec), p("flags", Uint8, Hex)],
    ),
    ev(
        code::PPME_SYSCALL_GETRLIMIT_E,
        "getrlimit",
        ec::PROCESS | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[pf("resource", Enumflags8, Dec, &RLIMIT_RESOURCES)],
    ),
    ev(
        code::PPME_SYSCALL_GETRLIMIT_X,
        "getrlimit",
        ec::PROCESS | ec::SYSCALL,
        ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("cur", Int64, Dec),
            p("max", Int64, Dec),
            pf("resource", Enumflags8, Dec, &RLIMIT_RESOURCES),
        ],
    ),
    ev(
        code::PPME_SYSCALL_SETRLIMIT_E,
        "setrlimit",
        ec::PROCESS | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[pf("resource", Enumflags8, Dec, &RLIMIT_RESOURCES)],
    ),
    ev(
        code::PPME_SYSCALL_SETRLIMIT_X,
        "setrlimit",
        ec::PROCESS | ec::SYSCALL,
        ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("cur", Int64, Dec),
            p("max", Int64, Dec),
            pf("resource", Enumflags8, Dec, &RLIMIT_RESOURCES),
        ],
    ),
    ev(
        code::PPME_SYSCALL_PRLIMIT_E,
        "prlimit",
        ec::PROCESS | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("pid", Pid, Dec),
            pf("resource", Enumflags8, Dec, &RLIMIT_RESOURCES),
        ],
    ),
    ev(
        code::PPME_SYSCALL_PRLIMIT_X,
        "prlimit",
        ec::PROCESS | ec::SYSCALL,
        ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("newcur", Int64, Dec),
            p("newmax", Int64, Dec),
            p("oldcur", Int64, Dec),
            p("oldmax", Int64, Dec),
            p("pid", Int64, Dec),
            pf("resource", Enumflags8, Dec, &RLIMIT_RESOURCES),
        ],
    ),
    ev(
        code::PPME_SCHEDSWITCH_1_E,
        "switch",
        ec::SCHEDULER | ec::TRACEPOINT,
        ef::SKIPPARSERESET | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("next", Pid, Dec)],
    ),
    ev(
        code::PPME_SCHEDSWITCH_1_X,
        "NA",
        ec::UNKNOWN,
        ef::UNUSED,
        &[],
    ),
    ev(
        code::PPME_DROP_E,
        "drop",
        ec::INTERNAL | ec::METAEVENT,
        ef::SKIPPARSERESET,
        &[p("ratio", Uint32, Dec)],
    ),
    ev(
        code::PPME_DROP_X,
        "drop",
        ec::INTERNAL | ec::METAEVENT,
        ef::SKIPPARSERESET,
        &[p("ratio", Uint32, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_FCNTL_E,
        "fcntl",
        ec::IO_OTHER | ec::SYSCALL,
        ef::USES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("fd", Fd, Dec),
            pf("cmd", Enumflags8, Dec, &FCNTL_COMMANDS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_FCNTL_X,
        "fcntl",
        ec::IO_OTHER | ec::SYSCALL,
        ef::USES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Fd, Dec),
            p("fd", Fd, Dec),
            pf("cmd", Enumflags8, Dec, &FCNTL_COMMANDS),
            p("arg", Uint64, Hex),
        ],
    ),
    ev(
        code::PPME_SCHEDSWITCH_6_E,
        "switch",
        ec::SCHEDULER | ec::TRACEPOINT,
        ef::NONE,
        &[
            p("next", Pid, Dec),
            p("pgft_maj", Uint64, Dec),
            p("pgft_min", Uint64, Dec),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SCHEDSWITCH_6_X,
        "NA",
        ec::UNKNOWN,
        ef::UNUSED,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_EXECVE_13_E,
        "execve",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_EXECVE_13_X,
        "execve",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("exe", Charbuf, Na),
            p("args", Bytebuf, Na),
            p("tid", Pid, Dec),
            p("pid", Pid, Dec),
            p("ptid", Pid, Dec),
            p("cwd", Charbuf, Na),
            p("fdlimit", Uint64, Dec),
            p("pgft_maj", Uint64, Dec),
            p("pgft_min", Uint64, Dec),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_CLONE_16_E,
        "clone",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_CLONE_16_X,
        "clone",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("res", Pid, Dec),
            p("exe", Charbuf, Na),
            p("args", Bytebuf, Na),
            p("tid", Pid, Dec),
            p("pid", Pid, Dec),
            p("ptid", Pid, Dec),
            p("cwd", Charbuf, Na),
            p("fdlimit", Int64, Dec),
            p("pgft_maj", Uint64, Dec),
            p("pgft_min", Uint64, Dec),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
            pf("flags", Flags32, Hex, &CLONE_FLAGS),
            p("uid", Uint32, Dec),
            p("gid", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_BRK_4_E,
        "brk",
        ec::MEMORY | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("addr", Uint64, Hex)],
    ),
    ev(
        code::PPME_SYSCALL_BRK_4_X,
        "brk",
        ec::MEMORY | ec::SYSCALL,
        ef::CONVERTER_MANAGED,
        &[
            p("res", Uint64, Hex),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
            p("addr", Uint64, Hex),
        ],
    ),
    ev(
        code::PPME_SYSCALL_MMAP_E,
        "mmap",
        ec::MEMORY | ec::SYSCALL,
        ef::USES_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("addr", Uint64, Hex),
            p("length", Uint64, Dec),
            pf("prot", Flags32, Hex, &PROT_FLAGS),
            pf("flags", Flags32, Hex, &MMAP_FLAGS),
            p("fd", Fd, Dec),
            p("offset", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_MMAP_X,
        "mmap",
        ec::MEMORY | ec::SYSCALL,
        ef::USES_FD | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Hex),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
            p("addr", Uint64, Hex),
            p("length", Uint64, Dec),
            pf("prot", Flags32, Hex, &PROT_FLAGS),
            pf("flags", Flags32, Hex, &MMAP_FLAGS),
            p("fd", Fd, Dec),
            p("offset", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_MMAP2_E,
        "mmap2",
        ec::MEMORY | ec::SYSCALL,
        ef::USES_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("addr", Uint64, Hex),
            p("length", Uint64, Dec),
            pf("prot", Flags32, Hex, &PROT_FLAGS),
            pf("flags", Flags32, Hex, &MMAP_FLAGS),
            p("fd", Fd, Dec),
            p("pgoffset", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_MMAP2_X,
        "mmap2",
        ec::MEMORY | ec::SYSCALL,
        ef::USES_FD | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Hex),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
            p("addr", Uint64, Hex),
            p("length", Uint64, Dec),
            pf("prot", Flags32, Hex, &PROT_FLAGS),
            pf("flags", Flags32, Hex, &MMAP_FLAGS),
            p("fd", Fd, Dec),
            p("pgoffset", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_MUNMAP_E,
        "munmap",
        ec::MEMORY | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("addr", Uint64, Hex), p("length", Uint64, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_MUNMAP_X,
        "munmap",
        ec::MEMORY | ec::SYSCALL,
        ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
            p("addr", Uint64, Hex),
            p("length", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_SPLICE_E,
        "splice",
        ec::IO_OTHER | ec::SYSCALL,
        ef::USES_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("fd_in", Fd, Dec),
            p("fd_out", Fd, Dec),
            p("size", Uint64, Dec),
            pf("flags", Flags32, Hex, &SPLICE_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_SPLICE_X,
        "splice",
        ec::IO_OTHER | ec::SYSCALL,
        ef::USES_FD | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("fd_in", Fd, Dec),
            p("fd_out", Fd, Dec),
            p("size", Uint64, Dec),
            pf("flags", Flags32, Hex, &SPLICE_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_PTRACE_E,
        "ptrace",
        ec::PROCESS | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            pf("request", Enumflags16, Dec, &PTRACE_REQUESTS),
            p("pid", Pid, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_PTRACE_X,
        "ptrace",
        ec::PROCESS | ec::SYSCALL,
        ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            pdyn("addr", Hex, &PTRACE_DYN),
            pdyn("data", Hex, &PTRACE_DYN),
            pf("request", Enumflags16, Dec, &PTRACE_REQUESTS),
            p("pid", Pid, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_IOCTL_3_E,
        "ioctl",
        ec::IO_OTHER | ec::SYSCALL,
        ef::USES_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("fd", Fd, Dec),
            p("request", Uint64, Hex),
            p("argument", Uint64, Hex),
        ],
    ),
    ev(
        code::PPME_SYSCALL_IOCTL_3_X,
        "ioctl",
        ec::IO_OTHER | ec::SYSCALL,
        ef::USES_FD | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("fd", Fd, Dec),
            p("request", Uint64, Hex),
            p("argument", Uint64, Hex),
        ],
    ),
    ev(
        code::PPME_SYSCALL_EXECVE_14_E,
        "execve",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_EXECVE_14_X,
        "execve",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("exe", Charbuf, Na),
            p("args", Bytebuf, Na),
            p("tid", Pid, Dec),
            p("pid", Pid, Dec),
            p("ptid", Pid, Dec),
            p("cwd", Charbuf, Na),
            p("fdlimit", Uint64, Dec),
            p("pgft_maj", Uint64, Dec),
            p("pgft_min", Uint64, Dec),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
            p("env", Bytebuf, Na),
        ],
    ),
    ev(
        code::PPME_SYSCALL_RENAME_E,
        "rename",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_RENAME_X,
        "rename",
        ec::FILE | ec::SYSCALL,
        ef::NONE,
        &[
            p("res", Errno, Dec),
            p("oldpath", Fspath, Na),
            p("newpath", Fspath, Na),
        ],
    ),
    ev(
        code::PPME_SYSCALL_RENAMEAT_E,
        "renameat",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_RENAMEAT_X,
        "renameat",
        ec::FILE | ec::SYSCALL,
        ef::NONE,
        &[
            p("res", Errno, Dec),
            p("olddirfd", Fd, Dec),
            prel("oldpath", 1),
            p("newdirfd", Fd, Dec),
            prel("newpath", 3),
        ],
    ),
    ev(
        code::PPME_SYSCALL_SYMLINK_E,
        "symlink",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_SYMLINK_X,
        "symlink",
        ec::FILE | ec::SYSCALL,
        ef::NONE,
        &[
            p("res", Errno, Dec),
            p("target", Charbuf, Na),
            p("linkpath", Fspath, Na),
        ],
    ),
    ev(
        code::PPME_SYSCALL_SYMLINKAT_E,
        "symlinkat",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_SYMLINKAT_X,
        "symlinkat",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD,
        &[
            p("res", Errno, Dec),
            p("target", Charbuf, Na),
            p("linkdirfd", Fd, Dec),
            prel("linkpath", 2),
        ],
    ),
    ev(
        code::PPME_SYSCALL_FORK_E,
        "fork",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_FORK_X,
        "fork",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("res", Pid, Dec),
            p("exe", Charbuf, Na),
            p("args", Bytebuf, Na),
            p("tid", Pid, Dec),
            p("pid", Pid, Dec),
            p("ptid", Pid, Dec),
            p("cwd", Charbuf, Na),
            p("fdlimit", Int64, Dec),
            p("pgft_maj", Uint64, Dec),
            p("pgft_min", Uint64, Dec),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
            pf("flags", Flags32, Hex, &CLONE_FLAGS),
            p("uid", Uint32, Dec),
            p("gid", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_VFORK_E,
        "vfork",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_VFORK_X,
        "vfork",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("res", Pid, Dec),
            p("exe", Charbuf, Na),
            p("args", Bytebuf, Na),
            p("tid", Pid, Dec),
            p("pid", Pid, Dec),
            p("ptid", Pid, Dec),
            p("cwd", Charbuf, Na),
            p("fdlimit", Int64, Dec),
            p("pgft_maj", Uint64, Dec),
            p("pgft_min", Uint64, Dec),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
            pf("flags", Flags32, Hex, &CLONE_FLAGS),
            p("uid", Uint32, Dec),
            p("gid", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_PROCEXIT_1_E,
        "procexit",
        ec::PROCESS | ec::TRACEPOINT,
        ef::MODIFIES_STATE,
        &[
            p("status", Errno, Dec),
            p("ret", Errno, Dec),
            p("sig", Sigtype, Dec),
            p("core", Uint8, Dec),
            p("reaper_tid", Pid, Dec),
        ],
    ),
    ev(code::PPME_PROCEXIT_1_X, "NA", ec::UNKNOWN, ef::UNUSED, &[]),
    ev(
        code::PPME_SYSCALL_SENDFILE_E,
        "sendfile",
        ec::IO_WRITE | ec::SYSCALL,
        ef::USES_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("out_fd", Fd, Dec),
            p("in_fd", Fd, Dec),
            p("offset", Uint64, Dec),
            p("size", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_SENDFILE_X,
        "sendfile",
        ec::IO_WRITE | ec::SYSCALL,
        ef::USES_FD | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("offset", Uint64, Dec),
            p("out_fd", Fd, Dec),
            p("in_fd", Fd, Dec),
            p("size", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_QUOTACTL_E,
        "quotactl",
        ec::USER | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            pf("cmd", Flags16, Dec, &QUOTACTL_CMDS),
            pf("type", Flags8, Dec, &QUOTACTL_TYPES),
            p("id", Uint32, Dec),
            pf("quota_fmt", Flags8, Dec, &QUOTACTL_QUOTA_FMTS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_QUOTACTL_X,
        "quotactl",
        ec::USER | ec::SYSCALL,
        ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("special", Charbuf, Na),
            p("quotafilepath", Charbuf, Na),
            p("dqb_bhardlimit", Uint64, Dec),
            p("dqb_bsoftlimit", Uint64, Dec),
            p("dqb_curspace", Uint64, Dec),
            p("dqb_ihardlimit", Uint64, Dec),
            p("dqb_isoftlimit", Uint64, Dec),
            p("dqb_btime", Reltime, Dec),
            p("dqb_itime", Reltime, Dec),
            p("dqi_bgrace", Reltime, Dec),
            p("dqi_igrace", Reltime, Dec),
            pf("dqi_flags", Flags8, Dec, &QUOTACTL_DQI_FLAGS),
            pf("quota_fmt_out", Flags8, Dec, &QUOTACTL_QUOTA_FMTS),
            pf("cmd", Flags16, Dec, &QUOTACTL_CMDS),
            pf("type", Flags8, Dec, &QUOTACTL_TYPES),
            p("id", Uint32, Dec),
            pf("quota_fmt", Flags8, Dec, &QUOTACTL_QUOTA_FMTS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_SETRESUID_E,
        "setresuid",
        ec::USER | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("ruid", Uid, Dec),
            p("euid", Uid, Dec),
            p("suid", Uid, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_SETRESUID_X,
        "setresuid",
        ec::USER | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("ruid", Uid, Dec),
            p("euid", Uid, Dec),
            p("suid", Uid, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_SETRESGID_E,
        "setresgid",
        ec::USER | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("rgid", Gid, Dec),
            p("egid", Gid, Dec),
            p("sgid", Gid, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_SETRESGID_X,
        "setresgid",
        ec::USER | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("rgid", Gid, Dec),
            p("egid", Gid, Dec),
            p("sgid", Gid, Dec),
        ],
    ),
    ev(
        code::PPME_SCAPEVENT_E,
        "scapevent",
        ec::INTERNAL | ec::METAEVENT,
        ef::SKIPPARSERESET,
        &[p("event_type", Uint32, Dec), p("event_data", Uint64, Dec)],
    ),
    ev(code::PPME_SCAPEVENT_X, "NA", ec::UNKNOWN, ef::UNUSED, &[]),
    ev(
        code::PPME_SYSCALL_SETUID_E,
        "setuid",
        ec::USER | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("uid", Uid, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_SETUID_X,
        "setuid",
        ec::USER | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[p("res", Errno, Dec), p("uid", Uid, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_SETGID_E,
        "setgid",
        ec::USER | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("gid", Gid, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_SETGID_X,
        "setgid",
        ec::USER | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[p("res", Errno, Dec), p("gid", Gid, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_GETUID_E,
        "getuid",
        ec::USER | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_GETUID_X,
        "getuid",
        ec::USER | ec::SYSCALL,
        ef::NONE,
        &[p("uid", Uid, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_GETEUID_E,
        "geteuid",
        ec::USER | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_GETEUID_X,
        "geteuid",
        ec::USER | ec::SYSCALL,
        ef::NONE,
        &[p("euid", Uid, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_GETGID_E,
        "getgid",
        ec::USER | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_GETGID_X,
        "getgid",
        ec::USER | ec::SYSCALL,
        ef::NONE,
        &[p("gid", Gid, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_GETEGID_E,
        "getegid",
        ec::USER | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_GETEGID_X,
        "getegid",
        ec::USER | ec::SYSCALL,
        ef::NONE,
        &[p("egid", Gid, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_GETRESUID_E,
        "getresuid",
        ec::USER | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_GETRESUID_X,
        "getresuid",
        ec::USER | ec::SYSCALL,
        ef::NONE,
        &[
            p("res", Errno, Dec),
            p("ruid", Uid, Dec),
            p("euid", Uid, Dec),
            p("suid", Uid, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_GETRESGID_E,
        "getresgid",
        ec::USER | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_GETRESGID_X,
        "getresgid",
        ec::USER | ec::SYSCALL,
        ef::NONE,
        &[
            p("res", Errno, Dec),
            p("rgid", Gid, Dec),
            p("egid", Gid, Dec),
            p("sgid", Gid, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_EXECVE_15_E,
        "execve",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_EXECVE_15_X,
        "execve",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("exe", Charbuf, Na),
            p("args", Bytebuf, Na),
            p("tid", Pid, Dec),
            p("pid", Pid, Dec),
            p("ptid", Pid, Dec),
            p("cwd", Charbuf, Na),
            p("fdlimit", Uint64, Dec),
            p("pgft_maj", Uint64, Dec),
            p("pgft_min", Uint64, Dec),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
            p("comm", Charbuf, Na),
            p("env", Bytebuf, Na),
        ],
    ),
    ev(
        code::PPME_SYSCALL_CLONE_17_E,
        "clone",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_CLONE_17_X,
        "clone",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("res", Pid, Dec),
            p("exe", Charbuf, Na),
            p("args", Bytebuf, Na),
            p("tid", Pid, Dec),
            p("pid", Pid, Dec),
            p("ptid", Pid, Dec),
            p("cwd", Charbuf, Na),
            p("fdlimit", Int64, Dec),
            p("pgft_maj", Uint64, Dec),
            p("pgft_min", Uint64, Dec),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
            p("comm", Charbuf, Na),
            pf("flags", Flags32, Hex, &CLONE_FLAGS),
            p("uid", Uint32, Dec),
            p("gid", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_FORK_17_E,
        "fork",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_FORK_17_X,
        "fork",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("res", Pid, Dec),
            p("exe", Charbuf, Na),
            p("args", Bytebuf, Na),
            p("tid", Pid, Dec),
            p("pid", Pid, Dec),
            p("ptid", Pid, Dec),
            p("cwd", Charbuf, Na),
            p("fdlimit", Int64, Dec),
            p("pgft_maj", Uint64, Dec),
            p("pgft_min", Uint64, Dec),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
            p("comm", Charbuf, Na),
            pf("flags", Flags32, Hex, &CLONE_FLAGS),
            p("uid", Uint32, Dec),
            p("gid", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_VFORK_17_E,
        "vfork",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_VFORK_17_X,
        "vfork",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("res", Pid, Dec),
            p("exe", Charbuf, Na),
            p("args", Bytebuf, Na),
            p("tid", Pid, Dec),
            p("pid", Pid, Dec),
            p("ptid", Pid, Dec),
            p("cwd", Charbuf, Na),
            p("fdlimit", Int64, Dec),
            p("pgft_maj", Uint64, Dec),
            p("pgft_min", Uint64, Dec),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
            p("comm", Charbuf, Na),
            pf("flags", Flags32, Hex, &CLONE_FLAGS),
            p("uid", Uint32, Dec),
            p("gid", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_CLONE_20_E,
        "clone",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_CLONE_20_X,
        "clone",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Pid, Dec),
            p("exe", Charbuf, Na),
            p("args", Bytebuf, Na),
            p("tid", Pid, Dec),
            p("pid", Pid, Dec),
            p("ptid", Pid, Dec),
            p("cwd", Charbuf, Na),
            p("fdlimit", Int64, Dec),
            p("pgft_maj", Uint64, Dec),
            p("pgft_min", Uint64, Dec),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
            p("comm", Charbuf, Na),
            p("cgroups", Bytebuf, Na),
            pf("flags", Flags32, Hex, &CLONE_FLAGS),
            p("uid", Uint32, Dec),
            p("gid", Uint32, Dec),
            p("vtid", Pid, Dec),
            p("vpid", Pid, Dec),
            p("pidns_init_start_ts", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_FORK_20_E,
        "fork",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_FORK_20_X,
        "fork",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Pid, Dec),
            p("exe", Charbuf, Na),
            p("args", Bytebuf, Na),
            p("tid", Pid, Dec),
            p("pid", Pid, Dec),
            p("ptid", Pid, Dec),
            p("cwd", Charbuf, Na),
            p("fdlimit", Int64, Dec),
            p("pgft_maj", Uint64, Dec),
            p("pgft_min", Uint64, Dec),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
            p("comm", Charbuf, Na),
            p("cgroups", Bytebuf, Na),
            pf("flags", Flags32, Hex, &CLONE_FLAGS),
            p("uid", Uint32, Dec),
            p("gid", Uint32, Dec),
            p("vtid", Pid, Dec),
            p("vpid", Pid, Dec),
            p("pidns_init_start_ts", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_VFORK_20_E,
        "vfork",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_VFORK_20_X,
        "vfork",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Pid, Dec),
            p("exe", Charbuf, Na),
            p("args", Bytebuf, Na),
            p("tid", Pid, Dec),
            p("pid", Pid, Dec),
            p("ptid", Pid, Dec),
            p("cwd", Charbuf, Na),
            p("fdlimit", Int64, Dec),
            p("pgft_maj", Uint64, Dec),
            p("pgft_min", Uint64, Dec),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
            p("comm", Charbuf, Na),
            p("cgroups", Bytebuf, Na),
            pf("flags", Flags32, Hex, &CLONE_FLAGS),
            p("uid", Uint32, Dec),
            p("gid", Uint32, Dec),
            p("vtid", Pid, Dec),
            p("vpid", Pid, Dec),
            p("pidns_init_start_ts", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_CONTAINER_E,
        "container",
        ec::INTERNAL | ec::METAEVENT,
        ef::MODIFIES_STATE | ef::SKIPPARSERESET | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("id", Charbuf, Na),
            p("type", Uint32, Dec),
            p("name", Charbuf, Na),
            p("image", Charbuf, Na),
        ],
    ),
    ev(code::PPME_CONTAINER_X, "NA", ec::UNKNOWN, ef::UNUSED, &[]),
    ev(
        code::PPME_SYSCALL_EXECVE_16_E,
        "execve",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_EXECVE_16_X,
        "execve",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("exe", Charbuf, Na),
            p("args", Bytebuf, Na),
            p("tid", Pid, Dec),
            p("pid", Pid, Dec),
            p("ptid", Pid, Dec),
            p("cwd", Charbuf, Na),
            p("fdlimit", Uint64, Dec),
            p("pgft_maj", Uint64, Dec),
            p("pgft_min", Uint64, Dec),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
            p("comm", Charbuf, Na),
            p("cgroups", Bytebuf, Na),
            p("env", Bytebuf, Na),
        ],
    ),
    ev(
        code::PPME_SIGNALDELIVER_E,
        "signaldeliver",
        ec::SIGNAL | ec::TRACEPOINT,
        ef::NONE,
        &[
            p("spid", Pid, Dec),
            p("dpid", Pid, Dec),
            p("sig", Sigtype, Dec),
        ],
    ),
    ev(
        code::PPME_SIGNALDELIVER_X,
        "NA",
        ec::UNKNOWN,
        ef::UNUSED,
        &[],
    ),
    ev(
        code::PPME_PROCINFO_E,
        "procinfo",
        ec::INTERNAL | ec::METAEVENT,
        ef::SKIPPARSERESET,
        &[p("cpu_usr", Uint64, Dec), p("cpu_sys", Uint64, Dec)],
    ),
    ev(code::PPME_PROCINFO_X, "NA", ec::UNKNOWN, ef::UNUSED, &[]),
    ev(
        code::PPME_SYSCALL_GETDENTS_E,
        "getdents",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Na)],
    ),
    ev(
        code::PPME_SYSCALL_GETDENTS_X,
        "getdents",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD | ef::CONVERTER_MANAGED,
        &[p("res", Errno, Dec), p("fd", Fd, Na)],
    ),
    ev(
        code::PPME_SYSCALL_GETDENTS64_E,
        "getdents64",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Na)],
    ),
    ev(
        code::PPME_SYSCALL_GETDENTS64_X,
        "getdents64",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD | ef::CONVERTER_MANAGED,
        &[p("res", Errno, Dec), p("fd", Fd, Na)],
    ),
    ev(
        code::PPME_SYSCALL_SETNS_E,
        "setns",
        ec::PROCESS | ec::SYSCALL,
        ef::USES_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Na), pf("nstype", Flags32, Hex, &CLONE_FLAGS)],
    ),
    ev(
        code::PPME_SYSCALL_SETNS_X,
        "setns",
        ec::PROCESS | ec::SYSCALL,
        ef::USES_FD | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("fd", Fd, Na),
            pf("nstype", Flags32, Hex, &CLONE_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_FLOCK_E,
        "flock",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Na), pf("operation", Flags32, Hex, &FLOCK_FLAGS)],
    ),
    ev(
        code::PPME_SYSCALL_FLOCK_X,
        "flock",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("fd", Fd, Na),
            pf("operation", Flags32, Hex, &FLOCK_FLAGS),
        ],
    ),
    ev(
        code::PPME_CPU_HOTPLUG_E,
        "cpu_hotplug",
        ec::SYSTEM | ec::METAEVENT,
        ef::MODIFIES_STATE | ef::SKIPPARSERESET,
        &[p("cpu", Uint32, Dec), p("action", Uint32, Dec)],
    ),
    ev(code::PPME_CPU_HOTPLUG_X, "NA", ec::UNKNOWN, ef::UNUSED, &[]),
    ev(
        code::PPME_SOCKET_ACCEPT_5_E,
        "accept",
        ec::NET | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SOCKET_ACCEPT_5_X,
        "accept",
        ec::NET | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE,
        &[
            p("fd", Fd, Dec),
            p("tuple", Socktuple, Na),
            p("queuepct", Uint8, Dec),
            p("queuelen", Uint32, Dec),
            p("queuemax", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SOCKET_ACCEPT4_5_E,
        "accept",
        ec::NET | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("flags", Int32, Hex)],
    ),
    ev(
        code::PPME_SOCKET_ACCEPT4_5_X,
        "accept",
        ec::NET | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("fd", Fd, Dec),
            p("tuple", Socktuple, Na),
            p("queuepct", Uint8, Dec),
            p("queuelen", Uint32, Dec),
            p("queuemax", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_SEMOP_E,
        "semop",
        ec::PROCESS | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("semid", Int32, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_SEMOP_X,
        "semop",
        ec::PROCESS | ec::SYSCALL,
        ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("nsops", Uint32, Dec),
            p("sem_num_0", Uint16, Dec),
            p("sem_op_0", Int16, Dec),
            pf("sem_flg_0", Flags16, Hex, &SEMOP_FLAGS),
            p("sem_num_1", Uint16, Dec),
            p("sem_op_1", Int16, Dec),
            pf("sem_flg_1", Flags16, Hex, &SEMOP_FLAGS),
            p("semid", Int32, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_SEMCTL_E,
        "semctl",
        ec::PROCESS | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("semid", Int32, Dec),
            p("semnum", Int32, Dec),
            pf("cmd", Flags16, Hex, &SEMCTL_COMMANDS),
            p("val", Int32, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_SEMCTL_X,
        "semctl",
        ec::PROCESS | ec::SYSCALL,
        ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("semid", Int32, Dec),
            p("semnum", Int32, Dec),
            pf("cmd", Flags16, Hex, &SEMCTL_COMMANDS),
            p("val", Int32, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_PPOLL_E,
        "ppoll",
        ec::WAIT | ec::SYSCALL,
        ef::WAITS | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("fds", Fdlist, Dec),
            p("timeout", Reltime, Dec),
            p("sigmask", Sigset, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_PPOLL_X,
        "ppoll",
        ec::WAIT | ec::SYSCALL,
        ef::WAITS | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("fds", Fdlist, Dec),
            p("timeout", Reltime, Dec),
            p("sigmask", Sigset, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_MOUNT_E,
        "mount",
        ec::FILE | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[pf("flags", Flags32, Hex, &MOUNT_FLAGS)],
    ),
    ev(
        code::PPME_SYSCALL_MOUNT_X,
        "mount",
        ec::FILE | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("dev", Charbuf, Na),
            p("dir", Fspath, Na),
            p("type", Charbuf, Na),
            pf("flags", Flags32, Hex, &MOUNT_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_UMOUNT_E,
        "umount",
        ec::FILE | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[pf("flags", Flags32, Hex, &UMOUNT_FLAGS)],
    ),
    ev(
        code::PPME_SYSCALL_UMOUNT_X,
        "umount",
        ec::FILE | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("res", Errno, Dec), p("name", Fspath, Na)],
    ),
    ev(
        code::PPME_K8S_E,
        "k8s",
        ec::INTERNAL | ec::METAEVENT,
        ef::MODIFIES_STATE | ef::SKIPPARSERESET | ef::OLD_VERSION,
        &[p("json", Charbuf, Na)],
    ),
    ev(code::PPME_K8S_X, "NA", ec::UNKNOWN, ef::UNUSED, &[]),
    ev(
        code::PPME_SYSCALL_SEMGET_E,
        "semget",
        ec::PROCESS | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("key", Int32, Hex),
            p("nsems", Int32, Dec),
            pf("semflg", Flags32, Hex, &SEMGET_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_SEMGET_X,
        "semget",
        ec::PROCESS | ec::SYSCALL,
        ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("key", Int32, Hex),
            p("nsems", Int32, Dec),
            pf("semflg", Flags32, Hex, &SEMGET_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_ACCESS_E,
        "access",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[pf("mode", Flags32, Hex, &ACCESS_FLAGS)],
    ),
    ev(
        code::PPME_SYSCALL_ACCESS_X,
        "access",
        ec::FILE | ec::SYSCALL,
        ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("name", Fspath, Na),
            pf("mode", Flags32, Hex, &ACCESS_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_CHROOT_E,
        "chroot",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_CHROOT_X,
        "chroot",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE,
        &[p("res", Errno, Dec), p("path", Fspath, Na)],
    ),
    ev(
        code::PPME_TRACER_E,
        "tracer",
        ec::OTHER | ec::METAEVENT,
        ef::OLD_VERSION,
        &[
            p("id", Int64, Dec),
            p("tags", Charbufarray, Na),
            p("args", CharbufPairArray, Na),
        ],
    ),
    ev(
        code::PPME_TRACER_X,
        "NA",
        ec::UNKNOWN,
        ef::UNUSED,
        &[
            p("id", Int64, Dec),
            p("tags", Charbufarray, Na),
            p("args", CharbufPairArray, Na),
        ],
    ),
    ev(
        code::PPME_MESOS_E,
        "mesos",
        ec::INTERNAL | ec::METAEVENT,
        ef::MODIFIES_STATE | ef::SKIPPARSERESET | ef::OLD_VERSION,
        &[p("json", Charbuf, Na)],
    ),
    ev(code::PPME_MESOS_X, "NA", ec::UNKNOWN, ef::UNUSED, &[]),
    ev(
        code::PPME_CONTAINER_JSON_E,
        "container",
        ec::PROCESS | ec::METAEVENT,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("json", Charbuf, Na)],
    ),
    ev(
        code::PPME_CONTAINER_JSON_X,
        "NA",
        ec::UNKNOWN,
        ef::UNUSED,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_SETSID_E,
        "setsid",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_SETSID_X,
        "setsid",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE,
        &[p("res", Pid, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_MKDIR_2_E,
        "mkdir",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("mode", Uint32, Hex)],
    ),
    ev(
        code::PPME_SYSCALL_MKDIR_2_X,
        "mkdir",
        ec::FILE | ec::SYSCALL,
        ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("path", Fspath, Na),
            p("mode", Uint32, Hex),
        ],
    ),
    ev(
        code::PPME_SYSCALL_RMDIR_2_E,
        "rmdir",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_RMDIR_2_X,
        "rmdir",
        ec::FILE | ec::SYSCALL,
        ef::NONE,
        &[p("res", Errno, Dec), p("path", Fspath, Na)],
    ),
    ev(
        code::PPME_NOTIFICATION_E,
        "notification",
        ec::OTHER | ec::METAEVENT,
        ef::SKIPPARSERESET,
        &[p("id", Charbuf, Dec), p("desc", Charbuf, Na)],
    ),
    ev(
        code::PPME_NOTIFICATION_X,
        "NA",
        ec::UNKNOWN,
        ef::UNUSED,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_EXECVE_17_E,
        "execve",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_EXECVE_17_X,
        "execve",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("exe", Charbuf, Na),
            p("args", Bytebuf, Na),
            p("tid", Pid, Dec),
            p("pid", Pid, Dec),
            p("ptid", Pid, Dec),
            p("cwd", Charbuf, Na),
            p("fdlimit", Uint64, Dec),
            p("pgft_maj", Uint64, Dec),
            p("pgft_min", Uint64, Dec),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
            p("comm", Charbuf, Na),
            p("cgroups", Bytebuf, Na),
            p("env", Bytebuf, Na),
            p("tty", Int32, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_UNSHARE_E,
        "unshare",
        ec::PROCESS | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[pf("flags", Flags32, Hex, &CLONE_FLAGS)],
    ),
    ev(
        code::PPME_SYSCALL_UNSHARE_X,
        "unshare",
        ec::PROCESS | ec::SYSCALL,
        ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            pf("flags", Flags32, Hex, &CLONE_FLAGS),
        ],
    ),
    ev(
        code::PPME_INFRASTRUCTURE_EVENT_E,
        "infra",
        ec::INTERNAL | ec::METAEVENT,
        ef::SKIPPARSERESET,
        &[
            p("source", Charbuf, Dec),
            p("name", Charbuf, Na),
            p("description", Charbuf, Na),
            p("scope", Charbuf, Na),
        ],
    ),
    ev(
        code::PPME_INFRASTRUCTURE_EVENT_X,
        "NA",
        ec::UNKNOWN,
        ef::UNUSED,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_EXECVE_18_E,
        "execve",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("filename", Fspath, Na)],
    ),
    ev(
        code::PPME_SYSCALL_EXECVE_18_X,
        "execve",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("exe", Charbuf, Na),
            p("args", Bytebuf, Na),
            p("tid", Pid, Dec),
            p("pid", Pid, Dec),
            p("ptid", Pid, Dec),
            p("cwd", Charbuf, Na),
            p("fdlimit", Uint64, Dec),
            p("pgft_maj", Uint64, Dec),
            p("pgft_min", Uint64, Dec),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
            p("comm", Charbuf, Na),
            p("cgroups", Bytebuf, Na),
            p("env", Bytebuf, Na),
            p("tty", Int32, Dec),
        ],
    ),
    ev(
        code::PPME_PAGE_FAULT_E,
        "page_fault",
        ec::OTHER | ec::TRACEPOINT,
        ef::SKIPPARSERESET,
        &[
            p("addr", Uint64, Hex),
            p("ip", Uint64, Hex),
            pf("error", Flags32, Hex, &PF_FLAGS),
        ],
    ),
    ev(code::PPME_PAGE_FAULT_X, "NA", ec::UNKNOWN, ef::UNUSED, &[]),
    ev(
        code::PPME_SYSCALL_EXECVE_19_E,
        "execve",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("filename", Fspath, Na)],
    ),
    ev(
        code::PPME_SYSCALL_EXECVE_19_X,
        "execve",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("exe", Charbuf, Na),
            p("args", Bytebuf, Na),
            p("tid", Pid, Dec),
            p("pid", Pid, Dec),
            p("ptid", Pid, Dec),
            p("cwd", Charbuf, Na),
            p("fdlimit", Uint64, Dec),
            p("pgft_maj", Uint64, Dec),
            p("pgft_min", Uint64, Dec),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
            p("comm", Charbuf, Na),
            p("cgroups", Bytebuf, Na),
            p("env", Bytebuf, Na),
            p("tty", Uint32, Dec),
            p("vpgid", Pid, Dec),
            p("loginuid", Uid, Dec),
            pf("flags", Flags32, Hex, &EXECVE_FLAGS),
            p("cap_inheritable", Uint64, Hex),
            p("cap_permitted", Uint64, Hex),
            p("cap_effective", Uint64, Hex),
            p("exe_ino", Uint64, Dec),
            p("exe_ino_ctime", Abstime, Dec),
            p("exe_ino_mtime", Abstime, Dec),
            p("uid", Uid, Dec),
            p("trusted_exepath", Fspath, Na),
            p("pgid", Pid, Na),
            p("gid", Gid, Dec),
            p("filename", Fspath, Na),
        ],
    ),
    ev(
        code::PPME_SYSCALL_SETPGID_E,
        "setpgid",
        ec::PROCESS | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("pid", Pid, Dec), p("pgid", Pid, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_SETPGID_X,
        "setpgid",
        ec::PROCESS | ec::SYSCALL,
        ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("pid", Pid, Dec),
            p("pgid", Pid, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_BPF_E,
        "bpf",
        ec::OTHER | ec::SYSCALL,
        ef::CREATES_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("cmd", Int64, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_BPF_X,
        "bpf",
        ec::OTHER | ec::SYSCALL,
        ef::CREATES_FD | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[pdyn("res_or_fd", Dec, &BPF_DYN)],
    ),
    ev(
        code::PPME_SYSCALL_SECCOMP_E,
        "seccomp",
        ec::OTHER | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("op", Uint64, Dec), p("flags", Uint64, Hex)],
    ),
    ev(
        code::PPME_SYSCALL_SECCOMP_X,
        "seccomp",
        ec::OTHER | ec::SYSCALL,
        ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("op", Uint64, Dec),
            p("flags", Uint64, Hex),
        ],
    ),
    ev(
        code::PPME_SYSCALL_UNLINK_2_E,
        "unlink",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_UNLINK_2_X,
        "unlink",
        ec::FILE | ec::SYSCALL,
        ef::NONE,
        &[p("res", Errno, Dec), p("path", Fspath, Na)],
    ),
    ev(
        code::PPME_SYSCALL_UNLINKAT_2_E,
        "unlinkat",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_UNLINKAT_2_X,
        "unlinkat",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD,
        &[
            p("res", Errno, Dec),
            p("dirfd", Fd, Dec),
            prel("name", 1),
            pf("flags", Flags32, Hex, &UNLINKAT_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_MKDIRAT_E,
        "mkdirat",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_MKDIRAT_X,
        "mkdirat",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD,
        &[
            p("res", Errno, Dec),
            p("dirfd", Fd, Dec),
            prel("path", 1),
            p("mode", Uint32, Hex),
        ],
    ),
    ev(
        code::PPME_SYSCALL_OPENAT_2_E,
        "openat",
        ec::FILE | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("dirfd", Fd, Dec),
            prel("name", 0),
            pf("flags", Flags32, Hex, &FILE_FLAGS),
            p("mode", Uint32, Oct),
        ],
    ),
    ev(
        code::PPME_SYSCALL_OPENAT_2_X,
        "openat",
        ec::FILE | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("fd", Fd, Dec),
            p("dirfd", Fd, Dec),
            prel("name", 1),
            pf("flags", Flags32, Hex, &FILE_FLAGS),
            p("mode", Uint32, Oct),
            p("dev", Uint32, Hex),
            p("ino", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_LINK_2_E,
        "link",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_LINK_2_X,
        "link",
        ec::FILE | ec::SYSCALL,
        ef::NONE,
        &[
            p("res", Errno, Dec),
            p("oldpath", Fspath, Na),
            p("newpath", Fspath, Na),
        ],
    ),
    ev(
        code::PPME_SYSCALL_LINKAT_2_E,
        "linkat",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_LINKAT_2_X,
        "linkat",
        ec::FILE | ec::SYSCALL,
        ef::NONE,
        &[
            p("res", Errno, Dec),
            p("olddir", Fd, Dec),
            prel("oldpath", 1),
            p("newdir", Fd, Dec),
            prel("newpath", 3),
            pf("flags", Flags32, Hex, &LINKAT_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_FCHMODAT_E,
        "fchmodat",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_FCHMODAT_X,
        "fchmodat",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD,
        &[
            p("res", Errno, Dec),
            p("dirfd", Fd, Dec),
            prel("filename", 1),
            pf("mode", Mode, Oct, &CHMOD_MODE),
        ],
    ),
    ev(
        code::PPME_SYSCALL_CHMOD_E,
        "chmod",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_CHMOD_X,
        "chmod",
        ec::FILE | ec::SYSCALL,
        ef::NONE,
        &[
            p("res", Errno, Dec),
            p("filename", Fspath, Na),
            pf("mode", Mode, Oct, &CHMOD_MODE),
        ],
    ),
    ev(
        code::PPME_SYSCALL_FCHMOD_E,
        "fchmod",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_FCHMOD_X,
        "fchmod",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD,
        &[
            p("res", Errno, Dec),
            p("fd", Fd, Dec),
            pf("mode", Mode, Oct, &CHMOD_MODE),
        ],
    ),
    ev(
        code::PPME_SYSCALL_RENAMEAT2_E,
        "renameat2",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_RENAMEAT2_X,
        "renameat2",
        ec::FILE | ec::SYSCALL,
        ef::NONE,
        &[
            p("res", Errno, Dec),
            p("olddirfd", Fd, Dec),
            prel("oldpath", 1),
            p("newdirfd", Fd, Dec),
            prel("newpath", 3),
            pf("flags", Flags32, Hex, &RENAMEAT2_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_USERFAULTFD_E,
        "userfaultfd",
        ec::FILE | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_USERFAULTFD_X,
        "userfaultfd",
        ec::FILE | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE,
        &[p("res", Errno, Dec), pf("flags", Flags32, Hex, &FILE_FLAGS)],
    ),
    ev(
        code::PPME_PLUGINEVENT_E,
        "pluginevent",
        ec::OTHER | ec::PLUGIN,
        ef::LARGE_PAYLOAD,
        &[p("plugin_id", Uint32, Dec), p("event_data", Bytebuf, Na)],
    ),
    ev(code::PPME_PLUGINEVENT_X, "NA", ec::UNKNOWN, ef::UNUSED, &[]),
    ev(
        code::PPME_CONTAINER_JSON_2_E,
        "container",
        ec::PROCESS | ec::METAEVENT,
        ef::MODIFIES_STATE | ef::LARGE_PAYLOAD,
        &[p("json", Charbuf, Na)],
    ),
    ev(
        code::PPME_CONTAINER_JSON_2_X,
        "NA",
        ec::UNKNOWN,
        ef::UNUSED,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_OPENAT2_E,
        "openat2",
        ec::FILE | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("dirfd", Fd, Dec),
            prel("name", 0),
            pf("flags", Flags32, Hex, &FILE_FLAGS),
            p("mode", Uint32, Oct),
            pf("resolve", Flags32, Hex, &OPENAT2_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_OPENAT2_X,
        "openat2",
        ec::FILE | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("fd", Fd, Dec),
            p("dirfd", Fd, Dec),
            prel("name", 1),
            pf("flags", Flags32, Hex, &FILE_FLAGS),
            p("mode", Uint32, Oct),
            pf("resolve", Flags32, Hex, &OPENAT2_FLAGS),
            p("dev", Uint32, Hex),
            p("ino", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_MPROTECT_E,
        "mprotect",
        ec::MEMORY | ec::SYSCALL,
        ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("addr", Uint64, Hex),
            p("length", Uint64, Dec),
            pf("prot", Flags32, Hex, &PROT_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_MPROTECT_X,
        "mprotect",
        ec::MEMORY | ec::SYSCALL,
        ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("addr", Uint64, Hex),
            p("length", Uint64, Dec),
            pf("prot", Flags32, Hex, &PROT_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_EXECVEAT_E,
        "execveat",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[
            p("dirfd", Fd, Dec),
            prel("pathname", 0),
            pf("flags", Flags32, Hex, &EXECVEAT_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_EXECVEAT_X,
        "execveat",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("exe", Charbuf, Na),
            p("args", Bytebuf, Na),
            p("tid", Pid, Dec),
            p("pid", Pid, Dec),
            p("ptid", Pid, Dec),
            p("cwd", Charbuf, Na),
            p("fdlimit", Uint64, Dec),
            p("pgft_maj", Uint64, Dec),
            p("pgft_min", Uint64, Dec),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
            p("comm", Charbuf, Na),
            p("cgroups", Bytebuf, Na),
            p("env", Bytebuf, Na),
            p("tty", Uint32, Dec),
            p("vpgid", Pid, Dec),
            p("loginuid", Uid, Dec),
            pf("flags", Flags32, Hex, &EXECVE_FLAGS),
            p("cap_inheritable", Uint64, Hex),
            p("cap_permitted", Uint64, Hex),
            p("cap_effective", Uint64, Hex),
            p("exe_ino", Uint64, Dec),
            p("exe_ino_ctime", Abstime, Dec),
            p("exe_ino_mtime", Abstime, Dec),
            p("uid", Uid, Dec),
            p("trusted_exepath", Fspath, Na),
            p("pgid", Pid, Na),
            p("gid", Gid, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_COPY_FILE_RANGE_E,
        "copy_file_range",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD
            | ef::READS_FROM_FD
            | ef::WRITES_TO_FD
            | ef::OLD_VERSION
            | ef::CONVERTER_MANAGED,
        &[
            p("fdin", Fd, Dec),
            p("offin", Uint64, Dec),
            p("len", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_COPY_FILE_RANGE_X,
        "copy_file_range",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD | ef::READS_FROM_FD | ef::WRITES_TO_FD | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("fdout", Fd, Dec),
            p("offout", Uint64, Dec),
            p("fdin", Fd, Dec),
            p("offin", Uint64, Dec),
            p("len", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_CLONE3_E,
        "clone3",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_CLONE3_X,
        "clone3",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Pid, Dec),
            p("exe", Charbuf, Na),
            p("args", Bytebuf, Na),
            p("tid", Pid, Dec),
            p("pid", Pid, Dec),
            p("ptid", Pid, Dec),
            p("cwd", Charbuf, Na),
            p("fdlimit", Int64, Dec),
            p("pgft_maj", Uint64, Dec),
            p("pgft_min", Uint64, Dec),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
            p("comm", Charbuf, Na),
            p("cgroups", Bytebuf, Na),
            pf("flags", Flags32, Hex, &CLONE_FLAGS),
            p("uid", Uint32, Dec),
            p("gid", Uint32, Dec),
            p("vtid", Pid, Dec),
            p("vpid", Pid, Dec),
            p("pidns_init_start_ts", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_OPEN_BY_HANDLE_AT_E,
        "open_by_handle_at",
        ec::FILE | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_OPEN_BY_HANDLE_AT_X,
        "open_by_handle_at",
        ec::FILE | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE,
        &[
            p("fd", Fd, Dec),
            p("mountfd", Fd, Dec),
            pf("flags", Flags32, Hex, &FILE_FLAGS),
            p("path", Fspath, Na),
            p("dev", Uint32, Hex),
            p("ino", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_IO_URING_SETUP_E,
        "io_uring_setup",
        ec::IO_OTHER | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_IO_URING_SETUP_X,
        "io_uring_setup",
        ec::IO_OTHER | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE,
        &[
            p("res", Errno, Dec),
            p("entries", Uint32, Dec),
            p("sq_entries", Uint32, Dec),
            p("cq_entries", Uint32, Dec),
            pf("flags", Flags32, Hex, &IO_URING_SETUP_FLAGS),
            p("sq_thread_cpu", Uint32, Dec),
            p("sq_thread_idle", Uint32, Dec),
            pf("features", Flags32, Hex, &IO_URING_SETUP_FEATS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_IO_URING_ENTER_E,
        "io_uring_enter",
        ec::IO_OTHER | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_IO_URING_ENTER_X,
        "io_uring_enter",
        ec::IO_OTHER | ec::SYSCALL,
        ef::USES_FD,
        &[
            p("res", Errno, Dec),
            p("fd", Fd, Dec),
            p("to_submit", Uint32, Dec),
            p("min_complete", Uint32, Dec),
            pf("flags", Flags32, Hex, &IO_URING_ENTER_FLAGS),
            p("sig", Sigset, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_IO_URING_REGISTER_E,
        "io_uring_register",
        ec::IO_OTHER | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_IO_URING_REGISTER_X,
        "io_uring_register",
        ec::IO_OTHER | ec::SYSCALL,
        ef::USES_FD,
        &[
            p("res", Errno, Dec),
            p("fd", Fd, Dec),
            pf("opcode", Enumflags16, Dec, &IO_URING_REGISTER_OPCODES),
            p("arg", Uint64, Hex),
            p("nr_args", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_MLOCK_E,
        "mlock",
        ec::MEMORY | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_MLOCK_X,
        "mlock",
        ec::MEMORY | ec::SYSCALL,
        ef::NONE,
        &[
            p("res", Errno, Dec),
            p("addr", Uint64, Hex),
            p("len", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_MUNLOCK_E,
        "munlock",
        ec::MEMORY | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_MUNLOCK_X,
        "munlock",
        ec::MEMORY | ec::SYSCALL,
        ef::NONE,
        &[
            p("res", Errno, Dec),
            p("addr", Uint64, Hex),
            p("len", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_MLOCKALL_E,
        "mlockall",
        ec::MEMORY | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_MLOCKALL_X,
        "mlockall",
        ec::MEMORY | ec::SYSCALL,
        ef::NONE,
        &[
            p("res", Errno, Dec),
            pf("flags", Flags32, Hex, &MLOCKALL_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_MUNLOCKALL_E,
        "munlockall",
        ec::MEMORY | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_MUNLOCKALL_X,
        "munlockall",
        ec::MEMORY | ec::SYSCALL,
        ef::NONE,
        &[p("res", Errno, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_CAPSET_E,
        "capset",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_CAPSET_X,
        "capset",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE,
        &[
            p("res", Errno, Dec),
            p("cap_inheritable", Uint64, Hex),
            p("cap_permitted", Uint64, Hex),
            p("cap_effective", Uint64, Hex),
        ],
    ),
    ev(
        code::PPME_USER_ADDED_E,
        "useradded",
        ec::PROCESS | ec::METAEVENT,
        ef::MODIFIES_STATE,
        &[
            p("uid", Uint32, Dec),
            p("gid", Uint32, Dec),
            p("name", Charbuf, Na),
            p("home", Charbuf, Na),
            p("shell", Charbuf, Na),
            p("container_id", Charbuf, Na),
        ],
    ),
    ev(code::PPME_USER_ADDED_X, "NA", ec::UNKNOWN, ef::UNUSED, &[]),
    ev(
        code::PPME_USER_DELETED_E,
        "userdeleted",
        ec::PROCESS | ec::METAEVENT,
        ef::MODIFIES_STATE,
        &[
            p("uid", Uint32, Dec),
            p("gid", Uint32, Dec),
            p("name", Charbuf, Na),
            p("home", Charbuf, Na),
            p("shell", Charbuf, Na),
            p("container_id", Charbuf, Na),
        ],
    ),
    ev(
        code::PPME_USER_DELETED_X,
        "NA",
        ec::UNKNOWN,
        ef::UNUSED,
        &[],
    ),
    ev(
        code::PPME_GROUP_ADDED_E,
        "groupadded",
        ec::PROCESS | ec::METAEVENT,
        ef::MODIFIES_STATE,
        &[
            p("gid", Uint32, Dec),
            p("name", Charbuf, Na),
            p("container_id", Charbuf, Na),
        ],
    ),
    ev(code::PPME_GROUP_ADDED_X, "NA", ec::UNKNOWN, ef::UNUSED, &[]),
    ev(
        code::PPME_GROUP_DELETED_E,
        "groupdeleted",
        ec::PROCESS | ec::METAEVENT,
        ef::MODIFIES_STATE,
        &[
            p("gid", Uint32, Dec),
            p("name", Charbuf, Na),
            p("container_id", Charbuf, Na),
        ],
    ),
    ev(
        code::PPME_GROUP_DELETED_X,
        "NA",
        ec::UNKNOWN,
        ef::UNUSED,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_DUP2_E,
        "dup2",
        ec::IO_OTHER | ec::SYSCALL,
        ef::CREATES_FD | ef::USES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[p("fd", Fd, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_DUP2_X,
        "dup2",
        ec::IO_OTHER | ec::SYSCALL,
        ef::CREATES_FD | ef::USES_FD | ef::MODIFIES_STATE,
        &[p("res", Fd, Dec), p("oldfd", Fd, Dec), p("newfd", Fd, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_DUP3_E,
        "dup3",
        ec::IO_OTHER | ec::SYSCALL,
        ef::CREATES_FD | ef::USES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[p("fd", Fd, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_DUP3_X,
        "dup3",
        ec::IO_OTHER | ec::SYSCALL,
        ef::CREATES_FD | ef::USES_FD | ef::MODIFIES_STATE,
        &[
            p("res", Fd, Dec),
            p("oldfd", Fd, Dec),
            p("newfd", Fd, Dec),
            pf("flags", Flags32, Hex, &FILE_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_DUP_1_E,
        "dup",
        ec::IO_OTHER | ec::SYSCALL,
        ef::CREATES_FD | ef::USES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[p("fd", Fd, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_DUP_1_X,
        "dup",
        ec::IO_OTHER | ec::SYSCALL,
        ef::CREATES_FD | ef::USES_FD | ef::MODIFIES_STATE,
        &[p("res", Fd, Dec), p("oldfd", Fd, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_BPF_2_E,
        "bpf",
        ec::OTHER | ec::SYSCALL,
        ef::CREATES_FD | ef::OLD_VERSION,
        &[p("cmd", Int64, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_BPF_2_X,
        "bpf",
        ec::OTHER | ec::SYSCALL,
        ef::CREATES_FD,
        &[p("fd", Fd, Dec), pf("cmd", Enumflags32, Dec, &BPF_COMMANDS)],
    ),
    ev(
        code::PPME_SYSCALL_MLOCK2_E,
        "mlock2",
        ec::MEMORY | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_MLOCK2_X,
        "mlock2",
        ec::MEMORY | ec::SYSCALL,
        ef::NONE,
        &[
            p("res", Errno, Dec),
            p("addr", Uint64, Hex),
            p("len", Uint64, Dec),
            pf("flags", Flags32, Hex, &MLOCK2_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_FSCONFIG_E,
        "fsconfig",
        ec::SYSTEM | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_FSCONFIG_X,
        "fsconfig",
        ec::SYSTEM | ec::SYSCALL,
        ef::USES_FD,
        &[
            p("res", Errno, Dec),
            p("fd", Fd, Dec),
            pf("cmd", Enumflags32, Dec, &FSCONFIG_CMDS),
            p("key", Charbuf, Na),
            p("value_bytebuf", Bytebuf, Na),
            p("value_charbuf", Charbuf, Na),
            p("aux", Int32, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_EPOLL_CREATE_E,
        "epoll_create",
        ec::WAIT | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("size", Int32, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_EPOLL_CREATE_X,
        "epoll_create",
        ec::WAIT | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[p("res", Errno, Dec), p("size", Int32, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_EPOLL_CREATE1_E,
        "epoll_create1",
        ec::WAIT | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[pf("flags", Flags32, Hex, &EPOLL_CREATE1_FLAGS)],
    ),
    ev(
        code::PPME_SYSCALL_EPOLL_CREATE1_X,
        "epoll_create1",
        ec::WAIT | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            pf("flags", Flags32, Hex, &EPOLL_CREATE1_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_CHOWN_E,
        "chown",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_CHOWN_X,
        "chown",
        ec::FILE | ec::SYSCALL,
        ef::NONE,
        &[
            p("res", Errno, Dec),
            p("path", Fspath, Na),
            p("uid", Uint32, Dec),
            p("gid", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_LCHOWN_E,
        "lchown",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_LCHOWN_X,
        "lchown",
        ec::FILE | ec::SYSCALL,
        ef::NONE,
        &[
            p("res", Errno, Dec),
            p("path", Fspath, Na),
            p("uid", Uint32, Dec),
            p("gid", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_FCHOWN_E,
        "fchown",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_FCHOWN_X,
        "fchown",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD,
        &[
            p("res", Errno, Dec),
            p("fd", Fd, Dec),
            p("uid", Uint32, Dec),
            p("gid", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_FCHOWNAT_E,
        "fchownat",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_FCHOWNAT_X,
        "fchownat",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD,
        &[
            p("res", Errno, Dec),
            p("dirfd", Fd, Dec),
            prel("pathname", 1),
            p("uid", Uint32, Dec),
            p("gid", Uint32, Dec),
            pf("flags", Flags32, Hex, &FCHOWNAT_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_UMOUNT_1_E,
        "umount",
        ec::FILE | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_UMOUNT_1_X,
        "umount",
        ec::FILE | ec::SYSCALL,
        ef::MODIFIES_STATE,
        &[p("res", Errno, Dec), p("name", Fspath, Na)],
    ),
    ev(
        code::PPME_SOCKET_ACCEPT4_6_E,
        "accept4",
        ec::NET | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("flags", Int32, Hex)],
    ),
    ev(
        code::PPME_SOCKET_ACCEPT4_6_X,
        "accept4",
        ec::NET | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("fd", Fd, Dec),
            p("tuple", Socktuple, Na),
            p("queuepct", Uint8, Dec),
            p("queuelen", Uint32, Dec),
            p("queuemax", Uint32, Dec),
            p("flags", Int32, Hex),
        ],
    ),
    ev(
        code::PPME_SYSCALL_UMOUNT2_E,
        "umount2",
        ec::FILE | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[pf("flags", Flags32, Hex, &UMOUNT_FLAGS)],
    ),
    ev(
        code::PPME_SYSCALL_UMOUNT2_X,
        "umount2",
        ec::FILE | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Errno, Dec),
            p("name", Fspath, Na),
            pf("flags", Flags32, Hex, &UMOUNT_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_PIPE2_E,
        "pipe2",
        ec::IPC | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_PIPE2_X,
        "pipe2",
        ec::IPC | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE,
        &[
            p("res", Errno, Dec),
            p("fd1", Fd, Dec),
            p("fd2", Fd, Dec),
            p("ino", Uint64, Dec),
            pf("flags", Flags32, Hex, &FILE_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_INOTIFY_INIT1_E,
        "inotify_init1",
        ec::IPC | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_INOTIFY_INIT1_X,
        "inotify_init1",
        ec::IPC | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE,
        &[p("res", Fd, Dec), pf("flags", Flags16, Hex, &FILE_FLAGS)],
    ),
    ev(
        code::PPME_SYSCALL_EVENTFD2_E,
        "eventfd2",
        ec::IPC | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("initval", Uint64, Dec)],
    ),
    ev(
        code::PPME_SYSCALL_EVENTFD2_X,
        "eventfd2",
        ec::IPC | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Fd, Dec),
            pf("flags", Flags16, Hex, &FILE_FLAGS),
            p("initval", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_SIGNALFD4_E,
        "signalfd4",
        ec::SIGNAL | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION | ef::CONVERTER_MANAGED,
        &[p("fd", Fd, Dec), p("mask", Uint32, Hex)],
    ),
    ev(
        code::PPME_SYSCALL_SIGNALFD4_X,
        "signalfd4",
        ec::SIGNAL | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::CONVERTER_MANAGED,
        &[
            p("res", Fd, Dec),
            pf("flags", Flags16, Hex, &FILE_FLAGS),
            p("fd", Fd, Dec),
            p("mask", Uint32, Hex),
        ],
    ),
    ev(
        code::PPME_SYSCALL_PRCTL_E,
        "prctl",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_PRCTL_X,
        "prctl",
        ec::PROCESS | ec::SYSCALL,
        ef::MODIFIES_STATE,
        &[
            p("res", Errno, Dec),
            pf("option", Enumflags32, Dec, &PRCTL_OPTIONS),
            p("arg2_str", Charbuf, Na),
            p("arg2_int", Int64, Dec),
        ],
    ),
    ev(
        code::PPME_ASYNCEVENT_E,
        "asyncevent",
        ec::OTHER | ec::METAEVENT,
        ef::LARGE_PAYLOAD,
        &[
            p("plugin_id", Uint32, Dec),
            p("name", Charbuf, Na),
            p("data", Bytebuf, Na),
        ],
    ),
    ev(code::PPME_ASYNCEVENT_X, "NA", ec::UNKNOWN, ef::UNUSED, &[]),
    ev(
        code::PPME_SYSCALL_MEMFD_CREATE_E,
        "memfd_create",
        ec::MEMORY | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_MEMFD_CREATE_X,
        "memfd_create",
        ec::MEMORY | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE,
        &[
            p("fd", Fd, Dec),
            p("name", Charbuf, Na),
            pf("flags", Flags32, Hex, &MEMFD_CREATE_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_PIDFD_GETFD_E,
        "pidfd_getfd",
        ec::PROCESS | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_PIDFD_GETFD_X,
        "pidfd_getfd",
        ec::PROCESS | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE,
        &[
            p("fd", Fd, Dec),
            p("pid_fd", Fd, Dec),
            p("target_fd", Fd, Dec),
            p("flags", Uint32, Hex),
        ],
    ),
    ev(
        code::PPME_SYSCALL_PIDFD_OPEN_E,
        "pidfd_open",
        ec::PROCESS | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_PIDFD_OPEN_X,
        "pidfd_open",
        ec::PROCESS | ec::SYSCALL,
        ef::CREATES_FD | ef::MODIFIES_STATE,
        &[
            p("fd", Fd, Dec),
            p("pid", Pid, Dec),
            pf("flags", Flags32, Hex, &PIDFD_OPEN_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_INIT_MODULE_E,
        "init_module",
        ec::OTHER | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_INIT_MODULE_X,
        "init_module",
        ec::OTHER | ec::SYSCALL,
        ef::NONE,
        &[
            p("res", Errno, Dec),
            p("img", Bytebuf, Na),
            p("length", Uint64, Dec),
            p("uargs", Charbuf, Na),
        ],
    ),
    ev(
        code::PPME_SYSCALL_FINIT_MODULE_E,
        "finit_module",
        ec::OTHER | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_FINIT_MODULE_X,
        "finit_module",
        ec::OTHER | ec::SYSCALL,
        ef::USES_FD | ef::READS_FROM_FD,
        &[
            p("res", Errno, Dec),
            p("fd", Fd, Dec),
            p("uargs", Charbuf, Na),
            pf("flags", Flags32, Hex, &FINIT_MODULE_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_MKNOD_E,
        "mknod",
        ec::OTHER | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_MKNOD_X,
        "mknod",
        ec::OTHER | ec::SYSCALL,
        ef::NONE,
        &[
            p("res", Errno, Dec),
            p("path", Fspath, Na),
            pf("mode", Mode, Oct, &MKNOD_MODE),
            p("dev", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_MKNODAT_E,
        "mknodat",
        ec::OTHER | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_MKNODAT_X,
        "mknodat",
        ec::OTHER | ec::SYSCALL,
        ef::USES_FD,
        &[
            p("res", Errno, Dec),
            p("dirfd", Fd, Dec),
            prel("path", 1),
            pf("mode", Mode, Oct, &MKNOD_MODE),
            p("dev", Uint32, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_NEWFSTATAT_E,
        "newfstatat",
        ec::FILE | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_NEWFSTATAT_X,
        "newfstatat",
        ec::FILE | ec::SYSCALL,
        ef::USES_FD,
        &[
            p("res", Errno, Dec),
            p("dirfd", Fd, Dec),
            prel("path", 1),
            pf("flags", Flags32, Hex, &NEWFSTATAT_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_PROCESS_VM_READV_E,
        "process_vm_readv",
        ec::IPC | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_PROCESS_VM_READV_X,
        "process_vm_readv",
        ec::IPC | ec::SYSCALL,
        ef::NONE,
        &[
            p("res", Int64, Dec),
            p("pid", Pid, Dec),
            p("data", Bytebuf, Na),
        ],
    ),
    ev(
        code::PPME_SYSCALL_PROCESS_VM_WRITEV_E,
        "process_vm_writev",
        ec::IPC | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_PROCESS_VM_WRITEV_X,
        "process_vm_writev",
        ec::IPC | ec::SYSCALL,
        ef::NONE,
        &[
            p("res", Int64, Dec),
            p("pid", Pid, Dec),
            p("data", Bytebuf, Na),
        ],
    ),
    ev(
        code::PPME_SYSCALL_DELETE_MODULE_E,
        "delete_module",
        ec::OTHER | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_DELETE_MODULE_X,
        "delete_module",
        ec::OTHER | ec::SYSCALL,
        ef::NONE,
        &[
            p("res", Errno, Dec),
            p("name", Charbuf, Na),
            pf("flags", Flags32, Hex, &DELETE_MODULE_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_SETREUID_E,
        "setreuid",
        ec::USER | ec::SYSCALL,
        ef::MODIFIES_STATE | ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_SETREUID_X,
        "setreuid",
        ec::USER | ec::SYSCALL,
        ef::MODIFIES_STATE,
        &[
            p("res", Errno, Dec),
            p("ruid", Uid, Dec),
            p("euid", Uid, Dec),
        ],
    ),
    ev(
        code::PPME_SYSCALL_SETREGID_E,
        "setregid",
        ec::USER | ec::SYSCALL,
        ef::OLD_VERSION,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_SETREGID_X,
        "setregid",
        ec::USER | ec::SYSCALL,
        ef::MODIFIES_STATE,
        &[
            p("res", Errno, Dec),
            p("rgid", Uid, Dec),
            p("egid", Uid, Dec),
        ],
    ),
    ev(
        code::PPME_ITER_TASK_E,
        "task",
        ec::PROCESS | ec::ITER,
        ef::MODIFIES_STATE,
        &[
            p("ppid", Pid32, Dec),
            p("pgid", Pid32, Dec),
            p("vpgid", Pid32, Dec),
            p("sid", Pid32, Dec),
            p("comm", Charbuf, Na),
            p("argv", Charbufarray, Na),
            p("exepath", Fspath, Na),
            pf("flags", Flags32, Hex, &EXECVE_FLAGS),
            p("env", Charbufarray, Na),
            p("cwd", Charbuf, Na),
            p("fdlimit", Uint64, Dec),
            p("euid", Uid, Dec),
            p("egid", Gid, Dec),
            p("cap_permitted", Uint64, Hex),
            p("cap_effective", Uint64, Hex),
            p("cap_inheritable", Uint64, Hex),
            p("exe_ino_num", Uint64, Dec),
            p("exe_ino_ctime", Abstime, Dec),
            p("exe_ino_mtime", Abstime, Dec),
            p("vm_size", Uint32, Dec),
            p("vm_rss", Uint32, Dec),
            p("vm_swap", Uint32, Dec),
            p("pgft_maj", Uint64, Dec),
            p("pgft_min", Uint64, Dec),
            p("vtgid", Pid32, Dec),
            p("vpid", Pid32, Dec),
            p("pidns_init_start_ts", Uint64, Dec),
            p("cgroups", Charbufarray, Na),
            p("root", Fspath, Na),
            p("start_time", Abstime, Dec),
            p("tty", Uint32, Dec),
            p("loginuid", Uid, Dec),
        ],
    ),
    ev(code::PPME_ITER_TASK_X, "NA", ec::UNKNOWN, ef::UNUSED, &[]),
    ev(
        code::PPME_ITER_TASK_FILE_PIPE_E,
        "task_file_pipe",
        ec::FILE | ec::ITER,
        ef::MODIFIES_STATE,
        &[
            p("fd", Fd32, Dec),
            p("path", Fspath, Na),
            p("ino_num", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_ITER_TASK_FILE_PIPE_X,
        "NA",
        ec::UNKNOWN,
        ef::UNUSED,
        &[],
    ),
    ev(
        code::PPME_ITER_TASK_FILE_MEMFD_E,
        "task_file_memfd",
        ec::FILE | ec::ITER,
        ef::MODIFIES_STATE,
        &[
            p("fd", Fd32, Dec),
            p("path", Fspath, Na),
            p("ino_num", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_ITER_TASK_FILE_MEMFD_X,
        "NA",
        ec::UNKNOWN,
        ef::UNUSED,
        &[],
    ),
    ev(
        code::PPME_ITER_TASK_FILE_REGULAR_E,
        "task_file_regular",
        ec::FILE | ec::ITER,
        ef::MODIFIES_STATE,
        &[
            p("fd", Fd32, Dec),
            p("path", Fspath, Na),
            pf("flags", Flags32, Hex, &FILE_FLAGS),
            p("mnt_id", Uint32, Dec),
            p("ino_num", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_ITER_TASK_FILE_REGULAR_X,
        "NA",
        ec::UNKNOWN,
        ef::UNUSED,
        &[],
    ),
    ev(
        code::PPME_ITER_TASK_FILE_DIRECTORY_E,
        "task_file_directory",
        ec::FILE | ec::ITER,
        ef::MODIFIES_STATE,
        &[
            p("fd", Fd32, Dec),
            p("path", Fspath, Na),
            p("ino_num", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_ITER_TASK_FILE_DIRECTORY_X,
        "NA",
        ec::UNKNOWN,
        ef::UNUSED,
        &[],
    ),
    ev(
        code::PPME_ITER_TASK_FILE_SOCKET_INET_E,
        "task_file_socket_inet",
        ec::FILE | ec::ITER,
        ef::MODIFIES_STATE,
        &[
            p("fd", Fd32, Dec),
            p("sk_type", Uint16, Dec),
            p("sk_proto", Uint16, Dec),
            p("local_ip", Ipv4addr, Hex),
            p("local_port", Port, Hex),
            p("remote_ip", Ipv4addr, Hex),
            p("remote_port", Port, Hex),
            p("ino_num", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_ITER_TASK_FILE_SOCKET_INET_X,
        "NA",
        ec::UNKNOWN,
        ef::UNUSED,
        &[],
    ),
    ev(
        code::PPME_ITER_TASK_FILE_SOCKET_INET6_E,
        "task_file_socket_inet6",
        ec::FILE | ec::ITER,
        ef::MODIFIES_STATE,
        &[
            p("fd", Fd32, Dec),
            p("sk_type", Uint16, Dec),
            p("sk_proto", Uint16, Dec),
            p("local_ip", Ipv6addr, Hex),
            p("local_port", Port, Hex),
            p("remote_ip", Ipv6addr, Hex),
            p("remote_port", Port, Hex),
            p("ino_num", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_ITER_TASK_FILE_SOCKET_INET6_X,
        "NA",
        ec::UNKNOWN,
        ef::UNUSED,
        &[],
    ),
    ev(
        code::PPME_ITER_TASK_FILE_SOCKET_UNIX_E,
        "task_file_socket_unix",
        ec::FILE | ec::ITER,
        ef::MODIFIES_STATE,
        &[
            p("fd", Fd32, Dec),
            p("sk_type", Uint16, Dec),
            p("sk_proto", Uint16, Dec),
            p("sk_pointer", Uint64, Na),
            p("sun_path", Fspath, Na),
            p("ino_num", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_ITER_TASK_FILE_SOCKET_UNIX_X,
        "NA",
        ec::UNKNOWN,
        ef::UNUSED,
        &[],
    ),
    ev(
        code::PPME_ITER_TASK_FILE_SOCKET_NETLINK_E,
        "task_file_socket_netlink",
        ec::FILE | ec::ITER,
        ef::MODIFIES_STATE,
        &[
            p("fd", Fd32, Dec),
            p("sk_type", Uint16, Dec),
            p("sk_proto", Uint16, Dec),
            p("ino_num", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_ITER_TASK_FILE_SOCKET_NETLINK_X,
        "NA",
        ec::UNKNOWN,
        ef::UNUSED,
        &[],
    ),
    ev(
        code::PPME_ITER_TASK_FILE_ANON_INODE_E,
        "task_file_anon_inode",
        ec::FILE | ec::ITER,
        ef::MODIFIES_STATE,
        &[
            p("fd", Fd32, Dec),
            pf("fd_type", Flags8, Dec, &ANON_INODE_FD_TYPES),
            p("path", Fspath, Na),
            p("ino_num", Uint64, Dec),
        ],
    ),
    ev(
        code::PPME_ITER_TASK_FILE_ANON_INODE_X,
        "NA",
        ec::UNKNOWN,
        ef::UNUSED,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_CLOSE_RANGE_E,
        "NA",
        ec::UNKNOWN,
        ef::UNUSED,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_CLOSE_RANGE_X,
        "close_range",
        ec::IO_OTHER | ec::SYSCALL,
        ef::MODIFIES_STATE,
        &[
            p("res", Errno, Dec),
            p("first", Uint32, Dec),
            p("last", Uint32, Dec),
            pf("flags", Flags32, Hex, &CLOSE_RANGE_FLAGS),
        ],
    ),
    ev(
        code::PPME_SYSCALL_KEYCTL_E,
        "NA",
        ec::UNKNOWN,
        ef::UNUSED,
        &[],
    ),
    ev(
        code::PPME_SYSCALL_KEYCTL_X,
        "keyctl",
        ec::OTHER | ec::SYSCALL,
        ef::NONE,
        &[
            p("res", Errno, Dec),
            pf("operation", Enumflags32, Dec, &KEYCTL_OPERATIONS),
            pdyn("arg2", Dec, &KEYCTL_DYN),
            pdyn("arg3", Dec, &KEYCTL_DYN),
            pdyn("arg4", Dec, &KEYCTL_DYN),
            pdyn("arg5", Dec, &KEYCTL_DYN),
        ],
    ),
];
