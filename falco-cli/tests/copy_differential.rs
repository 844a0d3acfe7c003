//! `falco-inspect -r X -w Y` writes a capture that sysdig 0.29 reads exactly as it reads X.
//!
//! For every shared capture the copy is made with our writer and both files are printed by
//! sysdig with its default output (process names, fd names, arguments: everything its
//! state tracking derives from the metadata blocks and the events) and with a `-p` format
//! of event fields; the outputs must be identical. The copy is also compressed (`-z`) once,
//! which sysdig must read transparently. Skips with one line when the captures or sysdig
//! are absent.

use std::path::Path;
use std::process::Command;

use falco_tests::{assert_same_lines, captures_or_skip, run_command, sysdig_or_skip, CAPTURES};

const INSPECT: &str = env!("CARGO_BIN_EXE_falco-inspect");

/// sysdig's raw output (no corrections: both sides are read by the same sysdig).
fn sysdig_raw(capture: &Path, args: &[&str]) -> String {
    let sysdig = falco_tests::sysdig().expect("sysdig_or_skip! checked it");
    run_command(Command::new(sysdig).arg("-r").arg(capture).args(args))
}

fn copy(src: &Path, dst: &Path, compress: bool) {
    let mut cmd = Command::new(INSPECT);
    cmd.arg("-r").arg(src).arg("-w").arg(dst);
    if compress {
        cmd.arg("-z");
    }
    run_command(&mut cmd);
}

#[test]
fn sysdig_reads_our_copies_exactly_as_the_originals() {
    captures_or_skip!();
    sysdig_or_skip!();
    let dir = std::env::temp_dir().join(format!("falco-copy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for cap in CAPTURES {
        let src = cap.path();
        let dst = dir.join(format!("{}.copy.scap", cap.stem));
        copy(&src, &dst, false);
        for args in [
            &[][..],
            &[
                "-p",
                "%evt.num %evt.rawtime %evt.cpu %thread.tid %evt.dir %evt.type %proc.name %fd.name",
            ][..],
        ] {
            let what = format!("sysdig -r {} {:?} vs the same on our copy", cap.file, args);
            assert_same_lines(&what, &sysdig_raw(&src, args), &sysdig_raw(&dst, args));
        }
        std::fs::remove_file(&dst).ok();
    }
    // Compressed copy of one capture.
    let cap = falco_tests::capture("vm-triggers");
    let dst = dir.join("vm-triggers.copy.scap.gz");
    copy(&cap.path(), &dst, true);
    assert_same_lines(
        "sysdig -r vm-triggers vs our gzip copy",
        &sysdig_raw(&cap.path(), &[]),
        &sysdig_raw(&dst, &[]),
    );
    std::fs::remove_dir_all(&dir).ok();
}
