//! The waiting loop of the live engines (eBPF probe and kernel module): hand out the
//! oldest event of all rings, check the stop conditions between batches, sleep with a
//! growing backoff while every ring is empty, and drain the rings once stopped.

use std::time::Duration;

use crate::error::Result;
use crate::event::Event;

/// Shortest and longest sleep while the rings are empty.
const BACKOFF_MIN: Duration = Duration::from_micros(500);
const BACKOFF_MAX: Duration = Duration::from_millis(30);
/// Events handed out between two checks of the stop conditions.
const BATCH: u32 = 4096;

/// A live engine's rings, as the waiting loop sees them.
pub(crate) trait Rings {
    /// Where an event is in its ring.
    type Head: Copy;
    /// Gives back the event handed out last, then picks the ring whose oldest event has
    /// the smallest timestamp.
    fn select(&mut self) -> Result<Option<(usize, Self::Head)>>;
    /// The picked event, a view into its ring.
    fn view(&mut self, ring: usize, head: Self::Head) -> Result<Event<'_>>;
    /// True once a stop was asked for (signal, request, deadline) or done.
    fn should_end(&self) -> bool;
    /// True once capture was stopped (the rings are being drained).
    fn is_stopped(&self) -> bool;
    /// Stops capture; the events already in the rings are still handed out.
    fn halt(&mut self);
    /// The loop's own state, kept in the engine.
    fn pacing(&mut self) -> &mut Pacing;
}

/// The waiting loop's state.
#[derive(Debug)]
pub(crate) struct Pacing {
    /// Events handed out since the stop conditions were last checked.
    batch: u32,
    backoff: Duration,
}

impl Default for Pacing {
    fn default() -> Pacing {
        Pacing {
            batch: 0,
            backoff: BACKOFF_MIN,
        }
    }
}

/// The next event of `rings` if one is ready, without waiting.
pub(crate) fn try_next<R: Rings>(rings: &mut R) -> Result<Option<Event<'_>>> {
    match rings.select()? {
        Some((i, h)) => rings.view(i, h).map(Some),
        None => Ok(None),
    }
}

/// The next event of `rings`, waiting for one; `None` once capture was stopped and the
/// rings are drained.
pub(crate) fn next_event<R: Rings>(rings: &mut R) -> Result<Option<Event<'_>>> {
    loop {
        if rings.pacing().batch == 0 && !rings.is_stopped() && rings.should_end() {
            rings.halt();
        }
        if let Some((i, h)) = rings.select()? {
            let p = rings.pacing();
            p.backoff = BACKOFF_MIN;
            p.batch = (p.batch + 1) % BATCH;
            return rings.view(i, h).map(Some);
        }
        rings.pacing().batch = 0;
        if rings.should_end() && !rings.is_stopped() {
            rings.halt();
            continue;
        }
        if rings.is_stopped() {
            return Ok(None);
        }
        let p = rings.pacing();
        std::thread::sleep(p.backoff);
        p.backoff = (p.backoff * 2).min(BACKOFF_MAX);
    }
}
