//! Project automation that does not fit in `cargo build`: `cargo run -p xtask -- <command>`.
//!
//! # Commands
//!
//! * `codegen`: writes the C headers the drivers compile against
//!   (`driver/include/falco_events.gen.h`, `falco_flags.gen.h`, `falco_syscalls.gen.h`)
//!   from the `falco-schema` crate. The generated files are committed, so the kernel module
//!   and the eBPF probe build without a Rust toolchain (DKMS); run this after every change
//!   to `schema/` and commit the headers with it.
//! * `codegen --check`: generates in memory and compares with the files on disk; prints a
//!   summary of every difference and exits with status 1 if any file is missing or stale.
//!   Writes nothing. The test `codegen::tests::generated_headers_are_current` (run by
//!   `cargo test -p xtask`) makes the same check.
//!
//! * `demo-capture [--check]`: writes (or checks) `tests/data/demo.scap`, the small
//!   capture the README replays (see `demo.rs`).
//!
//! The hand-written `driver/include/falco_types.h` is not generated: it picks the integer
//! types (`__u8` ... `__s64`) for the kernel, for BPF (vmlinux.h) and for userspace, and
//! the generated headers include it.

mod codegen;
mod demo;

use std::process::ExitCode;

use anyhow::{bail, Result};

const USAGE: &str = "\
usage: cargo run -p xtask -- <command>

commands:
    codegen            write driver/include/*.gen.h from the falco-schema crate
    codegen --check    fail (exit 1) if a committed header differs from the generated one
    demo-capture       write tests/data/demo.scap
    demo-capture --check
                       fail (exit 1) if the committed demo capture differs
    help               print this message
";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<ExitCode> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["codegen"] => {
            let root = codegen::repo_root();
            let out = codegen::generate()?;
            for file in &out.files {
                let changed = codegen::write(&root, file)?;
                let state = if changed { "written" } else { "unchanged" };
                println!("{}: {state}", file.path);
            }
            print_notes(&out.notes);
            Ok(ExitCode::SUCCESS)
        }
        ["codegen", "--check"] => {
            let root = codegen::repo_root();
            let out = codegen::generate()?;
            let stale = codegen::check(&root, &out.files)?;
            if stale.is_empty() {
                println!("{} generated headers are current", out.files.len());
                return Ok(ExitCode::SUCCESS);
            }
            for s in &stale {
                eprintln!("{s}");
            }
            eprintln!(
                "{} of {} generated headers are stale: run `cargo run -p xtask -- codegen` \
                 and commit the result",
                stale.len(),
                out.files.len()
            );
            Ok(ExitCode::FAILURE)
        }
        ["demo-capture"] => {
            let path = codegen::repo_root().join(demo::DEMO_PATH);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&path, demo::generate()?)?;
            println!("{}: written", demo::DEMO_PATH);
            Ok(ExitCode::SUCCESS)
        }
        ["demo-capture", "--check"] => {
            let path = codegen::repo_root().join(demo::DEMO_PATH);
            if std::fs::read(&path).ok() == Some(demo::generate()?) {
                println!("{} is current", demo::DEMO_PATH);
                return Ok(ExitCode::SUCCESS);
            }
            eprintln!(
                "{} is stale: run `cargo run -p xtask -- demo-capture`",
                demo::DEMO_PATH
            );
            Ok(ExitCode::FAILURE)
        }
        ["help"] | ["-h"] | ["--help"] => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        [] => {
            eprint!("{USAGE}");
            Ok(ExitCode::FAILURE)
        }
        _ => bail!("unknown arguments {:?}\n\n{USAGE}", args),
    }
}

fn print_notes(notes: &[String]) {
    for n in notes {
        println!("note: {n}");
    }
}
