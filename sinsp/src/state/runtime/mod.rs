//! Container metadata from the local container runtimes, fetched in the background and
//! cached by container id, as Falco's container plugin does.
//!
//! * [`ContainerInfo`]: what is known of a container (name, image and its repository, tag,
//!   digest and id, runtime, privileged flag, mounts, labels, IP, Kubernetes pod from the
//!   `io.kubernetes.*` labels).
//! * [`RuntimeConfig`]: which runtime sockets to ask, with what deadline. [`RuntimeConfig::
//!   from_env`] gives Falco's defaults: Docker at `/var/run/docker.sock`, Podman at
//!   `/run/podman/podman.sock` and `$XDG_RUNTIME_DIR/podman/podman.sock` (its
//!   docker-compatible API, so the same client serves both), and the CRI runtimes
//!   (containerd, CRI-O) at [`CRI_SOCKETS`], asked through CRI's gRPC API ([`cri`]).
//! * [`Containers`]: the cache and the lookups. [`Containers::want`] is called with the
//!   container id of each event's thread; an id never seen is sent to a background thread
//!   (one, started on first need) that asks each socket in turn. [`Containers::poll`]
//!   takes the finished lookups without blocking (a channel drained with `try_recv`). Until
//!   a lookup finishes, and forever when it fails, the container has no metadata and its
//!   fields no value, as with the plugin before its metadata arrives. A failed id is asked
//!   again when seen after [`RuntimeConfig::retry_after`]. At most [`MAX_CONTAINERS`] are
//!   kept (runtimes are not watched for removals; a forgotten container is asked again).
//! * Captures: the container events libsinsp and the container plugin record
//!   (`PPME_CONTAINER_JSON_E`, `_2_E`, `PPME_CONTAINER_E`, the plugin's `container` async
//!   events) fill the same cache during a replay ([`Containers::on_event`]).
//!
//! The event path never waits for a runtime: `want` costs a comparison with the previous
//! event's id (and a hash lookup when it changes), `poll` one atomic check when nothing
//! finished.
//!
//! The CRI client is our own, small and synchronous like the rest of this thread: HTTP/2
//! for unary calls ([`h2`], with the HPACK decoder in [`hpack`]) and the few protobuf
//! messages by hand ([`proto`], [`cri`]). The usual stack (tonic, prost, hyper, h2) would
//! bring an async runtime (tokio) and a code generator into the state library for four
//! calls made off the event path.
//!
//! Not covered: containerd's native API (the container plugin's `containerd` engine, for
//! containers created outside Kubernetes by `ctr` or nerdctl: CRI lists only those it
//! created), and the CNI result of a pod.

pub mod cri;
mod docker;
mod event;
pub mod h2;
pub mod hpack;
pub mod http;
pub mod proto;

#[cfg(test)]
mod cri_tests;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, TryRecvError};

pub use docker::{parse_rfc3339, split_repo_tag, LABEL_MAX_LEN};
pub use event::from_capture_json;
pub use http::LookupError;

use super::container::SHORT_ID;
use super::IdHasher;

/// The runtime that runs a container (`container.type`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum RuntimeKind {
    /// Docker Engine.
    #[default]
    Docker,
    /// Podman.
    Podman,
    /// CRI-O.
    CriO,
    /// containerd.
    Containerd,
    /// Another CRI runtime.
    Cri,
    /// LXC.
    Lxc,
    /// libvirt's LXC driver.
    LibvirtLxc,
    /// Mesos (deprecated upstream).
    Mesos,
    /// rkt (deprecated upstream).
    Rkt,
    /// Cloud Foundry's bpm.
    Bpm,
    /// Anything else a capture names (custom, static, unknown): no name.
    Other,
}

impl RuntimeKind {
    /// The name `container.type` shows.
    pub fn name(self) -> &'static str {
        match self {
            RuntimeKind::Docker => "docker",
            RuntimeKind::Podman => "podman",
            RuntimeKind::CriO => "cri-o",
            RuntimeKind::Containerd => "containerd",
            RuntimeKind::Cri => "cri",
            RuntimeKind::Lxc => "lxc",
            RuntimeKind::LibvirtLxc => "libvirt-lxc",
            RuntimeKind::Mesos => "mesos",
            RuntimeKind::Rkt => "rkt",
            RuntimeKind::Bpm => "bpm",
            RuntimeKind::Other => "",
        }
    }

    /// The kind numbered `n` in libsinsp's `sinsp_container_type` (capture events).
    pub fn from_code(n: u64) -> RuntimeKind {
        match n {
            0 => RuntimeKind::Docker,
            1 => RuntimeKind::Lxc,
            2 => RuntimeKind::LibvirtLxc,
            3 => RuntimeKind::Mesos,
            4 => RuntimeKind::Rkt,
            6 => RuntimeKind::Cri,
            7 => RuntimeKind::Containerd,
            8 => RuntimeKind::CriO,
            9 => RuntimeKind::Bpm,
            11 => RuntimeKind::Podman,
            _ => RuntimeKind::Other,
        }
    }
}

/// One mount of a container.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mount {
    /// Host path (or volume path).
    pub source: String,
    /// Path in the container.
    pub dest: String,
    /// Mode as the runtime reports it (`ro`, `z`, ...; often empty).
    pub mode: String,
    /// Writable.
    pub rw: bool,
    /// Propagation (`rprivate`, `rshared`, ...).
    pub propagation: String,
    /// `source:dest:mode:rw:propagation` (built by [`ContainerInfo::finish`]).
    text: String,
}

impl Mount {
    /// A mount.
    pub fn new(source: &str, dest: &str, mode: &str, rw: bool, propagation: &str) -> Mount {
        Mount {
            source: source.into(),
            dest: dest.into(),
            mode: mode.into(),
            rw,
            propagation: propagation.into(),
            text: String::new(),
        }
    }

    /// `source:dest:mode:rw:propagation`, as `container.mount` shows it.
    pub fn text(&self) -> &str {
        &self.text
    }

    fn write_text(&self, out: &mut String) {
        out.push_str(&self.source);
        out.push(':');
        out.push_str(&self.dest);
        out.push(':');
        out.push_str(&self.mode);
        out.push(':');
        out.push_str(if self.rw { "true" } else { "false" });
        out.push(':');
        out.push_str(&self.propagation);
    }
}

/// What a runtime says of a container.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContainerInfo {
    /// Short id (12 characters), the cache key.
    pub id: String,
    /// Full id.
    pub full_id: String,
    /// Runtime.
    pub kind: RuntimeKind,
    /// Name (without Docker's leading `/`).
    pub name: String,
    /// Image as the container was created from it (`nginx:1.25`).
    pub image: String,
    /// Image id (hex, without `sha256:`).
    pub image_id: String,
    /// Image repository (`docker.io/library/nginx`, `registry:5000/team/app`).
    pub image_repo: String,
    /// Image tag.
    pub image_tag: String,
    /// Image digest (`sha256:...`).
    pub image_digest: String,
    /// Privileged container.
    pub privileged: bool,
    /// Shares the host's pid namespace.
    pub host_pid: bool,
    /// Shares the host's network namespace.
    pub host_network: bool,
    /// Shares the host's IPC namespace.
    pub host_ipc: bool,
    /// Mounts, in the runtime's order.
    pub mounts: Vec<Mount>,
    /// Labels, sorted by key.
    pub labels: Vec<(String, String)>,
    /// Primary IPv4 address.
    pub ip: String,
    /// Creation time, ns since the epoch (0: unknown).
    pub created_ns: u64,
    /// The pause container of a Kubernetes pod (docker name `k8s_POD_...`).
    pub is_pod_sandbox: bool,
    /// Full id of the pod's sandbox as the runtime gives it (capture events, CRI); else
    /// from the `io.kubernetes.sandbox.id` label.
    pub sandbox_id: String,
    /// The pod's labels (capture events, CRI), sorted by key.
    pub pod_labels: Vec<(String, String)>,
    /// `k8s.pod.labels`: `key:value` pairs, comma-separated (built by [`finish`]).
    ///
    /// [`finish`]: ContainerInfo::finish
    pub pod_labels_text: String,
    /// `container.mounts`: every mount's text, comma-separated (built by [`finish`]).
    ///
    /// [`finish`]: ContainerInfo::finish
    pub mounts_text: String,
    /// `container.labels`: `key:value` pairs, comma-separated (built by [`finish`]).
    ///
    /// [`finish`]: ContainerInfo::finish
    pub labels_text: String,
}

impl ContainerInfo {
    /// The value of label `key`.
    pub fn label(&self, key: &str) -> Option<&str> {
        self.labels
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .map(|i| self.labels[i].1.as_str())
    }

    /// Kubernetes pod name (`io.kubernetes.pod.name`).
    pub fn pod_name(&self) -> Option<&str> {
        self.label("io.kubernetes.pod.name")
    }

    /// Kubernetes namespace (`io.kubernetes.pod.namespace`).
    pub fn pod_namespace(&self) -> Option<&str> {
        self.label("io.kubernetes.pod.namespace")
    }

    /// Kubernetes pod uid (`io.kubernetes.pod.uid`).
    pub fn pod_uid(&self) -> Option<&str> {
        self.label("io.kubernetes.pod.uid")
    }

    /// Full id of the pod's sandbox (`io.kubernetes.sandbox.id`, set by dockershim and
    /// cri-dockerd; the sandbox itself for a pause container).
    pub fn pod_sandbox_id(&self) -> Option<&str> {
        if !self.sandbox_id.is_empty() {
            return Some(&self.sandbox_id);
        }
        match self.label("io.kubernetes.sandbox.id") {
            Some(s) => Some(s),
            None if self.is_pod_sandbox => Some(&self.full_id),
            None => None,
        }
    }

    /// The value of pod label `key`.
    pub fn pod_label(&self, key: &str) -> Option<&str> {
        self.pod_labels
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .map(|i| self.pod_labels[i].1.as_str())
    }

    /// Sort the labels and build the texts of `container.mounts` and `container.labels`;
    /// to be called once the other members are set.
    pub fn finish(&mut self) {
        self.labels.sort();
        self.labels.dedup_by(|a, b| a.0 == b.0);
        self.mounts_text.clear();
        for (i, m) in self.mounts.iter_mut().enumerate() {
            let mut t = String::new();
            m.write_text(&mut t);
            if i > 0 {
                self.mounts_text.push(',');
            }
            self.mounts_text.push_str(&t);
            m.text = t;
        }
        self.pod_labels.sort();
        self.pod_labels.dedup_by(|a, b| a.0 == b.0);
        self.labels_text = pairs_text(&self.labels);
        self.pod_labels_text = pairs_text(&self.pod_labels);
    }
}

fn pairs_text(pairs: &[(String, String)]) -> String {
    let mut t = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            t.push(',');
        }
        t.push_str(k);
        t.push(':');
        t.push_str(v);
    }
    t
}

/// The container plugin's default sockets of its `cri` engine: containerd (also k3s's and
/// Bottlerocket's host containerd) and CRI-O.
pub const CRI_SOCKETS: [&str; 4] = [
    "/run/containerd/containerd.sock",
    "/run/crio/crio.sock",
    "/run/k3s/containerd/containerd.sock",
    "/run/host-containerd/containerd.sock",
];

/// Where and how to look containers up.
#[derive(Clone, Debug)]
pub struct RuntimeConfig {
    /// Sockets to ask, in order, with the runtime each belongs to: Docker and Podman are
    /// asked through the Docker Engine API (HTTP/1.1), [`RuntimeKind::Cri`] (and
    /// `Containerd`, `CriO`) through CRI (gRPC). Absent sockets are skipped.
    pub sockets: Vec<(RuntimeKind, PathBuf)>,
    /// Deadline of one request (connect, send, whole answer).
    pub timeout: Duration,
    /// Largest answer accepted, bytes.
    pub max_answer: usize,
    /// A failed lookup is tried again when the container is seen after this long.
    pub retry_after: Duration,
    /// Labels with longer values are dropped (the plugin's `label_max_len`).
    pub label_max_len: usize,
    /// Engines the configuration enables that this client cannot ask (containerd's native
    /// API: see the module overview), with their sockets, for the caller to warn about.
    pub unsupported: Vec<(String, Vec<PathBuf>)>,
}

impl Default for RuntimeConfig {
    fn default() -> RuntimeConfig {
        RuntimeConfig {
            sockets: Vec::new(),
            timeout: Duration::from_secs(2),
            max_answer: 4 << 20,
            retry_after: Duration::from_secs(30),
            label_max_len: LABEL_MAX_LEN,
            unsupported: Vec::new(),
        }
    }
}

impl RuntimeConfig {
    /// Falco's default sockets: Docker (`/var/run/docker.sock`), Podman as root
    /// (`/run/podman/podman.sock`) and rootless (`$XDG_RUNTIME_DIR/podman/podman.sock`),
    /// then the CRI runtimes ([`CRI_SOCKETS`]); all under `$HOST_ROOT` when set (see
    /// [`RuntimeConfig::under_root`]).
    pub fn from_env() -> RuntimeConfig {
        let mut cfg = RuntimeConfig::defaults();
        cfg.under_root(std::env::var_os("HOST_ROOT").as_deref().map(Path::new));
        cfg
    }

    /// Look for every socket under `root` (Falco in a container sees the host's sockets
    /// under `$HOST_ROOT`, `/host` in the Helm chart, and the container plugin prefixes its
    /// sockets with it). `None` or an empty path changes nothing.
    pub fn under_root(&mut self, root: Option<&Path>) {
        let Some(root) = root.filter(|r| !r.as_os_str().is_empty()) else {
            return;
        };
        for (_, s) in &mut self.sockets {
            *s = root.join(s.strip_prefix("/").unwrap_or(s));
        }
        for (_, socks) in &mut self.unsupported {
            for s in socks {
                *s = root.join(s.strip_prefix("/").unwrap_or(s));
            }
        }
    }

    fn defaults() -> RuntimeConfig {
        let mut sockets = vec![
            (RuntimeKind::Docker, PathBuf::from("/var/run/docker.sock")),
            (
                RuntimeKind::Podman,
                PathBuf::from("/run/podman/podman.sock"),
            ),
        ];
        if let Some(x) = std::env::var_os("XDG_RUNTIME_DIR").filter(|x| !x.is_empty()) {
            sockets.push((
                RuntimeKind::Podman,
                PathBuf::from(x).join("podman/podman.sock"),
            ));
        }
        for s in CRI_SOCKETS {
            sockets.push((RuntimeKind::Cri, PathBuf::from(s)));
        }
        RuntimeConfig {
            sockets,
            ..RuntimeConfig::default()
        }
    }
}

impl RuntimeConfig {
    /// The configuration of Falco's container plugin (its `init_config`, as JSON), so that a
    /// `falco.yaml` written for Falco works unchanged:
    ///
    /// ```yaml
    /// init_config:
    ///   label_max_len: 100
    ///   engines:
    ///     docker: {enabled: true, sockets: ['/var/run/docker.sock']}
    ///     podman: {enabled: true, sockets: ['/run/podman/podman.sock']}
    ///     containerd: {enabled: true, sockets: ['/run/containerd/containerd.sock']}
    ///     cri: {enabled: true, sockets: ['/run/crio/crio.sock']}
    /// ```
    ///
    /// An engine left out, or given an empty `sockets` list, keeps its default sockets
    /// ([`RuntimeConfig::from_env`]); `enabled: false` drops it. `cri` sockets are asked
    /// through CRI. An enabled `containerd` engine (containerd's native API) is listed in
    /// [`RuntimeConfig::unsupported`]; `lxc`, `libvirt_lxc`, `bpm`, `hooks` and `with_size`
    /// are accepted and ignored. A member of the wrong type is an error naming it. All
    /// sockets are then looked for under `$HOST_ROOT`, as the plugin does.
    pub fn from_plugin_config(init: &serde_json::Value) -> Result<RuntimeConfig, String> {
        let mut cfg = RuntimeConfig::plugin_config(init)?;
        cfg.under_root(std::env::var_os("HOST_ROOT").as_deref().map(Path::new));
        Ok(cfg)
    }

    fn plugin_config(init: &serde_json::Value) -> Result<RuntimeConfig, String> {
        let mut cfg = RuntimeConfig::defaults();
        if init.is_null() {
            return Ok(cfg);
        }
        let init = init.as_object().ok_or("init_config: not a mapping")?;
        if let Some(v) = init.get("label_max_len") {
            cfg.label_max_len = v
                .as_u64()
                .ok_or("init_config.label_max_len: not a non-negative integer")?
                as usize;
        }
        let Some(engines) = init.get("engines") else {
            return Ok(cfg);
        };
        let engines = engines
            .as_object()
            .ok_or("init_config.engines: not a mapping")?;
        for (name, kind) in [
            ("docker", Some(RuntimeKind::Docker)),
            ("podman", Some(RuntimeKind::Podman)),
            ("cri", Some(RuntimeKind::Cri)),
            ("containerd", None),
        ] {
            let Some(e) = engines.get(name) else {
                continue;
            };
            let e = e
                .as_object()
                .ok_or_else(|| format!("init_config.engines.{name}: not a mapping"))?;
            let enabled = match e.get("enabled") {
                None => true,
                Some(v) => v
                    .as_bool()
                    .ok_or_else(|| format!("init_config.engines.{name}.enabled: not a bool"))?,
            };
            let sockets = match e.get("sockets") {
                None => None,
                // As the plugin: an empty list means the defaults.
                Some(v) if v.as_array().is_some_and(Vec::is_empty) => None,
                Some(v) => Some(
                    v.as_array()
                        .and_then(|a| {
                            a.iter()
                                .map(|s| s.as_str().map(PathBuf::from))
                                .collect::<Option<Vec<_>>>()
                        })
                        .ok_or_else(|| {
                            format!("init_config.engines.{name}.sockets: not a list of paths")
                        })?,
                ),
            };
            match kind {
                Some(k) => {
                    if !enabled || sockets.is_some() {
                        cfg.sockets.retain(|(sk, _)| *sk != k);
                    }
                    if enabled {
                        for s in sockets.unwrap_or_default() {
                            cfg.sockets.push((k, s));
                        }
                    }
                }
                None if enabled => cfg
                    .unsupported
                    .push((name.to_string(), sockets.unwrap_or_default())),
                None => {}
            }
        }
        Ok(cfg)
    }
}

/// Look container `id` (short or full) up: the first socket that knows it answers.
pub fn lookup(cfg: &RuntimeConfig, id: &str) -> Result<ContainerInfo, LookupError> {
    let mut last = LookupError::Io("no container runtime socket".into());
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(LookupError::Malformed("container id"));
    }
    for (kind, sock) in &cfg.sockets {
        if !sock.exists() {
            continue;
        }
        let r = match kind {
            RuntimeKind::Cri | RuntimeKind::Containerd | RuntimeKind::CriO => {
                cri::lookup(cfg, sock, id)
            }
            _ => lookup_docker(cfg, *kind, sock, id),
        };
        match r {
            Ok(c) => return Ok(c),
            Err(e) => last = e,
        }
    }
    Err(last)
}

fn lookup_docker(
    cfg: &RuntimeConfig,
    kind: RuntimeKind,
    sock: &std::path::Path,
    id: &str,
) -> Result<ContainerInfo, LookupError> {
    let get = |path: &str| http::get(sock, path, cfg.timeout, cfg.max_answer);
    let body = get(&format!("/containers/{id}/json"))?;
    let mut c = docker::parse_container(&body, kind).map_err(LookupError::Json)?;
    c.labels.retain(|(_, v)| v.len() <= cfg.label_max_len);
    c.finish();
    if !c.image_id.is_empty() && c.image_id.bytes().all(|b| b.is_ascii_hexdigit()) {
        // No image answer leaves what the container's reference says.
        if let Ok(img) = get(&format!("/images/{}/json", c.image_id)) {
            let _ = docker::apply_image(&mut c, &img);
        }
    }
    if c.ip.is_empty() {
        if let Some(peer) = docker::network_peer(&body)
            .filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()))
        {
            if let Ok(pb) = get(&format!("/containers/{peer}/json")) {
                if let Ok(pc) = docker::parse_container(&pb, kind) {
                    c.ip = pc.ip;
                }
            }
        }
    }
    Ok(c)
}

type Key = [u8; SHORT_ID];

/// Most containers kept (each costs its strings, typically under 2 KiB).
pub const MAX_CONTAINERS: usize = 65_536;

/// A container seen on this many events in a row is checked again (for retries).
const RECHECK_EVERY: u32 = 4096;

/// Outcome of one background lookup.
type Answer = (Key, Result<ContainerInfo, LookupError>);

/// The background lookup thread's ends.
#[derive(Debug)]
struct Worker {
    requests: Sender<Key>,
    answers: Receiver<Answer>,
}

/// Counters of the lookups.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LookupStats {
    /// Lookups asked for.
    pub requested: u64,
    /// Lookups that gave metadata.
    pub found: u64,
    /// Lookups that failed (no runtime knows the id, timeouts, bad answers).
    pub failed: u64,
}

/// Container metadata by short id, and the lookups that fill it (see the module overview).
#[derive(Debug, Default)]
pub struct Containers {
    cfg: Option<RuntimeConfig>,
    map: HashMap<Key, ContainerInfo, BuildHasherDefault<IdHasher>>,
    /// Lookups under way, and failed ones with when they failed.
    asked: HashMap<Key, Option<Instant>, BuildHasherDefault<IdHasher>>,
    worker: Option<Worker>,
    /// The id last given to `want`, and how many times in a row.
    last: Option<Key>,
    repeats: u32,
    stats: LookupStats,
    last_error: Option<String>,
}

impl Containers {
    /// A cache that looks containers up with `cfg`, or only holds what it is given.
    pub fn new(cfg: Option<RuntimeConfig>) -> Containers {
        Containers {
            cfg,
            ..Containers::default()
        }
    }

    /// True when runtimes are asked.
    pub fn lookups_enabled(&self) -> bool {
        self.cfg.is_some()
    }

    /// The metadata of container `id` (short id), when known.
    pub fn get(&self, id: &[u8]) -> Option<&ContainerInfo> {
        let k: Key = id.try_into().ok()?;
        self.map.get(&k)
    }

    /// Add or replace a container (from a capture's container events, or a caller's own
    /// source).
    pub fn insert(&mut self, mut c: ContainerInfo) {
        let Some(k) = key_of(c.id.as_bytes()).or_else(|| key_of(c.full_id.as_bytes())) else {
            return;
        };
        if c.id.len() != SHORT_ID {
            c.id = String::from_utf8_lossy(&k).into_owned();
        }
        self.asked.remove(&k);
        if self.map.len() >= MAX_CONTAINERS && !self.map.contains_key(&k) {
            // Runtimes do not tell us when containers go: bound the cache by forgetting
            // one (it is looked up again if seen again).
            if let Some(old) = self.map.keys().next().copied() {
                self.map.remove(&old);
            }
        }
        self.map.insert(k, c);
    }

    /// Forget container `id`.
    pub fn remove(&mut self, id: &[u8]) {
        if let Some(k) = key_of(id) {
            self.map.remove(&k);
            self.asked.remove(&k);
        }
    }

    /// Number of containers known.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when no container is known.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Counters.
    pub fn stats(&self) -> LookupStats {
        self.stats
    }

    /// The error of the last failed lookup, for diagnostics.
    pub fn last_error(&self) -> Option<&str> {
        self.last_error.as_deref()
    }

    /// Container `id` was seen: ask the runtimes about it unless it is known, being looked
    /// up, or failed less than `retry_after` ago. Never blocks.
    #[inline]
    pub fn want(&mut self, id: &[u8]) {
        if self.cfg.is_none() {
            return;
        }
        let Ok(k) = <Key>::try_from(id) else {
            return;
        };
        if self.last == Some(k) {
            // Look again now and then, so that a failed lookup is retried even when the
            // same container keeps the event stream to itself.
            self.repeats = self.repeats.wrapping_add(1);
            if self.repeats % RECHECK_EVERY != 0 {
                return;
            }
        }
        self.last = Some(k);
        self.want_slow(k);
    }

    #[cold]
    fn want_slow(&mut self, k: Key) {
        if self.map.contains_key(&k) {
            return;
        }
        let retry = self.cfg.as_ref().map_or(Duration::MAX, |c| c.retry_after);
        match self.asked.get(&k) {
            Some(None) => return,
            Some(Some(t)) if t.elapsed() < retry => return,
            _ => {}
        }
        let Some(w) = self.worker() else {
            return;
        };
        if w.requests.try_send(k).is_ok() {
            self.asked.insert(k, None);
            self.stats.requested += 1;
        }
    }

    /// Take the lookups that finished, without blocking; returns how many.
    #[inline]
    pub fn poll(&mut self) -> usize {
        let Some(w) = &self.worker else {
            return 0;
        };
        if w.answers.is_empty() {
            return 0;
        }
        self.poll_slow()
    }

    #[cold]
    fn poll_slow(&mut self) -> usize {
        let mut n = 0;
        loop {
            let Some(w) = &self.worker else {
                return n;
            };
            match w.answers.try_recv() {
                Ok(a) => {
                    n += 1;
                    self.apply(a);
                }
                Err(TryRecvError::Empty) => return n,
                Err(TryRecvError::Disconnected) => {
                    self.worker = None;
                    return n;
                }
            }
        }
    }

    fn apply(&mut self, a: Answer) {
        match a {
            (_, Ok(c)) => {
                self.stats.found += 1;
                self.insert(c);
            }
            (k, Err(e)) => {
                self.stats.failed += 1;
                self.last_error = Some(format!("container {}: {e}", String::from_utf8_lossy(&k)));
                self.asked.insert(k, Some(Instant::now()));
            }
        }
    }

    /// Wait up to `timeout` for the lookups under way (tests, and callers that prefer
    /// completeness to latency, e.g. before printing a summary).
    pub fn wait(&mut self, timeout: Duration) {
        let end = Instant::now() + timeout;
        while self.asked.values().any(Option::is_none) {
            let left = end.saturating_duration_since(Instant::now());
            let Some(w) = &self.worker else {
                return;
            };
            if left.is_zero() {
                return;
            }
            match w.answers.recv_timeout(left) {
                Ok(a) => self.apply(a),
                Err(crossbeam_channel::RecvTimeoutError::Timeout) => return,
                Err(crossbeam_channel::RecvTimeoutError::Disconnected) => {
                    self.worker = None;
                    return;
                }
            }
        }
    }

    fn worker(&mut self) -> Option<&Worker> {
        if self.worker.is_none() {
            let cfg = self.cfg.clone()?;
            let (req_tx, req_rx) = crossbeam_channel::bounded::<Key>(1024);
            let (ans_tx, ans_rx) = crossbeam_channel::unbounded::<Answer>();
            let spawned = std::thread::Builder::new()
                .name("container-meta".into())
                .spawn(move || {
                    // Ends when the cache (the requests' sender) is dropped.
                    for k in req_rx {
                        let id = String::from_utf8_lossy(&k).into_owned();
                        if ans_tx.send((k, lookup(&cfg, &id))).is_err() {
                            return;
                        }
                    }
                });
            if spawned.is_err() {
                self.cfg = None;
                return None;
            }
            self.worker = Some(Worker {
                requests: req_tx,
                answers: ans_rx,
            });
        }
        self.worker.as_ref()
    }
}

fn key_of(id: &[u8]) -> Option<Key> {
    id.get(..SHORT_ID)?.try_into().ok()
}
