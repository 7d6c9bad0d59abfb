-- SLA clocks and the closed service loop. The clock columns are a cache of `domain::sla` over the ticket's
-- history and the configured policies (not user data, so not in the change log): they let views filter and sort
-- by due time through an index. `sla_stamp` names the rules they were computed with; NULL means "compute again".
ALTER TABLE tickets ADD COLUMN sla_policy TEXT;
ALTER TABLE tickets ADD COLUMN sla_target TEXT;     -- the clock a queue shows: first_response | next_reply | resolution
ALTER TABLE tickets ADD COLUMN sla_due_at INTEGER;  -- when it falls due; NULL while paused or with no running clock
ALTER TABLE tickets ADD COLUMN sla_risk_at INTEGER; -- when it passes the at-risk share
ALTER TABLE tickets ADD COLUMN sla_paused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN sla_remaining INTEGER; -- business seconds left when paused (negative: breached)
ALTER TABLE tickets ADD COLUMN sla_stamp TEXT;
-- solved → followed_up → surveyed; NULL while the ticket is being worked.
ALTER TABLE tickets ADD COLUMN loop_stage TEXT CHECK (loop_stage IN ('solved', 'followed_up', 'surveyed'));
-- Due time of the open follow-up task (回访), so "Follow-ups due" is an index range.
ALTER TABLE tickets ADD COLUMN follow_up_due_at INTEGER;
ALTER TABLE tickets ADD COLUMN complaint_stage TEXT
    CHECK (complaint_stage IN ('received', 'registered', 'investigating', 'resolved', 'revisited'));
ALTER TABLE tasks ADD COLUMN outcome TEXT;

UPDATE tickets SET complaint_stage = CASE
    WHEN status IN ('solved', 'closed') THEN 'resolved' ELSE 'received' END
WHERE kind = 'complaint';

CREATE INDEX tickets_sla_due ON tickets(sla_due_at) WHERE sla_due_at IS NOT NULL;
CREATE INDEX tickets_sla_risk ON tickets(sla_risk_at) WHERE sla_risk_at IS NOT NULL;
CREATE INDEX tickets_sla_paused ON tickets(updated_at) WHERE sla_paused = 1;
CREATE INDEX tickets_sla_stale ON tickets(rid)
    WHERE sla_stamp IS NULL AND status IN ('new', 'open', 'pending', 'on_hold');
CREATE INDEX tickets_follow_up_due ON tickets(follow_up_due_at) WHERE follow_up_due_at IS NOT NULL;
CREATE INDEX tasks_open_ticket ON tasks(ticket_id, kind) WHERE done_at IS NULL;

-- One row per escalation rule fired on one clock (identified by its start). The UNIQUE key is what makes
-- `desk sla run` idempotent and exactly-once across processes: the insert that wins does the actions.
CREATE TABLE escalations (
    id          TEXT PRIMARY KEY,
    ticket_id   TEXT NOT NULL REFERENCES tickets(id),
    rule        TEXT NOT NULL,
    target      TEXT NOT NULL,
    clock_start INTEGER NOT NULL,
    state       TEXT NOT NULL,
    actions     TEXT NOT NULL,
    actor       TEXT,
    at          INTEGER NOT NULL,
    UNIQUE (ticket_id, rule, target, clock_start)
);
CREATE INDEX escalations_at ON escalations(at);
