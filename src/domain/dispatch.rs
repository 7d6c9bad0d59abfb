//! Automatic assignment within a group (工单自动分配, 智能分派): who may take a ticket, and who gets it.
//!
//! Pure: the store hands in each member's state as read inside the write transaction that assigns, so two desks
//! assigning at once see each other's results (SQLite has one writer at a time).

use crate::str_enum;

str_enum!(
    /// Whether an agent takes new work. Agents switch it themselves; `off` also covers the end of a shift.
    Availability {
        OnDuty = "on_duty",
        Away = "away",
        Off = "off",
    }
);

impl Availability {
    pub fn label(self) -> &'static str {
        match self {
            Availability::OnDuty => "on duty",
            Availability::Away => "away",
            Availability::Off => "off",
        }
    }

    /// The next state of the one-key switch: on duty → away → off → on duty.
    pub fn next(self) -> Availability {
        match self {
            Availability::OnDuty => Availability::Away,
            Availability::Away => Availability::Off,
            Availability::Off => Availability::OnDuty,
        }
    }
}

str_enum!(
    /// How a group hands out its tickets.
    Strategy {
        /// Nobody is picked: the ticket waits in the group's queue for someone to take it.
        Manual = "manual",
        /// The next member in handle order after the one who got the group's last ticket.
        RoundRobin = "round_robin",
        /// The member with the fewest open tickets.
        LeastLoad = "least_load",
        /// The members whose skills cover most of what the ticket needs, then the fewest open tickets.
        Skills = "skills",
    }
);

/// A group member as the assigner sees them at the moment of assigning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: String,
    pub handle: String,
    pub availability: Availability,
    /// Inside their working hours now (always, for an agent without a calendar).
    pub on_shift: bool,
    /// Open tickets assigned to them now.
    pub open: u32,
    /// Most open tickets they take; `None` is no limit.
    pub capacity: Option<u32>,
    /// `key:value` skills (`product:S9`, `kind:complaint`, `city:上海`, `lang:en`), lower-case.
    pub skills: Vec<String>,
}

/// Why a member cannot take a ticket now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unable {
    Away,
    Off,
    OffShift,
    AtCapacity,
}

impl Member {
    pub fn unable(&self) -> Option<Unable> {
        match self.availability {
            Availability::Away => return Some(Unable::Away),
            Availability::Off => return Some(Unable::Off),
            Availability::OnDuty => {}
        }
        if !self.on_shift {
            return Some(Unable::OffShift);
        }
        match self.capacity {
            Some(cap) if self.open >= cap => Some(Unable::AtCapacity),
            _ => None,
        }
    }

    fn describe_unable(&self, why: Unable) -> String {
        match why {
            Unable::Away => format!("{} away", self.handle),
            Unable::Off => format!("{} off", self.handle),
            Unable::OffShift => format!("{} off shift", self.handle),
            Unable::AtCapacity => format!(
                "{} at capacity ({}/{})",
                self.handle,
                self.open,
                self.capacity.unwrap_or(0)
            ),
        }
    }

    fn load(&self) -> String {
        match self.capacity {
            Some(cap) => format!("{} open of {cap}", self.open),
            None => format!("{} open", self.open),
        }
    }
}

/// Who gets the ticket, and the reason the change log keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub agent_id: String,
    pub reason: String,
}

/// Nobody can take the ticket: it waits in the group's queue. The reason names each member's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waits(pub String);

/// The skills a ticket asks for, `key:value` lower-case, from what is known about it.
pub fn needs(kind: &str, product: Option<&str>, city: Option<&str>, text: &str) -> Vec<String> {
    let mut v = vec![format!("kind:{}", kind.to_lowercase())];
    if let Some(p) = product.map(str::trim).filter(|p| !p.is_empty()) {
        v.push(format!("product:{}", p.to_lowercase()));
    }
    if let Some(c) = city.map(str::trim).filter(|c| !c.is_empty()) {
        v.push(format!("city:{}", c.to_lowercase()));
    }
    v.push(format!("lang:{}", language(text)));
    v
}

/// `zh` when the text has Chinese characters, else `en`: the two languages desk's teams answer in.
pub fn language(text: &str) -> &'static str {
    if text.chars().any(super::search_class::is_cjk) {
        "zh"
    } else {
        "en"
    }
}

/// A skill as stored: `key:value`, trimmed and lower-case; `None` when it is not of that shape.
pub fn normalize_skill(s: &str) -> Option<String> {
    let (k, v) = s.trim().split_once(':')?;
    let (k, v) = (k.trim().to_lowercase(), v.trim().to_lowercase());
    let known = [
        "kind", "product", "category", "city", "region", "lang", "service",
    ];
    (known.contains(&k.as_str()) && !v.is_empty()).then(|| format!("{k}:{v}"))
}

/// Picks the member who gets a ticket under `strategy`. `members` in any order; `last` is the id of the member who
/// got the group's previous ticket (round-robin continues after them); `needs` what the ticket asks for.
pub fn choose<'m>(
    strategy: Strategy,
    members: &'m [Member],
    last: Option<&str>,
    needs: &[String],
) -> Result<Choice, Waits> {
    let mut order: Vec<&Member> = members.iter().collect();
    order.sort_by(|a, b| a.handle.cmp(&b.handle).then(a.id.cmp(&b.id)));
    // Round-robin position: members after `last` first, then from the start again, `last` itself at the end.
    let start = last
        .and_then(|l| order.iter().position(|m| m.id == l))
        .map_or(0, |i| i + 1);
    let start = start.min(order.len());
    order.rotate_left(start);
    let able: Vec<&Member> = order
        .iter()
        .copied()
        .filter(|m| m.unable().is_none())
        .collect();
    let by_hand = || Err(Waits("the group assigns by hand".into()));
    if strategy == Strategy::Manual {
        return by_hand();
    }
    let Some(&first) = able.first() else {
        let states: Vec<String> = order
            .iter()
            .filter_map(|m| m.unable().map(|u| m.describe_unable(u)))
            .collect();
        let why = if states.is_empty() {
            "the group has no members".to_string()
        } else {
            format!("nobody can take it: {}", states.join(", "))
        };
        return Err(Waits(why));
    };
    // `able` keeps round-robin order, so every tie below goes to the member whose turn it is.
    let least = |pool: &[&'m Member]| -> &'m Member {
        pool.iter().copied().min_by_key(|m| m.open).unwrap_or(first)
    };
    let pick = |m: &Member, reason: String| {
        Ok(Choice {
            agent_id: m.id.clone(),
            reason,
        })
    };
    match strategy {
        Strategy::Manual => by_hand(),
        Strategy::RoundRobin => pick(
            first,
            format!("round-robin: {}'s turn ({})", first.handle, first.load()),
        ),
        Strategy::LeastLoad => {
            let m = least(&able);
            pick(m, format!("least load: {} has {}", m.handle, m.load()))
        }
        Strategy::Skills => {
            let score = |m: &Member| needs.iter().filter(|n| m.skills.contains(n)).count();
            let best = able.iter().map(|m| score(m)).max().unwrap_or(0);
            if best == 0 {
                let m = least(&able);
                return pick(
                    m,
                    format!(
                        "no member has the skills it needs; least load: {} has {}",
                        m.handle,
                        m.load()
                    ),
                );
            }
            let skilled: Vec<&Member> = able.iter().copied().filter(|m| score(m) == best).collect();
            let m = least(&skilled);
            let matched: Vec<&str> = needs
                .iter()
                .filter(|n| m.skills.contains(n))
                .map(String::as_str)
                .collect();
            pick(
                m,
                format!(
                    "skills {} ({best} of {}); {} has {}",
                    matched.join(", "),
                    needs.len(),
                    m.handle,
                    m.load()
                ),
            )
        }
    }
}

#[cfg(test)]
#[path = "dispatch_tests.rs"]
mod tests;
