//! A minimal HTTP/2 client (RFC 9113) for unary gRPC calls over a unix socket, enough for
//! the CRI runtimes (containerd, CRI-O): one connection per lookup, calls made one after the
//! other on streams 1, 3, 5, ..., every read and write under the lookup's deadline.
//!
//! Wire format:
//! * The client opens with the preface `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n` and a SETTINGS
//!   frame. Every frame is a 9-byte header — length (24 bits), type (8), flags (8), stream
//!   id (31 bits after a reserved bit), all big-endian — then the payload. Types used: DATA
//!   0 (flags END_STREAM 0x1, PADDED 0x8), HEADERS 1 (END_STREAM, END_HEADERS 0x4, PADDED,
//!   PRIORITY 0x20), RST_STREAM 3, SETTINGS 4 (ACK 0x1; 6-byte id/value pairs), PUSH_PROMISE
//!   5 (refused: we disable push), PING 6 (answered), GOAWAY 7, WINDOW_UPDATE 8,
//!   CONTINUATION 9. Others are ignored.
//! * Our SETTINGS: ENABLE_PUSH (2) = 0 and INITIAL_WINDOW_SIZE (4) large enough for the
//!   largest answer accepted, plus a connection WINDOW_UPDATE of the same size, so that the
//!   server never waits for us; the window is given back after each call.
//! * A gRPC call (gRPC over HTTP/2 protocol): HEADERS `:method POST`, `:scheme http`,
//!   `:path /<service>/<method>`, `:authority`, `content-type: application/grpc`, `te:
//!   trailers` (HPACK literals, see [`super::hpack`]), then DATA with END_STREAM carrying
//!   one length-prefixed message: a compressed flag byte (0), a 4-byte big-endian length,
//!   the protobuf bytes. The answer is HEADERS (`:status 200`), DATA (one length-prefixed
//!   message, possibly split over frames) and trailing HEADERS with `grpc-status` (0: OK)
//!   and `grpc-message` (percent-encoded) ending the stream; an error may come as a single
//!   "trailers-only" HEADERS frame.
//!
//! Request bodies are small (under 200 bytes), so the server's flow-control window and
//! frame size limit are never reached when sending.

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::{Duration, Instant};

use super::hpack::{self, Decoder};
use super::http::LookupError;

const PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

const DATA: u8 = 0;
const HEADERS: u8 = 1;
const RST_STREAM: u8 = 3;
const SETTINGS: u8 = 4;
const PUSH_PROMISE: u8 = 5;
const PING: u8 = 6;
const GOAWAY: u8 = 7;
const WINDOW_UPDATE: u8 = 8;
const CONTINUATION: u8 = 9;

const END_STREAM: u8 = 0x1;
const ACK: u8 = 0x1;
const END_HEADERS: u8 = 0x4;
const PADDED: u8 = 0x8;
const PRIORITY: u8 = 0x20;

/// Largest frame payload we accept (SETTINGS_MAX_FRAME_SIZE, left at its default).
const MAX_FRAME: usize = 16_384;

/// A frame: type, flags, stream id, payload.
#[derive(Debug)]
pub struct Frame {
    /// Frame type.
    pub kind: u8,
    /// Flags.
    pub flags: u8,
    /// Stream id.
    pub stream: u32,
    /// Payload.
    pub payload: Vec<u8>,
}

/// Append a frame.
pub fn put_frame(out: &mut Vec<u8>, kind: u8, flags: u8, stream: u32, payload: &[u8]) {
    let n = payload.len() as u32;
    out.extend_from_slice(&n.to_be_bytes()[1..]);
    out.push(kind);
    out.push(flags);
    out.extend_from_slice(&(stream & 0x7fff_ffff).to_be_bytes());
    out.extend_from_slice(payload);
}

/// Frames read from a unix socket under a deadline.
pub struct FrameReader {
    buf: Vec<u8>,
    start: usize,
}

impl FrameReader {
    /// An empty reader.
    pub fn new() -> FrameReader {
        FrameReader {
            buf: Vec::with_capacity(MAX_FRAME + 9),
            start: 0,
        }
    }

    /// The next frame, waiting until `deadline`; frames over `max` bytes are an error.
    pub fn read(
        &mut self,
        s: &mut UnixStream,
        deadline: Instant,
        max: usize,
    ) -> Result<Frame, LookupError> {
        loop {
            let have = &self.buf[self.start..];
            if have.len() >= 9 {
                let len = u32::from_be_bytes([0, have[0], have[1], have[2]]) as usize;
                if len > max {
                    if have.starts_with(b"HTTP/1.") {
                        return Err(LookupError::Malformed(
                            "an HTTP/1 answer: not a gRPC (HTTP/2) server",
                        ));
                    }
                    return Err(LookupError::Malformed("HTTP/2 frame larger than allowed"));
                }
                if have.len() >= 9 + len {
                    let f = Frame {
                        kind: have[3],
                        flags: have[4],
                        stream: u32::from_be_bytes([have[5], have[6], have[7], have[8]])
                            & 0x7fff_ffff,
                        payload: have[9..9 + len].to_vec(),
                    };
                    self.start += 9 + len;
                    return Ok(f);
                }
            }
            if self.start > 0 {
                self.buf.drain(..self.start);
                self.start = 0;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(LookupError::Timeout);
            }
            s.set_read_timeout(Some(left)).map_err(io_err)?;
            let mut chunk = [0u8; 8192];
            let n = match s.read(&mut chunk) {
                Ok(0) => {
                    return Err(LookupError::Io(
                        "connection closed by the runtime in the middle of an answer".into(),
                    ))
                }
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(io_err(e)),
            };
            self.buf.extend_from_slice(&chunk[..n]);
        }
    }
}

impl Default for FrameReader {
    fn default() -> FrameReader {
        FrameReader::new()
    }
}

fn io_err(e: std::io::Error) -> LookupError {
    match e.kind() {
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => LookupError::Timeout,
        _ => LookupError::Io(e.to_string()),
    }
}

/// The payload of a HEADERS or DATA frame without its padding and priority fields.
fn unpad(f: &Frame) -> Result<&[u8], LookupError> {
    let mut p = &f.payload[..];
    let mut pad = 0;
    if f.flags & PADDED != 0 {
        pad = usize::from(
            *p.first()
                .ok_or(LookupError::Malformed("HTTP/2: bad padding"))?,
        );
        p = &p[1..];
    }
    if f.kind == HEADERS && f.flags & PRIORITY != 0 {
        p = p
            .get(5..)
            .ok_or(LookupError::Malformed("HTTP/2: truncated priority"))?;
    }
    if pad > p.len() {
        return Err(LookupError::Malformed("HTTP/2: padding beyond the frame"));
    }
    Ok(&p[..p.len() - pad])
}

/// Decode the percent-encoding of `grpc-message`.
fn percent_decode(v: &[u8]) -> String {
    let mut out = Vec::with_capacity(v.len());
    let mut i = 0;
    while i < v.len() {
        if v[i] == b'%' && i + 3 <= v.len() && v[i + 1..i + 3].iter().all(u8::is_ascii_hexdigit) {
            let hex = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
            out.push(hex(v[i + 1]) << 4 | hex(v[i + 2]));
            i += 3;
            continue;
        }
        out.push(v[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// One HTTP/2 connection to a gRPC server.
pub struct Channel {
    s: UnixStream,
    deadline: Instant,
    max_answer: usize,
    next_stream: u32,
    hpack: Decoder,
    frames: FrameReader,
}

impl Channel {
    /// Connect to `sock`; every later call must finish within `timeout` of now, and each
    /// answer fit in `max_answer` bytes.
    pub fn connect(
        sock: &Path,
        timeout: Duration,
        max_answer: usize,
    ) -> Result<Channel, LookupError> {
        let deadline = Instant::now() + timeout;
        let mut s = UnixStream::connect(sock).map_err(io_err)?;
        s.set_write_timeout(Some(timeout)).map_err(io_err)?;
        let window = max_answer.saturating_add(1024).clamp(65_535, 0x7fff_ffff) as u32;
        let mut out = PREFACE.to_vec();
        let mut settings = Vec::new();
        settings.extend_from_slice(&2u16.to_be_bytes());
        settings.extend_from_slice(&0u32.to_be_bytes());
        settings.extend_from_slice(&4u16.to_be_bytes());
        settings.extend_from_slice(&window.to_be_bytes());
        put_frame(&mut out, SETTINGS, 0, 0, &settings);
        if window > 65_535 {
            put_frame(
                &mut out,
                WINDOW_UPDATE,
                0,
                0,
                &(window - 65_535).to_be_bytes(),
            );
        }
        s.write_all(&out).map_err(io_err)?;
        Ok(Channel {
            s,
            deadline,
            max_answer,
            next_stream: 1,
            hpack: Decoder::new(hpack::DEFAULT_TABLE_SIZE),
            frames: FrameReader::new(),
        })
    }

    fn send(&mut self, b: &[u8]) -> Result<(), LookupError> {
        if Instant::now() >= self.deadline {
            return Err(LookupError::Timeout);
        }
        self.s.write_all(b).map_err(io_err)
    }

    /// Call `path` (`/package.Service/Method`) with the protobuf message `req`; the answer's
    /// message bytes.
    pub fn call(&mut self, path: &str, req: &[u8]) -> Result<Vec<u8>, LookupError> {
        let id = self.next_stream;
        self.next_stream += 2;
        let mut block = vec![0x83, 0x86]; // :method POST, :scheme http (static table)
        hpack::put_literal(&mut block, ":path", path);
        hpack::put_literal(&mut block, ":authority", "localhost");
        hpack::put_literal(&mut block, "content-type", "application/grpc");
        hpack::put_literal(&mut block, "te", "trailers");
        let mut out = Vec::with_capacity(block.len() + req.len() + 32);
        put_frame(&mut out, HEADERS, END_HEADERS, id, &block);
        let mut msg = Vec::with_capacity(req.len() + 5);
        msg.push(0);
        msg.extend_from_slice(&(req.len() as u32).to_be_bytes());
        msg.extend_from_slice(req);
        put_frame(&mut out, DATA, END_STREAM, id, &msg);
        self.send(&out)?;

        let mut body = Vec::new();
        let mut consumed = 0usize;
        let mut head: Option<Vec<u8>> = None; // a header block awaiting CONTINUATION
        let mut head_stream = 0;
        let mut head_ends = false;
        let mut got_headers = false;
        let mut grpc: Option<(u32, String)> = None;
        loop {
            let f = self.frames.read(&mut self.s, self.deadline, MAX_FRAME)?;
            if head.is_some() && (f.kind != CONTINUATION || f.stream != head_stream) {
                return Err(LookupError::Malformed(
                    "HTTP/2: header block interrupted before END_HEADERS",
                ));
            }
            match f.kind {
                DATA => {
                    consumed += f.payload.len();
                    if f.stream != id {
                        continue;
                    }
                    if !got_headers {
                        return Err(LookupError::Malformed("HTTP/2: DATA before HEADERS"));
                    }
                    let p = unpad(&f)?;
                    if body.len() + p.len() > self.max_answer {
                        return Err(LookupError::TooLarge(self.max_answer));
                    }
                    body.extend_from_slice(p);
                    if f.flags & END_STREAM != 0 {
                        break;
                    }
                }
                HEADERS | CONTINUATION => {
                    let part = if f.kind == HEADERS {
                        head_stream = f.stream;
                        head_ends = f.flags & END_STREAM != 0;
                        unpad(&f)?.to_vec()
                    } else {
                        let mut h = head.take().ok_or(LookupError::Malformed(
                            "HTTP/2: CONTINUATION without HEADERS",
                        ))?;
                        h.extend_from_slice(&f.payload);
                        h
                    };
                    if part.len() > hpack::MAX_HEADER_LIST {
                        return Err(LookupError::Malformed("HTTP/2: header block too large"));
                    }
                    if f.flags & END_HEADERS == 0 {
                        head = Some(part);
                        continue;
                    }
                    // Decoded whatever the stream, to keep the HPACK table in step.
                    let fields = self.hpack.decode(&part).map_err(LookupError::Malformed)?;
                    if head_stream != id {
                        continue;
                    }
                    for (n, v) in &fields {
                        match n.as_slice() {
                            b":status" if !got_headers => {
                                let code = std::str::from_utf8(v)
                                    .ok()
                                    .and_then(|c| c.parse::<u16>().ok())
                                    .ok_or(LookupError::Malformed("HTTP/2: bad :status"))?;
                                if code != 200 {
                                    return Err(LookupError::Status(code));
                                }
                            }
                            b"grpc-status" => {
                                let code = std::str::from_utf8(v)
                                    .ok()
                                    .and_then(|c| c.parse::<u32>().ok())
                                    .ok_or(LookupError::Malformed("gRPC: bad grpc-status"))?;
                                grpc.get_or_insert((0, String::new())).0 = code;
                            }
                            b"grpc-message" => {
                                grpc.get_or_insert((0, String::new())).1 = percent_decode(v);
                            }
                            _ => {}
                        }
                    }
                    if !got_headers && !fields.iter().any(|(n, _)| n == b":status") {
                        return Err(LookupError::Malformed("HTTP/2: answer without :status"));
                    }
                    got_headers = true;
                    if head_ends {
                        break;
                    }
                }
                RST_STREAM if f.stream == id => {
                    let code = f
                        .payload
                        .get(..4)
                        .map_or(0, |c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]));
                    return Err(LookupError::Io(format!(
                        "HTTP/2 stream reset by the runtime (error code {code})"
                    )));
                }
                SETTINGS if f.flags & ACK == 0 => {
                    if f.payload.len() % 6 != 0 {
                        return Err(LookupError::Malformed("HTTP/2: bad SETTINGS length"));
                    }
                    let mut ack = Vec::with_capacity(9);
                    put_frame(&mut ack, SETTINGS, ACK, 0, &[]);
                    self.send(&ack)?;
                }
                PING if f.flags & ACK == 0 => {
                    let mut pong = Vec::with_capacity(17);
                    put_frame(&mut pong, PING, ACK, 0, &f.payload);
                    self.send(&pong)?;
                }
                GOAWAY => {
                    let last = f.payload.get(..4).map_or(0, |c| {
                        u32::from_be_bytes([c[0], c[1], c[2], c[3]]) & 0x7fff_ffff
                    });
                    if last < id {
                        let code = f
                            .payload
                            .get(4..8)
                            .map_or(0, |c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]));
                        let debug = f.payload.get(8..).unwrap_or(&[]);
                        return Err(LookupError::Io(format!(
                            "HTTP/2 connection closed by the runtime (GOAWAY, error code \
                             {code}{}{})",
                            if debug.is_empty() { "" } else { ": " },
                            String::from_utf8_lossy(debug)
                        )));
                    }
                }
                PUSH_PROMISE => {
                    return Err(LookupError::Malformed(
                        "HTTP/2: PUSH_PROMISE though disabled",
                    ))
                }
                _ => {}
            }
        }
        if consumed > 0 {
            let mut wu = Vec::with_capacity(13);
            put_frame(
                &mut wu,
                WINDOW_UPDATE,
                0,
                0,
                &(consumed as u32).to_be_bytes(),
            );
            // The answer is complete: a failure to give the window back shows on the next
            // call.
            let _ = self.send(&wu);
        }
        match grpc {
            None => return Err(LookupError::Malformed("gRPC: answer without grpc-status")),
            Some((0, _)) => {}
            Some((code, message)) => return Err(LookupError::Grpc(code, message)),
        }
        if body.len() < 5 {
            return Err(LookupError::Malformed("gRPC: answer without a message"));
        }
        if body[0] != 0 {
            return Err(LookupError::Malformed(
                "gRPC: compressed message (not asked for)",
            ));
        }
        let len = u32::from_be_bytes([body[1], body[2], body[3], body[4]]) as usize;
        if body.len() != 5 + len {
            return Err(LookupError::Malformed(
                "gRPC: message length does not match the DATA received",
            ));
        }
        body.drain(..5);
        Ok(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grpc_message_percent_decoding() {
        assert_eq!(
            percent_decode(b"container %2212%22 not found: %E2%9C%93"),
            "container \"12\" not found: \u{2713}"
        );
        assert_eq!(percent_decode(b"100%"), "100%");
        assert_eq!(percent_decode(b"%zz%4"), "%zz%4");
    }

    #[test]
    fn frame_layout() {
        let mut b = Vec::new();
        put_frame(&mut b, PING, ACK, 0, &[1, 2, 3, 4, 5, 6, 7, 8]);
        assert_eq!(&b[..9], &[0, 0, 8, 6, 1, 0, 0, 0, 0]);
        let f = Frame {
            kind: HEADERS,
            flags: PADDED | PRIORITY,
            stream: 1,
            payload: vec![2, 0, 0, 0, 3, 16, 0x88, 0, 0],
        };
        assert_eq!(unpad(&f).unwrap(), &[0x88]);
        let bad = Frame {
            kind: DATA,
            flags: PADDED,
            stream: 1,
            payload: vec![9, 1],
        };
        assert!(unpad(&bad).is_err());
    }
}
