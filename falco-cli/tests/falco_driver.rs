//! `packaging/falco-driver` (the `falcoctl driver`-style command of the Debian package):
//! its settings and errors, and, where a kernel's headers are installed, a real build of
//! the module against them and a DKMS install/status/cleanup in a private DKMS tree
//! (nothing of the system's /var/lib/dkms, /usr/src or /lib/modules is touched).
//! Loading is tested in the VM (tests/vm/guest.sh): this host's kernel may not load
//! modules.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../packaging/falco-driver");

fn fd(args: &[&str]) -> Output {
    Command::new("bash")
        .arg(SCRIPT)
        .args(args)
        .output()
        .expect("running packaging/falco-driver")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A kernel release whose headers are installed (`/lib/modules/<r>/build/Makefile`).
fn kernel_with_headers() -> Option<String> {
    let mut found: Vec<String> = std::fs::read_dir("/lib/modules")
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("build/Makefile").exists())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    found.sort();
    found.pop()
}

fn vermagic(ko: &Path) -> String {
    let o = Command::new("modinfo")
        .args(["-F", "vermagic"])
        .arg(ko)
        .output()
        .unwrap();
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

#[test]
fn settings_and_errors() {
    let o = fd(&["printenv", "--kernelrelease", "1.2.3-test"]);
    let out = text(&o);
    assert!(o.status.success(), "{out}");
    // The module version is the workspace's.
    assert!(
        out.contains(&format!("DRIVER_VERSION={}\n", env!("CARGO_PKG_VERSION"))),
        "{out}"
    );
    assert!(out.contains("DRIVER_NAME=falco_rs\n"), "{out}");
    assert!(
        out.contains("KERNEL_HEADERS=/lib/modules/1.2.3-test/build (missing)"),
        "{out}"
    );

    // No headers: which package to install.
    let o = fd(&["build", "--kernelrelease", "1.2.3-test"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("no kernel headers for 1.2.3-test at /lib/modules/1.2.3-test/build"),
        "{}",
        text(&o)
    );
    assert!(
        text(&o).contains("linux-headers-1.2.3-test") || text(&o).contains("kernel-devel-"),
        "{}",
        text(&o)
    );

    let o = fd(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("unknown command 'frobnicate'"));

    // config: a drop-in that sets engine.kind.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let o = fd(&["config", "--type", "modern-bpf", "--config-dir", d]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("unknown engine kind 'modern-bpf'"));
    let o = fd(&["config", "--type", "auto", "--config-dir", d]);
    assert!(o.status.success(), "{}", text(&o));
    let yaml = std::fs::read_to_string(dir.path().join("engine-kind-falco-driver.yaml")).unwrap();
    assert!(yaml.contains("engine:\n  kind: auto\n"), "{yaml}");

    // A kernel without module support says so instead of failing in modprobe.
    if !Path::new("/proc/modules").exists() && is_root() {
        let o = fd(&["load"]);
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        assert!(text(&o).contains("cannot load modules"), "{}", text(&o));
    }
}

fn is_root() -> bool {
    // SAFETY: getuid has no preconditions and cannot fail.
    unsafe { libc::getuid() == 0 }
}

/// The module builds against an installed kernel's headers, for that kernel; with DKMS
/// (root) it is added, built, installed and removed again in a private tree.
#[test]
fn builds_and_installs_with_dkms() {
    let Some(krel) = kernel_with_headers() else {
        falco_tests::skip(
            "no kernel headers under /lib/modules/*/build (apt-get install linux-headers-amd64)",
        );
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let o = fd(&[
        "build",
        "--kernelrelease",
        &krel,
        "--output",
        out.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let ko = out.path().join("falco_rs.ko");
    assert!(
        vermagic(&ko).starts_with(&format!("{krel} ")),
        "{}",
        vermagic(&ko)
    );

    if !is_root() {
        falco_tests::skip("DKMS install: needs root");
        return;
    }
    if Command::new("dkms").arg("status").output().is_err() {
        falco_tests::skip("DKMS install: dkms is not installed (apt-get install dkms)");
        return;
    }
    let tree = tempfile::tempdir().unwrap();
    let t = tree.path().to_str().unwrap();
    let common = ["--kernelrelease", &krel, "--dkms-tree", t];
    let o = fd(&[&["install"][..], &common].concat());
    assert!(o.status.success(), "{}", text(&o));
    let installed: PathBuf = tree
        .path()
        .join(format!("modules/{krel}/updates/dkms/falco_rs.ko"));
    assert!(installed.exists(), "{}", text(&o));
    assert!(vermagic(&installed).starts_with(&format!("{krel} ")));
    // The DKMS source tree: dkms.conf with the workspace version, the module sources.
    let src = tree
        .path()
        .join(format!("src/falco_rs-{}", env!("CARGO_PKG_VERSION")));
    let conf = std::fs::read_to_string(src.join("dkms.conf")).unwrap();
    assert!(
        conf.contains(&format!(
            "PACKAGE_VERSION=\"{}\"",
            env!("CARGO_PKG_VERSION")
        )),
        "{conf}"
    );
    assert!(src.join("driver/kmod/main.c").exists());

    let o = fd(&[&["status"][..], &common].concat());
    let s = text(&o);
    assert!(o.status.success(), "{s}");
    assert!(
        s.contains(&format!(
            "dkms: falco_rs/{}, {krel}, {}: installed",
            env!("CARGO_PKG_VERSION"),
            std::env::consts::ARCH
        )),
        "{s}"
    );

    let o = fd(&[&["cleanup"][..], &common].concat());
    assert!(o.status.success(), "{}", text(&o));
    assert!(!installed.exists());
    assert!(!src.exists());
    let o = fd(&[&["status"][..], &common].concat());
    assert!(text(&o).contains("dkms: not registered"), "{}", text(&o));
}
