//! `pmatch`: path prefix matching by whole components.
//!
//! `fd.name pmatch (/opt/dir)` holds for `/opt/dir` and everything under it, not for
//! `/opt/dir2`. Paths are split on `/` (empty components dropped, so `/a//b/` is `a`, `b`);
//! a path matches when some listed path's components are a prefix of its components. A
//! listed component holding `*`, `?` or `[` is a wildcard pattern for one component
//! (`/opt/*/subdir`). The listed paths are kept in a tree of components, matched without
//! allocating.
//!
//! Divergence: libsinsp's search advances its position once per wildcard child that
//! matches, so a second wildcard child at the same level is tried against the next
//! component; here every wildcard child is tried against the same component.

use std::collections::HashMap;

use super::glob::fnmatch;

#[derive(Clone, Debug, Default)]
struct Node {
    /// A listed path ends here: everything below matches.
    terminal: bool,
    /// Children by literal component.
    direct: HashMap<Box<[u8]>, Node>,
    /// Children by wildcard component, in the order listed.
    globs: Vec<(Box<[u8]>, Node)>,
}

/// A set of listed paths.
#[derive(Clone, Debug, Default)]
pub(crate) struct PathSet {
    root: Node,
}

/// The first component of `path` and the rest after it.
fn next_component(mut path: &[u8]) -> Option<(&[u8], &[u8])> {
    while let [b'/', rest @ ..] = path {
        path = rest;
    }
    if path.is_empty() {
        return None;
    }
    let end = memchr::memchr(b'/', path).unwrap_or(path.len());
    Some((&path[..end], &path[end..]))
}

impl PathSet {
    /// Adds a listed path. A path under one already listed adds nothing; a path above
    /// listed ones replaces them.
    pub(crate) fn insert(&mut self, path: &[u8]) {
        let mut node = &mut self.root;
        let mut rest = path;
        while let Some((comp, tail)) = next_component(rest) {
            if node.terminal {
                return;
            }
            let is_glob = comp.iter().any(|c| matches!(c, b'*' | b'?' | b'['));
            node = if is_glob {
                match node.globs.iter().position(|(g, _)| &**g == comp) {
                    Some(i) => &mut node.globs[i].1,
                    None => {
                        node.globs.push((comp.into(), Node::default()));
                        &mut node.globs.last_mut().expect("just pushed").1
                    }
                }
            } else {
                node.direct.entry(comp.into()).or_default()
            };
            rest = tail;
        }
        *node = Node {
            terminal: true,
            ..Node::default()
        };
    }

    /// True if `path` is one of the listed paths or under one.
    pub(crate) fn matches(&self, path: &[u8]) -> bool {
        fn walk(node: &Node, path: &[u8]) -> bool {
            if node.terminal {
                return true;
            }
            let Some((comp, rest)) = next_component(path) else {
                return false;
            };
            if let Some(child) = node.direct.get(comp) {
                if walk(child, rest) {
                    return true;
                }
            }
            node.globs
                .iter()
                .any(|(g, child)| fnmatch(g, comp, false) && walk(child, rest))
        }
        walk(&self.root, path)
    }
}

#[cfg(test)]
mod tests {
    use super::PathSet;

    fn set(paths: &[&str]) -> PathSet {
        let mut s = PathSet::default();
        for p in paths {
            s.insert(p.as_bytes());
        }
        s
    }

    #[test]
    fn component_prefixes() {
        let file = b"/opt/dir/subdir/file.txt";
        assert!(set(&["/opt/dir"]).matches(file));
        assert!(set(&["/opt/dir/subdir"]).matches(file));
        assert!(!set(&["/opt/dir2"]).matches(file));
        assert!(set(&["/opt/dir", "/opt/dir2"]).matches(file));
        assert!(!set(&["/opt/dir3", "/opt/dir2"]).matches(file));
        assert!(set(&["/opt/*"]).matches(file));
        assert!(set(&["/opt/*/subdir"]).matches(file));
        assert!(set(&["/opt/di?/subdir"]).matches(file));
        assert!(!set(&["/opt/dii?/subdir"]).matches(file));
        assert!(set(&["/opt/di[r]/subdir"]).matches(file));
        assert!(!set(&["/opt/di[!r]/subdir"]).matches(file));
        assert!(!set(&["/opt/di[t]/subdir"]).matches(file));
        assert!(!set(&["/opt/di/subdir"]).matches(file));
        assert!(!set(&["/opt/*/subdir2"]).matches(file));
        assert!(set(&["/opt/*/*"]).matches(file));
        assert!(!set(&["/opt/*/*/subsubdir"]).matches(file));
    }

    #[test]
    fn shapes() {
        // A path above a listed one does not match; an exact one does.
        assert!(!set(&["/a/b/c"]).matches(b"/a/b"));
        assert!(set(&["/a/b"]).matches(b"/a/b"));
        // Shorter listed paths win, whatever the order.
        assert!(set(&["/a/b/c", "/a"]).matches(b"/a/x"));
        assert!(set(&["/a", "/a/b/c"]).matches(b"/a/x"));
        // Slashes are separators only; `/` lists everything.
        assert!(set(&["a//b/"]).matches(b"/a/b/c"));
        assert!(set(&["/"]).matches(b"/anything"));
        assert!(!set(&[]).matches(b"/anything"));
        // Two wildcard children at one level are both tried on the same component.
        assert!(set(&["/x*/q", "/*/b"]).matches(b"/xa/b"));
    }
}
