//! Users and groups: from a capture's user list, or from `/etc/passwd` and `/etc/group`.

use super::IdMap;
use std::path::Path;

/// A user.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserInfo {
    /// User id.
    pub uid: u32,
    /// Primary group id.
    pub gid: u32,
    /// Login name.
    pub name: Vec<u8>,
    /// Home directory.
    pub home: Vec<u8>,
    /// Login shell.
    pub shell: Vec<u8>,
}

/// A group.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GroupInfo {
    /// Group id.
    pub gid: u32,
    /// Group name.
    pub name: Vec<u8>,
}

/// The known users and groups.
#[derive(Debug, Default)]
pub(crate) struct UserTable {
    pub(crate) users: IdMap<u32, UserInfo>,
    pub(crate) groups: IdMap<u32, GroupInfo>,
}

impl UserTable {
    /// Add or replace a user. NSS placeholder entries (`+`/`-` names) are ignored.
    pub(crate) fn add_user(&mut self, u: UserInfo) {
        if matches!(u.name.first(), Some(b'+') | Some(b'-')) {
            return;
        }
        self.users.insert(u.uid, u);
    }

    /// Add or replace a group.
    pub(crate) fn add_group(&mut self, g: GroupInfo) {
        if matches!(g.name.first(), Some(b'+') | Some(b'-')) {
            return;
        }
        self.groups.insert(g.gid, g);
    }

    /// Read `<root>/etc/passwd` and `<root>/etc/group`; missing files are not an error.
    pub(crate) fn load_files(&mut self, root: &Path) {
        if let Ok(text) = std::fs::read(root.join("etc/passwd")) {
            for line in text.split(|&b| b == b'\n') {
                if let Some(u) = parse_passwd_line(line) {
                    self.add_user(u);
                }
            }
        }
        if let Ok(text) = std::fs::read(root.join("etc/group")) {
            for line in text.split(|&b| b == b'\n') {
                if let Some(g) = parse_group_line(line) {
                    self.add_group(g);
                }
            }
        }
    }
}

fn parse_u32(b: &[u8]) -> Option<u32> {
    std::str::from_utf8(b).ok()?.trim().parse().ok()
}

/// `name:passwd:uid:gid:gecos:home:shell`.
pub(crate) fn parse_passwd_line(line: &[u8]) -> Option<UserInfo> {
    let f: Vec<&[u8]> = line.split(|&b| b == b':').collect();
    if f.len() < 7 || line.first() == Some(&b'#') {
        return None;
    }
    Some(UserInfo {
        uid: parse_u32(f[2])?,
        gid: parse_u32(f[3])?,
        name: f[0].to_vec(),
        home: f[5].to_vec(),
        shell: f[6].to_vec(),
    })
}

/// `name:passwd:gid:members`.
pub(crate) fn parse_group_line(line: &[u8]) -> Option<GroupInfo> {
    let f: Vec<&[u8]> = line.split(|&b| b == b':').collect();
    if f.len() < 3 || line.first() == Some(&b'#') {
        return None;
    }
    Some(GroupInfo {
        gid: parse_u32(f[2])?,
        name: f[0].to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwd_and_group_lines() {
        let u = parse_passwd_line(b"daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin").unwrap();
        assert_eq!((u.uid, u.gid, &u.name[..]), (1, 1, &b"daemon"[..]));
        assert_eq!(u.shell, b"/usr/sbin/nologin");
        assert!(parse_passwd_line(b"broken:x:1").is_none());
        assert!(parse_passwd_line(b"bad:x:one:1:::").is_none());
        let g = parse_group_line(b"adm:x:4:syslog").unwrap();
        assert_eq!((g.gid, &g.name[..]), (4, &b"adm"[..]));
        let mut t = UserTable::default();
        t.add_user(UserInfo {
            uid: 5,
            name: b"+nis".to_vec(),
            ..Default::default()
        });
        assert!(t.users.is_empty());
    }
}
