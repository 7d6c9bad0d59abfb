//! Corpus lines with `{placeholder}`s: checked when the content loads, filled for every message.

use anyhow::{Context, Result, ensure};

/// Placeholders a corpus line may use; [`fill`] substitutes them.
const PLACEHOLDERS: &[&str] = &["product", "order", "serial", "name", "agent"];

/// Every `{…}` in `line` names a known placeholder, and braces pair up.
pub(super) fn check(line: &str) -> Result<()> {
    let mut rest = line;
    while let Some((before, after)) = rest.split_once('{') {
        ensure!(!before.contains('}'), "a `}}` without `{{`");
        let (name, tail) = after.split_once('}').context("a `{` without `}`")?;
        ensure!(
            PLACEHOLDERS.contains(&name),
            "unknown placeholder {{{name}}} (known: {})",
            PLACEHOLDERS.join(", ")
        );
        rest = tail;
    }
    ensure!(!rest.contains('}'), "a `}}` without `{{`");
    Ok(())
}

/// Values for a line's placeholders.
pub(super) struct Vars<'a> {
    pub product: &'a str,
    pub order: &'a str,
    pub serial: &'a str,
    pub name: &'a str,
    pub agent: &'a str,
}

/// Appends `template` to `out` with its placeholders substituted (templates are validated at load).
pub(super) fn fill(template: &str, vars: &Vars<'_>, out: &mut String) {
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let Some((name, tail)) = after.split_once('}') else {
            out.push('{');
            out.push_str(after);
            return;
        };
        out.push_str(match name {
            "product" => vars.product,
            "order" => vars.order,
            "serial" => vars.serial,
            "name" => vars.name,
            "agent" => vars.agent,
            other => other,
        });
        rest = tail;
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_checked_and_filled() {
        assert!(check("订单{order}，{name}您好").is_ok());
        assert!(check("{nmae}").is_err());
        assert!(check("open {product").is_err());
        assert!(check("stray }").is_err());
        let vars = Vars {
            product: "R7",
            order: "DD1",
            serial: "S-1",
            name: "王芳",
            agent: "Li",
        };
        let mut out = String::new();
        fill(
            "{name}您好，{product}（{serial}）订单{order} — {agent}",
            &vars,
            &mut out,
        );
        assert_eq!(out, "王芳您好，R7（S-1）订单DD1 — Li");
    }
}
