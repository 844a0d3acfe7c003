//! Helpers shared by the live container-runtime tests (Podman, containerd).

use std::path::Path;
use std::time::{Duration, Instant};

use falco_scap::EventBuilder;
use falco_schema::code;
use falco_sinsp::fields::{Ctx, FieldRef};
use falco_sinsp::state::State;
use falco_sinsp::time::TimeFormatter;

/// True once something accepts connections on `sock`, within `limit`.
pub fn wait_for(sock: &Path, limit: Duration) -> bool {
    let end = Instant::now() + limit;
    while Instant::now() < end {
        if std::os::unix::net::UnixStream::connect(sock).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

/// True when the test runs with uid 0 (real uid, as /proc/self/status gives it).
pub fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|st| {
        st.lines()
            .find_map(|l| l.strip_prefix("Uid:"))
            .and_then(|u| u.split_whitespace().nth(1))
            == Some("0")
    })
}

/// The text of `field` for an event of thread `tid` in state `s` (`None`: no value).
pub fn render(s: &State, tid: u64, field: &str) -> Option<String> {
    let mut b = EventBuilder::new();
    b.begin(1_000, tid, code::PPME_SYSCALL_GETUID_X);
    b.param(&0u32.to_le_bytes());
    let ev = b.event();
    let f = FieldRef::parse(field).unwrap();
    let mut out = Vec::new();
    f.render(
        &Ctx { ev: &ev, state: s },
        &mut TimeFormatter::new(),
        &mut Vec::new(),
        &mut out,
    )
    .then(|| String::from_utf8(out).unwrap())
}
