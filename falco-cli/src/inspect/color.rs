//! Terminal colours for `falco-inspect`'s default event line.
//!
//! sysdig prints no colours; this is our own design, kept to a few SGR escapes (the 8 basic
//! colours, bold and dim, which every terminal has) and applied to the default line only
//! (a `-p` format is the user's own text, and `-j` is for programs):
//!
//! ```text
//! <dim>NUM TIME CPU</> <cyan>PROC</> <dim>(TID)</> <blue>></>|<magenta><</> <bold>TYPE</> INFO
//! ```
//!
//! An exit event whose syscall failed (`evt.failed`: a negative return value) shows its
//! type in bold red and the first parameter of its info, the return value
//! (`res=-2(ENOENT)`), in red. Every coloured span ends with a reset, so a line never
//! leaks its colour into the next one.
//!
//! Colours are on when asked for (`--color always`), or, by default (`auto`), when
//! standard output is a terminal, `NO_COLOR` is unset or empty (<https://no-color.org>) and
//! `TERM` is not `dumb`. The escapes are written straight into the line buffer with the
//! fields' text: nothing is allocated per event.

use std::io::IsTerminal as _;

use falco_sinsp::fields::{Ctx, FieldRef};
use falco_sinsp::time::TimeFormatter;
use falco_sinsp::value::Value;

/// When to colour the output (`--color`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// When standard output is a terminal, `NO_COLOR` is unset or empty and `TERM` is not
    /// `dumb`.
    Auto,
    /// Always, even into a pipe or a file.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Whether to colour standard output, given the environment.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
                !no_color && !dumb && std::io::stdout().is_terminal()
            }
        }
    }
}

const RESET: &[u8] = b"\x1b[0m";
const DIM: &[u8] = b"\x1b[2m";
const BOLD: &[u8] = b"\x1b[1m";
const BOLD_RED: &[u8] = b"\x1b[1;31m";
const RED: &[u8] = b"\x1b[31m";
const CYAN: &[u8] = b"\x1b[36m";
const BLUE: &[u8] = b"\x1b[34m";
const MAGENTA: &[u8] = b"\x1b[35m";

/// The default event line (`%evt.num %evt.time %evt.cpu %proc.name (%thread.tid) %evt.dir
/// %evt.type %evt.info`, missing values as `<NA>`), coloured.
pub struct ColorLine {
    num: FieldRef,
    time: FieldRef,
    cpu: FieldRef,
    proc_name: FieldRef,
    tid: FieldRef,
    dir: FieldRef,
    ty: FieldRef,
    info: FieldRef,
    failed: FieldRef,
    scratch: Vec<u8>,
    info_text: Vec<u8>,
}

fn field(name: &str) -> FieldRef {
    FieldRef::parse(name).expect("a field of the default line")
}

impl Default for ColorLine {
    fn default() -> Self {
        ColorLine::new()
    }
}

impl ColorLine {
    /// The coloured default line.
    pub fn new() -> ColorLine {
        ColorLine {
            num: field("evt.num"),
            time: field("evt.time"),
            cpu: field("evt.cpu"),
            proc_name: field("proc.name"),
            tid: field("thread.tid"),
            dir: field("evt.dir"),
            ty: field("evt.type"),
            info: field("evt.info"),
            failed: field("evt.failed"),
            scratch: Vec::new(),
            info_text: Vec::new(),
        }
    }

    /// The fields the line shows.
    pub fn fields(&self) -> impl Iterator<Item = &FieldRef> {
        [
            &self.num,
            &self.time,
            &self.cpu,
            &self.proc_name,
            &self.tid,
            &self.dir,
            &self.ty,
            &self.info,
        ]
        .into_iter()
    }

    /// Append the event's coloured line and a newline to `out`.
    pub fn render_line(&mut self, ctx: &Ctx<'_>, tf: &mut TimeFormatter, out: &mut Vec<u8>) {
        let failed = matches!(
            self.failed.extract(ctx, &mut self.scratch),
            Some(Value::Bool(true))
        );
        let s = &mut self.scratch;
        out.extend_from_slice(DIM);
        put(&self.num, ctx, tf, s, out);
        out.push(b' ');
        put(&self.time, ctx, tf, s, out);
        out.push(b' ');
        put(&self.cpu, ctx, tf, s, out);
        out.extend_from_slice(RESET);
        out.push(b' ');
        out.extend_from_slice(CYAN);
        put(&self.proc_name, ctx, tf, s, out);
        out.extend_from_slice(RESET);
        out.push(b' ');
        out.extend_from_slice(DIM);
        out.push(b'(');
        put(&self.tid, ctx, tf, s, out);
        out.push(b')');
        out.extend_from_slice(RESET);
        out.push(b' ');
        out.extend_from_slice(if ctx.ev.is_enter() { BLUE } else { MAGENTA });
        put(&self.dir, ctx, tf, s, out);
        out.extend_from_slice(RESET);
        out.push(b' ');
        out.extend_from_slice(if failed { BOLD_RED } else { BOLD });
        put(&self.ty, ctx, tf, s, out);
        out.extend_from_slice(RESET);
        out.push(b' ');
        let info = &mut self.info_text;
        info.clear();
        if !self.info.render(ctx, tf, s, info) {
            out.extend_from_slice(b"<NA>");
        } else if failed && !info.is_empty() {
            // The return value, the first parameter of a syscall exit, in red.
            let end = info.iter().position(|&b| b == b' ').unwrap_or(info.len());
            out.extend_from_slice(RED);
            out.extend_from_slice(&info[..end]);
            out.extend_from_slice(RESET);
            out.extend_from_slice(&info[end..]);
        } else {
            out.extend_from_slice(info);
        }
        out.push(b'\n');
    }
}

/// Append `f`'s text, `<NA>` when it has none.
fn put(f: &FieldRef, ctx: &Ctx<'_>, tf: &mut TimeFormatter, s: &mut Vec<u8>, out: &mut Vec<u8>) {
    if !f.render(ctx, tf, s, out) {
        out.extend_from_slice(b"<NA>");
    }
}
