//! Which system calls the live driver captures (Falco's `base_syscalls` semantics).
//!
//! * The syscalls of the enabled rules: those whose enter or exit event is one of the
//!   event types the rules' conditions can match.
//! * Plus, unless `base_syscalls.custom_set` is given without `repair`, the syscalls the
//!   state needs: those whose events carry the "modifies state" flag of the event table
//!   (clone, execve, open, close, socket, dup, setuid, chdir, ...), as libsinsp's
//!   state set.
//! * With a `custom_set`: its names added; `!name` entries removed last. With
//!   `repair: true`: the state set added to the rules' set and the custom set.
//! * `base_syscalls.all: true` captures every syscall.
//!
//! Events that are not syscalls (process exit, scheduler events) are always captured by
//! the driver.

use std::collections::BTreeSet;

use falco_engine::Engine;
use falco_schema::eflags;
use falco_schema::syscalls::{self, Arch, SyscallEntry};

use crate::config::Config;
use crate::logger;

/// The syscall table of the machine we run on.
fn native_table() -> &'static [SyscallEntry] {
    if cfg!(target_arch = "aarch64") {
        syscalls::table(Arch::Aarch64)
    } else {
        syscalls::table(Arch::X86_64)
    }
}

fn modifies_state(code: u16) -> bool {
    falco_schema::EVENTS
        .get(code as usize)
        .is_some_and(|e| e.flags & eflags::MODIFIES_STATE != 0)
}

/// The names (`PPM_SC` names) of the syscalls to capture, or `None` for every syscall.
pub fn selected_names(config: &Config, engine: &Engine) -> Option<BTreeSet<&'static str>> {
    let base = &config.base_syscalls;
    if base.all {
        logger::info("base_syscalls.all: every syscall is captured");
        return None;
    }
    let types = engine.ruleset().enabled_event_types();
    let table = native_table();
    let name = |e: &SyscallEntry| syscalls::sc_name(e.ppm_sc);
    let rules: BTreeSet<&'static str> = table
        .iter()
        .filter(|e| e.ppm_sc != 0 && (types.contains(e.enter) || types.contains(e.exit)))
        .filter_map(name)
        .collect();
    let state: BTreeSet<&'static str> = table
        .iter()
        .filter(|e| e.ppm_sc != 0 && (modifies_state(e.enter) || modifies_state(e.exit)))
        .filter_map(name)
        .collect();
    let positive: Vec<&str> = base
        .custom_set
        .iter()
        .filter(|n| !n.starts_with('!'))
        .map(String::as_str)
        .collect();
    let negative: Vec<&str> = base
        .custom_set
        .iter()
        .filter_map(|n| n.strip_prefix('!'))
        .collect();
    logger::debug(&format!(
        "({}) syscalls in rules: {}",
        rules.len(),
        rules.iter().copied().collect::<Vec<_>>().join(", ")
    ));
    let mut set = rules.clone();
    if positive.is_empty() || base.repair {
        let before = set.len();
        set.extend(state.iter().copied());
        if base.repair {
            logger::info(&format!("+({}) repaired syscalls", set.len() - before));
        }
    }
    for p in &positive {
        match table.iter().filter_map(name).find(|n| n == p) {
            Some(n) => {
                set.insert(n);
            }
            None => logger::warning(&format!(
                "base_syscalls.custom_set: '{p}' is not a syscall of this architecture"
            )),
        }
    }
    set.retain(|s| !negative.contains(s));
    logger::info(&format!(
        "({}) syscalls selected in total (final set): {}",
        set.len(),
        set.iter().copied().collect::<Vec<_>>().join(", ")
    ));
    let missing: Vec<&str> = rules.difference(&set).copied().collect();
    if !missing.is_empty() {
        logger::warning(&format!(
            "Loaded rules match syscalls that are not activated (e.g. were removed via config \
             settings such as negative base_syscalls elements): warning (unsupported-evttype): {}",
            missing.join(", ")
        ));
    }
    Some(set)
}

/// The native syscall numbers to capture, or `None` for every syscall.
pub fn selected_syscalls(config: &Config, engine: &Engine) -> Option<Vec<u32>> {
    let names = selected_names(config, engine)?;
    Some(
        native_table()
            .iter()
            .filter(|e| syscalls::sc_name(e.ppm_sc).is_some_and(|n| names.contains(n)))
            .map(|e| u32::from(e.nr))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine(rules: &str) -> Engine {
        let mut e = Engine::new();
        let r = e.load_rules(rules, "r.yaml");
        assert!(r.successful(), "{}", r.as_verbose_string(e.contents()));
        e
    }

    const RULE: &str = "- rule: r\n  desc: d\n  condition: evt.type = ptrace\n  output: o\n  \
                        priority: INFO\n";

    #[test]
    fn rules_plus_state() {
        let e = engine(RULE);
        let c = Config::default();
        let s = selected_names(&c, &e).unwrap();
        // The rule's syscall, and what the state needs; not what nothing needs.
        for n in [
            "ptrace", "execve", "clone", "openat", "close", "connect", "setuid",
        ] {
            assert!(s.contains(n), "{n} missing from {s:?}");
        }
        for n in ["read", "write", "getpid", "nanosleep"] {
            assert!(!s.contains(n), "{n} selected: {s:?}");
        }
        let nrs = selected_syscalls(&c, &e).unwrap();
        assert_eq!(nrs.len(), s.len());
    }

    #[test]
    fn custom_set_without_repair_replaces_the_state_set() {
        let e = engine(RULE);
        let mut c = Config::default();
        c.base_syscalls.custom_set = vec!["getpid".into(), "!ptrace".into()];
        let s = selected_names(&c, &e).unwrap();
        assert_eq!(s, BTreeSet::from(["getpid"]));
        c.base_syscalls.repair = true;
        let s = selected_names(&c, &e).unwrap();
        assert!(s.contains("getpid") && s.contains("execve") && !s.contains("ptrace"));
        c.base_syscalls.all = true;
        assert_eq!(selected_names(&c, &e), None);
    }
}
