//! desk: parse the command line, load config, open the store, then run the TUI or a subcommand.
//! Every failure ends as one line on stderr and an exit code from `cli::exit`.

use clap::Parser;
use desk::cli::{self, Cli, Command, exit};
use desk::config::{self, ConfigError};
use desk::store::{OpenMode, StorageMode, Store, StoreError};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        // Help and version print as clap lays them out; a mistake is one line and where to read more.
        Err(e)
            if !e.use_stderr()
                || e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand =>
        {
            e.exit()
        }
        Err(e) => {
            cli::locale::set(parse_error_locale(&args));
            let line = cli::clap_words::usage_line_in_locale(&e, &args);
            cli::output::err_line(format_args!("desk: {line}"));
            return ExitCode::from(exit::USAGE as u8);
        }
    };
    // Where the database is, for an error that needs it (a full disk says how much space is left there).
    let db_hint = cli
        .db
        .clone()
        .or_else(|| std::env::var_os("DESK_DB").map(Into::into));
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader of stdout went away (`| head -1`): it has what it wanted.
        Err(e) if cli::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let code = exit_code(&e);
            let msg = cli::one_line(&e, db_hint.as_deref());
            // Sanitised: causes quote file names, cells and stored values.
            cli::output::err_line(format_args!("desk: {msg}"));
            ExitCode::from(code as u8)
        }
    }
}

fn exit_code(e: &anyhow::Error) -> i32 {
    for cause in e.chain() {
        if cause.is::<cli::UsageError>() {
            return exit::USAGE;
        }
        if cause.is::<cli::NotFound>() {
            return exit::NOT_FOUND;
        }
        if cause.is::<cli::DatabaseProblem>() {
            return exit::DATABASE;
        }
        if cause.is::<ConfigError>() {
            return exit::CONFIG;
        }
        if let Some(s) = cause.downcast_ref::<StoreError>() {
            return match s {
                StoreError::NotFound { .. } => exit::NOT_FOUND,
                StoreError::Refused(_) | StoreError::Denied(_) => exit::USAGE,
                StoreError::Conflict { .. } => exit::CONFLICT,
                _ => exit::DATABASE,
            };
        }
    }
    exit::ERROR
}

fn run(cli: Cli) -> anyhow::Result<()> {
    // Config first: a bad config is reported before the terminal or the database is touched.
    let loaded = config::load(cli.config.as_deref())?;
    let mut cfg = loaded.config;
    // The language is settled once, from the file or else the environment: the TUI, every command and what they
    // write to tickets (the shipped SLA notes) speak the same one.
    cfg.ui.locale = Some(cfg.ui.locale.unwrap_or_else(env_locale));
    cli::locale::set(cfg.locale());
    let now = desk::runtime::now();
    // Every command logs, not only the TUI: what `desk mail fetch` from cron did at 03:00 is in desk.log.
    init_logging(&cfg);

    let choice = if cli.demo {
        config::DbChoice {
            path: demo_path()?,
            source: config::DbSource::Default,
        }
    } else {
        config::resolve_db(cli.db.as_deref(), std::env::var_os("DESK_DB"), &cfg)
    };
    let db = choice.path;

    match cli.command {
        Some(Command::Init(args)) => {
            // A database this run makes gets the starter articles; an empty file counts as none.
            let created = std::fs::metadata(&db).map_or(true, |m| m.len() == 0);
            let mut store = open_store(&db, OpenMode::Create, &cfg)?;
            store.set_actor(handle(&cfg));
            let added = store.register_actor(cfg.agent.name.as_deref(), now)?;
            cli::output::stdout(|out| cli::init::run(&mut store, &args, created, added, now, out))
        }
        Some(Command::Demo(mut args)) => {
            // The interface's language unless the command names one; a zh-TW interface gets the mixed demo (its
            // Chinese is simplified).
            args.locale = args
                .locale
                .or(Some(cfg.locale()).filter(|l| *l == desk::i18n::Locale::ZhCn));
            demo(&db, &args, &cfg, now, true)
        }
        Some(Command::Ticket(cmd)) => {
            let mut store = open_existing(&db, &cfg)?;
            let me = identity(&store, &cfg)?;
            cli::output::stdout(|out| {
                cli::ticket::run(&mut store, cmd, &cfg.all_views(), me.as_deref(), now, out)
            })
        }
        Some(Command::Customer(cmd)) => {
            let mut store = open_existing(&db, &cfg)?;
            cli::output::stdout(|out| cli::customer::run(&mut store, cmd, now, out))
        }
        Some(Command::Mail(cmd)) => {
            let mut store = open_existing(&db, &cfg)?;
            cli::output::stdout(|out| cli::intake::mail(&mut store, cmd, &cfg.mail, now, out))
        }
        Some(Command::Ingest(args)) => {
            let mut store = open_existing(&db, &cfg)?;
            let rules = cfg.mail.intake_rules();
            let mut input = std::io::stdin().lock();
            cli::output::stdout(|out| {
                cli::intake::ingest(&mut store, &args, &mut input, &rules, now, out)
            })
        }
        Some(Command::Attachment(cmd)) => {
            let store = open_store(&db, OpenMode::Existing, &cfg)?;
            cli::output::stdout(|out| cli::intake::attachment(&store, cmd, out))
        }
        Some(Command::Search(args)) => {
            let store = open_store(&db, OpenMode::Existing, &cfg)?;
            cli::output::stdout(|out| cli::search::run(&store, &args, out))
        }
        Some(Command::Kb(cmd)) => {
            let mut store = open_existing(&db, &cfg)?;
            cli::output::stdout(|out| cli::kb::run(&mut store, cmd, &cfg.kb, now, out))
        }
        Some(Command::Sla(cmd)) => {
            let mut store = open_existing(&db, &cfg)?;
            cli::output::stdout(|out| cli::service::sla(&mut store, cmd, now, out))
        }
        Some(Command::Task(cmd)) => {
            let mut store = open_existing(&db, &cfg)?;
            let offset = chrono::Local::now().offset().local_minus_utc();
            cli::output::stdout(|out| cli::service::task(&mut store, cmd, now, offset, out))
        }
        Some(Command::Report(mut args)) => {
            // `--locale`, else the interface's: `ui.locale`, else the environment's.
            args.locale = Some(args.locale.unwrap_or_else(|| cfg.locale()));
            let mut store = open_existing(&db, &cfg)?;
            let offset = i64::from(chrono::Local::now().offset().local_minus_utc());
            let progress = cli::output::stderr_is_terminal();
            cli::output::stdout(|out| {
                cli::report::run(&mut store, &args, &cfg.metrics, now, offset, out, progress)
            })
        }
        Some(Command::Keys(args)) => {
            let keymap = desk::app::commands::Keymap::build(&cfg.keys_map())
                .map_err(|e| ConfigError(e.to_string()))?;
            cli::output::stdout(|out| cli::keys::run(&keymap, &args, out))
        }
        Some(Command::Check(args)) => cli::output::stdout(|out| cli::check::run(&db, &args, out)),
        Some(Command::Backup(args)) => {
            let progress = cli::output::stderr_is_terminal();
            cli::output::stdout(|out| cli::backup::backup(&db, &args, progress, out))
        }
        Some(Command::Restore(args)) => {
            let progress = cli::output::stderr_is_terminal();
            let actor = handle(&cfg);
            cli::output::stdout(|out| {
                cli::backup::restore(&db, &args, actor.as_deref(), progress, out)
            })
        }
        Some(Command::Convert(args)) => {
            let here = storage_mode(&db, &cfg);
            let actor = handle(&cfg);
            cli::output::stdout(|out| cli::convert::run(&db, &args, here, actor.as_deref(), out))
        }
        Some(Command::Replica(cli::sync::ReplicaCmd::Create { from, local })) => {
            let progress = cli::output::stderr_is_terminal();
            cli::output::stdout(|out| {
                cli::sync::create(&from, &local, &cfg.hub, progress, now, out)
            })
        }
        Some(Command::Replica(cli::sync::ReplicaCmd::Status { format })) => {
            let store = open_store(&db, OpenMode::Existing, &cfg)?;
            let password = cfg.hub.password_command.clone();
            cli::output::stdout(|out| {
                cli::sync::status(&store, password.as_deref(), format, now, out)
            })
        }
        Some(Command::Replica(cli::sync::ReplicaCmd::Duties)) => {
            let mut store = open_existing(&db, &cfg)?;
            let password = cfg.hub.password_command.clone();
            cli::output::stdout(|out| cli::sync::duties(&mut store, password.as_deref(), out))
        }
        Some(Command::Sync(args)) => {
            let mut store = open_existing(&db, &cfg)?;
            let password = cfg.hub.password_command.clone();
            cli::output::stdout(|out| {
                cli::sync::sync(&mut store, &args, password.as_deref(), now, out)
            })
        }
        Some(Command::Conflicts(cmd)) => {
            let mut store = open_existing(&db, &cfg)?;
            cli::output::stdout(|out| cli::sync::conflicts(&mut store, cmd, now, out))
        }
        Some(Command::Hub(cmd)) => {
            let progress = cli::output::stderr_is_terminal();
            cli::output::stdout(|out| cli::hub::run(cmd, &cfg.hub, progress, now, out))
        }
        Some(Command::Agent(cmd)) => {
            let mut store = open_existing(&db, &cfg)?;
            cli::output::stdout(|out| cli::agent::run(&mut store, cmd, now, out))
        }
        Some(Command::Group(cmd)) => {
            let mut store = open_existing(&db, &cfg)?;
            cli::output::stdout(|out| cli::group::run(&mut store, cmd, now, out))
        }
        Some(Command::Route(cmd)) => {
            let mut store = open_existing(&db, &cfg)?;
            cli::output::stdout(|out| cli::route::run(&mut store, cmd, now, out))
        }
        Some(Command::Visit(cmd)) => {
            let mut store = open_existing(&db, &cfg)?;
            cli::output::stdout(|out| cli::visit::run(&mut store, cmd, now, out))
        }
        Some(Command::Plan(cmd)) => {
            let mut store = open_existing(&db, &cfg)?;
            let offset = i64::from(chrono::Local::now().offset().local_minus_utc());
            // The default owner is the agent at the keyboard, when the database knows them.
            let me = identity(&store, &cfg)?.and_then(|_| handle(&cfg));
            cli::output::stdout(|out| {
                cli::plan::run(
                    &mut store,
                    cmd,
                    me.as_deref(),
                    &cfg.metrics,
                    now,
                    offset,
                    out,
                )
            })
        }
        Some(Command::Qa(cmd)) => {
            let mut store = open_existing(&db, &cfg)?;
            let offset = i64::from(chrono::Local::now().offset().local_minus_utc());
            cli::output::stdout(|out| cli::qa::run(&mut store, cmd, now, offset, out))
        }
        Some(Command::Part(cmd)) => {
            let mut store = open_existing(&db, &cfg)?;
            cli::output::stdout(|out| cli::part::run(&mut store, cmd, now, out))
        }
        Some(Command::Return(cmd)) => {
            let mut store = open_existing(&db, &cfg)?;
            cli::output::stdout(|out| cli::rma::run(&mut store, cmd, now, out))
        }
        Some(Command::Survey(cmd)) => {
            let mut store = open_existing(&db, &cfg)?;
            cli::output::stdout(|out| cli::service::survey(&mut store, cmd, now, out))
        }
        None => {
            if cli.demo && !db.exists() {
                let args = cli::demo::DemoArgs {
                    tickets: 200,
                    customers: None,
                    articles: 33,
                    seed: 42,
                    force: false,
                    locale: Some(cfg.locale()).filter(|l| *l == desk::i18n::Locale::ZhCn),
                };
                cli::output::err_line(format_args!(
                    "creating the demo database at {} …",
                    db.display()
                ));
                demo(&db, &args, &cfg, now, false)?;
            }
            let mode = if choice.source == config::DbSource::Default && !cli.demo {
                OpenMode::Create
            } else {
                OpenMode::Existing
            };
            if mode == OpenMode::Create
                && let Some(dir) = db.parent()
            {
                // Only the default location is ours to create; a path the user gave must already have its directory.
                std::fs::create_dir_all(dir).map_err(|e| {
                    anyhow::anyhow!("creating data directory {}: {e}", dir.display())
                })?;
            }
            let storage = storage_mode(&db, &cfg);
            let created = mode == OpenMode::Create && !db.exists();
            let mut store = Store::open_with(&db, mode, storage)?;
            if created {
                // A first start makes the database `desk init` would have: with the starter articles, as drafts.
                cli::kb_starter::add(&mut store, cli::locale::get(), now)?;
            }
            let mut handle = handle(&cfg);
            let mut agent_id = match &handle {
                Some(h) => store.agent_id(h)?,
                None => None,
            };
            if cli.demo && agent_id.is_none() {
                // The demo's agents come from its corpus; act as its first agent so "My open" has work in it.
                handle = Some(DEMO_AGENT.to_string());
                agent_id = store.agent_id(DEMO_AGENT)?;
            }
            store.set_actor(handle.clone());
            if agent_id.is_none() && handle.is_some() {
                register(&mut store, &cfg)?;
                agent_id = handle
                    .as_deref()
                    .map(|h| store.agent_id(h))
                    .transpose()?
                    .flatten();
            }
            store.set_service_rules(service_rules(&cfg));
            store.sync_phone_region()?;
            let keymap = desk::app::commands::Keymap::build(&cfg.keys_map())
                .map_err(|e| ConfigError(e.to_string()))?;
            let settings = desk::app::Settings {
                keymap,
                mouse: cfg.ui.mouse,
                identity: desk::app::Identity { handle, agent_id },
                db_label: db.file_name().map_or_else(
                    || db.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                ),
                storage,
                locale: cfg.locale(),
                date_format: cfg.ui.date_format.clone(),
                macros: cfg
                    .macros
                    .in_locale(cfg.locale())
                    .iter()
                    .map(|m| m.to_macro())
                    .collect(),
                views: cfg.all_views(),
                utc_offset: chrono::Local::now().offset().local_minus_utc(),
                sla_check_every: cfg.sla.check_every_secs().unwrap_or(60),
                tier_priority: cfg.crm.default_priority,
                tier_names: cfg.crm.tier_names.clone(),
                root_causes: cfg.loop_policy().root_causes,
                close_reasons: cfg.loop_policy().skip_loop_reasons,
                kb_rules: cfg.kb.clone(),
                metrics_rules: cfg.metrics.clone(),
                refresh_secs: i64::from(cfg.ui.refresh_secs.max(1)),
                review_notes: cfg.ui.review_notes,
                undo_window: i64::from(cfg.ui.undo_minutes) * 60,
                mail_out: mail_out(&cfg),
            };
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let theme = cfg.theme.resolve(no_color);
            if cli.bench_first_frame {
                let took = desk::runtime::first_frame(store, settings, &theme, 120, 40)?;
                return cli::output::stdout(|out| {
                    writeln!(out, "first frame in {:.1} ms", took.as_secs_f64() * 1000.0)
                })
                .map_err(Into::into);
            }
            // On a replica, the background sync's own connection, acting as this agent under the same rules. A
            // replica's mail is fetched and sent by the team's desk (store::sync::mail_is_the_hubs).
            let replica = store.sync_hub()?.is_some();
            let duties = desk::store::sync::runs_hub_duties(store.conn())?;
            let sync = replica.then(|| {
                let open = open_as_agent(&db, storage, &cfg, settings.identity.handle.clone());
                (
                    cfg.sync,
                    settings.identity.handle.clone(),
                    cfg.hub.password_command.clone(),
                    open,
                )
            });
            let mail = duties.then(|| {
                let open = open_as_agent(&db, storage, &cfg, settings.identity.handle.clone());
                (cfg.mail.clone(), open)
            });
            let background = open_as_agent(&db, storage, &cfg, settings.identity.handle.clone());
            desk::runtime::run(store, Some(background), settings, theme, mail, sync)
        }
    }
}

/// A second connection to the agent's database for a background job, set up as the agent's own.
fn open_as_agent(
    db: &std::path::Path,
    storage: StorageMode,
    cfg: &config::Config,
    actor: Option<String>,
) -> desk::runtime::OpenStore {
    let (db, rules) = (db.to_path_buf(), service_rules(cfg));
    Box::new(move || {
        let mut s = Store::open_with(&db, OpenMode::Existing, storage)?;
        s.set_actor(actor.clone());
        s.set_service_rules(rules.clone());
        Ok(s)
    })
}

fn demo_path() -> anyhow::Result<PathBuf> {
    let path = config::demo_db_path().ok_or_else(|| {
        anyhow::anyhow!(
            "no data directory could be found for the demo database; set HOME or pass --db"
        )
    })?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| anyhow::anyhow!("creating data directory {}: {e}", dir.display()))?;
    }
    Ok(path)
}

const DEMO_AGENT: &str = "li";

/// The rules a store applies when it writes, from config.
fn service_rules(cfg: &config::Config) -> desk::store::sla::ServiceRules {
    let l = cfg.loop_rules();
    desk::store::sla::ServiceRules::new(cfg.sla_rules(), l.follow_up_after, l.auto_close_after)
        .with_crm(cfg.crm.clone())
        .with_mail_out(mail_out(cfg))
        .with_routing(cfg.routing_rules())
        .with_dispatch(cfg.dispatch_rules())
        .with_field(cfg.field_rules())
        .with_qa(cfg.qa_rules())
        .with_loop(cfg.loop_policy())
        .with_questionnaire(desk::domain::questionnaire::items(&cfg.metrics.csi_items))
}

/// How replies are mailed, from config; quoted messages are dated on this machine's clock.
fn mail_out(cfg: &config::Config) -> Option<desk::domain::mail_loop::MailOut> {
    let mut out = cfg.mail.mail_out()?;
    out.utc_offset = chrono::Local::now().offset().local_minus_utc();
    Some(out)
}

/// The storage mode for `db`: `[storage] mode`, where `auto` means shared on a network filesystem (DESIGN.md §4).
fn storage_mode(db: &std::path::Path, cfg: &config::Config) -> StorageMode {
    match cfg.storage.mode {
        config::StorageModeSetting::Auto => desk::store::fs_kind::detect(db).auto_mode(),
        config::StorageModeSetting::Local => StorageMode::Local,
        config::StorageModeSetting::Shared => StorageMode::Shared,
    }
}

/// Every command opens its store here, so each gets the storage mode config and the filesystem call for.
fn open_store(db: &std::path::Path, mode: OpenMode, cfg: &config::Config) -> anyhow::Result<Store> {
    Ok(Store::open_with(db, mode, storage_mode(db, cfg))?)
}

/// Generates the demo; the generator writes in WAL, so a demo meant for shared mode is converted before it is
/// moved into place.
fn demo(
    db: &std::path::Path,
    args: &cli::demo::DemoArgs,
    cfg: &config::Config,
    now: i64,
    progress: bool,
) -> anyhow::Result<()> {
    let shared = storage_mode(db, cfg) == StorageMode::Shared;
    cli::demo::generate(db, args, service_rules(cfg), now, progress, shared)
}

/// An existing database, acting as the configured agent under the configured rules.
fn open_existing(db: &std::path::Path, cfg: &config::Config) -> anyhow::Result<Store> {
    let mut store = open_store(db, OpenMode::Existing, cfg)?;
    store.set_actor(handle(cfg));
    store.set_service_rules(service_rules(cfg));
    store.sync_phone_region()?;
    register(&mut store, cfg)?;
    Ok(store)
}

/// Registers the agent the first time they use this database (the first one becomes its admin).
fn register(store: &mut Store, cfg: &config::Config) -> anyhow::Result<()> {
    let added = store.register_actor(cfg.agent.name.as_deref(), desk::runtime::now())?;
    if let desk::store::roles::Registration::Added(role) = added
        && cli::output::stderr_is_terminal()
    {
        cli::output::err_line(format_args!(
            "desk: registered you ({}) as {role} of {}",
            store.actor().unwrap_or_default(),
            db_name(store)
        ));
    }
    Ok(())
}

fn db_name(store: &Store) -> String {
    store.path().display().to_string()
}

/// The language of a command line clap could not parse: the config's `ui.locale` (from `--config` when it was
/// given, else the usual place) when the config reads, else the environment's.
fn parse_error_locale(args: &[String]) -> desk::i18n::Locale {
    let given = args
        .iter()
        .position(|a| a == "--config")
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
        .or_else(|| args.iter().find_map(|a| a.strip_prefix("--config=")))
        .map(std::path::PathBuf::from);
    config::load(given.as_deref())
        .ok()
        .and_then(|l| l.config.ui.locale)
        .unwrap_or_else(env_locale)
}

/// The interface's language the environment asks for (`LC_ALL`, `LC_MESSAGES`, `LANG`), when `ui.locale` is unset.
fn env_locale() -> desk::i18n::Locale {
    let var = |k: &str| std::env::var(k).ok();
    desk::i18n::Locale::from_env(
        var("LC_ALL").as_deref(),
        var("LC_MESSAGES").as_deref(),
        var("LANG").as_deref(),
    )
}

/// The agent's handle, normalised (`domain::handle::normalize`): config, else `USER`, else the OS account name
/// (an unset or blank one at each step falls through, so a blank `USER` never registers a blank handle).
fn handle(cfg: &config::Config) -> Option<String> {
    let given = |h: String| Some(desk::domain::handle::normalize(&h)).filter(|h| !h.is_empty());
    cfg.agent
        .handle
        .clone()
        .and_then(given)
        .or_else(|| std::env::var("USER").ok().and_then(given))
        .or_else(|| os_user().and_then(given))
}

/// The name of the account this process runs as (getpwuid), as `id -un` prints it.
#[cfg(unix)]
fn os_user() -> Option<String> {
    nix::unistd::User::from_uid(nix::unistd::Uid::current())
        .ok()
        .flatten()
        .map(|u| u.name)
}

#[cfg(not(unix))]
fn os_user() -> Option<String> {
    std::env::var("USERNAME").ok()
}

fn identity(store: &Store, cfg: &config::Config) -> anyhow::Result<Option<String>> {
    let Some(h) = handle(cfg) else {
        return Ok(None);
    };
    Ok(store.agent_id(&h)?)
}

fn init_logging(cfg: &config::Config) {
    let Some(path) = cfg.log.file.clone().or_else(config::log_path) else {
        return;
    };
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
    else {
        return;
    };
    // The log quotes stored text at times; `cat desk.log` must not replay an escape sequence from it.
    let file = cli::output::Guarded::new(file, cli::output::Guard::Plain);
    let level = match cfg.log.level {
        config::LogLevel::Error => tracing::Level::ERROR,
        config::LogLevel::Warn => tracing::Level::WARN,
        config::LogLevel::Info => tracing::Level::INFO,
        config::LogLevel::Debug => tracing::Level::DEBUG,
        config::LogLevel::Trace => tracing::Level::TRACE,
    };
    let _ = tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(file))
        .with_max_level(level)
        .with_ansi(false)
        .try_init();
}
