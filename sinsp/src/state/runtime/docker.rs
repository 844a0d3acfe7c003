//! Container metadata from the Docker Engine API, as Docker and Podman (its
//! docker-compatible service) answer it, turned into a [`ContainerInfo`] the way Falco's
//! container plugin does.
//!
//! Wire format: `GET /containers/<id>/json` ("ContainerInspect", Docker Engine API v1.41+;
//! Podman serves the same at the same path) gives a JSON object of which these members are
//! read (everything else is ignored, any member may be absent or `null`):
//!
//! ```text
//! Id                        full id (64 hex digits)
//! Name                      "/<name>"
//! Created                   RFC 3339 time with nanoseconds
//! Image                     image id, "sha256:<hex>"
//! Config.Image              the image as the container was created from it ("nginx:1.25")
//! Config.Labels             {key: value} or null
//! HostConfig.Privileged     bool
//! HostConfig.NetworkMode    "bridge", "host", "container:<id>", ...
//! HostConfig.PidMode/IpcMode  "host" when sharing the host's namespace
//! Mounts[]                  {Source, Destination, Mode, RW, Propagation}
//! NetworkSettings.IPAddress primary IPv4 address ("" when none)
//! NetworkSettings.Networks  {name: {IPAddress}}: used when IPAddress is empty
//! ```
//!
//! `GET /images/<image id>/json` ("ImageInspect") gives `Id`, `RepoTags` (["repo:tag"]) and
//! `RepoDigests` (["repo@sha256:..."]) from which the repository, tag and digest come.

use serde_json::Value as Json;

use super::{ContainerInfo, Mount, RuntimeKind};

/// Labels with longer values are dropped: the container plugin's `label_max_len` default
/// (see [`super::RuntimeConfig::label_max_len`]).
pub const LABEL_MAX_LEN: usize = 100;

fn s<'a>(v: &'a Json, path: &[&str]) -> &'a str {
    let mut v = v;
    for p in path {
        match v.get(p) {
            Some(x) => v = x,
            None => return "",
        }
    }
    v.as_str().unwrap_or("")
}

fn b(v: &Json, path: &[&str]) -> bool {
    let mut v = v;
    for p in path {
        match v.get(p) {
            Some(x) => v = x,
            None => return false,
        }
    }
    v.as_bool().unwrap_or(false)
}

/// Split an image reference into repository and tag, as the container plugin does: a
/// digest (`@...`) is dropped, and the tag is what follows the last `:` when that colon
/// comes after the last `/` (a colon before it belongs to a registry port).
pub fn split_repo_tag(image: &str) -> (&str, &str) {
    let image = match image.find('@') {
        Some(i) => &image[..i],
        None => image,
    };
    match (image.rfind('/'), image.rfind(':')) {
        (_, None) => (image, ""),
        (Some(sl), Some(c)) if c < sl => (image, ""),
        (_, Some(c)) => (&image[..c], &image[c + 1..]),
    }
}

/// The digest of an image reference (`repo@sha256:...`), if any.
pub fn digest_of(image: &str) -> &str {
    image.find('@').map_or("", |i| &image[i + 1..])
}

/// The container described by a ContainerInspect answer. The image's repository, tag and
/// digest are filled later from the image (see [`apply_image`]); until then from the
/// reference in `Config.Image`.
pub fn parse_container(body: &[u8], kind: RuntimeKind) -> Result<ContainerInfo, String> {
    let v: Json = serde_json::from_slice(body).map_err(|e| e.to_string())?;
    if !v.is_object() {
        return Err("not a JSON object".into());
    }
    let full_id = s(&v, &["Id"]);
    if full_id.is_empty() {
        return Err("no Id".into());
    }
    let mut c = ContainerInfo {
        kind,
        full_id: full_id.to_string(),
        id: full_id
            .chars()
            .take(super::super::CONTAINER_ID_LEN)
            .collect(),
        name: s(&v, &["Name"]).trim_start_matches('/').to_string(),
        image: s(&v, &["Config", "Image"]).to_string(),
        image_id: s(&v, &["Image"]).trim_start_matches("sha256:").to_string(),
        privileged: b(&v, &["HostConfig", "Privileged"]),
        host_pid: s(&v, &["HostConfig", "PidMode"]) == "host",
        host_ipc: s(&v, &["HostConfig", "IpcMode"]) == "host",
        host_network: s(&v, &["HostConfig", "NetworkMode"]) == "host",
        ip: s(&v, &["NetworkSettings", "IPAddress"]).to_string(),
        created_ns: parse_rfc3339(s(&v, &["Created"])).unwrap_or(0),
        ..ContainerInfo::default()
    };
    if c.ip.is_empty() {
        if let Some(nets) = v
            .get("NetworkSettings")
            .and_then(|n| n.get("Networks"))
            .and_then(Json::as_object)
        {
            // serde_json's map is ordered by key: the first network by name.
            c.ip = nets
                .values()
                .map(|n| s(n, &["IPAddress"]))
                .find(|ip| !ip.is_empty())
                .unwrap_or("")
                .to_string();
        }
    }
    let (repo, tag) = split_repo_tag(&c.image);
    c.image_repo = repo.to_string();
    c.image_tag = tag.to_string();
    c.image_digest = digest_of(&c.image).to_string();
    if let Some(ms) = v.get("Mounts").and_then(Json::as_array) {
        for m in ms {
            c.mounts.push(Mount::new(
                s(m, &["Source"]),
                s(m, &["Destination"]),
                s(m, &["Mode"]),
                b(m, &["RW"]),
                s(m, &["Propagation"]),
            ));
        }
    }
    if let Some(ls) = v
        .get("Config")
        .and_then(|c| c.get("Labels"))
        .and_then(Json::as_object)
    {
        for (k, val) in ls {
            if let Some(val) = val.as_str() {
                c.labels.push((k.clone(), val.to_string()));
            }
        }
    }
    c.is_pod_sandbox = c.name.contains("k8s_POD");
    c.finish();
    Ok(c)
}

/// The container whose network namespace `c` shares (`NetworkMode: container:<id>`).
pub fn network_peer(c_body: &[u8]) -> Option<String> {
    let v: Json = serde_json::from_slice(c_body).ok()?;
    s(&v, &["HostConfig", "NetworkMode"])
        .strip_prefix("container:")
        .map(str::to_string)
}

/// Fill the image's id, repository, tag and digest from an ImageInspect answer, as the
/// container plugin does: the repository and digest from the first `RepoDigests` entry (the
/// digest of the entry naming that repository), the tag from the first `RepoTags` entry of
/// that repository. What the image does not say is kept from the container's reference.
pub fn apply_image(c: &mut ContainerInfo, body: &[u8]) -> Result<(), String> {
    let v: Json = serde_json::from_slice(body).map_err(|e| e.to_string())?;
    let strs = |k: &str| -> Vec<&str> {
        v.get(k)
            .and_then(Json::as_array)
            .map(|a| a.iter().filter_map(Json::as_str).collect())
            .unwrap_or_default()
    };
    let mut repo = String::new();
    let mut digest = String::new();
    let mut digests = Vec::new();
    for rd in strs("RepoDigests") {
        let Some((r, d)) = rd.split_once('@') else {
            continue;
        };
        if repo.is_empty() {
            repo = r.to_string();
        }
        digests.push(d);
        if rd.contains(repo.as_str()) {
            digest = d.to_string();
            break;
        }
    }
    if digest.is_empty() && digests.len() == 1 {
        digest = digests[0].to_string();
    }
    let mut tag = String::new();
    for rt in strs("RepoTags") {
        let (r, t) = split_repo_tag(rt);
        if r.is_empty() || t.is_empty() {
            continue;
        }
        if repo.is_empty() {
            repo = r.to_string();
        }
        if rt.contains(repo.as_str()) {
            tag = t.to_string();
            break;
        }
    }
    let id = s(&v, &["Id"]).trim_start_matches("sha256:");
    if !id.is_empty() {
        c.image_id = id.to_string();
    }
    if !repo.is_empty() {
        c.image_repo = repo;
    }
    if !tag.is_empty() {
        c.image_tag = tag;
    }
    if !digest.is_empty() {
        c.image_digest = digest;
    }
    Ok(())
}

/// Nanoseconds since the epoch of an RFC 3339 time (`2024-05-01T10:00:00.123456789Z`,
/// `...+02:00`).
pub fn parse_rfc3339(t: &str) -> Option<u64> {
    let b = t.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let x = b.get(r)?;
        x.iter().all(u8::is_ascii_digit).then_some(())?;
        std::str::from_utf8(x).ok()?.parse().ok()
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || !matches!(b.get(10), Some(b'T' | b't' | b' '))
    {
        return None;
    }
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let mut i = 19;
    let mut frac_ns = 0i64;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let mut scale = 100_000_000i64;
        while let Some(c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            frac_ns += i64::from(c - b'0') * scale;
            scale /= 10;
            i += 1;
        }
    }
    let off = match b.get(i) {
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) if i + 6 == b.len() => {
            let o = num(i + 1..i + 3)? * 3600 + num(i + 4..i + 6)? * 60;
            if *sign == b'+' {
                o
            } else {
                -o
            }
        }
        _ => return None,
    };
    // Days from the civil date (proleptic Gregorian), H. Hinnant's algorithm.
    let yy = if mo <= 2 { y - 1 } else { y };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let doy = (153 * (if mo > 2 { mo - 3 } else { mo + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + h * 3600 + mi * 60 + sec - off;
    u64::try_from(secs)
        .ok()?
        .checked_mul(1_000_000_000)?
        .checked_add(frac_ns as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_references() {
        assert_eq!(split_repo_tag("nginx"), ("nginx", ""));
        assert_eq!(split_repo_tag("nginx:1.25"), ("nginx", "1.25"));
        assert_eq!(
            split_repo_tag("registry.local:5000/team/app"),
            ("registry.local:5000/team/app", "")
        );
        assert_eq!(
            split_repo_tag("registry.local:5000/team/app:v2"),
            ("registry.local:5000/team/app", "v2")
        );
        let d = "sha256:45b23dee08af5e43a7fea6c4cf9c25ccf269ee113168c19722f87876677c5cb2";
        assert_eq!(split_repo_tag(&format!("alpine@{d}")), ("alpine", ""));
        assert_eq!(
            split_repo_tag(&format!("alpine:3.19@{d}")),
            ("alpine", "3.19")
        );
        assert_eq!(digest_of(&format!("alpine:3.19@{d}")), d);
        assert_eq!(digest_of("alpine:3.19"), "");
        assert_eq!(split_repo_tag(""), ("", ""));
    }

    #[test]
    fn rfc3339() {
        // `date -u -d 2015-01-06T15:47:31.485331387Z +%s%N` = 1420559251485331387.
        assert_eq!(
            parse_rfc3339("2015-01-06T15:47:31.485331387Z"),
            Some(1_420_559_251_485_331_387)
        );
        assert_eq!(parse_rfc3339("1970-01-01T01:00:00+01:00"), Some(0));
        assert_eq!(
            parse_rfc3339("2024-02-29T00:00:00Z"),
            Some(1_709_164_800_000_000_000)
        );
        assert_eq!(parse_rfc3339("0001-01-01T00:00:00Z"), None);
        assert_eq!(parse_rfc3339("garbage"), None);
        assert_eq!(parse_rfc3339("2024-13-01T00:00:00Z"), None);
    }
}
