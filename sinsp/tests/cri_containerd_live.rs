//! Container metadata from a real containerd through CRI: a private containerd (its own
//! root, state and socket under a temporary directory) with an image imported from a
//! docker archive built here from the static busybox (no registry is reachable), a pod
//! created through CRI's RunPodSandbox (host network, so no CNI is needed), a privileged
//! container with two bind mounts and labels created in it. The state is given a thread in
//! that container's cgroup (`/kubepods/besteffort/pod<uid>/<id>`, as the kubelet's cgroupfs
//! driver places it) and must fill the `container.*` and `k8s.*` fields from containerd in
//! the background.
//!
//! Expected values come from what the test asked containerd to create and from the archive
//! it built (the image id is the sha256 of the image config it wrote), not from the answers
//! the code reads. Where containers can run, the container is also started and its real
//! process, found by a `/proc` scan, must get the same metadata.
//!
//! Skips with one line when not root, when containerd, ctr or a static busybox are absent,
//! or when containerd cannot serve CRI here.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use falco_scap::meta::ThreadInfo;
use falco_scap::{EventBuilder, Metadata};
use falco_schema::code;
use falco_sinsp::state::runtime::h2::Channel;
use falco_sinsp::state::runtime::proto::{put_bytes, put_map, put_str, put_uint};
use falco_sinsp::state::runtime::{cri, LookupError};
use falco_sinsp::state::{RuntimeConfig, RuntimeKind, State, StateConfig};

mod common;
use common::{is_root, render, wait_for};

fn skip(why: &str) {
    eprintln!("skipped: cri_containerd_live: {why}");
}

const SVC: &str = "/runtime.v1.RuntimeService/";

/// Everything the test made, removed at the end whatever happens.
struct Fixture {
    dir: PathBuf,
    sock: PathBuf,
    daemon: Option<Child>,
    pod: Option<String>,
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if let Some(p) = &self.pod {
            let mut req = Vec::new();
            put_str(&mut req, 1, p);
            if let Ok(mut ch) = Channel::connect(&self.sock, Duration::from_secs(30), 1 << 20) {
                let _ = ch.call(&format!("{SVC}StopPodSandbox"), &req);
                let _ = ch.call(&format!("{SVC}RemovePodSandbox"), &req);
            }
        }
        if let Some(d) = &mut self.daemon {
            let _ = d.kill();
            let _ = d.wait();
        }
        let _ = Command::new("umount")
            .arg("-R")
            .arg(self.dir.join("state"))
            .stderr(Stdio::null())
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn run(cmd: &str, args: &[&str]) -> Result<String, String> {
    let out = Command::new(cmd)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{cmd}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{cmd} {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn sha256_of(p: &Path) -> Result<String, String> {
    let out = run("sha256sum", &[p.to_str().unwrap()])?;
    Ok(out.split_whitespace().next().unwrap_or("").to_string())
}

/// A docker archive (`docker save` layout) of one layer holding the static busybox, named
/// `tag` and running `busybox sleep <secs>`; returns its path and the image id (the sha256
/// of the config, which differs with `secs`).
fn image_archive(dir: &Path, tag: &str, secs: u32) -> Result<(PathBuf, String), String> {
    let busybox = ["/bin/busybox", "/usr/bin/busybox"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .ok_or("no busybox (apt-get install busybox-static)")?;
    let ldd = Command::new("ldd").arg(busybox).output();
    if ldd.is_ok_and(|o| o.status.success()) {
        return Err(format!(
            "{busybox} is not static (apt-get install busybox-static)"
        ));
    }
    let img = dir.join(format!("img-{secs}"));
    std::fs::create_dir_all(img.join("rootfs/bin")).map_err(|e| e.to_string())?;
    std::fs::copy(busybox, img.join("rootfs/bin/busybox")).map_err(|e| e.to_string())?;
    let layer = img.join("layer.tar");
    run(
        "tar",
        &[
            "-C",
            img.join("rootfs").to_str().unwrap(),
            "-cf",
            layer.to_str().unwrap(),
            ".",
        ],
    )?;
    let diff = sha256_of(&layer)?;
    let config = format!(
        r#"{{"architecture":"amd64","os":"linux","config":{{"Entrypoint":["/bin/busybox","sleep","{secs}"]}},"rootfs":{{"type":"layers","diff_ids":["sha256:{diff}"]}}}}"#
    );
    std::fs::write(img.join("config.json"), config).map_err(|e| e.to_string())?;
    std::fs::write(
        img.join("manifest.json"),
        format!(r#"[{{"Config":"config.json","RepoTags":["{tag}"],"Layers":["layer.tar"]}}]"#),
    )
    .map_err(|e| e.to_string())?;
    let id = sha256_of(&img.join("config.json"))?;
    let tar = dir.join(format!("image-{secs}.tar"));
    run(
        "tar",
        &[
            "-C",
            img.to_str().unwrap(),
            "-cf",
            tar.to_str().unwrap(),
            "manifest.json",
            "config.json",
            "layer.tar",
        ],
    )?;
    Ok((tar, id))
}

/// A string field of a protobuf answer.
fn field(msg: &[u8], n: u32) -> String {
    falco_sinsp::state::runtime::proto::fields(msg)
        .filter_map(Result::ok)
        .find(|(k, _)| *k == n)
        .map(|(_, v)| v.str())
        .unwrap_or_default()
}

fn msg(f: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut b = Vec::new();
    f(&mut b);
    b
}

/// NamespaceOption: network, pid, ipc modes (0 POD, 2 NODE).
fn ns_options(net: u64, pid: u64, ipc: u64) -> Vec<u8> {
    msg(|b| {
        put_uint(b, 1, net);
        put_uint(b, 2, pid);
        put_uint(b, 3, ipc);
    })
}

fn state_for(sock: &Path, tid: u64, cgroup: &str) -> State {
    let mut s = State::with_config(StateConfig {
        container_runtimes: Some(RuntimeConfig {
            sockets: vec![(RuntimeKind::Cri, sock.to_path_buf())],
            timeout: Duration::from_secs(10),
            ..RuntimeConfig::default()
        }),
        ..StateConfig::default()
    });
    s.load_metadata(&Metadata {
        threads: vec![ThreadInfo {
            tid,
            pid: tid,
            comm: "busybox".into(),
            cgroups: format!("0={cgroup}\0").into_bytes(),
            ..ThreadInfo::default()
        }],
        ..Metadata::default()
    });
    let mut b = EventBuilder::new();
    b.begin(1_000, tid, code::PPME_SYSCALL_GETUID_X);
    b.param(&0u32.to_le_bytes());
    s.process(&b.event());
    s.containers_mut().wait(Duration::from_secs(20));
    s
}

#[test]
fn containerd_cri_container_fields() {
    if !is_root() {
        return skip("needs root (containerd)");
    }
    if run("containerd", &["--version"]).is_err() || run("ctr", &["--version"]).is_err() {
        return skip("containerd is not installed (apt-get install containerd)");
    }
    let tag = std::process::id().to_string();
    let dir = std::env::temp_dir().join(format!("falco-rs-cri-{tag}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("host/data")).unwrap();
    let sock = dir.join("containerd.sock");
    let mut fx = Fixture {
        dir: dir.clone(),
        sock: sock.clone(),
        daemon: None,
        pod: None,
    };
    let pause = format!("localhost/falco-rs/pause:{tag}");
    let image = format!("localhost:5000/falco-rs/busybox-{tag}:v1");
    let archives =
        image_archive(&dir, &pause, 3600).and_then(|p| Ok((p, image_archive(&dir, &image, 3601)?)));
    let ((pause_tar, _), (tar, image_id)) = match archives {
        Ok(x) => x,
        Err(e) => return skip(&format!("cannot build an image archive: {e}")),
    };
    // restrict_oom_score_adj: the pause container's oom_score_adj (-998) may not go below
    // ours without CAP_SYS_RESOURCE, which sandboxes such as this one lack (runc then fails
    // with "can't get final child's PID from pipe").
    let config = format!(
        "version = 2\nroot = \"{d}/root\"\nstate = \"{d}/state\"\n[grpc]\n  address = \"{s}\"\n\
         [plugins.\"io.containerd.grpc.v1.cri\"]\n  sandbox_image = \"{pause}\"\n  restrict_oom_score_adj = true\n",
        d = dir.display(),
        s = sock.display()
    );
    std::fs::write(dir.join("config.toml"), config).unwrap();
    let log = std::fs::File::create(dir.join("containerd.log")).unwrap();
    match Command::new("containerd")
        .arg("--config")
        .arg(dir.join("config.toml"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
    {
        Ok(c) => fx.daemon = Some(c),
        Err(e) => return skip(&format!("cannot start containerd: {e}")),
    }
    if !wait_for(&sock, Duration::from_secs(20)) {
        return skip("containerd did not come up within 20 s");
    }
    let a = sock.to_str().unwrap();
    for t in [&pause_tar, &tar] {
        if let Err(e) = run(
            "ctr",
            &[
                "-a",
                a,
                "-n",
                "k8s.io",
                "images",
                "import",
                t.to_str().unwrap(),
            ],
        ) {
            return skip(&format!("cannot import an image: {e}"));
        }
    }

    let mut ch = Channel::connect(&sock, Duration::from_secs(60), 4 << 20).unwrap();
    let ver = match ch.call(&format!("{SVC}Version"), &msg(|b| put_str(b, 1, "v1"))) {
        Ok(v) => v,
        Err(e) => return skip(&format!("containerd does not serve CRI v1 here: {e}")),
    };
    let version = field(&ver, 3);

    let uid = format!("5c1e0d2a-0000-4000-8000-{:012}", std::process::id());
    let cgroup_parent = format!("/kubepods/besteffort/pod{uid}");
    let long = "x".repeat(101);
    let sandbox_config = msg(|b| {
        put_bytes(
            b,
            1,
            &msg(|m| {
                put_str(m, 1, "web-0");
                put_str(m, 2, &uid);
                put_str(m, 3, "shop");
            }),
        );
        // No hostname: the pod shares the host's network and UTS namespaces.
        put_str(b, 3, dir.join("logs").to_str().unwrap());
        put_map(
            b,
            6,
            &[("app", "web"), ("tier", "front"), ("too.long", &long)],
        );
        put_bytes(
            b,
            8,
            &msg(|l| {
                put_str(l, 1, &cgroup_parent);
                put_bytes(
                    l,
                    2,
                    &msg(|sc| {
                        put_bytes(sc, 1, &ns_options(2, 0, 0));
                        put_uint(sc, 6, 1);
                    }),
                );
            }),
        );
    });
    let t0 = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let pod = match ch.call(
        &format!("{SVC}RunPodSandbox"),
        &msg(|b| put_bytes(b, 1, &sandbox_config)),
    ) {
        Ok(r) => field(&r, 1),
        Err(e) => {
            return skip(&format!(
                "containerd cannot run a pod sandbox here: {e} (log: {})",
                dir.join("containerd.log").display()
            ))
        }
    };
    fx.pod = Some(pod.clone());
    let host_tmp = dir.join("host");
    let host_data = dir.join("host/data");
    let container_config = msg(|b| {
        put_bytes(b, 1, &msg(|m| put_str(m, 1, "app")));
        put_bytes(b, 2, &msg(|m| put_str(m, 1, &image)));
        for c in ["/bin/busybox", "sleep", "3600"] {
            put_str(b, 3, c);
        }
        put_bytes(
            b,
            7,
            &msg(|m| {
                put_str(m, 1, "/hostdir");
                put_str(m, 2, host_tmp.to_str().unwrap());
                put_uint(m, 3, 1);
            }),
        );
        put_bytes(
            b,
            7,
            &msg(|m| {
                put_str(m, 1, "/data");
                put_str(m, 2, host_data.to_str().unwrap());
            }),
        );
        put_map(
            b,
            9,
            &[
                ("io.kubernetes.container.name", "app"),
                ("com.example.team", "payments"),
            ],
        );
        put_str(b, 11, "app.log");
        put_bytes(
            b,
            15,
            &msg(|l| {
                put_bytes(
                    l,
                    2,
                    &msg(|sc| {
                        put_uint(sc, 2, 1);
                        put_bytes(sc, 3, &ns_options(2, 0, 0));
                    }),
                )
            }),
        );
    });
    let id = match ch.call(
        &format!("{SVC}CreateContainer"),
        &msg(|b| {
            put_str(b, 1, &pod);
            put_bytes(b, 2, &container_config);
            put_bytes(b, 3, &sandbox_config);
        }),
    ) {
        Ok(r) => field(&r, 1),
        Err(e) => return skip(&format!("containerd cannot create a container here: {e}")),
    };
    let t1 = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    assert_eq!(id.len(), 64, "{id}");
    assert_eq!(pod.len(), 64, "{pod}");

    // The container, looked up from the cgroup the kubelet's cgroupfs driver gives it.
    let mut s = state_for(&sock, 4343, &format!("{cgroup_parent}/{id}"));
    let errs = s.containers_mut().last_error().map(str::to_string);
    let g = |f: &str| render(&s, 4343, f);
    assert_eq!(g("container.id").as_deref(), Some(&id[..12]));
    assert_eq!(g("container.name").as_deref(), Some("app"), "{errs:?}");
    assert_eq!(g("container.full_id").as_deref(), Some(id.as_str()));
    assert_eq!(g("container.type").as_deref(), Some("containerd"));
    assert_eq!(g("container.image").as_deref(), Some(image.as_str()));
    assert_eq!(
        g("container.image.repository").as_deref(),
        Some(format!("localhost:5000/falco-rs/busybox-{tag}").as_str())
    );
    assert_eq!(g("container.image.tag").as_deref(), Some("v1"));
    assert_eq!(g("container.image.id").as_deref(), Some(image_id.as_str()));
    // No registry digest for an imported image: containerd's image_ref is the image id,
    // which the plugin reports as the digest.
    assert_eq!(
        g("container.image.digest").as_deref(),
        Some(format!("sha256:{image_id}").as_str())
    );
    assert_eq!(g("container.privileged").as_deref(), Some("true"));
    assert_eq!(g("container.host_network").as_deref(), Some("true"));
    assert_eq!(g("container.host_pid").as_deref(), Some("false"));
    assert_eq!(
        g("container.mount.source[/hostdir]").as_deref(),
        host_tmp.to_str()
    );
    // container.mount.source[] is keyed by the destination, the others by the source.
    let (ht, hd) = (host_tmp.to_str().unwrap(), host_data.to_str().unwrap());
    assert_eq!(
        g(&format!("container.mount.dest[{ht}]")).as_deref(),
        Some("/hostdir")
    );
    assert_eq!(
        g(&format!("container.mount.rdwr[{ht}]")).as_deref(),
        Some("false")
    );
    // Private propagation (containerd refuses the others for paths not on a shared or
    // slave mount; the other names are checked against recorded answers).
    assert_eq!(
        g(&format!("container.mount.propagation[{ht}]")).as_deref(),
        Some("private")
    );
    assert_eq!(
        g(&format!("container.mount.rdwr[{hd}]")).as_deref(),
        Some("true")
    );
    assert_eq!(
        g(&format!("container.mount.propagation[{hd}]")).as_deref(),
        Some("private")
    );
    assert_eq!(
        g("container.label[com.example.team]").as_deref(),
        Some("payments")
    );
    assert_eq!(g("k8s.pod.name").as_deref(), Some("web-0"));
    assert_eq!(g("k8s.ns.name").as_deref(), Some("shop"));
    assert_eq!(g("k8s.pod.uid").as_deref(), Some(uid.as_str()));
    assert_eq!(g("k8s.pod.full_sandbox_id").as_deref(), Some(pod.as_str()));
    assert_eq!(g("k8s.pod.label[app]").as_deref(), Some("web"));
    assert_eq!(g("k8s.pod.label[too.long]"), None, "over label_max_len");
    assert_eq!(g("k8s.pod.labels").as_deref(), Some("app:web,tier:front"));
    let created = s.container(&id.as_bytes()[..12]).unwrap().created_ns;
    assert!((t0..=t1).contains(&created), "{t0} <= {created} <= {t1}");

    // The pod's sandbox (pause container) by its own id.
    let s2 = state_for(&sock, 4344, &format!("{cgroup_parent}/{pod}"));
    let sb = s2
        .container(&pod.as_bytes()[..12])
        .expect("sandbox looked up");
    assert!(sb.is_pod_sandbox);
    assert_eq!(sb.kind, RuntimeKind::Containerd);
    assert_eq!(sb.name, "web-0");
    assert_eq!(sb.pod_namespace(), Some("shop"));
    assert!(sb.host_network);

    // An unknown id: CRI's NOT_FOUND.
    let cfg = RuntimeConfig {
        sockets: vec![(RuntimeKind::Cri, sock.clone())],
        ..RuntimeConfig::default()
    };
    match falco_sinsp::state::runtime::lookup(&cfg, "0123456789ab") {
        Err(LookupError::Grpc(c, _)) => assert_eq!(c, cri::NOT_FOUND),
        r => panic!("unknown container: {r:?}"),
    }
    eprintln!(
        "cri_containerd_live: containerd {version}: container {} in pod {} filled",
        &id[..12],
        &pod[..12]
    );

    // Where containers can run: the real process, found by a /proc scan.
    if let Err(e) = ch.call(
        &format!("{SVC}StartContainer"),
        &msg(|b| put_str(b, 1, &id)),
    ) {
        eprintln!(
            "cri_containerd_live: container not started here ({e}); the process path is unchecked"
        );
        return;
    }
    let info = ch
        .call(
            &format!("{SVC}ContainerStatus"),
            &cri::status_request(&id, true),
        )
        .and_then(|b| cri::parse_status(&b))
        .unwrap()
        .info;
    let pid = serde_json::from_str::<serde_json::Value>(&info).unwrap()["pid"]
        .as_u64()
        .unwrap();
    let mut s = State::with_config(StateConfig {
        container_runtimes: Some(cfg),
        ..StateConfig::default()
    });
    s.scan_proc(Path::new("/")).unwrap();
    assert_eq!(
        s.thread(pid as i64).and_then(|t| t.container_id()),
        Some(&id.as_bytes()[..12]),
        "container id of pid {pid} from its cgroups"
    );
    let mut b = EventBuilder::new();
    b.begin(1_000, pid, code::PPME_SYSCALL_GETUID_X);
    b.param(&0u32.to_le_bytes());
    s.process(&b.event());
    s.containers_mut().wait(Duration::from_secs(20));
    assert_eq!(render(&s, pid, "container.name").as_deref(), Some("app"));
    assert_eq!(render(&s, pid, "k8s.pod.name").as_deref(), Some("web-0"));
    eprintln!(
        "cri_containerd_live: running container {} (pid {pid}) checked",
        &id[..12]
    );
}
