//! The time formats of Falco's alerts and log lines.
//!
//! * alert text time (`%evt.time`): local `HH:MM:SS.nnnnnnnnn`;
//! * alert text time with `time_format_iso_8601` (`%evt.time.iso8601`):
//!   `YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+0000` (UTC);
//! * JSON `time`: `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` (UTC, always);
//! * log line prefix: local `Thu Jul 31 21:06:20 2026`, or `2026-07-31T19:06:20+0000`.

use falco_sinsp::time::TimeFormatter;

/// Civil date and time of `sec` seconds since the epoch, in UTC:
/// (year, month 1-12, day 1-31, hour, minute, second).
pub fn utc_civil(sec: i64) -> (i64, u32, u32, u32, u32, u32) {
    let days = sec.div_euclid(86_400);
    let rem = sec.rem_euclid(86_400);
    // Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        m,
        d,
        (rem / 3600) as u32,
        (rem % 3600 / 60) as u32,
        (rem % 60) as u32,
    )
}

fn utc_date_time(ts_ns: u64) -> String {
    let (y, mo, d, h, mi, s) = utc_civil((ts_ns / 1_000_000_000) as i64);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}")
}

/// `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` in UTC: the `time` of JSON alerts.
pub fn json_time(ts_ns: u64) -> String {
    format!("{}.{:09}Z", utc_date_time(ts_ns), ts_ns % 1_000_000_000)
}

/// `YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+0000` in UTC: `%evt.time.iso8601`.
pub fn iso8601_time(ts_ns: u64) -> String {
    format!("{}.{:09}+0000", utc_date_time(ts_ns), ts_ns % 1_000_000_000)
}

/// Local `HH:MM:SS.nnnnnnnnn`: `%evt.time`.
pub fn local_time_of_day(ts_ns: u64) -> String {
    let mut out = Vec::with_capacity(18);
    TimeFormatter::new().time(ts_ns, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// The prefix of a log line at `sec` (seconds since the epoch): local
/// `Thu Jul 31 21:06:20 2026`, or with `iso8601` the UTC `2026-07-31T19:06:20+0000`.
pub fn log_prefix(sec: i64, iso8601: bool) -> String {
    if iso8601 {
        let (y, mo, d, h, mi, s) = utc_civil(sec);
        return format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}+0000");
    }
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let t = sec as libc::time_t;
    // SAFETY: `tm` is plain data filled in by `localtime_r`; both pointers are valid for the
    // call, which keeps neither.
    let tm = unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&t, &mut tm).is_null() {
            return log_prefix(sec, true);
        }
        tm
    };
    format!(
        "{} {} {:02} {:02}:{:02}:{:02} {}",
        DAYS[tm.tm_wday.rem_euclid(7) as usize],
        MONTHS[tm.tm_mon.rem_euclid(12) as usize],
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec,
        tm.tm_year as i64 + 1900
    )
}

/// Seconds since the epoch, now.
pub fn now_sec() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Nanoseconds since the epoch, now.
pub fn now_ns() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_formats() {
        // 2021-04-13T18:27:53.574934000Z
        let ts = 1_618_338_473_574_934_000;
        assert_eq!(json_time(ts), "2021-04-13T18:27:53.574934000Z");
        assert_eq!(iso8601_time(ts), "2021-04-13T18:27:53.574934000+0000");
        assert_eq!(json_time(0), "1970-01-01T00:00:00.000000000Z");
        assert_eq!(utc_civil(951_782_400), (2000, 2, 29, 0, 0, 0));
        assert_eq!(log_prefix(0, true), "1970-01-01T00:00:00+0000");
    }
}
