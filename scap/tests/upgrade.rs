//! The current-layout view of captures: `Upgrader` on synthetic events, `FileSource` on real
//! captures recorded by sysdig 0.29 (enter/exit pairs, old parameter layouts).
//!
//! The captures live outside the repository, in `../shared/captures` (or `$FALCO_CAPTURES`);
//! without them the capture tests print one line and pass.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Once;

use falco_scap::{
    CaptureReader, CaptureWriter, Error, Event, EventBuilder, EventSource, FileSource, Metadata,
    UpgradeError, Upgrader,
};
use falco_schema::{category, code, event_info};

// ---- synthetic events ----

/// What a consumer saw of one event, owned.
#[derive(Debug, PartialEq)]
struct Seen {
    ty: u16,
    params: Vec<Vec<u8>>,
    /// num, cpu, flags, offset, ts, tid
    header: (u64, u16, u32, u64, u64, u64),
}

const NUM: u64 = 77;
const CPU: u16 = 3;
const FLAGS: u32 = 0x10;
const OFFSET: u64 = 4096;

fn make<'b>(b: &'b mut EventBuilder, tid: u64, ty: u16, params: &[&[u8]]) -> Event<'b> {
    b.begin(1_000_000 + tid, tid, ty);
    for p in params {
        b.param(p);
    }
    let mut e = b.event();
    e.num = NUM;
    e.cpu = CPU;
    e.flags = FLAGS;
    e.offset = OFFSET;
    e
}

/// Upgrade one synthetic event of thread `tid`.
fn run(
    up: &mut Upgrader,
    tid: u64,
    ty: u16,
    params: &[&[u8]],
) -> Result<Option<Seen>, UpgradeError> {
    let mut b = EventBuilder::new();
    let ev = make(&mut b, tid, ty, params);
    Ok(up.upgrade(ev)?.map(|e| Seen {
        ty: e.ty(),
        params: e.params().map(|p| p.to_vec()).collect(),
        header: (e.num, e.cpu, e.flags, e.offset, e.ts(), e.tid()),
    }))
}

fn header(tid: u64) -> (u64, u16, u32, u64, u64, u64) {
    (NUM, CPU, FLAGS, OFFSET, 1_000_000 + tid, tid)
}

fn i64b(v: i64) -> [u8; 8] {
    v.to_le_bytes()
}

#[test]
fn store_then_add_params_from_the_enter_event() {
    let mut up = Upgrader::new();
    // close enter (fd 7): stored, nothing delivered.
    assert_eq!(
        run(&mut up, 42, code::PPME_SYSCALL_CLOSE_E, &[&i64b(7)]).unwrap(),
        None
    );
    // Another thread's close exit does not see it.
    let other = run(&mut up, 43, code::PPME_SYSCALL_CLOSE_X, &[&i64b(0)])
        .unwrap()
        .unwrap();
    assert_eq!(other.params, vec![i64b(0).to_vec(), i64b(0).to_vec()]);
    // close exit (res 0) of thread 42: fd appended from the enter event.
    let seen = run(&mut up, 42, code::PPME_SYSCALL_CLOSE_X, &[&i64b(0)])
        .unwrap()
        .unwrap();
    assert_eq!(seen.ty, code::PPME_SYSCALL_CLOSE_X);
    assert_eq!(seen.params, vec![i64b(0).to_vec(), i64b(7).to_vec()]);
    assert_eq!(seen.header, header(42));
    // The enter event was used once: a second exit gets the default fd (8 zero bytes).
    let again = run(&mut up, 42, code::PPME_SYSCALL_CLOSE_X, &[&i64b(-9)])
        .unwrap()
        .unwrap();
    assert_eq!(again.params, vec![i64b(-9).to_vec(), vec![0; 8]]);
    let st = up.stats();
    assert_eq!((st.stored, st.converted, st.mismatched_enter), (1, 3, 0));
}

#[test]
fn missing_enter_gives_default_or_empty() {
    let mut up = Upgrader::new();
    // read exit (res, data) + Enter(0) fd, Enter(1) size: defaults are zeros of the types'
    // sizes (fd: 8 bytes, size: u32).
    let read = run(&mut up, 1, code::PPME_SYSCALL_READ_X, &[&i64b(5), b"hello"]).unwrap();
    assert_eq!(
        read.unwrap().params,
        vec![i64b(5).to_vec(), b"hello".to_vec(), vec![0; 8], vec![0; 4]]
    );
    // setuid exit (res) + EnterOrEmpty(0): an empty uid.
    let setuid = run(&mut up, 1, code::PPME_SYSCALL_SETUID_X, &[&i64b(0)]).unwrap();
    assert_eq!(setuid.unwrap().params, vec![i64b(0).to_vec(), vec![]]);
    // With the enter event the uid is copied.
    assert_eq!(
        run(
            &mut up,
            1,
            code::PPME_SYSCALL_SETUID_E,
            &[&1000u32.to_le_bytes()]
        )
        .unwrap(),
        None
    );
    let setuid = run(&mut up, 1, code::PPME_SYSCALL_SETUID_X, &[&i64b(0)]).unwrap();
    assert_eq!(
        setuid.unwrap().params,
        vec![i64b(0).to_vec(), 1000u32.to_le_bytes().to_vec()]
    );
}

#[test]
fn change_type_link_to_link_2() {
    let mut up = Upgrader::new();
    let e = run(
        &mut up,
        5,
        code::PPME_SYSCALL_LINK_E,
        &[b"/etc/passwd\0", b"/tmp/pw\0"],
    )
    .unwrap();
    assert_eq!(e, None);
    let x = run(&mut up, 5, code::PPME_SYSCALL_LINK_X, &[&i64b(0)])
        .unwrap()
        .unwrap();
    assert_eq!(x.ty, code::PPME_SYSCALL_LINK_2_X);
    assert_eq!(
        x.params,
        vec![
            i64b(0).to_vec(),
            b"/etc/passwd\0".to_vec(),
            b"/tmp/pw\0".to_vec()
        ]
    );
    assert_eq!(x.header, header(5));
    // Without an enter event: EnterOrEmpty gives empty paths.
    let x = run(&mut up, 5, code::PPME_SYSCALL_LINK_X, &[&i64b(-2)])
        .unwrap()
        .unwrap();
    assert_eq!(x.ty, code::PPME_SYSCALL_LINK_2_X);
    assert_eq!(x.params, vec![i64b(-2).to_vec(), vec![], vec![]]);
}

#[test]
fn store_and_pass_connect() {
    let mut up = Upgrader::new();
    let addr = [2u8, 127, 0, 0, 1, 0x1f, 0x90];
    // connect enter (fd, addr): current layout, delivered and kept.
    let e = run(&mut up, 9, code::PPME_SOCKET_CONNECT_E, &[&i64b(3), &addr])
        .unwrap()
        .unwrap();
    assert_eq!(e.ty, code::PPME_SOCKET_CONNECT_E);
    // connect exit of sysdig 0.29 (res, tuple, fd): addr appended from the enter event.
    let x = run(
        &mut up,
        9,
        code::PPME_SOCKET_CONNECT_X,
        &[&i64b(0), b"tuple", &i64b(3)],
    );
    assert_eq!(
        x.unwrap().unwrap().params,
        vec![
            i64b(0).to_vec(),
            b"tuple".to_vec(),
            i64b(3).to_vec(),
            addr.to_vec()
        ]
    );
}

#[test]
fn short_exit_without_rule_is_padded() {
    let mut up = Upgrader::new();
    // openat exit has 7 parameters; rules exist for 5 and 6 parameters, not 4.
    let p: [&[u8]; 4] = [&i64b(3), &i64b(-100), b"/x\0", &0u32.to_le_bytes()];
    let x = run(&mut up, 1, code::PPME_SYSCALL_OPENAT_2_X, &p)
        .unwrap()
        .unwrap();
    assert_eq!(x.ty, code::PPME_SYSCALL_OPENAT_2_X);
    assert_eq!(x.params.len(), 7);
    assert_eq!(x.params[..4], p.map(|v| v.to_vec()));
    assert!(x.params[4..].iter().all(|v| v.is_empty()));
    // Padding adds one parameter, then decides again: a close exit with no parameter at all
    // is padded to 1 (empty res), then the rule for 1 parameter adds the enter event's fd.
    run(&mut up, 2, code::PPME_SYSCALL_CLOSE_E, &[&i64b(4)]).unwrap();
    let x = run(&mut up, 2, code::PPME_SYSCALL_CLOSE_X, &[])
        .unwrap()
        .unwrap();
    assert_eq!(x.params, vec![vec![], i64b(4).to_vec()]);
}

#[test]
fn copied_values_are_cut_to_their_type() {
    let mut up = Upgrader::new();
    // A 12-byte res copied by Old(0) into an errno (8 bytes).
    let long_res = [1u8, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    let x = run(&mut up, 1, code::PPME_SYSCALL_LINK_X, &[&long_res])
        .unwrap()
        .unwrap();
    assert_eq!(x.params[0], long_res[..8].to_vec());
}

#[test]
fn container_callback_builds_json() {
    let mut up = Upgrader::new();
    let p: [&[u8]; 4] = [
        b"3ad7b26ded6d\0",
        &0u32.to_le_bytes(),
        b"web \"1\"\0",
        b"nginx:1\0",
    ];
    let x = run(&mut up, 1, code::PPME_CONTAINER_E, &p)
        .unwrap()
        .unwrap();
    // container -> container_json -> container_json_2 (large payload).
    assert_eq!(x.ty, code::PPME_CONTAINER_JSON_2_E);
    assert_eq!(
        x.params,
        vec![b"{\"id\":\"3ad7b26ded6d\",\"type\":0,\"name\":\"web \\\"1\\\"\",\"image\":\"nginx:1\"}\0"
            .to_vec()]
    );
    assert_eq!(x.header, header(1));

    // A JSON longer than a 16-bit length is cut to 65,535 bytes by container_json (not a
    // large-payload event) and keeps its terminating NUL.
    let long = vec![b'a'; 65_000];
    let mut name = long.clone();
    name.push(0);
    let p: [&[u8]; 4] = [b"id\0", &7u32.to_le_bytes(), &name, &name];
    let x = run(&mut up, 1, code::PPME_CONTAINER_E, &p)
        .unwrap()
        .unwrap();
    let json = &x.params[0];
    assert_eq!(json.len(), 65_535);
    assert!(json.starts_with(b"{\"id\":\"id\",\"type\":7,\"name\":\"aaa"));
    assert_eq!(json.last(), Some(&0));
}

#[test]
fn drops_unused_and_unmanaged_old_enter_events() {
    let mut up = Upgrader::new();
    // container exit: an unused slot of the table.
    assert_eq!(run(&mut up, 1, code::PPME_CONTAINER_X, &[]).unwrap(), None);
    // pipe enter: an old version with nothing to convert.
    assert_eq!(
        run(&mut up, 1, code::PPME_SYSCALL_PIPE_E, &[]).unwrap(),
        None
    );
    assert_eq!(up.stats().dropped, 2);
}

#[test]
fn current_events_pass_without_copy() {
    let mut up = Upgrader::new();
    let mut b = EventBuilder::new();
    let ev = make(&mut b, 1, code::PPME_SYSCALL_CLOSE_X, &[&i64b(0), &i64b(3)]);
    let raw = ev.raw().as_ptr();
    let out = up.upgrade(ev).unwrap().unwrap();
    assert_eq!(out.raw().as_ptr(), raw);
    assert_eq!(out.num, NUM);
}

#[test]
fn mismatched_enter_falls_back_to_defaults() {
    let mut up = Upgrader::new();
    // A read enter is pending when a close exit arrives (its enter was lost): the read
    // enter is not used for the close, counted, and forgotten.
    run(
        &mut up,
        8,
        code::PPME_SYSCALL_READ_E,
        &[&i64b(5), &64u32.to_le_bytes()],
    )
    .unwrap();
    let x = run(&mut up, 8, code::PPME_SYSCALL_CLOSE_X, &[&i64b(0)])
        .unwrap()
        .unwrap();
    assert_eq!(x.params[1], vec![0; 8]);
    assert_eq!(up.stats().mismatched_enter, 1);
    let r = run(&mut up, 8, code::PPME_SYSCALL_READ_X, &[&i64b(1), b"x"])
        .unwrap()
        .unwrap();
    assert_eq!(r.params[2], vec![0; 8]);
    assert_eq!(up.stats().mismatched_enter, 1);
}

#[test]
fn errors_name_the_event() {
    let mut up = Upgrader::new();
    // close exit with 3 parameters: more than the table's 2.
    let err = run(&mut up, 1, code::PPME_SYSCALL_CLOSE_X, &[b"a", b"b", b"c"]).unwrap_err();
    assert_eq!((err.num, err.offset), (NUM, OFFSET));
    assert!(err.reason.contains("close_X"), "{err}");
    // close enter with no parameter: no rule for that count.
    let err = run(&mut up, 1, code::PPME_SYSCALL_CLOSE_E, &[]).unwrap_err();
    assert!(err.to_string().contains("event 77"), "{err}");
}

/// `FileSource` reports an unconvertible event as a corrupt capture naming file and offset.
#[test]
fn file_source_error_names_file_and_event() {
    let mut w = CaptureWriter::new(Vec::new(), "bad.scap", &Metadata::default()).unwrap();
    let mut b = EventBuilder::new();
    let ev = make(&mut b, 1, code::PPME_SYSCALL_CLOSE_X, &[b"a", b"b", b"c"]);
    w.write_event(&ev).unwrap();
    let bytes = w.finish().unwrap();
    let reader = CaptureReader::from_reader(&bytes[..], "bad.scap").unwrap();
    let mut src = FileSource::new(reader);
    let err = src.next_event().unwrap_err();
    assert!(matches!(err, Error::Corrupt { .. }), "{err}");
    let msg = err.to_string();
    assert!(
        msg.starts_with("bad.scap: ") && msg.contains("event 1 "),
        "{msg}"
    );
    assert!(err.offset().is_some_and(|o| o > 0), "{msg}");
}

/// `FileSource` over a capture written here (no external files needed).
#[test]
fn file_source_on_a_written_capture() {
    let mut w = CaptureWriter::new(Vec::new(), "mem.scap", &Metadata::default()).unwrap();
    let mut b = EventBuilder::new();
    let events: [(u16, &[&[u8]]); 4] = [
        (code::PPME_SYSCALL_CLOSE_E, &[&i64b(7)]),
        (code::PPME_SYSCALL_CLOSE_X, &[&i64b(0)]),
        (code::PPME_SYSCALL_PIPE_E, &[]),
        (code::PPME_SYSCALL_CLOSE_X, &[&i64b(0), &i64b(9)]),
    ];
    for (ty, params) in events {
        let ev = make(&mut b, 11, ty, params);
        w.write_event(&ev).unwrap();
    }
    let bytes = w.finish().unwrap();

    let reader = CaptureReader::from_reader(&bytes[..], "mem.scap").unwrap();
    let mut src = FileSource::new(reader);
    assert!(src.is_upgrading());
    assert_eq!(src.name(), "mem.scap");
    let mut seen = Vec::new();
    while let Some(e) = src.next_event().unwrap() {
        seen.push((
            e.num,
            e.ty(),
            e.param(1).map(|p| p.to_vec()),
            e.cpu,
            e.flags,
        ));
    }
    assert_eq!(
        seen,
        vec![
            (
                2,
                code::PPME_SYSCALL_CLOSE_X,
                Some(i64b(7).to_vec()),
                CPU,
                FLAGS
            ),
            (
                4,
                code::PPME_SYSCALL_CLOSE_X,
                Some(i64b(9).to_vec()),
                CPU,
                FLAGS
            ),
        ]
    );

    let reader = CaptureReader::from_reader(&bytes[..], "mem.scap").unwrap();
    let mut src = FileSource::recorded(reader);
    let mut n = 0;
    while let Some(e) = src.next_event().unwrap() {
        n += 1;
        assert_eq!(e.num, n);
    }
    assert_eq!(n, 4);
}

// ---- real captures ----

/// The captures folder, or `None` (after printing one line) when it is absent.
fn captures() -> Option<PathBuf> {
    static SKIP: Once = Once::new();
    let dir = match std::env::var_os("FALCO_CAPTURES") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/captures"
        )),
    };
    if dir.is_dir() {
        Some(dir)
    } else {
        SKIP.call_once(|| {
            println!(
                "skipping capture tests: {} not found (set FALCO_CAPTURES)",
                dir.display()
            )
        });
        None
    }
}

/// The events of a recorded capture: (num, type, tid, params).
type Recorded = Vec<(u64, u16, u64, Vec<Vec<u8>>)>;

fn read_recorded(name: &str) -> Option<Recorded> {
    let path = captures()?.join(name);
    let mut r = CaptureReader::open(&path).unwrap();
    let mut out = Vec::new();
    while let Some(e) = r.next_event().unwrap() {
        out.push((
            e.num,
            e.ty(),
            e.tid(),
            e.params().map(|p| p.to_vec()).collect(),
        ));
    }
    Some(out)
}

fn read_upgraded(name: &str) -> Option<(Recorded, falco_scap::UpgradeStats)> {
    let path = captures()?.join(name);
    let mut src = FileSource::open(&path).unwrap();
    let mut out = Vec::new();
    while let Some(e) = src.next_event().unwrap() {
        out.push((
            e.num,
            e.ty(),
            e.tid(),
            e.params().map(|p| p.to_vec()).collect(),
        ));
    }
    Some((out, src.upgrader().stats()))
}

/// Syscall enter events that current drivers still write, so the current layout keeps
/// them: open, openat, openat2, creat, connect (whose rules say Pass or StoreAndPass),
/// execveat (Pass), and execve (StoreAndPass in the schema's rules).
const KEPT_ENTER: [u16; 7] = [
    code::PPME_SYSCALL_OPEN_E,
    code::PPME_SYSCALL_OPENAT_2_E,
    code::PPME_SYSCALL_OPENAT2_E,
    code::PPME_SYSCALL_CREAT_E,
    code::PPME_SOCKET_CONNECT_E,
    code::PPME_SYSCALL_EXECVEAT_E,
    code::PPME_SYSCALL_EXECVE_19_E,
];

fn check_layout(name: &str) {
    let (Some(recorded), Some((upgraded, stats))) = (read_recorded(name), read_upgraded(name))
    else {
        return;
    };
    assert!(recorded.len() > 10_000, "{name}: {} events", recorded.len());
    // Old captures: about half the events are enter events merged into their exits.
    assert!(
        upgraded.len() < recorded.len() * 9 / 10,
        "{name}: nothing was merged"
    );
    assert!(stats.converted > 1_000 && stats.stored > 1_000, "{stats:?}");

    // Numbers are strictly increasing and a subset of the recorded ones.
    let recorded_nums: HashSet<u64> = recorded.iter().map(|e| e.0).collect();
    for w in upgraded.windows(2) {
        assert!(w[0].0 < w[1].0, "{name}: num {} then {}", w[0].0, w[1].0);
    }
    assert!(upgraded.iter().all(|e| recorded_nums.contains(&e.0)));

    // Every recorded syscall exit is delivered (exits are never stored), with its thread.
    let delivered: HashMap<u64, (u16, u64)> = upgraded.iter().map(|e| (e.0, (e.1, e.2))).collect();
    for (num, ty, tid, _) in &recorded {
        let info = event_info(*ty).unwrap();
        if ty & 1 == 1 && info.category & category::SYSCALL != 0 && !info.is_unused() {
            let (_, d_tid) = delivered
                .get(num)
                .unwrap_or_else(|| panic!("{name}: exit {num} lost"));
            assert_eq!(d_tid, tid);
        }
    }

    for (num, ty, _, params) in &upgraded {
        let info = event_info(*ty).unwrap();
        let what = format!("{name}: event {num} {}_{}", info.name, ty & 1);
        if ty & 1 == 0 {
            if info.category & category::SYSCALL != 0 {
                assert!(
                    KEPT_ENTER.contains(ty),
                    "{what}: syscall enter event delivered"
                );
                assert_eq!(params.len(), info.params.len(), "{what}");
            }
        } else {
            // Every exit has the table's parameter count and is a current version.
            assert_eq!(params.len(), info.params.len(), "{what}");
            assert!(!info.is_old_version(), "{what}: old version delivered");
        }
    }
}

#[test]
fn vm_triggers_has_the_current_layout() {
    check_layout("vm-triggers.scap.gz");
}

#[test]
fn vm_containers_has_the_current_layout() {
    check_layout("vm-containers.scap.gz");
}

/// A close exit's fd is that of the close enter just before it on the same thread.
#[test]
fn close_exit_gets_the_fd_of_its_enter() {
    for name in ["vm-triggers.scap.gz", "vm-containers.scap.gz"] {
        let (Some(recorded), Some((upgraded, _))) = (read_recorded(name), read_upgraded(name))
        else {
            return;
        };
        // Expected (res, fd) by event number, from the recorded stream: the close exit
        // whose thread's previous event is a close enter.
        let mut last: HashMap<u64, usize> = HashMap::new();
        let mut expected: HashMap<u64, (Vec<u8>, Vec<u8>)> = HashMap::new();
        for (i, (num, ty, tid, params)) in recorded.iter().enumerate() {
            if *ty == code::PPME_SYSCALL_CLOSE_X {
                if let Some(&j) = last.get(tid) {
                    let enter = &recorded[j];
                    if enter.1 == code::PPME_SYSCALL_CLOSE_E {
                        expected.insert(*num, (params[0].clone(), enter.3[0].clone()));
                    }
                }
            }
            if ty & 1 == 0 || *ty == code::PPME_SYSCALL_CLOSE_X {
                last.insert(*tid, i);
            }
        }
        assert!(
            expected.len() >= 250,
            "{name}: only {} close pairs",
            expected.len()
        );
        let mut checked = 0;
        for (num, ty, _, params) in &upgraded {
            if let Some((res, fd)) = expected.get(num) {
                assert_eq!(*ty, code::PPME_SYSCALL_CLOSE_X);
                assert_eq!(
                    (&params[0], &params[1]),
                    (res, fd),
                    "{name}: close exit {num}"
                );
                checked += 1;
            }
        }
        assert_eq!(checked, expected.len());
    }
}

/// Trigger 1 of vm-triggers: `cat /etc/shadow` opens /etc/shadow successfully.
#[test]
fn cat_etc_shadow_opens_it() {
    let Some((upgraded, _)) = read_upgraded("vm-triggers.scap.gz") else {
        return;
    };
    let openat = event_info(code::PPME_SYSCALL_OPENAT_2_X).unwrap();
    let (i_fd, i_name) = (
        openat.param_index("fd").unwrap(),
        openat.param_index("name").unwrap(),
    );
    let execve = event_info(code::PPME_SYSCALL_EXECVE_19_X).unwrap();
    let i_comm = execve.param_index("comm").unwrap();
    let mut comm: HashMap<u64, Vec<u8>> = HashMap::new();
    let mut found = 0;
    for (_, ty, tid, params) in &upgraded {
        if *ty == code::PPME_SYSCALL_EXECVE_19_X {
            comm.insert(*tid, params[i_comm].clone());
        }
        if *ty == code::PPME_SYSCALL_OPENAT_2_X && params[i_name] == b"/etc/shadow\0" {
            let fd = i64::from_le_bytes(params[i_fd][..].try_into().unwrap());
            if comm.get(tid).map(|c| &c[..]) == Some(b"cat\0") {
                assert!(fd >= 0, "cat could not open /etc/shadow: {fd}");
                found += 1;
            }
        }
    }
    // On the host, then again from the docker-like cgroup.
    assert!(found >= 2, "{found} openat of /etc/shadow by cat");
}

/// `FileSource::recorded` yields exactly what `CaptureReader` does.
#[test]
fn recorded_view_is_the_reader() {
    let Some(dir) = captures() else {
        return;
    };
    let path = dir.join("vm-triggers.scap.gz");
    let mut a = CaptureReader::open(&path).unwrap();
    let mut b = FileSource::recorded(CaptureReader::open(&path).unwrap());
    assert!(!b.is_upgrading());
    loop {
        let ea = a.next_event().unwrap().map(|e| (e.num, e.raw().to_vec()));
        let eb = b.next_event().unwrap().map(|e| (e.num, e.raw().to_vec()));
        assert_eq!(ea, eb);
        if ea.is_none() {
            break;
        }
    }
}
