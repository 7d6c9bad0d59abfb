//! The personal side of demo customers: gender, preferred contact, tags and addresses (家, 公司). Chosen from the
//! customer's position, not the random stream, so adding them moved nothing else in the demo.

use crate::domain::customer::Tier;
use crate::store::bulk::BulkWriter;
use anyhow::Result;

const GENDERS: [Option<&str>; 7] = [
    Some("female"),
    Some("male"),
    Some("female"),
    Some("male"),
    None,
    Some("male"),
    Some("unspecified"),
];
const CHANNELS: [&str; 5] = ["wechat", "phone", "email", "wechat", "chat"];
const TIMES: [Option<&str>; 6] = [
    Some("weekdays 18:00-21:00"),
    Some("weekends 09:00-12:00"),
    Some("daily 10:00-17:00"),
    Some("mon,wed,fri 12:00-13:30"),
    None,
    Some("weekdays 09:00-12:00"),
];
const STREETS: [&str; 5] = ["人民路", "解放大道", "建设路", "中山北路", "长江路"];

fn street(city: &str, i: u64, shift: u64) -> String {
    let n = i + shift;
    let s = STREETS[(n % STREETS.len() as u64) as usize];
    format!(
        "{city} {s} {} 号 {}0{} 室",
        10 + 7 * (n % 90),
        1 + n % 9,
        1 + n % 4
    )
}

/// The `i`-th customer's profile: everyone has a gender or not and a preferred channel; most a contact time; every
/// customer with a city a home address, every third an office too (the default for every sixth).
pub(super) fn write(
    w: &mut BulkWriter<'_>,
    id: &str,
    i: u64,
    tier: Tier,
    city: Option<&str>,
    at: i64,
) -> Result<()> {
    let pick = |n: usize| (i % n as u64) as usize;
    w.customer_contact(
        id,
        GENDERS[pick(7)],
        Some(CHANNELS[pick(5)]),
        TIMES[pick(6)],
    )?;
    if tier.is_vip() {
        w.tag("customer", id, "vip-care")?;
    }
    if i % 7 == 2 {
        w.tag("customer", id, "price-sensitive")?;
    }
    if i % 4 == 1 {
        w.tag("customer", id, "newsletter")?;
    }
    let Some(city) = city.filter(|c| !c.is_empty()) else {
        return Ok(());
    };
    let office = i.is_multiple_of(3);
    let office_default = office && i.is_multiple_of(6);
    w.customer_address(
        &format!("{id}-A1"),
        id,
        "家",
        &street(city, i, 0),
        !office_default,
        at,
    )?;
    if office {
        w.customer_address(
            &format!("{id}-A2"),
            id,
            "公司",
            &street(city, i, 3),
            office_default,
            at,
        )?;
    }
    Ok(())
}
