/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Internal interface between the module's parts: main.c (devices, rings,
 * tracepoints) and fillers.c (event assembly, one function per event).
 */
#ifndef FALCO_KMOD_INTERNAL_H
#define FALCO_KMOD_INTERNAL_H

#include <linux/types.h>
#include <linux/sched.h>
#include <linux/ptrace.h>
#include <linux/binfmts.h>
#include <linux/signal.h>

#include "falco_types.h"
#include "falco_events.gen.h"
#include "falco_flags.gen.h"
#include "falco_syscalls.gen.h"
#include "falco_kmod.h"

/* Capture settings, written by ioctls (under the module mutex), read by probes. */
struct falco_settings {
	u64 boot_time;		/* ns since the epoch at boot */
	u32 snaplen;
	u32 ignore_tgid;
	u8 mask[FALCO_KMOD_SYSCALL_MASK_BYTES];
};

extern struct falco_settings falco_settings;

/*
 * One event being assembled in the CPU's scratch area: parameters are
 * appended after the length array; `overflow` is set when one did not fit
 * (the event is then dropped and counted as too large).
 */
struct falco_ev {
	u8 *data;
	u32 pos;
	u32 param;
	u32 nparams;
	u16 type;
	bool overflow;
	struct falco_kmod_ring_info *info;
};

/* main.c */
bool falco_ev_begin(struct falco_ev *e, u16 type);
void falco_ev_submit(struct falco_ev *e);
void falco_count_read_failure(struct falco_ev *e);

static inline bool falco_syscall_interesting(long nr)
{
	return nr >= 0 && nr < SYSCALL_TABLE_SIZE &&
	       (READ_ONCE(falco_settings.mask[nr / 8]) & (1U << (nr % 8)));
}

static inline bool falco_self_ignored(void)
{
	u32 t = READ_ONCE(falco_settings.ignore_tgid);

	return t && current->tgid == t;
}

/* fillers.c */
void falco_fill_sys_enter(struct pt_regs *regs, long id);
void falco_fill_sys_exit(struct pt_regs *regs, long ret);
void falco_fill_process_exit(struct task_struct *p);
void falco_fill_process_exec(struct task_struct *p, struct linux_binprm *bprm);
void falco_fill_signal_deliver(int sig, struct kernel_siginfo *info);

#endif /* FALCO_KMOD_INTERNAL_H */
