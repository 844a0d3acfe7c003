//! `falco-inspect`: read, filter, print and record Falco events, the way `sysdig` does.
//!
//! ```text
//! falco-inspect -r trace.scap -p "%evt.num %evt.type"      print events of a capture
//! falco-inspect -r trace.scap -j                           the same as JSON, one object a line
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
//!
//! Output is sysdig's text (`-p` or the default line), its JSON (`-j`, see
//! `falco_cli::inspect::json`), or, on a terminal, the default line in colour (see
//! `falco_cli::inspect::color`; `--color` and `NO_COLOR` decide).

use std::io::{self, IsTerminal as _, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::Parser;
use falco_cli::inspect::color::{ColorChoice, ColorLine};
use falco_cli::inspect::json::{JsonFormat, DEFAULT_JSON_FORMAT};
use falco_cli::replay::Replay;
use falco_scap::{CaptureReader, CaptureWriter, Event, EventSource, Metadata, Upgrader};
use falco_schema::category;
use falco_sinsp::fields::{Ctx, FieldRef};
use falco_sinsp::filter::{self, Filter};
use falco_sinsp::format::Format;
use falco_sinsp::state::State;
use falco_sinsp::time::TimeFormatter;

#[path = "../live.rs"]
mod live;

/// Inspect Falco events: read a capture or the live kernel, filter them, print them as text
/// or JSON, or record them to a capture file. The options are sysdig's.
#[derive(Parser, Debug)]
#[command(
    name = "falco-inspect",
    version,
    about = "Read, filter, print and record Falco events, with sysdig's options.",
    long_about = None,
    after_help = "Run with --help for the output format and examples.",
    after_long_help = AFTER_HELP
)]
struct Args {
    /// Read the events from a capture file
    ///
    /// FILE is a .scap capture, plain or gzip-compressed. Without -r, events
    /// come live from the kernel.
    #[arg(
        short = 'r',
        long = "read",
        value_name = "FILE",
        help_heading = "Input and output",
        verbatim_doc_comment
    )]
    read: Option<PathBuf>,

    /// Write the events to a capture file instead of printing them
    ///
    /// Only the events that pass the filter are written; -r and -w together
    /// copy a capture.
    #[arg(
        short = 'w',
        long = "write",
        value_name = "FILE",
        help_heading = "Input and output",
        verbatim_doc_comment
    )]
    write: Option<PathBuf>,

    /// With -w, compress the file written (gzip)
    #[arg(short = 'z', long = "compress", help_heading = "Input and output")]
    compress: bool,

    /// Stop after N events (those that pass the filter)
    #[arg(
        short = 'n',
        long = "numevents",
        value_name = "N",
        help_heading = "Input and output"
    )]
    numevents: Option<u64>,

    /// Print each event with FORMAT, e.g. "%evt.num %proc.name %evt.type"
    ///
    /// FORMAT is text with %field tokens (see -l). An event with a field that
    /// has no value is skipped, unless FORMAT starts with '*': then missing
    /// values print as <NA> (null with -j).
    #[arg(
        short = 'p',
        long = "print",
        value_name = "FORMAT",
        help_heading = "Printing",
        verbatim_doc_comment
    )]
    print: Option<String>,

    /// Print each event as a JSON object, one a line (as sysdig -j)
    ///
    /// The keys are the fields of -p (or of the default line), in byte order;
    /// numbers are numbers, times nanoseconds since the epoch, and data
    /// buffers are printed in full.
    #[arg(
        short = 'j',
        long = "json",
        help_heading = "Printing",
        verbatim_doc_comment
    )]
    json: bool,

    /// Colour the default line: auto, always or never
    ///
    /// Only the default line is coloured (not -p formats, not -j). auto colours
    /// it when standard output is a terminal, NO_COLOR is unset or empty and
    /// TERM is not dumb.
    #[arg(
        long = "color",
        value_name = "WHEN",
        default_value = "auto",
        overrides_with = "no_color",
        hide_possible_values = true,
        help_heading = "Printing",
        verbatim_doc_comment
    )]
    color: ColorChoice,

    /// Same as --color never
    #[arg(long = "no-color", overrides_with = "color", help_heading = "Printing")]
    no_color: bool,

    /// List the fields of filters and -p formats, and exit
    ///
    /// Each field is listed with its type and description.
    #[arg(
        short = 'l',
        long = "list",
        help_heading = "Printing",
        verbatim_doc_comment
    )]
    list: bool,

    /// Stop after this many seconds
    #[arg(short = 'M', value_name = "SECONDS", help_heading = "Live capture")]
    duration: Option<f64>,

    /// Bytes captured of each I/O buffer
    #[arg(
        short = 's',
        long = "snaplen",
        value_name = "BYTES",
        default_value_t = 80,
        help_heading = "Live capture",
        verbatim_doc_comment
    )]
    snaplen: u32,

    /// The driver: kmod, modern_ebpf or auto
    ///
    /// As Falco's engine.kind: kmod (the kernel module), modern_ebpf (the eBPF
    /// probe), or auto (the module when it is loaded, else eBPF).
    #[arg(
        long = "engine",
        value_name = "KIND",
        default_value = "modern_ebpf",
        help_heading = "Live capture",
        verbatim_doc_comment
    )]
    engine: live::EngineKind,

    /// Same as --engine kmod
    #[arg(long = "kmod", help_heading = "Live capture")]
    kmod: bool,

    /// Ring buffer size preset (1 = 1 MiB ... 10 = 512 MiB)
    ///
    /// As Falco's engine.modern_ebpf.buf_size_preset: 1 = 1 MiB, 2 = 2 MiB,
    /// 3 = 4 MiB, 4 = 8 MiB ... 10 = 512 MiB per ring.
    #[arg(
        long = "buf-size-preset",
        value_name = "N",
        default_value_t = 4,
        help_heading = "Live capture",
        verbatim_doc_comment
    )]
    buf_size_preset: u32,

    /// CPUs sharing one ring buffer (0: one ring for all)
    ///
    /// As Falco's engine.modern_ebpf.cpus_for_each_buffer.
    #[arg(
        long = "cpus-for-each-buffer",
        value_name = "N",
        default_value_t = 2,
        help_heading = "Live capture",
        verbatim_doc_comment
    )]
    cpus_for_each_buffer: usize,

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

    /// Only the events that match this filter, e.g. evt.type=openat
    ///
    /// The syntax of sysdig filters and Falco rule conditions; the words are
    /// joined with spaces, e.g. evt.type=openat and fd.name startswith /etc
    #[arg(value_name = "FILTER", trailing_var_arg = true, verbatim_doc_comment)]
    filter: Vec<String>,
}

/// Examples and notes shown after the options by --help.
const AFTER_HELP: &str = "\
Output:
  Without -p, each event is one line:
    NUM TIME CPU PROCESS (TID) DIR TYPE ARGS
  NUM counts every event of the source; DIR is > for a syscall's enter event
  and < for its exit; ARGS are the event's parameters, name=value. On a
  terminal the line is coloured, failed syscalls in red (see --color;
  NO_COLOR=1 turns colours off). Without -r, events come live from the
  kernel (as root); Ctrl-C ends the capture cleanly.

Examples:
  falco-inspect -r trace.scap
      Print every event of a capture.
  falco-inspect -r trace.scap -p \"%evt.num %proc.name %evt.type %fd.name\" evt.type=openat
      Print chosen fields of the openat events.
  falco-inspect -r trace.scap -j -n 10 proc.name=curl
      The first 10 events of curl, as JSON (one object a line).
  falco-inspect -r trace.scap -w shells.scap \"proc.name in (bash, sh)\"
      Save the events of shells to a new capture.
  falco-inspect -w live.scap.gz -z -M 30
      Record 30 seconds of live events (as root).
  falco-inspect -l
      List the fields of filters and formats.";

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
        let res = if let Some(out) = &args.write {
            record(&mut src, out, &args, filter, true)
        } else {
            print_live(&mut src, &args, filter)
        };
        live::finish(&mut src)?;
        return res;
    };
    if let Some(out) = &args.write {
        let mut reader = CaptureReader::open(path)?;
        return record(&mut reader, out, &args, filter, false);
    }
    // Printing a file: a second thread reads, decompresses and upgrades ahead.
    let mut replay = Replay::open_recorded(&path.to_string_lossy()).map_err(anyhow::Error::msg)?;
    let mut p = Printing::new(&args, filter, replay.metadata(), false)?;
    let res = (|| {
        while p.active > 0 && replay.advance().map_err(anyhow::Error::msg)? {
            replay
                .visit(|ev, current| p.event(ev, current))
                .map_err(anyhow::Error::msg)??;
        }
        Ok(())
    })();
    p.finish(res)
}

/// Print the events of a live source.
fn print_live<S: EventSource>(src: &mut S, args: &Args, filter: Option<Filter>) -> Result<()> {
    let mut p = Printing::new(args, filter, src.metadata(), true)?;
    let mut upgrader = Upgrader::new();
    let res = (|| {
        while p.active > 0 {
            let Some(ev) = src.next_event()? else {
                break;
            };
            let current = if p.needs_state {
                upgrader.upgrade(ev).ok().flatten()
            } else {
                None
            };
            p.event(&ev, current.as_ref())?;
        }
        Ok(())
    })();
    p.finish(res)
}

/// Record the events of `reader` that pass the filter into `out` (`-w`).
fn record<S: EventSource>(
    reader: &mut S,
    out: &Path,
    args: &Args,
    mut filter: Option<Filter>,
    live: bool,
) -> Result<()> {
    let max = args.numevents.unwrap_or(u64::MAX);
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
    Ok(())
}

/// The printing of events: one or several (`--batch`) queries, each a filter, a format
/// and an output, over one state.
struct Printing {
    queries: Vec<Query>,
    state: State,
    tf: TimeFormatter,
    /// The state is maintained only when something reads it: a filter or a field of a
    /// format (printing event fields alone does not); as with -w.
    needs_state: bool,
    /// Queries still printing (below their -n).
    active: usize,
    max: u64,
    /// Output is written once this many bytes are pending (0: every line, live on a
    /// terminal).
    batch: usize,
}

impl Printing {
    fn new(
        args: &Args,
        filter: Option<Filter>,
        metadata: &Metadata,
        live: bool,
    ) -> Result<Printing> {
        let max = args.numevents.unwrap_or(u64::MAX);
        let queries = match (&args.batch, &args.batch_out) {
            (Some(list), Some(dir)) => {
                if filter.is_some() || args.print.is_some() {
                    bail!("--batch takes its filters and formats from its file");
                }
                batch_queries(list, dir)?
            }
            _ => {
                let stdout: Box<dyn Write> = Box::new(io::stdout().lock());
                vec![Query::new(filter, printer(args)?, stdout)]
            }
        };
        let batch = if live && io::stdout().is_terminal() {
            0
        } else {
            1 << 15
        };
        Ok(Printing {
            needs_state: queries.iter().any(Query::needs_state),
            active: if max == 0 { 0 } else { queries.len() },
            queries,
            state: new_state(metadata, live),
            tf: TimeFormatter::new(),
            max,
            batch,
        })
    }

    /// One event as recorded (what fields show), with its current-layout form (what the
    /// state reads; `None` when the upgrade keeps the event for its exit or drops it).
    fn event(&mut self, ev: &Event<'_>, current: Option<&Event<'_>>) -> Result<()> {
        // The filter's verdict when it had to be asked before the event was parsed.
        let mut verdict = None;
        if self.needs_state {
            let Printing { state, queries, .. } = self;
            match (current, &mut queries[..]) {
                // One filter, as sysdig's: an event that does not modify the state and
                // that the filter rejects is not parsed (libsinsp's sinsp_evt_filter).
                (
                    Some(c),
                    [Query {
                        filter: Some(f), ..
                    }],
                ) => {
                    verdict = Some(state.process_filtered(c, |st| f.eval(&Ctx { ev, state: st })));
                }
                (Some(c), _) => state.process(c),
                (None, _) => state.note_recorded(ev),
            }
        }
        let ctx = Ctx {
            ev,
            state: &self.state,
        };
        // Internal meta-events are numbered but not shown.
        let hidden = ev
            .info()
            .is_some_and(|i| i.category & category::INTERNAL != 0);
        for q in &mut self.queries {
            if q.n >= self.max {
                continue;
            }
            // As sysdig: -n counts the events that pass the filter, shown or not.
            if let Some(f) = &mut q.filter {
                if !verdict.unwrap_or_else(|| f.eval(&ctx)) {
                    continue;
                }
            }
            q.n += 1;
            if q.n == self.max {
                self.active -= 1;
            }
            if hidden {
                continue;
            }
            q.printer.render_line(&ctx, &mut self.tf, &mut q.line);
            if q.line.len() > self.batch {
                q.out.write_all(&q.line)?;
                q.line.clear();
            }
        }
        Ok(())
    }

    /// Writes what is pending, then gives `res` (the reading's outcome).
    fn finish(mut self, res: Result<()>) -> Result<()> {
        for q in &mut self.queries {
            q.flush()?;
        }
        res
    }
}

/// How events are printed.
enum Printer {
    /// `-p` text, or the default line.
    Text(Format),
    /// `-j`.
    Json(JsonFormat),
    /// The default line in colour.
    Color(ColorLine),
}

impl Printer {
    fn render_line(&mut self, ctx: &Ctx<'_>, tf: &mut TimeFormatter, out: &mut Vec<u8>) {
        match self {
            Printer::Text(f) => {
                f.render_line(ctx, tf, out);
            }
            Printer::Json(f) => {
                f.render_line(ctx, tf, out);
            }
            Printer::Color(l) => l.render_line(ctx, tf, out),
        }
    }

    fn needs_state(&self) -> bool {
        let mut fields: Box<dyn Iterator<Item = &FieldRef>> = match self {
            Printer::Text(f) => Box::new(f.fields()),
            Printer::Json(f) => Box::new(f.fields()),
            Printer::Color(l) => Box::new(l.fields()),
        };
        fields.any(FieldRef::needs_state)
    }
}

/// The printer the options ask for: JSON with -j, else the -p format, else the default
/// line, coloured when --color says so.
fn printer(args: &Args) -> Result<Printer> {
    let format = args.print.as_deref();
    if args.json {
        // As libsinsp: data buffers are cut only in the plain text format.
        falco_sinsp::fields::args::set_buffer_text_limit(0);
        let f = JsonFormat::parse(format.unwrap_or(DEFAULT_JSON_FORMAT))
            .map_err(|e| anyhow::anyhow!("-p: {e}"))?;
        return Ok(Printer::Json(f));
    }
    let color = if args.no_color {
        ColorChoice::Never
    } else {
        args.color
    };
    if format.is_none() && color.enabled() {
        return Ok(Printer::Color(ColorLine::new()));
    }
    let f =
        Format::parse(format.unwrap_or(DEFAULT_FORMAT)).map_err(|e| anyhow::anyhow!("-p: {e}"))?;
    Ok(Printer::Text(f))
}

/// One filter and printer, and where its lines go.
struct Query {
    filter: Option<Filter>,
    printer: Printer,
    out: Box<dyn Write>,
    /// Lines not yet written to `out`.
    line: Vec<u8>,
    /// Events that passed the filter so far.
    n: u64,
}

impl Query {
    fn new(filter: Option<Filter>, printer: Printer, out: Box<dyn Write>) -> Query {
        Query {
            filter,
            printer,
            out,
            line: Vec::with_capacity(1 << 16),
            n: 0,
        }
    }

    fn needs_state(&self) -> bool {
        self.filter.is_some() || self.printer.needs_state()
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
        queries.push(Query::new(filter, Printer::Text(format), Box::new(file)));
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
