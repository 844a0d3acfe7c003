//! Arbitrary text as rules content: loading never panics, whatever the YAML; every result
//! renders (summary, verbose with snippets, JSON); a second load into the same engine (as a
//! second rules file) behaves as well; loaded rules evaluate an event.
//!
//! ```text
//! cargo +nightly fuzz run rules_yaml corpus/rules_yaml ../../shared/rules/upstream -- \
//!     -max_len=4096 -dict=../engine/fuzz/rules_yaml.dict
//! ```

#![no_main]

use falco_engine::{Engine, RuleMatching};
use falco_scap::EventBuilder;
use falco_schema::code;
use falco_sinsp::{fields::Ctx, state::State};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut engine = Engine::new();
    for name in ["a.yaml", "b.yaml"] {
        let res = engine.load_rules(&text, name);
        let _ = res.as_summary_string();
        let _ = res.as_verbose_string(engine.contents());
        let _ = res.as_json(engine.contents());
        assert_eq!(res.successful(), res.errors().is_empty());
    }
    engine.set_rule_matching(RuleMatching::All);
    let mut b = EventBuilder::new();
    b.begin(1_000, 7, code::PPME_SYSCALL_CLOSE_X);
    b.param(&0i64.to_le_bytes());
    b.param(&3i64.to_le_bytes());
    let ev = b.event();
    let state = State::new();
    let n = engine.rules().len();
    for &id in engine.evaluate(&Ctx {
        ev: &ev,
        state: &state,
    }) {
        assert!(id < n);
    }
});
