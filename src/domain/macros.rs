//! Macros (标准话术): canned replies with placeholders, and the ticket changes that go with them.

use super::ticket::{Priority, Status};

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

#[cfg(test)]
mod tests {
    use super::*;

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
