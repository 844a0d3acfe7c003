//! How events recorded with older layouts become events of the current layout.
//!
//! Before libs 0.22 (2025) the drivers wrote an enter and an exit event for every syscall,
//! and many parameters lived only in the enter event. Current drivers write the exit event
//! only (enter events remain for `open`, `openat`, `openat2`, `creat` and `connect`), with
//! the former enter parameters appended. Readers of old captures merge the pairs so that
//! consumers see one layout per event type.
//!
//! The rules below are keyed by (event code, number of parameters on the wire). A reader
//! applies the matching rule repeatedly (a rule can change the event type, after which
//! another rule may match) until no rule matches. An exit event that has fewer parameters
//! than the table and no rule is padded with empty parameters, so appending a parameter to
//! [`crate::EVENTS`] needs no rule here.

/// Where a parameter of the upgraded event comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Parameter `n` of the event being upgraded.
    Old(u8),
    /// Parameter `n` of the stored enter event of the same thread; the type's default value
    /// when there is none.
    Enter(u8),
    /// Like `Enter`, but an empty parameter when there is no enter event.
    EnterOrEmpty(u8),
    /// The default value of the parameter's type (zero, or an empty string).
    Default,
    /// An empty (zero-length) parameter.
    Empty,
    /// Computed by the reader from the old event (see [`Callback`]).
    Callback(Callback),
}

/// Conversions that need code rather than copying.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Callback {
    /// Build the JSON of a `container_json` event from an old `container` event's id, type,
    /// name and image.
    ContainerJsonFromContainer,
}

/// What to do with an event that matches a rule.
#[derive(Clone, Copy, Debug)]
pub enum Action {
    /// Deliver the event as it is.
    Pass,
    /// Keep the (enter) event for the thread's next exit event, do not deliver it.
    Store,
    /// Keep the event and deliver it too.
    StoreAndPass,
    /// Append parameters.
    AddParams(&'static [Source]),
    /// Rebuild the event as type `to` with parameters from `params`.
    ChangeType {
        /// New event code.
        to: u16,
        /// The new event's parameters, in order.
        params: &'static [Source],
    },
}

/// One rule.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    /// Event code the rule applies to.
    pub code: u16,
    /// Number of parameters the event must have on the wire.
    pub nparams: u8,
    /// What to do.
    pub action: Action,
}

/// For each event code, the position in [`RULES`] of its first rule, or `u16::MAX` when
/// it has none: `find` looks at that code's few rules only.
static FIRST: [u16; crate::EVENT_MAX] = {
    let mut first = [u16::MAX; crate::EVENT_MAX];
    let mut i = RULES.len();
    while i > 0 {
        i -= 1;
        let code = RULES[i].code as usize;
        if code < crate::EVENT_MAX {
            first[code] = i as u16;
        }
    }
    first
};

/// The rule for an event of type `code` with `nparams` parameters.
pub fn find(code: u16, nparams: u32) -> Option<&'static Rule> {
    let start = *FIRST.get(code as usize)?;
    if start == u16::MAX {
        return None;
    }
    RULES[start as usize..]
        .iter()
        .take_while(|r| r.code == code)
        .find(|r| r.nparams as u32 == nparams)
}

/// True if some rule exists for events of type `code` (any parameter count).
pub fn has_rules(code: u16) -> bool {
    FIRST.get(code as usize).is_some_and(|&i| i != u16::MAX)
}

// RULES must be sorted by (code, nparams) without duplicates, with codes below EVENT_MAX
// and fewer than u16::MAX entries: `find` and FIRST rely on it.
const _: () = {
    assert!(RULES.len() < u16::MAX as usize);
    let mut i = 1;
    while i < RULES.len() {
        let (a, b) = (&RULES[i - 1], &RULES[i]);
        assert!(a.code < b.code || (a.code == b.code && a.nparams < b.nparams));
        assert!((b.code as usize) < crate::EVENT_MAX);
        i += 1;
    }
};

const fn r(code: u16, nparams: u8, action: Action) -> Rule {
    Rule {
        code,
        nparams,
        action,
    }
}

// ---- data ----

use self::Callback::ContainerJsonFromContainer;
use crate::code::*;
use Action::*;
use Source::*;

/// Every rule, sorted by (code, nparams).
pub static RULES: &[Rule] = &[
    r(PPME_GENERIC_E, 2, Store),
    r(PPME_GENERIC_X, 1, AddParams(&[EnterOrEmpty(1)])),
    r(PPME_SYSCALL_OPEN_E, 0, AddParams(&[Empty, Empty, Empty])),
    r(PPME_SYSCALL_OPEN_E, 3, Pass),
    r(PPME_SYSCALL_OPEN_X, 4, AddParams(&[Empty])),
    r(PPME_SYSCALL_OPEN_X, 5, AddParams(&[Empty])),
    r(PPME_SYSCALL_CLOSE_E, 1, Store),
    r(PPME_SYSCALL_CLOSE_X, 1, AddParams(&[Enter(0)])),
    r(PPME_SYSCALL_READ_E, 2, Store),
    r(PPME_SYSCALL_READ_X, 2, AddParams(&[Enter(0), Enter(1)])),
    r(PPME_SYSCALL_WRITE_E, 2, Store),
    r(PPME_SYSCALL_WRITE_X, 2, AddParams(&[Enter(0), Enter(1)])),
    r(PPME_SYSCALL_BRK_1_E, 1, Store),
    r(
        PPME_SYSCALL_BRK_1_X,
        1,
        ChangeType {
            to: PPME_SYSCALL_BRK_4_X,
            params: &[Old(0), EnterOrEmpty(0), Empty, Empty, Empty],
        },
    ),
    r(
        PPME_SYSCALL_EXECVE_8_E,
        0,
        ChangeType {
            to: PPME_SYSCALL_EXECVE_13_E,
            params: &[],
        },
    ),
    r(
        PPME_SYSCALL_EXECVE_8_X,
        8,
        ChangeType {
            to: PPME_SYSCALL_EXECVE_13_X,
            params: &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Empty,
                Empty,
                Empty,
                Empty,
                Empty,
            ],
        },
    ),
    r(
        PPME_SYSCALL_CLONE_11_X,
        11,
        ChangeType {
            to: PPME_SYSCALL_CLONE_16_X,
            params: &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Empty,
                Empty,
                Empty,
                Empty,
                Empty,
                Old(8),
                Old(9),
                Old(10),
            ],
        },
    ),
    r(
        PPME_PROCEXIT_E,
        0,
        ChangeType {
            to: PPME_PROCEXIT_1_E,
            params: &[Empty, Empty, Empty, Empty, Empty],
        },
    ),
    r(PPME_SOCKET_SOCKET_E, 3, Store),
    r(
        PPME_SOCKET_SOCKET_X,
        1,
        AddParams(&[Enter(0), Enter(1), Enter(2)]),
    ),
    r(PPME_SOCKET_SOCKET_X, 4, AddParams(&[Default])),
    r(PPME_SOCKET_BIND_E, 1, Store),
    r(PPME_SOCKET_BIND_X, 2, AddParams(&[Enter(0)])),
    r(PPME_SOCKET_CONNECT_E, 1, AddParams(&[Default])),
    r(PPME_SOCKET_CONNECT_E, 2, StoreAndPass),
    r(PPME_SOCKET_CONNECT_X, 2, AddParams(&[Enter(0)])),
    r(PPME_SOCKET_CONNECT_X, 3, AddParams(&[Enter(1)])),
    r(PPME_SOCKET_LISTEN_E, 2, Store),
    r(PPME_SOCKET_LISTEN_X, 1, AddParams(&[Enter(0), Enter(1)])),
    r(
        PPME_SOCKET_ACCEPT_X,
        3,
        ChangeType {
            to: PPME_SOCKET_ACCEPT_5_X,
            params: &[Old(0), Old(1), Old(2), Default, Default],
        },
    ),
    r(PPME_SOCKET_SEND_E, 2, Store),
    r(
        PPME_SOCKET_SEND_X,
        2,
        AddParams(&[Enter(0), Enter(1), Default]),
    ),
    r(PPME_SOCKET_SENDTO_E, 3, Store),
    r(
        PPME_SOCKET_SENDTO_X,
        2,
        AddParams(&[Enter(0), Enter(1), Enter(2)]),
    ),
    r(PPME_SOCKET_RECV_E, 2, Store),
    r(
        PPME_SOCKET_RECV_X,
        2,
        AddParams(&[Enter(0), Enter(1), Default]),
    ),
    r(PPME_SOCKET_RECVFROM_E, 2, Store),
    r(PPME_SOCKET_RECVFROM_X, 3, AddParams(&[Enter(0), Enter(1)])),
    r(PPME_SOCKET_SHUTDOWN_E, 2, Store),
    r(PPME_SOCKET_SHUTDOWN_X, 1, AddParams(&[Enter(0), Enter(1)])),
    r(PPME_SOCKET_SOCKETPAIR_E, 3, Store),
    r(
        PPME_SOCKET_SOCKETPAIR_X,
        5,
        AddParams(&[Enter(0), Enter(1), Enter(2)]),
    ),
    r(PPME_SOCKET_SENDMSG_E, 3, Store),
    r(
        PPME_SOCKET_SENDMSG_X,
        2,
        AddParams(&[Enter(0), Enter(1), Enter(2)]),
    ),
    r(
        PPME_SOCKET_SENDMMSG_X,
        0,
        AddParams(&[Default, Empty, Empty, Empty, Empty]),
    ),
    r(PPME_SOCKET_RECVMSG_E, 1, Store),
    r(PPME_SOCKET_RECVMSG_X, 4, AddParams(&[Default])),
    r(PPME_SOCKET_RECVMSG_X, 5, AddParams(&[Enter(0)])),
    r(
        PPME_SOCKET_RECVMMSG_X,
        0,
        AddParams(&[Default, Empty, Empty, Empty, Empty, Empty]),
    ),
    r(PPME_SOCKET_ACCEPT4_E, 1, Store),
    r(
        PPME_SOCKET_ACCEPT4_X,
        3,
        ChangeType {
            to: PPME_SOCKET_ACCEPT4_6_X,
            params: &[Old(0), Old(1), Old(2), Default, Default, Enter(0)],
        },
    ),
    r(PPME_SYSCALL_CREAT_E, 0, AddParams(&[Empty, Empty])),
    r(PPME_SYSCALL_CREAT_E, 2, Pass),
    r(PPME_SYSCALL_CREAT_X, 3, AddParams(&[Empty])),
    r(PPME_SYSCALL_CREAT_X, 4, AddParams(&[Empty])),
    r(PPME_SYSCALL_CREAT_X, 5, AddParams(&[Empty])),
    r(PPME_SYSCALL_EVENTFD_E, 2, Store),
    r(PPME_SYSCALL_EVENTFD_X, 1, AddParams(&[Enter(0), Enter(1)])),
    r(PPME_SYSCALL_FUTEX_E, 3, Store),
    r(
        PPME_SYSCALL_FUTEX_X,
        1,
        AddParams(&[Enter(0), Enter(1), Enter(2)]),
    ),
    r(PPME_SYSCALL_FSTAT_E, 1, Store),
    r(PPME_SYSCALL_FSTAT_X, 1, AddParams(&[Enter(0)])),
    r(PPME_SYSCALL_EPOLLWAIT_E, 1, Store),
    r(PPME_SYSCALL_EPOLLWAIT_X, 1, AddParams(&[Enter(0)])),
    r(PPME_SYSCALL_POLL_E, 2, Store),
    r(PPME_SYSCALL_POLL_X, 2, AddParams(&[Enter(1)])),
    r(
        PPME_SYSCALL_NEWSELECT_X,
        1,
        ChangeType {
            to: PPME_SYSCALL_SELECT_X,
            params: &[Old(0)],
        },
    ),
    r(PPME_SYSCALL_LSEEK_E, 3, Store),
    r(
        PPME_SYSCALL_LSEEK_X,
        1,
        AddParams(&[Enter(0), Enter(1), Enter(2)]),
    ),
    r(PPME_SYSCALL_LLSEEK_E, 3, Store),
    r(
        PPME_SYSCALL_LLSEEK_X,
        1,
        AddParams(&[Enter(0), Enter(1), Enter(2)]),
    ),
    r(PPME_SYSCALL_IOCTL_2_E, 2, Store),
    r(
        PPME_SYSCALL_IOCTL_2_X,
        1,
        ChangeType {
            to: PPME_SYSCALL_IOCTL_3_X,
            params: &[Old(0), EnterOrEmpty(0), EnterOrEmpty(1), Empty],
        },
    ),
    r(PPME_SYSCALL_FCHDIR_E, 1, Store),
    r(PPME_SYSCALL_FCHDIR_X, 1, AddParams(&[EnterOrEmpty(0)])),
    r(PPME_SYSCALL_MKDIR_E, 2, Store),
    r(
        PPME_SYSCALL_MKDIR_X,
        1,
        ChangeType {
            to: PPME_SYSCALL_MKDIR_2_X,
            params: &[Old(0), EnterOrEmpty(0), EnterOrEmpty(1)],
        },
    ),
    r(PPME_SYSCALL_RMDIR_E, 1, Store),
    r(
        PPME_SYSCALL_RMDIR_X,
        1,
        ChangeType {
            to: PPME_SYSCALL_RMDIR_2_X,
            params: &[Old(0), EnterOrEmpty(0)],
        },
    ),
    r(PPME_SYSCALL_OPENAT_E, 4, Store),
    r(
        PPME_SYSCALL_OPENAT_X,
        1,
        ChangeType {
            to: PPME_SYSCALL_OPENAT_2_X,
            params: &[
                Old(0),
                EnterOrEmpty(0),
                EnterOrEmpty(1),
                EnterOrEmpty(2),
                EnterOrEmpty(3),
                Empty,
                Empty,
            ],
        },
    ),
    r(PPME_SYSCALL_LINK_E, 2, Store),
    r(
        PPME_SYSCALL_LINK_X,
        1,
        ChangeType {
            to: PPME_SYSCALL_LINK_2_X,
            params: &[Old(0), EnterOrEmpty(0), EnterOrEmpty(1)],
        },
    ),
    r(PPME_SYSCALL_LINKAT_E, 4, Store),
    r(
        PPME_SYSCALL_LINKAT_X,
        1,
        ChangeType {
            to: PPME_SYSCALL_LINKAT_2_X,
            params: &[
                Old(0),
                EnterOrEmpty(0),
                EnterOrEmpty(1),
                EnterOrEmpty(2),
                EnterOrEmpty(3),
                Empty,
            ],
        },
    ),
    r(PPME_SYSCALL_UNLINK_E, 1, Store),
    r(
        PPME_SYSCALL_UNLINK_X,
        1,
        ChangeType {
            to: PPME_SYSCALL_UNLINK_2_X,
            params: &[Old(0), EnterOrEmpty(0)],
        },
    ),
    r(PPME_SYSCALL_UNLINKAT_E, 2, Store),
    r(
        PPME_SYSCALL_UNLINKAT_X,
        1,
        ChangeType {
            to: PPME_SYSCALL_UNLINKAT_2_X,
            params: &[Old(0), EnterOrEmpty(0), EnterOrEmpty(1), Empty],
        },
    ),
    r(PPME_SYSCALL_PREAD_E, 3, Store),
    r(
        PPME_SYSCALL_PREAD_X,
        2,
        AddParams(&[Enter(0), Enter(1), Enter(2)]),
    ),
    r(PPME_SYSCALL_PWRITE_E, 3, Store),
    r(
        PPME_SYSCALL_PWRITE_X,
        2,
        AddParams(&[Enter(0), Enter(1), Enter(2)]),
    ),
    r(PPME_SYSCALL_READV_E, 1, Store),
    r(PPME_SYSCALL_READV_X, 3, AddParams(&[Enter(0)])),
    r(PPME_SYSCALL_WRITEV_E, 2, Store),
    r(PPME_SYSCALL_WRITEV_X, 2, AddParams(&[Enter(0), Enter(1)])),
    r(PPME_SYSCALL_PREADV_E, 2, Store),
    r(PPME_SYSCALL_PREADV_X, 3, AddParams(&[Enter(0), Enter(1)])),
    r(PPME_SYSCALL_PWRITEV_E, 3, Store),
    r(
        PPME_SYSCALL_PWRITEV_X,
        2,
        AddParams(&[Enter(0), Enter(1), Enter(2)]),
    ),
    r(PPME_SYSCALL_DUP_E, 1, Store),
    r(
        PPME_SYSCALL_DUP_X,
        1,
        ChangeType {
            to: PPME_SYSCALL_DUP_1_X,
            params: &[Old(0), EnterOrEmpty(0)],
        },
    ),
    r(PPME_SYSCALL_SIGNALFD_E, 3, Store),
    r(
        PPME_SYSCALL_SIGNALFD_X,
        1,
        AddParams(&[Enter(0), Enter(1), Enter(2)]),
    ),
    r(PPME_SYSCALL_KILL_E, 2, Store),
    r(PPME_SYSCALL_KILL_X, 1, AddParams(&[Enter(0), Enter(1)])),
    r(PPME_SYSCALL_TKILL_E, 2, Store),
    r(PPME_SYSCALL_TKILL_X, 1, AddParams(&[Enter(0), Enter(1)])),
    r(PPME_SYSCALL_TGKILL_E, 3, Store),
    r(
        PPME_SYSCALL_TGKILL_X,
        1,
        AddParams(&[Enter(0), Enter(1), Enter(2)]),
    ),
    r(PPME_SYSCALL_NANOSLEEP_E, 1, Store),
    r(PPME_SYSCALL_NANOSLEEP_X, 1, AddParams(&[Enter(0)])),
    r(PPME_SYSCALL_TIMERFD_CREATE_E, 2, Store),
    r(
        PPME_SYSCALL_TIMERFD_CREATE_X,
        1,
        AddParams(&[Enter(0), Enter(1)]),
    ),
    r(PPME_SYSCALL_INOTIFY_INIT_E, 1, Store),
    r(PPME_SYSCALL_INOTIFY_INIT_X, 1, AddParams(&[Enter(0)])),
    r(PPME_SYSCALL_GETRLIMIT_E, 1, Store),
    r(PPME_SYSCALL_GETRLIMIT_X, 3, AddParams(&[Enter(0)])),
    r(PPME_SYSCALL_SETRLIMIT_E, 1, Store),
    r(PPME_SYSCALL_SETRLIMIT_X, 3, AddParams(&[Enter(0)])),
    r(PPME_SYSCALL_PRLIMIT_E, 2, Store),
    r(
        PPME_SYSCALL_PRLIMIT_X,
        5,
        AddParams(&[EnterOrEmpty(0), EnterOrEmpty(1)]),
    ),
    r(
        PPME_SCHEDSWITCH_1_E,
        1,
        ChangeType {
            to: PPME_SCHEDSWITCH_6_E,
            params: &[Old(0), Empty, Empty, Empty, Empty, Empty],
        },
    ),
    r(PPME_SYSCALL_FCNTL_E, 2, Store),
    r(PPME_SYSCALL_FCNTL_X, 1, AddParams(&[Enter(0), Enter(1)])),
    r(PPME_SYSCALL_FCNTL_X, 3, AddParams(&[Default])),
    r(
        PPME_SYSCALL_EXECVE_13_E,
        0,
        ChangeType {
            to: PPME_SYSCALL_EXECVE_14_E,
            params: &[],
        },
    ),
    r(
        PPME_SYSCALL_EXECVE_13_X,
        13,
        ChangeType {
            to: PPME_SYSCALL_EXECVE_14_X,
            params: &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Empty,
            ],
        },
    ),
    r(
        PPME_SYSCALL_CLONE_16_X,
        16,
        ChangeType {
            to: PPME_SYSCALL_CLONE_17_X,
            params: &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Empty,
                Old(13),
                Old(14),
                Old(15),
            ],
        },
    ),
    r(PPME_SYSCALL_BRK_4_E, 1, Store),
    r(PPME_SYSCALL_BRK_4_X, 4, AddParams(&[EnterOrEmpty(0)])),
    r(PPME_SYSCALL_MMAP_E, 6, Store),
    r(
        PPME_SYSCALL_MMAP_X,
        4,
        AddParams(&[Enter(0), Enter(1), Enter(2), Enter(3), Enter(4), Enter(5)]),
    ),
    r(PPME_SYSCALL_MMAP2_E, 6, Store),
    r(
        PPME_SYSCALL_MMAP2_X,
        4,
        AddParams(&[Enter(0), Enter(1), Enter(2), Enter(3), Enter(4), Enter(5)]),
    ),
    r(PPME_SYSCALL_MUNMAP_E, 2, Store),
    r(PPME_SYSCALL_MUNMAP_X, 4, AddParams(&[Enter(0), Enter(1)])),
    r(PPME_SYSCALL_SPLICE_E, 4, Store),
    r(
        PPME_SYSCALL_SPLICE_X,
        1,
        AddParams(&[Enter(0), Enter(1), Enter(2), Enter(3)]),
    ),
    r(PPME_SYSCALL_PTRACE_E, 2, Store),
    r(PPME_SYSCALL_PTRACE_X, 0, AddParams(&[Empty, Empty, Empty])),
    r(
        PPME_SYSCALL_PTRACE_X,
        3,
        AddParams(&[EnterOrEmpty(0), EnterOrEmpty(1)]),
    ),
    r(PPME_SYSCALL_IOCTL_3_E, 3, Store),
    r(
        PPME_SYSCALL_IOCTL_3_X,
        1,
        AddParams(&[Enter(0), Enter(1), Enter(2)]),
    ),
    r(
        PPME_SYSCALL_EXECVE_14_E,
        0,
        ChangeType {
            to: PPME_SYSCALL_EXECVE_15_E,
            params: &[],
        },
    ),
    r(
        PPME_SYSCALL_EXECVE_14_X,
        14,
        ChangeType {
            to: PPME_SYSCALL_EXECVE_15_X,
            params: &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Empty,
                Old(13),
            ],
        },
    ),
    r(
        PPME_SYSCALL_FORK_X,
        16,
        ChangeType {
            to: PPME_SYSCALL_FORK_17_X,
            params: &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Empty,
                Old(13),
                Old(14),
                Old(15),
            ],
        },
    ),
    r(
        PPME_SYSCALL_VFORK_X,
        16,
        ChangeType {
            to: PPME_SYSCALL_VFORK_17_X,
            params: &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Empty,
                Old(13),
                Old(14),
                Old(15),
            ],
        },
    ),
    r(PPME_SYSCALL_SENDFILE_E, 4, Store),
    r(
        PPME_SYSCALL_SENDFILE_X,
        2,
        AddParams(&[Enter(0), Enter(1), Enter(3)]),
    ),
    r(PPME_SYSCALL_QUOTACTL_E, 4, Store),
    r(
        PPME_SYSCALL_QUOTACTL_X,
        14,
        AddParams(&[Enter(0), Enter(1), Enter(2), Enter(3)]),
    ),
    r(PPME_SYSCALL_SETRESUID_E, 3, Store),
    r(
        PPME_SYSCALL_SETRESUID_X,
        1,
        AddParams(&[EnterOrEmpty(0), EnterOrEmpty(1), EnterOrEmpty(2)]),
    ),
    r(PPME_SYSCALL_SETRESGID_E, 3, Store),
    r(
        PPME_SYSCALL_SETRESGID_X,
        1,
        AddParams(&[EnterOrEmpty(0), EnterOrEmpty(1), EnterOrEmpty(2)]),
    ),
    r(PPME_SYSCALL_SETUID_E, 1, Store),
    r(PPME_SYSCALL_SETUID_X, 1, AddParams(&[EnterOrEmpty(0)])),
    r(PPME_SYSCALL_SETGID_E, 1, Store),
    r(PPME_SYSCALL_SETGID_X, 1, AddParams(&[EnterOrEmpty(0)])),
    r(
        PPME_SYSCALL_EXECVE_15_E,
        0,
        ChangeType {
            to: PPME_SYSCALL_EXECVE_16_E,
            params: &[],
        },
    ),
    r(
        PPME_SYSCALL_EXECVE_15_X,
        15,
        ChangeType {
            to: PPME_SYSCALL_EXECVE_16_X,
            params: &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Old(13),
                Empty,
                Old(14),
            ],
        },
    ),
    r(
        PPME_SYSCALL_CLONE_17_X,
        17,
        ChangeType {
            to: PPME_SYSCALL_CLONE_20_X,
            params: &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Old(13),
                Empty,
                Old(14),
                Old(15),
                Old(16),
                Empty,
                Empty,
            ],
        },
    ),
    r(
        PPME_SYSCALL_FORK_17_X,
        17,
        ChangeType {
            to: PPME_SYSCALL_FORK_20_X,
            params: &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Old(13),
                Empty,
                Old(14),
                Old(15),
                Old(16),
                Empty,
                Empty,
            ],
        },
    ),
    r(
        PPME_SYSCALL_VFORK_17_X,
        17,
        ChangeType {
            to: PPME_SYSCALL_VFORK_20_X,
            params: &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Old(13),
                Empty,
                Old(14),
                Old(15),
                Old(16),
                Empty,
                Empty,
            ],
        },
    ),
    r(PPME_SYSCALL_CLONE_20_X, 20, AddParams(&[Empty])),
    r(PPME_SYSCALL_FORK_20_X, 20, AddParams(&[Empty])),
    r(PPME_SYSCALL_VFORK_20_X, 20, AddParams(&[Empty])),
    r(
        PPME_CONTAINER_E,
        4,
        ChangeType {
            to: PPME_CONTAINER_JSON_E,
            params: &[Callback(ContainerJsonFromContainer)],
        },
    ),
    r(
        PPME_SYSCALL_EXECVE_16_E,
        0,
        ChangeType {
            to: PPME_SYSCALL_EXECVE_17_E,
            params: &[],
        },
    ),
    r(
        PPME_SYSCALL_EXECVE_16_X,
        16,
        ChangeType {
            to: PPME_SYSCALL_EXECVE_17_X,
            params: &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Old(13),
                Old(14),
                Old(15),
                Empty,
            ],
        },
    ),
    r(PPME_SYSCALL_GETDENTS_E, 1, Store),
    r(PPME_SYSCALL_GETDENTS_X, 1, AddParams(&[Enter(0)])),
    r(PPME_SYSCALL_GETDENTS64_E, 1, Store),
    r(PPME_SYSCALL_GETDENTS64_X, 1, AddParams(&[Enter(0)])),
    r(PPME_SYSCALL_SETNS_E, 2, Store),
    r(
        PPME_SYSCALL_SETNS_X,
        1,
        AddParams(&[EnterOrEmpty(0), EnterOrEmpty(1)]),
    ),
    r(PPME_SYSCALL_FLOCK_E, 2, Store),
    r(PPME_SYSCALL_FLOCK_X, 1, AddParams(&[Enter(0), Enter(1)])),
    r(PPME_SOCKET_ACCEPT4_5_E, 1, Store),
    r(
        PPME_SOCKET_ACCEPT4_5_X,
        5,
        ChangeType {
            to: PPME_SOCKET_ACCEPT4_6_X,
            params: &[Old(0), Old(1), Old(2), Old(3), Old(4), Enter(0)],
        },
    ),
    r(PPME_SYSCALL_SEMOP_E, 1, Store),
    r(PPME_SYSCALL_SEMOP_X, 8, AddParams(&[Enter(0)])),
    r(PPME_SYSCALL_SEMCTL_E, 4, Store),
    r(
        PPME_SYSCALL_SEMCTL_X,
        1,
        AddParams(&[Enter(0), Enter(1), Enter(2), Enter(3)]),
    ),
    r(PPME_SYSCALL_PPOLL_E, 3, Store),
    r(PPME_SYSCALL_PPOLL_X, 2, AddParams(&[Enter(1), Enter(2)])),
    r(PPME_SYSCALL_MOUNT_E, 1, Store),
    r(PPME_SYSCALL_MOUNT_X, 4, AddParams(&[Enter(0)])),
    r(
        PPME_SYSCALL_UMOUNT_X,
        2,
        ChangeType {
            to: PPME_SYSCALL_UMOUNT_1_X,
            params: &[Old(0), Old(1)],
        },
    ),
    r(PPME_SYSCALL_SEMGET_E, 3, Store),
    r(
        PPME_SYSCALL_SEMGET_X,
        1,
        AddParams(&[Enter(0), Enter(1), Enter(2)]),
    ),
    r(PPME_SYSCALL_ACCESS_E, 1, Store),
    r(PPME_SYSCALL_ACCESS_X, 2, AddParams(&[Enter(0)])),
    r(
        PPME_CONTAINER_JSON_E,
        1,
        ChangeType {
            to: PPME_CONTAINER_JSON_2_E,
            params: &[Old(0)],
        },
    ),
    r(PPME_SYSCALL_MKDIR_2_E, 1, Store),
    r(PPME_SYSCALL_MKDIR_2_X, 2, AddParams(&[EnterOrEmpty(0)])),
    r(
        PPME_SYSCALL_EXECVE_17_E,
        0,
        ChangeType {
            to: PPME_SYSCALL_EXECVE_18_E,
            params: &[Empty],
        },
    ),
    r(
        PPME_SYSCALL_EXECVE_17_X,
        17,
        ChangeType {
            to: PPME_SYSCALL_EXECVE_18_X,
            params: &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Old(13),
                Old(14),
                Old(15),
                Old(16),
            ],
        },
    ),
    r(PPME_SYSCALL_UNSHARE_E, 1, Store),
    r(PPME_SYSCALL_UNSHARE_X, 1, AddParams(&[Enter(0)])),
    r(
        PPME_SYSCALL_EXECVE_18_E,
        1,
        ChangeType {
            to: PPME_SYSCALL_EXECVE_19_E,
            params: &[Old(0)],
        },
    ),
    r(
        PPME_SYSCALL_EXECVE_18_X,
        17,
        ChangeType {
            to: PPME_SYSCALL_EXECVE_19_X,
            params: &[
                Old(0),
                Old(1),
                Old(2),
                Old(3),
                Old(4),
                Old(5),
                Old(6),
                Old(7),
                Old(8),
                Old(9),
                Old(10),
                Old(11),
                Old(12),
                Old(13),
                Old(14),
                Old(15),
                Old(16),
                Empty,
            ],
        },
    ),
    r(PPME_SYSCALL_EXECVE_19_E, 1, StoreAndPass),
    r(PPME_SYSCALL_EXECVE_19_X, 18, AddParams(&[Empty])),
    r(PPME_SYSCALL_EXECVE_19_X, 19, AddParams(&[Empty])),
    r(
        PPME_SYSCALL_EXECVE_19_X,
        20,
        AddParams(&[Empty, Empty, Empty]),
    ),
    r(
        PPME_SYSCALL_EXECVE_19_X,
        23,
        AddParams(&[Empty, Empty, Empty]),
    ),
    r(PPME_SYSCALL_EXECVE_19_X, 26, AddParams(&[Empty])),
    r(PPME_SYSCALL_EXECVE_19_X, 27, AddParams(&[Empty])),
    r(PPME_SYSCALL_EXECVE_19_X, 28, AddParams(&[Empty])),
    r(PPME_SYSCALL_EXECVE_19_X, 29, AddParams(&[Empty])),
    r(PPME_SYSCALL_EXECVE_19_X, 30, AddParams(&[EnterOrEmpty(0)])),
    r(PPME_SYSCALL_SETPGID_E, 2, Store),
    r(
        PPME_SYSCALL_SETPGID_X,
        1,
        AddParams(&[EnterOrEmpty(0), EnterOrEmpty(1)]),
    ),
    r(PPME_SYSCALL_BPF_E, 1, Store),
    r(
        PPME_SYSCALL_BPF_X,
        1,
        ChangeType {
            to: PPME_SYSCALL_BPF_2_X,
            params: &[Old(0), EnterOrEmpty(0)],
        },
    ),
    r(PPME_SYSCALL_SECCOMP_E, 1, AddParams(&[Default])),
    r(PPME_SYSCALL_SECCOMP_E, 2, Store),
    r(PPME_SYSCALL_SECCOMP_X, 1, AddParams(&[Enter(0), Enter(1)])),
    r(
        PPME_SYSCALL_OPENAT_2_E,
        0,
        AddParams(&[Empty, Empty, Empty, Empty]),
    ),
    r(PPME_SYSCALL_OPENAT_2_E, 4, Pass),
    r(PPME_SYSCALL_OPENAT_2_X, 5, AddParams(&[Empty])),
    r(PPME_SYSCALL_OPENAT_2_X, 6, AddParams(&[Empty])),
    r(
        PPME_SYSCALL_OPENAT2_E,
        0,
        AddParams(&[Empty, Empty, Empty, Empty, Empty]),
    ),
    r(PPME_SYSCALL_OPENAT2_E, 5, Pass),
    r(PPME_SYSCALL_OPENAT2_X, 6, AddParams(&[Empty, Empty])),
    r(PPME_SYSCALL_MPROTECT_E, 3, Store),
    r(
        PPME_SYSCALL_MPROTECT_X,
        1,
        AddParams(&[Enter(0), Enter(1), Enter(2)]),
    ),
    r(PPME_SYSCALL_EXECVEAT_E, 3, Pass),
    r(PPME_SYSCALL_EXECVEAT_X, 19, AddParams(&[Empty])),
    r(
        PPME_SYSCALL_EXECVEAT_X,
        20,
        AddParams(&[Empty, Empty, Empty]),
    ),
    r(
        PPME_SYSCALL_EXECVEAT_X,
        23,
        AddParams(&[Empty, Empty, Empty]),
    ),
    r(PPME_SYSCALL_EXECVEAT_X, 26, AddParams(&[Empty])),
    r(PPME_SYSCALL_EXECVEAT_X, 27, AddParams(&[Empty])),
    r(PPME_SYSCALL_EXECVEAT_X, 28, AddParams(&[Empty])),
    r(PPME_SYSCALL_EXECVEAT_X, 29, AddParams(&[Empty])),
    r(PPME_SYSCALL_COPY_FILE_RANGE_E, 3, Store),
    r(
        PPME_SYSCALL_COPY_FILE_RANGE_X,
        3,
        AddParams(&[Enter(0), Enter(1), Enter(2)]),
    ),
    r(PPME_SYSCALL_CLONE3_X, 20, AddParams(&[Empty])),
    r(PPME_SYSCALL_EPOLL_CREATE_E, 1, Store),
    r(PPME_SYSCALL_EPOLL_CREATE_X, 1, AddParams(&[Enter(0)])),
    r(PPME_SYSCALL_EPOLL_CREATE1_E, 1, Store),
    r(PPME_SYSCALL_EPOLL_CREATE1_X, 1, AddParams(&[Enter(0)])),
    r(PPME_SOCKET_ACCEPT4_6_E, 1, Store),
    r(PPME_SOCKET_ACCEPT4_6_X, 5, AddParams(&[Enter(0)])),
    r(PPME_SYSCALL_UMOUNT2_E, 1, Store),
    r(PPME_SYSCALL_UMOUNT2_X, 2, AddParams(&[Enter(0)])),
    r(PPME_SYSCALL_EVENTFD2_E, 1, Store),
    r(PPME_SYSCALL_EVENTFD2_X, 2, AddParams(&[Enter(0)])),
    r(PPME_SYSCALL_SIGNALFD4_E, 2, Store),
    r(
        PPME_SYSCALL_SIGNALFD4_X,
        2,
        AddParams(&[Enter(0), Enter(1)]),
    ),
];
