//! The `falco` command line: current flags, removed flags, CLI-only actions, the engine
//! integration point.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use falco_cli::options::{find_removed_flag, ListFormat, Options, OptionsError};

fn falco(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_falco"))
        .args(args)
        .env_remove("FALCO_HOSTNAME")
        .output()
        .expect("running falco")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A configuration file in a temporary directory (stderr logging on, syslog off).
fn conf(extra: &str) -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("falco.yaml");
    std::fs::write(
        &p,
        format!("log_stderr: true\nlog_syslog: false\nstdout_output:\n  enabled: true\nrules_files: []\n{extra}"),
    )
    .unwrap();
    (d, p)
}

fn parse(args: &[&str]) -> Result<Options, OptionsError> {
    let mut v = vec!["falco".to_string()];
    v.extend(args.iter().map(|s| s.to_string()));
    Options::parse_args(&v)
}

#[test]
fn current_flags_parse() {
    let o = parse(&[
        "-c",
        "/etc/falco/falco.yaml",
        "-r",
        "a.yaml",
        "-r",
        "rules.d",
        "-o",
        "json_output=true",
        "--option",
        "engine.kind=replay",
        "-L",
        "-l",
        "Some rule",
        "-N",
        "--list",
        "-V",
        "x.yaml",
        "--validate",
        "y.yaml",
        "--dry-run",
        "-i",
        "-M",
        "30",
        "-U",
        "-P",
        "/run/falco.pid",
        "-v",
        "--support",
        "--version",
        "--page-size",
        "--config-schema",
        "--rule-schema",
        "--list-events",
        "--format",
        "JSON",
        "--disable-source",
        "k8s_audit",
        "--list-plugins",
    ])
    .unwrap();
    assert_eq!(
        o.conf_filename.as_deref(),
        Some(Path::new("/etc/falco/falco.yaml"))
    );
    assert_eq!(
        o.rules_filenames,
        vec![PathBuf::from("a.yaml"), PathBuf::from("rules.d")]
    );
    assert_eq!(
        o.cmdline_config_options,
        vec!["json_output=true", "engine.kind=replay"]
    );
    assert!(o.describe_all_rules && o.names_only && o.dry_run && o.print_ignored_events);
    assert_eq!(o.describe_rule.as_deref(), Some("Some rule"));
    assert_eq!(o.list.as_deref(), Some(""));
    assert_eq!(
        o.validate,
        vec![PathBuf::from("x.yaml"), PathBuf::from("y.yaml")]
    );
    assert_eq!(o.duration_secs, 30);
    assert!(o.unbuffered && o.verbose && o.print_support && o.print_version);
    assert!(o.print_page_size && o.print_config_schema && o.print_rule_schema && o.list_events);
    assert_eq!(o.pidfile.as_deref(), Some(Path::new("/run/falco.pid")));
    assert_eq!(o.list_format, ListFormat::Json);
    assert_eq!(o.disable_sources, vec!["k8s_audit"]);
    // --list takes an optional source.
    assert_eq!(
        parse(&["--list", "syscall"]).unwrap().list.as_deref(),
        Some("syscall")
    );
    assert_eq!(
        parse(&["--list=syscall", "-N"]).unwrap().list.as_deref(),
        Some("syscall")
    );
    // -o values keep their '=' and commas.
    let o = parse(&["-oa.b=c=d", "-o", "x=[1,2]"]).unwrap();
    assert_eq!(o.cmdline_config_options, vec!["a.b=c=d", "x=[1,2]"]);
    // Deprecated -p is accepted; -pc / -pk are no-ops.
    assert_eq!(
        parse(&["-p", "user=%user.name"])
            .unwrap()
            .print_additional
            .as_deref(),
        Some("user=%user.name")
    );
    assert_eq!(parse(&["-pc"]).unwrap().print_additional, None);
    assert_eq!(
        parse(&["--markdown"]).unwrap().list_format,
        ListFormat::Markdown
    );
}

#[test]
fn invalid_flag_combinations() {
    let e = parse(&["--markdown", "--format", "json"])
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "Cannot specify both --markdown and --format options together"
    );
    let e = parse(&["--format", "yaml"]).unwrap_err().to_string();
    assert_eq!(
        e,
        "Invalid format 'yaml'. Valid values are: text, markdown, json"
    );
    let e = parse(&["--enable-source", "a", "--disable-source", "b"])
        .unwrap_err()
        .to_string();
    assert_eq!(e, "You can not mix --enable-source and --disable-source");
    assert!(matches!(
        parse(&["--frobnicate"]),
        Err(OptionsError::Invalid(_))
    ));
    assert!(matches!(
        parse(&["-M", "soon"]),
        Err(OptionsError::Invalid(_))
    ));
    assert!(matches!(parse(&["-h"]), Err(OptionsError::Help(_))));
}

#[test]
fn removed_flags_name_their_replacement() {
    let cases: &[(&[&str], &str)] = &[
        (&["-e", "x.scap"], "-e was removed: use -o engine.kind=replay -o engine.replay.capture_file=FILE"),
        (&["-A"], "-A was removed: use -o base_syscalls.all=true"),
        (&["-b"], "use -o buffer_format_base64=true"),
        (&["--print-base64"], "use -o buffer_format_base64=true"),
        (&["-d"], "-d/--daemon was removed"),
        (&["--daemon"], "-d/--daemon was removed"),
        (&["-D", "Some rule"], "-D was removed: use the 'rules' configuration key, e.g. -o 'rules[].disable.rule=NAME'"),
        (&["-t", "network"], "-t was removed: use the 'rules' configuration key"),
        (&["-T", "network"], "-T was removed: use the 'rules' configuration key, e.g. -o 'rules[].disable.tag=TAG'"),
        (&["-k", "http://k8s"], "k8smeta plugin"),
        (&["-K", "cert"], "k8smeta plugin"),
        (&["--k8s-node", "n"], "k8smeta plugin"),
        (&["-S", "200"], "-S/--snaplen was removed: use -o falco_libs.snaplen=N"),
        (&["--snaplen=200"], "use -o falco_libs.snaplen=N"),
        (&["--modern-bpf"], "--modern-bpf was removed: use -o engine.kind=modern_ebpf"),
        (&["--nodriver"], "--nodriver was removed: use -o engine.kind=nodriver"),
        (&["-u"], "-u/--userspace was removed"),
        (&["--userspace"], "-u/--userspace was removed"),
        (&["--cri", "/run/containerd.sock"], "container plugin's init_config"),
        (&["--disable-cri-async"], "container plugin's init_config"),
        (&["--gvisor-config", "x"], "the gVisor engine is no longer supported"),
        (&["--gvisor-root", "x"], "the gVisor engine is no longer supported"),
        (&["-s", "stats.json"], "-s was removed: use the metrics configuration"),
        (&["--stats-interval", "5000"], "-o metrics.interval=DURATION"),
        (&["--list-syscall-events"], "use --list-events"),
        // In a cluster of short flags, and after a valid flag with its value.
        (&["-vA"], "-A was removed"),
        (&["-c", "/x.yaml", "-e", "y.scap"], "-e was removed"),
    ];
    for (args, msg) in cases {
        let e = parse(args).unwrap_err();
        assert!(matches!(e, OptionsError::Removed(_)), "{args:?}: {e}");
        assert!(e.to_string().contains(msg), "{args:?}: {e}");
    }
    // Values that look like removed flags are values.
    let strs = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(find_removed_flag(&strs(&["-l", "-e"])), None);
    assert_eq!(find_removed_flag(&strs(&["-o", "-A=1"])), None);
    assert_eq!(find_removed_flag(&strs(&["-pk"])), None);
    assert_eq!(find_removed_flag(&strs(&["--format", "-d"])), None);
}

#[test]
fn removed_flags_exit_1_with_one_line() {
    let o = falco(&["-e", "trace.scap"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "Error: -e was removed: use -o engine.kind=replay -o engine.replay.capture_file=FILE\n"
    );
    assert!(stdout(&o).is_empty());
    let o = falco(&["--modern-bpf"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o).lines().count(), 1);
}

#[test]
fn unknown_flag_exits_1() {
    let o = falco(&["--frobnicate"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("Error: "), "{}", stderr(&o));
}

#[test]
fn help_and_version() {
    let o = falco(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let h = stdout(&o);
    for flag in [
        "-c <path>",
        "--list-events",
        "-o, --option",
        "--page-size",
        "-V, --validate",
        "-r <rules_file>",
    ] {
        assert!(h.contains(flag), "{flag} missing from help:\n{h}");
    }
    let (_d, c) = conf("");
    let o = falco(&["-c", c.to_str().unwrap(), "--version"]);
    assert_eq!(o.status.code(), Some(0));
    let v = stdout(&o);
    let lines: Vec<&str> = v.lines().collect();
    assert_eq!(
        lines[0],
        format!("Falco version: {}", env!("CARGO_PKG_VERSION"))
    );
    assert!(lines[1].starts_with("Libs version:  "));
    assert!(lines[2].starts_with("Plugin API:    "));
    assert_eq!(lines[3], "Engine:        0.63.0");
    assert_eq!(lines[4], "Driver:");
    assert_eq!(lines[5], "  API version:    10.1.0");
    assert_eq!(lines[6], "  Schema version: 4.5.1");
    assert!(lines[7].starts_with("  Default driver: "));
    // The startup lines are logged on stderr.
    let err = stderr(&o);
    assert!(err.contains(": Falco version: "), "{err}");
    assert!(
        err.contains("Falco initialized with configuration files:"),
        "{err}"
    );
    assert!(
        err.contains(&format!("   {} | schema validation: ok", c.display())),
        "{err}"
    );

    let o = falco(&[
        "-c",
        c.to_str().unwrap(),
        "-o",
        "json_output=true",
        "--version",
    ]);
    let j: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(j["engine_version"], "63");
    assert_eq!(j["engine_version_semver"], "0.63.0");
    assert_eq!(j["driver_api_version"], "10.1.0");
    assert_eq!(j["driver_schema_version"], "4.5.1");
    assert!(j["falco_version"].is_string() && j["libs_version"].is_string());
}

#[test]
fn log_lines_iso8601_prefix() {
    let (_d, c) = conf("time_format_iso_8601: true\n");
    let o = falco(&["-c", c.to_str().unwrap(), "--version"]);
    let first = stderr(&o).lines().next().unwrap().to_string();
    // 2026-07-31T19:06:20+0000: Falco version: ...
    assert_eq!(&first[10..11], "T", "{first}");
    assert_eq!(&first[19..26], "+0000: ", "{first}");
    assert!(first[26..].starts_with("Falco version: "), "{first}");
    let (_d, c) = conf("");
    let o = falco(&["-c", c.to_str().unwrap(), "--version"]);
    let first = stderr(&o).lines().next().unwrap().to_string();
    // Thu Jul 31 21:06:20 2026: Falco version: ...
    assert_eq!(&first[24..26], ": ", "{first}");
    assert!(first[26..].starts_with("Falco version: "), "{first}");
}

#[test]
fn config_errors_exit_1() {
    let o = falco(&["-c", "/nonexistent/falco.yaml", "--version"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "Error: Could not find configuration file at /nonexistent/falco.yaml\n"
    );
    let (_d, c) = conf("json_output: 12\n");
    let o = falco(&["-c", c.to_str().unwrap(), "--version"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "Error: Error reading config file ({}): line 6, column 14: 'json_output' must be a boolean (true or false), found '12'\n",
            c.display()
        )
    );
    let (_d, c) = conf("bogus_key: 1\n");
    let o = falco(&["-c", c.to_str().unwrap(), "--version"]);
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(
        err.contains(
            "schema validation: failed for bogus_key: is not a known configuration key (ignored)"
        ),
        "{err}"
    );
    assert!(
        err.contains("Unknown configuration key 'bogus_key' in "),
        "{err}"
    );
}

#[test]
fn list_events_formats() {
    let o = falco(&["--list-events"]);
    assert_eq!(o.status.code(), Some(0));
    let t = stdout(&o);
    assert!(t.starts_with(
        "The events below are valid for Falco *Schema Version*: 4.5.1\n## Syscall events\n\n"
    ));
    assert!(
        t.contains("\n< execve(ERRNO **res**, CHARBUF **exe**, BYTEBUF **args**, "),
        "execve exit"
    );
    assert!(t.contains("## Tracepoint events\n") && t.contains("## Metaevents\n"));
    let o = falco(&["--list-events", "--format", "markdown"]);
    assert!(stdout(&o).contains("Default | Dir | Name | Params \n:-------|:----|:-----|:-----\n"));
    let o = falco(&["--list-events", "--format", "json"]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["schema_version"], "4.5.1");
    let sys = j["Syscall events"].as_array().unwrap();
    assert!(sys.iter().any(|e| e["name"] == "openat" && e["dir"] == "<"));
    let o = falco(&["--list-events", "--markdown"]);
    assert!(
        stderr(&o).contains("WARNING: --markdown is deprecated, use --format markdown instead.")
    );
}

#[test]
fn list_fields_and_ignored_events() {
    let o = falco(&["--list"]);
    assert_eq!(o.status.code(), Some(0));
    let t = stdout(&o);
    assert!(
        t.starts_with("-------------------------------\nField Class:                  evt"),
        "{t}"
    );
    assert!(t.contains("\nevt.num                       "));
    let o = falco(&["--list", "-N"]);
    let names: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    assert!(names.contains(&"evt.type".to_string()) && names.contains(&"evt.num".to_string()));
    let expected: Vec<String> = falco_sinsp::fields::all()
        .map(|d| d.name.to_string())
        .collect();
    assert_eq!(names, expected);
    let o = falco(&["--list", "syscall", "--format", "json"]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(j["fieldclasses"][0]["fields"].as_array().unwrap().len() > 10);
    let o = falco(&["--list", "k8s_audit"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "Error: Value for --list must be a valid source type\n"
    );
    let o = falco(&["-i"]);
    let t = stdout(&o);
    assert!(t.starts_with("Ignored syscall(s):\n- "), "{t}");
    assert!(t.contains("\n- read\n") && !t.contains("\n- execve\n"));
}

#[test]
fn config_schema_is_json() {
    let o = falco(&["--config-schema"]);
    assert_eq!(o.status.code(), Some(0));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        j["properties"]["engine"]["properties"]["kind"]["enum"][1],
        "modern_ebpf"
    );
}

#[test]
fn support_prints_versions_config_and_rules() {
    let (d, c) = conf("");
    let rules = d.path().join("my_rules.yaml");
    std::fs::write(&rules, "- list: shells\n  items: [bash]\n").unwrap();
    let o = falco(&[
        "-c",
        c.to_str().unwrap(),
        "-r",
        rules.to_str().unwrap(),
        "--support",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["engine_info"]["engine_version_semver"], "0.63.0");
    assert!(j["system_info"]["sysname"].is_string());
    assert!(j["cmdline"].as_str().unwrap().contains("--support"));
    assert!(j["config"]
        .as_str()
        .unwrap()
        .contains("\"log_stderr\":true"));
    assert_eq!(j["rules_files"][0]["name"], rules.to_str().unwrap());
    assert_eq!(
        j["rules_files"][0]["variants"][0]["content"],
        "- list: shells\n  items: [bash]\n"
    );
}

#[test]
fn replay_without_capture_file_is_a_config_error() {
    let (_d, c) = conf("");
    let o = falco(&["-c", c.to_str().unwrap(), "-o", "engine.kind=replay"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "Error: Error in command-line option -o engine.kind=replay: engine.kind is 'replay' but no engine.replay.capture_file specified.\n"
    );
}

#[test]
fn no_default_config_file() {
    if Path::new("/etc/falco/falco.yaml").exists() {
        eprintln!("skipped: /etc/falco/falco.yaml exists on this machine");
        return;
    }
    let o = falco(&["-L"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).ends_with(
        "Error: You must create a config file at /etc/falco/falco.yaml or by passing -c\n"
    ));
    // Actions that need no configuration still work.
    assert_eq!(falco(&["--version"]).status.code(), Some(0));
    assert_eq!(falco(&["--list", "-N"]).status.code(), Some(0));
}
