-- The intake path (issue 18): every outside delivery (a mail, an `desk ingest` record) is recorded once, by its
-- source and external id, so fetching the same mailbox twice or from two machines ingests each message once.
CREATE TABLE inbound (
    source      TEXT NOT NULL,              -- 'mail' for every mailbox (one Message-ID is one message), else the channel
    external_id TEXT NOT NULL,              -- the Message-ID, or the bridge's message id
    outcome     TEXT NOT NULL CHECK (outcome IN ('created', 'threaded', 'noted', 'ignored')),
    reason      TEXT,                       -- why a message was only noted or ignored (an auto-reply, a bounce …)
    ticket_id   TEXT REFERENCES tickets(id),
    message_id  TEXT REFERENCES messages(id),
    sender      TEXT,                       -- the sender's address or id as matched, for the per-sender rate limit
    thread_key  TEXT,                       -- a bridge's conversation key
    at          INTEGER NOT NULL,
    PRIMARY KEY (source, external_id)
) WITHOUT ROWID;
CREATE INDEX inbound_sender ON inbound(sender, at) WHERE sender IS NOT NULL;
CREATE INDEX inbound_thread ON inbound(source, thread_key, at) WHERE thread_key IS NOT NULL;

-- Threading by In-Reply-To / References looks up the Message-IDs desk received and (later) sent.
CREATE INDEX messages_mail_id ON messages(mail_message_id) WHERE mail_message_id IS NOT NULL;

-- WeChat and App bridges name a customer by an id of their own.
ALTER TABLE customers ADD COLUMN wechat_openid TEXT;
CREATE UNIQUE INDEX customers_wechat ON customers(wechat_openid) WHERE wechat_openid IS NOT NULL;

-- People copied on a ticket's mail: their answers thread onto it and they may name it by its [#N] token.
CREATE TABLE ticket_collaborators (
    ticket_id TEXT NOT NULL REFERENCES tickets(id),
    email     TEXT NOT NULL,                -- lower-cased
    added_at  INTEGER NOT NULL,
    PRIMARY KEY (ticket_id, email)
) WITHOUT ROWID;

-- Attachment contents stored once by SHA-256 (a logo in every signature is one row), in a rowid table so large
-- values sit in overflow pages rather than in the index.
CREATE TABLE attachment_blobs (
    rid  INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE attachments (
    rid          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    ticket_id    TEXT NOT NULL REFERENCES tickets(id),
    message_id   TEXT NOT NULL REFERENCES messages(id),
    name         TEXT NOT NULL,             -- made safe on the way in
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    hash         TEXT NOT NULL REFERENCES attachment_blobs(hash),
    created_at   INTEGER NOT NULL
);
CREATE INDEX attachments_ticket ON attachments(ticket_id, rid);
CREATE INDEX attachments_message ON attachments(message_id);
