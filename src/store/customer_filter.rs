//! Compiles a [`CustomerFilter`] to SQL with bound parameters. Each built-in view walks an index: tier, stage
//! and the live list by `updated_at`, risk by score, the rest by a subquery on products or tasks.

use super::paging::Clauses;
use super::{fts_phrase, like_pattern, use_fts};
use crate::domain::customer_view::{CustomerFilter, CustomerSort, WarrantySelect};
use crate::domain::phone::{self, Region};

fn in_list<T>(c: &mut Clauses, column: &str, values: &[T], text: impl Fn(&T) -> &'static str) {
    let marks: Vec<String> = values.iter().map(|v| c.bind(text(v).to_string())).collect();
    c.push(format!("{column} IN ({})", marks.join(", ")));
}

/// For search text that looks like a phone number (`domain::phone`): the rids of customers whose phone key begins
/// with its key, as a `UNION ALL SELECT` to add to a subquery of rids (a range on the `customers_phone_norm` index).
pub(super) fn phone_rids(c: &mut Clauses, text: &str, region: Region) -> String {
    match phone::search_key(text, region) {
        Some(key) => {
            let from = c.bind(key.clone());
            // Keys are `+` and digits; `:` sorts right after `9`.
            let to = c.bind(format!("{key}:"));
            format!(
                " UNION ALL SELECT rid FROM customers WHERE phone_norm >= {from} AND phone_norm < {to}"
            )
        }
        None => String::new(),
    }
}

/// The filter as SQL; phones in the search text are keyed under `region` (the one the stored keys were made under).
pub(super) fn compile(f: &CustomerFilter, region: Region) -> Clauses {
    let mut c = Clauses::default();
    c.push("c.merged_into IS NULL");
    // Rows of an import still running are not there yet (store::bulk_jobs).
    c.push(super::bulk_jobs::visible("c"));
    if let Some(t) = &f.tiers {
        in_list(&mut c, "c.tier", t, |t| t.as_str());
    }
    if let Some(s) = &f.stages {
        in_list(&mut c, "c.stage", s, |s| s.as_str());
    }
    if let Some(r) = &f.risks {
        in_list(&mut c, "c.risk_level", r, |r| r.as_str());
        // Implied by any level but none; said out loud so the partial index on risk_score applies.
        if !r.contains(&crate::domain::crm::RiskLevel::None) {
            c.push("c.risk_score > 0");
        }
    }
    if let Some(s) = f.source {
        let p = c.bind(s.as_str().to_string());
        c.push(format!("c.tier_source = {p}"));
    }
    if let Some((now, sel)) = f.warranty {
        let n = c.bind(now);
        let cond = match sel {
            WarrantySelect::ExpiresWithin(secs) => {
                let until = c.bind(now.saturating_add(secs));
                format!("warranty_until >= {n} AND warranty_until < {until}")
            }
            WarrantySelect::Expired => format!("warranty_until < {n}"),
        };
        c.push(format!(
            "c.id IN (SELECT customer_id FROM products WHERE {cond} AND {})",
            super::bulk_jobs::visible("products")
        ));
    }
    if let Some(org) = &f.org {
        let p = c.bind(like_pattern(org));
        c.push(format!(
            "c.org_id IN (SELECT id FROM organizations WHERE name LIKE {p} ESCAPE '\\' AND {})",
            super::bulk_jobs::visible("organizations")
        ));
    }
    if let Some(city) = &f.city {
        let p = c.bind(city.clone());
        c.push(format!("c.city = {p} COLLATE NOCASE"));
    }
    if let Some(t) = f.created_after {
        let p = c.bind(t);
        c.push(format!("c.created_at >= {p}"));
    }
    if let Some(t) = f.created_before {
        let p = c.bind(t);
        c.push(format!("c.created_at < {p}"));
    }
    if let Some(t) = f.care_due_by {
        let p = c.bind(t);
        c.push(format!(
            "c.id IN (SELECT customer_id FROM tasks WHERE kind IN ('care', 'win_back') AND done_at IS NULL AND due_at < {p})"
        ));
    }
    if let Some(text) = f.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        if use_fts(text) {
            let p = c.bind(fts_phrase(text));
            let phones = phone_rids(&mut c, text, region);
            c.push(format!(
                "c.rid IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH {p}{phones})"
            ));
        } else {
            let p = c.bind(like_pattern(text));
            c.push(format!("(c.name LIKE {p} ESCAPE '\\' OR c.email LIKE {p} ESCAPE '\\' OR c.phone LIKE {p} ESCAPE '\\')"));
        }
    }
    c
}

/// The keyset column of a sort (always largest first).
pub(super) fn sort_key(s: CustomerSort) -> &'static str {
    match s {
        CustomerSort::Updated => "c.updated_at",
        CustomerSort::Risk => "c.risk_score",
        CustomerSort::Created => "c.created_at",
    }
}
