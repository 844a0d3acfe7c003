//! Rendering of event timestamps as local time, the way sysdig and Falco print them.
//!
//! Converting to local time goes through the C library (`localtime_r`), so `TZ` and the
//! system zone database apply exactly as they do for the tools users compare us with. The
//! conversion is cached per second: consecutive events of the same second cost a copy.

/// Formats nanosecond timestamps as local `HH:MM:SS.nnnnnnnnn` or
/// `YYYY-MM-DD HH:MM:SS.nnnnnnnnn`.
#[derive(Debug, Default)]
pub struct TimeFormatter {
    cached_sec: Option<i64>,
    /// `YYYY-MM-DD HH:MM:SS` of `cached_sec`.
    cached: [u8; 19],
}

impl TimeFormatter {
    /// A formatter with an empty cache.
    pub fn new() -> TimeFormatter {
        TimeFormatter::default()
    }

    fn civil(&mut self, ts: u64) -> &[u8; 19] {
        let sec = (ts / 1_000_000_000) as i64;
        if self.cached_sec != Some(sec) {
            self.cached = local_civil(sec);
            self.cached_sec = Some(sec);
        }
        &self.cached
    }

    /// Append `HH:MM:SS.nnnnnnnnn` (local time of day).
    pub fn time(&mut self, ts: u64, out: &mut Vec<u8>) {
        let c = *self.civil(ts);
        out.extend_from_slice(&c[11..19]);
        push_nanos(out, ts);
    }

    /// Append `YYYY-MM-DD HH:MM:SS.nnnnnnnnn` (local date and time).
    pub fn datetime(&mut self, ts: u64, out: &mut Vec<u8>) {
        let c = *self.civil(ts);
        out.extend_from_slice(&c);
        push_nanos(out, ts);
    }
}

fn push_nanos(out: &mut Vec<u8>, ts: u64) {
    let mut ns = ts % 1_000_000_000;
    let mut digits = [b'0'; 10];
    digits[0] = b'.';
    for d in digits[1..].iter_mut().rev() {
        *d = b'0' + (ns % 10) as u8;
        ns /= 10;
    }
    out.extend_from_slice(&digits);
}

/// `YYYY-MM-DD HH:MM:SS` of `sec` in the local time zone.
fn local_civil(sec: i64) -> [u8; 19] {
    let t: libc::time_t = sec as libc::time_t;
    // SAFETY: `tm` is plain data that `localtime_r` fills in; both pointers are valid for
    // the duration of the call and `localtime_r` does not retain them.
    let tm = unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&t, &mut tm).is_null() {
            return utc_civil(sec);
        }
        tm
    };
    let mut s = [0u8; 19];
    write_civil(
        &mut s,
        tm.tm_year as i64 + 1900,
        tm.tm_mon as u32 + 1,
        tm.tm_mday as u32,
        tm.tm_hour as u32,
        tm.tm_min as u32,
        tm.tm_sec as u32,
    );
    s
}

/// UTC fallback (days-from-civil inverse, proleptic Gregorian).
fn utc_civil(sec: i64) -> [u8; 19] {
    let days = sec.div_euclid(86_400);
    let rem = sec.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    let mut s = [0u8; 19];
    write_civil(
        &mut s,
        y,
        m,
        d,
        (rem / 3600) as u32,
        (rem % 3600 / 60) as u32,
        (rem % 60) as u32,
    );
    s
}

fn write_civil(s: &mut [u8; 19], y: i64, mo: u32, d: u32, h: u32, mi: u32, se: u32) {
    let y = y.clamp(0, 9999) as u32;
    let two = |v: u32| [b'0' + (v / 10 % 10) as u8, b'0' + (v % 10) as u8];
    s[0..2].copy_from_slice(&two(y / 100));
    s[2..4].copy_from_slice(&two(y % 100));
    s[4] = b'-';
    s[5..7].copy_from_slice(&two(mo));
    s[7] = b'-';
    s[8..10].copy_from_slice(&two(d));
    s[10] = b' ';
    s[11..13].copy_from_slice(&two(h));
    s[13] = b':';
    s[14..16].copy_from_slice(&two(mi));
    s[16] = b':';
    s[17..19].copy_from_slice(&two(se));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_civil_matches_known_dates() {
        // 2018-08-17 17:35:48 UTC (the first event of curl_google.scap, by hand).
        assert_eq!(&utc_civil(1_534_527_348), b"2018-08-17 17:35:48");
        assert_eq!(&utc_civil(0), b"1970-01-01 00:00:00");
        assert_eq!(&utc_civil(951_782_400), b"2000-02-29 00:00:00");
    }

    #[test]
    fn nanoseconds_are_zero_padded() {
        let mut out = Vec::new();
        push_nanos(&mut out, 1_000_000_007);
        assert_eq!(out, b".000000007");
    }
}
