//! Loading the embedded probe with libbpf (libbpf-rs over a vendored libbpf 1.7),
//! sizing its maps, filling the tail-call tables and attaching its programs.

use std::ffi::OsStr;
use std::os::fd::{AsFd, AsRawFd};
use std::path::Path;
use std::sync::Mutex;

use falco_schema::syscalls::{self, SYSCALL_TABLE_SIZE};
use falco_schema::CODE_NAMES;
use libbpf_rs::{
    Link, MapCore, MapFlags, MapHandle, MapType, Object, ObjectBuilder, OpenObject, PrintLevel,
};

use super::sys;
use super::{BpfConfig, BpfError, Counters, Settings};

/// The object built by build.rs, when clang was there.
#[cfg(falco_bpf_probe)]
pub const PROBE: Option<&[u8]> = Some(include_bytes!(concat!(env!("OUT_DIR"), "/probe.bpf.o")));
/// The object built by build.rs, when clang was there.
#[cfg(not(falco_bpf_probe))]
pub const PROBE: Option<&[u8]> = None;

/// Native syscall numbers (x86_64) of the syscalls with a TOCTOU enter event, and the
/// program on their `syscalls:sys_enter_*` tracepoint.
const TOCTOU: [(u32, &str); 5] = [
    (2, "toctou_open"),
    (257, "toctou_openat"),
    (437, "toctou_openat2"),
    (85, "toctou_creat"),
    (42, "toctou_connect"),
];

/// What libbpf printed while loading (the verifier's log on failure), for errors.
static LIBBPF_LOG: Mutex<String> = Mutex::new(String::new());

fn collect_libbpf_log(level: PrintLevel, msg: String) {
    if matches!(level, PrintLevel::Debug) {
        return;
    }
    if let Ok(mut log) = LIBBPF_LOG.lock() {
        // Keep the tail: the verifier's verdict is at the end.
        if log.len() > 64 * 1024 {
            let cut = log.len() - 32 * 1024;
            let cut = (cut..log.len())
                .find(|&i| log.is_char_boundary(i))
                .unwrap_or(log.len());
            log.drain(..cut);
        }
        log.push_str(&msg);
    }
}

fn take_libbpf_log() -> String {
    LIBBPF_LOG
        .lock()
        .map(|mut l| std::mem::take(&mut *l))
        .unwrap_or_default()
}

/// The loaded probe: the object (maps, programs), the ring buffer maps and the links
/// that keep programs attached. Dropping it detaches every program (links first).
pub struct Loaded {
    /// Attached programs; dropped first, which detaches them.
    pub links: Vec<(String, Link)>,
    /// The ring buffers, one per group of CPUs.
    pub rings: Vec<MapHandle>,
    /// The BPF object.
    pub object: Object,
    /// Number of possible CPUs.
    pub ncpus: usize,
    /// How the TOCTOU enter events are captured ("syscall tracepoints" or "raw
    /// sys_enter"; empty until attached).
    pub toctou_mode: &'static str,
    /// The selected syscalls (native numbers).
    wanted: Vec<bool>,
    verbose: bool,
}

fn load_err(what: &str, e: libbpf_rs::Error) -> BpfError {
    let log = take_libbpf_log();
    let msg = format!("{what}: {e}");
    // The verifier rejects programs with EACCES too: with a log, it is a load error.
    match e.kind() {
        libbpf_rs::ErrorKind::PermissionDenied if log.is_empty() || sys::euid() != 0 => {
            BpfError::Permission(match sys::euid() {
                0 => msg,
                uid => format!("{msg} (running as uid {uid})"),
            })
        }
        _ => BpfError::Load {
            msg,
            log: if log.is_empty() { None } else { Some(log) },
        },
    }
}

fn create_ring(size: usize, index: usize) -> Result<MapHandle, BpfError> {
    let opts = libbpf_sys::bpf_map_create_opts {
        sz: std::mem::size_of::<libbpf_sys::bpf_map_create_opts>() as _,
        ..Default::default()
    };
    MapHandle::create(
        MapType::RingBuf,
        Some(format!("falco_rb{index}")),
        0,
        0,
        size as u32,
        &opts,
    )
    .map_err(|e| match e.kind() {
        libbpf_rs::ErrorKind::PermissionDenied => {
            BpfError::Permission(format!("creating a BPF ring buffer: {e}"))
        }
        libbpf_rs::ErrorKind::InvalidInput => BpfError::KernelTooOld(format!(
            "creating a BPF ring buffer of {size} bytes: {e}; BPF ring buffers need Linux 5.8"
        )),
        _ => BpfError::Load {
            msg: format!("creating a BPF ring buffer of {size} bytes: {e}"),
            log: None,
        },
    })
}

fn map_of<'a>(obj: &'a Object, name: &str) -> Result<libbpf_rs::Map<'a>, BpfError> {
    obj.maps()
        .find(|m| m.name() == OsStr::new(name))
        .ok_or_else(|| BpfError::Load {
            msg: format!("the probe has no map {name}"),
            log: None,
        })
}

fn update(map: &libbpf_rs::Map<'_>, key: u32, value: &[u8], what: &str) -> Result<(), BpfError> {
    map.update(&key.to_ne_bytes(), value, MapFlags::ANY)
        .map_err(|e| load_err(what, e))
}

/// Open, size and load the probe and fill its tables; [`Loaded::attach`] starts it.
pub fn load(cfg: &BpfConfig, settings: &Settings) -> Result<Loaded, BpfError> {
    let probe = PROBE.ok_or(BpfError::NotBuilt)?;
    if !Path::new("/sys/kernel/btf/vmlinux").exists() {
        return Err(BpfError::NoBtf);
    }
    if let Err(e) = sys::raise_memlock() {
        // Kernels since 5.11 account BPF memory to the cgroup: not fatal.
        if cfg.verbose {
            eprintln!("falco-scap: warning: cannot raise RLIMIT_MEMLOCK ({e}); continuing");
        }
    }
    let ncpus = libbpf_rs::num_possible_cpus().map_err(|e| load_err("counting CPUs", e))?;
    let size = cfg.buffer_bytes()?;
    let per = if cfg.cpus_for_each_buffer == 0 {
        ncpus
    } else {
        cfg.cpus_for_each_buffer
    };
    let nrings = ncpus.div_ceil(per);
    let mut rings = Vec::with_capacity(nrings);
    for i in 0..nrings {
        rings.push(create_ring(size, i)?);
    }

    libbpf_rs::set_print(Some((PrintLevel::Warn, collect_libbpf_log)));
    take_libbpf_log();
    let mut open: OpenObject = ObjectBuilder::default()
        .open_memory(probe)
        .map_err(|e| load_err("opening the probe", e))?;
    for mut m in open.maps_mut() {
        let name = m.name().to_string_lossy().into_owned();
        match name.as_str() {
            "aux_bufs" => m
                .set_max_entries(ncpus as u32)
                .map_err(|e| load_err("sizing aux_bufs", e))?,
            "ringbufs" => {
                m.set_max_entries(ncpus as u32)
                    .map_err(|e| load_err("sizing ringbufs", e))?;
                m.set_inner_map_fd(rings[0].as_fd())
                    .map_err(|e| load_err("setting the ring buffer template", e))?;
            }
            "settings" if m.value_size() as usize != Settings::SIZE => {
                return Err(BpfError::Load {
                    msg: format!(
                        "probe settings are {} bytes, this build expects {}",
                        m.value_size(),
                        Settings::SIZE
                    ),
                    log: None,
                })
            }
            "counters" if m.value_size() as usize != Counters::SIZE => {
                return Err(BpfError::Load {
                    msg: format!(
                        "probe counters are {} bytes, this build expects {}",
                        m.value_size(),
                        Counters::SIZE
                    ),
                    log: None,
                })
            }
            _ => {}
        }
    }
    let object = open.load().map_err(|e| load_err("loading the probe", e))?;
    libbpf_rs::set_print(None);

    // Maps: ring of each CPU, settings, interesting syscalls, tail-call tables.
    let ringbufs = map_of(&object, "ringbufs")?;
    for cpu in 0..ncpus {
        let fd = rings[cpu / per].as_fd().as_raw_fd() as u32;
        update(&ringbufs, cpu as u32, &fd.to_ne_bytes(), "filling ringbufs")?;
    }
    update(
        &map_of(&object, "settings")?,
        0,
        &settings.to_bytes(),
        "writing settings",
    )?;
    let interesting = map_of(&object, "interesting")?;
    let wanted = cfg.wanted_syscalls();
    for (nr, on) in wanted.iter().enumerate() {
        update(&interesting, nr as u32, &[*on as u8], "selecting syscalls")?;
    }

    let prog_fd = |name: &str| {
        object
            .progs()
            .find(|p| p.name() == OsStr::new(name))
            .map(|p| p.as_fd().as_raw_fd() as u32)
    };
    let generic = prog_fd("ppme_generic_x").ok_or_else(|| BpfError::Load {
        msg: "the probe has no generic program".into(),
        log: None,
    })?;
    let exit_progs = map_of(&object, "exit_progs")?;
    for e in syscalls::table(syscalls::Arch::X86_64) {
        if e.nr as usize >= SYSCALL_TABLE_SIZE {
            continue;
        }
        let name = CODE_NAMES[e.exit as usize].to_ascii_lowercase();
        let fd = prog_fd(&name).unwrap_or(generic);
        update(
            &exit_progs,
            e.nr as u32,
            &fd.to_ne_bytes(),
            "filling exit_progs",
        )?;
    }

    Ok(Loaded {
        links: Vec::new(),
        rings,
        object,
        ncpus,
        toctou_mode: "",
        wanted,
        verbose: cfg.verbose,
    })
}

impl Loaded {
    /// Attach the programs: one-shot tracepoints, TOCTOU enter programs, then the
    /// dispatcher. Nothing is captured before; everything after.
    pub fn attach(&mut self) -> Result<(), BpfError> {
        if !self.links.is_empty() {
            return Ok(());
        }
        let object = &self.object;
        let attach = |name: &str| -> Result<Link, BpfError> {
            let prog = object
                .progs_mut()
                .find(|p| p.name() == OsStr::new(name))
                .ok_or_else(|| BpfError::Load {
                    msg: format!("the probe has no program {name}"),
                    log: None,
                })?;
            prog.attach().map_err(|e| BpfError::Attach {
                prog: name.to_string(),
                msg: e.to_string(),
            })
        };
        let mut links = Vec::new();
        for name in ["sched_process_exec", "sched_process_exit", "signal_deliver"] {
            links.push((name.to_string(), attach(name)?));
        }
        let mut toctou_mode = "syscall tracepoints";
        let mut toctou_links = Vec::new();
        for (nr, name) in TOCTOU {
            if !self.wanted[nr as usize] {
                continue;
            }
            match attach(name) {
                Ok(l) => toctou_links.push((name.to_string(), l)),
                Err(e) => {
                    if self.verbose {
                        eprintln!(
                            "falco-scap: {e}; capturing enter events from raw sys_enter \
                             instead (mount tracefs on /sys/kernel/tracing to avoid its cost)"
                        );
                    }
                    toctou_links.clear();
                    toctou_links
                        .push(("toctou_sys_enter".to_string(), attach("toctou_sys_enter")?));
                    toctou_mode = "raw sys_enter";
                    break;
                }
            }
        }
        links.extend(toctou_links);
        links.push(("sys_exit".to_string(), attach("sys_exit")?));
        self.links = links;
        self.toctou_mode = toctou_mode;
        Ok(())
    }

    /// Sum of the per-CPU counters.
    pub fn counters(&self) -> Result<Counters, BpfError> {
        let map = map_of(&self.object, "counters")?;
        let per_cpu = map
            .lookup_percpu(&0u32.to_ne_bytes(), MapFlags::ANY)
            .map_err(|e| load_err("reading counters", e))?
            .unwrap_or_default();
        let mut total = Counters::default();
        for v in per_cpu {
            total.add(&Counters::from_bytes(&v));
        }
        Ok(total)
    }

    /// Detach every program (the probe stays loaded; no new event is written).
    pub fn detach(&mut self) {
        // Dropping a link detaches its program.
        self.links.clear();
    }
}
