//! Reading import CSV rows: header names (English and Chinese aliases) to fields, and each row checked into a
//! typed record or a reason it is bad. No writes here.

use crate::domain::customer::Tier;
use crate::domain::text::SafeText;
use crate::store::customer_write::plausible_email;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportKind {
    Customers,
    Organizations,
    Products,
    Orders,
}

impl ImportKind {
    pub fn noun(self) -> &'static str {
        match self {
            ImportKind::Customers => "customer",
            ImportKind::Organizations => "organization",
            ImportKind::Products => "product",
            ImportKind::Orders => "order",
        }
    }

    /// The table its rows go to.
    pub(super) fn table(self) -> &'static str {
        match self {
            ImportKind::Customers => "customers",
            ImportKind::Organizations => "organizations",
            ImportKind::Products => "products",
            ImportKind::Orders => "orders",
        }
    }

    /// Canonical field names and the header spellings that mean them.
    fn fields(self) -> &'static [(&'static str, &'static [&'static str])] {
        match self {
            ImportKind::Customers => &[
                (
                    "external_id",
                    &["external_id", "id", "customer_id", "客户编号"],
                ),
                ("name", &["name", "姓名", "客户名称"]),
                ("email", &["email", "e-mail", "邮箱"]),
                ("phone", &["phone", "mobile", "tel", "电话", "手机"]),
                ("organization", &["organization", "org", "company", "公司"]),
                ("tier", &["tier", "等级"]),
                ("birthday", &["birthday", "生日"]),
                ("city", &["city", "城市"]),
                ("notes", &["notes", "备注"]),
                // `computed` in an export means "let the rules decide": such a tier is not pinned on import.
                ("tier_source", &["tier_source"]),
                // What desk derives or assigns itself (in exports): read past, never imported.
                ("ignored", &["desk_id", "stage", "risk_level", "risk_score"]),
            ],
            ImportKind::Organizations => &[
                ("external_id", &["external_id", "id", "org_id"]),
                ("name", &["name", "名称", "公司"]),
                ("tier", &["tier", "等级"]),
                ("notes", &["notes", "备注"]),
            ],
            ImportKind::Products => &[
                ("external_id", &["external_id", "id", "product_id"]),
                ("customer", &["customer", "customer_email", "客户"]),
                ("name", &["name", "product", "产品"]),
                ("serial", &["serial", "serial_number", "序列号"]),
                (
                    "purchased_at",
                    &["purchased_at", "purchase_date", "购买日期"],
                ),
                (
                    "warranty_until",
                    &["warranty_until", "warranty", "保修截止"],
                ),
            ],
            ImportKind::Orders => &[
                ("external_id", &["external_id", "id", "order_id", "订单号"]),
                ("customer", &["customer", "customer_email", "客户"]),
                ("at", &["at", "date", "order_date", "下单时间"]),
                ("amount", &["amount", "total", "金额"]),
                (
                    "delivered_at",
                    &["delivered_at", "delivered", "delivery_date", "签收时间"],
                ),
            ],
        }
    }

    fn required(self) -> &'static [&'static str] {
        match self {
            ImportKind::Customers | ImportKind::Organizations => &["name"],
            ImportKind::Products => &["customer", "name"],
            ImportKind::Orders => &["customer", "at", "amount"],
        }
    }

    /// The canonical field names, for messages.
    fn field_names(self) -> String {
        let names: Vec<&str> = self.fields().iter().map(|(f, _)| *f).collect();
        names.join(", ")
    }

    /// Maps the header to canonical fields; an unknown or missing column is one error naming it.
    pub fn columns(self, header: &[String]) -> Result<Vec<&'static str>, HeaderError> {
        let mut out = Vec::new();
        for (i, h) in header.iter().enumerate() {
            let norm = h.trim().trim_start_matches('\u{feff}').to_lowercase();
            let Some((field, _)) = self
                .fields()
                .iter()
                .find(|(_, names)| names.contains(&norm.as_str()))
            else {
                return Err(HeaderError::UnknownColumn {
                    column: i + 1,
                    header: h.clone(),
                    kind: self,
                });
            };
            if *field != "ignored" && out.contains(field) {
                return Err(HeaderError::Twice {
                    column: i + 1,
                    header: h.clone(),
                    field,
                });
            }
            out.push(*field);
        }
        for field in self.required() {
            if !out.contains(field) {
                return Err(HeaderError::Missing { field, kind: self });
            }
        }
        Ok(out)
    }
}

/// A header that cannot be imported: the whole file is refused. Columns are numbered from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    #[error(
        "column {column} `{header}` is not a {} field (columns: {}; Chinese headers such as 姓名 邮箱 电话 work too)",
        .kind.noun(),
        .kind.field_names()
    )]
    UnknownColumn {
        column: usize,
        header: String,
        kind: ImportKind,
    },
    /// Two columns mean the same field.
    #[error("column {column} `{header}`: `{field}` appears twice")]
    Twice {
        column: usize,
        header: String,
        field: &'static str,
    },
    /// A field every row of this kind needs has no column.
    #[error("the header has no `{field}` column, which every {} needs", .kind.noun())]
    Missing {
        field: &'static str,
        kind: ImportKind,
    },
}

/// Why one row is skipped (or stops an all-or-nothing import); each names its column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowError {
    /// A required field's cell is empty.
    #[error("`{field}` is empty")]
    Empty { field: &'static str },
    #[error("email `{value}` is not an address (name@example.com)")]
    BadEmail { value: String },
    #[error("tier `{value}` is not one of {}", Tier::names())]
    BadTier { value: String },
    #[error("birthday `{value}` is not a date (YYYY-MM-DD or MM-DD)")]
    BadBirthday { value: String },
    /// `field` is purchased_at, warranty_until or at.
    #[error("{field} `{value}` is not a date (YYYY-MM-DD)")]
    BadDate { field: &'static str, value: String },
    #[error("amount `{value}` is not a sum of money (like 1234.50)")]
    BadAmount { value: String },
}

/// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` (UTC) or RFC 3339, as unix seconds.
pub fn parse_time(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(t.timestamp());
    }
    for fmt in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = chrono::NaiveDateTime::parse_from_str(s, fmt) {
            return Some(t.and_utc().timestamp());
        }
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().timestamp())
}

/// `1234.5`, `1,234.50`, `¥12.5`, `￥8` as cents; negative and garbled amounts are None.
pub fn parse_amount(s: &str) -> Option<i64> {
    let t: String = s
        .trim()
        .trim_start_matches(['¥', '￥', '$'])
        .chars()
        .filter(|c| *c != ',')
        .collect();
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty()
        || frac.len() > 2
        || !whole
            .chars()
            .chain(frac.chars())
            .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(frac)
}

/// One row's values by canonical field; empty cells are absent.
pub struct Cells<'a> {
    pub values: Vec<(&'static str, &'a str)>,
}

impl<'a> Cells<'a> {
    pub fn get(&self, field: &str) -> Option<&'a str> {
        self.values
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    pub fn has(&self, field: &str) -> bool {
        self.values.iter().any(|(f, _)| *f == field)
    }

    /// Imported text, stripped of control and escape sequences.
    pub fn text(&self, field: &str) -> Option<String> {
        self.get(field).map(|v| SafeText::new(v).to_string())
    }
}

/// Checks the fields every kind shares; the reason names the column.
pub fn check(kind: ImportKind, c: &Cells<'_>) -> Result<(), RowError> {
    for field in kind.required() {
        if c.get(field).is_none() {
            return Err(RowError::Empty { field });
        }
    }
    let value = |v: &str| v.to_string();
    if let Some(e) = c.get("email").filter(|e| !plausible_email(e)) {
        return Err(RowError::BadEmail { value: value(e) });
    }
    if let Some(t) = c.get("tier").filter(|t| Tier::parse(t).is_none()) {
        return Err(RowError::BadTier { value: value(t) });
    }
    if let Some(b) = c
        .get("birthday")
        .filter(|b| crate::domain::care::month_day(b).is_none())
    {
        return Err(RowError::BadBirthday { value: value(b) });
    }
    for field in ["purchased_at", "warranty_until", "at", "delivered_at"] {
        if let Some(v) = c.get(field).filter(|v| parse_time(v).is_none()) {
            return Err(RowError::BadDate {
                field,
                value: value(v),
            });
        }
    }
    if let Some(a) = c.get("amount").filter(|a| parse_amount(a).is_none()) {
        return Err(RowError::BadAmount { value: value(a) });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_and_dates() {
        assert_eq!(parse_amount("1,234.50"), Some(123_450));
        assert_eq!(parse_amount("¥12.5"), Some(1_250));
        assert_eq!(parse_amount("8"), Some(800));
        assert_eq!(parse_amount("-3"), None);
        assert_eq!(parse_amount("12.345"), None);
        assert_eq!(parse_amount("abc"), None);
        assert_eq!(parse_time("2026-01-02"), Some(1_767_312_000));
        assert_eq!(parse_time("2026-01-02 08:00"), Some(1_767_340_800));
        assert_eq!(parse_time("2026-01-02T08:00:00+08:00"), Some(1_767_312_000));
        assert_eq!(parse_time("02/01/2026"), None);
    }

    /// Found by fuzzing (fuzz/fuzz_targets/csv_rows.rs, minimised): checking this birthday panicked on a byte
    /// index inside `电`.
    #[test]
    fn a_birthday_with_chinese_text_is_refused_not_a_panic() {
        let csv = "客户编号,姓名,邮箱,手机,等级,生日\n,王,,,,1990电话";
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(csv.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let columns = ImportKind::Customers.columns(&header).unwrap();
        let rec = reader.records().next().unwrap().unwrap();
        let cells = Cells {
            values: columns.iter().copied().zip(rec.iter()).collect(),
        };
        assert_eq!(
            check(ImportKind::Customers, &cells).map_err(|e| e.to_string()),
            Err("birthday `1990电话` is not a date (YYYY-MM-DD or MM-DD)".into())
        );
    }

    #[test]
    fn headers_map_to_fields() {
        let h = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            ImportKind::Customers
                .columns(&h(&["姓名", "邮箱", "手机", "等级"]))
                .unwrap(),
            vec!["name", "email", "phone", "tier"]
        );
        let e = ImportKind::Customers
            .columns(&h(&["name", "shoe size"]))
            .unwrap_err();
        assert_eq!(
            e,
            HeaderError::UnknownColumn {
                column: 2,
                header: "shoe size".into(),
                kind: ImportKind::Customers
            }
        );
        assert!(
            e.to_string().starts_with(
                "column 2 `shoe size` is not a customer field (columns: external_id, name, email"
            ),
            "{e}"
        );
        let e = ImportKind::Orders
            .columns(&h(&["customer", "amount"]))
            .unwrap_err();
        assert_eq!(
            e,
            HeaderError::Missing {
                field: "at",
                kind: ImportKind::Orders
            }
        );
        assert_eq!(
            e.to_string(),
            "the header has no `at` column, which every order needs"
        );
        let e = ImportKind::Products
            .columns(&h(&["customer", "name", "产品"]))
            .unwrap_err();
        assert_eq!(e.to_string(), "column 3 `产品`: `name` appears twice");
    }

    #[test]
    fn rows_are_checked_field_by_field() {
        let cells = |values: Vec<(&'static str, &'static str)>| Cells { values };
        let ok = cells(vec![
            ("customer", "a@b.cn"),
            ("at", "2026-01-02"),
            ("amount", "¥8"),
        ]);
        assert_eq!(check(ImportKind::Orders, &ok), Ok(()));
        let e = check(
            ImportKind::Orders,
            &cells(vec![("customer", "a@b.cn"), ("at", " ")]),
        )
        .unwrap_err();
        assert_eq!(e, RowError::Empty { field: "at" });
        assert_eq!(e.to_string(), "`at` is empty");
        let late = cells(vec![("customer", "x"), ("at", "soon"), ("amount", "1")]);
        let e = check(ImportKind::Orders, &late).unwrap_err();
        assert_eq!(
            e,
            RowError::BadDate {
                field: "at",
                value: "soon".into()
            }
        );
        assert_eq!(e.to_string(), "at `soon` is not a date (YYYY-MM-DD)");
        let gold = cells(vec![("name", "王芳"), ("tier", "platinum")]);
        assert_eq!(
            check(ImportKind::Customers, &gold).unwrap_err().to_string(),
            format!("tier `platinum` is not one of {}", Tier::names())
        );
    }
}
