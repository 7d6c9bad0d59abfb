-- When a ticket loaded in bulk was loaded (issue 16: a paused ticket whose priority changes stays paused).
--
-- desk logs every status change of the tickets it writes; tickets loaded in bulk (the demo, imports) have none,
-- and their SLA history is inferred from the stamps they carry. The start of a loaded pending ticket's pause was
-- read from `updated_at`, which every later write moves: a priority change on a pending ticket counted the whole
-- pause as running time and showed it breached. `loaded_at` keeps the instant of the loaded state; NULL for
-- tickets desk created (their history is logged from the start).
ALTER TABLE tickets ADD COLUMN loaded_at INTEGER;

-- A loaded ticket written to since has lost its loaded `updated_at`; its first logged change is the latest the
-- loaded state can have held until.
UPDATE tickets SET loaded_at = min(
    updated_at,
    coalesce((SELECT min(c.at) FROM changes c WHERE c.entity = 'ticket' AND c.entity_id = tickets.id), updated_at)
)
WHERE NOT EXISTS (
    SELECT 1 FROM changes c WHERE c.entity = 'ticket' AND c.entity_id = tickets.id AND c.field = 'created'
);
