-- Questionnaires (issue 23): a survey can carry items, the guides' CSI dimensions (product, service, price,
-- delivery, after-sales, or a team's own), each scored 1–5; CSI is then Σ(Sᵢ × Wᵢ) / Σ Wᵢ over the items. One row
-- per item answered; the rows of one answer share `at`.
CREATE TABLE survey_items (
    id          TEXT PRIMARY KEY,
    ticket_id   TEXT NOT NULL REFERENCES tickets(id),
    item        TEXT NOT NULL,
    score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    at          INTEGER NOT NULL
);
-- The report reads a period's answers by time with the ticket they are about (index-only).
CREATE INDEX survey_items_at ON survey_items(at, item, score, ticket_id);
CREATE INDEX survey_items_ticket ON survey_items(ticket_id, at);

CREATE TRIGGER sync_survey_items_ai AFTER INSERT ON survey_items BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('survey_items', new.id);
END;
CREATE TRIGGER sync_survey_items_au AFTER UPDATE ON survey_items BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('survey_items', new.id);
END;
