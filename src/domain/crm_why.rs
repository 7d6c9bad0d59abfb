//! Why a customer's profile reads as it does — the lifecycle stage's reason and the churn-risk signals — as data.
//! The sweep stores each as a code (JSON) in the customer's row; the interface words it in the reader's language
//! when it shows it (`i18n::crm_words`). Rows the sweep wrote before reasons were codes hold English text: it is
//! shown as it is until the next sweep rewrites it.

use super::crm::Signal;
use super::text::SafeText;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use std::fmt;

/// Why a customer is at their lifecycle stage. Days are whole days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum StageWhy {
    NoOrders,
    /// No order or contact for `days` (churned, or at risk).
    Idle {
        days: i64,
    },
    /// The churn-risk score reached the high level.
    RiskHigh {
        score: u8,
    },
    /// First order `days` ago.
    FirstOrder {
        days: i64,
    },
    /// Enough orders over enough time to be mature.
    OrdersOver {
        orders: i64,
        days: i64,
    },
    /// Buying, not yet mature.
    OrdersIn {
        orders: i64,
        days: i64,
    },
}

/// A churn-risk signal with the weight it counted for when the sweep ran (the rules may change since).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeightedSignal {
    #[serde(flatten)]
    pub signal: Signal,
    pub weight: u8,
}

/// A stored reason: the code the sweep wrote, or the text an older version wrote (already made safe to show).
/// Serialised as the code's fields, or as the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Coded<T> {
    Code(T),
    Text(SafeText),
}

/// The stored form of a reason.
pub fn encode<T: Serialize>(why: &T) -> String {
    // Plain enums and structs of numbers: serialising cannot fail; an empty reason would read as "not computed".
    serde_json::to_string(why).unwrap_or_default()
}

/// A stored reason read back: its code, or (written before codes, or by a newer desk) its text.
pub fn decode<T: DeserializeOwned>(stored: &str) -> Coded<T> {
    match serde_json::from_str(stored) {
        Ok(why) => Coded::Code(why),
        Err(_) => Coded::Text(SafeText::new(stored)),
    }
}

/// The stored signals read back: one code each, or one line of older text each.
pub fn decode_signals(stored: &str) -> Vec<Coded<WeightedSignal>> {
    if stored.is_empty() {
        return Vec::new();
    }
    match serde_json::from_str::<Vec<WeightedSignal>>(stored) {
        Ok(list) => list.into_iter().map(Coded::Code).collect(),
        Err(_) => stored
            .lines()
            .map(|l| Coded::Text(SafeText::new(l)))
            .collect(),
    }
}

/// The stored form of a list of signals; none is the empty text.
pub fn encode_signals(signals: &[WeightedSignal]) -> String {
    if signals.is_empty() {
        String::new()
    } else {
        encode(&signals)
    }
}

/// What desk writes on a care or win-back task it schedules: stored as its code, worded when shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "note", rename_all = "snake_case")]
pub enum CareNote {
    Birthday {
        on: NaiveDate,
    },
    /// Years since the first order.
    Anniversary {
        years: i32,
        on: NaiveDate,
    },
    /// The churn-risk signals that turned the customer high-risk.
    WinBack {
        signals: Vec<Signal>,
    },
}

impl fmt::Display for CareNote {
    /// English, as the note was written before it was a code (CSV, JSON and logs keep it).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CareNote::Birthday { on } => write!(f, "birthday {}", on.format("%b %-d")),
            CareNote::Anniversary { years: 1, on } => {
                write!(f, "1 year as a customer {}", on.format("%b %-d"))
            }
            CareNote::Anniversary { years, on } => {
                write!(f, "{years} years as a customer {}", on.format("%b %-d"))
            }
            CareNote::WinBack { signals } => {
                let said: Vec<String> = signals.iter().map(|s| s.describe()).collect();
                f.write_str(&said.join("; "))
            }
        }
    }
}

/// A task's note: the code of what desk wrote, or what a person wrote (made safe to show). Serialised, and
/// written with `{}`, in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskNote {
    Care(CareNote),
    Text(SafeText),
}

impl TaskNote {
    /// A stored note: a care note's code, else text.
    pub fn read(stored: &str) -> TaskNote {
        // Only an object can be a code: a person's note is never parsed.
        match stored
            .starts_with('{')
            .then(|| serde_json::from_str(stored))
        {
            Some(Ok(note)) => TaskNote::Care(note),
            _ => TaskNote::Text(SafeText::new(stored)),
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, TaskNote::Text(t) if t.as_str().is_empty())
    }
}

impl fmt::Display for TaskNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TaskNote::Care(n) => n.fmt(f),
            TaskNote::Text(t) => t.fmt(f),
        }
    }
}

impl Serialize for TaskNote {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_older_text_reads_as_text() {
        let why = StageWhy::OrdersIn {
            orders: 3,
            days: 117,
        };
        let stored = encode(&why);
        assert_eq!(stored, r#"{"why":"orders_in","orders":3,"days":117}"#);
        assert_eq!(decode::<StageWhy>(&stored), Coded::Code(why));
        assert_eq!(
            decode::<StageWhy>("3 orders in 117 d"),
            Coded::Text(SafeText::new("3 orders in 117 d"))
        );
        // Escape sequences in an old or foreign value never reach the screen.
        assert_eq!(
            decode::<StageWhy>("x\u{1b}[2Jy"),
            Coded::Text(SafeText::new("x\u{1b}[2Jy"))
        );
        assert!(!format!("{:?}", decode::<StageWhy>("x\u{1b}[2Jy")).contains('\u{1b}'));
    }

    #[test]
    fn signals_round_trip_and_older_lines_read_one_each() {
        let signals = vec![
            WeightedSignal {
                signal: Signal::Inactive { days: 45 },
                weight: 2,
            },
            WeightedSignal {
                signal: Signal::OpenComplaint { count: 1 },
                weight: 2,
            },
        ];
        let stored = encode_signals(&signals);
        assert_eq!(
            stored,
            r#"[{"signal":"inactive","days":45,"weight":2},{"signal":"open_complaint","count":1,"weight":2}]"#
        );
        let back: Vec<_> = signals.iter().copied().map(Coded::Code).collect();
        assert_eq!(decode_signals(&stored), back);
        assert_eq!(encode_signals(&[]), "");
        assert_eq!(decode_signals(""), Vec::new());
        assert_eq!(
            decode_signals("last CSAT 2/5 (+2)\nan open complaint (+2)").len(),
            2
        );
    }

    #[test]
    fn care_notes_are_codes_in_english_where_text_is_wanted() {
        let on = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default();
        let birthday = CareNote::Birthday { on };
        let stored = encode(&birthday);
        assert_eq!(stored, r#"{"note":"birthday","on":"2026-12-03"}"#);
        let read = TaskNote::read(&stored);
        assert_eq!(read, TaskNote::Care(birthday));
        assert_eq!(read.to_string(), "birthday Dec 3");
        assert_eq!(
            serde_json::to_string(&read).ok().as_deref(),
            Some(r#""birthday Dec 3""#)
        );
        let years = |years| CareNote::Anniversary { years, on }.to_string();
        assert_eq!(years(1), "1 year as a customer Dec 3");
        assert_eq!(years(3), "3 years as a customer Dec 3");
        let win_back = CareNote::WinBack {
            signals: vec![
                Signal::LowCsat { score: 1 },
                Signal::OpenComplaint { count: 2 },
            ],
        };
        assert_eq!(win_back.to_string(), "last CSAT 1/5; 2 open complaints");
        assert_eq!(TaskNote::read(&encode(&win_back)), TaskNote::Care(win_back));
        // What a person wrote stays theirs, JSON-looking or not.
        for text in ["call after 6pm", "{\"note\":\"party\"}", "42", ""] {
            assert_eq!(TaskNote::read(text), TaskNote::Text(SafeText::new(text)));
        }
        assert!(TaskNote::read("").is_empty());
    }
}
