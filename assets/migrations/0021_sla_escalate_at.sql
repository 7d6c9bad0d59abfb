-- When the SLA sweep must next look at a ticket: the earliest instant an escalation that has not fired yet falls
-- due (see domain::sla_sweep). The sweep reads due tickets off this index in small batches instead of re-reading
-- every at-risk ticket on every pass. Local to each database (a replica computes its own; it never travels).
ALTER TABLE tickets ADD COLUMN sla_escalate_at INTEGER;
-- Until each ticket's clocks are computed again, its risk point is a safe first look: no escalation falls due
-- before it.
UPDATE tickets SET sla_escalate_at = sla_risk_at WHERE sla_risk_at IS NOT NULL;
-- Breached paused clocks have no risk point but may still owe their escalation.
UPDATE tickets SET sla_escalate_at = sla_due_at
    WHERE sla_escalate_at IS NULL AND sla_due_at IS NOT NULL AND status IN ('new', 'open', 'pending', 'on_hold');
CREATE INDEX tickets_sla_escalate ON tickets(sla_escalate_at) WHERE sla_escalate_at IS NOT NULL;
-- Solved tickets waiting for auto-close: the sweep's other index. `tickets_solved` also holds every closed ticket,
-- so walking it for the few solved ones read most of the history on every pass.
CREATE INDEX tickets_solved_waiting ON tickets(solved_at) WHERE status = 'solved';
