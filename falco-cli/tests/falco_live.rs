//! `falco` live on the running kernel (modern eBPF probe) with the default rules: each
//! trigger of a workload raises its rule within 2 seconds, with the process, command line,
//! file and user that did it; SIGINT stops falco cleanly with its statistics.
//!
//! Needs root and kernel BTF; otherwise prints one line saying why and passes.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

const CONFIG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/falco.yaml");
const RULES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/falco_rules.yaml");

/// Alerts as they arrive on falco's stdout.
fn alerts(stdout: std::process::ChildStdout) -> Receiver<serde_json::Value> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) {
                if tx.send(v).is_err() {
                    break;
                }
            }
        }
    });
    rx
}

/// What an alert must show.
struct Want<'a> {
    rule: &'a str,
    /// (field, substring of its value)
    fields: Vec<(&'a str, String)>,
}

/// Waits at most `within` for an alert matching `want`; the alerts seen are kept.
fn expect(rx: &Receiver<serde_json::Value>, seen: &mut Vec<String>, want: &Want, within: Duration) {
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let Ok(a) = rx.recv_timeout(left) else {
            panic!(
                "no '{}' alert with {:?} within {within:?}; alerts seen:\n{}",
                want.rule,
                want.fields,
                seen.join("\n")
            );
        };
        seen.push(format!("{} | {}", a["rule"], a["output"]));
        let hit = a["rule"] == want.rule
            && want.fields.iter().all(|(f, v)| {
                let got = &a["output_fields"][*f];
                got.as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| got.to_string())
                    .contains(v.as_str())
            });
        if hit {
            return;
        }
    }
}

fn run(program: &str, args: &[&str]) {
    let st = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(st.success(), "{program} {args:?}");
}

#[test]
fn live_triggers_raise_their_rules() {
    falco_tests::live_or_skip!();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().display().to_string();
    let mut falco = Command::new(env!("CARGO_BIN_EXE_falco"))
        .args(["-c", CONFIG, "-r", RULES, "-U"])
        .args(["-o", "engine.kind=modern_ebpf", "-o", "json_output=true"])
        .args([
            "-o",
            "stdout_output.enabled=true",
            "-o",
            "syslog_output.enabled=false",
        ])
        .args(["-o", "log_stderr=true", "-o", "log_syslog=false"])
        .args(["-o", "webserver.enabled=false"])
        .args(["-M", "120"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(falco.stderr.take().unwrap());
    let mut log = String::new();
    loop {
        let mut line = String::new();
        if stderr.read_line(&mut line).unwrap() == 0 {
            let status = falco.wait().unwrap();
            panic!("falco ended ({status}) before capturing:\n{log}");
        }
        log.push_str(&line);
        if line.contains("Opening 'syscall' source with modern BPF probe.") {
            break;
        }
    }
    let rx = alerts(falco.stdout.take().unwrap());
    // The probe attaches right after the /proc scan that follows this line.
    std::thread::sleep(Duration::from_secs(2));

    let me = std::fs::read_to_string("/proc/self/comm")
        .unwrap()
        .trim()
        .to_string();
    let etc_file = format!("/etc/falco-live-test-{}", std::process::id());
    let shm_bin = format!("/dev/shm/falco-live-{}", std::process::id());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let within = Duration::from_secs(2);
    let mut seen = Vec::new();
    let f = |k: &'static str, v: &str| (k, v.to_string());

    run("find", &["/root", "-maxdepth", "2", "-name", "id_rsa"]);
    expect(
        &rx,
        &mut seen,
        &Want {
            rule: "Search for credential files",
            fields: vec![
                f("proc.name", "find"),
                f("proc.cmdline", "-name id_rsa"),
                f("user.name", "root"),
            ],
        },
        within,
    );

    run("cat", &["/etc/shadow"]);
    expect(
        &rx,
        &mut seen,
        &Want {
            rule: "Credential file read",
            fields: vec![
                f("proc.name", "cat"),
                f("proc.cmdline", "cat /etc/shadow"),
                f("fd.name", "/etc/shadow"),
                f("user.name", "root"),
            ],
        },
        within,
    );

    run("touch", &[&etc_file]);
    let _ = std::fs::remove_file(&etc_file);
    expect(
        &rx,
        &mut seen,
        &Want {
            rule: "System configuration file written",
            fields: vec![
                f("proc.name", "touch"),
                f("fd.name", &etc_file),
                f("user.name", "root"),
            ],
        },
        within,
    );

    // A shell started by this test program: a parent that is neither a shell nor a launcher.
    run("sh", &["-c", "true"]);
    expect(
        &rx,
        &mut seen,
        &Want {
            rule: "Shell started by a non-shell program",
            fields: vec![
                f("proc.name", "sh"),
                f("proc.cmdline", "sh -c true"),
                f("proc.pname", &me),
            ],
        },
        within,
    );

    // A loopback connect from a shell (bash's /dev/tcp) to a listener of this test.
    run(
        "bash",
        &["-c", &format!("exec 3<>/dev/tcp/127.0.0.1/{port}")],
    );
    expect(
        &rx,
        &mut seen,
        &Want {
            rule: "Outbound connection from a shell or inline code",
            fields: vec![
                f("proc.name", "bash"),
                f("fd.name", &format!("->127.0.0.1:{port}")),
                f("user.name", "root"),
            ],
        },
        within,
    );
    drop(listener);

    // A binary copied to /dev/shm and run from there.
    run("cp", &["/bin/true", &shm_bin]);
    run(&shm_bin, &[]);
    let _ = std::fs::remove_file(&shm_bin);
    expect(
        &rx,
        &mut seen,
        &Want {
            rule: "Program run from a scratch directory",
            fields: vec![f("proc.exepath", &shm_bin), f("user.name", "root")],
        },
        within,
    );

    // Links and modes, in the test's own directory.
    run("ln", &["-s", "/etc/passwd", &format!("{d}/pwlink")]);
    expect(
        &rx,
        &mut seen,
        &Want {
            rule: "Link to an account file created",
            fields: vec![
                f("proc.name", "ln"),
                f("proc.cmdline", &format!("{d}/pwlink")),
            ],
        },
        within,
    );
    run("touch", &[&format!("{d}/suid")]);
    run("chmod", &["u+s", &format!("{d}/suid")]);
    expect(
        &rx,
        &mut seen,
        &Want {
            rule: "File made setuid or setgid",
            fields: vec![
                f("proc.name", "chmod"),
                f("proc.cmdline", &format!("{d}/suid")),
            ],
        },
        within,
    );

    // SAFETY: kill with a valid pid of our child and a valid signal number.
    unsafe { libc::kill(falco.id() as i32, libc::SIGINT) };
    let started = Instant::now();
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    log.push_str(&rest);
    let status = falco.wait().unwrap();
    assert!(status.success(), "falco: {status}\n{log}");
    assert!(started.elapsed() < Duration::from_secs(20), "slow to stop");
    assert!(log.contains("SIGINT received, exiting..."), "{log}");
}

/// Driver selection: `kmod` without the module loaded fails with a message saying what to
/// do; `auto` takes the eBPF probe when the module is not loaded, and says so.
#[test]
fn driver_selection() {
    if std::path::Path::new("/sys/module/falco_rs").exists() {
        falco_tests::skip("the falco_rs module is loaded on this machine");
        return;
    }
    let o = Command::new(env!("CARGO_BIN_EXE_falco"))
        .args([
            "-c",
            CONFIG,
            "-r",
            RULES,
            "-o",
            "engine.kind=kmod",
            "-M",
            "2",
        ])
        .args(["-o", "log_stderr=true", "-o", "log_syslog=false"])
        .args(["-o", "webserver.enabled=false"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("Opening 'syscall' source with Kernel module"),
        "{err}"
    );
    assert!(
        err.contains(
            "Error: Could not open the kernel module: the kernel module falco_rs is not loaded"
        ),
        "{err}"
    );
    falco_tests::live_or_skip!();
    let o = Command::new(env!("CARGO_BIN_EXE_falco"))
        .args([
            "-c",
            CONFIG,
            "-r",
            RULES,
            "-o",
            "engine.kind=auto",
            "-M",
            "2",
        ])
        .args(["-o", "log_stderr=true", "-o", "log_syslog=false"])
        .args(["-o", "webserver.enabled=false"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("Opening 'syscall' source with modern BPF probe."),
        "{err}"
    );
}
