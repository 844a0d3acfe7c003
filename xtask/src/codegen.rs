//! Generation of the drivers' C headers from `falco-schema`.
//!
//! [`generate`] renders every header in memory; [`write`] puts one on disk and [`check`]
//! compares them with the committed files. The output depends on the schema only (no
//! timestamps, no hash-map order), so regenerating an unchanged schema is a no-op.
//!
//! * `falco_events.gen.h`: versions, wire-format limits, `struct ppm_evt_hdr`, `PT_*`,
//!   `PF_*`, `EC_*`, `EF_*`, the event codes, and per event the parameter count and (when
//!   every parameter is fixed-size) the event size.
//! * `falco_flags.gen.h`: `PPM_<name>` for every value of every flag set.
//! * `falco_syscalls.gen.h`: `PPM_SC_*`, `UF_*`, `struct syscall_evt_pair` and the x86_64
//!   and aarch64 syscall tables.
//!
//! They include the hand-written `falco_types.h`, which supplies `__u8` ... `__s64`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{ensure, Context, Result};
use falco_schema::flags::{self, FlagSet};
use falco_schema::syscalls::{self, SyscallEntry};
use falco_schema::{
    abi, category, eflags, EventInfo, ParamExtra, ParamType, PrintFormat, CODE_NAMES, EVENTS,
    EVENT_MAX,
};

/// Directory of the generated headers, relative to the repository root.
pub const INCLUDE_DIR: &str = "driver/include";

/// Longest line the generated C should have (kernel style). Only the syscall tables, one
/// designated initializer per line, go beyond it.
pub const MAX_LINE: usize = 100;

/// One generated file.
#[derive(Debug, Clone)]
pub struct File {
    /// Path relative to the repository root, `/`-separated.
    pub path: String,
    /// Full contents.
    pub text: String,
}

/// Everything [`generate`] produced.
#[derive(Debug, Clone)]
pub struct Output {
    /// The headers, in a fixed order.
    pub files: Vec<File>,
    /// Remarks for the person running the generator (renamed flag macros).
    pub notes: Vec<String>,
}

/// The repository root (the parent of the `xtask` package).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in a subdirectory of the repository")
        .to_path_buf()
}

/// Render every generated header.
pub fn generate() -> Result<Output> {
    let root = repo_root();
    let idents = event_idents(&root)?;
    let mut defined = Defined::default();
    let mut notes = Vec::new();

    let events = events_header(&idents, &mut defined)?;
    let syscalls = syscalls_header(&idents, &mut defined)?;
    let flags = flags_header(&defined, &mut notes)?;

    let file = |name: &str, text| File {
        path: format!("{INCLUDE_DIR}/{name}"),
        text,
    };
    Ok(Output {
        files: vec![
            file("falco_events.gen.h", events),
            file("falco_flags.gen.h", flags),
            file("falco_syscalls.gen.h", syscalls),
        ],
        notes,
    })
}

/// Write `file` under `root` unless it already has the generated contents; true if written.
pub fn write(root: &Path, file: &File) -> Result<bool> {
    let path = root.join(&file.path);
    if fs::read_to_string(&path).is_ok_and(|old| old == file.text) {
        return Ok(false);
    }
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    fs::write(&path, &file.text).with_context(|| format!("writing {}", path.display()))?;
    Ok(true)
}

/// Compare `files` with the files under `root`: one message per missing or different file.
pub fn check(root: &Path, files: &[File]) -> Result<Vec<String>> {
    let mut stale = Vec::new();
    for f in files {
        let path = root.join(&f.path);
        match fs::read_to_string(&path) {
            Ok(old) if old == f.text => {}
            Ok(old) => stale.push(diff_summary(&f.path, &old, &f.text)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                stale.push(format!("{}: missing", f.path))
            }
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        }
    }
    Ok(stale)
}

/// A short description of how `old` (on disk) differs from `new` (generated): the range of
/// lines between the common prefix and suffix, with a few of the lines on each side.
fn diff_summary(path: &str, old: &str, new: &str) -> String {
    const SHOW: usize = 6;
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    if a == b {
        return format!("{path}: differs in line endings or the final newline only");
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (old_mid, new_mid) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut s = format!(
        "{path}: differs from line {}: {} line(s) on disk, {} generated",
        prefix + 1,
        old_mid.len(),
        new_mid.len()
    );
    for (sign, lines) in [('-', old_mid), ('+', new_mid)] {
        for l in lines.iter().take(SHOW) {
            let _ = write!(s, "\n    {sign}{l}");
        }
        if lines.len() > SHOW {
            let _ = write!(s, "\n    {sign}... {} more", lines.len() - SHOW);
        }
    }
    s
}

// ---- names ----

/// The `PPME_*` name of every event code, indexed by code, as C identifiers.
fn event_idents(_root: &Path) -> Result<Vec<String>> {
    CODE_NAMES
        .iter()
        .map(|n| {
            ensure!(is_c_ident(n), "{n} is not a C identifier");
            Ok(n.to_string())
        })
        .collect()
}

fn is_c_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Upper-case `s` and replace whatever cannot appear in a C identifier with `_`.
fn c_upper(s: &str) -> String {
    c_ident_part(s).to_ascii_uppercase()
}

/// `s` with whatever cannot appear in a C identifier replaced by `_`.
fn c_ident_part(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// Every parameter type, in id order. [`param_type_ident`] is an exhaustive match, so a
/// type added to the schema fails to compile there; add it here too (a test checks that
/// the ids are dense).
const PARAM_TYPES: [ParamType; 49] = {
    use ParamType::*;
    [
        None,
        Int8,
        Int16,
        Int32,
        Int64,
        Uint8,
        Uint16,
        Uint32,
        Uint64,
        Charbuf,
        Bytebuf,
        Errno,
        Sockaddr,
        Socktuple,
        Fd,
        Pid,
        Fdlist,
        Fspath,
        Syscallid,
        Sigtype,
        Reltime,
        Abstime,
        Port,
        L4proto,
        Sockfamily,
        Bool,
        Ipv4addr,
        Dyn,
        Flags8,
        Flags16,
        Flags32,
        Uid,
        Gid,
        Double,
        Sigset,
        Charbufarray,
        CharbufPairArray,
        Ipv4net,
        Ipv6addr,
        Ipv6net,
        Ipaddr,
        Ipnet,
        Mode,
        Fsrelpath,
        Enumflags8,
        Enumflags16,
        Enumflags32,
        Fd32,
        Pid32,
    ]
};

/// The C name of a parameter type (`PT_*`, as upstream).
fn param_type_ident(t: ParamType) -> &'static str {
    use ParamType::*;
    match t {
        None => "PT_NONE",
        Int8 => "PT_INT8",
        Int16 => "PT_INT16",
        Int32 => "PT_INT32",
        Int64 => "PT_INT64",
        Uint8 => "PT_UINT8",
        Uint16 => "PT_UINT16",
        Uint32 => "PT_UINT32",
        Uint64 => "PT_UINT64",
        Charbuf => "PT_CHARBUF",
        Bytebuf => "PT_BYTEBUF",
        Errno => "PT_ERRNO",
        Sockaddr => "PT_SOCKADDR",
        Socktuple => "PT_SOCKTUPLE",
        Fd => "PT_FD",
        Pid => "PT_PID",
        Fdlist => "PT_FDLIST",
        Fspath => "PT_FSPATH",
        Syscallid => "PT_SYSCALLID",
        Sigtype => "PT_SIGTYPE",
        Reltime => "PT_RELTIME",
        Abstime => "PT_ABSTIME",
        Port => "PT_PORT",
        L4proto => "PT_L4PROTO",
        Sockfamily => "PT_SOCKFAMILY",
        Bool => "PT_BOOL",
        Ipv4addr => "PT_IPV4ADDR",
        Dyn => "PT_DYN",
        Flags8 => "PT_FLAGS8",
        Flags16 => "PT_FLAGS16",
        Flags32 => "PT_FLAGS32",
        Uid => "PT_UID",
        Gid => "PT_GID",
        Double => "PT_DOUBLE",
        Sigset => "PT_SIGSET",
        Charbufarray => "PT_CHARBUFARRAY",
        CharbufPairArray => "PT_CHARBUF_PAIR_ARRAY",
        Ipv4net => "PT_IPV4NET",
        Ipv6addr => "PT_IPV6ADDR",
        Ipv6net => "PT_IPV6NET",
        Ipaddr => "PT_IPADDR",
        Ipnet => "PT_IPNET",
        Mode => "PT_MODE",
        Fsrelpath => "PT_FSRELPATH",
        Enumflags8 => "PT_ENUMFLAGS8",
        Enumflags16 => "PT_ENUMFLAGS16",
        Enumflags32 => "PT_ENUMFLAGS32",
        Fd32 => "PT_FD32",
        Pid32 => "PT_PID32",
    }
}

/// Every print format with its C name (`PF_*`, as upstream).
const PRINT_FORMATS: [(PrintFormat, &str); 7] = [
    (PrintFormat::Na, "PF_NA"),
    (PrintFormat::Dec, "PF_DEC"),
    (PrintFormat::Hex, "PF_HEX"),
    (PrintFormat::PaddedDec, "PF_10_PADDED_DEC"),
    (PrintFormat::Id, "PF_ID"),
    (PrintFormat::Dir, "PF_DIR"),
    (PrintFormat::Oct, "PF_OCT"),
];

/// Event categories (`EC_*`).
const CATEGORIES: [(&str, u32); 26] = [
    ("EC_UNKNOWN", category::UNKNOWN),
    ("EC_OTHER", category::OTHER),
    ("EC_FILE", category::FILE),
    ("EC_NET", category::NET),
    ("EC_IPC", category::IPC),
    ("EC_MEMORY", category::MEMORY),
    ("EC_PROCESS", category::PROCESS),
    ("EC_SLEEP", category::SLEEP),
    ("EC_SYSTEM", category::SYSTEM),
    ("EC_SIGNAL", category::SIGNAL),
    ("EC_USER", category::USER),
    ("EC_TIME", category::TIME),
    ("EC_PROCESSING", category::PROCESSING),
    ("EC_IO_BASE", category::IO_BASE),
    ("EC_IO_READ", category::IO_READ),
    ("EC_IO_WRITE", category::IO_WRITE),
    ("EC_IO_OTHER", category::IO_OTHER),
    ("EC_WAIT", category::WAIT),
    ("EC_SCHEDULER", category::SCHEDULER),
    ("EC_INTERNAL", category::INTERNAL),
    ("EC_SYSCALL", category::SYSCALL),
    ("EC_TRACEPOINT", category::TRACEPOINT),
    ("EC_PLUGIN", category::PLUGIN),
    ("EC_METAEVENT", category::METAEVENT),
    ("EC_ITER", category::ITER),
    ("EC_SOURCE_MASK", category::SOURCE_MASK),
];

/// Event flags (`EF_*`).
const EVENT_FLAGS: [(&str, u32); 13] = [
    ("EF_NONE", eflags::NONE),
    ("EF_CREATES_FD", eflags::CREATES_FD),
    ("EF_DESTROYS_FD", eflags::DESTROYS_FD),
    ("EF_USES_FD", eflags::USES_FD),
    ("EF_READS_FROM_FD", eflags::READS_FROM_FD),
    ("EF_WRITES_TO_FD", eflags::WRITES_TO_FD),
    ("EF_MODIFIES_STATE", eflags::MODIFIES_STATE),
    ("EF_UNUSED", eflags::UNUSED),
    ("EF_WAITS", eflags::WAITS),
    ("EF_SKIPPARSERESET", eflags::SKIPPARSERESET),
    ("EF_OLD_VERSION", eflags::OLD_VERSION),
    ("EF_LARGE_PAYLOAD", eflags::LARGE_PAYLOAD),
    ("EF_CONVERTER_MANAGED", eflags::CONVERTER_MANAGED),
];

/// Socket families of `SOCKADDR`/`SOCKTUPLE` parameters.
const ADDRESS_FAMILIES: [(&str, u8); 6] = [
    ("PPM_AF_UNSPEC", abi::af::UNSPEC),
    ("PPM_AF_UNIX", abi::af::UNIX),
    ("PPM_AF_INET", abi::af::INET),
    ("PPM_AF_INET6", abi::af::INET6),
    ("PPM_AF_NETLINK", abi::af::NETLINK),
    ("PPM_AF_PACKET", abi::af::PACKET),
];

/// Syscall table flags (`UF_*`).
const SYSCALL_FLAGS: [(&str, u8); 6] = [
    ("UF_NONE", syscalls::uf::NONE),
    ("UF_USED", syscalls::uf::USED),
    ("UF_NEVER_DROP", syscalls::uf::NEVER_DROP),
    ("UF_ALWAYS_DROP", syscalls::uf::ALWAYS_DROP),
    ("UF_SIMPLEDRIVER_KEEP", syscalls::uf::SIMPLEDRIVER_KEEP),
    ("UF_ATOMIC", syscalls::uf::ATOMIC),
];

/// Architectures with a native syscall table: schema table, C name, compiler tests.
const ARCHES: [(syscalls::Arch, &str, &str); 2] = [
    (
        syscalls::Arch::X86_64,
        "x86_64",
        "defined(__x86_64__) || defined(__TARGET_ARCH_x86)",
    ),
    (
        syscalls::Arch::Aarch64,
        "aarch64",
        "defined(__aarch64__) || defined(__TARGET_ARCH_arm64)",
    ),
];

/// Identifiers the generated headers define, so that flag macros do not clash with them.
#[derive(Default)]
struct Defined {
    /// Object-like macros and their values.
    macros: BTreeMap<String, u64>,
    /// Enum constants, types and variables.
    other: BTreeSet<String>,
}

impl Defined {
    fn macro_(&mut self, name: &str, value: u64) {
        self.macros.insert(name.to_string(), value);
    }

    fn other(&mut self, name: &str) {
        self.other.insert(name.to_string());
    }
}

// ---- C text ----

/// A C header under construction.
struct Header {
    text: String,
    guard: String,
}

impl Header {
    /// The preamble: SPDX line, purpose and "generated" notice, include guard, includes.
    fn new(file: &str, purpose: &[&str], includes: &[&str]) -> Header {
        let guard = c_upper(file);
        let mut h = Header {
            text: String::new(),
            guard,
        };
        h.line("/* SPDX-License-Identifier: GPL-2.0-only OR MIT */");
        h.line("/*");
        for l in purpose {
            h.line(format!(" * {l}").trim_end());
        }
        h.line(" *");
        h.line(" * Generated from schema/ by `cargo run -p xtask -- codegen`. Do not edit: change");
        h.line(" * the falco-schema crate and run the generator again.");
        h.line(" */");
        h.blank();
        let g = h.guard.clone();
        h.line(&format!("#ifndef {g}"));
        h.line(&format!("#define {g}"));
        if !includes.is_empty() {
            h.blank();
        }
        for inc in includes {
            h.line(&format!("#include \"{inc}\""));
        }
        h
    }

    fn line(&mut self, l: &str) {
        self.text.push_str(l);
        self.text.push('\n');
    }

    fn blank(&mut self) {
        self.text.push('\n');
    }

    /// A block comment, preceded by a blank line.
    fn comment(&mut self, lines: &[&str]) {
        self.blank();
        if let [one] = lines {
            if one.len() + 6 <= MAX_LINE {
                self.line(&format!("/* {one} */"));
                return;
            }
        }
        self.line("/*");
        for l in lines {
            self.line(format!(" * {l}").trim_end());
        }
        self.line(" */");
    }

    fn finish(mut self) -> String {
        self.blank();
        let g = self.guard.clone();
        self.line(&format!("#endif /* {g} */"));
        self.text
    }
}

/// `(1 << n)` for a single bit of at least `min`, hex for other values of at least `min`,
/// decimal below `min`.
fn bit_expr(v: u64, min: u64) -> String {
    if v < min.max(1) {
        v.to_string()
    } else if v.is_power_of_two() {
        format!("(1 << {})", v.trailing_zeros())
    } else {
        format!("{v:#x}")
    }
}

/// Emit `enum name { A = 1, ... }`, optionally followed by a `last` constant.
fn emit_enum(h: &mut Header, name: &str, items: &[(String, String)], last: Option<(&str, usize)>) {
    h.line(&format!("enum {name} {{"));
    for (ident, value) in items {
        h.line(&format!("\t{ident} = {value},"));
    }
    if let Some((ident, value)) = last {
        h.line(&format!("\t{ident} = {value}"));
    }
    h.line("};");
}

// ---- falco_events.gen.h ----

/// Total size of an event of type `e` when all its parameters have a fixed size.
fn fixed_event_size(e: &EventInfo) -> Option<usize> {
    let values: Option<usize> = e.params.iter().map(|p| p.ty.fixed_size()).sum();
    Some(abi::HEADER_LEN + e.params.len() * e.len_width() + values?)
}

fn events_header(idents: &[String], d: &mut Defined) -> Result<String> {
    ensure!(
        EVENTS.len() == EVENT_MAX && idents.len() == EVENT_MAX,
        "EVENTS is not EVENT_MAX long"
    );
    for (i, e) in EVENTS.iter().enumerate() {
        ensure!(e.code as usize == i, "EVENTS[{i}] has code {}", e.code);
    }
    let mut h = Header::new(
        "falco_events.gen.h",
        &[
            "The Falco event format: versions, the event header, parameter types and",
            "print formats, event categories and flags, event codes and, per event, the",
            "number of parameters and (when all are fixed-size) the total size.",
        ],
        &["falco_types.h"],
    );

    h.comment(&["Versions, encoded as (major << 44) | (minor << 24) | patch."]);
    for (prefix, v) in [
        ("PPM_API_CURRENT_VERSION", abi::API_VERSION),
        ("PPM_SCHEMA_CURRENT_VERSION", abi::SCHEMA_VERSION),
    ] {
        for (part, n) in [("MAJOR", v.0), ("MINOR", v.1), ("PATCH", v.2)] {
            let name = format!("{prefix}_{part}");
            h.line(&format!("#define {name} {n}"));
            d.macro_(&name, n.into());
        }
        let enc = abi::encode_version(v);
        h.line(&format!(
            "#define {prefix} {enc:#x}ULL /* {}.{}.{} */",
            v.0, v.1, v.2
        ));
        d.macro_(prefix, enc);
    }

    h.comment(&["Limits of the wire format."]);
    for (name, value) in [
        ("PPM_MAX_EVENT_PARAMS", abi::MAX_EVENT_PARAMS as u64),
        ("PPM_MAX_ARG_SIZE", abi::MAX_ARG_SIZE as u64),
        ("PPM_SNAPLEN_DEFAULT", abi::SNAPLEN_DEFAULT.into()),
        ("PPM_SNAPLEN_MAX", abi::SNAPLEN_MAX.into()),
    ] {
        h.line(&format!("#define {name} {value}"));
        d.macro_(name, value);
    }

    h.comment(&[
        "Socket families, the leading byte of SOCKADDR and SOCKTUPLE parameters. The",
        "socket_families set in falco_flags.gen.h names every family the drivers know.",
    ]);
    for (name, value) in ADDRESS_FAMILIES {
        h.line(&format!("#define {name} {value}"));
        d.macro_(name, value.into());
    }

    emit_header_struct(&mut h, d)?;

    h.comment(&["Wire types of parameters."]);
    let mut items = Vec::new();
    for (i, t) in PARAM_TYPES.iter().enumerate() {
        ensure!(*t as usize == i, "PARAM_TYPES is not in id order at {i}");
        items.push((param_type_ident(*t).to_string(), (*t as u8).to_string()));
    }
    items.iter().for_each(|(n, _)| d.other(n));
    emit_enum(
        &mut h,
        "ppm_param_type",
        &items,
        Some(("PT_MAX", PARAM_TYPES.len())),
    );
    d.other("PT_MAX");

    h.comment(&["How numeric parameters are printed."]);
    let items: Vec<_> = PRINT_FORMATS
        .iter()
        .map(|(f, n)| (n.to_string(), (*f as u8).to_string()))
        .collect();
    items.iter().for_each(|(n, _)| d.other(n));
    emit_enum(&mut h, "ppm_print_format", &items, None);

    h.comment(&[
        "Event categories: a value below EC_WAIT for the kind of operation, or-ed with",
        "bits from EC_WAIT up; EC_SOURCE_MASK selects the source of the event.",
    ]);
    let items: Vec<_> = CATEGORIES
        .iter()
        .map(|(n, v)| (n.to_string(), bit_expr((*v).into(), 64)))
        .collect();
    items.iter().for_each(|(n, _)| d.other(n));
    emit_enum(&mut h, "ppm_event_category", &items, None);

    h.comment(&["Event flags."]);
    let items: Vec<_> = EVENT_FLAGS
        .iter()
        .map(|(n, v)| (n.to_string(), bit_expr((*v).into(), 1)))
        .collect();
    items.iter().for_each(|(n, _)| d.other(n));
    emit_enum(&mut h, "ppm_event_flags", &items, None);

    h.comment(&[
        "Event codes: even codes are enter events (_E), odd codes exit events (_X).",
        "Names with a number (_19_X) are older layouts, kept to read old captures.",
    ]);
    let items: Vec<_> = idents
        .iter()
        .enumerate()
        .map(|(i, n)| (n.clone(), i.to_string()))
        .collect();
    items.iter().for_each(|(n, _)| d.other(n));
    emit_enum(
        &mut h,
        "ppm_event_code",
        &items,
        Some(("PPM_EVENT_MAX", EVENT_MAX)),
    );
    d.other("PPM_EVENT_MAX");

    h.comment(&[
        "Per event: <code>_NPARAMS, the number of parameters, and, when every parameter has",
        "a fixed size, <code>_SIZE, the size of the whole event: header, length array",
        "(2 bytes per parameter, 4 for EF_LARGE_PAYLOAD events) and values. The eBPF probe",
        "reserves ring-buffer space with it.",
    ]);
    for (e, ident) in EVENTS.iter().zip(idents) {
        let name = format!("{ident}_NPARAMS");
        h.line(&format!("#define {name} {}", e.params.len()));
        d.macro_(&name, e.params.len() as u64);
        if let Some(size) = fixed_event_size(e) {
            let name = format!("{ident}_SIZE");
            h.line(&format!("#define {name} {size}"));
            d.macro_(&name, size as u64);
        }
    }

    h.comment(&["The number of parameters of each event, indexed by code."]);
    h.line("static const __u8 g_event_nparams[PPM_EVENT_MAX] FALCO_UNUSED = {");
    for (e, ident) in EVENTS.iter().zip(idents) {
        h.line(&format!("\t[{ident}] = {},", e.params.len()));
    }
    h.line("};");
    d.other("g_event_nparams");

    Ok(h.finish())
}

/// `struct ppm_evt_hdr` with offset macros and static assertions.
fn emit_header_struct(h: &mut Header, d: &mut Defined) -> Result<()> {
    // (field, C type, size, offset macro suffix, offset, comment)
    let fields = [
        (
            "ts",
            "__u64",
            8,
            "TS",
            abi::OFF_TS,
            "nanoseconds since the epoch",
        ),
        ("tid", "__u64", 8, "TID", abi::OFF_TID, "thread id"),
        (
            "len",
            "__u32",
            4,
            "LEN",
            abi::OFF_LEN,
            "length of the event, header included",
        ),
        ("type", "__u16", 2, "TYPE", abi::OFF_TYPE, "event code"),
        (
            "nparams",
            "__u32",
            4,
            "NPARAMS",
            abi::OFF_NPARAMS,
            "entries in the length array",
        ),
    ];
    let mut end = 0;
    for (field, _, size, _, off, _) in fields {
        ensure!(
            off == end,
            "abi: {field} is at offset {off}, expected {end}"
        );
        end += size;
    }
    ensure!(
        end == abi::HEADER_LEN,
        "abi: header fields end at {end}, not HEADER_LEN"
    );

    h.comment(&[
        "The event header. The length array (nparams entries) and the parameter values",
        "follow it, all unaligned and little-endian.",
    ]);
    for (name, value) in [
        ("PPM_HEADER_LEN", abi::HEADER_LEN),
        ("PPM_HEADER_LEN_V1", abi::HEADER_LEN_V1),
    ] {
        h.line(&format!("#define {name} {value}"));
        d.macro_(name, value as u64);
    }
    for (_, _, _, suffix, off, _) in fields {
        let name = format!("PPM_HDR_OFF_{suffix}");
        h.line(&format!("#define {name} {off}"));
        d.macro_(&name, off as u64);
    }
    h.blank();
    h.line("struct ppm_evt_hdr {");
    for (field, ty, _, _, _, comment) in fields {
        h.line(&format!("\t{ty} {field}; /* {comment} */"));
    }
    h.line("} FALCO_PACKED;");
    d.other("ppm_evt_hdr");
    h.blank();
    h.line("_Static_assert(sizeof(struct ppm_evt_hdr) == PPM_HEADER_LEN,");
    h.line("\t       \"struct ppm_evt_hdr must match the wire format\");");
    for (field, _, _, suffix, _, _) in fields {
        let offset = format!("__builtin_offsetof(struct ppm_evt_hdr, {field})");
        h.line(&format!("_Static_assert({offset} == PPM_HDR_OFF_{suffix},"));
        h.line(&format!("\t       \"offset of ppm_evt_hdr.{field}\");"));
    }
    Ok(())
}

// ---- falco_syscalls.gen.h ----

/// `UF_USED | UF_NEVER_DROP`, `UF_NONE` for 0.
fn uf_expr(flags: u8) -> Result<String> {
    if flags == 0 {
        return Ok("UF_NONE".into());
    }
    let mut parts = Vec::new();
    let mut rest = flags;
    for (name, bit) in SYSCALL_FLAGS {
        if bit != 0 && flags & bit == bit {
            parts.push(name);
            rest &= !bit;
        }
    }
    ensure!(rest == 0, "unknown UF_* bits {rest:#x}");
    Ok(parts.join(" | "))
}

fn syscalls_header(idents: &[String], d: &mut Defined) -> Result<String> {
    let mut h = Header::new(
        "falco_syscalls.gen.h",
        &[
            "Syscall ids (PPM_SC_*), independent of the architecture, and for x86_64 and",
            "aarch64 the table from native syscall number to id and event pair.",
        ],
        &["falco_types.h", "falco_events.gen.h"],
    );

    h.comment(&["Syscall ids, as carried by SYSCALLID parameters."]);
    let mut sc_idents = Vec::with_capacity(syscalls::PPM_SC_NAMES.len());
    let mut items = Vec::new();
    for (id, name) in syscalls::PPM_SC_NAMES.iter().enumerate() {
        if name.is_empty() {
            sc_idents.push(None);
            continue;
        }
        let ident = format!("PPM_SC_{}", c_upper(name));
        ensure!(!d.other.contains(&ident), "{ident} is defined twice");
        d.other(&ident);
        items.push((ident.clone(), id.to_string()));
        sc_idents.push(Some(ident));
    }
    emit_enum(
        &mut h,
        "ppm_syscall_code",
        &items,
        Some(("PPM_SC_MAX", sc_idents.len())),
    );
    d.other("PPM_SC_MAX");

    h.comment(&["Flags of a syscall table entry."]);
    for (name, value) in SYSCALL_FLAGS {
        h.line(&format!("#define {name} {}", bit_expr(value.into(), 1)));
        d.macro_(name, value.into());
    }

    h.comment(&["Number of entries of a native syscall table."]);
    h.line(&format!(
        "#define SYSCALL_TABLE_SIZE {}",
        syscalls::SYSCALL_TABLE_SIZE
    ));
    d.macro_("SYSCALL_TABLE_SIZE", syscalls::SYSCALL_TABLE_SIZE as u64);

    h.comment(&[
        "What the drivers do with one native syscall: UF_* flags, the events written on",
        "entry and exit (enum ppm_event_code) and the syscall id (enum ppm_syscall_code).",
        "The entry of a number absent from the schema is all zero (PPM_SC_UNKNOWN).",
        "FALCO_HAVE_SYSCALL_TABLE is defined when there is a table for the target.",
    ]);
    h.line("struct syscall_evt_pair {");
    h.line("\t__u16 flags;");
    h.line("\t__u16 enter_event_type;");
    h.line("\t__u16 exit_event_type;");
    h.line("\t__u16 ppm_sc;");
    h.line("};");
    h.blank();
    h.line(
        "_Static_assert(sizeof(struct syscall_evt_pair) == 8, \"no padding in syscall_evt_pair\");",
    );
    d.other("syscall_evt_pair");
    d.other("g_syscall_table");

    for (i, (arch, name, test)) in ARCHES.iter().enumerate() {
        let table = syscalls::table(*arch);
        let directive = if i == 0 { "#if" } else { "#elif" };
        h.blank();
        h.line(&format!("{directive} {test}"));
        h.line(&format!("/* {name}: native syscall number -> entry */"));
        h.line("#define FALCO_HAVE_SYSCALL_TABLE 1");
        h.line(concat!(
            "static const struct syscall_evt_pair ",
            "g_syscall_table[SYSCALL_TABLE_SIZE] FALCO_UNUSED = {"
        ));
        emit_syscall_rows(&mut h, name, table, idents, &sc_idents)?;
        h.line("};");
    }
    h.line("#else");
    h.line("/* No native syscall table for this architecture. */");
    h.line("#endif");

    Ok(h.finish())
}

fn emit_syscall_rows(
    h: &mut Header,
    arch: &str,
    table: &[SyscallEntry],
    idents: &[String],
    sc_idents: &[Option<String>],
) -> Result<()> {
    let mut rows: Vec<&SyscallEntry> = table.iter().collect();
    rows.sort_by_key(|r| r.nr);
    for w in rows.windows(2) {
        ensure!(
            w[0].nr != w[1].nr,
            "{arch}: syscall {} appears twice",
            w[0].nr
        );
    }
    for r in rows {
        let ctx = || format!("{arch} syscall {}", r.nr);
        ensure!(
            (r.nr as usize) < syscalls::SYSCALL_TABLE_SIZE,
            "{}: beyond the table",
            ctx()
        );
        let event = |c: u16| {
            idents
                .get(c as usize)
                .with_context(|| format!("{}: no event code {c}", ctx()))
        };
        let sc = sc_idents
            .get(r.ppm_sc as usize)
            .and_then(Option::as_ref)
            .with_context(|| format!("{}: no PPM_SC id {}", ctx(), r.ppm_sc))?;
        let (nr, flags) = (r.nr, uf_expr(r.flags).with_context(ctx)?);
        let (enter, exit) = (event(r.enter)?, event(r.exit)?);
        h.line(&format!(
            "\t[{nr}] = {{ .flags = {flags}, .enter_event_type = {enter}, \
             .exit_event_type = {exit}, .ppm_sc = {sc} }},"
        ));
    }
    Ok(())
}

// ---- falco_flags.gen.h ----

/// How the values of `set` are written: the print format of the first parameter that uses
/// the set (octal for modes, hex for bit flags, decimal for enumerations).
fn set_format(set: &FlagSet) -> PrintFormat {
    EVENTS
        .iter()
        .flat_map(|e| e.params)
        .find_map(|p| match p.extra {
            ParamExtra::Flags(s) if s.name == set.name => Some(match (p.ty, p.fmt) {
                (ParamType::Mode, _) => PrintFormat::Oct,
                (_, f) => f,
            }),
            _ => None,
        })
        .unwrap_or(PrintFormat::Dec)
}

fn flag_literal(value: u32, fmt: PrintFormat) -> String {
    let suffix = if value > i32::MAX as u32 { "U" } else { "" };
    match fmt {
        _ if value == 0 => "0".into(),
        PrintFormat::Hex => format!("{value:#x}{suffix}"),
        PrintFormat::Oct => format!("0{value:o}{suffix}"),
        _ => format!("{value}{suffix}"),
    }
}

fn flags_header(defined: &Defined, notes: &mut Vec<String>) -> Result<String> {
    let mut h = Header::new(
        "falco_flags.gen.h",
        &[
            "Portable values of the flags and enumerations carried by FLAGS*, ENUMFLAGS*",
            "and MODE parameters: the drivers translate kernel constants into these.",
            "",
            "PPM_<NAME> for each value NAME of each set, in the schema's order of sets. When",
            "an earlier set (or falco_events.gen.h) defined PPM_<NAME> with another value,",
            "the later one is PPM_<SET>_<NAME>; with the same value, it is not repeated.",
        ],
        &[],
    );

    // Macro -> (value, set that defined it).
    let mut emitted: BTreeMap<String, (u32, &str)> = BTreeMap::new();
    // Plain name -> the sets that had to prefix it.
    let mut renamed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for set in flags::ALL.iter().copied() {
        let fmt = set_format(set);
        let prefix = c_upper(set.name);
        h.comment(&[set.name]);
        for v in set.values {
            let name = c_ident_part(v.name);
            let plain = format!("PPM_{name}");
            let value = u64::from(v.value);
            let taken_elsewhere = defined.other.contains(&plain)
                || defined.macros.get(&plain).is_some_and(|&x| x != value);
            let taken_here = emitted.get(&plain).is_some_and(|&(x, _)| x != v.value);
            let ident = if taken_elsewhere || taken_here {
                let ident = format!("PPM_{prefix}_{name}");
                renamed
                    .entry(plain)
                    .or_default()
                    .push(format!("{ident} = {}", v.value));
                ident
            } else {
                plain
            };
            if let Some(&(old, owner)) = emitted.get(&ident) {
                ensure!(
                    old == v.value,
                    "{ident} would be both {old} and {}",
                    v.value
                );
                if owner != set.name {
                    h.line(&format!("/* {ident}: see {owner} */"));
                }
                continue;
            }
            if defined.macros.get(&ident) == Some(&value) {
                h.line(&format!("/* {ident}: see falco_events.gen.h */"));
                continue;
            }
            ensure!(
                !defined.other.contains(&ident) && !defined.macros.contains_key(&ident),
                "{ident} clashes with another generated header"
            );
            h.line(&format!("#define {ident} {}", flag_literal(v.value, fmt)));
            emitted.insert(ident, (v.value, set.name));
        }
    }
    for (plain, idents) in renamed {
        let kept = match emitted.get(&plain) {
            Some((v, owner)) => format!("{plain} = {v} ({owner})"),
            None => format!("{plain} (defined by another generated header)"),
        };
        notes.push(format!(
            "flag name clash: {kept}; also {}",
            idents.join(", ")
        ));
    }
    Ok(h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    #[test]
    fn generated_headers_are_current() {
        let out = generate().expect("generation failed");
        let stale = check(&repo_root(), &out.files).expect("reading the committed headers");
        assert!(
            stale.is_empty(),
            "the generated C headers are not current; run `cargo run -p xtask -- codegen` and \
             commit the result:\n{}",
            stale.join("\n")
        );
    }

    #[test]
    fn generation_is_deterministic() {
        let (a, b) = (generate().unwrap(), generate().unwrap());
        for (x, y) in a.files.iter().zip(&b.files) {
            assert_eq!(x.text, y.text, "{}", x.path);
        }
    }

    #[test]
    fn param_type_list_is_dense() {
        for (i, t) in PARAM_TYPES.iter().enumerate() {
            assert_eq!(*t as usize, i);
        }
        for (i, (f, _)) in PRINT_FORMATS.iter().enumerate() {
            assert_eq!(*f as usize, i);
        }
    }

    #[test]
    fn every_category_and_flag_bit_has_a_name() {
        let source_bits: u32 = CATEGORIES
            .iter()
            .map(|(_, v)| v)
            .filter(|v| **v >= 64)
            .fold(0, |a, v| a | v);
        for e in &EVENTS {
            let kind = e.category & !source_bits;
            assert!(
                CATEGORIES.iter().any(|(_, v)| *v == kind),
                "event {} has category {kind} without an EC_* name",
                e.code
            );
            let named: u32 = EVENT_FLAGS.iter().fold(0, |a, (_, v)| a | v);
            assert_eq!(
                e.flags & !named,
                0,
                "event {} has EF_* bits without a name",
                e.code
            );
        }
    }

    #[test]
    fn kernel_style() {
        for f in generate().unwrap().files {
            assert!(f
                .text
                .starts_with("/* SPDX-License-Identifier: GPL-2.0-only OR MIT */\n"));
            assert!(f.text.contains("cargo run -p xtask -- codegen"));
            for (n, l) in f.text.lines().enumerate() {
                let at = format!("{}:{}: {l:?}", f.path, n + 1);
                assert!(!l.ends_with([' ', '\t']), "trailing whitespace at {at}");
                let comment = l.starts_with(" *");
                assert!(
                    !l.starts_with(' ') || comment,
                    "indentation with spaces at {at}"
                );
                assert!(!l.contains("//"), "C++ comment at {at}");
                let table_row = l.starts_with("\t[") && l.contains(".ppm_sc =");
                assert!(l.len() <= MAX_LINE || table_row, "line too long at {at}");
            }
        }
    }

    #[test]
    fn sizes_and_counts() {
        let text = &generate().unwrap().files[0].text;
        assert!(text.contains("\tPPME_SYSCALL_OPEN_X = 3,\n"));
        assert!(text.contains("\tPPM_EVENT_MAX = 454\n"));
        // close exit: res (errno) and fd: header, two u16 lengths, two i64.
        assert!(text.contains("#define PPME_SYSCALL_CLOSE_X_NPARAMS 2\n"));
        assert!(text.contains("#define PPME_SYSCALL_CLOSE_X_SIZE 46\n"));
    }

    #[test]
    fn diff_summary_names_the_first_difference() {
        let s = diff_summary("f.h", "a\nb\nc\n", "a\nB\nc\n");
        assert!(
            s.starts_with("f.h: differs from line 2: 1 line(s) on disk, 1 generated"),
            "{s}"
        );
        assert!(s.contains("-b") && s.contains("+B"), "{s}");
        let s = diff_summary("f.h", "a\n", "a");
        assert!(s.contains("final newline"), "{s}");
    }

    /// Compile-time checks of a few values, and a use of each table.
    const CHECKS_C: &str = r#"
#include "falco_events.gen.h"
#include "falco_flags.gen.h"
#include "falco_syscalls.gen.h"

_Static_assert(sizeof(struct ppm_evt_hdr) == 26, "header size");
_Static_assert(PPME_SYSCALL_OPEN_X == 3, "open exit code");
_Static_assert(PPM_EVENT_MAX == 454, "number of events");
_Static_assert(PPME_SYSCALL_CLOSE_X_SIZE == 26 + 2 * 2 + 8 + 8, "close exit size");
_Static_assert(PPM_SC_READ == 3, "read syscall id");
_Static_assert(PT_MAX == 49, "number of parameter types");
_Static_assert(PPM_O_RDONLY == 1, "file flag");
_Static_assert(PPM_CLONE_FILES == 1, "clone flag");

int falco_check(void);
int falco_check(void)
{
#ifdef FALCO_HAVE_SYSCALL_TABLE
	_Static_assert(sizeof(g_syscall_table) / sizeof(g_syscall_table[0]) == SYSCALL_TABLE_SIZE,
		       "syscall table size");
	return g_event_nparams[PPME_SYSCALL_OPEN_X] + g_syscall_table[0].ppm_sc;
#else
	return g_event_nparams[PPME_SYSCALL_OPEN_X];
#endif
}
"#;

    /// What the headers need from vmlinux.h.
    const VMLINUX_PRELUDE: &str = "\
#define __VMLINUX_H__
typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef long long __s64;
";

    fn available(program: &str) -> bool {
        Command::new(program)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }

    /// Compile each of `sources` (in `dir`) with `-fsyntax-only`, warnings as errors.
    fn syntax_check(program: &str, extra: &[&str], dir: &Path, sources: &[(String, String)]) {
        let include = repo_root().join(INCLUDE_DIR);
        for (name, _) in sources {
            let output = Command::new(program)
                .args(extra)
                .args(["-fsyntax-only", "-std=gnu11", "-Wall", "-Wextra", "-Werror"])
                .arg("-I")
                .arg(dir)
                .arg("-I")
                .arg(&include)
                .arg(dir.join(name))
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "`{program} {}` rejects {name}:\n{}",
                extra.join(" "),
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }

    /// The generated headers (as generated, not as on disk) compile as C in userspace mode
    /// with the host compiler, and, when clang is there, for aarch64 and for BPF.
    #[test]
    fn generated_headers_compile() {
        let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
        if !available(&cc) {
            println!("skipping the C compile check of the generated headers: no `{cc}` found");
            return;
        }
        let out = generate().expect("generation failed");
        let dir = std::env::temp_dir().join(format!("xtask-codegen-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let mut sources = Vec::new();
        let mut all = String::new();
        for f in &out.files {
            let name = f.path.rsplit('/').next().unwrap();
            fs::write(dir.join(name), &f.text).unwrap();
            // Each header on its own: it includes what it needs.
            let include = format!("#include \"{name}\"\n");
            sources.push((format!("only_{name}.c"), include.clone()));
            all.push_str(&include);
        }
        sources.push(("checks.c".into(), CHECKS_C.into()));
        // The CO-RE probe: vmlinux.h declared the types.
        sources.push(("vmlinux_first.c".into(), format!("{VMLINUX_PRELUDE}{all}")));
        let mut host_only = Vec::new();
        if Path::new("/usr/include/linux/types.h").exists() {
            // Userspace code that includes <linux/types.h> itself.
            let text = format!("#include <linux/types.h>\n{all}{CHECKS_C}");
            host_only.push(("linux_types_first.c".into(), text));
        }
        for (name, text) in sources.iter().chain(&host_only) {
            fs::write(dir.join(name), text).unwrap();
        }

        syntax_check(&cc, &[], &dir, &sources);
        syntax_check(&cc, &[], &dir, &host_only);
        if available("clang") {
            let aarch64 = ["--target=aarch64-linux-gnu", "-ffreestanding"];
            syntax_check("clang", &aarch64, &dir, &sources);
            for arch in ["-D__TARGET_ARCH_x86", "-D__TARGET_ARCH_arm64"] {
                syntax_check(
                    "clang",
                    &["--target=bpf", "-ffreestanding", arch],
                    &dir,
                    &sources,
                );
            }
        } else {
            println!("skipping the aarch64 and BPF compile checks: no `clang` found");
        }
        let _ = fs::remove_dir_all(&dir);
    }
}
