//! Where rule evaluation time goes: replays a capture with rules files and prints, per
//! rule, how many events were tested against it, how many matched, and the time spent.
//!
//! `cargo run --release -p falco-engine --example profile_rules -- CAPTURE RULES.yaml...`

use std::time::Instant;

use falco_engine::Engine;
use falco_scap::{EventSource, FileSource};
use falco_sinsp::fields::Ctx;
use falco_sinsp::state::State;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cap, files) = args
        .split_first()
        .ok_or("usage: profile_rules CAPTURE RULES...")?;
    let mut engine = Engine::new();
    for f in files {
        let res = engine.load_rules_file(f)?;
        if !res.successful() {
            return Err(res.as_verbose_string(engine.contents()).into());
        }
    }
    let mut filters: Vec<_> = engine.rules().iter().map(|r| r.filter.clone()).collect();
    let mut stats = vec![(0u64, 0u64, 0u128); filters.len()];
    let mut src = FileSource::open(cap)?;
    let mut state = State::new();
    state.load_metadata(src.metadata());
    let mut events = 0u64;
    let total = Instant::now();
    while let Some(ev) = src.next_event()? {
        events += 1;
        state.process(&ev);
        let ctx = Ctx {
            ev: &ev,
            state: &state,
        };
        let ids: Vec<usize> = engine.ruleset().candidates(ev.ty()).collect();
        for id in ids {
            let t = Instant::now();
            let m = filters[id].eval(&ctx);
            let s = &mut stats[id];
            s.2 += t.elapsed().as_nanos();
            s.0 += 1;
            s.1 += u64::from(m);
        }
    }
    let mut order: Vec<usize> = (0..stats.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(stats[i].2));
    println!("{events} events in {:?}", total.elapsed());
    println!(
        "{:>9} {:>7} {:>9} {:>7}  rule",
        "tested", "matched", "total_us", "ns/eval"
    );
    for i in order.into_iter().take(25) {
        let (n, m, t) = stats[i];
        if n == 0 {
            continue;
        }
        println!(
            "{n:>9} {m:>7} {:>9} {:>7}  {}",
            t / 1000,
            t / u128::from(n),
            engine.rules()[i].name
        );
    }
    Ok(())
}
