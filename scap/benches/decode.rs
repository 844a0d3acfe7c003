//! Raw decode throughput: every event of a real capture, header and parameters touched.
//!
//! ```text
//! cargo bench -p falco-scap --bench decode [-- FILE [ROUNDS]]
//! ```
//!
//! FILE defaults to `$SCAP_BENCH_FILE`, else an uncompressed `vm-workload-2.scap` next to
//! the shared captures or in `$TMPDIR`. Each round opens the file with
//! [`falco_scap::CaptureReader`] and iterates every event, reading its number, timestamp,
//! thread id, type and parameter count and the length of every parameter slice (so the
//! parameter walk cannot be optimised away). One line is printed per round, then the
//! median. Without a capture the bench prints one line saying so and exits successfully.
//! With `DECODE_BENCH_UPGRADE=1`, each round also does what the replay reader thread does:
//! every event copied into a batch with its current-layout form from the `Upgrader`.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use falco_scap::{CaptureReader, Upgrader};

fn default_file() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SCAP_BENCH_FILE") {
        return Some(PathBuf::from(p));
    }
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let tmp = std::env::temp_dir();
    [
        manifest.join("../../shared/captures/vm-workload-2.scap"),
        tmp.join("vm-workload-2.scap"),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

/// CPU time of the calling thread, in seconds (Linux), so that rounds slowed down by other
/// processes on a shared machine can be told apart from slow code.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn thread_cpu_secs() -> Option<f64> {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = Timespec { sec: 0, nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec for the duration of the call.
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0).then_some(ts.sec as f64 + ts.nsec as f64 * 1e-9)
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn thread_cpu_secs() -> Option<f64> {
    None
}

struct Round {
    events: u64,
    bytes: u64,
    /// Wall-clock seconds.
    secs: f64,
    /// CPU seconds of this thread (user + system), when available.
    cpu: Option<f64>,
    checksum: u64,
}

fn round(path: &PathBuf, upgrade: bool) -> Round {
    let cpu0 = thread_cpu_secs();
    let start = Instant::now();
    let mut r = CaptureReader::open(path).expect("open capture");
    let mut events = 0u64;
    let mut checksum = 0u64;
    let mut up = upgrade.then(Upgrader::new);
    let mut batch: Vec<u8> = Vec::with_capacity(1 << 16);
    while let Some(ev) = r.next_event().expect("decode") {
        events += 1;
        if let Some(up) = &mut up {
            // What the replay reader thread does: copy the recorded event and its
            // current-layout form into a batch (emptied every 512 events).
            if events % 512 == 0 {
                batch.clear();
            }
            ev.write_v2(&mut batch);
            let _ = up.upgrade_into(&ev, &mut batch);
            checksum = checksum.wrapping_add(batch.len() as u64);
        }
        checksum = checksum
            .wrapping_add(ev.num)
            .wrapping_add(ev.ts())
            .wrapping_add(ev.tid())
            .wrapping_add(ev.ty() as u64)
            .wrapping_add(ev.nparams() as u64)
            .wrapping_add(ev.cpu as u64);
        for p in ev.params() {
            checksum = checksum.wrapping_add(p.len() as u64);
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let cpu = thread_cpu_secs().zip(cpu0).map(|(b, a)| b - a);
    Round {
        events,
        bytes: r.offset(),
        secs,
        cpu,
        checksum: black_box(checksum),
    }
}

fn main() {
    // `cargo bench` passes `--bench`; the rest are ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let file = args.first().map(PathBuf::from).or_else(default_file);
    let rounds: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(7).max(1);
    let Some(path) = file.filter(|p| p.is_file()) else {
        println!(
            "decode bench skipped: no uncompressed capture (set SCAP_BENCH_FILE or pass a path; \
             e.g. zcat ../shared/captures/vm-workload-2.scap.gz > /tmp/vm-workload-2.scap)"
        );
        return;
    };
    let mut magic = [0u8; 2];
    let gz = std::fs::File::open(&path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut magic))
        .is_ok()
        && magic == [0x1f, 0x8b];
    if gz {
        println!(
            "decode bench skipped: {} is gzip-compressed; decompress it first",
            path.display()
        );
        return;
    }
    // DECODE_BENCH_UPGRADE=1: each round also does the replay reader's work, each event
    // copied into a batch with its current-layout form (old enter/exit pairs converted).
    let upgrade = std::env::var_os("DECODE_BENCH_UPGRADE").is_some();
    println!(
        "decode bench: {}{}",
        path.display(),
        if upgrade { " (with upgrade)" } else { "" }
    );
    // Warm-up round (page cache, allocator).
    let warm = round(&path, upgrade);
    let mut results = Vec::with_capacity(rounds);
    for i in 0..rounds {
        let r = round(&path, upgrade);
        assert_eq!(r.events, warm.events);
        assert_eq!(r.checksum, warm.checksum);
        println!(
            "round {}: events {} seconds {:.4} events/s {:.2}M MB/s {:.0}{}",
            i + 1,
            r.events,
            r.secs,
            r.events as f64 / r.secs / 1e6,
            r.bytes as f64 / r.secs / 1e6,
            r.cpu
                .map(|c| format!(" cpu-seconds {c:.4}"))
                .unwrap_or_default()
        );
        results.push(r);
    }
    let median = |key: &dyn Fn(&Round) -> Option<f64>| -> Option<f64> {
        let mut v: Vec<f64> = results.iter().filter_map(key).collect();
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied()
    };
    let secs = median(&|r| Some(r.secs)).unwrap_or(f64::NAN);
    let m = &results[0];
    let cpu = median(&|r| r.cpu)
        .map(|c| {
            format!(
                " cpu-seconds {c:.4} cpu-events/s {:.0}",
                m.events as f64 / c
            )
        })
        .unwrap_or_default();
    println!(
        "median: events {} bytes {} seconds {:.4} events/s {:.0} ({:.2} M/s) MB/s {:.0}{} \
         checksum {:#x}",
        m.events,
        m.bytes,
        secs,
        m.events as f64 / secs,
        m.events as f64 / secs / 1e6,
        m.bytes as f64 / secs / 1e6,
        cpu,
        m.checksum
    );
}
