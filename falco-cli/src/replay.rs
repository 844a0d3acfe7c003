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

use std::thread::JoinHandle;

use crossbeam_channel::{bounded, Receiver, Sender};
use falco_scap::{Event, EventSource, FileSource, Metadata};

/// Events per batch.
const BATCH_EVENTS: usize = 4096;
/// Batches in flight between the threads.
const IN_FLIGHT: usize = 8;

#[derive(Clone, Copy, Debug)]
struct Slot {
    num: u64,
    offset: u64,
    flags: u32,
    cpu: u16,
    start: usize,
    len: usize,
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
    /// Open `path` (gzip or not) and start reading it ahead.
    pub fn open(path: &str) -> Result<Replay, String> {
        let src = FileSource::open(path).map_err(|e| e.to_string())?;
        let metadata = src.metadata().clone();
        let (tx, rx) = bounded(IN_FLIGHT);
        let (back, back_rx) = bounded(IN_FLIGHT + 2);
        let reader = std::thread::Builder::new()
            .name("falco-replay".into())
            .spawn(move || read_ahead(src, tx, back_rx))
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
        while self.next >= self.current.slots.len() {
            if self.done {
                return Ok(None);
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
                        None => Ok(None),
                        Some(e) => Err(e),
                    };
                }
                Err(_) => {
                    self.done = true;
                    return Err("the replay reader thread stopped".into());
                }
            }
        }
        let s = self.current.slots[self.next];
        self.next += 1;
        let bytes = &self.current.bytes[s.start..s.start + s.len];
        let mut ev = Event::decode(bytes)
            .map_err(|e| format!("event {} at offset {}: {e}", s.num, s.offset))?;
        ev.num = s.num;
        ev.cpu = s.cpu;
        ev.flags = s.flags;
        ev.offset = s.offset;
        Ok(Some(ev))
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

/// The reader thread: fill batches with current-layout events until the end, an error,
/// or the event loop going away.
fn read_ahead(mut src: FileSource, tx: Sender<Msg>, back: Receiver<Batch>) {
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
            match src.next_event() {
                Ok(Some(ev)) => {
                    let start = b.bytes.len();
                    ev.write_v2(&mut b.bytes);
                    b.slots.push(Slot {
                        num: ev.num,
                        offset: ev.offset,
                        flags: ev.flags,
                        cpu: ev.cpu,
                        start,
                        len: b.bytes.len() - start,
                    });
                }
                Ok(None) => {
                    end = Some(None);
                    break;
                }
                Err(e) => {
                    end = Some(Some(e.to_string()));
                    break;
                }
            }
        }
        b.progress = src.reader().file_progress();
        if !b.slots.is_empty() && tx.send(Msg::Batch(b)).is_err() {
            return;
        }
        if let Some(e) = end {
            let _ = tx.send(Msg::End(e));
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
