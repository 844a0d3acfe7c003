//! Values extracted from events by fields, as the filter language compares them.

/// One extracted value. Strings and buffers borrow from the event, the state or a scratch
/// buffer owned by the caller; nothing is allocated per extraction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value<'a> {
    /// Signed integer (INT*, ERRNO, FD, PID).
    Int(i64),
    /// Unsigned integer (UINT*, FLAGS*, MODE, UID, GID, PORT, RELTIME, ABSTIME, ...).
    Uint(u64),
    /// Floating point.
    Double(f64),
    /// Boolean.
    Bool(bool),
    /// Text (CHARBUF, FSPATH, FSRELPATH), without a trailing NUL.
    Str(&'a [u8]),
    /// Raw bytes (BYTEBUF).
    Bytes(&'a [u8]),
    /// IPv4 address, network order.
    Ipv4([u8; 4]),
    /// IPv6 address.
    Ipv6([u8; 16]),
    /// IPv4 network (address, prefix length).
    Ipv4Net([u8; 4], u8),
    /// IPv6 network (address, prefix length).
    Ipv6Net([u8; 16], u8),
}

impl Value<'_> {
    /// The value as text, the way outputs print it, appended to `out`.
    pub fn write_text(&self, out: &mut Vec<u8>) {
        match *self {
            Value::Int(v) => out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes()),
            Value::Uint(v) => out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes()),
            // One decimal, as libsinsp prints PT_DOUBLE values ("%.1lf").
            Value::Double(v) => out.extend_from_slice(format!("{v:.1}").as_bytes()),
            Value::Bool(v) => out.extend_from_slice(if v { b"true" } else { b"false" }),
            Value::Str(s) | Value::Bytes(s) => out.extend_from_slice(s),
            Value::Ipv4(a) => write_ipv4(a, out),
            Value::Ipv6(a) => {
                out.extend_from_slice(std::net::Ipv6Addr::from(a).to_string().as_bytes())
            }
            Value::Ipv4Net(a, len) => {
                write_ipv4(a, out);
                out.push(b'/');
                out.extend_from_slice(itoa::Buffer::new().format(len).as_bytes());
            }
            Value::Ipv6Net(a, len) => {
                out.extend_from_slice(std::net::Ipv6Addr::from(a).to_string().as_bytes());
                out.push(b'/');
                out.extend_from_slice(itoa::Buffer::new().format(len).as_bytes());
            }
        }
    }
}

/// Append dotted-quad text of an IPv4 address.
pub fn write_ipv4(a: [u8; 4], out: &mut Vec<u8>) {
    let mut b = itoa::Buffer::new();
    for (i, octet) in a.iter().enumerate() {
        if i > 0 {
            out.push(b'.');
        }
        out.extend_from_slice(b.format(*octet).as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::Value;

    fn text(v: Value<'_>) -> String {
        let mut out = Vec::new();
        v.write_text(&mut out);
        String::from_utf8(out).unwrap()
    }

    /// Doubles print with one decimal, rounded, as C's "%.1lf" (libsinsp's PT_DOUBLE).
    #[test]
    fn doubles_have_one_decimal() {
        assert_eq!(text(Value::Double(0.0)), "0.0");
        assert_eq!(text(Value::Double(100.0)), "100.0");
        // 7 fds of 9: 77.777... %
        assert_eq!(text(Value::Double(700.0 / 9.0)), "77.8");
        assert_eq!(text(Value::Double(0.78125)), "0.8");
        assert_eq!(text(Value::Double(0.04)), "0.0");
    }
}
