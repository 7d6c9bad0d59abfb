-- `sort:priority` in the view language: the priority as a number (urgent 0 … low 3), so a list sorted by it is
-- keyset-paged on (priority_rank, rid) like every other list, and walks an index instead of sorting. Virtual: it
-- costs no space in the table, only in the indexes.
ALTER TABLE tickets ADD COLUMN priority_rank INTEGER GENERATED ALWAYS AS (
    CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END
) VIRTUAL;
-- The open queues by priority (the literal open set the store emits, as for tickets_open_updated) …
CREATE INDEX tickets_open_priority ON tickets(priority_rank)
    WHERE status IN ('new', 'open', 'pending', 'on_hold');
-- … and every ticket by priority (the All tickets view).
CREATE INDEX tickets_priority ON tickets(priority_rank);
