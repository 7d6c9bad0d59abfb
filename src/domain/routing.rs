//! Routing rules (分配至相应责任部门): applied to every new ticket in order, the first whose conditions hold
//! sends it to a group, adjusts its priority and tags it. Conditions are written in the view language; the store
//! tests them against the ticket (`store::routing`).

use super::ticket::Priority;

/// What dispatch does besides routing new tickets (`[routing]`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DispatchRules {
    /// An agent who switches to away or off hands their new and open tickets in automatically assigning groups
    /// back, to be assigned again.
    pub reassign_on_away: bool,
    /// An open ticket that has waited this many seconds in a group with nobody assigned and no other change is
    /// escalated once.
    pub unassigned_after: Option<i64>,
}

/// A priority to set, or steps up (positive) or down the four colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriorityChange {
    Set(Priority),
    Steps(i8),
}

impl PriorityChange {
    /// `urgent`, `high` … or `+1`, `-2`.
    pub fn parse(s: &str) -> Result<PriorityChange, String> {
        let t = s.trim();
        if let Some(p) = Priority::parse(t) {
            return Ok(PriorityChange::Set(p));
        }
        match t.parse::<i8>() {
            Ok(n) if (t.starts_with('+') || t.starts_with('-')) && n != 0 => {
                Ok(PriorityChange::Steps(n))
            }
            _ => Err(format!(
                "`{t}` is not a priority change: use {} or steps such as +1 or -1",
                Priority::names()
            )),
        }
    }

    /// The priority after the change; steps stop at urgent and at low.
    pub fn apply(self, current: Priority) -> Priority {
        match self {
            PriorityChange::Set(p) => p,
            PriorityChange::Steps(n) => {
                // ALL runs urgent → low: a step up is one place towards the front.
                let order = Priority::ALL;
                let at = order.iter().position(|p| *p == current).unwrap_or(0) as i64;
                let to = (at - i64::from(n)).clamp(0, order.len() as i64 - 1);
                usize::try_from(to)
                    .ok()
                    .and_then(|i| order.get(i))
                    .copied()
                    .unwrap_or(current)
            }
        }
    }
}

/// One rule as configured (`[[routing.rules]]`), checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutingRule {
    pub name: String,
    /// Conditions in the view language; parsed when a ticket is tested (relative times count from then).
    pub when: String,
    pub group: Option<String>,
    pub priority: Option<PriorityChange>,
    pub tags: Vec<String>,
}

impl RoutingRule {
    /// What the rule does, for the change log: `group 售后 · priority high · tags vip`.
    pub fn describe(&self, priority_after: Option<Priority>) -> String {
        let mut parts = Vec::new();
        if let Some(g) = &self.group {
            parts.push(format!("group {g}"));
        }
        if let Some(p) = priority_after {
            parts.push(format!("priority {p}"));
        }
        if !self.tags.is_empty() {
            parts.push(format!("tags {}", self.tags.join(", ")));
        }
        if parts.is_empty() {
            parts.push("no changes".into());
        }
        format!("`{}`: {}", self.name, parts.join(" · "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priority_changes_set_or_step_within_the_four_colours() {
        assert_eq!(
            PriorityChange::parse("high"),
            Ok(PriorityChange::Set(Priority::High))
        );
        assert_eq!(PriorityChange::parse("+1"), Ok(PriorityChange::Steps(1)));
        assert_eq!(PriorityChange::parse(" -2 "), Ok(PriorityChange::Steps(-2)));
        assert!(
            PriorityChange::parse("1").is_err(),
            "a step says its direction"
        );
        assert!(PriorityChange::parse("+0").is_err());
        assert!(PriorityChange::parse("red-ish").unwrap_err().contains("+1"));
        let up = PriorityChange::Steps(1);
        assert_eq!(up.apply(Priority::Normal), Priority::High);
        assert_eq!(
            up.apply(Priority::Urgent),
            Priority::Urgent,
            "stops at urgent"
        );
        assert_eq!(
            PriorityChange::Steps(-3).apply(Priority::High),
            Priority::Low
        );
        assert_eq!(
            PriorityChange::Set(Priority::Low).apply(Priority::Urgent),
            Priority::Low
        );
    }

    #[test]
    fn a_rule_describes_what_it_did() {
        let r = RoutingRule {
            name: "vip-complaints".into(),
            when: "tier:gold kind:complaint".into(),
            group: Some("售后".into()),
            priority: Some(PriorityChange::Steps(1)),
            tags: vec!["vip".into()],
        };
        assert_eq!(
            r.describe(Some(Priority::High)),
            "`vip-complaints`: group 售后 · priority high · tags vip"
        );
        let bare = RoutingRule {
            group: None,
            tags: vec![],
            ..r
        };
        assert_eq!(bare.describe(None), "`vip-complaints`: no changes");
    }
}
