//! The `container` class (and the `k8s` fields rules use): what can be derived without a
//! container runtime. `container.id` comes from the cgroups of the thread (the 12-character
//! short id, `host` for host processes); `container.name` is `host` for host processes and
//! has no value for containers (their name is only known to the runtime, as with Falco's
//! container plugin when the runtime cannot be queried, and as sysdig 0.29 shows for a
//! capture); image, mounts, privileges and Kubernetes metadata have no value.

use falco_schema::ParamType;

use super::{ArgKind, Class, Ctx, FieldDef, FieldRef};
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
        "the full container id (not known without a runtime; 'host' for host processes)",
    ),
    d(
        "container.name",
        Charbuf,
        NoArg,
        NAME,
        "the container name ('host' for host processes; not known without a runtime)",
    ),
    d(
        "container.image",
        Charbuf,
        NoArg,
        IMAGE,
        "the container image (not known without a runtime)",
    ),
    d(
        "container.image.id",
        Charbuf,
        NoArg,
        IMAGE_ID,
        "the container image id (not known without a runtime)",
    ),
    d(
        "container.image.repository",
        Charbuf,
        NoArg,
        IMAGE_REPOSITORY,
        "the container image repository (not known without a runtime)",
    ),
    d(
        "container.image.tag",
        Charbuf,
        NoArg,
        IMAGE_TAG,
        "the container image tag (not known without a runtime)",
    ),
    d(
        "container.image.digest",
        Charbuf,
        NoArg,
        IMAGE_DIGEST,
        "the container image digest (not known without a runtime)",
    ),
    d(
        "container.type",
        Charbuf,
        NoArg,
        TYPE,
        "the container runtime (not known without a runtime)",
    ),
    d(
        "container.privileged",
        Bool,
        NoArg,
        PRIVILEGED,
        "true for privileged containers (not known without a runtime)",
    ),
    d(
        "container.mounts",
        Charbuf,
        NoArg,
        MOUNTS,
        "the container's mounts (not known without a runtime)",
    ),
    d(
        "container.mount",
        Charbuf,
        Req,
        MOUNT,
        "one mount, by index or source path (not known without a runtime)",
    ),
    d(
        "container.mount.source",
        Charbuf,
        Req,
        MOUNT_SOURCE,
        "a mount's source, by index or destination (not known without a runtime)",
    ),
    d(
        "container.mount.dest",
        Charbuf,
        Req,
        MOUNT_DEST,
        "a mount's destination, by index or source (not known without a runtime)",
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
        "the container's IP address (not known without a runtime)",
    ),
    d(
        "k8s.ns.name",
        Charbuf,
        NoArg,
        K8S_NS_NAME,
        "Kubernetes namespace (not known without a runtime)",
    ),
    d(
        "k8s.pod.name",
        Charbuf,
        NoArg,
        K8S_POD_NAME,
        "Kubernetes pod name (not known without a runtime)",
    ),
    d(
        "k8s.pod.uid",
        Charbuf,
        NoArg,
        K8S_POD_UID,
        "Kubernetes pod uid, from the pod's cgroup path",
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

pub(super) fn extract<'a>(f: &FieldRef, ctx: &Ctx<'a>) -> Option<Value<'a>> {
    let t = ctx.state.thread(ctx.ev.tid() as i64)?;
    let id = t.container_id();
    Some(match f.def().id {
        ID => Value::Str(id.unwrap_or(b"host")),
        FULL_ID | NAME => match id {
            None => Value::Str(b"host"),
            Some(_) => return None,
        },
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
        K8S_POD_UID => {
            id?;
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
