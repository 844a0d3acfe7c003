//! `falco` live on the running kernel (modern eBPF probe) with the default rules: a
//! workload of triggers runs while falco watches, and each trigger raises its rule, with
//! the process that did it; SIGINT stops falco cleanly with its statistics.
//!
//! Needs root and kernel BTF; otherwise prints one line saying why and passes.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CONFIG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/falco.yaml");
const RULES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/falco_rules.yaml");

fn sh(script: &str) {
    let st = Command::new("sh").arg("-c").arg(script).status().unwrap();
    assert!(st.success(), "{script}");
}

#[test]
fn live_triggers_raise_their_rules() {
    falco_tests::live_or_skip!();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().display().to_string();
    let mut falco = Command::new(env!("CARGO_BIN_EXE_falco"))
        .args(["-c", CONFIG, "-r", RULES])
        .args(["-o", "engine.kind=modern_ebpf", "-o", "json_output=true"])
        .args([
            "-o",
            "stdout_output.enabled=true",
            "-o",
            "syslog_output.enabled=false",
        ])
        .args(["-o", "log_stderr=true", "-o", "log_syslog=false"])
        .args(["-o", "append_output=[{extra_fields: [proc.pid]}]"])
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
    // The probe attaches right after the /proc scan that follows this line.
    std::thread::sleep(Duration::from_secs(2));

    let etc_file = format!("/etc/falco-live-test-{}", std::process::id());
    sh("cat /etc/shadow > /dev/null");
    sh(&format!("ln -s /etc/passwd {d}/pwlink"));
    sh(&format!("touch {d}/suid && chmod u+s {d}/suid"));
    sh(&format!("echo x > {etc_file}; rm -f {etc_file}"));
    sh(&format!(
        "cp /bin/true {d}/dropped-bin && chmod +x {d}/dropped-bin && {d}/dropped-bin"
    ));
    sh("find /root -maxdepth 1 -name id_rsa > /dev/null");
    std::thread::sleep(Duration::from_secs(2));

    // SAFETY: kill with a valid pid of our child and a valid signal number.
    unsafe { libc::kill(falco.id() as i32, libc::SIGINT) };
    let started = Instant::now();
    let mut out = String::new();
    falco
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    log.push_str(&rest);
    let status = falco.wait().unwrap();
    assert!(status.success(), "falco: {status}\n{log}");
    assert!(started.elapsed() < Duration::from_secs(20), "slow to stop");
    assert!(log.contains("SIGINT received, exiting..."), "{log}");
    assert!(out.contains("Events detected: "), "{out}");

    let alerts: Vec<serde_json::Value> = out
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let has = |rule: &str, field: &str, want: &str| {
        alerts.iter().any(|a| {
            a["rule"] == rule
                && a["output_fields"][field]
                    .as_str()
                    .is_some_and(|v| v.contains(want))
        })
    };
    let expect = [
        ("Credential file read", "fd.name", "/etc/shadow".to_string()),
        (
            "Link to an account file created",
            "proc.cmdline",
            format!("{d}/pwlink"),
        ),
        (
            "File made setuid or setgid",
            "proc.cmdline",
            format!("{d}/suid"),
        ),
        (
            "System configuration file written",
            "fd.name",
            etc_file.clone(),
        ),
        (
            "Executable file placed in a scratch directory",
            "proc.cmdline",
            format!("{d}/dropped-bin"),
        ),
        (
            "Program run from a scratch directory",
            "proc.exepath",
            format!("{d}/dropped-bin"),
        ),
        (
            "Search for credential files",
            "proc.cmdline",
            "id_rsa".to_string(),
        ),
    ];
    let mut missing = Vec::new();
    for (rule, field, want) in &expect {
        if !has(rule, field, want) {
            missing.push(format!("{rule} ({field} ~ {want})"));
        }
    }
    assert!(
        missing.is_empty(),
        "missing alerts: {missing:#?}\nalerts:\n{}",
        alerts
            .iter()
            .map(|a| format!("{} | {}", a["rule"], a["output"]))
            .collect::<Vec<_>>()
            .join("\n")
    );
}
