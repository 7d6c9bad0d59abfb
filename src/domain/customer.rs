//! Customers (客户): tiers. RFM scoring, lifecycle and churn signals build on these.

use crate::str_enum;

str_enum!(
    /// Customer tier (客户分级), highest first. Diamond and Gold are the VIP tiers.
    Tier {
        Diamond = "diamond",
        Gold = "gold",
        Silver = "silver",
        Bronze = "bronze",
    }
);

str_enum!(
    /// Whether a tier was pinned by a person or computed from RFM scores.
    TierSource {
        Manual = "manual",
        Computed = "computed",
    }
);

impl Tier {
    pub const VIP: &'static [Tier] = &[Tier::Diamond, Tier::Gold];

    /// Position from the top: 0 is Diamond, 3 is Bronze (indexes per-tier settings).
    pub fn rank(self) -> usize {
        self as usize
    }

    pub fn is_vip(self) -> bool {
        Self::VIP.contains(&self)
    }

    pub fn label(self) -> &'static str {
        match self {
            Tier::Diamond => "Diamond",
            Tier::Gold => "Gold",
            Tier::Silver => "Silver",
            Tier::Bronze => "Bronze",
        }
    }
}

/// Warranty state of an owned product at `now` (unix seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Warranty {
    None,
    Valid { days_left: i64 },
    Expired { days_ago: i64 },
}

/// Warranties expiring within this many days are flagged.
pub const WARRANTY_SOON_DAYS: i64 = 30;

pub fn warranty_state(warranty_until: Option<i64>, now: i64) -> Warranty {
    match warranty_until {
        None => Warranty::None,
        Some(until) if until >= now => Warranty::Valid {
            days_left: (until - now) / 86_400,
        },
        Some(until) => Warranty::Expired {
            days_ago: (now - until) / 86_400,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warranty_states() {
        let day = 86_400;
        assert_eq!(warranty_state(None, 0), Warranty::None);
        assert_eq!(
            warranty_state(Some(100 * day), 0),
            Warranty::Valid { days_left: 100 }
        );
        assert_eq!(
            warranty_state(Some(12 * day + 5), 0),
            Warranty::Valid { days_left: 12 }
        );
        assert_eq!(
            warranty_state(Some(0), 40 * day),
            Warranty::Expired { days_ago: 40 }
        );
        assert_eq!(warranty_state(Some(5), 5), Warranty::Valid { days_left: 0 });
    }

    #[test]
    fn vip_tiers() {
        assert!(Tier::Diamond.is_vip() && Tier::Gold.is_vip());
        assert!(!Tier::Silver.is_vip() && !Tier::Bronze.is_vip());
        let ranks: Vec<usize> = Tier::ALL.iter().map(|t| t.rank()).collect();
        assert_eq!(ranks, vec![0, 1, 2, 3]);
    }
}
