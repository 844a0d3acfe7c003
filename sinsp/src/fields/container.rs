//! The `container` class (and the `k8s` fields rules use), as Falco's container plugin
//! defines them. `container.id` comes from the cgroups of the thread (the 12-character
//! short id, `host` for host processes); `container.name`, `container.full_id` and
//! `container.type` are `host` for host processes. Everything else about a container comes
//! from its metadata in the state (`State::container`: fetched from the runtimes in live
//! mode, see `state::runtime`): until it is known, those fields have no value, as with the
//! plugin before its metadata arrives (sysdig 0.29 shows `docker`, `false` and an empty
//! string for a container whose lookup failed; the plugin, which we follow, nothing).
//! `k8s.pod.uid` falls back to the pod's cgroup path.
//!
//! `container.mount[ARG]` and `container.mount.{dest,mode,rdwr,propagation}[ARG]` pick a
//! mount by index (a number) or by its source matched as a glob; `container.mount.source
//! [ARG]` by index or by destination (libsinsp's `fnmatch`; the plugin matches a regular
//! expression, for which the globs of the upstream rules mean the same). No match: no
//! value.

use falco_schema::ParamType;

use super::{ArgKind, Class, Ctx, FieldDef, FieldRef};
use crate::filter::glob::fnmatch;
use crate::state::{runtime::Mount, ContainerInfo, CONTAINER_ID_LEN};
use crate::time::TimeFormatter;
use crate::value::Value;

const ID: u16 = 0;
const FULL_ID: u16 = 1;
const NAME: u16 = 2;
const IMAGE: u16 = 3;
const IMAGE_ID: u16 = 4;
const IMAGE_REPOSITORY: u16 = 5;
const IMAGE_TAG: u16 = 6;
const IMAGE_DIGEST: u16 = 7;
const TYPE: u16 = 8;
const PRIVILEGED: u16 = 9;
const MOUNTS: u16 = 10;
const MOUNT: u16 = 11;
const MOUNT_SOURCE: u16 = 12;
const MOUNT_DEST: u16 = 13;
const START_TS: u16 = 14;
const DURATION: u16 = 15;
const IP: u16 = 16;
const K8S_NS_NAME: u16 = 17;
const K8S_POD_NAME: u16 = 18;
const K8S_POD_UID: u16 = 19;
const MOUNT_MODE: u16 = 20;
const MOUNT_RDWR: u16 = 21;
const MOUNT_PROPAGATION: u16 = 22;
const LABEL: u16 = 23;
const LABELS: u16 = 24;
const HOST_PID: u16 = 25;
const HOST_NETWORK: u16 = 26;
const HOST_IPC: u16 = 27;
const K8S_POD_ID: u16 = 28;
const K8S_POD_SANDBOX_ID: u16 = 29;
const K8S_POD_FULL_SANDBOX_ID: u16 = 30;
const K8S_POD_IP: u16 = 31;
const K8S_POD_LABEL: u16 = 32;
const K8S_POD_LABELS: u16 = 33;

const fn d(
    name: &'static str,
    ty: ParamType,
    arg: ArgKind,
    id: u16,
    desc: &'static str,
) -> FieldDef {
    FieldDef {
        name,
        ty,
        arg,
        desc,
        list: false,
        class: Class::Container,
        id,
    }
}

use ArgKind::{None as NoArg, Required as Req};
use ParamType::{Abstime, Bool, Charbuf, Reltime};

/// The fields of this class; `FIELDS[i].id == i`.
pub(super) static FIELDS: &[FieldDef] = &[
    d(
        "container.id",
        Charbuf,
        NoArg,
        ID,
        "the container id, 12 characters, from the process's cgroups; 'host' for host processes",
    ),
    d(
        "container.full_id",
        Charbuf,
        NoArg,
        FULL_ID,
        "the full container id ('host' for host processes)",
    ),
    d(
        "container.name",
        Charbuf,
        NoArg,
        NAME,
        "the container name ('host' for host processes)",
    ),
    d(
        "container.image",
        Charbuf,
        NoArg,
        IMAGE,
        "the container image",
    ),
    d(
        "container.image.id",
        Charbuf,
        NoArg,
        IMAGE_ID,
        "the container image id",
    ),
    d(
        "container.image.repository",
        Charbuf,
        NoArg,
        IMAGE_REPOSITORY,
        "the container image repository",
    ),
    d(
        "container.image.tag",
        Charbuf,
        NoArg,
        IMAGE_TAG,
        "the container image tag",
    ),
    d(
        "container.image.digest",
        Charbuf,
        NoArg,
        IMAGE_DIGEST,
        "the container image digest",
    ),
    d(
        "container.type",
        Charbuf,
        NoArg,
        TYPE,
        "the container runtime: docker, podman, cri-o, containerd ('host' for host processes)",
    ),
    d(
        "container.privileged",
        Bool,
        NoArg,
        PRIVILEGED,
        "true for privileged containers",
    ),
    d(
        "container.mounts",
        Charbuf,
        NoArg,
        MOUNTS,
        "the container's mounts",
    ),
    d(
        "container.mount",
        Charbuf,
        Req,
        MOUNT,
        "one mount, by index or source path",
    ),
    d(
        "container.mount.source",
        Charbuf,
        Req,
        MOUNT_SOURCE,
        "a mount's source, by index or destination",
    ),
    d(
        "container.mount.dest",
        Charbuf,
        Req,
        MOUNT_DEST,
        "a mount's destination, by index or source",
    ),
    d(
        "container.start_ts",
        Abstime,
        NoArg,
        START_TS,
        "container start, ns since the epoch: the start of its pid namespace",
    ),
    d(
        "container.duration",
        Reltime,
        NoArg,
        DURATION,
        "ns since the container started",
    ),
    d(
        "container.ip",
        Charbuf,
        NoArg,
        IP,
        "the container's IP address",
    ),
    d(
        "k8s.ns.name",
        Charbuf,
        NoArg,
        K8S_NS_NAME,
        "Kubernetes namespace (io.kubernetes.pod.namespace label)",
    ),
    d(
        "k8s.pod.name",
        Charbuf,
        NoArg,
        K8S_POD_NAME,
        "Kubernetes pod name (io.kubernetes.pod.name label)",
    ),
    d(
        "k8s.pod.uid",
        Charbuf,
        NoArg,
        K8S_POD_UID,
        "Kubernetes pod uid (io.kubernetes.pod.uid label, else the pod's cgroup path)",
    ),
    d(
        "container.mount.mode",
        Charbuf,
        Req,
        MOUNT_MODE,
        "a mount's mode, by index or source",
    ),
    d(
        "container.mount.rdwr",
        Charbuf,
        Req,
        MOUNT_RDWR,
        "'true' for a writable mount, by index or source",
    ),
    d(
        "container.mount.propagation",
        Charbuf,
        Req,
        MOUNT_PROPAGATION,
        "a mount's propagation, by index or source",
    ),
    d(
        "container.label",
        Charbuf,
        Req,
        LABEL,
        "a container label, by key (container.label.foo, container.label[foo])",
    ),
    d(
        "container.labels",
        Charbuf,
        NoArg,
        LABELS,
        "the container labels, 'key:value' comma-separated",
    ),
    d(
        "container.host_pid",
        Bool,
        NoArg,
        HOST_PID,
        "true if the container shares the host's pid namespace",
    ),
    d(
        "container.host_network",
        Bool,
        NoArg,
        HOST_NETWORK,
        "true if the container shares the host's network namespace",
    ),
    d(
        "container.host_ipc",
        Bool,
        NoArg,
        HOST_IPC,
        "true if the container shares the host's IPC namespace",
    ),
    d(
        "k8s.pod.id",
        Charbuf,
        NoArg,
        K8S_POD_ID,
        "legacy name of k8s.pod.uid",
    ),
    d(
        "k8s.pod.sandbox_id",
        Charbuf,
        NoArg,
        K8S_POD_SANDBOX_ID,
        "the pod's sandbox id, 12 characters (io.kubernetes.sandbox.id label)",
    ),
    d(
        "k8s.pod.full_sandbox_id",
        Charbuf,
        NoArg,
        K8S_POD_FULL_SANDBOX_ID,
        "the pod's full sandbox id",
    ),
    d(
        "k8s.pod.ip",
        Charbuf,
        NoArg,
        K8S_POD_IP,
        "the pod's IP address (the container's)",
    ),
    d(
        "k8s.pod.label",
        Charbuf,
        Req,
        K8S_POD_LABEL,
        "a Kubernetes pod label, by key (from the runtime's pod sandbox)",
    ),
    d(
        "k8s.pod.labels",
        Charbuf,
        NoArg,
        K8S_POD_LABELS,
        "the Kubernetes pod labels, 'key:value' comma-separated",
    ),
];

const _: () = {
    let mut i = 0;
    while i < FIELDS.len() {
        assert!(FIELDS[i].id as usize == i);
        i += 1;
    }
};

/// The pod uid in a kubepods cgroup path (`.../pod<uid>/...`, dashes or underscores).
fn pod_uid(path: &[u8]) -> Option<&[u8]> {
    for comp in path.split(|&b| b == b'/') {
        let comp = comp.strip_suffix(b".slice").unwrap_or(comp);
        let Some(i) = memchr::memmem::find(comp, b"pod") else {
            continue;
        };
        let uid = &comp[i + 3..];
        if uid.len() == 36
            && uid
                .iter()
                .all(|b| b.is_ascii_hexdigit() || *b == b'-' || *b == b'_')
        {
            return Some(uid);
        }
    }
    None
}

/// The mount `arg` names: an index, else a glob on the source (on the destination for
/// `container.mount.source`).
fn mount<'c>(c: &'c ContainerInfo, arg: &str, by_dest: bool) -> Option<&'c Mount> {
    if !arg.is_empty() && arg.bytes().all(|b| b.is_ascii_digit()) {
        return c.mounts.get(arg.parse::<usize>().ok()?);
    }
    c.mounts.iter().find(|m| {
        let s = if by_dest { &m.dest } else { &m.source };
        fnmatch(arg.as_bytes(), s.as_bytes(), false)
    })
}

pub(super) fn extract<'a>(f: &FieldRef, ctx: &Ctx<'a>) -> Option<Value<'a>> {
    let t = ctx.state.thread(ctx.ev.tid() as i64)?;
    let id = t.container_id();
    let meta = || -> Option<&'a ContainerInfo> { ctx.state.container(id?) };
    let text = |s: &'a str| Value::Str(s.as_bytes());
    Some(match f.def().id {
        ID => Value::Str(id.unwrap_or(b"host")),
        FULL_ID | NAME | TYPE => match (id, f.def().id) {
            (None, _) => Value::Str(b"host"),
            (Some(_), FULL_ID) => text(&meta()?.full_id),
            (Some(_), NAME) => text(&meta()?.name),
            (Some(_), _) => text(meta()?.kind.name()),
        },
        IMAGE => text(&meta()?.image),
        IMAGE_ID => text(&meta()?.image_id),
        IMAGE_REPOSITORY => text(&meta()?.image_repo),
        IMAGE_TAG => text(&meta()?.image_tag),
        IMAGE_DIGEST => text(&meta()?.image_digest),
        PRIVILEGED => Value::Bool(meta()?.privileged),
        HOST_PID => Value::Bool(meta()?.host_pid),
        HOST_NETWORK => Value::Bool(meta()?.host_network),
        HOST_IPC => Value::Bool(meta()?.host_ipc),
        MOUNTS => text(&meta()?.mounts_text),
        MOUNT | MOUNT_SOURCE | MOUNT_DEST | MOUNT_MODE | MOUNT_RDWR | MOUNT_PROPAGATION => {
            let fid = f.def().id;
            let m = mount(meta()?, f.arg()?, fid == MOUNT_SOURCE)?;
            match fid {
                MOUNT => text(m.text()),
                MOUNT_SOURCE => text(&m.source),
                MOUNT_DEST => text(&m.dest),
                MOUNT_MODE => text(&m.mode),
                MOUNT_RDWR => Value::Str(if m.rw { b"true" } else { b"false" }),
                _ => text(&m.propagation),
            }
        }
        IP | K8S_POD_IP => text(&meta()?.ip),
        LABEL => text(meta()?.label(f.arg()?)?),
        LABELS => text(&meta()?.labels_text),
        K8S_NS_NAME => text(meta()?.pod_namespace()?),
        K8S_POD_NAME => text(meta()?.pod_name()?),
        K8S_POD_SANDBOX_ID => {
            let s = meta()?.pod_sandbox_id()?;
            text(s.get(..CONTAINER_ID_LEN).unwrap_or(s))
        }
        K8S_POD_FULL_SANDBOX_ID => text(meta()?.pod_sandbox_id()?),
        K8S_POD_LABEL | K8S_POD_LABELS => {
            // The container's own pod labels, else its sandbox's (as the plugin does).
            let c = meta()?;
            let c = if c.pod_labels.is_empty() {
                let sandbox = c.pod_sandbox_id()?.get(..CONTAINER_ID_LEN)?;
                ctx.state.container(sandbox.as_bytes())?
            } else {
                c
            };
            match f.def().id {
                K8S_POD_LABEL => text(c.pod_label(f.arg()?)?),
                _ => text(&c.pod_labels_text),
            }
        }
        START_TS | DURATION => {
            id?;
            let ts = t.pidns_init_start_ts;
            if ts == 0 {
                return None;
            }
            if f.def().id == START_TS {
                Value::Uint(ts)
            } else {
                Value::Uint(ctx.ev.ts().saturating_sub(ts))
            }
        }
        K8S_POD_UID | K8S_POD_ID => {
            id?;
            if let Some(uid) = meta().and_then(ContainerInfo::pod_uid) {
                return Some(text(uid));
            }
            let (_, p) = t.cgroups().find(|(_, p)| pod_uid(p).is_some())?;
            Value::Str(pod_uid(p)?)
        }
        _ => return None,
    })
}

pub(super) fn render(
    f: &FieldRef,
    ctx: &Ctx<'_>,
    _tf: &mut TimeFormatter,
    _scratch: &mut Vec<u8>,
    out: &mut Vec<u8>,
) -> bool {
    match extract(f, ctx) {
        Some(v) => {
            v.write_text(out);
            true
        }
        None => false,
    }
}
