/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Kernel flag values to the portable PPM_* values of the event format. Where the two
 * are equal by construction (mount, umount2, unlinkat, linkat, renameat2, memfd_create,
 * finit_module, prctl and bpf commands, mode bits), the value is passed through with
 * only the known bits kept.
 */
#ifndef FALCO_BPF_FLAGS_H
#define FALCO_BPF_FLAGS_H

#include "defs.h"

static __always_inline __u32 open_flags_to_ppm(__u32 f)
{
	__u32 r;

	switch (f & O_ACCMODE) {
	case O_WRONLY:
		r = PPM_O_WRONLY;
		break;
	case O_RDWR:
		r = PPM_O_RDWR;
		break;
	default:
		r = PPM_O_RDONLY;
		break;
	}
	if (f & O_CREAT)
		r |= PPM_O_CREAT;
	if ((f & O_TMPFILE) == O_TMPFILE)
		r |= PPM_O_TMPFILE;
	if (f & O_APPEND)
		r |= PPM_O_APPEND;
	if (f & O_DSYNC)
		r |= PPM_O_DSYNC;
	if (f & O_EXCL)
		r |= PPM_O_EXCL;
	if (f & O_NONBLOCK)
		r |= PPM_O_NONBLOCK;
	if ((f & O_SYNC) == O_SYNC)
		r |= PPM_O_SYNC;
	if (f & O_TRUNC)
		r |= PPM_O_TRUNC;
	if (f & O_DIRECT)
		r |= PPM_O_DIRECT;
	if (f & O_DIRECTORY)
		r |= PPM_O_DIRECTORY;
	if (f & O_LARGEFILE)
		r |= PPM_O_LARGEFILE;
	if (f & O_CLOEXEC)
		r |= PPM_O_CLOEXEC;
	return r;
}

/* The mode of open/openat/creat: meaningful only when a file may be created. */
static __always_inline __u32 open_mode_to_ppm(__u32 flags, __u32 mode)
{
	if (!(flags & (O_CREAT | __O_TMPFILE)))
		return 0;
	return mode & 07777; /* PPM_S_* equal the kernel's S_I* bits */
}

static __always_inline __u32 mode_to_ppm(__u32 mode)
{
	return mode & 07777;
}

/* O_CLOEXEC / O_NONBLOCK / O_DIRECT of dup3, pipe2, socket, accept4, userfaultfd. */
static __always_inline __u32 fd_flags_to_ppm(__u32 f)
{
	__u32 r = 0;

	if (f & O_NONBLOCK)
		r |= PPM_O_NONBLOCK;
	if (f & O_CLOEXEC)
		r |= PPM_O_CLOEXEC;
	if (f & O_DIRECT)
		r |= PPM_O_DIRECT;
	return r;
}

static __always_inline __u32 clone_flags_to_ppm(__u64 f)
{
	__u32 r = 0;

	if (f & CLONE_FILES)
		r |= PPM_CLONE_FILES;
	if (f & CLONE_FS)
		r |= PPM_CLONE_FS;
	if (f & CLONE_IO)
		r |= PPM_CLONE_IO;
	if (f & CLONE_NEWIPC)
		r |= PPM_CLONE_NEWIPC;
	if (f & CLONE_NEWNET)
		r |= PPM_CLONE_NEWNET;
	if (f & CLONE_NEWNS)
		r |= PPM_CLONE_NEWNS;
	if (f & CLONE_NEWPID)
		r |= PPM_CLONE_NEWPID;
	if (f & CLONE_NEWUTS)
		r |= PPM_CLONE_NEWUTS;
	if (f & CLONE_PARENT_SETTID)
		r |= PPM_CLONE_PARENT_SETTID;
	if (f & CLONE_PARENT)
		r |= PPM_CLONE_PARENT;
	if (f & CLONE_PTRACE)
		r |= PPM_CLONE_PTRACE;
	if (f & CLONE_SIGHAND)
		r |= PPM_CLONE_SIGHAND;
	if (f & CLONE_SYSVSEM)
		r |= PPM_CLONE_SYSVSEM;
	if (f & CLONE_THREAD)
		r |= PPM_CLONE_THREAD;
	if (f & CLONE_UNTRACED)
		r |= PPM_CLONE_UNTRACED;
	if (f & CLONE_VM)
		r |= PPM_CLONE_VM;
	if (f & CLONE_NEWUSER)
		r |= PPM_CLONE_NEWUSER;
	if (f & CLONE_CHILD_CLEARTID)
		r |= PPM_CLONE_CHILD_CLEARTID;
	if (f & CLONE_CHILD_SETTID)
		r |= PPM_CLONE_CHILD_SETTID;
	if (f & CLONE_SETTLS)
		r |= PPM_CLONE_SETTLS;
	if (f & CLONE_VFORK)
		r |= PPM_CLONE_VFORK;
	if (f & CLONE_NEWCGROUP)
		r |= PPM_CLONE_NEWCGROUP;
	return r;
}

static __always_inline __u8 fcntl_cmd_to_ppm(__u32 cmd)
{
	switch (cmd) {
	case F_DUPFD:
		return PPM_F_DUPFD;
	case F_GETFD:
		return PPM_F_GETFD;
	case F_SETFD:
		return PPM_F_SETFD;
	case F_GETFL:
		return PPM_F_GETFL;
	case F_SETFL:
		return PPM_F_SETFL;
	case F_GETLK:
		return PPM_F_GETLK;
	case F_SETLK:
		return PPM_F_SETLK;
	case F_SETLKW:
		return PPM_F_SETLKW;
	case F_SETOWN:
		return PPM_F_SETOWN;
	case F_GETOWN:
		return PPM_F_GETOWN;
	case F_SETSIG:
		return PPM_F_SETSIG;
	case F_GETSIG:
		return PPM_F_GETSIG;
	case F_SETOWN_EX:
		return PPM_F_SETOWN_EX;
	case F_GETOWN_EX:
		return PPM_F_GETOWN_EX;
	case F_SETLEASE:
		return PPM_F_SETLEASE;
	case F_GETLEASE:
		return PPM_F_GETLEASE;
	case F_CANCELLK:
		return PPM_F_CANCELLK;
	case F_DUPFD_CLOEXEC:
		return PPM_F_DUPFD_CLOEXEC;
	case F_NOTIFY:
		return PPM_F_NOTIFY;
	case F_SETPIPE_SZ:
		return PPM_F_SETPIPE_SZ;
	case F_GETPIPE_SZ:
		return PPM_F_GETPIPE_SZ;
	case F_OFD_GETLK:
		return PPM_F_OFD_GETLK;
	case F_OFD_SETLK:
		return PPM_F_OFD_SETLK;
	case F_OFD_SETLKW:
		return PPM_F_OFD_SETLKW;
	default:
		return PPM_UNKNOWN;
	}
}

static __always_inline __u32 openat2_resolve_to_ppm(__u64 f)
{
	__u32 r = 0;

	if (f & RESOLVE_BENEATH)
		r |= PPM_RESOLVE_BENEATH;
	if (f & RESOLVE_IN_ROOT)
		r |= PPM_RESOLVE_IN_ROOT;
	if (f & RESOLVE_NO_MAGICLINKS)
		r |= PPM_RESOLVE_NO_MAGICLINKS;
	if (f & RESOLVE_NO_SYMLINKS)
		r |= PPM_RESOLVE_NO_SYMLINKS;
	if (f & RESOLVE_NO_XDEV)
		r |= PPM_RESOLVE_NO_XDEV;
	if (f & RESOLVE_CACHED)
		r |= PPM_RESOLVE_CACHED;
	return r;
}

static __always_inline __u32 mount_flags_to_ppm(__u64 f)
{
	if ((f & MS_MGC_MSK) == MS_MGC_VAL)
		f &= ~(__u64)MS_MGC_MSK;
	return (__u32)f;
}

/* ptrace requests (kernel numbering, uapi linux/ptrace.h) to PPM_PTRACE_*. */
static __always_inline __u16 ptrace_request_to_ppm(__s64 req)
{
	switch (req) {
	case 0:
		return PPM_PTRACE_TRACEME;
	case 1:
		return PPM_PTRACE_PEEKTEXT;
	case 2:
		return PPM_PTRACE_PEEKDATA;
	case 3:
		return PPM_PTRACE_PEEKUSR;
	case 4:
		return PPM_PTRACE_POKETEXT;
	case 5:
		return PPM_PTRACE_POKEDATA;
	case 6:
		return PPM_PTRACE_POKEUSR;
	case 7:
		return PPM_PTRACE_CONT;
	case 8:
		return PPM_PTRACE_KILL;
	case 9:
		return PPM_PTRACE_SINGLESTEP;
	case 12:
		return PPM_PTRACE_GETREGS;
	case 13:
		return PPM_PTRACE_SETREGS;
	case 14:
		return PPM_PTRACE_GETFPREGS;
	case 15:
		return PPM_PTRACE_SETFPREGS;
	case 16:
		return PPM_PTRACE_ATTACH;
	case 17:
		return PPM_PTRACE_DETACH;
	case 18:
		return PPM_PTRACE_GETFPXREGS;
	case 19:
		return PPM_PTRACE_SETFPXREGS;
	case 21:
		return PPM_PTRACE_OLDSETOPTIONS;
	case 24:
		return PPM_PTRACE_SYSCALL;
	case 25:
		return PPM_PTRACE_GET_THREAD_AREA;
	case 26:
		return PPM_PTRACE_SET_THREAD_AREA;
	case 30:
		return PPM_PTRACE_ARCH_PRCTL;
	case 31:
		return PPM_PTRACE_SYSEMU;
	case 32:
		return PPM_PTRACE_SYSEMU_SINGLESTEP;
	case 33:
		return PPM_PTRACE_SINGLEBLOCK;
	case 0x4200:
		return PPM_PTRACE_SETOPTIONS;
	case 0x4201:
		return PPM_PTRACE_GETEVENTMSG;
	case 0x4202:
		return PPM_PTRACE_GETSIGINFO;
	case 0x4203:
		return PPM_PTRACE_SETSIGINFO;
	case 0x4204:
		return PPM_PTRACE_GETREGSET;
	case 0x4205:
		return PPM_PTRACE_SETREGSET;
	case 0x4206:
		return PPM_PTRACE_SEIZE;
	case 0x4207:
		return PPM_PTRACE_INTERRUPT;
	case 0x4208:
		return PPM_PTRACE_LISTEN;
	case 0x4209:
		return PPM_PTRACE_PEEKSIGINFO;
	case 0x420a:
		return PPM_PTRACE_GETSIGMASK;
	case 0x420b:
		return PPM_PTRACE_SETSIGMASK;
	default:
		return PPM_PTRACE_UNKNOWN;
	}
}

#endif /* FALCO_BPF_FLAGS_H */
