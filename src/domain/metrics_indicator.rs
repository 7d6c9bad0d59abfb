//! Every indicator a report shows: its key, label, unit, which way is better, and how a value reads.
//! Formulas: docs/METRICS.md; values: `domain::metrics::Tally::value`.

use crate::str_enum;

str_enum!(
    /// Every indicator a report shows.
    Indicator {
        Created = "created",
        Solved = "solved",
        Backlog = "backlog",
        FrtMean = "frt_mean",
        FrtMedian = "frt_median",
        FrtP90 = "frt_p90",
        ResolutionMean = "resolution_mean",
        ResolutionMedian = "resolution_median",
        ResolutionP90 = "resolution_p90",
        FrtWallMean = "frt_wall_mean",
        FrtWallMedian = "frt_wall_median",
        FrtWallP90 = "frt_wall_p90",
        ResolutionWallMean = "resolution_wall_mean",
        ResolutionWallMedian = "resolution_wall_median",
        ResolutionWallP90 = "resolution_wall_p90",
        FrtSla = "frt_sla",
        ResolutionSla = "resolution_sla",
        NextReplySla = "next_reply_sla",
        Fcr = "fcr",
        ReopenRate = "reopen_rate",
        ComplaintRate = "complaint_rate",
        FollowUpRate = "follow_up_rate",
        Csat = "csat",
        Nps = "nps",
        Ces = "ces",
        Csi = "csi",
        Sqi = "sqi",
    }
);

/// How an indicator's value reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Count,
    /// Seconds: business time in the ticket's SLA calendar, or wall-clock for the `*_wall_*` indicators.
    Duration,
    /// 0–100.
    Percent,
    /// NPS: −100…100.
    Points,
    /// A mean score (CES 1–7) or an index (CSI, SQI 0–100).
    Score,
}

/// Which way is better, for arrows and targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    Higher,
    Lower,
    /// Volume: neither direction is good in itself.
    Neither,
}

impl Indicator {
    pub fn label(self) -> &'static str {
        use Indicator::*;
        match self {
            Created => "Created",
            Solved => "Solved",
            Backlog => "Backlog",
            FrtMean => "First response (mean)",
            FrtMedian => "First response (median)",
            FrtP90 => "First response (p90)",
            ResolutionMean => "Resolution (mean)",
            ResolutionMedian => "Resolution (median)",
            ResolutionP90 => "Resolution (p90)",
            FrtWallMean => "First response, wall clock (mean)",
            FrtWallMedian => "First response, wall clock (median)",
            FrtWallP90 => "First response, wall clock (p90)",
            ResolutionWallMean => "Resolution, wall clock (mean)",
            ResolutionWallMedian => "Resolution, wall clock (median)",
            ResolutionWallP90 => "Resolution, wall clock (p90)",
            FrtSla => "SLA first response",
            ResolutionSla => "SLA resolution",
            NextReplySla => "SLA next reply",
            Fcr => "First-contact resolution",
            ReopenRate => "Reopen rate",
            ComplaintRate => "Complaint rate",
            FollowUpRate => "Follow-up completion",
            Csat => "CSAT",
            Nps => "NPS",
            Ces => "CES",
            Csi => "CSI",
            Sqi => "SQI",
        }
    }

    /// A short name for tiles and table headers.
    pub fn short(self) -> &'static str {
        use Indicator::*;
        match self {
            FrtMean => "FRT mean",
            FrtMedian => "FRT p50",
            FrtP90 => "FRT p90",
            ResolutionMean => "Resolve mean",
            ResolutionMedian => "Resolve p50",
            ResolutionP90 => "Resolve p90",
            FrtWallMean => "FRT wall mean",
            FrtWallMedian => "FRT wall p50",
            FrtWallP90 => "FRT wall p90",
            ResolutionWallMean => "Res. wall mean",
            ResolutionWallMedian => "Res. wall p50",
            ResolutionWallP90 => "Res. wall p90",
            FrtSla => "SLA FR",
            ResolutionSla => "SLA res",
            NextReplySla => "SLA NR",
            Fcr => "FCR",
            ReopenRate => "Reopen",
            ComplaintRate => "Complaints",
            FollowUpRate => "Follow-up",
            other => other.label(),
        }
    }

    pub fn unit(self) -> Unit {
        use Indicator::*;
        match self {
            Created | Solved | Backlog => Unit::Count,
            FrtMean | FrtMedian | FrtP90 | ResolutionMean | ResolutionMedian | ResolutionP90
            | FrtWallMean | FrtWallMedian | FrtWallP90 | ResolutionWallMean
            | ResolutionWallMedian | ResolutionWallP90 => Unit::Duration,
            Nps => Unit::Points,
            Ces | Csi | Sqi => Unit::Score,
            _ => Unit::Percent,
        }
    }

    pub fn better(self) -> Better {
        use Indicator::*;
        match self {
            Created | Solved => Better::Neither,
            Backlog | ReopenRate | ComplaintRate | Ces => Better::Lower,
            _ if self.unit() == Unit::Duration => Better::Lower,
            _ => Better::Higher,
        }
    }

    /// The value as people read it: `42`, `1h30m`, `87.5%`, `+31`, `2.40`.
    pub fn format(self, v: f64) -> String {
        match self.unit() {
            Unit::Count => format!("{}", v.round() as i64),
            Unit::Duration => super::sla_policy::format_duration(v.round() as i64),
            Unit::Percent => format!("{v:.1}%"),
            Unit::Points => format!("{:+}", v.round() as i64),
            Unit::Score => format!("{v:.2}"),
        }
    }
}
