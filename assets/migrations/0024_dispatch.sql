-- Dispatch (issue 22): groups are archived and hand out their tickets by a strategy; agents have a capacity, an
-- availability they switch themselves, working hours (an SLA calendar by name) and skills.
ALTER TABLE groups ADD COLUMN archived_at INTEGER;
ALTER TABLE groups ADD COLUMN assignment TEXT NOT NULL DEFAULT 'manual'
    CHECK (assignment IN ('manual', 'round_robin', 'least_load', 'skills'));
-- Round-robin continues after the member who got the group's last ticket.
ALTER TABLE groups ADD COLUMN last_assigned TEXT REFERENCES agents(id);

ALTER TABLE agents ADD COLUMN capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0);
ALTER TABLE agents ADD COLUMN availability TEXT NOT NULL DEFAULT 'on_duty'
    CHECK (availability IN ('on_duty', 'away', 'off'));
ALTER TABLE agents ADD COLUMN calendar TEXT;

-- `key:value`, lower-case: product:…, category:…, kind:…, city:…, region:…, lang:…
CREATE TABLE agent_skills (
    agent_id TEXT NOT NULL REFERENCES agents(id),
    skill    TEXT NOT NULL,
    PRIMARY KEY (agent_id, skill)
) WITHOUT ROWID;

CREATE TRIGGER sync_agent_skills_ai AFTER INSERT ON agent_skills BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('agent_skills', json_array(new.agent_id, new.skill));
END;
CREATE TRIGGER sync_agent_skills_ad AFTER DELETE ON agent_skills BEGIN
    INSERT INTO sync_rows(tbl, key) VALUES ('agent_skills', json_array(old.agent_id, old.skill));
END;
