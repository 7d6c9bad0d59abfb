//! `desk check`: integrity and change-log consistency, read-only; exit 4 when anything is wrong.

use super::DatabaseProblem;
use super::locale::say;
use super::output::Out;
use super::output::ShowFormat;
use crate::store::check::{CheckReport, check_file};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// Run integrity_check (also every index entry; slower on big files) instead of quick_check
    #[arg(long)]
    pub full: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ShowFormat,
    /// On a replica: also compare what it shows with its hub (where it was made from, or HUB), table by table
    #[arg(long, value_name = "HUB", num_args = 0..=1, default_missing_value = "")]
    pub against: Option<String>,
    /// First rebuild what is derived and can be rebuilt (the report's daily roll-ups), then check
    #[arg(long, conflicts_with = "against")]
    pub repair: bool,
}

/// Checks `db` without writing to it; prints every check, then fails with exit 4 when any found a problem.
pub fn run(db: &Path, args: &CheckArgs, out: &mut Out<'_>) -> anyhow::Result<()> {
    if let Some(hub) = &args.against {
        return against(db, hub, args.format, out);
    }
    if args.repair {
        use crate::store::{OpenMode, Store};
        let mut store =
            Store::open_with(db, OpenMode::Existing, crate::store::sync::hub_storage(db))?;
        let offset = i64::from(chrono::Local::now().offset().local_minus_utc());
        store.rebuild_rollups(offset)?;
        drop(store);
        if args.format == ShowFormat::Text {
            writeln!(out, "{}", say("said-check-rebuilt", &[]))?;
        }
    }
    let report = check_file(db, args.full)?;
    match args.format {
        ShowFormat::Text => text(db, &report, out)?,
        ShowFormat::Json => {
            serde_json::to_writer_pretty(out.json(), &json(db, &report))?;
            writeln!(out)?;
        }
    }
    if report.healthy() {
        return Ok(());
    }
    let failed: Vec<&str> = report
        .checks
        .iter()
        .filter(|c| !c.ok())
        .map(|c| c.name)
        .collect();
    Err(DatabaseProblem(format!(
        "{} found {} problem(s) ({}); the file was not changed — restore a backup with `desk restore BACKUP --db {}`, \
         or keep a copy of it and ask for help",
        db.display(),
        report.problems(),
        failed.join(", "),
        db.display()
    ))
    .into())
}

fn text(db: &Path, report: &CheckReport, out: &mut Out<'_>) -> std::io::Result<()> {
    let key = if report.full {
        "said-check-full"
    } else {
        "said-check-quick"
    };
    let line = say(
        key,
        &[("path", &db.display()), ("schema", &report.schema_version)],
    );
    writeln!(out, "{line}")?;
    for c in &report.checks {
        let status = if c.ok() { "ok" } else { "PROBLEM" };
        let counts = if c.ok() {
            format!("{} {}", c.examined, c.unit)
        } else {
            format!("{} problem(s) in {} {}", c.problems, c.examined, c.unit)
        };
        // Timing only where it matters, on big files.
        let took = match c.millis {
            0..1000 => String::new(),
            ms => format!(" ({:.1} s)", ms as f64 / 1000.0),
        };
        writeln!(
            out,
            "{status:<8} {:<16} {counts:<24} {}{took}",
            c.name, c.description
        )?;
        for d in &c.details {
            writeln!(out, "         - {d}")?;
        }
        if c.problems > c.details.len() as i64 {
            let more = c.problems - c.details.len() as i64;
            writeln!(out, "         {}", say("said-check-more", &[("n", &more)]))?;
        }
    }
    if report.healthy() {
        let line = say("said-check-healthy", &[("n", &report.checks.len())]);
        writeln!(out, "{line}")?;
    }
    Ok(())
}

fn json(db: &Path, report: &CheckReport) -> serde_json::Value {
    serde_json::json!({
        "path": db.display().to_string(),
        "healthy": report.healthy(),
        "full": report.full,
        "schema_version": report.schema_version,
        "problems": report.problems(),
        "checks": report.checks.iter().map(|c| serde_json::json!({
            "name": c.name,
            "ok": c.ok(),
            "description": c.description,
            "examined": c.examined,
            "unit": c.unit,
            "millis": c.millis,
            "problems": c.problems,
            "details": c.details,
        })).collect::<Vec<_>>(),
    })
}

/// `desk check --against [HUB]`: the replica's visible state beside its hub's; exit 4 when they differ with
/// nothing waiting to sync.
fn against(db: &Path, hub: &str, format: ShowFormat, out: &mut Out<'_>) -> anyhow::Result<()> {
    use crate::store::{OpenMode, StorageMode, Store};
    let replica = Store::open_with(db, OpenMode::Existing, StorageMode::Local)?;
    let hub = if hub.is_empty() {
        match replica.sync_hub()? {
            Some((_, at)) => PathBuf::from(at),
            None => {
                return Err(super::UsageError(say(
                    "usage-check-not-a-replica",
                    &[("path", &db.display())],
                ))
                .into());
            }
        }
    } else {
        PathBuf::from(hub)
    };
    if crate::store::sync::pg::is_hub_url(&hub.display().to_string()) {
        return against_pg(db, &replica, &hub.display().to_string(), format, out);
    }
    let hub_store = Store::open_with(
        &hub,
        OpenMode::Existing,
        crate::store::sync::hub_storage(&hub),
    )?;
    let status = replica.replica_status(Some(&hub_store))?;
    drop(hub_store);
    let tables = crate::store::sync::verify::compare(db, &hub)?;
    let waiting = status.as_ref().map_or(0, |s| {
        s.to_send.changes + s.to_send.rows + s.to_receive.map_or(0, |p| p.changes + p.rows)
    });
    report_against(
        db,
        &hub.display().to_string(),
        &tables,
        waiting,
        format,
        out,
    )
}

/// `--against` a PostgreSQL hub: its compacted state made into a fresh replica in a temporary directory, and the
/// two compared table by table.
fn against_pg(
    db: &Path,
    replica: &crate::store::Store,
    url: &str,
    format: ShowFormat,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    use crate::store::sync::pg::{HubConfig, PgHub, create_from_hub};
    let cfg = HubConfig::new(url);
    let mut hub = PgHub::connect(&cfg).map_err(|e| DatabaseProblem(e.to_string()))?;
    let status = replica.replica_status_pg(&mut hub)?;
    drop(hub);
    let dir = tempfile::tempdir()?;
    let fresh = dir.path().join("hub.db");
    let now = chrono::Utc::now().timestamp();
    create_from_hub(&cfg, &fresh, now, &mut |_, _| {})
        .map_err(|e| DatabaseProblem(e.to_string()))?;
    let tables = crate::store::sync::verify::compare(db, &fresh)?;
    let waiting = status.as_ref().map_or(0, |s| {
        s.to_send.changes + s.to_send.rows + s.to_receive.map_or(0, |p| p.changes + p.rows)
    });
    report_against(
        db,
        &crate::store::sync::pg::shown_url(url),
        &tables,
        waiting,
        format,
        out,
    )
}

fn report_against(
    db: &Path,
    hub: &str,
    tables: &[crate::store::sync::verify::TableComparison],
    waiting: i64,
    format: ShowFormat,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    let differing: i64 = tables.iter().map(|t| t.differing).sum();
    match format {
        ShowFormat::Json => {
            serde_json::to_writer_pretty(
                out.json(),
                &serde_json::json!({"replica": db.display().to_string(), "hub": hub,
                    "waiting": waiting, "differing": differing, "tables": tables}),
            )?;
            writeln!(out)?;
        }
        ShowFormat::Text => {
            let heading = say(
                "said-check-against-hub",
                &[("db", &db.display()), ("hub", &hub)],
            );
            writeln!(out, "{heading}")?;
            for t in tables {
                let status = if t.differing == 0 { "same" } else { "DIFFERS" };
                writeln!(
                    out,
                    "{status:<8} {:<14} {} rows, {} differing",
                    t.table, t.rows, t.differing
                )?;
                for f in &t.first {
                    writeln!(out, "         - {f}")?;
                }
            }
        }
    }
    if differing == 0 {
        return Ok(());
    }
    if waiting > 0 {
        return Err(super::UsageError(say(
            "usage-check-waiting",
            &[("differing", &differing), ("waiting", &waiting)],
        ))
        .into());
    }
    Err(DatabaseProblem(format!(
        "{differing} row(s) differ from the hub with nothing waiting to sync; keep a copy of {} and make a new \
         replica with `desk replica create`",
        db.display()
    ))
    .into())
}
