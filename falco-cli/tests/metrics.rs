//! The periodic metrics snapshot (`metrics.enabled`): Falco's output_fields keys and
//! values derived from counters set here, rates and `_prev` values across snapshots, the
//! category switches, memory units, and the writer's alert and output file.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use falco_cli::config::{self, load_str};
use falco_cli::drops::DriverCounters;
use falco_cli::json::Json;
use falco_cli::metrics::{
    Metrics, MetricsWriter, RuleInfo, Snapshotter, StateCounters, SNAPSHOT_MESSAGE, SNAPSHOT_RULE,
};
use falco_cli::outputs::INTERNAL_SOURCE;
use falco_cli::priority::Priority;

const T0: u64 = 1_795_435_200_000_000_000;

fn metrics_cfg(yaml: &str) -> config::Metrics {
    load_str(yaml, Path::new("/etc/falco/falco.yaml"), &[])
        .unwrap_or_else(|e| panic!("{e}"))
        .config
        .metrics
}

fn setup() -> std::sync::Arc<Metrics> {
    let m = Metrics::new("node-1");
    m.set_engine(Some("modern_bpf"), "syscall");
    let rc = m.set_rules(vec![
        RuleInfo {
            name: "Terminal shell in container".into(),
            priority: Priority::Notice,
            source: "syscall".into(),
            tags: vec![],
        },
        RuleInfo {
            name: "Never matches (test)".into(),
            priority: Priority::Debug,
            source: "syscall".into(),
            tags: vec![],
        },
    ]);
    rc.on_match(0);
    rc.on_match(0);
    rc.on_match(0);
    m.add_events(1000);
    m.set_driver_counters(&DriverCounters {
        events: 1200,
        drops: 0,
        ..DriverCounters::default()
    });
    m.set_state_counters(StateCounters {
        n_threads: 33,
        n_fds: 0,
    });
    m
}

fn u(o: &BTreeMap<String, Json>, k: &str) -> u64 {
    match o.get(k) {
        Some(Json::UInt(v)) => *v,
        other => panic!("{k}: {other:?}"),
    }
}

fn f(o: &BTreeMap<String, Json>, k: &str) -> f64 {
    match o.get(k) {
        Some(Json::Float(v)) => *v,
        other => panic!("{k}: {other:?}"),
    }
}

fn kib(file: &str, key: &str) -> u64 {
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|r| r.split_whitespace().next()?.parse().ok())
        .unwrap()
}

#[test]
fn snapshot_fields_rates_and_prev_values() {
    let m = setup();
    let cfg = metrics_cfg("metrics:\n  enabled: true\n");
    let mut snap = Snapshotter::new();
    let o = snap.output_fields(&m, &cfg, T0);
    assert_eq!(u(&o, "evt.time"), T0);
    assert_eq!(o["evt.source"], Json::from("syscall"));
    assert_eq!(o["evt.hostname"], Json::from("node-1"));
    assert_eq!(o["scap.engine_name"], Json::from("modern_bpf"));
    assert_eq!(o["falco.version"], Json::from(env!("CARGO_PKG_VERSION")));
    assert_eq!(u(&o, "falco.num_evts"), 1000);
    assert_eq!(u(&o, "falco.num_evts_prev"), 0);
    assert!(
        !o.contains_key("falco.evts_rate_sec"),
        "no rate on the first snapshot"
    );
    assert_eq!(u(&o, "falco.rules.matches_total"), 3);
    assert_eq!(u(&o, "falco.rules.Terminal_shell_in_container"), 3);
    assert!(!o.contains_key("falco.rules.Never_matches_test"));
    assert_eq!(u(&o, "scap.n_evts"), 1200);
    assert_eq!(u(&o, "scap.n_evts_prev"), 0);
    assert_eq!(f(&o, "scap.evts_rate_sec"), 0.0);
    // n_drops and its companions are present even when zero; other zeros are not.
    assert_eq!(u(&o, "scap.n_drops"), 0);
    assert_eq!(f(&o, "scap.n_drops_perc"), 0.0);
    assert!(!o.contains_key("scap.n_drops_buffer_total"));
    assert!(!o.contains_key("scap.n_drops_buffer_execve_exit"));
    assert_eq!(u(&o, "falco.n_threads"), 33);
    assert!(!o.contains_key("falco.n_fds"));
    assert_eq!(u(&o, "falco.outputs_queue_num_drops"), 0);
    // Memory in MB (convert_memory_to_mb defaults to true), against /proc read here.
    let rss_mb = f(&o, "falco.memory_rss_mb");
    let expect = kib("/proc/self/status", "VmRSS:") as f64 / 1024.0;
    assert!(
        (rss_mb - expect).abs() < expect * 0.5 + 1.0,
        "{rss_mb} vs {expect}"
    );
    assert!(!o.contains_key("falco.memory_rss_kb"));
    assert!(u(&o, "falco.host_num_cpus") >= 1);
    assert!(u(&o, "falco.start_ts") <= T0 + 86_400_000_000_000);
    assert!(o["falco.kernel_release"].to_string().contains('.'));

    // Two seconds later: 500 more events, 2000 more kernel events, 100 dropped.
    m.add_events(500);
    m.set_driver_counters(&DriverCounters {
        events: 3200,
        drops: 100,
        drops_buffer: 100,
        drops_buffer_by_category: [0, 60, 0, 0, 0, 0, 0, 40],
        ..DriverCounters::default()
    });
    let o = snap.output_fields(&m, &cfg, T0 + 2_000_000_000);
    assert_eq!(u(&o, "falco.num_evts"), 1500);
    assert_eq!(u(&o, "falco.num_evts_prev"), 1000);
    assert_eq!(f(&o, "falco.evts_rate_sec"), 250.0);
    assert_eq!(u(&o, "scap.n_evts_prev"), 1200);
    assert_eq!(f(&o, "scap.evts_rate_sec"), 1000.0);
    assert_eq!(u(&o, "scap.n_drops"), 100);
    assert_eq!(u(&o, "scap.n_drops_prev"), 0);
    assert_eq!(f(&o, "scap.evts_drop_rate_sec"), 50.0);
    assert_eq!(f(&o, "scap.n_drops_perc"), 5.0);
    assert_eq!(u(&o, "scap.n_drops_buffer_total"), 100);
    assert_eq!(u(&o, "scap.n_drops_buffer_execve_exit"), 60);
    assert_eq!(u(&o, "scap.n_drops_buffer_proc_exit"), 40);
}

#[test]
fn category_switches_and_units() {
    let m = setup();
    let cfg = metrics_cfg(
        "metrics:\n  enabled: true\n  rules_counters_enabled: false\n  kernel_event_counters_enabled: false\n  state_counters_enabled: false\n  resource_utilization_enabled: false\n",
    );
    let o = Snapshotter::new().output_fields(&m, &cfg, T0);
    for k in o.keys() {
        assert!(
            !k.starts_with("scap.n_") && !k.starts_with("falco.rules") && !k.contains("memory"),
            "{k} present"
        );
    }
    assert!(!o.contains_key("falco.n_threads"));
    assert_eq!(u(&o, "falco.num_evts"), 1000);

    let cfg = metrics_cfg(
        "metrics:\n  enabled: true\n  convert_memory_to_mb: false\n  include_empty_values: true\n",
    );
    let o = Snapshotter::new().output_fields(&m, &cfg, T0);
    let rss = u(&o, "falco.memory_rss_kb");
    let expect = kib("/proc/self/status", "VmRSS:");
    assert!(
        rss.abs_diff(expect) < expect / 2 + 1024,
        "{rss} vs {expect}"
    );
    assert!(!o.contains_key("falco.memory_rss_mb"));
    // include_empty_values: zero counters appear.
    assert_eq!(u(&o, "falco.rules.Never_matches_test"), 0);
    assert_eq!(u(&o, "falco.n_fds"), 0);
    assert_eq!(u(&o, "scap.n_drops_buffer_execve_exit"), 0);
    assert_eq!(u(&o, "scap.n_drops_buffer_connect_enter"), 0);
}

#[test]
fn writer_emits_the_internal_rule_and_the_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("metrics.jsonl");
    let cfg = metrics_cfg(&format!(
        "metrics:\n  enabled: true\n  output_rule: true\n  interval: 150ms\n  output_file: {}\n",
        file.display()
    ));
    assert_eq!(cfg.interval_ms, 150);
    let m = setup();
    let (tx, rx) = mpsc::channel();
    let t_start = std::time::Instant::now();
    let mut w = MetricsWriter::start(m.clone(), &cfg, move |a| {
        let _ = tx.send(a);
    })
    .unwrap()
    .expect("enabled");
    let a1 = rx
        .recv_timeout(Duration::from_secs(5))
        .expect("first snapshot");
    assert!(
        t_start.elapsed() >= Duration::from_millis(140),
        "not before one interval"
    );
    m.set_num_evts(1007);
    let a2 = rx
        .recv_timeout(Duration::from_secs(5))
        .expect("second snapshot");
    w.stop();
    for a in [&a1, &a2] {
        assert_eq!(a.rule, SNAPSHOT_RULE);
        assert_eq!(a.output, SNAPSHOT_MESSAGE);
        assert_eq!(a.priority, Priority::Informational);
        assert_eq!(a.source, INTERNAL_SOURCE);
        assert_eq!(a.output_fields["evt.time"], Json::UInt(a.time_ns));
    }
    assert_eq!(a1.output_fields["falco.num_evts"], Json::UInt(1000));
    assert_eq!(a2.output_fields["falco.num_evts"], Json::UInt(1007));
    assert_eq!(a2.output_fields["falco.num_evts_prev"], Json::UInt(1000));
    // No snapshot after stop.
    std::thread::sleep(Duration::from_millis(300));
    assert!(rx.try_recv().is_err());

    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    for (i, l) in lines.iter().enumerate() {
        assert_eq!(l["sample"], i as u64 + 1);
        let keys: Vec<&String> = l.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["output_fields", "sample"]);
    }
    assert_eq!(lines[1]["output_fields"]["falco.num_evts"], 1007);

    // output_rule false and no file: nothing to start.
    let cfg = metrics_cfg("metrics:\n  enabled: true\n  output_rule: false\n");
    assert!(MetricsWriter::start(m.clone(), &cfg, |_| {})
        .unwrap()
        .is_none());
    let cfg = metrics_cfg("metrics:\n  enabled: false\n");
    assert!(MetricsWriter::start(m, &cfg, |_| {}).unwrap().is_none());
}
