//! The `falco` command live (modern eBPF probe) with the web server and Prometheus metrics
//! on: `/healthz` answers 200 while capturing, `/metrics` parses and its event counters
//! move with the system calls of a workload run in between two scrapes, and the periodic
//! metrics snapshot reaches the outputs.
//!
//! Needs root, kernel BTF and a build with the probe; otherwise prints one line saying
//! why and passes.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn skip_reason() -> Option<String> {
    falco_tests::live_missing_reason()
}

fn get(addr: SocketAddr, path: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    s.write_all(format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes())
        .ok()?;
    let mut r = String::new();
    s.read_to_string(&mut r).ok()?;
    let (head, body) = r.split_once("\r\n\r\n")?;
    Some((head.get(9..12)?.parse().ok()?, body.to_string()))
}

/// The value of an unlabelled sample.
fn sample(text: &str, name: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
}

#[test]
fn healthz_and_metrics_while_capturing() {
    if let Some(why) = skip_reason() {
        println!("skipping healthz_and_metrics_while_capturing: {why}");
        return;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/falco_rules.yaml");
    let snapshots = dir.path().join("metrics.jsonl");
    let cfg = dir.path().join("falco.yaml");
    std::fs::write(
        &cfg,
        format!(
            "rules_files: [{}]\nengine:\n  kind: modern_ebpf\nstdout_output:\n  enabled: true\njson_output: true\nlog_stderr: true\nwebserver:\n  enabled: true\n  listen_address: 127.0.0.1\n  listen_port: {port}\n  threadiness: 2\n  prometheus_metrics_enabled: true\nmetrics:\n  enabled: true\n  interval: 1s\n  output_rule: true\n  output_file: {}\n",
            rules.display(),
            snapshots.display()
        ),
    )
    .unwrap();
    let mut falco = Command::new(env!("CARGO_BIN_EXE_falco"))
        .arg("-c")
        .arg(&cfg)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = falco.stderr.take().unwrap();
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let l2 = log.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            l2.lock().unwrap().push_str(&(line + "\n"));
        }
    });
    let stdout = falco.stdout.take().unwrap();
    let out = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let o2 = out.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            o2.lock().unwrap().push_str(&(line + "\n"));
        }
    });

    // /healthz once the probe is attached.
    let deadline = Instant::now() + Duration::from_secs(90);
    let mut healthy = false;
    while Instant::now() < deadline {
        if let Some(status) = falco.try_wait().unwrap() {
            let log = log.lock().unwrap().clone();
            if log.contains("built without the eBPF probe") {
                println!("skipping healthz_and_metrics_while_capturing: {log}");
                return;
            }
            panic!("falco ended ({status}) before answering /healthz:\n{log}");
        }
        {
            // Falco starts the web server before it opens the event sources.
            let l = log.lock().unwrap();
            if l.contains("Opening 'syscall' source") && !l.contains("Starting health webserver") {
                let l = l.clone();
                let _ = falco.kill();
                let _ = falco.wait();
                panic!("falco opened the event source without starting the web server:\n{l}");
            }
        }
        if get(addr, "/healthz") == Some((200, r#"{"status": "ok"}"#.to_string())) {
            healthy = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let stop = |mut falco: std::process::Child| {
        // SAFETY: kill(2) with the pid of a child we started and have not reaped.
        unsafe { libc::kill(falco.id() as i32, libc::SIGINT) };
        let _ = falco.wait();
    };
    if !healthy {
        stop(falco);
        panic!("no 200 from /healthz within 90 s:\n{}", log.lock().unwrap());
    }
    assert!(log
        .lock()
        .unwrap()
        .contains(&format!("listening on 127.0.0.1:{port}")));

    // The driver counters appear once the probe runs (the server starts before it opens).
    let deadline = Instant::now() + Duration::from_secs(20);
    let (st, mut m1) = get(addr, "/metrics").expect("/metrics");
    assert_eq!(st, 200);
    while sample(&m1, "falcosecurity_scap_n_evts_total").is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(200));
        m1 = get(addr, "/metrics").expect("/metrics").1;
    }
    let n1 = sample(&m1, "falcosecurity_scap_n_evts_total");
    // A workload: a few hundred system calls.
    for _ in 0..20 {
        let _ = Command::new("/bin/true").status();
        let _ = std::fs::read("/etc/hostname");
    }
    std::thread::sleep(Duration::from_millis(1500));
    let (_, m2) = get(addr, "/metrics").expect("/metrics");
    let n2 = sample(&m2, "falcosecurity_scap_n_evts_total");
    // Wait for a periodic snapshot (interval 1s) taken after the second scrape.
    let seen = out.lock().unwrap().matches("metrics snapshot").count();
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline
        && out.lock().unwrap().matches("metrics snapshot").count() <= seen
    {
        std::thread::sleep(Duration::from_millis(100));
    }
    stop(falco);
    let (n1, n2) = (
        n1.unwrap_or_else(|| panic!("no n_evts in\n{m1}")),
        n2.unwrap_or_else(|| panic!("no n_evts in\n{m2}")),
    );
    assert!(
        n2 > n1,
        "falcosecurity_scap_n_evts_total did not move: {n1} -> {n2}"
    );
    let out = out.lock().unwrap().clone();
    // The last snapshot: the first may come before the probe was open.
    let snap = out
        .lines()
        .rfind(|l| l.contains("Falco internal: metrics snapshot"))
        .unwrap_or_else(|| panic!("no metrics snapshot alert in\n{out}"));
    let v: serde_json::Value = serde_json::from_str(snap).unwrap();
    assert_eq!(v["priority"], "Informational");
    assert!(v["output_fields"]["scap.n_evts"].as_u64().unwrap() > 0);
    assert!(v["output_fields"]["falco.num_evts"].as_u64().unwrap() > 0);
    let file = std::fs::read_to_string(&snapshots).unwrap_or_default();
    assert!(file.lines().count() >= 1, "no line in metrics.output_file");
}
