//! Read → write → read gives back the same capture.
//!
//! * Every shared capture, copied with `CaptureWriter` (to memory, and gzip-compressed to a
//!   temporary file), reads back with equal metadata and the same events: number, cpu,
//!   flags, timestamp, thread id, type, parameter count and every parameter's bytes. A copy
//!   of the copy is byte for byte the copy.
//! * A capture built in memory with every kind of metadata (machine info, threads with each
//!   optional-field layout, fds of every type, unknown fd types, IPv4/IPv6 interfaces with
//!   and without link speed, users, groups) and events with dump flags and large payloads
//!   reads back exactly, and the writer picks the block type each event needs.
//!
//! The captures are found at `$FALCO_CAPTURES`, else `<workspace>/../shared/captures`; the
//! tests that need them print one SKIP line and pass when they are absent.

use std::io::{Read, Write as _};
use std::path::{Path, PathBuf};

use falco_scap::meta::{
    fd_type, FdDetails, FdInfo, FdList, Group, Interface, MachineInfo, Metadata, SectionHeader,
    TailLayout, ThreadInfo, User,
};
use falco_scap::{CaptureReader, CaptureWriter, Event, EventBuilder};
use falco_schema::code;

/// An event with every field a copy must keep.
#[derive(Debug, PartialEq, Eq)]
struct Owned {
    num: u64,
    cpu: u16,
    flags: u32,
    ts: u64,
    tid: u64,
    ty: u16,
    nparams: u32,
    params: Vec<Vec<u8>>,
}

fn owned(ev: &Event<'_>) -> Owned {
    let params: Vec<Vec<u8>> = ev.params().map(<[u8]>::to_vec).collect();
    assert_eq!(params.len(), ev.nparams() as usize, "event {}", ev.num);
    Owned {
        num: ev.num,
        cpu: ev.cpu,
        flags: ev.flags,
        ts: ev.ts(),
        tid: ev.tid(),
        ty: ev.ty(),
        nparams: ev.nparams(),
        params,
    }
}

/// Compare two events field by field without copying them.
fn assert_same_event(a: &Event<'_>, b: &Event<'_>, what: &str) {
    assert_eq!(
        (a.num, a.cpu, a.flags, a.ts(), a.tid(), a.ty(), a.nparams()),
        (b.num, b.cpu, b.flags, b.ts(), b.tid(), b.ty(), b.nparams()),
        "{what}: event {} (num, cpu, flags, ts, tid, type, nparams)",
        a.num
    );
    for (i, (pa, pb)) in a.params().zip(b.params()).enumerate() {
        assert!(pa == pb, "{what}: event {} parameter {i} differs", a.num);
    }
    assert_eq!(
        a.params().count(),
        a.nparams() as usize,
        "{what}: event {}",
        a.num
    );
    assert_eq!(
        b.params().count(),
        b.nparams() as usize,
        "{what}: event {}",
        b.num
    );
}

/// Read `a` and `b` in step: same metadata, same events, both end cleanly. Returns the
/// number of events.
fn assert_same_capture<R1: Read, R2: Read>(
    a: &mut CaptureReader<R1>,
    b: &mut CaptureReader<R2>,
    what: &str,
) -> u64 {
    assert_eq!(a.metadata(), b.metadata(), "{what}: metadata");
    loop {
        let ea = a.next_event().unwrap_or_else(|e| panic!("{what}: {e}"));
        let eb = b
            .next_event()
            .unwrap_or_else(|e| panic!("{what}: copy: {e}"));
        match (ea, eb) {
            (Some(ea), Some(eb)) => assert_same_event(&ea, &eb, what),
            (None, None) => return a.last_num(),
            (Some(ea), None) => panic!("{what}: the copy ends before event {}", ea.num),
            (None, Some(eb)) => panic!("{what}: the copy has an extra event {}", eb.num),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Finding the captures.

fn note(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// The shared captures (`.scap` and `.scap.gz` files), or one printed SKIP line and `None`.
fn captures(test: &str) -> Option<Vec<PathBuf>> {
    let dir = match std::env::var_os("FALCO_CAPTURES") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/captures"),
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().contains(".scap"))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    if files.is_empty() {
        note(&format!(
            "SKIP {test}: no shared captures in {} (set FALCO_CAPTURES)",
            dir.display()
        ));
        return None;
    }
    Some(files)
}

/// A file in the temporary directory, removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str) -> TempFile {
        TempFile(std::env::temp_dir().join(format!(
            "falco-scap-roundtrip-{}-{name}",
            std::process::id()
        )))
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

// ---------------------------------------------------------------------------------------

#[test]
fn every_shared_capture_round_trips() {
    let Some(files) = captures("every_shared_capture_round_trips") else {
        return;
    };
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let gz = TempFile::new(&format!("{name}.copy.scap.gz"));

        // One pass over the original writes both copies.
        let mut orig = CaptureReader::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let mut plain = CaptureWriter::new(Vec::new(), "copy", orig.metadata()).unwrap();
        let mut packed = CaptureWriter::create(&gz.0, orig.metadata(), true).unwrap();
        while let Some(ev) = orig.next_event().unwrap_or_else(|e| panic!("{e}")) {
            plain.write_event(&ev).unwrap();
            packed.write_event(&ev).unwrap();
        }
        let n = orig.last_num();
        assert_eq!(plain.events(), n);
        let copy = plain.finish().unwrap();
        packed.finish().unwrap();

        // The uncompressed copy; and a copy of it, which must be the same bytes.
        let mut orig = CaptureReader::open(&path).unwrap();
        let mut back = CaptureReader::from_reader(&copy[..], "copy")
            .unwrap_or_else(|e| panic!("{name}: the copy does not open: {e}"));
        assert!(!back.is_compressed());
        assert_eq!(assert_same_capture(&mut orig, &mut back, &name), n);
        let mut back = CaptureReader::from_reader(&copy[..], "copy").unwrap();
        let mut again = CaptureWriter::new(Vec::new(), "copy2", back.metadata()).unwrap();
        while let Some(ev) = back.next_event().unwrap() {
            again.write_event(&ev).unwrap();
        }
        assert!(
            again.finish().unwrap() == copy,
            "{name}: a copy of the copy differs from the copy"
        );

        // The compressed copy, through the path API.
        let mut orig = CaptureReader::open(&path).unwrap();
        let mut back = CaptureReader::open(&gz.0)
            .unwrap_or_else(|e| panic!("{name}: the compressed copy does not open: {e}"));
        assert!(back.is_compressed());
        let what = format!("{name} (compressed)");
        assert_eq!(assert_same_capture(&mut orig, &mut back, &what), n);
        note(&format!(
            "round trip of {name}: {n} events, {} bytes uncompressed, {} compressed",
            copy.len(),
            std::fs::metadata(&gz.0).unwrap().len()
        ));
    }
}

// ---------------------------------------------------------------------------------------
// A capture built in memory.

fn thread(tid: u64, tail: TailLayout) -> ThreadInfo {
    let n = tid;
    ThreadInfo {
        tid,
        pid: n + 1,
        ptid: n + 2,
        sid: n as i64 + 3,
        vpgid: n as i64 + 4,
        comm: format!("comm{n}").into_bytes(),
        exe: b"/usr/bin/exe".to_vec(),
        exepath: b"/usr/bin/exe".to_vec(),
        args: b"-a\0-b\0".to_vec(),
        cwd: b"/root".to_vec(),
        fdlimit: 1024 + n,
        flags: 0x11 + n as u32,
        uid: 1000,
        gid: 1001,
        vmsize_kb: 5,
        vmrss_kb: 6,
        vmswap_kb: 7,
        pfmajor: 8,
        pfminor: 9,
        env: b"HOME=/root\0PATH=/bin\0".to_vec(),
        vtid: n as i64 + 10,
        vpid: n as i64 + 11,
        cgroups: b"cpu=/docker/abc\0memory=/docker/abc\0".to_vec(),
        root: b"/".to_vec(),
        // Every optional field has a distinct value, so a field read at the wrong place
        // shows up; fields past the layout's count keep their defaults, as a reader leaves
        // them.
        ..with_tail(tail)
    }
}

fn with_tail(tail: TailLayout) -> ThreadInfo {
    let mut t = ThreadInfo {
        tail,
        ..ThreadInfo::default()
    };
    let (skip, n) = match tail {
        TailLayout::None => return t,
        TailLayout::Pre010(n) => (2, n as usize),
        TailLayout::Current(n) => (0, n as usize),
    };
    for i in skip..skip + n {
        match i {
            0 => t.pidns_init_start_ts = 0x0102_0304_0506_0708,
            1 => t.tty = 34816,
            2 => t.loginuid = 1000,
            3 => t.exe_writable = true,
            4 => t.cap_inheritable = 0x1,
            5 => t.cap_permitted = 0x1ff_ffff_ffff,
            6 => t.cap_effective = 0x3ff_ffff_ffff,
            7 => t.exe_upper_layer = true,
            8 => t.exe_ino = 777,
            9 => t.exe_ino_ctime = 1_700_000_000_000_000_000,
            10 => t.exe_ino_mtime = 1_700_000_000_000_000_001,
            11 => t.exe_from_memfd = true,
            12 => t.exe_lower_layer = true,
            13 => t.pgid = 4242,
            _ => unreachable!(),
        }
    }
    t
}

fn fd(fd: i64, ty: u8, details: FdDetails) -> FdInfo {
    FdInfo {
        fd,
        ino: 1000 + fd as u64,
        ty,
        details,
    }
}

fn every_fd_type() -> Vec<FdInfo> {
    use fd_type::*;
    let mut v = vec![
        fd(0, UNKNOWN, FdDetails::Nothing),
        fd(1, FILE, FdDetails::Named(b"/dev/pts/0".to_vec())),
        fd(2, DIRECTORY, FdDetails::Named(b"/etc".to_vec())),
        fd(
            3,
            IPV4_SOCK,
            FdDetails::Ipv4 {
                sip: [10, 0, 0, 1],
                dip: [10, 0, 0, 2],
                sport: 40000,
                dport: 443,
                l4proto: 6,
            },
        ),
        fd(
            4,
            IPV6_SOCK,
            FdDetails::Ipv6 {
                sip: [0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
                dip: [0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2],
                sport: 40001,
                dport: 80,
                l4proto: 6,
            },
        ),
        fd(
            5,
            IPV4_SERVSOCK,
            FdDetails::Ipv4Server {
                ip: [0, 0, 0, 0],
                port: 22,
                l4proto: 6,
            },
        ),
        fd(
            6,
            IPV6_SERVSOCK,
            FdDetails::Ipv6Server {
                ip: [0; 16],
                port: 53,
                l4proto: 17,
            },
        ),
        fd(7, FIFO, FdDetails::Named(b"pipe:[1234]".to_vec())),
        fd(
            8,
            UNIX_SOCK,
            FdDetails::Unix {
                source: 0xffff_8880_0000_1000,
                dest: 0xffff_8880_0000_2000,
                path: b"/run/systemd/journal/socket".to_vec(),
            },
        ),
    ];
    for (i, ty) in [
        EVENT,
        UNSUPPORTED,
        SIGNALFD,
        EVENTPOLL,
        INOTIFY,
        TIMERFD,
        NETLINK,
        BPF,
        USERFAULTFD,
        IOURING,
        MEMFD,
        PIDFD,
    ]
    .into_iter()
    .enumerate()
    {
        v.push(fd(
            20 + i as i64,
            ty,
            FdDetails::Named(format!("anon_inode:[{ty}]").into_bytes()),
        ));
    }
    v.push(fd(
        40,
        FILE_V2,
        FdDetails::FileV2 {
            open_flags: 0o102,
            path: b"/tmp/with-dev".to_vec(),
            dev: Some(0x803),
        },
    ));
    v.push(fd(
        41,
        FILE_V2,
        FdDetails::FileV2 {
            open_flags: 1,
            path: b"/tmp/without-dev".to_vec(),
            dev: None,
        },
    ));
    // Types this reader does not know are kept as raw bytes.
    v.push(fd(42, 99, FdDetails::Raw(vec![1, 2, 3, 4, 5])));
    v.push(fd(43, 200, FdDetails::Raw(Vec::new())));
    v
}

fn interface(ty: u16, name: &str) -> Interface {
    let alen = if ty == 1 || ty == 3 { 4 } else { 16 };
    Interface {
        ty,
        addr: (0..alen).map(|i| i as u8 + ty as u8).collect(),
        netmask: vec![0xff; alen],
        bcast: (0..alen).map(|i| 0x80 | i as u8).collect(),
        linkspeed: if ty <= 2 { 1000 * ty as u64 } else { 0 },
        name: name.as_bytes().to_vec(),
    }
}

fn full_metadata() -> Metadata {
    let mut tails = vec![TailLayout::None];
    // Every layout a reader can tell apart: the pre-0.10 one with up to its 29 bytes, the
    // current one from 5 fields (past 29 bytes) to all 14.
    tails.extend((1..=5).map(TailLayout::Pre010));
    tails.extend((5..=14).map(TailLayout::Current));
    let threads: Vec<ThreadInfo> = tails
        .iter()
        .enumerate()
        .map(|(i, &t)| thread(100 + i as u64, t))
        .collect();
    Metadata {
        section: SectionHeader::default(),
        machine: Some(MachineInfo {
            num_cpus: 8,
            memory_size_bytes: 16 << 30,
            max_pid: 4_194_304,
            // The whole 128-byte field, with no NUL.
            hostname: vec![b'h'; 128],
            boot_ts_epoch: 1_700_000_000_000_000_000,
            flags: 3,
            reserved3: 4,
            reserved4: 5,
        }),
        fds: vec![
            FdList {
                tid: 100,
                fds: every_fd_type(),
            },
            FdList {
                tid: 101,
                fds: Vec::new(),
            },
        ],
        threads,
        // IPv6 before IPv4: the order is kept.
        interfaces: Some(vec![
            interface(2, "eth0"),
            interface(1, "eth0"),
            interface(3, "tun0"),
            interface(4, "tun0"),
            interface(1, "lo"),
        ]),
        users: Some(vec![
            User {
                uid: 0,
                gid: 0,
                name: b"root".to_vec(),
                home: b"/root".to_vec(),
                shell: b"/bin/bash".to_vec(),
            },
            User {
                uid: 65534,
                gid: 65534,
                name: b"nobody".to_vec(),
                home: b"/nonexistent".to_vec(),
                shell: Vec::new(),
            },
        ]),
        groups: vec![
            Group {
                gid: 0,
                name: b"root".to_vec(),
            },
            Group {
                gid: 27,
                name: b"sudo".to_vec(),
            },
        ],
    }
}

/// One event to write: cpu, flags, the event's bytes.
struct Spec {
    cpu: u16,
    flags: u32,
    bytes: Vec<u8>,
}

fn events() -> Vec<Spec> {
    let mut b = EventBuilder::new();
    let mut out = Vec::new();
    let mut push = |b: &mut EventBuilder, cpu, flags| {
        out.push(Spec {
            cpu,
            flags,
            bytes: b.finish().to_vec(),
        })
    };
    b.begin(1_000, 42, code::PPME_SYSCALL_OPEN_E);
    b.param(b"/etc/passwd\0");
    b.param(&0u32.to_le_bytes());
    b.param(&0o644u32.to_le_bytes());
    push(&mut b, 0, 0);
    // Dump flags make an EVF block.
    b.begin(1_001, 42, code::PPME_SYSCALL_OPEN_X);
    b.param(&3i64.to_le_bytes());
    b.param(b"/etc/passwd\0");
    b.param(&0u32.to_le_bytes());
    b.param(&0o644u32.to_le_bytes());
    b.param(&0x803u32.to_le_bytes());
    b.param(&1234u64.to_le_bytes());
    push(&mut b, 3, 0x1 | 0x8);
    // No parameters at all, and an empty parameter.
    b.begin(1_002, 43, code::PPME_SYSCALL_CLOSE_E);
    push(&mut b, 1, 0);
    b.begin(1_003, 43, code::PPME_SYSCALL_CLOSE_X);
    b.empty();
    push(&mut b, 1, 0);
    // Large payload: u32 parameter lengths, a parameter over 64 KiB, a large block.
    let json: Vec<u8> = (0..100_000u32).map(|i| b'a' + (i % 26) as u8).collect();
    b.begin(1_004, 1, code::PPME_CONTAINER_JSON_2_E);
    b.param(&json);
    push(&mut b, 0, 0);
    // The same with dump flags.
    b.begin(1_005, 1, code::PPME_CONTAINER_JSON_2_E);
    b.param(&json[..70_000]);
    push(&mut b, 7, 0x2);
    // A small large-payload event.
    b.begin(1_006, 1, code::PPME_CONTAINER_JSON_2_E);
    b.param(b"{}");
    push(&mut b, 0, 0);
    // A regular event over 64 KiB in all (each parameter fits a u16 length).
    b.begin(1_007, 44, code::PPME_SYSCALL_WRITE_X);
    b.param(&40_000i64.to_le_bytes());
    b.param(&vec![0x5a; 40_000]);
    b.param(&vec![0xa5; 30_000]);
    push(&mut b, 2, 0);
    // A type this table does not have is skipped by readers, so it is not written here.
    out
}

/// Block types of a capture, in order (a minimal walk).
fn block_types(data: &[u8]) -> Vec<u32> {
    let mut off = 0;
    let mut out = Vec::new();
    while off < data.len() {
        let ty = u32::from_le_bytes(data[off..off + 4].try_into().unwrap());
        let len = u32::from_le_bytes(data[off + 4..off + 8].try_into().unwrap()) as usize;
        out.push(ty);
        off += len;
    }
    out
}

#[test]
fn synthetic_capture_round_trips_exactly() {
    let meta = full_metadata();
    let specs = events();
    let mut w = CaptureWriter::new(Vec::new(), "synthetic", &meta).unwrap();
    for s in &specs {
        w.write_raw(s.cpu, s.flags, &s.bytes).unwrap();
    }
    assert_eq!(w.events(), specs.len() as u64);
    let data = w.finish().unwrap();

    // The blocks the writer chose: current versions, EVF for flags, large when needed.
    let types = block_types(&data);
    assert_eq!(
        types,
        [
            0x0A0D_0D0A,
            0x201,
            0x215,
            0x218,
            0x218,
            0x219,
            0x220,
            0x216, // open_e
            0x217, // open_x, flags
            0x216,
            0x216,
            0x221, // container json: large type
            0x222, // large type with flags
            0x221,
            0x221, // a regular type, too big for a regular block
        ]
    );

    let mut r = CaptureReader::from_reader(&data[..], "synthetic").unwrap();
    assert_eq!(r.metadata(), &meta);
    for (i, s) in specs.iter().enumerate() {
        let ev = r.next_event().unwrap().expect("an event");
        let want = Event::decode(&s.bytes).unwrap();
        let got = owned(&ev);
        assert_eq!(
            got,
            Owned {
                num: i as u64 + 1,
                cpu: s.cpu,
                flags: s.flags,
                ..owned(&want)
            }
        );
        assert_eq!(ev.raw(), &s.bytes[..]);
    }
    assert!(r.next_event().unwrap().is_none());

    // Compressed, through a file.
    let gz = TempFile::new("synthetic.scap.gz");
    let mut w = CaptureWriter::create(&gz.0, &meta, true).unwrap();
    for s in &specs {
        w.write_raw(s.cpu, s.flags, &s.bytes).unwrap();
    }
    w.finish().unwrap();
    let mut a = CaptureReader::from_reader(&data[..], "synthetic").unwrap();
    let mut b = CaptureReader::open(&gz.0).unwrap();
    assert!(b.is_compressed());
    assert_eq!(
        assert_same_capture(&mut a, &mut b, "synthetic (compressed)"),
        specs.len() as u64
    );
}

/// Metadata the reader cannot tell from others is normalised, never corrupted: a
/// current-layout tail of fewer than 5 fields is written and reads back as 5 (with the
/// thread's values), since 4 fields fit in the 29 bytes of the pre-0.10 layout.
#[test]
fn short_current_tails_read_back_as_current() {
    for n in 1..5 {
        let t = thread(7, TailLayout::Current(n));
        let meta = Metadata {
            threads: vec![t.clone()],
            ..Metadata::default()
        };
        let data = CaptureWriter::new(Vec::new(), "tails", &meta)
            .unwrap()
            .finish()
            .unwrap();
        let r = CaptureReader::from_reader(&data[..], "tails").unwrap();
        let back = &r.metadata().threads[0];
        assert_eq!(
            back,
            &ThreadInfo {
                tail: TailLayout::Current(5),
                ..t
            },
            "Current({n})"
        );
    }
}

/// Hand-made old-format blocks (EV v1, 22-byte headers, no parameter count) are written
/// back in the current format, including one whose conversion outgrows a regular block.
#[test]
fn old_format_events_are_converted() {
    fn block(ty: u32, body: &[u8]) -> Vec<u8> {
        let total = (8 + body.len() + 4 + 3) & !3;
        let mut b = Vec::new();
        b.extend_from_slice(&ty.to_le_bytes());
        b.extend_from_slice(&(total as u32).to_le_bytes());
        b.extend_from_slice(body);
        b.resize(total - 4, 0);
        b.extend_from_slice(&(total as u32).to_le_bytes());
        b
    }
    fn v1_event(cpu: u16, ts: u64, ty: u16, params: &[&[u8]]) -> Vec<u8> {
        let mut body = cpu.to_le_bytes().to_vec();
        let len = 22 + 2 * params.len() + params.iter().map(|p| p.len()).sum::<usize>();
        body.extend_from_slice(&ts.to_le_bytes());
        body.extend_from_slice(&9u64.to_le_bytes());
        body.extend_from_slice(&(len as u32).to_le_bytes());
        body.extend_from_slice(&ty.to_le_bytes());
        for p in params {
            body.extend_from_slice(&(p.len() as u16).to_le_bytes());
        }
        for p in params {
            body.extend_from_slice(p);
        }
        block(0x204, &body)
    }
    let mut shb = 0x1A2B_3C4Du32.to_le_bytes().to_vec();
    shb.extend_from_slice(&1u16.to_le_bytes());
    shb.extend_from_slice(&0u16.to_le_bytes());
    shb.extend_from_slice(&u64::MAX.to_le_bytes());
    let mut data = block(0x0A0D_0D0A, &shb);
    data.extend(v1_event(
        1,
        10,
        code::PPME_SYSCALL_CLOSE_X,
        &[&0i64.to_le_bytes()],
    ));
    // A read exit whose block is as big as a regular block may be: 65,536 bytes after the
    // header. Converted, it gains a 4-byte parameter count.
    let fill = 65_536 - 2 - 22 - 2 * 2 - 8 - 4;
    let big = vec![7u8; fill];
    data.extend(v1_event(
        0,
        11,
        code::PPME_SYSCALL_READ_X,
        &[&(fill as i64).to_le_bytes(), &big],
    ));
    assert_eq!(data.len() - 28 - 48, 65_536 + 8);

    let mut r = CaptureReader::from_reader(&data[..], "old").unwrap();
    let mut w = CaptureWriter::new(Vec::new(), "new", r.metadata()).unwrap();
    let mut want = Vec::new();
    while let Some(ev) = r.next_event().unwrap() {
        assert!(ev.is_v1());
        want.push(owned(&ev));
        w.write_event(&ev).unwrap();
    }
    assert_eq!(want.len(), 2);
    assert_eq!(want[1].params[1].len(), fill);
    let copy = w.finish().unwrap();
    assert_eq!(block_types(&copy), [0x0A0D_0D0A, 0x216, 0x221]);
    let mut r = CaptureReader::from_reader(&copy[..], "new").unwrap();
    for w in &want {
        let ev = r.next_event().unwrap().unwrap();
        assert!(!ev.is_v1());
        assert_eq!(&owned(&ev), w);
    }
    assert!(r.next_event().unwrap().is_none());
}

/// A parameter too long for 16-bit lengths is refused, not written with a wrapped length
/// that would shift every later parameter.
#[test]
#[should_panic(expected = "does not fit the 16-bit lengths")]
fn builder_refuses_a_parameter_over_64_kib_in_a_regular_event() {
    let mut b = EventBuilder::new();
    b.begin(1, 2, code::PPME_SYSCALL_WRITE_X);
    b.param(&0i64.to_le_bytes());
    b.param(&vec![0; 70_000]);
    b.finish();
}
