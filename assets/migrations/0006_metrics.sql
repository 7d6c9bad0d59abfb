-- Service-quality metrics (issue 7). Each ticket carries its own measurements, computed by the store from the
-- ticket's history and SLA clocks whenever the ticket is written (business seconds need the calendar, which SQL
-- cannot evaluate). Reports then aggregate these columns over covering indexes, never the whole history.

ALTER TABLE tickets ADD COLUMN frt_secs INTEGER;        -- business seconds to the first public reply
ALTER TABLE tickets ADD COLUMN resolution_secs INTEGER; -- business seconds to solved, pauses excluded
ALTER TABLE tickets ADD COLUMN frt_late INTEGER;        -- 1: first-response target missed, 0: met, NULL: no target
ALTER TABLE tickets ADD COLUMN resolution_late INTEGER;
ALTER TABLE tickets ADD COLUMN next_reply_late INTEGER; -- the latest next-reply clock
ALTER TABLE tickets ADD COLUMN agent_replies INTEGER NOT NULL DEFAULT 0; -- public agent replies
ALTER TABLE tickets ADD COLUMN reopens INTEGER NOT NULL DEFAULT 0;       -- times solved/closed became active again
ALTER TABLE tickets ADD COLUMN csat INTEGER;             -- latest survey scores about this ticket
ALTER TABLE tickets ADD COLUMN nps INTEGER;
ALTER TABLE tickets ADD COLUMN ces INTEGER;
ALTER TABLE tickets ADD COLUMN measured INTEGER NOT NULL DEFAULT 0; -- 1 once the columns above are computed

-- Tickets answered or solved before this migration, or loaded in bulk, wait here to be measured.
CREATE INDEX tickets_unmeasured ON tickets(rid)
    WHERE measured = 0 AND (first_response_at IS NOT NULL OR solved_at IS NOT NULL);

-- One index-only range scan per period: tickets created in it (volume, first response) and solved in it
-- (resolution, SLA, first-contact resolution, reopens, surveys, follow-up). The dimensions a report groups by are
-- in the index so grouping never visits the table; tier lives on customers and is joined only when asked for.
-- (status is listed although the WHERE fixes it: SQLite reads a column of a partial index's WHERE from the table
-- unless the index holds it, and that would cost a row lookup per ticket.)
CREATE INDEX tickets_created_facts ON tickets(
    created_at, channel, kind, priority, assignee_id, group_id, frt_secs, frt_late, status
) WHERE status <> 'merged';
CREATE INDEX tickets_solved_facts ON tickets(
    solved_at, channel, kind, priority, assignee_id, group_id, resolution_secs, resolution_late, next_reply_late,
    agent_replies, reopens, csat, nps, ces, loop_stage, follow_up_due_at
) WHERE solved_at IS NOT NULL;

-- A ticket's latest score of each kind, looked up whenever the ticket is measured.
CREATE INDEX surveys_ticket_kind ON surveys(ticket_id, kind, at);
