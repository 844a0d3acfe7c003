//! Alerts POSTed to an HTTP(S) endpoint (falcosidekick, webhooks).
//!
//! The client is `ureq` with `rustls`: a small, maintained, blocking client (each channel
//! has its own worker thread, so blocking is what we want), with TLS that needs no system
//! OpenSSL, per-request timeouts, custom root certificates, client certificates and a
//! switch to skip verification — everything `http_output` asks for, nothing more.
//!
//! The body is the formatted alert, `Content-Type: application/json` with `json_output`,
//! `text/plain` without. A request that times out is tried again up to
//! `max_consecutive_timeouts` times (so at most `max_consecutive_timeouts + 1` tries, as
//! Falco's loop around `curl_easy_perform`); each try may last `output_timeout`. An answer
//! with a 4xx/5xx status is not retried; it is counted as a failed delivery and logged.
//!
//! # The body falcosidekick accepts
//!
//! falcosidekick (`types.FalcoPayload`, decoded by Go's `encoding/json`; `handlers.go`
//! answers 400 otherwise) reads a JSON object with `output` (string), `priority` (string,
//! one of Emergency, Alert, Critical, Error, Warning, Notice, Informational/Info, Debug,
//! any case), `rule` (string, non-empty), `time` (an RFC 3339 string, non-zero; Falco sends
//! UTC with nanoseconds, `2026-01-02T03:04:05.123456789Z`), `output_fields` (a non-empty
//! object), `source` (string), `tags` (array of strings) and `hostname` (string); `uuid` is
//! set by falcosidekick itself. Its input handler does not decode `Content-Encoding`.
//!
//! `compress_uploads`: Falco maps it to libcurl's `CURLOPT_TRANSFER_ENCODING`, which asks
//! the server for a compressed *response* and leaves the posted body as it is. We post the
//! body uncompressed too (a gzip body would be rejected by falcosidekick), and ask for
//! nothing special in return: the answer only matters for `echo`.

use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

use ureq::tls::{Certificate, ClientCert, PemItem, PrivateKey, RootCerts, TlsConfig};
use ureq::Agent;

use super::channels::Channel;
use super::Formatted;
use crate::config::HttpOutput;

/// The HTTP channel.
pub struct HttpChannel {
    agent: Agent,
    url: String,
    content_type: &'static str,
    echo: bool,
    keep_alive: bool,
    max_timeouts: u8,
}

fn read_pem(path: &str) -> Result<Vec<PemItem<'static>>, String> {
    let data = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    ureq::tls::parse_pem(&data)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("cannot parse {path}: {e}"))
}

fn certs_of(items: Vec<PemItem<'static>>) -> Vec<Certificate<'static>> {
    items
        .into_iter()
        .filter_map(|i| match i {
            PemItem::Certificate(c) => Some(c),
            _ => None,
        })
        .collect()
}

fn root_certs(cfg: &HttpOutput) -> Result<RootCerts, String> {
    let file = if !cfg.ca_cert.is_empty() {
        Some(&cfg.ca_cert)
    } else if !cfg.ca_bundle.is_empty() {
        Some(&cfg.ca_bundle)
    } else {
        None
    };
    if let Some(f) = file {
        let certs = certs_of(read_pem(f)?);
        if certs.is_empty() {
            return Err(format!("no certificate found in {f}"));
        }
        return Ok(RootCerts::new_with_certs(&certs));
    }
    // A directory of PEM files; when it holds none, the bundled Mozilla roots.
    let mut certs = Vec::new();
    if let Ok(rd) = std::fs::read_dir(Path::new(&cfg.ca_path)) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_file() {
                if let Ok(items) = read_pem(&p.to_string_lossy()) {
                    certs.extend(certs_of(items));
                }
            }
        }
    }
    Ok(if certs.is_empty() {
        RootCerts::WebPki
    } else {
        RootCerts::new_with_certs(&certs)
    })
}

fn client_cert(cfg: &HttpOutput) -> Result<ClientCert, String> {
    let chain = certs_of(read_pem(&cfg.client_cert)?);
    if chain.is_empty() {
        return Err(format!("no certificate found in {}", cfg.client_cert));
    }
    let key: Option<PrivateKey<'static>> =
        read_pem(&cfg.client_key)?
            .into_iter()
            .find_map(|i| match i {
                PemItem::PrivateKey(k) => Some(k),
                _ => None,
            });
    let key = key.ok_or_else(|| format!("no private key found in {}", cfg.client_key))?;
    Ok(ClientCert::new_with_certs(&chain, key))
}

/// The URL without surrounding quotes (a quoted value in `-o http_output.url="..."`).
fn unquote(url: &str) -> &str {
    let t = url.trim();
    for q in ['"', '\''] {
        if t.len() >= 2 && t.starts_with(q) && t.ends_with(q) {
            return &t[1..t.len() - 1];
        }
    }
    t
}

impl HttpChannel {
    /// A channel for `cfg`; `timeout` bounds each try of a request.
    pub fn new(
        cfg: &HttpOutput,
        json_output: bool,
        timeout: Duration,
    ) -> Result<HttpChannel, String> {
        let mut tls = TlsConfig::builder();
        if cfg.insecure {
            tls = tls.disable_verification(true);
        } else {
            tls = tls.root_certs(root_certs(cfg)?);
        }
        if cfg.mtls {
            tls = tls.client_cert(Some(client_cert(cfg)?));
        }
        let timeout = timeout.max(Duration::from_millis(100));
        let agent: Agent = Agent::config_builder()
            .tls_config(tls.build())
            .user_agent(cfg.user_agent.as_str())
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .max_idle_connections(if cfg.keep_alive { 4 } else { 0 })
            .max_idle_connections_per_host(if cfg.keep_alive { 4 } else { 0 })
            .build()
            .into();
        Ok(HttpChannel {
            agent,
            url: unquote(&cfg.url).to_string(),
            content_type: if json_output {
                "application/json"
            } else {
                "text/plain"
            },
            echo: cfg.echo,
            keep_alive: cfg.keep_alive,
            max_timeouts: cfg.max_consecutive_timeouts,
        })
    }

    fn post(&self, body: &[u8]) -> Result<(), ureq::Error> {
        let mut req = self
            .agent
            .post(&self.url)
            .header("Content-Type", self.content_type);
        if !self.keep_alive {
            req = req.header("Connection", "close");
        }
        let resp = req.send(body)?;
        let status = resp.status();
        let mut answer = Vec::new();
        let _ = resp
            .into_body()
            .into_reader()
            .take(1 << 20)
            .read_to_end(&mut answer);
        if self.echo && !answer.is_empty() {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(&answer);
            let _ = out.flush();
        }
        if status.is_client_error() || status.is_server_error() {
            return Err(ureq::Error::StatusCode(status.as_u16()));
        }
        Ok(())
    }
}

impl Channel for HttpChannel {
    fn name(&self) -> &'static str {
        "http"
    }
    fn write(&mut self, msg: &Formatted) -> Result<(), String> {
        let mut tries = 0u32;
        loop {
            match self.post(msg.text.as_bytes()) {
                Ok(()) => return Ok(()),
                Err(ureq::Error::Timeout(_)) if tries < u32::from(self.max_timeouts) => {
                    tries += 1;
                }
                Err(e) => {
                    return Err(format!("POST to {} failed: {e}", self.url));
                }
            }
        }
    }
}
