//! Quality inspection (质检, issue 23): the week's sample of solved tickets (domain::qa decides which), the QA
//! queue paged by keyset, a lead's review written in one transaction with a line in the ticket's history, the
//! reviews an agent sees and the facts of the report's QA section. Sampling and scoring are for leads and admins.

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::changes::ChangeLog;
use super::paging::{Clauses, finish};
use super::visits::word;
use super::{Page, Result, Store, StoreError};
use crate::domain::qa::{
    Candidate, ItemScore, QaRules, SampleReason, Sampled, Scored, iso_week, sample, week_range,
};
use crate::domain::qa_report::{QaReport, ReviewFact, build};
use crate::domain::team::Act;
use crate::domain::text::SafeText;
use crate::domain::view::{Cursor, PageRequest};

/// A ticket in the QA queue.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct QaSample {
    pub ticket: i64,
    pub subject: SafeText,
    /// The agent reviewed.
    pub agent: Option<String>,
    pub reason: SampleReason,
    pub week: String,
    pub sampled_at: i64,
    pub sampled_by: Option<String>,
    pub reviews: i64,
    /// The first review's total.
    pub score: Option<f64>,
    #[serde(skip)]
    pub cursor: Cursor,
}

/// A lead's review of a ticket.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct QaReview {
    pub ticket: i64,
    pub subject: SafeText,
    pub agent: Option<String>,
    pub reviewer: String,
    pub total: f64,
    pub failed_critical: bool,
    pub items: Vec<ItemScore>,
    pub comment: SafeText,
    pub created_at: i64,
}

const SAMPLE_COLUMNS: &str = "t.number, t.subject, a.handle, s.reason, s.week, s.sampled_at, s.sampled_by,
    (SELECT count(*) FROM qa_reviews r WHERE r.ticket_id = s.ticket_id),
    (SELECT r.total FROM qa_reviews r WHERE r.ticket_id = s.ticket_id ORDER BY r.created_at LIMIT 1), s.rowid";

const SAMPLE_FROM: &str =
    "qa_samples s INDEXED BY qa_samples_at JOIN tickets t ON t.id = s.ticket_id
    LEFT JOIN agents a ON a.id = s.agent_id";

const REVIEW_COLUMNS: &str =
    "t.number, t.subject, a.handle, r.reviewer, r.total, r.failed_critical, r.scores,
    r.comment, r.created_at";

const REVIEW_FROM: &str =
    "qa_reviews r JOIN tickets t ON t.id = r.ticket_id LEFT JOIN agents a ON a.id = r.agent_id";

/// Solved tickets of a week `[?1, ?2)` not yet sampled, with the agent and the lowest scores.
const CANDIDATES: &str = "SELECT t.number, a.handle, t.kind = 'complaint',
        (SELECT min(v.score) FROM surveys v WHERE v.ticket_id = t.id AND v.kind = 'csat'),
        (SELECT min(v.score) FROM surveys v WHERE v.ticket_id = t.id AND v.kind = 'nps')
   FROM tickets t INDEXED BY tickets_solved JOIN agents a ON a.id = t.assignee_id
  WHERE t.solved_at >= ?1 AND t.solved_at < ?2 AND t.merged_into IS NULL
    AND NOT EXISTS (SELECT 1 FROM qa_samples q WHERE q.ticket_id = t.id)";

/// What a week's queue already holds.
const WEEK_SAMPLES: &str = "SELECT t.number, a.handle, s.week, s.reason
   FROM qa_samples s INDEXED BY qa_samples_week JOIN tickets t ON t.id = s.ticket_id
   LEFT JOIN agents a ON a.id = s.agent_id WHERE s.week = ?1";

/// Reviews made in `[?1, ?2)`.
const REPORTED: &str =
    "SELECT t.number, a.handle, r.reviewer, r.created_at, r.scores, r.total, r.failed_critical
   FROM qa_reviews r INDEXED BY qa_reviews_at JOIN tickets t ON t.id = r.ticket_id
   LEFT JOIN agents a ON a.id = r.agent_id WHERE r.created_at >= ?1 AND r.created_at < ?2";

fn agent_reviews_sql() -> String {
    format!(
        "SELECT {REVIEW_COLUMNS} FROM {REVIEW_FROM} WHERE r.agent_id = (SELECT id FROM agents WHERE handle = ?1)
          ORDER BY r.created_at DESC LIMIT ?2"
    )
}

fn ticket_reviews_sql() -> String {
    format!(
        "SELECT {REVIEW_COLUMNS} FROM {REVIEW_FROM} WHERE r.ticket_id = (SELECT id FROM tickets WHERE number = ?1)
          ORDER BY r.created_at"
    )
}

fn items_of(r: &Row<'_>, i: usize) -> rusqlite::Result<Vec<ItemScore>> {
    let text: String = r.get(i)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn sample_row(r: &Row<'_>) -> rusqlite::Result<QaSample> {
    let at: i64 = r.get(5)?;
    Ok(QaSample {
        ticket: r.get(0)?,
        subject: SafeText::new(&r.get::<_, String>(1)?),
        agent: r.get(2)?,
        reason: word(r, 3, SampleReason::parse)?,
        week: r.get(4)?,
        sampled_at: at,
        sampled_by: r.get(6)?,
        reviews: r.get(7)?,
        score: r.get(8)?,
        cursor: Cursor {
            key: at,
            rid: r.get(9)?,
        },
    })
}

fn review_row(r: &Row<'_>) -> rusqlite::Result<QaReview> {
    Ok(QaReview {
        ticket: r.get(0)?,
        subject: SafeText::new(&r.get::<_, String>(1)?),
        agent: r.get(2)?,
        reviewer: r.get(3)?,
        total: r.get(4)?,
        failed_critical: r.get(5)?,
        items: items_of(r, 6)?,
        comment: SafeText::new(&r.get::<_, String>(7)?),
        created_at: r.get(8)?,
    })
}

/// The ticket's id and assignee; a missing ticket is `NotFound`.
fn ticket_and_agent(tx: &Connection, ticket: i64) -> Result<(String, Option<String>, Option<i64>)> {
    tx.prepare_cached("SELECT id, assignee_id, solved_at FROM tickets WHERE number = ?1")?
        .query_row(params![ticket], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or(StoreError::NotFound {
            entity: "ticket",
            id: ticket.to_string(),
        })
}

/// Puts `ticket` in the queue unless it is there; true when it was added.
fn insert_sample(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    ticket: i64,
    reason: SampleReason,
    week: Option<&str>,
    offset: i64,
    now: i64,
) -> Result<bool> {
    let (id, agent, solved) = ticket_and_agent(tx, ticket)?;
    let Some(agent) = agent else {
        return Err(StoreError::Refused(format!(
            "#{ticket} has no assignee, so there is no agent's work to review; assign it first"
        )));
    };
    let week = week.map_or_else(|| iso_week(solved.unwrap_or(now), offset), str::to_string);
    let n = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO qa_samples(ticket_id, agent_id, reason, week, sampled_at, sampled_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![id, agent, reason.as_str(), week, now, log.actor])?;
    if n == 1 {
        let what = format!("sampled into QA ({})", reason.as_str().replace('_', " "));
        log.append(tx, "ticket", &id, "qa", None, Some(&what), now)?;
    }
    Ok(n == 1)
}

fn sample_week(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    rules: &QaRules,
    week: &str,
    offset: i64,
    now: i64,
) -> Result<Vec<Sampled>> {
    super::roles::require_on(tx, log.actor.as_deref(), Act::ReviewQuality)?;
    let (from, to) = week_range(week, offset).ok_or_else(|| {
        StoreError::Refused(format!(
            "`{}` is not an ISO week; write it as 2026-W47",
            crate::domain::text::sanitize(week)
        ))
    })?;
    let candidates: Vec<Candidate> = tx
        .prepare_cached(CANDIDATES)?
        .query_map(params![from, to], |r| {
            Ok(Candidate {
                ticket: r.get(0)?,
                agent: r.get(1)?,
                week: week.to_string(),
                complaint: r.get(2)?,
                csat: r.get(3)?,
                nps: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let already: Vec<Sampled> = tx
        .prepare_cached(WEEK_SAMPLES)?
        .query_map(params![week], |r| {
            Ok(Sampled {
                ticket: r.get(0)?,
                agent: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                week: r.get(2)?,
                reason: word(r, 3, SampleReason::parse)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let chosen = sample(&candidates, &already, rules, week_seed(week));
    let mut added = Vec::new();
    for s in chosen {
        if insert_sample(tx, log, s.ticket, s.reason, Some(week), offset, now)? {
            added.push(s);
        }
    }
    Ok(added)
}

/// The same week draws the same tickets whenever it is sampled (FNV-1a of its name).
fn week_seed(week: &str) -> u64 {
    week.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn write_review(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    ticket: i64,
    scored: &Scored,
    comment: &str,
    offset: i64,
    now: i64,
) -> Result<()> {
    super::roles::require_on(tx, log.actor.as_deref(), Act::ReviewQuality)?;
    insert_sample(tx, log, ticket, SampleReason::Manual, None, offset, now)?;
    let reviewer = log.actor.clone().unwrap_or_else(|| "desk".into());
    let (id, agent): (String, Option<String>) = tx
        .prepare_cached("SELECT ticket_id, agent_id FROM qa_samples WHERE ticket_id = (SELECT id FROM tickets WHERE number = ?1)")?
        .query_row(params![ticket], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let scores = serde_json::to_string(&scored.items)
        .map_err(|e| StoreError::Refused(format!("the scores could not be written: {e}")))?;
    let comment = comment.trim();
    let updated = tx
        .prepare_cached(
            "UPDATE qa_reviews SET scores = ?3, total = ?4, failed_critical = ?5, comment = ?6, created_at = ?7
              WHERE ticket_id = ?1 AND reviewer = ?2",
        )?
        .execute(params![
            id,
            reviewer,
            scores,
            scored.total,
            scored.failed_critical,
            comment,
            now
        ])?;
    if updated == 0 {
        tx.prepare_cached(
            "INSERT INTO qa_reviews(id, ticket_id, agent_id, reviewer, scores, total, failed_critical, comment,
                                    created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            super::new_id(),
            id,
            agent,
            reviewer,
            scores,
            scored.total,
            scored.failed_critical,
            comment,
            now
        ])?;
    }
    let failed = if scored.failed_critical {
        " (failed on a critical item)"
    } else {
        ""
    };
    let what = format!("QA review by {reviewer}: {}/100{failed}", scored.total);
    log.append(tx, "ticket", &id, "qa", None, Some(&what), now)
}

impl Store {
    /// Samples an ISO week (`2026-W47`, weeks start Monday at UTC offset `offset`) by `[qa]`: every complaint and
    /// low score among the tickets solved in it and a random few per agent. Sampling a week again adds only what
    /// is new. Leads and admins only.
    pub fn qa_sample_week(&mut self, week: &str, offset: i64, now: i64) -> Result<Vec<Sampled>> {
        self.write(|tx, log, rules| sample_week(tx, log, &rules.qa, week, offset, now))
    }

    /// Puts one ticket in the queue by hand; false when it was there already. Leads and admins only.
    pub fn qa_sample_ticket(&mut self, ticket: i64, offset: i64, now: i64) -> Result<bool> {
        self.write(|tx, log, _| {
            super::roles::require_on(tx, log.actor.as_deref(), Act::ReviewQuality)?;
            insert_sample(tx, log, ticket, SampleReason::Manual, None, offset, now)
        })
    }

    /// Records the acting lead's review of `ticket` (replacing their earlier one), sampling the ticket by hand
    /// if it was not in the queue; the ticket's history says who scored it and the total.
    pub fn qa_review(
        &mut self,
        ticket: i64,
        scored: &Scored,
        comment: &str,
        offset: i64,
        now: i64,
    ) -> Result<()> {
        self.write(|tx, log, _| write_review(tx, log, ticket, scored, comment, offset, now))
    }

    /// A page of the queue, oldest sample first; `pending` leaves out tickets already reviewed.
    pub fn qa_queue(
        &self,
        req: PageRequest,
        limit: usize,
        pending: bool,
    ) -> Result<Page<QaSample>> {
        let (sql, params) = queue_sql(req, limit, pending);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params.iter()), sample_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(finish(rows, req, limit))
    }

    /// The queue entry of one ticket, if it was sampled.
    pub fn qa_sample(&self, ticket: i64) -> Result<Option<QaSample>> {
        let sql = format!(
            "SELECT {SAMPLE_COLUMNS} FROM {SAMPLE_FROM}
              WHERE s.ticket_id = (SELECT id FROM tickets WHERE number = ?1)"
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![ticket], sample_row)
            .optional()?)
    }

    /// Every review of a ticket, oldest first.
    pub fn qa_ticket_reviews(&self, ticket: i64) -> Result<Vec<QaReview>> {
        let mut stmt = self.conn.prepare_cached(&ticket_reviews_sql())?;
        let rows = stmt.query_map(params![ticket], review_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The reviews of an agent's work, newest first.
    pub fn qa_agent_reviews(&self, handle: &str, limit: usize) -> Result<Vec<QaReview>> {
        let h = crate::domain::handle::normalize(handle);
        let mut stmt = self.conn.prepare_cached(&agent_reviews_sql())?;
        let rows = stmt.query_map(params![h, limit.max(1) as i64], review_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The report's QA section over reviews made in `[from, to)`, weeks at UTC offset `offset`.
    pub fn qa_report(&self, from: i64, to: i64, offset: i64) -> Result<QaReport> {
        let mut stmt = self.conn.prepare_cached(REPORTED)?;
        let facts: Vec<ReviewFact> = stmt
            .query_map(params![from, to], |r| {
                let at: i64 = r.get(3)?;
                Ok(ReviewFact {
                    ticket: r.get(0)?,
                    agent: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                    reviewer: r.get(2)?,
                    week: iso_week(at, offset),
                    created_at: at,
                    scored: Scored {
                        items: items_of(r, 4)?,
                        total: r.get(5)?,
                        failed_critical: r.get(6)?,
                    },
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(build(&facts, &self.rules.qa.rubric))
    }

    /// `EXPLAIN QUERY PLAN` of every QA read, for the test that keeps them on indexes.
    pub fn qa_query_plans(&self) -> Result<Vec<(&'static str, String)>> {
        let (first, p1) = queue_sql(PageRequest::First, 50, true);
        let cur = Cursor { key: 0, rid: 0 };
        let (after, p2) = queue_sql(PageRequest::After(cur), 50, false);
        let nulls = |n: usize| vec![rusqlite::types::Value::Null; n];
        let all = [
            ("queue, first page", first, p1),
            ("queue, next page", after, p2),
            ("reviews of an agent", agent_reviews_sql(), nulls(2)),
            ("reviews of a ticket", ticket_reviews_sql(), nulls(1)),
            ("candidates of a week", CANDIDATES.to_string(), nulls(2)),
            ("samples of a week", WEEK_SAMPLES.to_string(), nulls(1)),
            ("reviews in a period", REPORTED.to_string(), nulls(2)),
        ];
        all.into_iter()
            .map(|(name, sql, params)| {
                Ok((
                    name,
                    super::paging::query_plan(&self.conn, &sql, &params)?.join("\n"),
                ))
            })
            .collect()
    }
}

fn queue_sql(
    req: PageRequest,
    limit: usize,
    pending: bool,
) -> (String, Vec<rusqlite::types::Value>) {
    let mut c = Clauses::default();
    if pending {
        c.push("NOT EXISTS (SELECT 1 FROM qa_reviews r WHERE r.ticket_id = s.ticket_id)");
    }
    let tail = c.keyset(req, "s.sampled_at", "s.rowid", limit, false);
    let sql = format!(
        "SELECT {SAMPLE_COLUMNS} FROM {SAMPLE_FROM}{}{tail}",
        c.where_sql()
    );
    (sql, c.params)
}
