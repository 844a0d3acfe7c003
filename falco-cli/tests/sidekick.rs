//! `http_output` posts what falcosidekick accepts.
//!
//! A loopback HTTP server plays falcosidekick's input handler (`handlers.go` and
//! `types.FalcoPayload` of falcosecurity/falcosidekick, read for this test): the body is
//! decoded as Go's `encoding/json` would into
//!
//! ```text
//! uuid string, output string, priority PriorityType (a string: emergency|alert|critical|
//! error|warning|notice|informational|info|debug, any case; else "" = invalid), rule string,
//! time time.Time (strict RFC 3339), output_fields map[string]interface{}, source string,
//! tags []string, hostname string
//! ```
//!
//! (a type mismatch is a decode error) and then `Check()`: priority valid, rule non-empty,
//! time non-zero, output_fields non-empty. A valid body gets 200, anything else 400 with
//! the reason, as falcosidekick answers. On top of what falcosidekick needs, the test
//! holds our bodies to what Falco prints: UTC time with nanoseconds and `Z`, the priority's
//! full capitalised name, the configured host name, sorted tags.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use falco_cli::config::Config;
use falco_cli::drops::DriverCounters;
use falco_cli::json::Json;
use falco_cli::metrics::{Metrics, RuleInfo, Snapshotter};
use falco_cli::outputs::{Alert, Outputs, OutputsConfig};
use falco_cli::priority::Priority;

/// Go's strict RFC 3339 (`time.Time.UnmarshalJSON`): date, `T`, time, optional fraction,
/// `Z` or `±hh:mm`, fields in range. Returns whether it is the zero time.
fn parse_rfc3339(s: &str) -> Result<bool, String> {
    let re = regex::Regex::new(
        r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$",
    )
    .unwrap();
    let c = re
        .captures(s)
        .ok_or_else(|| format!("time {s:?} is not RFC 3339"))?;
    let n = |i: usize| c[i].parse::<u32>().unwrap();
    let (y, mo, d, h, mi, se) = (n(1), n(2), n(3), n(4), n(5), n(6));
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let mdays = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&mo)
        || d == 0
        || d > mdays[(mo - 1) as usize]
        || h > 23
        || mi > 59
        || se > 59
    {
        return Err(format!("time {s:?} out of range"));
    }
    if let Some(oh) = c.get(9) {
        if oh.as_str().parse::<u32>().unwrap() > 23 || c[10].parse::<u32>().unwrap() > 59 {
            return Err(format!("time {s:?}: bad offset"));
        }
    }
    let frac_zero = c
        .get(7)
        .is_none_or(|f| f.as_str()[1..].bytes().all(|b| b == b'0'));
    Ok(y == 1 && mo == 1 && d == 1 && h == 0 && mi == 0 && se == 0 && frac_zero && &c[8] == "Z")
}

/// falcosidekick's decode + `Check()`.
fn sidekick_accepts(body: &[u8]) -> Result<(), String> {
    let v: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| format!("not JSON: {e}"))?;
    let o = v.as_object().ok_or("not a JSON object")?;
    // Go matches keys case-insensitively; ours are lower case, a different case is a bug.
    for k in o.keys() {
        assert_eq!(k, &k.to_lowercase(), "key {k}");
    }
    let string = |k: &str| -> Result<Option<&str>, String> {
        match o.get(k) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(format!("{k}: cannot unmarshal {other} into a string")),
        }
    };
    for k in ["uuid", "output", "rule", "source", "hostname"] {
        string(k)?;
    }
    let prio = match o.get("priority") {
        Some(serde_json::Value::String(s)) => s.to_lowercase(),
        None => String::new(),
        Some(other) => return Err(format!("priority: {other} is not a string")),
    };
    const PRIOS: [&str; 9] = [
        "emergency",
        "alert",
        "critical",
        "error",
        "warning",
        "notice",
        "informational",
        "info",
        "debug",
    ];
    if !PRIOS.contains(&prio.as_str()) {
        return Err(format!("priority {prio:?} unknown"));
    }
    if string("rule")?.unwrap_or("").is_empty() {
        return Err("empty rule".into());
    }
    match o.get("time") {
        Some(serde_json::Value::String(t)) => {
            if parse_rfc3339(t)? {
                return Err("zero time".into());
            }
        }
        None | Some(serde_json::Value::Null) => return Err("zero time".into()),
        Some(other) => return Err(format!("time: {other} is not a string")),
    }
    match o.get("tags") {
        None | Some(serde_json::Value::Null) => {}
        Some(serde_json::Value::Array(a)) => {
            if !a.iter().all(|t| t.is_string()) {
                return Err("tags: not all strings".into());
            }
        }
        Some(other) => return Err(format!("tags: {other} is not an array")),
    }
    match o.get("output_fields") {
        Some(serde_json::Value::Object(m)) if !m.is_empty() => Ok(()),
        Some(serde_json::Value::Object(_)) | None | Some(serde_json::Value::Null) => {
            Err("empty output_fields".into())
        }
        Some(other) => Err(format!("output_fields: {other} is not an object")),
    }
}

#[test]
fn the_validator_rejects_what_falcosidekick_rejects() {
    let good = r#"{"output":"x","priority":"Warning","rule":"r","time":"2026-01-02T03:04:05.123456789Z","output_fields":{"a":1},"source":"syscall","tags":["t"],"hostname":"h"}"#;
    assert_eq!(sidekick_accepts(good.as_bytes()), Ok(()));
    let bad = |from: &str, to: &str| {
        let b = good.replace(from, to);
        assert!(sidekick_accepts(b.as_bytes()).is_err(), "accepted {b}");
    };
    bad(
        "2026-01-02T03:04:05.123456789Z",
        "2026-01-02T03:04:05.123456789+0000",
    );
    bad("2026-01-02T03:04:05.123456789Z", "2026-02-30T03:04:05Z");
    bad("2026-01-02T03:04:05.123456789Z", "0001-01-01T00:00:00Z");
    bad("\"Warning\"", "\"Warn\"");
    bad("\"Warning\"", "4");
    bad("{\"a\":1}", "{}");
    bad("[\"t\"]", "\"t\"");
    bad("\"rule\":\"r\"", "\"rule\":\"\"");
    bad("\"hostname\":\"h\"", "\"hostname\":7");
    // Accepted by falcosidekick although Falco never prints them so.
    assert!(sidekick_accepts(good.replace("Warning", "info").as_bytes()).is_ok());
    assert!(sidekick_accepts(good.replace(".123456789Z", "+02:00").as_bytes()).is_ok());
}

struct Seen {
    bodies: Vec<Vec<u8>>,
    verdicts: Vec<Result<(), String>>,
    content_types: BTreeSet<String>,
}

/// A falcosidekick stand-in on a loopback port: POST / with a valid body -> 200.
fn sidekick() -> (String, Arc<Mutex<Seen>>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", l.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Seen {
        bodies: Vec::new(),
        verdicts: Vec::new(),
        content_types: BTreeSet::new(),
    }));
    let s2 = seen.clone();
    std::thread::spawn(move || {
        for conn in l.incoming() {
            let Ok(conn) = conn else { continue };
            let seen = s2.clone();
            std::thread::spawn(move || {
                let _ = conn.set_read_timeout(Some(Duration::from_secs(5)));
                let mut w = conn.try_clone().unwrap();
                let mut r = BufReader::new(conn);
                // Several requests per connection when the client keeps it open.
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let post = line.starts_with("POST / HTTP/1.1");
                    let mut headers = BTreeMap::new();
                    loop {
                        let mut h = String::new();
                        if r.read_line(&mut h).unwrap_or(0) == 0 {
                            return;
                        }
                        let h = h.trim_end();
                        if h.is_empty() {
                            break;
                        }
                        if let Some((k, v)) = h.split_once(':') {
                            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
                        }
                    }
                    let len: usize = headers
                        .get("content-length")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    let mut body = vec![0; len];
                    if r.read_exact(&mut body).is_err() {
                        return;
                    }
                    let verdict = if !post {
                        Err(format!("not a POST /: {line}"))
                    } else if headers.contains_key("content-encoding") {
                        Err("falcosidekick does not decode Content-Encoding".into())
                    } else {
                        sidekick_accepts(&body)
                    };
                    let resp = match &verdict {
                        Ok(()) => "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".to_string(),
                        Err(e) => format!(
                            "HTTP/1.1 400 Bad Request\r\nContent-Length: {}\r\n\r\n{e}",
                            e.len()
                        ),
                    };
                    {
                        let mut s = seen.lock().unwrap();
                        s.bodies.push(body);
                        s.verdicts.push(verdict);
                        s.content_types
                            .insert(headers.get("content-type").cloned().unwrap_or_default());
                    }
                    if w.write_all(resp.as_bytes()).is_err() {
                        return;
                    }
                    if headers.get("connection").map(String::as_str) == Some("close") {
                        return;
                    }
                }
            });
        }
    });
    (url, seen)
}

fn outputs_to(url: &str, keep_alive: bool, compress: bool) -> Outputs {
    let mut cfg = OutputsConfig::from_config(&Config::default(), "node-7");
    cfg.format.json_output = true;
    cfg.stdout = false;
    cfg.syslog = false;
    let mut h = Config::default().http_output;
    h.enabled = true;
    h.url = url.to_string();
    h.keep_alive = keep_alive;
    h.compress_uploads = compress;
    cfg.http = Some(h);
    Outputs::new(cfg)
}

fn alerts() -> Vec<Alert> {
    let mut v = Vec::new();
    for (i, p) in Priority::ALL.iter().enumerate() {
        let mut f = BTreeMap::new();
        f.insert("proc.name".to_string(), Json::from("bash"));
        f.insert("proc.pid".to_string(), Json::UInt(1000 + i as u64));
        f.insert("fd.name".to_string(), Json::Null);
        f.insert("evt.is_io".to_string(), Json::Bool(i % 2 == 0));
        v.push(Alert {
            // 2026-11-23T12:00:00.000000001Z + i seconds: nanoseconds must survive.
            time_ns: 1_795_435_200_000_000_001 + i as u64 * 1_000_000_000,
            rule: format!("Rule \"{}\" ü\n{}", p.name(), i),
            priority: *p,
            source: "syscall".into(),
            tags: ["mitre_execution", "T1059", "container"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            output: format!("something happened (proc.name=bash pid={})", 1000 + i),
            output_fields: f,
        });
    }
    v
}

#[test]
fn http_output_posts_bodies_falcosidekick_accepts() {
    for (keep_alive, compress) in [(false, false), (true, true)] {
        let (url, seen) = sidekick();
        let mut out = outputs_to(&url, keep_alive, compress);
        let sent = alerts();
        for a in &sent {
            out.handle(a.clone());
        }
        // The internal alerts: a metrics snapshot built from live counters.
        let m = Metrics::new("node-7");
        m.set_engine(Some("modern_bpf"), "syscall");
        let rc = m.set_rules(vec![RuleInfo {
            name: "Terminal shell in container".into(),
            priority: Priority::Notice,
            source: "syscall".into(),
            tags: vec![],
        }]);
        rc.on_match(0);
        m.add_events(10);
        m.set_driver_counters(&DriverCounters {
            events: 12,
            ..DriverCounters::default()
        });
        let cfg = Config::default().metrics;
        let fields = Snapshotter::new().output_fields(&m, &cfg, 1_795_435_260_123_456_789);
        out.handle(Alert::internal(
            1_795_435_260_123_456_789,
            Priority::Informational,
            falco_cli::metrics::SNAPSHOT_RULE,
            falco_cli::metrics::SNAPSHOT_MESSAGE,
            fields,
        ));
        let stats = out.close();
        let http = &stats.channels[0];
        let s = seen.lock().unwrap();
        for (b, v) in s.bodies.iter().zip(&s.verdicts) {
            assert_eq!(v, &Ok(()), "rejected: {}", String::from_utf8_lossy(b));
        }
        assert_eq!(
            (http.delivered, http.failed),
            (sent.len() as u64 + 1, 0),
            "{stats:?}"
        );
        assert_eq!(
            s.content_types,
            BTreeSet::from(["application/json".to_string()])
        );

        // Falco's own form, field by field.
        for (a, body) in sent.iter().zip(&s.bodies) {
            let v: serde_json::Value = serde_json::from_slice(body).unwrap();
            assert_eq!(v["priority"], a.priority.name());
            assert_eq!(v["rule"], a.rule.as_str());
            assert_eq!(
                v["output_fields"]["proc.pid"],
                a.output_fields["proc.pid"]
                    .to_string()
                    .parse::<u64>()
                    .unwrap()
            );
            assert_eq!(v["output_fields"]["fd.name"], serde_json::Value::Null);
            assert_eq!(v["hostname"], "node-7");
            assert_eq!(v["source"], "syscall");
            assert_eq!(
                v["tags"],
                serde_json::json!(["T1059", "container", "mitre_execution"])
            );
            // Nanoseconds of the event time, in UTC with Z.
            let t = v["time"].as_str().unwrap();
            let frac = format!(".{:09}Z", a.time_ns % 1_000_000_000);
            assert!(t.ends_with(&frac), "{t} vs {frac}");
            assert!(t.starts_with("2026-11-23T12:00:0"), "{t}");
            assert!(v["output"].as_str().unwrap().contains(&a.output));
        }
        let last: serde_json::Value = serde_json::from_slice(s.bodies.last().unwrap()).unwrap();
        assert_eq!(last["rule"], "Falco internal: metrics snapshot");
        assert_eq!(last["priority"], "Informational");
        assert_eq!(last["source"], "internal");
        assert_eq!(last["time"], "2026-11-23T12:01:00.123456789Z");
        assert_eq!(last["output_fields"]["falco.num_evts"], 10);
        assert_eq!(last["output_fields"]["scap.n_evts"], 12);
        assert_eq!(
            last["output_fields"]["falco.rules.Terminal_shell_in_container"],
            1
        );
    }
}

#[test]
fn rejected_posts_are_counted_not_retried() {
    // A body falcosidekick rejects (an internal alert without output fields; syscall
    // alerts always carry evt.time): 400, one POST, a failed delivery.
    let (url, seen) = sidekick();
    let mut out = outputs_to(&url, false, false);
    out.handle(Alert::internal(
        1_795_435_200_000_000_000,
        Priority::Debug,
        "Falco internal: test",
        "no fields",
        BTreeMap::new(),
    ));
    let stats = out.close();
    let s = seen.lock().unwrap();
    assert_eq!(
        (stats.channels[0].delivered, stats.channels[0].failed),
        (0, 1)
    );
    assert_eq!(s.verdicts, vec![Err("empty output_fields".to_string())]);
}
