// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The Falco kernel module: per-CPU ring buffers exposed as character devices
 * (/dev/falco_rs<N>), filled from the raw syscall and scheduler tracepoints
 * with events in the wire format of driver/include/falco_events.gen.h. The
 * userspace interface (mmap layout, ioctls) is documented in
 * driver/include/falco_kmod.h.
 *
 * Lifetime: the rings are allocated at load and freed at unload. The
 * tracepoints are attached by FALCO_KMOD_IOCTL_ENABLE and detached by
 * FALCO_KMOD_IOCTL_DISABLE, by the last close of a device and at unload, each
 * detach followed by tracepoint_synchronize_unregister(), so no probe runs
 * once it returns. The devices' file operations hold a module reference
 * (.owner), so the module cannot be unloaded while a device is open or
 * mapped.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/init.h>
#include <linux/cdev.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/mutex.h>
#include <linux/tracepoint.h>
#include <linux/timekeeping.h>
#include <linux/cpumask.h>
#include <linux/string.h>

#include "compat.h"
#include "internal.h"
#include "falco_drop.h"

static unsigned int ring_bytes = FALCO_KMOD_DEFAULT_RING_BYTES;
module_param(ring_bytes, uint, 0444);
MODULE_PARM_DESC(ring_bytes, "bytes of each CPU's ring buffer (power of 2, 1 MiB to 512 MiB)");

struct falco_settings falco_settings;

/* One CPU's ring: the header page, the data pages mapped twice in a row. */
struct falco_ring {
	struct falco_kmod_ring_info *info;
	struct page **pages;		/* npages data pages */
	unsigned int npages;
	u8 *data;			/* vmap of pages, pages again: 2 * size bytes */
	u64 size;
	u64 head;			/* the kernel's own copy of info->head */
	u8 *scratch;			/* FALCO_KMOD_MAX_EVENT bytes */
	int nest;			/* an event is being written on this CPU */
	bool open;			/* a reader has the device: write events */
	struct device *dev;
};

static struct falco_ring *rings;	/* one per possible CPU, by CPU number */
static unsigned int nrings;
static DEFINE_MUTEX(falco_lock);	/* opens, settings, tracepoint state */
static unsigned int nopen;
static bool attached;
static dev_t falco_devt;
static struct cdev falco_cdev;
static struct class *falco_class;

/* ---- tracepoints ------------------------------------------------------------- */

/*
 * Each probe keeps its CPU for the whole event (the ring and scratch area
 * are per CPU): tracepoint handlers run with preemption disabled up to 6.12,
 * syscall tracepoints may fault (and be preempted) from 6.13, so the probes
 * disable it themselves.
 */

static void probe_sys_enter(void *data, struct pt_regs *regs, long id)
{
	preempt_disable_notrace();
	falco_fill_sys_enter(regs, id);
	preempt_enable_notrace();
}

static void probe_sys_exit(void *data, struct pt_regs *regs, long ret)
{
	preempt_disable_notrace();
	falco_fill_sys_exit(regs, ret);
	preempt_enable_notrace();
}

static void probe_process_exit(void *data, struct task_struct *p)
{
	preempt_disable_notrace();
	falco_fill_process_exit(p);
	preempt_enable_notrace();
}

static void probe_process_exec(void *data, struct task_struct *p, pid_t old_pid,
			       struct linux_binprm *bprm)
{
	preempt_disable_notrace();
	falco_fill_process_exec(p, bprm);
	preempt_enable_notrace();
}

static void probe_signal_deliver(void *data, int sig, struct kernel_siginfo *info,
				 struct k_sigaction *ka)
{
	preempt_disable_notrace();
	falco_fill_signal_deliver(sig, info);
	preempt_enable_notrace();
}

/*
 * sched_process_fork has no probe: on
 * x86_64 the child returns to user space through the sys_exit tracepoint,
 * where the clone family's exit filler writes the child's event (as the eBPF
 * probe does, see driver/bpf/README.md).
 */
static struct falco_tp {
	const char *name;
	void *probe;
	struct tracepoint *tp;
	bool registered;
} falco_tps[] = {
	{ .name = "sys_enter", .probe = probe_sys_enter },
	{ .name = "sys_exit", .probe = probe_sys_exit },
	{ .name = "sched_process_exit", .probe = probe_process_exit },
	{ .name = "sched_process_exec", .probe = probe_process_exec },
	{ .name = "signal_deliver", .probe = probe_signal_deliver },
};

static void find_tp(struct tracepoint *tp, void *priv)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(falco_tps); i++)
		if (!strcmp(falco_tps[i].name, tp->name))
			falco_tps[i].tp = tp;
}

static void tp_detach_all(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(falco_tps); i++) {
		if (!falco_tps[i].registered)
			continue;
		tracepoint_probe_unregister(falco_tps[i].tp, falco_tps[i].probe, NULL);
		falco_tps[i].registered = false;
	}
	/* No probe runs past this point. */
	tracepoint_synchronize_unregister();
	attached = false;
}

/* Called with falco_lock held. */
static int tp_attach_all(void)
{
	size_t i;
	int err;

	if (attached)
		return 0;
	for (i = 0; i < ARRAY_SIZE(falco_tps); i++) {
		err = tracepoint_probe_register(falco_tps[i].tp, falco_tps[i].probe, NULL);
		if (err) {
			pr_err("cannot attach to tracepoint %s: %d\n", falco_tps[i].name, err);
			tp_detach_all();
			return err;
		}
		falco_tps[i].registered = true;
	}
	attached = true;
	return 0;
}

/* ---- writing events ------------------------------------------------------------ */

/*
 * Start an event of `type` on this CPU. Probes run with preemption disabled
 * (tracepoint handlers), so the CPU's ring and scratch area are this
 * writer's until falco_ev_submit(); `nest` catches a probe that would
 * interrupt another on the same CPU.
 */
bool falco_ev_begin(struct falco_ev *e, u16 type)
{
	unsigned int cpu = smp_processor_id();
	struct falco_ring *r;

	if (type >= PPM_EVENT_MAX || cpu >= nrings)
		return false;
	r = &rings[cpu];
	if (!READ_ONCE(r->open))
		return false;
	r->info->n_evts++;
	if (r->nest) {
		r->info->n_drops_nested++;
		return false;
	}
	r->nest = 1;
	e->info = r->info;
	e->data = r->scratch;
	e->type = type;
	e->nparams = g_event_nparams[type];
	e->param = 0;
	e->pos = PPM_HEADER_LEN + 2 * e->nparams;
	e->overflow = false;
	return true;
}

void falco_count_read_failure(struct falco_ev *e)
{
	e->info->n_read_failures++;
}

void falco_ev_submit(struct falco_ev *e)
{
	struct falco_ring *r = &rings[smp_processor_id()];
	struct falco_kmod_ring_info *info = r->info;
	struct ppm_evt_hdr *h = (struct ppm_evt_hdr *)e->data;
	u64 tail, used, alen;

	if (e->overflow || e->param != e->nparams || e->pos > FALCO_KMOD_MAX_EVENT) {
		/* param != nparams would be a filler bug: never send a malformed event. */
		WARN_ON_ONCE(!e->overflow && e->param != e->nparams);
		info->n_drops_max_event_size++;
		goto out;
	}
	h->ts = falco_settings.boot_time + ktime_get_boottime_ns();
	h->tid = current->pid;
	h->len = e->pos;
	h->type = e->type;
	h->nparams = e->nparams;

	alen = FALCO_KMOD_ALIGN(e->pos);
	/* Pairs with the reader's release store of tail: it is done with those bytes. */
	tail = smp_load_acquire(&info->tail);
	used = r->head - tail;
	if (used > r->size || r->size - used < alen) {
		info->n_drops_buffer++;
		info->n_drops_buffer_cat[falco_drop_category(e->type)]++;
		goto out;
	}
	/* The data area is mapped twice: the copy never needs to wrap. */
	memcpy(r->data + (r->head & (r->size - 1)), e->data, e->pos);
	r->head += alen;
	/* Pairs with the reader's acquire load of head: the event is written before. */
	smp_store_release(&info->head, r->head);
out:
	r->nest = 0;
}

/* ---- devices ------------------------------------------------------------------- */

static void ring_reset(struct falco_ring *r)
{
	struct falco_kmod_ring_info *info = r->info;

	memset(info, 0, PAGE_SIZE);
	info->magic = FALCO_KMOD_MAGIC;
	info->layout_version = FALCO_KMOD_LAYOUT_VERSION;
	info->size = r->size;
	r->head = 0;
	r->nest = 0;
}

static int falco_open(struct inode *inode, struct file *filp)
{
	unsigned int cpu = iminor(inode);
	struct falco_ring *r;
	int err = 0;

	if (cpu >= nrings || !rings[cpu].info)
		return -ENODEV;
	r = &rings[cpu];
	mutex_lock(&falco_lock);
	if (r->open) {
		err = -EBUSY;
		goto out;
	}
	ring_reset(r);
	/* Probes see a reset ring once they see `open`. */
	smp_store_release(&r->open, true);
	nopen++;
	filp->private_data = r;
out:
	mutex_unlock(&falco_lock);
	return err;
}

static int falco_release(struct inode *inode, struct file *filp)
{
	struct falco_ring *r = filp->private_data;

	mutex_lock(&falco_lock);
	WRITE_ONCE(r->open, false);
	if (--nopen == 0) {
		if (attached)
			tp_detach_all();
	} else {
		/* Probes that saw `open` have finished before the ring is reused. */
		synchronize_rcu();
	}
	mutex_unlock(&falco_lock);
	return 0;
}

static long falco_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;
	struct falco_kmod_syscall_mask mask;
	u64 v64;
	u32 v32;
	long err = 0;

	switch (cmd) {
	case FALCO_KMOD_IOCTL_GET_API_VERSION:
		v64 = PPM_API_CURRENT_VERSION;
		return copy_to_user(uarg, &v64, sizeof(v64)) ? -EFAULT : 0;
	case FALCO_KMOD_IOCTL_GET_SCHEMA_VERSION:
		v64 = PPM_SCHEMA_CURRENT_VERSION;
		return copy_to_user(uarg, &v64, sizeof(v64)) ? -EFAULT : 0;
	case FALCO_KMOD_IOCTL_GET_NCPUS:
		v32 = nrings;
		return copy_to_user(uarg, &v32, sizeof(v32)) ? -EFAULT : 0;
	case FALCO_KMOD_IOCTL_SET_SYSCALL_MASK:
		if (copy_from_user(&mask, uarg, sizeof(mask)))
			return -EFAULT;
		mutex_lock(&falco_lock);
		memcpy(falco_settings.mask, mask.bits, sizeof(mask.bits));
		mutex_unlock(&falco_lock);
		return 0;
	case FALCO_KMOD_IOCTL_SET_SNAPLEN:
		if (arg > PPM_SNAPLEN_MAX)
			return -EINVAL;
		WRITE_ONCE(falco_settings.snaplen, (u32)arg);
		return 0;
	case FALCO_KMOD_IOCTL_SET_IGNORE_TGID:
		if (arg > U32_MAX)
			return -EINVAL;
		WRITE_ONCE(falco_settings.ignore_tgid, (u32)arg);
		return 0;
	case FALCO_KMOD_IOCTL_ENABLE:
		mutex_lock(&falco_lock);
		falco_settings.boot_time = ktime_get_real_ns() - ktime_get_boottime_ns();
		err = tp_attach_all();
		mutex_unlock(&falco_lock);
		return err;
	case FALCO_KMOD_IOCTL_DISABLE:
		mutex_lock(&falco_lock);
		if (attached)
			tp_detach_all();
		mutex_unlock(&falco_lock);
		return 0;
	default:
		return -ENOTTY;
	}
}

static int falco_mmap(struct file *filp, struct vm_area_struct *vma)
{
	struct falco_ring *r = filp->private_data;
	unsigned long len = vma->vm_end - vma->vm_start;
	unsigned long addr = vma->vm_start;
	unsigned int i;
	int err;

	if (vma->vm_pgoff == 0) {
		if (len != PAGE_SIZE)
			return -EINVAL;
		falco_vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP, 0);
		return vm_insert_page(vma, addr, virt_to_page(r->info));
	}
	if (vma->vm_pgoff != 1 || len != 2 * r->size)
		return -EINVAL;
	if (vma->vm_flags & VM_WRITE)
		return -EPERM;
	falco_vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP, VM_MAYWRITE);
	for (i = 0; i < 2 * r->npages; i++) {
		err = vm_insert_page(vma, addr, r->pages[i % r->npages]);
		if (err)
			return err;
		addr += PAGE_SIZE;
	}
	return 0;
}

static const struct file_operations falco_fops = {
	.owner = THIS_MODULE,
	.open = falco_open,
	.release = falco_release,
	.unlocked_ioctl = falco_ioctl,
	.mmap = falco_mmap,
};

/* ---- load, unload ---------------------------------------------------------------- */

static void ring_free(struct falco_ring *r)
{
	unsigned int i;

	if (r->data)
		vunmap(r->data);
	if (r->pages) {
		for (i = 0; i < r->npages; i++)
			if (r->pages[i])
				__free_page(r->pages[i]);
		kvfree(r->pages);
	}
	vfree(r->scratch);
	if (r->info)
		free_page((unsigned long)r->info);
	memset(r, 0, sizeof(*r));
}

static int ring_alloc(struct falco_ring *r, unsigned int cpu)
{
	struct page **twice;
	unsigned int i;

	r->size = ring_bytes;
	r->npages = ring_bytes >> PAGE_SHIFT;
	r->info = (void *)get_zeroed_page(GFP_KERNEL);
	r->scratch = vmalloc(FALCO_KMOD_MAX_EVENT);
	r->pages = kvcalloc(r->npages, sizeof(*r->pages), GFP_KERNEL);
	if (!r->info || !r->scratch || !r->pages)
		return -ENOMEM;
	for (i = 0; i < r->npages; i++) {
		r->pages[i] = alloc_pages_node(cpu_to_node(cpu), GFP_KERNEL | __GFP_ZERO, 0);
		if (!r->pages[i])
			return -ENOMEM;
	}
	twice = kvcalloc(2 * r->npages, sizeof(*twice), GFP_KERNEL);
	if (!twice)
		return -ENOMEM;
	for (i = 0; i < 2 * r->npages; i++)
		twice[i] = r->pages[i % r->npages];
	r->data = vmap(twice, 2 * r->npages, VM_MAP, PAGE_KERNEL);
	kvfree(twice);
	if (!r->data)
		return -ENOMEM;
	ring_reset(r);
	return 0;
}

static void falco_cleanup(void)
{
	unsigned int i;

	if (rings) {
		for (i = 0; i < nrings; i++) {
			if (rings[i].dev)
				device_destroy(falco_class, MKDEV(MAJOR(falco_devt), i));
			ring_free(&rings[i]);
		}
		kfree(rings);
		rings = NULL;
	}
	if (falco_class) {
		class_destroy(falco_class);
		falco_class = NULL;
	}
	if (falco_devt) {
		cdev_del(&falco_cdev);
		unregister_chrdev_region(falco_devt, nrings);
		falco_devt = 0;
	}
}

static void falco_default_mask(void)
{
	unsigned int nr;

	for (nr = 0; nr < SYSCALL_TABLE_SIZE && nr < 8 * FALCO_KMOD_SYSCALL_MASK_BYTES; nr++)
		if (g_syscall_table[nr].ppm_sc)
			falco_settings.mask[nr / 8] |= 1U << (nr % 8);
}

static int __init falco_init(void)
{
	unsigned int i;
	size_t t;
	int err;

	BUILD_BUG_ON(SYSCALL_TABLE_SIZE > 8 * FALCO_KMOD_SYSCALL_MASK_BYTES);
	BUILD_BUG_ON(sizeof(struct falco_kmod_ring_info) > PAGE_SIZE);
	BUILD_BUG_ON(FALCO_DROP_CATEGORIES != FALCO_KMOD_DROP_CATEGORIES);
	if (ring_bytes < (1U << 20) || ring_bytes > (512U << 20) ||
	    !is_power_of_2(ring_bytes)) {
		pr_err("ring_bytes %u is not a power of 2 between 1 MiB and 512 MiB\n", ring_bytes);
		return -EINVAL;
	}
	for_each_kernel_tracepoint(find_tp, NULL);
	for (t = 0; t < ARRAY_SIZE(falco_tps); t++) {
		if (!falco_tps[t].tp) {
			pr_err("tracepoint %s not found\n", falco_tps[t].name);
			return -ENOENT;
		}
	}
	falco_settings.snaplen = PPM_SNAPLEN_DEFAULT;
	falco_default_mask();

	nrings = nr_cpu_ids;
	rings = kcalloc(nrings, sizeof(*rings), GFP_KERNEL);
	if (!rings)
		return -ENOMEM;
	for (i = 0; i < nrings; i++) {
		if (!cpu_possible(i))
			continue;
		err = ring_alloc(&rings[i], i);
		if (err)
			goto fail;
	}
	err = alloc_chrdev_region(&falco_devt, 0, nrings, FALCO_KMOD_NAME);
	if (err) {
		falco_devt = 0;
		goto fail;
	}
	cdev_init(&falco_cdev, &falco_fops);
	falco_cdev.owner = THIS_MODULE;
	err = cdev_add(&falco_cdev, falco_devt, nrings);
	if (err) {
		unregister_chrdev_region(falco_devt, nrings);
		falco_devt = 0;
		goto fail;
	}
	falco_class = falco_class_create(FALCO_KMOD_NAME);
	if (IS_ERR(falco_class)) {
		err = PTR_ERR(falco_class);
		falco_class = NULL;
		goto fail;
	}
	for (i = 0; i < nrings; i++) {
		struct device *d;

		if (!rings[i].info)
			continue;
		d = device_create(falco_class, NULL, MKDEV(MAJOR(falco_devt), i), NULL,
				  FALCO_KMOD_NAME "%u", i);
		if (IS_ERR(d)) {
			err = PTR_ERR(d);
			goto fail;
		}
		rings[i].dev = d;
	}
	pr_info("loaded: %u ring buffer(s) of %u bytes, API %llx, schema %llx\n", nrings,
		ring_bytes, PPM_API_CURRENT_VERSION, PPM_SCHEMA_CURRENT_VERSION);
	return 0;
fail:
	falco_cleanup();
	return err;
}

static void __exit falco_exit(void)
{
	mutex_lock(&falco_lock);
	if (attached)
		tp_detach_all();
	mutex_unlock(&falco_lock);
	falco_cleanup();
	pr_info("unloaded\n");
}

module_init(falco_init);
module_exit(falco_exit);

MODULE_LICENSE("Dual MIT/GPL");
MODULE_DESCRIPTION("Falco (falco-rs) syscall capture driver");
MODULE_AUTHOR("The falco-rs authors");
