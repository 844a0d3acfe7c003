//! The output channels: stdout, file, syslog and program (http is in `http.rs`).
//!
//! Each channel receives the formatted alert and writes it with the channel's framing:
//! a trailing newline for stdout, file and program, none for syslog and http.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::process::{Child, ChildStdin, Command, Stdio};

use super::Formatted;

/// An output channel. Channels run on their own worker thread; a call may block (a slow
/// program, a slow server) without delaying event processing or the other channels.
pub trait Channel: Send {
    /// The channel's name in logs and statistics (`stdout`, `file`, ...).
    fn name(&self) -> &'static str;
    /// Deliver one alert.
    fn write(&mut self, msg: &Formatted) -> Result<(), String>;
    /// Close and open again (SIGUSR1), e.g. after the output file was rotated.
    fn reopen(&mut self) -> Result<(), String> {
        Ok(())
    }
    /// Flush and release what the channel holds (end of run).
    fn cleanup(&mut self) {}
}

/// Alerts on standard output.
pub struct StdoutChannel {
    buffered: bool,
    out: BufWriter<io::Stdout>,
}

impl StdoutChannel {
    /// A stdout channel; unless `buffered`, every alert is flushed.
    pub fn new(buffered: bool) -> StdoutChannel {
        StdoutChannel {
            buffered,
            out: BufWriter::with_capacity(1 << 16, io::stdout()),
        }
    }
}

impl Channel for StdoutChannel {
    fn name(&self) -> &'static str {
        "stdout"
    }
    fn write(&mut self, msg: &Formatted) -> Result<(), String> {
        let r = self
            .out
            .write_all(msg.text.as_bytes())
            .and_then(|_| self.out.write_all(b"\n"));
        let r = if self.buffered {
            r
        } else {
            r.and_then(|_| self.out.flush())
        };
        r.map_err(|e| e.to_string())
    }
    fn cleanup(&mut self) {
        let _ = self.out.flush();
    }
}

/// Alerts appended to a file.
pub struct FileChannel {
    path: String,
    keep_alive: bool,
    buffered: bool,
    file: Option<BufWriter<File>>,
}

impl FileChannel {
    /// A file channel; with `keep_alive` the file stays open between alerts, otherwise it
    /// is opened in append mode, written and closed for every alert.
    pub fn new(path: &str, keep_alive: bool, buffered: bool) -> FileChannel {
        FileChannel {
            path: path.to_string(),
            keep_alive,
            buffered,
            file: None,
        }
    }

    fn open(&mut self) -> Result<&mut BufWriter<File>, String> {
        if self.file.is_none() {
            let f = OpenOptions::new()
                .create(true)
                .append(true)
                .open(&self.path)
                .map_err(|e| format!("failed to open output file {}: {e}", self.path))?;
            self.file = Some(BufWriter::with_capacity(1 << 16, f));
        }
        Ok(self.file.as_mut().expect("opened above"))
    }
}

impl Channel for FileChannel {
    fn name(&self) -> &'static str {
        "file"
    }
    fn write(&mut self, msg: &Formatted) -> Result<(), String> {
        let flush = !self.buffered || !self.keep_alive;
        let f = self.open()?;
        let mut r = f
            .write_all(msg.text.as_bytes())
            .and_then(|_| f.write_all(b"\n"));
        if flush {
            r = r.and_then(|_| f.flush());
        }
        if !self.keep_alive {
            self.file = None;
        }
        r.map_err(|e| format!("failed to write output file {}: {e}", self.path))
    }
    fn reopen(&mut self) -> Result<(), String> {
        self.cleanup();
        if self.keep_alive {
            self.open()?;
        }
        Ok(())
    }
    fn cleanup(&mut self) {
        if let Some(mut f) = self.file.take() {
            let _ = f.flush();
        }
    }
}

/// Alerts to syslog, at the alert's priority (facility `user`).
pub struct SyslogChannel;

impl Channel for SyslogChannel {
    fn name(&self) -> &'static str {
        "syslog"
    }
    fn write(&mut self, msg: &Formatted) -> Result<(), String> {
        crate::logger::syslog(msg.priority.number() as libc::c_int, &msg.text);
        Ok(())
    }
}

/// Alerts written to the standard input of `sh -c PROGRAM`.
pub struct ProgramChannel {
    program: String,
    keep_alive: bool,
    buffered: bool,
    child: Option<(Child, BufWriter<ChildStdin>)>,
}

impl ProgramChannel {
    /// A program channel; with `keep_alive` one process receives every alert, otherwise a
    /// process is started for each alert and waited for after its input is closed.
    pub fn new(program: &str, keep_alive: bool, buffered: bool) -> ProgramChannel {
        ProgramChannel {
            program: program.to_string(),
            keep_alive,
            buffered,
            child: None,
        }
    }

    fn spawn(&mut self) -> Result<(), String> {
        if self.child.is_none() {
            let mut child = Command::new("/bin/sh")
                .arg("-c")
                .arg(&self.program)
                .stdin(Stdio::piped())
                .spawn()
                .map_err(|e| {
                    format!(
                        "Failed to open program output: {} (error: {e})",
                        self.program
                    )
                })?;
            let stdin = child.stdin.take().expect("stdin is piped");
            self.child = Some((child, BufWriter::with_capacity(1 << 16, stdin)));
        }
        Ok(())
    }

    fn close(&mut self) -> Option<io::Result<std::process::ExitStatus>> {
        let (mut child, mut stdin) = self.child.take()?;
        let _ = stdin.flush();
        drop(stdin);
        Some(child.wait())
    }
}

impl Channel for ProgramChannel {
    fn name(&self) -> &'static str {
        "program"
    }
    fn write(&mut self, msg: &Formatted) -> Result<(), String> {
        self.spawn()?;
        let flush = !self.buffered || !self.keep_alive;
        let (_, stdin) = self.child.as_mut().expect("spawned above");
        let mut r = stdin
            .write_all(msg.text.as_bytes())
            .and_then(|_| stdin.write_all(b"\n"));
        if flush {
            r = r.and_then(|_| stdin.flush());
        }
        if r.is_err() || !self.keep_alive {
            // A process that went away is started again for the next alert.
            self.close();
        }
        r.map_err(|e| format!("failed to write to program '{}': {e}", self.program))
    }
    fn reopen(&mut self) -> Result<(), String> {
        self.close();
        if self.keep_alive {
            self.spawn()?;
        }
        Ok(())
    }
    fn cleanup(&mut self) {
        self.close();
    }
}
