//! `desk customer create|set|merge|duplicates|import|export`.

use super::output::Out;
use super::output::ShowFormat;
use crate::store::Store;
use crate::store::customer_write::CustomerEdit;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum EditCmd {
    /// Add a customer
    Create {
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        /// Organization name (created if new)
        #[arg(long)]
        org: Option<String>,
        /// Pin a tier (diamond, gold, silver, bronze); default: computed from orders
        #[arg(long)]
        tier: Option<String>,
        /// YYYY-MM-DD or MM-DD
        #[arg(long)]
        birthday: Option<String>,
        #[arg(long)]
        city: Option<String>,
    },
    /// Change fields: `desk customer set ID name="Wang Fang" tier=gold gender=female contact_time="weekdays 18:00-21:00" tags+=vip-care`
    Set {
        id_or_email: String,
        /// field=value pairs (name, email, phone, org, tier, birthday, city, address, notes, gender, contact_channel,
        /// contact_time; `-` clears) and tags+=tag, tags-=tag
        #[arg(required = true)]
        changes: Vec<String>,
    },
    /// Merge a duplicate into the customer to keep: tickets, products, orders, surveys and tasks move
    Merge {
        /// The duplicate (id or email)
        duplicate: String,
        /// The customer to keep
        #[arg(long)]
        into: String,
    },
    /// Import customers, organizations, products or orders from CSV (every bad row is reported; nothing is written
    /// unless all rows are good or --skip-bad is given; importing the same file again creates no duplicates)
    Import {
        file: std::path::PathBuf,
        #[arg(long, value_enum, default_value = "customers")]
        kind: crate::store::csv_rows::ImportKind,
        /// Import the good rows and write the bad ones to the rejects file
        #[arg(long)]
        skip_bad: bool,
        /// Where --skip-bad writes the bad rows (default: FILE.rejects.csv next to the input)
        #[arg(long)]
        rejects: Option<std::path::PathBuf>,
        /// The file's encoding when it is not UTF-8 (Excel on Chinese Windows saves GBK or Big5)
        #[arg(long, value_enum)]
        encoding: Option<super::text_encoding::TextEncoding>,
    },
    /// Export customers (streamed); --mask hides email and phone (脱敏), required unless you are an admin
    Export {
        #[arg(long)]
        mask: bool,
        #[arg(long, value_enum, default_value = "csv")]
        format: crate::store::csv_export::ExportFormat,
    },
    /// Customers sharing this one's email or phone
    Duplicates {
        id_or_email: String,
        #[arg(long, value_enum, default_value = "text")]
        format: ShowFormat,
    },
}

fn usage(msg: impl std::fmt::Display) -> anyhow::Error {
    super::UsageError(msg.to_string()).into()
}

fn resolve(store: &Store, id_or_email: &str) -> anyhow::Result<String> {
    store
        .resolve_customer(id_or_email)?
        .ok_or_else(|| super::error_words::no_customer(id_or_email).into())
}

pub fn run(store: &mut Store, cmd: EditCmd, now: i64, out: &mut Out<'_>) -> anyhow::Result<()> {
    match cmd {
        EditCmd::Create {
            name,
            email,
            phone,
            org,
            tier,
            birthday,
            city,
        } => {
            let mut edits = vec![CustomerEdit::Name(name)];
            let pairs = [
                ("email", email),
                ("phone", phone),
                ("org", org),
                ("tier", tier),
                ("birthday", birthday),
                ("city", city),
            ];
            for (field, value) in pairs {
                if let Some(v) = value {
                    edits.push(CustomerEdit::parse(field, &v).map_err(usage)?);
                }
            }
            for e in &edits {
                e.check().map_err(usage)?;
            }
            let id = store.create_customer(&edits, now)?;
            writeln!(out, "{id}")?;
        }
        EditCmd::Set {
            id_or_email,
            changes,
        } => {
            let id = resolve(store, &id_or_email)?;
            let mut edits = Vec::new();
            for c in &changes {
                let (field, value) = c.split_once('=').ok_or_else(|| {
                    usage(super::locale::say(
                        "usage-customer-change",
                        &[("change", c)],
                    ))
                })?;
                let e = CustomerEdit::parse(field, value).map_err(usage)?;
                e.check().map_err(usage)?;
                edits.push(e);
            }
            let outcome = store.edit_customer(&id, None, &edits, now)?;
            if outcome.changed.is_empty() {
                let line = super::locale::say("said-customer-unchanged", &[("id", &id)]);
                writeln!(out, "{line}")?;
            }
            for c in outcome.changed {
                if c.old.is_none() && c.field == "tags" {
                    let tags = c.new.as_deref().unwrap_or("-");
                    let line = super::locale::say(
                        "said-customer-tags-set",
                        &[("id", &id), ("tags", &tags)],
                    );
                    writeln!(out, "{line}")?;
                    continue;
                }
                writeln!(
                    out,
                    "{id}: {} {} → {}",
                    c.field,
                    c.old.as_deref().unwrap_or("-"),
                    c.new.as_deref().unwrap_or("-")
                )?;
            }
        }
        EditCmd::Merge { duplicate, into } => {
            let from = resolve(store, &duplicate)?;
            let into = resolve(store, &into)?;
            let s = store.merge_customers(&from, &into, now)?;
            let line = super::locale::say(
                "said-customer-merged",
                &[
                    ("from", &from),
                    ("into", &into),
                    ("tickets", &s.tickets),
                    ("products", &s.products),
                    ("orders", &s.orders),
                    ("surveys", &s.surveys),
                    ("tasks", &s.tasks),
                ],
            );
            writeln!(out, "{line}")?;
        }
        EditCmd::Import {
            file,
            kind,
            skip_bad,
            rejects,
            encoding,
        } => {
            let rows = super::customer_csv::Rows {
                kind,
                skip_bad,
                rejects,
                encoding,
            };
            super::customer_csv::import(store, &file, rows, now, out)?
        }
        EditCmd::Export { mask, format } => {
            let mut w = match format {
                crate::store::csv_export::ExportFormat::Csv => out.csv(),
                crate::store::csv_export::ExportFormat::Json => out.json(),
            };
            store.export_customers(mask, format, &mut w)?;
        }
        EditCmd::Duplicates {
            id_or_email,
            format,
        } => {
            let id = resolve(store, &id_or_email)?;
            let rows = store.duplicate_customers(&id)?;
            match format {
                ShowFormat::Json => {
                    serde_json::to_writer_pretty(out.json(), &rows)?;
                    writeln!(out)?;
                }
                ShowFormat::Text => {
                    if rows.is_empty() {
                        let line =
                            super::locale::say("said-customer-no-duplicates", &[("id", &id)]);
                        writeln!(out, "{line}")?;
                    }
                    for r in rows {
                        let dash = |v: &Option<crate::domain::text::SafeText>| {
                            v.as_ref().map_or("-".to_string(), |s| s.to_string())
                        };
                        writeln!(
                            out,
                            "{} {} · {} · {}",
                            r.id,
                            r.name,
                            dash(&r.email),
                            dash(&r.phone)
                        )?;
                    }
                }
            }
        }
    }
    Ok(())
}
