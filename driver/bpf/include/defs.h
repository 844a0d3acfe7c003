/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Common definitions of the probe: kernel types (vmlinux.h, CO-RE), libbpf's BPF
 * helpers, the generated event headers, and the kernel ABI constants that vmlinux.h
 * cannot carry (it has types, not #defines).
 */
#ifndef FALCO_BPF_DEFS_H
#define FALCO_BPF_DEFS_H

#include "vmlinux.h"

#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_endian.h>

#include "falco_events.gen.h"
#include "falco_flags.gen.h"
#include "falco_syscalls.gen.h"
#include "shared.h"

#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#endif
#ifndef unlikely
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif

/* Sizes of the event assembly area and limits of parameters. */
#define AUX_BUF_SIZE (128 * 1024)	/* per-CPU scratch for one event */
#define AUX_HALF (AUX_BUF_SIZE / 2)
#define AUX_HALF_MASK (AUX_HALF - 1)
#define MAX_EVENT_SIZE (64 * 1024)	/* larger events are dropped and counted */
#define MAX_PATH_LEN 4096		/* PATH_MAX */
#define MAX_ARGS_LEN 4096		/* argv or envp of execve, clone */
#define MAX_PROC_EXE 4096
#define MAX_ARGV_PTRS 32		/* argv entries read from a failed execve */
#define MAX_PATH_COMPONENTS 32		/* dentries walked to build a path */
#define MAX_CGROUP_DEPTH 16		/* kernfs nodes walked to build a cgroup path */
#define MAX_CGROUP_SUBSYS 16		/* cgroup subsystems listed */
#define MAX_SOCKADDR 128		/* sizeof(struct sockaddr_storage) */
#define UNIX_PATH_MAX 108
#define TASK_COMM_LEN 16

/* Architecture. */
#if defined(__TARGET_ARCH_x86)
#define TS_COMPAT 0x0002		/* thread_info.status: a 32-bit syscall */
#else
#error "the probe supports x86_64 only so far (see driver/bpf/README.md)"
#endif

#define PAGE_SHIFT 12

/* File modes and flags (uapi asm-generic/fcntl.h, linux/stat.h). */
#define O_ACCMODE 00000003
#define O_RDONLY 00000000
#define O_WRONLY 00000001
#define O_RDWR 00000002
#define O_CREAT 00000100
#define O_EXCL 00000200
#define O_NOCTTY 00000400
#define O_TRUNC 00001000
#define O_APPEND 00002000
#define O_NONBLOCK 00004000
#define O_DSYNC 00010000
#define O_DIRECT 00040000
#define O_LARGEFILE 00100000
#define O_DIRECTORY 00200000
#define O_NOFOLLOW 00400000
#define O_NOATIME 01000000
#define O_CLOEXEC 02000000
#define __O_SYNC 04000000
#define O_SYNC (__O_SYNC | O_DSYNC)
#define __O_TMPFILE 020000000
#define O_TMPFILE (__O_TMPFILE | O_DIRECTORY)

#define S_IFMT 00170000
#define S_IFSOCK 0140000
#define S_IFLNK 0120000
#define S_IFREG 0100000
#define S_IFDIR 0040000
#define S_IFIFO 0010000
#define S_IWUSR 00200
#define S_IWGRP 00020
#define S_IWOTH 00002

/* Internal file mode bit: the open created the file (include/linux/fs.h). */
#define FMODE_CREATED 0x100000

/* Clone flags (uapi linux/sched.h). */
#define CSIGNAL 0x000000ff
#define CLONE_VM 0x00000100
#define CLONE_FS 0x00000200
#define CLONE_FILES 0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_PIDFD 0x00001000
#define CLONE_PTRACE 0x00002000
#define CLONE_VFORK 0x00004000
#define CLONE_PARENT 0x00008000
#define CLONE_THREAD 0x00010000
#define CLONE_NEWNS 0x00020000
#define CLONE_SYSVSEM 0x00040000
#define CLONE_SETTLS 0x00080000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_DETACHED 0x00400000
#define CLONE_UNTRACED 0x00800000
#define CLONE_CHILD_SETTID 0x01000000
#define CLONE_NEWCGROUP 0x02000000
#define CLONE_NEWUTS 0x04000000
#define CLONE_NEWIPC 0x08000000
#define CLONE_NEWUSER 0x10000000
#define CLONE_NEWPID 0x20000000
#define CLONE_NEWNET 0x40000000
#define CLONE_IO 0x80000000

/* Socket families and types (linux/socket.h, linux/net.h). */
#define AF_UNIX 1
#define AF_INET 2
#define AF_INET6 10
#define AF_NETLINK 16
#define AF_PACKET 17
#define SOCK_NONBLOCK O_NONBLOCK
#define SOCK_CLOEXEC O_CLOEXEC

/* fcntl commands (uapi asm-generic/fcntl.h, linux/fcntl.h). */
#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#define F_SETOWN 8
#define F_GETOWN 9
#define F_SETSIG 10
#define F_GETSIG 11
#define F_SETOWN_EX 15
#define F_GETOWN_EX 16
#define F_OFD_GETLK 36
#define F_OFD_SETLK 37
#define F_OFD_SETLKW 38
#define F_LINUX_SPECIFIC_BASE 1024
#define F_SETLEASE (F_LINUX_SPECIFIC_BASE + 0)
#define F_GETLEASE (F_LINUX_SPECIFIC_BASE + 1)
#define F_NOTIFY (F_LINUX_SPECIFIC_BASE + 2)
#define F_CANCELLK (F_LINUX_SPECIFIC_BASE + 5)
#define F_DUPFD_CLOEXEC (F_LINUX_SPECIFIC_BASE + 6)
#define F_SETPIPE_SZ (F_LINUX_SPECIFIC_BASE + 7)
#define F_GETPIPE_SZ (F_LINUX_SPECIFIC_BASE + 8)

/* openat2 resolve flags (uapi linux/openat2.h). */
#define RESOLVE_NO_XDEV 0x01
#define RESOLVE_NO_MAGICLINKS 0x02
#define RESOLVE_NO_SYMLINKS 0x04
#define RESOLVE_BENEATH 0x08
#define RESOLVE_IN_ROOT 0x10
#define RESOLVE_CACHED 0x20

/* mount(2): the old magic number in the upper half of the flags. */
#define MS_MGC_VAL 0xC0ED0000
#define MS_MGC_MSK 0xffff0000

/* execveat(2) flags. */
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EMPTY_PATH 0x1000

/* Resource limits, signals. */
#define RLIMIT_NOFILE 7

/* Kernel dev_t: 12-bit major, 20-bit minor. */
#define MINORBITS 20
#define MINORMASK ((1U << MINORBITS) - 1)

#endif /* FALCO_BPF_DEFS_H */
