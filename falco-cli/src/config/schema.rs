//! The keys of `falco.yaml` and their types, checked against loaded documents.
//!
//! [`SCHEMA`] lists every key Falco 0.44 reads. [`validate`] walks a document with it:
//! an unknown key is a warning (as Falco's schema validation reports it, the key is then
//! ignored), a value of the wrong type is an error naming the key, the file, the line and
//! the column. Scalars are typed as Falco reads them: `"true"` is a boolean where a
//! boolean is expected, `5` a string where a string is.
//!
//! The same table prints the JSON schema of `--config-schema` ([`json_schema`]).

use crate::json::Json;
use crate::yaml::{self, describe, Node, Value};

/// The type of a configuration value.
#[derive(Debug)]
pub enum Ty {
    /// A boolean.
    Bool,
    /// An integer within bounds.
    Int {
        /// Smallest value.
        min: i64,
        /// Largest value.
        max: i64,
    },
    /// A number within bounds.
    Float {
        /// Smallest value.
        min: f64,
        /// Largest value.
        max: f64,
    },
    /// Any scalar, read as text.
    Str,
    /// One of these words.
    Enum(&'static [&'static str]),
    /// A duration such as `15s`, `1m30s`, `1h` or a number of milliseconds.
    Duration,
    /// A list (a single scalar reads as a list of one, as Falco reads it).
    List(&'static Ty),
    /// A mapping with these keys.
    Obj(&'static [Field]),
    /// A mapping with any keys, values of this type.
    Map(&'static Ty),
    /// Either text or a mapping with these keys (`config_files` entries).
    StrOrObj(&'static [Field]),
    /// Either text or a mapping of text (`append_output[].extra_fields` entries).
    StrOrMap,
    /// Anything (free-form plugin configuration).
    Any,
}

/// One key of a mapping.
#[derive(Debug)]
pub struct Field {
    /// Key.
    pub name: &'static str,
    /// Type of its value.
    pub ty: Ty,
}

const fn f(name: &'static str, ty: Ty) -> Field {
    Field { name, ty }
}

const U32: Ty = Ty::Int {
    min: 0,
    max: u32::MAX as i64,
};
const U64: Ty = Ty::Int {
    min: 0,
    max: i64::MAX,
};
const STR_LIST: Ty = Ty::List(&Ty::Str);
const ENABLED: &[Field] = &[f("enabled", Ty::Bool)];
const ABLE: &[Field] = &[f("rule", Ty::Str), f("tag", Ty::Str)];
const BUF_PRESET: Ty = Ty::Int { min: 0, max: 10 };

/// The log levels of `log_level`.
pub const LOG_LEVELS: &[&str] = &[
    "emergency",
    "alert",
    "critical",
    "error",
    "warning",
    "notice",
    "info",
    "debug",
];

/// The severities of `libs_logger.severity`.
pub const LIBS_SEVERITIES: &[&str] = &[
    "trace", "debug", "info", "notice", "warning", "error", "critical", "fatal",
];

/// The engines of `engine.kind` (`auto` is ours: the best driver available).
pub const ENGINE_KINDS: &[&str] = &["kmod", "modern_ebpf", "replay", "nodriver", "auto"];

/// Every key of `falco.yaml`.
pub static SCHEMA: Ty = Ty::Obj(&[
    f(
        "config_files",
        Ty::List(&Ty::StrOrObj(&[
            f("path", Ty::Str),
            f("strategy", Ty::Enum(&["append", "override", "add-only"])),
        ])),
    ),
    f("watch_config_files", Ty::Bool),
    f("rules_files", STR_LIST),
    f("rules_file", STR_LIST),
    f(
        "rules",
        Ty::List(&Ty::Obj(&[
            f("enable", Ty::Obj(ABLE)),
            f("disable", Ty::Obj(ABLE)),
        ])),
    ),
    f(
        "engine",
        Ty::Obj(&[
            f("kind", Ty::Enum(ENGINE_KINDS)),
            f(
                "kmod",
                Ty::Obj(&[
                    f("buf_size_preset", BUF_PRESET),
                    f("drop_failed_exit", Ty::Bool),
                ]),
            ),
            f(
                "modern_ebpf",
                Ty::Obj(&[
                    f("cpus_for_each_buffer", U32),
                    f("buf_size_preset", BUF_PRESET),
                    f("drop_failed_exit", Ty::Bool),
                    f("disable_iterators", Ty::Bool),
                ]),
            ),
            f("replay", Ty::Obj(&[f("capture_file", Ty::Str)])),
        ]),
    ),
    f(
        "capture",
        Ty::Obj(&[
            f("enabled", Ty::Bool),
            f("path_prefix", Ty::Str),
            f("mode", Ty::Enum(&["rules", "all_rules"])),
            f("default_duration", U32),
            f(
                "max_file_size_mb",
                Ty::Int {
                    min: 0,
                    max: 1_048_576,
                },
            ),
        ]),
    ),
    f("load_plugins", STR_LIST),
    f(
        "plugins",
        Ty::List(&Ty::Obj(&[
            f("name", Ty::Str),
            f("library_path", Ty::Str),
            f("init_config", Ty::Any),
            f("open_params", Ty::Str),
        ])),
    ),
    f("plugins_hostinfo", Ty::Bool),
    f("time_format_iso_8601", Ty::Bool),
    f("buffer_format_base64", Ty::Bool),
    f("priority", Ty::Str),
    f("json_output", Ty::Bool),
    f("json_include_output_property", Ty::Bool),
    f("json_include_message_property", Ty::Bool),
    f("json_include_output_fields_property", Ty::Bool),
    f("json_include_tags_property", Ty::Bool),
    f("buffered_outputs", Ty::Bool),
    f("rule_matching", Ty::Str),
    f("outputs_queue", Ty::Obj(&[f("capacity", U64)])),
    f(
        "append_output",
        Ty::List(&Ty::Obj(&[
            f(
                "match",
                Ty::Obj(&[
                    f("source", Ty::Str),
                    f("tags", STR_LIST),
                    f("rule", Ty::Str),
                ]),
            ),
            f("extra_output", Ty::Str),
            f("extra_fields", Ty::List(&Ty::StrOrMap)),
            f("suggested_output", Ty::Bool),
        ])),
    ),
    f("static_fields", Ty::Map(&Ty::Str)),
    f("stdout_output", Ty::Obj(ENABLED)),
    f("syslog_output", Ty::Obj(ENABLED)),
    f(
        "file_output",
        Ty::Obj(&[
            f("enabled", Ty::Bool),
            f("keep_alive", Ty::Bool),
            f("filename", Ty::Str),
        ]),
    ),
    f(
        "http_output",
        Ty::Obj(&[
            f("enabled", Ty::Bool),
            f("url", Ty::Str),
            f("user_agent", Ty::Str),
            f("insecure", Ty::Bool),
            f("ca_cert", Ty::Str),
            f("ca_bundle", Ty::Str),
            f("ca_path", Ty::Str),
            f("mtls", Ty::Bool),
            f("client_cert", Ty::Str),
            f("client_key", Ty::Str),
            f("echo", Ty::Bool),
            f("compress_uploads", Ty::Bool),
            f("keep_alive", Ty::Bool),
            f("max_consecutive_timeouts", Ty::Int { min: 0, max: 255 }),
        ]),
    ),
    f(
        "program_output",
        Ty::Obj(&[
            f("enabled", Ty::Bool),
            f("keep_alive", Ty::Bool),
            f("program", Ty::Str),
        ]),
    ),
    f(
        "webserver",
        Ty::Obj(&[
            f("enabled", Ty::Bool),
            f("threadiness", U32),
            f("listen_port", Ty::Int { min: 0, max: 65535 }),
            f("listen_address", Ty::Str),
            f("k8s_healthz_endpoint", Ty::Str),
            f("prometheus_metrics_enabled", Ty::Bool),
            f("ssl_enabled", Ty::Bool),
            f("ssl_certificate", Ty::Str),
        ]),
    ),
    f("log_stderr", Ty::Bool),
    f("log_syslog", Ty::Bool),
    f("log_level", Ty::Enum(LOG_LEVELS)),
    f(
        "libs_logger",
        Ty::Obj(&[
            f("enabled", Ty::Bool),
            f("severity", Ty::Enum(LIBS_SEVERITIES)),
        ]),
    ),
    f("output_timeout", U32),
    f(
        "syscall_event_timeouts",
        Ty::Obj(&[f(
            "max_consecutives",
            Ty::Int {
                min: 1,
                max: u32::MAX as i64,
            },
        )]),
    ),
    f(
        "syscall_event_drops",
        Ty::Obj(&[
            f("threshold", Ty::Float { min: 0.0, max: 1.0 }),
            f(
                "actions",
                Ty::List(&Ty::Enum(&["ignore", "log", "alert", "exit"])),
            ),
            f(
                "rate",
                Ty::Float {
                    min: 0.0,
                    max: f64::MAX,
                },
            ),
            f("max_burst", U64),
            f("simulate_drops", Ty::Bool),
        ]),
    ),
    f(
        "metrics",
        Ty::Obj(&[
            f("enabled", Ty::Bool),
            f("interval", Ty::Duration),
            f("output_rule", Ty::Bool),
            f("output_file", Ty::Str),
            f("rules_counters_enabled", Ty::Bool),
            f("resource_utilization_enabled", Ty::Bool),
            f("state_counters_enabled", Ty::Bool),
            f("kernel_event_counters_enabled", Ty::Bool),
            f("kernel_event_counters_per_cpu_enabled", Ty::Bool),
            f("libbpf_stats_enabled", Ty::Bool),
            f("plugins_metrics_enabled", Ty::Bool),
            f("kernel_iter_event_counters_enabled", Ty::Bool),
            f("jemalloc_stats_enabled", Ty::Bool),
            f("convert_memory_to_mb", Ty::Bool),
            f("include_empty_values", Ty::Bool),
        ]),
    ),
    f(
        "base_syscalls",
        Ty::Obj(&[
            f("custom_set", STR_LIST),
            f("repair", Ty::Bool),
            f("all", Ty::Bool),
        ]),
    ),
    f(
        "falco_libs",
        Ty::Obj(&[
            f("thread_table_size", U32),
            f("thread_table_auto_purging_interval_s", U32),
            f("thread_table_auto_purging_thread_timeout_s", U32),
            f(
                "snaplen",
                Ty::Int {
                    min: 0,
                    max: u32::MAX as i64,
                },
            ),
        ]),
    ),
]);

/// A problem found by [`validate`].
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The key path (`http_output.enabled`, `rules[2].disable`).
    pub path: String,
    /// Where the offending key or value was written.
    pub mark: yaml::Mark,
    /// What is wrong (`must be a boolean, found 'yes please'`).
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.mark.is_file() {
            write!(
                f,
                "{}: line {}, column {}: '{}' {}",
                self.mark.source, self.mark.line, self.mark.col, self.path, self.message
            )
        } else {
            write!(f, "{}: '{}' {}", self.mark.source, self.path, self.message)
        }
    }
}

/// Unknown keys (warnings) and mistyped values (errors) of a document.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Keys the schema does not know: ignored.
    pub unknown: Vec<Problem>,
    /// Values of the wrong type.
    pub errors: Vec<Problem>,
}

/// Check `root` against [`SCHEMA`].
pub fn validate(root: &Node) -> Report {
    let mut r = Report::default();
    check(root, &SCHEMA, "", &mut r);
    r
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn err(r: &mut Report, path: &str, node: &Node, message: String) {
    r.errors.push(Problem {
        path: path.to_string(),
        mark: node.mark.clone(),
        message,
    });
}

fn check(node: &Node, ty: &Ty, path: &str, r: &mut Report) {
    // An empty value (`key:`) means "not set": the default applies.
    if node.is_null() && !matches!(ty, Ty::Any) {
        return;
    }
    match ty {
        Ty::Any => {}
        Ty::Bool => {
            if node.as_str().and_then(yaml::parse_bool).is_none() {
                err(
                    r,
                    path,
                    node,
                    format!(
                        "must be a boolean (true or false), found {}",
                        describe(node)
                    ),
                );
            }
        }
        Ty::Int { min, max } => match node.as_str().map(yaml::parse_int) {
            Some(Some(v)) if v >= *min && v <= *max => {}
            Some(Some(_)) => err(
                r,
                path,
                node,
                format!(
                    "must be an integer between {min} and {max}, found {}",
                    describe(node)
                ),
            ),
            _ => {
                let what = if *min >= 0 {
                    "a non-negative integer"
                } else {
                    "an integer"
                };
                err(
                    r,
                    path,
                    node,
                    format!("must be {what}, found {}", describe(node)),
                )
            }
        },
        Ty::Float { min, max } => match node.as_str().map(yaml::parse_float) {
            Some(Some(v)) if v >= *min && v <= *max => {}
            Some(Some(_)) => err(
                r,
                path,
                node,
                format!(
                    "must be a number between {min} and {max}, found {}",
                    describe(node)
                ),
            ),
            _ => err(
                r,
                path,
                node,
                format!("must be a number, found {}", describe(node)),
            ),
        },
        Ty::Str => {
            if node.scalar().is_none() {
                err(
                    r,
                    path,
                    node,
                    format!("must be a string, found {}", describe(node)),
                );
            }
        }
        Ty::Enum(words) => match node.as_str() {
            Some(s) if words.contains(&s) => {}
            _ => err(
                r,
                path,
                node,
                format!(
                    "must be one of {}, found {}",
                    words.join(", "),
                    describe(node)
                ),
            ),
        },
        Ty::Duration => match node.as_str() {
            Some(s) if parse_duration_ms(s).is_some() => {}
            _ => err(
                r,
                path,
                node,
                format!(
                    "must be a duration such as 15s, 1m or 1h, found {}",
                    describe(node)
                ),
            ),
        },
        Ty::List(item) => match &node.value {
            Value::Seq(items) => {
                for (i, it) in items.iter().enumerate() {
                    check(it, item, &format!("{path}[{i}]"), r);
                }
            }
            Value::Scalar(_) => check(node, item, path, r),
            Value::Map(_) => err(r, path, node, "must be a list, found a mapping".to_string()),
        },
        Ty::Obj(fields) => check_obj(node, fields, path, r),
        Ty::Map(val) => match &node.value {
            Value::Map(entries) => {
                for (k, v) in entries {
                    check(v, val, &join(path, &k.name), r);
                }
            }
            _ => err(
                r,
                path,
                node,
                format!("must be a mapping, found {}", describe(node)),
            ),
        },
        Ty::StrOrObj(fields) => {
            if node.scalar().is_none() {
                check_obj(node, fields, path, r);
            }
        }
        Ty::StrOrMap => match &node.value {
            Value::Scalar(_) => {}
            Value::Map(entries) => {
                for (k, v) in entries {
                    check(v, &Ty::Str, &join(path, &k.name), r);
                }
            }
            Value::Seq(_) => err(
                r,
                path,
                node,
                "must be a field name or a mapping of names to formats, found a list".to_string(),
            ),
        },
    }
}

fn check_obj(node: &Node, fields: &[Field], path: &str, r: &mut Report) {
    let Value::Map(entries) = &node.value else {
        err(
            r,
            path,
            node,
            format!("must be a mapping, found {}", describe(node)),
        );
        return;
    };
    for (k, v) in entries {
        let p = join(path, &k.name);
        match fields.iter().find(|f| f.name == k.name) {
            Some(field) => check(v, &field.ty, &p, r),
            None => r.unknown.push(Problem {
                path: p,
                mark: k.mark.clone(),
                message: "is not a known configuration key (ignored)".to_string(),
            }),
        }
    }
}

/// Milliseconds of a duration written as Prometheus does (`1h`, `15s`, `1m30s`, `500ms`,
/// units `y`, `w`, `d`, `h`, `m`, `s`, `ms`), or a bare number of milliseconds.
pub fn parse_duration_ms(s: &str) -> Option<u64> {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return None;
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().ok();
    }
    const UNITS: [(&str, u64); 7] = [
        ("y", 365 * 86_400_000),
        ("w", 7 * 86_400_000),
        ("d", 86_400_000),
        ("h", 3_600_000),
        ("ms", 1),
        ("m", 60_000),
        ("s", 1000),
    ];
    let mut total: u64 = 0;
    let mut rest = t.as_str();
    // Units must appear from the largest to the smallest, each at most once.
    let mut last_rank = None;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        let n: u64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let (rank, (unit, scale)) = UNITS
            .iter()
            .enumerate()
            .find(|(_, (u, _))| rest.starts_with(u) && !(*u == "m" && rest.starts_with("ms")))?;
        let order = match *unit {
            "y" => 0,
            "w" => 1,
            "d" => 2,
            "h" => 3,
            "m" => 4,
            "s" => 5,
            _ => 6,
        };
        let _ = rank;
        if last_rank.is_some_and(|l| order <= l) {
            return None;
        }
        last_rank = Some(order);
        total = total.checked_add(n.checked_mul(*scale)?)?;
        rest = &rest[unit.len()..];
    }
    Some(total)
}

/// The JSON schema of `falco.yaml` (draft-06), as `--config-schema` prints it.
pub fn json_schema() -> Json {
    let mut root = to_schema(&SCHEMA);
    root.insert("$schema", "http://json-schema.org/draft-06/schema#");
    root.insert("title", "FalcoConfig");
    root
}

fn obj(pairs: &[(&str, Json)]) -> Json {
    let mut o = Json::object();
    for (k, v) in pairs {
        o.insert(*k, v.clone());
    }
    o
}

fn to_schema(ty: &Ty) -> Json {
    match ty {
        Ty::Bool => obj(&[("type", "boolean".into())]),
        Ty::Int { min, max } => obj(&[
            ("type", "integer".into()),
            ("minimum", Json::Int(*min)),
            ("maximum", Json::Int(*max)),
        ]),
        Ty::Float { min, max } => {
            let mut o = obj(&[("type", "number".into()), ("minimum", Json::Float(*min))]);
            if *max < f64::MAX {
                o.insert("maximum", Json::Float(*max));
            }
            o
        }
        Ty::Str | Ty::Duration => obj(&[("type", "string".into())]),
        Ty::Enum(words) => obj(&[
            ("type", "string".into()),
            (
                "enum",
                Json::Array(words.iter().map(|w| Json::from(*w)).collect()),
            ),
        ]),
        Ty::List(item) => obj(&[("type", "array".into()), ("items", to_schema(item))]),
        Ty::Obj(fields) => {
            let mut props = Json::object();
            for fl in fields.iter() {
                props.insert(fl.name, to_schema(&fl.ty));
            }
            obj(&[
                ("type", "object".into()),
                ("additionalProperties", false.into()),
                ("properties", props),
            ])
        }
        Ty::Map(val) => obj(&[
            ("type", "object".into()),
            ("additionalProperties", to_schema(val)),
        ]),
        Ty::StrOrObj(fields) => obj(&[(
            "oneOf",
            Json::Array(vec![
                obj(&[("type", "string".into())]),
                to_schema(&Ty::Obj(fields)),
            ]),
        )]),
        Ty::StrOrMap => obj(&[(
            "anyOf",
            Json::Array(vec![
                obj(&[("type", "string".into())]),
                obj(&[
                    ("type", "object".into()),
                    ("additionalProperties", obj(&[("type", "string".into())])),
                ]),
            ]),
        )]),
        Ty::Any => Json::object(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration_ms("1h"), Some(3_600_000));
        assert_eq!(parse_duration_ms("15s"), Some(15_000));
        assert_eq!(parse_duration_ms("1m30s"), Some(90_000));
        assert_eq!(parse_duration_ms("500ms"), Some(500));
        assert_eq!(parse_duration_ms("5000"), Some(5000));
        assert_eq!(parse_duration_ms("2d 1h"), Some(2 * 86_400_000 + 3_600_000));
        assert_eq!(parse_duration_ms("1s1h"), None);
        assert_eq!(parse_duration_ms("soon"), None);
        assert_eq!(parse_duration_ms("10x"), None);
    }
}
