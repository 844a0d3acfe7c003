//! The part of `falco` that needs the rule engine and the event sources.
//!
//! `src/bin/falco.rs` handles everything that needs neither: flags, configuration,
//! logging, `--help`, `--version`, `--config-schema`, `--list`, `--list-events`, `-i`,
//! `--page-size`, `--support`, `--list-plugins`. Every other request ends in [`run`], the
//! one integration point with the engine (`engine/`) and the event sources
//! (`falco_scap::FileSource` for replay, the eBPF live source): it returns
//! [`AppError::NotWired`] until they are connected here.

use std::path::Path;
use std::process::ExitCode;

use crate::config::{self, EngineKind, Loaded};
use crate::options::Options;

/// How a run ended.
#[derive(Debug)]
pub enum Outcome {
    /// Exit with this code.
    Exit(ExitCode),
    /// Run again with the same command line (SIGHUP, changed configuration files).
    Restart,
}

/// Why a run failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppError {
    /// The request needs a part that is not connected yet.
    NotWired(String),
    /// A fatal error: printed as `Error: <text>`, exit code 1.
    Fatal(String),
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AppError::NotWired(m) => write!(f, "{m}: not wired yet"),
            AppError::Fatal(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for AppError {}

/// What the request asks the engine for, decided from the flags and the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// `--rule-schema`: print the JSON schema of rules files.
    RuleSchema,
    /// `-V FILE...`: validate rules files.
    Validate,
    /// `-L`: describe every rule.
    DescribeAll,
    /// `-l RULE`: describe one rule.
    Describe(String),
    /// `--dry-run`: load configuration and rules, process no event.
    DryRun,
    /// `engine.kind: replay`: alerts for the events of a capture file.
    Replay(String),
    /// A live engine (`modern_ebpf`, `kmod`, `auto`) or no syscall source (`nodriver`).
    Live(EngineKind),
}

impl Request {
    /// The request of `options` with `loaded` configuration.
    pub fn of(options: &Options, loaded: &Loaded) -> Request {
        let c = &loaded.config;
        if options.print_rule_schema {
            Request::RuleSchema
        } else if !options.validate.is_empty() {
            Request::Validate
        } else if options.describe_all_rules {
            Request::DescribeAll
        } else if let Some(r) = &options.describe_rule {
            Request::Describe(r.clone())
        } else if options.dry_run {
            Request::DryRun
        } else if c.engine.kind == EngineKind::Replay {
            Request::Replay(c.engine.replay_capture_file.clone())
        } else {
            Request::Live(c.engine.kind)
        }
    }
}

// =========================================================================================
// ENGINE INTEGRATION POINT
// =========================================================================================
//
/// Run the request that needs the rule engine and an event source.
///
/// Called by `main` after the configuration was loaded, the logger configured and the
/// startup lines logged, with `-U` already applied (`loaded.config.buffered_outputs`).
/// What to wire here, in Falco's order (helpers in parentheses):
///
/// 1. `-V FILE...` ([`Request::Validate`]): log `Validating rules file(s):` and
///    `   FILE` per file, validate, print the result; exit 1 when a file is invalid.
/// 2. Load the rules of [`config::rules_paths`]`(config, &options.rules_filenames)`
///    (log `Loading rules from:` and `   FILE | schema validation: ok`), keep rules at or
///    above `config.priority`, apply `config.rules` (enable/disable by name or tag, in
///    order), `config.append_output`, `config.static_fields`, `options.print_additional`
///    (`-p`, deprecated), `config.rule_matching`; register each rule with
///    [`crate::stats::RuleStats::add_rule`].
/// 3. `-L` / `-l RULE` ([`Request::DescribeAll`], [`Request::Describe`]): print, exit 0.
/// 4. `--dry-run`: exit 0.
/// 5. Outputs: [`crate::outputs::init`]`(config, false)`; [`crate::signals::install`];
///    [`write_pidfile`] when `options.pidfile` is set; with `config.watch_config_files`,
///    keep a [`crate::signals::watch`]`(`[`watched_paths`]`(..), 1s)` alive for the run.
/// 6. Source: [`Request::Replay`] opens `falco_scap::FileSource` on the capture file (log
///    `Replaying events from the capture file: FILE`); [`Request::Live`] opens the live
///    source (`modern_ebpf`/`auto`: the eBPF engine; `kmod`: not available;
///    `nodriver`: no syscall source) with `config.engine`, `config.base_syscalls`,
///    `config.falco_libs`.
/// 7. Event loop: each alert of the engine becomes a [`crate::outputs::Alert`] given to
///    `Outputs::handle` (never blocks) and counted with `RuleStats::on_alert`; poll
///    [`crate::signals::poll`] (Terminate → stop, Restart → [`Outcome::Restart`],
///    ReopenOutputs → `Outputs::reopen`); stop after `options.duration_secs` when non-zero;
///    kernel drops per `config.syscall_event_drops` (internal alert with
///    `Outputs::handle_internal`, priority Debug, rule `Falco internal: syscall event drop`).
/// 8. Teardown: `Outputs::close`, then [`crate::stats::print_stats`]; with `-v` the lines of
///    [`crate::stats::format_capture_stats`] on stderr; [`crate::signals::uninstall`].
pub fn run(options: &Options, loaded: &Loaded) -> Result<Outcome, AppError> {
    let _ = options;
    let what = match Request::of(options, loaded) {
        Request::RuleSchema => {
            "--rule-schema (the rules schema comes with the rule engine)".to_string()
        }
        Request::Validate => "-V (rules validation needs the rule engine)".to_string(),
        Request::DescribeAll => "-L (rule descriptions need the rule engine)".to_string(),
        Request::Describe(r) => format!("-l {r} (rule descriptions need the rule engine)"),
        Request::DryRun => "--dry-run (loading rules needs the rule engine)".to_string(),
        Request::Replay(f) => format!("replay of {f} (needs the rule engine)"),
        Request::Live(k) => format!(
            "engine.kind={} (live capture needs the rule engine and the live event source)",
            k.name()
        ),
    };
    Err(AppError::NotWired(what))
}
// =========================================================================================

/// Write our PID to `path` (`-P`), as Falco does: the error text is Falco's.
pub fn write_pidfile(path: &Path) -> Result<(), String> {
    std::fs::write(path, std::process::id().to_string()).map_err(|_| {
        format!(
            "Could not write pid to pidfile {}. Exiting.",
            path.display()
        )
    })
}

/// The rules files that `--support` and the engine read (see [`config::rules_paths`]).
pub fn rules_files(options: &Options, loaded: &Loaded) -> Vec<std::path::PathBuf> {
    config::rules_paths(&loaded.config, &options.rules_filenames)
}

/// What `watch_config_files` watches: the configuration files read, the `config_files`
/// entries, and the rules files and directories.
pub fn watched_paths(options: &Options, loaded: &Loaded) -> Vec<std::path::PathBuf> {
    let mut v: Vec<std::path::PathBuf> = loaded.files.iter().map(|f| f.path.clone()).collect();
    v.extend(
        loaded
            .config
            .config_files
            .iter()
            .map(|c| std::path::PathBuf::from(&c.path)),
    );
    if options.rules_filenames.is_empty() {
        v.extend(
            loaded
                .config
                .rules_files
                .iter()
                .map(std::path::PathBuf::from),
        );
    } else {
        v.extend(options.rules_filenames.iter().cloned());
    }
    v.sort();
    v.dedup();
    v
}
