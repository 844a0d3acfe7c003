//! Hot reload of `falco` while it captures live (modern eBPF probe): a changed rules file
//! is picked up without restarting the capture (`watch_config_files`), a broken one is
//! rejected with its errors while the old rules keep running, SIGHUP reloads too, and the
//! end-of-run statistics count the alerts of every generation of rules.
//!
//! Needs root and kernel BTF; otherwise prints one line saying why and passes.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{ChildStderr, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

fn rule(name: &str, marker: &Path) -> String {
    format!(
        "- rule: {name}\n  desc: opens of a marker file\n  condition: evt.type in (open, \
         openat, openat2) and fd.name = {}\n  output: \"{name} %fd.name\"\n  priority: \
         WARNING\n",
        marker.display()
    )
}

/// Lines of falco's log as they come.
fn log_lines(stderr: ChildStderr) -> Receiver<String> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Wait for a log line containing `what`; the lines seen are added to `log`.
fn wait_for(rx: &Receiver<String>, what: &str, log: &mut String) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) {
            log.push_str(&line);
            log.push('\n');
            if line.contains(what) {
                return;
            }
        }
    }
    panic!("no log line with '{what}' within 30 s:\n{log}");
}

fn touch(p: &Path) {
    std::fs::write(p, b"x").unwrap();
    let _ = std::fs::read(p).unwrap();
}

#[test]
fn rules_reload_while_capturing() {
    falco_tests::live_or_skip!();
    let dir = tempfile::tempdir().unwrap();
    let m1 = dir.path().join("marker-one");
    let m2 = dir.path().join("marker-two");
    let m3 = dir.path().join("marker-three");
    let rules = dir.path().join("rules.yaml");
    std::fs::write(&rules, rule("First rule", &m1)).unwrap();
    let conf = dir.path().join("falco.yaml");
    std::fs::write(
        &conf,
        format!(
            "rules_files:\n  - {}\nwatch_config_files: true\nlog_stderr: true\nlog_syslog: \
             false\nstdout_output:\n  enabled: true\nsyslog_output:\n  enabled: false\n\
             json_output: true\nbuffered_outputs: false\n",
            rules.display()
        ),
    )
    .unwrap();
    let mut falco = Command::new(env!("CARGO_BIN_EXE_falco"))
        .arg("-c")
        .arg(&conf)
        .args(["-o", "engine.kind=modern_ebpf", "-M", "120"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let rx = log_lines(falco.stderr.take().unwrap());
    let mut log = String::new();
    wait_for(
        &rx,
        "Opening 'syscall' source with modern BPF probe.",
        &mut log,
    );
    std::thread::sleep(Duration::from_secs(2));

    // Generation 1.
    touch(&m1);
    // Generation 2: the file changes; the watcher (1 s) reloads it.
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(&rules, rule("Second rule", &m2)).unwrap();
    wait_for(&rx, "Reloaded: 1 rules loaded, 1 enabled", &mut log);
    touch(&m2);
    touch(&m1); // no longer a rule for it
                // A broken file: rejected, the second rule stays.
    std::fs::write(
        &rules,
        "- rule: Broken\n  desc: d\n  condition: evt.type = open and\n  output: o\n  \
         priority: WARNING\n",
    )
    .unwrap();
    wait_for(
        &rx,
        "Reload failed, the current rules stay in force",
        &mut log,
    );
    touch(&m2);
    // The events of that touch must meet the second rule before the next reload: under
    // load (CI runs the tests in parallel) they can still be in the ring buffer when a
    // reload that follows at once takes effect.
    std::thread::sleep(Duration::from_millis(1500));
    // Generation 3 through SIGHUP (the watcher stays armed after the failed reload, so
    // give it time to see the repaired file too; both lead to the same reload).
    std::fs::write(&rules, rule("Third rule", &m3)).unwrap();
    // SAFETY: kill with our child's pid and a valid signal number.
    unsafe { libc::kill(falco.id() as i32, libc::SIGHUP) };
    wait_for(&rx, "Reloaded: 1 rules loaded, 1 enabled", &mut log);
    std::thread::sleep(Duration::from_millis(1500));
    touch(&m3);
    std::thread::sleep(Duration::from_secs(1));

    // SAFETY: as above.
    unsafe { libc::kill(falco.id() as i32, libc::SIGINT) };
    let mut out = String::new();
    falco
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    let status = falco.wait().unwrap();
    while let Ok(l) = rx.try_recv() {
        log.push_str(&l);
        log.push('\n');
    }
    assert!(status.success(), "{status}\n{log}");
    assert!(
        log.contains("LOAD_ERR_COMPILE_CONDITION"),
        "the broken file's error is logged:\n{log}"
    );

    let fired: Vec<(String, String)> = out
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["rule"].as_str().unwrap().to_string(),
                v["output_fields"]["fd.name"]
                    .as_str()
                    .unwrap_or("")
                    .to_string(),
            )
        })
        .collect();
    let count = |r: &str, m: &Path| {
        fired
            .iter()
            .filter(|(rule, f)| rule == r && f == &m.display().to_string())
            .count()
    };
    // Each touch opens the marker twice (write, then read).
    assert_eq!(count("First rule", &m1), 2, "{fired:?}\n{log}");
    assert_eq!(count("Second rule", &m2), 4, "{fired:?}\n{log}");
    assert_eq!(count("Third rule", &m3), 2, "{fired:?}\n{log}");
    assert_eq!(fired.len(), 8, "{fired:?}");
    assert!(out.contains("Events detected: 8\n"), "{out}");
    for r in ["First rule: 2", "Second rule: 4", "Third rule: 2"] {
        assert!(out.contains(&format!("   {r}\n")), "{out}");
    }
}
