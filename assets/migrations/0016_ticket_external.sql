-- Tickets moved in from another help desk (`desk ticket import`) keep that system's id: importing the same file
-- again skips them.
ALTER TABLE tickets ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX tickets_external ON tickets(external_id) WHERE external_id IS NOT NULL;
