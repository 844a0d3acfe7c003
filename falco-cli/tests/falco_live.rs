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
const TRIGGERS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/live_triggers.json");

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
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let pid = std::process::id().to_string();
    let within = Duration::from_secs(2);
    let mut seen = Vec::new();
    // The triggers and their alerts: shared with the kernel-module run in the VM
    // (tests/vm/triggers.py), so both drivers are held to the same list.
    let subst = |s: &str| {
        s.replace("{dir}", &d)
            .replace("{pid}", &pid)
            .replace("{port}", &port)
            .replace("{me}", &me)
    };
    let triggers: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(TRIGGERS).unwrap()).unwrap();
    let triggers = triggers["triggers"].as_array().unwrap();
    assert!(
        triggers.len() >= 8,
        "{TRIGGERS}: {} triggers",
        triggers.len()
    );
    let strs = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .map(|a| a.iter().map(|s| subst(s.as_str().unwrap())).collect())
            .unwrap_or_default()
    };
    for t in triggers {
        for cmd in t["run"].as_array().unwrap() {
            let argv = strs(cmd);
            let args: Vec<&str> = argv[1..].iter().map(String::as_str).collect();
            run(&argv[0], &args);
        }
        for f in strs(&t["remove"]) {
            let _ = std::fs::remove_file(f);
        }
        let fields: Vec<(&str, String)> = t["fields"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.as_str(), subst(v.as_str().unwrap())))
            .collect();
        expect(
            &rx,
            &mut seen,
            &Want {
                rule: t["rule"].as_str().unwrap(),
                fields,
            },
            within,
        );
    }
    drop(listener);

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
/// `falco` with `engine.kind=KIND` for 2 seconds: its exit code and log.
fn run_with_engine(kind: &str) -> (Option<i32>, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_falco"))
        .args(["-c", CONFIG, "-r", RULES, "-M", "2"])
        .args(["-o", &format!("engine.kind={kind}")])
        .args(["-o", "log_stderr=true", "-o", "log_syslog=false"])
        .args(["-o", "webserver.enabled=false"])
        .output()
        .unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn driver_selection() {
    if std::path::Path::new("/sys/module/falco_rs").exists() {
        falco_tests::skip("the falco_rs module is loaded on this machine");
        return;
    }
    let (code, err) = run_with_engine("kmod");
    assert_eq!(code, Some(1), "{err}");
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
    let (code, err) = run_with_engine("auto");
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("Opening 'syscall' source with modern BPF probe."),
        "{err}"
    );
}
