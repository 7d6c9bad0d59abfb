//! Agents and roles (issue 8): registration on first use, `desk agent add|list|set-role|deactivate`, and the role
//! checks other writes call. Every change is a logged write with its actor.

use rusqlite::{Connection, OptionalExtension, params};

use super::changes::{Mutable, Value, with_retry};
use super::{Result, Store, StoreError, new_id};
use crate::domain::handle;
use crate::domain::team::{self, Act, Role};
use crate::domain::text::SafeText;

/// An agent as `desk agent list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AgentInfo {
    pub handle: String,
    pub name: SafeText,
    pub email: Option<SafeText>,
    pub role: String,
    pub active: bool,
    pub created_at: i64,
}

fn role_of(conn: &Connection, actor: Option<&str>) -> Result<Option<Role>> {
    let Some(actor) = actor else {
        return Ok(None);
    };
    let role: Option<String> = conn
        .query_row(
            "SELECT role FROM agents WHERE handle = ?1 AND active = 1",
            params![actor],
            |r| r.get(0),
        )
        .optional()?;
    Ok(role.as_deref().and_then(Role::parse))
}

/// Refuses `act` unless `actor`'s role allows it; callable inside a write transaction. Writes without an actor
/// (tests, internal maintenance) and databases without any active agent (a personal desk before anyone
/// registered) are not role-checked.
pub(super) fn require_on(conn: &Connection, actor: Option<&str>, act: Act) -> Result<()> {
    let Some(actor) = actor else {
        return Ok(());
    };
    let agents: i64 = conn.query_row("SELECT count(*) FROM agents WHERE active = 1", [], |r| {
        r.get(0)
    })?;
    if agents == 0 {
        return Ok(());
    }
    team::permit(actor, role_of(conn, Some(actor))?, act).map_err(StoreError::Denied)
}

/// Like [`require_on`], but on a team database an unknown user is refused too: replacing or converting the
/// team's file is never anonymous. A file without an active admin (a personal desk, or agents loaded by a script
/// before anyone registered) is not checked, since nobody could pass.
pub(super) fn require_named_on(conn: &Connection, actor: Option<&str>, act: Act) -> Result<()> {
    let admins: i64 = conn.query_row(
        "SELECT count(*) FROM agents WHERE active = 1 AND role = 'admin'",
        [],
        |r| r.get(0),
    )?;
    if admins == 0 {
        return Ok(());
    }
    let handle = actor.unwrap_or("an unnamed user (no agent.handle in config, no USER)");
    team::permit(handle, role_of(conn, actor)?, act).map_err(StoreError::Denied)
}

struct NewAgent<'a> {
    handle: &'a str,
    name: &'a str,
    email: Option<&'a str>,
    role: Role,
}

/// `raw` checked as a new agent's handle against every handle the team has (`domain::handle::check_new`), inside
/// the transaction that would add it; a refusal says why.
fn new_handle(conn: &Connection, raw: &str) -> Result<String> {
    let mut stmt = conn.prepare_cached("SELECT handle FROM agents")?;
    let handles = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    handle::check_new(raw, handles.iter().map(String::as_str))
        .map_err(|e| StoreError::Refused(e.to_string()))
}

/// Inserts an agent and logs the registration with its role, inside `tx`.
fn insert_agent(
    tx: &rusqlite::Transaction<'_>,
    log: &mut super::changes::ChangeLog,
    a: &NewAgent<'_>,
    now: i64,
) -> Result<()> {
    let id = new_id();
    tx.execute(
        "INSERT INTO agents(id, handle, name, email, role, active, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?6)",
        params![id, a.handle, a.name, a.email, a.role.as_str(), now],
    )?;
    let role = a.role.as_str();
    log.append(tx, "agent", &id, "registered", None, Some(role), now)
}

/// What registering the acting agent did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registration {
    /// Already registered (or no actor).
    Known,
    /// Registered now with this role (admin when the team had no active admin yet).
    Added(Role),
}

impl Store {
    /// Refuses `act` unless the actor's role allows it (see [`require_on`]).
    pub fn require(&self, act: Act) -> Result<()> {
        require_on(&self.conn, self.actor.as_deref(), act)
    }

    /// Registers the acting agent the first time they open this database: as admin when the team has no active
    /// admin (the first person on a new database), else as agent. The handle is checked as `desk agent add` checks
    /// one: a blank, unprintable or look-alike handle is refused, saying how to set another.
    pub fn register_actor(&mut self, name: Option<&str>, now: i64) -> Result<Registration> {
        let Some(handle) = self.actor.clone() else {
            return Ok(Registration::Known);
        };
        if self.agent_id(&handle)?.is_some() {
            return Ok(Registration::Known);
        }
        let refused = |e: StoreError| match e {
            StoreError::Refused(why) => StoreError::Refused(format!(
                "cannot register you as a new agent: {why}; set agent.handle in the config (or USER) to your handle"
            )),
            other => other,
        };
        let path = self.path.clone();
        with_retry(&path, || {
            let mut log = self.change_log();
            let tx = self.begin_write()?;
            // Re-check inside the write lock: two first starts at once register once.
            let exists: Option<String> = tx
                .query_row(
                    "SELECT id FROM agents WHERE handle = ?1",
                    params![handle],
                    |r| r.get(0),
                )
                .optional()?;
            if exists.is_some() {
                return Ok(Registration::Known);
            }
            let handle = new_handle(&tx, &handle).map_err(refused)?;
            let admins: i64 = tx.query_row(
                "SELECT count(*) FROM agents WHERE role = 'admin' AND active = 1",
                [],
                |r| r.get(0),
            )?;
            let role = if admins == 0 {
                Role::Admin
            } else {
                Role::Agent
            };
            let new = NewAgent {
                handle: &handle,
                name: name.unwrap_or(&handle),
                email: None,
                role,
            };
            insert_agent(&tx, &mut log, &new, now)?;
            tx.commit()?;
            self.hlc = log.hlc;
            Ok(Registration::Added(role))
        })
    }

    /// Every agent, active first, by handle; a team has tens of agents.
    pub fn agent_list(&self) -> Result<Vec<AgentInfo>> {
        let mut stmt = self.conn.prepare(
            "SELECT handle, name, email, role, active, created_at FROM agents ORDER BY active DESC, handle",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(AgentInfo {
                handle: r.get(0)?,
                name: SafeText::new(&r.get::<_, String>(1)?),
                email: r.get::<_, Option<String>>(2)?.map(|e| SafeText::new(&e)),
                role: r.get(3)?,
                active: r.get::<_, i64>(4)? != 0,
                created_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds an agent (admins only). A handle that exists is refused rather than changed.
    pub fn add_agent(
        &mut self,
        handle: &str,
        name: &str,
        email: Option<&str>,
        role: Role,
        now: i64,
    ) -> Result<()> {
        self.require(Act::ManageAgents)?;
        let handle = new_handle(&self.conn, handle)?;
        if self.agent_id(&handle)?.is_some() {
            return Err(StoreError::Refused(format!(
                "an agent with handle {handle} exists; use `desk agent set-role` to change their role"
            )));
        }
        let path = self.path.clone();
        with_retry(&path, || {
            let mut log = self.change_log();
            let tx = self.begin_write()?;
            let new = NewAgent {
                handle: &handle,
                name,
                email,
                role,
            };
            insert_agent(&tx, &mut log, &new, now)?;
            tx.commit()?;
            self.hlc = log.hlc;
            Ok(())
        })
    }

    /// Changes an agent's role, or deactivates them with `None` (admins only; the last admin stays).
    pub fn set_agent_role(&mut self, handle: &str, role: Option<Role>, now: i64) -> Result<()> {
        self.require(Act::ManageAgents)?;
        let handle = handle::normalize(handle);
        let row: Option<(String, String, i64, i64)> = self
            .conn
            .query_row(
                "SELECT id, role, active, version FROM agents WHERE handle = ?1",
                params![handle],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((id, current, active, version)) = row else {
            return Err(StoreError::NotFound {
                entity: "agent",
                id: handle,
            });
        };
        let admins: i64 = self.conn.query_row(
            "SELECT count(*) FROM agents WHERE role = 'admin' AND active = 1",
            [],
            |r| r.get(0),
        )?;
        let is_admin = current == "admin" && active == 1;
        if team::leaves_no_admin(admins.max(0) as usize, is_admin, role) {
            return Err(StoreError::Refused(format!(
                "{handle} is the last active admin; make another agent admin first (`desk agent set-role HANDLE admin`)"
            )));
        }
        let fields: Vec<(&str, Value)> = match role {
            Some(r) => vec![("role", r.as_str().into()), ("active", 1.into())],
            None => vec![("active", 0.into())],
        };
        self.update(Mutable::Agent, &id, version, &fields, now)?;
        Ok(())
    }
}
