//! System state: threads and processes, their file descriptors, users and groups, and the
//! container each process runs in — seeded from a capture's metadata or a /proc scan, and
//! kept current by events, the way libsinsp keeps it.
//!
//! * [`State::load_metadata`] seeds the tables from a capture (threads, fds, users,
//!   groups); [`State::scan_proc`] from a live system's `/proc` and `/etc`.
//! * [`State::process`] applies one event of the current layout (exit events carrying
//!   every parameter; enter events for open/openat/openat2/creat/connect, and the execve
//!   ones old captures keep). Events recorded in older layouts are converted first by
//!   `falco_scap::Upgrader`; an enter event the upgrader keeps for later is passed to
//!   [`State::note_recorded`] so that it is seen by the state as libsinsp sees it (its
//!   thread is created on first sight, its fd becomes the event's fd).
//! * Queries: [`State::thread`], [`State::comm`], [`State::fd`], [`State::event_fd`],
//!   [`State::user`], [`State::group`], ...
//!
//! Removals are deferred to the next event, as libsinsp does: a `close` or `procexit`
//! event still sees the fd or thread it removes, so its fields (`fd.name`, `proc.name`)
//! have values; the next event no longer does.
//!
//! Memory is bounded by [`StateConfig::max_threads`] (new threads beyond it are not
//! tracked) and, when [`StateConfig::auto_purge`] is on, by a periodic purge of stub and
//! inactive threads. A thread costs one table entry plus its strings; fd tables are copied
//! for child processes and shared by threads. [`State::process`] allocates only when a
//! thread or fd appears or a string changes: scratch buffers are kept and reused.
//!
//! The state holds no locks and no reference-counted graph: threads refer to each other by
//! id, so states for disjoint sets of processes can live on different cores.

mod container;
mod fd;
mod meta;
mod params;
mod parse;
pub(crate) mod path;
mod proc_scan;
pub mod runtime;
mod thread;
mod users;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use falco_scap::{Event, Metadata};
use falco_schema::{code, eflags};

pub use container::SHORT_ID as CONTAINER_ID_LEN;
pub use fd::{kind as fd_kind, l4, Fd, FdTable, SockInfo};
pub use runtime::{ContainerInfo, Containers, RuntimeConfig, RuntimeKind};
pub use thread::{cl, ContainerId, Thread};
pub use users::{GroupInfo, UserInfo};

pub(crate) use thread::{entries, write_caps};

/// A fast hasher for integer ids (thread ids, fd numbers).
#[derive(Clone, Copy, Debug, Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_i64(&mut self, v: i64) {
        self.0 = (v as u64 ^ 0x5555_5555).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u32(&mut self, v: u32) {
        self.write_i64(v as i64);
    }
}

/// Hash maps keyed by ids.
pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// Limits and housekeeping of the state (Falco's `falco_libs.thread_table_*`).
#[derive(Clone, Debug)]
pub struct StateConfig {
    /// Most threads tracked at once (`falco_libs.thread_table_size`, 262144).
    pub max_threads: usize,
    /// Most fds tracked per process (libsinsp's limit, 4096); more are not tracked.
    pub max_fds_per_process: usize,
    /// Purge stub and inactive threads periodically (Falco live mode; libsinsp never does
    /// it when reading a capture).
    pub auto_purge: bool,
    /// Interval between purges, ns (`thread_table_auto_purging_interval_s`, 300 s).
    pub purge_interval_ns: u64,
    /// A thread without events for this long is purged
    /// (`thread_table_auto_purging_thread_timeout_s`, 300 s), unless still in /proc.
    pub thread_timeout_ns: u64,
    /// Where to check whether an inactive thread still exists (`/proc`), if anywhere.
    pub proc_root: Option<std::path::PathBuf>,
    /// Ask the local container runtimes about each container seen, in the background (live
    /// mode; see [`runtime`]). `None` (the default, for replays and tests): containers have
    /// only the metadata given with [`State::add_container`].
    pub container_runtimes: Option<RuntimeConfig>,
}

impl Default for StateConfig {
    fn default() -> StateConfig {
        StateConfig {
            max_threads: 262_144,
            max_fds_per_process: 4096,
            auto_purge: false,
            purge_interval_ns: 300_000_000_000,
            thread_timeout_ns: 300_000_000_000,
            proc_root: None,
            container_runtimes: None,
        }
    }
}

/// Counters of what the state did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StateStats {
    /// Threads added.
    pub threads_added: u64,
    /// Threads removed.
    pub threads_removed: u64,
    /// Threads not added because the table was full.
    pub threads_dropped: u64,
    /// Threads removed by purges.
    pub threads_purged: u64,
    /// fds not added because a table was full.
    pub fds_dropped: u64,
}

/// A process group (libsinsp's thread group): the threads of one pid.
#[derive(Clone, Debug, Default)]
pub(crate) struct Group {
    /// Threads of the group not yet dead.
    pub(crate) alive: u32,
    /// Init of a namespace, or a child subreaper.
    pub(crate) reaper: bool,
    /// Tids of the group (may hold stale ids).
    pub(crate) threads: Vec<i64>,
}

/// The event last given to [`State::process`] or [`State::note_recorded`].
#[derive(Clone, Copy, Debug, Default)]
struct Current {
    num: u64,
    ts: u64,
    tid: i64,
    ty: u16,
    seen: bool,
    /// Given to [`State::note_recorded`]: the thread's last-event record was left alone.
    noted: bool,
    /// The fd of a noted event (-1: none).
    fd: i64,
}

/// The state of the observed system.
#[derive(Debug, Default)]
pub struct State {
    cfg: StateConfig,
    threads: IdMap<i64, Thread>,
    groups: IdMap<i64, Group>,
    users: users::UserTable,
    cur: Current,
    /// Deferred removals of the previous event.
    remove_tid: Option<i64>,
    remove_fds: Vec<(i64, i64)>,
    /// Threads removed lately by procexit: (ptid << 32 | tid, ts), to recognize a caller's
    /// clone exit that arrives after its child already exited.
    recently_exited: Vec<(u64, u64)>,
    recently_exited_next: usize,
    last_purge_ts: u64,
    /// Boot time, ns since the epoch (machine info).
    boot_ts: u64,
    /// Timestamp of the first event that is not a meta-event (0: none yet), the origin of
    /// `evt.reltime` (libsinsp's `m_firstevent_ts`).
    first_ts: u64,
    /// IPv4 addresses of the machine's interfaces, for incomplete tuples.
    ipv4_ifaces: Vec<([u8; 4], [u8; 4])>,
    /// IPv6 addresses of the machine's interfaces.
    ipv6_ifaces: Vec<[u8; 16]>,
    stats: StateStats,
    /// The current event created its fd with a name, or changed its fd's name.
    name_changed: bool,
    /// Scratch buffers.
    buf: Vec<u8>,
    buf2: Vec<u8>,
    /// Container metadata, and the runtime lookups that fill it.
    containers: Containers,
}

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

impl<'a> From<&'a Fd> for FdView<'a> {
    fn from(f: &'a Fd) -> FdView<'a> {
        FdView {
            type_char: f.type_char(),
            name: &f.name,
        }
    }
}

const RECENTLY_EXITED: usize = 64;
const RECENTLY_EXITED_WINDOW_NS: u64 = 2_000_000_000;

impl State {
    /// Empty state with the default configuration.
    pub fn new() -> State {
        State::default()
    }

    /// Empty state with `cfg`.
    pub fn with_config(cfg: StateConfig) -> State {
        State {
            containers: Containers::new(cfg.container_runtimes.clone()),
            cfg,
            ..State::default()
        }
    }

    /// The configuration.
    pub fn config(&self) -> &StateConfig {
        &self.cfg
    }

    /// Counters.
    pub fn stats(&self) -> StateStats {
        self.stats
    }

    /// Seed the state from a capture's metadata blocks.
    pub fn load_metadata(&mut self, meta: &Metadata) {
        meta::load(self, meta);
    }

    /// Seed the state from a live system: threads and their fds (sockets resolved through
    /// `<root>/proc/net`) from `<root>/proc`, users and groups from `<root>/etc`. Threads
    /// that vanish during the scan are skipped; an unreadable `/proc` gives an error.
    pub fn scan_proc(&mut self, root: &std::path::Path) -> std::io::Result<()> {
        proc_scan::scan(self, root)
    }

    /// Update the state with an event of the current layout.
    pub fn process(&mut self, ev: &Event<'_>) {
        parse::process(self, ev);
        self.after_parse(ev);
    }

    /// [`State::process`] for a consumer with a filter, as libsinsp runs one set on the
    /// inspector (sysdig's, falco-inspect's): the event's thread is looked up (and its
    /// per-event record reset) as always; then, for event types that do not modify the
    /// state (no `MODIFIES_STATE` flag: `switch`, `read`, `brk`...), `keep` is asked
    /// first and an event it rejects is not parsed, so it changes nothing else (its memory
    /// and page-fault counters, say). Events that modify the state are parsed first, then
    /// asked. Returns `keep`'s answer. (Falco's rules, by contrast, see every event
    /// parsed: use [`State::process`].)
    pub fn process_filtered(&mut self, ev: &Event<'_>, keep: impl FnOnce(&State) -> bool) -> bool {
        let has_thread = parse::begin(self, ev);
        let modifies = ev
            .info()
            .is_some_and(|i| i.flags & falco_schema::eflags::MODIFIES_STATE != 0);
        // Asked before parsing (events that do not modify the state) or after.
        let mut keep = Some(keep);
        if !modifies && !keep.take().is_some_and(|k| k(self)) {
            return false;
        }
        parse::parse(self, ev, has_thread);
        self.after_parse(ev);
        keep.is_none_or(|k| k(self))
    }

    fn after_parse(&mut self, ev: &Event<'_>) {
        if matches!(
            ev.ty(),
            code::PPME_CONTAINER_JSON_E
                | code::PPME_CONTAINER_JSON_2_E
                | code::PPME_CONTAINER_E
                | code::PPME_ASYNCEVENT_E
        ) {
            self.containers.on_event(ev);
        }
        if self.containers.lookups_enabled() {
            self.containers.poll();
            if let Some(c) = self
                .threads
                .get(&(ev.tid() as i64))
                .and_then(|t| t.container)
            {
                self.containers.want(&c);
            }
        }
    }

    /// The metadata of container `id` (the short id of `container.id`), once known.
    pub fn container(&self, id: &[u8]) -> Option<&ContainerInfo> {
        self.containers.get(id)
    }

    /// The container metadata cache and its lookups (counters, [`Containers::wait`]).
    pub fn containers_mut(&mut self) -> &mut Containers {
        &mut self.containers
    }

    /// Add or replace a container's metadata (from a capture's container events, or any
    /// other source).
    pub fn add_container(&mut self, c: ContainerInfo) {
        self.containers.insert(c);
    }

    /// Take note of an event as recorded that the converter to the current layout did not
    /// deliver (an old enter event kept for its exit): its thread is created on first sight
    /// and its fd becomes the event's fd, so that fields of the recorded event have the
    /// values libsinsp gives them. Nothing else changes.
    pub fn note_recorded(&mut self, ev: &Event<'_>) {
        parse::note(self, ev);
    }

    /// Number of threads in the table.
    pub fn thread_count(&self) -> usize {
        self.threads.len()
    }

    /// Thread `tid`.
    pub fn thread(&self, tid: i64) -> Option<&Thread> {
        self.threads.get(&tid)
    }

    /// Every thread, in no particular order.
    pub fn threads(&self) -> impl Iterator<Item = &Thread> {
        self.threads.values()
    }

    /// The command name (`comm`) of thread `tid`.
    pub fn comm(&self, tid: i64) -> Option<&[u8]> {
        self.threads.get(&tid).map(|t| &t.comm[..])
    }

    /// File descriptor `fd` of thread `tid` (of its process).
    pub fn fd(&self, tid: i64, fd: i64) -> Option<FdView<'_>> {
        self.fd_info(tid, fd).map(FdView::from)
    }

    /// Everything known about file descriptor `fd` of thread `tid` (of its process).
    pub fn fd_info(&self, tid: i64, fd: i64) -> Option<&Fd> {
        let owner = self.fd_owner(tid)?;
        self.threads.get(&owner)?.fds.get(&fd)
    }

    /// The fd table thread `tid` uses.
    pub fn fd_table(&self, tid: i64) -> Option<&FdTable> {
        let owner = self.fd_owner(tid)?;
        self.threads.get(&owner).map(|t| &t.fds)
    }

    /// The file descriptor the last processed event used, as it was when the event
    /// happened (for a `close`, the fd just closed; for an `open`, the fd just created).
    pub fn event_fd(&self) -> Option<FdView<'_>> {
        self.event_fd_info().map(FdView::from)
    }

    /// Like [`State::event_fd`], with everything known about the fd.
    pub fn event_fd_info(&self) -> Option<&Fd> {
        let n = self.event_fd_num()?;
        if n < 0 {
            return None;
        }
        self.fd_info(self.cur.tid, n)
    }

    /// The fd number of the last processed event (`fd.num`), -1 when it has none.
    pub fn event_fd_num(&self) -> Option<i64> {
        if !self.cur.seen || !is_fd_event(self.cur.ty) {
            return None;
        }
        let t = self.threads.get(&self.cur.tid)?;
        Some(if self.cur.noted {
            self.cur.fd
        } else {
            t.lastevent_fd
        })
    }

    /// The fd number `fd.num` shows for `ev`: the fd of the event when it is the one last
    /// given to the state, else the last fd its thread used.
    pub fn fd_num_of(&self, ev: &Event<'_>) -> Option<i64> {
        if self.is_current(ev) {
            return self.event_fd_num();
        }
        if !is_fd_event(ev.ty()) {
            return None;
        }
        self.threads.get(&(ev.tid() as i64)).map(|t| t.lastevent_fd)
    }

    /// True when the last processed event created its fd with a name or changed the name
    /// of its fd (`fd.name_changed`).
    pub fn event_fd_name_changed(&self) -> bool {
        self.name_changed
    }

    /// True when `ev` is the event last given to [`State::process`] or
    /// [`State::note_recorded`].
    pub fn is_current(&self, ev: &Event<'_>) -> bool {
        self.cur.seen
            && self.cur.num == ev.num
            && self.cur.ts == ev.ts()
            && self.cur.tid == ev.tid() as i64
    }

    /// Timestamp of the first event given to [`State::process`] or [`State::note_recorded`]
    /// that is not a meta-event (procinfo, container, ...: libsinsp's `is_metaevent`); 0
    /// before it. The origin of `evt.reltime`.
    pub fn first_event_ts(&self) -> u64 {
        self.first_ts
    }

    /// The name of user `uid`.
    pub fn user_name(&self, uid: u32) -> Option<&[u8]> {
        self.users.users.get(&uid).map(|u| &u.name[..])
    }

    /// The name of group `gid`.
    pub fn group_name(&self, gid: u32) -> Option<&[u8]> {
        self.users.groups.get(&gid).map(|g| &g.name[..])
    }

    /// User `uid`.
    pub fn user(&self, uid: u32) -> Option<&UserInfo> {
        self.users.users.get(&uid)
    }

    /// Group `gid`.
    pub fn group(&self, gid: u32) -> Option<&GroupInfo> {
        self.users.groups.get(&gid)
    }

    /// Add or replace a user.
    pub fn add_user(&mut self, u: UserInfo) {
        self.users.add_user(u);
    }

    /// Add or replace a group.
    pub fn add_group(&mut self, g: GroupInfo) {
        self.users.add_group(g);
    }

    /// Load users and groups from `<root>/etc/passwd` and `<root>/etc/group`.
    pub fn load_users_from(&mut self, root: &std::path::Path) {
        self.users.load_files(root);
    }

    // ---- thread table ----

    /// The main thread of `tid`'s process (itself for a main thread).
    pub fn main_thread(&self, tid: i64) -> Option<&Thread> {
        let t = self.threads.get(&tid)?;
        if t.is_main_thread() {
            return Some(t);
        }
        if !t.linked {
            return None;
        }
        self.threads.get(&t.pid).filter(|m| m.is_main_thread())
    }

    /// The thread whose table holds `tid`'s fds.
    pub(crate) fn fd_owner(&self, tid: i64) -> Option<i64> {
        let t = self.threads.get(&tid)?;
        if t.flags & cl::CLONE_FILES == 0 {
            return Some(tid);
        }
        self.main_thread(tid).map(|m| m.tid)
    }

    /// The working directory of `tid` (its process's), `./` when the process is unknown.
    pub fn cwd(&self, tid: i64) -> &[u8] {
        match self.main_thread(tid) {
            Some(m) => &m.cwd,
            None => b"./",
        }
    }

    /// The environment of `tid`'s process.
    pub fn env(&self, tid: i64) -> impl Iterator<Item = &[u8]> {
        let list: &[u8] = match self.main_thread(tid) {
            Some(m) => &m.env,
            None => self.threads.get(&tid).map_or(&[][..], |t| &t.env[..]),
        };
        entries(list)
    }

    /// The parent thread of `t`.
    pub fn parent(&self, t: &Thread) -> Option<&Thread> {
        self.threads.get(&t.ptid)
    }

    /// The `n`th ancestor process of `tid` (0: its own process), through main threads.
    pub fn ancestor_process(&self, tid: i64, n: u32) -> Option<&Thread> {
        if n as usize > self.threads.len() {
            return None;
        }
        let mut mt = self.main_thread(tid)?;
        for _ in 0..n {
            let p = self.threads.get(&mt.ptid)?;
            mt = self.main_thread(p.tid)?;
        }
        Some(mt)
    }

    /// Visit the ancestors of `t` (parent first), stopping when `f` returns false or a
    /// loop in the parent links is detected.
    pub fn for_each_ancestor<'s>(&'s self, t: &'s Thread, f: &mut dyn FnMut(&'s Thread) -> bool) {
        let mut slow = self.threads.get(&t.ptid);
        let mut fast = slow.and_then(|s| self.threads.get(&s.ptid));
        while let Some(s) = slow {
            if s.tid == -1 || !f(s) {
                break;
            }
            slow = self.threads.get(&s.ptid);
            for _ in 0..2 {
                fast = fast.and_then(|x| self.threads.get(&x.ptid));
                if let Some(sl) = slow {
                    if fast.is_some_and(|fa| std::ptr::eq(fa, sl)) || sl.tid == sl.ptid {
                        return;
                    }
                }
            }
        }
    }

    /// The eldest ancestor (or self) whose id picked by `id` equals `t`'s, preferring the
    /// thread whose tid is that id when ids are not namespaced (session leader, process
    /// group leader).
    pub fn leader<'s>(
        &'s self,
        t: &'s Thread,
        id: fn(&Thread) -> i64,
        virtual_id: bool,
    ) -> Option<&'s Thread> {
        let want = id(t);
        if want == -1 {
            return None;
        }
        if !virtual_id || !t.in_pid_namespace() {
            if let Some(l) = self.threads.get(&want) {
                return Some(l);
            }
        }
        let mut found = None;
        self.for_each_ancestor(t, &mut |p| {
            if id(p) != want {
                return false;
            }
            found = Some(p);
            true
        });
        found
    }

    pub(crate) fn is_table_full(&self) -> bool {
        self.threads.len() >= self.cfg.max_threads
    }

    /// True when `addr` is an address of this machine (container processes: never known).
    pub fn is_local_ipv4(&self, addr: [u8; 4], t: &Thread) -> bool {
        t.container.is_none() && self.ipv4_ifaces.iter().any(|&(a, _)| a == addr)
    }

    /// True when `addr` is in the /64 of an IPv6 address of this machine.
    pub fn is_local_ipv6(&self, addr: &[u8; 16], t: &Thread) -> bool {
        t.container.is_none() && self.ipv6_ifaces.iter().any(|a| a[..8] == addr[..8])
    }

    /// Add an address of this machine's interfaces (IPv4 with its netmask).
    pub fn add_ipv4_interface(&mut self, addr: [u8; 4], netmask: [u8; 4]) {
        self.ipv4_ifaces.push((addr, netmask));
    }

    /// Add an IPv6 address of this machine's interfaces.
    pub fn add_ipv6_interface(&mut self, addr: [u8; 16]) {
        self.ipv6_ifaces.push(addr);
    }

    /// Insert a thread; false when the table is full.
    pub(crate) fn add_thread(&mut self, t: Thread, link: bool) -> bool {
        if self.is_table_full() {
            self.stats.threads_dropped += 1;
            return false;
        }
        let tid = t.tid;
        self.threads.insert(tid, t);
        self.stats.threads_added += 1;
        if link {
            self.link(tid);
        }
        true
    }

    /// Link a thread into its process group and its parent's children (libsinsp's
    /// `create_thread_dependencies`). A parent not in the table becomes 0.
    pub(crate) fn link(&mut self, tid: i64) {
        let Some(t) = self.threads.get(&tid) else {
            return;
        };
        if t.is_invalid() || t.linked {
            return;
        }
        let (pid, ptid, reaper) = (t.pid, t.ptid, t.pid == 1 || t.vpid == 1);
        let g = self.groups.entry(pid).or_default();
        if g.threads.is_empty() {
            g.reaper = reaper;
        }
        g.alive += 1;
        g.threads.push(tid);
        if let Some(t) = self.threads.get_mut(&tid) {
            t.linked = true;
        }
        if pid == 1 {
            return;
        }
        match self.threads.get_mut(&ptid) {
            Some(p) if !p.is_invalid() => p.children.push(tid),
            _ => {
                if let Some(t) = self.threads.get_mut(&tid) {
                    t.ptid = 0;
                }
            }
        }
    }

    /// Remove a thread (libsinsp's `remove_thread`): mark it dead, give its children to a
    /// reaper, and drop it — a main thread only once its process has no other thread.
    pub(crate) fn remove_thread(&mut self, tid: i64) {
        let Some(t) = self.threads.get(&tid) else {
            return;
        };
        if t.is_invalid() || !t.linked {
            let ptid = t.ptid;
            self.threads.remove(&tid);
            self.unlink_child(ptid, tid);
            self.stats.threads_removed += 1;
            return;
        }
        let (pid, ptid, dead, is_main) = (t.pid, t.ptid, t.is_dead(), t.is_main_thread());
        if !dead {
            if let Some(g) = self.groups.get_mut(&pid) {
                g.alive = g.alive.saturating_sub(1);
            }
            if let Some(t) = self.threads.get_mut(&tid) {
                t.flags |= cl::CLOSED;
            }
        }
        let has_children = self
            .threads
            .get(&tid)
            .is_some_and(|t| !t.children.is_empty());
        if has_children {
            let mut reaper = None;
            let rt = self.threads[&tid].reaper_tid;
            if rt > 0 {
                reaper = self
                    .threads
                    .get(&rt)
                    .filter(|r| !r.is_invalid())
                    .map(|r| r.tid);
            }
            if reaper.is_none() {
                reaper = self.find_new_reaper(tid);
            }
            if let Some(r) = reaper {
                if let Some(t) = self.threads.get_mut(&tid) {
                    t.reaper_tid = r;
                }
                let rpid = self.threads[&r].pid;
                if rpid != pid {
                    if let Some(g) = self.groups.get_mut(&rpid) {
                        g.reaper = true;
                    }
                }
            }
            self.reparent_children(tid, reaper);
        }
        let alive = self.groups.get(&pid).map_or(0, |g| g.alive);
        if alive == 0 {
            if let Some(m) = self.threads.remove(&pid) {
                self.unlink_child(m.ptid, pid);
                self.stats.threads_removed += 1;
            }
            self.groups.remove(&pid);
        }
        if !is_main && self.threads.remove(&tid).is_some() {
            self.forget(pid, ptid, tid);
            self.stats.threads_removed += 1;
        }
    }

    /// Forget `tid` in its process group's list and its parent's children.
    fn forget(&mut self, pid: i64, ptid: i64, tid: i64) {
        if let Some(g) = self.groups.get_mut(&pid) {
            if let Some(i) = g.threads.iter().position(|&t| t == tid) {
                g.threads.swap_remove(i);
            }
        }
        self.unlink_child(ptid, tid);
    }

    fn unlink_child(&mut self, ptid: i64, tid: i64) {
        if let Some(p) = self.threads.get_mut(&ptid) {
            if let Some(i) = p.children.iter().position(|&c| c == tid) {
                p.children.swap_remove(i);
            }
        }
    }

    /// A live thread of the same process, else the nearest ancestor process marked as a
    /// reaper (same pid namespace), as the kernel's `find_new_reaper`.
    fn find_new_reaper(&self, tid: i64) -> Option<i64> {
        let t = self.threads.get(&tid)?;
        if let Some(g) = self.groups.get(&t.pid) {
            for &o in &g.threads {
                if o != tid {
                    if let Some(ot) = self.threads.get(&o) {
                        if !ot.is_dead() && ot.pid == t.pid {
                            return Some(o);
                        }
                    }
                }
            }
        }
        let ns = t.in_pid_namespace();
        let mut seen = vec![tid];
        let mut p = self.threads.get(&t.ptid);
        while let Some(pt) = p {
            if seen.contains(&pt.tid) {
                break;
            }
            seen.push(pt.tid);
            if pt.in_pid_namespace() != ns {
                break;
            }
            if let Some(g) = self.groups.get(&pt.pid).filter(|g| g.reaper && g.alive > 0) {
                for &o in &g.threads {
                    if let Some(ot) = self.threads.get(&o) {
                        if !ot.is_dead() && ot.pid == pt.pid {
                            return Some(o);
                        }
                    }
                }
            }
            p = self.threads.get(&pt.ptid);
        }
        None
    }

    fn reparent_children(&mut self, tid: i64, reaper: Option<i64>) {
        let children = match self.threads.get_mut(&tid) {
            Some(t) => std::mem::take(&mut t.children),
            None => return,
        };
        for c in children {
            let Some(ct) = self.threads.get_mut(&c) else {
                continue;
            };
            if ct.ptid != tid {
                continue;
            }
            match reaper {
                Some(r) if r != tid => {
                    ct.ptid = r;
                    if let Some(rt) = self.threads.get_mut(&r) {
                        rt.children.push(c);
                    }
                }
                _ => ct.ptid = 0,
            }
        }
    }

    /// The thread `tid`, created as a stub when unknown and the table has room.
    pub(crate) fn get_or_stub(&mut self, tid: i64) -> bool {
        if self.threads.contains_key(&tid) {
            return true;
        }
        self.add_thread(Thread::stub(tid), true)
    }

    /// Remove stub threads, and threads inactive for longer than the timeout that no longer
    /// exist in `/proc` (when configured), at most once per interval.
    pub(crate) fn maybe_purge(&mut self, ts: u64) {
        if !self.cfg.auto_purge {
            return;
        }
        if self.last_purge_ts == 0 {
            self.last_purge_ts = ts;
            return;
        }
        if ts
            <= self
                .last_purge_ts
                .saturating_add(self.cfg.purge_interval_ns)
        {
            return;
        }
        self.last_purge_ts = ts;
        self.purge(ts);
    }

    /// Purge now (see [`StateConfig::auto_purge`]); returns how many threads went.
    pub fn purge(&mut self, now_ts: u64) -> usize {
        let timeout = self.cfg.thread_timeout_ns;
        let proc_root = self.cfg.proc_root.clone();
        let victims: Vec<i64> = self
            .threads
            .values()
            .filter(|t| {
                t.is_invalid()
                    || (now_ts > t.lastaccess_ts.saturating_add(timeout)
                        && !proc_root
                            .as_ref()
                            .is_some_and(|r| r.join(format!("{}/task/{}", t.pid, t.tid)).exists()))
            })
            .map(|t| t.tid)
            .collect();
        let n = victims.len();
        for tid in victims {
            self.remove_thread(tid);
        }
        self.stats.threads_purged += n as u64;
        n
    }

    pub(crate) fn record_exited(&mut self, tid: i64, ptid: i64, ts: u64) {
        let key = ((ptid as u64 & 0xffff_ffff) << 32) | (tid as u64 & 0xffff_ffff);
        if self.recently_exited.len() < RECENTLY_EXITED {
            self.recently_exited.push((key, ts));
        } else {
            self.recently_exited[self.recently_exited_next] = (key, ts);
        }
        self.recently_exited_next = (self.recently_exited_next + 1) % RECENTLY_EXITED;
    }

    pub(crate) fn recently_exited(&self, tid: i64, ptid: i64, ts: u64) -> bool {
        let key = ((ptid as u64 & 0xffff_ffff) << 32) | (tid as u64 & 0xffff_ffff);
        self.recently_exited
            .iter()
            .any(|&(k, t)| k == key && ts >= t && ts - t < RECENTLY_EXITED_WINDOW_NS)
    }
}

/// Append a socket tuple parameter as sysdig prints it; false when the tuple is not valid.
pub(crate) fn render_tuple(p: &[u8], out: &mut Vec<u8>) -> bool {
    match fd::wire::tuple(p) {
        Some(t) => {
            fd::write_tuple(&t, out);
            true
        }
        None => false,
    }
}

/// The directory a relative path of an `*at` syscall of `tid` is relative to.
pub(crate) fn dirfd_base_of(s: &State, tid: i64, name: &[u8], dirfd: i64, out: &mut Vec<u8>) {
    parse::dirfd_base(s, tid, name, dirfd, out);
}

/// True for event types that create, use or destroy an fd (the events `fd.*` fields apply
/// to).
pub fn is_fd_event(ty: u16) -> bool {
    falco_schema::event_info(ty).is_some_and(|i| {
        i.flags & (eflags::CREATES_FD | eflags::USES_FD | eflags::DESTROYS_FD) != 0
    })
}

/// Where the fd is in an enter event that uses one.
pub(crate) fn enter_fd_location(ty: u16) -> usize {
    match ty {
        code::PPME_SYSCALL_MMAP_E | code::PPME_SYSCALL_MMAP2_E => 4,
        code::PPME_SYSCALL_SPLICE_E => 1,
        _ => 0,
    }
}

/// Where the fd is in an exit event that uses one.
pub(crate) fn exit_fd_location(ty: u16) -> Option<usize> {
    use code::*;
    Some(match ty {
        PPME_SYSCALL_SETNS_X
        | PPME_SOCKET_LISTEN_X
        | PPME_SOCKET_SHUTDOWN_X
        | PPME_SYSCALL_FCHDIR_X
        | PPME_SYSCALL_LSEEK_X
        | PPME_SYSCALL_LLSEEK_X
        | PPME_SYSCALL_IOCTL_3_X
        | PPME_SYSCALL_FSTAT_X
        | PPME_SYSCALL_CLOSE_X
        | PPME_SYSCALL_GETDENTS_X
        | PPME_SYSCALL_GETDENTS64_X
        | PPME_SYSCALL_FLOCK_X
        | PPME_SYSCALL_COPY_FILE_RANGE_X
        | PPME_SYSCALL_FCNTL_X
        | PPME_SYSCALL_DUP_1_X
        | PPME_SYSCALL_DUP2_X
        | PPME_SYSCALL_DUP3_X
        | PPME_SYSCALL_NEWFSTATAT_X
        | PPME_SYSCALL_FCHOWNAT_X
        | PPME_SYSCALL_FCHMODAT_X
        | PPME_SYSCALL_MKDIRAT_X
        | PPME_SYSCALL_UNLINKAT_2_X
        | PPME_SYSCALL_MKNODAT_X
        | PPME_SOCKET_SENDMMSG_X
        | PPME_SOCKET_RECVMMSG_X
        | PPME_SYSCALL_IO_URING_REGISTER_X
        | PPME_SYSCALL_IO_URING_ENTER_X
        | PPME_SOCKET_SETSOCKOPT_X
        | PPME_SOCKET_GETSOCKOPT_X
        | PPME_SYSCALL_FSCONFIG_X
        | PPME_SYSCALL_FINIT_MODULE_X
        | PPME_SYSCALL_FCHMOD_X
        | PPME_SYSCALL_FCHOWN_X => 1,
        PPME_SYSCALL_READ_X
        | PPME_SYSCALL_PREAD_X
        | PPME_SOCKET_BIND_X
        | PPME_SYSCALL_WRITE_X
        | PPME_SYSCALL_PWRITE_X
        | PPME_SOCKET_RECV_X
        | PPME_SOCKET_SEND_X
        | PPME_SOCKET_SENDTO_X
        | PPME_SOCKET_SENDMSG_X
        | PPME_SYSCALL_SENDFILE_X
        | PPME_SYSCALL_SPLICE_X
        | PPME_SYSCALL_WRITEV_X
        | PPME_SYSCALL_PWRITEV_X
        | PPME_SOCKET_CONNECT_X
        | PPME_SYSCALL_SYMLINKAT_X => 2,
        PPME_SOCKET_RECVFROM_X | PPME_SYSCALL_READV_X | PPME_SYSCALL_PREADV_X => 3,
        PPME_SOCKET_RECVMSG_X => 5,
        PPME_SYSCALL_MMAP_X | PPME_SYSCALL_MMAP2_X => 8,
        _ => return None,
    })
}
