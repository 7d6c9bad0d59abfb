//! The customer as the unit of value (客户画像): RFM tiers (客户分级) with automatic up- and downgrade, the
//! lifecycle stage (客户生命周期) and churn-risk signals (流失预警). Pure: every rule takes `now` and the
//! customer's facts, every threshold comes from [`CrmRules`] (config `[crm]`).

use super::customer::{Tier, TierSource};
use super::ticket::Priority;
use crate::str_enum;
use serde::{Deserialize, Serialize};

pub const DAY: i64 = 86_400;

pub use super::crm_rfm::{Rfm, RfmCuts, RfmScore, TierDecision, TierWhy, decide_tier};
pub use super::crm_why::{Coded, StageWhy, WeightedSignal};

str_enum!(
    /// Lifecycle stage, in the order a customer usually moves through them.
    Stage {
        Potential = "potential",
        New = "new",
        Growing = "growing",
        Mature = "mature",
        AtRisk = "at_risk",
        Churned = "churned",
    }
);

impl Stage {
    pub fn label(self) -> &'static str {
        match self {
            Stage::Potential => "Potential",
            Stage::New => "New",
            Stage::Growing => "Growing",
            Stage::Mature => "Mature",
            Stage::AtRisk => "At risk",
            Stage::Churned => "Churned",
        }
    }
}

str_enum!(
    /// Churn-risk level, from the summed weights of the signals.
    RiskLevel {
        None = "none",
        Low = "low",
        Medium = "medium",
        High = "high",
    }
);

impl RiskLevel {
    pub fn label(self) -> &'static str {
        match self {
            RiskLevel::None => "None",
            RiskLevel::Low => "Low",
            RiskLevel::Medium => "Medium",
            RiskLevel::High => "High",
        }
    }
}

/// Every threshold of the CRM rules. Days are whole days; scores are RFM sums (3–12) or signal weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CrmRules {
    /// Display names of the tiers, highest first (Diamond, Gold, Silver, Bronze).
    pub tier_names: [String; 4],
    /// Lowest RFM sum for diamond, gold and silver; below the last is bronze.
    pub tier_min_score: [u8; 3],
    /// A computed tier is downgraded only when the sum falls this far below its threshold, so a customer on the
    /// line does not flap between two tiers.
    pub downgrade_margin: u8,
    /// Frequency and monetary count orders in this many days; recency looks at all orders.
    pub rfm_window_days: i64,
    /// A customer whose first order is this recent is new.
    pub new_days: i64,
    /// Mature: at least this many orders and a first order at least `mature_days` ago.
    pub mature_orders: i64,
    pub mature_days: i64,
    /// No order or contact for this long is a churn signal (weight 1, then 2).
    pub inactive_days: [i64; 2],
    /// No order or contact for this long: churned.
    pub churned_days: i64,
    /// Contact frequency compares this many days with the same span before it.
    pub contact_period_days: i64,
    /// Last CSAT at or below this is a signal.
    pub low_csat: u8,
    /// Weights of the signals: low CSAT, NPS detractor (0–6), contact frequency halved, open complaint.
    pub weight_low_csat: u8,
    pub weight_detractor: u8,
    pub weight_contact_drop: u8,
    pub weight_open_complaint: u8,
    /// Lowest score for low, medium and high risk.
    pub risk_levels: [u8; 3],
    /// Default priority of a new ticket by tier (highest first); the agent can still change it.
    pub default_priority: [Priority; 4],
    /// Care reminders (birthdays, anniversaries) are scheduled this many days ahead.
    pub care_ahead_days: i64,
    /// A win-back task (挽回) is due this many days after a customer turns high risk.
    pub win_back_days: i64,
    /// IANA time zone of the calendar dates above (birthdays, anniversaries, "today").
    pub timezone: String,
    /// Where a phone number written without its country is (`CN`; `none`: nowhere), for matching the spellings
    /// of one number in search and duplicate detection (`domain::phone`).
    pub default_region: String,
    /// Customer lifetime value (docs/METRICS.md): expected years a customer keeps buying, and the shortest tenure
    /// a customer's yearly frequency is read over.
    pub clv_lifespan_years: f64,
    pub clv_min_tenure_days: i64,
}

impl Default for CrmRules {
    fn default() -> Self {
        CrmRules {
            tier_names: ["Diamond", "Gold", "Silver", "Bronze"].map(String::from),
            tier_min_score: [11, 9, 6],
            downgrade_margin: 1,
            rfm_window_days: 365,
            new_days: 90,
            mature_orders: 5,
            mature_days: 365,
            inactive_days: [30, 60],
            churned_days: 180,
            contact_period_days: 90,
            low_csat: 2,
            weight_low_csat: 2,
            weight_detractor: 1,
            weight_contact_drop: 1,
            weight_open_complaint: 2,
            risk_levels: [1, 3, 5],
            default_priority: [
                Priority::High,
                Priority::High,
                Priority::Normal,
                Priority::Normal,
            ],
            care_ahead_days: 7,
            win_back_days: 2,
            timezone: "Asia/Shanghai".into(),
            default_region: "CN".into(),
            clv_lifespan_years: 3.0,
            clv_min_tenure_days: 365,
        }
    }
}

impl CrmRules {
    /// Problems with the thresholds, each naming the key and the fix.
    pub fn check(&self) -> Vec<String> {
        let mut out = Vec::new();
        let [d, g, s] = self.tier_min_score;
        if !(d > g && g > s && s >= 3 && d <= 12) {
            out.push(format!(
                "`crm.tier_min_score` = [{d}, {g}, {s}]: needs 12 >= diamond > gold > silver >= 3 (RFM sums run 3-12)"
            ));
        }
        let [l, m, h] = self.risk_levels;
        if !(l >= 1 && m > l && h > m) {
            out.push(format!(
                "`crm.risk_levels` = [{l}, {m}, {h}]: needs 1 <= low < medium < high"
            ));
        }
        let [a, b] = self.inactive_days;
        if !(a > 0 && b > a && self.churned_days > b) {
            out.push(format!(
                "`crm.inactive_days` = [{a}, {b}] and `crm.churned_days` = {}: needs 0 < first < second < churned_days",
                self.churned_days
            ));
        }
        for (key, v) in [
            ("rfm_window_days", self.rfm_window_days),
            ("new_days", self.new_days),
            ("mature_days", self.mature_days),
            ("contact_period_days", self.contact_period_days),
            ("care_ahead_days", self.care_ahead_days),
            ("clv_min_tenure_days", self.clv_min_tenure_days),
        ] {
            if v <= 0 {
                out.push(format!(
                    "`crm.{key}` = {v}: needs a positive number of days"
                ));
            }
        }
        if self.timezone.parse::<chrono_tz::Tz>().is_err() {
            out.push(format!(
                "`crm.timezone` = {:?}: not an IANA time zone (like \"Asia/Shanghai\")",
                self.timezone
            ));
        }
        if super::phone::Region::parse(&self.default_region).is_none() {
            out.push(format!(
                "`crm.default_region` = {:?}: not a region desk knows ({})",
                self.default_region,
                super::phone::Region::names()
            ));
        }
        out.extend(super::customer_value::check(self.clv_lifespan_years));
        if self.low_csat > 5 {
            out.push(format!("`crm.low_csat` = {}: CSAT runs 1-5", self.low_csat));
        }
        out
    }

    /// The region of `default_region` (China if it is not one: config refuses that before it gets here).
    pub fn phone_region(&self) -> super::phone::Region {
        super::phone::Region::parse(&self.default_region).unwrap_or_default()
    }

    fn tz(&self) -> chrono_tz::Tz {
        self.timezone.parse().unwrap_or(chrono_tz::Asia::Shanghai)
    }

    /// The local calendar date of a moment.
    pub fn local_date(&self, ts: i64) -> chrono::NaiveDate {
        use chrono::TimeZone;
        self.tz()
            .timestamp_opt(ts, 0)
            .single()
            .map(|t| t.date_naive())
            .unwrap_or_default()
    }

    /// A local date at a local time of day, as unix seconds (the earlier one in a DST overlap).
    pub fn local_time(&self, date: chrono::NaiveDate, hour: u32) -> i64 {
        use chrono::TimeZone;
        let naive = date.and_hms_opt(hour, 0, 0).unwrap_or_default();
        self.tz()
            .from_local_datetime(&naive)
            .earliest()
            .map_or(naive.and_utc().timestamp(), |t| t.timestamp())
    }

    pub fn tier_name(&self, t: Tier) -> &str {
        &self.tier_names[t.rank()]
    }

    pub fn default_priority(&self, t: Tier) -> Priority {
        self.default_priority[t.rank()]
    }

    pub(super) fn tier_threshold(&self, t: Tier) -> u8 {
        match t {
            Tier::Diamond => self.tier_min_score[0],
            Tier::Gold => self.tier_min_score[1],
            Tier::Silver => self.tier_min_score[2],
            Tier::Bronze => 0,
        }
    }
}

/// What the rules need to know about one customer. Times are unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CustomerFacts {
    pub created_at: i64,
    pub first_order_at: Option<i64>,
    pub last_order_at: Option<i64>,
    /// All orders ever.
    pub orders: i64,
    /// Orders and spend within the RFM window.
    pub window_orders: i64,
    pub window_cents: i64,
    /// Latest ticket the customer raised.
    pub last_contact_at: Option<i64>,
    /// Tickets raised in the last contact period, and in the period before it.
    pub contacts_recent: i64,
    pub contacts_previous: i64,
    pub last_csat: Option<u8>,
    pub last_nps: Option<u8>,
    pub open_complaints: i64,
}

impl CustomerFacts {
    pub fn rfm(&self, now: i64) -> Option<Rfm> {
        let last = self.last_order_at?;
        Some(Rfm {
            recency_days: ((now - last) / DAY).max(0),
            frequency: self.window_orders,
            monetary_cents: self.window_cents,
        })
    }

    /// Latest order or contact; a customer who never did either counts from when they were added.
    pub fn last_active_at(&self) -> i64 {
        [self.last_order_at, self.last_contact_at]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(self.created_at)
    }
}

/// One named churn-risk signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "signal", rename_all = "snake_case")]
pub enum Signal {
    Inactive { days: i64 },
    LowCsat { score: u8 },
    Detractor { score: u8 },
    ContactDrop { recent: i64, previous: i64 },
    OpenComplaint { count: i64 },
}

impl Signal {
    pub fn weight(self, rules: &CrmRules) -> u8 {
        match self {
            Signal::Inactive { days } if days >= rules.inactive_days[1] => 2,
            Signal::Inactive { .. } => 1,
            Signal::LowCsat { .. } => rules.weight_low_csat,
            Signal::Detractor { .. } => rules.weight_detractor,
            Signal::ContactDrop { .. } => rules.weight_contact_drop,
            Signal::OpenComplaint { .. } => rules.weight_open_complaint,
        }
    }

    /// In English, as the win-back task's note is written (a stored note is text; the profile words its signals
    /// in the reader's language).
    pub fn describe(self) -> String {
        match self {
            Signal::Inactive { days } => format!("no order or contact for {days} d"),
            Signal::LowCsat { score } => format!("last CSAT {score}/5"),
            Signal::Detractor { score } => format!("NPS detractor ({score}/10)"),
            Signal::ContactDrop { recent, previous } => {
                format!("contacts down to {recent} from {previous}")
            }
            Signal::OpenComplaint { count: 1 } => "an open complaint".into(),
            Signal::OpenComplaint { count } => format!("{count} open complaints"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Risk {
    pub signals: Vec<Signal>,
    pub score: u8,
    pub level: RiskLevel,
}

impl Risk {
    /// Each signal with the weight it counts for under `rules`, as stored.
    pub fn weighted(&self, rules: &CrmRules) -> Vec<WeightedSignal> {
        self.signals
            .iter()
            .map(|s| WeightedSignal {
                signal: *s,
                weight: s.weight(rules),
            })
            .collect()
    }
}

pub fn churn_risk(f: &CustomerFacts, now: i64, rules: &CrmRules) -> Risk {
    let mut signals = Vec::new();
    let idle = (now - f.last_active_at()) / DAY;
    // A prospect who never bought cannot lapse.
    if idle >= rules.inactive_days[0] && f.first_order_at.is_some() {
        signals.push(Signal::Inactive { days: idle });
    }
    if let Some(score) = f.last_csat.filter(|s| *s <= rules.low_csat) {
        signals.push(Signal::LowCsat { score });
    }
    if let Some(score) = f.last_nps.filter(|s| *s <= 6) {
        signals.push(Signal::Detractor { score });
    }
    // Halved or worse, against a previous period with enough contacts to call it a trend.
    if f.contacts_previous >= 2 && f.contacts_recent * 2 <= f.contacts_previous {
        signals.push(Signal::ContactDrop {
            recent: f.contacts_recent,
            previous: f.contacts_previous,
        });
    }
    if f.open_complaints > 0 {
        signals.push(Signal::OpenComplaint {
            count: f.open_complaints,
        });
    }
    let score: u8 = signals.iter().map(|s| s.weight(rules)).sum();
    let [low, medium, high] = rules.risk_levels;
    let level = if score >= high {
        RiskLevel::High
    } else if score >= medium {
        RiskLevel::Medium
    } else if score >= low {
        RiskLevel::Low
    } else {
        RiskLevel::None
    };
    Risk {
        signals,
        score,
        level,
    }
}

/// The lifecycle stage and why. Churned and at-risk come first: a long-standing customer who has gone quiet is
/// no longer mature.
pub fn stage(f: &CustomerFacts, risk: &Risk, now: i64, rules: &CrmRules) -> (Stage, StageWhy) {
    let Some(first) = f.first_order_at else {
        return (Stage::Potential, StageWhy::NoOrders);
    };
    let idle = (now - f.last_active_at()) / DAY;
    if idle >= rules.churned_days {
        return (Stage::Churned, StageWhy::Idle { days: idle });
    }
    if risk.level == RiskLevel::High {
        return (Stage::AtRisk, StageWhy::RiskHigh { score: risk.score });
    }
    if idle >= rules.inactive_days[1] {
        return (Stage::AtRisk, StageWhy::Idle { days: idle });
    }
    let days = (now - first) / DAY;
    if days < rules.new_days {
        return (Stage::New, StageWhy::FirstOrder { days });
    }
    let orders = f.orders;
    if orders >= rules.mature_orders && days >= rules.mature_days {
        (Stage::Mature, StageWhy::OrdersOver { orders, days })
    } else {
        (Stage::Growing, StageWhy::OrdersIn { orders, days })
    }
}

/// Everything recompute derives for one customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub tier: TierDecision,
    pub rfm: Option<RfmScore>,
    pub stage: Stage,
    pub stage_why: StageWhy,
    pub risk: Risk,
}

pub fn profile(
    f: &CustomerFacts,
    current: Tier,
    source: TierSource,
    cuts: &RfmCuts,
    now: i64,
    rules: &CrmRules,
) -> Profile {
    let rfm = f.rfm(now).map(|r| cuts.score(r));
    let tier = decide_tier(current, source, rfm, rules);
    let risk = churn_risk(f, now, rules);
    let (stage, stage_why) = stage(f, &risk, now, rules);
    Profile {
        tier,
        rfm,
        stage,
        stage_why,
        risk,
    }
}

#[cfg(test)]
#[path = "crm_tests.rs"]
mod tests;
