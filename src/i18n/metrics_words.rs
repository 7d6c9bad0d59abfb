//! The quality report's words in a locale (issue 24): indicator names, values and changes, and the names of the
//! stored values a report lists (priorities, channels, kinds, root causes, return states), from the `report` area
//! of the catalogues. Numbers, percentages and dates read the same in every locale; only durations take the
//! locale's units (`1h30m`, `1小时30分`). English reads as `Indicator::format` and `Change::describe` do.

use super::{Arg, Locale, has, tr, tr_args, tr_of};
use crate::domain::metrics::{Change, Dimension, Indicator, Unit};

/// An indicator's full name: `First response (mean)`, `首次响应时间（均值）`.
pub fn label(l: Locale, ind: Indicator) -> String {
    tr_of(l, "report-indicator-", ind.as_str())
}

/// An indicator's short name, for table columns: `FRT p50`, `首响 P50`.
pub fn short(l: Locale, ind: Indicator) -> String {
    tr_of(l, "report-short-", ind.as_str())
}

fn text(s: impl ToString) -> Arg<'static> {
    Arg::from(s.to_string())
}

/// A duration of `secs` in at most two units, as `sla_policy::format_duration` writes it in English: `54s`,
/// `7h05m`, `1d4h`, `-3h56m`; `54秒`, `7小时05分`, `1天4小时`.
pub fn duration(l: Locale, secs: i64) -> String {
    let s = secs.abs();
    let (d, h, m) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    let body = match (d, h, m) {
        (0, 0, 0) => tr_args(l, "report-duration-seconds", &[("seconds", text(s))]),
        (0, 0, m) => tr_args(l, "report-duration-minutes", &[("minutes", text(m))]),
        (0, h, 0) => tr_args(l, "report-duration-hours", &[("hours", text(h))]),
        (0, h, m) => tr_args(
            l,
            "report-duration-hours-minutes",
            &[("hours", text(h)), ("minutes", text(format!("{m:02}")))],
        ),
        (d, 0, _) => tr_args(l, "report-duration-days", &[("days", text(d))]),
        (d, h, _) => tr_args(
            l,
            "report-duration-days-hours",
            &[("days", text(d)), ("hours", text(h))],
        ),
    };
    if secs < 0 { format!("-{body}") } else { body }
}

/// A value as people read it: `42`, `1h30m` / `1小时30分`, `87.5%`, `+31`, `2.40`.
pub fn value(l: Locale, ind: Indicator, v: f64) -> String {
    match ind.unit() {
        Unit::Duration => duration(l, v.round() as i64),
        _ => ind.format(v),
    }
}

/// A table cell: the value, or `—` when there is none.
pub fn cell(l: Locale, ind: Indicator, v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), |v| value(l, ind, v))
}

/// A change against the previous period: `▲ +12%`, `▼ -3.0 pt` / `▼ -3.0 个百分点`, `▲ +3m` / `▲ +3分`.
pub fn change(l: Locale, ind: Indicator, c: &Change) -> String {
    let amount = match ind.unit() {
        Unit::Percent => tr_args(
            l,
            "report-change-points",
            &[("delta", text(format!("{:+.1}", c.delta)))],
        ),
        Unit::Duration => {
            let s = duration(l, c.delta.round() as i64);
            if c.delta >= 0.0 { format!("+{s}") } else { s }
        }
        _ => return c.describe(ind),
    };
    format!("{} {amount}", c.arrow())
}

/// A stored value's name under `prefix` (`report-channel-`) when the catalogue has one, else `fallback`.
fn known(l: Locale, prefix: &str, name: &str, fallback: impl FnOnce() -> String) -> String {
    let key = format!("{prefix}{}", name.replace('_', "-"));
    if !name.is_empty() && has(Locale::En, &key) {
        tr(l, &key)
    } else {
        fallback()
    }
}

/// A priority by its stored name: `normal`, `绿（普通）`; anything else as it is.
pub fn priority(l: Locale, name: &str) -> String {
    known(l, "report-priority-", name, || name.to_string())
}

/// A channel by its stored name: `web`, `网页`.
pub fn channel(l: Locale, name: &str) -> String {
    known(l, "report-channel-", name, || name.to_string())
}

/// A kind (a hot topic's category) by its stored name, else `label`.
pub fn kind(l: Locale, name: &str, label: &str) -> String {
    known(l, "report-kind-", name, || label.to_string())
}

/// A complaint's root cause: the shipped ones in words (`service attitude`, `服务态度`), a team's own with its
/// underscores as spaces.
pub fn root_cause(l: Locale, name: &str) -> String {
    known(l, "report-root-cause-", name, || name.replace('_', " "))
}

/// A return's kind, reason or status (`what` is `kind`, `reason` or `status`) in words.
pub fn rma(l: Locale, what: &str, name: &str) -> String {
    known(l, &format!("report-rma-{what}-"), name, || {
        name.replace('_', " ")
    })
}

/// A breakdown's dimension as a word: `agent`, `客服`.
pub fn dimension(l: Locale, d: Dimension) -> String {
    tr_of(l, "report-dimension-", d.as_str())
}

/// A breakdown row's label: the row without a value by the locale's words (`(unassigned)`, `（未分配）`),
/// priorities and channels by their names, else the label as stored.
pub fn group_label(l: Locale, d: Dimension, key: &str, label: &str) -> String {
    match (d, key) {
        (Dimension::Agent, "") => tr(l, "report-none-agent"),
        (Dimension::Tier, "") => tr(l, "report-none-tier"),
        (_, "") => tr(l, "report-none"),
        (Dimension::Priority, k) => priority(l, k),
        (Dimension::Channel, k) => channel(l, k),
        (Dimension::Kind, k) => kind(l, k, label),
        _ => label.to_string(),
    }
}

/// `a (3), b (2)` / `甲（3）、乙（2）`: the first `n` entries of a count list, each named by `name`.
pub fn counts<'a>(
    l: Locale,
    list: impl IntoIterator<Item = (String, u64)> + 'a,
    n: usize,
) -> String {
    list.into_iter()
        .take(n)
        .map(|(name, count)| {
            tr_args(
                l,
                "report-list-count",
                &[("name", text(name)), ("count", text(count))],
            )
        })
        .collect::<Vec<_>>()
        .join(&tr(l, "report-list-separator"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::metrics::change as change_of;
    use crate::domain::sla_policy::format_duration;

    #[test]
    fn english_reads_as_the_domains_own_formats() {
        for secs in [
            0, 54, 60, 180, 3_600, 7_500, 25_200, 86_400, 93_600, 180_000, -14_160, -60,
        ] {
            assert_eq!(duration(Locale::En, secs), format_duration(secs), "{secs}");
        }
        for &ind in Indicator::ALL {
            assert_eq!(label(Locale::En, ind), ind.label(), "{ind}");
            for (cur, prev) in [(12.0, 10.0), (3_000.0, 9_000.0), (51.9, 51.0), (0.0, 0.0)] {
                let c = change_of(ind, Some(cur), Some(prev)).unwrap();
                assert_eq!(change(Locale::En, ind, &c), c.describe(ind), "{ind}");
                assert_eq!(value(Locale::En, ind, cur), ind.format(cur), "{ind}");
            }
        }
    }

    #[test]
    fn the_breakdowns_short_names_are_the_indicators_short_names_in_english() {
        for &ind in Indicator::ALL {
            assert_eq!(short(Locale::En, ind), ind.short(), "{ind}");
        }
    }

    #[test]
    fn chinese_durations_and_changes_keep_the_numbers() {
        assert_eq!(duration(Locale::ZhCn, 20_100), "5小时35分");
        assert_eq!(duration(Locale::ZhTw, 93_600), "1天2小時");
        assert_eq!(duration(Locale::ZhCn, -14_160), "-3小时56分");
        assert_eq!(duration(Locale::ZhCn, 54), "54秒");
        let c = change_of(Indicator::FrtSla, Some(51.9), Some(51.0)).unwrap();
        assert_eq!(
            change(Locale::ZhCn, Indicator::FrtSla, &c),
            "▲ +0.9 个百分点"
        );
        let c = change_of(Indicator::FrtMean, Some(20_100.0), Some(19_920.0)).unwrap();
        assert_eq!(change(Locale::ZhTw, Indicator::FrtMean, &c), "▲ +3分");
        assert_eq!(value(Locale::ZhCn, Indicator::Csat, 76.94), "76.9%");
    }

    #[test]
    fn stored_names_have_words_in_every_locale_and_unknown_ones_read_as_they_are() {
        use crate::domain::returns::{RmaKind, RmaReason, RmaStatus};
        use crate::domain::ticket::{Channel, Kind, Priority};
        let built: Vec<String> = Priority::ALL
            .iter()
            .map(|p| format!("report-priority-{}", p.as_str()))
            .chain(Channel::ALL.iter().map(|c| format!("report-channel-{c}")))
            .chain(Kind::ALL.iter().map(|k| format!("report-kind-{k}")))
            .chain(RmaKind::ALL.iter().map(|k| format!("report-rma-kind-{k}")))
            .chain(
                RmaReason::ALL
                    .iter()
                    .map(|k| format!("report-rma-reason-{k}")),
            )
            .chain(
                RmaStatus::ALL
                    .iter()
                    .map(|k| format!("report-rma-status-{k}")),
            )
            .chain(
                crate::domain::complaint::DEFAULT_ROOT_CAUSES
                    .iter()
                    .map(|c| format!("report-root-cause-{c}")),
            )
            .chain(
                Indicator::ALL
                    .iter()
                    .map(|i| format!("report-indicator-{i}")),
            )
            .chain(
                Dimension::ALL
                    .iter()
                    .map(|d| format!("report-dimension-{d}")),
            )
            .map(|k| k.replace('_', "-"))
            .collect();
        for key in &built {
            for l in Locale::ALL {
                assert!(has(l, key), "{l}: `{key}` is missing");
            }
        }
        assert_eq!(priority(Locale::ZhCn, "normal"), "绿（普通）");
        assert_eq!(channel(Locale::ZhTw, "on_site"), "到府");
        assert_eq!(
            root_cause(Locale::En, "service_attitude"),
            "service attitude"
        );
        assert_eq!(root_cause(Locale::ZhCn, "billing_error"), "billing error");
        assert_eq!(rma(Locale::ZhCn, "reason", "no_reason"), "无理由");
        assert_eq!(channel(Locale::ZhCn, "fax"), "fax");
        assert_eq!(
            group_label(Locale::ZhCn, Dimension::Agent, "", "(unassigned)"),
            "（未分配）"
        );
        assert_eq!(
            counts(
                Locale::ZhCn,
                [
                    ("甲".to_string(), 3),
                    ("乙".to_string(), 2),
                    ("丙".into(), 1)
                ],
                2
            ),
            "甲（3）、乙（2）"
        );
        assert_eq!(
            counts(Locale::En, [("a".to_string(), 3), ("b".to_string(), 2)], 3),
            "a (3), b (2)"
        );
    }
}
