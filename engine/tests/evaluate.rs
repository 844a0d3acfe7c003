//! The ruleset: enabled rules indexed by event type, `rule_matching` first and all, the
//! minimum priority, enabling and disabling by name (exact, substring, wildcard) and tag.

mod common;

use common::rule;
use falco_engine::{Engine, MatchType, Priority, RuleMatching};
use falco_scap::{Event, EventBuilder};
use falco_schema::code;
use falco_sinsp::{fields::Ctx, state::State};

fn close_event(b: &mut EventBuilder, fd: i64) -> Event<'_> {
    b.begin(1_000, 7, code::PPME_SYSCALL_CLOSE_X);
    b.param(&0i64.to_le_bytes());
    b.param(&fd.to_le_bytes());
    b.event()
}

fn rules() -> String {
    format!(
        "{}{}{}",
        rule(
            "close high fd",
            "evt.type = close and evt.rawarg.fd > 2",
            &["priority: WARNING", "tags: [fd, noisy]"]
        )
        .replace("  priority: INFO\n", ""),
        rule("any close", "evt.type = close", &["tags: [fd]"]),
        rule("fd three", "evt.rawarg.fd = 3", &["warn_evttypes: false"])
            .replace("priority: INFO", "priority: DEBUG"),
    )
}

fn engine() -> Engine {
    let mut e = Engine::new();
    let r = e.load_rules(&rules(), "rules.yaml");
    assert!(r.successful(), "{}", r.as_verbose_string(e.contents()));
    assert!(!r.has_warnings(), "{}", r.as_verbose_string(e.contents()));
    e
}

fn matches(e: &mut Engine, fd: i64) -> Vec<String> {
    let state = State::new();
    let mut b = EventBuilder::new();
    let ev = close_event(&mut b, fd);
    let ids = e.evaluate(&Ctx {
        ev: &ev,
        state: &state,
    });
    let ids = ids.to_vec();
    ids.iter().map(|&i| e.rules()[i].name.clone()).collect()
}

#[test]
fn first_and_all() {
    let mut e = engine();
    assert_eq!(matches(&mut e, 3), vec!["close high fd"]);
    assert_eq!(matches(&mut e, 1), vec!["any close"]);
    e.set_rule_matching(RuleMatching::All);
    assert_eq!(
        matches(&mut e, 3),
        vec!["close high fd", "any close", "fd three"]
    );
    assert_eq!(matches(&mut e, 1), vec!["any close"]);
}

#[test]
fn only_candidates_of_the_event_type_are_evaluated() {
    let e = engine();
    let close: Vec<usize> = e.ruleset().candidates(code::PPME_SYSCALL_CLOSE_X).collect();
    assert_eq!(close, vec![0, 1, 2]);
    let open: Vec<usize> = e.ruleset().candidates(code::PPME_SYSCALL_OPEN_X).collect();
    assert_eq!(open, vec![2]);
    // Every rule also gets the asynchronous meta events.
    let asyncs: Vec<usize> = e.ruleset().candidates(code::PPME_ASYNCEVENT_E).collect();
    assert_eq!(asyncs, vec![0, 1, 2]);
    assert!(e
        .ruleset()
        .enabled_event_types()
        .contains(code::PPME_SYSCALL_CLOSE_E));
}

#[test]
fn enabling_again_puts_a_rule_last() {
    let mut e = engine();
    e.set_rule_matching(RuleMatching::All);
    assert_eq!(e.enable_rule_wildcard("close*", false), 1);
    assert_eq!(matches(&mut e, 3), vec!["any close", "fd three"]);
    assert_eq!(e.enable_rule_wildcard("close high fd", true), 1);
    assert_eq!(
        matches(&mut e, 3),
        vec!["any close", "fd three", "close high fd"]
    );
}

#[test]
fn selection_by_name_and_tag() {
    let mut e = engine();
    assert_eq!(e.enable_rule_by_tag("fd", false), 2);
    assert_eq!(e.ruleset().enabled_count(), 1);
    assert_eq!(e.enable_rule_by_tag("noisy", true), 1);
    assert_eq!(e.ruleset().enabled_count(), 2);
    assert_eq!(e.enable_rule_wildcard("*", false), 3);
    assert_eq!(e.ruleset().enabled_count(), 0);
    assert_eq!(matches(&mut e, 3), Vec::<String>::new());
    assert_eq!(
        e.ruleset_mut().enable("close", MatchType::Substring, true),
        2
    );
    assert_eq!(
        e.ruleset_mut().enable("any close", MatchType::Exact, false),
        1
    );
    assert_eq!(e.ruleset().enabled_ids().collect::<Vec<_>>(), vec![0]);
    assert_eq!(e.ruleset_mut().enable("", MatchType::Exact, true), 3);
}

#[test]
fn minimum_priority() {
    let mut e = Engine::new();
    e.set_min_priority(Priority::Warning);
    assert!(e.load_rules(&rules(), "rules.yaml").successful());
    // All rules compile; only those at least as severe as Warning are in the ruleset.
    assert_eq!(e.rules().len(), 3);
    assert_eq!(e.ruleset().enabled_count(), 1);
    assert_eq!(e.enable_rule_wildcard("*", true), 1);
    assert_eq!(matches(&mut e, 3), vec!["close high fd"]);
    assert_eq!(matches(&mut e, 1), Vec::<String>::new());
}

#[test]
fn disabled_rules_are_compiled_but_not_evaluated() {
    let mut e = Engine::new();
    let yaml = rule("off", "evt.type = close", &["enabled: false"]);
    assert!(e.load_rules(&yaml, "rules.yaml").successful());
    assert_eq!(e.rules().len(), 1);
    assert_eq!(matches(&mut e, 3), Vec::<String>::new());
    e.enable_rule_wildcard("off", true);
    assert_eq!(matches(&mut e, 3), vec!["off"]);
}

#[test]
fn rule_matching_survives_reloads() {
    let mut e = engine();
    e.set_rule_matching(RuleMatching::All);
    assert!(e
        .load_rules(&rule("later", "evt.type = close", &[]), "more.yaml")
        .successful());
    assert_eq!(e.ruleset().rule_matching(), RuleMatching::All);
    assert_eq!(matches(&mut e, 1), vec!["any close", "later"]);
}
