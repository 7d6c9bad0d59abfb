//! The closed service loop (闭环): solved → followed up (回访) → surveyed, and the complaint stages
//! received → registered → investigating → resolved → revisited. Pure rules; the store records the results.

use crate::str_enum;

use super::ticket::{Kind, Status};

str_enum!(
    /// How far a solved ticket has come round the loop.
    LoopStage {
        Solved = "solved",
        FollowedUp = "followed_up",
        Surveyed = "surveyed",
    }
);

impl LoopStage {
    pub fn label(self) -> &'static str {
        match self {
            LoopStage::Solved => "solved · follow-up due",
            LoopStage::FollowedUp => "followed up · survey open",
            LoopStage::Surveyed => "surveyed · loop closed",
        }
    }

    /// The stage after a follow-up is recorded (a survey already recorded keeps the loop closed).
    pub fn after_follow_up(stage: Option<LoopStage>) -> LoopStage {
        match stage {
            Some(LoopStage::Surveyed) => LoopStage::Surveyed,
            _ => LoopStage::FollowedUp,
        }
    }
}

str_enum!(
    /// What the customer said on the follow-up call.
    FollowUpOutcome {
        Confirmed = "confirmed",
        NotSolved = "not_solved",
    }
);

impl FollowUpOutcome {
    pub fn label(self) -> &'static str {
        match self {
            FollowUpOutcome::Confirmed => "confirmed solved",
            FollowUpOutcome::NotSolved => "not solved — reopen",
        }
    }

    /// The status the ticket takes: not solved reopens it (unless it is already open again).
    pub fn reopens(self, status: Status) -> Option<Status> {
        match (self, status) {
            (FollowUpOutcome::NotSolved, Status::Solved) => Some(Status::Open),
            _ => None,
        }
    }
}

str_enum!(
    /// The complaint procedure (投诉处理): 接收 → 登记 → 调查 → 处理 → 回访.
    ComplaintStage {
        Received = "received",
        Registered = "registered",
        Investigating = "investigating",
        Resolved = "resolved",
        Revisited = "revisited",
    }
);

impl ComplaintStage {
    pub fn label(self) -> &'static str {
        match self {
            ComplaintStage::Received => "received 接收",
            ComplaintStage::Registered => "registered 登记",
            ComplaintStage::Investigating => "investigating 调查",
            ComplaintStage::Resolved => "resolved 处理",
            ComplaintStage::Revisited => "revisited 回访",
        }
    }

    /// The next stage; `None` at the end.
    pub fn next(self) -> Option<ComplaintStage> {
        let all = ComplaintStage::ALL;
        let i = all.iter().position(|s| *s == self)?;
        all.get(i + 1).copied()
    }

    /// The stage a new complaint starts in.
    pub fn initial(kind: Kind) -> Option<ComplaintStage> {
        (kind == Kind::Complaint).then_some(ComplaintStage::Received)
    }
}

/// Why a ticket may not move to `to`, from the complaint procedure; `None` when it may.
pub fn complaint_blocks(kind: Kind, stage: Option<ComplaintStage>, to: Status) -> Option<String> {
    if kind != Kind::Complaint || to != Status::Closed || stage == Some(ComplaintStage::Revisited) {
        return None;
    }
    let at = stage.map_or("no stage", |s| s.label());
    Some(format!(
        "a complaint closes only once revisited (it is at {at}); advance its stage first"
    ))
}

/// The stage a complaint reaches when its follow-up call is recorded: the call is the 回访.
pub fn complaint_after_follow_up(stage: Option<ComplaintStage>) -> Option<ComplaintStage> {
    match stage {
        Some(ComplaintStage::Resolved) => Some(ComplaintStage::Revisited),
        other => other,
    }
}

/// A survey response that cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SurveyError {
    /// A score off its scale: `scale` is CSAT, NPS or CES, `min..=max` its range.
    #[error("{scale} is {value}; it must be {min}–{max}")]
    OffScale {
        scale: &'static str,
        value: i64,
        min: i64,
        max: i64,
    },
    #[error("a survey needs at least one score: CSAT, NPS, CES or a questionnaire item")]
    NoScore,
    #[error(transparent)]
    Item(#[from] super::questionnaire::ItemError),
}

/// One survey response. Scales: CSAT 1–5, NPS 0–10, CES 1–7, questionnaire items 1–5.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SurveyResponse {
    pub csat: Option<i64>,
    pub nps: Option<i64>,
    pub ces: Option<i64>,
    pub comment: Option<String>,
    /// Questionnaire answers (item key, score), in the questionnaire's order.
    pub items: Vec<(String, i64)>,
}

impl SurveyResponse {
    /// Checks the scales; at least one score is needed.
    pub fn check(&self) -> Result<(), SurveyError> {
        let scales = [
            ("CSAT", self.csat, 1, 5),
            ("NPS", self.nps, 0, 10),
            ("CES", self.ces, 1, 7),
        ];
        for (scale, v, min, max) in scales {
            if let Some(value) = v
                && !(min..=max).contains(&value)
            {
                return Err(SurveyError::OffScale {
                    scale,
                    value,
                    min,
                    max,
                });
            }
        }
        super::questionnaire::check(&self.items, None)?;
        if self.csat.is_none() && self.nps.is_none() && self.ces.is_none() && self.items.is_empty()
        {
            return Err(SurveyError::NoScore);
        }
        Ok(())
    }

    /// The scores and items given, as `CSAT 4 · product 5`.
    pub fn summary(&self) -> String {
        let scores = self
            .scores()
            .into_iter()
            .map(|(k, v)| format!("{} {v}", k.to_uppercase()));
        let items = self.items.iter().map(|(k, v)| format!("{k} {v}"));
        scores.chain(items).collect::<Vec<_>>().join(" · ")
    }

    /// The scores given, as (kind, score) in the stored kind names.
    pub fn scores(&self) -> Vec<(&'static str, i64)> {
        [("csat", self.csat), ("nps", self.nps), ("ces", self.ces)]
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, v)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complaint_stages_advance_in_order_and_stop_at_revisited() {
        let mut s = ComplaintStage::initial(Kind::Complaint).unwrap();
        let mut seen = vec![s];
        while let Some(n) = s.next() {
            s = n;
            seen.push(s);
        }
        assert_eq!(seen, ComplaintStage::ALL);
        assert_eq!(ComplaintStage::initial(Kind::Question), None);
    }

    #[test]
    fn a_complaint_closes_only_when_revisited() {
        for stage in ComplaintStage::ALL {
            let blocked = complaint_blocks(Kind::Complaint, Some(*stage), Status::Closed);
            assert_eq!(
                blocked.is_some(),
                *stage != ComplaintStage::Revisited,
                "{stage}"
            );
        }
        assert!(complaint_blocks(Kind::Complaint, None, Status::Closed).is_some());
        // Solving is allowed at any stage; other kinds are never blocked.
        assert!(
            complaint_blocks(
                Kind::Complaint,
                Some(ComplaintStage::Received),
                Status::Solved
            )
            .is_none()
        );
        assert!(complaint_blocks(Kind::Question, None, Status::Closed).is_none());
        let msg = complaint_blocks(
            Kind::Complaint,
            Some(ComplaintStage::Investigating),
            Status::Closed,
        );
        assert!(msg.unwrap().contains("investigating"));
    }

    #[test]
    fn follow_up_moves_the_loop_and_the_complaint() {
        assert_eq!(
            LoopStage::after_follow_up(Some(LoopStage::Solved)),
            LoopStage::FollowedUp
        );
        assert_eq!(
            LoopStage::after_follow_up(Some(LoopStage::Surveyed)),
            LoopStage::Surveyed
        );
        assert_eq!(
            complaint_after_follow_up(Some(ComplaintStage::Resolved)),
            Some(ComplaintStage::Revisited)
        );
        assert_eq!(
            complaint_after_follow_up(Some(ComplaintStage::Investigating)),
            Some(ComplaintStage::Investigating),
            "a call before the complaint is resolved is not the revisit"
        );
        assert_eq!(
            FollowUpOutcome::NotSolved.reopens(Status::Solved),
            Some(Status::Open)
        );
        assert_eq!(FollowUpOutcome::NotSolved.reopens(Status::Closed), None);
        assert_eq!(FollowUpOutcome::Confirmed.reopens(Status::Solved), None);
    }

    #[test]
    fn survey_scales_are_checked() {
        let ok = SurveyResponse {
            csat: Some(5),
            nps: Some(0),
            ces: Some(7),
            comment: None,
            items: Vec::new(),
        };
        assert_eq!(ok.check(), Ok(()));
        assert_eq!(ok.scores(), [("csat", 5), ("nps", 0), ("ces", 7)]);
        for (bad, word) in [
            (
                SurveyResponse {
                    csat: Some(0),
                    ..Default::default()
                },
                "CSAT is 0",
            ),
            (
                SurveyResponse {
                    nps: Some(11),
                    ..Default::default()
                },
                "NPS is 11",
            ),
            (
                SurveyResponse {
                    ces: Some(8),
                    ..Default::default()
                },
                "CES is 8",
            ),
            (SurveyResponse::default(), "at least one score"),
        ] {
            assert!(
                bad.check().unwrap_err().to_string().contains(word),
                "{bad:?}"
            );
        }
        let nps = SurveyResponse {
            nps: Some(11),
            ..Default::default()
        };
        let e = nps.check().unwrap_err();
        assert_eq!(
            e,
            SurveyError::OffScale {
                scale: "NPS",
                value: 11,
                min: 0,
                max: 10
            }
        );
        assert_eq!(e.to_string(), "NPS is 11; it must be 0–10");
        assert_eq!(SurveyResponse::default().check(), Err(SurveyError::NoScore));
    }
}
