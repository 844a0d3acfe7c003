//! System state: threads and processes, their file descriptors, users and groups, and the
//! container each process runs in — seeded from a capture's metadata or a /proc scan, and
//! kept current by events.
//!
//! (Being built: the tables below are empty until the parsers land.)

use falco_scap::{Event, Metadata};

/// The state of the observed system.
#[derive(Debug, Default)]
pub struct State {}

impl State {
    /// Empty state.
    pub fn new() -> State {
        State::default()
    }

    /// Seed the state from a capture's metadata blocks.
    pub fn load_metadata(&mut self, _meta: &Metadata) {}

    /// Update the state with an event of the current layout.
    pub fn process(&mut self, _ev: &Event<'_>) {}
}
