-- Average response and resolution times beside the medians, in business and wall-clock time, and hot topics
-- (issue 23). See docs/METRICS.md.

-- Sums of the clamped times each day's tickets add, for the means (counts come from the cells).
ALTER TABLE metric_days ADD COLUMN frt_sum INTEGER NOT NULL DEFAULT 0;
ALTER TABLE metric_days ADD COLUMN resolution_sum INTEGER NOT NULL DEFAULT 0;
ALTER TABLE metric_days ADD COLUMN frt_wall_sum INTEGER NOT NULL DEFAULT 0;
ALTER TABLE metric_days ADD COLUMN resolution_wall_sum INTEGER NOT NULL DEFAULT 0;

-- The period scans read the wall-clock times (first reply, creation) from their covering indexes; the created
-- one also holds the product, so the hot-topics count per product reads no ticket row.
DROP INDEX IF EXISTS tickets_created_facts;
CREATE INDEX tickets_created_facts ON tickets(
    created_at, channel, kind, priority, assignee_id, group_id, frt_secs, frt_late, status, first_response_at,
    product_id
) WHERE status <> 'merged';
DROP INDEX IF EXISTS tickets_solved_facts;
CREATE INDEX tickets_solved_facts ON tickets(
    solved_at, channel, kind, priority, assignee_id, group_id, resolution_secs, resolution_late, next_reply_late,
    agent_replies, reopens, csat, nps, ces, loop_stage, follow_up_due_at, created_at
) WHERE solved_at IS NOT NULL;

-- The roll-ups built so far lack the new sums and cells: forget them (and the triggers that keep the old columns),
-- so the next report, dashboard or `desk check --repair` rebuilds them.
DROP TRIGGER IF EXISTS metric_rollups_ai;
DROP TRIGGER IF EXISTS metric_rollups_au;
DROP TRIGGER IF EXISTS metric_rollups_ad;
DROP TRIGGER IF EXISTS metric_tags_ai;
DROP TRIGGER IF EXISTS metric_tags_au;
DROP TRIGGER IF EXISTS metric_tags_ad;
DELETE FROM metric_days;
DELETE FROM metric_day_cells;
DELETE FROM metric_complaint_tags;
DELETE FROM meta WHERE key = 'metric_rollups';
