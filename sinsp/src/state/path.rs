//! Path arithmetic as libsinsp does it: a relative path is appended to a base directory and
//! `.`/`..` components and repeated separators are folded, without touching the file system.

/// Longest path libscap handles; longer concatenations give a fixed placeholder.
pub(crate) const MAX_PATH: usize = 1024;

/// The placeholder libsinsp returns when the two parts do not fit in [`MAX_PATH`].
pub(crate) const TOO_LONG: &[u8] = b"/DIR_TOO_LONG/FILENAME_TOO_LONG";

/// Writes `base` joined with `path` into `out` (cleared first). An absolute or empty `path`
/// ignores `base`; `base` is copied as it is and is expected to end with `/`.
pub(crate) fn concat(base: &[u8], path: &[u8], out: &mut Vec<u8>) {
    out.clear();
    if base.len() + path.len() + 1 > MAX_PATH {
        out.extend_from_slice(TOO_LONG);
        return;
    }
    if !path.is_empty() && path[0] != b'/' {
        out.extend_from_slice(base);
    }
    let had_base = !out.is_empty();
    normalize_into(path, out, 0, had_base);
}

/// Appends `path` to `out`, folding `.`, `..` and `//`. `floor` is the start of the area that
/// `..` may rewind into; `had_base` tells whether `out` held a base before the call.
fn normalize_into(path: &[u8], out: &mut Vec<u8>, floor: usize, had_base: bool) {
    let limit = MAX_PATH - 1;
    let mut i = 0;
    while i < path.len() {
        let c = path[i];
        if c == 0 {
            break;
        }
        let at_component_start = out.len() == floor || out.last() == Some(&b'/');
        if c == b'.' && at_component_start {
            let next = path.get(i + 1).copied().unwrap_or(0);
            let next2 = path.get(i + 2).copied().unwrap_or(0);
            if next == b'.' && (next2 == b'/' || next2 == 0) {
                rewind(out, floor);
                i += if next2 == b'/' { 3 } else { 2 };
                continue;
            }
            if next == b'/' {
                i += 2;
                continue;
            }
            if next == 0 {
                i += 1;
                continue;
            }
        } else if c == b'/' {
            let skip = (out.len() > floor && out.last() == Some(&b'/'))
                || (out.len() == floor && had_base);
            if skip {
                i += 1;
                continue;
            }
        }
        if out.len() >= limit {
            break;
        }
        out.push(c);
        i += 1;
    }
    // A trailing separator is dropped, as the OS does ("/" itself stays).
    if out.len() > floor + 1 && out.last() == Some(&b'/') {
        out.pop();
    }
}

/// Moves back to just after the previous separator.
fn rewind(out: &mut Vec<u8>, floor: usize) {
    if out.len() <= floor + 1 {
        return;
    }
    let mut end = out.len() - 1;
    while end > floor && out[end - 1] != b'/' {
        end -= 1;
    }
    out.truncate(end);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(a: &str, b: &str) -> String {
        let mut out = Vec::new();
        concat(a.as_bytes(), b.as_bytes(), &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn joins_and_folds() {
        assert_eq!(c("/root/", "x"), "/root/x");
        assert_eq!(c("/root/", "../etc/passwd"), "/etc/passwd");
        assert_eq!(c("/root/", "./a/./b"), "/root/a/b");
        assert_eq!(c("/root/", "/etc//passwd"), "/etc/passwd");
        assert_eq!(c("/", ".."), "/");
        assert_eq!(c("/a/b/", ".."), "/a");
        assert_eq!(c("/a/", "b/"), "/a/b");
        assert_eq!(c("", "/"), "/");
        assert_eq!(c("/tmp/", ""), "");
        assert_eq!(c("/tmp/", ".hidden"), "/tmp/.hidden");
        assert_eq!(c("/tmp/", "..."), "/tmp/...");
    }
}
