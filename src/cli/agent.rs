//! `desk agent`: the team's agents and their roles (admins manage them; everyone may list them).

use super::UsageError;
use super::output::Out;
use super::output::{ListFormat, Sink, rfc3339, short_date};
use crate::domain::team::Role;
use crate::store::Store;
use crate::store::roles::AgentInfo;

#[derive(Debug, clap::Subcommand)]
pub enum AgentCmd {
    /// Add an agent (admins only)
    Add {
        /// The handle they sign in with (config `agent.handle`, else their OS user name)
        handle: String,
        /// Display name (default: the handle)
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        email: Option<String>,
        /// agent, lead or admin
        #[arg(long, default_value = "agent")]
        role: String,
    },
    /// List agents with their roles
    List {
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Change an agent's role: agent, lead or admin (admins only)
    SetRole { handle: String, role: String },
    /// Deactivate an agent: they keep their history but can no longer be assigned (admins only)
    Deactivate { handle: String },
}

fn role(text: &str) -> anyhow::Result<Role> {
    Role::parse(text).ok_or_else(|| {
        UsageError(format!(
            "`{text}` is not a role; use one of: {}",
            Role::names()
        ))
        .into()
    })
}

const HEADER: &[&str] = &["handle", "name", "role", "active", "since", "email"];

fn cells(a: &AgentInfo) -> Vec<String> {
    vec![
        a.handle.clone(),
        a.name.to_string(),
        a.role.clone(),
        if a.active { "yes" } else { "no" }.into(),
        short_date(a.created_at),
        a.email.as_ref().map(|e| e.to_string()).unwrap_or_default(),
    ]
}

pub fn run(store: &mut Store, cmd: AgentCmd, now: i64, out: &mut Out<'_>) -> anyhow::Result<()> {
    match cmd {
        AgentCmd::Add {
            handle,
            name,
            email,
            role: r,
        } => {
            let r = role(&r)?;
            let name = name.unwrap_or_else(|| handle.clone());
            store.add_agent(&handle, &name, email.as_deref(), r, now)?;
            writeln!(
                out,
                "added {} as {r}",
                crate::domain::handle::normalize(&handle)
            )?;
        }
        AgentCmd::List { format } => {
            let agents = store.agent_list()?;
            let mut sink = Sink::new(out, format, HEADER);
            sink.batch(&agents, cells, |a, w| {
                let mut v = serde_json::to_value(a)?;
                v["created_at"] = serde_json::Value::from(rfc3339(a.created_at));
                serde_json::to_writer(w, &v)
            })?;
            sink.finish()?;
        }
        AgentCmd::SetRole { handle, role: r } => {
            let r = role(&r)?;
            store.set_agent_role(&handle, Some(r), now)?;
            writeln!(
                out,
                "{} is now {r}",
                crate::domain::handle::normalize(&handle)
            )?;
        }
        AgentCmd::Deactivate { handle } => {
            store.set_agent_role(&handle, None, now)?;
            writeln!(
                out,
                "{} is deactivated",
                crate::domain::handle::normalize(&handle)
            )?;
        }
    }
    Ok(())
}
