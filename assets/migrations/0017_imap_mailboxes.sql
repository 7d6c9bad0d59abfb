-- `desk mail fetch`: how far each IMAP mailbox has been read. A mailbox is named by its account and folder
-- (`user@host:port/INBOX`); its UIDs mean something only together with UIDVALIDITY, so a server that renumbers
-- its mailbox is read again from the start (the intake's Message-ID record keeps that from duplicating tickets).
CREATE TABLE imap_mailboxes (
    mailbox      TEXT PRIMARY KEY,
    uid_validity INTEGER NOT NULL,
    last_uid     INTEGER NOT NULL,
    fetched_at   INTEGER NOT NULL
) WITHOUT ROWID;
