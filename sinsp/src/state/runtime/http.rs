//! A minimal HTTP/1.1 client over a unix socket: one `GET` per connection, for the Docker
//! Engine API and Podman's compatible API.
//!
//! Wire format (RFC 9112): the request is `GET <path> HTTP/1.1`, `Host: localhost`,
//! `Connection: close`; the answer is a status line `HTTP/1.x <code> <reason>`, header lines
//! ending with CRLF, an empty line, then a body delimited by `Content-Length`, by
//! `Transfer-Encoding: chunked` (hex size line, data, CRLF, ..., a zero-size chunk), or by
//! the end of the connection. Every read and write has a deadline and the whole answer a size
//! limit; any failure is an error value, never a panic.

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::{Duration, Instant};

/// Why a lookup failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupError {
    /// Connecting, reading or writing failed (the socket is absent, refused, ...).
    Io(String),
    /// No complete answer within the deadline.
    Timeout,
    /// The answer is larger than the limit.
    TooLarge(usize),
    /// The answer is not HTTP as expected.
    Malformed(&'static str),
    /// The server answered with this status (404: no such container).
    Status(u16),
    /// The body is not the JSON expected.
    Json(String),
    /// A gRPC call failed with this status code and message (5: not found).
    Grpc(u32, String),
    /// A protobuf answer could not be decoded.
    Protobuf(&'static str),
}

impl std::fmt::Display for LookupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LookupError::Io(e) => write!(f, "i/o error: {e}"),
            LookupError::Timeout => write!(f, "timed out"),
            LookupError::TooLarge(n) => write!(f, "answer larger than {n} bytes"),
            LookupError::Malformed(w) => write!(f, "malformed HTTP answer: {w}"),
            LookupError::Status(s) => write!(f, "HTTP status {s}"),
            LookupError::Json(e) => write!(f, "unexpected JSON: {e}"),
            LookupError::Grpc(c, m) => write!(f, "gRPC status {c}: {m}"),
            LookupError::Protobuf(e) => write!(f, "bad protobuf answer: {e}"),
        }
    }
}

impl std::error::Error for LookupError {}

fn io_err(e: std::io::Error) -> LookupError {
    match e.kind() {
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => LookupError::Timeout,
        _ => LookupError::Io(e.to_string()),
    }
}

/// `GET path` on the unix socket `sock`; the body of a 2xx answer. The whole exchange must
/// finish within `timeout` and the answer (headers and body) fit in `max_bytes`.
pub fn get(
    sock: &Path,
    path: &str,
    timeout: Duration,
    max_bytes: usize,
) -> Result<Vec<u8>, LookupError> {
    let deadline = Instant::now() + timeout;
    let mut s = UnixStream::connect(sock).map_err(io_err)?;
    s.set_write_timeout(Some(timeout)).map_err(io_err)?;
    let req = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).map_err(io_err)?;
    let raw = read_all(&mut s, deadline, max_bytes)?;
    parse_response(&raw)
}

/// Read until the peer closes the connection, the deadline passes or `max` bytes came.
fn read_all(s: &mut UnixStream, deadline: Instant, max: usize) -> Result<Vec<u8>, LookupError> {
    let mut out = Vec::with_capacity(8192);
    let mut buf = [0u8; 8192];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(LookupError::Timeout);
        }
        s.set_read_timeout(Some(left)).map_err(io_err)?;
        let n = match s.read(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io_err(e)),
        };
        if n == 0 {
            return Ok(out);
        }
        if out.len() + n > max {
            return Err(LookupError::TooLarge(max));
        }
        out.extend_from_slice(&buf[..n]);
        // A complete Content-Length answer need not wait for the close.
        if let Some(done) = complete_len(&out) {
            out.truncate(done);
            return Ok(out);
        }
    }
}

/// The length of a complete answer with a `Content-Length` header, once all of it is here.
fn complete_len(raw: &[u8]) -> Option<usize> {
    let end = memchr::memmem::find(raw, b"\r\n\r\n")? + 4;
    let len = headers(&raw[..end])
        .find(|(k, _)| k.eq_ignore_ascii_case(b"content-length"))
        .and_then(|(_, v)| std::str::from_utf8(v).ok()?.trim().parse::<usize>().ok())?;
    (raw.len() >= end.checked_add(len)?).then_some(end + len)
}

/// The header lines of a head (status line excluded) as (name, value) pairs.
fn headers(head: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    head.split(|&b| b == b'\n').skip(1).filter_map(|l| {
        let l = l.strip_suffix(b"\r").unwrap_or(l);
        let i = memchr::memchr(b':', l)?;
        Some((&l[..i], l[i + 1..].trim_ascii()))
    })
}

/// The body of a complete raw answer, or why it is not a 2xx answer.
pub(crate) fn parse_response(raw: &[u8]) -> Result<Vec<u8>, LookupError> {
    let end =
        memchr::memmem::find(raw, b"\r\n\r\n").ok_or(LookupError::Malformed("no header end"))?;
    let head = &raw[..end + 2];
    let body = &raw[end + 4..];
    let status_line = head.split(|&b| b == b'\n').next().unwrap_or(b"");
    let mut parts = status_line.split(|&b| b == b' ');
    if !parts.next().is_some_and(|v| v.starts_with(b"HTTP/1.")) {
        return Err(LookupError::Malformed("no HTTP/1.x status line"));
    }
    let status = parts
        .next()
        .and_then(|c| std::str::from_utf8(c).ok()?.parse::<u16>().ok())
        .ok_or(LookupError::Malformed("bad status code"))?;
    let chunked = headers(head).any(|(k, v)| {
        k.eq_ignore_ascii_case(b"transfer-encoding")
            && v.split(|&b| b == b',')
                .any(|t| t.trim_ascii().eq_ignore_ascii_case(b"chunked"))
    });
    let len = headers(head)
        .find(|(k, _)| k.eq_ignore_ascii_case(b"content-length"))
        .map(|(_, v)| {
            std::str::from_utf8(v)
                .ok()
                .and_then(|v| v.trim().parse::<usize>().ok())
                .ok_or(LookupError::Malformed("bad Content-Length"))
        })
        .transpose()?;
    if !(200..300).contains(&status) {
        return Err(LookupError::Status(status));
    }
    if chunked {
        return dechunk(body);
    }
    match len {
        Some(n) if body.len() < n => {
            Err(LookupError::Malformed("body shorter than Content-Length"))
        }
        Some(n) => Ok(body[..n].to_vec()),
        None => Ok(body.to_vec()),
    }
}

/// Decode a chunked body.
fn dechunk(mut b: &[u8]) -> Result<Vec<u8>, LookupError> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let nl = memchr::memmem::find(b, b"\r\n")
            .ok_or(LookupError::Malformed("truncated chunk size"))?;
        let line = &b[..nl];
        let hex = match memchr::memchr(b';', line) {
            Some(i) => &line[..i],
            None => line,
        };
        let size = std::str::from_utf8(hex)
            .ok()
            .and_then(|h| usize::from_str_radix(h.trim(), 16).ok())
            .ok_or(LookupError::Malformed("bad chunk size"))?;
        b = &b[nl + 2..];
        if size == 0 {
            return Ok(out);
        }
        if b.len() < size.saturating_add(2) {
            return Err(LookupError::Malformed("truncated chunk"));
        }
        out.extend_from_slice(&b[..size]);
        b = &b[size + 2..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_length_and_chunked() {
        let r =
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4\r\n\r\n{}xyz";
        assert_eq!(parse_response(r).unwrap(), b"{}xy");
        let r = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n4;ext=1\r\n\":1}\r\n0\r\n\r\n";
        assert_eq!(parse_response(r).unwrap(), b"{\"a\":1}");
        let r = b"HTTP/1.0 200 OK\r\n\r\n[1]";
        assert_eq!(parse_response(r).unwrap(), b"[1]");
        assert_eq!(
            complete_len(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{"),
            None
        );
        assert_eq!(
            complete_len(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}"),
            Some(40)
        );
    }

    #[test]
    fn bad_answers_are_errors() {
        let r = b"HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}";
        assert_eq!(parse_response(r), Err(LookupError::Status(404)));
        assert!(matches!(
            parse_response(b"garbage"),
            Err(LookupError::Malformed(_))
        ));
        assert!(matches!(
            parse_response(b"SSH-2.0\r\n\r\n"),
            Err(LookupError::Malformed(_))
        ));
        assert!(matches!(
            parse_response(b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n{}"),
            Err(LookupError::Malformed(_))
        ));
        assert!(matches!(
            parse_response(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
            Err(LookupError::Malformed(_))
        ));
        assert!(matches!(
            parse_response(
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\nab"
            ),
            Err(LookupError::Malformed(_))
        ));
    }
}
