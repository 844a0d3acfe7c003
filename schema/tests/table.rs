//! Spot checks of the schema data, written by hand from falcosecurity/libs (driver API 10.1.0,
//! schema 4.5.1). The counts were taken from the upstream sources with `grep`; each test says
//! how, so that they can be re-derived when the table moves.

use falco_schema::flags::{self, FlagSet};
use falco_schema::syscalls::{self, Arch, SyscallEntry};
use falco_schema::upgrade::{self, Action, Source};
use falco_schema::{
    category, code, eflags, event_info, Direction, EventInfo, ParamExtra, ParamType, PrintFormat,
    EVENTS, EVENT_MAX,
};

fn count(pred: impl Fn(&EventInfo) -> bool) -> usize {
    EVENTS.iter().filter(|e| pred(e)).count()
}

fn flag_value(set: &FlagSet, name: &str) -> Option<u32> {
    set.values.iter().find(|v| v.name == name).map(|v| v.value)
}

fn entry(arch: Arch, nr: u16) -> Option<&'static SyscallEntry> {
    syscalls::table(arch).iter().find(|e| e.nr == nr)
}

#[test]
fn event_max() {
    // `PPM_EVENT_MAX = 454` in ppm_events_public.h; the last pair is KEYCTL (452/453).
    assert_eq!(EVENT_MAX, 454);
    assert_eq!(EVENTS.len(), 454);
    assert_eq!(code::PPME_SYSCALL_KEYCTL_E, 452);
    assert_eq!(code::PPME_SYSCALL_KEYCTL_X, 453);
    assert!(event_info(454).is_none());
}

#[test]
fn well_known_codes() {
    assert_eq!(code::PPME_GENERIC_E, 0);
    assert_eq!(code::PPME_SYSCALL_OPEN_X, 3);
    assert_eq!(code::PPME_SYSCALL_CLOSE_X, 5);
    assert_eq!(code::PPME_PROCEXIT_1_E, 186);
    assert_eq!(code::PPME_SYSCALL_EXECVE_19_X, 293);
    assert_eq!(code::PPME_SYSCALL_OPENAT_2_E, 306);
    assert_eq!(code::PPME_PLUGINEVENT_E, 322);
    assert_eq!(code::PPME_CONTAINER_JSON_2_E, 324);
    assert_eq!(code::PPME_ASYNCEVENT_E, 402);
}

#[test]
fn generic() {
    for c in [code::PPME_GENERIC_E, code::PPME_GENERIC_X] {
        let e = &EVENTS[c as usize];
        assert_eq!(e.name, "syscall");
        assert_eq!(e.category, category::OTHER | category::SYSCALL);
        assert_eq!(e.params.len(), 2);
        assert_eq!(e.params[0].name, "ID");
        assert_eq!(e.params[0].ty, ParamType::Syscallid);
        assert_eq!(e.params[1].name, "nativeID");
        assert_eq!(e.params[1].ty, ParamType::Uint16);
    }
    assert_eq!(
        EVENTS[0].flags,
        eflags::OLD_VERSION | eflags::CONVERTER_MANAGED
    );
    assert_eq!(EVENTS[1].flags, eflags::CONVERTER_MANAGED);
}

#[test]
fn open_x() {
    let e = &EVENTS[code::PPME_SYSCALL_OPEN_X as usize];
    assert_eq!(e.name, "open");
    assert_eq!(e.direction(), Direction::Exit);
    assert_eq!(e.category, category::FILE | category::SYSCALL);
    assert_eq!(
        e.flags,
        eflags::CREATES_FD | eflags::MODIFIES_STATE | eflags::CONVERTER_MANAGED
    );
    let names: Vec<_> = e.params.iter().map(|p| p.name).collect();
    assert_eq!(names, ["fd", "name", "flags", "mode", "dev", "ino"]);
    let types: Vec<_> = e.params.iter().map(|p| p.ty).collect();
    use ParamType::*;
    assert_eq!(types, [Fd, Fspath, Flags32, Uint32, Uint32, Uint64]);
    assert_eq!(e.params[2].fmt, PrintFormat::Hex);
    assert_eq!(e.params[3].fmt, PrintFormat::Oct);
    assert_eq!(e.params[4].fmt, PrintFormat::Hex);
    match e.params[2].extra {
        ParamExtra::Flags(set) => assert_eq!(set.name, "file_flags"),
        other => panic!("open flags: {other:?}"),
    }
}

#[test]
fn execve_19_x() {
    let e = &EVENTS[code::PPME_SYSCALL_EXECVE_19_X as usize];
    assert_eq!(e.name, "execve");
    assert_eq!(e.params.len(), 31);
    assert_eq!(e.params[0].name, "res");
    assert_eq!(e.params[0].ty, ParamType::Errno);
    assert_eq!(e.params[19].name, "flags");
    assert_eq!(e.params[19].ty, ParamType::Flags32);
    let last = e.params.last().unwrap();
    assert_eq!(last.name, "filename");
    assert_eq!(last.ty, ParamType::Fspath);
    // EXECVEAT_X has the same first 30 parameters.
    let at = &EVENTS[code::PPME_SYSCALL_EXECVEAT_X as usize];
    assert_eq!(at.params.len(), 30);
    for (a, b) in at.params.iter().zip(e.params) {
        assert_eq!((a.name, a.ty), (b.name, b.ty));
    }
}

#[test]
fn openat_2_e_relpath() {
    let e = &EVENTS[code::PPME_SYSCALL_OPENAT_2_E as usize];
    assert_eq!(e.params[0].name, "dirfd");
    assert_eq!(e.params[1].name, "name");
    assert_eq!(e.params[1].ty, ParamType::Fsrelpath);
    assert!(matches!(e.params[1].extra, ParamExtra::DirFd(0)));
}

#[test]
fn procexit_1_e() {
    let e = &EVENTS[code::PPME_PROCEXIT_1_E as usize];
    assert_eq!(e.name, "procexit");
    let names: Vec<_> = e.params.iter().map(|p| p.name).collect();
    assert_eq!(names, ["status", "ret", "sig", "core", "reaper_tid"]);
    // Its exit half is an "NA" placeholder.
    let x = &EVENTS[code::PPME_PROCEXIT_1_X as usize];
    assert_eq!(x.name, "NA");
    assert!(x.is_unused());
}

#[test]
fn ptrace_dyn() {
    let e = &EVENTS[code::PPME_SYSCALL_PTRACE_X as usize];
    let addr = &e.params[e.param_index("addr").unwrap()];
    assert_eq!(addr.ty, ParamType::Dyn);
    match addr.extra {
        ParamExtra::Dyn(t) => {
            assert_eq!(t.len(), 2);
            assert_eq!((t[0].ty, t[0].fmt), (ParamType::Uint64, PrintFormat::Hex));
            assert_eq!((t[1].ty, t[1].fmt), (ParamType::Sigtype, PrintFormat::Dec));
        }
        other => panic!("ptrace addr: {other:?}"),
    }
}

#[test]
fn large_payload_events() {
    // `grep -n EF_LARGE_PAYLOAD driver/event_table.c`: PLUGINEVENT_E, CONTAINER_JSON_2_E,
    // ASYNCEVENT_E.
    let large: Vec<u16> = EVENTS
        .iter()
        .filter(|e| e.is_large())
        .map(|e| e.code)
        .collect();
    assert_eq!(large, [322, 324, 402]);
    assert_eq!(EVENTS[322].len_width(), 4);
    assert_eq!(EVENTS[3].len_width(), 2);
}

#[test]
fn directions_and_pairs() {
    for (i, e) in EVENTS.iter().enumerate() {
        assert_eq!(e.code as usize, i);
        let want = if i % 2 == 0 {
            Direction::Enter
        } else {
            Direction::Exit
        };
        assert_eq!(e.direction(), want);
    }
    // The two halves of a pair share their name, unless one half is an "NA" placeholder.
    for pair in EVENTS.chunks(2) {
        let (e, x) = (&pair[0], &pair[1]);
        assert!(
            e.name == x.name || e.name == "NA" || x.name == "NA",
            "{} {} / {}",
            e.code,
            e.name,
            x.name
        );
    }
    assert_eq!(EVENTS[2].name, "open");
    assert_eq!(EVENTS[3].name, "open");
    // CLOSE_RANGE and KEYCTL are exit-only: their enter halves are placeholders.
    assert_eq!(EVENTS[code::PPME_SYSCALL_CLOSE_RANGE_E as usize].name, "NA");
    assert_eq!(EVENTS[code::PPME_SYSCALL_KEYCTL_X as usize].name, "keyctl");
}

#[test]
fn placeholders() {
    // Events named "NA" are exactly those of category EC_UNKNOWN and they carry EF_UNUSED.
    for e in EVENTS.iter() {
        let na = e.name == "NA";
        assert_eq!(na, e.category == category::UNKNOWN, "{}", e.code);
        assert_eq!(na, e.is_unused(), "{}", e.code);
    }
    // TRACER_X is the one placeholder that keeps a parameter list (id, tags, args).
    assert_eq!(EVENTS[code::PPME_TRACER_X as usize].params.len(), 3);
}

#[test]
fn counts() {
    // The counts below are `sed -n '/^const struct ppm_event_info/,$p' driver/event_table.c |
    // grep -c NAME` (each event mentions a flag or category at most once, one per line).
    assert_eq!(count(|e| e.is_old_version()), 223); // EF_OLD_VERSION
    assert_eq!(count(|e| e.flags & eflags::CONVERTER_MANAGED != 0), 224); // EF_CONVERTER_MANAGED
    assert_eq!(count(|e| e.is_unused()), 35); // EF_UNUSED
    assert_eq!(count(|e| e.category == category::UNKNOWN), 35); // EC_UNKNOWN
    assert_eq!(count(|e| e.name == "NA"), 35); // grep -c '{"NA",'
    assert_eq!(count(|e| e.category & category::TRACEPOINT != 0), 6); // EC_TRACEPOINT
    assert_eq!(count(|e| e.category & category::METAEVENT != 0), 18); // EC_METAEVENT
    assert_eq!(count(|e| e.category & category::ITER != 0), 10); // EC_ITER
    assert_eq!(count(|e| e.category & category::PLUGIN != 0), 1); // EC_PLUGIN
    let params = || EVENTS.iter().flat_map(|e| e.params.iter());
    // grep -c PT_FSRELPATH; grep -c PT_DYN.
    assert_eq!(
        params().filter(|p| p.ty == ParamType::Fsrelpath).count(),
        18
    );
    assert_eq!(params().filter(|p| p.ty == ParamType::Dyn).count(), 9);
    // grep -o '{"[^"]*", *PT_' finds 1344 parameters, plus one whose type is on the next line
    // (the `PT_FSPATH` alone on its line near the end of the table).
    assert_eq!(params().count(), 1345);
}

#[test]
fn param_extras_are_consistent() {
    use ParamType::*;
    for e in EVENTS.iter() {
        for p in e.params {
            match p.ty {
                Flags8 | Flags16 | Flags32 | Enumflags8 | Enumflags16 | Enumflags32 | Mode => {
                    assert!(
                        matches!(p.extra, ParamExtra::Flags(_)),
                        "{} {}",
                        e.code,
                        p.name
                    )
                }
                Fsrelpath => match p.extra {
                    ParamExtra::DirFd(d) => assert_eq!(e.params[d as usize].ty, Fd),
                    _ => panic!("{} {}", e.code, p.name),
                },
                Dyn => assert!(matches!(p.extra, ParamExtra::Dyn(_))),
                _ => assert!(matches!(p.extra, ParamExtra::None), "{} {}", e.code, p.name),
            }
        }
    }
}

#[test]
fn file_flags() {
    // ppm_events_public.h: PPM_O_CREAT is (1 << 2) (O_TRUNC is 1 << 8), PPM_O_RDWR is
    // RDONLY | WRONLY, PPM_O_NONE is 0. flags_table.c starts file_flags with O_LARGEFILE.
    let f = &flags::FILE_FLAGS;
    assert_eq!(f.name, "file_flags");
    assert_eq!(flag_value(f, "O_CREAT"), Some(1 << 2));
    assert_eq!(flag_value(f, "O_TRUNC"), Some(1 << 8));
    assert_eq!(flag_value(f, "O_RDWR"), Some(3));
    assert_eq!(flag_value(f, "O_NONE"), Some(0));
    assert_eq!(f.values[0].name, "O_LARGEFILE");
    assert_eq!(f.values[0].value, 1 << 11);
    assert_eq!(f.values.len(), 19);
}

#[test]
fn other_flags() {
    // PPM_CL_CLONE_NEWUSER (1 << 20); PPM_S_IFREG 0100000 (octal); AF_INET6 10.
    assert_eq!(
        flag_value(&flags::CLONE_FLAGS, "CLONE_NEWUSER"),
        Some(1 << 20)
    );
    assert_eq!(flag_value(&flags::MKNOD_MODE, "S_IFREG"), Some(0o100000));
    assert_eq!(flag_value(&flags::SOCKET_FAMILIES, "AF_INET6"), Some(10));
    // socket_families is listed from the highest value down, ending with AF_UNSPEC.
    assert_eq!(
        flags::SOCKET_FAMILIES.values.last().unwrap().name,
        "AF_UNSPEC"
    );
}

#[test]
fn all_flag_sets() {
    // grep -c 'const struct ppm_name_value [a-z0-9_]*\[\] = ' driver/flags_table.c
    assert_eq!(flags::ALL.len(), 55);
    assert_eq!(flags::ALL[0].name, "socket_families");
    for (i, a) in flags::ALL.iter().enumerate() {
        assert!(!a.values.is_empty(), "{}", a.name);
        for b in &flags::ALL[i + 1..] {
            assert_ne!(a.name, b.name);
        }
    }
    // Every set referenced by the event table is listed in ALL.
    for e in EVENTS.iter() {
        for p in e.params {
            if let ParamExtra::Flags(set) = p.extra {
                assert!(
                    flags::ALL.iter().any(|s| core::ptr::eq(*s, set)),
                    "{}",
                    set.name
                );
            }
        }
    }
}

#[test]
fn ppm_sc() {
    // PPM_SC_FIELDS ends with RSEQ_SLICE_YIELD = 453; 382 is commented out (NA_1).
    assert_eq!(syscalls::PPM_SC_MAX, 454);
    assert_eq!(syscalls::sc_name(0), Some("unknown"));
    assert_eq!(syscalls::sc_name(5), Some("open"));
    assert_eq!(
        syscalls::sc_name(syscalls::sc::PPM_SC_OPENAT),
        Some("openat")
    );
    assert_eq!(syscalls::sc_name(382), None);
    assert_eq!(syscalls::sc_name(453), Some("rseq_slice_yield"));
    assert_eq!(syscalls::sc_name(454), None);
    assert_eq!(syscalls::sc::PPM_SC_OPENAT, 197);
    assert_eq!(syscalls::sc::PPM_SC_EXECVE, 324);
}

#[test]
fn syscall_tables() {
    for arch in [Arch::X86_64, Arch::Aarch64] {
        let t = syscalls::table(arch);
        assert!(!t.is_empty());
        for w in t.windows(2) {
            assert!(w[0].nr < w[1].nr);
        }
        for e in t {
            assert!((e.nr as usize) < syscalls::SYSCALL_TABLE_SIZE);
            assert!((e.ppm_sc as usize) < syscalls::PPM_SC_MAX);
            assert!(syscalls::sc_name(e.ppm_sc).is_some());
            assert_eq!(e.exit, e.enter + 1);
            if e.flags & syscalls::uf::USED != 0 {
                assert_ne!(e.enter, code::PPME_GENERIC_E);
                assert_eq!(EVENTS[e.enter as usize].direction(), Direction::Enter);
            } else {
                assert_eq!(e.flags, 0);
                assert_eq!(
                    (e.enter, e.exit),
                    (code::PPME_GENERIC_E, code::PPME_GENERIC_X)
                );
            }
        }
    }
}

#[test]
fn syscall_spots() {
    use syscalls::uf;
    // syscall_compat_x86_64.h: open 2, rt_sigaction 13, execve 59, openat 257.
    let open = entry(Arch::X86_64, 2).unwrap();
    assert_eq!(open.ppm_sc, syscalls::sc::PPM_SC_OPEN);
    assert_eq!(open.enter, code::PPME_SYSCALL_OPEN_E);
    assert_eq!(open.exit, code::PPME_SYSCALL_OPEN_X);
    assert_eq!(open.flags, uf::USED | uf::NEVER_DROP);
    let openat = entry(Arch::X86_64, 257).unwrap();
    assert_eq!(openat.enter, code::PPME_SYSCALL_OPENAT_2_E);
    assert_eq!(openat.exit, code::PPME_SYSCALL_OPENAT_2_X);
    let execve = entry(Arch::X86_64, 59).unwrap();
    assert_eq!(execve.exit, code::PPME_SYSCALL_EXECVE_19_X);
    let sigaction = entry(Arch::X86_64, 13).unwrap();
    assert_eq!(sigaction.enter, code::PPME_GENERIC_E);
    assert_eq!(syscalls::sc_name(sigaction.ppm_sc), Some("rt_sigaction"));
    // syscall_compat_aarch64.h: no open; openat 56, execve 221, rt_sigaction 134.
    assert!(syscalls::table(Arch::Aarch64)
        .iter()
        .all(|e| e.ppm_sc != syscalls::sc::PPM_SC_OPEN));
    assert_eq!(
        entry(Arch::Aarch64, 56).unwrap().enter,
        code::PPME_SYSCALL_OPENAT_2_E
    );
    assert_eq!(
        entry(Arch::Aarch64, 221).unwrap().exit,
        code::PPME_SYSCALL_EXECVE_19_X
    );
    assert_eq!(
        syscalls::sc_name(entry(Arch::Aarch64, 134).unwrap().ppm_sc),
        Some("rt_sigaction")
    );
}

#[test]
fn upgrade_rules() {
    // grep -c 'conversion_key{' userspace/libscap/engine/savefile/converter/table.cpp
    assert_eq!(upgrade::RULES.len(), 253);
    let close = upgrade::find(code::PPME_SYSCALL_CLOSE_X, 1).unwrap();
    assert!(matches!(close.action, Action::AddParams(s) if s == [Source::Enter(0)]));
    assert!(matches!(
        upgrade::find(code::PPME_SYSCALL_CLOSE_E, 1).unwrap().action,
        Action::Store
    ));
    assert!(matches!(
        upgrade::find(code::PPME_SYSCALL_OPEN_E, 3).unwrap().action,
        Action::Pass
    ));
    assert!(upgrade::find(code::PPME_SYSCALL_CLOSE_X, 2).is_none());
    assert!(upgrade::has_rules(code::PPME_GENERIC_X));
    for e in EVENTS.iter() {
        if e.flags & eflags::CONVERTER_MANAGED == 0 {
            assert!(!upgrade::has_rules(e.code), "{}", e.code);
        }
    }
    // CONTAINER_E (4 params) becomes CONTAINER_JSON_E through the callback.
    match upgrade::find(code::PPME_CONTAINER_E, 4).unwrap().action {
        Action::ChangeType { to, params } => {
            assert_eq!(to, code::PPME_CONTAINER_JSON_E);
            assert_eq!(
                params,
                [Source::Callback(
                    upgrade::Callback::ContainerJsonFromContainer
                )]
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn upgrade_rules_fit_the_table() {
    for r in upgrade::RULES {
        let e = &EVENTS[r.code as usize];
        // Only events flagged as converter-managed have rules.
        assert!(e.flags & eflags::CONVERTER_MANAGED != 0, "{}", r.code);
        let (target, params, first) = match r.action {
            Action::AddParams(p) => (e, p, r.nparams as usize),
            Action::ChangeType { to, params } => (&EVENTS[to as usize], params, 0),
            _ => continue,
        };
        // The result never has more parameters than its row.
        assert!(first + params.len() <= target.params.len(), "{}", r.code);
        for s in params {
            match *s {
                Source::Old(n) => assert!(n < r.nparams),
                Source::Enter(n) | Source::EnterOrEmpty(n) => {
                    assert_eq!(e.direction(), Direction::Exit);
                    assert!((n as usize) < EVENTS[r.code as usize - 1].params.len());
                }
                _ => {}
            }
        }
    }
}
