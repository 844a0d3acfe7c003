/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Shared by the programs: syscall arguments, and the process description that
 * clone, fork, vfork, clone3, execve and execveat events carry.
 */
#ifndef FALCO_BPF_PROGS_COMMON_H
#define FALCO_BPF_PROGS_COMMON_H

#include "fds.h"
#include "flags.h"

/*
 * An exit program: tail-called by the sys_exit dispatcher. Declared on the same
 * tracepoint as the dispatcher (the kernel requires tail calls between tracing
 * programs of one attach type), never attached by the loader.
 */
#define EXIT_PROG(name) \
	SEC("tp_btf/sys_exit") int BPF_PROG(name, struct pt_regs *regs, long ret)

/* Syscall argument `i` (x86_64 syscall ABI: rdi, rsi, rdx, r10, r8, r9). */
static __always_inline unsigned long sc_arg(struct pt_regs *regs, int i)
{
	switch (i) {
	case 0:
		return BPF_CORE_READ(regs, di);
	case 1:
		return BPF_CORE_READ(regs, si);
	case 2:
		return BPF_CORE_READ(regs, dx);
	case 3:
		return BPF_CORE_READ(regs, r10);
	case 4:
		return BPF_CORE_READ(regs, r8);
	default:
		return BPF_CORE_READ(regs, r9);
	}
}

static __always_inline __s64 sc_fd(struct pt_regs *regs, int i)
{
	return (__s64)(__s32)sc_arg(regs, i);
}

static __always_inline __u32 snaplen(void)
{
	struct falco_bpf_settings *s = settings_get();
	__u32 n = s ? s->snaplen : PPM_SNAPLEN_DEFAULT;

	return n > PPM_SNAPLEN_MAX ? PPM_SNAPLEN_MAX : n;
}

/* True when the events of the current process are not wanted. */
static __always_inline bool self_ignored(void)
{
	struct falco_bpf_settings *s = settings_get();

	return s && s->ignore_tgid && (bpf_get_current_pid_tgid() >> 32) == s->ignore_tgid;
}

/* A region of user memory holding NUL-separated strings: argv or envp of a process. */
static __always_inline void push_user_region(struct aux_buf *a, unsigned long start,
					     unsigned long end, __u32 max)
{
	if (!start || end <= start) {
		push_empty(a);
		return;
	}
	push_user_buf(a, (const void *)start, end - start, max);
}

/* exe (argv[0]) and args (the rest) from the argument area of the task's memory. */
static __always_inline void push_exe_args_mm(struct aux_buf *a, struct task_struct *t)
{
	struct mm_struct *mm = BPF_CORE_READ(t, mm);
	unsigned long start = 0, end = 0;
	__u16 n;

	if (mm) {
		start = BPF_CORE_READ(mm, arg_start);
		end = BPF_CORE_READ(mm, arg_end);
	}
	n = push_user_str(a, start ? (const void *)start : NULL, MAX_PROC_EXE);
	push_user_region(a, start + n, end, MAX_ARGS_LEN);
}

static __always_inline void push_env_mm(struct aux_buf *a, struct task_struct *t)
{
	struct mm_struct *mm = BPF_CORE_READ(t, mm);

	if (!mm) {
		push_empty(a);
		return;
	}
	push_user_region(a, BPF_CORE_READ(mm, env_start), BPF_CORE_READ(mm, env_end),
			 MAX_ARGS_LEN);
}

/*
 * Strings pointed to by a NULL-terminated user array (argv, envp of a failed execve),
 * from entry `first` on, NUL-terminated and concatenated, at most MAX_ARGS_LEN bytes.
 */
static __noinline int push_user_str_array(struct aux_buf *a, const char *const *arr, int first)
{
	__u32 total = 0;
	int i;

	if (!a)
		return 0;
	for (i = 0; i < MAX_ARGV_PTRS && arr; i++) {
		const char *p = NULL;
		long n;

		if (i < first)
			continue;
		if (bpf_probe_read_user(&p, sizeof(p), &arr[i]) || !p)
			break;
		n = bpf_probe_read_user_str(&a->data[(a->pos + total) & AUX_HALF_MASK],
					    MAX_ARGS_LEN, p);
		if (n <= 0)
			break;
		total += n;
		if (total >= MAX_ARGS_LEN) {
			total = MAX_ARGS_LEN;
			a->data[(a->pos + total - 1) & AUX_HALF_MASK] = 0;
			break;
		}
	}
	ev_param_done(a, (__u16)total);
	return 0;
}

static __always_inline void push_exe_args_user(struct aux_buf *a, const char *const *argv)
{
	const char *exe = NULL;

	if (argv && bpf_probe_read_user(&exe, sizeof(exe), &argv[0]))
		count_read_failure();
	push_user_str(a, exe, MAX_PROC_EXE);
	push_user_str_array(a, argv, 1);
}

/*
 * Parameters 4 to 14 of clone and execve events: tid, pid, ptid, cwd, fdlimit,
 * pgft_maj, pgft_min, vm_size, vm_rss, vm_swap, comm.
 */
static __always_inline void push_proc_common(struct aux_buf *a, struct task_struct *t)
{
	struct mm_struct *mm = BPF_CORE_READ(t, mm);

	push_s64(a, BPF_CORE_READ(t, pid));
	push_s64(a, BPF_CORE_READ(t, tgid));
	push_s64(a, task_ptid(t));
	push_empty(a); /* cwd: kept by userspace state, as the reference drivers do */
	push_u64(a, task_fdlimit(t));
	push_u64(a, BPF_CORE_READ(t, maj_flt));
	push_u64(a, BPF_CORE_READ(t, min_flt));
	push_u32(a, mm_vm_size_kb(mm));
	push_u32(a, mm_vm_rss_kb(mm));
	push_u32(a, mm_vm_swap_kb(mm));
	push_kernel_str(a, &t->comm, TASK_COMM_LEN);
}

/*
 * Parameters 17 to 30 of execve and execveat events: tty, vpgid, loginuid, flags,
 * capabilities, executable inode and times, uid, trusted_exepath, pgid, gid.
 */
static __always_inline void push_exec_tail(struct aux_buf *a, struct task_struct *t)
{
	struct file *exe = BPF_CORE_READ(t, mm, exe_file);
	struct inode *ino = exe ? BPF_CORE_READ(exe, f_inode) : NULL;

	push_u32(a, task_tty(t));
	push_s64(a, task_vpgid(t));
	push_u32(a, task_loginuid(t));
	push_u32(a, exe ? exe_flags(t, exe) : 0);
	push_u64(a, task_cap_inheritable(t));
	push_u64(a, task_cap_permitted(t));
	push_u64(a, task_cap_effective(t));
	push_u64(a, ino ? BPF_CORE_READ(ino, i_ino) : 0);
	push_u64(a, ino ? inode_ctime_ns(ino) : 0);
	push_u64(a, ino ? inode_mtime_ns(ino) : 0);
	push_u32(a, task_euid(t));
	if (exe)
		push_dentry_path(a, BPF_CORE_READ(exe, f_path.dentry),
				 BPF_CORE_READ(exe, f_path.mnt));
	else
		push_empty(a);
	push_s64(a, task_pgid(t));
	push_u32(a, task_egid(t));
}

#endif /* FALCO_BPF_PROGS_COMMON_H */
