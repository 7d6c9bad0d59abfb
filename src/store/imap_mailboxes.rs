//! How far each IMAP mailbox has been read (`desk mail fetch`). The intake's Message-ID record is what makes a
//! message count once; this bookkeeping is what keeps a fetch from downloading the whole mailbox every minute.
//! Several fetchers may run at once (cron on two machines): the mark only ever moves forward.

use rusqlite::{OptionalExtension, params};

use super::{Result, Store};

/// Where a mailbox was left: its UIDVALIDITY and the highest UID whose message is in desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailboxMark {
    pub uid_validity: u32,
    pub last_uid: u32,
}

impl Store {
    /// The mark of `mailbox` (`user@host:port/folder`), if it was ever fetched.
    pub fn mailbox_mark(&self, mailbox: &str) -> Result<Option<MailboxMark>> {
        // Every fetch starts here: a replica fetching too would take each message twice.
        self.mail_is_the_hubs("fetches the mailboxes")?;
        Ok(self
            .conn
            .query_row(
                "SELECT uid_validity, last_uid FROM imap_mailboxes WHERE mailbox = ?1",
                [mailbox],
                |r| {
                    Ok(MailboxMark {
                        uid_validity: r.get(0)?,
                        last_uid: r.get(1)?,
                    })
                },
            )
            .optional()?)
    }

    /// Records that every message up to `last_uid` of `mailbox` under `uid_validity` is in desk. A new
    /// UIDVALIDITY replaces the old mark; under the same one the mark never moves back (another fetcher may have
    /// gone further meanwhile).
    pub fn set_mailbox_mark(
        &mut self,
        mailbox: &str,
        mark: MailboxMark,
        now: i64,
    ) -> Result<MailboxMark> {
        self.write(|tx, _, _| {
            Ok(tx
                .prepare_cached(
                    "INSERT INTO imap_mailboxes(mailbox, uid_validity, last_uid, fetched_at) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT(mailbox) DO UPDATE SET
                         last_uid = CASE WHEN uid_validity = excluded.uid_validity
                                         THEN max(last_uid, excluded.last_uid) ELSE excluded.last_uid END,
                         uid_validity = excluded.uid_validity,
                         fetched_at = excluded.fetched_at
                     RETURNING uid_validity, last_uid",
                )?
                .query_row(
                    params![mailbox, mark.uid_validity, mark.last_uid, now],
                    |r| {
                        Ok(MailboxMark {
                            uid_validity: r.get(0)?,
                            last_uid: r.get(1)?,
                        })
                    },
                )?)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mark_moves_forward_only_and_restarts_with_a_new_uidvalidity() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("d.db"), super::super::OpenMode::Create).unwrap();
        let b = "desk@127.0.0.1:993/INBOX";
        assert_eq!(s.mailbox_mark(b).unwrap(), None);
        let m = |v, u| MailboxMark {
            uid_validity: v,
            last_uid: u,
        };
        assert_eq!(s.set_mailbox_mark(b, m(7, 40), 1).unwrap(), m(7, 40));
        // A slower fetcher finishing an older batch does not move it back.
        assert_eq!(s.set_mailbox_mark(b, m(7, 12), 2).unwrap(), m(7, 40));
        assert_eq!(s.set_mailbox_mark(b, m(7, 41), 3).unwrap(), m(7, 41));
        // The server renumbered the mailbox: its old UIDs mean nothing now.
        assert_eq!(s.set_mailbox_mark(b, m(9, 3), 4).unwrap(), m(9, 3));
        assert_eq!(s.mailbox_mark(b).unwrap(), Some(m(9, 3)));
        assert_eq!(s.mailbox_mark("other").unwrap(), None);
    }
}
