//! Customer export to CSV or JSON, streamed in keyset pages (never the whole table in memory), optionally with
//! email and phone masked (脱敏). Unmasked personal data is for admins once the database has agents with roles.

use rusqlite::params;

use super::{Result, Store, StoreError};
use crate::domain::mask::{mask_email, mask_phone};
use crate::domain::text::SafeText;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

/// The columns of an export; the CSV header is exactly these, and `import` reads them back.
pub const EXPORT_COLUMNS: &[&str] = &[
    "external_id",
    "name",
    "email",
    "phone",
    "organization",
    "tier",
    "birthday",
    "city",
    "notes",
    "desk_id",
    "tier_source",
    "stage",
    "risk_level",
    "risk_score",
];

const PAGE: i64 = 1_000;

impl Store {
    /// Writes every live customer; returns how many. Unmasked export is refused to non-admins when agents exist.
    pub fn export_customers(
        &self,
        mask: bool,
        format: super::csv_export::ExportFormat,
        out: &mut dyn std::io::Write,
    ) -> Result<usize> {
        if !mask {
            self.require(crate::domain::team::Act::ExportPersonalData)
                .map_err(|e| StoreError::Refused(format!("{e}; or add --mask")))?;
        }
        let io = |e: std::io::Error| StoreError::Refused(format!("cannot write the export: {e}"));
        // One CSV line at a time through a buffer, so the writer never holds `out`.
        let csv_line = |cells: &[&str]| -> Result<Vec<u8>> {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(cells)
                .map_err(|e| StoreError::Refused(e.to_string()))?;
            w.into_inner()
                .map_err(|e| StoreError::Refused(e.to_string()))
        };
        let is_csv = format == ExportFormat::Csv;
        if is_csv {
            out.write_all(&csv_line(EXPORT_COLUMNS)?).map_err(io)?;
        }
        let mut json_out: Vec<u8> = Vec::new();
        let (mut after, mut n) = (0_i64, 0_usize);
        loop {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT c.rid, c.external_id, c.name, c.email, c.phone, o.name, c.tier, c.birthday, c.city, c.notes,
                        c.id, c.tier_source, c.stage, c.risk_level, c.risk_score
                 FROM customers c LEFT JOIN organizations o ON o.id = c.org_id
                 WHERE c.rid > ?1 AND c.merged_into IS NULL AND {} ORDER BY c.rid LIMIT ?2",
                super::bulk_jobs::visible("c")
            ))?;
            let rows: Vec<(i64, Vec<String>)> = stmt
                .query_map(params![after, PAGE], |r| {
                    let mut cells = Vec::with_capacity(EXPORT_COLUMNS.len());
                    for i in 1..=EXPORT_COLUMNS.len() {
                        let v: Option<String> = match r.get_ref(i)? {
                            rusqlite::types::ValueRef::Integer(x) => Some(x.to_string()),
                            rusqlite::types::ValueRef::Null => None,
                            v => Some(
                                String::from_utf8_lossy(v.as_bytes().unwrap_or_default())
                                    .into_owned(),
                            ),
                        };
                        cells.push(v.map(|s| SafeText::new(&s).to_string()).unwrap_or_default());
                    }
                    Ok((r.get(0)?, cells))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let Some(last) = rows.last().map(|(rid, _)| *rid) else {
                break;
            };
            for (_, mut cells) in rows {
                if mask {
                    cells[2] = if cells[2].is_empty() {
                        String::new()
                    } else {
                        mask_email(&cells[2])
                    };
                    cells[3] = mask_phone(&cells[3]);
                }
                match is_csv {
                    true => {
                        let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
                        out.write_all(&csv_line(&refs)?).map_err(io)?;
                    }
                    false => {
                        let obj: serde_json::Map<String, serde_json::Value> = EXPORT_COLUMNS
                            .iter()
                            .zip(cells)
                            .map(|(k, v)| {
                                (
                                    k.to_string(),
                                    if v.is_empty() {
                                        serde_json::Value::Null
                                    } else {
                                        v.into()
                                    },
                                )
                            })
                            .collect();
                        json_out.clear();
                        json_out.extend_from_slice(if n == 0 { b"[\n  " } else { b",\n  " });
                        serde_json::to_writer(&mut json_out, &obj)
                            .map_err(|e| StoreError::Refused(e.to_string()))?;
                        out.write_all(&json_out).map_err(io)?;
                    }
                }
                n += 1;
            }
            after = last;
        }
        if !is_csv {
            out.write_all(if n == 0 { b"[]\n" } else { b"\n]\n" })
                .map_err(io)?;
        }
        out.flush().map_err(io)?;
        Ok(n)
    }
}
