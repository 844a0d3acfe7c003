//! The command line of `falco`, as Falco 0.44 takes it.
//!
//! Flags that older Falco versions had and 0.44 does not (`-e`, `-A`, `-D`, `-t`, `-T`,
//! `-S`, `--modern-bpf`, ...) are recognised before parsing and rejected with a message
//! naming what replaced them ([`removed_flag`]).
//!
//! The doc comments of the [`Options`] fields are the `--help` text, in Falco's words
//! (with `<placeholders>`), not rustdoc markup.
#![allow(rustdoc::invalid_html_tags, rustdoc::broken_intra_doc_links)]

use std::path::PathBuf;

use clap::{ArgAction, Parser};

/// Output format of `--list` and `--list-events`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ListFormat {
    /// Plain text (default).
    #[default]
    Text,
    /// Markdown tables.
    Markdown,
    /// JSON.
    Json,
}

/// Falco - Cloud Native Runtime Security (falco-rs).
#[derive(Parser, Debug, Clone, Default)]
#[command(
    name = "falco",
    about = "Falco - Cloud Native Runtime Security",
    disable_version_flag = true,
    max_term_width = 140,
    after_help = "Examples:\n  \
      falco                                  watch this machine (root; engine.kind in falco.yaml: \
      modern_ebpf, kmod or auto)\n  \
      falco -o engine.kind=replay -o engine.replay.capture_file=x.scap   alerts for a capture \
      file\n  \
      falco -V my_rules.yaml                 check a rules file (errors name file, line and \
      column)\n  \
      falco -r my_rules.yaml -L              list the rules (-o json_output=true for details)\n  \
      falco -o json_output=true -o http_output.enabled=true -o \
      http_output.url=http://sidekick:2801/   alerts to falcosidekick\n\n\
      Signals: SIGHUP reloads the configuration and rules without stopping the capture, \
      SIGUSR1 reopens the output files, SIGINT/SIGTERM stop with the statistics."
)]
pub struct Options {
    /// Configuration file. If not specified uses /etc/falco/falco.yaml.
    #[arg(short = 'c', value_name = "path")]
    pub conf_filename: Option<PathBuf>,

    /// Print the config json schema and exit.
    #[arg(long = "config-schema")]
    pub print_config_schema: bool,

    /// Print the rule json schema and exit.
    #[arg(long = "rule-schema")]
    pub print_rule_schema: bool,

    /// Turn off a specific <event_source>; repeatable; cannot be mixed with --enable-source.
    #[arg(long = "disable-source", value_name = "event_source", action = ArgAction::Append)]
    pub disable_sources: Vec<String>,

    /// Run Falco without processing events: check that the configuration and rules load.
    #[arg(long = "dry-run")]
    pub dry_run: bool,

    /// Enable only these <event_source>s; repeatable; cannot be mixed with --disable-source.
    #[arg(long = "enable-source", value_name = "event_source", action = ArgAction::Append)]
    pub enable_sources: Vec<String>,

    /// Print the events that are ignored by default for performance reasons and exit.
    #[arg(short = 'i')]
    pub print_ignored_events: bool,

    /// Show the name and description of all rules and exit (details in JSON with
    /// json_output).
    #[arg(short = 'L')]
    pub describe_all_rules: bool,

    /// Show the name and description of the rule <rule> and exit.
    #[arg(short = 'l', value_name = "rule")]
    pub describe_rule: Option<String>,

    /// List all defined fields and exit; with <source>, only the fields of that source.
    #[arg(long = "list", value_name = "source", num_args = 0..=1, default_missing_value = "")]
    pub list: Option<String>,

    /// List all defined syscall events, metaevents and tracepoint events and exit.
    #[arg(long = "list-events")]
    pub list_events: bool,

    /// Print info on all loaded plugins and exit.
    #[arg(long = "list-plugins")]
    pub list_plugins: bool,

    /// Stop Falco execution after <num_seconds> (0: never).
    #[arg(short = 'M', value_name = "num_seconds", default_value_t = 0)]
    pub duration_secs: u64,

    /// DEPRECATED: use --format markdown instead.
    #[arg(long = "markdown")]
    pub markdown: bool,

    /// Format of --list and --list-events: text, markdown or json.
    #[arg(long = "format", value_name = "format")]
    pub format: Option<String>,

    /// With --list, print field names only.
    #[arg(short = 'N')]
    pub names_only: bool,

    /// Set the configuration key <opt> to <val>, overriding the configuration files.
    /// Keys are dot paths (base.sub=val), list items take brackets (base.list[1]=val),
    /// and \. \[ \] \\ escape those characters in key names. Repeatable.
    #[arg(short = 'o', long = "option", value_name = "opt>=<val", action = ArgAction::Append)]
    pub cmdline_config_options: Vec<String>,

    /// Print info for the plugin <plugin_name> and exit.
    #[arg(long = "plugin-info", value_name = "plugin_name")]
    pub plugin_info: Option<String>,

    /// DEPRECATED: use -o append_output... instead. Append <output_format> to rule outputs
    /// (-pc and -pk are accepted and ignored).
    #[arg(short = 'p', long = "print", value_name = "output_format")]
    pub print_additional: Option<String>,

    /// Write the PID to <pid_file>.
    #[arg(short = 'P', long = "pidfile", value_name = "pid_file")]
    pub pidfile: Option<PathBuf>,

    /// Rules file or directory to load (only .yaml/.yml files). Repeatable; replaces
    /// rules_files of the configuration.
    #[arg(short = 'r', value_name = "rules_file", action = ArgAction::Append)]
    pub rules_filenames: Vec<PathBuf>,

    /// Print support information (versions, rules files, configuration) in JSON and exit.
    #[arg(long = "support")]
    pub print_support: bool,

    /// Turn off output buffering: every alert is flushed.
    #[arg(short = 'U', long = "unbuffered")]
    pub unbuffered: bool,

    /// Validate the rules file(s) <rules_file> and exit. Repeatable.
    #[arg(short = 'V', long = "validate", value_name = "rules_file", action = ArgAction::Append)]
    pub validate: Vec<PathBuf>,

    /// Verbose output.
    #[arg(short = 'v')]
    pub verbose: bool,

    /// Print version information and exit.
    #[arg(long = "version")]
    pub print_version: bool,

    /// Print the system page size and exit.
    #[arg(long = "page-size")]
    pub print_page_size: bool,

    /// The output format chosen by --format or --markdown (filled by [`Options::parse_args`]).
    #[arg(skip)]
    pub list_format: ListFormat,

    /// The command line as given, space-separated (for `--support`).
    #[arg(skip)]
    pub cmdline: String,
}

/// A command line that cannot be used.
#[derive(Debug)]
pub enum OptionsError {
    /// A flag Falco no longer has: the message names its replacement.
    Removed(String),
    /// Anything else (unknown flag, bad value, conflicting flags).
    Invalid(String),
    /// `-h`/`--help` (the text is the usage).
    Help(String),
}

impl std::fmt::Display for OptionsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OptionsError::Removed(m) | OptionsError::Invalid(m) | OptionsError::Help(m) => {
                f.write_str(m)
            }
        }
    }
}

/// Short flags that take a value (a cluster ends at them; the rest is the value).
const SHORT_WITH_VALUE: &[char] = &['c', 'l', 'M', 'o', 'p', 'P', 'r', 'V'];
/// Long flags that take a separate value.
const LONG_WITH_VALUE: &[&str] = &[
    "--disable-source",
    "--enable-source",
    "--format",
    "--option",
    "--plugin-info",
    "--print",
    "--pidfile",
    "--validate",
];

/// The message for a flag Falco 0.44 no longer has, `None` for any other flag.
pub fn removed_flag(flag: &str) -> Option<String> {
    let name = flag.split('=').next().unwrap_or(flag);
    let msg = match name {
        "-e" => "-e was removed: use -o engine.kind=replay -o engine.replay.capture_file=FILE",
        "-A" => "-A was removed: use -o base_syscalls.all=true",
        "-b" | "--print-base64" => "-b/--print-base64 was removed: use -o buffer_format_base64=true",
        "-d" | "--daemon" => "-d/--daemon was removed: run falco in the foreground under a service manager (e.g. systemd)",
        "-D" => "-D was removed: use the 'rules' configuration key, e.g. -o 'rules[].disable.rule=NAME' (names may use * wildcards)",
        "-t" => "-t was removed: use the 'rules' configuration key, e.g. -o 'rules[].disable.rule=*' -o 'rules[].enable.tag=TAG'",
        "-T" => "-T was removed: use the 'rules' configuration key, e.g. -o 'rules[].disable.tag=TAG'",
        "-k" | "-K" | "--k8s-api" | "--k8s-api-cert" | "--k8s-node" => {
            "-k/-K/--k8s-api* were removed: Kubernetes metadata comes from the k8smeta plugin (plugins / load_plugins configuration)"
        }
        "-m" | "--mesos-api" => "-m/--mesos-api was removed: Mesos is no longer supported",
        "-S" | "--snaplen" => "-S/--snaplen was removed: use -o falco_libs.snaplen=N",
        "--modern-bpf" => "--modern-bpf was removed: use -o engine.kind=modern_ebpf",
        "--nodriver" => "--nodriver was removed: use -o engine.kind=nodriver",
        "-u" | "--userspace" => "-u/--userspace was removed: userspace instrumentation is no longer supported; use -o engine.kind=modern_ebpf or kmod",
        "--cri" | "--disable-cri-async" => {
            "--cri/--disable-cri-async were removed: container runtimes are configured in the container plugin's init_config (plugins configuration)"
        }
        "-g" | "--gvisor-config" | "--gvisor-root" | "--gvisor-generate-config" => {
            "--gvisor-* were removed: the gVisor engine is no longer supported"
        }
        "-s" => "-s was removed: use the metrics configuration, e.g. -o metrics.enabled=true -o metrics.output_file=FILE",
        "--stats-interval" => "--stats-interval was removed: use -o metrics.enabled=true -o metrics.interval=DURATION (e.g. 15s)",
        "--list-syscall-events" => "--list-syscall-events was removed: use --list-events",
        "-X" | "--alternate-lua-dir" => "-X/--alternate-lua-dir was removed: rules no longer use Lua",
        _ => return None,
    };
    Some(msg.to_string())
}

/// The first removed flag of `args` (without the program name), as its message.
pub fn find_removed_flag(args: &[String]) -> Option<String> {
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--" {
            break;
        }
        if let Some(long) = a.strip_prefix("--") {
            if let Some(m) = removed_flag(a) {
                return Some(m);
            }
            if !long.contains('=') && LONG_WITH_VALUE.contains(&a.as_str()) {
                i += 1;
            }
            continue;
        }
        let Some(cluster) = a.strip_prefix('-') else {
            continue;
        };
        for (pos, c) in cluster.char_indices() {
            if let Some(m) = removed_flag(&format!("-{c}")) {
                return Some(m);
            }
            if SHORT_WITH_VALUE.contains(&c) {
                if pos + c.len_utf8() == cluster.len() {
                    i += 1; // value in the next argument
                }
                break;
            }
        }
    }
    None
}

impl Options {
    /// Parse a command line (`args[0]` is the program name).
    pub fn parse_args(args: &[String]) -> Result<Options, OptionsError> {
        if let Some(m) = find_removed_flag(args.get(1..).unwrap_or(&[])) {
            return Err(OptionsError::Removed(m));
        }
        let mut o = match Options::try_parse_from(args) {
            Ok(o) => o,
            Err(e) => {
                return Err(match e.kind() {
                    clap::error::ErrorKind::DisplayHelp => OptionsError::Help(e.to_string()),
                    _ => OptionsError::Invalid(e.to_string().trim_end().to_string()),
                })
            }
        };
        o.cmdline = args.join(" ");
        if o.markdown && o.format.is_some() {
            return Err(OptionsError::Invalid(
                "Cannot specify both --markdown and --format options together".into(),
            ));
        }
        if let Some(f) = &o.format {
            o.list_format = match f.to_ascii_lowercase().as_str() {
                "" | "text" => ListFormat::Text,
                "markdown" => ListFormat::Markdown,
                "json" => ListFormat::Json,
                _ => {
                    return Err(OptionsError::Invalid(format!(
                        "Invalid format '{f}'. Valid values are: text, markdown, json"
                    )))
                }
            };
        } else if o.markdown {
            eprintln!("WARNING: --markdown is deprecated, use --format markdown instead.");
            o.list_format = ListFormat::Markdown;
        }
        if !o.enable_sources.is_empty() && !o.disable_sources.is_empty() {
            return Err(OptionsError::Invalid(
                "You can not mix --enable-source and --disable-source".into(),
            ));
        }
        if let Some(p) = &o.print_additional {
            eprintln!("WARNING: -p/--print is deprecated, use -o append_output... instead.");
            if matches!(p.as_str(), "c" | "container" | "k" | "kubernetes") {
                o.print_additional = None;
            }
        }
        Ok(o)
    }

    /// The usage text (`-h`).
    pub fn usage() -> String {
        use clap::CommandFactory;
        Options::command().render_help().to_string()
    }
}
