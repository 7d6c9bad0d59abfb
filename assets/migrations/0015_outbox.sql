-- Mail out (issue 18): a reply to a mail ticket is queued here in the same transaction as the message, so nothing is
-- lost between the agent's y and the SMTP server; a sender claims due rows with a lease and delivers each at least
-- once, always with the Message-ID recorded here (a resend after a crash is recognisably the same message).
CREATE TABLE outbox (
    rid             INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    ticket_id       TEXT NOT NULL REFERENCES tickets(id),
    message_id      TEXT REFERENCES messages(id),
    kind            TEXT NOT NULL CHECK (kind IN ('reply', 'acknowledgement', 'survey')),
    to_addr         TEXT NOT NULL,
    cc              TEXT NOT NULL DEFAULT '',         -- comma-separated
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    mail_message_id TEXT NOT NULL UNIQUE,             -- without angle brackets
    in_reply_to     TEXT,
    refs            TEXT NOT NULL DEFAULT '',         -- space-separated Message-IDs, oldest first
    state           TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,                 -- for 'sending', when the claim's lease runs out
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER
);
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE state IN ('queued', 'sending');
CREATE INDEX outbox_ticket ON outbox(ticket_id, rid);
