//! Unit tests of the parsers, on synthetic events with hand-derived expectations.

use falco_scap::meta::{FdDetails, FdInfo, FdList, ThreadInfo};
use falco_scap::{EventBuilder, Metadata};
use falco_schema::code::*;

use super::*;

const CLONE_THREAD: u32 = cl::CLONE_THREAD | cl::CLONE_FILES | (1 << 15) | (1 << 11);

/// Events built one at a time and applied to a state.
struct Sim {
    s: State,
    b: EventBuilder,
    ts: u64,
    num: u64,
}

fn i64b(v: i64) -> [u8; 8] {
    v.to_le_bytes()
}
fn u32b(v: u32) -> [u8; 4] {
    v.to_le_bytes()
}
fn u64b(v: u64) -> [u8; 8] {
    v.to_le_bytes()
}
fn cs(s: &str) -> Vec<u8> {
    let mut v = s.as_bytes().to_vec();
    v.push(0);
    v
}

impl Sim {
    fn new(s: State) -> Sim {
        Sim {
            s,
            b: EventBuilder::new(),
            ts: 1_000_000_000,
            num: 0,
        }
    }

    /// Apply an event of type `ty` from `tid` with parameters `params`.
    fn ev(&mut self, tid: i64, ty: u16, params: &[&[u8]]) {
        self.ts += 1000;
        self.num += 1;
        self.b.begin(self.ts, tid as u64, ty);
        for p in params {
            self.b.param(p);
        }
        let mut ev = self.b.event();
        ev.num = self.num;
        self.s.process(&ev);
    }

    /// A clone-family exit event: `res` is the child tid in the caller, 0 in the child.
    #[allow(clippy::too_many_arguments)]
    fn clone_x(
        &mut self,
        tid: i64,
        res: i64,
        pid: i64,
        ptid: i64,
        flags: u32,
        comm: &str,
        exe: &str,
        args: &str,
    ) {
        let cg = b"cpu=/\0".to_vec();
        self.ev(
            tid,
            PPME_SYSCALL_CLONE_20_X,
            &[
                &i64b(res),
                &cs(exe),
                args.as_bytes(),
                &i64b(tid),
                &i64b(pid),
                &i64b(ptid),
                &cs(""),
                &i64b(1024),
                &u64b(0),
                &u64b(0),
                &u32b(0),
                &u32b(0),
                &u32b(0),
                &cs(comm),
                &cg,
                &u32b(flags),
                &u32b(0),
                &u32b(0),
                &i64b(tid),
                &i64b(pid),
                &u64b(0),
            ],
        );
    }

    fn execve_x(
        &mut self,
        tid: i64,
        exe: &str,
        args: &str,
        comm: &str,
        path: &str,
        cgroups: &[u8],
    ) {
        self.ev(
            tid,
            PPME_SYSCALL_EXECVE_19_X,
            &[
                &i64b(0),
                &cs(exe),
                args.as_bytes(),
                &i64b(tid),
                &i64b(tid),
                &i64b(1),
                &cs(""),
                &u64b(1024),
                &u64b(0),
                &u64b(0),
                &u32b(0),
                &u32b(0),
                &u32b(0),
                &cs(comm),
                cgroups,
                b"HOME=/root\0PATH=/bin\0",
                &u32b(34816),
                &i64b(tid),
                &u32b(1000),
                &u32b(1),
                &u64b(0),
                &u64b(0x3fffffffff),
                &u64b(1 << 21),
                &u64b(42),
                &u64b(5),
                &u64b(6),
                &u32b(0),
                &cs(path),
                &i64b(tid),
                &u32b(0),
                &cs(path),
            ],
        );
    }

    fn openat_x(&mut self, tid: i64, fd: i64, dirfd: i64, name: &str, flags: u32) {
        self.ev(
            tid,
            PPME_SYSCALL_OPENAT_2_X,
            &[
                &i64b(fd),
                &i64b(dirfd),
                &cs(name),
                &u32b(flags),
                &u32b(0),
                &u32b(7),
                &u64b(99),
            ],
        );
    }

    fn close_x(&mut self, tid: i64, fd: i64) {
        self.ev(tid, PPME_SYSCALL_CLOSE_X, &[&i64b(0), &i64b(fd)]);
    }

    fn procexit(&mut self, tid: i64, reaper: i64) {
        self.ev(
            tid,
            PPME_PROCEXIT_1_E,
            &[&i64b(0), &i64b(0), &[0], &[0], &i64b(reaper)],
        );
    }

    /// Any event of `tid` (applies deferred removals).
    fn tick(&mut self, tid: i64) {
        self.ev(tid, PPME_SYSCALL_GETUID_X, &[&u32b(0)]);
    }
}

fn ti(tid: u64, pid: u64, ptid: u64, comm: &str, cwd: &str) -> ThreadInfo {
    ThreadInfo {
        tid,
        pid,
        ptid,
        comm: comm.as_bytes().to_vec(),
        exe: comm.as_bytes().to_vec(),
        exepath: format!("/usr/bin/{comm}").into_bytes(),
        args: Vec::new(),
        cwd: cwd.as_bytes().to_vec(),
        sid: pid as i64,
        vpgid: pid as i64,
        vtid: tid as i64,
        vpid: pid as i64,
        ..ThreadInfo::default()
    }
}

fn file(fd: i64, path: &str) -> FdInfo {
    FdInfo {
        fd,
        ino: 0,
        ty: fd_kind::FILE,
        details: FdDetails::Named(path.as_bytes().to_vec()),
    }
}

/// init (1), and bash (100) with stdin/out/err on a tty, cwd /root.
fn seeded() -> Sim {
    let meta = Metadata {
        threads: vec![
            ti(1, 1, 0, "systemd", "/"),
            ti(100, 100, 1, "bash", "/root"),
        ],
        fds: vec![FdList {
            tid: 100,
            fds: vec![
                file(0, "/dev/pts/0"),
                file(1, "/dev/pts/0"),
                file(2, "/dev/pts/0"),
            ],
        }],
        users: Some(vec![falco_scap::meta::User {
            uid: 1000,
            gid: 1000,
            name: b"alice".to_vec(),
            home: b"/home/alice".to_vec(),
            shell: b"/bin/bash".to_vec(),
        }]),
        ..Metadata::default()
    };
    let mut s = State::new();
    s.load_metadata(&meta);
    Sim::new(s)
}

fn name(s: &State, tid: i64, fd: i64) -> Option<String> {
    s.fd(tid, fd)
        .map(|f| String::from_utf8_lossy(f.name).into_owned())
}

#[test]
fn metadata_seeds_threads_fds_users() {
    let sim = seeded();
    let s = &sim.s;
    assert_eq!(s.comm(100), Some(&b"bash"[..]));
    assert_eq!(s.cwd(100), b"/root/");
    assert_eq!(name(s, 100, 1).as_deref(), Some("/dev/pts/0"));
    assert_eq!(s.user_name(1000), Some(&b"alice"[..]));
    assert_eq!(s.ancestor_process(100, 1).map(|t| t.tid()), Some(1));
}

#[test]
fn fork_exec_open_close() {
    let mut sim = seeded();
    sim.clone_x(100, 200, 100, 1, 0, "bash", "bash", "");
    sim.clone_x(200, 0, 200, 100, 0, "bash", "bash", "");
    let s = &sim.s;
    assert_eq!(s.thread_count(), 3);
    let child = s.thread(200).unwrap();
    assert_eq!((child.pid(), child.ptid()), (200, 100));
    // fds and cwd are inherited by a new process.
    assert_eq!(name(s, 200, 2).as_deref(), Some("/dev/pts/0"));
    assert_eq!(s.cwd(200), b"/root/");

    let cg = b"cpu=/docker/3ad7b26ded6d8e7b23da7d48fe889434573036c27ae5a74837233de441c3601e\0";
    sim.execve_x(200, "cat", "/etc/shadow\0", "cat", "/usr/bin/cat", cg);
    let t = sim.s.thread(200).unwrap();
    assert_eq!(t.comm(), b"cat");
    assert_eq!(t.exepath(), b"/usr/bin/cat");
    assert_eq!(t.args().collect::<Vec<_>>(), vec![&b"/etc/shadow"[..]]);
    assert_eq!(t.uid(), 0);
    assert_eq!(t.loginuid(), 1000);
    assert_eq!(t.container_id(), Some(&b"3ad7b26ded6d"[..]));
    assert_eq!(sim.s.env(200).count(), 2);

    sim.openat_x(200, 3, -100, "../etc/./shadow", 1);
    assert_eq!(name(&sim.s, 200, 3).as_deref(), Some("/etc/shadow"));
    assert_eq!(sim.s.event_fd().map(|f| f.type_char), Some(b'f'));
    // The parent does not see the child's fd.
    assert!(sim.s.fd(100, 3).is_none());

    sim.close_x(200, 3);
    // The close still sees the fd it closes...
    assert_eq!(
        sim.s
            .event_fd()
            .map(|f| String::from_utf8_lossy(f.name).into_owned()),
        Some("/etc/shadow".into())
    );
    assert_eq!(sim.s.event_fd_num(), Some(3));
    // ...the next event no longer does.
    sim.tick(200);
    assert!(sim.s.fd(200, 3).is_none());
}

#[test]
fn threads_share_the_process_fd_table() {
    let mut sim = seeded();
    sim.clone_x(100, 101, 100, 1, CLONE_THREAD, "bash", "bash", "");
    let t = sim.s.thread(101).unwrap();
    assert_eq!((t.pid(), t.ptid()), (100, 1));
    assert!(!t.is_main_thread());
    sim.openat_x(101, 7, -100, "/tmp/x", 1);
    assert_eq!(name(&sim.s, 100, 7).as_deref(), Some("/tmp/x"));
    assert_eq!(name(&sim.s, 101, 7).as_deref(), Some("/tmp/x"));
    // A thread's exit leaves the process and its fds.
    sim.procexit(101, 0);
    sim.tick(100);
    assert!(sim.s.thread(101).is_none());
    assert_eq!(name(&sim.s, 100, 7).as_deref(), Some("/tmp/x"));
}

#[test]
fn child_clone_event_before_the_parents() {
    let mut sim = seeded();
    sim.clone_x(300, 0, 300, 100, 0, "bash", "bash", "-c\0ls\0");
    sim.clone_x(100, 300, 100, 1, 0, "bash", "bash", "-c\0ls\0");
    assert_eq!(sim.s.thread_count(), 3);
    let t = sim.s.thread(300).unwrap();
    assert_ne!(t.flags & cl::CLONE_INVERTED, 0);
    assert_eq!(t.ptid(), 100);
    assert_eq!(name(&sim.s, 300, 0).as_deref(), Some("/dev/pts/0"));
}

#[test]
fn first_sight_of_an_unknown_thread_makes_a_stub_filled_by_execve() {
    let mut sim = seeded();
    sim.tick(555);
    let t = sim.s.thread(555).unwrap();
    assert_eq!(t.comm(), b"<NA>");
    assert!(t.is_invalid());
    sim.execve_x(555, "ls", "", "ls", "/bin/ls", b"");
    let t = sim.s.thread(555).unwrap();
    assert_eq!((t.comm(), t.pid()), (&b"ls"[..], 555));
    assert!(!t.is_invalid());
}

#[test]
fn orphans_go_to_the_reaper() {
    let mut sim = seeded();
    sim.clone_x(100, 200, 100, 1, 0, "bash", "bash", "");
    sim.clone_x(200, 300, 200, 100, 0, "bash", "bash", "");
    sim.procexit(200, 0);
    // The exiting process is still there for its own event.
    assert!(sim.s.thread(200).is_some());
    sim.tick(300);
    assert!(sim.s.thread(200).is_none());
    // No subreaper: init (a reaper, pid 1) adopts the orphan.
    assert_eq!(sim.s.thread(300).unwrap().ptid(), 1);

    // With a subreaper in between, it adopts.
    sim.ev(
        100,
        PPME_SYSCALL_PRCTL_X,
        &[&i64b(0), &u32b(36), &cs(""), &i64b(1)],
    );
    sim.clone_x(100, 400, 100, 1, 0, "bash", "bash", "");
    sim.clone_x(400, 500, 400, 100, 0, "bash", "bash", "");
    sim.procexit(400, 0);
    sim.tick(500);
    assert_eq!(sim.s.thread(500).unwrap().ptid(), 100);

    // The kernel's reaper when given.
    sim.clone_x(100, 600, 100, 1, 0, "bash", "bash", "");
    sim.clone_x(600, 700, 600, 100, 0, "bash", "bash", "");
    sim.procexit(600, 1);
    sim.tick(700);
    assert_eq!(sim.s.thread(700).unwrap().ptid(), 1);
}

#[test]
fn table_limit_and_purge() {
    let mut s = State::with_config(StateConfig {
        max_threads: 3,
        auto_purge: true,
        purge_interval_ns: 10_000,
        thread_timeout_ns: 1_000_000,
        ..StateConfig::default()
    });
    s.load_metadata(&Metadata {
        threads: vec![ti(1, 1, 0, "systemd", "/"), ti(100, 100, 1, "bash", "/")],
        ..Metadata::default()
    });
    let mut sim = Sim::new(s);
    sim.clone_x(100, 200, 100, 1, 0, "bash", "bash", "");
    sim.clone_x(100, 201, 100, 1, 0, "bash", "bash", "");
    sim.tick(999);
    assert_eq!(sim.s.thread_count(), 3);
    assert!(sim.s.stats().threads_dropped >= 2);
    assert!(sim.s.thread(201).is_none());
    // Stubs are purged at the next purge; threads past the timeout too.
    sim.procexit(200, 0);
    sim.tick(100);
    for _ in 0..20 {
        sim.tick(100);
    }
    assert!(sim.s.thread(999).is_none());
    sim.ts += 2_000_000;
    sim.tick(100);
    assert!(sim.s.thread(1).is_none(), "inactive threads are purged");
    assert!(sim.s.thread(100).is_some());
    assert!(sim.s.stats().threads_purged >= 1);
}

#[test]
fn close_on_exec_dup_fcntl_pipe() {
    let mut sim = seeded();
    sim.openat_x(100, 5, -100, "secret", 1 | (1 << 12));
    assert_eq!(name(&sim.s, 100, 5).as_deref(), Some("/root/secret"));
    sim.ev(100, PPME_SYSCALL_DUP2_X, &[&i64b(9), &i64b(5), &i64b(9)]);
    assert_eq!(name(&sim.s, 100, 9).as_deref(), Some("/root/secret"));
    sim.ev(
        100,
        PPME_SYSCALL_FCNTL_X,
        &[&i64b(12), &i64b(5), &[26], &u64b(10)],
    );
    assert_eq!(name(&sim.s, 100, 12).as_deref(), Some("/root/secret"));
    sim.ev(
        100,
        PPME_SYSCALL_PIPE2_X,
        &[&i64b(0), &i64b(20), &i64b(21), &u64b(77), &u32b(0)],
    );
    assert_eq!(sim.s.fd(100, 21).map(|f| f.type_char), Some(b'p'));
    sim.execve_x(100, "ls", "", "ls", "/bin/ls", b"");
    // fd 5 and its F_DUPFD_CLOEXEC copy went with the exec; the dup2 copy stayed.
    assert!(sim.s.fd(100, 5).is_none());
    assert!(sim.s.fd(100, 12).is_none());
    assert!(sim.s.fd(100, 9).is_some());
    assert!(sim.s.fd(100, 20).is_some());
    sim.ev(
        100,
        PPME_SYSCALL_CLOSE_RANGE_X,
        &[&i64b(0), &u32b(9), &u32b(30), &u32b(0)],
    );
    assert!(sim.s.fd(100, 9).is_none());
    assert!(sim.s.fd(100, 21).is_none());
    assert!(sim.s.fd(100, 2).is_some());
}

fn tuple4(sip: [u8; 4], sport: u16, dip: [u8; 4], dport: u16) -> Vec<u8> {
    let mut v = vec![2u8];
    v.extend_from_slice(&sip);
    v.extend_from_slice(&sport.to_le_bytes());
    v.extend_from_slice(&dip);
    v.extend_from_slice(&dport.to_le_bytes());
    v
}

#[test]
fn sockets_connect_accept_bind() {
    let mut sim = seeded();
    sim.ev(
        100,
        PPME_SOCKET_SOCKET_X,
        &[&i64b(3), &u32b(2), &u32b(1), &u32b(0), &u32b(0)],
    );
    let tuple = tuple4([127, 0, 0, 1], 40096, [127, 0, 0, 1], 4444);
    let mut addr = vec![2u8, 127, 0, 0, 1];
    addr.extend_from_slice(&4444u16.to_le_bytes());
    sim.ev(
        100,
        PPME_SOCKET_CONNECT_X,
        &[&i64b(0), &tuple, &i64b(3), &addr],
    );
    assert_eq!(
        name(&sim.s, 100, 3).as_deref(),
        Some("127.0.0.1:40096->127.0.0.1:4444")
    );
    let f = sim.s.fd_info(100, 3).unwrap();
    assert!(f.is_role_client() && f.is_connected());
    assert_eq!(f.l4proto(), l4::TCP);

    sim.ev(
        100,
        PPME_SOCKET_SOCKET_X,
        &[&i64b(4), &u32b(2), &u32b(1), &u32b(0), &u32b(0)],
    );
    let mut baddr = vec![2u8, 0, 0, 0, 0];
    baddr.extend_from_slice(&8080u16.to_le_bytes());
    sim.ev(100, PPME_SOCKET_BIND_X, &[&i64b(0), &baddr, &i64b(4)]);
    assert_eq!(name(&sim.s, 100, 4).as_deref(), Some("0.0.0.0:8080"));
    assert_eq!(sim.s.fd_info(100, 4).unwrap().ty, fd_kind::IPV4_SERVSOCK);
    let t = tuple4([127, 0, 0, 1], 51000, [127, 0, 0, 1], 8080);
    sim.ev(
        100,
        PPME_SOCKET_ACCEPT4_6_X,
        &[&i64b(5), &t, &[0], &u32b(0), &u32b(0), &i64b(0)],
    );
    let f = sim.s.fd_info(100, 5).unwrap();
    assert!(f.is_role_server());
    assert_eq!(f.name, b"127.0.0.1:51000->127.0.0.1:8080");

    // A UDP socket gets its tuple from sendto.
    sim.ev(
        100,
        PPME_SOCKET_SOCKET_X,
        &[&i64b(6), &u32b(2), &u32b(2), &u32b(0), &u32b(0)],
    );
    let t = tuple4([127, 0, 0, 1], 33333, [127, 0, 0, 1], 5353);
    sim.ev(
        100,
        PPME_SOCKET_SENDTO_X,
        &[&i64b(5), b"hello", &i64b(6), &u32b(5), &t],
    );
    assert_eq!(
        name(&sim.s, 100, 6).as_deref(),
        Some("127.0.0.1:33333->127.0.0.1:5353")
    );
    assert!(sim.s.event_fd_name_changed());
}

#[test]
fn credentials_cwd_names() {
    let mut sim = seeded();
    sim.ev(100, PPME_SYSCALL_SETUID_X, &[&i64b(0), &u32b(1000)]);
    assert_eq!(sim.s.thread(100).unwrap().uid(), 1000);
    sim.ev(
        100,
        PPME_SYSCALL_SETRESGID_X,
        &[&i64b(0), &u32b(5), &u32b(6), &u32b(7)],
    );
    assert_eq!(sim.s.thread(100).unwrap().gid(), 6);
    // A failed setuid changes nothing.
    sim.ev(100, PPME_SYSCALL_SETUID_X, &[&i64b(-1), &u32b(0)]);
    assert_eq!(sim.s.thread(100).unwrap().uid(), 1000);
    sim.ev(100, PPME_SYSCALL_CHDIR_X, &[&i64b(0), &cs("../tmp")]);
    assert_eq!(sim.s.cwd(100), b"/tmp/");
    sim.openat_x(100, 8, -100, "/var/log", 1 << 10);
    sim.ev(100, PPME_SYSCALL_FCHDIR_X, &[&i64b(0), &i64b(8)]);
    assert_eq!(sim.s.cwd(100), b"/var/log/");
    sim.ev(
        100,
        PPME_SYSCALL_PRCTL_X,
        &[&i64b(0), &u32b(15), &cs("worker"), &i64b(0)],
    );
    assert_eq!(sim.s.comm(100), Some(&b"worker"[..]));
}

#[test]
fn garbage_never_panics() {
    // Every event type, with parameters of every awkward size.
    let mut sim = seeded();
    let sizes: [&[u8]; 6] = [
        b"",
        b"\x01",
        b"\xff\xff",
        b"\x00\x00\x00\x80",
        &[0xff; 8],
        &[7; 40],
    ];
    for ty in 0..falco_schema::EVENT_MAX as u16 {
        for k in 0..sizes.len() {
            let n = falco_schema::event_info(ty).map_or(0, |i| i.params.len());
            let params: Vec<&[u8]> = (0..n).map(|i| sizes[(i + k) % sizes.len()]).collect();
            for tid in [100, -1, 0, 7777] {
                sim.ev(tid, ty, &params);
            }
        }
    }
}

#[test]
fn scan_of_this_machine() {
    let mut s = State::new();
    if s.scan_proc(std::path::Path::new("/")).is_err() {
        return;
    }
    let me = std::process::id() as i64;
    let t = s.thread(me).expect("this process is in the scan");
    assert_eq!(t.pid(), me);
    assert!(!t.exepath().is_empty());
    assert!(s.cwd(me).ends_with(b"/"));
    // Our stdio fds are there.
    assert!(s.fd_table(me).is_some_and(|t| !t.is_empty()));
    // Its parent process is linked.
    let parent = s.ancestor_process(me, 1);
    assert!(parent.is_some());
    assert!(s.user(0).is_some_and(|u| u.name == b"root"));
}

/// The text of field `field` for an event of `tid` (type `ty`, parameters `params`) after
/// the state processed it, `None` when it has no value.
fn field_text(sim: &mut Sim, tid: i64, ty: u16, params: &[&[u8]], field: &str) -> Option<String> {
    sim.ts += 1000;
    sim.num += 1;
    sim.b.begin(sim.ts, tid as u64, ty);
    for p in params {
        sim.b.param(p);
    }
    let mut ev = sim.b.event();
    ev.num = sim.num;
    sim.s.process(&ev);
    let f = crate::fields::FieldRef::parse(field).expect("field");
    let ctx = crate::fields::Ctx {
        ev: &ev,
        state: &sim.s,
    };
    let (mut scratch, mut out) = (Vec::new(), Vec::new());
    f.render(
        &ctx,
        &mut crate::time::TimeFormatter::new(),
        &mut scratch,
        &mut out,
    )
    .then(|| String::from_utf8(out).unwrap())
}

#[test]
fn fdlist_fields_of_poll_exit() {
    // libsinsp's fdlist class: poll/ppoll exit, parameter 1 (`fds`: u16 count, then i64 fd
    // and i16 events each); names from the fd table, <NA> for an unknown fd; address
    // fields skip fds that are not IP sockets, and have no value when every fd is skipped.
    let mut sim = seeded();
    sim.openat_x(100, 5, -100, "/etc/hosts", 0);
    let mut fds = 3u16.to_le_bytes().to_vec();
    for fd in [0i64, 5, 9] {
        fds.extend_from_slice(&fd.to_le_bytes());
        fds.extend_from_slice(&1i16.to_le_bytes());
    }
    let poll = |sim: &mut Sim, field: &str| {
        field_text(sim, 100, PPME_SYSCALL_POLL_X, &[&i64b(1), &fds], field)
    };
    assert_eq!(poll(&mut sim, "fdlist.nums").as_deref(), Some("0,5,9"));
    assert_eq!(
        poll(&mut sim, "fdlist.names").as_deref(),
        Some("/dev/pts/0,/etc/hosts,<NA>")
    );
    assert_eq!(poll(&mut sim, "fdlist.cips"), None);
    assert_eq!(poll(&mut sim, "fdlist.sports"), None);
    // Enter events have no value (current libsinsp reads the exit event only).
    let enter = field_text(
        &mut sim,
        100,
        PPME_SYSCALL_POLL_E,
        &[&fds, &i64b(0)],
        "fdlist.nums",
    );
    assert_eq!(enter, None);
    // A thread first seen here gets a stub entry (as libsinsp's), with no fds: every name
    // is unknown.
    let unknown = field_text(
        &mut sim,
        4242,
        PPME_SYSCALL_POLL_X,
        &[&i64b(1), &fds],
        "fdlist.names",
    );
    assert_eq!(unknown.as_deref(), Some("<NA>,<NA>,<NA>"));
}

#[test]
fn fd_dev_prints_in_hex_as_libsinsp() {
    // openat_x records dev 7 (the Sim's helper); fd.dev is PF_HEX in libsinsp: 0x801 -> "801".
    let mut sim = seeded();
    let params: [&[u8]; 7] = [
        &i64b(6),
        &i64b(-100),
        &cs("/etc/passwd"),
        &u32b(0),
        &u32b(0),
        &u32b(0x801),
        &u64b(99),
    ];
    let dev = field_text(&mut sim, 100, PPME_SYSCALL_OPENAT_2_X, &params, "fd.dev");
    assert_eq!(dev.as_deref(), Some("801"));
    let major = field_text(
        &mut sim,
        100,
        PPME_SYSCALL_CLOSE_X,
        &[&i64b(0), &i64b(6)],
        "fd.dev.major",
    );
    assert_eq!(major.as_deref(), Some("8"));
}
