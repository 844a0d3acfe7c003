//! `falco-inspect`: read, filter, print and record Falco events, the way `sysdig` does.
//!
//! ```text
//! falco-inspect -r trace.scap -p "%evt.num %evt.type"      print events of a capture
//! falco-inspect -r trace.scap -w copy.scap                 copy a capture
//! ```
//!
//! Events are shown as recorded (old enter/exit pairs included), numbered by their
//! position in the file, and internal meta-events (procinfo, drop, container) are hidden
//! from the output but still numbered, exactly as sysdig numbers and hides them.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::Parser;
use falco_scap::{CaptureReader, CaptureWriter};
use falco_schema::category;
use falco_sinsp::fields::Ctx;
use falco_sinsp::format::Format;
use falco_sinsp::state::State;
use falco_sinsp::time::TimeFormatter;

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

    /// Filter expression (sysdig filter syntax).
    #[arg(value_name = "FILTER", trailing_var_arg = true)]
    filter: Vec<String>,
}

/// The format sysdig prints when no -p is given, restricted to event fields.
const DEFAULT_FORMAT: &str = "*%evt.num %evt.time %evt.cpu (%thread.tid) %evt.dir %evt.type";

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

fn run(args: Args) -> Result<()> {
    if !args.filter.is_empty() {
        bail!(
            "filters are not supported yet (got {:?}); the filter language is being built",
            args.filter.join(" ")
        );
    }
    let Some(path) = args.read else {
        bail!("live capture is not available yet; read a capture file with -r FILE");
    };
    let mut reader = CaptureReader::open(&path)?;
    let max = args.numevents.unwrap_or(u64::MAX);

    if let Some(out) = &args.write {
        let mut writer = CaptureWriter::create(out, reader.metadata(), args.compress)
            .with_context(|| format!("cannot create {}", out.display()))?;
        let mut n = 0;
        while n < max {
            let Some(ev) = reader.next_event()? else {
                break;
            };
            writer.write_event(&ev)?;
            n += 1;
        }
        writer.finish()?;
        return Ok(());
    }

    let mut format = Format::parse(args.print.as_deref().unwrap_or(DEFAULT_FORMAT))
        .map_err(|e| anyhow::anyhow!("-p: {e}"))?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut line = Vec::with_capacity(1 << 16);
    let mut tf = TimeFormatter::new();
    let state = State::new();
    let mut n = 0;
    while n < max {
        let ev = match reader.next_event() {
            Ok(Some(ev)) => ev,
            Ok(None) => break,
            Err(e) => {
                out.write_all(&line)?;
                out.flush()?;
                return Err(e.into());
            }
        };
        n += 1;
        // Internal meta-events are numbered but not shown.
        if ev
            .info()
            .is_some_and(|i| i.category & category::INTERNAL != 0)
        {
            continue;
        }
        format.render_line(
            &Ctx {
                ev: &ev,
                state: &state,
            },
            &mut tf,
            &mut line,
        );
        if line.len() >= 1 << 15 {
            out.write_all(&line)?;
            line.clear();
        }
    }
    out.write_all(&line)?;
    out.flush()?;
    Ok(())
}
