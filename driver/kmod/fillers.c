// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The module's events, parameter for parameter as the eBPF probe writes them
 * (driver/bpf/progs/): same events, same parameter values, same limits.
 * Flag conversions are the probe's own (driver/bpf/include/flags.h, pure
 * functions of the kernel's flag values, shared by both drivers). Syscalls
 * without a filler here get GENERIC_X (ID, nativeID), as in the probe; the
 * list of fillers is in driver/kmod/README.md.
 *
 * Every user memory read goes through copy_from_user_nofault() or
 * falco_strncpy_from_user_nofault() (compat.h) (probes run with preemption disabled and must
 * not fault pages in); a failed read leaves the parameter empty and counts in
 * n_read_failures. Every loop has a constant bound.
 */
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/dcache.h>
#include <linux/cred.h>
#include <linux/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/mm.h>
#include <linux/pid_namespace.h>
#include <linux/cgroup.h>
#include <linux/tty.h>
#include <linux/uaccess.h>
#include <linux/fcntl.h>
#include <linux/openat2.h>
#include <linux/kdev_t.h>
#include <linux/mount.h>
#include <uapi/linux/mount.h>
#include <linux/sched/task_stack.h>
#include <linux/ptrace.h>
#include <linux/prctl.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/un.h>
#include <net/sock.h>
#include <net/af_unix.h>
#include <asm/syscall.h>

#include "compat.h"
#include "internal.h"

/*
 * The probe's flag conversions. Its defs.h (vmlinux.h, libbpf) is kept out by
 * defining its include guard: the kernel headers above define the same flag
 * values under the same names.
 */
#define FALCO_BPF_DEFS_H
#include "../bpf/include/flags.h"

/* Limits, as driver/bpf/include/defs.h. */
#define MAX_PATH_LEN 4096
#define MAX_ARGS_LEN 4096
#define MAX_PROC_EXE 4096
#define MAX_ARGV_PTRS 32
#define MAX_CGROUP_SUBSYS 16

/* ---- parameters ------------------------------------------------------------- */

static inline u32 room(struct falco_ev *e)
{
	return e->pos < FALCO_KMOD_MAX_EVENT ? FALCO_KMOD_MAX_EVENT - e->pos : 0;
}

static inline void param_done(struct falco_ev *e, u16 len)
{
	if (e->param >= e->nparams) {
		e->overflow = true;
		return;
	}
	memcpy(&e->data[PPM_HEADER_LEN + 2 * e->param], &len, 2);
	e->param++;
	e->pos += len;
}

static inline void push_raw(struct falco_ev *e, const void *v, u16 len)
{
	if (room(e) < len) {
		e->overflow = true;
		return;
	}
	memcpy(&e->data[e->pos], v, len);
	param_done(e, len);
}

static inline void push_empty(struct falco_ev *e)
{
	param_done(e, 0);
}

static inline void push_u8(struct falco_ev *e, u8 v)
{
	push_raw(e, &v, sizeof(v));
}

static inline void push_u16(struct falco_ev *e, u16 v)
{
	push_raw(e, &v, sizeof(v));
}

static inline void push_u32(struct falco_ev *e, u32 v)
{
	push_raw(e, &v, sizeof(v));
}

static inline void push_u64(struct falco_ev *e, u64 v)
{
	push_raw(e, &v, sizeof(v));
}

static inline void push_s64(struct falco_ev *e, s64 v)
{
	push_raw(e, &v, sizeof(v));
}

/*
 * A NUL-terminated user string, at most `max` bytes with its NUL (cut and
 * terminated, as bpf_probe_read_user_str does). NULL or unreadable: empty.
 * Returns the parameter's length.
 */
static u16 push_user_str(struct falco_ev *e, const char __user *p, u32 max)
{
	long n = 0;

	max = min(max, room(e));
	if (p && max) {
		n = falco_strncpy_from_user_nofault(&e->data[e->pos], p, max);
		if (n < 0) {
			falco_count_read_failure(e);
			n = 0;
		} else {
			if (n >= max)
				n = max - 1;
			e->data[e->pos + n] = 0;
			n++;
		}
	}
	param_done(e, (u16)n);
	return (u16)n;
}

/* A kernel string (comm, names), at most `max` bytes with its NUL. */
static void push_kernel_str(struct falco_ev *e, const char *p, u32 max)
{
	size_t n;

	max = min(max, room(e));
	if (!p || !max) {
		push_empty(e);
		return;
	}
	n = strnlen(p, max - 1);
	memcpy(&e->data[e->pos], p, n);
	e->data[e->pos + n] = 0;
	param_done(e, (u16)(n + 1));
}

/* `len` bytes of user memory, at most `max` and PPM_MAX_ARG_SIZE. */
static void push_user_buf(struct falco_ev *e, const void __user *p, u64 len, u32 max)
{
	if (len > max)
		len = max;
	if (len > PPM_MAX_ARG_SIZE)
		len = PPM_MAX_ARG_SIZE;
	if (!p || !len) {
		push_empty(e);
		return;
	}
	if (len > room(e)) {
		e->overflow = true;
		return;
	}
	if (copy_from_user_nofault(&e->data[e->pos], p, len)) {
		falco_count_read_failure(e);
		len = 0;
	}
	param_done(e, (u16)len);
}

/* ---- what is read from the kernel ---------------------------------------------- */

/* Syscall argument `i`, straight from the registers (x86_64 ABI: rdi, rsi, rdx, r10, r8, r9). */
static inline unsigned long sc_arg(struct pt_regs *regs, int i)
{
	switch (i) {
	case 0:
		return regs->di;
	case 1:
		return regs->si;
	case 2:
		return regs->dx;
	case 3:
		return regs->r10;
	case 4:
		return regs->r8;
	default:
		return regs->r9;
	}
}

static inline s64 sc_fd(struct pt_regs *regs, int i)
{
	return (s64)(s32)sc_arg(regs, i);
}

static inline u32 snaplen(void)
{
	return min_t(u32, READ_ONCE(falco_settings.snaplen), PPM_SNAPLEN_MAX);
}

/* dev_t as userspace sees it. */
static inline u32 encode_dev(dev_t dev)
{
	return new_encode_dev(dev);
}

/* The file of fd `fd` of the current task, valid under rcu_read_lock(). */
static struct file *fd_file(long fd)
{
	struct files_struct *files = current->files;

	if (fd < 0 || !files)
		return NULL;
	return files_lookup_fd_raw(files, fd);
}

static void push_dev_ino(struct falco_ev *e, long fd)
{
	struct file *f;
	u32 dev = 0;
	u64 ino = 0;

	rcu_read_lock();
	f = fd_file(fd);
	if (f && f->f_inode) {
		ino = f->f_inode->i_ino;
		dev = encode_dev(f->f_inode->i_sb->s_dev);
	}
	rcu_read_unlock();
	push_u32(e, dev);
	push_u64(e, ino);
}

/* PPM_O_F_CREATED when the open created the file. */
static u32 created_flag(long fd)
{
	struct file *f;
	u32 r = 0;

	rcu_read_lock();
	f = fd_file(fd);
	if (f && (f->f_mode & FMODE_CREATED))
		r = PPM_O_F_CREATED;
	rcu_read_unlock();
	return r;
}

static u64 task_fdlimit(struct task_struct *t)
{
	return t->signal ? READ_ONCE(t->signal->rlim[RLIMIT_NOFILE].rlim_cur) : 0;
}

static u32 task_tty(struct task_struct *t)
{
	struct tty_struct *tty = t->signal ? t->signal->tty : NULL;

	if (!tty || !tty->driver)
		return 0;
	return encode_dev(MKDEV(tty->driver->major, tty->driver->minor_start + tty->index));
}

static u32 task_loginuid(struct task_struct *t)
{
#ifdef CONFIG_AUDIT
	return from_kuid(&init_user_ns, t->loginuid);
#else
	return (u32)-1;
#endif
}

static bool task_in_child_pidns(struct task_struct *t)
{
	struct pid *pid = task_pid(t);
	struct pid_namespace *children;

	if (!pid)
		return false;
	if (pid->level)
		return true;
	children = t->nsproxy ? t->nsproxy->pid_ns_for_children : NULL;
	return children && children != pid->numbers[0].ns;
}

static u64 task_pidns_init_start(struct task_struct *t)
{
	struct pid *pid = task_tgid(t);
	struct pid_namespace *ns;

	if (!pid)
		return 0;
	ns = pid->numbers[pid->level].ns;
	return ns && ns->child_reaper ? ns->child_reaper->start_time : 0;
}

static u32 exe_flags(struct task_struct *t, struct file *exe)
{
	const struct cred *c = __task_cred(t);
	struct inode *ino = file_inode(exe);
	u32 fsuid = from_kuid(&init_user_ns, c->fsuid);
	u32 fsgid = from_kgid(&init_user_ns, c->fsgid);
	u32 uid = from_kuid(&init_user_ns, ino->i_uid);
	u32 gid = from_kgid(&init_user_ns, ino->i_gid);
	umode_t mode = ino->i_mode;
	u32 flags = 0;

	if (fsuid == 0 || (uid == fsuid && (mode & 0200)) ||
	    (gid == fsgid && (mode & 0020)) || (mode & 0002))
		flags |= PPM_EXE_WRITABLE;
	if (!strncmp(exe->f_path.dentry->d_name.name, "memfd:", 6))
		flags |= PPM_EXE_FROM_MEMFD;
	return flags;
}

/*
 * The path of a file, as d_path() gives it. The probe walks up to the root of
 * the mount tree and so ignores a chroot of the task; d_absolute_path(), which
 * would do the same, is not exported to modules: for a chrooted task the two
 * drivers differ (the module gives the path inside the chroot).
 */
static void push_path(struct falco_ev *e, const struct path *path)
{
	u32 max = min_t(u32, MAX_PATH_LEN, room(e));
	char *buf = &e->data[e->pos];
	char *p;
	size_t n;

	if (!max) {
		push_empty(e);
		return;
	}
	p = d_path(path, buf, max);
	if (IS_ERR(p)) {
		push_empty(e);
		return;
	}
	n = strlen(p) + 1;
	memmove(buf, p, n);
	param_done(e, (u16)n);
}

/* "subsys=path\0" for each enabled subsystem of the task (the probe's push_cgroups). */
static void push_cgroups(struct falco_ev *e, struct task_struct *t)
{
	u32 total = 0;
	int i;

	rcu_read_lock();
	for (i = 0; i < CGROUP_SUBSYS_COUNT && i < MAX_CGROUP_SUBSYS; i++) {
		struct cgroup_subsys_state *css = task_css(t, i);
		u32 avail = min_t(u32, room(e), MAX_ARGS_LEN + 1);
		char *out = &e->data[e->pos + total];
		size_t nl;
		int n;

		if (!css || !css->ss || !css->cgroup || total >= avail)
			continue;
		nl = strlen(css->ss->name);
		if (!nl || total + nl + 2 > avail)
			continue;
		memcpy(out, css->ss->name, nl);
		out[nl] = '=';
		n = cgroup_path(css->cgroup, out + nl + 1, avail - total - nl - 1);
		if (n < 0 || n >= (int)(avail - total - nl - 1)) {
			out[nl + 1] = 0;
			n = 0;
		}
		total += nl + 1 + n + 1;
		if (total > MAX_ARGS_LEN)
			break;
	}
	rcu_read_unlock();
	param_done(e, (u16)min_t(u32, total, MAX_ARGS_LEN + 1));
}

/* exe (argv[0]) and args (the rest) from the argument area of the task. */
static void push_exe_args_mm(struct falco_ev *e, struct task_struct *t)
{
	struct mm_struct *mm = t->mm;
	unsigned long start = 0, end = 0;
	u16 n;

	if (mm) {
		start = mm->arg_start;
		end = mm->arg_end;
	}
	n = push_user_str(e, start ? (const char __user *)start : NULL, MAX_PROC_EXE);
	start += n;
	if (!start || end <= start)
		push_empty(e);
	else
		push_user_buf(e, (const void __user *)start, end - start, MAX_ARGS_LEN);
}

static void push_env_mm(struct falco_ev *e, struct task_struct *t)
{
	struct mm_struct *mm = t->mm;

	if (!mm || mm->env_end <= mm->env_start) {
		push_empty(e);
		return;
	}
	push_user_buf(e, (const void __user *)mm->env_start, mm->env_end - mm->env_start,
		      MAX_ARGS_LEN);
}

/* Strings of a NULL-terminated user array from entry `first`, concatenated. */
static void push_user_str_array(struct falco_ev *e, const char __user *const __user *arr,
				int first)
{
	u32 max = min_t(u32, MAX_ARGS_LEN, room(e));
	u32 total = 0;
	int i;

	for (i = first; i < MAX_ARGV_PTRS && arr && total < max; i++) {
		const char __user *p;
		long n;

		if (copy_from_user_nofault(&p, &arr[i], sizeof(p)) || !p)
			break;
		n = falco_strncpy_from_user_nofault(&e->data[e->pos + total], p, max - total);
		if (n < 0)
			break;
		if (n >= max - total) {
			total = max;
			e->data[e->pos + total - 1] = 0;
			break;
		}
		e->data[e->pos + total + n] = 0;
		total += n + 1;
	}
	param_done(e, (u16)total);
}

static void push_exe_args_user(struct falco_ev *e, const char __user *const __user *argv)
{
	const char __user *exe = NULL;

	if (argv && copy_from_user_nofault(&exe, &argv[0], sizeof(exe)))
		falco_count_read_failure(e);
	push_user_str(e, exe, MAX_PROC_EXE);
	push_user_str_array(e, argv, 1);
}

/* Parameters 4 to 14 of clone and execve events (the probe's push_proc_common). */
static void push_proc_common(struct falco_ev *e, struct task_struct *t)
{
	struct mm_struct *mm = t->mm;
	u64 rss = 0, swap = 0, vm = 0;

	if (mm) {
		vm = mm->total_vm;
		rss = falco_mm_counter(mm, MM_FILEPAGES) + falco_mm_counter(mm, MM_ANONPAGES) +
		      falco_mm_counter(mm, MM_SHMEMPAGES);
		swap = falco_mm_counter(mm, MM_SWAPENTS);
	}
	push_s64(e, t->pid);
	push_s64(e, t->tgid);
	push_s64(e, t->real_parent ? t->real_parent->pid : 0);
	push_empty(e); /* cwd: kept by userspace state, as the reference drivers do */
	push_u64(e, task_fdlimit(t));
	push_u64(e, t->maj_flt);
	push_u64(e, t->min_flt);
	push_u32(e, vm << (PAGE_SHIFT - 10));
	push_u32(e, rss << (PAGE_SHIFT - 10));
	push_u32(e, swap << (PAGE_SHIFT - 10));
	push_kernel_str(e, t->comm, TASK_COMM_LEN);
}

/* Parameters 17 to 30 of execve and execveat events (the probe's push_exec_tail). */
static void push_exec_tail(struct falco_ev *e, struct task_struct *t)
{
	struct file *exe;
	struct inode *ino;
	const struct cred *c;

	push_u32(e, task_tty(t));
	push_s64(e, pid_vnr(task_pgrp(t)));
	push_u32(e, task_loginuid(t));
	rcu_read_lock();
	exe = falco_mm_exe_file_rcu(t->mm);
	ino = exe ? file_inode(exe) : NULL;
	c = __task_cred(t);
	push_u32(e, exe ? exe_flags(t, exe) : 0);
	push_u64(e, falco_cap_u64(&c->cap_inheritable));
	push_u64(e, falco_cap_u64(&c->cap_permitted));
	push_u64(e, falco_cap_u64(&c->cap_effective));
	push_u64(e, ino ? ino->i_ino : 0);
	push_u64(e, ino ? falco_inode_ctime_ns(ino) : 0);
	push_u64(e, ino ? falco_inode_mtime_ns(ino) : 0);
	push_u32(e, from_kuid(&init_user_ns, c->euid));
	if (exe)
		push_path(e, &exe->f_path);
	else
		push_empty(e);
	rcu_read_unlock();
	push_s64(e, pid_nr(task_pgrp(t)));
	push_u32(e, from_kgid(&init_user_ns, current_egid()));
}

/* ---- events ------------------------------------------------------------------- */

static void fill_generic_x(long id)
{
	struct falco_ev e;

	if (!falco_ev_begin(&e, PPME_GENERIC_X))
		return;
	push_u16(&e, g_syscall_table[id].ppm_sc);
	push_u16(&e, (u16)id);
	falco_ev_submit(&e);
}

static void fill_open_x(struct falco_ev *e, struct pt_regs *regs, long ret, int at)
{
	u32 flags = sc_arg(regs, at + 1);

	push_s64(e, ret);
	if (at)
		push_s64(e, sc_fd(regs, 0));
	push_user_str(e, (const char __user *)sc_arg(regs, at), MAX_PATH_LEN);
	push_u32(e, open_flags_to_ppm(flags) | created_flag(ret));
	push_u32(e, open_mode_to_ppm(flags, sc_arg(regs, at + 2)));
	push_dev_ino(e, ret);
}

static void read_open_how(struct falco_ev *e, const void __user *uhow, struct open_how *how)
{
	memset(how, 0, sizeof(*how));
	if (uhow && copy_from_user_nofault(how, uhow, sizeof(*how)))
		falco_count_read_failure(e);
}

static void fill_openat2_x(struct falco_ev *e, struct pt_regs *regs, long ret)
{
	struct open_how how;

	read_open_how(e, (const void __user *)sc_arg(regs, 2), &how);
	push_s64(e, ret);
	push_s64(e, sc_fd(regs, 0));
	push_user_str(e, (const char __user *)sc_arg(regs, 1), MAX_PATH_LEN);
	push_u32(e, open_flags_to_ppm(how.flags) | created_flag(ret));
	push_u32(e, open_mode_to_ppm(how.flags, how.mode));
	push_u32(e, openat2_resolve_to_ppm(how.resolve));
	push_dev_ino(e, ret);
}

static void fill_creat_x(struct falco_ev *e, struct pt_regs *regs, long ret)
{
	push_s64(e, ret);
	push_user_str(e, (const char __user *)sc_arg(regs, 0), MAX_PATH_LEN);
	push_u32(e, mode_to_ppm(sc_arg(regs, 1)));
	push_dev_ino(e, ret);
	push_u16(e, 0); /* creat_flags: overlayfs layers are not resolved */
}

static void fill_read_x(struct falco_ev *e, struct pt_regs *regs, long ret)
{
	push_s64(e, ret);
	if (ret > 0)
		push_user_buf(e, (const void __user *)sc_arg(regs, 1), ret, snaplen());
	else
		push_empty(e);
	push_s64(e, sc_fd(regs, 0));
	push_u32(e, sc_arg(regs, 2));
}

static void fill_write_x(struct falco_ev *e, struct pt_regs *regs, long ret)
{
	u64 size = sc_arg(regs, 2);

	push_s64(e, ret);
	push_user_buf(e, (const void __user *)sc_arg(regs, 1), ret > 0 ? ret : size, snaplen());
	push_s64(e, sc_fd(regs, 0));
	push_u32(e, size);
}

/* Parameters 1 to 21 of CLONE_20_X, FORK_20_X, VFORK_20_X and CLONE3_X. */
static void fill_clone_x(struct falco_ev *e, long ret, u64 kflags)
{
	struct task_struct *t = current;
	u32 flags;

	push_s64(e, ret);
	if (ret >= 0) {
		push_exe_args_mm(e, t);
	} else {
		push_empty(e);
		push_empty(e);
	}
	push_proc_common(e, t);
	push_cgroups(e, t);
	flags = clone_flags_to_ppm(kflags);
	if (task_in_child_pidns(t))
		flags |= PPM_CLONE_CHILD_IN_PIDNS;
	push_u32(e, flags);
	push_u32(e, from_kuid(&init_user_ns, current_euid()));
	push_u32(e, from_kgid(&init_user_ns, current_egid()));
	push_s64(e, task_pid_vnr(t));
	push_s64(e, task_tgid_vnr(t));
	push_u64(e, ret == 0 ? task_pidns_init_start(t) : 0);
}

static void fill_exec_failed(struct falco_ev *e, struct pt_regs *regs, long ret,
			     const char __user *const __user *argv,
			     const char __user *const __user *envp)
{
	struct task_struct *t = current;

	push_s64(e, ret);
	push_exe_args_user(e, argv);
	push_proc_common(e, t);
	push_cgroups(e, t);
	push_user_str_array(e, envp, 0);
	push_exec_tail(e, t);
	if (e->type == PPME_SYSCALL_EXECVE_19_X)
		push_user_str(e, (const char __user *)sc_arg(regs, 0), MAX_PATH_LEN);
}

/* ---- sockets (driver/bpf/progs/net.c, the encodings of driver/bpf/include/fds.h) ---- */

#define MAX_SOCKADDR 128
#define MAX_IOVECS 8

static struct sock *fd_sock(long fd)
{
	struct file *f = fd_file(fd);
	struct socket *sock;

	if (!f || !f->f_inode || !S_ISSOCK(f->f_inode->i_mode))
		return NULL;
	sock = f->private_data;
	return sock ? sock->sk : NULL;
}

static u8 family_to_ppm(u16 family)
{
	switch (family) {
	case AF_INET:
		return PPM_AF_INET;
	case AF_INET6:
		return PPM_AF_INET6;
	case AF_UNIX:
		return PPM_AF_UNIX;
	case AF_NETLINK:
		return PPM_AF_NETLINK;
	case AF_PACKET:
		return PPM_AF_PACKET;
	default:
		/* PPM_AF_* are the kernel's AF_* values below 40. */
		return family < 40 ? (u8)family : PPM_AF_UNSPEC;
	}
}

/* A unix socket path at `out`, the leading NUL of abstract names skipped; its length. */
static u32 put_unix_path(char *out, const char *path, u32 max)
{
	size_t n;

	if (!path || max < UNIX_PATH_MAX + 1) {
		if (max)
			out[0] = 0;
		return max ? 1 : 0;
	}
	if (!path[0])
		path++;
	n = strnlen(path, UNIX_PATH_MAX - 1);
	memcpy(out, path, n);
	out[n] = 0;
	return n + 1;
}

/* A sockaddr from user memory (connect, bind, sendto...): SOCKADDR parameter. */
static void push_sockaddr_user(struct falco_ev *e, const void __user *uaddr, u32 addrlen)
{
	u8 buf[MAX_SOCKADDR + 8] = {};
	u8 *out = &e->data[e->pos];
	u16 family;
	__be16 port;

	if (!uaddr || addrlen < 2 || room(e) < 2 + UNIX_PATH_MAX) {
		push_empty(e);
		return;
	}
	if (addrlen > MAX_SOCKADDR)
		addrlen = MAX_SOCKADDR;
	if (copy_from_user_nofault(buf, uaddr, addrlen)) {
		falco_count_read_failure(e);
		push_empty(e);
		return;
	}
	memcpy(&family, buf, 2);
	switch (family) {
	case AF_INET: {
		struct sockaddr_in *in = (void *)buf;
		u16 p;

		out[0] = PPM_AF_INET;
		memcpy(&out[1], &in->sin_addr.s_addr, 4);
		p = ntohs(in->sin_port);
		memcpy(&out[5], &p, 2);
		param_done(e, 7);
		break;
	}
	case AF_INET6: {
		struct sockaddr_in6 *in6 = (void *)buf;

		out[0] = PPM_AF_INET6;
		memcpy(&out[1], &in6->sin6_addr, 16);
		port = in6->sin6_port;
		*(u16 *)&out[17] = ntohs(port);
		param_done(e, 19);
		break;
	}
	case AF_UNIX: {
		struct sockaddr_un *un = (void *)buf;

		out[0] = PPM_AF_UNIX;
		param_done(e, 1 + put_unix_path(&out[1], un->sun_path, room(e) - 1));
		break;
	}
	default:
		push_empty(e);
		break;
	}
}

static void put16(u8 *p, u16 v)
{
	memcpy(p, &v, 2);
}

/*
 * SOCKTUPLE of the socket behind `fd`. A user address (`uaddr`, may be NULL) stands
 * for the remote end when the socket has none (unconnected datagram sockets).
 * Called under rcu_read_lock().
 */
static void push_socktuple(struct falco_ev *e, long fd, bool inbound, const void __user *uaddr,
			   u32 addrlen)
{
	u8 *out = &e->data[e->pos];
	struct sock *sk = fd_sock(fd);

	if (!sk || room(e) < 17 + UNIX_PATH_MAX + 1) {
		push_empty(e);
		return;
	}
	switch (sk->sk_family) {
	case AF_INET: {
		__be32 laddr = sk->sk_rcv_saddr, raddr = sk->sk_daddr;
		u16 lport = sk->sk_num, rport = ntohs(sk->sk_dport);

		if (!raddr && !rport && uaddr && addrlen >= sizeof(struct sockaddr_in)) {
			struct sockaddr_in in = {};

			if (!copy_from_user_nofault(&in, uaddr, sizeof(in)) &&
			    in.sin_family == AF_INET) {
				raddr = in.sin_addr.s_addr;
				rport = ntohs(in.sin_port);
			}
		}
		out[0] = PPM_AF_INET;
		memcpy(&out[inbound ? 7 : 1], &laddr, 4);
		put16(&out[inbound ? 11 : 5], lport);
		memcpy(&out[inbound ? 1 : 7], &raddr, 4);
		put16(&out[inbound ? 5 : 11], rport);
		param_done(e, 13);
		break;
	}
#if IS_ENABLED(CONFIG_IPV6)
	case AF_INET6: {
		struct in6_addr laddr = sk->sk_v6_rcv_saddr, raddr = sk->sk_v6_daddr;
		u16 lport = sk->sk_num, rport = ntohs(sk->sk_dport);

		if (!rport && uaddr && addrlen >= sizeof(struct sockaddr_in6)) {
			struct sockaddr_in6 in6 = {};

			if (!copy_from_user_nofault(&in6, uaddr, sizeof(in6)) &&
			    in6.sin6_family == AF_INET6) {
				raddr = in6.sin6_addr;
				rport = ntohs(in6.sin6_port);
			}
		}
		out[0] = PPM_AF_INET6;
		memcpy(&out[inbound ? 19 : 1], &laddr, 16);
		put16(&out[inbound ? 35 : 17], lport);
		memcpy(&out[inbound ? 1 : 19], &raddr, 16);
		put16(&out[inbound ? 17 : 35], rport);
		param_done(e, 37);
		break;
	}
#endif
	case AF_UNIX: {
		struct unix_sock *us = unix_sk(sk);
		struct sock *peer = us->peer;
		struct unix_address *ua;
		u64 a = (u64)(unsigned long)sk, b = (u64)(unsigned long)peer;

		out[0] = PPM_AF_UNIX;
		memcpy(&out[1], inbound ? &b : &a, 8);
		memcpy(&out[9], inbound ? &a : &b, 8);
		if (inbound)
			ua = us->addr;
		else
			ua = peer ? unix_sk(peer)->addr : NULL;
		param_done(e, 17 + put_unix_path(&out[17], ua ? ua->name[0].sun_path : NULL,
						 room(e) - 17));
		break;
	}
	default:
		push_empty(e);
		break;
	}
}

/* The data of an iovec array, at most `limit` bytes and `avail`, concatenated. */
static void push_iovec_data(struct falco_ev *e, const struct iovec __user *uiov, u64 iovcnt,
			    u64 avail, u32 limit)
{
	u32 total = 0;
	int i;

	if (avail < limit)
		limit = avail;
	limit = min(limit, room(e));
	for (i = 0; i < MAX_IOVECS && uiov && i < iovcnt && total < limit; i++) {
		struct iovec iov;
		u32 n;

		if (copy_from_user_nofault(&iov, &uiov[i], sizeof(iov))) {
			falco_count_read_failure(e);
			break;
		}
		n = min_t(u64, iov.iov_len, limit - total);
		if (copy_from_user_nofault(&e->data[e->pos + total], iov.iov_base, n)) {
			falco_count_read_failure(e);
			break;
		}
		total += n;
	}
	param_done(e, (u16)total);
}

static u64 iovec_total(const struct iovec __user *uiov, u64 iovcnt)
{
	u64 total = 0;
	int i;

	for (i = 0; i < MAX_IOVECS && uiov && i < iovcnt; i++) {
		struct iovec iov;

		if (copy_from_user_nofault(&iov, &uiov[i], sizeof(iov)))
			break;
		total += iov.iov_len;
	}
	return total;
}

static void fill_accept(struct falco_ev *e, struct pt_regs *regs, long ret, bool flags)
{
	struct sock *lsk = fd_sock(sc_fd(regs, 0));
	u32 qlen = 0, qmax = 0;
	u8 pct = 0;

	if (lsk) {
		qlen = READ_ONCE(lsk->sk_ack_backlog);
		qmax = READ_ONCE(lsk->sk_max_ack_backlog);
		if (qmax)
			pct = (u8)((qlen * 100) / qmax);
	}
	push_s64(e, ret);
	if (ret >= 0)
		push_socktuple(e, ret, true, NULL, 0);
	else
		push_empty(e);
	push_u8(e, pct);
	push_u32(e, qlen);
	push_u32(e, qmax);
	if (flags)
		push_u32(e, fd_flags_to_ppm(sc_arg(regs, 3)));
}

static void fill_socketpair(struct falco_ev *e, struct pt_regs *regs, long ret)
{
	s32 fds[2] = { -1, -1 };
	u64 src = 0, peer = 0;
	struct sock *sk;

	if (ret == 0) {
		if (copy_from_user_nofault(fds, (const void __user *)sc_arg(regs, 3), sizeof(fds)))
			falco_count_read_failure(e);
		sk = fd_sock(fds[0]);
		if (sk) {
			src = (u64)(unsigned long)sk;
			peer = (u64)(unsigned long)unix_sk(sk)->peer;
		}
	}
	push_s64(e, ret);
	push_s64(e, fds[0]);
	push_s64(e, fds[1]);
	push_u64(e, src);
	push_u64(e, peer);
	push_u32(e, family_to_ppm(sc_arg(regs, 0)));
	push_u32(e, sc_arg(regs, 1));
	push_u32(e, sc_arg(regs, 2));
}

static void fill_msg(struct falco_ev *e, struct pt_regs *regs, long ret, bool send)
{
	const struct user_msghdr __user *umsg = (const void __user *)sc_arg(regs, 1);
	long fd = sc_fd(regs, 0);
	struct user_msghdr msg = {};

	if (send) {
		if (umsg && copy_from_user_nofault(&msg, umsg, sizeof(msg)))
			falco_count_read_failure(e);
		push_s64(e, ret);
		push_iovec_data(e, msg.msg_iov, msg.msg_iovlen,
				ret > 0 ? ret : iovec_total(msg.msg_iov, msg.msg_iovlen),
				snaplen());
		push_s64(e, fd);
		push_u32(e, iovec_total(msg.msg_iov, msg.msg_iovlen));
		if (ret >= 0)
			push_socktuple(e, fd, false, msg.msg_name, msg.msg_namelen);
		else
			push_empty(e);
		return;
	}
	push_s64(e, ret);
	if (ret >= 0) {
		if (umsg && copy_from_user_nofault(&msg, umsg, sizeof(msg)))
			falco_count_read_failure(e);
		push_u32(e, ret);
		push_iovec_data(e, msg.msg_iov, msg.msg_iovlen, ret, snaplen());
		push_socktuple(e, fd, true, msg.msg_name, msg.msg_namelen);
		if (msg.msg_control && msg.msg_controllen > 0 && msg.msg_controllen <= 0xffff)
			push_user_buf(e, msg.msg_control, msg.msg_controllen, PPM_MAX_ARG_SIZE);
		else
			push_empty(e);
	} else {
		push_u32(e, 0);
		push_empty(e);
		push_empty(e);
		push_empty(e);
	}
	push_s64(e, fd);
}

/* The socket events; called under rcu_read_lock() (sockets of the fd table). */
static void fill_net(struct falco_ev *e, struct pt_regs *regs, long ret)
{
	long fd = sc_fd(regs, 0);
	u32 type, addrlen = 0;

	switch (e->type) {
	case PPME_SOCKET_SOCKET_X:
		type = sc_arg(regs, 1);
		push_s64(e, ret);
		push_u32(e, family_to_ppm(sc_arg(regs, 0)));
		push_u32(e, type);
		push_u32(e, sc_arg(regs, 2));
		push_u32(e, fd_flags_to_ppm(type));
		break;
	case PPME_SOCKET_BIND_X:
		push_s64(e, ret);
		push_sockaddr_user(e, (const void __user *)sc_arg(regs, 1), sc_arg(regs, 2));
		push_s64(e, fd);
		break;
	case PPME_SOCKET_CONNECT_X:
		push_s64(e, ret);
		if (ret == 0 || ret == -EINPROGRESS)
			push_socktuple(e, fd, false, NULL, 0);
		else
			push_empty(e);
		push_s64(e, fd);
		push_sockaddr_user(e, (const void __user *)sc_arg(regs, 1), sc_arg(regs, 2));
		break;
	case PPME_SOCKET_LISTEN_X:
		push_s64(e, ret);
		push_s64(e, fd);
		push_u32(e, (u32)sc_arg(regs, 1));
		break;
	case PPME_SOCKET_ACCEPT_5_X:
	case PPME_SOCKET_ACCEPT4_6_X:
		fill_accept(e, regs, ret, e->type == PPME_SOCKET_ACCEPT4_6_X);
		break;
	case PPME_SOCKET_SOCKETPAIR_X:
		fill_socketpair(e, regs, ret);
		break;
	case PPME_SOCKET_SENDTO_X:
		push_s64(e, ret);
		push_user_buf(e, (const void __user *)sc_arg(regs, 1),
			      ret > 0 ? ret : sc_arg(regs, 2), snaplen());
		push_s64(e, fd);
		push_u32(e, sc_arg(regs, 2));
		if (ret >= 0)
			push_socktuple(e, fd, false, (const void __user *)sc_arg(regs, 4),
				       sc_arg(regs, 5));
		else
			push_empty(e);
		break;
	case PPME_SOCKET_RECVFROM_X:
		push_s64(e, ret);
		if (ret > 0) {
			const void __user *uaddr = (const void __user *)sc_arg(regs, 4);
			const void __user *ulen = (const void __user *)sc_arg(regs, 5);

			push_user_buf(e, (const void __user *)sc_arg(regs, 1), ret, snaplen());
			if (uaddr && ulen &&
			    copy_from_user_nofault(&addrlen, ulen, sizeof(addrlen)))
				addrlen = 0;
			push_socktuple(e, fd, true, uaddr, addrlen);
		} else {
			push_empty(e);
			push_empty(e);
		}
		push_s64(e, fd);
		push_u32(e, sc_arg(regs, 2));
		break;
	case PPME_SOCKET_SENDMSG_X:
	case PPME_SOCKET_RECVMSG_X:
		fill_msg(e, regs, ret, e->type == PPME_SOCKET_SENDMSG_X);
		break;
	}
}

/* The socket events (filled by fill_net). */
static bool is_net(u16 type)
{
	switch (type) {
	case PPME_SOCKET_SOCKET_X:
	case PPME_SOCKET_BIND_X:
	case PPME_SOCKET_CONNECT_X:
	case PPME_SOCKET_LISTEN_X:
	case PPME_SOCKET_ACCEPT_5_X:
	case PPME_SOCKET_ACCEPT4_6_X:
	case PPME_SOCKET_SOCKETPAIR_X:
	case PPME_SOCKET_SENDTO_X:
	case PPME_SOCKET_RECVFROM_X:
	case PPME_SOCKET_SENDMSG_X:
	case PPME_SOCKET_RECVMSG_X:
		return true;
	default:
		return false;
	}
}

/* The events that have a filler here (and in the probe). */
static bool has_filler(u16 type)
{
	switch (type) {
	case PPME_SYSCALL_OPEN_X:
	case PPME_SYSCALL_OPENAT_2_X:
	case PPME_SYSCALL_OPENAT2_X:
	case PPME_SYSCALL_CREAT_X:
	case PPME_SYSCALL_CLOSE_X:
	case PPME_SYSCALL_READ_X:
	case PPME_SYSCALL_WRITE_X:
	case PPME_SYSCALL_CLONE_20_X:
	case PPME_SYSCALL_FORK_20_X:
	case PPME_SYSCALL_VFORK_20_X:
	case PPME_SYSCALL_CLONE3_X:
	case PPME_SYSCALL_EXECVE_19_X:
	case PPME_SYSCALL_EXECVEAT_X:
	case PPME_SYSCALL_DUP_1_X:
	case PPME_SYSCALL_DUP2_X:
	case PPME_SYSCALL_DUP3_X:
	case PPME_SYSCALL_FCNTL_X:
	case PPME_SYSCALL_CHDIR_X:
	case PPME_SYSCALL_FCHDIR_X:
	case PPME_SYSCALL_RMDIR_2_X:
	case PPME_SYSCALL_UNLINK_2_X:
	case PPME_SYSCALL_MKDIR_2_X:
	case PPME_SYSCALL_MKDIRAT_X:
	case PPME_SYSCALL_UNLINKAT_2_X:
	case PPME_SYSCALL_RENAME_X:
	case PPME_SYSCALL_LINK_2_X:
	case PPME_SYSCALL_SYMLINK_X:
	case PPME_SYSCALL_RENAMEAT_X:
	case PPME_SYSCALL_RENAMEAT2_X:
	case PPME_SYSCALL_LINKAT_2_X:
	case PPME_SYSCALL_SYMLINKAT_X:
	case PPME_SYSCALL_CHMOD_X:
	case PPME_SYSCALL_FCHMOD_X:
	case PPME_SYSCALL_FCHMODAT_X:
	case PPME_SYSCALL_PIPE_X:
	case PPME_SYSCALL_PIPE2_X:
	case PPME_SYSCALL_MEMFD_CREATE_X:
	case PPME_SYSCALL_USERFAULTFD_X:
	case PPME_SYSCALL_MOUNT_X:
	case PPME_SYSCALL_UMOUNT2_X:
	case PPME_SYSCALL_INIT_MODULE_X:
	case PPME_SYSCALL_FINIT_MODULE_X:
	case PPME_SYSCALL_BPF_2_X:
	case PPME_SYSCALL_SETUID_X:
	case PPME_SYSCALL_SETGID_X:
	case PPME_SYSCALL_SETRESUID_X:
	case PPME_SYSCALL_SETRESGID_X:
	case PPME_SYSCALL_SETNS_X:
	case PPME_SYSCALL_UNSHARE_X:
	case PPME_SYSCALL_PTRACE_X:
	case PPME_SYSCALL_PRCTL_X:
		return true;
	default:
		return is_net(type);
	}
}


static const char __user *uarg(struct pt_regs *regs, int i)
{
	return (const char __user *)sc_arg(regs, i);
}

/* res, then one path argument (rmdir, unlink, chdir). */
static void fill_path1(struct falco_ev *e, struct pt_regs *regs, long ret)
{
	push_s64(e, ret);
	push_user_str(e, uarg(regs, 0), MAX_PATH_LEN);
}

/* res, old path, new path (rename, link, symlink). */
static void fill_path2(struct falco_ev *e, struct pt_regs *regs, long ret)
{
	push_s64(e, ret);
	push_user_str(e, uarg(regs, 0), MAX_PATH_LEN);
	push_user_str(e, uarg(regs, 1), MAX_PATH_LEN);
}

/* res, olddirfd, oldpath, newdirfd, newpath[, flags] (renameat, renameat2, linkat). */
static void fill_path2at(struct falco_ev *e, struct pt_regs *regs, long ret, bool with_flags,
			 u32 flags)
{
	push_s64(e, ret);
	push_s64(e, sc_fd(regs, 0));
	push_user_str(e, uarg(regs, 1), MAX_PATH_LEN);
	push_s64(e, sc_fd(regs, 2));
	push_user_str(e, uarg(regs, 3), MAX_PATH_LEN);
	if (with_flags)
		push_u32(e, flags);
}

static void fill_pipe(struct falco_ev *e, struct pt_regs *regs, long ret, bool pipe2)
{
	s32 fds[2] = { -1, -1 };
	struct file *f;
	u64 ino = 0;

	if (ret == 0 && copy_from_user_nofault(fds, (const void __user *)sc_arg(regs, 0),
					       sizeof(fds)))
		falco_count_read_failure(e);
	if (ret == 0) {
		rcu_read_lock();
		f = fd_file(fds[0]);
		if (f && f->f_inode)
			ino = f->f_inode->i_ino;
		rcu_read_unlock();
	}
	push_s64(e, ret);
	push_s64(e, fds[0]);
	push_s64(e, fds[1]);
	push_u64(e, ino);
	if (pipe2)
		push_u32(e, fd_flags_to_ppm(sc_arg(regs, 1)));
}

/* ptrace: addr and data as DYN (index 0: u64, index 1: signal number). */
#define PTRACE_IDX_UINT64 0
#define PTRACE_IDX_SIGTYPE 1

static void push_dyn_u64(struct falco_ev *e, u64 v)
{
	u8 b[9];

	b[0] = PTRACE_IDX_UINT64;
	memcpy(&b[1], &v, sizeof(v));
	push_raw(e, b, sizeof(b));
}

static void fill_ptrace(struct falco_ev *e, struct pt_regs *regs, long ret)
{
	u16 req = ptrace_request_to_ppm((s64)sc_arg(regs, 0));
	unsigned long data = sc_arg(regs, 3);
	u64 peeked = 0;
	u8 sig[2];

	push_s64(e, ret);
	push_dyn_u64(e, sc_arg(regs, 2));
	switch (req) {
	case PPM_PTRACE_PEEKTEXT:
	case PPM_PTRACE_PEEKDATA:
	case PPM_PTRACE_PEEKUSR:
		/* The kernel stored the word read at `data`. */
		if (ret >= 0 && copy_from_user_nofault(&peeked, (const void __user *)data,
						       sizeof(peeked)))
			falco_count_read_failure(e);
		push_dyn_u64(e, peeked);
		break;
	case PPM_PTRACE_CONT:
	case PPM_PTRACE_SINGLESTEP:
	case PPM_PTRACE_DETACH:
	case PPM_PTRACE_SYSCALL:
		sig[0] = PTRACE_IDX_SIGTYPE;
		sig[1] = (u8)data;
		push_raw(e, sig, sizeof(sig));
		break;
	default:
		push_dyn_u64(e, data);
		break;
	}
	push_u16(e, req);
	push_s64(e, (s64)(s32)sc_arg(regs, 1));
}

/* prctl: the option, and arg2 as a string (PR_SET_NAME, PR_GET_NAME) or integer. */
static void fill_prctl(struct falco_ev *e, struct pt_regs *regs, long ret)
{
	u32 option = sc_arg(regs, 0);
	unsigned long arg2 = sc_arg(regs, 1);
	s32 v = 0;

	push_s64(e, ret);
	push_u32(e, option);
	switch (option) {
	case PR_SET_NAME:
	case PR_GET_NAME:
		push_user_str(e, (const char __user *)arg2, TASK_COMM_LEN);
		push_s64(e, 0);
		break;
	case PR_GET_CHILD_SUBREAPER:
		push_empty(e);
		if (arg2 && copy_from_user_nofault(&v, (const void __user *)arg2, sizeof(v)))
			falco_count_read_failure(e);
		push_s64(e, v);
		break;
	default:
		push_empty(e);
		push_s64(e, (s64)arg2);
		break;
	}
}

/* The file, directory, credential and namespace events (driver/bpf/progs/file.c, process.c). */
static void fill_misc(struct falco_ev *e, struct pt_regs *regs, long ret)
{
	switch (e->type) {
	case PPME_SYSCALL_DUP_1_X:
	case PPME_SYSCALL_FCHDIR_X:
		push_s64(e, ret);
		push_s64(e, sc_fd(regs, 0));
		break;
	case PPME_SYSCALL_DUP2_X:
	case PPME_SYSCALL_DUP3_X:
		push_s64(e, ret);
		push_s64(e, sc_fd(regs, 0));
		push_s64(e, sc_fd(regs, 1));
		if (e->type == PPME_SYSCALL_DUP3_X)
			push_u32(e, fd_flags_to_ppm(sc_arg(regs, 2)));
		break;
	case PPME_SYSCALL_FCNTL_X:
		push_s64(e, ret);
		push_s64(e, sc_fd(regs, 0));
		push_u8(e, fcntl_cmd_to_ppm(sc_arg(regs, 1)));
		push_u64(e, sc_arg(regs, 2));
		break;
	case PPME_SYSCALL_CHDIR_X:
	case PPME_SYSCALL_RMDIR_2_X:
	case PPME_SYSCALL_UNLINK_2_X:
		fill_path1(e, regs, ret);
		break;
	case PPME_SYSCALL_MKDIR_2_X:
		fill_path1(e, regs, ret);
		push_u32(e, sc_arg(regs, 1));
		break;
	case PPME_SYSCALL_MKDIRAT_X:
		push_s64(e, ret);
		push_s64(e, sc_fd(regs, 0));
		push_user_str(e, uarg(regs, 1), MAX_PATH_LEN);
		push_u32(e, sc_arg(regs, 2));
		break;
	case PPME_SYSCALL_UNLINKAT_2_X:
		push_s64(e, ret);
		push_s64(e, sc_fd(regs, 0));
		push_user_str(e, uarg(regs, 1), MAX_PATH_LEN);
		push_u32(e, sc_arg(regs, 2) & PPM_AT_REMOVEDIR);
		break;
	case PPME_SYSCALL_RENAME_X:
	case PPME_SYSCALL_LINK_2_X:
	case PPME_SYSCALL_SYMLINK_X:
		fill_path2(e, regs, ret);
		break;
	case PPME_SYSCALL_RENAMEAT_X:
		fill_path2at(e, regs, ret, false, 0);
		break;
	case PPME_SYSCALL_RENAMEAT2_X:
		fill_path2at(e, regs, ret, true,
			     sc_arg(regs, 4) & (PPM_RENAME_NOREPLACE | PPM_RENAME_EXCHANGE |
						PPM_RENAME_WHITEOUT));
		break;
	case PPME_SYSCALL_LINKAT_2_X:
		fill_path2at(e, regs, ret, true,
			     sc_arg(regs, 4) & (PPM_AT_SYMLINK_FOLLOW | PPM_AT_EMPTY_PATH));
		break;
	case PPME_SYSCALL_SYMLINKAT_X:
		push_s64(e, ret);
		push_user_str(e, uarg(regs, 0), MAX_PATH_LEN);
		push_s64(e, sc_fd(regs, 1));
		push_user_str(e, uarg(regs, 2), MAX_PATH_LEN);
		break;
	case PPME_SYSCALL_CHMOD_X:
		fill_path1(e, regs, ret);
		push_u32(e, mode_to_ppm(sc_arg(regs, 1)));
		break;
	case PPME_SYSCALL_FCHMOD_X:
		push_s64(e, ret);
		push_s64(e, sc_fd(regs, 0));
		push_u32(e, mode_to_ppm(sc_arg(regs, 1)));
		break;
	case PPME_SYSCALL_FCHMODAT_X:
		push_s64(e, ret);
		push_s64(e, sc_fd(regs, 0));
		push_user_str(e, uarg(regs, 1), MAX_PATH_LEN);
		push_u32(e, mode_to_ppm(sc_arg(regs, 2)));
		break;
	case PPME_SYSCALL_PIPE_X:
	case PPME_SYSCALL_PIPE2_X:
		fill_pipe(e, regs, ret, e->type == PPME_SYSCALL_PIPE2_X);
		break;
	case PPME_SYSCALL_MEMFD_CREATE_X:
		push_s64(e, ret);
		push_user_str(e, uarg(regs, 0), 256);
		push_u32(e, sc_arg(regs, 1) &
			 (PPM_MFD_CLOEXEC | PPM_MFD_ALLOW_SEALING | PPM_MFD_HUGETLB));
		break;
	case PPME_SYSCALL_USERFAULTFD_X:
		push_s64(e, ret);
		push_u32(e, fd_flags_to_ppm(sc_arg(regs, 0)));
		break;
	case PPME_SYSCALL_MOUNT_X:
		push_s64(e, ret);
		push_user_str(e, uarg(regs, 0), MAX_PATH_LEN);
		push_user_str(e, uarg(regs, 1), MAX_PATH_LEN);
		push_user_str(e, uarg(regs, 2), 256);
		push_u32(e, mount_flags_to_ppm(sc_arg(regs, 3)));
		break;
	case PPME_SYSCALL_UMOUNT2_X:
		push_s64(e, ret);
		push_user_str(e, uarg(regs, 0), MAX_PATH_LEN);
		push_u32(e, sc_arg(regs, 1) & (PPM_FORCE | PPM_DETACH | PPM_EXPIRE | PPM_NOFOLLOW));
		break;
	case PPME_SYSCALL_INIT_MODULE_X:
		push_s64(e, ret);
		push_user_buf(e, (const void __user *)sc_arg(regs, 0), sc_arg(regs, 1), snaplen());
		push_u64(e, sc_arg(regs, 1));
		push_user_str(e, uarg(regs, 2), MAX_PATH_LEN);
		break;
	case PPME_SYSCALL_FINIT_MODULE_X:
		push_s64(e, ret);
		push_s64(e, sc_fd(regs, 0));
		push_user_str(e, uarg(regs, 1), MAX_PATH_LEN);
		push_u32(e, sc_arg(regs, 2) & (PPM_MODULE_INIT_IGNORE_MODVERSIONS |
					       PPM_MODULE_INIT_IGNORE_VERMAGIC |
					       PPM_MODULE_INIT_COMPRESSED_FILE));
		break;
	case PPME_SYSCALL_BPF_2_X:
		push_s64(e, ret);
		push_u32(e, sc_arg(regs, 0));
		break;
	case PPME_SYSCALL_SETUID_X:
	case PPME_SYSCALL_SETGID_X:
		push_s64(e, ret);
		push_u32(e, sc_arg(regs, 0));
		break;
	case PPME_SYSCALL_SETRESUID_X:
	case PPME_SYSCALL_SETRESGID_X:
		push_s64(e, ret);
		push_u32(e, sc_arg(regs, 0));
		push_u32(e, sc_arg(regs, 1));
		push_u32(e, sc_arg(regs, 2));
		break;
	case PPME_SYSCALL_SETNS_X:
		push_s64(e, ret);
		push_s64(e, sc_fd(regs, 0));
		push_u32(e, clone_flags_to_ppm(sc_arg(regs, 1)));
		break;
	case PPME_SYSCALL_UNSHARE_X:
		push_s64(e, ret);
		push_u32(e, clone_flags_to_ppm(sc_arg(regs, 0)));
		break;
	case PPME_SYSCALL_PTRACE_X:
		fill_ptrace(e, regs, ret);
		break;
	case PPME_SYSCALL_PRCTL_X:
		fill_prctl(e, regs, ret);
		break;
	}
}

/* The exit event of syscall `id`; false when the probe writes GENERIC_X for it. */
static bool fill_exit(struct falco_ev *e, struct pt_regs *regs, long id, long ret)
{
	u16 type = g_syscall_table[id].exit_event_type;
	u64 clone3_flags = 0;

	switch (type) {
	case PPME_SYSCALL_EXECVE_19_X:
	case PPME_SYSCALL_EXECVEAT_X:
		if (ret == 0)
			return true; /* written from sched_process_exec */
		break;
	default:
		if (!has_filler(type))
			return false;
		break;
	}
	if (type == PPME_SYSCALL_CLONE3_X) {
		const u64 __user *uflags = (const u64 __user *)sc_arg(regs, 0);

		/* Read before the event starts: counted on the ring of this CPU. */
		if (uflags && copy_from_user_nofault(&clone3_flags, uflags, sizeof(u64)))
			clone3_flags = 0;
	}
	if (!falco_ev_begin(e, type))
		return true;
	switch (type) {
	case PPME_SYSCALL_OPEN_X:
		fill_open_x(e, regs, ret, 0);
		break;
	case PPME_SYSCALL_OPENAT_2_X:
		fill_open_x(e, regs, ret, 1);
		break;
	case PPME_SYSCALL_OPENAT2_X:
		fill_openat2_x(e, regs, ret);
		break;
	case PPME_SYSCALL_CREAT_X:
		fill_creat_x(e, regs, ret);
		break;
	case PPME_SYSCALL_CLOSE_X:
		push_s64(e, ret);
		push_s64(e, sc_fd(regs, 0));
		break;
	case PPME_SYSCALL_READ_X:
		fill_read_x(e, regs, ret);
		break;
	case PPME_SYSCALL_WRITE_X:
		fill_write_x(e, regs, ret);
		break;
	case PPME_SYSCALL_CLONE_20_X:
		fill_clone_x(e, ret, sc_arg(regs, 0));
		break;
	case PPME_SYSCALL_FORK_20_X:
		fill_clone_x(e, ret, 0);
		break;
	case PPME_SYSCALL_VFORK_20_X:
		fill_clone_x(e, ret, CLONE_VM | CLONE_VFORK);
		break;
	case PPME_SYSCALL_CLONE3_X:
		fill_clone_x(e, ret, clone3_flags);
		break;
	case PPME_SYSCALL_EXECVE_19_X:
		fill_exec_failed(e, regs, ret, (const char __user *const __user *)sc_arg(regs, 1),
				 (const char __user *const __user *)sc_arg(regs, 2));
		break;
	case PPME_SYSCALL_EXECVEAT_X:
		fill_exec_failed(e, regs, ret, (const char __user *const __user *)sc_arg(regs, 2),
				 (const char __user *const __user *)sc_arg(regs, 3));
		break;
	default:
		if (is_net(e->type)) {
			rcu_read_lock();
			fill_net(e, regs, ret);
			rcu_read_unlock();
		} else {
			fill_misc(e, regs, ret);
		}
		break;
	}
	falco_ev_submit(e);
	return true;
}

static bool wanted(long id)
{
	/* 32-bit syscalls of compat tasks are not captured, as in the probe. */
	if (in_ia32_syscall())
		return false;
	return falco_syscall_interesting(id) && !falco_self_ignored();
}

void falco_fill_sys_exit(struct pt_regs *regs, long ret)
{
	long id = syscall_get_nr(current, regs);
	struct falco_ev e;

	if (id < 0 || id >= SYSCALL_TABLE_SIZE || !wanted(id))
		return;
	if (!fill_exit(&e, regs, id, ret))
		fill_generic_x(id);
}

/* TOCTOU enter events: open, openat, openat2, creat, connect (the probe's toctou_enter). */
void falco_fill_sys_enter(struct pt_regs *regs, long id)
{
	struct open_how how;
	struct falco_ev e;
	u16 type;

	switch (id) {
	case __NR_open:
		type = PPME_SYSCALL_OPEN_E;
		break;
	case __NR_openat:
		type = PPME_SYSCALL_OPENAT_2_E;
		break;
	case __NR_openat2:
		type = PPME_SYSCALL_OPENAT2_E;
		break;
	case __NR_creat:
		type = PPME_SYSCALL_CREAT_E;
		break;
	case __NR_connect:
		type = PPME_SOCKET_CONNECT_E;
		break;
	default:
		return;
	}
	if (!wanted(id) || !falco_ev_begin(&e, type))
		return;
	switch (id) {
	case __NR_open:
		push_user_str(&e, (const char __user *)sc_arg(regs, 0), MAX_PATH_LEN);
		push_u32(&e, open_flags_to_ppm(sc_arg(regs, 1)));
		push_u32(&e, open_mode_to_ppm(sc_arg(regs, 1), sc_arg(regs, 2)));
		break;
	case __NR_openat:
		push_s64(&e, sc_fd(regs, 0));
		push_user_str(&e, (const char __user *)sc_arg(regs, 1), MAX_PATH_LEN);
		push_u32(&e, open_flags_to_ppm(sc_arg(regs, 2)));
		push_u32(&e, open_mode_to_ppm(sc_arg(regs, 2), sc_arg(regs, 3)));
		break;
	case __NR_openat2:
		read_open_how(&e, (const void __user *)sc_arg(regs, 2), &how);
		push_s64(&e, sc_fd(regs, 0));
		push_user_str(&e, (const char __user *)sc_arg(regs, 1), MAX_PATH_LEN);
		push_u32(&e, open_flags_to_ppm(how.flags));
		push_u32(&e, open_mode_to_ppm(how.flags, how.mode));
		push_u32(&e, openat2_resolve_to_ppm(how.resolve));
		break;
	case __NR_creat:
		push_user_str(&e, (const char __user *)sc_arg(regs, 0), MAX_PATH_LEN);
		push_u32(&e, mode_to_ppm(sc_arg(regs, 1)));
		break;
	case __NR_connect:
		push_s64(&e, sc_fd(regs, 0));
		push_sockaddr_user(&e, (const void __user *)sc_arg(regs, 1), sc_arg(regs, 2));
		break;
	}
	falco_ev_submit(&e);
}

/* A successful execve/execveat, once the new image is in place. */
void falco_fill_process_exec(struct task_struct *p, struct linux_binprm *bprm)
{
	struct pt_regs *regs = task_pt_regs(current);
	long id = syscall_get_nr(current, regs);
	struct falco_ev e;
	u16 type;

	if (id == __NR_execve)
		type = PPME_SYSCALL_EXECVE_19_X;
	else if (id == __NR_execveat)
		type = PPME_SYSCALL_EXECVEAT_X;
	else
		return; /* not from a syscall (kernel-started process) */
	if (!wanted(id) || !falco_ev_begin(&e, type))
		return;
	push_s64(&e, 0);
	push_exe_args_mm(&e, current);
	push_proc_common(&e, current);
	push_cgroups(&e, current);
	push_env_mm(&e, current);
	push_exec_tail(&e, current);
	if (type == PPME_SYSCALL_EXECVE_19_X)
		push_kernel_str(&e, bprm->filename, MAX_PATH_LEN);
	falco_ev_submit(&e);
}

/* The task that inherits the children of an exiting task (the probe's exit_reaper). */
static s64 exit_reaper(struct task_struct *t)
{
	struct task_struct *leader = t->group_leader, *anc, *init;
	struct pid *pid = task_pid(t);
	int i;

	if (list_empty(&t->children))
		return 0;
	if (leader != t && !leader->exit_state && !(leader->flags & PF_EXITING))
		return leader->pid;
	init = pid ? pid->numbers[pid->level].ns->child_reaper : NULL;
	if (t->signal && t->signal->has_child_subreaper) {
		anc = t->real_parent;
		for (i = 0; i < 8 && anc && anc != init; i++) {
			if (anc->signal && anc->signal->is_child_subreaper)
				return anc->pid;
			anc = anc->real_parent;
		}
	}
	if (init == t)
		return 0;
	return init ? init->pid : 0;
}

void falco_fill_process_exit(struct task_struct *p)
{
	struct task_struct *t = current;
	struct falco_ev e;
	int code;

	if (falco_self_ignored() || !falco_ev_begin(&e, PPME_PROCEXIT_1_E))
		return;
	code = t->exit_code;
	push_s64(&e, code);
	push_s64(&e, (code >> 8) & 0xff);
	push_u8(&e, code & 0x7f);
	push_u8(&e, (code & 0x80) ? 1 : 0);
	rcu_read_lock();
	push_s64(&e, exit_reaper(t));
	rcu_read_unlock();
	falco_ev_submit(&e);
}

/* SIGNALDELIVER_E: the sender (when the siginfo names one), the target, the signal. */
void falco_fill_signal_deliver(int sig, struct kernel_siginfo *info)
{
	struct falco_ev e;
	s64 spid = 0;

	if (falco_self_ignored())
		return;
	/* info may be one of the SEND_SIG_* markers (0, 1) rather than a pointer. */
	if ((unsigned long)info > 1) {
		if (info->si_code == SI_USER || info->si_code == SI_QUEUE ||
		    info->si_code == SI_TKILL)
			spid = info->si_pid;
		else if (sig == SIGCHLD)
			spid = info->si_pid;
	}
	if (!falco_ev_begin(&e, PPME_SIGNALDELIVER_E))
		return;
	push_s64(&e, spid);
	push_s64(&e, current->pid);
	push_u8(&e, sig);
	falco_ev_submit(&e);
}
