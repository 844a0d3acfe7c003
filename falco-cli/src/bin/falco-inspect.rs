//! `falco-inspect`: read, filter, print and record Falco events, the way `sysdig` does.
//!
//! ```text
//! falco-inspect -r trace.scap -p "%evt.num %evt.type"      print events of a capture
//! falco-inspect -r trace.scap -w copy.scap                 copy a capture
//! falco-inspect -r trace.scap evt.type=open and evt.dir='<'  only the events that match
//! falco-inspect                                            print live events (as root)
//! falco-inspect -w live.scap -M 10                         record 10 s of live events
//! ```
//!
//! Without `-r`, events come live from the running kernel through the eBPF probe
//! (`modern_bpf`); SIGINT or SIGTERM ends the capture cleanly (the file written with
//! `-w` is complete), and the driver's counters are printed on stderr at the end.
//!
//! Events are shown as recorded (old enter/exit pairs included), numbered by their
//! position in the file, and internal meta-events (procinfo, drop, container) are hidden
//! from the output but still numbered, exactly as sysdig numbers and hides them. A filter
//! (the trailing arguments, joined with spaces) is evaluated on every event; `-n` counts the
//! events that pass it, hidden ones included, as sysdig does.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::Parser;
use falco_scap::{CaptureReader, CaptureWriter, Event, EventSource, Upgrader};
use falco_schema::category;
use falco_sinsp::fields::Ctx;
use falco_sinsp::filter::{self, Filter};
use falco_sinsp::format::Format;
use falco_sinsp::state::State;
use falco_sinsp::time::TimeFormatter;

#[path = "../live.rs"]
mod live;

/// Inspect Falco events: read a capture, print its events, or record them to a file.
#[derive(Parser, Debug)]
#[command(name = "falco-inspect", version, about, long_about = None)]
struct Args {
    /// Read events from this capture file (plain or gzip-compressed).
    #[arg(short = 'r', long = "read", value_name = "FILE")]
    read: Option<PathBuf>,

    /// Write the events to this capture file instead of printing them.
    #[arg(short = 'w', long = "write", value_name = "FILE")]
    write: Option<PathBuf>,

    /// Compress the file written with -w (gzip).
    #[arg(short = 'z', long = "compress")]
    compress: bool,

    /// Print events with this format: text with %field tokens, e.g. "%evt.num %evt.type".
    /// A leading '*' prints every event, missing values as <NA>; otherwise events with a
    /// missing value are skipped.
    #[arg(short = 'p', long = "print", value_name = "FORMAT")]
    print: Option<String>,

    /// Stop after N events.
    #[arg(short = 'n', long = "numevents", value_name = "N")]
    numevents: Option<u64>,

    /// Live capture: stop after this many seconds.
    #[arg(short = 'M', value_name = "SECONDS")]
    duration: Option<f64>,

    /// Live capture: bytes of I/O buffers captured.
    #[arg(
        short = 's',
        long = "snaplen",
        value_name = "BYTES",
        default_value_t = 80
    )]
    snaplen: u32,

    /// Live capture: ring buffer size preset, as Falco's engine.modern_ebpf.buf_size_preset
    /// (1 = 1 MiB ... 4 = 8 MiB ... 10 = 512 MiB).
    #[arg(long = "buf-size-preset", value_name = "N", default_value_t = 4)]
    buf_size_preset: u32,

    /// Live capture: CPUs sharing one ring buffer, as Falco's
    /// engine.modern_ebpf.cpus_for_each_buffer (0: one ring for all).
    #[arg(long = "cpus-for-each-buffer", value_name = "N", default_value_t = 2)]
    cpus_for_each_buffer: usize,

    /// Live capture: the engine, as Falco's engine.kind: kmod (the kernel module),
    /// modern_ebpf or auto (the module when it is loaded, else eBPF).
    #[arg(long = "engine", value_name = "KIND", default_value = "modern_ebpf")]
    engine: live::EngineKind,

    /// Live capture from the kernel module (same as --engine kmod).
    #[arg(long = "kmod")]
    kmod: bool,

    /// List every field (name, type, description) and exit.
    #[arg(short = 'l', long = "list")]
    list: bool,

    /// Testing aid: run many queries over the capture in one pass. FILE holds one query a
    /// line, `NAME<TAB>FORMAT<TAB>FILTER` (FILTER may be empty); the output of each goes to
    /// `NAME.out` in the directory given with --batch-out, exactly as `-p FORMAT FILTER`
    /// would print it.
    #[arg(
        long = "batch",
        value_name = "FILE",
        hide = true,
        requires = "batch_out"
    )]
    batch: Option<PathBuf>,

    /// The directory the outputs of --batch are written to.
    #[arg(long = "batch-out", value_name = "DIR", hide = true)]
    batch_out: Option<PathBuf>,

    /// Filter expression (sysdig filter syntax).
    #[arg(value_name = "FILTER", trailing_var_arg = true)]
    filter: Vec<String>,
}

/// The format sysdig prints when no -p is given.
const DEFAULT_FORMAT: &str =
    "*%evt.num %evt.time %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.info";

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // A closed stdout (e.g. `| head`) is not an error.
            if err.chain().any(|c| {
                c.downcast_ref::<io::Error>()
                    .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("falco-inspect: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// The filter given as trailing arguments (joined with spaces), compiled.
fn compile_filter(words: &[String]) -> Result<Option<Filter>> {
    if words.is_empty() {
        return Ok(None);
    }
    let text = words.join(" ");
    let ast = filter::parse(&text).map_err(|e| anyhow::anyhow!("filter error: {e}"))?;
    let f = Filter::compile(&ast).map_err(|e| anyhow::anyhow!("filter error: {e}"))?;
    Ok(Some(f))
}

/// `-l`: every field, grouped by class, with its type and description (as `sysdig -l`).
fn list_fields() -> Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut class = "";
    for d in falco_sinsp::fields::all() {
        let prefix = d.name.split('.').next().unwrap_or(d.name);
        if prefix != class {
            if !class.is_empty() {
                writeln!(out)?;
            }
            class = prefix;
            writeln!(out, "----------------------")?;
            writeln!(out, "Field Class: {class}")?;
            writeln!(out)?;
        }
        let name = match d.arg {
            falco_sinsp::fields::ArgKind::None => d.name.to_string(),
            falco_sinsp::fields::ArgKind::Required => format!("{}[ARG]", d.name),
            falco_sinsp::fields::ArgKind::Optional => format!("{}[ARG?]", d.name),
        };
        let ty = d.ty.name().to_ascii_uppercase();
        writeln!(out, "{name:<40} {ty:<10} {}", d.desc)?;
    }
    out.flush()?;
    Ok(())
}

fn run(args: Args) -> Result<()> {
    if args.list {
        return list_fields();
    }
    let filter = compile_filter(&args.filter)?;
    let Some(path) = &args.read else {
        // Live: the same processing as a capture file, from the eBPF source.
        let opts = live::LiveOpts {
            buf_size_preset: args.buf_size_preset,
            cpus_for_each_buffer: args.cpus_for_each_buffer,
            snaplen: args.snaplen,
            duration: match args.duration {
                Some(s) if !(s >= 0.0 && s.is_finite()) => bail!("-M: {s} is not a duration"),
                Some(s) => Some(std::time::Duration::from_secs_f64(s)),
                None => None,
            },
            // The processes and fds present at the start: the state's seed, and the
            // process and fd lists of a recording.
            scan_proc: true,
            engine: if args.kmod {
                live::EngineKind::Kmod
            } else {
                args.engine
            },
        };
        let mut src = live::open(&opts)?;
        let res = process(&mut src, &args, filter, true);
        live::finish(&mut src)?;
        return res;
    };
    let mut reader = CaptureReader::open(path)?;
    process(&mut reader, &args, filter, false)
}

/// Print or record the events of `reader`.
fn process<S: EventSource>(
    reader: &mut S,
    args: &Args,
    mut filter: Option<Filter>,
    live: bool,
) -> Result<()> {
    let max = args.numevents.unwrap_or(u64::MAX);

    if let Some(out) = &args.write {
        let mut writer = CaptureWriter::create(out, reader.metadata(), args.compress)
            .with_context(|| format!("cannot create {}", out.display()))?;
        let mut state = new_state(reader.metadata(), live);
        let mut upgrader = Upgrader::new();
        let mut n = 0;
        while n < max {
            let Some(ev) = reader.next_event()? else {
                break;
            };
            if filter.is_some() {
                update_state(&mut state, &mut upgrader, ev);
            }
            if let Some(f) = &mut filter {
                if !f.eval(&Ctx {
                    ev: &ev,
                    state: &state,
                }) {
                    continue;
                }
            }
            writer.write_event(&ev)?;
            n += 1;
        }
        writer.finish()?;
        return Ok(());
    }

    let mut queries = match (&args.batch, &args.batch_out) {
        (Some(list), Some(dir)) => {
            if filter.is_some() || args.print.is_some() {
                bail!("--batch takes its filters and formats from its file");
            }
            batch_queries(list, dir)?
        }
        _ => {
            let format = Format::parse(args.print.as_deref().unwrap_or(DEFAULT_FORMAT))
                .map_err(|e| anyhow::anyhow!("-p: {e}"))?;
            let stdout: Box<dyn Write> = Box::new(io::stdout().lock());
            vec![Query::new(filter, format, stdout)]
        }
    };
    let mut tf = TimeFormatter::new();
    let mut state = new_state(reader.metadata(), live);
    let mut upgrader = Upgrader::new();
    // As with -w, the state is maintained only when something reads it: the filter or a
    // field of the format (printing event fields alone does not).
    let needs_state = queries.iter().any(Query::needs_state);
    // Queries still printing (below their -n).
    let mut active = if max == 0 { 0 } else { queries.len() };
    while active > 0 {
        let ev = match reader.next_event() {
            Ok(Some(ev)) => ev,
            Ok(None) => break,
            Err(e) => {
                for q in &mut queries {
                    q.flush()?;
                }
                return Err(e.into());
            }
        };
        // The state sees the event in the current layout; fields see it as recorded.
        if needs_state {
            update_state(&mut state, &mut upgrader, ev);
        }
        let ctx = Ctx {
            ev: &ev,
            state: &state,
        };
        // Internal meta-events are numbered but not shown.
        let hidden = ev
            .info()
            .is_some_and(|i| i.category & category::INTERNAL != 0);
        for q in &mut queries {
            if q.n >= max {
                continue;
            }
            // As sysdig: -n counts the events that pass the filter, shown or not.
            if let Some(f) = &mut q.filter {
                if !f.eval(&ctx) {
                    continue;
                }
            }
            q.n += 1;
            if q.n == max {
                active -= 1;
            }
            if hidden {
                continue;
            }
            q.format.render_line(&ctx, &mut tf, &mut q.line);
            if q.line.len() >= 1 << 15 {
                q.out.write_all(&q.line)?;
                q.line.clear();
            }
        }
    }
    for q in &mut queries {
        q.flush()?;
    }
    Ok(())
}

/// One filter and format, and where its lines go.
struct Query {
    filter: Option<Filter>,
    format: Format,
    out: Box<dyn Write>,
    /// Lines not yet written to `out`.
    line: Vec<u8>,
    /// Events that passed the filter so far.
    n: u64,
}

impl Query {
    fn new(filter: Option<Filter>, format: Format, out: Box<dyn Write>) -> Query {
        Query {
            filter,
            format,
            out,
            line: Vec::with_capacity(1 << 16),
            n: 0,
        }
    }

    fn needs_state(&self) -> bool {
        self.filter.is_some() || self.format.fields().any(|f| f.needs_state())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.write_all(&self.line)?;
        self.line.clear();
        self.out.flush()
    }
}

/// The queries of `--batch LIST --batch-out DIR`.
fn batch_queries(list: &std::path::Path, dir: &std::path::Path) -> Result<Vec<Query>> {
    let text =
        std::fs::read_to_string(list).with_context(|| format!("cannot read {}", list.display()))?;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut queries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = || format!("{}:{}", list.display(), i + 1);
        let mut parts = line.splitn(3, '\t');
        let (Some(name), Some(fmt), filt) = (parts.next(), parts.next(), parts.next()) else {
            bail!("{}: expected NAME<TAB>FORMAT<TAB>FILTER", at());
        };
        let filter = match filt.filter(|f| !f.trim().is_empty()) {
            Some(f) => compile_filter(&[f.to_string()]).with_context(at)?,
            None => None,
        };
        let format = Format::parse(fmt).map_err(|e| anyhow::anyhow!("{}: -p: {e}", at()))?;
        let path = dir.join(format!("{name}.out"));
        let file = std::fs::File::create(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        queries.push(Query::new(filter, format, Box::new(file)));
    }
    Ok(queries)
}

/// The state seeded from the source's metadata (the capture's process, fd and user lists),
/// or, live, from /proc when the source did not scan it; live, inactive threads are purged
/// as Falco does.
fn new_state(meta: &falco_scap::Metadata, live: bool) -> State {
    let mut state = if live {
        State::with_config(falco_sinsp::state::StateConfig {
            auto_purge: true,
            proc_root: Some(PathBuf::from("/proc")),
            ..Default::default()
        })
    } else {
        State::new()
    };
    state.load_metadata(meta);
    if live && meta.threads.is_empty() {
        if let Err(e) = state.scan_proc(std::path::Path::new("/")) {
            eprintln!("falco-inspect: cannot scan /proc: {e}");
        }
    }
    state
}

/// Apply a recorded event to the state: converted to the current layout first, or, when
/// the converter keeps it for later (an old enter event), noted as seen. An event the
/// converter rejects is noted too: the state never stops the output.
fn update_state(state: &mut State, upgrader: &mut Upgrader, recorded: Event<'_>) {
    match upgrader.upgrade(recorded) {
        Ok(Some(current)) => state.process(&current),
        Ok(None) | Err(_) => state.note_recorded(&recorded),
    }
}
