//! Improvement plans (PDCA, 计划-执行-检查-处理): a report's suggestion becomes an action with an owner, a due date
//! and a target indicator; it moves plan → do → check → act, and the next report shows the indicator before and
//! after. Pure.

use super::metrics::{Better, Indicator};
use crate::str_enum;

str_enum!(
    /// Where an action is in its cycle.
    PlanStatus {
        Plan = "plan",
        Do = "do",
        Check = "check",
        Act = "act",
    }
);

impl PlanStatus {
    pub fn label(self) -> &'static str {
        match self {
            PlanStatus::Plan => "plan 计划",
            PlanStatus::Do => "do 执行",
            PlanStatus::Check => "check 检查",
            PlanStatus::Act => "act 处理",
        }
    }

    /// Whether the cycle may move from `self` to `to`: forward one step; a check that shows no effect goes back
    /// to do; acting on what was learnt starts the next cycle's plan.
    pub fn may_move(self, to: PlanStatus) -> bool {
        use PlanStatus::*;
        matches!(
            (self, to),
            (Plan, Do) | (Do, Check) | (Check, Act) | (Check, Do) | (Act, Plan)
        )
    }

    /// The moves open from here, for the error that refuses another.
    pub fn next_moves(self) -> Vec<PlanStatus> {
        PlanStatus::ALL
            .iter()
            .copied()
            .filter(|s| self.may_move(*s))
            .collect()
    }

    /// The step forward round the cycle: plan → do → check → act → plan (a check moves on to act; going back to
    /// do is the other move it allows).
    pub fn forward(self) -> PlanStatus {
        use PlanStatus::*;
        match self {
            Plan => Do,
            Do => Check,
            Check => Act,
            Act => Plan,
        }
    }

    /// Why action `number` may not move from `self` to `to`, naming the moves it may make; `None` when it may.
    pub fn refusal(self, number: i64, to: PlanStatus) -> Option<String> {
        if self.may_move(to) {
            return None;
        }
        let next: Vec<&str> = self.next_moves().iter().map(|s| s.as_str()).collect();
        Some(format!(
            "P{number} is at {self}; it moves to {} (plan → do → check → act)",
            next.join(" or ")
        ))
    }
}

/// How an action's indicator moved from its baseline (when the action was made) to now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    Improved,
    Unchanged,
    Worse,
    /// No baseline or no current value.
    Unknown,
}

/// The effect of `now` against `baseline` for `ind`, judged in its better direction.
pub fn effect(ind: Indicator, baseline: Option<f64>, now: Option<f64>) -> Effect {
    let (Some(b), Some(n)) = (baseline, now) else {
        return Effect::Unknown;
    };
    let delta = n - b;
    if delta.abs() < 1e-9 {
        return Effect::Unchanged;
    }
    match (ind.better(), delta > 0.0) {
        (Better::Higher, true) | (Better::Lower, false) => Effect::Improved,
        (Better::Higher, false) | (Better::Lower, true) => Effect::Worse,
        (Better::Neither, _) => Effect::Unchanged,
    }
}

/// Whether `value` reaches `target` for `ind` (a ceiling for lower-is-better indicators).
pub fn reaches(ind: Indicator, value: Option<f64>, target: Option<f64>) -> Option<bool> {
    let (v, t) = (value?, target?);
    Some(match ind.better() {
        Better::Lower => v <= t,
        Better::Higher | Better::Neither => v >= t,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_cycle_moves_one_step_and_a_failed_check_goes_back_to_do() {
        use PlanStatus::*;
        assert!(Plan.may_move(Do) && Do.may_move(Check) && Check.may_move(Act));
        assert!(Check.may_move(Do), "no effect: do it again");
        assert!(Act.may_move(Plan), "the next cycle");
        assert!(!Plan.may_move(Check) && !Plan.may_move(Act) && !Do.may_move(Act));
        assert!(!Do.may_move(Do));
        assert_eq!(Check.next_moves(), [Do, Act]);
    }

    #[test]
    fn forward_is_always_an_allowed_move_and_a_refusal_names_the_allowed_ones() {
        for s in PlanStatus::ALL {
            assert!(s.may_move(s.forward()), "{s} → {}", s.forward());
            assert_eq!(s.refusal(1, s.forward()), None);
        }
        assert_eq!(
            PlanStatus::Plan.refusal(3, PlanStatus::Act).as_deref(),
            Some("P3 is at plan; it moves to do (plan → do → check → act)")
        );
        assert_eq!(
            PlanStatus::Check.refusal(2, PlanStatus::Plan).as_deref(),
            Some("P2 is at check; it moves to do or act (plan → do → check → act)")
        );
    }

    #[test]
    fn effects_read_in_the_indicators_better_direction() {
        let i = Indicator::Csat;
        assert_eq!(effect(i, Some(80.0), Some(86.0)), Effect::Improved);
        assert_eq!(effect(i, Some(80.0), Some(70.0)), Effect::Worse);
        let lower = Indicator::FrtMedian;
        assert_eq!(effect(lower, Some(7200.0), Some(3600.0)), Effect::Improved);
        assert_eq!(effect(lower, Some(3600.0), Some(3600.0)), Effect::Unchanged);
        assert_eq!(effect(i, None, Some(1.0)), Effect::Unknown);
        assert_eq!(reaches(lower, Some(3000.0), Some(3600.0)), Some(true));
        assert_eq!(reaches(i, Some(84.9), Some(85.0)), Some(false));
        assert_eq!(reaches(i, None, Some(85.0)), None);
    }

    proptest! {
        /// Every status can be reached from plan by allowed moves, and the cycle comes back to plan.
        #[test]
        fn every_status_is_reachable_and_the_cycle_closes(steps in proptest::collection::vec(0usize..4, 0..30)) {
            let mut s = PlanStatus::Plan;
            for i in steps {
                let moves = s.next_moves();
                prop_assert!(!moves.is_empty(), "{s} is a dead end");
                s = moves[i % moves.len()];
            }
            // Going forward (the last move offered) comes back to plan within one cycle.
            let mut seen = vec![s];
            for _ in 0..4 {
                s = *s.next_moves().last().unwrap();
                seen.push(s);
            }
            prop_assert!(seen.contains(&PlanStatus::Plan));
        }
    }
}
