//! The view of the system that Falco's rules see: fields of events and their formatting.
//!
//! * [`fields`]: named values of an event (`evt.num`, `evt.type`, `thread.tid`,
//!   `evt.rawarg.NAME`, ...), parsed once into a [`fields::Field`] and rendered without
//!   allocation.
//! * [`format`]: output formats with `%field` tokens ([`format::Format`]), with sysdig's
//!   convention for missing values.
//! * [`time`]: local-time rendering of timestamps.
//! * [`state`]: threads, fds, users and containers, kept current by events.
//! * [`value`]: typed values the filter language compares.
//! * [`filter`]: the condition language of Falco rules and sysdig filters: parsed into a
//!   tree ([`filter::Expr`]), compiled into a [`filter::Filter`] evaluated per event.
//!
//! ```
//! use falco_scap::EventBuilder;
//! use falco_schema::code;
//! use falco_sinsp::{fields::Ctx, format::Format, state::State, time::TimeFormatter};
//!
//! let mut b = EventBuilder::new();
//! b.begin(1_000, 7, code::PPME_SYSCALL_CLOSE_X);
//! b.param(&0i64.to_le_bytes());
//! b.param(&3i64.to_le_bytes());
//! let ev = b.event();
//! let state = State::new();
//! let mut out = Vec::new();
//! Format::parse("%thread.tid %evt.type fd=%evt.rawarg.fd")
//!     .unwrap()
//!     .render_line(&Ctx { ev: &ev, state: &state }, &mut TimeFormatter::new(), &mut out);
//! assert_eq!(out, b"7 close fd=3\n");
//! ```
//!
//! Process, thread, fd and user state, and the filter language, are built on top of these.

#![deny(missing_docs)]

pub mod errno;
pub mod fields;
pub mod filter;
pub mod format;
pub mod state;
pub mod time;
pub mod value;
