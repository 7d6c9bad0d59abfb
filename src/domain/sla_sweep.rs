//! When the SLA sweep must next look at a ticket. The sweep finds its work by an index on this instant instead
//! of re-reading every at-risk ticket on every pass, so a pass with nothing due costs one index probe however
//! many tickets are late, and each escalation fires once per clock.

use super::customer::Tier;
use super::sla::{Clock, Target};
use super::sla_policy::{EscalationRule, Trigger};
use super::ticket::Priority;

/// The earliest instant an escalation that has not fired yet falls due on one of `clocks`: `now` when one is due
/// already, a future instant when a running clock will reach its trigger, `None` when nothing can fall due while
/// the clocks stand as they are (all fired, stopped or paused short of their trigger — the write that resumes a
/// clock computes this again). `fired(rule, target, clock_start)` says whether that escalation happened.
pub fn next_escalation_at(
    rules: &[EscalationRule],
    clocks: &[Clock],
    priority: Priority,
    tier: Option<Tier>,
    now: i64,
    fired: impl Fn(&str, Target, i64) -> bool,
) -> Option<i64> {
    let mut next: Option<i64> = None;
    for rule in rules.iter().filter(|r| r.covers(priority, tier)) {
        for c in clocks {
            let target_ok = rule.targets.is_empty() || rule.targets.contains(&c.target);
            if !target_ok || c.stopped_at.is_some() || fired(&rule.name, c.target, c.started_at) {
                continue;
            }
            let at = if rule.when.fires(c) {
                Some(now)
            } else {
                match rule.when {
                    Trigger::AtRisk => c.risk_at,
                    Trigger::Breached => c.due_at,
                }
                // A paused clock short of its trigger: nothing until it runs again.
                .filter(|_| !c.paused)
                // A running clock at its trigger instant that does not fire yet (due at `now`: breached one
                // second later) looks again a second later, not never.
                .map(|t| t.max(now + 1))
            };
            next = match (next, at) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sla::ClockState;
    use crate::domain::sla_policy::{EscalationActions, escalations_due};
    use proptest::prelude::*;

    fn rule(name: &str, when: Trigger) -> EscalationRule {
        EscalationRule {
            name: name.into(),
            when,
            targets: vec![],
            priorities: vec![],
            tiers: vec![],
            actions: EscalationActions::default(),
        }
    }

    /// A running or paused clock at `now` with `target` business seconds, `elapsed` of them used.
    fn clock(
        target: Target,
        started_at: i64,
        secs: i64,
        elapsed: i64,
        paused: bool,
        now: i64,
    ) -> Clock {
        let risk_point = secs * 3 / 4;
        let remaining = secs - elapsed;
        let state = if remaining < 0 {
            ClockState::Breached
        } else if paused {
            ClockState::Paused
        } else if elapsed >= risk_point {
            ClockState::AtRisk
        } else {
            ClockState::Ok
        };
        Clock {
            target,
            started_at,
            stopped_at: None,
            target_secs: secs,
            elapsed,
            remaining,
            due_at: (!paused).then_some(now + remaining),
            risk_at: (!paused).then_some(now + risk_point - elapsed),
            paused,
            state,
        }
    }

    const NOW: i64 = 1_000_000;

    #[test]
    fn a_running_clock_is_next_due_at_its_risk_point_then_at_its_breach() {
        let rules = [
            rule("risk", Trigger::AtRisk),
            rule("late", Trigger::Breached),
        ];
        let c = clock(Target::Resolution, 10, 400, 100, false, NOW);
        let never = |_: &str, _: Target, _: i64| false;
        assert_eq!(
            next_escalation_at(&rules, &[c], Priority::Normal, None, NOW, never),
            Some(NOW + 200)
        );
        let risk_fired = |r: &str, _: Target, _: i64| r == "risk";
        assert_eq!(
            next_escalation_at(&rules, &[c], Priority::Normal, None, NOW, risk_fired),
            Some(NOW + 300)
        );
    }

    #[test]
    fn a_due_escalation_is_due_now_and_once_fired_the_ticket_leaves_the_sweep() {
        let rules = [rule("late", Trigger::Breached)];
        let c = clock(Target::FirstResponse, 10, 100, 150, false, NOW);
        let never = |_: &str, _: Target, _: i64| false;
        assert_eq!(
            next_escalation_at(&rules, &[c], Priority::Low, None, NOW, never),
            Some(NOW)
        );
        let this_clock =
            |r: &str, t: Target, s: i64| r == "late" && t == Target::FirstResponse && s == 10;
        assert_eq!(
            next_escalation_at(&rules, &[c], Priority::Low, None, NOW, this_clock),
            None
        );
        // A later next-reply clock is another clock: it can fire the rule again.
        let later = clock(Target::FirstResponse, 500, 100, 150, false, NOW);
        assert_eq!(
            next_escalation_at(&rules, &[c, later], Priority::Low, None, NOW, this_clock),
            Some(NOW)
        );
    }

    #[test]
    fn paused_stopped_and_unmatched_clocks_wait_for_the_write_that_changes_them() {
        let never = |_: &str, _: Target, _: i64| false;
        let late = [rule("late", Trigger::Breached)];
        let paused = clock(Target::Resolution, 10, 400, 100, true, NOW);
        assert_eq!(
            next_escalation_at(&late, &[paused], Priority::Normal, None, NOW, never),
            None
        );
        let mut stopped = clock(Target::Resolution, 10, 400, 900, false, NOW);
        stopped.stopped_at = Some(NOW - 5);
        assert_eq!(
            next_escalation_at(&late, &[stopped], Priority::Normal, None, NOW, never),
            None
        );
        let mut vip = rule("vip", Trigger::AtRisk);
        vip.tiers = vec![Tier::Gold];
        let running = clock(Target::Resolution, 10, 400, 350, false, NOW);
        assert_eq!(
            next_escalation_at(
                &[vip.clone()],
                &[running],
                Priority::Normal,
                None,
                NOW,
                never
            ),
            None
        );
        assert_eq!(
            next_escalation_at(
                &[vip],
                &[running],
                Priority::Normal,
                Some(Tier::Gold),
                NOW,
                never
            ),
            Some(NOW)
        );
    }

    fn arb_clock() -> impl Strategy<Value = Clock> {
        (
            0..3usize,
            0..5i64,
            10..1000i64,
            0..2000i64,
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(t, start, secs, elapsed, paused, stopped)| {
                let mut c = clock(Target::ALL[t], start, secs, elapsed, paused, NOW);
                if stopped {
                    c.stopped_at = Some(NOW);
                    c.due_at = None;
                    c.risk_at = None;
                }
                c
            })
    }

    proptest! {
        /// The sweep's index agrees with the rules: a ticket is due now exactly when some escalation the rules
        /// call for has not fired yet; and a ticket not due now has nothing due until its instant.
        #[test]
        fn due_now_exactly_when_an_unfired_escalation_is_due(
            clocks in proptest::collection::vec(arb_clock(), 0..4),
            fired_mask in any::<u16>(),
            jump in 1..3000i64,
        ) {
            let rules = [rule("risk", Trigger::AtRisk), rule("late", Trigger::Breached)];
            let fired = |r: &str, t: Target, s: i64| {
                let bit = (usize::from(r == "late") * 3 + t as usize) * 5 + s as usize;
                fired_mask & (1 << (bit % 16)) != 0
            };
            let due = escalations_due(&rules, &clocks, Priority::Normal, None)
                .into_iter()
                .filter(|d| !fired(&d.rule.name, d.target, d.clock_start))
                .count();
            let next = next_escalation_at(&rules, &clocks, Priority::Normal, None, NOW, fired);
            prop_assert_eq!(due > 0, next.is_some_and(|t| t <= NOW));
            // Running clocks advance in step with time: nothing unfired falls due before `next`.
            let later = NOW + jump;
            let moved: Vec<Clock> = clocks
                .iter()
                .map(|c| {
                    if c.paused || c.stopped_at.is_some() {
                        *c
                    } else {
                        let mut m = clock(c.target, c.started_at, c.target_secs, c.elapsed + jump, false, later);
                        m.due_at = c.due_at;
                        m.risk_at = c.risk_at;
                        m
                    }
                })
                .collect();
            let due_later = escalations_due(&rules, &moved, Priority::Normal, None)
                .into_iter()
                .any(|d| !fired(&d.rule.name, d.target, d.clock_start));
            if due_later {
                prop_assert!(next.is_some_and(|t| t <= later), "due at {later} but next is {next:?}");
            }
        }
    }
}
