-- Team mode (issue 8): who is looking at or answering which ticket right now.
-- Presence is ephemeral coordination, not data: rows expire, are overwritten by heartbeats and are not in the
-- change log (logging a heartbeat every few seconds per agent would drown the audit history).
CREATE TABLE presence (
    agent      TEXT NOT NULL,   -- the agent's handle, as the change log names actors
    ticket_id  TEXT NOT NULL REFERENCES tickets(id),
    activity   TEXT NOT NULL CHECK (activity IN ('viewing', 'replying')),
    since      INTEGER NOT NULL,
    heartbeat  INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (agent, ticket_id)
) WITHOUT ROWID;
CREATE INDEX presence_ticket ON presence(ticket_id, expires_at);
