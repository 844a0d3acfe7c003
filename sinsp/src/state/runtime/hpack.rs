//! HPACK (RFC 7541), the header compression of HTTP/2: a decoder for the header blocks a
//! gRPC server sends, and the plain encoding of the few request headers we send.
//!
//! Wire format of a header block, one representation after another:
//!
//! ```text
//! 1xxxxxxx                    indexed field: index (7-bit prefix integer)
//! 01xxxxxx [name] value       literal, added to the dynamic table: name index (6-bit
//!                             prefix; 0: a name string follows), value string
//! 001xxxxx                    dynamic table size update (5-bit prefix integer)
//! 0000xxxx [name] value       literal not added (4-bit prefix name index)
//! 0001xxxx [name] value       literal never indexed (same layout)
//! ```
//!
//! A prefix integer fills the low N bits of the first byte; when they are all ones, 7-bit
//! groups follow, least significant first, the high bit marking "more". A string is a
//! Huffman flag (bit 7) and a 7-bit prefix length, then that many bytes, Huffman-coded
//! (Appendix B's canonical code) when flagged. Indices 1..=61 name the static table
//! (Appendix A), higher ones the dynamic table, newest first; each dynamic entry costs its
//! name and value lengths plus 32 bytes, and the oldest are evicted to keep the total
//! within the size the encoder last set (at most what our SETTINGS allow, 4096 by default).
//!
//! Every length and index is checked: a bad block is an error value, never a panic, and a
//! block decodes to at most [`MAX_HEADER_LIST`] bytes.

use std::collections::VecDeque;

/// Largest decoded header list accepted (names, values and 32 bytes per field).
pub const MAX_HEADER_LIST: usize = 64 << 10;

/// Default dynamic table size (SETTINGS_HEADER_TABLE_SIZE's initial value).
pub const DEFAULT_TABLE_SIZE: usize = 4096;

/// RFC 7541 Appendix A.
const STATIC: [(&str, &str); 61] = [
    (":authority", ""),
    (":method", "GET"),
    (":method", "POST"),
    (":path", "/"),
    (":path", "/index.html"),
    (":scheme", "http"),
    (":scheme", "https"),
    (":status", "200"),
    (":status", "204"),
    (":status", "206"),
    (":status", "304"),
    (":status", "400"),
    (":status", "404"),
    (":status", "500"),
    ("accept-charset", ""),
    ("accept-encoding", "gzip, deflate"),
    ("accept-language", ""),
    ("accept-ranges", ""),
    ("accept", ""),
    ("access-control-allow-origin", ""),
    ("age", ""),
    ("allow", ""),
    ("authorization", ""),
    ("cache-control", ""),
    ("content-disposition", ""),
    ("content-encoding", ""),
    ("content-language", ""),
    ("content-length", ""),
    ("content-location", ""),
    ("content-range", ""),
    ("content-type", ""),
    ("cookie", ""),
    ("date", ""),
    ("etag", ""),
    ("expect", ""),
    ("expires", ""),
    ("from", ""),
    ("host", ""),
    ("if-match", ""),
    ("if-modified-since", ""),
    ("if-none-match", ""),
    ("if-range", ""),
    ("if-unmodified-since", ""),
    ("last-modified", ""),
    ("link", ""),
    ("location", ""),
    ("max-forwards", ""),
    ("proxy-authenticate", ""),
    ("proxy-authorization", ""),
    ("range", ""),
    ("referer", ""),
    ("refresh", ""),
    ("retry-after", ""),
    ("server", ""),
    ("set-cookie", ""),
    ("strict-transport-security", ""),
    ("transfer-encoding", ""),
    ("user-agent", ""),
    ("vary", ""),
    ("via", ""),
    ("www-authenticate", ""),
];

/// Code length in bits of each symbol of the Huffman code (Appendix B; 256 is EOS). The
/// code is canonical: codes are assigned in order of (length, symbol), so the lengths
/// determine it ([`Huffman`] rebuilds it; the tests check it against the RFC's examples).
const CODE_LEN: [u8; 257] = [
    13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28, // 0x00
    28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28, // 0x10
    6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6, // ' ' ..
    5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10, // '0' ..
    13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, // '@' ..
    7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6, // 'P' ..
    15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5, // '`' ..
    6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28, // 'p' ..
    20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23, // 0x80
    24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24, // 0x90
    22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23, // 0xa0
    21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23, // 0xb0
    26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25, // 0xc0
    19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27, // 0xd0
    20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23, // 0xe0
    26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26, // 0xf0
    30, // EOS
];

const MAX_LEN: usize = 30;

/// The canonical decoding tables: for each code length, the first code of that length, how
/// many codes have it, and where its symbols start in `syms` (sorted by length, symbol).
struct Huffman {
    first: [u32; MAX_LEN + 1],
    count: [u32; MAX_LEN + 1],
    offset: [u16; MAX_LEN + 1],
    syms: [u16; 257],
}

const fn build_huffman() -> Huffman {
    let mut h = Huffman {
        first: [0; MAX_LEN + 1],
        count: [0; MAX_LEN + 1],
        offset: [0; MAX_LEN + 1],
        syms: [0; 257],
    };
    let mut i = 0;
    while i < 257 {
        h.count[CODE_LEN[i] as usize] += 1;
        i += 1;
    }
    let mut len = 1;
    let mut code = 0u32;
    let mut off = 0u16;
    while len <= MAX_LEN {
        code = (code + if len > 1 { h.count[len - 1] } else { 0 }) << 1;
        if len == 1 {
            code = 0;
        }
        h.first[len] = code;
        h.offset[len] = off;
        off += h.count[len] as u16;
        len += 1;
    }
    // Symbols by (length, symbol).
    let mut next = h.offset;
    let mut s = 0;
    while s < 257 {
        let l = CODE_LEN[s] as usize;
        h.syms[next[l] as usize] = s as u16;
        next[l] += 1;
        s += 1;
    }
    h
}

static HUFFMAN: Huffman = build_huffman();

/// The code of symbol `sym` and its length (for tests and the test servers' encoder).
pub fn huffman_code(sym: u16) -> (u32, u8) {
    let l = CODE_LEN[sym as usize];
    let h = &HUFFMAN;
    let start = h.offset[l as usize] as usize;
    let end = start + h.count[l as usize] as usize;
    let rank = h.syms[start..end]
        .iter()
        .position(|&s| s == sym)
        .unwrap_or(0) as u32;
    (h.first[l as usize] + rank, l)
}

/// Huffman-encode `s` (for tests and the test servers).
pub fn huffman_encode(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut acc: u64 = 0;
    let mut bits = 0u32;
    for &c in s {
        let (code, len) = huffman_code(u16::from(c));
        acc = (acc << len) | u64::from(code);
        bits += u32::from(len);
        while bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    if bits > 0 {
        // Pad with the most significant bits of EOS (ones).
        out.push(((acc << (8 - bits)) as u8) | (0xff >> bits));
    }
    out
}

/// Decode a Huffman-coded string.
pub fn huffman_decode(src: &[u8], out: &mut Vec<u8>) -> Result<(), &'static str> {
    let h = &HUFFMAN;
    let mut code = 0u32;
    let mut len = 0usize;
    for &b in src {
        for i in (0..8).rev() {
            code = (code << 1) | u32::from((b >> i) & 1);
            len += 1;
            let rank = code.wrapping_sub(h.first[len]);
            if code >= h.first[len] && rank < h.count[len] {
                let sym = h.syms[h.offset[len] as usize + rank as usize];
                if sym == 256 {
                    return Err("HPACK: EOS in a Huffman string");
                }
                out.push(sym as u8);
                code = 0;
                len = 0;
            } else if len >= MAX_LEN {
                return Err("HPACK: bad Huffman code");
            }
        }
    }
    // Padding: fewer than 8 bits, all ones (a prefix of EOS).
    if len > 7 || code != (1u32 << len) - 1 {
        return Err("HPACK: bad Huffman padding");
    }
    Ok(())
}

/// Decode a prefix integer of `n` bits at `b[*pos]`.
fn integer(b: &[u8], pos: &mut usize, n: u32) -> Result<usize, &'static str> {
    let first = *b.get(*pos).ok_or("HPACK: truncated integer")?;
    *pos += 1;
    let max = (1usize << n) - 1;
    let mut v = usize::from(first) & max;
    if v < max {
        return Ok(v);
    }
    let mut shift = 0u32;
    loop {
        let c = *b.get(*pos).ok_or("HPACK: truncated integer")?;
        *pos += 1;
        if shift > 28 {
            return Err("HPACK: integer too large");
        }
        v = v
            .checked_add(usize::from(c & 0x7f) << shift)
            .ok_or("HPACK: integer too large")?;
        shift += 7;
        if c & 0x80 == 0 {
            return Ok(v);
        }
    }
}

/// Append a prefix integer of `n` bits, the first byte's other bits being `flags`.
pub fn put_integer(out: &mut Vec<u8>, n: u32, flags: u8, v: usize) {
    let max = (1usize << n) - 1;
    if v < max {
        out.push(flags | v as u8);
        return;
    }
    out.push(flags | max as u8);
    let mut v = v - max;
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Append a plain (not Huffman-coded) string.
pub fn put_string(out: &mut Vec<u8>, s: &[u8]) {
    put_integer(out, 7, 0, s.len());
    out.extend_from_slice(s);
}

/// Append a field as a "literal without indexing, new name" (no state in the peer).
pub fn put_literal(out: &mut Vec<u8>, name: &str, value: &str) {
    out.push(0);
    put_string(out, name.as_bytes());
    put_string(out, value.as_bytes());
}

fn string(b: &[u8], pos: &mut usize) -> Result<Vec<u8>, &'static str> {
    let huff = b.get(*pos).ok_or("HPACK: truncated string")? & 0x80 != 0;
    let len = integer(b, pos, 7)?;
    let end = pos
        .checked_add(len)
        .filter(|&e| e <= b.len())
        .ok_or("HPACK: truncated string")?;
    let raw = &b[*pos..end];
    *pos = end;
    if huff {
        let mut out = Vec::with_capacity(len + len / 2);
        huffman_decode(raw, &mut out)?;
        Ok(out)
    } else {
        Ok(raw.to_vec())
    }
}

/// A decoded header list: (name, value) pairs in order.
pub type Fields = Vec<(Vec<u8>, Vec<u8>)>;

/// The decoder of one connection (its dynamic table lives as long as the connection).
#[derive(Debug)]
pub struct Decoder {
    table: VecDeque<(Vec<u8>, Vec<u8>)>,
    size: usize,
    /// Current maximum (set by the encoder's size updates).
    max: usize,
    /// What our SETTINGS allow the encoder.
    limit: usize,
}

impl Decoder {
    /// A decoder whose table may grow to `limit` bytes.
    pub fn new(limit: usize) -> Decoder {
        Decoder {
            table: VecDeque::new(),
            size: 0,
            max: limit,
            limit,
        }
    }

    fn evict(&mut self) {
        while self.size > self.max {
            match self.table.pop_back() {
                Some((n, v)) => self.size -= n.len() + v.len() + 32,
                None => break,
            }
        }
    }

    fn insert(&mut self, name: Vec<u8>, value: Vec<u8>) {
        let cost = name.len() + value.len() + 32;
        if cost > self.max {
            // Larger than the table: empties it (RFC 7541 4.4).
            self.table.clear();
            self.size = 0;
            return;
        }
        self.size += cost;
        self.table.push_front((name, value));
        self.evict();
    }

    fn get(&self, index: usize) -> Result<(Vec<u8>, Vec<u8>), &'static str> {
        match index {
            0 => Err("HPACK: index 0"),
            1..=61 => {
                let (n, v) = STATIC[index - 1];
                Ok((n.as_bytes().to_vec(), v.as_bytes().to_vec()))
            }
            _ => self
                .table
                .get(index - 62)
                .cloned()
                .ok_or("HPACK: index beyond the dynamic table"),
        }
    }

    /// Number of entries in the dynamic table, and their size (tests).
    pub fn table_len(&self) -> (usize, usize) {
        (self.table.len(), self.size)
    }

    /// Decode a complete header block into (name, value) pairs.
    pub fn decode(&mut self, b: &[u8]) -> Result<Fields, &'static str> {
        let mut out = Vec::new();
        let mut total = 0usize;
        let mut pos = 0;
        let mut fields_seen = false;
        while pos < b.len() {
            let c = b[pos];
            let (name, value) = if c & 0x80 != 0 {
                let i = integer(b, &mut pos, 7)?;
                self.get(i)?
            } else if c & 0xc0 == 0x40 {
                let i = integer(b, &mut pos, 6)?;
                let name = if i == 0 {
                    string(b, &mut pos)?
                } else {
                    self.get(i)?.0
                };
                let value = string(b, &mut pos)?;
                self.insert(name.clone(), value.clone());
                (name, value)
            } else if c & 0xe0 == 0x20 {
                // Size updates come first in a block (RFC 7541 4.2).
                if fields_seen {
                    return Err("HPACK: table size update after a field");
                }
                let n = integer(b, &mut pos, 5)?;
                if n > self.limit {
                    return Err("HPACK: table size update beyond the limit");
                }
                self.max = n;
                self.evict();
                continue;
            } else {
                let i = integer(b, &mut pos, 4)?;
                let name = if i == 0 {
                    string(b, &mut pos)?
                } else {
                    self.get(i)?.0
                };
                (name, string(b, &mut pos)?)
            };
            fields_seen = true;
            total += name.len() + value.len() + 32;
            if total > MAX_HEADER_LIST {
                return Err("HPACK: header list too large");
            }
            out.push((name, value));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    fn text(fields: &[(Vec<u8>, Vec<u8>)]) -> Vec<String> {
        fields
            .iter()
            .map(|(n, v)| {
                format!(
                    "{}: {}",
                    String::from_utf8_lossy(n),
                    String::from_utf8_lossy(v)
                )
            })
            .collect()
    }

    #[test]
    fn canonical_huffman_code_matches_the_rfc() {
        // Codes listed in RFC 7541 Appendix B.
        assert_eq!(huffman_code(0), (0x1ff8, 13));
        assert_eq!(huffman_code(u16::from(b' ')), (0x14, 6));
        assert_eq!(huffman_code(u16::from(b'0')), (0x0, 5));
        assert_eq!(huffman_code(u16::from(b'a')), (0x3, 5));
        assert_eq!(huffman_code(u16::from(b'z')), (0x7b, 7));
        assert_eq!(huffman_code(255), (0x3ffffee, 26));
        assert_eq!(huffman_code(256), (0x3fffffff, 30));
    }

    #[test]
    fn huffman_strings_of_the_rfc_examples() {
        // RFC 7541 C.4 and C.6.
        for (plain, coded) in [
            ("www.example.com", "f1e3 c2e5 f23a 6ba0 ab90 f4ff"),
            ("no-cache", "a8eb 1064 9cbf"),
            ("custom-key", "25a8 49e9 5ba9 7d7f"),
            ("custom-value", "25a8 49e9 5bb8 e8b4 bf"),
            ("302", "6402"),
            ("private", "aec3 771a 4b"),
            (
                "Mon, 21 Oct 2013 20:13:21 GMT",
                "d07a be94 1054 d444 a820 0595 040b 8166 e082 a62d 1bff",
            ),
            (
                "https://www.example.com",
                "9d29 ad17 1863 c78f 0b97 c8e9 ae82 ae43 d3",
            ),
        ] {
            let mut out = Vec::new();
            huffman_decode(&hex(coded), &mut out).unwrap();
            assert_eq!(out, plain.as_bytes(), "{plain}");
            assert_eq!(huffman_encode(plain.as_bytes()), hex(coded), "{plain}");
        }
        // Every byte value round-trips.
        let all: Vec<u8> = (0..=255).collect();
        let mut out = Vec::new();
        huffman_decode(&huffman_encode(&all), &mut out).unwrap();
        assert_eq!(out, all);
        // Bad padding (zeros), padding of 8 bits, EOS inside.
        assert!(huffman_decode(&[0x00], &mut Vec::new()).is_err()); // "0" then 000 padding
        assert!(huffman_decode(&hex("6402 ff"), &mut Vec::new()).is_err());
        assert!(huffman_decode(&hex("ffff fffc"), &mut Vec::new()).is_err());
    }

    #[test]
    fn requests_of_the_rfc_share_a_dynamic_table() {
        // RFC 7541 C.3 (plain strings), one decoder for the three requests.
        let mut d = Decoder::new(DEFAULT_TABLE_SIZE);
        let r1 = d
            .decode(&hex("8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d"))
            .unwrap();
        assert_eq!(
            text(&r1),
            [
                ":method: GET",
                ":scheme: http",
                ":path: /",
                ":authority: www.example.com"
            ]
        );
        assert_eq!(d.table_len(), (1, 57));
        let r2 = d
            .decode(&hex("8286 84be 5808 6e6f 2d63 6163 6865"))
            .unwrap();
        assert_eq!(
            text(&r2)[3..],
            [":authority: www.example.com", "cache-control: no-cache"]
        );
        assert_eq!(d.table_len(), (2, 110));
        let r3 = d
            .decode(&hex(
                "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65",
            ))
            .unwrap();
        assert_eq!(
            text(&r3),
            [
                ":method: GET",
                ":scheme: https",
                ":path: /index.html",
                ":authority: www.example.com",
                "custom-key: custom-value"
            ]
        );
        assert_eq!(d.table_len(), (3, 164));
    }

    #[test]
    fn responses_of_the_rfc_evict_old_entries() {
        // RFC 7541 C.6 (Huffman strings) with a 256-byte table.
        let mut d = Decoder::new(256);
        let r1 = d
            .decode(&hex(
                "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 \
                 82a6 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3",
            ))
            .unwrap();
        assert_eq!(
            text(&r1),
            [
                ":status: 302",
                "cache-control: private",
                "date: Mon, 21 Oct 2013 20:13:21 GMT",
                "location: https://www.example.com"
            ]
        );
        assert_eq!(d.table_len(), (4, 222));
        // ":status: 307" evicts ":status: 302"; the others keep their place.
        let r2 = d.decode(&hex("4883 640e ff c1 c0 bf")).unwrap();
        assert_eq!(
            text(&r2),
            [
                ":status: 307",
                "cache-control: private",
                "date: Mon, 21 Oct 2013 20:13:21 GMT",
                "location: https://www.example.com"
            ]
        );
        assert_eq!(d.table_len(), (4, 222));
    }

    #[test]
    fn bad_blocks_are_errors() {
        let mut d = Decoder::new(DEFAULT_TABLE_SIZE);
        for (why, b) in [
            ("index 0", "80"),
            ("beyond the tables", "be"),
            ("truncated integer", "ff"),
            ("huge integer", "ff ffff ffff ffff 7f"),
            ("truncated string", "40 05 61"),
            ("size above the limit", "3f e2 1f"),
            ("size update after a field", "82 20"),
        ] {
            assert!(d.decode(&hex(b)).is_err(), "{why}");
        }
        // Literal never indexed, new name, and a size update to 0 that empties the table.
        let mut d = Decoder::new(DEFAULT_TABLE_SIZE);
        d.decode(&hex("400161 0162")).unwrap();
        assert_eq!(d.table_len().0, 1);
        let f = d.decode(&hex("20 10 0161 0163")).unwrap();
        assert_eq!(text(&f), ["a: c"]);
        assert_eq!(d.table_len(), (0, 0));
    }

    #[test]
    fn integers_round_trip() {
        for (n, v) in [(5, 10), (5, 1337), (7, 126), (7, 127), (4, 100_000)] {
            let mut b = Vec::new();
            put_integer(&mut b, n, 0, v);
            let mut pos = 0;
            assert_eq!(integer(&b, &mut pos, n).unwrap(), v);
            assert_eq!(pos, b.len());
        }
        // RFC 7541 C.1.2: 1337 with a 5-bit prefix.
        let mut b = Vec::new();
        put_integer(&mut b, 5, 0, 1337);
        assert_eq!(b, [0x1f, 0x9a, 0x0a]);
    }
}
