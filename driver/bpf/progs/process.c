// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Processes: clone, fork, vfork, clone3, execve, execveat, process exit, signals,
 * credentials and namespaces.
 *
 * clone family on x86_64: a new task returns to user space through the same
 * syscall-exit path as its parent (ret_from_fork -> syscall_exit_to_user_mode), and
 * the sys_exit tracepoint fires there with the child as current and 0 as return value.
 * So the one sys_exit program writes both events: the parent's (res = child tid) and
 * the child's (res = 0), each describing its own task. sched_process_fork is not used
 * on x86_64; architectures whose child does not pass the tracepoint would attach a
 * sched_process_fork program instead (see driver/bpf/README.md).
 *
 * execve and execveat: a successful exec is written from sched_process_exec, where
 * the new image (argument area, executable) is in place; sys_exit writes only the
 * failures, with the arguments read from the user pointers.
 */
#include "common.h"

/* Parameters 1 to 21 of CLONE_20_X, FORK_20_X, VFORK_20_X and CLONE3_X. */
static __always_inline void clone_exit(struct pt_regs *regs, long ret, __u16 type,
				       __u64 kflags)
{
	struct task_struct *t = current_task();
	struct aux_buf *a = ev_begin(type);
	__u32 flags;

	if (!a)
		return;
	push_s64(a, ret);
	if (ret >= 0) {
		push_exe_args_mm(a, t);
	} else {
		push_empty(a);
		push_empty(a);
	}
	push_proc_common(a, t);
	push_cgroups(a, t);
	flags = clone_flags_to_ppm(kflags);
	if (task_in_child_pidns(t))
		flags |= PPM_CLONE_CHILD_IN_PIDNS;
	push_u32(a, flags);
	push_u32(a, task_euid(t));
	push_u32(a, task_egid(t));
	push_s64(a, task_vtid(t));
	push_s64(a, task_vpid(t));
	push_u64(a, ret == 0 ? task_pidns_init_start(t) : 0);
	ev_submit(a);
}

EXIT_PROG(ppme_syscall_clone_20_x)
{
	clone_exit(regs, ret, PPME_SYSCALL_CLONE_20_X, sc_arg(regs, 0));
	return 0;
}

EXIT_PROG(ppme_syscall_fork_20_x)
{
	clone_exit(regs, ret, PPME_SYSCALL_FORK_20_X, 0);
	return 0;
}

EXIT_PROG(ppme_syscall_vfork_20_x)
{
	clone_exit(regs, ret, PPME_SYSCALL_VFORK_20_X, CLONE_VM | CLONE_VFORK);
	return 0;
}

EXIT_PROG(ppme_syscall_clone3_x)
{
	struct clone_args *uargs = (struct clone_args *)sc_arg(regs, 0);
	__u64 flags = 0;

	if (uargs && bpf_probe_read_user(&flags, sizeof(flags), &uargs->flags))
		count_read_failure();
	clone_exit(regs, ret, PPME_SYSCALL_CLONE3_X, flags);
	return 0;
}

/* A failed execve/execveat: the old image's process, the attempted arguments. */
static __always_inline void exec_failed(struct pt_regs *regs, long ret, __u16 type,
					const char *const *argv, const char *const *envp)
{
	struct task_struct *t = current_task();
	struct aux_buf *a = ev_begin(type);

	if (!a)
		return;
	push_s64(a, ret);
	push_exe_args_user(a, argv);
	push_proc_common(a, t);
	push_cgroups(a, t);
	push_user_str_array(a, envp, 0);
	push_exec_tail(a, t);
	if (type == PPME_SYSCALL_EXECVE_19_X)
		push_user_str(a, (const void *)sc_arg(regs, 0), MAX_PATH_LEN);
	ev_submit(a);
}

EXIT_PROG(ppme_syscall_execve_19_x)
{
	if (ret == 0)
		return 0; /* written by sched_process_exec */
	exec_failed(regs, ret, PPME_SYSCALL_EXECVE_19_X, (const char *const *)sc_arg(regs, 1),
		    (const char *const *)sc_arg(regs, 2));
	return 0;
}

EXIT_PROG(ppme_syscall_execveat_x)
{
	if (ret == 0)
		return 0;
	exec_failed(regs, ret, PPME_SYSCALL_EXECVEAT_X, (const char *const *)sc_arg(regs, 2),
		    (const char *const *)sc_arg(regs, 3));
	return 0;
}

/* A successful exec, once the new image is in place. */
SEC("tp_btf/sched_process_exec")
int BPF_PROG(sched_process_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	struct task_struct *t = bpf_get_current_task_btf();
	__u32 id = 59;
	__u16 type;
	struct aux_buf *a;

	/* The syscall that is exec'ing; without bpf_task_pt_regs (before 5.15): execve. */
	if (bpf_core_enum_value_exists(enum bpf_func_id, BPF_FUNC_task_pt_regs)) {
		struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(t);

		id = BPF_CORE_READ(regs, orig_ax);
	}

	if (id == 59)
		type = PPME_SYSCALL_EXECVE_19_X;
	else if (id == 322)
		type = PPME_SYSCALL_EXECVEAT_X;
	else
		return 0; /* not from a syscall (kernel-started process) */
	if (!syscall_interesting(id) || self_ignored())
		return 0;
	a = ev_begin(type);
	if (!a)
		return 0;
	push_s64(a, 0);
	push_exe_args_mm(a, (struct task_struct *)t);
	push_proc_common(a, (struct task_struct *)t);
	push_cgroups(a, (struct task_struct *)t);
	push_env_mm(a, (struct task_struct *)t);
	push_exec_tail(a, (struct task_struct *)t);
	if (type == PPME_SYSCALL_EXECVE_19_X)
		push_kernel_str(a, BPF_CORE_READ(bprm, filename), MAX_PATH_LEN);
	ev_submit(a);
	return 0;
}

/*
 * The task that inherits the children of an exiting task: 0 without children, a live
 * thread of its group, else the closest child-subreaper ancestor, else the init of
 * its pid namespace.
 */
static __always_inline __s64 exit_reaper(struct task_struct *t)
{
	struct list_head *children = &t->children;
	struct task_struct *leader, *anc, *init;
	struct signal_struct *sig;
	struct pid *pid;
	unsigned int level;
	int i;

	if (BPF_CORE_READ(t, children.next) == children)
		return 0;
	leader = BPF_CORE_READ(t, group_leader);
	if (leader != t && !BPF_CORE_READ(leader, exit_state) &&
	    !(BPF_CORE_READ(leader, flags) & 0x4 /* PF_EXITING */))
		return BPF_CORE_READ(leader, pid);
	pid = BPF_CORE_READ(t, thread_pid);
	level = BPF_CORE_READ(pid, level);
	init = BPF_CORE_READ(pid, numbers[level & 31].ns, child_reaper);
	sig = BPF_CORE_READ(t, signal);
	if (BPF_CORE_READ_BITFIELD_PROBED(sig, has_child_subreaper)) {
		anc = BPF_CORE_READ(t, real_parent);
		for (i = 0; i < 8 && anc && anc != init; i++) {
			struct signal_struct *asig = BPF_CORE_READ(anc, signal);

			if (BPF_CORE_READ_BITFIELD_PROBED(asig, is_child_subreaper))
				return BPF_CORE_READ(anc, pid);
			anc = BPF_CORE_READ(anc, real_parent);
		}
	}
	if (init == t)
		return 0; /* the namespace dies with its init */
	return init ? BPF_CORE_READ(init, pid) : 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(sched_process_exit, struct task_struct *p)
{
	struct task_struct *t = current_task();
	struct aux_buf *a;
	int code;

	if (self_ignored())
		return 0;
	a = ev_begin(PPME_PROCEXIT_1_E);
	if (!a)
		return 0;
	code = BPF_CORE_READ(t, exit_code);
	push_s64(a, code);
	push_s64(a, (code >> 8) & 0xff);
	push_u8(a, code & 0x7f);
	push_u8(a, (code & 0x80) ? 1 : 0);
	push_s64(a, exit_reaper(t));
	ev_submit(a);
	return 0;
}

#define SI_USER 0
#define SI_QUEUE (-1)
#define SI_TKILL (-6)
#define SIGCHLD 17

SEC("tp_btf/signal_deliver")
int BPF_PROG(signal_deliver, int sig, struct kernel_siginfo *info, struct k_sigaction *ka)
{
	struct fixed_ev f;
	__s64 spid = 0;

	if (self_ignored())
		return 0;
	/* info may be one of the SEND_SIG_* markers (0, 1) rather than a pointer. */
	if ((unsigned long)info > 1) {
		int code = BPF_CORE_READ(info, si_code);

		if (code == SI_USER || code == SI_QUEUE || code == SI_TKILL)
			spid = BPF_CORE_READ(info, _sifields._kill._pid);
		else if (sig == SIGCHLD)
			spid = BPF_CORE_READ(info, _sifields._sigchld._pid);
	}
	if (!fixed_begin(&f, PPME_SIGNALDELIVER_E, PPME_SIGNALDELIVER_E_SIZE))
		return 0;
	fixed_s64(&f, spid);
	fixed_s64(&f, bpf_get_current_pid_tgid() & 0xffffffff);
	fixed_u8(&f, sig);
	fixed_submit(&f);
	return 0;
}

/* Credentials. */
EXIT_PROG(ppme_syscall_setuid_x)
{
	struct fixed_ev f;

	if (!fixed_begin(&f, PPME_SYSCALL_SETUID_X, PPME_SYSCALL_SETUID_X_SIZE))
		return 0;
	fixed_s64(&f, ret);
	fixed_u32(&f, sc_arg(regs, 0));
	fixed_submit(&f);
	return 0;
}

EXIT_PROG(ppme_syscall_setgid_x)
{
	struct fixed_ev f;

	if (!fixed_begin(&f, PPME_SYSCALL_SETGID_X, PPME_SYSCALL_SETGID_X_SIZE))
		return 0;
	fixed_s64(&f, ret);
	fixed_u32(&f, sc_arg(regs, 0));
	fixed_submit(&f);
	return 0;
}

EXIT_PROG(ppme_syscall_setresuid_x)
{
	struct fixed_ev f;

	if (!fixed_begin(&f, PPME_SYSCALL_SETRESUID_X, PPME_SYSCALL_SETRESUID_X_SIZE))
		return 0;
	fixed_s64(&f, ret);
	fixed_u32(&f, sc_arg(regs, 0));
	fixed_u32(&f, sc_arg(regs, 1));
	fixed_u32(&f, sc_arg(regs, 2));
	fixed_submit(&f);
	return 0;
}

EXIT_PROG(ppme_syscall_setresgid_x)
{
	struct fixed_ev f;

	if (!fixed_begin(&f, PPME_SYSCALL_SETRESGID_X, PPME_SYSCALL_SETRESGID_X_SIZE))
		return 0;
	fixed_s64(&f, ret);
	fixed_u32(&f, sc_arg(regs, 0));
	fixed_u32(&f, sc_arg(regs, 1));
	fixed_u32(&f, sc_arg(regs, 2));
	fixed_submit(&f);
	return 0;
}

/* Namespaces. */
EXIT_PROG(ppme_syscall_setns_x)
{
	struct fixed_ev f;

	if (!fixed_begin(&f, PPME_SYSCALL_SETNS_X, PPME_SYSCALL_SETNS_X_SIZE))
		return 0;
	fixed_s64(&f, ret);
	fixed_s64(&f, sc_fd(regs, 0));
	fixed_u32(&f, clone_flags_to_ppm(sc_arg(regs, 1)));
	fixed_submit(&f);
	return 0;
}

EXIT_PROG(ppme_syscall_unshare_x)
{
	struct fixed_ev f;

	if (!fixed_begin(&f, PPME_SYSCALL_UNSHARE_X, PPME_SYSCALL_UNSHARE_X_SIZE))
		return 0;
	fixed_s64(&f, ret);
	fixed_u32(&f, clone_flags_to_ppm(sc_arg(regs, 0)));
	fixed_submit(&f);
	return 0;
}

/* ptrace: addr and data as DYN (index 0: u64, index 1: signal number). */
#define PTRACE_IDX_UINT64 0
#define PTRACE_IDX_SIGTYPE 1

EXIT_PROG(ppme_syscall_ptrace_x)
{
	__s64 req = sc_arg(regs, 0);
	__u16 ppm_req = ptrace_request_to_ppm(req);
	unsigned long addr = sc_arg(regs, 2);
	unsigned long data = sc_arg(regs, 3);
	struct aux_buf *a = ev_begin(PPME_SYSCALL_PTRACE_X);
	__u64 peeked = 0;

	if (!a)
		return 0;
	push_s64(a, ret);
	put_u8(a, 0, PTRACE_IDX_UINT64);
	put_u64(a, 1, addr);
	ev_param_done(a, 9);
	switch (ppm_req) {
	case PPM_PTRACE_PEEKTEXT:
	case PPM_PTRACE_PEEKDATA:
	case PPM_PTRACE_PEEKUSR:
		/* The kernel stored the word read at `data`. */
		if (ret >= 0 && bpf_probe_read_user(&peeked, sizeof(peeked), (void *)data))
			count_read_failure();
		put_u8(a, 0, PTRACE_IDX_UINT64);
		put_u64(a, 1, peeked);
		ev_param_done(a, 9);
		break;
	case PPM_PTRACE_CONT:
	case PPM_PTRACE_SINGLESTEP:
	case PPM_PTRACE_DETACH:
	case PPM_PTRACE_SYSCALL:
		put_u8(a, 0, PTRACE_IDX_SIGTYPE);
		put_u8(a, 1, (__u8)data);
		ev_param_done(a, 2);
		break;
	default:
		put_u8(a, 0, PTRACE_IDX_UINT64);
		put_u64(a, 1, data);
		ev_param_done(a, 9);
		break;
	}
	push_u16(a, ppm_req);
	push_s64(a, (__s64)(__s32)sc_arg(regs, 1));
	ev_submit(a);
	return 0;
}

/* prctl: the option, and arg2 as a string (PR_SET_NAME, PR_GET_NAME) or integer. */
#define PR_SET_NAME 15
#define PR_GET_NAME 16
#define PR_SET_CHILD_SUBREAPER 36
#define PR_GET_CHILD_SUBREAPER 37

EXIT_PROG(ppme_syscall_prctl_x)
{
	__u32 option = sc_arg(regs, 0);
	unsigned long arg2 = sc_arg(regs, 1);
	struct aux_buf *a = ev_begin(PPME_SYSCALL_PRCTL_X);
	__s32 v = 0;

	if (!a)
		return 0;
	push_s64(a, ret);
	push_u32(a, option);
	switch (option) {
	case PR_SET_NAME:
	case PR_GET_NAME:
		push_user_str(a, (const void *)arg2, TASK_COMM_LEN);
		push_s64(a, 0);
		break;
	case PR_GET_CHILD_SUBREAPER:
		push_empty(a);
		if (arg2 && bpf_probe_read_user(&v, sizeof(v), (void *)arg2))
			count_read_failure();
		push_s64(a, v);
		break;
	default:
		push_empty(a);
		push_s64(a, (__s64)arg2);
		break;
	}
	ev_submit(a);
	return 0;
}
