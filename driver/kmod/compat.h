/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Every kernel-version difference the module deals with, in one place. The
 * rest of the module calls the falco_* names below and never tests
 * LINUX_VERSION_CODE itself. Oldest kernel supported: 5.8 (the _nofault user
 * memory accessors).
 */
#ifndef FALCO_KMOD_COMPAT_H
#define FALCO_KMOD_COMPAT_H

#include <linux/version.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/uaccess.h>
#include <linux/capability.h>

/* The one use of the version macro; comparisons below read KERNEL_VERSION(...) <= it. */
#define FALCO_LINUX_VERSION LINUX_VERSION_CODE

#if KERNEL_VERSION(5, 8, 0) > FALCO_LINUX_VERSION
#error "falco_rs needs Linux 5.8 or later (copy_from_user_nofault)"
#endif

/* The syscall table (falco_syscalls.gen.h) and argument registers are x86_64's. */
#ifndef CONFIG_X86_64
#error "falco_rs supports x86_64 only"
#endif

/* class_create lost its owner argument in 6.4. */
static inline struct class *falco_class_create(const char *name)
{
#if KERNEL_VERSION(6, 4, 0) <= FALCO_LINUX_VERSION
	return class_create(name);
#else
	return class_create(THIS_MODULE, name);
#endif
}

/* vm_flags became read-only behind accessors in 6.3. */
static inline void falco_vm_flags_set(struct vm_area_struct *vma, unsigned long set,
				      unsigned long clear)
{
#if KERNEL_VERSION(6, 3, 0) <= FALCO_LINUX_VERSION
	vm_flags_mod(vma, set, clear);
#else
	vma->vm_flags = (vma->vm_flags | set) & ~clear;
#endif
}

/* A capability set as u64: one u64 since 6.3, two u32 (the same bytes) before. */
static inline u64 falco_cap_u64(const kernel_cap_t *cap)
{
#if KERNEL_VERSION(6, 3, 0) <= FALCO_LINUX_VERSION
	return cap->val;
#else
	return (u64)cap->cap[0] | ((u64)cap->cap[1] << 32);
#endif
}

/* inode timestamps in ns since the epoch: accessors from 6.6, fields before. */
static inline u64 falco_inode_ctime_ns(struct inode *ino)
{
#if KERNEL_VERSION(6, 6, 0) <= FALCO_LINUX_VERSION
	struct timespec64 ts = inode_get_ctime(ino);
#else
	struct timespec64 ts = ino->i_ctime;
#endif
	return (u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

static inline u64 falco_inode_mtime_ns(struct inode *ino)
{
#if KERNEL_VERSION(6, 7, 0) <= FALCO_LINUX_VERSION
	struct timespec64 ts = inode_get_mtime(ino);
#else
	struct timespec64 ts = ino->i_mtime;
#endif
	return (u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

/* Pages of an mm counter (MM_FILEPAGES ...): percpu_counter since 6.2. */
static inline unsigned long falco_mm_counter(struct mm_struct *mm, int member)
{
	return get_mm_counter(mm, member);
}

/*
 * strncpy_from_user_nofault() is not exported to modules: the same with
 * strncpy_from_user() while page faults are disabled (a fault fails the copy
 * instead of sleeping).
 */
static inline long falco_strncpy_from_user_nofault(char *dst, const char __user *src,
						   long count)
{
	long n;

	pagefault_disable();
	n = strncpy_from_user(dst, src, count);
	pagefault_enable();
	return n;
}

/*
 * The executable of an mm without taking a reference (get_mm_exe_file() is not
 * exported): valid until rcu_read_unlock(), files are freed after a grace
 * period.
 */
static inline struct file *falco_mm_exe_file_rcu(struct mm_struct *mm)
{
	return mm ? rcu_dereference(mm->exe_file) : NULL;
}

#endif /* FALCO_KMOD_COMPAT_H */
