//! Container metadata from a CRI runtime (containerd's CRI plugin, CRI-O, any runtime
//! serving `runtime.v1.RuntimeService`), turned into a [`ContainerInfo`] the way Falco's
//! container plugin does (its `cri` engine).
//!
//! One lookup is one HTTP/2 connection ([`super::h2`]) carrying, in order:
//! 1. `Version` — `runtime_name` gives `container.type` (`containerd`, `cri-o`, else `cri`).
//! 2. `ListContainers` filtered by the id (the runtimes resolve a unique prefix, so the
//!    12-character id from the cgroup finds the container) — its full id and its pod's
//!    sandbox id.
//! 3. `ContainerStatus` with `verbose = true` — the status, and the `info` map whose
//!    member `info` is a JSON text with the runtime's details (privileged flag, image id).
//! 4. `PodSandboxStatus` of its pod — pod name, namespace, uid, labels, IP, host
//!    namespaces.
//!
//! When no container has the id, it may be a pod's sandbox (the pause container has its
//! own cgroup): `PodSandboxStatus` with the id gives it, as a pod sandbox.
//!
//! Wire format (kubernetes cri-api `pkg/apis/runtime/v1/api.proto`; field numbers):
//!
//! ```text
//! VersionRequest          version=1
//! VersionResponse         version=1 runtime_name=2 runtime_version=3 runtime_api_version=4
//! ListContainersRequest   filter=1 (ContainerFilter: id=1 state=2 pod_sandbox_id=3)
//! ListContainersResponse  containers=1 (Container: id=1 pod_sandbox_id=2 ...)
//! ContainerStatusRequest  container_id=1 verbose=2
//! ContainerStatusResponse status=1 (ContainerStatus) info=2 (map<string,string>)
//! ContainerStatus         id=1 metadata=2 (ContainerMetadata: name=1) created_at=4 (ns)
//!                         image=8 (ImageSpec: image=1) image_ref=9 labels=12
//!                         annotations=13 mounts=14 image_id=17
//! Mount                   container_path=1 host_path=2 readonly=3 propagation=5
//!                         (0 PRIVATE, 1 HOST_TO_CONTAINER, 2 BIDIRECTIONAL)
//! PodSandboxStatusRequest pod_sandbox_id=1 verbose=2
//! PodSandboxStatusResponse status=1 (PodSandboxStatus) info=2
//! PodSandboxStatus        id=1 metadata=2 (name=1 uid=2 namespace=3) created_at=4
//!                         network=5 (ip=1) linux=6 (namespaces=1 (options=2
//!                         (network=1 pid=2 ipc=3; NamespaceMode 2 = NODE))) labels=7
//! ```
//!
//! The verbose `info` JSON: `privileged` (CRI-O), `config.linux.security_context.privileged`
//! and `config.image.image` (containerd: the container's CRI config), `runtimeSpec.
//! annotations` (the OCI spec; image name annotations).
//!
//! Differences from the plugin, on purpose: the repository and tag are split with
//! [`split_repo_tag`] (the plugin splits at every `:`, losing the tag of an image from a
//! registry with a port), the image id is taken only from a `sha256:` id (the plugin takes
//! what follows the first `:` of `config.image.image`, a tag when that is a name), and a
//! container is not flagged as a pod sandbox (the plugin flags every container whose pod
//! it found; libsinsp flags only sandboxes).

use std::path::Path;

use serde_json::Value as Json;

use super::docker::split_repo_tag;
use super::h2::Channel;
use super::http::LookupError;
use super::proto::{self, Value};
use super::{ContainerInfo, Mount, RuntimeConfig, RuntimeKind};

/// The gRPC paths called.
pub const VERSION: &str = "/runtime.v1.RuntimeService/Version";
/// `ListContainers`.
pub const LIST_CONTAINERS: &str = "/runtime.v1.RuntimeService/ListContainers";
/// `ContainerStatus`.
pub const CONTAINER_STATUS: &str = "/runtime.v1.RuntimeService/ContainerStatus";
/// `PodSandboxStatus`.
pub const POD_SANDBOX_STATUS: &str = "/runtime.v1.RuntimeService/PodSandboxStatus";

/// gRPC status NOT_FOUND.
pub const NOT_FOUND: u32 = 5;

/// A mount as CRI gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CriMount {
    /// Path in the container.
    pub container_path: String,
    /// Path on the host.
    pub host_path: String,
    /// Read-only.
    pub readonly: bool,
    /// MountPropagation.
    pub propagation: u64,
}

/// The members of a ContainerStatusResponse we use.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// Full id.
    pub id: String,
    /// `metadata.name`.
    pub name: String,
    /// Creation, ns since the epoch.
    pub created_at: i64,
    /// `image.image`.
    pub image: String,
    /// `image_ref`.
    pub image_ref: String,
    /// `image_id` (recent runtimes).
    pub image_id: String,
    /// Labels.
    pub labels: Vec<(String, String)>,
    /// Mounts.
    pub mounts: Vec<CriMount>,
    /// The verbose `info` map's `info` member (JSON).
    pub info: String,
}

/// The members of a PodSandboxStatusResponse we use.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sandbox {
    /// Full id.
    pub id: String,
    /// Pod name.
    pub name: String,
    /// Pod uid.
    pub uid: String,
    /// Pod namespace.
    pub namespace: String,
    /// Creation, ns since the epoch.
    pub created_at: i64,
    /// Pod IP.
    pub ip: String,
    /// NamespaceMode of the network, pid and ipc namespaces (2: the node's).
    pub modes: [u64; 3],
    /// Pod labels.
    pub labels: Vec<(String, String)>,
}

type R<T> = Result<T, LookupError>;

fn pb(e: &'static str) -> LookupError {
    LookupError::Protobuf(e)
}

/// `ContainerStatusRequest` / `PodSandboxStatusRequest`.
pub fn status_request(id: &str, verbose: bool) -> Vec<u8> {
    let mut b = Vec::new();
    proto::put_str(&mut b, 1, id);
    proto::put_uint(&mut b, 2, u64::from(verbose));
    b
}

/// `ListContainersRequest` with a filter on the id.
pub fn list_request(id: &str) -> Vec<u8> {
    let mut filter = Vec::new();
    proto::put_str(&mut filter, 1, id);
    let mut b = Vec::new();
    proto::put_bytes(&mut b, 1, &filter);
    b
}

/// `VersionRequest`.
pub fn version_request() -> Vec<u8> {
    let mut b = Vec::new();
    proto::put_str(&mut b, 1, "v1");
    b
}

/// The runtime named by a `VersionResponse`.
pub fn parse_version(b: &[u8]) -> R<RuntimeKind> {
    let mut name = String::new();
    for f in proto::fields(b) {
        if let (2, v) = f.map_err(pb)? {
            name = v.str();
        }
    }
    Ok(match name.as_str() {
        "containerd" => RuntimeKind::Containerd,
        "cri-o" => RuntimeKind::CriO,
        _ => RuntimeKind::Cri,
    })
}

/// The (id, pod sandbox id) of each container of a `ListContainersResponse`.
pub fn parse_list(b: &[u8]) -> R<Vec<(String, String)>> {
    let mut out = Vec::new();
    for f in proto::fields(b) {
        if let (1, c) = f.map_err(pb)? {
            let (mut id, mut sb) = (String::new(), String::new());
            for g in proto::fields(c.msg()) {
                match g.map_err(pb)? {
                    (1, v) => id = v.str(),
                    (2, v) => sb = v.str(),
                    _ => {}
                }
            }
            out.push((id, sb));
        }
    }
    Ok(out)
}

fn sub<'a>(b: &'a [u8], field: u32) -> R<Option<Value<'a>>> {
    let mut last = None;
    for f in proto::fields(b) {
        let (n, v) = f.map_err(pb)?;
        if n == field {
            last = Some(v);
        }
    }
    Ok(last)
}

/// Parse a `ContainerStatusResponse`.
pub fn parse_status(b: &[u8]) -> R<Status> {
    let mut st = Status::default();
    let mut have_status = false;
    for f in proto::fields(b) {
        match f.map_err(pb)? {
            (1, s) => {
                have_status = true;
                for g in proto::fields(s.msg()) {
                    match g.map_err(pb)? {
                        (1, v) => st.id = v.str(),
                        (2, v) => {
                            st.name = sub(v.msg(), 1)?.map(Value::str).unwrap_or_default();
                        }
                        (4, v) => st.created_at = v.int() as i64,
                        (8, v) => {
                            st.image = sub(v.msg(), 1)?.map(Value::str).unwrap_or_default();
                        }
                        (9, v) => st.image_ref = v.str(),
                        (12, v) => st.labels.push(proto::map_entry(v.msg()).map_err(pb)?),
                        (14, v) => {
                            let mut m = CriMount::default();
                            for h in proto::fields(v.msg()) {
                                match h.map_err(pb)? {
                                    (1, x) => m.container_path = x.str(),
                                    (2, x) => m.host_path = x.str(),
                                    (3, x) => m.readonly = x.int() != 0,
                                    (5, x) => m.propagation = x.int(),
                                    _ => {}
                                }
                            }
                            st.mounts.push(m);
                        }
                        (17, v) => st.image_id = v.str(),
                        _ => {}
                    }
                }
            }
            (2, e) => {
                let (k, v) = proto::map_entry(e.msg()).map_err(pb)?;
                if k == "info" {
                    st.info = v;
                }
            }
            _ => {}
        }
    }
    if !have_status || st.id.is_empty() {
        return Err(pb("ContainerStatusResponse without a status id"));
    }
    Ok(st)
}

/// Parse a `PodSandboxStatusResponse`.
pub fn parse_sandbox(b: &[u8]) -> R<Sandbox> {
    let mut sb = Sandbox::default();
    let s = sub(b, 1)?.ok_or(pb("PodSandboxStatusResponse without a status"))?;
    for f in proto::fields(s.msg()) {
        match f.map_err(pb)? {
            (1, v) => sb.id = v.str(),
            (2, v) => {
                for g in proto::fields(v.msg()) {
                    match g.map_err(pb)? {
                        (1, x) => sb.name = x.str(),
                        (2, x) => sb.uid = x.str(),
                        (3, x) => sb.namespace = x.str(),
                        _ => {}
                    }
                }
            }
            (4, v) => sb.created_at = v.int() as i64,
            (5, v) => sb.ip = sub(v.msg(), 1)?.map(Value::str).unwrap_or_default(),
            (6, v) => {
                let opts = match sub(v.msg(), 1)? {
                    Some(ns) => sub(ns.msg(), 2)?,
                    None => None,
                };
                if let Some(o) = opts {
                    for g in proto::fields(o.msg()) {
                        if let (n @ 1..=3, x) = g.map_err(pb)? {
                            sb.modes[n as usize - 1] = x.int();
                        }
                    }
                }
            }
            (7, v) => sb.labels.push(proto::map_entry(v.msg()).map_err(pb)?),
            _ => {}
        }
    }
    if sb.id.is_empty() {
        return Err(pb("PodSandboxStatus without an id"));
    }
    Ok(sb)
}

fn json_at<'a>(v: &'a Json, path: &[&str]) -> Option<&'a Json> {
    let mut v = v;
    for p in path {
        v = v.get(p)?;
    }
    Some(v)
}

fn strip_sha(s: &str) -> Option<&str> {
    let h = s.strip_prefix("sha256:").unwrap_or(s);
    (h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit())).then_some(h)
}

/// Name of a CRI MountPropagation, as the container plugin writes it.
pub fn propagation_name(p: u64) -> &'static str {
    match p {
        0 => "private",
        1 => "rslave",
        2 => "rshared",
        _ => "unknown",
    }
}

const NODE: u64 = 2;

fn keep_short(pairs: &[(String, String)], max: usize) -> Vec<(String, String)> {
    pairs
        .iter()
        .filter(|(_, v)| v.len() <= max)
        .cloned()
        .collect()
}

fn apply_sandbox(c: &mut ContainerInfo, sb: &Sandbox, label_max_len: usize) {
    c.sandbox_id = sb.id.clone();
    c.ip = sb.ip.clone();
    c.host_network = sb.modes[0] == NODE;
    c.host_pid = sb.modes[1] == NODE;
    c.host_ipc = sb.modes[2] == NODE;
    c.pod_labels = keep_short(&sb.labels, label_max_len);
    c.labels.retain(|(k, _)| {
        !matches!(
            k.as_str(),
            "io.kubernetes.sandbox.id"
                | "io.kubernetes.pod.uid"
                | "io.kubernetes.pod.name"
                | "io.kubernetes.pod.namespace"
        )
    });
    c.labels
        .push(("io.kubernetes.sandbox.id".into(), sb.id.clone()));
    c.labels
        .push(("io.kubernetes.pod.uid".into(), sb.uid.clone()));
    c.labels
        .push(("io.kubernetes.pod.name".into(), sb.name.clone()));
    c.labels
        .push(("io.kubernetes.pod.namespace".into(), sb.namespace.clone()));
}

/// The container described by a status and, when found, its pod's sandbox.
pub fn container_info(
    kind: RuntimeKind,
    st: &Status,
    sb: Option<&Sandbox>,
    label_max_len: usize,
) -> ContainerInfo {
    let info: Json = serde_json::from_str(&st.info).unwrap_or(Json::Null);
    let flag = |path: &[&str]| json_at(&info, path).and_then(Json::as_bool);
    let privileged = flag(&["runtimeSpec", "linux", "security_context", "privileged"])
        .or_else(|| flag(&["config", "linux", "security_context", "privileged"]))
        .or_else(|| flag(&["privileged"]))
        .unwrap_or(false);

    // The image: the name from the status, or from the OCI spec's annotations when the
    // status only has an id; the digest from `image_ref` (`repo@sha256:...` or
    // `sha256:...`).
    let mut image = st.image.clone();
    let mut digest = String::new();
    let mut tag_from_status = false;
    match st.image_ref.find("sha256:") {
        Some(0) => digest = st.image_ref.clone(),
        Some(i) if st.image_ref.as_bytes()[i - 1] == b'@' => {
            image = st.image_ref[..i - 1].to_string();
            digest = st.image_ref[i..].to_string();
            tag_from_status = true;
        }
        _ => {}
    }
    if image.is_empty() || image.starts_with("sha256") {
        let ann = |k: &str| {
            json_at(&info, &["runtimeSpec", "annotations", k])
                .and_then(Json::as_str)
                .map(str::to_string)
        };
        if let Some(n) = ann("io.kubernetes.cri.image-name")
            .or_else(|| ann("io.kubernetes.cri-o.Image"))
            .or_else(|| ann("io.kubernetes.cri-o.ImageName"))
        {
            image = n;
            tag_from_status = false;
        }
    }
    let (repo, tag) = split_repo_tag(&image);
    let (repo, mut tag) = (repo.to_string(), tag.to_string());
    if tag_from_status {
        let (_, t) = split_repo_tag(&st.image);
        if !t.is_empty() {
            tag = t.to_string();
            image = format!("{image}:{t}");
        }
    }
    let image_id = json_at(&info, &["config", "image", "image"])
        .and_then(Json::as_str)
        .and_then(strip_sha)
        .or_else(|| strip_sha(&st.image_id))
        .or_else(|| {
            st.image_ref
                .starts_with("sha256:")
                .then(|| strip_sha(&st.image_ref))
                .flatten()
        })
        .unwrap_or("")
        .to_string();

    let mut c = ContainerInfo {
        id: st.id.chars().take(super::super::CONTAINER_ID_LEN).collect(),
        full_id: st.id.clone(),
        kind,
        name: st.name.clone(),
        image,
        image_id,
        image_repo: repo,
        image_tag: tag,
        image_digest: digest,
        privileged,
        mounts: st
            .mounts
            .iter()
            .map(|m| {
                Mount::new(
                    &m.host_path,
                    &m.container_path,
                    "",
                    !m.readonly,
                    propagation_name(m.propagation),
                )
            })
            .collect(),
        labels: keep_short(&st.labels, label_max_len),
        created_ns: u64::try_from(st.created_at).unwrap_or(0),
        ..ContainerInfo::default()
    };
    if let Some(sb) = sb {
        apply_sandbox(&mut c, sb, label_max_len);
    }
    c.finish();
    c
}

/// A pod's sandbox (its pause container) as a container.
pub fn sandbox_info(kind: RuntimeKind, sb: &Sandbox, label_max_len: usize) -> ContainerInfo {
    let mut c = ContainerInfo {
        id: sb.id.chars().take(super::super::CONTAINER_ID_LEN).collect(),
        full_id: sb.id.clone(),
        kind,
        name: sb.name.clone(),
        is_pod_sandbox: true,
        labels: keep_short(&sb.labels, label_max_len),
        created_ns: u64::try_from(sb.created_at).unwrap_or(0),
        ..ContainerInfo::default()
    };
    apply_sandbox(&mut c, sb, label_max_len);
    c.finish();
    c
}

/// Look container `id` (a prefix of its full id) up on the CRI socket `sock`.
pub fn lookup(cfg: &RuntimeConfig, sock: &Path, id: &str) -> R<ContainerInfo> {
    let mut ch = Channel::connect(sock, cfg.timeout, cfg.max_answer)?;
    let kind = parse_version(&ch.call(VERSION, &version_request())?)?;
    let found = parse_list(&ch.call(LIST_CONTAINERS, &list_request(id))?)?;
    let Some((full, sandbox)) = found.into_iter().find(|(f, _)| f.starts_with(id)) else {
        let sb = parse_sandbox(&ch.call(POD_SANDBOX_STATUS, &status_request(id, false))?)?;
        return Ok(sandbox_info(kind, &sb, cfg.label_max_len));
    };
    let st = parse_status(&ch.call(CONTAINER_STATUS, &status_request(&full, true))?)?;
    // Without its pod, the container keeps what its own status says.
    let sb = if sandbox.is_empty() {
        None
    } else {
        ch.call(POD_SANDBOX_STATUS, &status_request(&sandbox, false))
            .and_then(|b| parse_sandbox(&b))
            .ok()
    };
    Ok(container_info(kind, &st, sb.as_ref(), cfg.label_max_len))
}
