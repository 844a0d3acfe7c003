/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Which drop counter a buffer-full drop of an event goes to: the ten categories
 * of the reference kernel module, in the order of the drivers' counters
 * (n_drops_buffer_cat[]) and of falco_scap::bpf::DROP_CATEGORIES. Shared by the
 * drivers so that they count alike; needs falco_events.gen.h.
 */
#ifndef FALCO_DROP_H
#define FALCO_DROP_H

#include "falco_events.gen.h"

enum falco_drop_category {
	FALCO_DROP_CLONE_FORK_EXIT = 0,
	FALCO_DROP_EXECVE_EXIT = 1,
	FALCO_DROP_CONNECT_ENTER = 2,
	FALCO_DROP_CONNECT_EXIT = 3,
	FALCO_DROP_OPEN_ENTER = 4,
	FALCO_DROP_OPEN_EXIT = 5,
	FALCO_DROP_DIR_FILE_EXIT = 6,
	FALCO_DROP_OTHER_INTEREST_EXIT = 7,
	FALCO_DROP_CLOSE_EXIT = 8,
	FALCO_DROP_PROC_EXIT = 9,
	FALCO_DROP_CATEGORIES = 10,
};

static __always_inline __u32 falco_drop_category(__u16 type)
{
	switch (type) {
	case PPME_SYSCALL_CLONE_20_X:
	case PPME_SYSCALL_FORK_20_X:
	case PPME_SYSCALL_VFORK_20_X:
	case PPME_SYSCALL_CLONE3_X:
		return FALCO_DROP_CLONE_FORK_EXIT;
	case PPME_SYSCALL_EXECVE_19_X:
	case PPME_SYSCALL_EXECVEAT_X:
		return FALCO_DROP_EXECVE_EXIT;
	case PPME_SOCKET_CONNECT_E:
		return FALCO_DROP_CONNECT_ENTER;
	case PPME_SOCKET_CONNECT_X:
		return FALCO_DROP_CONNECT_EXIT;
	case PPME_SYSCALL_OPEN_E:
	case PPME_SYSCALL_OPENAT_2_E:
	case PPME_SYSCALL_OPENAT2_E:
	case PPME_SYSCALL_CREAT_E:
		return FALCO_DROP_OPEN_ENTER;
	case PPME_SYSCALL_OPEN_X:
	case PPME_SYSCALL_OPENAT_2_X:
	case PPME_SYSCALL_OPENAT2_X:
	case PPME_SYSCALL_CREAT_X:
		return FALCO_DROP_OPEN_EXIT;
	case PPME_SYSCALL_MKDIR_2_X:
	case PPME_SYSCALL_MKDIRAT_X:
	case PPME_SYSCALL_RMDIR_2_X:
	case PPME_SYSCALL_UNLINK_2_X:
	case PPME_SYSCALL_UNLINKAT_2_X:
	case PPME_SYSCALL_RENAME_X:
	case PPME_SYSCALL_RENAMEAT_X:
	case PPME_SYSCALL_RENAMEAT2_X:
	case PPME_SYSCALL_LINK_2_X:
	case PPME_SYSCALL_LINKAT_2_X:
	case PPME_SYSCALL_SYMLINK_X:
	case PPME_SYSCALL_SYMLINKAT_X:
	case PPME_SYSCALL_CHDIR_X:
	case PPME_SYSCALL_FCHDIR_X:
	case PPME_SYSCALL_CHMOD_X:
	case PPME_SYSCALL_FCHMOD_X:
	case PPME_SYSCALL_FCHMODAT_X:
		return FALCO_DROP_DIR_FILE_EXIT;
	case PPME_SYSCALL_CLOSE_X:
		return FALCO_DROP_CLOSE_EXIT;
	case PPME_PROCEXIT_1_E:
		return FALCO_DROP_PROC_EXIT;
	default:
		return FALCO_DROP_OTHER_INTEREST_EXIT;
	}
}

#endif /* FALCO_DROP_H */
