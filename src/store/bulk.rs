//! Bulk loads (demo data, imports): many rows in one big transaction with cached statements. Bulk rows are not
//! written to the change log one by one; the load logs one `import` entry so the history says where data came from.

use super::records::*;
use super::{Result, Store};
use rusqlite::{Transaction, params};

pub struct BulkWriter<'s> {
    tx: Transaction<'s>,
    max_number: i64,
    deferred: Vec<super::deferred_fts::DeferredFts>,
    /// The sync triggers' `CREATE TRIGGER` texts, suspended for the load: a bulk load makes a new database (the
    /// demo), whose rows no peer lacks, so tracking them for sync would only cost time and space.
    sync_triggers: Vec<String>,
    /// Customers' phones are keyed under this region as they are inserted (store::phones).
    phone_region: crate::domain::phone::Region,
    /// Subjects and bodies for a search index built beside the load (store::side_index).
    tap: Option<super::side_index::SideTap>,
}

impl Store {
    /// Starts a bulk load; nothing is visible to others until [`BulkWriter::commit`].
    pub fn bulk(&mut self) -> Result<BulkWriter<'_>> {
        // Scratch data (statement journals) in memory for the load: with the on-disk default SQLite gives each
        // statement's in-memory journal 64 KiB chunks and frees them after every statement, and that allocator churn
        // halved load speed. [`BulkWriter::commit`] restores the default.
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        let tx = self.begin_write()?;
        // Numbers continue after both the highest used and the sequence (which starts at 1000, so #1001 first).
        let max_number: i64 = tx.query_row(
            "SELECT max(coalesce((SELECT max(number) FROM tickets), 0),
                        coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'ticket_number_seq'), 0))",
            [],
            |r| r.get(0),
        )?;
        let deferred = super::deferred_fts::suspend(&tx)?;
        let sync_triggers = super::deferred_indexes::drop_sync_triggers(&tx)?;
        // Row by row the roll-up triggers would cost more than the load; the roll-ups are rebuilt in one pass by
        // whoever needs them next (the demo when it settles, else the first report).
        super::rollups::suspend(&tx)?;
        let phone_region = super::phones::keyed_region(&tx)?;
        Ok(BulkWriter {
            tx,
            max_number,
            deferred,
            sync_triggers,
            phone_region,
            tap: None,
        })
    }
}

impl BulkWriter<'_> {
    pub fn agent(&mut self, a: &AgentRec) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO agents(id, handle, name, email, role, active, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?6)",
            )?
            .execute(params![
                a.id,
                a.handle,
                a.name,
                a.email,
                a.role,
                a.created_at
            ])?;
        Ok(())
    }

    pub fn group(&mut self, g: &GroupRec) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO groups(id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
            )?
            .execute(params![g.id, g.name, g.created_at])?;
        for agent in &g.members {
            self.tx
                .prepare_cached("INSERT INTO agent_groups(agent_id, group_id) VALUES (?1, ?2)")?
                .execute(params![agent, g.id])?;
        }
        Ok(())
    }

    /// An agent's dispatch settings (store::dispatch): availability, capacity and skills.
    pub fn dispatch(
        &mut self,
        agent_id: &str,
        availability: crate::domain::dispatch::Availability,
        capacity: Option<u32>,
        skills: &[String],
    ) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE agents SET availability = ?1, capacity = ?2 WHERE id = ?3")?
            .execute(params![availability.as_str(), capacity, agent_id])?;
        for s in skills {
            self.tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO agent_skills(agent_id, skill) VALUES (?1, ?2)",
                )?
                .execute(params![agent_id, s])?;
        }
        Ok(())
    }

    /// How a group hands out its tickets.
    pub fn group_assignment(
        &mut self,
        group_id: &str,
        how: crate::domain::dispatch::Strategy,
    ) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE groups SET assignment = ?1 WHERE id = ?2")?
            .execute(params![how.as_str(), group_id])?;
        Ok(())
    }

    pub fn organization(&mut self, o: &OrgRec) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO organizations(id, name, tier, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            )?
            .execute(params![o.id, o.name, o.tier.map(|t| t.as_str()), o.created_at])?;
        Ok(())
    }

    pub fn customer(&mut self, c: &CustomerRec) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO customers(id, name, email, phone, org_id, tier, tier_source, birthday, city, notes,
                                       created_at, updated_at, phone_norm)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12)",
            )?
            .execute(params![
                c.id,
                c.name,
                c.email,
                c.phone,
                c.org_id,
                c.tier.as_str(),
                c.tier_source.as_str(),
                c.birthday,
                c.city,
                c.notes,
                c.created_at,
                c.phone
                    .as_deref()
                    .and_then(|p| crate::domain::phone::normalise(p, self.phone_region)),
            ])?;
        Ok(())
    }

    pub fn product(&mut self, p: &ProductRec) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO products(id, customer_id, name, serial, purchased_at, warranty_until, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce(?5, 0), coalesce(?5, 0))",
            )?
            .execute(params![p.id, p.customer_id, p.name, p.serial, p.purchased_at, p.warranty_until])?;
        Ok(())
    }

    pub fn order(&mut self, o: &OrderRec) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO orders(id, customer_id, at, amount_cents, delivered_at, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?3, ?3)",
            )?
            .execute(params![o.id, o.customer_id, o.at, o.amount_cents, o.delivered_at])?;
        Ok(())
    }

    /// Hands this batch's subjects and bodies to `side` when it commits, for the index it builds.
    pub fn tap(&mut self, side: Option<&super::side_index::SideIndex>) {
        self.tap = side.and_then(super::side_index::SideIndex::tap);
    }

    /// Inserts a ticket and returns its number.
    pub fn ticket(&mut self, t: &TicketRec) -> Result<i64> {
        let number = t.number.unwrap_or(self.max_number + 1);
        self.max_number = self.max_number.max(number);
        self.tx
            .prepare_cached(
                "INSERT INTO tickets(id, number, subject, status, priority, kind, channel, customer_id, product_id,
                                     assignee_id, group_id, created_at, updated_at, first_response_at, solved_at, closed_at,
                                     merged_into, loaded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?13)",
            )?
            .execute(params![
                t.id,
                number,
                t.subject,
                t.status.as_str(),
                t.priority.as_str(),
                t.kind.as_str(),
                t.channel.as_str(),
                t.customer_id,
                t.product_id,
                t.assignee_id,
                t.group_id,
                t.created_at,
                t.updated_at,
                t.first_response_at,
                t.solved_at,
                t.closed_at,
                t.merged_into
            ])?;
        if let Some(tap) = &mut self.tap {
            tap.push("tickets", self.tx.last_insert_rowid(), &t.subject);
        }
        Ok(number)
    }

    pub fn message(&mut self, m: &MessageRec) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO messages(id, ticket_id, author_kind, author_id, visibility, body, created_at, channel)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                m.id,
                m.ticket_id,
                m.author_kind.as_str(),
                m.author_id,
                if m.internal { "internal" } else { "public" },
                m.body,
                m.created_at,
                m.channel.map(|c| c.as_str())
            ])?;
        if let Some(tap) = &mut self.tap {
            tap.push("messages", self.tx.last_insert_rowid(), &m.body);
        }
        Ok(())
    }

    pub fn tag(&mut self, entity: &str, entity_id: &str, tag: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT OR IGNORE INTO tags(entity, entity_id, tag) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![entity, entity_id, tag])?;
        Ok(())
    }

    /// A customer's address; a default one is also mirrored into `customers.address` (store::customer_addresses).
    pub fn customer_address(
        &mut self,
        id: &str,
        customer_id: &str,
        label: &str,
        address: &str,
        is_default: bool,
        at: i64,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO customer_addresses(id, customer_id, label, address, is_default, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            )?
            .execute(params![id, customer_id, label, address, is_default, at])?;
        if is_default {
            self.tx
                .prepare_cached("UPDATE customers SET address = ?2 WHERE id = ?1")?
                .execute(params![customer_id, address])?;
        }
        Ok(())
    }

    /// A customer's gender and preferred contact channel and time, as stored.
    pub fn customer_contact(
        &mut self,
        customer_id: &str,
        gender: Option<&str>,
        channel: Option<&str>,
        time: Option<&str>,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "UPDATE customers SET gender = ?2, contact_channel = ?3, contact_time = ?4 WHERE id = ?1",
            )?
            .execute(params![customer_id, gender, channel, time])?;
        Ok(())
    }

    pub fn category(&mut self, c: &CategoryRec) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO categories(id, name, position, created_at, updated_at) VALUES (?1, ?2, ?3, 0, 0)",
            )?
            .execute(params![c.id, c.name, c.position])?;
        Ok(())
    }

    pub fn article(&mut self, a: &ArticleRec) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO articles(id, title, body_md, category_id, status, author_id, views, uses, helpful_up,
                                      helpful_down, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?
            .execute(params![
                a.id,
                a.title,
                a.body_md,
                a.category_id,
                a.status,
                a.author_id,
                a.views,
                a.uses,
                a.helpful_up,
                a.helpful_down,
                a.created_at,
                a.updated_at
            ])?;
        Ok(())
    }

    pub fn survey(&mut self, s: &SurveyRec) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO surveys(id, ticket_id, customer_id, kind, score, comment, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![s.id, s.ticket_id, s.customer_id, s.kind, s.score, s.comment, s.at])?;
        Ok(())
    }

    /// One questionnaire answer's items about ticket `ticket_id`, the only one the load gives it: each row's id is
    /// made from the ticket and the item, so two loads from one seed make the same rows.
    pub fn survey_items(
        &mut self,
        ticket_id: &str,
        answers: &[(String, i64)],
        at: i64,
    ) -> Result<()> {
        super::survey_items::insert(&self.tx, ticket_id, answers, at, |item| {
            format!("{ticket_id}-{item}")
        })
    }

    pub fn task(&mut self, t: &TaskRec) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO tasks(id, kind, ticket_id, customer_id, due_at, done_at, assignee_id, note, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            )?
            .execute(params![t.id, t.kind, t.ticket_id, t.customer_id, t.due_at, t.done_at, t.assignee_id, t.note, t.created_at])?;
        Ok(())
    }

    /// Commits the load: advances the ticket-number sequence past every number used and logs one `import` change.
    pub fn commit(mut self, source: &str, now: i64) -> Result<()> {
        super::deferred_fts::resume(&self.tx, &self.deferred)?;
        for sql in &self.sync_triggers {
            self.tx.execute_batch(sql)?;
        }
        self.tx.execute(
            "UPDATE meta SET value = CAST(max(CAST(value AS INTEGER), ?1) AS TEXT) WHERE key = 'ticket_number_seq'",
            params![self.max_number],
        )?;
        let replica: String =
            self.tx
                .query_row("SELECT value FROM meta WHERE key = 'replica_id'", [], |r| {
                    r.get(0)
                })?;
        self.tx.execute(
            "INSERT INTO changes(id, hlc, replica, actor, entity, entity_id, field, old, new, at)
             VALUES (?1, ?2, ?3, NULL, 'database', ?3, 'import', NULL, ?4, ?5)",
            params![
                super::new_id(),
                // After the newest entry, like every other write (see changes::log_change).
                super::hlc::HlcClock::resume(&self.tx)?.tick(now * 1000),
                replica,
                source,
                now
            ],
        )?;
        // Committing by statement rather than `Transaction::commit` keeps the connection at hand to restore the
        // temp store; the transaction's drop is then a no-op (the connection is back in autocommit).
        self.tx.execute_batch("COMMIT")?;
        if let Some(tap) = self.tap.take() {
            tap.committed();
        }
        self.tx.pragma_update(None, "temp_store", "DEFAULT")?;
        Ok(())
    }
}
