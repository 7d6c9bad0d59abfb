//! Spare parts (备件, issue 22): the catalogue, stock per location as the sum of a ledger of movements, parts
//! reserved for scheduled visits and consumed when a visit completes. Every movement is a ledger row and a line in
//! the part's change log; stock never goes below zero unless `[field_service] allow_negative_stock` says so.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::changes::ChangeLog;
use super::{Result, Store, StoreError};
use crate::domain::field_rules::FieldRules;
use crate::domain::text::SafeText;

/// A catalogue entry with its stock over every location.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PartRow {
    pub code: SafeText,
    pub name: SafeText,
    /// Product names (or prefixes) it fits.
    pub compatible: Vec<SafeText>,
    pub unit_cost_cents: i64,
    pub price_cents: i64,
    pub reorder_at: i64,
    pub on_hand: i64,
    pub reserved: i64,
}

impl PartRow {
    pub fn available(&self) -> i64 {
        self.on_hand - self.reserved
    }

    /// At or below its reorder point (what is free to use counts).
    pub fn is_low(&self) -> bool {
        self.available() <= self.reorder_at
    }
}

/// A part's stock at one location.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StockRow {
    pub code: SafeText,
    pub location: SafeText,
    pub on_hand: i64,
    pub reserved: i64,
}

/// A new catalogue entry.
#[derive(Debug, Clone, Default)]
pub struct NewPart {
    pub code: String,
    pub name: String,
    pub compatible: Vec<String>,
    pub unit_cost_cents: i64,
    pub price_cents: i64,
    pub reorder_at: i64,
}

/// A part reserved for a visit, with its price (the service report's parts list).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct VisitPart {
    pub code: SafeText,
    pub name: SafeText,
    pub location: SafeText,
    pub qty: i64,
    pub price_cents: i64,
    /// Consumed (the visit completed) rather than only reserved.
    pub used: bool,
}

fn on_hand(tx: &Connection, code: &str, location: &str) -> Result<i64> {
    Ok(tx
        .prepare_cached(
            "SELECT coalesce(sum(delta), 0) FROM part_moves WHERE part_code = ?1 AND location = ?2",
        )?
        .query_row(params![code, location], |r| r.get(0))?)
}

fn reserved_at(tx: &Connection, code: &str, location: &str) -> Result<i64> {
    Ok(tx
        .prepare_cached(
            "SELECT coalesce(sum(qty), 0) FROM part_reservations WHERE part_code = ?1 AND location = ?2",
        )?
        .query_row(params![code, location], |r| r.get(0))?)
}

fn known_part(tx: &Connection, raw: &str) -> Result<String> {
    let code = raw.trim().to_uppercase();
    tx.prepare_cached("SELECT code FROM parts WHERE code = ?1")?
        .query_row(params![code], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound {
            entity: "part",
            id: crate::domain::text::sanitize(&code),
        })
}

fn location_name(raw: &str) -> Result<String> {
    let l = raw.trim();
    if l.is_empty() || l.chars().any(char::is_control) {
        return Err(StoreError::Refused(
            "a stock location needs a name, e.g. 上海仓 or van:li".into(),
        ));
    }
    Ok(l.to_string())
}

/// Writes one movement: the ledger row and the change log line `stock@LOCATION old → new`. Refuses to go below
/// zero unless allowed.
#[allow(clippy::too_many_arguments)]
fn move_stock(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    code: &str,
    location: &str,
    delta: i64,
    kind: &str,
    visit_id: Option<&str>,
    note: &str,
    allow_negative: bool,
    now: i64,
) -> Result<i64> {
    let before = on_hand(tx, code, location)?;
    let after = before + delta;
    if after < 0 && !allow_negative {
        return Err(StoreError::Refused(format!(
            "{code} at {location}: {before} on hand, {} asked; stock cannot go below zero \
             (receive or transfer some first, or set [field_service] allow_negative_stock = true)",
            -delta
        )));
    }
    tx.prepare_cached(
        "INSERT INTO part_moves(id, part_code, location, delta, kind, visit_id, note, actor, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        super::new_id(),
        code,
        location,
        delta,
        kind,
        visit_id,
        note,
        log.actor,
        now
    ])?;
    let field = format!("stock@{location}");
    let reason = if note.is_empty() {
        kind.to_string()
    } else {
        format!("{kind}: {note}")
    };
    log.append(
        tx,
        "part",
        code,
        &field,
        Some(&before.to_string()),
        Some(&format!("{after} ({reason})")),
        now,
    )?;
    Ok(after)
}

/// A part reserved for a visit whose ticket's product is not among those the part is listed for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartMisfit {
    pub code: String,
    /// The products the part is listed for.
    pub listed_for: Vec<String>,
    /// The ticket's product.
    pub product: String,
}

impl std::fmt::Display for PartMisfit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} is listed for {}; the ticket's product is {}",
            self.code,
            self.listed_for.join(", "),
            self.product
        )
    }
}

/// Says so when the part is listed for other products than the visit's ticket's: a reservation an engineer
/// would want to check (the catalogue's fit list is advice, not a rule — parts are shared across models).
fn misfit(tx: &Connection, code: &str, visit_id: &str) -> Result<Option<PartMisfit>> {
    let compatible: String = tx
        .prepare_cached("SELECT compatible FROM parts WHERE code = ?1")?
        .query_row(params![code], |r| r.get(0))?;
    let fits: Vec<&str> = compatible
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let product: Option<String> = tx
        .prepare_cached(
            "SELECT p.name FROM visits v JOIN tickets t ON t.id = v.ticket_id JOIN products p ON p.id = t.product_id
              WHERE v.id = ?1",
        )?
        .query_row(params![visit_id], |r| r.get(0))
        .optional()?;
    Ok(match product {
        Some(p) if !fits.is_empty() && !fits.iter().any(|f| p.contains(f)) => Some(PartMisfit {
            code: code.to_string(),
            listed_for: fits.iter().map(|f| f.to_string()).collect(),
            product: p,
        }),
        _ => None,
    })
}

/// What the reserved parts of a visit cost the customer, at the catalogue price.
pub(super) fn reserved_price(tx: &Connection, visit_id: &str) -> Result<i64> {
    Ok(tx
        .prepare_cached(
            "SELECT coalesce(sum(r.qty * p.price_cents), 0) FROM part_reservations r
               JOIN parts p ON p.code = r.part_code WHERE r.visit_id = ?1",
        )?
        .query_row(params![visit_id], |r| r.get(0))?)
}

/// Removes a visit's reservations and returns them: (part, location, quantity).
fn take_reservations(tx: &Connection, visit_id: &str) -> Result<Vec<(String, String, i64)>> {
    let mut stmt = tx.prepare_cached(
        "SELECT part_code, location, qty FROM part_reservations WHERE visit_id = ?1 ORDER BY part_code",
    )?;
    let rows: Vec<(String, String, i64)> = stmt
        .query_map(params![visit_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    tx.prepare_cached("DELETE FROM part_reservations WHERE visit_id = ?1")?
        .execute(params![visit_id])?;
    Ok(rows)
}

/// A completed visit uses what was reserved for it: each reservation becomes a consumption.
pub(super) fn consume_reserved(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    rules: &FieldRules,
    visit_id: &str,
    number: i64,
    now: i64,
) -> Result<()> {
    for (code, location, qty) in take_reservations(tx, visit_id)? {
        let note = format!("used on V{number}");
        move_stock(
            tx,
            log,
            &code,
            &location,
            -qty,
            "consume",
            Some(visit_id),
            &note,
            rules.allow_negative_stock,
            now,
        )?;
    }
    Ok(())
}

/// A visit that will not happen gives its reserved parts back.
pub(super) fn release_reserved(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    visit_id: &str,
    number: i64,
    now: i64,
) -> Result<()> {
    for (code, location, qty) in take_reservations(tx, visit_id)? {
        log.append(
            tx,
            "part",
            &code,
            &format!("reserved@{location}"),
            Some(&format!("{qty} for V{number}")),
            None,
            now,
        )?;
    }
    Ok(())
}

/// [`Store::reserve_part`] inside a write: `part` is (code, location, quantity).
pub(super) fn reserve_in(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    rules: &FieldRules,
    number: i64,
    part: (&str, &str, i64),
    now: i64,
) -> Result<Option<PartMisfit>> {
    let (code, location, qty) = part;
    let location = location_name(location)?;
    let code = known_part(tx, code)?;
    let (visit_id, status): (String, String) = tx
        .prepare_cached(
            "SELECT id, status FROM visits WHERE number = ?1 ORDER BY created_at LIMIT 1",
        )?
        .query_row(params![number], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or(StoreError::NotFound {
            entity: "visit",
            id: format!("V{number}"),
        })?;
    if matches!(status.as_str(), "completed" | "no_show" | "cancelled") {
        return Err(StoreError::Refused(format!(
            "V{number} is {status}; reserve parts for an open visit"
        )));
    }
    let earlier: i64 = tx
        .prepare_cached(
            "SELECT coalesce(sum(qty), 0) FROM part_reservations
              WHERE visit_id = ?1 AND part_code = ?2 AND location = ?3",
        )?
        .query_row(params![visit_id, code, location], |r| r.get(0))?;
    let free = on_hand(tx, &code, &location)? - reserved_at(tx, &code, &location)? + earlier;
    if qty > free && !rules.allow_negative_stock {
        return Err(StoreError::Refused(format!(
            "{code} at {location}: {free} free, {qty} asked; transfer or receive stock first"
        )));
    }
    tx.prepare_cached("DELETE FROM part_reservations WHERE visit_id = ?1 AND part_code = ?2")?
        .execute(params![visit_id, code])?;
    if qty > 0 {
        tx.prepare_cached(
            "INSERT INTO part_reservations(visit_id, part_code, location, qty) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![visit_id, code, location, qty])?;
    }
    let field = format!("reserved@{location}");
    let new = (qty > 0).then(|| format!("{qty} for V{number}"));
    log.append(tx, "part", &code, &field, None, new.as_deref(), now)?;
    misfit(tx, &code, &visit_id)
}

impl Store {
    /// Adds a part to the catalogue (codes are upper-case).
    pub fn add_part(&mut self, p: &NewPart, now: i64) -> Result<String> {
        let code = p.code.trim().to_uppercase();
        if code.is_empty() || code.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(StoreError::Refused(format!(
                "part code `{}`: use letters, digits and - without spaces, e.g. FLT-200",
                crate::domain::text::sanitize(&p.code)
            )));
        }
        if p.name.trim().is_empty() {
            return Err(StoreError::Refused(format!("part {code} needs a name")));
        }
        self.write(|tx, log, _| {
            let exists: bool = tx.query_row("SELECT EXISTS(SELECT 1 FROM parts WHERE code = ?1)", params![code], |r| {
                r.get(0)
            })?;
            if exists {
                return Err(StoreError::Refused(format!(
                    "part {code} is already in the catalogue; change it with `desk part set {code} …`"
                )));
            }
            tx.prepare_cached(
                "INSERT INTO parts(code, name, compatible, unit_cost_cents, price_cents, reorder_at, created_at,
                                   updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            )?
            .execute(params![
                code,
                p.name.trim(),
                p.compatible.join("\n"),
                p.unit_cost_cents,
                p.price_cents,
                p.reorder_at,
                now
            ])?;
            log.append(tx, "part", &code, "created", None, Some(p.name.trim()), now)?;
            Ok(code.clone())
        })
    }

    /// Stock arrives at a location (`receive`), or a count corrects it (`adjust`, by the difference).
    pub fn receive_part(
        &mut self,
        code: &str,
        location: &str,
        qty: i64,
        note: &str,
        now: i64,
    ) -> Result<i64> {
        if qty <= 0 {
            return Err(StoreError::Refused(
                "receive a quantity of at least 1".into(),
            ));
        }
        let location = location_name(location)?;
        self.write(|tx, log, rules| {
            let code = known_part(tx, code)?;
            move_stock(
                tx,
                log,
                &code,
                &location,
                qty,
                "receive",
                None,
                note,
                rules.field.allow_negative_stock,
                now,
            )
        })
    }

    /// Sets the counted stock at a location; the difference is an `adjust` movement.
    pub fn count_part(
        &mut self,
        code: &str,
        location: &str,
        counted: i64,
        now: i64,
    ) -> Result<i64> {
        let location = location_name(location)?;
        self.write(|tx, log, _| {
            let code = known_part(tx, code)?;
            let delta = counted - on_hand(tx, &code, &location)?;
            if delta == 0 {
                return Ok(counted);
            }
            move_stock(
                tx,
                log,
                &code,
                &location,
                delta,
                "adjust",
                None,
                "stocktake",
                true,
                now,
            )
        })
    }

    /// Moves stock between locations (warehouse → van); only what is not reserved there can move.
    pub fn transfer_part(
        &mut self,
        code: &str,
        from: &str,
        to: &str,
        qty: i64,
        now: i64,
    ) -> Result<()> {
        if qty <= 0 {
            return Err(StoreError::Refused(
                "transfer a quantity of at least 1".into(),
            ));
        }
        let (from, to) = (location_name(from)?, location_name(to)?);
        if from == to {
            return Err(StoreError::Refused(format!(
                "{from} to {to} moves nothing; name two locations"
            )));
        }
        self.write(|tx, log, rules| {
            let code = known_part(tx, code)?;
            let free = on_hand(tx, &code, &from)? - reserved_at(tx, &code, &from)?;
            if free < qty && !rules.field.allow_negative_stock {
                return Err(StoreError::Refused(format!(
                    "{code} at {from}: {free} free to move (the rest is reserved for visits), {qty} asked"
                )));
            }
            let note_out = format!("to {to}");
            let note_in = format!("from {from}");
            move_stock(tx, log, &code, &from, -qty, "transfer", None, &note_out, true, now)?;
            move_stock(tx, log, &code, &to, qty, "transfer", None, &note_in, true, now)?;
            Ok(())
        })
    }

    /// Reserves `qty` of a part at `location` for visit `number` (replacing an earlier reservation of that part).
    /// Returns a warning when the part is listed for other products than the ticket's.
    pub fn reserve_part(
        &mut self,
        number: i64,
        code: &str,
        location: &str,
        qty: i64,
        now: i64,
    ) -> Result<Option<String>> {
        self.write(|tx, log, rules| {
            reserve_in(tx, log, &rules.field, number, (code, location, qty), now)
        })
        .map(|m| m.map(|m| m.to_string()))
    }

    /// The catalogue with stock; `low_only` keeps parts at or below their reorder point.
    pub fn part_list(&self, low_only: bool) -> Result<Vec<PartRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.code, p.name, p.compatible, p.unit_cost_cents, p.price_cents, p.reorder_at,
                    (SELECT coalesce(sum(delta), 0) FROM part_moves m WHERE m.part_code = p.code),
                    (SELECT coalesce(sum(qty), 0) FROM part_reservations r WHERE r.part_code = p.code)
               FROM parts p ORDER BY p.code",
        )?;
        let rows = stmt.query_map([], |r| {
            let compatible: String = r.get(2)?;
            Ok(PartRow {
                code: SafeText::new(&r.get::<_, String>(0)?),
                name: SafeText::new(&r.get::<_, String>(1)?),
                compatible: compatible
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(SafeText::new)
                    .collect(),
                unit_cost_cents: r.get(3)?,
                price_cents: r.get(4)?,
                reorder_at: r.get(5)?,
                on_hand: r.get(6)?,
                reserved: r.get(7)?,
            })
        })?;
        let all: Vec<PartRow> = rows.collect::<rusqlite::Result<_>>()?;
        Ok(all
            .into_iter()
            .filter(|p| !low_only || p.is_low())
            .collect())
    }

    /// Stock by location (of one part, or of every part).
    pub fn part_stock(&self, code: Option<&str>) -> Result<Vec<StockRow>> {
        let code = code.map(|c| known_part(&self.conn, c)).transpose()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.part_code, m.location, sum(m.delta),
                    (SELECT coalesce(sum(qty), 0) FROM part_reservations r
                      WHERE r.part_code = m.part_code AND r.location = m.location)
               FROM part_moves m WHERE ?1 IS NULL OR m.part_code = ?1
              GROUP BY m.part_code, m.location ORDER BY m.part_code, m.location",
        )?;
        let rows = stmt.query_map(params![code], |r| {
            Ok(StockRow {
                code: SafeText::new(&r.get::<_, String>(0)?),
                location: SafeText::new(&r.get::<_, String>(1)?),
                on_hand: r.get(2)?,
                reserved: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The parts reserved for, or used on, a visit.
    pub fn visit_parts(&self, number: i64) -> Result<Vec<VisitPart>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.part_code, p.name, r.location, r.qty, p.price_cents, 0
               FROM part_reservations r JOIN parts p ON p.code = r.part_code
              WHERE r.visit_id = (SELECT id FROM visits WHERE number = ?1 ORDER BY created_at LIMIT 1)
             UNION ALL
             SELECT m.part_code, p.name, m.location, -m.delta, p.price_cents, 1
               FROM part_moves m JOIN parts p ON p.code = m.part_code
              WHERE m.kind = 'consume'
                AND m.visit_id = (SELECT id FROM visits WHERE number = ?1 ORDER BY created_at LIMIT 1)
             ORDER BY 1",
        )?;
        let rows = stmt.query_map(params![number], |r| {
            Ok(VisitPart {
                code: SafeText::new(&r.get::<_, String>(0)?),
                name: SafeText::new(&r.get::<_, String>(1)?),
                location: SafeText::new(&r.get::<_, String>(2)?),
                qty: r.get(3)?,
                price_cents: r.get(4)?,
                used: r.get::<_, i64>(5)? == 1,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
