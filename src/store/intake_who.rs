//! Who sent an outside message: the agent (by address), the customer (by any identity the channel knows), and the
//! key the per-sender rate limit counts by.

use rusqlite::{OptionalExtension, Transaction, params};

use super::Result;
use super::changes::ChangeLog;
use super::customer_write::{CustomerEdit, insert_customer};
use super::sla::ServiceRules;
use crate::domain::intake::Identity;

/// The key the rate limit counts by: the sender's address, else whatever id the channel gave.
pub(super) fn sender_key(who: &Identity) -> Option<String> {
    who.email
        .clone()
        .or_else(|| who.phone.clone())
        .or_else(|| who.wechat_openid.as_ref().map(|o| format!("wechat:{o}")))
        .or_else(|| who.external_id.as_ref().map(|e| format!("ext:{e}")))
}

pub(super) fn agent_by_email(tx: &Transaction<'_>, email: Option<&str>) -> Result<Option<String>> {
    let Some(email) = email else { return Ok(None) };
    Ok(tx
        .prepare_cached("SELECT id FROM agents WHERE email = ?1 COLLATE NOCASE AND active = 1")?
        .query_row(params![email], |r| r.get(0))
        .optional()?)
}

/// The live customer the identity names (external id, email, WeChat openid, phone — first match), following
/// merges; else a new customer with what is known.
pub(super) fn find_or_create_customer(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    service: &ServiceRules,
    who: &Identity,
    organization: Option<&str>,
    now: i64,
) -> Result<String> {
    let region = super::phones::keyed_region(tx)?;
    let phone = who
        .phone
        .as_deref()
        .and_then(|p| crate::domain::phone::normalise(p, region));
    let keys = [
        (
            "SELECT id FROM customers WHERE external_id = ?1",
            who.external_id.clone(),
        ),
        (
            "SELECT id FROM customers WHERE email = ?1 COLLATE NOCASE AND merged_into IS NULL",
            who.email.clone(),
        ),
        (
            "SELECT id FROM customers WHERE wechat_openid = ?1",
            who.wechat_openid.clone(),
        ),
        (
            "SELECT id FROM customers WHERE phone_norm = ?1 AND merged_into IS NULL",
            phone,
        ),
    ];
    for (sql, key) in keys {
        let Some(key) = key else { continue };
        let found: Option<String> = tx
            .prepare_cached(sql)?
            .query_row(params![key], |r| r.get(0))
            .optional()?;
        if let Some(id) = found {
            return super::customer_profile::survivor(tx, id);
        }
    }
    let mut edits = vec![CustomerEdit::Name(who.display_name())];
    if let Some(e) = &who.email {
        edits.push(CustomerEdit::Email(Some(e.clone())));
    }
    if let Some(p) = &who.phone {
        edits.push(CustomerEdit::Phone(Some(p.clone())));
    }
    if let Some(org) = organization {
        edits.push(CustomerEdit::Org(Some(org.to_string())));
    }
    let id = insert_customer(tx, log, service, &edits, now)?;
    tx.execute(
        "UPDATE customers SET wechat_openid = ?2, external_id = ?3 WHERE id = ?1",
        params![id, who.wechat_openid, who.external_id],
    )?;
    Ok(id)
}
