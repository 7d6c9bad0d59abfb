//! `[[routing.rules]]`: where new tickets go (store::routing). Each rule is checked when the config is read, so a
//! typo is one error at start-up, not a ticket quietly left unrouted.

use serde::{Deserialize, Serialize};

use crate::domain::routing::{PriorityChange, RoutingRule};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RoutingConfig {
    /// In order: the first rule whose conditions a new ticket meets applies.
    pub rules: Vec<RoutingRuleConfig>,
    /// Switching to away or off hands your new and open tickets in automatically assigning groups back.
    pub reassign_on_away: bool,
    /// An open ticket waiting this long in a group with nobody assigned is escalated once (`30m`, `2h`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unassigned_after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoutingRuleConfig {
    pub name: String,
    /// Conditions in the view language: `channel:wechat kind:complaint tier:diamond,gold 漏水`.
    pub when: String,
    /// The group (department) to send the ticket to.
    pub group: Option<String>,
    /// A priority (`urgent`, `high`, `normal`, `low`) or steps (`+1`, `-1`).
    pub priority: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

impl RoutingConfig {
    /// What dispatch does besides the rules, checked; `origin` names the file for errors.
    pub fn dispatch(&self, origin: &str) -> Result<crate::domain::routing::DispatchRules, String> {
        let unassigned_after = self
            .unassigned_after
            .as_deref()
            .map(|d| {
                crate::domain::sla_policy::parse_duration(d)
                    .map_err(|e| format!("{origin}: [routing] unassigned_after: {e}"))
            })
            .transpose()?;
        Ok(crate::domain::routing::DispatchRules {
            reassign_on_away: self.reassign_on_away,
            unassigned_after,
        })
    }

    /// The rules, checked; `origin` names the file for errors.
    pub fn rules(&self, origin: &str) -> Result<Vec<RoutingRule>, String> {
        let mut out: Vec<RoutingRule> = Vec::with_capacity(self.rules.len());
        for (i, r) in self.rules.iter().enumerate() {
            let name = r.name.trim();
            let at = format!("{origin}: [[routing.rules]] #{} `{name}`", i + 1);
            if name.is_empty() {
                return Err(format!(
                    "{origin}: [[routing.rules]] #{} has no name; give each rule one",
                    i + 1
                ));
            }
            if out.iter().any(|o| o.name == name) {
                return Err(format!(
                    "{at}: another rule has this name; names say which rule routed a ticket"
                ));
            }
            if r.when.trim().is_empty() {
                return Err(format!(
                    "{at}: `when` is empty; a rule for every ticket is `when = \"status:new\"`"
                ));
            }
            crate::domain::query::parse(&r.when)
                .map_err(|e| format!("{at}: when {e} — see the view language in the README"))?;
            let priority = r
                .priority
                .as_deref()
                .map(PriorityChange::parse)
                .transpose()
                .map_err(|e| format!("{at}: priority {e}"))?;
            if let Some(t) = r.tags.iter().find(|t| t.trim().is_empty()) {
                return Err(format!("{at}: tag `{t}` is blank"));
            }
            if r.group.is_none() && priority.is_none() && r.tags.is_empty() {
                return Err(format!(
                    "{at}: does nothing; give it a group, a priority or tags"
                ));
            }
            out.push(RoutingRule {
                name: name.to_string(),
                when: r.when.clone(),
                group: r.group.as_ref().map(|g| g.trim().to_string()),
                priority,
                tags: r.tags.iter().map(|t| t.trim().to_string()).collect(),
            });
        }
        Ok(out)
    }
}
