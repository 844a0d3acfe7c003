//! The CRI client against recorded and hand-built gRPC answers served on a temporary unix
//! socket.
//!
//! `testdata/containerd-1.6.20-*.h2` are the bytes a real containerd 1.6.20 (Debian 12's
//! package) sent to this client, recorded by a byte-copying proxy during the live test
//! (`sinsp/tests/cri_containerd_live.rs`): the lookup of a container, of its pod's sandbox,
//! and of an unknown id. They exercise what Go's HTTP/2 server does: its SETTINGS, PINGs and
//! WINDOW_UPDATEs, Huffman-coded header values, the dynamic table (`content-type` and the
//! trailers indexed from the second answer on), and a "trailers-only" error answer. The
//! expected values are what that test asked containerd to create (pod `web-0` in `shop`,
//! container `app`, its image, labels and mounts), and the ids containerd gave them.
//!
//! The hand-built answers (CRI-O's shapes: `privileged` at the top of the verbose info, a
//! registry digest in `image_ref`, propagation modes, a pod IP) are encoded here field by
//! field with the numbers of the CRI api.proto.

use std::io::Write;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::h2::{put_frame, Frame, FrameReader};
use super::hpack::{self, Decoder};
use super::proto::{self, put_bytes, put_map, put_str, put_uint};
use super::*;

const CONTAINERD_CONTAINER: &[u8] = include_bytes!("testdata/containerd-1.6.20-container.h2");
const CONTAINERD_SANDBOX: &[u8] = include_bytes!("testdata/containerd-1.6.20-sandbox.h2");
const CONTAINERD_NOT_FOUND: &[u8] = include_bytes!("testdata/containerd-1.6.20-notfound.h2");

/// What the live test created when the recordings were made.
const CTR_ID: &str = "6fa84dd4f15446bc4f744ad63197bb4420f669a0059846bd13c5677127a007c7";
const POD_ID: &str = "8b5b95c765a620c0f412a243dc13543a8f593e7b51fdb01a4c25557002bfe1c2";
const POD_UID: &str = "5c1e0d2a-0000-4000-8000-000000017736";
const IMAGE_ID: &str = "fd64b38c248ece2c642faea219a747122935b0dce9c5165a1682be60629aaa86";
const IMAGE: &str = "localhost:5000/falco-rs/busybox-17736:v1";
const HOST_DIR: &str = "/tmp/falco-rs-cri-17736/host";

/// A request the test server received: path and message.
type Request = (String, Vec<u8>);

/// How the test server answers a complete request on stream `id`: bytes to write.
type AnswerFn = dyn Fn(u32, &str, &[u8]) -> Option<Vec<u8>> + Send + Sync;
type Answer = Arc<AnswerFn>;

struct Server {
    path: PathBuf,
    requests: Arc<Mutex<Vec<Request>>>,
    conns: Arc<AtomicUsize>,
    /// Acknowledgements received: SETTINGS, PING (with the payload sent).
    acks: Arc<[AtomicUsize; 2]>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        if let Some(d) = self.path.parent() {
            let _ = std::fs::remove_dir(d);
        }
    }
}

impl Server {
    /// Serve each connection: read the preface and the client's frames, write `hello` at
    /// once, and `answer`'s bytes when a request is complete (`None`: never answer).
    fn start(name: &str, hello: Vec<u8>, answer: Answer) -> Server {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "falco-rs-cri-{}-{}-{name}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("cri.sock");
        let _ = std::fs::remove_file(&path);
        let l = UnixListener::bind(&path).unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let conns = Arc::new(AtomicUsize::new(0));
        let acks = Arc::new([AtomicUsize::new(0), AtomicUsize::new(0)]);
        let (rq, cn, ak) = (requests.clone(), conns.clone(), acks.clone());
        std::thread::spawn(move || {
            for c in l.incoming() {
                let Ok(c) = c else { return };
                cn.fetch_add(1, Ordering::Relaxed);
                let (rq, hello, answer, ak) =
                    (rq.clone(), hello.clone(), answer.clone(), ak.clone());
                std::thread::spawn(move || serve(c, &hello, &*answer, &rq, &ak));
            }
        });
        Server {
            path,
            requests,
            conns,
            acks,
        }
    }

    fn cfg(&self) -> RuntimeConfig {
        RuntimeConfig {
            sockets: vec![(RuntimeKind::Cri, self.path.clone())],
            timeout: Duration::from_millis(800),
            ..RuntimeConfig::default()
        }
    }

    fn paths(&self) -> Vec<String> {
        let r = self.requests.lock().unwrap();
        r.iter()
            .map(|(p, _)| p.rsplit('/').next().unwrap().to_string())
            .collect()
    }

    /// The protobuf message of the `n`th request.
    fn request(&self, n: usize) -> Vec<u8> {
        self.requests.lock().unwrap()[n].1.clone()
    }
}

fn serve(
    mut c: UnixStream,
    hello: &[u8],
    answer: &AnswerFn,
    requests: &Mutex<Vec<Request>>,
    acks: &[AtomicUsize; 2],
) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut preface = [0u8; 24];
    if std::io::Read::read_exact(&mut c, &mut preface).is_err() {
        return;
    }
    assert_eq!(&preface, b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    if c.write_all(hello).is_err() {
        return;
    }
    let mut r = FrameReader::new();
    let mut dec = Decoder::new(hpack::DEFAULT_TABLE_SIZE);
    let mut path = String::new();
    let mut body = Vec::new();
    loop {
        let Ok(f) = r.read(&mut c, deadline, 1 << 20) else {
            return;
        };
        match f.kind {
            1 => {
                assert_ne!(f.flags & 0x4, 0, "client headers fit one frame");
                let fields = dec.decode(&f.payload).expect("client header block");
                let get = |n: &str| {
                    fields
                        .iter()
                        .find(|(k, _)| k == n.as_bytes())
                        .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
                };
                assert_eq!(get(":method").as_deref(), Some("POST"));
                assert_eq!(get("content-type").as_deref(), Some("application/grpc"));
                assert_eq!(get("te").as_deref(), Some("trailers"));
                path = get(":path").unwrap_or_default();
                body.clear();
            }
            0 => {
                body.extend_from_slice(&f.payload);
                if f.flags & 1 != 0 {
                    // One length-prefixed, uncompressed message.
                    assert_eq!(body[0], 0);
                    let n = u32::from_be_bytes([body[1], body[2], body[3], body[4]]) as usize;
                    assert_eq!(body.len(), 5 + n);
                    let msg = body[5..].to_vec();
                    requests.lock().unwrap().push((path.clone(), msg.clone()));
                    match answer(f.stream, &path, &msg) {
                        Some(a) => {
                            if c.write_all(&a).is_err() {
                                return;
                            }
                        }
                        None => std::thread::sleep(Duration::from_secs(3)),
                    }
                }
            }
            4 if f.flags & 1 != 0 => {
                acks[0].fetch_add(1, Ordering::Relaxed);
            }
            6 if f.flags & 1 != 0 => {
                // Go's server pings with 02041010090e0707 (a BDP estimate).
                assert_eq!(f.payload, [2, 4, 16, 16, 9, 14, 7, 7], "PING ACK echoes");
                acks[1].fetch_add(1, Ordering::Relaxed);
            }
            _ => {}
        }
    }
}

/// The frames of a recording.
fn frames(rec: &[u8]) -> Vec<Frame> {
    let mut out = Vec::new();
    let mut b = rec;
    while b.len() >= 9 {
        let len = u32::from_be_bytes([0, b[0], b[1], b[2]]) as usize;
        out.push(Frame {
            kind: b[3],
            flags: b[4],
            stream: u32::from_be_bytes([b[5], b[6], b[7], b[8]]) & 0x7fff_ffff,
            payload: b[9..9 + len].to_vec(),
        });
        b = &b[9 + len..];
    }
    assert!(b.is_empty(), "recording ends with a whole frame");
    out
}

fn bytes_of(fs: &[Frame]) -> Vec<u8> {
    let mut out = Vec::new();
    for f in fs {
        put_frame(&mut out, f.kind, f.flags, f.stream, &f.payload);
    }
    out
}

/// Replay a recording: the connection-level frames before the first answer at once, then
/// for each request the frames up to the one ending its stream, in the recorded order.
fn replay(name: &str, rec: &'static [u8]) -> Server {
    let fs = frames(rec);
    let first = fs.iter().position(|f| f.stream != 0).unwrap();
    let hello = bytes_of(&fs[..first]);
    let rest = Arc::new(Mutex::new((fs, first)));
    Server::start(
        name,
        hello,
        Arc::new(move |stream, _, _| {
            let mut g = rest.lock().unwrap();
            let (fs, pos) = &mut *g;
            let start = *pos;
            let end = fs[start..]
                .iter()
                .position(|f| f.stream == stream && f.flags & 1 != 0)
                .map(|i| start + i + 1)?;
            *pos = end;
            Some(bytes_of(&fs[start..end]))
        }),
    )
}

fn field_str(msg: &[u8], n: u32) -> String {
    proto::fields(msg)
        .filter_map(Result::ok)
        .find(|(k, _)| *k == n)
        .map(|(_, v)| v.str())
        .unwrap_or_default()
}

#[test]
fn containerd_recorded_container() {
    let srv = replay("ctd", CONTAINERD_CONTAINER);
    let c = lookup(&srv.cfg(), &CTR_ID[..12]).unwrap();
    assert_eq!(
        srv.paths(),
        [
            "Version",
            "ListContainers",
            "ContainerStatus",
            "PodSandboxStatus"
        ]
    );
    // ListContainers filtered by the short id; the status asked verbosely by the full id.
    let list = srv.request(1);
    let filter = proto::fields(&list)
        .next()
        .unwrap()
        .unwrap()
        .1
        .msg()
        .to_vec();
    assert_eq!(field_str(&filter, 1), &CTR_ID[..12]);
    assert_eq!(srv.request(2), cri::status_request(CTR_ID, true));
    assert_eq!(srv.request(3), cri::status_request(POD_ID, false));

    assert_eq!(c.id, &CTR_ID[..12]);
    assert_eq!(c.full_id, CTR_ID);
    assert_eq!(c.kind, RuntimeKind::Containerd);
    assert_eq!(c.kind.name(), "containerd");
    assert_eq!(c.name, "app");
    assert_eq!(c.image, IMAGE);
    assert_eq!(c.image_repo, "localhost:5000/falco-rs/busybox-17736");
    assert_eq!(c.image_tag, "v1");
    assert_eq!(c.image_id, IMAGE_ID);
    assert_eq!(c.image_digest, format!("sha256:{IMAGE_ID}"));
    assert!(c.privileged, "config.linux.security_context.privileged");
    assert!(c.host_network && !c.host_pid && !c.host_ipc);
    assert_eq!(c.ip, "", "host network: no pod IP");
    assert_eq!(
        c.mounts_text,
        format!("{HOST_DIR}:/hostdir::false:private,{HOST_DIR}/data:/data::true:private")
    );
    assert_eq!(c.label("com.example.team"), Some("payments"));
    assert_eq!(c.label("io.kubernetes.container.name"), Some("app"));
    assert_eq!(c.pod_name(), Some("web-0"));
    assert_eq!(c.pod_namespace(), Some("shop"));
    assert_eq!(c.pod_uid(), Some(POD_UID));
    assert_eq!(c.pod_sandbox_id(), Some(POD_ID));
    assert!(!c.is_pod_sandbox);
    assert_eq!(c.pod_labels_text, "app:web,tier:front", "too.long dropped");
    // Created while the recording was made (2026-11-23, 15:36 to 15:39 UTC).
    assert!(
        (1_795_448_160_000_000_000..1_795_448_340_000_000_000).contains(&c.created_ns),
        "{}",
        c.created_ns
    );
    assert_eq!(
        srv.conns.load(Ordering::Relaxed),
        1,
        "one connection per lookup"
    );
    // containerd's SETTINGS and its four PINGs were acknowledged (the last may still be in
    // flight when the lookup returns).
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(srv.acks[0].load(Ordering::Relaxed), 1);
    assert_eq!(srv.acks[1].load(Ordering::Relaxed), 4);
}

#[test]
fn containerd_recorded_sandbox_and_unknown_id() {
    let srv = replay("ctd-sb", CONTAINERD_SANDBOX);
    let c = lookup(&srv.cfg(), &POD_ID[..12]).unwrap();
    assert_eq!(
        srv.paths(),
        ["Version", "ListContainers", "PodSandboxStatus"]
    );
    assert_eq!(srv.request(2), cri::status_request(&POD_ID[..12], false));
    assert!(c.is_pod_sandbox);
    assert_eq!(c.full_id, POD_ID);
    assert_eq!(c.kind.name(), "containerd");
    assert_eq!(c.name, "web-0");
    assert_eq!(c.pod_namespace(), Some("shop"));
    assert_eq!(c.pod_uid(), Some(POD_UID));
    assert_eq!(c.label("app"), Some("web"));
    assert_eq!(c.pod_label("tier"), Some("front"));
    assert!(c.host_network);
    assert_eq!(c.image, "");

    let srv = replay("ctd-nf", CONTAINERD_NOT_FOUND);
    assert_eq!(
        lookup(&srv.cfg(), "0123456789ab"),
        Err(LookupError::Grpc(
            cri::NOT_FOUND,
            "an error occurred when try to find sandbox: not found".into()
        ))
    );
}

/// A server answering with hand-built messages: `answer(path, request)` gives the message,
/// or a gRPC error. Headers as plain literals; the first answer's header block is split
/// over HEADERS and CONTINUATION and its DATA padded, to cover those forms.
fn grpc_server(
    name: &str,
    answer: impl Fn(&str, &[u8]) -> Result<Vec<u8>, (u32, &'static str)> + Send + Sync + 'static,
) -> Server {
    let mut hello = Vec::new();
    put_frame(&mut hello, 4, 0, 0, &[0, 3, 0, 0, 0, 100]); // MAX_CONCURRENT_STREAMS
    Server::start(
        name,
        hello,
        Arc::new(move |stream, path, req| {
            let mut out = Vec::new();
            let mut head = vec![0x88]; // :status 200
            hpack::put_literal(&mut head, "content-type", "application/grpc");
            match answer(path, req) {
                Ok(msg) => {
                    if stream == 1 {
                        let (a, b) = head.split_at(3);
                        put_frame(&mut out, 1, 0, stream, a);
                        put_frame(&mut out, 9, 0x4, stream, b);
                    } else {
                        put_frame(&mut out, 1, 0x4, stream, &head);
                    }
                    let mut data = vec![0];
                    data.extend_from_slice(&(msg.len() as u32).to_be_bytes());
                    data.extend_from_slice(&msg);
                    if stream == 1 {
                        let mut padded = vec![3];
                        padded.extend_from_slice(&data);
                        padded.extend_from_slice(&[0, 0, 0]);
                        put_frame(&mut out, 0, 0x8, stream, &padded);
                    } else {
                        // Split in two frames.
                        let (a, b) = data.split_at(data.len() / 2);
                        put_frame(&mut out, 0, 0, stream, a);
                        put_frame(&mut out, 0, 0, stream, b);
                    }
                    let mut tr = Vec::new();
                    hpack::put_literal(&mut tr, "grpc-status", "0");
                    hpack::put_literal(&mut tr, "grpc-message", "");
                    put_frame(&mut out, 1, 0x5, stream, &tr);
                }
                Err((code, m)) => {
                    // Trailers-only.
                    hpack::put_literal(&mut head, "grpc-status", &code.to_string());
                    hpack::put_literal(&mut head, "grpc-message", m);
                    put_frame(&mut out, 1, 0x5, stream, &head);
                }
            }
            Some(out)
        }),
    )
}

const CRIO_ID: &str = "9f3b1c2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
const CRIO_POD: &str = "63060edc2d3aa803ab559f2393776b151f99fc5b05035b21db66b3b62246ad6a";
const DIGEST: &str = "sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac";
const CRIO_IMAGE_ID: &str = "a8758716bb6aa4d90071160d27028fe4eaee7ce8166221a97d30440c8eac2be6";

fn msg(f: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut b = Vec::new();
    f(&mut b);
    b
}

/// CRI-O's answers for a container of pod `web-1` (pod IP, host pid namespace).
fn crio(path: &str, req: &[u8], image: &str, info: &str) -> Result<Vec<u8>, (u32, &'static str)> {
    let method = path.rsplit('/').next().unwrap();
    Ok(match method {
        "Version" => msg(|b| {
            put_str(b, 1, "0.1.0");
            put_str(b, 2, "cri-o");
            put_str(b, 3, "1.29.1");
            put_str(b, 4, "v1");
        }),
        "ListContainers" => {
            let filter = proto::fields(req).next().unwrap().unwrap().1.msg().to_vec();
            if !CRIO_ID.starts_with(&field_str(&filter, 1)) {
                return Ok(Vec::new());
            }
            msg(|b| {
                put_bytes(
                    b,
                    1,
                    &msg(|c| {
                        put_str(c, 1, CRIO_ID);
                        put_str(c, 2, CRIO_POD);
                    }),
                )
            })
        }
        "ContainerStatus" => msg(|b| {
            put_bytes(
                b,
                1,
                &msg(|s| {
                    put_str(s, 1, CRIO_ID);
                    put_bytes(s, 2, &msg(|m| put_str(m, 1, "nginx")));
                    put_uint(s, 3, 1);
                    put_uint(s, 4, 1_700_000_000_123_456_789);
                    put_bytes(s, 8, &msg(|m| put_str(m, 1, image)));
                    put_str(s, 9, &format!("quay.io/acme/web@{DIGEST}"));
                    put_map(
                        s,
                        12,
                        &[
                            ("io.kubernetes.container.name", "nginx"),
                            ("io.kubernetes.pod.name", "web-1"),
                            ("long", &"y".repeat(LABEL_MAX_LEN + 1)),
                        ],
                    );
                    put_map(s, 13, &[("io.kubernetes.container.hash", "1234")]);
                    for (dst, src, ro, prop) in [
                        ("/var/run/secrets", "/var/lib/kubelet/pods/x/secrets", 1, 0),
                        ("/mnt/host", "/mnt", 0, 1),
                        ("/shared", "/srv/shared", 0, 2),
                    ] {
                        put_bytes(
                            s,
                            14,
                            &msg(|m| {
                                put_str(m, 1, dst);
                                put_str(m, 2, src);
                                put_uint(m, 3, ro);
                                put_uint(m, 4, 1);
                                put_uint(m, 5, prop);
                            }),
                        );
                    }
                    put_str(s, 15, "/var/log/pods/x/nginx/0.log");
                }),
            );
            put_map(b, 2, &[("info", info)]);
        }),
        "PodSandboxStatus" => {
            if field_str(req, 1) != CRIO_POD {
                return Err((5, "pod sandbox not found"));
            }
            msg(|b| {
                put_bytes(
                    b,
                    1,
                    &msg(|s| {
                        put_str(s, 1, CRIO_POD);
                        put_bytes(
                            s,
                            2,
                            &msg(|m| {
                                put_str(m, 1, "web-1");
                                put_str(m, 2, "1b2c3d4e-0000-4000-8000-000000000001");
                                put_str(m, 3, "default");
                                put_uint(m, 4, 0);
                            }),
                        );
                        put_uint(s, 3, 0);
                        put_uint(s, 4, 1_699_999_999_000_000_000);
                        put_bytes(s, 5, &msg(|n| put_str(n, 1, "10.88.0.5")));
                        put_bytes(
                            s,
                            6,
                            &msg(|l| {
                                put_bytes(
                                    l,
                                    1,
                                    &msg(|ns| {
                                        put_bytes(
                                            ns,
                                            2,
                                            &msg(|o| {
                                                put_uint(o, 1, 0);
                                                put_uint(o, 2, 2);
                                                put_uint(o, 3, 0);
                                            }),
                                        )
                                    }),
                                )
                            }),
                        );
                        put_map(s, 7, &[("app", "web"), ("pod-template-hash", "7d4b9c8f5")]);
                        put_str(s, 9, "runc");
                    }),
                )
            })
        }
        _ => return Err((12, "unimplemented")),
    })
}

#[test]
fn crio_container_metadata() {
    let info = r#"{"sandboxID":"63060edc","pid":4242,"privileged":true,
        "runtimeSpec":{"annotations":{"io.kubernetes.cri-o.ImageName":"quay.io/acme/web:2.1"}}}"#;
    let srv = grpc_server("crio", move |p, r| crio(p, r, "quay.io/acme/web:2.1", info));
    let c = lookup(&srv.cfg(), &CRIO_ID[..12]).unwrap();
    assert_eq!(c.kind, RuntimeKind::CriO);
    assert_eq!(c.kind.name(), "cri-o");
    assert_eq!(c.full_id, CRIO_ID);
    assert_eq!(c.name, "nginx");
    // Repository and digest from image_ref, the tag from the status's image.
    assert_eq!(c.image, "quay.io/acme/web:2.1");
    assert_eq!(c.image_repo, "quay.io/acme/web");
    assert_eq!(c.image_tag, "2.1");
    assert_eq!(c.image_digest, DIGEST);
    assert_eq!(c.image_id, "", "no sha256 id anywhere");
    assert!(c.privileged, "CRI-O's top-level privileged");
    assert!(!c.host_network && c.host_pid && !c.host_ipc);
    assert_eq!(c.ip, "10.88.0.5");
    assert_eq!(c.created_ns, 1_700_000_000_123_456_789);
    assert_eq!(
        c.mounts_text,
        "/var/lib/kubelet/pods/x/secrets:/var/run/secrets::false:private,\
         /mnt:/mnt/host::true:rslave,/srv/shared:/shared::true:rshared"
    );
    assert_eq!(c.label("long"), None, "over label_max_len");
    assert_eq!(c.label("io.kubernetes.container.name"), Some("nginx"));
    assert_eq!(c.pod_name(), Some("web-1"));
    assert_eq!(c.pod_namespace(), Some("default"));
    assert_eq!(c.pod_uid(), Some("1b2c3d4e-0000-4000-8000-000000000001"));
    assert_eq!(c.pod_sandbox_id(), Some(CRIO_POD));
    assert_eq!(c.pod_labels_text, "app:web,pod-template-hash:7d4b9c8f5");
    assert!(c
        .labels_text
        .contains("io.kubernetes.sandbox.id:63060edc2d3a"));
}

#[test]
fn crio_image_by_id_named_by_annotation() {
    // The status names the image by id: the name comes from the OCI spec's annotation,
    // the id from the status; config.linux.security_context says not privileged.
    let info = r#"{"config":{"linux":{"security_context":{"privileged":false}}},"privileged":true,
        "runtimeSpec":{"annotations":{"io.kubernetes.cri-o.ImageName":"registry.local:5000/team/app:v3"}}}"#;
    let image = format!("sha256:{CRIO_IMAGE_ID}");
    let srv = grpc_server("crio-id", move |p, r| {
        let mut a = crio(p, r, &image, info)?;
        if p.ends_with("/ContainerStatus") {
            // image_ref is the id too.
            let mut s = Vec::new();
            put_str(&mut s, 9, &format!("sha256:{CRIO_IMAGE_ID}"));
            // A later occurrence of a field wins (protobuf merge): append to the status.
            let inner = proto::fields(&a).next().unwrap().unwrap().1.msg().to_vec();
            let mut st = inner;
            st.extend_from_slice(&s);
            put_str(&mut st, 17, &format!("sha256:{CRIO_IMAGE_ID}"));
            let info_entry = proto::fields(&a).nth(1).unwrap().unwrap().1.msg().to_vec();
            a.clear();
            put_bytes(&mut a, 1, &st);
            put_bytes(&mut a, 2, &info_entry);
        }
        Ok(a)
    });
    let c = lookup(&srv.cfg(), &CRIO_ID[..12]).unwrap();
    assert_eq!(c.image, "registry.local:5000/team/app:v3");
    assert_eq!(c.image_repo, "registry.local:5000/team/app");
    assert_eq!(c.image_tag, "v3");
    assert_eq!(c.image_id, CRIO_IMAGE_ID);
    assert_eq!(c.image_digest, format!("sha256:{CRIO_IMAGE_ID}"));
    assert!(
        !c.privileged,
        "config's flag comes before the top-level one"
    );
}

#[test]
fn cri_sandbox_missing_and_unknown_runtime() {
    // The pod's status fails: the container keeps its own labels; the runtime is not one
    // the plugin names: `cri`.
    let srv = grpc_server("cri-nopod", |p, r| {
        if p.ends_with("/Version") {
            return Ok(msg(|b| put_str(b, 2, "fancy-runtime")));
        }
        if p.ends_with("/PodSandboxStatus") {
            return Err((14, "unavailable"));
        }
        crio(p, r, "quay.io/acme/web:2.1", "not json")
    });
    let c = lookup(&srv.cfg(), &CRIO_ID[..12]).unwrap();
    assert_eq!(c.kind.name(), "cri");
    assert_eq!(c.pod_name(), Some("web-1"), "from the container's labels");
    assert_eq!(c.pod_namespace(), None);
    assert_eq!(c.ip, "");
    assert!(!c.privileged);
    // Unknown id: ListContainers finds nothing, PodSandboxStatus says NOT_FOUND.
    assert_eq!(
        lookup(&srv.cfg(), "0123456789ab"),
        Err(LookupError::Grpc(14, "unavailable".into()))
    );
}

/// The error each hostile answer of [`protocol_errors_are_errors`] must give.
fn expected(case: &str) -> &'static str {
    match case {
        "garbage" => "not a gRPC (HTTP/2) server",
        "goaway" => "GOAWAY, error code 2: bye",
        "rst" => "stream reset by the runtime (error code 8)",
        "status 503" => "HTTP status 503",
        "bad hpack" => "HPACK: index 0",
        "no :status" => "answer without :status",
        "no grpc-status" => "answer without grpc-status",
        "data before headers" => "DATA before HEADERS",
        "interrupted headers" => "interrupted before END_HEADERS",
        "frame too large" => "frame larger than allowed",
        "compressed message" => "compressed message",
        "length mismatch" => "message length does not match",
        "bad protobuf" => "bad protobuf answer",
        "push" => "PUSH_PROMISE",
        "closed" => "i/o error",
        _ => unreachable!("{case}"),
    }
}

/// Every malformed or hostile answer is an error, quickly, never a panic.
#[test]
fn protocol_errors_are_errors() {
    let frame = |kind: u8, flags: u8, stream: u32, payload: &[u8]| {
        let mut b = Vec::new();
        put_frame(&mut b, kind, flags, stream, payload);
        b
    };
    let ok_head = || {
        let mut h = vec![0x88];
        hpack::put_literal(&mut h, "content-type", "application/grpc");
        h
    };
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("garbage", b"HTTP/1.1 400 Bad Request\r\n\r\n".to_vec()),
        (
            "goaway",
            frame(7, 0, 0, &[0, 0, 0, 0, 0, 0, 0, 2, b'b', b'y', b'e']),
        ),
        ("rst", frame(3, 0, 1, &[0, 0, 0, 8])),
        ("status 503", {
            let mut h = Vec::new();
            hpack::put_literal(&mut h, ":status", "503");
            frame(1, 0x5, 1, &h)
        }),
        ("bad hpack", frame(1, 0x5, 1, &[0x80])),
        ("no :status", {
            let mut h = Vec::new();
            hpack::put_literal(&mut h, "grpc-status", "0");
            frame(1, 0x5, 1, &h)
        }),
        ("no grpc-status", {
            let mut b = frame(1, 0x4, 1, &ok_head());
            b.extend(frame(0, 0x1, 1, &[0, 0, 0, 0, 0]));
            b
        }),
        ("data before headers", frame(0, 0x1, 1, &[0, 0, 0, 0, 0])),
        ("interrupted headers", {
            let mut b = frame(1, 0, 1, &ok_head());
            b.extend(frame(6, 0, 0, &[0; 8]));
            b
        }),
        ("frame too large", {
            let mut b = frame(1, 0x4, 1, &ok_head());
            b.extend(frame(0, 0, 1, &vec![0; 20_000]));
            b
        }),
        ("compressed message", {
            let mut b = frame(1, 0x4, 1, &ok_head());
            b.extend(frame(0, 0, 1, &[1, 0, 0, 0, 0]));
            let mut t = Vec::new();
            hpack::put_literal(&mut t, "grpc-status", "0");
            b.extend(frame(1, 0x5, 1, &t));
            b
        }),
        ("length mismatch", {
            let mut b = frame(1, 0x4, 1, &ok_head());
            b.extend(frame(0, 0, 1, &[0, 0, 0, 0, 9, 1]));
            let mut t = Vec::new();
            hpack::put_literal(&mut t, "grpc-status", "0");
            b.extend(frame(1, 0x5, 1, &t));
            b
        }),
        ("bad protobuf", {
            let mut b = frame(1, 0x4, 1, &ok_head());
            b.extend(frame(0, 0, 1, &[0, 0, 0, 0, 2, 0x12, 0x07]));
            let mut t = Vec::new();
            hpack::put_literal(&mut t, "grpc-status", "0");
            b.extend(frame(1, 0x5, 1, &t));
            b
        }),
        ("push", frame(5, 0x4, 1, &[0, 0, 0, 2])),
        ("closed", Vec::new()),
    ];
    for (name, bytes) in cases {
        let closes = bytes.is_empty();
        let srv = Server::start(
            "bad",
            Vec::new(),
            Arc::new(move |_, _, _| {
                if closes {
                    Some(Vec::new())
                } else {
                    Some(bytes.clone())
                }
            }),
        );
        let t = Instant::now();
        let r = if closes {
            // Accept, answer nothing, close.
            let l = UnixListener::bind(srv.path.with_extension("2")).unwrap();
            std::thread::spawn(move || {
                let _ = l.accept();
            });
            lookup(
                &RuntimeConfig {
                    sockets: vec![(RuntimeKind::Cri, srv.path.with_extension("2"))],
                    ..srv.cfg()
                },
                &CRIO_ID[..12],
            )
        } else {
            lookup(&srv.cfg(), &CRIO_ID[..12])
        };
        let want = expected(name);
        assert!(
            r.as_ref().is_err_and(|e| e.to_string().contains(want)),
            "{name}: {r:?}, want an error with {want:?}"
        );
        assert!(
            t.elapsed() < Duration::from_secs(3),
            "{name}: {:?}",
            t.elapsed()
        );
        let _ = std::fs::remove_file(srv.path.with_extension("2"));
    }
    // An answer larger than allowed.
    let big = "z".repeat(10_000);
    let srv = grpc_server("big", move |p, r| crio(p, r, "x", &big));
    let r = lookup(
        &RuntimeConfig {
            max_answer: 4096,
            ..srv.cfg()
        },
        &CRIO_ID[..12],
    );
    assert_eq!(r, Err(LookupError::TooLarge(4096)));
}

#[test]
fn silent_runtime_times_out() {
    let srv = Server::start("silent", Vec::new(), Arc::new(|_, _, _| None));
    let t = Instant::now();
    assert_eq!(
        lookup(&srv.cfg(), &CRIO_ID[..12]),
        Err(LookupError::Timeout)
    );
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
}

#[test]
fn cache_fills_from_a_cri_runtime() {
    let srv = replay("ctd-cache", CONTAINERD_CONTAINER);
    let mut cache = Containers::new(Some(srv.cfg()));
    cache.want(&CTR_ID.as_bytes()[..12]);
    cache.wait(Duration::from_secs(5));
    let c = cache.get(&CTR_ID.as_bytes()[..12]).unwrap();
    assert_eq!(c.name, "app");
    assert_eq!(c.kind, RuntimeKind::Containerd);
}

#[test]
fn plugin_config_cri_sockets() {
    let d = RuntimeConfig::from_plugin_config(&serde_json::Value::Null).unwrap();
    let cri: Vec<_> = d
        .sockets
        .iter()
        .filter(|(k, _)| *k == RuntimeKind::Cri)
        .map(|(_, p)| p.to_str().unwrap())
        .collect();
    assert_eq!(cri, CRI_SOCKETS);
    assert!(d.unsupported.is_empty());
    let v: serde_json::Value = serde_json::from_str(
        r#"{"engines": {"docker": {"enabled": false}, "podman": {"enabled": false},
            "cri": {"sockets": ["/run/k0s/containerd.sock"]},
            "containerd": {"enabled": true, "sockets": []}}}"#,
    )
    .unwrap();
    let cfg = RuntimeConfig::from_plugin_config(&v).unwrap();
    assert_eq!(
        cfg.sockets,
        vec![(RuntimeKind::Cri, PathBuf::from("/run/k0s/containerd.sock"))]
    );
    // containerd's native API is not spoken: reported, with the default (empty: none).
    assert_eq!(cfg.unsupported, vec![("containerd".to_string(), vec![])]);
    // An empty list keeps the defaults, as in the plugin.
    let v: serde_json::Value =
        serde_json::from_str(r#"{"engines": {"cri": {"enabled": true, "sockets": []}}}"#).unwrap();
    let cfg = RuntimeConfig::from_plugin_config(&v).unwrap();
    assert_eq!(
        cfg.sockets
            .iter()
            .filter(|(k, _)| *k == RuntimeKind::Cri)
            .count(),
        CRI_SOCKETS.len()
    );
    let v: serde_json::Value =
        serde_json::from_str(r#"{"engines": {"cri": {"enabled": false}}}"#).unwrap();
    let cfg = RuntimeConfig::from_plugin_config(&v).unwrap();
    assert!(cfg.sockets.iter().all(|(k, _)| *k != RuntimeKind::Cri));
}

#[test]
fn sockets_under_host_root() {
    let mut cfg = RuntimeConfig::from_plugin_config(&serde_json::Value::Null).unwrap();
    // (HOST_ROOT is not set in the test environment, or the defaults would differ.)
    if std::env::var_os("HOST_ROOT").is_some_and(|r| !r.is_empty()) {
        return eprintln!("skipped: sockets_under_host_root: HOST_ROOT is set");
    }
    let before = cfg.sockets.clone();
    cfg.under_root(None);
    cfg.under_root(Some(Path::new("")));
    assert_eq!(cfg.sockets, before);
    cfg.unsupported = vec![("containerd".into(), vec!["/run/x.sock".into()])];
    cfg.under_root(Some(Path::new("/host")));
    assert_eq!(
        cfg.sockets[0],
        (
            RuntimeKind::Docker,
            PathBuf::from("/host/var/run/docker.sock")
        )
    );
    assert!(cfg
        .sockets
        .contains(&(RuntimeKind::Cri, PathBuf::from("/host/run/crio/crio.sock"))));
    assert_eq!(cfg.sockets.len(), before.len());
    assert_eq!(cfg.unsupported[0].1, [PathBuf::from("/host/run/x.sock")]);
}
