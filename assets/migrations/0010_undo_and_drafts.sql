-- Undo and drafts (issue 16).
--
-- Every change-log entry now names the user action it belongs to: the entries of one transaction, or of every
-- transaction of a bulk change. Undo reverses one action as a new action (history only grows) and records here
-- which action it undid, so the next undo goes one further back.
ALTER TABLE changes ADD COLUMN action TEXT;
CREATE INDEX changes_action ON changes(action) WHERE action IS NOT NULL;
CREATE INDEX changes_actor_seq ON changes(actor, seq) WHERE action IS NOT NULL;

CREATE TABLE undone (
    action    TEXT PRIMARY KEY,   -- the action that was undone
    by_action TEXT NOT NULL,      -- the undo's own action
    at        INTEGER NOT NULL
);
CREATE INDEX undone_by ON undone(by_action);

-- A reply or note an agent postponed from the review screen: one per agent per ticket, kept until sent or
-- discarded. Private to its author, so not in the change log (like presence).
CREATE TABLE drafts (
    ticket_id   TEXT NOT NULL REFERENCES tickets(id),
    author      TEXT NOT NULL,    -- the agent's handle
    internal    INTEGER NOT NULL,
    body        TEXT NOT NULL,
    macro_name  TEXT,             -- a macro's changes go with the reply when it is sent
    article_id  TEXT,             -- an article the reply carries (link or quoted)
    article_how TEXT,
    saved_at    INTEGER NOT NULL,
    PRIMARY KEY (ticket_id, author)
);
