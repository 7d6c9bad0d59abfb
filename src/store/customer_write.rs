//! Creating, editing and merging customers. Every write logs its changes and refreshes the customer's tier,
//! stage and risk in the same transaction.

use rusqlite::{OptionalExtension, Transaction, params};

use super::changes::{ChangeLog, Mutable, UpdateOutcome, Value, update_row, with_retry};
use super::sla::ServiceRules;
use super::{Result, Store, StoreError, new_id};
use crate::domain::customer::{Tier, TierSource};
use crate::domain::customer_profile::{ContactTime, ContactTimeError, Gender};
use crate::domain::ticket::{Channel, TagError};

/// One change to a customer. `None` clears an optional field; `Tier(None)` hands the tier back to the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerEdit {
    Name(String),
    Email(Option<String>),
    Phone(Option<String>),
    /// Organization by name; created when no organization has that name.
    Org(Option<String>),
    Tier(Option<Tier>),
    Birthday(Option<String>),
    City(Option<String>),
    Address(Option<String>),
    Notes(String),
    Gender(Option<Gender>),
    /// The ticket channel they prefer to be reached on.
    ContactChannel(Option<Channel>),
    ContactTime(Option<ContactTime>),
    AddTag(String),
    RemoveTag(String),
}

/// A customer change desk refuses before writing: an unknown field or a value the rules would not take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CustomerEditError {
    /// `field` (lower-cased) is none of the fields [`CustomerEdit::parse`] knows.
    #[error(
        "`{field}` is not a customer field (fields: name, email, phone, org, tier, birthday, city, address, notes, \
         gender, contact_channel, contact_time, tags+=, tags-=)"
    )]
    UnknownField { field: String },
    #[error(transparent)]
    Tier(#[from] crate::domain::UnknownValue),
    /// A gender or a contact channel desk does not know.
    #[error(transparent)]
    Value(crate::domain::UnknownValue),
    #[error(transparent)]
    ContactTime(#[from] ContactTimeError),
    #[error(transparent)]
    Tag(#[from] TagError),
    #[error("a customer needs a name")]
    NoName,
    #[error("`{email}` is not an email address (name@example.com)")]
    BadEmail { email: String },
    #[error("birthday `{birthday}` is not a date (YYYY-MM-DD or MM-DD)")]
    BadBirthday { birthday: String },
}

impl CustomerEdit {
    /// Parses `field=value` as typed on the command line or in the profile form (`tier=auto` unpins).
    pub fn parse(field: &str, value: &str) -> std::result::Result<CustomerEdit, CustomerEditError> {
        let opt = || Some(value.trim().to_string()).filter(|v| !v.is_empty() && v != "-");
        Ok(match field.trim().to_ascii_lowercase().as_str() {
            "name" => CustomerEdit::Name(value.trim().to_string()),
            "email" => CustomerEdit::Email(opt()),
            "phone" => CustomerEdit::Phone(opt()),
            "org" | "organization" => CustomerEdit::Org(opt()),
            "tier" => match value.trim().to_ascii_lowercase().as_str() {
                "auto" | "computed" | "" => CustomerEdit::Tier(None),
                t => CustomerEdit::Tier(Some(t.parse()?)),
            },
            "birthday" => CustomerEdit::Birthday(opt()),
            "city" => CustomerEdit::City(opt()),
            "address" => CustomerEdit::Address(opt()),
            "notes" => CustomerEdit::Notes(value.to_string()),
            "gender" => CustomerEdit::Gender(
                opt()
                    .map(|g| g.parse().map_err(CustomerEditError::Value))
                    .transpose()?,
            ),
            "contact_channel" | "channel" => CustomerEdit::ContactChannel(
                opt()
                    .map(|c| c.parse().map_err(CustomerEditError::Value))
                    .transpose()?,
            ),
            "contact_time" => {
                CustomerEdit::ContactTime(opt().map(|t| ContactTime::parse(&t)).transpose()?)
            }
            "tags+" | "tag+" => CustomerEdit::AddTag(crate::domain::ticket::tag(value)?),
            "tags-" | "tag-" => CustomerEdit::RemoveTag(crate::domain::ticket::tag(value)?),
            other => {
                return Err(CustomerEditError::UnknownField {
                    field: other.to_string(),
                });
            }
        })
    }

    /// A value the rules would refuse, said plainly.
    pub fn check(&self) -> std::result::Result<(), CustomerEditError> {
        match self {
            CustomerEdit::Name(n) if n.trim().is_empty() => Err(CustomerEditError::NoName),
            CustomerEdit::Email(Some(e)) if !plausible_email(e) => {
                Err(CustomerEditError::BadEmail { email: e.clone() })
            }
            CustomerEdit::Birthday(Some(b)) if crate::domain::care::month_day(b).is_none() => {
                Err(CustomerEditError::BadBirthday {
                    birthday: b.clone(),
                })
            }
            _ => Ok(()),
        }
    }
}

pub fn plausible_email(e: &str) -> bool {
    let e = e.trim();
    match e.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !e.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

/// Live customers sharing an email or a phone key with customer `?1` (store::phones). Two lookups, one per
/// index, rather than one join on `email OR phone`, which reads every customer.
/// A customer an import is still writing is no one's duplicate yet (store::bulk_jobs).
fn duplicates_sql() -> String {
    let visible = super::bulk_jobs::visible("d");
    format!(
        "SELECT d.id FROM customers c JOIN customers d ON d.email = c.email COLLATE NOCASE
         WHERE c.id = ?1 AND d.merged_into IS NULL AND d.id != c.id AND {visible}
         UNION
         SELECT d.id FROM customers c JOIN customers d ON d.phone_norm = c.phone_norm
         WHERE c.id = ?1 AND d.id != c.id AND d.merged_into IS NULL AND {visible}
         LIMIT 20"
    )
}

/// Fields a merge fills on the survivor when it has none.
const GAP_FIELDS: [&str; 5] = ["email", "phone", "org_id", "birthday", "city"];

fn gap_fields(tx: &Transaction<'_>, id: &str) -> Result<([Option<String>; 5], String)> {
    Ok(tx.query_row(
        "SELECT email, phone, org_id, birthday, city, notes FROM customers WHERE id = ?1",
        params![id],
        |r| {
            Ok((
                [r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?],
                r.get(5)?,
            ))
        },
    )?)
}

/// What a merge moved onto the survivor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct MergeSummary {
    pub tickets: usize,
    pub products: usize,
    pub orders: usize,
    pub surveys: usize,
    pub tasks: usize,
}

/// The organization with this name, created if there is none.
pub(super) fn org_id(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    name: &str,
    now: i64,
) -> Result<String> {
    let found: Option<String> = tx
        .prepare_cached("SELECT id FROM organizations WHERE name = ?1 ORDER BY created_at LIMIT 1")?
        .query_row(params![name], |r| r.get(0))
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    let id = new_id();
    tx.prepare_cached(
        "INSERT INTO organizations(id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
    )?
    .execute(params![id, name, now])?;
    log.append(tx, "organization", &id, "created", None, Some(name), now)?;
    Ok(id)
}

/// What `edits` change: columns of the customer row, and changes written beside it (tags, addresses).
#[derive(Default)]
pub(super) struct Fields {
    pub columns: Vec<(&'static str, Value)>,
    /// Tags added or removed (`+vip`, `-x`), already written and logged.
    pub side: Vec<super::changes::FieldChange>,
}

/// The columns and values of `edits`, each checked; an organization named for the first time is created. Tags
/// and the default address of customer `id` are written here.
pub(super) fn fields(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    id: &str,
    edits: &[CustomerEdit],
    now: i64,
) -> Result<Fields> {
    let text = |v: &Option<String>| v.clone().map_or(Value::Null, Value::Text);
    let mut f = Fields::default();
    for e in edits {
        e.check().map_err(|e| StoreError::Refused(e.to_string()))?;
        let out = &mut f.columns;
        match e {
            CustomerEdit::Name(n) => out.push(("name", Value::Text(n.trim().into()))),
            CustomerEdit::Email(v) => out.push(("email", text(v))),
            CustomerEdit::Phone(v) => out.push(("phone", text(v))),
            CustomerEdit::Org(None) => out.push(("org_id", Value::Null)),
            CustomerEdit::Org(Some(name)) => {
                out.push(("org_id", Value::Text(org_id(tx, log, name, now)?)))
            }
            CustomerEdit::Tier(Some(t)) => {
                out.push(("tier", Value::Text(t.as_str().into())));
                out.push((
                    "tier_source",
                    Value::Text(TierSource::Manual.as_str().into()),
                ));
            }
            CustomerEdit::Tier(None) => out.push((
                "tier_source",
                Value::Text(TierSource::Computed.as_str().into()),
            )),
            CustomerEdit::Birthday(v) => out.push(("birthday", text(v))),
            CustomerEdit::City(v) => out.push(("city", text(v))),
            CustomerEdit::Address(v) => {
                let default =
                    super::customer_addresses::edit_default(tx, log, id, v.as_deref(), now)?;
                out.push(("address", text(&default)))
            }
            CustomerEdit::Notes(n) => out.push(("notes", Value::Text(n.clone()))),
            CustomerEdit::Gender(g) => out.push(("gender", text(&g.map(|g| g.as_str().into())))),
            CustomerEdit::ContactChannel(c) => {
                out.push(("contact_channel", text(&c.map(|c| c.as_str().into()))))
            }
            CustomerEdit::ContactTime(t) => {
                out.push(("contact_time", text(&t.map(|t| t.to_string()))))
            }
            CustomerEdit::AddTag(tag) | CustomerEdit::RemoveTag(tag) => {
                let add = matches!(e, CustomerEdit::AddTag(_));
                f.side
                    .extend(super::customer_tags::apply(tx, log, id, tag, add, now)?);
            }
        }
    }
    Ok(f)
}

/// Inserts a customer with `edits` applied (a name is required) inside a transaction that may do more.
pub(super) fn insert_customer(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    rules: &ServiceRules,
    edits: &[CustomerEdit],
    now: i64,
) -> Result<String> {
    let Some(CustomerEdit::Name(name)) = edits.iter().find(|e| matches!(e, CustomerEdit::Name(_)))
    else {
        return Err(StoreError::Refused(
            "a customer needs a name (--name)".into(),
        ));
    };
    let name = name.trim().to_string();
    for e in edits {
        if let CustomerEdit::Email(Some(email)) = e {
            let taken: Option<String> = tx
                .query_row(
                    "SELECT id FROM customers WHERE email = ?1 COLLATE NOCASE AND merged_into IS NULL",
                    params![email],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(other) = taken {
                return Err(StoreError::Refused(format!(
                    "a customer with email {email} already exists ({other}); pick them instead"
                )));
            }
        }
    }
    let id = new_id();
    tx.prepare_cached(
        "INSERT INTO customers(id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
    )?
    .execute(params![id, name, now])?;
    log.append(tx, "customer", &id, "created", None, Some(&name), now)?;
    let set = fields(tx, log, &id, edits, now)?.columns;
    let columns: Vec<&'static str> = set.iter().map(|(c, _)| *c).collect();
    update_row(tx, log, Mutable::Customer, &id, None, &columns, &set, now)?;
    super::crm::refresh_customer(tx, log, rules, &id, now)?;
    Ok(id)
}

impl Store {
    /// Adds a customer with `edits` applied (a name is required); returns its id.
    pub fn create_customer(&mut self, edits: &[CustomerEdit], now: i64) -> Result<String> {
        self.write(|tx, log, rules| insert_customer(tx, log, rules, edits, now))
    }

    /// Applies `edits` if the customer is still at `expected_version` (None: to the row as it is now).
    pub fn edit_customer(
        &mut self,
        id: &str,
        expected_version: Option<i64>,
        edits: &[CustomerEdit],
        now: i64,
    ) -> Result<UpdateOutcome> {
        let rules = self.rules.clone();
        let path = self.path.clone();
        with_retry(&path, || {
            let mut log = self.change_log();
            let tx = self.begin_write()?;
            if edits.is_empty() {
                return Err(StoreError::Refused("nothing to change".into()));
            }
            let Fields { columns: set, side } = fields(&tx, &mut log, id, edits, now)?;
            let columns: Vec<&'static str> = set.iter().map(|(c, _)| *c).collect();
            // Tags alone touch no column: the row still moves on, so a form open on the old version conflicts.
            let columns = if columns.is_empty() {
                vec!["name"]
            } else {
                columns
            };
            let set = if set.is_empty() {
                let name: String = tx
                    .query_row(
                        "SELECT name FROM customers WHERE id = ?1",
                        params![id],
                        |r| r.get(0),
                    )
                    .optional()?
                    .ok_or_else(|| StoreError::NotFound {
                        entity: "customer",
                        id: id.into(),
                    })?;
                vec![("name", Value::Text(name))]
            } else {
                set
            };
            let mut out = update_row(
                &tx,
                &mut log,
                Mutable::Customer,
                id,
                expected_version,
                &columns,
                &set,
                now,
            )?;
            if !side.is_empty() {
                tx.execute(
                    "UPDATE customers SET version = version + 1, updated_at = ?2 WHERE id = ?1",
                    params![id, now],
                )?;
                out.version += 1;
                out.changed.extend(side);
            }
            super::crm::refresh_customer(&tx, &mut log, &rules, id, now)?;
            tx.commit()?;
            self.hlc = log.hlc;
            Ok(out)
        })
    }

    /// Live customers sharing an email (any case) or phone (in any spelling: `domain::phone`) with this one: merge
    /// candidates.
    pub fn duplicate_customers(&self, id: &str) -> Result<Vec<super::customers::CustomerRow>> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached(&duplicates_sql())?
            .query_map(params![id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for d in ids {
            if let Some(c) = self.customer_detail(&d)? {
                out.push(c.row);
            }
        }
        Ok(out)
    }

    /// `EXPLAIN QUERY PLAN` of [`Store::duplicate_customers`], for the test that keeps it on its indexes.
    pub fn duplicates_query_plan(&self, id: &str) -> Result<Vec<String>> {
        Ok(super::paging::query_plan(
            &self.conn,
            &duplicates_sql(),
            &[id.to_string().into()],
        )?)
    }

    /// Folds customer `from` into `into`: tickets, products, orders, surveys, tasks, tags and addresses move; empty fields of
    /// the survivor are filled from the duplicate; the duplicate stays, pointing at the survivor, so its id
    /// still resolves.
    pub fn merge_customers(&mut self, from: &str, into: &str, now: i64) -> Result<MergeSummary> {
        if from == into {
            return Err(StoreError::Refused(
                "cannot merge a customer into itself".into(),
            ));
        }
        let rules = self.rules.clone();
        let path = self.path.clone();
        with_retry(&path, || {
            let mut log = self.change_log();
            let tx = self.begin_write()?;
            for id in [from, into] {
                let live: Option<Option<String>> = tx
                    .query_row(
                        "SELECT merged_into FROM customers WHERE id = ?1",
                        params![id],
                        |r| r.get(0),
                    )
                    .optional()?;
                match live {
                    None => {
                        return Err(StoreError::NotFound {
                            entity: "customer",
                            id: id.into(),
                        });
                    }
                    Some(Some(s)) => {
                        return Err(StoreError::Refused(format!(
                            "customer {id} was already merged into {s}; merge into {s} instead"
                        )));
                    }
                    Some(None) => {}
                }
            }
            let mut sum = MergeSummary::default();
            let moved: Vec<String> = tx
                .prepare("SELECT id FROM tickets WHERE customer_id = ?1")?
                .query_map(params![from], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for t in &moved {
                log.append(&tx, "ticket", t, "customer_id", Some(from), Some(into), now)?;
            }
            // The survivor's tier may pick another SLA policy for the moved tickets.
            sum.tickets = tx.execute(
                "UPDATE tickets SET customer_id = ?2, sla_stamp = NULL, version = version + 1 WHERE customer_id = ?1",
                params![from, into],
            )?;
            sum.products = tx.execute(
                "UPDATE products SET customer_id = ?2 WHERE customer_id = ?1",
                params![from, into],
            )?;
            sum.orders = tx.execute(
                "UPDATE orders SET customer_id = ?2 WHERE customer_id = ?1",
                params![from, into],
            )?;
            sum.surveys = tx.execute(
                "UPDATE surveys SET customer_id = ?2 WHERE customer_id = ?1",
                params![from, into],
            )?;
            // One by one and logged, so a replica moves the same tasks (a care reminder the survivor already has
            // for that day stays behind, as the unique index wants).
            let tasks: Vec<String> = tx
                .prepare("SELECT id FROM tasks WHERE customer_id = ?1")?
                .query_map(params![from], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            sum.tasks = 0;
            for task in tasks {
                let moved = tx.execute(
                    "UPDATE OR IGNORE tasks SET customer_id = ?2, version = version + 1 WHERE id = ?1",
                    params![task, into],
                )?;
                if moved > 0 {
                    sum.tasks += 1;
                    log.append(
                        &tx,
                        "task",
                        &task,
                        "customer_id",
                        Some(from),
                        Some(into),
                        now,
                    )?;
                }
            }
            tx.execute(
                "INSERT OR IGNORE INTO tags(entity, entity_id, tag) SELECT 'customer', ?2, tag FROM tags
                 WHERE entity = 'customer' AND entity_id = ?1",
                params![from, into],
            )?;
            tx.execute(
                "DELETE FROM tags WHERE entity = 'customer' AND entity_id = ?1",
                params![from],
            )?;
            // Fill the survivor's gaps from the duplicate; notes are kept from both.
            let (theirs, their_notes) = gap_fields(&tx, from)?;
            let (mine, my_notes) = gap_fields(&tx, into)?;
            let merged_notes = match (my_notes.trim().is_empty(), their_notes.trim().is_empty()) {
                (_, true) => my_notes,
                (true, false) => their_notes,
                (false, false) => format!("{my_notes}\n\n{their_notes}"),
            };
            let mut set: Vec<(&'static str, Value)> = GAP_FIELDS
                .iter()
                .zip(mine.into_iter().zip(theirs))
                .map(|(col, (m, t))| (*col, m.or(t).map_or(Value::Null, Value::Text)))
                .collect();
            set.push(("notes", Value::Text(merged_notes)));
            // The duplicate's addresses join the survivor's; the survivor's default stays the default.
            let address = super::customer_addresses::merge(&tx, from, into, now)?;
            set.push(("address", address.map_or(Value::Null, Value::Text)));
            let columns: Vec<&'static str> = set.iter().map(|(c, _)| *c).collect();
            update_row(
                &tx,
                &mut log,
                Mutable::Customer,
                into,
                None,
                &columns,
                &set,
                now,
            )?;
            tx.execute(
                "UPDATE customers SET merged_into = ?2, updated_at = ?3, version = version + 1 WHERE id = ?1",
                params![from, into, now],
            )?;
            log.append(&tx, "customer", from, "merged_into", None, Some(into), now)?;
            log.append(&tx, "customer", into, "merged", None, Some(from), now)?;
            super::crm::refresh_customer(&tx, &mut log, &rules, into, now)?;
            tx.commit()?;
            self.hlc = log.hlc;
            Ok(sum)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_edits_carry_the_field_and_read_as_before() {
        let e = CustomerEdit::parse("Shoe", "42").unwrap_err();
        assert_eq!(
            e,
            CustomerEditError::UnknownField {
                field: "shoe".into()
            }
        );
        assert_eq!(
            e.to_string(),
            "`shoe` is not a customer field (fields: name, email, phone, org, tier, birthday, city, address, notes, \
             gender, contact_channel, contact_time, tags+=, tags-=)"
        );
        let e = CustomerEdit::parse("tier", "Platinum").unwrap_err();
        assert!(
            matches!(&e, CustomerEditError::Tier(u) if u.value == "platinum"),
            "{e:?}"
        );
        assert!(e.to_string().starts_with("unknown tier `platinum`"), "{e}");
        let e = CustomerEdit::Email(Some("nope".into()))
            .check()
            .unwrap_err();
        assert_eq!(
            e,
            CustomerEditError::BadEmail {
                email: "nope".into()
            }
        );
        assert_eq!(
            e.to_string(),
            "`nope` is not an email address (name@example.com)"
        );
        assert_eq!(
            CustomerEdit::Name(" ".into()).check(),
            Err(CustomerEditError::NoName)
        );
    }
}
