//! The closed loop held, as the guides put it: "若客户对处理结果不满意，企业应再次跟进，直至问题彻底解决". A low score
//! calls for a recovery task (and, by config, reopens the ticket); an open ticket closes only through solved and
//! its follow-up call, unless its closing reason skips the loop (spam, a duplicate). Pure; the store applies it.

use super::service_loop::SurveyResponse;
use super::ticket::Status;

/// The loop's settings (`[loop]` in the config).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoopPolicy {
    /// Closing reasons that let an open ticket close without being solved and followed up.
    pub skip_loop_reasons: Vec<String>,
    /// A CSAT at or below this is a low score (1–5 scale).
    pub low_csat: i64,
    /// An NPS at or below this is a low score (a detractor: 0–6).
    pub low_nps: i64,
    /// A low score reopens a solved ticket as well as creating the recovery task.
    pub reopen_on_low_score: bool,
    /// The recovery task falls due this many seconds after the score.
    pub recovery_after: i64,
    /// The root causes a resolved complaint is filed under.
    pub root_causes: Vec<String>,
}

impl Default for LoopPolicy {
    fn default() -> Self {
        LoopPolicy {
            skip_loop_reasons: vec!["spam".into(), "duplicate".into()],
            low_csat: 2,
            low_nps: 6,
            reopen_on_low_score: true,
            recovery_after: 4 * 3600,
            root_causes: super::complaint::DEFAULT_ROOT_CAUSES
                .iter()
                .map(|c| c.to_string())
                .collect(),
        }
    }
}

impl LoopPolicy {
    /// Why closing from `from` is refused; `None` when the ticket may close. Solved tickets close freely (their
    /// loop is the follow-up's business); an open one needs a reason that skips the loop.
    pub fn close_blocks(&self, from: Status, to: Status, reason: Option<&str>) -> Option<String> {
        if to != Status::Closed || !from.is_open() {
            return None;
        }
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        match reason {
            Some(r) if self.skips_loop(r) => None,
            Some(r) => Some(format!(
                "closing reason `{r}` does not skip the closed loop (those that do: {}); solve the ticket instead \
                 and let the follow-up call (回访) close the loop",
                self.reasons()
            )),
            None => Some(format!(
                "it is {}: a ticket closes only once solved and followed up (回访); to close it without the loop \
                 give a reason: close_reason={}",
                from.label(),
                self.reasons_or()
            )),
        }
    }

    pub fn skips_loop(&self, reason: &str) -> bool {
        self.skip_loop_reasons
            .iter()
            .any(|r| r.eq_ignore_ascii_case(reason.trim()))
    }

    fn reasons(&self) -> String {
        if self.skip_loop_reasons.is_empty() {
            "none configured".into()
        } else {
            self.skip_loop_reasons.join(", ")
        }
    }

    fn reasons_or(&self) -> String {
        if self.skip_loop_reasons.is_empty() {
            "(none configured: [loop] skip_loop_reasons)".into()
        } else {
            self.skip_loop_reasons.join("|")
        }
    }

    /// What makes a survey a low score (`CSAT 1`, `NPS 3 (detractor)`), or `None` when it is not one.
    pub fn low_score(&self, s: &SurveyResponse) -> Option<String> {
        let mut why = Vec::new();
        if let Some(c) = s.csat.filter(|c| *c <= self.low_csat) {
            why.push(format!("CSAT {c}"));
        }
        if let Some(n) = s.nps.filter(|n| *n <= self.low_nps) {
            why.push(format!("NPS {n} (detractor)"));
        }
        (!why.is_empty()).then(|| why.join(", "))
    }

    /// The status a low score takes the ticket to: a solved ticket reopens when configured; a closed one stays
    /// closed (the recovery task carries the follow-up).
    pub fn reopens_on_low_score(&self, status: Status) -> Option<Status> {
        (self.reopen_on_low_score && status == Status::Solved).then_some(Status::Open)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_ticket_closes_only_with_a_reason_that_skips_the_loop() {
        let p = LoopPolicy::default();
        for from in [Status::New, Status::Open, Status::Pending, Status::OnHold] {
            let why = p.close_blocks(from, Status::Closed, None).unwrap();
            assert!(why.contains("close_reason=spam|duplicate"), "{why}");
            assert_eq!(p.close_blocks(from, Status::Closed, Some("spam")), None);
            assert_eq!(
                p.close_blocks(from, Status::Closed, Some(" Duplicate ")),
                None
            );
            let why = p
                .close_blocks(from, Status::Closed, Some("customer happy"))
                .unwrap();
            assert!(why.contains("does not skip the closed loop"), "{why}");
            assert_eq!(p.close_blocks(from, Status::Solved, None), None);
        }
        assert_eq!(p.close_blocks(Status::Solved, Status::Closed, None), None);
        let none = LoopPolicy {
            skip_loop_reasons: vec![],
            ..LoopPolicy::default()
        };
        let why = none
            .close_blocks(Status::Open, Status::Closed, Some("spam"))
            .unwrap();
        assert!(why.contains("none configured"), "{why}");
    }

    #[test]
    fn low_scores_are_csat_at_or_below_the_threshold_or_nps_detractors() {
        let p = LoopPolicy::default();
        let s = |csat, nps| SurveyResponse {
            csat,
            nps,
            ces: None,
            comment: None,
            items: Vec::new(),
        };
        assert_eq!(p.low_score(&s(Some(1), None)).as_deref(), Some("CSAT 1"));
        assert_eq!(p.low_score(&s(Some(2), None)).as_deref(), Some("CSAT 2"));
        assert_eq!(p.low_score(&s(Some(3), None)), None);
        assert_eq!(
            p.low_score(&s(Some(5), Some(6))).as_deref(),
            Some("NPS 6 (detractor)")
        );
        assert_eq!(p.low_score(&s(Some(4), Some(7))), None, "passive");
        assert_eq!(
            p.low_score(&s(Some(1), Some(0))).as_deref(),
            Some("CSAT 1, NPS 0 (detractor)")
        );
        assert_eq!(p.reopens_on_low_score(Status::Solved), Some(Status::Open));
        assert_eq!(p.reopens_on_low_score(Status::Closed), None);
        let keep = LoopPolicy {
            reopen_on_low_score: false,
            ..p
        };
        assert_eq!(keep.reopens_on_low_score(Status::Solved), None);
    }
}
