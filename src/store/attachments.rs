//! Attachments as stored by the intake: listed per ticket (by message), and their bytes for `desk attachment save`.

use rusqlite::{OptionalExtension, params};

use super::{Result, Store};
use crate::domain::text::SafeText;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AttachmentRow {
    pub id: String,
    pub message_id: String,
    pub name: SafeText,
    pub content_type: SafeText,
    pub size: i64,
    /// SHA-256 of the contents, hex.
    pub sha256: String,
}

const COLUMNS: &str = "id, message_id, name, content_type, size, hash";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AttachmentRow> {
    Ok(AttachmentRow {
        id: r.get(0)?,
        message_id: r.get(1)?,
        name: SafeText::new(&r.get::<_, String>(2)?),
        content_type: SafeText::new(&r.get::<_, String>(3)?),
        size: r.get(4)?,
        sha256: r.get(5)?,
    })
}

impl Store {
    /// A ticket's attachments, in the order they arrived.
    pub fn attachments(&self, ticket_id: &str) -> Result<Vec<AttachmentRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM attachments WHERE ticket_id = ?1 ORDER BY rid"
        ))?;
        let rows = stmt.query_map(params![ticket_id], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One attachment and its bytes, by id (a unique prefix of at least 6 characters also works).
    pub fn attachment_content(&self, id: &str) -> Result<Option<(AttachmentRow, Vec<u8>)>> {
        let id = id.trim();
        let found: Vec<AttachmentRow> = if id.len() >= 6 {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM attachments WHERE id >= ?1 AND id < ?1 || x'7f' ORDER BY id LIMIT 2"
            ))?;
            stmt.query_map(params![id.to_ascii_uppercase()], row)?
                .collect::<rusqlite::Result<_>>()?
        } else {
            Vec::new()
        };
        let [a] = found.as_slice() else {
            return Ok(None);
        };
        let bytes: Option<Vec<u8>> = self
            .conn
            .prepare_cached("SELECT data FROM attachment_blobs WHERE hash = ?1")?
            .query_row(params![a.sha256], |r| r.get(0))
            .optional()?;
        Ok(bytes.map(|b| (a.clone(), b)))
    }

    /// The people copied on a ticket's mail.
    pub fn collaborators(&self, ticket_id: &str) -> Result<Vec<SafeText>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT email FROM ticket_collaborators WHERE ticket_id = ?1 ORDER BY email",
        )?;
        let rows = stmt.query_map(params![ticket_id], |r| {
            Ok(SafeText::new(&r.get::<_, String>(0)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
