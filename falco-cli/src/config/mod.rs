//! `falco.yaml`: loading, merging, `-o` overrides and the typed [`Config`].
//!
//! Loading follows Falco's order:
//!
//! 1. the main file (`-c`, default `/etc/falco/falco.yaml`) is read, `${VAR}` references in
//!    its values are expanded, and it is checked against the [`schema`];
//! 2. `-o config_files...` options are applied, then every entry of `config_files` (a file,
//!    or a directory whose regular files are taken in name order; missing ones skipped) is
//!    read the same way and merged into the main document with the entry's `strategy`
//!    (`append`, the default, extends lists and replaces other keys; `override` replaces;
//!    `add-only` only adds keys not already set);
//! 3. every `-o key=value` option is applied (key paths as [`crate::yaml::KeyPath`]);
//! 4. the result is read into a [`Config`]. A key absent from every file takes Falco's
//!    built-in default ([`Config::default`]), which is not always the value written in the
//!    shipped `falco.yaml` (e.g. `stdout_output.enabled` is false when absent).
//!
//! Unknown keys are warnings (the key is ignored); a value of the wrong type, or one Falco
//! rejects, is an error naming the key, the file, the line and the column.

pub mod schema;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::priority::Priority;
use crate::yaml::{self, KeyPath, Mark, MergeStrategy, Node, Value};

/// Where Falco looks for its configuration when `-c` is not given.
pub const DEFAULT_CONFIG_FILE: &str = "/etc/falco/falco.yaml";

/// Our `falco.yaml`, with Falco's keys and defaults (installed as
/// `/etc/falco/falco.yaml`).
pub const DEFAULT_FALCO_YAML: &str = include_str!("../../config/falco.yaml");

/// A configuration that cannot be used.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// The engine that produces events (`engine.kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EngineKind {
    /// The kernel module.
    Kmod,
    /// The CO-RE eBPF probe.
    ModernEbpf,
    /// Events read from a capture file.
    Replay,
    /// No syscall source (plugins only).
    Nodriver,
    /// Ours: the best driver this machine supports.
    Auto,
}

impl EngineKind {
    /// Parse an `engine.kind` value.
    pub fn parse(s: &str) -> Option<EngineKind> {
        Some(match s {
            "kmod" => EngineKind::Kmod,
            "modern_ebpf" => EngineKind::ModernEbpf,
            "replay" => EngineKind::Replay,
            "nodriver" => EngineKind::Nodriver,
            "auto" => EngineKind::Auto,
            _ => return None,
        })
    }

    /// The `engine.kind` word.
    pub fn name(self) -> &'static str {
        match self {
            EngineKind::Kmod => "kmod",
            EngineKind::ModernEbpf => "modern_ebpf",
            EngineKind::Replay => "replay",
            EngineKind::Nodriver => "nodriver",
            EngineKind::Auto => "auto",
        }
    }
}

/// `engine.kmod` / `engine.modern_ebpf` ring-buffer settings.
#[derive(Clone, Debug, PartialEq)]
pub struct DriverConfig {
    /// Index into the buffer sizes (0..=10; 4 = 8 MiB per CPU).
    pub buf_size_preset: u8,
    /// Drop failed syscall exit events in the driver.
    pub drop_failed_exit: bool,
    /// CPUs sharing one ring buffer (modern eBPF only; 0 = one buffer for all).
    pub cpus_for_each_buffer: u32,
    /// Don't use BPF iterators to read the initial state (modern eBPF only).
    pub disable_iterators: bool,
}

/// `engine.*`.
#[derive(Clone, Debug, PartialEq)]
pub struct Engine {
    /// `engine.kind`.
    pub kind: EngineKind,
    /// `engine.kmod.*`.
    pub kmod: DriverConfig,
    /// `engine.modern_ebpf.*`.
    pub modern_ebpf: DriverConfig,
    /// `engine.replay.capture_file` (required for `replay`).
    pub replay_capture_file: String,
}

impl Engine {
    /// Per-CPU buffer size in bytes of a `buf_size_preset`, `None` for index 0 (reserved)
    /// and out-of-range indices.
    pub fn buffer_bytes(preset: u8) -> Option<u64> {
        if (1..=10).contains(&preset) {
            Some((1u64 << (preset - 1)) * 1024 * 1024)
        } else {
            None
        }
    }
}

/// `capture.*`.
#[derive(Clone, Debug, PartialEq)]
pub struct Capture {
    /// Write capture files around alerts.
    pub enabled: bool,
    /// Prefix of the files' paths.
    pub path_prefix: String,
    /// `rules` (only rules with `capture: true`) or `all_rules`.
    pub mode: String,
    /// Default duration of a capture, milliseconds.
    pub default_duration_ms: u32,
    /// Largest file size, MiB (0 = no limit).
    pub max_file_size_mb: u64,
}

/// What a `rules:` entry selects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleSelector {
    /// Rules by name (`*` wildcards).
    Rule(String),
    /// Rules by tag.
    Tag(String),
}

/// One `rules:` entry: enable or disable rules, applied in order after loading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSelection {
    /// True for `enable`, false for `disable`.
    pub enable: bool,
    /// Which rules.
    pub selector: RuleSelector,
}

/// One `plugins:` entry.
#[derive(Clone, Debug, PartialEq)]
pub struct PluginConfig {
    /// Plugin name.
    pub name: String,
    /// Shared library.
    pub library_path: String,
    /// Init configuration, as JSON text (mappings are converted).
    pub init_config: String,
    /// Open parameters.
    pub open_params: String,
}

/// One `append_output:` entry.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct AppendOutput {
    /// Only rules of this source.
    pub match_source: Option<String>,
    /// Only rules having all these tags.
    pub match_tags: Vec<String>,
    /// Only this rule.
    pub match_rule: Option<String>,
    /// Format text appended to the output (after one space).
    pub extra_output: String,
    /// Fields added to the JSON `output_fields` only: (key, format); a bare field name `f`
    /// is (`f`, `%f`).
    pub extra_fields: Vec<(String, String, bool)>,
    /// Append the fields that plugins mark as suggested (container fields).
    pub suggested_output: bool,
}

/// `file_output.*`.
#[derive(Clone, Debug, PartialEq)]
pub struct FileOutput {
    /// Enabled.
    pub enabled: bool,
    /// Keep the file open between alerts.
    pub keep_alive: bool,
    /// Path.
    pub filename: String,
}

/// `program_output.*`.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgramOutput {
    /// Enabled.
    pub enabled: bool,
    /// Keep one process for all alerts.
    pub keep_alive: bool,
    /// Shell command.
    pub program: String,
}

/// `http_output.*`.
#[derive(Clone, Debug, PartialEq)]
pub struct HttpOutput {
    /// Enabled.
    pub enabled: bool,
    /// Where alerts are POSTed.
    pub url: String,
    /// User-Agent header.
    pub user_agent: String,
    /// Don't verify the server's certificate.
    pub insecure: bool,
    /// CA certificate file.
    pub ca_cert: String,
    /// CA bundle file.
    pub ca_bundle: String,
    /// Directory of CA certificates (PEM files).
    pub ca_path: String,
    /// Present a client certificate.
    pub mtls: bool,
    /// Client certificate (PEM).
    pub client_cert: String,
    /// Client key (PEM).
    pub client_key: String,
    /// Print the server's answers on stdout.
    pub echo: bool,
    /// Gzip request bodies.
    pub compress_uploads: bool,
    /// Reuse the connection.
    pub keep_alive: bool,
    /// Retries of a request that timed out.
    pub max_consecutive_timeouts: u8,
}

/// `webserver.*`.
#[derive(Clone, Debug, PartialEq)]
pub struct Webserver {
    /// Enabled.
    pub enabled: bool,
    /// Worker threads (0 = one per CPU).
    pub threadiness: u32,
    /// Port.
    pub listen_port: u16,
    /// Address.
    pub listen_address: String,
    /// Health endpoint.
    pub k8s_healthz_endpoint: String,
    /// Serve `/metrics`.
    pub prometheus_metrics_enabled: bool,
    /// HTTPS.
    pub ssl_enabled: bool,
    /// Certificate and key (PEM).
    pub ssl_certificate: String,
}

/// `libs_logger.*`.
#[derive(Clone, Debug, PartialEq)]
pub struct LibsLogger {
    /// Enabled.
    pub enabled: bool,
    /// Least severe message (`trace` … `fatal`).
    pub severity: String,
}

/// What to do when the kernel drops events (`syscall_event_drops.actions`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DropAction {
    /// Nothing.
    Ignore,
    /// A debug log line.
    Log,
    /// An internal alert.
    Alert,
    /// Exit.
    Exit,
}

/// `syscall_event_drops.*`.
#[derive(Clone, Debug, PartialEq)]
pub struct SyscallEventDrops {
    /// Fraction of dropped events (per second) that triggers the actions.
    pub threshold: f64,
    /// Actions (empty in the file means ignore).
    pub actions: Vec<DropAction>,
    /// Actions per second (token bucket rate).
    pub rate: f64,
    /// Token bucket size.
    pub max_burst: u64,
    /// Pretend drops happen (testing).
    pub simulate_drops: bool,
}

/// `metrics.*`.
#[derive(Clone, Debug, PartialEq)]
pub struct Metrics {
    /// Enabled.
    pub enabled: bool,
    /// Interval text as written (`1h`).
    pub interval: String,
    /// Interval in milliseconds.
    pub interval_ms: u64,
    /// Emit snapshots as internal alerts.
    pub output_rule: bool,
    /// Also append snapshots to this file.
    pub output_file: String,
    /// Per-rule counters.
    pub rules_counters_enabled: bool,
    /// CPU and memory use.
    pub resource_utilization_enabled: bool,
    /// Thread and fd table counters.
    pub state_counters_enabled: bool,
    /// Kernel event and drop counters.
    pub kernel_event_counters_enabled: bool,
    /// The same per CPU.
    pub kernel_event_counters_per_cpu_enabled: bool,
    /// libbpf program statistics.
    pub libbpf_stats_enabled: bool,
    /// Plugin metrics.
    pub plugins_metrics_enabled: bool,
    /// BPF iterator counters.
    pub kernel_iter_event_counters_enabled: bool,
    /// Allocator statistics.
    pub jemalloc_stats_enabled: bool,
    /// Memory in MiB rather than bytes.
    pub convert_memory_to_mb: bool,
    /// Emit zero values.
    pub include_empty_values: bool,
}

/// `base_syscalls.*`.
#[derive(Clone, Debug, PartialEq)]
pub struct BaseSyscalls {
    /// Syscall names to add (`!name` removes).
    pub custom_set: Vec<String>,
    /// Add what state tracking needs to the rules' syscalls.
    pub repair: bool,
    /// Collect every syscall.
    pub all: bool,
}

/// `falco_libs.*`.
#[derive(Clone, Debug, PartialEq)]
pub struct FalcoLibs {
    /// Largest number of threads tracked.
    pub thread_table_size: u32,
    /// Seconds between purges of dead threads.
    pub thread_table_auto_purging_interval_s: u32,
    /// Seconds of inactivity before a thread is purged.
    pub thread_table_auto_purging_thread_timeout_s: u32,
    /// Bytes of I/O buffers captured; `None` leaves the driver's default.
    pub snaplen: Option<u32>,
}

/// Rule matching strategy (`rule_matching`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleMatching {
    /// Stop at the first matching rule.
    First,
    /// Evaluate every rule.
    All,
}

/// One `config_files` entry.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigFileEntry {
    /// File or directory.
    pub path: String,
    /// Merge strategy.
    pub strategy: MergeStrategy,
}

/// The typed configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// `config_files`.
    pub config_files: Vec<ConfigFileEntry>,
    /// `watch_config_files`.
    pub watch_config_files: bool,
    /// `rules_files` (or legacy `rules_file`), as written: files and directories.
    pub rules_files: Vec<String>,
    /// `rules:` enable/disable entries, in order.
    pub rules: Vec<RuleSelection>,
    /// `engine.*`.
    pub engine: Engine,
    /// `capture.*`.
    pub capture: Capture,
    /// `load_plugins` (`None` when absent: every configured plugin is loaded).
    pub load_plugins: Option<Vec<String>>,
    /// `plugins`, already filtered and ordered by `load_plugins`.
    pub plugins: Vec<PluginConfig>,
    /// `plugins_hostinfo`.
    pub plugins_hostinfo: bool,
    /// `time_format_iso_8601`.
    pub time_format_iso_8601: bool,
    /// `buffer_format_base64`.
    pub buffer_format_base64: bool,
    /// `priority`: least severe rule priority loaded.
    pub priority: Priority,
    /// `json_output`.
    pub json_output: bool,
    /// `json_include_output_property`.
    pub json_include_output_property: bool,
    /// `json_include_message_property`.
    pub json_include_message_property: bool,
    /// `json_include_output_fields_property`.
    pub json_include_output_fields_property: bool,
    /// `json_include_tags_property`.
    pub json_include_tags_property: bool,
    /// `buffered_outputs` (forced off by `-U`).
    pub buffered_outputs: bool,
    /// `rule_matching`.
    pub rule_matching: RuleMatching,
    /// `outputs_queue.capacity` (0 = unbounded).
    pub outputs_queue_capacity: u64,
    /// `append_output`.
    pub append_output: Vec<AppendOutput>,
    /// `static_fields`.
    pub static_fields: BTreeMap<String, String>,
    /// `stdout_output.enabled`.
    pub stdout_output: bool,
    /// `syslog_output.enabled`.
    pub syslog_output: bool,
    /// `file_output.*`.
    pub file_output: FileOutput,
    /// `program_output.*`.
    pub program_output: ProgramOutput,
    /// `http_output.*`.
    pub http_output: HttpOutput,
    /// `webserver.*`.
    pub webserver: Webserver,
    /// `log_stderr`.
    pub log_stderr: bool,
    /// `log_syslog`.
    pub log_syslog: bool,
    /// `log_level`.
    pub log_level: crate::logger::Level,
    /// `libs_logger.*`.
    pub libs_logger: LibsLogger,
    /// `output_timeout`, milliseconds.
    pub output_timeout_ms: u32,
    /// `syscall_event_timeouts.max_consecutives`.
    pub syscall_event_timeouts_max_consecutives: u32,
    /// `syscall_event_drops.*`.
    pub syscall_event_drops: SyscallEventDrops,
    /// `metrics.*`.
    pub metrics: Metrics,
    /// `base_syscalls.*`.
    pub base_syscalls: BaseSyscalls,
    /// `falco_libs.*`.
    pub falco_libs: FalcoLibs,
}

impl Default for Config {
    /// Falco's built-in defaults: the values of keys absent from every configuration file.
    fn default() -> Config {
        let driver = DriverConfig {
            buf_size_preset: 4,
            drop_failed_exit: false,
            cpus_for_each_buffer: 2,
            disable_iterators: false,
        };
        Config {
            config_files: Vec::new(),
            watch_config_files: true,
            rules_files: Vec::new(),
            rules: Vec::new(),
            engine: Engine {
                kind: EngineKind::Kmod,
                kmod: driver.clone(),
                modern_ebpf: driver,
                replay_capture_file: String::new(),
            },
            capture: Capture {
                enabled: false,
                path_prefix: "/tmp/falco".into(),
                mode: "rules".into(),
                default_duration_ms: 5000,
                max_file_size_mb: 0,
            },
            load_plugins: None,
            plugins: Vec::new(),
            plugins_hostinfo: true,
            time_format_iso_8601: false,
            buffer_format_base64: false,
            priority: Priority::Debug,
            json_output: false,
            json_include_output_property: true,
            json_include_message_property: false,
            json_include_output_fields_property: true,
            json_include_tags_property: true,
            buffered_outputs: false,
            rule_matching: RuleMatching::First,
            outputs_queue_capacity: 0,
            append_output: Vec::new(),
            static_fields: BTreeMap::new(),
            stdout_output: false,
            syslog_output: false,
            file_output: FileOutput {
                enabled: false,
                keep_alive: false,
                filename: String::new(),
            },
            program_output: ProgramOutput {
                enabled: false,
                keep_alive: false,
                program: String::new(),
            },
            http_output: HttpOutput {
                enabled: false,
                url: String::new(),
                user_agent: "falcosecurity/falco".into(),
                insecure: false,
                ca_cert: String::new(),
                ca_bundle: String::new(),
                ca_path: "/etc/ssl/certs".into(),
                mtls: false,
                client_cert: "/etc/ssl/certs/client.crt".into(),
                client_key: "/etc/ssl/certs/client.key".into(),
                echo: false,
                compress_uploads: false,
                keep_alive: false,
                max_consecutive_timeouts: 5,
            },
            webserver: Webserver {
                enabled: false,
                threadiness: 0,
                listen_port: 8765,
                listen_address: "0.0.0.0".into(),
                k8s_healthz_endpoint: "/healthz".into(),
                prometheus_metrics_enabled: false,
                ssl_enabled: false,
                ssl_certificate: "/etc/falco/falco.pem".into(),
            },
            log_stderr: false,
            log_syslog: true,
            log_level: crate::logger::Level::Info,
            libs_logger: LibsLogger {
                enabled: true,
                severity: "info".into(),
            },
            output_timeout_ms: 2000,
            syscall_event_timeouts_max_consecutives: 1000,
            syscall_event_drops: SyscallEventDrops {
                threshold: 0.1,
                actions: vec![DropAction::Ignore],
                rate: 0.03333,
                max_burst: 1,
                simulate_drops: false,
            },
            metrics: Metrics {
                enabled: false,
                interval: "5000".into(),
                interval_ms: 5000,
                output_rule: false,
                output_file: String::new(),
                rules_counters_enabled: true,
                resource_utilization_enabled: true,
                state_counters_enabled: true,
                kernel_event_counters_enabled: true,
                kernel_event_counters_per_cpu_enabled: true,
                libbpf_stats_enabled: true,
                plugins_metrics_enabled: true,
                kernel_iter_event_counters_enabled: true,
                jemalloc_stats_enabled: true,
                convert_memory_to_mb: true,
                include_empty_values: false,
            },
            base_syscalls: BaseSyscalls {
                custom_set: Vec::new(),
                repair: false,
                all: false,
            },
            falco_libs: FalcoLibs {
                thread_table_size: 262_144,
                thread_table_auto_purging_interval_s: 300,
                thread_table_auto_purging_thread_timeout_s: 300,
                snaplen: None,
            },
        }
    }
}

/// A file read while loading, and what its schema check said.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedFile {
    /// Path.
    pub path: PathBuf,
    /// `ok`, or `failed for KEY: ...` (the first problem).
    pub validation: String,
}

/// A loaded configuration and what loading it found.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The configuration.
    pub config: Config,
    /// The files read, main file first, in merge order.
    pub files: Vec<LoadedFile>,
    /// Warnings to log once the logger is configured (unknown keys, deprecated keys).
    pub warnings: Vec<String>,
    /// The merged document (for `--support`).
    pub tree: Node,
}

/// Load the configuration from `path` and apply `-o` options.
pub fn load_file(path: &Path, options: &[String]) -> Result<Loaded, ConfigError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| ConfigError(format!("Cannot read config file ({}): {e}", path.display())))?;
    load_str(&text, path, options)
}

/// Load a configuration from `text`, named `path` in messages (and used to resolve nothing
/// else: `config_files` entries are taken as written), and apply `-o` options.
pub fn load_str(text: &str, path: &Path, options: &[String]) -> Result<Loaded, ConfigError> {
    let main = path.to_string_lossy().into_owned();
    let mut warnings = Vec::new();
    let mut files = Vec::new();

    let mut root = parse_doc(text, &main)?;
    files.push(LoadedFile {
        path: path.to_path_buf(),
        validation: check_doc(&root, &mut warnings)?,
    });

    let opts = parse_options(options)?;
    // `-o config_files...` first: they choose which files are merged.
    for (kp, value, mark) in &opts {
        if kp.first_key() == Some("config_files") {
            set_option(&mut root, kp, value.clone(), mark)?;
        }
    }
    merge_config_files(&mut root, path, &mut files, &mut warnings)?;
    for (kp, value, mark) in &opts {
        set_option(&mut root, kp, value.clone(), mark)?;
    }

    // Values set by -o are checked here (files were checked as they were read).
    let report = schema::validate(&root);
    for p in report.unknown.iter().filter(|p| !p.mark.is_file()) {
        warnings.push(format!(
            "Unknown configuration key '{}' set by {}: ignored",
            p.path, p.mark.source
        ));
    }
    if let Some(e) = report.errors.into_iter().next() {
        return Err(problem_error(&e));
    }
    let config = extract(&root, &mut warnings)?;
    Ok(Loaded {
        config,
        files,
        warnings,
        tree: root,
    })
}

/// A configuration from no file at all: Falco's defaults plus `-o` options.
pub fn load_defaults(options: &[String]) -> Result<Loaded, ConfigError> {
    let mut loaded = load_str("", Path::new("<defaults>"), options)?;
    loaded.files.clear();
    Ok(loaded)
}

fn parse_doc(text: &str, source: &str) -> Result<Node, ConfigError> {
    let mut root = Node::parse(text, source).map_err(|e| {
        ConfigError(format!(
            "Error reading config file ({}): line {}, column {}: {}",
            e.mark.source, e.mark.line, e.mark.col, e.message
        ))
    })?;
    if !matches!(root.value, Value::Map(_)) {
        return Err(ConfigError(format!(
            "Error reading config file ({source}): line {}, column {}: the document must be a mapping of keys to values",
            root.mark.line, root.mark.col
        )));
    }
    root.expand_env();
    Ok(root)
}

/// Schema-check one document: unknown keys become warnings and the validation status;
/// a mistyped value is an error.
fn check_doc(root: &Node, warnings: &mut Vec<String>) -> Result<String, ConfigError> {
    let report = schema::validate(root);
    if let Some(e) = report.errors.first() {
        return Err(problem_error(e));
    }
    for p in &report.unknown {
        warnings.push(format!(
            "Unknown configuration key '{}' in {} at line {}, column {}: ignored",
            p.path, p.mark.source, p.mark.line, p.mark.col
        ));
    }
    Ok(match report.unknown.first() {
        None => "ok".to_string(),
        Some(p) => format!("failed for {}: {}", p.path, p.message),
    })
}

fn problem_error(p: &schema::Problem) -> ConfigError {
    if p.mark.is_file() {
        ConfigError(format!(
            "Error reading config file ({}): line {}, column {}: '{}' {}",
            p.mark.source, p.mark.line, p.mark.col, p.path, p.message
        ))
    } else {
        ConfigError(format!(
            "Error in command-line option {}: '{}' {}",
            p.mark.source, p.path, p.message
        ))
    }
}

type ParsedOption = (KeyPath, Node, Mark);

fn parse_options(options: &[String]) -> Result<Vec<ParsedOption>, ConfigError> {
    options
        .iter()
        .map(|opt| {
            let Some((key, value)) = opt.split_once('=') else {
                return Err(ConfigError(format!(
                    "Error parsing config option \"{opt}\". Must be of the form key=val or key.subkey=val"
                )));
            };
            let kp = KeyPath::parse(key).map_err(|e| {
                ConfigError(format!("Error parsing config option \"{opt}\": config error at key \"{key}\": {e}"))
            })?;
            let mark = Mark::synthetic(&format!("-o {opt}"));
            let node = yaml::parse_option_value(value, &mark).map_err(|e| {
                ConfigError(format!("Error parsing config option \"{opt}\": {e}"))
            })?;
            Ok((kp, node, mark))
        })
        .collect()
}

fn set_option(
    root: &mut Node,
    kp: &KeyPath,
    mut value: Node,
    mark: &Mark,
) -> Result<(), ConfigError> {
    value.expand_env();
    root.set_path(kp, value).map_err(|e| {
        ConfigError(format!(
            "Error parsing config option \"{}\": config error at key \"{kp}\": {e}",
            mark.source.trim_start_matches("-o ")
        ))
    })
}

fn config_file_entries(root: &Node) -> Result<Vec<(ConfigFileEntry, Mark)>, ConfigError> {
    let Some(node) = root.get("config_files") else {
        return Ok(Vec::new());
    };
    let items: Vec<&Node> = match &node.value {
        Value::Seq(items) => items.iter().collect(),
        Value::Scalar(_) if node.is_null() => Vec::new(),
        Value::Scalar(_) => vec![node],
        Value::Map(_) => Vec::new(),
    };
    let mut out = Vec::new();
    for item in items {
        let entry = match &item.value {
            Value::Scalar(s) => ConfigFileEntry {
                path: s.text.clone(),
                strategy: MergeStrategy::Append,
            },
            Value::Map(_) => {
                let Some(path) = item.get("path").and_then(Node::as_str) else {
                    return Err(at(item, "a 'config_files' entry needs a 'path'"));
                };
                let strategy = match item.get("strategy").and_then(Node::as_str) {
                    None => MergeStrategy::Append,
                    Some(s) => MergeStrategy::parse(s).ok_or_else(|| {
                        at(item, &format!("unknown config_files strategy '{s}': must be one of append, override, add-only"))
                    })?,
                };
                ConfigFileEntry {
                    path: path.to_string(),
                    strategy,
                }
            }
            Value::Seq(_) => {
                return Err(at(
                    item,
                    "a 'config_files' entry must be a path or a mapping",
                ))
            }
        };
        out.push((entry, item.mark.clone()));
    }
    Ok(out)
}

fn merge_config_files(
    root: &mut Node,
    main: &Path,
    files: &mut Vec<LoadedFile>,
    warnings: &mut Vec<String>,
) -> Result<(), ConfigError> {
    for (entry, _mark) in config_file_entries(root)? {
        let p = PathBuf::from(&entry.path);
        if p == main {
            return Err(ConfigError(format!(
                "Config error: 'config_files' directive tried to recursively include main config file: {}.",
                main.display()
            )));
        }
        let list: Vec<PathBuf> = if p.is_file() {
            vec![p]
        } else if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(&p)
                .map(|rd| {
                    rd.filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|e| e.is_file())
                        .collect()
                })
                .unwrap_or_default();
            v.sort();
            v
        } else {
            // Like rules files: a missing entry is skipped.
            continue;
        };
        for file in list {
            let name = file.to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&file)
                .map_err(|e| ConfigError(format!("Cannot read config file ({name}): {e}")))?;
            let doc = parse_doc(&text, &name)?;
            if doc.get("config_files").is_some() {
                return Err(ConfigError(format!(
                    "Config error: 'config_files' directive in included config file {name}."
                )));
            }
            let validation = check_doc(&doc, warnings)?;
            files.push(LoadedFile {
                path: file.clone(),
                validation,
            });
            root.merge_top_level(doc, entry.strategy);
        }
    }
    Ok(())
}

/// An error about `node`, with its position.
fn at(node: &Node, msg: &str) -> ConfigError {
    if node.mark.is_file() {
        ConfigError(format!(
            "Error reading config file ({}): line {}, column {}: {msg}",
            node.mark.source, node.mark.line, node.mark.col
        ))
    } else {
        ConfigError(format!(
            "Error in command-line option {}: {msg}",
            node.mark.source
        ))
    }
}

/// Typed reads of a validated document: a value of the wrong type cannot happen here
/// (the schema check rejected it), so a read that fails keeps the default.
struct Reader<'a> {
    root: &'a Node,
}

impl<'a> Reader<'a> {
    fn node(&self, path: &str) -> Option<&'a Node> {
        self.root.lookup(path).filter(|n| !n.is_null())
    }
    fn str(&self, path: &str, default: &str) -> String {
        self.node(path)
            .and_then(Node::as_str)
            .map_or_else(|| default.to_string(), str::to_string)
    }
    fn bool(&self, path: &str, default: bool) -> bool {
        self.node(path)
            .and_then(Node::as_str)
            .and_then(yaml::parse_bool)
            .unwrap_or(default)
    }
    fn int(&self, path: &str, default: i64) -> i64 {
        self.node(path)
            .and_then(Node::as_str)
            .and_then(yaml::parse_int)
            .unwrap_or(default)
    }
    fn float(&self, path: &str, default: f64) -> f64 {
        self.node(path)
            .and_then(Node::as_str)
            .and_then(yaml::parse_float)
            .unwrap_or(default)
    }
    fn list(&self, path: &str) -> Option<Vec<String>> {
        let n = self.node(path)?;
        Some(match &n.value {
            Value::Seq(items) => items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect(),
            Value::Scalar(s) => vec![s.text.clone()],
            Value::Map(_) => Vec::new(),
        })
    }
}

fn extract(root: &Node, warnings: &mut Vec<String>) -> Result<Config, ConfigError> {
    let r = Reader { root };
    let d = Config::default();
    let fail = |path: &str, msg: &str| -> ConfigError {
        match r.node(path).or_else(|| root.lookup(path)) {
            Some(n) => at(n, msg),
            None => ConfigError(format!("Error reading config file: {msg}")),
        }
    };

    let mut c = d.clone();
    c.config_files = config_file_entries(root)?
        .into_iter()
        .map(|(e, _)| e)
        .collect();
    c.watch_config_files = r.bool("watch_config_files", d.watch_config_files);

    let has_files = root.get("rules_files").is_some();
    let has_file = root.get("rules_file").is_some();
    if has_files && has_file {
        return Err(fail(
            "rules_file",
            "both 'rules_files' and 'rules_file' keys set",
        ));
    }
    if has_file {
        warnings.push(
            "Using deprecated config key 'rules_file' (singular form). Please use new 'rules_files' config key (plural form).".to_string(),
        );
    }
    c.rules_files = r
        .list("rules_files")
        .or_else(|| r.list("rules_file"))
        .unwrap_or_default();

    if let Some(rules) = r.node("rules").and_then(Node::as_seq) {
        for item in rules {
            for (enable, key) in [(true, "enable"), (false, "disable")] {
                let Some(sel) = item.get(key) else { continue };
                if let Some(name) = sel.get("rule").and_then(Node::as_str) {
                    c.rules.push(RuleSelection {
                        enable,
                        selector: RuleSelector::Rule(name.to_string()),
                    });
                }
                if let Some(tag) = sel.get("tag").and_then(Node::as_str) {
                    c.rules.push(RuleSelection {
                        enable,
                        selector: RuleSelector::Tag(tag.to_string()),
                    });
                }
            }
        }
    }

    // engine
    let kind = r.str("engine.kind", "kmod");
    c.engine.kind = EngineKind::parse(&kind).ok_or_else(|| {
        fail(
            "engine.kind",
            &format!("engine.kind '{kind}' is not a valid kind."),
        )
    })?;
    for (prefix, drv) in [
        ("engine.kmod", &mut c.engine.kmod),
        ("engine.modern_ebpf", &mut c.engine.modern_ebpf),
    ] {
        drv.buf_size_preset = r.int(&format!("{prefix}.buf_size_preset"), 4) as u8;
        drv.drop_failed_exit = r.bool(&format!("{prefix}.drop_failed_exit"), false);
        drv.cpus_for_each_buffer = r.int(&format!("{prefix}.cpus_for_each_buffer"), 2) as u32;
        drv.disable_iterators = r.bool(&format!("{prefix}.disable_iterators"), false);
    }
    c.engine.replay_capture_file = r.str("engine.replay.capture_file", "");
    if c.engine.kind == EngineKind::Replay && c.engine.replay_capture_file.is_empty() {
        return Err(fail(
            "engine.kind",
            "engine.kind is 'replay' but no engine.replay.capture_file specified.",
        ));
    }

    // capture
    c.capture.enabled = r.bool("capture.enabled", false);
    c.capture.path_prefix = r.str("capture.path_prefix", "/tmp/falco");
    c.capture.mode = r.str("capture.mode", "rules");
    c.capture.default_duration_ms = r.int("capture.default_duration", 5000) as u32;
    c.capture.max_file_size_mb = r.int("capture.max_file_size_mb", 0) as u64;

    // plugins
    let mut plugins = Vec::new();
    if let Some(items) = r.node("plugins").and_then(Node::as_seq) {
        for item in items {
            let init = match item.get("init_config") {
                None => String::new(),
                Some(n) if n.is_null() => String::new(),
                Some(n) => match &n.value {
                    Value::Scalar(s) => s.text.clone(),
                    _ => n.to_json().to_compact(),
                },
            };
            let name = item.get("name").and_then(Node::as_str).unwrap_or("");
            let lib = item
                .get("library_path")
                .and_then(Node::as_str)
                .unwrap_or("");
            if name.is_empty() || lib.is_empty() {
                return Err(at(
                    item,
                    "a 'plugins' entry needs a 'name' and a 'library_path'",
                ));
            }
            plugins.push(PluginConfig {
                name: name.to_string(),
                library_path: lib.to_string(),
                init_config: init,
                open_params: item
                    .get("open_params")
                    .and_then(Node::as_str)
                    .unwrap_or("")
                    .to_string(),
            });
        }
    }
    c.load_plugins = root
        .get("load_plugins")
        .map(|_| r.list("load_plugins").unwrap_or_default());
    c.plugins = match &c.load_plugins {
        None => plugins,
        Some(names) => {
            let mut v = Vec::new();
            for n in names {
                match plugins.iter().find(|p| &p.name == n) {
                    Some(p) => v.push(p.clone()),
                    None => {
                        return Err(fail(
                            "load_plugins",
                            &format!(
                                "Cannot load plugin '{n}': plugin config not found for given name"
                            ),
                        ))
                    }
                }
            }
            v
        }
    };
    c.plugins_hostinfo = r.bool("plugins_hostinfo", true);

    c.time_format_iso_8601 = r.bool("time_format_iso_8601", false);
    c.buffer_format_base64 = r.bool("buffer_format_base64", false);
    let prio = r.str("priority", "debug");
    c.priority = Priority::parse(&prio).ok_or_else(|| {
        fail("priority", &format!(
            "Unknown priority \"{prio}\"--must be one of emergency, alert, critical, error, warning, notice, informational, debug"
        ))
    })?;
    c.json_output = r.bool("json_output", false);
    c.json_include_output_property = r.bool("json_include_output_property", true);
    c.json_include_message_property = r.bool("json_include_message_property", false);
    c.json_include_output_fields_property = r.bool("json_include_output_fields_property", true);
    c.json_include_tags_property = r.bool("json_include_tags_property", true);
    c.buffered_outputs = r.bool("buffered_outputs", false);
    let rm = r.str("rule_matching", "first");
    c.rule_matching = match rm.to_ascii_lowercase().as_str() {
        "first" => RuleMatching::First,
        "all" => RuleMatching::All,
        _ => {
            return Err(fail(
                "rule_matching",
                &format!("Unknown rule matching strategy \"{rm}\"--must be one of first, all"),
            ))
        }
    };
    c.outputs_queue_capacity = r.int("outputs_queue.capacity", 0) as u64;

    if let Some(items) = r.node("append_output").and_then(Node::as_seq) {
        for item in items {
            let mut a = AppendOutput::default();
            if let Some(m) = item.get("match") {
                a.match_source = m.get("source").and_then(Node::as_str).map(str::to_string);
                a.match_rule = m.get("rule").and_then(Node::as_str).map(str::to_string);
                a.match_tags = match m.get("tags").map(|t| &t.value) {
                    Some(Value::Seq(ts)) => ts
                        .iter()
                        .filter_map(|t| t.as_str().map(str::to_string))
                        .collect(),
                    Some(Value::Scalar(s)) => vec![s.text.clone()],
                    _ => Vec::new(),
                };
            }
            a.extra_output = item
                .get("extra_output")
                .and_then(Node::as_str)
                .unwrap_or("")
                .to_string();
            a.suggested_output = item
                .get("suggested_output")
                .and_then(Node::as_str)
                .and_then(yaml::parse_bool)
                .unwrap_or(false);
            if let Some(fields) = item.get("extra_fields").and_then(Node::as_seq) {
                for fnode in fields {
                    match &fnode.value {
                        // A raw field name: its typed value goes into output_fields.
                        Value::Scalar(s) => {
                            a.extra_fields
                                .push((s.text.clone(), format!("%{}", s.text), true))
                        }
                        Value::Map(m) => {
                            for (k, v) in m {
                                a.extra_fields.push((
                                    k.name.clone(),
                                    v.as_str().unwrap_or("").to_string(),
                                    false,
                                ));
                            }
                        }
                        Value::Seq(_) => {}
                    }
                }
            }
            if a.match_rule.is_some() && !a.match_tags.is_empty() {
                warnings.push(format!(
                    "An append_output entry specifies both a rule ({}) and a list of tags ({}). This means that output will be appended only to the {} rule and only if it has all the tags: {}.",
                    a.match_rule.as_deref().unwrap_or(""),
                    a.match_tags.join(", "),
                    a.match_rule.as_deref().unwrap_or(""),
                    a.match_tags.join(", ")
                ));
            }
            c.append_output.push(a);
        }
    }

    if let Some(m) = r.node("static_fields").and_then(Node::as_map) {
        for (k, v) in m {
            c.static_fields
                .insert(k.name.clone(), v.as_str().unwrap_or("").to_string());
        }
    }

    // outputs
    c.stdout_output = r.bool("stdout_output.enabled", false);
    c.syslog_output = r.bool("syslog_output.enabled", false);
    c.file_output.enabled = r.bool("file_output.enabled", false);
    c.file_output.keep_alive = r.bool("file_output.keep_alive", false);
    c.file_output.filename = r.str("file_output.filename", "");
    if c.file_output.enabled && c.file_output.filename.is_empty() {
        return Err(fail(
            "file_output",
            "file output enabled but no filename in configuration block",
        ));
    }
    c.program_output.enabled = r.bool("program_output.enabled", false);
    c.program_output.keep_alive = r.bool("program_output.keep_alive", false);
    c.program_output.program = r.str("program_output.program", "");
    if c.program_output.enabled && c.program_output.program.is_empty() {
        return Err(fail(
            "program_output",
            "program output enabled but no program in configuration block",
        ));
    }
    let h = &mut c.http_output;
    h.enabled = r.bool("http_output.enabled", false);
    h.url = r.str("http_output.url", "");
    h.user_agent = r.str("http_output.user_agent", "falcosecurity/falco");
    h.insecure = r.bool("http_output.insecure", false);
    h.ca_cert = r.str("http_output.ca_cert", "");
    h.ca_bundle = r.str("http_output.ca_bundle", "");
    h.ca_path = r.str("http_output.ca_path", "/etc/ssl/certs");
    h.mtls = r.bool("http_output.mtls", false);
    h.client_cert = r.str("http_output.client_cert", "/etc/ssl/certs/client.crt");
    h.client_key = r.str("http_output.client_key", "/etc/ssl/certs/client.key");
    h.echo = r.bool("http_output.echo", false);
    h.compress_uploads = r.bool("http_output.compress_uploads", false);
    h.keep_alive = r.bool("http_output.keep_alive", false);
    h.max_consecutive_timeouts = r.int("http_output.max_consecutive_timeouts", 5) as u8;
    if h.enabled && h.url.is_empty() {
        return Err(fail(
            "http_output",
            "http output enabled but no url in configuration block",
        ));
    }
    c.output_timeout_ms = r.int("output_timeout", 2000) as u32;

    // webserver
    let w = &mut c.webserver;
    w.enabled = r.bool("webserver.enabled", false);
    w.threadiness = r.int("webserver.threadiness", 0) as u32;
    w.listen_port = r.int("webserver.listen_port", 8765) as u16;
    w.listen_address = r.str("webserver.listen_address", "0.0.0.0");
    if w.listen_address.trim().parse::<std::net::IpAddr>().is_err() {
        return Err(fail(
            "webserver.listen_address",
            &format!(
                "webserver listen address \"{}\" is not a valid IP address",
                w.listen_address
            ),
        ));
    }
    w.k8s_healthz_endpoint = r.str("webserver.k8s_healthz_endpoint", "/healthz");
    w.prometheus_metrics_enabled = r.bool("webserver.prometheus_metrics_enabled", false);
    w.ssl_enabled = r.bool("webserver.ssl_enabled", false);
    w.ssl_certificate = r.str("webserver.ssl_certificate", "/etc/falco/falco.pem");

    // logging
    c.log_stderr = r.bool("log_stderr", false);
    c.log_syslog = r.bool("log_syslog", true);
    let lvl = r.str("log_level", "info");
    c.log_level = crate::logger::Level::parse(&lvl)
        .ok_or_else(|| fail("log_level", &format!("Unknown log level {lvl}")))?;
    c.libs_logger.enabled = r.bool("libs_logger.enabled", true);
    c.libs_logger.severity = r.str("libs_logger.severity", "info");

    // drops and timeouts
    c.syscall_event_timeouts_max_consecutives =
        r.int("syscall_event_timeouts.max_consecutives", 1000) as u32;
    let sd = &mut c.syscall_event_drops;
    sd.threshold = r.float("syscall_event_drops.threshold", 0.1);
    sd.rate = r.float("syscall_event_drops.rate", 0.03333);
    sd.max_burst = r.int("syscall_event_drops.max_burst", 1) as u64;
    sd.simulate_drops = r.bool("syscall_event_drops.simulate_drops", false);
    let mut actions = Vec::new();
    for a in r.list("syscall_event_drops.actions").unwrap_or_default() {
        let act = match a.as_str() {
            "ignore" => DropAction::Ignore,
            "log" => DropAction::Log,
            "alert" => DropAction::Alert,
            "exit" => DropAction::Exit,
            _ => {
                return Err(fail(
                    "syscall_event_drops.actions",
                    "available actions for syscall event drops are \"ignore\", \"log\", \"alert\", and \"exit\"",
                ))
            }
        };
        if matches!(act, DropAction::Log | DropAction::Alert)
            && actions.contains(&DropAction::Ignore)
        {
            return Err(fail(
                "syscall_event_drops.actions",
                &format!("syscall event drop action \"{a}\" does not make sense with the \"ignore\" action"),
            ));
        }
        if !actions.contains(&act) {
            actions.push(act);
        }
    }
    actions.sort();
    if actions.is_empty() {
        actions.push(DropAction::Ignore);
    }
    sd.actions = actions;

    // metrics
    let m = &mut c.metrics;
    m.enabled = r.bool("metrics.enabled", false);
    m.interval = r.str("metrics.interval", "5000");
    m.interval_ms = schema::parse_duration_ms(&m.interval).unwrap_or(0);
    m.output_rule = r.bool("metrics.output_rule", false);
    m.output_file = r.str("metrics.output_file", "");
    m.rules_counters_enabled = r.bool("metrics.rules_counters_enabled", true);
    m.resource_utilization_enabled = r.bool("metrics.resource_utilization_enabled", true);
    m.state_counters_enabled = r.bool("metrics.state_counters_enabled", true);
    m.kernel_event_counters_enabled = r.bool("metrics.kernel_event_counters_enabled", true);
    m.kernel_event_counters_per_cpu_enabled =
        r.bool("metrics.kernel_event_counters_per_cpu_enabled", true);
    m.libbpf_stats_enabled = r.bool("metrics.libbpf_stats_enabled", true);
    m.plugins_metrics_enabled = r.bool("metrics.plugins_metrics_enabled", true);
    m.kernel_iter_event_counters_enabled =
        r.bool("metrics.kernel_iter_event_counters_enabled", true);
    m.jemalloc_stats_enabled = r.bool("metrics.jemalloc_stats_enabled", true);
    m.convert_memory_to_mb = r.bool("metrics.convert_memory_to_mb", true);
    m.include_empty_values = r.bool("metrics.include_empty_values", false);

    c.base_syscalls.custom_set = r.list("base_syscalls.custom_set").unwrap_or_default();
    c.base_syscalls.repair = r.bool("base_syscalls.repair", false);
    c.base_syscalls.all = r.bool("base_syscalls.all", false);

    let fl = &mut c.falco_libs;
    fl.thread_table_size = r.int("falco_libs.thread_table_size", 262_144) as u32;
    fl.thread_table_auto_purging_interval_s =
        r.int("falco_libs.thread_table_auto_purging_interval_s", 300) as u32;
    fl.thread_table_auto_purging_thread_timeout_s =
        r.int("falco_libs.thread_table_auto_purging_thread_timeout_s", 300) as u32;
    fl.snaplen = match r.int("falco_libs.snaplen", 0) {
        0 => None,
        n => Some(n as u32),
    };

    Ok(c)
}

/// The rules files to load: `-r` paths when given (kept even when missing, so loading
/// reports them), otherwise the configured `rules_files` that exist; directories are
/// replaced by their regular `.yaml`/`.yml` files in name order, and only `.yaml`/`.yml`
/// files are kept.
pub fn rules_paths(config: &Config, cmdline: &[PathBuf]) -> Vec<PathBuf> {
    let entries: Vec<PathBuf> = if cmdline.is_empty() {
        config
            .rules_files
            .iter()
            .map(PathBuf::from)
            .filter(|p| p.exists())
            .collect()
    } else {
        cmdline.to_vec()
    };
    let is_yaml = |p: &Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e == "yaml" || e == "yml")
    };
    let mut out = Vec::new();
    for e in entries {
        if e.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&e)
                .map(|rd| {
                    rd.filter_map(Result::ok)
                        .map(|d| d.path())
                        .filter(|p| p.is_file())
                        .collect()
                })
                .unwrap_or_default();
            files.sort();
            out.extend(files.into_iter().filter(|p| is_yaml(p)));
        } else if is_yaml(&e) {
            out.push(e);
        }
    }
    out
}
