//! Container ids from cgroup paths.
//!
//! Container runtimes place a container's processes in a cgroup whose last path component
//! names the container by its 64-hex-digit id: `/docker/<id>` (docker without systemd),
//! `/system.slice/docker-<id>.scope` (docker with systemd), `cri-containerd-<id>.scope` and
//! `/kubepods/<qos>/pod<uid>/<id>` (containerd), `crio-<id>.scope` and `crio-<id>` (cri-o),
//! `libpod-<id>.scope` (podman), `...:cri-containerd:<id>` (containerd without systemd
//! cgroups). Podman with crun on cgroup v2 puts the processes one level down, in
//! `libpod-<id>.scope/container` (as the container plugin's podman matcher knows). The id
//! Falco prints (`container.id`) is its first 12 characters.

/// Length of a full container id.
const FULL_ID: usize = 64;

/// Length of the id Falco prints.
pub const SHORT_ID: usize = 12;

/// Prefixes of the last cgroup path component that come before a container id.
const PREFIXES: &[&[u8]] = &[
    b"docker-",
    b"cri-containerd-",
    b"crio-",
    b"libpod-payload-",
    b"libpod-",
];

/// The short container id named by one cgroup path, if any.
pub(crate) fn id_from_cgroup_path(path: &[u8]) -> Option<[u8; SHORT_ID]> {
    let path = match path.strip_suffix(b".scope/container") {
        Some(p) => &path[..p.len() + b".scope".len()],
        None => path,
    };
    let last = match memchr::memrchr(b'/', path) {
        Some(i) => &path[i + 1..],
        None => path,
    };
    let mut cand = last;
    if let Some(i) = memchr::memmem::rfind(cand, b":cri-containerd:") {
        cand = &cand[i + b":cri-containerd:".len()..];
    } else {
        for p in PREFIXES {
            if let Some(rest) = cand.strip_prefix(*p) {
                cand = rest;
                break;
            }
        }
        if let Some(rest) = cand.strip_suffix(b".scope") {
            cand = rest;
        }
    }
    if cand.len() != FULL_ID || !cand.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let mut id = [0u8; SHORT_ID];
    id.copy_from_slice(&cand[..SHORT_ID]);
    Some(id)
}

/// The container id of a thread from its cgroups (`subsys=path` entries, each terminated
/// by a NUL): the first path that names a container.
pub(crate) fn id_from_cgroups(cgroups: &[u8]) -> Option<[u8; SHORT_ID]> {
    cgroups
        .split(|&b| b == 0)
        .filter_map(|e| e.iter().position(|&b| b == b'=').map(|i| &e[i + 1..]))
        .find_map(id_from_cgroup_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "3ad7b26ded6d8e7b23da7d48fe889434573036c27ae5a74837233de441c3601e";

    fn id(p: &str) -> Option<String> {
        id_from_cgroup_path(p.as_bytes()).map(|i| String::from_utf8(i.to_vec()).unwrap())
    }

    #[test]
    fn runtimes() {
        let want = Some("3ad7b26ded6d".to_string());
        assert_eq!(id(&format!("/docker/{ID}")), want);
        assert_eq!(id(&format!("/system.slice/docker-{ID}.scope")), want);
        assert_eq!(
            id(&format!(
                "/kubepods.slice/kubepods-besteffort.slice/x/cri-containerd-{ID}.scope"
            )),
            want
        );
        assert_eq!(id(&format!("/kubepods/besteffort/pod1234/{ID}")), want);
        assert_eq!(id(&format!("/machine.slice/crio-{ID}.scope")), want);
        assert_eq!(id(&format!("/crio-{ID}")), want);
        assert_eq!(id(&format!("/machine.slice/libpod-{ID}.scope")), want);
        assert_eq!(
            id(&format!("/machine.slice/libpod-{ID}.scope/container")),
            want
        );
        assert_eq!(
            id(&format!("/machine.slice/libpod-payload-{ID}.scope")),
            want
        );
        assert_eq!(id(&format!("/machine.slice/libpod-{ID}/container")), None);
        assert_eq!(
            id(&format!(
                "/system.slice/containerd.service/kubepods-x:cri-containerd:{ID}"
            )),
            want
        );
        assert_eq!(id("/"), None);
        assert_eq!(id("/user.slice/user-0.slice/session-3.scope"), None);
        assert_eq!(id(&format!("/docker/{}", &ID[..63])), None);
        assert_eq!(id(&format!("/docker/{}g", &ID[..63])), None);
    }

    #[test]
    fn first_matching_cgroup() {
        let cg = format!("cpuset=/\0cpu=/docker/{ID}\0memory=/\0");
        assert_eq!(id_from_cgroups(cg.as_bytes()), Some(*b"3ad7b26ded6d"));
        assert_eq!(id_from_cgroups(b"cpuset=/\0"), None);
    }
}
