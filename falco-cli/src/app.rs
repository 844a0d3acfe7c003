//! The part of `falco` that needs the rule engine and the event sources.
//!
//! `src/bin/falco.rs` handles everything that needs neither: flags, configuration,
//! logging, `--help`, `--version`, `--config-schema`, `--list`, `--list-events`, `-i`,
//! `--page-size`, `--support`, `--list-plugins`. Every other request ends in [`run`], which
//! loads the rules ([`crate::rules`]) and runs the event loop ([`crate::events`]).

use std::path::Path;
use std::process::ExitCode;

use crate::config::{self, EngineKind, Loaded};
use crate::logger;
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
    /// A fatal error: printed as `Error: <text>`, exit code 1.
    Fatal(String),
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
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

/// The built-in container fields stand for Falco's `container` plugin: the rules'
/// `required_plugin_versions` entry for it is checked against this version.
pub const BUILTIN_CONTAINER_PLUGIN: &str = "container";
/// See [`BUILTIN_CONTAINER_PLUGIN`].
pub const BUILTIN_CONTAINER_VERSION: &str = "0.4.0";

/// The default rules, shipped inside the binary: used in place of
/// `/etc/falco/falco_rules.yaml` when that file is configured but not installed.
pub const DEFAULT_RULES: &str = include_str!("../rules/falco_rules.yaml");
/// Where the default rules are installed.
pub const DEFAULT_RULES_PATH: &str = "/etc/falco/falco_rules.yaml";

fn fatal(msg: impl Into<String>) -> AppError {
    AppError::Fatal(msg.into())
}

/// Run the request that needs the rule engine and an event source, in Falco's order:
/// `-V`, rules loading (with `priority`, `append_output`, the `rules:` selection and
/// `rule_matching` applied), `-L`/`-l`, `--dry-run`, then the outputs, the signal
/// handlers, the pid file, the event source and the event loop, and at the end the
/// statistics.
///
/// Called by `main` after the configuration was loaded, the logger configured and the
/// startup lines logged, with `-U` already applied (`loaded.config.buffered_outputs`).
pub fn run(options: &Options, loaded: &Loaded) -> Result<Outcome, AppError> {
    let request = Request::of(options, loaded);
    match &request {
        Request::RuleSchema => {
            print_stdout(&format!(
                "{}\n",
                serde_json::to_string_pretty(&falco_engine::rules_json_schema())
                    .unwrap_or_default()
            ));
            return Ok(exit_ok());
        }
        Request::Validate => return crate::rules::validate(options, loaded),
        _ => {}
    }
    let rules = crate::rules::load(options, loaded)?;
    match &request {
        Request::DescribeAll => {
            crate::rules::describe(&rules.engine, None, loaded.config.json_output)?;
            return Ok(exit_ok());
        }
        Request::Describe(name) => {
            crate::rules::describe(&rules.engine, Some(name), loaded.config.json_output)?;
            return Ok(exit_ok());
        }
        Request::DryRun => {
            crate::outputs::init(&loaded.config, true).map_err(fatal)?;
            logger::info("Skipping event processing in dry-run");
            return Ok(exit_ok());
        }
        _ => {}
    }
    crate::events::run(options, loaded, &request, rules)
}

fn exit_ok() -> Outcome {
    Outcome::Exit(ExitCode::SUCCESS)
}

/// Print on stdout; a closed stdout is not an error.
pub(crate) fn print_stdout(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
}

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
