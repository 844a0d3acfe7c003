//! The `falco` command's shell: flags, configuration, outputs, logging.
//!
//! * [`options`]: the command line of Falco 0.44, removed flags rejected with their
//!   replacement.
//! * [`config`]: `falco.yaml` (and `config_files`, `-o` overrides) into a typed
//!   [`config::Config`], with errors that name the key, the file, the line and the column.
//! * [`outputs`]: alerts ([`outputs::Alert`]) formatted as Falco's text or JSON and
//!   delivered to stdout, file, syslog, program and http channels through a queue that
//!   never blocks event processing.
//! * [`logger`]: Falco's operational log lines.
//! * [`stats`], [`version`], [`listing`]: end-of-run statistics, `--version`,
//!   `--list`/`--list-events`/`-i`.
//! * [`inspect`]: `falco-inspect`'s JSON (`-j`) and coloured event output.
//! * [`metrics`], [`webserver`]: counters shared with the event loop, Prometheus text at
//!   `/metrics`, `/healthz`, `/versions`, and the periodic metrics snapshot.
//! * [`app`]: what `falco` does with the engine: [`rules`] (configured engine, `-V`,
//!   loading, `-L`), [`events`] (the event loop over a replayed capture or the live eBPF
//!   probe; [`replay`] reads capture files ahead on a second thread), [`rule_output`]
//!   (alert text and JSON fields), [`drops`] (kernel drop
//!   monitoring), [`interesting`] (`base_syscalls`: which syscalls the driver captures).
//!
//! The `falco` binary (`src/bin/falco.rs`) strings these together.

#![deny(missing_docs)]

pub mod app;
pub mod config;
pub mod drops;
pub mod events;
pub mod inspect;
pub mod interesting;
pub mod json;
pub mod listing;
pub mod logger;
pub mod metrics;
pub mod options;
pub mod outputs;
pub mod priority;
pub mod replay;
pub mod rule_output;
pub mod rules;
pub mod signals;
pub mod stats;
pub mod timefmt;
pub mod version;
pub mod webserver;
pub mod yaml;
