//! Customer views in the view language of the queues:
//!
//! `tier:diamond,gold stage:at-risk risk:high,medium warranty:<30d org:"Acme" created:<30d city:Shanghai
//!  source:manual care:<7d tag:vip-care,repeat sort:risk "free text"`
//!
//! `warranty:<30d` is a product whose warranty runs out within 30 days (`warranty:expired` one already out);
//! `care:<7d` an open care or win-back task due within 7 days (overdue included); `tag:a,b` a customer tagged a or b. Sorts: `updated` (default),
//! `risk` (highest score first), `created` (newest first), `expiry` (with `warranty:`: the warranty that runs out
//! soonest first, or for `warranty:expired` the one that ran out last) and `due` (with `care:`: the task due
//! soonest, overdue first).

use super::UnknownValue;
use super::crm::{RiskLevel, Stage};
use super::customer::{Tier, TierSource};
use super::query::{Age, ParseError, Problem, age, list, tokens};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CustomerSort {
    #[default]
    Updated,
    Risk,
    Created,
    /// By the customer's product whose warranty the `warranty:` term selects.
    Expiry,
    /// By the customer's open care or win-back task that the `care:` term selects.
    CareDue,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarrantySelect {
    /// Runs out within this many seconds from now (still valid).
    ExpiresWithin(i64),
    Expired,
}

/// A compiled customer view: every `Some` must hold. Times are absolute (resolved against `now`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CustomerFilter {
    pub tiers: Option<Vec<Tier>>,
    pub stages: Option<Vec<Stage>>,
    pub risks: Option<Vec<RiskLevel>>,
    pub source: Option<TierSource>,
    /// (now, selection): the store compares warranty dates with `now`.
    pub warranty: Option<(i64, WarrantySelect)>,
    pub org: Option<String>,
    pub city: Option<String>,
    pub created_after: Option<i64>,
    pub created_before: Option<i64>,
    /// Open care / win-back task due before this moment.
    pub care_due_by: Option<i64>,
    /// Tagged with any of these (lower case).
    pub tags: Option<Vec<String>>,
    pub text: Option<String>,
    pub sort: CustomerSort,
}

pub const FIELDS: &[&str] = &[
    "tier", "stage", "risk", "source", "warranty", "org", "city", "created", "care", "tag", "sort",
];

pub fn parse(input: &str, now: i64) -> Result<CustomerFilter, ParseError> {
    let mut f = CustomerFilter::default();
    let mut text = Vec::new();
    let mut sort_column = 0;
    for t in tokens(input)? {
        let field_value = t.text.split_once(':').filter(|(field, _)| {
            !t.starts_quoted && !field.is_empty() && field.chars().all(|c| c.is_ascii_alphabetic())
        });
        let Some((field, value)) = field_value else {
            text.push(t.text);
            continue;
        };
        // The field is ASCII letters: its length in bytes is its length in characters.
        let vcol = t.column + field.len() + 1;
        let field = field.to_ascii_lowercase();
        if value.is_empty() {
            return Err(ParseError::at(vcol, Problem::NeedsValue { field }));
        }
        match field.as_str() {
            "tier" => f.tiers = Some(list(value, vcol, |s| s.parse())?),
            "stage" => f.stages = Some(list(value, vcol, |s| s.parse())?),
            "risk" => f.risks = Some(list(value, vcol, |s| s.parse())?),
            "source" => {
                f.source = Some(
                    value
                        .parse()
                        .map_err(|e: UnknownValue| ParseError::at(vcol, e.into()))?,
                )
            }
            "warranty" => {
                let sel = if value.eq_ignore_ascii_case("expired") {
                    WarrantySelect::Expired
                } else {
                    match age(value, vcol)? {
                        Age::Within(s) => WarrantySelect::ExpiresWithin(s),
                        Age::OlderThan(_) | Age::Dates(..) => {
                            let problem = Problem::WarrantyValue(value.to_string());
                            return Err(ParseError::at(vcol, problem));
                        }
                    }
                };
                f.warranty = Some((now, sel));
            }
            "tag" | "tags" => {
                f.tags = Some(list(value, vcol, |s| {
                    Ok::<_, std::convert::Infallible>(s.to_lowercase())
                })?)
            }
            "org" => f.org = Some(value.to_string()),
            "city" => f.city = Some(value.to_string()),
            "created" => match age(value, vcol)? {
                Age::Within(s) => f.created_after = Some(now.saturating_sub(s)),
                Age::OlderThan(s) => f.created_before = Some(now.saturating_sub(s)),
                // Customer views have no time zone to hand; dates are read as UTC days.
                Age::Dates(a, b) => {
                    f.created_after = Some(crate::domain::metrics_report::midnight(a, 0));
                    f.created_before = Some(crate::domain::metrics_report::midnight(b, 0) + 86_400);
                }
            },
            "care" => match age(value, vcol)? {
                Age::Within(s) => f.care_due_by = Some(now.saturating_add(s)),
                Age::OlderThan(_) | Age::Dates(..) => {
                    return Err(ParseError::at(vcol, Problem::CareValue(value.to_string())));
                }
            },
            "sort" => {
                f.sort = match value.trim_start_matches('-') {
                    "updated" => CustomerSort::Updated,
                    "risk" => CustomerSort::Risk,
                    "created" => CustomerSort::Created,
                    "expiry" => CustomerSort::Expiry,
                    "due" => CustomerSort::CareDue,
                    other => {
                        let problem = Problem::CustomerSort(other.to_string());
                        return Err(ParseError::at(vcol, problem));
                    }
                };
                sort_column = vcol;
            }
            _ => {
                let problem = Problem::UnknownCustomerField {
                    field,
                    fields: FIELDS,
                };
                return Err(ParseError::at(t.column, problem));
            }
        }
    }
    // These orders are the dates a term selects: without the term there is no date to order by.
    match f.sort {
        CustomerSort::Expiry if f.warranty.is_none() => {
            return Err(ParseError::at(sort_column, Problem::ExpiryNeedsWarranty));
        }
        CustomerSort::CareDue if f.care_due_by.is_none() => {
            return Err(ParseError::at(sort_column, Problem::DueNeedsCare));
        }
        _ => {}
    }
    let joined = text.join(" ");
    f.text = Some(joined).filter(|t| !t.trim().is_empty());
    Ok(f)
}

/// The shipped customer views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CustomerView {
    #[default]
    All,
    Vip,
    AtRisk,
    NewThisMonth,
    WarrantyExpiring,
    CareDue,
}

impl CustomerView {
    pub const ALL: &'static [CustomerView] = &[
        CustomerView::All,
        CustomerView::Vip,
        CustomerView::AtRisk,
        CustomerView::NewThisMonth,
        CustomerView::WarrantyExpiring,
        CustomerView::CareDue,
    ];

    pub fn title(self) -> &'static str {
        match self {
            CustomerView::All => "All",
            CustomerView::Vip => "VIP",
            CustomerView::AtRisk => "At risk",
            CustomerView::NewThisMonth => "New this month",
            CustomerView::WarrantyExpiring => "Warranty expiring",
            CustomerView::CareDue => "Care due",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            CustomerView::All => "all",
            CustomerView::Vip => "vip",
            CustomerView::AtRisk => "at-risk",
            CustomerView::NewThisMonth => "new",
            CustomerView::WarrantyExpiring => "warranty",
            CustomerView::CareDue => "care",
        }
    }

    pub fn parse(name: &str) -> Option<CustomerView> {
        Self::ALL.iter().copied().find(|v| v.name() == name)
    }

    /// The view in the view language.
    pub fn query_text(self) -> &'static str {
        match self {
            CustomerView::All => "",
            CustomerView::Vip => "tier:diamond,gold",
            CustomerView::AtRisk => "risk:medium,high sort:risk",
            CustomerView::NewThisMonth => "created:<30d sort:created",
            CustomerView::WarrantyExpiring => "warranty:<30d sort:expiry",
            CustomerView::CareDue => "care:<7d sort:due",
        }
    }

    /// The view narrowed by typed text (more view language, or words to search).
    pub fn filter(self, extra: &str, now: i64) -> Result<CustomerFilter, ParseError> {
        let base = self.query_text();
        // The typed text starts after the view's own text and one space.
        let offset = base.chars().count() + 1;
        parse(&format!("{base} {extra}"), now).map_err(|e| ParseError {
            // Columns count from the typed text, not the view's own part.
            column: e.column.saturating_sub(offset).max(1),
            problem: e.problem,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_000_000_000;

    #[test]
    fn parses_every_field() {
        let f = parse(
            r#"tier:diamond,gold stage:at-risk risk:high warranty:<30d org:"Acme Ltd" created:<7d city:上海 source:manual care:<7d tag:VIP-care,回头客 sort:risk wang"#,
            NOW,
        )
        .unwrap();
        assert_eq!(f.tiers, Some(vec![Tier::Diamond, Tier::Gold]));
        assert_eq!(f.stages, Some(vec![Stage::AtRisk]));
        assert_eq!(f.risks, Some(vec![RiskLevel::High]));
        assert_eq!(
            f.warranty,
            Some((NOW, WarrantySelect::ExpiresWithin(30 * 86_400)))
        );
        assert_eq!(f.org.as_deref(), Some("Acme Ltd"));
        assert_eq!(f.created_after, Some(NOW - 7 * 86_400));
        assert_eq!(f.city.as_deref(), Some("上海"));
        assert_eq!(f.source, Some(TierSource::Manual));
        assert_eq!(f.care_due_by, Some(NOW + 7 * 86_400));
        assert_eq!(
            f.tags,
            Some(vec!["vip-care".to_string(), "回头客".to_string()])
        );
        assert_eq!(f.sort, CustomerSort::Risk);
        assert_eq!(f.text.as_deref(), Some("wang"));
    }

    #[test]
    fn errors_name_the_field_and_column() {
        let e = parse("tier:gold colour:red", NOW).unwrap_err();
        assert_eq!(e.column, 11);
        assert!(
            matches!(&e.problem, Problem::UnknownCustomerField { field, .. } if field == "colour"),
            "{e}"
        );
        assert!(
            e.to_string().contains("unknown customer field `colour`"),
            "{e}"
        );
        let e = parse("risk:severe", NOW).unwrap_err();
        assert_eq!(e.column, 6);
        assert!(
            e.problem.to_string().contains("none, low, medium, high"),
            "{e}"
        );
        assert!(parse("warranty:>3d", NOW).is_err());
        assert!(parse("sort:name", NOW).is_err());
    }

    #[test]
    fn date_orders_need_the_term_that_selects_the_date() {
        let f = parse("warranty:<30d sort:expiry", NOW).unwrap();
        assert_eq!(f.sort, CustomerSort::Expiry);
        let f = parse("sort:due care:<7d", NOW).unwrap();
        assert_eq!(f.sort, CustomerSort::CareDue);
        let e = parse("tier:gold sort:expiry", NOW).unwrap_err();
        assert_eq!(e.column, 16, "the column of the sort's value");
        assert_eq!(e.problem, Problem::ExpiryNeedsWarranty);
        assert!(e.to_string().contains("warranty:<30d"), "{e}");
        let e = parse("warranty:<30d sort:due", NOW).unwrap_err();
        assert_eq!(e.problem, Problem::DueNeedsCare);
        assert!(e.to_string().contains("care:<7d"), "{e}");
        // A view's own order gives way to a typed one.
        let f = CustomerView::WarrantyExpiring
            .filter("sort:risk", NOW)
            .unwrap();
        assert_eq!(f.sort, CustomerSort::Risk);
        assert_eq!(
            CustomerView::CareDue.filter("", NOW).unwrap().sort,
            CustomerSort::CareDue
        );
        // `CustomerRow::in_live_list` places a row by its update time, as the `all` view orders.
        assert_eq!(
            CustomerView::All.filter("", NOW).unwrap().sort,
            CustomerSort::Updated
        );
    }

    #[test]
    fn built_in_views_parse_and_typed_text_columns_stay_local() {
        for v in CustomerView::ALL {
            v.filter("", NOW).unwrap();
            assert_eq!(CustomerView::parse(v.name()), Some(*v));
        }
        let f = CustomerView::AtRisk.filter("tier:gold", NOW).unwrap();
        assert_eq!(f.risks, Some(vec![RiskLevel::Medium, RiskLevel::High]));
        assert_eq!(f.tiers, Some(vec![Tier::Gold]));
        let e = CustomerView::Vip.filter("stage:bogus", NOW).unwrap_err();
        assert_eq!(e.column, 7);
        let e = CustomerView::All
            .filter("tier:gold mood:x", NOW)
            .unwrap_err();
        assert_eq!(e.column, 11);
        assert_eq!(
            CustomerView::All.filter("  ", NOW).unwrap(),
            CustomerFilter::default()
        );
    }
}
