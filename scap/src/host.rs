//! The host's users, groups and network interfaces, for the metadata of live captures.
//!
//! A capture written by sysdig (or libscap) carries a user list and an interface list so
//! that user names and local addresses resolve when the file is read on another host.
//! Live sources add them with [`users_and_groups`] (from `ROOT/etc/passwd` and
//! `ROOT/etc/group`) and [`interfaces`] (the IPv4 and IPv6 addresses of the interfaces, as
//! `getifaddrs` reports them). Unreadable files or a failing `getifaddrs` give empty lists:
//! the capture still works, names just don't resolve.

use std::path::Path;

use crate::meta::{Group, Interface, User};

/// Users from `root/etc/passwd` and groups from `root/etc/group` (NSS `+`/`-` entries and
/// malformed lines skipped).
pub fn users_and_groups(root: &Path) -> (Vec<User>, Vec<Group>) {
    let read = |p: &str| std::fs::read(root.join(p)).unwrap_or_default();
    let mut users = Vec::new();
    for line in read("etc/passwd").split(|&b| b == b'\n') {
        let f: Vec<&[u8]> = line.split(|&b| b == b':').collect();
        if f.len() < 7 || matches!(f[0].first(), None | Some(b'+') | Some(b'-')) {
            continue;
        }
        let (Some(uid), Some(gid)) = (num(f[2]), num(f[3])) else {
            continue;
        };
        users.push(User {
            uid,
            gid,
            name: f[0].to_vec(),
            home: f[5].to_vec(),
            shell: f[6].to_vec(),
        });
    }
    let mut groups = Vec::new();
    for line in read("etc/group").split(|&b| b == b'\n') {
        let f: Vec<&[u8]> = line.split(|&b| b == b':').collect();
        if f.len() < 3 || matches!(f[0].first(), None | Some(b'+') | Some(b'-')) {
            continue;
        }
        let Some(gid) = num(f[2]) else { continue };
        groups.push(Group {
            gid,
            name: f[0].to_vec(),
        });
    }
    (users, groups)
}

fn num(b: &[u8]) -> Option<u32> {
    std::str::from_utf8(b).ok()?.trim().parse().ok()
}

/// The IPv4 and IPv6 addresses of the host's interfaces (interface-list entries of type
/// 3, IPv4 without link speed, and 4, IPv6 without link speed).
pub fn interfaces() -> Vec<Interface> {
    crate::host_sys::addresses()
        .into_iter()
        .map(|a| Interface {
            ty: if a.addr.len() == 4 { 3 } else { 4 },
            addr: a.addr,
            netmask: a.netmask,
            bcast: a.bcast,
            linkspeed: 0,
            name: a.name,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwd_and_group_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("etc")).unwrap();
        std::fs::write(
            dir.path().join("etc/passwd"),
            "root:x:0:0:root:/root:/bin/bash\n+nis::::::\nbad line\nbob:x:1000:100:Bob:/home/bob:/bin/sh\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("etc/group"),
            "root:x:0:\nusers:x:100:bob\n-x:\n",
        )
        .unwrap();
        let (u, g) = users_and_groups(dir.path());
        assert_eq!(u.len(), 2);
        assert_eq!(
            (u[1].uid, u[1].gid, &u[1].name[..]),
            (1000, 100, &b"bob"[..])
        );
        assert_eq!(&u[1].home[..], b"/home/bob");
        assert_eq!(g.len(), 2);
        assert_eq!((g[1].gid, &g[1].name[..]), (100, &b"users"[..]));
        // No files: empty lists.
        assert_eq!(users_and_groups(&dir.path().join("none")), (vec![], vec![]));
    }

    #[test]
    fn loopback_is_listed() {
        let ifs = interfaces();
        assert!(
            ifs.iter().any(|i| i.ty == 3 && i.addr == [127, 0, 0, 1]),
            "{ifs:?}"
        );
    }
}
