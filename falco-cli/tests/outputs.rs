//! Alert formatting (against hand-written strings of Falco's documented formats) and the
//! output channels: file, program, http (received by a loopback server, checked for the
//! JSON shape falcosidekick accepts), and a slow output that must not block.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use falco_cli::config::{Config, FileOutput, HttpOutput, ProgramOutput};
use falco_cli::json::Json;
use falco_cli::logger;
use falco_cli::outputs::channels::Channel;
use falco_cli::outputs::{
    format_alert, hostname, Alert, FormatOptions, Formatted, Outputs, OutputsConfig,
};
use falco_cli::priority::Priority;
use falco_cli::stats::{format_capture_stats, format_rule_stats, RuleStats};
use falco_cli::timefmt;

const TS: u64 = 1_618_338_473_574_934_000; // 2021-04-13T18:27:53.574934000Z

fn alert() -> Alert {
    let mut fields = BTreeMap::new();
    fields.insert("fd.name".to_string(), Json::from("/etc/shadow"));
    fields.insert("proc.pid".to_string(), Json::UInt(4242));
    fields.insert("proc.aname[2]".to_string(), Json::Null);
    fields.insert("evt.failed".to_string(), Json::Bool(false));
    Alert {
        time_ns: TS,
        rule: "Read sensitive file untrusted".into(),
        priority: Priority::Warning,
        source: "syscall".into(),
        tags: ["mitre_credential_access", "filesystem", "T1555"]
            .iter()
            .map(|s| s.to_string())
            .collect::<BTreeSet<_>>(),
        output: "Sensitive file opened for reading by non-trusted program (file=/etc/shadow gparent=<NA> command=cat \"/etc/shadow\"\t\u{1b}[0m ok)".into(),
        output_fields: fields,
    }
}

fn opts(json: bool, iso: bool) -> FormatOptions {
    FormatOptions {
        json_output: json,
        time_iso8601: iso,
        hostname: "node-1".into(),
        ..FormatOptions::default()
    }
}

#[test]
fn text_alert_iso8601() {
    assert_eq!(
        format_alert(&alert(), &opts(false, true)),
        r#"2021-04-13T18:27:53.574934000+0000: Warning Sensitive file opened for reading by non-trusted program (file=/etc/shadow gparent=<NA> command=cat \"/etc/shadow\"\t\u001b[0m ok)"#
    );
}

#[test]
fn text_alert_local_time() {
    let line = format_alert(&alert(), &opts(false, false));
    // HH:MM:SS.nnnnnnnnn in the local zone: the seconds and nanoseconds do not depend on it.
    let (time, rest) = line.split_once(": ").unwrap();
    assert_eq!(time.len(), 18, "{line}");
    assert!(time.ends_with(":53.574934000"), "{line}");
    assert!(time.as_bytes()[2] == b':' && time.as_bytes()[5] == b':');
    assert_eq!(time, timefmt::local_time_of_day(TS));
    assert!(rest.starts_with("Warning Sensitive file opened"));
}

#[test]
fn json_alert_all_properties() {
    let o = FormatOptions {
        include_message: true,
        ..opts(true, true)
    };
    assert_eq!(
        format_alert(&alert(), &o),
        concat!(
            r#"{"hostname":"node-1","#,
            r#""message":"Sensitive file opened for reading by non-trusted program (file=/etc/shadow gparent=<NA> command=cat \"/etc/shadow\"\t\u001b[0m ok)","#,
            r#""output":"2021-04-13T18:27:53.574934000+0000: Warning Sensitive file opened for reading by non-trusted program (file=/etc/shadow gparent=<NA> command=cat \"/etc/shadow\"\t\u001b[0m ok)","#,
            r#""output_fields":{"evt.failed":false,"evt.time.iso8601":1618338473574934000,"fd.name":"/etc/shadow","proc.aname[2]":null,"proc.pid":4242},"#,
            r#""priority":"Warning","rule":"Read sensitive file untrusted","source":"syscall","#,
            r#""tags":["T1555","filesystem","mitre_credential_access"],"#,
            r#""time":"2021-04-13T18:27:53.574934000Z"}"#
        )
    );
}

#[test]
fn json_alert_switches_and_local_time() {
    let o = FormatOptions {
        include_output: false,
        include_tags: false,
        include_output_fields: false,
        ..opts(true, false)
    };
    assert_eq!(
        format_alert(&alert(), &o),
        r#"{"hostname":"node-1","priority":"Warning","rule":"Read sensitive file untrusted","source":"syscall","time":"2021-04-13T18:27:53.574934000Z"}"#
    );
    // Without time_format_iso_8601, output_fields carries evt.time (integer ns) and the
    // output line starts with the local time; the JSON time stays UTC.
    let s = format_alert(&alert(), &opts(true, false));
    let v: serde_json::Value = serde_json::from_str(&s).unwrap();
    assert_eq!(v["output_fields"]["evt.time"], 1_618_338_473_574_934_000u64);
    assert!(v["output_fields"].get("evt.time.iso8601").is_none());
    assert_eq!(v["time"], "2021-04-13T18:27:53.574934000Z");
    let out = v["output"].as_str().unwrap();
    assert!(out.starts_with(&format!("{}: Warning ", timefmt::local_time_of_day(TS))));
    assert!(out.contains("command=cat \"/etc/shadow\"\t\u{1b}[0m ok)"));
}

fn drop_alert() -> Alert {
    let mut f = BTreeMap::new();
    f.insert("n_evts".to_string(), Json::from("100"));
    f.insert("n_drops".to_string(), Json::from("5"));
    f.insert("ebpf_enabled".to_string(), Json::from("1"));
    Alert::internal(
        TS,
        Priority::Debug,
        "Falco internal: syscall event drop",
        "Falco internal: syscall event drop. 5 system calls dropped in last second.",
        f,
    )
}

#[test]
fn internal_alerts() {
    let t = format_alert(&drop_alert(), &opts(false, true));
    assert_eq!(
        t,
        format!(
            "{}: Debug Falco internal: syscall event drop. 5 system calls dropped in last second. (ebpf_enabled=\"1\" n_drops=\"5\" n_evts=\"100\")",
            timefmt::local_time_of_day(TS)
        )
    );
    assert_eq!(
        format_alert(&drop_alert(), &opts(true, false)),
        concat!(
            r#"{"hostname":"node-1","output":"Falco internal: syscall event drop. 5 system calls dropped in last second.","#,
            r#""output_fields":{"ebpf_enabled":"1","n_drops":"5","n_evts":"100"},"priority":"Debug","#,
            r#""rule":"Falco internal: syscall event drop","source":"internal","time":"2021-04-13T18:27:53.574934000Z"}"#
        )
    );
}

#[test]
fn hostname_env_override() {
    std::env::set_var("FALCO_HOSTNAME", "from-env");
    assert_eq!(hostname(), "from-env");
    std::env::remove_var("FALCO_HOSTNAME");
    assert!(!hostname().is_empty());
}

#[test]
fn end_of_run_statistics() {
    let mut s = RuleStats::new();
    let shell = s.add_rule("Terminal shell in container");
    let quiet = s.add_rule("Never fires");
    let read = s.add_rule("Read sensitive file untrusted");
    s.on_alert(read, Priority::Warning);
    s.on_alert(shell, Priority::Notice);
    s.on_alert(read, Priority::Warning);
    s.on_alert(shell, Priority::Informational);
    let _ = quiet;
    assert_eq!(
        s.format(),
        "Events detected: 4\nRule counts by severity:\n   WARNING: 2\n   NOTICE: 1\n   INFO: 1\nTriggered rules by rule name:\n   Terminal shell in container: 2\n   Read sensitive file untrusted: 2\n"
    );
    assert_eq!(
        format_rule_stats(0, &[], &[]),
        "Events detected: 0\nRule counts by severity:\nTriggered rules by rule name:\n"
    );
    assert_eq!(
        format_capture_stats(None, Some((10, 2)), 2.0, 10),
        "Driver Events:10\nDriver Drops:2\nElapsed time: 2.000, Captured Events: 10, 5.00 eps\n"
    );
}

// ---------------------------------------------------------------------------------------
// Channels
// ---------------------------------------------------------------------------------------

fn base_cfg() -> OutputsConfig {
    let mut c = OutputsConfig::from_config(&Config::default(), "node-1");
    c.format.time_iso8601 = true;
    c.timeout = Duration::from_millis(2000);
    c
}

fn numbered(n: u64) -> Alert {
    let mut a = alert();
    a.output = format!("alert {n}");
    a.time_ns = TS + n;
    a
}

fn wait_until(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn delivered(o: &Outputs) -> u64 {
    o.stats().channels[0].delivered
}

fn lines(p: &Path) -> Vec<String> {
    std::fs::read_to_string(p)
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn file_output_without_keep_alive_reopens_every_alert() {
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("events.txt");
    let mut cfg = base_cfg();
    cfg.file = Some(FileOutput {
        enabled: true,
        keep_alive: false,
        filename: path.to_string_lossy().into_owned(),
    });
    let mut out = Outputs::new(cfg);
    out.handle(numbered(1));
    wait_until("first alert", || delivered(&out) == 1);
    // Rotated away: the next alert creates the file again.
    std::fs::rename(&path, d.path().join("events.txt.1")).unwrap();
    out.handle(numbered(2));
    let stats = out.close();
    assert_eq!(stats.channels[0].delivered, 2);
    assert_eq!(stats.lost(), 0);
    assert_eq!(
        lines(&d.path().join("events.txt.1")),
        vec!["2021-04-13T18:27:53.574934001+0000: Warning alert 1"]
    );
    assert_eq!(
        lines(&path),
        vec!["2021-04-13T18:27:53.574934002+0000: Warning alert 2"]
    );
}

#[test]
fn file_output_with_keep_alive_stays_open_until_reopen() {
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("events.json");
    let mut cfg = base_cfg();
    cfg.format.json_output = true;
    cfg.file = Some(FileOutput {
        enabled: true,
        keep_alive: true,
        filename: path.to_string_lossy().into_owned(),
    });
    let mut out = Outputs::new(cfg);
    out.handle(numbered(1));
    wait_until("first alert", || delivered(&out) == 1);
    let rotated = d.path().join("events.json.1");
    std::fs::rename(&path, &rotated).unwrap();
    out.handle(numbered(2));
    wait_until("second alert", || delivered(&out) == 2);
    assert!(!path.exists(), "the open file was written, not a new one");
    out.reopen(); // SIGUSR1
    out.handle(numbered(3));
    out.close();
    let old = lines(&rotated);
    assert_eq!(old.len(), 2);
    for (i, l) in old.iter().enumerate() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert_eq!(
            v["output"],
            format!(
                "2021-04-13T18:27:53.57493400{}+0000: Warning alert {}",
                i + 1,
                i + 1
            )
        );
    }
    assert_eq!(lines(&path).len(), 1);
}

#[test]
fn program_output_with_and_without_keep_alive() {
    for keep_alive in [false, true] {
        let d = tempfile::tempdir().unwrap();
        let path = d.path().join("prog.txt");
        let mut cfg = base_cfg();
        cfg.program = Some(ProgramOutput {
            enabled: true,
            keep_alive,
            program: format!("echo start >> '{0}'; cat >> '{0}'", path.display()),
        });
        let mut out = Outputs::new(cfg);
        for n in 1..=3 {
            out.handle(numbered(n));
        }
        let stats = out.close();
        assert_eq!(stats.channels[0].delivered, 3, "keep_alive={keep_alive}");
        let got = lines(&path);
        let starts = got.iter().filter(|l| *l == "start").count();
        let alerts: Vec<&String> = got.iter().filter(|l| *l != "start").collect();
        assert_eq!(alerts.len(), 3, "{got:?}");
        assert!(alerts[0].ends_with("Warning alert 1") && alerts[2].ends_with("Warning alert 3"));
        // One process for all alerts with keep_alive, one per alert without.
        assert_eq!(starts, if keep_alive { 1 } else { 3 }, "{got:?}");
    }
}

#[test]
fn program_output_that_fails_is_counted() {
    let log = logger::capture();
    let mut cfg = base_cfg();
    cfg.program = Some(ProgramOutput {
        enabled: true,
        keep_alive: true,
        // Exits at once without reading: writes fail with a broken pipe (sometimes the
        // first one still fits in the pipe; the later ones do not).
        program: "exec 0<&-; exit 0".into(),
    });
    let mut out = Outputs::new(cfg);
    for n in 1..=5 {
        out.handle(numbered(n));
        std::thread::sleep(Duration::from_millis(30));
    }
    let s = out.close();
    let c = &s.channels[0];
    assert_eq!(c.delivered + c.failed, 5);
    assert!(c.failed >= 1, "{c:?}");
    assert!(
        log.contains("program: failed to write to program"),
        "{:?}",
        log.lines()
    );
}

/// One request seen by the test server.
#[derive(Debug, Clone)]
struct Request {
    head: String,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

/// A loopback HTTP server answering `status` to each request, for at most `secs` seconds.
/// With `status == 0` it accepts connections and never answers.
type Seen = Arc<Mutex<Vec<Request>>>;

fn server(status: u16, secs: u64) -> (String, Seen, Arc<Mutex<u32>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let conns = Arc::new(Mutex::new(0u32));
    let (s2, c2) = (seen.clone(), conns.clone());
    std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(secs);
        let mut held: Vec<TcpStream> = Vec::new();
        while Instant::now() < deadline {
            match listener.accept() {
                Ok((stream, _)) => {
                    *c2.lock().unwrap() += 1;
                    stream.set_nonblocking(false).unwrap();
                    stream
                        .set_read_timeout(Some(Duration::from_secs(5)))
                        .unwrap();
                    if status == 0 {
                        held.push(stream);
                        continue;
                    }
                    if let Some(req) = read_request(&stream) {
                        s2.lock().unwrap().push(req);
                        let reason = if status == 200 { "OK" } else { "Error" };
                        let mut w = &stream;
                        let _ = write!(
                            w,
                            "HTTP/1.1 {status} {reason}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                        );
                    }
                }
                Err(_) => std::thread::sleep(Duration::from_millis(5)),
            }
        }
    });
    (url, seen, conns)
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut r = BufReader::new(stream);
    let mut head = String::new();
    r.read_line(&mut head).ok()?;
    let mut headers = BTreeMap::new();
    loop {
        let mut l = String::new();
        r.read_line(&mut l).ok()?;
        let l = l.trim_end();
        if l.is_empty() {
            break;
        }
        let (k, v) = l.split_once(':')?;
        headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
    }
    let len: usize = headers.get("content-length")?.parse().ok()?;
    let mut body = vec![0; len];
    r.read_exact(&mut body).ok()?;
    Some(Request {
        head: head.trim_end().to_string(),
        headers,
        body,
    })
}

fn http_cfg(url: &str, json: bool) -> OutputsConfig {
    let mut cfg = base_cfg();
    cfg.format.json_output = json;
    let mut h: HttpOutput = Config::default().http_output;
    h.enabled = true;
    h.url = url.to_string();
    cfg.http = Some(h);
    cfg
}

/// What falcosidekick requires of a posted alert (its handler answers 400 otherwise):
/// priority, rule, a non-zero time and non-empty output_fields.
fn assert_sidekick_shape(body: &[u8]) {
    let v: serde_json::Value = serde_json::from_slice(body).expect("a JSON body");
    let prio = v["priority"].as_str().expect("priority");
    assert!(Priority::parse(prio).is_some(), "priority {prio}");
    assert!(!v["rule"].as_str().expect("rule").is_empty());
    let time = v["time"].as_str().expect("time");
    assert!(
        time.ends_with('Z') && !time.starts_with("1970-01-01T00:00:00.000000000"),
        "{time}"
    );
    let fields = v["output_fields"].as_object().expect("output_fields");
    assert!(!fields.is_empty());
    assert!(v["output"].as_str().is_some_and(|s| !s.is_empty()));
    assert_eq!(v["source"], "syscall");
    assert_eq!(v["hostname"], "node-1");
    assert!(v["tags"].is_array());
}

#[test]
fn http_output_posts_falcosidekick_json() {
    let (url, seen, _) = server(200, 20);
    let mut out = Outputs::new(http_cfg(&url, true));
    out.handle(alert());
    out.handle(numbered(7));
    let s = out.close();
    assert_eq!(s.channels[0].delivered, 2, "{s:?}");
    let reqs = seen.lock().unwrap().clone();
    assert_eq!(reqs.len(), 2);
    for r in &reqs {
        assert_eq!(r.head, "POST / HTTP/1.1");
        assert_eq!(r.headers["content-type"], "application/json");
        assert_eq!(r.headers["user-agent"], "falcosecurity/falco");
        assert_sidekick_shape(&r.body);
    }
    let v: serde_json::Value = serde_json::from_slice(&reqs[0].body).unwrap();
    assert_eq!(v["output_fields"]["proc.pid"], 4242);
    assert_eq!(v["output_fields"]["proc.aname[2]"], serde_json::Value::Null);
}

#[test]
fn http_output_text_and_gzip() {
    let (url, seen, _) = server(200, 20);
    let mut out = Outputs::new(http_cfg(&url, false));
    out.handle(numbered(1));
    out.close();
    let reqs = seen.lock().unwrap().clone();
    assert_eq!(reqs[0].headers["content-type"], "text/plain");
    assert_eq!(
        String::from_utf8_lossy(&reqs[0].body),
        "2021-04-13T18:27:53.574934001+0000: Warning alert 1"
    );

    let (url, seen, _) = server(200, 20);
    let mut cfg = http_cfg(&url, true);
    cfg.http.as_mut().unwrap().compress_uploads = true;
    let mut out = Outputs::new(cfg);
    out.handle(alert());
    out.close();
    let reqs = seen.lock().unwrap().clone();
    // Falco's compress_uploads (CURLOPT_TRANSFER_ENCODING) leaves the body as it is, and
    // falcosidekick does not decode a gzip request body: the JSON goes out plain.
    assert!(!reqs[0].headers.contains_key("content-encoding"));
    assert_sidekick_shape(&reqs[0].body);
}

#[test]
fn http_output_errors_and_timeouts_are_counted() {
    let log = logger::capture();
    let (url, _, _) = server(500, 20);
    let mut out = Outputs::new(http_cfg(&url, true));
    out.handle(alert());
    let s = out.close();
    assert_eq!((s.channels[0].delivered, s.channels[0].failed), (0, 1));
    assert!(log.contains("http: POST to "), "{:?}", log.lines());

    // A server that never answers: each try times out after output_timeout, then the
    // request is tried again max_consecutive_timeouts times.
    let (url, _, conns) = server(0, 20);
    let mut cfg = http_cfg(&url, true);
    cfg.timeout = Duration::from_millis(300);
    cfg.http.as_mut().unwrap().max_consecutive_timeouts = 2;
    let mut out = Outputs::new(cfg);
    out.handle(alert());
    wait_until("the retries", || out.stats().channels[0].failed == 1);
    let s = out.close();
    assert_eq!(s.channels[0].failed, 1);
    assert_eq!(*conns.lock().unwrap(), 3, "one try and two retries");
    assert!(s.channels[0].timeouts >= 1, "{s:?}");
}

#[test]
fn slow_output_does_not_block_and_losses_are_counted() {
    let log = logger::capture();
    let mut cfg = base_cfg();
    cfg.timeout = Duration::from_millis(100);
    cfg.queue_capacity = 4;
    cfg.program = Some(ProgramOutput {
        enabled: true,
        keep_alive: false,
        program: "sleep 0.4; cat > /dev/null".into(),
    });
    let mut out = Outputs::new(cfg);
    let start = Instant::now();
    for n in 0..200 {
        out.handle(numbered(n));
    }
    let produced_in = start.elapsed();
    assert!(
        produced_in < Duration::from_millis(300),
        "the producer was blocked: {produced_in:?}"
    );
    wait_until("the timeout log", || {
        log.contains("\"program\" output timeout, the output channel is blocked")
    });
    let closing = Instant::now();
    let s = out.close();
    assert!(
        closing.elapsed() < Duration::from_secs(3),
        "{:?}",
        closing.elapsed()
    );
    let c = &s.channels[0];
    assert_eq!(s.received, 200);
    assert_eq!(
        c.delivered + c.failed + c.dropped + c.discarded + s.queue_drops,
        200,
        "{s:?}"
    );
    assert!(c.dropped + s.queue_drops > 150, "{s:?}");
    assert!(c.timeouts >= 1);
    assert!(s.lost() > 0);
    assert!(s.summary().contains("program: delivered"));
    assert!(log.contains("Outputs: "), "{:?}", log.lines());
    assert!(
        log.contains("Outputs queue out of memory")
            || log.contains("Output channel \"program\" is full"),
        "{:?}",
        log.lines()
    );
}

/// A channel that records what it gets, optionally slowly.
struct Mem {
    got: Arc<Mutex<Vec<String>>>,
    delay: Duration,
}

impl Channel for Mem {
    fn name(&self) -> &'static str {
        "mem"
    }
    fn write(&mut self, msg: &Formatted) -> Result<(), String> {
        std::thread::sleep(self.delay);
        self.got.lock().unwrap().push(msg.text.clone());
        Ok(())
    }
}

#[test]
fn one_slow_channel_does_not_delay_another() {
    let fast = Arc::new(Mutex::new(Vec::new()));
    let slow = Arc::new(Mutex::new(Vec::new()));
    let mut cfg = base_cfg();
    cfg.timeout = Duration::from_millis(200);
    let mut out = Outputs::with_channels(
        cfg,
        vec![
            Box::new(Mem {
                got: slow.clone(),
                delay: Duration::from_secs(5),
            }),
            Box::new(Mem {
                got: fast.clone(),
                delay: Duration::ZERO,
            }),
        ],
    );
    for n in 0..10 {
        out.handle(numbered(n));
    }
    wait_until("the fast channel", || fast.lock().unwrap().len() == 10);
    assert!(slow.lock().unwrap().is_empty());
    let s = out.close();
    // The slow channel was given up on at the end: its alerts are counted as discarded.
    assert_eq!(
        s.channels[0].delivered + s.channels[0].discarded,
        10,
        "{s:?}"
    );
    assert_eq!(s.channels[1].delivered, 10);
    assert_eq!(
        fast.lock().unwrap()[3],
        "2021-04-13T18:27:53.574934003+0000: Warning alert 3"
    );
}

#[test]
fn unbounded_queue_delivers_everything_in_order() {
    let got = Arc::new(Mutex::new(Vec::new()));
    let mut out = Outputs::with_channels(
        base_cfg(),
        vec![Box::new(Mem {
            got: got.clone(),
            delay: Duration::ZERO,
        })],
    );
    for n in 0..5000 {
        out.handle(numbered(n));
    }
    let s = out.close();
    assert_eq!(s.channels[0].delivered, 5000);
    assert_eq!(s.lost(), 0);
    assert!(s.summary().is_empty());
    let g = got.lock().unwrap();
    assert!(g[4999].ends_with("alert 4999"));
    assert!(g.windows(2).all(|w| w[0] < w[1] || w[0].len() < w[1].len()));
}
