//! The runtime client against recorded API answers served on a temporary unix socket.
//!
//! The JSON bodies below are written after the example answers of the Docker Engine API
//! reference (v1.43, "ContainerInspect" and "ImageInspect" response examples, trimmed to
//! the members we read plus a few we ignore) and of Podman's docker-compatible API (same
//! shapes; Podman fills `Config.Image` with the fully qualified name such as
//! `localhost/...` and uses `Propagation: "rprivate"`, `Mode: ""`). Ids and digests are
//! made up.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixListener;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use super::*;

const CID: &str = "ba033ac4401106a3b513bc9d639eee123ad78ca3616b921167cd74b20e25ed39";
const IMG: &str = "sha256:d4ff818577bc193b309b355b02ebc9220427090057b54a59e73b79bdfe139b83";
const DIGEST: &str = "sha256:ec050c32e4a6085b423d36ecd025c0d3ff00c38ab93a3d71a460ff1c44fa6d77";

/// After the Docker API's ContainerInspect example (a privileged container with a bind
/// mount, a volume, labels and a bridge IP), in a Kubernetes pod (dockershim labels).
fn docker_container() -> String {
    format!(
        r#"{{
  "AppArmorProfile": "",
  "Args": ["-c", "exit 9"],
  "Config": {{
    "AttachStderr": true,
    "Cmd": ["/bin/sh", "-c", "exit 9"],
    "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
    "Hostname": "ba033ac44011",
    "Image": "registry.example.com:5000/team/app:v1.2@{DIGEST}",
    "Labels": {{
      "com.example.vendor": "Acme",
      "com.example.license": "GPL",
      "io.kubernetes.pod.name": "web-7d4b9c8f5-x2k9q",
      "io.kubernetes.pod.namespace": "shop",
      "io.kubernetes.pod.uid": "3e41dc6b-08a8-44db-bc2a-3724b18ab19a",
      "io.kubernetes.sandbox.id": "63060edc2d3aa803ab559f2393776b151f99fc5b05035b21db66b3b62246ad6a",
      "too.long": "{long}"
    }},
    "User": ""
  }},
  "Created": "2015-01-06T15:47:31.485331387Z",
  "Driver": "overlay2",
  "HostConfig": {{
    "Binds": ["/var/run/docker.sock:/var/run/docker.sock", "/etc:/host/etc:ro"],
    "IpcMode": "",
    "NetworkMode": "bridge",
    "PidMode": "host",
    "Privileged": true,
    "ReadonlyRootfs": false
  }},
  "Id": "{CID}",
  "Image": "{IMG}",
  "Mounts": [
    {{"Type": "bind", "Source": "/var/run/docker.sock", "Destination": "/var/run/docker.sock",
      "Mode": "", "RW": true, "Propagation": "rprivate"}},
    {{"Type": "bind", "Source": "/etc", "Destination": "/host/etc",
      "Mode": "ro", "RW": false, "Propagation": "rprivate"}},
    {{"Type": "volume", "Name": "fac362...80535", "Source": "/data",
      "Destination": "/data", "Driver": "local", "Mode": "", "RW": true, "Propagation": ""}}
  ],
  "Name": "/k8s_app_web-7d4b9c8f5-x2k9q_shop_3e41dc6b_0",
  "NetworkSettings": {{
    "Bridge": "",
    "Gateway": "172.17.0.1",
    "IPAddress": "172.17.0.2",
    "Networks": {{"bridge": {{"IPAddress": "172.17.0.2"}}}}
  }},
  "State": {{"Running": true, "Pid": 2343}}
}}"#,
        long = "x".repeat(LABEL_MAX_LEN + 1)
    )
}

/// After the Docker API's ImageInspect example.
fn docker_image() -> String {
    format!(
        r#"{{
  "Id": "{IMG}",
  "RepoTags": ["registry.example.com:5000/team/app:v1.2", "registry.example.com:5000/team/app:latest"],
  "RepoDigests": ["registry.example.com:5000/team/app@{DIGEST}"],
  "Parent": "",
  "Created": "2022-02-04T21:20:12.497794809Z",
  "Architecture": "amd64",
  "Os": "linux",
  "Size": 1239828
}}"#
    )
}

/// Podman's compatible answer for a container of a locally built image (no digest, no
/// labels, no IP: `--network none`), sharing another container's network namespace.
fn podman_container(id: &str) -> String {
    format!(
        r#"{{
  "Id": "{id}",
  "Created": "2024-05-01T10:00:00.5+02:00",
  "Name": "quiet_hopper",
  "Image": "sha256:9a1ba5b08e44fb5a1b0d8e8d11c03de2b0b1c6a0b1a7f3e2e2a1d5f4c3b2a190",
  "Config": {{"Image": "localhost/falco-rs/test", "Labels": null}},
  "HostConfig": {{"Privileged": false, "NetworkMode": "container:{CID}", "IpcMode": "host"}},
  "Mounts": [],
  "NetworkSettings": {{"IPAddress": "", "Networks": {{}}}}
}}"#
    )
}

fn not_found() -> String {
    "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 48\r\n\r\n\
     {\"message\":\"No such container: 0123456789ab\"}\n\n"
        .to_string()
}

fn ok(body: &str, chunked: bool) -> String {
    if chunked {
        let (a, b) = body.split_at(body.len() / 2);
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n\
             {:x}\r\n{a}\r\n{:x}\r\n{b}\r\n0\r\n\r\n",
            a.len(),
            b.len()
        )
    } else {
        format!(
            "HTTP/1.1 200 OK\r\nApi-Version: 1.43\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
    }
}

/// How the test server answers a request path.
type Route = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// A server on a fresh unix socket answering each connection's request with `route`
/// (`None`: accept, read, and never answer). Counts requests.
struct Server {
    path: PathBuf,
    hits: Arc<AtomicUsize>,
}

impl Server {
    fn start(name: &str, route: Route) -> Server {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "falco-rs-rt-{}-{}-{name}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("api.sock");
        let _ = std::fs::remove_file(&path);
        let l = UnixListener::bind(&path).unwrap();
        let hits = Arc::new(AtomicUsize::new(0));
        let h = hits.clone();
        std::thread::spawn(move || {
            for conn in l.incoming() {
                let Ok(mut c) = conn else { return };
                h.fetch_add(1, Ordering::Relaxed);
                let route = route.clone();
                std::thread::spawn(move || {
                    let mut r = BufReader::new(c.try_clone().unwrap());
                    let mut line = String::new();
                    let _ = r.read_line(&mut line);
                    let path = line.split(' ').nth(1).unwrap_or("").to_string();
                    loop {
                        let mut h = String::new();
                        if r.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
                            break;
                        }
                    }
                    match route(&path) {
                        Some(a) => {
                            let _ = c.write_all(a.as_bytes());
                        }
                        None => std::thread::sleep(Duration::from_secs(5)),
                    }
                });
            }
        });
        Server { path, hits }
    }

    fn cfg(&self, kind: RuntimeKind) -> RuntimeConfig {
        RuntimeConfig {
            sockets: vec![(kind, self.path.clone())],
            timeout: Duration::from_millis(500),
            ..RuntimeConfig::default()
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        if let Some(d) = self.path.parent() {
            let _ = std::fs::remove_dir(d);
        }
    }
}

fn docker_routes(chunked: bool) -> Route {
    Arc::new(move |p: &str| {
        Some(match p {
            _ if p == format!("/containers/{}/json", &CID[..12]) => {
                ok(&docker_container(), chunked)
            }
            _ if p == format!("/images/{}/json", &IMG[7..]) => ok(&docker_image(), chunked),
            _ => not_found(),
        })
    })
}

#[test]
fn docker_container_metadata() {
    for chunked in [false, true] {
        let srv = Server::start("docker", docker_routes(chunked));
        let c = lookup(&srv.cfg(RuntimeKind::Docker), &CID[..12]).unwrap();
        assert_eq!(c.id, &CID[..12]);
        assert_eq!(c.full_id, CID);
        assert_eq!(c.kind.name(), "docker");
        assert_eq!(c.name, "k8s_app_web-7d4b9c8f5-x2k9q_shop_3e41dc6b_0");
        assert_eq!(
            c.image,
            format!("registry.example.com:5000/team/app:v1.2@{DIGEST}")
        );
        assert_eq!(c.image_id, &IMG[7..]);
        assert_eq!(c.image_repo, "registry.example.com:5000/team/app");
        assert_eq!(c.image_tag, "v1.2");
        assert_eq!(c.image_digest, DIGEST);
        assert!(c.privileged);
        assert!(c.host_pid && !c.host_ipc && !c.host_network);
        assert_eq!(c.ip, "172.17.0.2");
        assert_eq!(c.created_ns, 1_420_559_251_485_331_387);
        assert_eq!(c.mounts.len(), 3);
        assert_eq!(
            c.mounts_text,
            "/var/run/docker.sock:/var/run/docker.sock::true:rprivate,\
             /etc:/host/etc:ro:false:rprivate,/data:/data::true:"
        );
        assert_eq!(c.label("com.example.vendor"), Some("Acme"));
        assert_eq!(
            c.label("too.long"),
            None,
            "values over LABEL_MAX_LEN are dropped"
        );
        assert_eq!(c.pod_name(), Some("web-7d4b9c8f5-x2k9q"));
        assert_eq!(c.pod_namespace(), Some("shop"));
        assert_eq!(c.pod_uid(), Some("3e41dc6b-08a8-44db-bc2a-3724b18ab19a"));
        assert_eq!(
            c.pod_sandbox_id(),
            Some("63060edc2d3aa803ab559f2393776b151f99fc5b05035b21db66b3b62246ad6a")
        );
        assert!(c.labels_text.starts_with("com.example.license:GPL,com.example.vendor:Acme,io.kubernetes.pod.name:web-7d4b9c8f5-x2k9q,"));
        assert_eq!(srv.hits.load(Ordering::Relaxed), 2, "container, then image");
    }
}

#[test]
fn podman_without_image_answer_uses_the_reference() {
    let pid = "4f1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
    let body = podman_container(pid);
    let srv = Server::start(
        "podman",
        Arc::new(move |p: &str| {
            Some(match p {
                _ if p == format!("/containers/{}/json", &pid[..12]) => ok(&body, false),
                // The peer whose network namespace it shares.
                _ if p == format!("/containers/{CID}/json") => ok(&docker_container(), false),
                _ => not_found(), // image inspect fails
            })
        }),
    );
    let c = lookup(&srv.cfg(RuntimeKind::Podman), &pid[..12]).unwrap();
    assert_eq!(c.kind.name(), "podman");
    assert_eq!(c.name, "quiet_hopper");
    assert_eq!(c.image, "localhost/falco-rs/test");
    assert_eq!(
        (c.image_repo.as_str(), c.image_tag.as_str()),
        ("localhost/falco-rs/test", "")
    );
    assert_eq!(c.image_digest, "");
    assert_eq!(c.image_id.len(), 64);
    assert!(!c.privileged && c.host_ipc);
    assert!(c.mounts.is_empty() && c.mounts_text.is_empty());
    assert!(c.labels.is_empty() && c.labels_text.is_empty());
    assert_eq!(
        c.ip, "172.17.0.2",
        "IP of the container whose network it shares"
    );
    assert_eq!(c.created_ns, 1_714_550_400_500_000_000);
    assert_eq!(c.pod_name(), None);
}

#[test]
fn failures_give_errors_not_panics() {
    // Unknown container.
    let srv = Server::start("docker", docker_routes(false));
    assert_eq!(
        lookup(&srv.cfg(RuntimeKind::Docker), "0123456789ab"),
        Err(LookupError::Status(404))
    );
    // No answer: the deadline.
    let silent = Server::start("silent", Arc::new(|_: &str| None));
    let t = Instant::now();
    assert_eq!(
        lookup(&silent.cfg(RuntimeKind::Docker), &CID[..12]),
        Err(LookupError::Timeout)
    );
    assert!(t.elapsed() < Duration::from_secs(3));
    // Garbage, truncated and oversized answers.
    for (name, answer) in [
        ("garbage", "this is not http\r\n\r\n".to_string()),
        ("json", ok("{\"Id\": ", false)),
        ("array", ok("[1, 2]", false)),
        ("noid", ok("{\"Name\": \"/x\"}", false)),
        (
            "short",
            "HTTP/1.1 200 OK\r\nContent-Length: 900\r\n\r\n{\"Id\":\"x\"}".to_string(),
        ),
        (
            "big",
            ok(&format!("{{\"x\":\"{}\"}}", "y".repeat(5000)), false),
        ),
    ] {
        let a = answer.clone();
        let srv = Server::start(name, Arc::new(move |_: &str| Some(a.clone())));
        let cfg = RuntimeConfig {
            max_answer: 4096,
            ..srv.cfg(RuntimeKind::Docker)
        };
        let r = lookup(&cfg, &CID[..12]);
        assert!(r.is_err(), "{name}: {r:?}");
    }
    // No socket at all, and ids that would change the request path.
    let none = RuntimeConfig {
        sockets: vec![(RuntimeKind::Docker, "/nonexistent/docker.sock".into())],
        ..RuntimeConfig::default()
    };
    assert!(matches!(lookup(&none, &CID[..12]), Err(LookupError::Io(_))));
    assert!(lookup(&srv.cfg(RuntimeKind::Docker), "../../x").is_err());
}

#[test]
fn second_socket_answers_when_the_first_does_not_know() {
    let empty = Server::start("empty", Arc::new(|_: &str| Some(not_found())));
    let docker = Server::start("docker", docker_routes(false));
    let cfg = RuntimeConfig {
        sockets: vec![
            (RuntimeKind::Podman, empty.path.clone()),
            (RuntimeKind::Docker, docker.path.clone()),
        ],
        timeout: Duration::from_millis(500),
        ..RuntimeConfig::default()
    };
    let c = lookup(&cfg, &CID[..12]).unwrap();
    assert_eq!(c.kind, RuntimeKind::Docker);
}

#[test]
fn cache_fills_in_the_background() {
    let srv = Server::start("docker", docker_routes(false));
    let mut cache = Containers::new(Some(srv.cfg(RuntimeKind::Docker)));
    let id = &CID.as_bytes()[..12];
    cache.want(id);
    assert!(cache.get(id).is_none(), "not known before the answer");
    cache.want(id);
    cache.want(b"0123456789ab");
    cache.want(id);
    cache.wait(Duration::from_secs(5));
    assert_eq!(
        cache.get(id).unwrap().name,
        "k8s_app_web-7d4b9c8f5-x2k9q_shop_3e41dc6b_0"
    );
    assert!(cache.get(b"0123456789ab").is_none());
    assert_eq!(
        cache.stats(),
        LookupStats {
            requested: 2,
            found: 1,
            failed: 1
        }
    );
    assert!(cache.last_error().unwrap().contains("404"));
    // Known and failed ids are not asked again.
    let hits = srv.hits.load(Ordering::Relaxed);
    cache.want(id);
    cache.want(b"0123456789ab");
    cache.want(id);
    assert_eq!(cache.poll(), 0);
    assert_eq!(srv.hits.load(Ordering::Relaxed), hits);
    assert_eq!(cache.stats().requested, 2);
}

#[test]
fn poll_never_blocks() {
    let silent = Server::start("silent", Arc::new(|_: &str| None));
    let mut cache = Containers::new(Some(RuntimeConfig {
        timeout: Duration::from_secs(3),
        ..silent.cfg(RuntimeKind::Docker)
    }));
    let t = Instant::now();
    for _ in 0..1000 {
        cache.want(&CID.as_bytes()[..12]);
        cache.poll();
    }
    assert!(t.elapsed() < Duration::from_secs(1), "{:?}", t.elapsed());
    assert!(cache.get(&CID.as_bytes()[..12]).is_none());
}

#[test]
fn disabled_cache_asks_nobody() {
    let mut cache = Containers::new(None);
    cache.want(&CID.as_bytes()[..12]);
    assert_eq!(cache.poll(), 0);
    assert_eq!(cache.stats(), LookupStats::default());
    cache.insert(ContainerInfo {
        full_id: CID.into(),
        name: "given".into(),
        ..ContainerInfo::default()
    });
    assert_eq!(cache.get(&CID.as_bytes()[..12]).unwrap().name, "given");
    assert_eq!(cache.get(&CID.as_bytes()[..12]).unwrap().id, &CID[..12]);
}

/// The container fields of an event of a thread in container `CID`, its metadata known.
mod fields {
    use falco_scap::meta::ThreadInfo;
    use falco_scap::{EventBuilder, Metadata};
    use falco_schema::code;

    use super::*;
    use crate::fields::{Ctx, FieldRef};
    use crate::filter::{self, Filter};
    use crate::state::State;
    use crate::time::TimeFormatter;

    fn state(with_meta: bool) -> State {
        let mut s = State::new();
        let th = |tid: u64, cg: &str| ThreadInfo {
            tid,
            pid: tid,
            ptid: 1,
            comm: "sh".into(),
            exe: "sh".into(),
            cgroups: cg.as_bytes().to_vec(),
            ..ThreadInfo::default()
        };
        s.load_metadata(&Metadata {
            threads: vec![
                th(1, ""),
                th(10, &format!("cpu=/docker/{CID}\0")),
                th(20, "cpu=/docker/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\0"),
            ],
            ..Metadata::default()
        });
        if with_meta {
            let mut c = docker::parse_container(docker_container().as_bytes(), RuntimeKind::Docker)
                .unwrap();
            docker::apply_image(&mut c, docker_image().as_bytes()).unwrap();
            s.add_container(c);
        }
        s
    }

    fn render(s: &State, tid: u64, field: &str) -> Option<String> {
        let mut b = EventBuilder::new();
        b.begin(1_000, tid, code::PPME_SYSCALL_GETUID_X);
        b.param(&0u32.to_le_bytes());
        let ev = b.event();
        let f = FieldRef::parse(field).unwrap_or_else(|e| panic!("{field}: {e}"));
        let mut out = Vec::new();
        let ctx = Ctx { ev: &ev, state: s };
        f.render(&ctx, &mut TimeFormatter::new(), &mut Vec::new(), &mut out)
            .then(|| String::from_utf8(out).unwrap())
    }

    fn matches(s: &State, tid: u64, cond: &str) -> bool {
        let mut b = EventBuilder::new();
        b.begin(1_000, tid, code::PPME_SYSCALL_GETUID_X);
        b.param(&0u32.to_le_bytes());
        let ev = b.event();
        let mut f = Filter::compile(&filter::parse(cond).unwrap()).unwrap();
        f.eval(&Ctx { ev: &ev, state: s })
    }

    #[test]
    fn container_fields_from_metadata() {
        let s = state(true);
        let g = |f: &str| render(&s, 10, f);
        let want = [
            ("container.id", "ba033ac44011"),
            ("container.full_id", CID),
            (
                "container.name",
                "k8s_app_web-7d4b9c8f5-x2k9q_shop_3e41dc6b_0",
            ),
            ("container.type", "docker"),
            (
                "container.image.repository",
                "registry.example.com:5000/team/app",
            ),
            ("container.image.tag", "v1.2"),
            ("container.image.digest", DIGEST),
            ("container.image.id", &IMG[7..]),
            ("container.privileged", "true"),
            ("container.host_pid", "true"),
            ("container.host_network", "false"),
            ("container.ip", "172.17.0.2"),
            ("k8s.pod.ip", "172.17.0.2"),
            ("container.mount[1]", "/etc:/host/etc:ro:false:rprivate"),
            ("container.mount[/etc]", "/etc:/host/etc:ro:false:rprivate"),
            (
                "container.mount[/var/run/*]",
                "/var/run/docker.sock:/var/run/docker.sock::true:rprivate",
            ),
            ("container.mount.dest[/etc]", "/host/etc"),
            ("container.mount.dest[0]", "/var/run/docker.sock"),
            ("container.mount.source[/host/*]", "/etc"),
            ("container.mount.source[2]", "/data"),
            ("container.mount.mode[/etc]", "ro"),
            ("container.mount.rdwr[/etc]", "false"),
            ("container.mount.rdwr[0]", "true"),
            ("container.mount.propagation[0]", "rprivate"),
            ("container.label[com.example.vendor]", "Acme"),
            ("container.label.com.example.vendor", "Acme"),
            ("k8s.pod.name", "web-7d4b9c8f5-x2k9q"),
            ("k8s.ns.name", "shop"),
            ("k8s.pod.uid", "3e41dc6b-08a8-44db-bc2a-3724b18ab19a"),
            ("k8s.pod.id", "3e41dc6b-08a8-44db-bc2a-3724b18ab19a"),
            ("k8s.pod.sandbox_id", "63060edc2d3a"),
            (
                "k8s.pod.full_sandbox_id",
                "63060edc2d3aa803ab559f2393776b151f99fc5b05035b21db66b3b62246ad6a",
            ),
        ];
        for (f, v) in want {
            assert_eq!(g(f).as_deref(), Some(v), "{f}");
        }
        assert!(g("container.mounts")
            .unwrap()
            .starts_with("/var/run/docker.sock:/var/run/docker.sock::true:rprivate,/etc:"));
        assert!(g("container.labels")
            .unwrap()
            .contains(",io.kubernetes.pod.namespace:shop,"));
        // No such mount, label or index: no value.
        for f in [
            "container.mount[/nonexistent]",
            "container.mount[3]",
            "container.mount.dest[/proc*]",
            "container.label[nope]",
        ] {
            assert_eq!(g(f), None, "{f}");
        }
        // The upstream rules' forms, through the filter language.
        assert!(matches(&s, 10, "container.privileged=true"));
        assert!(matches(
            &s,
            10,
            "container.image.repository = registry.example.com:5000/team/app"
        ));
        assert!(matches(
            &s,
            10,
            "container.mount.dest[/var/run/docker.sock] = /var/run/docker.sock"
        ));
        assert!(matches(&s, 10, "container.mount.dest[/etc] exists"));
        assert!(!matches(&s, 10, "container.mount.dest[/root*] exists"));
        assert!(matches(&s, 10, "k8s.ns.name in (shop, kube-system)"));
        assert!(!matches(&s, 20, "container.privileged=true"));
    }

    #[test]
    fn unknown_containers_and_host() {
        for s in [state(true), state(false)] {
            // A container without metadata: only its id (and the cgroup-derived fields).
            assert_eq!(
                render(&s, 20, "container.id").as_deref(),
                Some("0123456789ab")
            );
            for f in [
                "container.name",
                "container.full_id",
                "container.type",
                "container.image",
                "container.image.repository",
                "container.privileged",
                "container.mounts",
                "container.mount.dest[/etc]",
                "container.label[a]",
                "k8s.pod.name",
                "container.ip",
            ] {
                assert_eq!(render(&s, 20, f), None, "{f}");
            }
            // Host processes.
            for f in [
                "container.id",
                "container.name",
                "container.full_id",
                "container.type",
            ] {
                assert_eq!(render(&s, 1, f).as_deref(), Some("host"), "{f}");
            }
            assert_eq!(render(&s, 1, "container.privileged"), None);
        }
        assert_eq!(render(&state(false), 10, "container.name"), None);
    }

    #[test]
    fn state_looks_containers_up_when_configured() {
        let srv = Server::start("docker", docker_routes(false));
        let mut s = State::with_config(crate::state::StateConfig {
            container_runtimes: Some(srv.cfg(RuntimeKind::Docker)),
            ..crate::state::StateConfig::default()
        });
        s.load_metadata(&Metadata {
            threads: vec![ThreadInfo {
                tid: 10,
                pid: 10,
                comm: "sh".into(),
                cgroups: format!("cpu=/docker/{CID}\0").into_bytes(),
                ..ThreadInfo::default()
            }],
            ..Metadata::default()
        });
        let mut b = EventBuilder::new();
        b.begin(1_000, 10, code::PPME_SYSCALL_GETUID_X);
        b.param(&0u32.to_le_bytes());
        s.process(&b.event());
        assert_eq!(render(&s, 10, "container.name"), None, "not yet known");
        s.containers_mut().wait(Duration::from_secs(5));
        assert_eq!(
            render(&s, 10, "container.image.tag").as_deref(),
            Some("v1.2")
        );
        assert_eq!(s.containers_mut().stats().requested, 1);
    }
}

/// Container events of a capture fill the cache during a replay.
mod capture_events {
    use falco_scap::meta::ThreadInfo;
    use falco_scap::{EventBuilder, Metadata};
    use falco_schema::code;

    use crate::fields::{Ctx, FieldRef};
    use crate::state::State;
    use crate::time::TimeFormatter;

    /// The shape libsinsp's `container_to_json` writes (members in its order, values made
    /// up): a CRI-O container of a pod whose sandbox labels it carries.
    const JSON: &str = r#"{"container":{"id":"9f3b1c2d4e5f","full_id":"9f3b1c2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9","type":8,"name":"k8s_nginx_web-0_default_1b2c3d4e-0000-4000-8000-000000000001_0","image":"docker.io/library/nginx:1.25","imageid":"a8758716bb6aa4d90071160d27028fe4eaee7ce8166221a97d30440c8eac2be6","imagerepo":"docker.io/library/nginx","imagetag":"1.25","imagedigest":"sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac","privileged":false,"host_pid":false,"host_network":true,"host_ipc":false,"is_pod_sandbox":false,"lookup_state":1,"created_time":1700000000,"Mounts":[{"Source":"/var/lib/kubelet/pods/x/volumes/kubernetes.io~projected/kube-api-access","Destination":"/var/run/secrets/kubernetes.io/serviceaccount","Mode":"","RW":false,"Propagation":"rprivate"}],"User":"","ip":"10.244.0.7","cni_json":"","pod_sandbox_id":"63060edc2d3aa803ab559f2393776b151f99fc5b05035b21db66b3b62246ad6a","port_mappings":[],"labels":{"io.kubernetes.container.name":"nginx","io.kubernetes.pod.name":"web-0","io.kubernetes.pod.namespace":"default","io.kubernetes.pod.uid":"1b2c3d4e-0000-4000-8000-000000000001"},"pod_sandbox_labels":{"app":"web","tier":"front"},"env":[],"memory_limit":0,"swap_limit":0,"cpu_shares":1024,"cpu_quota":0,"cpu_period":100000,"cpuset_cpu_count":0,"metadata_deadline":0}}"#;

    fn render(s: &State, field: &str) -> Option<String> {
        let mut b = EventBuilder::new();
        b.begin(2_000, 30, code::PPME_SYSCALL_GETUID_X);
        b.param(&0u32.to_le_bytes());
        let ev = b.event();
        let mut out = Vec::new();
        FieldRef::parse(field)
            .unwrap()
            .render(
                &Ctx { ev: &ev, state: s },
                &mut TimeFormatter::new(),
                &mut Vec::new(),
                &mut out,
            )
            .then(|| String::from_utf8(out).unwrap())
    }

    fn state() -> State {
        let mut s = State::new();
        s.load_metadata(&Metadata {
            threads: vec![ThreadInfo {
                tid: 30,
                pid: 30,
                comm: "nginx".into(),
                cgroups: b"0=/kubepods/besteffort/pod1b2c3d4e-0000-4000-8000-000000000001/crio-9f3b1c2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9\0".to_vec(),
                ..ThreadInfo::default()
            }],
            ..Metadata::default()
        });
        s
    }

    #[test]
    fn container_json_event() {
        let mut s = state();
        assert_eq!(render(&s, "container.name"), None);
        let mut json = JSON.as_bytes().to_vec();
        json.push(0);
        let mut b = EventBuilder::new();
        b.begin(1_000, 0, code::PPME_CONTAINER_JSON_2_E);
        b.param(&json);
        s.process(&b.event());
        let want = [
            ("container.id", "9f3b1c2d4e5f"),
            (
                "container.name",
                "k8s_nginx_web-0_default_1b2c3d4e-0000-4000-8000-000000000001_0",
            ),
            ("container.type", "cri-o"),
            ("container.image", "docker.io/library/nginx:1.25"),
            ("container.image.repository", "docker.io/library/nginx"),
            ("container.image.tag", "1.25"),
            ("container.privileged", "false"),
            ("container.host_network", "true"),
            ("container.ip", "10.244.0.7"),
            (
                "container.mount.dest[/var/lib/kubelet/*]",
                "/var/run/secrets/kubernetes.io/serviceaccount",
            ),
            ("k8s.pod.name", "web-0"),
            ("k8s.ns.name", "default"),
            ("k8s.pod.sandbox_id", "63060edc2d3a"),
            ("k8s.pod.label[app]", "web"),
            ("k8s.pod.label.tier", "front"),
            ("k8s.pod.labels", "app:web,tier:front"),
        ];
        for (f, v) in want {
            assert_eq!(render(&s, f).as_deref(), Some(v), "{f}");
        }
        assert_eq!(
            s.container(b"9f3b1c2d4e5f").unwrap().created_ns,
            1_700_000_000_000_000_000
        );
    }

    #[test]
    fn plugin_async_events_add_and_remove() {
        let mut s = state();
        let ev = |name: &str| {
            let mut b = EventBuilder::new();
            b.begin(1_000, 0, code::PPME_ASYNCEVENT_E);
            b.param(&7u32.to_le_bytes());
            b.param(format!("{name}\0").as_bytes());
            b.param(JSON.as_bytes());
            b
        };
        s.process(&ev("container").event());
        assert_eq!(render(&s, "container.image.tag").as_deref(), Some("1.25"));
        s.process(&ev("other_plugin_event").event());
        assert_eq!(render(&s, "container.image.tag").as_deref(), Some("1.25"));
        s.process(&ev("container_removed").event());
        assert_eq!(render(&s, "container.image.tag"), None);
    }

    #[test]
    fn bad_container_events_are_ignored() {
        let mut s = state();
        for body in [
            &b"{not json"[..],
            b"{}",
            b"{\"container\": 3}",
            b"{\"container\": {\"name\": \"x\"}}",
            b"",
        ] {
            let mut b = EventBuilder::new();
            b.begin(1_000, 0, code::PPME_CONTAINER_JSON_E);
            b.param(body);
            s.process(&b.event());
        }
        assert_eq!(render(&s, "container.name"), None);
        assert_eq!(s.containers_mut().stats().failed, 5);
        // The oldest layout: id, type, name, image.
        let mut b = EventBuilder::new();
        b.begin(1_000, 0, code::PPME_CONTAINER_E);
        b.param(b"9f3b1c2d4e5f\0");
        b.param(&0u32.to_le_bytes());
        b.param(b"old_one\0");
        b.param(b"busybox\0");
        s.process(&b.event());
        assert_eq!(render(&s, "container.name").as_deref(), Some("old_one"));
        assert_eq!(render(&s, "container.type").as_deref(), Some("docker"));
    }
}

#[test]
fn failed_lookups_are_retried_later() {
    // Not known at first; known once the runtime has it.
    let known = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let k2 = known.clone();
    let srv = Server::start(
        "late",
        Arc::new(move |p: &str| {
            if k2.load(Ordering::Relaxed) {
                docker_routes(false)(p)
            } else {
                Some(not_found())
            }
        }),
    );
    let mut cache = Containers::new(Some(RuntimeConfig {
        retry_after: Duration::from_millis(200),
        ..srv.cfg(RuntimeKind::Docker)
    }));
    let id = &CID.as_bytes()[..12];
    cache.want(id);
    cache.wait(Duration::from_secs(5));
    assert_eq!(cache.stats().failed, 1);
    known.store(true, Ordering::Relaxed);
    // Too early: not asked again.
    for _ in 0..10_000 {
        cache.want(id);
    }
    assert_eq!(cache.stats().requested, 1);
    std::thread::sleep(Duration::from_millis(300));
    // The same container on every event: rechecked within RECHECK_EVERY events.
    for _ in 0..RECHECK_EVERY {
        cache.want(id);
    }
    assert_eq!(cache.stats().requested, 2);
    cache.wait(Duration::from_secs(5));
    assert!(cache.get(id).is_some());
}

#[test]
fn cache_is_bounded() {
    let mut cache = Containers::new(None);
    for i in 0..MAX_CONTAINERS + 10 {
        cache.insert(ContainerInfo {
            id: format!("{i:012x}"),
            ..ContainerInfo::default()
        });
    }
    assert_eq!(cache.len(), MAX_CONTAINERS);
    assert!(cache
        .get(format!("{:012x}", MAX_CONTAINERS + 9).as_bytes())
        .is_some());
}

#[test]
fn plugin_init_config() {
    let v: serde_json::Value = serde_json::from_str(
        r#"{"label_max_len": 20, "with_size": false, "hooks": ["create"],
            "engines": {
              "docker": {"enabled": true, "sockets": ["/custom/docker.sock"]},
              "podman": {"enabled": false},
              "containerd": {"enabled": true, "sockets": ["/run/containerd/containerd.sock"]},
              "cri": {"enabled": false, "sockets": ["/run/crio/crio.sock"]},
              "lxc": {"enabled": false}}}"#,
    )
    .unwrap();
    let cfg = RuntimeConfig::from_plugin_config(&v).unwrap();
    assert_eq!(
        cfg.sockets,
        vec![(RuntimeKind::Docker, PathBuf::from("/custom/docker.sock"))]
    );
    assert_eq!(cfg.label_max_len, 20);
    assert_eq!(
        cfg.unsupported,
        vec![(
            "containerd".to_string(),
            vec![PathBuf::from("/run/containerd/containerd.sock")]
        )]
    );
    // Defaults: Falco's sockets for docker and podman.
    let d = RuntimeConfig::from_plugin_config(&serde_json::Value::Null).unwrap();
    assert_eq!(
        d.sockets[0],
        (RuntimeKind::Docker, PathBuf::from("/var/run/docker.sock"))
    );
    assert_eq!(
        d.sockets[1],
        (
            RuntimeKind::Podman,
            PathBuf::from("/run/podman/podman.sock")
        )
    );
    assert_eq!(d.label_max_len, LABEL_MAX_LEN);
    for bad in [
        r#"[]"#,
        r#"{"label_max_len": "x"}"#,
        r#"{"engines": {"docker": {"enabled": "yes"}}}"#,
        r#"{"engines": {"podman": {"sockets": "/run/x.sock"}}}"#,
    ] {
        let e = RuntimeConfig::from_plugin_config(&serde_json::from_str(bad).unwrap());
        assert!(e.is_err(), "{bad}");
    }
    // label_max_len applies to lookups.
    let srv = Server::start("docker", docker_routes(false));
    let c = lookup(
        &RuntimeConfig {
            label_max_len: 4,
            ..srv.cfg(RuntimeKind::Docker)
        },
        &CID[..12],
    )
    .unwrap();
    assert_eq!(
        c.labels_text,
        "com.example.license:GPL,com.example.vendor:Acme,io.kubernetes.pod.namespace:shop"
    );
}
