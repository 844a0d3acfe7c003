// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The Falco eBPF probe (CO-RE): one object with every program, built with
 *
 *   clang -g -O2 -target bpf -D__TARGET_ARCH_x86 -I include -I progs \
 *         -I vmlinux/x86_64 -I ../include -I <libbpf headers> -c probe.bpf.c
 *
 * (scap/build.rs does this and embeds the object in falco-scap). Programs:
 *
 *   sys_exit            tp_btf/sys_exit dispatcher: syscall number -> tail call into
 *                       exit_progs[nr] (a per-event program of progs/, or
 *                       ppme_generic_x), for interesting syscalls only
 *   toctou_*            enter events of open, openat, openat2, creat, connect
 *                       (syscalls:sys_enter_* tracepoints, or toctou_sys_enter on
 *                       raw sys_enter when tracefs is not available)
 *   sched_process_exec  successful execve/execveat
 *   sched_process_exit  PROCEXIT_1_E
 *   signal_deliver      SIGNALDELIVER_E
 *
 * Events use the wire format of driver/include/falco_events.gen.h and the parameter
 * lists of falco_schema::EVENTS; see driver/bpf/README.md.
 */
#include "common.h"

char LICENSE[] SEC("license") = "Dual MIT/GPL";

/* Versions of the event format, read by the loader. */
const volatile __u64 probe_api_version = PPM_API_CURRENT_VERSION;
const volatile __u64 probe_schema_version = PPM_SCHEMA_CURRENT_VERSION;

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit, struct pt_regs *regs, long ret)
{
	struct task_struct *t = bpf_get_current_task_btf();
	__u32 id = regs->orig_ax;

	if (id >= SYSCALL_TABLE_SIZE)
		return 0;
	/* 32-bit syscalls of compat tasks are not captured (see README). */
	if (t->thread_info.status & TS_COMPAT)
		return 0;
	if (!syscall_interesting(id) || self_ignored())
		return 0;
	bpf_tail_call(ctx, &exit_progs, id);
	return 0;
}

/* Every syscall without a dedicated event: GENERIC_X (ID, nativeID). */
EXIT_PROG(ppme_generic_x)
{
	__u32 id = BPF_CORE_READ(regs, orig_ax);
	struct fixed_ev f;

	if (id >= SYSCALL_TABLE_SIZE)
		return 0;
	if (!fixed_begin(&f, PPME_GENERIC_X, PPME_GENERIC_X_SIZE))
		return 0;
	fixed_u16(&f, g_syscall_table[id].ppm_sc);
	fixed_u16(&f, (__u16)id);
	fixed_submit(&f);
	return 0;
}

#include "file.c"
#include "net.c"
#include "process.c"
