/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * What the probe reads from task_struct and its neighbours: ids in the init and in the
 * task's own pid namespace, memory counters, credentials, the tty, the executable.
 * Every read goes through CO-RE (BPF_CORE_READ), so field moves between kernel
 * versions are relocated at load; fields that were renamed have a flavor below.
 */
#ifndef FALCO_BPF_TASK_H
#define FALCO_BPF_TASK_H

#include "event.h"

/* mm_struct before 6.2: rss_stat was a struct of atomic counters. */
struct mm_rss_stat___pre62 {
	atomic_long_t count[4];
};

struct mm_struct___pre62 {
	struct mm_rss_stat___pre62 rss_stat;
} __attribute__((preserve_access_index));

/* inode before 6.11: timestamps as struct timespec64 (named __i_ctime from 6.6). */
struct inode___pre611 {
	struct timespec64 __i_ctime;
	struct timespec64 __i_mtime;
	struct timespec64 i_mtime;
} __attribute__((preserve_access_index));

struct inode___pre66 {
	struct timespec64 i_ctime;
	struct timespec64 i_mtime;
} __attribute__((preserve_access_index));

/* kernfs_node before 6.15: the parent pointer was `parent`. */
struct kernfs_node___pre615 {
	struct kernfs_node *parent;
} __attribute__((preserve_access_index));

enum mm_counter_index {
	MMC_FILEPAGES = 0,
	MMC_ANONPAGES = 1,
	MMC_SWAPENTS = 2,
	MMC_SHMEMPAGES = 3,
};

static __always_inline struct task_struct *current_task(void)
{
	return (struct task_struct *)bpf_get_current_task();
}

/* The pid (of `type`) of a task as seen from its own innermost pid namespace. */
static __always_inline struct pid *task_pid_struct(struct task_struct *t, enum pid_type type)
{
	/* PIDTYPE_TGID is the group leader's PIDTYPE_PID. */
	if (type == PIDTYPE_TGID)
		t = BPF_CORE_READ(t, group_leader);
	if (type == PIDTYPE_PID || type == PIDTYPE_TGID)
		return BPF_CORE_READ(t, thread_pid);
	return BPF_CORE_READ(t, signal, pids[type]);
}

static __always_inline __s64 pid_vnr(struct pid *pid)
{
	unsigned int level;
	struct upid up;

	if (!pid)
		return 0;
	level = BPF_CORE_READ(pid, level);
	if (bpf_core_read(&up, sizeof(up), &pid->numbers[level & 31]))
		return 0;
	return up.nr;
}

static __always_inline __s64 task_vtid(struct task_struct *t)
{
	return pid_vnr(task_pid_struct(t, PIDTYPE_PID));
}

static __always_inline __s64 task_vpid(struct task_struct *t)
{
	return pid_vnr(task_pid_struct(t, PIDTYPE_TGID));
}

static __always_inline __s64 task_vpgid(struct task_struct *t)
{
	return pid_vnr(task_pid_struct(t, PIDTYPE_PGID));
}

/* Process group id in the init namespace. */
static __always_inline __s64 task_pgid(struct task_struct *t)
{
	struct pid *pid = task_pid_struct(t, PIDTYPE_PGID);

	if (!pid)
		return 0;
	return BPF_CORE_READ(pid, numbers[0].nr);
}

static __always_inline __s64 task_ptid(struct task_struct *t)
{
	return BPF_CORE_READ(t, real_parent, pid);
}

static __always_inline __u64 task_fdlimit(struct task_struct *t)
{
	return BPF_CORE_READ(t, signal, rlim[RLIMIT_NOFILE].rlim_cur);
}

static __always_inline __u64 mm_counter(struct mm_struct *mm, int idx)
{
	__s64 v = 0;

	if (!mm)
		return 0;
	if (bpf_core_field_exists(((struct mm_struct___pre62 *)mm)->rss_stat.count)) {
		struct mm_struct___pre62 *old = (void *)mm;

		switch (idx) {
		case MMC_FILEPAGES:
			v = BPF_CORE_READ(old, rss_stat.count[MMC_FILEPAGES].counter);
			break;
		case MMC_ANONPAGES:
			v = BPF_CORE_READ(old, rss_stat.count[MMC_ANONPAGES].counter);
			break;
		case MMC_SWAPENTS:
			v = BPF_CORE_READ(old, rss_stat.count[MMC_SWAPENTS].counter);
			break;
		default:
			v = BPF_CORE_READ(old, rss_stat.count[MMC_SHMEMPAGES].counter);
			break;
		}
	} else {
		switch (idx) {
		case MMC_FILEPAGES:
			v = BPF_CORE_READ(mm, rss_stat[MMC_FILEPAGES].count);
			break;
		case MMC_ANONPAGES:
			v = BPF_CORE_READ(mm, rss_stat[MMC_ANONPAGES].count);
			break;
		case MMC_SWAPENTS:
			v = BPF_CORE_READ(mm, rss_stat[MMC_SWAPENTS].count);
			break;
		default:
			v = BPF_CORE_READ(mm, rss_stat[MMC_SHMEMPAGES].count);
			break;
		}
	}
	return v < 0 ? 0 : (__u64)v;
}

/* Sizes in KiB. */
static __always_inline __u32 mm_vm_size_kb(struct mm_struct *mm)
{
	if (!mm)
		return 0;
	return BPF_CORE_READ(mm, total_vm) << (PAGE_SHIFT - 10);
}

static __always_inline __u32 mm_vm_rss_kb(struct mm_struct *mm)
{
	__u64 pages = mm_counter(mm, MMC_FILEPAGES) + mm_counter(mm, MMC_ANONPAGES) +
		      mm_counter(mm, MMC_SHMEMPAGES);

	return pages << (PAGE_SHIFT - 10);
}

static __always_inline __u32 mm_vm_swap_kb(struct mm_struct *mm)
{
	return mm_counter(mm, MMC_SWAPENTS) << (PAGE_SHIFT - 10);
}

/* dev_t as userspace sees it (new_encode_dev). */
static __always_inline __u32 encode_dev(__u32 dev)
{
	__u32 major = dev >> MINORBITS;
	__u32 minor = dev & MINORMASK;

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffU) << 12);
}

static __always_inline __u32 task_tty(struct task_struct *t)
{
	struct tty_struct *tty = BPF_CORE_READ(t, signal, tty);
	struct tty_driver *drv;
	int index, major, minor_start;

	if (!tty)
		return 0;
	drv = BPF_CORE_READ(tty, driver);
	if (!drv)
		return 0;
	index = BPF_CORE_READ(tty, index);
	major = BPF_CORE_READ(drv, major);
	minor_start = BPF_CORE_READ(drv, minor_start);
	return encode_dev(((__u32)major << MINORBITS) + (__u32)(minor_start + index));
}

static __always_inline __u32 task_loginuid(struct task_struct *t)
{
	if (bpf_core_field_exists(t->loginuid))
		return BPF_CORE_READ(t, loginuid.val);
	return (__u32)-1;
}

static __always_inline __u32 task_euid(struct task_struct *t)
{
	return BPF_CORE_READ(t, cred, euid.val);
}

static __always_inline __u32 task_egid(struct task_struct *t)
{
	return BPF_CORE_READ(t, cred, egid.val);
}

/* A capability set as u64 (6.3+: one u64; before: two u32, the same bytes). */
static __always_inline __u64 cred_cap(const kernel_cap_t *cap)
{
	__u64 v = 0;

	bpf_core_read(&v, sizeof(v), cap);
	return v;
}

static __always_inline __u64 task_cap_inheritable(struct task_struct *t)
{
	const struct cred *c = BPF_CORE_READ(t, cred);

	return cred_cap(&c->cap_inheritable);
}

static __always_inline __u64 task_cap_permitted(struct task_struct *t)
{
	const struct cred *c = BPF_CORE_READ(t, cred);

	return cred_cap(&c->cap_permitted);
}

static __always_inline __u64 task_cap_effective(struct task_struct *t)
{
	const struct cred *c = BPF_CORE_READ(t, cred);

	return cred_cap(&c->cap_effective);
}

/* ns since boot (monotonic) of the init process of the task's pid namespace. */
static __always_inline __u64 task_pidns_init_start(struct task_struct *t)
{
	struct pid *pid = task_pid_struct(t, PIDTYPE_TGID);
	unsigned int level;
	struct pid_namespace *ns;

	if (!pid)
		return 0;
	level = BPF_CORE_READ(pid, level);
	ns = BPF_CORE_READ(pid, numbers[level & 31].ns);
	return BPF_CORE_READ(ns, child_reaper, start_time);
}

/* True when the task lives, or will create children, in a non-initial pid namespace. */
static __always_inline bool task_in_child_pidns(struct task_struct *t)
{
	struct pid *pid = task_pid_struct(t, PIDTYPE_PID);
	struct pid_namespace *ns, *children;
	unsigned int level;

	if (!pid)
		return false;
	level = BPF_CORE_READ(pid, level);
	if (level)
		return true;
	ns = BPF_CORE_READ(pid, numbers[0].ns);
	children = BPF_CORE_READ(t, nsproxy, pid_ns_for_children);
	return children && children != ns;
}

/* inode timestamps in ns since the epoch. */
static __always_inline __u64 inode_ctime_ns(struct inode *ino)
{
	if (bpf_core_field_exists(ino->i_ctime_sec))
		return BPF_CORE_READ(ino, i_ctime_sec) * 1000000000ULL +
		       BPF_CORE_READ(ino, i_ctime_nsec);
	if (bpf_core_field_exists(((struct inode___pre611 *)ino)->__i_ctime)) {
		struct inode___pre611 *o = (void *)ino;

		return BPF_CORE_READ(o, __i_ctime.tv_sec) * 1000000000ULL +
		       BPF_CORE_READ(o, __i_ctime.tv_nsec);
	}
	{
		struct inode___pre66 *o = (void *)ino;

		return BPF_CORE_READ(o, i_ctime.tv_sec) * 1000000000ULL +
		       BPF_CORE_READ(o, i_ctime.tv_nsec);
	}
}

static __always_inline __u64 inode_mtime_ns(struct inode *ino)
{
	if (bpf_core_field_exists(ino->i_mtime_sec))
		return BPF_CORE_READ(ino, i_mtime_sec) * 1000000000ULL +
		       BPF_CORE_READ(ino, i_mtime_nsec);
	if (bpf_core_field_exists(((struct inode___pre611 *)ino)->__i_mtime)) {
		struct inode___pre611 *o = (void *)ino;

		return BPF_CORE_READ(o, __i_mtime.tv_sec) * 1000000000ULL +
		       BPF_CORE_READ(o, __i_mtime.tv_nsec);
	}
	{
		struct inode___pre66 *o = (void *)ino;

		return BPF_CORE_READ(o, i_mtime.tv_sec) * 1000000000ULL +
		       BPF_CORE_READ(o, i_mtime.tv_nsec);
	}
}

/*
 * The PPM_EXE_* flags of an executable: writable by the task (owner, group or other
 * write bit against the fs uid/gid, or root), or a memfd.
 */
static __always_inline __u32 exe_flags(struct task_struct *t, struct file *exe)
{
	struct inode *ino = BPF_CORE_READ(exe, f_inode);
	__u32 fsuid = BPF_CORE_READ(t, cred, fsuid.val);
	__u32 fsgid = BPF_CORE_READ(t, cred, fsgid.val);
	__u16 mode = BPF_CORE_READ(ino, i_mode);
	__u32 uid = BPF_CORE_READ(ino, i_uid.val);
	__u32 gid = BPF_CORE_READ(ino, i_gid.val);
	const unsigned char *name;
	char prefix[6] = {};
	__u32 flags = 0;

	if (fsuid == 0 || (uid == fsuid && (mode & S_IWUSR)) ||
	    (gid == fsgid && (mode & S_IWGRP)) || (mode & S_IWOTH))
		flags |= PPM_EXE_WRITABLE;
	name = BPF_CORE_READ(exe, f_path.dentry, d_name.name);
	if (name && !bpf_probe_read_kernel(prefix, sizeof(prefix), name) &&
	    prefix[0] == 'm' && prefix[1] == 'e' && prefix[2] == 'm' && prefix[3] == 'f' &&
	    prefix[4] == 'd' && prefix[5] == ':')
		flags |= PPM_EXE_FROM_MEMFD;
	return flags;
}

/* State of a path walk, one dentry per step (bpf_loop callback context). */
struct path_walk {
	struct dentry *dentry;
	struct vfsmount *vfsmnt;
	struct mount *mnt;
	struct scratch *s;
	__u32 pos;
};

static long path_walk_step(__u64 index, void *ctx)
{
	struct path_walk *w = ctx;
	/* Locals: BPF_CORE_READ must not see the walk struct, which is not the kernel's. */
	struct dentry *dentry = w->dentry;
	struct vfsmount *vfsmnt = w->vfsmnt;
	struct mount *mnt = w->mnt;
	struct scratch *s = w->s;
	struct dentry *mnt_root = BPF_CORE_READ(vfsmnt, mnt_root);
	struct dentry *parent = BPF_CORE_READ(dentry, d_parent);
	struct qstr name;
	__u32 len, pos;

	if (dentry == mnt_root || dentry == parent) {
		struct mount *mparent = BPF_CORE_READ(mnt, mnt_parent);

		/* The root of the mount tree, or of a detached mount. */
		if (dentry != mnt_root || mparent == mnt)
			return 1;
		w->dentry = BPF_CORE_READ(mnt, mnt_mountpoint);
		w->mnt = mparent;
		w->vfsmnt = (struct vfsmount *)((void *)mparent +
						bpf_core_field_offset(struct mount, mnt));
		return 0;
	}
	name = BPF_CORE_READ(dentry, d_name);
	len = name.len;
	pos = w->pos;
	if (len > 255 || len + 1 > pos)
		return 1;
	pos -= len;
	if (bpf_probe_read_kernel(&s->data[pos & (SCRATCH_HALF - 1)], len & 255, name.name))
		return 1;
	pos--;
	s->data[pos & (SCRATCH_HALF - 1)] = '/';
	w->pos = pos;
	w->dentry = parent;
	return 0;
}

/*
 * Build the absolute path of `dentry` in mount `vfsmnt` (as d_path would, without the
 * chroot of the task) right to left in the first half of the scratch area, and return
 * the offset where it starts (a NUL ends it at SCRATCH_HALF - 1), or -1. Components
 * past MAX_PATH_COMPONENTS are left out. The walk needs bpf_loop (Linux 5.17); older
 * kernels get an empty path.
 */
static __always_inline int dentry_path(struct dentry *dentry, struct vfsmount *vfsmnt)
{
	struct path_walk w = {};

	if (!bpf_core_enum_value_exists(enum bpf_func_id, BPF_FUNC_loop))
		return -1;
	w.s = scratch_get();
	if (!w.s || !dentry || !vfsmnt)
		return -1;
	w.dentry = dentry;
	w.vfsmnt = vfsmnt;
	w.mnt = (struct mount *)((void *)vfsmnt - bpf_core_field_offset(struct mount, mnt));
	w.pos = SCRATCH_HALF - 1;
	w.s->data[SCRATCH_HALF - 1] = 0;
	bpf_loop(MAX_PATH_COMPONENTS, path_walk_step, &w, 0);
	if (w.pos == SCRATCH_HALF - 1) {
		w.pos--;
		w.s->data[w.pos & (SCRATCH_HALF - 1)] = '/';
	}
	return w.pos & (SCRATCH_HALF - 1);
}

static __always_inline void push_dentry_path(struct aux_buf *a, struct dentry *dentry,
					     struct vfsmount *vfsmnt)
{
	struct scratch *s;
	int pos = dentry_path(dentry, vfsmnt);

	s = scratch_get();
	if (pos < 0 || !s) {
		push_empty(a);
		return;
	}
	push_kernel_str(a, &s->data[pos & (SCRATCH_HALF - 1)], MAX_PATH_LEN);
}

/* kernfs_node's parent (renamed __parent in 6.15). */
static __always_inline struct kernfs_node *kn_parent(struct kernfs_node *kn)
{
	if (bpf_core_field_exists(kn->__parent))
		return BPF_CORE_READ(kn, __parent);
	return BPF_CORE_READ((struct kernfs_node___pre615 *)kn, parent);
}

/*
 * The path of a cgroup's kernfs node below its hierarchy's root, built right to left
 * in the second half of the scratch area; returns the offset of its start there (a
 * NUL ends it at SCRATCH_SIZE - 1), or -1. A global function, checked once.
 */
__noinline int falco_cgroup_path(__u64 kn_addr)
{
	struct kernfs_node *kn = (struct kernfs_node *)kn_addr;
	struct scratch *s = scratch_get();
	__u32 end = SCRATCH_HALF - 1;
	__u32 pos = end;
	int d;

	if (!s)
		return -1;
	s->data[SCRATCH_HALF + end] = 0;
	for (d = 0; d < MAX_CGROUP_DEPTH && kn; d++) {
		struct kernfs_node *parent = kn_parent(kn);
		const char *kname;
		char tmp[64];
		long l;

		if (!parent)
			break;
		kname = BPF_CORE_READ(kn, name);
		l = bpf_probe_read_kernel_str(tmp, sizeof(tmp), kname);
		if (l <= 1)
			break;
		l--; /* without the NUL */
		if ((__u32)l + 1 > pos)
			break;
		pos -= l;
		bpf_probe_read_kernel(&s->data[SCRATCH_HALF + (pos & (SCRATCH_HALF - 1))], l & 63,
				      tmp);
		pos--;
		s->data[SCRATCH_HALF + (pos & (SCRATCH_HALF - 1))] = '/';
		kn = parent;
	}
	if (pos == end) {
		pos--;
		s->data[SCRATCH_HALF + (pos & (SCRATCH_HALF - 1))] = '/';
	}
	return pos & (SCRATCH_HALF - 1);
}

/* State of the walk over cgroup subsystems (bpf_loop callback context). */
struct cgroups_walk {
	struct task_struct *task;
	__u32 total;	/* bytes of the parameter written so far */
	__u32 nsubsys;	/* CGROUP_SUBSYS_COUNT of the running kernel */
};

/* Append "subsys=path\0" for subsystem `index` of the task, if it has one. */
static long cgroups_walk_step(__u64 index, void *ctx)
{
	struct cgroups_walk *w = ctx;
	struct task_struct *t = w->task;
	struct aux_buf *a = aux_get();
	struct scratch *s = scratch_get();
	struct cgroup_subsys_state *css;
	const char *ss_name;
	__u32 total = w->total;
	int pos;
	long n;

	if (!a || !s || index >= w->nsubsys || index >= MAX_CGROUP_SUBSYS)
		return 1;
	css = BPF_CORE_READ(t, cgroups, subsys[index & (MAX_CGROUP_SUBSYS - 1)]);
	if (!css)
		return 0;
	ss_name = BPF_CORE_READ(css, ss, name);
	pos = falco_cgroup_path((__u64)BPF_CORE_READ(css, cgroup, kn));
	if (pos < 0)
		return 0;
	n = bpf_probe_read_kernel_str(&a->data[(a->pos + total) & AUX_HALF_MASK], 32, ss_name);
	if (n <= 1)
		return 0;
	total += n - 1;
	a->data[(a->pos + total) & AUX_HALF_MASK] = '=';
	total++;
	n = bpf_probe_read_kernel_str(&a->data[(a->pos + total) & AUX_HALF_MASK], SCRATCH_HALF,
				      &s->data[SCRATCH_HALF + (pos & (SCRATCH_HALF - 1))]);
	if (n <= 0) {
		a->data[(a->pos + total) & AUX_HALF_MASK] = 0;
		n = 1;
	}
	total += n;
	w->total = total;
	return total > MAX_ARGS_LEN ? 1 : 0;
}

/*
 * The cgroups of a task as "subsys=path" strings, each NUL-terminated, one per
 * enabled subsystem (cgroup v2: every controller shows the unified hierarchy's path).
 * The walk needs bpf_loop (Linux 5.17): the verifier checks its step once; older
 * kernels get an empty parameter.
 */
static __always_inline void push_cgroups(struct aux_buf *a, struct task_struct *t)
{
	struct cgroups_walk w = {};

	if (!bpf_core_enum_value_exists(enum bpf_func_id, BPF_FUNC_loop)) {
		push_empty(a);
		return;
	}
	w.task = t;
	w.nsubsys = bpf_core_enum_value(enum cgroup_subsys_id, CGROUP_SUBSYS_COUNT);
	bpf_loop(MAX_CGROUP_SUBSYS, cgroups_walk_step, &w, 0);
	ev_param_done(a, (__u16)w.total);
}

#endif /* FALCO_BPF_TASK_H */
