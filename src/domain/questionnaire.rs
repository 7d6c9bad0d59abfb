//! Questionnaires (问卷): a survey's items are the guides' CSI dimensions — product quality, service, price,
//! delivery, after-sales — or a team's own, each scored 1–5 (a five-level Likert scale) and weighted in
//! `[metrics] csi_items`. Over items, CSI = Σ(Sᵢ × Wᵢ) / Σ Wᵢ with Sᵢ the item's mean on 0–100. Formulas:
//! docs/METRICS.md.

use std::collections::BTreeMap;

use serde::Serialize;

/// The scale of every item.
pub const ITEM_MIN: i64 = 1;
pub const ITEM_MAX: i64 = 5;

/// The guides' five dimensions in the guides' order: key, English name, Chinese name.
pub const DIMENSIONS: [(&str, &str, &str); 5] = [
    ("product", "Product quality", "产品质量"),
    ("service", "Service", "服务"),
    ("price", "Price", "价格"),
    ("delivery", "Delivery", "交付"),
    ("after_sales", "After-sales", "售后"),
];

/// The dimensions' names in traditional characters, by key (for customers who write traditional Chinese).
const DIMENSIONS_HANT: [(&str, &str); 5] = [
    ("product", "產品品質"),
    ("service", "服務"),
    ("price", "價格"),
    ("delivery", "交付"),
    ("after_sales", "售後"),
];

/// One configured item.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub key: String,
    pub weight: f64,
}

impl Item {
    fn known(&self) -> Option<&'static (&'static str, &'static str, &'static str)> {
        DIMENSIONS.iter().find(|d| d.0 == self.key)
    }

    /// The English name: the guides' for their dimensions, else the key in words.
    pub fn label(&self) -> String {
        self.known()
            .map_or_else(|| self.key.replace('_', " "), |d| d.1.to_string())
    }

    /// The Chinese name (the key in words for a team's own item).
    pub fn zh_label(&self) -> String {
        self.known()
            .map_or_else(|| self.key.replace('_', " "), |d| d.2.to_string())
    }

    /// The name in traditional characters (the key in words for a team's own item).
    pub fn zh_tw_label(&self) -> String {
        DIMENSIONS_HANT
            .iter()
            .find(|d| d.0 == self.key)
            .map_or_else(|| self.key.replace('_', " "), |d| d.1.to_string())
    }

    /// Every name a customer may write the item under, lower-cased.
    fn names(&self) -> Vec<String> {
        let mut out = vec![
            self.key.clone(),
            self.key.replace('_', " "),
            self.key.replace('_', "-"),
        ];
        if let Some(d) = self.known() {
            out.push(d.1.to_lowercase());
            out.push(d.2.to_string());
            out.push(self.zh_tw_label());
        }
        out
    }
}

/// The items of `[metrics] csi_items`: the guides' dimensions in their order, then a team's own by key.
pub fn items(weights: &BTreeMap<String, f64>) -> Vec<Item> {
    let rank = |k: &str| {
        DIMENSIONS
            .iter()
            .position(|d| d.0 == k)
            .unwrap_or(DIMENSIONS.len())
    };
    let mut out: Vec<Item> = weights
        .iter()
        .map(|(k, w)| Item {
            key: k.clone(),
            weight: *w,
        })
        .collect();
    out.sort_by(|a, b| {
        rank(&a.key)
            .cmp(&rank(&b.key))
            .then_with(|| a.key.cmp(&b.key))
    });
    out
}

/// Whether `key` can name an item: lower-case letters, digits and `_`.
pub fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Answers and the sum of their scores for one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ItemSum {
    pub n: u64,
    pub sum: i64,
}

impl ItemSum {
    pub fn add(&mut self, score: i64) {
        self.n += 1;
        self.sum += score;
    }

    pub fn merge(&mut self, o: ItemSum) {
        self.n += o.n;
        self.sum += o.sum;
    }

    /// The mean score, 1–5.
    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum as f64 / self.n as f64)
    }

    /// Sᵢ: the mean on 0–100 (1 → 0, 3 → 50, 5 → 100), as CSI weighs it.
    pub fn score(&self) -> Option<f64> {
        self.mean()
            .map(|m| (m - ITEM_MIN as f64) / (ITEM_MAX - ITEM_MIN) as f64 * 100.0)
    }
}

/// CSI over items: Σ(Sᵢ × Wᵢ) / Σ Wᵢ over the weighted items that were answered; `None` when none was.
pub fn csi(sums: &BTreeMap<String, ItemSum>, weights: &BTreeMap<String, f64>) -> Option<f64> {
    super::metrics::weighted(weights, |k| sums.get(k).and_then(ItemSum::score))
}

/// An answer that cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ItemError {
    #[error("`{0}` is not an item answer; write it as item=score, like product=4")]
    Malformed(String),
    #[error(
        "unknown questionnaire item `{item}` (expected one of: {known}; items are set in [metrics] csi_items)"
    )]
    Unknown { item: String, known: String },
    #[error("{item} is {score}; an item is scored {ITEM_MIN}–{ITEM_MAX}")]
    OffScale { item: String, score: i64 },
    #[error("{0} is answered twice")]
    Twice(String),
}

/// Parses `product=4` (or `product:4`).
pub fn parse_answer(s: &str) -> Result<(String, i64), ItemError> {
    let (k, v) = s
        .split_once(['=', ':'])
        .ok_or_else(|| ItemError::Malformed(s.to_string()))?;
    let score = v
        .trim()
        .parse::<i64>()
        .map_err(|_| ItemError::Malformed(s.to_string()))?;
    Ok((k.trim().to_lowercase().replace('-', "_"), score))
}

/// Checks answers: each on the scale, once, and (when `items` is given) one of the configured items.
pub fn check(answers: &[(String, i64)], items: Option<&[Item]>) -> Result<(), ItemError> {
    for (i, (key, score)) in answers.iter().enumerate() {
        if let Some(items) = items
            && !items.iter().any(|it| &it.key == key)
        {
            return Err(ItemError::Unknown {
                item: key.clone(),
                known: items
                    .iter()
                    .map(|it| it.key.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        if !(ITEM_MIN..=ITEM_MAX).contains(score) {
            return Err(ItemError::OffScale {
                item: key.clone(),
                score: *score,
            });
        }
        if answers.iter().take(i).any(|(k, _)| k == key) {
            return Err(ItemError::Twice(key.clone()));
        }
    }
    Ok(())
}

/// An item answered on one line of a mail reply: `Product quality: 4`, `产品质量：４`, `- price 3`. `None` for any
/// other line, or a score off the scale.
pub fn reply_line(line: &str, items: &[Item]) -> Option<(String, i64)> {
    let line = line.trim().trim_start_matches(['-', '*', '•', '·']).trim();
    let digit_at = line.find(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))?;
    let (name, rest) = line.split_at_checked(digit_at)?;
    let name = name
        .trim()
        .trim_end_matches([':', '：', '=', '-'])
        .trim()
        .to_lowercase();
    let item = items.iter().find(|it| it.names().contains(&name))?;
    let d = rest.chars().next()?;
    let score = d
        .to_digit(10)
        .map(i64::from)
        .or_else(|| ('０'..='９').contains(&d).then(|| d as i64 - '０' as i64))?;
    // "Price: 10" is no answer on a 1–5 scale: the digit must stand alone.
    let after = rest.chars().nth(1);
    let alone = after.is_none_or(|c| !c.is_ascii_digit() && !('０'..='９').contains(&c));
    ((ITEM_MIN..=ITEM_MAX).contains(&score) && alone).then(|| (item.key.clone(), score))
}

/// The questionnaire's lines for the survey mail, one per item with the score left to fill in.
pub fn mail_lines(items: &[Item], lang: super::mail_loop::Lang) -> String {
    use super::mail_loop::Lang;
    items
        .iter()
        .map(|it| match lang {
            Lang::Zh => format!("{}：", it.zh_label()),
            Lang::ZhTw => format!("{}：", it.zh_tw_label()),
            Lang::En => format!("{}: ", it.label()),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One item in the report: its weight, answers, mean and score now and in the previous period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemRow {
    pub item: String,
    pub label: String,
    pub weight: f64,
    pub answers: u64,
    pub mean: Option<f64>,
    pub score: Option<f64>,
    pub previous_score: Option<f64>,
}

/// The report's rows: every configured item, then any answered item no longer configured (weight 0).
pub fn report_rows(
    current: &BTreeMap<String, ItemSum>,
    previous: &BTreeMap<String, ItemSum>,
    weights: &BTreeMap<String, f64>,
) -> Vec<ItemRow> {
    let mut all = weights.clone();
    for k in current.keys() {
        all.entry(k.clone()).or_insert(0.0);
    }
    items(&all)
        .into_iter()
        .map(|it| {
            let now = current.get(&it.key).copied().unwrap_or_default();
            ItemRow {
                label: it.label(),
                weight: it.weight,
                answers: now.n,
                mean: now.mean(),
                score: now.score(),
                previous_score: previous.get(&it.key).and_then(ItemSum::score),
                item: it.key,
            }
        })
        .collect()
}

#[cfg(test)]
#[path = "questionnaire_tests.rs"]
mod tests;
