//! `[metrics]` in the config: targets the report compares against and the weights of the CSI and SQI indexes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::metrics::{Indicator, Unit};

/// A target: a number in the indicator's unit, or a duration (`"1h"`) for the time indicators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum TargetValue {
    Number(f64),
    Duration(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MetricsRules {
    /// Indicator name → target. For indicators where lower is better the target is a ceiling.
    pub targets: BTreeMap<String, TargetValue>,
    /// CSI 客户满意度指数 = Σ(Sᵢ × Wᵢ) / Σ Wᵢ over the satisfaction components csat, nps, ces (each 0–100).
    pub csi_weights: BTreeMap<String, f64>,
    /// The questionnaire's items (问卷: the guides' dimensions product, service, price, delivery, after_sales, or a
    /// team's own), each scored 1–5, and their weights: once items are answered in a period, CSI is computed over
    /// them and `csi_weights` is the fallback. Empty: surveys carry no items.
    pub csi_items: BTreeMap<String, f64>,
    /// SQI 服务质量改进指数: the same weighted form over service-quality indicators (rates where less is better
    /// enter as 100 − rate).
    pub sqi_weights: BTreeMap<String, f64>,
}

/// The components CSI can weigh.
pub const CSI_COMPONENTS: [&str; 3] = ["csat", "nps", "ces"];

/// The indicators SQI can weigh: the percentage ones.
pub fn sqi_components() -> impl Iterator<Item = Indicator> {
    Indicator::ALL
        .iter()
        .copied()
        .filter(|i| i.unit() == Unit::Percent)
}

impl Default for MetricsRules {
    fn default() -> Self {
        let num = |v: f64| TargetValue::Number(v);
        let dur = |s: &str| TargetValue::Duration(s.into());
        let map = |pairs: &[(&str, f64)]| pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        MetricsRules {
            targets: [
                // The guides' KPI is the average: 平均响应时间 ≤ 8 h (≤ 24 h for a looser desk). Medians
                // and p90s take a target only when one is configured.
                ("frt_mean", dur("8h")),
                ("resolution_mean", dur("1d")),
                ("frt_sla", num(90.0)),
                ("resolution_sla", num(85.0)),
                ("next_reply_sla", num(85.0)),
                ("fcr", num(70.0)),
                ("reopen_rate", num(5.0)),
                ("complaint_rate", num(10.0)),
                ("follow_up_rate", num(95.0)),
                ("csat", num(85.0)),
                ("nps", num(30.0)),
                ("ces", num(3.0)),
                ("csi", num(80.0)),
                ("sqi", num(85.0)),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
            csi_weights: map(&[("csat", 0.5), ("nps", 0.3), ("ces", 0.2)]),
            csi_items: map(&[
                ("product", 0.3),
                ("service", 0.25),
                ("price", 0.15),
                ("delivery", 0.15),
                ("after_sales", 0.15),
            ]),
            sqi_weights: map(&[
                ("frt_sla", 0.2),
                ("resolution_sla", 0.2),
                ("fcr", 0.15),
                ("reopen_rate", 0.1),
                ("complaint_rate", 0.1),
                ("follow_up_rate", 0.1),
                ("csat", 0.15),
            ]),
        }
    }
}

impl MetricsRules {
    /// The target of an indicator in its unit (durations in seconds); unchecked entries yield `None`.
    pub fn target(&self, ind: Indicator) -> Option<f64> {
        match self.targets.get(ind.as_str())? {
            TargetValue::Number(v) => Some(*v),
            TargetValue::Duration(s) => super::sla_policy::parse_duration(s).ok().map(|v| v as f64),
        }
    }

    /// Whether `value` meets the indicator's target (`None` without a target).
    pub fn meets(&self, ind: Indicator, value: f64) -> Option<bool> {
        let t = self.target(ind)?;
        Some(match ind.better() {
            super::metrics::Better::Lower => value <= t,
            _ => value >= t,
        })
    }

    /// Every problem, each naming the key and what to write instead.
    pub fn check(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (name, v) in &self.targets {
            let Some(ind) = Indicator::parse(name) else {
                out.push(format!(
                    "metrics.targets: unknown indicator `{name}` (expected one of: {})",
                    Indicator::names()
                ));
                continue;
            };
            match (v, ind.unit()) {
                (TargetValue::Duration(s), Unit::Duration) => {
                    if let Err(e) = super::sla_policy::parse_duration(s) {
                        out.push(format!("metrics.targets.{name}: {e}"));
                    }
                }
                (TargetValue::Duration(s), _) => out.push(format!(
                    "metrics.targets.{name}: `{s}` is text; write a number, like {name} = 90"
                )),
                (TargetValue::Number(_), Unit::Duration) => out.push(format!(
                    "metrics.targets.{name}: write a duration in quotes, like {name} = \"1h\""
                )),
                (TargetValue::Number(_), _) => {}
            }
        }
        let weights = |table: &str,
                       map: &BTreeMap<String, f64>,
                       known: &dyn Fn(&str) -> bool,
                       names: String| {
            let mut out = Vec::new();
            for (k, w) in map {
                if !known(k) {
                    out.push(format!(
                        "metrics.{table}: unknown component `{k}` (expected one of: {names})"
                    ));
                } else if !w.is_finite() || *w < 0.0 {
                    out.push(format!(
                        "metrics.{table}.{k}: a weight must be zero or more (is {w})"
                    ));
                }
            }
            if !map.is_empty() && map.values().sum::<f64>() <= 0.0 {
                out.push(format!(
                    "metrics.{table}: the weights add up to zero; give one a positive weight"
                ));
            }
            out
        };
        out.extend(weights(
            "csi_weights",
            &self.csi_weights,
            &|k| CSI_COMPONENTS.contains(&k),
            CSI_COMPONENTS.join(", "),
        ));
        out.extend(weights(
            "csi_items",
            &self.csi_items,
            &super::questionnaire::valid_key,
            "lower-case words joined by _, like after_sales".into(),
        ));
        out.extend(weights(
            "sqi_weights",
            &self.sqi_weights,
            &|k| sqi_components().any(|i| i.as_str() == k),
            sqi_components()
                .map(|i| i.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_check_names_unknown_indicators_and_bad_values() {
        let mut r = MetricsRules::default();
        r.targets.insert("speed".into(), TargetValue::Number(1.0));
        r.targets
            .insert("frt_median".into(), TargetValue::Number(3.0));
        r.targets
            .insert("csat".into(), TargetValue::Duration("1h".into()));
        r.csi_weights.insert("price".into(), 1.0);
        r.csi_items.insert("Build Quality".into(), 1.0);
        r.csi_items.insert("price".into(), -1.0);
        let problems = r.check().join("\n");
        assert!(
            problems.contains("metrics.csi_items: unknown component `Build Quality` (expected one of: lower-case words"),
            "{problems}"
        );
        assert!(
            problems.contains("metrics.csi_items.price: a weight must be zero or more"),
            "{problems}"
        );
        assert!(problems.contains("unknown indicator `speed`"), "{problems}");
        assert!(
            problems.contains("metrics.targets.frt_median: write a duration"),
            "{problems}"
        );
        assert!(
            problems.contains("metrics.targets.csat: `1h` is text"),
            "{problems}"
        );
        assert!(problems.contains("unknown component `price`"), "{problems}");
        assert!(MetricsRules::default().check().is_empty());
    }
}
