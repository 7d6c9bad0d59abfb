//! RFM tiers (客户分级): quartile cuts over every customer with orders, each customer's scores, and the tier they
//! earn with automatic up- and downgrade. Pure; re-exported from [`super::crm`].

use super::crm::CrmRules;
use super::customer::{Tier, TierSource};
use serde::{Deserialize, Serialize};

/// One customer's order figures for RFM: days since the last order, orders and spend within the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rfm {
    pub recency_days: i64,
    pub frequency: i64,
    pub monetary_cents: i64,
}

/// Quartile boundaries (25th, 50th, 75th percentile) of each RFM figure over all customers with orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RfmCuts {
    pub recency: [i64; 3],
    pub frequency: [i64; 3],
    pub monetary: [i64; 3],
}

/// Nearest-rank percentiles of a sorted slice.
fn quartiles(sorted: &[i64]) -> [i64; 3] {
    if sorted.is_empty() {
        return [0; 3];
    }
    let n = sorted.len();
    [25, 50, 75].map(|p| sorted[((p * n).div_ceil(100)).max(1) - 1])
}

impl RfmCuts {
    pub fn from_figures(figures: &[Rfm]) -> RfmCuts {
        let sorted = |f: fn(&Rfm) -> i64| {
            let mut v: Vec<i64> = figures.iter().map(f).collect();
            v.sort_unstable();
            quartiles(&v)
        };
        RfmCuts {
            recency: sorted(|r| r.recency_days),
            frequency: sorted(|r| r.frequency),
            monetary: sorted(|r| r.monetary_cents),
        }
    }

    /// Quartile scores 1–4 (4 is best). A figure scores above a boundary only when it beats it strictly, so a
    /// crowd of one-order customers all share the lowest frequency score instead of being spread by chance.
    pub fn score(&self, r: Rfm) -> RfmScore {
        let higher = |v: i64, cuts: [i64; 3]| 1 + cuts.iter().filter(|c| v > **c).count() as u8;
        let lower = |v: i64, cuts: [i64; 3]| 1 + cuts.iter().filter(|c| v < **c).count() as u8;
        RfmScore {
            r: lower(r.recency_days, self.recency),
            f: higher(r.frequency, self.frequency),
            m: higher(r.monetary_cents, self.monetary),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RfmScore {
    pub r: u8,
    pub f: u8,
    pub m: u8,
}

impl RfmScore {
    pub fn total(self) -> u8 {
        self.r + self.f + self.m
    }

    /// Stored form, `4-3-2`.
    pub fn code(self) -> String {
        format!("{}-{}-{}", self.r, self.f, self.m)
    }
}

/// The tier a customer should have now, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierDecision {
    pub tier: Tier,
    pub why: TierWhy,
}

/// Why a customer has their tier, as data: stored as its code (JSON) and worded in the reader's language when
/// shown (`RFM 4·3·2 = 9: up from Bronze`, `RFM 4·3·2 = 9：由青铜升级`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum TierWhy {
    /// A tier set by hand stays.
    Pinned,
    NoOrders,
    /// Bronze and staying there: the score is below the lowest threshold above it (`min`, for Silver).
    BelowSilver {
        rfm: RfmScore,
        min: u8,
    },
    /// The tier the score earns, which the customer already has.
    Holds {
        rfm: RfmScore,
        threshold: u8,
        tier: Tier,
    },
    Up {
        rfm: RfmScore,
        from: Tier,
    },
    /// Below its threshold but within the downgrade margin: kept until the score falls below `floor`.
    Kept {
        rfm: RfmScore,
        tier: Tier,
        floor: u8,
    },
    Down {
        rfm: RfmScore,
        from: Tier,
    },
}

/// Applies the RFM score to the current tier: a manual tier is pinned; a computed one moves up as soon as the
/// sum reaches a higher threshold and down only when it falls `downgrade_margin` below its own.
pub fn decide_tier(
    current: Tier,
    source: TierSource,
    score: Option<RfmScore>,
    rules: &CrmRules,
) -> TierDecision {
    let decided = |tier, why| TierDecision { tier, why };
    if source == TierSource::Manual {
        return decided(current, TierWhy::Pinned);
    }
    let Some(rfm) = score else {
        return decided(Tier::Bronze, TierWhy::NoOrders);
    };
    let total = rfm.total();
    let earned = Tier::ALL
        .iter()
        .copied()
        .find(|t| total >= rules.tier_threshold(*t))
        .unwrap_or(Tier::Bronze);
    if earned.rank() <= current.rank() {
        let why = if earned == current && earned == Tier::Bronze {
            TierWhy::BelowSilver {
                rfm,
                min: rules.tier_min_score[2],
            }
        } else if earned == current {
            TierWhy::Holds {
                rfm,
                threshold: rules.tier_threshold(earned),
                tier: earned,
            }
        } else {
            TierWhy::Up { rfm, from: current }
        };
        return decided(earned, why);
    }
    // Below the current tier's threshold: keep it within the margin.
    let floor = rules
        .tier_threshold(current)
        .saturating_sub(rules.downgrade_margin);
    if total >= floor {
        decided(
            current,
            TierWhy::Kept {
                rfm,
                tier: current,
                floor,
            },
        )
    } else {
        decided(earned, TierWhy::Down { rfm, from: current })
    }
}
