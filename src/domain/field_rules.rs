//! The field-service settings as the rules use them (`[field_service]` and `[returns]` in the config): the
//! calendar visits are timed in, the travel allowance, on-site arrival targets by city tier, the warranty policy,
//! the return periods and whether stock may go negative.

use super::returns::ReturnPolicy;
use super::sla::Calendar;
use super::warranty::WarrantyPolicy;

#[derive(Debug, Clone)]
pub struct FieldRules {
    /// Business hours of the arrival targets (24×7 by default: a "24 h" promise is a day on the clock).
    pub calendar: Calendar,
    /// The zone visit windows are typed and shown in, and return periods count days in.
    pub tz: chrono_tz::Tz,
    /// Least gap between visits at different places.
    pub travel_minutes: i64,
    /// Arrival targets in business seconds, by city tier (first = tier 1); cities not listed take the last.
    pub arrival_secs: Vec<i64>,
    /// City → tier (1-based).
    pub city_tiers: Vec<(String, usize)>,
    pub warranty: WarrantyPolicy,
    pub returns: ReturnPolicy,
    pub allow_negative_stock: bool,
}

impl Default for FieldRules {
    fn default() -> Self {
        FieldRules {
            calendar: Calendar::always_open("24x7"),
            tz: chrono_tz::Asia::Shanghai,
            travel_minutes: 45,
            arrival_secs: vec![24 * 3600, 48 * 3600, 72 * 3600],
            city_tiers: Vec::new(),
            warranty: WarrantyPolicy::default(),
            returns: ReturnPolicy::default(),
            allow_negative_stock: false,
        }
    }
}

impl FieldRules {
    /// The city's tier, 1-based; unlisted (or no) cities are the last tier.
    pub fn city_tier(&self, city: Option<&str>) -> usize {
        let last = self.arrival_secs.len().max(1);
        city.map(str::trim)
            .and_then(|c| self.city_tiers.iter().find(|(name, _)| name == c))
            .map_or(last, |(_, tier)| (*tier).clamp(1, last))
    }

    /// When an engineer must be on site for a request made at `from` in `city`, in the calendar's business time.
    pub fn arrive_by(&self, from: i64, city: Option<&str>) -> Option<i64> {
        let secs = *self.arrival_secs.get(self.city_tier(city) - 1)?;
        self.calendar.add_business(from, secs)
    }

    pub fn tz(&self) -> chrono_tz::Tz {
        self.tz
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_cities_take_their_tier_and_others_the_last() {
        let rules = FieldRules {
            city_tiers: vec![("上海".into(), 1), ("杭州".into(), 2)],
            ..FieldRules::default()
        };
        assert_eq!(rules.city_tier(Some("上海")), 1);
        assert_eq!(rules.city_tier(Some(" 杭州 ")), 2);
        assert_eq!(rules.city_tier(Some("拉萨")), 3);
        assert_eq!(rules.city_tier(None), 3);
        assert_eq!(
            rules.arrive_by(1_000, Some("上海")),
            Some(1_000 + 24 * 3600)
        );
        assert_eq!(rules.arrive_by(1_000, None), Some(1_000 + 72 * 3600));
    }

    #[test]
    fn a_tier_beyond_the_targets_takes_the_last_target() {
        let rules = FieldRules {
            arrival_secs: vec![3600],
            city_tiers: vec![("北京".into(), 4)],
            ..FieldRules::default()
        };
        assert_eq!(rules.city_tier(Some("北京")), 1);
        assert_eq!(rules.arrive_by(0, Some("北京")), Some(3600));
    }
}
