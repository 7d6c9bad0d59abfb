-- Quality inspection (质检, issue 23): leads sample solved tickets into a QA queue and score each on the rubric of
-- `[qa]`. A ticket is sampled at most once (the ticket is the key, so two replicas sampling it merge into one
-- row); its reviews are whole rows, one per reviewer, so two leads scoring the same ticket are a calibration pair.
CREATE TABLE qa_samples (
    ticket_id  TEXT PRIMARY KEY REFERENCES tickets(id),
    -- The agent whose work is reviewed: the ticket's assignee when it was sampled.
    agent_id   TEXT REFERENCES agents(id),
    reason     TEXT NOT NULL CHECK (reason IN ('random', 'complaint', 'low_score', 'manual')),
    -- The ISO week the ticket was solved in (`2026-W47`): random draws are counted per agent and week.
    week       TEXT NOT NULL,
    sampled_at INTEGER NOT NULL,
    sampled_by TEXT
);
-- The queue pages by time; sampling counts an agent's draws of a week.
CREATE INDEX qa_samples_at ON qa_samples(sampled_at);
CREATE INDEX qa_samples_week ON qa_samples(week, agent_id);

CREATE TABLE qa_reviews (
    id              TEXT PRIMARY KEY,
    ticket_id       TEXT NOT NULL REFERENCES qa_samples(ticket_id),
    agent_id        TEXT REFERENCES agents(id),
    -- The lead's handle, as the change log names actors.
    reviewer        TEXT NOT NULL,
    -- Each criterion as scored, with the rubric's label, weight, max and critical flag at the time (JSON array).
    scores          TEXT NOT NULL,
    total           REAL NOT NULL CHECK (total >= 0 AND total <= 100),
    failed_critical INTEGER NOT NULL DEFAULT 0 CHECK (failed_critical IN (0, 1)),
    comment         TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL
);
CREATE INDEX qa_reviews_ticket ON qa_reviews(ticket_id, created_at);
CREATE INDEX qa_reviews_agent ON qa_reviews(agent_id, created_at);
CREATE INDEX qa_reviews_at ON qa_reviews(created_at);

CREATE TRIGGER sync_qa_samples_ai AFTER INSERT ON qa_samples BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('qa_samples', new.ticket_id);
END;
CREATE TRIGGER sync_qa_samples_au AFTER UPDATE ON qa_samples BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('qa_samples', new.ticket_id);
END;
CREATE TRIGGER sync_qa_reviews_ai AFTER INSERT ON qa_reviews BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('qa_reviews', new.id);
END;
CREATE TRIGGER sync_qa_reviews_au AFTER UPDATE ON qa_reviews BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('qa_reviews', new.id);
END;
