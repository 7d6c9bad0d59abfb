//! `desk route run`: routes and assigns the open unassigned backlog, as new tickets are on arrival.

use super::output::{Out, ShowFormat};
use crate::store::Store;

#[derive(Debug, clap::Subcommand)]
pub enum RouteCmd {
    /// Route open tickets without a group by `[[routing.rules]]`, then assign unassigned tickets in groups that
    /// assign automatically (safe to run from several desks at once)
    Run {
        #[arg(long, value_enum, default_value = "text")]
        format: ShowFormat,
    },
}

pub fn run(store: &mut Store, cmd: RouteCmd, now: i64, out: &mut Out<'_>) -> anyhow::Result<()> {
    match cmd {
        RouteCmd::Run { format } => {
            let r = store.route_run(now)?;
            match format {
                ShowFormat::Json => {
                    serde_json::to_writer_pretty(out.json(), &r)?;
                    writeln!(out)?;
                }
                ShowFormat::Text => {
                    let line = super::locale::say(
                        "said-route-summary",
                        &[
                            ("n", &r.seen),
                            ("routed", &r.routed),
                            ("assigned", &r.assigned),
                        ],
                    );
                    writeln!(out, "{line}")?;
                    for (group, (n, why)) in &r.waiting {
                        let line = super::locale::say(
                            "said-route-waiting",
                            &[("n", n), ("group", group), ("why", why)],
                        );
                        writeln!(out, "{line}")?;
                    }
                }
            }
        }
    }
    Ok(())
}
