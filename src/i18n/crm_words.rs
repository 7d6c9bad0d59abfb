//! The customer profile's reasons in the reader's language: why the tier (`RFM 4·3·2 = 9: up from Bronze`), why
//! the lifecycle stage (`3 orders in 117 d`, `3 单，历时 117 天`) and the churn-risk signals with their weights.
//! English is the wording the sweep used to store (tested), so English screens read as before. A reason stored as
//! text by an older desk shows as that text.

use super::{Arg, Locale, tr_args, tr_of};
use crate::domain::crm::{Coded, RfmScore, Signal, StageWhy, TierWhy, WeightedSignal};
use crate::domain::crm_why::{CareNote, TaskNote};
use crate::domain::customer::Tier;

/// A tier as the team names it (`crm.tier_names`, highest first): a name the team changed as they wrote it, a
/// name left at the shipped English default in the reader's language (钻石, 黃金 …).
pub fn tier_name(locale: Locale, names: &[String; 4], t: Tier) -> String {
    match names.get(t.rank()) {
        Some(name) if name != t.label() => name.clone(),
        _ => tr_of(locale, "customers-tier-", t.as_str()),
    }
}

/// A customer's stored gender in the reader's words; a value desk does not know, as written.
pub fn gender(locale: Locale, stored: &str) -> String {
    crate::domain::customer_profile::Gender::parse(stored).map_or_else(
        || stored.to_string(),
        |g| tr_of(locale, "customers-gender-", g.as_str()),
    )
}

/// The channel a customer prefers, in the reader's words.
pub fn contact_channel(locale: Locale, stored: &str) -> String {
    crate::domain::ticket::Channel::parse(stored).map_or_else(
        || stored.to_string(),
        |c| tr_of(locale, "customers-channel-", c.as_str()),
    )
}

/// When a customer prefers to be reached: stored as written (`weekdays 18:00-21:00`), read back in the locale.
pub fn contact_time(locale: Locale, stored: &str) -> String {
    crate::domain::customer_profile::ContactTime::parse(stored).map_or_else(
        |_| stored.to_string(),
        |t| super::time::contact_time(locale, &t),
    )
}

/// A product's warranty: `expires in 12 d`, `12 天后保修到期`.
pub fn warranty(locale: Locale, w: crate::domain::customer::Warranty) -> String {
    use crate::domain::customer::{WARRANTY_SOON_DAYS, Warranty};
    match w {
        Warranty::None => tr_args(locale, "customers-warranty-none", &[]),
        Warranty::Valid { days_left } if days_left <= WARRANTY_SOON_DAYS => tr_args(
            locale,
            "customers-warranty-expires",
            &[("days", num(days_left))],
        ),
        Warranty::Valid { .. } => tr_args(locale, "customers-warranty-valid", &[]),
        Warranty::Expired { days_ago } => tr_args(
            locale,
            "customers-warranty-expired",
            &[("days", num(days_ago))],
        ),
    }
}

/// Numbers as text: Fluent would group a number's digits.
fn num(n: impl ToString) -> Arg<'static> {
    Arg::from(n.to_string())
}

fn rfm(locale: Locale, s: RfmScore) -> Arg<'static> {
    let args = [
        ("r", num(s.r)),
        ("f", num(s.f)),
        ("m", num(s.m)),
        ("total", num(s.total())),
    ];
    Arg::from(tr_args(locale, "crm-rfm", &args))
}

/// Why the customer has their tier; `names` as in [`tier_name`].
pub fn tier_why(locale: Locale, why: &Coded<TierWhy>, names: &[String; 4]) -> String {
    let why = match why {
        Coded::Code(w) => *w,
        Coded::Text(t) => return t.to_string(),
    };
    let name = |t: Tier| Arg::from(tier_name(locale, names, t));
    match why {
        TierWhy::Pinned => tr_args(locale, "crm-tier-pinned", &[]),
        TierWhy::NoOrders => tr_args(locale, "crm-tier-no-orders", &[]),
        TierWhy::BelowSilver { rfm: s, min } => tr_args(
            locale,
            "crm-tier-below",
            &[
                ("rfm", rfm(locale, s)),
                ("min", num(min)),
                ("tier", name(Tier::Silver)),
            ],
        ),
        TierWhy::Holds {
            rfm: s,
            threshold,
            tier,
        } => tr_args(
            locale,
            "crm-tier-holds",
            &[
                ("rfm", rfm(locale, s)),
                ("threshold", num(threshold)),
                ("tier", name(tier)),
            ],
        ),
        TierWhy::Up { rfm: s, from } => tr_args(
            locale,
            "crm-tier-up",
            &[("rfm", rfm(locale, s)), ("from", name(from))],
        ),
        TierWhy::Kept {
            rfm: s,
            tier,
            floor,
        } => tr_args(
            locale,
            "crm-tier-kept",
            &[
                ("rfm", rfm(locale, s)),
                ("tier", name(tier)),
                ("floor", num(floor)),
            ],
        ),
        TierWhy::Down { rfm: s, from } => tr_args(
            locale,
            "crm-tier-down",
            &[("rfm", rfm(locale, s)), ("from", name(from))],
        ),
    }
}

/// A span of whole days: days under two years, whole years from there.
fn span(locale: Locale, days: i64) -> Arg<'static> {
    let said = if days >= 730 {
        tr_args(locale, "crm-span-years", &[("n", num(days / 365))])
    } else {
        tr_args(locale, "crm-span-days", &[("n", num(days))])
    };
    Arg::from(said)
}

fn orders(locale: Locale, n: i64) -> Arg<'static> {
    let args = [("count", Arg::from(n)), ("shown", num(n))];
    Arg::from(tr_args(locale, "crm-orders", &args))
}

/// Why the customer is at their lifecycle stage.
pub fn stage_why(locale: Locale, why: &Coded<StageWhy>) -> String {
    let why = match why {
        Coded::Code(w) => *w,
        Coded::Text(t) => return t.to_string(),
    };
    match why {
        StageWhy::NoOrders => tr_args(locale, "crm-stage-no-orders", &[]),
        StageWhy::Idle { days } => {
            tr_args(locale, "crm-stage-idle", &[("span", span(locale, days))])
        }
        StageWhy::RiskHigh { score } => {
            tr_args(locale, "crm-stage-risk-high", &[("score", num(score))])
        }
        StageWhy::FirstOrder { days } => tr_args(
            locale,
            "crm-stage-first-order",
            &[("span", span(locale, days))],
        ),
        StageWhy::OrdersOver { orders: n, days } => tr_args(
            locale,
            "crm-stage-orders-over",
            &[("orders", orders(locale, n)), ("span", span(locale, days))],
        ),
        StageWhy::OrdersIn { orders: n, days } => tr_args(
            locale,
            "crm-stage-orders-in",
            &[("orders", orders(locale, n)), ("span", span(locale, days))],
        ),
    }
}

/// One churn-risk signal.
pub fn signal(locale: Locale, s: Signal) -> String {
    match s {
        Signal::Inactive { days } => tr_args(locale, "crm-signal-inactive", &[("days", num(days))]),
        Signal::LowCsat { score } => {
            tr_args(locale, "crm-signal-low-csat", &[("score", num(score))])
        }
        Signal::Detractor { score } => {
            tr_args(locale, "crm-signal-detractor", &[("score", num(score))])
        }
        Signal::ContactDrop { recent, previous } => tr_args(
            locale,
            "crm-signal-contact-drop",
            &[("recent", num(recent)), ("previous", num(previous))],
        ),
        Signal::OpenComplaint { count } => tr_args(
            locale,
            "crm-signal-open-complaint",
            &[("count", Arg::from(count)), ("shown", num(count))],
        ),
    }
}

/// A stored signal with the weight it counted for: `last CSAT 2/5 (+2)`.
pub fn weighted_signal(locale: Locale, s: &Coded<WeightedSignal>) -> String {
    match s {
        Coded::Code(w) => tr_args(
            locale,
            "crm-signal-weighted",
            &[
                ("signal", Arg::from(signal(locale, w.signal))),
                ("weight", num(w.weight)),
            ],
        ),
        Coded::Text(t) => t.to_string(),
    }
}

/// A task's note: what desk wrote in the reader's language, what a person wrote as they wrote it.
pub fn task_note(locale: Locale, note: &TaskNote) -> String {
    let note = match note {
        TaskNote::Care(n) => n,
        TaskNote::Text(t) => return t.to_string(),
    };
    // A day of the year as the reader writes it: `Dec 3`, `12月3日`.
    let day = |on: &chrono::NaiveDate| {
        let pattern = match locale {
            Locale::En => "%b %-d",
            Locale::ZhCn | Locale::ZhTw => "%-m月%-d日",
        };
        Arg::from(on.format(pattern).to_string())
    };
    match note {
        CareNote::Birthday { on } => tr_args(locale, "crm-note-birthday", &[("day", day(on))]),
        CareNote::Anniversary { years, on } => tr_args(
            locale,
            "crm-note-anniversary",
            &[
                ("years", Arg::from(*years)),
                ("shown", num(years)),
                ("day", day(on)),
            ],
        ),
        CareNote::WinBack { signals } => {
            let said: Vec<String> = signals.iter().map(|s| signal(locale, *s)).collect();
            said.join(&tr_args(locale, "crm-note-separator", &[]))
        }
    }
}

#[cfg(test)]
#[path = "crm_words_tests.rs"]
mod tests;
