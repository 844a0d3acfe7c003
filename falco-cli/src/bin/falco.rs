//! `falco`: the runtime security engine's command (falco-rs).
//!
//! This file strings the library together in Falco's order: flags, `--help`,
//! `--config-schema`, `-i`, `--list-events`, configuration (then the logger and the
//! startup lines), `--version`, `--page-size`, `--list`, `--support`; anything that needs
//! the rule engine goes to `falco_cli::app::run`. A SIGHUP restart runs it all again.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use falco_cli::app::{self, AppError, Outcome};
use falco_cli::config::{self, schema, EngineKind, Loaded, DEFAULT_CONFIG_FILE};
use falco_cli::json::Json;
use falco_cli::listing;
use falco_cli::logger::{self, Level};
use falco_cli::options::{Options, OptionsError};
use falco_cli::version::{VersionsInfo, FALCO_VERSION, TARGET_ARCH};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    loop {
        match run_once(&args) {
            Ok(Outcome::Restart) => continue,
            Ok(Outcome::Exit(code)) => return code,
            Err(msg) => {
                eprintln!("Error: {msg}");
                return ExitCode::FAILURE;
            }
        }
    }
}

fn print(text: &str) -> Result<(), String> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        // A closed stdout (`| head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write to stdout: {e}")),
    }
}

fn done() -> Result<Outcome, String> {
    Ok(Outcome::Exit(ExitCode::SUCCESS))
}

fn run_once(args: &[String]) -> Result<Outcome, String> {
    let options = match Options::parse_args(args) {
        Ok(o) => o,
        Err(OptionsError::Help(text)) => {
            print(&text)?;
            return done();
        }
        Err(e) => return Err(e.to_string()),
    };

    // The configuration file: -c must exist; the default may be absent (only the actions
    // that run the engine need one).
    let conf: Option<PathBuf> = match &options.conf_filename {
        Some(p) => {
            if !p.is_file() {
                return Err(format!(
                    "Could not find configuration file at {}",
                    p.display()
                ));
            }
            Some(p.clone())
        }
        None => Some(PathBuf::from(DEFAULT_CONFIG_FILE)).filter(|p| p.is_file()),
    };

    if options.print_config_schema {
        print(&format!("{}\n", schema::json_schema().to_pretty(2)))?;
        return done();
    }
    if options.print_ignored_events {
        print(&listing::ignored_events_text())?;
        return done();
    }
    if options.list_events {
        print(&listing::list_events(options.list_format))?;
        return done();
    }

    let mut loaded = match &conf {
        Some(p) => config::load_file(p, &options.cmdline_config_options),
        None => config::load_defaults(&options.cmdline_config_options),
    }
    .map_err(|e| e.to_string())?;
    if options.unbuffered {
        loaded.config.buffered_outputs = false;
    }
    start_logging(&options, &loaded, conf.is_some());

    if options.print_version {
        let v = VersionsInfo::default();
        if loaded.config.json_output {
            print(&format!("{}\n", v.json().to_compact()))?;
        } else {
            print(&v.text())?;
        }
        return done();
    }
    if options.print_page_size {
        // SAFETY: sysconf has no preconditions.
        let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
        if size <= 0 {
            return Err("Unable to get the system page size through 'getpagesize()'".into());
        }
        logger::info(&format!("Your system page size is: {size} bytes"));
        return done();
    }
    if let Some(source) = &options.list {
        let text = listing::list_fields(
            source,
            options.names_only,
            options.verbose,
            options.list_format,
        )?;
        print(&text)?;
        return done();
    }
    if options.print_rule_schema {
        return engine(&options, &loaded);
    }
    if conf.is_none() {
        return Err(format!(
            "You must create a config file at {DEFAULT_CONFIG_FILE} or by passing -c"
        ));
    }
    if let Some(name) = &options.plugin_info {
        return Err(format!(
            "Plugin '{name}' not found: this build loads no plugin libraries (the container fields are built in)"
        ));
    }
    if options.list_plugins {
        print("0 Plugins Loaded:\n")?;
        return done();
    }
    if options.print_support {
        print(&format!("{}\n", support(&options, &loaded)?.to_compact()))?;
        return done();
    }
    engine(&options, &loaded)
}

/// Hand over to the rule engine and the event loop.
fn engine(options: &Options, loaded: &Loaded) -> Result<Outcome, String> {
    match app::run(options, loaded) {
        Ok(o) => Ok(o),
        Err(AppError::Fatal(m)) => Err(m),
    }
}

/// Configure the logger from the configuration and log the startup lines.
fn start_logging(options: &Options, loaded: &Loaded, have_file: bool) {
    let c = &loaded.config;
    logger::configure(logger::Settings {
        level: c.log_level,
        stderr: c.log_stderr,
        syslog: c.log_syslog,
        iso8601: c.time_format_iso_8601,
    });
    logger::info(&format!("Falco version: {FALCO_VERSION} ({TARGET_ARCH})"));
    if !options.cmdline.is_empty() {
        logger::debug(&format!("CLI args: {}", options.cmdline));
    }
    if have_file {
        logger::info("Falco initialized with configuration files:");
        for f in &loaded.files {
            let level = if f.validation == "ok" {
                Level::Info
            } else {
                Level::Warning
            };
            logger::log(
                level,
                &format!(
                    "   {} | schema validation: {}",
                    f.path.display(),
                    f.validation
                ),
            );
        }
    }
    for w in &loaded.warnings {
        logger::warning(w);
    }
    if matches!(
        c.engine.kind,
        EngineKind::Kmod | EngineKind::ModernEbpf | EngineKind::Auto
    ) {
        match std::fs::read_to_string("/proc/version") {
            Ok(v) => logger::info(&format!("System info: {v}")),
            Err(e) => logger::info(&format!(
                "Cannot read under '/proc/version' (err_message: '{e}', err_code: {}). No info provided, go on.",
                e.raw_os_error().unwrap_or(0)
            )),
        }
    }
}

fn uname() -> Result<Json, String> {
    // SAFETY: `utsname` is plain data that `uname` fills in.
    let u = unsafe {
        let mut u: libc::utsname = std::mem::zeroed();
        if libc::uname(&mut u) != 0 {
            return Err(format!(
                "Could not get system info: {}",
                std::io::Error::last_os_error()
            ));
        }
        u
    };
    let field = |f: &[libc::c_char]| -> String {
        let bytes: Vec<u8> = f
            .iter()
            .take_while(|&&c| c != 0)
            .map(|&c| c as u8)
            .collect();
        String::from_utf8_lossy(&bytes).into_owned()
    };
    let mut o = Json::object();
    o.insert("sysname", field(&u.sysname));
    o.insert("nodename", field(&u.nodename));
    o.insert("release", field(&u.release));
    o.insert("version", field(&u.version));
    o.insert("machine", field(&u.machine));
    Ok(o)
}

/// The `--support` JSON.
fn support(options: &Options, loaded: &Loaded) -> Result<Json, String> {
    let info = VersionsInfo::default();
    let mut s = Json::object();
    s.insert("system_info", uname()?);
    s.insert("version", info.falco_version.as_str());
    s.insert("engine_info", info.json());
    s.insert("cmdline", options.cmdline.as_str());
    s.insert("config", loaded.tree.to_json().to_compact());
    let files: Vec<Json> = app::rules_files(options, loaded)
        .iter()
        .map(|p: &PathBuf| {
            let mut variant = Json::object();
            variant.insert(
                "content",
                std::fs::read_to_string(Path::new(p)).unwrap_or_default(),
            );
            let mut f = Json::object();
            f.insert("name", p.to_string_lossy().into_owned());
            f.insert("variants", Json::Array(vec![variant]));
            f
        })
        .collect();
    s.insert("rules_files", Json::Array(files));
    Ok(s)
}
