//! Configuration: defaults embedded from assets/default-config.toml, overlaid by the user's file. Every problem
//! (syntax, unknown key, bad value, unknown command or key in `[keys]`) is one line naming file, line and key,
//! reported before the terminal is touched.

pub mod field_service;
pub mod hub;
mod loop_config;
pub mod mail;
pub mod mail_inbound;
mod paths;
pub mod qa;
pub mod routing;
mod sla;
pub mod sync;
mod theme;

pub use loop_config::{LoopConfig, LoopRules};
pub use paths::{DbChoice, DbSource, data_dir, demo_db_path, log_path, resolve_db};
pub use sla::{CalendarError, EscalationError, HoursError, PolicyError, SlaConfig, SlaConfigError};
pub use theme::{ColorError, ColorSpec, ThemeColors, ThemeConfig, ThemeName};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

const DEFAULTS: &str = include_str!("../../assets/default-config.toml");

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Database path; `~/` expands to the home directory.
    pub db: Option<PathBuf>,
    pub agent: AgentConfig,
    pub ui: UiConfig,
    pub storage: StorageConfig,
    pub theme: ThemeConfig,
    /// Command name → keys, replacing that command's default keys.
    pub keys: BTreeMap<String, KeyList>,
    /// Canned replies; a list here replaces the shipped ones (assets/default-macros.toml).
    pub macros: MacroList,
    /// Queues of your own, after the built-in ones, written in the view language.
    pub views: Vec<ViewConfig>,
    /// Service-level calendars, policies and escalation rules.
    pub sla: SlaConfig,
    /// The closed loop: follow-up call and auto-close.
    #[serde(rename = "loop")]
    pub service_loop: LoopConfig,
    /// Customer tiers, lifecycle, churn risk and care (thresholds of `domain::crm`).
    pub crm: crate::domain::crm::CrmRules,
    /// Knowledge base: stale age, votes before "least helpful", reply links, suggestions (`domain::kb`).
    pub kb: crate::domain::kb::KbRules,
    /// Report targets and the CSI / SQI weights (`domain::metrics`).
    pub metrics: crate::domain::metrics::MetricsRules,
    /// Incoming messages: token trust, loop protection, attachment size.
    pub mail: mail::MailConfig,
    /// A replica's background sync with its hub.
    pub sync: sync::SyncConfig,
    /// Where new tickets go: groups, priority, tags, by rules in the view language.
    pub routing: routing::RoutingConfig,
    /// On-site visits, warranty charges and spare parts.
    pub field_service: field_service::FieldServiceConfig,
    /// Return and exchange periods.
    pub returns: field_service::ReturnsConfig,
    /// Quality inspection (质检): sampling and the rubric.
    pub qa: qa::QaConfig,
    /// The team's PostgreSQL hub, when it has one.
    pub hub: hub::HubSettings,
    pub log: LogConfig,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AgentConfig {
    /// Your agent handle; default: the OS user name.
    pub handle: Option<String>,
    /// Your display name, used when desk registers you on a database for the first time; default: the handle.
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UiConfig {
    pub mouse: bool,
    /// The interface's language; unset: from LC_ALL / LC_MESSAGES / LANG, else English.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<crate::i18n::Locale>,
    /// How dates are shown (chrono strftime); unset: the locale's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_format: Option<String>,
    /// Seconds between checks for other agents' writes (live refresh); at least 1.
    pub refresh_secs: u32,
    /// Show internal notes on the review screen before adding them, as replies always are.
    pub review_notes: bool,
    /// How far back `u` (undo) reaches, in minutes.
    pub undo_minutes: u32,
}

impl Default for UiConfig {
    fn default() -> Self {
        UiConfig {
            mouse: true,
            locale: None,
            date_format: None,
            refresh_secs: 1,
            review_notes: true,
            undo_minutes: 10,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StorageModeSetting {
    /// Detect a network filesystem and use shared mode there.
    #[default]
    Auto,
    Local,
    Shared,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StorageConfig {
    pub mode: StorageModeSetting,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogConfig {
    /// Log file; default: desk.log in the state directory.
    pub file: Option<PathBuf>,
    pub level: LogLevel,
}

impl Default for LogConfig {
    fn default() -> Self {
        LogConfig {
            file: None,
            level: LogLevel::Info,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogLevel {
    Error,
    Warn,
    Info,
    Debug,
    Trace,
}

/// A queue defined in config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewConfig {
    /// Short name for `desk ticket list --view`.
    pub name: String,
    /// What the sidebar shows; defaults to the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The view language, e.g. `status:open,pending priority:>=high tag:vip`.
    pub filter: String,
}

impl Config {
    /// The built-in views, then the ones from config (already checked to parse).
    pub fn all_views(&self) -> Vec<crate::domain::view::View> {
        let mut views: Vec<_> = crate::domain::view::BuiltinView::ALL
            .iter()
            .map(|v| v.view())
            .collect();
        for v in &self.views {
            if let Ok(query) = crate::domain::query::parse(&v.filter) {
                views.push(crate::domain::view::View {
                    name: v.name.clone(),
                    title: v.title.clone().unwrap_or_else(|| v.name.clone()),
                    query,
                });
            }
        }
        views
    }
}

/// One macro as written in config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MacroConfig {
    pub name: String,
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<crate::domain::ticket::Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<crate::domain::ticket::Priority>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// reply (default), note or call_script.
    #[serde(default)]
    pub kind: crate::domain::macros::MacroKind,
    /// The reply proposes a solution.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub solution: bool,
}

const DEFAULT_MACROS: &str = include_str!("../../assets/default-macros.toml");
const DEFAULT_MACROS_ZH_CN: &str = include_str!("../../assets/default-macros.zh-CN.toml");
const DEFAULT_MACROS_ZH_TW: &str = include_str!("../../assets/default-macros.zh-TW.toml");

/// The macro list; its default is the shipped set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MacroList(pub Vec<MacroConfig>);

impl Default for MacroList {
    fn default() -> Self {
        MacroList::shipped(crate::i18n::Locale::En)
    }
}

impl MacroList {
    /// The set desk ships for `locale`: English with Chinese beside it, or all in 简体 or 繁體.
    pub fn shipped(locale: crate::i18n::Locale) -> MacroList {
        #[derive(Deserialize)]
        struct File {
            macros: Vec<MacroConfig>,
        }
        let text = match locale {
            crate::i18n::Locale::En => DEFAULT_MACROS,
            crate::i18n::Locale::ZhCn => DEFAULT_MACROS_ZH_CN,
            crate::i18n::Locale::ZhTw => DEFAULT_MACROS_ZH_TW,
        };
        // The shipped files are checked by a unit test; an error here would be a build defect, so fall back to none.
        MacroList(
            toml::from_str::<File>(text)
                .map(|f| f.macros)
                .unwrap_or_default(),
        )
    }

    /// The macros an agent working in `locale` gets: their own list when the config has one, else the set shipped
    /// for the locale.
    pub fn in_locale(&self, locale: crate::i18n::Locale) -> Vec<MacroConfig> {
        if *self == MacroList::default() {
            MacroList::shipped(locale).0
        } else {
            self.0.clone()
        }
    }
}

impl MacroConfig {
    pub fn to_macro(&self) -> crate::domain::macros::Macro {
        crate::domain::macros::Macro {
            name: self.name.clone(),
            body: self.body.clone(),
            actions: crate::domain::macros::MacroActions {
                status: self.status,
                priority: self.priority,
                add_tags: self
                    .tags
                    .iter()
                    .filter_map(|t| crate::domain::ticket::tag(t).ok())
                    .collect(),
                assignee: self.assignee.clone(),
            },
            kind: self.kind,
            solution: self.solution,
        }
    }
}

/// One key or a list of keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum KeyList {
    One(String),
    Many(Vec<String>),
}

impl KeyList {
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            KeyList::One(k) => vec![k.clone()],
            KeyList::Many(ks) => ks.clone(),
        }
    }
}

impl Config {
    /// The SLA rules, checked when the config was parsed (defaults on the impossible failure).
    /// The routing rules, checked when the config was read.
    pub fn routing_rules(&self) -> Vec<crate::domain::routing::RoutingRule> {
        self.routing.rules("config").unwrap_or_default()
    }

    /// Reassignment on away and the unassigned escalation, checked when the config was read.
    pub fn dispatch_rules(&self) -> crate::domain::routing::DispatchRules {
        self.routing.dispatch("config").unwrap_or_default()
    }

    /// The field-service rules, checked when the config was read.
    pub fn field_rules(&self) -> crate::domain::field_rules::FieldRules {
        self.field_service
            .rules(&self.sla_rules(), &self.returns)
            .unwrap_or_default()
    }

    /// The quality-inspection rules, checked when the config was read.
    pub fn qa_rules(&self) -> crate::domain::qa::QaRules {
        self.qa.rules().unwrap_or_default()
    }

    /// The SLA rules, checked when the config was read; the shipped escalation notes in the interface's language.
    pub fn sla_rules(&self) -> crate::domain::sla_policy::SlaRules {
        let mut rules = self.sla.rules().unwrap_or_default();
        sla::localise_notes(&mut rules, self.locale());
        rules
    }

    /// The interface's language: `ui.locale`, which `main` fills from the environment when the file leaves it
    /// unset, so every command and the TUI speak the same one.
    pub fn locale(&self) -> crate::i18n::Locale {
        self.ui.locale.unwrap_or_default()
    }

    /// The closed-loop settings, checked when the config was parsed.
    /// The closed loop's rules, checked when the config was read.
    pub fn loop_policy(&self) -> crate::domain::loop_rules::LoopPolicy {
        self.service_loop.policy().unwrap_or_default()
    }

    pub fn loop_rules(&self) -> LoopRules {
        self.service_loop.rules().unwrap_or(LoopRules {
            follow_up_after: 86_400,
            auto_close_after: 7 * 86_400,
        })
    }

    /// `[keys]` as the keymap takes it.
    pub fn keys_map(&self) -> BTreeMap<String, Vec<String>> {
        self.keys
            .iter()
            .map(|(k, v)| (k.clone(), v.to_vec()))
            .collect()
    }
}

/// A configuration problem, already phrased for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("config error: {0}")]
pub struct ConfigError(pub String);

#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    /// The file read, if any (none: defaults only).
    pub path: Option<PathBuf>,
}

/// Loads config from `explicit` (`--config`), else `$DESK_CONFIG`, else the config directory's config.toml.
pub fn load(explicit: Option<&Path>) -> Result<Loaded, ConfigError> {
    load_with(explicit, &|k| std::env::var_os(k), paths::config_path())
}

/// [`load`] with the environment and default path passed in, so tests need not touch the process environment.
pub fn load_with(
    explicit: Option<&Path>,
    env: &dyn Fn(&str) -> Option<OsString>,
    default_path: Option<PathBuf>,
) -> Result<Loaded, ConfigError> {
    let (path, required) = match (explicit, env("DESK_CONFIG")) {
        (Some(p), _) => (Some(p.to_path_buf()), true),
        (None, Some(p)) if !p.is_empty() => (Some(PathBuf::from(p)), true),
        _ => (default_path, false),
    };
    let Some(path) = path else {
        return Ok(Loaded {
            config: defaults()?,
            path: None,
        });
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {
            return Ok(Loaded {
                config: defaults()?,
                path: None,
            });
        }
        Err(e) => {
            return Err(ConfigError(format!(
                "{}: cannot read it ({e}); fix the path or pass --config",
                path.display()
            )));
        }
    };
    let config = parse(&text, &path.display().to_string())?;
    Ok(Loaded {
        config,
        path: Some(path),
    })
}

fn defaults() -> Result<Config, ConfigError> {
    parse(DEFAULTS, "built-in defaults")
}

/// Parses a config file over the defaults and checks `[keys]` against the command registry.
pub fn parse(text: &str, origin: &str) -> Result<Config, ConfigError> {
    // Overlay: fields absent from the user's file keep their serde defaults, which the embedded defaults equal.
    let mut config: Config =
        toml::from_str(text).map_err(|e| located(origin, text, e.span(), e.message()))?;
    check_keys(text, origin)?;
    for v in &config.views {
        crate::domain::query::parse(&v.filter).map_err(|e| {
            ConfigError(format!(
                "{origin}: view `{}`: filter {e} — see the view language in the README",
                v.name
            ))
        })?;
        if crate::domain::view::BuiltinView::parse(&v.name).is_some() {
            return Err(ConfigError(format!(
                "{origin}: view `{}` has the name of a built-in view; pick another",
                v.name
            )));
        }
    }
    config.routing.rules(origin).map_err(ConfigError)?;
    config
        .qa
        .rules()
        .map_err(|e| ConfigError(format!("{origin}: {e}")))?;
    config.routing.dispatch(origin).map_err(ConfigError)?;
    if let Ok(sla) = config.sla.rules() {
        config
            .field_service
            .rules(&sla, &config.returns)
            .map_err(|e| ConfigError(format!("{origin}: {e}")))?;
    }
    for m in &config.macros.0 {
        crate::domain::macros::check(&m.body)
            .map_err(|e| ConfigError(format!("{origin}: macro `{}`: {e}", m.name)))?;
        for t in &m.tags {
            crate::domain::ticket::tag(t)
                .map_err(|e| ConfigError(format!("{origin}: macro `{}`: tags: {e}", m.name)))?;
        }
    }
    config
        .sla
        .rules()
        .map_err(|e| ConfigError(format!("{origin}: {e}")))?;
    config
        .service_loop
        .rules()
        .map_err(|e| ConfigError(format!("{origin}: {e}")))?;
    config
        .service_loop
        .policy()
        .map_err(|e| ConfigError(format!("{origin}: {e}")))?;
    if let Some(problem) = config.crm.check().into_iter().next() {
        return Err(ConfigError(format!("{origin}: {problem}")));
    }
    if let Some(problem) = config.kb.check().into_iter().next() {
        return Err(ConfigError(format!("{origin}: {problem}")));
    }
    if let Some(problem) = config.metrics.check().into_iter().next() {
        return Err(ConfigError(format!("{origin}: {problem}")));
    }
    if let Some(problem) = config.mail.check() {
        return Err(ConfigError(format!("{origin}: {problem}")));
    }
    // Targets merge with the shipped ones (setting one should not drop the others); weights replace as a set.
    let shipped = crate::domain::metrics::MetricsRules::default();
    for (name, target) in shipped.targets {
        config.metrics.targets.entry(name).or_insert(target);
    }
    if config.metrics.csi_weights.is_empty() {
        config.metrics.csi_weights = shipped.csi_weights;
    }
    if config.metrics.sqi_weights.is_empty() {
        config.metrics.sqi_weights = shipped.sqi_weights;
    }
    // Collisions between the user's keys and the defaults can only be seen with the whole keymap.
    crate::app::commands::Keymap::build(&config.keys_map())
        .map_err(|e| ConfigError(format!("{origin}: {e}")))?;
    Ok(config)
}

/// `origin:line:col: message — what to do`.
fn located(
    origin: &str,
    text: &str,
    span: Option<std::ops::Range<usize>>,
    message: &str,
) -> ConfigError {
    let (line, col) = span.map_or((1, 1), |s| line_col(text, s.start));
    let message = message.trim().replace('\n', " ");
    let hint = if message.starts_with("unknown field") {
        "fix or remove it (config.example.toml lists every key)"
    } else {
        "see config.example.toml for the accepted values"
    };
    ConfigError(format!("{origin}:{line}:{col}: {message} — {hint}"))
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let (before, _) = crate::domain::text::split_floor(text, offset);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Checks every `[keys]` entry: a known command name and keys that parse. Reports the entry's line.
fn check_keys(text: &str, origin: &str) -> Result<(), ConfigError> {
    #[derive(Deserialize)]
    struct KeysOnly {
        #[serde(default)]
        keys: BTreeMap<toml::Spanned<String>, toml::Spanned<KeyList>>,
    }
    // Other tables are ignored here (no deny_unknown_fields): they were checked by the main parse.
    let parsed: KeysOnly =
        toml::from_str(text).map_err(|e| located(origin, text, e.span(), e.message()))?;
    for (name, keys) in &parsed.keys {
        let (line, col) = line_col(text, name.span().start);
        if crate::app::commands::by_name(name.get_ref()).is_none() {
            return Err(ConfigError(format!(
                "{origin}:{line}:{col}: unknown command `{}` in [keys] — press ? in desk to see command names",
                name.get_ref()
            )));
        }
        for k in keys.get_ref().to_vec() {
            if let Err(e) = crate::app::keys::Key::parse_seq(&k) {
                let (line, col) = line_col(text, keys.span().start);
                return Err(ConfigError(format!(
                    "{origin}:{line}:{col}: [keys] {}: {e} — keys look like \"j\", \"ctrl-d\", \"g g\", \"pgdn\"",
                    name.get_ref()
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
