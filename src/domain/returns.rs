//! Returns and exchanges (退换货, RMA): the steps a request goes through and whether the rules allow it — the
//! seven-day no-reason return (七天无理由退货) and the fifteen-day exchange for a fault, counted from delivery. Pure.

use crate::str_enum;

str_enum!(
    /// What the customer asks for.
    RmaKind {
        /// Goods back, money back (退货).
        Return = "return",
        /// The same item again (换货).
        Exchange = "exchange",
        /// Sent in for repair (返修).
        Repair = "repair",
    }
);

str_enum!(
    /// Why.
    RmaReason {
        /// No reason needed within the no-reason period.
        NoReason = "no_reason",
        /// A quality problem (质量问题).
        Quality = "quality",
        WrongItem = "wrong_item",
        DamagedInTransit = "damaged_in_transit",
        Other = "other",
    }
);

str_enum!(
    /// Where a request stands.
    RmaStatus {
        Requested = "requested",
        Approved = "approved",
        Declined = "declined",
        /// Picked up from the customer (by a courier or a pick-up visit).
        Collected = "collected",
        /// Arrived at the warehouse.
        Received = "received",
        Inspected = "inspected",
        Refunded = "refunded",
        Exchanged = "exchanged",
        Repaired = "repaired",
    }
);

impl RmaStatus {
    pub fn is_final(self) -> bool {
        matches!(
            self,
            RmaStatus::Declined | RmaStatus::Refunded | RmaStatus::Exchanged | RmaStatus::Repaired
        )
    }

    /// The steps allowed from here for a request of `kind`.
    pub fn next(self, kind: RmaKind) -> &'static [RmaStatus] {
        use RmaStatus::*;
        match self {
            Requested => &[Approved, Declined],
            // The customer may send the goods themselves, so collection is optional.
            Approved => &[Collected, Received],
            Collected => &[Received],
            // Inspection may find the goods not returnable (used, damaged by the user): declined then.
            Received => &[Inspected],
            Inspected => match kind {
                RmaKind::Return => &[Refunded, Declined],
                // An exchange with no stock left ends as a refund.
                RmaKind::Exchange => &[Exchanged, Refunded, Declined],
                RmaKind::Repair => &[Repaired, Declined],
            },
            Declined | Refunded | Exchanged | Repaired => &[],
        }
    }
}

/// The periods, from `[returns]` in the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReturnPolicy {
    /// Days after delivery within which goods go back without a reason.
    pub no_reason_days: u32,
    /// Days after delivery within which a faulty (or wrong, or damaged) item is taken back for a refund.
    pub fault_return_days: u32,
    /// Days after delivery within which a faulty item is exchanged.
    pub exchange_days: u32,
    /// Days are the customer's calendar days, in this zone (the field-service calendar's).
    pub tz: chrono_tz::Tz,
}

impl Default for ReturnPolicy {
    fn default() -> Self {
        ReturnPolicy {
            no_reason_days: 7,
            fault_return_days: 7,
            exchange_days: 15,
            tz: chrono_tz::Asia::Shanghai,
        }
    }
}

/// What the rules say about a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Eligibility {
    Eligible(String),
    /// Not by the rules; a lead may still approve it with a reason.
    NotEligible(String),
    /// No delivery date to count from.
    Unknown(String),
}

impl Eligibility {
    pub fn text(&self) -> &str {
        match self {
            Eligibility::Eligible(s) | Eligibility::NotEligible(s) | Eligibility::Unknown(s) => s,
        }
    }

    pub fn is_eligible(&self) -> bool {
        matches!(self, Eligibility::Eligible(_))
    }
}

const DAY: i64 = 86_400;

/// Whether a `kind` request for `reason`, made at `at`, is allowed for goods delivered at `delivered_at`.
/// The days count calendar days from delivery: delivered on the 1st, the seventh day is the 8th, inclusive.
pub fn eligibility(
    kind: RmaKind,
    reason: RmaReason,
    delivered_at: Option<i64>,
    at: i64,
    policy: &ReturnPolicy,
) -> Eligibility {
    if kind == RmaKind::Repair {
        return Eligibility::Eligible(
            "repairs are taken at any time; the warranty decides who pays".into(),
        );
    }
    if kind == RmaKind::Exchange && reason == RmaReason::NoReason {
        return Eligibility::NotEligible(
            "an exchange needs a reason (quality, wrong item, damaged in transit); a no-reason request is a return"
                .into(),
        );
    }
    let Some(delivered) = delivered_at else {
        return Eligibility::Unknown(
            "the order has no delivery date; set delivered= to apply the rules".into(),
        );
    };
    // A request before delivery (refusing the parcel) counts as the day of delivery.
    let day = days_after(delivered, at, policy.tz).max(0);
    let limit = match (kind, reason) {
        (RmaKind::Return, RmaReason::NoReason) => policy.no_reason_days,
        (RmaKind::Return, RmaReason::Other) => policy.no_reason_days,
        (RmaKind::Return, _) => policy.fault_return_days.max(policy.no_reason_days),
        (RmaKind::Exchange, _) => policy.exchange_days,
        (RmaKind::Repair, _) => u32::MAX,
    };
    let what = match (kind, reason) {
        (RmaKind::Return, RmaReason::NoReason | RmaReason::Other) => {
            "no-reason return (七天无理由退货)"
        }
        (RmaKind::Return, _) => "return for a fault",
        _ => "exchange (换货)",
    };
    if day <= i64::from(limit) {
        Eligibility::Eligible(format!(
            "day {day} after delivery, within the {limit}-day {what}"
        ))
    } else {
        let hint = match kind {
            RmaKind::Return
                if day <= i64::from(policy.exchange_days) && reason != RmaReason::NoReason =>
            {
                format!(
                    "; an exchange is still possible to day {}",
                    policy.exchange_days
                )
            }
            _ => "; a repair under warranty is still possible".to_string(),
        };
        Eligibility::NotEligible(format!(
            "day {day} after delivery, past the {limit}-day {what}{hint}"
        ))
    }
}

/// Calendar days in `tz` from `from` to `to`: the same day is day 0.
pub fn days_after(from: i64, to: i64, tz: chrono_tz::Tz) -> i64 {
    use chrono::TimeZone;
    let date = |at: i64| tz.timestamp_opt(at, 0).single().map(|d| d.date_naive());
    match (date(from), date(to)) {
        (Some(a), Some(b)) => (b - a).num_days(),
        _ => (to - from).div_euclid(DAY),
    }
}

#[cfg(test)]
#[path = "returns_tests.rs"]
mod tests;
