//! System state: threads and processes, their file descriptors, users and groups, and the
//! container each process runs in — seeded from a capture's metadata or a /proc scan, and
//! kept current by events.
//!
//! (Being built: the tables below are empty until the parsers land. The query methods are
//! the interface the field classes use.)

use falco_scap::{Event, Metadata};

/// The state of the observed system.
#[derive(Debug, Default)]
pub struct State {}

/// What the fields see of a file descriptor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FdView<'a> {
    /// One-character type as sysdig prints it: `f` file, `d` directory, `4` IPv4 socket,
    /// `6` IPv6 socket, `u` unix socket, `p` pipe, `e` eventfd, `s` signalfd, `l` eventpoll,
    /// `i` inotify, `t` timerfd, `n` netlink, `b` bpf, `r` io_uring, `m` memfd, `P` pidfd,
    /// `o` unknown/other.
    pub type_char: u8,
    /// The name as sysdig prints it (`/etc/shadow`, `127.0.0.1:40096->127.0.0.1:4444`, ...).
    pub name: &'a [u8],
}

impl State {
    /// Empty state.
    pub fn new() -> State {
        State::default()
    }

    /// Seed the state from a capture's metadata blocks.
    pub fn load_metadata(&mut self, _meta: &Metadata) {}

    /// Update the state with an event of the current layout.
    pub fn process(&mut self, _ev: &Event<'_>) {}

    /// The command name (`comm`) of thread `tid`.
    pub fn comm(&self, _tid: i64) -> Option<&[u8]> {
        None
    }

    /// File descriptor `fd` of thread `tid` (of its process).
    pub fn fd(&self, _tid: i64, _fd: i64) -> Option<FdView<'_>> {
        None
    }

    /// The file descriptor the last processed event used, as it was when the event
    /// happened (for a `close`, the fd just closed; for an `open`, the fd just created).
    pub fn event_fd(&self) -> Option<FdView<'_>> {
        None
    }

    /// The name of user `uid`.
    pub fn user_name(&self, _uid: u32) -> Option<&[u8]> {
        None
    }

    /// The name of group `gid`.
    pub fn group_name(&self, _gid: u32) -> Option<&[u8]> {
        None
    }
}
