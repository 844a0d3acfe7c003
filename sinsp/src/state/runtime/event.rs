//! Container metadata carried by capture events, so that a replay knows what the recorder
//! knew.
//!
//! Wire formats:
//! * `PPME_CONTAINER_JSON_E` / `PPME_CONTAINER_JSON_2_E` ("container", written by libsinsp
//!   when it learnt a container's metadata): one parameter, `json`, a NUL-terminated JSON
//!   text `{"container": {...}}` with the members `id`, `full_id`, `type` (libsinsp's
//!   `sinsp_container_type` number: 0 docker, 6 cri, 7 containerd, 8 cri-o, 11 podman,
//!   ...), `name`, `image`, `imageid`, `imagerepo`, `imagetag`, `imagedigest`,
//!   `privileged`, `host_pid`, `host_network`, `host_ipc`, `is_pod_sandbox`,
//!   `created_time` (s), `Mounts` ([{Source, Destination, Mode, RW, Propagation}]), `ip`
//!   (dotted IPv4), `pod_sandbox_id`, `labels` and `pod_sandbox_labels` ({key: value}),
//!   and others not used here.
//! * `PPME_ASYNCEVENT_E` named `container` (added) or `container_removed`, written by
//!   Falco's container plugin: parameters `plugin_id`, `name`, `data` (the same JSON).
//! * `PPME_CONTAINER_E` (the oldest layout): `id`, `type` (u32), `name`, `image`.

use falco_scap::Event;
use falco_schema::code;
use serde_json::Value as Json;

use super::{ContainerInfo, Containers, Mount, RuntimeKind};
use crate::state::params::cstr;

fn text<'a>(v: &'a Json, k: &str) -> &'a str {
    v.get(k).and_then(Json::as_str).unwrap_or("")
}

fn flag(v: &Json, k: &str) -> bool {
    v.get(k).and_then(Json::as_bool).unwrap_or(false)
}

fn pairs(v: &Json, k: &str) -> Vec<(String, String)> {
    v.get(k)
        .and_then(Json::as_object)
        .map(|o| {
            o.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

/// The container described by the JSON of a container event.
pub fn from_capture_json(json: &[u8]) -> Result<ContainerInfo, String> {
    let json = match memchr::memchr(0, json) {
        Some(n) => &json[..n],
        None => json,
    };
    let v: Json = serde_json::from_slice(json).map_err(|e| e.to_string())?;
    let c = v
        .get("container")
        .filter(|c| c.is_object())
        .ok_or("no \"container\" object")?;
    let mut info = ContainerInfo {
        id: text(c, "id").to_string(),
        full_id: text(c, "full_id").to_string(),
        kind: RuntimeKind::from_code(c.get("type").and_then(Json::as_u64).unwrap_or(u64::MAX)),
        name: text(c, "name").to_string(),
        image: text(c, "image").to_string(),
        image_id: text(c, "imageid").to_string(),
        image_repo: text(c, "imagerepo").to_string(),
        image_tag: text(c, "imagetag").to_string(),
        image_digest: text(c, "imagedigest").to_string(),
        privileged: flag(c, "privileged"),
        host_pid: flag(c, "host_pid"),
        host_network: flag(c, "host_network"),
        host_ipc: flag(c, "host_ipc"),
        is_pod_sandbox: flag(c, "is_pod_sandbox"),
        ip: text(c, "ip").to_string(),
        created_ns: c
            .get("created_time")
            .and_then(Json::as_u64)
            .map_or(0, |s| s.saturating_mul(1_000_000_000)),
        sandbox_id: text(c, "pod_sandbox_id").to_string(),
        labels: pairs(c, "labels"),
        pod_labels: pairs(c, "pod_sandbox_labels"),
        ..ContainerInfo::default()
    };
    if info.ip == "0.0.0.0" {
        info.ip.clear();
    }
    if info.id.is_empty() {
        return Err("no container id".into());
    }
    if let Some(ms) = c.get("Mounts").and_then(Json::as_array) {
        for m in ms {
            info.mounts.push(Mount::new(
                text(m, "Source"),
                text(m, "Destination"),
                text(m, "Mode"),
                flag(m, "RW"),
                text(m, "Propagation"),
            ));
        }
    }
    info.finish();
    Ok(info)
}

impl Containers {
    /// Take the metadata a container event carries (see the module overview); other events
    /// are ignored. Malformed events are counted as failed lookups and otherwise ignored.
    pub fn on_event(&mut self, ev: &Event<'_>) {
        let res = match ev.ty() {
            code::PPME_CONTAINER_JSON_E | code::PPME_CONTAINER_JSON_2_E => {
                ev.param(0).map(from_capture_json)
            }
            code::PPME_ASYNCEVENT_E => {
                let name = ev.param(1).map(cstr);
                match (name, ev.param(2)) {
                    (Some(b"container"), Some(data)) => Some(from_capture_json(data)),
                    (Some(b"container_removed"), Some(data)) => {
                        if let Ok(c) = from_capture_json(data) {
                            self.remove(c.id.as_bytes());
                        }
                        return;
                    }
                    _ => return,
                }
            }
            code::PPME_CONTAINER_E => {
                let s = |i| ev.param(i).map(cstr).unwrap_or(b"");
                let kind = ev
                    .param(1)
                    .and_then(|p| <[u8; 4]>::try_from(p.get(..4)?).ok())
                    .map_or(u64::MAX, |b| u64::from(u32::from_le_bytes(b)));
                let mut c = ContainerInfo {
                    id: String::from_utf8_lossy(s(0)).into_owned(),
                    kind: RuntimeKind::from_code(kind),
                    name: String::from_utf8_lossy(s(2)).into_owned(),
                    image: String::from_utf8_lossy(s(3)).into_owned(),
                    ..ContainerInfo::default()
                };
                c.finish();
                Some(Ok(c))
            }
            _ => return,
        };
        match res {
            Some(Ok(c)) if c.id != "host" && !c.id.is_empty() => self.insert(c),
            Some(Ok(_)) => {}
            Some(Err(e)) => {
                self.stats.failed += 1;
                self.last_error = Some(format!("container event {}: {e}", ev.num));
            }
            None => {}
        }
    }
}
