//! Organizations, customers with the products they own, and their orders.

use super::corpus::Content;
use super::rng::Rng;
use super::time::{DAY, HOUR, WINDOW_DAYS, add_months, days_from_civil, local_ymd};
use crate::domain::customer::{Tier, TierSource};
use crate::store::bulk::BulkWriter;
use crate::store::records::{CustomerRec, OrderRec, OrgRec, ProductRec};
use anyhow::Result;
use ulid::Ulid;

const YEAR: i64 = 365 * DAY;

/// The customers and their products as tickets need them. Kept for the whole run (100k customers at scale), so
/// compact: ids as numbers, names as corpus indexes, serials formatted when used.
pub(super) struct People {
    pub customers: Vec<Customer>,
    products: Vec<Product>,
}

pub(super) struct Customer {
    pub id: Ulid,
    /// Surname and given name (Chinese) or first and last name, as corpus indexes.
    name: [u16; 2],
    /// Chinese name (and so mostly writes Chinese).
    pub zh: bool,
    pub tier: Tier,
    /// This customer's products: `People::products[first_product..][..product_count]`.
    first_product: u32,
    product_count: u8,
}

pub(super) struct Product {
    pub id: Ulid,
    /// Index into the corpus product catalogue.
    pub catalog: u16,
    /// Serial digits: two-digit year and month of manufacture, then a five-digit number.
    serial_digits: u32,
    pub warranty_until: i64,
}

impl People {
    pub(super) fn products(&self, c: &Customer) -> &[Product] {
        let first = c.first_product as usize;
        self.products
            .get(first..first + c.product_count as usize)
            .unwrap_or_default()
    }
}

impl Customer {
    pub(super) fn name(&self, content: &Content) -> String {
        let c = &content.corpus;
        let [a, b] = self.name.map(usize::from);
        if self.zh {
            format!("{}{}", c.zh_surnames[a], c.zh_given[b])
        } else {
            format!("{} {}", c.en_first[a], c.en_last[b])
        }
    }
}

impl Product {
    pub(super) fn serial(&self, content: &Content) -> String {
        let prefix = &content.corpus.products[self.catalog as usize].serial_prefix;
        format!("{prefix}-{:09}", self.serial_digits)
    }
}

const NOTES_ZH: &[&str] = &[
    "偏好微信联系",
    "工作日下午方便接听电话",
    "曾投诉物流延迟，需重点关注",
    "企业采购负责人",
    "老客户，多次复购",
    "上门服务需提前一天预约",
];
const NOTES_EN: &[&str] = &[
    "Prefers email contact",
    "Call after 2 pm on weekdays",
    "Purchasing lead for their company",
    "Asked for an English-speaking agent",
    "Long-time customer, buys again every year",
    "On-site visits must be booked a day ahead",
];

/// Which warranty case a customer's first product is forced into, so every case exists at any size.
#[derive(Clone, Copy)]
enum WarrantyCase {
    Valid,
    Expiring,
    Expired,
}

/// Writes organizations and `n` customers with their products, orders and tags; returns what tickets need.
pub(super) fn write_customers(
    w: &mut BulkWriter<'_>,
    content: &Content,
    n: u64,
    now: i64,
    chinese_share: f64,
    rng: &mut Rng,
) -> Result<People> {
    let org_ids = write_orgs(w, content, (n / 6).max(1), now, rng)?;
    let mut people = People {
        customers: Vec::with_capacity(n as usize),
        products: Vec::with_capacity(n as usize * 3 / 2),
    };
    let pool = Pool {
        content,
        org_ids: &org_ids,
        chinese_share,
    };
    for i in 0..n {
        write_customer(w, &pool, i, now, &mut people, rng)?;
    }
    write_search_example(w, now)?;
    Ok(people)
}

/// 张一天, the customer the README finds by pinyin (`desk customer list --search zyt`): fixed, with no draws from
/// the generator and no tickets, so the rest of the demo is the same with or without them.
fn write_search_example(w: &mut BulkWriter<'_>, now: i64) -> Result<()> {
    let created_at = now - 400 * 86_400;
    let id = ulid::Ulid::from_parts(created_at.max(0) as u64 * 1000, 0x005a_5954_u128).to_string();
    w.customer(&CustomerRec {
        id,
        name: "张一天".into(),
        email: Some("zhangyitian@qq.example".into()),
        phone: Some("+86 138 0013 8000".into()),
        org_id: None,
        tier: Tier::Bronze,
        tier_source: TierSource::Computed,
        birthday: None,
        city: Some("杭州".into()),
        notes: String::new(),
        created_at,
    })?;
    Ok(())
}

fn write_orgs(
    w: &mut BulkWriter<'_>,
    content: &Content,
    n: u64,
    now: i64,
    rng: &mut Rng,
) -> Result<Vec<String>> {
    let (names, cities) = (&content.corpus.organizations, &content.corpus.cities);
    let mut ids = Vec::with_capacity(n as usize);
    for j in 0..n as usize {
        // Past the corpus list, branch offices by city, then numbered, so names stay readable and distinct.
        let base = &names[j % names.len()];
        let round = j / names.len();
        // Full-width brackets after a Chinese name, ASCII ones after a Latin one.
        let (open, close) = if base.is_ascii() {
            (" (", ")")
        } else {
            ("（", "）")
        };
        let name = match round {
            0 => base.clone(),
            r if r <= cities.len() => format!("{base}{open}{}{close}", cities[r - 1]),
            r => format!(
                "{base}{open}{}{close}{}",
                cities[(r - 1) % cities.len()],
                r / cities.len() + 1
            ),
        };
        let tier = match rng.weighted(&[15, 30, 35, 15, 5]) {
            4 => None,
            t => Some(Tier::ALL[t]),
        };
        let created_at = now - rng.range(YEAR, 5 * YEAR);
        let rec = OrgRec {
            id: rng.ulid(created_at),
            name,
            tier,
            created_at,
        };
        w.organization(&rec)?;
        ids.push(rec.id);
    }
    Ok(ids)
}

/// Index of the pinned lapsed customer: no orders for [`LAPSED_DAYS`], a poor survey, and (see the ticket
/// planner) no tickets, so "At risk" and high churn risk appear in a demo of any size.
pub(super) const LAPSED_CUSTOMER: u64 = 5;
const LAPSED_DAYS: i64 = 75;

/// What every customer is drawn from.
struct Pool<'a> {
    content: &'a Content,
    org_ids: &'a [String],
    /// Share of customers with a Chinese name.
    chinese_share: f64,
}

fn write_customer(
    w: &mut BulkWriter<'_>,
    pool: &Pool<'_>,
    i: u64,
    now: i64,
    people: &mut People,
    rng: &mut Rng,
) -> Result<()> {
    let (content, org_ids, chinese_share) = (pool.content, pool.org_ids, pool.chinese_share);
    let corpus = &content.corpus;
    // The first customers are pinned so that every case the tests and the demo rely on exists at any size.
    let zh = match i {
        0 => true,
        1 => false,
        _ => rng.chance(chinese_share),
    };
    let tier = match i {
        0..=3 => Tier::ALL[i as usize],
        _ => Tier::ALL[rng.weighted(&[5, 15, 35, 45])],
    };
    let tier_source = if i == 0 || rng.chance(0.04) {
        TierSource::Manual
    } else {
        TierSource::Computed
    };
    let warranty_case = match i {
        0 => Some(WarrantyCase::Valid),
        1 => Some(WarrantyCase::Expiring),
        2 => Some(WarrantyCase::Expired),
        _ => None,
    };

    let (lists, join) = if zh {
        ((&corpus.zh_surnames, &corpus.zh_given), "")
    } else {
        ((&corpus.en_first, &corpus.en_last), " ")
    };
    // Lists are validated non-empty; indexes beyond u16 are cut to the first 65 536 names.
    let name_idx = [
        rng.index(lists.0.len().min(1 << 16)) as u16,
        rng.index(lists.1.len().min(1 << 16)) as u16,
    ];
    let (first, last) = (
        &lists.0[name_idx[0] as usize],
        &lists.1[name_idx[1] as usize],
    );
    let name = format!("{first}{join}{last}");
    let email_local = if zh {
        // Chinese mail addresses are very often a QQ number.
        rng.range(10_000_000, 3_999_999_999).to_string()
    } else {
        let mut local: String = format!("{first}.{last}")
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
            .collect::<String>()
            .to_ascii_lowercase();
        if rng.chance(0.5) {
            local.push_str(&rng.range(1, 99).to_string());
        }
        local
    };
    let contact = rng.weighted(&[80, 10, 10]); // both, phone only, email only
    let email =
        (contact != 1).then(|| format!("{email_local}@{}", rng.pick(&corpus.email_domains)));
    let phone = (contact != 2).then(|| {
        let second = *rng.pick(&[3, 5, 7, 8, 9]);
        format!(
            "+86 1{second}{} {:04} {:04}",
            rng.below(10),
            rng.below(10_000),
            rng.below(10_000)
        )
    });
    let mut created_at = now - rng.range((WINDOW_DAYS + 1) * DAY, 3 * YEAR);
    // The lapsed customer stopped buying over two months ago (a churn-risk case the demo always shows).
    let last_order_before = if i == LAPSED_CUSTOMER {
        now - LAPSED_DAYS * DAY
    } else {
        now - 2 * DAY
    };

    // Products first: a pinned warranty case may move the purchase (and so the customer's start) earlier.
    let n_products = 1 + rng.weighted(&[60, 30, 10]);
    let first_product = people.products.len();
    let mut purchases = Vec::with_capacity(n_products);
    for p in 0..n_products {
        let (catalog, purchased_at) = match (p, warranty_case) {
            (0, Some(case)) => pinned_purchase(content, case, now, rng),
            _ => {
                let catalog = rng.index(corpus.products.len());
                (catalog, rng.range(created_at, last_order_before))
            }
        };
        created_at = created_at.min(purchased_at - rng.range(DAY, 60 * DAY));
        let spec = &corpus.products[catalog];
        let warranty_until = add_months(purchased_at, spec.warranty_months as i64);
        let (y, m, _) = local_ymd(purchased_at);
        let product = Product {
            id: rng.ulid_value(purchased_at),
            catalog: catalog as u16,
            serial_digits: ((y % 100) as u32 * 100 + m) * 100_000 + rng.below(100_000) as u32,
            warranty_until,
        };
        let rec = ProductRec {
            id: product.id.to_string(),
            customer_id: String::new(),
            name: spec.name.clone(),
            serial: Some(product.serial(content)),
            purchased_at: Some(purchased_at),
            warranty_until: Some(warranty_until),
        };
        purchases.push((rec, spec.price_cents));
        people.products.push(product);
    }

    let birthday = if i == 3 {
        // One birthday in the coming week, for the customer-care reminders.
        Some(birthday_soon(now, rng))
    } else if rng.chance(0.4) {
        let (y, _, _) = local_ymd(now);
        let day = days_from_civil(y - rng.range(20, 65), 1, 1) + rng.range(0, 364);
        let (by, bm, bd) = super::time::civil_from_days(day);
        Some(format!("{by:04}-{bm:02}-{bd:02}"))
    } else {
        None
    };
    let notes = if rng.chance(0.2) {
        rng.pick(if zh { NOTES_ZH } else { NOTES_EN }).to_string()
    } else {
        String::new()
    };
    let id = rng.ulid_value(created_at);
    let rec = CustomerRec {
        id: id.to_string(),
        name,
        email,
        phone,
        org_id: rng.chance(0.35).then(|| rng.pick(org_ids).clone()),
        tier,
        tier_source,
        birthday,
        city: Some(rng.pick(&corpus.cities).clone()),
        notes,
        created_at,
    };
    w.customer(&rec)?;
    if tier.is_vip() {
        w.tag("customer", &rec.id, "vip")?;
    }
    super::profiles::write(w, &rec.id, i, tier, rec.city.as_deref(), created_at)?;
    for (mut p, price) in purchases {
        p.customer_id = rec.id.clone();
        w.product(&p)?;
        // Each purchase is an order, unless bought through a dealer.
        if let Some(at) = p.purchased_at.filter(|_| rng.chance(0.85)) {
            write_order(w, &rec.id, at, price, rng)?;
        }
    }
    // Repeat orders (consumables, accessories, service plans) grow with the tier, feeding RFM; at most 12 in all.
    let extra = match tier {
        Tier::Diamond => rng.range(5, 9),
        Tier::Gold => rng.range(3, 8),
        Tier::Silver => rng.range(1, 5),
        Tier::Bronze => rng.range(0, 2),
    };
    for _ in 0..extra {
        let price = corpus.products[rng.index(corpus.products.len())].price_cents;
        let amount = (price * rng.range(5, 100) / 100).max(100) / 100 * 100;
        let latest = if i == LAPSED_CUSTOMER {
            last_order_before
        } else {
            now - HOUR
        };
        let at = rng.range(created_at, latest);
        write_order(w, &rec.id, at, amount, rng)?;
    }
    if i == LAPSED_CUSTOMER {
        // A relationship survey after the last order: unhappy and unlikely to recommend. Fixed ids and times
        // (no draws from the generator) keep the rest of the demo identical.
        for (kind, score) in [("csat", 1), ("nps", 3)] {
            w.survey(&crate::store::records::SurveyRec {
                id: format!("{}-{kind}", rec.id),
                ticket_id: None,
                customer_id: Some(rec.id.clone()),
                kind,
                score,
                comment: Some("Support has not been good enough lately".into()),
                at: now - (LAPSED_DAYS - 5) * DAY,
            })?;
        }
    }
    people.customers.push(Customer {
        id,
        name: name_idx,
        zh,
        tier,
        first_product: first_product as u32,
        product_count: n_products as u8,
    });
    Ok(())
}

fn write_order(
    w: &mut BulkWriter<'_>,
    customer_id: &str,
    at: i64,
    amount_cents: i64,
    rng: &mut Rng,
) -> Result<()> {
    w.order(&OrderRec {
        id: rng.ulid(at),
        customer_id: customer_id.to_string(),
        at,
        amount_cents,
        // Two to four days in delivery, without drawing from `rng` (the rest of the demo stays as it was).
        delivered_at: Some(at + (2 + amount_cents.rem_euclid(3)) * 86_400),
    })?;
    Ok(())
}

/// A purchase placing the warranty end in the wanted case relative to `now`.
fn pinned_purchase(content: &Content, case: WarrantyCase, now: i64, rng: &mut Rng) -> (usize, i64) {
    let products = &content.corpus.products;
    let by_months = |longest: bool| {
        (0..products.len())
            .max_by_key(|&p| {
                let m = products[p].warranty_months as i64;
                if longest { m } else { -m }
            })
            .unwrap_or(0)
    };
    let (catalog, until) = match case {
        WarrantyCase::Valid => {
            let c = by_months(true);
            let months = products[c].warranty_months as i64;
            // Ends well after the 30-day "expiring" mark but the purchase is still in the past.
            let latest = add_months(now, months) - DAY;
            (c, rng.range((now + 45 * DAY).min(latest), latest))
        }
        WarrantyCase::Expiring => (by_months(true), now + rng.range(3 * DAY, 25 * DAY)),
        WarrantyCase::Expired => (by_months(false), now - rng.range(20 * DAY, 200 * DAY)),
    };
    let purchased = add_months(until, -(products[catalog].warranty_months as i64));
    (catalog, purchased.min(now - DAY))
}

fn birthday_soon(now: i64, rng: &mut Rng) -> String {
    let (y, m, d) = local_ymd(now + rng.range(1, 6) * DAY);
    let born = y - rng.range(25, 55);
    // Feb 29 does not exist in most birth years.
    let d = if m == 2 && d == 29 { 28 } else { d };
    format!("{born:04}-{m:02}-{d:02}")
}
