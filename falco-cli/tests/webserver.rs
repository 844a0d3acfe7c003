//! The web server on an ephemeral loopback port: `/healthz`, `/versions`, `/metrics` (read
//! by two Prometheus text parsers: `prometheus-parse` and a strict one written here from
//! the exposition format's rules), counters that move with the event loop's updates, HTTPS.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::Arc;

use falco_cli::config::{load_str, Config};
use falco_cli::drops::DriverCounters;
use falco_cli::metrics::{Metrics, RuleInfo, StateCounters};
use falco_cli::priority::Priority;
use falco_cli::version::VersionsInfo;
use falco_cli::webserver::Webserver;

fn config(yaml: &str) -> Config {
    load_str(yaml, Path::new("/etc/falco/falco.yaml"), &[])
        .unwrap_or_else(|e| panic!("config: {e}"))
        .config
}

const PROM_ON: &str = "webserver:\n  enabled: true\n  listen_address: 127.0.0.1\n  listen_port: 0\n  threadiness: 2\n  prometheus_metrics_enabled: true\nmetrics:\n  enabled: true\n";

/// A raw HTTP/1.1 GET: (status, headers lower-cased, body).
fn get(addr: std::net::SocketAddr, path: &str) -> (u16, BTreeMap<String, String>, String) {
    raw(addr, &format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n"))
}

fn raw(addr: std::net::SocketAddr, req: &str) -> (u16, BTreeMap<String, String>, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.write_all(req.as_bytes()).unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).expect("read response");
    let (head, body) = resp.split_once("\r\n\r\n").expect("response head");
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap();
    assert!(status_line.starts_with("HTTP/1.1 "), "{status_line}");
    let status: u16 = status_line[9..12].parse().unwrap();
    let headers: BTreeMap<String, String> = lines
        .map(|l| {
            let (k, v) = l.split_once(':').expect("header");
            (k.trim().to_ascii_lowercase(), v.trim().to_string())
        })
        .collect();
    if let (Some(n), false) = (headers.get("content-length"), req.starts_with("HEAD ")) {
        assert_eq!(n.parse::<usize>().unwrap(), body.len(), "content-length");
    }
    (status, headers, body.to_string())
}

/// One sample of the exposition text.
#[derive(Debug, Clone, PartialEq)]
struct Sample {
    name: String,
    labels: BTreeMap<String, String>,
    value: f64,
}

/// A strict reader of the Prometheus text format 0.0.4: metric and label names by their
/// grammar, label values with only `\\`, `\"`, `\n` escapes, one `TYPE` per family before
/// its samples, the samples of a family together, no repeated series or label name.
fn strict_parse(text: &str) -> (Vec<Sample>, BTreeMap<String, String>) {
    let name_ok = |n: &str, colon: bool| {
        let mut cs = n.chars();
        matches!(cs.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || (colon && c == ':'))
            && cs.all(|c| c.is_ascii_alphanumeric() || c == '_' || (colon && c == ':'))
    };
    let family_of = |n: &str, types: &BTreeMap<String, String>| -> String {
        // Counters and gauges: the family is the sample name.
        let _ = types;
        n.to_string()
    };
    assert!(text.ends_with('\n'), "exposition must end with a newline");
    let mut types: BTreeMap<String, String> = BTreeMap::new();
    let mut helps: BTreeSet<String> = BTreeSet::new();
    let mut closed: BTreeSet<String> = BTreeSet::new();
    let mut current: Option<String> = None;
    let mut series: BTreeSet<(String, Vec<(String, String)>)> = BTreeSet::new();
    let mut out = Vec::new();
    for (ln, line) in text.lines().enumerate() {
        let ln = ln + 1;
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("# ") {
            let mut parts = rest.splitn(3, ' ');
            let kw = parts.next().unwrap();
            if kw == "HELP" || kw == "TYPE" {
                let name = parts.next().expect("name after HELP/TYPE");
                assert!(name_ok(name, true), "line {ln}: bad metric name {name}");
                let arg = parts.next().unwrap_or("");
                if kw == "TYPE" {
                    assert!(
                        ["counter", "gauge", "histogram", "summary", "untyped"].contains(&arg),
                        "line {ln}: bad type {arg}"
                    );
                    assert!(
                        types.insert(name.to_string(), arg.to_string()).is_none(),
                        "line {ln}: second TYPE line for {name}"
                    );
                    assert!(
                        !closed.contains(name) && current.as_deref() != Some(name),
                        "line {ln}: TYPE for {name} after its samples"
                    );
                } else {
                    assert!(
                        helps.insert(name.to_string()),
                        "line {ln}: second HELP line for {name}"
                    );
                }
            }
            continue;
        }
        assert!(!line.starts_with('#'), "line {ln}: comment needs '# '");
        // name
        let end = line.find(['{', ' ']).expect("sample without value");
        let name = &line[..end];
        assert!(name_ok(name, true), "line {ln}: bad metric name {name:?}");
        let mut rest = &line[end..];
        let mut labels = BTreeMap::new();
        let mut label_list = Vec::new();
        if let Some(r) = rest.strip_prefix('{') {
            let mut r = r;
            loop {
                if let Some(after) = r.strip_prefix('}') {
                    r = after;
                    break;
                }
                let eq = r.find('=').expect("label without =");
                let lname = &r[..eq];
                assert!(name_ok(lname, false), "line {ln}: bad label name {lname:?}");
                r = r[eq + 1..]
                    .strip_prefix('"')
                    .expect("label value must be quoted");
                let mut val = String::new();
                let mut chars = r.char_indices();
                let close = loop {
                    let (i, c) = chars.next().expect("unterminated label value");
                    match c {
                        '"' => break i,
                        '\\' => match chars.next().expect("escape").1 {
                            '\\' => val.push('\\'),
                            '"' => val.push('"'),
                            'n' => val.push('\n'),
                            e => panic!("line {ln}: invalid escape \\{e}"),
                        },
                        '\n' => panic!("line {ln}: raw newline in label value"),
                        c => val.push(c),
                    }
                };
                assert!(
                    labels.insert(lname.to_string(), val.clone()).is_none(),
                    "line {ln}: repeated label {lname}"
                );
                label_list.push((lname.to_string(), val));
                r = &r[close + 1..];
                if let Some(after) = r.strip_prefix(',') {
                    r = after;
                } else {
                    assert!(r.starts_with('}'), "line {ln}: expected , or }}");
                }
            }
            rest = r;
        }
        let rest = rest.strip_prefix(' ').expect("space before value");
        let mut fields = rest.split(' ');
        let v = fields.next().unwrap();
        let value: f64 = match v {
            "+Inf" => f64::INFINITY,
            "-Inf" => f64::NEG_INFINITY,
            "NaN" => f64::NAN,
            v => v
                .parse()
                .unwrap_or_else(|_| panic!("line {ln}: bad value {v:?}")),
        };
        if let Some(ts) = fields.next() {
            ts.parse::<i64>()
                .unwrap_or_else(|_| panic!("line {ln}: bad timestamp"));
        }
        assert!(fields.next().is_none(), "line {ln}: trailing text");
        let fam = family_of(name, &types);
        if current.as_deref() != Some(&fam) {
            if let Some(c) = current.take() {
                closed.insert(c);
            }
            assert!(
                !closed.contains(&fam),
                "line {ln}: samples of {fam} are not together"
            );
            current = Some(fam);
        }
        label_list.sort();
        assert!(
            series.insert((name.to_string(), label_list)),
            "line {ln}: repeated series {name}"
        );
        out.push(Sample {
            name: name.to_string(),
            labels,
            value,
        });
    }
    (out, types)
}

fn find<'a>(samples: &'a [Sample], name: &str, labels: &[(&str, &str)]) -> Option<&'a Sample> {
    samples.iter().find(|s| {
        s.name == name
            && labels
                .iter()
                .all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v))
    })
}

fn value(samples: &[Sample], name: &str, labels: &[(&str, &str)]) -> f64 {
    find(samples, name, labels)
        .unwrap_or_else(|| panic!("no sample {name} {labels:?}"))
        .value
}

/// Both parsers agree on every sample; returns the strict parser's view.
fn parse_both(text: &str) -> (Vec<Sample>, BTreeMap<String, String>) {
    let (strict, types) = strict_parse(text);
    let lines = text.lines().map(|l| Ok(l.to_string()));
    let scrape = prometheus_parse::Scrape::parse(lines).expect("prometheus-parse");
    assert_eq!(scrape.samples.len(), strict.len(), "sample counts differ");
    for s in &scrape.samples {
        let v = match s.value {
            prometheus_parse::Value::Counter(v)
            | prometheus_parse::Value::Gauge(v)
            | prometheus_parse::Value::Untyped(v) => v,
            ref other => panic!("unexpected value {other:?}"),
        };
        // prometheus-parse keeps label values as written: undo the format's escapes.
        let unescaped: Vec<(String, String)> = s
            .labels
            .iter()
            .map(|(k, v)| {
                let mut out = String::new();
                let mut it = v.chars();
                while let Some(c) = it.next() {
                    if c == '\\' {
                        match it.next() {
                            Some('n') => out.push('\n'),
                            Some(e) => out.push(e),
                            None => out.push('\\'),
                        }
                    } else {
                        out.push(c);
                    }
                }
                (k.clone(), out)
            })
            .collect();
        let labels: Vec<(&str, &str)> = unescaped
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let mine = find(&strict, &s.metric, &labels)
            .unwrap_or_else(|| panic!("strict parser lacks {} {labels:?}", s.metric));
        assert_eq!(mine.labels.len(), labels.len());
        assert!(
            (mine.value - v).abs() <= f64::EPSILON * v.abs().max(1.0),
            "{}: {} vs {v}",
            s.metric,
            mine.value
        );
        let kind = types.get(&s.metric).map(String::as_str);
        match s.value {
            prometheus_parse::Value::Counter(_) => assert_eq!(kind, Some("counter")),
            prometheus_parse::Value::Gauge(_) => assert_eq!(kind, Some("gauge")),
            _ => panic!("{} untyped", s.metric),
        }
    }
    (strict, types)
}

fn rules() -> Vec<RuleInfo> {
    vec![
        RuleInfo {
            name: "Terminal shell in container".into(),
            priority: Priority::Notice,
            source: "syscall".into(),
            tags: vec![
                "container".into(),
                "shell".into(),
                "mitre_execution".into(),
                "T1059".into(),
            ],
        },
        RuleInfo {
            name: "Read \"sensitive\" file\\untrusted".into(),
            priority: Priority::Warning,
            source: "syscall".into(),
            tags: vec!["maturity_stable".into()],
        },
    ]
}

#[test]
fn healthz_versions_and_unknown_paths() {
    let cfg = config("webserver:\n  listen_address: 127.0.0.1\n  listen_port: 0\n");
    let metrics = Metrics::new("h");
    let mut ws = Webserver::start(&cfg, &VersionsInfo::default(), metrics).expect("start");
    let addr = ws.local_addr();
    assert_ne!(addr.port(), 0);

    let (st, h, body) = get(addr, "/healthz");
    assert_eq!(st, 200);
    assert_eq!(body, r#"{"status": "ok"}"#);
    assert_eq!(h["content-type"], "application/json");

    let (st, h, body) = get(addr, "/versions");
    assert_eq!(st, 200);
    assert_eq!(h["content-type"], "application/json");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["falco_version"], env!("CARGO_PKG_VERSION"));
    assert!(v["engine_version_semver"].as_str().unwrap().contains('.'));

    // Without metrics.enabled + prometheus_metrics_enabled there is no /metrics.
    assert_eq!(get(addr, "/metrics").0, 404);
    assert_eq!(get(addr, "/nope").0, 404);
    let (st, h, _) = raw(addr, "POST /healthz HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
    assert_eq!((st, h["allow"].as_str()), (405, "GET, HEAD"));
    assert_eq!(raw(addr, "garbage\r\n\r\n").0, 400);
    let (st, h, body) = raw(addr, "HEAD /healthz HTTP/1.1\r\n\r\n");
    assert_eq!((st, body.as_str()), (200, ""));
    assert_eq!(h["content-length"], "16");

    // Several clients at once, more than the two... threads of the default.
    let handles: Vec<_> = (0..16)
        .map(|_| std::thread::spawn(move || get(addr, "/healthz").0))
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), 200);
    }
    ws.stop();
    assert!(
        TcpStream::connect(addr).is_err(),
        "still listening after stop"
    );
}

#[test]
fn custom_healthz_endpoint() {
    let cfg = config(
        "webserver:\n  listen_address: 127.0.0.1\n  listen_port: 0\n  k8s_healthz_endpoint: /live\n",
    );
    let ws = Webserver::start(&cfg, &VersionsInfo::default(), Metrics::new("h")).unwrap();
    assert_eq!(get(ws.local_addr(), "/live").0, 200);
    assert_eq!(get(ws.local_addr(), "/healthz").0, 404);
}

#[test]
fn port_in_use_is_a_clear_error() {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let cfg = config(&format!(
        "webserver:\n  listen_address: 127.0.0.1\n  listen_port: {port}\n"
    ));
    let e = Webserver::start(&cfg, &VersionsInfo::default(), Metrics::new("h"))
        .err()
        .expect("bind must fail");
    assert!(e.contains(&format!("127.0.0.1:{port}")), "{e}");
}

#[test]
fn metrics_parse_and_move_with_the_event_loop() {
    let cfg = config(PROM_ON);
    let m = Metrics::new("node-1");
    m.set_engine(Some("modern_bpf"), "syscall");
    let rc = m.set_rules(rules());
    let dir = tempfile::tempdir().unwrap();
    let rf = dir.path().join("falco_rules.yaml");
    std::fs::write(&rf, "- list: x\n  items: []\n").unwrap();
    m.set_files(&[rf], &[]);
    m.set_driver_counters(&DriverCounters {
        events: 100,
        drops: 3,
        drops_buffer: 3,
        drops_buffer_by_category: [0, 2, 0, 0, 0, 0, 0, 1],
        ..DriverCounters::default()
    });
    m.set_state_counters(StateCounters {
        n_threads: 40,
        n_fds: 400,
    });
    let drops = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let d2 = drops.clone();
    m.set_queue_drops_source(move || d2.load(std::sync::atomic::Ordering::Relaxed));
    let ws = Webserver::start(&cfg, &VersionsInfo::default(), m.clone()).unwrap();
    let addr = ws.local_addr();

    let (st, h, text) = get(addr, "/metrics");
    assert_eq!(st, 200);
    assert_eq!(h["content-type"], "text/plain; version=0.0.4");
    let (s, types) = parse_both(&text);
    assert_eq!(
        value(
            &s,
            "falcosecurity_falco_version_info",
            &[("version", env!("CARGO_PKG_VERSION"))]
        ),
        1.0
    );
    // sha256 of "- list: x\n  items: []\n", computed independently with sha256sum.
    let sum = std::process::Command::new("sha256sum")
        .arg(dir.path().join("falco_rules.yaml"))
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.split_whitespace().next().unwrap_or("").to_string());
    if let Some(sum) = sum.filter(|s| s.len() == 64) {
        assert!(find(
            &s,
            "falcosecurity_falco_sha256_rules_files_info",
            &[("file_name", "falco_rules.yaml"), ("sha256", &sum)]
        )
        .is_some());
    }
    assert_eq!(value(&s, "falcosecurity_scap_n_evts_total", &[]), 100.0);
    assert_eq!(types["falcosecurity_scap_n_evts_total"], "counter");
    assert_eq!(value(&s, "falcosecurity_scap_n_drops_total", &[]), 3.0);
    assert_eq!(
        value(
            &s,
            "falcosecurity_scap_n_drops_buffer_total",
            &[("dir", "exit"), ("drop", "execve")]
        ),
        2.0
    );
    assert_eq!(
        value(
            &s,
            "falcosecurity_scap_n_drops_buffer_total",
            &[("dir", "exit"), ("drop", "proc")]
        ),
        1.0
    );
    assert_eq!(
        value(
            &s,
            "falcosecurity_scap_n_drops_buffer_total",
            &[("dir", "enter"), ("drop", "open")]
        ),
        0.0
    );
    assert_eq!(
        value(
            &s,
            "falcosecurity_scap_engine_name_info",
            &[("engine_name", "modern_bpf"), ("evt_source", "syscall")]
        ),
        1.0
    );
    assert_eq!(value(&s, "falcosecurity_scap_n_threads_total", &[]), 40.0);
    assert_eq!(types["falcosecurity_scap_n_threads_total"], "gauge");
    assert_eq!(value(&s, "falcosecurity_scap_n_fds_total", &[]), 400.0);
    assert_eq!(
        value(
            &s,
            "falcosecurity_evt_hostname_info",
            &[("hostname", "node-1")]
        ),
        1.0
    );
    assert_eq!(
        value(&s, "falcosecurity_falco_outputs_queue_num_drops_total", &[]),
        0.0
    );
    // Our own RSS is far above a megabyte and below a terabyte.
    let rss = value(&s, "falcosecurity_falco_memory_rss_bytes", &[]);
    assert!(rss > 1e6 && rss < 1e12, "rss {rss}");
    let cpu = value(&s, "falcosecurity_falco_cpu_usage_ratio", &[]);
    assert!((0.0..=64.0).contains(&cpu), "cpu {cpu}");
    assert!(value(&s, "falcosecurity_falco_host_num_cpus_total", &[]) >= 1.0);
    let start = value(&s, "falcosecurity_falco_start_timestamp_nanoseconds", &[]);
    assert!(start > 1.6e18, "start {start}");
    // No rule matched yet: no rules_matches samples.
    assert!(find(&s, "falcosecurity_falco_rules_matches_total", &[]).is_none());

    // The event loop moves.
    rc.on_match(0);
    rc.on_match(0);
    rc.on_match(1);
    m.add_events(250);
    m.set_driver_counters(&DriverCounters {
        events: 260,
        drops: 5,
        drops_buffer: 5,
        drops_buffer_by_category: [0, 4, 0, 0, 0, 0, 0, 1],
        ..DriverCounters::default()
    });
    drops.store(7, std::sync::atomic::Ordering::Relaxed);
    let (_, _, text) = get(addr, "/metrics");
    let (s, types) = parse_both(&text);
    assert_eq!(value(&s, "falcosecurity_scap_n_evts_total", &[]), 260.0);
    assert_eq!(value(&s, "falcosecurity_scap_n_drops_total", &[]), 5.0);
    assert_eq!(
        value(
            &s,
            "falcosecurity_scap_n_drops_buffer_total",
            &[("dir", "exit"), ("drop", "execve")]
        ),
        4.0
    );
    assert_eq!(
        value(&s, "falcosecurity_falco_outputs_queue_num_drops_total", &[]),
        7.0
    );
    assert_eq!(types["falcosecurity_falco_rules_matches_total"], "counter");
    assert_eq!(
        value(
            &s,
            "falcosecurity_falco_rules_matches_total",
            &[
                ("rule_name", "Terminal shell in container"),
                ("priority", "5"),
                ("source", "syscall"),
                ("tag_container", "true"),
                ("tag_shell", "true"),
                ("tag_mitre_execution", "true"),
                ("tag_T1059", "true"),
            ]
        ),
        2.0
    );
    // Quotes and backslashes in a rule name survive escaping and parsing.
    assert_eq!(
        value(
            &s,
            "falcosecurity_falco_rules_matches_total",
            &[
                ("rule_name", "Read \"sensitive\" file\\untrusted"),
                ("priority", "4"),
                ("tag_maturity_stable", "true"),
            ]
        ),
        1.0
    );
}

#[test]
fn disabled_categories_leave_their_metrics_out() {
    let cfg = config(&format!(
        "{PROM_ON}  rules_counters_enabled: false\n  resource_utilization_enabled: false\n  state_counters_enabled: false\n  kernel_event_counters_enabled: false\n"
    ));
    let m = Metrics::new("h");
    m.set_engine(Some("kmod"), "syscall");
    let rc = m.set_rules(rules());
    rc.on_match(0);
    m.set_driver_counters(&DriverCounters {
        events: 9,
        ..DriverCounters::default()
    });
    m.set_state_counters(StateCounters::default());
    let ws = Webserver::start(&cfg, &VersionsInfo::default(), m).unwrap();
    let (_, _, text) = get(ws.local_addr(), "/metrics");
    let (s, _) = parse_both(&text);
    for absent in [
        "falcosecurity_falco_rules_matches_total",
        "falcosecurity_falco_memory_rss_bytes",
        "falcosecurity_scap_n_threads_total",
        "falcosecurity_scap_n_evts_total",
    ] {
        assert!(find(&s, absent, &[]).is_none(), "{absent} present");
    }
    assert!(find(&s, "falcosecurity_falco_version_info", &[]).is_some());
}

#[test]
fn https_when_ssl_enabled() {
    let dir = tempfile::tempdir().unwrap();
    let pem = dir.path().join("falco.pem");
    let key = dir.path().join("key.pem");
    let crt = dir.path().join("crt.pem");
    let ok = std::process::Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        ])
        .args(["-subj", "/CN=localhost", "-keyout"])
        .arg(&key)
        .arg("-out")
        .arg(&crt)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        eprintln!("skipping: no openssl command to make a test certificate");
        return;
    }
    // Falco reads certificate and key from the one file.
    let both = [std::fs::read(&crt).unwrap(), std::fs::read(&key).unwrap()].concat();
    std::fs::write(&pem, both).unwrap();
    let cfg = config(&format!(
        "webserver:\n  listen_address: 127.0.0.1\n  listen_port: 0\n  ssl_enabled: true\n  ssl_certificate: {}\n",
        pem.display()
    ));
    let ws = Webserver::start(&cfg, &VersionsInfo::default(), Metrics::new("h")).unwrap();
    let url = format!("https://127.0.0.1:{}/healthz", ws.local_addr().port());
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .tls_config(
            ureq::tls::TlsConfig::builder()
                .disable_verification(true)
                .build(),
        )
        .build()
        .into();
    let mut resp = agent.get(&url).call().expect("https GET");
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(
        resp.body_mut().read_to_string().unwrap(),
        r#"{"status": "ok"}"#
    );
    // Plain HTTP to the TLS port gets no HTTP answer.
    let mut s = TcpStream::connect(ws.local_addr()).unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\n\r\n").unwrap();
    s.shutdown(std::net::Shutdown::Write).unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    assert!(!buf.starts_with(b"HTTP/1.1 200"));

    // A missing certificate file is a startup error naming it.
    let cfg = config(
        "webserver:\n  listen_address: 127.0.0.1\n  listen_port: 0\n  ssl_enabled: true\n  ssl_certificate: /nonexistent/falco.pem\n",
    );
    let e = Webserver::start(&cfg, &VersionsInfo::default(), Metrics::new("h"))
        .err()
        .unwrap();
    assert!(e.contains("/nonexistent/falco.pem"), "{e}");
}
