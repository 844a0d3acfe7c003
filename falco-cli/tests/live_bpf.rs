//! `falco-inspect` live (eBPF engine): a recording made with `-w` while a known workload
//! runs, stopped with SIGINT, reads back with the capture reader with the workload's
//! events and parameters, and the metadata of a live capture (machine with boot time,
//! processes and fds from /proc).
//!
//! Needs root, kernel BTF and a build with the probe; otherwise prints one line saying
//! why and passes.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use falco_scap::{CaptureReader, Event};
use falco_schema::code::*;

fn skip_reason() -> Option<String> {
    falco_tests::live_missing_reason()
}

fn param_str(ev: &Event<'_>, name: &str) -> Option<String> {
    let v = ev.param_by_name(name)?;
    let v = v.strip_suffix(&[0]).unwrap_or(v);
    Some(String::from_utf8_lossy(v).into_owned())
}

fn param_i64(ev: &Event<'_>, name: &str) -> Option<i64> {
    Some(i64::from_le_bytes(ev.param_by_name(name)?.try_into().ok()?))
}

#[test]
fn live_recording_reads_back_with_the_workload() {
    if let Some(why) = skip_reason() {
        println!("skipping live_recording_reads_back_with_the_workload: {why}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("live.scap");
    let mut inspect = Command::new(env!("CARGO_BIN_EXE_falco-inspect"))
        .arg("-w")
        .arg(&out)
        .args(["-M", "60"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the probe is attached.
    let mut stderr = BufReader::new(inspect.stderr.take().unwrap());
    let mut log = String::new();
    loop {
        let mut line = String::new();
        if stderr.read_line(&mut line).unwrap() == 0 {
            let status = inspect.wait().unwrap();
            if log.contains("built without the eBPF probe") {
                println!("skipping live_recording_reads_back_with_the_workload: {log}");
                return;
            }
            panic!("falco-inspect ended ({status}) before capturing:\n{log}");
        }
        log.push_str(&line);
        if line.contains("live capture with the modern_bpf engine") {
            break;
        }
    }

    // The workload: a shell that writes a known file, reads it back and removes it.
    let file = dir.path().join("workload-file");
    let script = format!(
        "echo falco-live > {f}; cat {f} > /dev/null; rm {f}",
        f = file.display()
    );
    let wl = Command::new("/bin/sh")
        .args(["-c", &script, "falco-workload"])
        .status()
        .unwrap();
    assert!(wl.success());
    std::thread::sleep(Duration::from_millis(300));

    // SIGINT: the capture ends cleanly and the file is complete.
    let pid = inspect.id().to_string();
    assert!(Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    let t0 = Instant::now();
    let status = inspect.wait().unwrap();
    let mut rest = String::new();
    for line in stderr.lines() {
        rest.push_str(&line.unwrap());
        rest.push('\n');
    }
    assert!(status.success(), "falco-inspect failed: {log}{rest}");
    assert!(
        t0.elapsed() < Duration::from_secs(10),
        "SIGINT ends the capture"
    );
    assert!(
        rest.contains("driver events:"),
        "the driver's counters are printed at the end: {rest}"
    );

    let mut r = CaptureReader::open(&out).unwrap();
    let meta = r.metadata().clone();
    let mi = meta.machine.as_ref().expect("machine info");
    assert!(mi.num_cpus > 0);
    assert!(
        mi.boot_ts_epoch > 1_000_000_000_000_000_000,
        "boot time in ns"
    );
    assert!(!meta.threads.is_empty(), "processes from /proc");
    assert!(
        meta.threads
            .iter()
            .any(|t| t.pid == inspect.id() as u64 && t.comm == b"falco-inspect"),
        "falco-inspect itself is in the process list"
    );
    assert!(!meta.fds.is_empty(), "fds from /proc");

    let file_s = file.to_str().unwrap().to_string();
    let mut shell_pid = None;
    let (mut saw_exec, mut saw_open, mut saw_unlink) = (false, false, false);
    let mut last_ts = 0;
    let mut n = 0;
    while let Some(ev) = r.next_event().unwrap() {
        n += 1;
        let info = ev.info().unwrap();
        assert_eq!(ev.nparams() as usize, info.params.len(), "{}", info.name);
        assert!(ev.ts() >= mi.boot_ts_epoch);
        last_ts = last_ts.max(ev.ts());
        match ev.ty() {
            PPME_SYSCALL_EXECVE_19_X
                if param_str(&ev, "filename").as_deref() == Some("/bin/sh")
                    && ev
                        .param_by_name("args")
                        .is_some_and(|a| a.starts_with(b"-c\0")) =>
            {
                assert_eq!(param_i64(&ev, "res"), Some(0));
                assert_eq!(param_str(&ev, "exe").as_deref(), Some("/bin/sh"));
                let mut args = b"-c\0".to_vec();
                args.extend_from_slice(script.as_bytes());
                args.extend_from_slice(b"\0falco-workload\0");
                assert_eq!(ev.param_by_name("args").unwrap(), &args[..]);
                shell_pid = Some(ev.tid());
                saw_exec = true;
            }
            // The shell's redirection creates the file.
            PPME_SYSCALL_OPENAT_2_X | PPME_SYSCALL_OPEN_X | PPME_SYSCALL_CREAT_X
                if param_str(&ev, "name").as_deref() == Some(&file_s)
                    && Some(ev.tid()) == shell_pid
                    && !saw_open =>
            {
                assert!(param_i64(&ev, "fd").unwrap() >= 0);
                saw_open = true;
            }
            PPME_SYSCALL_UNLINKAT_2_X | PPME_SYSCALL_UNLINK_2_X
                if ev
                    .param_by_name(if ev.ty() == PPME_SYSCALL_UNLINK_2_X {
                        "path"
                    } else {
                        "name"
                    })
                    .is_some_and(|p| p.strip_suffix(&[0]) == Some(file_s.as_bytes())) =>
            {
                assert_eq!(param_i64(&ev, "res"), Some(0));
                saw_unlink = true;
            }
            _ => {}
        }
    }
    assert!(n > 0);
    assert!(saw_exec, "the workload's execve is recorded");
    assert!(saw_open, "the workload's open of {file_s} is recorded");
    assert!(saw_unlink, "rm's unlink of {file_s} is recorded");

    // Replay prints the recording through the same formatting path as live.
    let replay = Command::new(env!("CARGO_BIN_EXE_falco-inspect"))
        .arg("-r")
        .arg(&out)
        .args(["-p", "%evt.type %evt.args"])
        .output()
        .unwrap();
    assert!(replay.status.success());
    let text = String::from_utf8_lossy(&replay.stdout);
    assert!(text
        .lines()
        .any(|l| l.starts_with("execve ") && l.contains("args=-c.echo falco-live")));
}
