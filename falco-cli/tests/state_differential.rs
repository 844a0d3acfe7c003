//! The state layer against sysdig 0.29, the independent oracle: `falco-inspect -r CAP -p
//! FORMAT` and `sysdig -r CAP -p FORMAT` on the shared captures, for formats of `proc.*`,
//! `thread.*`, `fd.*`, `user.*`, `group.*` and `container.*` fields, event by event.
//!
//! falco-inspect follows current libsinsp, which differs from the libsinsp of 2022 that
//! sysdig 0.29 is built on. Every such difference is written down below as a normalization
//! rule ([`RULES`]) with its reason, and applied to both outputs line by line, knowing each
//! line's event (type, direction, thread, process, container) from one extra sysdig run per
//! capture. Nothing else is forgiven: any other difference fails, with the first differing
//! lines. Each test prints one SKIP line and passes when the captures or sysdig are absent.

use std::collections::{BTreeMap, HashMap};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use falco_tests::{
    capture_path, captures_or_skip, run_command, run_sysdig, sysdig_or_skip, CAPTURES,
};

const INSPECT: &str = env!("CARGO_BIN_EXE_falco-inspect");

/// What is known of each event of a capture, from sysdig (which sees every event).
#[derive(Clone, Debug, Default)]
struct Info {
    ty: String,
    dir: String,
    tid: String,
    pid: String,
    container: String,
    sid: String,
    /// falco-inspect's `proc.pid`: -1 for a stub thread (first seen outside its clone).
    our_pid: String,
}

/// `evt.num` → [`Info`] of a capture, computed once.
fn infos(file: &str) -> HashMap<u64, Info> {
    static CACHE: OnceLock<Mutex<HashMap<String, HashMap<u64, Info>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(m) = cache.lock().unwrap().get(file) {
        return m.clone();
    }
    let out = run_sysdig(
        &capture_path(file),
        &[
            "-p",
            "*%evt.num %evt.type %evt.dir %thread.tid %proc.pid %container.id %proc.sid",
        ],
    );
    let mut m = HashMap::new();
    for line in out.lines() {
        let f: Vec<&str> = line.split(' ').collect();
        if f.len() < 7 {
            continue;
        }
        let Ok(num) = f[0].parse() else { continue };
        let ty = if f[1] == "sigreturn" {
            "rt_sigreturn"
        } else {
            f[1]
        };
        m.insert(
            num,
            Info {
                ty: ty.into(),
                dir: f[2].into(),
                tid: f[3].into(),
                pid: f[4].into(),
                container: f[5].into(),
                sid: f[6].into(),
                our_pid: String::new(),
            },
        );
    }
    let ours = run_command(
        Command::new(INSPECT)
            .arg("-r")
            .arg(capture_path(file))
            .arg("-p")
            .arg("*%evt.num %proc.pid"),
    );
    for line in ours.lines() {
        let mut f = line.split(' ');
        let (Some(num), Some(pid)) = (f.next(), f.next()) else {
            continue;
        };
        if let Some(i) = num.parse::<u64>().ok().and_then(|n| m.get_mut(&n)) {
            i.our_pid = pid.to_string();
        }
    }
    cache.lock().unwrap().insert(file.to_string(), m.clone());
    m
}

/// One line of output: its fields, the last one taking the rest of the line (formats put
/// their one field that may contain spaces last).
fn columns(line: &str, n: usize) -> Vec<String> {
    line.splitn(n, ' ').map(str::to_string).collect()
}

/// The field names of a format (`*%evt.num %fd.name` → `evt.num`, `fd.name`).
fn field_names(format: &str) -> Vec<String> {
    format
        .trim_start_matches('*')
        .split(' ')
        .map(|t| t.trim_start_matches('%').to_string())
        .collect()
}

/// Sentinel a rule writes into both sides of a column it excuses.
const MASK: &str = "~";

/// The line pair being compared, with what the rules need to know.
struct Pair<'a> {
    names: &'a [String],
    info: &'a Info,
    theirs: Vec<String>,
    ours: Vec<String>,
}

impl Pair<'_> {
    fn col(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }
    fn ours_of(&self, name: &str) -> Option<&str> {
        self.col(name).map(|i| self.ours[i].as_str())
    }
    fn theirs_of(&self, name: &str) -> Option<&str> {
        self.col(name).map(|i| self.theirs[i].as_str())
    }
    fn mask_if(&mut self, pred: impl Fn(&str) -> bool) {
        for i in 0..self.names.len() {
            if pred(&self.names[i]) {
                self.theirs[i] = MASK.into();
                self.ours[i] = MASK.into();
            }
        }
    }
    /// Excuse column `name` when sysdig printed `theirs` and we printed `ours`.
    fn excuse(&mut self, name: &str, theirs: impl Fn(&str) -> bool, ours: impl Fn(&str) -> bool) {
        if let Some(i) = self.col(name) {
            if theirs(&self.theirs[i]) && ours(&self.ours[i]) {
                self.theirs[i] = MASK.into();
                self.ours[i] = MASK.into();
            }
        }
    }
}

fn is_fd_field(n: &str) -> bool {
    n.starts_with("fd.")
}

/// A field naming a process's ancestors (index 1 and up).
fn is_parent_field(n: &str) -> bool {
    matches!(n, "proc.pname" | "proc.pcmdline" | "proc.ppid")
        || (n.starts_with("proc.aname[") && n != "proc.aname[0]")
        || (n.starts_with("proc.apid[") && n != "proc.apid[0]")
}

/// A documented difference between sysdig 0.29 and current libsinsp.
struct Rule {
    /// Why falco-inspect differs from sysdig 0.29 here.
    #[allow(dead_code)]
    reason: &'static str,
    apply: fn(&mut Pair<'_>),
}

/// Every difference forgiven, with its reason.
const RULES: &[Rule] = &[
    Rule {
        reason: "mmap/mmap2 carry an fd in current libsinsp's event table (the mapped file); \
                 sysdig 0.29's table had no fd for them, so it shows no fd.* value",
        apply: |p| {
            if matches!(p.info.ty.as_str(), "mmap" | "mmap2") {
                p.mask_if(is_fd_field);
            }
        },
    },
    Rule {
        reason: "for these exit events current libsinsp takes the fd from the exit event \
                 (its fd/dirfd parameter); sysdig 0.29 took it from the enter event, which had \
                 no fd parameter in its table, so it shows no fd or fd -1",
        apply: |p| {
            let types = [
                "setsockopt",
                "getsockopt",
                "fchmodat",
                "symlinkat",
                "unlinkat",
                "mkdirat",
                "linkat",
                "renameat",
                "renameat2",
                "newfstatat",
                "fchownat",
                "mknodat",
            ];
            if p.info.dir == "<" && types.contains(&p.info.ty.as_str()) {
                p.mask_if(is_fd_field);
            }
        },
    },
    Rule {
        reason: "fd.typechar of an event whose fd is unknown: current libsinsp guesses from the \
                 current layout's openat/openat2/creat/socket/accept4 events only and says 'o' \
                 for the old open and accept events, where sysdig 0.29 said 'f' and '4'",
        apply: |p| {
            if matches!(p.info.ty.as_str(), "open" | "accept") {
                p.excuse("fd.typechar", |t| t == "f" || t == "4", |o| o == "o");
            }
        },
    },
    Rule {
        reason: "fd.cport of a server (listening) socket: sysdig 0.29 falls through into \
                 fd.cproto and prints 0; current libsinsp has no value",
        apply: |p| p.excuse("fd.cport", |t| t == "0", |o| o == "<NA>"),
    },
    Rule {
        reason: "a path relative to a directory fd named '/': sysdig 0.29 joins them with a \
                 doubled slash ('//etc'); current libsinsp does not",
        apply: |p| {
            for i in 0..p.names.len() {
                if !is_fd_field(&p.names[i]) {
                    continue;
                }
                // fd.containername/directory: "<container id>:<path>".
                let at = match p.theirs[i].find("://") {
                    Some(c) if p.names[i].starts_with("fd.container") => c + 1,
                    _ => 0,
                };
                if p.theirs[i][at..].starts_with("//") {
                    p.theirs[i].remove(at);
                }
            }
        },
    },
    Rule {
        reason: "sysdig 0.29 names a socket from connect's enter event and fills the tuple of \
                 a failed connect (its track-connection-status mode); current libsinsp names \
                 and fills a socket only on a connect that succeeded (or is in progress): where \
                 falco-inspect's socket has no name yet, sysdig's name and endpoints are excused",
        apply: |p| {
            let Some(ty) = p.ours_of("fd.type") else {
                return;
            };
            let name = match (p.ours_of("fd.name"), p.ours_of("fd.containername")) {
                (Some(n), _) => n,
                (None, Some(cn)) => cn.split_once(':').map_or(cn, |(_, n)| n),
                _ => return,
            };
            if matches!(ty, "unix" | "ipv4" | "ipv6") && name.is_empty() {
                p.mask_if(|n| {
                    matches!(
                        n,
                        "fd.name"
                            | "fd.containername"
                            | "fd.cip"
                            | "fd.cport"
                            | "fd.sip"
                            | "fd.sport"
                            | "fd.lip"
                            | "fd.lport"
                            | "fd.rip"
                            | "fd.rport"
                            | "fd.l4proto"
                            | "fd.is_server"
                    )
                });
            }
        },
    },
    Rule {
        reason: "a thread (tid != pid): sysdig 0.29 takes its parent to be the thread that \
                 created it; current libsinsp takes its process's parent",
        apply: |p| {
            if p.info.tid != p.info.pid {
                p.mask_if(is_parent_field);
            }
        },
    },
    Rule {
        reason: "a thread first seen in an event other than its clone gets a stub entry: \
                 sysdig 0.29 gives it pid = tid, current libsinsp pid -1 until an execve or \
                 clone tells",
        apply: |p| {
            if p.info.our_pid != "-1" {
                return;
            }
            let tid = p.info.tid.clone();
            p.excuse("proc.pid", |t| t == tid, |o| o == "-1");
            p.excuse("proc.apid[0]", |t| t == tid, |o| o == "<NA>");
            // Without a process, current libsinsp has no main thread (and so no cwd: "./",
            // and no fd table or limit: get_fd_opencount/get_fd_limit give 0).
            p.excuse("thread.ismain", |t| t == "true", |o| o == "false");
            p.excuse("proc.cwd", |t| t.is_empty(), |o| o == "./");
            p.excuse("proc.fdopencount", |_| true, |o| o == "0");
            p.excuse("proc.fdlimit", |t| t == "-1", |o| o == "0");
        },
    },
    Rule {
        reason: "a stub thread's execve: current libsinsp then sets its vpid/vtid to its \
                 pid/tid (outside pid namespaces); sysdig 0.29 leaves them unknown",
        apply: |p| {
            let (tid, pid) = (p.info.tid.clone(), p.info.pid.clone());
            p.excuse("proc.vpid", |t| t == "<NA>", |o| o == pid);
            p.excuse("thread.vtid", |t| t == "<NA>", |o| o == tid);
        },
    },
    Rule {
        reason: "proc.sname of a process whose session id is unknown (-1): current libsinsp \
                 looks for no leader (empty name); sysdig 0.29 walks up to the eldest ancestor",
        apply: |p| {
            if p.info.sid == "-1" {
                p.mask_if(|n| n == "proc.sname");
            }
        },
    },
    Rule {
        reason: "a parent not in the thread table: current libsinsp has no proc.ppid/pname \
                 (it links processes to parents it knows); sysdig 0.29 prints the recorded \
                 parent id",
        apply: |p| {
            if p.ours_of("proc.pname") == Some("<NA>") || p.ours_of("proc.ppid") == Some("<NA>") {
                p.excuse("proc.ppid", |_| true, |o| o == "<NA>");
            }
        },
    },
    Rule {
        reason: "users of container processes: current libsinsp names them from the \
                 container's own user list, which a capture does not have (only root is known, \
                 with no shell); sysdig 0.29 used the host's list",
        apply: |p| {
            if p.info.container != "host" {
                p.mask_if(|n| {
                    matches!(
                        n,
                        "user.name"
                            | "user.homedir"
                            | "user.shell"
                            | "user.loginname"
                            | "group.name"
                    )
                });
            }
        },
    },
    Rule {
        reason: "local/remote and server roles of a container process's sockets: current \
                 libsinsp compares with the container's addresses, unknown without a runtime; \
                 sysdig 0.29 compared with the host's interfaces",
        apply: |p| {
            if p.info.container != "host" {
                p.mask_if(|n| {
                    matches!(
                        n,
                        "fd.is_server" | "fd.lip" | "fd.rip" | "fd.lport" | "fd.rport"
                    )
                });
            }
        },
    },
    Rule {
        reason: "connect on a UDP socket that already had a destination: current libsinsp \
                 takes the new destination from the tuple; sysdig 0.29 kept the old one, and \
                 the socket's server end differs until it is closed",
        apply: |p| {
            let name_retarget = match (p.theirs_of("fd.name"), p.ours_of("fd.name")) {
                (Some(t), Some(o)) => t != o && t.split("->").next() == o.split("->").next(),
                _ => false,
            };
            let cn_retarget = match (
                p.theirs_of("fd.containername"),
                p.ours_of("fd.containername"),
            ) {
                (Some(t), Some(o)) => {
                    t != o && t.contains("->") && t.split("->").next() == o.split("->").next()
                }
                _ => false,
            };
            let tuple_retarget = p.ours_of("fd.l4proto") == Some("udp")
                && p.theirs_of("fd.cip") == p.ours_of("fd.cip")
                && p.theirs_of("fd.cport") == p.ours_of("fd.cport")
                && (p.theirs_of("fd.sip") != p.ours_of("fd.sip")
                    || p.theirs_of("fd.sport") != p.ours_of("fd.sport"));
            if name_retarget || cn_retarget || tuple_retarget {
                p.mask_if(|n| {
                    matches!(
                        n,
                        "fd.name"
                            | "fd.containername"
                            | "fd.sip"
                            | "fd.sport"
                            | "fd.rip"
                            | "fd.rport"
                            | "fd.is_server"
                    )
                });
            }
        },
    },
    Rule {
        reason: "group.gid: sysdig 0.29 reads the 32-bit gid as 64 bits and prints the bytes \
                 after it too (4294967296 for 0); the low 32 bits are the gid",
        apply: |p| {
            if let (Some(t), Some(o)) = (p.theirs_of("group.gid"), p.ours_of("group.gid")) {
                let low = t.parse::<u64>().ok().map(|v| v & 0xffff_ffff);
                if low.is_some() && low == o.parse::<u64>().ok() {
                    p.excuse("group.gid", |_| true, |_| true);
                }
            }
        },
    },
];

/// Compare falco-inspect's and sysdig's outputs of `format` on `file`, after the rules.
fn compare(file: &str, format: &str) -> Result<(), String> {
    let path = capture_path(file);
    let ours = run_command(
        Command::new(INSPECT)
            .arg("-r")
            .arg(&path)
            .arg("-p")
            .arg(format),
    );
    let theirs = run_sysdig(&path, &["-p", format]);
    let star = format.starts_with('*');
    // Without '*', a line one tool skips (a value it has not) is compared with that tool's
    // line printed with '*' ('<NA>' for the missing values).
    let (ours_star, theirs_star) = if star {
        (String::new(), String::new())
    } else {
        let f = format!("*{format}");
        (
            run_command(Command::new(INSPECT).arg("-r").arg(&path).arg("-p").arg(&f)),
            run_sysdig(&path, &["-p", &f]),
        )
    };
    let names = field_names(format);
    let n = names.len();
    let key = |out: &str| -> BTreeMap<u64, String> {
        out.lines()
            .filter_map(|l| Some((l.split(' ').next()?.parse().ok()?, l.to_string())))
            .collect()
    };
    let (ours, theirs) = (key(&ours), key(&theirs));
    let (ours_star, theirs_star) = (key(&ours_star), key(&theirs_star));
    let info = infos(file);
    let mut bad = Vec::new();
    let mut count = 0usize;
    for num in ours
        .keys()
        .chain(theirs.keys())
        .copied()
        .collect::<std::collections::BTreeSet<_>>()
    {
        let (o, t) = (ours.get(&num), theirs.get(&num));
        if o == t {
            continue;
        }
        let empty = Info::default();
        let inf = info.get(&num).unwrap_or(&empty);
        let (t, o) = match (t, o) {
            (None, Some(o)) if !star => (theirs_star.get(&num), Some(o)),
            (Some(t), None) if !star => (Some(t), ours_star.get(&num)),
            other => other,
        };
        let ok = match (t, o) {
            (Some(t), Some(o)) => {
                let mut p = Pair {
                    names: &names,
                    info: inf,
                    theirs: columns(t, n),
                    ours: columns(o, n),
                };
                for r in RULES {
                    (r.apply)(&mut p);
                }
                p.theirs == p.ours
            }
            _ => false,
        };
        if !ok {
            count += 1;
            if bad.len() < 8 {
                bad.push(format!(
                    "  event {num} ({} {}):\n    sysdig:        {}\n    falco-inspect: {}",
                    inf.ty,
                    inf.dir,
                    t.map_or("(no line)", |s| s.as_str()),
                    o.map_or("(no line)", |s| s.as_str())
                ));
            }
        }
    }
    if count == 0 {
        Ok(())
    } else {
        Err(format!(
            "-r {file} -p '{format}': {count} event(s) differ after the documented rules:\n{}",
            bad.join("\n")
        ))
    }
}

/// The captures compared: every shared capture but the big one, which only some formats
/// cover (sysdig needs tens of seconds per pass over it).
fn small_captures() -> Vec<&'static str> {
    CAPTURES
        .iter()
        .filter(|c| c.stem != "vm-workload-2")
        .map(|c| c.file)
        .collect()
}

fn check(format: &str, big_too: bool) {
    captures_or_skip!();
    sysdig_or_skip!();
    let mut files = small_captures();
    if big_too {
        files.push("vm-workload-2.scap.gz");
    }
    let errors: Vec<String> = files
        .iter()
        .filter_map(|f| compare(f, format).err())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

macro_rules! formats {
    ($($name:ident: $format:literal, $big:literal;)*) => {$(
        #[test]
        fn $name() {
            check($format, $big);
        }
    )*};
}

formats! {
    process_tree: "*%evt.num %proc.name %proc.pid %proc.ppid %proc.pname %proc.exepath %proc.cwd %proc.cmdline", true;
    process_tree_no_star: "%evt.num %proc.name %proc.pid %proc.ppid %proc.pname %proc.exepath %proc.cwd %proc.cmdline", false;
    process_exe_args: "*%evt.num %proc.exe %proc.args", false;
    process_env: "*%evt.num %proc.env", false;
    process_ancestors: "*%evt.num %proc.aname[2] %proc.apid[1] %proc.sname %proc.vpgid %proc.tty %proc.sid", false;
    process_ancestors_no_star: "%evt.num %proc.aname[2] %proc.apid[1] %proc.sname %proc.vpgid %proc.tty", false;
    process_ancestors_deep: "*%evt.num %proc.aname[0] %proc.aname[1] %proc.aname[3] %proc.apid[0] %proc.apid[2]", false;
    process_ids: "*%evt.num %proc.pid %proc.vpid %thread.vtid %proc.loginshellid %proc.sid", true;
    process_misc: "*%evt.num %proc.is_exe_writable %proc.duration %thread.ismain %proc.pcmdline", false;
    fd_basics: "*%evt.num %fd.num %fd.type %fd.typechar %fd.name", true;
    fd_basics_no_star: "%evt.num %fd.num %fd.type %fd.typechar %fd.name", false;
    fd_tuple: "*%evt.num %fd.cip %fd.cport %fd.sip %fd.sport %fd.l4proto %fd.type %fd.name", true;
    fd_tuple_no_star: "%evt.num %fd.cip %fd.cport %fd.sip %fd.sport %fd.l4proto", false;
    fd_roles: "*%evt.num %fd.sockfamily %fd.is_server %fd.type %fd.name", false;
    fd_local_remote: "*%evt.num %fd.lip %fd.lport %fd.rip %fd.rport %fd.type %fd.name", false;
    fd_paths: "*%evt.num %fd.directory %fd.filename %fd.type %fd.name", false;
    fd_ids: "*%evt.num %fd.uid %fd.containerdirectory %fd.type %fd.containername", false;
    users: "*%evt.num %user.name %user.uid %user.loginuid %group.name %group.gid", true;
    users_no_star: "%evt.num %user.name %user.uid %user.loginuid %group.name", false;
    users_more: "*%evt.num %user.homedir %user.shell %user.loginname", false;
    container_id: "%evt.num %container.id", true;
    container_id_name: "*%evt.num %container.id %container.name", false;
    thread_and_process: "*%evt.num %thread.tid %proc.pid %proc.name %proc.exepath", false;
    // Kept current by execve, clone, brk/mmap/munmap and context switch events.
    process_fds: "*%evt.num %proc.fdopencount %proc.fdlimit %proc.fdusage", false;
    memory_and_faults: "*%evt.num %thread.pfmajor %thread.pfminor %proc.vmsize %proc.vmrss %proc.vmswap %thread.vmsize %thread.vmrss", true;
    falco_standard_output: "*%evt.num %user.name %user.loginuid %proc.exepath %proc.name %proc.pname %proc.tty %container.id %proc.cmdline", false;
    shell_rule_output: "*%evt.num %proc.name %proc.pid %proc.aname[2] %proc.aname[3] %proc.cwd %fd.type %fd.name", false;
    network_rule_output: "*%evt.num %fd.type %fd.sockfamily %fd.cip %fd.cport %fd.sip %fd.sport %fd.l4proto %proc.name %fd.name", false;
}
