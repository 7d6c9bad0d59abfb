//! `desk customer address add|list|default|remove`: a customer's addresses (家, 公司 …), one the default that a
//! new visit goes to.

use super::locale::say;
use super::output::{ListFormat, Out, Sink, short_date};
use crate::store::Store;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum AddressCmd {
    /// Add an address; the first is the default, as is one added with --default
    Add {
        id_or_email: String,
        /// The address as an engineer would find it
        address: String,
        /// A name for it: 家 (home), 公司 (office) …
        #[arg(long, default_value = "")]
        label: String,
        /// Make it the default
        #[arg(long)]
        default: bool,
    },
    /// List a customer's addresses, the default first
    List {
        id_or_email: String,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Make an address (its id or label) the default
    Default {
        id_or_email: String,
        address: String,
    },
    /// Remove an address (its id or label); another becomes the default if it was
    Remove {
        id_or_email: String,
        address: String,
    },
}

fn resolve(store: &Store, id_or_email: &str) -> anyhow::Result<String> {
    store
        .resolve_customer(id_or_email)?
        .ok_or_else(|| super::error_words::no_customer(id_or_email).into())
}

pub fn run(store: &mut Store, cmd: AddressCmd, now: i64, out: &mut Out<'_>) -> anyhow::Result<()> {
    match cmd {
        AddressCmd::Add {
            id_or_email,
            address,
            label,
            default,
        } => {
            let id = resolve(store, &id_or_email)?;
            let added = store.add_customer_address(&id, &label, &address, default, now)?;
            writeln!(out, "{added}")?;
        }
        AddressCmd::List {
            id_or_email,
            format,
        } => {
            let id = resolve(store, &id_or_email)?;
            let rows = store.customer_addresses(&id)?;
            let mut sink = Sink::new(out, format, &["id", "label", "address", "default", "added"]);
            sink.batch(
                &rows,
                |a| {
                    vec![
                        a.id.clone(),
                        a.label.to_string(),
                        a.address.to_string(),
                        if a.is_default { "default" } else { "" }.to_string(),
                        short_date(a.created_at),
                    ]
                },
                |a, w| serde_json::to_writer(w, a),
            )?;
            sink.finish()?;
        }
        AddressCmd::Default {
            id_or_email,
            address,
        } => {
            let id = resolve(store, &id_or_email)?;
            store.set_default_address(&id, &address, now)?;
            let line = say(
                "said-address-default",
                &[("id", &id), ("address", &address)],
            );
            writeln!(out, "{line}")?;
        }
        AddressCmd::Remove {
            id_or_email,
            address,
        } => {
            let id = resolve(store, &id_or_email)?;
            store.remove_customer_address(&id, &address, now)?;
            let line = say(
                "said-address-removed",
                &[("id", &id), ("address", &address)],
            );
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}
