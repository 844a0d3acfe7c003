//! An independent walk of every shared capture, block by block, checked against the reader.
//!
//! The walker here is plain std and knows only the container (`u32 type, u32 length, body,
//! u32 length`) plus the entry layouts needed to count entries: it shares no code with
//! `falco-scap`, and its block ids are written out from the format, not imported. For each
//! capture it prints one line naming the block types and versions found, and asserts:
//!
//! * the blocks tile the file exactly, every trailer repeating its header's length;
//! * the reader yields one event per event block whose event type is below 454 (the
//!   table's size), in file order, numbered from 1, with the header fields the block has;
//! * the metadata the reader decoded has as many threads, fd lists (and fds in each),
//!   interfaces, users and groups as the blocks hold, and the machine info and section
//!   header fields the blocks carry.
//!
//! The captures are found at `$FALCO_CAPTURES`, else `<workspace>/../shared/captures`; the
//! tests print one SKIP line and pass when they are absent.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{Read, Write as _};
use std::path::{Path, PathBuf};

use falco_scap::CaptureReader;

const SHB: u32 = 0x0A0D_0D0A;
const EVENT_TYPES: u16 = 454;

/// Name and version of a block type, as the format defines them.
fn block_name(ty: u32) -> String {
    let s = match ty {
        SHB => "SHB",
        0x201 => "MI",
        0x8002_ABCD => "MI (legacy id)",
        0x202 => "PL v1",
        0x8000_ABCD => "PL v1 (legacy id)",
        0x207 => "PL v2",
        0x8013_ABCD => "PL v2 (legacy id)",
        0x209 => "PL v3",
        0x8014_ABCD => "PL v3 (legacy id)",
        0x210 => "PL v4",
        0x211 => "PL v5",
        0x212 => "PL v6",
        0x213 => "PL v7",
        0x214 => "PL v8",
        0x215 => "PL v9",
        0x203 => "FDL v1",
        0x8001_ABCD => "FDL v1 (legacy id)",
        0x218 => "FDL v2",
        0x204 => "EV",
        0x8010_ABCD => "EV (legacy id)",
        0x216 => "EV v2",
        0x221 => "EV v2 large",
        0x208 => "EVF",
        0x217 => "EVF v2",
        0x222 => "EVF v2 large",
        0x205 => "IL v1",
        0x8011_ABCD => "IL v1 (legacy id)",
        0x219 => "IL v2",
        0x206 => "UL v1",
        0x8012_ABCD => "UL v1 (legacy id)",
        0x220 => "UL v2",
        other => return format!("unknown {other:#x}"),
    };
    s.to_string()
}

/// Bytes before the event header in an event block (cpu, and flags), and the header size;
/// `None` for other blocks.
fn event_layout(ty: u32) -> Option<(usize, usize)> {
    match ty {
        0x204 | 0x8010_ABCD => Some((2, 22)),
        0x208 => Some((6, 22)),
        0x216 | 0x221 => Some((2, 26)),
        0x217 | 0x222 => Some((6, 26)),
        _ => None,
    }
}

fn pl_version(ty: u32) -> Option<u8> {
    Some(match ty {
        0x202 | 0x8000_ABCD => 1,
        0x207 | 0x8013_ABCD => 2,
        0x209 | 0x8014_ABCD => 3,
        0x210 => 4,
        0x211 => 5,
        0x212 => 6,
        0x213 => 7,
        0x214 => 8,
        0x215 => 9,
        _ => return None,
    })
}

fn u16_at(b: &[u8], off: usize) -> u16 {
    u16::from_le_bytes([b[off], b[off + 1]])
}

fn u32_at(b: &[u8], off: usize) -> u32 {
    u32::from_le_bytes(b[off..off + 4].try_into().unwrap())
}

fn u64_at(b: &[u8], off: usize) -> u64 {
    u64::from_le_bytes(b[off..off + 8].try_into().unwrap())
}

/// A position in a block body, for counting entries.
struct Skip<'a> {
    b: &'a [u8],
    off: usize,
}

impl Skip<'_> {
    fn n(&mut self, n: usize) {
        self.off += n;
        assert!(self.off <= self.b.len(), "entry runs past its block");
    }
    fn str(&mut self) {
        let n = u16_at(self.b, self.off) as usize;
        self.n(2 + n);
    }
    fn left(&self) -> usize {
        self.b.len() - self.off
    }
}

/// Threads in a process list body of layout version `v`.
fn count_threads(body: &[u8], v: u8) -> usize {
    let mut s = Skip { b: body, off: 0 };
    let mut n = 0;
    while s.left() >= 4 {
        n += 1;
        if v == 9 {
            // Entries carry their length, which includes itself.
            let len = u32_at(body, s.off) as usize;
            s.n(len);
            continue;
        }
        s.n(24); // tid, pid, ptid
        if v >= 6 {
            s.n(8); // sid
        }
        if v >= 8 {
            s.n(8); // vpgid
        }
        s.str(); // comm
        s.str(); // exe
        if v >= 7 {
            s.str(); // exepath
        }
        s.str(); // args
        s.str(); // cwd
        s.n(8 + 4 + 4 + 4); // fdlimit, flags, uid, gid
        if v >= 2 {
            s.n(12 + 16); // vmsize, vmrss, vmswap, pfmajor, pfminor
        }
        if v >= 3 {
            s.str(); // env
        }
        if v >= 4 {
            s.n(16); // vtid, vpid
            s.str(); // cgroups
        }
        if v >= 5 {
            s.str(); // root
        }
    }
    n
}

/// Thread id and number of fds of an fd list body.
fn count_fds(body: &[u8], v2: bool) -> (u64, usize) {
    let tid = u64_at(body, 0);
    let mut s = Skip { b: body, off: 8 };
    let mut n = 0;
    while s.left() >= 4 {
        n += 1;
        if v2 {
            // Entries carry their length, which includes itself.
            let len = u32_at(body, s.off) as usize;
            s.n(len);
            continue;
        }
        s.n(16); // fd, ino
        let ty = body[s.off];
        s.n(1);
        match ty {
            0 => {}
            3 => s.n(4 + 4 + 2 + 2 + 1),
            4 => s.n(16 + 16 + 2 + 2 + 1),
            5 => s.n(4 + 2 + 1),
            6 => s.n(16 + 2 + 1),
            8 => {
                s.n(16);
                s.str();
            }
            16 => {
                s.n(4);
                s.str();
            }
            _ => s.str(),
        }
    }
    (tid, n)
}

/// Interfaces in an interface list body.
fn count_interfaces(body: &[u8], v2: bool) -> usize {
    let mut s = Skip { b: body, off: 0 };
    let mut n = 0;
    while s.left() >= 4 {
        n += 1;
        if v2 {
            // Entries carry their length, which excludes itself.
            let len = u32_at(body, s.off) as usize;
            s.n(4 + len);
            continue;
        }
        let ty = u16_at(body, s.off);
        let namelen = u16_at(body, s.off + 2) as usize;
        s.n(4);
        match ty {
            1 => s.n(12 + 8),
            2 => s.n(48 + 8),
            3 => s.n(12),
            4 => s.n(48),
            other => panic!("interface type {other}"),
        }
        s.n(namelen);
    }
    n
}

/// Users and groups in a user list body.
fn count_users(body: &[u8], v2: bool) -> (usize, usize) {
    let mut s = Skip { b: body, off: 0 };
    let (mut users, mut groups) = (0, 0);
    while s.left() >= 4 {
        let start = s.off;
        if v2 {
            s.n(4);
        }
        let ty = body[s.off];
        s.n(1);
        if ty == 0 {
            users += 1;
            s.n(8);
            s.str();
            s.str();
            s.str();
        } else {
            groups += 1;
            s.n(4);
            s.str();
        }
        if v2 {
            s.off = start;
            s.n(u32_at(body, start) as usize);
        }
    }
    (users, groups)
}

/// One event block of the walk.
struct WalkedEvent {
    offset: u64,
    cpu: u16,
    flags: u32,
    ts: u64,
    tid: u64,
    ty: u16,
}

/// What the walk found in one capture.
#[derive(Default)]
struct Walk {
    /// Blocks per type name, in order of first appearance.
    blocks: Vec<(String, usize)>,
    events: Vec<WalkedEvent>,
    /// Event blocks of types past the table (the reader skips them).
    unknown_events: usize,
    section: Option<(u16, u16)>,
    machine: Option<(u32, Vec<u8>)>,
    threads: usize,
    fd_lists: Vec<(u64, usize)>,
    interfaces: Option<usize>,
    users: Option<(usize, usize)>,
}

fn walk(data: &[u8], name: &str) -> Walk {
    let mut w = Walk::default();
    let mut off = 0usize;
    while off < data.len() {
        assert!(
            data.len() - off >= 12,
            "{name}: {} stray bytes at the end",
            data.len() - off
        );
        let ty = u32_at(data, off);
        let len = u32_at(data, off + 4) as usize;
        assert!(
            len >= 12 && len % 4 == 0 && len <= data.len() - off,
            "{name}: block at {off} has length {len}"
        );
        assert_eq!(
            u32_at(data, off + len - 4) as usize,
            len,
            "{name}: the trailer of the block at {off} differs from its length"
        );
        let body = &data[off + 8..off + len - 4];
        let tname = block_name(ty);
        match w.blocks.iter_mut().find(|(n, _)| *n == tname) {
            Some((_, n)) => *n += 1,
            None => w.blocks.push((tname, 1)),
        }
        if let Some((prefix, _)) = event_layout(ty) {
            let h = &body[prefix..];
            let evt_ty = u16_at(h, 20);
            if evt_ty < EVENT_TYPES {
                w.events.push(WalkedEvent {
                    offset: off as u64,
                    cpu: u16_at(body, 0),
                    flags: if prefix == 6 { u32_at(body, 2) } else { 0 },
                    ts: u64_at(h, 0),
                    tid: u64_at(h, 8),
                    ty: evt_ty,
                });
            } else {
                w.unknown_events += 1;
            }
        } else if ty == SHB {
            assert_eq!(u32_at(body, 0), 0x1A2B_3C4D, "{name}: byte-order magic");
            w.section.get_or_insert((u16_at(body, 4), u16_at(body, 6)));
        } else if let Some(v) = pl_version(ty) {
            w.threads += count_threads(body, v);
        } else {
            match ty {
                0x201 | 0x8002_ABCD => {
                    let host = &body[20..148];
                    let end = host.iter().position(|&b| b == 0).unwrap_or(host.len());
                    w.machine = Some((u32_at(body, 0), host[..end].to_vec()));
                }
                0x203 | 0x8001_ABCD | 0x218 => w.fd_lists.push(count_fds(body, ty == 0x218)),
                0x205 | 0x8011_ABCD | 0x219 => {
                    w.interfaces = Some(count_interfaces(body, ty == 0x219));
                }
                0x206 | 0x8012_ABCD | 0x220 => {
                    let (u, g) = count_users(body, ty == 0x220);
                    let t = w.users.get_or_insert((0, 0));
                    t.0 += u;
                    t.1 += g;
                }
                _ => {}
            }
        }
        off += len;
    }
    w
}

// ---------------------------------------------------------------------------------------
// Finding the captures.

fn note(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// The shared captures (`.scap` and `.scap.gz` files), or one printed SKIP line and `None`.
fn captures(test: &str) -> Option<Vec<PathBuf>> {
    let dir = match std::env::var_os("FALCO_CAPTURES") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/captures"),
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().contains(".scap"))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    if files.is_empty() {
        note(&format!(
            "SKIP {test}: no shared captures in {} (set FALCO_CAPTURES)",
            dir.display()
        ));
        return None;
    }
    Some(files)
}

/// The decompressed bytes of a capture.
fn load(path: &Path) -> Vec<u8> {
    let raw = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        out
    } else {
        raw
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

// ---------------------------------------------------------------------------------------

#[test]
fn reader_agrees_with_an_independent_block_walk() {
    let Some(files) = captures("reader_agrees_with_an_independent_block_walk") else {
        return;
    };
    for path in files {
        let name = file_name(&path);
        let data = load(&path);
        let w = walk(&data, &name);

        let mut line = format!("blocks of {name} ({} bytes):", data.len());
        if let Some((major, minor)) = w.section {
            let _ = write!(line, " format {major}.{minor};");
        }
        for (i, (t, n)) in w.blocks.iter().enumerate() {
            let _ = write!(line, "{} {t} x{n}", if i == 0 { "" } else { "," });
        }
        let fds: usize = w.fd_lists.iter().map(|f| f.1).sum();
        let _ = write!(
            line,
            "; {} threads, {} fds, {} interfaces, {:?} users/groups, {} events ({} of unknown types)",
            w.threads,
            fds,
            w.interfaces.unwrap_or(0),
            w.users.unwrap_or((0, 0)),
            w.events.len(),
            w.unknown_events
        );
        note(&line);

        // The reader, over the file as it is (gzip or not).
        let mut r = CaptureReader::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let mut n = 0usize;
        while let Some(ev) = r.next_event().unwrap_or_else(|e| panic!("{e}")) {
            let want = w
                .events
                .get(n)
                .unwrap_or_else(|| panic!("{name}: the reader yields more events than blocks"));
            n += 1;
            let got = (
                ev.num,
                ev.offset,
                ev.cpu,
                ev.flags,
                ev.ts(),
                ev.tid(),
                ev.ty(),
            );
            let exp = (
                n as u64,
                want.offset,
                want.cpu,
                want.flags,
                want.ts,
                want.tid,
                want.ty,
            );
            assert_eq!(
                got, exp,
                "{name}: event {n} (num, offset, cpu, flags, ts, tid, type)"
            );
        }
        assert_eq!(n, w.events.len(), "{name}: events");
        // Metadata of the whole file (blocks after events too, as in concatenated captures).
        let m = r.metadata();
        let (major, minor) = w.section.expect("a section header");
        assert_eq!((m.section.major, m.section.minor), (major, minor), "{name}");
        assert_eq!(
            m.machine
                .as_ref()
                .map(|mi| (mi.num_cpus, mi.hostname.clone())),
            w.machine,
            "{name}: machine info"
        );
        assert_eq!(m.threads.len(), w.threads, "{name}: threads");
        let lists: Vec<(u64, usize)> = m.fds.iter().map(|l| (l.tid, l.fds.len())).collect();
        assert_eq!(lists, w.fd_lists, "{name}: fd lists (tid, fds)");
        assert_eq!(
            m.interfaces.as_ref().map(Vec::len),
            w.interfaces,
            "{name}: interfaces"
        );
        assert_eq!(
            m.users.as_ref().map(|u| (u.len(), m.groups.len())),
            w.users,
            "{name}: users and groups"
        );
    }
}

/// The walker itself, on blocks whose contents are known by construction.
#[test]
fn walker_counts_hand_made_blocks() {
    fn block(ty: u32, body: &[u8]) -> Vec<u8> {
        let total = (8 + body.len() + 4 + 3) & !3;
        let mut b = Vec::new();
        b.extend_from_slice(&ty.to_le_bytes());
        b.extend_from_slice(&(total as u32).to_le_bytes());
        b.extend_from_slice(body);
        b.resize(total - 4, 0);
        b.extend_from_slice(&(total as u32).to_le_bytes());
        b
    }
    let mut shb = Vec::new();
    shb.extend_from_slice(&0x1A2B_3C4Du32.to_le_bytes());
    shb.extend_from_slice(&1u16.to_le_bytes());
    shb.extend_from_slice(&2u16.to_le_bytes());
    shb.extend_from_slice(&u64::MAX.to_le_bytes());
    let mut data = block(SHB, &shb);
    // A v1 user list: one user "root" (uid 0, gid 0, home /root, shell /bin/sh), one group.
    let mut ul = vec![0u8];
    ul.extend_from_slice(&[0; 8]);
    for s in [&b"root"[..], b"/root", b"/bin/sh"] {
        ul.extend_from_slice(&(s.len() as u16).to_le_bytes());
        ul.extend_from_slice(s);
    }
    ul.push(1);
    ul.extend_from_slice(&0u32.to_le_bytes());
    ul.extend_from_slice(&4u16.to_le_bytes());
    ul.extend_from_slice(b"root");
    data.extend(block(0x206, &ul));
    // A v1 interface list: lo (IPv4 with link speed) and lo (IPv6 without).
    let mut il = Vec::new();
    il.extend_from_slice(&1u16.to_le_bytes());
    il.extend_from_slice(&2u16.to_le_bytes());
    il.extend_from_slice(&[127, 0, 0, 1, 255, 0, 0, 0, 127, 255, 255, 255]);
    il.extend_from_slice(&0u64.to_le_bytes());
    il.extend_from_slice(b"lo");
    il.extend_from_slice(&4u16.to_le_bytes());
    il.extend_from_slice(&2u16.to_le_bytes());
    il.extend_from_slice(&[0; 48]);
    il.extend_from_slice(b"lo");
    data.extend(block(0x205, &il));
    // A v1 fd list of thread 7: fd 0 a file "/dev/null", fd 3 an IPv4 socket.
    let mut fdl = 7u64.to_le_bytes().to_vec();
    fdl.extend_from_slice(&[0; 16]);
    fdl.push(1);
    fdl.extend_from_slice(&9u16.to_le_bytes());
    fdl.extend_from_slice(b"/dev/null");
    fdl.extend_from_slice(&3u64.to_le_bytes());
    fdl.extend_from_slice(&[0; 8]);
    fdl.push(3);
    fdl.extend_from_slice(&[0; 13]);
    data.extend(block(0x203, &fdl));
    // A close exit event (code 7): res = 0.
    let mut ev = vec![1, 0];
    ev.extend_from_slice(&5u64.to_le_bytes());
    ev.extend_from_slice(&7u64.to_le_bytes());
    ev.extend_from_slice(&(26u32 + 2 + 8).to_le_bytes());
    ev.extend_from_slice(&7u16.to_le_bytes());
    ev.extend_from_slice(&1u32.to_le_bytes());
    ev.extend_from_slice(&8u16.to_le_bytes());
    ev.extend_from_slice(&0i64.to_le_bytes());
    data.extend(block(0x216, &ev));

    let w = walk(&data, "hand-made");
    assert_eq!(w.users, Some((1, 1)));
    assert_eq!(w.interfaces, Some(2));
    assert_eq!(w.fd_lists, vec![(7, 2)]);
    assert_eq!(w.events.len(), 1);
    assert_eq!((w.events[0].cpu, w.events[0].ts, w.events[0].ty), (1, 5, 7));

    let mut r = CaptureReader::from_reader(&data[..], "hand-made").unwrap();
    let m = r.metadata();
    assert_eq!(m.users.as_ref().map(Vec::len), Some(1));
    assert_eq!(m.groups.len(), 1);
    assert_eq!(m.interfaces.as_ref().map(Vec::len), Some(2));
    assert_eq!(m.fds[0].fds.len(), 2);
    assert_eq!(m.fds[0].fds[0].ty, 1);
    let ev = r.next_event().unwrap().unwrap();
    assert_eq!(
        (ev.num, ev.cpu, ev.ts(), ev.tid(), ev.ty()),
        (1, 1, 5, 7, 7)
    );
    assert_eq!(ev.param(0), Some(&[0u8; 8][..]));
    assert!(r.next_event().unwrap().is_none());
    let mut listed = BTreeMap::new();
    for (t, n) in &w.blocks {
        listed.insert(t.as_str(), *n);
    }
    assert_eq!(
        listed,
        BTreeMap::from([
            ("SHB", 1),
            ("UL v1", 1),
            ("IL v1", 1),
            ("FDL v1", 1),
            ("EV v2", 1)
        ])
    );
}
