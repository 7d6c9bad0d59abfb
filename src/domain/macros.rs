//! Macros (标准话术): canned replies with placeholders, and the ticket changes that go with them.

use super::ticket::{Priority, Status};
use crate::str_enum;

str_enum!(
    /// What a macro's text becomes: a public reply, an internal note, or a call script (回访话术) the agent reads
    /// on the follow-up call, shown beside the follow-up form and kept as the call's note.
    #[derive(Default)]
    MacroKind {
        #[default]
        Reply = "reply",
        Note = "note",
        CallScript = "call_script",
    }
);

/// Values the placeholders stand for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MacroContext {
    pub customer_name: String,
    pub ticket_number: i64,
    pub ticket_subject: String,
    pub agent_name: String,
}

/// The placeholders a macro body may use.
pub const PLACEHOLDERS: &[&str] = &[
    "customer.name",
    "ticket.number",
    "ticket.subject",
    "agent.name",
];

/// What applying a macro changes on the ticket when its reply is sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MacroActions {
    pub status: Option<Status>,
    pub priority: Option<Priority>,
    pub add_tags: Vec<String>,
    /// An agent handle.
    pub assignee: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Macro {
    pub name: String,
    pub body: String,
    pub actions: MacroActions,
    pub kind: MacroKind,
    /// A reply that proposes a solution (stops the 3-5-7 rule's first-solution clock).
    pub solution: bool,
}

/// A macro body desk cannot fill.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MacroError {
    /// A `{{` with no `}}` after it; `at` is its 1-based character position in the body.
    #[error("`{{{{` at character {at} is never closed with `}}}}`")]
    Unclosed { at: usize },
    /// A placeholder not in [`PLACEHOLDERS`].
    #[error("unknown placeholder `{{{{{name}}}}}` (use {})", PLACEHOLDERS.join(", "))]
    UnknownPlaceholder { name: String },
}

/// The names inside `{{…}}` in `body`, in order; an unclosed `{{` is an error naming its character position.
pub fn placeholders(body: &str) -> Result<Vec<String>, MacroError> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some((before, after)) = rest.split_once("{{") {
        let Some((name, tail)) = after.split_once("}}") else {
            let at = body.chars().count() - rest.chars().count() + before.chars().count();
            return Err(MacroError::Unclosed { at: at + 1 });
        };
        out.push(name.trim().to_string());
        rest = tail;
    }
    Ok(out)
}

/// Checks a body's placeholders against [`PLACEHOLDERS`].
pub fn check(body: &str) -> Result<(), MacroError> {
    for name in placeholders(body)? {
        if !PLACEHOLDERS.contains(&name.as_str()) {
            return Err(MacroError::UnknownPlaceholder { name });
        }
    }
    Ok(())
}

/// Fills the placeholders. Unknown ones (already refused by [`check`] at load) are left as written.
pub fn render(body: &str, ctx: &MacroContext) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some((before, after)) = rest.split_once("{{") {
        out.push_str(before);
        let Some((name, tail)) = after.split_once("}}") else {
            out.push_str("{{");
            out.push_str(after);
            return out;
        };
        match name.trim() {
            "customer.name" => out.push_str(&ctx.customer_name),
            "ticket.number" => out.push_str(&ctx.ticket_number.to_string()),
            "ticket.subject" => out.push_str(&ctx.ticket_subject),
            "agent.name" => out.push_str(&ctx.agent_name),
            _ => out.push_str(&format!("{{{{{name}}}}}")),
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// How a macro's changes fit a ticket as it is now, judged before any text is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fit {
    Fits,
    /// It takes a solved ticket back into work: the agent should know before writing.
    Reopens {
        from: Status,
        to: Status,
    },
    /// The ticket cannot take it; the text says why and what to do instead.
    Refused(String),
}

/// Whether `actions`, applied after the reply (which itself moves a new ticket to open), fit a ticket in
/// `status` of `kind` at complaint `stage`.
pub fn fit(
    actions: &MacroActions,
    status: Status,
    kind: super::ticket::Kind,
    stage: Option<super::service_loop::ComplaintStage>,
) -> Fit {
    if matches!(status, Status::Closed | Status::Merged) {
        return Fit::Refused(format!(
            "the ticket is {}: a reply cannot be added (a follow-up is a new ticket)",
            status.label()
        ));
    }
    let Some(to) = actions.status.filter(|to| *to != status) else {
        return Fit::Fits;
    };
    // The reply comes first: a new ticket is open by the time the macro's status applies.
    let from = if status == Status::New {
        Status::Open
    } else {
        status
    };
    if to == from {
        return Fit::Fits;
    }
    if let Err(e) = from.transition(to) {
        let ways: Vec<&str> = from.allowed_next().iter().map(|s| s.label()).collect();
        return Fit::Refused(format!(
            "it sets status {}, and {e} (from {} it can go to {}); change the status first, then use the macro",
            to.label(),
            from.label(),
            ways.join(", ")
        ));
    }
    if let Some(why) = super::service_loop::complaint_blocks(kind, stage, to) {
        return Fit::Refused(why);
    }
    if from == Status::Solved && to.is_open() {
        return Fit::Reopens { from, to };
    }
    Fit::Fits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_macro_is_judged_against_the_ticket_before_any_text_is_written() {
        use crate::domain::service_loop::ComplaintStage;
        use crate::domain::ticket::Kind;
        let sets = |s: Status| MacroActions {
            status: Some(s),
            ..Default::default()
        };
        let q = Kind::Question;
        assert_eq!(
            fit(&sets(Status::Pending), Status::Open, q, None),
            Fit::Fits
        );
        assert_eq!(fit(&sets(Status::Pending), Status::New, q, None), Fit::Fits);
        assert_eq!(
            fit(&MacroActions::default(), Status::Solved, q, None),
            Fit::Fits
        );
        // "Need more information" on a solved ticket: refused before the editor, with the way out.
        let Fit::Refused(why) = fit(&sets(Status::Pending), Status::Solved, q, None) else {
            panic!("solved → pending must be refused");
        };
        assert!(
            why.contains("from Solved it can go to Open, Closed"),
            "{why}"
        );
        assert_eq!(
            fit(&sets(Status::Open), Status::Solved, q, None),
            Fit::Reopens {
                from: Status::Solved,
                to: Status::Open
            }
        );
        assert!(matches!(
            fit(
                &sets(Status::Closed),
                Status::Solved,
                Kind::Complaint,
                Some(ComplaintStage::Resolved)
            ),
            Fit::Refused(_)
        ));
        assert!(matches!(
            fit(&MacroActions::default(), Status::Closed, q, None),
            Fit::Refused(_)
        ));
    }

    fn ctx() -> MacroContext {
        MacroContext {
            customer_name: "王芳".into(),
            ticket_number: 1042,
            ticket_subject: "支付失败".into(),
            agent_name: "李娜".into(),
        }
    }

    #[test]
    fn renders_every_placeholder() {
        let body = "{{customer.name}}您好，关于工单 #{{ ticket.number }}（{{ticket.subject}}）……——{{agent.name}}";
        assert_eq!(
            render(body, &ctx()),
            "王芳您好，关于工单 #1042（支付失败）……——李娜"
        );
        assert_eq!(render("no placeholders", &ctx()), "no placeholders");
        assert_eq!(
            render("broken {{customer.name", &ctx()),
            "broken {{customer.name"
        );
    }

    #[test]
    fn check_names_unknown_and_unclosed_placeholders() {
        assert!(check("Hi {{customer.name}}").is_ok());
        let e = check("Hi {{customer.email}}").unwrap_err();
        assert_eq!(
            e,
            MacroError::UnknownPlaceholder {
                name: "customer.email".into()
            }
        );
        assert_eq!(
            e.to_string(),
            "unknown placeholder `{{customer.email}}` (use customer.name, ticket.number, ticket.subject, agent.name)"
        );
        let e = check("您好 {{customer.name").unwrap_err();
        assert_eq!(e, MacroError::Unclosed { at: 4 });
        assert_eq!(
            e.to_string(),
            "`{{` at character 4 is never closed with `}}`"
        );
    }
}
