//! Protocol Buffers, the few wire forms the CRI messages use: a writer for requests and a
//! field iterator for answers.
//!
//! Wire format: a message is a sequence of fields, each a key varint `field_number << 3 |
//! wire_type` and a value: wire type 0 a varint (LEB128, at most 10 bytes: int32/int64/
//! uint32/bool/enum), 1 eight little-endian bytes, 2 a varint length and that many bytes
//! (string, bytes, embedded message, packed repeated), 5 four little-endian bytes. A
//! `map<string, string>` is a repeated embedded message of `key = 1`, `value = 2`. Unknown
//! fields are skipped; groups (wire types 3, 4) are not used by proto3 and are an error.

/// A field's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    /// Wire type 0.
    Varint(u64),
    /// Wire type 1 or 5 (fixed width; not used by the messages we read).
    Fixed(u64),
    /// Wire type 2.
    Bytes(&'a [u8]),
}

impl<'a> Value<'a> {
    /// The text of a string field (lossy for invalid UTF-8).
    pub fn str(self) -> String {
        match self {
            Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
            _ => String::new(),
        }
    }

    /// The value of a varint field.
    pub fn int(self) -> u64 {
        match self {
            Value::Varint(v) | Value::Fixed(v) => v,
            Value::Bytes(_) => 0,
        }
    }

    /// The bytes of an embedded message.
    pub fn msg(self) -> &'a [u8] {
        match self {
            Value::Bytes(b) => b,
            _ => &[],
        }
    }
}

fn varint(b: &[u8], pos: &mut usize) -> Result<u64, &'static str> {
    let mut v = 0u64;
    for i in 0..10 {
        let c = *b.get(*pos).ok_or("protobuf: truncated varint")?;
        *pos += 1;
        v |= u64::from(c & 0x7f) << (7 * i);
        if c & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err("protobuf: varint longer than 10 bytes")
}

/// The fields of message `b`, in order: (field number, value). Stops at the first error.
pub fn fields(b: &[u8]) -> Fields<'_> {
    Fields { b, pos: 0 }
}

/// Iterator of [`fields`].
pub struct Fields<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Iterator for Fields<'a> {
    type Item = Result<(u32, Value<'a>), &'static str>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.b.len() {
            return None;
        }
        let r = self.field();
        if r.is_err() {
            self.pos = self.b.len();
        }
        Some(r)
    }
}

impl<'a> Fields<'a> {
    fn field(&mut self) -> Result<(u32, Value<'a>), &'static str> {
        let key = varint(self.b, &mut self.pos)?;
        let num = u32::try_from(key >> 3).map_err(|_| "protobuf: bad field number")?;
        if num == 0 {
            return Err("protobuf: field number 0");
        }
        let fixed = |n: usize, pos: &mut usize| -> Result<Value<'a>, &'static str> {
            let end = pos
                .checked_add(n)
                .filter(|&e| e <= self.b.len())
                .ok_or("protobuf: truncated fixed field")?;
            let mut v = [0u8; 8];
            v[..n].copy_from_slice(&self.b[*pos..end]);
            *pos = end;
            Ok(Value::Fixed(u64::from_le_bytes(v)))
        };
        let v = match key & 7 {
            0 => Value::Varint(varint(self.b, &mut self.pos)?),
            1 => fixed(8, &mut self.pos)?,
            5 => fixed(4, &mut self.pos)?,
            2 => {
                let len = varint(self.b, &mut self.pos)?;
                let end = usize::try_from(len)
                    .ok()
                    .and_then(|l| self.pos.checked_add(l))
                    .filter(|&e| e <= self.b.len())
                    .ok_or("protobuf: length beyond the message")?;
                let v = Value::Bytes(&self.b[self.pos..end]);
                self.pos = end;
                v
            }
            _ => return Err("protobuf: unsupported wire type"),
        };
        Ok((num, v))
    }
}

/// A `map<string, string>` entry.
pub fn map_entry(b: &[u8]) -> Result<(String, String), &'static str> {
    let (mut k, mut v) = (String::new(), String::new());
    for f in fields(b) {
        match f? {
            (1, x) => k = x.str(),
            (2, x) => v = x.str(),
            _ => {}
        }
    }
    Ok((k, v))
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Append a varint field (int, bool, enum); zero values are omitted as proto3 does.
pub fn put_uint(out: &mut Vec<u8>, field: u32, v: u64) {
    if v != 0 {
        put_varint(out, u64::from(field) << 3);
        put_varint(out, v);
    }
}

/// Append a length-delimited field (string, bytes, message), even when empty.
pub fn put_bytes(out: &mut Vec<u8>, field: u32, b: &[u8]) {
    put_varint(out, u64::from(field) << 3 | 2);
    put_varint(out, b.len() as u64);
    out.extend_from_slice(b);
}

/// Append a string field; empty strings are omitted as proto3 does.
pub fn put_str(out: &mut Vec<u8>, field: u32, s: &str) {
    if !s.is_empty() {
        put_bytes(out, field, s.as_bytes());
    }
}

/// Append a `map<string, string>` field.
pub fn put_map(out: &mut Vec<u8>, field: u32, pairs: &[(&str, &str)]) {
    for (k, v) in pairs {
        let mut e = Vec::new();
        put_str(&mut e, 1, k);
        put_str(&mut e, 2, v);
        put_bytes(out, field, &e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_of_the_protobuf_guide() {
        // "Encoding" guide: field 1 = 150 is 08 96 01; field 2 = "testing" is
        // 12 07 74 65 73 74 69 6e 67.
        let mut b = Vec::new();
        put_uint(&mut b, 1, 150);
        put_str(&mut b, 2, "testing");
        assert_eq!(
            b,
            [0x08, 0x96, 0x01, 0x12, 0x07, b't', b'e', b's', b't', b'i', b'n', b'g']
        );
        let f: Vec<_> = fields(&b).collect::<Result<_, _>>().unwrap();
        assert_eq!(f, [(1, Value::Varint(150)), (2, Value::Bytes(b"testing"))]);
        // Fixed-width fields are skipped over correctly, and a map entry read.
        let mut m = vec![0x19, 1, 2, 3, 4, 5, 6, 7, 8, 0x25, 9, 9, 9, 9];
        put_map(&mut m, 4, &[("k", "v")]);
        let f: Vec<_> = fields(&m).collect::<Result<_, _>>().unwrap();
        assert_eq!(f[0], (3, Value::Fixed(0x0807060504030201)));
        assert_eq!(f[1], (4, Value::Fixed(0x09090909)));
        assert_eq!(map_entry(f[2].1.msg()).unwrap(), ("k".into(), "v".into()));
    }

    #[test]
    fn bad_messages_are_errors() {
        for (why, b) in [
            ("truncated varint", &[0x08, 0x96][..]),
            ("length beyond", &[0x12, 0x07, b't']),
            ("group", &[0x0b]),
            ("field 0", &[0x00, 0x01]),
            (
                "long varint",
                &[
                    0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
                ],
            ),
            ("truncated fixed", &[0x09, 1, 2]),
        ] {
            assert!(fields(b).any(|f| f.is_err()), "{why}");
        }
    }
}
