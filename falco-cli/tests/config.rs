//! falco.yaml loading: defaults, type errors with positions, -o overrides, config_files
//! merging, ${ENV} references, Falco's semantic checks.

use std::path::{Path, PathBuf};

use falco_cli::config::schema::{self, Field, Ty};
use falco_cli::config::{
    self, load_file, load_str, Config, ConfigError, DropAction, EngineKind, Loaded, RuleMatching,
    RuleSelection, RuleSelector, DEFAULT_FALCO_YAML,
};
use falco_cli::logger::Level;
use falco_cli::priority::Priority;
use falco_cli::yaml::MergeStrategy;

fn load(text: &str, opts: &[&str]) -> Result<Loaded, ConfigError> {
    let opts: Vec<String> = opts.iter().map(|s| s.to_string()).collect();
    load_str(text, Path::new("/etc/falco/falco.yaml"), &opts)
}

fn cfg(text: &str, opts: &[&str]) -> Config {
    match load(text, opts) {
        Ok(l) => l.config,
        Err(e) => panic!("unexpected error: {e}"),
    }
}

fn err(text: &str, opts: &[&str]) -> String {
    match load(text, opts) {
        Ok(_) => panic!("expected an error for {text:?} {opts:?}"),
        Err(e) => e.0,
    }
}

#[test]
fn absent_keys_take_falcos_builtin_defaults() {
    let c = cfg("", &[]);
    assert_eq!(c, Config::default());
    assert_eq!(c.engine.kind, EngineKind::Kmod);
    assert!(!c.stdout_output && !c.syslog_output && !c.log_stderr && c.log_syslog);
    assert_eq!(c.output_timeout_ms, 2000);
    assert_eq!(c.outputs_queue_capacity, 0);
    assert_eq!(c.priority, Priority::Debug);
    assert_eq!(c.rule_matching, RuleMatching::First);
    assert_eq!(c.syscall_event_drops.actions, vec![DropAction::Ignore]);
    assert_eq!(c.http_output.user_agent, "falcosecurity/falco");
    assert_eq!(c.falco_libs.snaplen, None);
}

#[test]
fn shipped_falco_yaml_has_falcos_keys_and_values() {
    let l = load(DEFAULT_FALCO_YAML, &[]).unwrap();
    assert_eq!(l.files[0].validation, "ok");
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    let c = l.config;
    assert_eq!(c.config_files.len(), 1);
    assert_eq!(c.config_files[0].path, "/etc/falco/config.d");
    assert!(c.watch_config_files);
    assert_eq!(
        c.rules_files,
        vec![
            "/etc/falco/falco_rules.yaml",
            "/etc/falco/falco_rules.local.yaml",
            "/etc/falco/rules.d"
        ]
    );
    assert_eq!(c.engine.kind, EngineKind::ModernEbpf);
    assert_eq!(c.engine.kmod.buf_size_preset, 4);
    assert_eq!(c.engine.modern_ebpf.cpus_for_each_buffer, 2);
    assert!(!c.engine.modern_ebpf.disable_iterators);
    assert_eq!(c.engine.replay_capture_file, "");
    assert!(!c.capture.enabled);
    assert_eq!(c.capture.path_prefix, "/tmp/falco");
    assert_eq!(c.capture.default_duration_ms, 5000);
    assert_eq!(c.load_plugins, Some(vec![]));
    assert!(c.plugins.is_empty(), "load_plugins: [] loads none");
    assert!(c.plugins_hostinfo);
    assert!(!c.time_format_iso_8601 && !c.buffer_format_base64);
    assert_eq!(c.priority, Priority::Debug);
    assert!(!c.json_output);
    assert!(c.json_include_output_property && c.json_include_tags_property);
    assert!(!c.json_include_message_property);
    assert!(c.json_include_output_fields_property);
    assert!(!c.buffered_outputs);
    assert_eq!(c.rule_matching, RuleMatching::First);
    assert_eq!(c.outputs_queue_capacity, 0);
    assert_eq!(c.append_output.len(), 1);
    assert!(c.append_output[0].suggested_output);
    assert!(c.stdout_output && c.syslog_output);
    assert!(!c.file_output.enabled && !c.file_output.keep_alive);
    assert_eq!(c.file_output.filename, "./events.txt");
    assert!(!c.http_output.enabled);
    assert_eq!(c.http_output.ca_path, "/etc/ssl/certs");
    assert_eq!(c.http_output.client_cert, "/etc/ssl/certs/client.crt");
    assert_eq!(c.http_output.client_key, "/etc/ssl/certs/client.key");
    assert_eq!(c.http_output.max_consecutive_timeouts, 5);
    assert!(!c.program_output.enabled);
    assert!(c.program_output.program.starts_with("jq "));
    assert!(c.webserver.enabled);
    assert_eq!(c.webserver.listen_port, 8765);
    assert_eq!(c.webserver.listen_address, "0.0.0.0");
    assert_eq!(c.webserver.k8s_healthz_endpoint, "/healthz");
    assert_eq!(c.webserver.ssl_certificate, "/etc/falco/falco.pem");
    assert!(c.log_stderr && c.log_syslog);
    assert_eq!(c.log_level, Level::Info);
    assert!(c.libs_logger.enabled);
    assert_eq!(c.libs_logger.severity, "info");
    assert_eq!(c.output_timeout_ms, 2000);
    assert_eq!(c.syscall_event_timeouts_max_consecutives, 1000);
    let d = &c.syscall_event_drops;
    assert_eq!(d.threshold, 0.1);
    assert_eq!(d.actions, vec![DropAction::Log, DropAction::Alert]);
    assert_eq!(d.rate, 0.03333);
    assert_eq!(d.max_burst, 1);
    let m = &c.metrics;
    assert!(!m.enabled && m.output_rule);
    assert_eq!(m.interval, "1h");
    assert_eq!(m.interval_ms, 3_600_000);
    assert!(!m.kernel_event_counters_per_cpu_enabled && !m.jemalloc_stats_enabled);
    assert!(m.convert_memory_to_mb && !m.include_empty_values);
    assert!(c.base_syscalls.custom_set.is_empty());
    assert!(!c.base_syscalls.repair && !c.base_syscalls.all);
    assert_eq!(c.falco_libs.thread_table_size, 262_144);
    assert_eq!(c.falco_libs.thread_table_auto_purging_interval_s, 300);
    assert_eq!(c.falco_libs.thread_table_auto_purging_thread_timeout_s, 300);
    assert_eq!(c.falco_libs.snaplen, Some(80));
}

#[test]
fn shipped_falco_yaml_covers_every_top_level_key() {
    // Every key of the schema is documented in our falco.yaml (set or commented out),
    // except the legacy rules_file.
    let Ty::Obj(fields) = &schema::SCHEMA else {
        panic!()
    };
    for f in fields.iter() {
        if f.name == "rules_file" {
            continue;
        }
        let set = format!("\n{}:", f.name);
        let commented = format!("\n# {}:", f.name);
        assert!(
            DEFAULT_FALCO_YAML.contains(&set) || DEFAULT_FALCO_YAML.contains(&commented),
            "{} missing from config/falco.yaml",
            f.name
        );
    }
}

/// Every leaf key of the schema, its path and type.
fn leaves(ty: &'static Ty, path: &str, out: &mut Vec<(String, &'static Ty)>) {
    match ty {
        Ty::Obj(fields) => {
            for Field { name, ty } in fields.iter() {
                let p = if path.is_empty() {
                    name.to_string()
                } else {
                    format!("{path}.{name}")
                };
                leaves(ty, &p, out);
            }
        }
        _ => out.push((path.to_string(), ty)),
    }
}

/// A YAML document setting `path` (dot path) to `value` (inline YAML), and the line and
/// column where the value starts.
fn nested(path: &str, value: &str) -> (String, usize, usize) {
    let parts: Vec<&str> = path.split('.').collect();
    let mut doc = String::from("# leading comment\n");
    for (depth, p) in parts.iter().enumerate() {
        doc.push_str(&"  ".repeat(depth));
        doc.push_str(p);
        doc.push(':');
        if depth + 1 == parts.len() {
            doc.push(' ');
            let col = doc.lines().last().unwrap().len() + 1;
            doc.push_str(value);
            doc.push('\n');
            return (doc, parts.len() + 1, col);
        }
        doc.push('\n');
    }
    unreachable!()
}

#[test]
fn every_key_reports_its_type_error_with_line_and_column() {
    let mut keys = Vec::new();
    leaves(&schema::SCHEMA, "", &mut keys);
    assert!(keys.len() > 90, "{} keys", keys.len());
    let mut checked = 0;
    for (path, ty) in keys {
        let (bad, expect): (&str, String) = match ty {
            Ty::Bool => (
                "notabool",
                "must be a boolean (true or false), found 'notabool'".into(),
            ),
            Ty::Int { min, .. } if *min >= 0 => {
                ("abc", "must be a non-negative integer, found 'abc'".into())
            }
            Ty::Int { .. } => ("abc", "must be an integer, found 'abc'".into()),
            Ty::Float { .. } => ("abc", "must be a number, found 'abc'".into()),
            Ty::Str => ("{a: 1}", "must be a string, found a mapping".into()),
            Ty::Enum(words) => (
                "bogus",
                format!("must be one of {}, found 'bogus'", words.join(", ")),
            ),
            Ty::Duration => (
                "soon",
                "must be a duration such as 15s, 1m or 1h, found 'soon'".into(),
            ),
            Ty::List(_) => ("{a: 1}", "must be a list, found a mapping".into()),
            Ty::Map(_) => ("[1, 2]", "must be a mapping, found a list".into()),
            Ty::StrOrObj(_) | Ty::StrOrMap | Ty::Any | Ty::Obj(_) => continue,
        };
        let (doc, line, col) = nested(&path, bad);
        let e = err(&doc, &[]);
        let want = format!(
            "Error reading config file (/etc/falco/falco.yaml): line {line}, column {col}: '{path}' {expect}"
        );
        assert_eq!(e, want, "document:\n{doc}");
        checked += 1;
    }
    assert!(checked > 90);
}

#[test]
fn type_errors_inside_lists_name_the_item() {
    let e = err("rules:\n  - disable:\n      rule: [a]\n", &[]);
    assert_eq!(
        e,
        "Error reading config file (/etc/falco/falco.yaml): line 3, column 13: 'rules[0].disable.rule' must be a string, found a list"
    );
    let e = err(
        "syscall_event_drops:\n  actions:\n    - log\n    - page\n",
        &[],
    );
    assert!(e.contains("line 4, column 7: 'syscall_event_drops.actions[1]' must be one of ignore, log, alert, exit, found 'page'"), "{e}");
    let e = err("syscall_event_drops:\n  threshold: 2\n", &[]);
    assert!(
        e.contains("'syscall_event_drops.threshold' must be a number between 0 and 1, found '2'"),
        "{e}"
    );
    let e = err("webserver:\n  listen_port: 70000\n", &[]);
    assert!(
        e.contains("'webserver.listen_port' must be an integer between 0 and 65535, found '70000'"),
        "{e}"
    );
}

#[test]
fn weak_typing_as_falco_reads_values() {
    // Quoted booleans and numbers read as what the key expects; numbers are fine strings.
    let c = cfg(
        "json_output: \"true\"\noutput_timeout: '500'\nengine:\n  kind: replay\n  replay:\n    capture_file: 123\nbuffered_outputs: yes\n",
        &[],
    );
    assert!(c.json_output && c.buffered_outputs);
    assert_eq!(c.output_timeout_ms, 500);
    assert_eq!(c.engine.replay_capture_file, "123");
    // An empty value means "not set".
    let c = cfg("json_output:\nfile_output:\n", &[]);
    assert!(!c.json_output);
}

#[test]
fn unknown_keys_are_warnings_with_positions() {
    let l = load(
        "json_output: true\nfoo: 1\nhttp_output:\n  enabled: false\n  ur1: x\n",
        &[],
    )
    .unwrap();
    assert!(l.config.json_output);
    assert_eq!(
        l.files[0].validation,
        "failed for foo: is not a known configuration key (ignored)"
    );
    assert_eq!(
        l.warnings,
        vec![
            "Unknown configuration key 'foo' in /etc/falco/falco.yaml at line 2, column 1: ignored",
            "Unknown configuration key 'http_output.ur1' in /etc/falco/falco.yaml at line 5, column 3: ignored",
        ]
    );
    let l = load("", &["nope.x=1"]).unwrap();
    assert_eq!(
        l.warnings,
        vec!["Unknown configuration key 'nope' set by -o nope.x=1: ignored"]
    );
}

#[test]
fn yaml_syntax_errors_have_positions() {
    let e = err(
        "json_output: true\nrules_files: [a, b\nlog_level: info\n",
        &[],
    );
    assert!(
        e.starts_with("Error reading config file (/etc/falco/falco.yaml): line "),
        "{e}"
    );
    assert!(e.contains(", column "), "{e}");
    let e = err("- a\n- b\n", &[]);
    assert!(e.contains("the document must be a mapping"), "{e}");
}

#[test]
fn missing_file_is_reported() {
    let e = load_file(Path::new("/nonexistent/falco.yaml"), &[]).unwrap_err();
    assert!(
        e.0.starts_with("Cannot read config file (/nonexistent/falco.yaml): "),
        "{e}"
    );
}

#[test]
fn option_overrides_dot_paths() {
    let c = cfg(
        DEFAULT_FALCO_YAML,
        &[
            "json_output=true",
            "engine.kind=replay",
            "engine.replay.capture_file=/tmp/x.scap",
            "webserver.listen_port=9000",
            "http_output.url=\"http://127.0.0.1:2801/\"",
            "outputs_queue={capacity: 10}",
        ],
    );
    assert!(c.json_output);
    assert_eq!(c.engine.kind, EngineKind::Replay);
    assert_eq!(c.engine.replay_capture_file, "/tmp/x.scap");
    assert_eq!(c.webserver.listen_port, 9000);
    assert_eq!(c.http_output.url, "http://127.0.0.1:2801/");
    assert_eq!(c.outputs_queue_capacity, 10);
    // Later options win.
    let c = cfg("", &["priority=error", "priority=warning"]);
    assert_eq!(c.priority, Priority::Warning);
}

#[test]
fn option_overrides_list_indices() {
    let c = cfg(
        DEFAULT_FALCO_YAML,
        &[
            "rules_files[1]=/x.yaml",
            "rules_files[]=/y.yaml",
            "rules_files[4]=/z.yaml",
        ],
    );
    assert_eq!(
        c.rules_files,
        vec![
            "/etc/falco/falco_rules.yaml",
            "/x.yaml",
            "/etc/falco/rules.d",
            "/y.yaml",
            "/z.yaml"
        ]
    );
    let c = cfg(
        "",
        &[
            "rules[].disable.rule=*",
            "rules[].enable.tag=network",
            "rules[1].enable.rule=Foo",
        ],
    );
    assert_eq!(
        c.rules,
        vec![
            RuleSelection {
                enable: false,
                selector: RuleSelector::Rule("*".into())
            },
            // One entry naming a rule and a tag: the rule first, as Falco applies it.
            RuleSelection {
                enable: true,
                selector: RuleSelector::Rule("Foo".into())
            },
            RuleSelection {
                enable: true,
                selector: RuleSelector::Tag("network".into())
            },
        ]
    );
    let c = cfg(
        "",
        &[
            "rules_files=[/a.yaml, /b.yaml]",
            "base_syscalls.custom_set=[openat, '!read']",
        ],
    );
    assert_eq!(c.rules_files, vec!["/a.yaml", "/b.yaml"]);
    assert_eq!(c.base_syscalls.custom_set, vec!["openat", "!read"]);
    let c = cfg(
        "",
        &[
            "append_output[0].match.tags[0]=network",
            "append_output[0].extra_output=x=%proc.name",
        ],
    );
    assert_eq!(c.append_output[0].match_tags, vec!["network"]);
    assert_eq!(c.append_output[0].extra_output, "x=%proc.name");
    let e = err(DEFAULT_FALCO_YAML, &["rules_files[7]=/x.yaml"]);
    assert_eq!(
        e,
        "Error parsing config option \"rules_files[7]=/x.yaml\": config error at key \"rules_files[7]\": index 7 of 'rules_files' is out of range (the list has 3 items)"
    );
}

#[test]
fn option_overrides_escapes() {
    let c = cfg(
        "",
        &[
            r"static_fields.env\.cluster=prod",
            r"static_fields.a\\b=1",
            r"static_fields.c\[0\]=2",
        ],
    );
    let got: Vec<(&str, &str)> = c
        .static_fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![(r"a\b", "1"), ("c[0]", "2"), ("env.cluster", "prod")]
    );
    let e = err("", &[r"static_fields.a\x=1"]);
    assert!(e.contains("invalid escape sequence '\\x'"), "{e}");
    let e = err("", &["json_output"]);
    assert_eq!(
        e,
        "Error parsing config option \"json_output\". Must be of the form key=val or key.subkey=val"
    );
    let e = err("", &["a..b=1"]);
    assert!(
        e.starts_with("Error parsing config option \"a..b=1\": config error at key \"a..b\": "),
        "{e}"
    );
}

#[test]
fn option_type_errors_name_the_option() {
    let e = err("", &["json_output=maybe"]);
    assert_eq!(
        e,
        "Error in command-line option -o json_output=maybe: 'json_output' must be a boolean (true or false), found 'maybe'"
    );
    let e = err("", &["output_timeout=-1"]);
    assert!(
        e.contains("'output_timeout' must be an integer between 0 and 4294967295, found '-1'"),
        "{e}"
    );
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn config_files_merge_in_order_with_strategies() {
    let d = tempfile::tempdir().unwrap();
    let confd = d.path().join("config.d");
    std::fs::create_dir(&confd).unwrap();
    // Directory entries are read in name order: 10 before 20.
    write(
        &confd,
        "20-second.yaml",
        "rules_files: [/second.yaml]\npriority: error\n",
    );
    write(
        &confd,
        "10-first.yaml",
        "rules_files: [/first.yaml]\npriority: notice\njson_output: true\n",
    );
    let over = write(d.path(), "override.yaml", "rules_files: [/only.yaml]\n");
    let addonly = write(
        d.path(),
        "addonly.yaml",
        "priority: critical\noutput_timeout: 99\n",
    );
    let main = write(
        d.path(),
        "falco.yaml",
        &format!(
            "config_files:\n  - {}\n  - /does/not/exist.yaml\nrules_files:\n  - /main.yaml\npriority: debug\n",
            confd.display()
        ),
    );
    let l = load_file(&main, &[]).unwrap();
    let names: Vec<String> = l
        .files
        .iter()
        .map(|f| f.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["falco.yaml", "10-first.yaml", "20-second.yaml"]);
    assert_eq!(
        l.config.rules_files,
        vec!["/main.yaml", "/first.yaml", "/second.yaml"]
    );
    assert_eq!(l.config.priority, Priority::Error);
    assert!(l.config.json_output);

    let main2 = write(
        d.path(),
        "falco2.yaml",
        &format!(
            "config_files:\n  - path: {}\n    strategy: override\n  - path: {}\n    strategy: add-only\nrules_files: [/main.yaml]\npriority: debug\n",
            over.display(),
            addonly.display()
        ),
    );
    let c = load_file(&main2, &[]).unwrap().config;
    assert_eq!(c.rules_files, vec!["/only.yaml"]);
    assert_eq!(c.priority, Priority::Debug, "add-only keeps existing keys");
    assert_eq!(c.output_timeout_ms, 99, "add-only adds new keys");
    assert_eq!(c.config_files[0].strategy, MergeStrategy::Override);

    // -o config_files=... chooses the files before they are merged; other -o come after.
    let c = load_file(
        &main2,
        &[
            format!("config_files=[{}]", over.display()),
            "rules_files[]=/cli.yaml".into(),
        ],
    )
    .unwrap()
    .config;
    assert_eq!(c.rules_files, vec!["/main.yaml", "/only.yaml", "/cli.yaml"]);
}

#[test]
fn config_files_recursion_and_nesting_are_errors() {
    let d = tempfile::tempdir().unwrap();
    let main = d.path().join("falco.yaml");
    std::fs::write(&main, format!("config_files: [{}]\n", main.display())).unwrap();
    let e = load_file(&main, &[]).unwrap_err().0;
    assert_eq!(
        e,
        format!(
            "Config error: 'config_files' directive tried to recursively include main config file: {}.",
            main.display()
        )
    );
    let inc = write(d.path(), "inc.yaml", "config_files: [/x]\n");
    let main2 = write(
        d.path(),
        "f2.yaml",
        &format!("config_files: [{}]\n", inc.display()),
    );
    let e = load_file(&main2, &[]).unwrap_err().0;
    assert_eq!(
        e,
        format!(
            "Config error: 'config_files' directive in included config file {}.",
            inc.display()
        )
    );
    // A type error in an included file names that file.
    let bad = write(d.path(), "bad.yaml", "\njson_output: 12\n");
    let main3 = write(
        d.path(),
        "f3.yaml",
        &format!("config_files: [{}]\n", bad.display()),
    );
    let e = load_file(&main3, &[]).unwrap_err().0;
    assert_eq!(
        e,
        format!(
            "Error reading config file ({}): line 2, column 14: 'json_output' must be a boolean (true or false), found '12'",
            bad.display()
        )
    );
}

#[test]
fn env_references_are_expanded_in_values() {
    std::env::set_var("FALCO_RS_TEST_URL", "http://sidekick:2801/");
    std::env::set_var("FALCO_RS_TEST_BOOL", "true");
    std::env::remove_var("FALCO_RS_TEST_UNSET");
    let c = cfg(
        "http_output:\n  url: ${FALCO_RS_TEST_URL}\njson_output: ${FALCO_RS_TEST_BOOL}\nprogram_output:\n  program: \"echo ${FALCO_RS_TEST_UNSET}x $${HOME}\"\n",
        &["file_output.filename=${FALCO_RS_TEST_URL}events"],
    );
    assert_eq!(c.http_output.url, "http://sidekick:2801/");
    assert!(c.json_output);
    assert_eq!(c.program_output.program, "echo x ${HOME}");
    assert_eq!(c.file_output.filename, "http://sidekick:2801/events");
}

#[test]
fn legacy_rules_file_key() {
    let l = load("rules_file:\n  - /a.yaml\n", &[]).unwrap();
    assert_eq!(l.config.rules_files, vec!["/a.yaml"]);
    assert_eq!(
        l.warnings,
        vec!["Using deprecated config key 'rules_file' (singular form). Please use new 'rules_files' config key (plural form)."]
    );
    let e = err("rules_file: [/a.yaml]\nrules_files: [/b.yaml]\n", &[]);
    assert!(
        e.ends_with("both 'rules_files' and 'rules_file' keys set"),
        "{e}"
    );
}

#[test]
fn falcos_semantic_checks() {
    let e = err("engine:\n  kind: replay\n", &[]);
    assert_eq!(
        e,
        "Error reading config file (/etc/falco/falco.yaml): line 2, column 9: engine.kind is 'replay' but no engine.replay.capture_file specified."
    );
    let e = err("file_output:\n  enabled: true\n", &[]);
    assert!(
        e.ends_with("file output enabled but no filename in configuration block"),
        "{e}"
    );
    let e = err("program_output:\n  enabled: true\n", &[]);
    assert!(
        e.ends_with("program output enabled but no program in configuration block"),
        "{e}"
    );
    let e = err("http_output:\n  enabled: true\n", &[]);
    assert!(
        e.ends_with("http output enabled but no url in configuration block"),
        "{e}"
    );
    let e = err("priority: loud\n", &[]);
    assert!(e.ends_with("Unknown priority \"loud\"--must be one of emergency, alert, critical, error, warning, notice, informational, debug"), "{e}");
    assert_eq!(
        cfg("priority: INFO\n", &[]).priority,
        Priority::Informational
    );
    let e = err("rule_matching: some\n", &[]);
    assert!(
        e.ends_with("Unknown rule matching strategy \"some\"--must be one of first, all"),
        "{e}"
    );
    assert_eq!(
        cfg("rule_matching: all\n", &[]).rule_matching,
        RuleMatching::All
    );
    let e = err("webserver:\n  listen_address: localhost\n", &[]);
    assert!(
        e.ends_with("webserver listen address \"localhost\" is not a valid IP address"),
        "{e}"
    );
    let e = err("syscall_event_drops:\n  actions: [ignore, log]\n", &[]);
    assert!(
        e.ends_with(
            "syscall event drop action \"log\" does not make sense with the \"ignore\" action"
        ),
        "{e}"
    );
    let e = err("load_plugins: [k8saudit]\n", &[]);
    assert!(
        e.ends_with("Cannot load plugin 'k8saudit': plugin config not found for given name"),
        "{e}"
    );
    let e = err("syscall_event_timeouts:\n  max_consecutives: 0\n", &[]);
    assert!(
        e.contains("'syscall_event_timeouts.max_consecutives' must be an integer between 1 and"),
        "{e}"
    );
}

#[test]
fn plugins_selection_and_other_structures() {
    let c = cfg(
        "plugins:\n  - name: a\n    library_path: liba.so\n    init_config: {x: 1}\n  - name: b\n    library_path: libb.so\n    init_config: ''\nload_plugins: [b, a]\nappend_output:\n  - match:\n      source: syscall\n    extra_fields:\n      - proc.name\n      - wd: \"%proc.cwd\"\nstatic_fields:\n  env.cluster: prod\nmetrics:\n  interval: 15s\nfalco_libs:\n  snaplen: 0\n",
        &[],
    );
    let names: Vec<&str> = c.plugins.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["b", "a"]);
    assert_eq!(c.plugins[1].init_config, r#"{"x":1}"#);
    assert_eq!(c.append_output[0].match_source.as_deref(), Some("syscall"));
    assert_eq!(
        c.append_output[0].extra_fields,
        vec![
            ("proc.name".to_string(), "%proc.name".to_string(), true),
            ("wd".to_string(), "%proc.cwd".to_string(), false)
        ]
    );
    assert_eq!(
        c.static_fields.get("env.cluster").map(String::as_str),
        Some("prod")
    );
    assert_eq!(c.metrics.interval_ms, 15_000);
    assert_eq!(c.falco_libs.snaplen, None);
}

#[test]
fn rules_paths_expand_directories() {
    let d = tempfile::tempdir().unwrap();
    let rd = d.path().join("rules.d");
    std::fs::create_dir(&rd).unwrap();
    write(&rd, "b.yaml", "");
    write(&rd, "a.yml", "");
    write(&rd, "notes.txt", "");
    let main = write(d.path(), "main.yaml", "");
    let c = Config {
        rules_files: vec![
            main.to_string_lossy().into_owned(),
            "/missing.yaml".into(),
            rd.to_string_lossy().into_owned(),
        ],
        ..Config::default()
    };
    let got = config::rules_paths(&c, &[]);
    assert_eq!(got, vec![main.clone(), rd.join("a.yml"), rd.join("b.yaml")]);
    // -r replaces the configured list; a missing file is kept (its loading reports it).
    let got = config::rules_paths(&c, &[PathBuf::from("/missing.yaml")]);
    assert_eq!(got, vec![PathBuf::from("/missing.yaml")]);
}

#[test]
fn json_schema_lists_every_key() {
    let s = schema::json_schema().to_compact();
    for key in [
        "\"http_output\"",
        "\"max_consecutive_timeouts\"",
        "\"engine\"",
        "\"capture_file\"",
        "\"additionalProperties\":false",
    ] {
        assert!(s.contains(key), "{key}");
    }
    let v: serde_json::Value = serde_json::from_str(&s).unwrap();
    assert_eq!(v["properties"]["json_output"]["type"], "boolean");
}
