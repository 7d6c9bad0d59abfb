//! `desk customer list|show`.

use super::output::{ListArgs, ShowFormat, Sink, rfc3339, short_date};
use super::ticket::for_each_page;
use crate::domain::customer::warranty_state;
use crate::store::Store;
use crate::store::customers::CustomerRow;
use clap::Subcommand;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum CustomerCmd {
    /// List customers, most recently active first
    List {
        /// Only customers whose name, email or phone contains this text
        #[arg(long)]
        search: Option<String>,
        #[command(flatten)]
        list: ListArgs,
    },
    /// Show a customer's profile by id or email
    Show {
        id_or_email: String,
        #[arg(long, value_enum, default_value = "text")]
        format: ShowFormat,
    },
}

const HEADER: &[&str] = &["id", "name", "tier", "email", "phone", "organization"];

fn cells(c: &CustomerRow) -> Vec<String> {
    let opt = |v: &Option<crate::domain::text::SafeText>| {
        v.as_ref().map(|s| s.to_string()).unwrap_or_default()
    };
    vec![
        c.id.clone(),
        c.name.to_string(),
        c.tier.as_str().into(),
        opt(&c.email),
        opt(&c.phone),
        opt(&c.organization),
    ]
}

pub fn run(store: &Store, cmd: CustomerCmd, now: i64, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        CustomerCmd::List { search, list } => {
            let ListArgs { limit, format } = list;
            let mut sink = Sink::new(out, format, HEADER);
            for_each_page(
                limit,
                |req, n| store.customer_page(search.as_deref(), req, n),
                |rows| sink.batch(rows, cells, |c, w| serde_json::to_writer(w, c)),
            )?;
            sink.finish()?;
        }
        CustomerCmd::Show {
            id_or_email,
            format,
        } => {
            let d = store.customer_detail(&id_or_email)?.ok_or_else(|| {
                super::NotFound(format!("no customer with id or email `{id_or_email}`"))
            })?;
            match format {
                ShowFormat::Json => {
                    serde_json::to_writer_pretty(&mut *out, &d)?;
                    writeln!(out)?;
                }
                ShowFormat::Text => {
                    let r = &d.row;
                    let opt = |v: &Option<crate::domain::text::SafeText>| {
                        v.as_ref().map_or("-".to_string(), |s| s.to_string())
                    };
                    writeln!(out, "{} ({})", r.name, r.id)?;
                    writeln!(
                        out,
                        "tier {} ({}) · email {} · phone {}",
                        r.tier.as_str(),
                        d.tier_source.as_str(),
                        opt(&r.email),
                        opt(&r.phone)
                    )?;
                    writeln!(
                        out,
                        "organization {} · city {} · customer since {}",
                        opt(&r.organization),
                        opt(&r.city),
                        rfc3339(d.created_at)
                    )?;
                    writeln!(
                        out,
                        "orders {} · total ¥{:.2}",
                        d.orders.count,
                        d.orders.total_cents as f64 / 100.0
                    )?;
                    for p in &d.products {
                        writeln!(
                            out,
                            "product {} [{}] · {}",
                            p.name,
                            opt(&p.serial),
                            warranty_state(p.warranty_until, now).describe()
                        )?;
                    }
                    writeln!(out, "tickets ({} open):", d.open_tickets)?;
                    for t in &d.tickets {
                        writeln!(
                            out,
                            "  #{} {} {} · {}",
                            t.number,
                            t.status.as_str(),
                            t.subject,
                            short_date(t.created_at)
                        )?;
                    }
                }
            }
        }
    }
    Ok(())
}
