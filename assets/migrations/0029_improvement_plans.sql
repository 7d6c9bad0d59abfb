-- Improvement plans (PDCA, issue 23): a report's suggestion becomes an action with an owner, a due date and the
-- indicator it should move; its baseline is that indicator when the action was made, so the next report shows
-- before and after.
CREATE TABLE improvement_actions (
    id          TEXT PRIMARY KEY,
    number      INTEGER NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    owner_id    TEXT REFERENCES agents(id),
    due_at      INTEGER NOT NULL,
    indicator   TEXT NOT NULL,
    target      REAL,
    baseline    REAL,
    -- The suggestion rule it came from (`frt-sla` …), if any.
    rule        TEXT,
    status      TEXT NOT NULL DEFAULT 'plan' CHECK (status IN ('plan', 'do', 'check', 'act')),
    note        TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX improvement_actions_due ON improvement_actions(due_at);

CREATE TRIGGER sync_improvement_actions_ai AFTER INSERT ON improvement_actions BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('improvement_actions', new.id);
END;
CREATE TRIGGER sync_improvement_actions_au AFTER UPDATE ON improvement_actions BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('improvement_actions', new.id);
END;
