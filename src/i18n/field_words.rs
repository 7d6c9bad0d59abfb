//! Why work on a product is covered by its warranty or not, in the reader's language (`保修期至 2027-03-01`).
//! English is exactly the decision's own reason (tested), as a visit stores it and JSON carries it.

use super::{Arg, Locale, tr, tr_args, tr_of};
use crate::domain::warranty::{WarrantyWhy, ymd};

pub fn warranty_why(locale: Locale, why: &WarrantyWhy) -> String {
    let term = |default_term: bool| match default_term {
        true => Arg::from(tr(locale, "coverage-default-term")),
        false => Arg::from(""),
    };
    let until = |at: i64| Arg::from(ymd(at));
    match *why {
        WarrantyWhy::NoProduct => tr(locale, "coverage-no-product"),
        WarrantyWhy::NoDates => tr(locale, "coverage-no-dates"),
        WarrantyWhy::Ended {
            until: at,
            default_term,
        } => tr_args(
            locale,
            "coverage-ended",
            &[("until", until(at)), ("term", term(default_term))],
        ),
        WarrantyWhy::Excluded { cause, until: at } => tr_args(
            locale,
            "coverage-excluded",
            &[
                (
                    "cause",
                    Arg::from(tr_of(locale, "coverage-cause-", cause.as_str())),
                ),
                ("until", until(at)),
            ],
        ),
        WarrantyWhy::Covered {
            until: at,
            default_term,
            provisional,
        } => tr_args(
            locale,
            match provisional {
                true => "coverage-covered-provisional",
                false => "coverage-covered",
            },
            &[("until", until(at)), ("term", term(default_term))],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::warranty::Cause;

    fn every_why() -> Vec<WarrantyWhy> {
        let until = 1_800_000_000;
        let mut all = vec![WarrantyWhy::NoProduct, WarrantyWhy::NoDates];
        for default_term in [false, true] {
            all.push(WarrantyWhy::Ended {
                until,
                default_term,
            });
            for provisional in [false, true] {
                all.push(WarrantyWhy::Covered {
                    until,
                    default_term,
                    provisional,
                });
            }
        }
        all.extend(Cause::ALL.iter().map(|cause| WarrantyWhy::Excluded {
            cause: *cause,
            until,
        }));
        all
    }

    #[test]
    fn english_is_the_decision_s_own_reason() {
        for why in every_why() {
            assert_eq!(warranty_why(Locale::En, &why), why.to_string());
        }
    }

    #[test]
    fn chinese_keeps_the_date_and_says_the_rest() {
        let why = WarrantyWhy::Covered {
            until: 1_800_000_000,
            default_term: true,
            provisional: true,
        };
        assert_eq!(
            warranty_why(Locale::ZhCn, &why),
            "保修期至 2027-01-15（按购买日期起算的默认保修期），除非工程师查明属于不保修的原因"
        );
        let out = WarrantyWhy::Excluded {
            cause: Cause::UserDamage,
            until: 1_800_000_000,
        };
        assert_eq!(
            warranty_why(Locale::ZhTw, &out),
            "人為損壞不在保固範圍內（保固至 2027-01-15）"
        );
        for why in every_why() {
            for l in [Locale::ZhCn, Locale::ZhTw] {
                // `product=` is the field to set, kept as typed.
                let said = warranty_why(l, &why).replace("product=", "");
                assert!(!said.contains(|c: char| c.is_ascii_alphabetic()), "{said}");
            }
        }
    }
}
