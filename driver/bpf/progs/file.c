// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Files: open family (with their TOCTOU enter events), close, read, write, fd
 * duplication, directories, links, modes, pipes, memfd, mounts, modules, bpf.
 */
#include "common.h"

/* ---- open, openat, openat2, creat ------------------------------------------------ */

/* PPM_O_F_CREATED when the open created the file. */
static __always_inline __u32 created_flag(struct file *f)
{
	return f && (BPF_CORE_READ(f, f_mode) & FMODE_CREATED) ? PPM_O_F_CREATED : 0;
}

static __always_inline void push_dev_ino(struct aux_buf *a, struct file *f)
{
	__u32 dev;
	__u64 ino;

	file_dev_ino(f, &dev, &ino);
	push_u32(a, dev);
	push_u64(a, ino);
}

EXIT_PROG(ppme_syscall_open_x)
{
	struct aux_buf *a = ev_begin(PPME_SYSCALL_OPEN_X);
	__u32 flags = sc_arg(regs, 1);
	struct file *f = ret >= 0 ? fd_file(ret) : NULL;

	if (!a)
		return 0;
	push_s64(a, ret);
	push_user_str(a, (const void *)sc_arg(regs, 0), MAX_PATH_LEN);
	push_u32(a, open_flags_to_ppm(flags) | created_flag(f));
	push_u32(a, open_mode_to_ppm(flags, sc_arg(regs, 2)));
	push_dev_ino(a, f);
	ev_submit(a);
	return 0;
}

EXIT_PROG(ppme_syscall_openat_2_x)
{
	struct aux_buf *a = ev_begin(PPME_SYSCALL_OPENAT_2_X);
	__u32 flags = sc_arg(regs, 2);
	struct file *f = ret >= 0 ? fd_file(ret) : NULL;

	if (!a)
		return 0;
	push_s64(a, ret);
	push_s64(a, sc_fd(regs, 0));
	push_user_str(a, (const void *)sc_arg(regs, 1), MAX_PATH_LEN);
	push_u32(a, open_flags_to_ppm(flags) | created_flag(f));
	push_u32(a, open_mode_to_ppm(flags, sc_arg(regs, 3)));
	push_dev_ino(a, f);
	ev_submit(a);
	return 0;
}

static __always_inline void read_open_how(struct pt_regs *regs, struct open_how *how)
{
	const void *uhow = (const void *)sc_arg(regs, 2);

	__builtin_memset(how, 0, sizeof(*how));
	if (uhow && bpf_probe_read_user(how, sizeof(*how), uhow))
		count_read_failure();
}

EXIT_PROG(ppme_syscall_openat2_x)
{
	struct aux_buf *a = ev_begin(PPME_SYSCALL_OPENAT2_X);
	struct file *f = ret >= 0 ? fd_file(ret) : NULL;
	struct open_how how;

	if (!a)
		return 0;
	read_open_how(regs, &how);
	push_s64(a, ret);
	push_s64(a, sc_fd(regs, 0));
	push_user_str(a, (const void *)sc_arg(regs, 1), MAX_PATH_LEN);
	push_u32(a, open_flags_to_ppm(how.flags) | created_flag(f));
	push_u32(a, open_mode_to_ppm(how.flags, how.mode));
	push_u32(a, openat2_resolve_to_ppm(how.resolve));
	push_dev_ino(a, f);
	ev_submit(a);
	return 0;
}

EXIT_PROG(ppme_syscall_creat_x)
{
	struct aux_buf *a = ev_begin(PPME_SYSCALL_CREAT_X);
	struct file *f = ret >= 0 ? fd_file(ret) : NULL;

	if (!a)
		return 0;
	push_s64(a, ret);
	push_user_str(a, (const void *)sc_arg(regs, 0), MAX_PATH_LEN);
	push_u32(a, mode_to_ppm(sc_arg(regs, 1)));
	push_dev_ino(a, f);
	push_u16(a, 0); /* creat_flags: overlayfs layers are not resolved */
	ev_submit(a);
	return 0;
}

/*
 * TOCTOU enter events: the path or address as the syscall receives it, before the
 * kernel resolves it. `args` are the six syscall arguments.
 */
static __always_inline void toctou_enter(__u32 id, unsigned long *args)
{
	struct aux_buf *a;
	struct open_how how;

	switch (id) {
	case 2: /* open */
		a = ev_begin(PPME_SYSCALL_OPEN_E);
		if (!a)
			return;
		push_user_str(a, (const void *)args[0], MAX_PATH_LEN);
		push_u32(a, open_flags_to_ppm(args[1]));
		push_u32(a, open_mode_to_ppm(args[1], args[2]));
		break;
	case 257: /* openat */
		a = ev_begin(PPME_SYSCALL_OPENAT_2_E);
		if (!a)
			return;
		push_s64(a, (__s32)args[0]);
		push_user_str(a, (const void *)args[1], MAX_PATH_LEN);
		push_u32(a, open_flags_to_ppm(args[2]));
		push_u32(a, open_mode_to_ppm(args[2], args[3]));
		break;
	case 437: /* openat2 */
		a = ev_begin(PPME_SYSCALL_OPENAT2_E);
		if (!a)
			return;
		__builtin_memset(&how, 0, sizeof(how));
		if (args[2] && bpf_probe_read_user(&how, sizeof(how), (const void *)args[2]))
			count_read_failure();
		push_s64(a, (__s32)args[0]);
		push_user_str(a, (const void *)args[1], MAX_PATH_LEN);
		push_u32(a, open_flags_to_ppm(how.flags));
		push_u32(a, open_mode_to_ppm(how.flags, how.mode));
		push_u32(a, openat2_resolve_to_ppm(how.resolve));
		break;
	case 85: /* creat */
		a = ev_begin(PPME_SYSCALL_CREAT_E);
		if (!a)
			return;
		push_user_str(a, (const void *)args[0], MAX_PATH_LEN);
		push_u32(a, mode_to_ppm(args[1]));
		break;
	case 42: /* connect */
		a = ev_begin(PPME_SOCKET_CONNECT_E);
		if (!a)
			return;
		push_s64(a, (__s32)args[0]);
		push_sockaddr_user(a, (const void *)args[1], args[2]);
		break;
	default:
		return;
	}
	ev_submit(a);
}

static __always_inline bool enter_wanted(__u32 id)
{
	struct task_struct *t = bpf_get_current_task_btf();

	if (t->thread_info.status & TS_COMPAT)
		return false;
	return syscall_interesting(id) && !self_ignored();
}

/* Preferred: one program per syscall on the syscalls:sys_enter_* tracepoints. */
#define TOCTOU_TP(name, nr)                                                      \
	SEC("tracepoint/syscalls/sys_enter_" #name)                              \
	int toctou_##name(struct syscall_trace_enter *ctx)                       \
	{                                                                        \
		unsigned long args[6];                                           \
		int i;                                                           \
                                                                                 \
		if (!enter_wanted(nr))                                           \
			return 0;                                                \
		for (i = 0; i < 6; i++)                                          \
			args[i] = BPF_CORE_READ(ctx, args[i]);                   \
		toctou_enter(nr, args);                                          \
		return 0;                                                        \
	}

TOCTOU_TP(open, 2)
TOCTOU_TP(openat, 257)
TOCTOU_TP(openat2, 437)
TOCTOU_TP(creat, 85)
TOCTOU_TP(connect, 42)

/* Fallback when tracefs is not mounted: one program on raw sys_enter, filtering. */
SEC("tp_btf/sys_enter")
int BPF_PROG(toctou_sys_enter, struct pt_regs *regs, long id)
{
	unsigned long args[6];
	int i;

	if (id != 2 && id != 257 && id != 437 && id != 85 && id != 42)
		return 0;
	if (!enter_wanted(id))
		return 0;
	for (i = 0; i < 6; i++)
		args[i] = sc_arg(regs, i);
	toctou_enter(id, args);
	return 0;
}

/* ---- close, read, write ------------------------------------------------------- */

EXIT_PROG(ppme_syscall_close_x)
{
	struct fixed_ev f;

	if (!fixed_begin(&f, PPME_SYSCALL_CLOSE_X, PPME_SYSCALL_CLOSE_X_SIZE))
		return 0;
	fixed_s64(&f, ret);
	fixed_s64(&f, sc_fd(regs, 0));
	fixed_submit(&f);
	return 0;
}

EXIT_PROG(ppme_syscall_read_x)
{
	struct aux_buf *a = ev_begin(PPME_SYSCALL_READ_X);

	if (!a)
		return 0;
	push_s64(a, ret);
	if (ret > 0)
		push_user_buf(a, (const void *)sc_arg(regs, 1), ret, snaplen());
	else
		push_empty(a);
	push_s64(a, sc_fd(regs, 0));
	push_u32(a, sc_arg(regs, 2));
	ev_submit(a);
	return 0;
}

EXIT_PROG(ppme_syscall_write_x)
{
	struct aux_buf *a = ev_begin(PPME_SYSCALL_WRITE_X);
	__u64 size = sc_arg(regs, 2);

	if (!a)
		return 0;
	push_s64(a, ret);
	push_user_buf(a, (const void *)sc_arg(regs, 1), ret > 0 ? ret : size, snaplen());
	push_s64(a, sc_fd(regs, 0));
	push_u32(a, size);
	ev_submit(a);
	return 0;
}

/* ---- dup, fcntl ----------------------------------------------------------------- */

EXIT_PROG(ppme_syscall_dup_1_x)
{
	struct fixed_ev f;

	if (!fixed_begin(&f, PPME_SYSCALL_DUP_1_X, PPME_SYSCALL_DUP_1_X_SIZE))
		return 0;
	fixed_s64(&f, ret);
	fixed_s64(&f, sc_fd(regs, 0));
	fixed_submit(&f);
	return 0;
}

EXIT_PROG(ppme_syscall_dup2_x)
{
	struct fixed_ev f;

	if (!fixed_begin(&f, PPME_SYSCALL_DUP2_X, PPME_SYSCALL_DUP2_X_SIZE))
		return 0;
	fixed_s64(&f, ret);
	fixed_s64(&f, sc_fd(regs, 0));
	fixed_s64(&f, sc_fd(regs, 1));
	fixed_submit(&f);
	return 0;
}

EXIT_PROG(ppme_syscall_dup3_x)
{
	struct fixed_ev f;

	if (!fixed_begin(&f, PPME_SYSCALL_DUP3_X, PPME_SYSCALL_DUP3_X_SIZE))
		return 0;
	fixed_s64(&f, ret);
	fixed_s64(&f, sc_fd(regs, 0));
	fixed_s64(&f, sc_fd(regs, 1));
	fixed_u32(&f, fd_flags_to_ppm(sc_arg(regs, 2)));
	fixed_submit(&f);
	return 0;
}

EXIT_PROG(ppme_syscall_fcntl_x)
{
	struct fixed_ev f;

	if (!fixed_begin(&f, PPME_SYSCALL_FCNTL_X, PPME_SYSCALL_FCNTL_X_SIZE))
		return 0;
	fixed_s64(&f, ret);
	fixed_s64(&f, sc_fd(regs, 0));
	fixed_u8(&f, fcntl_cmd_to_ppm(sc_arg(regs, 1)));
	fixed_u64(&f, sc_arg(regs, 2));
	fixed_submit(&f);
	return 0;
}

/* ---- directories, links, modes ----------------------------------------------------- */

EXIT_PROG(ppme_syscall_chdir_x)
{
	struct aux_buf *a = ev_begin(PPME_SYSCALL_CHDIR_X);

	if (!a)
		return 0;
	push_s64(a, ret);
	push_user_str(a, (const void *)sc_arg(regs, 0), MAX_PATH_LEN);
	ev_submit(a);
	return 0;
}

EXIT_PROG(ppme_syscall_fchdir_x)
{
	struct fixed_ev f;

	if (!fixed_begin(&f, PPME_SYSCALL_FCHDIR_X, PPME_SYSCALL_FCHDIR_X_SIZE))
		return 0;
	fixed_s64(&f, ret);
	fixed_s64(&f, sc_fd(regs, 0));
	fixed_submit(&f);
	return 0;
}

/* res, then one path argument. */
static __always_inline void path1_exit(struct pt_regs *regs, long ret, __u16 type)
{
	struct aux_buf *a = ev_begin(type);

	if (!a)
		return;
	push_s64(a, ret);
	push_user_str(a, (const void *)sc_arg(regs, 0), MAX_PATH_LEN);
	ev_submit(a);
}

EXIT_PROG(ppme_syscall_rmdir_2_x)
{
	path1_exit(regs, ret, PPME_SYSCALL_RMDIR_2_X);
	return 0;
}

EXIT_PROG(ppme_syscall_unlink_2_x)
{
	path1_exit(regs, ret, PPME_SYSCALL_UNLINK_2_X);
	return 0;
}

EXIT_PROG(ppme_syscall_mkdir_2_x)
{
	struct aux_buf *a = ev_begin(PPME_SYSCALL_MKDIR_2_X);

	if (!a)
		return 0;
	push_s64(a, ret);
	push_user_str(a, (const void *)sc_arg(regs, 0), MAX_PATH_LEN);
	push_u32(a, sc_arg(regs, 1));
	ev_submit(a);
	return 0;
}

EXIT_PROG(ppme_syscall_mkdirat_x)
{
	struct aux_buf *a = ev_begin(PPME_SYSCALL_MKDIRAT_X);

	if (!a)
		return 0;
	push_s64(a, ret);
	push_s64(a, sc_fd(regs, 0));
	push_user_str(a, (const void *)sc_arg(regs, 1), MAX_PATH_LEN);
	push_u32(a, sc_arg(regs, 2));
	ev_submit(a);
	return 0;
}

EXIT_PROG(ppme_syscall_unlinkat_2_x)
{
	struct aux_buf *a = ev_begin(PPME_SYSCALL_UNLINKAT_2_X);

	if (!a)
		return 0;
	push_s64(a, ret);
	push_s64(a, sc_fd(regs, 0));
	push_user_str(a, (const void *)sc_arg(regs, 1), MAX_PATH_LEN);
	push_u32(a, sc_arg(regs, 2) & PPM_AT_REMOVEDIR);
	ev_submit(a);
	return 0;
}

/* res, old path, new path (rename, link, symlink). */
static __always_inline void path2_exit(struct pt_regs *regs, long ret, __u16 type)
{
	struct aux_buf *a = ev_begin(type);

	if (!a)
		return;
	push_s64(a, ret);
	push_user_str(a, (const void *)sc_arg(regs, 0), MAX_PATH_LEN);
	push_user_str(a, (const void *)sc_arg(regs, 1), MAX_PATH_LEN);
	ev_submit(a);
}

EXIT_PROG(ppme_syscall_rename_x)
{
	path2_exit(regs, ret, PPME_SYSCALL_RENAME_X);
	return 0;
}

EXIT_PROG(ppme_syscall_link_2_x)
{
	path2_exit(regs, ret, PPME_SYSCALL_LINK_2_X);
	return 0;
}

EXIT_PROG(ppme_syscall_symlink_x)
{
	path2_exit(regs, ret, PPME_SYSCALL_SYMLINK_X);
	return 0;
}

/* res, olddirfd, oldpath, newdirfd, newpath[, flags] (renameat, renameat2, linkat). */
static __always_inline void path2at_exit(struct pt_regs *regs, long ret, __u16 type,
					 bool with_flags, __u32 flags)
{
	struct aux_buf *a = ev_begin(type);

	if (!a)
		return;
	push_s64(a, ret);
	push_s64(a, sc_fd(regs, 0));
	push_user_str(a, (const void *)sc_arg(regs, 1), MAX_PATH_LEN);
	push_s64(a, sc_fd(regs, 2));
	push_user_str(a, (const void *)sc_arg(regs, 3), MAX_PATH_LEN);
	if (with_flags)
		push_u32(a, flags);
	ev_submit(a);
}

EXIT_PROG(ppme_syscall_renameat_x)
{
	path2at_exit(regs, ret, PPME_SYSCALL_RENAMEAT_X, false, 0);
	return 0;
}

EXIT_PROG(ppme_syscall_renameat2_x)
{
	path2at_exit(regs, ret, PPME_SYSCALL_RENAMEAT2_X, true,
		     sc_arg(regs, 4) & (PPM_RENAME_NOREPLACE | PPM_RENAME_EXCHANGE |
					PPM_RENAME_WHITEOUT));
	return 0;
}

EXIT_PROG(ppme_syscall_linkat_2_x)
{
	path2at_exit(regs, ret, PPME_SYSCALL_LINKAT_2_X, true,
		     sc_arg(regs, 4) & (PPM_AT_SYMLINK_FOLLOW | PPM_AT_EMPTY_PATH));
	return 0;
}

EXIT_PROG(ppme_syscall_symlinkat_x)
{
	struct aux_buf *a = ev_begin(PPME_SYSCALL_SYMLINKAT_X);

	if (!a)
		return 0;
	push_s64(a, ret);
	push_user_str(a, (const void *)sc_arg(regs, 0), MAX_PATH_LEN);
	push_s64(a, sc_fd(regs, 1));
	push_user_str(a, (const void *)sc_arg(regs, 2), MAX_PATH_LEN);
	ev_submit(a);
	return 0;
}

EXIT_PROG(ppme_syscall_chmod_x)
{
	struct aux_buf *a = ev_begin(PPME_SYSCALL_CHMOD_X);

	if (!a)
		return 0;
	push_s64(a, ret);
	push_user_str(a, (const void *)sc_arg(regs, 0), MAX_PATH_LEN);
	push_u32(a, mode_to_ppm(sc_arg(regs, 1)));
	ev_submit(a);
	return 0;
}

EXIT_PROG(ppme_syscall_fchmod_x)
{
	struct fixed_ev f;

	if (!fixed_begin(&f, PPME_SYSCALL_FCHMOD_X, PPME_SYSCALL_FCHMOD_X_SIZE))
		return 0;
	fixed_s64(&f, ret);
	fixed_s64(&f, sc_fd(regs, 0));
	fixed_u32(&f, mode_to_ppm(sc_arg(regs, 1)));
	fixed_submit(&f);
	return 0;
}

EXIT_PROG(ppme_syscall_fchmodat_x)
{
	struct aux_buf *a = ev_begin(PPME_SYSCALL_FCHMODAT_X);

	if (!a)
		return 0;
	push_s64(a, ret);
	push_s64(a, sc_fd(regs, 0));
	push_user_str(a, (const void *)sc_arg(regs, 1), MAX_PATH_LEN);
	push_u32(a, mode_to_ppm(sc_arg(regs, 2)));
	ev_submit(a);
	return 0;
}

/* ---- pipes, memfd, userfaultfd --------------------------------------------------- */

static __always_inline void pipe_exit(struct pt_regs *regs, long ret, __u16 type, bool pipe2)
{
	struct aux_buf *a = ev_begin(type);
	__s32 fds[2] = { -1, -1 };
	__u32 dev;
	__u64 ino = 0;

	if (!a)
		return;
	if (ret == 0 &&
	    bpf_probe_read_user(fds, sizeof(fds), (const void *)sc_arg(regs, 0)))
		count_read_failure();
	if (ret == 0)
		file_dev_ino(fd_file(fds[0]), &dev, &ino);
	push_s64(a, ret);
	push_s64(a, fds[0]);
	push_s64(a, fds[1]);
	push_u64(a, ino);
	if (pipe2)
		push_u32(a, fd_flags_to_ppm(sc_arg(regs, 1)));
	ev_submit(a);
}

EXIT_PROG(ppme_syscall_pipe_x)
{
	pipe_exit(regs, ret, PPME_SYSCALL_PIPE_X, false);
	return 0;
}

EXIT_PROG(ppme_syscall_pipe2_x)
{
	pipe_exit(regs, ret, PPME_SYSCALL_PIPE2_X, true);
	return 0;
}

EXIT_PROG(ppme_syscall_memfd_create_x)
{
	struct aux_buf *a = ev_begin(PPME_SYSCALL_MEMFD_CREATE_X);

	if (!a)
		return 0;
	push_s64(a, ret);
	push_user_str(a, (const void *)sc_arg(regs, 0), 256);
	push_u32(a, sc_arg(regs, 1) & (PPM_MFD_CLOEXEC | PPM_MFD_ALLOW_SEALING | PPM_MFD_HUGETLB));
	ev_submit(a);
	return 0;
}

EXIT_PROG(ppme_syscall_userfaultfd_x)
{
	struct fixed_ev f;

	if (!fixed_begin(&f, PPME_SYSCALL_USERFAULTFD_X, PPME_SYSCALL_USERFAULTFD_X_SIZE))
		return 0;
	fixed_s64(&f, ret);
	fixed_u32(&f, fd_flags_to_ppm(sc_arg(regs, 0)));
	fixed_submit(&f);
	return 0;
}

/* ---- mounts, modules, bpf ---------------------------------------------------------- */

EXIT_PROG(ppme_syscall_mount_x)
{
	struct aux_buf *a = ev_begin(PPME_SYSCALL_MOUNT_X);

	if (!a)
		return 0;
	push_s64(a, ret);
	push_user_str(a, (const void *)sc_arg(regs, 0), MAX_PATH_LEN);
	push_user_str(a, (const void *)sc_arg(regs, 1), MAX_PATH_LEN);
	push_user_str(a, (const void *)sc_arg(regs, 2), 256);
	push_u32(a, mount_flags_to_ppm(sc_arg(regs, 3)));
	ev_submit(a);
	return 0;
}

EXIT_PROG(ppme_syscall_umount2_x)
{
	struct aux_buf *a = ev_begin(PPME_SYSCALL_UMOUNT2_X);

	if (!a)
		return 0;
	push_s64(a, ret);
	push_user_str(a, (const void *)sc_arg(regs, 0), MAX_PATH_LEN);
	push_u32(a, sc_arg(regs, 1) & (PPM_FORCE | PPM_DETACH | PPM_EXPIRE | PPM_NOFOLLOW));
	ev_submit(a);
	return 0;
}

EXIT_PROG(ppme_syscall_init_module_x)
{
	struct aux_buf *a = ev_begin(PPME_SYSCALL_INIT_MODULE_X);
	__u64 len = sc_arg(regs, 1);

	if (!a)
		return 0;
	push_s64(a, ret);
	push_user_buf(a, (const void *)sc_arg(regs, 0), len, snaplen());
	push_u64(a, len);
	push_user_str(a, (const void *)sc_arg(regs, 2), MAX_PATH_LEN);
	ev_submit(a);
	return 0;
}

EXIT_PROG(ppme_syscall_finit_module_x)
{
	struct aux_buf *a = ev_begin(PPME_SYSCALL_FINIT_MODULE_X);

	if (!a)
		return 0;
	push_s64(a, ret);
	push_s64(a, sc_fd(regs, 0));
	push_user_str(a, (const void *)sc_arg(regs, 1), MAX_PATH_LEN);
	push_u32(a, sc_arg(regs, 2) & (PPM_MODULE_INIT_IGNORE_MODVERSIONS |
				       PPM_MODULE_INIT_IGNORE_VERMAGIC |
				       PPM_MODULE_INIT_COMPRESSED_FILE));
	ev_submit(a);
	return 0;
}

EXIT_PROG(ppme_syscall_bpf_2_x)
{
	struct fixed_ev f;

	if (!fixed_begin(&f, PPME_SYSCALL_BPF_2_X, PPME_SYSCALL_BPF_2_X_SIZE))
		return 0;
	fixed_s64(&f, ret);
	fixed_u32(&f, sc_arg(regs, 0));
	fixed_submit(&f);
	return 0;
}
