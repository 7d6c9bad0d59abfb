-- The service loop as the guides run it (issue 23).

-- An agent's public reply may propose a solution: the 3-5-7 rule's first-solution clock stops at the first one.
ALTER TABLE messages ADD COLUMN solution INTEGER NOT NULL DEFAULT 0 CHECK (solution IN (0, 1));

-- Why a ticket was closed: an open ticket closes only once solved and followed up, unless its reason skips the
-- closed loop (spam, a duplicate: `[loop] skip_loop_reasons`).
ALTER TABLE tickets ADD COLUMN close_reason TEXT;

-- The complaint procedure's records: registering needs a category and a severity, investigating a responsible
-- person, resolving a root cause (`[loop] complaint_root_causes`) and a resolution note.
ALTER TABLE tickets ADD COLUMN complaint_category TEXT;
ALTER TABLE tickets ADD COLUMN complaint_severity TEXT
    CHECK (complaint_severity IN ('minor', 'major', 'critical'));
ALTER TABLE tickets ADD COLUMN complaint_owner_id TEXT REFERENCES agents(id);
ALTER TABLE tickets ADD COLUMN root_cause TEXT;
ALTER TABLE tickets ADD COLUMN complaint_resolution TEXT;

-- The report's complaint cause analysis (分类汇总，分析共性原因) counts a period's complaints by root cause, product
-- and group from this index alone: it holds complaints only, so it stays small.
CREATE INDEX tickets_complaints_created ON tickets(created_at, root_cause, product_id, group_id)
    WHERE kind = 'complaint' AND status <> 'merged';
