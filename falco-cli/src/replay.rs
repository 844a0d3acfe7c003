//! Replay of a capture file on two threads.
//!
//! ```text
//!  reader thread: file ─▶ gunzip ─▶ blocks ─▶ Upgrader (current layout) ─▶ batch ──┐
//!                                                                                   │ bounded
//!  event loop:    ◀── Event views over the batch ◀── (batches sent back for reuse) ◀┘ channel
//! ```
//!
//! Reading, decompressing and converting old layouts is a third of the work of a replay
//! and does not depend on the state or the rules, so a reader thread does it ahead of the
//! event loop: it copies each current-layout event into a batch (one buffer of event
//! bytes plus a slot per event with its number, CPU, flags and file offset) and sends
//! full batches over a bounded channel; the event loop hands out each event as a view over
//! the batch, with the same `evt.num`, and sends emptied batches back, so steady state
//! allocates nothing. A damaged file ends the stream after every event before the damage,
//! then the reader's error. Dropping the replay stops the reader.
//!
//! `falco` wants the events in the current layout ([`Replay::open`]). `falco-inspect`
//! shows them as recorded, as sysdig does, while its state needs them in the current
//! layout: [`Replay::open_recorded`] copies each recorded event and, when the upgrade
//! changed it, the upgraded one beside it ([`Replay::visit`]).

use std::thread::JoinHandle;

use crossbeam_channel::{bounded, Receiver, Sender};
use falco_scap::{CaptureReader, Event, Metadata, Upgraded, Upgrader};

/// Events per batch.
const BATCH_EVENTS: usize = 512;
/// Batches in flight between the threads.
const IN_FLIGHT: usize = 32;

#[derive(Clone, Copy, Debug)]
struct Slot {
    num: u64,
    offset: u64,
    flags: u32,
    cpu: u16,
    start: usize,
    len: usize,
    /// The event in the current layout ([`Replay::open_recorded`] only).
    current: Current,
}

/// The current-layout form of a recorded event.
#[derive(Clone, Copy, Debug)]
enum Current {
    /// The recorded event is in the current layout.
    Same,
    /// None: the upgrade kept the event for its exit event, dropped it, or failed.
    Missing,
    /// Converted, at these bytes of the batch.
    At { start: usize, len: usize },
}

/// Events copied by the reader thread.
#[derive(Debug, Default)]
struct Batch {
    bytes: Vec<u8>,
    slots: Vec<Slot>,
    /// Bytes of the file read and its size, when the batch was sent.
    progress: Option<(u64, u64)>,
}

enum Msg {
    Batch(Batch),
    /// The end of the file (`None`) or the error that stopped reading.
    End(Option<String>),
}

/// The current-layout events of a capture file, read ahead by a second thread.
pub struct Replay {
    metadata: Metadata,
    rx: Receiver<Msg>,
    back: Sender<Batch>,
    current: Batch,
    next: usize,
    done: bool,
    progress: Option<(u64, u64)>,
    reader: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Replay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Replay").field("done", &self.done).finish()
    }
}

impl Replay {
    /// Open `path` (gzip or not) and start reading it ahead, in the current layout.
    pub fn open(path: &str) -> Result<Replay, String> {
        let src = CaptureReader::open(path).map_err(|e| e.to_string())?;
        let metadata = src.metadata().clone();
        Replay::start(metadata, move |tx, back| read_ahead(src, tx, back))
    }

    /// Open `path` and start reading it ahead as recorded, each event with its
    /// current-layout form (see [`Replay::visit`]).
    pub fn open_recorded(path: &str) -> Result<Replay, String> {
        let src = CaptureReader::open(path).map_err(|e| e.to_string())?;
        let metadata = src.metadata().clone();
        Replay::start(metadata, move |tx, back| read_recorded(src, tx, back))
    }

    fn start(
        metadata: Metadata,
        read: impl FnOnce(Sender<Msg>, Receiver<Batch>) + Send + 'static,
    ) -> Result<Replay, String> {
        let (tx, rx) = bounded(IN_FLIGHT);
        let (back, back_rx) = bounded(IN_FLIGHT + 2);
        let reader = std::thread::Builder::new()
            .name("falco-replay".into())
            .spawn(move || read(tx, back_rx))
            .map_err(|e| format!("cannot start the replay reader thread: {e}"))?;
        Ok(Replay {
            metadata,
            rx,
            back,
            current: Batch::default(),
            next: 0,
            done: false,
            progress: None,
            reader: Some(reader),
        })
    }

    /// The capture's metadata (machine, processes, fds, users).
    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// Bytes of the file read so far and its size (compressed bytes for gzip files).
    pub fn progress(&self) -> Option<(u64, u64)> {
        self.progress
    }

    /// The next event; `Ok(None)` at the end of the file; `Err` once, after every event
    /// before damage in the file.
    pub fn next_event(&mut self) -> Result<Option<Event<'_>>, String> {
        if !self.advance()? {
            return Ok(None);
        }
        self.event().map(Some)
    }

    /// Moves to the next event ([`Replay::event`], [`Replay::visit`]); false at the end
    /// of the file; `Err` once, after every event before damage in the file. (Events are
    /// built on demand from the batch rather than returned in pairs: large nested values
    /// returned by value cost more to copy than the decoding.)
    #[inline]
    pub fn advance(&mut self) -> Result<bool, String> {
        self.next += 1;
        if self.next < self.current.slots.len() {
            return Ok(true);
        }
        self.refill()
    }

    /// The next batch, once the current one is used up.
    #[cold]
    fn refill(&mut self) -> Result<bool, String> {
        while self.next >= self.current.slots.len() {
            if self.done {
                return Ok(false);
            }
            let used = std::mem::take(&mut self.current);
            if used.bytes.capacity() > 0 {
                let _ = self.back.try_send(used);
            }
            match self.rx.recv() {
                Ok(Msg::Batch(b)) => {
                    self.progress = b.progress;
                    self.current = b;
                    self.next = 0;
                }
                Ok(Msg::End(err)) => {
                    self.done = true;
                    return match err {
                        None => Ok(false),
                        Some(e) => Err(e),
                    };
                }
                Err(_) => {
                    self.done = true;
                    return Err("the replay reader thread stopped".into());
                }
            }
        }
        Ok(true)
    }

    /// The event [`Replay::advance`] moved to (as recorded, for
    /// [`Replay::open_recorded`]).
    // Inlined, as the two below: an event returned through a `Result` from a call is
    // copied back in pieces that stall on store forwarding (a tenth of the event loop in
    // the profile); inlined, it is built where the caller keeps it.
    #[inline(always)]
    pub fn event(&self) -> Result<Event<'_>, String> {
        let s = self.slot()?;
        self.view(s, s.start, s.len)
    }

    /// Calls `f` with the event [`Replay::advance`] moved to (as [`Replay::event`] gives it)
    /// and its current-layout form: `None` when the upgrade kept it for its exit event or
    /// dropped it ([`Replay::open_recorded`]), the event itself when it is current. The
    /// events are built in place and lent: the cheapest way for a loop that only looks at
    /// them.
    #[inline(always)]
    pub fn visit<R>(
        &self,
        f: impl FnOnce(&Event<'_>, Option<&Event<'_>>) -> R,
    ) -> Result<R, String> {
        let s = self.slot()?;
        let ev = self.view(s, s.start, s.len)?;
        Ok(match s.current {
            Current::Same => f(&ev, Some(&ev)),
            Current::Missing => f(&ev, None),
            Current::At { start, len } => f(&ev, Some(&self.view(s, start, len)?)),
        })
    }

    #[inline(always)]
    fn slot(&self) -> Result<&Slot, String> {
        self.current
            .slots
            .get(self.next)
            .ok_or_else(|| "no current event (advance first)".to_string())
    }

    #[inline(always)]
    fn view(&self, s: &Slot, start: usize, len: usize) -> Result<Event<'_>, String> {
        // The reader thread decoded (validated) these bytes before copying them.
        let mut ev = Event::decode_validated(&self.current.bytes[start..start + len])
            .map_err(|e| format!("event {} at offset {}: {e}", s.num, s.offset))?;
        ev.num = s.num;
        ev.cpu = s.cpu;
        ev.flags = s.flags;
        ev.offset = s.offset;
        Ok(ev)
    }
}

impl Drop for Replay {
    fn drop(&mut self) {
        // Closing the channel makes the reader's next send fail: it stops.
        let (_, rx) = bounded(0);
        drop(std::mem::replace(&mut self.rx, rx));
        if let Some(h) = self.reader.take() {
            let _ = h.join();
        }
    }
}

/// The slot of `ev` at `start` of the batch (its length still to be set).
#[inline(always)]
fn slot(ev: &Event<'_>, start: usize) -> Slot {
    Slot {
        num: ev.num,
        offset: ev.offset,
        flags: ev.flags,
        cpu: ev.cpu,
        start,
        len: 0,
        current: Current::Same,
    }
}

/// Appends `ev` to the batch; its slot's form in the current layout is `Same`.
fn push(b: &mut Batch, ev: &Event<'_>) {
    let start = b.bytes.len();
    ev.write_v2(&mut b.bytes);
    b.slots.push(Slot {
        len: b.bytes.len() - start,
        ..slot(ev, start)
    });
}

/// The reader thread's loop: fill batches with `fill` (false: the end or an error, in
/// `end`) and send them, until the end, an error, or the event loop going away.
fn batches<S>(
    tx: Sender<Msg>,
    back: Receiver<Batch>,
    src: &mut S,
    fill: impl Fn(&mut S, &mut Batch) -> Option<Option<String>>,
    progress: impl Fn(&S) -> Option<(u64, u64)>,
) {
    loop {
        let mut b = back.try_recv().unwrap_or_else(|_| Batch {
            bytes: Vec::with_capacity(BATCH_EVENTS * 128),
            slots: Vec::with_capacity(BATCH_EVENTS),
            progress: None,
        });
        b.bytes.clear();
        b.slots.clear();
        let mut end = None;
        while b.slots.len() < BATCH_EVENTS {
            if let Some(e) = fill(src, &mut b) {
                end = Some(e);
                break;
            }
        }
        b.progress = progress(src);
        if !b.slots.is_empty() && tx.send(Msg::Batch(b)).is_err() {
            return;
        }
        if let Some(e) = end {
            let _ = tx.send(Msg::End(e));
            return;
        }
    }
}

/// The reader thread of [`Replay::open`]: current-layout events.
fn read_ahead(src: CaptureReader, tx: Sender<Msg>, back: Receiver<Batch>) {
    batches(
        tx,
        back,
        &mut (src, Upgrader::new()),
        |(reader, upgrader), b| loop {
            let ev = match reader.next_event() {
                Ok(Some(ev)) => ev,
                Ok(None) => return Some(None),
                Err(e) => return Some(Some(e.to_string())),
            };
            let start = b.bytes.len();
            match upgrader.upgrade_into(&ev, &mut b.bytes) {
                Ok(Upgraded::Skip) => continue,
                Ok(Upgraded::Unchanged) => push(b, &ev),
                Ok(Upgraded::Converted) => b.slots.push(Slot {
                    len: b.bytes.len() - start,
                    ..slot(&ev, start)
                }),
                Err(e) => return Some(Some(e.in_file(reader.path()).to_string())),
            }
            return None;
        },
        |(reader, _)| reader.file_progress(),
    );
}

/// The reader thread of [`Replay::open_recorded`]: recorded events, each with its
/// current-layout form.
fn read_recorded(src: CaptureReader, tx: Sender<Msg>, back: Receiver<Batch>) {
    batches(
        tx,
        back,
        &mut (src, Upgrader::new()),
        |(reader, upgrader), b| {
            let ev = match reader.next_event() {
                Ok(Some(ev)) => ev,
                Ok(None) => return Some(None),
                Err(e) => return Some(Some(e.to_string())),
            };
            push(b, &ev);
            let start = b.bytes.len();
            let current = match upgrader.upgrade_into(&ev, &mut b.bytes) {
                Ok(Upgraded::Unchanged) => Current::Same,
                Ok(Upgraded::Converted) => Current::At {
                    start,
                    len: b.bytes.len() - start,
                },
                Ok(Upgraded::Skip) | Err(_) => Current::Missing,
            };
            if let Some(slot) = b.slots.last_mut() {
                slot.current = current;
            }
            None
        },
        |(reader, _)| reader.file_progress(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use falco_scap::{EventSource, FileSource};

    const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/demo.scap");

    /// The same events, numbers and bytes as the single-threaded source.
    #[test]
    fn same_events_as_file_source() {
        let mut direct = FileSource::open(DEMO).unwrap();
        let mut ahead = Replay::open(DEMO).unwrap();
        assert_eq!(ahead.metadata(), direct.metadata());
        let mut n = 0;
        loop {
            let a = direct
                .next_event()
                .unwrap()
                .map(|e| (e.num, e.cpu, e.raw().to_vec()));
            let b = ahead
                .next_event()
                .unwrap()
                .map(|e| (e.num, e.cpu, e.raw().to_vec()));
            assert_eq!(a, b);
            if a.is_none() {
                break;
            }
            n += 1;
        }
        assert!(n > 10);
        assert_eq!(ahead.next_event().unwrap().map(|e| e.num), None);
    }

    /// Recorded mode: the recorded events, each with what an upgrader in the event loop
    /// would have given for it.
    #[test]
    fn recorded_with_current_forms() {
        // demo.scap has the current layout only.
        let (n, converted, missing) = recorded_pairs(DEMO);
        assert!(n > 10 && converted == 0 && missing == 0);
        // curl_google has the old enter/exit layouts the upgrade converts.
        let Some(dir) = falco_tests::captures_dir() else {
            falco_tests::skip(&falco_tests::captures_missing_reason().unwrap_or_default());
            return;
        };
        let old = dir.join("curl_google.scap");
        let (n, converted, missing) = recorded_pairs(old.to_str().unwrap());
        assert!(
            n > 100 && missing > 0 && converted > 0,
            "{n} {missing} {converted}"
        );
    }

    /// Reads `path` with [`Replay::open_recorded`] and directly, asserting the same pairs;
    /// (events, converted, kept or dropped by the upgrade).
    fn recorded_pairs(path: &str) -> (usize, usize, usize) {
        let mut direct = CaptureReader::open(path).unwrap();
        let mut upgrader = Upgrader::new();
        let mut ahead = Replay::open_recorded(path).unwrap();
        let (mut n, mut converted, mut missing) = (0, 0, 0);
        // The batches hold events in the current block format (the 26-byte header): compare
        // that form of each side.
        let v2 = |e: &Event<'_>| {
            let mut out = Vec::new();
            e.write_v2(&mut out);
            out
        };
        loop {
            let a = direct.next_event().unwrap().map(|e| {
                let raw = (e.num, e.cpu, v2(&e));
                let cur = upgrader.upgrade(e).ok().flatten().map(|c| v2(&c));
                (raw, cur)
            });
            let b = ahead.advance().unwrap().then(|| {
                ahead
                    .visit(|e, c| ((e.num, e.cpu, v2(e)), c.map(v2)))
                    .unwrap()
            });
            assert_eq!(a, b);
            let Some((raw, cur)) = a else { break };
            n += 1;
            match cur {
                None => missing += 1,
                Some(c) if c != raw.2 => converted += 1,
                Some(_) => {}
            }
        }
        (n, converted, missing)
    }

    /// A damaged file: every event before the damage, then the error, then the end.
    #[test]
    fn damage_ends_with_the_error() {
        let bytes = std::fs::read(DEMO).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let cut = dir.path().join("cut.scap");
        std::fs::write(&cut, &bytes[..bytes.len() - 20]).unwrap();
        let mut direct = FileSource::open(&cut).unwrap();
        let mut expected = Vec::new();
        let err = loop {
            match direct.next_event() {
                Ok(Some(e)) => expected.push(e.num),
                Ok(None) => panic!("the cut file reads to the end"),
                Err(e) => break e.to_string(),
            }
        };
        let mut ahead = Replay::open(cut.to_str().unwrap()).unwrap();
        let mut got = Vec::new();
        let got_err = loop {
            match ahead.next_event() {
                Ok(Some(e)) => got.push(e.num),
                Ok(None) => panic!("no error"),
                Err(e) => break e,
            }
        };
        assert_eq!(got, expected);
        assert_eq!(got_err, err);
        assert!(ahead.next_event().unwrap().is_none());
    }

    /// Dropping a replay in the middle stops the reader thread.
    #[test]
    fn drop_stops_the_reader() {
        let mut r = Replay::open(DEMO).unwrap();
        assert!(r.next_event().unwrap().is_some());
        drop(r);
    }
}
