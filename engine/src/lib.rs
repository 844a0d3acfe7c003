//! Falco's rule engine: rules files loaded exactly as Falco 0.44 loads them (engine version
//! 0.63.0), compiled with the condition language of `falco-sinsp`, and evaluated per event.
//!
//! Loading a rules file goes through four stages, each its own module:
//!
//! 1. `yaml` (internal): the YAML (read with `saphyr-parser`, YAML 1.2) as a
//!    tree with yaml-cpp's semantics: scalars keep their text, `yes`/`no`/`on`/`off` are
//!    booleans, positions are byte offsets with lines and columns counted from 0;
//! 2. `reader` (internal): each item (`required_engine_version`, `required_plugin_versions`,
//!    `list`, `macro`, `rule`) checked and decoded, with Falco's order of checks, messages and
//!    contexts; unknown items and keys are warnings; the first error stops the file;
//! 3. [`collector`]: definitions accumulated across files, redefinitions replacing in place,
//!    `append: true` (deprecated) and `override: {KEY: append|replace}`, the legacy
//!    `enabled`-only items;
//! 4. [`compiler`]: lists expanded, exceptions turned into condition text and list names
//!    replaced in it ([`condition`]), conditions parsed, macros substituted in the trees
//!    (a macro sees only the macros defined before it), compiled against the fields, outputs
//!    checked, event types computed, and the warnings Falco gives (unused macros and lists,
//!    conditions matching too many event types, deprecated fields, ...).
//!
//! Every stage reports into a [`LoadResult`], whose summary, verbose and JSON forms are
//! Falco's (`rules.yaml: Ok`, `rules.yaml: Invalid` with ` 1 errors: [...]`, contexts such as
//! `rule 'NAME': (rules.yaml:12:2)` and a snippet with a caret).
//!
//! The [`Engine`] ties the stages together (one collection, recompiled after each file, as
//! Falco does), and builds the [`Ruleset`]: the enabled rules indexed by event type,
//! evaluated per event with `rule_matching` `first` or `all`, without allocating.
//!
//! ```
//! use falco_engine::{Engine, Priority};
//!
//! let mut engine = Engine::new();
//! let rules = r#"
//! - required_engine_version: 0.57.0
//! - list: shells
//!   items: [bash, sh]
//! - macro: spawned
//!   condition: evt.type = execve
//! - rule: Shell spawned
//!   desc: a shell was started
//!   condition: spawned and evt.arg.exe in (shells)
//!   output: "shell %evt.arg.exe"
//!   priority: warning
//!   exceptions:
//!     - name: quiet
//!       fields: [evt.arg.exe]
//!       values: [[dash]]
//! "#;
//! let res = engine.load_rules(rules, "rules.yaml");
//! assert!(res.successful(), "{}", res.as_verbose_string(engine.contents()));
//! let rule = engine.rule("Shell spawned").unwrap();
//! assert_eq!(rule.priority, Priority::Warning);
//! assert_eq!(
//!     rule.condition.to_string(),
//!     "((evt.type = execve and evt.arg.exe in (bash, sh)) and not evt.arg.exe = dash)"
//! );
//! ```

#![deny(missing_docs)]

pub mod collector;
pub mod compiler;
pub mod condition;
mod engine;
mod error;
mod priority;
mod reader;
pub mod result;
mod ruleset;
mod schema;
pub use schema::rules_json_schema;
mod version;
mod yaml;

pub use collector::{
    Collector, ExceptionEntry, ExceptionInfo, ListInfo, MacroInfo, PluginRequirement, RuleInfo,
    SYSCALL_SOURCE,
};
pub use compiler::{CompileOutput, CompiledList, CompiledMacro, CompiledRule};
pub use engine::{rules_file_paths, Engine, PluginVersion};
pub use error::Error;
pub use priority::Priority;
pub use result::{
    Context, ErrorCode, ItemType, LoadError, LoadResult, LoadWarning, Location, Position,
    RulesContents, WarningCode,
};
pub use ruleset::{matches_wildcard, MatchType, RuleMatching, Ruleset};
pub use version::{Version, ENGINE_VERSION};
pub use yaml::Mark;
