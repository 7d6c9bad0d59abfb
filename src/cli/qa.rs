//! `desk qa`: quality inspection (质检) — a lead samples a week's solved tickets (or one ticket) into the QA queue,
//! lists the queue, scores a ticket on the `[qa]` rubric and shows its reviews; an agent lists the reviews of
//! their own work.

use super::UsageError;
use super::locale::say;
use super::output::{ListArgs, ListFormat, Out, ShowFormat, Sink, number_cell};
use crate::domain::qa::{Rubric, iso_week};
use crate::domain::view::PageRequest;
use crate::store::Store;
use crate::store::qa::{QaReview, QaSample};

#[derive(Debug, clap::Subcommand)]
pub enum QaCmd {
    /// Sample a week's solved tickets into the queue: every complaint and low score, and a random few per agent
    /// (`[qa] per_agent_per_week`); or one ticket by hand with --ticket. Leads and admins.
    Sample {
        /// An ISO week, e.g. 2026-W47 (default: last week)
        #[arg(long, conflicts_with = "ticket")]
        week: Option<String>,
        /// Put this ticket in the queue
        #[arg(long)]
        ticket: Option<i64>,
    },
    /// The QA queue, oldest sample first: tickets waiting for a review (--all: reviewed ones too)
    List {
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        list: ListArgs,
    },
    /// Score a ticket on the rubric: `desk qa score 1042 greeting=5 understanding=4 accuracy=fail …`. Leads and
    /// admins; scoring again replaces your earlier review.
    Score {
        ticket: i64,
        /// CRITERION=SCORE for every criterion of `[qa]` (`fail` is 0: on a critical item it fails the review)
        #[arg(required = true)]
        scores: Vec<String>,
        #[arg(long, default_value = "")]
        comment: String,
    },
    /// A ticket's reviews, each criterion scored, and the difference between two reviewers (calibration)
    Show {
        ticket: i64,
        #[arg(long, value_enum, default_value = "text")]
        format: ShowFormat,
    },
    /// The reviews of your work (or --agent's), newest first
    Mine {
        #[arg(long)]
        agent: Option<String>,
        #[command(flatten)]
        list: ListArgs,
    },
    /// The rubric in force: criteria, weights, max scores, critical items
    Rubric,
}

const QUEUE_HEADER: &[&str] = &[
    "ticket", "agent", "reason", "week", "reviews", "score", "subject",
];
const REVIEW_HEADER: &[&str] = &[
    "ticket", "reviewer", "score", "failed", "scores", "comment", "subject",
];

fn score_text(total: f64, failed: bool) -> String {
    if failed {
        say("said-qa-score-critical", &[("total", &total)])
    } else {
        format!("{total}/100")
    }
}

fn queue_cells(s: &QaSample, format: ListFormat) -> Vec<String> {
    vec![
        number_cell(s.ticket, format),
        s.agent.clone().unwrap_or_default(),
        s.reason.as_str().to_string(),
        s.week.clone(),
        s.reviews.to_string(),
        s.score.map(|t| t.to_string()).unwrap_or_default(),
        s.subject.to_string(),
    ]
}

/// `greeting 5/5 · accuracy 0/5` — each criterion of a review.
pub fn items_text(r: &QaReview) -> String {
    let items: Vec<String> = r
        .items
        .iter()
        .map(|i| format!("{} {}/{}", i.key, i.score, i.max))
        .collect();
    items.join(" · ")
}

fn review_cells(r: &QaReview, format: ListFormat) -> Vec<String> {
    vec![
        number_cell(r.ticket, format),
        r.reviewer.clone(),
        r.total.to_string(),
        if r.failed_critical { "yes" } else { "" }.to_string(),
        items_text(r),
        r.comment.to_string(),
        r.subject.to_string(),
    ]
}

/// Monday of last week, as an ISO week.
fn last_week(now: i64, offset: i64) -> String {
    iso_week(now - 7 * 86_400, offset)
}

pub fn run(
    store: &mut Store,
    cmd: QaCmd,
    now: i64,
    offset: i64,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    match cmd {
        QaCmd::Sample { week, ticket } => {
            if let Some(t) = ticket {
                let added = store.qa_sample_ticket(t, offset, now)?;
                let key = if added {
                    "said-qa-sampled-ticket"
                } else {
                    "said-qa-sampled-already"
                };
                writeln!(out, "{}", say(key, &[("n", &t)]))?;
                return Ok(());
            }
            let week = week.unwrap_or_else(|| last_week(now, offset));
            let added = store.qa_sample_week(&week, offset, now)?;
            let line = say(
                "said-qa-sampled-week",
                &[("week", &week), ("n", &added.len())],
            );
            writeln!(out, "{line}")?;
            for s in &added {
                writeln!(out, "#{} {} ({})", s.ticket, s.agent, s.reason.as_str())?;
            }
        }
        QaCmd::List { all, list } => {
            let mut sink = Sink::new(out, list.format, QUEUE_HEADER);
            let mut req = PageRequest::First;
            let mut left = if list.limit == 0 {
                usize::MAX
            } else {
                list.limit
            };
            loop {
                let page = store.qa_queue(req, left.min(200), !all)?;
                let format = list.format;
                sink.batch(
                    &page.rows,
                    |s| queue_cells(s, format),
                    |s, w| serde_json::to_writer(w, s),
                )?;
                left = left.saturating_sub(page.rows.len());
                match page.rows.last() {
                    Some(last) if !page.at_end && left > 0 => req = PageRequest::After(last.cursor),
                    _ => break,
                }
            }
            sink.finish()?;
        }
        QaCmd::Score {
            ticket,
            scores,
            comment,
        } => {
            let rubric = store.service_rules().qa.rubric.clone();
            let scored = rubric
                .parse(&scores)
                .map_err(|e| UsageError(e.to_string()))?;
            store.qa_review(ticket, &scored, &comment, offset, now)?;
            let who = store.actor().unwrap_or("desk").to_string();
            let line = say(
                "said-qa-reviewed",
                &[
                    ("n", &ticket),
                    ("who", &who),
                    ("score", &score_text(scored.total, scored.failed_critical)),
                ],
            );
            writeln!(out, "{line}")?;
        }
        QaCmd::Show { ticket, format } => show(store, ticket, format, out)?,
        QaCmd::Mine { agent, list } => {
            let Some(handle) = agent.or_else(|| store.actor().map(str::to_string)) else {
                return Err(UsageError(say("usage-qa-who", &[])).into());
            };
            let limit = if list.limit == 0 {
                usize::MAX
            } else {
                list.limit
            };
            let rows = store.qa_agent_reviews(&handle, limit)?;
            let format = list.format;
            let mut sink = Sink::new(out, format, REVIEW_HEADER);
            sink.batch(
                &rows,
                |r| review_cells(r, format),
                |r, w| serde_json::to_writer(w, r),
            )?;
            sink.finish()?;
        }
        QaCmd::Rubric => rubric(&store.service_rules().qa.rubric, out)?,
    }
    Ok(())
}

fn rubric(r: &Rubric, out: &mut Out<'_>) -> anyhow::Result<()> {
    for c in &r.criteria {
        let key = if c.critical {
            "said-qa-criterion-critical"
        } else {
            "said-qa-criterion"
        };
        let line = say(
            key,
            &[
                ("key", &c.key),
                ("label", &c.label),
                ("weight", &c.weight),
                ("max", &c.max),
            ],
        );
        writeln!(out, "{line}")?;
    }
    Ok(())
}

fn show(store: &Store, ticket: i64, format: ShowFormat, out: &mut Out<'_>) -> anyhow::Result<()> {
    let sample = store.qa_sample(ticket)?;
    let reviews = store.qa_ticket_reviews(ticket)?;
    let calibration = calibration(&reviews);
    if format == ShowFormat::Json {
        let doc = serde_json::json!({
            "ticket": ticket,
            "sample": sample,
            "reviews": reviews,
            "calibration": calibration,
        });
        serde_json::to_writer_pretty(out.json(), &doc)?;
        writeln!(out)?;
        return Ok(());
    }
    let Some(s) = sample else {
        return Err(super::error_words::not_in_qa_queue(ticket).into());
    };
    writeln!(out, "#{ticket} {}", s.subject)?;
    let line = say(
        "said-qa-sample",
        &[
            ("agent", &s.agent.as_deref().unwrap_or("—")),
            ("week", &s.week),
            ("reason", &s.reason.as_str()),
            ("n", &reviews.len()),
        ],
    );
    writeln!(out, "{line}")?;
    for r in &reviews {
        let line = say(
            "said-qa-review",
            &[
                ("who", &r.reviewer),
                ("score", &score_text(r.total, r.failed_critical)),
            ],
        );
        writeln!(out, "\n{line}")?;
        for i in &r.items {
            let score = format!("{} {}/{}", i.label, i.score, i.max);
            let line = if i.critical {
                say("said-qa-item-critical", &[("item", &score)])
            } else {
                score
            };
            writeln!(out, "  {line}")?;
        }
        if !r.comment.to_string().is_empty() {
            let line = say("said-qa-comment", &[("comment", &r.comment)]);
            writeln!(out, "  {line}")?;
        }
    }
    if let Some(c) = calibration {
        let line = say(
            "said-qa-calibration",
            &[
                ("first", &c.first),
                ("second", &c.second),
                ("diff", &format!("{:+}", c.total_diff)),
            ],
        );
        writeln!(out, "\n{line}")?;
        for d in c.criteria.iter().filter(|d| d.diff != Some(0)) {
            let diff = d.diff.map_or("—".to_string(), |v| format!("{v:+}"));
            writeln!(out, "  {} {diff}", d.key)?;
        }
    }
    Ok(())
}

/// Two reviewers of one ticket compared (domain::qa_report::calibrate).
fn calibration(reviews: &[QaReview]) -> Option<crate::domain::qa_report::Calibration> {
    let facts: Vec<crate::domain::qa_report::ReviewFact> = reviews
        .iter()
        .map(|r| crate::domain::qa_report::ReviewFact {
            ticket: r.ticket,
            agent: r.agent.clone().unwrap_or_default(),
            reviewer: r.reviewer.clone(),
            week: String::new(),
            created_at: r.created_at,
            scored: crate::domain::qa::Scored {
                items: r.items.clone(),
                total: r.total,
                failed_critical: r.failed_critical,
            },
        })
        .collect();
    let refs: Vec<&crate::domain::qa_report::ReviewFact> = facts.iter().collect();
    crate::domain::qa_report::calibrate(&refs)
}
