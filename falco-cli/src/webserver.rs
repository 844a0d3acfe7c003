//! The embedded web server (`webserver.*` of falco.yaml): Kubernetes health checks,
//! versions and Prometheus metrics.
//!
//! | path | answer |
//! |---|---|
//! | `webserver.k8s_healthz_endpoint` (`/healthz`) | `200`, `application/json`, `{"status": "ok"}` |
//! | `/versions` | `200`, `application/json`, the `--version` JSON ([`VersionsInfo::json`]) |
//! | `/metrics` (only with `metrics.enabled` *and* `webserver.prometheus_metrics_enabled`) | `200`, `text/plain; version=0.0.4`, [`Metrics::prometheus_text`] |
//! | anything else | `404`; methods other than `GET`/`HEAD`: `405` |
//!
//! A small HTTP/1.1 server on `std::net`: one thread accepts connections (polling a
//! non-blocking listener so that [`Webserver::stop`] is prompt) and hands them to
//! `webserver.threadiness` worker threads (0 = one per CPU). Each connection carries one
//! request (the answer says `Connection: close`), with 5-second read and write timeouts and
//! a 16 KiB limit on the request head, so a slow or hostile client ties up one worker for
//! at most a few seconds. With `ssl_enabled` the connection is TLS (rustls), the
//! certificate chain and private key both read from the PEM file `ssl_certificate`, as
//! Falco does.

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::config::{self, Config};
use crate::logger;
use crate::metrics::{Metrics, PROMETHEUS_CONTENT_TYPE};
use crate::version::VersionsInfo;

const MAX_HEAD: usize = 16 * 1024;
const IO_TIMEOUT: Duration = Duration::from_secs(5);
const ACCEPT_POLL: Duration = Duration::from_millis(20);

/// The body of the health endpoint.
pub const HEALTHZ_BODY: &str = "{\"status\": \"ok\"}";

struct Routes {
    healthz: String,
    versions: String,
    metrics: Option<(Arc<Metrics>, config::Metrics)>,
}

/// A running web server; stopped by [`Webserver::stop`] or on drop.
pub struct Webserver {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
}

fn tls_config(path: &str) -> Result<Arc<rustls::ServerConfig>, String> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
        .map_err(|e| format!("cannot read SSL certificate {path}: {e}"))?
        .collect::<Result<_, _>>()
        .map_err(|e| format!("cannot parse SSL certificate {path}: {e}"))?;
    if certs.is_empty() {
        return Err(format!("no certificate found in {path}"));
    }
    let key = PrivateKeyDer::from_pem_file(path)
        .map_err(|e| format!("no usable private key in {path}: {e}"))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let cfg = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS setup: {e}"))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| format!("invalid SSL certificate or key in {path}: {e}"))?;
    Ok(Arc::new(cfg))
}

fn bind(address: &str, port: u16) -> Result<TcpListener, String> {
    // `::` or an IPv6 literal may come bracketed or not.
    let host = address.trim().trim_start_matches('[').trim_end_matches(']');
    let addrs: Vec<SocketAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|e| format!("invalid webserver listen address {address}: {e}"))?
        .collect();
    let mut last = format!("no address for {address}");
    for a in addrs {
        match TcpListener::bind(a) {
            Ok(l) => return Ok(l),
            Err(e) => last = format!("cannot listen on {a}: {e}"),
        }
    }
    Err(last)
}

impl Webserver {
    /// Start the server of `config.webserver`. As Falco, the caller starts it only when
    /// `webserver.enabled`, and neither for a replayed capture nor with `--dry-run`.
    /// `/metrics` is served when `metrics.enabled` and
    /// `webserver.prometheus_metrics_enabled` are both set. Logs Falco's line
    /// `Starting health webserver with threadiness N, listening on ADDR:PORT`.
    /// Fails (an error naming the address or the certificate) when the port cannot be
    /// bound or TLS cannot be set up.
    pub fn start(
        config: &Config,
        versions: &VersionsInfo,
        metrics: Arc<Metrics>,
    ) -> Result<Webserver, String> {
        let ws = &config.webserver;
        let prom = config.metrics.enabled && ws.prometheus_metrics_enabled;
        Webserver::start_with(
            ws,
            versions,
            prom.then(|| (metrics, config.metrics.clone())),
        )
    }

    /// As [`Webserver::start`], with `/metrics` served from `metrics` when given.
    pub fn start_with(
        ws: &config::Webserver,
        versions: &VersionsInfo,
        metrics: Option<(Arc<Metrics>, config::Metrics)>,
    ) -> Result<Webserver, String> {
        let threads = if ws.threadiness == 0 {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        } else {
            ws.threadiness as usize
        };
        let tls = if ws.ssl_enabled {
            Some(tls_config(&ws.ssl_certificate)?)
        } else {
            None
        };
        logger::info(&format!(
            "Starting health webserver with threadiness {threads}, listening on {}:{}{}",
            ws.listen_address,
            ws.listen_port,
            if ws.ssl_enabled { " (SSL)" } else { "" }
        ));
        let listener = bind(&ws.listen_address, ws.listen_port)
            .map_err(|e| format!("an error occurred while starting webserver: {e}"))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        listener
            .set_nonblocking(true)
            .map_err(|e| format!("webserver: {e}"))?;
        let routes = Arc::new(Routes {
            healthz: if ws.k8s_healthz_endpoint.is_empty() {
                "/healthz".into()
            } else {
                ws.k8s_healthz_endpoint.clone()
            },
            versions: versions.json().to_compact(),
            metrics,
        });
        let stop = Arc::new(AtomicBool::new(false));
        let (tx, rx) = crossbeam_channel::bounded::<TcpStream>(threads * 16);
        let mut handles = Vec::with_capacity(threads + 1);
        for i in 0..threads {
            let rx = rx.clone();
            let routes = routes.clone();
            let tls = tls.clone();
            handles.push(
                std::thread::Builder::new()
                    .name(format!("falco-web-{i}"))
                    .spawn(move || {
                        for stream in rx.iter() {
                            serve(stream, &routes, tls.as_ref());
                        }
                    })
                    .map_err(|e| format!("webserver: cannot start a thread: {e}"))?,
            );
        }
        let stop2 = stop.clone();
        handles.push(
            std::thread::Builder::new()
                .name("falco-web-accept".into())
                .spawn(move || {
                    while !stop2.load(Ordering::Acquire) {
                        match listener.accept() {
                            Ok((s, _)) => {
                                // Busy workers and a full backlog: refuse rather than queue.
                                let _ = tx.try_send(s);
                            }
                            Err(e) if e.kind() == ErrorKind::WouldBlock => {
                                std::thread::sleep(ACCEPT_POLL)
                            }
                            Err(e) if e.kind() == ErrorKind::Interrupted => {}
                            Err(e) => {
                                logger::error(&format!("falco_webserver: {e}"));
                                std::thread::sleep(ACCEPT_POLL);
                            }
                        }
                    }
                    // Dropping `tx` ends the workers once they finish their connection.
                })
                .map_err(|e| format!("webserver: cannot start a thread: {e}"))?,
        );
        Ok(Webserver {
            addr,
            stop,
            threads: handles,
        })
    }

    /// The address the server listens on (the real port when `listen_port` was 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stop accepting, finish the requests in progress and join the threads.
    pub fn stop(&mut self) {
        self.stop.store(true, Ordering::Release);
        for h in self.threads.drain(..) {
            let _ = h.join();
        }
    }
}

impl Drop for Webserver {
    fn drop(&mut self) {
        self.stop();
    }
}

fn serve(stream: TcpStream, routes: &Routes, tls: Option<&Arc<rustls::ServerConfig>>) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_nodelay(true);
    match tls {
        None => {
            let mut s = stream;
            handle(&mut s, routes);
        }
        Some(cfg) => {
            let Ok(conn) = rustls::ServerConnection::new(cfg.clone()) else {
                return;
            };
            let mut s = rustls::StreamOwned::new(conn, stream);
            handle(&mut s, routes);
            s.conn.send_close_notify();
            let _ = s.flush();
        }
    }
}

/// The request line of a request head: method and path (query string dropped), or
/// `None` when it is not HTTP.
fn request_line(head: &[u8]) -> Option<(&str, &str)> {
    let end = head.windows(2).position(|w| w == b"\r\n")?;
    let line = std::str::from_utf8(&head[..end]).ok()?;
    let mut parts = line.split(' ');
    let method = parts.next()?;
    let target = parts.next()?;
    let version = parts.next()?;
    if parts.next().is_some() || !version.starts_with("HTTP/1.") || method.is_empty() {
        return None;
    }
    let path = target.split(['?', '#']).next().unwrap_or(target);
    Some((method, path))
}

fn handle(s: &mut (impl Read + Write), routes: &Routes) {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 2048];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => return,
        }
        if head.windows(4).any(|w| w == b"\r\n\r\n") {
            break;
        }
        if head.len() > MAX_HEAD {
            respond(s, 431, "text/plain", b"request header too large\n", false);
            return;
        }
    }
    let Some((method, path)) = request_line(&head) else {
        respond(s, 400, "text/plain", b"bad request\n", false);
        return;
    };
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        respond(s, 405, "text/plain", b"method not allowed\n", false);
        return;
    }
    if path == routes.healthz {
        respond(
            s,
            200,
            "application/json",
            HEALTHZ_BODY.as_bytes(),
            head_only,
        );
    } else if path == "/versions" {
        respond(
            s,
            200,
            "application/json",
            routes.versions.as_bytes(),
            head_only,
        );
    } else if let (Some((m, cfg)), "/metrics") = (&routes.metrics, path) {
        let text = m.prometheus_text(cfg);
        respond(s, 200, PROMETHEUS_CONTENT_TYPE, text.as_bytes(), head_only);
    } else {
        respond(s, 404, "text/plain", b"not found\n", head_only);
    }
}

fn respond(s: &mut impl Write, status: u16, ctype: &str, body: &[u8], head_only: bool) {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Request Header Fields Too Large",
    };
    let mut out = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if status == 405 {
        out.push_str("Allow: GET, HEAD\r\n");
    }
    out.push_str("\r\n");
    let mut data = out.into_bytes();
    if !head_only {
        data.extend_from_slice(body);
    }
    let _ = s.write_all(&data);
    let _ = s.flush();
}

#[cfg(test)]
mod tests {
    use super::request_line;

    #[test]
    fn request_lines() {
        assert_eq!(
            request_line(b"GET /healthz?x=1 HTTP/1.1\r\n\r\n"),
            Some(("GET", "/healthz"))
        );
        assert_eq!(request_line(b"GET /healthz\r\n\r\n"), None);
        assert_eq!(request_line(b"GET  /x HTTP/1.1\r\n\r\n"), None);
        assert_eq!(request_line(b"GET /x SPDY/3\r\n\r\n"), None);
    }
}
