//! In or out of warranty (保内 / 保外): decided from the product's warranty date and what the engineer found, and
//! the quote (parts + labour) an out-of-warranty customer accepts before the work is done. Pure.

use crate::str_enum;

str_enum!(
    /// What caused the fault, as the engineer records it.
    Cause {
        /// Not inspected yet: the warranty date decides, provisionally.
        Unknown = "unknown",
        /// A fault in normal use.
        Fault = "fault",
        /// Damage by the user (人为损坏): dropped, flooded, misused.
        UserDamage = "user_damage",
        /// Opened or repaired by someone else (私拆).
        UnauthorizedRepair = "unauthorized_repair",
        /// Wear parts and consumables (filters, batteries) the warranty does not cover.
        Consumable = "consumable",
    }
);

str_enum!(
    /// The decision.
    Coverage {
        In = "in",
        Out = "out",
        /// No product, or no date to decide by.
        Unknown = "unknown",
    }
);

impl Coverage {
    pub fn label(self) -> &'static str {
        match self {
            Coverage::In => "in warranty 保内",
            Coverage::Out => "out of warranty 保外",
            Coverage::Unknown => "warranty unknown",
        }
    }
}

str_enum!(
    /// Where an out-of-warranty quote stands.
    QuoteState {
        None = "none",
        /// Sent; the work waits for the customer's answer.
        Pending = "pending",
        Accepted = "accepted",
        Declined = "declined",
    }
);

/// The policy, from `[field_service]` in the config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarrantyPolicy {
    /// A product with a purchase date but no warranty date is covered this many months from purchase.
    pub default_months: u32,
    /// Causes the warranty does not cover.
    pub excluded: Vec<Cause>,
    /// Labour is charged per started quarter hour at this rate per hour, out of warranty.
    pub labour_cents_per_hour: i64,
    /// A flat call-out fee (上门费) out of warranty.
    pub call_out_cents: i64,
}

impl Default for WarrantyPolicy {
    fn default() -> Self {
        WarrantyPolicy {
            default_months: 12,
            excluded: vec![
                Cause::UserDamage,
                Cause::UnauthorizedRepair,
                Cause::Consumable,
            ],
            labour_cents_per_hour: 12_000,
            call_out_cents: 5_000,
        }
    }
}

/// The product as the decision needs it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProductDates {
    pub purchased_at: Option<i64>,
    pub warranty_until: Option<i64>,
}

/// A decision, why as data, and its reason in English words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub coverage: Coverage,
    /// Why, for the interface to word in its language (`i18n::field_words`); [`Decision::reason`] is its English.
    pub why: WarrantyWhy,
    /// The warranty's last moment, when known.
    pub until: Option<i64>,
}

impl Decision {
    /// Why in English, as a visit stores it and JSON carries it.
    pub fn reason(&self) -> String {
        self.why.to_string()
    }
}

/// Why work is covered or not. `default_term`: the end date is the purchase plus the policy's default term, the
/// product having no warranty date of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarrantyWhy {
    NoProduct,
    NoDates,
    Ended {
        until: i64,
        default_term: bool,
    },
    /// A cause the policy excludes.
    Excluded {
        cause: Cause,
        until: i64,
    },
    /// `provisional`: the cause is not known yet, so an engineer may still find an excluded one.
    Covered {
        until: i64,
        default_term: bool,
        provisional: bool,
    },
}

impl std::fmt::Display for WarrantyWhy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let source = |default_term: bool| match default_term {
            true => " (the default term from purchase)",
            false => "",
        };
        match *self {
            WarrantyWhy::NoProduct => {
                f.write_str("no product on the ticket; set product= to decide")
            }
            WarrantyWhy::NoDates => {
                f.write_str("the product has neither a purchase nor a warranty date")
            }
            WarrantyWhy::Ended {
                until,
                default_term,
            } => write!(
                f,
                "the warranty ended on {}{}",
                ymd(until),
                source(default_term)
            ),
            WarrantyWhy::Excluded { cause, until } => write!(
                f,
                "{} is not covered (warranty runs to {})",
                cause.as_str().replace('_', " "),
                ymd(until)
            ),
            WarrantyWhy::Covered {
                until,
                default_term,
                provisional,
            } => {
                write!(
                    f,
                    "under warranty until {}{}",
                    ymd(until),
                    source(default_term)
                )?;
                match provisional {
                    true => f.write_str(", unless the engineer finds an excluded cause"),
                    false => Ok(()),
                }
            }
        }
    }
}

/// Whether work at `at` on a product is covered.
pub fn decide(
    product: Option<ProductDates>,
    at: i64,
    cause: Cause,
    policy: &WarrantyPolicy,
) -> Decision {
    let decided = |coverage, why, until| Decision {
        coverage,
        why,
        until,
    };
    let Some(p) = product else {
        return decided(Coverage::Unknown, WarrantyWhy::NoProduct, None);
    };
    let Some(until) = warranty_end(p, policy) else {
        return decided(Coverage::Unknown, WarrantyWhy::NoDates, None);
    };
    let default_term = p.warranty_until.is_none();
    if at > until {
        let why = WarrantyWhy::Ended {
            until,
            default_term,
        };
        return decided(Coverage::Out, why, Some(until));
    }
    if policy.excluded.contains(&cause) {
        let why = WarrantyWhy::Excluded { cause, until };
        return decided(Coverage::Out, why, Some(until));
    }
    let why = WarrantyWhy::Covered {
        until,
        default_term,
        provisional: cause == Cause::Unknown,
    };
    decided(Coverage::In, why, Some(until))
}

/// The warranty's last moment: its own date, else the purchase plus the policy's default term.
pub fn warranty_end(p: ProductDates, policy: &WarrantyPolicy) -> Option<i64> {
    p.warranty_until
        .or_else(|| p.purchased_at.map(|b| add_months(b, policy.default_months)))
}

/// A date as the decision's reason states it.
pub fn ymd(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .map_or_else(|| at.to_string(), |d| d.format("%Y-%m-%d").to_string())
}

/// `months` calendar months after `at` (UTC date arithmetic; the day clamps to the month's end).
fn add_months(at: i64, months: u32) -> i64 {
    use chrono::{DateTime, Months};
    DateTime::from_timestamp(at, 0)
        .and_then(|d| d.checked_add_months(Months::new(months)))
        .map_or(at, |d| d.timestamp())
}

/// A quote for out-of-warranty work: parts at their price, labour per started quarter hour, and the call-out fee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Quote {
    pub parts_cents: i64,
    pub labour_cents: i64,
    pub call_out_cents: i64,
    pub total_cents: i64,
}

pub fn quote(parts_cents: i64, labour_minutes: i64, policy: &WarrantyPolicy) -> Quote {
    let quarters = (labour_minutes.max(0) + 14) / 15;
    let labour_cents = quarters * policy.labour_cents_per_hour / 4;
    Quote {
        parts_cents,
        labour_cents,
        call_out_cents: policy.call_out_cents,
        total_cents: parts_cents + labour_cents + policy.call_out_cents,
    }
}

/// `12345` → `123.45`: money as the CLI and the service report print it.
pub fn yuan(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    format!("{sign}{}.{:02}", c / 100, c % 100)
}

/// `123.45`, `123`, `¥123.4` → cents.
pub fn parse_yuan(text: &str) -> Option<i64> {
    let t = text.trim().trim_start_matches(['¥', '￥']);
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 2 {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(frac)
}

#[cfg(test)]
#[path = "warranty_tests.rs"]
mod tests;
