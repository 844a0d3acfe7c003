//! Builds the eBPF probe (`driver/bpf/`) with clang and embeds it in falco-scap.
//!
//! When the probe is built, `cfg(falco_bpf_probe)` is set and `src/bpf/` includes the
//! object from `$OUT_DIR/probe.bpf.o`. Without clang (or for a target architecture the
//! probe does not support yet) the crate still builds: the eBPF engine then reports that
//! it was built without the probe. A probe that clang fails to compile is an error.
//!
//! Environment: `CLANG` (the compiler, default `clang`), `LLVM_STRIP` (default
//! `llvm-strip`, optional: strips DWARF and keeps BTF), `FALCO_BPF_SKIP=1` (build without
//! the probe).

use std::env;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(falco_bpf_probe)");
    println!("cargo:rerun-if-env-changed=CLANG");
    println!("cargo:rerun-if-env-changed=LLVM_STRIP");
    println!("cargo:rerun-if-env-changed=FALCO_BPF_SKIP");

    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let driver = manifest.join("../driver");
    let bpf = driver.join("bpf");
    for dir in [
        bpf.join("include"),
        bpf.join("progs"),
        driver.join("include"),
    ] {
        println!("cargo:rerun-if-changed={}", dir.display());
    }
    println!(
        "cargo:rerun-if-changed={}",
        bpf.join("probe.bpf.c").display()
    );

    if env::var_os("FALCO_BPF_SKIP").is_some_and(|v| v == "1") {
        println!("cargo:warning=FALCO_BPF_SKIP=1: building without the eBPF probe");
        return;
    }
    let arch = env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    let (target_arch, vmlinux) = match arch.as_str() {
        "x86_64" => ("x86", "x86_64"),
        _ => {
            println!("cargo:warning=no eBPF probe for target architecture {arch}");
            return;
        }
    };

    let clang = env::var("CLANG").unwrap_or_else(|_| "clang".to_string());
    if Command::new(&clang).arg("--version").output().is_err() {
        println!(
            "cargo:warning=clang not found: falco-scap is built without the eBPF probe \
             (install clang to build it)"
        );
        return;
    }

    // libbpf's BPF-side headers (bpf_helpers.h, ...) as installed by libbpf-sys.
    let libbpf_include = env::var_os("DEP_BPF_INCLUDE").map(PathBuf::from);
    let out = PathBuf::from(env::var_os("OUT_DIR").unwrap());
    let obj = out.join("probe.bpf.o");
    let mut cmd = Command::new(&clang);
    cmd.args(["-g", "-O2", "-target", "bpf", "-Wall", "-Werror"])
        .arg(format!("-D__TARGET_ARCH_{target_arch}"))
        .arg("-I")
        .arg(bpf.join("include"))
        .arg("-I")
        .arg(bpf.join("progs"))
        .arg("-I")
        .arg(bpf.join("vmlinux").join(vmlinux))
        .arg("-I")
        .arg(driver.join("include"));
    if let Some(inc) = &libbpf_include {
        cmd.arg("-I").arg(inc);
    }
    cmd.arg("-c")
        .arg(bpf.join("probe.bpf.c"))
        .arg("-o")
        .arg(&obj);
    run(&mut cmd, "compiling the eBPF probe");

    // DWARF is not needed at run time (BTF is kept): halves the embedded object.
    let strip = env::var("LLVM_STRIP").unwrap_or_else(|_| "llvm-strip".to_string());
    if Command::new(&strip)
        .arg("-g")
        .arg(&obj)
        .status()
        .map(|s| !s.success())
        .unwrap_or(true)
    {
        println!("cargo:warning={strip} unavailable: the embedded probe keeps its DWARF");
    }
    println!("cargo:rustc-cfg=falco_bpf_probe");
}

fn run(cmd: &mut Command, what: &str) {
    let output = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run {:?}: {e}", cmd.get_program()));
    if !output.status.success() {
        panic!(
            "{what} failed ({}):\n{}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
