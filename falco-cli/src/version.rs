//! Version information: `--version`, the `Falco version:` log line, `--support`.

use std::collections::BTreeMap;

use falco_schema::abi;

use crate::json::Json;

/// Our version (the `falco` command's).
pub const FALCO_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The rule engine version we implement: rules files requiring a higher
/// `required_engine_version` are refused.
pub const ENGINE_VERSION: (u32, u32, u32) = (0, 63, 0);

/// The architecture we were built for, as Falco names it (`x86_64`, `aarch64`).
pub const TARGET_ARCH: &str = std::env::consts::ARCH;

/// The versions `--version`, `--support` and the web server's `/versions` report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionsInfo {
    /// The falco command.
    pub falco_version: String,
    /// The libraries (capture and state).
    pub libs_version: String,
    /// Plugin API (`0.0.0`: plugins are not loaded; their fields are built in).
    pub plugin_api_version: String,
    /// Driver API.
    pub driver_api_version: String,
    /// Driver schema.
    pub driver_schema_version: String,
    /// The driver version this build embeds.
    pub default_driver_version: String,
    /// Rule engine, `major.minor.patch`.
    pub engine_version: String,
    /// Built-in or loaded plugins: name -> version.
    pub plugin_versions: BTreeMap<String, String>,
}

fn semver(v: (u32, u32, u32)) -> String {
    format!("{}.{}.{}", v.0, v.1, v.2)
}

impl Default for VersionsInfo {
    fn default() -> VersionsInfo {
        VersionsInfo {
            falco_version: FALCO_VERSION.to_string(),
            libs_version: FALCO_VERSION.to_string(),
            plugin_api_version: "0.0.0".to_string(),
            driver_api_version: semver(abi::API_VERSION),
            driver_schema_version: semver(abi::SCHEMA_VERSION),
            default_driver_version: format!("{FALCO_VERSION}+driver"),
            engine_version: semver(ENGINE_VERSION),
            plugin_versions: BTreeMap::new(),
        }
    }
}

impl VersionsInfo {
    /// The text block of `falco --version`.
    pub fn text(&self) -> String {
        format!(
            "Falco version: {}\nLibs version:  {}\nPlugin API:    {}\nEngine:        {}\nDriver:\n  API version:    {}\n  Schema version: {}\n  Default driver: {}\n",
            self.falco_version,
            self.libs_version,
            self.plugin_api_version,
            self.engine_version,
            self.driver_api_version,
            self.driver_schema_version,
            self.default_driver_version
        )
    }

    /// The JSON object of `falco --version` with `json_output` (and of `/versions`).
    /// `engine_version` is the minor number alone, as older tools expect;
    /// `engine_version_semver` is the full version.
    pub fn json(&self) -> Json {
        let mut o = Json::object();
        o.insert("falco_version", self.falco_version.as_str());
        o.insert("libs_version", self.libs_version.as_str());
        o.insert("plugin_api_version", self.plugin_api_version.as_str());
        o.insert("driver_api_version", self.driver_api_version.as_str());
        o.insert("driver_schema_version", self.driver_schema_version.as_str());
        o.insert(
            "default_driver_version",
            self.default_driver_version.as_str(),
        );
        let minor = self
            .engine_version
            .split('.')
            .nth(1)
            .unwrap_or("0")
            .to_string();
        o.insert("engine_version", minor);
        o.insert("engine_version_semver", self.engine_version.as_str());
        if !self.plugin_versions.is_empty() {
            o.insert(
                "plugin_versions",
                Json::Object(
                    self.plugin_versions
                        .iter()
                        .map(|(k, v)| (k.clone(), Json::from(v.as_str())))
                        .collect(),
                ),
            );
        }
        o
    }
}
