//! The report's complaint cause analysis (分类汇总，分析共性原因): a period's complaints counted by root cause, by
//! product and by group, each beside the previous period. Pure.

use serde::Serialize;

/// One name's complaints this period and the one before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CauseCount {
    pub name: String,
    pub count: u64,
    pub previous: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ComplaintCauses {
    pub root_cause: Vec<CauseCount>,
    pub product: Vec<CauseCount>,
    pub group: Vec<CauseCount>,
}

impl ComplaintCauses {
    /// Whether any complaint of the period has been analysed (has a root cause).
    pub fn analysed(&self) -> bool {
        self.root_cause
            .iter()
            .any(|c| c.count > 0 && !c.name.is_empty())
    }
}

/// Merges this period's and the previous period's counts by name, largest this period first, then the
/// biggest rise, then by name; names with neither are dropped. Keeps `limit` rows.
pub fn rank(
    current: &[(String, u64)],
    previous: &[(String, u64)],
    limit: usize,
) -> Vec<CauseCount> {
    let mut rows: Vec<CauseCount> = Vec::new();
    for (name, n) in current {
        match rows.iter_mut().find(|r| &r.name == name) {
            Some(r) => r.count += n,
            None => rows.push(CauseCount {
                name: name.clone(),
                count: *n,
                previous: 0,
            }),
        }
    }
    for (name, n) in previous {
        match rows.iter_mut().find(|r| &r.name == name) {
            Some(r) => r.previous += n,
            None => rows.push(CauseCount {
                name: name.clone(),
                count: 0,
                previous: *n,
            }),
        }
    }
    rows.retain(|r| r.count > 0 || r.previous > 0);
    rows.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| {
                (b.count as i64 - b.previous as i64).cmp(&(a.count as i64 - a.previous as i64))
            })
            .then_with(|| a.name.cmp(&b.name))
    });
    rows.truncate(limit);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn v(items: &[(&str, u64)]) -> Vec<(String, u64)> {
        items.iter().map(|(n, c)| (n.to_string(), *c)).collect()
    }

    #[test]
    fn causes_rank_by_count_then_rise_and_keep_the_previous_period() {
        let now = v(&[
            ("delivery", 4),
            ("price", 2),
            ("service_attitude", 4),
            ("", 1),
        ]);
        let before = v(&[("delivery", 1), ("service_attitude", 6), ("process", 3)]);
        let got = rank(&now, &before, 10);
        let names: Vec<&str> = got.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            ["delivery", "service_attitude", "price", "", "process"]
        );
        assert_eq!((got[0].count, got[0].previous), (4, 1));
        assert_eq!(
            (got[4].count, got[4].previous),
            (0, 3),
            "gone this period, still shown"
        );
        assert_eq!(rank(&now, &before, 2).len(), 2);
        let c = ComplaintCauses {
            root_cause: got,
            ..Default::default()
        };
        assert!(c.analysed());
        let none = ComplaintCauses {
            root_cause: rank(&v(&[("", 5)]), &[], 10),
            ..Default::default()
        };
        assert!(!none.analysed(), "only unanalysed complaints");
    }

    proptest! {
        /// Ranking keeps every count: the totals of both periods survive (before truncation).
        #[test]
        fn ranking_keeps_the_totals(
            now in proptest::collection::vec((0usize..5, 0u64..9), 0..12),
            before in proptest::collection::vec((0usize..5, 0u64..9), 0..12),
        ) {
            let names = ["a", "b", "c", "d", ""];
            let to = |xs: &Vec<(usize, u64)>| xs.iter().map(|(i, n)| (names[*i].to_string(), *n)).collect::<Vec<_>>();
            let (now, before) = (to(&now), to(&before));
            let got = rank(&now, &before, 100);
            prop_assert_eq!(got.iter().map(|r| r.count).sum::<u64>(), now.iter().map(|r| r.1).sum::<u64>());
            prop_assert_eq!(got.iter().map(|r| r.previous).sum::<u64>(), before.iter().map(|r| r.1).sum::<u64>());
            for w in got.windows(2) {
                prop_assert!(w[0].count >= w[1].count);
            }
        }
    }
}
