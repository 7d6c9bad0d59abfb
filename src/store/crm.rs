//! CRM columns kept on each customer (tier, RFM, stage, churn risk, the reasons): a cache of `domain::crm` over
//! the customer's orders, tickets and surveys. `desk customer recompute` refreshes everyone in chunks of
//! customer ids (each chunk one short write transaction, so others keep writing); every write that feeds a
//! customer's figures refreshes that customer in its own transaction.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::changes::ChangeLog;
use super::sla::ServiceRules;
use super::{Result, Store};
use crate::domain::crm::{
    CrmRules, CustomerFacts, DAY, Profile, RfmCuts, RiskLevel, Stage, profile,
};
use crate::domain::crm_why;
use crate::domain::customer::{Tier, TierSource};

/// The change log's actor for what the rules changed.
pub const CRM_ACTOR: &str = "crm";
const CUTS_KEY: &str = "crm_rfm_cuts";

/// What a recompute changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct RecomputeSummary {
    pub customers: usize,
    pub upgraded: usize,
    pub downgraded: usize,
    pub stage_changes: usize,
    pub turned_high_risk: usize,
    pub win_back_tasks: usize,
}

/// The cached columns as they are now.
struct Current {
    id: String,
    tier: Tier,
    source: TierSource,
    tier_reason: String,
    rfm: Option<String>,
    stage: Option<Stage>,
    stage_reason: String,
    risk: RiskLevel,
    risk_score: i64,
    risk_signals: String,
    last_active_at: Option<i64>,
    first_order_at: Option<i64>,
    anniversary_md: Option<String>,
}

fn load_cuts(conn: &Connection) -> Result<RfmCuts> {
    let text: Option<String> = conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row(params![CUTS_KEY], |r| r.get(0))
        .optional()?;
    Ok(text
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default())
}

/// Quartile boundaries over every customer with an order, from one grouped pass over the orders index.
fn compute_cuts(conn: &Connection, rules: &CrmRules, now: i64) -> Result<RfmCuts> {
    let since = now - rules.rfm_window_days * DAY;
    let mut stmt = conn.prepare(
        "SELECT max(at), sum(at >= ?1), coalesce(sum(CASE WHEN at >= ?1 THEN amount_cents END), 0)
         FROM orders o JOIN customers c ON c.id = o.customer_id AND c.merged_into IS NULL
         GROUP BY o.customer_id",
    )?;
    let figures = stmt
        .query_map(params![since], |r| {
            Ok(crate::domain::crm::Rfm {
                recency_days: ((now - r.get::<_, i64>(0)?) / DAY).max(0),
                frequency: r.get(1)?,
                monetary_cents: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(RfmCuts::from_figures(&figures))
}

/// Current columns and facts of the live customers with ids in `lo..=hi`, in id order.
fn gather(
    conn: &Connection,
    rules: &CrmRules,
    lo: &str,
    hi: &str,
    now: i64,
) -> Result<Vec<(Current, CustomerFacts)>> {
    let mut out: Vec<(Current, CustomerFacts)> = conn
        .prepare_cached(
            "SELECT id, created_at, tier, tier_source, tier_reason, rfm, stage, stage_reason, risk_level,
                    risk_score, risk_signals, last_active_at, first_order_at, anniversary_md
             FROM customers WHERE id >= ?1 AND id <= ?2 AND merged_into IS NULL ORDER BY id",
        )?
        .query_map(params![lo, hi], |r| {
            let stage_reason: String = r.get(7)?;
            Ok((
                Current {
                    id: r.get(0)?,
                    tier: Tier::parse(&r.get::<_, String>(2)?).unwrap_or(Tier::Bronze),
                    source: TierSource::parse(&r.get::<_, String>(3)?)
                        .unwrap_or(TierSource::Computed),
                    tier_reason: r.get(4)?,
                    rfm: r.get(5)?,
                    // Never computed yet: its first values are not "changes".
                    stage: Stage::parse(&r.get::<_, String>(6)?).filter(|_| !stage_reason.is_empty()),
                    stage_reason,
                    risk: RiskLevel::parse(&r.get::<_, String>(8)?).unwrap_or(RiskLevel::None),
                    risk_score: r.get(9)?,
                    risk_signals: r.get(10)?,
                    last_active_at: r.get(11)?,
                    first_order_at: r.get(12)?,
                    anniversary_md: r.get(13)?,
                },
                CustomerFacts {
                    created_at: r.get(1)?,
                    ..Default::default()
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let index: HashMap<String, usize> = out
        .iter()
        .enumerate()
        .map(|(i, (c, _))| (c.id.clone(), i))
        .collect();
    let since = now - rules.rfm_window_days * DAY;
    let mut orders = conn.prepare_cached(
        "SELECT customer_id, min(at), max(at), count(*), sum(at >= ?3),
                coalesce(sum(CASE WHEN at >= ?3 THEN amount_cents END), 0)
         FROM orders WHERE customer_id >= ?1 AND customer_id <= ?2 GROUP BY customer_id",
    )?;
    let mut rows = orders.query(params![lo, hi, since])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, String>(0)?) {
            let f = &mut out[i].1;
            f.first_order_at = r.get(1)?;
            f.last_order_at = r.get(2)?;
            f.orders = r.get(3)?;
            f.window_orders = r.get(4)?;
            f.window_cents = r.get(5)?;
        }
    }
    let period = rules.contact_period_days * DAY;
    let mut tickets = conn.prepare_cached(
        "SELECT customer_id, max(created_at), sum(created_at >= ?3), sum(created_at >= ?4 AND created_at < ?3),
                sum(kind = 'complaint' AND status IN ('new', 'open', 'pending', 'on_hold'))
         FROM tickets WHERE customer_id >= ?1 AND customer_id <= ?2 AND status != 'merged'
         GROUP BY customer_id",
    )?;
    let mut rows = tickets.query(params![lo, hi, now - period, now - 2 * period])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, String>(0)?) {
            let f = &mut out[i].1;
            f.last_contact_at = r.get(1)?;
            f.contacts_recent = r.get(2)?;
            f.contacts_previous = r.get(3)?;
            f.open_complaints = r.get(4)?;
        }
    }
    // A bare column next to max() comes from the row holding the max: the latest score of each kind.
    let mut surveys = conn.prepare_cached(
        "SELECT customer_id, kind, score, max(at) FROM surveys
         WHERE customer_id >= ?1 AND customer_id <= ?2 AND kind IN ('csat', 'nps')
         GROUP BY customer_id, kind",
    )?;
    let mut rows = surveys.query(params![lo, hi])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, String>(0)?) {
            let score = u8::try_from(r.get::<_, i64>(2)?).ok();
            match r.get::<_, String>(1)?.as_str() {
                "csat" => out[i].1.last_csat = score,
                _ => out[i].1.last_nps = score,
            }
        }
    }
    Ok(out)
}

/// Writes the profile if anything differs; logs tier, stage and risk-level changes; schedules a win-back task
/// when a customer turns high risk. Returns what changed for the summary.
#[allow(clippy::too_many_arguments)] // one customer's row, facts and verdict
fn apply(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    rules: &CrmRules,
    cur: &Current,
    f: &CustomerFacts,
    p: &Profile,
    now: i64,
    sum: &mut RecomputeSummary,
) -> Result<()> {
    let rfm = p.rfm.map(|s| s.code());
    let signals = crm_why::encode_signals(&p.risk.weighted(rules));
    let tier_why = crm_why::encode(&p.tier.why);
    let stage_why = crm_why::encode(&p.stage_why);
    let first = f.first_order_at;
    let anniversary = first.map(|t| rules.local_date(t).format("%m-%d").to_string());
    let last_active = Some(f.last_active_at());
    let same = cur.tier == p.tier.tier
        && cur.tier_reason == tier_why
        && cur.rfm == rfm
        && cur.stage == Some(p.stage)
        && cur.stage_reason == stage_why
        && cur.risk == p.risk.level
        && cur.risk_score == i64::from(p.risk.score)
        && cur.risk_signals == signals
        && cur.last_active_at == last_active
        && cur.first_order_at == first
        && cur.anniversary_md == anniversary;
    if same {
        return Ok(());
    }
    tx.prepare_cached(
        "UPDATE customers SET tier = ?1, tier_reason = ?2, rfm = ?3, stage = ?4, stage_reason = ?5, risk_level = ?6,
                              risk_score = ?7, risk_signals = ?8, last_active_at = ?9, first_order_at = ?10,
                              anniversary_md = ?11
         WHERE id = ?12",
    )?
    .execute(params![
        p.tier.tier.as_str(),
        tier_why,
        rfm,
        p.stage.as_str(),
        stage_why,
        p.risk.level.as_str(),
        p.risk.score,
        signals,
        last_active,
        first,
        anniversary,
        cur.id
    ])?;
    let actor = log.actor.replace(CRM_ACTOR.to_string());
    if cur.tier != p.tier.tier {
        if p.tier.tier.rank() < cur.tier.rank() {
            sum.upgraded += 1;
        } else {
            sum.downgraded += 1;
        }
        if cur.stage.is_some() {
            log.append(
                tx,
                "customer",
                &cur.id,
                "tier",
                Some(cur.tier.as_str()),
                Some(p.tier.tier.as_str()),
                now,
            )?;
        }
        // The tier picks the SLA policy of the customer's open tickets.
        tx.prepare_cached(
            "UPDATE tickets SET sla_stamp = NULL
             WHERE customer_id = ?1 AND status IN ('new', 'open', 'pending', 'on_hold')",
        )?
        .execute(params![cur.id])?;
    }
    if let Some(old) = cur.stage.filter(|s| *s != p.stage) {
        sum.stage_changes += 1;
        log.append(
            tx,
            "customer",
            &cur.id,
            "stage",
            Some(old.as_str()),
            Some(p.stage.as_str()),
            now,
        )?;
    }
    if cur.stage.is_some() && cur.risk != p.risk.level {
        log.append(
            tx,
            "customer",
            &cur.id,
            "risk",
            Some(cur.risk.as_str()),
            Some(p.risk.level.as_str()),
            now,
        )?;
    }
    if p.risk.level == RiskLevel::High && cur.risk != RiskLevel::High {
        sum.turned_high_risk += 1;
        let open: bool = tx
            .prepare_cached(
                "SELECT EXISTS(SELECT 1 FROM tasks WHERE customer_id = ?1 AND kind = 'win_back' AND done_at IS NULL)",
            )?
            .query_row(params![cur.id], |r| r.get(0))?;
        if !open {
            let note = crm_why::encode(&crm_why::CareNote::WinBack {
                signals: p.risk.signals.clone(),
            });
            tx.prepare_cached(
                "INSERT OR IGNORE INTO tasks(id, kind, customer_id, due_at, note, created_at, updated_at)
                 VALUES (?1, 'win_back', ?2, ?3, ?4, ?5, ?5)",
            )?
            .execute(params![
                super::care_task_id("win_back", &cur.id, now + rules.win_back_days * DAY),
                cur.id,
                now + rules.win_back_days * DAY,
                note,
                now
            ])?;
            sum.win_back_tasks += 1;
        }
    }
    log.actor = actor;
    Ok(())
}

/// Refreshes the customers with ids in `lo..=hi` inside `tx`.
#[allow(clippy::too_many_arguments)]
fn refresh_range(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    rules: &CrmRules,
    cuts: &RfmCuts,
    lo: &str,
    hi: &str,
    now: i64,
    sum: &mut RecomputeSummary,
) -> Result<()> {
    for (cur, facts) in gather(tx, rules, lo, hi, now)? {
        let p = profile(&facts, cur.tier, cur.source, cuts, now, rules);
        apply(tx, log, rules, &cur, &facts, &p, now, sum)?;
        sum.customers += 1;
    }
    Ok(())
}

/// Refreshes one customer inside a write that changed its figures (a ticket, a survey, an import).
pub(super) fn refresh_customer(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    rules: &ServiceRules,
    customer_id: &str,
    now: i64,
) -> Result<()> {
    let cuts = load_cuts(tx)?;
    let mut sum = RecomputeSummary::default();
    refresh_range(
        tx,
        log,
        &rules.crm,
        &cuts,
        customer_id,
        customer_id,
        now,
        &mut sum,
    )
}

/// [`refresh_customer`] for the customer of a ticket.
pub(super) fn refresh_ticket_customer(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    rules: &ServiceRules,
    ticket_id: &str,
    now: i64,
) -> Result<()> {
    let customer: Option<String> = tx
        .prepare_cached("SELECT customer_id FROM tickets WHERE id = ?1")?
        .query_row(params![ticket_id], |r| r.get(0))
        .optional()?
        .flatten();
    match customer {
        Some(c) => refresh_customer(tx, log, rules, &c, now),
        None => Ok(()),
    }
}

/// Refreshes `ids` (a bulk job's customers, once its rows are visible) in paced batches: the profile is derived
/// data, so a kill here leaves it for the next recompute rather than anything half-imported.
pub(super) fn refresh_paced(store: &mut Store, ids: &[String], now: i64) -> Result<()> {
    let mut pacer = super::bulk_jobs::Pacer::new(50);
    let mut done = 0;
    while done < ids.len() {
        let batch: Vec<&String> = ids.iter().skip(done).take(pacer.size()).collect();
        let started = std::time::Instant::now();
        store.write(|tx, log, rules| {
            for id in &batch {
                refresh_customer(tx, log, rules, id, now)?;
            }
            Ok(())
        })?;
        pacer.done(batch.len(), started.elapsed());
        done += batch.len();
    }
    Ok(())
}

impl Store {
    /// Recomputes every customer's tier, stage and risk: first the RFM quartiles over all customers with orders,
    /// then chunks of customers, each in its own short transaction (sized by time, store::bulk_jobs). `progress(done, total)` after each.
    pub fn recompute_customers(
        &mut self,
        now: i64,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<RecomputeSummary> {
        let rules = self.rules.clone();
        let cuts = compute_cuts(&self.conn, &rules.crm, now)?;
        // An import still running refreshes its own customers before it publishes them.
        let visible = super::bulk_jobs::visible("customers");
        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM customers WHERE merged_into IS NULL AND {visible}"),
            [],
            |r| r.get(0),
        )?;
        let total = total as usize;
        let mut sum = RecomputeSummary::default();
        let mut after = String::new();
        let path = self.path.clone();
        let mut first = true;
        // Chunks sized to hold the lock about a tenth of a second, with a pause after each (store::bulk_jobs):
        // on a shared file the team's own writes get in between.
        let mut pacer = super::bulk_jobs::Pacer::new(100);
        loop {
            let started = std::time::Instant::now();
            let ids: Vec<String> = self
                .conn
                .prepare_cached(&format!(
                    "SELECT id FROM customers WHERE id > ?1 AND merged_into IS NULL AND {visible}
                     ORDER BY id LIMIT ?2"
                ))?
                .query_map(params![after, pacer.size() as i64], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let (Some(lo), Some(hi)) = (ids.first(), ids.last()) else {
                break;
            };
            let chunk = super::changes::with_retry(&path, || {
                let mut log = self.change_log();
                let mut part = RecomputeSummary::default();
                let tx = self.begin_write()?;
                if first {
                    tx.prepare_cached(
                        "INSERT INTO meta(key, value) VALUES (?1, ?2)
                         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    )?
                    .execute(params![
                        CUTS_KEY,
                        serde_json::to_string(&cuts).unwrap_or_default()
                    ])?;
                }
                refresh_range(&tx, &mut log, &rules.crm, &cuts, lo, hi, now, &mut part)?;
                tx.commit()?;
                self.hlc = log.hlc;
                Ok(part)
            })?;
            first = false;
            pacer.done(ids.len(), started.elapsed());
            sum.customers += chunk.customers;
            sum.upgraded += chunk.upgraded;
            sum.downgraded += chunk.downgraded;
            sum.stage_changes += chunk.stage_changes;
            sum.turned_high_risk += chunk.turned_high_risk;
            sum.win_back_tasks += chunk.win_back_tasks;
            progress(sum.customers, total);
            after = hi.clone();
        }
        Ok(sum)
    }

    /// The RFM quartile boundaries the last recompute stored.
    pub fn rfm_cuts(&self) -> Result<RfmCuts> {
        load_cuts(&self.conn)
    }
}
