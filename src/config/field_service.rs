//! `[field_service]` and `[returns]`: on-site visits, warranty charges, spare parts and the return periods,
//! checked when the config is read.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::domain::field_rules::FieldRules;
use crate::domain::sla::Calendar;
use crate::domain::sla_policy::{SlaRules, parse_duration};
use crate::domain::warranty::{Cause, parse_yuan};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FieldServiceConfig {
    /// The SLA calendar arrival targets count in.
    pub calendar: String,
    /// The IANA zone visit windows are typed and shown in, and return periods count days in.
    pub tz: String,
    /// Least gap between visits at different places; shorter ones are flagged on the schedule.
    pub travel: String,
    /// On-site arrival targets by city tier: the first for tier 1, the last for every city not listed.
    pub arrival: Vec<String>,
    /// City → tier (1, 2, 3 …); absent: [`default_city_tiers`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city_tiers: Option<BTreeMap<String, usize>>,
    /// A product with a purchase date and no warranty date is covered this many months.
    pub warranty_months: u32,
    /// Causes the warranty does not cover.
    pub not_covered: Vec<String>,
    /// Out-of-warranty labour, per hour (charged per started quarter hour), in yuan.
    pub labour_per_hour: String,
    /// Out-of-warranty call-out fee (上门费), in yuan.
    pub call_out_fee: String,
    pub allow_negative_stock: bool,
}

impl Default for FieldServiceConfig {
    fn default() -> Self {
        FieldServiceConfig {
            calendar: "24x7".into(),
            tz: "Asia/Shanghai".into(),
            travel: "45m".into(),
            arrival: vec!["24h".into(), "48h".into(), "72h".into()],
            city_tiers: None,
            warranty_months: 12,
            not_covered: vec![
                "user_damage".into(),
                "unauthorized_repair".into(),
                "consumable".into(),
            ],
            labour_per_hour: "120".into(),
            call_out_fee: "50".into(),
            allow_negative_stock: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReturnsConfig {
    pub no_reason_days: u32,
    pub fault_return_days: u32,
    pub exchange_days: u32,
}

impl Default for ReturnsConfig {
    fn default() -> Self {
        ReturnsConfig {
            no_reason_days: 7,
            fault_return_days: 7,
            exchange_days: 15,
        }
    }
}

/// First-tier cities answer in the first target, the "new first tier" in the second, every other city in the last.
fn default_city_tiers() -> BTreeMap<String, usize> {
    let first = ["北京", "上海", "广州", "深圳"];
    let second = [
        "成都", "重庆", "杭州", "武汉", "苏州", "西安", "南京", "长沙", "天津", "郑州", "东莞",
        "青岛", "合肥", "佛山", "宁波",
    ];
    first
        .iter()
        .map(|c| (c.to_string(), 1))
        .chain(second.iter().map(|c| (c.to_string(), 2)))
        .collect()
}

impl FieldServiceConfig {
    /// The rules, checked against the SLA calendars; errors name the key.
    pub fn rules(&self, sla: &SlaRules, returns: &ReturnsConfig) -> Result<FieldRules, String> {
        let at = |key: &str| format!("[field_service] {key}");
        let calendar: Calendar = sla.calendar(self.calendar.trim()).cloned().ok_or_else(|| {
            let names: Vec<&str> = sla.calendars.iter().map(|c| c.name.as_str()).collect();
            format!(
                "{}: no SLA calendar named `{}`; calendars: {}",
                at("calendar"),
                self.calendar,
                names.join(", ")
            )
        })?;
        let tz: chrono_tz::Tz = self.tz.trim().parse().map_err(|_| {
            format!(
                "{}: `{}` is not an IANA time zone, e.g. \"Asia/Shanghai\"",
                at("tz"),
                self.tz
            )
        })?;
        let travel = parse_duration(&self.travel).map_err(|e| format!("{}: {e}", at("travel")))?;
        if self.arrival.is_empty() {
            return Err(format!(
                "{}: give at least one target, e.g. [\"24h\", \"48h\"]",
                at("arrival")
            ));
        }
        let arrival_secs = self
            .arrival
            .iter()
            .map(|a| parse_duration(a).map_err(|e| format!("{}: {e}", at("arrival"))))
            .collect::<Result<Vec<_>, _>>()?;
        let city_tiers = self.city_tiers.clone().unwrap_or_else(default_city_tiers);
        if let Some((city, tier)) = city_tiers.iter().find(|(_, t)| **t == 0) {
            return Err(format!(
                "{}: `{city}` has tier {tier}; tiers start at 1",
                at("city_tiers")
            ));
        }
        let excluded = self
            .not_covered
            .iter()
            .map(|c| {
                c.parse::<Cause>()
                    .map_err(|e| format!("{}: {e}", at("not_covered")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let money = |key: &str, v: &str| {
            parse_yuan(v).ok_or_else(|| {
                format!(
                    "{}: `{v}` is not an amount in yuan, e.g. \"120\" or \"99.50\"",
                    at(key)
                )
            })
        };
        let mut warranty = crate::domain::warranty::WarrantyPolicy {
            default_months: self.warranty_months,
            excluded,
            labour_cents_per_hour: money("labour_per_hour", &self.labour_per_hour)?,
            call_out_cents: money("call_out_fee", &self.call_out_fee)?,
        };
        warranty.excluded.dedup();
        if returns.exchange_days < returns.fault_return_days {
            return Err("[returns] exchange_days is shorter than fault_return_days; an exchange period covers the return period".into());
        }
        Ok(FieldRules {
            travel_minutes: travel / 60,
            arrival_secs,
            city_tiers: city_tiers
                .iter()
                .map(|(c, t)| (c.trim().to_string(), *t))
                .collect(),
            warranty,
            returns: crate::domain::returns::ReturnPolicy {
                no_reason_days: returns.no_reason_days,
                fault_return_days: returns.fault_return_days,
                exchange_days: returns.exchange_days,
                tz,
            },
            calendar,
            tz,
            allow_negative_stock: self.allow_negative_stock,
        })
    }
}
