//! Names of Linux error numbers and signals, as Falco and sysdig print them.
//!
//! Syscall return values are negative error numbers (`-2` is `ENOENT`); signal parameters
//! carry the signal number (`9` is `SIGKILL`). The numbers are those of Linux on x86_64 and
//! arm64 (the generic ABI). Each number has one name: where Linux has aliases
//! (`EWOULDBLOCK` = `EAGAIN`, `EDEADLOCK` = `EDEADLK`, `SIGIOT` = `SIGABRT`, `SIGPOLL` =
//! `SIGIO`) the first spelling is used, and the kernel-internal codes that can leak to user
//! space through tracing (`ERESTARTSYS` and the NFS codes, 512 and up) are named too.

/// Names of error numbers 1 to 133, indexed by number (index 0 and the two holes of the
/// numbering, 41 and 58, are empty).
static ERRNO_NAMES: [&str; 126] = [
    "",
    "EPERM",
    "ENOENT",
    "ESRCH",
    "EINTR",
    "EIO",
    "ENXIO",
    "E2BIG",
    "ENOEXEC",
    "EBADF",
    "ECHILD",
    "EAGAIN",
    "ENOMEM",
    "EACCES",
    "EFAULT",
    "ENOTBLK",
    "EBUSY",
    "EEXIST",
    "EXDEV",
    "ENODEV",
    "ENOTDIR",
    "EISDIR",
    "EINVAL",
    "ENFILE",
    "EMFILE",
    "ENOTTY",
    "ETXTBSY",
    "EFBIG",
    "ENOSPC",
    "ESPIPE",
    "EROFS",
    "EMLINK",
    "EPIPE",
    "EDOM",
    "ERANGE",
    "EDEADLK",
    "ENAMETOOLONG",
    "ENOLCK",
    "ENOSYS",
    "ENOTEMPTY",
    "ELOOP",
    "",
    "ENOMSG",
    "EIDRM",
    "ECHRNG",
    "EL2NSYNC",
    "EL3HLT",
    "EL3RST",
    "ELNRNG",
    "EUNATCH",
    "ENOCSI",
    "EL2HLT",
    "EBADE",
    "EBADR",
    "EXFULL",
    "ENOANO",
    "EBADRQC",
    "EBADSLT",
    "",
    "EBFONT",
    "ENOSTR",
    "ENODATA",
    "ETIME",
    "ENOSR",
    "ENONET",
    "ENOPKG",
    "EREMOTE",
    "ENOLINK",
    "EADV",
    "ESRMNT",
    "ECOMM",
    "EPROTO",
    "EMULTIHOP",
    "EDOTDOT",
    "EBADMSG",
    "EOVERFLOW",
    "ENOTUNIQ",
    "EBADFD",
    "EREMCHG",
    "ELIBACC",
    "ELIBBAD",
    "ELIBSCN",
    "ELIBMAX",
    "ELIBEXEC",
    "EILSEQ",
    "ERESTART",
    "ESTRPIPE",
    "EUSERS",
    "ENOTSOCK",
    "EDESTADDRREQ",
    "EMSGSIZE",
    "EPROTOTYPE",
    "ENOPROTOOPT",
    "EPROTONOSUPPORT",
    "ESOCKTNOSUPPORT",
    "EOPNOTSUPP",
    "EPFNOSUPPORT",
    "EAFNOSUPPORT",
    "EADDRINUSE",
    "EADDRNOTAVAIL",
    "ENETDOWN",
    "ENETUNREACH",
    "ENETRESET",
    "ECONNABORTED",
    "ECONNRESET",
    "ENOBUFS",
    "EISCONN",
    "ENOTCONN",
    "ESHUTDOWN",
    "ETOOMANYREFS",
    "ETIMEDOUT",
    "ECONNREFUSED",
    "EHOSTDOWN",
    "EHOSTUNREACH",
    "EALREADY",
    "EINPROGRESS",
    "ESTALE",
    "EUCLEAN",
    "ENOTNAM",
    "ENAVAIL",
    "EISNAM",
    "EREMOTEIO",
    "EDQUOT",
    "ENOMEDIUM",
    "EMEDIUMTYPE",
    "ECANCELED",
];

/// Kernel-internal codes from 512: restart codes (512–516) and NFS codes (521–530).
static KERNEL_ERRNO_NAMES: [&str; 19] = [
    "ERESTARTSYS",
    "ERESTARTNOINTR",
    "ERESTARTNOHAND",
    "ENOIOCTLCMD",
    "ERESTART_RESTARTBLOCK",
    "",
    "",
    "",
    "",
    "EBADHANDLE",
    "ENOTSYNC",
    "EBADCOOKIE",
    "ENOTSUPP",
    "ETOOSMALL",
    "ESERVERFAULT",
    "EBADTYPE",
    "EJUKEBOX",
    "EIOCBQUEUED",
    "EIOCBRETRY",
];

/// The name of the error a negative syscall return value stands for (`-2` → `ENOENT`).
///
/// The value is first cut to 32 bits, as libsinsp does; values that are not a known
/// negative error number (0, positive values, unassigned numbers) have no name. Error
/// numbers 126–133 (`ENOKEY` ... `EHWPOISON`) are deliberately unnamed: Falco's table ends
/// at `ECANCELED`, and outputs must match Falco's.
pub fn errno_name(res: i64) -> Option<&'static str> {
    let code = (res as i32).checked_neg()?;
    let name = match code {
        1..=125 => ERRNO_NAMES[code as usize],
        512..=530 => KERNEL_ERRNO_NAMES[(code - 512) as usize],
        _ => return None,
    };
    (!name.is_empty()).then_some(name)
}

/// Names of signals 1 to 31, indexed by number.
static SIGNAL_NAMES: [&str; 32] = [
    "",
    "SIGHUP",
    "SIGINT",
    "SIGQUIT",
    "SIGILL",
    "SIGTRAP",
    "SIGABRT",
    "SIGBUS",
    "SIGFPE",
    "SIGKILL",
    "SIGUSR1",
    "SIGSEGV",
    "SIGUSR2",
    "SIGPIPE",
    "SIGALRM",
    "SIGTERM",
    "SIGSTKFLT",
    "SIGCHLD",
    "SIGCONT",
    "SIGSTOP",
    "SIGTSTP",
    "SIGTTIN",
    "SIGTTOU",
    "SIGURG",
    "SIGXCPU",
    "SIGXFSZ",
    "SIGVTALRM",
    "SIGPROF",
    "SIGWINCH",
    "SIGIO",
    "SIGPWR",
    "SIGSYS",
];

/// The name of signal `sig` (`9` → `SIGKILL`); real-time signals and 0 have none.
pub fn signal_name(sig: u8) -> Option<&'static str> {
    match sig {
        1..=31 => Some(SIGNAL_NAMES[sig as usize]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errno_names_follow_linux_numbers() {
        // A sample checked against <asm-generic/errno-base.h> and <asm-generic/errno.h>.
        for (n, name) in [
            (1, "EPERM"),
            (2, "ENOENT"),
            (11, "EAGAIN"),
            (13, "EACCES"),
            (17, "EEXIST"),
            (22, "EINVAL"),
            (35, "EDEADLK"),
            (40, "ELOOP"),
            (42, "ENOMSG"),
            (57, "EBADSLT"),
            (59, "EBFONT"),
            (95, "EOPNOTSUPP"),
            (111, "ECONNREFUSED"),
            (115, "EINPROGRESS"),
            (125, "ECANCELED"),
            (512, "ERESTARTSYS"),
            (516, "ERESTART_RESTARTBLOCK"),
            (521, "EBADHANDLE"),
            (524, "ENOTSUPP"),
            (530, "EIOCBRETRY"),
        ] {
            assert_eq!(errno_name(-n), Some(name), "errno {n}");
        }
    }

    #[test]
    fn unknown_and_non_negative_values_have_no_name() {
        for v in [0, 1, 2, -41, -58, -126, -133, -517, -520, -531, i64::MIN] {
            assert_eq!(errno_name(v), None, "{v}");
        }
        // Cut to 32 bits first: the low half of this value is -2.
        assert_eq!(errno_name(0x7fff_ffff_ffff_fffe), Some("ENOENT"));
    }

    #[test]
    fn signal_names() {
        assert_eq!(signal_name(9), Some("SIGKILL"));
        assert_eq!(signal_name(17), Some("SIGCHLD"));
        assert_eq!(signal_name(31), Some("SIGSYS"));
        assert_eq!(signal_name(0), None);
        assert_eq!(signal_name(32), None);
    }
}
