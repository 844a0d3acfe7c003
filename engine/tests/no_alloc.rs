//! Evaluating an event allocates nothing once the ruleset is warmed up.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use falco_engine::{Engine, RuleMatching};
use falco_scap::EventBuilder;
use falco_schema::code;
use falco_sinsp::{fields::Ctx, state::State};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations() -> u64 {
    ALLOCATIONS.with(|c| c.get())
}

#[test]
fn evaluation_does_not_allocate() {
    let mut e = Engine::new();
    let yaml = format!(
        "- list: fds\n  items: [3, 4, 5]\n{}{}{}",
        common::rule("a", "evt.type = close and evt.rawarg.fd in (fds)", &[]),
        common::rule("b", "evt.type in (close, open) and evt.rawarg.fd > 1", &[]),
        common::rule("c", "evt.type = close and not evt.rawarg.res < 0", &[]),
    );
    let r = e.load_rules(&yaml, "rules.yaml");
    assert!(r.successful(), "{}", r.as_verbose_string(e.contents()));
    e.set_rule_matching(RuleMatching::All);
    let state = State::new();
    let mut builders: Vec<EventBuilder> = (0..8).map(|_| EventBuilder::new()).collect();
    let events: Vec<_> = builders
        .iter_mut()
        .enumerate()
        .map(|(i, b)| {
            b.begin(1_000 + i as u64, 7, code::PPME_SYSCALL_CLOSE_X);
            b.param(&0i64.to_le_bytes());
            b.param(&(i as i64).to_le_bytes());
            b.event()
        })
        .collect();
    let mut total = 0;
    for ev in &events {
        total += e.evaluate(&Ctx { ev, state: &state }).len();
    }
    let before = allocations();
    for _ in 0..100 {
        for ev in &events {
            total += e.evaluate(&Ctx { ev, state: &state }).len();
        }
    }
    assert_eq!(allocations() - before, 0);
    assert_eq!(total, 101 * (3 + 6 + 8));
}
