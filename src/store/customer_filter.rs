//! Compiles a [`CustomerFilter`] to SQL with bound parameters. Each built-in view walks an index: tier, stage
//! and the live list by `updated_at`, risk by score, created by date; the warranty and care views walk the
//! products' warranty dates and the open care tasks' due dates, joining each row's customer, so a page reads
//! about as many rows as it shows however many customers match.

use super::paging::Clauses;
use super::{fts_phrase, like_pattern, use_fts};
use crate::domain::customer_view::{CustomerFilter, CustomerSort, WarrantySelect};
use crate::domain::phone::{self, Region};

fn in_list<T>(c: &mut Clauses, column: &str, values: &[T], text: impl Fn(&T) -> &'static str) {
    let marks: Vec<String> = values.iter().map(|v| c.bind(text(v).to_string())).collect();
    c.push(format!("{column} IN ({})", marks.join(", ")));
}

/// For text that can be pinyin (Latin letters only) or is Chinese characters only, ` UNION ALL` the customers whose
/// name it spells in full or by initials, or whose name has those characters, from any character on (`zyt`,
/// `一天` → 张一天): a prefix query on the name index (migration 32). Empty otherwise.
pub(super) fn pinyin_rids(c: &mut Clauses, text: &str) -> String {
    let Some(query) = super::search_index::pinyin_match(text) else {
        return String::new();
    };
    let p = c.bind(query);
    format!(
        " UNION ALL SELECT rowid FROM customers_pinyin_fts WHERE customers_pinyin_fts MATCH {p}"
    )
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

/// Where a view's rows come from and the order its index gives them in.
pub(super) struct Walk {
    /// `FROM …` with the customer as `c` and its organization as `o`.
    pub from: String,
    /// The keyset: the sort value and a row id unique among the rows walked.
    pub key: &'static str,
    pub rid: &'static str,
    pub descending: bool,
    /// One extra clause per arm of a `UNION ALL` whose ordered arms SQLite merges (care and win-back tasks are two
    /// ranges of one index); empty for a single walk.
    pub arms: Vec<String>,
}

const ORG: &str = "LEFT JOIN organizations o ON o.id = c.org_id";

/// The products that `sel` selects, as conditions on `alias`.
fn warranty_cond(c: &mut Clauses, alias: &str, now: i64, sel: WarrantySelect) -> String {
    let n = c.bind(now);
    let range = match sel {
        WarrantySelect::ExpiresWithin(secs) => {
            let until = c.bind(now.saturating_add(secs));
            format!("{alias}.warranty_until >= {n} AND {alias}.warranty_until < {until}")
        }
        WarrantySelect::Expired => format!("{alias}.warranty_until < {n}"),
    };
    format!("{range} AND {}", super::bulk_jobs::visible(alias))
}

fn open_care(alias: &str, due_by: &str) -> String {
    format!("{alias}.done_at IS NULL AND {alias}.due_at < {due_by}")
}

/// The filter as SQL; phones in the search text are keyed under `region` (the one the stored keys were made under).
pub(super) fn compile(f: &CustomerFilter, region: Region) -> (Clauses, Walk) {
    let mut c = Clauses::default();
    let mut walk = Walk {
        from: format!("FROM customers c {ORG}"),
        key: sort_key(f.sort),
        rid: "c.rid",
        descending: true,
        arms: Vec::new(),
    };
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
        if f.sort == CustomerSort::Expiry {
            // A customer shows once, at the product of theirs that comes first in the walk's order.
            let descending = sel == WarrantySelect::Expired;
            let earlier = if descending { ">" } else { "<" };
            let here = warranty_cond(&mut c, "p", now, sel);
            let there = warranty_cond(&mut c, "q", now, sel);
            c.push(format!(
                "{here} AND NOT EXISTS (SELECT 1 FROM products q WHERE q.customer_id = p.customer_id AND {there} \
                 AND (q.warranty_until, q.rowid) {earlier} (p.warranty_until, p.rowid))"
            ));
            walk = Walk {
                from: format!("FROM products p JOIN customers c ON c.id = p.customer_id {ORG}"),
                key: "p.warranty_until",
                rid: "p.rowid",
                descending,
                arms: Vec::new(),
            };
        } else {
            let cond = warranty_cond(&mut c, "products", now, sel);
            c.push(format!(
                "c.id IN (SELECT customer_id FROM products WHERE {cond})"
            ));
        }
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
        if f.sort == CustomerSort::CareDue {
            let here = open_care("t", &p);
            let there = open_care("q", &p);
            c.push(format!(
                "{here} AND NOT EXISTS (SELECT 1 FROM tasks q WHERE q.customer_id = t.customer_id \
                 AND q.kind IN ('care', 'win_back') AND {there} AND (q.due_at, q.rowid) < (t.due_at, t.rowid))"
            ));
            let arms = ["care", "win_back"].map(|k| format!("t.kind = {}", c.bind(k.to_string())));
            walk = Walk {
                from: format!("FROM tasks t JOIN customers c ON c.id = t.customer_id {ORG}"),
                key: "t.due_at",
                rid: "t.rowid",
                descending: false,
                arms: arms.to_vec(),
            };
        } else {
            c.push(format!(
                "c.id IN (SELECT customer_id FROM tasks WHERE kind IN ('care', 'win_back') AND {})",
                open_care("tasks", &p)
            ));
        }
    }
    if let Some(tags) = &f.tags {
        // One range of `tags_tag` (tag, entity) per tag.
        let ps: Vec<String> = tags.iter().map(|t| c.bind(t.clone())).collect();
        c.push(format!(
            "c.id IN (SELECT entity_id FROM tags WHERE tag IN ({}) AND entity = 'customer')",
            ps.join(", ")
        ));
    }
    if let Some(text) = f.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        if use_fts(text) {
            let p = c.bind(fts_phrase(text));
            let phones = phone_rids(&mut c, text, region);
            let pinyin = pinyin_rids(&mut c, text);
            c.push(format!(
                "c.rid IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH {p}{phones}{pinyin})"
            ));
        } else if crate::domain::pinyin::is_han_query(text)
            || crate::domain::pinyin::is_pinyin_query(text)
        {
            // One or two characters or letters: too short for a trigram, a prefix query on the name index's words
            // (pinyin, characters, the name's and the email's words) rather than a scan of every name (~50–100 ms
            // at 100 000 customers).
            let words = pinyin_rids(&mut c, text);
            let q = words.strip_prefix(" UNION ALL ").unwrap_or_default();
            c.push(format!("c.rid IN ({q})"));
        } else {
            let p = c.bind(like_pattern(text));
            let pinyin = pinyin_rids(&mut c, text);
            let pinyin = pinyin
                .strip_prefix(" UNION ALL ")
                .map_or(String::new(), |q| format!(" OR c.rid IN ({q})"));
            c.push(format!("(c.name LIKE {p} ESCAPE '\\' OR c.email LIKE {p} ESCAPE '\\' OR c.phone LIKE {p} ESCAPE '\\'{pinyin})"));
        }
    }
    (c, walk)
}

/// The keyset column of a sort on the customer's own columns (largest first).
fn sort_key(s: CustomerSort) -> &'static str {
    match s {
        CustomerSort::Risk => "c.risk_score",
        CustomerSort::Created => "c.created_at",
        // The date orders are set by the term that selects the date; without one, the live list's order.
        CustomerSort::Updated | CustomerSort::Expiry | CustomerSort::CareDue => "c.updated_at",
    }
}
