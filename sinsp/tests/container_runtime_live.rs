//! Container metadata from a real Podman: an image imported from a one-file tarball (no
//! registry is reachable here), a container created from it with a privileged flag, a
//! read-only bind mount and Kubernetes-style labels, and Podman's docker-compatible API
//! served on a temporary socket. The state is given a thread in that container's cgroup
//! (`/machine.slice/libpod-<id>.scope`, as Podman places its processes) and must fill the
//! `container.*` fields from the runtime in the background. The expected values come from
//! the podman command line (`podman inspect`), not from the API the code reads.
//!
//! The lookup is checked on the created container; then, where containers can run (not in
//! every sandbox: crun needs cgroups it can manage), the container is started and its
//! process, found by a `/proc` scan, must get the container id from its real cgroup and
//! the same metadata. Skips with one line when not root or when Podman is absent or cannot
//! serve its API; says in one line when the container could not be started.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use falco_scap::meta::ThreadInfo;
use falco_scap::{EventBuilder, Metadata};
use falco_schema::code;
use falco_sinsp::state::{RuntimeConfig, RuntimeKind, State, StateConfig};

mod common;
use common::{is_root, render, wait_for};

fn skip(why: &str) {
    eprintln!("skipped: container_runtime_live: {why}");
}

fn podman(args: &[&str]) -> Result<String, String> {
    let out = Command::new("podman")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("podman: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "podman {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Everything the test made, removed at the end whatever happens.
struct Fixture {
    dir: PathBuf,
    service: Option<Child>,
    container: Option<String>,
    image: Option<String>,
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if let Some(c) = &self.container {
            let _ = podman(&["rm", "-f", c]);
        }
        if let Some(i) = &self.image {
            let _ = podman(&["rmi", "-f", i]);
        }
        if let Some(s) = &mut self.service {
            let _ = s.kill();
            let _ = s.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn podman_container_fields() {
    if !is_root() {
        return skip("needs root (rootful podman)");
    }
    if podman(&["--version"]).is_err() {
        return skip("podman is not installed (apt-get install podman)");
    }
    let tag = format!("{}", std::process::id());
    let dir = std::env::temp_dir().join(format!("falco-rs-podman-{tag}"));
    let _ = std::fs::create_dir_all(dir.join("rootfs/bin"));
    let mut fx = Fixture {
        dir: dir.clone(),
        service: None,
        container: None,
        image: None,
    };
    if let Err(e) = rootfs(&dir.join("rootfs")) {
        return skip(&format!("cannot build a root fs: {e}"));
    }
    let tar = dir.join("rootfs.tar");
    let ok = Command::new("tar")
        .arg("-C")
        .arg(dir.join("rootfs"))
        .arg("-cf")
        .arg(&tar)
        .arg(".")
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        return skip("tar failed");
    }
    // A registry with a port and a tag, to check the reference is split where it should.
    let image = format!("localhost:5000/falco-rs/live-{tag}:v1");
    if let Err(e) = podman(&["import", tar.to_str().unwrap(), &image]) {
        return skip(&format!("cannot import an image: {e}"));
    }
    fx.image = Some(image.clone());
    let sock = dir.join("podman.sock");
    let svc = Command::new("podman")
        .args(["system", "service", "--time=0"])
        .arg(format!("unix://{}", sock.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match svc {
        Ok(c) => fx.service = Some(c),
        Err(e) => return skip(&format!("cannot start podman's API service: {e}")),
    }
    if !wait_for(&sock, Duration::from_secs(20)) {
        return skip("podman's API service did not come up within 20 s");
    }
    let name = format!("falco-rs-live-{tag}");
    let id = match podman(&[
        "create",
        "--name",
        &name,
        "--privileged",
        "-v",
        "/tmp:/hosttmp:ro",
        "--label",
        "io.kubernetes.pod.name=mypod",
        "--label",
        "io.kubernetes.pod.namespace=myns",
        "--label",
        "app=demo",
        &image,
        "/bin/sleep",
        "60",
    ]) {
        Ok(id) => id,
        Err(e) => return skip(&format!("cannot create a container: {e}")),
    };
    fx.container = Some(id.clone());
    assert_eq!(id.len(), 64, "{id}");

    // What the podman command line says.
    let image_id = podman(&["inspect", "-f", "{{.Image}}", &id]).unwrap();
    let repo_digest =
        podman(&["image", "inspect", "-f", "{{index .RepoDigests 0}}", &image]).unwrap_or_default();
    let digest = repo_digest
        .split_once('@')
        .map_or("", |(_, d)| d)
        .to_string();

    let mut s = State::with_config(StateConfig {
        container_runtimes: Some(RuntimeConfig {
            sockets: vec![(RuntimeKind::Podman, sock.clone())],
            timeout: Duration::from_secs(10),
            ..RuntimeConfig::default()
        }),
        ..StateConfig::default()
    });
    s.load_metadata(&Metadata {
        threads: vec![ThreadInfo {
            tid: 4242,
            pid: 4242,
            comm: "true".into(),
            cgroups: format!("0=/machine.slice/libpod-{id}.scope\0").into_bytes(),
            ..ThreadInfo::default()
        }],
        ..Metadata::default()
    });
    let mut b = EventBuilder::new();
    b.begin(1_000, 4242, code::PPME_SYSCALL_GETUID_X);
    b.param(&0u32.to_le_bytes());
    s.process(&b.event());
    s.containers_mut().wait(Duration::from_secs(20));
    let errs = s.containers_mut().last_error().map(str::to_string);
    let g = |f: &str| render(&s, 4242, f);
    assert_eq!(g("container.id").as_deref(), Some(&id[..12]));
    assert_eq!(
        g("container.name").as_deref(),
        Some(name.as_str()),
        "{errs:?}"
    );
    assert_eq!(g("container.full_id").as_deref(), Some(id.as_str()));
    assert_eq!(g("container.type").as_deref(), Some("podman"));
    assert_eq!(g("container.image").as_deref(), Some(image.as_str()));
    assert_eq!(
        g("container.image.repository").as_deref(),
        Some(format!("localhost:5000/falco-rs/live-{tag}").as_str())
    );
    assert_eq!(g("container.image.tag").as_deref(), Some("v1"));
    assert_eq!(g("container.image.id").as_deref(), Some(image_id.as_str()));
    if !digest.is_empty() {
        assert_eq!(
            g("container.image.digest").as_deref(),
            Some(digest.as_str())
        );
    }
    assert_eq!(g("container.privileged").as_deref(), Some("true"));
    assert_eq!(g("container.mount.dest[/tmp]").as_deref(), Some("/hosttmp"));
    assert_eq!(
        g("container.mount.source[/hosttmp]").as_deref(),
        Some("/tmp")
    );
    assert_eq!(g("container.mount.rdwr[0]").as_deref(), Some("false"));
    assert_eq!(g("container.label[app]").as_deref(), Some("demo"));
    assert_eq!(g("k8s.pod.name").as_deref(), Some("mypod"));
    assert_eq!(g("k8s.ns.name").as_deref(), Some("myns"));
    eprintln!(
        "container_runtime_live: podman {} container {} filled from {}",
        podman(&["--version"]).unwrap_or_default(),
        &id[..12],
        sock.display()
    );

    // Where containers can run: a real process, found by a /proc scan, whose container id
    // comes from its real cgroup.
    if let Err(e) = podman(&["start", &id]) {
        eprintln!("container_runtime_live: container not started here ({e}); the process path is unchecked");
        return;
    }
    let pid: u64 = podman(&["inspect", "-f", "{{.State.Pid}}", &id])
        .unwrap()
        .parse()
        .unwrap();
    let mut s = State::with_config(StateConfig {
        container_runtimes: Some(RuntimeConfig {
            sockets: vec![(RuntimeKind::Podman, sock.clone())],
            timeout: Duration::from_secs(10),
            ..RuntimeConfig::default()
        }),
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
    assert_eq!(
        render(&s, pid, "container.name").as_deref(),
        Some(name.as_str())
    );
    assert_eq!(
        render(&s, pid, "container.privileged").as_deref(),
        Some("true")
    );
    eprintln!(
        "container_runtime_live: running container {} (pid {pid}) checked",
        &id[..12]
    );
}

/// A root fs with `/bin/sleep` and the libraries it loads.
fn rootfs(root: &Path) -> std::io::Result<()> {
    let copy = |src: &str| -> std::io::Result<()> {
        let dst = root.join(src.trim_start_matches('/'));
        std::fs::create_dir_all(dst.parent().unwrap())?;
        std::fs::copy(src, dst).map(|_| ())
    };
    copy("/bin/sleep")?;
    let ldd = Command::new("ldd").arg("/bin/sleep").output()?;
    for lib in String::from_utf8_lossy(&ldd.stdout)
        .split_whitespace()
        .filter(|w| w.starts_with('/'))
    {
        copy(lib)?;
    }
    Ok(())
}
