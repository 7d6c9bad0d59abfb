//! Team mode rules (issue 8): roles and what each may do, presence (who is viewing or replying), and how a
//! change someone else made reads to the agent whose edit it overtook. Pure: no terminal, no database.

use crate::str_enum;

str_enum!(
    /// What an agent may do. Roles guard against mistakes; file permissions guard the data (docs/TEAM.md).
    Role {
        Agent = "agent",
        Lead = "lead",
        Admin = "admin",
    }
);

impl Role {
    fn rank(self) -> u8 {
        match self {
            Role::Agent => 0,
            Role::Lead => 1,
            Role::Admin => 2,
        }
    }

    /// Whether this role includes `need` (admin ⊃ lead ⊃ agent).
    pub fn includes(self, need: Role) -> bool {
        self.rank() >= need.rank()
    }
}

/// The acts that need more than the agent role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Add agents, change roles, deactivate.
    ManageAgents,
    /// Create, rename and staff groups (departments).
    ManageGroups,
    /// Move a ticket from another agent to someone else (taking an unassigned one, or giving away your own, is
    /// every agent's right).
    ReassignOthers,
    PublishArticle,
    /// Export email and phone unmasked (个人信息).
    ExportPersonalData,
    /// Replace the database with a backup (`desk restore`).
    ReplaceDatabase,
    /// Switch the file's journal mode (`desk convert`).
    ConvertDatabase,
    /// Sample tickets into the QA queue and score them (质检).
    ReviewQuality,
}

impl Act {
    pub fn needs(self) -> Role {
        match self {
            Act::ManageAgents
            | Act::ExportPersonalData
            | Act::ReplaceDatabase
            | Act::ConvertDatabase => Role::Admin,
            Act::ReassignOthers | Act::PublishArticle | Act::ManageGroups | Act::ReviewQuality => {
                Role::Lead
            }
        }
    }

    fn what(self) -> &'static str {
        match self {
            Act::ManageAgents => "managing agents and roles",
            Act::ManageGroups => "creating, renaming and staffing groups",
            Act::ReassignOthers => "reassigning another agent's ticket",
            Act::PublishArticle => "publishing a knowledge-base article",
            Act::ExportPersonalData => "exporting unmasked email and phone",
            Act::ReplaceDatabase => "replacing the database with a backup",
            Act::ConvertDatabase => "switching the database's journal mode",
            Act::ReviewQuality => "sampling and scoring tickets for quality inspection",
        }
    }
}

/// An act the actor's role does not allow: what was refused, who asked, and the role it needs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Denied {
    pub handle: String,
    /// `None`: not a registered agent (which has the agent role's rights).
    pub role: Option<Role>,
    pub act: Act,
}

impl Denied {
    /// The role that would have been allowed.
    pub fn needs(&self) -> Role {
        self.act.needs()
    }
}

/// What was refused, who you are, what to do.
impl std::fmt::Display for Denied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (handle, need) = (&self.handle, self.needs());
        let who = match self.role {
            Some(r) => format!("{handle} is {}", with_article(r)),
            None => format!("{handle} is not a registered agent"),
        };
        write!(
            f,
            "{} needs the {need} role ({who}); ask {} to do it or to run `desk agent set-role {handle} {need}`",
            capitalise(self.act.what()),
            if need == Role::Admin {
                "an admin"
            } else {
                "a lead or an admin"
            }
        )
    }
}

/// `Ok` when `role` may do `act`; otherwise [`Denied`], which reads as the sentence to show.
/// `None` is an actor that is not a registered agent, which gets the agent role's rights.
pub fn permit(handle: &str, role: Option<Role>, act: Act) -> Result<(), Denied> {
    if role.unwrap_or(Role::Agent).includes(act.needs()) {
        return Ok(());
    }
    Err(Denied {
        handle: handle.to_string(),
        role,
        act,
    })
}

fn with_article(r: Role) -> String {
    match r {
        Role::Admin | Role::Agent => format!("an {r}"),
        Role::Lead => format!("a {r}"),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Whether changing a ticket's assignee is a reassignment of someone else's ticket.
pub fn reassigns_others(current: Option<&str>, new: Option<&str>, me: &str) -> bool {
    match current {
        None => false,
        Some(cur) if cur == me => false,
        Some(cur) => new != Some(cur),
    }
}

/// Whether a role change would leave the team with no active admin.
pub fn leaves_no_admin(
    active_admins: usize,
    target_is_admin: bool,
    new_role: Option<Role>,
) -> bool {
    target_is_admin && active_admins <= 1 && new_role != Some(Role::Admin)
}

str_enum!(
    /// What an agent is doing on a ticket, as other agents see it.
    Activity {
        Viewing = "viewing",
        Replying = "replying",
    }
);

/// How long presence lasts without a heartbeat. Replying is long because the editor runs outside desk (no
/// heartbeats while it is open); it is cleared the moment the editor closes.
pub fn presence_ttl(a: Activity) -> i64 {
    match a {
        Activity::Viewing => 30,
        Activity::Replying => 30 * 60,
    }
}

/// One agent's presence on a ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presence {
    pub handle: String,
    pub name: String,
    pub activity: Activity,
    pub since: i64,
}

/// The line the ticket shows about others on it: replying first ("Li is replying"), then viewing.
pub fn presence_line(others: &[Presence]) -> Option<String> {
    if others.is_empty() {
        return None;
    }
    let names = |a: Activity| -> Vec<&str> {
        others
            .iter()
            .filter(|p| p.activity == a)
            .map(|p| p.name.as_str())
            .collect()
    };
    let mut parts = Vec::new();
    for (a, one, many) in [
        (Activity::Replying, "is replying", "are replying"),
        (Activity::Viewing, "is viewing", "are viewing"),
    ] {
        let n = names(a);
        match n.len() {
            0 => {}
            1 => parts.push(format!("{} {one}", n[0])),
            _ => parts.push(format!("{} {many}", join_names(&n))),
        }
    }
    Some(parts.join(" · "))
}

fn join_names(n: &[&str]) -> String {
    match n {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// One logged change to a ticket by someone, for explaining a conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeNote {
    pub who: String,
    pub at: i64,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// `#1042 changed by Li 10:42: status open → pending, priority normal → high` — the changes grouped by who made
/// them, in order; fields that carry ids or bookkeeping are left out so the sentence stays readable.
pub fn describe_changes(
    number: i64,
    changes: &[ChangeNote],
    clock: impl Fn(i64) -> String,
) -> String {
    let shown: Vec<&ChangeNote> = changes
        .iter()
        .filter(|c| !super::ticket_fields::is_bookkeeping(&c.field))
        .collect();
    let Some(first) = shown.first() else {
        return format!("#{number} was changed by someone else");
    };
    let mut out = format!("#{number} changed by {} {}:", first.who, clock(first.at));
    let mut who = first.who.as_str();
    for (i, c) in shown.iter().enumerate() {
        if c.who != who {
            who = &c.who;
            out.push_str(&format!("; by {} {}:", c.who, clock(c.at)));
        } else if i > 0 {
            out.push(',');
        }
        out.push(' ');
        out.push_str(&describe_one(c));
    }
    out
}

/// A change as the summary says it: ids are not named here (the note carries none of the names).
fn describe_one(c: &ChangeNote) -> String {
    let words = super::ticket_fields::ChangeWords {
        names: &|_, _| None,
        offset: 0,
        date_format: "%Y-%m-%d %H:%M",
    };
    super::ticket_fields::describe_change(&c.field, c.old.as_deref(), c.new.as_deref(), &words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_nest_and_refusals_say_who_and_what_to_do() {
        assert!(Role::Admin.includes(Role::Lead) && Role::Lead.includes(Role::Agent));
        assert!(!Role::Agent.includes(Role::Lead) && !Role::Lead.includes(Role::Admin));
        assert_eq!(permit("li", Some(Role::Lead), Act::PublishArticle), Ok(()));
        let e = permit("tom", Some(Role::Agent), Act::ReassignOthers).unwrap_err();
        assert_eq!(
            e,
            Denied {
                handle: "tom".into(),
                role: Some(Role::Agent),
                act: Act::ReassignOthers
            }
        );
        assert_eq!(e.needs(), Role::Lead);
        assert_eq!(
            e.to_string(),
            "Reassigning another agent's ticket needs the lead role (tom is an agent); ask a lead or an admin to do it or to run `desk agent set-role tom lead`"
        );
        let e = permit("x", None, Act::ManageAgents)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("x is not a registered agent") && e.contains("ask an admin"),
            "{e}"
        );
    }

    #[test]
    fn only_moving_someone_elses_ticket_is_a_reassignment() {
        assert!(
            !reassigns_others(None, Some("tom"), "tom"),
            "taking an unassigned ticket"
        );
        assert!(
            !reassigns_others(Some("tom"), Some("li"), "tom"),
            "giving away my own"
        );
        assert!(
            !reassigns_others(Some("li"), Some("li"), "tom"),
            "no change"
        );
        assert!(
            reassigns_others(Some("li"), Some("tom"), "tom"),
            "taking li's"
        );
        assert!(
            reassigns_others(Some("li"), None, "tom"),
            "unassigning li's"
        );
    }

    #[test]
    fn the_last_admin_cannot_be_demoted_or_deactivated() {
        assert!(leaves_no_admin(1, true, Some(Role::Lead)));
        assert!(leaves_no_admin(1, true, None));
        assert!(!leaves_no_admin(2, true, Some(Role::Agent)));
        assert!(!leaves_no_admin(1, false, Some(Role::Agent)));
        assert!(!leaves_no_admin(1, true, Some(Role::Admin)));
    }

    fn p(name: &str, a: Activity) -> Presence {
        Presence {
            handle: name.to_lowercase(),
            name: name.into(),
            activity: a,
            since: 0,
        }
    }

    #[test]
    fn presence_reads_replying_first() {
        assert_eq!(presence_line(&[]), None);
        assert_eq!(
            presence_line(&[p("Li", Activity::Replying)]).as_deref(),
            Some("Li is replying")
        );
        let line = presence_line(&[
            p("Tom", Activity::Viewing),
            p("Li", Activity::Replying),
            p("Amy", Activity::Viewing),
        ]);
        assert_eq!(
            line.as_deref(),
            Some("Li is replying · Tom and Amy are viewing")
        );
    }

    fn note(who: &str, at: i64, field: &str, old: Option<&str>, new: Option<&str>) -> ChangeNote {
        ChangeNote {
            who: who.into(),
            at,
            field: field.into(),
            old: old.map(Into::into),
            new: new.map(Into::into),
        }
    }

    #[test]
    fn a_conflict_says_who_changed_what_and_when() {
        let clock = |t: i64| format!("{:02}:{:02}", t / 3600, t / 60 % 60);
        let changes = [
            note("Li", 38_520, "status", Some("open"), Some("pending")),
            note("Li", 38_520, "updated_at", Some("1"), Some("2")),
            note("Li", 38_520, "priority", Some("normal"), Some("high")),
            note("Tom", 39_000, "reply", None, Some("01J…")),
        ];
        assert_eq!(
            describe_changes(1042, &changes, clock),
            "#1042 changed by Li 10:42: status Open → Pending, priority Normal → High; by Tom 10:50: replied"
        );
        assert_eq!(
            describe_changes(7, &[], clock),
            "#7 was changed by someone else"
        );
    }
}
